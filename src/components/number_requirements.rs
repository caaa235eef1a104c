//! What the WhatsApp phone number must be, as the customer documentation states
//! it, and the link to the provider's page on setting up one of its own numbers,
//! for "Before you start" and the "Info" by the "Phone number" field.

use crate::i18n::{split, text};
use leptos::prelude::*;

/// The number's requirements, as a list, then the provider's set-up link.
#[component]
pub fn NumberRequirements() -> impl IntoView {
    let t = &text().requirements;
    let brand = crate::brand::use_brand();
    let setup = move || {
        let b = brand.get();
        (!b.number_setup_url.is_empty()).then(|| {
            view! {
                <p>
                    <a href=b.number_setup_url rel="noopener noreferrer" target="_blank">
                        {split(t.number_setup, "partner").0}{b.partner}{split(t.number_setup, "partner").1}
                    </a>
                </p>
            }
        })
    };
    view! {
        <ul class="list">
            {[
                t.number_any_provider,
                t.number_never_used,
                t.number_receives_code,
                t.number_visible,
                t.number_our_telephony,
                t.number_no_calls,
            ]
            .map(|r| view! { <li>{r}</li> })
            .collect_view()}
        </ul>
        {setup}
    }
}
