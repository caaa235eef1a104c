//! The backend's state and the trait it sits behind.
//!
//! Every handler works on one [`Data`] inside one transaction, so a request
//! never sees half of another's change. [`MemoryStore`] is the default; a
//! persistent store implements the same two methods.

use axum::body::Bytes;
use domain::contract::{Channel, MailMessage, RoutingScript, Timestamp};
use domain::draft::DraftState;
use domain::eligibility::Terms;
use domain::profile::ProfileDraft;
use domain::signup::SignupOutcome;
use domain::testing::DialogMode;
use serde::{Serialize, Serializer};
use std::collections::{BTreeMap, BTreeSet};
use std::sync::Mutex;

mod signup;
pub use signup::{
    CodeMethod, DialogDeadEnd, DialogFlow, IssuedCode, NumberRecord, PhoneCode, SignupAttemptRecord,
};

/// A contact-centre customer.
#[derive(Debug, Clone, Serialize)]
pub struct Account {
    /// Stable identifier.
    pub id: String,
    /// The business's name.
    pub name: String,
    /// Contact-centre licence, e.g. `X8`.
    pub licence: String,
    /// Where the legal terms for WhatsApp stand.
    pub terms: Terms,
    /// The customer confirmed a Facebook business account verified by Meta.
    pub facebook_business_confirmed: bool,
    /// The provider created the account's login to the messaging platform
    /// (CPaaS) and mailed its details. The first channel request does it; later
    /// requests only say the channel was requested. (In this simulation one
    /// login stands for both the contact centre's, where the Configuration
    /// Manager is, and the messaging platform's: the flag says which the provider
    /// has given the account.)
    pub cpaas_login: bool,
    /// ISO country code (public holidays for the activation date).
    pub country: String,
    /// The routing scripts defined in the contact centre.
    pub routing_scripts: Vec<RoutingScript>,
}

/// A person who logs in.
#[derive(Debug, Clone, Serialize)]
pub struct User {
    /// Login name, stored lower-case.
    pub email: String,
    /// The account the user belongs to.
    pub account_id: String,
    /// Argon2 hash; `None` until the emailed link is used.
    #[serde(serialize_with = "redact_opt")]
    pub password_hash: Option<String>,
}

/// A single-use set-password link.
#[derive(Debug, Clone, Serialize)]
pub struct PasswordLink {
    /// The SHA-256 of the secret in the link ([`crate::secrets::digest`]); the
    /// link itself is only in the email.
    #[serde(serialize_with = "redact")]
    pub token_hash: String,
    /// Whose password it sets.
    pub email: String,
    /// When it stops working.
    pub expires_at: Timestamp,
    /// When it was used, if it was.
    pub used_at: Option<Timestamp>,
    /// Why it stopped working before it was used or expired, if it did.
    #[serde(default)]
    pub voided: Option<LinkVoided>,
}

/// Why a set-password link was cancelled: only the newest link of an address works.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum LinkVoided {
    /// A newer link was sent to the same address.
    NewerLink,
    /// The password was set since (with another link).
    PasswordSet,
}

/// A logged-in browser.
#[derive(Debug, Clone, Serialize)]
pub struct Session {
    /// The SHA-256 of the cookie's value ([`crate::secrets::digest`]). The CSRF
    /// token is not stored: it is derived from the cookie's value
    /// ([`crate::secrets::csrf_token`]).
    #[serde(serialize_with = "redact")]
    pub token_hash: String,
    /// Who is logged in.
    pub email: String,
    /// When it was created; sessions end [`crate::auth::ABSOLUTE_SECS`] later.
    pub created_at: Timestamp,
    /// Last request; sessions end [`crate::auth::IDLE_SECS`] after it.
    pub last_seen: Timestamp,
    /// Set for a colleague's hand-off session: the [`HandoffRecord::id`] it is
    /// bound to. `email` is then the colleague's, who has no login of their own.
    #[serde(default)]
    pub handoff: Option<String>,
}

/// A hand-off of a channel's Facebook step to a colleague: one per link mailed
/// (a resend makes a new one and replaces the old).
#[derive(Debug, Clone, Serialize)]
pub struct HandoffRecord {
    /// Stable identifier.
    pub id: String,
    /// The channel whose Facebook step it is.
    pub channel_id: String,
    /// The channel's account.
    pub account_id: String,
    /// Who asked: the owner's login.
    pub requested_by: String,
    /// The colleague's address, trimmed and lower-case.
    pub email: String,
    /// The owner's note, trimmed; `None` when blank.
    pub message: Option<String>,
    /// The SHA-256 of the secret in the link ([`crate::secrets::digest`]); the
    /// link itself is only in the email.
    #[serde(serialize_with = "redact")]
    pub token_hash: String,
    /// When the link was mailed.
    pub sent_at: Timestamp,
    /// When the link stops working.
    pub expires_at: Timestamp,
    /// How it ended before it expired, if it did.
    pub ended: Option<HandoffEnd>,
}

