//! Sessions: the cookie, its expiry, and the anti-CSRF check.

use crate::failure::ApiFailure;
use crate::store::{Data, Session};
use crate::{limits, secrets, AppState};
use axum::extract::{ConnectInfo, FromRequestParts, Request, State};
use axum::http::request::Parts;
use axum::http::{header, HeaderMap, HeaderValue, Method, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use domain::contract::{headers, AccountSummary, SessionInfo, Timestamp};
use domain::endpoint::{self as e, Address, Method as EndpointMethod};
use domain::error::ErrorCode;
use domain::handoff::{SESSION_ACTS, SESSION_MAY_CALL};
use std::net::SocketAddr;

/// The session cookie's name when the app is served over http (local development, tests).
pub const COOKIE: &str = "session";
/// The session cookie's name when the app is served over https: the `__Host-`
/// prefix makes browsers accept it only with `Secure`, `Path=/` and no
/// `Domain`, so no other host (a sibling subdomain) can set or shadow it.
pub const SECURE_COOKIE: &str = "__Host-session";

/// The session cookie's name: [`SECURE_COOKIE`] with `secure` cookies, else [`COOKIE`].
pub fn cookie_name(secure: bool) -> &'static str {
    if secure {
        SECURE_COOKIE
    } else {
        COOKIE
    }
}
/// A session ends after this long without a request.
pub const IDLE_SECS: i64 = 30 * 60;
/// A session ends this long after login, however active.
pub const ABSOLUTE_SECS: i64 = 12 * 60 * 60;

/// A request from a logged-in user (and, for mutating methods, with a valid CSRF token).
#[derive(Debug, Clone)]
pub struct Authed {
    /// Who.
    pub email: String,
    /// Their account.
    pub account_id: String,
    /// The session's cookie value.
    pub token: String,
    /// For a colleague's hand-off session, the hand-off it is bound to
    /// ([`handoff_only`] has already refused every call it may not make).
    pub handoff: Option<String>,
}

impl FromRequestParts<AppState> for Authed {
    type Rejection = ApiFailure;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, ApiFailure> {
        let name = cookie_name(state.config.secure_cookies());
        let token = cookie(&parts.headers, name).ok_or_else(ApiFailure::unauthorized)?;
        let token_hash = secrets::digest(&token);
        let csrf = parts
            .headers
            .get(headers::CSRF)
            .and_then(|v| v.to_str().ok())
            .map(str::to_string);
        let mutating = !matches!(parts.method, Method::GET | Method::HEAD | Method::OPTIONS);
        let now = state.clock.now();
        state.store.tx(|d| {
            d.sessions.retain(|s| alive(s, now));
            let session = d
                .sessions
                .iter_mut()
                .find(|s| secrets::same(&s.token_hash, &token_hash))
                .ok_or_else(ApiFailure::unauthorized)?;
            let csrf_ok = csrf
                .as_deref()
                .is_some_and(|c| secrets::same(c, &secrets::csrf_token(&token)));
            if mutating && !csrf_ok {
                return Err(ApiFailure::new(
                    StatusCode::FORBIDDEN,
                    ErrorCode::Csrf,
                    "This request was not sent by the app. Reload the page and try again.",
                ));
            }
            session.last_seen = now;
            let email = session.email.clone();
            let handoff = session.handoff.clone();
            if let Some(id) = &handoff {
                // Also refused by [`handoff_only`], which explains why; here in case
                // a route is ever served without it.
                if crate::routes::handoff::end_of(d, id, now).is_some() {
                    return Err(ApiFailure::unauthorized());
                }
            }
            let account_id = match &handoff {
                // A colleague has no login: the session acts for the hand-off's account.
                Some(id) => d
                    .handoffs
                    .iter()
                    .find(|h| &h.id == id)
                    .map(|h| h.account_id.clone()),
                None => d.user(&email).map(|u| u.account_id.clone()),
            }
            .ok_or_else(ApiFailure::unauthorized)?;
            Ok(Authed {
                email,
                account_id,
                token: token.clone(),
                handoff,
            })
        })
    }
}

/// Who is asking, as far as the server can tell: the peer's IP address when the
/// server runs with connection info (`fake-backend` does), else one bucket,
/// `local` (the in-process tests). Headers such as `X-Forwarded-For` are never
/// trusted: any client can write them.
#[derive(Debug, Clone)]
pub struct Client(pub String);

