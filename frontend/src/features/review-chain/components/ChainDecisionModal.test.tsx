import { describe, expect, it, vi } from 'vitest';
import { fireEvent, screen, waitFor } from '@testing-library/react';
import { renderWithProviders } from '../../../test/render';
import type { ReviewDetail } from '../api';
import { ChainDecisionModal } from './ChainDecisionModal';

const DECLARATION = '本单位声明：申报人员无违法乱纪、无重大工作失误，所报评审材料真实可靠，经审核属实。如有失实，愿承担相应责任。';

// Only what the modal reads: the sections and attachments of the view and the actions.
const detail = {
  view: { sections: [{ no: 2, title: '教育经历' }], attachments: [{ no: 1, name: '单位推荐意见表', required: true }] },
  actions: { pass: true, fail: true, return: true, recommend: false, pass_label: '通过', default_opinion: DECLARATION },
} as unknown as ReviewDetail;

describe('ChainDecisionModal', () => {
  it('prefills the pass opinion with the unit declaration and submits it', async () => {
    const onSubmit = vi.fn().mockResolvedValue(undefined);
    renderWithProviders(<ChainDecisionModal decision="pass" detail={detail} onCancel={() => {}} onSubmit={onSubmit} />);
    expect(screen.getByText('填写审核通过意见')).toBeInTheDocument();
    expect(screen.getByTestId('decision-opinion')).toHaveValue(DECLARATION);
    fireEvent.click(screen.getByTestId('decision-submit'));
    await waitFor(() => expect(onSubmit).toHaveBeenCalledWith({ decision: 'pass', opinion: DECLARATION }));
  });

  it('needs the reason of a fail', async () => {
    const onSubmit = vi.fn().mockResolvedValue(undefined);
    renderWithProviders(<ChainDecisionModal decision="fail" detail={detail} onCancel={() => {}} onSubmit={onSubmit} />);
    fireEvent.click(screen.getByTestId('decision-submit'));
    expect(await screen.findByText('请填写不通过意见')).toBeInTheDocument();
    expect(onSubmit).not.toHaveBeenCalled();
    fireEvent.change(screen.getByTestId('decision-opinion'), { target: { value: '不符合申报条件' } });
    fireEvent.click(screen.getByTestId('decision-submit'));
    await waitFor(() => expect(onSubmit).toHaveBeenCalledWith({ decision: 'fail', opinion: '不符合申报条件' }));
  });

  it('asks for the section and the comment of every return item, and items can be added and removed', async () => {
    const onSubmit = vi.fn().mockResolvedValue(undefined);
    renderWithProviders(<ChainDecisionModal decision="return" detail={detail} onCancel={() => {}} onSubmit={onSubmit} />);
    expect(screen.getAllByTestId('return-item')).toHaveLength(1);
    fireEvent.click(screen.getByTestId('return-item-add'));
    expect(screen.getAllByTestId('return-item')).toHaveLength(2);
    fireEvent.click(screen.getAllByText('删除')[1]);
    await waitFor(() => expect(screen.getAllByTestId('return-item')).toHaveLength(1));
    fireEvent.click(screen.getByTestId('decision-submit'));
    expect(await screen.findByText('请选择需修改的部分')).toBeInTheDocument();
    expect(screen.getByText('请写明需要修改的内容')).toBeInTheDocument();
    expect(onSubmit).not.toHaveBeenCalled();
  });
});
