//! How the built app's files are cached, as a CDN in front of them would say:
//! a file whose name carries the build's content hash never changes (a year,
//! `immutable`); anything else (`index.html`, `embed.js`, the
//! callback address that answers with `index.html`) is checked every time.

use axum::extract::Request;
use axum::http::{header, HeaderValue};
use axum::middleware::Next;
use axum::response::Response;

/// For files whose name carries the build's hash.
pub const IMMUTABLE: &str = "public, max-age=31536000, immutable";
/// For everything else the app's folder serves.
pub const REVALIDATE: &str = "no-cache";

/// Whether the last segment of `path` carries a content hash, as Trunk names
/// its outputs (`main-1a2b3c4d5e6f7a8b.css`, `app-…_bg.wasm`).
pub fn is_hashed(path: &str) -> bool {
    let name = path.rsplit('/').next().unwrap_or_default();
    name.split(['-', '_', '.'])
        .any(|part| part.len() >= 16 && part.bytes().all(|b| b.is_ascii_hexdigit()))
}

/// Middleware: sets `Cache-Control` on the app's files (not on the API, the dev
/// pages or the simulated dialog, which say their own).
pub async fn app_files(req: Request, next: Next) -> Response {
    let path = req.uri().path().to_string();
    let mut response = next.run(req).await;
    let ours =
        !(path.starts_with("/api/") || path.starts_with("/dev/") || path.starts_with("/facebook/"));
    if ours
        && response.status().is_success()
        && !response.headers().contains_key(header::CACHE_CONTROL)
    {
        let value = if is_hashed(&path) {
            IMMUTABLE
        } else {
            REVALIDATE
        };
        response
            .headers_mut()
            .insert(header::CACHE_CONTROL, HeaderValue::from_static(value));
    }
    response
}

#[cfg(test)]
mod tests {
    use super::is_hashed;

    #[test]
    fn hashed_names_are_told_apart() {
        assert!(is_hashed("/whatsapp-onboarding-9f86d081884c7d65_bg.wasm"));
        assert!(is_hashed("/main-2c26b46b68ffc68f.css"));
        // The entry build's, named by scripts/write-embed.
        assert!(is_hashed("/entry-b882a45989bbeb38_bg.wasm"));
        assert!(is_hashed("/entry-b882a45989bbeb38.js"));
        assert!(!is_hashed("/index.html"));
        assert!(!is_hashed("/embed.js"));
        assert!(!is_hashed("/channels/ch_support/profile/account"));
        assert!(!is_hashed("/facebook/callback"));
    }
}
