//! Back from Facebook: pick the registered number and the channel, check the
//! summary, and confirm. The number then waits for the provider's activation.

use crate::api;
use crate::components::{error_for, ErrorSummary, LoadFailed, Notice, SelectField, Tone};
use crate::form::{use_form, Problem};
use crate::form_memory::{forget, remembered};
use crate::format;
use crate::i18n::{fill, split, text};
use crate::nav::Href;
use crate::page::use_title;
use crate::reactive::Loaded;
use domain::contract::{ChannelOverview, LinkRequest};
use domain::endpoint;
use domain::error::ErrorCode;
use domain::field::Field;
use domain::idempotency::RetryKey;
use domain::navigation::Route;
use leptos::prelude::*;
use leptos_router::components::A;

const MEMORY: &str = "confirm.";

#[derive(Debug, Clone, PartialEq)]
enum Step {
    Choose,
    Check,
    Done(Box<ChannelOverview>),
}

/// The confirmation page.
#[component]
pub fn Confirm(
    /// The channel whose profile led here (`/channels/{id}/confirm`).
    channel: String,
) -> impl IntoView {
    let t = text();
    let fb = &t.facebook;
    let brand = crate::brand::use_brand();
    let from_channel = channel;
    let numbers = api::resource(endpoint::NUMBERS);
    let channels = api::resource(endpoint::CHANNELS);
    let number = remembered("confirm.number");
    let channel = remembered("confirm.channel");
    let step = RwSignal::new(Step::Choose);
    // Each step is a page of its own to the user: its heading takes the focus.
    let mut first = true;
    crate::reactive::effect(move || {
        step.track();
        if !std::mem::take(&mut first) {
            crate::page::focus_heading_if_lost();
        }
    });
    let notice = RwSignal::new(None::<String>);
    let key = StoredValue::new(RetryKey::default());

    let free_numbers = Memo::new(move |_| match numbers.get() {
        Some(Ok(list)) => list
            .into_iter()
            .filter(|n| n.channel_id.is_none())
            .collect::<Vec<_>>(),
        _ => Vec::new(),
    });
    let free_channels = Memo::new(move |_| match channels.get() {
        Some(Ok(list)) => list
            .into_iter()
            .filter(|c| c.number.is_none())
            .collect::<Vec<_>>(),
        _ => Vec::new(),
    });
    let loaded =
        move || matches!(numbers.get(), Some(Ok(_))) && matches!(channels.get(), Some(Ok(_)));
    let load_error = move || match (numbers.get(), channels.get()) {
        (Some(Err(e)), _) | (_, Some(Err(e))) => Some(e),
        _ => None,
    };
    // Once a list has loaded: preselect when there is exactly one choice (or the channel the
    // user came from), and drop a remembered choice that is no longer free. Before it loads,
    // the remembered choice stands (it is what the user picked before a reload or a login).
    let settle_number = move || {
        if !matches!(numbers.get(), Some(Ok(_))) {
            return;
        }
        let ns = free_numbers.get();
        if !ns.iter().any(|n| n.id == number.get_untracked()) {
            number.set(if ns.len() == 1 {
                ns[0].id.clone()
            } else {
                String::new()
            });
        }
    };
    let from = StoredValue::new(from_channel);
    let settle_channel = move || {
        if !matches!(channels.get(), Some(Ok(_))) {
            return;
        }
        let cs = free_channels.get();
        if !cs.iter().any(|c| c.channel.id == channel.get_untracked()) {
            let pick = cs
                .iter()
                .find(|c| from.with_value(|f| c.channel.id == *f))
                .or(if cs.len() == 1 { cs.first() } else { None });
            channel.set(pick.map(|c| c.channel.id.clone()).unwrap_or_default());
        }
    };
    crate::reactive::effect(settle_number);
    crate::reactive::effect(settle_channel);

    let chosen_number = move || {
        free_numbers
            .get()
            .into_iter()
            .find(|n| n.id == number.get())
    };
    let chosen_channel = move || {
        free_channels
            .get()
            .into_iter()
            .find(|c| c.channel.id == channel.get())
    };
    let profile = Loaded::new(move || {
        let id = channel.get();
        async move {
            if id.is_empty() {
                None
            } else {
                api::fetch(endpoint::PROFILE, &[&id]).await.ok()
            }
        }
    });

    let link = use_form(
        move |req: &LinkRequest| {
            let req = req.clone();
            async move {
                match api::send(endpoint::LINK, &[], &req, key).await {
                    // Linked in another tab meanwhile: say so, and choose again from fresh lists.
                    Err(e) if e.code() == Some(ErrorCode::Conflict) => {
                        notice.set(Some(fill(fb.conflict, &[("error", &e.to_string())])));
                        numbers.refetch();
                        channels.refetch();
                        step.set(Step::Choose);
                        Err(Problem::Shown)
                    }
                    other => other.map_err(Problem::from),
                }
            }
        },
        move |outcome| {
            forget(MEMORY);
            let linked = &outcome.channel;
            // The channel is done with: nothing of its profile or sign-up stays in this browser.
            crate::drafts::forget(&linked.channel.id);
            crate::signup::forget_channel(&linked.channel.id);
            crate::host::emit(&domain::embed::Event::Step {
                step: domain::embed::Step::Complete,
                channel_id: Some(linked.channel.id.clone()),
            });
            crate::host::emit(&domain::embed::Event::Complete {
                channel_id: linked.channel.id.clone(),
                phone_number: linked.number.clone().unwrap_or_default(),
                ready_by: linked.ready_by.clone(),
            });
            step.set(Step::Done(Box::new(outcome.channel)));
        },
    );
    let errors = link.errors;

    // "Next" before the lists are in: it goes on once they are, with the preselected
    // choices, instead of saying that nothing was chosen.
    let next_asked = RwSignal::new(false);
    let next = move || {
        let req = LinkRequest {
            number_id: number.get_untracked(),
            channel_id: channel.get_untracked(),
        };
        let problems = req.problems();
        if problems.is_empty() {
            link.clear();
            notice.set(None);
            step.set(Step::Check);
        } else {
            link.fail(text().field_errors(problems));
        }
    };
    crate::reactive::effect(move || {
        if !next_asked.get() || !loaded() {
            return;
        }
        next_asked.set(false);
        // This effect may run before the preselecting ones.
        settle_number();
        settle_channel();
        next();
    });
    let on_next = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if loaded() {
            next();
        } else if load_error().is_none() {
            next_asked.set(true);
        }
    };
    let on_confirm = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        link.submit(LinkRequest {
            number_id: number.get_untracked(),
            channel_id: channel.get_untracked(),
        });
    };

    use_title(
        move || match step.get() {
            Step::Choose => fb.choose_title.into(),
            Step::Check => fb.check_title.into(),
            Step::Done(_) => fb.linked_title.into(),
        },
        move || link.has_errors(),
    );

    let number_options = Signal::derive(move || {
        free_numbers
            .get()
            .into_iter()
            .map(|n| {
                let label = fill(
                    fb.number_option,
                    &[("number", n.shown()), ("business", &n.business_name)],
                );
                (n.id.clone(), label)
            })
            .collect::<Vec<_>>()
    });
    let channel_options = Signal::derive(move || {
        free_channels
            .get()
            .into_iter()
            .map(|c| (c.channel.id.clone(), c.channel.name.clone()))
            .collect::<Vec<_>>()
    });

    view! {
        <crate::components::BackToChannels/>
        <div class="narrow">
            <ErrorSummary errors=errors/>
            {move || notice.get().map(|n| view! { <Notice tone=Tone::Error><p>{n}</p></Notice> })}
            {move || load_error().map(|e| view! {
                <LoadFailed what=fb.load_what error=e retry=Callback::new(move |()| { numbers.refetch(); channels.refetch(); })/>
            })}
            {move || match step.get() {
                Step::Choose => view! {
                    <h1>{fb.choose_title}</h1>
                    <p>{fb.choose_intro}</p>
                    {move || (loaded() && free_numbers.with(Vec::is_empty)).then(|| view! {
                        <Notice>
                            <h2>{fb.no_number_title}</h2>
                            <p>{fb.no_number_body}</p>
                        </Notice>
                    })}
                    {move || (loaded() && free_channels.with(Vec::is_empty)).then(|| view! {
                        <Notice>
                            <h2>{fb.no_channel_title}</h2>
                            <p>{fb.no_channel_body}</p>
                            <p><A href=Route::NewChannel.href()>{t.channels.request}</A></p>
                        </Notice>
                    })}
                    <form novalidate on:submit=on_next>
                        <SelectField id=LinkRequest::NUMBER label=fb.number_label hint=fb.number_hint
                            placeholder=move || if loaded() { fb.choose_number } else { fb.loading_numbers }
                            options=number_options value=number error=error_for(errors, LinkRequest::NUMBER)/>
                        <SelectField id=LinkRequest::CHANNEL label=fb.channel_label hint=fill(fb.channel_hint, &[("manager", &brand.get_untracked().configuration_manager)])
                            placeholder=move || if loaded() { fb.choose_channel } else { fb.loading_channels }
                            options=channel_options value=channel error=error_for(errors, LinkRequest::CHANNEL)/>
                        <button type="submit" class="button" aria-disabled=move || next_asked.get().then_some("true")>{t.common.next}</button>
                    </form>
                }.into_any(),
                Step::Check => {
                    let n = chosen_number();
                    let c = chosen_channel();
                    let draft = move || profile.get().flatten().map(|s| s.draft).unwrap_or_default();
                    let category = move || draft().category.map(|c| t.category_label(c)).unwrap_or_default().to_string();
                    let id = channel.get_untracked();
                    let change = move |f: Field| Route::ProfileStep { channel: &id, page: f.page(), focus: Some(f) }.href();
                    view! {
                        <h1>{fb.check_title}</h1>
                        <p>{fb.check_intro}</p>
                        <section aria-label=fb.what_linked>
                            <dl class="summary-list">
                                <SummaryRow name=fb.number_label value=n.as_ref().map(|n| n.shown().to_string()).unwrap_or_default() change=Some(Box::new(move || change_choice(step, LinkRequest::NUMBER)))/>
                                <SummaryRow name=fb.channel_label value=c.as_ref().map(|c| c.channel.name.clone()).unwrap_or_default() change=Some(Box::new(move || change_choice(step, LinkRequest::CHANNEL)))/>
                                <SummaryRow name=t.field_label(Field::BusinessName) value=n.as_ref().map(|n| n.business_name.clone()).unwrap_or_default() change=None/>
                                <SummaryRow name=t.channels.routing_script value=c.as_ref().map(|c| c.channel.routing_script.clone()).unwrap_or_default() change=None/>
                            </dl>
                            <dl class="summary-list">
                                <ProfileRow name=t.field_label(Field::Category) value=Signal::derive(category) href=change(Field::Category)/>
                                <ProfileRow name=t.field_label(Field::Tagline) value=Signal::derive(move || draft().tagline) href=change(Field::Tagline)/>
                                <ProfileRow name=t.field_label(Field::Description) value=Signal::derive(move || draft().description) href=change(Field::Description)/>
                                <ProfileRow name=t.field_label(Field::ContactEmail) value=Signal::derive(move || draft().contact_email) href=change(Field::ContactEmail)/>
                                <ProfileRow name=t.field_label(Field::Website) value=Signal::derive(move || draft().website) href=change(Field::Website)/>
                                <ProfileRow name=t.field_label(Field::Address) value=Signal::derive(move || draft().address) href=change(Field::Address)/>
                            </dl>
                        </section>
                        <form novalidate on:submit=on_confirm>
                            <button type="submit" class="button" aria-disabled=move || link.pending().then_some("true")>
                                {move || if link.pending() { fb.confirming } else { fb.confirm }}
                            </button>
                        </form>
                    }.into_any()
                }
                Step::Done(overview) => {
                    let ready = overview.ready_by.as_deref().map(format::iso_date);
                    view! {
                        <div class="panel panel--confirmation">
                            <h1>{fb.linked_title}</h1>
                            <p>{fill(fb.linked_body, &[("number", overview.shown_number().unwrap_or_default()), ("channel", &overview.channel.name)])}</p>
                        </div>
                        <h2>{fb.next_title}</h2>
                        <p>{fb.finishing} " " {t.channels.activation_time} " "
                            {ready.map(|d| view! { {split(fb.ready_by, "date").0}<strong>{d}</strong>{split(fb.ready_by, "date").1} " " })}
                            {fb.emailed}</p>
                        <p><A href=Route::Channels.href() attr:class="button">{t.common.go_to_channels}</A></p>
                    }.into_any()
                }
            }}
        </div>
    }
}

