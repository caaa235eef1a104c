//! A simulation of Facebook's Embedded Signup dialog, for local development and
//! tests: plain server-rendered pages, one per step. In popup mode
//! (`display=popup`) each page also loads `popup.js`, which posts the result to
//! the window that opened the dialog, as Meta's does (see `domain::popup`).
//!
//! `GET /facebook/{version}/dialog/oauth?…` checks the link against the
//! configuration (client id, config id, redirect URI, `response_type=code`, a
//! state) and starts a *flow* with a random, unguessable id; the steps live at
//! `/facebook/flow/{flow}/{step}` (GET shows a step, POST submits it, and a few
//! POST-only actions: `resend`, `switch`, `not-received`, `different-number`,
//! `return`, `cancel`). The user is only ever sent back to the flow's
//! `redirect_uri`, which is exactly the configured one, with every parameter
//! percent-encoded.
//!
//! The steps, in the order Meta's documentation gives them: log in; the
//! business details with the partner's name and image, where Continue gives the
//! partner permission; a page confirming that permission; confirm the legal
//! business name; confirm the description; choose SMS or voice call, where
//! Confirm sends the one-time code at once (delivered to the dev mailbox);
//! enter the code in time; then "registered" and back to the app with a one-time `code` the backend exchanges
//! ([`crate::routes::signup`]). The test-only mode
//! ([`DialogMode`](domain::testing::DialogMode)) makes the dialog fail the
//! ways real users report.
//!
//! The modules: `entry` checks the link and starts a flow; `flow` is the
//! state machine (which page a visit may see, what a submission does), with
//! the steps in `step` and the one-time phone code in `code`; `render` draws
//! each step with the pieces in `page`, and `partner` the partner's name and
//! image (from the brand); `form` reads url-encoded bodies,
//! `phone` reads and shows numbers, and `headers` sets the dialog's headers.

mod code;
mod entry;
mod flow;
mod form;
mod headers;
mod page;
mod partner;
mod phone;
mod render;
mod step;

pub use step::Step;

use crate::{secrets, AppState};
use axum::body::Bytes;
use axum::extract::rejection::{BytesRejection, PathRejection};
use axum::extract::{DefaultBodyLimit, Path, RawQuery, State};
use axum::http::{header, HeaderMap};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::{middleware, Router};
use domain::percent::encode;
use page::{see_other, Refusal};

/// GET: the dialog's entry, in the shape of Meta's OAuth dialog.
pub const OAUTH: &str = "/facebook/{version}/dialog/oauth";
/// GET: show a step; POST: submit it (or one of the actions).
pub const STEP: &str = "/facebook/flow/{flow}/{step}";
/// GET: the dialog's style sheet.
pub const CSS: &str = "/facebook/dialog.css";
/// GET: the script of the dialog's pages in popup mode.
pub const POPUP_JS: &str = "/facebook/popup.js";
/// GET: the partner's image.
pub const PARTNER_IMAGE: &str = "/facebook/partner.svg";
/// The largest form body accepted.
pub const FORM_LIMIT: usize = 16 * 1024;

const STYLE: &str = include_str!("../../../static/dialog.css");
const SCRIPT: &str = include_str!("../../../static/popup.js");

/// The dialog's routes, with their own headers: the app's Content Security
/// Policy is not theirs (their forms must be able to redirect to the app).
pub fn router(state: &AppState) -> Router<AppState> {
    Router::new()
        .route(OAUTH, get(oauth))
        .route(STEP, get(show).post(act))
        .route(CSS, get(css))
        .route(POPUP_JS, get(script))
        .route(PARTNER_IMAGE, get(partner::image))
        .layer(DefaultBodyLimit::max(FORM_LIMIT))
        .layer(middleware::map_response_with_state(
            state.clone(),
            headers::dialog_headers,
        ))
        .layer(tower_http::catch_panic::CatchPanicLayer::custom(|_| {
            Refusal::Broken.into_response()
        }))
}

/// GET /facebook/dialog.css (cached for five minutes).
async fn css() -> Response {
    (
        [
            (header::CONTENT_TYPE, "text/css; charset=utf-8"),
            (header::CACHE_CONTROL, "public, max-age=300"),
        ],
        STYLE,
    )
        .into_response()
}

/// GET /facebook/popup.js (cached for five minutes).
async fn script() -> Response {
    (
        [
            (header::CONTENT_TYPE, "text/javascript; charset=utf-8"),
            (header::CACHE_CONTROL, "public, max-age=300"),
        ],
        SCRIPT,
    )
        .into_response()
}

/// The address of one of a flow's pages (a step, a dead end or an action).
pub fn flow_path(flow: &str, step: &str) -> String {
    format!("/facebook/flow/{}/{}", encode(flow), encode(step))
}

/// GET /facebook/{version}/dialog/oauth: checks the link, starts a flow and
/// sends the browser to its first step. A link that does not match the
/// configuration gets a 400 page that sends the browser nowhere.
async fn oauth(
    State(state): State<AppState>,
    version: Result<Path<String>, PathRejection>,
    RawQuery(query): RawQuery,
) -> Response {
    let version = version.ok().map(|Path(v)| v);
    let config = state.signup_config();
    let now = state.clock.now();
    let flow = match entry::new_flow(
        version.as_deref(),
        query.as_deref().unwrap_or_default(),
        &config,
        &state.config.redirect_uris(),
        now,
    ) {
        Ok(flow) => flow,
        Err(why) => return Refusal::InvalidLink(why).into_response(),
    };
    let id = secrets::token();
    state.store.tx(|d| entry::keep(d, id.clone(), flow, now));
    see_other(&flow_path(&id, Step::Login.slug()))
}

/// A flow id and a step (or action) name from the path.
type StepPath = Result<Path<(String, String)>, PathRejection>;

/// GET /facebook/flow/{flow}/{step}.
async fn show(State(state): State<AppState>, path: StepPath) -> Response {
    let Ok(Path((flow_id, slug))) = path else {
        return Refusal::UnknownFlow.into_response();
    };
    let now = state.clock.now();
    state.store.tx(|d| flow::show(d, &flow_id, &slug, now))
}

/// POST /facebook/flow/{flow}/{step or action}.
async fn act(
    State(state): State<AppState>,
    path: StepPath,
    headers: HeaderMap,
    body: Result<Bytes, BytesRejection>,
) -> Response {
    let Ok(Path((flow_id, action))) = path else {
        return Refusal::UnknownFlow.into_response();
    };
    // The dialog's own pages post same-origin; nothing else may drive a flow.
    let site = headers.get("sec-fetch-site").and_then(|v| v.to_str().ok());
    if matches!(site, Some("cross-site" | "same-site")) {
        return Refusal::CrossSite.into_response();
    }
    let Ok(body) = body else {
        return Refusal::TooLarge.into_response();
    };
    let form = form::pairs(&body);
    let now = state.clock.now();
    let quiet = state.config.quiet;
    state
        .store
        .tx(|d| flow::submit(d, &flow_id, &action, &form, now, quiet))
}
