//! The Facebook sign-up's records: the app's attempts, the numbers registered, and
//! the simulated dialog's flows and codes. Secrets in them (states, codes, PKCE
//! challenges) are redacted when the state is shown.

use super::{redact, redact_exchange};
use domain::contract::Timestamp;
use domain::signup::{RegisteredNumber, SignupOutcome, SignupPrefill};
use serde::Serialize;

/// A Facebook sign-up the app started for a channel (`POST /api/channels/{id}/signup`).
#[derive(Debug, Clone, Serialize)]
pub struct SignupAttemptRecord {
    /// Random and unguessable; names the attempt in the exchange.
    pub id: String,
    /// The channel it is for.
    pub channel_id: String,
    /// Owner: only this account's users can exchange it.
    pub account_id: String,
    /// The app's `state`, also sent to the dialog; codes are linked to attempts by it.
    #[serde(serialize_with = "redact")]
    pub state: String,
    /// When it was started.
    pub created_at: Timestamp,
    /// The hand-off whose session started it, if a colleague's did: only that
    /// session may exchange its code.
    #[serde(default)]
    pub handoff: Option<String>,
    /// The code exchanged and what it registered: set once, then replayed.
    #[serde(serialize_with = "redact_exchange")]
    pub exchanged: Option<(String, SignupOutcome)>,
}

/// A number Facebook's sign-up registered, and whose it is.
#[derive(Debug, Clone, Serialize)]
pub struct NumberRecord {
    /// Owner.
    pub account_id: String,
    /// What the API shows.
    pub number: RegisteredNumber,
}

/// A one-time code the simulated dialog sent the user back with, and what was confirmed.
#[derive(Debug, Clone, Serialize)]
pub struct IssuedCode {
    /// The `code` in the callback.
    #[serde(serialize_with = "redact")]
    pub code: String,
    /// The flow's `state`: the attempt with the same state may exchange the code.
    #[serde(serialize_with = "redact")]
    pub state: String,
    /// When it was issued; it can be exchanged for [`crate::routes::signup::CODE_LIFETIME_SECS`].
    pub issued_at: Timestamp,
    /// The number verified in the dialog (E.164).
    pub e164: String,
    /// The flow's PKCE challenge: the exchange's `code_verifier` must hash to it.
    #[serde(serialize_with = "redact")]
    pub code_challenge: String,
    /// The flow's `redirect_uri`: the exchange must name the same.
    pub redirect_uri: String,
    /// The legal business name confirmed in the dialog.
    pub business_name: String,
    /// The description confirmed (or edited) in the dialog.
    pub description: String,
    /// The number's phone number id, as the session info gave it.
    pub phone_number_id: String,
    /// The WhatsApp Business account id, as the session info gave it.
    pub waba_id: String,
}

/// How the user is asked for the one-time code in the dialog.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum CodeMethod {
    /// A text message.
    Sms,
    /// A voice call.
    Voice,
}

/// The one-time code the dialog sent to verify a phone number.
#[derive(Debug, Clone, Serialize)]
pub struct PhoneCode {
    /// Six digits.
    #[serde(serialize_with = "redact")]
    pub code: String,
    /// How it was sent.
    pub method: CodeMethod,
    /// When it was sent (a new one may be asked for 30 seconds later; it works for 10 minutes).
    pub sent_at: Timestamp,
    /// Wrong codes entered for it (3 end it).
    pub wrong: u8,
    /// How many codes were sent in this flow so far.
    pub sends: u32,
}

/// Where a dialog flow stopped short of success, waiting for the user to go back.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum DialogDeadEnd {
    /// The number is already registered with WhatsApp.
    AlreadyRegistered,
    /// Mode `generic_error`: something went wrong, with an error id.
    Failed {
        /// `FB-` and six characters.
        error_id: String,
    },
}

/// One run through the simulated Facebook dialog, from the OAuth link to the redirect back.
#[derive(Debug, Clone, Serialize)]
pub struct DialogFlow {
    /// The `state` from the OAuth link, sent back with the result.
    #[serde(serialize_with = "redact")]
    pub state: String,
    /// The PKCE S256 challenge from the OAuth link; the exchange must bring its verifier.
    #[serde(serialize_with = "redact")]
    pub code_challenge: String,
    /// The validated `redirect_uri`: the only place this flow sends the user.
    pub redirect_uri: String,
    /// When the OAuth link was opened.
    pub created_at: Timestamp,
    /// The `extras` pre-fill, read leniently.
    pub prefill: SignupPrefill,
    /// The furthest step reached, as [`crate::routes::facebook::Step`] numbers it.
    pub reached: u8,
    /// The legal business name as confirmed so far.
    pub legal_name: String,
    /// The description as confirmed so far.
    pub description: String,
    /// The phone number as typed on the phone step.
    pub phone_input: String,
    /// The number being verified (E.164), once the phone step passed.
    pub number: Option<String>,
    /// The code sent to it.
    pub code: Option<PhoneCode>,
    /// Set when the user stopped on an error page.
    pub dead_end: Option<DialogDeadEnd>,
    /// The user was sent back (with a code or an error): the flow is over.
    pub finished: bool,
    /// Opened as a popup (`display=popup`): the result is posted to the opener.
    pub popup: bool,
}
