//! Facebook's Embedded Signup, driven in-process: the app's endpoints (start an
//! attempt, exchange the code once, the registered numbers) and the simulated
//! dialog, step by step, by plain form posts as a browser without JavaScript
//! would send them.

use crate::common;

use axum::http::{header, StatusCode};
use common::dialog::*;
use common::{advance_clock, get, login, CHANNEL};
use domain::{endpoint, testing};
use fake_backend::seed::X6_EMAIL;
use serde_json::{json, Value};

#[tokio::test]
async fn the_whole_signup_registers_the_number_exactly_once() {
    let (app, user) = ready().await;
    let r = user.get(&app, endpoint::SIGNUP_CONFIG.route).await;
    assert_eq!(r.status, StatusCode::OK);
    assert_eq!(
        r.body,
        json!({
            "app_id": "1234567890123456",
            "config_id": "sim-config-1",
            "graph_api_version": "v21.0",
            "redirect_uri": CALLBACK,
            "dialog_base_url": "http://localhost:3000/facebook",
        })
    );
    assert_eq!(
        get(&app, endpoint::SIGNUP_CONFIG.route).await.status,
        StatusCode::UNAUTHORIZED
    );

    let (attempt, state) = attempt(&app, &user).await;
    assert_eq!(attempt.channel_id, CHANNEL);
    assert!(attempt.id.len() > 40, "unguessable: {}", attempt.id);
    let p = &attempt.prefill;
    assert_eq!(
        (p.phone_code.as_str(), p.phone_number.as_str()),
        ("44", "7400123456")
    );
    assert_eq!(p.business_name, "Northwind Contact Centre");
    assert_eq!(p.category, "PROF_SERVICES");
    assert_eq!(p.description, "Questions about your order and returns.");
    assert_eq!(p.email, "help@northwind.example.com");
    assert_eq!(p.country, "GB");
    let channels = user.get(&app, endpoint::CHANNELS.route).await;
    assert_eq!(channels.body[0]["channel"]["state"], "facebook_signup");

    let d = Dialog::open(&app, &attempt, &state).await;
    // Step 1: log in; empty fields are named.
    let r = d.page("login").await;
    assert_eq!(r.h1(), "Log in to Facebook");
    assert!(r.text.contains(
        "Simulated Facebook dialog for local development and tests: this is not Facebook"
    ));
    let r = d.post("login", &[("email", " "), ("password", "")]).await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(r
        .text
        .contains("role=\"alert\">Enter your email address</p>"));
    assert!(r.text.contains("role=\"alert\">Enter your password</p>"));
    // Steps the user has not reached send them back to where they are.
    let r = d.page("code").await;
    assert_eq!(r.location(), Some(format!("{}/login", d.base).as_str()));
    d.pass(
        "login",
        &[("email", "owner@northwind.example"), ("password", "pw")],
        "permissions",
    )
    .await;
    // Step 2: the business details and the partner's name and image; Continue
    // gives the permission.
    let r = d.page("permissions").await;
    assert_eq!(
        r.h1(),
        "8x8 would like to access your WhatsApp Business account"
    );
    assert!(r.text.contains("<p class=\"progress\">Step 2 of 7</p>"));
    assert!(r.text.contains("<h2>Your business</h2>"), "{}", r.text);
    assert!(r
        .text
        .contains("<dt>Business</dt><dd>Northwind Contact Centre</dd>"));
    assert!(r
        .text
        .contains("<dt>Phone number</dt><dd>+44 7400 123456</dd>"));
    assert!(r
        .text
        .contains("<img class=\"partner-logo\" src=\"/facebook/partner.svg\" alt=\"8x8 logo\""));
    assert!(r
        .text
        .contains("Select Continue to give 8x8 this permission."));
    let logo = get(&app, "/facebook/partner.svg").await;
    assert_eq!(logo.status, StatusCode::OK);
    assert_eq!(logo.headers[header::CONTENT_TYPE], "image/svg+xml");
    assert!(logo.text.contains(">8x8</text>"), "{}", logo.text);
    // Step 3 is not reached before the permission is given.
    let r = d.page("permission-given").await;
    assert_eq!(
        r.location(),
        Some(format!("{}/permissions", d.base).as_str())
    );
    d.pass("permissions", &[], "permission-given").await;
    // Step 3: the permission, confirmed.
    let r = d.page("permission-given").await;
    assert_eq!(r.h1(), "You gave 8x8 permission");
    assert!(r.text.contains(
        "8x8 can now manage your WhatsApp Business account and its phone numbers, and send \
         and receive WhatsApp messages for Northwind Contact Centre."
    ));
    d.pass("permission-given", &[], "business-name").await;
    // Step 4: the legal name, pre-filled and editable.
    let r = d.page("business-name").await;
    assert_eq!(r.h1(), "Confirm your legal business name");
    assert!(r
        .text
        .contains("<label for=\"legal_name\">Legal business name</label>"));
    assert!(r.text.contains("value=\"Northwind Contact Centre\""));
    let r = d.post("business-name", &[("legal_name", "  ")]).await;
    assert!(r.text.contains("Enter your legal business name"));
    d.pass(
        "business-name",
        &[("legal_name", "Northwind Contact Centre Ltd")],
        "description",
    )
    .await;
    // Step 5: the description, pre-filled, edited, at most 512 characters.
    let r = d.page("description").await;
    assert_eq!(r.h1(), "Confirm your business description");
    assert!(r
        .text
        .contains(">Questions about your order and returns.</textarea>"));
    let r = d
        .post("description", &[("description", &"x".repeat(513))])
        .await;
    assert!(r
        .text
        .contains("Description must be 512 characters or fewer"));
    d.pass(
        "description",
        &[("description", "Orders, returns\r\nand refunds.")],
        "phone-number",
    )
    .await;
    // Step 6: the number, pre-filled, and how to send the code; Confirm sends it.
    let r = d.page("phone-number").await;
    assert_eq!(r.h1(), "Verify your phone number");
    assert!(r.text.contains("value=\"+44 7400 123456\""));
    assert!(r
        .text
        .contains("<legend>How should we send the code?</legend>"));
    assert!(r
        .text
        .contains("<label for=\"method-sms\">Text message (SMS)</label>"));
    assert!(r
        .text
        .contains("<label for=\"method-voice\">Voice call</label>"));
    assert!(r.text.contains(">Confirm</button>"), "{}", r.text);
    assert!(!r.text.contains("Send code"));
    let r = d
        .post("phone-number", &[("phone", "12"), ("method", "sms")])
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        r.text.contains("id=\"phone-error\" role=\"alert\""),
        "{}",
        r.text
    );
    d.pass(
        "phone-number",
        &[("phone", "07400 123456"), ("method", "sms")],
        "code",
    )
    .await;
    // Step 7: the code, by SMS to the dev mailbox.
    let (subject, body) = last_message(&app, NUMBER).await.unwrap();
    assert_eq!(subject, "WhatsApp code");
    assert!(body.contains("expires in 10 minutes"), "{body}");
    let r = d.page("code").await;
    assert_eq!(r.h1(), "Enter the 6-digit code");
    assert!(r.text.contains("<label for=\"code\">Code</label>"));
    for button in [
        "Continue",
        "Send a new code",
        "Call me instead",
        "I did not get a code",
        "Cancel",
    ] {
        assert!(r.text.contains(&format!(">{button}</button>")), "{button}");
    }
    let code = phone_code(&app).await;
    d.pass("code", &[("code", &code)], "registered").await;
    // Step 8: registered, and back with a code and the same state.
    let r = d.page("registered").await;
    assert_eq!(
        r.h1(),
        "Your number +44 7400 123456 is registered with WhatsApp"
    );
    let r = d.post("registered", &[]).await;
    assert_back(&r, &state, &[]);
    let q = r.back();
    let code = get_param(&q, "code").expect("a code").to_string();
    assert_eq!(q.len(), 2, "only code and state: {q:?}");
    // The flow is over.
    assert_eq!(d.page("registered").await.status, StatusCode::GONE);
    assert_eq!(d.post("cancel", &[]).await.status, StatusCode::GONE);

    // The profile says where the channel stands: in the sign-up until the exchange.
    let profile = user.get(&app, &endpoint::PROFILE.path(&[CHANNEL])).await;
    assert_eq!(profile.body["channel_state"], "facebook_signup");

    // The exchange registers the number, once.
    let first = user.exchange(&app, &attempt.id, &code, &state).await;
    assert_eq!(first.status, StatusCode::OK, "{}", first.text);
    let n = &first.body["number"];
    assert_eq!(first.body["channel_id"], CHANNEL);
    assert_eq!(n["e164"], NUMBER);
    // As WhatsApp shows it (libphonenumber's international format).
    assert_eq!(n["display"], "+44 7400 123456");
    assert_eq!(n["business_name"], "Northwind Contact Centre Ltd");
    assert_eq!(n["channel_id"], Value::Null);
    assert!(n["id"].as_str().unwrap().starts_with("pn_"));
    assert!(n["waba_id"].as_str().unwrap().starts_with("waba_"));
    let again = user.exchange(&app, &attempt.id, &code, &state).await;
    assert_eq!((again.status, &again.body), (StatusCode::OK, &first.body));
    let numbers = user.get(&app, endpoint::NUMBERS.route).await;
    assert_eq!(numbers.body, json!([n.clone()]));
    let channels = user.get(&app, endpoint::CHANNELS.route).await;
    assert_eq!(channels.body[0]["channel"]["state"], "number_registered");
    let profile = user.get(&app, &endpoint::PROFILE.path(&[CHANNEL])).await;
    assert_eq!(
        profile.body["draft"]["description"],
        "Orders, returns\nand refunds."
    );
    // ...and the review's next step is no longer Facebook's.
    assert_eq!(profile.body["channel_state"], "number_registered");
    let state_view = get(&app, testing::STATE.route).await;
    assert!(state_view.body["data"]["whatsapp_numbers"]
        .as_array()
        .unwrap()
        .contains(&json!(NUMBER)));
    assert!(!state_view.text.contains(&code), "codes are redacted");
    assert!(!state_view.text.contains(&state), "states are redacted");

    // Another account cannot see the attempt or the numbers.
    let other = login(&app, X6_EMAIL).await;
    let r = other.exchange(&app, &attempt.id, &code, &state).await;
    assert_eq!(
        (r.status, r.code()),
        (StatusCode::NOT_FOUND, Some("not_found"))
    );
    assert_eq!(
        other.get(&app, endpoint::NUMBERS.route).await.body,
        json!([])
    );

    // The same link run again gives a second code, which cannot be used any more.
    let d2 = Dialog::open(&app, &attempt, &state).await;
    d2.to_phone().await;
    let r = d2
        .post(
            "phone-number",
            &[("phone", "+44 7400 654321"), ("method", "sms")],
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER);
    let code2 = code_sent_to(&app, "+447400654321").await;
    let r = d2.finish(&code2).await;
    let second = get_param(&r.back(), "code").unwrap().to_string();
    let r = user.exchange(&app, &attempt.id, &second, &state).await;
    assert_eq!(
        (r.status, r.code()),
        (StatusCode::CONFLICT, Some("conflict"))
    );
    assert_eq!(
        user.get(&app, endpoint::NUMBERS.route).await.body,
        json!([n.clone()])
    );

    // With a number registered, the channel does not go back to Facebook.
    let r = user.start(&app, &new_state()).await;
    assert_eq!(
        (r.status, r.code()),
        (StatusCode::CONFLICT, Some("conflict"))
    );
}

