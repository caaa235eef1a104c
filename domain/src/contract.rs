//! The JSON API between the app and its backend: paths, headers and bodies.
//!
//! Times travel as whole seconds since the Unix epoch (UTC).

use crate::journey::ChannelState;
use serde::{Deserialize, Serialize};

/// Header names both sides use.
pub mod headers {
    /// Anti-CSRF token, required on every mutating request of a session.
    pub const CSRF: &str = "X-CSRF-Token";
    /// A key that makes a mutating request safe to send again.
    pub const IDEMPOTENCY_KEY: &str = "Idempotency-Key";
    /// Set on a response the backend replayed for a repeated idempotency key.
    pub const IDEMPOTENT_REPLAY: &str = "Idempotent-Replayed";
}

/// Endpoint paths, relative to the API base URL.
pub mod paths {
    /// GET: answers 200 when the backend is up.
    pub const HEALTH: &str = "/api/health";
    /// GET: the current session; POST: log in; DELETE: log out.
    pub const SESSION: &str = "/api/session";
    /// POST: ask for a new set-password link by email.
    pub const PASSWORD_LINKS: &str = "/api/password-links";
    /// GET: the account's WhatsApp channels; POST: request one (Configuration Manager).
    pub const CHANNELS: &str = "/api/channels";
    /// GET: the account's routing scripts.
    pub const ROUTING_SCRIPTS: &str = "/api/routing-scripts";
    /// GET: the preconditions for WhatsApp as the backend knows them.
    pub const ELIGIBILITY: &str = "/api/eligibility";
    /// POST: ask the sales representative for the legal terms (once).
    pub const TERMS_REQUEST: &str = "/api/eligibility/terms-request";
    /// POST: confirm (or withdraw) having a verified Facebook business account.
    pub const FACEBOOK_BUSINESS: &str = "/api/eligibility/facebook-business";
    /// GET: WhatsApp rates and the provider's transaction charges.
    pub const RATE_CARD: &str = "/api/pricing/rate-card";

    /// GET: the channel's saved profile draft; PATCH: save some of its fields.
    pub fn profile(channel_id: &str) -> String {
        format!("{CHANNELS}/{}/profile", encode_segment(channel_id))
    }

    /// POST: check one page of the profile (domain rules plus the backend's own: full
    /// phone-number validation, numbers already on WhatsApp Business).
    pub fn profile_check(channel_id: &str) -> String {
        format!("{}/check", profile(channel_id))
    }

    /// POST: upload the profile picture (the body is the image: JPEG or PNG).
    pub fn profile_picture(channel_id: &str) -> String {
        format!("{}/picture", profile(channel_id))
    }

    /// POST: the customer confirmed the profile (and its business name) on the review page.
    pub fn profile_complete(channel_id: &str) -> String {
        format!("{}/complete", profile(channel_id))
    }

    /// GET: the Embedded Signup configuration (also returned with each attempt).
    pub const SIGNUP_CONFIG: &str = "/api/signup/config";

    /// POST: start a Facebook signup attempt for the channel (profile complete and saved).
    pub fn signup(channel_id: &str) -> String {
        format!("{CHANNELS}/{}/signup", encode_segment(channel_id))
    }

    /// POST: exchange the callback's code, once, for what the signup registered.
    pub fn signup_exchange(attempt_id: &str) -> String {
        format!(
            "/api/signup-attempts/{}/exchange",
            encode_segment(attempt_id)
        )
    }

    /// GET: the numbers Facebook's signup registered for the account.
    pub const NUMBERS: &str = "/api/numbers";
    /// POST: link a registered number to a channel (confirm).
    pub const LINKS: &str = "/api/links";

    /// GET: an uploaded picture.
    pub fn picture(picture_id: &str) -> String {
        format!("/api/pictures/{}", encode_segment(picture_id))
    }

    /// GET: whether a set-password link is usable; POST: set the password with it.
    pub fn password_link(token: &str) -> String {
        format!("{PASSWORD_LINKS}/{}", encode_segment(token))
    }

