//! Addresses and moves inside the app, always under its base path (the host
//! page's path the app lives at; `/` on its own page).
//!
//! Links take [`Href::href`]; moves go through [`Go`]. Both give the router full
//! addresses and never let it resolve them again, so a link or a move can never
//! leave the base path or land twice under it.

use crate::host;
use domain::navigation::{safe_return_path, Page, Route, HOME};
use leptos::prelude::*;
use leptos_router::hooks::{use_location, use_navigate};
use leptos_router::location::{BrowserUrl, LocationProvider};
use leptos_router::NavigateOptions;
use std::rc::Rc;

/// The full address of an app page, under the base path.
pub trait Href {
    /// The address for an `href`.
    fn href(&self) -> String;
}

impl Href for Route<'_> {
    fn href(&self) -> String {
        host::href(&self.path())
    }
}

/// The page the address shows, following it.
///
/// The router puts a followed link's address in the address bar only once the
/// routes say its page is drawn; the app's routes are this one match, so it
/// says so itself, after each move to another path.
pub fn current_page() -> Memo<Page> {
    let location = use_location();
    let browser = use_context::<BrowserUrl>();
    crate::reactive::effect(move || {
        location.pathname.track();
        if let Some(browser) = &browser {
            browser.ready_to_complete();
        }
    });
    Memo::new(move |_| Page::parse(host::inside(&location.pathname.get())))
}

/// The router's navigate function.
type Navigate = Rc<dyn Fn(&str, NavigateOptions)>;

/// Moves the app to another page (a handle from [`use_go`]).
#[derive(Clone)]
pub struct Go(Navigate);

/// The mover for this page.
pub fn use_go() -> Go {
    let navigate = use_navigate();
    Go(Rc::new(move |to, opts| navigate(to, opts)))
}

impl Go {
    /// To `route`, as a new history entry.
    pub fn to(&self, route: Route<'_>) {
        self.address(&route.href(), false);
    }

    /// To `route`, replacing this history entry (so Back skips this page).
    pub fn replace(&self, route: Route<'_>) {
        self.address(&route.href(), true);
    }

    /// To a full address (already under the base path).
    pub fn address(&self, full: &str, replace: bool) {
        (self.0)(
            full,
            NavigateOptions {
                resolve: false,
                replace,
                ..Default::default()
            },
        );
    }
}

/// Where to go after logging in: `next` if it is an address inside the app (under
/// its base path), else the channels page.
pub fn return_address(next: Option<&str>) -> String {
    let base = host::settings().base_path;
    match safe_return_path(next) {
        p if p == HOME => Route::Channels.href(),
        p if base == "/" || p == base || p.starts_with(&format!("{base}/")) => p.to_string(),
        _ => Route::Channels.href(),
    }
}
