//! The first-load build's answer to every address but its own pages: it asks
//! `embed.js` to load the full app and mount it in its place, at the same
//! address. The user sees a loading state meanwhile, and, if the full app could
//! not be loaded, says so with a way to try again (a first-load build has a few
//! pages, so the user reaches this by moving on from them: after logging in, say).

use crate::brand::{neutral, BrandContext};
use crate::components::{Notice, Tone};
use crate::host::{self, Carried};
use crate::i18n::text;
use crate::session::{use_session, SessionState};
use leptos::prelude::*;

/// Hands the page over to the full app.
#[component]
pub fn HandOver() -> impl IntoView {
    let t = &text().common;
    let failed = RwSignal::new(false);
    let session = use_session();
    let brand = expect_context::<BrandContext>().0;
    // What the full app need not ask again: the session, and the brand once it arrived.
    let carried = move || Carried {
        session: match session.0.get_untracked() {
            SessionState::LoggedIn(info) => Some(info),
            _ => None,
        },
        brand: Some(brand.get_untracked()).filter(|b| *b != neutral()),
    };
    // The page's owner, not the notice's: "Try again" replaces the notice, which
    // would cancel a task it owned.
    let owner = Owner::current().unwrap_or_default();
    let attempt = move || {
        failed.set(false);
        owner.with(|| {
            leptos::task::spawn_local_scoped_with_cancellation(async move {
                if let Err(e) = host::hand_over(&carried()).await {
                    web_sys::console::error_2(
                        &"whatsapp-onboarding: the app could not load".into(),
                        &e,
                    );
                    failed.set(true);
                }
            })
        });
    };
    attempt();
    move || {
        if failed.get() {
            let attempt = attempt.clone();
            view! {
                <Notice tone=Tone::Error retry=Callback::new(move |()| attempt())>
                    <p>{t.app_not_loaded}</p>
                </Notice>
            }
            .into_any()
        } else {
            view! { <p class="loading" role="status">{t.loading}</p> }.into_any()
        }
    }
}
