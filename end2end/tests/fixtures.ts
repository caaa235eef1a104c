// What every test needs: a backend reset to the seed, its test-only switches,
// an accessibility check, and a guard that fails the test on a page error or
// a Content Security Policy violation. Later suites import `test` and `expect`
// from here instead of from @playwright/test.
import { test as base, expect, type Page, type APIRequestContext } from '@playwright/test';
import AxeBuilder from '@axe-core/playwright';
import { BASE_URL } from './port';

export const DEMO_EMAIL = 'admin@northwind.example';
export const X6_EMAIL = 'admin@fabrikam.example';
/** Contoso Care: licence X7, legal terms not signed. */
export const CONTOSO_EMAIL = 'admin@contoso.example';
/** Litware Helpdesk: licence X8, terms signed, no channel and no CPaaS login yet. */
export const NEW_ACCOUNT_EMAIL = 'admin@litware.example';
export const DEMO_PASSWORD = 'lamp river orange tuesday';

export type Fault = { kind: 'status'; status: number } | { kind: 'delay'; ms: number } | { kind: 'drop' };

export type Mail = { id: number; to: string; subject: string; body: string; links: string[]; sent_at: number };

/** The fake backend's test-only endpoints. */
export class Backend {
  /** `clockAt`: an instant every reset holds the backend's clock at (see the `clockAt` option). */
  constructor(readonly request: APIRequestContext, readonly clockAt?: string) {}

  /** Back to the seed; with a password, the demo users can log in at once. */
  async reset(demoPassword?: string) {
    const r = await this.request.post('/api/test/reset', { data: { demo_password: demoPassword ?? null } });
    expect(r.status()).toBe(204);
    if (this.clockAt) await this.freezeClock(this.clockAt);
  }

  /** The whole backend state (secrets redacted). */
  async state(): Promise<{ now: number; data: any }> {
    const r = await this.request.get('/api/test/state');
    expect(r.ok()).toBeTruthy();
    return r.json();
  }

  /** The next `count` calls to `method path` fail with `fault`. */
  async fault(method: string, path: string, fault: Fault, count = 1) {
    const r = await this.request.post('/api/test/faults', { data: { method, path, count, fault } });
    expect(r.status()).toBe(204);
  }

  /** Removes every fault rule. */
  async clearFaults() {
    const r = await this.request.delete('/api/test/faults');
    expect(r.status()).toBe(204);
  }

  /** Moves the backend's clock forward. */
  async advanceClock(seconds: number) {
    const r = await this.request.post('/api/test/clock', { data: { seconds } });
    expect(r.status()).toBe(204);
  }

  /**
   * Stops the backend's clock at `at` (an ISO instant such as '2027-03-15T12:00:00Z'), so a
   * test can assert exact dates; `advanceClock` still moves it, and `reset` makes it live again.
   */
  async freezeClock(at: string) {
    const seconds = Date.parse(at) / 1000;
    expect(Number.isInteger(seconds), `${at} is a whole-second instant`).toBe(true);
    const r = await this.request.post('/api/test/clock/freeze', { data: { at: seconds } });
    expect(r.status()).toBe(204);
  }

  /** Ends every session, as if each had timed out. */
  async expireSessions() {
    const r = await this.request.post('/api/test/expire-sessions');
    expect(r.status()).toBe(204);
  }

  /** The dev mailbox, newest first. */
  async mailbox(): Promise<Mail[]> {
    const r = await this.request.get('/dev/mailbox.json');
    expect(r.ok()).toBeTruthy();
    return r.json();
  }

  /** The newest set-password link sent to `email`, as a path on the app. */
  async passwordLink(email = DEMO_EMAIL): Promise<string> {
    const mail = (await this.mailbox()).find((m) => m.to === email && m.subject === 'Your CPaaS login details');
    expect(mail, `a set-password email to ${email}`).toBeTruthy();
    const link = new URL(mail!.links[0]);
    return link.pathname + link.search;
  }
}

