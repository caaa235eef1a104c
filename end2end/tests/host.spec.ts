// The app inside a host page: the example portal (example-host/) mounts it from
// /embed.js under /portal/whatsapp, with its own brand, theme and login (auth:
// 'host'), and hostile styles of its own.
import { test, expect, expectAccessible, confirmFacebookBusiness, completeProfile, DEMO_EMAIL, DEMO_PASSWORD, type Page, type Backend } from './fixtures';
import { registerNumber } from './signup-steps';
import { wasmBuilds, besidesTheFullApp, holdTheFullApp, wordless } from './builds';

const BASE = '/portal/whatsapp';

type HostEvent = { type: string; [key: string]: unknown };

/** The events the portal received from the app, in order. */
function events(page: Page): Promise<HostEvent[]> {
  return page.evaluate(() => (window as any).portal.events);
}

/** The app's own part of the page (its shadow root is open: locators reach inside). */
const app = (page: Page) => page.locator('#whatsapp');

/** The example portal before it mounts the app (`?manual=1`). */
async function portalWithoutApp(page: Page) {
  await page.goto(`${BASE}?manual=1`);
  await page.waitForFunction(() => (window as any).portal !== undefined);
}

/** The portal's `preload(options)`; what it resolved to, or the error it rejected with, as text. */
function preload(page: Page, options?: unknown): Promise<string> {
  return page.evaluate(async (options) => {
    const { preload } = await import('/embed.js' as string);
    return preload(options).then(String, String);
  }, options);
}

/** Mounts the app as a host page would (auth: 'host'), with `more` settings; the handle is not kept. */
async function mountAsHost(page: Page, more: Record<string, unknown> = {}) {
  await page.evaluate(async (more) => {
    const { mount } = await import('/embed.js' as string);
    await mount(document.getElementById('whatsapp'), { basePath: '/portal/whatsapp', auth: 'host', ...more });
  }, more);
}

/** Every same-origin link the app shows, by its path. */
async function appLinks(page: Page): Promise<string[]> {
  const hrefs = await app(page).locator('a[href]').evaluateAll((as) => as.map((a) => (a as HTMLAnchorElement).href));
  return hrefs.filter((h) => new URL(h).origin === new URL(page.url()).origin).map((h) => new URL(h).pathname);
}

/** Page 1 of a profile in the portal; the session ends as the user types in Tagline, and the host hears of it. */
async function sessionEndsMidForm(page: Page, backend: Backend) {
  await page.goto(`${BASE}/channels/ch_support/profile/account`);
  // The portal's own login first: the call below uses the session it makes.
  await page.waitForFunction(() => (window as any).portal !== undefined);
  await confirmFacebookBusiness(page);
  await expect(app(page).getByLabel('Channel name')).toHaveValue('Customer Support');
  await backend.expireSessions();
  await app(page).getByLabel('Tagline').fill('Typed as the portal session ended');
  await expect.poll(async () => (await events(page)).at(-1)).toEqual({ type: 'session_expired' });
}

