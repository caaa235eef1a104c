//! A simulation of Facebook's Embedded Signup dialog, for local development and
//! tests: plain server-rendered pages, one per step, with no JavaScript.
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
//! The steps: log in, grant the partner access, confirm the legal business
//! name, confirm the description, verify the phone number with a one-time code
//! (by SMS or voice call, delivered to the dev mailbox), then "registered" and
//! back to the app with a one-time `code` the backend exchanges
//! ([`crate::routes::signup`]). The test-only mode ([`DialogMode`]) makes the
//! dialog fail the ways real users report.

use crate::html::escape;
use crate::mail;
use crate::origin::set_security_headers;
use crate::store::{CodeMethod, Data, DialogDeadEnd, DialogFlow, IssuedCode, PhoneCode};
use crate::{secrets, AppState};
use axum::body::Bytes;
use axum::extract::rejection::BytesRejection;
use axum::extract::{DefaultBodyLimit, Path, RawQuery, State};
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::{middleware, Router};
use domain::contract::{DialogMode, Timestamp};
use domain::phone::{self, E164};
use domain::profile::validate_description;
use domain::signup::{encode, same_secret, SignupPrefill, STATE_MIN_BYTES};
use serde_json::Value;

/// GET: the dialog's entry, in the shape of Meta's OAuth dialog.
pub const OAUTH: &str = "/facebook/{version}/dialog/oauth";
/// GET: show a step; POST: submit it (or one of the actions).
pub const STEP: &str = "/facebook/flow/{flow}/{step}";
/// GET: the dialog's style sheet.
pub const CSS: &str = "/facebook/dialog.css";

/// The partner the customer grants access to, as the dialog names it.
pub const PARTNER: &str = "Cloud Contact Centre";
/// The banner on every page.
pub const BANNER: &str =
    "Simulated Facebook dialog for local development and tests: this is not Facebook";

/// How long a one-time phone code works.
pub const PHONE_CODE_LIFETIME_SECS: i64 = 10 * 60;
/// How long after a code is sent a new one may be asked for.
pub const RESEND_WAIT_SECS: i64 = 30;
/// Wrong entries a phone code allows.
pub const PHONE_CODE_ATTEMPTS: u8 = 3;
/// A flow is forgotten this long after its link was opened.
pub const FLOW_LIFETIME_SECS: i64 = 60 * 60;
/// At most this many flows are kept; the oldest go first.
pub const MAX_FLOWS: usize = 500;
/// Codes issued to the app are forgotten this long after (they expire much sooner).
pub const ISSUED_CODE_KEEP_SECS: i64 = 24 * 60 * 60;
/// The longest `state` accepted.
pub const STATE_MAX_CHARS: usize = 512;
/// The largest form body accepted.
pub const FORM_LIMIT: usize = 16 * 1024;
/// The longest text kept from `extras` or a form field.
const TEXT_MAX: usize = 2_048;
/// The longest legal business name.
const LEGAL_NAME_MAX: usize = 255;

const STYLE: &str = include_str!("../../static/dialog.css");

const CODE_EXPIRED: &str = "The code has expired: send a new code";

/// The dialog's routes, with their own headers: the app's Content Security
/// Policy is not theirs (their forms must be able to redirect to the app).
pub fn router(state: &AppState) -> Router<AppState> {
    Router::new()
        .route(OAUTH, get(oauth))
        .route(STEP, get(show).post(act))
        .route(CSS, get(css))
        .layer(DefaultBodyLimit::max(FORM_LIMIT))
        .layer(middleware::map_response_with_state(
            state.clone(),
            dialog_headers,
        ))
        .layer(tower_http::catch_panic::CatchPanicLayer::custom(|_| {
            let page = Page::new(
                "Something went wrong",
                "<p>The simulated dialog failed. Start again from the app.</p>".into(),
            );
            page.status(StatusCode::INTERNAL_SERVER_ERROR)
                .into_response()
        }))
}

/// The headers every dialog answer carries.
async fn dialog_headers(State(state): State<AppState>, mut res: Response) -> Response {
    let csp = format!(
        "default-src 'none'; style-src 'self'; img-src 'self'; form-action 'self' {}; \
         frame-ancestors 'none'; base-uri 'none'",
        origin_of(&state.config.redirect_uri())
    );
    let h = res.headers_mut();
    set_security_headers(h, HeaderValue::from_str(&csp).ok(), true);
    h.insert(header::X_FRAME_OPTIONS, HeaderValue::from_static("DENY"));
    res
}

/// `scheme://host[:port]` of a URL (for the CSP's `form-action`).
fn origin_of(url: &str) -> String {
    let Some((scheme, rest)) = url.split_once("://") else {
        return String::new();
    };
    let host = rest.split(['/', '?', '#']).next().unwrap_or_default();
    let origin = format!("{scheme}://{host}");
    // Only characters a CSP source may carry.
    if origin
        .bytes()
        .all(|b| b.is_ascii_alphanumeric() || b":/.-[]_".contains(&b))
    {
        origin
    } else {
        String::new()
    }
}

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

// ---- pages -----------------------------------------------------------------

/// One server-rendered page of the dialog.
struct Page {
    status: StatusCode,
    h1: String,
    body: String,
    progress: Option<u8>,
    has_error: bool,
    cancel: Option<String>,
}

impl Page {
    /// A page with this heading (plain text, escaped here) and body (HTML).
    fn new(h1: &str, body: String) -> Self {
        Self {
            status: StatusCode::OK,
            h1: h1.to_string(),
            body,
            progress: None,
            has_error: false,
            cancel: None,
        }
    }

    fn status(mut self, status: StatusCode) -> Self {
        self.status = status;
        self
    }

