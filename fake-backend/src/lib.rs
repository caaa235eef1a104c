//! A local stand-in for the onboarding backend: the JSON API under `/api`, the
//! dev mailbox under `/dev`, a simulation of Facebook's Embedded Signup dialog
//! under `/facebook`, and (in test mode) switches for tests.
//!
//! Every request and answer body is a type from the `domain` crate, the same
//! one the app uses, so the two cannot drift apart.

pub mod auth;
pub mod caching;
pub mod clock;
pub mod failure;
pub mod faults;
pub mod idempotency;
pub mod limits;
pub mod mail;
pub mod origin;
pub mod phone;
pub mod rate_card;
pub mod routes;
pub mod secrets;
pub mod seed;
pub mod store;

use axum::extract::DefaultBodyLimit;
use axum::handler::Handler;
use axum::http::StatusCode;
use axum::response::IntoResponse;
use axum::routing::{any, get, post, MethodFilter};
use axum::{middleware, Router};
use domain::endpoint::{Endpoint, Method};
use domain::picture::PICTURE_MAX_BYTES;
use domain::testing::FaultRule;
use failure::ApiFailure;
use std::path::PathBuf;
use std::sync::{Arc, Mutex};
use store::{MemoryStore, Store};

/// How the backend was started.
#[derive(Debug, Clone)]
pub struct Config {
    /// Where the app is served, for links in emails (e.g. `http://127.0.0.1:8080`).
    pub app_url: String,
    /// Serve the test-only endpoints and honour fault rules.
    pub test_mode: bool,
    /// Also serve the built app from this folder (any unknown path gets index.html).
    pub static_dir: Option<PathBuf>,
    /// Do not print mail on the console (tests).
    pub quiet: bool,
    /// Serve the example portal from this folder under `/portal` (and its stand-in
    /// login, `POST /dev/portal-session`).
    pub example_host_dir: Option<PathBuf>,
}

impl Config {
    /// Cookies get `Secure` when the app is served over https.
    pub fn secure_cookies(&self) -> bool {
        self.app_url.starts_with("https://")
    }

    /// Where Facebook's dialog sends the user back: the app's callback page.
    pub fn redirect_uri(&self) -> String {
        format!("{}/facebook/callback", self.app_url.trim_end_matches('/'))
    }

    /// Every callback address registered with the (simulated) Facebook app: the
    /// app's own, and, with the example portal, the app's under `/portal/whatsapp`.
    pub fn redirect_uris(&self) -> Vec<String> {
        let mut uris = vec![self.redirect_uri()];
        if self.example_host_dir.is_some() {
            uris.push(format!(
                "{}{EXAMPLE_HOST_BASE}/facebook/callback",
                self.app_url.trim_end_matches('/')
            ));
        }
        uris
    }
}

/// The Embedded Signup settings the app is given, and the simulated dialog checks.
///
/// Kept apart from [`Config`] so that code building a `Config` by hand keeps
/// compiling; [`AppState::new`] uses [`FacebookConfig::default`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FacebookConfig {
    /// The dialog's base, before `/{version}/dialog/oauth`. The simulation is always
    /// served by this backend under `/facebook`; this only says by which host
    /// name to reach it. The default, `http://localhost:{port}/facebook`, is
    /// another origin than the app's `http://127.0.0.1:…`, as the real Facebook is.
    pub dialog_url: String,
    /// The Facebook app id (`client_id`).
    pub app_id: String,
    /// The Embedded Signup configuration id (`config_id`).
    pub config_id: String,
    /// The Graph API version in the dialog's path.
    pub graph_api_version: String,
}

impl FacebookConfig {
    /// The settings for a backend listening on `port`.
    pub fn local(port: u16) -> Self {
        Self {
            dialog_url: format!("http://localhost:{port}/facebook"),
            app_id: "1234567890123456".into(),
            config_id: "sim-config-1".into(),
            graph_api_version: "v21.0".into(),
        }
    }
}

impl Default for FacebookConfig {
    /// [`FacebookConfig::local`] on the default port, 3000.
    fn default() -> Self {
        Self::local(3000)
    }
}

/// What every handler shares.
#[derive(Clone)]
pub struct AppState {
    /// The data.
    pub store: Arc<dyn Store>,
    /// The clock tests can move.
    pub clock: Arc<clock::Clock>,
    /// Test-only fault rules.
    pub faults: Arc<Mutex<Vec<FaultRule>>>,
    /// Start-up settings.
    pub config: Arc<Config>,
    /// Embedded Signup settings.
    pub facebook: Arc<FacebookConfig>,
    /// The `Host` names answered ([`origin::known_host`]).
    pub hosts: Arc<origin::Hosts>,
    /// How long a hand-off link works ([`domain::handoff::DEFAULT_LIFETIME_SECS`]
    /// unless [`AppState::with_handoff_lifetime`] says otherwise).
    pub handoff_lifetime_secs: i64,
}

