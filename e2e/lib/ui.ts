import { expect, type Locator, type Page } from '@playwright/test';

/** Log in through the login page and land on the page the app sends the account to. */
export async function login(page: Page, tab: '个人登录' | '法人登录' | '部门登录', username: string, password: string) {
  await page.goto('/login');
  await page.getByRole('tab', { name: tab }).click();
  const placeholder =
    tab === '个人登录' ? '请输入身份证号或手机号' : tab === '法人登录' ? '请输入统一社会信用代码或手机号' : '请输入登录名';
  await page.getByPlaceholder(placeholder).fill(username);
  await page.getByPlaceholder('请输入密码').fill(password);
  await page.getByRole('button', { name: /登\s*录/ }).click();
}

function pageOf(scope: Page | Locator): Page {
  return 'goto' in scope ? scope : scope.page();
}

/** The antd Form.Item whose label text is exactly `label`, inside `scope`. */
export function itemByLabel(scope: Page | Locator, label: string): Locator {
  return scope.locator('.ant-form-item').filter({ has: pageOf(scope).locator(`.ant-form-item-label label:text-is("${label}")`) });
}

/** Pick `option` in the antd Select of the form item labelled `label`, typing `search` first when given. */
export async function chooseOption(page: Page, scope: Page | Locator, label: string, option: string | RegExp, search?: string) {
  const item = itemByLabel(scope, label);
  await item.locator('.ant-select-selector').click();
  if (search) await page.keyboard.type(search);
  const opt = page.locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: option }).first();
  await expect(opt).toBeVisible();
  await opt.click();
}

/** Type a date (YYYY-MM-DD or YYYY for year pickers) into the antd DatePicker of the labelled field. */
export async function fillDate(page: Page, scope: Page | Locator, label: string, value: string) {
  const input = itemByLabel(scope, label).locator('.ant-picker input');
  await input.click();
  await input.fill(value);
  await input.press('Enter');
  await expect(page.locator('.ant-picker-dropdown:visible')).toHaveCount(0);
}

export async function fillText(scope: Page | Locator, label: string, value: string) {
  await itemByLabel(scope, label).locator('input, textarea').first().fill(value);
}

/** A minimal, valid one-page PDF (with a correct xref table). */
export function tinyPdf(text = 'zcps e2e'): Buffer {
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 300 144] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>',
    (() => {
      const stream = `BT /F1 18 Tf 24 72 Td (${text}) Tj ET`;
      return `<< /Length ${stream.length} >>\nstream\n${stream}\nendstream`;
    })(),
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>',
  ];
  let body = '%PDF-1.4\n';
  const offsets: number[] = [];
  objects.forEach((o, i) => {
    offsets.push(Buffer.byteLength(body));
    body += `${i + 1} 0 obj\n${o}\nendobj\n`;
  });
  const xref = Buffer.byteLength(body);
  body += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  for (const off of offsets) body += `${String(off).padStart(10, '0')} 00000 n \n`;
  body += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(body, 'latin1');
}

/** A real JPEG drawn by the browser (a mock 单位证件 photo). */
export async function certificateJpeg(page: Page, unitName: string): Promise<Buffer> {
  const b64 = await page.evaluate((name) => {
    const c = document.createElement('canvas');
    c.width = 480;
    c.height = 300;
    const g = c.getContext('2d')!;
    g.fillStyle = '#fffdf5';
    g.fillRect(0, 0, 480, 300);
    g.strokeStyle = '#b8860b';
    g.lineWidth = 6;
    g.strokeRect(10, 10, 460, 280);
    g.fillStyle = '#8b0000';
    g.font = 'bold 26px "Noto Sans CJK SC", sans-serif';
    g.fillText('事业单位筹建批复', 130, 70);
    g.fillStyle = '#222';
    g.font = '18px "Noto Sans CJK SC", sans-serif';
    g.fillText(`单位名称：${name}`, 40, 140);
    g.fillText('批准机关：宁波市人民政府', 40, 180);
    g.beginPath();
    g.strokeStyle = '#d00';
    g.lineWidth = 3;
    g.arc(380, 225, 45, 0, Math.PI * 2);
    g.stroke();
    return c.toDataURL('image/jpeg', 0.85).split(',')[1];
  }, unitName);
  return Buffer.from(b64, 'base64');
}