    fn into_response(self) -> Response {
        let title = format!(
            "{}{} – Simulated Facebook",
            if self.has_error { "Error: " } else { "" },
            self.h1
        );
        let progress = self
            .progress
            .map(|n| format!("<p class=\"progress\">Step {n} of {STEPS}</p>"))
            .unwrap_or_default();
        let cancel = self
            .cancel
            .map(|flow| {
                format!(
                    "<form class=\"cancel\" method=\"post\" action=\"{}\" novalidate>\
                     <button type=\"submit\" class=\"secondary\">Cancel</button></form>",
                    escape(&flow_path(&flow, "cancel"))
                )
            })
            .unwrap_or_default();
        let html = format!(
            "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\">\
             <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\
             <meta name=\"robots\" content=\"noindex\">\
             <title>{title}</title><link rel=\"stylesheet\" href=\"{CSS}\"></head><body>\
             <header class=\"sim-banner\"><p>{banner}</p></header>\
             <main><p class=\"brand\">facebook <span class=\"hint\">(simulated)</span></p>{progress}\
             <h1>{h1}</h1>{body}{cancel}</main></body></html>",
            title = escape(&title),
            banner = escape(BANNER),
            h1 = escape(&self.h1),
            body = self.body,
        );
        (
            self.status,
            [(header::CONTENT_TYPE, "text/html; charset=utf-8")],
            html,
        )
            .into_response()
    }
}

/// How many steps the progress line counts.
const STEPS: u8 = 6;

/// A refusal page that links and redirects nowhere.
fn dead_page(status: StatusCode, h1: &str, text: &str) -> Response {
    Page::new(h1, format!("<p>{}</p>", escape(text)))
        .status(status)
        .into_response()
}

fn invalid_link(why: &str) -> Response {
    dead_page(
        StatusCode::BAD_REQUEST,
        "This sign-up link is not valid",
        &format!("{why} Go back to the app and start the sign-up again."),
    )
}

fn unknown_flow() -> Response {
    dead_page(
        StatusCode::NOT_FOUND,
        "This sign-up was not found",
        "It may have expired. Go back to the app and start the sign-up again.",
    )
}

fn no_such_page() -> Response {
    dead_page(
        StatusCode::NOT_FOUND,
        "This page does not exist",
        "Check the address, or go back to the app and start the sign-up again.",
    )
}

fn finished_flow() -> Response {
    dead_page(
        StatusCode::GONE,
        "This sign-up has finished",
        "You were already sent back to the app. You can close this page.",
    )
}

fn see_other(location: &str) -> Response {
    match HeaderValue::from_str(location) {
        Ok(v) => (StatusCode::SEE_OTHER, [(header::LOCATION, v)]).into_response(),
        Err(_) => invalid_link("The address to return to cannot be used."),
    }
}

fn flow_path(flow: &str, step: &str) -> String {
    format!("/facebook/flow/{}/{}", encode(flow), encode(step))
}

/// A text input (or textarea) with its visible label, hint and error.
struct Field<'a> {
    id: &'a str,
    label: &'a str,
    value: &'a str,
    error: Option<&'a str>,
    hint: Option<&'a str>,
    /// `text`, `email`, `password`, `tel`, or `textarea`.
    kind: &'a str,
    /// Extra attributes, written as they are (constants only).
    attrs: &'a str,
}

impl Field<'_> {
    fn html(&self) -> String {
        let id = escape(self.id);
        let mut described = Vec::new();
        let hint = self
            .hint
            .map(|h| {
                described.push(format!("{id}-hint"));
                format!("<p class=\"hint\" id=\"{id}-hint\">{}</p>", escape(h))
            })
            .unwrap_or_default();
        let error = self
            .error
            .map(|e| {
                described.push(format!("{id}-error"));
                format!(
                    "<p class=\"error\" id=\"{id}-error\" role=\"alert\">{}</p>",
                    escape(e)
                )
            })
            .unwrap_or_default();
        let mut attrs = format!("id=\"{id}\" name=\"{id}\" {}", self.attrs);
        if !described.is_empty() {
            attrs.push_str(&format!(" aria-describedby=\"{}\"", described.join(" ")));
        }
        if self.error.is_some() {
            attrs.push_str(" aria-invalid=\"true\"");
        }
        let input = if self.kind == "textarea" {
            format!("<textarea {attrs}>{}</textarea>", escape(self.value))
        } else {
            format!(
                "<input type=\"{}\" {attrs} value=\"{}\">",
                self.kind,
                escape(self.value)
            )
        };
        format!(
            "<div class=\"field{}\"><label for=\"{id}\">{}</label>{hint}{error}{input}</div>",
            if self.error.is_some() { " invalid" } else { "" },
            escape(self.label),
        )
    }
}

/// A form posting to one of the flow's paths, with one submit button.
fn form(flow: &str, action: &str, inner: &str, button: &str, secondary: bool) -> String {
    format!(
        "<form method=\"post\" action=\"{}\" novalidate>{inner}\
         <button type=\"submit\"{}>{}</button></form>",
        escape(&flow_path(flow, action)),
        if secondary {
            " class=\"secondary\""
        } else {
            ""
        },
        escape(button)
    )
}

fn alert(text: &str) -> String {
    format!("<p class=\"error\" role=\"alert\">{}</p>", escape(text))
}

fn para(text: &str) -> String {
    format!("<p>{}</p>", escape(text))
}

// ---- steps -----------------------------------------------------------------

/// The dialog's steps, in order; a flow records the furthest reached.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Step {
    /// "Log in to Facebook".
    Login = 0,
    /// "Cloud Contact Centre would like to access your WhatsApp Business account".
    Permissions = 1,
    /// "Confirm your legal business name".
    BusinessName = 2,
    /// "Confirm your business description".
    Description = 3,
    /// "Verify your phone number".
    Phone = 4,
    /// "Enter the 6-digit code".
    Code = 5,
    /// "Your number … is registered with WhatsApp".
    Registered = 6,
}

impl Step {
    const ALL: [Step; 7] = [
        Step::Login,
        Step::Permissions,
        Step::BusinessName,
        Step::Description,
        Step::Phone,
        Step::Code,
        Step::Registered,
    ];

