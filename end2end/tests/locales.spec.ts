// The app's words come from one catalogue per locale (src/i18n). The pseudo-locale
// en-XA accents every letter of every catalogue text and makes it 40% longer, so a
// walk through the whole journey in en-XA shows at once any word written outside
// the catalogue, any raw key or {placeholder}, and any label cut off by its box.
// en-US says "Center" and "license" and formats dates and money the American way;
// without a locale the app speaks British English.
import { test, expect, PROFILE, DEMO_EMAIL, DEMO_PASSWORD, type Page, type Backend } from './fixtures';
import { upToCode, latestCode, enterCode } from './signup-steps';

const LOWER = [...'åƀçðéƒĝĥîĵķļɱñöþǫŕšţûṽŵẋýž'];
const UPPER = [...'ÅƁÇÐÉƑĜĤÎĴĶĻṀÑÖÞǪŔŠŢÛṼŴẊÝŽ'];

/** Every ASCII letter accented, as src/i18n/pseudo.rs does. */
function accent(s: string): string {
  return [...s]
    .map((c) => {
      const code = c.charCodeAt(0);
      if (c >= 'a' && c <= 'z') return LOWER[code - 97];
      if (c >= 'A' && c <= 'Z') return UPPER[code - 65];
      return c;
    })
    .join('');
}

/** A catalogue text without placeholders in en-XA, exactly as the app shows it. */
function xa(s: string): string {
  const inner = s.trim();
  const lead = s.slice(0, s.length - s.trimStart().length);
  const trail = s.slice(s.trimEnd().length);
  const visible = [...inner].length;
  const dots = Math.max(1, Math.max(0, Math.ceil((visible * 2) / 5) - 3));
  return `${lead}[${accent(inner)} ${'·'.repeat(dots)}]${trail}`;
}

/** A chosen locale for the standalone app: the browser's languages, which index.html's mount follows. */
async function browserLanguages(page: Page, languages: string[]) {
  await page.addInitScript((langs) => {
    Object.defineProperty(Navigator.prototype, 'languages', { get: () => langs, configurable: true });
    Object.defineProperty(Navigator.prototype, 'language', { get: () => langs[0], configurable: true });
  }, languages);
}

/** Over the tagline's limit of 139 characters. */
const LONG_TAGLINE = 'x'.repeat(140);

/** What the test typed or the seed holds: data, not catalogue words, so it may stay unaccented. */
const DATA = [
  ...Object.values(PROFILE),
  'Sales Desk',
  'NORTHWIND BAKERY',
  LONG_TAGLINE,
  'NORTHWIND',
  'Northwind',
  'not an address',
  'www.northwind.example',
  'Family bakery since 1952. Edited on Facebook.',
  // The seed's account, channel and routing scripts.
  'Northwind Contact Centre',
  'Customer Support',
  'WhatsApp to Support agents',
  'WhatsApp to Sales agents',
  'Out-of-hours message, then Support queue',
  // The brand, from its configuration (GET /api/brand in the seed).
  '8x8 Contact Center',
  '8x8 CPaaS portal',
  'Configuration Manager',
  '8x8',
];

type Finding = { kind: string; text: string; where: string };

/**
 * Fails on any text of the app that is not en-XA: a visible text node (screen-reader
 * text included), an option, an aria-label, alt, title or placeholder with an ASCII word
 * of 3 or more letters once data values, numbers, emails and URLs are taken out; a raw
 * {placeholder}; or a label, button, link or heading whose text is wider than its box.
 */
