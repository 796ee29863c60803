import { afterEach, describe, expect, it, vi } from 'vitest';
import { screen } from '@testing-library/react';
import { renderRoutes } from '../test/render';
import { UserCenterPage } from './UserCenterPage';
import { localTokenStore } from '../api/tokens';
import type { AccountView } from '../auth/roles';

afterEach(() => vi.unstubAllGlobals());

function serveMe(me: AccountView) {
  localTokenStore.set({ access_token: 'a', refresh_token: 'r' });
  vi.stubGlobal('fetch', vi.fn(async () => Response.json(me)));
}

const base = { id: '1', status: 'active', created_at: '2026-01-01T00:00:00Z', id_number_masked: null, gender: null, birth_date: null, org_unit: null };

describe('用户中心', () => {
  it('employer: greeting with the unit, pending counts, masked phone and operator', async () => {
    serveMe({
      ...base,
      role: 'employer',
      username: '91350100M000100Y43',
      name: '王诚',
      phone_masked: '157****6340',
      org_unit: { id: 'u', name: '杭州博恩天成软件技术有限公司', kind: 'employer' },
    });
    renderRoutes([{ path: '/user-center', element: <UserCenterPage /> }], '/user-center');
    expect(await screen.findByText('您好，杭州博恩天成软件技术有限公司')).toBeInTheDocument();
    expect(screen.getByTestId('pending-summary')).toHaveTextContent('当前共有 0 条业绩档案 和 0 份职称申报申请 待您审查。');
    expect(screen.getByTestId('bound-phone')).toHaveTextContent('当前绑定手机号：157****6340');
    expect(screen.getByTestId('operator')).toHaveTextContent('当前账户使用人：王诚');
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
