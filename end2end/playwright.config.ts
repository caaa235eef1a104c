import { defineConfig } from '@playwright/test';
import { launchOptions } from './chromium';

// Each worker has a fake backend of its own, serving the release build and the
// API in test mode (reset, state, faults, clock), on E2E_PORT + its parallel index
// (tests/port.ts): a test resets and reads only its worker's backend, so the
// workers run side by side. E2E_WORKERS=1 runs them one at a time on one backend.
const PORT = Number(process.env.E2E_PORT ?? 8181);
const WORKERS = Number(process.env.E2E_WORKERS ?? 2);

export default defineConfig({
  testDir: './tests',
  fullyParallel: true,
  workers: WORKERS,
  forbidOnly: true,
  retries: 0,
  timeout: 30_000,
  expect: { timeout: 7_000 },
  reporter: [['list']],
  use: {
    // The first worker's; tests/fixtures.ts gives each worker its own backend's.
    baseURL: `http://127.0.0.1:${PORT}`,
    // The app speaks the browser's language (en-GB or en-US); the suite's labels are
    // British English, so the browser asks for it unless a test says otherwise
    // (locales.spec.ts walks en-US and the pseudo-locale en-XA).
    locale: 'en-GB',
    // No trace by default: recording one for every test (to keep a failure's) made
    // the journeys 30-40% slower here. `npx playwright test --trace retain-on-failure`
    // records them when a failure needs one.
    trace: 'off',
    launchOptions,
  },
  webServer: {
    command: `../scripts/serve-test ${PORT} ${WORKERS}`,
    // The last backend it starts; the others started before it.
    url: `http://127.0.0.1:${PORT + WORKERS - 1}/api/health`,
    reuseExistingServer: false,
    timeout: 600_000,
    stdout: 'ignore',
    stderr: 'pipe',
  },
});
