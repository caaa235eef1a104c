//! The JSON API's bodies and headers, shared by the app and the backend (the
//! endpoints themselves are in [`crate::endpoint`]).
//!
//! Times travel as whole seconds since the Unix epoch (UTC).

use crate::field::ProfilePage;
use crate::journey::ChannelState;
use crate::problem::{worded, FieldProblem, Problem};
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

/// GET [`crate::endpoint::HEALTH`]: the backend is up.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub struct Health {
    /// Always true.
    pub ok: bool,
}

/// The answer to [`NewLinkRequest`] (202): the same whether or not an account uses the address.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub struct LinkRequested {
    /// What happens next, in the user's words.
    pub message: String,
}

/// Seconds since the Unix epoch, UTC.
pub type Timestamp = i64;

/// Who is logged in, and the token their mutating requests must carry.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub struct SessionInfo {
    /// The logged-in account.
    pub account: AccountSummary,
    /// The user's email address.
    pub email: String,
    /// Sent back in the [`headers::CSRF`] header on every mutating request.
    pub csrf_token: String,
    /// Set only for a colleague's hand-off session ([`crate::handoff`]): the one
    /// channel whose Facebook step it may do. `email` is then the colleague's and
    /// `account` the owner's; every call but the hand-off's answers 403 `handoff_only`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub handoff_channel_id: Option<String>,
}

/// The account as the header shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub struct AccountSummary {
    /// Stable identifier.
    pub id: String,
    /// The business's name, shown in the header.
    pub name: String,
}

/// POST [`crate::endpoint::LOG_IN`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub struct LoginRequest {
    /// The user's email address.
    pub email: String,
    /// The user's password.
    pub password: String,
}

impl LoginRequest {
    /// What is missing; empty when both are there.
    pub fn problems(&self) -> Vec<FieldProblem> {
        let mut problems = Vec::new();
        if self.email.trim().is_empty() {
            problems.push(FieldProblem::new("email", Problem::EmailMissing));
        }
        if self.password.is_empty() {
            problems.push(FieldProblem::new("password", Problem::PasswordMissing));
        }
        problems
    }

    /// [`LoginRequest::problems`] in words.
    pub fn validate(&self) -> Vec<crate::error::FieldError> {
        worded(self.problems())
    }
}

/// GET [`crate::endpoint::PASSWORD_LINK`]: the link is usable.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub struct PasswordLinkInfo {
    /// The account the password is for (shown, and refused as a password).
    pub email: String,
    /// When the link stops working.
    pub expires_at: Timestamp,
}

/// POST [`crate::endpoint::SET_PASSWORD`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub struct SetPasswordRequest {
    /// The new password.
    pub password: String,
}

/// POST [`crate::endpoint::REQUEST_PASSWORD_LINK`]: send a fresh set-password link to this address.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub struct NewLinkRequest {
    /// Where to send it; the answer is the same whether or not an account has it.
    pub email: String,
}

/// A WhatsApp channel of the account.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
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
    /// When it was requested, in Unix seconds (UTC).
    pub requested_at: Timestamp,
}

/// GET [`crate::endpoint::CHANNELS`]: a channel with what the list and timeline show about it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub struct ChannelOverview {
    /// The channel.
    pub channel: Channel,
    /// The linked WhatsApp number (E.164), once confirmed.
    #[serde(default)]
    pub number: Option<String>,
    /// The linked number as WhatsApp shows it (e.g. "+44 7400 123456"). Added in
    /// contract 1.2.0 and optional: without it the app shows `number`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub number_display: Option<String>,
    /// When the provider's activation will be finished by (ISO date), while activating.
    #[serde(default)]
    pub ready_by: Option<String>,
    /// The channel's latest hand-off of the Facebook step to a colleague, whatever its status.
    #[serde(default)]
    pub handoff: Option<crate::handoff::Handoff>,
}

impl ChannelOverview {
    /// The linked number as the pages show it: its display form, else its E.164.
    pub fn shown_number(&self) -> Option<&str> {
        let e164 = self.number.as_deref()?;
        Some(crate::phone::shown(self.number_display.as_deref(), e164))
    }
}

/// What a search looks at in a channel, in lower case: made once per list, so that a
/// keystroke over 1,000 channels changes the case of the query alone.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SearchKey {
    name: String,
    reference: String,
}

impl SearchKey {
    /// The key of `c`.
    pub fn of(c: &ChannelOverview) -> Self {
        SearchKey {
            name: crate::case::lower(&c.channel.name),
            reference: crate::case::lower(&c.channel.reference),
        }
    }
}

