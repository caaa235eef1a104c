// Popup mode: inside the example portal, Facebook's Embedded Signup opens in a
// window of its own (as Meta's SDK opens it), which posts its result back to
// the app; the portal's page stays where it is. The app reads a message only
// from the dialog's exact origin and from the window it opened.
import { test, expect, expectAccessible, confirmFacebookBusiness, completeProfile, countRequests, type Page, type Backend } from './fixtures';
import { wasmBuilds } from './builds';
import { PORT, SCREENS, upToCode, latestCode, enterCode, logInToFacebook, givePermission, numbers } from './signup-steps';

const BASE = '/portal/whatsapp';
const DIALOG_ORIGIN = `http://localhost:${PORT}`;
const app = (page: Page) => page.locator('#whatsapp');
const EXCHANGE = /^\/api\/signup-attempts\/[^/]+\/exchange$/;

/** The portal, logged in, on the review page of the demo channel with the profile confirmed. */
async function toReview(page: Page, query = '') {
  await page.goto(BASE + query);
  await expect(app(page).getByRole('heading', { level: 1, name: 'WhatsApp channels' })).toBeVisible();
  await confirmFacebookBusiness(page);
  await completeProfile(page);
  await page.goto(`${BASE}/channels/ch_support/profile/review${query}`);
  await expect(app(page).getByRole('heading', { name: 'Profile confirmed' })).toBeVisible();
}

/** Clicks "Continue to Facebook" and returns the dialog's window. */
async function openPopup(page: Page): Promise<Page> {
  const opened = page.waitForEvent('popup');
  await app(page).getByRole('button', { name: 'Continue to Facebook' }).click();
  const popup = await opened;
  await expect(popup.getByText('Simulated Facebook dialog')).toBeVisible();
  expect(new URL(popup.url()).origin).toBe(DIALOG_ORIGIN);
  await expect(app(page).getByRole('status').filter({ hasText: 'The Facebook window is open' })).toBeVisible();
  return popup;
}

/** Runs the whole dialog in the popup, which closes itself at the end. */
async function finishInPopup(popup: Page, backend: Backend) {
  await upToCode(popup);
  await enterCode(popup, await latestCode(backend));
  await expect(popup.getByRole('heading', { level: 1, name: 'Your number +44 7400 123456 is registered with WhatsApp' })).toBeVisible();
  const closed = popup.waitForEvent('close');
  await popup.getByRole('button', { name: 'Continue' }).click();
  await closed;
}

/** The bodies of the code exchanges the page sends. */
function exchanges(page: Page): any[] {
  const bodies: any[] = [];
  page.on('request', (r) => {
    if (r.method() === 'POST' && EXCHANGE.test(new URL(r.url()).pathname)) bodies.push(r.postDataJSON());
  });
  return bodies;
}

/** The app's warnings about messages it ignored. */
function ignoredWarnings(page: Page): string[] {
  const warnings: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'warning' && m.text().includes('ignored a message')) warnings.push(m.text());
  });
  return warnings;
}

for (const order of ['ids first', 'code first'] as const) {
  test(`in a popup the portal's page stays, and the number is registered once with the ids (${order})`, async ({ page, backend }) => {
    await toReview(page);
    if (order === 'code first') {
      await backend.request.post('/api/test/facebook', { data: { mode: 'code_before_session_info' } });
    }
    const sent = exchanges(page);
    // Set on the portal's page: still there afterwards only if the page was never left.
    await page.evaluate(() => ((window as any).stayed = true));
    const popup = await openPopup(page);
    await finishInPopup(popup, backend);

    await expect(app(page).getByRole('heading', { level: 1, name: 'Your number is registered' })).toBeVisible();
    await expect(app(page)).toContainText('Facebook registered +44 7400 123456 for Northwind Bakery');
    expect(await page.evaluate(() => (window as any).stayed)).toBe(true);
    await expect(page).toHaveURL(new RegExp(`${BASE}/facebook/callback\\?state=[0-9a-f]+$`));
    const registered = await numbers(backend);
    expect(registered).toHaveLength(1);
    expect(sent).toHaveLength(1);
    expect(sent[0].session_info).toEqual({ phone_number_id: registered[0].number.id, waba_id: registered[0].number.waba_id });
    // The portal heard each step on one page: its list of events was never reset.
    const steps = await page.evaluate(() => (window as any).portal.events.filter((e: any) => e.type === 'step').map((e: any) => e.step));
    expect(steps.slice(-2)).toEqual(['profile_review', 'facebook']);
    await app(page).getByRole('link', { name: 'Choose the number and channel' }).click();
    await expect(app(page).getByRole('heading', { level: 1, name: 'Choose the number and channel' })).toBeVisible();
  });
}

