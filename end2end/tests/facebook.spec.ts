import { test, expect, expectAccessible, PROFILE, type Page, type Backend } from './fixtures';
import { PORT, DIALOG, PARTNER, SCREENS, toFacebook, logInToFacebook, givePermission, upToCode, latestCode, enterCode, finishRegistered, numbers } from './signup-steps';


test.describe('Facebook Embedded Signup round trip', () => {
  test('success by SMS: the number comes back registered, and the code leaves the address bar', async ({ reviewPage: page, backend }) => {
    await expectAccessible(page);
    await toFacebook(page);
    // The dialog address has Meta's shape, with every parameter.
    const url = new URL(page.url().startsWith('http') ? page.url() : '');
    expect(url.pathname).toMatch(/^\/facebook\/flow\//);
    await upToCode(page);
    await enterCode(page, await latestCode(backend));
    await finishRegistered(page);

    await expect(page.getByText('Facebook registered +44 7400 123456 for Northwind Bakery')).toBeVisible();
    expect(page.url()).not.toContain('code=');
    await expectAccessible(page);
    const state = await backend.state();
    expect(state.data.numbers).toHaveLength(1);
    const channel = state.data.channels.find((c: any) => c.channel.id === 'ch_support');
    expect(channel.channel.state).toBe('number_registered');
    expect(channel.profile.draft.description).toBe('Family bakery since 1952. Edited on Facebook.');
    const stored = await page.evaluate(() => JSON.stringify({ ...sessionStorage }) + JSON.stringify({ ...localStorage }));
    expect(stored).not.toContain('facebook password');

    await page.getByRole('link', { name: 'Choose the number and channel' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Choose the number and channel' })).toBeVisible();
  });

  test('the dialog URL carries every OAuth parameter and the pre-fill', async ({ reviewPage: page }) => {
    const request = page.waitForRequest((r) => r.url().includes('/dialog/oauth'));
    await page.getByRole('button', { name: 'Continue to Facebook' }).click();
    const url = new URL((await request).url());
    expect(url.origin).toBe(`http://localhost:${PORT}`);
    expect(url.pathname).toBe('/facebook/v21.0/dialog/oauth');
    const p = url.searchParams;
    expect(p.get('client_id')).toBe('1234567890123456');
    expect(p.get('config_id')).toBe('sim-config-1');
    expect(p.get('response_type')).toBe('code');
    expect(p.get('override_default_response_type')).toBe('true');
    expect(p.get('redirect_uri')).toBe(`http://127.0.0.1:${PORT}/facebook/callback`);
    expect(p.get('state')).toMatch(/^[0-9a-f]{64}$/);
    const extras = JSON.parse(p.get('extras')!);
    expect(extras.setup.business.name).toBe(PROFILE.business_name);
    expect(extras.setup.business.phone).toEqual({ code: '44', number: '7400123456' });
    expect(extras.setup.phone.description).toBe(PROFILE.description);
    // The tab keeps the same state for the way back (read on the app's origin).
    await expect(page).toHaveURL(DIALOG);
    await page.goBack();
    await expect(page.getByRole('heading', { level: 1, name: 'Check your profile' })).toBeVisible();
    const kept = await page.evaluate(() => sessionStorage.getItem('facebook-signup'));
    expect(JSON.parse(kept!).state).toBe(p.get('state'));
  });

  test('success by voice call', async ({ reviewPage: page, backend }) => {
    await toFacebook(page);
    await upToCode(page, 'Voice call');
    await enterCode(page, await latestCode(backend, 'WhatsApp voice call'));
    await finishRegistered(page);
    expect(await numbers(backend)).toHaveLength(1);
  });

  test('a wrong code says how many attempts are left, then the right code works', async ({ reviewPage: page, backend }) => {
    await toFacebook(page);
    await upToCode(page);
    const code = await latestCode(backend);
    await enterCode(page, code === '000000' ? '111111' : '000000');
    await expect(page.getByRole('alert').filter({ hasText: 'That code is not right. You have 2 attempts left.' })).toBeVisible();
    await enterCode(page, code);
    await finishRegistered(page);
  });

  test('an expired code can be sent again after the wait', async ({ reviewPage: page, backend }) => {
    await toFacebook(page);
    await upToCode(page);
    const first = await latestCode(backend);
    await backend.advanceClock(11 * 60);
    await enterCode(page, first);
    await expect(page.getByRole('alert').filter({ hasText: 'The code has expired: send a new code' })).toBeVisible();
    await page.getByRole('button', { name: 'Send a new code' }).click();
    const second = await latestCode(backend);
    await enterCode(page, second);
    await finishRegistered(page);
  });

  test('the dialog shows the screens in the documented order, the business and the partner before the permission', async ({ reviewPage: page, backend }) => {
    await toFacebook(page);
    const onScreen = async (n: number) => {
      await expect(page.getByRole('heading', { level: 1, name: SCREENS[n] })).toBeVisible();
      await expect(page.getByText(`Step ${n + 1} of ${SCREENS.length}`, { exact: true })).toBeVisible();
      await expect(page.getByRole('button', { name: 'Cancel' })).toBeVisible();
    };
    await onScreen(0);
    await logInToFacebook(page);
    await onScreen(1);
    // The business details, and the partner's name and image (served by the dialog, allowed by its CSP).
    await expect(page.getByRole('heading', { level: 2, name: 'Your business' })).toBeVisible();
    await expect(page.getByRole('definition').filter({ hasText: PROFILE.business_name })).toBeVisible();
    const logo = page.getByRole('img', { name: `${PARTNER} logo` });
    await expect(logo).toBeVisible();
    // Visible as soon as it has its box; loaded once its bytes have come (a busy machine can be between the two).
    await expect.poll(() => logo.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth > 0)).toBe(true);
    await expect(page.getByText(`Select Continue to give ${PARTNER} this permission.`)).toBeVisible();
    await expectAccessible(page);
    await page.getByRole('button', { name: 'Continue' }).click();
    await onScreen(2);
    await expect(page.getByRole('status')).toContainText(`${PARTNER} can now manage your WhatsApp Business account`);
    await expectAccessible(page);
    await page.getByRole('button', { name: 'Continue' }).click();
    await onScreen(3);
    await expect(page.getByLabel('Legal business name')).toHaveValue(PROFILE.business_name);
    await page.getByRole('button', { name: 'Continue' }).click();
    await onScreen(4);
    await expect(page.getByLabel('Description')).toHaveValue(PROFILE.description);
    await page.getByRole('button', { name: 'Continue' }).click();
    await onScreen(5);
    await expect(page.getByRole('group', { name: 'How should we send the code?' })).toBeVisible();
    await expect(page.getByRole('button', { name: 'Send code' })).toHaveCount(0);
    await expectAccessible(page);
    // Confirm sends the code at once.
    expect((await backend.mailbox()).filter((m) => m.subject === 'WhatsApp code')).toHaveLength(0);
    await page.getByRole('button', { name: 'Confirm' }).click();
    await onScreen(6);
    await expect(page.getByRole('status')).toContainText('The code expires in 10 minutes.');
    await enterCode(page, await latestCode(backend));
    await finishRegistered(page);
  });

  const steps: [string, (page: Page, backend: Backend) => Promise<void>][] = [
    ['log in', async () => {}],
    ['permission', async (page) => logInToFacebook(page)],
    ['permission given', async (page) => { await logInToFacebook(page); await page.getByRole('button', { name: 'Continue' }).click(); }],
    ['legal business name', async (page) => { await logInToFacebook(page); await givePermission(page); }],
    ['description', async (page) => { await logInToFacebook(page); await givePermission(page); await page.getByRole('button', { name: 'Continue' }).click(); }],
    ['phone number', async (page) => { await logInToFacebook(page); await givePermission(page); for (let i = 0; i < 2; i++) await page.getByRole('button', { name: 'Continue' }).click(); }],
    ['code', async (page) => upToCode(page)],
  ];
  for (const [name, reach] of steps) {
    test(`cancel on the ${name} step comes back with the draft intact`, async ({ reviewPage: page, backend }) => {
      await toFacebook(page);
      await reach(page, backend);
      await expect(page.getByRole('heading', { level: 1 })).toHaveText(SCREENS[steps.findIndex(([n]) => n === name)]);
      await page.getByRole('button', { name: 'Cancel' }).click();
      await expect(page.getByRole('heading', { level: 1, name: 'You cancelled the Facebook sign-up' })).toBeVisible();
      await expect(page.getByText('Your business profile is saved as it was.')).toBeVisible();
      expect(await numbers(backend)).toHaveLength(0);
      await page.getByRole('link', { name: 'Try again' }).click();
      await expect(page.getByRole('heading', { level: 1, name: 'Check your profile' })).toBeVisible();
      await expect(page.getByRole('region', { name: 'Your answers' })).toContainText(PROFILE.tagline);
      await expect(page.getByRole('button', { name: 'Continue to Facebook' })).toBeEnabled();
    });
  }

  test('a number already on WhatsApp comes back explained, with a way to change it', async ({ reviewPage: page, backend }) => {
    await backend.request.post('/api/test/facebook', { data: { mode: 'number_already_on_whatsapp' } });
    await toFacebook(page);
    await logInToFacebook(page);
    await givePermission(page);
    for (let i = 0; i < 2; i++) await page.getByRole('button', { name: 'Continue' }).click();
    await page.getByRole('button', { name: 'Confirm' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'This phone number is already registered with WhatsApp' })).toBeVisible();
    await page.getByRole('button', { name: `Return to ${PARTNER}` }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'This number is already on WhatsApp' })).toBeVisible();
    await expectAccessible(page);
    await page.getByRole('link', { name: 'Change the phone number' }).click();
    await expect(page.getByLabel('Phone number', { exact: true })).toBeFocused();
    await expect(page.getByLabel('Phone number', { exact: true })).toHaveValue(PROFILE.phone_number);
  });

  test('a code that never arrives leads back with advice to try a voice call', async ({ reviewPage: page, backend }) => {
    await backend.request.post('/api/test/facebook', { data: { mode: 'code_never_arrives' } });
    await toFacebook(page);
    await upToCode(page);
    expect((await backend.mailbox()).filter((m) => m.subject === 'WhatsApp code')).toHaveLength(0);
    await page.getByRole('button', { name: 'I did not get a code' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'The code did not arrive' })).toBeVisible();
    await expect(page.getByText(/choose Voice call instead of Text message \(SMS\)/)).toBeVisible();
  });

  test('a generic Facebook error comes back with its error id for support', async ({ reviewPage: page, backend }) => {
    await backend.request.post('/api/test/facebook', { data: { mode: 'generic_error' } });
    await toFacebook(page);
    await logInToFacebook(page);
    await page.getByRole('button', { name: 'Continue' }).click();
    const id = (await page.getByText(/Error ID: FB-/).textContent())!.match(/FB-[A-Z0-9]+/)![0];
    await page.getByRole('button', { name: `Return to ${PARTNER}` }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Facebook could not finish the sign-up' })).toBeVisible();
    await expect(page.getByText(`contact support and quote error ID ${id}`)).toBeVisible();
  });

  test('a tampered state is refused without calling the backend', async ({ reviewPage: page, backend }) => {
    await toFacebook(page);
    const exchanges: string[] = [];
    page.on('request', (r) => { if (r.url().includes('/exchange')) exchanges.push(r.url()); });
    await page.goto(`/facebook/callback?code=stolen-code&state=${'f'.repeat(64)}`);
    await expect(page.getByRole('heading', { level: 1, name: 'This sign-up link cannot be used' })).toBeVisible();
    await expect(page.getByText('It does not match the sign-up started in this browser tab')).toBeVisible();
    await expectAccessible(page);
    await page.goto('/facebook/callback?code=stolen-code');
    await expect(page.getByText('The address is incomplete')).toBeVisible();
    expect(exchanges).toEqual([]);
    expect(await numbers(backend)).toHaveLength(0);
  });

  test('a replayed or refreshed callback shows the outcome and never exchanges twice', async ({ reviewPage: page, backend, context }) => {
    await toFacebook(page);
    await upToCode(page);
    await enterCode(page, await latestCode(backend));
    await expect(page.getByRole('heading', { level: 1, name: /is registered with WhatsApp/ })).toBeVisible();
    const callback = page.waitForRequest((r) => r.url().includes('/facebook/callback?code='));
    const exchanges: string[] = [];
    page.on('request', (r) => { if (r.url().includes('/exchange')) exchanges.push(r.url()); });
    await page.getByRole('button', { name: 'Continue' }).click();
    const replay = (await callback).url();
    await expect(page.getByRole('heading', { level: 1, name: 'Your number is registered' })).toBeVisible();

    await page.reload();
    await expect(page.getByRole('heading', { level: 1, name: 'Your number is registered' })).toBeVisible();
    await page.goto(replay);
    await expect(page.getByRole('heading', { level: 1, name: 'Your number is registered' })).toBeVisible();
    await page.goBack();
    await expect(page.getByRole('heading', { level: 1, name: 'Your number is registered' })).toBeVisible();
    expect(exchanges).toHaveLength(1);

    // The same link in another tab (another browser, an attacker) does nothing.
    const other = await context.newPage();
    await other.goto(replay);
    await expect(other.getByRole('heading', { level: 1, name: 'This sign-up link cannot be used' })).toBeVisible();
    expect(await numbers(backend)).toHaveLength(1);
  });

  test('a code that expires before it is exchanged asks to start again', async ({ reviewPage: page, backend }) => {
    await toFacebook(page);
    await upToCode(page);
    await enterCode(page, await latestCode(backend));
    // The dialog issues the code; six minutes pass before the browser follows the redirect.
    await page.route((url) => url.pathname.endsWith('/registered'), async (route) => {
      if (route.request().method() !== 'POST') return route.continue();
      const response = await route.fetch({ maxRedirects: 0 });
      await backend.advanceClock(6 * 60);
      await route.fulfill({ response });
    });
    await page.getByRole('button', { name: 'Continue' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Start the Facebook sign-up again' })).toBeVisible();
    await expect(page.getByText(/expired before it reached us/)).toBeVisible();
    await page.getByRole('link', { name: 'Try again' }).click();
    await expect(page.getByRole('button', { name: 'Continue to Facebook' })).toBeVisible();
    expect(await numbers(backend)).toHaveLength(0);
  });

  test('a connection lost during the code exchange offers Try again, which finishes with one number registered', async ({ reviewPage: page, backend }) => {
    await toFacebook(page);
    await upToCode(page);
    await enterCode(page, await latestCode(backend));
    await expect(page.getByRole('heading', { level: 1, name: /is registered with WhatsApp/ })).toBeVisible();
    // The backend exchanges the code, then the connection closes without an answer (Chromium
    // resends a few times on its own, with the same idempotency key: drop those too).
    await backend.fault('POST', '/api/signup-attempts/*', { kind: 'drop' }, 20);
    await page.getByRole('button', { name: 'Continue' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'We could not finish your sign-up' })).toBeVisible();
    await expect(page.getByRole('alert')).toContainText('We could not reach the server');
    await expectAccessible(page);

    await backend.clearFaults();
    await page.getByRole('button', { name: 'Try again' }).click();
    // The first exchange did the work; trying again shows its outcome and registers nothing more.
    await expect(page.getByRole('heading', { level: 1, name: 'Your number is registered' })).toBeVisible();
    await expect(page.getByText('Facebook registered +44 7400 123456 for Northwind Bakery')).toBeVisible();
    expect(await numbers(backend)).toHaveLength(1);
  });
});
