import { test, expect, expectAccessible, logIn, apiCall, countRequests, CONTOSO_EMAIL, DEMO_PASSWORD, NEW_ACCOUNT_EMAIL } from './fixtures';

const TERMS_FIRST = 'You cannot request a WhatsApp channel until your legal terms and conditions for WhatsApp are signed. Your sales representative asks the Deal Desk to send them to you to sign.';

test.describe('request a WhatsApp channel (Configuration Manager)', () => {
  test('creates a Pending channel shown on the channels page with its reference', async ({ loggedIn: page, backend }) => {
    await page.getByRole('link', { name: 'Request a WhatsApp channel' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Request a WhatsApp channel' })).toBeVisible();
    const script = page.getByLabel('Routing script');
    await expect(script.getByRole('option')).toHaveText(['Select a routing script', 'WhatsApp to Support agents', 'WhatsApp to Sales agents', 'Out-of-hours message, then Support queue']);
    await expectAccessible(page);

    await page.getByLabel('Channel name').fill('Sales');
    await script.selectOption({ label: 'WhatsApp to Sales agents' });
    await page.getByRole('button', { name: 'Request channel' }).click();

    await expect(page).toHaveURL(/\/channels\?requested=/);
    const success = page.getByRole('status').filter({ hasText: 'Channel requested' });
    await expect(success).toContainText(/Sales is requested and shows as Pending\. Its request reference is CM-\d+\./);
    const card = page.getByRole('listitem').filter({ has: page.getByRole('heading', { name: 'Sales', exact: true }) });
    await expect(card).toContainText('Requested (Pending)');
    await expect(card).toContainText('WhatsApp to Sales agents');
    await expect(card).toContainText(/Support can tell you where this request stands: quote reference CM-\d+/);
    await expectAccessible(page);

    const channels = (await backend.state()).data.channels;
    expect(channels.map((c: any) => [c.channel.name, c.channel.state])).toEqual([['Customer Support', 'requested'], ['Sales', 'requested']]);
  });

  test('the link back to the channels page is not announced as the page the user is on, here and in the profile', async ({ loggedIn: page }) => {
    // The header's link to the channels page is current on that page alone.
    await expect(page.getByRole('link', { name: 'WhatsApp channels', exact: true })).toHaveAttribute('aria-current', 'page');
    for (const [path, heading] of [
      ['/channels/new', 'Request a WhatsApp channel'],
      ['/channels/ch_support/profile/account', 'WhatsApp account information'],
    ]) {
      await page.goto(path);
      await expect(page.getByRole('heading', { level: 1, name: heading })).toBeVisible();
      await expect(page.getByRole('link', { name: 'Back to WhatsApp channels' })).not.toHaveAttribute('aria-current');
      await expect(page.getByRole('link', { name: 'WhatsApp channels', exact: true })).not.toHaveAttribute('aria-current');
    }
  });

  test('missing answers are explained and linked to their fields', async ({ loggedIn: page }) => {
    await page.goto('/channels/new');
    await page.getByRole('button', { name: 'Request channel' }).click();
    await expect(page).toHaveTitle(/^Error: Request a WhatsApp channel/);
    await expect(page.getByRole('link', { name: 'Enter a channel name' })).toBeVisible();
    await page.getByRole('link', { name: "Select the routing script for this channel's conversations" }).click();
    await expect(page.getByLabel('Routing script')).toBeFocused();
    await expectAccessible(page);
  });

  test('a name already used in the account is refused on the field', async ({ loggedIn: page, backend }) => {
    await page.goto('/channels/new');
    await page.getByLabel('Channel name').fill('  customer SUPPORT ');
    await page.getByLabel('Routing script').selectOption({ label: 'WhatsApp to Support agents' });
    await page.getByRole('button', { name: 'Request channel' }).click();
    const message = 'You already have a channel called customer SUPPORT: choose a different name';
    await page.getByRole('link', { name: message }).click();
    await expect(page.getByLabel('Channel name')).toBeFocused();
    await expect(page.getByLabel('Channel name')).toHaveAccessibleDescription(new RegExp(message));
    await expectAccessible(page);
    expect((await backend.state()).data.channels).toHaveLength(1);
  });

  test('a double click on a slow answer sends one request and creates one channel', async ({ loggedIn: page, backend }) => {
    await backend.fault('POST', '/api/channels', { kind: 'delay', ms: 1500 });
    await page.goto('/channels/new');
    await page.getByLabel('Channel name').fill('Billing');
    await page.getByLabel('Routing script').selectOption({ label: 'WhatsApp to Support agents' });
    // The backend would refuse a second "Billing" anyway: count what the page sends.
    const posts = countRequests(page, 'POST', '/api/channels');
    await page.getByRole('button', { name: 'Request channel' }).dblclick();
    await expect(page.getByRole('button', { name: 'Requesting…' })).toBeVisible();
    await expect(page.getByRole('status').filter({ hasText: 'Channel requested' })).toBeVisible();
    expect(posts()).toBe(1);
    const names = (await backend.state()).data.channels.map((c: any) => c.channel.name);
    expect(names.filter((n: string) => n === 'Billing')).toHaveLength(1);
  });

  test('a connection dropped after the backend acted: trying again does not create a second channel', async ({ loggedIn: page, backend }) => {
    // Chromium itself resends a request a few times when a reused connection closes
    // without an answer (each resend carries the same idempotency key); drop them all.
    await backend.fault('POST', '/api/channels', { kind: 'drop' }, 20);
    await page.goto('/channels/new');
    await page.getByLabel('Channel name').fill('Returns');
    await page.getByLabel('Routing script').selectOption({ label: 'WhatsApp to Support agents' });
    await page.getByRole('button', { name: 'Request channel' }).click();
    await expect(page.getByRole('alert').filter({ hasText: 'We could not reach the server' })).toBeVisible();
    await expect(page.getByLabel('Channel name')).toHaveValue('Returns');
    // The backend did create it; only the answer was lost.
    let names = (await backend.state()).data.channels.map((c: any) => c.channel.name);
    expect(names).toContain('Returns');

    await backend.clearFaults();
    await page.getByRole('button', { name: 'Request channel' }).click();
    await expect(page.getByRole('status').filter({ hasText: 'Returns is requested' })).toBeVisible();
    names = (await backend.state()).data.channels.map((c: any) => c.channel.name);
    expect(names.filter((n: string) => n === 'Returns')).toHaveLength(1);
  });

  test('a session that ends mid-form sends the user to log in and back with what they typed', async ({ loggedIn: page, backend }) => {
    await page.goto('/channels/new');
    await page.getByLabel('Channel name').fill('After hours');
    await page.getByLabel('Routing script').selectOption({ label: 'Out-of-hours message, then Support queue' });
    await backend.expireSessions();
    await page.getByRole('button', { name: 'Request channel' }).click();

    await expect(page.getByRole('heading', { level: 1, name: 'Log in' })).toBeVisible();
    await expect(page.getByText('Your session ended. Log in again to carry on where you were')).toBeVisible();
    await logIn(page);
    await expect(page).toHaveURL(/\/channels\/new$/);
    await expect(page.getByLabel('Channel name')).toHaveValue('After hours');
    await expect(page.getByLabel('Routing script')).toHaveValue('rs_out_of_hours');
    await page.getByRole('button', { name: 'Request channel' }).click();
    await expect(page.getByRole('status').filter({ hasText: 'After hours is requested' })).toBeVisible();

    // Submitted: the form starts empty next time.
    await page.goto('/channels/new');
    await expect(page.getByLabel('Channel name')).toHaveValue('');
  });

  test('a reload keeps what was typed', async ({ loggedIn: page }) => {
    await page.goto('/channels/new');
    await page.getByLabel('Channel name').fill('Complaints');
    await page.getByLabel('Routing script').selectOption({ label: 'WhatsApp to Support agents' });
    await page.reload();
    await expect(page.getByLabel('Channel name')).toHaveValue('Complaints');
    await expect(page.getByLabel('Routing script')).toHaveValue('rs_support');
  });

  test('without signed terms the page says so before anything is typed, and the backend refuses too', async ({ page, backend }) => {
    await backend.reset(DEMO_PASSWORD);
    await page.goto('/channels/new');
    await logIn(page, CONTOSO_EMAIL);
    await expect(page.getByRole('heading', { level: 1, name: 'Request a WhatsApp channel' })).toBeVisible();
    const notice = page.getByRole('status').filter({ has: page.getByRole('heading', { name: 'You cannot request a channel yet' }) });
    await expect(notice).toContainText(TERMS_FIRST);
    // No form to fill in: nothing the backend would refuse.
    await expect(page.getByLabel('Channel name')).toHaveCount(0);
    await expect(page.getByRole('button', { name: 'Request channel' })).toHaveCount(0);
    await expectAccessible(page);

    // The backend refuses the request itself, in the one error shape, with the same words.
    const refusal = await apiCall(page, 'POST', '/api/channels', { name: 'Care', routing_script_id: 'rs_con_care' });
    expect(refusal.status()).toBe(403);
    const body = await refusal.json();
    expect(Object.keys(body).sort()).toEqual(['code', 'message']);
    expect(body).toEqual({ code: 'forbidden', message: TERMS_FIRST });
    expect((await backend.state()).data.channels.filter((c: any) => c.account_id === 'acc_contoso')).toHaveLength(0);

    await notice.getByRole('link', { name: 'Check what you need before you start' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Before you start' })).toBeVisible();
    await expect(page.getByRole('button', { name: 'Ask my sales representative' })).toBeVisible();
  });

  test('the first request of an account without a CPaaS login mails the login details, and the link works', async ({ page, backend }) => {
    await backend.reset(DEMO_PASSWORD);
    await page.goto('/channels/new');
    await logIn(page, NEW_ACCOUNT_EMAIL);
    await page.getByLabel('Channel name').fill('Helpdesk');
    await page.getByLabel('Routing script').selectOption({ label: 'Helpdesk queue' });
    await page.getByRole('button', { name: 'Request channel' }).click();
    await expect(page.getByRole('status').filter({ hasText: 'Helpdesk is requested' })).toBeVisible();

    const mail = (await backend.mailbox()).filter((m) => m.to === NEW_ACCOUNT_EMAIL);
    expect(mail.map((m) => m.subject)).toEqual(['Your CPaaS login details']);
    expect(mail[0].body).toContain('Your WhatsApp channel request was received');

    // Follow the link as the email's reader would: it sets the password and logs in.
    await page.getByRole('button', { name: 'Log out' }).click();
    await page.goto(await backend.passwordLink(NEW_ACCOUNT_EMAIL));
    await expect(page.getByRole('heading', { level: 1, name: 'Set your password' })).toBeVisible();
    await expect(page.getByText(NEW_ACCOUNT_EMAIL)).toBeVisible();
    const password = 'sunlit harbour kettle 42';
    await page.getByLabel('New password', { exact: true }).fill(password);
    await page.getByLabel('Confirm new password').fill(password);
    await page.getByRole('button', { name: 'Set password and log in' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'WhatsApp channels' })).toBeVisible();
    await expect(page.getByRole('heading', { level: 2, name: 'Helpdesk' })).toBeVisible();

    // The account has its login now: another request gets the short email only.
    await page.goto('/channels/new');
    await page.getByLabel('Channel name').fill('Billing');
    await page.getByLabel('Routing script').selectOption({ label: 'Helpdesk queue' });
    await page.getByRole('button', { name: 'Request channel' }).click();
    await expect(page.getByRole('status').filter({ hasText: 'Billing is requested' })).toBeVisible();
    const after = (await backend.mailbox()).filter((m) => m.to === NEW_ACCOUNT_EMAIL);
    expect(after.map((m) => m.subject)).toEqual(['Your WhatsApp channel was requested', 'Your CPaaS login details']);
    expect(after[0].body).toMatch(/Your WhatsApp channel Billing was requested in the Configuration Manager \(reference CM-\d+\)/);
  });
});