/**
 * Opens the review cold (on its own first-load build), opens the Facebook window,
 * then moves to a page that build does not have: the full app takes over from
 * there. Returns the window.
 */
async function moveOnWithWindowOpen(page: Page): Promise<Page> {
  const builds = wasmBuilds(page);
  await toReview(page);
  const popup = await openPopup(page);
  await app(page).getByRole('link', { name: 'Pricing' }).click();
  await expect(app(page).getByRole('heading', { level: 1, name: 'Pricing' })).toBeVisible();
  expect(builds).toContain('review');
  expect(builds.at(-1)).toBe('whatsapp-onboarding');
  return popup;
}

test("moving on while the Facebook window is open, from a review opened cold on its own build, hands the window over: the full app shows the result", async ({ page, backend }) => {
  const sent = exchanges(page);
  const popup = await moveOnWithWindowOpen(page);
  await finishInPopup(popup, backend);
  await expect(app(page).getByRole('heading', { level: 1, name: 'Your number is registered' })).toBeVisible();
  const registered = await numbers(backend);
  expect(registered).toHaveLength(1);
  expect(sent).toHaveLength(1);
  expect(sent[0].session_info).toEqual({ phone_number_id: registered[0].number.id, waba_id: registered[0].number.waba_id });
});

test('a Facebook window closed without a word after the hand-over is still noticed by the full app, which says so and keeps the profile', async ({ page, backend }) => {
  const sent = exchanges(page);
  const popup = await moveOnWithWindowOpen(page);
  // Closed the way a crash or a killed window goes: no beforeunload, so the dialog
  // posts nothing, and only the app's look at the window can tell.
  await popup.close({ runBeforeUnload: false });
  await expect(app(page).getByRole('heading', { level: 1, name: 'The Facebook sign-up did not finish' })).toBeVisible();
  await expect(app(page)).toContainText('The Facebook window was closed before the sign-up finished. Nothing was registered.');
  await expect(app(page)).toContainText('Your business profile is saved as it was.');
  expect(sent).toEqual([]);
  expect(await numbers(backend)).toEqual([]);
});

