//! The dialog's address and pages: links that do not match the configuration are
//! refused without a redirect, and every page is plain, accessible and escaped.

use crate::common;

use axum::body::Body;
use axum::http::{header, Request, StatusCode};
use common::dialog::*;
use common::{app, call, get};
use serde_json::json;

#[tokio::test]
async fn links_that_do_not_match_the_configuration_are_refused_without_a_redirect() {
    let app = app();
    let r = get(&app, &link_with("none", None)).await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "the valid link works");
    for (name, value) in [
        ("redirect_uri", Some("https://evil.example/steal")),
        (
            "redirect_uri",
            Some("http://127.0.0.1:8080/facebook/callback?x=1"),
        ),
        (
            "redirect_uri",
            Some("http://127.0.0.1:8080/facebook/callback/"),
        ),
        ("redirect_uri", None),
        ("client_id", Some("999")),
        ("client_id", None),
        ("config_id", Some("other-config")),
        ("response_type", Some("token")),
        ("state", None),
        ("state", Some("short")),
        ("state", Some("")),
        ("code_challenge", None),
        ("code_challenge", Some("too-short")),
        ("code_challenge_method", Some("plain")),
        ("code_challenge_method", None),
    ] {
        let r = get(&app, &link_with(name, value)).await;
        assert_eq!(r.status, StatusCode::BAD_REQUEST, "{name}={value:?}");
        assert_eq!(r.location(), None, "{name}={value:?}");
        assert_eq!(r.h1(), "This sign-up link is not valid");
        assert!(!r.text.contains("evil.example"));
        assert!(!r.text.contains("<a "), "links nowhere");
    }
    // A parameter given twice is ambiguous.
    let twice = format!(
        "{}&redirect_uri={}",
        link_with("none", None),
        domain::percent::encode("https://evil.example/")
    );
    let r = get(&app, &twice).await;
    assert_eq!((r.status, r.location()), (StatusCode::BAD_REQUEST, None));
    let r = get(&app, "/facebook/latest/dialog/oauth").await;
    assert_eq!((r.status, r.location()), (StatusCode::BAD_REQUEST, None));
}

#[tokio::test]
async fn dialog_pages_are_plain_accessible_and_escape_everything() {
    let app = app();
    let extras = json!({ "setup": {
        "business": { "name": "<script>alert(1)</script> & \"Co\"", "phone": { "code": "44", "number": "7400123456" }, "country": "GB" },
        "phone": { "description": "</textarea><b>bold</b>" }
    }})
    .to_string();
    let d = Dialog::at(&app, &link_with("extras", Some(&extras))).await;
    let page = d.page("login").await;
    let csp = page.headers[header::CONTENT_SECURITY_POLICY]
        .to_str()
        .unwrap();
    assert!(
        csp.contains("form-action 'self' http://127.0.0.1:8080"),
        "{csp}"
    );
    assert!(csp.contains("default-src 'none'"), "{csp}");
    assert_eq!(page.headers[header::REFERRER_POLICY], "no-referrer");
    assert_eq!(page.headers[header::CACHE_CONTROL], "no-store");
    d.pass(
        "login",
        &[("email", "a@b.c"), ("password", "p")],
        "permissions",
    )
    .await;
    d.pass("permissions", &[], "permission-given").await;
    d.pass("permission-given", &[], "business-name").await;
    let page = d.page("business-name").await;
    let name = "&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;Co&quot;";
    assert!(
        page.text.contains(&format!("value=\"{name}\"")),
        "{}",
        page.text
    );
    d.pass(
        "business-name",
        &[("legal_name", "<script>alert(1)</script> & \"Co\"")],
        "description",
    )
    .await;
    let page = d.page("description").await;
    assert!(page
        .text
        .contains("&lt;/textarea&gt;&lt;b&gt;bold&lt;/b&gt;</textarea>"));
    d.pass(
        "description",
        &[("description", "</textarea><b>bold</b>")],
        "phone-number",
    )
    .await;
    for step in [
        "login",
        "permissions",
        "permission-given",
        "business-name",
        "description",
        "phone-number",
    ] {
        let page = d.page(step).await;
        let t = &page.text;
        assert!(t.starts_with("<!doctype html><html lang=\"en\">"), "{step}");
        assert!(t.contains("<title>"), "{step}");
        page.h1();
        for banned in ["<script", " style=", " onclick", " onsubmit", "javascript:"] {
            assert!(!t.contains(banned), "{step} has {banned}");
        }
        // Every input but the radios' has a label for it.
        for (at, _) in t.match_indices(" id=\"") {
            let id = &t[at + 5..][..t[at + 5..].find('"').unwrap()];
            let tag_start = t[..at].rfind('<').unwrap();
            let tag = &t[tag_start..at];
            if tag.starts_with("<input") || tag.starts_with("<textarea") {
                assert!(t.contains(&format!("<label for=\"{id}\">")), "{step}: {id}");
            }
        }
        assert!(t.contains(">Cancel</button>"), "{step}");
    }
    let page = d.page("business-name").await;
    assert!(page.text.contains(&format!("value=\"{name}\"")));
    let css = get(&app, "/facebook/dialog.css").await;
    assert_eq!(css.status, StatusCode::OK);
    assert!(css.headers[header::CONTENT_TYPE]
        .to_str()
        .unwrap()
        .starts_with("text/css"));

    // A number of another country is taken as typed, in international form.
    d.pass(
        "phone-number",
        &[("phone", "+1 415 555 2671"), ("method", "sms")],
        "code",
    )
    .await;
    assert!(last_message(&app, "+14155552671").await.is_some());
    // Too much is refused, not a failure.
    let req = Request::post(format!("{}/code", d.base))
        .body(Body::from(vec![b'a'; 20_000]))
        .unwrap();
    assert_eq!(call(&app, req).await.status, StatusCode::PAYLOAD_TOO_LARGE);

    // Forms from another site cannot drive a flow.
    let req = Request::post(format!("{}/cancel", d.base))
        .header("sec-fetch-site", "cross-site")
        .body(Body::empty())
        .unwrap();
    let r = call(&app, req).await;
    assert_eq!((r.status, r.location()), (StatusCode::FORBIDDEN, None));
    // Unknown flows and pages.
    let r = get(&app, "/facebook/flow/nope/login").await;
    assert_eq!(r.status, StatusCode::NOT_FOUND);
    let r = d.page("nonsense").await;
    assert_eq!(r.status, StatusCode::NOT_FOUND);
}
