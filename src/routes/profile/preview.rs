//! The live preview: the business profile as WhatsApp will show it, as the user types.
//! Everything is rendered as text, never as HTML.

use super::use_drafts;
use crate::components::picture::LocalPicture;
use crate::i18n::text;
use domain::endpoint;
use domain::field::Field;
use domain::profile::Category;
use leptos::prelude::*;

/// The preview panel.
#[component]
pub fn Preview() -> impl IntoView {
    let t = text();
    let p = &t.profile;
    let drafts = use_drafts();
    let local = use_context::<LocalPicture>();
    let value = move |f: Field| move || drafts.value(f).get();
    let has = move |f: Field| move || !drafts.value(f).get().trim().is_empty();
    let picture = move || {
        local.and_then(|l| l.0.get()).or_else(|| {
            Some(drafts.value(Field::PictureId).get())
                .filter(|id| !id.is_empty())
                .map(|id| crate::api::url(&endpoint::PICTURE.path(&[&id])))
        })
    };
    let initials = move || {
        let initials = drafts
            .value(Field::BusinessName)
            .get()
            .split_whitespace()
            .filter_map(|w| w.chars().next())
            .take(2)
            .collect::<String>();
        domain::case::upper(&initials)
    };
    let category = move || {
        Category::from_code(&drafts.value(Field::Category).get()).map(|c| t.category_label(c))
    };
    view! {
        <h2 id="preview-title" class="preview__title">{p.preview_title}</h2>
        <div class="phone" data-testid="whatsapp-preview">
            <div class="phone__screen">
                <div class="phone__avatar">
                    {move || match picture() {
                        Some(src) => view! { <img src=src alt=p.preview_picture width="96" height="96"/> }.into_any(),
                        None => view! { <span class="phone__initials" aria-hidden="true">{initials}</span> }.into_any(),
                    }}
                </div>
                <p class="phone__name">{move || {
                    let n = drafts.value(Field::BusinessName).get();
                    if n.trim().is_empty() { p.preview_name.to_string() } else { n }
                }}</p>
                {move || drafts.phone_international().map(|n| view! { <p class="phone__number">{n}</p> })}
                <p class="phone__badge">{p.preview_badge}</p>
                <Show when=has(Field::Tagline)><p class="phone__tagline">{value(Field::Tagline)}</p></Show>
                <dl class="phone__details">
                    {move || category().map(|c| view! { <div><dt>{p.preview_category}</dt><dd>{c}</dd></div> })}
                    <Show when=has(Field::Description)><div><dt>{p.preview_description}</dt><dd class="phone__multiline">{value(Field::Description)}</dd></div></Show>
                    <Show when=has(Field::Address)><div><dt>{p.preview_address}</dt><dd class="phone__multiline">{value(Field::Address)}</dd></div></Show>
                    <Show when=has(Field::ContactEmail)><div><dt>{p.preview_email}</dt><dd>{value(Field::ContactEmail)}</dd></div></Show>
                    <Show when=has(Field::Website)><div><dt>{p.preview_website}</dt><dd>{value(Field::Website)}</dd></div></Show>
                </dl>
            </div>
        </div>
    }
}
