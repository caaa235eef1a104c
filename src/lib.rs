//! The WhatsApp channel onboarding app: the router, the layout and `<main>`.
//! Each page lives in its own module under `routes`.

pub mod api;
pub mod brand;
pub mod components;
pub mod drafts;
pub mod events;
pub mod form;
pub mod form_memory;
pub mod format;
pub mod page;
pub mod random;
pub mod routes;
pub mod session;
pub mod signup;
pub mod storage;

use leptos::prelude::*;
use leptos_router::components::{ParentRoute, Redirect, Route, Router, Routes};
use leptos_router::path;
use routes::{
    channels, eligibility, header, login, not_found, pricing, request_channel, set_password,
};
use routes::{confirm, facebook_callback, profile};
use session::{RequireSession, Session};

/// The whole app.
#[component]
pub fn App() -> impl IntoView {
    brand::provide(None);
    let session = Session::provide();
    api::on_unauthorized(move || session.ended());
    view! {
        <Router>
            <a class="skip-link" href="#main">"Skip to main content"</a>
            <header::Header/>
            <main id="main" tabindex="-1">
                <Routes fallback=not_found::NotFound>
                    <Route path=path!("/") view=|| view! { <Redirect path=domain::navigation::HOME/> }/>
                    <Route path=path!("/login") view=login::Login/>
                    <Route path=path!("/set-password") view=set_password::SetPassword/>
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
            </main>
        </Router>
    }
}
