/** Valid, unique-per-run identifiers for registration journeys. */

const ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const ID_CHECK = '10X98765432';

export function idCheckChar(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * ID_WEIGHTS[i];
  return ID_CHECK[sum % 11];
}

const rand = (n: number) => Math.floor(Math.random() * n);
const pad = (v: number, w: number) => String(v).padStart(w, '0');

/** An 18-digit resident ID number (Hangzhou Xihu district) with a correct GB 11643 check digit. */
export function uniqueIdNumber(): string {
  const start = Date.UTC(1965, 0, 1);
  const end = Date.UTC(2000, 11, 31);
  // Spread over ~13 000 birth days × 1 000 sequence numbers, seeded by the clock.
  const seed = Date.now() + rand(1_000_000);
  const day = new Date(start + (seed % Math.floor((end - start) / 86_400_000)) * 86_400_000);
  const ymd = `${day.getUTCFullYear()}${pad(day.getUTCMonth() + 1, 2)}${pad(day.getUTCDate(), 2)}`;
  const first17 = `330106${ymd}${pad(rand(1000), 3)}`;
  return first17 + idCheckChar(first17);
}

const CC = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const CC_WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];

export function creditCheckChar(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += CC.indexOf(first17[i]) * CC_WEIGHTS[i];
  return CC[(31 - (sum % 31)) % 31];
}

/** An 18-character unified social credit code (enterprise, Hangzhou) with a correct GB 32100 check char. */
export function uniqueCreditCode(): string {
  let org = 'MA';
  for (let i = 0; i < 7; i++) org += CC[rand(CC.length)];
  const first17 = `91330106${org}`;
  return first17 + creditCheckChar(first17);
}

/** An 11-digit mobile number unlikely to be taken. */
export function uniquePhone(): string {
  return `1${3 + rand(7)}${pad((Date.now() + rand(100_000)) % 1_000_000_000, 9)}`;
}

export function maskPhone(phone: string): string {
  return `${phone.slice(0, 3)}****${phone.slice(7)}`;
}

export function uniqueSuffix(): string {
  return `${Date.now().toString(36)}${rand(1296).toString(36)}`.toUpperCase();
}
