//! What the fake backend's integration tests share: the app in test mode, a
//! request sent in-process and its whole answer, and a logged-in user of the
//! demo data.

// Every test binary compiles its own copy of this module and uses only part of it.
#![allow(dead_code)]

pub mod contract;
pub mod dialog;
pub mod handoff;

use axum::body::Body;
use axum::http::{header, HeaderMap, Request, StatusCode};
use axum::Router;
use domain::contract::headers;
use domain::{endpoint, testing};
use fake_backend::seed::DEMO_EMAIL;
use fake_backend::{router, AppState, Config};
use http_body_util::BodyExt;
use serde_json::{json, Value};
use tower::ServiceExt;

/// The demo user's email address, as the seed data has it.
pub const EMAIL: &str = "admin@northwind.example";
/// The password every demo user gets on a reset.
pub const PASSWORD: &str = "lamp river orange tuesday";
/// The demo account's first channel.
pub const CHANNEL: &str = "ch_support";

/// The configuration of the tests: test mode, no static files, no mail on the console.
pub fn config() -> Config {
    Config {
        app_url: "http://127.0.0.1:8080".into(),
        test_mode: true,
        static_dir: None,
        quiet: true,
        example_host_dir: None,
    }
}

/// A fresh backend in test mode, and its state (for the clock and the store).
pub fn app_and_state() -> (Router, AppState) {
    let state = AppState::new(config());
    // Exact durations (Retry-After, expiries) must not depend on how long the
    // test took: only `clock.advance` moves time here.
    state.clock.freeze();
    (router(state.clone()), state)
}

/// A fresh backend in test mode.
pub fn app() -> Router {
    app_and_state().0
}

/// The whole answer to a request.
pub struct Reply {
    pub status: StatusCode,
    pub headers: HeaderMap,
    /// The body as JSON, or `Null` when it is not JSON.
    pub body: Value,
    pub bytes: Vec<u8>,
    /// The body as text (lossy UTF-8).
    pub text: String,
}

impl Reply {
    /// The `code` of an error answer.
    pub fn code(&self) -> Option<&str> {
        self.body["code"].as_str()
    }

    /// The field names of a refusal, in order.
    pub fn fields(&self) -> Vec<&str> {
        self.body["fields"]
            .as_array()
            .map(|a| a.iter().filter_map(|f| f["field"].as_str()).collect())
            .unwrap_or_default()
    }

    /// The message for `field`.
    pub fn field(&self, field: &str) -> Option<&str> {
        self.body["fields"]
            .as_array()?
            .iter()
            .find(|f| f["field"] == field)?["message"]
            .as_str()
    }

    pub fn location(&self) -> Option<&str> {
        self.headers
            .get(header::LOCATION)
            .and_then(|v| v.to_str().ok())
    }

    /// The decoded query of the `Location` header.
    pub fn back(&self) -> Vec<(String, String)> {
        let location = self.location().expect("a Location header");
        let query = location.split_once('?').map(|(_, q)| q).unwrap_or_default();
        form_urlencoded::parse(query.as_bytes())
            .map(|(k, v)| (k.into_owned(), v.into_owned()))
            .collect()
    }

    /// The text of the page's only `<h1>`.
    pub fn h1(&self) -> String {
        assert_eq!(self.text.matches("<h1").count(), 1, "one h1: {}", self.text);
        let start = self.text.find("<h1>").expect("an h1") + 4;
        let end = self.text[start..].find("</h1>").unwrap() + start;
        self.text[start..end].to_string()
    }
}

/// Sends `req` to `app` and collects the whole answer, which must be one the
/// OpenAPI documents describe ([`contract::check`]).
pub async fn call(app: &Router, req: Request<Body>) -> Reply {
    let (method, uri) = (req.method().to_string(), req.uri().to_string());
    let res = app.clone().oneshot(req).await.unwrap();
    let status = res.status();
    let headers = res.headers().clone();
    let bytes = res.into_body().collect().await.unwrap().to_bytes().to_vec();
    contract::check(&method, &uri, status, &headers, &bytes);
    let body = serde_json::from_slice(&bytes).unwrap_or(Value::Null);
    Reply {
        status,
        headers,
        body,
        text: String::from_utf8_lossy(&bytes).into_owned(),
        bytes,
    }
}

