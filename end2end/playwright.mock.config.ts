import { defineConfig } from '@playwright/test';
import { launchOptions } from './chromium';

// The journeys on the mock kit (mock/): no Rust backend and no server at all.
// Every test answers the app's requests itself with page.route, on a made-up
// origin, so tests share nothing and run side by side. The one thing they need is
// a release build of the app, which the global setup finds or makes.
export default defineConfig({
  testDir: './mock-tests',
  globalSetup: './mock-tests/global-setup.ts',
  fullyParallel: true,
  workers: 2,
  forbidOnly: true,
  retries: 0,
  timeout: 30_000,
  expect: { timeout: 7_000 },
  reporter: [['list']],
  use: {
    // The app speaks the browser's language; these journeys read British English.
    locale: 'en-GB',
    trace: 'retain-on-failure',
    launchOptions,
  },
});