impl AppState {
    /// A backend holding the seed in memory, with the default Facebook settings.
    pub fn new(config: Config) -> Self {
        Self::with_facebook(config, FacebookConfig::default())
    }

    /// A backend holding the seed in memory.
    pub fn with_facebook(config: Config, facebook: FacebookConfig) -> Self {
        let clock = Arc::new(clock::Clock::default());
        let data = seed::seed(clock.now(), &config.app_url, None, config.quiet);
        let mut hosts = origin::Hosts::default();
        hosts.add_url(&config.app_url);
        hosts.add_url(&facebook.dialog_url);
        Self {
            hosts: Arc::new(hosts),
            store: Arc::new(MemoryStore::new(data)),
            clock,
            faults: Arc::default(),
            config: Arc::new(config),
            facebook: Arc::new(facebook),
            handoff_lifetime_secs: domain::handoff::DEFAULT_LIFETIME_SECS,
        }
    }

    /// Hand-off links work for `secs` (at least a second).
    pub fn with_handoff_lifetime(mut self, secs: i64) -> Self {
        self.handoff_lifetime_secs = secs.max(1);
        self
    }

    /// Also answers for `localhost` and `127.0.0.1` on `port`, where the server listens.
    pub fn listening_on(mut self, port: u16) -> Self {
        Arc::make_mut(&mut self.hosts).add_local(port);
        self
    }

    /// What `GET /api/signup/config` answers, and every attempt carries.
    pub fn signup_config(&self) -> domain::signup::SignupConfig {
        domain::signup::SignupConfig {
            app_id: self.facebook.app_id.clone(),
            config_id: self.facebook.config_id.clone(),
            graph_api_version: self.facebook.graph_api_version.clone(),
            redirect_uri: self.config.redirect_uri(),
            dialog_base_url: self.facebook.dialog_url.trim_end_matches('/').to_string(),
        }
    }
}

/// Routes an endpoint of the contract ([`domain::endpoint`]) by its own method and route,
/// so the backend never writes a path of its own.
trait RouteEndpoint {
    /// Adds `handler` for `endpoint`.
    fn endpoint<Req, Res, H, T>(self, endpoint: Endpoint<Req, Res>, handler: H) -> Self
    where
        H: Handler<T, AppState>,
        T: 'static;
}

impl RouteEndpoint for Router<AppState> {
    fn endpoint<Req, Res, H, T>(self, endpoint: Endpoint<Req, Res>, handler: H) -> Self
    where
        H: Handler<T, AppState>,
        T: 'static,
    {
        let filter = match endpoint.method {
            Method::Get => MethodFilter::GET,
            Method::Post => MethodFilter::POST,
            Method::Patch => MethodFilter::PATCH,
            Method::Delete => MethodFilter::DELETE,
        };
        self.route(endpoint.route, axum::routing::on(filter, handler))
    }
}

/// The API's OpenAPI document, as checked in (the domain's types generate it; a test
/// keeps the two the same).
const OPENAPI: &str = include_str!("../../contract/openapi.json");
/// The test harness's OpenAPI document.
const OPENAPI_TEST: &str = include_str!("../../contract/openapi.test.json");

/// A JSON document served as it is.
fn json_document(text: &'static str) -> axum::response::Response {
    (
        [(axum::http::header::CONTENT_TYPE, "application/json")],
        text,
    )
        .into_response()
}

/// Where the example portal mounts the app.
pub const EXAMPLE_HOST_BASE: &str = "/portal/whatsapp";

/// Largest JSON body any endpoint accepts.
pub const JSON_LIMIT: usize = 64 * 1024;

