//! The onboarding journey's pure logic and its JSON contract.
//!
//! Both the browser app and the fake backend depend on this crate, so the
//! shape of every request and answer has exactly one definition. Nothing here
//! touches a browser, a socket or a clock: callers pass the time in.

pub mod activation;
pub mod brand;
pub mod case;
pub mod contract;
pub mod draft;
pub mod eligibility;
pub mod embed;
pub mod endpoint;
pub mod error;
pub mod field;
pub mod handoff;
pub mod html;
pub mod idempotency;
pub mod journey;
pub mod money;
pub mod navigation;
#[cfg(feature = "openapi")]
pub mod openapi;
pub mod password;
pub mod percent;
pub mod phone;
pub mod picture;
pub mod popup;
pub mod pricing;
pub mod problem;
pub mod profile;
pub mod signup;
#[cfg(feature = "test-api")]
pub mod testing;
pub mod working_days;
