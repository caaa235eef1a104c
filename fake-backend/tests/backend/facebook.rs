//! Facebook's Embedded Signup, driven in-process: the app's endpoints (start an
//! attempt, exchange the code once, the registered numbers) and the simulated
//! dialog, step by step, by plain form posts as a browser without JavaScript
//! would send them.

use crate::common;

use axum::body::Body;
use axum::http::{header, Request, StatusCode};
use axum::Router;
use common::dialog::*;
use common::{
    advance_clock, app, call, config, eligible, get, login, post_json, reset, Reply, User, CHANNEL,
};
use domain::signup::SignupAttempt;
use domain::{endpoint, testing};
use fake_backend::seed::X6_EMAIL;
use fake_backend::{router, AppState, Config};
use proptest::prelude::*;
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

    // The exchange registers the number, once.
    let first = user.exchange(&app, &attempt.id, &code, &state).await;
    assert_eq!(first.status, StatusCode::OK, "{}", first.text);
    let n = &first.body["number"];
    assert_eq!(first.body["channel_id"], CHANNEL);
    assert_eq!(n["e164"], NUMBER);
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
    let r = d.post("switch", &[]).await;
    assert_eq!(r.location(), Some(format!("{}/code", d.base).as_str()));
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

/// What the code page says for an empty, a malformed and a wrong code; the code's
/// end is checked by `three_wrong_codes_end_the_code_and_a_new_one_needs_30_seconds`
/// (attempts) and `codes_expire_after_10_minutes` (time).
#[tokio::test]
async fn a_wrong_code_says_how_many_attempts_are_left_and_the_right_one_still_works() {
    let (app, user) = ready().await;
    let (attempt, state) = attempt(&app, &user).await;
    let d = Dialog::open(&app, &attempt, &state).await;
    d.to_code("sms").await;
    let right = phone_code(&app).await;
    let wrong = not(&right);

    let r = d.post("code", &[("code", "")]).await;
    assert!(r.text.contains("Enter the 6-digit code</p>"), "{}", r.text);
    let r = d.post("code", &[("code", "12ab")]).await;
    assert!(r.text.contains("Enter the code as 6 digits"));
    let r = d.post("code", &[("code", wrong)]).await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(r
        .text
        .contains("role=\"alert\">That code is not right. You have 2 attempts left.</p>"));
    assert!(r.text.contains("aria-invalid=\"true\""));
    assert!(r.text.contains("<title>Error: Enter the 6-digit code"));
    // A right code now still works.
    d.pass("code", &[("code", &right)], "registered").await;
}

/// The wait and the wrong attempts belong to the number, whatever the method:
/// switching to a call, or choosing the number again with the other method,
/// neither sends a code at once nor gives more attempts.
#[tokio::test]
async fn switching_method_neither_skips_the_wait_nor_resets_the_attempts() {
    let (app, user) = ready().await;
    let (attempt, state) = attempt(&app, &user).await;
    let d = Dialog::open(&app, &attempt, &state).await;
    d.to_code("sms").await;
    let right = phone_code(&app).await;
    let wrong = not(&right);
    for _ in 0..3 {
        d.post("code", &[("code", wrong)]).await;
    }
    let r = d.post("switch", &[]).await;
    assert_eq!(r.status, StatusCode::TOO_MANY_REQUESTS);
    assert!(r.text.contains("You can ask for a new code in 30 seconds"));
    assert_eq!(phone_code(&app).await, right, "no new code");
    let r = d.post("code", &[("code", &right)]).await;
    assert!(
        r.text.contains("The code has expired: send a new code"),
        "still out of attempts"
    );
    // Back to the number step, the same number by voice within the wait: no new code either.
    d.pass(
        "phone-number",
        &[("phone", "+44 7400 123456"), ("method", "voice")],
        "code",
    )
    .await;
    assert_eq!(phone_code(&app).await, right, "no new code");
    advance_clock(&app, 30).await;
    let r = d.post("switch", &[]).await;
    assert_eq!(r.location(), Some(format!("{}/code", d.base).as_str()));
    let fresh = phone_code(&app).await;
    let r = d.finish(&fresh).await;
    assert_back(&r, &state, &[]);
}

