// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { summarizeOutcomes } from './decisions';

const rows = new Map([
  ['a', { owner: { name: '张明' }, title: '浙江大学 · 大学本科/学士' }],
  ['b', { owner: { name: '李华' }, title: '2024年度 · 优秀' }],
  ['c', { owner: { name: '王芳' }, title: '宁波院 · 工程师' }],
]);

describe('batch decision outcomes', () => {
  it('counts successes and failures and names each failure', () => {
    const s = summarizeOutcomes(
      {
        succeeded: 1,
        failed: 2,
        items: [
          { record_id: 'a', ok: true, status: 'approved' },
          { record_id: 'b', ok: false, status: 'approved', code: 'already_reviewed', message: '该记录已审核（当前状态：通过），不能重复审核' },
          { record_id: 'zz', ok: false, code: 'not_found', message: null },
        ],
      },
      rows,
    );
    expect(s.text).toBe('成功 1 条，失败 2 条');
    expect(s.succeeded).toBe(1);
    expect(s.failed).toBe(2);
    expect(s.failures).toEqual([
      { recordId: 'b', who: '李华 · 2024年度 · 优秀', message: '该记录已审核（当前状态：通过），不能重复审核' },
      { recordId: 'zz', who: 'zz', message: '记录不存在或不属于本单位' },
    ]);
  });

  it('all succeeded', () => {
    const s = summarizeOutcomes(
      { succeeded: 3, failed: 0, items: ['a', 'b', 'c'].map((id) => ({ record_id: id, ok: true, status: 'returned' as const })) },
      rows,
    );
    expect(s.text).toBe('成功 3 条，失败 0 条');
    expect(s.failures).toEqual([]);
  });
});
