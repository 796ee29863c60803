/**
 * Masks for personal data on screen, one rule for all: keep `start` characters at the front
 * and `end` at the back, replace each one between with `*`. Characters, not UTF-16 units,
 * so a rare-character name masks correctly.
 */
export function mask(value: string, keep: { start?: number; end?: number }): string {
  const chars = Array.from(value);
  const start = Math.max(0, keep.start ?? 0);
  const end = Math.max(0, keep.end ?? 0);
  if (start + end >= chars.length) return value;
  return chars.slice(0, start).join('') + '*'.repeat(chars.length - start - end) + chars.slice(chars.length - end).join('');
}

/** A person's name: all but the last character (王诚 → *诚, 欧阳明 → **明), as the manuals show the operator. */
export function maskName(name: string): string {
  const v = name.trim();
  return Array.from(v).length < 2 ? v : mask(v, { end: 1 });
}

/** A mobile number: 157****6340. */
export function maskPhone(phone: string): string {
  return mask(phone.trim(), { start: 3, end: 4 });
}

/** A resident ID number: first 6 and last 4 kept (330203********0022), as the server masks it. */
export function maskIdNumber(id: string): string {
  return mask(id.trim(), { start: 6, end: 4 });
}