#[tokio::test]
async fn three_wrong_codes_end_the_code_and_a_new_one_needs_30_seconds() {
    let (app, user) = ready().await;
    let (attempt, state) = attempt(&app, &user).await;
    let d = Dialog::open(&app, &attempt, &state).await;
    d.to_code("sms").await;
    let right = phone_code(&app).await;
    let wrong = not(&right);
    let r = d.post("code", &[("code", wrong)]).await;
    assert!(r.text.contains("You have 2 attempts left."));
    let r = d.post("code", &[("code", wrong)]).await;
    assert!(r
        .text
        .contains("That code is not right. You have 1 attempt left."));
    let r = d.post("code", &[("code", wrong)]).await;
    assert!(r.text.contains("The code has expired: send a new code"));
    let r = d.post("code", &[("code", &right)]).await;
    assert!(r.text.contains("The code has expired: send a new code"));

    let r = d.post("resend", &[]).await;
    assert_eq!(r.status, StatusCode::TOO_MANY_REQUESTS);
    // The clock is frozen: the wait is exact.
    assert!(
        r.text
            .contains("role=\"alert\">You can ask for a new code in 30 seconds</p>"),
        "{}",
        r.text
    );
    advance_clock(&app, 30).await;
    let r = d.post("resend", &[]).await;
    assert_eq!(r.location(), Some(format!("{}/code", d.base).as_str()));
    let fresh = phone_code(&app).await;
    let r = d.finish(&fresh).await;
    assert_back(&r, &state, &[]);
}

#[tokio::test]
async fn codes_expire_after_10_minutes() {
    let (app, user) = ready().await;
    let (attempt, state) = attempt(&app, &user).await;
    let d = Dialog::open(&app, &attempt, &state).await;
    d.to_code("sms").await;
    let old = phone_code(&app).await;
    advance_clock(&app, 11 * 60).await;
    let page = d.page("code").await;
    assert!(page.text.contains("The code has expired: send a new code"));
    let r = d.post("code", &[("code", &old)]).await;
    assert!(r.text.contains("The code has expired: send a new code"));
    // Long past the 30-second wait: a new code comes at once, and works.
    let r = d.post("resend", &[]).await;
    assert_eq!(r.status, StatusCode::SEE_OTHER);
    let r = d.post("resend", &[]).await;
    assert_eq!(
        r.status,
        StatusCode::TOO_MANY_REQUESTS,
        "the wait starts again"
    );
    let r = d.finish(&phone_code(&app).await).await;
    let code = get_param(&r.back(), "code").unwrap().to_string();
    let r = user.exchange(&app, &attempt.id, &code, &state).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.text);
}

#[tokio::test]
async fn cancel_on_any_step_goes_back_as_user_denied() {
    let (app, user) = ready().await;
    let (attempt, state) = attempt(&app, &user).await;
    let cancelled = [
        ("error", "access_denied"),
        ("error_reason", "user_denied"),
        ("error_description", "The user cancelled"),
    ];
    for step in [
        "login",
        "permissions",
        "permission-given",
        "business-name",
        "description",
        "phone-number",
        "code",
        "registered",
        "already-registered",
    ] {
        let d = Dialog::open(&app, &attempt, &state).await;
        match step {
            "login" => {}
            "permissions" => {
                d.pass("login", &[("email", "a@b.c"), ("password", "p")], step)
                    .await
            }
            "permission-given" | "business-name" | "description" | "phone-number" => {
                d.to_phone().await;
            }
            "code" => d.to_code("sms").await,
            "registered" => {
                d.to_code("sms").await;
                let code = phone_code(&app).await;
                d.pass("code", &[("code", &code)], "registered").await;
            }
            _ => {
                d.to_phone().await;
                d.pass(
                    "phone-number",
                    &[("phone", "+44 7700 900001"), ("method", "sms")],
                    step,
                )
                .await;
            }
        }
        let page = d.page(step).await;
        assert_eq!(page.status, StatusCode::OK, "{step}");
        assert!(page.text.contains(">Cancel</button>"), "{step}");
        let r = d.post("cancel", &[]).await;
        assert_back(&r, &state, &cancelled);
        let location = r.location().unwrap();
        assert!(
            location.contains("error_description=The%20user%20cancelled"),
            "{location}"
        );
    }
}

