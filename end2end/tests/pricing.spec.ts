import { test, expect, expectAccessible } from './fixtures';
import { estimate, row } from './pricing-steps';

test.describe('WhatsApp pricing', () => {
  test.beforeEach(async ({ loggedIn: page }) => {
    await page.getByRole('link', { name: 'Pricing' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'WhatsApp pricing' })).toBeVisible();
  });

  test('1,000 UK sessions invoiced in GBP cost £28.00 + £3.00 = £31.00', async ({ page }) => {
    await expect(page.getByText("WhatsApp's 24-hour customer-service window")).toBeVisible();
    await expect(page.getByText('Meta sets WhatsApp\'s rates and may change them.')).toBeVisible();
    // The provider's charge has the documentation's name, and WhatsApp's own rates are a link away.
    await expect(page.getByText('plus our CPaaS charge, both in your invoice currency')).toBeVisible();
    await expect(page.getByText(/transaction charge/i)).toHaveCount(0);
    const rates = page.getByRole('link', { name: "WhatsApp's rates for each country, and how WhatsApp defines a session (Meta, opens in a new tab)" });
    await expect(rates).toHaveAttribute('href', 'https://developers.facebook.com/docs/whatsapp/pricing');
    await expectAccessible(page);
    await estimate(page, 'United Kingdom', 'GBP', '1000');
    await expect(row(page, 'WhatsApp: 1,000 sessions × £0.028').getByRole('cell')).toHaveText('£28.00');
    await expect(row(page, 'CPaaS charge: 1,000 sessions × £0.003').getByRole('cell')).toHaveText('£3.00');
    await expect(row(page, 'Total').getByRole('cell')).toHaveText('£31.00');
    await expect(page.getByText('That is £0.031 per session. Each line is rounded to the nearest penny (halves round up)')).toBeVisible();
    await expect(page.getByText('Uses example rates')).toHaveCount(0);
    await expectAccessible(page);
  });

  test('1,000 US sessions invoiced in USD cost $8.80 + $4.00 = $12.80', async ({ page }) => {
    await estimate(page, 'United States', 'USD', '1,000');
    await expect(row(page, 'WhatsApp: 1,000 sessions × $0.0088').getByRole('cell')).toHaveText('$8.80');
    await expect(row(page, 'CPaaS charge: 1,000 sessions × $0.004').getByRole('cell')).toHaveText('$4.00');
    await expect(row(page, 'Total').getByRole('cell')).toHaveText('$12.80');
    await expect(page.getByText(/nearest cent/)).toBeVisible();
  });

  test('an example rate is marked as one', async ({ page }) => {
    await estimate(page, 'Germany', 'EUR', '250');
    await expect(page.getByText('Uses example rates')).toBeVisible();
    await expect(row(page, 'Total').getByRole('cell')).toHaveText('€18.13');
  });

  test('each field explains bad input, linked from the summary', async ({ page }) => {
    await page.getByRole('button', { name: 'Estimate cost' }).click();
    const summary = page.getByRole('alert').filter({ hasText: 'There is a problem' });
    await expect(summary.getByRole('link')).toHaveText([
      'Select the country of your WhatsApp number',
      'Select your invoice currency',
      'Enter the number of sessions per month, like 1000',
    ]);
    await expect(page).toHaveTitle(/^Error: WhatsApp pricing/);
    await expectAccessible(page);
    await summary.getByRole('link', { name: 'Select your invoice currency' }).click();
    await expect(page.getByLabel('Invoice currency')).toBeFocused();

    const cases: [string, string][] = [
      ['-5', 'Sessions per month cannot be negative: enter 0 or more'],
      ['12.5', 'Sessions per month must be a whole number, like 1000'],
      ['1000.001', 'Sessions per month must be a whole number, like 1000'],
      ['a thousand', 'Enter sessions per month as a number, like 1000'],
      ['1,00', 'Enter sessions per month as a number, like 1000'],
      ['100000001', 'Sessions per month must be 100,000,000 or fewer'],
      ['9'.repeat(40), 'Sessions per month must be 100,000,000 or fewer'],
    ];
    for (const [input, message] of cases) {
      await estimate(page, 'United Kingdom', 'GBP', input);
      await expect(summary.getByRole('link')).toHaveText([message]);
      await expect(page.getByLabel('Sessions per month')).toHaveAccessibleDescription(new RegExp(message.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')));
      await expect(page.getByRole('table')).toHaveCount(0);
    }
  });

  test('what was entered survives a reload', async ({ page }) => {
    await page.getByLabel('Country').selectOption({ label: 'United States' });
    await page.getByLabel('Invoice currency').selectOption('GBP');
    await page.getByLabel('Sessions per month').fill('2500');
    await page.reload();
    await expect(page.getByLabel('Country')).toHaveValue('US');
    await expect(page.getByLabel('Invoice currency')).toHaveValue('GBP');
    await expect(page.getByLabel('Sessions per month')).toHaveValue('2500');
  });
});
