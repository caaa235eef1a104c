// What every journey on the kit shares: a guard that fails the test on a page
// error, a Content Security Policy violation or an unexpected dialog, as the
// Rust-backed suite's fixtures do (tests/fixtures.ts).
import { test as base, expect, type Page } from '@playwright/test';

export const test = base.extend<{ pageGuard: void }>({
  pageGuard: [
    async ({ page }, use) => {
      const problems: string[] = [];
      page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
      page.on('console', (m) => {
        if (/Content Security Policy|panicked at|RuntimeError|unreachable/i.test(m.text())) problems.push(`console: ${m.text()}`);
      });
      page.on('dialog', (d) => {
        problems.push(`unexpected dialog: ${d.message()}`);
        void d.dismiss();
      });
      await use();
      expect(problems, 'page errors, CSP violations or dialogs').toEqual([]);
    },
    { auto: true },
  ],
});

/** Logs in through the app's login page. */
export async function logIn(page: Page, email: string, password: string) {
  await page.getByLabel('Email', { exact: true }).fill(email);
  await page.getByLabel('Password', { exact: true }).fill(password);
  await page.getByRole('button', { name: 'Log in' }).click();
}

/** The profile pages' save status. */
export const saved = (page: Page) => page.getByRole('status').filter({ hasText: /^Saved$/ });

export { expect };
export type { Page };
