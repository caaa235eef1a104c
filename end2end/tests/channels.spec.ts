import { test, expect, expectAccessible, logIn, DEMO_PASSWORD } from './fixtures';

const CONTOSO = 'admin@contoso.example';

test.describe('the channels page', () => {
  test('a list that fails to load says so, and Try again loads it', async ({ loggedIn: page, backend }) => {
    // The first load is over, so the fault is for the reload's request.
    await expect(page.getByRole('heading', { level: 2, name: 'Customer Support' })).toBeVisible();
    // A 500 is not retried by itself (a 502-504 or a dropped connection would be).
    await backend.fault('GET', '/api/channels', { kind: 'status', status: 500 });
    await page.reload();
    const failed = page.getByRole('alert').filter({ hasText: 'We could not load your channels.' });
    await expect(failed).toContainText('Something went wrong on our side.');
    await expect(page.getByRole('heading', { level: 2, name: 'Customer Support' })).toHaveCount(0);
    await expectAccessible(page);

    await failed.getByRole('button', { name: 'Try again' }).click();
    await expect(page.getByRole('heading', { level: 2, name: 'Customer Support' })).toBeVisible();
    await expect(failed).toHaveCount(0);
  });

  test('an answer that breaks the contract says so, shows none of it, and Try again loads the list', async ({ loggedIn: page }) => {
    await expect(page.getByRole('heading', { level: 2, name: 'Customer Support' })).toBeVisible();
    // One answer with a fraction where the contract has a whole number of seconds,
    // then the backend's own answers again.
    let broken = 0;
    await page.route('**/api/channels', async (route) => {
      if (route.request().method() !== 'GET' || broken++ > 0) return route.fallback();
      const response = await route.fetch();
      const list = await response.json();
      list[0].channel.requested_at = 1.5;
      await route.fulfill({ response, json: list });
    });
    await page.reload();
    const failed = page.getByRole('alert').filter({ hasText: 'We could not load your channels.' });
    await expect(failed).toContainText('Something went wrong on our side.');
    await expect(page.getByRole('heading', { level: 2, name: 'Customer Support' })).toHaveCount(0);
    expect(broken).toBe(1);

    await failed.getByRole('button', { name: 'Try again' }).click();
    await expect(page.getByRole('heading', { level: 2, name: 'Customer Support' })).toBeVisible();
    await expect(failed).toHaveCount(0);
  });

  test('an account with no channel yet is told how to get one', async ({ page, backend }) => {
    await backend.reset(DEMO_PASSWORD);
    await page.goto('/channels');
    await logIn(page, CONTOSO);
    await expect(page.getByRole('heading', { level: 1, name: 'WhatsApp channels' })).toBeVisible();
    await expect(page.getByText('You have no WhatsApp channels yet. Request one: give it a name and the routing script its conversations will use.')).toBeVisible();
    await expect(page.getByRole('listitem').filter({ has: page.getByRole('heading', { level: 2 }) })).toHaveCount(0);
    await expect(page.getByRole('searchbox', { name: 'Search channels' })).toHaveCount(0);
    await expectAccessible(page);
    await page.getByRole('link', { name: 'Request a WhatsApp channel' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Request a WhatsApp channel' })).toBeVisible();
  });

  test('the page shows the portal menu path Chat Apps > Channels > WhatsApp', async ({ loggedIn: page }) => {
    const crumbs = page.getByRole('navigation', { name: 'Breadcrumb' }).getByRole('listitem');
    await expect(crumbs).toHaveText(['Chat Apps', 'Channels', 'WhatsApp']);
    await expect(crumbs.last()).toHaveAttribute('aria-current', 'page');
    // The separators are drawn between the steps, as the portal writes the path.
    const separators = await crumbs.evaluateAll((items) => items.map((li) => getComputedStyle(li, '::before').content));
    expect(separators).toEqual(['none', '">"', '">"']);
    // Above the page's heading.
    const crumbBox = (await crumbs.first().boundingBox())!;
    const headingBox = (await page.getByRole('heading', { level: 1, name: 'WhatsApp channels' }).boundingBox())!;
    expect(crumbBox.y).toBeLessThan(headingBox.y);
  });
});
