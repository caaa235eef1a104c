// The first-load builds (scripts/build-entry): a page opened cold loads a small
// build with that page, and the full app only once the user moves on to a page
// the small build does not have. The login build has its journeys in login.spec.ts
// and host.spec.ts, the hand-off's and the confirm page's in handoff.spec.ts; the
// review's build runs every journey that opens a review (facebook.spec.ts, popup.spec.ts).
import { test, expect, apiCall, logIn, confirmFacebookBusiness, completeProfile, DEMO_PASSWORD, PROFILE } from './fixtures';
import { wasmBuilds, besidesTheFullApp, holdTheFullApp, wordless } from './builds';
import { png } from './images';
import { estimate, row } from './pricing-steps';

test("a channel's profile opened cold runs page 1 on its own build: typing and saving need nothing more, and Next brings the full app at page 2", async ({ loggedIn: page, backend }) => {
  // Page 1 filled in but for the tagline.
  const { tagline: _, ...fields } = PROFILE;
  expect((await apiCall(page, 'PATCH', '/api/channels/ch_support/profile', { fields })).status()).toBe(200);
  const builds = wasmBuilds(page);
  const release = await holdTheFullApp(page);
  await page.goto('/channels/ch_support/profile/account');
  await expect(page.getByRole('heading', { level: 1, name: 'WhatsApp account information' })).toBeVisible();
  // With what the phone number must be open too ("Info").
  await page.getByText('Info: what the phone number must be').click();
  await expect(page.locator('details').filter({ hasText: 'Info: what the phone number must be' })).toHaveAttribute('open', '');
  expect(await wordless(page)).toEqual([]);
  await page.getByLabel('Tagline').fill('Fresh bread, baked daily');
  await expect(page.getByRole('status').filter({ hasText: /^Saved$/ })).toBeVisible();
  expect(besidesTheFullApp(builds)).toEqual(['profile']);
  const record = (await backend.state()).data.channels.find((c: any) => c.channel.id === 'ch_support');
  expect(record.profile.draft.tagline).toBe('Fresh bread, baked daily');

  // Page 2 is not in this build (its picture field alone is 25 KB): the full app takes over there.
  await page.getByRole('button', { name: 'Next' }).click();
  await expect(page).toHaveURL(/\/channels\/ch_support\/profile\/contact$/);
  await expect(page.getByRole('status').filter({ hasText: 'Loading' })).toBeVisible();
  await expect(page.getByRole('heading', { level: 1, name: 'Contact details and picture' })).toBeHidden();
  release();
  await expect(page.getByRole('heading', { level: 1, name: 'Contact details and picture' })).toBeVisible();
  expect(builds).toEqual(['profile', 'whatsapp-onboarding']);
  // Still logged in, and Back returns to page 1, on the full app, with what was typed.
  await expect(page.getByRole('button', { name: 'Log out' })).toBeVisible();
  await page.goBack();
  await expect(page.getByLabel('Tagline')).toHaveValue('Fresh bread, baked daily');
});

test("page 2 of a channel's profile opened cold runs on its own build: its picture field and saving need nothing more, and Back brings the full app at page 1", async ({ loggedIn: page, backend }) => {
  const builds = wasmBuilds(page);
  const release = await holdTheFullApp(page);
  await page.goto('/channels/ch_support/profile/contact');
  await expect(page.getByRole('heading', { level: 1, name: 'Contact details and picture' })).toBeVisible();
  expect(await wordless(page)).toEqual([]);
  await page.getByLabel('Website URL').fill('https://bakery.example');
  await expect(page.getByRole('status').filter({ hasText: /^Saved$/ })).toBeVisible();
  // A picture chosen, checked and cropped, with this build's words for every control.
  await page.getByLabel('Profile picture', { exact: true }).setInputFiles(png(800, 600));
  await expect(page.getByRole('status').filter({ hasText: 'Picture checked' })).toBeVisible();
  await expect(page.getByRole('slider', { name: 'Zoom' })).toHaveValue('100');
  expect(await wordless(page)).toEqual([]);
  expect(besidesTheFullApp(builds)).toEqual(['contact']);
  const record = (await backend.state()).data.channels.find((c: any) => c.channel.id === 'ch_support');
  expect(record.profile.draft.website).toBe('https://bakery.example');

  await page.getByRole('link', { name: 'Back', exact: true }).click();
  await expect(page).toHaveURL(/\/channels\/ch_support\/profile\/account$/);
  await expect(page.getByRole('heading', { level: 1, name: 'WhatsApp account information' })).toBeHidden();
  release();
  await expect(page.getByRole('heading', { level: 1, name: 'WhatsApp account information' })).toBeVisible();
  expect(builds).toEqual(['contact', 'whatsapp-onboarding']);
});

