// mockBackend: everything the app needs from a server, answered inside Playwright
// with page.route on a made-up https origin: the built app's files, the JSON API
// (checked against contract/openapi.json both ways), optionally the example portal
// page, and a one-page stand-in for Facebook's Embedded Signup dialog on another
// made-up origin.
//
// Why a made-up https origin works: Playwright answers the request before any
// connection is made, so no certificate is needed, and Chromium treats the page as
// a secure context (crypto, Secure cookies) and keeps the session cookie set by
// route.fulfill's Set-Cookie like a real server's (checked on this machine).
import type { Page, Route, Request } from '@playwright/test';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { extname, join, normalize, resolve, sep } from 'node:path';
import { contract, ContractError, type Operation } from './contract';
import { forStatus, failure, handlers, startSession, type Answer } from './api';
import { buildScenario, DEFAULT_CLOCK, validateFixture, type ScenarioName } from './scenarios';
import type { MockState } from './types';

/**
 * A fault for one endpoint. `status` answers that status in the one error shape
 * (or with `body`, which must match the contract too) without doing the work; a
 * 401 also ends the session, as an expired one would. `delay` waits that many
 * milliseconds first (alone: then answers normally). `offline` aborts the request
 * as a lost connection does. `after` lets that many matching calls through first
 * ("401 mid-journey"); `times` limits how many calls fail (default: every one).
 */
export interface FaultSpec {
  status?: number;
  body?: unknown;
  delay?: number;
  offline?: boolean;
  after?: number;
  times?: number;
}

/**
 * Which calls a fault is for: an operationId of the contract (`listChannels`,
 * `saveProfile`), `'METHOD /api/path'` with a concrete path, a route template
 * (`PATCH /api/channels/{channel_id}/profile`) or a trailing `*` for a prefix,
 * or `'*'` for every API call.
 */
export type Endpoint = string;

/** One API call the app made, in order. */
export interface ApiCall {
  method: string;
  /** The path without the query. */
  path: string;
  query: string;
  /** The contract's operationId. */
  operation: string;
  /** The JSON body as sent (parsed), `undefined` without one, `{ bytes }` for an image. */
  body: unknown;
  /** The status the kit answered, or 0 for an `offline` fault. */
  status: number;
  /** The `Idempotency-Key` it carried, if any. */
  idempotencyKey?: string;
}

export interface MockOptions {
  /** Where the journey starts: see SCENARIOS. Default `returning-customer`. */
  scenario?: ScenarioName;
  /** Faults from the start, by endpoint. */
  faults?: Record<Endpoint, FaultSpec>;
  /** The made-up origin the app is served on. Default `https://app.test`. */
  origin?: string;
  /** The made-up origin of the simulated Facebook dialog. Default `https://facebook.test`. */
  facebookOrigin?: string;
  /** The built app (a Trunk release `dist`). Default: `$MOCK_DIST`, else `target/e2e-dist-mock` of this repo. */
  distDir?: string;
  /**
   * Also serve a portal page that mounts the app: `true` for this repo's example-host/,
   * or `{ dir }` for a folder of your own laid out the same way (`index.html`, answered
   * for /portal and every address under it, and `assets/`, served at /portal/assets/).
   * `POST /dev/portal-session` (the example's stand-in login) logs the scenario's user in.
   */
  host?: boolean | { dir: string };
  /**
   * What answers an address on `origin` that is neither the API, nor a file of the
   * build, nor the portal: `'app'` (default) answers the app's index.html, as the fake
   * backend does for deep links; `'network'` lets the request through to a real
   * server, so a team can point `origin` at its own dev server and let it serve its
   * page while the kit answers the API and the app's files.
   */
  fallback?: 'app' | 'network';
  /** The kit's clock, an ISO instant (default 2027-03-15T12:00:00Z): every date the API gives comes from it. */
  clock?: string;
  /** Start with or without a session (default: as the scenario says). Without one, `GET /api/session` and every call that needs a session answer 401, as the backend does. */
  loggedIn?: boolean;
  /** Changes the scenario's state before the first call (checked against the contract like the rest). */
  setup?: (state: MockState) => void;
  /**
   * Called with each contract violation instead of throwing (the request is then
   * aborted). Without it a violation throws inside the route handler, which fails the test.
   */
  onContractViolation?: (error: ContractError) => void;
}

