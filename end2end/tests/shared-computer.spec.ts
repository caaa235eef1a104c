// A shared computer: what one person typed (profile drafts, form text, a Facebook
// sign-up under way) leaves the browser when they log out, and the next account to log
// in on it never sees it nor sends it.
import { test, expect, logIn, type Page, type Backend } from './fixtures';
import { toFacebook } from './signup-steps';

const SECRET = 'Northwind private tagline';

/** Everything the app keeps in web storage, as text. */
async function stored(page: Page) {
  return page.evaluate(() => JSON.stringify({ local: { ...localStorage }, session: { ...sessionStorage } }));
}

/** The names of the draft mirrors in localStorage. */
async function drafts(page: Page) {
  return page.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith('draft:')));
}

/**
 * Types the secret into Tagline while saves cannot reach the backend, then ends the
 * session: the text waits only in the browser's copy, and the page asks to log in.
 */
async function leaveUnsaved(page: Page, backend: Backend) {
  await backend.fault('PATCH', '/api/channels/ch_support/profile', { kind: 'status', status: 503 }, 50);
  await page.getByLabel('Tagline').fill(SECRET);
  await expect.poll(() => stored(page)).toContain(SECRET);
  await backend.clearFaults();
  await backend.expireSessions();
  await page.reload();
  await expect(page).toHaveURL(/\/login\?/);
}

test.describe('on a shared computer', () => {
  test('logging out removes the profile draft and the Facebook sign-up under way', async ({ reviewPage: page }) => {
    // A sign-up started and abandoned: the dialog, then Back to the app.
    await toFacebook(page);
    await page.goBack();
    await expect(page.getByRole('heading', { name: 'Profile confirmed' })).toBeVisible();
    await page.goto('/channels/ch_support/profile/account');
    await page.getByLabel('Tagline').fill(SECRET);
    await expect(page.getByRole('status').filter({ hasText: 'Saved' })).toBeVisible();
    expect(await drafts(page)).toHaveLength(1);
    expect(await stored(page)).toContain(SECRET);
    expect(await stored(page)).toContain('facebook-signup');

    await page.getByRole('button', { name: 'Log out' }).click();
    // Logged out once the page says so (while the backend is asked, the button reads
    // "Logging out…", and nothing is removed yet).
    await expect(page.getByRole('status').filter({ hasText: 'You have logged out.' })).toBeVisible();
    expect(await drafts(page)).toEqual([]);
    const left = await stored(page);
    expect(left).not.toContain(SECRET);
    expect(left).not.toContain('facebook-signup');
  });

  test('after a session ends unsaved, the next account to log in neither sees nor sends what was typed', async ({ profilePage: page, backend }) => {
    await leaveUnsaved(page, backend);
    const sent: string[] = [];
    page.on('request', (r) => {
      if (r.method() !== 'GET') sent.push(r.postData() ?? '');
    });
    await logIn(page, 'admin@contoso.example');
    // Sent back to where the session ended: another account's channel, which this one cannot open.
    await expect(page).not.toHaveURL(/\/login/);
    await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
    await expect(page.getByText(SECRET)).toHaveCount(0);
    const now = (await (await page.request.get('/api/session')).json()).account.id;
    expect((await drafts(page)).filter((k) => !k.startsWith(`draft:${now}:`)), 'drafts of another account').toEqual([]);
    expect(await stored(page)).not.toContain(SECRET);
    // Whatever the page sent after the other account logged in, none of it was the text.
    await page.goto('/channels');
    await expect(page.getByRole('heading', { level: 1, name: 'WhatsApp channels' })).toBeVisible();
    expect(sent.join('\n')).not.toContain(SECRET);
  });

  test('the same account logging in again finds its unsaved text where it left it', async ({ profilePage: page, backend }) => {
    await leaveUnsaved(page, backend);
    await logIn(page);
    await expect(page.getByLabel('Tagline')).toHaveValue(SECRET);
    // And it is saved now that the backend answers.
    await expect(page.getByRole('status').filter({ hasText: 'Saved' })).toBeVisible();
    await expect.poll(async () => (await backend.state()).data.channels.find((c: any) => c.channel.id === 'ch_support').profile.draft.tagline).toBe(SECRET);
  });
});
