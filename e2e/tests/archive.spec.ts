import { readFileSync } from 'node:fs';
import { expect, test, type APIRequestContext, type Browser, type Page } from '@playwright/test';
import { maskPhone, uniqueIdNumber, uniquePhone, uniqueSuffix } from '../lib/ids';
import { shot } from '../lib/shots';
import { certificateJpeg, chooseOption, fillDate, fillText, login, tinyPdf } from '../lib/ui';

// Employer onboarding and the achievement archive, end to end, against the real API with the
// demo data (ZCPS_DEMO=1): nb_hrss / Demo12345 (宁波市人力资源和社会保障局), the demo employer
// 91330203MA2H000018 and the demo individual 330203199001010022 (张明).

const PASSWORD = 'Passw0rd2026';
const HRSS = { username: 'nb_hrss', password: 'Demo12345' };
const DEMO_EMPLOYER = { username: '91330203MA2H000018', password: 'Demo12345', unit: '宁波市水利规划设计研究院有限公司' };
const DEMO_INDIVIDUAL = { username: '330203199001010022', password: 'Demo12345' };

async function newPage(browser: Browser): Promise<Page> {
  const ctx = await browser.newContext();
  return ctx.newPage();
}

async function apiToken(request: APIRequestContext, account_kind: string, username: string, password: string) {
  const r = await request.post('/api/v1/auth/login', { data: { account_kind, username, password } });
  expect(r.status()).toBe(200);
  return ((await r.json()) as { access_token: string }).access_token;
}

/** The open antd modal / drawer with this title. */
const dialog = (page: Page, title: string | RegExp) => page.getByRole('dialog').filter({ has: page.locator('.ant-modal-title, .ant-drawer-title', { hasText: title }) });

async function openCategory(page: Page, label: string) {
  await page.locator('.ant-menu-item', { hasText: label }).first().click();
}

/** Waits for the review list to show `name` in a row and returns that row. */
function rowOf(page: Page, text: string | RegExp) {
  return page.locator('.ant-table-row', { hasText: text });
}

test.describe.configure({ mode: 'serial' });

