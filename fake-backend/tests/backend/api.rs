//! The fake backend's HTTP surface, driven in-process: the error shape on bad
//! input, sessions and CSRF, the login lock, set-password links, idempotency
//! and the test-only switches.

use crate::common;

use axum::body::Body;
use axum::http::{header, Request, StatusCode};
use axum::Router;
use common::{
    app_and_state, call, config, error_shape, get, json_req, post_json, reset, set_password, Reply,
    EMAIL, PASSWORD,
};
use domain::contract::headers;
use domain::{endpoint, testing};
use fake_backend::{router, AppState, Config};
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
    let (cookie, csrf) = login(&app).await;
    let body = |b: &'static [u8]| {
        json_req("POST", endpoint::SESSION.route)
            .body(Body::from(b))
            .unwrap()
    };
    // Behind the session, so the body is read (without it every one is a 401).
    let channel = |content_type: &str, b: &'static [u8]| {
        Request::post(endpoint::CHANNELS.route)
            .header(header::COOKIE, &cookie)
            .header(headers::CSRF, &csrf)
            .header(header::CONTENT_TYPE, content_type)
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
            Request::post(endpoint::SESSION.route)
                .body(Body::from(r#"{"email":"a","password":"b"}"#))
                .unwrap(),
            StatusCode::UNSUPPORTED_MEDIA_TYPE,
            "unsupported_media_type",
        ),
        (
            json_req("POST", endpoint::SESSION.route)
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
            Request::put(endpoint::SESSION.route)
                .body(Body::empty())
                .unwrap(),
            StatusCode::METHOD_NOT_ALLOWED,
            "malformed",
        ),
        (
            channel("application/json", b"{not json"),
            StatusCode::BAD_REQUEST,
            "malformed",
        ),
        (
            channel(
                "application/json",
                br#"{"name":["Sales"],"routing_script_id":7}"#,
            ),
            StatusCode::BAD_REQUEST,
            "malformed",
        ),
        (
            channel(
                "text/plain",
                br#"{"name":"Sales","routing_script_id":"rs_sales"}"#,
            ),
            StatusCode::UNSUPPORTED_MEDIA_TYPE,
            "unsupported_media_type",
        ),
        (
            channel(
                "application/json",
                br#"{"name":" ","routing_script_id":""}"#,
            ),
            StatusCode::UNPROCESSABLE_ENTITY,
            "validation",
        ),
    ];
    for (req, status, expected) in cases {
        let r = call(&app, req).await;
        assert_eq!(r.status, status, "{:?}", r.body);
        error_shape(&r.body).unwrap();
        assert_eq!(r.code(), Some(expected));
    }
    let r = call(
        &app,
        channel("application/json", br#"{"name":"","routing_script_id":""}"#),
    )
    .await;
    assert_eq!(r.fields(), ["name", "routing_script_id"]);
}

#[tokio::test]
async fn empty_login_fields_are_named() {
    let (app, _) = app_and_state();
    let r = post_json(
        &app,
        endpoint::SESSION.route,
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
        let mut b = Request::get(endpoint::CHANNELS.route);
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
        let mut b = Request::delete(endpoint::SESSION.route).header(header::COOKIE, &cookie);
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
    let req = json_req("POST", endpoint::SESSION.route)
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
        Request::get(endpoint::SESSION.route)
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
            endpoint::SESSION.route,
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
        endpoint::SESSION.route,
        json!({ "email": EMAIL, "password": "wrong 5" }),
    )
    .await;
    assert_eq!(r.status, StatusCode::TOO_MANY_REQUESTS);
    assert_eq!(r.headers[header::RETRY_AFTER], "900");
    // Locked: even the right password waits, and the wait counts down.
    state.clock.advance(600);
    let r = post_json(
        &app,
        endpoint::SESSION.route,
        json!({ "email": EMAIL, "password": PASSWORD }),
    )
    .await;
    assert_eq!(r.status, StatusCode::TOO_MANY_REQUESTS);
    assert_eq!(r.headers[header::RETRY_AFTER], "300");
    state.clock.advance(301);
    let r = post_json(
        &app,
        endpoint::SESSION.route,
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
        endpoint::SESSION.route,
        json!({ "email": "nobody@x.example", "password": "whatever it is" }),
    )
    .await;
    let b = post_json(
        &app,
        endpoint::SESSION.route,
        json!({ "email": EMAIL, "password": "whatever it is" }),
    )
    .await;
    assert_eq!(a.status, b.status);
    assert_eq!(a.body, b.body);
}

fn seeded_token(state: &AppState) -> String {
    common::newest_link_token(state)
}

