import { describe, expect, it } from 'vitest';
import { allows, isPublic, menuFor, pageOf, PAGES, selectedMenuKeys } from './pages';
import { ALL_ROLES } from '../features/auth/roles';
import { routes } from './router';

const names = (role: Parameters<typeof menuFor>[0]) => menuFor(role).map((m) => m.name);

describe('menus per role', () => {
  it('matches the brief', () => {
    expect(names('individual')).toEqual(['个人中心', '个人基本信息', '我的业绩档案库', '职称申报', '我的申报记录']);
    expect(names('employer')).toEqual(['用户中心', '业绩档案审核', '职称申报资格审查', '认定资格审查', '本单位基本信息']);
    expect(names('competent')).toEqual(['用户中心', '职称评审资格审查']);
    expect(names('hrss')).toEqual(['用户中心', '职称评审资格审查', '申报计划', '单位授权审核']);
    expect(names('committee_office')).toEqual(['用户中心', '评审受理', '评审会议']);
    expect(names('expert')).toEqual(['用户中心', '评审任务']);
    expect(names('admin')).toEqual(['用户中心', '组织机构', '账号分配', '基础数据', '节假日安排', '短信发送记录']);
  });

  it('gives every page its own route', () => {
    const paths = PAGES.map((p) => p.path);
    expect(new Set(paths).size).toBe(paths.length);
    expect(new Set(PAGES.map((p) => p.key)).size).toBe(PAGES.length);
  });

  it('derives each menu from the page list: the role’s pages, in list order, none public', () => {
    for (const role of ALL_ROLES) {
      const expected = PAGES.filter((p) => !isPublic(p) && !p.hideInMenu && allows(p, role)).map((p) => p.path);
      expect(menuFor(role).map((m) => m.path)).toEqual(expected);
    }
    for (const p of PAGES.filter(isPublic)) {
      for (const role of ALL_ROLES) expect(menuFor(role).map((m) => m.path)).not.toContain(p.path);
    }
  });
});

describe('the one page list', () => {
  it('loads every page lazily', () => {
    const lazyType = Symbol.for('react.lazy');
    for (const p of PAGES) {
      expect((p.element as unknown as { $$typeof: symbol }).$$typeof, `${p.key} is React.lazy`).toBe(lazyType);
    }
  });

  it('has the public pages before login', () => {
    expect(PAGES.filter(isPublic).map((p) => p.path)).toEqual(['/login', '/register/individual', '/register/employer', '/forgot-password', '/sign']);
  });

  it('routes every page of the list and nothing else', () => {
    const root = routes[0].children!;
    const publicPaths = root.filter((r) => r.path && r.path !== '/').map((r) => r.path);
    expect(publicPaths).toEqual(PAGES.filter(isPublic).map((p) => (p.subPath ? `${p.path}/${p.subPath}` : p.path)));
    const signedIn = root.find((r) => r.path === '/')!.children!.map((r) => r.path).filter((p) => p && p !== '*');
    expect(signedIn).toEqual(PAGES.filter((p) => !isPublic(p)).map((p) => (p.subPath ? `${p.path.slice(1)}/${p.subPath}` : p.path.slice(1))));
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
    // the declaration wizard lights up 职称申报
    expect(pageOf('/declare/edit/0190a0b0-0000-7000-8000-000000000001')?.key).toBe('declare');
    expect(PAGES.find((p) => p.key === 'declaration-wizard')?.hideInMenu).toBe(true);
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
