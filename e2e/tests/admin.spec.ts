import { expect, test } from '@playwright/test';
import { shot } from '../lib/shots';
import { login } from '../lib/ui';

// The administrator's pages at 1366×768 (demo data).
test('组织机构 as a tree and 基础数据 in Chinese', async ({ page }) => {
  await login(page, '部门登录', 'admin', 'Admin12345');
  await page.getByRole('menuitem', { name: '组织机构' }).click();
  await expect(page).toHaveURL(/\/admin\/org-units$/);
  const nodes = page.getByTestId('org-tree-node');
  await expect(nodes.filter({ hasText: '浙江省人力资源和社会保障厅' })).toBeVisible();
  await expect(nodes.filter({ hasText: '宁波市人力资源和社会保障局' })).toBeVisible();
  await expect(nodes.filter({ hasText: '宁波市水利局' })).toBeVisible();
  // The second competent level under 宁波市水利局 (demo start) is loaded with its department.
  await expect(nodes.filter({ hasText: '宁波市水务环境集团有限公司' })).toBeVisible();
  // Nested: the city bureau sits deeper than the provincial department.
  const indent = async (text: string) =>
    nodes
      .filter({ hasText: text })
      .first()
      .evaluate((el) => el.closest('.ant-tree-treenode')!.querySelectorAll('.ant-tree-indent-unit').length);
  expect(await indent('宁波市人力资源和社会保障局')).toBeGreaterThan(await indent('浙江省人力资源和社会保障厅'));
  expect(await indent('宁波市水利局')).toBeGreaterThan(await indent('宁波市人力资源和社会保障局'));
  expect(await indent('宁波市水务环境集团有限公司')).toBeGreaterThan(await indent('宁波市水利局'));
  await shot(page, 'admin-org-tree');

  // The searchable list is one click away.
  await page.getByText('列表查询').click();
  await expect(page.locator('.ant-table-row', { hasText: '宁波市水利局' }).first()).toBeVisible();

  await page.getByRole('menuitem', { name: '基础数据' }).click();
  await expect(page.getByTestId('series-name').filter({ hasText: '高等学校教师' })).toBeVisible();
  await expect(page.getByText('university_teacher')).toHaveCount(0);
  await expect(page.getByText('engineering', { exact: true })).toHaveCount(0);
  await shot(page, 'admin-reference-data');
  await page.getByRole('tab', { name: '学历' }).click();
  await expect(page.getByText('大学本科')).toBeVisible();
  await expect(page.getByText('bachelor')).toHaveCount(0);
});
