//! "Request a WhatsApp channel": the Configuration Manager's form (name and routing script).
//!
//! The legal terms come first: an account whose licence or terms do not allow a
//! request is told so, with the way forward, instead of a form the backend would refuse.

use crate::api;
use crate::components::{error_for, ErrorSummary, LoadFailed, Notice, SelectField, TextField};
use crate::form::{use_form, Problem};
use crate::form_memory::{forget, remembered};
use crate::i18n::{split, text};
use crate::nav::{use_go, Href};
use crate::page::use_title;
use domain::contract::ChannelRequest;
use domain::eligibility::Eligibility;
use domain::endpoint;
use domain::field::Field;
use domain::idempotency::RetryKey;
use domain::navigation::Route;
use leptos::prelude::*;
use leptos_router::components::A;

const MEMORY: &str = "channel-request.";

/// The request form.
#[component]
pub fn RequestChannel() -> impl IntoView {
    let t = &text().request;
    let go = use_go();
    let brand = crate::brand::use_brand();
    let name = remembered("channel-request.name");
    let script = remembered("channel-request.script");
    let key = StoredValue::new(RetryKey::default());
    let eligibility = api::resource(endpoint::ELIGIBILITY);
    let scripts = api::resource(endpoint::ROUTING_SCRIPTS);
    let options = Signal::derive(move || match scripts.get() {
        Some(Ok(list)) => list.into_iter().map(|s| (s.id, s.name)).collect(),
        _ => Vec::new(),
    });

    let submit = use_form(
        move |req: &ChannelRequest| {
            let req = req.clone();
            async move {
                api::send(endpoint::REQUEST_CHANNEL, &[], &req, key)
                    .await
                    .map_err(Problem::from)
            }
        },
        move |channel| {
            forget(MEMORY);
            go.to(Route::ChannelRequested(&channel.id));
        },
    );
    let errors = submit.errors;
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let req = ChannelRequest {
            name: name.get_untracked().trim().to_string(),
            routing_script_id: script.get_untracked(),
        };
        let problems = req.problems();
        if problems.is_empty() {
            submit.submit(req);
        } else {
            submit.fail(text().field_errors(problems));
        }
    };
    use_title(|| t.title.into(), move || submit.has_errors());

    let form = move || {
        view! {
                {move || match scripts.get() {
                    Some(Err(e)) => Some(view! {
                        <LoadFailed what=t.scripts_what error=e retry=Callback::new(move |()| scripts.refetch())/>
                    }),
                    _ => None,
                }}
                <form novalidate on:submit=on_submit>
                    <TextField
                        id=ChannelRequest::NAME
                        label=text().field_label(Field::ChannelName)
                        hint=t.name_hint
                        value=name
                        error=error_for(errors, ChannelRequest::NAME)
                        autocomplete="off"
                    />
                    <SelectField
                        id=ChannelRequest::ROUTING_SCRIPT
                        label=text().channels.routing_script
                        hint=t.script_hint
                        placeholder=move || if scripts.get().is_none() { t.loading_scripts } else { t.choose_script }
                        options=options
                        value=script
                        error=error_for(errors, ChannelRequest::ROUTING_SCRIPT)
                    />
                    <button type="submit" class="button" aria-disabled=move || submit.pending().then_some("true")>
                        {move || if submit.pending() { t.requesting } else { t.request }}
                    </button>
                    " "
                    <A href=Route::Channels.href() attr:class="button button--secondary" on:click=|_| crate::host::exit("cancel")>{text().common.cancel}</A>
                </form>
        }
    };

    let (intro_before, intro_after) = split(t.intro, "manager");
    view! {
        <crate::components::BackToChannels/>
        <div class="narrow">
            <ErrorSummary errors=errors/>
            <h1>{t.title}</h1>
            <p>{intro_before}{move || brand.get().configuration_manager}{intro_after}</p>
            <Transition fallback=move || view! { <p class="loading" role="status">{t.checking}</p> }>
                {move || Suspend::new(async move {
                    match eligibility.await.map(|e| refusal(&e)) {
                        Ok(None) => form().into_any(),
                        Ok(Some(why)) => view! { <NotYet why/> }.into_any(),
                        Err(e) => view! {
                            <LoadFailed what=t.account_what error=e retry=Callback::new(move |()| eligibility.refetch())/>
                        }.into_any(),
                    }
                })}
            </Transition>
        </div>
    }
}

/// Why a channel cannot be requested yet, in the app's locale, if it cannot.
fn refusal(e: &Eligibility) -> Option<String> {
    e.request_refusal()
        .map(|r| text().request_refusal(r, &e.licence))
}

/// Why a channel cannot be requested yet, and where to go next.
#[component]
fn NotYet(why: String) -> impl IntoView {
    view! {
        <Notice>
            <h2>{text().request.not_yet}</h2>
            <p>{why}</p>
            <p><A href=Route::BeforeYouStart.href()>{text().common.check_before_you_start}</A></p>
        </Notice>
    }
}
