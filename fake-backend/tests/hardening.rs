//! The fake backend must not fall over, nor be turned against the people who
//! use it: bounded memory, idempotency replays tied to their session, the login
//! limits under parallel attempts and per client, set-password links that only
//! work while they are the newest, the Host check, the clock's range, test
//! mode only over http, tokens kept as digests, and the `__Host-` cookie.

mod common;

use axum::body::{Body, Bytes};
use axum::extract::ConnectInfo;
use axum::http::{header, Request, StatusCode};
use axum::Router;
use common::*;
use domain::contract::headers;
use domain::testing::ClockFreeze;
use domain::{endpoint, testing};
use fake_backend::routes::session::{CLIENT_MAX_FAILURES, MAX_FAILURES};
use fake_backend::{limits, router, AppState, Config, JSON_LIMIT};
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

// ---- 4. set-password links -------------------------------------------------

#[tokio::test]
async fn a_newer_link_voids_every_older_one() {
    let (app, state) = app_and_state();
    let first = newest_link_token(&state);
    let r = post_json(
        &app,
        endpoint::REQUEST_PASSWORD_LINK.route,
        json!({ "email": EMAIL }),
    )
    .await;
    assert_eq!(r.status, StatusCode::ACCEPTED);
    let second = newest_link_token(&state);
    assert_ne!(first, second);
    for method in ["GET", "POST"] {
        let req = json_req(method, &endpoint::PASSWORD_LINK.path(&[&first]));
        let body = if method == "POST" {
            Body::from(json!({ "password": PASSWORD }).to_string())
        } else {
            Body::empty()
        };
        let r = call(&app, req.body(body).unwrap()).await;
        assert_eq!(
            (r.status, r.code()),
            (StatusCode::GONE, Some("link_expired")),
            "{method}"
        );
        assert!(
            r.body["message"]
                .as_str()
                .unwrap()
                .contains("A newer link was sent"),
            "{}",
            r.text
        );
    }
    // The newest still works, and setting the password uses it up.
    let r = post_json(
        &app,
        &endpoint::PASSWORD_LINK.path(&[&second]),
        json!({ "password": PASSWORD }),
    )
    .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.text);
    let unused = state.store.tx(|d| {
        d.password_links
            .iter()
            .filter(|l| l.used_at.is_none() && l.voided.is_none())
            .count()
    });
    assert_eq!(unused, 0, "no link of the address works any more");
}

// ---- 6. Host, the clock, test mode ----------------------------------------

#[tokio::test]
async fn only_the_app_s_and_the_dialog_s_host_names_are_answered() {
    let (app, _) = app_and_state();
    let with_host = |path: &str, host: &str| {
        Request::get(path)
            .header(header::HOST, host)
            .body(Body::empty())
            .unwrap()
    };
    // The app's address (Playwright, Trunk's proxy) and the dialog's, on
    // `localhost` as another origin.
    // Trunk's proxy (scripts/dev) sends the backend's host without its port.
    for host in [
        "127.0.0.1:8080",
        "localhost:8080",
        "localhost:3000",
        "LOCALHOST:3000",
        "127.0.0.1:3000",
        "127.0.0.1",
        "localhost",
    ] {
        let r = call(&app, with_host(endpoint::HEALTH.route, host)).await;
        assert_eq!(r.status, StatusCode::OK, "{host}");
    }
    for host in [
        "evil.example",
        "evil.example:8080",
        "127.0.0.1:8080.evil.example",
        "localhost:8081",
        "127.0.0.2:8080",
        "",
    ] {
        for path in [
            endpoint::HEALTH.route,
            "/facebook/dialog.css",
            "/dev/mailbox",
        ] {
            let r = app.clone().oneshot(with_host(path, host)).await.unwrap();
            assert_eq!(r.status(), StatusCode::MISDIRECTED_REQUEST, "{host} {path}");
            let bytes = http_body_util::BodyExt::collect(r.into_body())
                .await
                .unwrap()
                .to_bytes();
            let body: serde_json::Value = serde_json::from_slice(&bytes).unwrap();
            assert_eq!(error_shape(&body), Ok(()));
        }
    }
    // Served: the port it listens on is answered for too.
    let state = AppState::new(config()).listening_on(8484);
    let app = router(state);
    for host in ["127.0.0.1:8484", "localhost:8484"] {
        let r = call(&app, with_host(endpoint::HEALTH.route, host)).await;
        assert_eq!(r.status, StatusCode::OK, "{host}");
    }
}

#[tokio::test]
async fn a_clock_moved_past_9999_is_refused_and_the_backend_keeps_working() {
    let (app, _) = app_and_state();
    reset(&app).await;
    for seconds in [i64::MAX, ClockFreeze::LATEST] {
        let r = post_json(
            &app,
            testing::ADVANCE_CLOCK.route,
            json!({ "seconds": seconds }),
        )
        .await;
        assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{seconds}");
        assert_eq!(r.fields(), ["seconds"]);
    }
    freeze_clock(&app, ClockFreeze::LATEST).await;
    let r = post_json(&app, testing::ADVANCE_CLOCK.route, json!({ "seconds": 1 })).await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    // Every later request still works: a reset, a login, a session.
    reset(&app).await;
    let user = login(&app, EMAIL).await;
    assert_eq!(
        user.get(&app, endpoint::SESSION.route).await.status,
        StatusCode::OK
    );
    let r = post_json(&app, testing::ADVANCE_CLOCK.route, json!({ "seconds": 60 })).await;
    assert_eq!(r.status, StatusCode::NO_CONTENT);
}