test('messages from another origin, another window or with a malformed payload are ignored, each kind logged once', async ({ page, backend }) => {
  await toReview(page);
  const sent = exchanges(page);
  const warnings = ignoredWarnings(page);
  const popup = await openPopup(page);
  const state: string = await page.evaluate(() => JSON.parse(sessionStorage.getItem('facebook-signup')!).state);
  const forged = (code: string) => JSON.stringify({ type: 'OAUTH_CALLBACK', params: { code, state } });

  // The right window, the wrong origin: the popup sent to the portal's own origin
  // (leaving the dialog as its forms do, so its page does not report a cancel).
  // A navigation from the page itself: one from the address bar would cut the opener.
  await popup.evaluate(() => document.dispatchEvent(new Event('submit')));
  // In a task of its own, so the evaluation has returned before the page goes away
  // (an evaluation still running when its page goes fails as "context destroyed").
  await popup.evaluate((url) => void setTimeout(() => (location.href = url)), `http://127.0.0.1:${PORT}/facebook/dialog.css`);
  await popup.waitForURL(`http://127.0.0.1:${PORT}/facebook/dialog.css`);
  await popup.evaluate((m) => window.opener.postMessage(m, '*'), forged('from-the-app-origin'));
  // The right origin, another window: a second window at the dialog's origin.
  const [other] = await Promise.all([
    page.waitForEvent('popup'),
    page.evaluate((url) => window.open(url, 'other'), `${DIALOG_ORIGIN}/facebook/dialog.css`),
  ]);
  await other.waitForLoadState();
  await other.evaluate((m) => window.opener.postMessage(m, '*'), forged('from-another-window'));
  // The page itself.
  await page.evaluate((m) => window.postMessage(m, '*'), forged('from-the-page'));
  await other.close();

  // Back in the real dialog: a malformed payload, twice, then the real result.
  await popup.evaluate(() => void setTimeout(() => history.back()));
  await expect(popup.getByText('Simulated Facebook dialog')).toBeVisible();
  for (const bad of ['{"type":"WA_EMBEDDED_SIGNUP","event":"FINISH","data":42}', 'not json']) {
    await popup.evaluate((m) => window.opener.postMessage(m, '*'), bad);
  }
  await expect.poll(() => warnings.length).toBe(2);
  await expect(app(page).getByRole('status').filter({ hasText: 'The Facebook window is open' })).toBeVisible();
  expect(sent, 'nothing was exchanged').toEqual([]);

  await finishInPopup(popup, backend);
  await expect(app(page).getByRole('heading', { level: 1, name: 'Your number is registered' })).toBeVisible();
  expect(sent).toHaveLength(1);
  expect(sent[0].code).not.toMatch(/^from-/);
  expect(warnings).toHaveLength(2);
  expect(warnings.some((w) => w.includes('not from the Facebook window'))).toBe(true);
  expect(warnings.some((w) => w.includes('missing or wrong fields'))).toBe(true);
});

/** Through the dialog up to the phone step. */
async function toPhoneStep(p: Page) {
  await logInToFacebook(p);
  await givePermission(p);
  await p.getByRole('button', { name: 'Continue' }).click();
  await expect(p.getByLabel('Description')).toBeVisible();
  await p.getByRole('button', { name: 'Continue' }).click();
  await expect(p.getByRole('heading', { level: 1, name: 'Verify your phone number' })).toBeVisible();
}

const CLOSED_AT: [string, (p: Page) => Promise<void>, string][] = [
  ['the login', async () => {}, 'logging in to Facebook'],
  ['the permission', async (p) => { await logInToFacebook(p); await expect(p.getByRole('heading', { level: 1, name: SCREENS[1] })).toBeVisible(); }, 'giving permission to manage your WhatsApp Business account'],
  ['the legal business name', async (p) => { await logInToFacebook(p); await givePermission(p); }, 'confirming your legal business name'],
  ['the description', async (p) => {
    await logInToFacebook(p);
    await givePermission(p);
    await p.getByRole('button', { name: 'Continue' }).click();
    await expect(p.getByLabel('Description')).toBeVisible();
  }, 'confirming your business description'],
  ['the phone number', toPhoneStep, 'choosing how to verify your phone number'],
  ['the code', (p) => upToCode(p), 'entering the one-time code'],
];

for (const [where, reach, words] of CLOSED_AT) {
  test(`closing the popup at ${where} says so, registers nothing and keeps the profile`, async ({ page, backend }) => {
    await toReview(page);
    const sent = exchanges(page);
    const popup = await openPopup(page);
    await reach(popup);
    // The dialog's script, which says at which step it was closed, is the
    // page's last element: its heading can show before the script has run.
    await popup.waitForLoadState('load');
    await popup.close({ runBeforeUnload: true });
    await expect(app(page).getByRole('heading', { level: 1, name: 'The Facebook sign-up did not finish' })).toBeVisible();
    await expect(app(page)).toContainText(`You left it while ${words}. Nothing was registered.`);
    await expect(app(page)).toContainText('Your business profile is saved as it was.');
    expect(sent).toEqual([]);
    expect(await numbers(backend)).toEqual([]);
    await app(page).getByRole('link', { name: 'Try again' }).click();
    await expect(app(page).getByRole('button', { name: 'Continue to Facebook' })).toBeEnabled();
  });
}