async function expectPseudo(page: Page, step: string) {
  // Let the page settle: no "Loading…" left, fonts laid out.
  await page.waitForLoadState('networkidle');
  const findings: Finding[] = await page.evaluate((data) => {
    const out: { kind: string; text: string; where: string }[] = [];
    const host = document.getElementById('app')!;
    const root: ParentNode = host.shadowRoot ?? host;
    const describe = (el: Element | null) => {
      if (!el) return '?';
      const id = el.id ? `#${el.id}` : '';
      const cls = el.classList.length ? `.${[...el.classList].join('.')}` : '';
      return `${el.tagName.toLowerCase()}${id}${cls}`;
    };
    const strip = (s: string) => {
      let rest = s;
      for (const d of [...data].sort((a, b) => b.length - a.length)) rest = rest.split(d).join(' ');
      return rest
        .replace(/https?:\/\/\S+/g, ' ')
        .replace(/[\w.+-]+@[\w-]+(\.[\w-]+)+/g, ' ')
        .replace(/\b[\w.-]+\.(example|com)\b/g, ' ');
    };
    const check = (text: string, where: string, kind: string) => {
      if (/\{[a-z_]+\}/.test(text)) out.push({ kind: `raw placeholder in ${kind}`, text, where });
      const word = strip(text).match(/[A-Za-z]{3,}/);
      if (word) out.push({ kind: `unaccented word "${word[0]}" in ${kind}`, text, where });
    };
    const walker = document.createTreeWalker(root as Node, NodeFilter.SHOW_TEXT);
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      const text = n.textContent ?? '';
      if (!text.trim()) continue;
      const el = n.parentElement!;
      if (el.closest('style, script')) continue;
      const shown = el.tagName === 'OPTION' ? true : el.checkVisibility();
      if (!shown) continue;
      check(text, describe(el), 'text');
    }
    for (const el of root.querySelectorAll('[aria-label], [alt], [title], [placeholder], [aria-valuetext]')) {
      for (const attr of ['aria-label', 'alt', 'title', 'placeholder', 'aria-valuetext']) {
        const v = el.getAttribute(attr);
        if (v) check(v, describe(el), attr);
      }
    }
    // The document's title, which the standalone app keeps.
    check(document.title, 'document.title', 'title');
    for (const el of root.querySelectorAll('label, button, a, h1, h2, h3, legend, th, dt, summary, .tag, .button')) {
      const box = el as HTMLElement;
      if (!box.checkVisibility() || box.clientWidth === 0) continue;
      if (box.closest('.visually-hidden')) continue;
      if (box.scrollWidth > box.clientWidth + 1) {
        out.push({ kind: `cut off (${box.scrollWidth} > ${box.clientWidth})`, text: box.textContent ?? '', where: describe(box) });
      }
    }
    return out;
  }, DATA);
  expect(findings, `en-XA at ${step}`).toEqual([]);
}

/** The app's own part of the page. */
const app = (page: Page) => page.locator('#app');

