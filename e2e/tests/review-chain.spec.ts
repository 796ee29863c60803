import { expect, test, type APIRequestContext, type Browser, type Page } from '@playwright/test';
import { shot } from '../lib/shots';
import { login } from '../lib/ui';

// 资格审查, the review chain (SPEC §9, seeds 000 §4–5, 001, 004) against the demo data: 张明's
// 评审 declaration (left as a draft with everything filled in by declaration.spec.ts) climbs
// employer → 宁波市水务环境集团有限公司 → 宁波市水利局 → 宁波市人社局 → the committee office, which
// accepts it; on the way the employer returns it once with an item to fix, 张明 sees the item
// highlighted in the wizard and resubmits, and the employer passes it with the unit declaration,
// records the publicity and recommends it. 张明's view is checked at every hop.

const PASSWORD = 'Demo12345';
const ZHANG = '330203199001010022';
const EMPLOYER = '91330203MA2H000018';
const EMPLOYER_NAME = '宁波市水利规划设计研究院有限公司';
const YEAR = new Date().getFullYear();
const DEMO_PLAN = `关于${YEAR}年度高级工程师申报通知`;
const COMMITTEE = '宁波市水利工程技术人员高级专业技术职务任职资格评审委员会';
const DEPARTMENTS = [
  { login: 'nb_swjt', name: '宁波市水务环境集团有限公司' },
  { login: 'nb_slj', name: '宁波市水利局' },
  { login: 'nb_hrss', name: '宁波市人力资源和社会保障局' },
];

test.describe.configure({ mode: 'serial' });

type Stage = { status: string; holder: { name: string } | null; description: string };
type Mine = { id: string; version: number; stage: Stage; plan: { name: string }; open_return: unknown };

async function token(request: APIRequestContext, kind: string, username: string) {
  const r = await request.post('/api/v1/auth/login', { data: { account_kind: kind, username, password: PASSWORD } });
  expect(r.status()).toBe(200);
  return { Authorization: `Bearer ${((await r.json()) as { access_token: string }).access_token}` };
}

/** 张明's declaration of the demo 评审 plan, as he sees it. */
async function mine(request: APIRequestContext): Promise<Mine> {
  const auth = await token(request, 'individual', ZHANG);
  const list = (await (await request.get('/api/v1/declarations?per_page=100', { headers: auth })).json()) as { items: Mine[] };
  const row = list.items.find((d) => d.plan.name === DEMO_PLAN);
  expect(row, 'declaration.spec.ts leaves 张明 a declaration of the demo plan (the suite runs serially)').toBeTruthy();
  return (await (await request.get(`/api/v1/declarations/${row!.id}`, { headers: auth })).json()) as Mine;
}

async function expectHolder(request: APIRequestContext, status: string, holder: string | null) {
  const d = await mine(request);
  expect(d.stage.status).toBe(status);
  expect(d.stage.holder?.name ?? null).toBe(holder);
  if (holder) expect(d.stage.description).toContain(holder);
}

async function newPage(browser: Browser): Promise<Page> {
  return (await browser.newContext()).newPage();
}

/** Logs in and waits for the user centre (the session lives in the page). */
async function signIn(page: Page, tab: '个人登录' | '法人登录' | '部门登录', username: string) {
  await login(page, tab, username, PASSWORD);
  await expect(page).toHaveURL(/\/user-center$/);
}

/** Opens the menu page `menu`, then 张明's row (searching by name) and its preview drawer. */
async function openZhang(page: Page, menu: string) {
  await page.getByRole('menuitem', { name: menu }).click();
  const search = page.getByPlaceholder('请输入申报人姓名或身份证号关键字模糊查询');
  await search.fill('张明');
  await search.press('Enter');
  // the list may still show an earlier visit: switching tabs loads it afresh
  await page.getByTestId('tab-all').click();
  await page.getByTestId('tab-pending').click();
  const row = page.locator('.ant-table-row', { hasText: '张明' }).first();
  await expect(row).toBeVisible();
  await row.getByText('张明', { exact: true }).click();
  await expect(page.getByTestId('review-drawer')).toBeVisible();
  return row;
}

