//! The one way the app talks to its backend.
//!
//! Every call returns `Result<T, ApiError>`, where [`ApiError`] says what went
//! wrong in a way a page can put into words. Requests time out, are aborted
//! when the page that made them goes away, and safe GETs are retried with
//! backoff when the network fails. Mutating requests carry the session's
//! anti-CSRF token and an idempotency key (see [`domain::idempotency`]).

use domain::contract::headers;
use domain::error::{ErrorBody, ErrorCode};
use domain::idempotency::{fingerprint, RetryKey};
use gloo_net::http::{Request, RequestBuilder, Response};
use leptos::prelude::*;
use serde::de::DeserializeOwned;
use serde::Serialize;
use std::cell::{Cell, RefCell};
use std::fmt;
use std::rc::Rc;

/// How long a request may take before it is abandoned.
pub const TIMEOUT_MS: u32 = 15_000;
/// Waits before the second and third attempt of a GET that met a network failure.
const GET_BACKOFF_MS: [u32; 2] = [400, 1_200];

/// What went wrong with a call, in terms a page can explain.
#[derive(Debug, Clone, PartialEq)]
pub enum ApiError {
    /// The request never got an answer: offline, or the connection dropped.
    Network,
    /// No answer within the time-out; the request may still have taken effect.
    Timeout,
    /// The page that made the request went away; nobody needs to be told.
    Cancelled,
    /// No valid session (401). The app sends the user to log in.
    Unauthorized,
    /// Some input was refused (400, 422): the body has per-field messages.
    Validation(ErrorBody),
    /// The request clashes with the current state (409).
    Conflict(ErrorBody),
    /// Too many attempts (429); `retry_after_secs` from the `Retry-After` header.
    RateLimited {
        /// Seconds to wait, if the server said.
        retry_after_secs: Option<u64>,
        /// The server's explanation.
        body: ErrorBody,
    },
    /// Any other refusal (403, 404, 410, 413...): `body.code` says which.
    Refused {
        /// The HTTP status.
        status: u16,
        /// The server's explanation.
        body: ErrorBody,
    },
    /// The server failed (5xx) or answered with something unreadable.
    Server {
        /// The HTTP status, or 0 when the answer was not readable.
        status: u16,
        /// An identifier to quote to support, when the server gave one.
        error_id: Option<String>,
    },
}

impl ApiError {
    /// The server's error body, when there is one.
    pub fn body(&self) -> Option<&ErrorBody> {
        match self {
            Self::Validation(b) | Self::Conflict(b) => Some(b),
            Self::RateLimited { body, .. } | Self::Refused { body, .. } => Some(body),
            _ => None,
        }
    }

    /// The error code the server gave, when there is one.
    pub fn code(&self) -> Option<ErrorCode> {
        self.body().map(|b| b.code)
    }

    /// The message for `field`, when the server gave one.
    pub fn field(&self, field: &str) -> Option<String> {
        self.body().and_then(|b| b.field(field)).map(str::to_string)
    }

    /// Whether the request may have taken effect without the app knowing.
    pub fn outcome_unknown(&self) -> bool {
        matches!(self, Self::Network | Self::Timeout | Self::Cancelled)
    }
}

impl fmt::Display for ApiError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Network => f.write_str(
                "We could not reach the server. Check your connection and try again; nothing you entered is lost.",
            ),
            Self::Timeout => f.write_str(
                "The server is taking too long to answer. Try again in a moment; nothing you entered is lost.",
            ),
            Self::Cancelled => f.write_str("The request was cancelled."),
            Self::Unauthorized => f.write_str("Your session has ended. Log in again to continue."),
            Self::Validation(b) | Self::Conflict(b) => f.write_str(&b.message),
            Self::RateLimited { retry_after_secs, body } => match retry_after_secs {
                Some(s) => write!(f, "{} Try again in {}.", body.message, wait_words(*s)),
                None => write!(f, "{} Wait a while and try again.", body.message),
            },
            Self::Refused { body, .. } => f.write_str(&body.message),
            Self::Server { error_id: Some(id), .. } => write!(
                f,
                "Something went wrong on our side. Try again; if it keeps happening, contact support and quote {id}."
            ),
            Self::Server { error_id: None, .. } => f.write_str(
                "Something went wrong on our side. Try again; if it keeps happening, contact support.",
            ),
        }
    }
}

