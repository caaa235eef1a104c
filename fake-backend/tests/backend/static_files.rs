//! The built app's files, served as a CDN would: precompressed copies for a
//! browser that accepts them, hashed names cached for a year, the rest revalidated.

use crate::common;

use axum::body::Body;
use axum::http::{header, Request};
use common::call;
use fake_backend::{router, AppState};

const WASM: &str = "whatsapp-onboarding-9f86d081884c7d65_bg.wasm";

/// A build folder with an index, a hashed wasm and their compressed copies.
fn build() -> std::path::PathBuf {
    let dir = std::env::temp_dir().join(format!("fake-backend-static-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    for (name, bytes) in [
        ("index.html", &b"<!doctype html><title>app</title>"[..]),
        ("index.html.br", b"brotli index"),
        ("index.html.gz", b"gzip index"),
        (WASM, b"\0asm plain"),
        (&format!("{WASM}.br"), b"brotli wasm"),
        ("embed.js", b"export const mount = 1;"),
    ] {
        std::fs::write(dir.join(name), bytes).unwrap();
    }
    dir
}

fn app() -> axum::Router {
    let mut config = common::config();
    config.static_dir = Some(build());
    router(AppState::new(config))
}

fn req(path: &str, accept: &str) -> Request<Body> {
    Request::get(path)
        .header(header::ACCEPT_ENCODING, accept)
        .body(Body::empty())
        .unwrap()
}

#[tokio::test]
async fn a_browser_that_accepts_brotli_gets_the_brotli_copy() {
    let app = app();
    let r = call(&app, req(&format!("/{WASM}"), "gzip, deflate, br")).await;
    assert_eq!(r.status, 200);
    assert_eq!(r.headers[header::CONTENT_ENCODING], "br");
    assert_eq!(r.bytes, b"brotli wasm");
    assert_eq!(r.headers[header::CONTENT_TYPE], "application/wasm");

    let r = call(&app, req(&format!("/{WASM}"), "identity")).await;
    assert!(r.headers.get(header::CONTENT_ENCODING).is_none());
    assert_eq!(r.bytes, b"\0asm plain");

    // The app's own addresses answer with index.html, compressed the same way.
    let r = call(&app, req("/channels/ch_support/profile/account", "gzip")).await;
    assert_eq!(r.status, 200);
    assert_eq!(r.headers[header::CONTENT_ENCODING], "gzip");
    assert_eq!(r.bytes, b"gzip index");
}

#[tokio::test]
async fn hashed_files_are_immutable_and_the_rest_revalidated() {
    let app = app();
    let r = call(&app, req(&format!("/{WASM}"), "br")).await;
    assert_eq!(
        r.headers[header::CACHE_CONTROL],
        "public, max-age=31536000, immutable"
    );
    for path in ["/", "/index.html", "/embed.js", "/channels"] {
        let r = call(&app, req(path, "br")).await;
        assert_eq!(r.status, 200, "{path}");
        assert_eq!(r.headers[header::CACHE_CONTROL], "no-cache", "{path}");
    }
    // The API says its own.
    let r = call(&app, req("/api/health", "br")).await;
    assert_ne!(
        r.headers
            .get(header::CACHE_CONTROL)
            .map(|v| v.to_str().unwrap()),
        Some("public, max-age=31536000, immutable")
    );
}
