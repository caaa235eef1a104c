//! Back from Facebook: pick the registered number and the channel, check the
//! summary, and confirm. The number then waits for the provider's activation.

use crate::api;
use crate::components::{error_for, ErrorSummary, LoadFailed, Notice, SelectField, Tone};
use crate::form::{use_form, Problem};
use crate::form_memory::{forget, remembered};
use crate::format;
use crate::nav::Href;
use crate::page::use_title;
use domain::activation::activation_time;
use domain::contract::{ChannelOverview, LinkRequest};
use domain::endpoint;
use domain::error::ErrorCode;
use domain::field::Field;
use domain::idempotency::RetryKey;
use domain::navigation::Route;
use domain::profile::Category;
use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_params_map;

const MEMORY: &str = "confirm.";

#[derive(Debug, Clone, PartialEq)]
enum Step {
    Choose,
    Check,
    Done(Box<ChannelOverview>),
}

/// The confirmation page.
#[component]
pub fn Confirm() -> impl IntoView {
    let params = use_params_map();
    let brand = crate::brand::use_brand();
    let from_channel = params.read_untracked().get("id").unwrap_or_default();
    let numbers = LocalResource::new(|| api::fetch(endpoint::NUMBERS, &[]));
    let channels = LocalResource::new(|| api::fetch(endpoint::CHANNELS, &[]));
    let number = remembered("confirm.number");
    let channel = remembered("confirm.channel");
    let step = RwSignal::new(Step::Choose);
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
    Effect::new(move |_| {
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
    });
    let from = from_channel.clone();
    Effect::new(move |_| {
        if !matches!(channels.get(), Some(Ok(_))) {
            return;
        }
        let cs = free_channels.get();
        if !cs.iter().any(|c| c.channel.id == channel.get_untracked()) {
            let pick = cs
                .iter()
                .find(|c| c.channel.id == from)
                .or(if cs.len() == 1 { cs.first() } else { None });
            channel.set(pick.map(|c| c.channel.id.clone()).unwrap_or_default());
        }
    });

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
    let profile = LocalResource::new(move || {
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
                        notice.set(Some(format!(
                            "{e} We have refreshed the lists: choose again."
                        )));
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

    let on_next = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let req = LinkRequest {
            number_id: number.get_untracked(),
            channel_id: channel.get_untracked(),
        };
        let problems = req.validate();
        if problems.is_empty() {
            link.clear();
            notice.set(None);
            step.set(Step::Check);
        } else {
            link.fail(problems);
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
            Step::Choose => "Choose the number and channel".into(),
            Step::Check => "Check and confirm".into(),
            Step::Done(_) => "Your WhatsApp number is linked".into(),
        },
        move || link.has_errors(),
    );

    let number_options = Signal::derive(move || {
        free_numbers
            .get()
            .into_iter()
            .map(|n| (n.id.clone(), format!("{} ({})", n.e164, n.business_name)))
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
        <p><A href=Route::Channels.href() attr:class="back-link">"Back to WhatsApp channels"</A></p>
        <div class="narrow">
            <ErrorSummary errors=errors/>
            {move || notice.get().map(|n| view! { <Notice tone=Tone::Error><p>{n}</p></Notice> })}
            {move || load_error().map(|e| view! {
                <LoadFailed what="your numbers and channels" error=e retry=Callback::new(move |()| { numbers.refetch(); channels.refetch(); })/>
            })}
            {move || match step.get() {
                Step::Choose => view! {
                    <h1>"Choose the number and channel"</h1>
                    <p>"Link the number Facebook registered to the channel whose conversations it should receive."</p>
                    {move || (loaded() && free_numbers.with(Vec::is_empty)).then(|| view! {
                        <Notice>
                            <h2>"No registered number to link"</h2>
                            <p>"Every number Facebook registered for you is already linked, or none has been registered yet. Register a number by completing a channel's profile and continuing to Facebook."</p>
                        </Notice>
                    })}
                    {move || (loaded() && free_channels.with(Vec::is_empty)).then(|| view! {
                        <Notice>
                            <h2>"No channel waiting for a number"</h2>
                            <p>"Every channel already has a number. Request a new WhatsApp channel first, then link the number to it."</p>
                            <p><A href=Route::NewChannel.href()>"Request a WhatsApp channel"</A></p>
                        </Notice>
                    })}
                    <form novalidate on:submit=on_next>
                        <SelectField id=LinkRequest::NUMBER label="Registered number" hint="The numbers Facebook registered for your account that are not linked yet."
                            placeholder=move || if loaded() { "Select a number" } else { "Loading numbers…" }
                            options=number_options value=number error=error_for(errors, LinkRequest::NUMBER)/>
                        <SelectField id=LinkRequest::CHANNEL label="Channel" hint=format!("Your WhatsApp channels requested in the {} that have no number yet.", brand.get_untracked().configuration_manager)
                            placeholder=move || if loaded() { "Select a channel" } else { "Loading channels…" }
                            options=channel_options value=channel error=error_for(errors, LinkRequest::CHANNEL)/>
                        <button type="submit" class="button">"Next"</button>
                    </form>
                }.into_any(),
                Step::Check => {
                    let n = chosen_number();
                    let c = chosen_channel();
                    let draft = move || profile.get().flatten().map(|s| s.draft).unwrap_or_default();
                    let category = move || draft().category.map(Category::label).unwrap_or_default().to_string();
                    let id = channel.get_untracked();
                    let change = move |f: Field| Route::ProfileStep { channel: &id, page: f.page(), focus: Some(f) }.href();
                    view! {
                        <h1>"Check and confirm"</h1>
                        <p>"Confirming links this number to the channel. You cannot link either to anything else afterwards."</p>
                        <section aria-label="What will be linked">
                            <dl class="summary-list">
                                <SummaryRow name="Registered number" value=n.as_ref().map(|n| n.e164.clone()).unwrap_or_default() change=Some(Box::new(move || step.set(Step::Choose)))/>
                                <SummaryRow name="Channel" value=c.as_ref().map(|c| c.channel.name.clone()).unwrap_or_default() change=Some(Box::new(move || step.set(Step::Choose)))/>
                                <SummaryRow name=Field::BusinessName.label() value=n.as_ref().map(|n| n.business_name.clone()).unwrap_or_default() change=None/>
                                <SummaryRow name="Routing script" value=c.as_ref().map(|c| c.channel.routing_script.clone()).unwrap_or_default() change=None/>
                            </dl>
                            <dl class="summary-list">
                                <ProfileRow name=Field::Category.label() value=Signal::derive(category) href=change(Field::Category)/>
                                <ProfileRow name=Field::Tagline.label() value=Signal::derive(move || draft().tagline) href=change(Field::Tagline)/>
                                <ProfileRow name=Field::Description.label() value=Signal::derive(move || draft().description) href=change(Field::Description)/>
                                <ProfileRow name=Field::ContactEmail.label() value=Signal::derive(move || draft().contact_email) href=change(Field::ContactEmail)/>
                                <ProfileRow name=Field::Website.label() value=Signal::derive(move || draft().website) href=change(Field::Website)/>
                                <ProfileRow name=Field::Address.label() value=Signal::derive(move || draft().address) href=change(Field::Address)/>
                            </dl>
                        </section>
                        <form novalidate on:submit=on_confirm>
                            <button type="submit" class="button" aria-disabled=move || link.pending().then_some("true")>
                                {move || if link.pending() { "Confirming…" } else { "Confirm" }}
                            </button>
                        </form>
                    }.into_any()
                }
                Step::Done(overview) => {
                    let ready = overview.ready_by.as_deref().map(format::iso_date);
                    view! {
                        <div class="panel panel--confirmation">
                            <h1>"Your WhatsApp number is linked"</h1>
                            <p>{overview.number.clone().unwrap_or_default()} " now belongs to " {overview.channel.name.clone()} "."</p>
                        </div>
                        <h2>"What happens next"</h2>
                        <p>"We finish activating the number. " {activation_time()} " "
                            {ready.map(|d| view! { "It will be ready by " <strong>{d}</strong> ". " })}
                            "The channels page shows when it is ready, and we email you too."</p>
                        <p><A href=Route::Channels.href() attr:class="button">"Go to your WhatsApp channels"</A></p>
                    }.into_any()
                }
            }}
        </div>
    }
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
                    <button type="button" class="link-button" on:click=move |_| f()>"Change"<span class="visually-hidden">" " {name.to_lowercase()}</span></button>
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
            <dd class="summary-list__value">{value}</dd>
            <dd class="summary-list__actions"><A href=href>"Change"<span class="visually-hidden">" " {name.to_lowercase()}</span></A></dd>
        </div>
    }
}
