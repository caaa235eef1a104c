//! What the Facebook sign-up tests share (`facebook*.rs`, `popup.rs`):
//! a user ready to start, an attempt, and the simulated dialog driven step by
//! step by plain form posts.

use super::{call, confirm_profile, eligible, get, post_json, Reply, User, CHANNEL};
use axum::body::Body;
use axum::http::{header, Request, StatusCode};
use axum::Router;
use domain::signup::{dialog_url, extras_json, state_from_bytes, SignupAttempt};
use domain::{endpoint, testing};
use serde_json::{json, Value};

pub const CALLBACK: &str = "http://127.0.0.1:8080/facebook/callback";
/// The PKCE verifier of RFC 7636's example, and its S256 challenge.
pub const VERIFIER: &str = "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk";
pub const CHALLENGE: &str = "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM";
pub const NUMBER: &str = "+447400123456";

pub fn get_param<'a>(q: &'a [(String, String)], name: &str) -> Option<&'a str> {
    q.iter().find(|(k, _)| k == name).map(|(_, v)| v.as_str())
}

pub async fn mode(app: &Router, mode: &str) {
    let r = post_json(app, testing::FACEBOOK_MODE.route, json!({ "mode": mode })).await;
    assert_eq!(r.status, StatusCode::NO_CONTENT, "{}", r.text);
}

impl User {
    pub async fn start(&self, app: &Router, state: &str) -> Reply {
        self.start_signup(app, CHANNEL, state).await
    }

    pub async fn exchange(&self, app: &Router, attempt: &str, code: &str, state: &str) -> Reply {
        self.exchange_with(app, attempt, code, state, VERIFIER, CALLBACK)
            .await
    }

    /// An exchange with its own verifier and redirect_uri.
    pub async fn exchange_with(
        &self,
        app: &Router,
        attempt: &str,
        code: &str,
        state: &str,
        verifier: &str,
        redirect_uri: &str,
    ) -> Reply {
        self.json(
            app,
            "POST",
            &endpoint::EXCHANGE_CODE.path(&[attempt]),
            json!({ "code": code, "state": state, "code_verifier": verifier, "redirect_uri": redirect_uri }),
        )
        .await
    }
}

/// [`eligible`], with the profile filled in and confirmed.
pub async fn ready() -> (Router, User) {
    let (app, user) = eligible().await;
    confirm_profile(&app, &user).await;
    (app, user)
}

pub fn new_state() -> String {
    state_from_bytes(&rand::random::<[u8; 32]>()).unwrap()
}

/// An attempt for the channel, and its state.
pub async fn attempt(app: &Router, user: &User) -> (SignupAttempt, String) {
    let state = new_state();
    let r = user.start(app, &state).await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.text);
    (serde_json::from_value(r.body).unwrap(), state)
}

/// The path and query of an absolute URL.
pub fn path_of(url: &str) -> &str {
    let after_scheme = url.split_once("://").map(|(_, r)| r).unwrap_or(url);
    &after_scheme[after_scheme.find('/').unwrap()..]
}

/// One run through the dialog.
pub struct Dialog {
    pub app: Router,
    /// `/facebook/flow/{id}`.
    pub base: String,
}

impl Dialog {
    /// Opens the dialog URL the app would send the browser to.
    pub async fn open(app: &Router, attempt: &SignupAttempt, state: &str) -> Dialog {
        let url = dialog_url(
            &attempt.config,
            state,
            CHALLENGE,
            &extras_json(&attempt.prefill),
        );
        assert!(url.starts_with("http://localhost:3000/facebook/v21.0/dialog/oauth?"));
        Dialog::at(app, path_of(&url)).await
    }

