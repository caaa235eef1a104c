//! Linking a registered number to a channel, the activation date, and activation.

mod common;

use axum::http::StatusCode;
use axum::Router;
use common::{app_and_state, login, reset, User, EMAIL};
use domain::contract::paths;
use domain::journey::ChannelState;
use domain::signup::RegisteredNumber;
use fake_backend::store::NumberRecord;
use fake_backend::AppState;
use serde_json::{json, Value};

/// The demo user, logged in on a fresh backend.
struct Client {
    app: Router,
    state: AppState,
    user: User,
}

impl Client {
    async fn new() -> Self {
        let (app, state) = app_and_state();
        reset(&app).await;
        let user = login(&app, EMAIL).await;
        Client { app, state, user }
    }

    async fn call(&self, method: &str, path: &str, body: Option<Value>) -> (StatusCode, Value) {
        let r = self.user.send(&self.app, method, path, body).await;
        (r.status, r.body)
    }

    /// A number as Facebook's sign-up would have registered it, and the channel moved on.
    fn register(&self, id: &str, e164: &str, channel: &str) {
        let now = self.state.clock.now();
        self.state.store.tx(|d| {
            d.numbers.push(NumberRecord {
                account_id: "acc_northwind".into(),
                number: RegisteredNumber {
                    id: id.into(),
                    e164: e164.into(),
                    waba_id: "waba_1".into(),
                    business_name: "Northwind Bakery".into(),
                    channel_id: None,
                    registered_at: now,
                },
            });
            if let Some(c) = d.channels.iter_mut().find(|c| c.channel.id == channel) {
                c.channel.state = ChannelState::NumberRegistered;
            }
        });
    }
}

#[tokio::test]
async fn linking_starts_activation_with_a_working_day_date() {
    let c = Client::new().await;
    c.register("pn_1", "+447400123456", "ch_support");
    let (status, body) = c
        .call(
            "POST",
            paths::LINKS,
            Some(json!({ "number_id": "pn_1", "channel_id": "ch_support" })),
        )
        .await;
    assert_eq!(status, StatusCode::OK, "{body}");
    assert_eq!(body["channel"]["channel"]["state"], "activation");
    assert_eq!(body["channel"]["number"], "+447400123456");
    let ready = body["channel"]["ready_by"].as_str().unwrap().to_string();
    assert_eq!(ready.len(), 10, "an ISO date: {ready}");

    let (_, list) = c.call("GET", paths::CHANNELS, None).await;
    assert_eq!(list[0]["number"], "+447400123456");
    assert_eq!(list[0]["ready_by"], ready.as_str());
    let (_, numbers) = c.call("GET", paths::NUMBERS, None).await;
    assert_eq!(numbers[0]["channel_id"], "ch_support");
}

#[tokio::test]
async fn a_linked_number_or_channel_cannot_be_linked_again() {
    let c = Client::new().await;
    c.register("pn_1", "+447400123456", "ch_support");
    c.register("pn_2", "+447400123457", "ch_support");
    let (s, _) = c
        .call(
            "POST",
            paths::LINKS,
            Some(json!({ "number_id": "pn_1", "channel_id": "ch_support" })),
        )
        .await;
    assert_eq!(s, StatusCode::OK);
    let (s, body) = c
        .call(
            "POST",
            paths::LINKS,
            Some(json!({ "number_id": "pn_1", "channel_id": "ch_support" })),
        )
        .await;
    assert_eq!(
        (s, body["fields"][0]["field"].as_str()),
        (StatusCode::CONFLICT, Some("number_id"))
    );
    let (s, body) = c
        .call(
            "POST",
            paths::LINKS,
            Some(json!({ "number_id": "pn_2", "channel_id": "ch_support" })),
        )
        .await;
    assert_eq!(
        (s, body["fields"][0]["field"].as_str()),
        (StatusCode::CONFLICT, Some("channel_id"))
    );
    let (s, body) = c
        .call(
            "POST",
            paths::LINKS,
            Some(json!({ "number_id": "", "channel_id": "" })),
        )
        .await;
    assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(body["fields"].as_array().unwrap().len(), 2);
    let (s, _) = c
        .call(
            "POST",
            paths::LINKS,
            Some(json!({ "number_id": "pn_nope", "channel_id": "ch_support" })),
        )
        .await;
    assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY);
}

#[tokio::test]
async fn activation_makes_the_channel_ready_and_says_so_by_email() {
    let c = Client::new().await;
    c.register("pn_1", "+447400123456", "ch_support");
    c.call(
        "POST",
        paths::LINKS,
        Some(json!({ "number_id": "pn_1", "channel_id": "ch_support" })),
    )
    .await;
    let (s, _) = c
        .call(
            "POST",
            paths::test::ACTIVATE,
            Some(json!({ "channel_id": "ch_support" })),
        )
        .await;
    assert_eq!(s, StatusCode::NO_CONTENT);
    let (_, list) = c.call("GET", paths::CHANNELS, None).await;
    assert_eq!(list[0]["channel"]["state"], "ready");
    assert_eq!(list[0]["ready_by"], Value::Null);
    let (_, mail) = c.call("GET", "/dev/mailbox.json", None).await;
    assert_eq!(mail[0]["subject"], "Customer Support is ready on WhatsApp");
    // Activating a channel that is not in activation is refused.
    let (s, _) = c
        .call(
            "POST",
            paths::test::ACTIVATE,
            Some(json!({ "channel_id": "ch_support" })),
        )
        .await;
    assert_eq!(s, StatusCode::NO_CONTENT, "ready stays ready");
}

#[tokio::test]
async fn many_channels_for_scale_tests() {
    let c = Client::new().await;
    c.call(
        "POST",
        paths::test::MANY_CHANNELS,
        Some(json!({ "count": 1000 })),
    )
    .await;
    let (_, list) = c.call("GET", paths::CHANNELS, None).await;
    assert_eq!(list.as_array().unwrap().len(), 1001);
}
