//! "Ask a colleague to do the Facebook step": the owner mails a single-use link
//! to whoever administers the company's Facebook business account, sees who it
//! waits for and until when, and can send it again (the old link stops working)
//! or cancel it. While it waits the page looks every few seconds (never while
//! the tab is hidden), so the owner sees at once when the colleague is done.

use crate::api;
use crate::components::{Notice, Tone};
use crate::form::{use_form, Problem};
use crate::format;
use crate::i18n::{fill, text};
use crate::nav::Href;
use crate::reactive::Loaded;
use domain::endpoint;
use domain::handoff::{Handoff, HandoffStatus};
use domain::idempotency::RetryKey;
use domain::navigation::Route;
use leptos::prelude::*;
use leptos_router::components::A;

/// How often a waiting hand-off is looked at again.
const POLL_MS: u32 = 5_000;

/// "{time} on {date}" for an instant.
pub fn when(at: i64) -> String {
    fill(
        text().review.handoff_when,
        &[
            ("time", &format::clock_time(at as f64)),
            ("date", &format::long_date(at as f64)),
        ],
    )
}

/// On the review page: set once the colleague finished the Facebook step, so the
/// page stops offering "Continue to Facebook" above the panel that says so.
#[cfg(feature = "review")]
#[derive(Clone, Copy)]
pub struct ColleagueDone(pub RwSignal<bool>);

/// The owner's side of the hand-off, for `channel`: on the review page the
/// whole panel; on a channel's card (`on_card`, the channel's name) only a
/// waiting hand-off, with "Send the link again" and "Cancel the request", and
/// what became of it. The form that asks a colleague ([`Ask`]) is only in builds
/// with the review page (`review`): a first-load build without it (the channels
/// page's) shows the panel on cards alone.
#[component]
pub fn HandoffPanel(
    channel: String,
    /// On the channels page: the channel's name (for the buttons' names).
    #[prop(optional)]
    on_card: Option<String>,
) -> impl IntoView {
    let t = &text().review;
    let current = RwSignal::new(None::<Handoff>);
    // What became of the hand-off (waiting for whom, sent again, cancelled): it takes
    // the focus when the button the user pressed gives way to it. One per card.
    let status = StoredValue::new(match &on_card {
        Some(_) => format!("handoff-status-{channel}"),
        None => "handoff-status".to_string(),
    });
    // The line under it that says when the link was sent (again).
    let sent_line = StoredValue::new(status.with_value(|id| format!("{id}-sent")));
    let loaded = Loaded::new({
        let channel = channel.clone();
        move || {
            let channel = channel.clone();
            async move { api::fetch(endpoint::HANDOFF, &[&channel]).await }
        }
    });
    // A failed look (and a backend before contract 1.3.0 says "nobody asked" with a
    // 404) leaves it as it was: nobody asked, as far as the page knows.
    crate::reactive::effect(move || {
        if let Some(Ok(h)) = loaded.get() {
            current.set(h);
        }
    });
    // While it waits, look again every few seconds (not while the tab is hidden).
    let shown = || document().visibility_state() == web_sys::VisibilityState::Visible;
    let visible = RwSignal::new(shown());
    crate::listen::listen(&document(), "visibilitychange", move |_: web_sys::Event| {
        visible.set(shown())
    });
    let timer = StoredValue::new_local(None::<gloo_timers::callback::Timeout>);
    crate::reactive::effect(move || {
        let waiting = current.with(|h| {
            h.as_ref()
                .is_some_and(|h| h.status == HandoffStatus::Waiting)
        });
        timer.set_value(
            (waiting && visible.get())
                .then(|| gloo_timers::callback::Timeout::new(POLL_MS, move || loaded.refetch())),
        );
    });
    on_cleanup(move || timer.set_value(None));
    #[cfg(feature = "review")]
    if let Some(ColleagueDone(done)) = use_context::<ColleagueDone>() {
        crate::reactive::effect(move || {
            let now = current.with(|h| h.as_ref().is_some_and(|h| h.status == HandoffStatus::Done));
            if now != done.get_untracked() {
                done.set(now);
            }
        });
    }

    #[cfg(feature = "review")]
    let ask = Ask::new(channel.clone(), current, status);
    let act_key = StoredValue::new(RetryKey::default());
    // Whether the last button pressed was "Send the link again", and whether the
    // waiting link is one sent again (the panel says so, as nothing else changes
    // within the same minute).
    let resending = StoredValue::new(false);
    let resent = RwSignal::new(false);
    let act = use_form(
        {
            let channel = channel.clone();
            move |resend: &bool| {
                resending.set_value(*resend);
                let (resend, channel) = (*resend, channel.clone());
                async move {
                    let r = if resend {
                        api::send(endpoint::RESEND_HANDOFF, &[&channel], &(), act_key).await
                    } else {
                        api::send(endpoint::CANCEL_HANDOFF, &[&channel], &(), act_key).await
                    };
                    r.map_err(Problem::from)
                }
            }
        },
        move |h: Handoff| {
            let again = resending.get_value();
            resent.set(again);
            current.set(Some(h));
            act_key.set_value(RetryKey::default());
            if again {
                // Drawn in place, under the button that stays: the new line takes the focus.
                sent_line.with_value(|id| crate::page::focus_on(id));
            } else {
                status.with_value(|id| crate::page::focus_if_lost(Some(id)));
            }
        },
    );
    let confirm = Route::Confirm(&channel).href();
    // On a card, each button also says which channel it is for.
    let for_channel = StoredValue::new(
        on_card
            .as_ref()
            .map(|name| fill(text().channels.for_channel, &[("name", name)])),
    );
    let suffix = move || {
        for_channel
            .get_value()
            .map(|f| view! { <span class="visually-hidden">{f}</span> })
    };
    let card = on_card.is_some();

    view! {
        <section class="handoff" aria-labelledby=(!card).then_some("handoff-title")>
            {(!card).then(|| view! { <h2 id="handoff-title">{t.handoff_title}</h2> })}
            {move || act.message().map(|m| view! { <Notice tone=Tone::Error><p>{m}</p></Notice> })}
            {move || match current.get() {
                Some(h) if h.status == HandoffStatus::Waiting => view! {
                    <Notice tone=Tone::Info>
                        <p id=status.get_value()><strong>{fill(t.handoff_waiting, &[("email", &h.email)])}</strong></p>
                        <p id=sent_line.get_value()>
                            {fill(if resent.get() { t.handoff_resent } else { t.handoff_sent },
                                &[("sent", &when(h.sent_at)), ("expires", &when(h.expires_at))])}
                        </p>
                        <div class="actions">
                            <button type="button" class="button secondary"
                                aria-disabled=move || act.pending().then_some("true")
                                on:click=move |_| act.submit(true)>{t.handoff_resend}{suffix()}</button>
                            <button type="button" class="button secondary"
                                aria-disabled=move || act.pending().then_some("true")
                                on:click=move |_| act.submit(false)>{t.handoff_cancel}{suffix()}</button>
                        </div>
                    </Notice>
                }.into_any(),
                Some(h) if h.status == HandoffStatus::Done => {
                    let href = confirm.clone();
                    view! {
                        <Notice tone=Tone::Success>
                            <p><strong>{fill(t.handoff_done, &[("email", &h.email)])}</strong></p>
                            <p><A href=href attr:class="button">{text().facebook.choose_title}{suffix()}</A></p>
                        </Notice>
                    }.into_any()
                }
                other => {
                    let before = other.map(|h| match h.status {
                        HandoffStatus::Cancelled => fill(t.handoff_cancelled, &[("email", &h.email)]),
                        _ => fill(t.handoff_expired, &[("email", &h.email)]),
                    });
                    #[cfg(feature = "review")]
                    if !card {
                        // Not before the panel knows whether a hand-off is already waiting:
                        // offering to ask a colleague then could ask a second one. Once
                        // the look has failed (a 404 from a backend before contract 1.3.0
                        // among them), the way to ask shows.
                        if before.is_none() && loaded.with(|l| l.is_none()) {
                            return view! { <p class="loading" role="status">{text().common.loading}</p> }.into_any();
                        }
                        return ask.view(before, status.get_value());
                    }
                    before.map(|b| view! { <p id=status.get_value()>{b}</p> }).into_any()
                }
            }}
        </section>
    }
}

