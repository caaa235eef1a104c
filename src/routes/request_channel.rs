//! "Request a WhatsApp channel": the Configuration Manager's form (name and routing script).

use crate::api::{self, ApiError, Mutation};
use crate::components::{error_for, ErrorSummary, LoadFailed, SelectField, TextField};
use crate::form_memory::{forget, remembered};
use crate::page::use_title;
use domain::contract::{paths, Channel, ChannelRequest, RoutingScript};
use domain::error::FieldError;
use domain::idempotency::RetryKey;
use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_navigate;

const MEMORY: &str = "channel-request.";

/// The request form.
#[component]
pub fn RequestChannel() -> impl IntoView {
    let navigate = use_navigate();
    let name = remembered("channel-request.name");
    let script = remembered("channel-request.script");
    let errors = RwSignal::new(Vec::<FieldError>::new());
    let key = StoredValue::new(RetryKey::default());
    let scripts = LocalResource::new(|| api::get::<Vec<RoutingScript>>(paths::ROUTING_SCRIPTS));
    let options = Signal::derive(move || match scripts.get() {
        Some(Ok(list)) => list.into_iter().map(|s| (s.id, s.name)).collect(),
        _ => Vec::new(),
    });

    let submit = Action::new_local(move |req: &ChannelRequest| {
        let req = req.clone();
        async move {
            api::send::<_, Channel>(
                Mutation::Post,
                paths::CHANNELS,
                &req,
                key,
                Default::default(),
            )
            .await
        }
    });
    Effect::new(move |_| match submit.value().get() {
        Some(Ok(channel)) => {
            forget(MEMORY);
            navigate(
                &format!("/channels?requested={}", channel.id),
                Default::default(),
            );
        }
        Some(Err(ApiError::Unauthorized)) | None => {}
        Some(Err(e)) => match e.body() {
            Some(b) if !b.fields.is_empty() => errors.set(b.fields.clone()),
            _ => errors.set(vec![FieldError::new("", e.to_string())]),
        },
    });
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if submit.pending().get_untracked() {
            return;
        }
        let req = ChannelRequest {
            name: name.get_untracked().trim().to_string(),
            routing_script_id: script.get_untracked(),
        };
        let problems = req.validate();
        if problems.is_empty() {
            errors.set(Vec::new());
            submit.dispatch(req);
        } else {
            errors.set(problems);
        }
    };
    use_title(
        || "Request a WhatsApp channel".into(),
        move || errors.with(|e| !e.is_empty()),
    );

    view! {
        <p><A href="/channels" attr:class="back-link">"Back to WhatsApp channels"</A></p>
        <div class="narrow">
            <ErrorSummary errors=errors/>
            <h1>"Request a WhatsApp channel"</h1>
            <p>"As in the Configuration Manager: name the channel and choose the routing script that sends its WhatsApp conversations to your agents. The channel shows as Pending until you finish setting it up."</p>
            {move || match scripts.get() {
                Some(Err(e)) if e != ApiError::Unauthorized => Some(view! {
                    <LoadFailed what="your routing scripts" error=e retry=Callback::new(move |()| scripts.refetch())/>
                }),
                _ => None,
            }}
            <form novalidate on:submit=on_submit>
                <TextField
                    id=ChannelRequest::NAME
                    label="Channel name"
                    hint="How the channel is identified in your contact centre, for example Customer Support. Each channel needs its own name."
                    value=name
                    error=error_for(errors, ChannelRequest::NAME)
                    autocomplete="off"
                />
                <SelectField
                    id=ChannelRequest::ROUTING_SCRIPT
                    label="Routing script"
                    hint="The script that routes this channel's WhatsApp conversations to your agents."
                    placeholder=move || if scripts.get().is_none() { "Loading routing scripts…" } else { "Select a routing script" }
                    options=options
                    value=script
                    error=error_for(errors, ChannelRequest::ROUTING_SCRIPT)
                />
                <button type="submit" class="button" aria-disabled=move || submit.pending().get().then_some("true")>
                    {move || if submit.pending().get() { "Requesting…" } else { "Request channel" }}
                </button>
            </form>
        </div>
    }
}