/// "1 minute", "15 minutes", "40 seconds".
pub fn wait_words(secs: u64) -> String {
    if secs < 60 {
        format!("{secs} {}", if secs == 1 { "second" } else { "seconds" })
    } else {
        let m = secs.div_ceil(60);
        format!("{m} {}", if m == 1 { "minute" } else { "minutes" })
    }
}

/// Turns an HTTP status, its `Retry-After` header and its body into an error.
pub fn classify(status: u16, retry_after: Option<&str>, body: &str) -> ApiError {
    let parsed: Option<ErrorBody> = serde_json::from_str(body).ok();
    let or_generic = |code, message: &str| {
        parsed
            .clone()
            .unwrap_or_else(|| ErrorBody::new(code, message))
    };
    match status {
        // A refused login is a 401 too, but it is not an ended session.
        401 if parsed
            .as_ref()
            .is_some_and(|b| b.code == ErrorCode::InvalidCredentials) =>
        {
            ApiError::Refused {
                status,
                body: or_generic(ErrorCode::InvalidCredentials, ""),
            }
        }
        401 => ApiError::Unauthorized,
        400 | 422 => ApiError::Validation(or_generic(
            ErrorCode::Validation,
            "Some answers need correcting.",
        )),
        409 => ApiError::Conflict(or_generic(
            ErrorCode::Conflict,
            "This clashes with a change made elsewhere.",
        )),
        429 => ApiError::RateLimited {
            retry_after_secs: retry_after.and_then(|v| v.trim().parse().ok()),
            body: or_generic(ErrorCode::RateLimited, "Too many attempts."),
        },
        402..=499 => ApiError::Refused {
            status,
            body: or_generic(ErrorCode::Forbidden, "The request was refused."),
        },
        _ => ApiError::Server {
            status,
            error_id: parsed.and_then(|b| b.error_id),
        },
    }
}

/// Reads a response: the value for a 2xx, the error otherwise.
pub async fn read<T: DeserializeOwned>(response: Response) -> Result<T, ApiError> {
    let status = response.status();
    let retry_after = response.headers().get("retry-after");
    // A body that breaks off half-way is a dropped connection.
    let text = response.text().await.map_err(|_| ApiError::Network)?;
    if (200..300).contains(&status) {
        let text = if text.trim().is_empty() {
            "null"
        } else {
            &text
        };
        serde_json::from_str(text).map_err(|_| ApiError::Server {
            status,
            error_id: None,
        })
    } else {
        Err(classify(status, retry_after.as_deref(), &text))
    }
}

thread_local! {
    static CSRF_TOKEN: RefCell<Option<String>> = const { RefCell::new(None) };
    static ON_UNAUTHORIZED: RefCell<Option<Rc<dyn Fn()>>> = const { RefCell::new(None) };
    static BASE_URL: String = base_url_from_page();
}

/// Remembers the session's anti-CSRF token (in memory only, never in storage).
pub fn set_csrf_token(token: Option<String>) {
    CSRF_TOKEN.with(|t| *t.borrow_mut() = token);
}

/// The session's anti-CSRF token, for requests made outside this module (picture uploads).
pub fn csrf_token() -> Option<String> {
    CSRF_TOKEN.with(|t| t.borrow().clone())
}

/// Tells the app the session ended, as a 401 from any call does.
pub fn unauthorized() {
    if let Some(f) = ON_UNAUTHORIZED.with(|h| h.borrow().clone()) {
        f();
    }
}

/// What to do when any call answers 401 (the app sends the user to log in).
pub fn on_unauthorized(f: impl Fn() + 'static) {
    ON_UNAUTHORIZED.with(|h| *h.borrow_mut() = Some(Rc::new(f)));
}

