import { test, expect, expectAccessible, apiCall, countRequests, PROFILE, type Backend, type Page } from './fixtures';
import { registerNumber, numbers } from './signup-steps';

/**
 * Every test here confirms on Thursday 24 December 2026 (10:00 UTC), as a British user sees it.
 * Three working days for a UK account skip Christmas Day (Friday), the weekend and the Boxing Day
 * substitute (Monday 28th): Tuesday 29, Wednesday 30, Thursday 31 December.
 */
const CONFIRMED_AT = '2026-12-24T10:00:00Z';
const READY_BY = '31 December 2026';

async function toSummary(page: Page) {
  await page.getByRole('link', { name: 'Choose the number and channel' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Choose the number and channel' })).toBeVisible();
  await expect(page.getByLabel('Registered number')).toHaveValue(/^pn_/);
  await expect(page.getByLabel('Channel', { exact: true })).toHaveValue('ch_support');
  await page.getByRole('button', { name: 'Next' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Check and confirm' })).toBeVisible();
}

test.describe('number and channel confirmation', () => {
  test.use({ clockAt: CONFIRMED_AT, locale: 'en-GB', timezoneId: 'Europe/London' });

  test('the end of the journey: preselected choices, summary, confirm, linked, listed', async ({ reviewPage: page, backend }) => {
    await registerNumber(page, backend);
    // The business address, optional, left empty since.
    expect((await apiCall(page, 'PATCH', '/api/channels/ch_support/profile', { fields: { address: '' } })).status()).toBe(200);
    await page.getByRole('link', { name: 'Choose the number and channel' }).click();
    const number = page.getByLabel('Registered number');
    await expect(number.getByRole('option')).toHaveText(['Select a number', '+44 7400 123456 (Northwind Bakery)']);
    await expect(number).not.toHaveValue('');
    await expect(page.getByLabel('Channel', { exact: true })).toHaveValue('ch_support');
    await expectAccessible(page);
    await page.getByRole('button', { name: 'Next' }).click();

    const summary = page.getByRole('region', { name: 'What will be linked' });
    for (const text of ['+44 7400 123456', 'Customer Support', 'Northwind Bakery', 'WhatsApp to Support agents', PROFILE.tagline, PROFILE.contact_email, PROFILE.website]) {
      await expect(summary).toContainText(text);
    }
    await expect(summary.getByRole('term').filter({ hasText: /^Business address$/ }).locator('xpath=following-sibling::dd[1]')).toHaveText('Not given');
    await expect(summary.getByRole('link', { name: 'Change tagline' })).toHaveAttribute('href', '/channels/ch_support/profile/account?focus=tagline');
    await expect(summary.getByRole('button', { name: 'Change registered number' })).toBeVisible();
    await expectAccessible(page);
    await page.getByRole('button', { name: 'Confirm' }).click();

    await expect(page.getByRole('heading', { level: 1, name: 'Your WhatsApp number is linked' })).toBeVisible();
    // The documentation's words, with the ready-by date.
    await expect(page.getByText(`We finish activating the number. Activation can take up to 3 working days. It will be ready by ${READY_BY}.`)).toBeVisible();
    await expectAccessible(page);
    await page.getByRole('link', { name: 'Go to your WhatsApp channels' }).click();
    const card = page.getByRole('listitem').filter({ has: page.getByRole('heading', { name: 'Customer Support' }) });
    await expect(card.getByRole('list', { name: 'Progress' }).getByRole('listitem')).toHaveText([
      /Requested \(Pending\).*done/, /Profile.*done/, /Facebook signup.*done/, /Number registered.*done/, /Activation by the provider.*current step/, /Ready.*to do/,
    ]);
    // The current step is the one assistive technology is told is current.
    await expect(card.locator('[aria-current="step"]')).toHaveText(/^Activation by the provider/);
    await expect(card).toContainText('+44 7400 123456');
    await expect(card).toContainText(`Activation can take up to 3 working days. Ready by ${READY_BY}.`);
    await expect(page.getByRole('region', { name: 'Your WhatsApp numbers' })).toContainText('+44 7400 123456 – Northwind Bakery (linked to a channel)');
    await expectAccessible(page);
    const mail = await backend.mailbox();
    expect(mail.filter((m) => m.subject === 'Customer Support: your WhatsApp number is linked')).toHaveLength(1);
  });

  test('the review opened again after the sign-up leads on to the number, then to the channels, never back to Facebook', async ({ reviewPage: page, backend }) => {
    await registerNumber(page, backend);
    // A bookmark, the history or the review's address typed again.
    await page.goto('/channels/ch_support/profile/review');
    await expect(page.getByRole('heading', { level: 2, name: 'Your number is registered' })).toBeVisible();
    await expect(page.getByRole('button', { name: 'Continue to Facebook' })).toHaveCount(0);
    await expect(page.getByRole('button', { name: 'Ask a colleague to do the Facebook step' })).toHaveCount(0);
    await expectAccessible(page);
    await toSummary(page);
    await page.getByRole('button', { name: 'Confirm' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Your WhatsApp number is linked' })).toBeVisible();

    await page.goto('/channels/ch_support/profile/review');
    await expect(page.getByRole('heading', { level: 2, name: 'This channel has its number' })).toBeVisible();
    await expect(page.getByRole('link', { name: 'Choose the number and channel' })).toHaveCount(0);
    await expect(page.getByRole('button', { name: 'Continue to Facebook' })).toHaveCount(0);
    await page.getByRole('link', { name: 'Go to your WhatsApp channels' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'WhatsApp channels' })).toBeVisible();
  });

  test('a number linked in another tab meanwhile is explained and the lists refresh', async ({ reviewPage: page, backend, context }) => {
    await registerNumber(page, backend);
    await toSummary(page);
    const other = await context.newPage();
    await other.goto('/channels/ch_support/confirm');
    await other.getByRole('button', { name: 'Next' }).click();
    await other.getByRole('button', { name: 'Confirm' }).click();
    await expect(other.getByRole('heading', { level: 1, name: 'Your WhatsApp number is linked' })).toBeVisible();

    await page.getByRole('button', { name: 'Confirm' }).click();
    await expect(page.getByRole('alert').filter({ hasText: 'This number is already linked to Customer Support. We have refreshed the lists: choose again.' })).toBeVisible();
    await expect(page.getByRole('heading', { name: 'No registered number to link' })).toBeVisible();
    await expect(page.getByRole('heading', { name: 'No channel waiting for a number' })).toBeVisible();
    await expectAccessible(page);
  });

  test('Next before the lists are in goes on once they are, with the preselected choices', async ({ reviewPage: page, backend }) => {
    await registerNumber(page, backend);
    // The registered numbers take 2 s to come: the user does not wait for them.
    await backend.fault('GET', '/api/numbers', { kind: 'delay', ms: 2_000 });
    await page.goto('/channels/ch_support/confirm');
    await expect(page.getByLabel('Registered number')).toHaveValue('');
    await page.getByRole('button', { name: 'Next' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Check and confirm' })).toBeVisible();
    await expect(page.getByRole('alert')).toHaveCount(0);
    const summary = page.getByRole('region', { name: 'What will be linked' });
    await expect(summary).toContainText('+44 7400 123456');
    await expect(summary).toContainText('Customer Support');
  });

  test('Change registered number and Change channel go back to the choice, with it kept', async ({ reviewPage: page, backend }) => {
    await registerNumber(page, backend);
    await toSummary(page);
    const summary = page.getByRole('region', { name: 'What will be linked' });
    for (const name of ['Change registered number', 'Change channel']) {
      await summary.getByRole('button', { name }).click();
      await expect(page.getByRole('heading', { level: 1, name: 'Choose the number and channel' })).toBeVisible();
      await expect(page.getByLabel('Registered number')).toHaveValue(/^pn_/);
      await expect(page.getByLabel('Channel', { exact: true })).toHaveValue('ch_support');
      await page.getByRole('button', { name: 'Next' }).click();
      await expect(page.getByRole('heading', { level: 1, name: 'Check and confirm' })).toBeVisible();
    }
    // A profile answer's Change link opens its field on the profile.
    await summary.getByRole('link', { name: 'Change contact email' }).click();
    await expect(page).toHaveURL(/\/channels\/ch_support\/profile\/contact\?focus=contact_email$/);
    await expect(page.getByLabel('Contact email')).toBeFocused();
    expect(await numbers(backend)).toHaveLength(1);
    expect((await backend.state()).data.numbers[0].number.channel_id).toBeNull();
  });

  test('a double click on a slow confirm sends one request and links once', async ({ reviewPage: page, backend }) => {
    await registerNumber(page, backend);
    await toSummary(page);
    await backend.fault('POST', '/api/links', { kind: 'delay', ms: 1500 });
    // The backend would answer a second link "already linked": count what the page sends.
    const posts = countRequests(page, 'POST', '/api/links');
    await page.getByRole('button', { name: 'Confirm' }).dblclick();
    await expect(page.getByRole('button', { name: 'Confirming…' })).toBeVisible();
    await expect(page.getByRole('heading', { level: 1, name: 'Your WhatsApp number is linked' })).toBeVisible();
    expect(posts()).toBe(1);
    const mail = await backend.mailbox();
    expect(mail.filter((m) => m.subject === 'Customer Support: your WhatsApp number is linked')).toHaveLength(1);
  });

  test('with nothing to choose, the page says why and what to do', async ({ loggedIn: page }) => {
    await page.goto('/channels/ch_support/confirm');
    await expect(page.getByRole('heading', { name: 'No registered number to link' })).toBeVisible();
    await expect(page.getByText('Register a number by completing a channel\'s profile and continuing to Facebook.')).toBeVisible();
    await page.getByRole('button', { name: 'Next' }).click();
    await expect(page.getByRole('link', { name: 'Select the registered number' })).toBeVisible();
    await expectAccessible(page);
  });

  test('activation by the provider turns the channel Ready, in the page and the title', async ({ reviewPage: page, backend }) => {
    await registerNumber(page, backend);
    await toSummary(page);
    await page.getByRole('button', { name: 'Confirm' }).click();
    await page.getByRole('link', { name: 'Go to your WhatsApp channels' }).click();
    await expect(page.getByText('Activation by the provider (current step)')).toBeVisible();

    await backend.request.post('/api/test/activate', { data: { channel_id: 'ch_support' } });
    await expect(page.getByRole('status').filter({ hasText: 'Customer Support is ready: WhatsApp conversations now reach your agents.' })).toBeVisible({ timeout: 10_000 });
    await expect(page).toHaveTitle(/^Ready: Customer Support/);
    const card = page.getByRole('listitem').filter({ has: page.getByRole('heading', { name: 'Customer Support' }) });
    await expect(card.getByText('Ready: WhatsApp conversations reach your agents.')).toBeVisible();
    expect((await backend.mailbox())[0].subject).toBe('Customer Support is ready on WhatsApp');
  });

  test('polling waits while the tab is hidden and resumes when it is shown', async ({ reviewPage: page, backend }) => {
    await registerNumber(page, backend);
    await toSummary(page);
    await page.getByRole('button', { name: 'Confirm' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Your WhatsApp number is linked' })).toBeVisible();

    await page.clock.install();
    await page.goto('/channels');
    await expect(page.getByText('Activation by the provider (current step)')).toBeVisible();
    let polls = 0;
    page.on('request', (r) => { if (new URL(r.url()).pathname === '/api/channels') polls++; });
    const setVisibility = (state: 'hidden' | 'visible') => page.evaluate((s) => {
      Object.defineProperty(document, 'visibilityState', { configurable: true, get: () => s });
      document.dispatchEvent(new Event('visibilitychange'));
    }, state);

    await page.clock.fastForward('00:05');
    await expect.poll(() => polls).toBeGreaterThan(0);
    await setVisibility('hidden');
    const before = polls;
    await page.clock.fastForward('10:00');
    // Ten minutes of timers have fired: no poll may follow, however late it would be sent.
    await expect(expect.poll(() => polls, { timeout: 2_000 }).toBeGreaterThan(before)).rejects.toThrow();

    await backend.request.post('/api/test/activate', { data: { channel_id: 'ch_support' } });
    await setVisibility('visible');
    await page.clock.fastForward('01:00');
    await expect(page.getByRole('status').filter({ hasText: 'Customer Support is ready' })).toBeVisible();
  });
});

/** `count` more channels, some in activation, on the page's own clock: the polls come when the test moves the clock. */
async function bulkChannelsOnAClock(page: Page, backend: Backend, count: number) {
  await backend.request.post('/api/test/many-channels', { data: { count } });
  await page.clock.install();
  await page.reload();
}

test.describe('an account with a thousand channels', () => {
  test('can be searched by name, number or reference and filtered by state', async ({ loggedIn: page, backend }) => {
    await backend.request.post('/api/test/many-channels', { data: { count: 1000 } });
    await page.reload();
    await expect(page.getByText('Showing 20 of 1,001 matching channels')).toBeVisible();
    await expect(page.getByRole('heading', { level: 2, name: /^Store \d{4}/ })).toHaveCount(19);
    await expectAccessible(page);

    const search = page.getByRole('searchbox', { name: 'Search channels' });
    await search.fill('Store 0999');
    await expect(page.getByRole('heading', { level: 2, name: 'Store 0999 West' })).toBeVisible();
    await expect(page.getByText('1 of 1,001 channels match')).toBeVisible();

    await search.fill('20795 00994');
    await expect(page.getByRole('heading', { level: 2, name: 'Store 0994 East' })).toBeVisible();
    await expect(page.getByText('1 of 1,001 channels match')).toBeVisible();

    await search.fill('CM-200500');
    await expect(page.getByRole('heading', { level: 2, name: 'Store 0500 North' })).toBeVisible();

    await search.fill('');
    await page.getByLabel('State').selectOption({ label: 'Ready' });
    await expect(page.getByText('Showing 20 of 166 matching channels')).toBeVisible();
    await page.getByRole('button', { name: 'Show more channels' }).click();
    await expect(page.getByText('Showing 40 of 166 matching channels')).toBeVisible();

    await search.fill('nothing like this');
    await expect(page.getByText('No channel matches. Try another search or state.')).toBeVisible();
  });

  test('a poll for channels in activation keeps the search typed so far', async ({ loggedIn: page, backend }) => {
    await bulkChannelsOnAClock(page, backend, 1000);
    let polls = 0;
    page.on('response', (r) => { if (new URL(r.url()).pathname === '/api/channels') polls++; });
    const search = page.getByRole('searchbox', { name: 'Search channels' });
    await search.fill('Store 0999');
    await expect(page.getByText('1 of 1,001 channels match')).toBeVisible();

    // Some of the thousand are in activation: the page asks for the list again.
    await page.clock.fastForward('00:05');
    await expect.poll(() => polls).toBeGreaterThan(0);
    await page.clock.fastForward('00:01');
    await expect(search).toHaveValue('Store 0999');
    await expect(page.getByRole('heading', { level: 2, name: /^Store/ })).toHaveText(['Store 0999 West']);
    await expect(page.getByText('1 of 1,001 channels match')).toBeVisible();
  });

  test('a poll that lands while the user types in the search keeps the focus and the selection', async ({ loggedIn: page, backend }) => {
    await bulkChannelsOnAClock(page, backend, 10);
    const search = page.getByRole('searchbox', { name: 'Search channels' });
    await search.click();
    await page.keyboard.type('Store');
    await page.keyboard.press('ControlOrMeta+A');

    // The provider activates Store 0004 North: the next poll's answer says so, and the
    // page announces it, which tells the test the answer has been drawn.
    await backend.request.post('/api/test/activate', { data: { channel_id: 'ch_bulk_0004' } });
    await page.clock.fastForward('00:05');
    await expect(page.getByRole('status').filter({ hasText: 'Store 0004 North is ready' })).toBeVisible();
    // What the user types next replaces the selected text, in the same box.
    await page.keyboard.type('North');
    await expect(search).toBeFocused();
    await expect(search).toHaveValue('North');
  });

  test('a poll keeps the keyboard on the card link it was on, even when it changes another card', async ({ loggedIn: page, backend }) => {
    await bulkChannelsOnAClock(page, backend, 10);
    const link = page.getByRole('link', { name: 'Continue to Facebook for Store 0002 East' });
    await link.focus();
    await expect(link).toBeFocused();

    // The provider activates Store 0004 North: the next poll's answer changes that card
    // (and the page announces it, which tells the test the answer has been drawn).
    await backend.request.post('/api/test/activate', { data: { channel_id: 'ch_bulk_0004' } });
    await page.clock.fastForward('00:05');
    await expect(page.getByRole('status').filter({ hasText: 'Store 0004 North is ready' })).toBeVisible();
    await expect(page.getByRole('listitem').filter({ has: page.getByRole('heading', { level: 2, name: 'Store 0004 North' }) })).toContainText('Ready');
    // The user was on a link of another card: they still are, and Enter follows it.
    await expect(link).toBeFocused();
    await page.keyboard.press('Enter');
    await expect(page).toHaveURL(/\/channels\/ch_bulk_0002\/profile\/review$/);
  });

  test('a poll that fails keeps the list and the search on screen, says so, and the next poll catches up', async ({ loggedIn: page, backend }) => {
    await bulkChannelsOnAClock(page, backend, 10);
    const search = page.getByRole('searchbox', { name: 'Search channels' });
    await search.fill('Store 0004');
    const card = page.getByRole('heading', { level: 2, name: 'Store 0004 North' });
    await expect(card).toBeVisible();

    await backend.fault('GET', '/api/channels', { kind: 'status', status: 500 });
    await page.clock.fastForward('00:05');
    const failed = page.getByRole('status').filter({ hasText: 'We could not check your channels for changes.' });
    await expect(failed).toBeVisible();
    await expect(card).toBeVisible();
    await expect(search).toHaveValue('Store 0004');
    await expect(page.getByText('We could not load your channels.')).toHaveCount(0);

    // Meanwhile the provider activates it: the next poll, a little later, says so.
    await backend.request.post('/api/test/activate', { data: { channel_id: 'ch_bulk_0004' } });
    await page.clock.fastForward('00:10');
    await expect(page.getByRole('status').filter({ hasText: 'Store 0004 North is ready' })).toBeVisible();
    await expect(failed).toHaveCount(0);
  });

  test('each channel offers its next step in one click', async ({ loggedIn: page, backend }) => {
    await backend.request.post('/api/test/many-channels', { data: { count: 12 } });
    await page.reload();
    const card = (name: string) => page.getByRole('listitem').filter({ has: page.getByRole('heading', { level: 2, name }) });
    await expect(card('Store 0000 North').getByRole('link', { name: 'Set up the WhatsApp profile for Store 0000 North' })).toBeVisible();
    await expect(card('Store 0002 East').getByRole('link', { name: 'Continue to Facebook for Store 0002 East' })).toHaveAttribute('href', '/channels/ch_bulk_0002/profile/review');
    await expect(card('Store 0003 West').getByRole('link', { name: 'Choose the number for this channel for Store 0003 West' })).toHaveAttribute('href', '/channels/ch_bulk_0003/confirm');
    await expect(card('Store 0004 North').getByRole('link')).toHaveCount(0);
    await card('Store 0001 South').getByRole('link', { name: /Continue the WhatsApp profile/ }).click();
    await expect(page).toHaveURL(/\/channels\/ch_bulk_0001\/profile/);
  });
});
