//! Chat Apps > Channels > WhatsApp: the account's WhatsApp channels.

use crate::api::{self, ApiError};
use crate::format;
use crate::page::use_title;
use domain::contract::{paths, Channel};
use domain::eligibility::Eligibility;
use domain::journey::ChannelState;
use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_query_map;

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
    let query = use_query_map();
    let channels = LocalResource::new(|| api::get::<Vec<Channel>>(paths::CHANNELS));
    let eligibility = LocalResource::new(|| api::get::<Eligibility>(paths::ELIGIBILITY));
    let requested = move || query.read().get("requested");
    view! {
        <Breadcrumb/>
        <div class="page-heading">
            <h1>"WhatsApp channels"</h1>
            {move || match eligibility.get() {
                Some(Ok(e)) if e.licence_ok() => Some(view! { <A href="/channels/new" attr:class="button">"Request a WhatsApp channel"</A> }),
                _ => None,
            }}
        </div>
        {move || match eligibility.get() {
            Some(Ok(e)) if !e.can_start() => Some(view! { <BeforeYouStartNotice e/> }),
            _ => None,
        }}
        <Transition fallback=|| view! { <p class="loading" role="status">"Loading your channels…"</p> }>
            {move || Suspend::new(async move {
                match channels.await {
                    Ok(list) if list.is_empty() => view! {
                        <p>"You have no WhatsApp channels yet. Request one: give it a name and the routing script its conversations will use."</p>
                    }.into_any(),
                    Ok(list) => {
                        let just = requested().and_then(|id| list.iter().find(|c| c.id == id).cloned());
                        view! {
                            {just.map(|c| view! {
                                <div class="notice notice--success" role="status">
                                    <h2>"Channel requested"</h2>
                                    <p>{c.name} " is requested and shows as Pending. Its request reference is " <strong>{c.reference}</strong> "."</p>
                                </div>
                            })}
                            <ChannelList list/>
                        }.into_any()
                    }
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
fn BeforeYouStartNotice(e: Eligibility) -> impl IntoView {
    view! {
        <div class="notice" role="region" aria-labelledby="before-you-start-title">
            <h2 id="before-you-start-title">"Before you start"</h2>
            <p>"Check what WhatsApp needs before you set up a channel:"</p>
            <ul class="list">{e.blockers().into_iter().map(|b| view! { <li>{b}</li> }).collect_view()}</ul>
            <p><A href="/before-you-start">"Check what you need before you start"</A></p>
        </div>
    }
}

#[component]
fn ChannelList(list: Vec<Channel>) -> impl IntoView {
    view! {
        <ul class="channel-list">
            {list.into_iter().map(|c| {
                let pending = c.state == ChannelState::Requested;
                view! {
                    <li class="channel">
                        <h2 class="channel__name">{c.name}</h2>
                        <dl class="channel__facts">
                            <div><dt>"State"</dt><dd>{c.state.label()}</dd></div>
                            <div><dt>"Routing script"</dt><dd>{c.routing_script}</dd></div>
                            <div><dt>"Request reference"</dt><dd>{c.reference.clone()}</dd></div>
                            <div><dt>"Requested"</dt><dd>{format::long_date(c.requested_at as f64)}</dd></div>
                        </dl>
                        {pending.then(|| view! {
                            <p class="channel__note">"Requested in the Configuration Manager. Support can tell you where this request stands: quote reference " {c.reference} "."</p>
                        })}
                    </li>
                }
            }).collect_view()}
        </ul>
    }
}
