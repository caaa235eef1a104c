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

use domain::navigation::Page;
use leptos::prelude::*;
use leptos_router::components::Router;
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
    let page = nav::current_page();
    move || match page.get() {
        Page::LogIn => view! { <login::Login/> }.into_any(),
        Page::SetPassword => view! { <routes::set_password::SetPassword/> }.into_any(),
        _ => view! { <routes::hand_over::HandOver/> }.into_any(),
    }
}

/// Every page, by its address ([`Page::parse`] is the route table). A page is
/// drawn again only when the address names another page: the session's frame
/// stays while the user moves between the pages behind the login, and a
/// channel's profile frame while they move between its steps.
#[cfg(feature = "full")]
#[component]
fn Pages() -> impl IntoView {
    use domain::navigation::SessionPage;
    use routes::{channels, eligibility, not_found, pricing, request_channel, set_password};
    use routes::{confirm, facebook_callback, handoff, profile, start};
    use session::RequireSession;
    let page = nav::current_page();
    // The pages outside the session; `None` for every page behind it.
    let outside = Memo::new(move |_| match page.get() {
        Page::Session(_) => None,
        other => Some(other),
    });
    // The page behind the session, a profile without its step.
    let inside = Memo::new(move |_| match page.get() {
        Page::Session(SessionPage::Profile { channel, .. }) => Some(SessionPage::Profile {
            channel,
            step: None,
        }),
        Page::Session(inside) => Some(inside),
        _ => None,
    });
    let step = Memo::new(move |_| match page.get() {
        Page::Session(SessionPage::Profile { step, .. }) => step,
        _ => None,
    });
    let behind_login = move || match inside.get() {
        Some(SessionPage::Channels) => view! { <channels::Channels/> }.into_any(),
        Some(SessionPage::NewChannel) => view! { <request_channel::RequestChannel/> }.into_any(),
        Some(SessionPage::Confirm(channel)) => view! { <confirm::Confirm channel/> }.into_any(),
        Some(SessionPage::BeforeYouStart) => view! { <eligibility::BeforeYouStart/> }.into_any(),
        Some(SessionPage::Pricing) => view! { <pricing::Pricing/> }.into_any(),
        Some(SessionPage::FacebookCallback) => {
            view! { <facebook_callback::FacebookCallback/> }.into_any()
        }
        Some(SessionPage::Profile { channel, .. }) => {
            view! { <profile::ProfileShell channel step/> }.into_any()
        }
        None => ().into_any(),
    };
    move || match outside.get() {
        Some(Page::Start) => view! { <start::Start/> }.into_any(),
        Some(Page::LogIn) => view! { <login::Login/> }.into_any(),
        Some(Page::SetPassword) => view! { <set_password::SetPassword/> }.into_any(),
        Some(Page::Handoff) => view! { <handoff::HandoffPage/> }.into_any(),
        Some(_) => view! { <not_found::NotFound/> }.into_any(),
        None => view! { <RequireSession>{behind_login}</RequireSession> }.into_any(),
    }
}

/// Tells the host page every step the user moves to.
#[cfg(feature = "full")]
fn step_events() {
    let location = leptos_router::hooks::use_location();
    Effect::new(
        move |last: Option<Option<(domain::embed::Step, Option<String>)>>| {
            let now = domain::embed::step_for(host::inside(&location.pathname.get()));
            if let Some((step, channel_id)) = now.clone() {
                if last.flatten() != Some((step, channel_id.clone())) {
                    host::emit(&domain::embed::Event::Step { step, channel_id });
                }
            }
            now
        },
    );
}
