//! Page 1, "WhatsApp account information".

use super::{edit, on_focus, use_drafts, use_page};
use crate::components::{error_for, ErrorSummary, NumberRequirements, SelectField, TextField};
use crate::i18n::{fill, split, text};
use domain::field::{Field, ProfilePage};
use domain::phone;
use domain::profile::{Category, DESCRIPTION_MAX, TAGLINE_MAX};
use leptos::prelude::*;

/// The first page.
#[component]
pub fn AccountPage() -> impl IntoView {
    let t = text();
    let p = &t.profile;
    let drafts = use_drafts();
    let next = use_page(
        ProfilePage::Account,
        domain::draft::account_problems,
        p.account_title,
    );
    let errors = next.errors;
    let countries: Vec<(String, String)> = phone::countries()
        .iter()
        .map(|c| {
            (
                c.iso.to_string(),
                fill(
                    p.country_option,
                    &[("name", &t.name(c.name)), ("code", c.calling_code)],
                ),
            )
        })
        .collect();
    let categories: Vec<(String, String)> = Category::ALL
        .iter()
        .map(|c| (c.code().to_string(), t.category_label(*c).to_string()))
        .collect();
    let international = move || drafts.phone_international();
    let (info_before, _) = split(p.international, "number");

    view! {
        <ErrorSummary errors=errors/>
        <p class="caption">{fill(p.step, &[("number", "1"), ("count", "3")])}</p>
        <h1>{p.account_title}</h1>
        <p>{p.account_intro}</p>
        <form novalidate on:focusin=on_focus(ProfilePage::Account) on:submit=move |ev| { ev.prevent_default(); next.submit(()); }>
            <TextField
                id=Field::ChannelName.name() label=t.field_label(Field::ChannelName)
                hint=p.channel_name_hint
                value=drafts.value(Field::ChannelName) error=error_for(errors, Field::ChannelName)
                on_input=edit(drafts, Field::ChannelName) autocomplete="off"
            />
            <SelectField
                id=Field::PhoneCountry.name() label=t.field_label(Field::PhoneCountry)
                hint=p.country_hint
                placeholder=p.choose_country options=countries
                value=drafts.value(Field::PhoneCountry) error=error_for(errors, Field::PhoneCountry)
                on_change=edit(drafts, Field::PhoneCountry)
            />
            <TextField
                id=Field::PhoneNumber.name() label=t.field_label(Field::PhoneNumber) hint=t.requirements.number_hint
                value=drafts.value(Field::PhoneNumber) error=error_for(errors, Field::PhoneNumber)
                on_input=edit(drafts, Field::PhoneNumber) kind="tel" autocomplete="tel"
            />
            <p class="hint normalised" aria-live="polite">{move || international().map(|n| format!("{info_before}{n}{}", split(p.international, "number").1))}</p>
            <details class="info">
                <summary>{p.info}<span class="visually-hidden">{p.info_hidden}</span></summary>
                <div class="info__body">
                    <p>{p.info_intro}</p>
                    <NumberRequirements/>
                </div>
            </details>
            <TextField
                id=Field::BusinessName.name() label=t.field_label(Field::BusinessName)
                hint=p.business_name_hint
                value=drafts.value(Field::BusinessName) error=error_for(errors, Field::BusinessName)
                on_input=edit(drafts, Field::BusinessName) autocomplete="organization"
            />
            <SelectField
                id=Field::Category.name() label=t.field_label(Field::Category)
                placeholder=p.choose_category options=categories
                value=drafts.value(Field::Category) error=error_for(errors, Field::Category)
                on_change=edit(drafts, Field::Category)
            />
            <TextField
                id=Field::Tagline.name() label=t.field_label(Field::Tagline) hint=p.tagline_hint
                value=drafts.value(Field::Tagline) error=error_for(errors, Field::Tagline)
                on_input=edit(drafts, Field::Tagline) limit=TAGLINE_MAX autocomplete="off"
            />
            <TextField
                id=Field::Description.name() label=t.field_label(Field::Description) hint=p.description_hint
                value=drafts.value(Field::Description) error=error_for(errors, Field::Description)
                on_input=edit(drafts, Field::Description) limit=DESCRIPTION_MAX rows=5 autocomplete="off"
            />
            <button type="submit" class="button" aria-disabled=move || next.pending().then_some("true")>
                {move || if next.pending() { t.common.checking } else { t.common.next }}
            </button>
        </form>
    }
}