async function walkTheJourney(page: Page, backend: Backend) {
  // Set a password from the emailed link.
  await page.goto(await backend.passwordLink());
  await expect(app(page).getByRole('heading', { level: 1, name: xa('Set your password') })).toBeVisible();
  await expectPseudo(page, 'set password');
  await page.locator('#password').fill(DEMO_PASSWORD);
  await page.locator('#confirm').fill(DEMO_PASSWORD + 'x');
  await page.getByRole('button', { name: xa('Set password and log in') }).click();
  await expect(page.getByRole('heading', { name: xa('There is a problem') })).toBeVisible();
  await expectPseudo(page, 'set password, passwords that differ');
  await page.locator('#confirm').fill(DEMO_PASSWORD);
  await page.getByRole('button', { name: xa('Set password and log in') }).click();
  await expect(page.getByRole('heading', { level: 1, name: xa('WhatsApp channels') })).toBeVisible();
  await expectPseudo(page, 'channels');

  // Log out, and in again.
  await page.getByRole('button', { name: xa('Log out') }).click();
  await expect(page.getByRole('heading', { level: 1, name: xa('Log in') })).toBeVisible();
  await expectPseudo(page, 'log in');
  await page.locator('#email').fill(DEMO_EMAIL);
  await page.locator('#password').fill(DEMO_PASSWORD);
  await page.getByRole('button', { name: xa('Log in'), exact: true }).click();
  await expect(page.getByRole('heading', { level: 1, name: xa('WhatsApp channels') })).toBeVisible();

  // Before you start: confirm the Facebook business account.
  await page.getByRole('link', { name: xa('Before you start') }).first().click();
  await expect(page.getByRole('heading', { level: 1, name: xa('Before you start') })).toBeVisible();
  await expectPseudo(page, 'before you start');
  const confirmed = page.waitForResponse((r) => r.url().endsWith('/api/eligibility/facebook-business'));
  await page.locator('#facebook-business').check();
  await confirmed;
  await expectPseudo(page, 'before you start, confirmed');

  // Pricing: an estimate, with money from Intl.
  await page.getByRole('link', { name: xa('Pricing') }).click();
  await expect(page.getByRole('heading', { level: 1, name: xa('WhatsApp pricing') })).toBeVisible();
  await page.locator('#country').selectOption('GB');
  await page.locator('#currency').selectOption('GBP');
  await page.locator('#sessions').fill('1000');
  await page.getByRole('button', { name: xa('Estimate cost') }).click();
  await expect(page.getByRole('heading', { name: xa('Estimated cost per month') })).toBeVisible();
  await expectPseudo(page, 'pricing');

  // Request a channel.
  await page.getByRole('link', { name: xa('WhatsApp channels') }).first().click();
  await page.getByRole('link', { name: xa('Request a WhatsApp channel') }).click();
  await expect(page.getByRole('heading', { level: 1, name: xa('Request a WhatsApp channel') })).toBeVisible();
  await expectPseudo(page, 'request a channel');
  await page.getByRole('button', { name: xa('Request channel') }).click();
  await expect(page.getByRole('heading', { name: xa('There is a problem') })).toBeVisible();
  await expectPseudo(page, 'request a channel, nothing entered');
  await page.locator('#name').fill('Sales Desk');
  await page.locator('#routing_script_id').selectOption('rs_sales');
  await page.getByRole('button', { name: xa('Request channel') }).click();
  await expect(page.getByRole('heading', { name: xa('Channel requested') })).toBeVisible();
  await expectPseudo(page, 'channel requested');

  // The profile of the new channel: page 1, wrongly then rightly filled.
  const card = page.getByRole('listitem').filter({ has: page.getByRole('heading', { name: 'Sales Desk' }) });
  await card.getByRole('link', { name: xa('Set up the WhatsApp profile') }).click();
  await expect(page.getByRole('heading', { level: 1, name: xa('WhatsApp account information') })).toBeVisible();
  await page.locator('summary').click();
  await expectPseudo(page, 'profile page 1');
  await page.locator('#phone_country').selectOption('GB');
  await page.locator('#phone_number').fill('0740');
  await page.locator('#business_name').fill('NORTHWIND BAKERY');
  await page.locator('#tagline').fill(LONG_TAGLINE);
  await page.getByRole('button', { name: xa('Next') }).click();
  await expect(page.getByRole('heading', { name: xa('There is a problem') })).toBeVisible();
  await expectPseudo(page, 'profile page 1, with errors');
  await page.locator('#phone_number').fill(PROFILE.phone_number);
  await page.locator('#business_name').fill(PROFILE.business_name);
  await page.locator('#category').selectOption(PROFILE.category);
  await page.locator('#tagline').fill(PROFILE.tagline);
  await page.locator('#description').fill(PROFILE.description);
  await page.getByRole('button', { name: xa('Next') }).click();

  // Page 2.
  await expect(page.getByRole('heading', { level: 1, name: xa('Contact details and picture') })).toBeVisible();
  await expectPseudo(page, 'profile page 2');
  await page.locator('#contact_email').fill('not an address');
  await page.locator('#website').fill('www.northwind.example');
  await page.getByRole('button', { name: xa('Next') }).click();
  await expect(page.getByRole('heading', { name: xa('There is a problem') })).toBeVisible();
  await expectPseudo(page, 'profile page 2, with errors');
  await page.locator('#contact_email').fill(PROFILE.contact_email);
  await page.locator('#website').fill(PROFILE.website);
  await page.locator('#address').fill(PROFILE.address);
  await page.getByRole('button', { name: xa('Next') }).click();

  // Review and confirm.
  await expect(page.getByRole('heading', { level: 1, name: xa('Check your profile') })).toBeVisible();
  await page.getByRole('button', { name: xa('Confirm profile') }).click();
  await expect(page.getByRole('heading', { name: xa('There is a problem') })).toBeVisible();
  await expectPseudo(page, 'review, not confirmed');
  await page.getByRole('checkbox').check();
  await page.getByRole('button', { name: xa('Confirm profile') }).click();
  await expect(page.getByRole('heading', { name: xa('Profile confirmed') })).toBeVisible();
  await expect(page.getByRole('button', { name: xa('Continue to Facebook') })).toBeEnabled();
  await expectPseudo(page, 'review, confirmed');

  // The simulated Facebook dialog is Facebook's page, in its own words; back in the app after it.
  await page.getByRole('button', { name: xa('Continue to Facebook') }).click();
  await expect(page.getByText('Simulated Facebook dialog')).toBeVisible();
  await upToCode(page);
  await enterCode(page, await latestCode(backend));
  await expect(page.getByRole('heading', { level: 1, name: 'Your number +44 7400 123456 is registered with WhatsApp' })).toBeVisible();
  await page.getByRole('button', { name: 'Continue' }).click();
  await expect(page.getByRole('heading', { level: 1, name: xa('Your number is registered') })).toBeVisible();
  await expectPseudo(page, 'back from Facebook');

  // Link the number to the channel.
  await page.getByRole('link', { name: xa('Choose the number and channel') }).click();
  await expect(page.getByRole('heading', { level: 1, name: xa('Choose the number and channel') })).toBeVisible();
  await expect(page.locator('#channel_id')).toHaveValue(/.+/);
  await expectPseudo(page, 'choose the number and channel');
  await page.getByRole('button', { name: xa('Next') }).click();
  await expect(page.getByRole('heading', { level: 1, name: xa('Check and confirm') })).toBeVisible();
  await expectPseudo(page, 'check and confirm');
  await page.getByRole('button', { name: xa('Confirm'), exact: true }).click();
  await expect(page.getByRole('heading', { level: 1, name: xa('Your WhatsApp number is linked') })).toBeVisible();
  await expectPseudo(page, 'linked');

  // The channels, one of them in activation with its date.
  await page.getByRole('link', { name: xa('Go to your WhatsApp channels') }).click();
  await expect(page.getByRole('heading', { level: 1, name: xa('WhatsApp channels') })).toBeVisible();
  await expect(page.getByText(xa('Activation by the provider')).first()).toBeVisible();
  await expectPseudo(page, 'channels at the end');
}

