//! Test-only endpoints, routed only when the backend starts in test mode.

use crate::failure::{ApiFailure, Json};
use crate::{seed, AppState};
use axum::extract::State;
use axum::http::StatusCode;
use domain::testing::{ClockAdvance, ClockFreeze, DialogModeRequest, FaultRule, ResetRequest};

/// POST /api/test/reset: back to the seed, faults and the dialog's mode included
/// (the mode, the dialog's flows and every sign-up live in the data), and the
/// clock back to the mode the backend started in: the wall clock when served,
/// the native tests' frozen instant in theirs.
pub async fn reset(State(state): State<AppState>, Json(req): Json<ResetRequest>) -> StatusCode {
    state.clock.reset();
    state
        .faults
        .lock()
        .unwrap_or_else(|e| e.into_inner())
        .clear();
    // Seeding hashes the demo password (Argon2): on the blocking pool.
    let (now, app_url) = (state.clock.now(), state.config.app_url.clone());
    let fresh = tokio::task::spawn_blocking(move || {
        seed::seed(now, &app_url, req.demo_password.as_deref(), true)
    })
    .await
    .expect("seeding never panics");
    state.store.tx(|d| *d = fresh);
    StatusCode::NO_CONTENT
}

/// GET /api/test/state: everything, with secrets redacted.
pub async fn state(State(state): State<AppState>) -> axum::Json<serde_json::Value> {
    let value = state
        .store
        .tx(|d| serde_json::to_value(&*d).unwrap_or_default());
    axum::Json(serde_json::json!({ "now": state.clock.now(), "data": value }))
}

/// POST /api/test/faults: add a rule.
pub async fn add_fault(State(state): State<AppState>, Json(rule): Json<FaultRule>) -> StatusCode {
    state
        .faults
        .lock()
        .unwrap_or_else(|e| e.into_inner())
        .push(rule);
    StatusCode::NO_CONTENT
}

/// DELETE /api/test/faults: remove every rule.
pub async fn clear_faults(State(state): State<AppState>) -> StatusCode {
    state
        .faults
        .lock()
        .unwrap_or_else(|e| e.into_inner())
        .clear();
    StatusCode::NO_CONTENT
}

/// POST /api/test/clock: move time forward; 422 when that would take the
/// clock past the end of 9999 ([`ClockFreeze::LATEST`]), where every later
/// answer would overflow.
pub async fn advance_clock(
    State(state): State<AppState>,
    Json(req): Json<ClockAdvance>,
) -> Result<StatusCode, ApiFailure> {
    if state.clock.advance_until(req.seconds, ClockFreeze::LATEST) {
        Ok(StatusCode::NO_CONTENT)
    } else {
        Err(ApiFailure::field(
            "seconds",
            "That would move the clock past the end of 9999: give fewer seconds",
        ))
    }
}

/// POST /api/test/clock/freeze: the clock stands still at `at` (any earlier
/// advance forgotten) until the next reset; POST /api/test/clock still moves it.
pub async fn freeze_clock(
    State(state): State<AppState>,
    Json(req): Json<ClockFreeze>,
) -> Result<StatusCode, ApiFailure> {
    let errors = req.validate();
    if !errors.is_empty() {
        return Err(ApiFailure::fields(errors));
    }
    state.clock.freeze_at(req.at);
    Ok(StatusCode::NO_CONTENT)
}

/// POST /api/test/expire-sessions: every session ends, as if it had timed out.
pub async fn expire_sessions(State(state): State<AppState>) -> StatusCode {
    state.store.tx(|d| d.sessions.clear());
    StatusCode::NO_CONTENT
}

/// POST /api/test/facebook: how the simulated Facebook dialog behaves until the next reset.
pub async fn facebook_mode(
    State(state): State<AppState>,
    Json(req): Json<DialogModeRequest>,
) -> StatusCode {
    state.store.tx(|d| d.dialog_mode = req.mode);
    StatusCode::NO_CONTENT
}