#[tokio::test]
async fn a_number_already_on_whatsapp_cannot_be_registered() {
    let (app, user) = ready().await;
    let (attempt, state) = attempt(&app, &user).await;
    // A number Meta already knows.
    let d = Dialog::open(&app, &attempt, &state).await;
    d.to_phone().await;
    d.pass(
        "phone-number",
        &[("phone", "07700 900001"), ("method", "sms")],
        "already-registered",
    )
    .await;
    assert!(
        last_message(&app, "+447700900001").await.is_none(),
        "no code"
    );
    let page = d.page("already-registered").await;
    assert_eq!(
        page.h1(),
        "This phone number is already registered with WhatsApp"
    );
    assert!(page.text.contains(">Return to 8x8</button>"));
    // The other steps lead back to this page.
    let r = d.page("code").await;
    assert_eq!(
        r.location(),
        Some(format!("{}/already-registered", d.base).as_str())
    );
    // Another number can be tried.
    d.pass("different-number", &[], "phone-number").await;
    d.pass(
        "phone-number",
        &[("phone", "+447700900001"), ("method", "voice")],
        "already-registered",
    )
    .await;
    let r = d.post("return", &[]).await;
    assert_back(
        &r,
        &state,
        &[
            ("error", "access_denied"),
            ("error_reason", "phone_number_already_registered"),
        ],
    );

    // In the test mode, every number is.
    mode(&app, "number_already_on_whatsapp").await;
    let d = Dialog::open(&app, &attempt, &state).await;
    d.to_phone().await;
    d.pass(
        "phone-number",
        &[("phone", "+44 7400 123456"), ("method", "sms")],
        "already-registered",
    )
    .await;
    let r = d.post("return", &[]).await;
    assert_back(
        &r,
        &state,
        &[("error_reason", "phone_number_already_registered")],
    );
}

#[tokio::test]
async fn when_the_code_never_arrives_the_user_can_say_so() {
    let (app, user) = ready().await;
    let (attempt, state) = attempt(&app, &user).await;
    mode(&app, "code_never_arrives").await;
    let d = Dialog::open(&app, &attempt, &state).await;
    d.to_code("sms").await;
    d.post("switch", &[]).await;
    assert!(
        last_message(&app, NUMBER).await.is_none(),
        "nothing arrives"
    );
    let r = d.post("not-received", &[]).await;
    assert_back(
        &r,
        &state,
        &[
            ("error", "access_denied"),
            ("error_reason", "otp_not_received"),
        ],
    );
}

#[tokio::test]
async fn a_generic_error_carries_an_error_id() {
    let (app, user) = ready().await;
    let (attempt, state) = attempt(&app, &user).await;
    mode(&app, "generic_error").await;
    let d = Dialog::open(&app, &attempt, &state).await;
    d.pass(
        "login",
        &[("email", "a@b.c"), ("password", "p")],
        "permissions",
    )
    .await;
    d.pass("permissions", &[], "error").await;
    let page = d.page("error").await;
    assert_eq!(page.h1(), "Something went wrong");
    let marker = "Error ID: <span class=\"error-id\">";
    let at = page.text.find(marker).unwrap() + marker.len();
    let error_id = &page.text[at..at + 9];
    assert!(error_id.starts_with("FB-"), "{error_id}");
    assert!(page.text.contains(">Return to 8x8</button>"));
    let r = d.post("return", &[]).await;
    assert_back(
        &r,
        &state,
        &[
            ("error", "server_error"),
            ("error_reason", "unknown_error"),
            ("error_id", error_id),
        ],
    );
    assert!(get_param(&r.back(), "error_description").is_some());

    // A reset puts the dialog back to normal.
    reset(&app).await;
    let view = get(&app, testing::STATE.route).await;
    assert_eq!(view.body["data"]["dialog_mode"], "normal");
}

/// The dialog URL of a valid attempt with one parameter replaced (or removed).
fn link_with(name: &str, value: Option<&str>) -> String {
    let mut pairs: Vec<(String, String)> = [
        ("client_id", "1234567890123456".to_string()),
        ("redirect_uri", CALLBACK.to_string()),
        ("state", "ab".repeat(16)),
        ("code_challenge", CHALLENGE.to_string()),
        ("code_challenge_method", "S256".to_string()),
        ("config_id", "sim-config-1".to_string()),
        ("response_type", "code".to_string()),
        ("override_default_response_type", "true".to_string()),
        ("extras", "{}".to_string()),
    ]
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

#[tokio::test]
async fn links_that_do_not_match_the_configuration_are_refused_without_a_redirect() {
    let app = app();
    let r = get(&app, &link_with("none", None)).await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "the valid link works");
    for (name, value) in [
        ("redirect_uri", Some("https://evil.example/steal")),
        (
            "redirect_uri",
            Some("http://127.0.0.1:8080/facebook/callback?x=1"),
        ),
        (
            "redirect_uri",
            Some("http://127.0.0.1:8080/facebook/callback/"),
        ),
        ("redirect_uri", None),
        ("client_id", Some("999")),
        ("client_id", None),
        ("config_id", Some("other-config")),
        ("response_type", Some("token")),
        ("state", None),
        ("state", Some("short")),
        ("state", Some("")),
        ("code_challenge", None),
        ("code_challenge", Some("too-short")),
        ("code_challenge_method", Some("plain")),
        ("code_challenge_method", None),
    ] {
        let r = get(&app, &link_with(name, value)).await;
        assert_eq!(r.status, StatusCode::BAD_REQUEST, "{name}={value:?}");
        assert_eq!(r.location(), None, "{name}={value:?}");
        assert_eq!(r.h1(), "This sign-up link is not valid");
        assert!(!r.text.contains("evil.example"));
        assert!(!r.text.contains("<a "), "links nowhere");
    }
    // A parameter given twice is ambiguous.
    let twice = format!(
        "{}&redirect_uri={}",
        link_with("none", None),
        domain::percent::encode("https://evil.example/")
    );
    let r = get(&app, &twice).await;
    assert_eq!((r.status, r.location()), (StatusCode::BAD_REQUEST, None));
    let r = get(&app, "/facebook/latest/dialog/oauth").await;
    assert_eq!((r.status, r.location()), (StatusCode::BAD_REQUEST, None));
}

