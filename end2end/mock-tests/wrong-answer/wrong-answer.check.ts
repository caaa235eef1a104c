// Run only by contract.spec.ts, in a Playwright process of its own: a kit answer
// that does not match the contract must fail this test.
import { test, expect } from '@playwright/test';
import { mockBackend } from '../../mock/index';

test('an eligibility answer without its terms', async ({ page }) => {
  const kit = await mockBackend(page, { scenario: 'returning-customer', faults: { getEligibility: { status: 200, body: { licence: 'X8' } } } });
  await page.goto(kit.url('/channels'));
  await expect(page.getByRole('heading', { level: 1, name: 'WhatsApp channels' })).toBeVisible();
  // Long enough for the eligibility call to be answered (or refused).
  await expect.poll(() => kit.callsTo('getEligibility').length).toBeGreaterThan(0);
  await page.waitForTimeout(1_000);
});
