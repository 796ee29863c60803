import { describe, expect, it } from 'vitest';
import { menuFor, pageOf, PAGES, selectedMenuKeys } from './pages';

const names = (role: Parameters<typeof menuFor>[0]) => menuFor(role).map((m) => m.name);

describe('menus per role', () => {
  it('matches the brief', () => {
    expect(names('individual')).toEqual(['个人中心', '个人基本信息', '我的业绩档案库', '职称申报', '我的申报记录']);
    expect(names('employer')).toEqual(['用户中心', '业绩档案审核', '职称申报资格审查', '认定资格审查', '本单位基本信息']);
    expect(names('competent')).toEqual(['用户中心', '职称评审资格审查']);
    expect(names('hrss')).toEqual(['用户中心', '职称评审资格审查', '申报计划', '单位授权审核']);
    expect(names('committee_office')).toEqual(['用户中心', '评审受理', '评审会议']);
    expect(names('expert')).toEqual(['用户中心', '评审任务']);
    expect(names('admin')).toEqual(['用户中心', '组织机构', '账号分配', '基础数据']);
  });

  it('gives every page its own route', () => {
    const paths = PAGES.map((p) => p.path);
    expect(new Set(paths).size).toBe(paths.length);
  });
});

describe('pages off the menu', () => {
  it('keeps 我的消息 and 提交授权委托证明 reachable but unlisted', () => {
    expect(PAGES.find((p) => p.key === 'messages')?.hideInMenu).toBe(true);
    expect(PAGES.find((p) => p.key === 'authorisation')?.hideInMenu).toBe(true);
    for (const role of ['individual', 'employer', 'hrss', 'admin'] as const) {
      expect(names(role)).not.toContain('我的消息');
      expect(names(role)).not.toContain('提交授权委托证明');
    }
  });

  it('maps sub-routes to their page for the menu highlight', () => {
    expect(pageOf('/archive/paper')?.key).toBe('archive');
    expect(pageOf('/archive-review/education')?.key).toBe('archive-review');
    expect(pageOf('/archive')?.key).toBe('archive');
    expect(pageOf('/nowhere')).toBeUndefined();
  });

  it('selects the menu key of the current route and none for pages off the menu', () => {
    const menu = menuFor('individual');
    expect(selectedMenuKeys('/archive/paper', menu)).toEqual(['/archive']);
    expect(selectedMenuKeys('/user-center', menu)).toEqual(['/user-center']);
    expect(selectedMenuKeys('/messages', menu)).toEqual([]);
    expect(selectedMenuKeys('/nowhere', menu)).toEqual([]);
    // a page of another role is not in this menu
    expect(selectedMenuKeys('/admin/org-units', menu)).toEqual([]);
  });
});