    /// Opens the dialog at `link` (a path), which must send the browser to its login step.
    pub async fn at(app: &Router, link: &str) -> Dialog {
        let r = get(app, link).await;
        assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.text);
        let location = r.location().unwrap();
        let base = location
            .strip_suffix("/login")
            .expect("the first step is login");
        assert!(base.starts_with("/facebook/flow/"), "{location}");
        Dialog {
            app: app.clone(),
            base: base.to_string(),
        }
    }

    pub async fn page(&self, step: &str) -> Reply {
        get(&self.app, &format!("{}/{step}", self.base)).await
    }

    pub async fn post(&self, action: &str, form: &[(&str, &str)]) -> Reply {
        let body = form_urlencoded::Serializer::new(String::new())
            .extend_pairs(form)
            .finish();
        let req = Request::post(format!("{}/{action}", self.base))
            .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
            .header("sec-fetch-site", "same-origin")
            .body(Body::from(body))
            .unwrap();
        call(&self.app, req).await
    }

    /// Posts a step that passes and checks where it leads.
    pub async fn pass(&self, action: &str, form: &[(&str, &str)], next: &str) {
        let r = self.post(action, form).await;
        assert_eq!(r.status, StatusCode::SEE_OTHER, "{action}: {}", r.text);
        assert_eq!(r.location(), Some(format!("{}/{next}", self.base).as_str()));
    }

    /// Logs in and keeps every pre-filled answer, up to the phone step.
    pub async fn to_phone(&self) {
        self.pass(
            "login",
            &[("email", "owner@northwind.example"), ("password", "x")],
            "permissions",
        )
        .await;
        self.pass("permissions", &[], "permission-given").await;
        self.pass("permission-given", &[], "business-name").await;
        self.pass(
            "business-name",
            &[("legal_name", "Northwind Contact Centre")],
            "description",
        )
        .await;
        self.pass(
            "description",
            &[("description", "Questions about your order and returns.")],
            "phone-number",
        )
        .await;
    }

    /// Up to the code step, the code sent by `method`.
    pub async fn to_code(&self, method: &str) {
        self.to_phone().await;
        self.pass(
            "phone-number",
            &[("phone", "+44 7400 123456"), ("method", method)],
            "code",
        )
        .await;
    }

    /// Enters the right code and continues; returns the answer to "Continue".
    pub async fn finish(&self, code: &str) -> Reply {
        self.pass("code", &[("code", code)], "registered").await;
        self.post("registered", &[]).await
    }
}

/// The newest message to `to` in the dev mailbox, as the mailbox shows it.
pub async fn newest_mail_to(app: &Router, to: &str) -> Option<Value> {
    let r = get(app, "/dev/mailbox.json").await;
    r.body
        .as_array()
        .unwrap()
        .iter()
        .find(|m| m["to"] == to)
        .cloned()
}

/// The newest message to `to`, as (subject, body).
pub async fn last_message(app: &Router, to: &str) -> Option<(String, String)> {
    newest_mail_to(app, to).await.map(|m| {
        (
            m["subject"].as_str().unwrap().to_string(),
            m["body"].as_str().unwrap().to_string(),
        )
    })
}

/// The code in the newest message to the profile's number.
pub async fn phone_code(app: &Router) -> String {
    code_sent_to(app, NUMBER).await
}

/// A well-formed code that is not `right`.
pub fn not(right: &str) -> &'static str {
    if right == "000000" {
        "111111"
    } else {
        "000000"
    }
}

/// The code in the newest message to `number`.
pub async fn code_sent_to(app: &Router, number: &str) -> String {
    let (_, body) = last_message(app, number).await.expect("a code was sent");
    let at = body.find("Your WhatsApp code is ").unwrap() + "Your WhatsApp code is ".len();
    let code = &body[at..at + 6];
    assert!(code.bytes().all(|b| b.is_ascii_digit()), "{body}");
    code.to_string()
}

/// Asserts that `r` sends the browser back to the app with `state` and these parameters.
pub fn assert_back(r: &Reply, state: &str, expected: &[(&str, &str)]) {
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.text);
    let location = r.location().unwrap();
    assert!(location.starts_with(&format!("{CALLBACK}?")), "{location}");
    let q = r.back();
    for (k, v) in expected {
        assert_eq!(get_param(&q, k), Some(*v), "{k} in {location}");
    }
    assert_eq!(get_param(&q, "state"), Some(state), "{location}");
}

/// The parameters of a valid dialog link, with `state`.
pub fn valid_link_params(state: String) -> [(&'static str, String); 9] {
    [
        ("client_id", "1234567890123456".to_string()),
        ("redirect_uri", CALLBACK.to_string()),
        ("state", state),
        ("code_challenge", CHALLENGE.to_string()),
        ("code_challenge_method", "S256".to_string()),
        ("config_id", "sim-config-1".to_string()),
        ("response_type", "code".to_string()),
        ("override_default_response_type", "true".to_string()),
        ("extras", "{}".to_string()),
    ]
}

/// The dialog URL of a valid attempt with one parameter replaced (or removed).
pub fn link_with(name: &str, value: Option<&str>) -> String {
    let mut pairs: Vec<(String, String)> = valid_link_params("ab".repeat(16))
        .into_iter()
        .map(|(k, v)| (k.to_string(), v))
        .filter(|(k, _)| k != name)
        .collect();
    if let Some(v) = value {
        pairs.push((name.to_string(), v.to_string()));
    }
    let query = form_urlencoded::Serializer::new(String::new())
        .extend_pairs(pairs)
        .finish();
    format!("/facebook/v21.0/dialog/oauth?{query}")
}
