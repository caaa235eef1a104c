//! The app's side of the sign-up: starting an attempt, the code exchange (once,
//! only while the code lives, only what it can trust), the callback page and the
//! bound on attempts per channel.

use crate::common;

use axum::http::{header, StatusCode};
use axum::Router;
use common::dialog::*;
use common::{advance_clock, config, eligible, get, login, post_json, Reply, User};
use domain::signup::SignupAttempt;
use domain::{endpoint, testing};
use fake_backend::seed::X6_EMAIL;
use fake_backend::{router, AppState, Config};
use serde_json::json;

/// A signup run through the dialog to a code the app could exchange:
/// the backend, the user, the attempt, its state and the code.
async fn issued_code() -> (Router, User, SignupAttempt, String, String) {
    let (app, user) = ready().await;
    let (attempt, state) = attempt(&app, &user).await;
    let d = Dialog::open(&app, &attempt, &state).await;
    d.to_code("sms").await;
    let r = d.finish(&phone_code(&app).await).await;
    let code = get_param(&r.back(), "code").unwrap().to_string();
    (app, user, attempt, state, code)
}

/// An exchange refused because the code's life is over.
fn assert_start_again(r: &Reply) {
    assert_eq!(
        (r.status, r.code()),
        (StatusCode::GONE, Some("code_expired"))
    );
    assert_eq!(
        r.body["message"],
        "Facebook's sign-up result expired before it reached us: start again"
    );
}

#[tokio::test]
async fn a_replayed_exchange_gets_the_first_answer_only_while_the_code_lives() {
    let (app, user, attempt, state, code) = issued_code().await;
    let first = user.exchange(&app, &attempt.id, &code, &state).await;
    assert_eq!(first.status, StatusCode::OK);
    // The app retries a lost answer: the same outcome, not a second number.
    advance_clock(&app, 60).await;
    let again = user.exchange(&app, &attempt.id, &code, &state).await;
    assert_eq!((again.status, &again.body), (StatusCode::OK, &first.body));
    // Once the code's lifetime is over, even a replay is refused with "start again".
    advance_clock(&app, 5 * 60).await;
    let late = user.exchange(&app, &attempt.id, &code, &state).await;
    assert_start_again(&late);
    assert_eq!(
        user.get(&app, endpoint::NUMBERS.route)
            .await
            .body
            .as_array()
            .map(Vec::len),
        Some(1)
    );
}

#[tokio::test]
async fn a_code_without_the_tab_s_pkce_verifier_or_with_another_redirect_uri_is_refused() {
    let (app, user, attempt, state, code) = issued_code().await;
    for (verifier, redirect_uri) in [
        ("", CALLBACK),
        ("dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXK", CALLBACK),
        (VERIFIER, "http://127.0.0.1:8080/elsewhere"),
        (VERIFIER, ""),
    ] {
        let r = user
            .exchange_with(&app, &attempt.id, &code, &state, verifier, redirect_uri)
            .await;
        assert_eq!(
            (r.status, r.code()),
            (StatusCode::UNPROCESSABLE_ENTITY, Some("validation")),
            "{verifier:?} {redirect_uri:?}"
        );
    }
    assert_eq!(
        user.get(&app, endpoint::NUMBERS.route).await.body,
        json!([])
    );
    // The right verifier still works: the refusals used nothing up.
    let r = user.exchange(&app, &attempt.id, &code, &state).await;
    assert_eq!(r.status, StatusCode::OK);
}

#[tokio::test]
async fn the_exchange_refuses_what_it_cannot_trust() {
    let (app, user, attempt, state, code) = issued_code().await;

    let r = user.exchange(&app, &attempt.id, &code, &new_state()).await;
    assert_eq!(
        (r.status, r.code()),
        (StatusCode::FORBIDDEN, Some("state_mismatch"))
    );
    let r = user.exchange(&app, &attempt.id, "made-up", &state).await;
    assert_eq!(
        (r.status, r.code()),
        (StatusCode::UNPROCESSABLE_ENTITY, Some("validation"))
    );
    assert_eq!(
        r.body["message"],
        "This sign-up result is not valid: start again"
    );
    let r = user.exchange(&app, "sa_unknown", &code, &state).await;
    assert_eq!(r.status, StatusCode::NOT_FOUND);
    let r = user
        .json(
            &app,
            "POST",
            &endpoint::EXCHANGE_CODE.path(&[&attempt.id]),
            json!({ "code": 1 }),
        )
        .await;
    assert_eq!(r.status, StatusCode::BAD_REQUEST);

    advance_clock(&app, 5 * 60 + 1).await;
    let r = user.exchange(&app, &attempt.id, &code, &state).await;
    assert_start_again(&r);
    assert_eq!(
        user.get(&app, endpoint::NUMBERS.route).await.body,
        json!([])
    );
    let channels = user.get(&app, endpoint::CHANNELS.route).await;
    assert_eq!(channels.body[0]["channel"]["state"], "facebook_signup");
}