/// Runs the server binary with `args` (and `env`) and returns its exit status and
/// what it wrote on stderr; one still running after 20 seconds is stopped and
/// counts as started.
fn run_server(args: &[&str], env: &[(&str, &str)]) -> (Option<i32>, String) {
    use std::io::Read;
    let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_fake-backend"))
        .args(args)
        .envs(env.iter().copied())
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let started = std::time::Instant::now();
    let code = loop {
        if let Some(status) = child.try_wait().unwrap() {
            break status.code();
        }
        if started.elapsed() > std::time::Duration::from_secs(20) {
            child.kill().unwrap();
            child.wait().unwrap();
            break None;
        }
        std::thread::sleep(std::time::Duration::from_millis(50));
    };
    let mut stderr = String::new();
    child
        .stderr
        .take()
        .unwrap()
        .read_to_string(&mut stderr)
        .unwrap();
    (code, stderr)
}

#[test]
fn test_mode_refuses_to_start_with_an_https_app_url() {
    let https = [
        "--quiet",
        "--port",
        "0",
        "--app-url",
        "https://app.example.com",
    ];
    let (code, stderr) = run_server(&[&["--test-mode"][..], &https[..]].concat(), &[]);
    assert_eq!(code, Some(2), "{stderr}");
    assert!(stderr.contains("refuses an https --app-url"), "{stderr}");
    let (code, _) = run_server(&https, &[("FAKE_BACKEND_TEST_MODE", "1")]);
    assert_eq!(code, Some(2));
}

// ---- 7. tokens kept as digests ---------------------------------------------

#[tokio::test]
async fn the_store_keeps_digests_never_the_tokens() {
    let (app, state) = app_and_state();
    let link = newest_link_token(&state);
    let r = post_json(
        &app,
        &endpoint::PASSWORD_LINK.path(&[&link]),
        json!({ "password": PASSWORD }),
    )
    .await;
    assert_eq!(r.status, StatusCode::OK);
    let cookie = r.headers[header::SET_COOKIE].to_str().unwrap();
    let session = cookie.split(';').next().unwrap();
    let token = session.split_once('=').unwrap().1.to_string();
    let csrf = r.body["csrf_token"].as_str().unwrap().to_string();
    // Everything but the dev mailbox, which is the email with the link in it.
    let dump = state.store.tx(|d| {
        let mut d = d.clone();
        d.mailbox.clear();
        format!("{d:?}")
    });
    for secret in [&link, &token, &csrf] {
        assert!(!dump.contains(secret.as_str()), "{secret} is stored");
    }
    // The CSRF token is derived again for the session, and works.
    let user = User {
        cookie: session.to_string(),
        csrf: csrf.clone(),
    };
    let r = user.get(&app, endpoint::SESSION.route).await;
    assert_eq!(r.body["csrf_token"], csrf.as_str());
    let r = user
        .send(&app, "DELETE", endpoint::LOG_OUT.route, None)
        .await;
    assert_eq!(r.status, StatusCode::NO_CONTENT);
    assert_eq!(state.store.tx(|d| d.sessions.len()), 0);
}

// ---- 8. the cookie's name over https ----------------------------------------

#[tokio::test]
async fn over_https_the_session_cookie_is_host_prefixed_and_secure() {
    let state = AppState::new(Config {
        app_url: "https://app.example.com".into(),
        test_mode: false,
        ..config()
    });
    state.clock.freeze();
    let app: Router = router(state.clone());
    let link = newest_link_token(&state);
    let r = post_json(
        &app,
        &endpoint::PASSWORD_LINK.path(&[&link]),
        json!({ "password": PASSWORD }),
    )
    .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.text);
    let cookie = r.headers[header::SET_COOKIE].to_str().unwrap();
    assert!(cookie.starts_with("__Host-session="), "{cookie}");
    assert!(
        cookie.contains("; Path=/;") && cookie.contains("; Secure") && !cookie.contains("Domain"),
        "{cookie}"
    );
    let pair = cookie.split(';').next().unwrap();
    let session = |cookie: String| {
        Request::get(endpoint::SESSION.route)
            .header(header::COOKIE, cookie)
            .body(Body::empty())
            .unwrap()
    };
    assert_eq!(
        call(&app, session(pair.to_string())).await.status,
        StatusCode::OK
    );
    let value = pair.split_once('=').unwrap().1;
    assert_eq!(
        call(&app, session(format!("session={value}"))).await.status,
        StatusCode::UNAUTHORIZED,
        "only the prefixed name counts over https"
    );
}
