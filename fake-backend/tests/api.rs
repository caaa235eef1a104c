//! The fake backend's HTTP surface, driven in-process: the error shape on bad
//! input, sessions and CSRF, the login lock, set-password links, idempotency
//! and the test-only switches.

mod common;

use axum::body::Body;
use axum::http::{header, Request, StatusCode};
use axum::Router;
use common::{
    app_and_state, call, config, error_shape, freeze_clock, get, json_req, post_json, reset,
    set_password, Reply, EMAIL, PASSWORD,
};
use domain::contract::headers;
use domain::{endpoint, testing};
use fake_backend::{router, AppState, Config};
use proptest::prelude::*;
use proptest::test_runner::TestRunner;
use serde_json::{json, Value};
use std::cell::RefCell;
use std::collections::BTreeMap;

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

/// 10:00 UTC on Thursday 24 December 2026.
const CHRISTMAS_EVE: i64 = 1_798_106_400;

/// The backend's clock, as the state view shows it.
async fn backend_now(app: &Router) -> i64 {
    get(app, testing::STATE.route).await.body["now"]
        .as_i64()
        .unwrap()
}

fn wall_clock() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_secs() as i64
}

#[tokio::test]
async fn the_clock_freezes_at_an_instant_and_a_reset_makes_a_served_backend_live_again() {
    // Built as `fake-backend --test-mode` builds it: on the wall clock.
    let app = router(AppState::new(config()));
    post_json(
        &app,
        testing::ADVANCE_CLOCK.route,
        json!({ "seconds": 3_600 }),
    )
    .await;
    freeze_clock(&app, CHRISTMAS_EVE).await;
    assert_eq!(
        backend_now(&app).await,
        CHRISTMAS_EVE,
        "the hour moved forward is dropped"
    );
    tokio::time::sleep(std::time::Duration::from_millis(1_100)).await;
    assert_eq!(backend_now(&app).await, CHRISTMAS_EVE, "it stands still");
    let r = post_json(&app, testing::ADVANCE_CLOCK.route, json!({ "seconds": 90 })).await;
    assert_eq!(r.status, StatusCode::NO_CONTENT);
    assert_eq!(backend_now(&app).await, CHRISTMAS_EVE + 90);
    freeze_clock(&app, CHRISTMAS_EVE - 86_400).await;
    assert_eq!(backend_now(&app).await, CHRISTMAS_EVE - 86_400);

    // Refused in the error shape; the clock stays where it was.
    for (body, status, code) in [
        (
            json!({ "at": -1 }),
            StatusCode::UNPROCESSABLE_ENTITY,
            "validation",
        ),
        (
            json!({ "at": i64::MAX }),
            StatusCode::UNPROCESSABLE_ENTITY,
            "validation",
        ),
        (
            json!({ "at": "2026-12-24" }),
            StatusCode::BAD_REQUEST,
            "malformed",
        ),
        (json!({}), StatusCode::BAD_REQUEST, "malformed"),
    ] {
        let r = post_json(&app, testing::FREEZE_CLOCK.route, body.clone()).await;
        assert_eq!(
            (r.status, r.code()),
            (status, Some(code)),
            "{body}: {}",
            r.text
        );
        error_shape(&r.body).unwrap();
        if status == StatusCode::UNPROCESSABLE_ENTITY {
            assert_eq!(r.fields(), ["at"]);
        }
    }
    assert_eq!(backend_now(&app).await, CHRISTMAS_EVE - 86_400);

    let before = wall_clock();
    reset(&app).await;
    tokio::time::sleep(std::time::Duration::from_millis(1_100)).await;
    let now = backend_now(&app).await;
    assert!(
        now > before && now <= wall_clock(),
        "live again: {now}, wall clock {before}"
    );
}

