import { defineConfig } from '@playwright/test';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import base from '../../playwright.mock.config';

// The one test that must fail: see contract.spec.ts. Its results go to a folder of
// its own, so this run never touches the outer run's.
export default defineConfig({
  ...base,
  testDir: '.',
  testMatch: '*.check.ts',
  globalSetup: undefined,
  workers: 1,
  reporter: [['line']],
  outputDir: join(tmpdir(), 'mock-kit-wrong-answer-results'),
  use: { ...base.use, trace: 'off' },
});