test.describe('en-XA, the pseudo-locale', () => {
  test.setTimeout(120_000);

  test('the whole journey shows only catalogue words, accented, with no raw key and no label cut off', async ({ page, backend }) => {
    await browserLanguages(page, ['en-XA']);
    await walkTheJourney(page, backend);
  });

  test('the check fails on a word written outside the catalogue', async ({ page, backend }) => {
    // The checker itself, on a page given a word of plain English, a raw key and a cut-off label.
    await browserLanguages(page, ['en-XA']);
    await backend.reset(DEMO_PASSWORD);
    await page.goto('/login');
    await expect(app(page).getByRole('heading', { level: 1, name: xa('Log in') })).toBeVisible();
    await expectPseudo(page, 'log in as shipped');
    const spoils = [
      { name: 'a plain word', html: '<p>[Çöñţîñûé ·] Continue</p>', width: '' },
      { name: 'a raw placeholder', html: '<p>[Ŕéåðý ƀý {date} ···]</p>', width: '' },
      { name: 'a cut-off label', html: '<button type="button">[Ļöĝ îñ ţö ţĥé ɱéššåĝîñĝ þļåţƒöŕɱ ····]</button>', width: '20px' },
    ];
    for (const spoil of spoils) {
      await page.evaluate(({ html, width }) => {
        const main = document.getElementById('app')!.shadowRoot!.querySelector('#main')!;
        main.querySelectorAll('[data-spoil]').forEach((e) => e.remove());
        main.insertAdjacentHTML('beforeend', html);
        const added = main.lastElementChild as HTMLElement;
        added.setAttribute('data-spoil', '');
        // Through the CSSOM: the Content Security Policy refuses inline style attributes.
        if (width) Object.assign(added.style, { width, overflow: 'hidden', whiteSpace: 'nowrap' });
      }, spoil);
      let failed = false;
      try {
        await expectPseudo(page, spoil.name);
      } catch {
        failed = true;
      }
      expect(failed, `the check notices ${spoil.name}`).toBe(true);
    }
  });
});