impl<S: Send + Sync> FromRequestParts<S> for Client {
    type Rejection = std::convert::Infallible;

    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Self, Self::Rejection> {
        Ok(Client(
            parts
                .extensions
                .get::<ConnectInfo<SocketAddr>>()
                .map_or_else(|| "local".to_string(), |c| c.0.ip().to_string()),
        ))
    }
}

fn alive(s: &Session, now: Timestamp) -> bool {
    now - s.last_seen < IDLE_SECS && now - s.created_at < ABSOLUTE_SECS
}

/// The value of cookie `name` in the request's `Cookie` headers.
pub fn cookie(headers: &HeaderMap, name: &str) -> Option<String> {
    headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|pair| pair.trim().split_once('='))
        .find(|(k, _)| *k == name)
        .map(|(_, v)| v.to_string())
}

/// Starts a session for `email` and returns what the app needs, plus the cookie to set.
pub fn start(
    d: &mut Data,
    email: &str,
    now: Timestamp,
    secure: bool,
) -> (SessionInfo, HeaderValue) {
    let token = new_session(d, email, None, now);
    let info = info(d, email, &secrets::csrf_token(&token));
    (info, set_cookie(&token, ABSOLUTE_SECS, secure))
}

/// Starts a colleague's session bound to the hand-off `handoff_id` (sent to
/// `email`), ending any earlier session of that hand-off: one browser at a time
/// does its step. Returns the cookie to set.
pub fn start_handoff(
    d: &mut Data,
    handoff_id: &str,
    email: &str,
    now: Timestamp,
    secure: bool,
) -> HeaderValue {
    end_handoff_sessions(d, handoff_id);
    let token = new_session(d, email, Some(handoff_id.to_string()), now);
    set_cookie(&token, ABSOLUTE_SECS, secure)
}

/// Ends every session bound to the hand-off `handoff_id`.
pub fn end_handoff_sessions(d: &mut Data, handoff_id: &str) {
    d.sessions
        .retain(|s| s.handoff.as_deref() != Some(handoff_id));
}

/// Stores a new session and returns its cookie's value.
fn new_session(d: &mut Data, email: &str, handoff: Option<String>, now: Timestamp) -> String {
    let token = secrets::token();
    d.sessions.retain(|s| alive(s, now));
    if d.sessions.len() >= limits::SESSIONS_MAX {
        // The least recently used go first.
        d.sessions.sort_by_key(|s| s.last_seen);
        let extra = d.sessions.len() + 1 - limits::SESSIONS_MAX;
        d.sessions.drain(..extra);
    }
    d.sessions.push(Session {
        token_hash: secrets::digest(&token),
        email: email.to_string(),
        created_at: now,
        last_seen: now,
        handoff,
    });
    token
}

/// What the app learns about the session of `email`.
pub fn info(d: &Data, email: &str, csrf_token: &str) -> SessionInfo {
    let account_id = d.user(email).map(|u| u.account_id.clone());
    session_info(d, account_id.as_deref(), email, csrf_token, None)
}

/// What the app learns about a colleague's hand-off session: the colleague's
/// address, the owner's account, and the one channel it may do the Facebook step of.
pub fn handoff_info(d: &Data, handoff_id: &str, email: &str, csrf_token: &str) -> SessionInfo {
    let handoff = d.handoffs.iter().find(|h| h.id == handoff_id);
    session_info(
        d,
        handoff.map(|h| h.account_id.as_str()),
        email,
        csrf_token,
        handoff.map(|h| h.channel_id.clone()),
    )
}

/// A session's answer for the account `account_id` (an empty summary if it is gone).
fn session_info(
    d: &Data,
    account_id: Option<&str>,
    email: &str,
    csrf_token: &str,
    handoff_channel_id: Option<String>,
) -> SessionInfo {
    let account = account_id
        .and_then(|id| d.account(id))
        .map(|a| AccountSummary {
            id: a.id.clone(),
            name: a.name.clone(),
        })
        .unwrap_or_else(|| AccountSummary {
            id: String::new(),
            name: String::new(),
        });
    SessionInfo {
        account,
        email: email.to_string(),
        csrf_token: csrf_token.to_string(),
        handoff_channel_id,
    }
}

fn domain_method(m: &Method) -> Option<EndpointMethod> {
    match *m {
        Method::GET | Method::HEAD => Some(EndpointMethod::Get),
        Method::POST => Some(EndpointMethod::Post),
        Method::PATCH => Some(EndpointMethod::Patch),
        Method::DELETE => Some(EndpointMethod::Delete),
        _ => None,
    }
}

