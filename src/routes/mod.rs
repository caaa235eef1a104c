//! One module per page, plus the header every page shares.

pub mod channels;
pub mod header;
pub mod login;
pub mod not_found;
pub mod set_password;
