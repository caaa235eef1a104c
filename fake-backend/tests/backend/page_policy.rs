//! The app page's headers and Content Security Policy: the backend, `trunk serve`,
//! `index.html` and the mock kit send the same policy, and it allows the one inline
//! style and the two inline scripts `index.html` carries by their hashes.

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

/// index.html carries the base styles inline, for its loading skeleton, the script
/// that shows its prerendered login page and the module that starts the app, and its
/// policy allows exactly those texts by their sha256: the same policy the backend
/// sends (less `frame-ancestors`, which only a header can carry), and the hashes of
/// `style/base.css`, `public/prerendered.js` and `public/boot.js` as they are now.
/// After changing one, put the hash this test prints in index.html, Trunk.toml,
/// `origin::APP_CSP` and the mock kit's backend.
#[test]
fn the_page_s_policy_allows_its_inline_base_styles_and_scripts_and_nothing_else() {
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
    // Each inlined by Trunk (the link as index.html writes it) and allowed by its hash.
    let directives = [
        (
            "style-src 'self'",
            vec![(
                r#"<link data-trunk rel="inline" href="style/base.css">"#,
                &include_bytes!("../../../style/base.css")[..],
            )],
        ),
        (
            "script-src 'self' 'wasm-unsafe-eval'",
            vec![
                (
                    r#"<link data-trunk rel="inline" href="public/prerendered.js">"#,
                    &include_bytes!("../../../public/prerendered.js")[..],
                ),
                (
                    r#"<link data-trunk rel="inline" type="module" href="public/boot.js">"#,
                    &include_bytes!("../../../public/boot.js")[..],
                ),
            ],
        ),
    ];
    for (allowed, inline) in directives {
        let name = allowed.split(' ').next().unwrap_or_default();
        let directive = meta
            .split("; ")
            .find(|d| d.starts_with(&format!("{name} ")))
            .unwrap_or_else(|| panic!("a {name} directive"));
        let mut expected = allowed.to_string();
        for (link, text) in inline {
            let hash = base64::engine::general_purpose::STANDARD.encode(sha2::Sha256::digest(text));
            assert!(
                directive.contains(&format!("'sha256-{hash}'")),
                "{link}: the file changed, its hash is now sha256-{hash}"
            );
            assert!(page.contains(link), "index.html inlines it: {link}");
            expected.push_str(&format!(" 'sha256-{hash}'"));
        }
        assert_eq!(
            directive, expected,
            "{name} allows these texts and nothing else"
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
