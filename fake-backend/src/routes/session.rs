//! Log in, who am I, log out.

use crate::auth::{self, Authed};
use crate::failure::{ApiFailure, Json};
use crate::{secrets, AppState};
use axum::extract::State;
use axum::http::{header, StatusCode};
use axum::response::{IntoResponse, Response};
use domain::contract::{LoginRequest, SessionInfo};
use domain::error::ErrorCode;

/// Failed logins allowed before the address is locked.
pub const MAX_FAILURES: u32 = 5;
/// How long a locked address waits.
pub const LOCK_SECS: i64 = 15 * 60;

/// GET /api/session: the current session, or 401.
pub async fn current(State(state): State<AppState>, who: Authed) -> axum::Json<SessionInfo> {
    let info = state.store.tx(|d| {
        let csrf = d
            .sessions
            .iter()
            .find(|s| s.token == who.token)
            .map(|s| s.csrf_token.clone())
            .unwrap_or_default();
        auth::info(d, &who.email, &csrf)
    });
    axum::Json(info)
}

/// POST /api/session: log in. One message for any wrong email or password;
/// after [`MAX_FAILURES`] failures, 429 with `Retry-After` until the lock ends.
pub async fn login(
    State(state): State<AppState>,
    Json(req): Json<LoginRequest>,
) -> Result<Response, ApiFailure> {
    let errors = req.validate();
    if !errors.is_empty() {
        return Err(ApiFailure::fields(errors));
    }
    let email = req.email.trim().to_lowercase();
    let now = state.clock.now();

    let locked = state.store.tx(|d| {
        let f = d.login_failures.entry(email.clone()).or_default();
        match f.locked_until {
            Some(until) if until > now => Some(until - now),
            Some(_) => {
                *f = Default::default();
                None
            }
            None => None,
        }
    });
    if let Some(wait) = locked {
        return Err(locked_out(wait));
    }

    let hash = state
        .store
        .tx(|d| d.user(&email).and_then(|u| u.password_hash.clone()));
    // Verify against a decoy when there is no such user, so timing does not tell.
    let ok = secrets::verify_password(
        &req.password,
        hash.as_deref().unwrap_or(secrets::decoy_hash()),
    ) && hash.is_some();

    let secure = state.config.secure_cookies();
    state.store.tx(|d| {
        if ok {
            d.login_failures.remove(&email);
            let (info, cookie) = auth::start(d, &email, now, secure);
            Ok(([(header::SET_COOKIE, cookie)], axum::Json(info)).into_response())
        } else {
            let f = d.login_failures.entry(email.clone()).or_default();
            f.count += 1;
            if f.count >= MAX_FAILURES {
                f.locked_until = Some(now + LOCK_SECS);
                Err(locked_out(LOCK_SECS))
            } else {
                Err(ApiFailure::new(
                    StatusCode::UNAUTHORIZED,
                    ErrorCode::InvalidCredentials,
                    "The email address or password is not right. Check them and try again.",
                ))
            }
        }
    })
}

fn locked_out(wait_secs: i64) -> ApiFailure {
    let mut failure = ApiFailure::new(
        StatusCode::TOO_MANY_REQUESTS,
        ErrorCode::RateLimited,
        "Too many failed attempts to log in with this email address.",
    );
    failure.retry_after = Some(wait_secs.max(1) as u64);
    failure
}

/// DELETE /api/session: log out.
pub async fn logout(State(state): State<AppState>, who: Authed) -> Response {
    state
        .store
        .tx(|d| d.sessions.retain(|s| s.token != who.token));
    let cookie = auth::set_cookie("", 0, state.config.secure_cookies());
    (StatusCode::NO_CONTENT, [(header::SET_COOKIE, cookie)]).into_response()
}
