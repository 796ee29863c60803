import { describe, expect, it } from 'vitest';
import { exportBlocker, exportRequest } from './exports';

describe('review exports', () => {
  it('passes the list filters with the API names', () => {
    expect(
      exportRequest('roster', { kind: 'review', tab: 'passed', q: ' 张 ', year: 2026, planId: 'p1', acceptorId: undefined }),
    ).toEqual({
      kind: 'roster',
      filters: { kind: 'review', tab: 'passed', year: 2026, plan_id: 'p1', acceptor_id: null, q: '张' },
    });
  });

  it('sends no keyword and no filters when none are set', () => {
    expect(exportRequest('publicity', { kind: 'recognition', tab: 'all', q: '' })).toEqual({
      kind: 'publicity',
      filters: { kind: 'recognition', tab: 'all', year: null, plan_id: null, acceptor_id: null, q: null },
    });
  });

  it('refuses only the 退回记录 tab', () => {
    expect(exportBlocker('returned')).toBe('退回记录不能导出，请切换到其他标签');
    expect(exportBlocker('pending')).toBeNull();
    expect(exportBlocker('all')).toBeNull();
  });
});
