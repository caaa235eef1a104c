//! The fake backend answers only its own host names, refuses a clock moved out
//! of range and keeps working, and refuses to start test mode over https.

use crate::common;

use axum::body::Body;
use axum::http::{header, Request, StatusCode};
use common::*;
use domain::testing::ClockFreeze;
use domain::{endpoint, testing};
use fake_backend::{router, AppState};
use serde_json::json;
use tower::ServiceExt;

// ---- 6. Host, the clock, test mode ----------------------------------------

#[tokio::test]
async fn only_the_app_s_and_the_dialog_s_host_names_are_answered() {
    let (app, _) = app_and_state();
    let with_host = |path: &str, host: &str| {
        Request::get(path)
            .header(header::HOST, host)
            .body(Body::empty())
            .unwrap()
    };
    // The app's address (Playwright, Trunk's proxy) and the dialog's, on
    // `localhost` as another origin.
    // Trunk's proxy (scripts/dev) sends the backend's host without its port.
    for host in [
        "127.0.0.1:8080",
        "localhost:8080",
        "localhost:3000",
        "LOCALHOST:3000",
        "127.0.0.1:3000",
        "127.0.0.1",
        "localhost",
    ] {
        let r = call(&app, with_host(endpoint::HEALTH.route, host)).await;
        assert_eq!(r.status, StatusCode::OK, "{host}");
    }
    for host in [
        "evil.example",
        "evil.example:8080",
        "127.0.0.1:8080.evil.example",
        "localhost:8081",
        "127.0.0.2:8080",
        "",
    ] {
        for path in [
            endpoint::HEALTH.route,
            "/facebook/dialog.css",
            "/dev/mailbox",
        ] {
            let r = app.clone().oneshot(with_host(path, host)).await.unwrap();
            assert_eq!(r.status(), StatusCode::MISDIRECTED_REQUEST, "{host} {path}");
            let bytes = http_body_util::BodyExt::collect(r.into_body())
                .await
                .unwrap()
                .to_bytes();
            let body: serde_json::Value = serde_json::from_slice(&bytes).unwrap();
            assert_eq!(error_shape(&body), Ok(()));
        }
    }
    // Served: the port it listens on is answered for too.
    let state = AppState::new(config()).listening_on(8484);
    let app = router(state);
    for host in ["127.0.0.1:8484", "localhost:8484"] {
        let r = call(&app, with_host(endpoint::HEALTH.route, host)).await;
        assert_eq!(r.status, StatusCode::OK, "{host}");
    }
}

#[tokio::test]
async fn a_clock_moved_past_9999_is_refused_and_the_backend_keeps_working() {
    let (app, _) = app_and_state();
    reset(&app).await;
    for seconds in [i64::MAX, ClockFreeze::LATEST] {
        let r = post_json(
            &app,
            testing::ADVANCE_CLOCK.route,
            json!({ "seconds": seconds }),
        )
        .await;
        assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{seconds}");
        assert_eq!(r.fields(), ["seconds"]);
    }
    freeze_clock(&app, ClockFreeze::LATEST).await;
    let r = post_json(&app, testing::ADVANCE_CLOCK.route, json!({ "seconds": 1 })).await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    // Every later request still works: a reset, a login, a session.
    reset(&app).await;
    let user = login(&app, EMAIL).await;
    assert_eq!(
        user.get(&app, endpoint::SESSION.route).await.status,
        StatusCode::OK
    );
    let r = post_json(&app, testing::ADVANCE_CLOCK.route, json!({ "seconds": 60 })).await;
    assert_eq!(r.status, StatusCode::NO_CONTENT);
}

/// Runs the server binary with `args` (and `env`) and returns its exit status and
/// what it wrote on stderr; one still running after 20 seconds is stopped and
/// counts as started.
fn run_server(args: &[&str], env: &[(&str, &str)]) -> (Option<i32>, String) {
    use std::io::Read;
    let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_fake-backend"))
        .args(args)
        .envs(env.iter().copied())
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let started = std::time::Instant::now();
    let code = loop {
        if let Some(status) = child.try_wait().unwrap() {
            break status.code();
        }
        if started.elapsed() > std::time::Duration::from_secs(20) {
            child.kill().unwrap();
            child.wait().unwrap();
            break None;
        }
        std::thread::sleep(std::time::Duration::from_millis(50));
    };
    let mut stderr = String::new();
    child
        .stderr
        .take()
        .unwrap()
        .read_to_string(&mut stderr)
        .unwrap();
    (code, stderr)
}

#[test]
fn test_mode_refuses_to_start_with_an_https_app_url() {
    let https = [
        "--quiet",
        "--port",
        "0",
        "--app-url",
        "https://app.example.com",
    ];
    let (code, stderr) = run_server(&[&["--test-mode"][..], &https[..]].concat(), &[]);
    assert_eq!(code, Some(2), "{stderr}");
    assert!(stderr.contains("refuses an https --app-url"), "{stderr}");
    let (code, _) = run_server(&https, &[("FAKE_BACKEND_TEST_MODE", "1")]);
    assert_eq!(code, Some(2));
}