/// A search of the channels (the text typed and the state filter): a channel matches
/// by name, number or reference, ignoring case and spaces in numbers. Made once per
/// keystroke and matched against each channel's [`SearchKey`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ChannelSearch {
    /// The query, trimmed and in lower case.
    text: String,
    /// The digits a number must contain, when the query has at least three.
    digits: Option<String>,
    state: Option<ChannelState>,
}

impl ChannelSearch {
    /// A search for `query` (name, number or reference, ignoring case and spaces in
    /// numbers), in `state` if given.
    pub fn new(query: &str, state: Option<ChannelState>) -> Self {
        let text = crate::case::lower(query.trim());
        let digits: String = text
            .chars()
            .filter(|ch| ch.is_ascii_digit() || *ch == '+')
            .collect();
        let digits = (digits.chars().filter(char::is_ascii_digit).count() >= 3)
            .then(|| digits.trim_start_matches('+').to_string());
        ChannelSearch {
            text,
            digits,
            state,
        }
    }

    /// Whether `c`, whose key is `key`, matches.
    pub fn matches(&self, c: &ChannelOverview, key: &SearchKey) -> bool {
        if self.state.is_some_and(|s| s != c.channel.state) {
            return false;
        }
        if self.text.is_empty() {
            return true;
        }
        key.name.contains(&self.text)
            || key.reference.contains(&self.text)
            || self
                .digits
                .as_deref()
                .is_some_and(|d| c.number.as_deref().is_some_and(|n| n.contains(d)))
    }
}

/// POST [`crate::endpoint::LINK`]: link a registered number to a channel.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
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

    /// What is missing.
    pub fn problems(&self) -> Vec<FieldProblem> {
        let mut problems = Vec::new();
        if self.number_id.is_empty() {
            problems.push(FieldProblem::new(Self::NUMBER, Problem::NumberMissing));
        }
        if self.channel_id.is_empty() {
            problems.push(FieldProblem::new(Self::CHANNEL, Problem::ChannelMissing));
        }
        problems
    }

    /// [`LinkRequest::problems`] in words.
    pub fn validate(&self) -> Vec<crate::error::FieldError> {
        worded(self.problems())
    }
}

/// The answer to [`LinkRequest`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub struct LinkOutcome {
    /// The channel, now in activation.
    pub channel: ChannelOverview,
}

/// Channel names are unique per account, compared without case or surrounding spaces.
pub fn same_channel_name(a: &str, b: &str) -> bool {
    crate::case::lower(a.trim()) == crate::case::lower(b.trim())
}

/// A routing script: how the contact centre routes a channel's conversations to agents.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub struct RoutingScript {
    /// Stable identifier.
    pub id: String,
    /// Its name in the Configuration Manager.
    pub name: String,
}

/// POST [`crate::endpoint::REQUEST_CHANNEL`]: request a WhatsApp channel, as the Configuration Manager does.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
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

    /// What needs correcting; empty when the request is complete.
    pub fn problems(&self) -> Vec<FieldProblem> {
        let mut problems = Vec::new();
        if let Some(p) = crate::profile::channel_name_problem(&self.name) {
            problems.push(FieldProblem::new(Self::NAME, Problem::ChannelName(p)));
        }
        if self.routing_script_id.trim().is_empty() {
            problems.push(FieldProblem::new(
                Self::ROUTING_SCRIPT,
                Problem::RoutingScriptMissing,
            ));
        }
        problems
    }

    /// [`ChannelRequest::problems`] in words.
    pub fn validate(&self) -> Vec<crate::error::FieldError> {
        worded(self.problems())
    }
}

/// POST [`crate::endpoint::CHECK_PROFILE`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub struct ProfileCheck {
    /// The step to check: a page's fields, or every field for the review.
    pub page: ProfilePage,
}

/// The answer to a picture upload.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub struct PictureInfo {
    /// Its id, saved in the draft's `picture_id`.
    pub id: String,
    /// Width in pixels.
    pub width: u32,
    /// Height in pixels.
    pub height: u32,
}

/// POST [`crate::endpoint::COMPLETE_PROFILE`]: the user retyped or ticked the business name to confirm it.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub struct ProfileCompletion {
    /// The business name exactly as the draft holds it; it cannot be changed afterwards.
    pub confirmed_business_name: String,
}

/// The picture's limits live with its other rules in [`crate::picture`].
pub use crate::picture::{PICTURE_MAX_BYTES, PICTURE_MIN_SIDE, PICTURE_UPLOAD_SIDE};

