// No secret left behind: after the whole journey (set a password from the emailed link,
// log in, the profile, the Facebook dialog, the code, confirm the number), nothing a
// script, the next user of the computer or a log reader can see holds a password, the
// session token, the CSRF token, the set-password link's token, the OAuth code, the PKCE verifier
// or the phone's one-time code.
import { test, expect, apiCall, PROFILE, DEMO_PASSWORD } from './fixtures';
import { toFacebook, upToCode, latestCode, enterCode, finishRegistered } from './signup-steps';

test('after the whole journey no secret is in storage, readable cookies, the address, history or the console', async ({ page, backend }) => {
  test.setTimeout(90_000);
  const console: string[] = [];
  page.on('console', (m) => console.push(m.text()));
  // The PKCE verifier travels once, in the code exchange's body.
  let verifier = '';
  page.on('request', (r) => {
    if (r.method() === 'POST' && /\/exchange$/.test(new URL(r.url()).pathname)) verifier = r.postDataJSON().code_verifier;
  });
  const visited: string[] = [];
  page.on('framenavigated', (f) => {
    if (f === page.mainFrame()) visited.push(f.url());
  });

  // The emailed link, then the password.
  const link = await backend.passwordLink();
  const linkToken = new URL(link, 'http://x').searchParams.get('token') ?? link.split('/').pop()!;
  await page.goto(link);
  await page.getByLabel('New password', { exact: true }).fill(DEMO_PASSWORD);
  await page.getByLabel('Confirm new password').fill(DEMO_PASSWORD);
  await page.getByRole('button', { name: 'Set password and log in' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'WhatsApp channels' })).toBeVisible();

  // The profile (through the API, as its pages save it), then the review and Facebook.
  expect((await apiCall(page, 'POST', '/api/eligibility/facebook-business', { confirmed: true })).status()).toBe(200);
  expect((await apiCall(page, 'PATCH', '/api/channels/ch_support/profile', { fields: PROFILE })).status()).toBe(200);
  await page.goto('/channels/ch_support/profile/review');
  await page.getByLabel(`I confirm my business name is “${PROFILE.business_name}” and understand it cannot be changed`).check();
  await page.getByRole('button', { name: 'Confirm profile' }).click();
  await expect(page.getByRole('heading', { name: 'Profile confirmed' })).toBeVisible();
  await toFacebook(page);
  await upToCode(page);
  const smsCode = await latestCode(backend);
  await enterCode(page, smsCode);
  await finishRegistered(page);
  // Exchanged: the verifier has left the tab's storage already.
  expect(verifier).not.toBe('');
  expect(await page.evaluate(() => JSON.stringify({ ...sessionStorage }))).not.toContain(verifier);

  // The address the dialog sent the user back to carried the code and the state.
  const callback = visited.map((u) => new URL(u)).find((u) => u.pathname.endsWith('/facebook/callback') && u.searchParams.has('code'));
  expect(callback, 'the callback address').toBeTruthy();
  // (The state stays in the callback's address so a refresh shows the outcome: once
  // used it is worth nothing, as the backend exchanges an attempt's code only once.
  // Web storage drops it with the rest of the sign-up record once the number is linked.)
  const code = callback!.searchParams.get('code')!;
  const state = callback!.searchParams.get('state')!;
  expect(page.url(), 'the address bar after the callback').not.toContain(code);

  // Confirm the number.
  await page.getByRole('link', { name: 'Choose the number and channel' }).click();
  await page.getByRole('button', { name: 'Next' }).click();
  await page.getByRole('button', { name: 'Confirm' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Your WhatsApp number is linked' })).toBeVisible();
  await page.getByRole('link', { name: 'Go to your WhatsApp channels' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'WhatsApp channels' })).toBeVisible();

  expect(verifier, 'the exchange sent a PKCE verifier').toMatch(/^[0-9a-f]{64}$/);
  // The dialog got only its challenge, never the verifier.
  expect(visited.join('\n')).not.toContain(verifier);
  const session = (await page.context().cookies()).find((c) => c.name === 'session' || c.name === '__Host-session');
  expect(session?.httpOnly, 'the session cookie is out of reach of scripts').toBe(true);
  const csrf = (await (await page.request.get('/api/session')).json()).csrf_token as string;
  const secrets: Record<string, string> = {
    password: DEMO_PASSWORD,
    'set-password token': linkToken,
    'session token': session!.value,
    'CSRF token': csrf,
    'OAuth code': code,
    'one-time code': smsCode,
    'PKCE verifier': verifier,
    'Facebook password': 'facebook password',
  };

  const stored = await page.evaluate(() => JSON.stringify({ local: { ...localStorage }, session: { ...sessionStorage }, cookie: document.cookie }));
  // The channel is done with: its draft and its sign-up record are gone too.
  expect(stored, 'the state in web storage').not.toContain(state);
  expect(stored).not.toContain('draft:');
  expect(stored).not.toContain('facebook-signup');
  // The app's addresses this tab's history now holds, back to the dialog (whose own
  // address carries the state, as OAuth has it: that one is Facebook's, not the app's).
  const app = new URL(page.url()).origin;
  const history: string[] = [page.url()];
  for (let i = 0; i < 6 && new URL(page.url()).origin === app; i++) {
    await page.goBack();
    if (new URL(page.url()).origin === app) history.push(page.url());
  }
  expect(history.length, 'app addresses in history').toBeGreaterThan(2);
  const places = { 'web storage and document.cookie': stored, 'the console': console.join('\n'), 'the address and history': history.join('\n') };
  for (const [where, text] of Object.entries(places)) {
    for (const [name, value] of Object.entries(secrets)) {
      expect(text.includes(value), `the ${name} in ${where}`).toBe(false);
    }
  }
});
