import { expect, test, type APIRequestContext, type Browser, type Page } from '@playwright/test';
import { shot } from '../lib/shots';
import { chooseOption, itemByLabel, login, tinyPdf } from '../lib/ui';

// 职称申报 (SPEC §8, seed 002 §4–7) against the real API with the demo data (ZCPS_DEMO=1): the
// demo individual 张明 (330203199001010022 / Demo12345) walks the wizard of the demo 评审 plan —
// 证件照, the guarantee signed on a phone through the QR link (a second, 390 px page), 申报信息,
// 业绩, 附件, 预览 — and submits when the demo archive has approved records (else the preview
// lists what is missing); then an 外省调入认定 on the demo 认定 plan with 变更受理部门.

const DEMO_INDIVIDUAL = { username: '330203199001010022', password: 'Demo12345' };
const COMMITTEE = '宁波市水利工程技术人员高级专业技术职务任职资格评审委员会';
const RECOGNITION_DEPT = '宁波市人力资源和社会保障局';
const YEAR = new Date().getFullYear();
const DEMO_PLAN = `关于${YEAR}年度高级工程师申报通知`;
const DEMO_RECOGNITION = `关于${YEAR}年度工程师职称认定通知`;

test.describe.configure({ mode: 'serial' });

async function newPage(browser: Browser, opts: Parameters<Browser['newContext']>[0] = {}): Promise<Page> {
  const ctx = await browser.newContext(opts);
  return ctx.newPage();
}

async function demoAuth(request: APIRequestContext) {
  const r = await request.post('/api/v1/auth/login', { data: { account_kind: 'individual', ...DEMO_INDIVIDUAL } });
  expect(r.status()).toBe(200);
  return { Authorization: `Bearer ${((await r.json()) as { access_token: string }).access_token}` };
}

/**
 * The demo individual's profile is complete, and no declaration of an earlier run stands in
 * the way of 马上申报 on `planName` (withdrawn when still possible, drafts deleted).
 */
async function prepareDemo(request: APIRequestContext, planName: string) {
  const auth = await demoAuth(request);
  const profile = (await (await request.get('/api/v1/profile', { headers: auth })).json()) as { completed: boolean };
  if (!profile.completed) {
    const hits = (await (await request.get(`/api/v1/employers?q=${encodeURIComponent('水利规划设计')}`, { headers: auth })).json()) as { id: string }[];
    const put = await request.put('/api/v1/profile', {
      headers: auth,
      data: { employer_id: hits[0].id, ethnicity: '汉族', political_status: '群众', highest_education: '大学本科' },
    });
    expect(put.status()).toBe(200);
  }
  type Row = { id: string; plan: { name: string }; actions: { withdraw: boolean; delete: boolean } };
  const list = (await (await request.get('/api/v1/declarations?per_page=100', { headers: auth })).json()) as { items: Row[] };
  for (const d of list.items.filter((x) => x.plan.name === planName)) {
    if (d.actions.withdraw) expect((await request.post(`/api/v1/declarations/${d.id}/withdraw`, { headers: auth })).status()).toBe(200);
    const again = (await (await request.get(`/api/v1/declarations/${d.id}`, { headers: auth })).json()) as Row;
    if (again.actions.delete) expect((await request.delete(`/api/v1/declarations/${d.id}`, { headers: auth })).status()).toBe(204);
  }
}

/** An image drawn by the browser: a mock 证件照 (`w`×`h` PNG). */
async function portraitPng(page: Page, w: number, h: number): Promise<Buffer> {
  const b64 = await page.evaluate(
    ([width, height]) => {
      const c = document.createElement('canvas');
      c.width = width;
      c.height = height;
      const g = c.getContext('2d')!;
      g.fillStyle = '#3b82c4';
      g.fillRect(0, 0, width, height);
      g.fillStyle = '#f1d3b3';
      g.beginPath();
      g.ellipse(width / 2, height * 0.38, width * 0.2, height * 0.17, 0, 0, Math.PI * 2);
      g.fill();
      g.fillStyle = '#1f2937';
      g.fillRect(width * 0.2, height * 0.62, width * 0.6, height * 0.38);
      return c.toDataURL('image/png').split(',')[1];
    },
    [w, h] as const,
  );
  return Buffer.from(b64, 'base64');
}

const wizardStep = (page: Page) => page.locator('.decl-step-body');

async function expectStep(page: Page, n: number) {
  await expect(wizardStep(page)).toHaveAttribute('data-step', String(n));
}