/// The API base URL from `<meta name="api-base-url">`; empty means this origin.
fn base_url_from_page() -> String {
    document()
        .query_selector("meta[name='api-base-url']")
        .ok()
        .flatten()
        .and_then(|m| m.get_attribute("content"))
        .map(|s| s.trim_end_matches('/').to_string())
        .unwrap_or_default()
}

/// The full address of an API path.
pub fn url(path: &str) -> String {
    BASE_URL.with(|b| format!("{b}{path}"))
}

/// Options for one call.
#[derive(Clone, Copy)]
pub struct Options {
    /// Milliseconds before the request is abandoned.
    pub timeout_ms: u32,
    /// Whether a 401 sends the user to log in (not for the calls that log in).
    pub redirect_on_401: bool,
}

impl Default for Options {
    fn default() -> Self {
        Self {
            timeout_ms: TIMEOUT_MS,
            redirect_on_401: true,
        }
    }
}

/// Sends a request with a time-out, aborted if the current reactive owner is cleaned up.
async fn send_once(
    builder: impl FnOnce(&web_sys::AbortSignal) -> Result<Request, gloo_net::Error>,
    opts: Options,
) -> Result<Response, ApiError> {
    let controller = web_sys::AbortController::new().map_err(|_| ApiError::Network)?;
    let timed_out = Rc::new(Cell::new(false));
    let timer = {
        let (c, flag) = (controller.clone(), timed_out.clone());
        gloo_timers::callback::Timeout::new(opts.timeout_ms, move || {
            flag.set(true);
            c.abort();
        })
    };
    if let Some(owner) = Owner::current() {
        let c = send_wrapper::SendWrapper::new(controller.clone());
        owner.with(|| on_cleanup(move || c.abort()));
    }
    let request = builder(&controller.signal()).map_err(|_| ApiError::Network)?;
    let result = request.send().await;
    drop(timer);
    match result {
        Ok(response) => Ok(response),
        Err(_) if timed_out.get() => Err(ApiError::Timeout),
        Err(_) if controller.signal().aborted() => Err(ApiError::Cancelled),
        Err(_) => Err(ApiError::Network),
    }
}

fn after<T>(result: Result<T, ApiError>, opts: Options) -> Result<T, ApiError> {
    if opts.redirect_on_401 && matches!(result, Err(ApiError::Unauthorized)) {
        unauthorized();
    }
    result
}

/// GET `path` with the default options.
pub async fn get<T: DeserializeOwned>(path: &str) -> Result<T, ApiError> {
    get_with(path, Options::default()).await
}

/// GET `path`, retrying with backoff while the network fails or a proxy says the backend is away.
pub async fn get_with<T: DeserializeOwned>(path: &str, opts: Options) -> Result<T, ApiError> {
    let target = url(path);
    let mut attempt = 0;
    let result = loop {
        let sent = send_once(
            |signal| Request::get(&target).abort_signal(Some(signal)).build(),
            opts,
        )
        .await;
        let outcome = match sent {
            Ok(response) => read(response).await,
            Err(e) => Err(e),
        };
        let transient = matches!(
            outcome,
            Err(ApiError::Network)
                | Err(ApiError::Server {
                    status: 502..=504,
                    ..
                })
        );
        match GET_BACKOFF_MS.get(attempt) {
            Some(wait) if transient => {
                gloo_timers::future::TimeoutFuture::new(*wait).await;
                attempt += 1;
            }
            _ => break outcome,
        }
    };
    after(result, opts)
}

/// The HTTP methods that change something.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mutation {
    /// Create or act.
    Post,
    /// Replace.
    Put,
    /// Change some fields.
    Patch,
    /// Remove.
    Delete,
}