/// How a hand-off ended (an expired one has no end: its time ran out).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum HandoffEnd {
    /// The colleague finished the Facebook step with it.
    Done {
        /// When.
        at: Timestamp,
    },
    /// The owner cancelled it.
    Cancelled {
        /// When.
        at: Timestamp,
    },
    /// The owner sent a new link for the channel.
    Replaced {
        /// When.
        at: Timestamp,
    },
}

/// Failed logins for one key: an address from one client, an address from
/// anywhere, or one client whatever the address.
#[derive(Debug, Clone, Default, Serialize)]
pub struct LoginFailures {
    /// Failures since the last success or lock.
    pub count: u32,
    /// Attempts being checked right now: reserved before the password is
    /// checked, so parallel attempts cannot all pass the limit together.
    pub in_flight: u32,
    /// Logins are refused until then.
    pub locked_until: Option<Timestamp>,
    /// The last attempt; the oldest records are forgotten first.
    pub last_at: Timestamp,
}

/// A channel and the account it belongs to.
#[derive(Debug, Clone, Serialize)]
pub struct ChannelRecord {
    /// Owner.
    pub account_id: String,
    /// What the API shows.
    pub channel: Channel,
    /// The channel's WhatsApp Business profile as saved so far.
    pub profile: StoredProfile,
    /// The provider's activation, once a number is linked.
    #[serde(default)]
    pub activation: Option<Activation>,
}

impl ChannelRecord {
    /// The profile as the API answers it: with the channel's state, kept in one
    /// place (the channel) so the two never disagree.
    pub fn profile_state(&self) -> DraftState {
        let p = &self.profile;
        DraftState {
            draft: p.draft.clone(),
            version: p.version,
            complete: p.complete,
            channel_state: self.channel.state,
        }
    }
}

/// A channel's WhatsApp Business profile: [`DraftState`] but for the channel's
/// state, which is the channel's own ([`ChannelRecord::profile_state`]).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct StoredProfile {
    /// The values.
    pub draft: ProfileDraft,
    /// Goes up by one with every saved patch.
    pub version: u64,
    /// Whether the customer confirmed the profile on the review page.
    pub complete: bool,
}

/// The provider's final activation of a linked number.
#[derive(Debug, Clone, Serialize)]
pub struct Activation {
    /// When the customer confirmed the link.
    pub confirmed_at: Timestamp,
    /// The date it will be ready by (ISO), if the account's country has a calendar.
    pub ready_by: Option<String>,
    /// When it became ready.
    pub ready_at: Option<Timestamp>,
}

/// An uploaded profile picture; the state view shows its size, never its bytes.
#[derive(Debug, Clone, Serialize)]
pub struct StoredPicture {
    /// Owner: only this account's users can read it.
    pub account_id: String,
    /// `image/jpeg` or `image/png`, from the file's first bytes.
    pub content_type: String,
    /// The file as uploaded.
    #[serde(rename = "size", serialize_with = "byte_count")]
    pub bytes: Bytes,
    /// Width in pixels, from the file's header.
    pub width: u32,
    /// Height in pixels, from the file's header.
    pub height: u32,
    /// Upload order: the oldest uploads no draft uses are deleted first.
    #[serde(skip)]
    pub seq: u64,
}

/// A stored answer to an idempotent request.
#[derive(Debug, Clone)]
pub struct IdempotentAnswer {
    /// Fingerprint of the request body, to catch a key reused for another request.
    pub fingerprint: u64,
    /// `None` while the first request is still being handled.
    pub answer: Option<StoredResponse>,
    /// When the key was first seen.
    pub created_at: Timestamp,
    /// Arrival order ([`Data::idempotency_seq`]): the oldest are forgotten first.
    pub seq: u64,
}

/// A response kept for replay.
#[derive(Debug, Clone)]
pub struct StoredResponse {
    /// HTTP status.
    pub status: u16,
    /// Headers worth replaying (content type, cookies, retry-after).
    pub headers: Vec<(String, String)>,
    /// The body.
    pub body: Vec<u8>,
}

