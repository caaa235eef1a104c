//! The example portal: a host page that mounts the app under `/portal/whatsapp`
//! with its own header, styles and login (`--example-host-dir`). Its "login" is
//! a stand-in: `POST /dev/portal-session` starts a session for a seeded user
//! without a password, as a portal that has already logged its user in would.

use crate::failure::{ApiFailure, Json};
use crate::{auth, AppState};
use axum::extract::State;
use axum::http::{header, StatusCode};
use axum::response::{IntoResponse, Response};
use serde::Deserialize;

/// POST /dev/portal-session.
#[derive(Debug, Deserialize)]
pub struct PortalSession {
    /// The seeded user to log in.
    pub email: String,
}

/// POST /dev/portal-session: a session for a seeded user, as the portal's own login gives.
pub async fn session(
    State(state): State<AppState>,
    Json(req): Json<PortalSession>,
) -> Result<Response, ApiFailure> {
    let now = state.clock.now();
    let secure = state.config.secure_cookies();
    state.store.tx(|d| {
        let email = req.email.trim().to_lowercase();
        if d.user(&email).is_none() {
            return Err(ApiFailure::field(
                "email",
                "No seeded user has this address",
            ));
        }
        let (info, cookie) = auth::start(d, &email, now, secure);
        Ok((
            StatusCode::OK,
            [(header::SET_COOKIE, cookie)],
            axum::Json(info),
        )
            .into_response())
    })
}
