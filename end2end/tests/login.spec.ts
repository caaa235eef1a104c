import { test, expect, expectAccessible, logIn, DEMO_EMAIL, DEMO_PASSWORD } from './fixtures';

test.describe('log in', () => {
  test.beforeEach(async ({ backend }) => {
    await backend.reset(DEMO_PASSWORD);
  });

  test('logs in and lands on the WhatsApp channels page with the breadcrumb', async ({ page }) => {
    await page.goto('/');
    await expect(page).toHaveURL(/\/login\?next=%2Fchannels/);
    await expect(page.getByRole('heading', { level: 1, name: 'Log in' })).toBeVisible();
    await expectAccessible(page);

    await logIn(page, DEMO_EMAIL.toUpperCase());
    await expect(page).toHaveURL(/\/channels$/);
    await expect(page.getByRole('heading', { level: 1, name: 'WhatsApp channels' })).toBeVisible();
    const crumbs = page.getByRole('navigation', { name: 'Breadcrumb' }).getByRole('listitem');
    await expect(crumbs).toHaveText(['Chat Apps', 'Channels', 'WhatsApp']);
    await expect(page.getByRole('banner')).toContainText('Northwind Contact Centre');
    await expect(page.getByRole('button', { name: 'Log out' })).toBeVisible();
    // The seed's channel requested in the Configuration Manager shows as pending.
    await expect(page.getByRole('heading', { level: 2, name: 'Customer Support' })).toBeVisible();
    const card = page.getByRole('listitem').filter({ has: page.getByRole('heading', { level: 2, name: 'Customer Support' }) });
    await expect(card.getByText('Requested (Pending) (current step)')).toBeVisible();
    await expectAccessible(page);
    expect(page.url()).not.toContain(DEMO_PASSWORD);
  });

  test('a wrong password gets the same message as an unknown email', async ({ page }) => {
    await page.goto('/login');
    await logIn(page, DEMO_EMAIL, 'not the right password');
    const summary = page.getByRole('alert').filter({ hasText: 'There is a problem' });
    const message = 'The email address or password is not right. Check them and try again.';
    await expect(summary.getByRole('link', { name: message })).toBeVisible();
    await expect(page).toHaveTitle(/^Error: Log in/);
    await expectAccessible(page);

    await logIn(page, 'someone.else@northwind.example', 'not the right password');
    await expect(summary.getByRole('link', { name: message })).toBeVisible();
    // What was typed is still there to correct.
    await expect(page.getByLabel('Email', { exact: true })).toHaveValue('someone.else@northwind.example');
  });

  test('empty fields are each explained and linked', async ({ page }) => {
    await page.goto('/login');
    await page.getByRole('button', { name: 'Log in' }).click();
    await expect(page.getByRole('link', { name: 'Enter your email address' })).toBeVisible();
    await page.getByRole('link', { name: 'Enter your password' }).click();
    await expect(page.getByLabel('Password', { exact: true })).toBeFocused();
  });

  test('after 5 failures the page says when to try again, and even the right password waits', async ({ page }) => {
    await page.goto('/login');
    for (let i = 1; i <= 4; i++) {
      await logIn(page, DEMO_EMAIL, `wrong guess number ${i}`);
      await expect(page.getByRole('link', { name: /password is not right/ })).toBeVisible();
    }
    await logIn(page, DEMO_EMAIL, 'wrong guess number 5');
    const lock = page.getByRole('alert').filter({ hasText: 'Too many failed attempts' });
    await expect(lock).toContainText(/You can try again at .+ \(in 15 minutes\)\./);
    await expectAccessible(page);

    await logIn(page, DEMO_EMAIL, DEMO_PASSWORD);
    await expect(lock).toBeVisible();
    await expect(page).toHaveURL(/\/login/);
  });

  test('the lock ends after its time and the right password works again', async ({ page, backend }) => {
    await page.goto('/login');
    for (let i = 1; i <= 5; i++) {
      await logIn(page, DEMO_EMAIL, `wrong guess number ${i}`);
      await expect(page.getByRole('alert')).toBeVisible();
    }
    await backend.advanceClock(15 * 60 + 1);
    await logIn(page, DEMO_EMAIL, DEMO_PASSWORD);
    await expect(page.getByRole('heading', { level: 1, name: 'WhatsApp channels' })).toBeVisible();
  });

  test('the backend answers 429 with Retry-After once locked', async ({ request }) => {
    for (let i = 0; i < 4; i++) {
      const r = await request.post('/api/session', { data: { email: DEMO_EMAIL, password: `nope ${i}` } });
      expect(r.status()).toBe(401);
    }
    const r = await request.post('/api/session', { data: { email: DEMO_EMAIL, password: 'nope 5' } });
    expect(r.status()).toBe(429);
    expect(Number(r.headers()['retry-after'])).toBe(900);
    expect((await r.json()).code).toBe('rate_limited');
  });
});
