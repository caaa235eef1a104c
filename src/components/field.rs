//! Labelled inputs with hint and error text tied to them for screen readers.

use crate::i18n::{fill, text};
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

/// The frame of every field: its label, hint and error message, tied to the
/// control (which the caller renders with `id`) by the ids `{id}-hint` and `{id}-error`.
#[component]
fn FieldFrame(
    id: String,
    label: String,
    hint: Option<String>,
    error: Signal<Option<String>>,
    children: Children,
) -> impl IntoView {
    let hint_id = format!("{id}-hint");
    let error_id = format!("{id}-error");
    view! {
        <div class="field" class:field--error=move || error.get().is_some()>
            <label class="label" for=id>{label}</label>
            {hint.map(|h| view! { <div class="hint" id=hint_id>{h}</div> })}
            {move || error.get().map(|e| view! {
                <p class="error-message" id=error_id.clone()>
                    <span class="visually-hidden">{text().common.error_prefix}</span>{e}
                </p>
            })}
            {children()}
        </div>
    }
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
    /// A character limit: shows a count of what is left.
    #[prop(optional)]
    limit: Option<usize>,
    /// Rows of a multi-line field (a `<textarea>`); 0 or absent for one line.
    #[prop(optional)]
    rows: u32,
    /// Called with each new value instead of setting `value` (for values saved as drafts).
    #[prop(optional)]
    on_input: Option<Callback<String>>,
) -> impl IntoView {
    let has_hint = hint.is_some();
    let count_id = format!("{id}-count");
    let described = {
        let id = id.clone();
        move || {
            let mut d = described_by(&id, has_hint, error.get().is_some()).unwrap_or_default();
            if limit.is_some() {
                d = format!("{d} {id}-count").trim().to_string();
            }
            (!d.is_empty()).then_some(d)
        }
    };
    let changed = move |v: String| match on_input {
        Some(cb) => cb.run(v),
        None => value.set(v),
    };
    let control = if rows > 0 {
        view! {
            <textarea
                class="input textarea"
                id=id.clone()
                name=id.clone()
                rows=rows
                autocomplete=autocomplete
                aria-describedby=described
                aria-invalid=move || error.get().is_some().then_some("true")
                prop:value=value
                on:input:target=move |ev| changed(ev.target().value())
            ></textarea>
        }
        .into_any()
    } else {
        view! {
            <input
                class="input"
                id=id.clone()
                name=id.clone()
                type=kind
                autocomplete=autocomplete
                inputmode=inputmode
                spellcheck="false"
                aria-describedby=described
                aria-invalid=move || error.get().is_some().then_some("true")
                prop:value=value
                on:input:target=move |ev| changed(ev.target().value())
            />
        }
        .into_any()
    };
    view! {
        <FieldFrame id=id.clone() label hint error>
            {control}
            {limit.map(|max| view! { <CharacterCount id=count_id max value/> })}
        </FieldFrame>
    }
}

/// "You have 12 characters remaining" under a limited field (GOV.UK character count).
/// The visible count follows every keystroke; screen readers hear it once typing pauses.
#[component]
fn CharacterCount(id: String, max: usize, value: RwSignal<String>) -> impl IntoView {
    let t = &text().common;
    let words = move || {
        let left = domain::profile::remaining(max, &value.get());
        let count = |n: i64| crate::format::count(n.unsigned_abs());
        match left {
            1 => t.characters_left_one.to_string(),
            n if n >= 0 => fill(t.characters_left, &[("count", &count(n))]),
            -1 => t.characters_over_one.to_string(),
            n => fill(t.characters_over, &[("count", &count(n))]),
        }
    };
    let over = move || domain::profile::remaining(max, &value.get()) < 0;
    let spoken = RwSignal::new(String::new());
    let pause = StoredValue::new_local(None::<gloo_timers::callback::Timeout>);
    let mut first = true;
    crate::reactive::effect(move || {
        let text = words();
        if !std::mem::take(&mut first) {
            pause.set_value(Some(gloo_timers::callback::Timeout::new(
                1_000,
                move || spoken.set(text),
            )));
        }
    });
    view! {
        <p class="character-count" class:character-count--over=over id=id aria-hidden="true">{words}</p>
        <p class="visually-hidden" aria-live="polite">{move || spoken.get()}</p>
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
    let described = {
        let id = id.clone();
        move || described_by(&id, has_hint, error.get().is_some())
    };
    view! {
        <FieldFrame id=id.clone() label hint error>
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
                    {move || if shown.get() { text().common.hide } else { text().common.show }}
                    <span class="visually-hidden">" " {what}</span>
                </button>
            </div>
        </FieldFrame>
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
    /// Called with each new value instead of setting `value` (for values saved as drafts).
    #[prop(optional)]
    on_change: Option<Callback<String>>,
) -> impl IntoView {
    let has_hint = hint.is_some();
    let described = {
        let id = id.clone();
        move || described_by(&id, has_hint, error.get().is_some())
    };
    let changed = move |v: String| match on_change {
        Some(cb) => cb.run(v),
        None => value.set(v),
    };
    view! {
        <FieldFrame id=id.clone() label hint error>
            <select
                class="select"
                id=id.clone()
                name=id
                aria-describedby=described
                aria-invalid=move || error.get().is_some().then_some("true")
                on:change:target=move |ev| changed(ev.target().value())
                prop:value=value
            >
                <option value="">{placeholder}</option>
                {move || options.get().into_iter().map(|(v, l)| {
                    let selected = value.get_untracked() == v;
                    view! { <option value=v selected=selected>{l}</option> }
                }).collect_view()}
            </select>
        </FieldFrame>
    }
}
