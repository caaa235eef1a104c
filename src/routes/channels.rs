//! Chat Apps > Channels > WhatsApp: every WhatsApp channel as a timeline, with a
//! way to carry on at its next step, the activation date, and search and filters
//! that keep an account with a thousand channels quick.

use crate::api::{self, ApiError};
use crate::components::{LoadFailed, Notice, Tone};
use crate::format;
use crate::nav::Href;
use crate::page::use_title;
use domain::activation::activation_time;
use domain::contract::ChannelOverview;
use domain::eligibility::Eligibility;
use domain::endpoint;
use domain::journey::{self, ChannelState};
use domain::navigation::Route;
use domain::signup::RegisteredNumber;
use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_query_map;
use std::collections::BTreeMap;

/// Channels shown at first, and added by "Show more".
const PAGE: usize = 50;
/// Waits between polls while a channel is in activation; the last repeats.
const POLL_MS: [u32; 6] = [3_000, 6_000, 12_000, 24_000, 48_000, 60_000];

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
    let query = use_query_map();
    let channels = LocalResource::new(|| api::fetch(endpoint::CHANNELS, &[]));
    let numbers = LocalResource::new(|| api::fetch(endpoint::NUMBERS, &[]));
    let eligibility = LocalResource::new(|| api::fetch(endpoint::ELIGIBILITY, &[]));
    let requested = move || query.read().get("requested");
    open_asked_channel(channels);
    let ready_now = RwSignal::new(Vec::<String>::new());
    watch_activation(channels, ready_now);
    use_title(
        move || match ready_now.get().as_slice() {
            [] => "WhatsApp channels".to_string(),
            [one] => format!("Ready: {one} – WhatsApp channels"),
            many => format!("Ready: {} channels – WhatsApp channels", many.len()),
        },
        || false,
    );
    view! {
        <Breadcrumb/>
        <div class="page-heading">
            <h1>"WhatsApp channels"</h1>
            {move || match eligibility.get() {
                Some(Ok(e)) if e.licence_ok() => Some(view! { <A href=Route::NewChannel.href() attr:class="button">"Request a WhatsApp channel"</A> }),
                _ => None,
            }}
        </div>
        <div role="status" aria-live="polite" class="ready-announcements">
            {move || ready_now.get().into_iter().map(|name| view! {
                <div class="notice notice--success"><p><strong>{name.clone()}</strong> " is ready: WhatsApp conversations now reach your agents."</p></div>
            }).collect_view()}
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
                        let just = requested().and_then(|id| list.iter().find(|c| c.channel.id == id).map(|c| c.channel.clone()));
                        view! {
                            {just.map(|c| view! {
                                <Notice tone=Tone::Success>
                                    <h2>"Channel requested"</h2>
                                    <p>{c.name} " is requested and shows as Pending. Its request reference is " <strong>{c.reference}</strong> "."</p>
                                </Notice>
                            })}
                            <ChannelList list/>
                        }.into_any()
                    }
                    Err(e) => view! { <LoadFailed what="your channels" error=e retry=Callback::new(move |()| channels.refetch())/> }.into_any(),
                }
            })}
        </Transition>
        <Numbers numbers/>
    }
}

/// `?open=ID` (the host page asked for a channel): once the list has loaded, go on
/// to that channel's next step, if it has one.
fn open_asked_channel(channels: LocalResource<Result<Vec<ChannelOverview>, ApiError>>) {
    let query = use_query_map();
    let go = crate::nav::use_go();
    Effect::new(move |done: Option<bool>| {
        if done == Some(true) {
            return true;
        }
        let Some(id) = query.read_untracked().get("open") else {
            return true;
        };
        let Some(Ok(list)) = channels.get() else {
            return false;
        };
        if let Some(c) = list.iter().find(|c| c.channel.id == id) {
            if let Some((_, route)) = journey::next_step(c.channel.state, &c.channel.id) {
                go.replace(route);
            }
        }
        true
    });
}

