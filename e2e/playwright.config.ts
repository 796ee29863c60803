import { defineConfig, devices } from '@playwright/test';

/**
 * Browser journeys against a running zcps server (the API serves the SPA at `/`).
 * ZCPS_BASE_URL picks the server (default http://127.0.0.1:8080). Uses Debian's
 * Chromium (`apt-get install -y chromium fonts-noto-cjk`); Playwright's own browser
 * download is skipped (PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1).
 */
export default defineConfig({
  testDir: './tests',
  outputDir: './test-results',
  timeout: 120_000,
  expect: { timeout: 10_000 },
  fullyParallel: false,
  workers: 1,
  retries: process.env.CI ? 1 : 0,
  forbidOnly: !!process.env.CI,
  reporter: [['list']],
  use: {
    baseURL: process.env.ZCPS_BASE_URL ?? 'http://127.0.0.1:8080',
    locale: 'zh-CN',
    timezoneId: 'Asia/Shanghai',
    trace: 'retain-on-failure',
    actionTimeout: 15_000,
    screenshot: 'only-on-failure',
  },
  projects: [
    {
      name: 'chromium',
      use: {
        ...devices['Desktop Chrome'],
        viewport: { width: 1366, height: 768 },
        launchOptions: {
          executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
          args: [
            '--headless',
            '--no-sandbox',
            '--disable-gpu',
            '--disable-background-networking',
            '--disable-component-update',
            '--disable-sync',
          ],
        },
      },
    },
  ],
});
