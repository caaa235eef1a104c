//! Page 1, "WhatsApp account information".

use super::{edit, on_focus, use_drafts, use_page};
use crate::components::{error_for, ErrorSummary, NumberRequirements, SelectField, TextField};
use domain::eligibility::NUMBER_HINT;
use domain::field::{Field, ProfilePage};
use domain::phone;
use domain::profile::{Category, BUSINESS_NAME_RULES, DESCRIPTION_MAX, TAGLINE_MAX};
use leptos::prelude::*;

/// The first page.
#[component]
pub fn AccountPage() -> impl IntoView {
    let drafts = use_drafts();
    let next = use_page(ProfilePage::Account, "WhatsApp account information");
    let errors = next.errors;
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
        <form novalidate on:focusin=on_focus(ProfilePage::Account) on:submit=move |ev| { ev.prevent_default(); next.submit(()); }>
            <TextField
                id=Field::ChannelName.name() label=Field::ChannelName.label()
                hint="How this channel is identified in your contact centre, for example Customer Support."
                value=drafts.value(Field::ChannelName) error=error_for(errors, Field::ChannelName)
                on_input=edit(drafts, Field::ChannelName) autocomplete="off"
            />
            <SelectField
                id=Field::PhoneCountry.name() label=Field::PhoneCountry.label()
                hint="Where the phone number is registered."
                placeholder="Select a country" options=countries
                value=drafts.value(Field::PhoneCountry) error=error_for(errors, Field::PhoneCountry)
                on_change=edit(drafts, Field::PhoneCountry)
            />
            <TextField
                id=Field::PhoneNumber.name() label=Field::PhoneNumber.label() hint=NUMBER_HINT
                value=drafts.value(Field::PhoneNumber) error=error_for(errors, Field::PhoneNumber)
                on_input=edit(drafts, Field::PhoneNumber) kind="tel" autocomplete="tel"
            />
            <p class="hint normalised" aria-live="polite">{move || e164().map(|n| format!("In international format: {n}"))}</p>
            <details class="info">
                <summary>"Info"<span class="visually-hidden">": what the phone number must be"</span></summary>
                <div class="info__body">
                    <p>"The phone number must meet these requirements:"</p>
                    <NumberRequirements/>
                </div>
            </details>
            <TextField
                id=Field::BusinessName.name() label=Field::BusinessName.label()
                hint=format!("Shown in WhatsApp. It cannot be changed once your channel is set up. Use {}.", BUSINESS_NAME_RULES.join("; "))
                value=drafts.value(Field::BusinessName) error=error_for(errors, Field::BusinessName)
                on_input=edit(drafts, Field::BusinessName) autocomplete="organization"
            />
            <SelectField
                id=Field::Category.name() label=Field::Category.label()
                placeholder="Select a category" options=categories
                value=drafts.value(Field::Category) error=error_for(errors, Field::Category)
                on_change=edit(drafts, Field::Category)
            />
            <TextField
                id=Field::Tagline.name() label=Field::Tagline.label() hint="Shown under your business name, for example Fresh bread, baked daily."
                value=drafts.value(Field::Tagline) error=error_for(errors, Field::Tagline)
                on_input=edit(drafts, Field::Tagline) limit=TAGLINE_MAX autocomplete="off"
            />
            <TextField
                id=Field::Description.name() label=Field::Description.label() hint="Optional. What your business does and how you help customers."
                value=drafts.value(Field::Description) error=error_for(errors, Field::Description)
                on_input=edit(drafts, Field::Description) limit=DESCRIPTION_MAX rows=5 autocomplete="off"
            />
            <button type="submit" class="button" aria-disabled=move || next.pending().then_some("true")>
                {move || if next.pending() { "Checking…" } else { "Next" }}
            </button>
        </form>
    }
}
