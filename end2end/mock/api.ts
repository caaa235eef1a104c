// The kit's answers to the JSON API: the fake backend's rules (fake-backend/src/routes/)
// in a few lines each, over the in-memory MockState. Sessions, CSRF and
// idempotency are handled by the caller (backend.ts); this file is what each
// operation does once a request is let in.
import { createHash } from 'node:crypto';
import type { ErrorBody, MockState, ProfileDraft, RegisteredNumber } from './types';
import { displayOf, overviews, profileOf, workingDaysAfter } from './scenarios';
import { contract } from './contract';

/** One answer: a status, headers and a JSON body (undefined for none). */
export interface Answer {
  status: number;
  headers?: Record<string, string>;
  body?: unknown;
  /** Raw bytes instead of JSON (a picture). */
  bytes?: Buffer;
}

/** What a handler is given. */
export interface Call {
  method: string;
  path: string;
  params: Record<string, string>;
  body: any;
  /** The app's own origin, for checking the redirect_uri it sends. */
  origin: string;
  /** The dialog's origin. */
  facebookOrigin: string;
}

/** The one error shape. */
export function failure(status: number, code: string, message: string, fields: { field: string; message: string }[] = []): Answer {
  const body: ErrorBody = { code, message, fields };
  if (status >= 500) body.error_id = `ERR-MOCK${String(status).padStart(4, '0')}`;
  const headers: Record<string, string> = {};
  if (status === 429) headers['Retry-After'] = '30';
  return { status, headers, body };
}

/** The answer the fake backend gives for a bare status (a fault). */
export function forStatus(status: number): Answer {
  const known: Record<number, [string, string]> = {
    400: ['malformed', 'The request could not be understood.'],
    401: ['unauthorized', 'Your session has ended. Log in again to continue.'],
    403: ['forbidden', 'You cannot do this.'],
    404: ['not_found', 'There is nothing at this address.'],
    409: ['conflict', 'This clashes with a change made elsewhere.'],
    413: ['payload_too_large', 'The request is too large.'],
    422: ['validation', 'Some answers need correcting.'],
    429: ['rate_limited', 'Too many attempts. Wait and try again.'],
    503: ['unavailable', 'The service is unavailable. Try again shortly.'],
  };
  const [code, message] = known[status] ?? (status >= 500 ? ['internal', 'Something went wrong on our side.'] : ['malformed', 'The request was refused.']);
  return failure(status, code, message);
}

const ok = (body: unknown, status = 200): Answer => ({ status, body });
const notFound = () => failure(404, 'not_found', 'There is nothing at this address.');

const WHATSAPP_LICENCES = ['X7', 'X8'];
const licenceRefusal = (l: string) =>
  `Your contact-centre licence (${l}) does not include WhatsApp. WhatsApp needs licence ${WHATSAPP_LICENCES.join(' or ')}: ask your account manager about upgrading.`;
const TERMS_FIRST =
  'You cannot request a WhatsApp channel until your legal terms and conditions for WhatsApp are signed. Your sales representative asks the Deal Desk to send them to you to sign.';

function eligibility(s: MockState) {
  return { licence: s.account.licence, terms: s.account.terms, facebook_business_confirmed: s.account.facebook_business_confirmed };
}
const licenceOk = (s: MockState) => WHATSAPP_LICENCES.includes(s.account.licence.trim());

/** The session's answer body. */
export function sessionInfo(s: MockState) {
  return { account: { id: s.account.id, name: s.account.name }, email: s.user.email, csrf_token: s.session?.csrf_token ?? '' };
}

function nextId(s: MockState, prefix: string) {
  s.nextId += 1;
  return `${prefix}_${s.nextId}`;
}

const FIELDS: (keyof ProfileDraft)[] = ['channel_name', 'phone_country', 'phone_number', 'business_name', 'category', 'tagline', 'description', 'contact_email', 'website', 'address', 'picture_id'];
const CATEGORIES = ['AUTO', 'BEAUTY', 'APPAREL', 'EDU', 'ENTERTAIN', 'EVENT_PLAN', 'FINANCE', 'GROCERY', 'GOVT', 'HOTEL', 'HEALTH', 'NONPROFIT', 'PROF_SERVICES', 'RETAIL', 'TRAVEL', 'RESTAURANT', 'ALCOHOL', 'ONLINE_GAMBLING', 'PHYSICAL_GAMBLING', 'OTC_DRUGS', 'OTHER'];
const CALLING_CODES: Record<string, string> = { GB: '44', US: '1', IE: '353', DE: '49', FR: '33', ES: '34', IN: '91', BR: '55' };

