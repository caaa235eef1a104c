//! Chat Apps > Channels > WhatsApp: the account's WhatsApp channels.

use crate::api::{self, ApiError};
use crate::format;
use crate::page::use_title;
use domain::contract::{paths, Channel};
use leptos::prelude::*;

/// The breadcrumb "Chat Apps > Channels > WhatsApp".
#[component]
pub fn Breadcrumb() -> impl IntoView {
    view! {
        <nav class="breadcrumb" aria-label="Breadcrumb">
            <ol>
                <li>"Chat Apps"</li>
                <li>"Channels"</li>
                <li aria-current="page">"WhatsApp"</li>
            </ol>
        </nav>
    }
}

/// The channels page.
#[component]
pub fn Channels() -> impl IntoView {
    use_title(|| "WhatsApp channels".into(), || false);
    let channels = LocalResource::new(|| api::get::<Vec<Channel>>(paths::CHANNELS));
    view! {
        <Breadcrumb/>
        <h1>"WhatsApp channels"</h1>
        <Transition fallback=|| view! { <p class="loading" role="status">"Loading your channels…"</p> }>
            {move || Suspend::new(async move {
                match channels.await {
                    Ok(list) if list.is_empty() => view! {
                        <p>"You have no WhatsApp channels yet. Request one in the Configuration Manager: give it a name and the routing script its conversations will use."</p>
                    }.into_any(),
                    Ok(list) => view! { <ChannelList list/> }.into_any(),
                    Err(ApiError::Unauthorized) => view! { <p role="status">"Your session has ended."</p> }.into_any(),
                    Err(e) => view! {
                        <div class="notice notice--error" role="alert">
                            <p>"We could not load your channels. " {e.to_string()}</p>
                            <button type="button" class="button" on:click=move |_| channels.refetch()>"Try again"</button>
                        </div>
                    }.into_any(),
                }
            })}
        </Transition>
    }
}

#[component]
fn ChannelList(list: Vec<Channel>) -> impl IntoView {
    view! {
        <ul class="channel-list">
            {list.into_iter().map(|c| view! {
                <li class="channel">
                    <h2 class="channel__name">{c.name}</h2>
                    <dl class="channel__facts">
                        <div><dt>"State"</dt><dd>{c.state.label()}</dd></div>
                        <div><dt>"Routing script"</dt><dd>{c.routing_script}</dd></div>
                        <div><dt>"Request reference"</dt><dd>{c.reference}</dd></div>
                        <div><dt>"Requested"</dt><dd>{format::long_date(c.requested_at as f64)}</dd></div>
                    </dl>
                </li>
            }).collect_view()}
        </ul>
    }
}
