import { expect, test, type APIRequestContext, type Browser, type Locator, type Page } from '@playwright/test';
import { uniqueSuffix } from '../lib/ids';
import { shot } from '../lib/shots';
import { chooseOption, itemByLabel, login } from '../lib/ui';

// 申报计划 (SPEC §7, seed 002 §4) against the real API with the demo data (ZCPS_DEMO=1):
// nb_hrss / Demo12345 (宁波市人力资源和社会保障局) creates and publishes a plan; the demo
// individual 张明 (330203199001010022 / Demo12345, employed under 宁波市水利局) finds the demo
// plan 关于<year>年度高级工程师申报通知 on 职称申报 and reads it.

const HRSS = { username: 'nb_hrss', password: 'Demo12345' };
const DEMO_INDIVIDUAL = { username: '330203199001010022', password: 'Demo12345' };
const COMMITTEE = '宁波市水利工程技术人员高级专业技术职务任职资格评审委员会';
const YEAR = new Date().getFullYear();
const DEMO_PLAN = `关于${YEAR}年度高级工程师申报通知`;
const DEMO_RECOGNITION = `关于${YEAR}年度工程师职称认定通知`;
const suffix = uniqueSuffix();
const NEW_PLAN = `关于${YEAR}年度工程师申报通知（测试${suffix}）`;

test.describe.configure({ mode: 'serial' });

const pad = (n: number) => String(n).padStart(2, '0');
const ymdhm = (d: Date) => `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${pad(d.getHours())}:${pad(d.getMinutes())}`;

async function newPage(browser: Browser, opts: Parameters<Browser['newContext']>[0] = {}): Promise<Page> {
  const ctx = await browser.newContext(opts);
  return ctx.newPage();
}

/** Type a date-time into the antd DatePicker (with time) of the labelled field and confirm. */
async function fillDateTime(page: Page, scope: Locator, label: string, value: string) {
  const input = itemByLabel(scope, label).locator('.ant-picker input');
  await input.click();
  await input.fill(value);
  await input.press('Enter');
  await expect(page.locator('.ant-picker-dropdown:visible')).toHaveCount(0);
  await expect(input).toHaveValue(value);
}

/** Pick `node` in the antd TreeSelect of the labelled field. */
async function chooseTreeNode(page: Page, scope: Locator, label: string, node: string) {
  await itemByLabel(scope, label).locator('.ant-select-selector').click();
  await page.locator('.ant-select-dropdown:visible .ant-select-tree-title', { hasText: node }).first().click();
  // close the dropdown by clicking the drawer's title (Escape could close a drawer)
  await page.locator('.ant-drawer-title:visible').first().click();
  await expect(page.locator('.ant-select-dropdown:visible .ant-select-tree')).toHaveCount(0);
  await expect(itemByLabel(scope, label).locator('.ant-select-selection-item', { hasText: node })).toBeVisible();
}

const rowOf = (page: Page, text: string) => page.locator('.ant-table-row', { hasText: text });

/** The demo individual's profile is complete (other journeys may not have run first). */
async function ensureDemoProfile(request: APIRequestContext) {
  const r = await request.post('/api/v1/auth/login', { data: { account_kind: 'individual', ...DEMO_INDIVIDUAL } });
  expect(r.status()).toBe(200);
  const auth = { Authorization: `Bearer ${((await r.json()) as { access_token: string }).access_token}` };
  const profile = (await (await request.get('/api/v1/profile', { headers: auth })).json()) as { completed: boolean };
  if (!profile.completed) {
    const hits = (await (await request.get(`/api/v1/employers?q=${encodeURIComponent('水利规划设计')}`, { headers: auth })).json()) as { id: string }[];
    const put = await request.put('/api/v1/profile', {
      headers: auth,
      data: { employer_id: hits[0].id, ethnicity: '汉族', political_status: '群众', highest_education: '大学本科' },
    });
    expect(put.status()).toBe(200);
  }
}

