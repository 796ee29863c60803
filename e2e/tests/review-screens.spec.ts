import { expect, test, type Browser, type Page } from '@playwright/test';
import { shot } from '../lib/shots';
import { login } from '../lib/ui';

// 资格审查 screens against the demo data (ZCPS_DEMO=1 with the demo declarations): read only, so
// it can run again on the same database. The demo employer's lists, the 18-section preview with
// its buttons, 审查日志; 宁波市人力资源和社会保障局's 评审 / 认定 / 收费设定; the committee office's
// 评审受理.

const EMPLOYER = '91330203MA2H000018';
const PASSWORD = 'Demo12345';

async function signedIn(browser: Browser, tab: '法人登录' | '部门登录', username: string): Promise<Page> {
  const page = await (await browser.newContext()).newPage();
  await login(page, tab, username, PASSWORD);
  await expect(page).not.toHaveURL(/\/login/);
  return page;
}

test('the employer reviews: tabs with counts, filters, preview with 关闭 通过 不通过 退回, 审查日志', async ({ browser }) => {
  const page = await signedIn(browser, '法人登录', EMPLOYER);
  await page.goto('/declaration-review');
  // The page's code is loaded on first visit.
  await expect(page.getByTestId('chain-heading')).toHaveText('职称申报审查', { timeout: 30_000 });
  await expect(page.getByPlaceholder('请输入申报人姓名或身份证号关键字模糊查询')).toBeVisible();
  for (const [tab, label] of [
    ['pending', '待审查'],
    ['passed', '审查通过'],
    ['failed', '审查不通过'],
    ['returned', '退回记录'],
    ['all', '全部'],
  ]) {
    await expect(page.getByTestId(`tab-${tab}`)).toHaveText(new RegExp(`^${label} \\(\\d+\\)$`));
  }
  await expect(page.getByText('—申报年度—')).toBeVisible();
  await expect(page.getByText('—申报计划名称—')).toBeVisible();
  await page.getByTestId('tab-all').click();
  const names = page.getByTestId('chain-row-name');
  await expect(names.first()).toBeVisible();
  // ID numbers are masked.
  await expect(page.getByTestId('chain-row-id').first()).toHaveText(/^\d{6}\*{8}[\dX]{4}$/);
  await shot(page, 'review-employer-all');

  const name = (await names.first().textContent())!.trim();
  await names.first().click();
  await expect(page.getByTestId('review-drawer-title')).toContainText(`${name}-申报信息预览-`);
  await expect(page.getByTestId('preview-section-1')).toBeVisible();
  await expect(page.getByTestId('preview-section-18')).toBeVisible();
  await shot(page, 'review-employer-preview', { fullPage: false });
  await page.locator('.ant-drawer-footer').getByRole('button', { name: /关\s*闭/ }).click();

  await page.getByTestId('chain-row-log').first().click();
  await expect(page.getByTestId('chain-log-entry').first()).toBeVisible();
  await expect(page.getByTestId('chain-log')).toContainText('提交申报');
  await shot(page, 'review-employer-log', { fullPage: false });
  await page.keyboard.press('Escape');

  await page.goto('/recognition-review');
  await expect(page.getByTestId('chain-heading')).toHaveText('认定资格审查', { timeout: 30_000 });
  await expect(page.getByText('—受理部门—')).toBeVisible();
  await expect(page.getByRole('columnheader', { name: '受理部门' })).toBeVisible();
});

test('the city HRSS department: 评审 and 认定 lists, 收费设定 per plan', async ({ browser }) => {
  const page = await signedIn(browser, '部门登录', 'nb_hrss');
  await page.goto('/qualification-review');
  await expect(page.getByTestId('chain-heading')).toHaveText('职称评审资格审查', { timeout: 30_000 });
  await expect(page.getByTestId('tab-pending')).toHaveText(/^待审查 \(\d+\)$/);
  await page.getByText('认定资格审查', { exact: true }).click();
  await expect(page.getByTestId('chain-heading')).toHaveText('认定资格审查');
  await page.getByText('收费设定', { exact: true }).click();
  await expect(page.getByTestId('fee-switch').first()).toBeVisible();
  await expect(page.getByTestId('fee-switch').first()).toContainText(/收费|不收费/);
  await shot(page, 'review-hrss-fees');
});

test('the committee office: 评审受理 with 待受理 and 已受理', async ({ browser }) => {
  const office = await signedIn(browser, '部门登录', 'nb_committee');
  await office.goto('/committee/acceptance');
  await expect(office.getByTestId('chain-heading')).toHaveText('评审受理', { timeout: 30_000 });
  await expect(office.getByTestId('tab-pending')).toHaveText(/^待受理 \(\d+\)$/);
  await expect(office.getByTestId('tab-passed')).toHaveText(/^已受理 \(\d+\)$/);
  await shot(office, 'review-committee');
});