#[tokio::test]
async fn dialog_pages_are_plain_accessible_and_escape_everything() {
    let app = app();
    let extras = json!({ "setup": {
        "business": { "name": "<script>alert(1)</script> & \"Co\"", "phone": { "code": "44", "number": "7400123456" }, "country": "GB" },
        "phone": { "description": "</textarea><b>bold</b>" }
    }})
    .to_string();
    let r = get(&app, &link_with("extras", Some(&extras))).await;
    let base = r
        .location()
        .unwrap()
        .strip_suffix("/login")
        .unwrap()
        .to_string();
    let d = Dialog {
        app: app.clone(),
        base,
    };
    let page = d.page("login").await;
    let csp = page.headers[header::CONTENT_SECURITY_POLICY]
        .to_str()
        .unwrap();
    assert!(
        csp.contains("form-action 'self' http://127.0.0.1:8080"),
        "{csp}"
    );
    assert!(csp.contains("default-src 'none'"), "{csp}");
    assert_eq!(page.headers[header::REFERRER_POLICY], "no-referrer");
    assert_eq!(page.headers[header::CACHE_CONTROL], "no-store");
    d.pass(
        "login",
        &[("email", "a@b.c"), ("password", "p")],
        "permissions",
    )
    .await;
    d.pass("permissions", &[], "permission-given").await;
    d.pass("permission-given", &[], "business-name").await;
    let page = d.page("business-name").await;
    let name = "&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;Co&quot;";
    assert!(
        page.text.contains(&format!("value=\"{name}\"")),
        "{}",
        page.text
    );
    d.pass(
        "business-name",
        &[("legal_name", "<script>alert(1)</script> & \"Co\"")],
        "description",
    )
    .await;
    let page = d.page("description").await;
    assert!(page
        .text
        .contains("&lt;/textarea&gt;&lt;b&gt;bold&lt;/b&gt;</textarea>"));
    d.pass(
        "description",
        &[("description", "</textarea><b>bold</b>")],
        "phone-number",
    )
    .await;
    for step in [
        "login",
        "permissions",
        "permission-given",
        "business-name",
        "description",
        "phone-number",
    ] {
        let page = d.page(step).await;
        let t = &page.text;
        assert!(t.starts_with("<!doctype html><html lang=\"en\">"), "{step}");
        assert!(t.contains("<title>"), "{step}");
        page.h1();
        for banned in ["<script", " style=", " onclick", " onsubmit", "javascript:"] {
            assert!(!t.contains(banned), "{step} has {banned}");
        }
        // Every input but the radios' has a label for it.
        for (at, _) in t.match_indices(" id=\"") {
            let id = &t[at + 5..][..t[at + 5..].find('"').unwrap()];
            let tag_start = t[..at].rfind('<').unwrap();
            let tag = &t[tag_start..at];
            if tag.starts_with("<input") || tag.starts_with("<textarea") {
                assert!(t.contains(&format!("<label for=\"{id}\">")), "{step}: {id}");
            }
        }
        assert!(t.contains(">Cancel</button>"), "{step}");
    }
    let page = d.page("business-name").await;
    assert!(page.text.contains(&format!("value=\"{name}\"")));
    let css = get(&app, "/facebook/dialog.css").await;
    assert_eq!(css.status, StatusCode::OK);
    assert!(css.headers[header::CONTENT_TYPE]
        .to_str()
        .unwrap()
        .starts_with("text/css"));

    // A number of another country is taken as typed, in international form.
    let r = d
        .post(
            "phone-number",
            &[("phone", "+1 415 555 2671"), ("method", "sms")],
        )
        .await;
    assert_eq!(r.location(), Some(format!("{}/code", d.base).as_str()));
    assert!(last_message(&app, "+14155552671").await.is_some());
    // Too much is refused, not a failure.
    let req = Request::post(format!("{}/code", d.base))
        .body(Body::from(vec![b'a'; 20_000]))
        .unwrap();
    assert_eq!(call(&app, req).await.status, StatusCode::PAYLOAD_TOO_LARGE);

    // Forms from another site cannot drive a flow.
    let req = Request::post(format!("{}/cancel", d.base))
        .header("sec-fetch-site", "cross-site")
        .body(Body::empty())
        .unwrap();
    let r = call(&app, req).await;
    assert_eq!((r.status, r.location()), (StatusCode::FORBIDDEN, None));
    // Unknown flows and pages.
    let r = get(&app, "/facebook/flow/nope/login").await;
    assert_eq!(r.status, StatusCode::NOT_FOUND);
    let r = d.page("nonsense").await;
    assert_eq!(r.status, StatusCode::NOT_FOUND);
}

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

