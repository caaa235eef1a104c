//! One module per group of endpoints.

pub mod channels;
pub mod eligibility;
pub mod facebook;
pub mod handoff;
pub mod links;
pub mod mailbox;
pub mod password;
pub mod portal;
pub mod profile;
pub mod session;
pub mod signup;
pub mod testing;
