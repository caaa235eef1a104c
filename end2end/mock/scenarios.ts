// The named scenarios: the state the kit starts from, one per point of the journey
// a product team may want to test its page at. Each is built fresh for every call
// of `mockBackend`, so tests never share state; `validateFixtures` checks every
// piece of every scenario against the contract.
import type { ChannelOverview, ChannelState, DraftState, MockChannel, MockProfile, MockState, ProfileDraft, RegisteredNumber } from './types';
import { contract } from './contract';

/** Every scenario's name. */
export const SCENARIOS = [
  'returning-customer',
  'new-customer',
  'x6-licence',
  'unsigned-terms',
  'channel-timeline',
  'profile-half-filled',
  'facebook-success',
  'facebook-cancel',
  'facebook-number-on-whatsapp',
  'number-registered',
  'many-channels',
] as const;

/** A scenario's name: see {@link SCENARIOS} and the README. */
export type ScenarioName = (typeof SCENARIOS)[number];

/** The demo user's email and the password the login page accepts in every scenario. */
export const MOCK_EMAIL = 'admin@northwind.example';
export const MOCK_PASSWORD = 'lamp river orange tuesday';
/** The set-password link of the `new-customer` scenario, as a path on the app. */
export const NEW_CUSTOMER_LINK = '/set-password?token=mock-link-new-customer';
/** The kit's clock unless a test gives another: Monday 15 March 2027, 12:00 UTC. */
export const DEFAULT_CLOCK = '2027-03-15T12:00:00Z';
/** The number the simulated Facebook dialog registers, and its business. */
export const REGISTERED_NUMBER = '+447400123456';

/**
 * A number as WhatsApp shows it (`display`, `number_display`), good enough for the
 * kit: UK numbers (`+44 20 7946 0018` in London, `+44 7400 123456` otherwise) and
 * North American ones (`+1 415-555-0100`), as libphonenumber writes them. Other
 * numbers get `null`, as a backend that cannot format them would send: the app then shows E.164.
 */
export function displayOf(e164: string): string | null {
  let m = /^\+44(2\d)(\d{4})(\d{4})$/.exec(e164) ?? /^\+44(\d{4})(\d{6})$/.exec(e164);
  if (m) return `+44 ${m.slice(1).join(' ')}`;
  m = /^\+1(\d{3})(\d{3})(\d{4})$/.exec(e164);
  return m ? `+1 ${m.slice(1).join('-')}` : null;
}

/** The profile the sign-up scenarios have filled in (the same as the Rust-backed suite's). */
export const PROFILE: ProfileDraft = {
  channel_name: 'Customer Support',
  phone_country: 'GB',
  phone_number: '07400 123456',
  business_name: 'Northwind Bakery',
  category: 'RETAIL',
  tagline: 'Fresh bread, baked daily',
  description: 'Family bakery since 1952.',
  contact_email: 'help@northwind.example',
  website: 'https://www.northwind.example',
  address: '1 High Street, London',
  picture_id: null,
};

const EMPTY_DRAFT: ProfileDraft = {
  channel_name: '', phone_country: '', phone_number: '', business_name: '', category: null,
  tagline: '', description: '', contact_email: '', website: '', address: '', picture_id: null,
};

const DAY = 24 * 60 * 60;

/** An ISO date `days` working days (Monday to Friday) after the instant `now`. Holidays are not modelled. */
export function workingDaysAfter(now: number, days: number): string {
  const d = new Date(now * 1000);
  let left = days;
  while (left > 0) {
    d.setUTCDate(d.getUTCDate() + 1);
    if (d.getUTCDay() !== 0 && d.getUTCDay() !== 6) left--;
  }
  return d.toISOString().slice(0, 10);
}

function channel(id: string, name: string, state: ChannelState, requestedAt: number, profile?: Partial<MockProfile>): MockChannel {
  return {
    channel: { id, name, routing_script: 'WhatsApp to Support agents', reference: `CM-${104233 + Number(id.replace(/\D/g, '') || 0)}`, state, requested_at: requestedAt },
    profile: { draft: { ...EMPTY_DRAFT, ...(profile?.draft ?? {}) }, version: profile?.version ?? 0, complete: profile?.complete ?? false },
    ready_by: null,
  };
}

