//! What went wrong with a call, as a type a page can put into words, and the one
//! rule for what a form shows for it.

use crate::i18n::{fill, text};
use domain::error::{ErrorBody, ErrorCode, FieldError};
use std::fmt;

/// What went wrong with a call, in terms a page can explain.
#[derive(Debug, Clone, PartialEq)]
pub enum ApiError {
    /// The request never got an answer: offline, or the connection dropped.
    Network,
    /// No answer within the time-out; the request may still have taken effect.
    Timeout,
    /// The page that made the request went away; nobody needs to be told.
    Cancelled,
    /// No valid session (401). The app sends the user to log in.
    Unauthorized,
    /// Some input was refused (400, 422): the body has per-field messages.
    Validation(ErrorBody),
    /// The request clashes with the current state (409).
    Conflict(ErrorBody),
    /// Too many attempts (429); `retry_after_secs` from the `Retry-After` header.
    RateLimited {
        /// Seconds to wait, if the server said.
        retry_after_secs: Option<u64>,
        /// The server's explanation.
        body: ErrorBody,
    },
    /// Any other refusal (403, 404, 410, 413...): `body.code` says which.
    Refused {
        /// The HTTP status.
        status: u16,
        /// The server's explanation.
        body: ErrorBody,
    },
    /// The server failed (5xx) or answered with something unreadable.
    Server {
        /// The HTTP status, or 0 when the answer was not readable.
        status: u16,
        /// An identifier to quote to support, when the server gave one.
        error_id: Option<String>,
    },
}

impl ApiError {
    /// The server's error body, when there is one.
    pub fn body(&self) -> Option<&ErrorBody> {
        match self {
            Self::Validation(b) | Self::Conflict(b) => Some(b),
            Self::RateLimited { body, .. } | Self::Refused { body, .. } => Some(body),
            _ => None,
        }
    }

    /// The error code the server gave, when there is one.
    pub fn code(&self) -> Option<ErrorCode> {
        self.body().map(|b| b.code)
    }

    /// The message for `field`, when the server gave one.
    pub fn field(&self, field: &str) -> Option<String> {
        self.body().and_then(|b| b.field(field)).map(str::to_string)
    }

    /// Whether the request may have taken effect without the app knowing.
    pub fn outcome_unknown(&self) -> bool {
        matches!(self, Self::Network | Self::Timeout | Self::Cancelled)
    }
}

/// What went wrong, in the app's locale; the backend's own explanation (its
/// `message`, in British English) where it gave one.
impl fmt::Display for ApiError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let t = &text().errors;
        match self {
            Self::Network => f.write_str(t.network),
            Self::Timeout => f.write_str(t.timeout),
            Self::Cancelled => f.write_str(t.cancelled),
            Self::Unauthorized => f.write_str(t.unauthorized),
            Self::Validation(b) | Self::Conflict(b) => f.write_str(&b.message),
            Self::RateLimited {
                retry_after_secs,
                body,
            } => f.write_str(&match retry_after_secs {
                Some(s) => fill(
                    t.rate_limited_for,
                    &[("message", &body.message), ("wait", &wait_words(*s))],
                ),
                None => fill(t.rate_limited, &[("message", &body.message)]),
            }),
            Self::Refused { body, .. } => f.write_str(&body.message),
            Self::Server {
                error_id: Some(id), ..
            } => f.write_str(&fill(t.server_with_id, &[("id", id)])),
            Self::Server { error_id: None, .. } => f.write_str(t.server),
        }
    }
}

/// "1 minute", "15 minutes", "40 seconds", in the app's locale.
pub fn wait_words(secs: u64) -> String {
    let t = &text().errors;
    let (one, many, n) = if secs < 60 {
        (t.second, t.seconds, secs)
    } else {
        (t.minute, t.minutes, secs.div_ceil(60))
    };
    if n == 1 {
        one.to_string()
    } else {
        fill(many, &[("count", &n.to_string())])
    }
}

/// Turns an HTTP status, its `Retry-After` header and its body into an error.
pub fn classify(status: u16, retry_after: Option<&str>, body: &str) -> ApiError {
    let parsed: Option<ErrorBody> = crate::json::from_str(body);
    let t = &text().errors;
    let or_generic = |code, message: &str| {
        parsed
            .clone()
            .unwrap_or_else(|| ErrorBody::new(code, message))
    };
    match status {
        // A refused login is a 401 too, but it is not an ended session.
        401 if parsed
            .as_ref()
            .is_some_and(|b| b.code == ErrorCode::InvalidCredentials) =>
        {
            ApiError::Refused {
                status,
                body: or_generic(ErrorCode::InvalidCredentials, ""),
            }
        }
        401 => ApiError::Unauthorized,
        400 | 422 => ApiError::Validation(or_generic(ErrorCode::Validation, t.some_answers)),
        409 => ApiError::Conflict(or_generic(ErrorCode::Conflict, t.clash)),
        429 => ApiError::RateLimited {
            retry_after_secs: retry_after.and_then(|v| v.trim().parse().ok()),
            body: or_generic(ErrorCode::RateLimited, t.too_many_attempts),
        },
        402..=499 => ApiError::Refused {
            status,
            body: or_generic(ErrorCode::Forbidden, t.refused),
        },
        _ => ApiError::Server {
            status,
            error_id: parsed.and_then(|b| b.error_id),
        },
    }
}