test('the channels page opened cold in a host page runs on its own build, and the page after it on the full app: ready once, each step once', async ({ page }) => {
  await page.goto('/portal/whatsapp?manual=1');
  await page.waitForFunction(() => (window as any).portal !== undefined);
  const builds = wasmBuilds(page);
  const release = await holdTheFullApp(page);
  await page.evaluate(async () => {
    const { mount } = await import('/embed.js' as string);
    const seen: unknown[] = ((window as any).seen = []);
    await mount(document.getElementById('whatsapp'), { basePath: '/portal/whatsapp', auth: 'host', onEvent: (e: unknown) => seen.push(e) });
  });
  const app = page.locator('#whatsapp');
  await expect(app.getByRole('heading', { level: 1, name: 'WhatsApp channels' })).toBeVisible();
  await expect(app.getByRole('listitem', { name: 'Customer Support' })).toBeVisible();
  expect(await wordless(app)).toEqual([]);
  expect(builds[0]).toBe('channels');
  const seen = (): Promise<unknown[]> => page.evaluate(() => (window as any).seen);
  // Which of the two comes first depends on when the stylesheets arrive.
  await expect.poll(seen).toHaveLength(2);
  expect(await seen()).toEqual(expect.arrayContaining([{ type: 'ready' }, { type: 'step', step: 'channels' }]));

  await app.getByRole('link', { name: 'Request a WhatsApp channel' }).click();
  // The host hears of the step once the page shows it: from the full app, not before.
  await expect(app.getByRole('status').filter({ hasText: 'Loading' })).toBeVisible();
  expect(await seen()).toHaveLength(2);
  release();
  await expect(app.getByRole('heading', { level: 1, name: 'Request a WhatsApp channel' })).toBeVisible();
  await expect(page).toHaveURL(/\/portal\/whatsapp\/channels\/new$/);
  await expect.poll(async () => (await seen()).slice(2)).toEqual([{ type: 'step', step: 'request' }]);
  expect(builds).toEqual(['channels', 'whatsapp-onboarding']);
});

test('the request form opened cold in a host page (the Configuration Manager) runs on its own build: its checks and the request need nothing more, and the channels page after it comes with the full app', async ({ page, backend }) => {
  const builds = wasmBuilds(page);
  const release = await holdTheFullApp(page);
  await page.goto('/portal/whatsapp/channels/new');
  const app = page.locator('#whatsapp');
  await expect(app.getByRole('heading', { level: 1, name: 'Request a WhatsApp channel' })).toBeVisible();
  const script = app.getByLabel('Routing script');
  await expect(script.getByRole('option')).toHaveText(['Select a routing script', 'WhatsApp to Support agents', 'WhatsApp to Sales agents', 'Out-of-hours message, then Support queue']);
  expect(await wordless(app)).toEqual([]);
  // The form's own checks, in this build's words, linked to their fields.
  await app.getByRole('button', { name: 'Request channel' }).click();
  await app.getByRole('link', { name: 'Enter a channel name' }).click();
  await expect(app.getByLabel('Channel name')).toBeFocused();
  await app.getByLabel('Channel name').fill('Billing');
  await script.selectOption({ label: 'WhatsApp to Sales agents' });
  await app.getByRole('button', { name: 'Request channel' }).click();
  // Requested by this build; the channels page is not in it, so the full app takes over there.
  await expect(page).toHaveURL(/\/portal\/whatsapp\/channels\?requested=/);
  await expect(app.getByRole('status').filter({ hasText: 'Loading' })).toBeVisible();
  const requested = (await backend.state()).data.channels.filter((c: any) => c.channel.name === 'Billing');
  expect(requested.map((c: any) => c.channel.state)).toEqual(['requested']);
  expect(besidesTheFullApp(builds)).toEqual(['request']);
  release();
  await expect(app.getByRole('status').filter({ hasText: 'Channel requested' })).toContainText('Billing is requested and shows as Pending');
  await expect(app.getByRole('listitem', { name: 'Billing' })).toContainText('Requested (Pending)');
  expect(builds).toEqual(['request', 'whatsapp-onboarding']);
  // The portal heard each step once, from the build that showed it.
  const steps = await page.evaluate(() => (window as any).portal.events.filter((e: any) => e.type === 'step' || e.type === 'ready'));
  expect(steps).toEqual(expect.arrayContaining([{ type: 'ready' }, { type: 'step', step: 'request' }, { type: 'step', step: 'channels' }]));
  expect(steps).toHaveLength(3);
});

