//! Pieces every form page shares.

pub mod error_summary;
pub mod field;
pub mod picture;

pub use error_summary::ErrorSummary;
pub use field::{PasswordField, SelectField, TextField};

use domain::error::FieldError;
use leptos::prelude::*;

/// The message for `field` among `errors`, as a signal for a field component.
pub fn error_for(errors: RwSignal<Vec<FieldError>>, field: &'static str) -> Signal<Option<String>> {
    Signal::derive(move || {
        errors.with(|e| {
            e.iter()
                .find(|f| f.field == field)
                .map(|f| f.message.clone())
        })
    })
}

/// "We could not load …": what failed, why, and a button to try again.
#[component]
pub fn LoadFailed(
    /// What could not be loaded, e.g. "your channels".
    what: &'static str,
    /// Why.
    error: crate::api::ApiError,
    /// Loads again.
    retry: Callback<()>,
) -> impl IntoView {
    view! {
        <div class="notice notice--error" role="alert">
            <p>"We could not load " {what} ". " {error.to_string()}</p>
            <button type="button" class="button" on:click=move |_| retry.run(())>"Try again"</button>
        </div>
    }
}
