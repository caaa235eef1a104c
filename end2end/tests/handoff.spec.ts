// Handing the Facebook step to a colleague: the owner mails a single-use link
// from the review page; the colleague, in a browser of their own and with no
// account, does the Facebook step and nothing else; the owner sees it done and
// confirms the number.
import { test, expect, expectAccessible, logIn, DEMO_EMAIL, type Page, type Backend } from './fixtures';
import { upToCode, latestCode, enterCode } from './signup-steps';
import { BASE_URL } from './port';
import { wasmBuilds, besidesTheFullApp, holdTheFullApp, wordless } from './builds';
import type { Browser } from '@playwright/test';

const COLLEAGUE = 'fb-admin@northwind.example';
const INVITATION = "Please do the Facebook step for Northwind Bakery's WhatsApp number";

/** Sends the link from the review page (the form opens first). */
async function ask(page: Page, message?: string) {
  await page.getByRole('button', { name: 'Ask a colleague to do the Facebook step' }).click();
  await page.getByLabel("Colleague's email").fill(COLLEAGUE);
  if (message) await page.getByLabel('Message (optional)').fill(message);
  await page.getByRole('button', { name: 'Send the link' }).click();
  await expect(page.getByText(`Waiting for ${COLLEAGUE}`)).toBeVisible();
}

/** The newest hand-off link mailed to the colleague, and how many were sent. */
async function newestLink(backend: Backend): Promise<{ link: string; sent: number }> {
  const mails = (await backend.mailbox()).filter((m) => m.to === COLLEAGUE && m.subject === INVITATION);
  expect(mails.length, 'a hand-off email').toBeGreaterThan(0);
  const link = mails[0].links.find((l) => l.includes('/handoff#'));
  expect(link, mails[0].body).toBeTruthy();
  return { link: link!, sent: mails.length };
}

/** The email that tells the owner the colleague finished the Facebook step, if one was sent. */
async function toldOwner(backend: Backend) {
  return (await backend.mailbox()).find((m) => m.to === DEMO_EMAIL && m.subject.startsWith(`${COLLEAGUE} finished the Facebook step`));
}

/** Errors on the colleague's pages and the owner's second tab (the owner's first page has the fixtures' guard). */
const unguardedErrors: string[] = [];
test.afterEach(() => {
  const seen = unguardedErrors.splice(0);
  expect(seen, "errors on the pages the fixtures do not guard").toEqual([]);
});

/** Keeps the errors of a page the fixtures do not guard (a colleague's, an owner's second tab). */
function watchErrors(page: Page): Page {
  page.on('pageerror', (e) => unguardedErrors.push(e.message));
  page.on('console', (m) => {
    // axe-core, injected by the test (no script URL), sets inline styles: not the page's own.
    if (m.location().url === '') return;
    if (/Content Security Policy|panicked at/i.test(m.text())) unguardedErrors.push(m.text());
  });
  return page;
}

/** A page in a browser of the colleague's own (no cookie of the owner's). */
async function colleaguePage(browser: Browser): Promise<Page> {
  const context = await browser.newContext({ baseURL: BASE_URL });
  return watchErrors(await context.newPage());
}

/** The colleague's Facebook step, from "Continue to Facebook" until the page says the owner was told. */
async function doTheFacebookStep(colleague: Page, backend: Backend) {
  await colleague.getByRole('button', { name: 'Continue to Facebook' }).click();
  await upToCode(colleague);
  await enterCode(colleague, await latestCode(backend));
  await colleague.getByRole('button', { name: 'Continue' }).click();
  await expect(colleague.getByRole('heading', { level: 1, name: 'Your number is registered' })).toBeVisible();
  await expect(colleague.getByText('The person who asked you has been emailed and can now confirm the number.')).toBeVisible();
}

