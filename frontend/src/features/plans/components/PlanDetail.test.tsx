import { describe, expect, it } from 'vitest';
import { screen, within } from '@testing-library/react';
import { renderWithProviders } from '../../../test/render';
import { plan } from '../testPlan';
import { PlanDetail } from './PlanDetail';

describe('PlanDetail', () => {
  it('shows every section of the plan in Chinese, the rules in words and the fee in 元', () => {
    renderWithProviders(<PlanDetail plan={plan} />);
    for (const title of ['基本信息', '评审计划说明', '附件要求', '申报对象资格', '可评审专业', '受理评审委员会', '申报时间', '评审费']) {
      expect(screen.getByRole('heading', { name: title })).toBeInTheDocument();
    }
    const attachments = screen.getByTestId('plan-attachments');
    expect(within(attachments).getAllByRole('columnheader').map((th) => th.textContent)).toEqual(['#', '必要', '材料名称', '类型']);
    expect(within(attachments).getByText('单位推荐意见表')).toBeInTheDocument();
    expect(within(attachments).getByText('PDF、JPG、PNG')).toBeInTheDocument();
    expect(within(screen.getByTestId('plan-rules')).getAllByRole('listitem')).toHaveLength(5);
    expect(screen.getByTestId('plan-fee-value')).toHaveTextContent('450.00 元');
    expect(screen.getByText('副高级（高级工程师）')).toBeInTheDocument();
    // the applicant's view leaves out the status and the eligible affiliations
    expect(screen.queryByTestId('plan-status')).toBeNull();
    expect(screen.queryByText('宁波市水利局')).toBeNull();
  });

  it('names the accepting department for 认定 and shows the status to staff', () => {
    renderWithProviders(<PlanDetail plan={{ ...plan, plan_type: 'recognition', plan_type_label: '认定', rules: {} }} staffView />);
    expect(screen.getByRole('heading', { name: '受理部门' })).toBeInTheDocument();
    expect(screen.queryByTestId('plan-rules')).toBeNull();
    expect(screen.getByTestId('plan-status')).toHaveTextContent('已发布');
    expect(screen.getByText('宁波市水利局')).toBeInTheDocument();
  });
});
