import { describe, expect, it } from 'vitest';
import { mask, maskIdNumber, maskName, maskPhone } from './mask';

describe('masks', () => {
  it('masks a name but its last character (seed 000: 当前账户使用人：*诚)', () => {
    expect(maskName('王诚')).toBe('*诚');
    expect(maskName('欧阳明')).toBe('**明');
    expect(maskName(' 张三 ')).toBe('*三');
    expect(maskName('𠮷')).toBe('𠮷');
    expect(maskName('王𠮷诚')).toBe('**诚');
    expect(maskName('')).toBe('');
  });

  it('masks phone numbers and ID numbers like the server (157****6340, 330203********0022)', () => {
    expect(maskPhone('15712346340')).toBe('157****6340');
    expect(maskIdNumber('330203199001010022')).toBe('330203********0022');
    expect(maskIdNumber('33010519770708104X')).toBe('330105********104X');
  });

  it('leaves values too short to mask alone', () => {
    expect(mask('1234', { start: 3, end: 4 })).toBe('1234');
    expect(mask('abcdef', { start: 1, end: 1 })).toBe('a****f');
    expect(mask('abc', {})).toBe('***');
  });
});
