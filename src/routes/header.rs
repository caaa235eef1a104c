//! The header: product name, the account, navigation and log out.

use crate::api::{self, ApiError, Mutation, Options};
use crate::form_memory;
use crate::session::{use_session, LOGGED_OUT};
use domain::contract::paths;
use domain::idempotency::RetryKey;
use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_navigate;
use leptos_router::NavigateOptions;

/// The app's header.
#[component]
pub fn Header() -> impl IntoView {
    let session = use_session();
    let navigate = use_navigate();
    let problem = RwSignal::new(None::<String>);
    let key = StoredValue::new(RetryKey::default());
    let logout = Action::new_local(move |_: &()| async move {
        let opts = Options {
            redirect_on_401: false,
            ..Options::default()
        };
        api::send::<_, ()>(Mutation::Delete, paths::SESSION, &(), key, opts).await
    });
    Effect::new(move |_| match logout.value().get() {
        Some(Ok(())) | Some(Err(ApiError::Unauthorized)) => {
            problem.set(None);
            form_memory::forget_all();
            session.logged_out();
            navigate(LOGGED_OUT, NavigateOptions::default());
        }
        Some(Err(e)) => problem.set(Some(format!("You are still logged in. {e}"))),
        None => {}
    });
    view! {
        <header class="app-header">
            <div class="app-header__inner">
                <span class="app-header__product">"Contact Centre " <span class="app-header__sub">"Messaging"</span></span>
                {move || session.info().map(|info| view! {
                    <nav class="app-header__nav" aria-label="Main">
                        <ul>
                            <li><A href="/channels" exact=true>"WhatsApp channels"</A></li>
                            <li><A href="/before-you-start">"Before you start"</A></li>
                            <li><A href="/pricing">"Pricing"</A></li>
                        </ul>
                    </nav>
                    <div class="app-header__account">
                        <span class="app-header__name">
                            <span class="visually-hidden">"Logged in to "</span>{info.account.name}
                        </span>
                        <button
                            type="button"
                            class="button button--secondary button--small"
                            disabled=move || logout.pending().get()
                            on:click=move |_| { logout.dispatch(()); }
                        >
                            {move || if logout.pending().get() { "Logging out…" } else { "Log out" }}
                        </button>
                    </div>
                })}
            </div>
            {move || problem.get().map(|p| view! { <p class="app-header__problem" role="alert">{p}</p> })}
        </header>
    }
}
