//! The fake backend must not fall over, nor be turned against the people who
//! use it: bounded memory, idempotency replays tied to their session, and the
//! login limits under parallel attempts and per client. Set-password links, tokens
//! kept as digests and the `__Host-` cookie are in `tokens.rs`; the Host check,
//! the clock's range and test mode only over http in `server_guards.rs`.

use crate::common;

use axum::body::{Body, Bytes};
use axum::extract::ConnectInfo;
use axum::http::{header, Request, StatusCode};
use common::*;
use domain::contract::headers;
use domain::endpoint;
use fake_backend::routes::session::{CLIENT_MAX_FAILURES, MAX_FAILURES};
use fake_backend::{limits, JSON_LIMIT};
use serde_json::json;
use std::net::SocketAddr;
use std::pin::Pin;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use std::task::{Context, Poll};
use tower::ServiceExt;

/// A login from the client at `ip`, as the server sees it with connection info.
fn login_from(ip: [u8; 4], email: &str, password: &str) -> Request<Body> {
    json_req("POST", endpoint::SESSION.route)
        .extension(ConnectInfo(SocketAddr::from((ip, 40_000))))
        .body(Body::from(
            json!({ "email": email, "password": password }).to_string(),
        ))
        .unwrap()
}

// ---- 1. bounded memory -----------------------------------------------------

#[tokio::test]
async fn the_idempotency_cache_keeps_at_most_its_bound_of_answers_the_oldest_go_first() {
    let (app, state) = app_and_state();
    let extra = 5;
    for i in 0..limits::IDEMPOTENCY_MAX_ENTRIES + extra {
        // Any path, before authentication: a 404 is a final answer, kept.
        let req = json_req("POST", "/api/no-such-thing")
            .header(headers::IDEMPOTENCY_KEY, format!("k{i}"))
            .body(Body::from("{}"))
            .unwrap();
        let r = app.clone().oneshot(req).await.unwrap();
        assert_eq!(r.status(), StatusCode::NOT_FOUND);
    }
    let kept = |key: String| {
        state.store.tx(|d| {
            d.idempotency
                .keys()
                .any(|k| k.ends_with(&format!(" {key}")))
        })
    };
    assert_eq!(
        state.store.tx(|d| d.idempotency.len()),
        limits::IDEMPOTENCY_MAX_ENTRIES
    );
    assert!(!kept("k0".into()) && !kept(format!("k{}", extra - 1)));
    assert!(kept(format!("k{extra}")));
    assert!(kept(format!(
        "k{}",
        limits::IDEMPOTENCY_MAX_ENTRIES + extra - 1
    )));
}

/// A body stream of `left` bytes that counts how many were read.
struct Counting {
    left: usize,
    read: Arc<AtomicUsize>,
}

impl futures_core::Stream for Counting {
    type Item = Result<Bytes, std::io::Error>;
    fn poll_next(mut self: Pin<&mut Self>, _: &mut Context<'_>) -> Poll<Option<Self::Item>> {
        const CHUNK: usize = 64 * 1024;
        if self.left == 0 {
            return Poll::Ready(None);
        }
        let n = self.left.min(CHUNK);
        self.left -= n;
        self.read.fetch_add(n, Ordering::SeqCst);
        Poll::Ready(Some(Ok(Bytes::from(vec![b' '; n]))))
    }
}

#[tokio::test]
async fn with_an_idempotency_key_a_json_endpoint_reads_no_more_than_its_own_limit() {
    let (app, _) = app_and_state();
    let read = Arc::new(AtomicUsize::new(0));
    let body = Counting {
        left: 8 * 1024 * 1024,
        read: read.clone(),
    };
    let req = json_req("POST", endpoint::SESSION.route)
        .header(headers::IDEMPOTENCY_KEY, "big")
        .body(Body::from_stream(body))
        .unwrap();
    let r = call(&app, req).await;
    assert_eq!(
        (r.status, r.code()),
        (StatusCode::PAYLOAD_TOO_LARGE, Some("payload_too_large"))
    );
    let read = read.load(Ordering::SeqCst);
    assert!(
        read <= JSON_LIMIT + 64 * 1024,
        "read {read} bytes of a body over the {JSON_LIMIT}-byte limit"
    );
}

#[tokio::test]
async fn an_email_too_long_to_be_an_account_is_refused_without_a_record() {
    let (app, state) = app_and_state();
    reset(&app).await;
    let email = format!("{}@example.com", "a".repeat(60 * 1024));
    let r = post_json(
        &app,
        endpoint::SESSION.route,
        json!({ "email": email, "password": "whatever" }),
    )
    .await;
    assert_eq!(
        (r.status, r.code()),
        (StatusCode::UNAUTHORIZED, Some("invalid_credentials"))
    );
    let records = state.store.tx(|d| {
        d.login_failures.len() + d.account_login_failures.len() + d.client_login_failures.len()
    });
    assert_eq!(records, 0, "nothing kept for it");
}

// ---- 2. idempotency replays stay with their session ------------------------

