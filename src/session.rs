//! Who is logged in, shared by every page, and the guard for pages that need a session.

use crate::api::{self, ApiError, Options};
use crate::components::{Notice, Tone};
use domain::contract::SessionInfo;
use domain::endpoint;
use domain::navigation::{login_url, Route};
use leptos::prelude::*;
use leptos_router::components::Outlet;
use leptos_router::hooks::{use_location, use_navigate};
use leptos_router::NavigateOptions;

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
        session.check();
        session
    }

    /// Asks the backend for the current session.
    pub fn check(self) {
        self.0.set(SessionState::Checking);
        leptos::task::spawn_local(async move {
            match api::fetch_with(endpoint::SESSION, &[], Options::PUBLIC).await {
                Ok(info) => self.logged_in(info),
                Err(ApiError::Unauthorized) => self.0.set(SessionState::Anonymous(Why::NotYet)),
                Err(e) => self.0.set(SessionState::Unreachable(e)),
            }
        });
    }

    /// A login or password change succeeded.
    pub fn logged_in(self, info: SessionInfo) {
        api::set_csrf_token(Some(info.csrf_token.clone()));
        self.0.set(SessionState::LoggedIn(info));
    }

    /// The backend said the session is gone (a 401 on any call).
    pub fn ended(self) {
        api::set_csrf_token(None);
        let was_live = matches!(self.0.get_untracked(), SessionState::LoggedIn(_));
        self.0.set(SessionState::Anonymous(if was_live {
            Why::Expired
        } else {
            Why::NotYet
        }));
    }

    /// The user logged out.
    pub fn logged_out(self) {
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
}

/// Renders the child route only with a session; otherwise sends the user to log
/// in and back here afterwards. What they typed is kept by [`crate::form_memory`].
#[component]
pub fn RequireSession() -> impl IntoView {
    let session = use_session();
    let navigate = use_navigate();
    let location = use_location();
    let gate = Memo::new(move |_| match session.0.get() {
        SessionState::Checking => Gate::Wait,
        SessionState::LoggedIn(_) => Gate::Open,
        SessionState::Anonymous(_) => Gate::Login,
        SessionState::Unreachable(_) => Gate::Down,
    });
    Effect::new(move |_| {
        if gate.get() == Gate::Login {
            let why = match session.0.get_untracked() {
                SessionState::Anonymous(why) => why,
                _ => Why::NotYet,
            };
            if why == Why::LoggedOut {
                // The same place the log-out button goes, whichever runs first.
                navigate(
                    &Route::LoggedOut.href(),
                    NavigateOptions {
                        replace: true,
                        ..Default::default()
                    },
                );
                return;
            }
            let search = location.search.get_untracked();
            let here = if search.is_empty() {
                location.pathname.get_untracked()
            } else {
                format!("{}?{search}", location.pathname.get_untracked())
            };
            navigate(
                &login_url(&here, why == Why::Expired),
                NavigateOptions {
                    replace: true,
                    ..Default::default()
                },
            );
        }
    });
    move || match gate.get() {
        Gate::Open => view! { <Outlet/> }.into_any(),
        Gate::Wait | Gate::Login => {
            view! { <p class="loading" role="status">"Checking you are logged in…"</p> }.into_any()
        }
        Gate::Down => {
            let message = match session.0.get_untracked() {
                SessionState::Unreachable(e) => e.to_string(),
                _ => String::new(),
            };
            view! {
                <Notice tone=Tone::Error retry=Callback::new(move |()| session.check())>
                    <h1>"We could not reach the server"</h1>
                    <p>{message}</p>
                </Notice>
            }
            .into_any()
        }
    }
}