#[tokio::test]
async fn a_reset_keeps_the_test_harness_clock_frozen_at_its_start() {
    let (app, state) = app_and_state();
    let start = state.clock.now();
    freeze_clock(&app, CHRISTMAS_EVE).await;
    post_json(&app, testing::ADVANCE_CLOCK.route, json!({ "seconds": 60 })).await;
    assert_eq!(state.clock.now(), CHRISTMAS_EVE + 60);
    reset(&app).await;
    assert_eq!(state.clock.now(), start);
    tokio::time::sleep(std::time::Duration::from_millis(1_100)).await;
    assert_eq!(backend_now(&app).await, start);
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

/// Every endpoint that reads a body, with a method it accepts and the fields its
/// body needs (none: the picture upload's body is the image).
fn fuzzed_endpoints() -> Vec<(&'static str, String, &'static [&'static str])> {
    let ch = common::CHANNEL;
    vec![
        (
            "POST",
            endpoint::SESSION.route.into(),
            &["email", "password"],
        ),
        (
            "POST",
            endpoint::REQUEST_PASSWORD_LINK.route.into(),
            &["email"],
        ),
        (
            "POST",
            endpoint::PASSWORD_LINK.path(&["abc"]),
            &["password"],
        ),
        (
            "POST",
            endpoint::CHANNELS.route.into(),
            &["name", "routing_script_id"],
        ),
        (
            "POST",
            endpoint::LINK.route.into(),
            &["number_id", "channel_id"],
        ),
        (
            "POST",
            endpoint::CONFIRM_FACEBOOK_BUSINESS.route.into(),
            &["confirmed"],
        ),
        ("PATCH", endpoint::PROFILE.path(&[ch]), &["fields"]),
        ("POST", endpoint::CHECK_PROFILE.path(&[ch]), &["page"]),
        (
            "POST",
            endpoint::COMPLETE_PROFILE.path(&[ch]),
            &["confirmed_business_name"],
        ),
        ("POST", endpoint::UPLOAD_PICTURE.path(&[ch]), &[]),
        ("POST", endpoint::START_SIGNUP.path(&[ch]), &["state"]),
        (
            "POST",
            endpoint::EXCHANGE_CODE.path(&["att_1"]),
            &["code", "state"],
        ),
    ]
}

/// Values close to real ones, so that some bodies pass validation too.
const PLAUSIBLE: [&str; 10] = [
    "rs_support",
    "Sales Desk",
    "ch_support",
    "pn_1",
    "+447400123456",
    "07400 123456",
    "admin@northwind.example",
    "lamp river orange tuesday",
    "PROF_SERVICES",
    "https://www.northwind.example.com",
];

/// Text for a field: empty or blank (what forms most often send wrong), any, or plausible.
fn text() -> impl Strategy<Value = String> {
    prop_oneof![
        1 => prop::sample::select(vec!["", " ", "\n"]).prop_map(String::from),
        2 => "\\PC{0,40}",
        2 => prop::sample::select(PLAUSIBLE.to_vec()).prop_map(String::from),
    ]
}

fn json_value() -> impl Strategy<Value = Value> {
    prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::from),
        any::<i64>().prop_map(Value::from),
        text().prop_map(Value::from),
        Just(json!({})),
        Just(json!([])),
    ]
}

/// A value of the type `key` has, most of the time.
fn value_for(key: &'static str) -> BoxedStrategy<Value> {
    let typed = match key {
        "confirmed" => any::<bool>().prop_map(Value::from).boxed(),
        "page" => prop_oneof![
            prop::sample::select(domain::field::ProfilePage::ALL.to_vec()).prop_map(|p| json!(p)),
            (0u8..4).prop_map(Value::from),
        ]
        .boxed(),
        "fields" => prop::collection::btree_map(
            prop::sample::select(
                domain::field::Field::ALL
                    .map(domain::field::Field::name)
                    .to_vec(),
            ),
            text(),
            0..4,
        )
        .prop_map(|m| json!(m))
        .boxed(),
        _ => text().prop_map(Value::from).boxed(),
    };
    prop_oneof![6 => typed, 1 => json_value()].boxed()
}

