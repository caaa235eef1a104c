//! Leaving for Facebook's Embedded Signup, and the record the tab keeps until it
//! comes back. The record (state, channel, attempt, outcome) lives in this tab's
//! sessionStorage only: it holds no password or session token, and the state is
//! worthless once used.

use crate::api::{self, ApiError};
use crate::storage::{self, Store};
use domain::endpoint;
use domain::idempotency::RetryKey;
use domain::signup::{
    dialog_url, extras, pkce_challenge, pkce_verifier_from_bytes, state_from_bytes, PendingSignup,
    SignupStart,
};
use leptos::prelude::*;

const KEY: &str = "facebook-signup";

/// The signup this tab started, if any.
pub fn pending() -> Option<PendingSignup> {
    storage::read(Store::Tab, KEY).and_then(|json| crate::json::from_str(&json))
}

/// Removes the record (logging out, another account, the channel linked), and
/// stops listening to a dialog window still open for it.
pub fn forget() {
    crate::popup::forget();
    storage::remove(Store::Tab, KEY);
}

/// Removes the record if it is for `channel` (its number is linked: done with).
pub fn forget_channel(channel: &str) {
    if pending().is_some_and(|p| p.channel_id == channel) {
        forget();
    }
}

/// Keeps the record (after the callback, with its outcome).
pub fn keep(p: &PendingSignup) {
    if let Some(json) = crate::json::to_string(p) {
        storage::write(Store::Tab, KEY, &json);
    }
}

/// A fresh state: 256 bits from the browser's CSPRNG, or none if it is unavailable.
fn new_state() -> Option<String> {
    state_from_bytes(&crate::random::bytes::<32>()?)
}

/// Why leaving for Facebook did not happen.
#[derive(Debug, Clone, PartialEq)]
pub enum LeaveError {
    /// The browser offers no secure random numbers, so no safe state can be made.
    NoRandomness,
    /// The backend refused or could not be reached.
    Api(ApiError),
}

impl std::fmt::Display for LeaveError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Self::NoRandomness => f.write_str(crate::i18n::text().errors.no_randomness),
            Self::Api(e) => write!(f, "{e}"),
        }
    }
}

/// The callback page's full address when the app lives under a base path (the
/// backend's default is the app at the root).
fn callback_under_base() -> Option<String> {
    if crate::host::settings().base_path == "/" {
        return None;
    }
    let origin = window().location().origin().ok()?;
    Some(format!(
        "{origin}{}",
        crate::host::href("/facebook/callback")
    ))
}

/// An attempt started and kept: where its dialog is.
#[derive(Debug, Clone, PartialEq)]
pub struct Started {
    /// The dialog's address for this attempt.
    pub url: String,
    /// The attempt's state.
    pub state: String,
    /// The dialog's origin: the only one whose messages a popup mode run reads.
    pub dialog_origin: String,
}

/// The state and PKCE verifier of a start whose answer never came (the
/// connection dropped, or the time ran out): the next try sends the same, with
/// the same idempotency key, so the backend starts one attempt, not two.
pub type Unanswered = StoredValue<Option<(String, String)>>;

/// Starts an attempt for `channel` and keeps its state in this tab; the dialog
/// address asks for a popup's display when `popup`.
pub async fn start(
    channel: String,
    key: StoredValue<RetryKey>,
    unanswered: Unanswered,
    popup: bool,
    for_colleague: bool,
) -> Result<Started, LeaveError> {
    let (state, verifier) = match unanswered.get_value() {
        Some(kept) => kept,
        None => (
            new_state().ok_or(LeaveError::NoRandomness)?,
            // PKCE (RFC 7636): the dialog gets the challenge, the exchange the verifier.
            crate::random::bytes::<32>()
                .and_then(|b| pkce_verifier_from_bytes(&b))
                .ok_or(LeaveError::NoRandomness)?,
        ),
    };
    let challenge = pkce_challenge(
        &crate::random::sha256(verifier.as_bytes())
            .await
            .ok_or(LeaveError::NoRandomness)?,
    );
    let attempt = api::send(
        endpoint::START_SIGNUP,
        &[&channel],
        &SignupStart {
            state: state.clone(),
            redirect_uri: callback_under_base(),
        },
        key,
    )
    .await;
    // Kept only while the backend may have acted without our knowing.
    unanswered.set_value(match &attempt {
        Err(ApiError::Network | ApiError::Timeout) => Some((state.clone(), verifier.clone())),
        _ => None,
    });
    let attempt = attempt.map_err(LeaveError::Api)?;
    keep(&PendingSignup {
        state: state.clone(),
        channel_id: attempt.channel_id.clone(),
        attempt_id: attempt.id.clone(),
        verifier,
        redirect_uri: attempt.config.redirect_uri.clone(),
        used: false,
        outcome: None,
        for_colleague,
    });
    let extras = crate::json::to_string(&extras(&attempt.prefill)).unwrap_or_default();
    let mut url = dialog_url(&attempt.config, &state, &challenge, &extras);
    if popup {
        url.push_str("&display=popup");
    }
    let dialog_origin = web_sys::Url::new(&attempt.config.dialog_base_url)
        .map(|u| u.origin())
        .unwrap_or_default();
    Ok(Started {
        url,
        state,
        dialog_origin,
    })
}

/// Starts an attempt for `channel` and sends the whole page to the dialog.
pub async fn leave_for_facebook(
    channel: String,
    key: StoredValue<RetryKey>,
    unanswered: Unanswered,
    for_colleague: bool,
) -> Result<(), LeaveError> {
    let started = start(channel, key, unanswered, false, for_colleague).await?;
    window()
        .location()
        .assign(&started.url)
        .map_err(|_| LeaveError::Api(ApiError::Network))
}
