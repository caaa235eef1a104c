//! The app page's headers and Content Security Policy: the backend, `trunk serve`,
//! `index.html` and the mock kit send the same policy, and it allows the one inline
//! style and the one inline script `index.html` carries by their hashes.

use crate::common;

use axum::body::Body;
use axum::http::Request;
use common::{call, config};
use fake_backend::{router, AppState, Config};

#[tokio::test]
async fn trunk_serve_sends_the_app_page_the_same_headers_as_the_backend() {
    let trunk = include_str!("../../../Trunk.toml");
    let section = trunk
        .split("[serve.headers]")
        .nth(1)
        .expect("Trunk.toml has [serve.headers]");
    let header = |name: &str| {
        section
            .lines()
            .find_map(|l| l.strip_prefix(&format!("\"{name}\" = \"")))
            .and_then(|v| v.strip_suffix('"'))
            .map(str::to_string)
    };
    assert_eq!(
        header("Content-Security-Policy").as_deref(),
        Some(fake_backend::origin::APP_CSP)
    );
    // And those are what the backend sends with the app's page.
    let dir = std::env::temp_dir().join(format!("fake-backend-csp-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(dir.join("index.html"), "<!doctype html><title>app</title>").unwrap();
    let state = AppState::new(Config {
        static_dir: Some(dir.clone()),
        ..config()
    });
    let r = call(
        &router(state),
        Request::get("/channels").body(Body::empty()).unwrap(),
    )
    .await;
    std::fs::remove_dir_all(&dir).unwrap();
    for name in [
        "Content-Security-Policy",
        "X-Content-Type-Options",
        "Referrer-Policy",
    ] {
        assert_eq!(
            header(name).as_deref(),
            r.headers.get(name).and_then(|v| v.to_str().ok()),
            "{name}"
        );
    }
}

/// index.html carries the base styles inline, for its loading skeleton, and the
/// script that shows its prerendered login page, and its policy allows exactly
/// those texts by their sha256: the same policy the backend sends
/// (less `frame-ancestors`, which only a header can carry), and the hash of
/// `style/base.css` and `public/prerendered.js` as they are now. After changing
/// either, put the hash this test prints in index.html, Trunk.toml, `origin::APP_CSP` and the mock kit's backend.
#[test]
fn the_page_s_policy_allows_its_inline_base_styles_and_script_and_nothing_else() {
    use base64::Engine;
    use sha2::Digest;
    let page = include_str!("../../../index.html");
    let meta = page
        .split("<meta http-equiv=\"Content-Security-Policy\" content=\"")
        .nth(1)
        .and_then(|rest| rest.split('"').next())
        .expect("index.html has a CSP meta tag");
    assert_eq!(
        format!("{meta}; frame-ancestors 'self'"),
        fake_backend::origin::APP_CSP
    );
    // The one inline style (the skeleton's) and the one inline script (which shows
    // the prerendered login page), each inlined by Trunk and allowed by its hash.
    let inline = [
        (
            "style/base.css",
            &include_bytes!("../../../style/base.css")[..],
            "style-src 'self'",
        ),
        (
            "public/prerendered.js",
            &include_bytes!("../../../public/prerendered.js")[..],
            "script-src 'self' 'wasm-unsafe-eval'",
        ),
    ];
    for (file, text, allowed) in inline {
        let hash = base64::engine::general_purpose::STANDARD.encode(sha2::Sha256::digest(text));
        let name = allowed.split(' ').next().unwrap_or_default();
        let directive = meta
            .split("; ")
            .find(|d| d.starts_with(&format!("{name} ")))
            .unwrap_or_else(|| panic!("a {name} directive"));
        assert_eq!(
            directive,
            format!("{allowed} 'sha256-{hash}'"),
            "{file} changed: its hash is now sha256-{hash}"
        );
        assert!(
            page.contains(&format!(r#"<link data-trunk rel="inline" href="{file}">"#)),
            "index.html inlines {file}"
        );
    }
    let mock = include_str!("../../../end2end/mock/backend.ts");
    assert!(
        mock.contains(&format!(
            "const APP_CSP = \"{}\"",
            fake_backend::origin::APP_CSP
        )),
        "the mock kit sends the same policy"
    );
}
