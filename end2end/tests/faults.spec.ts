// The fault matrix's rows for the two public steps (see the README's "The fault
// matrix"): logging in and setting a password, against a server failure, a slow
// answer with a double click, and a connection dropped after the backend acted. Each
// ends with the user told what happened, what they typed still there, and exactly one
// effect on the backend.
import { test, expect, logIn, countRequests, DEMO_EMAIL, DEMO_PASSWORD, type Page } from './fixtures';

// The message quotes the failure's reference for support.
const SERVER = /Something went wrong on our side\. Try again; if it keeps happening, contact support and quote ERR-/;

async function sessions(backend: { state(): Promise<{ data: any }> }) {
  return (await backend.state()).data.sessions.length as number;
}

async function fillPasswords(page: Page) {
  await page.getByLabel('New password', { exact: true }).fill(DEMO_PASSWORD);
  await page.getByLabel('Confirm new password').fill(DEMO_PASSWORD);
}

test.describe('log in, when the server fails', () => {
  test('a 500 says so, keeps the email, and trying again logs in once', async ({ page, backend }) => {
    await backend.reset(DEMO_PASSWORD);
    await backend.fault('POST', '/api/session', { kind: 'status', status: 500 });
    await page.goto('/login');
    await logIn(page);
    await expect(page.getByText(SERVER)).toBeVisible();
    await expect(page.getByLabel('Email', { exact: true })).toHaveValue(DEMO_EMAIL);
    expect(await sessions(backend)).toBe(0);
    await page.getByRole('button', { name: 'Log in' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'WhatsApp channels' })).toBeVisible();
    expect(await sessions(backend)).toBe(1);
  });

  test('a double click on a slow answer sends one request and starts one session', async ({ page, backend }) => {
    await backend.reset(DEMO_PASSWORD);
    await backend.fault('POST', '/api/session', { kind: 'delay', ms: 1500 });
    await page.goto('/login');
    const posts = countRequests(page, 'POST', '/api/session');
    await page.getByLabel('Email', { exact: true }).fill(DEMO_EMAIL);
    await page.getByLabel('Password', { exact: true }).fill(DEMO_PASSWORD);
    await page.getByRole('button', { name: 'Log in' }).dblclick();
    await expect(page.getByRole('button', { name: 'Logging in…' })).toBeVisible();
    await expect(page.getByRole('heading', { level: 1, name: 'WhatsApp channels' })).toBeVisible();
    expect(posts()).toBe(1);
    expect(await sessions(backend)).toBe(1);
  });

  test('a connection dropped after the backend acted still ends logged in, with one session', async ({ page, backend }) => {
    await backend.reset(DEMO_PASSWORD);
    await backend.fault('POST', '/api/session', { kind: 'drop' });
    await page.goto('/login');
    await logIn(page);
    // The first answer was lost; the request sent again carries the same idempotency
    // key and gets that answer, cookie included: one session, not two.
    await expect(page.getByRole('heading', { level: 1, name: 'WhatsApp channels' })).toBeVisible();
    expect(await sessions(backend)).toBe(1);
  });
});

test.describe('set a password, when the server fails', () => {
  test('a 500 says so, keeps both passwords typed, and trying again sets it once', async ({ page, backend }) => {
    await page.goto(await backend.passwordLink());
    await backend.fault('POST', '/api/password-links/*', { kind: 'status', status: 500 });
    await fillPasswords(page);
    await page.getByRole('button', { name: 'Set password and log in' }).click();
    await expect(page.getByText(SERVER)).toBeVisible();
    await expect(page.getByLabel('New password', { exact: true })).toHaveValue(DEMO_PASSWORD);
    await expect(page.getByLabel('Confirm new password')).toHaveValue(DEMO_PASSWORD);
    await page.getByRole('button', { name: 'Set password and log in' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'WhatsApp channels' })).toBeVisible();
    expect(await sessions(backend)).toBe(1);
  });

  test('a double click on a slow answer sends one request', async ({ page, backend }) => {
    await page.goto(await backend.passwordLink());
    await backend.fault('POST', '/api/password-links/*', { kind: 'delay', ms: 1500 });
    let posts = 0;
    page.on('request', (r) => {
      if (r.method() === 'POST' && new URL(r.url()).pathname.startsWith('/api/password-links/')) posts++;
    });
    await fillPasswords(page);
    await page.getByRole('button', { name: 'Set password and log in' }).dblclick();
    await expect(page.getByRole('button', { name: 'Setting your password…' })).toBeVisible();
    await expect(page.getByRole('heading', { level: 1, name: 'WhatsApp channels' })).toBeVisible();
    expect(posts).toBe(1);
    expect(await sessions(backend)).toBe(1);
  });
});
