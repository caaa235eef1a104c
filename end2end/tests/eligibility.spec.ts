import { test, expect, expectAccessible, logIn, apiCall, confirmFacebookBusiness, DEMO_PASSWORD, X6_EMAIL } from './fixtures';

const CONTOSO = 'admin@contoso.example';

test.describe('before you start', () => {
  // Dates are asserted as a British user in London sees them.
  test.use({ locale: 'en-GB', timezoneId: 'Europe/London' });

  test('a first-time user is pointed to the checks, and confirming the Facebook account makes them ready', async ({ loggedIn: page, backend }) => {
    const notice = page.getByRole('region', { name: 'Before you start' });
    await expect(notice).toContainText('Confirm you have a Facebook business account verified by Meta');
    await notice.getByRole('link', { name: 'Check what you need before you start' }).click();

    await expect(page.getByRole('heading', { level: 1, name: 'Before you start' })).toBeVisible();
    await expect(page.getByRole('heading', { name: /Contact-centre licence\s+Met/ })).toBeVisible();
    await expect(page.getByText('Your licence is X8.')).toBeVisible();
    await expect(page.getByRole('heading', { name: /Legal terms and conditions\s+Signed/ })).toBeVisible();
    await expect(page.getByRole('link', { name: /How to create and verify a business account/ })).toHaveAttribute('href', /facebook\.com\/business\/help/);
    await expect(page.getByRole('listitem').filter({ hasText: 'never been used with WhatsApp Business' })).toBeVisible();
    await expect(page.getByRole('heading', { name: 'Not ready yet' })).toBeVisible();
    await expectAccessible(page);

    await page.getByLabel('I have a Facebook business account verified by Meta').check();
    await expect(page.getByRole('heading', { name: 'You can start' })).toBeVisible();
    expect((await backend.state()).data.accounts[0].facebook_business_confirmed).toBe(true);
    await expectAccessible(page);

    await page.reload();
    await expect(page.getByLabel('I have a Facebook business account verified by Meta')).toBeChecked();
    await page.getByRole('link', { name: 'WhatsApp channels' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'WhatsApp channels' })).toBeVisible();
    await expect(page.getByRole('region', { name: 'Before you start' })).toHaveCount(0);
  });

  test('ticking the Facebook business account by keyboard keeps the focus on the box while it saves, and a second press meanwhile changes nothing', async ({ loggedIn: page, backend }) => {
    // The answer is held, so the save stays under way until the test lets it go.
    let answer!: () => void;
    const held = new Promise<void>((resolve) => (answer = resolve));
    await page.route('**/api/eligibility/facebook-business', async (route) => {
      await held;
      await route.continue();
    });
    await page.goto('/before-you-start');
    const box = page.getByLabel('I have a Facebook business account verified by Meta');
    await box.focus();
    await page.keyboard.press('Space');
    await expect(page.getByRole('status').filter({ hasText: /^Saving…$/ })).toBeVisible();
    await expect(box).toBeFocused();
    await page.keyboard.press('Space');
    await expect(box).toBeChecked();
    answer();
    await expect(page.getByRole('heading', { name: 'You can start' })).toBeVisible();
    await expect(box).toBeFocused();
    await expect(box).toBeChecked();
    expect((await backend.state()).data.accounts[0].facebook_business_confirmed).toBe(true);
  });

  test('un-ticking the Facebook business account takes the account back to not ready', async ({ loggedIn: page, backend }) => {
    await confirmFacebookBusiness(page);
    await page.goto('/before-you-start');
    const box = page.getByLabel('I have a Facebook business account verified by Meta');
    await expect(box).toBeChecked();
    await expect(page.getByRole('heading', { name: 'You can start' })).toBeVisible();

    await box.uncheck();
    await expect(page.getByRole('heading', { name: 'Not ready yet' })).toBeVisible();
    await expect(page.getByRole('status').filter({ hasText: 'Not ready yet' })).toContainText('Confirm you have a Facebook business account verified by Meta');
    await expect(page.getByRole('heading', { name: /A Facebook business account, verified by Meta\s+Not confirmed/ })).toBeVisible();
    expect((await backend.state()).data.accounts[0].facebook_business_confirmed).toBe(false);
    await page.reload();
    await expect(box).not.toBeChecked();
    await page.getByRole('link', { name: 'WhatsApp channels' }).click();
    await expect(page.getByRole('region', { name: 'Before you start' })).toBeVisible();
  });

  test('a licence without WhatsApp is explained and cannot start, and the backend refuses too', async ({ page, backend }) => {
    await backend.reset(DEMO_PASSWORD);
    await page.goto('/before-you-start');
    await logIn(page, X6_EMAIL);
    await expect(page.getByRole('heading', { level: 1, name: 'Before you start' })).toBeVisible();
    await expect(page.getByRole('heading', { name: 'You cannot set up WhatsApp' })).toBeVisible();
    await expect(page.getByRole('heading', { name: /Contact-centre licence\s+Not met/ })).toBeVisible();
    await expect(page.getByText('ask your account manager to upgrade your contact-centre licence to X7 or X8')).toBeVisible();
    await expect(page.getByRole('button', { name: 'Ask my sales representative' })).toHaveCount(0);
    await expect(page.getByLabel('I have a Facebook business account verified by Meta')).toHaveCount(0);
    await expectAccessible(page);

    await page.getByRole('link', { name: 'WhatsApp channels' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'WhatsApp channels' })).toBeVisible();
    await expect(page.getByRole('link', { name: 'Request a WhatsApp channel' })).toHaveCount(0);

    // Straight to the form: the page says why before anything is typed, and the backend says no.
    await page.goto('/channels/new');
    await expect(page.getByRole('status').filter({ hasText: 'You cannot request a channel yet' })).toContainText('Your contact-centre licence (X6) does not include WhatsApp');
    await expect(page.getByLabel('Channel name')).toHaveCount(0);
    const request = await apiCall(page, 'POST', '/api/channels', { name: 'Fabrikam WhatsApp', routing_script_id: 'rs_fab_main' });
    expect(request.status()).toBe(403);
    expect((await request.json()).message).toContain('Your contact-centre licence (X6) does not include WhatsApp');
    // A well-formed call from the page's own session (with its anti-CSRF token) is refused
    // for the licence, not for a missing token.
    const refusal = await apiCall(page, 'POST', '/api/eligibility/terms-request');
    expect(refusal.status()).toBe(403);
    const body = await refusal.json();
    expect(body.code).toBe('forbidden');
    expect(body.message).toContain('Your contact-centre licence (X6) does not include WhatsApp');
    expect((await backend.state()).data.channels.filter((c: any) => c.account_id === 'acc_fabrikam')).toHaveLength(0);
  });

  test('unsigned terms are requested from the sales representative once, with the date', async ({ page, backend }) => {
    await backend.reset(DEMO_PASSWORD);
    // The date shown is the backend's: hold its clock on a known day.
    await backend.freezeClock('2027-03-15T12:00:00Z');
    await page.goto('/before-you-start');
    await logIn(page, CONTOSO);
    await expect(page.getByRole('heading', { name: /Legal terms and conditions\s+Not signed/ })).toBeVisible();
    await expect(page.getByText('Your sales representative asks the Deal Desk to send them to you.')).toBeVisible();
    await page.getByRole('button', { name: 'Ask my sales representative' }).click();
    await expect(page.getByRole('heading', { name: /Legal terms and conditions\s+Requested/ })).toBeVisible();
    await expect(page.getByText('You asked your sales representative for the terms on 15 March 2027.')).toBeVisible();
    await expect(page.getByRole('button', { name: 'Ask my sales representative' })).toHaveCount(0);
    await expectAccessible(page);

    const first = (await backend.state()).data.accounts.find((a: any) => a.id === 'acc_contoso').terms;
    expect(first.state).toBe('requested');
    await backend.advanceClock(20 * 60);
    await page.reload();
    await expect(page.getByRole('heading', { name: /Legal terms and conditions\s+Requested/ })).toBeVisible();
    // Asking again (another tab, a retry) changes nothing and sends nothing.
    const again = await page.evaluate(async () => {
      const s = await (await fetch('/api/session')).json();
      const r = await fetch('/api/eligibility/terms-request', { method: 'POST', headers: { 'X-CSRF-Token': s.csrf_token } });
      return r.json();
    });
    expect(again.terms).toEqual(first);
    const requests = (await backend.mailbox()).filter((m) => m.subject === 'WhatsApp terms requested by Contoso Care');
    expect(requests).toHaveLength(1);
    await expect(page.getByRole('heading', { name: 'Not ready yet' })).toBeVisible();
  });

  test('the disclaimer and the phone number requirements, in the documentation words', async ({ loggedIn: page }) => {
    await page.goto('/before-you-start');
    const facebook = page.getByRole('region', { name: /A Facebook business account, verified by Meta/ });
    await expect(facebook).toContainText("Meta validates the Facebook business account. 8x8 is not responsible for whether Meta accepts it, and has no say over WhatsApp's terms.");
    const number = page.getByRole('region', { name: 'A phone number for WhatsApp' });
    await expect(number.getByRole('listitem')).toHaveText([
      'It can be any number, from any provider.',
      'It has never been used with WhatsApp Business (the app or the platform) before.',
      'It can receive a one-time passcode by SMS or by voice call, so WhatsApp can check you own it.',
      'Your customers can see it: it is the number they message, and they may also try to phone it.',
      'It can be a number from our own telephony: after the one-time passcode, calls to it go to your contact centre or to an automated message.',
      'It cannot be called on WhatsApp: customers can message it there, but not call it.',
    ]);
    await expect(number.getByRole('link', { name: 'How to use a number from 8x8 for WhatsApp (opens in a new tab)' }))
      .toHaveAttribute('href', 'https://docs.8x8.com/8x8WebHelp/cpaas/whatsapp-number-setup');
    await expectAccessible(page);
  });
});
