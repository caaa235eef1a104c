//! `/facebook/callback`: where Facebook's Embedded Signup sends the user back.
//!
//! The state is checked against this tab's record before anything else; a
//! missing, wrong or already-used state never reaches the backend. The code is
//! exchanged once: the outcome is kept, so a refresh or Back shows it again.

use crate::api::{self, ApiError};
use crate::components::{Notice, Tone};
use crate::form::{use_form, Problem};
use crate::i18n::{fill, split, text};
use crate::nav::Href;
use crate::page::use_title;
use crate::signup::{keep, pending};
use domain::endpoint;
use domain::field::{Field, ProfilePage};
use domain::idempotency::RetryKey;
use domain::navigation::Route;
use domain::popup::{stage_of, Stage};
use domain::signup::{
    judge, CallbackOutcome, CallbackParams, CodeExchange, DialogFailure, PendingSignup, Refusal,
    SignupIds, SignupOutcome, Verdict,
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
        // Popup mode's own: where the user left the dialog, and the ids it posted.
        current_step: q.get("current_step"),
        session_info: q.get("phone_number_id").zip(q.get("waba_id")).map(
            |(phone_number_id, waba_id)| SignupIds {
                phone_number_id,
                waba_id,
            },
        ),
    });
    let session_info = params.session_info.clone();
    let record = pending();
    // A colleague's sign-up (from a hand-off link): the owner takes it from here.
    let for_colleague = record.as_ref().is_some_and(|p| p.for_colleague);
    let screen = RwSignal::new(Screen::Working);
    let key = StoredValue::new(RetryKey::default());

    let settle = move |mut p: PendingSignup, outcome: CallbackOutcome| {
        p.used = true;
        // The verifier has done its job: it leaves the browser's storage.
        p.verifier.clear();
        p.outcome = Some(outcome.clone());
        keep(&p);
        // The code has done its job: take it out of the address bar, keep the state so a refresh shows the outcome.
        let clean = Route::FacebookCallback { state: &p.state }.href();
        if let Ok(h) = window().history() {
            let _ = h.replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(&clean));
        }
        screen.set(Screen::Done(outcome, p.channel_id));
    };
    // A form without fields: the code goes to the backend once, and every answer,
    // a refusal too, is the page's to show.
    let exchange = use_form(
        move |(p, code): &(PendingSignup, String)| {
            let (p, code) = (p.clone(), code.clone());
            let session_info = session_info.clone();
            async move {
                let body = CodeExchange {
                    code,
                    state: p.state.clone(),
                    code_verifier: p.verifier.clone(),
                    redirect_uri: p.redirect_uri.clone(),
                    session_info,
                };
                let r: Result<SignupOutcome, ApiError> =
                    api::send(endpoint::EXCHANGE_CODE, &[&p.attempt_id], &body, key).await;
                Ok::<_, Problem>((p, r))
            }
        },
        move |(p, result)| match result {
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
        },
    );
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
                    exchange.submit((p, code));
                }
            }
        }
    });
    begin.run(());
    let retry = move |()| begin.run(());

    let t = &text().facebook;
    use_title(
        move || match screen.get() {
            Screen::Working => t.working_title.into(),
            Screen::Refused(_) => t.refused_title.into(),
            Screen::Retry(_) => t.retry_title.into(),
            Screen::Done(o, _) => heading(&o).into(),
        },
        || false,
    );

    view! {
        <div class="narrow">
            {move || match screen.get() {
                Screen::Working => view! {
                    <h1>{t.working_title}</h1>
                    <p class="loading" role="status">{t.working}</p>
                }.into_any(),
                Screen::Refused(r) => view! { <RefusedView r/> }.into_any(),
                Screen::Retry(e) => view! {
                    <h1>{t.retry_title}</h1>
                    <Notice tone=Tone::Error retry=Callback::new(retry)><p>{e.to_string()}</p></Notice>
                }.into_any(),
                Screen::Done(o, channel) => view! { <OutcomeView o channel for_colleague/> }.into_any(),
            }}
        </div>
    }
}

fn heading(o: &CallbackOutcome) -> &'static str {
    let t = &text().facebook;
    match o {
        CallbackOutcome::Registered(_) => t.registered_title,
        CallbackOutcome::Cancelled => t.cancelled_title,
        CallbackOutcome::Abandoned { .. } => t.abandoned_title,
        CallbackOutcome::Failed(DialogFailure::NumberAlreadyRegistered) => t.already_title,
        CallbackOutcome::Failed(DialogFailure::CodeNotReceived) => t.no_code_title,
        CallbackOutcome::Failed(DialogFailure::NoResult | DialogFailure::Other { .. }) => {
            t.failed_title
        }
        CallbackOutcome::ExchangeRefused { .. } => t.exchange_refused_title,
    }
}

