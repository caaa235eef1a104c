//! What ends the dialog short of a registered number: a cancel on any step, a
//! number already on WhatsApp, a code that never arrives, and a generic error.

use crate::common;

use axum::http::StatusCode;
use common::dialog::*;
use common::{get, reset};
use domain::testing;

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
