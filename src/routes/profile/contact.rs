//! Page 2: how customers reach the business, and its picture.

use super::{check_page, on_focus, track_position, use_drafts};
use crate::components::{error_for, ErrorSummary, TextField};
use crate::page::use_title;
use domain::error::FieldError;
use domain::idempotency::RetryKey;
use domain::profile::{field, label, ADDRESS_MAX, EMAIL_MAX, WEBSITE_MAX};
use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_navigate;

/// The second page.
#[component]
pub fn ContactPage() -> impl IntoView {
    let drafts = use_drafts();
    let navigate = use_navigate();
    let errors = RwSignal::new(Vec::<FieldError>::new());
    let key = StoredValue::new(RetryKey::default());
    track_position("contact");
    use_title(
        || "Contact details and picture".into(),
        move || errors.with(|e| !e.is_empty()),
    );

    let next = Action::new_local(move |_: &()| async move { check_page(drafts, 2, key).await });
    Effect::new(move |_| match next.value().get() {
        Some(Ok(())) => {
            errors.set(Vec::new());
            navigate(
                &format!("/channels/{}/profile/review", drafts.channel()),
                Default::default(),
            );
        }
        Some(Err(e)) => errors.set(e),
        None => {}
    });
    let edit = move |f: &'static str| Callback::new(move |v: String| drafts.edit(f, v));

    view! {
        <ErrorSummary errors=errors/>
        <p class="caption">"Step 2 of 3"</p>
        <h1>"Contact details and picture"</h1>
        <form novalidate on:focusin=on_focus("contact") on:submit=move |ev| { ev.prevent_default(); if !next.pending().get_untracked() { next.dispatch(()); } }>
            <TextField
                id=field::CONTACT_EMAIL label=label::CONTACT_EMAIL hint="A customer-service address customers can write to, for example help@example.com."
                value=drafts.value(field::CONTACT_EMAIL) error=error_for(errors, field::CONTACT_EMAIL)
                on_input=edit(field::CONTACT_EMAIL) kind="email" limit=EMAIL_MAX autocomplete="email"
            />
            <TextField
                id=field::WEBSITE label=label::WEBSITE hint="Optional. Starts with https:// or http://, for example https://www.example.com."
                value=drafts.value(field::WEBSITE) error=error_for(errors, field::WEBSITE)
                on_input=edit(field::WEBSITE) kind="url" limit=WEBSITE_MAX autocomplete="url"
            />
            <crate::components::picture::ProfilePicture error=error_for(errors, field::PICTURE_ID)/>
            <TextField
                id=field::ADDRESS label=label::ADDRESS hint="Optional. Your head office."
                value=drafts.value(field::ADDRESS) error=error_for(errors, field::ADDRESS)
                on_input=edit(field::ADDRESS) limit=ADDRESS_MAX rows=3 autocomplete="street-address"
            />
            <div class="button-group">
                <button type="submit" class="button" aria-disabled=move || next.pending().get().then_some("true")>
                    {move || if next.pending().get() { "Checking…" } else { "Next" }}
                </button>
                <A href=move || format!("/channels/{}/profile/account", drafts.channel()) attr:class="button button--secondary">"Back"</A>
            </div>
        </form>
    }
}
