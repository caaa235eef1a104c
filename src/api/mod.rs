//! The one way the app talks to its backend.
//!
//! A page names an endpoint of the contract ([`domain::endpoint`]), which carries
//! its method, its route and the types of its request and answer, and gets a
//! `Result<Answer, ApiError>`; [`ApiError`] says what went wrong in a way a page
//! can put into words. Requests time out, are aborted when the page that made
//! them goes away, and safe GETs are retried with backoff when the network
//! fails. Mutating requests carry the session's anti-CSRF token and an
//! idempotency key (see [`domain::idempotency`]). Nothing else in the app builds
//! a request.

mod error;
mod transport;
mod upload;

pub use error::{classify, wait_words, ApiError};
pub use upload::{upload, Progress};

use crate::reactive::Loaded;
use domain::endpoint::Endpoint;
use domain::idempotency::RetryKey;
use leptos::prelude::*;
use serde::de::DeserializeOwned;
use serde::Serialize;
use std::cell::RefCell;
use std::rc::Rc;

/// How long a request may take before it is abandoned.
pub const TIMEOUT_MS: u32 = 15_000;

/// Options for one call.
#[derive(Clone, Copy, Debug)]
pub struct Options {
    /// Milliseconds before the request is abandoned.
    pub timeout_ms: u32,
    /// Whether a 401 ends the session in the app (not for the calls that log in).
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

impl Options {
    /// For calls made without a session (log in, set a password): a 401 is their answer,
    /// not an ended session.
    pub const PUBLIC: Options = Options {
        timeout_ms: TIMEOUT_MS,
        redirect_on_401: false,
    };
}

/// GET `endpoint` (its `{parameters}` filled from `params`) and decode the answer.
pub async fn fetch<Res: DeserializeOwned>(
    endpoint: Endpoint<(), Res>,
    params: &[&str],
) -> Result<Res, ApiError> {
    fetch_with(endpoint, params, Options::default()).await
}

/// The answer of a GET `endpoint` without parameters, loaded while the page is
/// there: one loader for every page that reads the same endpoint, not one per
/// page.
pub fn resource<Res>(endpoint: Endpoint<(), Res>) -> Loaded<Result<Res, ApiError>>
where
    Res: DeserializeOwned + 'static,
{
    Loaded::new(move || fetch(endpoint, &[]))
}

/// [`fetch`] with options.
pub async fn fetch_with<Res: DeserializeOwned>(
    endpoint: Endpoint<(), Res>,
    params: &[&str],
    opts: Options,
) -> Result<Res, ApiError> {
    let text = transport::call(endpoint.method, endpoint.path(params), None, None, opts).await?;
    decode(&text)
}

/// Sends `body` to a mutating `endpoint` with the CSRF token and an idempotency key
/// from `key`, and decodes the answer.
///
/// `key` belongs to the form or button making the request: retrying after a
/// network failure or time-out reuses the key, so the backend does it once.
pub async fn send<Req: Serialize, Res: DeserializeOwned>(
    endpoint: Endpoint<Req, Res>,
    params: &[&str],
    body: &Req,
    key: StoredValue<RetryKey>,
) -> Result<Res, ApiError> {
    send_with(endpoint, params, body, key, Options::default()).await
}

/// [`send`] with options.
pub async fn send_with<Req: Serialize, Res: DeserializeOwned>(
    endpoint: Endpoint<Req, Res>,
    params: &[&str],
    body: &Req,
    key: StoredValue<RetryKey>,
    opts: Options,
) -> Result<Res, ApiError> {
    let json = crate::json::to_string(body).ok_or(ApiError::Server {
        status: 0,
        error_id: None,
    })?;
    let path = endpoint.path(params);
    let text = transport::call(endpoint.method, path, Some(json), Some(key), opts).await?;
    decode(&text)
}

/// The value of a 2xx answer's body (an empty body reads as `null`, for `()`).
fn decode<T: DeserializeOwned>(text: &str) -> Result<T, ApiError> {
    let text = if text.trim().is_empty() { "null" } else { text };
    crate::json::from_str(text).ok_or(ApiError::Server {
        status: 200,
        error_id: None,
    })
}

thread_local! {
    static CSRF_TOKEN: RefCell<Option<String>> = const { RefCell::new(None) };
    static ON_UNAUTHORIZED: RefCell<Option<Rc<dyn Fn()>>> = const { RefCell::new(None) };
}

/// Remembers the session's anti-CSRF token (in memory only, never in storage).
pub fn set_csrf_token(token: Option<String>) {
    CSRF_TOKEN.with(|t| *t.borrow_mut() = token);
}

fn csrf_token() -> Option<String> {
    CSRF_TOKEN.with(|t| t.borrow().clone())
}

/// Tells the app the session ended, as a 401 from any call does.
fn unauthorized() {
    if let Some(f) = ON_UNAUTHORIZED.with(|h| h.borrow().clone()) {
        f();
    }
}

thread_local! {
    /// Calls waiting for the host to log the user in again (`auth: 'host'`).
    static WAITING: RefCell<Vec<futures_channel::oneshot::Sender<()>>> = const { RefCell::new(Vec::new()) };
}

/// Waits until the session is back ([`resumed`]); `false` if the app gave up waiting.
async fn until_resumed() -> bool {
    let (wake, woken) = futures_channel::oneshot::channel();
    WAITING.with(|w| w.borrow_mut().push(wake));
    woken.await.is_ok()
}

/// The session is back (the host logged the user in again): the calls that met the
/// ended session are sent again, with the new session's token.
pub fn resumed() {
    for wake in WAITING.with(|w| std::mem::take(&mut *w.borrow_mut())) {
        let _ = wake.send(());
    }
}

/// Nothing will resume (the app is unmounted): the waiting calls end as unauthorised.
pub fn abandon_waiting() {
    WAITING.with(|w| w.borrow_mut().clear());
}

/// What to do when any call answers 401 (the app sends the user to log in).
pub fn on_unauthorized(f: impl Fn() + 'static) {
    ON_UNAUTHORIZED.with(|h| *h.borrow_mut() = Some(Rc::new(f)));
}

/// Forgets what [`on_unauthorized`] was given (the app is unmounted): a call still
/// on its way when the app went, answered 401, must not reach the session of an
/// app that is no longer there. A first-load build handing over to the full app
/// at the login page did, and panicked on its disposed session.
pub fn forget_unauthorized() {
    ON_UNAUTHORIZED.with(|h| *h.borrow_mut() = None);
}

/// The full address of an API path (for an `<img src>` of an uploaded picture).
pub fn url(path: &str) -> String {
    format!("{}{path}", crate::host::settings().api_base_url)
}
