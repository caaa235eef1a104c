//! The test harness's part of the API: endpoints the fake backend serves only
//! in test mode, and their bodies.
//!
//! Behind the `test-api` cargo feature, which the fake backend enables and the
//! app does not, so none of it ships in the app.

use crate::contract::Timestamp;
use crate::endpoint::{Endpoint, Method};
use serde::{Deserialize, Serialize};

/// GET: the OpenAPI document of these endpoints (`contract/openapi.test.json`).
pub const OPENAPI: Endpoint<(), serde_json::Value> =
    Endpoint::new(Method::Get, "/api/test/openapi.json");
/// POST: back to the seed, with no fault rules and a live clock.
pub const RESET: Endpoint<ResetRequest, ()> = Endpoint::new(Method::Post, "/api/test/reset");
/// GET: the whole backend state as JSON, secrets redacted.
pub const STATE: Endpoint<(), serde_json::Value> = Endpoint::new(Method::Get, "/api/test/state");
/// POST: make the next calls to an endpoint fail.
pub const ADD_FAULT: Endpoint<FaultRule, ()> = Endpoint::new(Method::Post, "/api/test/faults");
/// DELETE: remove every fault rule.
pub const CLEAR_FAULTS: Endpoint<(), ()> = Endpoint::new(Method::Delete, "/api/test/faults");
/// POST: move the backend's clock forward.
pub const ADVANCE_CLOCK: Endpoint<ClockAdvance, ()> =
    Endpoint::new(Method::Post, "/api/test/clock");
/// POST: hold the backend's clock at an instant.
pub const FREEZE_CLOCK: Endpoint<ClockFreeze, ()> =
    Endpoint::new(Method::Post, "/api/test/clock/freeze");
/// POST: end every session, as if each had timed out.
pub const EXPIRE_SESSIONS: Endpoint<(), ()> =
    Endpoint::new(Method::Post, "/api/test/expire-sessions");
/// POST: how the simulated Facebook dialog behaves until the next reset.
pub const FACEBOOK_MODE: Endpoint<DialogModeRequest, ()> =
    Endpoint::new(Method::Post, "/api/test/facebook");
/// POST: the provider finishes a channel's activation now.
pub const ACTIVATE: Endpoint<ActivateRequest, ()> =
    Endpoint::new(Method::Post, "/api/test/activate");
/// POST: add many channels to the demo account, for scale tests.
pub const MANY_CHANNELS: Endpoint<ManyChannelsRequest, ()> =
    Endpoint::new(Method::Post, "/api/test/many-channels");

/// POST [`ACTIVATE`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub struct ActivateRequest {
    /// The channel whose activation finishes.
    pub channel_id: String,
}

/// POST [`MANY_CHANNELS`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub struct ManyChannelsRequest {
    /// How many channels to add (at most 5,000).
    pub count: u32,
}

/// how to fail a call.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
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

/// POST [`ADD_FAULT`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
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

/// POST [`RESET`].
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub struct ResetRequest {
    /// Set the demo user's password straight away, skipping the emailed link.
    #[serde(default)]
    pub demo_password: Option<String>,
}

/// how the simulated Facebook dialog fails, the ways real users report.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
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
    /// Popup mode: the window posts the code before the session info (ids),
    /// where it otherwise posts the ids first.
    CodeBeforeSessionInfo,
}

/// POST [`FACEBOOK_MODE`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub struct DialogModeRequest {
    /// The mode.
    pub mode: DialogMode,
}

/// POST [`ADVANCE_CLOCK`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub struct ClockAdvance {
    /// How far to move the backend's clock forward.
    pub seconds: i64,
}

/// POST [`FREEZE_CLOCK`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
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
    fn fault_wire_shape() {
        let f: Fault = serde_json::from_str(r#"{"kind":"status","status":503}"#).unwrap();
        assert_eq!(f, Fault::Status { status: 503 });
        let f: Fault = serde_json::from_str(r#"{"kind":"drop"}"#).unwrap();
        assert_eq!(f, Fault::Drop);
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
}