/** E.164 of a draft's number, good enough for the kit: the country's code and the digits without a trunk 0. */
function e164(country: string, typed: string): string {
  const code = CALLING_CODES[country.toUpperCase()] ?? '';
  const digits = typed.replace(/\D/g, '');
  if (typed.trim().startsWith('+')) return `+${digits}`;
  return `+${code}${digits.replace(/^0/, '')}`;
}

function channelOf(s: MockState, id: string) {
  return s.channels.find((c) => c.channel.id === id);
}

/** An untouched draft starts with the channel's name and the account's country, as the backend's does. */
function opened(s: MockState, id: string) {
  const c = channelOf(s, id);
  if (c && c.profile.version === 0 && FIELDS.every((f) => !c.profile.draft[f])) {
    c.profile.draft.channel_name = c.channel.name;
    c.profile.draft.phone_country = 'GB';
  }
  return c;
}

function profileSaved(c: { channel: { state: string }; profile: { version: number } }) {
  c.profile.version += 1;
  if (c.channel.state === 'requested') c.channel.state = 'profile';
}

type Handler = (s: MockState, call: Call) => Answer;

/** A new waiting hand-off for `channel` (replacing the channel's last), as the backend sends one. */
function handOff(s: MockState, channel: string, email: string, message: string | null): Answer {
  const c = channelOf(s, channel);
  if (!c) return notFound();
  if (!c.profile.complete || ['number_registered', 'activation', 'ready'].includes(c.channel.state)) {
    return failure(409, 'not_at_facebook_step', 'Confirm the business profile first: a colleague can do the Facebook step once it is set up.');
  }
  const h = { id: nextId(s, 'ho'), channel_id: channel, email, message, status: 'waiting' as const, sent_at: s.now, expires_at: s.now + 72 * 3600, completed_at: null };
  s.handoffs = [...(s.handoffs ?? []).filter((x) => x.channel_id !== channel), h];
  return ok(h, 201);
}

