// The steps through the simulated Facebook dialog, shared by the sign-up and confirmation suites.
import { expect, PROFILE, type Page, type Backend } from './fixtures';
import { PORT } from './port';

export { PORT };
export const DIALOG = new RegExp(`^http://localhost:${PORT}/facebook/`);

/** Leaves for the simulated dialog from the review page. */
export async function toFacebook(page: Page) {
  await page.getByRole('button', { name: 'Continue to Facebook' }).click();
  await expect(page).toHaveURL(DIALOG);
  await expect(page.getByText('Simulated Facebook dialog')).toBeVisible();
}

export async function logInToFacebook(page: Page) {
  await expect(page.getByRole('heading', { level: 1, name: 'Log in to Facebook' })).toBeVisible();
  await page.getByLabel('Email address').fill('owner@northwind.example');
  await page.getByLabel('Password').fill('facebook password');
  await page.getByRole('button', { name: 'Log in' }).click();
}

/** The partner the dialog names: the seed brand's. */
export const PARTNER = '8x8';

/** The dialog's screens after log in, in the order Meta's documentation gives them (level-1 headings). */
export const SCREENS = [
  'Log in to Facebook',
  `${PARTNER} would like to access your WhatsApp Business account`,
  `You gave ${PARTNER} permission`,
  'Confirm your legal business name',
  'Confirm your business description',
  'Verify your phone number',
  'Enter the 6-digit code',
];

/** From the permission request to the legal business name: Continue gives the permission, the next screen confirms it. */
export async function givePermission(page: Page) {
  await expect(page.getByRole('heading', { level: 1, name: SCREENS[1] })).toBeVisible();
  await page.getByRole('button', { name: 'Continue' }).click();
  await expect(page.getByRole('heading', { level: 1, name: SCREENS[2] })).toBeVisible();
  await page.getByRole('button', { name: 'Continue' }).click();
  await expect(page.getByRole('heading', { level: 1, name: SCREENS[3] })).toBeVisible();
}

/** From the dialog's login to the code page, checking the pre-fill on the way. */
export async function upToCode(page: Page, method: 'Text message (SMS)' | 'Voice call' = 'Text message (SMS)') {
  await logInToFacebook(page);
  await givePermission(page);
  await expect(page.getByLabel('Legal business name')).toHaveValue(PROFILE.business_name);
  await page.getByRole('button', { name: 'Continue' }).click();
  await expect(page.getByLabel('Description')).toHaveValue(PROFILE.description);
  await page.getByLabel('Description').fill('Family bakery since 1952. Edited on Facebook.');
  await page.getByRole('button', { name: 'Continue' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Verify your phone number' })).toBeVisible();
  await page.getByLabel(method).check();
  await page.getByRole('button', { name: 'Confirm' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Enter the 6-digit code' })).toBeVisible();
}

/** The newest one-time code the "phone" received. */
export async function latestCode(backend: Backend, subject = 'WhatsApp code') {
  const mail = (await backend.mailbox()).find((m) => m.to === '+447400123456' && m.subject === subject);
  expect(mail, `a "${subject}" message`).toBeTruthy();
  return /Your WhatsApp code is (\d{6})/.exec(mail!.body)![1];
}

export async function enterCode(page: Page, code: string) {
  await page.getByLabel('Code').fill(code);
  await page.getByRole('button', { name: 'Continue' }).click();
}

export async function finishRegistered(page: Page) {
  await expect(page.getByRole('heading', { level: 1, name: 'Your number +44 7400 123456 is registered with WhatsApp' })).toBeVisible();
  await page.getByRole('button', { name: 'Continue' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Your number is registered' })).toBeVisible();
}

export async function numbers(backend: Backend) {
  return (await backend.state()).data.numbers;
}


/** From the review page, all the way through Facebook, back on the app with the number registered. */
export async function registerNumber(page: Page, backend: Backend) {
  await toFacebook(page);
  await upToCode(page);
  await enterCode(page, await latestCode(backend));
  await finishRegistered(page);
}
