import { test, expect, expectAccessible, DEMO_EMAIL, DEMO_PASSWORD } from './fixtures';

test.describe('set password from the emailed link', () => {
  test('shows the rules before typing, ticks them off while typing, then logs in', async ({ page, backend }) => {
    await page.goto(await backend.passwordLink());
    await expect(page.getByRole('heading', { level: 1, name: 'Set your password' })).toBeVisible();
    await expect(page.getByText(DEMO_EMAIL)).toBeVisible();
    const rules = page.getByRole('list').filter({ hasText: 'at least 12 characters' });
    await expect(rules.getByRole('listitem')).toHaveCount(4);
    await expect(rules.getByText('(done)')).toHaveCount(0);
    await expectAccessible(page);

    await page.getByLabel('New password', { exact: true }).fill('short');
    await expect(rules.getByText('(done)')).toHaveCount(3);
    await page.getByLabel('New password', { exact: true }).fill(DEMO_PASSWORD);
    await expect(rules.getByText('(done)')).toHaveCount(4);
    await expect(page.getByRole('status').filter({ hasText: 'Your password meets every rule.' })).toBeAttached();

    await page.getByLabel('Confirm new password').fill(DEMO_PASSWORD);
    await page.getByRole('button', { name: 'Set password and log in' }).click();

    await expect(page.getByRole('heading', { level: 1, name: 'WhatsApp channels' })).toBeVisible();
    await expect(page).toHaveURL(/\/channels$/);
    await expect(page.getByRole('banner')).toContainText('Northwind Contact Centre');
    // The link is gone from the address bar and from history.
    expect(page.url()).not.toContain('token=');
    const stored = await page.evaluate(() => JSON.stringify({ ...localStorage }) + JSON.stringify({ ...sessionStorage }));
    expect(stored).not.toContain(DEMO_PASSWORD);
    const cookies = await page.context().cookies();
    const session = cookies.find((c) => c.name === 'session');
    expect(session?.httpOnly).toBe(true);
    expect(session?.sameSite).toBe('Strict');
    expect(await page.evaluate(() => document.cookie)).toBe('');
  });

  test('the page from the email works before the rest of the app has loaded, then carries on into it', async ({ page, backend }) => {
    // The set-password page is in the small first build, with the login page; the
    // rest of the app is fetched meanwhile. Here it cannot be had until the password is set.
    let release = () => {};
    const held = new Promise<void>((resolve) => (release = resolve));
    await page.route(/\/whatsapp-onboarding-[0-9a-f]+_bg\.wasm$/, async (route) => {
      await held;
      await route.continue();
    });
    await page.goto(await backend.passwordLink());
    const rules = page.getByRole('list').filter({ hasText: 'at least 12 characters' });
    await page.getByLabel('New password', { exact: true }).fill(DEMO_PASSWORD);
    await expect(rules.getByText('(done)')).toHaveCount(4);
    await page.getByLabel('Confirm new password').fill(DEMO_PASSWORD);
    await page.getByRole('button', { name: 'Set password and log in' }).click();
    await expect(page.getByRole('status').filter({ hasText: 'Loading…' })).toBeVisible();

    release();
    await expect(page.getByRole('heading', { level: 1, name: 'WhatsApp channels' })).toBeVisible();
    await expect(page).toHaveURL(/\/channels$/);
    await expect(page.getByRole('button', { name: 'Log out' })).toBeVisible();
  });

  test('passwords that do not match are refused with a linked error', async ({ page, backend }) => {
    await page.goto(await backend.passwordLink());
    await page.getByLabel('New password', { exact: true }).fill(DEMO_PASSWORD);
    await page.getByLabel('Confirm new password').fill(DEMO_PASSWORD + 'x');
    await page.getByRole('button', { name: 'Set password and log in' }).click();

    const summary = page.getByRole('alert').filter({ hasText: 'There is a problem' });
    await expect(summary).toBeFocused();
    const link = summary.getByRole('link', { name: 'The passwords do not match: enter the same password twice' });
    await expect(link).toBeVisible();
    await expect(page).toHaveTitle(/^Error: Set your password/);
    await link.click();
    await expect(page.getByLabel('Confirm new password')).toBeFocused();
    await expect(page.getByLabel('Confirm new password')).toHaveAccessibleDescription(/The passwords do not match/);
    await expectAccessible(page);
    // Nothing changed on the backend.
    const state = await backend.state();
    expect(state.data.password_links[0].used_at).toBeNull();
  });

  test('a password that is too short says how many more characters', async ({ page, backend }) => {
    await page.goto(await backend.passwordLink());
    await page.getByLabel('New password', { exact: true }).fill('elevenchars');
    await page.getByLabel('Confirm new password').fill('elevenchars');
    await page.getByRole('button', { name: 'Set password and log in' }).click();
    await expect(page.getByRole('link', { name: 'Password must be at least 12 characters: add 1 more character' })).toBeVisible();
    await expect(page.getByLabel('New password', { exact: true })).toHaveAttribute('aria-invalid', 'true');
  });

  test('a common password is refused, by the page and by the backend', async ({ page, backend, request }) => {
    await page.goto(await backend.passwordLink());
    await page.getByLabel('New password', { exact: true }).fill('Password1234!');
    await page.getByLabel('Confirm new password').fill('Password1234!');
    await page.getByRole('button', { name: 'Set password and log in' }).click();
    await expect(page.getByRole('link', { name: /commonly used and easy to guess/ })).toBeVisible();

    // The backend applies the same rule to a request that skips the page.
    const token = new URL(page.url()).searchParams.get('token')!;
    const r = await request.post(`/api/password-links/${token}`, { data: { password: 'Password1234!' } });
    expect(r.status()).toBe(422);
    const body = await r.json();
    expect(body.code).toBe('validation');
    expect(body.fields[0].field).toBe('password');
  });

  test('the account email cannot be the password', async ({ page, backend }) => {
    await page.goto(await backend.passwordLink());
    await page.getByLabel('New password', { exact: true }).fill(DEMO_EMAIL);
    await page.getByLabel('Confirm new password').fill(DEMO_EMAIL);
    await page.getByRole('button', { name: 'Set password and log in' }).click();
    await expect(page.getByRole('link', { name: 'Password must not contain your email address' })).toBeVisible();
  });

  test('an expired link says so and offers a new one, which arrives in the mailbox', async ({ page, backend }) => {
    const link = await backend.passwordLink();
    await backend.advanceClock(25 * 60 * 60);
    await page.goto(link);
    await expect(page.getByRole('heading', { level: 1, name: 'This link has expired' })).toBeVisible();
    await expect(page.getByText('links work for 24 hours')).toBeVisible();
    await expectAccessible(page);

    await page.getByLabel('Email').fill(DEMO_EMAIL);
    await page.getByRole('button', { name: 'Send me a new link' }).click();
    await expect(page.getByRole('heading', { name: 'Check your email' })).toBeVisible();
    const fresh = await backend.passwordLink();
    expect(fresh).not.toBe(link);
    await page.goto(fresh);
    await expect(page.getByRole('heading', { level: 1, name: 'Set your password' })).toBeVisible();
  });

  test('a used link cannot set the password again', async ({ page, backend }) => {
    const link = await backend.passwordLink();
    await page.goto(link);
    await page.getByLabel('New password', { exact: true }).fill(DEMO_PASSWORD);
    await page.getByLabel('Confirm new password').fill(DEMO_PASSWORD);
    await page.getByRole('button', { name: 'Set password and log in' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'WhatsApp channels' })).toBeVisible();

    await page.goto(link);
    await expect(page.getByRole('heading', { level: 1, name: 'This link has already been used' })).toBeVisible();
    await expect(page.getByText('Log in with that password, or ask for a new link.')).toBeVisible();
    await expect(page.getByLabel('New password', { exact: true })).toHaveCount(0);
  });

  test('an unknown link is explained, and asking for a new one does not reveal accounts', async ({ page, backend }) => {
    await page.goto('/set-password?token=not-a-real-token');
    await expect(page.getByRole('heading', { level: 1, name: 'This link is not valid' })).toBeVisible();
    await page.getByLabel('Email').fill('nobody@nowhere.example');
    await page.getByRole('button', { name: 'Send me a new link' }).click();
    await expect(page.getByRole('heading', { name: 'Check your email' })).toBeVisible();
    await expect(page.getByText('If an account uses nobody@nowhere.example')).toBeVisible();
    expect((await backend.mailbox()).filter((m) => m.to === 'nobody@nowhere.example')).toHaveLength(0);
  });

  test('the link stops working if another tab uses it while this one is open', async ({ page, backend, request }) => {
    const link = await backend.passwordLink();
    await page.goto(link);
    await page.getByLabel('New password', { exact: true }).fill(DEMO_PASSWORD);
    await page.getByLabel('Confirm new password').fill(DEMO_PASSWORD);
    const token = new URL(page.url()).searchParams.get('token')!;
    expect((await request.post(`/api/password-links/${token}`, { data: { password: 'another fine passphrase' } })).status()).toBe(200);

    await page.getByRole('button', { name: 'Set password and log in' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'This link has already been used' })).toBeVisible();
  });

  test('without a link, the login page leads to a new one, which sets the password', async ({ page, backend }) => {
    await page.goto('/login');
    await page.getByRole('link', { name: 'Get a new link to set your password' }).click();
    await expect(page).toHaveURL(/\/set-password$/);
    await expect(page.getByRole('heading', { level: 1, name: 'Get a link to set your password' })).toBeVisible();
    await expect(page.getByLabel('New password', { exact: true })).toHaveCount(0);
    await expectAccessible(page);

    await page.getByRole('button', { name: 'Send me a new link' }).click();
    await expect(page.getByRole('link', { name: 'Enter your email address' })).toBeVisible();
    const before = (await backend.mailbox()).length;
    await page.getByLabel('Email').fill(DEMO_EMAIL);
    await page.getByRole('button', { name: 'Send me a new link' }).click();
    await expect(page.getByRole('status').filter({ hasText: 'Check your email' })).toContainText(`If an account uses ${DEMO_EMAIL}`);
    expect((await backend.mailbox()).length).toBe(before + 1);

    await page.goto(await backend.passwordLink());
    await page.getByLabel('New password', { exact: true }).fill(DEMO_PASSWORD);
    await page.getByLabel('Confirm new password').fill(DEMO_PASSWORD);
    await page.getByRole('button', { name: 'Set password and log in' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'WhatsApp channels' })).toBeVisible();
  });
});