test('HRSS creates a draft plan, sees it in 草稿, publishes it', async ({ browser }) => {
  const page = await newPage(browser);
  await login(page, '部门登录', HRSS.username, HRSS.password);
  await expect(page).toHaveURL(/\/user-center$/);
  await page.getByRole('menuitem', { name: '申报计划' }).click();
  await expect(page).toHaveURL(/\/plans$/);
  await expect(page.getByTestId('plan-tab-draft')).toHaveText(/草稿 \(\d+\)/);
  await expect(page.getByTestId('plan-tab-published')).toHaveText(/已发布 \(\d+\)/);
  await page.getByTestId('plan-tab-all').click();
  await expect(rowOf(page, DEMO_PLAN)).toContainText('450.00 元');
  await expect(rowOf(page, DEMO_PLAN)).toContainText('已发布');
  await shot(page, 'plans-list');

  // ── 新建计划 ──────────────────────────────────────────────────────────────────────
  await page.getByTestId('plan-new').click();
  const drawer = page.locator('.ant-drawer-content', { hasText: '新建申报计划' });
  await expect(drawer.getByTestId('plan-form')).toBeVisible();
  // Saving an empty form says what is missing, on the fields.
  await drawer.getByTestId('plan-save').click();
  await expect(drawer.getByText('请填写计划名称')).toBeVisible();
  await expect(drawer.getByText('请至少选择一个单位隶属关系')).toBeVisible();

  await itemByLabel(drawer, '计划名称').locator('input').fill(NEW_PLAN);
  await chooseOption(page, drawer, '职称系列', '工程技术');
  await chooseOption(page, drawer, '职称层级', /^中级/);
  const specialties = itemByLabel(drawer, '可评审专业').locator('input');
  await specialties.fill('水利工程');
  await specialties.press('Enter');
  await specialties.fill('水文水资源');
  await specialties.press('Enter');
  await chooseTreeNode(page, drawer, '单位隶属关系', '宁波市水利局');
  await chooseOption(page, drawer, '受理评审委员会', COMMITTEE);
  const now = new Date();
  const opens = new Date(now.getFullYear(), now.getMonth(), now.getDate(), 0, 0);
  const closes = new Date(opens.getTime() + 30 * 86_400_000);
  await fillDateTime(page, drawer, '申报开始时间', ymdhm(opens));
  await fillDateTime(page, drawer, '申报截止时间', ymdhm(closes));
  await itemByLabel(drawer, '评审费').locator('input').fill('380');
  await drawer.locator('.ant-drawer-body').evaluate((el) => el.scrollTo(0, 0));
  await shot(page, 'plans-form-top', { fullPage: false });
  await itemByLabel(drawer, '评审计划说明').locator('textarea').fill('请于截止时间前在本平台提交申报材料。\n联系电话：0574-12345678');
  await drawer.getByTestId('plan-attachment-add').click();
  await drawer.getByTestId('plan-attachment-row').nth(1).locator('input[type=text], input:not([type])').first().fill('业绩成果证明材料');
  await itemByLabel(drawer, '资格说明').locator('textarea').fill('遵守国家法律法规，具有良好的职业道德。');
  await drawer.getByTestId('rule-switch-min_years_in_profession').click();
  await drawer.getByTestId('rule-min_years_in_profession').locator('input').fill('5');
  await drawer.getByTestId('rule-switch-assessments').click();
  await drawer.getByTestId('rule-assessments').locator('input').fill('3');
  await shot(page, 'plans-form', { fullPage: false });
  await drawer.getByTestId('plan-save').click();
  await expect(page.getByText('申报计划已保存为草稿')).toBeVisible();
  await expect(drawer).toBeHidden();

  // ── the draft in 草稿, then 发布 ─────────────────────────────────────────────────
  await page.getByTestId('plan-tab-draft').click();
  await page.getByPlaceholder('请输入计划名称关键字').fill(`测试${suffix}`);
  await page.getByPlaceholder('请输入计划名称关键字').press('Enter');
  const row = rowOf(page, NEW_PLAN);
  await expect(row).toContainText('草稿');
  await expect(row).toContainText('380.00 元');
  await expect(row).toContainText('评审 · 工程技术 · 中级');
  await row.getByTestId('plan-publish').click();
  await page.locator('.ant-popconfirm').getByRole('button', { name: /发\s*布/ }).click();
  await expect(page.getByText(`已发布：${NEW_PLAN}`)).toBeVisible();
  await expect(rowOf(page, NEW_PLAN)).toHaveCount(0);
  await page.getByTestId('plan-tab-published').click();
  await expect(rowOf(page, NEW_PLAN)).toContainText('已发布');
  await expect(rowOf(page, NEW_PLAN).getByTestId('plan-close')).toBeVisible();
  await expect(rowOf(page, NEW_PLAN).getByTestId('plan-delete')).toHaveCount(0);
  await shot(page, 'plans-published');

  // ── 查看: the same detail the applicant reads, with status and affiliations ─────────────
  await rowOf(page, NEW_PLAN).getByTestId('plan-row-name').click();
  const detail = page.getByTestId('plan-detail');
  await expect(detail.getByTestId('plan-fee-value')).toHaveText('380.00 元');
  await expect(detail.getByTestId('plan-rules')).toContainText('从事本专业技术工作满5年');
  await expect(detail.getByTestId('plan-rules')).toContainText('近3年年度考核均为合格及以上');
  await expect(detail.getByTestId('plan-attachments')).toContainText('业绩成果证明材料');
  await expect(detail.getByTestId('plan-acceptors')).toContainText(COMMITTEE);
  await expect(detail).toContainText('宁波市水利局');
  await shot(page, 'plans-detail', { fullPage: false });
  await page.keyboard.press('Escape');

  // ── a published plan only lets the description, a later deadline and names change ────
  await rowOf(page, NEW_PLAN).getByTestId('plan-edit').click();
  const edit = page.locator('.ant-drawer-content', { hasText: '编辑申报计划' });
  await expect(edit.getByTestId('plan-locked-note')).toBeVisible();
  await expect(itemByLabel(edit, '计划名称').locator('input')).toBeDisabled();
  await expect(itemByLabel(edit, '评审计划说明').locator('textarea')).toBeEnabled();
  await edit.getByRole('button', { name: /取\s*消/ }).click();
  await page.context().close();
});

