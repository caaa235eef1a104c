//! The header: product name, the account, navigation and log out.

use crate::api::{self, ApiError, Options};
use crate::form::{use_form, Problem};
use crate::form_memory;
use crate::i18n::{fill, split, text};
use crate::nav::{use_go, Href};
use crate::session::use_session;
use domain::endpoint;
use domain::error::FieldError;
use domain::idempotency::RetryKey;
use domain::navigation::Route;
use leptos::prelude::*;
use leptos_router::components::A;

/// The app's header.
#[component]
pub fn Header() -> impl IntoView {
    let t = &text().common;
    let session = use_session();
    let brand = crate::brand::use_brand();
    let go = use_go();
    let key = StoredValue::new(RetryKey::default());
    let logout = use_form(
        move |_: &()| async move {
            match api::send_with(endpoint::LOG_OUT, &[], &(), key, Options::PUBLIC).await {
                // The backend had already ended the session: logged out all the same.
                Ok(()) | Err(ApiError::Unauthorized) => Ok(()),
                Err(e) => Err(Problem::Fields(vec![FieldError::new(
                    "",
                    fill(t.still_logged_in, &[("error", &e.to_string())]),
                )])),
            }
        },
        move |()| {
            form_memory::forget_all();
            session.logged_out();
            go.to(Route::LoggedOut);
        },
    );
    let own_login = crate::host::settings().auth == domain::embed::Auth::Own;
    let skip = move |_| {
        if let Some(main) = crate::host::by_id("main") {
            if let Ok(main) = wasm_bindgen::JsCast::dyn_into::<web_sys::HtmlElement>(main) {
                let _ = main.focus();
            }
        }
    };
    view! {
        <header class="app-header">
            // Inside a shadow root a #fragment link cannot reach <main>: the skip
            // control moves focus itself.
            <button type="button" class="skip-link" on:click=skip>{t.skip_link}</button>
            <div class="app-header__inner">
                <span class="app-header__product">{move || brand.get().product}</span>
                {move || session.info().map(|info| view! {
                    // A colleague's hand-off session can do the Facebook step only: no pages to go to.
                    <nav class="app-header__nav" aria-label=t.nav_label hidden=info.handoff_channel_id.is_some()>
                        <ul>
                            <li><A href=Route::Channels.href() exact=true>{t.nav_channels}</A></li>
                            <li><A href=Route::BeforeYouStart.href()>{t.nav_before_you_start}</A></li>
                            <li><A href=Route::Pricing.href()>{t.nav_pricing}</A></li>
                        </ul>
                    </nav>
                    {crate::host::embedded().then(|| view! {
                        <button type="button" class="button button--secondary button--small" on:click=|_| crate::host::exit("back_to_portal")>
                            {t.back_to_portal}
                        </button>
                    })}
                    <div class="app-header__account">
                        <span class="app-header__name">
                            <span class="visually-hidden">{split(t.logged_in_to, "account").0}</span>
                            {info.account.name}
                            <span class="visually-hidden">{split(t.logged_in_to, "account").1}</span>
                        </span>
                        // The host page logs its users in and out (auth: 'host').
                        {own_login.then(|| view! {
                            <button
                                type="button"
                                class="button button--secondary button--small"
                                disabled=move || logout.pending()
                                on:click=move |_| logout.submit(())
                            >
                                {move || if logout.pending() { t.logging_out } else { t.log_out }}
                            </button>
                        })}
                    </div>
                })}
            </div>
            {move || logout.message().map(|p| view! { <p class="app-header__problem" role="alert">{p}</p> })}
        </header>
    }
}
