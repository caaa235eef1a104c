//! The dialog's headers: the ones every answer carries ([`crate::origin`]),
//! with a Content Security Policy that lets its forms return to the app, and
//! no framing.

use crate::origin::set_security_headers;
use crate::AppState;
use axum::extract::State;
use axum::http::{header, HeaderValue};
use axum::response::Response;

/// Middleware: the headers every dialog answer carries.
pub async fn dialog_headers(State(state): State<AppState>, mut res: Response) -> Response {
    let csp = format!(
        "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; form-action 'self' {}; \
         frame-ancestors 'none'; base-uri 'none'",
        origin_of(&state.config.redirect_uri())
    );
    let h = res.headers_mut();
    set_security_headers(h, HeaderValue::from_str(&csp).ok(), true);
    h.insert(header::X_FRAME_OPTIONS, HeaderValue::from_static("DENY"));
    res
}

/// `scheme://host[:port]` of a URL (for the CSP's `form-action`).
pub fn origin_of(url: &str) -> String {
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

#[cfg(test)]
mod tests {
    use super::*;

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
}