/// Middleware: the one check that keeps a colleague's hand-off session to its
/// channel's Facebook step. A request whose session cookie is a hand-off
/// session's may call only [`SESSION_MAY_CALL`] (starting the sign-up of its own
/// channel, exchanging the code of an attempt it started); anything else
/// answers 403 `handoff_only`. Once its hand-off is over (done, cancelled,
/// replaced, expired), the session ends and its calls answer 410 with why.
/// The test harness (`/api/test/…`, test mode only) is not the API and is left alone.
pub async fn handoff_only(State(state): State<AppState>, req: Request, next: Next) -> Response {
    let path = req.uri().path();
    if !path.starts_with("/api/") || path.starts_with("/api/test/") {
        return next.run(req).await;
    }
    let secure = state.config.secure_cookies();
    let Some(token) = cookie(req.headers(), cookie_name(secure)) else {
        return next.run(req).await;
    };
    let hash = secrets::digest(&token);
    let method = domain_method(req.method());
    let now = state.clock.now();
    let lifetime = state.handoff_lifetime_secs;
    let refusal = state.store.tx(|d| {
        let handoff = d
            .sessions
            .iter()
            .find(|s| alive(s, now) && secrets::same(&s.token_hash, &hash))?
            .handoff
            .clone()?;
        let allowed = |list: &[Address]| {
            list.iter()
                .find(|a| Some(a.method) == method && a.params(path).is_some())
                .copied()
        };
        let Some(address) = allowed(&SESSION_MAY_CALL) else {
            return Some(handoff_only_refusal().into_response());
        };
        // Opening a link again, logging out and the public documents need nothing more.
        allowed(&SESSION_ACTS)?;
        if let Some(end) = crate::routes::handoff::end_of(d, &handoff, now) {
            end_handoff_sessions(d, &handoff);
            let mut response = crate::routes::handoff::gone(end, lifetime).into_response();
            response
                .headers_mut()
                .insert(header::SET_COOKIE, set_cookie("", 0, secure));
            return Some(response);
        }
        let param = address
            .params(path)
            .and_then(|p| p.first().copied())
            .and_then(domain::percent::decode);
        let own = if address == e::START_SIGNUP.address() {
            let channel = d
                .handoffs
                .iter()
                .find(|h| h.id == handoff)
                .map(|h| &h.channel_id);
            param.is_some_and(|p| Some(&p) == channel)
        } else if address == e::EXCHANGE_CODE.address() {
            param.is_some_and(|p| {
                d.signup_attempts
                    .iter()
                    .any(|a| a.id == p && a.handoff.as_deref() == Some(handoff.as_str()))
            })
        } else {
            true
        };
        (!own).then(|| handoff_only_refusal().into_response())
    });
    match refusal {
        Some(response) => response,
        None => next.run(req).await,
    }
}

/// 403 `handoff_only`.
pub fn handoff_only_refusal() -> ApiFailure {
    ApiFailure::new(
        StatusCode::FORBIDDEN,
        ErrorCode::HandoffOnly,
        "This link only lets you do the Facebook step for the channel you were asked to. \
         Anything else needs the account's own login.",
    )
}

/// A `Set-Cookie` value: HttpOnly, SameSite=Strict, and when served over
/// https, Secure and named [`SECURE_COOKIE`].
pub fn set_cookie(value: &str, max_age: i64, secure: bool) -> HeaderValue {
    let name = cookie_name(secure);
    let secure = if secure { "; Secure" } else { "" };
    HeaderValue::from_str(&format!(
        "{name}={value}; Path=/; HttpOnly; SameSite=Strict; Max-Age={max_age}{secure}"
    ))
    // Tokens are URL-safe base64, so the value is always a valid header.
    .unwrap_or(HeaderValue::from_static("session=; Path=/; Max-Age=0"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sessions_stay_within_their_bound_the_least_recently_used_end_first() {
        let mut d = Data::default();
        for i in 0..limits::SESSIONS_MAX + 3 {
            start(&mut d, &format!("u{i}@example.com"), 1_000, false);
        }
        assert_eq!(d.sessions.len(), limits::SESSIONS_MAX);
        assert!(!d.sessions.iter().any(|s| s.email == "u0@example.com"));
        let newest = format!("u{}@example.com", limits::SESSIONS_MAX + 2);
        assert!(d.sessions.iter().any(|s| s.email == newest));
    }
}