function number(id: string, e164: string, channelId: string | null, at: number): RegisteredNumber {
  return { id, e164, display: displayOf(e164), waba_id: 'waba_mock_1', business_name: 'Northwind Bakery', channel_id: channelId, registered_at: at };
}

/** The demo account (Northwind, licence X8, terms signed) with one channel requested, logged in. */
function base(now: number): MockState {
  return {
    now,
    brand: {
      product: '8x8 Contact Center',
      partner: '8x8',
      messagingPlatform: '8x8 CPaaS portal',
      configurationManager: 'Configuration Manager',
      supportUrl: 'https://support.8x8.com',
      numberSetupUrl: 'https://docs.8x8.com/8x8WebHelp/cpaas/whatsapp-number-setup',
      ratesUrl: 'https://developers.facebook.com/docs/whatsapp/pricing',
    },
    account: {
      id: 'acc_northwind',
      name: 'Northwind Contact Centre',
      licence: 'X8',
      terms: { state: 'signed' },
      facebook_business_confirmed: false,
      routing_scripts: [
        { id: 'rs_support', name: 'WhatsApp to Support agents' },
        { id: 'rs_sales', name: 'WhatsApp to Sales agents' },
        { id: 'rs_out_of_hours', name: 'Out-of-hours message, then Support queue' },
      ],
    },
    user: { email: MOCK_EMAIL, password: MOCK_PASSWORD },
    session: { token: 'mock-session-1', csrf_token: 'mock-csrf-1' },
    channels: [channel('ch_support', 'Customer Support', 'requested', now - 2 * DAY)],
    numbers: [],
    passwordLinks: [],
    whatsappNumbers: ['+447700900001', '+14155550100'],
    signupConfig: { app_id: '1234567890123456', config_id: 'sim-config-1', graph_api_version: 'v21.0' },
    attempts: [],
    facebook: { outcome: 'success', number: REGISTERED_NUMBER, business_name: PROFILE.business_name },
    rateCard: {
      effective_from: '2026-07-01',
      countries: [
        { code: 'GB', name: 'United Kingdom', rates: [{ currency: 'GBP', amount: '0.028', example: false }, { currency: 'USD', amount: '0.0358', example: true }, { currency: 'EUR', amount: '0.0330', example: true }] },
        { code: 'US', name: 'United States', rates: [{ currency: 'GBP', amount: '0.0069', example: true }, { currency: 'USD', amount: '0.0088', example: false }, { currency: 'EUR', amount: '0.0081', example: true }] },
      ],
      cpaas_charges: [{ currency: 'GBP', amount: '0.005', example: false }, { currency: 'USD', amount: '0.006', example: false }, { currency: 'EUR', amount: '0.006', example: false }],
    },
    nextId: 100,
  };
}

/** The profile complete and the account ready: the review page's "Continue to Facebook" works. */
function readyForFacebook(now: number): MockState {
  const s = base(now);
  s.account.facebook_business_confirmed = true;
  s.channels = [channel('ch_support', 'Customer Support', 'profile', now - 2 * DAY, { draft: PROFILE, version: 12, complete: true })];
  return s;
}