/// A request with a JSON content type, still without its body.
pub fn json_req(method: &str, path: &str) -> axum::http::request::Builder {
    Request::builder()
        .method(method)
        .uri(path)
        .header(header::CONTENT_TYPE, "application/json")
}

/// A GET without a session.
pub async fn get(app: &Router, path: &str) -> Reply {
    call(app, Request::get(path).body(Body::empty()).unwrap()).await
}

/// A JSON POST without a session.
pub async fn post_json(app: &Router, path: &str, body: Value) -> Reply {
    let req = json_req("POST", path)
        .body(Body::from(body.to_string()))
        .unwrap();
    call(app, req).await
}

/// Sets [`PASSWORD`] through the set-password link `token` (which logs in), and
/// checks that it was accepted.
pub async fn set_password(app: &Router, token: &str) -> Reply {
    let r = post_json(
        app,
        &domain::endpoint::PASSWORD_LINK.path(&[token]),
        serde_json::json!({ "password": PASSWORD }),
    )
    .await;
    assert_eq!(r.status, axum::http::StatusCode::OK, "{}", r.text);
    r
}

impl User {
    /// Confirms (or withdraws) the account's Facebook business account.
    pub async fn confirm_facebook_business(&self, app: &Router, confirmed: bool) -> Reply {
        self.json(
            app,
            "POST",
            endpoint::CONFIRM_FACEBOOK_BUSINESS.route,
            json!({ "confirmed": confirmed }),
        )
        .await
    }

    /// Starts a Facebook sign-up for `channel` with `state`.
    pub async fn start_signup(&self, app: &Router, channel: &str, state: &str) -> Reply {
        self.json(
            app,
            "POST",
            &endpoint::START_SIGNUP.path(&[channel]),
            json!({ "state": state }),
        )
        .await
    }
}

/// Fills the demo channel's profile and confirms it: the channel is at the Facebook step.
pub async fn confirm_profile(app: &Router, owner: &User) {
    let r = owner
        .json(
            app,
            "PATCH",
            &endpoint::PROFILE.path(&[CHANNEL]),
            json!({ "fields": complete_profile() }),
        )
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.text);
    let r = owner
        .json(
            app,
            "POST",
            &endpoint::COMPLETE_PROFILE.path(&[CHANNEL]),
            json!({ "confirmed_business_name": "Northwind Contact Centre" }),
        )
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.text);
}

/// Moves the backend's clock forward by `seconds` (test mode).
pub async fn advance_clock(app: &Router, seconds: i64) {
    let r = post_json(
        app,
        testing::ADVANCE_CLOCK.route,
        json!({ "seconds": seconds }),
    )
    .await;
    assert_eq!(r.status, StatusCode::NO_CONTENT);
}

/// `Ok` when `body` is the one error shape: `code` (an [`ErrorCode`]) and a
/// non-empty `message`, optionally `fields` (each a `field` and a `message`)
/// and `error_id`, and nothing else.
///
/// [`ErrorCode`]: domain::error::ErrorCode
pub fn error_shape(body: &Value) -> Result<(), String> {
    let object = body
        .as_object()
        .ok_or_else(|| format!("not a JSON object: {body}"))?;
    if let Some(key) = object
        .keys()
        .find(|k| !["code", "message", "fields", "error_id"].contains(&k.as_str()))
    {
        return Err(format!("unexpected key {key:?} in {body}"));
    }
    let parsed: domain::error::ErrorBody =
        serde_json::from_value(body.clone()).map_err(|e| format!("{e}: {body}"))?;
    if parsed.message.trim().is_empty() {
        return Err(format!("an empty message in {body}"));
    }
    if parsed
        .fields
        .iter()
        .any(|f| f.field.is_empty() || f.message.is_empty())
    {
        return Err(format!(
            "a field message without its field or text in {body}"
        ));
    }
    Ok(())
}

