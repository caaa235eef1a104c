//! Honours the `Idempotency-Key` header: a repeated key gets the first answer again.

use crate::failure::ApiFailure;
use crate::store::{IdempotentAnswer, StoredResponse};
use crate::AppState;
use axum::body::{to_bytes, Body};
use axum::extract::{Request, State};
use axum::http::{HeaderName, HeaderValue, Method, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use domain::contract::headers;
use domain::error::ErrorCode;
use domain::idempotency::fingerprint;

/// Largest body the middleware buffers; endpoints set their own, lower limits.
const MAX_BODY: usize = 8 * 1024 * 1024;
/// How long an answer is kept for replay.
const KEEP_SECS: i64 = 24 * 60 * 60;
/// Headers that are part of the answer and replayed with it.
const REPLAYED: [&str; 3] = ["content-type", "set-cookie", "retry-after"];

/// Middleware for mutating `/api` requests that carry an idempotency key.
pub async fn honour(State(state): State<AppState>, req: Request, next: Next) -> Response {
    let mutating = !matches!(*req.method(), Method::GET | Method::HEAD | Method::OPTIONS);
    let key = req
        .headers()
        .get(headers::IDEMPOTENCY_KEY)
        .and_then(|v| v.to_str().ok())
        .map(str::to_string);
    let (true, Some(key)) = (mutating && req.uri().path().starts_with("/api/"), key) else {
        return next.run(req).await;
    };
    if key.is_empty() || key.len() > 255 {
        return ApiFailure::new(
            StatusCode::BAD_REQUEST,
            ErrorCode::Malformed,
            "The Idempotency-Key header must be 1 to 255 characters.",
        )
        .into_response();
    }
    let slot = format!("{} {} {key}", req.method(), req.uri().path());
    let (parts, body) = req.into_parts();
    let Ok(bytes) = to_bytes(body, MAX_BODY).await else {
        return ApiFailure::for_status(StatusCode::PAYLOAD_TOO_LARGE).into_response();
    };
    let fp = fingerprint(&bytes);
    let now = state.clock.now();

    let seen = state.store.tx(|d| {
        d.idempotency.retain(|_, a| now - a.created_at < KEEP_SECS);
        match d.idempotency.get(&slot) {
            Some(a) => Some((a.fingerprint, a.answer.clone())),
            None => {
                d.idempotency.insert(
                    slot.clone(),
                    IdempotentAnswer {
                        fingerprint: fp,
                        answer: None,
                        created_at: now,
                    },
                );
                None
            }
        }
    });
    match seen {
        Some((other, _)) if other != fp => {
            return ApiFailure::new(
                StatusCode::UNPROCESSABLE_ENTITY,
                ErrorCode::IdempotencyMismatch,
                "This request reused the key of a different request.",
            )
            .into_response()
        }
        Some((_, None)) => {
            return ApiFailure::new(
                StatusCode::CONFLICT,
                ErrorCode::Conflict,
                "The same request is still being handled. Wait a moment and try again.",
            )
            .into_response()
        }
        Some((_, Some(stored))) => return replay(stored),
        None => {}
    }

    let response = next
        .run(Request::from_parts(parts, Body::from(bytes)))
        .await;
    let (parts, body) = response.into_parts();
    let body = to_bytes(body, usize::MAX).await.unwrap_or_default();
    let status = parts.status.as_u16();
    let keep = status < 500 && status != 429;
    state.store.tx(|d| {
        if keep {
            let headers = parts
                .headers
                .iter()
                .filter(|(n, _)| REPLAYED.contains(&n.as_str()))
                .filter_map(|(n, v)| Some((n.to_string(), v.to_str().ok()?.to_string())))
                .collect();
            if let Some(a) = d.idempotency.get_mut(&slot) {
                a.answer = Some(StoredResponse {
                    status,
                    headers,
                    body: body.to_vec(),
                });
            }
        } else {
            // Not a final answer: let the same key try again.
            d.idempotency.remove(&slot);
        }
    });
    Response::from_parts(parts, Body::from(body))
}

fn replay(stored: StoredResponse) -> Response {
    let mut response = Response::new(Body::from(stored.body));
    *response.status_mut() = StatusCode::from_u16(stored.status).unwrap_or(StatusCode::OK);
    for (name, value) in stored.headers {
        if let (Ok(n), Ok(v)) = (HeaderName::try_from(name), HeaderValue::from_str(&value)) {
            response.headers_mut().append(n, v);
        }
    }
    response
        .headers_mut()
        .insert(headers::IDEMPOTENT_REPLAY, HeaderValue::from_static("true"));
    response
}