/// Sends a mutating request with the CSRF token and an idempotency key from `key`.
///
/// `key` belongs to the form or button making the request: retrying after a
/// network failure or time-out reuses the key, so the backend does it once.
pub async fn send<B: Serialize, T: DeserializeOwned>(
    method: Mutation,
    path: &str,
    body: &B,
    key: StoredValue<RetryKey>,
    opts: Options,
) -> Result<T, ApiError> {
    let json = serde_json::to_string(body).map_err(|_| ApiError::Server {
        status: 0,
        error_id: None,
    })?;
    let idem = key
        .try_update_value(|k| {
            k.key_for(
                fingerprint(format!("{method:?} {path} {json}").as_bytes()),
                random_key,
            )
        })
        .unwrap_or_else(random_key);
    let csrf = CSRF_TOKEN.with(|t| t.borrow().clone());
    let target = url(path);
    let sent = send_once(
        |signal| {
            let mut b: RequestBuilder = match method {
                Mutation::Post => Request::post(&target),
                Mutation::Put => Request::put(&target),
                Mutation::Patch => Request::patch(&target),
                Mutation::Delete => Request::delete(&target),
            };
            b = b
                .header("Content-Type", "application/json")
                .header(headers::IDEMPOTENCY_KEY, &idem)
                .abort_signal(Some(signal));
            if let Some(token) = &csrf {
                b = b.header(headers::CSRF, token);
            }
            b.body(json.clone())
        },
        opts,
    )
    .await;
    let result = match sent {
        Ok(response) => read(response).await,
        Err(e) => Err(e),
    };
    if !matches!(&result, Err(e) if e.outcome_unknown()) {
        key.try_update_value(RetryKey::settle);
    }
    after(result, opts)
}

/// 128 random bits as hex, from the browser's CSPRNG.
pub fn random_key() -> String {
    let mut bytes = [0u8; 16];
    let filled = window()
        .crypto()
        .and_then(|c| c.get_random_values_with_u8_array(&mut bytes).map(|_| ()));
    if filled.is_err() {
        // No CSPRNG: fall back to time and Math.random; only keys retries apart.
        let seed = js_sys::Date::now().to_bits() ^ (js_sys::Math::random() * 1e16) as u64;
        bytes[..8].copy_from_slice(&seed.to_le_bytes());
    }
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn classify_maps_each_status_family() {
        let body = r#"{"code":"conflict","message":"Taken","fields":[{"field":"name","message":"Taken"}]}"#;
        assert_eq!(classify(401, None, ""), ApiError::Unauthorized);
        assert!(
            matches!(classify(409, None, body), ApiError::Conflict(b) if b.field("name") == Some("Taken"))
        );
        assert!(
            matches!(classify(422, None, "not json"), ApiError::Validation(b) if b.code == ErrorCode::Validation)
        );
        assert!(matches!(
            classify(
                429,
                Some(" 900 "),
                r#"{"code":"rate_limited","message":"Slow down."}"#
            ),
            ApiError::RateLimited {
                retry_after_secs: Some(900),
                ..
            }
        ));
        assert!(
            matches!(classify(410, None, r#"{"code":"link_used","message":"Used"}"#), ApiError::Refused { status: 410, body } if body.code == ErrorCode::LinkUsed)
        );
        assert_eq!(
            classify(
                500,
                None,
                r#"{"code":"internal","message":"x","error_id":"ERR-1"}"#
            ),
            ApiError::Server {
                status: 500,
                error_id: Some("ERR-1".into())
            }
        );
        assert_eq!(
            classify(502, None, "<html>"),
            ApiError::Server {
                status: 502,
                error_id: None
            }
        );
    }

    #[test]
    fn messages_tell_the_user_what_to_do() {
        let e = ApiError::RateLimited {
            retry_after_secs: Some(900),
            body: ErrorBody::new(ErrorCode::RateLimited, "Too many failed attempts."),
        };
        assert_eq!(
            e.to_string(),
            "Too many failed attempts. Try again in 15 minutes."
        );
        assert!(ApiError::Server {
            status: 500,
            error_id: Some("ERR-9".into())
        }
        .to_string()
        .contains("ERR-9"));
        assert_eq!(wait_words(1), "1 second");
        assert_eq!(wait_words(61), "2 minutes");
    }
}
