//! A hand-off link's life: it expires after 72 hours (or the backend's setting),
//! a resend or a new send voids the old one, a cancelled one stops working, and
//! a channel gets at most 5 in any 24 hours. Each link's session goes with it.

use crate::common;

use axum::http::{header, StatusCode};
use common::dialog::new_state;
use common::handoff::*;
use common::{advance_clock, config, confirm_profile, login, reset, CHANNEL, EMAIL};
use domain::endpoint::{self};
use domain::handoff::SENDS_PER_DAY;
use fake_backend::{router, AppState};
use serde_json::{json, Value};

#[tokio::test]
async fn a_link_expires_after_72_hours_and_its_session_with_it() {
    let (app, _, owner) = at_facebook_step().await;
    let (_, token) = sent(&app, &owner).await;
    advance_clock(&app, HOURS_72 - 1).await;
    let kim = colleague(&app, &token).await;
    let owner = later(&app, 1).await;
    let r = open(&app, &token).await;
    assert_gone(&r, "handoff_expired");
    assert_eq!(
        r.body["message"],
        "This link has expired: links work for 72 hours after they are sent."
    );
    // The session opened in time ends with its hand-off, and says why.
    let r = kim.get(&app, endpoint::SIGNUP_CONFIG.route).await;
    assert_gone(&r, "handoff_expired");
    assert!(r.headers[header::SET_COOKIE]
        .to_str()
        .unwrap()
        .contains("Max-Age=0"));
    assert_eq!(
        kim.get(&app, endpoint::SESSION.route).await.status,
        StatusCode::UNAUTHORIZED
    );
    assert_eq!(handoff_of(&app, &owner).await.body["status"], "expired");
    // An expired hand-off can be sent again.
    let r = resend(&app, &owner).await;
    assert_eq!(
        (r.status, &r.body["status"]),
        (StatusCode::CREATED, &json!("waiting"))
    );
    colleague(&app, &newest_token(&app).await).await;
}

#[tokio::test]
async fn the_backend_can_be_started_with_another_lifetime() {
    let state = AppState::new(config()).with_handoff_lifetime(3600);
    state.clock.freeze();
    let app = router(state.clone());
    reset(&app).await;
    let owner = login(&app, EMAIL).await;
    let r = owner.confirm_facebook_business(&app, true).await;
    assert_eq!(r.status, StatusCode::OK);
    confirm_profile(&app, &owner).await;
    let (handoff, token) = sent(&app, &owner).await;
    assert_eq!(handoff["expires_at"], state.clock.now() + 3600);
    let mail = newest_mail(&app, COLLEAGUE).await;
    assert!(mail["body"]
        .as_str()
        .unwrap()
        .contains("expires in 1 hour."));
    advance_clock(&app, 3600).await;
    let r = open(&app, &token).await;
    assert_gone(&r, "handoff_expired");
    assert_eq!(
        r.body["message"],
        "This link has expired: links work for 1 hour after they are sent."
    );
}

#[tokio::test]
async fn a_resend_or_a_new_send_voids_the_old_link_and_its_session() {
    let (app, _, owner) = at_facebook_step().await;
    let (first, old) = sent(&app, &owner).await;
    let kim = colleague(&app, &old).await;
    let r = resend(&app, &owner).await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.text);
    assert_ne!(r.body["id"], first["id"]);
    assert_eq!(
        (&r.body["email"], &r.body["message"], &r.body["status"]),
        (&first["email"], &first["message"], &json!("waiting"))
    );
    let new = newest_token(&app).await;
    assert_ne!(new, old);
    let r = open(&app, &old).await;
    assert_gone(&r, "handoff_replaced");
    assert_eq!(
        r.body["message"],
        "A newer link was sent for this Facebook step, so this one no longer works. Use the link in the newest email."
    );
    assert_gone(
        &kim.get(&app, endpoint::CURRENT_HANDOFF.route).await,
        "handoff_replaced",
    );
    // The new link works; sending to someone else replaces it in turn.
    let kim = colleague(&app, &new).await;
    let r = send(&app, &owner, json!({ "email": "lee@northwind.example" })).await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.text);
    assert_eq!(r.body["message"], Value::Null);
    assert_gone(&open(&app, &new).await, "handoff_replaced");
    assert_gone(
        &kim.get(&app, endpoint::SESSION.route).await,
        "handoff_replaced",
    );
    assert_eq!(
        handoff_of(&app, &owner).await.body["email"],
        "lee@northwind.example"
    );
}

#[tokio::test]
async fn a_cancelled_link_and_its_session_stop_working() {
    let (app, _, owner) = at_facebook_step().await;
    let (handoff, token) = sent(&app, &owner).await;
    let kim = colleague(&app, &token).await;
    let cancel = endpoint::CANCEL_HANDOFF.path(&[CHANNEL]);
    let r = owner.send(&app, "DELETE", &cancel, None).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.text);
    assert_eq!(
        (&r.body["id"], &r.body["status"]),
        (&handoff["id"], &json!("cancelled"))
    );
    let r = open(&app, &token).await;
    assert_gone(&r, "handoff_cancelled");
    assert_eq!(
        r.body["message"],
        "The person who sent this link cancelled it, so it no longer works."
    );
    let state = new_state();
    assert_gone(
        &kim.start_signup(&app, CHANNEL, &state).await,
        "handoff_cancelled",
    );
    // Cancelling again answers the same.
    let again = owner.send(&app, "DELETE", &cancel, None).await;
    assert_eq!(
        (again.status, &again.body["status"]),
        (StatusCode::OK, &json!("cancelled"))
    );
    assert_eq!(handoff_of(&app, &owner).await.body["status"], "cancelled");
}

#[tokio::test]
async fn at_most_5_links_a_channel_in_any_24_hours() {
    let (app, _, mut owner) = at_facebook_step().await;
    for i in 0..SENDS_PER_DAY {
        let r = if i % 2 == 0 {
            send(&app, &owner, json!({ "email": COLLEAGUE })).await
        } else {
            resend(&app, &owner).await
        };
        assert_eq!(r.status, StatusCode::CREATED, "send {i}: {}", r.text);
        owner = later(&app, 3600).await;
    }
    // The sixth, an hour after the fifth: the first leaves the window in 20 hours.
    let token = newest_token(&app).await;
    for r in [
        send(&app, &owner, json!({ "email": COLLEAGUE })).await,
        resend(&app, &owner).await,
    ] {
        assert_eq!(
            (r.status, r.code()),
            (StatusCode::TOO_MANY_REQUESTS, Some("rate_limited"))
        );
        assert_eq!(
            r.headers[header::RETRY_AFTER],
            (19 * 3600).to_string().as_str()
        );
    }
    // Refused sends void nothing.
    colleague(&app, &token).await;
    let owner = later(&app, 19 * 3600 - 1).await;
    let r = send(&app, &owner, json!({ "email": COLLEAGUE })).await;
    assert_eq!(r.headers[header::RETRY_AFTER], "1");
    let owner = later(&app, 1).await;
    let r = send(&app, &owner, json!({ "email": COLLEAGUE })).await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.text);
}
