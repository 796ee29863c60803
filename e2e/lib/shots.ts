import type { Page } from '@playwright/test';
import { mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const dir = join(dirname(fileURLToPath(import.meta.url)), '..', 'screenshots');

/**
 * Screenshot saved as e2e/screenshots/<name>.png (git-ignored): the full page, or just the
 * 1366×768 viewport (`{ fullPage: false }`, for open drawers and modals, which a full-page
 * capture of the fixed layout would tear apart).
 */
export async function shot(page: Page, name: string, opts: { fullPage?: boolean } = {}) {
  mkdirSync(dir, { recursive: true });
  await page.screenshot({ path: join(dir, `${name}.png`), fullPage: opts.fullPage ?? true });
}
