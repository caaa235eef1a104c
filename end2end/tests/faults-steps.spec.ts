// The fault matrix's rows for the signed-in steps (see the README's "The fault matrix"):
// confirming the Facebook business account, starting the sign-up, exchanging the code,
// confirming the number, and the cells left over from the other rows. Each case ends
// with the user told what happened, what they entered still there, and exactly one
// effect on the backend (read through the test state endpoint).
import { test, expect, logIn, countRequests, completeProfile, DEMO_PASSWORD, PROFILE, type Page, type Backend } from './fixtures';
import { toFacebook, upToCode, latestCode, enterCode, registerNumber, numbers, DIALOG } from './signup-steps';
import { png } from './images';

// The message quotes the failure's reference for support.
const SERVER = /Something went wrong on our side\. Try again; if it keeps happening, contact support and quote ERR-/;
const OFFLINE = 'We could not reach the server. Check your connection and try again; nothing you entered is lost.';
const SESSION_ENDED = 'Your session ended. Log in again to carry on where you were';

async function account(backend: Backend) {
  return (await backend.state()).data.accounts.find((a: any) => a.id === 'acc_northwind');
}

async function sessions(backend: Backend) {
  return (await backend.state()).data.sessions.length as number;
}

// ---------------------------------------------------------------------------------------
// Confirm the Facebook business account: a checkbox on "Before you start" that saves at once.

const FB_CONFIRM = '/api/eligibility/facebook-business';
const fbBox = (page: Page) => page.getByLabel('I have a Facebook business account verified by Meta');
const notConfirmed = (page: Page) => page.getByRole('heading', { name: /A Facebook business account, verified by Meta\s+Not confirmed/ });
const canStart = (page: Page) => page.getByRole('heading', { name: 'You can start' });

async function openChecks(page: Page) {
  await page.goto('/before-you-start');
  await expect(page.getByRole('heading', { level: 1, name: 'Before you start' })).toBeVisible();
  await expect(notConfirmed(page)).toBeVisible();
  await expect(fbBox(page)).not.toBeChecked();
}

