// Measures, in headless Chromium on loopback, the time from navigation start
// until the login form's Email field is in the DOM: the app (release build)
// against a plain static HTML login form served by the same server. Median of
// N cold loads (a fresh browser context each time, so nothing is cached).
// Usage: node measure/load.mjs http://127.0.0.1:8383 [loads]
import { chromium } from '@playwright/test';

const base = process.argv[2];
const loads = Number(process.argv[3] ?? 12);
const args = ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args });

async function timeTo(url, throttle) {
  const times = [];
  for (let i = 0; i < loads; i++) {
    const context = await browser.newContext();
    const page = await context.newPage();
    if (throttle) {
      const cdp = await context.newCDPSession(page);
      await cdp.send('Emulation.setCPUThrottlingRate', { rate: throttle });
    }
    await page.goto(url, { waitUntil: 'commit' });
    await page.waitForSelector('#email', { state: 'attached' });
    times.push(await page.evaluate(() => performance.now()));
    await context.close();
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)];
}

const rows = [];
for (const throttle of [0, 4]) {
  const app = await timeTo(`${base}/login`, throttle);
  const plain = await timeTo(`${base}/static-login.html`, throttle);
  rows.push({ cpu: throttle ? `${throttle}x slower` : 'normal', app, plain, ratio: app / plain });
}
await browser.close();
console.log(`| CPU | app login form (ms) | static HTML form (ms) | ratio |\n|---|---|---|---|`);
for (const r of rows) console.log(`| ${r.cpu} | ${r.app.toFixed(0)} | ${r.plain.toFixed(0)} | ${r.ratio.toFixed(2)} |`);
console.log(`\nmedian of ${loads} cold loads each`);
