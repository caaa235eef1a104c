//! Handing a channel's Facebook step to a colleague: the owner sends a link, the
//! colleague opens it without an account, runs the simulated dialog and
//! exchanges the code under a session that can do nothing else; the owner sees
//! the number and gets an email. The links' lifetime, voiding and daily limit are
//! in `handoff_links.rs`. Every answer is checked against the contract
//! ([`common::call`]).

use crate::common;

use axum::http::{header, StatusCode};
use common::dialog::{new_state, CALLBACK, NUMBER};
use common::handoff::*;
use common::{advance_clock, confirm_profile, eligible_with_state, get, login, CHANNEL, EMAIL};
use domain::endpoint::{self, Method};
use domain::handoff::SESSION_MAY_CALL;
use domain::testing;
use fake_backend::seed::X6_EMAIL;
use serde_json::{json, Value};

#[tokio::test]
async fn the_colleague_does_the_facebook_step_and_the_owner_confirms_the_number() {
    let (app, state, owner) = at_facebook_step().await;
    let now = state.clock.now();
    // Nobody asked yet: 200 with null (contract 1.3.0), not a failed request.
    let none = handoff_of(&app, &owner).await;
    assert_eq!((none.status, &none.body), (StatusCode::OK, &Value::Null));

    // The owner asks a colleague.
    let (handoff, token) = sent(&app, &owner).await;
    assert_eq!(handoff["channel_id"], CHANNEL);
    assert_eq!(handoff["email"], COLLEAGUE);
    assert_eq!(handoff["message"], "Could you do the Facebook part?");
    assert_eq!(handoff["status"], "waiting");
    assert_eq!(handoff["sent_at"], now);
    assert_eq!(handoff["expires_at"], now + HOURS_72);
    assert_eq!(handoff["completed_at"], Value::Null);
    assert_eq!(handoff_of(&app, &owner).await.body, handoff);
    let channels = owner.get(&app, endpoint::CHANNELS.route).await;
    assert_eq!(channels.body[0]["handoff"], handoff);

    // The mail says who asked, for which business and number; the token is in
    // the fragment, 256 bits, and the backend keeps only its digest.
    let mail = newest_mail(&app, COLLEAGUE).await;
    let body = mail["body"].as_str().unwrap();
    for words in [
        EMAIL,
        "Northwind Contact Centre",
        // The number as WhatsApp shows it.
        "+44 7400 123456",
        "Could you do the Facebook part?",
        "expires in 72 hours",
    ] {
        assert!(body.contains(words), "{words:?} in {body}");
    }
    assert_eq!(token.len(), 43, "32 random bytes, base64url");
    let dump = get(&app, testing::STATE.route).await.body;
    let kept = dump["data"]["handoffs"].to_string();
    assert!(!kept.contains(&token), "{kept}");
    assert!(kept.contains("\"token_hash\":\"[redacted]\""), "{kept}");
    let digest = state.store.tx(|d| d.handoffs[0].token_hash.clone());
    assert_eq!(digest, fake_backend::secrets::digest(&token));

    // The colleague opens it with no account of their own, and again (a reload).
    let first = colleague(&app, &token).await;
    let view = json!({
        "channel_id": CHANNEL,
        "requested_by": EMAIL,
        "account_name": "Northwind Contact Centre",
        "business_name": "Northwind Contact Centre",
        "phone_e164": NUMBER,
        "phone_display": "+44 7400 123456",
        "description": "Questions about your order and returns.",
        "message": "Could you do the Facebook part?",
        "expires_at": now + HOURS_72,
    });
    assert_eq!(open(&app, &token).await.body, view);
    assert_eq!(
        first.get(&app, endpoint::SESSION.route).await.status,
        StatusCode::UNAUTHORIZED,
        "opening again ends the earlier session of the hand-off"
    );
    let kim = colleague(&app, &token).await;
    let session = kim.get(&app, endpoint::SESSION.route).await;
    assert_eq!(session.body["email"], COLLEAGUE);
    assert_eq!(session.body["account"]["name"], "Northwind Contact Centre");
    assert_eq!(session.body["handoff_channel_id"], CHANNEL);
    assert_eq!(
        owner
            .get(&app, endpoint::SESSION.route)
            .await
            .body
            .get("handoff_channel_id"),
        None,
        "the owner's session is not a hand-off"
    );
    let current = kim.get(&app, endpoint::CURRENT_HANDOFF.route).await;
    assert_eq!((current.status, &current.body), (StatusCode::OK, &view));
    assert_eq!(
        owner
            .get(&app, endpoint::CURRENT_HANDOFF.route)
            .await
            .status,
        StatusCode::NOT_FOUND
    );
    let config = kim.get(&app, endpoint::SIGNUP_CONFIG.route).await;
    assert_eq!(config.body["redirect_uri"], CALLBACK);

    // The colleague runs the Facebook step and exchanges the code.
    let (attempt, signup_state, code) = signed_up(&app, &kim).await;
    advance_clock(&app, 90).await;
    let r = kim.exchange(&app, &attempt.id, &code, &signup_state).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.text);
    assert_eq!(r.body["number"]["e164"], NUMBER);
    assert_eq!(r.body["number"]["display"], "+44 7400 123456");
    let cleared = r.headers[header::SET_COOKIE].to_str().unwrap();
    assert!(
        cleared.starts_with("session=;") && cleared.contains("Max-Age=0"),
        "{cleared}"
    );

    // The colleague's session is over, and the link is used.
    assert_eq!(
        kim.get(&app, endpoint::SESSION.route).await.status,
        StatusCode::UNAUTHORIZED
    );
    assert_gone(&open(&app, &token).await, "handoff_used");

    // The owner sees the number, ready to confirm, and the hand-off done.
    let numbers = owner.get(&app, endpoint::NUMBERS.route).await;
    assert_eq!(numbers.body[0]["e164"], NUMBER);
    assert_eq!(numbers.body[0]["channel_id"], Value::Null);
    let channels = owner.get(&app, endpoint::CHANNELS.route).await;
    assert_eq!(channels.body[0]["channel"]["state"], "number_registered");
    let done = handoff_of(&app, &owner).await.body;
    assert_eq!(done["status"], "done");
    assert_eq!(done["completed_at"], now + 90);
    assert_eq!(channels.body[0]["handoff"], done);
    let mail = newest_mail(&app, EMAIL).await;
    assert_eq!(
        mail["subject"],
        format!("{COLLEAGUE} finished the Facebook step for Northwind Contact Centre; confirm the number")
    );
    let body = mail["body"].as_str().unwrap();
    assert!(
        body.contains("Facebook registered +44 7400 123456."),
        "{body}"
    );
    assert_eq!(
        mail["links"],
        json!(["http://127.0.0.1:8080/channels/ch_support/confirm"])
    );
    let r = owner
        .json(
            &app,
            "POST",
            endpoint::LINK.route,
            json!({ "number_id": numbers.body[0]["id"], "channel_id": CHANNEL }),
        )
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.text);
    // Nothing is left to hand over.
    let r = resend(&app, &owner).await;
    assert_eq!(r.code(), Some("not_at_facebook_step"));
}

