//! What the WhatsApp phone number must be: the list from
//! [`domain::eligibility::NUMBER_REQUIREMENTS`] and the link to the provider's
//! page on setting up one of its own numbers, for "Before you start" and the
//! "Info" by the "Phone number" field.

use domain::eligibility::NUMBER_REQUIREMENTS;
use leptos::prelude::*;

/// The number's requirements, as a list, then the provider's set-up link.
#[component]
pub fn NumberRequirements() -> impl IntoView {
    let brand = crate::brand::use_brand();
    let setup = move || {
        let b = brand.get();
        (!b.number_setup_url.is_empty()).then(|| {
            view! {
                <p>
                    <a href=b.number_setup_url rel="noopener noreferrer" target="_blank">
                        "How to use a number from " {b.partner} " for WhatsApp (opens in a new tab)"
                    </a>
                </p>
            }
        })
    };
    view! {
        <ul class="list">
            {NUMBER_REQUIREMENTS.iter().map(|r| view! { <li>{*r}</li> }).collect_view()}
        </ul>
        {setup}
    }
}
