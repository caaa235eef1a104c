// The fault matrix's rows for the signed-in steps (see the README's "The fault matrix"):
// confirming the Facebook business account, starting the sign-up, exchanging the code,
// confirming the number, and the cells left over from the other rows. Each case ends
// with the user told what happened, what they entered still there, and exactly one
// effect on the backend (read through the test state endpoint).
import { test, expect, logIn, countRequests, type Page, type Backend } from './fixtures';

// The message quotes the failure's reference for support.
const SERVER = /Something went wrong on our side\. Try again; if it keeps happening, contact support and quote ERR-/;
const OFFLINE = 'We could not reach the server. Check your connection and try again; nothing you entered is lost.';
const SESSION_ENDED = 'Your session ended. Log in again to carry on where you were';

async function account(backend: Backend) {
  return (await backend.state()).data.accounts.find((a: any) => a.id === 'acc_northwind');
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
