import { afterEach, describe, expect, it, vi } from 'vitest';
import { screen } from '@testing-library/react';
import { renderRoutes } from '../../../test/render';
import { UserCenterPage } from './UserCenterPage';
import { localTokenStore } from '../../../api/tokens';
import type { AccountView } from '../roles';

afterEach(() => vi.unstubAllGlobals());

/** Answers /me with `me` and other endpoints from `routes` (path → body or Response). */
function serveMe(me: AccountView, routes: Record<string, unknown> = {}) {
  localTokenStore.set({ access_token: 'a', refresh_token: 'r' });
  vi.stubGlobal(
    'fetch',
    vi.fn(async (req: Request) => {
      const path = new URL(req.url).pathname;
      if (path === '/api/v1/me') return Response.json(me);
      const r = routes[path];
      if (r instanceof Response) return r;
      if (r !== undefined) return Response.json(r);
      return Response.json({ type: 'about:blank', title: 'Not Found', status: 404, code: 'not_found', detail: '未找到' }, { status: 404 });
    }),
  );
}

const summary = (records: number, declarations: number) => ({
  categories: [],
  pending_records: records,
  pending_declarations: declarations,
});

const base = { id: '1', status: 'active' as const, created_at: '2026-01-01T00:00:00Z', id_number_masked: null, gender: null, birth_date: null, org_unit: null };

describe('用户中心', () => {
  it('employer: greeting with the unit, pending counts, masked phone and operator', async () => {
    serveMe({
      ...base,
      role: 'employer',
      username: '91350100M000100Y43',
      name: '王诚',
      phone_masked: '157****6340',
      org_unit: { id: 'u', name: '杭州博恩天成软件技术有限公司', kind: 'employer' },
    }, { '/api/v1/archive/review/summary': summary(1, 0) });
    renderRoutes([{ path: '/user-center', element: <UserCenterPage /> }], '/user-center');
    expect(await screen.findByText('您好，杭州博恩天成软件技术有限公司')).toBeInTheDocument();
    expect(await screen.findByText('1 条业绩档案')).toBeInTheDocument();
    expect(screen.getByTestId('pending-summary')).toHaveTextContent('当前共有 1 条业绩档案 和 0 份职称申报申请 待您审查。');
    expect(screen.getByTestId('bound-phone')).toHaveTextContent('当前绑定手机号：157****6340');
    expect(screen.getByTestId('operator')).toHaveTextContent('当前账户使用人：*诚');
    expect(screen.getByRole('button', { name: '修改手机号' })).toBeEnabled();
    expect(screen.getByRole('button', { name: /变\s*更/ })).toBeEnabled();
  });

  it('employer without an approved authorisation is sent to 提交授权委托证明', async () => {
    serveMe(
      { ...base, role: 'employer', username: 'u1', name: '王诚', phone_masked: '157****6340', org_unit: { id: 'u', name: '筹建中单位', kind: 'employer' } },
      {
        '/api/v1/archive/review/summary': Response.json(
          { type: 'about:blank', title: '需要授权', status: 403, code: 'authorisation_required', detail: '请先提交授权委托证明' },
          { status: 403 },
        ),
      },
    );
    const { router } = renderRoutes(
      [
        { path: '/user-center', element: <UserCenterPage /> },
        { path: '/authorisation', element: <div>授权页</div> },
      ],
      '/user-center',
    );
    expect(await screen.findByText('授权页')).toBeInTheDocument();
    expect(router.state.location.pathname).toBe('/authorisation');
  });

  it('individual: name, masked ID number, gender, birth date, masked phone', async () => {
    serveMe({
      ...base,
      role: 'individual',
      username: '15712346340',
      name: '徐晓丽',
      phone_masked: '157****6340',
      id_number_masked: '330105********104X',
      gender: '女',
      birth_date: '1977-07-08',
    });
    renderRoutes([{ path: '/user-center', element: <UserCenterPage /> }], '/user-center');
    expect(await screen.findByText('您好，徐晓丽')).toBeInTheDocument();
    for (const t of ['330105********104X', '女', '1977-07-08', '157****6340']) {
      expect(screen.getByText(t)).toBeInTheDocument();
    }
  });
});