test.describe('confirm the Facebook business account, when things go wrong', () => {
  test('a 500 says so with its reference, the box shows it is not confirmed, and ticking again confirms once', async ({ loggedIn: page, backend }) => {
    await openChecks(page);
    await backend.fault('POST', FB_CONFIRM, { kind: 'status', status: 500 });
    const posts = countRequests(page, 'POST', FB_CONFIRM);
    await fbBox(page).click();
    await expect(page.getByRole('alert')).toContainText(SERVER);
    // The box says what the backend holds, not what failed to save.
    await expect(fbBox(page)).not.toBeChecked();
    await expect(notConfirmed(page)).toBeVisible();
    expect((await account(backend)).facebook_business_confirmed).toBe(false);

    await fbBox(page).click();
    await expect(canStart(page)).toBeVisible();
    await expect(fbBox(page)).toBeChecked();
    await expect(page.getByRole('alert')).toHaveCount(0);
    expect(posts()).toBe(2);
    expect((await account(backend)).facebook_business_confirmed).toBe(true);
  });

  test('a double click on a slow answer sends one request and confirms once', async ({ loggedIn: page, backend }) => {
    await openChecks(page);
    await backend.fault('POST', FB_CONFIRM, { kind: 'delay', ms: 1500 });
    const posts = countRequests(page, 'POST', FB_CONFIRM);
    await fbBox(page).dblclick();
    await expect(page.getByRole('status').filter({ hasText: 'Saving…' })).toBeVisible();
    await expect(canStart(page)).toBeVisible();
    await expect(fbBox(page)).toBeChecked();
    expect(posts()).toBe(1);
    expect((await account(backend)).facebook_business_confirmed).toBe(true);
  });

  test('offline, the tick is not saved and the page says so; back online, ticking confirms once', async ({ loggedIn: page, backend, context }) => {
    await openChecks(page);
    await context.setOffline(true);
    await fbBox(page).click();
    await expect(page.getByRole('alert')).toContainText(OFFLINE);
    await expect(fbBox(page)).not.toBeChecked();
    expect((await account(backend)).facebook_business_confirmed).toBe(false);

    await context.setOffline(false);
    const posts = countRequests(page, 'POST', FB_CONFIRM);
    await fbBox(page).click();
    await expect(canStart(page)).toBeVisible();
    await expect(page.getByRole('alert')).toHaveCount(0);
    expect(posts()).toBe(1);
    expect((await account(backend)).facebook_business_confirmed).toBe(true);
  });

  test('a session that ends as the box is ticked sends the user to log in and back to the checks, where ticking confirms once', async ({ loggedIn: page, backend }) => {
    await openChecks(page);
    await backend.expireSessions();
    await fbBox(page).click();
    await expect(page).toHaveURL(/\/login\?next=%2Fbefore-you-start&expired=1$/);
    await expect(page.getByText(SESSION_ENDED)).toBeVisible();
    expect((await account(backend)).facebook_business_confirmed).toBe(false);

    await logIn(page);
    await expect(page).toHaveURL(/\/before-you-start$/);
    // The tick never reached the backend: the page says so instead of pretending.
    await expect(notConfirmed(page)).toBeVisible();
    await expect(fbBox(page)).not.toBeChecked();
    await fbBox(page).click();
    await expect(canStart(page)).toBeVisible();
    expect((await account(backend)).facebook_business_confirmed).toBe(true);
  });

  test('a reload while the tick is being saved shows what the backend holds, and ticking again confirms once', async ({ loggedIn: page, backend }) => {
    await openChecks(page);
    // Slow enough to reload before it arrives: the reload abandons the request, and the
    // backend, whose connection closes, never acts on it.
    await backend.fault('POST', FB_CONFIRM, { kind: 'delay', ms: 3000 });
    await fbBox(page).click();
    await expect(page.getByRole('status').filter({ hasText: 'Saving…' })).toBeVisible();
    await page.reload();
    await expect(notConfirmed(page)).toBeVisible();
    await expect(fbBox(page)).not.toBeChecked();
    expect((await account(backend)).facebook_business_confirmed).toBe(false);

    const posts = countRequests(page, 'POST', FB_CONFIRM);
    await fbBox(page).click();
    await expect(canStart(page)).toBeVisible();
    await page.reload();
    await expect(fbBox(page)).toBeChecked();
    expect(posts()).toBe(1);
    expect((await account(backend)).facebook_business_confirmed).toBe(true);
  });

  test('Back and Forward after confirming show it confirmed and send nothing again', async ({ loggedIn: page, backend }) => {
    await openChecks(page);
    const posts = countRequests(page, 'POST', FB_CONFIRM);
    await fbBox(page).click();
    await expect(canStart(page)).toBeVisible();
    await page.getByRole('link', { name: 'Request a WhatsApp channel' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Request a WhatsApp channel' })).toBeVisible();

    await page.goBack();
    await expect(page.getByRole('heading', { level: 1, name: 'Before you start' })).toBeVisible();
    await expect(canStart(page)).toBeVisible();
    await expect(fbBox(page)).toBeChecked();
    await page.goForward();
    await expect(page.getByRole('heading', { level: 1, name: 'Request a WhatsApp channel' })).toBeVisible();
    expect(posts()).toBe(1);
    expect((await account(backend)).facebook_business_confirmed).toBe(true);
  });
});

// ---------------------------------------------------------------------------------------
// Start the sign-up: "Continue to Facebook" on the review page (the whole page goes to the dialog).

const SIGNUP = '/api/channels/ch_support/signup';
const DIALOG_OPEN = '/facebook/v21.0/dialog/oauth';
const continueButton = (page: Page) => page.getByRole('button', { name: 'Continue to Facebook' });

async function attempts(backend: Backend) {
  return (await backend.state()).data.signup_attempts.filter((a: any) => a.channel_id === 'ch_support').length as number;
}

/** The review page still shows every answer. */
async function answersKept(page: Page) {
  const answers = page.getByRole('region', { name: 'Your answers' });
  for (const value of [PROFILE.business_name, PROFILE.tagline, PROFILE.description]) await expect(answers).toContainText(value);
}

test.describe('start the sign-up (Continue to Facebook), when things go wrong', () => {
  test('a 500 says so with its reference and stays on the review; trying again opens Facebook with one attempt', async ({ reviewPage: page, backend }) => {
    await backend.fault('POST', SIGNUP, { kind: 'status', status: 500 });
    await continueButton(page).click();
    await expect(page.getByRole('alert')).toContainText(SERVER);
    await expect(continueButton(page)).toBeEnabled();
    await answersKept(page);
    expect(await attempts(backend)).toBe(0);

    await toFacebook(page);
    expect(await attempts(backend)).toBe(1);
  });

  test('a double click on a slow answer starts one attempt and opens Facebook once', async ({ reviewPage: page, backend }) => {
    await backend.fault('POST', SIGNUP, { kind: 'delay', ms: 1500 });
    const posts = countRequests(page, 'POST', SIGNUP);
    const opened = countRequests(page, 'GET', DIALOG_OPEN);
    await continueButton(page).dblclick();
    await expect(page.getByRole('button', { name: 'Opening Facebook…' })).toBeDisabled();
    await expect(page).toHaveURL(DIALOG);
    await expect(page.getByText('Simulated Facebook dialog')).toBeVisible();
    expect(posts()).toBe(1);
    expect(opened()).toBe(1);
    expect(await attempts(backend)).toBe(1);
  });

  test('offline, it says so and stays on the review; back online, Continue opens Facebook with one attempt', async ({ reviewPage: page, backend, context }) => {
    await context.setOffline(true);
    await continueButton(page).click();
    await expect(page.getByRole('alert')).toContainText(OFFLINE);
    await expect(continueButton(page)).toBeEnabled();
    await answersKept(page);
    expect(await attempts(backend)).toBe(0);

    await context.setOffline(false);
    await toFacebook(page);
    expect(await attempts(backend)).toBe(1);
  });

  test('a connection dropped after the backend started the attempt: Continue again sends the same state and opens Facebook with that one attempt', async ({ reviewPage: page, backend }) => {
    // The backend answers, and the page never hears it (the browser itself sends a POST
    // again when a kept-alive connection drops, so the fault switch cannot stage this).
    await page.route(`**${SIGNUP}`, async (route) => {
      await route.fetch();
      await route.abort('connectionreset');
    }, { times: 1 });
    const posts = countRequests(page, 'POST', SIGNUP);
    await continueButton(page).click();
    await expect(page.getByRole('alert')).toContainText(OFFLINE);
    await expect(continueButton(page)).toBeEnabled();
    expect(await attempts(backend)).toBe(1);

    await toFacebook(page);
    expect(posts()).toBe(2);
    expect(await attempts(backend)).toBe(1);
  });

  test('a session that ends before Continue sends the user to log in and back to the review, then to Facebook with one attempt', async ({ reviewPage: page, backend }) => {
    await backend.expireSessions();
    await continueButton(page).click();
    await expect(page).toHaveURL(/\/login\?next=%2Fchannels%2Fch_support%2Fprofile%2Freview&expired=1$/);
    await expect(page.getByText(SESSION_ENDED)).toBeVisible();
    expect(await attempts(backend)).toBe(0);

    await logIn(page);
    await expect(page).toHaveURL(/\/channels\/ch_support\/profile\/review$/);
    await answersKept(page);
    await toFacebook(page);
    expect(await attempts(backend)).toBe(1);
  });

  test('a number registered in another tab meanwhile is explained, no attempt starts, and the channels page offers the next step', async ({ reviewPage: page, backend, context }) => {
    const other = await context.newPage();
    await other.goto('/channels/ch_support/profile/review');
    await registerNumber(other, backend);
    await other.close();
    const before = await attempts(backend);

    await continueButton(page).click();
    const alert = page.getByRole('alert');
    await expect(alert).toContainText('This channel already has a number registered with WhatsApp: continue with that number');
    await expect(page).toHaveURL(/\/channels\/ch_support\/profile\/review$/);
    expect(await attempts(backend)).toBe(before);
    expect(await numbers(backend)).toHaveLength(1);

    await alert.getByRole('link', { name: 'Go to your WhatsApp channels' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'WhatsApp channels' })).toBeVisible();
    await expect(page.getByRole('link', { name: 'Choose the number for this channel for Customer Support' })).toHaveAttribute('href', '/channels/ch_support/confirm');
  });

  test('a reload while Facebook is opening comes back to the review, and Continue then starts one attempt', async ({ reviewPage: page, backend }) => {
    // Slow enough to reload before it arrives: the backend, whose connection closes, never acts on it.
    await backend.fault('POST', SIGNUP, { kind: 'delay', ms: 3000 });
    await continueButton(page).click();
    await expect(page.getByRole('button', { name: 'Opening Facebook…' })).toBeDisabled();
    await page.reload();
    await expect(page.getByRole('heading', { name: 'Profile confirmed' })).toBeVisible();
    await expect(continueButton(page)).toBeEnabled();
    await answersKept(page);
    expect(await attempts(backend)).toBe(0);

    await toFacebook(page);
    expect(await attempts(backend)).toBe(1);
  });
});

// ---------------------------------------------------------------------------------------
// Exchange the code: the callback page, back from the dialog.

const EXCHANGE = '/api/signup-attempts/*';

/** Through the dialog to its last screen, where Continue goes back to the app with a code. */
async function upToCallback(page: Page, backend: Backend) {
  await toFacebook(page);
  await upToCode(page);
  await enterCode(page, await latestCode(backend));
  await expect(page.getByRole('heading', { level: 1, name: /is registered with WhatsApp/ })).toBeVisible();
}

function countExchanges(page: Page): () => number {
  let n = 0;
  page.on('request', (r) => {
    if (r.method() === 'POST' && /^\/api\/signup-attempts\/[^/]+\/exchange$/.test(new URL(r.url()).pathname)) n++;
  });
  return () => n;
}

async function editedOnFacebook(backend: Backend) {
  const channel = (await backend.state()).data.channels.find((c: any) => c.channel.id === 'ch_support');
  return channel.profile.draft.description;
}

test.describe('exchange the code, when things go wrong', () => {
  test('a 500 says so with its reference, and Try again registers one number', async ({ reviewPage: page, backend }) => {
    await upToCallback(page, backend);
    await backend.fault('POST', EXCHANGE, { kind: 'status', status: 500 });
    const exchanges = countExchanges(page);
    await page.getByRole('button', { name: 'Continue' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'We could not finish your sign-up' })).toBeVisible();
    await expect(page.getByRole('alert')).toContainText(SERVER);
    expect(await numbers(backend)).toHaveLength(0);

    await page.getByRole('button', { name: 'Try again' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Your number is registered' })).toBeVisible();
    expect(exchanges()).toBe(2);
    expect(await numbers(backend)).toHaveLength(1);
    // What the user edited on Facebook arrived with it.
    expect(await editedOnFacebook(backend)).toBe('Family bakery since 1952. Edited on Facebook.');
  });

  test('a 401 during the exchange sends the user to log in and back, and the sign-up finishes with one number', async ({ reviewPage: page, backend }) => {
    await upToCallback(page, backend);
    // The session ends for real while the exchange is on its way, so the backend answers it
    // 401 (a 401 put on the exchange alone, with the session still good, would find the user
    // logged in again once the login page has loaded).
    await backend.fault('POST', EXCHANGE, { kind: 'delay', ms: 1500 });
    const exchanges = countExchanges(page);
    const sent = page.waitForRequest((r) => r.method() === 'POST' && new URL(r.url()).pathname.endsWith('/exchange'));
    await page.getByRole('button', { name: 'Continue' }).click();
    await sent;
    await backend.expireSessions();
    await expect(page).toHaveURL(/\/login\?next=%2Ffacebook%2Fcallback.*&expired=1$/);
    await expect(page.getByText(SESSION_ENDED)).toBeVisible();
    expect(await numbers(backend)).toHaveLength(0);

    await logIn(page);
    await expect(page.getByRole('heading', { level: 1, name: 'Your number is registered' })).toBeVisible();
    await expect(page.getByText('Facebook registered +44 7400 123456 for Northwind Bakery')).toBeVisible();
    expect(page.url()).not.toContain('code=');
    expect(exchanges()).toBe(2);
    expect(await numbers(backend)).toHaveLength(1);
    expect(await editedOnFacebook(backend)).toBe('Family bakery since 1952. Edited on Facebook.');
  });

  test('a slow exchange says it is finishing, then registers one number with one request', async ({ reviewPage: page, backend }) => {
    await upToCallback(page, backend);
    await backend.fault('POST', EXCHANGE, { kind: 'delay', ms: 1500 });
    const exchanges = countExchanges(page);
    await page.getByRole('button', { name: 'Continue' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Finishing your WhatsApp sign-up' })).toBeVisible();
    await expect(page.getByRole('status').filter({ hasText: 'Checking what Facebook sent back…' })).toBeVisible();
    await expect(page.getByRole('heading', { level: 1, name: 'Your number is registered' })).toBeVisible();
    expect(exchanges()).toBe(1);
    expect(await numbers(backend)).toHaveLength(1);
  });
});

// ---------------------------------------------------------------------------------------
// Confirm the number: link the registered number to the channel.

const LINK = '/api/links';

async function toSummary(page: Page) {
  await page.getByRole('link', { name: 'Choose the number and channel' }).click();
  await expect(page.getByLabel('Registered number')).toHaveValue(/^pn_/);
  await expect(page.getByLabel('Channel', { exact: true })).toHaveValue('ch_support');
  await page.getByRole('button', { name: 'Next' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Check and confirm' })).toBeVisible();
}

/** The summary still shows the number and channel chosen. */
async function choicesKept(page: Page) {
  await expect(page.getByRole('heading', { level: 1, name: 'Check and confirm' })).toBeVisible();
  const summary = page.getByRole('region', { name: 'What will be linked' });
  await expect(summary).toContainText('+44 7400 123456');
  await expect(summary).toContainText('Customer Support');
}

async function linkedOnce(page: Page, backend: Backend) {
  await expect(page.getByRole('heading', { level: 1, name: 'Your WhatsApp number is linked' })).toBeVisible();
  const linked = (await numbers(backend)).map((n: any) => n.number.channel_id);
  expect(linked).toEqual(['ch_support']);
  const mail = (await backend.mailbox()).filter((m) => m.subject === 'Customer Support: your WhatsApp number is linked');
  expect(mail).toHaveLength(1);
}

test.describe('confirm the number, when things go wrong', () => {
  test('a 500 says so with its reference, keeps the choices, and confirming again links once', async ({ reviewPage: page, backend }) => {
    await registerNumber(page, backend);
    await toSummary(page);
    await backend.fault('POST', LINK, { kind: 'status', status: 500 });
    const posts = countRequests(page, 'POST', LINK);
    await page.getByRole('button', { name: 'Confirm' }).click();
    await expect(page.getByRole('alert')).toContainText(SERVER);
    await choicesKept(page);
    expect((await numbers(backend))[0].number.channel_id).toBeNull();

    await page.getByRole('button', { name: 'Confirm' }).click();
    await linkedOnce(page, backend);
    expect(posts()).toBe(2);
  });

  test('offline, it says so and keeps the choices; back online, confirming links once', async ({ reviewPage: page, backend, context }) => {
    await registerNumber(page, backend);
    await toSummary(page);
    await context.setOffline(true);
    await page.getByRole('button', { name: 'Confirm' }).click();
    await expect(page.getByRole('alert')).toContainText(OFFLINE);
    await choicesKept(page);
    expect((await numbers(backend))[0].number.channel_id).toBeNull();

    await context.setOffline(false);
    await page.getByRole('button', { name: 'Confirm' }).click();
    await linkedOnce(page, backend);
  });
});

// ---------------------------------------------------------------------------------------
// The cells left over from the other rows.

const SET_PASSWORD = 'Set password and log in';

async function fillPasswords(page: Page) {
  await page.getByLabel('New password', { exact: true }).fill(DEMO_PASSWORD);
  await page.getByLabel('Confirm new password').fill(DEMO_PASSWORD);
}

/** Counts the page's POSTs to its set-password link (the token is part of the path). */
function countPasswordPosts(page: Page): () => number {
  let n = 0;
  page.on('request', (r) => {
    if (r.method() === 'POST' && new URL(r.url()).pathname.startsWith('/api/password-links/')) n++;
  });
  return () => n;
}

async function passwordsKept(page: Page) {
  await expect(page.getByLabel('New password', { exact: true })).toHaveValue(DEMO_PASSWORD);
  await expect(page.getByLabel('Confirm new password')).toHaveValue(DEMO_PASSWORD);
}

test.describe('set a password, when things go wrong', () => {
  test('offline, it says so and keeps both passwords; back online, it sets the password once', async ({ page, backend, context }) => {
    await page.goto(await backend.passwordLink());
    await fillPasswords(page);
    await context.setOffline(true);
    await page.getByRole('button', { name: SET_PASSWORD }).click();
    await expect(page.getByRole('alert')).toContainText(OFFLINE);
    await passwordsKept(page);
    expect(await sessions(backend)).toBe(0);

    await context.setOffline(false);
    await page.getByRole('button', { name: SET_PASSWORD }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'WhatsApp channels' })).toBeVisible();
    expect(await sessions(backend)).toBe(1);
  });

  test('a reload keeps the link working; the passwords, never stored, are typed again and set once', async ({ page, backend }) => {
    await page.goto(await backend.passwordLink());
    await fillPasswords(page);
    await page.reload();
    await expect(page.getByRole('heading', { level: 1, name: 'Set your password' })).toBeVisible();
    // A password is secret: it is kept in memory only, so a reload empties the fields.
    await expect(page.getByLabel('New password', { exact: true })).toHaveValue('');
    const stored = await page.evaluate(() => JSON.stringify({ ...sessionStorage }) + JSON.stringify({ ...localStorage }));
    expect(stored).not.toContain(DEMO_PASSWORD);

    const posts = countPasswordPosts(page);
    await fillPasswords(page);
    await page.getByRole('button', { name: SET_PASSWORD }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'WhatsApp channels' })).toBeVisible();
    expect(posts()).toBe(1);
    expect(await sessions(backend)).toBe(1);
  });

  test('Back after setting the password never returns to the used link, and Forward is still logged in, with one session', async ({ page, backend }) => {
    await page.goto(await backend.passwordLink());
    const posts = countPasswordPosts(page);
    await fillPasswords(page);
    await page.getByRole('button', { name: SET_PASSWORD }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'WhatsApp channels' })).toBeVisible();
    await page.getByRole('link', { name: 'Request a WhatsApp channel' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Request a WhatsApp channel' })).toBeVisible();

    await page.goBack();
    await expect(page.getByRole('heading', { level: 1, name: 'WhatsApp channels' })).toBeVisible();
    // The used link was replaced in the history: one more Back leaves the app.
    await page.goBack();
    await expect(page).toHaveURL('about:blank');
    await expect(page.getByLabel('New password', { exact: true })).toHaveCount(0);
    await page.goForward();
    await expect(page.getByRole('heading', { level: 1, name: 'WhatsApp channels' })).toBeVisible();
    await expect(page.getByRole('button', { name: 'Log out' })).toBeVisible();
    expect(posts()).toBe(1);
    expect(await sessions(backend)).toBe(1);
  });
});

test.describe('log in, Back and Forward', () => {
  test('Back after logging in never shows the filled form, Forward is still logged in, with one session', async ({ page, backend }) => {
    await backend.reset(DEMO_PASSWORD);
    await page.goto('/channels');
    await expect(page).toHaveURL(/\/login\?next=%2Fchannels$/);
    const posts = countRequests(page, 'POST', '/api/session');
    await logIn(page);
    await expect(page.getByRole('heading', { level: 1, name: 'WhatsApp channels' })).toBeVisible();
    await page.getByRole('link', { name: 'Request a WhatsApp channel' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Request a WhatsApp channel' })).toBeVisible();

    await page.goBack();
    await expect(page.getByRole('heading', { level: 1, name: 'WhatsApp channels' })).toBeVisible();
    // The login page was replaced in the history: one more Back leaves the app.
    await page.goBack();
    await expect(page).toHaveURL('about:blank');
    await expect(page.getByLabel('Password', { exact: true })).toHaveCount(0);
    await page.goForward();
    await page.goForward();
    await expect(page.getByRole('heading', { level: 1, name: 'Request a WhatsApp channel' })).toBeVisible();
    await expect(page.getByRole('button', { name: 'Log out' })).toBeVisible();
    expect(posts()).toBe(1);
    expect(await sessions(backend)).toBe(1);
  });
});

const UPLOAD = '/api/channels/ch_support/profile/picture';
const fileInput = (page: Page) => page.getByLabel('Profile picture', { exact: true });
const pictureStatus = (page: Page, text: string) => page.getByRole('status').filter({ hasText: text });

async function openContactPage(page: Page) {
  await page.goto('/channels/ch_support/profile/contact');
  await expect(page.getByRole('heading', { level: 1, name: 'Contact details and picture' })).toBeVisible();
}

async function storedPictures(backend: Backend): Promise<string[]> {
  return Object.keys((await backend.state()).data.pictures ?? {});
}

async function draftPicture(backend: Backend): Promise<string | null> {
  const record = (await backend.state()).data.channels.find((c: any) => c.channel.id === 'ch_support');
  return record.profile.draft.picture_id ?? null;
}

/** Exactly one picture on the backend, and it is the draft's. */
async function onePicture(backend: Backend) {
  const pictures = await storedPictures(backend);
  expect(pictures).toHaveLength(1);
  expect(await draftPicture(backend)).toBe(pictures[0]);
  return pictures[0];
}

test.describe('upload the picture, when things go wrong', () => {
  test('offline, the upload says it failed and keeps the crop; back online, Try again stores one picture', async ({ profilePage: page, backend, context }) => {
    await openContactPage(page);
    await fileInput(page).setInputFiles(png(800, 600));
    await expect(pictureStatus(page, 'Picture checked')).toBeVisible();
    await context.setOffline(true);
    await page.getByRole('button', { name: 'Upload picture' }).click();
    await expect(page.getByText(`The upload failed: ${OFFLINE}`)).toBeVisible();
    await expect(page.getByRole('img', { name: /The square that will be your profile picture/ })).toBeVisible();
    expect(await storedPictures(backend)).toHaveLength(0);

    await context.setOffline(false);
    await page.getByRole('button', { name: 'Try the upload again' }).click();
    await expect(pictureStatus(page, 'Picture uploaded')).toBeVisible();
    await onePicture(backend);
  });

  test('a double click on Upload picture sends one upload and stores one picture', async ({ profilePage: page, backend }) => {
    await openContactPage(page);
    await backend.fault('POST', UPLOAD, { kind: 'delay', ms: 1500 });
    const uploads = countRequests(page, 'POST', UPLOAD);
    await fileInput(page).setInputFiles(png(800, 600));
    await expect(pictureStatus(page, 'Picture checked')).toBeVisible();
    await page.getByRole('button', { name: 'Upload picture' }).dblclick();
    await expect(page.getByRole('button', { name: 'Uploading…' })).toBeVisible();
    await expect(pictureStatus(page, 'Picture uploaded')).toBeVisible();
    expect(uploads()).toBe(1);
    await onePicture(backend);
  });

  test('a reload during a slow upload shows no picture until one is stored, and uploading again stores one', async ({ profilePage: page, backend }) => {
    await openContactPage(page);
    // Slow enough to reload before it arrives: the backend, whose connection closes, never stores it.
    await backend.fault('POST', UPLOAD, { kind: 'delay', ms: 3000 });
    await fileInput(page).setInputFiles(png(800, 600));
    await page.getByRole('button', { name: 'Upload picture' }).click();
    await expect(page.getByRole('button', { name: 'Uploading…' })).toBeVisible();
    await page.reload();
    await expect(page.getByRole('heading', { level: 1, name: 'Contact details and picture' })).toBeVisible();
    await expect(page.getByRole('img', { name: 'Your current profile picture' })).toHaveCount(0);
    expect(await storedPictures(backend)).toHaveLength(0);

    await fileInput(page).setInputFiles(png(800, 600));
    await page.getByRole('button', { name: 'Upload picture' }).click();
    await expect(pictureStatus(page, 'Picture uploaded')).toBeVisible();
    const id = await onePicture(backend);
    await page.reload();
    await expect(page.getByRole('img', { name: 'Your current profile picture' })).toHaveAttribute('src', `/api/pictures/${id}`);
  });

  test('Back and Forward after uploading show the picture, stored once', async ({ profilePage: page, backend }) => {
    await openContactPage(page);
    const uploads = countRequests(page, 'POST', UPLOAD);
    await fileInput(page).setInputFiles(png(800, 600));
    await page.getByRole('button', { name: 'Upload picture' }).click();
    await expect(pictureStatus(page, 'Picture uploaded')).toBeVisible();
    const id = await onePicture(backend);
    await page.getByRole('link', { name: 'WhatsApp channels', exact: true }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'WhatsApp channels' })).toBeVisible();

    await page.goBack();
    await expect(page.getByRole('img', { name: 'Your current profile picture' })).toHaveAttribute('src', `/api/pictures/${id}`);
    await page.goForward();
    await expect(page.getByRole('heading', { level: 1, name: 'WhatsApp channels' })).toBeVisible();
    await page.goBack();
    await expect(page.getByRole('img', { name: 'Your current profile picture' })).toHaveAttribute('src', `/api/pictures/${id}`);
    expect(uploads()).toBe(1);
    await onePicture(backend);
  });
});

test.describe('request a channel, Back and Forward', () => {
  test('Back after requesting sends nothing again, and Forward shows the channel once', async ({ loggedIn: page, backend }) => {
    await page.goto('/channels/new');
    const posts = countRequests(page, 'POST', '/api/channels');
    await page.getByLabel('Channel name').fill('Billing');
    await page.getByLabel('Routing script').selectOption({ label: 'WhatsApp to Support agents' });
    await page.getByRole('button', { name: 'Request channel' }).click();
    await expect(page.getByRole('status').filter({ hasText: 'Billing is requested' })).toBeVisible();

    await page.goBack();
    await expect(page.getByRole('heading', { level: 1, name: 'Request a WhatsApp channel' })).toBeVisible();
    // Submitted: the form is empty, so a second request could only be a deliberate one.
    await expect(page.getByLabel('Channel name')).toHaveValue('');
    await page.goForward();
    const card = page.getByRole('listitem').filter({ has: page.getByRole('heading', { name: 'Billing', exact: true }) });
    await expect(card).toContainText('Requested (Pending)');
    expect(posts()).toBe(1);
    const names = (await backend.state()).data.channels.map((c: any) => c.channel.name);
    expect(names.filter((n: string) => n === 'Billing')).toHaveLength(1);
  });
});

test.describe('save a draft field, on a clash', () => {
  test('a business name confirmed elsewhere meanwhile is not changed: the status says why and the typed name stays', async ({ profilePage: page, backend }) => {
    // Another tab confirms the profile, which fixes the business name.
    await completeProfile(page);
    const patches = countRequests(page, 'PATCH', '/api/channels/ch_support/profile');
    await page.getByLabel('Business name').fill('Northwind Bakery Ltd');
    await expect(page.getByRole('status').filter({ hasText: 'Not saved: The business name cannot be changed once the profile is set up' })).toBeVisible();
    await expect(page.getByLabel('Business name')).toHaveValue('Northwind Bakery Ltd');
    const record = (await backend.state()).data.channels.find((c: any) => c.channel.id === 'ch_support');
    expect(record.profile.draft.business_name).toBe(PROFILE.business_name);
    expect(patches()).toBe(1);
  });
});
