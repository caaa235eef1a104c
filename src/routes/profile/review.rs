//! Step 3: check every answer, with links back to change it (or to give a
//! required one not given yet), and confirm the business name, which cannot be
//! changed afterwards.

use super::{check_page, track_position, use_drafts};
use crate::api;
use crate::components::handoff_panel::ColleagueDone;
use crate::components::{ErrorSummary, Notice, Tone};
use crate::components::{FacebookButton, HandoffPanel};
use crate::form::{use_form, Problem};
use crate::i18n::{fill, split, text};
use crate::nav::Href;
use crate::page::use_title;
use domain::contract::ProfileCompletion;
use domain::endpoint;
use domain::error::FieldError;
use domain::field::{Field, ProfilePage};
use domain::idempotency::RetryKey;
use domain::journey::next_step;
use domain::navigation::Route;
use domain::profile::Category;
use leptos::prelude::*;
use leptos_router::components::A;

/// The id of the confirmation checkbox, for the error summary's link.
const CONFIRM: &str = "confirm_business_name";

/// Where an error's link goes on the review, which has no fields: the link of the
/// answer's row (Change, or "Enter …" for a required answer not given), whose id
/// is the field's name (the country's row is the phone number's).
fn change_link_of(field: &str) -> &str {
    if field == Field::PhoneCountry.name() {
        Field::PhoneNumber.name()
    } else {
        field
    }
}

