import { expect, test, type APIRequestContext } from '@playwright/test';
import { uniqueIdNumber, uniquePhone, uniqueSuffix, maskPhone } from '../lib/ids';
import { shot } from '../lib/shots';
import { login } from '../lib/ui';

// 忘记密码 end to end against the real API with the SMS simulator: a fresh individual asks for a
// code, the code is read from the simulated gateway's outbox (the administrator's 短信发送记录),
// the new password works and the old one no longer does.

const OLD = 'Passw0rd2026';
const NEW = 'N3wPassw0rd2026';

async function adminToken(request: APIRequestContext) {
  const r = await request.post('/api/v1/auth/login', { data: { account_kind: 'staff', username: 'admin', password: 'Admin12345' } });
  expect(r.status()).toBe(200);
  return ((await r.json()) as { access_token: string }).access_token;
}

async function codeSentTo(request: APIRequestContext, phone: string): Promise<string> {
  const headers = { Authorization: `Bearer ${await adminToken(request)}` };
  let code = '';
  await expect
    .poll(async () => {
      const box = (await (await request.get(`/api/v1/sms-outbox?phone=${phone}`, { headers })).json()) as {
        items: { message: { text: string } }[];
      };
      code = /验证码\s*(\d{6})/.exec(box.items[0]?.message.text ?? '')?.[1] ?? '';
      return code;
    })
    .toMatch(/^\d{6}$/);
  return code;
}

test('an individual resets a forgotten password with the SMS code', async ({ page, request, browser }) => {
  const idNumber = uniqueIdNumber();
  const phone = uniquePhone();
  const r = await request.post('/api/v1/auth/register/individual', {
    data: { name: `重置${uniqueSuffix().slice(-4)}`, id_number: idNumber, phone, password: OLD },
  });
  expect(r.status()).toBe(201);

  await page.goto('/login');
  await page.getByTestId('forgot-password-link').click();
  await expect(page).toHaveURL(/\/forgot-password\?tab=individual$/);
  await page.getByPlaceholder('请输入身份证号或注册手机号').fill(idNumber);
  await page.getByTestId('send-reset-code').click();
  await expect(page.getByTestId('reset-code-sent')).toContainText(`验证码已发送至注册手机号 ${maskPhone(phone)}`);
  await expect(page.getByTestId('send-reset-code')).toBeDisabled();
  await expect(page.getByTestId('send-reset-code')).toContainText('秒后重新获取');

  // The administrator sees the simulated SMS on 短信发送记录.
  const admin = await (await browser.newContext()).newPage();
  await login(admin, '部门登录', 'admin', 'Admin12345');
  await admin.getByRole('menuitem', { name: '短信发送记录' }).click();
  await expect(admin).toHaveURL(/\/admin\/sms-outbox$/);
  await expect(admin.getByTestId('sms-simulator')).toContainText('模拟短信网关');
  await admin.getByPlaceholder('按手机号查询').fill(phone);
  await admin.getByPlaceholder('按手机号查询').press('Enter');
  await expect(admin.getByTestId('sms-phone').first()).toHaveText(phone);
  await expect(admin.getByTestId('sms-text').first()).toContainText('重设');
  await shot(admin, 'admin-sms-outbox');
  await admin.context().close();

  const code = await codeSentTo(request, phone);
  // A wrong code first: the server's message on the code field.
  const wrong = code === '000000' ? '111111' : '000000';
  await page.getByPlaceholder('请输入6位验证码').fill(wrong);
  await page.getByPlaceholder('请设置新密码').fill(NEW);
  await page.getByPlaceholder('请再次输入新密码').fill(NEW);
  await page.getByRole('button', { name: /重\s*设\s*密\s*码/ }).click();
  await expect(page.getByText(/验证码不正确/)).toBeVisible();
  await shot(page, 'forgot-password');

  await page.getByPlaceholder('请输入6位验证码').fill(code);
  await page.getByRole('button', { name: /重\s*设\s*密\s*码/ }).click();
  await expect(page).toHaveURL(/\/login\?tab=individual$/);
  await expect(page.getByTestId('login-notice')).toHaveText('密码已重设，请用新密码登录');
  await expect(page.getByPlaceholder('请输入身份证号或手机号')).toHaveValue(idNumber);

  // The old password is refused (with the attempts left), the new one opens the platform.
  await page.getByPlaceholder('请输入密码').fill(OLD);
  await page.getByRole('button', { name: /登\s*录/ }).click();
  await expect(page.getByTestId('login-error')).toContainText('还可尝试');
  await expect(page.getByTestId('login-notice')).toHaveCount(0);
  await page.getByPlaceholder('请输入密码').fill(NEW);
  await page.getByRole('button', { name: /登\s*录/ }).click();
  await expect(page).toHaveURL(/\/profile$/);
});

test('wrong passwords count down to the lockout with a warning', async ({ page, request }) => {
  const idNumber = uniqueIdNumber();
  const r = await request.post('/api/v1/auth/register/individual', {
    data: { name: `锁定${uniqueSuffix().slice(-4)}`, id_number: idNumber, phone: uniquePhone(), password: OLD },
  });
  expect(r.status()).toBe(201);
  await page.goto('/login');
  await page.getByPlaceholder('请输入身份证号或手机号').fill(idNumber);
  const attempt = async () => {
    await page.getByPlaceholder('请输入密码').fill('Wrong12345');
    await page.getByRole('button', { name: /登\s*录/ }).click();
  };
  await attempt();
  await expect(page.getByTestId('login-error')).toContainText('还可尝试 4 次');
  await expect(page.getByTestId('login-lockout-warning')).toHaveCount(0);
  await attempt();
  await expect(page.getByTestId('login-error')).toContainText('还可尝试 3 次');
  await attempt();
  await expect(page.getByTestId('login-error')).toContainText('还可尝试 2 次');
  await expect(page.getByTestId('login-lockout-warning')).toContainText('再输错 2 次密码');
  await shot(page, 'login-lockout-warning');
  await attempt();
  await attempt();
  // Locked: the 423 detail.
  await expect(page.getByTestId('login-error')).toContainText(/锁定/);
  await attempt();
  await expect(page.getByTestId('login-error')).toContainText(/锁定/);
});