/// The whole HTTP surface.
pub fn router(state: AppState) -> Router {
    use domain::endpoint as e;
    use domain::testing as t;
    use routes::*;
    let mut api = Router::new()
        .endpoint(e::HEALTH, || async {
            axum::Json(domain::contract::Health { ok: true })
        })
        .endpoint(e::BRAND, || async { axum::Json(seed::brand()) })
        .endpoint(e::OPENAPI, || async { json_document(OPENAPI) })
        .endpoint(e::SESSION, session::current)
        .endpoint(e::LOG_IN, session::login)
        .endpoint(e::LOG_OUT, session::logout)
        .endpoint(e::REQUEST_PASSWORD_LINK, password::request_new)
        .endpoint(e::PASSWORD_LINK, password::check)
        .endpoint(e::SET_PASSWORD, password::set)
        .endpoint(e::CHANNELS, links::list)
        .endpoint(e::REQUEST_CHANNEL, channels::request)
        .endpoint(e::LINK, links::link)
        .endpoint(e::PROFILE, profile::get)
        .endpoint(e::SAVE_PROFILE, profile::patch)
        .endpoint(e::CHECK_PROFILE, profile::check)
        .route(
            e::UPLOAD_PICTURE.route,
            // The image is the body: up to 5 MB instead of the JSON limit below.
            post(profile::upload_picture).layer(DefaultBodyLimit::max(PICTURE_MAX_BYTES)),
        )
        .endpoint(e::COMPLETE_PROFILE, profile::complete)
        .endpoint(e::PICTURE, profile::picture)
        .endpoint(e::ROUTING_SCRIPTS, channels::routing_scripts)
        .endpoint(e::ELIGIBILITY, eligibility::get)
        .endpoint(e::REQUEST_TERMS, eligibility::request_terms)
        .endpoint(
            e::CONFIRM_FACEBOOK_BUSINESS,
            eligibility::confirm_facebook_business,
        )
        .endpoint(e::RATE_CARD, |_: auth::Authed| async {
            axum::Json(rate_card::rate_card())
        })
        .endpoint(e::SIGNUP_CONFIG, signup::config)
        .endpoint(e::START_SIGNUP, signup::start)
        .endpoint(e::EXCHANGE_CODE, signup::exchange)
        .endpoint(e::NUMBERS, signup::numbers)
        .endpoint(e::HANDOFF, handoff::get)
        .endpoint(e::SEND_HANDOFF, handoff::send)
        .endpoint(e::RESEND_HANDOFF, handoff::resend)
        .endpoint(e::CANCEL_HANDOFF, handoff::cancel)
        .endpoint(e::OPEN_HANDOFF, handoff::open)
        .endpoint(e::CURRENT_HANDOFF, handoff::current);
    if state.config.test_mode {
        api = api
            .endpoint(t::RESET, testing::reset)
            .endpoint(t::STATE, testing::state)
            .endpoint(t::OPENAPI, || async { json_document(OPENAPI_TEST) })
            .endpoint(t::ADD_FAULT, testing::add_fault)
            .endpoint(t::CLEAR_FAULTS, testing::clear_faults)
            .endpoint(t::ADVANCE_CLOCK, testing::advance_clock)
            .endpoint(t::FREEZE_CLOCK, testing::freeze_clock)
            .endpoint(t::EXPIRE_SESSIONS, testing::expire_sessions)
            .endpoint(t::FACEBOOK_MODE, testing::facebook_mode)
            .endpoint(t::ACTIVATE, links::activate_now)
            .endpoint(t::MANY_CHANNELS, links::many);
    }
    let api = api
        .route("/api/{*rest}", any(|| async { ApiFailure::not_found() }))
        .method_not_allowed_fallback(|| async {
            ApiFailure::new(
                StatusCode::METHOD_NOT_ALLOWED,
                domain::error::ErrorCode::Malformed,
                "This address does not accept that method.",
            )
        })
        .layer(DefaultBodyLimit::max(JSON_LIMIT));

    let mut app = api
        .route("/dev/mailbox", get(mailbox::page))
        .route("/dev/mailbox.json", get(mailbox::json));
    if let Some(dir) = &state.config.example_host_dir {
        let page = tower_http::services::ServeFile::new(dir.join("index.html"));
        app = app
            .route("/dev/portal-session", post(portal::session))
            .nest_service(
                "/portal/assets",
                tower_http::services::ServeDir::new(dir.join("assets")),
            )
            .route_service("/portal", page.clone())
            .route_service("/portal/{*rest}", page);
    }
    if let Some(dir) = &state.config.static_dir {
        let index = dir.join("index.html");
        // Precompressed copies (`.br`, `.gz`, written by release builds) when the
        // browser accepts them, as a CDN serves them.
        app = app.fallback_service(
            tower_http::services::ServeDir::new(dir)
                .precompressed_br()
                .precompressed_gzip()
                .fallback(
                    tower_http::services::ServeFile::new(index)
                        .precompressed_br()
                        .precompressed_gzip(),
                ),
        );
    } else {
        app = app.fallback(|| async { (StatusCode::NOT_FOUND, "Not found").into_response() });
    }
    app.layer(middleware::from_fn_with_state(
        state.clone(),
        idempotency::honour,
    ))
    // Before a key is kept: a call a hand-off session may not make is refused outright.
    .layer(middleware::from_fn_with_state(
        state.clone(),
        auth::handoff_only,
    ))
    .layer(middleware::from_fn_with_state(
        state.clone(),
        faults::inject,
    ))
    .layer(middleware::from_fn(origin::same_origin_only))
    .layer(middleware::from_fn(caching::app_files))
    .layer(tower_http::catch_panic::CatchPanicLayer::custom(|_| {
        ApiFailure::for_status(StatusCode::INTERNAL_SERVER_ERROR).into_response()
    }))
    // Added after the layers above: the dialog is not the app, so it sets its
    // own headers (its own CSP, which lets its forms redirect to the app).
    .merge(facebook::router(&state))
    // Outermost: a request for another host name (DNS rebinding) reaches nothing.
    .layer(middleware::from_fn_with_state(
        state.clone(),
        origin::known_host,
    ))
    .with_state(state)
}
