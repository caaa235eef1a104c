//! The British English catalogue, one file per area of the app: each area's
//! struct is declared with its texts beside its fields (see `texts!`), so the
//! words and their names are read together. The other locales start from it.

mod account;
mod channels;
mod common;
mod eligibility;
mod facebook;
mod pricing;
mod problems;
mod profile;
mod requirements;
mod review;
mod words;

pub use account::Account;
pub use channels::{Channels, Request};
pub use common::{Common, Errors};
pub use eligibility::Eligibility;
pub use facebook::Facebook;
pub use pricing::Pricing;
pub use problems::Problems;
pub use profile::{Picture, Profile};
pub use requirements::Requirements;
pub use review::Review;
pub use words::Words;