    /// The step's path segment.
    pub fn slug(self) -> &'static str {
        match self {
            Step::Login => "login",
            Step::Permissions => "permissions",
            Step::BusinessName => "business-name",
            Step::Description => "description",
            Step::Phone => "phone-number",
            Step::Code => "code",
            Step::Registered => "registered",
        }
    }

    fn from_slug(slug: &str) -> Option<Step> {
        Step::ALL.into_iter().find(|s| s.slug() == slug)
    }

    fn from_number(n: u8) -> Step {
        Step::ALL
            .get(usize::from(n))
            .copied()
            .unwrap_or(Step::Login)
    }
}

const ALREADY_REGISTERED_PAGE: &str = "already-registered";
const ERROR_PAGE: &str = "error";

fn dead_end_slug(d: &DialogDeadEnd) -> &'static str {
    match d {
        DialogDeadEnd::AlreadyRegistered => ALREADY_REGISTERED_PAGE,
        DialogDeadEnd::Failed { .. } => ERROR_PAGE,
    }
}

// ---- the entry -------------------------------------------------------------

/// Decoded `key=value` pairs of a query or form body (bad UTF-8 replaced).
fn pairs(raw: &[u8]) -> Vec<(String, String)> {
    form_urlencoded::parse(raw)
        .map(|(k, v)| (k.into_owned(), v.into_owned()))
        .collect()
}

/// The value of `name`, if it appears exactly once.
fn one<'a>(pairs: &'a [(String, String)], name: &str) -> Result<Option<&'a str>, ()> {
    let mut found = pairs.iter().filter(|(k, _)| k == name);
    match (found.next(), found.next()) {
        (None, _) => Ok(None),
        (Some((_, v)), None) => Ok(Some(v.as_str())),
        (Some(_), Some(_)) => Err(()),
    }
}

/// The first value of `name` in a form.
fn value<'a>(pairs: &'a [(String, String)], name: &str) -> &'a str {
    pairs
        .iter()
        .find(|(k, _)| k == name)
        .map(|(_, v)| v.as_str())
        .unwrap_or_default()
}

fn clip(s: &str) -> String {
    s.chars().take(TEXT_MAX).collect()
}

/// `v21.0` and the like.
fn is_version(v: &str) -> bool {
    v.strip_prefix('v')
        .and_then(|rest| rest.split_once('.'))
        .is_some_and(|(major, minor)| {
            [major, minor]
                .iter()
                .all(|p| (1..=3).contains(&p.len()) && p.bytes().all(|b| b.is_ascii_digit()))
        })
}

/// GET /facebook/{version}/dialog/oauth: checks the link, starts a flow and
/// sends the browser to its first step. A link that does not match the
/// configuration gets a 400 page that sends the browser nowhere.
async fn oauth(
    State(state): State<AppState>,
    version: Result<Path<String>, axum::extract::rejection::PathRejection>,
    RawQuery(query): RawQuery,
) -> Response {
    let params = pairs(query.unwrap_or_default().as_bytes());
    let config = state.signup_config();
    let get = |name: &str| one(&params, name);
    let (
        Ok(client_id),
        Ok(redirect_uri),
        Ok(state_param),
        Ok(config_id),
        Ok(response_type),
        Ok(extras),
    ) = (
        get("client_id"),
        get("redirect_uri"),
        get("state"),
        get("config_id"),
        get("response_type"),
        get("extras"),
    )
    else {
        return invalid_link("A parameter appears more than once.");
    };
    if !version.is_ok_and(|Path(v)| is_version(&v)) {
        return invalid_link("The Graph API version in the address is not valid.");
    }
    if client_id != Some(config.app_id.as_str()) {
        return invalid_link("The app (client_id) is not one Facebook knows.");
    }
    if config_id != Some(config.config_id.as_str()) {
        return invalid_link("The sign-up configuration (config_id) is not one this app has.");
    }
    if redirect_uri != Some(config.redirect_uri.as_str()) {
        return invalid_link("The address to return to (redirect_uri) is not one this app allows.");
    }
    if response_type != Some("code") {
        return invalid_link("The response_type must be code.");
    }
    let Some(flow_state) = state_param.filter(|s| {
        (STATE_MIN_BYTES * 2..=STATE_MAX_CHARS).contains(&s.chars().count())
            && !s.chars().any(char::is_control)
    }) else {
        return invalid_link("The link has no state, or one too short to be safe.");
    };
    let prefill = prefill_from_extras(extras);
    let now = state.clock.now();
    let id = secrets::token();
    let flow = DialogFlow {
        state: flow_state.to_string(),
        redirect_uri: config.redirect_uri.clone(),
        created_at: now,
        legal_name: prefill.business_name.clone(),
        description: prefill.description.clone(),
        phone_input: shown_prefill_number(&prefill),
        prefill,
        reached: Step::Login as u8,
        number: None,
        code: None,
        dead_end: None,
        finished: false,
    };
    state.store.tx(|d| {
        d.dialog_flows
            .retain(|_, f| now - f.created_at < FLOW_LIFETIME_SECS);
        while d.dialog_flows.len() >= MAX_FLOWS {
            let oldest = d
                .dialog_flows
                .iter()
                .min_by_key(|(_, f)| f.created_at)
                .map(|(k, _)| k.clone());
            match oldest {
                Some(k) => d.dialog_flows.remove(&k),
                None => break,
            };
        }
        d.dialog_flows.insert(id.clone(), flow);
    });
    see_other(&flow_path(&id, Step::Login.slug()))
}

/// Meta's `extras` pre-fill, read leniently: whatever is missing is empty.
pub fn prefill_from_extras(extras: Option<&str>) -> SignupPrefill {
    let v: Value = extras
        .and_then(|e| serde_json::from_str(e).ok())
        .unwrap_or(Value::Null);
    let text = |pointer: &str| match v.pointer(pointer) {
        Some(Value::String(s)) => clip(s),
        Some(Value::Number(n)) => n.to_string(),
        _ => String::new(),
    };
    let mut business_name = text("/setup/business/name");
    if business_name.trim().is_empty() {
        business_name = text("/setup/phone/displayName");
    }
    SignupPrefill {
        business_name,
        phone_code: text("/setup/business/phone/code"),
        phone_number: text("/setup/business/phone/number"),
        category: text("/setup/phone/category"),
        description: text("/setup/phone/description"),
        email: text("/setup/business/email"),
        website: text("/setup/business/website"),
        country: text("/setup/business/country"),
    }
}