/// The review page.
#[component]
pub fn ReviewPage() -> impl IntoView {
    let t = text();
    let p = &t.profile;
    let r = &t.review;
    let drafts = use_drafts();
    let confirmed = RwSignal::new(false);
    let check_key = StoredValue::new(RetryKey::default());
    let complete_key = StoredValue::new(RetryKey::default());
    track_position(ProfilePage::Review);

    let confirm = use_form(
        move |_: &()| async move {
            check_page(
                drafts,
                ProfilePage::Review,
                domain::draft::review_problems,
                check_key,
            )
            .await?;
            let body = ProfileCompletion {
                confirmed_business_name: drafts.snapshot().tidied().business_name,
            };
            let channel = drafts.channel();
            api::send(endpoint::COMPLETE_PROFILE, &[&channel], &body, complete_key)
                .await
                .map_err(Problem::from)
        },
        move |state| {
            if drafts.complete.get_untracked() != state.complete {
                drafts.complete.set(state.complete);
                // The form and its button gave way to the confirmation: it takes the focus.
                crate::page::focus_if_lost(Some(CONFIRMED_TITLE));
            }
        },
    );
    let errors = confirm.errors;
    // Whether the confirmation checkbox's error is on show.
    let unconfirmed = move || errors.with(|e| e.iter().any(|f| f.field == CONFIRM));
    use_title(|| r.review_title.into(), move || confirm.has_errors());
    // Without a business name there is nothing to confirm yet: Confirm lists what is missing.
    let named = move || !drafts.value(Field::BusinessName).get().trim().is_empty();
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if untrack(named) && !confirmed.get_untracked() {
            confirm.fail(vec![FieldError::new(CONFIRM, r.confirm_name_missing)]);
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
    // international format, the picture as whether there is one, and one left
    // empty as not given.
    let shown = move |f: Field| {
        t.answer(match f {
            Field::Category => Category::from_code(&drafts.value(f).get())
                .map(|c| t.category_label(c))
                .unwrap_or_default()
                .to_string(),
            Field::PhoneNumber => drafts
                .phone_international()
                .unwrap_or_else(|| drafts.value(f).get()),
            Field::PictureId if drafts.value(f).get().is_empty() => r.no_picture.to_string(),
            Field::PictureId => r.uploaded.to_string(),
            _ => drafts.value(f).get(),
        })
    };
    // Facebook's sign-up is behind the channel (finished in another tab, or in
    // this one before Back brought this page back): its next step, not Facebook.
    let signed_up = Memo::new(move |_| drafts.channel_state.get().signed_up());
    // The country is part of the phone number's row.
    let rows = Field::ALL.into_iter().filter(|f| *f != Field::PhoneCountry);

    view! {
        <ErrorSummary errors=errors target=change_link_of/>
        <p class="caption">{fill(p.step, &[("number", "3"), ("count", "3")])}</p>
        <h1>{r.review_title}</h1>
        <section aria-label=r.answers>
        <dl class="summary-list">
            {rows.map(|f| {
                let locked = move || f == Field::BusinessName && drafts.complete.get();
                // A required answer not given yet: the row's value is the link to
                // give it ("Enter business name"), and it has no Change link.
                let missing = move || f.is_required() && drafts.value(f).with(|v| v.trim().is_empty());
                let href = change(f);
                let name = t.field_label(f);
                let lower = domain::case::lower(name);
                let to_give = fill(if f == Field::Category { r.select_answer } else { r.enter_answer }, &[("field", &lower)]);
                let link = move |words: String, hidden: Option<String>| view! {
                    <A href=href.clone() attr:id=f.name()>{words}{hidden.map(|h| view! { <span class="visually-hidden">" " {h}</span> })}</A>
                };
                let change_link = link.clone();
                view! {
                    <div class="summary-list__row">
                        <dt class="summary-list__key">{name}</dt>
                        <dd class="summary-list__value">{move || if missing() { link(to_give.clone(), None).into_any() } else { shown(f).into_any() }}</dd>
                        <dd class="summary-list__actions">
                            {move || (!locked() && !missing()).then(|| change_link(t.common.change.to_string(), Some(lower.clone())))}
                        </dd>
                    </div>
                }
            }).collect_view()}
        </dl>
        </section>
        {move || if signed_up.get() {
            view! { <SignedUp/> }.into_any()
        } else if drafts.complete.get() {
            view! { <ContinueToFacebook/> }.into_any()
        } else {
            view! {
                <form novalidate on:submit=on_submit>
                    <div class="field" class:field--error=unconfirmed>
                        <h2>{r.name_final_title}</h2>
                        <p>{r.name_final_body}</p>
                        {move || errors.with(|e| e.iter().find(|f| f.field == CONFIRM).map(|f| f.message.clone())).map(|m| view! {
                            <p class="error-message" id="confirm_business_name-error"><span class="visually-hidden">{t.common.error_prefix}</span>{m}</p>
                        })}
                        {move || if named() { view! {
                            <div class="checkbox">
                                <input type="checkbox" id=CONFIRM prop:checked=confirmed on:change:target=move |ev| confirmed.set(ev.target().checked())
                                    aria-invalid=move || unconfirmed().then_some("true")
                                    aria-describedby=move || unconfirmed().then_some("confirm_business_name-error")/>
                                <label for=CONFIRM>{split(r.confirm_name, "name").0}{move || drafts.value(Field::BusinessName).get()}{split(r.confirm_name, "name").1}</label>
                            </div>
                        }.into_any() } else { view! {
                            <p class="hint">{r.name_not_given}</p>
                        }.into_any() }}
                    </div>
                    <button type="submit" class="button" aria-disabled=move || confirm.pending().then_some("true")>
                        {move || if confirm.pending() { r.confirming } else { r.confirm_profile }}
                    </button>
                </form>
            }.into_any()
        }}
    }
}

/// The id of the confirmation's heading ("Profile confirmed").
const CONFIRMED_TITLE: &str = "profile-confirmed";

/// "Continue to Facebook": enabled once the profile is confirmed, every change is
/// saved and the account meets every precondition (the gate at the top of the page says which not).
#[component]
fn ContinueToFacebook() -> impl IntoView {
    let r = &text().review;
    let drafts = use_drafts();
    let saved = move || {
        drafts.status.get() != crate::drafts::SaveStatus::Saving && !drafts.has_unsaved_tracked()
    };
    let blockers = super::facebook_blockers();
    let blocked = move || blockers.with(|b| !b.is_empty());
    // A colleague who finished the Facebook step (the panel below says so, and
    // offers the number) leaves nothing to continue to.
    let colleague_done = RwSignal::new(false);
    provide_context(ColleagueDone(colleague_done));
    view! {
        {move || (!colleague_done.get()).then(|| view! {
            <Notice tone=Tone::Success>
                <h2 id=CONFIRMED_TITLE>{r.confirmed_title}</h2>
                <p>{r.confirmed_body}</p>
            </Notice>
            {move || (!saved()).then(|| view! { <p class="hint">{r.saving_first}</p> })}
            {move || blocked().then(|| view! {
                <p class="hint" id="continue-blocked">{r.blocked}</p>
            })}
            <FacebookButton
                channel=Signal::derive(move || drafts.channel())
                disabled=Signal::derive(move || !saved() || blocked())
                described_by=Signal::derive(move || blocked().then_some("continue-blocked"))
            />
        })}
        <HandoffPanel channel=drafts.channel()/>
    }
}

/// Where a channel whose number Facebook registered goes on: choosing the number
/// for it, or, once linked, the channels page.
#[component]
fn SignedUp() -> impl IntoView {
    let t = text();
    let r = &t.review;
    let drafts = use_drafts();
    let channel = drafts.channel();
    move || match next_step(drafts.channel_state.get(), &channel) {
        Some(next) => view! {
            <Notice tone=Tone::Success>
                <h2>{r.signed_up_title}</h2>
                <p>{r.signed_up_body}</p>
            </Notice>
            <p><A href=next.href() attr:class="button">{r.signed_up_next}</A></p>
        }
        .into_any(),
        None => view! {
            <Notice tone=Tone::Success>
                <h2>{r.set_up_title}</h2>
                <p>{r.set_up_body}</p>
            </Notice>
            <p><A href=Route::Channels.href()>{t.common.go_to_channels}</A></p>
        }
        .into_any(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_error_links_to_its_answers_change_link_and_the_country_to_the_phone_numbers() {
        assert_eq!(change_link_of("business_name"), "business_name");
        assert_eq!(change_link_of("phone_country"), "phone_number");
        assert_eq!(change_link_of(CONFIRM), CONFIRM);
    }
}