const builders: Record<ScenarioName, (now: number) => MockState> = {
  /** Northwind, one channel requested (Pending), logged in; the Facebook business account not confirmed yet. */
  'returning-customer': base,

  /** Litware: its first channel was just requested in the Configuration Manager; nobody is logged in and the
   * "CPaaS login details" email's set-password link (NEW_CUSTOMER_LINK) is waiting. */
  'new-customer': (now) => {
    const s = base(now);
    s.account = { ...s.account, id: 'acc_litware', name: 'Litware Helpdesk', routing_scripts: [{ id: 'rs_lit_help', name: 'Helpdesk queue' }] };
    s.user = { email: 'admin@litware.example', password: null };
    s.session = null;
    s.channels = [channel('ch_101', 'Helpdesk', 'requested', now - 600)];
    s.channels[0].channel.routing_script = 'Helpdesk queue';
    s.passwordLinks = [{ token: 'mock-link-new-customer', email: 'admin@litware.example', expires_at: now + DAY, used: false }];
    return s;
  },

  /** Fabrikam, licence X6 (no WhatsApp), no channel: the app explains it cannot start and the kit refuses with 403. */
  'x6-licence': (now) => {
    const s = base(now);
    s.account = { ...s.account, id: 'acc_fabrikam', name: 'Fabrikam Support', licence: 'X6', terms: { state: 'not_requested' }, routing_scripts: [{ id: 'rs_fab_main', name: 'Main queue' }] };
    s.user.email = 'admin@fabrikam.example';
    s.channels = [];
    return s;
  },

  /** Contoso, licence X7, legal terms neither signed nor asked for, no channel. */
  'unsigned-terms': (now) => {
    const s = base(now);
    s.account = { ...s.account, id: 'acc_contoso', name: 'Contoso Care', licence: 'X7', terms: { state: 'not_requested' }, routing_scripts: [{ id: 'rs_con_care', name: 'Care team' }] };
    s.user.email = 'admin@contoso.example';
    s.channels = [];
    return s;
  },

  /** One channel in each state of the timeline, named after it ("Requested channel"... "Ready channel"), with their numbers. */
  'channel-timeline': (now) => {
    const s = base(now);
    s.account.facebook_business_confirmed = true;
    const states: [ChannelState, string][] = [
      ['requested', 'Requested channel'], ['profile', 'Profile channel'], ['facebook_signup', 'Facebook channel'],
      ['number_registered', 'Registered channel'], ['activation', 'Activation channel'], ['ready', 'Ready channel'],
    ];
    s.channels = states.map(([state, name], i) => {
      const c = channel(`ch_${i + 1}`, name, state, now - (10 - i) * DAY, state === 'requested' ? undefined : { draft: { ...PROFILE, channel_name: name }, version: 5, complete: state !== 'profile' });
      if (state === 'activation') c.ready_by = workingDaysAfter(now - DAY, 3);
      return c;
    });
    s.numbers = [
      number('pn_mock_4', '+447400100004', null, now - 3 * DAY),
      number('pn_mock_5', '+447400100005', 'ch_5', now - 2 * DAY),
      number('pn_mock_6', '+447400100006', 'ch_6', now - 9 * DAY),
    ];
    return s;
  },

  /** The Customer Support profile half filled: page 1 saved (name, number, business, category), page 2 empty. */
  'profile-half-filled': (now) => {
    const s = base(now);
    s.account.facebook_business_confirmed = true;
    const draft = { ...EMPTY_DRAFT, channel_name: 'Customer Support', phone_country: 'GB', phone_number: '07400 123456', business_name: 'Northwind Bakery', category: 'RETAIL' };
    s.channels = [channel('ch_support', 'Customer Support', 'profile', now - 2 * DAY, { draft, version: 4 })];
    return s;
  },

  /** Ready for Facebook; Continue in the dialog registers +447400123456. */
  'facebook-success': readyForFacebook,

  /** Ready for Facebook; the dialog comes back cancelled (as Cancel in it does in every scenario). */
  'facebook-cancel': (now) => {
    const s = readyForFacebook(now);
    s.facebook.outcome = 'cancel';
    return s;
  },

  /** Ready for Facebook; the dialog comes back saying the number is already on WhatsApp. */
  'facebook-number-on-whatsapp': (now) => {
    const s = readyForFacebook(now);
    s.facebook.outcome = 'number_already_on_whatsapp';
    return s;
  },

  /** Back from Facebook: +447400123456 registered, waiting to be linked to Customer Support (the confirm page). */
  'number-registered': (now) => {
    const s = readyForFacebook(now);
    s.channels[0].channel.state = 'number_registered';
    s.numbers = [number('pn_mock_1', REGISTERED_NUMBER, null, now - 300)];
    return s;
  },

  /** 1,000 channels in every state ("Store 0000 North"...), a tenth of them with numbers, after Customer Support. */
  'many-channels': (now) => {
    const s = base(now);
    s.account.facebook_business_confirmed = true;
    const all: ChannelState[] = ['requested', 'profile', 'facebook_signup', 'number_registered', 'activation', 'ready'];
    for (let i = 0; i < 999; i++) {
      const state = all[i % all.length];
      const id = `ch_bulk_${String(i).padStart(4, '0')}`;
      const c = channel(id, `Store ${String(i).padStart(4, '0')} ${['North', 'South', 'East', 'West'][i % 4]}`, state, now - i * 3600);
      c.channel.reference = `CM-${200000 + i}`;
      if (state === 'activation') c.ready_by = workingDaysAfter(now, 3);
      s.channels.push(c);
      if (state === 'activation' || state === 'ready') s.numbers.push(number(`pn_bulk_${i}`, `+4420795${String(i).padStart(5, '0')}`, id, now));
    }
    return s;
  },
};