/** What `mockBackend` gives the test. */
export interface MockBackend {
  /** The live state; tests may read it, and change it between steps. */
  state: MockState;
  /** Every API call the app made, in order. */
  calls: ApiCall[];
  /** The calls to one endpoint (same matching as faults). */
  callsTo(endpoint: Endpoint): ApiCall[];
  /** Sets (or with null, removes) the fault for `endpoint` from now on. */
  fault(endpoint: Endpoint, spec: FaultSpec | null): void;
  /** Removes every fault. */
  clearFaults(): void;
  /** The app's made-up origin. */
  origin: string;
  /** The dialog's made-up origin. */
  facebookOrigin: string;
  /** `origin + path`. */
  url(path: string): string;
}

/** The app page's Content Security Policy, as the fake backend sends it (fake-backend/src/origin.rs). */
const APP_CSP = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval' 'sha256-AFrOJHSGEzy7IxdqQ9/yJfBNFzeC6+ReVV0HBU5RZnA=' 'sha256-SKhr5aS1puN/6ZND4NfHolChl2TO9Zcg8YiUGBZ2CZ0='; style-src 'self' 'sha256-Xh0GJjNBsbm1rPHVuoOBOlK1EsdyRgVVWtNY7UOjsjI='; img-src 'self' data: blob:; connect-src 'self'; font-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'self'";

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.mjs': 'text/javascript; charset=utf-8',
  '.wasm': 'application/wasm', '.css': 'text/css; charset=utf-8', '.svg': 'image/svg+xml', '.png': 'image/png',
  '.jpg': 'image/jpeg', '.ico': 'image/x-icon', '.json': 'application/json', '.txt': 'text/plain; charset=utf-8',
};

/** This repository's root (the kit lives in end2end/mock/). */
const REPO = resolve(__dirname, '..', '..');

/** The default build folder: `$MOCK_DIST`, else target/e2e-dist-mock (see mock-tests/global-setup.ts). */
export function defaultDistDir(): string {
  return process.env.MOCK_DIST ? resolve(process.env.MOCK_DIST) : join(REPO, 'target', 'e2e-dist-mock');
}

/** The file under `root` that `path` names, or undefined (never outside `root`). */
function fileUnder(root: string, path: string): string | undefined {
  let decoded: string;
  try {
    decoded = decodeURIComponent(path);
  } catch {
    return undefined;
  }
  const file = normalize(join(root, decoded));
  if (file !== root && !file.startsWith(root + sep)) return undefined;
  return existsSync(file) && statSync(file).isFile() ? file : undefined;
}

