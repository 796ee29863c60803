import { afterEach, describe, expect, it, vi } from 'vitest';
import { fireEvent, screen, waitFor } from '@testing-library/react';
import { renderRoutes } from '../../../test/render';
import { RegisterIndividualPage } from './RegisterIndividualPage';
import { RegisterEmployerPage } from './RegisterEmployerPage';
import { LoginPage } from './LoginPage';

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
    expect(screen.getByPlaceholderText('请输入统一社会信用代码或手机号')).toHaveValue('91350100M000100Y43');
  });
});

describe('法人注册（不能提供统一社会信用代码）', () => {
  const JPEG = new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 0, 0x10, 0x4a, 0x46, 0x49, 0x46]);
  const HRSS = { id: '0193a1f0-0000-7000-8000-000000000001', name: '宁波市人力资源和社会保障局', kind: 'hrss', parent_name: '浙江省人力资源和社会保障厅' };

  it('asks for the certificate, the local HRSS department and the agreement, then says it awaits review', async () => {
    const posted: FormData[] = [];
    vi.stubGlobal(
      'fetch',
      vi.fn(async (req: Request) => {
        const url = new URL(req.url);
        if (url.pathname === '/api/v1/public/departments') return Response.json([HRSS]);
        posted.push(await req.formData());
        return Response.json({ id: 'x' }, { status: 201 });
      }),
    );
    renderRoutes(routes, '/register/employer');
    expect(await screen.findByText('能否提供含有统一社会信用代码的法人单位证件')).toBeInTheDocument();
    fireEvent.click(screen.getByLabelText('不能提供（单位尚在筹建中等情况）'));
    expect(await screen.findByTestId('certificate-hint')).toHaveTextContent(
      '上传单位注册登记证件、牌照文件、单位成立的政府机关批文扫描件或照片。照片所有信息需清晰可见，内容真实有效，不得做任何修改。照片支持.jpg、.jpeg 格式，大小不超过1M。',
    );
    expect(screen.queryByPlaceholderText('请输入18位统一社会信用代码')).not.toBeInTheDocument();

    // Submitting empty names every missing item and sends nothing.
    fireEvent.click(screen.getByRole('button', { name: '提交注册' }));
    const errors = () => [...document.querySelectorAll('.ant-form-item-explain-error')].map((e) => e.textContent);
    await waitFor(() =>
      expect(errors()).toEqual(
        expect.arrayContaining(['请确认本单位确实不具有统一社会信用代码', '请输入单位名称', '请上传单位证件', '请选择属地人社部门', '请阅读并同意《用户注册协议》']),
      ),
    );
    expect(posted).toHaveLength(0);

    fireEvent.click(screen.getByLabelText('本单位确实不具有统一社会信用代码，无法提供'));
    type('请输入单位全称', '宁波市水利工程质量检测中心筹建处');
    type('单位证件上的编号（如有）', '甬编办〔2026〕12号');
    const file = new File([JPEG], '单位证件.jpg', { type: 'image/jpeg' });
    fireEvent.change(document.querySelector('input[type=file]')!, { target: { files: [file] } });
    expect(await screen.findByText('单位证件.jpg')).toBeInTheDocument();
    fireEvent.mouseDown(screen.getByRole('combobox'));
    fireEvent.click(await screen.findByText('宁波市人力资源和社会保障局（浙江省人力资源和社会保障厅）'));
    type('请输入经办人（账户使用人）姓名', '陈筹');
    type('请输入经办人11位手机号码', '15712346340');
    type('请设置登录密码', 'Passw0rd1');
    type('请再次输入密码', 'Passw0rd1');
    fireEvent.click(screen.getByLabelText('我已阅读并同意《用户注册协议》'));
    fireEvent.click(screen.getByRole('button', { name: '提交注册' }));

    expect(await screen.findByText('注册信息已提交，请等待人社部门人工审核，审核结果将以短信通知')).toBeInTheDocument();
    const fd = posted[0];
    expect(Object.fromEntries([...fd.entries()].filter(([k]) => k !== 'file'))).toEqual({
      unit_name: '宁波市水利工程质量检测中心筹建处',
      certificate_no: '甬编办〔2026〕12号',
      operator_name: '陈筹',
      phone: '15712346340',
      password: 'Passw0rd1',
      hrss_unit_id: HRSS.id,
      agreed: 'true',
    });
    // (jsdom → undici loses the part's file name; the browser journey checks it end to end.)
    expect(fd.get('file')).toBeTruthy();
  });

  it('refuses a PNG renamed to .jpg before uploading', async () => {
    vi.stubGlobal('fetch', vi.fn(async () => Response.json([HRSS])));
    renderRoutes(routes, '/register/employer');
    fireEvent.click(await screen.findByLabelText('不能提供（单位尚在筹建中等情况）'));
    const png = new File([new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0])], '证件.jpg', { type: 'image/jpeg' });
    fireEvent.change(document.querySelector('input[type=file]')!, { target: { files: [png] } });
    expect(await screen.findByText('文件“证件.jpg”的内容不是有效的JPG文件')).toBeInTheDocument();
  });
});
