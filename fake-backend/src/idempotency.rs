//! Honours the `Idempotency-Key` header: a repeated key gets the first answer again.

use crate::failure::ApiFailure;
use crate::store::{Data, IdempotentAnswer, StoredResponse};
use crate::{auth, limits, secrets, AppState, JSON_LIMIT};
use axum::body::{to_bytes, Body};
use axum::extract::{Request, State};
use axum::http::{HeaderName, HeaderValue, Method, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use domain::contract::headers;
use domain::error::ErrorCode;
use domain::idempotency::fingerprint;
use domain::picture::PICTURE_MAX_BYTES;

/// How long an answer is kept for replay.
const KEEP_SECS: i64 = 24 * 60 * 60;
/// How often expired answers are swept out (a sweep reads every entry).
const SWEEP_SECS: i64 = 60;
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
    let slot = slot(&state, &req, &key);
    // Buffer no more than the endpoint itself accepts.
    let picture = is_picture_upload(req.uri().path());
    let limit = if picture {
        PICTURE_MAX_BYTES
    } else {
        JSON_LIMIT
    };
    let (parts, body) = req.into_parts();
    let Ok(bytes) = to_bytes(body, limit).await else {
        return if picture {
            crate::routes::profile::too_large()
        } else {
            ApiFailure::for_status(StatusCode::PAYLOAD_TOO_LARGE)
        }
        .into_response();
    };
    let fp = fingerprint(&bytes);
    let now = state.clock.now();

    let seen = state.store.tx(|d| {
        if now - d.idempotency_swept_at >= SWEEP_SECS || now < d.idempotency_swept_at {
            d.idempotency.retain(|_, a| now - a.created_at < KEEP_SECS);
            d.idempotency_swept_at = now;
            recount(d);
        }
        if d.idempotency
            .get(&slot)
            .is_some_and(|a| now - a.created_at >= KEEP_SECS)
        {
            remove(d, &slot);
        }
        match d.idempotency.get(&slot) {
            Some(a) => Some((a.fingerprint, a.answer.clone())),
            None => {
                if d.idempotency.len() >= limits::IDEMPOTENCY_MAX_ENTRIES {
                    limits::evict_oldest(
                        &mut d.idempotency,
                        limits::IDEMPOTENCY_MAX_ENTRIES - 1,
                        |a| a.seq,
                    );
                    recount(d);
                }
                d.idempotency_bytes += slot.len();
                d.idempotency_seq += 1;
                d.idempotency.insert(
                    slot.clone(),
                    IdempotentAnswer {
                        fingerprint: fp,
                        answer: None,
                        created_at: now,
                        seq: d.idempotency_seq,
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
                let answer = StoredResponse {
                    status,
                    headers,
                    body: body.to_vec(),
                };
                let before = size(&slot, a);
                a.answer = Some(answer);
                let after = size(&slot, a);
                d.idempotency_bytes = (d.idempotency_bytes + after).saturating_sub(before);
            }
            if d.idempotency_bytes > limits::IDEMPOTENCY_MAX_BYTES {
                keep_within_bytes(d, &slot);
            }
        } else {
            // Not a final answer: let the same key try again.
            remove(d, &slot);
        }
    });
    Response::from_parts(parts, Body::from(body))
}

/// The key's slot: the method, the path, the session that sent it (the digest
/// of its cookie, or `-` without one) and the key. A replay is only ever
/// served to the session that made the first request: its answer may carry a
/// `Set-Cookie` or the session's data.
fn slot(state: &AppState, req: &Request, key: &str) -> String {
    let name = auth::cookie_name(state.config.secure_cookies());
    let session =
        auth::cookie(req.headers(), name).map_or_else(|| "-".to_string(), |t| secrets::digest(&t));
    format!("{} {} {session} {key}", req.method(), req.uri().path())
}

/// Whether `path` is the picture upload, whose body is an image up to
/// [`PICTURE_MAX_BYTES`] instead of JSON up to [`JSON_LIMIT`].
fn is_picture_upload(path: &str) -> bool {
    let route: Vec<&str> = domain::endpoint::UPLOAD_PICTURE.route.split('/').collect();
    let path: Vec<&str> = path.split('/').collect();
    route.len() == path.len()
        && route
            .iter()
            .zip(&path)
            .all(|(r, p)| (r.starts_with('{') && !p.is_empty()) || r == p)
}

/// Removes the answer in `slot`, and its bytes from the count.
fn remove(d: &mut Data, slot: &str) {
    if let Some(a) = d.idempotency.remove(slot) {
        d.idempotency_bytes = d.idempotency_bytes.saturating_sub(size(slot, &a));
    }
}

/// Counts the bytes again, after removing many answers at once.
fn recount(d: &mut Data) {
    d.idempotency_bytes = d.idempotency.iter().map(|(k, a)| size(k, a)).sum();
}

/// About how many bytes an entry holds.
fn size(slot: &str, a: &IdempotentAnswer) -> usize {
    slot.len()
        + a.answer.as_ref().map_or(0, |r| {
            r.body.len()
                + r.headers
                    .iter()
                    .map(|(n, v)| n.len() + v.len())
                    .sum::<usize>()
        })
}

/// Forgets the oldest answers (never `newest`'s, the one just stored, unless
/// it alone is over the bound) until the total is within
/// [`limits::IDEMPOTENCY_MAX_BYTES`].
pub fn keep_within_bytes(d: &mut Data, newest: &str) {
    let mut total: usize = d.idempotency.iter().map(|(k, a)| size(k, a)).sum();
    let mut by_age: Vec<(bool, u64, String, usize)> = d
        .idempotency
        .iter()
        .map(|(k, a)| (k == newest, a.seq, k.clone(), size(k, a)))
        .collect();
    by_age.sort();
    for (_, _, k, bytes) in by_age {
        if total <= limits::IDEMPOTENCY_MAX_BYTES {
            break;
        }
        d.idempotency.remove(&k);
        total -= bytes;
    }
    d.idempotency_bytes = total;
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

#[cfg(test)]
mod tests {
    use super::*;

    fn answer(seq: u64, body: usize) -> IdempotentAnswer {
        IdempotentAnswer {
            fingerprint: 0,
            answer: Some(StoredResponse {
                status: 200,
                headers: vec![],
                body: vec![b'x'; body],
            }),
            created_at: 0,
            seq,
        }
    }

    #[test]
    fn stored_answers_stay_within_the_byte_bound_oldest_first() {
        let mut d = Data::default();
        let each = limits::IDEMPOTENCY_MAX_BYTES / 4;
        for seq in 0..6 {
            d.idempotency.insert(format!("k{seq}"), answer(seq, each));
        }
        keep_within_bytes(&mut d, "k5");
        let kept: Vec<&str> = d.idempotency.keys().map(String::as_str).collect();
        assert_eq!(kept, ["k3", "k4", "k5"], "the oldest went first");
        let total: usize = d.idempotency.iter().map(|(k, a)| size(k, a)).sum();
        assert!(total <= limits::IDEMPOTENCY_MAX_BYTES);
    }

    #[test]
    fn only_the_picture_upload_gets_the_picture_limit() {
        assert!(is_picture_upload("/api/channels/ch_1/profile/picture"));
        assert!(!is_picture_upload("/api/channels/ch_1/profile"));
        assert!(!is_picture_upload("/api/channels//profile/picture"));
        assert!(!is_picture_upload("/api/session"));
    }
}
