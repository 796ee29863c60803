import { afterEach, describe, expect, it, vi } from 'vitest';
import { fireEvent, screen, waitFor } from '@testing-library/react';
import { renderRoutes } from '../../../test/render';
import { ForgotPasswordPage } from './ForgotPasswordPage';
import { LoginPage } from './LoginPage';

const routes = [
  { path: '/forgot-password', element: <ForgotPasswordPage /> },
  { path: '/login', element: <LoginPage /> },
];

const type = (placeholder: string, value: string) => fireEvent.change(screen.getByPlaceholderText(placeholder), { target: { value } });
const problem = (status: number, code: string, detail: string, errors?: { field: string; message: string }[]) =>
  Response.json({ type: 'about:blank', title: 'Error', status, code, detail, ...(errors ? { errors } : {}) }, { status });

afterEach(() => vi.unstubAllGlobals());

describe('忘记密码', () => {
  it('sends a code to the registered phone, resets the password and returns to the login page', async () => {
    const calls: { path: string; body: unknown }[] = [];
    vi.stubGlobal(
      'fetch',
      vi.fn(async (req: Request) => {
        const path = new URL(req.url).pathname;
        const body = await req.json();
        calls.push({ path, body });
        if (path === '/api/v1/auth/password-reset/code') return Response.json({ phone_masked: '139****0001', resend_after_seconds: 60, expires_in: 600 });
        if (path === '/api/v1/auth/password-reset') {
          return body.code === '123456'
            ? new Response(null, { status: 204 })
            : problem(422, 'validation_failed', '请求数据校验未通过', [{ field: 'code', message: '验证码不正确，还可尝试 4 次' }]);
        }
        return problem(404, 'not_found', '未找到');
      }),
    );
    renderRoutes(routes, '/forgot-password?tab=individual');
    expect(await screen.findByRole('tab', { name: '个人账号', selected: true })).toBeInTheDocument();

    // The code needs the account first.
    fireEvent.click(screen.getByTestId('send-reset-code'));
    expect(await screen.findByText('请输入身份证号或手机号')).toBeInTheDocument();
    expect(calls).toHaveLength(0);

    type('请输入身份证号或注册手机号', ' 330203199001010022 ');
    fireEvent.click(screen.getByTestId('send-reset-code'));
    expect(await screen.findByTestId('reset-code-sent')).toHaveTextContent('验证码已发送至注册手机号 139****0001，10分钟内有效');
    expect(calls[0]).toEqual({ path: '/api/v1/auth/password-reset/code', body: { account_kind: 'individual', username: '330203199001010022' } });
    expect(screen.getByTestId('send-reset-code')).toBeDisabled();
    expect(screen.getByTestId('send-reset-code')).toHaveTextContent(/60秒后重新获取|59秒后重新获取/);

    type('请输入6位验证码', '654321');
    type('请设置新密码', 'N3wPassw0rd');
    type('请再次输入新密码', 'N3wPassw0rd');
    fireEvent.click(screen.getByRole('button', { name: /重\s*设\s*密\s*码/ }));
    // A wrong code: the server's message on the code field.
    expect(await screen.findByText('验证码不正确，还可尝试 4 次')).toBeInTheDocument();

    type('请输入6位验证码', '123456');
    fireEvent.click(screen.getByRole('button', { name: /重\s*设\s*密\s*码/ }));
    expect(await screen.findByTestId('login-notice')).toHaveTextContent('密码已重设，请用新密码登录');
    expect(screen.getByRole('tab', { name: '个人登录', selected: true })).toBeInTheDocument();
    expect(screen.getByPlaceholderText('请输入身份证号或手机号')).toHaveValue('330203199001010022');
    expect(calls.at(-1)).toEqual({
      path: '/api/v1/auth/password-reset',
      body: { account_kind: 'individual', username: '330203199001010022', code: '123456', new_password: 'N3wPassw0rd' },
    });
  }, 60_000);

  it('says when no such account exists and when codes come too often', async () => {
    let answer = problem(404, 'not_found', '账号不存在，请核对后重新输入');
    vi.stubGlobal('fetch', vi.fn(async () => answer));
    renderRoutes(routes, '/forgot-password?tab=employer');
    expect(await screen.findByText('统一社会信用代码或手机号')).toBeInTheDocument();
    type('请输入统一社会信用代码或绑定手机号', '91330203MA2H000018');
    fireEvent.click(screen.getByTestId('send-reset-code'));
    expect(await screen.findByText('账号不存在，请核对后重新输入')).toBeInTheDocument();

    answer = problem(429, 'too_many_codes', '验证码发送过于频繁，请60秒后再试');
    fireEvent.click(screen.getByTestId('send-reset-code'));
    expect(await screen.findByTestId('reset-error')).toHaveTextContent('验证码发送过于频繁，请60秒后再试');
  });

  it('checks the new password on the client before calling the server', async () => {
    const fetchMock = vi.fn();
    vi.stubGlobal('fetch', fetchMock);
    renderRoutes(routes, '/forgot-password');
    type(await screen.findByPlaceholderText('请输入身份证号或注册手机号').then(() => '请输入身份证号或注册手机号'), '15712346340');
    type('请输入6位验证码', '12345');
    type('请设置新密码', 'short');
    type('请再次输入新密码', 'other');
    fireEvent.click(screen.getByRole('button', { name: /重\s*设\s*密\s*码/ }));
    expect(await screen.findByText('验证码为6位数字')).toBeInTheDocument();
    expect(await screen.findByText('密码长度至少8位')).toBeInTheDocument();
    await waitFor(() => expect(screen.getByText('两次输入的密码不一致')).toBeInTheDocument());
    expect(fetchMock).not.toHaveBeenCalled();
  });

  it('tells department staff that the administrator resets their password', async () => {
    vi.stubGlobal('fetch', vi.fn());
    renderRoutes(routes, '/forgot-password?tab=staff');
    expect(await screen.findByTestId('staff-reset-note')).toHaveTextContent('部门账号的密码由系统管理员重置');
    expect(screen.queryByTestId('send-reset-code')).not.toBeInTheDocument();
    fireEvent.click(screen.getByRole('tab', { name: '个人账号' }));
    expect(await screen.findByTestId('send-reset-code')).toBeInTheDocument();
  });
});
