import { test, expect, expectAccessible, logIn, apiCall } from './fixtures';
import { wasmBuilds, besidesTheFullApp } from './builds';
import { registerNumber } from './signup-steps';

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

  test('on the full app, an ended session hands the login to its own build, which hands back to the same page, what was typed kept', async ({ loggedIn: page, backend }) => {
    // Cold, then on: the channels build hands the request form to the full app.
    const builds = wasmBuilds(page);
    await page.goto('/channels');
    await page.getByRole('link', { name: 'Request a WhatsApp channel' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Request a WhatsApp channel' })).toBeVisible();
    await page.getByLabel('Channel name').fill('Sales');
    await page.getByLabel('Routing script').selectOption({ label: 'WhatsApp to Support agents' });

    await backend.expireSessions();
    await page.getByRole('button', { name: 'Request channel' }).click();
    // The full app has no login page (14 KB less of its download): the entry build has it.
    await expect(page).toHaveURL(/\/login\?next=%2Fchannels%2Fnew&expired=1$/);
    await expect(page.getByText('Your session ended. Log in again to carry on where you were')).toBeVisible();
    expect(besidesTheFullApp(builds)).toEqual(['channels', 'entry']);

    await logIn(page);
    await expect(page).toHaveURL(/\/channels\/new$/);
    await expect(page.getByLabel('Channel name')).toHaveValue('Sales');
    await expect(page.getByLabel('Routing script').locator('option:checked')).toHaveText('WhatsApp to Support agents');
    expect(besidesTheFullApp(builds)).toEqual(['channels', 'entry']);
  });

  test('a data request that comes back 401 mid-page sends the user to log in and back, with their choices kept', async ({ reviewPage: page, backend }) => {
    await registerNumber(page, backend);
    // A second channel waiting for a number, so the page has a choice to make.
    expect((await apiCall(page, 'POST', '/api/channels', { name: 'Sales', routing_script_id: 'rs_sales' })).status()).toBe(201);
    await page.goto('/channels/ch_support/confirm');
    const channel = page.getByLabel('Channel', { exact: true });
    await expect(channel).toHaveValue('ch_support');
    const sales = (await backend.state()).data.channels.find((c: any) => c.channel.name === 'Sales').channel.id;

    await backend.expireSessions();
    // Choosing another channel loads its profile for the summary: that GET meets the ended session.
    const profile = page.waitForResponse((r) => r.url().endsWith(`/api/channels/${sales}/profile`));
    await channel.selectOption({ label: 'Sales' });
    expect((await profile).status()).toBe(401);
    await expect(page).toHaveURL(/\/login\?next=%2Fchannels%2Fch_support%2Fconfirm&expired=1$/);
    await expect(page.getByText('Your session ended. Log in again to carry on where you were')).toBeVisible();

    await logIn(page);
    await expect(page).toHaveURL(/\/channels\/ch_support\/confirm$/);
    await expect(page.getByLabel('Channel', { exact: true })).toHaveValue(sales);
    await expect(page.getByLabel('Registered number')).toHaveValue(/^pn_/);
  });

  test('a log out the backend fails leaves the user logged in and says so', async ({ loggedIn: page, backend }) => {
    await backend.fault('DELETE', '/api/session', { kind: 'status', status: 503 });
    await page.getByRole('button', { name: 'Log out' }).click();
    await expect(page.getByRole('alert').filter({ hasText: 'You are still logged in.' })).toContainText('Something went wrong on our side.');
    await expect(page.getByRole('heading', { level: 1, name: 'WhatsApp channels' })).toBeVisible();
    await page.reload();
    await expect(page.getByRole('button', { name: 'Log out' })).toBeVisible();
    await expect(page.getByRole('heading', { level: 1, name: 'WhatsApp channels' })).toBeVisible();

    await page.getByRole('button', { name: 'Log out' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Log in' })).toBeVisible();
    await expect(page.getByRole('alert').filter({ hasText: 'You are still logged in.' })).toHaveCount(0);
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
