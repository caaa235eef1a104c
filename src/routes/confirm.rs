//! Back from Facebook: pick the registered number and the channel, check the
//! summary, and confirm. The number then waits for the provider's activation.

use crate::api::{self, ApiError, Mutation};
use crate::components::{error_for, ErrorSummary, LoadFailed, SelectField};
use crate::form_memory::{forget, remembered};
use crate::format;
use crate::page::use_title;
use domain::contract::{paths, ChannelOverview, LinkOutcome, LinkRequest};
use domain::draft::DraftState;
use domain::error::{ErrorCode, FieldError};
use domain::idempotency::RetryKey;
use domain::profile::{field, label, Category};
use domain::signup::RegisteredNumber;
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
    let from_channel = params.read_untracked().get("id").unwrap_or_default();
    let numbers = LocalResource::new(|| api::get::<Vec<RegisteredNumber>>(paths::NUMBERS));
    let channels = LocalResource::new(|| api::get::<Vec<ChannelOverview>>(paths::CHANNELS));
    let number = remembered("confirm.number");
    let channel = remembered("confirm.channel");
    let errors = RwSignal::new(Vec::<FieldError>::new());
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
        (Some(Err(e)), _) | (_, Some(Err(e))) if e != ApiError::Unauthorized => Some(e),
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
                api::get::<DraftState>(&paths::profile(&id)).await.ok()
            }
        }
    });

    let link = Action::new_local(move |req: &LinkRequest| {
        let req = req.clone();
        async move {
            api::send::<_, LinkOutcome>(Mutation::Post, paths::LINKS, &req, key, Default::default())
                .await
        }
    });
    Effect::new(move |_| match link.value().get() {
        Some(Ok(outcome)) => {
            forget(MEMORY);
            step.set(Step::Done(Box::new(outcome.channel)));
        }
        Some(Err(e)) if e.code() == Some(ErrorCode::Conflict) => {
            notice.set(Some(format!(
                "{e} We have refreshed the lists: choose again."
            )));
            numbers.refetch();
            channels.refetch();
            step.set(Step::Choose);
        }
        Some(Err(ApiError::Unauthorized)) | None => {}
        Some(Err(e)) => errors.set(match e.body() {
            Some(b) if !b.fields.is_empty() => b.fields.clone(),
            _ => vec![FieldError::new("", e.to_string())],
        }),
    });

    let on_next = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let req = LinkRequest {
            number_id: number.get_untracked(),
            channel_id: channel.get_untracked(),
        };
        let problems = req.validate();
        if problems.is_empty() {
            errors.set(Vec::new());
            notice.set(None);
            step.set(Step::Check);
        } else {
            errors.set(problems);
        }
    };
    let on_confirm = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if !link.pending().get_untracked() {
            link.dispatch(LinkRequest {
                number_id: number.get_untracked(),
                channel_id: channel.get_untracked(),
            });
        }
    };

    use_title(
        move || match step.get() {
            Step::Choose => "Choose the number and channel".into(),
            Step::Check => "Check and confirm".into(),
            Step::Done(_) => "Your WhatsApp number is linked".into(),
        },
        move || errors.with(|e| !e.is_empty()),
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
        <p><A href="/channels" attr:class="back-link">"Back to WhatsApp channels"</A></p>
        <div class="narrow">
            <ErrorSummary errors=errors/>
            {move || notice.get().map(|n| view! { <div class="notice notice--error" role="alert"><p>{n}</p></div> })}
            {move || load_error().map(|e| view! {
                <LoadFailed what="your numbers and channels" error=e retry=Callback::new(move |()| { numbers.refetch(); channels.refetch(); })/>
            })}
            {move || match step.get() {
                Step::Choose => view! {
                    <h1>"Choose the number and channel"</h1>
                    <p>"Link the number Facebook registered to the channel whose conversations it should receive."</p>
                    {move || (loaded() && free_numbers.with(Vec::is_empty)).then(|| view! {
                        <div class="notice" role="status">
                            <h2>"No registered number to link"</h2>
                            <p>"Every number Facebook registered for you is already linked, or none has been registered yet. Register a number by completing a channel's profile and continuing to Facebook."</p>
                        </div>
                    })}
                    {move || (loaded() && free_channels.with(Vec::is_empty)).then(|| view! {
                        <div class="notice" role="status">
                            <h2>"No channel waiting for a number"</h2>
                            <p>"Every channel already has a number. Request a new WhatsApp channel first, then link the number to it."</p>
                            <p><A href="/channels/new">"Request a WhatsApp channel"</A></p>
                        </div>
                    })}
                    <form novalidate on:submit=on_next>
                        <SelectField id=LinkRequest::NUMBER label="Registered number" hint="The numbers Facebook registered for your account that are not linked yet."
                            placeholder=move || if loaded() { "Select a number" } else { "Loading numbers…" }
                            options=number_options value=number error=error_for(errors, LinkRequest::NUMBER)/>
                        <SelectField id=LinkRequest::CHANNEL label="Channel" hint="Your WhatsApp channels requested in the Configuration Manager that have no number yet."
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
                    let change = move |f: &'static str| format!("/channels/{id}/profile/{}?focus={f}", if domain::draft::page_of(f) == 1 { "account" } else { "contact" });
                    view! {
                        <h1>"Check and confirm"</h1>
                        <p>"Confirming links this number to the channel. You cannot link either to anything else afterwards."</p>
                        <section aria-label="What will be linked">
                            <dl class="summary-list">
                                <SummaryRow name="Registered number" value=n.as_ref().map(|n| n.e164.clone()).unwrap_or_default() change=Some(Box::new(move || step.set(Step::Choose)))/>
                                <SummaryRow name="Channel" value=c.as_ref().map(|c| c.channel.name.clone()).unwrap_or_default() change=Some(Box::new(move || step.set(Step::Choose)))/>
                                <SummaryRow name=label::BUSINESS_NAME value=n.as_ref().map(|n| n.business_name.clone()).unwrap_or_default() change=None/>
                                <SummaryRow name="Routing script" value=c.as_ref().map(|c| c.channel.routing_script.clone()).unwrap_or_default() change=None/>
                            </dl>
                            <dl class="summary-list">
                                <ProfileRow name=label::CATEGORY value=Signal::derive(category) href=change(field::CATEGORY)/>
                                <ProfileRow name=label::TAGLINE value=Signal::derive(move || draft().tagline) href=change(field::TAGLINE)/>
                                <ProfileRow name=label::DESCRIPTION value=Signal::derive(move || draft().description) href=change(field::DESCRIPTION)/>
                                <ProfileRow name=label::CONTACT_EMAIL value=Signal::derive(move || draft().contact_email) href=change(field::CONTACT_EMAIL)/>
                                <ProfileRow name=label::WEBSITE value=Signal::derive(move || draft().website) href=change(field::WEBSITE)/>
                                <ProfileRow name=label::ADDRESS value=Signal::derive(move || draft().address) href=change(field::ADDRESS)/>
                            </dl>
                        </section>
                        <form novalidate on:submit=on_confirm>
                            <button type="submit" class="button" aria-disabled=move || link.pending().get().then_some("true")>
                                {move || if link.pending().get() { "Confirming…" } else { "Confirm" }}
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
                        <p>"We finish activating the number, which takes up to 3 working days. "
                            {ready.map(|d| view! { "It will be ready by " <strong>{d}</strong> ". " })}
                            "The channels page shows when it is ready, and we email you too."</p>
                        <p><A href="/channels" attr:class="button">"Go to your WhatsApp channels"</A></p>
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