// ---- properties --------------------------------------------------------------

/// Where a dialog answer may send the browser: its own steps, or the callback.
fn safe_location(location: &str, base: Option<&str>, state: Option<&str>) -> Result<(), String> {
    if let Some(rest) = location.strip_prefix("/facebook/flow/") {
        if let Some(base) = base {
            if !location.starts_with(&format!("{base}/")) {
                return Err(format!("another flow: {location}"));
            }
        }
        return if rest.contains("//") || rest.contains('?') {
            Err(format!("odd: {location}"))
        } else {
            Ok(())
        };
    }
    let Some(query) = location.strip_prefix(&format!("{CALLBACK}?")) else {
        return Err(format!("outside the redirect URI: {location}"));
    };
    let q: Vec<(String, String)> = form_urlencoded::parse(query.as_bytes())
        .map(|(k, v)| (k.into_owned(), v.into_owned()))
        .collect();
    let states: Vec<&str> = q
        .iter()
        .filter(|(k, _)| k == "state")
        .map(|(_, v)| v.as_str())
        .collect();
    if let Some(state) = state {
        if states != [state] {
            return Err(format!("wrong state in {location}"));
        }
    }
    Ok(())
}

fn query_part() -> impl Strategy<Value = Option<String>> {
    prop_oneof![
        3 => Just(None),
        2 => "\\PC{0,40}".prop_map(Some),
        1 => Just(Some(String::new())),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 128, ..ProptestConfig::default() })]
    /// Whatever query reaches the dialog's entry, the answer is never a 5xx and
    /// never sends the browser anywhere but the dialog's own first step.
    #[test]
    fn no_query_makes_the_dialog_fail_or_redirect_elsewhere(
        // For each parameter: keep the valid value, drop it, or replace it.
        choices in proptest::collection::vec((0u8..3, query_part()), 9),
        raw in "[A-Za-z0-9%&=+._~-]{0,80}",
        version in prop_oneof![Just("v21.0".to_string()), "\\PC{0,8}"],
        use_raw in any::<bool>(),
    ) {
        let rt = tokio::runtime::Builder::new_current_thread().enable_all().build().unwrap();
        rt.block_on(async {
            let app = app();
            let valid = [
                ("client_id", "1234567890123456".to_string()),
                ("redirect_uri", CALLBACK.to_string()),
                ("state", "cd".repeat(16)),
                ("code_challenge", CHALLENGE.to_string()),
                ("code_challenge_method", "S256".to_string()),
                ("config_id", "sim-config-1".to_string()),
                ("response_type", "code".to_string()),
                ("override_default_response_type", "true".to_string()),
                ("extras", "{}".to_string()),
            ];
            let query = if use_raw {
                raw.clone()
            } else {
                let mut ser = form_urlencoded::Serializer::new(String::new());
                for ((name, good), (choice, other)) in valid.iter().zip(&choices) {
                    match choice {
                        0 => { ser.append_pair(name, good); }
                        1 => {}
                        _ => { ser.append_pair(name, other.as_deref().unwrap_or_default()); }
                    }
                }
                ser.finish()
            };
            let path = format!("/facebook/{}/dialog/oauth?{}", domain::percent::encode(&version), query);
            let Ok(req) = Request::get(path.as_str()).body(Body::empty()) else {
                return Ok(());
            };
            let r = call(&app, req).await;
            prop_assert!(r.status.as_u16() < 500, "{} gave {}", path, r.status);
            if let Some(location) = r.location() {
                prop_assert!(location.starts_with("/facebook/flow/"), "{} sent to {}", path, location);
                prop_assert!(location.ends_with("/login"));
            } else {
                prop_assert!(r.status == StatusCode::BAD_REQUEST || r.status == StatusCode::NOT_FOUND, "{}", r.status);
            }
            Ok(())
        })?;
    }
}

