//! The fake backend's HTTP surface, driven in-process: the error shape on bad
//! input, sessions and CSRF, the login lock, set-password links, idempotency
//! and the test-only switches.

mod common;

use axum::body::Body;
use axum::http::{header, Request, StatusCode};
use axum::Router;
use common::{app_and_state, call, config, get, json_req, post_json, reset, EMAIL, PASSWORD};
use domain::contract::{headers, paths};
use fake_backend::{router, AppState, Config};
use proptest::prelude::*;
use serde_json::json;

/// Resets with the demo password and logs in; returns (cookie, csrf token).
async fn login(app: &Router) -> (String, String) {
    reset(app).await;
    let user = common::login(app, EMAIL).await;
    (user.cookie, user.csrf)
}

#[tokio::test]
async fn bad_bodies_get_4xx_in_the_error_shape() {
    let (app, _) = app_and_state();
    let body = |b: &'static [u8]| {
        json_req("POST", paths::SESSION)
            .body(Body::from(b))
            .unwrap()
    };
    let cases: Vec<(Request<Body>, StatusCode, &str)> = vec![
        (body(b"{not json"), StatusCode::BAD_REQUEST, "malformed"),
        (
            body(br#"{"email":1,"password":[]}"#),
            StatusCode::BAD_REQUEST,
            "malformed",
        ),
        (
            Request::post(paths::SESSION)
                .body(Body::from(r#"{"email":"a","password":"b"}"#))
                .unwrap(),
            StatusCode::UNSUPPORTED_MEDIA_TYPE,
            "unsupported_media_type",
        ),
        (
            json_req("POST", paths::SESSION)
                .body(Body::from(vec![b' '; 200_000]))
                .unwrap(),
            StatusCode::PAYLOAD_TOO_LARGE,
            "payload_too_large",
        ),
        (
            body(br#"{"email":"","password":""}"#),
            StatusCode::UNPROCESSABLE_ENTITY,
            "validation",
        ),
        (
            Request::get("/api/no-such-thing")
                .body(Body::empty())
                .unwrap(),
            StatusCode::NOT_FOUND,
            "not_found",
        ),
        (
            Request::put(paths::SESSION).body(Body::empty()).unwrap(),
            StatusCode::METHOD_NOT_ALLOWED,
            "malformed",
        ),
    ];
    for (req, status, expected) in cases {
        let r = call(&app, req).await;
        assert_eq!(r.status, status, "{:?}", r.body);
        assert!(r.body["message"].is_string(), "message in {:?}", r.body);
        assert_eq!(r.code(), Some(expected));
    }
}

#[tokio::test]
async fn empty_login_fields_are_named() {
    let (app, _) = app_and_state();
    let r = post_json(
        &app,
        paths::SESSION,
        json!({ "email": " ", "password": "" }),
    )
    .await;
    let fields: Vec<&str> = r.body["fields"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["field"].as_str().unwrap())
        .collect();
    assert_eq!(fields, ["email", "password"]);
}

#[tokio::test]
async fn sessions_need_the_cookie_and_mutations_need_the_csrf_token() {
    let (app, _) = app_and_state();
    let (cookie, csrf) = login(&app).await;
    let get = |c: Option<&str>| {
        let mut b = Request::get(paths::CHANNELS);
        if let Some(c) = c {
            b = b.header(header::COOKIE, c);
        }
        b.body(Body::empty()).unwrap()
    };
    assert_eq!(call(&app, get(None)).await.status, StatusCode::UNAUTHORIZED);
    let r = call(&app, get(Some(&cookie))).await;
    assert_eq!(r.status, StatusCode::OK);
    assert_eq!(r.body[0]["channel"]["state"], "requested");

    let delete = |csrf: Option<&str>| {
        let mut b = Request::delete(paths::SESSION).header(header::COOKIE, &cookie);
        if let Some(t) = csrf {
            b = b.header(headers::CSRF, t);
        }
        b.body(Body::empty()).unwrap()
    };
    let r = call(&app, delete(None)).await;
    assert_eq!((r.status, r.code()), (StatusCode::FORBIDDEN, Some("csrf")));
    assert_eq!(
        call(&app, delete(Some("wrong"))).await.status,
        StatusCode::FORBIDDEN
    );
    assert_eq!(
        call(&app, delete(Some(&csrf))).await.status,
        StatusCode::NO_CONTENT
    );
    assert_eq!(
        call(&app, get(Some(&cookie))).await.status,
        StatusCode::UNAUTHORIZED
    );
}

#[tokio::test]
async fn cross_site_mutations_are_refused_before_any_handler() {
    let (app, _) = app_and_state();
    let req = json_req("POST", paths::SESSION)
        .header("sec-fetch-site", "cross-site")
        .body(Body::from(
            json!({ "email": EMAIL, "password": PASSWORD }).to_string(),
        ))
        .unwrap();
    let r = call(&app, req).await;
    assert_eq!((r.status, r.code()), (StatusCode::FORBIDDEN, Some("csrf")));
}

#[tokio::test]
async fn sessions_end_after_30_idle_minutes() {
    let (app, state) = app_and_state();
    let (cookie, _) = login(&app).await;
    let get = || {
        Request::get(paths::SESSION)
            .header(header::COOKIE, &cookie)
            .body(Body::empty())
            .unwrap()
    };
    state.clock.advance(29 * 60);
    assert_eq!(call(&app, get()).await.status, StatusCode::OK);
    state.clock.advance(31 * 60);
    assert_eq!(call(&app, get()).await.status, StatusCode::UNAUTHORIZED);
}

#[tokio::test]
async fn five_failures_lock_the_address_with_retry_after() {
    let (app, state) = app_and_state();
    login(&app).await;
    for i in 0..4 {
        let r = post_json(
            &app,
            paths::SESSION,
            json!({ "email": EMAIL, "password": format!("wrong {i}") }),
        )
        .await;
        assert_eq!(
            (r.status, r.code()),
            (StatusCode::UNAUTHORIZED, Some("invalid_credentials"))
        );
    }
    let r = post_json(
        &app,
        paths::SESSION,
        json!({ "email": EMAIL, "password": "wrong 5" }),
    )
    .await;
    assert_eq!(r.status, StatusCode::TOO_MANY_REQUESTS);
    assert_eq!(r.headers[header::RETRY_AFTER], "900");
    // Locked: even the right password waits, and the wait counts down.
    state.clock.advance(600);
    let r = post_json(
        &app,
        paths::SESSION,
        json!({ "email": EMAIL, "password": PASSWORD }),
    )
    .await;
    assert_eq!(r.status, StatusCode::TOO_MANY_REQUESTS);
    assert_eq!(r.headers[header::RETRY_AFTER], "300");
    state.clock.advance(301);
    let r = post_json(
        &app,
        paths::SESSION,
        json!({ "email": EMAIL, "password": PASSWORD }),
    )
    .await;
    assert_eq!(r.status, StatusCode::OK);
}

#[tokio::test]
async fn unknown_emails_fail_like_wrong_passwords() {
    let (app, _) = app_and_state();
    let a = post_json(
        &app,
        paths::SESSION,
        json!({ "email": "nobody@x.example", "password": "whatever it is" }),
    )
    .await;
    let b = post_json(
        &app,
        paths::SESSION,
        json!({ "email": EMAIL, "password": "whatever it is" }),
    )
    .await;
    assert_eq!(a.status, b.status);
    assert_eq!(a.body, b.body);
}

fn seeded_token(state: &AppState) -> String {
    state.store.tx(|d| d.password_links[0].token.clone())
}

#[tokio::test]
async fn a_password_link_works_once_and_expires() {
    let (app, state) = app_and_state();
    let link = paths::password_link(&seeded_token(&state));
    let r = get(&app, &link).await;
    assert_eq!(
        (r.status, r.body["email"].as_str()),
        (StatusCode::OK, Some(EMAIL))
    );

    let r = post_json(&app, &link, json!({ "password": "short" })).await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(r.body["fields"][0]["field"], "password");

    let r = post_json(&app, &link, json!({ "password": PASSWORD })).await;
    assert_eq!(r.status, StatusCode::OK);
    assert!(r.headers.contains_key(header::SET_COOKIE));
    let r = post_json(
        &app,
        &link,
        json!({ "password": "another good passphrase" }),
    )
    .await;
    assert_eq!((r.status, r.code()), (StatusCode::GONE, Some("link_used")));

    // A new link, then time passes beyond its 24 hours.
    post_json(&app, paths::PASSWORD_LINKS, json!({ "email": EMAIL })).await;
    let fresh = state
        .store
        .tx(|d| d.password_links.last().unwrap().token.clone());
    state.clock.advance(24 * 60 * 60);
    let get = |p: String| Request::get(p).body(Body::empty()).unwrap();
    let r = call(&app, get(paths::password_link(&fresh))).await;
    assert_eq!(
        (r.status, r.code()),
        (StatusCode::GONE, Some("link_expired"))
    );
    let r = call(&app, get(paths::password_link("nope"))).await;
    assert_eq!(
        (r.status, r.code()),
        (StatusCode::NOT_FOUND, Some("link_unknown"))
    );
}

#[tokio::test]
async fn an_idempotency_key_replays_the_first_answer() {
    let (app, state) = app_and_state();
    let path = paths::password_link(&seeded_token(&state));
    let send = |key: &str, password: &str| {
        json_req("POST", &path)
            .header(headers::IDEMPOTENCY_KEY, key)
            .body(Body::from(json!({ "password": password }).to_string()))
            .unwrap()
    };
    let first = call(&app, send("k1", PASSWORD)).await;
    assert_eq!(first.status, StatusCode::OK);
    let again = call(&app, send("k1", PASSWORD)).await;
    assert_eq!(again.status, StatusCode::OK, "replayed, not 'link used'");
    assert_eq!(again.headers[headers::IDEMPOTENT_REPLAY], "true");
    assert_eq!(again.body, first.body);
    assert_eq!(
        state.store.tx(|d| d.sessions.len()),
        1,
        "the work was done once"
    );

    let other = call(&app, send("k1", "a different passphrase")).await;
    assert_eq!(
        (other.status, other.code()),
        (
            StatusCode::UNPROCESSABLE_ENTITY,
            Some("idempotency_mismatch")
        )
    );
}

#[tokio::test]
async fn faults_fail_the_next_calls_then_stop() {
    let (app, _) = app_and_state();
    let rule = json!({ "method": "GET", "path": "/api/health", "count": 2, "fault": { "kind": "status", "status": 503 } });
    assert_eq!(
        post_json(&app, paths::test::FAULTS, rule).await.status,
        StatusCode::NO_CONTENT
    );
    let health = || Request::get(paths::HEALTH).body(Body::empty()).unwrap();
    for _ in 0..2 {
        let r = call(&app, health()).await;
        assert_eq!(
            (r.status, r.code()),
            (StatusCode::SERVICE_UNAVAILABLE, Some("unavailable"))
        );
    }
    assert_eq!(call(&app, health()).await.status, StatusCode::OK);
}

#[tokio::test]
async fn test_endpoints_do_not_exist_outside_test_mode() {
    let state = AppState::new(Config {
        app_url: "http://x".into(),
        test_mode: false,
        ..config()
    });
    let r = post_json(&router(state), paths::test::RESET, json!({})).await;
    assert_eq!(r.status, StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn the_state_view_never_shows_secrets() {
    let (app, _) = app_and_state();
    login(&app).await;
    let r = get(&app, paths::test::STATE).await;
    assert!(
        !r.body.to_string().contains("argon2"),
        "password hashes are redacted"
    );
    assert_eq!(r.body["data"]["sessions"][0]["token"], "[redacted]");
    assert_eq!(r.body["data"]["sessions"][0]["csrf_token"], "[redacted]");
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 64, ..ProptestConfig::default() })]
    /// Whatever body reaches a public endpoint, the answer is never a 5xx, and
    /// every refusal is in the error shape.
    #[test]
    fn no_body_makes_the_server_fail(
        path in prop_oneof![
            Just(paths::SESSION.to_string()),
            Just(paths::PASSWORD_LINKS.to_string()),
            Just("/api/password-links/abc".to_string()),
            Just(paths::CHANNELS.to_string()),
        ],
        body in prop_oneof![
            any::<Vec<u8>>(),
            "\\PC*".prop_map(String::into_bytes),
            (any::<Option<String>>(), any::<Option<i64>>()).prop_map(|(a, b)| {
                json!({ "email": a, "password": b, "token": a }).to_string().into_bytes()
            }),
        ],
        content_type in prop_oneof![Just("application/json"), Just("text/plain"), Just("")],
    ) {
        let rt = tokio::runtime::Builder::new_current_thread().enable_all().build().unwrap();
        rt.block_on(async {
            let (app, _) = app_and_state();
            let mut b = Request::post(path.as_str());
            if !content_type.is_empty() {
                b = b.header(header::CONTENT_TYPE, content_type);
            }
            let r = call(&app, b.body(Body::from(body)).unwrap()).await;
            prop_assert!(r.status.as_u16() < 500, "{} gave {}", path, r.status);
            if !r.status.is_success() {
                prop_assert!(r.body["code"].is_string() && r.body["message"].is_string());
            }
            Ok(())
        })?;
    }
}