/** 马上申报 on the plan named `planName` from 职称申报 (type 职称评审 / 职称认定). */
async function startFromDeclare(page: Page, type: '职称评审' | '职称认定', planName: string) {
  await page.getByRole('menuitem', { name: '职称申报' }).click();
  await expect(page).toHaveURL(/\/declare$/);
  await page.getByTestId('declare-type').getByText(type).click();
  const plan = page.getByTestId('open-plan').filter({ hasText: planName });
  await expect(plan).toBeVisible();
  await plan.getByTestId('open-plan-start').click();
  await expect(page).toHaveURL(/\/declare\/edit\/[0-9a-f-]{36}$/);
  await expect(page.getByTestId('declaration-wizard')).toContainText(planName);
}

async function drawSignature(phone: Page) {
  const canvas = phone.getByTestId('signature-canvas');
  await canvas.evaluate((el) => el.scrollIntoView({ block: 'center' }));
  await phone.waitForTimeout(300);
  const box = (await canvas.boundingBox())!;
  const at = (fx: number, fy: number) => [box.x + box.width * fx, box.y + box.height * fy] as const;
  await phone.mouse.move(...at(0.15, 0.6));
  await phone.mouse.down();
  for (let i = 1; i <= 24; i++) {
    const t = i / 24;
    await phone.mouse.move(...at(0.15 + 0.7 * t, 0.6 - 0.3 * Math.sin(t * Math.PI * 2)));
  }
  await phone.mouse.up();
  await phone.mouse.move(...at(0.3, 0.35));
  await phone.mouse.down();
  await phone.mouse.move(...at(0.45, 0.75), { steps: 10 });
  await phone.mouse.up();
  await expect(phone.getByText('在此处签名')).toHaveCount(0);
}

