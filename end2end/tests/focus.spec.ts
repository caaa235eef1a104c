// Where the keyboard is after a move to another page, or to another step of one.
// The link or button the user pressed goes away with the page it was on, and the
// focus would fall back to the top of the document: a screen reader would say
// nothing of the new page, and the next Tab would start again at the skip link.
// So the new page's heading takes the focus, unless the page put it on a field
// itself; a page opened cold is left as the browser starts it.
import { test, expect, DEMO_EMAIL, DEMO_PASSWORD, type Page } from './fixtures';
import { registerNumber } from './signup-steps';

const heading = (page: Page, name: string) => page.getByRole('heading', { level: 1, name });

/** The tag of the element with the focus, inside the app's shadow root if it is there. */
function focused(page: Page) {
  return page.evaluate(() => {
    let active = document.activeElement;
    while (active?.shadowRoot?.activeElement) active = active.shadowRoot.activeElement;
    return active?.tagName;
  });
}

/** Waits two frames: by then a move would have given the focus away. */
function twoFrames(page: Page) {
  return page.evaluate(() => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done))));
}

/** Presses Enter on `name`'s button, as a keyboard user does. */
async function pressButton(page: Page, name: string) {
  await page.getByRole('button', { name, exact: true }).press('Enter');
}

for (const when of ['after the app has loaded', 'before the app has loaded'] as const) {
  test(`logging in by keyboard ${when} lands on the channels heading, and the next Tab goes on from there, not from the top`, async ({ page, backend }) => {
    await backend.reset(DEMO_PASSWORD);
    // index.html's own login form takes the typing and the press until the app is there.
    let release = () => {};
    if (when === 'before the app has loaded') {
      const held = new Promise<void>((resolve) => (release = resolve));
      await page.route(/\/entry-[0-9a-f]+_bg\.wasm$/, async (route) => {
        await held;
        await route.continue();
      });
    }
    await page.goto('/login?next=%2Fchannels');
    if (when === 'after the app has loaded') await expect(page.locator('#prerendered-login')).toHaveCount(0);
    await page.getByLabel('Email', { exact: true }).fill(DEMO_EMAIL);
    await page.getByLabel('Password', { exact: true }).fill(DEMO_PASSWORD);
    await page.getByLabel('Password', { exact: true }).press('Enter');
    release();
    await expect(heading(page, 'WhatsApp channels')).toBeFocused();
    await expect(page.getByRole('link', { name: 'Request a WhatsApp channel' })).toBeVisible();
    await page.keyboard.press('Tab');
    await expect(page.getByRole('link', { name: 'Request a WhatsApp channel' })).toBeFocused();
  });
}

test('Next on each profile page lands on the next page heading, the review starts at its heading, not on a Change link, and confirming lands on the confirmation', async ({ profilePage: page }) => {
  await page.getByLabel('Phone number', { exact: true }).fill('07400 123456');
  await page.getByLabel('Business name').fill('Northwind Bakery');
  await page.getByLabel('Category').selectOption({ label: 'Shopping and retail' });
  await page.getByLabel('Tagline').fill('Fresh bread, baked daily');
  await page.getByLabel('Description').fill('Family bakery since 1952.');
  await pressButton(page, 'Next');
  await expect(heading(page, 'Contact details and picture')).toBeFocused();

  await page.getByLabel('Contact email').fill('help@northwind.example');
  // The last field the user was in on this page is the address, which the review
  // also has (its Change link): that is no place to start the review.
  await page.getByLabel('Business address').fill('1 High Street');
  await pressButton(page, 'Next');
  await expect(heading(page, 'Check your profile')).toBeFocused();

  // A reload starts at the top of the review as well: no field was focused on it.
  await page.reload();
  await expect(heading(page, 'Check your profile')).toBeVisible();
  await twoFrames(page);
  await expect(page.getByRole('link', { name: 'Change business address' })).not.toBeFocused();

  // Confirming replaces the form and its button: the confirmation takes the focus.
  await page.getByLabel('I confirm my business name is “Northwind Bakery” and understand it cannot be changed').press('Space');
  await pressButton(page, 'Confirm profile');
  await expect(page.getByRole('heading', { level: 2, name: 'Profile confirmed' })).toBeFocused();
});

