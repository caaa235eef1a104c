//! Who is logged in, shared by every page, and the guard for pages that need a session.

use crate::api::{self, ApiError, Options};
use crate::components::{Notice, Tone};
use crate::host;
use crate::i18n::text;
use crate::nav::use_go;
use crate::storage::{self, Store};
use domain::contract::SessionInfo;
use domain::embed::{Auth, Event};
use domain::endpoint;
use domain::navigation::{login_url, Route};
use leptos::prelude::*;
use leptos_router::hooks::use_location;

/// Where the session stands.
#[derive(Debug, Clone, PartialEq)]
pub enum SessionState {
    /// Asking the backend.
    Checking,
    /// Not logged in, and why.
    Anonymous(Why),
    /// Logged in.
    LoggedIn(SessionInfo),
    /// The backend could not be asked.
    Unreachable(ApiError),
    /// The session ended and the host page logs the user in (`auth: 'host'`): the
    /// page stays as it is, and what it sends waits until the host calls `resume()`.
    Suspended,
}

/// Why nobody is logged in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Why {
    /// Nobody has logged in in this tab yet.
    NotYet,
    /// A live session ended under the user (expired, or ended elsewhere).
    Expired,
    /// The user logged out.
    LoggedOut,
}

/// The session, as context.
#[derive(Debug, Clone, Copy)]
pub struct Session(pub RwSignal<SessionState>);

impl Session {
    /// Creates the session context and asks the backend whether a session exists.
    pub fn provide() -> Self {
        let session = Session(RwSignal::new(SessionState::Checking));
        provide_context(session);
        if let Some(owner) = Owner::current() {
            CURRENT.with(|c| *c.borrow_mut() = Some((session, owner)));
        }
        // Carrying on from the first-load build, which already knew.
        match host::take_carried_session() {
            Some(info) => session.logged_in(info),
            None => session.check(),
        }
        // A page the browser shows again from its back/forward cache (Back, after
        // leaving for Facebook or the portal) was frozen meanwhile, and a log-out in a
        // later page, or another account's login, told it nothing. Until the backend
        // says who is logged in, the page is held as on a first load, so the next
        // person at a shared computer never sees what the last one left on it.
        crate::listen::listen(&window(), "pageshow", move |ev: web_sys::Event| {
            use wasm_bindgen::JsCast;
            // `pageshow` is always a PageTransitionEvent (unchecked: its type
            // test cost the first loads 0.2 KB brotli more).
            let persisted = ev
                .unchecked_ref::<web_sys::PageTransitionEvent>()
                .persisted();
            if persisted && matches!(session.0.get_untracked(), SessionState::LoggedIn(_)) {
                session.check();
            }
        });
        session
    }

    /// Asks the backend for the current session (the pages wait meanwhile).
    pub fn check(self) {
        self.0.set(SessionState::Checking);
        self.ask();
    }

    /// Asks the backend for the current session, leaving the page as it is until
    /// the answer comes.
    fn ask(self) {
        let asked = EPOCH.get();
        leptos::task::spawn_local_scoped_with_cancellation(async move {
            let answer = api::fetch_with(endpoint::SESSION, &[], Options::PUBLIC).await;
            // The user logged in or out while the question was on its way: its
            // answer speaks of the session before, and the app already knows better.
            if EPOCH.get() != asked {
                return;
            }
            match answer {
                Ok(info) => {
                    self.logged_in(info);
                    api::resumed();
                }
                Err(ApiError::Unauthorized) => self.ended(),
                Err(ApiError::Cancelled) => {}
                Err(e) => self.0.set(SessionState::Unreachable(e)),
            }
        });
    }

    /// A login or password change succeeded. What another account left in this
    /// browser (drafts, typed text, a Facebook sign-up under way) is removed first.
    pub fn logged_in(self, info: SessionInfo) {
        let id = info.account.id.clone();
        if storage::read(Store::Tab, TAB_ACCOUNT).is_some_and(|before| before != id) {
            crate::form_memory::forget_all();
            crate::signup::forget();
        }
        storage::write(Store::Tab, TAB_ACCOUNT, &id);
        EPOCH.set(EPOCH.get().wrapping_add(1));
        crate::drafts::forget_others(&id);
        ACCOUNT.with(|a| *a.borrow_mut() = Some(id));
        api::set_csrf_token(Some(info.csrf_token.clone()));
        self.0.set(SessionState::LoggedIn(info));
    }

    /// The backend said the session is gone (a 401 on any call).
    pub fn ended(self) {
        api::set_csrf_token(None);
        let now = self.0.get_untracked();
        if host::settings().auth == Auth::Host {
            // The host logs the user in again; tell it once, and keep the page.
            if now != SessionState::Suspended {
                self.0.set(SessionState::Suspended);
                host::emit(&Event::SessionExpired);
            }
            return;
        }
        let was_live = matches!(now, SessionState::LoggedIn(_));
        self.0.set(SessionState::Anonymous(if was_live {
            Why::Expired
        } else {
            Why::NotYet
        }));
    }

