import { expect, test, type Page } from '@playwright/test';
import { maskPhone, uniqueCreditCode, uniqueIdNumber, uniquePhone, uniqueSuffix } from '../lib/ids';
import { shot } from '../lib/shots';

// Whole journeys against the real API (ZCPS_BASE_URL, demo data: admin / Admin12345).

const PASSWORD = 'Passw0rd2026';

async function logout(page: Page) {
  await page.getByRole('button', { name: /退出系统/ }).click();
  await expect(page).toHaveURL(/\/login/);
  await expect(page.getByRole('tab', { name: '个人登录' })).toBeVisible();
  // The session is gone: a protected page sends us back to the login page.
  await page.goto('/user-center');
  await expect(page).toHaveURL(/\/login/);
}

test('individual: register, log in, see the user centre, log out', async ({ page }) => {
  const idNumber = uniqueIdNumber();
  const phone = uniquePhone();
  const name = `测试${uniqueSuffix().slice(-4)}`;

  await page.goto('/login');
  await page.getByRole('link', { name: '个人注册' }).click();
  await page.getByPlaceholder('请输入真实姓名').fill(name);
  await page.getByPlaceholder('请输入18位居民身份证号码').fill(idNumber);
  await page.getByPlaceholder('请输入11位手机号码').fill(phone);
  await page.getByPlaceholder('请设置登录密码').fill(PASSWORD);
  await page.getByPlaceholder('请再次输入密码').fill(PASSWORD);
  await page.getByRole('button', { name: /注\s*册/ }).click();

  await expect(page.getByText('注册成功，请登录')).toBeVisible();
  await expect(page).toHaveURL(/\/login\?tab=individual/);
  await expect(page.getByRole('tab', { name: '个人登录', selected: true })).toBeVisible();

  // Log in with the phone number (the ID number works too).
  await page.getByPlaceholder('请输入身份证号或手机号').fill(phone);
  await page.getByPlaceholder('请输入密码').fill(PASSWORD);
  await page.getByRole('button', { name: /登\s*录/ }).click();

  // First login: 个人基本信息 must be completed before anything else (seed 002 §2).
  await expect(page).toHaveURL(/\/profile$/);
  await expect(page.getByText('首次登录请先完善个人基本信息')).toBeVisible();
  await expect(page.getByTestId('header-greeting')).toContainText(`您好，${name}`);
  await expect(page.getByRole('menuitem')).toHaveCount(1);
  await expect(page.getByRole('menuitem', { name: '个人基本信息' })).toBeVisible();
  const readonly = (label: string) => page.locator('.ant-form-item', { has: page.locator(`label:text-is("${label}")`) }).locator('input');
  await expect(readonly('姓名')).toHaveValue(name);
  await expect(readonly('手机号码')).toHaveValue(maskPhone(phone));
  await expect(readonly('证件号码')).toHaveValue(`${idNumber.slice(0, 6)}********${idNumber.slice(14)}`);
  await shot(page, 'individual-first-login');

  // Other pages send the person back here until the profile is saved.
  await page.goto('/archive/education');
  await expect(page).toHaveURL(/\/profile$/);

  await logout(page);
});