/** Whether `spec`'s endpoint names this call. */
function matches(endpoint: Endpoint, op: Operation | undefined, method: string, path: string): boolean {
  if (endpoint === '*') return true;
  if (op && endpoint === op.id) return true;
  const m = /^([A-Z]+)\s+(\S+)$/.exec(endpoint.trim());
  if (!m || m[1] !== method) return false;
  const target = m[2];
  if (target.endsWith('*')) return path.startsWith(target.slice(0, -1));
  return target === path || (op !== undefined && target === op.route);
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** The cookie `name` of a Cookie header. */
function cookie(header: string | undefined, name: string): string | undefined {
  for (const pair of (header ?? '').split(';')) {
    const [k, ...v] = pair.trim().split('=');
    if (k === name) return v.join('=');
  }
  return undefined;
}

function html(title: string, body: string): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${title}</title></head><body>${body}</body></html>`;
}

const escape = (t: string) => t.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/**
 * Answers every request of `page` to the app's made-up origin (files, API, the
 * portal if asked) and to the dialog's, from the scenario's state. Call it before
 * the first `page.goto(kit.url(...))`.
 *
 * ```ts
 * const kit = await mockBackend(page, { scenario: 'number-registered', host: true });
 * await page.goto(kit.url('/portal/whatsapp/channels/ch_support/confirm'));
 * ```
 */
export async function mockBackend(page: Page, options: MockOptions = {}): Promise<MockBackend> {
  const origin = (options.origin ?? 'https://app.test').replace(/\/$/, '');
  const facebookOrigin = (options.facebookOrigin ?? 'https://facebook.test').replace(/\/$/, '');
  const dist = resolve(options.distDir ?? defaultDistDir());
  if (!existsSync(join(dist, 'index.html'))) {
    throw new Error(`mock kit: no built app in ${dist} (run: trunk build --release --offline --dist ${dist}, or set MOCK_DIST)`);
  }
  const hostDir = options.host === true ? join(REPO, 'example-host') : options.host ? resolve(options.host.dir) : undefined;
  if (hostDir && !existsSync(join(hostDir, 'index.html'))) {
    throw new Error(`mock kit: no portal page at ${join(hostDir, 'index.html')} (give host: { dir } with your page's folder)`);
  }
  const scenario = options.scenario ?? 'returning-customer';
  const state = buildScenario(scenario, options.clock ?? DEFAULT_CLOCK);
  if (options.loggedIn === false) state.session = null;
  if (options.loggedIn === true && !state.session) state.session = { token: 'mock-session-1', csrf_token: 'mock-csrf-1' };
  options.setup?.(state);
  // The fixtures a test starts from are the contract's too (a setup that breaks one throws here).
  validateFixture(scenario, state);

  const c = contract();
  const calls: ApiCall[] = [];
  const rules = new Map<Endpoint, { spec: FaultSpec; seen: number; used: number }>();
  for (const [e, spec] of Object.entries(options.faults ?? {})) rules.set(e, { spec, seen: 0, used: 0 });
  const idempotent = new Map<string, { print: string; answer: Answer }>();

  const violation = (e: unknown): never | void => {
    const error = e instanceof ContractError ? e : new ContractError(String(e));
    if (options.onContractViolation) return options.onContractViolation(error);
    throw error;
  };

  async function send(route: Route, answer: Answer, contentType = 'application/json') {
    const headers: Record<string, string> = {
      'Content-Type': contentType,
      'Cache-Control': 'no-store',
      'X-Content-Type-Options': 'nosniff',
      'Referrer-Policy': 'no-referrer',
      ...(answer.headers ?? {}),
    };
    const body = answer.bytes ?? (answer.body === undefined ? '' : JSON.stringify(answer.body));
    // The page may have gone (a test that ended during a delay): nothing to answer then.
    await route.fulfill({ status: answer.status, headers, body }).catch(() => {});
  }

  async function api(route: Route, request: Request, url: URL) {
    const method = request.method();
    const path = url.pathname;
    const op = c.find(method, path);
    const headers = await request.allHeaders();
    const type = headers['content-type'] ?? '';
    const raw = request.postDataBuffer();
    let body: unknown = undefined;
    if (raw && raw.length) {
      if (type.startsWith('application/json')) {
        try {
          body = JSON.parse(raw.toString('utf8'));
        } catch {
          body = raw.toString('utf8');
        }
      } else {
        body = { bytes: raw.length };
      }
    }
    const call: ApiCall = { method, path, query: url.search, operation: op?.id ?? '', body, status: 0, idempotencyKey: headers['idempotency-key'] };
    calls.push(call);
    if (!op) {
      violation(new ContractError(`the app called ${method} ${path}, which the contract does not have`));
      return route.abort('failed');
    }
    try {
      c.checkRequest(op, body, type);
    } catch (e) {
      violation(e);
      return route.abort('failed');
    }

    // Faults first: they stand for the network and the server, before any rule.
    let fault: FaultSpec | undefined;
    for (const [e, rule] of rules) {
      if (!matches(e, op, method, path)) continue;
      rule.seen += 1;
      if (rule.seen <= (rule.spec.after ?? 0)) continue;
      if (rule.spec.times !== undefined && rule.used >= rule.spec.times) continue;
      rule.used += 1;
      fault = rule.spec;
      break;
    }
    if (fault?.delay) await sleep(fault.delay);
    if (fault?.offline) {
      call.status = 0;
      return route.abort('internetdisconnected').catch(() => {});
    }

    let answer: Answer;
    if (fault?.status) {
      answer = fault.body !== undefined ? { status: fault.status, body: fault.body } : forStatus(fault.status);
      if (fault.status === 401) state.session = null;
    } else {
      answer = respond(op, method, path, headers, body);
    }
    try {
      c.checkResponse(op, answer.status, answer.headers ?? {}, answer.body);
    } catch (e) {
      call.status = answer.status;
      violation(e);
      return route.abort('failed');
    }
    call.status = answer.status;
    await send(route, answer, answer.headers?.['Content-Type'] ?? 'application/json');
  }

  /** The backend's rules: same site, session, CSRF, idempotency, then the operation's handler. */
  function respond(op: Operation, method: string, path: string, headers: Record<string, string>, body: unknown): Answer {
    const mutating = method !== 'GET';
    if (mutating && ['cross-site', 'same-site'].includes(headers['sec-fetch-site'] ?? '')) {
      return failure(403, 'csrf', 'Requests from other sites are not accepted.');
    }
    // The live session, if the request carries its cookie.
    const session = state.session && cookie(headers['cookie'], 'session') === state.session.token ? state.session : null;
    // GET /api/session is public in the contract (anyone may ask whether they are
    // logged in), and answers 401 without a live session, as the backend does.
    if (op.id === 'getSession' && !session) return forStatus(401);
    if (op.session) {
      if (!session) return forStatus(401);
      if (mutating && headers['x-csrf-token'] !== session.csrf_token) {
        return failure(403, 'csrf', 'This request was not sent by the app. Reload the page and try again.');
      }
    }
    const key = headers['idempotency-key'];
    const print = `${method} ${path} ${JSON.stringify(body ?? null)}`;
    if (mutating && key) {
      const seen = idempotent.get(key);
      if (seen && seen.print !== print) {
        return failure(422, 'idempotency_mismatch', 'This retry key was already used for a different request.');
      }
      if (seen) return { ...seen.answer, headers: { ...(seen.answer.headers ?? {}), 'Idempotent-Replayed': 'true' } };
    }
    const params: Record<string, string> = {};
    const names = [...op.route.matchAll(/\{([^}]+)\}/g)].map((m) => m[1]);
    const values = new RegExp('^' + op.route.replace(/\{[^}]+\}/g, '([^/]+)') + '$').exec(path)?.slice(1) ?? [];
    names.forEach((n, i) => (params[n] = decodeURIComponent(values[i] ?? '')));
    const answer = handlers[op.id]?.(state, { method, path, params, body: body ?? {}, origin, facebookOrigin }) ?? forStatus(404);
    if (mutating && key && answer.status < 500) idempotent.set(key, { print, answer });
    return answer;
  }

  async function file(route: Route, root: string, path: string, fallback?: string) {
    const found = fileUnder(root, path) ?? fallback;
    if (!found) return send(route, { status: 404, body: undefined }, 'text/plain');
    const type = TYPES[extname(found)] ?? 'application/octet-stream';
    const headers: Record<string, string> = { 'Content-Type': type, 'X-Content-Type-Options': 'nosniff', 'Referrer-Policy': 'no-referrer' };
    if (type.startsWith('text/html')) headers['Content-Security-Policy'] = APP_CSP;
    await route.fulfill({ status: 200, headers, body: readFileSync(found) }).catch(() => {});
  }

  await page.route((u) => u.origin === origin, async (route) => {
    const request = route.request();
    const url = new URL(request.url());
    const path = url.pathname;
    if (path.startsWith('/api/')) return api(route, request, url);
    if (hostDir && path === '/dev/portal-session' && request.method() === 'POST') {
      // The portal's stand-in login (not part of the API contract): a session for the scenario's user.
      return send(route, startSession(state));
    }
    if (hostDir && path.startsWith('/portal/assets/')) return file(route, join(hostDir, 'assets'), path.slice('/portal/assets/'.length));
    if (hostDir && (path === '/portal' || path.startsWith('/portal/'))) return file(route, hostDir, 'index.html');
    if (options.fallback === 'network' && !fileUnder(dist, path)) return route.continue();
    return file(route, dist, path === '/' ? 'index.html' : path, join(dist, 'index.html'));
  });

  // On the context: in popup mode the dialog opens in a window of its own.
  await page.context().route((u) => u.origin === facebookOrigin, (route) => dialog(route, state, facebookOrigin));

  if (state.session) {
    await page.context().addCookies([{ name: 'session', value: state.session.token, url: origin, httpOnly: true, secure: true, sameSite: 'Strict' }]);
  }

  return {
    state,
    calls,
    callsTo: (endpoint) => calls.filter((call) => matches(endpoint, c.find(call.method, call.path), call.method, call.path)),
    fault: (endpoint, spec) => {
      if (spec) rules.set(endpoint, { spec, seen: 0, used: 0 });
      else rules.delete(endpoint);
    },
    clearFaults: () => rules.clear(),
    origin,
    facebookOrigin,
    url: (path) => origin + path,
  };
}

