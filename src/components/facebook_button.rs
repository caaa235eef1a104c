//! "Continue to Facebook", for the owner on the review page and for a colleague
//! on a hand-off page: the redirect, or the popup (`crate::popup`) with its
//! blocked-window fallback, as the `facebook` setting says.

use crate::api::ApiError;
use crate::components::{Notice, Tone};
use crate::form::{use_form, Problem};
use crate::i18n::text;
use crate::nav::{use_go, Href};
use domain::embed::FacebookMode;
use domain::error::FieldError;
use domain::idempotency::RetryKey;
use domain::navigation::Route;
use leptos::prelude::*;
use leptos_router::components::A;

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

/// The button, its waiting and blocked states, and the line that says where
/// Facebook opens.
///
/// Redirect mode sends the whole page to the dialog. Popup mode opens the
/// dialog in a window of its own, inside the click (so the browser allows it),
/// and listens for its result; a blocked window offers the redirect instead.
#[component]
pub fn FacebookButton(
    /// The channel whose sign-up it starts.
    channel: Signal<String>,
    /// Whether it cannot be used now.
    disabled: Signal<bool>,
    /// The id of the hint that says why, if any.
    #[prop(optional, into)]
    described_by: Option<Signal<Option<&'static str>>>,
    /// A colleague's sign-up, from a hand-off link.
    #[prop(optional)]
    for_colleague: bool,
) -> impl IntoView {
    let p = &text().review;
    let key = StoredValue::new(RetryKey::default());
    let unanswered: crate::signup::Unanswered = StoredValue::new(None);
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
    // Back from the dialog, the browser may show this page as it was left, from
    // its back/forward cache: it is no longer on its way, so the button is free.
    crate::listen::listen(
        &window(),
        "pageshow",
        move |ev: web_sys::PageTransitionEvent| {
            if ev.persisted() {
                left.set(false);
            }
        },
    );
    // The backend refused because the channel moved on meanwhile (its number was
    // registered in another tab, or in this one before Back brought the user here):
    // the channels page says where it stands and offers its next step.
    let clashed = RwSignal::new(false);
    let go = use_go();
    let leave = use_form(
        move |in_popup: &bool| {
            let in_popup = *in_popup;
            let channel = channel.get_untracked();
            async move {
                let result = if in_popup {
                    crate::signup::start(channel, key, unanswered, true, for_colleague)
                        .await
                        .map(Some)
                } else {
                    crate::signup::leave_for_facebook(channel, key, unanswered, for_colleague)
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
                    clashed.try_set(
                        !for_colleague
                            && matches!(e, crate::signup::LeaveError::Api(ApiError::Conflict(_))),
                    );
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
                    window_state.try_set(Window::None);
                    crate::popup::show_result(&go, &params);
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
    let busy = move || leave.pending() || left.get();
    let window_open = move || window_state.get() == Window::Open;
    view! {
        {move || leave.message().map(|p| view! {
            <Notice tone=Tone::Error>
                <p>{p}</p>
                {clashed.get().then(|| view! {
                    <p><A href=Route::Channels.href()>{text().common.go_to_channels}</A></p>
                })}
            </Notice>
        })}
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
        {move || window_open().then(|| view! { <p role="status">{p.popup_open}</p> })}
        <button
            type="button"
            class="button"
            aria-describedby=move || described_by.and_then(|d| d.get())
            disabled=move || disabled.get() || (busy() && !window_open())
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
