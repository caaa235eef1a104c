//! Step 3: check every answer, with links back to change it, and confirm the
//! business name, which cannot be changed afterwards.

use super::{check_page, track_position, use_drafts};
use crate::api;
use crate::components::{ErrorSummary, Notice, Tone};
use crate::form::{use_form, Problem};
use crate::i18n::{fill, split, text};
use crate::nav::{use_go, Href};
use crate::page::use_title;
use domain::contract::ProfileCompletion;
use domain::embed::FacebookMode;
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
    let t = text();
    let p = &t.profile;
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
        move |state| {
            if drafts.complete.get_untracked() != state.complete {
                drafts.complete.set(state.complete)
            }
        },
    );
    let errors = confirm.errors;
    use_title(|| p.review_title.into(), move || confirm.has_errors());
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if !confirmed.get_untracked() {
            confirm.fail(vec![FieldError::new(CONFIRM, p.confirm_name_missing)]);
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
            .map(|c| t.category_label(c))
            .unwrap_or_default()
            .to_string(),
        Field::PhoneNumber => drafts.phone_e164().unwrap_or_else(|| drafts.value(f).get()),
        Field::PictureId if drafts.value(f).get().is_empty() => p.no_picture.to_string(),
        Field::PictureId => p.uploaded.to_string(),
        _ => drafts.value(f).get(),
    };
    // The country is part of the phone number's row.
    let rows = Field::ALL.into_iter().filter(|f| *f != Field::PhoneCountry);

    view! {
        <ErrorSummary errors=errors/>
        <p class="caption">{fill(p.step, &[("number", "3"), ("count", "3")])}</p>
        <h1>{p.review_title}</h1>
        <section aria-label=p.answers>
        <dl class="summary-list">
            {rows.map(|f| {
                let locked = move || f == Field::BusinessName && drafts.complete.get();
                let href = change(f);
                let name = t.field_label(f);
                view! {
                    <div class="summary-list__row">
                        <dt class="summary-list__key">{name}</dt>
                        <dd class="summary-list__value">{move || shown(f)}</dd>
                        <dd class="summary-list__actions">
                            {move || (!locked()).then(|| view! {
                                <A href=href.clone()>{t.common.change}<span class="visually-hidden">" " {name.to_lowercase()}</span></A>
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
                        <h2>{p.name_final_title}</h2>
                        <p>{p.name_final_body}</p>
                        {move || errors.with(|e| e.iter().find(|f| f.field == CONFIRM).map(|f| f.message.clone())).map(|m| view! {
                            <p class="error-message" id="confirm_business_name-error"><span class="visually-hidden">{t.common.error_prefix}</span>{m}</p>
                        })}
                        <div class="checkbox">
                            <input type="checkbox" id=CONFIRM prop:checked=confirmed on:change:target=move |ev| confirmed.set(ev.target().checked())
                                aria-describedby=move || errors.with(|e| e.iter().any(|f| f.field == CONFIRM)).then_some("confirm_business_name-error")/>
                            <label for=CONFIRM>{split(p.confirm_name, "name").0}{move || drafts.value(Field::BusinessName).get()}{split(p.confirm_name, "name").1}</label>
                        </div>
                    </div>
                    <button type="submit" class="button" aria-disabled=move || confirm.pending().then_some("true")>
                        {move || if confirm.pending() { p.confirming } else { p.confirm_profile }}
                    </button>
                </form>
            }.into_any()
        }}
    }
}

/// Where the Facebook window stands, in popup mode.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Window {
    /// None open.
    None,
    /// Open: the sign-up goes on there.
    Open,
    /// The browser refused to open it.
    Blocked,
}

/// "Continue to Facebook": enabled once the profile is confirmed, every change is
/// saved and the account meets every precondition (the gate at the top of the page says which not).
///
/// Redirect mode sends the whole page to the dialog. Popup mode opens the
/// dialog in a window of its own, inside the click (so the browser allows it),
/// and listens for its result ([`crate::popup`]); a blocked window offers the
/// redirect instead.
#[component]
fn ContinueToFacebook() -> impl IntoView {
    let p = &text().profile;
    let drafts = use_drafts();
    let key = StoredValue::new(RetryKey::default());
    let popup_mode = crate::host::settings().facebook == FacebookMode::Popup;
    // The window outlives this component (`crate::popup` keeps it): drawn
    // again, the page still knows it is open.
    let window_state = RwSignal::new(if crate::popup::current_open().is_some() {
        Window::Open
    } else {
        Window::None
    });
    // Set once the page is on its way to Facebook, so the button stays busy.
    let left = RwSignal::new(false);
    let go = use_go();
    let leave = use_form(
        move |in_popup: &bool| {
            let in_popup = *in_popup;
            async move {
                let result = if in_popup {
                    crate::signup::start(drafts.channel(), key, true)
                        .await
                        .map(Some)
                } else {
                    crate::signup::leave_for_facebook(drafts.channel(), key)
                        .await
                        .map(|()| None)
                };
                result.map_err(|e| {
                    // The empty window opened for the dialog has nothing to show.
                    if let Some(w) = crate::popup::current_open() {
                        let _ = w.close();
                    }
                    crate::popup::forget();
                    window_state.try_set(Window::None);
                    match e {
                        crate::signup::LeaveError::Api(e) => Problem::Api(e),
                        other => Problem::Fields(vec![FieldError::new("", other.to_string())]),
                    }
                })
            }
        },
        move |started: Option<crate::signup::Started>| {
            let Some(started) = started else {
                left.set(true);
                return;
            };
            let go = go.clone();
            let watching = crate::popup::watch(
                &started.url,
                started.dialog_origin,
                &started.state,
                move |params| {
                    // Wherever the user is in the app by then, the result is shown.
                    window_state.try_set(Window::None);
                    go.address(
                        &crate::host::href(&domain::popup::callback_path(&params)),
                        false,
                    );
                },
            );
            if !watching {
                window_state.set(Window::None);
            }
        },
    );
    let open_popup = move || {
        if let Some(w) = crate::popup::current_open() {
            // A second click shows the window already open: never a second one.
            let _ = w.focus();
            return;
        }
        match crate::popup::open_blank(p.opening_facebook) {
            Some(_) => {
                window_state.set(Window::Open);
                leave.submit(true);
            }
            None => window_state.set(Window::Blocked),
        }
    };
    let saved = move || {
        drafts.status.get() != crate::drafts::SaveStatus::Saving && !drafts.has_unsaved_tracked()
    };
    let busy = move || leave.pending() || left.get();
    let blockers = super::facebook_blockers();
    let blocked = move || blockers.with(|b| !b.is_empty());
    let window_open = move || window_state.get() == Window::Open;
    view! {
        <Notice tone=Tone::Success>
            <h2>{p.confirmed_title}</h2>
            <p>{p.confirmed_body}</p>
        </Notice>
        {move || leave.message().map(|p| view! { <Notice tone=Tone::Error><p>{p}</p></Notice> })}
        {move || (window_state.get() == Window::Blocked).then(|| view! {
            <Notice tone=Tone::Error>
                <h2>{p.popup_blocked_title}</h2>
                <p>{p.popup_blocked_body}</p>
                <button type="button" class="button secondary"
                    disabled=busy
                    on:click=move |_| {
                        window_state.set(Window::None);
                        leave.submit(false);
                    }>
                    {p.continue_in_this_tab}
                </button>
            </Notice>
        })}
        {move || (!saved()).then(|| view! { <p class="hint">{p.saving_first}</p> })}
        {move || blocked().then(|| view! {
            <p class="hint" id="continue-blocked">{p.blocked}</p>
        })}
        {move || window_open().then(|| view! { <p role="status">{p.popup_open}</p> })}
        <button
            type="button"
            class="button"
            aria-describedby=move || blocked().then_some("continue-blocked")
            disabled=move || !saved() || (busy() && !window_open()) || blocked()
            on:click=move |_| if popup_mode { open_popup() } else { leave.submit(false) }
        >
            {move || if window_open() && !leave.pending() {
                p.show_facebook_window
            } else if busy() || leave.pending() {
                p.opening_facebook
            } else {
                p.continue_to_facebook
            }}
        </button>
        <p class="hint">{if popup_mode { p.leaving_popup } else { p.leaving }}</p>
    }
}