/// The country to read typed numbers for: the pre-fill's, else the first with its calling code.
fn country_of(p: &SignupPrefill) -> String {
    if phone::country(&p.country).is_some() {
        return p.country.trim().to_ascii_uppercase();
    }
    let code = p.phone_code.trim().trim_start_matches('+');
    phone::countries()
        .iter()
        .find(|c| !code.is_empty() && c.calling_code == code)
        .map(|c| c.iso.to_string())
        .unwrap_or_default()
}

/// A typed number in E.164: national numbers are read for `country`;
/// international ones (`+…`, `00…`) of another country are taken as they are.
fn read_number(country: &str, input: &str) -> Result<E164, phone::PhoneProblem> {
    match phone::normalise(country, input) {
        Err(phone::PhoneProblem::WrongCountryCode {
            found: Some(code), ..
        }) => {
            let other = phone::countries()
                .iter()
                .find(|c| c.calling_code == code)
                .map(|c| c.iso)
                .unwrap_or_default();
            phone::normalise(other, input)
        }
        other => other,
    }
}

/// The pre-filled number as the phone step shows it, e.g. `+44 7400 123456`.
fn shown_prefill_number(p: &SignupPrefill) -> String {
    let code: String = p.phone_code.chars().filter(char::is_ascii_digit).collect();
    let number: String = p
        .phone_number
        .chars()
        .filter(char::is_ascii_digit)
        .collect();
    if code.is_empty() && number.is_empty() {
        return String::new();
    }
    match E164::parse(&format!("+{code}{number}")) {
        Ok(e164) => pretty(&e164),
        Err(_) => format!("+{code} {number}"),
    }
}

/// A number in international format, e.g. `+44 7400 123456`.
pub fn pretty(number: &E164) -> String {
    phonenumber::parse(None, number.as_str())
        .map(|p| {
            p.format()
                .mode(phonenumber::Mode::International)
                .to_string()
        })
        .unwrap_or_else(|_| number.to_string())
}

fn pretty_str(e164: &str) -> String {
    E164::parse(e164)
        .map(|n| pretty(&n))
        .unwrap_or_else(|_| e164.to_string())
}

// ---- showing a step ---------------------------------------------------------

type StepPath = Result<Path<(String, String)>, axum::extract::rejection::PathRejection>;

/// GET /facebook/flow/{flow}/{step}.
async fn show(State(state): State<AppState>, path: StepPath) -> Response {
    let Ok(Path((flow_id, slug))) = path else {
        return unknown_flow();
    };
    let now = state.clock.now();
    state.store.tx(|d| {
        let Some(flow) = d.dialog_flows.get(&flow_id) else {
            return unknown_flow();
        };
        if flow.finished {
            return finished_flow();
        }
        let reached = Step::from_number(flow.reached);
        if let Some(dead) = &flow.dead_end {
            return if slug == dead_end_slug(dead) {
                dead_end_page(&flow_id, flow, dead)
            } else {
                see_other(&flow_path(&flow_id, dead_end_slug(dead)))
            };
        }
        match Step::from_slug(&slug) {
            Some(step) if step <= reached => {
                let mut view = View::of(flow, step, now);
                view.status = Some(StatusCode::OK);
                render(&flow_id, flow, step, view)
            }
            Some(_) => see_other(&flow_path(&flow_id, reached.slug())),
            None if [ALREADY_REGISTERED_PAGE, ERROR_PAGE].contains(&slug.as_str()) => {
                see_other(&flow_path(&flow_id, reached.slug()))
            }
            None => no_such_page(),
        }
    })
}