test('onboarding without a credit code, then the archive reviewed, returned, fixed and approved', async ({ browser, request }) => {
  test.setTimeout(300_000);
  const suffix = uniqueSuffix();
  const unit = `宁波市水利工程质量检测中心筹建处${suffix}`;
  const employerPhone = uniquePhone();
  const operator = '陈筹';

  // ── 1. 法人注册 without a credit code ─────────────────────────────────────────────
  const emp = await newPage(browser);
  await emp.goto('/register/employer');
  await emp.getByText('不能提供（单位尚在筹建中等情况）').click();
  await emp.getByText('本单位确实不具有统一社会信用代码，无法提供').click();
  await expect(emp.getByTestId('certificate-hint')).toHaveText(/照片支持\.jpg、\.jpeg 格式，大小不超过1M。/);
  await emp.getByPlaceholder('请输入单位全称').fill(unit);
  await emp.getByPlaceholder('单位证件上的编号（如有）').fill(`甬编办〔2026〕${suffix.slice(-3)}号`);
  await emp.locator('input[type=file]').setInputFiles({
    name: '单位证件.jpg',
    mimeType: 'image/jpeg',
    buffer: await certificateJpeg(emp, unit),
  });
  await chooseOption(emp, emp, '属地人社部门', '宁波市人力资源和社会保障局', '宁波');
  await emp.getByPlaceholder('请输入经办人（账户使用人）姓名').fill(operator);
  await emp.getByPlaceholder('请输入经办人11位手机号码').fill(employerPhone);
  await emp.getByPlaceholder('请设置登录密码').fill(PASSWORD);
  await emp.getByPlaceholder('请再次输入密码').fill(PASSWORD);
  await emp.getByText('我已阅读并同意《用户注册协议》').click();
  await shot(emp, 'register-employer-without-code');
  await emp.getByRole('button', { name: '提交注册' }).click();
  await expect(emp.getByText('注册信息已提交，请等待人社部门人工审核，审核结果将以短信通知')).toBeVisible();
  await shot(emp, 'register-employer-submitted');

  // Logging in before the review is refused with the server's explanation.
  await login(emp, '法人登录', employerPhone, PASSWORD);
  await expect(emp.getByTestId('login-error')).toContainText('人工审核');

  // ── 2. nb_hrss approves the registration (单位授权审核 › 单位注册审核) ──────────────────
  const hrss = await newPage(browser);
  await login(hrss, '部门登录', HRSS.username, HRSS.password);
  await expect(hrss).toHaveURL(/\/user-center$/);
  await expect(hrss.getByTestId('hrss-pending')).toContainText('份单位注册申请');
  await hrss.getByRole('menuitem', { name: '单位授权审核' }).click();
  await expect(hrss.getByRole('tab', { name: '单位注册审核', selected: true })).toBeVisible();
  await hrss.getByPlaceholder('请输入单位名称关键字模糊查询').fill(unit);
  await hrss.getByPlaceholder('请输入单位名称关键字模糊查询').press('Enter');
  await expect(rowOf(hrss, unit)).toContainText('宁波市人力资源和社会保障局');
  await expect(rowOf(hrss, unit)).toContainText(maskPhone(employerPhone));
  await shot(hrss, 'hrss-registrations');
  await rowOf(hrss, unit).getByText(unit).click();
  const regModal = dialog(hrss, unit);
  await expect(regModal.locator('[data-testid=application-file] img')).toBeVisible();
  await shot(hrss, 'hrss-registration-detail', { fullPage: false });
  await regModal.getByTestId('application-approve').click();
  await expect(hrss.getByText('已审核通过，已短信通知单位')).toBeVisible();

  // ── 3. The employer logs in (by phone) and sees only 提交授权委托证明 ────────────────────
  await login(emp, '法人登录', employerPhone, PASSWORD);
  await expect(emp).toHaveURL(/\/authorisation$/);
  await expect(emp.getByRole('menuitem')).toHaveCount(1);
  await expect(emp.getByRole('menuitem', { name: '提交授权委托证明' })).toBeVisible();
  await expect(emp.getByTestId('authorisation-intro')).toContainText(
    `系统审核状态将以12333短信方式通知到${maskPhone(employerPhone)}手机号，敬请关注`,
  );
  await expect(emp.getByText(unit).first()).toBeVisible();
  // Other pages bounce back here.
  await emp.goto('/archive-review');
  await expect(emp).toHaveURL(/\/authorisation$/);

  const [download] = await Promise.all([emp.waitForEvent('download'), emp.getByTestId('download-template').click()]);
  expect(download.suggestedFilename()).toMatch(/\.pdf$/);
  const template = readFileSync(await download.path());
  expect(template.subarray(0, 5).toString('latin1')).toBe('%PDF-');

  await chooseOption(emp, emp, '单位隶属关系', '宁波市水利局', '水利');
  await emp.locator('input[type=file]').setInputFiles({ name: '委托证明PDF扫描件.pdf', mimeType: 'application/pdf', buffer: tinyPdf('authorised') });
  await expect(emp.getByText('委托证明PDF扫描件.pdf')).toBeVisible();
  await shot(emp, 'employer-authorisation-form');
  await emp.getByRole('button', { name: /提\s*交/ }).click();
  await expect(emp.getByTestId('authorisation-status')).toHaveText('已提交，等待属地人社部门审核');
  await shot(emp, 'employer-authorisation-pending');

  // ── 4. nb_hrss approves the authorisation proof ─────────────────────────────────────
  await hrss.getByRole('tab', { name: '授权委托证明审核' }).click();
  await hrss.getByPlaceholder('请输入单位名称关键字模糊查询').fill(unit);
  await hrss.getByPlaceholder('请输入单位名称关键字模糊查询').press('Enter');
  await expect(rowOf(hrss, unit)).toContainText('宁波市水利局');
  await rowOf(hrss, unit).getByTestId('application-open').click();
  const authModal = dialog(hrss, unit);
  await expect(authModal.locator('object[type="application/pdf"]')).toBeVisible();
  await shot(hrss, 'hrss-authorisation-detail', { fullPage: false });
  await authModal.getByTestId('application-approve').click();
  await expect(hrss.getByText('已审核通过，已短信通知单位')).toBeVisible();
  await hrss.getByTestId('app-tab-approved').click();
  await expect(rowOf(hrss, unit)).toContainText('通过');
  await shot(hrss, 'hrss-authorisations-approved');

  // ── 5. The employer now has its menus ───────────────────────────────────────────────
  await emp.goto('/user-center');
  for (const item of ['用户中心', '业绩档案审核', '职称申报资格审查', '认定资格审查', '本单位基本信息']) {
    await expect(emp.getByRole('menuitem', { name: item })).toBeVisible();
  }
  await expect(emp.getByTestId('pending-summary')).toHaveText('当前共有 0 条业绩档案 和 0 份职称申报申请 待您审查。');
  await expect(emp.getByTestId('bound-phone')).toContainText(maskPhone(employerPhone));
  await shot(emp, 'employer-user-center-approved');

  // 修改手机号 with the 12333 SMS code (read from the simulated gateway's outbox), 变更 the operator.
  const newPhone = uniquePhone();
  await emp.getByRole('button', { name: '修改手机号' }).click();
  const phoneModal = dialog(emp, '修改手机号');
  await phoneModal.getByPlaceholder('请输入新的11位手机号码').fill(newPhone);
  await phoneModal.getByRole('button', { name: '获取验证码' }).click();
  await expect(phoneModal.getByText(/验证码已通过12333短信发送至/)).toBeVisible();
  const admin = { Authorization: `Bearer ${await apiToken(request, 'staff', 'admin', 'Admin12345')}` };
  let code = '';
  await expect
    .poll(async () => {
      const box = (await (await request.get(`/api/v1/sms-outbox?phone=${newPhone}`, { headers: admin })).json()) as {
        items: { message: { text: string } }[];
      };
      code = /(\d{6})/.exec(box.items[0]?.message.text ?? '')?.[1] ?? '';
      return code;
    })
    .toMatch(/^\d{6}$/);
  await phoneModal.getByPlaceholder('请输入6位验证码').fill(code);
  await phoneModal.getByRole('button', { name: /确\s*定/ }).click();
  await expect(emp.getByTestId('bound-phone')).toContainText(maskPhone(newPhone));
  await emp.getByRole('button', { name: /变\s*更/ }).click();
  const opModal = dialog(emp, '变更账户使用人');
  await opModal.getByPlaceholder('请输入新的账户使用人姓名').fill('陈新');
  await opModal.getByRole('button', { name: /确\s*定/ }).click();
  await expect(emp.getByTestId('operator')).toContainText('当前账户使用人：*新');

  await emp.getByRole('menuitem', { name: '本单位基本信息' }).click();
  await expect(emp.getByText('宁波市水利局')).toBeVisible();
  await expect(emp.getByTestId('unit-operator')).toHaveText('*新');
  // The change log lists both changes (phones and operators masked).
  await expect(rowOf(emp, '绑定手机号')).toContainText(maskPhone(newPhone));
  await expect(rowOf(emp, '账户使用人')).toContainText('*新');
  await shot(emp, 'employer-unit-info');

  // ── 6. An individual registers and completes 个人基本信息 with the new employer ──────────
  const ind = await newPage(browser);
  const idNumber = uniqueIdNumber();
  const name = `林${suffix.slice(-2)}`;
  await ind.goto('/register/individual');
  await ind.getByPlaceholder('请输入真实姓名').fill(name);
  await ind.getByPlaceholder('请输入18位居民身份证号码').fill(idNumber);
  await ind.getByPlaceholder('请输入11位手机号码').fill(uniquePhone());
  await ind.getByPlaceholder('请设置登录密码').fill(PASSWORD);
  await ind.getByPlaceholder('请再次输入密码').fill(PASSWORD);
  await ind.getByRole('button', { name: /注\s*册/ }).click();
  await expect(ind).toHaveURL(/\/login\?tab=individual/);
  await login(ind, '个人登录', idNumber, PASSWORD);
  await expect(ind).toHaveURL(/\/profile$/);
  await expect(ind.getByText('首次登录请先完善个人基本信息')).toBeVisible();
  await chooseOption(ind, ind, '民族', '汉族', '汉');
  await chooseOption(ind, ind, '政治面貌', '中共党员');
  await chooseOption(ind, ind, '最高学历', '大学本科');
  await fillText(ind, '出生地', '浙江省宁波市海曙区');
  await chooseOption(ind, ind, '工作单位', unit, suffix);
  await shot(ind, 'individual-profile');
  await ind.getByRole('button', { name: '保存并进入个人中心' }).click();
  await expect(ind).toHaveURL(/\/user-center$/);
  await expect(ind.getByTestId('greeting')).toHaveText(`您好，${name}`);
  await expect(ind.locator('.ant-descriptions').getByText(unit)).toBeVisible();
  await ind.getByRole('menuitem', { name: '个人基本信息' }).click();
  await expect(ind.getByRole('cell', { name: unit })).toBeVisible();
  await expect(ind.getByRole('cell', { name: '当前单位' })).toBeVisible();
  await shot(ind, 'individual-profile-history');

  // ── 7. 我的业绩档案库: 教育经历 (with an attachment), 工作经历, 考核情况 ──────────────────
  await ind.getByRole('menuitem', { name: '我的业绩档案库' }).click();
  await expect(ind).toHaveURL(/\/archive\/education$/);
  await expect(ind.getByTestId('category-title')).toHaveText('1. 教育经历');
  await ind.getByRole('button', { name: /新\s*增/ }).click();
  let drawer = dialog(ind, '新增教育经历');
  await fillDate(ind, drawer, '入学日期', '2008-09-01');
  await fillDate(ind, drawer, '毕业日期', '2012-06-30');
  await fillText(drawer, '学校名称/学位授予单位', '河海大学');
  await fillText(drawer, '专业名称', '水利水电工程');
  await chooseOption(ind, drawer, '学历', '大学本科');
  await chooseOption(ind, drawer, '学位', '学士');
  await drawer.locator('input[type=file]').setInputFiles({ name: '毕业证书.pdf', mimeType: 'application/pdf', buffer: tinyPdf('diploma') });
  await expect(drawer.getByText('毕业证书.pdf')).toBeVisible();
  await shot(ind, 'archive-education-new', { fullPage: false });
  await drawer.getByTestId('record-save').click();
  await expect(ind.getByText('已保存，等待单位审核')).toBeVisible();
  await expect(rowOf(ind, '河海大学')).toContainText('待审核');
  await shot(ind, 'archive-education-list');

  await openCategory(ind, '2. 工作经历');
  await expect(ind).toHaveURL(/\/archive\/work_history$/);
  await ind.getByRole('button', { name: /新\s*增/ }).click();
  drawer = dialog(ind, '新增工作经历');
  await fillDate(ind, drawer, '开始日期', '2012-07-01');
  await fillText(drawer, '工作单位', unit);
  await fillText(drawer, '职务/岗位', '助理工程师');
  await fillText(drawer, '从事专业技术工作', '水利工程质量检测');
  await drawer.getByTestId('record-save').click();
  await expect(rowOf(ind, '助理工程师')).toContainText('至今');

  await openCategory(ind, '17. 考核情况');
  await ind.getByRole('button', { name: /新\s*增/ }).click();
  drawer = dialog(ind, '新增考核情况');
  await fillDate(ind, drawer, '考核年度', '2024');
  await chooseOption(ind, drawer, '考核结果', '优秀');
  await drawer.getByTestId('record-save').click();
  await expect(rowOf(ind, '2024年度')).toContainText('待审核');
  await shot(ind, 'archive-assessment-list');

  // ── 8. The employer reviews: approve 教育经历 (detail), return 工作经历 (batch), approve 考核 ──
  await emp.goto('/user-center');
  await expect(emp.getByTestId('pending-summary')).toHaveText('当前共有 3 条业绩档案 和 0 份职称申报申请 待您审查。');
  await emp.getByRole('menuitem', { name: '业绩档案审核' }).click();
  await expect(emp).toHaveURL(/\/archive-review\/education$/);
  for (const c of ['education', 'work_history', 'assessment']) {
    await expect(emp.getByTestId(`category-${c}`).locator('.ant-badge')).toHaveText('1');
  }
  await expect(emp.getByTestId('tab-pending')).toHaveText('待审核 (1)');
  await expect(rowOf(emp, name)).toContainText(`${idNumber.slice(0, 6)}********${idNumber.slice(14)}`);
  // 学校名称/学位授予单位 and 学历/学位 are two columns, as in seed 000 §3.
  const headers = emp.locator('.ant-table-thead th');
  await expect(headers.filter({ hasText: '学校名称/学位授予单位' })).toHaveCount(1);
  await expect(headers.filter({ hasText: /^学历\/学位$/ })).toHaveCount(1);
  await expect(rowOf(emp, name).getByTestId('review-row-title-0')).toHaveText('河海大学');
  await expect(rowOf(emp, name).getByTestId('review-row-title-1')).toHaveText('大学本科/学士');
  // …each on one line at 1366 px.
  const cellHeight = await rowOf(emp, name).getByTestId('review-row-title-1').evaluate((el) => el.getBoundingClientRect().height);
  expect(cellHeight).toBeLessThan(30);
  await shot(emp, 'review-education-list');
  await rowOf(emp, name).getByTestId('review-row-name').click();
  let detail = dialog(emp, '查看教育经历');
  await expect(detail.getByTestId('detail-owner-id')).toHaveText(idNumber);
  await expect(detail.getByText('河海大学')).toBeVisible();
  await expect(detail.getByTestId('attachment-item')).toContainText('毕业证书.pdf');
  // The reviewer previews the attachment inline (PDF viewer from a blob URL), as HRSS does.
  await detail.getByTestId('attachment-preview').click();
  await expect(detail.getByTestId('attachment-file-pdf')).toBeVisible();
  await expect(detail.getByTestId('attachment-file-pdf')).toHaveAttribute('data', /^blob:/);
  await shot(emp, 'review-education-detail', { fullPage: false });
  await detail.getByTestId('detail-approve').click();
  await dialog(emp, '填写审核通过意见').getByRole('button', { name: /提\s*交/ }).click();
  await expect(emp.getByText('已通过')).toBeVisible();
  await expect(emp.getByTestId('tab-approved')).toHaveText('通过 (1)');

  await openCategory(emp, '2. 工作经历');
  await expect(emp).toHaveURL(/\/archive-review\/work_history$/);
  await rowOf(emp, name).locator('.ant-checkbox-input').check();
  await emp.getByTestId('batch-return').click();
  const opinion = '请补充工作单位出具的工作证明，并写明起止时间';
  const returnModal = dialog(emp, '填写退回意见');
  await returnModal.getByRole('button', { name: /提\s*交/ }).click();
  await expect(returnModal.getByText('请填写退回意见，说明需要修改的内容')).toBeVisible();
  await returnModal.locator('textarea').fill(opinion);
  await shot(emp, 'review-batch-return', { fullPage: false });
  await returnModal.getByRole('button', { name: /提\s*交/ }).click();
  await expect(emp.getByText('批量退回：成功 1 条，失败 0 条')).toBeVisible();
  await expect(emp.getByTestId('tab-returned')).toHaveText('退回 (1)');

  await openCategory(emp, '17. 考核情况');
  await rowOf(emp, name).getByTestId('review-row-name').click();
  detail = dialog(emp, '查看考核情况');
  await detail.getByTestId('detail-approve').click();
  await dialog(emp, '填写审核通过意见').getByRole('button', { name: /提\s*交/ }).click();
  await expect(emp.getByTestId('tab-pending')).toHaveText('待审核 (0)');
  await expect(emp.getByTestId('category-assessment').locator('.ant-badge')).toHaveCount(0);

  // ── 9. The individual sees the 退回 opinion, edits and resubmits ────────────────────────
  await ind.goto('/archive/work_history');
  await expect(ind.getByText('您有 1 条工作经历记录被单位退回')).toBeVisible();
  await expect(ind.getByTestId('row-review-comment')).toContainText(`退回意见：${opinion}`);
  await shot(ind, 'archive-work-returned');
  await rowOf(ind, '助理工程师').getByRole('button', { name: /编\s*辑/ }).click();
  drawer = dialog(ind, '编辑工作经历');
  await expect(drawer.getByTestId('return-comment')).toHaveText(opinion);
  await fillText(drawer, '职务/岗位', '工程师');
  await drawer.locator('input[type=file]').setInputFiles({ name: '工作证明.pdf', mimeType: 'application/pdf', buffer: tinyPdf('employment') });
  await shot(ind, 'archive-work-edit', { fullPage: false });
  await drawer.getByTestId('record-save').click();
  await expect(ind.getByText('已保存，重新提交审核')).toBeVisible();
  await expect(rowOf(ind, '工程师')).toContainText('待审核');

  // ── 10. The employer approves the corrected record; its 审核日志 tells the story ─────────
  await emp.goto('/archive-review/work_history');
  await expect(rowOf(emp, name)).toContainText('工程师');
  await rowOf(emp, name).getByTestId('review-row-name').click();
  detail = dialog(emp, '查看工作经历');
  await expect(detail.getByTestId('attachment-item')).toContainText('工作证明.pdf');
  await detail.getByTestId('detail-approve').click();
  await dialog(emp, '填写审核通过意见').getByRole('button', { name: /提\s*交/ }).click();
  await expect(emp.getByTestId('tab-approved')).toHaveText('通过 (1)');
  await emp.getByTestId('tab-all').click();
  await rowOf(emp, name).getByTestId('review-row-logs').click();
  const logs = dialog(emp, /审核日志/);
  await expect(logs.getByTestId('review-log-entry')).toHaveCount(4);
  await expect(logs).toContainText(opinion);
  await shot(emp, 'review-log', { fullPage: false });
  await logs.getByRole('button', { name: 'Close' }).click().catch(() => logs.locator('.ant-modal-close').click());

  // ── 11. The individual's bell and 我的消息 ──────────────────────────────────────────────
  await ind.goto('/archive/work_history');
  await expect(rowOf(ind, '工程师')).toContainText('通过');
  await ind.getByTestId('notification-bell').click();
  await expect(ind).toHaveURL(/\/messages$/);
  await expect(ind.getByTestId('message-item').first()).toBeVisible();
  await shot(ind, 'individual-messages');

  await Promise.all([emp.context().close(), hrss.context().close(), ind.context().close()]);
});

