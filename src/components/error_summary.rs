//! The "There is a problem" box at the top of a form (GOV.UK error summary).

use crate::i18n::text;
use domain::error::FieldError;
use leptos::prelude::*;
use wasm_bindgen::JsCast;

/// Lists every error, each linking to its field, and takes focus when errors appear
/// so screen readers announce it. An error with an empty `field` has no link.
/// `target` names the element an error's link goes to, where that is not the field's
/// own id (the review links to each answer's Change link).
#[component]
pub fn ErrorSummary(
    errors: RwSignal<Vec<FieldError>>,
    #[prop(optional)] target: Option<fn(&str) -> &str>,
) -> impl IntoView {
    let node = NodeRef::<leptos::html::Div>::new();
    crate::reactive::effect(move || {
        let any = errors.with(|e| !e.is_empty());
        if any {
            if let Some(el) = node.get() {
                let _ = el.focus();
            }
        }
    });
    view! {
        <Show when=move || errors.with(|e| !e.is_empty())>
            <div class="error-summary" node_ref=node tabindex="-1" role="alert" aria-labelledby="error-summary-title">
                <h2 class="error-summary__title" id="error-summary-title">{text().common.error_summary_title}</h2>
                <ul class="error-summary__list">
                    {move || errors.get().into_iter().map(|e| {
                        if e.field.is_empty() {
                            view! { <li>{e.message}</li> }.into_any()
                        } else {
                            let id = target.map_or(e.field.as_str(), |t| t(&e.field)).to_string();
                                let href = format!("#{id}");
                            view! {
                                <li>
                                    <a href=href on:click=move |ev| {
                                        ev.prevent_default();
                                        focus_field(&id);
                                    }>{e.message}</a>
                                </li>
                            }.into_any()
                        }
                    }).collect_view()}
                </ul>
            </div>
        </Show>
    }
}

/// Moves focus to the field with this id and scrolls its label into view.
pub fn focus_field(id: &str) {
    if let Some(el) = crate::host::by_id(id) {
        if let Ok(el) = el.dyn_into::<web_sys::HtmlElement>() {
            let _ = el.focus();
        }
    }
}