/// What a step page shows besides the flow's saved values: the user's input
/// and the messages of a refused submission.
#[derive(Default)]
struct View {
    /// Field id to the value to show.
    values: Vec<(&'static str, String)>,
    /// Field id to its error.
    errors: Vec<(&'static str, String)>,
    /// A message for the whole page (role=alert).
    alert: Option<String>,
    status: Option<StatusCode>,
}

impl View {
    /// The saved values of `step`, and the expired-code message when it applies.
    fn of(flow: &DialogFlow, step: Step, now: Timestamp) -> Self {
        let mut v = View::default();
        match step {
            Step::BusinessName => v.values.push(("legal_name", flow.legal_name.clone())),
            Step::Description => v.values.push(("description", flow.description.clone())),
            Step::Phone => v.values.push(("phone", flow.phone_input.clone())),
            Step::Code if flow.code.as_ref().is_some_and(|c| expired(c, now)) => {
                v.errors.push(("code", CODE_EXPIRED.into()));
            }
            _ => {}
        }
        v
    }

    fn refused(status: StatusCode) -> Self {
        View {
            status: Some(status),
            ..View::default()
        }
    }

    fn value(&self, id: &str) -> &str {
        self.values
            .iter()
            .find(|(k, _)| *k == id)
            .map(|(_, v)| v.as_str())
            .unwrap_or_default()
    }

    fn error(&self, id: &str) -> Option<&str> {
        self.errors
            .iter()
            .find(|(k, _)| *k == id)
            .map(|(_, v)| v.as_str())
    }
}

fn expired(code: &PhoneCode, now: Timestamp) -> bool {
    now - code.sent_at >= PHONE_CODE_LIFETIME_SECS || code.wrong >= PHONE_CODE_ATTEMPTS
}

/// A step's page.
fn render(flow_id: &str, flow: &DialogFlow, step: Step, view: View) -> Response {
    let mut body = String::new();
    if let Some(a) = &view.alert {
        body.push_str(&alert(a));
    }
    let h1: String = match step {
        Step::Login => {
            body.push_str(&para(
                "Log in with the Facebook account that manages your business. \
                 In this simulation any email address and password work.",
            ));
            let fields = [
                Field {
                    id: "email",
                    label: "Email address",
                    value: view.value("email"),
                    error: view.error("email"),
                    hint: None,
                    kind: "email",
                    attrs: "autocomplete=\"username\" spellcheck=\"false\"",
                }
                .html(),
                Field {
                    id: "password",
                    label: "Password",
                    value: "",
                    error: view.error("password"),
                    hint: None,
                    kind: "password",
                    attrs: "autocomplete=\"current-password\"",
                }
                .html(),
            ]
            .concat();
            body.push_str(&form(flow_id, step.slug(), &fields, "Log in", false));
            "Log in to Facebook".into()
        }
        Step::Permissions => {
            body.push_str(&para(&format!("{PARTNER} will be able to:")));
            body.push_str(
                "<ul><li>Manage your WhatsApp Business account and its phone numbers</li>\
                 <li>Send and receive WhatsApp messages for your business</li>\
                 <li>See your business's name and profile</li></ul>",
            );
            body.push_str(&form(flow_id, step.slug(), "", "Continue", false));
            format!("{PARTNER} would like to access your WhatsApp Business account")
        }
        Step::BusinessName => {
            let field = Field {
                id: "legal_name",
                label: "Legal business name",
                value: view.value("legal_name"),
                error: view.error("legal_name"),
                hint: Some("As it appears on your business registration documents."),
                kind: "text",
                attrs: "autocomplete=\"organization\"",
            }
            .html();
            body.push_str(&form(flow_id, step.slug(), &field, "Continue", false));
            "Confirm your legal business name".into()
        }
        Step::Description => {
            let field = Field {
                id: "description",
                label: "Description",
                value: view.value("description"),
                error: view.error("description"),
                hint: Some(
                    "Up to 512 characters. Customers see it in your WhatsApp Business profile.",
                ),
                kind: "textarea",
                attrs: "rows=\"6\"",
            }
            .html();
            body.push_str(&form(flow_id, step.slug(), &field, "Continue", false));
            "Confirm your business description".into()
        }
        Step::Phone => {
            body.push_str(&para(
                "We will send a code to this number to check that it is yours.",
            ));
            let voice = view.value("method") == "voice";
            let method_error = view
                .error("method")
                .map(|e| {
                    format!(
                        "<p class=\"error\" id=\"method-error\" role=\"alert\">{}</p>",
                        escape(e)
                    )
                })
                .unwrap_or_default();
            let fields = format!(
                "{}<fieldset{}><legend>How should we send the code?</legend>{method_error}\
                 <div class=\"radio\"><input type=\"radio\" id=\"method-sms\" name=\"method\" value=\"sms\"{}>\
                 <label for=\"method-sms\">Text message (SMS)</label></div>\
                 <div class=\"radio\"><input type=\"radio\" id=\"method-voice\" name=\"method\" value=\"voice\"{}>\
                 <label for=\"method-voice\">Voice call</label></div></fieldset>",
                Field {
                    id: "phone",
                    label: "Phone number",
                    value: view.value("phone"),
                    error: view.error("phone"),
                    hint: Some("For a number from another country, start with + and its country code."),
                    kind: "tel",
                    attrs: "autocomplete=\"tel\"",
                }
                .html(),
                if method_error.is_empty() {
                    ""
                } else {
                    " aria-describedby=\"method-error\""
                },
                if voice { "" } else { " checked" },
                if voice { " checked" } else { "" },
            );
            body.push_str(&form(flow_id, step.slug(), &fields, "Send code", false));
            "Verify your phone number".into()
        }
        Step::Code => {
            let number = flow.number.as_deref().map(pretty_str).unwrap_or_default();
            if let Some(code) = &flow.code {
                let new = if code.sends > 1 { "a new" } else { "a" };
                let how = match code.method {
                    CodeMethod::Sms => {
                        format!("We sent {new} 6-digit code by text message (SMS) to {number}.")
                    }
                    CodeMethod::Voice => {
                        format!("We are calling {number} to read you {new} 6-digit code.")
                    }
                };
                body.push_str(&format!(
                    "<p class=\"notice\" role=\"status\">{} The code expires in 10 minutes.</p>",
                    escape(&how)
                ));
            }
            let field = Field {
                id: "code",
                label: "Code",
                value: view.value("code"),
                error: view.error("code"),
                hint: Some("6 digits, for example 123456."),
                kind: "text",
                attrs: "inputmode=\"numeric\" autocomplete=\"one-time-code\" spellcheck=\"false\"",
            }
            .html();
            body.push_str(&form(flow_id, step.slug(), &field, "Continue", false));
            body.push_str("<h2>Did not get the code?</h2>");
            body.push_str(&para(&format!(
                "You can ask for a new code {RESEND_WAIT_SECS} seconds after the last one."
            )));
            let switch = match flow.code.as_ref().map(|c| c.method) {
                Some(CodeMethod::Voice) => "Text me instead",
                _ => "Call me instead",
            };
            body.push_str("<div class=\"actions\">");
            body.push_str(&form(flow_id, "resend", "", "Send a new code", true));
            body.push_str(&form(flow_id, "switch", "", switch, true));
            body.push_str(&form(
                flow_id,
                "not-received",
                "",
                "I did not get a code",
                true,
            ));
            body.push_str("</div>");
            "Enter the 6-digit code".into()
        }
        Step::Registered => {
            let number = flow.number.as_deref().map(pretty_str).unwrap_or_default();
            body.push_str(&para(&format!(
                "{PARTNER} can now use it with WhatsApp for {}. Continue to go back to {PARTNER}.",
                flow.legal_name.trim()
            )));
            body.push_str(&form(flow_id, step.slug(), "", "Continue", false));
            format!("Your number {number} is registered with WhatsApp")
        }
    };
    let has_error = !view.errors.is_empty() || view.alert.is_some();
    let mut page = Page::new(&h1, body);
    page.progress = (step < Step::Registered).then_some(step as u8 + 1);
    page.has_error = has_error;
    page.cancel = Some(flow_id.to_string());
    page.status = view.status.unwrap_or(if has_error {
        StatusCode::UNPROCESSABLE_ENTITY
    } else {
        StatusCode::OK
    });
    page.into_response()
}

fn seconds(n: i64) -> String {
    if n == 1 {
        "1 second".into()
    } else {
        format!("{n} seconds")
    }
}

fn dead_end_page(flow_id: &str, flow: &DialogFlow, dead: &DialogDeadEnd) -> Response {
    let back = format!("Return to {PARTNER}");
    let (h1, body) = match dead {
        DialogDeadEnd::AlreadyRegistered => {
            let number = flow.number.as_deref().map(pretty_str).unwrap_or_default();
            let body = [
                para(&format!(
                    "{number} is already used with WhatsApp or WhatsApp Business, so it cannot be \
                     registered again here. Return to {PARTNER} to choose another number or to ask \
                     how to move this one."
                )),
                "<div class=\"actions\">".into(),
                form(flow_id, "return", "", &back, false),
                form(
                    flow_id,
                    "different-number",
                    "",
                    "Use a different number",
                    true,
                ),
                "</div>".into(),
            ]
            .concat();
            (
                "This phone number is already registered with WhatsApp",
                body,
            )
        }
        DialogDeadEnd::Failed { error_id } => {
            let body = [
                para("Facebook could not finish setting up your WhatsApp Business account. Try again later."),
                format!(
                    "<p>Error ID: <span class=\"error-id\">{}</span></p>",
                    escape(error_id)
                ),
                para(&format!("If it keeps happening, quote the error ID to {PARTNER}.")),
                form(flow_id, "return", "", &back, false),
            ]
            .concat();
            ("Something went wrong", body)
        }
    };
    let mut page = Page::new(h1, body);
    page.cancel = Some(flow_id.to_string());
    page.into_response()
}

// ---- submitting a step ------------------------------------------------------

/// POST /facebook/flow/{flow}/{step or action}.
async fn act(
    State(state): State<AppState>,
    path: StepPath,
    headers: HeaderMap,
    body: Result<Bytes, BytesRejection>,
) -> Response {
    let Ok(Path((flow_id, action))) = path else {
        return unknown_flow();
    };
    // The dialog's own pages post same-origin; nothing else may drive a flow.
    let site = headers.get("sec-fetch-site").and_then(|v| v.to_str().ok());
    if matches!(site, Some("cross-site" | "same-site")) {
        return dead_page(
            StatusCode::FORBIDDEN,
            "This request was refused",
            "Forms of the sign-up can only be sent from its own pages.",
        );
    }
    let Ok(body) = body else {
        return dead_page(
            StatusCode::PAYLOAD_TOO_LARGE,
            "That was too much to send",
            "Go back and shorten what you entered.",
        );
    };
    let form = pairs(&body);
    let now = state.clock.now();
    let quiet = state.config.quiet;
    state.store.tx(|d| {
        let Some(flow) = d.dialog_flows.get(&flow_id).cloned() else {
            return unknown_flow();
        };
        if flow.finished {
            return finished_flow();
        }
        let mut ctx = Ctx {
            d,
            flow_id: &flow_id,
            flow,
            now,
            quiet,
        };
        let response = ctx.act(&action, &form);
        let Ctx { d, flow, .. } = ctx;
        d.dialog_flows.insert(flow_id.clone(), flow);
        response
    })
}

/// One submission: the data, and a copy of the flow written back afterwards.
struct Ctx<'a> {
    d: &'a mut Data,
    flow_id: &'a str,
    flow: DialogFlow,
    now: Timestamp,
    quiet: bool,
}

impl Ctx<'_> {
    fn reached(&self) -> Step {
        Step::from_number(self.flow.reached)
    }

