import { defineConfig } from '@playwright/test';
import { launchOptions } from './chromium';

// One fake backend serves the release build and the API on this port, in test
// mode (reset, state, faults, clock). Tests share it, so they run one at a time.
const PORT = Number(process.env.E2E_PORT ?? 8181);

export default defineConfig({
  testDir: './tests',
  fullyParallel: false,
  workers: 1,
  forbidOnly: true,
  retries: 0,
  timeout: 30_000,
  expect: { timeout: 7_000 },
  reporter: [['list']],
  use: {
    baseURL: `http://127.0.0.1:${PORT}`,
    // The app speaks the browser's language (en-GB or en-US); the suite's labels are
    // British English, so the browser asks for it unless a test says otherwise
    // (locales.spec.ts walks en-US and the pseudo-locale en-XA).
    locale: 'en-GB',
    trace: 'retain-on-failure',
    launchOptions,
  },
  webServer: {
    command: `../scripts/serve-test ${PORT}`,
    url: `http://127.0.0.1:${PORT}/api/health`,
    reuseExistingServer: false,
    timeout: 600_000,
    stdout: 'ignore',
    stderr: 'pipe',
  },
});