const bibtex = (bimTitle: string, seepageTitle: string) => `@article{lin2023bim,
  title   = {${bimTitle}},
  author  = {张明 and 李华 and 王芳},
  journal = {水利规划与设计},
  year    = {2023},
  month   = {5},
  volume  = {36},
  number  = {5},
  pages   = {12--18},
  issn    = {1672-2469},
  doi     = {10.3969/j.issn.1672-2469.2023.05.003}
}

@article{zhang2021dam,
  title   = {${seepageTitle}},
  author  = {Zhang, Ming and Chen, Wei},
  journal = {Journal of Hydraulic Engineering},
  year    = {2021},
  pages   = {301--309}
}
`;

test('papers: BibTeX and 百度学术 import; concurrent decisions are reported', async ({ browser, request }) => {
  test.setTimeout(180_000);
  // Titles unique per run: the demo accounts keep their records between runs.
  const tag = uniqueSuffix().slice(-5);
  const bimTitle = `基于BIM的中小型水库除险加固设计协同研究${tag}`;
  const seepageTitle = `Seepage monitoring of earth dams with distributed optical fibre ${tag}`;
  // The demo individual must have completed 个人基本信息 (bound to the demo employer).
  const indToken = await apiToken(request, 'individual', DEMO_INDIVIDUAL.username, DEMO_INDIVIDUAL.password);
  const auth = { Authorization: `Bearer ${indToken}` };
  const profile = (await (await request.get('/api/v1/profile', { headers: auth })).json()) as { completed: boolean; employer: { id: string } | null };
  if (!profile.completed) {
    const hits = (await (await request.get(`/api/v1/employers?q=${encodeURIComponent('水利规划设计')}`, { headers: auth })).json()) as { id: string }[];
    const put = await request.put('/api/v1/profile', {
      headers: auth,
      data: { employer_id: hits[0].id, ethnicity: '汉族', political_status: '群众', highest_education: '大学本科' },
    });
    expect(put.status()).toBe(200);
  }

  // ── BibTeX import with preview, completion and a progress bar ──────────────────────
  const ind = await newPage(browser);
  await login(ind, '个人登录', DEMO_INDIVIDUAL.username, DEMO_INDIVIDUAL.password);
  await expect(ind).toHaveURL(/\/user-center$/);
  await ind.goto('/archive/paper');
  await ind.getByRole('button', { name: '导入论文' }).click();
  const modal = dialog(ind, '导入论文');
  await modal.locator('input[type=file]').setInputFiles({ name: 'mypapers.bib', mimeType: 'text/plain', buffer: Buffer.from(bibtex(bimTitle, seepageTitle), 'utf8') });
  const rows = modal.locator('.ant-table-row');
  await expect(rows).toHaveCount(2);
  await expect(rows.nth(0)).toContainText(bimTitle);
  // 张明 is the first of three authors in the first entry: rank and total are prefilled.
  await expect(rows.nth(0).locator('.ant-input-number-input').nth(0)).toHaveValue('1');
  await expect(rows.nth(0).locator('.ant-input-number-input').nth(1)).toHaveValue('3');
  await shot(ind, 'paper-import-preview', { fullPage: false });
  // Importing without the missing fields is refused with a list of what is missing.
  await modal.getByTestId('paper-import-submit').click();
  await expect(ind.locator('.ant-modal-confirm-title', { hasText: '请先完善以下论文信息' })).toBeVisible();
  await expect(ind.locator('.ant-modal-confirm-content')).toContainText('发表日期、收录情况');
  await ind.getByRole('button', { name: /知\s*道\s*了|确\s*定|OK/ }).click();
  for (let i = 0; i < 2; i++) {
    const row = rows.nth(i);
    const date = row.locator('.ant-picker input');
    await date.click();
    await date.fill(i === 0 ? '2023-05-20' : '2021-03-15');
    await date.press('Enter');
    await row.locator('.ant-input-number-input').nth(0).fill(i === 0 ? '1' : '1');
    await row.locator('.ant-input-number-input').nth(1).fill(i === 0 ? '3' : '2');
    const label = i === 0 ? '北大核心' : 'EI';
    // the date picker may still be closing when the select opens: choose until the row shows it
    await expect(async () => {
      await row.locator('.ant-select-selector').click();
      await ind.locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: label }).click({ timeout: 2000 });
      await expect(row.locator('.ant-select-selection-item')).toContainText(label, { timeout: 1000 });
    }).toPass({ timeout: 15000 });
  }
  await modal.getByTestId('paper-import-submit').click();
  await expect(ind.getByText('已导入 2 篇论文，等待单位审核')).toBeVisible();
  await expect(modal.locator('.ant-progress')).toContainText('2/2');
  await expect(rows.nth(0)).toContainText('已导入');
  await shot(ind, 'paper-import-done', { fullPage: false });

  // ── 百度学术 ScholarID (simulated scholar service) ───────────────────────────────────
  await modal.getByRole('tab', { name: '百度学术' }).click();
  await modal.getByPlaceholder('请输入百度学术ScholarID').fill('zcpsDemo2026');
  await modal.getByRole('button', { name: '导出我的百度学术论文' }).click();
  await expect(rows.first()).toBeVisible();
  await shot(ind, 'paper-import-scholar', { fullPage: false });
  await modal.getByRole('button', { name: /关\s*闭/ }).first().click();
  await expect(rowOf(ind, bimTitle)).toContainText('待审核');
  await shot(ind, 'archive-paper-list');

  // ── Batch approval when someone else decided one of the records first ──────────────
  const empToken = await apiToken(request, 'employer', DEMO_EMPLOYER.username, DEMO_EMPLOYER.password);
  const empAuth = { Authorization: `Bearer ${empToken}` };
  // Papers earlier runs left pending would push this run's rows off the first page.
  const leftovers = (await (await request.get('/api/v1/archive/review/records?category=paper&status=pending&per_page=100', { headers: empAuth })).json()) as {
    items: { id: string; title: string }[];
  };
  const stale = leftovers.items.filter((r) => !r.title.includes(tag)).map((r) => r.id);
  if (stale.length) {
    const r = await request.post('/api/v1/archive/review/decisions', { headers: empAuth, data: { record_ids: stale, decision: 'approve' } });
    expect(r.status()).toBe(200);
  }
  const emp = await newPage(browser);
  await login(emp, '法人登录', DEMO_EMPLOYER.username, DEMO_EMPLOYER.password);
  await expect(emp).toHaveURL(/\/user-center$/);
  await emp.goto('/archive-review/paper');
  const bim = rowOf(emp, bimTitle);
  const seepage = rowOf(emp, seepageTitle);
  await bim.locator('.ant-checkbox-input').check();
  await seepage.locator('.ant-checkbox-input').check();
  const list = (await (await request.get('/api/v1/archive/review/records?category=paper&status=pending&per_page=100', { headers: empAuth })).json()) as {
    items: { id: string; title: string }[];
  };
  const other = list.items.find((r) => r.title.includes(seepageTitle))!;
  const first = await request.post(`/api/v1/archive/review/records/${other.id}/decision`, { headers: empAuth, data: { decision: 'approve' } });
  expect(first.status()).toBe(200);
  await emp.getByTestId('batch-approve').click();
  await dialog(emp, '填写审核通过意见').getByRole('button', { name: /提\s*交/ }).click();
  const outcome = dialog(emp, '批量通过：成功 1 条，失败 1 条');
  await expect(outcome.getByTestId('batch-failures')).toContainText(seepageTitle);
  await expect(outcome.getByTestId('batch-failures')).toContainText('该记录已审核');
  await shot(emp, 'review-batch-partial', { fullPage: false });
  await outcome.getByRole('button', { name: /知\s*道\s*了|确\s*定|OK/ }).click();

  // ── A single decision that lost the race: 409 with the server's words ─────────────────
  const created = await request.post('/api/v1/archive/records', {
    headers: auth,
    data: { category: 'paper', data: { title: `并发审核测试${uniqueSuffix()}`, journal: '浙江水利科技', publication_date: '2024-01-10', author_rank: 1, author_total: 1, indexed_by: '一般', first_author: true, corresponding_author: false, representative: false } },
  });
  expect(created.status()).toBe(201);
  const rec = (await created.json()) as { id: string; content: { data: { title: string } } };
  await emp.reload();
  await rowOf(emp, rec.content.data.title).getByTestId('review-row-name').click();
  const detail = dialog(emp, '查看论文');
  await expect(detail.getByTestId('detail-owner-id')).toHaveText(DEMO_INDIVIDUAL.username);
  expect((await request.post(`/api/v1/archive/review/records/${rec.id}/decision`, { headers: empAuth, data: { decision: 'approve' } })).status()).toBe(200);
  await detail.getByTestId('detail-reject').click();
  const rejectModal = dialog(emp, '填写审核不通过意见');
  await rejectModal.locator('textarea').fill('与本人研究方向不符');
  await rejectModal.getByRole('button', { name: /提\s*交/ }).click();
  const conflict = dialog(emp, '该记录已被审核');
  await expect(conflict).toContainText('该记录已审核');
  await shot(emp, 'review-conflict-409', { fullPage: false });
  await conflict.getByRole('button', { name: /知\s*道\s*了|确\s*定|OK/ }).click();
  await expect(detail.getByText('通过').first()).toBeVisible();

  await Promise.all([emp.context().close(), ind.context().close()]);
});

test('an approved record is frozen for its owner', async ({ page }) => {
  // Uses the records the journeys above left behind for the demo individual.
  await login(page, '个人登录', DEMO_INDIVIDUAL.username, DEMO_INDIVIDUAL.password);
  await expect(page).toHaveURL(/\/user-center$/);
  await page.goto('/archive/paper');
  await page.getByTestId('tab-approved').click();
  const row = page.locator('.ant-table-row').first();
  await expect(row).toContainText('通过');
  await expect(row.getByRole('button', { name: /编\s*辑/ })).toHaveCount(0);
  await expect(row.getByRole('button', { name: /删\s*除/ })).toHaveCount(0);
  await row.getByRole('button', { name: /查\s*看/ }).click();
  await expect(page.getByText('审核通过的记录已锁定，不能修改或删除。')).toBeVisible();
});