    /// Percent-encodes everything outside the unreserved set, for one path segment.
    pub fn encode_segment(s: &str) -> String {
        let mut out = String::with_capacity(s.len());
        for b in s.bytes() {
            if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.' | b'~') {
                out.push(b as char);
            } else {
                out.push_str(&format!("%{b:02X}"));
            }
        }
        out
    }

    /// Test-only endpoints; the backend serves them only when started in test mode.
    pub mod test {
        /// POST: back to the seed (optionally with the demo password already set).
        pub const RESET: &str = "/api/test/reset";
        /// GET: the whole backend state as JSON.
        pub const STATE: &str = "/api/test/state";
        /// POST: make the next calls to an endpoint fail; DELETE: clear all.
        pub const FAULTS: &str = "/api/test/faults";
        /// POST: move the backend's clock forward.
        pub const CLOCK: &str = "/api/test/clock";
        /// POST: stop the backend's clock at an instant ([`super::super::ClockFreeze`]);
        /// [`CLOCK`] still moves it forward, and [`RESET`] brings back the clock the
        /// backend started with.
        pub const CLOCK_FREEZE: &str = "/api/test/clock/freeze";
        /// POST: end every session, as if they had expired.
        pub const EXPIRE_SESSIONS: &str = "/api/test/expire-sessions";
        /// POST: finish the provider's activation of a channel now (`{"channel_id": ...}`).
        pub const ACTIVATE: &str = "/api/test/activate";
        /// POST: add many channels to the demo account (`{"count": 1000}`), for scale tests.
        pub const MANY_CHANNELS: &str = "/api/test/many-channels";
        /// POST: how the simulated Facebook dialog behaves next ([`super::super::DialogMode`]).
        pub const FACEBOOK_MODE: &str = "/api/test/facebook";
    }
}

/// Seconds since the Unix epoch, UTC.
pub type Timestamp = i64;

/// Who is logged in, and the token their mutating requests must carry.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SessionInfo {
    /// The logged-in account.
    pub account: AccountSummary,
    /// The user's email address.
    pub email: String,
    /// Sent back in the [`headers::CSRF`] header on every mutating request.
    pub csrf_token: String,
}

/// The account as the header shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AccountSummary {
    /// Stable identifier.
    pub id: String,
    /// The business's name, shown in the header.
    pub name: String,
}

/// POST [`paths::SESSION`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LoginRequest {
    /// The user's email address.
    pub email: String,
    /// The user's password.
    pub password: String,
}

impl LoginRequest {
    /// Field messages for what is missing; empty when both are there.
    pub fn validate(&self) -> Vec<crate::error::FieldError> {
        let mut errors = Vec::new();
        if self.email.trim().is_empty() {
            errors.push(crate::error::FieldError::new(
                "email",
                "Enter your email address",
            ));
        }
        if self.password.is_empty() {
            errors.push(crate::error::FieldError::new(
                "password",
                "Enter your password",
            ));
        }
        errors
    }
}

/// GET [`paths::password_link`]: the link is usable.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PasswordLinkInfo {
    /// The account the password is for (shown, and refused as a password).
    pub email: String,
    /// When the link stops working.
    pub expires_at: Timestamp,
}

/// POST [`paths::password_link`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SetPasswordRequest {
    /// The new password.
    pub password: String,
}

/// POST [`paths::PASSWORD_LINKS`]: send a fresh set-password link to this address.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct NewLinkRequest {
    /// Where to send it; the answer is the same whether or not an account has it.
    pub email: String,
}

/// A WhatsApp channel of the account.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Channel {
    /// Stable identifier.
    pub id: String,
    /// The name given in the Configuration Manager.
    pub name: String,
    /// The routing script its conversations use.
    pub routing_script: String,
    /// The Configuration Manager's request reference, to quote to support.
    pub reference: String,
    /// Where it stands.
    pub state: ChannelState,
    /// When it was requested.
    pub requested_at: Timestamp,
}

/// GET [`paths::CHANNELS`]: a channel with what the list and timeline show about it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ChannelOverview {
    /// The channel.
    pub channel: Channel,
    /// The linked WhatsApp number (E.164), once confirmed.
    #[serde(default)]
    pub number: Option<String>,
    /// When the provider's activation will be finished by (ISO date), while activating.
    #[serde(default)]
    pub ready_by: Option<String>,
}

/// POST [`paths::LINKS`]: link a registered number to a channel.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct LinkRequest {
    /// The registered number's id.
    pub number_id: String,
    /// The channel's id.
    pub channel_id: String,
}

impl LinkRequest {
    /// Field names on the form (also the selects' ids).
    pub const NUMBER: &'static str = "number_id";
    /// See [`LinkRequest::NUMBER`].
    pub const CHANNEL: &'static str = "channel_id";