/// A path for `route` with `channel` for a channel and `other` for any other parameter.
fn path(route: &'static str, channel: &str, other: &str) -> String {
    let address = endpoint::Endpoint::<(), ()>::new(Method::Get, route);
    let params: Vec<&str> = route
        .split('{')
        .skip(1)
        .map(|p| {
            if p.starts_with("channel_id}") {
                channel
            } else {
                other
            }
        })
        .collect();
    address.path(&params)
}

#[tokio::test]
async fn a_hand_off_session_gets_403_handoff_only_from_every_other_endpoint() {
    let (app, _, owner) = at_facebook_step().await;
    let (_, token) = sent(&app, &owner).await;
    let kim = colleague(&app, &token).await;
    // The owner starts an attempt of their own: the colleague may not exchange it.
    let owner_state = new_state();
    let r = owner.start_signup(&app, CHANNEL, &owner_state).await;
    let owners_attempt = r.body["id"].as_str().unwrap().to_string();
    let mut refused = 0;
    for a in endpoint::ALL {
        if SESSION_MAY_CALL.contains(&a) {
            continue;
        }
        let p = path(a.route, CHANNEL, &owners_attempt);
        let body = a.method.is_mutating().then(|| json!({}));
        let r = kim.send(&app, a.method.as_str(), &p, body).await;
        assert_eq!(
            (r.status, r.code()),
            (StatusCode::FORBIDDEN, Some("handoff_only")),
            "{} {p}: {}",
            a.method.as_str(),
            r.text
        );
        refused += 1;
    }
    assert_eq!(refused, endpoint::ALL.len() - SESSION_MAY_CALL.len());
    // Of the calls it may make, only its own channel's sign-up and its own attempt's code.
    let r = owner
        .json(
            &app,
            "POST",
            endpoint::REQUEST_CHANNEL.route,
            json!({ "name": "Sales", "routing_script_id": "rs_sales" }),
        )
        .await;
    let sales = r.body["id"].as_str().unwrap().to_string();
    let r = kim.start_signup(&app, &sales, &new_state()).await;
    assert_eq!(r.code(), Some("handoff_only"), "{}", r.text);
    let r = kim
        .exchange(&app, &owners_attempt, "code", &owner_state)
        .await;
    assert_eq!(r.code(), Some("handoff_only"), "{}", r.text);
    let r = kim.exchange(&app, "sa_unknown", "code", &owner_state).await;
    assert_eq!(r.code(), Some("handoff_only"), "{}", r.text);
    // No upgrade: logging in and setting a password are refused too (above), and
    // the public documents still answer; the session itself is unharmed.
    for p in [endpoint::HEALTH.route, endpoint::BRAND.route] {
        assert_eq!(kim.get(&app, p).await.status, StatusCode::OK, "{p}");
    }
    assert_eq!(
        kim.get(&app, endpoint::SESSION.route).await.status,
        StatusCode::OK
    );
    // The owner's own session is not affected, and logging out ends the colleague's.
    assert_eq!(
        owner.get(&app, endpoint::CHANNELS.route).await.status,
        StatusCode::OK
    );
    let r = kim
        .send(&app, "DELETE", endpoint::LOG_OUT.route, None)
        .await;
    assert_eq!(r.status, StatusCode::NO_CONTENT);
    assert_eq!(
        kim.get(&app, endpoint::SESSION.route).await.status,
        StatusCode::UNAUTHORIZED
    );
}

