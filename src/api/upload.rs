//! Uploading a file as a request's body, with progress: the one call that is not
//! JSON. `fetch` cannot report upload progress, so this uses XMLHttpRequest,
//! with the same headers, time-out, abort and error types as every other call.

use super::transport::abort_with_owner;
use super::{classify, csrf_token, unauthorized, url, ApiError};
use domain::contract::headers;
use domain::endpoint::{Endpoint, Image};
use serde::de::DeserializeOwned;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;
use web_sys::{Blob, XmlHttpRequest};

/// How long an upload may take before it is abandoned.
const UPLOAD_TIMEOUT_MS: u32 = 60_000;

/// How much of an upload has been sent: a percentage, or `None` when the browser cannot tell.
pub type Progress = Option<u8>;

/// How the request ended.
enum Ended {
    Answer {
        status: u16,
        retry_after: Option<String>,
        body: String,
    },
    Network,
    Timeout,
    Aborted,
}

/// Sends `blob` (of `content_type`) as the body of `endpoint`, with the CSRF token
/// and the idempotency `key` (the same key for a retry of the same bytes), telling
/// `progress` as it goes. Aborted when the current reactive owner is cleaned up.
pub async fn upload<Res: DeserializeOwned>(
    endpoint: Endpoint<Image, Res>,
    params: &[&str],
    blob: &Blob,
    content_type: &str,
    key: &str,
    progress: impl Fn(Progress) + 'static,
) -> Result<Res, ApiError> {
    let target = url(&endpoint.path(params));
    match send(&target, blob, content_type, key, progress).await {
        Ended::Aborted => Err(ApiError::Cancelled),
        Ended::Network => Err(ApiError::Network),
        Ended::Timeout => Err(ApiError::Timeout),
        Ended::Answer { status, body, .. } if (200..300).contains(&status) => {
            crate::json::from_str(&body).ok_or(ApiError::Server {
                status,
                error_id: None,
            })
        }
        Ended::Answer {
            status,
            retry_after,
            body,
        } => {
            let e = classify(status, retry_after.as_deref(), &body);
            if e == ApiError::Unauthorized {
                unauthorized();
            }
            Err(e)
        }
    }
}

async fn send(
    target: &str,
    blob: &Blob,
    content_type: &str,
    key: &str,
    progress: impl Fn(Progress) + 'static,
) -> Ended {
    let Ok(xhr) = XmlHttpRequest::new() else {
        return Ended::Network;
    };
    let opened = xhr
        .open_with_async("POST", target, true)
        .and_then(|_| xhr.set_request_header("Content-Type", content_type))
        .and_then(|_| xhr.set_request_header(headers::IDEMPOTENCY_KEY, key))
        .and_then(|_| match csrf_token() {
            Some(token) => xhr.set_request_header(headers::CSRF, &token),
            None => Ok(()),
        });
    if opened.is_err() {
        return Ended::Network;
    }
    xhr.set_timeout(UPLOAD_TIMEOUT_MS);
    let on_progress =
        Closure::<dyn FnMut(web_sys::ProgressEvent)>::new(move |ev: web_sys::ProgressEvent| {
            if ev.length_computable() && ev.total() > 0.0 {
                progress(Some(
                    (ev.loaded() / ev.total() * 100.0).round().min(100.0) as u8
                ));
            } else {
                progress(None);
            }
        });
    let upload = xhr.upload().ok();
    if let Some(u) = &upload {
        let _ =
            u.add_event_listener_with_callback("progress", on_progress.as_ref().unchecked_ref());
    }
    // The promise settles with the first of these events; its type says how it ended.
    let mut listening = Ok(());
    let ended = js_sys::Promise::new(&mut |resolve, _reject| {
        for event in ["load", "error", "timeout", "abort"] {
            if listening.is_ok() {
                listening = xhr.add_event_listener_with_callback(event, &resolve);
            }
        }
    });
    if listening.is_err() || xhr.send_with_opt_blob(Some(blob)).is_err() {
        return Ended::Network;
    }
    let aborter = xhr.clone();
    abort_with_owner(move || {
        let _ = aborter.abort();
    });
    let event = JsFuture::from(ended)
        .await
        .ok()
        .and_then(|e| e.dyn_into::<web_sys::Event>().ok());
    if let Some(u) = &upload {
        let _ =
            u.remove_event_listener_with_callback("progress", on_progress.as_ref().unchecked_ref());
    }
    drop(on_progress);
    match event.map(|e| e.type_()).as_deref() {
        Some("load") => Ended::Answer {
            status: xhr.status().unwrap_or(0),
            retry_after: xhr.get_response_header("Retry-After").ok().flatten(),
            body: xhr.response_text().ok().flatten().unwrap_or_default(),
        },
        Some("timeout") => Ended::Timeout,
        Some("abort") => Ended::Aborted,
        _ => Ended::Network,
    }
}