    fn go(&self, step: Step) -> Response {
        see_other(&flow_path(self.flow_id, step.slug()))
    }

    /// Moves on from `step` to the next one.
    fn next(&mut self, step: Step) -> Response {
        let next = Step::from_number(step as u8 + 1);
        self.flow.reached = self.flow.reached.max(next as u8);
        self.go(next)
    }

    fn refuse(&self, step: Step, view: View) -> Response {
        render(self.flow_id, &self.flow, step, view)
    }

    fn act(&mut self, action: &str, form: &[(String, String)]) -> Response {
        match action {
            "cancel" => {
                return self.back(&[
                    ("error", "access_denied"),
                    ("error_reason", domain::signup::reason::USER_DENIED),
                    ("error_description", "The user cancelled"),
                ])
            }
            "return" => return self.give_up(),
            "different-number" if self.flow.dead_end == Some(DialogDeadEnd::AlreadyRegistered) => {
                self.flow.dead_end = None;
                self.flow.reached = Step::Phone as u8;
                return self.go(Step::Phone);
            }
            _ => {}
        }
        if let Some(dead) = &self.flow.dead_end {
            return see_other(&flow_path(self.flow_id, dead_end_slug(dead)));
        }
        let step = match action {
            "resend" | "switch" | "not-received" => Step::Code,
            other => match Step::from_slug(other) {
                Some(step) => step,
                None => return no_such_page(),
            },
        };
        if step > self.reached() {
            return self.go(self.reached());
        }
        match action {
            "resend" => self.resend(),
            "switch" => self.switch(),
            "not-received" => self.back(&[
                ("error", "access_denied"),
                ("error_reason", domain::signup::reason::CODE_NOT_RECEIVED),
                (
                    "error_description",
                    "The user did not receive the verification code",
                ),
            ]),
            _ => match step {
                Step::Login => self.login(form),
                Step::Permissions => self.permissions(),
                Step::BusinessName => self.business_name(form),
                Step::Description => self.description(form),
                Step::Phone => self.phone(form),
                Step::Code => self.verify(form),
                Step::Registered => self.finish(),
            },
        }
    }

    fn login(&mut self, form: &[(String, String)]) -> Response {
        let email = value(form, "email").trim();
        let password = value(form, "password");
        let mut view = View::refused(StatusCode::UNPROCESSABLE_ENTITY);
        if email.is_empty() {
            view.errors
                .push(("email", "Enter your email address".into()));
        }
        if password.is_empty() {
            view.errors.push(("password", "Enter your password".into()));
        }
        if view.errors.is_empty() {
            return self.next(Step::Login);
        }
        view.values.push(("email", clip(email)));
        self.refuse(Step::Login, view)
    }

