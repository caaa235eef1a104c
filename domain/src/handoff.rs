//! Handing the Facebook step to a colleague: the owner of a channel asks someone
//! who administers the company's Facebook business account to do the Embedded
//! Signup for them.
//!
//! The backend mails the colleague a link, [`link`], whose secret is in the
//! fragment (`{app}/handoff#{token}`), so it never reaches a server log or a
//! `Referer`. Opening it ([`crate::endpoint::OPEN_HANDOFF`]) gives a session
//! bound to this one channel's Facebook step: every other call answers 403
//! `handoff_only`. The link is single use (it is used when the step completes),
//! expires, and stops working when the owner sends a new one or cancels.

use crate::contract::Timestamp;
use crate::endpoint::{self as e, Address};
use crate::problem::{worded, FieldProblem, Problem};
use crate::profile::{contact_email_problem, free_text_problem, FreeTextProblem};
use serde::{Deserialize, Serialize};

/// The most characters in the owner's message to the colleague (after trimming).
pub const MESSAGE_MAX: usize = 500;
/// Links one channel may send (first sends and resends together) in any 24 hours.
pub const SENDS_PER_DAY: usize = 5;
/// The window [`SENDS_PER_DAY`] counts over.
pub const SEND_WINDOW_SECS: i64 = 24 * 60 * 60;
/// How long a link works unless the backend is started with another lifetime.
pub const DEFAULT_LIFETIME_SECS: i64 = 72 * 60 * 60;
/// The app's page the link opens; the token follows in the fragment.
pub const PAGE: &str = "/handoff";

/// What a colleague's hand-off session may call; every other endpoint answers
/// it 403 `handoff_only`. Its own session, its hand-off, the dialog's
/// configuration, starting its channel's sign-up and exchanging the code of an
/// attempt it started (another channel's or attempt's: 403 `handoff_only`
/// too); opening a hand-off link again (a reload) and logging out; and the
/// public documents, which need no session and say nothing of an account.
pub const SESSION_MAY_CALL: [Address; 10] = [
    e::SESSION.address(),
    e::CURRENT_HANDOFF.address(),
    e::SIGNUP_CONFIG.address(),
    e::START_SIGNUP.address(),
    e::EXCHANGE_CODE.address(),
    e::OPEN_HANDOFF.address(),
    e::LOG_OUT.address(),
    e::HEALTH.address(),
    e::OPENAPI.address(),
    e::BRAND.address(),
];

/// Of [`SESSION_MAY_CALL`], those that act with the session: once its
/// hand-off is over (done, cancelled, replaced, expired) they answer 410 with
/// the reason's code, and the session ends.
pub const SESSION_ACTS: [Address; 5] = [
    e::SESSION.address(),
    e::CURRENT_HANDOFF.address(),
    e::SIGNUP_CONFIG.address(),
    e::START_SIGNUP.address(),
    e::EXCHANGE_CODE.address(),
];

/// The link mailed to the colleague: the app's [`PAGE`] with the token in the fragment.
pub fn link(app_url: &str, token: &str) -> String {
    format!("{}{PAGE}#{token}", app_url.trim_end_matches('/'))
}

/// The token in a location's fragment (`#abc` or `abc`), if there is one.
pub fn token_from_fragment(fragment: &str) -> Option<&str> {
    let token = fragment.strip_prefix('#').unwrap_or(fragment).trim();
    (!token.is_empty()).then_some(token)
}

/// POST [`crate::endpoint::SEND_HANDOFF`]: who to ask, and what to tell them.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub struct HandoffRequest {
    /// The colleague's email address.
    pub email: String,
    /// A note for the colleague, up to [`MESSAGE_MAX`] characters; blank is none.
    #[serde(default)]
    pub message: Option<String>,
}

impl HandoffRequest {
    /// Field names on the form (also the inputs' ids).
    pub const EMAIL: &'static str = "email";
    /// See [`HandoffRequest::EMAIL`].
    pub const MESSAGE: &'static str = "message";

    /// What needs correcting; empty when the request can be sent. The address
    /// follows the contact email's rule ([`contact_email_problem`]).
    pub fn problems(&self) -> Vec<FieldProblem> {
        let mut problems = Vec::new();
        if let Some(p) = contact_email_problem(&self.email) {
            problems.push(FieldProblem::new(Self::EMAIL, Problem::ContactEmail(p)));
        }
        if let Some(p) = message_problem(self.message.as_deref().unwrap_or_default()) {
            problems.push(FieldProblem::new(Self::MESSAGE, Problem::HandoffMessage(p)));
        }
        problems
    }

    /// [`HandoffRequest::problems`] in words.
    pub fn validate(&self) -> Vec<crate::error::FieldError> {
        worded(self.problems())
    }

    /// The address as it is stored and mailed: trimmed, lower-case.
    pub fn tidy_email(&self) -> String {
        crate::case::lower(self.email.trim())
    }

    /// The message as it is stored and mailed: trimmed, `None` when blank.
    pub fn tidy_message(&self) -> Option<String> {
        self.message
            .as_deref()
            .map(str::trim)
            .filter(|m| !m.is_empty())
            .map(str::to_string)
    }
}