#[tokio::test]
async fn a_password_link_works_once_and_expires() {
    let (app, state) = app_and_state();
    let link = endpoint::PASSWORD_LINK.path(&[&seeded_token(&state)]);
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
    post_json(
        &app,
        endpoint::REQUEST_PASSWORD_LINK.route,
        json!({ "email": EMAIL }),
    )
    .await;
    let fresh = common::newest_link_token(&state);
    state.clock.advance(24 * 60 * 60);
    let get = |p: String| Request::get(p).body(Body::empty()).unwrap();
    let r = call(&app, get(endpoint::PASSWORD_LINK.path(&[&fresh]))).await;
    assert_eq!(
        (r.status, r.code()),
        (StatusCode::GONE, Some("link_expired"))
    );
    let r = call(&app, get(endpoint::PASSWORD_LINK.path(&["nope"]))).await;
    assert_eq!(
        (r.status, r.code()),
        (StatusCode::NOT_FOUND, Some("link_unknown"))
    );
}

#[tokio::test]
async fn an_idempotency_key_replays_the_first_answer() {
    let (app, state) = app_and_state();
    let path = endpoint::PASSWORD_LINK.path(&[&seeded_token(&state)]);
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
        post_json(&app, testing::ADD_FAULT.route, rule).await.status,
        StatusCode::NO_CONTENT
    );
    let health = || {
        Request::get(endpoint::HEALTH.route)
            .body(Body::empty())
            .unwrap()
    };
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
    let r = post_json(&router(state), testing::RESET.route, json!({})).await;
    assert_eq!(r.status, StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn the_state_view_never_shows_secrets() {
    let (app, _) = app_and_state();
    login(&app).await;
    let r = get(&app, testing::STATE.route).await;
    assert!(
        !r.body.to_string().contains("argon2"),
        "password hashes are redacted"
    );
    assert_eq!(r.body["data"]["sessions"][0]["token_hash"], "[redacted]");
    assert!(
        r.body["data"]["sessions"][0].get("csrf_token").is_none(),
        "derived, never stored"
    );
    for link in r.body["data"]["password_links"].as_array().unwrap() {
        assert_eq!(link["token_hash"], "[redacted]");
    }
}

/// The attributes of the answer's `Set-Cookie`, after the `name=value` pair.
fn cookie_attributes(r: &Reply) -> Vec<String> {
    let cookie = r.headers[header::SET_COOKIE].to_str().unwrap();
    cookie
        .split(';')
        .skip(1)
        .map(|a| a.trim().to_string())
        .collect()
}

#[tokio::test]
async fn the_session_cookie_is_secure_when_the_app_is_served_over_https() {
    for (app_url, secure) in [
        ("https://onboarding.example.com", true),
        ("http://127.0.0.1:8080", false),
    ] {
        let state = AppState::new(Config {
            app_url: app_url.into(),
            ..config()
        });
        let token = seeded_token(&state);
        let app = router(state);
        let check = |what: &str, r: &Reply| {
            let attributes = cookie_attributes(r);
            for a in ["HttpOnly", "SameSite=Strict", "Path=/"] {
                assert!(
                    attributes.iter().any(|x| x == a),
                    "{app_url}, {what}: {a} in {attributes:?}"
                );
            }
            assert_eq!(
                attributes.iter().any(|x| x == "Secure"),
                secure,
                "{app_url}, {what}: {attributes:?}"
            );
        };
        // Every answer that sets the cookie: setting the password (which logs in),
        // logging in, and logging out.
        let r = set_password(&app, &token).await;
        check("set password", &r);
        let r = post_json(
            &app,
            endpoint::SESSION.route,
            json!({ "email": EMAIL, "password": PASSWORD }),
        )
        .await;
        assert_eq!(r.status, StatusCode::OK, "{}", r.text);
        check("log in", &r);
        let cookie = r.headers[header::SET_COOKIE]
            .to_str()
            .unwrap()
            .split(';')
            .next()
            .unwrap()
            .to_string();
        let csrf = r.body["csrf_token"].as_str().unwrap().to_string();
        let r = call(
            &app,
            Request::delete(endpoint::SESSION.route)
                .header(header::COOKIE, &cookie)
                .header(headers::CSRF, &csrf)
                .body(Body::empty())
                .unwrap(),
        )
        .await;
        assert_eq!(r.status, StatusCode::NO_CONTENT);
        check("log out", &r);
        assert!(cookie_attributes(&r).contains(&"Max-Age=0".to_string()));
    }
}

#[tokio::test]
async fn the_backend_serves_its_openapi_documents() {
    let app = common::app();
    let r = get(&app, endpoint::OPENAPI.route).await;
    assert_eq!(r.status, StatusCode::OK);
    assert_eq!(r.body["openapi"], "3.1.0");
    assert!(r.body["paths"]["/api/channels/{channel_id}/profile"]["patch"].is_object());
    assert!(r.body["paths"].get(testing::RESET.route).is_none());
    let t = get(&app, testing::OPENAPI.route).await;
    assert_eq!(t.status, StatusCode::OK);
    assert!(t.body["paths"][testing::RESET.route]["post"].is_object());
}
