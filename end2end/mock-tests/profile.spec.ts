// A profile draft half filled, on the kit: the saved answers come back, and what
// the user types is saved field by field.
import { test, expect, saved } from './guard';
import { mockBackend } from '../mock/index';

test('a half-filled profile resumes with its saved answers, and each new answer is saved as typed', async ({ page }) => {
  const kit = await mockBackend(page, { scenario: 'profile-half-filled' });
  await page.goto(kit.url('/channels/ch_support/profile/account'));
  await expect(page.getByRole('heading', { level: 1, name: 'WhatsApp account information' })).toBeVisible();
  await expect(page.getByLabel('Channel name')).toHaveValue('Customer Support');
  await expect(page.getByLabel('Business name')).toHaveValue('Northwind Bakery');
  await expect(page.getByLabel('Phone number', { exact: true })).toHaveValue('07400 123456');
  await expect(page.getByLabel('Tagline')).toHaveValue('');

  await page.getByLabel('Tagline').fill('Fresh bread, baked daily');
  await expect(saved(page)).toBeVisible();
  expect(kit.state.channels[0].profile.draft.tagline).toBe('Fresh bread, baked daily');
  expect(kit.callsTo('saveProfile').map((c) => c.body)).toEqual([{ fields: { tagline: 'Fresh bread, baked daily' } }]);

  await page.reload();
  await expect(page.getByLabel('Tagline')).toHaveValue('Fresh bread, baked daily');
});
