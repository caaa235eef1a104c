//! Why an answer is refused, without its words.
//!
//! The checks (`profile`, `password`, `phone`, the forms' `validate`) name each
//! problem as a [`Problem`]. The backend words it in British English with
//! [`Problem::message`] and sends it as a [`FieldError`]; the app words it in the
//! user's language from its own catalogue. The app's British English catalogue
//! says exactly what [`Problem::message`] says (its tests check it), so a message
//! reads the same whether the page or the backend found the problem.

use crate::error::FieldError;
use crate::handoff::MESSAGE_MAX as HANDOFF_MESSAGE_MAX;
use crate::password::PasswordProblem;
use crate::phone::PhoneProblem;
use crate::profile::{
    BusinessNameProblem, EmailProblem, FreeTextProblem, LineProblem, WebsiteProblem, ADDRESS_MAX,
    CHANNEL_NAME_MAX, DESCRIPTION_MAX, EMAIL_MAX, TAGLINE_MAX,
};

/// One reason an answer is refused.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Problem {
    /// No email address (logging in, asking for a link).
    EmailMissing,
    /// No password (logging in).
    PasswordMissing,
    /// The new password is refused.
    NewPassword(PasswordProblem),
    /// The new password was not typed a second time.
    ConfirmMissing,
    /// The two passwords differ.
    ConfirmMismatch,
    /// No routing script chosen for a channel request.
    RoutingScriptMissing,
    /// No registered number chosen to link.
    NumberMissing,
    /// No channel chosen to link.
    ChannelMissing,
    /// "Channel name".
    ChannelName(LineProblem),
    /// "Phone number" or its country.
    Phone(PhoneProblem),
    /// "Business name".
    BusinessName(BusinessNameProblem),
    /// No "Category" chosen.
    CategoryMissing,
    /// "Tagline".
    Tagline(LineProblem),
    /// "Description".
    Description(FreeTextProblem),
    /// "Business address".
    Address(FreeTextProblem),
    /// "Contact email".
    ContactEmail(EmailProblem),
    /// "Website URL".
    Website(WebsiteProblem),
    /// The message to a colleague who is asked to do the Facebook step.
    HandoffMessage(FreeTextProblem),
}

impl Problem {
    /// What is wrong and how to fix it, in British English (the backend's words).
    pub fn message(&self) -> String {
        match self {
            Self::EmailMissing => "Enter your email address".into(),
            Self::PasswordMissing => "Enter your password".into(),
            Self::NewPassword(p) => p.message(),
            Self::ConfirmMissing => "Confirm your new password".into(),
            Self::ConfirmMismatch => {
                "The passwords do not match: enter the same password twice".into()
            }
            Self::RoutingScriptMissing => {
                "Select the routing script for this channel's conversations".into()
            }
            Self::NumberMissing => "Select the registered number".into(),
            Self::ChannelMissing => "Select the channel".into(),
            Self::ChannelName(p) => match p {
                LineProblem::Empty => "Enter a channel name".into(),
                LineProblem::TooLong => {
                    format!("Channel name must be {CHANNEL_NAME_MAX} characters or fewer")
                }
                LineProblem::Unprintable => {
                    "Channel name must be on one line, without tabs or invisible characters".into()
                }
            },
            Self::Phone(p) => p.message(),
            Self::BusinessName(p) => p.message(),
            Self::CategoryMissing => "Select a category".into(),
            Self::Tagline(p) => match p {
                LineProblem::Empty => "Enter a tagline".into(),
                LineProblem::TooLong => {
                    format!("Tagline must be {TAGLINE_MAX} characters or fewer")
                }
                LineProblem::Unprintable => {
                    "Tagline must be on one line, without tabs or invisible characters".into()
                }
            },
            Self::Description(p) => free_text("Description", DESCRIPTION_MAX, *p),
            Self::Address(p) => free_text("Business address", ADDRESS_MAX, *p),
            Self::ContactEmail(p) => match p {
                EmailProblem::Empty => "Enter an email address".into(),
                EmailProblem::TooLong => {
                    format!("Email address must be {EMAIL_MAX} characters or fewer")
                }
                EmailProblem::Format => {
                    "Enter an email address in the correct format, like name@example.com".into()
                }
            },
            Self::Website(p) => p.message(),
            Self::HandoffMessage(p) => free_text("Message", HANDOFF_MESSAGE_MAX, *p),
        }
    }
}

fn free_text(name: &str, max: usize, p: FreeTextProblem) -> String {
    match p {
        FreeTextProblem::TooLong => format!("{name} must be {max} characters or fewer"),
        FreeTextProblem::Invisible => format!("{name} must not contain invisible characters"),
    }
}

/// A problem with one field of a request, keyed by the field's name.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FieldProblem {
    /// The request field's name (a profile [`crate::field::Field`]'s name, or a form's).
    pub field: &'static str,
    /// What is wrong.
    pub problem: Problem,
}

impl FieldProblem {
    /// `problem` with `field`.
    pub fn new(field: impl Into<&'static str>, problem: Problem) -> Self {
        FieldProblem {
            field: field.into(),
            problem,
        }
    }
}

impl From<FieldProblem> for FieldError {
    fn from(p: FieldProblem) -> FieldError {
        FieldError::new(p.field, p.problem.message())
    }
}

/// Every problem as a field message in British English (the backend's words).
pub fn worded(problems: Vec<FieldProblem>) -> Vec<FieldError> {
    problems.into_iter().map(FieldError::from).collect()
}