    fn permissions(&mut self) -> Response {
        if self.d.dialog_mode == DialogMode::GenericError {
            self.flow.dead_end = Some(DialogDeadEnd::Failed {
                error_id: error_id(),
            });
            return see_other(&flow_path(self.flow_id, ERROR_PAGE));
        }
        self.next(Step::Permissions)
    }

    fn business_name(&mut self, form: &[(String, String)]) -> Response {
        let name = value(form, "legal_name").trim();
        let problem = if name.is_empty() {
            Some("Enter your legal business name".to_string())
        } else if name.chars().count() > LEGAL_NAME_MAX {
            Some(format!(
                "Legal business name must be {LEGAL_NAME_MAX} characters or fewer"
            ))
        } else if name.chars().any(char::is_control) {
            Some("Legal business name must be on one line".to_string())
        } else {
            None
        };
        match problem {
            None => {
                self.flow.legal_name = name.to_string();
                self.next(Step::BusinessName)
            }
            Some(message) => {
                let mut view = View::refused(StatusCode::UNPROCESSABLE_ENTITY);
                view.values.push(("legal_name", clip(name)));
                view.errors.push(("legal_name", message));
                self.refuse(Step::BusinessName, view)
            }
        }
    }

    fn description(&mut self, form: &[(String, String)]) -> Response {
        // Browsers send textarea line breaks as CR LF; keep them as the profile does, LF.
        let text = value(form, "description").replace("\r\n", "\n");
        let text = text.trim();
        match validate_description(text) {
            None => {
                self.flow.description = text.to_string();
                self.next(Step::Description)
            }
            Some(message) => {
                let mut view = View::refused(StatusCode::UNPROCESSABLE_ENTITY);
                view.values.push(("description", clip(text)));
                view.errors.push(("description", message));
                self.refuse(Step::Description, view)
            }
        }
    }

    fn phone(&mut self, form: &[(String, String)]) -> Response {
        let input = value(form, "phone").trim();
        let method = match value(form, "method") {
            "sms" => Some(CodeMethod::Sms),
            "voice" => Some(CodeMethod::Voice),
            _ => None,
        };
        let number = read_number(&country_of(&self.flow.prefill), input);
        let (number, method) = match (number, method) {
            (Ok(n), Some(m)) => (n, m),
            (number, method) => {
                let mut view = View::refused(StatusCode::UNPROCESSABLE_ENTITY);
                view.values.push(("phone", clip(input)));
                view.values
                    .push(("method", value(form, "method").to_string()));
                if let Err(problem) = number {
                    view.errors.push(("phone", problem.message()));
                }
                if method.is_none() {
                    view.errors
                        .push(("method", "Choose how we should send the code".into()));
                }
                return self.refuse(Step::Phone, view);
            }
        };
        self.flow.phone_input = input.to_string();
        let e164 = number.as_str().to_string();
        let taken = self.d.whatsapp_numbers.contains(&e164)
            || self.d.dialog_mode == DialogMode::NumberAlreadyOnWhatsapp;
        if taken {
            self.flow.number = Some(e164);
            self.flow.code = None;
            self.flow.dead_end = Some(DialogDeadEnd::AlreadyRegistered);
            return see_other(&flow_path(self.flow_id, ALREADY_REGISTERED_PAGE));
        }
        // The same number and method again within the wait keeps the code already sent.
        let recent = self.flow.number.as_deref() == Some(e164.as_str())
            && self.flow.code.as_ref().is_some_and(|c| {
                c.method == method
                    && self.now - c.sent_at < RESEND_WAIT_SECS
                    && !expired(c, self.now)
            });
        if !recent {
            let sends = if self.flow.number.as_deref() == Some(e164.as_str()) {
                self.flow.code.as_ref().map_or(0, |c| c.sends)
            } else {
                0
            };
            self.flow.number = Some(e164);
            self.send_code(method, sends + 1);
        }
        self.flow.reached = Step::Code as u8;
        self.go(Step::Code)
    }

    /// Sends a fresh code to the flow's number (to the dev mailbox, unless the mode loses it).
    fn send_code(&mut self, method: CodeMethod, sends: u32) {
        let code = format!("{:06}", rand::random_range(0..1_000_000u32));
        let to = self.flow.number.clone().unwrap_or_default();
        self.flow.code = Some(PhoneCode {
            code: code.clone(),
            method,
            sent_at: self.now,
            wrong: 0,
            sends,
        });
        if self.d.dialog_mode == DialogMode::CodeNeverArrives {
            return;
        }
        let (subject, body) = match method {
            CodeMethod::Sms => (
                "WhatsApp code",
                format!(
                    "Your WhatsApp code is {code}. It expires in 10 minutes. Do not share it with anyone.\n\n\
                     (Sent by the simulated Facebook dialog of the fake backend: no text message left this machine.)\n"
                ),
            ),
            CodeMethod::Voice => (
                "WhatsApp voice call",
                format!(
                    "A voice call to {}: \"Your WhatsApp code is {code}. I repeat: {}.\" The code expires in 10 minutes.\n\n\
                     (Made by the simulated Facebook dialog of the fake backend: no call left this machine.)\n",
                    pretty_str(&to),
                    code.chars().map(String::from).collect::<Vec<_>>().join(" "),
                ),
            ),
        };
        mail::send(self.d, self.now, &to, subject, body, self.quiet);
    }

