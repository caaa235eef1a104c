//! The page for an address the app does not have.

use crate::i18n::text;
use crate::nav::Href;
use crate::page::use_title;
use domain::navigation::Route;
use leptos::prelude::*;
use leptos_router::components::A;

/// "Page not found".
#[component]
pub fn NotFound() -> impl IntoView {
    let t = &text().common;
    use_title(|| t.not_found_title.into(), || false);
    view! {
        <h1>{t.not_found_title}</h1>
        <p>{t.not_found_body}</p>
        <p><A href=Route::Channels.href()>{t.go_to_channels}</A></p>
    }
}