test.describe('inside the example portal', () => {
  test('the journey from the profile to the linked number runs under the base path, with a reload on a deep link', async ({ page, backend }) => {
    // The full-page redirect (popup.spec.ts has the popup, the portal's default).
    await page.goto(`${BASE}?facebook=redirect`);
    await expect(app(page).getByRole('heading', { level: 1, name: 'WhatsApp channels' })).toBeVisible();
    // The portal's brand, not the backend's.
    await expect(app(page).locator('header')).toContainText('Example Contact Center');
    await confirmFacebookBusiness(page);
    await completeProfile(page);

    await page.goto(`${BASE}/channels/ch_support/profile/review?facebook=redirect`);
    await page.reload();
    await expect(app(page).getByRole('heading', { name: 'Profile confirmed' })).toBeVisible();
    for (const path of await appLinks(page)) expect(path, 'a link of the app').toMatch(/^\/portal\/whatsapp(\/|$)/);

    await registerNumber(page, backend);
    await expect(page).toHaveURL(new RegExp(`${BASE}/facebook/callback\\?state=`));
    await app(page).getByRole('link', { name: 'Choose the number and channel' }).click();
    await expect(page).toHaveURL(new RegExp(`${BASE}/channels/ch_support/confirm$`));
    await app(page).getByRole('button', { name: 'Next' }).click();
    await app(page).getByRole('button', { name: 'Confirm' }).click();
    await expect(app(page).getByRole('heading', { level: 1, name: 'Your WhatsApp number is linked' })).toBeVisible();
    for (const path of await appLinks(page)) expect(path, 'a link of the app').toMatch(/^\/portal\/whatsapp(\/|$)/);

    const complete = (await events(page)).find((e) => e.type === 'complete');
    expect(complete).toEqual({ type: 'complete', channelId: 'ch_support', phoneNumber: '+447400123456', readyBy: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/) });
    // The redirect to Facebook left the portal's page: its events start again on the way back.
    const steps = (await events(page)).filter((e) => e.type === 'step').map((e) => e.step);
    expect(steps).toEqual(['facebook', 'confirm', 'complete']);
  });

  test('every event reaches the host with its payload: ready, step, error, exit and session_expired', async ({ page, backend }) => {
    await page.goto(BASE);
    await expect(app(page).getByRole('heading', { level: 1, name: 'WhatsApp channels' })).toBeVisible();
    await expect.poll(async () => (await events(page)).map((e) => e.type)).toEqual(expect.arrayContaining(['ready', 'step']));
    expect((await events(page)).find((e) => e.type === 'step')).toEqual({ type: 'step', step: 'channels' });

    await app(page).getByRole('link', { name: 'Before you start', exact: true }).click();
    await expect.poll(async () => (await events(page)).at(-1)).toEqual({ type: 'step', step: 'eligibility' });

    // A failure the user sees is an error event, with the id to quote.
    await backend.fault('GET', '/api/channels', { kind: 'status', status: 500 });
    await app(page).getByRole('link', { name: 'WhatsApp channels' }).click();
    await expect(app(page).getByRole('alert').filter({ hasText: 'We could not load your channels.' })).toBeVisible();
    await expect.poll(async () => (await events(page)).find((e) => e.type === 'error')).toEqual({ type: 'error', code: 'server', errorId: expect.any(String) });

    // The DOM event carries the same payload, on the mount element.
    const dom = page.evaluate(() => new Promise((resolve) => {
      document.getElementById('whatsapp')!.addEventListener('whatsapp-onboarding', (e) => resolve((e as CustomEvent).detail), { once: true });
    }));
    await app(page).getByRole('button', { name: 'Back to the portal' }).click();
    expect(await dom).toEqual({ type: 'exit', step: 'channels', reason: 'back_to_portal' });
    expect((await events(page)).at(-1)).toEqual({ type: 'exit', step: 'channels', reason: 'back_to_portal' });

    await backend.expireSessions();
    await app(page).getByRole('button', { name: 'Try again' }).click();
    await expect.poll(async () => (await events(page)).at(-1)).toEqual({ type: 'session_expired' });
  });

  test('a session that ends mid-form: the host hears of it, and after resume() the save goes through with nothing lost', async ({ page, backend }) => {
    await sessionEndsMidForm(page, backend);
    await expect(app(page).getByRole('alert').filter({ hasText: 'Your session has ended' })).toBeVisible();
    // The app shows no login page of its own: the host logs the user in.
    await expect(page).toHaveURL(new RegExp(`${BASE}/channels/ch_support/profile/account$`));
    await expect(app(page).getByLabel('Tagline')).toHaveValue('Typed as the portal session ended');

    await page.getByRole('link', { name: 'Log in again' }).click();
    await expect(app(page).getByRole('status').filter({ hasText: /^Saved$/ })).toBeVisible();
    await expect(app(page).getByRole('alert').filter({ hasText: 'Your session has ended' })).toHaveCount(0);
    const state = await backend.state();
    expect(state.data.channels.find((c: any) => c.channel.id === 'ch_support').profile.draft.tagline).toBe('Typed as the portal session ended');
    expect((await events(page)).filter((e) => e.type === 'session_expired')).toHaveLength(1);
  });

  test('an answer on the session asked before the host logged the user in again comes back late and ends nothing', async ({ page, backend }) => {
    await sessionEndsMidForm(page, backend);

    // The portal calls resume() too early, before its login: the app asks who is
    // logged in, and that answer ("nobody") is held back, as a slow connection would.
    let release = () => {};
    const held = new Promise<void>((resolve) => (release = resolve));
    let first = true;
    await page.route('**/api/session', async (route) => {
      if (route.request().method() !== 'GET' || !first) return route.fallback();
      first = false;
      const response = await route.fetch();
      await held;
      await route.fulfill({ response });
    });
    const asked = page.waitForRequest((r) => r.url().endsWith('/api/session') && r.method() === 'GET');
    await page.evaluate(() => (window as any).portal.app.resume());
    await asked;
    // Then it logs the user in and resumes again: the save goes through.
    await page.getByRole('link', { name: 'Log in again' }).click();
    await expect(app(page).getByRole('status').filter({ hasText: /^Saved$/ })).toBeVisible();

    const stale = page.waitForResponse((r) => r.url().endsWith('/api/session') && r.request().method() === 'GET' && r.status() === 401);
    release();
    await stale;
    // Still logged in: the next answer is saved, and the host heard of one ended session.
    await app(page).getByLabel('Tagline').fill('Typed after the late answer');
    await expect(app(page).getByRole('status').filter({ hasText: /^Saved$/ })).toBeVisible();
    await expect(app(page).getByRole('alert').filter({ hasText: 'Your session has ended' })).toHaveCount(0);
    await expect.poll(async () => (await backend.state()).data.channels.find((c: any) => c.channel.id === 'ch_support').profile.draft.tagline).toBe('Typed after the late answer');
    expect((await events(page)).filter((e) => e.type === 'session_expired')).toHaveLength(1);
  });

  test("the portal's hostile styles do not reach the app, and the app's stay inside it", async ({ page }) => {
    await page.goto(`${BASE}/channels/new`);
    const name = app(page).getByLabel('Channel name');
    await name.fill('Hostile');
    const looks = await name.evaluate((el) => {
      const s = getComputedStyle(el);
      return { color: s.color, font: s.fontFamily, size: s.fontSize };
    });
    expect(looks.color).not.toBe('rgba(0, 0, 0, 0)');
    expect(looks.size).not.toBe('30px');
    expect(looks.font).not.toMatch(/^serif$/);
    await expect(app(page).getByRole('button', { name: 'Request channel' })).toBeVisible();
    const h1 = await app(page).getByRole('heading', { level: 1 }).evaluate((el) => getComputedStyle(el).color);
    expect(h1).not.toBe('rgb(255, 0, 255)');
    const main = await app(page).locator('#main').evaluate((el) => getComputedStyle(el).backgroundColor);
    expect(main).not.toBe('rgb(255, 0, 0)');
    // The portal's own page keeps its looks: the app's rules stop at its shadow root.
    const portal = await page.locator('.portal-header').evaluate((el) => ({ bg: getComputedStyle(el).backgroundColor, size: getComputedStyle(el).fontSize }));
    expect(portal).toEqual({ bg: 'rgb(59, 7, 100)', size: '30px' });
  });

  for (const theme of ['light', 'dark'] as const) {
    test(`the ${theme} theme takes the portal's colours and passes axe`, async ({ page }) => {
      await page.goto(`${BASE}/channels/new${theme === 'dark' ? '?theme=dark' : ''}`);
      const button = app(page).getByRole('button', { name: 'Request channel' });
      await expect(button).toBeVisible();
      const colours = await button.evaluate((el) => ({
        button: getComputedStyle(el).backgroundColor,
        page: getComputedStyle(el.closest('.app')!).backgroundColor,
      }));
      if (theme === 'light') {
        expect(colours).toEqual({ button: 'rgb(91, 33, 182)', page: 'rgb(255, 255, 255)' });
      } else {
        expect(colours).toEqual({ button: 'rgb(196, 181, 253)', page: 'rgb(21, 23, 22)' });
      }
      await app(page).getByRole('button', { name: 'Request channel' }).click();
      await expect(app(page).getByRole('link', { name: 'Enter a channel name' })).toBeVisible();
      await expectAccessible(page);
      await page.goto(`${BASE}/channels${theme === 'dark' ? '?theme=dark' : ''}`);
      await expect(app(page).getByRole('heading', { level: 2, name: 'Customer Support' })).toBeVisible();
      await expectAccessible(page);
    });
  }

  test('unmount removes every node, listener, timer and pending request of the app; mounting again works', async ({ page, backend }) => {
    await page.addInitScript(() => {
      const live: Record<string, () => number> = {};
      for (const [name, target] of [['window', window], ['document', document]] as const) {
        const listening = new Map<string, Set<unknown>>();
        const add = target.addEventListener;
        const remove = target.removeEventListener;
        (target as any).addEventListener = function (type: string, fn: unknown, opts: unknown) {
          if (fn) listening.set(type, (listening.get(type) ?? new Set()).add(fn));
          return add.call(this, type, fn as any, opts as any);
        };
        (target as any).removeEventListener = function (type: string, fn: unknown, opts: unknown) {
          listening.get(type)?.delete(fn);
          return remove.call(this, type, fn as any, opts as any);
        };
        live[name] = () => [...listening.values()].reduce((n, s) => n + s.size, 0);
      }
      const timers = new Set<number>();
      const setT = window.setTimeout;
      const clearT = window.clearTimeout;
      (window as any).setTimeout = (fn: any, ms?: number, ...args: unknown[]) => {
        const id: number = setT(() => { timers.delete(id); typeof fn === 'function' ? fn(...args) : undefined; }, ms);
        timers.add(id);
        return id;
      };
      (window as any).clearTimeout = (id: number) => { timers.delete(id); clearT(id); };
      live.timers = () => timers.size;
      (window as any).__live = () => Object.fromEntries(Object.entries(live).map(([k, f]) => [k, f()]));
    });
    const inFlight = new Set<string>();
    page.on('request', (r) => { if (r.url().includes('/api/')) inFlight.add(r.url() + r.method()); });
    const done = (r: { url(): string; method(): string }) => inFlight.delete(r.url() + r.method());
    page.on('requestfinished', done);
    page.on('requestfailed', done);

    await page.goto(`${BASE}/channels/ch_support/profile/account?manual=1`);
    await page.waitForFunction(() => (window as any).portal !== undefined);
    const before = await page.evaluate(() => (window as any).__live());
    // The portal adds a line to its event list for every event: count the rest.
    const nodes = () => page.evaluate(() => document.querySelectorAll('*').length - document.querySelectorAll('#events li').length);
    const nodesBefore = await nodes();

    await page.evaluate(() => (window as any).portal.start());
    await expect(app(page).getByLabel('Channel name')).toHaveValue('Customer Support');
    const mounted = await page.evaluate(() => (window as any).__live());
    expect(mounted.window, 'the app listens on window while mounted').toBeGreaterThan(before.window);

    // A request still on its way when the app goes: it must be abandoned.
    await backend.fault('PATCH', '/api/channels/ch_support/profile', { kind: 'delay', ms: 5_000 });
    const sent = page.waitForRequest((r) => r.method() === 'PATCH');
    await app(page).getByLabel('Tagline').fill('Typed before the app went');
    await sent;
    await page.evaluate(() => (window as any).portal.stop());

    await expect.poll(() => page.evaluate(() => (window as any).__live())).toEqual(before);
    await expect.poll(() => inFlight.size, { message: 'requests still in flight' }).toBe(0);
    expect(await page.evaluate(() => document.getElementById('whatsapp')!.shadowRoot!.childElementCount)).toBe(0);
    expect(await nodes()).toBe(nodesBefore);

    await page.evaluate(() => (window as any).portal.start());
    await expect(app(page).getByLabel('Channel name')).toHaveValue('Customer Support');
    await expect(app(page).getByLabel('Tagline')).toHaveValue('Typed before the app went');
  });

  test('a wrong setting is named in one console error, and the app starts with the default', async ({ page }) => {
    const errors: string[] = [];
    page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
    await portalWithoutApp(page);
    await mountAsHost(page, { locale: 'fr-FR', appearance: { theme: 'sepia', colorPrimary: 'not a colour' }, onEvent: 42 });
    await expect(app(page).getByRole('heading', { level: 1, name: 'WhatsApp channels' })).toBeVisible();
    for (const field of ['config.locale', 'config.appearance.theme', 'config.appearance.colorPrimary', 'config.onEvent']) {
      expect(errors.filter((e) => e.includes(field)), field).toHaveLength(1);
    }
    const button = await app(page).getByRole('link', { name: 'Request a WhatsApp channel' }).evaluate((el) => getComputedStyle(el).backgroundColor);
    expect(button).toBe('rgb(19, 107, 63)');
  });
});

