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
pub mod json;
pub mod listen;
pub mod mount;
pub mod nav;
pub mod page;
pub mod popup;
pub mod prerendered;
pub mod random;
pub mod reactive;
pub mod routes;
pub mod session;
pub mod signup;
pub mod storage;

use domain::navigation::Page;
use leptos::prelude::*;
use leptos_router::components::Router;
use routes::header;
use session::Session;

/// The whole app: the settings from `mount`, the brand, the session, and the router
/// under the base path.
#[component]
pub fn App() -> impl IntoView {
    let settings = host::settings();
    brand::provide(settings.brand.clone());
    let session = Session::provide();
    host::watch_user();
    api::on_unauthorized(move || session.ended());
    // The first screen is interactive once the session is known and the app is shown.
    // The host page hears it once: not again from the full app carrying on from a
    // first-load build.
    reactive::effect_until(move || {
        if host::ready_told() {
            return true;
        }
        // Not while the app is still hidden, waiting for its stylesheets.
        if session.0.get() == session::SessionState::Checking || !host::shown() {
            return false;
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
    // Only pages behind the login are steps.
    #[cfg(feature = "session-pages")]
    step_events();
    // Handed over while the Facebook window was open: listen on, and show its result.
    #[cfg(feature = "full")]
    if let Some((window, at)) = host::take_carried_popup() {
        let go = crate::nav::use_go();
        crate::popup::resume(window, at, move |params| {
            crate::popup::show_result(&go, &params)
        });
    }
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

/// Whether this build draws `page` itself. The full app draws every page but, in
/// a release build, the login, set-password and colleague's hand-off pages, which it
/// hands to the first-load build that has them (Cargo.toml's `full`); a first-load
/// build (the pages of its Cargo features) hands any other over to that build, or
/// else to the full app, which `embed.js` has been fetching meanwhile.
fn has_page(page: &Page) -> bool {
    use domain::field::ProfilePage;
    use domain::navigation::SessionPage;
    match page {
        // Debug builds have no first-load builds: their full app has these three too.
        Page::LogIn => cfg!(any(
            feature = "login",
            all(feature = "full", debug_assertions)
        )),
        Page::SetPassword => cfg!(any(
            feature = "set-password",
            all(feature = "full", debug_assertions)
        )),
        Page::Start => cfg!(feature = "start"),
        Page::Handoff => cfg!(any(
            feature = "handoff",
            all(feature = "full", debug_assertions)
        )),
        Page::NotFound => cfg!(feature = "not-found"),
        Page::Session(inside) => match inside {
            SessionPage::Channels => cfg!(feature = "channels"),
            SessionPage::NewChannel => cfg!(feature = "request"),
            SessionPage::Confirm(_) => cfg!(feature = "confirm"),
            SessionPage::BeforeYouStart => cfg!(feature = "eligibility"),
            SessionPage::Pricing => cfg!(feature = "pricing"),
            SessionPage::FacebookCallback => cfg!(feature = "callback"),
            SessionPage::Profile { step, .. } => match step {
                None => cfg!(feature = "profile"),
                Some(ProfilePage::Account) => cfg!(feature = "profile-account"),
                Some(ProfilePage::Contact) => cfg!(feature = "profile-contact"),
                Some(ProfilePage::Review) => cfg!(feature = "review"),
            },
        },
    }
}

/// The page the address names ([`Page::parse`] is the route table), or the
/// hand-over to the full app for a page this build does not have. A page is
/// drawn again only when the address names another page: the session's frame
/// stays while the user moves between the pages behind the login, and a
/// channel's profile frame while they move between its steps.
#[component]
fn Pages() -> impl IntoView {
    let page = nav::current_page();
    // A page the user moved to (or, in the full app, the page a first-load build
    // handed over after the user moved there) has the focus on its heading.
    reactive::effect(move || {
        page.track();
        page::focus_heading_if_lost();
    });
    let handed_over = Memo::new(move |_| !has_page(&page.get()));
    // The pages outside the session; `None` for every page behind it.
    let outside = Memo::new(move |_| match page.get() {
        Page::Session(_) => None,
        other => Some(other),
    });
    #[cfg(feature = "session-pages")]
    let behind_login = behind_login(page);
    move || {
        if handed_over.get() {
            return view! { <routes::hand_over::HandOver/> }.into_any();
        }
        #[allow(unreachable_patterns)]
        match outside.get() {
            #[cfg(feature = "start")]
            Some(Page::Start) => view! { <routes::start::Start/> }.into_any(),
            #[cfg(any(feature = "login", all(feature = "full", debug_assertions)))]
            Some(Page::LogIn) => view! { <routes::login::Login/> }.into_any(),
            #[cfg(any(feature = "set-password", all(feature = "full", debug_assertions)))]
            Some(Page::SetPassword) => view! { <routes::set_password::SetPassword/> }.into_any(),
            #[cfg(any(feature = "handoff", all(feature = "full", debug_assertions)))]
            Some(Page::Handoff) => view! { <routes::handoff::HandoffPage/> }.into_any(),
            #[cfg(feature = "not-found")]
            Some(_) => view! { <routes::not_found::NotFound/> }.into_any(),
            #[cfg(feature = "session-pages")]
            None => {
                let behind_login = behind_login.clone();
                view! { <session::RequireSession>{behind_login()}</session::RequireSession> }
                    .into_any()
            }
            // Not drawn: `has_page` handed it over.
            _ => ().into_any(),
        }
    }
}

/// The pages behind the login this build has, in the session's frame.
#[cfg(feature = "session-pages")]
fn behind_login(page: Memo<Page>) -> impl Fn() -> AnyView + Clone + Send + Sync + 'static {
    use domain::navigation::SessionPage;
    // The page behind the session, a profile without its step.
    let inside = Memo::new(move |_| match page.get() {
        Page::Session(SessionPage::Profile { channel, .. }) => Some(SessionPage::Profile {
            channel,
            step: None,
        }),
        Page::Session(inside) => Some(inside),
        _ => None,
    });
    #[cfg(feature = "profile")]
    let step = Memo::new(move |_| match page.get() {
        Page::Session(SessionPage::Profile { step, .. }) => step,
        _ => None,
    });
    move || {
        #[allow(unreachable_patterns)]
        match inside.get() {
            #[cfg(feature = "channels")]
            Some(SessionPage::Channels) => view! { <routes::channels::Channels/> }.into_any(),
            #[cfg(feature = "request")]
            Some(SessionPage::NewChannel) => {
                view! { <routes::request_channel::RequestChannel/> }.into_any()
            }
            #[cfg(feature = "confirm")]
            Some(SessionPage::Confirm(channel)) => {
                view! { <routes::confirm::Confirm channel/> }.into_any()
            }
            #[cfg(feature = "eligibility")]
            Some(SessionPage::BeforeYouStart) => {
                view! { <routes::eligibility::BeforeYouStart/> }.into_any()
            }
            #[cfg(feature = "pricing")]
            Some(SessionPage::Pricing) => view! { <routes::pricing::Pricing/> }.into_any(),
            #[cfg(feature = "callback")]
            Some(SessionPage::FacebookCallback) => {
                view! { <routes::facebook_callback::FacebookCallback/> }.into_any()
            }
            #[cfg(feature = "profile")]
            Some(SessionPage::Profile { channel, .. }) => {
                view! { <routes::profile::ProfileShell channel step/> }.into_any()
            }
            // Not drawn: `has_page` handed it over.
            _ => ().into_any(),
        }
    }
}

/// Tells the host page every step the user moves to (on a page this build has:
/// the full app tells the others once it has taken over).
#[cfg(feature = "session-pages")]
fn step_events() {
    let location = leptos_router::hooks::use_location();
    crate::reactive::effect(move || {
        let path = location.pathname.get();
        let path = host::inside(&path);
        if has_page(&Page::parse(path)) {
            host::at_step(path);
        }
    });
}
