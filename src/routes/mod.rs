//! One module per page, plus the header every page shares.

pub mod channels;
pub mod confirm;
pub mod eligibility;
pub mod facebook_callback;
pub mod hand_over;
pub mod handoff;
pub mod header;
pub mod login;
pub mod not_found;
pub mod pricing;
pub mod profile;
pub mod request_channel;
pub mod set_password;
pub mod start;
