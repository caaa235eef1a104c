//! The one JSON error shape every endpoint answers with.

use serde::{Deserialize, Serialize};

/// What went wrong, as a stable machine-readable code.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum ErrorCode {
    /// One or more fields failed validation; see `fields`.
    Validation,
    /// The body was not JSON, or not the expected shape.
    Malformed,
    /// The body was larger than the endpoint accepts.
    PayloadTooLarge,
    /// The request was not sent as `application/json`.
    UnsupportedMediaType,
    /// No valid session.
    Unauthorized,
    /// Email and password do not match an account.
    InvalidCredentials,
    /// A mutating request lacked the anti-CSRF header, or it did not match.
    Csrf,
    /// The account may not do this (e.g. its licence does not allow it).
    Forbidden,
    /// Nothing exists at this address.
    NotFound,
    /// A set-password link that is past its expiry.
    LinkExpired,
    /// A set-password link that was already used.
    LinkUsed,
    /// A set-password link the backend never issued.
    LinkUnknown,
    /// The request clashes with the current state (e.g. a duplicate name).
    Conflict,
    /// An idempotency key was reused with a different request.
    IdempotencyMismatch,
    /// Too many attempts; see the `Retry-After` header.
    RateLimited,
    /// Facebook's sign-up code is past its short life; start the sign-up again.
    CodeExpired,
    /// The sign-up `state` does not match the attempt.
    StateMismatch,
    /// The channel is not at the Facebook step (its profile is not confirmed, or
    /// its number is registered already), so the step cannot be handed over.
    NotAtFacebookStep,
    /// A hand-off link whose Facebook step was already done with it.
    HandoffUsed,
    /// A hand-off link past its expiry.
    HandoffExpired,
    /// A hand-off link replaced by a newer one sent for the same channel.
    HandoffReplaced,
    /// A hand-off link the owner cancelled (or whose step was done another way).
    HandoffCancelled,
    /// A hand-off session may only do its channel's Facebook step.
    HandoffOnly,
    /// Something failed on the server; `error_id` identifies it for support.
    Internal,
    /// The backend is temporarily unavailable.
    Unavailable,
}

/// A message about one field, keyed by the field's name in the request.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub struct FieldError {
    /// The request field's name, e.g. `"password"`.
    pub field: String,
    /// What is wrong and how to fix it, in the user's words.
    pub message: String,
}

impl FieldError {
    /// A message for `field`.
    pub fn new(field: impl Into<String>, message: impl Into<String>) -> Self {
        Self {
            field: field.into(),
            message: message.into(),
        }
    }
}

/// The body of every 4xx and 5xx answer.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub struct ErrorBody {
    /// What went wrong, for code.
    pub code: ErrorCode,
    /// What went wrong, for people.
    pub message: String,
    /// Per-field messages, in the order the fields appear on the form.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub fields: Vec<FieldError>,
    /// An identifier to quote to support, for server-side failures.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub error_id: Option<String>,
}

impl ErrorBody {
    /// An error with no field messages.
    pub fn new(code: ErrorCode, message: impl Into<String>) -> Self {
        Self {
            code,
            message: message.into(),
            fields: Vec::new(),
            error_id: None,
        }
    }

    /// A validation error carrying field messages.
    pub fn validation(fields: Vec<FieldError>) -> Self {
        Self {
            code: ErrorCode::Validation,
            message: "Some answers need correcting.".into(),
            fields,
            error_id: None,
        }
    }

    /// The message for `field`, if there is one.
    pub fn field(&self, field: &str) -> Option<&str> {
        self.fields
            .iter()
            .find(|f| f.field == field)
            .map(|f| f.message.as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn wire_shape_is_stable() {
        let body = ErrorBody::validation(vec![FieldError::new("password", "Too short")]);
        let json = serde_json::to_value(&body).unwrap();
        assert_eq!(
            json,
            serde_json::json!({
                "code": "validation",
                "message": "Some answers need correcting.",
                "fields": [{"field": "password", "message": "Too short"}]
            })
        );
    }

    #[test]
    fn empty_fields_and_error_id_are_optional_on_the_wire() {
        let body: ErrorBody =
            serde_json::from_str(r#"{"code":"rate_limited","message":"Wait"}"#).unwrap();
        assert_eq!(body.code, ErrorCode::RateLimited);
        assert!(body.fields.is_empty());
        assert_eq!(body.error_id, None);
    }

    fn any_code() -> impl Strategy<Value = ErrorCode> {
        prop_oneof![
            Just(ErrorCode::Validation),
            Just(ErrorCode::Malformed),
            Just(ErrorCode::PayloadTooLarge),
            Just(ErrorCode::UnsupportedMediaType),
            Just(ErrorCode::Unauthorized),
            Just(ErrorCode::InvalidCredentials),
            Just(ErrorCode::Csrf),
            Just(ErrorCode::Forbidden),
            Just(ErrorCode::NotFound),
            Just(ErrorCode::LinkExpired),
            Just(ErrorCode::LinkUsed),
            Just(ErrorCode::LinkUnknown),
            Just(ErrorCode::Conflict),
            Just(ErrorCode::IdempotencyMismatch),
            Just(ErrorCode::RateLimited),
            Just(ErrorCode::CodeExpired),
            Just(ErrorCode::StateMismatch),
            Just(ErrorCode::NotAtFacebookStep),
            Just(ErrorCode::HandoffUsed),
            Just(ErrorCode::HandoffExpired),
            Just(ErrorCode::HandoffReplaced),
            Just(ErrorCode::HandoffCancelled),
            Just(ErrorCode::HandoffOnly),
            Just(ErrorCode::Internal),
            Just(ErrorCode::Unavailable),
        ]
    }

    proptest! {
        /// Any error the backend can build survives the trip through JSON unchanged.
        #[test]
        fn round_trips_through_json(
            code in any_code(),
            message in ".*",
            fields in proptest::collection::vec((".*", ".*"), 0..5),
            error_id in proptest::option::of("[a-z0-9-]{1,20}"),
        ) {
            let body = ErrorBody {
                code,
                message,
                fields: fields.into_iter().map(|(f, m)| FieldError::new(f, m)).collect(),
                error_id,
            };
            let json = serde_json::to_string(&body).unwrap();
            let back: ErrorBody = serde_json::from_str(&json).unwrap();
            prop_assert_eq!(back, body);
        }

        /// `field` finds the first message for a field and nothing for others.
        #[test]
        fn field_lookup(names in proptest::collection::vec("[a-z]{1,6}", 1..6)) {
            let body = ErrorBody::validation(
                names.iter().enumerate().map(|(i, n)| FieldError::new(n.clone(), i.to_string())).collect(),
            );
            for n in &names {
                let first = names.iter().position(|x| x == n).unwrap().to_string();
                prop_assert_eq!(body.field(n), Some(first.as_str()));
            }
            prop_assert_eq!(body.field("NOT-A-FIELD"), None);
        }
    }
}
