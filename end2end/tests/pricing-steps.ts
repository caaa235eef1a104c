// The pricing page's estimate, shared by its own suite and the first-load builds' journeys.
import type { Page } from './fixtures';

/** Fills in the estimate (a blank country or currency keeps what is chosen) and asks for it. */
export async function estimate(page: Page, country: string, currency: string, sessions: string) {
  if (country) await page.getByLabel('Country').selectOption({ label: country });
  if (currency) await page.getByLabel('Invoice currency').selectOption(currency);
  await page.getByLabel('Sessions per month').fill(sessions);
  await page.getByRole('button', { name: 'Estimate cost' }).click();
}

/** The estimate's row whose header is `name`. */
export function row(page: Page, name: RegExp | string) {
  return page.getByRole('row').filter({ has: page.getByRole('rowheader', { name }) });
}
