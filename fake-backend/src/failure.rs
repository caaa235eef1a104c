//! Errors as the one JSON error shape, and a JSON extractor that never panics or 500s on bad input.

use axum::extract::rejection::JsonRejection;
use axum::extract::{FromRequest, Request};
use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use domain::error::{ErrorBody, ErrorCode, FieldError};
use serde::de::DeserializeOwned;

/// A refusal or failure, answered as [`ErrorBody`] JSON.
#[derive(Debug)]
pub struct ApiFailure {
    /// The HTTP status.
    pub status: StatusCode,
    /// The body.
    pub body: ErrorBody,
    /// Seconds for the `Retry-After` header.
    pub retry_after: Option<u64>,
}

impl ApiFailure {
    /// A failure with a status, a code and a message.
    pub fn new(status: StatusCode, code: ErrorCode, message: impl Into<String>) -> Self {
        Self {
            status,
            body: ErrorBody::new(code, message),
            retry_after: None,
        }
    }

    /// 422 with field messages.
    pub fn fields(fields: Vec<FieldError>) -> Self {
        Self {
            status: StatusCode::UNPROCESSABLE_ENTITY,
            body: ErrorBody::validation(fields),
            retry_after: None,
        }
    }

    /// 422 with one field message.
    pub fn field(field: impl Into<String>, message: impl Into<String>) -> Self {
        Self::fields(vec![FieldError::new(field, message)])
    }

    /// 401: no session, or it ended.
    pub fn unauthorized() -> Self {
        Self::new(
            StatusCode::UNAUTHORIZED,
            ErrorCode::Unauthorized,
            "Your session has ended. Log in again to continue.",
        )
    }

    /// 404 in the error shape.
    pub fn not_found() -> Self {
        Self::new(
            StatusCode::NOT_FOUND,
            ErrorCode::NotFound,
            "There is nothing at this address.",
        )
    }

    /// 409 with a message on one field.
    pub fn conflict(field: impl Into<String>, message: impl Into<String>) -> Self {
        let message = message.into();
        Self {
            status: StatusCode::CONFLICT,
            body: ErrorBody {
                code: ErrorCode::Conflict,
                message: message.clone(),
                fields: vec![FieldError::new(field, message)],
                error_id: None,
            },
            retry_after: None,
        }
    }

    /// An answer for an arbitrary status, as a test fault or the panic guard produces.
    pub fn for_status(status: StatusCode) -> Self {
        let (code, message) = match status.as_u16() {
            400 => (ErrorCode::Malformed, "The request could not be understood."),
            401 => (
                ErrorCode::Unauthorized,
                "Your session has ended. Log in again to continue.",
            ),
            403 => (ErrorCode::Forbidden, "You cannot do this."),
            404 => (ErrorCode::NotFound, "There is nothing at this address."),
            409 => (
                ErrorCode::Conflict,
                "This clashes with a change made elsewhere.",
            ),
            413 => (ErrorCode::PayloadTooLarge, "The request is too large."),
            422 => (ErrorCode::Validation, "Some answers need correcting."),
            429 => (
                ErrorCode::RateLimited,
                "Too many attempts. Wait and try again.",
            ),
            503 => (
                ErrorCode::Unavailable,
                "The service is unavailable. Try again shortly.",
            ),
            _ if status.is_server_error() => {
                (ErrorCode::Internal, "Something went wrong on our side.")
            }
            _ => (ErrorCode::Malformed, "The request was refused."),
        };
        let mut failure = Self::new(status, code, message);
        if status.is_server_error() {
            failure.body.error_id = Some(format!(
                "ERR-{}",
                &crate::secrets::token()[..8].to_uppercase()
            ));
        }
        if status == StatusCode::TOO_MANY_REQUESTS {
            failure.retry_after = Some(30);
        }
        failure
    }
}

impl IntoResponse for ApiFailure {
    fn into_response(self) -> Response {
        let mut response = (self.status, axum::Json(self.body)).into_response();
        if let Some(secs) = self.retry_after {
            response
                .headers_mut()
                .insert(header::RETRY_AFTER, HeaderValue::from(secs));
        }
        response
    }
}

/// `axum::Json`, but every rejection is answered in the error shape.
pub struct Json<T>(pub T);

impl<T: DeserializeOwned, S: Send + Sync> FromRequest<S> for Json<T> {
    type Rejection = ApiFailure;

    async fn from_request(req: Request, state: &S) -> Result<Self, Self::Rejection> {
        match axum::Json::<T>::from_request(req, state).await {
            Ok(axum::Json(value)) => Ok(Json(value)),
            Err(rejection) => Err(reject(rejection)),
        }
    }
}

fn reject(rejection: JsonRejection) -> ApiFailure {
    match rejection {
        JsonRejection::MissingJsonContentType(_) => ApiFailure::new(
            StatusCode::UNSUPPORTED_MEDIA_TYPE,
            ErrorCode::UnsupportedMediaType,
            "Send the request body as application/json.",
        ),
        JsonRejection::JsonDataError(e) => ApiFailure::new(
            StatusCode::BAD_REQUEST,
            ErrorCode::Malformed,
            format!("The request body has the wrong shape: {}", e.body_text()),
        ),
        JsonRejection::JsonSyntaxError(_) => ApiFailure::new(
            StatusCode::BAD_REQUEST,
            ErrorCode::Malformed,
            "The request body is not valid JSON.",
        ),
        other if other.status() == StatusCode::PAYLOAD_TOO_LARGE => ApiFailure::new(
            StatusCode::PAYLOAD_TOO_LARGE,
            ErrorCode::PayloadTooLarge,
            "The request body is too large.",
        ),
        other => ApiFailure::new(
            StatusCode::BAD_REQUEST,
            ErrorCode::Malformed,
            other.body_text(),
        ),
    }
}
