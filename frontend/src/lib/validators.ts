/**
 * Client-side checks that mirror the server's (SPEC §12). The server stays the
 * authority: its per-field errors are mapped onto the same form fields.
 */

const ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const ID_CHECK_CHARS = '10X98765432';

/** GB 11643 check character for the first 17 digits of a resident ID number. */
export function idNumberCheckChar(first17: string): string {
  if (!/^\d{17}$/.test(first17)) throw new Error('need 17 digits');
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * ID_WEIGHTS[i];
  return ID_CHECK_CHARS[sum % 11];
}

function isValidYmd(ymd: string): boolean {
  const y = Number(ymd.slice(0, 4));
  const m = Number(ymd.slice(4, 6));
  const d = Number(ymd.slice(6, 8));
  if (y < 1900 || m < 1 || m > 12 || d < 1) return false;
  const date = new Date(Date.UTC(y, m - 1, d));
  if (date.getTime() > Date.now()) return false;
  return date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
}

export type Check = { ok: true } | { ok: false; message: string };

/** 18-digit resident ID number (GB 11643-1999): 17 digits, valid birth date, check char. */
export function checkIdNumber(raw: string): Check {
  const v = raw.trim().toUpperCase();
  if (v.length !== 18) return { ok: false, message: '身份证号码应为18位' };
  if (!/^\d{17}[\dX]$/.test(v)) return { ok: false, message: '身份证号码前17位应为数字' };
  if (!/^[1-8]/.test(v)) return { ok: false, message: '身份证号码的地区码不正确' };
  if (!isValidYmd(v.slice(6, 14))) return { ok: false, message: '身份证号码中的出生日期不正确' };
  if (idNumberCheckChar(v.slice(0, 17)) !== v[17]) return { ok: false, message: '身份证号码校验位不正确' };
  return { ok: true };
}

export const isValidIdNumber = (raw: string) => checkIdNumber(raw).ok;

const CC_CHARS = '0123456789ABCDEFGHJKLMNPQRTUWXY'; // 31 chars: no I, O, Z, S, V
const CC_WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];

/** GB 32100-2015 check character for the first 17 characters of a credit code. */
export function creditCodeCheckChar(first17: string): string {
  if (first17.length !== 17) throw new Error('need 17 characters');
  let sum = 0;
  for (let i = 0; i < 17; i++) {
    const n = CC_CHARS.indexOf(first17[i]);
    if (n < 0) throw new Error(`bad character ${first17[i]}`);
    sum += n * CC_WEIGHTS[i];
  }
  const c = 31 - (sum % 31);
  return CC_CHARS[c === 31 ? 0 : c];
}

/** 18-character unified social credit code (GB 32100-2015). */
export function checkCreditCode(raw: string): Check {
  const v = raw.trim().toUpperCase();
  if (v.length !== 18) return { ok: false, message: '统一社会信用代码应为18位' };
  for (const ch of v) {
    if (!CC_CHARS.includes(ch)) return { ok: false, message: '统一社会信用代码含有不允许的字符（不使用 I、O、Z、S、V）' };
  }
  if (creditCodeCheckChar(v.slice(0, 17)) !== v[17]) return { ok: false, message: '统一社会信用代码校验位不正确' };
  return { ok: true };
}

export const isValidCreditCode = (raw: string) => checkCreditCode(raw).ok;

/** Mainland 11-digit mobile number. */
export function checkPhone(raw: string): Check {
  const v = raw.trim();
  if (!/^1[3-9]\d{9}$/.test(v)) return { ok: false, message: '手机号码应为11位大陆手机号' };
  return { ok: true };
}

/** Password rule: 8–64 characters with both letters and digits. */
export function checkPassword(raw: string): Check {
  if (raw.length < 8) return { ok: false, message: '密码长度至少8位' };
  if (raw.length > 64) return { ok: false, message: '密码长度不能超过64位' };
  if (!/[A-Za-z]/.test(raw) || !/\d/.test(raw)) return { ok: false, message: '密码须同时包含字母和数字' };
  return { ok: true };
}

/** antd Form rule validator built from a check function (empty value left to `required`). */
export function ruleFrom(check: (v: string) => Check) {
  return {
    validator(_: unknown, value: unknown) {
      if (value === undefined || value === null || value === '') return Promise.resolve();
      const r = check(String(value));
      return r.ok ? Promise.resolve() : Promise.reject(new Error(r.message));
    },
  };
}