/// The token of the newest set-password link mailed: the store keeps only its digest.
pub fn newest_link_token(state: &AppState) -> String {
    state.store.tx(|d| {
        d.mailbox
            .iter()
            .rev()
            .flat_map(|m| m.links.iter())
            .find_map(|l| {
                l.split_once("set-password?token=")
                    .map(|(_, t)| t.to_string())
            })
            .expect("a set-password link in the mailbox")
    })
}

/// Stops the backend's clock at `at` (Unix seconds) through the test-only endpoint.
pub async fn freeze_clock(app: &Router, at: i64) {
    let r = post_json(app, testing::FREEZE_CLOCK.route, json!({ "at": at })).await;
    assert_eq!(r.status, StatusCode::NO_CONTENT, "{}", r.text);
}

/// Puts the demo data back, every demo user with [`PASSWORD`].
pub async fn reset(app: &Router) {
    let r = post_json(
        app,
        testing::RESET.route,
        json!({ "demo_password": PASSWORD }),
    )
    .await;
    assert_eq!(r.status, StatusCode::NO_CONTENT);
}

/// A logged-in user of the demo data.
#[derive(Clone)]
pub struct User {
    /// The session cookie, as `name=value`.
    pub cookie: String,
    pub csrf: String,
}

/// Logs `email` in with [`PASSWORD`]; the session cookie must be `HttpOnly` and `SameSite=Strict`.
pub async fn login(app: &Router, email: &str) -> User {
    let r = post_json(
        app,
        endpoint::SESSION.route,
        json!({ "email": email, "password": PASSWORD }),
    )
    .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.text);
    let cookie = r.headers[header::SET_COOKIE].to_str().unwrap();
    assert!(
        cookie.contains("HttpOnly") && cookie.contains("SameSite=Strict"),
        "{cookie}"
    );
    User {
        cookie: cookie.split(';').next().unwrap().to_string(),
        csrf: r.body["csrf_token"].as_str().unwrap().to_string(),
    }
}

impl User {
    /// A request with the session cookie and the CSRF token.
    pub fn req(&self, method: &str, path: &str) -> axum::http::request::Builder {
        Request::builder()
            .method(method)
            .uri(path)
            .header(header::COOKIE, &self.cookie)
            .header(headers::CSRF, &self.csrf)
    }

    pub async fn get(&self, app: &Router, path: &str) -> Reply {
        self.send(app, "GET", path, None).await
    }

    pub async fn json(&self, app: &Router, method: &str, path: &str, body: Value) -> Reply {
        self.send(app, method, path, Some(body)).await
    }

    /// A request with a JSON body, or with none.
    pub async fn send(&self, app: &Router, method: &str, path: &str, body: Option<Value>) -> Reply {
        let req = match body {
            Some(body) => self
                .req(method, path)
                .header(header::CONTENT_TYPE, "application/json")
                .body(Body::from(body.to_string())),
            None => self.req(method, path).body(Body::empty()),
        };
        call(app, req.unwrap()).await
    }
}

/// A fresh backend, the demo user logged in, the Facebook business account confirmed.
pub async fn eligible() -> (Router, User) {
    let (app, _, user) = eligible_with_state().await;
    (app, user)
}

/// [`eligible`], with the backend's state (for the clock and the store).
pub async fn eligible_with_state() -> (Router, AppState, User) {
    let (app, state) = app_and_state();
    reset(&app).await;
    let user = login(&app, DEMO_EMAIL).await;
    let r = user.confirm_facebook_business(&app, true).await;
    assert_eq!(r.status, StatusCode::OK);
    (app, state, user)
}

/// Every field of the business profile filled in so that both pages pass.
pub fn complete_profile() -> Value {
    json!({
        "channel_name": "Support Desk",
        "phone_country": "GB",
        "phone_number": "07400 123456",
        "business_name": "Northwind Contact Centre",
        "category": "PROF_SERVICES",
        "tagline": "Here to help, 8am to 8pm",
        "description": "Questions about your order and returns.",
        "contact_email": "help@northwind.example.com",
        "website": "https://www.northwind.example.com/help",
        "address": "1 High Street\nLondon SW1A 1AA",
    })
}