/// "Ask a colleague": the form that mails the link, kept by the panel so that what
/// was typed stays while the panel looks at the hand-off again.
#[cfg(feature = "handoff-ask")]
#[derive(Clone, Copy)]
struct Ask {
    open: RwSignal<bool>,
    /// Whether the button that opens the form is to get the focus when it is drawn:
    /// the user opened the form on the review's first-load build, which handed the
    /// page over to this one (its button is gone, and the focus with it).
    refocus: StoredValue<bool>,
    email: RwSignal<String>,
    message: RwSignal<String>,
    send: crate::form::Form<domain::handoff::HandoffRequest, Handoff>,
}

#[cfg(feature = "handoff-ask")]
impl Ask {
    fn new(
        channel: String,
        current: RwSignal<Option<Handoff>>,
        status: StoredValue<String>,
    ) -> Self {
        let asked = crate::host::take_carried_ask(&channel);
        let open = RwSignal::new(asked);
        let refocus = StoredValue::new(asked);
        let email = RwSignal::new(String::new());
        let message = RwSignal::new(String::new());
        let send_key = StoredValue::new(RetryKey::default());
        let send = use_form(
            move |req: &domain::handoff::HandoffRequest| {
                let (req, channel) = (req.clone(), channel.clone());
                async move {
                    api::send(endpoint::SEND_HANDOFF, &[&channel], &req, send_key)
                        .await
                        .map_err(Problem::from)
                }
            },
            move |h: Handoff| {
                current.set(Some(h));
                open.set(false);
                email.set(String::new());
                message.set(String::new());
                send_key.set_value(RetryKey::default());
                // The form gave way to who the link waits for.
                status.with_value(|id| crate::page::focus_if_lost(Some(id)));
            },
        );
        Ask {
            open,
            refocus,
            email,
            message,
            send,
        }
    }

