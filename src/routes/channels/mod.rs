//! Chat Apps > Channels > WhatsApp: every WhatsApp channel as a timeline, with a
//! way to carry on at its next step, the activation date, and search and filters
//! that keep an account with a thousand channels quick.

mod timeline;

use crate::api::{self, ApiError};
use crate::components::HandoffPanel;
use crate::components::{LoadFailed, Notice, Tone};
use crate::format;
use crate::i18n::{fill, split, text};
use crate::nav::Href;
use crate::page::use_title;
use crate::reactive::Loaded;
use domain::contract::{ChannelOverview, ChannelSearch, SearchKey};
use domain::eligibility::Eligibility;
use domain::endpoint;
use domain::handoff::HandoffStatus;
use domain::journey::{self, ChannelState};
use domain::navigation::Route;
use domain::signup::RegisteredNumber;
use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_query_map;
use timeline::timeline;

/// Channels shown at first, and added by "Show more": about six screens of cards,
/// as a long list pages in a dashboard (each card costs about a millisecond to draw,
/// so 1,000 channels show in one frame's worth of work; search and filter find the rest).
const PAGE: usize = 20;
/// The search and the state filter show once there are more channels than this.
const FILTER_FROM: usize = 5;
/// Waits between polls while a channel is in activation; the last repeats.
const POLL_MS: [u32; 6] = [3_000, 6_000, 12_000, 24_000, 48_000, 60_000];

/// The breadcrumb "Chat Apps > Channels > WhatsApp".
#[component]
pub fn Breadcrumb() -> impl IntoView {
    let t = &text().channels;
    view! {
        <nav class="breadcrumb" aria-label=t.breadcrumb>
            <ol>
                <li>{t.crumb_chat_apps}</li>
                <li>{t.crumb_channels}</li>
                <li aria-current="page">{t.crumb_whatsapp}</li>
            </ol>
        </nav>
    }
}

/// The channels page.
#[component]
pub fn Channels() -> impl IntoView {
    let t = &text().channels;
    let query = use_query_map();
    let channels = api::resource(endpoint::CHANNELS);
    let numbers = api::resource(endpoint::NUMBERS);
    let eligibility = api::resource(endpoint::ELIGIBILITY);
    // Every card shows a date: the formatter is made while the list is on its way.
    format::prepare_long_dates();
    let requested = move || query.read().get("requested");
    open_asked_channel(channels);
    let ready_now = RwSignal::new(Vec::<String>::new());
    watch_activation(channels, ready_now);
    // Kept by the page, so the search, the filter and "Show more" stay as the user set them.
    let filters = Filters::new();
    // The list last answered, which stays on screen if a poll fails. A memo: a poll with
    // the same answer changes nothing on the page, and one that changes a channel draws
    // that card alone again (the list below stays mounted, keyed by channel), so a poll
    // never takes the keyboard focus from a card's link or redraws the cards.
    let list = Memo::new(move |last: Option<&Option<Vec<ChannelOverview>>>| {
        channels.with(|r| match r {
            Some(Ok(l)) => Some(l.clone()),
            _ => last.cloned().flatten(),
        })
    });
    // A poll that failed leaves the list as it was; the next one tries again.
    let refresh_failed = Memo::new(move |_| {
        channels.with(|r| match r {
            Some(Err(e)) if !e.handled_elsewhere() && list.with(Option::is_some) => {
                Some(e.to_string())
            }
            _ => None,
        })
    });
    // What the list's place shows: it changes kind only, never with each poll.
    let area = Memo::new(move |_| {
        channels.with(|r| match r {
            None => ListArea::Loading,
            Some(Ok(l)) if l.is_empty() => ListArea::Empty,
            Some(Ok(_)) => ListArea::List,
            Some(Err(_)) if refresh_failed.with(Option::is_some) => ListArea::List,
            Some(Err(e)) => ListArea::Failed(e.clone()),
        })
    });
    // Memos: a poll whose answer changes neither draws them again.
    let many = Memo::new(move |_| {
        channels.with(|r| matches!(r, Some(Ok(list)) if list.len() > FILTER_FROM))
    });
    let just_requested = Memo::new(move |_| {
        let id = requested()?;
        channels.with(|r| match r {
            Some(Ok(list)) => list
                .iter()
                .find(|c| c.channel.id == id)
                .map(|c| (c.channel.name.clone(), c.channel.reference.clone())),
            _ => None,
        })
    });
    use_title(
        move || match ready_now.get().as_slice() {
            [] => t.title.to_string(),
            [one] => fill(t.title_ready_one, &[("name", one)]),
            many => fill(
                t.title_ready_many,
                &[("count", &format::count(many.len() as u64))],
            ),
        },
        || false,
    );
    view! {
        <Breadcrumb/>
        <div class="page-heading">
            <h1>{t.title}</h1>
            {move || match eligibility.get() {
                Some(Ok(e)) if e.licence_ok() => Some(view! { <A href=Route::NewChannel.href() attr:class="button">{t.request}</A> }),
                _ => None,
            }}
        </div>
        <div role="status" aria-live="polite" class="ready-announcements">
            {move || ready_now.get().into_iter().map(|name| view! {
                <div class="notice notice--success"><p>{split(t.ready_now, "name").0}<strong>{name.clone()}</strong>{split(t.ready_now, "name").1}</p></div>
            }).collect_view()}
        </div>
        {move || match eligibility.get() {
            Some(Ok(e)) if !e.can_start() => Some(view! { <BeforeYouStartNotice e/> }),
            _ => None,
        }}
        // Outside the list, which each poll draws again: a poll that lands while the
        // user types neither takes the focus nor moves the caret or the selection.
        {move || just_requested.get().map(|(name, reference)| view! {
            <Notice tone=Tone::Success>
                <h2>{t.requested_title}</h2>
                <p>{split(&fill(t.requested_body, &[("name", &name)]), "reference").0.to_string()}<strong>{reference}</strong>{split(t.requested_body, "reference").1}</p>
            </Notice>
        })}
        <Show when=move || many.get()><FilterControls filters/></Show>
        // Plain news (a status), not an alert: the user did nothing, and need do nothing.
        {move || refresh_failed.get().map(|error| view! {
            <Notice><p>{fill(t.refresh_failed, &[("error", &error)])}</p></Notice>
        })}
        {move || match area.get() {
            ListArea::Loading => view! { <p class="loading" role="status">{t.loading}</p> }.into_any(),
            ListArea::Empty => view! { <p>{t.none_yet}</p> }.into_any(),
            ListArea::List => view! { <ChannelList list filters/> }.into_any(),
            ListArea::Failed(e) => view! { <LoadFailed what=t.load_what error=e retry=Callback::new(move |()| channels.refetch())/> }.into_any(),
        }}
        <Numbers numbers/>
    }
}