test('employer: register with a credit code, log in (法人登录), see phone and operator, log out', async ({ page }) => {
  const code = uniqueCreditCode();
  const phone = uniquePhone();
  const unit = `杭州测试科技有限公司${uniqueSuffix()}`;
  const operator = '王诚';

  await page.goto('/login');
  await page.getByRole('link', { name: '法人注册' }).click();
  await page.getByPlaceholder('请输入单位全称').fill(unit);
  await page.getByPlaceholder('请输入18位统一社会信用代码').fill(code);
  await page.getByPlaceholder('请输入经办人（账户使用人）姓名').fill(operator);
  await page.getByPlaceholder('请输入经办人11位手机号码').fill(phone);
  await page.getByPlaceholder('请设置登录密码').fill(PASSWORD);
  await page.getByPlaceholder('请再次输入密码').fill(PASSWORD);
  await page.getByRole('button', { name: /注\s*册/ }).click();

  await expect(page.getByText('注册成功，请登录')).toBeVisible();
  await expect(page.getByRole('tab', { name: '法人登录', selected: true })).toBeVisible();
  await page.getByPlaceholder('请输入统一社会信用代码或手机号').fill(code);
  await page.getByPlaceholder('请输入密码').fill(PASSWORD);
  await page.getByRole('button', { name: /登\s*录/ }).click();

  // First login: only 提交授权委托证明 until the local HRSS department approves it (seed 000 §2).
  await expect(page).toHaveURL(/\/authorisation$/);
  await expect(page.getByTestId('header-greeting')).toContainText(`您好，${unit}`);
  await expect(page.getByRole('menuitem')).toHaveCount(1);
  await expect(page.getByRole('menuitem', { name: '提交授权委托证明' })).toBeVisible();
  await expect(page.getByTestId('authorisation-intro')).toContainText(`通知到${maskPhone(phone)}手机号`);
  await expect(page.getByText(code, { exact: true })).toBeVisible();
  // The operator is named, masked as in the manual (王诚 → *诚): "需授权账号使用人*诚登录…".
  await expect(page.getByTestId('authorisation-operator')).toHaveText('*诚');
  await expect(page.getByTestId('authorisation-intro')).toContainText('需授权账号使用人*诚登录');
  await expect(page.getByText('*诚', { exact: true }).last()).toBeVisible();
  await page.goto('/user-center');
  await expect(page).toHaveURL(/\/authorisation$/);
  await shot(page, 'employer-authorisation');

  // Registering the same code again is refused with the server's message.
  await logout(page);
  await page.goto('/register/employer');
  await page.getByPlaceholder('请输入单位全称').fill(unit);
  await page.getByPlaceholder('请输入18位统一社会信用代码').fill(code);
  await page.getByPlaceholder('请输入经办人（账户使用人）姓名').fill(operator);
  await page.getByPlaceholder('请输入经办人11位手机号码').fill(uniquePhone());
  await page.getByPlaceholder('请设置登录密码').fill(PASSWORD);
  await page.getByPlaceholder('请再次输入密码').fill(PASSWORD);
  await page.getByRole('button', { name: /注\s*册/ }).click();
  await expect(page.getByRole('alert')).toContainText('已注册');
  await shot(page, 'employer-register-duplicate');
});

test('admin: 部门登录 and 组织机构 lists the provincial HRSS department', async ({ page }) => {
  await page.goto('/login');
  await page.getByRole('tab', { name: '部门登录' }).click();
  await page.getByPlaceholder('请输入登录名').fill('admin');
  await page.getByPlaceholder('请输入密码').fill('Admin12345');
  await page.getByRole('button', { name: /登\s*录/ }).click();

  await expect(page).toHaveURL(/\/user-center$/);
  for (const item of ['用户中心', '组织机构', '账号分配', '基础数据']) {
    await expect(page.getByRole('menuitem', { name: item })).toBeVisible();
  }
  await page.getByRole('menuitem', { name: '组织机构' }).click();
  await expect(page).toHaveURL(/\/admin\/org-units$/);
  // The tree first; the searchable list one click away.
  await expect(page.getByTestId('org-tree-node').filter({ hasText: '浙江省人力资源和社会保障厅' })).toBeVisible();
  await page.getByText('列表查询').click();
  await expect(page.getByRole('cell', { name: '浙江省人力资源和社会保障厅', exact: true }).first()).toBeVisible();
  await expect(page.getByRole('button', { name: /查\s*询/ })).toBeVisible();
  await shot(page, 'admin-org-units');

  // A search with no match shows the Chinese empty text.
  await page.getByPlaceholder('请输入机构名称关键字').fill(`不存在的机构${uniqueSuffix()}`);
  await page.getByRole('button', { name: /查\s*询/ }).click();
  await expect(page.locator('.ant-empty-description', { hasText: '暂无数据' })).toBeVisible();

  // 新增: a competent department under the Ningbo HRSS bureau, picked with the parent search.
  const unitName = `测试主管部门${uniqueSuffix()}`;
  await page.getByPlaceholder('请输入机构名称关键字').fill('');
  await page.getByRole('button', { name: /新\s*增/ }).click();
  const dialog = page.getByRole('dialog', { name: '新增组织机构' });
  await expect(dialog).toBeVisible();
  await dialog.getByPlaceholder('请输入机构名称').fill(unitName);
  const field = (label: string) => dialog.locator('.ant-form-item', { hasText: label }).locator('.ant-select-selector');
  await field('机构类型').click();
  await page.locator('.ant-select-item-option', { hasText: '主管部门' }).click();
  await field('上级机构').click();
  await page.keyboard.type('宁波市人力');
  await page.locator('.ant-select-item-option', { hasText: '宁波市人力资源和社会保障局' }).click();
  await shot(page, 'admin-org-unit-create');
  await dialog.getByRole('button', { name: /确\s*定/ }).click();
  await expect(page.getByText('新增成功')).toBeVisible();
  await expect(dialog).toBeHidden();
  await page.getByPlaceholder('请输入机构名称关键字').fill(unitName);
  await page.getByRole('button', { name: /查\s*询/ }).click();
  const row = page.getByRole('row', { name: new RegExp(unitName) });
  await expect(row).toContainText('主管部门');
  await expect(row).toContainText('宁波市人力资源和社会保障局');

  // The side menu is still open at 1366 px after the list, the search and the dialog.
  await expect(page.locator('.ant-pro-sider')).not.toHaveClass(/collapsed/);
  await page.getByRole('menuitem', { name: '账号分配' }).click();
  await expect(page.getByRole('cell', { name: /^admin\b/ }).first()).toBeVisible();
  await shot(page, 'admin-staff-accounts');

  await page.getByRole('menuitem', { name: '基础数据' }).click();
  await expect(page.getByRole('tab', { name: '职称系列' })).toBeVisible();
  await expect(page.getByRole('cell', { name: '工程技术' })).toBeVisible();
  await shot(page, 'admin-title-series');
  await page.getByRole('tab', { name: '民族' }).click();
  await expect(page.getByRole('cell', { name: '汉族' })).toBeVisible();
  await shot(page, 'admin-reference-data');

  await logout(page);
});

