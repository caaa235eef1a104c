//! Log in, who am I, log out.

use crate::auth::{self, Authed, Client};
use crate::failure::{ApiFailure, Json};
use crate::store::{Data, LoginFailures};
use crate::{limits, secrets, AppState};
use axum::extract::State;
use axum::http::{header, StatusCode};
use axum::response::{IntoResponse, Response};
use domain::contract::{LoginRequest, SessionInfo, Timestamp};
use domain::error::ErrorCode;
use std::collections::BTreeMap;

/// Failed logins allowed for one address from one client before that pair is locked.
pub const MAX_FAILURES: u32 = 5;
/// Failed logins allowed for one address from all clients together before the
/// address is locked for everyone: much higher, so that a stranger failing from
/// elsewhere does not lock the owner out, yet guessing from many clients ends.
pub const ACCOUNT_MAX_FAILURES: u32 = 50;
/// Failed logins allowed from one client, whatever the addresses, before the
/// client is locked (one client cannot try a password on many accounts).
pub const CLIENT_MAX_FAILURES: u32 = 20;
/// How long a lock lasts; failures older than this (with no attempt since) are forgotten.
pub const LOCK_SECS: i64 = 15 * 60;

/// GET /api/session: the current session, or 401; for a colleague's hand-off
/// session, the colleague's address, the owner's account and the channel.
pub async fn current(State(state): State<AppState>, who: Authed) -> axum::Json<SessionInfo> {
    let csrf = secrets::csrf_token(&who.token);
    let info = state.store.tx(|d| match &who.handoff {
        Some(handoff) => auth::handoff_info(d, handoff, &who.email, &csrf),
        None => auth::info(d, &who.email, &csrf),
    });
    axum::Json(info)
}

/// The three failure records an attempt counts against, and what to say when one is full.
#[derive(Clone, Copy)]
enum Scope {
    /// This address from this client.
    Pair,
    /// This address from anywhere.
    Account,
    /// This client, any address.
    Client,
}

impl Scope {
    const ALL: [Scope; 3] = [Scope::Pair, Scope::Account, Scope::Client];

    fn max(self) -> u32 {
        match self {
            Scope::Pair => MAX_FAILURES,
            Scope::Account => ACCOUNT_MAX_FAILURES,
            Scope::Client => CLIENT_MAX_FAILURES,
        }
    }

    fn map(self, d: &mut Data) -> &mut BTreeMap<String, LoginFailures> {
        match self {
            Scope::Pair => &mut d.login_failures,
            Scope::Account => &mut d.account_login_failures,
            Scope::Client => &mut d.client_login_failures,
        }
    }

    fn key(self, email: &str, client: &str) -> String {
        match self {
            Scope::Pair => pair_key(email, client),
            Scope::Account => email.to_string(),
            Scope::Client => client.to_string(),
        }
    }

    fn message(self) -> &'static str {
        match self {
            Scope::Pair | Scope::Account => {
                "Too many failed attempts to log in with this email address."
            }
            Scope::Client => "Too many failed attempts to log in from this network.",
        }
    }
}

/// The key of `email` from `client` in [`Data::login_failures`].
pub fn pair_key(email: &str, client: &str) -> String {
    format!("{email} from {client}")
}

/// Forgets every failure of `email` (a new password was set).
pub fn clear_failures(d: &mut Data, email: &str) {
    let prefix = pair_key(email, "");
    d.login_failures.retain(|k, _| !k.starts_with(&prefix));
    d.account_login_failures.remove(email);
}

/// Counts an attempt against the three records before the password is checked,
/// or refuses it: at most the limit of attempts are ever checked, even in parallel.
fn reserve(d: &mut Data, email: &str, client: &str, now: Timestamp) -> Result<(), ApiFailure> {
    for scope in Scope::ALL {
        let key = scope.key(email, client);
        let map = scope.map(d);
        if !map.contains_key(&key) {
            limits::evict_oldest(map, limits::LOGIN_RECORDS_MAX - 1, |f| {
                (f.in_flight > 0, f.last_at)
            });
        }
        let f = map.entry(key).or_default();
        match f.locked_until {
            Some(until) if until > now => return Err(locked_out(scope, until - now)),
            Some(_) => *f = LoginFailures::default(),
            None if f.in_flight == 0 && now - f.last_at >= LOCK_SECS => {
                *f = LoginFailures::default()
            }
            None => {}
        }
        if f.count + f.in_flight >= scope.max() {
            // The remaining attempts are being checked right now.
            return Err(locked_out(scope, 1));
        }
    }
    for scope in Scope::ALL {
        let key = scope.key(email, client);
        let f = scope.map(d).entry(key).or_default();
        f.in_flight += 1;
        f.last_at = now;
    }
    Ok(())
}