/** One handler per operation of the contract, by its operationId. */
export const handlers: Record<string, Handler> = {
  health: () => ok({ ok: true }),
  getOpenApi: () => ok(contract().document),
  getBrand: (s) => ok(s.brand),
  getSession: (s) => ok(sessionInfo(s)),

  logIn: (s, { body }) => {
    const email = String(body.email ?? '').trim().toLowerCase();
    if (!email || !body.password) {
      return failure(422, 'validation', 'Some answers need correcting.', [
        ...(!email ? [{ field: 'email', message: 'Enter your email address' }] : []),
        ...(!body.password ? [{ field: 'password', message: 'Enter your password' }] : []),
      ]);
    }
    if (email !== s.user.email || s.user.password === null || body.password !== s.user.password) {
      return failure(401, 'invalid_credentials', 'The email address or password is not right. Check them and try again.');
    }
    return startSession(s);
  },
  logOut: (s) => {
    s.session = null;
    return { status: 204, headers: { 'Set-Cookie': 'session=; Path=/; HttpOnly; SameSite=Strict; Secure; Max-Age=0' } };
  },

  requestPasswordLink: () => ok({ message: 'If an account uses that address, a new link is on its way. It works once, for 24 hours.' }, 202),
  checkPasswordLink: (s, { params }) => {
    const link = s.passwordLinks.find((l) => l.token === params.token);
    if (!link) return failure(404, 'link_unknown', 'This link is not one we sent. Check you copied the whole link from the email, or ask for a new one.');
    if (link.used) return failure(410, 'link_used', 'This link has already been used to set a password. Log in with that password, or ask for a new link.');
    if (link.expires_at <= s.now) return failure(410, 'link_expired', 'This link has expired: links work for 24 hours. Ask for a new one.');
    return ok({ email: link.email, expires_at: link.expires_at });
  },
  setPassword: (s, call) => {
    const checked = handlers.checkPasswordLink(s, call);
    if (checked.status !== 200) return checked;
    const password = String(call.body.password ?? '');
    if (password.length < 12) return failure(422, 'validation', 'Some answers need correcting.', [{ field: 'password', message: 'Enter a password of 12 characters or more' }]);
    s.passwordLinks.find((l) => l.token === call.params.token)!.used = true;
    s.user.password = password;
    return startSession(s);
  },

  listChannels: (s) => ok(overviews(s)),
  listRoutingScripts: (s) => ok(s.account.routing_scripts),
  requestChannel: (s, { body }) => {
    if (!licenceOk(s)) return failure(403, 'forbidden', licenceRefusal(s.account.licence));
    if (s.account.terms.state !== 'signed') return failure(403, 'forbidden', TERMS_FIRST);
    const name = String(body.name ?? '').trim();
    if (!name) return failure(422, 'validation', 'Some answers need correcting.', [{ field: 'name', message: 'Enter a channel name' }]);
    const script = s.account.routing_scripts.find((r) => r.id === body.routing_script_id);
    if (!script) return failure(422, 'validation', 'Some answers need correcting.', [{ field: 'routing_script_id', message: 'Select a routing script from the list' }]);
    if (s.channels.some((c) => c.channel.name.toLowerCase() === name.toLowerCase())) {
      const message = `You already have a channel called ${name}: choose a different name`;
      return { status: 409, body: { code: 'conflict', message, fields: [{ field: 'name', message }] } };
    }
    const id = nextId(s, 'ch');
    const channel = { id, name, routing_script: script.name, reference: `CM-${104233 + s.nextId}`, state: 'requested' as const, requested_at: s.now };
    s.channels.push({ channel, profile: { draft: { channel_name: '', phone_country: '', phone_number: '', business_name: '', category: null, tagline: '', description: '', contact_email: '', website: '', address: '', picture_id: null }, version: 0, complete: false }, ready_by: null });
    return ok(channel, 201);
  },

  getEligibility: (s) => ok(eligibility(s)),
  requestTerms: (s) => {
    if (!licenceOk(s)) return failure(403, 'forbidden', licenceRefusal(s.account.licence));
    if (s.account.terms.state === 'not_requested') s.account.terms = { state: 'requested', at: s.now };
    return ok(eligibility(s));
  },
  confirmFacebookBusiness: (s, { body }) => {
    if (!licenceOk(s)) return failure(403, 'forbidden', licenceRefusal(s.account.licence));
    s.account.facebook_business_confirmed = body.confirmed === true;
    return ok(eligibility(s));
  },
  getRateCard: (s) => ok(s.rateCard),

  getProfile: (s, { params }) => {
    const c = opened(s, params.channel_id);
    return c ? ok(profileOf(c)) : notFound();
  },
  saveProfile: (s, { params, body }) => {
    const c = opened(s, params.channel_id);
    if (!c) return notFound();
    if (!licenceOk(s)) return failure(403, 'forbidden', licenceRefusal(s.account.licence));
    const fields = body.fields as Record<string, string>;
    const name = fields.business_name;
    if (name !== undefined && c.profile.complete && name.trim() !== c.profile.draft.business_name.trim()) {
      const message = 'The business name cannot be changed once the profile is set up';
      return { status: 409, body: { code: 'conflict', message, fields: [{ field: 'business_name', message }] } };
    }
    const errors = Object.entries(fields).flatMap(([k, v]) =>
      !FIELDS.includes(k as keyof ProfileDraft) ? [{ field: k, message: 'This is not a field of the profile' }]
      : k === 'category' && v !== '' && !CATEGORIES.includes(v) ? [{ field: k, message: 'Select a category from the list' }]
      : []);
    if (errors.length) return failure(422, 'validation', 'Some answers need correcting.', errors);
    for (const [k, v] of Object.entries(fields)) {
      (c.profile.draft as any)[k] = (k === 'category' || k === 'picture_id') && v === '' ? null : v;
    }
    profileSaved(c);
    return ok(profileOf(c));
  },
  checkProfile: (s, { params, body }) => {
    const c = opened(s, params.channel_id);
    if (!c) return notFound();
    const d = c.profile.draft;
    if ((body.page === 'account' || body.page === 'review') && d.phone_number && s.whatsappNumbers.includes(e164(d.phone_country, d.phone_number))) {
      const message = 'This number is already registered with WhatsApp Business. Use a number that has never been used with WhatsApp Business, or ask us how to move it';
      return failure(422, 'validation', 'Some answers need correcting.', [{ field: 'phone_number', message }]);
    }
    return { status: 204 };
  },
  uploadPicture: (s, { params }) => {
    const c = opened(s, params.channel_id);
    if (!c) return notFound();
    const id = nextId(s, 'pic');
    c.profile.draft.picture_id = id;
    profileSaved(c);
    return ok({ id, width: 640, height: 640 }, 201);
  },
  getPicture: () => ({ status: 200, headers: { 'Content-Type': 'image/png' }, bytes: PIXEL }),
  completeProfile: (s, { params, body }) => {
    const c = opened(s, params.channel_id);
    if (!c) return notFound();
    if (String(body.confirmed_business_name ?? '').trim() !== c.profile.draft.business_name.trim()) {
      const message = 'The business name you confirmed is not the one in the profile: check it and confirm again';
      return { status: 409, body: { code: 'conflict', message, fields: [{ field: 'business_name', message }] } };
    }
    if (!c.profile.complete) {
      c.profile.complete = true;
      profileSaved(c);
    }
    return ok(profileOf(c));
  },

  getSignupConfig: (s, call) => ok(signupConfig(s, call, `${call.origin}/facebook/callback`)),
  startSignup: (s, call) => {
    const { params, body } = call;
    const c = channelOf(s, params.channel_id);
    if (!c) return notFound();
    if (!licenceOk(s) || s.account.terms.state !== 'signed' || !s.account.facebook_business_confirmed) {
      return failure(403, 'forbidden', 'You cannot continue to Facebook yet: confirm you have a Facebook business account verified by Meta.');
    }
    if (!c.profile.complete) return failure(409, 'conflict', 'Confirm your business profile before continuing to Facebook');
    if (['number_registered', 'activation', 'ready'].includes(c.channel.state)) {
      return failure(409, 'conflict', 'This channel already has a number registered with WhatsApp: continue with that number');
    }
    const state = String(body.state ?? '');
    if (!/^[0-9a-fA-F]{32,256}$/.test(state)) {
      return failure(422, 'validation', 'Some answers need correcting.', [{ field: 'state', message: 'The sign-up could not be started safely: reload the page and try again' }]);
    }
    const redirect = body.redirect_uri ?? `${call.origin}/facebook/callback`;
    if (!String(redirect).startsWith(`${call.origin}/`) || !String(redirect).endsWith('/facebook/callback')) {
      return failure(422, 'validation', 'Some answers need correcting.', [{ field: 'redirect_uri', message: 'This callback address is not registered with the Facebook app' }]);
    }
    let attempt = s.attempts.find((a) => a.state === state);
    if (attempt && attempt.channel_id !== c.channel.id) return failure(409, 'conflict', 'This sign-up was already started: reload the page and try again');
    if (!attempt) {
      attempt = { id: nextId(s, 'sa'), channel_id: c.channel.id, state, redirect_uri: redirect, code: null, outcome: null };
      s.attempts.push(attempt);
    }
    c.channel.state = 'facebook_signup';
    const d = c.profile.draft;
    const phone = e164(d.phone_country, d.phone_number);
    const code = CALLING_CODES[d.phone_country.toUpperCase()] ?? '';
    return ok({
      id: attempt.id,
      channel_id: c.channel.id,
      config: signupConfig(s, call, redirect),
      prefill: {
        business_name: d.business_name.trim(), phone_code: code, phone_number: phone.slice(1 + code.length), category: d.category ?? '',
        description: d.description, email: d.contact_email, website: d.website, country: d.phone_country.toUpperCase(),
      },
    }, 201);
  },
  exchangeCode: (s, { params, body }) => {
    const attempt = s.attempts.find((a) => a.id === params.attempt_id);
    if (!attempt) return notFound();
    if (body.state !== attempt.state) return failure(403, 'state_mismatch', 'This sign-up result does not belong to the sign-up you started: start again');
    if (!attempt.code || body.code !== attempt.code) {
      if (attempt.outcome) return failure(409, 'conflict', 'This sign-up already registered a number: a second result cannot be used');
      return failure(422, 'validation', 'This sign-up result is not valid: start again');
    }
    // PKCE (RFC 7636) and the same redirect_uri, as the fake backend checks them.
    const challenge = createHash('sha256').update(String(body.code_verifier ?? '')).digest('base64url');
    if (challenge !== attempt.code_challenge || body.redirect_uri !== attempt.redirect_uri) {
      return failure(422, 'validation', 'This sign-up result is not valid: start again');
    }
    if (attempt.outcome) return ok(attempt.outcome);
    const number: RegisteredNumber = {
      id: nextId(s, 'pn_mock'), e164: s.facebook.number, display: displayOf(s.facebook.number), waba_id: 'waba_mock_1', business_name: s.facebook.business_name, channel_id: null, registered_at: s.now,
    };
    s.numbers.push(number);
    const c = channelOf(s, attempt.channel_id);
    if (c && ['requested', 'profile', 'facebook_signup'].includes(c.channel.state)) c.channel.state = 'number_registered';
    attempt.outcome = { channel_id: attempt.channel_id, number };
    return ok(attempt.outcome);
  },
  // The owner's side of handing the Facebook step to a colleague: the kit keeps the
  // latest hand-off of each channel; the colleague's link is not simulated (opening
  // one answers the backend's "not one we sent").
  // `null` when nobody has been asked (contract 1.3.0; a 404 before, which the app still takes as none).
  getHandoff: (s, { params }) => {
    if (!channelOf(s, params.channel_id)) return notFound();
    const h = (s.handoffs ?? []).find((x) => x.channel_id === params.channel_id);
    return ok(h ?? null);
  },
  sendHandoff: (s, { params, body }) => {
    const email = String(body?.email ?? '').trim().toLowerCase();
    const message = typeof body?.message === 'string' && body.message.trim() ? body.message.trim() : null;
    if (!/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(email)) {
      return failure(422, 'validation', 'Some answers need correcting.', [{ field: 'email', message: 'Enter an email address in the correct format, like name@example.com' }]);
    }
    return handOff(s, params.channel_id, email, message);
  },
  resendHandoff: (s, { params }) => {
    const h = (s.handoffs ?? []).find((x) => x.channel_id === params.channel_id);
    return h ? handOff(s, params.channel_id, h.email, h.message) : notFound();
  },
  cancelHandoff: (s, { params }) => {
    const h = (s.handoffs ?? []).find((x) => x.channel_id === params.channel_id);
    if (!h) return notFound();
    if (h.status === 'waiting' || h.status === 'expired') h.status = 'cancelled';
    return ok(h);
  },
  openHandoff: () => failure(404, 'link_unknown', 'This link is not one we sent. Check you copied the whole link from the email.'),
  getCurrentHandoff: () => notFound(),
  listNumbers: (s) => ok(s.numbers),
  linkNumber: (s, { body }) => {
    if (!licenceOk(s)) return failure(403, 'forbidden', licenceRefusal(s.account.licence));
    const n = s.numbers.find((x) => x.id === body.number_id);
    if (!n) return failure(422, 'validation', 'Some answers need correcting.', [{ field: 'number_id', message: 'Select a registered number from the list' }]);
    const c = channelOf(s, body.channel_id);
    if (!c) return failure(422, 'validation', 'Some answers need correcting.', [{ field: 'channel_id', message: 'Select a channel from the list' }]);
    if (n.channel_id) {
      const message = `This number is already linked to ${channelOf(s, n.channel_id)?.channel.name ?? ''}.`;
      return { status: 409, body: { code: 'conflict', message, fields: [{ field: 'number_id', message }] } };
    }
    if (s.numbers.some((x) => x.channel_id === c.channel.id) || ['activation', 'ready'].includes(c.channel.state)) {
      const message = 'This channel already has a number.';
      return { status: 409, body: { code: 'conflict', message, fields: [{ field: 'channel_id', message }] } };
    }
    n.channel_id = c.channel.id;
    c.channel.state = 'activation';
    c.ready_by = workingDaysAfter(s.now, 3);
    return ok({ channel: overviews(s).find((o) => o.channel.id === c.channel.id) });
  },
};

function signupConfig(s: MockState, call: Call, redirect: string) {
  return { ...s.signupConfig, redirect_uri: redirect, dialog_base_url: call.facebookOrigin };
}

/** Starts a new session for the user: its cookie and its answer. */
export function startSession(s: MockState): Answer {
  const n = Number(s.session?.token.replace(/\D/g, '') ?? 0) + 1;
  s.session = { token: `mock-session-${n}-${s.nextId}`, csrf_token: `mock-csrf-${n}-${s.nextId}` };
  s.nextId += 1;
  return { status: 200, headers: { 'Set-Cookie': `session=${s.session.token}; Path=/; HttpOnly; SameSite=Strict; Secure; Max-Age=43200` }, body: sessionInfo(s) };
}

/** A 1x1 transparent PNG, the picture every upload shows. */
const PIXEL = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==', 'base64');
