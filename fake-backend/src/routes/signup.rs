//! Facebook's Embedded Signup, the app's side: the dialog's configuration,
//! starting an attempt for a channel, exchanging the code the dialog sent the
//! user back with (exactly once), and the numbers it registered.
//!
//! Every endpoint needs a session; another account's channel or attempt is
//! 404, like one that does not exist.

use crate::auth::Authed;
use crate::failure::{ApiFailure, Json};
use crate::routes::eligibility::eligibility_of;
use crate::routes::profile::Id;
use crate::store::{Data, NumberRecord, SignupAttemptRecord, StoredProfile};
use crate::{limits, secrets, AppState};
use axum::extract::State;
use axum::http::{header, StatusCode};
use axum::response::{IntoResponse, Response};
use domain::contract::Timestamp;
use domain::error::ErrorCode;
use domain::journey::{advance, ChannelState, JourneyEvent};
use domain::phone;
use domain::signup::pkce_challenge;
use domain::signup::{
    same_secret, CodeExchange, RegisteredNumber, SignupAttempt, SignupConfig, SignupOutcome,
    SignupPrefill, SignupStart, STATE_MIN_BYTES,
};
use sha2::{Digest, Sha256};

/// How long a code from the dialog can be exchanged, by the backend's clock.
pub const NOT_REGISTERED: &str = "This callback address is not registered with the Facebook app";
const CODE_LIFETIME_SECS: i64 = 5 * 60;
/// The longest `state` accepted.
pub const STATE_MAX_CHARS: usize = 256;

const PROFILE_FIRST: &str = "Confirm your business profile before continuing to Facebook";
const ALREADY_REGISTERED: &str =
    "This channel already has a number registered with WhatsApp: continue with that number";
const BAD_STATE: &str = "The sign-up could not be started safely: reload the page and try again";
const STATE_TAKEN: &str = "This sign-up was already started: reload the page and try again";
const WRONG_STATE: &str =
    "This sign-up result does not belong to the sign-up you started: start again";
const NOT_ISSUED: &str = "This sign-up result is not valid: start again";
const EXPIRED: &str = "Facebook's sign-up result expired before it reached us: start again";
const SESSION_MISMATCH: &str =
    "The number Facebook named is not the one this sign-up registered: start again";
const SECOND_CODE: &str =
    "This sign-up already registered a number: a second result cannot be used";

type Answer<T> = Result<T, ApiFailure>;

/// GET /api/signup/config.
pub async fn config(State(state): State<AppState>, _who: Authed) -> axum::Json<SignupConfig> {
    axum::Json(state.signup_config())
}

/// POST /api/channels/{id}/signup: 201 with the attempt; the channel moves to Facebook signup.
///
/// Sending the same state again for the same channel answers the same attempt,
/// so a retried request never makes two.
pub async fn start(
    State(state): State<AppState>,
    who: Authed,
    Id(id): Id,
    Json(req): Json<SignupStart>,
) -> Answer<(StatusCode, axum::Json<SignupAttempt>)> {
    let now = state.clock.now();
    let mut config = state.signup_config();
    let registered = state.config.redirect_uris();
    state.store.tx(|d| {
        let account = d
            .account(&who.account_id)
            .ok_or_else(ApiFailure::unauthorized)?;
        let eligibility = eligibility_of(account);
        let record = d
            .channel(&who.account_id, &id)
            .ok_or_else(ApiFailure::not_found)?;
        if !eligibility.can_start() {
            return Err(ApiFailure::new(
                StatusCode::FORBIDDEN,
                ErrorCode::Forbidden,
                format!(
                    "You cannot continue to Facebook yet: {}.",
                    crate::routes::eligibility::blockers_in_words(&eligibility)
                ),
            ));
        }
        let conflict = |m: &str| ApiFailure::new(StatusCode::CONFLICT, ErrorCode::Conflict, m);
        if !record.profile.complete {
            return Err(conflict(PROFILE_FIRST));
        }
        if !state_is_random_enough(&req.state) {
            return Err(ApiFailure::field("state", BAD_STATE));
        }
        if let Some(uri) = &req.redirect_uri {
            if !registered.contains(uri) {
                return Err(ApiFailure::field("redirect_uri", NOT_REGISTERED));
            }
            config.redirect_uri = uri.clone();
        }
        let next = match advance(record.channel.state, JourneyEvent::SignupStarted) {
            Ok(next) => next,
            Err(_) if record.channel.state > ChannelState::FacebookSignup => {
                return Err(conflict(ALREADY_REGISTERED))
            }
            Err(_) => return Err(conflict(PROFILE_FIRST)),
        };
        let prefill = prefill_of(&record.profile);
        let existing = d
            .signup_attempts
            .iter()
            .find(|a| same_secret(&a.state, &req.state));
        let attempt_id = match existing {
            Some(a) if a.account_id == who.account_id && a.channel_id == id => a.id.clone(),
            Some(_) => return Err(conflict(STATE_TAKEN)),
            None => {
                keep_room_for_an_attempt(d, &id);
                let attempt_id = format!("sa_{}", secrets::token());
                d.signup_attempts.push(SignupAttemptRecord {
                    id: attempt_id.clone(),
                    channel_id: id.clone(),
                    account_id: who.account_id.clone(),
                    state: req.state.clone(),
                    created_at: now,
                    handoff: who.handoff.clone(),
                    exchanged: None,
                });
                attempt_id
            }
        };
        if let Some(record) = d.channel_mut(&who.account_id, &id) {
            record.channel.state = next;
        }
        let attempt = SignupAttempt {
            id: attempt_id,
            channel_id: id,
            config,
            prefill,
        };
        Ok((StatusCode::CREATED, axum::Json(attempt)))
    })
}