test("'Before you start' opened cold runs on its own build, with the pricing page: confirming the Facebook account, the header's Pricing link and an estimate need nothing more", async ({ loggedIn: page, backend }) => {
  const builds = wasmBuilds(page);
  // Never released: the two pages of the header's must not need the full app.
  await holdTheFullApp(page);
  await page.goto('/before-you-start');
  await expect(page.getByRole('heading', { level: 1, name: 'Before you start' })).toBeVisible();
  await expect(page.getByRole('heading', { name: /Contact-centre licence\s+Met/ })).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Not ready yet' })).toBeVisible();
  expect(await wordless(page)).toEqual([]);
  await page.getByLabel('I have a Facebook business account verified by Meta').check();
  await expect(page.getByRole('heading', { name: 'You can start' })).toBeVisible();
  expect((await backend.state()).data.accounts[0].facebook_business_confirmed).toBe(true);

  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Pricing' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'WhatsApp pricing' })).toBeVisible();
  expect(await wordless(page)).toEqual([]);
  await estimate(page, 'United Kingdom', 'GBP', '1000');
  await expect(row(page, 'Total').getByRole('cell')).toHaveText('£31.00');
  expect(besidesTheFullApp(builds)).toEqual(['guides']);
});

test("an address the app does not have, opened cold, says so on a small build of its own, whose way back brings the full app", async ({ loggedIn: page }) => {
  const builds = wasmBuilds(page);
  const release = await holdTheFullApp(page);
  await page.goto('/channels/ch_support/profil');
  await expect(page.getByRole('heading', { level: 1, name: 'Page not found' })).toBeVisible();
  await expect(page).toHaveTitle(/^Page not found/);
  await expect(page.getByRole('button', { name: 'Log out' })).toBeVisible();
  expect(await wordless(page)).toEqual([]);
  expect(besidesTheFullApp(builds)).toEqual(['not-found']);
  await page.getByRole('link', { name: 'Go to your WhatsApp channels' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Loading' })).toBeVisible();
  release();
  await expect(page.getByRole('heading', { level: 1, name: 'WhatsApp channels' })).toBeVisible();
  expect(builds).toEqual(['not-found', 'whatsapp-onboarding']);
});

test("a profile's review opened cold in a host page runs on its own build, without the form that asks a colleague: its button brings the full app, says so if it cannot, and opens the form with the focus kept, the step told once", async ({ page, backend }) => {
  const BASE = '/portal/whatsapp';
  const app = page.locator('#whatsapp');
  await page.goto(BASE);
  await expect(app.getByRole('heading', { level: 1, name: 'WhatsApp channels' })).toBeVisible();
  await confirmFacebookBusiness(page);
  await completeProfile(page);
  // The channels page fetches the full app once it has been quiet for a second,
  // which can fall just as the review is asked for: the review is opened from a
  // blank page, so every build counted below is the review's page's.
  await page.goto('about:blank');
  // The full app cannot be had until the user has seen the problem.
  let reachable = false;
  await page.route(/\/whatsapp-onboarding-[0-9a-f]+_bg\.wasm$/, (route) => (reachable ? route.continue() : route.abort()));
  const builds = wasmBuilds(page);
  await page.goto(`${BASE}/channels/ch_support/profile/review`);
  await expect(app.getByRole('heading', { name: 'Profile confirmed' })).toBeVisible();
  await expect(app.getByRole('button', { name: 'Continue to Facebook' })).toBeVisible();
  expect(await wordless(app)).toEqual([]);
  expect(builds[0]).toBe('review');

  const ask = app.getByRole('button', { name: 'Ask a colleague to do the Facebook step' });
  await expect(ask).toHaveAttribute('aria-expanded', 'false');
  await ask.focus();
  await page.keyboard.press('Enter');
  const problem = app.getByRole('alert');
  await expect(problem).toContainText('We could not open the form. Check your connection and try again.');
  await expect(app.getByLabel("Colleague's email")).toBeHidden();
  reachable = true;
  await problem.getByRole('button', { name: 'Try again' }).click();
  // The full app, at the same address, with the form open and the focus on the button that opened it.
  await expect(app.getByLabel("Colleague's email")).toBeVisible();
  await expect(ask).toHaveAttribute('aria-expanded', 'true');
  await expect(ask).toBeFocused();
  expect(besidesTheFullApp(builds)).toEqual(['review']);
  await page.keyboard.press('Tab');
  await expect(app.getByLabel("Colleague's email")).toBeFocused();
  await page.keyboard.type('fb-admin@northwind.example');
  await app.getByRole('button', { name: 'Send the link' }).click();
  await expect(app.getByText('Waiting for fb-admin@northwind.example')).toBeVisible();
  expect((await backend.mailbox()).some((m) => m.to === 'fb-admin@northwind.example')).toBe(true);
  // The portal heard of the page once, from the build that showed it first, and was told ready once.
  const events: { type: string; step?: string }[] = await page.evaluate(() => (window as any).portal.events);
  expect(events.filter((e) => e.type === 'step')).toEqual([{ type: 'step', step: 'profile_review', channelId: 'ch_support' }]);
  expect(events.filter((e) => e.type === 'ready')).toHaveLength(1);
});

test('the channels page opened cold without a session hands the login to its own build, without the full app, and logging in comes back to the channels', async ({ page, backend }) => {
  await backend.reset(DEMO_PASSWORD);
  const builds = wasmBuilds(page);
  const release = await holdTheFullApp(page);
  await page.goto('/channels');
  // Neither the channels build nor the full app has the login page (it would add
  // about 21 KB to this first load, 14 KB to the full app's): the entry build has it.
  await expect(page).toHaveURL(/\/login\?next=%2Fchannels$/);
  await expect(page.getByRole('heading', { level: 1, name: 'Log in' })).toBeVisible();
  expect(await wordless(page)).toEqual([]);
  expect(besidesTheFullApp(builds)).toEqual(['channels', 'entry']);
  release();
  await logIn(page);
  await expect(page.getByRole('heading', { level: 1, name: 'WhatsApp channels' })).toBeVisible();
  await expect(page).toHaveURL(/\/channels$/);
  expect(besidesTheFullApp(builds)).toEqual(['channels', 'entry']);
});

test('the channels page opened cold gets its answers and draws them before the full app is fetched, which comes after', async ({ loggedIn: page }) => {
  // The channels' answer takes 400 ms: the page is idle while it waits for it.
  await page.route(/\/api\/channels$/, async (route) => {
    await new Promise((resolve) => setTimeout(resolve, 400));
    await route.continue();
  });
  const card = page.getByRole('listitem', { name: 'Customer Support' });
  // Whether the list was on screen when the page asked for the full app's code.
  let listShownFirst: boolean | undefined;
  await page.route(/\/whatsapp-onboarding-[0-9a-f]+_bg\.wasm$/, async (route) => {
    listShownFirst ??= await card.isVisible();
    await route.continue();
  });
  await page.goto('/channels');
  await expect(card).toBeVisible();
  // The full app still comes, for the page the user opens next.
  await expect.poll(() => listShownFirst, { timeout: 10_000 }).toBe(true);
  await page.getByRole('link', { name: 'Request a WhatsApp channel' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Request a WhatsApp channel' })).toBeVisible();
});

test("a profile opened from the channels page opened cold carries on at its page and lets the user go: its Back link, the header and the browser's Back each return to the channels", async ({ loggedIn: page }) => {
  await page.goto('/channels');
  const channels = page.getByRole('heading', { level: 1, name: 'WhatsApp channels' });
  const setUp = page.getByRole('link', { name: 'Set up the WhatsApp profile for Customer Support' });
  const openProfile = async () => {
    await setUp.click();
    // The channel's profile address carries on at page 1, where this profile is.
    await expect(page).toHaveURL(/\/channels\/ch_support\/profile\/account$/);
    await expect(page.getByRole('heading', { level: 1, name: 'WhatsApp account information' })).toBeVisible();
  };
  // On the channels page, and still there a moment later: it once went straight back to the profile.
  const backOnTheChannels = async (how: string) => {
    await expect(setUp, how).toBeVisible();
    await page.waitForTimeout(1000);
    await expect(page, how).toHaveURL(/\/channels$/);
    await expect(channels, how).toBeVisible();
  };

  await openProfile();
  await page.getByRole('link', { name: 'Back to WhatsApp channels' }).click();
  await backOnTheChannels('the Back link');

  await openProfile();
  await page.getByRole('navigation').getByRole('link', { name: 'WhatsApp channels', exact: true }).click();
  await backOnTheChannels("the header's link");

  // The history keeps the channels page before the profile: the profile's own
  // address did not take its place.
  await openProfile();
  await page.goBack();
  await backOnTheChannels("the browser's Back");
  await page.goForward();
  await expect(page).toHaveURL(/\/channels\/ch_support\/profile\/account$/);
  await expect(page.getByRole('heading', { level: 1, name: 'WhatsApp account information' })).toBeVisible();
});
