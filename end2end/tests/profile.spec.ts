import { test, expect, expectAccessible, apiCall, completeProfile, PROFILE, type Page } from './fixtures';

const PAGE1 = {
  phone: '07400 123456',
  business: 'Northwind Bakery',
  category: 'Shopping and retail',
  tagline: 'Fresh bread, baked daily',
  description: 'Family bakery since 1952.\nOrders and questions answered by our team.',
};
const PAGE2 = { email: 'help@northwind.example', website: 'https://www.northwind.example', address: '1 High Street\nLondon' };

async function fillPage1(page: Page, v = PAGE1) {
  await page.getByLabel('Phone number', { exact: true }).fill(v.phone);
  await page.getByLabel('Business name').fill(v.business);
  await page.getByLabel('Category').selectOption({ label: v.category });
  await page.getByLabel('Tagline').fill(v.tagline);
  await page.getByLabel('Description').fill(v.description);
}

async function fillPage2(page: Page, v = PAGE2) {
  await page.getByLabel('Contact email').fill(v.email);
  await page.getByLabel('Website URL').fill(v.website);
  await page.getByLabel('Business address').fill(v.address);
}

async function next(page: Page) {
  await page.getByRole('button', { name: 'Next' }).click();
}

const summary = (page: Page) => page.getByRole('alert').filter({ hasText: 'There is a problem' });

