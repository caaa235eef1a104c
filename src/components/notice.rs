//! A box that tells the user something: a problem, a success or plain news.

use crate::api::ApiError;
use crate::i18n::{fill, text};
use leptos::prelude::*;

/// What kind of news a [`Notice`] carries, which sets its look and how screen
/// readers hear it.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum Tone {
    /// Plain news (`role="status"`).
    #[default]
    Info,
    /// Something worked (`role="status"`).
    Success,
    /// Something went wrong (`role="alert"`, read out at once).
    Error,
}

/// A notice with its content, and a "Try again" button when `retry` is given.
#[component]
pub fn Notice(
    /// Its kind.
    #[prop(optional)]
    tone: Tone,
    /// Runs when the user selects "Try again".
    #[prop(optional)]
    retry: Option<Callback<()>>,
    /// What it says.
    children: Children,
) -> impl IntoView {
    let (class, role) = match tone {
        Tone::Info => ("notice", "status"),
        Tone::Success => ("notice notice--success", "status"),
        Tone::Error => ("notice notice--error", "alert"),
    };
    view! {
        <div class=class role=role>
            {children()}
            {retry.map(|r| view! {
                <button type="button" class="button" on:click=move |_| r.run(())>{text().common.try_again}</button>
            })}
        </div>
    }
}

/// "We could not load …": what failed, why, and "Try again". Shows nothing for an
/// error another part of the app deals with (an ended session).
#[component]
pub fn LoadFailed(
    /// What could not be loaded, from the catalogue, e.g. "your channels".
    what: &'static str,
    /// Why.
    error: ApiError,
    /// Loads again.
    retry: Callback<()>,
) -> impl IntoView {
    if let Some(event) = error.event() {
        crate::host::emit(&event);
    }
    (!error.handled_elsewhere()).then(|| {
        view! {
            <Notice tone=Tone::Error retry=retry>
                <p>{fill(text().common.could_not_load, &[("what", what), ("error", &error.to_string())])}</p>
            </Notice>
        }
    })
}
