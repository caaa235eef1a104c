//! Refuses mutating requests that a browser says came from another site, and sets
//! the headers every answer carries (the app's and, with its own policy, the dialog's).

use crate::failure::ApiFailure;
use crate::AppState;
use axum::extract::{Request, State};
use axum::http::{header, HeaderMap, HeaderValue, Method, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use domain::error::ErrorCode;
use std::collections::BTreeSet;

/// The app page's Content Security Policy: the one in `index.html`, plus
/// `frame-ancestors`, which only a header can carry. Keep the two in step.
pub const APP_CSP: &str = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval' 'sha256-AFrOJHSGEzy7IxdqQ9/yJfBNFzeC6+ReVV0HBU5RZnA=' 'sha256-SKhr5aS1puN/6ZND4NfHolChl2TO9Zcg8YiUGBZ2CZ0='; style-src 'self' 'sha256-Xh0GJjNBsbm1rPHVuoOBOlK1EsdyRgVVWtNY7UOjsjI='; \
    img-src 'self' data: blob:; connect-src 'self'; font-src 'self'; object-src 'none'; base-uri 'none'; \
    form-action 'self'; frame-ancestors 'self'";

/// The `Host` names the server answers for: the app's address, the dialog's,
/// and `localhost` / `127.0.0.1` with the port it listens on. Any other name
/// (a DNS-rebinding page's, say) is refused before anything else runs.
#[derive(Debug, Clone, Default)]
pub struct Hosts(BTreeSet<String>);

impl Hosts {
    /// The host and port of `url` (`http://127.0.0.1:8080/x` gives
    /// `127.0.0.1:8080`, and `127.0.0.1` too when the port is the scheme's
    /// default); a loopback name brings the other (`localhost:8080` too), as
    /// both reach the same server.
    pub fn add_url(&mut self, url: &str) {
        let Some((scheme, rest)) = url.split_once("://") else {
            return;
        };
        let authority = rest.split(['/', '?', '#']).next().unwrap_or_default();
        let authority = authority.rsplit('@').next().unwrap_or_default();
        let default = if scheme.eq_ignore_ascii_case("https") {
            443
        } else {
            80
        };
        let (host, port) = match authority.rsplit_once(':') {
            Some((h, p)) if !h.ends_with(']') || authority.starts_with('[') => {
                (h, p.parse().unwrap_or(default))
            }
            _ => (authority, default),
        };
        self.add(host, port);
        if port == default {
            self.0.insert(host.to_ascii_lowercase());
        }
        if ["localhost", "127.0.0.1"].contains(&host.to_ascii_lowercase().as_str()) {
            self.add_local(port);
        }
    }

    /// `host:port`.
    pub fn add(&mut self, host: &str, port: u16) {
        self.0
            .insert(format!("{}:{port}", host.to_ascii_lowercase()));
    }

    /// `localhost` and `127.0.0.1` on `port`, and without a port: Trunk's
    /// proxy (`scripts/dev`) sends the backend's host without its port. A
    /// DNS-rebinding page cannot send these: its requests carry its own name.
    pub fn add_local(&mut self, port: u16) {
        for host in ["localhost", "127.0.0.1"] {
            self.add(host, port);
            self.0.insert(host.to_string());
        }
    }

    /// Whether a request with this `Host` header is answered; no header (an
    /// in-process test, HTTP/1.0) is.
    pub fn allows(&self, host: Option<&str>) -> bool {
        host.is_none_or(|h| self.0.contains(&h.trim().to_ascii_lowercase()))
    }
}

/// Middleware: a request whose `Host` the server does not answer for gets 421
/// in the one error shape.
pub async fn known_host(State(state): State<AppState>, req: Request, next: Next) -> Response {
    let host = req
        .headers()
        .get(header::HOST)
        .map(|v| v.to_str().unwrap_or("\u{0}"));
    if state.hosts.allows(host) {
        return next.run(req).await;
    }
    let mut response = ApiFailure::new(
        StatusCode::MISDIRECTED_REQUEST,
        ErrorCode::Malformed,
        "This server does not answer for that host name. Use the address the app is served at.",
    )
    .into_response();
    set_security_headers(response.headers_mut(), None, true);
    response
}

/// Middleware: cross-site mutating calls are refused before any handler runs.
///
/// Browsers send `Sec-Fetch-Site` on every fetch; a page on another site cannot
/// hide it. Requests without it (curl, tests) pass, and session-bound calls are
/// also checked against the CSRF token in [`crate::auth`].
pub async fn same_origin_only(req: Request, next: Next) -> Response {
    let mutating = !matches!(*req.method(), Method::GET | Method::HEAD | Method::OPTIONS);
    let site = req
        .headers()
        .get("sec-fetch-site")
        .and_then(|v| v.to_str().ok());
    if mutating
        && req.uri().path().starts_with("/api/")
        && matches!(site, Some("cross-site" | "same-site"))
    {
        return ApiFailure::new(
            StatusCode::FORBIDDEN,
            ErrorCode::Csrf,
            "Requests from other sites are not accepted.",
        )
        .into_response();
    }
    let api = req.uri().path().starts_with("/api/");
    // The dev mailbox is a plain server page with its own inline style.
    let app_page = !api && !req.uri().path().starts_with("/dev/");
    let mut response = next.run(req).await;
    let html = response
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with("text/html"));
    let csp = (html && app_page).then(|| HeaderValue::from_static(APP_CSP));
    set_security_headers(response.headers_mut(), csp, api);
    response
}

/// Sets the headers every answer carries: `csp` as its Content Security Policy
/// (if any), no MIME sniffing, no referrer, and with `no_store`, `no-store`
/// unless the handler set its own `Cache-Control` (uploaded pictures are cached).
pub fn set_security_headers(h: &mut HeaderMap, csp: Option<HeaderValue>, no_store: bool) {
    if let Some(csp) = csp {
        h.insert(header::CONTENT_SECURITY_POLICY, csp);
    }
    h.insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
    h.insert(
        header::REFERRER_POLICY,
        HeaderValue::from_static("no-referrer"),
    );
    if no_store && !h.contains_key(header::CACHE_CONTROL) {
        h.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    }
}
