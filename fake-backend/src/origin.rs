//! Refuses mutating requests that a browser says came from another site, and sets
//! the headers every answer carries (the app's and, with its own policy, the dialog's).

use crate::failure::ApiFailure;
use axum::extract::Request;
use axum::http::{header, HeaderMap, HeaderValue, Method, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use domain::error::ErrorCode;

/// The app page's Content Security Policy: the one in `index.html`, plus
/// `frame-ancestors`, which only a header can carry. Keep the two in step.
pub const APP_CSP: &str = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; \
    img-src 'self' data: blob:; connect-src 'self'; font-src 'self'; object-src 'none'; base-uri 'none'; \
    form-action 'self'; frame-ancestors 'self'";

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