impl ApiError {
    /// Whether another part of the app deals with this error, so a page shows
    /// nothing for it: an ended session (the session sends the user to log in and
    /// back) and a request cancelled because its page went away. The one place
    /// that decides it.
    pub fn handled_elsewhere(&self) -> bool {
        matches!(self, Self::Unauthorized | Self::Cancelled)
    }

    /// The failure for the host page's `error` event: the backend's code, or
    /// `network`, `timeout` or `server`, and the id to quote to support. `None` for
    /// answers that need correcting (validation) and for what is handled elsewhere.
    pub fn event(&self) -> Option<domain::embed::Event> {
        let (code, error_id) = match self {
            Self::Validation(_) | Self::Unauthorized | Self::Cancelled => return None,
            Self::Network => ("network".to_string(), None),
            Self::Timeout => ("timeout".to_string(), None),
            Self::Server { error_id, .. } => ("server".to_string(), error_id.clone()),
            Self::Conflict(b)
            | Self::RateLimited { body: b, .. }
            | Self::Refused { body: b, .. } => {
                // The code as the wire names it (a JSON string, its quotes taken off).
                let code = crate::json::to_string(&b.code)
                    .map(|s| s.trim_matches('"').to_string())
                    .unwrap_or_default();
                (code, b.error_id.clone())
            }
        };
        Some(domain::embed::Event::Error { code, error_id })
    }

    /// What a form shows: the server's field messages when it gave some, else one
    /// message; `None` when [`ApiError::handled_elsewhere`].
    pub fn form_errors(&self) -> Option<Vec<FieldError>> {
        if self.handled_elsewhere() {
            return None;
        }
        Some(match self.body() {
            Some(b) if !b.fields.is_empty() => b.fields.clone(),
            _ => vec![FieldError::new("", self.to_string())],
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_form_shows_field_messages_else_one_message_and_nothing_for_an_ended_session() {
        let fields = ErrorBody::validation(vec![FieldError::new("name", "Taken")]);
        assert_eq!(
            ApiError::Validation(fields).form_errors(),
            Some(vec![FieldError::new("name", "Taken")])
        );
        let e = ApiError::Network;
        assert_eq!(
            e.form_errors(),
            Some(vec![FieldError::new("", e.to_string())])
        );
        assert_eq!(ApiError::Unauthorized.form_errors(), None);
        assert_eq!(ApiError::Cancelled.form_errors(), None);
    }

    #[test]
    fn classify_maps_each_status_family() {
        let body = r#"{"code":"conflict","message":"Taken","fields":[{"field":"name","message":"Taken"}]}"#;
        assert_eq!(classify(401, None, ""), ApiError::Unauthorized);
        assert!(
            matches!(classify(409, None, body), ApiError::Conflict(b) if b.field("name") == Some("Taken"))
        );
        assert!(
            matches!(classify(422, None, "not json"), ApiError::Validation(b) if b.code == ErrorCode::Validation)
        );
        assert!(matches!(
            classify(
                429,
                Some(" 900 "),
                r#"{"code":"rate_limited","message":"Slow down."}"#
            ),
            ApiError::RateLimited {
                retry_after_secs: Some(900),
                ..
            }
        ));
        assert!(
            matches!(classify(410, None, r#"{"code":"link_used","message":"Used"}"#), ApiError::Refused { status: 410, body } if body.code == ErrorCode::LinkUsed)
        );
        assert_eq!(
            classify(
                500,
                None,
                r#"{"code":"internal","message":"x","error_id":"ERR-1"}"#
            ),
            ApiError::Server {
                status: 500,
                error_id: Some("ERR-1".into())
            }
        );
        assert_eq!(
            classify(502, None, "<html>"),
            ApiError::Server {
                status: 502,
                error_id: None
            }
        );
    }

    /// The host's `error` event names a refused answer by the wire's own code.
    #[test]
    fn the_error_event_carries_the_code_as_the_wire_names_it() {
        let refused = classify(
            410,
            None,
            r#"{"code":"link_used","message":"Used","error_id":"ERR-2"}"#,
        );
        assert_eq!(
            refused.event(),
            Some(domain::embed::Event::Error {
                code: "link_used".into(),
                error_id: Some("ERR-2".into())
            })
        );
        let limited = classify(429, None, r#"{"code":"rate_limited","message":"Wait"}"#);
        assert_eq!(
            limited.event(),
            Some(domain::embed::Event::Error {
                code: "rate_limited".into(),
                error_id: None
            })
        );
        assert_eq!(ApiError::Unauthorized.event(), None);
    }

    #[test]
    fn messages_tell_the_user_what_to_do() {
        let e = ApiError::RateLimited {
            retry_after_secs: Some(900),
            body: ErrorBody::new(ErrorCode::RateLimited, "Too many failed attempts."),
        };
        assert_eq!(
            e.to_string(),
            "Too many failed attempts. Try again in 15 minutes."
        );
        assert!(ApiError::Server {
            status: 500,
            error_id: Some("ERR-9".into())
        }
        .to_string()
        .contains("ERR-9"));
        assert_eq!(wait_words(1), "1 second");
        assert_eq!(wait_words(61), "2 minutes");
    }
}