/// A message in the dev mailbox, standing in for a real email or SMS.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
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

#[cfg(test)]
mod tests {
    use super::*;

    fn overview(name: &str, number: Option<&str>, state: ChannelState) -> ChannelOverview {
        ChannelOverview {
            channel: Channel {
                id: "id".into(),
                name: name.into(),
                routing_script: "rs".into(),
                reference: "CM-104233".into(),
                state,
                requested_at: 0,
            },
            number: number.map(str::to_string),
            number_display: None,
            ready_by: None,
            handoff: None,
        }
    }

    /// Whether a search for `query` in `state` finds `c`.
    fn finds(c: &ChannelOverview, query: &str, state: Option<ChannelState>) -> bool {
        ChannelSearch::new(query, state).matches(c, &SearchKey::of(c))
    }

    #[test]
    fn search_by_name_number_or_reference() {
        let c = overview(
            "Customer Support",
            Some("+447400123456"),
            ChannelState::Activation,
        );
        for q in ["", "support", "CUSTOMER", "7400 123", "+44 7400", "cm-1042"] {
            assert!(finds(&c, q, None), "{q:?}");
        }
        for q in ["sales", "999", "12"] {
            assert!(!finds(&c, q, None), "{q:?}");
        }
        assert!(finds(&c, "", Some(ChannelState::Activation)));
        assert!(!finds(&c, "support", Some(ChannelState::Ready)));
    }

    /// The search as it was written before it was prepared once per keystroke and
    /// per list: what the prepared search must still answer.
    fn matches_as_before(c: &ChannelOverview, query: &str, state: Option<ChannelState>) -> bool {
        if state.is_some_and(|s| s != c.channel.state) {
            return false;
        }
        let q = crate::case::lower(query.trim());
        if q.is_empty() {
            return true;
        }
        let digits: String = q
            .chars()
            .filter(|ch| ch.is_ascii_digit() || *ch == '+')
            .collect();
        crate::case::lower(&c.channel.name).contains(&q)
            || crate::case::lower(&c.channel.reference).contains(&q)
            || (digits.chars().filter(char::is_ascii_digit).count() >= 3
                && c.number
                    .as_deref()
                    .is_some_and(|n| n.contains(digits.trim_start_matches('+'))))
    }

    proptest::proptest! {
        /// A search prepared once and keys made once per list find the same channels
        /// as searching each channel afresh, whatever is typed: names and queries in
        /// any case and script, numbers with spaces and plus signs.
        #[test]
        fn a_prepared_search_finds_what_a_fresh_one_does(
            name in "[a-zA-ZéÉßİ0-9 ]{0,12}",
            reference in "CM-[0-9]{1,6}",
            number in proptest::option::of("\\+44[0-9]{6,10}"),
            query in "[a-zA-ZéÉßİ0-9 +-]{0,8}",
            state in proptest::option::of(0usize..6),
            channel_state in 0usize..6,
        ) {
            let mut c = overview(&name, number.as_deref(), ChannelState::ALL[channel_state]);
            c.channel.reference = reference;
            let state = state.map(|i| ChannelState::ALL[i]);
            proptest::prop_assert_eq!(
                finds(&c, &query, state),
                matches_as_before(&c, &query, state)
            );
            // A query taken from the channel itself always finds it.
            let part: String = name.chars().skip(1).take(4).collect();
            proptest::prop_assert!(finds(&c, &part, None));
        }

        /// Any three or more digits of a channel's number find it, typed with a plus
        /// in front and spaces anywhere, as a fresh search did.
        #[test]
        fn part_of_the_number_finds_the_channel(
            digits in "[0-9]{8,10}",
            start in 0usize..4,
            len in 3usize..6,
            plus: bool,
            space in 0usize..4,
        ) {
            let number = format!("+44{digits}");
            let c = overview("Sales", Some(&number), ChannelState::Ready);
            let mut query: String = digits[start..start + len].to_string();
            query.insert(space.min(query.len()), ' ');
            if plus {
                query.insert(0, '+');
            }
            let found = finds(&c, &query, None);
            proptest::prop_assert!(found, "{query:?} in {number}");
            proptest::prop_assert_eq!(found, matches_as_before(&c, &query, None));
        }
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
    fn login_requires_both_fields() {
        let r = LoginRequest {
            email: " ".into(),
            password: String::new(),
        };
        let fields: Vec<_> = r.validate().into_iter().map(|f| f.field).collect();
        assert_eq!(fields, ["email", "password"]);
    }
}
