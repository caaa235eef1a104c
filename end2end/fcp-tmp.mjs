import { chromium } from '@playwright/test';
const base = process.argv[2]; const n = Number(process.argv[3] ?? 12);
const rate = Number(process.argv[4] ?? 1);
const pages = process.argv.slice(5);
const args = ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args });
const res = Object.fromEntries(pages.map(p => [p, []]));
for (let i = 0; i < n; i++) for (const p of pages) {
  const context = await browser.newContext(); const page = await context.newPage();
  const cdp = await context.newCDPSession(page); await cdp.send('Emulation.setCPUThrottlingRate', { rate });
  await page.goto(base + p);
  const fcp = await page.evaluate(() => new Promise((resolve) => { const done = (e) => e && resolve(e.startTime); done(performance.getEntriesByName('first-contentful-paint')[0]); new PerformanceObserver((l) => done(l.getEntries().find((e) => e.name === 'first-contentful-paint'))).observe({ type: 'paint', buffered: true }); }));
  const nav = await page.evaluate(() => { const e = performance.getEntriesByType('navigation')[0]; return { resp: e.responseEnd, dcl: e.domContentLoadedEventStart }; });
  res[p].push({ fcp, ...nav });
  await context.close();
}
const med = xs => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
for (const p of pages) console.log(p.padEnd(24), 'fcp', med(res[p].map(x => x.fcp)).toFixed(1), 'respEnd', med(res[p].map(x => x.resp)).toFixed(1), 'dcl', med(res[p].map(x => x.dcl)).toFixed(1));
await browser.close();