test('a login page in a host page (auth: own) loads the small login build, then hands over: ready once, then the step', async ({ page, backend }) => {
  await backend.reset(DEMO_PASSWORD);
  await page.goto(`${BASE}/login?manual=1`);
  await page.waitForFunction(() => (window as any).portal !== undefined);
  await backend.expireSessions();
  const entry = page.waitForRequest(/\/entry-[0-9a-f]+_bg\.wasm$/);
  await page.evaluate(async () => {
    const { mount } = await import('/embed.js' as string);
    const seen: unknown[] = ((window as any).seen = []);
    (window as any).own = await mount(document.getElementById('whatsapp'), {
      basePath: '/portal/whatsapp',
      auth: 'own',
      onEvent: (e: unknown) => seen.push(e),
    });
  });
  await entry;
  await expect(app(page).getByRole('heading', { level: 1, name: 'Log in' })).toBeVisible();
  await app(page).getByLabel('Email', { exact: true }).fill(DEMO_EMAIL);
  await app(page).getByLabel('Password', { exact: true }).fill(DEMO_PASSWORD);
  await app(page).getByRole('button', { name: 'Log in' }).click();
  await expect(app(page).getByRole('heading', { level: 1, name: 'WhatsApp channels' })).toBeVisible();
  await expect(page).toHaveURL(new RegExp(`${BASE}/channels$`));
  await expect.poll(() => page.evaluate(() => (window as any).seen)).toEqual([{ type: 'ready' }, { type: 'step', step: 'channels' }]);
  // The handle the host holds now stands for the full app.
  await page.evaluate(() => (window as any).own.unmount());
  await expect(app(page).getByRole('heading')).toHaveCount(0);
});