test.describe('en-US', () => {
  test.use({ locale: 'en-US', timezoneId: 'America/New_York' });

  test('says Center and license, and shows dates and money the American way', async ({ loggedIn: page, backend }) => {
    await expect(page.locator('#app .app[lang]')).toHaveAttribute('lang', 'en-US');
    // A date the backend holds, formatted the American way (month first).
    const requestedAt: number = (await backend.state()).data.channels.find((c: any) => c.channel.id === 'ch_support').channel.requested_at;
    const us = new Intl.DateTimeFormat('en-US', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'America/New_York' }).format(new Date(requestedAt * 1000));
    expect(us).toMatch(/^[A-Z][a-z]+ \d{1,2}, \d{4}$/);
    await expect(page.getByRole('listitem').filter({ hasText: 'Customer Support' })).toContainText(us);

    await page.getByRole('link', { name: 'Before you start' }).first().click();
    await expect(page.getByRole('heading', { name: /Contact-center license\s+Met/ })).toBeVisible();
    await expect(page.getByText('Your license is X8.')).toBeVisible();
    // The page's own words (the header holds the account's name, data: Northwind Contact Centre).
    await expect(page.locator('#main')).toContainText('your contact center');
    await expect(page.locator('#main')).not.toContainText(/centre|licence/i);

    // Money and counts through Intl in en-US.
    await page.getByRole('link', { name: 'Pricing' }).click();
    await page.getByLabel('Country').selectOption('US');
    await page.getByLabel('Invoice currency').selectOption('USD');
    await page.getByLabel('Sessions per month').fill('100000');
    await page.getByRole('button', { name: 'Estimate cost' }).click();
    await expect(page.getByRole('rowheader', { name: 'WhatsApp: 100,000 sessions × $0.0088' })).toBeVisible();
    await expect(page.getByRole('row', { name: /Total/ }).getByRole('cell')).toHaveText('$1,280.00');
  });
});

test.describe('without a locale the browser asks for', () => {
  test.use({ locale: 'fr-FR', timezoneId: 'Europe/London' });

  test('the app speaks British English: Centre, licence, day before month, money as in the UK', async ({ loggedIn: page, backend }) => {
    await expect(page.locator('#app .app[lang]')).toHaveAttribute('lang', 'en-GB');
    const requestedAt: number = (await backend.state()).data.channels.find((c: any) => c.channel.id === 'ch_support').channel.requested_at;
    const gb = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'Europe/London' }).format(new Date(requestedAt * 1000));
    expect(gb).toMatch(/^\d{1,2} [A-Z][a-z]+ \d{4}$/);
    await expect(page.getByRole('listitem').filter({ hasText: 'Customer Support' })).toContainText(gb);

    await page.getByRole('link', { name: 'Before you start' }).first().click();
    await expect(page.getByRole('heading', { name: /Contact-centre licence\s+Met/ })).toBeVisible();
    await expect(page.getByText('Your licence is X8.')).toBeVisible();

    // Money and counts through Intl in en-GB, not in the browser's French ("100 000", "3 100,00 £").
    await page.getByRole('link', { name: 'Pricing' }).click();
    await page.getByLabel('Country').selectOption('GB');
    await page.getByLabel('Invoice currency').selectOption('GBP');
    await page.getByLabel('Sessions per month').fill('100000');
    await page.getByRole('button', { name: 'Estimate cost' }).click();
    await expect(page.getByRole('rowheader', { name: 'WhatsApp: 100,000 sessions × £0.028' })).toBeVisible();
    await expect(page.getByRole('row', { name: /Total/ }).getByRole('cell')).toHaveText('£3,100.00');
  });
});
