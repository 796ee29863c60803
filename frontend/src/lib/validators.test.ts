import { describe, expect, it } from 'vitest';
import {
  checkCreditCode,
  checkIdNumber,
  checkPassword,
  checkPhone,
  creditCodeCheckChar,
  idNumberCheckChar,
  isValidCreditCode,
  isValidIdNumber,
} from './validators';

describe('resident ID number (GB 11643)', () => {
  it('computes the check character', () => {
    expect(idNumberCheckChar('11010519491231002')).toBe('X');
    expect(idNumberCheckChar('11010119900307425')).toBe('8');
    expect(idNumberCheckChar('33010519770708104')).toBe('X');
  });

  it.each(['11010519491231002X', '110101199003074258', '33010519770708104X', '11010519491231002x'])('accepts %s', (id) => {
    expect(isValidIdNumber(id)).toBe(true);
  });

  it('rejects a wrong last digit', () => {
    expect(checkIdNumber('110101199003074259')).toEqual({ ok: false, message: '身份证号码校验位不正确' });
    expect(isValidIdNumber('110105194912310021')).toBe(false);
    for (const c of '0123456789X') {
      expect(isValidIdNumber(`11010119900307425${c}`)).toBe(c === '8');
    }
  });

  it('rejects bad length, characters and birth dates', () => {
    expect(checkIdNumber('11010119900307425')).toMatchObject({ ok: false, message: '身份证号码应为18位' });
    expect(checkIdNumber('1101011990030742A8')).toMatchObject({ ok: false });
    const badDate = '11010119900230001'; // 30 Feb
    expect(checkIdNumber(badDate + idNumberCheckChar(badDate))).toMatchObject({ ok: false, message: '身份证号码中的出生日期不正确' });
    const future = `110101${new Date().getFullYear() + 1}0101001`;
    expect(checkIdNumber(future + idNumberCheckChar(future))).toMatchObject({ ok: false, message: '身份证号码中的出生日期不正确' });
    const badRegion = '91010119900307001';
    expect(checkIdNumber(badRegion + idNumberCheckChar(badRegion))).toMatchObject({ ok: false, message: '身份证号码的地区码不正确' });
  });
});

describe('unified social credit code (GB 32100)', () => {
  it('accepts the standard example', () => {
    expect(creditCodeCheckChar('91350100M000100Y4')).toBe('3');
    expect(isValidCreditCode('91350100M000100Y43')).toBe(true);
    expect(isValidCreditCode('91350100m000100y43')).toBe(true);
    expect(isValidCreditCode('91330203MA2H000018')).toBe(true);
  });

  it('rejects a wrong check character and bad characters', () => {
    expect(checkCreditCode('91350100M000100Y44')).toEqual({ ok: false, message: '统一社会信用代码校验位不正确' });
    expect(checkCreditCode('91350100M000100Y4')).toMatchObject({ ok: false, message: '统一社会信用代码应为18位' });
    expect(checkCreditCode('91350100I000100Y43')).toMatchObject({ ok: false });
    expect(checkCreditCode('91350100S000100Y43')).toMatchObject({ ok: false });
  });

  it('maps a remainder of 0 to the character 0', () => {
    // Search a code whose check character is '0' (31 - 0 ⇒ 0).
    let found = '';
    for (let n = 0; n < 1000 && !found; n++) {
      const body = `91330100MA${String(n).padStart(7, '0')}`;
      if (creditCodeCheckChar(body) === '0') found = body + '0';
    }
    expect(found).not.toBe('');
    expect(isValidCreditCode(found)).toBe(true);
  });
});

describe('phone and password', () => {
  it('checks an 11-digit mobile number', () => {
    expect(checkPhone('15712346340').ok).toBe(true);
    expect(checkPhone('1571234634').ok).toBe(false);
    expect(checkPhone('25712346340').ok).toBe(false);
  });

  it('needs 8+ characters with letters and digits', () => {
    expect(checkPassword('Admin12345').ok).toBe(true);
    expect(checkPassword('abc123')).toEqual({ ok: false, message: '密码长度至少8位' });
    expect(checkPassword('abcdefgh')).toEqual({ ok: false, message: '密码须同时包含字母和数字' });
    expect(checkPassword('12345678').ok).toBe(false);
    expect(checkPassword(`a1${'x'.repeat(63)}`).ok).toBe(false);
  });
});