test('the app stays until the host unmounts it, even when the host keeps no handle', async ({ page }) => {
  await portalWithoutApp(page);
  await mountAsHost(page);
  await expect(app(page).getByRole('heading', { level: 1, name: 'WhatsApp channels' })).toBeVisible();
  // A garbage collection, then the tasks it schedules (the wasm side frees what the page let go of).
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('HeapProfiler.collectGarbage');
  await page.evaluate(() => new Promise((done) => setTimeout(done, 0)));
  await app(page).getByRole('link', { name: 'Pricing' }).click();
  await expect(app(page).getByRole('heading', { level: 1, name: 'Pricing' })).toBeVisible();
});

test("a host that preloads without a page gets the home's small build alone, never the full app, and a mount at the home downloads nothing more", async ({ page }) => {
  // A portal that cannot tell which page the user will open.
  await portalWithoutApp(page);
  const builds = wasmBuilds(page);
  // Held for good: neither the preload nor the channels page may need the full app.
  await holdTheFullApp(page);
  expect(await preload(page)).toBe('undefined');
  // The first load's budget: the home's build (the channels page), not the full app.
  expect(builds).toEqual(['channels']);
  await expect(app(page).getByRole('heading')).toHaveCount(0);

  await mountAsHost(page);
  await expect(app(page).getByRole('heading', { level: 1, name: 'WhatsApp channels' })).toBeVisible();
  await expect(app(page).getByRole('heading', { level: 2, name: 'Customer Support' })).toBeVisible();
  expect(await wordless(app(page))).toEqual([]);
  // The preload's code was the mount's; the full app is asked for once the page is quiet, as on any first load.
  expect(besidesTheFullApp(builds)).toEqual(['channels']);
});