#[tokio::test]
async fn an_idempotent_answer_is_replayed_only_to_the_session_that_made_it() {
    let (app, _) = app_and_state();
    reset(&app).await;
    let other = login(&app, EMAIL).await;
    let send = |cookie: Option<&str>| {
        let mut req =
            json_req("POST", endpoint::SESSION.route).header(headers::IDEMPOTENCY_KEY, "same");
        if let Some(c) = cookie {
            req = req.header(header::COOKIE, c);
        }
        req.body(Body::from(
            json!({ "email": EMAIL, "password": PASSWORD }).to_string(),
        ))
        .unwrap()
    };
    let first = call(&app, send(None)).await;
    assert_eq!(first.status, StatusCode::OK);
    let again = call(&app, send(None)).await;
    assert_eq!(again.headers[headers::IDEMPOTENT_REPLAY], "true");
    assert_eq!(
        again.headers[header::SET_COOKIE],
        first.headers[header::SET_COOKIE]
    );
    // Another browser (another session) sending the same key gets its own
    // answer, never the first one's cookie.
    let elsewhere = call(&app, send(Some(&other.cookie))).await;
    assert_eq!(elsewhere.status, StatusCode::OK);
    assert!(!elsewhere.headers.contains_key(headers::IDEMPOTENT_REPLAY));
    assert_ne!(
        elsewhere.headers[header::SET_COOKIE],
        first.headers[header::SET_COOKIE]
    );
}

// ---- 3. login --------------------------------------------------------------

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn parallel_wrong_passwords_are_checked_at_most_the_limit_of_times() {
    let (app, state) = app_and_state();
    reset(&app).await;
    let attempts = 24;
    let tasks: Vec<_> = (0..attempts)
        .map(|i| {
            let app = app.clone();
            tokio::spawn(async move {
                let req = json_req("POST", endpoint::SESSION.route)
                    .body(Body::from(
                        json!({ "email": EMAIL, "password": format!("wrong {i}") }).to_string(),
                    ))
                    .unwrap();
                app.oneshot(req).await.unwrap().status()
            })
        })
        .collect();
    let mut statuses = Vec::new();
    for t in tasks {
        statuses.push(t.await.unwrap());
    }
    let wrong = statuses
        .iter()
        .filter(|s| **s == StatusCode::UNAUTHORIZED)
        .count();
    let refused = statuses
        .iter()
        .filter(|s| **s == StatusCode::TOO_MANY_REQUESTS)
        .count();
    assert_eq!(
        (wrong, refused),
        (
            MAX_FAILURES as usize - 1,
            attempts - (MAX_FAILURES as usize - 1)
        ),
        "{statuses:?}"
    );
    let counted: u32 = state
        .store
        .tx(|d| d.login_failures.values().map(|f| f.count).sum());
    assert_eq!(
        counted, MAX_FAILURES,
        "only that many passwords were checked"
    );
    // And the lock holds for the right password too, from the same client.
    let r = post_json(
        &app,
        endpoint::SESSION.route,
        json!({ "email": EMAIL, "password": PASSWORD }),
    )
    .await;
    assert_eq!(r.status, StatusCode::TOO_MANY_REQUESTS);
}

#[tokio::test]
async fn failures_from_one_client_do_not_lock_the_owner_out_elsewhere() {
    let (app, _) = app_and_state();
    reset(&app).await;
    let stranger = [203, 0, 113, 9];
    for i in 0..MAX_FAILURES {
        let r = call(&app, login_from(stranger, EMAIL, &format!("guess {i}"))).await;
        let expected = if i + 1 < MAX_FAILURES {
            StatusCode::UNAUTHORIZED
        } else {
            StatusCode::TOO_MANY_REQUESTS
        };
        assert_eq!(r.status, expected);
    }
    // The stranger is locked out of this address, even with the right password...
    let r = call(&app, login_from(stranger, EMAIL, PASSWORD)).await;
    assert_eq!(r.status, StatusCode::TOO_MANY_REQUESTS);
    // ...but the owner, from their own client, logs in.
    let r = call(&app, login_from([198, 51, 100, 7], EMAIL, PASSWORD)).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.text);
}

#[tokio::test]
async fn one_client_cannot_try_passwords_on_many_addresses() {
    let (app, _) = app_and_state();
    reset(&app).await;
    let guesser = [192, 0, 2, 1];
    for i in 0..CLIENT_MAX_FAILURES {
        let r = call(
            &app,
            login_from(guesser, &format!("user{i}@example.com"), "guess"),
        )
        .await;
        let expected = if i + 1 < CLIENT_MAX_FAILURES {
            StatusCode::UNAUTHORIZED
        } else {
            StatusCode::TOO_MANY_REQUESTS
        };
        assert_eq!(r.status, expected, "attempt {i}");
    }
    let r = call(&app, login_from(guesser, EMAIL, PASSWORD)).await;
    assert_eq!(r.status, StatusCode::TOO_MANY_REQUESTS);
    assert_eq!(
        r.body["message"],
        "Too many failed attempts to log in from this network."
    );
    let r = call(&app, login_from([192, 0, 2, 2], EMAIL, PASSWORD)).await;
    assert_eq!(r.status, StatusCode::OK);
}
