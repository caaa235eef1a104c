// Faults on the kit: what the user sees when the server fails, the connection is
// lost, the session ends mid-journey, or a request clashes; and that nothing they
// typed is lost.
import { test, expect, logIn, saved } from './guard';
import { mockBackend, MOCK_EMAIL, MOCK_PASSWORD } from '../mock/index';

test.describe('faults on the mock kit', () => {
  test('a 500 while requesting a channel says so, keeps the answers, and Request channel works once the server is back', async ({ page }) => {
    const kit = await mockBackend(page, { scenario: 'returning-customer', faults: { requestChannel: { status: 500, times: 1 } } });
    await page.goto(kit.url('/channels/new'));
    await page.getByLabel('Channel name').fill('Billing');
    await page.getByLabel('Routing script').selectOption({ label: 'WhatsApp to Sales agents' });
    await page.getByRole('button', { name: 'Request channel' }).click();

    await expect(page.getByRole('alert').filter({ hasText: 'Something went wrong on our side.' })).toContainText('ERR-MOCK0500');
    await expect(page.getByLabel('Channel name')).toHaveValue('Billing');
    await expect(page.getByLabel('Routing script')).toHaveValue('rs_sales');
    expect(kit.state.channels.map((c) => c.channel.name)).toEqual(['Customer Support']);

    await page.getByRole('button', { name: 'Request channel' }).click();
    await expect(page.getByRole('status').filter({ hasText: 'Channel requested' })).toContainText('Billing is requested and shows as Pending.');
    const sent = kit.callsTo('POST /api/channels');
    expect(sent.map((c) => c.status)).toEqual([500, 201]);
    // A 500 is an answer: the second request is a new one, with a new key.
    expect(sent[1].idempotencyKey).not.toBe(sent[0].idempotencyKey);
  });

  test('offline while requesting a channel says the connection is lost and nothing is lost', async ({ page }) => {
    const kit = await mockBackend(page, { scenario: 'returning-customer' });
    await page.goto(kit.url('/channels/new'));
    await page.getByLabel('Channel name').fill('Returns');
    await page.getByLabel('Routing script').selectOption({ label: 'WhatsApp to Support agents' });
    kit.fault('requestChannel', { offline: true });
    await page.getByRole('button', { name: 'Request channel' }).click();

    await expect(page.getByRole('alert').filter({ hasText: 'We could not reach the server. Check your connection and try again; nothing you entered is lost.' })).toBeVisible();
    await expect(page.getByLabel('Channel name')).toHaveValue('Returns');
    await expect(page.getByLabel('Routing script')).toHaveValue('rs_support');

    kit.fault('requestChannel', null);
    await page.getByRole('button', { name: 'Request channel' }).click();
    await expect(page.getByRole('status').filter({ hasText: 'Returns is requested' })).toBeVisible();
    // The outcome of the lost request is unknown: trying again reuses its key, so a
    // backend that did the work answers it once.
    const sent = kit.callsTo('requestChannel');
    expect(sent.map((c) => c.status)).toEqual([0, 201]);
    expect(sent[1].idempotencyKey).toBeTruthy();
    expect(sent[1].idempotencyKey).toBe(sent[0].idempotencyKey);
  });

  test('a session that ends mid-journey (401 on the second save) sends the user to log in and back, with the typing kept and saved', async ({ page }) => {
    const kit = await mockBackend(page, { scenario: 'profile-half-filled', faults: { saveProfile: { status: 401, after: 1, times: 1 } } });
    await page.goto(kit.url('/channels/ch_support/profile/contact'));
    await page.getByLabel('Contact email').fill('help@northwind.example');
    await expect(saved(page)).toBeVisible();
    await page.getByLabel('Website URL').fill('https://www.northwind.example');

    await expect(page.getByRole('heading', { level: 1, name: 'Log in' })).toBeVisible();
    await expect(page.getByText('Your session ended. Log in again to carry on where you were')).toBeVisible();
    await logIn(page, MOCK_EMAIL, MOCK_PASSWORD);
    await expect(page).toHaveURL(/\/channels\/ch_support\/profile\/contact$/);
    await expect(page.getByLabel('Contact email')).toHaveValue('help@northwind.example');
    await expect(page.getByLabel('Website URL')).toHaveValue('https://www.northwind.example');
    await expect(saved(page)).toBeVisible();
    expect(kit.state.channels[0].profile.draft.website).toBe('https://www.northwind.example');
    expect(kit.callsTo('saveProfile').map((c) => c.status)).toEqual([200, 401, 200]);
  });

  test('a 409 on a channel name is shown on the field, linked from the summary', async ({ page }) => {
    const message = 'You already have a channel called Sales: choose a different name';
    const kit = await mockBackend(page, {
      scenario: 'returning-customer',
      faults: { requestChannel: { status: 409, body: { code: 'conflict', message, fields: [{ field: 'name', message }] } } },
    });
    await page.goto(kit.url('/channels/new'));
    await page.getByLabel('Channel name').fill('Sales');
    await page.getByLabel('Routing script').selectOption({ label: 'WhatsApp to Sales agents' });
    await page.getByRole('button', { name: 'Request channel' }).click();
    await page.getByRole('link', { name: message }).click();
    await expect(page.getByLabel('Channel name')).toBeFocused();
    await expect(page.getByLabel('Channel name')).toHaveAccessibleDescription(new RegExp(message));
    expect(kit.state.channels).toHaveLength(1);
  });

  test('a double click on a slow confirm sends one request and links once', async ({ page }) => {
    const kit = await mockBackend(page, { scenario: 'number-registered', faults: { linkNumber: { delay: 1500 } } });
    await page.goto(kit.url('/channels/ch_support/confirm'));
    // The number and channel are chosen for the user once the lists arrive: wait for that, not for the button.
    await expect(page.getByLabel('Registered number')).toHaveValue(/^pn_/);
    await expect(page.getByLabel('Channel', { exact: true })).toHaveValue('ch_support');
    await page.getByRole('button', { name: 'Next' }).click();
    await page.getByRole('button', { name: 'Confirm' }).dblclick();
    await expect(page.getByRole('button', { name: 'Confirming…' })).toBeVisible();
    await expect(page.getByRole('heading', { level: 1, name: 'Your WhatsApp number is linked' })).toBeVisible();
    expect(kit.callsTo('POST /api/links')).toHaveLength(1);
  });
});