/// Polls the channels while one is in activation (with backoff, never while the tab is
/// hidden) and reports channels that became ready.
fn watch_activation(
    channels: LocalResource<Result<Vec<ChannelOverview>, ApiError>>,
    ready_now: RwSignal<Vec<String>>,
) {
    let shown = || document().visibility_state() == web_sys::VisibilityState::Visible;
    let visible = RwSignal::new(shown());
    crate::listen::listen(&document(), "visibilitychange", move |_: web_sys::Event| {
        visible.set(shown())
    });
    let seen = StoredValue::new(BTreeMap::<String, ChannelState>::new());
    let attempt = StoredValue::new(0usize);
    let timer = StoredValue::new_local(None::<gloo_timers::callback::Timeout>);
    Effect::new(move |_| {
        let Some(Ok(list)) = channels.get() else {
            return;
        };
        let became_ready: Vec<String> = seen.with_value(|before| {
            list.iter()
                .filter(|c| {
                    c.channel.state == ChannelState::Ready
                        && before.get(&c.channel.id) == Some(&ChannelState::Activation)
                })
                .map(|c| c.channel.name.clone())
                .collect()
        });
        if !became_ready.is_empty() {
            ready_now.update(|r| r.extend(became_ready));
            attempt.set_value(0);
        }
        seen.set_value(
            list.iter()
                .map(|c| (c.channel.id.clone(), c.channel.state))
                .collect(),
        );
    });
    Effect::new(move |_| {
        let activating = matches!(channels.get(), Some(Ok(list)) if list.iter().any(|c| c.channel.state == ChannelState::Activation));
        if !activating || !visible.get() {
            timer.set_value(None);
            return;
        }
        let n = attempt.get_value();
        attempt.set_value(n + 1);
        let wait = POLL_MS[n.min(POLL_MS.len() - 1)];
        timer.set_value(Some(gloo_timers::callback::Timeout::new(wait, move || {
            channels.refetch()
        })));
    });
}

#[component]
fn BeforeYouStartNotice(e: Eligibility) -> impl IntoView {
    view! {
        <div class="notice" role="region" aria-labelledby="before-you-start-title">
            <h2 id="before-you-start-title">"Before you start"</h2>
            <p>"Check what WhatsApp needs before you set up a channel:"</p>
            <ul class="list">{e.blockers().into_iter().map(|b| view! { <li>{b}</li> }).collect_view()}</ul>
            <p><A href=Route::BeforeYouStart.href()>"Check what you need before you start"</A></p>
        </div>
    }
}

#[component]
fn ChannelList(list: Vec<ChannelOverview>) -> impl IntoView {
    let total = list.len();
    let list = StoredValue::new(list);
    let search = RwSignal::new(String::new());
    let state = RwSignal::new(String::new());
    let shown = RwSignal::new(PAGE);
    let filter_state = move || {
        ChannelState::ALL
            .into_iter()
            .find(|s| s.index().to_string() == state.get())
    };
    let matching = Memo::new(move |_| {
        let (q, s) = (search.get(), filter_state());
        list.with_value(|l| {
            l.iter()
                .filter(|c| c.matches(&q, s))
                .cloned()
                .collect::<Vec<_>>()
        })
    });
    let visible =
        move || matching.with(|m| m.iter().take(shown.get()).cloned().collect::<Vec<_>>());
    view! {
        {(total > 5).then(|| view! {
            <div class="filters" role="search" aria-label="Channels">
                <div class="field">
                    <label class="label" for="channel-search">"Search channels"</label>
                    <div class="hint" id="channel-search-hint">"By channel name, number or request reference."</div>
                    <input class="input" id="channel-search" type="search" aria-describedby="channel-search-hint"
                        prop:value=search on:input:target=move |ev| { search.set(ev.target().value()); shown.set(PAGE); }/>
                </div>
                <div class="field">
                    <label class="label" for="channel-state">"State"</label>
                    <select class="select" id="channel-state" prop:value=state on:change:target=move |ev| { state.set(ev.target().value()); shown.set(PAGE); }>
                        <option value="">"All states"</option>
                        {ChannelState::ALL.into_iter().map(|s| view! { <option value=s.index().to_string()>{s.label()}</option> }).collect_view()}
                    </select>
                </div>
            </div>
        })}
        <p class="result-count" role="status">{move || {
            let n = matching.with(Vec::len);
            let showing = n.min(shown.get());
            if n == total && showing == n {
                String::new()
            } else if showing < n {
                format!("Showing {} of {} matching channels", format::count(showing as u64), format::count(n as u64))
            } else {
                format!("{} of {} channels match", format::count(n as u64), format::count(total as u64))
            }
        }}</p>
        <ul class="channel-list">
            <For each=visible key=|c| (c.channel.id.clone(), c.channel.state, c.number.clone()) let:c>
                <ChannelCard c/>
            </For>
        </ul>
        {move || (matching.with(Vec::len) == 0).then(|| view! { <p>"No channel matches. Try another search or state."</p> })}
        {move || (matching.with(Vec::len) > shown.get()).then(|| view! {
            <button type="button" class="button button--secondary" on:click=move |_| shown.update(|s| *s += PAGE)>"Show more channels"</button>
        })}
    }
}

