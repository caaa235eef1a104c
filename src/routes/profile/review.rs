//! Step 3: check every answer, with links back to change it, and confirm the
//! business name, which cannot be changed afterwards.

use super::{check_page, track_position, use_drafts};
use crate::api;
use crate::components::{ErrorSummary, Notice, Tone};
use crate::form::{use_form, Problem};
use crate::nav::Href;
use crate::page::use_title;
use domain::contract::ProfileCompletion;
use domain::endpoint;
use domain::error::FieldError;
use domain::field::{Field, ProfilePage};
use domain::idempotency::RetryKey;
use domain::navigation::Route;
use domain::profile::Category;
use leptos::prelude::*;
use leptos_router::components::A;

/// The id of the confirmation checkbox, for the error summary's link.
const CONFIRM: &str = "confirm_business_name";

/// The review page.
#[component]
pub fn ReviewPage() -> impl IntoView {
    let drafts = use_drafts();
    let confirmed = RwSignal::new(false);
    let check_key = StoredValue::new(RetryKey::default());
    let complete_key = StoredValue::new(RetryKey::default());
    track_position(ProfilePage::Review);

    let confirm = use_form(
        move |_: &()| async move {
            check_page(drafts, ProfilePage::Review, check_key).await?;
            let body = ProfileCompletion {
                confirmed_business_name: drafts.snapshot().tidied().business_name,
            };
            let channel = drafts.channel();
            api::send(endpoint::COMPLETE_PROFILE, &[&channel], &body, complete_key)
                .await
                .map_err(Problem::from)
        },
        move |state| drafts.complete.set(state.complete),
    );
    let errors = confirm.errors;
    use_title(|| "Check your profile".into(), move || confirm.has_errors());
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if !confirmed.get_untracked() {
            confirm.fail(vec![FieldError::new(
                CONFIRM,
                "Confirm the business name, or change it before you continue",
            )]);
            return;
        }
        confirm.submit(());
    };

    let channel = drafts.channel();
    let change = move |f: Field| {
        Route::ProfileStep {
            channel: &channel,
            page: f.page(),
            focus: Some(f),
        }
        .href()
    };
    // Each answer as the review shows it: a category by its name, the number in
    // international format, the picture as whether there is one.
    let shown = move |f: Field| match f {
        Field::Category => Category::from_code(&drafts.value(f).get())
            .map(Category::label)
            .unwrap_or_default()
            .to_string(),
        Field::PhoneNumber => drafts.phone_e164().unwrap_or_else(|| drafts.value(f).get()),
        Field::PictureId if drafts.value(f).get().is_empty() => "No picture".to_string(),
        Field::PictureId => "Uploaded".to_string(),
        _ => drafts.value(f).get(),
    };
    // The country is part of the phone number's row.
    let rows = Field::ALL.into_iter().filter(|f| *f != Field::PhoneCountry);

    view! {
        <ErrorSummary errors=errors/>
        <p class="caption">"Step 3 of 3"</p>
        <h1>"Check your profile"</h1>
        <section aria-label="Your answers">
        <dl class="summary-list">
            {rows.map(|f| {
                let locked = move || f == Field::BusinessName && drafts.complete.get();
                let href = change(f);
                let name = f.label();
                view! {
                    <div class="summary-list__row">
                        <dt class="summary-list__key">{name}</dt>
                        <dd class="summary-list__value">{move || shown(f)}</dd>
                        <dd class="summary-list__actions">
                            {move || (!locked()).then(|| view! {
                                <A href=href.clone()>"Change"<span class="visually-hidden">" " {name.to_lowercase()}</span></A>
                            })}
                        </dd>
                    </div>
                }
            }).collect_view()}
        </dl>
        </section>
        {move || if drafts.complete.get() {
            view! { <ContinueToFacebook/> }.into_any()
        } else {
            view! {
                <form novalidate on:submit=on_submit>
                    <div class="field" class:field--error=move || errors.with(|e| e.iter().any(|f| f.field == CONFIRM))>
                        <h2>"Your business name cannot be changed later"</h2>
                        <p>"WhatsApp shows it to every customer, and once your channel is set up it stays as it is."</p>
                        {move || errors.with(|e| e.iter().find(|f| f.field == CONFIRM).map(|f| f.message.clone())).map(|m| view! {
                            <p class="error-message" id="confirm_business_name-error"><span class="visually-hidden">"Error: "</span>{m}</p>
                        })}
                        <div class="checkbox">
                            <input type="checkbox" id=CONFIRM prop:checked=confirmed on:change:target=move |ev| confirmed.set(ev.target().checked())
                                aria-describedby=move || errors.with(|e| e.iter().any(|f| f.field == CONFIRM)).then_some("confirm_business_name-error")/>
                            <label for=CONFIRM>"I confirm my business name is “" {move || drafts.value(Field::BusinessName).get()} "” and understand it cannot be changed"</label>
                        </div>
                    </div>
                    <button type="submit" class="button" aria-disabled=move || confirm.pending().then_some("true")>
                        {move || if confirm.pending() { "Confirming…" } else { "Confirm profile" }}
                    </button>
                </form>
            }.into_any()
        }}
    }
}

/// "Continue to Facebook": enabled once the profile is confirmed, every change is
/// saved and the account meets every precondition (the gate at the top of the page says which not).
#[component]
fn ContinueToFacebook() -> impl IntoView {
    let drafts = use_drafts();
    let key = StoredValue::new(RetryKey::default());
    // Set once the page is on its way to Facebook, so the button stays busy.
    let left = RwSignal::new(false);
    let leave = use_form(
        move |_: &()| async move {
            crate::signup::leave_for_facebook(drafts.channel(), key)
                .await
                .map_err(|e| match e {
                    crate::signup::LeaveError::Api(e) => Problem::Api(e),
                    other => Problem::Fields(vec![FieldError::new("", other.to_string())]),
                })
        },
        move |()| left.set(true),
    );
    let saved = move || {
        drafts.status.get() != crate::drafts::SaveStatus::Saving && !drafts.has_unsaved_tracked()
    };
    let busy = move || leave.pending() || left.get();
    let blockers = super::facebook_blockers();
    let blocked = move || blockers.with(|b| !b.is_empty());
    view! {
        <Notice tone=Tone::Success>
            <h2>"Profile confirmed"</h2>
            <p>"Your business name is set. Next, connect WhatsApp through Facebook: you log in with your Facebook business account, confirm your business details and verify the phone number with a one-time code."</p>
        </Notice>
        {move || leave.message().map(|p| view! { <Notice tone=Tone::Error><p>{p}</p></Notice> })}
        {move || (!saved()).then(|| view! { <p class="hint">"Saving your latest changes first…"</p> })}
        {move || blocked().then(|| view! {
            <p class="hint" id="continue-blocked">"You can continue to Facebook once the account has everything listed at the top of this page."</p>
        })}
        <button
            type="button"
            class="button"
            aria-describedby=move || blocked().then_some("continue-blocked")
            disabled=move || !saved() || busy() || blocked()
            on:click=move |_| leave.submit(())
        >
            {move || if busy() { "Opening Facebook…" } else { "Continue to Facebook" }}
        </button>
        <p class="hint">"You will leave this site for Facebook and come back here when you finish."</p>
    }
}
