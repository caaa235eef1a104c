// Cross-site scripting: a list of known payloads (xss-payloads.ts) typed into every
// free-text field of the journey and shown everywhere the text appears. None may run
// (`__xss` records a call; the fixtures' guard fails on a dialog, a page error or a CSP
// violation), none may load anything from another host, and each is shown as the text typed.
import { test, expect, apiCall, type Page } from './fixtures';
import { toFacebook, logInToFacebook, givePermission, latestCode, enterCode, finishRegistered } from './signup-steps';
import { PAYLOADS } from './xss-payloads';

/** Records any payload that runs, and any request to a host that is not this machine. */
async function watch(page: Page) {
  await page.addInitScript(() => {
    const w = window as unknown as { __xss: (x: unknown) => void; __xssRan: string[]; __csp: string[] };
    w.__xssRan = [];
    w.__csp = [];
    w.__xss = (x) => w.__xssRan.push(String(x));
    document.addEventListener('securitypolicyviolation', (e) => w.__csp.push(`${e.violatedDirective} ${e.blockedURI}`), true);
  });
  const foreign: string[] = [];
  page.on('request', (r) => {
    const host = new URL(r.url()).hostname;
    if (!['127.0.0.1', 'localhost'].includes(host) && !r.url().startsWith('data:')) foreign.push(r.url());
  });
  /** Fails when a payload ran on the page as it is now, or anything was fetched from elsewhere. */
  return async (where: string) => {
    const seen = await page.evaluate(() => {
      const w = window as unknown as { __xssRan?: string[]; __csp?: string[] };
      return { ran: w.__xssRan ?? ['(the hook is gone: a payload replaced the page)'], csp: w.__csp ?? [] };
    });
    expect(seen.ran, `payloads that ran on ${where}`).toEqual([]);
    expect(seen.csp, `CSP violations on ${where}`).toEqual([]);
    expect(foreign, `requests to other hosts from ${where}`).toEqual([]);
  };
}

/** The text of every element matching `selector` on the page, shadow roots included. */
async function texts(page: Page, selector: string): Promise<string[]> {
  return page.locator(selector).allTextContents();
}

/** The payloads a PATCH of `field` accepts, one call each (the rest are refused with a message). */
async function accepted(page: Page, field: string, payloads: string[]): Promise<string[]> {
  const ok: string[] = [];
  for (const p of payloads) {
    const r = await apiCall(page, 'PATCH', '/api/channels/ch_support/profile', { fields: { [field]: p } });
    if (r.status() === 200) ok.push(p);
    else expect(r.status(), `${field} = ${JSON.stringify(p).slice(0, 60)}: ${await r.text()}`).toBe(422);
  }
  return ok;
}

/** `payloads` joined by line breaks, in groups no longer than `max` characters. */
function chunks(payloads: string[], max: number): string[] {
  const out: string[] = [];
  let current = '';
  for (const p of payloads) {
    if (p.length > max) continue;
    const next = current ? `${current}\n${p}` : p;
    if (next.length > max) {
      out.push(current);
      current = p;
    } else current = next;
  }
  if (current) out.push(current);
  return out;
}