test('the whole hand-off in two browsers: the colleague does the Facebook step and nothing else, and the owner confirms the number', async ({ reviewPage: owner, backend, browser }) => {
  await ask(owner, 'Hi Sam,\nplease do this today <b>thanks</b>');
  await expect(owner.getByText(/The link works until/)).toBeVisible();
  await expectAccessible(owner);
  const { link } = await newestLink(backend);

  const colleague = await colleaguePage(browser);
  await colleague.goto(link);
  await expect(colleague.getByRole('heading', { level: 1, name: 'Connect WhatsApp for Northwind Bakery' })).toBeVisible();
  // The token leaves the address bar at once.
  await expect(colleague).toHaveURL(/\/handoff$/);
  await expect(colleague.getByText(`${DEMO_EMAIL} at Northwind Contact Centre asked you to do the Facebook step`)).toBeVisible();
  await expect(colleague.locator('blockquote')).toHaveText('Hi Sam,\nplease do this today <b>thanks</b>');
  await expect(colleague.getByText('+44 7400 123456')).toBeVisible();
  await expect(colleague.getByRole('navigation', { name: 'Main' })).toBeHidden();
  await expectAccessible(colleague);
  // The session can do this one step and nothing else.
  const other = await colleague.request.get('/api/channels');
  expect(other.status()).toBe(403);
  expect((await other.json()).code).toBe('handoff_only');
  // A reload finds the hand-off again through the session.
  await colleague.reload();
  await expect(colleague.getByRole('heading', { level: 1, name: 'Connect WhatsApp for Northwind Bakery' })).toBeVisible();

  await doTheFacebookStep(colleague, backend);
  await expect(colleague.getByRole('link', { name: 'Choose the number and channel' })).toHaveCount(0);
  // The colleague's session ended with the step.
  expect((await colleague.request.get('/api/session')).status()).toBe(401);

  // The owner's open page sees it (it looks every few seconds), and the owner is mailed.
  await expect(owner.getByText(`${COLLEAGUE} finished the Facebook step`)).toBeVisible({ timeout: 15_000 });
  // ...and no longer offers to go to Facebook, or says that is next.
  await expect(owner.getByRole('button', { name: 'Continue to Facebook' })).toHaveCount(0);
  await expect(owner.getByRole('heading', { name: 'Profile confirmed' })).toHaveCount(0);
  const told = await toldOwner(backend);
  expect(told).toBeTruthy();
  await owner.getByRole('link', { name: 'Choose the number and channel' }).click();
  await owner.getByRole('button', { name: 'Next' }).click();
  await owner.getByRole('button', { name: 'Confirm' }).click();
  await expect(owner.getByRole('heading', { level: 1, name: 'Your WhatsApp number is linked' })).toBeVisible();

  // Used: the link explains itself and offers nothing.
  const again = await colleaguePage(browser);
  await again.goto(link);
  await expect(again.getByRole('heading', { level: 1, name: 'This link cannot be used' })).toBeVisible();
  await expect(again.getByText('This link has already been used')).toBeVisible();
  await expect(again.getByRole('main').getByRole('button')).toHaveCount(0);
});

test("the colleague's link, opened cold, runs on the hand-off's own build: the page, its words and the Facebook step need nothing more, and back from Facebook the callback's build says it is done", async ({ reviewPage: owner, backend, browser }) => {
  await ask(owner);
  const { link } = await newestLink(backend);
  const colleague = await colleaguePage(browser);
  const builds = wasmBuilds(colleague);
  // Never released: the colleague's pages must not need the full app.
  await holdTheFullApp(colleague);
  await colleague.goto(link);
  await expect(colleague.getByRole('heading', { level: 1, name: 'Connect WhatsApp for Northwind Bakery' })).toBeVisible();
  await expect(colleague.getByText(`${DEMO_EMAIL} at Northwind Contact Centre asked you to do the Facebook step`)).toBeVisible();
  await expect(colleague.getByText('+44 7400 123456')).toBeVisible();
  expect(await wordless(colleague)).toEqual([]);
  expect(besidesTheFullApp(builds)).toEqual(['handoff']);

  await doTheFacebookStep(colleague, backend);
  expect(await wordless(colleague)).toEqual([]);
  expect(besidesTheFullApp(builds)).toEqual(['handoff', 'callback']);
});

