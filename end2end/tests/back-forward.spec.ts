import { test, expect, PROFILE } from './fixtures';
import { launchOptions } from '../chromium';
import { toFacebook, upToCode, latestCode, enterCode, finishRegistered, numbers, registerNumber } from './signup-steps';

// Playwright launches Chromium without its back/forward cache; a user's browser has
// one, and shows a page left for Facebook again as it was left when they press Back.
// (Playwright takes this option for a whole file only: it needs a browser of its own.)
test.use({ launchOptions: { ...launchOptions, ignoreDefaultArgs: ['--disable-back-forward-cache'] } });

test.describe("coming back from Facebook with the browser's Back button", () => {
  test('the review page is there as it was left, and Continue to Facebook starts a new sign-up that finishes', async ({ reviewPage: page, backend }) => {
    // A mark on the page: still there after Back when the browser kept the page, gone if it loaded it again.
    await page.evaluate(() => { (window as any).__leftForFacebook = true; });
    const first = page.waitForRequest((r) => r.url().includes('/dialog/oauth'));
    await toFacebook(page);
    const firstState = new URL((await first).url()).searchParams.get('state');

    // Restored from the cache, the page fires no load event for goBack to wait for.
    await page.goBack({ waitUntil: 'commit' });
    await expect(page.getByRole('heading', { level: 1, name: 'Check your profile' })).toBeVisible();
    expect(await page.evaluate(() => (window as any).__leftForFacebook), 'the page kept, not loaded again').toBe(true);
    // Not stuck on "Opening Facebook…", as it was when the user left.
    const button = page.getByRole('button', { name: 'Continue to Facebook' });
    await expect(button).toBeEnabled();
    await expect(page.getByText('Opening Facebook…')).toHaveCount(0);

    const second = page.waitForRequest((r) => r.url().includes('/dialog/oauth'));
    await toFacebook(page);
    const secondState = new URL((await second).url()).searchParams.get('state');
    expect(secondState).toMatch(/^[0-9a-f]{64}$/);
    expect(secondState, 'a new attempt, with a state of its own').not.toBe(firstState);
    await upToCode(page);
    await enterCode(page, await latestCode(backend));
    await finishRegistered(page);
    await expect(page.getByText('Facebook registered +44 7400 123456 for Northwind Bakery')).toBeVisible();
    expect(await numbers(backend)).toHaveLength(1);
  });

  test('a page kept while the user logged out in a later page shows nothing of theirs, and asks to log in', async ({ reviewPage: page }) => {
    await page.evaluate(() => { (window as any).__leftForFacebook = true; });
    await toFacebook(page);
    // On the same computer, the app opened again in this tab, and the user logs out there.
    await page.goto('/channels');
    await page.getByRole('button', { name: 'Log out' }).click();
    await expect(page.getByRole('status').filter({ hasText: 'You have logged out.' })).toBeVisible();

    // The next person presses Back, past the app's pages since, to the review the
    // browser kept (Chromium skips the dialog, which the user never touched).
    const kept = () => page.evaluate(() => (window as any).__leftForFacebook === true).catch(() => false);
    for (let i = 0; i < 5 && !(await kept()); i++) await page.goBack({ waitUntil: 'commit' });
    expect(await kept(), 'the review page kept, not loaded again').toBe(true);
    await expect(page).toHaveURL(/\/login\?/);
    await expect(page.getByRole('heading', { level: 1, name: 'Log in' })).toBeVisible();
    await expect(page.getByText(PROFILE.business_name)).toHaveCount(0);
    await expect(page.getByRole('button', { name: 'Continue to Facebook' })).toHaveCount(0);
  });

  test('a page kept while the sign-up finished in another tab offers the number, not Facebook again', async ({ reviewPage: page, backend, context }) => {
    await page.evaluate(() => { (window as any).__leftForFacebook = true; });
    await toFacebook(page);
    // The user finishes the sign-up in another tab.
    const other = await context.newPage();
    await other.goto('/channels/ch_support/profile/review');
    await registerNumber(other, backend);
    await other.close();

    // Back in the first tab, Back shows the review as the browser kept it.
    await page.goBack({ waitUntil: 'commit' });
    await expect(page.getByRole('heading', { level: 2, name: 'Your number is registered' })).toBeVisible();
    expect(await page.evaluate(() => (window as any).__leftForFacebook), 'the page kept, not loaded again').toBe(true);
    await expect(page.getByRole('button', { name: 'Continue to Facebook' })).toHaveCount(0);
    await page.getByRole('link', { name: 'Choose the number and channel' }).click();
    await expect(page).toHaveURL(/\/channels\/ch_support\/confirm$/);
    await expect(page.getByLabel('Channel', { exact: true })).toHaveValue('ch_support');
  });
});