#[component]
fn ChannelCard(c: ChannelOverview) -> impl IntoView {
    let brand = crate::brand::use_brand();
    let ch = c.channel;
    let title_id = format!("channel-{}", ch.id);
    let labelled_by = title_id.clone();
    let next = journey::next_step(ch.state, &ch.id);
    view! {
        <li class="channel" aria-labelledby=labelled_by>
            <h2 class="channel__name" id=title_id>{ch.name.clone()}</h2>
            <Timeline state=ch.state/>
            <dl class="channel__facts">
                <div><dt>"State"</dt><dd>{ch.state.label()}</dd></div>
                {c.number.clone().map(|n| view! { <div><dt>"WhatsApp number"</dt><dd>{n}</dd></div> })}
                <div><dt>"Routing script"</dt><dd>{ch.routing_script.clone()}</dd></div>
                <div><dt>"Request reference"</dt><dd>{ch.reference.clone()}</dd></div>
                <div><dt>"Requested"</dt><dd>{format::long_date(ch.requested_at as f64)}</dd></div>
            </dl>
            {match ch.state {
                ChannelState::Requested => Some(view! {
                    <p class="channel__note">"Requested in the " {move || brand.get().configuration_manager} ". Support can tell you where this request stands: quote reference " {ch.reference.clone()} "."</p>
                }.into_any()),
                ChannelState::Activation => Some(view! {
                    <p class="channel__note">"We are activating the number. " {activation_time()} " "
                        {c.ready_by.as_deref().map(|d| view! { "Ready by " <strong>{format::iso_date(d)}</strong> "." })}</p>
                }.into_any()),
                ChannelState::Ready => Some(view! { <p class="channel__note">"Ready: WhatsApp conversations reach your agents."</p> }.into_any()),
                _ => None,
            }}
            {next.map(|(words, route)| view! {
                <p><A href=route.href() attr:class="button">{words}<span class="visually-hidden">" for " {ch.name.clone()}</span></A></p>
            })}
        </li>
    }
}

/// The six steps of a channel, with the current one marked.
#[component]
fn Timeline(state: ChannelState) -> impl IntoView {
    view! {
        <ol class="timeline" aria-label="Progress">
            {ChannelState::ALL.into_iter().map(|s| {
                let done = s < state || state == ChannelState::Ready;
                let current = s == state && state != ChannelState::Ready;
                view! {
                    <li class="timeline__step" class:timeline__step--done=done class:timeline__step--current=current
                        aria-current=current.then_some("step")>
                        {s.label()}
                        <span class="visually-hidden">{if done { " (done)" } else if current { " (current step)" } else { " (to do)" }}</span>
                    </li>
                }
            }).collect_view()}
        </ol>
    }
}

#[component]
fn Numbers(numbers: LocalResource<Result<Vec<RegisteredNumber>, ApiError>>) -> impl IntoView {
    move || match numbers.get() {
        Some(Ok(list)) if !list.is_empty() => Some(view! {
            <section aria-labelledby="numbers-title" class="numbers">
                <h2 id="numbers-title">"Your WhatsApp numbers"</h2>
                <ul class="list">
                    {list.into_iter().map(|n| view! {
                        <li>{n.e164.clone()} " – " {n.business_name.clone()} {if n.channel_id.is_some() { " (linked to a channel)" } else { " (not linked yet)" }}</li>
                    }).collect_view()}
                </ul>
            </section>
        }),
        _ => None,
    }
}
