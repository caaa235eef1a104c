// Lighthouse's mobile performance score (its default preset: a mid-range phone, 4x CPU,
// simulated slow 4G) for the app's /login and for the static HTML form served by the
// same server, with FCP, LCP and TBT: the median of each over N runs, the two pages
// alternating. Also says how the wasm reached Lighthouse's Chrome (brotli, gzip or
// raw), from the report's own network requests, as the slow link charges those bytes.
//
// Uses no package of its own: it runs the Lighthouse CLI that scripts/measure installs
// into tools/lighthouse/ (12.2.3; Chromium from CHROME_PATH).
// Usage: node end2end/measure/lighthouse.mjs http://127.0.0.1:8393 runs lighthouse-bin report-dir dist-dir
// ($WASM_BR_ENCODING: what the backend answered curl's `Accept-Encoding: br`, to print beside it.)
// Prints Markdown; writes the figures as JSON to $MEASURE_JSON. A failed run is reported
// and left out; it never fails the caller (a measurement, not a test).
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const [base, runsArg, bin, reports, dist] = process.argv.slice(2);
const runs = Math.max(1, Number(runsArg ?? 3));
const BUDGET = { score: 98, lcp: 1500 };
const chromeFlags = '--headless=new --no-sandbox --disable-gpu';
const pages = [
  { name: 'app', label: 'app `/login`', path: '/login' },
  { name: 'static', label: 'static form `/static-login.html`', path: '/static-login.html' },
];
mkdirSync(reports, { recursive: true });

function lighthouse(page, i) {
  const out = join(reports, `${page.name}-${i + 1}.report.json`);
  rmSync(out, { force: true });
  const r = spawnSync(
    bin,
    [`${base}${page.path}`, '--only-categories=performance', `--chrome-flags=${chromeFlags}`, '--output=json', `--output-path=${out}`, '--quiet'],
    { encoding: 'utf8', env: { ...process.env, CHROME_PATH: process.env.CHROME_PATH || '/usr/bin/chromium' }, timeout: 180_000 },
  );
  if (r.status !== 0 || !existsSync(out)) return { error: `lighthouse exited ${r.status ?? r.signal}: ${(r.stderr || r.error?.message || '').trim().split('\n').slice(-2).join(' ')}` };
  const lhr = JSON.parse(readFileSync(out, 'utf8'));
  if (lhr.runtimeError) return { error: `${lhr.runtimeError.code}: ${lhr.runtimeError.message}` };
  const a = lhr.audits;
  const score = lhr.categories.performance.score;
  const wasm = (a['network-requests']?.details?.items ?? []).find((x) => /_bg\.wasm$/.test(new URL(x.url).pathname));
  return {
    score: score === null ? null : Math.round(score * 100),
    fcp: a['first-contentful-paint'].numericValue,
    lcp: a['largest-contentful-paint'].numericValue,
    tbt: a['total-blocking-time'].numericValue,
    wasm: wasm ? { url: new URL(wasm.url).pathname, transferSize: wasm.transferSize, resourceSize: wasm.resourceSize } : undefined,
    lighthouse: lhr.lighthouseVersion,
    chrome: lhr.environment?.hostUserAgent,
  };
}

const median = (xs) => {
  const s = xs.filter((x) => typeof x === 'number').sort((a, b) => a - b);
  if (!s.length) return undefined;
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};

const results = Object.fromEntries(pages.map((p) => [p.name, []]));
for (let i = 0; i < runs; i++) {
  for (const page of pages) {
    const t = Date.now();
    const r = lighthouse(page, i);
    console.error(`lighthouse ${page.path} run ${i + 1}/${runs}: ${r.error ?? `score ${r.score}, LCP ${Math.round(r.lcp)} ms`} (${((Date.now() - t) / 1000).toFixed(0)} s)`);
    results[page.name].push(r);
  }
}

