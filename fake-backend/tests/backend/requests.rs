//! Requesting a channel as the Configuration Manager does: the legal terms come
//! first, and the request mails the messaging platform's (CPaaS) login details
//! to an account that has no login yet, a short note to one that has.

use crate::common;

use axum::http::StatusCode;
use axum::Router;
use common::*;
use domain::eligibility::TERMS_FIRST;
use domain::endpoint;
use domain::testing as fake_backend_testing;
use fake_backend::seed::{NEW_EMAIL, UNSIGNED_EMAIL, X6_EMAIL};
use serde_json::{json, Value};

/// The dev mailbox, newest first.
async fn mailbox(app: &Router) -> Vec<Value> {
    get(app, "/dev/mailbox.json")
        .await
        .body
        .as_array()
        .unwrap()
        .clone()
}

/// The messages to `to` with `subject`, newest first.
async fn mails(app: &Router, to: &str, subject: &str) -> Vec<Value> {
    mailbox(app)
        .await
        .into_iter()
        .filter(|m| m["to"] == to && m["subject"] == subject)
        .collect()
}

async fn request(app: &Router, user: &User, name: &str, script: &str) -> Reply {
    user.json(
        app,
        "POST",
        endpoint::REQUEST_CHANNEL.route,
        json!({ "name": name, "routing_script_id": script }),
    )
    .await
}

async fn channels_of(app: &Router, user: &User) -> usize {
    let r = user.get(app, endpoint::CHANNELS.route).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.text);
    r.body.as_array().unwrap().len()
}

#[tokio::test]
async fn without_signed_terms_a_request_is_refused_with_the_way_forward() {
    let app = app();
    reset(&app).await;
    let user = login(&app, UNSIGNED_EMAIL).await;
    let before = mailbox(&app).await.len();
    // A good request, and a bad one: the terms are checked before the answers.
    for (name, script) in [("Care", "rs_con_care"), ("", "")] {
        let r = request(&app, &user, name, script).await;
        assert_eq!(r.status, StatusCode::FORBIDDEN, "{}", r.text);
        assert_eq!(error_shape(&r.body), Ok(()));
        assert_eq!(r.code(), Some("forbidden"));
        assert_eq!(r.body["message"], TERMS_FIRST);
        assert!(TERMS_FIRST.contains("Your sales representative asks the Deal Desk"));
    }
    assert_eq!(channels_of(&app, &user).await, 0);
    assert_eq!(mailbox(&app).await.len(), before, "no mail");

    // Asking for the terms is not signing them.
    let r = user
        .send(&app, "POST", endpoint::REQUEST_TERMS.route, None)
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.text);
    let r = request(&app, &user, "Care", "rs_con_care").await;
    assert_eq!(r.status, StatusCode::FORBIDDEN);
    assert_eq!(r.body["message"], TERMS_FIRST);

    // A licence without WhatsApp is refused for the licence, before the terms.
    let x6 = login(&app, X6_EMAIL).await;
    let r = request(&app, &x6, "Main", "rs_fab_main").await;
    assert_eq!(r.status, StatusCode::FORBIDDEN);
    assert_eq!(error_shape(&r.body), Ok(()));
    assert!(r.body["message"]
        .as_str()
        .unwrap()
        .starts_with("Your contact-centre licence (X6) does not include WhatsApp."));
}

