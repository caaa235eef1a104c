import { test, expect } from '@playwright/test';
import { mockBackend } from '../mock/index';

test('the portal hears that a number was linked', async ({ page }) => {
  const kit = await mockBackend(page, { scenario: 'number-registered', host: true });
  await page.goto(kit.url('/portal/whatsapp/channels/ch_support/confirm'));
  const app = page.locator('#whatsapp');
  // The number and channel are chosen for the user once the lists arrive: wait for that, not for the button.
  await expect(app.getByLabel('Registered number')).toHaveValue(/^pn_/);
  await expect(app.getByLabel('Channel', { exact: true })).toHaveValue('ch_support');
  await app.getByRole('button', { name: 'Next' }).click();
  await app.getByRole('button', { name: 'Confirm' }).click();
  await expect(app.getByRole('heading', { level: 1, name: 'Your WhatsApp number is linked' })).toBeVisible();
  await expect.poll(() => page.evaluate(() => (window as any).portal.events))
    .toContainEqual({ type: 'complete', channelId: 'ch_support', phoneNumber: '+447400123456', readyBy: '2027-03-18' });
  expect(kit.callsTo('linkNumber')).toHaveLength(1);
});
