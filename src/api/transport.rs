//! Sending one request and reading its answer as text: the time-out, the abort
//! when the page goes away, the GET retries and the headers of a mutating call.
//!
//! Not generic, so the app carries one copy of it however many endpoints it
//! calls; decoding into each endpoint's type happens in the caller.

use super::{classify, csrf_token, unauthorized, url, ApiError, Options};
use domain::contract::headers;
use domain::embed::Auth;
use domain::endpoint::Method;
use domain::idempotency::{fingerprint, RetryKey};
use gloo_net::http::{Request, RequestBuilder, Response};
use leptos::prelude::*;
use std::cell::Cell;
use std::rc::Rc;

/// Waits before the second and third attempt of a GET that met a network failure.
const GET_BACKOFF_MS: [u32; 2] = [400, 1_200];

/// Aborts `controller` when the current reactive owner is cleaned up (its page went away).
pub(super) fn abort_with_owner(abort: impl Fn() + 'static) {
    if let Some(owner) = Owner::current() {
        let abort = send_wrapper::SendWrapper::new(abort);
        owner.with(|| on_cleanup(move || (*abort)()));
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
    let c = controller.clone();
    abort_with_owner(move || c.abort());
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

/// The body of a 2xx answer, or the error the answer means.
async fn read(response: Response) -> Result<String, ApiError> {
    let status = response.status();
    let retry_after = response.headers().get("retry-after");
    // A body that breaks off half-way is a dropped connection.
    let text = response.text().await.map_err(|_| ApiError::Network)?;
    if (200..300).contains(&status) {
        Ok(text)
    } else {
        Err(classify(status, retry_after.as_deref(), &text))
    }
}

/// Sends `method path` (with `json` and the idempotency key from `key` when it
/// changes something) and returns the answer's body; a 401 ends the session in
/// the app unless `opts` says otherwise.
pub(super) async fn call(
    method: Method,
    path: String,
    json: Option<String>,
    key: Option<StoredValue<RetryKey>>,
    opts: Options,
) -> Result<String, ApiError> {
    loop {
        let result = if method.is_mutating() {
            mutate(method, &path, json.clone().unwrap_or_default(), key, opts).await
        } else {
            get(&path, opts).await
        };
        if opts.redirect_on_401 && matches!(result, Err(ApiError::Unauthorized)) {
            unauthorized();
            // The host page logs the user in: wait for it, then send the same request
            // again (same idempotency key, the new session's CSRF token).
            if crate::host::settings().auth == Auth::Host && super::until_resumed().await {
                continue;
            }
        }
        return result;
    }
}

/// GET, retrying with backoff while the network fails or a proxy says the backend is away.
async fn get(path: &str, opts: Options) -> Result<String, ApiError> {
    let target = url(path);
    let mut attempt = 0;
    loop {
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
            _ => return outcome,
        }
    }
}

/// A mutating call with the CSRF token and an idempotency key: the key is reused
/// only to retry a request whose outcome is unknown (network failure, time-out).
async fn mutate(
    method: Method,
    path: &str,
    json: String,
    key: Option<StoredValue<RetryKey>>,
    opts: Options,
) -> Result<String, ApiError> {
    let print = fingerprint(format!("{} {path} {json}", method.as_str()).as_bytes());
    let idem = key
        .and_then(|k| k.try_update_value(|k| k.key_for(print, crate::random::key)))
        .unwrap_or_else(crate::random::key);
    let csrf = csrf_token();
    let target = url(path);
    let sent = send_once(
        |signal| {
            let mut b: RequestBuilder = match method {
                Method::Get => Request::get(&target),
                Method::Post => Request::post(&target),
                Method::Patch => Request::patch(&target),
                Method::Delete => Request::delete(&target),
            };
            b = b
                .header("Content-Type", "application/json")
                .header(headers::IDEMPOTENCY_KEY, &idem)
                .abort_signal(Some(signal));
            if let Some(token) = &csrf {
                b = b.header(headers::CSRF, token);
            }
            b.body(json)
        },
        opts,
    )
    .await;
    let result = match sent {
        Ok(response) => read(response).await,
        Err(e) => Err(e),
    };
    if !matches!(&result, Err(e) if e.outcome_unknown()) {
        if let Some(k) = key {
            k.try_update_value(RetryKey::settle);
        }
    }
    result
}
