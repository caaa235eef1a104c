import { test, expect, expectAccessible, logIn, DEMO_EMAIL, DEMO_PASSWORD, type Page } from './fixtures';

/** The backend's answer to the next login the page sends. */
function sessionAnswer(page: Page) {
  return page.waitForResponse((r) => new URL(r.url()).pathname === '/api/session' && r.request().method() === 'POST');
}

/** Four wrong passwords, each answered, then a fifth that locks the address; returns the lock message. */
async function failFiveTimes(page: Page) {
  for (let i = 1; i <= 4; i++) {
    const answered = sessionAnswer(page);
    await logIn(page, DEMO_EMAIL, `wrong guess number ${i}`);
    expect((await answered).status()).toBe(401);
  }
  await logIn(page, DEMO_EMAIL, 'wrong guess number 5');
  const lock = page.getByRole('alert').filter({ hasText: 'Too many failed attempts' });
  await expect(lock).toBeVisible();
  return lock;
}

test.describe('log in', () => {
  test.beforeEach(async ({ backend }) => {
    await backend.reset(DEMO_PASSWORD);
  });

  test('logs in and lands on the WhatsApp channels page with the breadcrumb', async ({ page }) => {
    await page.goto('/');
    await expect(page).toHaveURL(/\/login\?next=%2Fchannels/);
    await expect(page.getByRole('heading', { level: 1, name: 'Log in' })).toBeVisible();
    await expectAccessible(page);

    await logIn(page, DEMO_EMAIL.toUpperCase());
    await expect(page).toHaveURL(/\/channels$/);
    await expect(page.getByRole('heading', { level: 1, name: 'WhatsApp channels' })).toBeVisible();
    const crumbs = page.getByRole('navigation', { name: 'Breadcrumb' }).getByRole('listitem');
    await expect(crumbs).toHaveText(['Chat Apps', 'Channels', 'WhatsApp']);
    await expect(page.getByRole('banner')).toContainText('Northwind Contact Centre');
    // The product's name is the provider's brand, which the backend's seed serves.
    await expect(page.getByRole('banner')).toContainText('8x8 Contact Center');
    await expect(page.getByRole('button', { name: 'Log out' })).toBeVisible();
    // The seed's channel requested in the Configuration Manager shows as pending.
    await expect(page.getByRole('heading', { level: 2, name: 'Customer Support' })).toBeVisible();
    const card = page.getByRole('listitem').filter({ has: page.getByRole('heading', { level: 2, name: 'Customer Support' }) });
    await expect(card.getByText('Requested (Pending) (current step)')).toBeVisible();
    await expectAccessible(page);
    expect(page.url()).not.toContain(DEMO_PASSWORD);
  });

  test('the login page works before the rest of the app has loaded, says so if the rest cannot load, and carries on', async ({ page }) => {
    // The login page is its own small build; the rest of the app is fetched while the
    // user logs in. Here the rest cannot be had until the user has seen the problem.
    let reachable = false;
    await page.route(/\/whatsapp-onboarding-[0-9a-f]+_bg\.wasm$/, (route) => (reachable ? route.continue() : route.abort()));
    await page.goto('/login?next=%2Fpricing');
    await logIn(page);
    const problem = page.getByRole('alert');
    await expect(problem).toContainText('We could not load the next page. Check your connection and try again.');
    await expect(page).toHaveURL(/\/pricing$/);

    reachable = true;
    await problem.getByRole('button', { name: 'Try again' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'WhatsApp pricing' })).toBeVisible();
    // Still logged in, and the page works: the header's links lead on.
    await page.getByRole('link', { name: 'WhatsApp channels' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'WhatsApp channels' })).toBeVisible();
    await expect(page.getByRole('button', { name: 'Log out' })).toBeVisible();
  });

  /** Holds the login page's code back until the returned function is called. */
  async function holdTheApp(page: Page) {
    let release = () => {};
    const held = new Promise<void>((resolve) => (release = resolve));
    await page.route(/\/entry-[0-9a-f]+_bg\.wasm$/, async (route) => {
      await held;
      await route.continue();
    });
    return release;
  }

  test('the login page paints before it downloads anything, then fetches the stylesheets beside the code', async ({ page }) => {
    // A request started before the first paint holds that paint up: none may come
    // before it (but the icon, which the browser fetches when it chooses). The starter,
    // which waits for the paint, is inline.
    const release = await holdTheApp(page);
    const styles = new Set<string>();
    page.on('request', (r) => {
      if (r.url().endsWith('.css')) styles.add(new URL(r.url()).pathname);
    });
    await page.goto('/login');
    await expect(page.getByLabel('Email', { exact: true })).toBeVisible();
    // While the app's code is held, its three stylesheets are on their way already.
    await expect.poll(() => styles.size).toBe(3);
    release();
    await expect(page.getByRole('banner')).toContainText('8x8 Contact Center');
    const { painted, started } = await page.evaluate(() => ({
      painted: performance.getEntriesByName('first-contentful-paint')[0]?.startTime,
      started: performance.getEntriesByType('resource').map((e) => ({ path: new URL(e.name).pathname, at: e.startTime })),
    }));
    expect(painted).toBeGreaterThan(0);
    // The starter stops waiting after 500 ms (a browser that reports no paint), which
    // a first paint on a busy machine can outlast: only then may a request come first.
    const before = started.filter((r) => r.at < painted && r.at < 500 && !r.path.startsWith('/favicon-'));
    expect(before.map((r) => r.path), `first paint at ${Math.round(painted)} ms`).toEqual([]);
    expect(started.map((r) => r.path)).toEqual(expect.arrayContaining(['/embed.js', ...styles]));
  });

  test('the login form takes typing before the app has loaded, and the app carries on with it, the cursor where it was', async ({ page }) => {
    const release = await holdTheApp(page);
    await page.goto('/login');
    // The page's own form, before any of the app's code has arrived.
    const email = page.getByLabel('Email', { exact: true });
    await email.fill(DEMO_EMAIL);
    await page.getByLabel('Password', { exact: true }).pressSequentially('lamp river');
    const where = await email.boundingBox();
    release();
    // The app takes over (the header shows the brand it fetched): the same form in the
    // same place, with what was typed, and the typing goes on where it was.
    await expect(page.getByRole('banner')).toContainText('8x8 Contact Center');
    await expect(email).toHaveValue(DEMO_EMAIL);
    expect(await email.boundingBox()).toEqual(where);
    await page.keyboard.type(' orange tuesday');
    await page.keyboard.press('Enter');
    await expect(page.getByRole('heading', { level: 1, name: 'WhatsApp channels' })).toBeVisible();
  });

  test('the login form is there and styled before any stylesheet or code has arrived, focus shown, and typing carries on', async ({ page }) => {
    // Nothing the page fetches arrives until released: no stylesheet, no wasm.
    const release = await holdTheApp(page);
    let releaseStyles = () => {};
    const stylesHeld = new Promise<void>((resolve) => (releaseStyles = resolve));
    await page.route(/\.css$/, async (route) => {
      await stylesHeld;
      await route.continue();
    });
    // Not waiting for the page's load event, which a held stylesheet of the page would hold.
    await page.goto('/login', { waitUntil: 'domcontentloaded' });
    const email = page.getByLabel('Email', { exact: true });
    await expect(email).toBeVisible();
    const logInButton = page.getByRole('button', { name: 'Log in' });
    // Styled as the app's own form is: a field bordered in the text's colour, a brand-coloured button.
    await expect(email).toHaveCSS('border-top-color', 'rgb(11, 12, 12)');
    await expect(logInButton).toHaveCSS('background-color', 'rgb(19, 107, 63)');
    // The keyboard reaches the field, and its focus shows.
    await page.keyboard.press('Tab');
    await expect(email).toBeFocused();
    await expect(email).toHaveCSS('outline-style', 'solid');
    await page.keyboard.type(DEMO_EMAIL);
    releaseStyles();
    release();
    await expect(page.getByRole('banner')).toContainText('8x8 Contact Center');
    await expect(email).toHaveValue(DEMO_EMAIL);
    await page.getByLabel('Password', { exact: true }).fill(DEMO_PASSWORD);
    await page.keyboard.press('Enter');
    await expect(page.getByRole('heading', { level: 1, name: 'WhatsApp channels' })).toBeVisible();
  });

  test.describe('in an American English browser', () => {
    test.use({ locale: 'en-US' });

    test('the login page is in American English from its first paint, and the app taking it over changes no word', async ({ page }) => {
      const release = await holdTheApp(page);
      await page.goto('/login');
      // The page's own form, before any of the app's code has arrived.
      const forgot = page.getByText('Forgot your password, or did your link expire?');
      const intro = page.getByText('set up WhatsApp for your contact center.');
      await expect(forgot).toBeVisible();
      await expect(intro).toBeVisible();
      const link = page.getByRole('link', { name: 'Get a new link to set your password' });
      const where = await link.boundingBox();
      release();
      // The app has taken over (the header shows the brand it fetched), in the same words.
      await expect(page.getByRole('banner')).toContainText('8x8 Contact Center');
      await expect(forgot).toBeVisible();
      await expect(intro).toBeVisible();
      expect(await link.boundingBox()).toEqual(where);
    });
  });

  test('"Log in" pressed before the app has loaded is done once it has, and the password never goes in the address', async ({ page }) => {
    const release = await holdTheApp(page);
    await page.goto('/login');
    await logIn(page);
    await expect(page).toHaveURL(/\/login$/);
    release();
    await expect(page.getByRole('heading', { level: 1, name: 'WhatsApp channels' })).toBeVisible();
    expect(page.url()).not.toContain('lamp');
  });

  test('"Log in" held down while the app arrives is done when let go: the app waits for the press to end', async ({ page }) => {
    const release = await holdTheApp(page);
    await page.goto('/login');
    await page.getByLabel('Email', { exact: true }).fill(DEMO_EMAIL);
    await page.getByLabel('Password', { exact: true }).fill(DEMO_PASSWORD);
    const box = (await page.getByRole('button', { name: 'Log in' }).boundingBox())!;
    await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
    await page.mouse.down();
    // The app's code arrives while the button is held. Taking over now would put the
    // release on another button than the press, and neither would be clicked.
    const arrived = page.waitForResponse(/\/entry-[0-9a-f]+_bg\.wasm$/);
    release();
    await arrived;
    // Absence over a window: the page's own form stays while the press lasts (the
    // header shows the brand only once the app is there).
    await page.waitForTimeout(1_000);
    await expect(page.getByRole('banner')).not.toContainText('8x8 Contact Center');
    await page.mouse.up();
    await expect(page.getByRole('heading', { level: 1, name: 'WhatsApp channels' })).toBeVisible();
  });

  test('"Log in" held down by the Space key while the app arrives is done when let go', async ({ page }) => {
    const release = await holdTheApp(page);
    await page.goto('/login');
    await page.getByLabel('Email', { exact: true }).fill(DEMO_EMAIL);
    await page.getByLabel('Password', { exact: true }).fill(DEMO_PASSWORD);
    await page.getByRole('button', { name: 'Log in' }).focus();
    await page.keyboard.down(' ');
    const arrived = page.waitForResponse(/\/entry-[0-9a-f]+_bg\.wasm$/);
    release();
    await arrived;
    await page.waitForTimeout(1_000);
    await page.keyboard.up(' ');
    await expect(page.getByRole('heading', { level: 1, name: 'WhatsApp channels' })).toBeVisible();
  });

  test('if the app cannot be loaded at all, the page says so in place of the form, and "Try again" loads it', async ({ page }) => {
    let reachable = false;
    await page.route(/\/entry-[0-9a-f]+_bg\.wasm$/, (route) => (reachable ? route.continue() : route.abort()));
    await page.goto('/login');
    const problem = page.getByRole('alert');
    await expect(problem).toContainText('We could not load this page. Check your connection and try again.');
    // Not a form that would do nothing.
    await expect(page.getByLabel('Email', { exact: true })).toBeHidden();
    await expect(page.getByRole('button', { name: 'Log in' })).toBeHidden();

    reachable = true;
    await problem.getByRole('button', { name: 'Try again' }).click();
    await logIn(page);
    await expect(page.getByRole('heading', { level: 1, name: 'WhatsApp channels' })).toBeVisible();
  });

  test('after the login, the rest of the app carries on from what the login page knew, without asking again', async ({ page }) => {
    await page.goto('/login');
    await expect(page.getByRole('banner')).toContainText('8x8 Contact Center');
    const askedAgain: string[] = [];
    page.on('request', (r) => {
      const path = new URL(r.url()).pathname;
      if (r.method() === 'GET' && (path === '/api/session' || path === '/api/brand')) askedAgain.push(path);
    });
    await logIn(page);
    await expect(page.getByRole('heading', { level: 1, name: 'WhatsApp channels' })).toBeVisible();
    await expect(page.getByRole('heading', { level: 2, name: 'Customer Support' })).toBeVisible();
    await expect(page.getByRole('banner')).toContainText('8x8 Contact Center');
    await expect(page.getByRole('banner')).toContainText('Northwind Contact Centre');
    expect(askedAgain).toEqual([]);
    // The session it carried on from is a real one: what the page sends is accepted.
    await page.getByRole('button', { name: 'Log out' }).click();
    await expect(page).toHaveURL(/\/login\?logged_out/);
  });

  test('a wrong password gets the same message as an unknown email', async ({ page }) => {
    await page.goto('/login');
    let next = sessionAnswer(page);
    await logIn(page, DEMO_EMAIL, 'not the right password');
    const wrongPassword = await next;
    const summary = page.getByRole('alert').filter({ hasText: 'There is a problem' });
    const message = 'The email address or password is not right. Check them and try again.';
    await expect(summary.getByRole('link', { name: message })).toBeVisible();
    await expect(page).toHaveTitle(/^Error: Log in/);
    await expectAccessible(page);

    // The first summary is still on the page: wait for the second answer itself.
    next = sessionAnswer(page);
    await logIn(page, 'someone.else@northwind.example', 'not the right password');
    const unknownEmail = await next;
    expect(unknownEmail.status()).toBe(wrongPassword.status());
    const [a, b] = [await wrongPassword.json(), await unknownEmail.json()];
    expect([b.code, b.message, b.fields]).toEqual([a.code, a.message, a.fields]);
    await expect(summary.getByRole('link', { name: message })).toBeVisible();
    await expect(summary.getByRole('link')).toHaveCount(1);
    // What was typed is still there to correct.
    await expect(page.getByLabel('Email', { exact: true })).toHaveValue('someone.else@northwind.example');
  });

  test('empty fields are each explained and linked', async ({ page }) => {
    await page.goto('/login');
    await page.getByRole('button', { name: 'Log in' }).click();
    await expect(page.getByRole('link', { name: 'Enter your email address' })).toBeVisible();
    await page.getByRole('link', { name: 'Enter your password' }).click();
    await expect(page.getByLabel('Password', { exact: true })).toBeFocused();
  });

  test('after 5 failures the page says when to try again', async ({ page }) => {
    await page.goto('/login');
    const lock = await failFiveTimes(page);
    await expect(lock).toContainText(/You can try again at .+ \(in 15 minutes\)\./);
    await expectAccessible(page);
  });

  test('while locked even the right password is refused, and after the lock\'s time it works again', async ({ page, backend }) => {
    await page.goto('/login');
    const lock = await failFiveTimes(page);
    // The lock is engaged: the right password gets a 429, and the page stays on the lock.
    const refused = sessionAnswer(page);
    await logIn(page, DEMO_EMAIL, DEMO_PASSWORD);
    expect((await refused).status()).toBe(429);
    await expect(lock).toBeVisible();
    await expect(page).toHaveURL(/\/login/);

    await backend.advanceClock(15 * 60 + 1);
    await logIn(page, DEMO_EMAIL, DEMO_PASSWORD);
    await expect(page.getByRole('heading', { level: 1, name: 'WhatsApp channels' })).toBeVisible();
  });
});
