//! Labelled inputs with hint and error text tied to them for screen readers.

use leptos::prelude::*;

fn described_by(id: &str, has_hint: bool, has_error: bool) -> Option<String> {
    let mut ids = Vec::new();
    if has_hint {
        ids.push(format!("{id}-hint"));
    }
    if has_error {
        ids.push(format!("{id}-error"));
    }
    (!ids.is_empty()).then(|| ids.join(" "))
}

/// A text input with a visible label, optional hint and its error message.
#[component]
pub fn TextField(
    /// The input's id and name; error summary links point here.
    #[prop(into)]
    id: String,
    /// The visible label.
    #[prop(into)]
    label: String,
    /// Help shown between the label and the input.
    #[prop(optional, into)]
    hint: Option<String>,
    /// The value, two-way.
    value: RwSignal<String>,
    /// The error to show, if any.
    #[prop(into)]
    error: Signal<Option<String>>,
    /// The input's `type`.
    #[prop(default = "text")]
    kind: &'static str,
    /// The input's `autocomplete`.
    #[prop(optional)]
    autocomplete: Option<&'static str>,
    /// The input's `inputmode`, e.g. `numeric`.
    #[prop(optional)]
    inputmode: Option<&'static str>,
) -> impl IntoView {
    let has_hint = hint.is_some();
    let hint_id = format!("{id}-hint");
    let error_id = format!("{id}-error");
    let described = {
        let id = id.clone();
        move || described_by(&id, has_hint, error.get().is_some())
    };
    view! {
        <div class="field" class:field--error=move || error.get().is_some()>
            <label class="label" for=id.clone()>{label}</label>
            {hint.map(|h| view! { <div class="hint" id=hint_id>{h}</div> })}
            {move || error.get().map(|e| view! {
                <p class="error-message" id=error_id.clone()>
                    <span class="visually-hidden">"Error: "</span>{e}
                </p>
            })}
            <input
                class="input"
                id=id.clone()
                name=id
                type=kind
                autocomplete=autocomplete
                inputmode=inputmode
                spellcheck="false"
                aria-describedby=described
                aria-invalid=move || error.get().is_some().then_some("true")
                prop:value=value
                on:input:target=move |ev| value.set(ev.target().value())
            />
        </div>
    }
}

/// A password input with a Show/Hide button; its value never leaves memory.
#[component]
pub fn PasswordField(
    /// The input's id and name.
    #[prop(into)]
    id: String,
    /// The visible label.
    #[prop(into)]
    label: String,
    /// Words for the Show button's hidden text, e.g. "the new password".
    #[prop(into)]
    what: String,
    /// Help shown between the label and the input.
    #[prop(optional, into)]
    hint: Option<String>,
    /// The value, two-way.
    value: RwSignal<String>,
    /// The error to show, if any.
    #[prop(into)]
    error: Signal<Option<String>>,
    /// `new-password` or `current-password`.
    autocomplete: &'static str,
) -> impl IntoView {
    let shown = RwSignal::new(false);
    let has_hint = hint.is_some();
    let hint_id = format!("{id}-hint");
    let error_id = format!("{id}-error");
    let described = {
        let id = id.clone();
        move || described_by(&id, has_hint, error.get().is_some())
    };
    view! {
        <div class="field" class:field--error=move || error.get().is_some()>
            <label class="label" for=id.clone()>{label}</label>
            {hint.map(|h| view! { <div class="hint" id=hint_id>{h}</div> })}
            {move || error.get().map(|e| view! {
                <p class="error-message" id=error_id.clone()>
                    <span class="visually-hidden">"Error: "</span>{e}
                </p>
            })}
            <div class="password-input">
                <input
                    class="input"
                    id=id.clone()
                    name=id.clone()
                    type=move || if shown.get() { "text" } else { "password" }
                    autocomplete=autocomplete
                    autocapitalize="none"
                    spellcheck="false"
                    aria-describedby=described
                    aria-invalid=move || error.get().is_some().then_some("true")
                    prop:value=value
                    on:input:target=move |ev| value.set(ev.target().value())
                />
                <button
                    type="button"
                    class="button button--secondary password-input__toggle"
                    aria-controls=id
                    aria-pressed=move || if shown.get() { "true" } else { "false" }
                    on:click=move |_| shown.update(|s| *s = !*s)
                >
                    {move || if shown.get() { "Hide" } else { "Show" }}
                    <span class="visually-hidden">" " {what}</span>
                </button>
            </div>
        </div>
    }
}

/// A `<select>` with a visible label, optional hint and its error message.
/// `options` are (value, label) pairs; a first, empty option asks the user to choose.
#[component]
pub fn SelectField(
    /// The select's id and name; error summary links point here.
    #[prop(into)]
    id: String,
    /// The visible label.
    #[prop(into)]
    label: String,
    /// Help shown between the label and the select.
    #[prop(optional, into)]
    hint: Option<String>,
    /// The text of the empty first option, e.g. "Select a country".
    #[prop(into)]
    placeholder: Signal<String>,
    /// The choices.
    #[prop(into)]
    options: Signal<Vec<(String, String)>>,
    /// The chosen value, two-way.
    value: RwSignal<String>,
    /// The error to show, if any.
    #[prop(into)]
    error: Signal<Option<String>>,
) -> impl IntoView {
    let has_hint = hint.is_some();
    let hint_id = format!("{id}-hint");
    let error_id = format!("{id}-error");
    let described = {
        let id = id.clone();
        move || described_by(&id, has_hint, error.get().is_some())
    };
    view! {
        <div class="field" class:field--error=move || error.get().is_some()>
            <label class="label" for=id.clone()>{label}</label>
            {hint.map(|h| view! { <div class="hint" id=hint_id>{h}</div> })}
            {move || error.get().map(|e| view! {
                <p class="error-message" id=error_id.clone()>
                    <span class="visually-hidden">"Error: "</span>{e}
                </p>
            })}
            <select
                class="select"
                id=id.clone()
                name=id
                aria-describedby=described
                aria-invalid=move || error.get().is_some().then_some("true")
                on:change:target=move |ev| value.set(ev.target().value())
                prop:value=value
            >
                <option value="">{placeholder}</option>
                {move || options.get().into_iter().map(|(v, l)| {
                    let selected = value.get_untracked() == v;
                    view! { <option value=v selected=selected>{l}</option> }
                }).collect_view()}
            </select>
        </div>
    }
}
