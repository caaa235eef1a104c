// The contract's types as TypeScript, for the kit's fixtures and its state. They
// are written by hand, so they are not the proof: every fixture and every answer
// is also checked against contract/openapi.json at run time (see contract.ts).

export type ChannelState = 'requested' | 'profile' | 'facebook_signup' | 'number_registered' | 'activation' | 'ready';
export type Terms = { state: 'signed' } | { state: 'requested'; at: number } | { state: 'not_requested' };

export interface Brand {
  product: string;
  partner: string;
  messagingPlatform: string;
  configurationManager: string;
  supportUrl: string;
  numberSetupUrl: string;
  ratesUrl: string;
}
export interface RoutingScript { id: string; name: string }
export interface Channel { id: string; name: string; routing_script: string; reference: string; state: ChannelState; requested_at: number }
export type HandoffStatus = 'waiting' | 'done' | 'cancelled' | 'expired';
export interface Handoff { id: string; channel_id: string; email: string; message: string | null; status: HandoffStatus; sent_at: number; expires_at: number; completed_at: number | null }
/** `number_display` (contract 1.2.0, optional): the linked number as WhatsApp shows it; without it the app shows `number`. */
export interface ChannelOverview { channel: Channel; number: string | null; number_display?: string | null; ready_by: string | null; handoff: Handoff | null }
export interface ProfileDraft {
  channel_name: string;
  phone_country: string;
  phone_number: string;
  business_name: string;
  category: string | null;
  tagline: string;
  description: string;
  contact_email: string;
  website: string;
  address: string;
  picture_id: string | null;
}
export interface DraftState { draft: ProfileDraft; version: number; complete: boolean; channel_state: ChannelState }
/** A channel's profile as the kit keeps it: without the channel's state, which is the channel's own (`profileOf` joins them). */
export type MockProfile = Omit<DraftState, 'channel_state'>;
export interface Eligibility { licence: string; terms: Terms; facebook_business_confirmed: boolean }
/** `display` (contract 1.2.0, optional): the number as WhatsApp shows it, e.g. `+44 7400 123456`; without it the app shows `e164`. */
export interface RegisteredNumber { id: string; e164: string; display?: string | null; waba_id: string; business_name: string; channel_id: string | null; registered_at: number }
export interface SessionInfo { account: { id: string; name: string }; email: string; csrf_token: string; handoff_channel_id?: string }
export interface SignupConfig { app_id: string; config_id: string; graph_api_version: string; redirect_uri: string; dialog_base_url: string }
export interface SignupPrefill { business_name: string; phone_code: string; phone_number: string; category: string; description: string; email: string; website: string; country: string }
export interface Rate { currency: 'GBP' | 'USD' | 'EUR'; amount: string; example: boolean }
export interface RateCard { countries: { code: string; name: string; rates: Rate[] }[]; cpaas_charges: Rate[]; effective_from: string }
export interface ErrorBody { code: string; message: string; fields?: { field: string; message: string }[]; error_id?: string | null }

/** What the simulated Facebook dialog sends back when the user selects Continue in it. */
export type FacebookOutcome = 'success' | 'cancel' | 'number_already_on_whatsapp';

/** One channel of the account with everything the kit keeps about it. */
export interface MockChannel {
  channel: Channel;
  profile: MockProfile;
  /** ISO date the activation ends by, while the channel is in activation. */
  ready_by: string | null;
}

/** The whole state the kit answers from; a scenario builds it, the app's calls change it. */
export interface MockState {
  /** The kit's clock (Unix seconds): fixed, so dates on the page never depend on today. */
  now: number;
  brand: Brand;
  account: {
    id: string;
    name: string;
    licence: string;
    terms: Terms;
    facebook_business_confirmed: boolean;
    routing_scripts: RoutingScript[];
  };
  /** The one user; `password` is what the login page and set-password page accept. */
  user: { email: string; password: string | null };
  /** The live session, or null (logged out or ended). */
  session: { token: string; csrf_token: string } | null;
  channels: MockChannel[];
  numbers: RegisteredNumber[];
  /** Set-password links: usable until used or past `expires_at`. */
  passwordLinks: { token: string; email: string; expires_at: number; used: boolean }[];
  /** Numbers already on WhatsApp Business (E.164): the profile check refuses them. */
  whatsappNumbers: string[];
  signupConfig: Omit<SignupConfig, 'redirect_uri' | 'dialog_base_url'>;
  /** The sign-up attempts the app started, with the code the dialog issued. */
  attempts: { id: string; channel_id: string; state: string; redirect_uri: string; code: string | null; outcome: unknown | null; code_challenge?: string; popup?: boolean }[];
  /** What Continue in the simulated dialog does. Cancel always cancels. */
  facebook: { outcome: FacebookOutcome; number: string; business_name: string };
  rateCard: RateCard;
  /** The latest hand-off of each channel's Facebook step (the owner's side; optional in a scenario). */
  handoffs?: Handoff[];
  /** For new ids (`ch_101`...). */
  nextId: number;
}
