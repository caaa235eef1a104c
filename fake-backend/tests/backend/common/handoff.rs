//! What the hand-off tests share (`handoff.rs`, `handoff_links.rs`): a
//! channel at the Facebook step, the owner's sends, the colleague's session, and
//! the simulated dialog run for an attempt.

use super::dialog::{code_sent_to, new_state, newest_mail_to, Dialog, CALLBACK, NUMBER};
use super::{
    advance_clock, confirm_profile, eligible_with_state, login, post_json, Reply, User, CHANNEL,
    EMAIL,
};
use axum::http::{header, StatusCode};
use axum::Router;
use domain::endpoint;
use domain::signup::SignupAttempt;
use fake_backend::AppState;
use serde_json::{json, Value};

pub const COLLEAGUE: &str = "kim@northwind.example";
/// RFC 7636's example verifier and its S256 challenge.
pub const HOURS_72: i64 = 72 * 60 * 60;

/// A fresh backend whose demo channel's profile is confirmed: at the Facebook step.
pub async fn at_facebook_step() -> (Router, AppState, User) {
    let (app, state, owner) = eligible_with_state().await;
    confirm_profile(&app, &owner).await;
    (app, state, owner)
}

/// Moves the clock on by `seconds` and logs the owner in again (their session
/// idles out after 30 minutes).
pub async fn later(app: &Router, seconds: i64) -> User {
    advance_clock(app, seconds).await;
    login(app, EMAIL).await
}

/// The owner's call to send a hand-off of the demo channel.
pub async fn send(app: &Router, owner: &User, body: Value) -> Reply {
    owner
        .json(app, "POST", &endpoint::SEND_HANDOFF.path(&[CHANNEL]), body)
        .await
}

/// The owner's call to send the demo channel's hand-off again.
pub async fn resend(app: &Router, owner: &User) -> Reply {
    owner
        .send(
            app,
            "POST",
            &endpoint::RESEND_HANDOFF.path(&[CHANNEL]),
            None,
        )
        .await
}

/// Sends a hand-off to [`COLLEAGUE`] and returns the answer and the token in the mailed link.
pub async fn sent(app: &Router, owner: &User) -> (Value, String) {
    let r = send(
        app,
        owner,
        json!({ "email": COLLEAGUE, "message": "  Could you do the Facebook part?  " }),
    )
    .await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.text);
    (r.body, newest_token(app).await)
}

/// The newest message to `to` in the dev mailbox.
pub async fn newest_mail(app: &Router, to: &str) -> Value {
    newest_mail_to(app, to)
        .await
        .unwrap_or_else(|| panic!("no mail to {to}"))
}

/// The token in the newest hand-off link mailed to [`COLLEAGUE`].
pub async fn newest_token(app: &Router) -> String {
    let mail = newest_mail(app, COLLEAGUE).await;
    let link = mail["links"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(Value::as_str)
        .find(|l| l.starts_with("http://127.0.0.1:8080/handoff#"))
        .expect("a hand-off link")
        .to_string();
    link.split_once('#').unwrap().1.to_string()
}

pub async fn open(app: &Router, token: &str) -> Reply {
    post_json(app, endpoint::OPEN_HANDOFF.route, json!({ "token": token })).await
}

/// Opens the link as the colleague: their session, with its CSRF token.
pub async fn colleague(app: &Router, token: &str) -> User {
    let r = open(app, token).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.text);
    let cookie = r.headers[header::SET_COOKIE].to_str().unwrap();
    assert!(
        cookie.starts_with("session=")
            && cookie.contains("HttpOnly")
            && cookie.contains("SameSite=Strict"),
        "{cookie}"
    );
    let mut user = User {
        cookie: cookie.split(';').next().unwrap().to_string(),
        csrf: String::new(),
    };
    let r = user.get(app, endpoint::SESSION.route).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.text);
    user.csrf = r.body["csrf_token"].as_str().unwrap().to_string();
    user
}

/// Asserts `r` is 410 with `code`.
pub fn assert_gone(r: &Reply, code: &str) {
    assert_eq!(
        (r.status, r.code()),
        (StatusCode::GONE, Some(code)),
        "{}",
        r.text
    );
}

/// Runs the whole simulated dialog for `attempt` (the shared [`Dialog`] driver) and
/// returns the code it sends back.
pub async fn run_dialog(app: &Router, attempt: &SignupAttempt, state: &str) -> String {
    let dialog = Dialog::open(app, attempt, state).await;
    dialog.to_code("sms").await;
    let r = dialog.finish(&code_sent_to(app, NUMBER).await).await;
    assert!(
        r.location().unwrap().starts_with(CALLBACK),
        "{:?}",
        r.location()
    );
    r.back()
        .into_iter()
        .find(|(k, _)| k == "code")
        .expect("a code")
        .1
}

/// `who` starts the demo channel's sign-up and runs the dialog: the attempt, its state and the code.
pub async fn signed_up(app: &Router, who: &User) -> (SignupAttempt, String, String) {
    let state = new_state();
    let r = who.start_signup(app, CHANNEL, &state).await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.text);
    let attempt: SignupAttempt = serde_json::from_value(r.body).unwrap();
    let code = run_dialog(app, &attempt, &state).await;
    (attempt, state, code)
}

pub async fn handoff_of(app: &Router, owner: &User) -> Reply {
    owner.get(app, &endpoint::HANDOFF.path(&[CHANNEL])).await
}
