// Test files for the profile picture field, made here with no npm dependency
// (node's zlib for PNG), in the shape `locator.setInputFiles` takes.
import { deflateSync } from 'node:zlib';
import type { Page } from '@playwright/test';

export type TestFile = { name: string; mimeType: string; buffer: Buffer };

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

const CRC_TABLE = (() => {
  const table = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    table[n] = c >>> 0;
  }
  return table;
})();

function crc32(bytes: Buffer): number {
  let c = 0xffffffff;
  for (const b of bytes) c = CRC_TABLE[(c ^ b) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}

/** The colour of pixel (x, y): four quadrants and a dark diagonal band, so the crop shows. */
function colour(x: number, y: number, width: number, height: number): [number, number, number] {
  if (Math.abs(x / width - y / height) < 0.03) return [20, 20, 20];
  const left = x < width / 2;
  const top = y < height / 2;
  if (top && left) return [220, 40, 40];
  if (top) return [40, 160, 70];
  if (left) return [40, 90, 210];
  return [240, 200, 40];
}

/** A real RGB PNG of `width` × `height` pixels. */
export function png(width: number, height: number, name = `picture-${width}x${height}.png`): TestFile {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 2; // colour type: RGB
  ihdr[10] = 0; // compression
  ihdr[11] = 0; // filter
  ihdr[12] = 0; // no interlace
  const row = 1 + width * 3;
  const raw = Buffer.alloc(row * height);
  for (let y = 0; y < height; y++) {
    raw[y * row] = 0; // filter: none
    for (let x = 0; x < width; x++) {
      const [r, g, b] = colour(x, y, width, height);
      const at = y * row + 1 + x * 3;
      raw[at] = r;
      raw[at + 1] = g;
      raw[at + 2] = b;
    }
  }
  const buffer = Buffer.concat([PNG_SIGNATURE, chunk('IHDR', ihdr), chunk('IDAT', deflateSync(raw)), chunk('IEND', Buffer.alloc(0))]);
  return { name, mimeType: 'image/png', buffer };
}

/** A file over 5 MB named and typed as a PNG: a PNG signature, then zeros. */
export function bigPng(megabytes = 7.2): TestFile {
  const buffer = Buffer.alloc(Math.round(megabytes * 1024 * 1024));
  PNG_SIGNATURE.copy(buffer);
  return { name: 'huge-photo.png', mimeType: 'image/png', buffer };
}

/** A text file renamed `logo.png`, typed as a PNG. */
export function textAsPng(): TestFile {
  return { name: 'logo.png', mimeType: 'image/png', buffer: Buffer.from('This is not a picture, just some text saved as logo.png.\n') };
}

/** JPEG's first bytes, then nothing a browser can decode. */
export function brokenJpeg(): TestFile {
  const buffer = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.alloc(2048, 0x42)]);
  return { name: 'photo.jpg', mimeType: 'image/jpeg', buffer };
}

/** A 1 × 1 GIF: a picture, but not JPEG or PNG. */
export function gif(): TestFile {
  const buffer = Buffer.from('R0lGODlhAQABAIAAAP///wAAACH5BAEAAAAALAAAAAABAAEAAAICRAEAOw==', 'base64');
  return { name: 'logo.gif', mimeType: 'image/gif', buffer };
}

/** A tiny PDF. */
export function pdf(): TestFile {
  return { name: 'brochure.pdf', mimeType: 'application/pdf', buffer: Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n') };
}

/** A real JPEG of `width` × `height`, encoded by the browser (a JPEG encoder here would be long). */
export async function jpeg(page: Page, width: number, height: number): Promise<TestFile> {
  const base64 = await page.evaluate(
    async ({ width, height }) => {
      const canvas = new OffscreenCanvas(width, height);
      const ctx = canvas.getContext('2d')!;
      const colours = ['#d62828', '#2a9d4a', '#2457c5', '#f0c419'];
      colours.forEach((c, i) => {
        ctx.fillStyle = c;
        ctx.fillRect((i % 2) * (width / 2), Math.floor(i / 2) * (height / 2), width / 2, height / 2);
      });
      const blob = await canvas.convertToBlob({ type: 'image/jpeg', quality: 0.9 });
      const bytes = new Uint8Array(await blob.arrayBuffer());
      let binary = '';
      for (const b of bytes) binary += String.fromCharCode(b);
      return btoa(binary);
    },
    { width, height },
  );
  return { name: `photo-${width}x${height}.jpg`, mimeType: 'image/jpeg', buffer: Buffer.from(base64, 'base64') };
}
