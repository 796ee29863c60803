import { expect, test, type Page } from '@playwright/test';
import { shot } from '../lib/shots';
import { login } from '../lib/ui';
import { uniqueIdNumber, uniquePhone, uniqueSuffix } from '../lib/ids';

// Public pages and the applicant's pages on a 390×844 phone: nothing wider than the screen.
test.use({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2 });

async function expectNoHorizontalScroll(page: Page) {
  // Let late layout (fonts, antd's responsive observers) settle first.
  await page.waitForTimeout(300);
  const width = await page.evaluate(() => document.documentElement.scrollWidth);
  expect(width, 'document.documentElement.scrollWidth').toBeLessThanOrEqual(390);
}

test.describe('public pages at 390 px', () => {
  test('login page', async ({ page }) => {
    await page.goto('/login');
    await expect(page.getByRole('tab', { name: '个人登录' })).toBeVisible();
    await expect(page.getByRole('button', { name: /登\s*录/ })).toBeInViewport();
    await expect(page.getByTestId('forgot-password-link')).toBeVisible();
    await expectNoHorizontalScroll(page);
    await shot(page, 'mobile-login', { fullPage: false });
    await page.getByRole('tab', { name: '法人登录' }).click();
    await expect(page.getByPlaceholder('请输入统一社会信用代码或手机号')).toBeVisible();
    await expectNoHorizontalScroll(page);
  });

  test('individual registration', async ({ page }) => {
    await page.goto('/register/individual');
    await expect(page.getByPlaceholder('请输入18位居民身份证号码')).toBeVisible();
    await page.getByRole('button', { name: /注\s*册/ }).click();
    await expect(page.getByText('请输入姓名')).toBeVisible();
    await expectNoHorizontalScroll(page);
    await shot(page, 'mobile-register-individual');
  });

  test('employer registration, with and without a credit code', async ({ page }) => {
    await page.goto('/register/employer');
    await expect(page.getByPlaceholder('请输入18位统一社会信用代码')).toBeVisible();
    await expectNoHorizontalScroll(page);
    await shot(page, 'mobile-register-employer');
    await page.getByText('不能提供（单位尚在筹建中等情况）').click();
    await expect(page.getByTestId('certificate-hint')).toBeVisible();
    await expectNoHorizontalScroll(page);
    await shot(page, 'mobile-register-employer-without-code');
  });

  test('forgotten password', async ({ page }) => {
    await page.goto('/login');
    await page.getByTestId('forgot-password-link').click();
    await expect(page).toHaveURL(/\/forgot-password\?tab=individual$/);
    await expect(page.getByTestId('send-reset-code')).toBeVisible();
    await expectNoHorizontalScroll(page);
    await shot(page, 'mobile-forgot-password');
    await page.getByRole('tab', { name: '部门账号' }).click();
    await expect(page.getByTestId('staff-reset-note')).toContainText('系统管理员');
    await expectNoHorizontalScroll(page);
  });
});

test.describe('the applicant on a phone', () => {
  test('first login, profile, user centre, archive and messages fit the screen', async ({ page, request }) => {
    // A fresh individual: the profile gate first, then the rest.
    const idNumber = uniqueIdNumber();
    const phone = uniquePhone();
    const password = 'Passw0rd2026';
    expect(
      (await request.post('/api/v1/auth/register/individual', { data: { name: `手机${uniqueSuffix().slice(-4)}`, id_number: idNumber, phone, password } })).status(),
    ).toBe(201);
    await login(page, '个人登录', phone, password);
    await expect(page).toHaveURL(/\/profile$/);
    await expect(page.getByText('首次登录请先完善个人基本信息')).toBeVisible();
    await expectNoHorizontalScroll(page);
    await shot(page, 'mobile-individual-profile');

    // Complete the profile through the API (bound to the demo employer), then look around.
    const token = await page.evaluate(() => localStorage.getItem('zcps.access_token'));
    const headers = { Authorization: `Bearer ${token}` };
    const employers = (await (await request.get('/api/v1/employers?q=宁波市水利规划设计研究院', { headers })).json()) as { id: string }[];
    const put = await request.put('/api/v1/profile', {
      headers,
      data: { employer_id: employers[0].id, ethnicity: '汉族', political_status: '群众', highest_education: '大学本科' },
    });
    expect(put.status()).toBe(200);

    await page.goto('/user-center');
    await expect(page.getByTestId('greeting')).toBeVisible();
    await expectNoHorizontalScroll(page);
    await shot(page, 'mobile-individual-user-center');

    await page.goto('/archive/education');
    await expect(page.getByTestId('category-title')).toHaveText('1. 教育经历');
    await expect(page.getByTestId('category-select')).toBeVisible();
    await expectNoHorizontalScroll(page);
    await shot(page, 'mobile-individual-archive');
    await page.getByRole('button', { name: /新\s*增/ }).click();
    await expect(page.locator('.ant-drawer-title', { hasText: '新增教育经历' })).toBeVisible();
    const drawerWidth = await page.locator('.ant-drawer-content-wrapper').evaluate((el) => el.getBoundingClientRect().width);
    expect(drawerWidth).toBeLessThanOrEqual(390);
    await shot(page, 'mobile-individual-archive-new', { fullPage: false });

    await page.goto('/messages');
    await expect(page.getByText('我的消息').first()).toBeVisible();
    await expectNoHorizontalScroll(page);
    await shot(page, 'mobile-individual-messages');
  });
});