/// Settles a reserved attempt: a success forgets this client's failures for the
/// address; a failure counts in all three records and may lock them.
fn settle(d: &mut Data, email: &str, client: &str, now: Timestamp, ok: bool) -> Option<ApiFailure> {
    let mut refusal = None;
    for scope in Scope::ALL {
        let key = scope.key(email, client);
        let f = scope.map(d).entry(key).or_default();
        f.in_flight = f.in_flight.saturating_sub(1);
        if ok {
            continue;
        }
        f.count += 1;
        if f.count >= scope.max() && f.locked_until.is_none() {
            f.locked_until = Some(now + LOCK_SECS);
            refusal = refusal.or(Some(locked_out(scope, LOCK_SECS)));
        }
    }
    if ok {
        d.login_failures.remove(&pair_key(email, client));
    }
    refusal
}

/// POST /api/session: log in. One message for any wrong email or password;
/// after [`MAX_FAILURES`] failures of an address from one client (or
/// [`ACCOUNT_MAX_FAILURES`] from all, or [`CLIENT_MAX_FAILURES`] of a client),
/// 429 with `Retry-After` until the lock ends.
pub async fn login(
    State(state): State<AppState>,
    Client(client): Client,
    Json(req): Json<LoginRequest>,
) -> Result<Response, ApiFailure> {
    let errors = req.validate();
    if !errors.is_empty() {
        return Err(ApiFailure::fields(errors));
    }
    let email = req.email.trim().to_lowercase();
    if email.chars().count() > limits::EMAIL_MAX_CHARS {
        // No account has such an address: nothing is recorded for it.
        return Err(invalid_credentials());
    }
    let now = state.clock.now();

    let hash = state.store.tx(|d| {
        reserve(d, &email, &client, now)?;
        Ok::<_, ApiFailure>(d.user(&email).and_then(|u| u.password_hash.clone()))
    })?;
    // Verified against a decoy when there is no such user, so timing does not
    // tell; on the blocking pool, so Argon2 never stalls the async workers.
    let ok = secrets::verify_password_blocking(req.password, hash).await;

    let secure = state.config.secure_cookies();
    state.store.tx(|d| {
        if let Some(refusal) = settle(d, &email, &client, now, ok) {
            return Err(refusal);
        }
        if ok {
            let (info, cookie) = auth::start(d, &email, now, secure);
            Ok(([(header::SET_COOKIE, cookie)], axum::Json(info)).into_response())
        } else {
            Err(invalid_credentials())
        }
    })
}

fn invalid_credentials() -> ApiFailure {
    ApiFailure::new(
        StatusCode::UNAUTHORIZED,
        ErrorCode::InvalidCredentials,
        "The email address or password is not right. Check them and try again.",
    )
}

fn locked_out(scope: Scope, wait_secs: i64) -> ApiFailure {
    let mut failure = ApiFailure::new(
        StatusCode::TOO_MANY_REQUESTS,
        ErrorCode::RateLimited,
        scope.message(),
    );
    failure.retry_after = Some(wait_secs.max(1) as u64);
    failure
}

/// DELETE /api/session: log out.
pub async fn logout(State(state): State<AppState>, who: Authed) -> Response {
    let hash = secrets::digest(&who.token);
    state
        .store
        .tx(|d| d.sessions.retain(|s| !secrets::same(&s.token_hash, &hash)));
    let cookie = auth::set_cookie("", 0, state.config.secure_cookies());
    (StatusCode::NO_CONTENT, [(header::SET_COOKIE, cookie)]).into_response()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn login_records_stay_within_their_bound_the_least_recent_go_first() {
        let mut d = Data::default();
        let extra = 3;
        for i in 0..limits::LOGIN_RECORDS_MAX + extra {
            let email = format!("user{i}@example.com");
            let client = format!("client {i}");
            reserve(&mut d, &email, &client, i as Timestamp).unwrap();
            settle(&mut d, &email, &client, i as Timestamp, false);
        }
        assert_eq!(d.login_failures.len(), limits::LOGIN_RECORDS_MAX);
        assert_eq!(d.account_login_failures.len(), limits::LOGIN_RECORDS_MAX);
        assert_eq!(d.client_login_failures.len(), limits::LOGIN_RECORDS_MAX);
        assert!(!d.account_login_failures.contains_key("user0@example.com"));
        let newest = format!("user{}@example.com", limits::LOGIN_RECORDS_MAX + extra - 1);
        assert!(d.account_login_failures.contains_key(&newest));
    }
}
