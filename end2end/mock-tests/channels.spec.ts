// The channels page on the kit: every state of the timeline, and 1,000 channels.
import { test, expect } from './guard';
import { mockBackend } from '../mock/index';

test.describe('the channels page on the mock kit', () => {
  test.use({ locale: 'en-GB', timezoneId: 'Europe/London' });

  test('a channel in each state of the timeline shows where it stands', async ({ page }) => {
    const kit = await mockBackend(page, { scenario: 'channel-timeline' });
    await page.goto(kit.url('/channels'));
    const progress = (name: string) =>
      page.getByRole('listitem').filter({ has: page.getByRole('heading', { level: 2, name }) }).getByRole('list', { name: 'Progress' }).getByRole('listitem');
    const steps = [/Requested \(Pending\)/, /Profile/, /Facebook signup/, /Number registered/, /Activation by the provider/, /Ready/];
    const names = ['Requested channel', 'Profile channel', 'Facebook channel', 'Registered channel', 'Activation channel'];
    for (const [current, name] of names.entries()) {
      const expected = steps.map((step, i) => new RegExp(step.source + '.*' + (i < current ? 'done' : i === current ? 'current step' : 'to do')));
      await expect(progress(name), name).toHaveText(expected);
    }
    await expect(progress('Ready channel')).toHaveText(steps.map((step) => new RegExp(step.source + '.*done')));
    const activating = page.getByRole('listitem').filter({ has: page.getByRole('heading', { level: 2, name: 'Activation channel' }) });
    await expect(activating).toContainText('+44 7400 100005');
    await expect(activating).toContainText('Ready by 17 March 2027.');
    const ready = page.getByRole('listitem').filter({ has: page.getByRole('heading', { level: 2, name: 'Ready channel' }) });
    await expect(ready).toContainText('Ready: WhatsApp conversations reach your agents.');

    // The provider finishes the activation while the page is open: the page's poll notices.
    kit.state.channels.find((c) => c.channel.name === 'Activation channel')!.channel.state = 'ready';
    await expect(page).toHaveTitle(/^Ready: Activation channel – WhatsApp channels/, { timeout: 10_000 });
    await expect(activating).toContainText('Ready: WhatsApp conversations reach your agents.');
  });

  test('numbers show as WhatsApp writes them, and in E.164 when the backend gives no display form or one of another number', async ({ page }) => {
    const kit = await mockBackend(page, {
      scenario: 'channel-timeline',
      setup: (s) => {
        const byId = (id: string) => s.numbers.find((n) => n.id === id)!;
        byId('pn_mock_5').display = null; // a backend without display forms (contract 1.1.0)
        byId('pn_mock_6').display = '+44 7400 999999'; // a display form that is another number
      },
    });
    await page.goto(kit.url('/channels'));
    const card = (name: string) => page.getByRole('listitem').filter({ has: page.getByRole('heading', { level: 2, name }) });
    await expect(card('Activation channel')).toContainText('+447400100005');
    await expect(card('Ready channel')).toContainText('+447400100006');
    await expect(page.getByText('+44 7400 999999')).toHaveCount(0);
    // The unlinked number keeps the kit's display form.
    await expect(page.getByRole('region', { name: 'Your WhatsApp numbers' })).toContainText('+44 7400 100004 – Northwind Bakery');
  });

  test('1,000 channels: the search finds one by name, reference or number', async ({ page }) => {
    // No channel in activation, so the page never polls the list and the test can count
    // its calls. (A poll keeps the search typed so far: that is tested in the app's suite.)
    const kit = await mockBackend(page, {
      scenario: 'many-channels',
      setup: (s) => s.channels.filter((c) => c.channel.state === 'activation').forEach((c) => (c.channel.state = 'ready')),
    });
    await page.goto(kit.url('/channels'));
    await expect(page.getByText('Showing 20 of 1,000 matching channels')).toBeVisible();
    const search = page.getByRole('searchbox', { name: 'Search channels' });
    await search.fill('Store 0998');
    await expect(page.getByRole('heading', { level: 2, name: /^Store/ })).toHaveText(['Store 0998 East']);
    await expect(page.getByText('1 of 1,000 channels match')).toBeVisible();
    await search.fill('CM-200500');
    await expect(page.getByRole('heading', { level: 2, name: /^Store/ })).toHaveText(['Store 0500 North']);
    await search.fill('+44 20 7950 0004');
    await expect(page.getByRole('heading', { level: 2, name: /^Store/ })).toHaveText(['Store 0004 North']);
    await search.fill('no such channel anywhere');
    await expect(page.getByText('No channel matches. Try another search or state.')).toBeVisible();
    // One list call for 1,000 channels: the page filters in the browser.
    expect(kit.callsTo('listChannels')).toHaveLength(1);
  });
});
