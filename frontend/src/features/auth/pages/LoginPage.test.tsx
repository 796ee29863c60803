import { afterEach, describe, expect, it, vi } from 'vitest';
import { fireEvent, screen, waitFor } from '@testing-library/react';
import { renderRoutes } from '../../../test/render';
import { LoginPage } from './LoginPage';
import { localTokenStore } from '../../../api/tokens';

const routes = [
  { path: '/login', element: <LoginPage /> },
  { path: '/user-center', element: <div>用户中心页面</div> },
];

afterEach(() => {
  vi.unstubAllGlobals();
});

describe('LoginPage', () => {
  it('renders the three login tabs in Chinese', async () => {
    renderRoutes(routes, '/login');
    expect(await screen.findByRole('tab', { name: '个人登录' })).toBeInTheDocument();
    expect(screen.getByRole('tab', { name: '法人登录' })).toBeInTheDocument();
    expect(screen.getByRole('tab', { name: '部门登录' })).toBeInTheDocument();
    expect(screen.getByText('身份证号或手机号')).toBeInTheDocument();
    expect(screen.getByPlaceholderText('请输入身份证号或手机号')).toBeInTheDocument();
    expect(screen.getByText('个人注册')).toBeInTheDocument();
    expect(screen.getByText('法人注册')).toBeInTheDocument();
    expect(screen.getByRole('button', { name: /登\s*录/ })).toBeInTheDocument();
  });

  it('switches the username label per tab', async () => {
    renderRoutes(routes, '/login');
    fireEvent.click(await screen.findByRole('tab', { name: '法人登录' }));
    expect(await screen.findByText('统一社会信用代码或手机号')).toBeInTheDocument();
    fireEvent.click(screen.getByRole('tab', { name: '部门登录' }));
    expect(await screen.findByText('登录名')).toBeInTheDocument();
  });

  it('preselects the tab from ?tab=employer', async () => {
    renderRoutes(routes, '/login?tab=employer');
    expect(await screen.findByPlaceholderText('请输入统一社会信用代码或手机号')).toBeInTheDocument();
    expect(screen.getByRole('tab', { name: '法人登录', selected: true })).toBeInTheDocument();
  });

  it('shows the problem detail when the account is locked', async () => {
    const fetchMock = vi.fn(async () =>
      new Response(
        JSON.stringify({
          type: 'about:blank',
          title: 'Locked',
          status: 423,
          code: 'account_locked',
          detail: '登录失败次数过多，账户已锁定，请14分钟后再试',
        }),
        { status: 423, headers: { 'Content-Type': 'application/problem+json' } },
      ),
    );
    vi.stubGlobal('fetch', fetchMock);
    renderRoutes(routes, '/login?tab=staff');
    fireEvent.change(await screen.findByPlaceholderText('请输入登录名'), { target: { value: 'admin' } });
    fireEvent.change(screen.getByPlaceholderText('请输入密码'), { target: { value: 'wrong1234' } });
    fireEvent.click(screen.getByRole('button', { name: /登\s*录/ }));
    expect(await screen.findByText('登录失败次数过多，账户已锁定，请14分钟后再试')).toBeInTheDocument();
    const req = (fetchMock.mock.calls[0] as unknown[])[0] as Request;
    expect(new URL(req.url).pathname).toBe('/api/v1/auth/login');
    expect(await req.json()).toEqual({ account_kind: 'staff', username: 'admin', password: 'wrong1234' });
  });

  it('stores the token pair and enters the platform on success', async () => {
    vi.stubGlobal(
      'fetch',
      vi.fn(async () =>
        Response.json({ access_token: 'a1', refresh_token: 'r1', token_type: 'Bearer', expires_in: 900 }),
      ),
    );
    renderRoutes(routes, '/login');
    fireEvent.change(await screen.findByPlaceholderText('请输入身份证号或手机号'), { target: { value: '15712346340' } });
    fireEvent.change(screen.getByPlaceholderText('请输入密码'), { target: { value: 'Passw0rd1' } });
    fireEvent.click(screen.getByRole('button', { name: /登\s*录/ }));
    expect(await screen.findByText('用户中心页面')).toBeInTheDocument();
    await waitFor(() => expect(localTokenStore.getAccess()).toBe('a1'));
    expect(localTokenStore.getRefresh()).toBe('r1');
  });
});
