import { test, expect, logIn, type Page } from './fixtures';

const saved = (page: Page) => page.getByRole('status').filter({ hasText: /^Saved$/ });

async function draft(backend: any) {
  const state = await backend.state();
  return state.data.channels.find((c: any) => c.channel.id === 'ch_support').profile;
}

test.describe('profile drafts: nothing typed is lost', () => {
  test('every value survives a reload on each page, even one made before the save', async ({ profilePage: page, backend }) => {
    await page.getByLabel('Business name').fill('Northwind Bakery');
    await page.getByLabel('Tagline').fill('Fresh bread');
    await expect(saved(page)).toBeVisible();
    expect((await draft(backend)).draft.tagline).toBe('Fresh bread');
    // Typed and reloaded at once, inside the save's debounce: the device copy keeps it.
    await page.getByLabel('Description').fill('Open every day');
    await page.reload();
    await expect(page.getByLabel('Business name')).toHaveValue('Northwind Bakery');
    await expect(page.getByLabel('Tagline')).toHaveValue('Fresh bread');
    await expect(page.getByLabel('Description')).toHaveValue('Open every day');
    await expect(saved(page)).toBeVisible();
    expect((await draft(backend)).draft.description).toBe('Open every day');

    await page.goto('/channels/ch_support/profile/contact');
    await page.getByLabel('Contact email').fill('help@northwind.example');
    await page.getByLabel('Business address').fill('1 High Street');
    await page.reload();
    await expect(page.getByLabel('Contact email')).toHaveValue('help@northwind.example');
    await expect(page.getByLabel('Business address')).toHaveValue('1 High Street');
  });

  test('typing the page had no time to write down is kept when the page or the profile goes at once', async ({ profilePage: page, backend }) => {
    // The page writes its device copy just after a keystroke shows, in a task of its own
    // (a zero-delay timer). Here those tasks never run, as in a tab reloaded, closed or
    // left in the same moment: the copy must be written as the page or the profile goes.
    const holdZeroDelayTasks = () =>
      page.evaluate(() => {
        const setTimeoutAsBefore = window.setTimeout;
        (window as any).__setTimeoutAsBefore = setTimeoutAsBefore;
        const later = setTimeoutAsBefore.bind(window) as (run: TimerHandler, ms?: number, ...rest: unknown[]) => number;
        window.setTimeout = ((run: TimerHandler, ms?: number, ...rest: unknown[]) =>
          ms === 0 ? 0 : later(run, ms, ...rest)) as typeof window.setTimeout;
      });
    // Once the next page is up, the moment of going is over: tasks run again.
    const releaseZeroDelayTasks = () =>
      page.evaluate(() => {
        window.setTimeout = (window as any).__setTimeoutAsBefore;
      });
    await holdZeroDelayTasks();
    await page.getByLabel('Tagline').fill('Baked at dawn');
    await page.reload();
    await expect(page.getByLabel('Tagline')).toHaveValue('Baked at dawn');
    await expect(saved(page)).toBeVisible();
    expect((await draft(backend)).draft.tagline).toBe('Baked at dawn');

    await holdZeroDelayTasks();
    await page.getByLabel('Description').fill('Open every day');
    await page.getByRole('link', { name: 'Back to WhatsApp channels' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'WhatsApp channels' })).toBeVisible();
    await releaseZeroDelayTasks();
    await page.getByRole('link', { name: /Continue the WhatsApp profile|Set up the WhatsApp profile/ }).first().click();
    await expect(page.getByLabel('Description')).toHaveValue('Open every day');
    await expect(saved(page)).toBeVisible();
    expect((await draft(backend)).draft.description).toBe('Open every day');
  });

  test('coming back resumes on the page and field where the user was', async ({ profilePage: page, context }) => {
    await page.goto('/channels/ch_support/profile/contact');
    await page.getByLabel('Website URL').fill('https://northwind.example');
    await expect(saved(page)).toBeVisible();
    await page.close();

    const again = await context.newPage();
    await again.goto('/channels/ch_support/profile');
    await expect(again).toHaveURL(/\/profile\/contact$/);
    await expect(again.getByLabel('Website URL')).toHaveValue('https://northwind.example');
    await expect(again.getByLabel('Website URL')).toBeFocused();
  });

  test('Back from where the profile carried on leaves the profile, instead of carrying on again', async ({ profilePage: page }) => {
    await page.goto('/channels');
    await expect(page.getByRole('heading', { level: 1, name: 'WhatsApp channels' })).toBeVisible();
    await page.goto('/channels/ch_support/profile');
    await expect(page).toHaveURL(/\/profile\/account$/);
    await expect(page.getByLabel('Tagline')).toBeVisible();
    await page.goBack();
    await expect(page).toHaveURL(/\/channels$/);
    await expect(page.getByRole('heading', { level: 1, name: 'WhatsApp channels' })).toBeVisible();
  });

  test('offline edits are kept, announced, and saved when the connection is back', async ({ profilePage: page, context, backend }) => {
    await context.setOffline(true);
    await page.getByLabel('Tagline').fill('Baked while offline');
    await expect(page.getByRole('status').filter({ hasText: 'Offline, will retry' })).toBeVisible();
    await context.setOffline(false);
    await expect(saved(page)).toBeVisible({ timeout: 15_000 });
    expect((await draft(backend)).draft.tagline).toBe('Baked while offline');
  });

  test('a tab closed while offline gives its edits back when reopened online', async ({ profilePage: page, context, backend }) => {
    await context.setOffline(true);
    await page.getByLabel('Description').fill('Written on the train');
    await expect(page.getByRole('status').filter({ hasText: 'Offline, will retry' })).toBeVisible();
    await page.close();
    await context.setOffline(false);
    const again = await context.newPage();
    await again.goto('/channels/ch_support/profile/account');
    await expect(again.getByLabel('Description')).toHaveValue('Written on the train');
    await expect(saved(again)).toBeVisible();
    expect((await draft(backend)).draft.description).toBe('Written on the train');
  });

  test('a session that ends mid-form keeps the input and saves it after logging in', async ({ profilePage: page, backend }) => {
    await backend.expireSessions();
    await page.getByLabel('Tagline').fill('Typed as the session ended');
    await expect(page.getByRole('heading', { level: 1, name: 'Log in' })).toBeVisible();
    await logIn(page);
    await expect(page).toHaveURL(/\/channels\/ch_support\/profile\/account$/);
    await expect(page.getByLabel('Tagline')).toHaveValue('Typed as the session ended');
    await expect(saved(page)).toBeVisible();
    expect((await draft(backend)).draft.tagline).toBe('Typed as the session ended');
  });

  test('two tabs editing different fields both keep their work', async ({ profilePage: a, context, backend }) => {
    const b = await context.newPage();
    await b.goto('/channels/ch_support/profile/account');
    await a.getByLabel('Tagline').fill('From tab A');
    await b.getByLabel('Description').fill('From tab B');
    await expect(saved(a)).toBeVisible();
    await expect(saved(b)).toBeVisible();
    const d = (await draft(backend)).draft;
    expect([d.tagline, d.description]).toEqual(['From tab A', 'From tab B']);
    // Each tab sees the other's edit.
    await expect(b.getByLabel('Tagline')).toHaveValue('From tab A');
    await expect(a.getByLabel('Description')).toHaveValue('From tab B');
  });

  test('a field the user is already typing in keeps the focus when the draft arrives', async ({ profilePage: page }) => {
    // The user was last in Tagline: the profile would put the focus back there on load.
    await page.getByLabel('Tagline').fill('Fresh bread');
    await expect(saved(page)).toBeVisible();
    let release = () => {};
    const held = new Promise<void>((r) => { release = r; });
    await page.route('**/api/channels/ch_support/profile', async (route) => {
      if (route.request().method() === 'GET') await held;
      await route.continue();
    });
    await page.reload();
    // The fields show (from the device's copy) before the backend's draft is in.
    const description = page.getByLabel('Description');
    await description.click();
    await page.keyboard.type('Open every');
    release();
    await expect(page.getByLabel('Tagline')).toHaveValue('Fresh bread');
    await expect(saved(page)).toBeVisible();
    await page.keyboard.type(' day');
    await expect(description).toBeFocused();
    await expect(description).toHaveValue('Open every day');
    await expect(page.getByLabel('Tagline')).toHaveValue('Fresh bread');
  });

  test('a save that fails on the server says so and is retried', async ({ profilePage: page, backend }) => {
    await backend.fault('PATCH', '/api/channels/ch_support/profile', { kind: 'status', status: 503 });
    await page.getByLabel('Tagline').fill('Saved on the second try');
    await expect(page.getByRole('status').filter({ hasText: 'the server had a problem, will retry' })).toBeVisible();
    await expect(saved(page)).toBeVisible({ timeout: 10_000 });
    expect((await draft(backend)).draft.tagline).toBe('Saved on the second try');
  });

  test('typing while a save is on its way keeps the newer text, and saves it next', async ({ profilePage: page, backend }) => {
    await backend.fault('PATCH', '/api/channels/ch_support/profile', { kind: 'delay', ms: 2_000 });
    const isSave = (r: { method(): string; url(): string }) => r.method() === 'PATCH' && new URL(r.url()).pathname === '/api/channels/ch_support/profile';
    const tagline = page.getByLabel('Tagline');
    const firstSent = page.waitForRequest(isSave);
    await tagline.fill('Fresh bread');
    const first = await firstSent;
    expect(first.postDataJSON().fields.tagline).toBe('Fresh bread');

    // The first save is held for 2 s: type on.
    const secondSent = page.waitForRequest((r) => isSave(r) && r !== first);
    await tagline.fill('Fresh bread and cakes');
    await first.response();
    // The first save's answer (with the older text) does not overwrite the field.
    await expect(tagline).toHaveValue('Fresh bread and cakes');
    expect((await secondSent).postDataJSON().fields.tagline).toBe('Fresh bread and cakes');
    await expect(saved(page)).toBeVisible();
    await expect(tagline).toHaveValue('Fresh bread and cakes');
    expect((await draft(backend)).draft.tagline).toBe('Fresh bread and cakes');
  });

  test('leaving the profile while a save is on its way breaks nothing and loses nothing', async ({ profilePage: page, backend }) => {
    await backend.fault('PATCH', '/api/channels/ch_support/profile', { kind: 'delay', ms: 3_000 });
    const sent = page.waitForRequest((r) => r.method() === 'PATCH' && new URL(r.url()).pathname === '/api/channels/ch_support/profile');
    await page.getByLabel('Tagline').fill('Typed just before leaving');
    const first = await sent;
    // Away while the save waits on the server.
    await page.getByRole('link', { name: 'Back to WhatsApp channels' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'WhatsApp channels' })).toBeVisible();
    await page.getByRole('link', { name: /Continue the WhatsApp profile|Set up the WhatsApp profile/ }).first().click();
    await expect(page.getByLabel('Tagline')).toHaveValue('Typed just before leaving');
    await expect(saved(page)).toBeVisible({ timeout: 10_000 });
    expect((await draft(backend)).draft.tagline).toBe('Typed just before leaving');

    // The first save ends (answered or abandoned) only now: the page must still work after it.
    await first.response();
    await page.getByLabel('Description').fill('Typed after the old save ended');
    await expect(saved(page)).toBeVisible();
    expect((await draft(backend)).draft.description).toBe('Typed after the old save ended');
    // The page guard fails the test on any panic or page error.
  });
});