test("a colleague's link in a host page that has the full app from an earlier mount: the full app, which leaves the hand-off page out, hands it to the hand-off's own build", async ({ reviewPage: owner, backend, browser }) => {
  await ask(owner);
  const token = new URL((await newestLink(backend)).link).hash;
  const colleague = await colleaguePage(browser);
  // The example portal (example-host/), waiting to be told to mount the app.
  await colleague.goto(`/portal/whatsapp/handoff?manual=1${token}`);
  await colleague.waitForFunction(() => (window as any).portal !== undefined);
  const builds = wasmBuilds(colleague);
  const release = await holdTheFullApp(colleague);
  const app = colleague.locator('#whatsapp');
  const heading = app.getByRole('heading', { level: 1, name: 'Connect WhatsApp for Northwind Bakery' });
  const mount = () =>
    colleague.evaluate(() => {
      (window as any).mounting = import('/embed.js' as string).then(({ mount }) =>
        mount(document.getElementById('whatsapp'), { basePath: '/portal/whatsapp', auth: 'host' }),
      );
      return (window as any).mounting.then(() => undefined);
    });
  await mount();
  await expect(heading).toBeVisible();
  // embed.js asks for the full app once the page is quiet: it is on its way, held here.
  await expect.poll(() => [...builds]).toEqual(['handoff', 'whatsapp-onboarding']);

  // The portal takes the app away and mounts it again (its user went elsewhere in the portal and came back).
  await colleague.evaluate(async () => ((await (window as any).mounting) as { unmount(): void }).unmount());
  await expect(heading).toHaveCount(0);
  const again = mount();
  // This mount starts the full app, as it is on its way: nothing shows while it is held.
  const waited = await colleague.evaluate(() =>
    Promise.race([(window as any).mounting.then(() => 'mounted'), new Promise((done) => setTimeout(() => done('waiting'), 500))]),
  );
  expect(waited, 'the mount waits for the full app').toBe('waiting');
  release();
  await again;
  // The full app hands the page to the hand-off's build, already here: the same page, found through the session the link started.
  await expect(heading).toBeVisible();
  await expect(app.getByText('+44 7400 123456')).toBeVisible();
  expect(await wordless(app)).toEqual([]);
  expect(builds).toEqual(['handoff', 'whatsapp-onboarding']);
});

test("the owner's emailed link to confirm the number, opened cold, runs on the confirm page's own build: choosing, the summary and the linked number need nothing more", async ({ reviewPage: owner, backend, browser }) => {
  await ask(owner);
  const colleague = await colleaguePage(browser);
  await colleague.goto((await newestLink(backend)).link);
  await doTheFacebookStep(colleague, backend);
  const told = await toldOwner(backend);
  const link = told?.links.find((l) => /\/channels\/[^/]+\/confirm$/.test(l));
  expect(link, told?.body).toBeTruthy();

  // The owner opens it in a new tab of the browser they are logged in with.
  const tab = watchErrors(await owner.context().newPage());
  const builds = wasmBuilds(tab);
  // Never released: choosing and confirming the number must not need the full app.
  await holdTheFullApp(tab);
  await tab.goto(link!);
  await expect(tab.getByRole('heading', { level: 1, name: 'Choose the number and channel' })).toBeVisible();
  await expect(tab.getByLabel('Registered number').locator('option:checked')).toHaveText(/\+44 7400 123456/);
  expect(await wordless(tab)).toEqual([]);
  await tab.getByRole('button', { name: 'Next' }).click();
  await expect(tab.getByText('+44 7400 123456')).toBeVisible();
  expect(await wordless(tab)).toEqual([]);
  await tab.getByRole('button', { name: 'Confirm' }).click();
  await expect(tab.getByRole('heading', { level: 1, name: 'Your WhatsApp number is linked' })).toBeVisible();
  expect(await wordless(tab)).toEqual([]);
  expect(besidesTheFullApp(builds)).toEqual(['confirm']);
});

