//! The first-load build's answer to every address but its own pages: it asks
//! `embed.js` to load the full app and mount it in its place, at the same
//! address. The user sees a loading state meanwhile, and, if the full app could
//! not be loaded, says so with a way to try again (a first-load build has a few
//! pages, so the user reaches this by moving on from them: after logging in, say).
//! A release build's full app answers so too at the pages it leaves out (the login,
//! set-password and a colleague's hand-off, Cargo.toml's `full`), and a first-load
//! build at theirs: `embed.js` then mounts the build that has the page.

use crate::brand::{neutral, BrandContext};
use crate::components::{Notice, Tone};
use crate::host::{self, Carried};
use crate::i18n::text;
use crate::session::{use_session, SessionState};
use leptos::prelude::*;

/// Hands the page over to the full app.
#[component]
pub fn HandOver() -> AnyView {
    let t = &text().common;
    let failed = RwSignal::new(false);
    let attempt = hand_over_on_call(None, failed);
    attempt.run(());
    progress(failed, attempt, t.app_not_loaded)
}

/// A hand-over under way: a loading state, or once it `failed`, `not_loaded` with
/// a way to try again (`retry`).
pub fn progress(failed: RwSignal<bool>, retry: Callback<()>, not_loaded: &'static str) -> AnyView {
    let loading = text().common.loading;
    (move || {
        if failed.get() {
            view! {
                <Notice tone=Tone::Error retry=retry>
                    <p>{not_loaded}</p>
                </Notice>
            }
            .into_any()
        } else {
            view! { <p class="loading" role="status">{loading}</p> }.into_any()
        }
    })
    .into_any()
}

/// What hands the page over to the full app each time it is run, carrying what
/// this build knows (and `ask_colleague`, [`Carried::ask_colleague`]); `failed`
/// is set when the full app could not be loaded. Made inside the page that runs it.
pub fn hand_over_on_call(ask_colleague: Option<String>, failed: RwSignal<bool>) -> Callback<()> {
    let session = use_session();
    let brand = expect_context::<BrandContext>().0;
    // The page's owner, not the notice's: "Try again" replaces the notice, which
    // would cancel a task it owned.
    let owner = Owner::current().unwrap_or_default();
    Callback::new(move |()| {
        failed.set(false);
        // What the full app need not ask again: the session, and the brand once it arrived.
        let carried = Carried {
            session: match session.0.get_untracked() {
                SessionState::LoggedIn(info) => Some(info),
                _ => None,
            },
            brand: Some(brand.get_untracked()).filter(|b| *b != neutral()),
            ask_colleague: ask_colleague.clone(),
            ..Carried::default()
        };
        owner.with(|| {
            leptos::task::spawn_local_scoped_with_cancellation(async move {
                if let Err(e) = host::hand_over(carried).await {
                    web_sys::console::error_2(
                        &"whatsapp-onboarding: the app could not load".into(),
                        &e,
                    );
                    failed.set(true);
                }
            })
        });
    })
}
