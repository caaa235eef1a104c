// The Facebook sign-up on the kit: the app sends the browser to the stand-in
// dialog (another made-up origin), which sends it back to the app's callback with
// a code, a cancellation or "already on WhatsApp", and the state it was given.
import { test, expect, type Page } from './guard';
import { mockBackend, REGISTERED_NUMBER, PROFILE } from '../mock/index';

const DIALOG = /^https:\/\/facebook\.test\/v21\.0\/dialog\/oauth\?/;

async function toDialog(page: Page) {
  await expect(page.getByRole('heading', { name: 'Profile confirmed' })).toBeVisible();
  await page.getByRole('button', { name: 'Continue to Facebook' }).click();
  await expect(page).toHaveURL(DIALOG);
  await expect(page.getByRole('heading', { level: 1, name: `Connect ${PROFILE.business_name} to WhatsApp` })).toBeVisible();
}

test.describe('the Facebook sign-up on the mock kit', () => {
  test('the review page on the kit, where nobody has been asked yet, logs no error to the console, so a portal suite that fails on them passes', async ({ page }) => {
    const errors: string[] = [];
    page.on('console', (m) => {
      if (m.type() === 'error') errors.push(m.text());
    });
    const kit = await mockBackend(page, { scenario: 'facebook-success' });
    await page.goto(kit.url('/channels/ch_support/profile/review'));
    await expect(page.getByRole('heading', { name: 'Profile confirmed' })).toBeVisible();
    await expect(page.getByRole('button', { name: 'Ask a colleague to do the Facebook step' })).toBeVisible();
    expect(kit.callsTo('getHandoff')).toHaveLength(1);
    expect(errors).toEqual([]);
  });

  test('success: the number comes back registered, with the state the app started with', async ({ page }) => {
    const kit = await mockBackend(page, { scenario: 'facebook-success' });
    await page.goto(kit.url('/channels/ch_support/profile/review'));
    await toDialog(page);
    const state = new URL(page.url()).searchParams.get('state');
    expect(state).toMatch(/^[0-9a-f]{64}$/);
    await page.getByRole('button', { name: 'Continue' }).click();

    await expect(page.getByRole('heading', { level: 1, name: 'Your number is registered' })).toBeVisible();
    // The number as WhatsApp shows it (the kit's `display` of REGISTERED_NUMBER).
    await expect(page.getByText(`Facebook registered +44 7400 123456 for ${PROFILE.business_name}`)).toBeVisible();
    expect(page.url()).not.toContain('code=');
    expect(kit.callsTo('startSignup').map((c) => (c.body as { state: string }).state)).toEqual([state]);
    const exchanges = kit.callsTo('exchangeCode').map((c) => c.body as Record<string, string>);
    expect(exchanges.map(({ code, state, redirect_uri }) => ({ code, state, redirect_uri }))).toEqual([
      { code: 'mock-code-sa_101', state, redirect_uri: kit.url('/facebook/callback') },
    ]);
    // PKCE: the verifier the app kept hashes to the challenge the dialog got.
    expect(exchanges[0].code_verifier).toMatch(/^[0-9a-f]{64}$/);
    expect(kit.state.channels[0].channel.state).toBe('number_registered');

    await page.getByRole('link', { name: 'Choose the number and channel' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Choose the number and channel' })).toBeVisible();
    await expect(page.getByLabel('Registered number').getByRole('option')).toHaveText(['Select a number', `+44 7400 123456 (${PROFILE.business_name})`]);
  });

  test('the review of a channel whose number is registered offers the number, not Facebook', async ({ page }) => {
    const kit = await mockBackend(page, { scenario: 'number-registered' });
    await page.goto(kit.url('/channels/ch_support/profile/review'));
    await expect(page.getByRole('heading', { level: 2, name: 'Your number is registered' })).toBeVisible();
    await expect(page.getByRole('button', { name: 'Continue to Facebook' })).toHaveCount(0);
    await page.getByRole('link', { name: 'Choose the number and channel' }).click();
    await expect(page.getByLabel('Channel', { exact: true })).toHaveValue('ch_support');
    expect(kit.callsTo('startSignup')).toHaveLength(0);
  });

  test('cancel in the dialog comes back with the profile intact and a way to try again', async ({ page }) => {
    const kit = await mockBackend(page, { scenario: 'facebook-cancel' });
    await page.goto(kit.url('/channels/ch_support/profile/review'));
    await toDialog(page);
    await page.getByRole('button', { name: 'Cancel' }).click();

    await expect(page.getByRole('heading', { level: 1, name: 'You cancelled the Facebook sign-up' })).toBeVisible();
    await expect(page.getByText('Your business profile is saved as it was.')).toBeVisible();
    expect(kit.callsTo('exchangeCode')).toEqual([]);
    expect(kit.state.numbers).toEqual([]);
    await page.getByRole('link', { name: 'Try again' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Check your profile' })).toBeVisible();
    await expect(page.getByRole('region', { name: 'Your answers' })).toContainText(PROFILE.tagline);
    await expect(page.getByRole('button', { name: 'Continue to Facebook' })).toBeEnabled();
  });

  test('a number already on WhatsApp comes back explained, with a way to change it', async ({ page }) => {
    const kit = await mockBackend(page, { scenario: 'facebook-number-on-whatsapp' });
    await page.goto(kit.url('/channels/ch_support/profile/review'));
    await toDialog(page);
    await page.getByRole('button', { name: 'Continue' }).click();

    await expect(page.getByRole('heading', { level: 1, name: 'This number is already on WhatsApp' })).toBeVisible();
    await page.getByRole('link', { name: 'Change the phone number' }).click();
    await expect(page.getByLabel('Phone number', { exact: true })).toBeFocused();
    await expect(page.getByLabel('Phone number', { exact: true })).toHaveValue(PROFILE.phone_number);
    expect(kit.callsTo('exchangeCode')).toEqual([]);
  });

  test('inside the portal: from the review page through Facebook to the linked number, the host hears each step and complete', async ({ page }) => {
    const kit = await mockBackend(page, { scenario: 'facebook-success', host: true });
    // The full-page redirect; the portal's default, the popup, is the next test.
    await page.goto(kit.url('/portal/whatsapp/channels/ch_support/profile/review?facebook=redirect'));
    const app = page.locator('#whatsapp');
    await expect(app.getByRole('heading', { name: 'Profile confirmed' })).toBeVisible();
    await app.getByRole('button', { name: 'Continue to Facebook' }).click();
    await expect(page).toHaveURL(DIALOG);
    expect(new URL(page.url()).searchParams.get('redirect_uri')).toBe(kit.url('/portal/whatsapp/facebook/callback'));
    await page.getByRole('button', { name: 'Continue' }).click();

    await expect(page).toHaveURL(/\/portal\/whatsapp\/facebook\/callback\?state=/);
    await app.getByRole('link', { name: 'Choose the number and channel' }).click();
    // The number and channel are chosen for the user once the lists arrive: wait for that, not for the button.
    await expect(app.getByLabel('Registered number')).toHaveValue(/^pn_/);
    await expect(app.getByLabel('Channel', { exact: true })).toHaveValue('ch_support');
    await app.getByRole('button', { name: 'Next' }).click();
    await app.getByRole('button', { name: 'Confirm' }).click();
    await expect(app.getByRole('heading', { level: 1, name: 'Your WhatsApp number is linked' })).toBeVisible();

    const events = () => page.evaluate(() => (window as any).portal.events as { type: string; step?: string }[]);
    await expect.poll(async () => (await events()).find((e) => e.type === 'complete'))
      .toEqual({ type: 'complete', channelId: 'ch_support', phoneNumber: REGISTERED_NUMBER, readyBy: '2027-03-18' });
    // The redirect to Facebook left the portal's page: its events start again on the way back.
    expect((await events()).filter((e) => e.type === 'step').map((e) => e.step)).toEqual(['facebook', 'confirm', 'complete']);
  });

  test('inside the portal, in a popup (the default): the page stays, the number comes back with its ids', async ({ page }) => {
    const kit = await mockBackend(page, { scenario: 'facebook-success', host: true });
    await page.goto(kit.url('/portal/whatsapp/channels/ch_support/profile/review'));
    const app = page.locator('#whatsapp');
    await expect(app.getByRole('heading', { name: 'Profile confirmed' })).toBeVisible();
    const opened = page.waitForEvent('popup');
    await app.getByRole('button', { name: 'Continue to Facebook' }).click();
    const popup = await opened;
    await expect(popup).toHaveURL(DIALOG);
    expect(new URL(popup.url()).searchParams.get('display')).toBe('popup');
    const closed = popup.waitForEvent('close');
    await popup.getByRole('button', { name: 'Continue' }).click();
    await closed;

    await expect(app.getByRole('heading', { level: 1, name: 'Your number is registered' })).toBeVisible();
    await expect(page).toHaveURL(/\/portal\/whatsapp\/facebook\/callback\?state=/);
    const [exchange] = kit.callsTo('exchangeCode');
    expect((exchange.body as { session_info?: unknown }).session_info).toEqual({ phone_number_id: expect.stringMatching(/^mock_pn_/), waba_id: expect.stringMatching(/^mock_waba_/) });
  });

  test('handing the Facebook step to a colleague: the panel says who it waits for, and cancels it', async ({ page }) => {
    const kit = await mockBackend(page, { scenario: 'facebook-success' });
    await page.goto(kit.url('/channels/ch_support/profile/review'));
    await page.getByRole('button', { name: 'Ask a colleague to do the Facebook step' }).click();
    await page.getByLabel("Colleague's email").fill('fb-admin@northwind.example');
    await page.getByLabel('Message (optional)').fill('Today, please');
    await page.getByRole('button', { name: 'Send the link' }).click();
    await expect(page.getByText('Waiting for fb-admin@northwind.example')).toBeVisible();
    expect(kit.callsTo('sendHandoff').map((c) => c.body)).toEqual([{ email: 'fb-admin@northwind.example', message: 'Today, please' }]);
    await page.getByRole('button', { name: 'Cancel the request' }).click();
    await expect(page.getByText('You cancelled the request to fb-admin@northwind.example')).toBeVisible();
    expect(kit.callsTo('cancelHandoff')).toHaveLength(1);
  });
});