    /// Field messages for what is missing.
    pub fn validate(&self) -> Vec<crate::error::FieldError> {
        let mut errors = Vec::new();
        if self.number_id.is_empty() {
            errors.push(crate::error::FieldError::new(
                Self::NUMBER,
                "Select the registered number",
            ));
        }
        if self.channel_id.is_empty() {
            errors.push(crate::error::FieldError::new(
                Self::CHANNEL,
                "Select the channel",
            ));
        }
        errors
    }
}

/// The answer to [`LinkRequest`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LinkOutcome {
    /// The channel, now in activation.
    pub channel: ChannelOverview,
}

/// Channel names are unique per account, compared without case or surrounding spaces.
pub fn same_channel_name(a: &str, b: &str) -> bool {
    a.trim().to_lowercase() == b.trim().to_lowercase()
}

/// A routing script: how the contact centre routes a channel's conversations to agents.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RoutingScript {
    /// Stable identifier.
    pub id: String,
    /// Its name in the Configuration Manager.
    pub name: String,
}

/// POST [`paths::CHANNELS`]: request a WhatsApp channel, as the Configuration Manager does.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ChannelRequest {
    /// The channel's name, unique in the account.
    pub name: String,
    /// The routing script its conversations will use.
    pub routing_script_id: String,
}

impl ChannelRequest {
    /// Field names on the form (also the inputs' ids).
    pub const NAME: &'static str = "name";
    /// See [`ChannelRequest::NAME`].
    pub const ROUTING_SCRIPT: &'static str = "routing_script_id";

    /// Field messages for what needs correcting; empty when the request is complete.
    pub fn validate(&self) -> Vec<crate::error::FieldError> {
        let mut errors = Vec::new();
        if let Some(m) = crate::profile::validate_channel_name(&self.name) {
            errors.push(crate::error::FieldError::new(Self::NAME, m));
        }
        if self.routing_script_id.trim().is_empty() {
            errors.push(crate::error::FieldError::new(
                Self::ROUTING_SCRIPT,
                "Select the routing script for this channel's conversations",
            ));
        }
        errors
    }
}

/// POST [`paths::profile_check`].
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProfileCheck {
    /// 1 or 2 for a page, anything else for the whole profile.
    pub page: u8,
}

/// The answer to a picture upload.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PictureInfo {
    /// Its id, saved in the draft's `picture_id`.
    pub id: String,
    /// Width in pixels.
    pub width: u32,
    /// Height in pixels.
    pub height: u32,
}

/// POST [`paths::profile_complete`]: the user retyped or ticked the business name to confirm it.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProfileCompletion {
    /// The business name exactly as the draft holds it; it cannot be changed afterwards.
    pub confirmed_business_name: String,
}

/// The largest picture the backend accepts, in bytes (the page downsizes to 640 × 640 first).
pub const PICTURE_MAX_BYTES: usize = 5 * 1024 * 1024;
/// The smallest picture side WhatsApp accepts, in pixels.
pub const PICTURE_MIN_SIDE: u32 = 192;
/// The side the page downsizes pictures to before uploading.
pub const PICTURE_UPLOAD_SIDE: u32 = 640;

/// A message in the dev mailbox, standing in for a real email or SMS.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MailMessage {
    /// Stable identifier.
    pub id: u64,
    /// The recipient.
    pub to: String,
    /// The subject line.
    pub subject: String,
    /// The plain-text body.
    pub body: String,
    /// The links in the body, in order.
    pub links: Vec<String>,
    /// When it was sent.
    pub sent_at: Timestamp,
}

/// Test-only: how to fail a call.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Fault {
    /// Answer with this status and the error shape, without doing the work.
    Status {
        /// The HTTP status, 400 to 599.
        status: u16,
    },
    /// Wait this long, then do the work and answer normally.
    Delay {
        /// Milliseconds.
        ms: u64,
    },
    /// Do the work, then close the connection without an answer.
    Drop,
}

/// Test-only: POST [`paths::test::FAULTS`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FaultRule {
    /// HTTP method, e.g. `POST`.
    pub method: String,
    /// Path, exact, or a prefix ending in `*`.
    pub path: String,
    /// How many matching calls fail; later calls pass.
    pub count: u32,
    /// How they fail.
    pub fault: Fault,
}

