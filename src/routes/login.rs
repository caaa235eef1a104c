//! Log in with email and password, then go back to where the user was.

use crate::api::{self, ApiError, Options};
use crate::components::{error_for, ErrorSummary, Notice, PasswordField, TextField};
use crate::form::{use_form, Problem};
use crate::format;
use crate::i18n::{fill, split, text};
use crate::nav::{return_address, use_go, Href};
use crate::page::use_title;
use crate::session::{use_session, SessionState};
use domain::contract::LoginRequest;
use domain::endpoint;
use domain::error::{ErrorCode, FieldError};
use domain::idempotency::RetryKey;
use domain::navigation::Route;
use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_query_map;

/// What a failed login means for the form: a refused login is an error on the
/// email field, a lock says when to try again, anything else as every form does.
fn login_problem(e: ApiError) -> Problem {
    let t = &text().account;
    Problem::Fields(match &e {
        ApiError::Refused { body, .. } if body.code == ErrorCode::InvalidCredentials => {
            vec![FieldError::new("email", body.message.clone())]
        }
        ApiError::RateLimited {
            retry_after_secs,
            body,
        } => {
            let message = match retry_after_secs {
                Some(s) => fill(
                    t.locked_until,
                    &[
                        ("message", &body.message),
                        ("time", &format::clock_time(format::now_secs() + *s as f64)),
                        ("wait", &api::wait_words(*s)),
                    ],
                ),
                None => fill(t.locked, &[("message", &body.message)]),
            };
            vec![FieldError::new("", message)]
        }
        _ => return Problem::Api(e),
    })
}

/// The login page.
#[component]
pub fn Login() -> impl IntoView {
    let t = &text().account;
    let query = use_query_map();
    let session = use_session();
    let brand = crate::brand::use_brand();
    let go = use_go();
    // What the user typed into index.html's prerendered form before the app was there.
    let email = RwSignal::new(crate::prerendered::value("email").unwrap_or_default());
    let password = RwSignal::new(crate::prerendered::value("password").unwrap_or_default());
    let key = StoredValue::new(RetryKey::default());
    let submit = use_form(
        move |req: &LoginRequest| {
            let req = req.clone();
            async move {
                api::send_with(endpoint::LOG_IN, &[], &req, key, Options::PUBLIC)
                    .await
                    .map_err(login_problem)
            }
        },
        move |info| session.logged_in(info),
    );
    let errors = submit.errors;
    // Logged in (now, or already when the page opened): go back where the user was.
    crate::reactive::effect(move || {
        if let SessionState::LoggedIn(_) = session.0.get() {
            let next = query.read_untracked().get("next");
            go.address(&return_address(next.as_deref()), true);
        }
    });

    let send = move || {
        let req = LoginRequest {
            email: email.get_untracked().trim().to_string(),
            password: password.get_untracked(),
        };
        let problems = req.problems();
        if problems.is_empty() {
            submit.submit(req);
        } else {
            submit.fail(text().field_errors(problems));
        }
    };
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        send();
    };
    // Once rendered, in place of index.html's prerendered form: the focus where it
    // was, and a "Log in" pressed there before the app was there.
    crate::reactive::effect(move || {
        if crate::prerendered::finish() {
            send();
        }
    });

    use_title(|| t.log_in_title.into(), move || submit.has_errors());
    let notice = move || {
        let q = query.read();
        if q.get("logged_out").is_some() {
            Some(t.logged_out)
        } else if q.get("expired").is_some() {
            Some(t.session_ended)
        } else if q.get("next").is_some() {
            Some(t.log_in_to_continue)
        } else {
            None
        }
    };
    let (intro_before, intro_after) = split(t.log_in_intro, "platform");
    let (forgotten_before, forgotten_after) = split(t.forgotten, "link");

    view! {
        <div class="narrow">
            <ErrorSummary errors=errors/>
            {move || notice().map(|n| view! { <Notice><p>{n}</p></Notice> })}
            <h1>{t.log_in_title}</h1>
            <p>{intro_before}{move || brand.get().messaging_platform}{intro_after}</p>
            <form novalidate on:submit=on_submit>
                <TextField id="email" label=t.email value=email error=error_for(errors, "email") kind="email" autocomplete="username"/>
                <PasswordField
                    id="password"
                    label=t.password
                    what=t.password_what
                    value=password
                    error=error_for(errors, "password")
                    autocomplete="current-password"
                />
                <button type="submit" class="button" aria-disabled=move || submit.pending().then_some("true")>
                    {move || if submit.pending() { t.logging_in } else { t.log_in }}
                </button>
            </form>
            <p>{forgotten_before}<A href=Route::SetPassword(None).href()>{t.get_new_link}</A>{forgotten_after}</p>
        </div>
    }
}