/// Forgets the channel's oldest attempts (those not exchanged first) so that a
/// new one keeps it within [`limits::SIGNUP_ATTEMPTS_PER_CHANNEL`].
fn keep_room_for_an_attempt(d: &mut Data, channel_id: &str) {
    loop {
        let oldest = d
            .signup_attempts
            .iter()
            .enumerate()
            .filter(|(_, a)| a.channel_id == channel_id)
            .map(|(i, a)| (a.exchanged.is_some(), a.created_at, i))
            .collect::<Vec<_>>();
        if oldest.len() < limits::SIGNUP_ATTEMPTS_PER_CHANNEL {
            return;
        }
        match oldest.into_iter().min() {
            Some((_, _, i)) => d.signup_attempts.remove(i),
            None => return,
        };
    }
}

/// At least [`STATE_MIN_BYTES`] bytes' worth of hex digits, and not absurdly long.
fn state_is_random_enough(state: &str) -> bool {
    (STATE_MIN_BYTES * 2..=STATE_MAX_CHARS).contains(&state.len())
        && state.bytes().all(|b| b.is_ascii_hexdigit())
}

/// The dialog's pre-fill from the saved (complete) profile.
pub fn prefill_of(profile: &StoredProfile) -> SignupPrefill {
    let tidy = profile.draft.tidied();
    let (phone_code, phone_number) = match (
        phone::country(&tidy.phone_country),
        phone::normalise(&tidy.phone_country, &tidy.phone_number),
    ) {
        (Some(country), Ok(e164)) => (
            country.calling_code.to_string(),
            e164.digits()
                .strip_prefix(country.calling_code)
                .unwrap_or_default()
                .to_string(),
        ),
        _ => (String::new(), String::new()),
    };
    SignupPrefill {
        business_name: tidy.business_name,
        phone_code,
        phone_number,
        category: tidy
            .category
            .map(|c| c.code().to_string())
            .unwrap_or_default(),
        description: tidy.description,
        email: tidy.contact_email,
        website: tidy.website,
        country: tidy.phone_country,
    }
}

/// POST /api/signup-attempts/{id}/exchange: the code for what the sign-up
/// registered, once; the same code again answers the same outcome.
///
/// Under a colleague's hand-off session, success finishes the hand-off: it is
/// done, the owner is mailed, and the session ends (its cookie cleared here).
pub async fn exchange(
    State(state): State<AppState>,
    who: Authed,
    Id(id): Id,
    Json(req): Json<CodeExchange>,
) -> Answer<Response> {
    let now = state.clock.now();
    let (app_url, quiet) = (state.config.app_url.clone(), state.config.quiet);
    let secure = state.config.secure_cookies();
    state.store.tx(|d| {
        let outcome = exchange_in(d, &who, &id, &req, now)?;
        let Some(handoff) = &who.handoff else {
            return Ok(axum::Json(outcome).into_response());
        };
        let shown = outcome.number.shown().to_string();
        crate::routes::handoff::finish(d, handoff, &shown, now, &app_url, quiet);
        let cookie = crate::auth::set_cookie("", 0, secure);
        Ok(([(header::SET_COOKIE, cookie)], axum::Json(outcome)).into_response())
    })
}

