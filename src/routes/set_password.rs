//! Set a password from the emailed link, or ask for a new link.

use crate::api::{self, ApiError, Options};
use crate::components::{error_for, ErrorSummary, Notice, PasswordField, TextField, Tone};
use crate::form::{use_form, Problem};
use crate::format;
use crate::i18n::{fill, split, text};
use crate::nav::{use_go, Href};
use crate::page::use_title;
use crate::reactive::Loaded;
use crate::session::use_session;
use domain::contract::{NewLinkRequest, PasswordLinkInfo, SetPasswordRequest};
use domain::endpoint;
use domain::error::ErrorCode;
use domain::idempotency::RetryKey;
use domain::navigation::Route;
use domain::password::{self, PasswordProblem, Rule};
use domain::problem::{FieldProblem, Problem as Check};
use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_query_map;

/// Why a link cannot be used, in the user's words.
fn link_problem(e: &ApiError) -> (&'static str, String) {
    let t = &text().account;
    let heading = match e.code() {
        Some(ErrorCode::LinkExpired) => t.link_expired,
        Some(ErrorCode::LinkUsed) => t.link_used,
        Some(ErrorCode::LinkUnknown) => t.link_unknown,
        _ => t.link_unchecked,
    };
    (heading, e.to_string())
}

/// The set-password page: `/set-password?token=…` from the email, or without a token to ask for a link.
#[component]
pub fn SetPassword() -> impl IntoView {
    let query = use_query_map();
    let token = Memo::new(move |_| query.read().get("token").filter(|t| !t.is_empty()));
    // Set when the link turns out to be unusable while the form is open (another tab used it).
    let lost = RwSignal::new(None::<ApiError>);
    let link = Loaded::new(move || async move {
        match token.get() {
            Some(t) => Some(api::fetch_with(endpoint::PASSWORD_LINK, &[&t], Options::PUBLIC).await),
            None => None,
        }
    });
    view! {
        <div class="narrow">
            <Transition fallback=|| view! { <p class="loading" role="status">{text().account.checking_link}</p> }>
                {move || Suspend::new(async move {
                    let checked = link.await;
                    if let Some(e) = lost.get() {
                        return view! { <NewLink problem=Some(link_problem(&e))/> }.into_any();
                    }
                    match (checked, token.get_untracked()) {
                        (Some(Ok(info)), Some(t)) => view! { <NewPasswordForm token=t info lost/> }.into_any(),
                        (Some(Err(e)), _) if e.body().is_some() => view! { <NewLink problem=Some(link_problem(&e))/> }.into_any(),
                        (Some(Err(e)), _) => view! {
                            <ErrorPanel message=e.to_string() retry=Callback::new(move |()| link.refetch())/>
                        }.into_any(),
                        _ => view! { <NewLink problem=None/> }.into_any(),
                    }
                })}
            </Transition>
        </div>
    }
}

#[component]
fn ErrorPanel(message: String, retry: Callback<()>) -> impl IntoView {
    let t = &text().account;
    use_title(|| t.link_unchecked.into(), || true);
    view! {
        <h1>{t.link_unchecked}</h1>
        <Notice tone=Tone::Error retry=retry><p>{message}</p></Notice>
    }
}

