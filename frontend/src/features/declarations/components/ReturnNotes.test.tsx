import { describe, expect, it, vi } from 'vitest';
import { fireEvent, screen, within } from '@testing-library/react';
import { renderWithProviders } from '../../../test/render';
import { ReturnAlert, ReturnMarks } from './ReturnNotes';
import type { ReturnRecord } from '../returns';

const ret: ReturnRecord = {
  id: 'r1',
  declaration_id: 'd1',
  unit: { id: 'u1', name: '宁波市水利局', kind: 'competent' },
  actor: '李审',
  comment: '请按以下意见修改后重新提交',
  at: '2026-11-27T02:00:00Z',
  items: [
    { section: 1, comment: '现从事专业与申报专业不一致', title: '1. 基本信息' },
    { section: 10, comment: '论文缺少检索证明', title: '10. 论文' },
    { section: 18, attachment: 0, comment: '未加盖公章', title: '18. 申报材料附件信息 · 单位推荐意见表' },
  ],
};

describe('退回修改 in the wizard', () => {
  it('names the returning unit and every item, each with a link to the step that fixes it', () => {
    const go = vi.fn();
    renderWithProviders(<ReturnAlert ret={ret} go={go} />);
    const alert = screen.getByTestId('return-alert');
    expect(alert).toHaveTextContent('申报被宁波市水利局退回修改');
    const items = screen.getAllByTestId('return-item');
    expect(items).toHaveLength(3);
    expect(items[1]).toHaveTextContent('10. 论文：论文缺少检索证明');
    fireEvent.click(within(items[0]).getByRole('button', { name: /去修改（填写申报信息）/ }));
    fireEvent.click(within(items[1]).getByRole('button', { name: /去修改（选择业绩）/ }));
    fireEvent.click(within(items[2]).getByRole('button', { name: /去修改（上传附件）/ }));
    expect(go.mock.calls.map((c) => c[0])).toEqual([4, 5, 6]);
  });

  it('marks a part of a step with 需修改 and the comments, and nothing without items', () => {
    const empty = renderWithProviders(<ReturnMarks items={[]} />);
    expect(screen.queryByTestId('return-mark')).toBeNull();
    empty.unmount();
    renderWithProviders(<ReturnMarks items={ret.items.slice(2)} titles={false} />);
    const mark = screen.getByTestId('return-mark');
    expect(mark).toHaveTextContent('需修改');
    expect(mark).toHaveTextContent('未加盖公章');
    expect(mark).not.toHaveTextContent('单位推荐意见表');
  });
});