fn exchange_in(
    d: &mut Data,
    who: &Authed,
    attempt_id: &str,
    req: &CodeExchange,
    now: Timestamp,
) -> Answer<SignupOutcome> {
    let attempt = d
        .signup_attempts
        .iter()
        .find(|a| a.id == attempt_id && a.account_id == who.account_id)
        .ok_or_else(ApiFailure::not_found)?;
    if !same_secret(&req.state, &attempt.state) {
        return Err(ApiFailure::new(
            StatusCode::FORBIDDEN,
            ErrorCode::StateMismatch,
            WRONG_STATE,
        ));
    }
    if let Some((code, outcome)) = &attempt.exchanged {
        return if same_secret(&req.code, code) {
            // A replay (the app retrying a lost answer) gets the first outcome, but
            // only within the code's own lifetime: after it, the code is worth
            // nothing, replayed or not.
            let live = d
                .issued_codes
                .iter()
                .any(|c| same_secret(&c.code, code) && now - c.issued_at <= CODE_LIFETIME_SECS);
            if live {
                Ok(outcome.clone())
            } else {
                Err(ApiFailure::new(
                    StatusCode::GONE,
                    ErrorCode::CodeExpired,
                    EXPIRED,
                ))
            }
        } else {
            Err(ApiFailure::new(
                StatusCode::CONFLICT,
                ErrorCode::Conflict,
                SECOND_CODE,
            ))
        };
    }
    let issued = d
        .issued_codes
        .iter()
        .find(|c| same_secret(&c.code, &req.code) && same_secret(&c.state, &attempt.state))
        .ok_or_else(|| {
            ApiFailure::new(
                StatusCode::UNPROCESSABLE_ENTITY,
                ErrorCode::Validation,
                NOT_ISSUED,
            )
        })?
        .clone();
    if now - issued.issued_at > CODE_LIFETIME_SECS {
        return Err(ApiFailure::new(
            StatusCode::GONE,
            ErrorCode::CodeExpired,
            EXPIRED,
        ));
    }
    // PKCE (RFC 7636 4.6) and the same redirect_uri (RFC 6749 4.1.3): a code
    // taken from the address bar is worth nothing without the tab's verifier.
    let challenge = pkce_challenge(&Sha256::digest(req.code_verifier.as_bytes()));
    if !same_secret(&challenge, &issued.code_challenge) || req.redirect_uri != issued.redirect_uri {
        return Err(ApiFailure::new(
            StatusCode::UNPROCESSABLE_ENTITY,
            ErrorCode::Validation,
            NOT_ISSUED,
        ));
    }
    // Popup mode: the ids the dialog posted to the app are those of this code.
    if req
        .session_info
        .as_ref()
        .is_some_and(|s| s.phone_number_id != issued.phone_number_id || s.waba_id != issued.waba_id)
    {
        return Err(ApiFailure::new(
            StatusCode::UNPROCESSABLE_ENTITY,
            ErrorCode::Validation,
            SESSION_MISMATCH,
        ));
    }
    let channel_id = attempt.channel_id.clone();
    let number = RegisteredNumber {
        id: issued.phone_number_id.clone(),
        e164: issued.e164.clone(),
        display: crate::phone::display(&issued.e164),
        waba_id: issued.waba_id.clone(),
        business_name: issued.business_name.clone(),
        channel_id: None,
        registered_at: now,
    };
    let outcome = SignupOutcome {
        channel_id: channel_id.clone(),
        number: number.clone(),
    };
    d.numbers.push(NumberRecord {
        account_id: who.account_id.clone(),
        number,
    });
    d.whatsapp_numbers.insert(issued.e164.clone());
    if let Some(record) = d.channel_mut(&who.account_id, &channel_id) {
        if record.profile.draft.description != issued.description {
            record.profile.draft.description = issued.description.clone();
            record.profile.version += 1;
        }
        // A channel that has moved on since (linked, say) keeps its state: the
        // number is registered at Facebook all the same.
        if let Ok(next) = advance(record.channel.state, JourneyEvent::NumberRegistered) {
            record.channel.state = next;
        }
    }
    if let Some(a) = d.signup_attempts.iter_mut().find(|a| a.id == attempt_id) {
        a.exchanged = Some((req.code.clone(), outcome.clone()));
    }
    Ok(outcome)
}

/// GET /api/numbers: the account's registered numbers, oldest first.
pub async fn numbers(
    State(state): State<AppState>,
    who: Authed,
) -> axum::Json<Vec<RegisteredNumber>> {
    axum::Json(state.store.tx(|d| {
        d.numbers
            .iter()
            .filter(|n| n.account_id == who.account_id)
            .map(|n| n.number.clone())
            .collect()
    }))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn states_must_be_long_hex() {
        assert!(state_is_random_enough(&"a1".repeat(16)));
        assert!(!state_is_random_enough(&"a1".repeat(15)));
        assert!(!state_is_random_enough(&"g1".repeat(16)));
        assert!(!state_is_random_enough(&"a".repeat(STATE_MAX_CHARS + 1)));
    }

    #[test]
    fn prefill_splits_the_number() {
        let mut profile = StoredProfile::default();
        profile.draft.phone_country = "gb".into();
        profile.draft.phone_number = "07400 123456".into();
        profile.draft.business_name = " Northwind ".into();
        let p = prefill_of(&profile);
        assert_eq!(
            (p.phone_code.as_str(), p.phone_number.as_str()),
            ("44", "7400123456")
        );
        assert_eq!(p.business_name, "Northwind");
        assert_eq!(p.country, "GB");
    }
}