test('张明 declares for the demo 评审 plan: photo, guarantee signed on a phone, info, records, attachments, preview', async ({ browser, request }) => {
  test.setTimeout(240_000);
  await prepareDemo(request, DEMO_PLAN);
  const page = await newPage(browser);
  await login(page, '个人登录', DEMO_INDIVIDUAL.username, DEMO_INDIVIDUAL.password);
  await expect(page).toHaveURL(/\/user-center$/);

  // ── 1 选择申报计划 → the wizard opens at the first step still to do ────────────────────
  await startFromDeclare(page, '职称评审', DEMO_PLAN);
  await expectStep(page, 2);
  await page.getByTestId('wizard-steps').getByText('选择申报计划').click();
  await expectStep(page, 1);
  await expect(page.getByTestId('wizard-plan-name')).toHaveText(DEMO_PLAN);
  await expect(page.getByTestId('plan-detail')).toContainText('单位推荐意见表');
  await shot(page, 'declaration-1-plan');
  await page.getByTestId('step-next').click();

  // ── 2 上传证件照: a landscape picture is refused with the server's reason ─────────────────
  await expectStep(page, 2);
  await expect(page.getByTestId('step-next')).toBeDisabled();
  const photoInput = page.getByTestId('step-photo').locator('input[type=file]');
  await photoInput.setInputFiles({ name: '横版.png', mimeType: 'image/png', buffer: await portraitPng(page, 400, 300) });
  await expect(page.getByTestId('photo-error')).toContainText('竖版');
  await photoInput.setInputFiles({ name: '证件照.png', mimeType: 'image/png', buffer: await portraitPng(page, 300, 400) });
  await expect(page.getByTestId('declaration-photo')).toBeVisible();
  await expect(page.getByTestId('photo-error')).toHaveCount(0);
  await shot(page, 'declaration-2-photo');
  await page.getByTestId('step-next').click();

  // ── 3 签署保证书: QR code, link, countdown; signed on a 390 px phone ─────────────────────
  await expectStep(page, 3);
  await expect(page.getByTestId('guarantee-text')).toContainText('专业技术资格申报材料真实性保证书');
  await expect(page.getByTestId('guarantee-qr').locator('img')).toBeVisible();
  await expect(page.getByTestId('guarantee-countdown')).toContainText(/0\d:\d\d/);
  const link = (await page.getByTestId('guarantee-link').innerText()).trim();
  expect(link).toMatch(/\/sign\/[A-Za-z0-9_-]+$/);
  await expect(page.getByTestId('step-next')).toBeDisabled();
  await shot(page, 'declaration-3-guarantee-qr');

  const phone = await newPage(browser, { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2 });
  await phone.goto(link);
  await expect(phone.getByTestId('signing-applicant')).toHaveText(/^张\*+$/);
  await expect(phone.getByTestId('signing-text')).toContainText(DEMO_PLAN);
  expect(await phone.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
  // An empty pad is refused.
  await phone.getByTestId('signing-confirm').click();
  await expect(phone.getByText('请先在签名区域内签名')).toBeVisible();
  await drawSignature(phone);
  await shot(phone, 'declaration-3-phone-signing');
  await phone.getByTestId('signing-confirm').click();
  await expect(phone.getByTestId('signing-done')).toContainText('签署成功，请回到电脑继续申报');
  await shot(phone, 'declaration-3-phone-done');
  // The link is used up.
  await phone.reload();
  await expect(phone.getByTestId('signing-invalid')).toContainText('链接无效、已使用或已过期，请在电脑上重新生成二维码');
  await phone.context().close();

  // The computer notices without a reload.
  await expect(page.getByTestId('guarantee-success')).toContainText('签署成功', { timeout: 15_000 });
  await expect(page.getByTestId('guarantee-signature')).toBeVisible();
  await shot(page, 'declaration-3-guarantee-signed');
  await page.getByTestId('step-next').click();

  // ── 4 填写申报信息: required fields, then saved ──────────────────────────────────────────
  await expectStep(page, 4);
  const info = page.getByTestId('step-info');
  await expect(info.getByTestId('acceptor-name')).toHaveText(COMMITTEE);
  await itemByLabel(info, '现从事专业').locator('input').fill('');
  await page.getByTestId('step-next').click();
  await expect(info.locator('.ant-form-item-explain-error', { hasText: '请填写现从事专业' })).toBeVisible();
  await expect(info.locator('.ant-form-item-explain-error', { hasText: '请选择申报专业' })).toBeVisible();
  await chooseOption(page, info, '申报专业', '水利工程');
  await itemByLabel(info, '现从事专业').locator('input').fill('水利水电工程设计');
  await itemByLabel(info, '专业工作年限').locator('input').fill('12');
  await itemByLabel(info, '档案所在地').locator('input').fill('宁波市人才服务中心');
  await itemByLabel(info, '懂何种外语及程度').locator('input').fill('英语 大学英语六级');
  await itemByLabel(info, '主要工作成绩及奖惩情况').locator('textarea').fill('主持宁波市多项中型水库除险加固工程设计，获市级科技进步奖二等奖。');
  await itemByLabel(info, '有何特长').locator('textarea').fill('水工结构计算与BIM设计');
  await itemByLabel(info, '参加学术团体社会兼职情况').locator('textarea').fill('宁波市水利学会会员');
  await shot(page, 'declaration-4-info');
  await page.getByTestId('step-next').click();
  await expect(page.getByText('申报信息已保存')).toBeVisible();

  // ── 5 选择业绩: extract every approved record there is ──────────────────────────────────
  await expectStep(page, 5);
  const records = page.getByTestId('step-records');
  await expect(records.locator('.ant-spin-spinning')).toHaveCount(0);
  const rows = records.locator('.ant-table-tbody .ant-table-row');
  const recordCount = await rows.count();
  if (recordCount > 0) {
    await records.locator('.ant-table-thead .ant-checkbox-input').check();
    await records.getByTestId('records-extract').click();
    await expect(page.getByText(`已提取 ${recordCount} 条业绩`)).toBeVisible();
    await expect(records.getByTestId('record-extracted')).toHaveCount(recordCount);
    await expect(records.getByText('未提取')).toHaveCount(0);
    // 忽略 takes one out again, 提取 puts it back.
    await rows.first().locator('.ant-checkbox-input').check();
    await records.getByTestId('records-ignore').click();
    await expect(page.getByText('已忽略 1 条业绩')).toBeVisible();
    await expect(rows.first()).toContainText('未提取');
    await rows.first().locator('.ant-checkbox-input').check();
    await records.getByTestId('records-extract').click();
    await expect(records.getByTestId('record-extracted')).toHaveCount(recordCount);
  } else {
    await expect(records.getByTestId('records-empty')).toBeVisible();
  }
  await shot(page, 'declaration-5-records');
  await page.getByTestId('step-next').click();

  // ── 6 上传附件: the required 单位推荐意见表 (PDF) ──────────────────────────────────────────
  await expectStep(page, 6);
  const required = page.getByTestId('attachment-row').filter({ hasText: '单位推荐意见表' });
  await expect(required).toContainText('未上传');
  await required.locator('input[type=file]').setInputFiles({ name: '单位推荐意见表.pdf', mimeType: 'application/pdf', buffer: tinyPdf('recommendation') });
  await expect(required.getByTestId('attachment-file')).toContainText('单位推荐意见表.pdf');
  await required.getByRole('button', { name: /预\s*览/ }).click();
  await expect(page.getByTestId('declaration-attachment-preview-pdf')).toBeVisible();
  await shot(page, 'declaration-6-attachments');
  await page.getByTestId('step-next').click();

  // ── 7 预览并提交 ──────────────────────────────────────────────────────────────────────
  await expectStep(page, 7);
  const preview = page.getByTestId('declaration-preview');
  await expect(preview.getByTestId('preview-section-1')).toContainText('水利水电工程设计');
  await expect(preview.getByTestId('preview-section-1')).toContainText(COMMITTEE);
  await expect(preview.getByTestId('preview-id-number')).toContainText('330203********0022');
  await expect(preview.getByTestId('preview-section-15')).toContainText('资格与资质证书');
  await expect(preview.getByTestId('preview-section-18')).toContainText('单位推荐意见表.pdf');
  await expect(page.getByTestId('eligibility-item').first()).toBeVisible();
  const checks = page.getByTestId('submit-checks');
  await expect(checks.getByTestId('submit-check').filter({ hasText: '证件照' })).toHaveAttribute('data-met', 'yes');
  await expect(checks.getByTestId('submit-check').filter({ hasText: '保证书' })).toHaveAttribute('data-met', 'yes');
  await shot(page, 'declaration-7-preview');
  const unmet = checks.locator('[data-testid=submit-check][data-met=no]');
  if ((await unmet.count()) > 0) {
    // Without approved records the preview says what is missing and 提交 stays disabled.
    await expect(page.getByTestId('declaration-submit')).toBeDisabled();
    const education = unmet.filter({ hasText: '教育经历' });
    await expect(education).toBeVisible();
    await education.getByTestId('check-go').click();
    await expectStep(page, 5);
    await page.getByTestId('wizard-steps').getByText('预览并提交').click();
    await expectStep(page, 7);

    await page.getByRole('menuitem', { name: '我的申报记录' }).click();
    const row = page.locator('.ant-table-row', { hasText: DEMO_PLAN });
    await expect(row.getByTestId('declaration-row-stage')).toContainText('草稿');
    await row.getByTestId('declaration-edit').click();
    // 继续填写 resumes at the preview.
    await expectStep(page, 7);
  } else {
    await page.getByTestId('declaration-submit').click();
    await expect(page).toHaveURL(/\/my-declarations$/);
    await expect(page.getByText('申报已提交，等待单位资格审查')).toBeVisible();
    const row = page.locator('.ant-table-row', { hasText: DEMO_PLAN });
    await expect(row.getByTestId('declaration-row-stage')).toContainText('待单位审查');
    await expect(row).toContainText(COMMITTEE);
    await expect(row.getByTestId('declaration-edit')).toHaveCount(0);
    await row.getByTestId('declaration-view').click();
    await expect(page.getByTestId('declaration-timeline')).toContainText('提交申报');
    await expect(page.getByTestId('drawer-stage')).toContainText('待单位审查');
    await shot(page, 'declaration-submitted-drawer', { fullPage: false });
    await page.keyboard.press('Escape');
    await expect(page.getByTestId('declaration-drawer')).toBeHidden();
  }

  // ── 我的申报记录: the row, the drawer with the timeline and the preview ──────────────────
  if (!page.url().endsWith('/my-declarations')) await page.getByRole('menuitem', { name: '我的申报记录' }).click();
  const row = page.locator('.ant-table-row', { hasText: DEMO_PLAN });
  await expect(row).toBeVisible();
  await shot(page, 'declaration-my-list');
  await row.getByTestId('declaration-view').click();
  const drawer = page.getByTestId('declaration-drawer');
  await expect(drawer.getByTestId('declaration-timeline')).toContainText('开始申报');
  await expect(drawer.getByTestId('declaration-timeline')).toContainText('签署');
  await expect(drawer.getByTestId('declaration-preview')).toContainText('申报材料附件信息');
  await shot(page, 'declaration-my-drawer', { fullPage: false });
  await page.keyboard.press('Escape');
  await expect(drawer).toBeHidden();

  // 撤回 while nobody has reviewed it yet (then it can be edited again).
  if ((await row.getByTestId('declaration-withdraw').count()) > 0) {
    await row.getByTestId('declaration-withdraw').click();
    await page.locator('.ant-popconfirm').getByRole('button', { name: /撤\s*回/ }).click();
    await expect(page.getByText('申报已撤回')).toBeVisible();
    await expect(row.getByTestId('declaration-withdraw')).toHaveCount(0);
    await expect(row.getByTestId('declaration-edit')).toBeVisible();
    await shot(page, 'declaration-withdrawn');
  }
  await page.context().close();
});

test('外省调入认定 on the demo 认定 plan: 认定类型, 变更受理部门, preview, delete the draft', async ({ browser, request }) => {
  await prepareDemo(request, DEMO_RECOGNITION);
  const page = await newPage(browser);
  await login(page, '个人登录', DEMO_INDIVIDUAL.username, DEMO_INDIVIDUAL.password);
  await expect(page).toHaveURL(/\/user-center$/);
  await startFromDeclare(page, '职称认定', DEMO_RECOGNITION);

  await page.getByTestId('wizard-steps').getByText('填写申报信息').click();
  await expectStep(page, 4);
  const info = page.getByTestId('step-info');
  await info.getByTestId('recognition-kind').getByText('外省调入').click();
  await chooseOption(page, info, '申报专业', '水文水资源');
  await itemByLabel(info, '现从事专业').locator('input').fill('水文监测');
  await itemByLabel(info, '专业工作年限').locator('input').fill('8');
  await expect(itemByLabel(info, '受理部门')).toBeVisible();
  await info.getByTestId('acceptor-change').click();
  const modal = page.locator('.ant-modal-content', { hasText: '选择受理部门' });
  await expect(modal).toBeVisible();
  await modal.getByText(RECOGNITION_DEPT).click();
  await shot(page, 'declaration-recognition-acceptor', { fullPage: false });
  await modal.getByRole('button', { name: /确\s*定/ }).click();
  await expect(modal).toBeHidden();
  await expect(info.getByTestId('acceptor-name')).toHaveText(RECOGNITION_DEPT);
  await page.getByTestId('info-save').click();
  await expect(page.getByText('申报信息已保存')).toBeVisible();
  await shot(page, 'declaration-recognition-info');

  await page.getByTestId('wizard-steps').getByText('预览并提交').click();
  await expectStep(page, 7);
  const basic = page.getByTestId('preview-section-1');
  await expect(basic).toContainText('外省调入');
  await expect(basic).toContainText(RECOGNITION_DEPT);
  await expect(basic).toContainText('水文监测');
  await expect(page.getByTestId('declaration-submit')).toBeDisabled();
  await shot(page, 'declaration-recognition-preview');

  // The draft can be deleted from 我的申报记录.
  await page.getByRole('menuitem', { name: '我的申报记录' }).click();
  const row = page.locator('.ant-table-row', { hasText: DEMO_RECOGNITION });
  await expect(row.getByTestId('declaration-row-stage')).toContainText('草稿');
  await row.getByTestId('declaration-delete').click();
  await page.locator('.ant-popconfirm').getByRole('button', { name: /删\s*除/ }).click();
  await expect(page.getByText('申报已删除')).toBeVisible();
  await expect(row).toHaveCount(0);
  await page.context().close();
});

test('the wizard and 我的申报记录 fit a 390 px phone', async ({ browser, request }) => {
  // The draft of the first journey (withdrawn, or never submitted) is still there.
  const auth = await demoAuth(request);
  type Row = { id: string; plan: { name: string } };
  const list = (await (await request.get('/api/v1/declarations?per_page=100', { headers: auth })).json()) as { items: Row[] };
  const draft = list.items.find((d) => d.plan.name === DEMO_PLAN);
  expect(draft, 'the first journey leaves a declaration of the demo plan (this suite runs serially)').toBeTruthy();
  const page = await newPage(browser, { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2 });
  await login(page, '个人登录', DEMO_INDIVIDUAL.username, DEMO_INDIVIDUAL.password);
  await expect(page).toHaveURL(/\/user-center$/);
  const noHorizontalScroll = async () => {
    await page.waitForTimeout(300);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
  };
  for (const step of [1, 2, 3, 4, 5, 6, 7]) {
    await page.goto(`/declare/edit/${draft!.id}?step=${step}`);
    await expectStep(page, step);
    await expect(page.locator('.decl-step-body .ant-spin-spinning')).toHaveCount(0);
    await noHorizontalScroll();
    if ([3, 4, 7].includes(step)) await shot(page, `mobile-declaration-step-${step}`);
  }
  await page.goto('/my-declarations');
  await expect(page.locator('.ant-table-row', { hasText: DEMO_PLAN })).toBeVisible();
  await noHorizontalScroll();
  await shot(page, 'mobile-my-declarations');
  await page.context().close();
});

test('a wrong signing link says what to do', async ({ browser }) => {
  const phone = await newPage(browser, { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
  await phone.goto('/sign/not-a-real-token');
  await expect(phone.getByTestId('signing-invalid')).toContainText('链接无效、已使用或已过期，请在电脑上重新生成二维码');
  await shot(phone, 'declaration-sign-invalid');
  await phone.context().close();
});
