//! Facebook's Embedded Signup in popup mode (`display=popup`), driven in-process:
//! the dialog posts its result to the window that opened it, as strings of JSON,
//! to the app's origin only, and the exchange checks the ids it posted.

use crate::common;

use axum::http::{header, StatusCode};
use axum::Router;
use common::dialog::*;
use common::{get, Reply};
use domain::endpoint;
use domain::signup::{dialog_url, extras_json, SignupAttempt};
use serde_json::{json, Value};

impl Dialog {
    /// Opens the dialog as the app does in popup mode.
    async fn open_popup(app: &Router, attempt: &SignupAttempt, state: &str) -> Dialog {
        let url = dialog_url(
            &attempt.config,
            state,
            CHALLENGE,
            &extras_json(&attempt.prefill),
        ) + "&display=popup";
        Dialog::at(app, path_of(&url)).await
    }
}

/// The value of `data-{name}` in the page's popup script, unescaped.
fn script_data(r: &Reply, name: &str) -> Option<String> {
    let tag = &r.text[r.text.find("<script src=\"/facebook/popup.js\"")?..];
    let tag = &tag[..tag.find('>')?];
    let at = tag.find(&format!(" data-{name}=\""))? + name.len() + 8;
    let value = &tag[at..at + tag[at..].find('"')?];
    Some(
        value
            .replace("&quot;", "\"")
            .replace("&#39;", "'")
            .replace("&lt;", "<")
            .replace("&gt;", ">")
            .replace("&amp;", "&"),
    )
}

/// The messages the last page of a popup posts, read as the app reads them.
fn posted(r: &Reply) -> Vec<domain::popup::Message> {
    assert_eq!(
        r.status,
        StatusCode::OK,
        "the last page is a page: {}",
        r.text
    );
    assert_eq!(
        script_data(r, "origin").as_deref(),
        Some("http://127.0.0.1:8080"),
        "posted to the app's origin only"
    );
    let list: Vec<String> = serde_json::from_str(&script_data(r, "messages").unwrap()).unwrap();
    list.iter()
        .map(|m| domain::popup::parse(m).unwrap_or_else(|e| panic!("{e}: {m}")))
        .collect()
}

#[tokio::test]
async fn a_popup_posts_the_ids_then_the_code_and_the_exchange_checks_the_ids() {
    use domain::popup::Message;
    let (app, user) = ready().await;
    let (attempt, state) = attempt(&app, &user).await;
    let d = Dialog::open_popup(&app, &attempt, &state).await;
    let login = d.page("login").await;
    assert_eq!(script_data(&login, "step").as_deref(), Some("LOGIN"));
    assert!(login.headers[header::CONTENT_SECURITY_POLICY]
        .to_str()
        .unwrap()
        .contains("script-src 'self'"));
    d.to_code("sms").await;
    assert_eq!(
        script_data(&d.page("code").await, "step").as_deref(),
        Some("PHONE_NUMBER_VERIFICATION")
    );
    let r = d.finish(&phone_code(&app).await).await;
    let messages = posted(&r);
    let [Message::Finish(ids), Message::Callback(p)] = messages.as_slice() else {
        panic!("the ids, then the code: {messages:?}")
    };
    assert_eq!(p.state.as_deref(), Some(state.as_str()));
    let code = p.code.clone().unwrap();

    // Ids that are not this code's are refused, and the right ones still work.
    let path = endpoint::EXCHANGE_CODE.path(&[&attempt.id]);
    let exchange = |ids: Value| {
        user.json(
            &app,
            "POST",
            &path,
            json!({ "code": code, "state": state, "code_verifier": VERIFIER,
                    "redirect_uri": CALLBACK, "session_info": ids }),
        )
    };
    let wrong = exchange(json!({ "phone_number_id": "pn_other", "waba_id": ids.waba_id })).await;
    assert_eq!(
        wrong.status,
        StatusCode::UNPROCESSABLE_ENTITY,
        "{}",
        wrong.text
    );
    let r =
        exchange(json!({ "phone_number_id": ids.phone_number_id, "waba_id": ids.waba_id })).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.text);
    assert_eq!(r.body["number"]["id"], ids.phone_number_id.as_str());
    assert_eq!(r.body["number"]["waba_id"], ids.waba_id.as_str());
}

#[tokio::test]
async fn a_popup_can_post_the_code_first_and_a_cancel_names_the_step() {
    use domain::popup::Message;
    let (app, user) = ready().await;
    mode(&app, "code_before_session_info").await;
    let (attempt, state) = attempt(&app, &user).await;
    let d = Dialog::open_popup(&app, &attempt, &state).await;
    d.to_code("sms").await;
    let messages = posted(&d.finish(&phone_code(&app).await).await);
    assert!(
        matches!(
            messages.as_slice(),
            [Message::Callback(_), Message::Finish(_)]
        ),
        "{messages:?}"
    );

    let (attempt, state) = self::attempt(&app, &user).await;
    let d = Dialog::open_popup(&app, &attempt, &state).await;
    d.to_phone().await;
    let messages = posted(&d.post("cancel", &[]).await);
    let [_, _] = messages.as_slice() else {
        panic!("{messages:?}")
    };
    assert!(messages.contains(&Message::Cancel {
        step: Some("PHONE_NUMBER_SETUP".into())
    }));
    assert!(messages.iter().any(|m| matches!(m, Message::Callback(p)
        if p.error_reason.as_deref() == Some("user_denied") && p.state.as_deref() == Some(state.as_str()))));
}

#[tokio::test]
async fn a_display_other_than_page_or_popup_is_refused() {
    let (app, user) = ready().await;
    let (attempt, state) = attempt(&app, &user).await;
    let url = dialog_url(
        &attempt.config,
        &state,
        CHALLENGE,
        &extras_json(&attempt.prefill),
    ) + "&display=touch";
    let r = get(&app, path_of(&url)).await;
    assert_eq!(r.status, StatusCode::BAD_REQUEST, "{}", r.text);
    assert!(r.text.contains("The display must be page or popup."));
}