    /// What became of the last hand-off (`before`), if anything, then the way to ask.
    fn view(self, before: Option<String>, status: String) -> AnyView {
        use crate::components::{error_for, ErrorSummary, TextField};
        use domain::handoff::{HandoffRequest, MESSAGE_MAX};
        let t = &text().review;
        let Ask {
            open,
            refocus,
            email,
            message,
            send,
        } = self;
        if refocus.get_value() {
            refocus.set_value(false);
            request_animation_frame(|| focus_by_id(ASK_BUTTON));
        }
        let errors = send.errors;
        let on_submit = move |ev: leptos::ev::SubmitEvent| {
            ev.prevent_default();
            let req = HandoffRequest {
                email: email.get_untracked(),
                message: Some(message.get_untracked()).filter(|m| !m.trim().is_empty()),
            };
            let problems = req.problems();
            if problems.is_empty() {
                send.clear();
                send.submit(req);
            } else {
                send.fail(text().field_errors(problems));
            }
        };
        view! {
            {before.map(|b| view! { <p id=status>{b}</p> })}
            <p>{t.handoff_intro}</p>
            <button id=ASK_BUTTON type="button" class="button secondary"
                aria-expanded=move || open.get().to_string()
                aria-controls="handoff-form"
                on:click=move |_| open.update(|o| *o = !*o)>
                {t.handoff_open}
            </button>
            <Show when=move || open.get()>
                <form id="handoff-form" novalidate on:submit=on_submit>
                    <ErrorSummary errors=errors/>
                    <TextField id=HandoffRequest::EMAIL label=t.handoff_email kind="email"
                        autocomplete="off" value=email error=error_for(errors, HandoffRequest::EMAIL)/>
                    <TextField id=HandoffRequest::MESSAGE label=t.handoff_message rows=3
                        limit=MESSAGE_MAX value=message error=error_for(errors, HandoffRequest::MESSAGE)/>
                    {move || send.message().map(|m| view! { <Notice tone=Tone::Error><p>{m}</p></Notice> })}
                    <button type="submit" class="button" aria-disabled=move || send.pending().then_some("true")>
                        {move || if send.pending() { t.handoff_sending } else { t.handoff_send }}
                    </button>
                </form>
            </Show>
        }
        .into_any()
    }
}

/// The button that opens the form that asks a colleague.
#[cfg(feature = "review")]
const ASK_BUTTON: &str = "handoff-open";

#[cfg(feature = "handoff-ask")]
fn focus_by_id(id: &str) {
    use wasm_bindgen::JsCast;
    if let Some(e) = crate::host::by_id(id).and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok())
    {
        let _ = e.focus();
    }
}

/// "Ask a colleague" on the review's first-load build, which does not have the form
/// (9 KB brotli, and that build's first load is within its budget only without it):
/// the button hands the page over to the full app, which opens the form
/// ([`crate::host::Carried::ask_colleague`]), with a loading state meanwhile and a
/// way to try again if the full app could not be loaded.
#[cfg(all(feature = "review", not(feature = "handoff-ask")))]
#[derive(Clone, Copy)]
struct Ask {
    asked: RwSignal<bool>,
    failed: RwSignal<bool>,
    hand_over: Callback<()>,
}

#[cfg(all(feature = "review", not(feature = "handoff-ask")))]
impl Ask {
    fn new(
        channel: String,
        _current: RwSignal<Option<Handoff>>,
        _status: StoredValue<String>,
    ) -> Self {
        let failed = RwSignal::new(false);
        Ask {
            asked: RwSignal::new(false),
            failed,
            hand_over: crate::routes::hand_over::hand_over_on_call(Some(channel), failed),
        }
    }

    fn view(self, before: Option<String>, status: String) -> AnyView {
        let t = &text().review;
        let Ask {
            asked,
            failed,
            hand_over,
        } = self;
        view! {
            {before.map(|b| view! { <p id=status>{b}</p> })}
            <p>{t.handoff_intro}</p>
            <button id=ASK_BUTTON type="button" class="button secondary" aria-expanded="false"
                aria-disabled=move || (asked.get() && !failed.get()).then_some("true")
                on:click=move |_| {
                    if !asked.get_untracked() {
                        asked.set(true);
                        hand_over.run(());
                    }
                }>
                {t.handoff_open}
            </button>
            {move || asked.get().then(|| crate::routes::hand_over::progress(failed, hand_over, t.handoff_not_loaded))}
        }
        .into_any()
    }
}
