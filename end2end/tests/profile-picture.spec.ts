import type { Page, Request } from '@playwright/test';
import { test, expect, expectAccessible, type Backend } from './fixtures';
import { png, bigPng, textAsPng, brokenJpeg, gif, pdf, jpeg, type TestFile } from './images';

const CHANNEL = 'ch_support';
const UPLOAD = `/api/channels/${CHANNEL}/profile/picture`;
const UNREADABLE = 'This file is not a picture we can read: choose a JPEG or PNG photo or logo';

/** Confirms the Facebook business account (Continue to Facebook needs it), then opens page 2. */
async function openContactPage(page: Page, confirmFacebook = true) {
  if (confirmFacebook) {
    const session = await (await page.request.get('/api/session')).json();
    const confirmed = await page.request.post('/api/eligibility/facebook-business', {
      data: { confirmed: true },
      headers: { 'X-CSRF-Token': session.csrf_token },
    });
    expect(confirmed.ok()).toBeTruthy();
  }
  await page.goto(`/channels/${CHANNEL}/profile/contact`);
  await expect(page.getByRole('heading', { level: 1, name: 'Contact details and picture' })).toBeVisible();
}

/** Every upload request the page sends, as it sends it. */
function watchUploads(page: Page): Request[] {
  const seen: Request[] = [];
  page.on('request', (r) => {
    if (r.method() === 'POST' && new URL(r.url()).pathname === UPLOAD) seen.push(r);
  });
  return seen;
}

async function storedPictures(backend: Backend): Promise<[string, any][]> {
  return Object.entries((await backend.state()).data.pictures ?? {});
}

async function draftPictureId(backend: Backend): Promise<string | null> {
  const record = (await backend.state()).data.channels.find((c: any) => c.channel.id === CHANNEL);
  return record.profile.draft.picture_id ?? null;
}

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

const fileInput = (page: Page) => page.getByLabel('Profile picture', { exact: true });
const status = (page: Page, text: string | RegExp) => page.getByRole('status').filter({ hasText: text });
const progress = (page: Page) => page.getByRole('progressbar', { name: 'Uploading profile picture' });
const cropPreview = (page: Page) => page.getByRole('img', { name: /The square that will be your profile picture/ });