const ACTIONS: [&str; 17] = [
    "login",
    "permissions",
    "permission-given",
    "business-name",
    "description",
    "phone-number",
    "code",
    "registered",
    "resend",
    "switch",
    "not-received",
    "different-number",
    "return",
    "cancel",
    "already-registered",
    "error",
    "nonsense",
];

fn form_body() -> impl Strategy<Value = Vec<u8>> {
    let field = prop_oneof![
        Just("email"),
        Just("password"),
        Just("legal_name"),
        Just("description"),
        Just("phone"),
        Just("method"),
        Just("code"),
        Just("state"),
        Just("redirect_uri"),
    ];
    let value = prop_oneof![
        "\\PC{0,30}",
        Just("sms".to_string()),
        Just("voice".to_string()),
        Just("+44 7400 123456".to_string()),
        Just("+447700900001".to_string()),
        "[0-9]{6}",
        Just("https://evil.example/".to_string()),
    ];
    prop_oneof![
        proptest::collection::vec((field, value), 0..6).prop_map(|pairs| {
            form_urlencoded::Serializer::new(String::new())
                .extend_pairs(pairs)
                .finish()
                .into_bytes()
        }),
        any::<Vec<u8>>(),
    ]
}

#[test]
fn no_form_makes_the_dialog_fail_or_leave_the_redirect_uri() {
    let rt = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap();
    let app = app();
    let modes = prop_oneof![
        Just("normal"),
        Just("number_already_on_whatsapp"),
        Just("code_never_arrives"),
        Just("generic_error"),
    ];
    let steps = proptest::collection::vec((0..ACTIONS.len(), form_body(), any::<bool>()), 1..12);
    let mut runner = proptest::test_runner::TestRunner::new(ProptestConfig {
        cases: 96,
        ..ProptestConfig::default()
    });
    runner
        .run(&(modes, steps, 0i64..700), |(mode_name, steps, seconds)| {
            rt.block_on(async {
                mode(&app, mode_name).await;
                let state = new_state();
                let r = get(&app, &link_with("state", Some(&state))).await;
                let base = r
                    .location()
                    .unwrap()
                    .strip_suffix("/login")
                    .unwrap()
                    .to_string();
                let d = Dialog {
                    app: app.clone(),
                    base: base.clone(),
                };
                // Sometimes start from further in, with real answers.
                if steps.len() % 2 == 0 {
                    d.post("login", &[("email", "a@b.c"), ("password", "p")])
                        .await;
                    d.post("permissions", &[]).await;
                    d.post("permission-given", &[]).await;
                    d.post("business-name", &[("legal_name", "Northwind")])
                        .await;
                    d.post("description", &[("description", "")]).await;
                    d.post(
                        "phone-number",
                        &[("phone", "+44 7400 123456"), ("method", "sms")],
                    )
                    .await;
                }
                for (i, (action, body, get_instead)) in steps.iter().enumerate() {
                    if i == steps.len() / 2 {
                        advance_clock(&app, seconds).await;
                    }
                    let action = ACTIONS[*action];
                    let req = if *get_instead {
                        Request::get(format!("{base}/{action}")).body(Body::empty())
                    } else {
                        Request::post(format!("{base}/{action}"))
                            .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
                            .body(Body::from(body.clone()))
                    };
                    let r = call(&app, req.unwrap()).await;
                    prop_assert!(
                        r.status.as_u16() < 500,
                        "{} {} gave {}",
                        action,
                        get_instead,
                        r.status
                    );
                    if let Some(location) = r.location() {
                        prop_assert!(r.status == StatusCode::SEE_OTHER);
                        let checked = safe_location(location, Some(&base), Some(&state));
                        prop_assert!(checked.is_ok(), "{:?}", checked);
                    }
                }
                Ok(())
            })
        })
        .unwrap();
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
