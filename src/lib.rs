//! The WhatsApp channel onboarding app: the router, the layout and `<main>`.
//! Each page lives in its own module under `routes`.

pub mod api;
pub mod brand;
pub mod components;
pub mod drafts;
pub mod form;
pub mod form_memory;
pub mod format;
pub mod host;
pub mod i18n;
pub mod listen;
pub mod mount;
pub mod nav;
pub mod page;
pub mod popup;
pub mod prerendered;
pub mod random;
pub mod routes;
pub mod session;
pub mod signup;
pub mod storage;

use leptos::prelude::*;
use leptos_router::components::{Route, Router, Routes};
use leptos_router::path;
use routes::{header, login};
use session::Session;

/// The whole app: the settings from `mount`, the brand, the session, and the router
/// under the base path.
#[component]
pub fn App() -> impl IntoView {
    let settings = host::settings();
    brand::provide(settings.brand.clone());
    let session = Session::provide();
    api::on_unauthorized(move || session.ended());
    // The first screen is interactive once the session is known and the app is shown.
    // The host page hears it once: not again from the full app carrying on from the
    // entry build.
    Effect::new(move |done: Option<bool>| {
        if done == Some(true) || host::ready_told() {
            return true;
        }
        // Not while the app is still hidden, waiting for its stylesheets.
        if session.0.get() == session::SessionState::Checking || !host::shown() {
            return done.unwrap_or(false);
        }
        host::emit(&domain::embed::Event::Ready);
        true
    });
    // At the root the base is empty: `base="/"` would match nothing.
    let base = if settings.base_path == "/" {
        String::new()
    } else {
        settings.base_path
    };
    view! { <Router base=base><Shell/></Router> }
}

/// Inside the router: the skip link, the header, `<main>` and the pages.
#[component]
fn Shell() -> impl IntoView {
    // The entry build has no page that is a step (it hands every other address over).
    #[cfg(feature = "full")]
    step_events();
    // On its own page the app has the page's <main>; inside a host page the host's
    // landmarks hold it, and a second <main> would be one too many.
    let pages = if host::embedded() {
        view! { <div id="main" class="main" tabindex="-1"><Pages/></div> }.into_any()
    } else {
        view! { <main id="main" class="main" tabindex="-1"><Pages/></main> }.into_any()
    };
    view! {
        <header::Header/>
        {pages}
    }
}

/// The entry build (`--no-default-features`): the pages users open first, the
/// login page and the emailed link's set-password page, in a first download about
/// half the full app's size. Any other address hands the page over to the full
/// app, which `embed.js` has been fetching meanwhile.
#[cfg(not(feature = "full"))]
#[component]
fn Pages() -> impl IntoView {
    view! {
        <Routes fallback=routes::hand_over::HandOver>
            <Route path=path!("/login") view=login::Login/>
            <Route path=path!("/set-password") view=routes::set_password::SetPassword/>
        </Routes>
    }
}

/// Every page, by its address.
#[cfg(feature = "full")]
#[component]
fn Pages() -> impl IntoView {
    use leptos_router::components::ParentRoute;
    use routes::{channels, eligibility, not_found, pricing, request_channel, set_password};
    use routes::{confirm, facebook_callback, handoff, profile, start};
    use session::RequireSession;
    view! {
        <Routes fallback=not_found::NotFound>
            <Route path=path!("/") view=start::Start/>
            <Route path=path!("/login") view=login::Login/>
            <Route path=path!("/set-password") view=set_password::SetPassword/>
            <Route path=path!("/handoff") view=handoff::HandoffPage/>
            <ParentRoute path=path!("") view=RequireSession>
                <Route path=path!("/channels") view=channels::Channels/>
                <Route path=path!("/channels/new") view=request_channel::RequestChannel/>
                <Route path=path!("/channels/:id/confirm") view=confirm::Confirm/>
                <Route path=path!("/before-you-start") view=eligibility::BeforeYouStart/>
                <Route path=path!("/pricing") view=pricing::Pricing/>
                <Route path=path!("/facebook/callback") view=facebook_callback::FacebookCallback/>
                <ParentRoute path=path!("/channels/:id/profile") view=profile::ProfileShell>
                    <Route path=path!("") view=profile::Resume/>
                    <Route path=path!("account") view=profile::account::AccountPage/>
                    <Route path=path!("contact") view=profile::contact::ContactPage/>
                    <Route path=path!("review") view=profile::review::ReviewPage/>
                </ParentRoute>
            </ParentRoute>
        </Routes>
    }
}

/// Tells the host page every step the user moves to.
#[cfg(feature = "full")]
fn step_events() {
    let location = leptos_router::hooks::use_location();
    Effect::new(
        move |last: Option<Option<(domain::embed::Step, Option<String>)>>| {
            let path = location.pathname.get();
            let base = host::settings().base_path;
            let inside = if base == "/" {
                path.as_str()
            } else {
                path.strip_prefix(base.as_str()).unwrap_or(&path)
            };
            let now = domain::embed::step_for(inside).map(|(s, c)| (s, c.map(str::to_string)));
            if let Some((step, channel_id)) = now.clone() {
                if last.flatten() != Some((step, channel_id.clone())) {
                    host::emit(&domain::embed::Event::Step { step, channel_id });
                }
            }
            now
        },
    );
}
