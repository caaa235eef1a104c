//! The one-time phone code: how long it works and how often it may be sent.

use crate::store::PhoneCode;
use domain::contract::Timestamp;

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

/// `1 second`, `30 seconds`.
pub fn seconds(n: i64) -> String {
    if n == 1 {
        "1 second".into()
    } else {
        format!("{n} seconds")
    }
}
