//! The fake backend's clock in test mode: frozen at an instant by the test
//! harness, live again after a reset for a served backend.

use crate::common;

use axum::http::StatusCode;
use axum::Router;
use common::{app_and_state, config, error_shape, freeze_clock, get, post_json, reset};
use domain::testing;
use fake_backend::{router, AppState};
use serde_json::json;

/// 10:00 UTC on Thursday 24 December 2026.
const CHRISTMAS_EVE: i64 = 1_798_106_400;

/// The backend's clock, as the state view shows it.
async fn backend_now(app: &Router) -> i64 {
    get(app, testing::STATE.route).await.body["now"]
        .as_i64()
        .unwrap()
}

fn wall_clock() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_secs() as i64
}

#[tokio::test]
async fn the_clock_freezes_at_an_instant_and_a_reset_makes_a_served_backend_live_again() {
    // Built as `fake-backend --test-mode` builds it: on the wall clock.
    let app = router(AppState::new(config()));
    post_json(
        &app,
        testing::ADVANCE_CLOCK.route,
        json!({ "seconds": 3_600 }),
    )
    .await;
    freeze_clock(&app, CHRISTMAS_EVE).await;
    assert_eq!(
        backend_now(&app).await,
        CHRISTMAS_EVE,
        "the hour moved forward is dropped"
    );
    tokio::time::sleep(std::time::Duration::from_millis(1_100)).await;
    assert_eq!(backend_now(&app).await, CHRISTMAS_EVE, "it stands still");
    let r = post_json(&app, testing::ADVANCE_CLOCK.route, json!({ "seconds": 90 })).await;
    assert_eq!(r.status, StatusCode::NO_CONTENT);
    assert_eq!(backend_now(&app).await, CHRISTMAS_EVE + 90);
    freeze_clock(&app, CHRISTMAS_EVE - 86_400).await;
    assert_eq!(backend_now(&app).await, CHRISTMAS_EVE - 86_400);

    // Refused in the error shape; the clock stays where it was.
    for (body, status, code) in [
        (
            json!({ "at": -1 }),
            StatusCode::UNPROCESSABLE_ENTITY,
            "validation",
        ),
        (
            json!({ "at": i64::MAX }),
            StatusCode::UNPROCESSABLE_ENTITY,
            "validation",
        ),
        (
            json!({ "at": "2026-12-24" }),
            StatusCode::BAD_REQUEST,
            "malformed",
        ),
        (json!({}), StatusCode::BAD_REQUEST, "malformed"),
    ] {
        let r = post_json(&app, testing::FREEZE_CLOCK.route, body.clone()).await;
        assert_eq!(
            (r.status, r.code()),
            (status, Some(code)),
            "{body}: {}",
            r.text
        );
        error_shape(&r.body).unwrap();
        if status == StatusCode::UNPROCESSABLE_ENTITY {
            assert_eq!(r.fields(), ["at"]);
        }
    }
    assert_eq!(backend_now(&app).await, CHRISTMAS_EVE - 86_400);

    let before = wall_clock();
    reset(&app).await;
    tokio::time::sleep(std::time::Duration::from_millis(1_100)).await;
    let now = backend_now(&app).await;
    assert!(
        now > before && now <= wall_clock(),
        "live again: {now}, wall clock {before}"
    );
}

#[tokio::test]
async fn a_reset_keeps_the_test_harness_clock_frozen_at_its_start() {
    let (app, state) = app_and_state();
    let start = state.clock.now();
    freeze_clock(&app, CHRISTMAS_EVE).await;
    post_json(&app, testing::ADVANCE_CLOCK.route, json!({ "seconds": 60 })).await;
    assert_eq!(state.clock.now(), CHRISTMAS_EVE + 60);
    reset(&app).await;
    assert_eq!(state.clock.now(), start);
    tokio::time::sleep(std::time::Duration::from_millis(1_100)).await;
    assert_eq!(backend_now(&app).await, start);
}
