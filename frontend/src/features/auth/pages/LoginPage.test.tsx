import { afterEach, describe, expect, it, vi } from 'vitest';
import { act, fireEvent, screen, waitFor } from '@testing-library/react';
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

  it('shows the remaining attempts the server counts, with a lockout warning from 2 down', async () => {
    const problem = (remaining: number) =>
      new Response(
        JSON.stringify({
          type: 'https://zcps.example/problems/invalid_credentials',
          title: 'Unauthorized',
          status: 401,
          code: 'invalid_credentials',
          detail: `用户名或密码错误，还可尝试${remaining}次`,
          remaining_attempts: remaining,
        }),
        { status: 401, headers: { 'Content-Type': 'application/problem+json' } },
      );
    let remaining = 3;
    vi.stubGlobal('fetch', vi.fn(async () => problem(remaining)));
    renderRoutes(routes, '/login');
    fireEvent.change(await screen.findByPlaceholderText('请输入身份证号或手机号'), { target: { value: '15712346340' } });
    fireEvent.change(screen.getByPlaceholderText('请输入密码'), { target: { value: 'wrong1234' } });
    fireEvent.click(screen.getByRole('button', { name: /登\s*录/ }));
    expect(await screen.findByText('用户名或密码错误，还可尝试3次')).toBeInTheDocument();
    expect(screen.queryByTestId('login-lockout-warning')).not.toBeInTheDocument();

    remaining = 2;
    fireEvent.click(screen.getByRole('button', { name: /登\s*录/ }));
    expect(await screen.findByText('用户名或密码错误，还可尝试2次')).toBeInTheDocument();
    const warning = await screen.findByTestId('login-lockout-warning');
    expect(warning).toHaveTextContent('再输错 2 次密码，账户将被暂时锁定');
    expect(warning).toHaveTextContent('忘记密码');
    expect(warning.className).toContain('ant-alert-warning');

    remaining = 1;
    fireEvent.click(screen.getByRole('button', { name: /登\s*录/ }));
    expect(await screen.findByText('用户名或密码错误，还可尝试1次')).toBeInTheDocument();
    expect(screen.getByTestId('login-lockout-warning')).toHaveTextContent('再输错 1 次密码');
  });

  it('shows no warning for a 401 without remaining_attempts and the 423 detail when locked', async () => {
    vi.stubGlobal(
      'fetch',
      vi.fn(async () =>
        Response.json(
          { type: 'about:blank', title: 'Unauthorized', status: 401, code: 'invalid_credentials', detail: '用户名或密码错误' },
          { status: 401 },
        ),
      ),
    );
    renderRoutes(routes, '/login?tab=employer');
    fireEvent.change(await screen.findByPlaceholderText('请输入统一社会信用代码或手机号'), { target: { value: '91330203MA2H000018' } });
    fireEvent.change(screen.getByPlaceholderText('请输入密码'), { target: { value: 'wrong1234' } });
    fireEvent.click(screen.getByRole('button', { name: /登\s*录/ }));
    expect(await screen.findByText('用户名或密码错误')).toBeInTheDocument();
    expect(screen.queryByTestId('login-lockout-warning')).not.toBeInTheDocument();
  });

  it('links 忘记密码 with the chosen account kind', async () => {
    renderRoutes(routes, '/login?tab=employer');
    const link = await screen.findByTestId('forgot-password-link');
    expect(link).toHaveTextContent('忘记密码');
    expect(link.getAttribute('href')).toBe('/forgot-password?tab=employer');
  });

  it('says 注册成功，请登录 inline after a registration, until the first attempt', async () => {
    vi.stubGlobal(
      'fetch',
      vi.fn(async () =>
        Response.json(
          { type: 'about:blank', title: 'Unauthorized', status: 401, code: 'invalid_credentials', detail: '用户名或密码错误' },
          { status: 401 },
        ),
      ),
    );
    const { router } = renderRoutes(routes, '/user-center');
    await screen.findByText('用户中心页面');
    await act(() => router.navigate('/login?tab=individual', { state: { username: '330203199001010022', notice: '注册成功，请登录' } }));
    expect(await screen.findByTestId('login-notice')).toHaveTextContent('注册成功，请登录');
    expect(screen.getByPlaceholderText('请输入身份证号或手机号')).toHaveValue('330203199001010022');
    fireEvent.change(screen.getByPlaceholderText('请输入密码'), { target: { value: 'wrong1234' } });
    fireEvent.click(screen.getByRole('button', { name: /登\s*录/ }));
    expect(await screen.findByTestId('login-error')).toHaveTextContent('用户名或密码错误');
    expect(screen.queryByTestId('login-notice')).not.toBeInTheDocument();
    expect(screen.queryByText('注册成功，请登录')).not.toBeInTheDocument();
  });
});
