import { test, expect, expectAccessible, logIn } from './fixtures';

test.describe('the session', () => {
  test('log out is visible, ends the session and returns to the login page', async ({ loggedIn: page, request }) => {
    await page.getByRole('button', { name: 'Log out' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Log in' })).toBeVisible();
    await expect(page.getByRole('status').filter({ hasText: 'You have logged out.' })).toBeVisible();
    await expect(page.getByRole('button', { name: 'Log out' })).toHaveCount(0);
    await expectAccessible(page);

    // The session is gone on the backend too: the channels page asks to log in.
    await page.goto('/channels');
    await expect(page).toHaveURL(/\/login\?next=%2Fchannels$/);
    await expect(page.getByText('Log in to continue.')).toBeVisible();
  });

  test('an ended session sends the user to log in and back to the same page', async ({ loggedIn: page, backend }) => {
    await backend.expireSessions();
    await page.reload();
    await expect(page).toHaveURL(/\/login\?next=%2Fchannels/);
    await logIn(page);
    await expect(page).toHaveURL(/\/channels$/);
    await expect(page.getByRole('heading', { level: 1, name: 'WhatsApp channels' })).toBeVisible();
  });

  test('a request that comes back 401 mid-page ends the session in the page too', async ({ loggedIn: page, backend }) => {
    await backend.expireSessions();
    await page.getByRole('button', { name: 'Log out' }).click();
    // The backend had already ended it: the app still ends up logged out, not stuck.
    await expect(page.getByRole('heading', { level: 1, name: 'Log in' })).toBeVisible();
  });

  test('mutating requests without the anti-CSRF token are refused', async ({ loggedIn: page }) => {
    const status = await page.evaluate(async () => (await fetch('/api/session', { method: 'DELETE' })).status);
    expect(status).toBe(403);
    await page.reload();
    await expect(page.getByRole('button', { name: 'Log out' })).toBeVisible();
  });

  test('a return address outside the app is ignored after login', async ({ page, backend }) => {
    await backend.reset('lamp river orange tuesday');
    await page.goto('/login?next=//evil.example/steal');
    await logIn(page);
    await expect(page).toHaveURL(/127\.0\.0\.1:\d+\/channels$/);
  });

  test('a page that does not exist says so with a way back', async ({ loggedIn: page }) => {
    await page.goto('/no-such-page');
    await expect(page.getByRole('heading', { level: 1, name: 'Page not found' })).toBeVisible();
    await page.getByRole('link', { name: 'Go to your WhatsApp channels' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'WhatsApp channels' })).toBeVisible();
  });
});
