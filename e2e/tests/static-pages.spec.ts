import { expect, test } from '@playwright/test';
import { shot } from '../lib/shots';

// Public pages only: these run against any server of the SPA (also `vite preview`).
test.describe('public pages', () => {
  test('login page has the three tabs in Chinese', async ({ page }) => {
    await page.goto('/login');
    await expect(page).toHaveTitle(/职称申报与评审管理服务平台/);
    await expect(page.getByRole('tab', { name: '个人登录' })).toBeVisible();
    await expect(page.getByRole('tab', { name: '法人登录' })).toBeVisible();
    await expect(page.getByRole('tab', { name: '部门登录' })).toBeVisible();
    await expect(page.getByPlaceholder('请输入身份证号或手机号')).toBeVisible();
    await expect(page.getByRole('button', { name: /登\s*录/ })).toBeVisible();
    await shot(page, 'login-individual');

    await page.getByRole('tab', { name: '法人登录' }).click();
    await expect(page.getByPlaceholder('请输入统一社会信用代码或手机号')).toBeVisible();
    await shot(page, 'login-employer');

    await page.getByRole('tab', { name: '部门登录' }).click();
    await expect(page.getByPlaceholder('请输入登录名')).toBeVisible();
    await shot(page, 'login-staff');
  });

  test('individual registration validates on the client', async ({ page }) => {
    await page.goto('/login');
    await page.getByRole('link', { name: '个人注册' }).click();
    await expect(page).toHaveURL(/\/register\/individual$/);
    await page.getByPlaceholder('请输入18位居民身份证号码').fill('110101199003074259');
    await page.getByPlaceholder('请输入11位手机号码').fill('123');
    await page.getByRole('button', { name: /注\s*册/ }).click();
    await expect(page.getByText('身份证号码校验位不正确')).toBeVisible();
    await expect(page.getByText('请输入姓名')).toBeVisible();
    await shot(page, 'register-individual-errors');
  });

  test('employer registration page', async ({ page }) => {
    await page.goto('/register/employer');
    for (const label of ['单位名称', '统一社会信用代码', '经办人/账户使用人姓名', '手机号', '确认密码']) {
      await expect(page.getByText(label, { exact: true })).toBeVisible();
    }
    await shot(page, 'register-employer');
  });

  test('unknown path without a session goes to the login page', async ({ page }) => {
    await page.goto('/admin/org-units');
    await expect(page).toHaveURL(/\/login/);
  });
});
