//! `/`: where the app starts. The channels page, or, when the host page asked
//! for a channel (`channelId`), that channel's next step.

use crate::host;
use crate::nav::use_go;
use domain::navigation::Route;
use leptos::prelude::*;

/// The start of the app: it moves on at once, in place of this history entry.
#[component]
pub fn Start() -> impl IntoView {
    let go = use_go();
    match host::settings().channel_id {
        None => go.replace(Route::Channels),
        Some(id) => go.replace(Route::OpenChannel(&id)),
    }
}