test('each step of the number confirmation takes the focus to its heading, and Change puts it on the choice to change', async ({ reviewPage: page, backend }) => {
  await registerNumber(page, backend);
  await page.getByRole('link', { name: 'Choose the number and channel' }).press('Enter');
  await expect(heading(page, 'Choose the number and channel')).toBeFocused();
  await expect(page.getByLabel('Registered number')).toHaveValue(/^pn_/);
  await pressButton(page, 'Next');
  await expect(heading(page, 'Check and confirm')).toBeFocused();

  const summary = page.getByRole('region', { name: 'What will be linked' });
  await summary.getByRole('button', { name: 'Change registered number' }).press('Enter');
  await expect(page.getByLabel('Registered number')).toBeFocused();
  await pressButton(page, 'Next');
  await expect(heading(page, 'Check and confirm')).toBeFocused();
  await summary.getByRole('button', { name: 'Change channel' }).press('Enter');
  await expect(page.getByLabel('Channel', { exact: true })).toBeFocused();
  await pressButton(page, 'Next');

  await pressButton(page, 'Confirm');
  await expect(heading(page, 'Your WhatsApp number is linked')).toBeFocused();
});

test("a header link moves the focus to the new page's heading, and Back to the heading of the page before", async ({ loggedIn: page }) => {
  await page.getByRole('banner').getByRole('link', { name: 'Pricing' }).press('Enter');
  await expect(heading(page, 'WhatsApp pricing')).toBeFocused();
  await page.goBack();
  await expect(heading(page, 'WhatsApp channels')).toBeFocused();
});

test('a page opened cold, even one that moves on to another address, leaves the focus where the browser starts it', async ({ loggedIn: page }) => {
  await page.goto('/channels/ch_support/profile');
  await expect(page).toHaveURL(/\/channels\/ch_support\/profile\/account$/);
  await expect(heading(page, 'WhatsApp account information')).toBeVisible();
  await twoFrames(page);
  expect(await focused(page)).toBe('BODY');
});

test("asking a colleague, sending again and cancelling each put the focus on what became of the request, on the review and on the channel's card", async ({ reviewPage: page }) => {
  const colleague = 'fb-admin@northwind.example';
  await pressButton(page, 'Ask a colleague to do the Facebook step');
  await page.getByLabel("Colleague's email").fill(colleague);
  // The form and its button give way to who the link waits for.
  await pressButton(page, 'Send the link');
  await expect(page.getByText(`Waiting for ${colleague}`)).toBeVisible();
  await expect(page.locator('p').filter({ hasText: `Waiting for ${colleague}` })).toBeFocused();
  // The next Tab goes on from there: to the buttons below it.
  await page.keyboard.press('Tab');
  await expect(page.getByRole('button', { name: 'Send the link again' })).toBeFocused();
  // Sending again changes the panel in place, under the button: its new line says so, and takes the focus.
  await page.keyboard.press('Enter');
  await expect(page.getByText(/^A new link was sent at .*; the one before no longer works\. The new link works until /)).toBeFocused();
  await page.keyboard.press('Tab');
  await expect(page.getByRole('button', { name: 'Send the link again' })).toBeFocused();
  await pressButton(page, 'Cancel the request');
  await expect(page.getByText(`You cancelled the request to ${colleague}`)).toBeFocused();

  // On the channels page, the card of the channel whose button it was.
  await pressButton(page, 'Ask a colleague to do the Facebook step');
  await page.getByLabel("Colleague's email").fill(colleague);
  await pressButton(page, 'Send the link');
  await expect(page.locator('p').filter({ hasText: `Waiting for ${colleague}` })).toBeFocused();
  await page.getByRole('banner').getByRole('link', { name: 'WhatsApp channels' }).press('Enter');
  await expect(heading(page, 'WhatsApp channels')).toBeFocused();
  const card = page.getByRole('listitem').filter({ has: page.getByRole('heading', { name: 'Customer Support' }) });
  await card.getByRole('button', { name: 'Cancel the request for Customer Support' }).press('Enter');
  await expect(card.getByText(`You cancelled the request to ${colleague}`)).toBeFocused();
});

test("a channel's profile opened from the channels page has the focus on its heading, after moving on to the page the user was last on, and a problem drawn in the page's place takes it", async ({ loggedIn: page, backend }) => {
  const profileLink = page.getByRole('link', { name: 'Set up the WhatsApp profile for Customer Support' });
  // The link's address, /channels/ch_support/profile, moves on to the first page: the focus follows to its heading.
  await profileLink.press('Enter');
  await expect(page).toHaveURL(/\/channels\/ch_support\/profile\/account$/);
  await expect(heading(page, 'WhatsApp account information')).toBeFocused();

  await page.getByRole('banner').getByRole('link', { name: 'WhatsApp channels' }).press('Enter');
  await expect(heading(page, 'WhatsApp channels')).toBeFocused();
  await backend.fault('GET', '/api/channels/ch_support/profile', { kind: 'status', status: 500 }, 5);
  await profileLink.press('Enter');
  await expect(heading(page, 'We could not open the profile')).toBeFocused();
  // Tabbing goes on from the problem, not from the top of the page: back one is the link above it.
  await page.keyboard.press('Shift+Tab');
  await expect(page.getByRole('link', { name: 'Check what you need before you start' })).toBeFocused();
});
