//! Page 1, "WhatsApp account information".

use super::{check_page, on_focus, track_position, use_drafts};
use crate::components::{error_for, ErrorSummary, SelectField, TextField};
use crate::page::use_title;
use domain::error::FieldError;
use domain::idempotency::RetryKey;
use domain::phone;
use domain::profile::{field, label, Category, BUSINESS_NAME_RULES, DESCRIPTION_MAX, TAGLINE_MAX};
use leptos::prelude::*;
use leptos_router::hooks::use_navigate;

/// The phone number requirements shown beside the field.
pub const NUMBER_HINT: &str = "The number customers will message. It can be from any provider, must never have been used with WhatsApp Business, and must be able to receive a one-time code by SMS or voice call.";

/// The first page.
#[component]
pub fn AccountPage() -> impl IntoView {
    let drafts = use_drafts();
    let navigate = use_navigate();
    let errors = RwSignal::new(Vec::<FieldError>::new());
    let key = StoredValue::new(RetryKey::default());
    track_position("account");
    use_title(
        || "WhatsApp account information".into(),
        move || errors.with(|e| !e.is_empty()),
    );

    let next = Action::new_local(move |_: &()| async move { check_page(drafts, 1, key).await });
    Effect::new(move |_| match next.value().get() {
        Some(Ok(())) => {
            errors.set(Vec::new());
            navigate(
                &format!("/channels/{}/profile/contact", drafts.channel()),
                Default::default(),
            );
        }
        Some(Err(e)) => errors.set(e),
        None => {}
    });
    let edit = move |f: &'static str| Callback::new(move |v: String| drafts.edit(f, v));
    let countries: Vec<(String, String)> = phone::countries()
        .iter()
        .map(|c| {
            (
                c.iso.to_string(),
                format!("{} (+{})", c.name, c.calling_code),
            )
        })
        .collect();
    let categories: Vec<(String, String)> = Category::ALL
        .iter()
        .map(|c| (c.code().to_string(), c.label().to_string()))
        .collect();
    let e164 = move || drafts.phone_e164();

    view! {
        <ErrorSummary errors=errors/>
        <p class="caption">"Step 1 of 3"</p>
        <h1>"WhatsApp account information"</h1>
        <p>"This is what customers see on your WhatsApp business profile. Your answers are saved as you type."</p>
        <form novalidate on:focusin=on_focus("account") on:submit=move |ev| { ev.prevent_default(); if !next.pending().get_untracked() { next.dispatch(()); } }>
            <TextField
                id=field::CHANNEL_NAME label=label::CHANNEL_NAME
                hint="How this channel is identified in your contact centre, for example Customer Support."
                value=drafts.value(field::CHANNEL_NAME) error=error_for(errors, field::CHANNEL_NAME)
                on_input=edit(field::CHANNEL_NAME) autocomplete="off"
            />
            <SelectField
                id=field::PHONE_COUNTRY label="Country"
                hint="Where the phone number is registered."
                placeholder="Select a country" options=countries
                value=drafts.value(field::PHONE_COUNTRY) error=error_for(errors, field::PHONE_COUNTRY)
                on_change=edit(field::PHONE_COUNTRY)
            />
            <TextField
                id=field::PHONE_NUMBER label=label::PHONE_NUMBER hint=NUMBER_HINT
                value=drafts.value(field::PHONE_NUMBER) error=error_for(errors, field::PHONE_NUMBER)
                on_input=edit(field::PHONE_NUMBER) kind="tel" autocomplete="tel"
            />
            <p class="hint normalised" aria-live="polite">{move || e164().map(|n| format!("In international format: {n}"))}</p>
            <TextField
                id=field::BUSINESS_NAME label=label::BUSINESS_NAME
                hint=format!("Shown in WhatsApp. It cannot be changed once your channel is set up. Use {}.", BUSINESS_NAME_RULES.join("; "))
                value=drafts.value(field::BUSINESS_NAME) error=error_for(errors, field::BUSINESS_NAME)
                on_input=edit(field::BUSINESS_NAME) autocomplete="organization"
            />
            <SelectField
                id=field::CATEGORY label=label::CATEGORY
                placeholder="Select a category" options=categories
                value=drafts.value(field::CATEGORY) error=error_for(errors, field::CATEGORY)
                on_change=edit(field::CATEGORY)
            />
            <TextField
                id=field::TAGLINE label=label::TAGLINE hint="Shown under your business name, for example Fresh bread, baked daily."
                value=drafts.value(field::TAGLINE) error=error_for(errors, field::TAGLINE)
                on_input=edit(field::TAGLINE) limit=TAGLINE_MAX autocomplete="off"
            />
            <TextField
                id=field::DESCRIPTION label=label::DESCRIPTION hint="Optional. What your business does and how you help customers."
                value=drafts.value(field::DESCRIPTION) error=error_for(errors, field::DESCRIPTION)
                on_input=edit(field::DESCRIPTION) limit=DESCRIPTION_MAX rows=5 autocomplete="off"
            />
            <button type="submit" class="button" aria-disabled=move || next.pending().get().then_some("true")>
                {move || if next.pending().get() { "Checking…" } else { "Next" }}
            </button>
        </form>
    }
}
