//! The link back to the channels page, above the pages a channel's journey goes through.

use crate::i18n::text;
use crate::nav::Href;
use domain::navigation::Route;
use leptos::prelude::*;
use leptos_router::components::A;

/// "‹ Back to WhatsApp channels". `exact`: the channels page's address is a prefix
/// of the pages that show this link, and the link must not be announced as the
/// current page there (`aria-current`).
#[component]
pub fn BackToChannels() -> impl IntoView {
    view! {
        <p><A href=Route::Channels.href() exact=true attr:class="back-link">{text().common.back_to_channels}</A></p>
    }
}