    /// The user logged out: nothing they typed stays in this browser.
    pub fn logged_out(self) {
        crate::drafts::forget_all();
        crate::form_memory::forget_all();
        crate::signup::forget();
        storage::remove(Store::Tab, TAB_ACCOUNT);
        ACCOUNT.with(|a| *a.borrow_mut() = None);
        EPOCH.set(EPOCH.get().wrapping_add(1));
        api::set_csrf_token(None);
        self.0.set(SessionState::Anonymous(Why::LoggedOut));
    }

    /// The logged-in session, if any.
    pub fn info(self) -> Option<SessionInfo> {
        match self.0.get() {
            SessionState::LoggedIn(info) => Some(info),
            _ => None,
        }
    }
}

/// This tab's last logged-in account (sessionStorage), to tell when another logs in.
const TAB_ACCOUNT: &str = "account";

/// The logged-in account's id, which keys what the app keeps on the device.
pub fn account_id() -> Option<String> {
    ACCOUNT.with(|a| a.borrow().clone())
}

thread_local! {
    /// The logged-in account's id.
    static ACCOUNT: std::cell::RefCell<Option<String>> = const { std::cell::RefCell::new(None) };
    /// The session and the app's owner, for `resume()` from the host page.
    static CURRENT: std::cell::RefCell<Option<(Session, Owner)>> = const { std::cell::RefCell::new(None) };
    /// Moves on at each login and logout: a session check asked before it is stale.
    static EPOCH: std::cell::Cell<u32> = const { std::cell::Cell::new(0) };
}

/// The host logged the user in again (`auth: 'host'`): check the session, and send
/// what was waiting.
pub fn resume() {
    if let Some((session, owner)) = CURRENT.with(|c| c.borrow().clone()) {
        // Under the app's owner, so the check stops if the app is unmounted.
        owner.with(|| session.ask());
    }
}

/// Forgets the session (the app is unmounted): no token stays in memory, and
/// nothing waits for a resume any more.
pub fn forget() {
    CURRENT.with(|c| *c.borrow_mut() = None);
    crate::popup::forget();
    api::set_csrf_token(None);
    api::abandon_waiting();
    api::forget_unauthorized();
}

/// The session from context.
pub fn use_session() -> Session {
    expect_context::<Session>()
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Gate {
    Wait,
    Open,
    Login,
    Down,
    /// The host logs the user in again (`auth: 'host'`): the page stays, with a notice.
    Held,
}

/// Renders the page behind it only with a session; otherwise sends the user to
/// log in and back here afterwards. What they typed is kept by [`crate::form_memory`].
#[component]
pub fn RequireSession(children: ChildrenFn) -> impl IntoView {
    let session = use_session();
    let go = use_go();
    let location = use_location();
    let gate = Memo::new(move |_| match session.0.get() {
        SessionState::Checking => Gate::Wait,
        SessionState::LoggedIn(_) => Gate::Open,
        SessionState::Anonymous(_) => Gate::Login,
        SessionState::Unreachable(_) => Gate::Down,
        SessionState::Suspended => Gate::Held,
    });
    crate::reactive::effect(move || {
        if gate.get() == Gate::Login {
            let why = match session.0.get_untracked() {
                SessionState::Anonymous(why) => why,
                _ => Why::NotYet,
            };
            if why == Why::LoggedOut {
                // The same place the log-out button goes, whichever runs first.
                go.replace(Route::LoggedOut);
                return;
            }
            let search = location.search.get_untracked();
            let here = if search.is_empty() {
                location.pathname.get_untracked()
            } else {
                format!("{}?{search}", location.pathname.get_untracked())
            };
            go.address(&host::href(&login_url(&here, why == Why::Expired)), true);
        }
    });
    // The page stays mounted while the host logs the user in again: only the
    // notice above it comes and goes.
    let page = Memo::new(move |_| matches!(gate.get(), Gate::Open | Gate::Held));
    view! {
        {move || (gate.get() == Gate::Held).then(|| view! {
            <Notice tone=Tone::Error>
                <p>{text().common.session_held}</p>
            </Notice>
        })}
        {move || {
            if page.get() {
                return children().into_any();
            }
            match gate.get() {
                Gate::Down => {
                    let message = match session.0.get_untracked() {
                        SessionState::Unreachable(e) => e.to_string(),
                        _ => String::new(),
                    };
                    view! {
                        <Notice tone=Tone::Error retry=Callback::new(move |()| session.check())>
                            <h1>{text().common.unreachable_title}</h1>
                            <p>{message}</p>
                        </Notice>
                    }
                    .into_any()
                }
                _ => view! { <p class="loading" role="status">{text().common.checking_session}</p> }.into_any(),
            }
        }}
    }
}