/// Everything the fake backend knows.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Data {
    /// Customers.
    pub accounts: Vec<Account>,
    /// People who log in.
    pub users: Vec<User>,
    /// Set-password links ever sent.
    pub password_links: Vec<PasswordLink>,
    /// Live sessions.
    pub sessions: Vec<Session>,
    /// Failed logins by email address and client (`{email} from {client}`); see
    /// [`crate::routes::session`].
    pub login_failures: BTreeMap<String, LoginFailures>,
    /// Failed logins by email address, from any client (a much higher ceiling).
    pub account_login_failures: BTreeMap<String, LoginFailures>,
    /// Failed logins by client, whatever the address.
    pub client_login_failures: BTreeMap<String, LoginFailures>,
    /// WhatsApp channels.
    pub channels: Vec<ChannelRecord>,
    /// Uploaded profile pictures by id.
    pub pictures: BTreeMap<String, StoredPicture>,
    /// Numbers (E.164) already registered with WhatsApp Business; see [`crate::seed::WHATSAPP_NUMBERS`].
    pub whatsapp_numbers: BTreeSet<String>,
    /// The dev mailbox.
    pub mailbox: Vec<MailMessage>,
    /// Facebook sign-ups the app started.
    pub signup_attempts: Vec<SignupAttemptRecord>,
    /// Numbers registered by Facebook's sign-up, oldest first.
    pub numbers: Vec<NumberRecord>,
    /// Hand-offs of the Facebook step to a colleague, oldest first.
    pub handoffs: Vec<HandoffRecord>,
    /// Runs through the simulated dialog, by their secret id (the state view shows only the runs).
    #[serde(serialize_with = "values")]
    pub dialog_flows: BTreeMap<String, DialogFlow>,
    /// Codes the simulated dialog sent users back with.
    pub issued_codes: Vec<IssuedCode>,
    /// How the simulated dialog behaves (test-only switch); a reset makes it `normal`.
    pub dialog_mode: DialogMode,
    /// Answers by `METHOD path session key`; the state view shows only how many.
    #[serde(serialize_with = "count")]
    pub idempotency: BTreeMap<String, IdempotentAnswer>,
    /// The last [`IdempotentAnswer::seq`] given.
    #[serde(skip)]
    pub idempotency_seq: u64,
    /// The bytes [`Data::idempotency`] holds, as the idempotency middleware counts them.
    #[serde(skip)]
    pub idempotency_bytes: usize,
    /// When expired answers were last swept out (at most once a minute, not on every request).
    #[serde(skip)]
    pub idempotency_swept_at: Timestamp,
    /// Counter for identifiers.
    pub next_id: u64,
}

impl Data {
    /// A fresh identifier with a prefix, e.g. `ch_7`.
    pub fn new_id(&mut self, prefix: &str) -> String {
        self.next_id += 1;
        format!("{prefix}_{}", self.next_id)
    }

    /// The user with this email, compared case-insensitively.
    pub fn user(&self, email: &str) -> Option<&User> {
        let email = email.trim().to_lowercase();
        self.users.iter().find(|u| u.email == email)
    }

    /// The account with this id.
    pub fn account(&self, id: &str) -> Option<&Account> {
        self.accounts.iter().find(|a| a.id == id)
    }

    /// The account with this id, to change.
    pub fn account_mut(&mut self, id: &str) -> Option<&mut Account> {
        self.accounts.iter_mut().find(|a| a.id == id)
    }

    /// The channel `id` of account `account_id`; `None` for another account's.
    pub fn channel(&self, account_id: &str, id: &str) -> Option<&ChannelRecord> {
        self.channels
            .iter()
            .find(|c| c.account_id == account_id && c.channel.id == id)
    }

    /// The channel `id` of account `account_id`, to change; `None` for another account's.
    pub fn channel_mut(&mut self, account_id: &str, id: &str) -> Option<&mut ChannelRecord> {
        self.channels
            .iter_mut()
            .find(|c| c.account_id == account_id && c.channel.id == id)
    }
}

pub(crate) fn redact<S: Serializer>(_: &str, s: S) -> Result<S::Ok, S::Error> {
    s.serialize_str("[redacted]")
}

fn redact_opt<S: Serializer>(v: &Option<String>, s: S) -> Result<S::Ok, S::Error> {
    match v {
        Some(_) => s.serialize_str("[redacted]"),
        None => s.serialize_none(),
    }
}

fn byte_count<S: Serializer>(v: &Bytes, s: S) -> Result<S::Ok, S::Error> {
    s.serialize_u64(v.len() as u64)
}

pub(crate) fn redact_exchange<S: Serializer>(
    v: &Option<(String, SignupOutcome)>,
    s: S,
) -> Result<S::Ok, S::Error> {
    match v {
        Some((_, outcome)) => outcome.serialize(s),
        None => s.serialize_none(),
    }
}

fn values<S: Serializer, K, V: Serialize>(v: &BTreeMap<K, V>, s: S) -> Result<S::Ok, S::Error> {
    s.collect_seq(v.values())
}

fn count<S: Serializer, K, V>(v: &BTreeMap<K, V>, s: S) -> Result<S::Ok, S::Error> {
    s.serialize_u64(v.len() as u64)
}

/// Where the state lives.
pub trait Store: Send + Sync {
    /// Runs `f` with exclusive access to the state.
    fn transact(&self, f: &mut dyn FnMut(&mut Data));
}

impl dyn Store {
    /// Runs `f` in one transaction and returns what it returns.
    pub fn tx<R>(&self, f: impl FnOnce(&mut Data) -> R) -> R {
        let mut f = Some(f);
        let mut out = None;
        self.transact(&mut |d| {
            if let Some(f) = f.take() {
                out = Some(f(d));
            }
        });
        out.expect("transact runs its closure exactly once")
    }
}

/// The state in memory, lost on restart.
#[derive(Default)]
pub struct MemoryStore(Mutex<Data>);

impl MemoryStore {
    /// A store holding `data`.
    pub fn new(data: Data) -> Self {
        Self(Mutex::new(data))
    }
}

impl Store for MemoryStore {
    fn transact(&self, f: &mut dyn FnMut(&mut Data)) {
        // A panic inside a transaction poisons the lock; the data is still
        // consistent enough for a fake, so carry on rather than fail forever.
        let mut guard = self.0.lock().unwrap_or_else(|e| e.into_inner());
        f(&mut guard);
    }
}
