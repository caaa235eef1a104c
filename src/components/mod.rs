//! Pieces every form page shares.

pub mod back_link;
pub mod error_summary;
pub mod facebook_button;
pub mod field;
pub mod handoff_panel;
pub mod notice;
pub mod number_requirements;
pub mod picture;

pub use back_link::BackToChannels;
pub use error_summary::ErrorSummary;
pub use facebook_button::FacebookButton;
pub use field::{PasswordField, SelectField, TextField};
pub use handoff_panel::HandoffPanel;
pub use notice::{LoadFailed, Notice, Tone};
pub use number_requirements::NumberRequirements;

use domain::error::FieldError;
use leptos::prelude::*;

/// The message for `field` among `errors`, as a signal for a field component.
pub fn error_for(
    errors: RwSignal<Vec<FieldError>>,
    field: impl Into<&'static str>,
) -> Signal<Option<String>> {
    let field: &'static str = field.into();
    Signal::derive(move || {
        errors.with(|e| {
            e.iter()
                .find(|f| f.field == field)
                .map(|f| f.message.clone())
        })
    })
}