test.describe('profile picture', () => {
  const refusals: { what: string; file: () => TestFile; message: string }[] = [
    { what: 'a GIF', file: gif, message: 'The picture must be a JPEG or PNG' },
    { what: 'a PDF', file: pdf, message: 'The picture must be a JPEG or PNG' },
    { what: 'a file over 5 MB', file: () => bigPng(7.2), message: 'The picture must be 5 MB or smaller; this one is 7.2 MB' },
    { what: 'a text file renamed logo.png', file: textAsPng, message: UNREADABLE },
    { what: 'a file that starts like a JPEG but does not decode', file: brokenJpeg, message: UNREADABLE },
    { what: 'a 120 × 90 picture', file: () => png(120, 90), message: 'The picture must be at least 192 × 192 pixels; this one is 120 × 90' },
  ];
  for (const { what, file, message } of refusals) {
    test(`${what} is refused on the field and not uploaded`, async ({ loggedIn: page, backend }) => {
      const uploads = watchUploads(page);
      await openContactPage(page);
      await fileInput(page).setInputFiles(file());

      await expect(page.getByText(message)).toBeVisible();
      await expect(fileInput(page)).toHaveAccessibleDescription(new RegExp(`Error: ${escape(message)}`));
      await expect(fileInput(page)).toHaveAttribute('aria-invalid', 'true');
      await expect(cropPreview(page)).toHaveCount(0);
      await expect(page.getByRole('button', { name: 'Upload picture' })).toHaveCount(0);
      await expect(page.getByTestId('whatsapp-preview').getByRole('img')).toHaveCount(0);
      expect(uploads).toHaveLength(0);
      expect(await storedPictures(backend)).toHaveLength(0);
    });
  }

  test('an error on the field passes axe, and a good picture then replaces it', async ({ loggedIn: page }) => {
    await openContactPage(page);
    await fileInput(page).setInputFiles(png(120, 90));
    await expect(page.getByText('this one is 120 × 90')).toBeVisible();
    await expectAccessible(page);

    await fileInput(page).setInputFiles(png(400, 300));
    await expect(cropPreview(page)).toBeVisible();
    await expect(page.getByText('this one is 120 × 90')).toHaveCount(0);
    await expect(fileInput(page)).not.toHaveAttribute('aria-invalid', 'true');

    // Dragging the picture to the right shows more of its left side.
    const across = page.getByRole('slider', { name: 'Move left or right' });
    await expect(across).toHaveValue('50');
    await cropPreview(page).scrollIntoViewIfNeeded();
    const box = (await cropPreview(page).boundingBox())!;
    await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
    await page.mouse.down();
    await page.mouse.move(box.x + box.width * 0.75, box.y + box.height / 2, { steps: 5 });
    await page.mouse.up();
    await expect(across).not.toHaveValue('50');
    expect(Number(await across.inputValue())).toBeLessThan(50);
  });

  test('a picture is cropped by keyboard, uploaded with progress and shown in the preview', async ({ loggedIn: page, backend }) => {
    const uploads = watchUploads(page);
    await openContactPage(page);
    // Slow enough to see the progress; the slow-upload test below looks closer.
    await backend.fault('POST', UPLOAD, { kind: 'delay', ms: 800 });
    await fileInput(page).setInputFiles(png(800, 600));

    await expect(status(page, 'Picture checked')).toBeVisible();
    await expect(cropPreview(page)).toBeVisible();
    const preview = page.getByTestId('whatsapp-preview').getByRole('img');
    await expect(preview).toHaveAttribute('src', /^blob:/);
    const blobBefore = await preview.getAttribute('src');

    // 800 × 600 at 100 %: the square is 600 high, so it can only move sideways.
    const zoom = page.getByRole('slider', { name: 'Zoom' });
    const across = page.getByRole('slider', { name: 'Move left or right' });
    const down = page.getByRole('slider', { name: 'Move up or down' });
    await expect(zoom).toHaveValue('100');
    await expect(down).toBeDisabled();
    await expect(across).toBeEnabled();
    await zoom.focus();
    for (let i = 0; i < 4; i++) await zoom.press('ArrowRight');
    await expect(zoom).toHaveValue('120');
    await expect(zoom).toHaveAttribute('aria-valuetext', '120%');
    await expect(down).toBeEnabled();
    await down.focus();
    await down.press('Home');
    await expect(down).toHaveValue('0');
    // The live preview follows the crop with a new blob: URL.
    await expect(preview).not.toHaveAttribute('src', blobBefore!);
    await expect(preview).toHaveAttribute('src', /^blob:/);
    await expectAccessible(page);

    await page.getByRole('button', { name: 'Upload picture' }).click();
    await expect(progress(page)).toBeVisible();
    await expect(page.getByRole('button', { name: 'Uploading…' })).toBeVisible();
    await expect(status(page, 'Picture uploaded')).toBeVisible();
    await expect(progress(page)).toHaveCount(0);

    expect(uploads).toHaveLength(1);
    const headers = await uploads[0].allHeaders();
    expect(headers['content-type']).toBe('image/jpeg');
    expect(headers['x-csrf-token']).toBeTruthy();
    expect(headers['idempotency-key']).toMatch(/^[0-9a-f]{32}$/);

    const pictures = await storedPictures(backend);
    expect(pictures).toHaveLength(1);
    const [id, stored] = pictures[0];
    expect(stored).toMatchObject({ content_type: 'image/jpeg', width: 640, height: 640 });
    expect(await draftPictureId(backend)).toBe(id);

    // The preview now shows the uploaded picture, as does the field.
    await expect(preview).toHaveAttribute('src', `/api/pictures/${id}`);
    await expect.poll(() => preview.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth)).toBe(640);
    await expect(page.getByRole('img', { name: 'Your current profile picture' })).toBeVisible();
    await expect(page.getByRole('button', { name: 'Replace picture' })).toBeFocused();
    await expect(page.getByRole('button', { name: 'Remove picture' })).toBeVisible();

    // The crop was the top of the picture, zoomed to 120 %: red at its top left, yellow at its bottom right.
    const corners = await page.evaluate(async (src) => {
      const bitmap = await createImageBitmap(await (await fetch(src)).blob());
      const canvas = new OffscreenCanvas(bitmap.width, bitmap.height);
      const ctx = canvas.getContext('2d')!;
      ctx.drawImage(bitmap, 0, 0);
      return [ctx.getImageData(20, 20, 1, 1).data, ctx.getImageData(620, 400, 1, 1).data].map((d) => Array.from(d.slice(0, 3)));
    }, `/api/pictures/${id}`);
    const near = (actual: number[], expected: number[]) => actual.every((v, i) => Math.abs(v - expected[i]) < 40);
    expect(near(corners[0], [220, 40, 40]), `top left ${corners[0]} is red`).toBeTruthy();
    expect(near(corners[1], [240, 200, 40]), `bottom right ${corners[1]} is yellow`).toBeTruthy();
  });

  test('a failed upload says so, and trying again sends the same picture with the same key', async ({ loggedIn: page, backend }) => {
    const uploads = watchUploads(page);
    await openContactPage(page);
    await backend.fault('POST', UPLOAD, { kind: 'status', status: 503 });
    await fileInput(page).setInputFiles(png(800, 600));
    await page.getByRole('button', { name: 'Upload picture' }).click();

    const failure = page.getByText(/The upload failed: Something went wrong on our side/);
    await expect(failure).toBeVisible();
    await expect(fileInput(page)).toHaveAccessibleDescription(/The upload failed/);
    expect(await storedPictures(backend)).toHaveLength(0);
    await expectAccessible(page);

    await page.getByRole('button', { name: 'Try the upload again' }).click();
    await expect(status(page, 'Picture uploaded')).toBeVisible();
    await expect(failure).toHaveCount(0);

    expect(uploads).toHaveLength(2);
    const [first, second] = await Promise.all(uploads.map((u) => u.allHeaders()));
    expect(second['idempotency-key']).toBe(first['idempotency-key']);
    // The same cropped JPEG, byte for byte as far as its length shows.
    expect(first['content-length']).toMatch(/^\d+$/);
    expect(second['content-length']).toBe(first['content-length']);
    const pictures = await storedPictures(backend);
    expect(pictures).toHaveLength(1);
    expect(pictures[0][1].size).toBe(Number(first['content-length']));
    expect(await draftPictureId(backend)).toBe(pictures[0][0]);
  });

  test('a slow upload shows that it is uploading until the answer comes', async ({ loggedIn: page, backend }) => {
    await openContactPage(page);
    await backend.fault('POST', UPLOAD, { kind: 'delay', ms: 1500 });
    await fileInput(page).setInputFiles(await jpeg(page, 1200, 900));
    await page.getByRole('button', { name: 'Upload picture' }).click();

    await expect(progress(page)).toBeVisible();
    await expect(page.getByText(/\d+% sent|waiting for the server/)).toBeVisible();
    await expect(status(page, 'Uploading profile picture…')).toBeVisible();
    await expect(page.getByRole('button', { name: 'Uploading…' })).toHaveAttribute('aria-disabled', 'true');
    await expect(fileInput(page)).toBeDisabled();
    await expect(page.getByRole('slider', { name: 'Zoom' })).toBeDisabled();

    await expect(status(page, 'Picture uploaded')).toBeVisible();
    await expect(fileInput(page)).toBeEnabled();
    expect(await storedPictures(backend)).toHaveLength(1);
  });

  test('a picture can be dropped on the field', async ({ loggedIn: page }) => {
    await openContactPage(page);
    const drop = async (file: TestFile) => {
      const dataTransfer = await page.evaluateHandle(
        ({ base64, name, mimeType }) => {
          const bytes = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
          const dt = new DataTransfer();
          dt.items.add(new File([bytes], name, { type: mimeType }));
          return dt;
        },
        { base64: file.buffer.toString('base64'), name: file.name, mimeType: file.mimeType },
      );
      await page.getByTestId('picture-drop').dispatchEvent('drop', { dataTransfer });
    };
    await drop(pdf());
    await expect(page.getByText('The picture must be a JPEG or PNG')).toBeVisible();
    await drop(png(640, 480));
    await expect(cropPreview(page)).toBeVisible();
    await expect(page.getByText('The picture must be a JPEG or PNG')).toHaveCount(0);
  });

  test('an uploaded picture can be removed, and cancelling a new one keeps it', async ({ loggedIn: page, backend }) => {
    await openContactPage(page);
    await fileInput(page).setInputFiles(await jpeg(page, 1000, 1000));
    await page.getByRole('button', { name: 'Upload picture' }).click();
    await expect(status(page, 'Picture uploaded')).toBeVisible();
    const id = await draftPictureId(backend);
    expect(id).toMatch(/^pic_/);

    // After a reload the draft's picture is shown with its actions.
    await page.reload();
    await expect(page.getByRole('img', { name: 'Your current profile picture' })).toHaveAttribute('src', `/api/pictures/${id}`);

    // Choosing another picture and cancelling leaves the uploaded one in place.
    await fileInput(page).setInputFiles(png(300, 300));
    await expect(page.getByRole('button', { name: 'Remove picture' })).toHaveCount(0);
    await page.getByRole('button', { name: 'Cancel this picture' }).click();
    await expect(fileInput(page)).toBeFocused();
    await expect(page.getByTestId('whatsapp-preview').getByRole('img')).toHaveAttribute('src', `/api/pictures/${id}`);

    await page.getByRole('button', { name: 'Remove picture' }).click();
    await expect(status(page, 'Picture removed')).toBeVisible();
    await expect(fileInput(page)).toBeFocused();
    await expect(page.getByRole('img', { name: 'Your current profile picture' })).toHaveCount(0);
    await expect(page.getByTestId('whatsapp-preview').getByRole('img')).toHaveCount(0);
    await expect.poll(() => draftPictureId(backend)).toBeNull();
  });

  test('an upload the backend refuses shows its reason on the field, with no retry', async ({ loggedIn: page, backend }) => {
    // The backend refuses this upload (403, as it would for a licence without WhatsApp).
    await openContactPage(page);
    await backend.fault('POST', UPLOAD, { kind: 'status', status: 403 });
    await fileInput(page).setInputFiles(png(800, 600));
    await page.getByRole('button', { name: 'Upload picture' }).click();
    await expect(page.getByText('You cannot do this.')).toBeVisible();
    await expect(fileInput(page)).toHaveAccessibleDescription(/You cannot do this\./);
    await expect(page.getByRole('button', { name: 'Try the upload again' })).toHaveCount(0);
    await expect(page.getByRole('button', { name: 'Upload picture' })).toBeVisible();
    expect(await storedPictures(backend)).toHaveLength(0);
  });

  test('an ended session sends the user to log in', async ({ loggedIn: page, backend }) => {
    await openContactPage(page);
    await fileInput(page).setInputFiles(png(800, 600));
    await expect(cropPreview(page)).toBeVisible();
    await backend.expireSessions();
    await page.getByRole('button', { name: 'Upload picture' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Log in' })).toBeVisible();
    expect(await storedPictures(backend)).toHaveLength(0);
  });
});