/// Back to the choices, with the focus on the one to change.
fn change_choice(step: RwSignal<Step>, field: &'static str) {
    step.set(Step::Choose);
    // Once the choices are drawn (before the new step's heading would take the focus).
    request_animation_frame(move || crate::components::error_summary::focus_field(field));
}

#[component]
fn SummaryRow(
    name: &'static str,
    value: String,
    change: Option<Box<dyn Fn() + Send + Sync>>,
) -> impl IntoView {
    view! {
        <div class="summary-list__row">
            <dt class="summary-list__key">{name}</dt>
            <dd class="summary-list__value">{value}</dd>
            <dd class="summary-list__actions">
                {change.map(|f| view! {
                    <button type="button" class="link-button" on:click=move |_| f()>{text().common.change}<span class="visually-hidden">" " {domain::case::lower(name)}</span></button>
                })}
            </dd>
        </div>
    }
}

#[component]
fn ProfileRow(name: &'static str, value: Signal<String>, href: String) -> impl IntoView {
    view! {
        <div class="summary-list__row">
            <dt class="summary-list__key">{name}</dt>
            <dd class="summary-list__value">{move || text().answer(value.get())}</dd>
            <dd class="summary-list__actions"><A href=href>{text().common.change}<span class="visually-hidden">" " {domain::case::lower(name)}</span></A></dd>
        </div>
    }
}
