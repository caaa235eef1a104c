//! Log in with email and password, then go back to where the user was.

use crate::api::{self, ApiError, Options};
use crate::components::{error_for, ErrorSummary, Notice, PasswordField, TextField};
use crate::form::{use_form, Problem};
use crate::format;
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
    Problem::Fields(match &e {
        ApiError::Refused { body, .. } if body.code == ErrorCode::InvalidCredentials => {
            vec![FieldError::new("email", body.message.clone())]
        }
        ApiError::RateLimited {
            retry_after_secs,
            body,
        } => {
            let when = match retry_after_secs {
                Some(s) => format!(
                    " You can try again at {} (in {}).",
                    format::clock_time(format::now_secs() + *s as f64),
                    api::wait_words(*s)
                ),
                None => " Wait a few minutes and try again.".into(),
            };
            vec![FieldError::new("", format!("{}{when}", body.message))]
        }
        _ => return Problem::Api(e),
    })
}

/// The login page.
#[component]
pub fn Login() -> impl IntoView {
    let query = use_query_map();
    let session = use_session();
    let brand = crate::brand::use_brand();
    let go = use_go();
    let email = RwSignal::new(String::new());
    let password = RwSignal::new(String::new());
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
    Effect::new(move |_| {
        if let SessionState::LoggedIn(_) = session.0.get() {
            let next = query.read_untracked().get("next");
            go.address(&return_address(next.as_deref()), true);
        }
    });

    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let req = LoginRequest {
            email: email.get_untracked().trim().to_string(),
            password: password.get_untracked(),
        };
        let problems = req.validate();
        if problems.is_empty() {
            submit.submit(req);
        } else {
            submit.fail(problems);
        }
    };

    use_title(|| "Log in".into(), move || submit.has_errors());
    let notice = move || {
        let q = query.read();
        if q.get("logged_out").is_some() {
            Some("You have logged out.")
        } else if q.get("expired").is_some() {
            Some("Your session ended. Log in again to carry on where you were: what you had entered is kept.")
        } else if q.get("next").is_some() {
            Some("Log in to continue.")
        } else {
            None
        }
    };

    view! {
        <div class="narrow">
            <ErrorSummary errors=errors/>
            {move || notice().map(|n| view! { <Notice><p>{n}</p></Notice> })}
            <h1>"Log in"</h1>
            <p>"Log in to the " {move || brand.get().messaging_platform} " to set up WhatsApp for your contact centre."</p>
            <form novalidate on:submit=on_submit>
                <TextField id="email" label="Email" value=email error=error_for(errors, "email") kind="email" autocomplete="username"/>
                <PasswordField
                    id="password"
                    label="Password"
                    what="the password"
                    value=password
                    error=error_for(errors, "password")
                    autocomplete="current-password"
                />
                <button type="submit" class="button" aria-disabled=move || submit.pending().then_some("true")>
                    {move || if submit.pending() { "Logging in…" } else { "Log in" }}
                </button>
            </form>
            <p>"Forgotten your password, or your link expired? "<A href=Route::SetPassword(None).href()>"Get a new link to set your password"</A>"."</p>
        </div>
    }
}