/**
 * The stand-in for Facebook's Embedded Signup dialog: one page at
 * `/{version}/dialog/oauth` that checks the link the app built (client id,
 * configuration id, version, response type, and a redirect URI and state of an
 * attempt the app started), with "Continue" (the scenario's outcome) and "Cancel";
 * each sends the browser back to the app's callback with the state it was given.
 */
async function dialog(route: Route, s: MockState, facebookOrigin: string) {
  const request = route.request();
  const url = new URL(request.url());
  const page = (status: number, title: string, body: string) =>
    route.fulfill({ status, headers: { 'Content-Type': 'text/html; charset=utf-8' }, body: html(title, body) }).catch(() => {});
  const oauth = /^\/(v\d{1,3}\.\d{1,3})\/dialog\/oauth$/.exec(url.pathname);
  if (oauth && request.method() === 'GET') {
    const p = url.searchParams;
    const attempt = s.attempts.find((a) => a.state === p.get('state'));
    const why =
      oauth[1] !== s.signupConfig.graph_api_version ? 'The Graph API version in the address is not the configured one.'
      : p.get('client_id') !== s.signupConfig.app_id ? 'The app (client_id) is not one Facebook knows.'
      : p.get('config_id') !== s.signupConfig.config_id ? 'The sign-up configuration (config_id) is not one this app has.'
      : p.get('response_type') !== 'code' ? 'The response_type must be code.'
      : !attempt ? 'The state is not one of a sign-up the app started.'
      : p.get('redirect_uri') !== attempt.redirect_uri ? 'The address to return to (redirect_uri) is not the one the sign-up was started with.'
      : !/^[A-Za-z0-9_-]{43}$/.test(p.get('code_challenge') ?? '') || p.get('code_challenge_method') !== 'S256' ? 'The link has no PKCE S256 code_challenge.'
      : undefined;
    if (why) return page(400, 'This link is not valid', `<h1>This link is not valid</h1><p>${escape(why)}</p>`);
    attempt!.code_challenge = p.get('code_challenge')!;
    attempt!.popup = p.get('display') === 'popup';
    let business = '';
    try {
      business = JSON.parse(p.get('extras') ?? '{}')?.setup?.business?.name ?? '';
    } catch {
      business = '';
    }
    const form = (action: string, label: string) =>
      `<form method="post" action="${facebookOrigin}/mock-dialog/${action}"><input type="hidden" name="state" value="${escape(attempt!.state)}"><button type="submit">${label}</button></form>`;
    return page(200, 'Facebook', `<main><p>Simulated Facebook dialog (mock kit)</p><h1>Connect ${escape(business)} to WhatsApp</h1>${form('continue', 'Continue')}${form('cancel', 'Cancel')}</main>`);
  }
  const action = /^\/mock-dialog\/(continue|cancel)$/.exec(url.pathname);
  if (action && request.method() === 'POST') {
    const state = new URLSearchParams(request.postData() ?? '').get('state') ?? '';
    const attempt = s.attempts.find((a) => a.state === state);
    if (!attempt) return page(400, 'This link is not valid', '<h1>This link is not valid</h1>');
    const outcome = action[1] === 'cancel' ? 'cancel' : s.facebook.outcome;
    const params = new URLSearchParams();
    if (outcome === 'success') {
      attempt.code = `mock-code-${attempt.id}`;
      params.set('code', attempt.code);
    } else if (outcome === 'cancel') {
      params.set('error', 'access_denied');
      params.set('error_reason', 'user_denied');
      params.set('error_description', 'Permissions error');
    } else {
      params.set('error', 'access_denied');
      params.set('error_reason', 'phone_number_already_registered');
      params.set('error_description', 'This phone number is already registered with WhatsApp');
    }
    params.set('state', attempt.state);
    if (attempt.popup) {
      // Popup mode (display=popup): post the session info and the result to the
      // opener, at the app's origin only, and close, as the real dialog does.
      const info = outcome === 'success'
        ? { type: 'WA_EMBEDDED_SIGNUP', event: 'FINISH', version: '3', data: { phone_number_id: `mock_pn_${attempt.id}`, waba_id: `mock_waba_${attempt.id}` } }
        : outcome === 'cancel' ? { type: 'WA_EMBEDDED_SIGNUP', event: 'CANCEL', version: '3', data: { current_step: 'PHONE_NUMBER_SETUP' } } : null;
      const messages = [...(info ? [info] : []), { type: 'OAUTH_CALLBACK', params: Object.fromEntries(params) }].map((m) => JSON.stringify(m));
      const target = new URL(attempt.redirect_uri).origin;
      const script = `for (const m of ${JSON.stringify(messages)}) window.opener.postMessage(m, ${JSON.stringify(target)}); window.close();`;
      return page(200, 'Facebook', `<p>Returning…</p><script>${script.replace(/</g, '\\u003c')}</script>`);
    }
    const to = `${attempt.redirect_uri}?${params.toString().replace(/\+/g, '%20')}`;
    return route.fulfill({ status: 303, headers: { Location: to } }).catch(() => {});
  }
  return page(404, 'Not found', '<h1>Not found</h1>');
}