test.describe('the WhatsApp business profile', () => {
  test('both pages with valid answers lead to the review, which confirms the business name', async ({ profilePage: page, backend }) => {
    await expect(page.getByText('Step 1 of 3')).toBeVisible();
    for (const label of ['Channel name', 'Phone number', 'Business name', 'Category', 'Tagline', 'Description']) {
      await expect(page.getByLabel(label, { exact: true })).toBeVisible();
    }
    await expect(page.getByLabel('Business name')).toHaveAccessibleDescription(/cannot be changed once your channel is set up/);
    await expect(page.getByLabel('Phone number', { exact: true })).toHaveAccessibleDescription(/never have been used with WhatsApp Business/);
    await expectAccessible(page);
    await fillPage1(page);
    // In international format, grouped as the user grouped it, and in the preview as WhatsApp shows it.
    await expect(page.getByText('In international format: +44 7400 123456')).toBeVisible();
    await expect(page.getByTestId('whatsapp-preview')).toContainText('+44 7400 123456');
    await expect(page.getByLabel('Tagline')).toHaveAccessibleDescription(/You have 115 characters remaining/);
    await next(page);

    await expect(page.getByRole('heading', { level: 1, name: 'Contact details and picture' })).toBeVisible();
    for (const label of ['Contact email', 'Website URL', 'Profile picture', 'Business address']) {
      await expect(page.getByLabel(label, { exact: true })).toBeVisible();
    }
    await expectAccessible(page);
    await fillPage2(page);
    await next(page);

    await expect(page.getByRole('heading', { level: 1, name: 'Check your profile' })).toBeVisible();
    const row = (key: string) => page.getByRole('region', { name: 'Your answers' }).getByRole('term').filter({ hasText: new RegExp(`^${key}$`) }).locator('xpath=following-sibling::dd[1]');
    await expect(row('Phone number')).toHaveText('+44 7400 123456');
    await expect(row('Business name')).toHaveText('Northwind Bakery');
    await expect(row('Category')).toHaveText('Shopping and retail');
    await expect(row('Website URL')).toHaveText(PAGE2.website);
    await expectAccessible(page);

    // Change goes back to the field, and Next on its page returns here, past page 2.
    await page.getByRole('link', { name: 'Change tagline' }).click();
    await expect(page.getByLabel('Tagline')).toBeFocused();
    await page.getByLabel('Tagline').fill('Bread and cakes, baked daily');
    await next(page);
    await expect(page.getByRole('heading', { level: 1, name: 'Check your profile' })).toBeVisible();
    await expect(row('Tagline')).toHaveText('Bread and cakes, baked daily');

    await page.getByRole('button', { name: 'Confirm profile' }).click();
    await expect(summary(page).getByRole('link', { name: 'Confirm the business name, or change it before you continue' })).toBeVisible();
    const confirmName = page.getByLabel('I confirm my business name is “Northwind Bakery” and understand it cannot be changed');
    await expect(confirmName).toHaveAttribute('aria-invalid', 'true');
    await expect(confirmName).toHaveAccessibleDescription('Error: Confirm the business name, or change it before you continue');
    await expectAccessible(page);
    await confirmName.check();
    await page.getByRole('button', { name: 'Confirm profile' }).click();
    await expect(page.getByRole('heading', { name: 'Profile confirmed' })).toBeVisible();
    await expect(page.getByRole('link', { name: 'Change business name' })).toHaveCount(0);
    await expectAccessible(page);

    const channel = (await backend.state()).data.channels.find((c: any) => c.channel.id === 'ch_support');
    expect(channel.profile.complete).toBe(true);
    expect(channel.profile.draft.business_name).toBe('Northwind Bakery');
    expect(channel.channel.state).toBe('profile');
  });

  test('the review says "Not given" for an answer left empty, and shows it once given', async ({ profilePage: page }) => {
    await fillPage1(page, { ...PAGE1, description: '' });
    await next(page);
    await page.getByLabel('Contact email').fill(PAGE2.email);
    await next(page);
    await expect(page.getByRole('heading', { level: 1, name: 'Check your profile' })).toBeVisible();
    const row = (key: string) => page.getByRole('region', { name: 'Your answers' }).getByRole('term').filter({ hasText: new RegExp(`^${key}$`) }).locator('xpath=following-sibling::dd[1]');
    for (const key of ['Description', 'Website URL', 'Business address']) await expect(row(key), key).toHaveText('Not given');
    await expect(row('Profile picture')).toHaveText('No picture');
    await expect(row('Tagline')).toHaveText(PAGE1.tagline);
    await expect(row('Contact email')).toHaveText(PAGE2.email);

    await page.getByRole('link', { name: 'Change website URL' }).click();
    await page.getByLabel('Website URL').fill(PAGE2.website);
    await next(page);
    await expect(row('Website URL')).toHaveText(PAGE2.website);
    await expect(row('Business address')).toHaveText('Not given');
    await expectAccessible(page);
  });

  test('the review opened before the answers are in links each missing answer to its field, offers no empty name to confirm, and Confirm lists what is missing, each error linked to its answer', async ({ profilePage: page, backend }) => {
    // A bookmark to the review: only the channel name and country the profile starts with.
    await page.goto('/channels/ch_support/profile/review');
    await expect(page.getByRole('heading', { level: 1, name: 'Check your profile' })).toBeVisible();
    // A required answer not given is a link to give it, in place of its value, and has
    // no Change link; an optional one left empty is "Not given", with its Change link.
    const answers = page.getByRole('region', { name: 'Your answers' });
    const toGive = ['Enter phone number', 'Enter business name', 'Select category', 'Enter tagline', 'Enter contact email'];
    await expect(answers.getByRole('link', { name: /^(Enter|Select) / })).toHaveText(toGive);
    await expect(answers.getByRole('link', { name: /^Change / })).toHaveText([/^Change\s*channel name$/, /^Change\s*description$/, /^Change\s*website url$/, /^Change\s*profile picture$/, /^Change\s*business address$/]);
    const row = (key: string) => answers.getByRole('term').filter({ hasText: new RegExp(`^${key}$`) }).locator('xpath=following-sibling::dd[1]');
    await expect(row('Business name')).toHaveText('Enter business name');
    await expect(row('Website URL')).toHaveText('Not given');
    await answers.getByRole('link', { name: 'Select category' }).click();
    await expect(page).toHaveURL(/\/channels\/ch_support\/profile\/account\?focus=category$/);
    await expect(page.getByLabel('Category')).toBeFocused();
    await page.goBack();

    await expect(page.getByRole('checkbox')).toHaveCount(0);
    await expect(page.getByText('Your business name is not given yet: enter it on the first page, then confirm it here.')).toBeVisible();
    await page.getByRole('button', { name: 'Confirm profile' }).click();
    const errors = summary(page).getByRole('link');
    await expect(errors).toHaveText(['Enter a phone number', 'Enter a business name', 'Select a category', 'Enter a tagline', 'Enter an email address']);
    await errors.filter({ hasText: 'Enter a phone number' }).click();
    await expect(page.getByRole('link', { name: 'Enter phone number' })).toBeFocused();
    await errors.filter({ hasText: 'Enter a business name' }).click();
    await expect(page.getByRole('link', { name: 'Enter business name' })).toBeFocused();
    await page.keyboard.press('Enter');
    await expect(page.getByLabel('Business name')).toBeFocused();
    const channel = (await backend.state()).data.channels.find((c: any) => c.channel.id === 'ch_support');
    expect(channel.profile.complete).toBe(false);

    // With a name, the review shows it with its Change link, and offers it for confirmation.
    await page.getByLabel('Business name').fill(PAGE1.business);
    await page.goBack();
    await expect(row('Business name')).toHaveText(PAGE1.business);
    await expect(answers.getByRole('link', { name: 'Change business name' })).toBeVisible();
    await expect(page.getByLabel(`I confirm my business name is “${PAGE1.business}” and understand it cannot be changed`)).toBeVisible();
    await expect(page.getByText('Your business name is not given yet', { exact: false })).toHaveCount(0);
    await expectAccessible(page);
  });

  test('every Change link on the review page opens its own field, and Back returns to the review', async ({ profilePage: page }) => {
    expect((await apiCall(page, 'PATCH', '/api/channels/ch_support/profile', { fields: PROFILE })).status()).toBe(200);
    await page.goto('/channels/ch_support/profile/review');
    const answers = page.getByRole('region', { name: 'Your answers' });
    const rows: [string, string, string][] = [
      ['Channel name', 'account', 'channel_name'],
      ['Phone number', 'account', 'phone_number'],
      ['Business name', 'account', 'business_name'],
      ['Category', 'account', 'category'],
      ['Tagline', 'account', 'tagline'],
      ['Description', 'account', 'description'],
      ['Contact email', 'contact', 'contact_email'],
      ['Website URL', 'contact', 'website'],
      ['Profile picture', 'contact', 'picture_id'],
      ['Business address', 'contact', 'address'],
    ];
    await expect(answers.getByRole('link', { name: /^Change / })).toHaveCount(rows.length);
    for (const [label, pageSlug, field] of rows) {
      await answers.getByRole('link', { name: `Change ${label.toLowerCase()}`, exact: true }).click();
      await expect(page).toHaveURL(new RegExp(`/channels/ch_support/profile/${pageSlug}\\?focus=${field}$`));
      await expect(page.getByLabel(label, { exact: true })).toBeFocused();
      await page.goBack();
      await expect(page.getByRole('heading', { level: 1, name: 'Check your profile' })).toBeVisible();
    }
  });

  test('page 1: every missing answer is explained and linked to its field', async ({ profilePage: page }) => {
    await page.getByLabel('Channel name').fill('');
    await next(page);
    await expect(page).toHaveTitle(/^Error: WhatsApp account information/);
    const links = summary(page).getByRole('link');
    await expect(links).toHaveText([
      'Enter a channel name',
      'Enter a phone number',
      'Enter a business name',
      'Select a category',
      'Enter a tagline',
    ]);
    await expectAccessible(page);
    for (const [message, label] of [
      ['Enter a channel name', 'Channel name'],
      ['Enter a phone number', 'Phone number'],
      ['Enter a business name', 'Business name'],
      ['Select a category', 'Category'],
      ['Enter a tagline', 'Tagline'],
    ]) {
      await summary(page).getByRole('link', { name: message }).click();
      const input = page.getByLabel(label, { exact: true });
      await expect(input).toBeFocused();
      await expect(input).toHaveAccessibleDescription(new RegExp(message));
    }
  });

  test('page 1: wrong answers say what is wrong and how to fix it', async ({ profilePage: page }) => {
    await fillPage1(page, { ...PAGE1, phone: '0770 09', business: 'WWW.NORTHWIND.COM', tagline: 'x'.repeat(140), description: 'y'.repeat(513) });
    await expect(page.getByLabel('Tagline')).toHaveAccessibleDescription(/You have 1 character too many/);
    await next(page);
    const links = summary(page).getByRole('link');
    await expect(links).toHaveCount(4);
    await expect(summary(page)).toContainText('Phone number is too short');
    await expect(summary(page)).toContainText('Tagline must be 139 characters or fewer');
    await expect(summary(page)).toContainText('Description must be 512 characters or fewer');
    await expect(page.getByLabel('Business name')).toHaveAttribute('aria-invalid', 'true');
  });

  test('page 1: a number already on WhatsApp Business is refused by the backend on the field', async ({ profilePage: page }) => {
    await fillPage1(page, { ...PAGE1, phone: '+44 7700 900001' });
    await next(page);
    const link = summary(page).getByRole('link', { name: /already registered with WhatsApp Business/ });
    await expect(link).toBeVisible();
    await link.click();
    await expect(page.getByLabel('Phone number', { exact: true })).toBeFocused();
    await expect(page.getByRole('heading', { level: 1, name: 'WhatsApp account information' })).toBeVisible();
  });

  test('page 2: wrong answers are explained and linked', async ({ profilePage: page }) => {
    await page.goto('/channels/ch_support/profile/contact');
    await fillPage2(page, { email: 'help at northwind', website: 'ftp://files.northwind.example', address: 'z'.repeat(257) });
    await next(page);
    await expect(summary(page).getByRole('link')).toHaveCount(3);
    await summary(page).getByRole('link', { name: /Enter an email address in the correct format/ }).click();
    await expect(page.getByLabel('Contact email')).toBeFocused();
    await summary(page).getByRole('link', { name: /https:\/\/ or http:\/\// }).click();
    await expect(page.getByLabel('Website URL')).toBeFocused();
    await expect(summary(page)).toContainText('Business address must be 256 characters or fewer');
    await expectAccessible(page);
  });

  test('the preview follows what is typed', async ({ profilePage: page }) => {
    const preview = page.getByTestId('whatsapp-preview');
    await page.getByLabel('Business name').fill('Northwind Bakery');
    await expect(preview).toContainText('Northwind Bakery');
    await expect(preview).toContainText('NB');
    await page.getByLabel('Tagline').fill('Fresh bread');
    await expect(preview).toContainText('Fresh bread');
    await page.getByLabel('Category').selectOption({ label: 'Restaurant' });
    await expect(preview).toContainText('Restaurant');
    await page.getByLabel('Description').fill('Open every day');
    await expect(preview).toContainText('Open every day');
    // The number once it is one, in international format as the user grouped it.
    await page.getByLabel('Phone number', { exact: true }).fill('07400-123');
    await expect(preview).not.toContainText('+44');
    await page.getByLabel('Phone number', { exact: true }).fill('07400-123 456');
    await expect(preview).toContainText('+44 7400 123 456');
    await page.goto('/channels/ch_support/profile/contact');
    await page.getByLabel('Contact email').fill('hello@northwind.example');
    await page.getByLabel('Website URL').fill('https://northwind.example');
    await page.getByLabel('Business address').fill('1 High Street');
    for (const text of ['hello@northwind.example', 'https://northwind.example', '1 High Street', 'Northwind Bakery', 'Fresh bread']) {
      await expect(preview).toContainText(text);
    }
  });

  test('markup typed into every text field shows as text and never runs', async ({ profilePage: page }) => {
    const evil = `<script>alert("x")</script><img src=x onerror=alert(1)><b>bold</b>`;
    for (const label of ['Channel name', 'Business name', 'Tagline', 'Description']) {
      await page.getByLabel(label, { exact: true }).fill(evil);
    }
    await page.getByLabel('Phone number', { exact: true }).fill(evil);
    const preview = page.getByTestId('whatsapp-preview');
    await expect(preview.getByText(evil).first()).toBeVisible();
    await expect(page.locator('b', { hasText: 'bold' })).toHaveCount(0);
    await page.goto('/channels/ch_support/profile/contact');
    for (const label of ['Contact email', 'Website URL', 'Business address']) {
      await page.getByLabel(label, { exact: true }).fill(evil);
    }
    await page.goto('/channels/ch_support/profile/review');
    const answers = page.getByRole('region', { name: 'Your answers' });
    await expect(answers.getByRole('definition').filter({ hasText: evil })).toHaveCount(8);
    await expect(page.getByTestId('whatsapp-preview').getByText(evil)).toHaveCount(6);
    await expect(page.locator('main img[src="x"]')).toHaveCount(0);
    // The page guard fails the test if any dialog opened or a script ran into the CSP.
  });

  test('page 1 asks in the documented order, the country with the phone number', async ({ profilePage: page }) => {
    const labels = await page.getByRole('main').locator('form').locator('input, select, textarea')
      .evaluateAll((els) => els.map((e) => (e as HTMLInputElement).labels?.[0]?.textContent?.trim()));
    expect(labels).toEqual(['Channel name', 'Country', 'Phone number', 'Business name', 'Category', 'Tagline', 'Description']);
    // On screen too: each field below the one before it.
    let top = -1;
    for (const label of labels) {
      const box = (await page.getByLabel(label!, { exact: true }).boundingBox())!;
      expect(box.y, `${label} below the field before it`).toBeGreaterThan(top);
      top = box.y;
    }
  });

  test('"Info" by the phone number opens its requirements from the keyboard', async ({ profilePage: page }) => {
    const info = page.getByText('Info: what the phone number must be');
    const requirement = page.getByText('It cannot be called on WhatsApp: customers can message it there, but not call it.');
    await expect(info).toBeVisible();
    await expect(requirement).toBeHidden();
    await page.getByLabel('Phone number', { exact: true }).focus();
    await page.keyboard.press('Tab');
    await expect(info).toBeFocused();
    await page.keyboard.press('Enter');
    await expect(requirement).toBeVisible();
    for (const words of [
      'Your customers can see it: it is the number they message, and they may also try to phone it.',
      'It can be a number from our own telephony: after the one-time passcode, calls to it go to your contact centre or to an automated message.',
    ]) {
      await expect(page.getByText(words)).toBeVisible();
    }
    await expect(page.getByRole('link', { name: 'How to use a number from 8x8 for WhatsApp (opens in a new tab)' }))
      .toHaveAttribute('href', 'https://docs.8x8.com/8x8WebHelp/cpaas/whatsapp-number-setup');
    // The field keeps its one label.
    await expect(page.getByLabel('Phone number', { exact: true })).toHaveCount(1);
    await expectAccessible(page);
    await page.keyboard.press('Enter');
    await expect(requirement).toBeHidden();
  });

  test('without the Facebook business account confirmed, the gate shows before typing, the profile saves, and only Continue to Facebook waits', async ({ loggedIn: page, backend }) => {
    await page.goto('/channels/ch_support/profile/account');
    const gate = page.getByRole('status').filter({ has: page.getByRole('heading', { name: 'Before you can continue to Facebook' }) });
    await expect(gate).toContainText('Confirm you have a Facebook business account verified by Meta');
    await expect(gate.getByRole('link', { name: 'Check what you need before you start' })).toHaveAttribute('href', '/before-you-start');
    // Shown before anything is typed, and the fields are open.
    await expect(page.getByLabel('Tagline')).toHaveValue('');
    await expect(page.getByLabel('Tagline')).toBeEditable();
    await expectAccessible(page);

    // What the page lets the user type is saved, not refused.
    await page.getByLabel('Tagline').fill('Fresh bread, baked daily');
    await expect(page.getByRole('status').filter({ hasText: /^Saved$/ })).toBeVisible();
    await expect(page.getByText('Not saved')).toHaveCount(0);
    const record = (await backend.state()).data.channels.find((c: any) => c.channel.id === 'ch_support');
    expect(record.profile.draft.tagline).toBe('Fresh bread, baked daily');

    // The profile can be confirmed; Continue to Facebook waits for the account.
    await completeProfile(page);
    await page.goto('/channels/ch_support/profile/review');
    await expect(page.getByRole('heading', { name: 'Profile confirmed' })).toBeVisible();
    const go = page.getByRole('button', { name: 'Continue to Facebook' });
    await expect(go).toBeDisabled();
    await expect(go).toHaveAccessibleDescription('You can continue to Facebook once the account has everything listed at the top of this page.');
    await expect(gate).toBeVisible();
    await expectAccessible(page);

    await gate.getByRole('link', { name: 'Check what you need before you start' }).click();
    await page.getByLabel('I have a Facebook business account verified by Meta').check();
    await expect(page.getByRole('heading', { name: 'You can start' })).toBeVisible();
    await page.goBack();
    await expect(page.getByRole('heading', { name: 'Profile confirmed' })).toBeVisible();
    await expect(go).toBeEnabled();
    await expect(gate).toHaveCount(0);
  });
});
