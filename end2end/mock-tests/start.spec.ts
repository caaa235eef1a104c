// The start of the journey on the kit: a new customer's set-password link, an X6
// licence refused, unsigned terms asked for.
import { test, expect, logIn } from './guard';
import { mockBackend, NEW_CUSTOMER_LINK } from '../mock/index';

test.describe('the start of the journey, on the mock kit', () => {
  test.use({ locale: 'en-GB', timezoneId: 'Europe/London' });

  test('a new customer follows the emailed link, sets a password and lands on their requested channel', async ({ page }) => {
    const kit = await mockBackend(page, { scenario: 'new-customer' });
    await page.goto(kit.url(NEW_CUSTOMER_LINK));
    await expect(page.getByRole('heading', { level: 1, name: 'Set your password' })).toBeVisible();
    await expect(page.getByText('admin@litware.example')).toBeVisible();
    await page.getByLabel('New password', { exact: true }).fill('harbour lantern cobalt');
    await page.getByLabel('Confirm new password').fill('harbour lantern cobalt');
    await page.getByRole('button', { name: 'Set password and log in' }).click();

    await expect(page.getByRole('heading', { level: 1, name: 'WhatsApp channels' })).toBeVisible();
    await expect(page.getByRole('banner')).toContainText('Litware Helpdesk');
    await expect(page.getByRole('heading', { level: 2, name: 'Helpdesk' })).toBeVisible();
    expect(page.url()).not.toContain('token=');
    expect(kit.callsTo('setPassword').map((c) => c.body)).toEqual([{ password: 'harbour lantern cobalt' }]);

    // The link works once: following it again says so.
    await page.goto(kit.url(NEW_CUSTOMER_LINK));
    await expect(page.getByText('This link has already been used to set a password.')).toBeVisible();
  });

  test('an X6 licence is explained before anything is typed, and nothing is requested', async ({ page }) => {
    const kit = await mockBackend(page, { scenario: 'x6-licence' });
    await page.goto(kit.url('/before-you-start'));
    await expect(page.getByRole('heading', { name: 'You cannot set up WhatsApp' })).toBeVisible();
    await expect(page.getByRole('heading', { name: /Contact-centre licence\s+Not met/ })).toBeVisible();
    await expect(page.getByText('ask your account manager to upgrade your contact-centre licence to X7 or X8')).toBeVisible();
    await expect(page.getByRole('button', { name: 'Ask my sales representative' })).toHaveCount(0);

    await page.goto(kit.url('/channels/new'));
    await expect(page.getByRole('status').filter({ hasText: 'You cannot request a channel yet' })).toContainText('Your contact-centre licence (X6) does not include WhatsApp');
    await expect(page.getByLabel('Channel name')).toHaveCount(0);
    expect(kit.calls.filter((c) => c.method !== 'GET')).toEqual([]);
  });

  test('unsigned terms are asked for once, and the page shows the day from the backend', async ({ page }) => {
    const kit = await mockBackend(page, { scenario: 'unsigned-terms' });
    await page.goto(kit.url('/before-you-start'));
    await expect(page.getByRole('heading', { name: /Legal terms and conditions\s+Not signed/ })).toBeVisible();
    await page.getByRole('button', { name: 'Ask my sales representative' }).click();
    await expect(page.getByRole('heading', { name: /Legal terms and conditions\s+Requested/ })).toBeVisible();
    // The kit's clock, not today's: the scenario holds it at 15 March 2027.
    await expect(page.getByText('You asked your sales representative for the terms on 15 March 2027.')).toBeVisible();
    await expect(page.getByRole('button', { name: 'Ask my sales representative' })).toHaveCount(0);
    expect(kit.callsTo('requestTerms')).toHaveLength(1);
    expect(kit.state.account.terms).toEqual({ state: 'requested', at: Date.parse('2027-03-15T12:00:00Z') / 1000 });

    await page.goto(kit.url('/channels/new'));
    await expect(page.getByRole('status').filter({ hasText: 'You cannot request a channel yet' })).toContainText('until your legal terms and conditions for WhatsApp are signed');
  });
});

test('without a session, the login page refuses a wrong password and takes the scenario password', async ({ page }) => {
  const kit = await mockBackend(page, { scenario: 'returning-customer', loggedIn: false });
  await page.goto(kit.url('/channels'));
  // Nobody was logged in, so no session "ended": the page asks to log in to continue.
  await expect(page).toHaveURL(/\/login\?next=%2Fchannels$/);
  await expect(page.getByRole('status')).toHaveText('Log in to continue.');
  expect(kit.callsTo('listChannels')).toHaveLength(0);
  await logIn(page, 'admin@northwind.example', 'wrong password entirely');
  await expect(page.getByRole('link', { name: /^The email address or password is not right/ })).toBeVisible();
  await expect(page).toHaveURL(/\/login\?next=%2Fchannels$/);
  await logIn(page, 'admin@northwind.example', 'lamp river orange tuesday');
  await expect(page.getByRole('heading', { level: 1, name: 'WhatsApp channels' })).toBeVisible();
});
