//! The one-time phone code: how long it works, how often it may be sent, the
//! message that delivers it, and checking what the user typed.

use crate::store::{CodeMethod, PhoneCode};
use domain::contract::Timestamp;
use domain::signup::same_secret;

/// How long a one-time phone code works.
pub const PHONE_CODE_LIFETIME_SECS: i64 = 10 * 60;
/// How long after a code is sent a new one may be asked for.
pub const RESEND_WAIT_SECS: i64 = 30;
/// Wrong entries a phone code allows.
pub const PHONE_CODE_ATTEMPTS: u8 = 3;

/// The message for a code that no longer works.
pub const CODE_EXPIRED: &str = "The code has expired: send a new code";

/// The code no longer works: too old, or too many wrong entries.
pub fn expired(code: &PhoneCode, now: Timestamp) -> bool {
    now - code.sent_at >= PHONE_CODE_LIFETIME_SECS || code.wrong >= PHONE_CODE_ATTEMPTS
}

/// A fresh code: six random digits.
pub fn fresh() -> String {
    format!("{:06}", rand::random_range(0..1_000_000u32))
}

/// The subject and body of the dev-mailbox message that delivers `code` to
/// the number shown as `to`.
pub fn message(method: CodeMethod, code: &str, to: &str) -> (&'static str, String) {
    match method {
        CodeMethod::Sms => (
            "WhatsApp code",
            format!(
                "Your WhatsApp code is {code}. It expires in 10 minutes. Do not share it with anyone.\n\n\
                 (Sent by the simulated Facebook dialog of the fake backend: no text message left this machine.)\n"
            ),
        ),
        CodeMethod::Voice => (
            "WhatsApp voice call",
            format!(
                "A voice call to {to}: \"Your WhatsApp code is {code}. I repeat: {}.\" The code expires in 10 minutes.\n\n\
                 (Made by the simulated Facebook dialog of the fake backend: no call left this machine.)\n",
                code.chars().map(String::from).collect::<Vec<_>>().join(" "),
            ),
        ),
    }
}

/// What is wrong with `typed` as `code` at `now` (a wrong code counts against
/// it), or `None` when it is right.
pub fn check(code: &mut PhoneCode, typed: &str, now: Timestamp) -> Option<String> {
    if expired(code, now) {
        Some(CODE_EXPIRED.to_string())
    } else if typed.is_empty() {
        Some("Enter the 6-digit code".to_string())
    } else if typed.len() != 6 || !typed.bytes().all(|b| b.is_ascii_digit()) {
        Some("Enter the code as 6 digits, for example 123456".to_string())
    } else if same_secret(typed, &code.code) {
        None
    } else {
        code.wrong += 1;
        let left = PHONE_CODE_ATTEMPTS.saturating_sub(code.wrong);
        Some(match left {
            0 => CODE_EXPIRED.to_string(),
            1 => "That code is not right. You have 1 attempt left.".to_string(),
            n => format!("That code is not right. You have {n} attempts left."),
        })
    }
}

/// `1 second`, `30 seconds`.
pub fn seconds(n: i64) -> String {
    if n == 1 {
        "1 second".into()
    } else {
        format!("{n} seconds")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sent(at: Timestamp) -> PhoneCode {
        PhoneCode {
            code: "123456".into(),
            method: CodeMethod::Sms,
            sent_at: at,
            wrong: 0,
            sends: 1,
        }
    }

    #[test]
    fn a_code_expires_with_time_or_wrong_entries() {
        let mut code = sent(1_000);
        assert!(!expired(&code, 1_000 + PHONE_CODE_LIFETIME_SECS - 1));
        assert!(expired(&code, 1_000 + PHONE_CODE_LIFETIME_SECS));
        code.wrong = PHONE_CODE_ATTEMPTS;
        assert!(expired(&code, 1_000));
    }

    #[test]
    fn wrong_codes_count_down_and_badly_typed_ones_do_not() {
        let mut code = sent(0);
        assert_eq!(
            check(&mut code, "12345", 1).as_deref(),
            Some("Enter the code as 6 digits, for example 123456")
        );
        assert_eq!(
            check(&mut code, "", 1).as_deref(),
            Some("Enter the 6-digit code")
        );
        assert_eq!(code.wrong, 0);
        assert_eq!(
            check(&mut code, "000000", 1).as_deref(),
            Some("That code is not right. You have 2 attempts left.")
        );
        assert_eq!(
            check(&mut code, "000000", 1).as_deref(),
            Some("That code is not right. You have 1 attempt left.")
        );
        assert_eq!(check(&mut code, "000000", 1).as_deref(), Some(CODE_EXPIRED));
        // Even the right code no longer works.
        assert_eq!(check(&mut code, "123456", 1).as_deref(), Some(CODE_EXPIRED));
        assert_eq!(check(&mut sent(0), "123456", 1), None);
    }

    #[test]
    fn fresh_codes_are_six_digits() {
        let code = fresh();
        assert!(
            code.len() == 6 && code.bytes().all(|b| b.is_ascii_digit()),
            "{code}"
        );
    }

    #[test]
    fn a_call_reads_the_code_digit_by_digit() {
        let (subject, body) = message(CodeMethod::Voice, "123456", "+44 7400 123456");
        assert_eq!(subject, "WhatsApp voice call");
        assert!(body.starts_with(
            "A voice call to +44 7400 123456: \"Your WhatsApp code is 123456. I repeat: 1 2 3 4 5 6.\""
        ));
        assert_eq!(seconds(1), "1 second");
        assert_eq!(seconds(30), "30 seconds");
    }
}