#[tokio::test]
async fn sends_are_validated() {
    let (app, _, owner) = at_facebook_step().await;
    let long = "x".repeat(501);
    for (body, fields) in [
        (json!({ "email": "" }), vec!["email"]),
        (json!({ "email": "kim@" }), vec!["email"]),
        (json!({ "email": "kim@localhost" }), vec!["email"]),
        (
            json!({ "email": COLLEAGUE, "message": long }),
            vec!["message"],
        ),
        (
            json!({ "email": "nope", "message": "a\u{202E}b" }),
            vec!["email", "message"],
        ),
    ] {
        let r = send(&app, &owner, body.clone()).await;
        assert_eq!(
            (r.status, r.code(), r.fields()),
            (StatusCode::UNPROCESSABLE_ENTITY, Some("validation"), fields),
            "{body}"
        );
    }
    let r = send(&app, &owner, json!({ "email": COLLEAGUE, "message": long })).await;
    assert_eq!(
        r.field("message"),
        Some("Message must be 500 characters or fewer")
    );
    // 500 characters once trimmed is fine; nothing was sent before.
    assert_eq!(handoff_of(&app, &owner).await.body, Value::Null);
    let padded = format!("  {}  ", "x".repeat(500));
    let r = send(
        &app,
        &owner,
        json!({ "email": " Kim@Northwind.Example ", "message": padded }),
    )
    .await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.text);
    assert_eq!(r.body["email"], COLLEAGUE);
    // Unknown tokens are not ours.
    let r = open(&app, "not-a-token").await;
    assert_eq!(
        (r.status, r.code()),
        (StatusCode::NOT_FOUND, Some("link_unknown"))
    );
}

#[tokio::test]
async fn only_a_channel_at_the_facebook_step_can_be_handed_over() {
    let (app, _, owner) = eligible_with_state().await;
    let body = json!({ "email": COLLEAGUE });
    // The profile is not confirmed yet.
    let r = send(&app, &owner, body.clone()).await;
    assert_eq!(
        (r.status, r.code()),
        (StatusCode::CONFLICT, Some("not_at_facebook_step"))
    );
    // Nothing to read (null), resend or cancel; another account's channel is not found.
    let none = handoff_of(&app, &owner).await;
    assert_eq!((none.status, &none.body), (StatusCode::OK, &Value::Null));
    for (method, route) in [
        ("POST", endpoint::RESEND_HANDOFF.route),
        ("DELETE", endpoint::CANCEL_HANDOFF.route),
    ] {
        let p = path(route, CHANNEL, "");
        let r = owner.send(&app, method, &p, None).await;
        let expected = if method == "POST" {
            StatusCode::CONFLICT
        } else {
            StatusCode::NOT_FOUND
        };
        assert_eq!(r.status, expected, "{method} {p}: {}", r.text);
    }
    let fabrikam = login(&app, X6_EMAIL).await;
    assert_eq!(
        send(&app, &fabrikam, body.clone()).await.status,
        StatusCode::NOT_FOUND
    );
    assert_eq!(
        handoff_of(&app, &fabrikam).await.status,
        StatusCode::NOT_FOUND
    );
    confirm_profile(&app, &owner).await;
    // The Facebook business account is withdrawn: nobody can do the step.
    owner.confirm_facebook_business(&app, false).await;
    let r = send(&app, &owner, body.clone()).await;
    assert_eq!(r.code(), Some("not_at_facebook_step"), "{}", r.text);
    owner.confirm_facebook_business(&app, true).await;
    // At the Facebook step it works; then the owner does the step themselves.
    let (_, token) = sent(&app, &owner).await;
    let kim = colleague(&app, &token).await;
    let (attempt, state, code) = signed_up(&app, &owner).await;
    assert_eq!(
        owner
            .exchange(&app, &attempt.id, &code, &state)
            .await
            .status,
        StatusCode::OK
    );
    // The link is no longer needed, and says so; nothing more can be sent.
    let r = open(&app, &token).await;
    assert_gone(&r, "handoff_cancelled");
    assert!(r.body["message"]
        .as_str()
        .unwrap()
        .contains("done another way"));
    assert_gone(
        &kim.get(&app, endpoint::SESSION.route).await,
        "handoff_cancelled",
    );
    assert_eq!(handoff_of(&app, &owner).await.body["status"], "cancelled");
    let r = send(&app, &owner, body).await;
    assert_eq!(
        (r.status, r.code()),
        (StatusCode::CONFLICT, Some("not_at_facebook_step"))
    );
}