/// Where the user left the dialog, in their words.
fn stage_words(stage: Stage) -> &'static str {
    let t = &text().facebook;
    match stage {
        Stage::Login => t.stage_login,
        Stage::Permissions => t.stage_permissions,
        Stage::BusinessName => t.stage_business_name,
        Stage::Description => t.stage_description,
        Stage::PhoneNumber => t.stage_phone_number,
        Stage::Code => t.stage_code,
        Stage::Other => t.stage_other,
    }
}

#[component]
fn RefusedView(r: Refusal) -> impl IntoView {
    let t = text();
    let why = match r {
        Refusal::MissingState => t.facebook.refused_missing_state,
        Refusal::NothingPending => t.facebook.refused_nothing_pending,
        Refusal::WrongState => t.facebook.refused_wrong_state,
    };
    view! {
        <h1>{t.facebook.refused_title}</h1>
        <Notice tone=Tone::Error><p>{why}</p></Notice>
        <p>{t.facebook.refused_safe}</p>
        <p><A href=Route::Channels.href()>{t.common.go_to_channels}</A></p>
    }
}

#[component]
fn OutcomeView(o: CallbackOutcome, channel: String, for_colleague: bool) -> impl IntoView {
    let all = text();
    let t = &all.facebook;
    let title = heading(&o);
    // Trying again starts from the page the sign-up was started on.
    let review = if for_colleague {
        crate::host::href(domain::handoff::PAGE)
    } else {
        Route::ProfileStep {
            channel: &channel,
            page: ProfilePage::Review,
            focus: None,
        }
        .href()
    };
    let again = move || view! { <p><A href=review.clone() attr:class="button">{all.common.try_again}</A></p> };
    let kept = t.kept;
    let failed = |description: Option<String>, error_id: Option<String>| {
        view! {
            <h1>{title}</h1>
            <Notice tone=Tone::Error>
                <p>{description.unwrap_or_else(|| t.failed_generic.into())}</p>
                {error_id.map(|id| view! { <p>{split(t.failed_quote, "id").0}<strong>{id}</strong>{split(t.failed_quote, "id").1}</p> })}
            </Notice>
            <p>{kept}</p>
            {again()}
        }
        .into_any()
    };
    match o {
        CallbackOutcome::Registered(outcome) => {
            let next = Route::Confirm(&outcome.channel_id).href();
            let (before, rest) = split(t.registered_body, "number");
            let rest = fill(rest, &[("business", &outcome.number.business_name)]);
            view! {
                <h1>{title}</h1>
                <Notice tone=Tone::Success>
                    <p>{before}<strong>{outcome.number.shown().to_string()}</strong>{rest}</p>
                </Notice>
                {if for_colleague {
                    view! { <p>{t.colleague_done}</p> }.into_any()
                } else {
                    view! {
                        <p>{t.registered_next}</p>
                        <p><A href=next attr:class="button">{t.choose_title}</A></p>
                    }.into_any()
                }}
            }
            .into_any()
        }
        CallbackOutcome::Cancelled => view! {
            <h1>{title}</h1>
            <p>{fill(t.cancelled_body, &[("kept", kept)])}</p>
            {again()}
        }
        .into_any(),
        CallbackOutcome::Abandoned { step } => {
            let body = match step {
                Some(step) => fill(
                    t.abandoned_at,
                    &[("step", stage_words(stage_of(&step))), ("kept", kept)],
                ),
                None => fill(t.abandoned_closed, &[("kept", kept)]),
            };
            view! {
                <h1>{title}</h1>
                <p>{body}</p>
                {again()}
            }
            .into_any()
        }
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
                    <p>{t.already_body}</p>
                </Notice>
                <p>{fill(t.already_fix, &[("kept", kept)])}</p>
                <p><A href=change attr:class="button">{t.change_number}</A></p>
                {again()}
            }
            .into_any()
        }
        CallbackOutcome::Failed(DialogFailure::CodeNotReceived) => view! {
            <h1>{title}</h1>
            <p>{fill(t.no_code_body, &[("kept", kept)])}</p>
            {again()}
        }
        .into_any(),
        CallbackOutcome::Failed(DialogFailure::NoResult) => failed(Some(t.no_result.into()), None),
        CallbackOutcome::Failed(DialogFailure::Other {
            error_id,
            description,
        }) => failed(description, error_id),
        CallbackOutcome::ExchangeRefused { message } => view! {
            <h1>{title}</h1>
            <Notice tone=Tone::Error><p>{message}</p></Notice>
            <p>{kept}</p>
            {again()}
        }
        .into_any(),
    }
}