#[tokio::test]
async fn starting_needs_eligibility_a_complete_profile_and_a_good_state() {
    let (app, user) = eligible().await;
    let r = user.start(&app, &new_state()).await;
    assert_eq!(
        (r.status, r.code()),
        (StatusCode::CONFLICT, Some("conflict"))
    );
    assert_eq!(
        r.body["message"],
        "Confirm your business profile before continuing to Facebook"
    );
    let r = user.get(&app, endpoint::NUMBERS.route).await;
    assert_eq!((r.status, &r.body), (StatusCode::OK, &json!([])));

    let (app, user) = ready().await;
    for bad in ["", "abc", &"g".repeat(32), &"a".repeat(31)] {
        let r = user.start(&app, bad).await;
        assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{bad}");
        assert_eq!(r.body["fields"][0]["field"], "state");
    }
    let r = user
        .json(
            &app,
            "POST",
            &endpoint::START_SIGNUP.path(&["ch_nope"]),
            json!({ "state": new_state() }),
        )
        .await;
    assert_eq!(r.status, StatusCode::NOT_FOUND);
    // The same state again is the same attempt; a retry from Facebook signup is fine.
    let state = new_state();
    let a = user.start(&app, &state).await;
    let b = user.start(&app, &state).await;
    assert_eq!(
        (b.status, &b.body["id"]),
        (StatusCode::CREATED, &a.body["id"])
    );
    let c = user.start(&app, &new_state()).await;
    assert_eq!(c.status, StatusCode::CREATED);
    assert_ne!(c.body["id"], a.body["id"]);

    // Withdrawing the Facebook business confirmation blocks it.
    user.confirm_facebook_business(&app, false).await;
    let r = user.start(&app, &new_state()).await;
    assert_eq!(
        (r.status, r.code()),
        (StatusCode::FORBIDDEN, Some("forbidden"))
    );
    // Another account's channel does not exist for it.
    let other = login(&app, X6_EMAIL).await;
    let r = other.start(&app, &new_state()).await;
    assert_eq!(r.status, StatusCode::NOT_FOUND);
    // The mode switch is test-only input like the rest.
    let r = post_json(
        &app,
        testing::FACEBOOK_MODE.route,
        json!({ "mode": "bogus" }),
    )
    .await;
    assert_eq!(r.status, StatusCode::BAD_REQUEST);
}

#[tokio::test]
async fn the_callback_is_the_app_s_own_page() {
    let dir = std::env::temp_dir().join(format!("fb-callback-{}", new_state()));
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(dir.join("index.html"), "<!doctype html><title>app</title>").unwrap();
    let app = router(AppState::new(Config {
        static_dir: Some(dir.clone()),
        ..config()
    }));
    let r = get(&app, "/facebook/callback?code=abc&state=def").await;
    assert_eq!(r.status, StatusCode::OK);
    assert!(r.text.contains("<title>app</title>"));
    let csp = r.headers[header::CONTENT_SECURITY_POLICY].to_str().unwrap();
    assert_eq!(csp, fake_backend::origin::APP_CSP, "the app's own policy");
    // The dialog keeps its own.
    let r = get(&app, &link_with("none", None)).await;
    assert_eq!(r.status, StatusCode::SEE_OTHER);
    let csp = r.headers[header::CONTENT_SECURITY_POLICY].to_str().unwrap();
    assert!(csp.starts_with("default-src 'none'"), "{csp}");
    std::fs::remove_dir_all(dir).unwrap();
}

#[tokio::test]
async fn a_channel_keeps_at_most_its_bound_of_signup_attempts() {
    let (app, user) = ready().await;
    for _ in 0..fake_backend::limits::SIGNUP_ATTEMPTS_PER_CHANNEL + 5 {
        attempt(&app, &user).await;
    }
    let r = get(&app, testing::STATE.route).await;
    let kept = r.body["data"]["signup_attempts"].as_array().unwrap().len();
    assert_eq!(kept, fake_backend::limits::SIGNUP_ATTEMPTS_PER_CHANNEL);
}
