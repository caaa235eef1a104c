//! `/facebook/callback`: where Facebook's Embedded Signup sends the user back.
//!
//! The state is checked against this tab's record before anything else; a
//! missing, wrong or already-used state never reaches the backend. The code is
//! exchanged once: the outcome is kept, so a refresh or Back shows it again.

use crate::api::{self, ApiError};
use crate::components::{Notice, Tone};
use crate::nav::Href;
use crate::page::use_title;
use crate::signup::{keep, pending};
use domain::endpoint;
use domain::field::{Field, ProfilePage};
use domain::idempotency::RetryKey;
use domain::navigation::Route;
use domain::signup::{
    judge, CallbackOutcome, CallbackParams, CodeExchange, DialogFailure, PendingSignup, Refusal,
    SignupOutcome, Verdict,
};
use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_query_map;

/// What the page shows.
#[derive(Debug, Clone, PartialEq)]
enum Screen {
    Working,
    Refused(Refusal),
    Done(CallbackOutcome, String),
    /// The exchange could not be made (network); it can be tried again.
    Retry(ApiError),
}

/// The callback page.
#[component]
pub fn FacebookCallback() -> impl IntoView {
    let query = use_query_map();
    let params = query.with_untracked(|q| CallbackParams {
        code: q.get("code"),
        state: q.get("state"),
        error: q.get("error"),
        error_reason: q.get("error_reason"),
        error_description: q.get("error_description"),
        error_id: q.get("error_id").or_else(|| q.get("error_code")),
    });
    let record = pending();
    let screen = RwSignal::new(Screen::Working);
    let key = StoredValue::new(RetryKey::default());

    let settle = move |mut p: PendingSignup, outcome: CallbackOutcome| {
        p.used = true;
        p.outcome = Some(outcome.clone());
        keep(&p);
        // The code has done its job: take it out of the address bar, keep the state so a refresh shows the outcome.
        let clean = Route::FacebookCallback { state: &p.state }.href();
        if let Ok(h) = window().history() {
            let _ = h.replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(&clean));
        }
        screen.set(Screen::Done(outcome, p.channel_id));
    };
    let exchange = Action::new_local(move |(p, code): &(PendingSignup, String)| {
        let (p, code) = (p.clone(), code.clone());
        async move {
            let body = CodeExchange {
                code,
                state: p.state.clone(),
            };
            let r: Result<SignupOutcome, ApiError> =
                api::send(endpoint::EXCHANGE_CODE, &[&p.attempt_id], &body, key).await;
            (p, r)
        }
    });
    Effect::new(move |_| {
        if let Some((p, result)) = exchange.value().get() {
            match result {
                Ok(outcome) => settle(p, CallbackOutcome::Registered(outcome)),
                Err(e) if e.handled_elsewhere() => {}
                Err(e @ (ApiError::Network | ApiError::Timeout | ApiError::Server { .. })) => {
                    screen.set(Screen::Retry(e))
                }
                Err(e) => settle(
                    p,
                    CallbackOutcome::ExchangeRefused {
                        message: e.to_string(),
                    },
                ),
            }
        }
    });
    let begin = Callback::new({
        let record = record.clone();
        move |()| match judge(record.as_ref(), &params) {
            Verdict::Refuse(r) => screen.set(Screen::Refused(r)),
            Verdict::Show(o) => screen.set(Screen::Done(
                o,
                record
                    .as_ref()
                    .map(|p| p.channel_id.clone())
                    .unwrap_or_default(),
            )),
            Verdict::Settle(o) => {
                if let Some(p) = record.clone() {
                    settle(p, o)
                }
            }
            Verdict::Exchange { code } => {
                if let Some(p) = record.clone() {
                    screen.set(Screen::Working);
                    exchange.dispatch((p, code));
                }
            }
        }
    });
    begin.run(());
    let retry = move |()| begin.run(());

    use_title(
        move || match screen.get() {
            Screen::Working => "Finishing your WhatsApp sign-up".into(),
            Screen::Refused(_) => "This sign-up link cannot be used".into(),
            Screen::Retry(_) => "We could not finish your sign-up".into(),
            Screen::Done(o, _) => heading(&o).into(),
        },
        || false,
    );

    view! {
        <div class="narrow">
            {move || match screen.get() {
                Screen::Working => view! {
                    <h1>"Finishing your WhatsApp sign-up"</h1>
                    <p class="loading" role="status">"Checking what Facebook sent back…"</p>
                }.into_any(),
                Screen::Refused(r) => view! { <RefusedView r/> }.into_any(),
                Screen::Retry(e) => view! {
                    <h1>"We could not finish your sign-up"</h1>
                    <Notice tone=Tone::Error retry=Callback::new(retry)><p>{e.to_string()}</p></Notice>
                }.into_any(),
                Screen::Done(o, channel) => view! { <OutcomeView o channel/> }.into_any(),
            }}
        </div>
    }
}