/** A fresh state for `name`, with the clock at `clock` (an ISO instant). */
export function buildScenario(name: ScenarioName, clock = DEFAULT_CLOCK): MockState {
  const build = builders[name];
  if (!build) throw new Error(`mock kit: no scenario called ${name}; there are ${SCENARIOS.join(', ')}`);
  const now = Date.parse(clock) / 1000;
  if (!Number.isInteger(now)) throw new Error(`mock kit: clock ${clock} is not a whole-second ISO instant`);
  return build(now);
}

/** What GET /api/channels answers for this state. */
/** A channel's profile as the API answers it: with the channel's state. */
export function profileOf(c: MockChannel): DraftState {
  return { ...c.profile, channel_state: c.channel.state };
}

export function overviews(s: MockState): ChannelOverview[] {
  return s.channels.map((c) => {
    const linked = s.numbers.find((n) => n.channel_id === c.channel.id);
    return {
      channel: c.channel,
      number: linked?.e164 ?? null,
      // As the number was registered: a setup that changes its `display` changes both.
      number_display: linked?.display ?? null,
      ready_by: c.channel.state === 'activation' ? c.ready_by : null,
      // The owner's side of a hand-off (the colleague's link is not simulated).
      handoff: s.handoffs?.find((h) => h.channel_id === c.channel.id) ?? null,
    };
  });
}

/**
 * Checks every fixture of a scenario against the contract's schemas: the brand, the
 * routing scripts, every channel overview, draft, number, the eligibility, the
 * rate card. Throws a ContractError naming the first piece that does not match.
 */
export function validateFixture(name: ScenarioName, s: MockState = buildScenario(name)) {
  const c = contract();
  const at = (what: string) => `scenario ${name}: ${what}`;
  c.checkSchema('Brand', s.brand, at('brand'));
  c.checkSchema('Eligibility', { licence: s.account.licence, terms: s.account.terms, facebook_business_confirmed: s.account.facebook_business_confirmed }, at('eligibility'));
  s.account.routing_scripts.forEach((r, i) => c.checkSchema('RoutingScript', r, at(`routing script ${i}`)));
  overviews(s).forEach((o) => c.checkSchema('ChannelOverview', o, at(`channel ${o.channel.id}`)));
  s.channels.forEach((ch) => c.checkSchema('DraftState', profileOf(ch), at(`profile of ${ch.channel.id}`)));
  s.numbers.forEach((n) => c.checkSchema('RegisteredNumber', n, at(`number ${n.id}`)));
  c.checkSchema('RateCard', s.rateCard, at('rate card'));
  c.checkSchema('AccountSummary', { id: s.account.id, name: s.account.name }, at('account'));
  for (const l of s.passwordLinks) c.checkSchema('PasswordLinkInfo', { email: l.email, expires_at: l.expires_at }, at(`password link ${l.token}`));
}
