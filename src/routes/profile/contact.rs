//! Page 2: how customers reach the business, and its picture.

use super::{edit, on_focus, use_drafts, use_page};
use crate::components::{error_for, ErrorSummary, TextField};
use crate::i18n::{fill, text};
use crate::nav::Href;
use domain::field::{Field, ProfilePage};
use domain::navigation::Route;
use domain::profile::{ADDRESS_MAX, EMAIL_MAX, WEBSITE_MAX};
use leptos::prelude::*;
use leptos_router::components::A;

/// The second page.
#[component]
pub fn ContactPage() -> impl IntoView {
    let t = text();
    let p = &t.profile;
    let drafts = use_drafts();
    let next = use_page(
        ProfilePage::Contact,
        domain::draft::contact_problems,
        p.contact_title,
    );
    let errors = next.errors;
    let back = Route::ProfileStep {
        channel: &drafts.channel(),
        page: ProfilePage::Account,
        focus: None,
    }
    .href();

    view! {
        <ErrorSummary errors=errors/>
        <p class="caption">{fill(p.step, &[("number", "2"), ("count", "3")])}</p>
        <h1>{p.contact_title}</h1>
        <form novalidate on:focusin=on_focus(ProfilePage::Contact) on:submit=move |ev| { ev.prevent_default(); next.submit(()); }>
            <TextField
                id=Field::ContactEmail.name() label=t.field_label(Field::ContactEmail) hint=p.contact_email_hint
                value=drafts.value(Field::ContactEmail) error=error_for(errors, Field::ContactEmail)
                on_input=edit(drafts, Field::ContactEmail) kind="email" limit=EMAIL_MAX autocomplete="email"
            />
            <TextField
                id=Field::Website.name() label=t.field_label(Field::Website) hint=p.website_hint
                value=drafts.value(Field::Website) error=error_for(errors, Field::Website)
                on_input=edit(drafts, Field::Website) kind="url" limit=WEBSITE_MAX autocomplete="url"
            />
            <crate::components::picture::ProfilePicture drafts=drafts error=error_for(errors, Field::PictureId)/>
            <TextField
                id=Field::Address.name() label=t.field_label(Field::Address) hint=p.address_hint
                value=drafts.value(Field::Address) error=error_for(errors, Field::Address)
                on_input=edit(drafts, Field::Address) limit=ADDRESS_MAX rows=3 autocomplete="street-address"
            />
            <div class="button-group">
                <button type="submit" class="button" aria-disabled=move || next.pending().then_some("true")>
                    {move || if next.pending() { t.common.checking } else { t.common.next }}
                </button>
                <A href=back attr:class="button button--secondary">{t.common.back}</A>
            </div>
        </form>
    }
}