test('the applicant finds the demo plan on 职称申报 and reads it', async ({ browser, request }) => {
  await ensureDemoProfile(request);
  const page = await newPage(browser);
  await login(page, '个人登录', DEMO_INDIVIDUAL.username, DEMO_INDIVIDUAL.password);
  await expect(page).toHaveURL(/\/user-center$/);
  await page.getByRole('menuitem', { name: '职称申报' }).click();
  await expect(page).toHaveURL(/\/declare$/);
  const plan = page.getByTestId('open-plan').filter({ hasText: DEMO_PLAN });
  await expect(plan).toBeVisible();
  await expect(plan).toContainText('450.00 元');
  await expect(plan).toContainText(COMMITTEE);
  // The plan HRSS published a moment ago is open to 张明's employer too.
  await expect(page.getByTestId('open-plan').filter({ hasText: NEW_PLAN })).toBeVisible();
  await shot(page, 'declare-plans');

  // 职称认定 lists the recognition plan; a series without plans shows the empty state.
  await page.getByTestId('declare-type').getByText('职称认定').click();
  await expect(page.getByTestId('open-plan').filter({ hasText: DEMO_RECOGNITION })).toBeVisible();
  await expect(page.getByTestId('open-plan').filter({ hasText: DEMO_PLAN })).toHaveCount(0);
  await chooseOption(page, page.getByTestId('declare-chooser'), '申报职称系列', '卫生技术');
  await expect(page.getByTestId('declare-empty')).toContainText('暂无可申报的计划');
  await page.getByTestId('declare-type').getByText('职称评审').click();
  await itemByLabel(page.getByTestId('declare-chooser'), '申报职称系列').locator('.ant-select-clear').click({ force: true });
  await expect(plan).toBeVisible();

  // ── the plan's detail ─────────────────────────────────────────────────────────────
  await plan.getByTestId('open-plan-view').click();
  await expect(page).toHaveURL(/\/declare\?(.*&)?plan=/);
  await expect(page.getByTestId('declare-plan-title')).toHaveText(DEMO_PLAN);
  for (const section of ['基本信息', '评审计划说明', '附件要求', '申报对象资格', '可评审专业', '受理评审委员会', '申报时间', '评审费']) {
    await expect(page.locator('.plan-section-title', { hasText: section })).toBeVisible();
  }
  await expect(page.getByTestId('plan-attachments').locator('th')).toHaveText(['#', '必要', '材料名称', '类型']);
  await expect(page.getByTestId('plan-attachments')).toContainText('单位推荐意见表');
  await expect(page.getByTestId('plan-rules')).toContainText('从事本专业技术工作满10年');
  await expect(page.getByTestId('plan-rules')).toContainText('具有大学本科及以上学历');
  await expect(page.getByTestId('plan-specialties')).toContainText('水文水资源');
  await expect(page.getByTestId('plan-fee-value')).toHaveText('450.00 元');
  await shot(page, 'declare-plan-detail');

  // 【马上申报】 starts the declaration wizard (its journey is in declaration.spec.ts).
  await expect(page.getByTestId('plan-start')).toBeEnabled();
  await page.getByTestId('plan-back').click();
  await expect(plan).toBeVisible();
  await page.context().close();
});

test('职称申报 fits a 390 px phone', async ({ browser, request }) => {
  await ensureDemoProfile(request);
  const page = await newPage(browser, { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2 });
  const noHorizontalScroll = async () => {
    await page.waitForTimeout(300);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
  };
  await login(page, '个人登录', DEMO_INDIVIDUAL.username, DEMO_INDIVIDUAL.password);
  await expect(page).toHaveURL(/\/user-center$/);
  await page.goto('/declare');
  const plan = page.getByTestId('open-plan').filter({ hasText: DEMO_PLAN });
  await expect(plan).toBeVisible();
  await noHorizontalScroll();
  await shot(page, 'mobile-declare-plans');
  await plan.getByTestId('open-plan-name').click();
  await expect(page.getByTestId('declare-plan-title')).toHaveText(DEMO_PLAN);
  await expect(page.getByTestId('plan-start')).toBeVisible();
  await noHorizontalScroll();
  // viewport-sized: the 马上申报 bar sticks to the bottom of the screen
  await shot(page, 'mobile-declare-plan-detail', { fullPage: false });
  await page.context().close();
});