/// A JSON object with the fields `keys`, and now and then an unknown one.
fn shaped_body(keys: &'static [&'static str]) -> impl Strategy<Value = Vec<u8>> {
    let values: Vec<BoxedStrategy<Value>> = keys.iter().map(|&k| value_for(k)).collect();
    (values, prop::option::weighted(0.1, json_value())).prop_map(move |(values, extra)| {
        let mut object: BTreeMap<&str, Value> = keys.iter().copied().zip(values).collect();
        if let Some(extra) = extra {
            object.insert("extra", extra);
        }
        serde_json::to_vec(&object).unwrap()
    })
}

/// A body for the endpoint: shaped for it mostly, else any JSON object of its
/// fields, text or bytes.
fn body_for(keys: &'static [&'static str]) -> impl Strategy<Value = Vec<u8>> {
    let some_fields = prop::collection::btree_map(
        prop::sample::select(if keys.is_empty() { &["x"][..] } else { keys }),
        json_value(),
        0..=keys.len(),
    )
    .prop_map(|m| serde_json::to_vec(&m).unwrap());
    prop_oneof![
        6 => shaped_body(keys),
        2 => some_fields,
        1 => any::<Vec<u8>>(),
        1 => "\\PC*".prop_map(String::into_bytes),
    ]
}

/// Whatever body reaches an endpoint that reads one, with a session and its CSRF
/// token so that the parser and the validators run, the answer is never a 5xx,
/// and every refusal is in the error shape.
#[test]
fn no_body_makes_the_server_fail() {
    const CASES: u32 = 512;
    let rt = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap();
    let (app, user) = rt.block_on(common::eligible());
    let endpoints = fuzzed_endpoints();
    let statuses = RefCell::new(BTreeMap::<u16, u32>::new());
    let strategy = (
        prop::sample::select(endpoints)
            .prop_flat_map(|(method, path, keys)| (Just(method), Just(path), body_for(keys))),
        prop_oneof![
            8 => Just("application/json"),
            1 => Just("text/plain"),
            1 => Just(""),
        ],
    );
    let mut runner = TestRunner::new(ProptestConfig {
        cases: CASES,
        // The backend is shared by the cases, so a saved case would not replay alike.
        failure_persistence: None,
        ..ProptestConfig::default()
    });
    let result = runner.run(&strategy, |((method, path, body), content_type)| {
        let mut b = user.req(method, &path);
        if !content_type.is_empty() {
            b = b.header(header::CONTENT_TYPE, content_type);
        }
        let r = rt.block_on(call(&app, b.body(Body::from(body)).unwrap()));
        *statuses.borrow_mut().entry(r.status.as_u16()).or_default() += 1;
        prop_assert!(
            r.status.is_success() || r.status.is_client_error(),
            "{method} {path} gave {}: {}",
            r.status,
            r.text
        );
        if !r.status.is_success() {
            if let Err(e) = error_shape(&r.body) {
                return Err(TestCaseError::fail(format!("{method} {path}: {e}")));
            }
            // The session lasts the whole run: every body was read behind it.
            prop_assert!(
                !matches!(r.code(), Some("unauthorized" | "csrf")),
                "{method} {path} was refused before its body was read: {}",
                r.text
            );
        }
        Ok(())
    });
    let statuses = statuses.into_inner();
    if let Err(e) = result {
        panic!("{e}; answers so far: {statuses:?}");
    }
    // Bodies reach the parser (400), and a good share get past it to the
    // validators (422) and the handlers' own checks (404, 409, 2xx...).
    let count = |s: u16| statuses.get(&s).copied().unwrap_or(0);
    assert!(count(400) > 0, "no 400: {statuses:?}");
    assert!(count(422) >= CASES / 20, "too few 422s: {statuses:?}");
    let parsed = CASES - count(400) - count(413) - count(415);
    assert!(parsed >= CASES / 4, "too few bodies parsed: {statuses:?}");
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
