//! What the fake backend hands out cannot be turned against its users:
//! set-password links work only while they are the newest, the store keeps
//! digests of tokens (never the tokens), and over https the session cookie is
//! `__Host-` prefixed and secure.

use crate::common;

use axum::body::Body;
use axum::http::{header, Request, StatusCode};
use axum::Router;
use common::*;
use domain::endpoint;
use fake_backend::{router, AppState, Config};
use serde_json::json;

// ---- 4. set-password links -------------------------------------------------

#[tokio::test]
async fn a_newer_link_voids_every_older_one() {
    let (app, state) = app_and_state();
    let first = newest_link_token(&state);
    let r = post_json(
        &app,
        endpoint::REQUEST_PASSWORD_LINK.route,
        json!({ "email": EMAIL }),
    )
    .await;
    assert_eq!(r.status, StatusCode::ACCEPTED);
    let second = newest_link_token(&state);
    assert_ne!(first, second);
    for method in ["GET", "POST"] {
        let req = json_req(method, &endpoint::PASSWORD_LINK.path(&[&first]));
        let body = if method == "POST" {
            Body::from(json!({ "password": PASSWORD }).to_string())
        } else {
            Body::empty()
        };
        let r = call(&app, req.body(body).unwrap()).await;
        assert_eq!(
            (r.status, r.code()),
            (StatusCode::GONE, Some("link_expired")),
            "{method}"
        );
        assert!(
            r.body["message"]
                .as_str()
                .unwrap()
                .contains("A newer link was sent"),
            "{}",
            r.text
        );
    }
    // The newest still works, and setting the password uses it up.
    set_password(&app, &second).await;
    let unused = state.store.tx(|d| {
        d.password_links
            .iter()
            .filter(|l| l.used_at.is_none() && l.voided.is_none())
            .count()
    });
    assert_eq!(unused, 0, "no link of the address works any more");
}

// ---- 7. tokens kept as digests ---------------------------------------------

#[tokio::test]
async fn the_store_keeps_digests_never_the_tokens() {
    let (app, state) = app_and_state();
    let link = newest_link_token(&state);
    let r = set_password(&app, &link).await;
    let cookie = r.headers[header::SET_COOKIE].to_str().unwrap();
    let session = cookie.split(';').next().unwrap();
    let token = session.split_once('=').unwrap().1.to_string();
    let csrf = r.body["csrf_token"].as_str().unwrap().to_string();
    // Everything but the dev mailbox, which is the email with the link in it.
    let dump = state.store.tx(|d| {
        let mut d = d.clone();
        d.mailbox.clear();
        format!("{d:?}")
    });
    for secret in [&link, &token, &csrf] {
        assert!(!dump.contains(secret.as_str()), "{secret} is stored");
    }
    // The CSRF token is derived again for the session, and works.
    let user = User {
        cookie: session.to_string(),
        csrf: csrf.clone(),
    };
    let r = user.get(&app, endpoint::SESSION.route).await;
    assert_eq!(r.body["csrf_token"], csrf.as_str());
    let r = user
        .send(&app, "DELETE", endpoint::LOG_OUT.route, None)
        .await;
    assert_eq!(r.status, StatusCode::NO_CONTENT);
    assert_eq!(state.store.tx(|d| d.sessions.len()), 0);
}

// ---- 8. the cookie's name over https ----------------------------------------

#[tokio::test]
async fn over_https_the_session_cookie_is_host_prefixed_and_secure() {
    let state = AppState::new(Config {
        app_url: "https://app.example.com".into(),
        test_mode: false,
        ..config()
    });
    state.clock.freeze();
    let app: Router = router(state.clone());
    let link = newest_link_token(&state);
    let r = set_password(&app, &link).await;
    let cookie = r.headers[header::SET_COOKIE].to_str().unwrap();
    assert!(cookie.starts_with("__Host-session="), "{cookie}");
    assert!(
        cookie.contains("; Path=/;") && cookie.contains("; Secure") && !cookie.contains("Domain"),
        "{cookie}"
    );
    let pair = cookie.split(';').next().unwrap();
    let session = |cookie: String| {
        Request::get(endpoint::SESSION.route)
            .header(header::COOKIE, cookie)
            .body(Body::empty())
            .unwrap()
    };
    assert_eq!(
        call(&app, session(pair.to_string())).await.status,
        StatusCode::OK
    );
    let value = pair.split_once('=').unwrap().1;
    assert_eq!(
        call(&app, session(format!("session={value}"))).await.status,
        StatusCode::UNAUTHORIZED,
        "only the prefixed name counts over https"
    );
}