/// The message: optional, up to [`MESSAGE_MAX`] characters once trimmed, line
/// breaks allowed, nothing invisible.
pub fn message_problem(text: &str) -> Option<FreeTextProblem> {
    free_text_problem(MESSAGE_MAX, text.trim())
}

/// Where a hand-off stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum HandoffStatus {
    /// Sent; the colleague has not finished the Facebook step yet.
    Waiting,
    /// The colleague finished the Facebook step: the number waits for the owner to confirm it.
    Done,
    /// The owner cancelled it, or the Facebook step was done another way.
    Cancelled,
    /// Its link expired before the colleague finished.
    Expired,
}

/// A hand-off of a channel's Facebook step, as its owner sees it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub struct Handoff {
    /// Stable identifier; a resend makes a new hand-off.
    pub id: String,
    /// The channel whose Facebook step it is.
    pub channel_id: String,
    /// The colleague's email address.
    pub email: String,
    /// The owner's note, if any.
    pub message: Option<String>,
    /// Where it stands.
    pub status: HandoffStatus,
    /// When the link was mailed.
    pub sent_at: Timestamp,
    /// When the link stops working.
    pub expires_at: Timestamp,
    /// When the colleague finished the Facebook step.
    pub completed_at: Option<Timestamp>,
}

/// POST [`crate::endpoint::OPEN_HANDOFF`]: the token from the link's fragment.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub struct HandoffOpen {
    /// Everything after `#` in the link.
    pub token: String,
}

/// What the colleague sees: who asked, and what they will confirm at Facebook.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub struct HandoffView {
    /// The channel whose Facebook step this is (the only one the session may start).
    pub channel_id: String,
    /// The email address of the person who asked.
    pub requested_by: String,
    /// Their contact-centre account's name.
    pub account_name: String,
    /// The business name (also the WhatsApp display name).
    pub business_name: String,
    /// The number Facebook will verify (E.164).
    pub phone_e164: String,
    /// The same number as WhatsApp shows it (e.g. "+44 7400 123456"). Added in
    /// contract 1.2.0 and optional: without it the app shows `phone_e164`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub phone_display: Option<String>,
    /// The profile description.
    pub description: String,
    /// The owner's note, if any.
    pub message: Option<String>,
    /// When the link stops working.
    pub expires_at: Timestamp,
}

impl HandoffView {
    /// The number as the page shows it: its display form, else its E.164.
    pub fn shown_phone(&self) -> &str {
        crate::phone::shown(self.phone_display.as_deref(), &self.phone_e164)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn request(email: &str, message: Option<&str>) -> HandoffRequest {
        HandoffRequest {
            email: email.into(),
            message: message.map(str::to_string),
        }
    }

    #[test]
    fn the_address_follows_the_email_rule_and_the_message_its_limit() {
        assert_eq!(request("sam@example.com", None).validate(), vec![]);
        assert_eq!(request(" Sam@Example.com ", Some("  ")).validate(), vec![]);
        let fields = |r: HandoffRequest| -> Vec<String> {
            r.validate().into_iter().map(|f| f.field).collect()
        };
        assert_eq!(fields(request("", None)), ["email"]);
        assert_eq!(fields(request("sam@localhost", None)), ["email"]);
        let long = "x".repeat(MESSAGE_MAX + 1);
        assert_eq!(fields(request("nope", Some(&long))), ["email", "message"]);
        let padded = format!("  {}  ", "x".repeat(MESSAGE_MAX));
        assert_eq!(
            fields(request("a@b.co", Some(&padded))),
            Vec::<String>::new()
        );
        assert_eq!(fields(request("a@b.co", Some("a\u{200B}b"))), ["message"]);
        assert!(request("a@b.co", Some(&long)).validate()[0]
            .message
            .contains("500 characters or fewer"));
    }

    #[test]
    fn tidy_values_are_what_is_stored() {
        let r = request(" Sam@Example.COM ", Some("  Please do this today \n"));
        assert_eq!(r.tidy_email(), "sam@example.com");
        assert_eq!(r.tidy_message().as_deref(), Some("Please do this today"));
        assert_eq!(request("a@b.co", Some(" \n ")).tidy_message(), None);
    }

    #[test]
    fn the_token_travels_in_the_fragment() {
        assert_eq!(
            link("http://127.0.0.1:8080/", "abc_-1"),
            "http://127.0.0.1:8080/handoff#abc_-1"
        );
        assert_eq!(token_from_fragment("#abc"), Some("abc"));
        assert_eq!(token_from_fragment("abc"), Some("abc"));
        assert_eq!(token_from_fragment("#"), None);
        assert_eq!(token_from_fragment(""), None);
    }

    #[test]
    fn statuses_travel_in_snake_case() {
        assert_eq!(
            serde_json::to_value(HandoffStatus::Waiting).unwrap(),
            "waiting"
        );
        let h: HandoffStatus = serde_json::from_str("\"expired\"").unwrap();
        assert_eq!(h, HandoffStatus::Expired);
    }
}