#[component]
fn NewPasswordForm(
    token: String,
    info: PasswordLinkInfo,
    lost: RwSignal<Option<ApiError>>,
) -> impl IntoView {
    let t = &text().account;
    let session = use_session();
    let brand = crate::brand::use_brand();
    let go = use_go();
    let pw = RwSignal::new(String::new());
    let confirm = RwSignal::new(String::new());
    let key = StoredValue::new(RetryKey::default());
    let email = info.email.clone();
    let found = Memo::new({
        let email = email.clone();
        move |_| pw.with(|p| password::problems(p, &email))
    });
    // What a screen reader hears: the first unmet rule, once typing pauses.
    let spoken = RwSignal::new(String::new());
    let pause = StoredValue::new_local(None::<gloo_timers::callback::Timeout>);
    crate::reactive::effect(move || {
        let words = match found.get().first() {
            None => t.meets_every_rule.to_string(),
            Some(PasswordProblem::Empty) => String::new(),
            Some(p) => text().problem(&Check::NewPassword(*p)),
        };
        pause.set_value(Some(gloo_timers::callback::Timeout::new(900, move || {
            spoken.set(words)
        })));
    });

    let submit = use_form(
        move |req: &SetPasswordRequest| {
            let (req, token) = (req.clone(), token.clone());
            async move {
                match api::send_with(
                    endpoint::SET_PASSWORD,
                    &[&token],
                    &req,
                    key,
                    Options::PUBLIC,
                )
                .await
                {
                    Err(e)
                        if matches!(
                            e.code(),
                            Some(
                                ErrorCode::LinkUsed
                                    | ErrorCode::LinkExpired
                                    | ErrorCode::LinkUnknown
                            )
                        ) =>
                    {
                        // Another tab used the link meanwhile: the page explains, instead of the form.
                        lost.set(Some(e));
                        Err(Problem::Shown)
                    }
                    other => other.map_err(Problem::from),
                }
            }
        },
        move |info| {
            session.logged_in(info);
            // Replace, so the used link is not in the history.
            go.replace(Route::Channels);
        },
    );
    let errors = submit.errors;
    let on_submit = {
        let email = email.clone();
        move |ev: leptos::ev::SubmitEvent| {
            ev.prevent_default();
            let problems = password::new_password_problems(
                &pw.get_untracked(),
                &confirm.get_untracked(),
                &email,
            );
            if problems.is_empty() {
                submit.clear();
                submit.submit(SetPasswordRequest {
                    password: pw.get_untracked(),
                });
            } else {
                submit.fail(text().field_errors(problems));
            }
        }
    };
    use_title(|| t.set_title.into(), move || submit.has_errors());
    let expires = fill(
        t.link_works_until,
        &[
            ("time", &format::clock_time(info.expires_at as f64)),
            ("date", &format::long_date(info.expires_at as f64)),
        ],
    );
    let intro = fill(t.set_intro, &[("expires", &expires)]);
    let (before_platform, rest) = split(t.set_intro, "platform");
    let (before_email, _) = split(rest, "email");
    let after_email = split(&intro, "email").1.to_string();

    view! {
        <ErrorSummary errors=errors/>
        <h1>{t.set_title}</h1>
        <p>{before_platform}{move || brand.get().messaging_platform}{before_email}<strong>{email}</strong>{after_email}</p>
        <div class="rules" id="password-rules">
            <h2 class="rules__title">{t.rules_title}</h2>
            <ul class="rules__list">
                {Rule::ALL.into_iter().map(|rule| {
                    let met = move || found.with(|f| rule.met(f));
                    view! {
                        <li class="rule" class:rule--met=met>
                            <span class="rule__mark" aria-hidden="true">{move || if met() { "✓" } else { "•" }}</span>
                            {text().rule(rule)}
                            <span class="visually-hidden">{move || if met() { text().common.done } else { "" }}</span>
                        </li>
                    }
                }).collect_view()}
            </ul>
        </div>
        <form novalidate on:submit=on_submit>
            // For password managers: which account this password belongs to.
            <input type="text" name="username" autocomplete="username" value=info.email.clone() hidden readonly/>
            <PasswordField
                id="password"
                label=t.new_password
                what=t.new_password_what
                hint=t.new_password_hint
                value=pw
                error=error_for(errors, "password")
                autocomplete="new-password"
            />
            <p class="visually-hidden" role="status" aria-live="polite">{move || spoken.get()}</p>
            <PasswordField
                id="confirm"
                label=t.confirm_password
                what=t.confirm_password_what
                value=confirm
                error=error_for(errors, "confirm")
                autocomplete="new-password"
            />
            <button type="submit" class="button" aria-disabled=move || submit.pending().then_some("true")>
                {move || if submit.pending() { t.setting } else { t.set_and_log_in }}
            </button>
        </form>
    }
}

/// Asks for a new link; `problem` says why the old one cannot be used.
#[component]
fn NewLink(problem: Option<(&'static str, String)>) -> impl IntoView {
    let t = &text().account;
    let heading = problem.as_ref().map(|p| p.0).unwrap_or(t.get_link_title);
    let email = RwSignal::new(String::new());
    let sent = RwSignal::new(None::<String>);
    let key = StoredValue::new(RetryKey::default());
    let request = use_form(
        move |req: &NewLinkRequest| {
            let req = req.clone();
            async move {
                api::send_with(
                    endpoint::REQUEST_PASSWORD_LINK,
                    &[],
                    &req,
                    key,
                    Options::PUBLIC,
                )
                .await
                .map_err(Problem::from)
            }
        },
        move |_| sent.set(Some(email.get_untracked())),
    );
    let errors = request.errors;
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let address = email.get_untracked().trim().to_string();
        if address.is_empty() {
            request
                .fail(text().field_errors(vec![FieldProblem::new("email", Check::EmailMissing)]));
        } else {
            request.clear();
            request.submit(NewLinkRequest { email: address });
        }
    };
    use_title(move || heading.to_string(), move || request.has_errors());
    let explanation = problem.map(|p| p.1);
    let (sent_before, sent_after) = split(t.link_sent, "email");
    let (set_before, set_after) = split(t.already_set, "link");

    view! {
        <ErrorSummary errors=errors/>
        <h1>{heading}</h1>
        {explanation.map(|e| view! { <p>{e}</p> })}
        {move || match sent.get() {
            Some(address) => view! {
                <Notice tone=Tone::Success>
                    <h2>{t.check_email}</h2>
                    <p>{sent_before}<strong>{address}</strong>{sent_after}</p>
                </Notice>
                <p><A href=Route::LogIn { next: None, expired: false }.href()>{t.log_in_link}</A></p>
            }.into_any(),
            None => view! {
                <p>{t.ask_for_link}</p>
                <form novalidate on:submit=on_submit>
                    <TextField id="email" label=t.email value=email error=error_for(errors, "email") kind="email" autocomplete="username"/>
                    <button type="submit" class="button">
                        {move || if request.pending() { t.sending } else { t.send_link }}
                    </button>
                </form>
                <p>{set_before}<A href=Route::LogIn { next: None, expired: false }.href()>{t.log_in_link}</A>{set_after}</p>
            }.into_any(),
        }}
    }
}
