//! The backend's state and the trait it sits behind.
//!
//! Every handler works on one [`Data`] inside one transaction, so a request
//! never sees half of another's change. [`MemoryStore`] is the default; a
//! persistent store implements the same two methods.

use axum::body::Bytes;
use domain::contract::{Channel, MailMessage, RoutingScript, Timestamp};
use domain::draft::DraftState;
use domain::eligibility::Terms;
use serde::{Serialize, Serializer};
use std::collections::{BTreeMap, BTreeSet};
use std::sync::Mutex;

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
    /// The secret in the link.
    #[serde(serialize_with = "redact")]
    pub token: String,
    /// Whose password it sets.
    pub email: String,
    /// When it stops working.
    pub expires_at: Timestamp,
    /// When it was used, if it was.
    pub used_at: Option<Timestamp>,
}

/// A logged-in browser.
#[derive(Debug, Clone, Serialize)]
pub struct Session {
    /// The cookie's value.
    #[serde(serialize_with = "redact")]
    pub token: String,
    /// Who is logged in.
    pub email: String,
    /// What mutating requests must carry in `X-CSRF-Token`.
    #[serde(serialize_with = "redact")]
    pub csrf_token: String,
    /// When it was created; sessions end [`crate::auth::ABSOLUTE_SECS`] later.
    pub created_at: Timestamp,
    /// Last request; sessions end [`crate::auth::IDLE_SECS`] after it.
    pub last_seen: Timestamp,
}

/// Failed logins for one email address.
#[derive(Debug, Clone, Default, Serialize)]
pub struct LoginFailures {
    /// Failures since the last success or lock.
    pub count: u32,
    /// Logins are refused until then.
    pub locked_until: Option<Timestamp>,
}

/// A channel and the account it belongs to.
#[derive(Debug, Clone, Serialize)]
pub struct ChannelRecord {
    /// Owner.
    pub account_id: String,
    /// What the API shows.
    pub channel: Channel,
    /// The channel's WhatsApp Business profile as saved so far.
    pub profile: DraftState,
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
    /// Failed logins by email address.
    pub login_failures: BTreeMap<String, LoginFailures>,
    /// WhatsApp channels.
    pub channels: Vec<ChannelRecord>,
    /// Uploaded profile pictures by id.
    pub pictures: BTreeMap<String, StoredPicture>,
    /// Numbers (E.164) already registered with WhatsApp Business; see [`crate::seed::WHATSAPP_NUMBERS`].
    pub whatsapp_numbers: BTreeSet<String>,
    /// The dev mailbox.
    pub mailbox: Vec<MailMessage>,
    /// Answers by `METHOD path key`; the state view shows only how many.
    #[serde(serialize_with = "count")]
    pub idempotency: BTreeMap<String, IdempotentAnswer>,
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

    /// The channel `id` of account `account_id`, to change; `None` for another account's.
    pub fn channel_mut(&mut self, account_id: &str, id: &str) -> Option<&mut ChannelRecord> {
        self.channels
            .iter_mut()
            .find(|c| c.account_id == account_id && c.channel.id == id)
    }
}

fn redact<S: Serializer>(_: &str, s: S) -> Result<S::Ok, S::Error> {
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