/// `?open=ID` (the host page asked for a channel): once the list has loaded, go on
/// to that channel's next step, if it has one.
fn open_asked_channel(channels: Loaded<Result<Vec<ChannelOverview>, ApiError>>) {
    let query = use_query_map();
    let go = crate::nav::use_go();
    crate::reactive::effect_until(move || {
        let Some(id) = query.read_untracked().get("open") else {
            return true;
        };
        // Read in place: a get() would copy every channel.
        let found = channels.with(|r| match r {
            Some(Ok(list)) => Some(
                list.iter()
                    .find(|c| c.channel.id == id)
                    .map(|c| c.channel.state),
            ),
            _ => None,
        });
        let Some(found) = found else {
            return false;
        };
        if let Some(route) = found.and_then(|state| journey::next_step(state, &id)) {
            go.replace(route);
        }
        true
    });
}

/// Polls the channels while one is in activation (with backoff, never while the tab is
/// hidden) and reports channels that became ready.
fn watch_activation(
    channels: Loaded<Result<Vec<ChannelOverview>, ApiError>>,
    ready_now: RwSignal<Vec<String>>,
) {
    let shown = || document().visibility_state() == web_sys::VisibilityState::Visible;
    let visible = RwSignal::new(shown());
    crate::listen::listen(&document(), "visibilitychange", move |_: web_sys::Event| {
        visible.set(shown())
    });
    // The ids of the channels in activation at the last answer (a few, where a
    // map of every channel's state would copy each id of a 1,000-channel list).
    let activating = StoredValue::new(Vec::<String>::new());
    let attempt = StoredValue::new(0usize);
    let timer = StoredValue::new_local(None::<gloo_timers::callback::Timeout>);
    crate::reactive::effect(move || {
        channels.with(|list| {
            let Some(Ok(list)) = list else {
                return;
            };
            let became_ready: Vec<String> = activating.with_value(|before| {
                list.iter()
                    .filter(|c| {
                        c.channel.state == ChannelState::Ready && before.contains(&c.channel.id)
                    })
                    .map(|c| c.channel.name.clone())
                    .collect()
            });
            if !became_ready.is_empty() {
                ready_now.update(|r| r.extend(became_ready));
                attempt.set_value(0);
            }
            activating.set_value(
                list.iter()
                    .filter(|c| c.channel.state == ChannelState::Activation)
                    .map(|c| c.channel.id.clone())
                    .collect(),
            );
        })
    });
    let was_activating = StoredValue::new(false);
    crate::reactive::effect(move || {
        let activating = channels.with(|r| match r {
            Some(Ok(list)) => {
                let a = list
                    .iter()
                    .any(|c| c.channel.state == ChannelState::Activation);
                was_activating.set_value(a);
                a
            }
            // A poll that failed: look again (after a longer wait) while a channel was activating.
            Some(Err(e)) => !e.handled_elsewhere() && was_activating.get_value(),
            None => false,
        });
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
    let t = text();
    view! {
        <div class="notice" role="region" aria-labelledby="before-you-start-title">
            <h2 id="before-you-start-title">{t.channels.before_title}</h2>
            <p>{t.channels.before_intro}</p>
            <ul class="list">{e.blockers().into_iter().map(|b| view! { <li>{t.blocker(b)}</li> }).collect_view()}</ul>
            <p><A href=Route::BeforeYouStart.href()>{t.common.check_before_you_start}</A></p>
        </div>
    }
}

/// What the channels page shows where its list goes.
#[derive(Clone, PartialEq)]
enum ListArea {
    /// The first answer is on its way.
    Loading,
    /// The account has no channel yet.
    Empty,
    /// The list (with a notice above it if the last poll failed).
    List,
    /// The list could not be loaded.
    Failed(ApiError),
}

/// The search, the state filter and how many channels show: kept by the page, so
/// a poll that renders the list again leaves them as the user set them.
#[derive(Clone, Copy)]
struct Filters {
    search: RwSignal<String>,
    state: RwSignal<String>,
    shown: RwSignal<usize>,
}

impl Filters {
    fn new() -> Self {
        Filters {
            search: RwSignal::new(String::new()),
            state: RwSignal::new(String::new()),
            shown: RwSignal::new(PAGE),
        }
    }
}

#[component]
fn ChannelList(list: Memo<Option<Vec<ChannelOverview>>>, filters: Filters) -> impl IntoView {
    let t = &text().channels;
    let total = move || list.with(|l| l.as_ref().map_or(0, Vec::len));
    // Each channel's search key, made once per list: a keystroke prepares the query once.
    let keys = Memo::new(move |_| {
        list.with(|l| l.iter().flatten().map(SearchKey::of).collect::<Vec<_>>())
    });
    let Filters {
        search,
        state,
        shown,
    } = filters;
    let filter_state = move || {
        ChannelState::ALL
            .into_iter()
            .find(|s| s.index().to_string() == state.get())
    };
    // The positions of the matching channels: a keystroke clones only the page shown.
    let matching = Memo::new(move |_| {
        let query = ChannelSearch::new(&search.read(), filter_state());
        list.with(|l| {
            let l = l.as_deref().unwrap_or_default();
            keys.with(|k| {
                (0..l.len())
                    .filter(|&i| query.matches(&l[i], &k[i]))
                    .collect::<Vec<usize>>()
            })
        })
    });
    let visible = move || {
        matching.with(|m| {
            list.with(|l| {
                let l = l.as_deref().unwrap_or_default();
                m.iter()
                    .take(shown.get())
                    .map(|&i| l[i].clone())
                    .collect::<Vec<_>>()
            })
        })
    };
    view! {
        <p class="result-count" role="status">{move || {
            let (n, total) = (matching.with(Vec::len), total());
            let showing = n.min(shown.get());
            if n == total && showing == n {
                String::new()
            } else if showing < n {
                fill(t.showing, &[("shown", &format::count(showing as u64)), ("count", &format::count(n as u64))])
            } else {
                fill(t.matching, &[("count", &format::count(n as u64)), ("total", &format::count(total as u64))])
            }
        }}</p>
        <ul class="channel-list">
            <For each=visible key=|c| (c.channel.id.clone(), c.channel.state, c.number.clone()) let:c>
                <ChannelCard c/>
            </For>
        </ul>
        {move || (matching.with(Vec::len) == 0).then(|| view! { <p>{t.no_match}</p> })}
        {move || (matching.with(Vec::len) > shown.get()).then(|| view! {
            <button type="button" class="button button--secondary" on:click=move |_| shown.update(|s| *s += PAGE)>{t.show_more}</button>
        })}
    }
}

/// The search and the state filter, drawn once: the list below follows them.
#[component]
fn FilterControls(filters: Filters) -> impl IntoView {
    let t = &text().channels;
    let Filters {
        search,
        state,
        shown,
    } = filters;
    view! {
        <div class="filters" role="search" aria-label=t.filters>
            <div class="field">
                <label class="label" for="channel-search">{t.search}</label>
                <div class="hint" id="channel-search-hint">{t.search_hint}</div>
                <input class="input" id="channel-search" type="search" aria-describedby="channel-search-hint"
                    prop:value=search on:input:target=move |ev| { search.set(ev.target().value()); shown.set(PAGE); }/>
            </div>
            <div class="field">
                <label class="label" for="channel-state">{t.state}</label>
                <select class="select" id="channel-state" prop:value=state on:change:target=move |ev| { state.set(ev.target().value()); shown.set(PAGE); }>
                    <option value="">{t.all_states}</option>
                    {ChannelState::ALL.into_iter().map(|s| view! { <option value=s.index().to_string()>{text().state_label(s)}</option> }).collect_view()}
                </select>
            </div>
        </div>
    }
}

#[component]
fn ChannelCard(c: ChannelOverview) -> impl IntoView {
    let t = &text().channels;
    let brand = crate::brand::use_brand();
    let number = c.shown_number().map(str::to_string);
    let ch = c.channel;
    let title_id = format!("channel-{}", ch.id);
    let labelled_by = title_id.clone();
    let next =
        journey::next_step(ch.state, &ch.id).map(|route| (text().next_step(ch.state), route));
    let (requested_before, requested_rest) = split(t.note_requested, "manager");
    let note_requested = fill(requested_rest, &[("reference", &ch.reference)]);
    view! {
        <li class="channel" aria-labelledby=labelled_by>
            <h2 class="channel__name" id=title_id>{ch.name.clone()}</h2>
            {timeline(ch.state)}
            <dl class="channel__facts">
                <div><dt>{t.state}</dt><dd>{text().state_label(ch.state)}</dd></div>
                {number.map(|n| view! { <div><dt>{t.number}</dt><dd>{n}</dd></div> })}
                <div><dt>{t.routing_script}</dt><dd>{ch.routing_script.clone()}</dd></div>
                <div><dt>{t.reference}</dt><dd>{ch.reference.clone()}</dd></div>
                <div><dt>{t.requested}</dt><dd>{format::long_date(ch.requested_at as f64)}</dd></div>
            </dl>
            {match ch.state {
                ChannelState::Requested => Some(view! {
                    <p class="channel__note">{requested_before}{move || brand.get().configuration_manager}{note_requested}</p>
                }.into_any()),
                ChannelState::Activation => Some(view! {
                    <p class="channel__note">{fill(t.note_activating, &[("activation", t.activation_time)])} " "
                        {c.ready_by.as_deref().map(|d| view! { {split(t.ready_by, "date").0}<strong>{format::iso_date(d)}</strong>{split(t.ready_by, "date").1} })}</p>
                }.into_any()),
                ChannelState::Ready => Some(view! { <p class="channel__note">{t.note_ready}</p> }.into_any()),
                _ => None,
            }}
            // The Facebook step handed to a colleague: who it waits for and until when,
            // to send again or cancel from here.
            {c.handoff.as_ref().filter(|h| h.status == HandoffStatus::Waiting).map(|_| view! {
                <HandoffPanel channel=ch.id.clone() on_card=ch.name.clone()/>
            })}
            {next.map(|(words, route)| view! {
                <p><A href=route.href() attr:class="button">{words}<span class="visually-hidden">{fill(t.for_channel, &[("name", &ch.name)])}</span></A></p>
            })}
        </li>
    }
}

#[component]
fn Numbers(numbers: Loaded<Result<Vec<RegisteredNumber>, ApiError>>) -> impl IntoView {
    let t = &text().channels;
    move || match numbers.get() {
        Some(Ok(list)) if !list.is_empty() => Some(view! {
            <section aria-labelledby="numbers-title" class="numbers">
                <h2 id="numbers-title">{t.numbers_title}</h2>
                <ul class="list">
                    {list.into_iter().map(|n| view! {
                        <li>{fill(t.number_row, &[("number", n.shown()), ("business", &n.business_name)])} {if n.channel_id.is_some() { t.number_linked } else { t.number_not_linked }}</li>
                    }).collect_view()}
                </ul>
            </section>
        }),
        _ => None,
    }
}