const summary = {};
for (const page of pages) {
  const ok = results[page.name].filter((r) => !r.error);
  summary[page.name] = {
    url: `${base}${page.path}`,
    runs: ok.length,
    failed: results[page.name].filter((r) => r.error).map((r) => r.error),
    score: median(ok.map((r) => r.score)),
    fcp: median(ok.map((r) => r.fcp)),
    lcp: median(ok.map((r) => r.lcp)),
    tbt: median(ok.map((r) => r.tbt)),
    each: ok.map(({ score, fcp, lcp, tbt }) => ({ score, fcp, lcp, tbt })),
  };
}

// Which copy of the wasm Chrome fetched: the nearest of the files' sizes to the bytes on
// the wire (those include the response headers, a few hundred bytes).
const wasm = results.app.find((r) => r.wasm)?.wasm;
let encoding;
if (wasm && dist) {
  const name = wasm.url.split('/').pop();
  const size = (f) => (existsSync(join(dist, f)) ? statSync(join(dist, f)).size : undefined);
  const copies = { brotli: size(`${name}.br`), gzip: size(`${name}.gz`), uncompressed: size(name) };
  const nearest = Object.entries(copies).filter(([, n]) => n !== undefined).sort(([, a], [, b]) => Math.abs(a - wasm.transferSize) - Math.abs(b - wasm.transferSize))[0];
  encoding = { file: name, backend_answers_br_with: process.env.WASM_BR_ENCODING, transferSize: wasm.transferSize, copies, served: nearest?.[0] };
}

// As Lighthouse shows them: paints in seconds, blocking time in milliseconds.
const s = (ms) => (ms === undefined ? 'n/a' : `${(ms / 1000).toFixed(1)} s`);
const ms = (x) => (x === undefined ? 'n/a' : `${Math.round(x)} ms`);
const n = (x) => (x === undefined ? 'n/a' : String(Math.round(x)));
const vsScore = (x) => (x === undefined ? '' : x >= BUDGET.score ? ' (within)' : ` (${BUDGET.score - Math.round(x)} below)`);
const vsLcp = (x) => (x === undefined ? '' : x <= BUDGET.lcp ? ' (within)' : ` (over by ${s(x - BUDGET.lcp)})`);
const first = results.app.find((r) => !r.error) ?? results.static.find((r) => !r.error);
const out = [];
out.push(`## Lighthouse, mobile (median of ${runs} run${runs === 1 ? '' : 's'}, performance only${first ? `; Lighthouse ${first.lighthouse}` : ''})`, '');
out.push(`| page | score (budget ${BUDGET.score}) | FCP | LCP (budget ${s(BUDGET.lcp)}) | TBT |`, '|---|---|---|---|---|');
for (const page of pages) {
  const m = summary[page.name];
  const failed = m.failed.length ? ` (${m.failed.length} of ${runs} runs failed)` : '';
  out.push(`| ${page.label}${failed} | ${n(m.score)}${page.name === 'app' ? vsScore(m.score) : ''} | ${s(m.fcp)} | ${s(m.lcp)}${page.name === 'app' ? vsLcp(m.lcp) : ''} | ${ms(m.tbt)} |`);
}
if (encoding) {
  const c = encoding.copies;
  const asked = encoding.backend_answers_br_with ? `Asked for it with \`Accept-Encoding: br\` (curl), the backend answers with Content-Encoding: ${encoding.backend_answers_br_with}. ` : '';
  out.push('', `The wasm (${encoding.file}): ${asked}Lighthouse's Chrome got it in ${encoding.transferSize} bytes, the ${encoding.served} copy (brotli ${c.brotli ?? 'n/a'}, gzip ${c.gzip ?? 'n/a'}, raw ${c.uncompressed ?? 'n/a'}).`);
}
for (const page of pages) for (const e of summary[page.name].failed) out.push('', `${page.path}: a run failed: ${e}`);
out.push('', `(Reports: ${reports}/)`);
console.log(out.join('\n'));
if (process.env.MEASURE_JSON) {
  writeFileSync(process.env.MEASURE_JSON, JSON.stringify({ runs, budget: BUDGET, chrome: first?.chrome, lighthouse: first?.lighthouse, wasm: encoding, ...summary }, null, 2));
}
