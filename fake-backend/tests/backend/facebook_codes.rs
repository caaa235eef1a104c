//! The dialog's one-time codes: what a wrong, an empty or a malformed code gets,
//! the attempts and the wait, switching between a text and a call, and expiry.

use crate::common;

use axum::http::StatusCode;
use common::advance_clock;
use common::dialog::*;

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
    d.pass("switch", &[], "code").await;
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
    d.pass("resend", &[], "code").await;
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
