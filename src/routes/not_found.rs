//! The page for an address the app does not have.

use crate::nav::Href;
use crate::page::use_title;
use domain::navigation::Route;
use leptos::prelude::*;
use leptos_router::components::A;

/// "Page not found".
#[component]
pub fn NotFound() -> impl IntoView {
    use_title(|| "Page not found".into(), || false);
    view! {
        <h1>"Page not found"</h1>
        <p>"If you typed the web address, check it is correct. If you pasted it, check you copied the whole address."</p>
        <p><A href=Route::Channels.href()>"Go to your WhatsApp channels"</A></p>
    }
}