/** Passes in the open drawer with `opinion` (or the prefilled text), then closes it. */
async function passInDrawer(page: Page, label: RegExp, opinion?: string) {
  await page.getByTestId('review-pass').click();
  const box = page.getByTestId('decision-opinion');
  await expect(box).toBeVisible();
  if (opinion) await box.fill(opinion);
  await page.getByTestId('decision-submit').click();
  await expect(page.getByTestId('decision-opinion')).toBeHidden();
  await expect(page.getByText(label).first()).toBeVisible();
  if (await page.getByTestId('review-drawer').isVisible()) await page.keyboard.press('Escape');
}

/** Selects 张明 in the 审查通过 tab and recommends him. */
async function recommendZhang(page: Page) {
  await page.getByTestId('tab-passed').click();
  const row = page.locator('.ant-table-row', { hasText: '张明' }).first();
  await expect(row).toBeVisible();
  await row.locator('.ant-checkbox-input').check();
  await page.getByTestId('chain-recommend').click();
  const result = page.locator('.ant-modal', { hasText: /推荐/ });
  await expect(result).toContainText('成功');
  await result.getByRole('button').last().click();
}

test('a 评审 declaration climbs employer → 集团 → 水利局 → 市人社局 → 评委会办公室, with one return on the way', async ({ browser, request }) => {
  // ── 张明 submits the declaration the wizard journey left ─────────────────────────────────
  {
    const d = await mine(request);
    if (d.stage.status === 'draft') {
      const auth = await token(request, 'individual', ZHANG);
      const r = await request.post(`/api/v1/declarations/${d.id}/submit`, { headers: auth, data: { version: d.version } });
      expect(r.status(), await r.text()).toBe(200);
    }
    await expectHolder(request, 'submitted', EMPLOYER_NAME);
  }

  // ── the employer returns it with the attachment to fix ───────────────────────────────────
  const employer = await newPage(browser);
  await signIn(employer, '法人登录', EMPLOYER);
  await openZhang(employer, '职称申报资格审查');
  await expect(employer.getByTestId('review-drawer-title')).toContainText('张明-申报信息预览-待审查');
  await expect(employer.getByTestId('review-drawer')).toContainText('申报材料附件信息');
  await shot(employer, 'chain-employer-preview', { fullPage: false });
  await employer.getByTestId('review-return').click();
  await employer.getByTestId('return-item-section').click();
  await employer.keyboard.type('18');
  await employer.locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: '申报材料附件信息' }).first().click();
  await employer.getByTestId('return-item-attachment').click();
  await employer.locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: '单位推荐意见表' }).first().click();
  await employer.getByTestId('return-item-comment').fill('单位推荐意见表未加盖公章，请重新上传盖章版');
  await shot(employer, 'chain-employer-return', { fullPage: false });
  await employer.getByTestId('decision-submit').click();
  await expect(employer.getByTestId('return-item-comment')).toBeHidden();
  await employer.keyboard.press('Escape');
  await expectHolder(request, 'returned', null);

  // ── 张明 sees the item in 我的申报记录 and in the wizard, and submits again ───────────────
  const zhang = await newPage(browser);
  await signIn(zhang, '个人登录', ZHANG);
  await zhang.getByRole('menuitem', { name: '我的申报记录' }).click();
  const myRow = zhang.locator('.ant-table-row', { hasText: DEMO_PLAN });
  await expect(myRow).toContainText('退回修改');
  await shot(zhang, 'chain-applicant-returned');
  const returned = await mine(request);
  expect(JSON.stringify(returned.open_return)).toContain('单位推荐意见表未加盖公章');
  await zhang.goto(`/declare/edit/${returned.id}`);
  await expect(zhang.getByText('单位推荐意见表未加盖公章，请重新上传盖章版').first()).toBeVisible();
  await expect(zhang.getByText(EMPLOYER_NAME).first()).toBeVisible();
  await shot(zhang, 'chain-applicant-wizard-return', { fullPage: false });
  {
    const auth = await token(request, 'individual', ZHANG);
    const r = await request.post(`/api/v1/declarations/${returned.id}/submit`, { headers: auth, data: { version: returned.version } });
    expect(r.status(), await r.text()).toBe(200);
  }
  await expectHolder(request, 'submitted', EMPLOYER_NAME);

  // ── the employer passes it with the unit declaration, records the publicity, recommends ──
  await openZhang(employer, '职称申报资格审查');
  await employer.getByTestId('review-pass').click();
  await expect(employer.getByTestId('decision-opinion')).toHaveValue(/本单位声明：申报人员无违法乱纪/);
  await employer.getByTestId('decision-submit').click();
  await expect(employer.getByTestId('decision-opinion')).toBeHidden();
  await employer.keyboard.press('Escape');
  await expectHolder(request, 'passed', EMPLOYER_NAME);
  {
    // a publicity of at least 5 working days (on the official calendar) that ended yesterday
    const auth = await token(request, 'employer', EMPLOYER);
    const fmt = (d: Date) => d.toLocaleDateString('sv-SE', { timeZone: 'Asia/Shanghai' });
    const end = new Date(Date.now() - 86_400_000);
    let start = new Date(end);
    for (let i = 0; i < 30; i++) {
      const r = await request.get(`/api/v1/calendar/working-days?start=${fmt(start)}&end=${fmt(end)}`, { headers: auth });
      expect(r.status()).toBe(200);
      if (((await r.json()) as { working_days: number }).working_days >= 5) break;
      start = new Date(start.getTime() - 86_400_000);
    }
    const d = await mine(request);
    const r = await request.post('/api/v1/reviews/publicities', {
      headers: auth,
      data: {
        items: [{ declaration_id: d.id, version: d.version }],
        starts_on: fmt(start),
        ends_on: fmt(end),
        method: '单位公告栏及内网公示',
        outcome: 'no_objection',
      },
    });
    expect(r.status(), await r.text()).toBe(200);
  }
  await recommendZhang(employer);
  await expectHolder(request, 'in_review', DEPARTMENTS[0].name);
  await employer.context().close();

  // ── each department: 审查通过 with its opinion, then 审核推荐 ─────────────────────────────
  for (const [i, dept] of DEPARTMENTS.entries()) {
    const page = await newPage(browser);
    await signIn(page, '部门登录', dept.login);
    await openZhang(page, '职称评审资格审查');
    await expect(page.getByTestId('review-drawer-title')).toContainText('待审查');
    if (i === 0) await shot(page, 'chain-department-preview', { fullPage: false });
    await passInDrawer(page, /审查通过/, `${dept.name}：经审查，符合申报条件，同意推荐。`);
    await expectHolder(request, 'passed', dept.name);
    await recommendZhang(page);
    const next = DEPARTMENTS[i + 1]?.name ?? COMMITTEE;
    await expectHolder(request, 'in_review', next);
    if (i === DEPARTMENTS.length - 1) await shot(page, 'chain-department-list');
    await page.context().close();
  }

  // ── the committee office accepts (受理) ───────────────────────────────────────────────────
  const office = await newPage(browser);
  await signIn(office, '部门登录', 'nb_committee');
  await openZhang(office, '评审受理');
  await expect(office.getByTestId('review-pass')).toContainText(/受\s*理/);
  await passInDrawer(office, /已受理/, '材料齐全，予以受理。');
  await expectHolder(request, 'accepted', COMMITTEE);
  await shot(office, 'chain-committee-list');
  await office.context().close();

  // ── 张明 sees where it stands and every hop of the 审查日志 ───────────────────────────────
  await zhang.getByRole('menuitem', { name: '我的申报记录' }).click();
  await expect(myRow).toContainText('评委会已受理');
  await shot(zhang, 'chain-applicant-accepted');
  const d = await mine(request);
  const auth = await token(request, 'individual', ZHANG);
  const full = (await (await request.get(`/api/v1/declarations/${d.id}`, { headers: auth })).json()) as {
    timeline: { action: string; unit: { name: string } | null }[];
  };
  const hops = full.timeline.filter((t) => t.action === 'recommended').map((t) => t.unit?.name);
  expect(hops).toEqual([...DEPARTMENTS.map((x) => x.name), COMMITTEE]);
  expect(full.timeline.some((t) => t.action === 'returned')).toBe(true);
  await zhang.context().close();
});
