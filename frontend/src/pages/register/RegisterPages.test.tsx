import { afterEach, describe, expect, it, vi } from 'vitest';
import { fireEvent, screen, waitFor } from '@testing-library/react';
import { renderRoutes } from '../../test/render';
import { RegisterIndividualPage } from './RegisterIndividualPage';
import { RegisterEmployerPage } from './RegisterEmployerPage';
import { LoginPage } from '../LoginPage';

const routes = [
  { path: '/login', element: <LoginPage /> },
  { path: '/register/individual', element: <RegisterIndividualPage /> },
  { path: '/register/employer', element: <RegisterEmployerPage /> },
];

const type = (placeholder: string, value: string) =>
  fireEvent.change(screen.getByPlaceholderText(placeholder), { target: { value } });

afterEach(() => vi.unstubAllGlobals());

function fillIndividual(idNumber: string) {
  type('请输入真实姓名', '张三');
  type('请输入18位居民身份证号码', idNumber);
  type('请输入11位手机号码', '15712346340');
  type('请设置登录密码', 'Passw0rd1');
  type('请再次输入密码', 'Passw0rd1');
}

describe('个人注册', () => {
  it('shows the form in Chinese', async () => {
    renderRoutes(routes, '/register/individual');
    for (const label of ['姓名', '身份证号码', '手机号', '密码', '确认密码']) {
      expect(await screen.findByText(label)).toBeInTheDocument();
    }
  });

  it('rejects an ID number with a wrong check digit before calling the server', async () => {
    const fetchMock = vi.fn();
    vi.stubGlobal('fetch', fetchMock);
    renderRoutes(routes, '/register/individual');
    await screen.findByText('身份证号码');
    fillIndividual('110101199003074259');
    fireEvent.click(screen.getByRole('button', { name: /注\s*册/ }));
    expect(await screen.findByText('身份证号码校验位不正确')).toBeInTheDocument();
    expect(fetchMock).not.toHaveBeenCalled();
  });

  it('puts server field errors on the fields', async () => {
    vi.stubGlobal(
      'fetch',
      vi.fn(async () =>
        new Response(
          JSON.stringify({
            type: 'about:blank',
            title: 'Conflict',
            status: 409,
            code: 'duplicate_id_number',
            detail: '该身份证号码已注册',
            errors: [{ field: 'id_number', message: '该身份证号码已注册，请直接登录' }],
          }),
          { status: 409, headers: { 'Content-Type': 'application/problem+json' } },
        ),
      ),
    );
    renderRoutes(routes, '/register/individual');
    await screen.findByText('身份证号码');
    fillIndividual('110101199003074258');
    fireEvent.click(screen.getByRole('button', { name: /注\s*册/ }));
    expect(await screen.findByText('该身份证号码已注册，请直接登录')).toBeInTheDocument();
    expect(screen.getByRole('alert')).toHaveTextContent('该身份证号码已注册');
  });

  it('goes to 个人登录 after a successful registration', async () => {
    const fetchMock = vi.fn(async () => Response.json({ id: 'x' }, { status: 201 }));
    vi.stubGlobal('fetch', fetchMock);
    renderRoutes(routes, '/register/individual');
    await screen.findByText('身份证号码');
    fillIndividual('11010519491231002x');
    fireEvent.click(screen.getByRole('button', { name: /注\s*册/ }));
    expect(await screen.findByText('注册成功，请登录')).toBeInTheDocument();
    await waitFor(() => expect(screen.getByRole('tab', { name: '个人登录', selected: true })).toBeInTheDocument());
    expect(screen.getByPlaceholderText('请输入身份证号或手机号')).toHaveValue('11010519491231002X');
    const req = (fetchMock.mock.calls[0] as unknown[])[0] as Request;
    expect(await req.json()).toEqual({ name: '张三', id_number: '11010519491231002X', phone: '15712346340', password: 'Passw0rd1' });
  });
});

describe('法人注册', () => {
  it('validates the credit code and lands on 法人登录', async () => {
    const fetchMock = vi.fn(async () => Response.json({ id: 'x' }, { status: 201 }));
    vi.stubGlobal('fetch', fetchMock);
    renderRoutes(routes, '/register/employer');
    await screen.findByText('统一社会信用代码');
    expect(screen.getByText('经办人/账户使用人姓名')).toBeInTheDocument();
    type('请输入单位全称', '杭州博恩天成软件技术有限公司');
    type('请输入18位统一社会信用代码', '91350100M000100Y44');
    type('请输入经办人（账户使用人）姓名', '王诚');
    type('请输入经办人11位手机号码', '15712346340');
    type('请设置登录密码', 'Passw0rd1');
    type('请再次输入密码', 'Passw0rd2');
    fireEvent.click(screen.getByRole('button', { name: /注\s*册/ }));
    expect(await screen.findByText('统一社会信用代码校验位不正确')).toBeInTheDocument();
    expect(await screen.findByText('两次输入的密码不一致')).toBeInTheDocument();
    expect(fetchMock).not.toHaveBeenCalled();

    type('请输入18位统一社会信用代码', '91350100M000100Y43');
    type('请再次输入密码', 'Passw0rd1');
    fireEvent.click(screen.getByRole('button', { name: /注\s*册/ }));
    await waitFor(() => expect(screen.getByRole('tab', { name: '法人登录', selected: true })).toBeInTheDocument());
    expect(screen.getByPlaceholderText('请输入统一社会信用代码')).toHaveValue('91350100M000100Y43');
  });
});