/// Test-only: POST [`paths::test::RESET`].
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ResetRequest {
    /// Set the demo user's password straight away, skipping the emailed link.
    #[serde(default)]
    pub demo_password: Option<String>,
}

/// Test-only: how the simulated Facebook dialog fails, the ways real users report.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DialogMode {
    /// Everything works.
    #[default]
    Normal,
    /// The number is already registered with WhatsApp.
    NumberAlreadyOnWhatsapp,
    /// One-time codes are never delivered.
    CodeNeverArrives,
    /// The dialog fails with a generic error and an error id.
    GenericError,
}

/// Test-only: POST [`paths::test::FACEBOOK_MODE`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct DialogModeRequest {
    /// The mode.
    pub mode: DialogMode,
}

/// Test-only: POST [`paths::test::CLOCK`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ClockAdvance {
    /// How far to move the backend's clock forward.
    pub seconds: i64,
}

/// Test-only: POST [`paths::test::CLOCK_FREEZE`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ClockFreeze {
    /// The instant the backend's clock stands still at, in seconds since the Unix
    /// epoch (UTC), from 1970 to the end of 9999 ([`ClockFreeze::LATEST`]).
    pub at: Timestamp,
}

impl ClockFreeze {
    /// The field name, for the refusal of an instant out of range.
    pub const AT: &'static str = "at";
    /// The last instant accepted: 9999-12-31T23:59:59Z.
    pub const LATEST: Timestamp = 253_402_300_799;

    /// Field messages for an instant before 1970 or after 9999; empty when it is usable.
    pub fn validate(&self) -> Vec<crate::error::FieldError> {
        if (0..=Self::LATEST).contains(&self.at) {
            Vec::new()
        } else {
            vec![crate::error::FieldError::new(
                Self::AT,
                "Give an instant from 1970 to 9999, in whole seconds since the Unix epoch",
            )]
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_are_encoded_as_one_segment() {
        assert_eq!(
            paths::password_link("ab/c?d"),
            "/api/password-links/ab%2Fc%3Fd"
        );
        assert_eq!(
            paths::password_link("Az09-_.~"),
            "/api/password-links/Az09-_.~"
        );
    }

    #[test]
    fn fault_wire_shape() {
        let f: Fault = serde_json::from_str(r#"{"kind":"status","status":503}"#).unwrap();
        assert_eq!(f, Fault::Status { status: 503 });
        let f: Fault = serde_json::from_str(r#"{"kind":"drop"}"#).unwrap();
        assert_eq!(f, Fault::Drop);
    }

    #[test]
    fn channel_requests_need_a_name_and_a_script() {
        let r = ChannelRequest::default();
        let fields: Vec<_> = r.validate().into_iter().map(|f| f.field).collect();
        assert_eq!(fields, ["name", "routing_script_id"]);
        let named = |name: &str| {
            ChannelRequest {
                name: name.into(),
                routing_script_id: "rs".into(),
            }
            .validate()
        };
        assert!(named(&"x".repeat(65))[0]
            .message
            .contains("64 characters or fewer"));
        assert_eq!(named(&"é".repeat(64)), vec![]);
        assert_eq!(named("a\u{7}b").len(), 1);
        assert!(same_channel_name(" Sales ", "sales"));
    }

    #[test]
    fn clock_freeze_wire_shape_and_range() {
        let f: ClockFreeze = serde_json::from_str(r#"{"at":1798106400}"#).unwrap();
        assert_eq!(f, ClockFreeze { at: 1_798_106_400 });
        assert!(f.validate().is_empty());
        assert!(ClockFreeze { at: 0 }.validate().is_empty());
        assert!(ClockFreeze {
            at: ClockFreeze::LATEST
        }
        .validate()
        .is_empty());
        for at in [-1, ClockFreeze::LATEST + 1, i64::MIN, i64::MAX] {
            let fields: Vec<_> = ClockFreeze { at }
                .validate()
                .into_iter()
                .map(|f| f.field)
                .collect();
            assert_eq!(fields, ["at"], "{at}");
        }
    }

    #[test]
    fn login_requires_both_fields() {
        let r = LoginRequest {
            email: " ".into(),
            password: String::new(),
        };
        let fields: Vec<_> = r.validate().into_iter().map(|f| f.field).collect();
        assert_eq!(fields, ["email", "password"]);
    }
}