test('sending again voids the old link, cancelling voids the new one, and a link dies after 72 hours', async ({ reviewPage: owner, backend, browser }) => {
  // A wrong address is caught on the page, linked to its field.
  await owner.getByRole('button', { name: 'Ask a colleague to do the Facebook step' }).click();
  await owner.getByLabel("Colleague's email").fill('not an email');
  await owner.getByRole('button', { name: 'Send the link' }).click();
  await expect(owner.getByRole('alert').getByRole('link', { name: /email/i })).toBeVisible();
  await expect(owner.getByLabel("Colleague's email")).toHaveAttribute('aria-invalid', 'true');
  await expectAccessible(owner);
  await owner.getByLabel("Colleague's email").fill(COLLEAGUE);
  await owner.getByRole('button', { name: 'Send the link' }).click();
  await expect(owner.getByText(`Waiting for ${COLLEAGUE}`)).toBeVisible();
  const first = await newestLink(backend);

  await owner.getByRole('button', { name: 'Send the link again' }).click();
  await expect.poll(async () => (await newestLink(backend)).sent).toBe(2);
  const second = await newestLink(backend);
  const colleague = await colleaguePage(browser);
  await colleague.goto(first.link);
  await expect(colleague.getByRole('heading', { level: 1, name: 'This link cannot be used' })).toBeVisible();
  await expect(colleague.getByText('A newer link was sent for this Facebook step')).toBeVisible();
  // The newer link pasted into the same tab (only the fragment changes) opens in its place.
  const fresh = colleague;
  await fresh.goto(second.link);
  await expect(fresh.getByRole('heading', { level: 1, name: 'Connect WhatsApp for Northwind Bakery' })).toBeVisible();

  // The channel's card on the channels page says who it waits for, and cancels it.
  await owner.goto('/channels');
  const card = owner.getByRole('listitem').filter({ has: owner.getByRole('heading', { name: 'Customer Support' }) });
  await expect(card.getByText(`Waiting for ${COLLEAGUE}`)).toBeVisible();
  await expect(card.getByText(/The link works until/)).toBeVisible();
  await card.getByRole('button', { name: 'Cancel the request for Customer Support' }).click();
  await expect(card.getByText(`You cancelled the request to ${COLLEAGUE}`)).toBeVisible();
  // The colleague's page, reloaded, cannot be used any more (its session says why, or,
  // once the session has ended, tells them to open the link again), and the link
  // says why it no longer works.
  await fresh.reload();
  await expect(fresh.getByRole('heading', { level: 1, name: 'This link cannot be used' })).toBeVisible();
  await expect(fresh.getByText(/cancelled it|Open the link from the email again/)).toBeVisible();
  await expect(fresh.getByRole('main').getByRole('button')).toHaveCount(0);
  const reopened = await colleaguePage(browser);
  await reopened.goto(second.link);
  await expect(reopened.getByText('The person who sent this link cancelled it')).toBeVisible();

  await owner.goto('/channels/ch_support/profile/review');
  await ask(owner);
  const third = await newestLink(backend);
  await backend.advanceClock(72 * 3600 + 1);
  const late = await colleaguePage(browser);
  await late.goto(third.link);
  await expect(late.getByRole('heading', { level: 1, name: 'This link cannot be used' })).toBeVisible();
  await expect(late.getByText('This link has expired')).toBeVisible();
  // The owner's page shows it expired (after logging in again: 72 hours ended the
  // session too), and a new one can be sent.
  await owner.reload();
  await logIn(owner);
  await expect(owner.getByText(`The link sent to ${COLLEAGUE} has expired.`)).toBeVisible();
  await expect(owner.getByRole('button', { name: 'Ask a colleague to do the Facebook step' })).toBeVisible();
});

test('the review page offers to ask a colleague only once it knows none is waiting: a slow answer shows a loading state', async ({ reviewPage: owner, backend }) => {
  await ask(owner);
  await backend.fault('GET', '/api/channels/ch_support/handoff', { kind: 'delay', ms: 2000 });
  await owner.reload();
  await expect(owner.getByRole('heading', { name: 'Profile confirmed' })).toBeVisible();
  const panel = owner.getByRole('region', { name: 'Someone else manages your Facebook business account?' });
  await expect(panel.getByRole('status').filter({ hasText: 'Loading' })).toBeVisible();
  await expect(owner.getByRole('button', { name: 'Ask a colleague to do the Facebook step' })).toBeHidden();
  await expect(panel.getByText(`Waiting for ${COLLEAGUE}`)).toBeVisible();
  await expect(owner.getByRole('button', { name: 'Ask a colleague to do the Facebook step' })).toBeHidden();
});

test('the review page, where nobody has been asked yet, logs no failed request: a suite that fails on console errors passes there', async ({ reviewPage: owner }) => {
  const errors: string[] = [];
  owner.on('console', (m) => {
    if (m.type() === 'error') errors.push(m.text());
  });
  const failed: string[] = [];
  owner.on('response', (r) => {
    if (r.status() >= 400) failed.push(`${r.status()} ${new URL(r.url()).pathname}`);
  });
  await owner.reload();
  await expect(owner.getByRole('heading', { name: 'Profile confirmed' })).toBeVisible();
  // Nobody asked: the panel knows it from a 200 with null (contract 1.3.0), not from a 404.
  await expect(owner.getByRole('button', { name: 'Ask a colleague to do the Facebook step' })).toBeVisible();
  expect(failed).toEqual([]);
  expect(errors).toEqual([]);
});

test('a backend written for contract 1.2.0, which answers 404 when nobody has been asked, still gets the way to ask', async ({ reviewPage: owner, backend }) => {
  await backend.fault('GET', '/api/channels/ch_support/handoff', { kind: 'status', status: 404 });
  await owner.reload();
  await expect(owner.getByRole('heading', { name: 'Profile confirmed' })).toBeVisible();
  await expect(owner.getByRole('button', { name: 'Ask a colleague to do the Facebook step' })).toBeVisible();
  await expect(owner.getByRole('alert')).toHaveCount(0);
  await ask(owner);
});