test('an invalid access token is refreshed silently; a dead session goes to the login page', async ({ page }) => {
  await page.goto('/login?tab=staff');
  await page.getByPlaceholder('请输入登录名').fill('admin');
  await page.getByPlaceholder('请输入密码').fill('Admin12345');
  await page.getByRole('button', { name: /登\s*录/ }).click();
  await expect(page).toHaveURL(/\/user-center$/);
  // Let the user centre's own requests (account, bell) finish first: a refresh cut off by
  // the navigation below would leave the browser holding an already-rotated refresh token.
  await expect(page.getByTestId('greeting')).toBeVisible();
  await page.waitForLoadState('networkidle');

  // Spoil the access token: the next API call gets 401, refreshes once and retries.
  const before = await page.evaluate(() => localStorage.getItem('zcps.refresh_token'));
  await page.evaluate(() => localStorage.setItem('zcps.access_token', 'spoiled'));
  await page.goto('/admin/org-units');
  await expect(page.getByTestId('org-tree-node').filter({ hasText: '浙江省人力资源和社会保障厅' })).toBeVisible({ timeout: 20_000 });
  const after = await page.evaluate(() => ({
    access: localStorage.getItem('zcps.access_token'),
    refresh: localStorage.getItem('zcps.refresh_token'),
  }));
  expect(after.access).not.toBe('spoiled');
  expect(after.refresh).not.toBe(before);

  // Spoil both: the refresh fails and the user lands on the login page.
  await page.evaluate(() => {
    localStorage.setItem('zcps.access_token', 'spoiled');
    localStorage.setItem('zcps.refresh_token', 'spoiled');
  });
  await page.goto('/admin/staff-accounts');
  await expect(page).toHaveURL(/\/login/);
  expect(await page.evaluate(() => localStorage.getItem('zcps.access_token'))).toBeNull();
});

test('login failures show the server detail, up to the lock-out message', async ({ page, request }) => {
  const idNumber = uniqueIdNumber();
  const phone = uniquePhone();
  const reg = await request.post('/api/v1/auth/register/individual', {
    data: { name: '锁定测试', id_number: idNumber, phone, password: PASSWORD },
  });
  expect(reg.status()).toBe(201);

  await page.goto('/login');
  await page.getByPlaceholder('请输入身份证号或手机号').fill(idNumber);
  const alert = page.getByTestId('login-error');
  for (let i = 0; i < 5; i++) {
    await page.getByPlaceholder('请输入密码').fill(`Wrong${i}pass`);
    await page.getByRole('button', { name: /登\s*录/ }).click();
    await expect(alert).toBeVisible();
  }
  // The fifth failure locks the account; the detail names the minutes left.
  await expect(alert).toContainText('锁定');
  await expect(alert).toContainText('分钟');
  await shot(page, 'login-locked');

  // Even the right password is refused while locked.
  await page.getByPlaceholder('请输入密码').fill(PASSWORD);
  await page.getByRole('button', { name: /登\s*录/ }).click();
  await expect(alert).toContainText('锁定');
  await expect(page).toHaveURL(/\/login/);
});