fn heading(o: &CallbackOutcome) -> &'static str {
    match o {
        CallbackOutcome::Registered(_) => "Your number is registered",
        CallbackOutcome::Cancelled => "You cancelled the Facebook sign-up",
        CallbackOutcome::Failed(DialogFailure::NumberAlreadyRegistered) => {
            "This number is already on WhatsApp"
        }
        CallbackOutcome::Failed(DialogFailure::CodeNotReceived) => "The code did not arrive",
        CallbackOutcome::Failed(DialogFailure::Other { .. }) => {
            "Facebook could not finish the sign-up"
        }
        CallbackOutcome::ExchangeRefused { .. } => "Start the Facebook sign-up again",
    }
}

#[component]
fn RefusedView(r: Refusal) -> impl IntoView {
    let why = match r {
        Refusal::MissingState => "The address is incomplete: it does not say which sign-up it belongs to.",
        Refusal::NothingPending => "It does not belong to a sign-up started in this browser tab, or it was already used.",
        Refusal::WrongState => "It does not match the sign-up started in this browser tab, so it may have been changed. Nothing was done with it.",
    };
    view! {
        <h1>"This sign-up link cannot be used"</h1>
        <Notice tone=Tone::Error><p>{why}</p></Notice>
        <p>"Your profile and answers are safe. To connect WhatsApp, go to your channel and select Continue to Facebook again."</p>
        <p><A href=Route::Channels.href()>"Go to your WhatsApp channels"</A></p>
    }
}

#[component]
fn OutcomeView(o: CallbackOutcome, channel: String) -> impl IntoView {
    let title = heading(&o);
    let review = Route::ProfileStep {
        channel: &channel,
        page: ProfilePage::Review,
        focus: None,
    }
    .href();
    let again = move || view! { <p><A href=review.clone() attr:class="button">"Try again"</A></p> };
    let kept = "Your business profile is saved as it was.";
    match o {
        CallbackOutcome::Registered(outcome) => {
            let next = Route::Confirm(&outcome.channel_id).href();
            view! {
                <h1>{title}</h1>
                <Notice tone=Tone::Success>
                    <p>"Facebook registered " <strong>{outcome.number.e164.clone()}</strong> " for " {outcome.number.business_name.clone()} " with WhatsApp Business."</p>
                </Notice>
                <p>"Next, choose this number and the channel it belongs to, and check the details."</p>
                <p><A href=next attr:class="button">"Choose the number and channel"</A></p>
            }
            .into_any()
        }
        CallbackOutcome::Cancelled => view! {
            <h1>{title}</h1>
            <p>"Nothing was registered. " {kept} " You can go back to Facebook whenever you are ready."</p>
            {again()}
        }
        .into_any(),
        CallbackOutcome::Failed(DialogFailure::NumberAlreadyRegistered) => {
            let change = Route::ProfileStep {
                channel: &channel,
                page: ProfilePage::Account,
                focus: Some(Field::PhoneNumber),
            }
            .href();
            view! {
                <h1>{title}</h1>
                <Notice tone=Tone::Error>
                    <p>"WhatsApp says this phone number is already registered with WhatsApp or WhatsApp Business, so it cannot be used for a new channel."</p>
                </Notice>
                <p>"Use a number that has never been used with WhatsApp, or delete the WhatsApp account on this number first. " {kept}</p>
                <p><A href=change attr:class="button">"Change the phone number"</A></p>
                {again()}
            }
            .into_any()
        }
        CallbackOutcome::Failed(DialogFailure::CodeNotReceived) => view! {
            <h1>{title}</h1>
            <p>"WhatsApp could not deliver the one-time code. Try again and choose Voice call instead of Text message (SMS), or the other way round. Check the number can receive texts and calls and is switched on. " {kept}</p>
            {again()}
        }
        .into_any(),
        CallbackOutcome::Failed(DialogFailure::Other { error_id, description }) => view! {
            <h1>{title}</h1>
            <Notice tone=Tone::Error>
                <p>{description.unwrap_or_else(|| "Something went wrong at Facebook.".into())}</p>
                {error_id.map(|id| view! { <p>"If it happens again, contact support and quote error ID " <strong>{id}</strong> "."</p> })}
            </Notice>
            <p>{kept}</p>
            {again()}
        }
        .into_any(),
        CallbackOutcome::ExchangeRefused { message } => view! {
            <h1>{title}</h1>
            <Notice tone=Tone::Error><p>{message}</p></Notice>
            <p>{kept}</p>
            {again()}
        }
        .into_any(),
    }
}
