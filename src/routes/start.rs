//! `/`: where the app starts. The channels page, or, when the host page asked
//! for a channel (`channelId`), that channel's next step.

use crate::host;
use domain::navigation::{Route, HOME};
use leptos::prelude::*;
use leptos_router::components::Redirect;

/// The start of the app.
#[component]
pub fn Start() -> impl IntoView {
    match host::settings().channel_id {
        None => view! { <Redirect path=HOME/> }.into_any(),
        Some(id) => {
            let to = Route::OpenChannel(&id).path();
            view! { <Redirect path=to/> }.into_any()
        }
    }
}