test.describe('cross-site scripting', () => {
  test('channel names: each is refused with a message or shown as typed on the channels page, in the search and in the mailbox', async ({ loggedIn: page }) => {
    test.setTimeout(120_000);
    expect(new Set(PAYLOADS).size, 'distinct payloads').toBeGreaterThanOrEqual(50);
    const check = await watch(page);
    await page.reload();
    // Typed into the form: the first few, through the page.
    const typed = PAYLOADS.slice(0, 6);
    const stored: string[] = [];
    for (const name of typed) {
      await page.goto('/channels/new');
      await page.getByLabel('Channel name').fill(name);
      await expect(page.getByLabel('Channel name')).toHaveValue(name);
      await page.getByLabel('Routing script').selectOption({ index: 1 });
      await page.getByRole('button', { name: 'Request channel' }).click();
      await expect(page.getByRole('status').filter({ hasText: 'Channel requested' })).toBeVisible();
      stored.push(name);
      await check(`the request form with ${name}`);
    }
    // The rest through the API, as the form sends them.
    const scripts = await (await page.request.get('/api/routing-scripts')).json();
    for (const name of PAYLOADS.slice(6)) {
      const r = await apiCall(page, 'POST', '/api/channels', { name, routing_script_id: scripts[0].id });
      if (r.status() === 201) stored.push(name);
      else expect([409, 422], `${JSON.stringify(name).slice(0, 60)}: ${await r.text()}`).toContain(r.status());
    }
    expect(stored.length, 'most payloads are valid channel names').toBeGreaterThanOrEqual(40);

    await page.goto('/channels');
    await expect(page.getByRole('heading', { level: 1, name: 'WhatsApp channels' })).toBeVisible();
    const search = page.getByRole('searchbox', { name: 'Search channels' });
    for (const name of stored) {
      await search.fill(name);
      await expect(search).toHaveValue(name);
      await expect.poll(() => texts(page, 'h2'), { message: `the channel named ${name}` }).toContain(name.trim());
    }
    await check('the channels page');

    await page.goto('/dev/mailbox');
    const mailbox = (await page.locator('body').textContent()) ?? '';
    for (const name of stored) expect(mailbox, `the request email for ${name}`).toContain(name.trim());
    await check('the dev mailbox');
  });

  test('profile fields: each typed payload shows as typed in its field and in the live preview', async ({ profilePage: page }) => {
    test.setTimeout(120_000);
    const check = await watch(page);
    await page.reload();
    await expect(page.getByLabel('Tagline')).toBeVisible();
    const preview = page.getByRole('region', { name: 'How it will look in WhatsApp' });
    for (const p of PAYLOADS) {
      for (const label of ['Tagline', 'Description']) {
        await page.getByLabel(label).fill(p);
        await expect(page.getByLabel(label)).toHaveValue(p);
      }
      // The preview shows what is typed as it is typed (a payload is never markup there).
      // A tagline over its limit is refused and cut in the preview: compare its start.
      const expected = p.length <= 139 ? p.trim() : p.slice(0, 20);
      await expect.poll(() => preview.textContent(), { message: `the preview of ${p.slice(0, 40)}` }).toContain(expected);
    }
    await check('page 1 of the profile');

    await page.goto('/channels/ch_support/profile/contact');
    await expect(page.getByLabel('Business address')).toBeVisible();
    for (const p of PAYLOADS) {
      await page.getByLabel('Business address').fill(p);
      await expect(page.getByLabel('Business address')).toHaveValue(p);
    }
    await check('page 2 of the profile');
  });

  test('review, confirmation and the simulated dialog show stored payloads as text', async ({ reviewPage: page, backend }) => {
    test.setTimeout(150_000);
    const check = await watch(page);
    const descriptions = chunks(await accepted(page, 'description', PAYLOADS), 512);
    const taglines = await accepted(page, 'tagline', PAYLOADS);
    const addresses = await accepted(page, 'address', PAYLOADS);
    expect(descriptions.length).toBeGreaterThan(1);
    expect(taglines.length).toBeGreaterThanOrEqual(40);

    for (const [i, description] of descriptions.entries()) {
      const tagline = taglines[i % taglines.length];
      const address = addresses[i % addresses.length];
      const r = await apiCall(page, 'PATCH', '/api/channels/ch_support/profile', { fields: { description, tagline, address } });
      expect(r.status(), await r.text()).toBe(200);
      await page.goto('/channels/ch_support/profile/review');
      await expect(page.getByRole('heading', { name: 'Profile confirmed' })).toBeVisible();
      const shown = (await page.locator('main').textContent()) ?? '';
      for (const line of description.split('\n')) expect(shown, 'the description on the review page').toContain(line.trim());
      expect(shown).toContain(tagline.trim());
      expect(shown).toContain(address.trim());
      await check(`the review page (description ${i + 1} of ${descriptions.length})`);
    }

    // The dialog is pre-filled with the description, and the user may type another.
    await toFacebook(page);
    await check('the dialog');
    await logInToFacebook(page);
    await givePermission(page);
    await page.getByRole('button', { name: 'Continue' }).click();
    const last = descriptions[descriptions.length - 1];
    await expect(page.getByLabel('Description')).toHaveValue(last);
    await page.getByLabel('Description').fill(descriptions[0]);
    await page.getByRole('button', { name: 'Continue' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Verify your phone number' })).toBeVisible();
    await check('the dialog after the description');
    await page.getByLabel('Text message (SMS)').check();
    await page.getByRole('button', { name: 'Confirm' }).click();
    await enterCode(page, await latestCode(backend));
    await finishRegistered(page);
    // Back in the app: the confirmation summarises the profile.
    await page.getByRole('link', { name: 'Choose the number and channel' }).click();
    await expect(page.getByLabel('Channel', { exact: true })).toHaveValue('ch_support');
    await page.getByRole('button', { name: 'Next' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Check and confirm' })).toBeVisible();
    const summary = (await page.locator('main').textContent()) ?? '';
    // The description is the one confirmed on the dialog.
    for (const line of descriptions[0].split('\n')) expect(summary, 'the description on the confirmation page').toContain(line.trim());
    await check('the confirmation page');
  });

  test('the search box and the pricing input show payloads as typed and run none', async ({ loggedIn: page, backend }) => {
    test.setTimeout(90_000);
    const check = await watch(page);
    // The search shows once there are more than five channels.
    expect((await backend.request.post('/api/test/many-channels', { data: { count: 10 } })).status()).toBe(204);
    await page.reload();
    const search = page.getByRole('searchbox', { name: 'Search channels' });
    for (const p of PAYLOADS) {
      await search.fill(p);
      await expect(search).toHaveValue(p);
      await expect(page.getByText('No channel matches. Try another search or state.')).toBeVisible();
    }
    await check('the channels search');

    await page.goto('/pricing');
    const sessions = page.getByLabel('Sessions per month');
    for (const p of PAYLOADS) {
      await sessions.fill(p);
      await page.getByRole('button', { name: 'Estimate cost' }).click();
      await expect(sessions).toHaveValue(p);
      await expect(page.getByRole('link', { name: /Sessions per month/ }).or(page.getByRole('alert'))).not.toHaveCount(0);
    }
    await check('the pricing page');
  });
});