#[tokio::test]
async fn a_voice_call_instead_of_a_text_message() {
    let (app, user) = ready().await;
    let (attempt, state) = attempt(&app, &user).await;
    let d = Dialog::open(&app, &attempt, &state).await;
    d.to_code("voice").await;
    let (subject, body) = last_message(&app, NUMBER).await.unwrap();
    assert_eq!(subject, "WhatsApp voice call");
    assert!(body.contains("Your WhatsApp code is "), "{body}");
    let page = d.page("code").await;
    assert!(page.text.contains("We are calling +44 7400 123456"));
    assert!(page.text.contains(">Text me instead</button>"));
    let voice = phone_code(&app).await;

    // A switch is a new code too: it waits the 30 seconds a resend waits.
    let r = d.post("switch", &[]).await;
    assert_eq!(r.status, StatusCode::TOO_MANY_REQUESTS);
    assert!(r.text.contains("You can ask for a new code in 30 seconds"));
    assert_eq!(phone_code(&app).await, voice, "no new code");
    advance_clock(&app, 30).await;

    // Switching sends a new code the other way; the old one no longer works.
    d.pass("switch", &[], "code").await;
    let (subject, _) = last_message(&app, NUMBER).await.unwrap();
    assert_eq!(subject, "WhatsApp code");
    let page = d.page("code").await;
    assert!(page.text.contains(">Call me instead</button>"));
    assert!(page
        .text
        .contains("We sent a new 6-digit code by text message (SMS)"));
    let sms = phone_code(&app).await;
    if sms != voice {
        let r = d.post("code", &[("code", &voice)]).await;
        assert!(r.text.contains("That code is not right."));
    }
    // And back to a call (after the wait), which is the code that counts.
    advance_clock(&app, 30).await;
    d.post("switch", &[]).await;
    let (subject, _) = last_message(&app, NUMBER).await.unwrap();
    assert_eq!(subject, "WhatsApp voice call");
    let r = d.finish(&phone_code(&app).await).await;
    assert_back(&r, &state, &[]);
    let code = get_param(&r.back(), "code").unwrap().to_string();
    let r = user.exchange(&app, &attempt.id, &code, &state).await;
    assert_eq!(r.status, StatusCode::OK);
}