test('a host that preloads the page the user will open gets its small build alone, which the mount starts with nothing more to download', async ({ page }) => {
  // The Configuration Manager, say, whose "Request a WhatsApp channel" opens the request form.
  await portalWithoutApp(page);
  const builds = wasmBuilds(page);
  // Held for good: neither the preload nor the form may need the full app.
  await holdTheFullApp(page);
  expect(await preload(page, { page: '/channels/new' })).toBe('undefined');
  expect(builds).toEqual(['request']);
  await expect(app(page).getByRole('heading')).toHaveCount(0);

  await page.evaluate((base) => history.pushState(null, '', `${base}/channels/new`), BASE);
  await mountAsHost(page);
  await expect(app(page).getByRole('heading', { level: 1, name: 'Request a WhatsApp channel' })).toBeVisible();
  await app(page).getByLabel('Channel name').fill('Billing');
  await expect(app(page).getByLabel('Channel name')).toHaveValue('Billing');
  // The form's code came with the preload; the full app is asked for once the page is quiet, as on any first load.
  expect(besidesTheFullApp(builds)).toEqual(['request']);
  // A page that is not an address, or an address not given as `{ page }`, is the host's mistake, said at once.
  for (const wrong of [{ page: 42 }, '/channels/new']) {
    expect(await preload(page, wrong)).toMatch(/^TypeError: .*preload\(\{ page \}\) needs the app's address as a string/);
  }
});

test('a preload that fails is no error for the host: the mount tries again', async ({ page }) => {
  await portalWithoutApp(page);
  await page.route(/_bg\.wasm$/, (route) => route.abort());
  expect(await preload(page)).toBe('undefined');

  await page.unroute(/_bg\.wasm$/);
  await mountAsHost(page);
  await expect(app(page).getByRole('heading', { level: 1, name: 'WhatsApp channels' })).toBeVisible();
});

test('the app never shows unstyled: it stays hidden until its styles arrive, and the host hears ready then', async ({ page }) => {
  let release = () => {};
  const held = new Promise<void>((resolve) => (release = resolve));
  await page.route(/\/(base|main|picture)-[0-9a-f]+\.css$/, async (route) => {
    await held;
    await route.continue();
  });
  await portalWithoutApp(page);
  // The events the app sends, as the mount element's DOM events.
  await page.evaluate(() => {
    const heard: string[] = ((window as any).heard = []);
    document.getElementById('whatsapp')!.addEventListener('whatsapp-onboarding', (e) => heard.push((e as CustomEvent).detail.type));
  });
  const heard = () => page.evaluate(() => (window as any).heard as string[]);
  await mountAsHost(page);
  const heading = app(page).getByRole('heading', { level: 1, name: 'WhatsApp channels' });
  // The page is built (the channels have arrived) but not shown while its styles are held.
  await expect(app(page).getByRole('heading', { level: 2, name: 'Customer Support', includeHidden: true })).toBeAttached();
  await expect(heading).toBeHidden();
  // Not ready while hidden: a host that shows its own spinner until then shows it still.
  expect(await heard()).not.toContain('ready');

  release();
  await expect(heading).toBeVisible();
  await expect.poll(async () => (await heard()).filter((type) => type === 'ready')).toHaveLength(1);
  // Styled: the app's own header colours, not the browser's defaults.
  const header = app(page).locator('.app-header');
  await expect(header).not.toHaveCSS('background-color', 'rgba(0, 0, 0, 0)');
});

test('a host that unmounts the app at once and mounts it again, as React runs an effect twice in development, hears no error', async ({ page }) => {
  await portalWithoutApp(page);
  // The first mount brings the code and the stylesheets.
  await page.evaluate(async () => {
    const { mount } = await import('/embed.js' as string);
    const first = await mount(document.getElementById('whatsapp'), { basePath: '/portal/whatsapp', auth: 'host' });
    first.unmount();
  });
  // Mounted and unmounted in one go: the stylesheets are there already, and their links'
  // `load` events come in a task after it, when the app's handler is gone (the page guard
  // fails the test on the error a dropped handler throws).
  await page.evaluate(async () => {
    const { mount } = await import('/embed.js' as string);
    const element = document.getElementById('whatsapp');
    (await mount(element, { basePath: '/portal/whatsapp', auth: 'host' })).unmount();
    await mount(element, { basePath: '/portal/whatsapp', auth: 'host' });
  });
  await expect(app(page).getByRole('heading', { level: 1, name: 'WhatsApp channels' })).toBeVisible();
  await expect(app(page).getByRole('heading', { level: 2, name: 'Customer Support' })).toBeVisible();
});

test('the channel the host asks for opens at its next step', async ({ page }) => {
  await portalWithoutApp(page);
  await mountAsHost(page, { channelId: 'ch_support' });
  await expect(page).toHaveURL(new RegExp(`${BASE}/channels/ch_support/profile/account$`));
  await expect(app(page).getByLabel('Channel name')).toHaveValue('Customer Support');
});