#[tokio::test]
async fn the_first_request_mails_the_cpaas_login_details_and_later_ones_a_short_note() {
    let app = app();
    reset(&app).await;
    let user = login(&app, NEW_EMAIL).await;
    assert!(mails(&app, NEW_EMAIL, "Your CPaaS login details")
        .await
        .is_empty());

    let r = request(&app, &user, "Helpdesk", "rs_lit_help").await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.text);
    let login_mails = mails(&app, NEW_EMAIL, "Your CPaaS login details").await;
    assert_eq!(login_mails.len(), 1, "{login_mails:?}");
    let body = login_mails[0]["body"].as_str().unwrap();
    assert!(
        body.contains("Your WhatsApp channel request was received"),
        "{body}"
    );
    assert!(body.contains(&format!("log in as {NEW_EMAIL}")), "{body}");
    let link = login_mails[0]["links"][0].as_str().unwrap();
    let token = link
        .strip_prefix("http://127.0.0.1:8080/set-password?token=")
        .unwrap_or_else(|| panic!("a set-password link: {link}"));
    assert!(
        mails(&app, NEW_EMAIL, "Your WhatsApp channel was requested")
            .await
            .is_empty()
    );

    // The link works: it is for this user, and sets the password that logs in.
    let path = format!("/api/password-links/{token}");
    let r = get(&app, &path).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.text);
    assert_eq!(r.body["email"], NEW_EMAIL);
    let password = "sunlit harbour kettle 42";
    let r = post_json(&app, &path, json!({ "password": password })).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.text);
    // A new password ends the other sessions; setting it logged this browser in.
    let user = User {
        cookie: r.headers[axum::http::header::SET_COOKIE]
            .to_str()
            .unwrap()
            .split(';')
            .next()
            .unwrap()
            .to_string(),
        csrf: r.body["csrf_token"].as_str().unwrap().to_string(),
    };
    let r = post_json(
        &app,
        endpoint::LOG_IN.route,
        json!({ "email": NEW_EMAIL, "password": password }),
    )
    .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.text);

    // The account has its login now: the next request gets the short note only.
    let r = request(&app, &user, "Billing", "rs_lit_help").await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.text);
    let reference = r.body["reference"].as_str().unwrap().to_string();
    assert_eq!(
        mails(&app, NEW_EMAIL, "Your CPaaS login details")
            .await
            .len(),
        1
    );
    let notes = mails(&app, NEW_EMAIL, "Your WhatsApp channel was requested").await;
    assert_eq!(notes.len(), 1);
    let body = notes[0]["body"].as_str().unwrap();
    assert!(
        body.contains(&format!(
            "Your WhatsApp channel Billing was requested in the Configuration Manager (reference {reference})"
        )),
        "{body}"
    );
    assert!(body.contains("Chat Apps > Channels > WhatsApp"), "{body}");
}

#[tokio::test]
async fn an_account_with_a_login_gets_only_the_short_note() {
    let app = app();
    reset(&app).await;
    let user = login(&app, EMAIL).await;
    let r = request(&app, &user, "Sales", "rs_sales").await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.text);
    assert!(mails(&app, EMAIL, "Your CPaaS login details")
        .await
        .is_empty());
    assert_eq!(
        mails(&app, EMAIL, "Your WhatsApp channel was requested")
            .await
            .len(),
        1
    );
}

#[tokio::test]
async fn an_account_has_at_most_its_bound_of_channels_through_the_api() {
    let app = app();
    reset(&app).await;
    let user = login(&app, EMAIL).await;
    // The test-only endpoint may go beyond the bound (scale tests)...
    let r = post_json(
        &app,
        fake_backend_testing::MANY_CHANNELS.route,
        json!({ "count": fake_backend::limits::CHANNELS_PER_ACCOUNT }),
    )
    .await;
    assert_eq!(r.status, StatusCode::NO_CONTENT, "{}", r.text);
    let before = channels_of(&app, &user).await;
    assert!(before > fake_backend::limits::CHANNELS_PER_ACCOUNT);
    // ...a request through the API may not.
    let r = request(&app, &user, "One Too Many", "rs_sales").await;
    assert_eq!(
        (r.status, r.code()),
        (StatusCode::CONFLICT, Some("conflict"))
    );
    assert!(
        r.body["message"]
            .as_str()
            .unwrap()
            .contains("the most one account can have"),
        "{}",
        r.text
    );
    assert_eq!(channels_of(&app, &user).await, before);
}