test("the dialog's Cancel button says at which step; a sign-up that cannot start closes the empty window and says why", async ({ page, backend }) => {
  await toReview(page);
  const popup = await openPopup(page);
  await toPhoneStep(popup);
  const closed = popup.waitForEvent('close');
  await popup.getByRole('button', { name: 'Cancel' }).click();
  await closed;
  await expect(app(page)).toContainText('You left it while choosing how to verify your phone number.');
  expect(await numbers(backend)).toEqual([]);

  // The sign-up cannot start: the empty window is closed, and the error is said.
  await app(page).getByRole('link', { name: 'Try again' }).click();
  await backend.fault('POST', '/api/channels/ch_support/signup', { kind: 'status', status: 500 });
  const opened = page.waitForEvent('popup');
  await app(page).getByRole('button', { name: 'Continue to Facebook' }).click();
  const empty = await opened;
  await expect.poll(() => empty.isClosed()).toBe(true);
  await expect(app(page).getByText(/Something went wrong on our side/)).toBeVisible();
  await expect(app(page).getByRole('button', { name: 'Continue to Facebook' })).toBeEnabled();
});

test('a blocked popup is said plainly, and one click continues in this tab', async ({ page, backend }) => {
  // The browser refuses every new window.
  await page.addInitScript(() => {
    window.open = () => null;
  });
  await toReview(page);
  const starts = countRequests(page, 'POST', '/api/channels/ch_support/signup');
  await app(page).getByRole('button', { name: 'Continue to Facebook' }).click();
  await expect(app(page).getByRole('heading', { name: 'Your browser blocked the Facebook window' })).toBeVisible();
  expect(starts()).toBe(0);
  await expectAccessible(page);
  await app(page).getByRole('button', { name: 'Continue in this tab' }).click();
  await expect(page).toHaveURL(new RegExp(`^${DIALOG_ORIGIN}/facebook/`));
  await upToCode(page);
  await enterCode(page, await latestCode(backend));
  await page.getByRole('button', { name: 'Continue' }).click();
  await expect(app(page).getByRole('heading', { level: 1, name: 'Your number is registered' })).toBeVisible();
  await expect(page).toHaveURL(new RegExp(`${BASE}/facebook/callback\\?state=`));
  expect(starts()).toBe(1);
});

test('a double click opens one popup and starts one sign-up; clicking again shows the open window', async ({ page, context, backend }) => {
  await toReview(page);
  const starts = countRequests(page, 'POST', '/api/channels/ch_support/signup');
  let windows = 0;
  context.on('page', () => windows++);
  await app(page).getByRole('button', { name: 'Continue to Facebook' }).dblclick();
  await expect(app(page).getByRole('button', { name: 'Show the Facebook window' })).toBeEnabled();
  await app(page).getByRole('button', { name: 'Show the Facebook window' }).click();
  await expect.poll(() => starts()).toBe(1);
  expect(windows).toBe(1);
  expect((await backend.state()).data.signup_attempts).toHaveLength(1);
});

test('the redirect stays available inside the portal with facebook: redirect', async ({ page, backend }) => {
  await toReview(page, '?facebook=redirect');
  await expect(app(page)).toContainText('You will leave this site for Facebook');
  await app(page).getByRole('button', { name: 'Continue to Facebook' }).click();
  await expect(page).toHaveURL(new RegExp(`^${DIALOG_ORIGIN}/facebook/`));
  expect(await numbers(backend)).toEqual([]);
});

test("back from the Facebook window, pressed by keyboard, the focus is on the result's heading, and the next Tab goes on from there", async ({ page, backend }) => {
  await toReview(page);
  const opened = page.waitForEvent('popup');
  await app(page).getByRole('button', { name: 'Continue to Facebook' }).press('Enter');
  const popup = await opened;
  await expect(popup.getByText('Simulated Facebook dialog')).toBeVisible();
  await finishInPopup(popup, backend);
  // The button pressed went with the review, and "Finishing your WhatsApp sign-up" with the exchange: the result's heading has the focus.
  const heading = app(page).getByRole('heading', { level: 1, name: 'Your number is registered' });
  await expect(heading).toBeFocused();
  await page.keyboard.press('Tab');
  await expect(app(page).getByRole('link', { name: 'Choose the number and channel' })).toBeFocused();
});