/** Fails the test if axe-core finds any WCAG 2.x A/AA violation on the page as it is now. */
export async function expectAccessible(page: Page) {
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice']).analyze();
  const summary = results.violations.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`);
  expect(summary, 'axe-core violations').toEqual([]);
}

/** Logs in through the login page as the demo user (the backend must have a password set). */
export async function logIn(page: Page, email = DEMO_EMAIL, password = DEMO_PASSWORD) {
  await page.getByLabel('Email', { exact: true }).fill(email);
  await page.getByLabel('Password', { exact: true }).fill(password);
  await page.getByRole('button', { name: 'Log in' }).click();
}

/** A mutating API call from the page's own session (cookie and CSRF token), as the app makes it. */
export async function apiCall(page: Page, method: string, path: string, data?: unknown) {
  const session = await (await page.request.get('/api/session')).json();
  const r = await page.request.fetch(path, { method, data, headers: { 'X-CSRF-Token': session.csrf_token } });
  return r;
}

/** Starts counting the requests the page sends to `method path`; the returned function reads the count. */
export function countRequests(page: Page, method: string, path: string): () => number {
  let n = 0;
  page.on('request', (r) => {
    if (r.method() === method && new URL(r.url()).pathname === path) n++;
  });
  return () => n;
}

/**
 * Counts the page's API requests on their way from now on. A test that ends the
 * session "before the user acts" first waits for the page's own loads to finish,
 * since a load answered 401 is (rightly) the app learning that the session ended.
 */
export function apiInFlight(page: Page): () => number {
  const open = new Set<unknown>();
  const isApi = (r: { url(): string }) => new URL(r.url()).pathname.startsWith('/api/');
  page.on('request', (r) => { if (isApi(r)) open.add(r); });
  page.on('requestfinished', (r) => open.delete(r));
  page.on('requestfailed', (r) => open.delete(r));
  return () => open.size;
}

/** Confirms the demo account's Facebook business account, the last precondition for the profile. */
export async function confirmFacebookBusiness(page: Page) {
  const r = await apiCall(page, 'POST', '/api/eligibility/facebook-business', { confirmed: true });
  expect(r.status()).toBe(200);
}

/** The profile every sign-up test starts from. */
export const PROFILE = {
  channel_name: 'Customer Support',
  phone_country: 'GB',
  phone_number: '07400 123456',
  business_name: 'Northwind Bakery',
  category: 'RETAIL',
  tagline: 'Fresh bread, baked daily',
  description: 'Family bakery since 1952.',
  contact_email: 'help@northwind.example',
  website: 'https://www.northwind.example',
  address: '1 High Street, London',
};

/** Fills and confirms the demo channel's profile through the API, as the pages would. */
export async function completeProfile(page: Page, channel = 'ch_support') {
  const patched = await apiCall(page, 'PATCH', `/api/channels/${channel}/profile`, { fields: PROFILE });
  expect(patched.status()).toBe(200);
  const done = await apiCall(page, 'POST', `/api/channels/${channel}/profile/complete`, { confirmed_business_name: PROFILE.business_name });
  expect(done.status(), await done.text()).toBe(200);
}

type Fixtures = {
  /**
   * An ISO instant: when set (`test.use({ clockAt: '2026-12-24T10:00:00Z' })`), every reset holds
   * the backend's clock there, before anyone logs in, so dates the backend computes are exact.
   */
  clockAt: string | undefined;
  backend: Backend;
  pageGuard: void;
  /** A page logged in as the demo user, on the WhatsApp channels page. */
  loggedIn: Page;
  /** Logged in, every precondition met, on page 1 of the Customer Support channel's profile. */
  profilePage: Page;
  /** Logged in with the profile confirmed, on the review page with "Continue to Facebook". */
  reviewPage: Page;
};

export const test = base.extend<Fixtures>({
  // This worker's own backend (tests/port.ts), for the page, the request fixture and the backend.
  baseURL: async ({}, use) => {
    await use(BASE_URL);
  },
  clockAt: [undefined, { option: true }],
  // Every test starts from the seed, whether it asks for the backend or not: the
  // tests of a worker share its backend, in whatever order they come.
  backend: [
    async ({ request, clockAt }, use) => {
      const backend = new Backend(request, clockAt);
      await backend.reset();
      await use(backend);
    },
    { auto: true },
  ],
  pageGuard: [
    async ({ page }, use) => {
      const problems: string[] = [];
      page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
      page.on('console', (m) => {
        const text = m.text();
        // axe-core, injected by the test (no script URL), sets inline styles while it checks
        // content inside the app's shadow root; the page's own code always has a URL.
        const injectedByTest = m.location().url === '';
        if (/Content Security Policy/i.test(text) && injectedByTest) return;
        if (/Content Security Policy|panicked at|RuntimeError|unreachable/i.test(text)) problems.push(`console: ${text}`);
      });
      page.on('dialog', (d) => {
        problems.push(`unexpected dialog: ${d.message()}`);
        void d.dismiss();
      });
      await use();
      expect(problems, 'page errors, CSP violations or dialogs').toEqual([]);
    },
    { auto: true },
  ],
  loggedIn: async ({ page, backend }, use) => {
    await backend.reset(DEMO_PASSWORD);
    await page.goto('/login');
    await logIn(page);
    await expect(page.getByRole('heading', { level: 1, name: 'WhatsApp channels' })).toBeVisible();
    await use(page);
  },
  profilePage: async ({ loggedIn: page }, use) => {
    await confirmFacebookBusiness(page);
    const inFlight = apiInFlight(page);
    await page.goto('/channels/ch_support/profile/account');
    await expect(page.getByRole('heading', { level: 1, name: 'WhatsApp account information' })).toBeVisible();
    await expect(page.getByLabel('Channel name')).toHaveValue('Customer Support');
    await expect.poll(inFlight).toBe(0);
    await use(page);
  },
  reviewPage: async ({ loggedIn: page }, use) => {
    await confirmFacebookBusiness(page);
    await completeProfile(page);
    const inFlight = apiInFlight(page);
    await page.goto('/channels/ch_support/profile/review');
    await expect(page.getByRole('heading', { name: 'Profile confirmed' })).toBeVisible();
    await expect.poll(inFlight).toBe(0);
    await use(page);
  },
});

export { expect };
export type { Page };