    fn verify(&mut self, form: &[(String, String)]) -> Response {
        let typed: String = value(form, "code")
            .chars()
            .filter(|c| !c.is_whitespace() && *c != '-')
            .collect();
        let now = self.now;
        let Some(code) = self.flow.code.as_mut() else {
            return self.go(Step::Phone);
        };
        let problem = if expired(code, now) {
            Some(CODE_EXPIRED.to_string())
        } else if typed.is_empty() {
            Some("Enter the 6-digit code".to_string())
        } else if typed.len() != 6 || !typed.bytes().all(|b| b.is_ascii_digit()) {
            Some("Enter the code as 6 digits, for example 123456".to_string())
        } else if same_secret(&typed, &code.code) {
            None
        } else {
            code.wrong += 1;
            let left = PHONE_CODE_ATTEMPTS.saturating_sub(code.wrong);
            Some(match left {
                0 => CODE_EXPIRED.to_string(),
                1 => "That code is not right. You have 1 attempt left.".to_string(),
                n => format!("That code is not right. You have {n} attempts left."),
            })
        };
        match problem {
            None => {
                self.flow.reached = Step::Registered as u8;
                self.go(Step::Registered)
            }
            Some(message) => {
                let mut view = View::refused(StatusCode::UNPROCESSABLE_ENTITY);
                view.values.push(("code", clip(&typed)));
                view.errors.push(("code", message));
                self.refuse(Step::Code, view)
            }
        }
    }

    fn resend(&mut self) -> Response {
        let Some(code) = self.flow.code.as_ref() else {
            return self.go(Step::Phone);
        };
        let wait = RESEND_WAIT_SECS - (self.now - code.sent_at);
        if wait > 0 {
            let mut view = View::refused(StatusCode::TOO_MANY_REQUESTS);
            view.alert = Some(format!("You can ask for a new code in {}", seconds(wait)));
            return self.refuse(Step::Code, view);
        }
        let (method, sends) = (code.method, code.sends);
        self.send_code(method, sends + 1);
        self.go(Step::Code)
    }

    fn switch(&mut self) -> Response {
        let Some(code) = self.flow.code.as_ref() else {
            return self.go(Step::Phone);
        };
        let method = match code.method {
            CodeMethod::Sms => CodeMethod::Voice,
            CodeMethod::Voice => CodeMethod::Sms,
        };
        let sends = code.sends;
        self.send_code(method, sends + 1);
        self.go(Step::Code)
    }

    /// "Continue" on the success page: a one-time code for the app, and back.
    fn finish(&mut self) -> Response {
        let Some(number) = self.flow.number.clone() else {
            return self.go(Step::Phone);
        };
        let code = secrets::token();
        let now = self.now;
        self.d
            .issued_codes
            .retain(|c| now - c.issued_at < ISSUED_CODE_KEEP_SECS);
        self.d.issued_codes.push(IssuedCode {
            code: code.clone(),
            state: self.flow.state.clone(),
            issued_at: self.now,
            e164: number,
            business_name: self.flow.legal_name.trim().to_string(),
            description: self.flow.description.clone(),
        });
        self.back(&[("code", code.as_str())])
    }

    /// The button on an error page.
    fn give_up(&mut self) -> Response {
        match self.flow.dead_end.clone() {
            Some(DialogDeadEnd::AlreadyRegistered) => self.back(&[
                ("error", "access_denied"),
                (
                    "error_reason",
                    domain::signup::reason::NUMBER_ALREADY_REGISTERED,
                ),
                (
                    "error_description",
                    "This phone number is already registered with WhatsApp",
                ),
            ]),
            Some(DialogDeadEnd::Failed { error_id }) => self.back(&[
                ("error", "server_error"),
                ("error_reason", "unknown_error"),
                (
                    "error_description",
                    "Something went wrong. Please try again later.",
                ),
                ("error_id", error_id.as_str()),
            ]),
            None => self.go(self.reached()),
        }
    }

    /// Ends the flow and sends the user to its redirect URI with `params` and the state.
    fn back(&mut self, params: &[(&str, &str)]) -> Response {
        self.flow.finished = true;
        let uri = &self.flow.redirect_uri;
        let mut url = format!("{uri}{}", if uri.contains('?') { '&' } else { '?' });
        for (k, v) in params
            .iter()
            .chain([("state", self.flow.state.as_str())].iter())
        {
            url.push_str(k);
            url.push('=');
            url.push_str(&encode(v));
            url.push('&');
        }
        url.pop();
        see_other(&url)
    }
}

/// `FB-` and six letters and digits that cannot be mistaken for each other.
fn error_id() -> String {
    const CHARS: &[u8] = b"ABCDEFGHJKLMNPQRSTUVWXYZ23456789";
    let tail: String = (0..6)
        .map(|_| CHARS[rand::random_range(0..CHARS.len())] as char)
        .collect();
    format!("FB-{tail}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn versions_look_like_graph_api_versions() {
        assert!(is_version("v21.0"));
        assert!(is_version("v3.10"));
        assert!(!is_version("21.0"));
        assert!(!is_version("v21"));
        assert!(!is_version("v21.0.1"));
        assert!(!is_version("vx.0"));
    }

    #[test]
    fn extras_are_read_leniently() {
        let p = prefill_from_extras(Some(
            r#"{"setup":{"business":{"name":"A & B","phone":{"code":44,"number":"7400123456"},"country":"GB"},"phone":{"description":"Hi"}}}"#,
        ));
        assert_eq!(p.business_name, "A & B");
        assert_eq!(p.phone_code, "44");
        assert_eq!(p.description, "Hi");
        assert_eq!(p.email, "");
        assert_eq!(
            prefill_from_extras(Some("not json")),
            SignupPrefill::default()
        );
        assert_eq!(prefill_from_extras(None), SignupPrefill::default());
        assert_eq!(shown_prefill_number(&p), "+44 7400 123456");
        assert_eq!(country_of(&p), "GB");
        let no_country = SignupPrefill {
            country: "".into(),
            ..p
        };
        assert_eq!(country_of(&no_country), "GB");
    }

    #[test]
    fn origins_for_the_csp() {
        assert_eq!(
            origin_of("http://127.0.0.1:8080/facebook/callback"),
            "http://127.0.0.1:8080"
        );
        assert_eq!(origin_of("https://app.example"), "https://app.example");
        assert_eq!(origin_of("nonsense"), "");
        assert_eq!(origin_of("http://a.example;script-src *"), "");
    }

    #[test]
    fn error_ids_have_the_documented_shape() {
        let id = error_id();
        assert!(id.starts_with("FB-") && id.len() == 9, "{id}");
    }
}
