//! The live preview: the business profile as WhatsApp will show it, as the user types.
//! Everything is rendered as text, never as HTML.

use super::use_drafts;
use crate::components::picture::LocalPicture;
use domain::endpoint;
use domain::field::Field;
use domain::profile::Category;
use leptos::prelude::*;

/// The preview panel.
#[component]
pub fn Preview() -> impl IntoView {
    let drafts = use_drafts();
    let local = use_context::<LocalPicture>();
    let text = move |f: Field| move || drafts.value(f).get();
    let has = move |f: Field| move || !drafts.value(f).get().trim().is_empty();
    let picture = move || {
        local.and_then(|l| l.0.get()).or_else(|| {
            Some(drafts.value(Field::PictureId).get())
                .filter(|id| !id.is_empty())
                .map(|id| crate::api::url(&endpoint::PICTURE.path(&[&id])))
        })
    };
    let initials = move || {
        drafts
            .value(Field::BusinessName)
            .get()
            .split_whitespace()
            .filter_map(|w| w.chars().next())
            .take(2)
            .collect::<String>()
            .to_uppercase()
    };
    let category =
        move || Category::from_code(&drafts.value(Field::Category).get()).map(Category::label);
    view! {
        <h2 id="preview-title" class="preview__title">"How it will look in WhatsApp"</h2>
        <div class="phone" data-testid="whatsapp-preview">
            <div class="phone__screen">
                <div class="phone__avatar">
                    {move || match picture() {
                        Some(src) => view! { <img src=src alt="Profile picture" width="96" height="96"/> }.into_any(),
                        None => view! { <span class="phone__initials" aria-hidden="true">{initials}</span> }.into_any(),
                    }}
                </div>
                <p class="phone__name">{move || {
                    let n = drafts.value(Field::BusinessName).get();
                    if n.trim().is_empty() { "Business name".to_string() } else { n }
                }}</p>
                <p class="phone__badge">"Business account"</p>
                <Show when=has(Field::Tagline)><p class="phone__tagline">{text(Field::Tagline)}</p></Show>
                <dl class="phone__details">
                    {move || category().map(|c| view! { <div><dt>"Category"</dt><dd>{c}</dd></div> })}
                    <Show when=has(Field::Description)><div><dt>"Description"</dt><dd class="phone__multiline">{text(Field::Description)}</dd></div></Show>
                    <Show when=has(Field::Address)><div><dt>"Address"</dt><dd class="phone__multiline">{text(Field::Address)}</dd></div></Show>
                    <Show when=has(Field::ContactEmail)><div><dt>"Email"</dt><dd>{text(Field::ContactEmail)}</dd></div></Show>
                    <Show when=has(Field::Website)><div><dt>"Website"</dt><dd>{text(Field::Website)}</dd></div></Show>
                </dl>
            </div>
        </div>
    }
}
