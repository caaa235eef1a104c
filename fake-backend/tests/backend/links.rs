//! Linking a registered number to a channel, the activation date, and activation.

use crate::common;

use axum::http::StatusCode;
use axum::Router;
use common::{app_and_state, error_shape, freeze_clock, login, reset, User, EMAIL};
use domain::contract::Channel;
use domain::eligibility::Terms;
use domain::journey::ChannelState;
use domain::signup::RegisteredNumber;
use domain::{endpoint, testing};
use fake_backend::seed::UNSIGNED_EMAIL;
use fake_backend::store::{ChannelRecord, NumberRecord};
use fake_backend::AppState;
use serde_json::{json, Value};
use time::{Date, Month};

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

    /// `email` logged in on a fresh backend whose clock stands still at `at`.
    async fn at(email: &str, at: i64) -> Self {
        let (app, state) = app_and_state();
        // The reset puts the harness's own frozen instant back, so freeze after it.
        reset(&app).await;
        freeze_clock(&app, at).await;
        assert_eq!(state.clock.now(), at);
        let user = login(&app, email).await;
        Client { app, state, user }
    }

    async fn call(&self, method: &str, path: &str, body: Option<Value>) -> (StatusCode, Value) {
        let r = self.user.send(&self.app, method, path, body).await;
        (r.status, r.body)
    }

    /// A number as Facebook's sign-up would have registered it for the channel's
    /// account (Northwind's when there is no such channel), and the channel moved on.
    fn register(&self, id: &str, e164: &str, channel: &str) {
        let now = self.state.clock.now();
        self.state.store.tx(|d| {
            let account_id = d
                .channels
                .iter()
                .find(|c| c.channel.id == channel)
                .map_or("acc_northwind".into(), |c| c.account_id.clone());
            d.numbers.push(NumberRecord {
                account_id,
                number: RegisteredNumber {
                    id: id.into(),
                    e164: e164.into(),
                    // As the exchange registers it.
                    display: fake_backend::phone::display(e164),
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

    /// Links number `number` to `channel`; the answer's `ready_by`, which the channel
    /// list and the confirmation email must repeat.
    async fn link(&self, number: &str, channel: &str) -> String {
        let (status, body) = self
            .call(
                "POST",
                endpoint::LINK.route,
                Some(json!({ "number_id": number, "channel_id": channel })),
            )
            .await;
        assert_eq!(status, StatusCode::OK, "{body}");
        let ready = body["channel"]["ready_by"].as_str().unwrap().to_string();
        let (_, list) = self.call("GET", endpoint::CHANNELS.route, None).await;
        let listed = list
            .as_array()
            .unwrap()
            .iter()
            .find(|c| c["channel"]["id"] == channel)
            .unwrap();
        assert_eq!(listed["ready_by"], ready.as_str());
        let (_, mail) = self.call("GET", "/dev/mailbox.json", None).await;
        assert!(
            mail[0]["body"].as_str().unwrap().contains(&format!(
                "Activation can take up to 3 working days. It will be ready by {ready}."
            )),
            "{}",
            mail[0]
        );
        ready
    }
}

/// Seconds since the Unix epoch at `h:min` UTC on that day.
fn utc(year: i32, month: u8, day: u8, h: u8, min: u8) -> i64 {
    Date::from_calendar_date(year, Month::try_from(month).unwrap(), day)
        .unwrap()
        .with_hms(h, min, 0)
        .unwrap()
        .assume_utc()
        .unix_timestamp()
}

/// The ready-by date Northwind (a UK account) gets for a number confirmed at `at`.
async fn uk_ready_by(at: i64) -> String {
    let c = Client::at(EMAIL, at).await;
    c.register("pn_1", "+447400123456", "ch_support");
    c.link("pn_1", "ch_support").await
}

/// The ready-by date Contoso (a US account, its terms signed and a number
/// registered for its new channel) gets for a number confirmed at `at`.
async fn us_ready_by(at: i64) -> String {
    let c = Client::at(UNSIGNED_EMAIL, at).await;
    c.state.store.tx(|d| {
        let contoso = d.account_mut("acc_contoso").unwrap();
        assert_eq!(contoso.country, "US");
        contoso.terms = Terms::Signed;
        contoso.facebook_business_confirmed = true;
        d.channels.push(ChannelRecord {
            account_id: "acc_contoso".into(),
            channel: Channel {
                id: "ch_care".into(),
                name: "Care Line".into(),
                routing_script: "Care team".into(),
                reference: "CM-300001".into(),
                state: ChannelState::Requested,
                requested_at: at - 86_400,
            },
            profile: Default::default(),
            activation: None,
        });
    });
    c.register("pn_us", "+12025550143", "ch_care");
    c.link("pn_us", "ch_care").await
}

#[tokio::test]
async fn linking_starts_activation_with_a_working_day_date() {
    let c = Client::new().await;
    c.register("pn_1", "+447400123456", "ch_support");
    let (status, body) = c
        .call(
            "POST",
            endpoint::LINK.route,
            Some(json!({ "number_id": "pn_1", "channel_id": "ch_support" })),
        )
        .await;
    assert_eq!(status, StatusCode::OK, "{body}");
    assert_eq!(body["channel"]["channel"]["state"], "activation");
    assert_eq!(body["channel"]["number"], "+447400123456");
    assert_eq!(body["channel"]["number_display"], "+44 7400 123456");
    let ready = body["channel"]["ready_by"].as_str().unwrap().to_string();
    assert_eq!(ready.len(), 10, "an ISO date: {ready}");

    let (_, list) = c.call("GET", endpoint::CHANNELS.route, None).await;
    assert_eq!(list[0]["number"], "+447400123456");
    assert_eq!(list[0]["ready_by"], ready.as_str());
    let (_, numbers) = c.call("GET", endpoint::NUMBERS.route, None).await;
    assert_eq!(numbers[0]["channel_id"], "ch_support");
    // The email names the number as WhatsApp shows it.
    let (_, mail) = c.call("GET", "/dev/mailbox.json", None).await;
    let body = mail[0]["body"].as_str().unwrap();
    assert!(
        body.starts_with(
            "+44 7400 123456 is now linked to your WhatsApp channel Customer Support."
        ),
        "{body}"
    );
}

// The expected dates below come from the calendars, not from the code: GOV.UK's
// England and Wales bank holidays (Christmas Day Friday 25 December 2026, Boxing
// Day substitute Monday 28 December 2026) and OPM's federal holidays (Christmas
// Day Friday 25 December 2026, Memorial Day Monday 25 May 2026). Three working
// days count from the day after the account's local date of confirmation.

#[tokio::test]
async fn the_ready_by_date_skips_uk_bank_holidays_and_the_weekend() {
    // Thursday 24 December 2026, 15:00 GMT. Fri 25 Christmas, Sat 26, Sun 27,
    // Mon 28 Boxing Day (substitute): Tue 29, Wed 30, Thu 31.
    assert_eq!(uk_ready_by(utc(2026, 12, 24, 15, 0)).await, "2026-12-31");
}

#[tokio::test]
async fn the_ready_by_date_skips_us_federal_holidays_and_the_weekend() {
    // The same instant, 10:00 in New York. Fri 25 Christmas, Sat 26, Sun 27;
    // 28 December is not a US holiday: Mon 28, Tue 29, Wed 30.
    assert_eq!(us_ready_by(utc(2026, 12, 24, 15, 0)).await, "2026-12-30");
}

#[tokio::test]
async fn the_ready_by_date_counts_from_the_accounts_local_date() {
    // 03:30 UTC on Friday 22 May 2026 is 23:30 on Thursday 21 May in New York
    // (EDT, UTC-4). From Thursday: Fri 22, then Sat, Sun, Memorial Day Mon 25,
    // Tue 26, Wed 27. (Counting from the UTC date, Friday, would give Thu 28.)
    // A Friday evening that is Saturday in UTC would not tell the two apart: both
    // start counting on Monday.
    assert_eq!(us_ready_by(utc(2026, 5, 22, 3, 30)).await, "2026-05-27");
    // An hour later it is 00:30 on Friday in New York (it would still be Thursday
    // under EST, UTC-5): Tue 26, Wed 27, Thu 28.
    assert_eq!(us_ready_by(utc(2026, 5, 22, 4, 30)).await, "2026-05-28");
}

#[tokio::test]
async fn a_linked_number_or_channel_cannot_be_linked_again() {
    let c = Client::new().await;
    c.register("pn_1", "+447400123456", "ch_support");
    c.register("pn_2", "+447400123457", "ch_support");
    let (s, _) = c
        .call(
            "POST",
            endpoint::LINK.route,
            Some(json!({ "number_id": "pn_1", "channel_id": "ch_support" })),
        )
        .await;
    assert_eq!(s, StatusCode::OK);
    let (s, body) = c
        .call(
            "POST",
            endpoint::LINK.route,
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
            endpoint::LINK.route,
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
            endpoint::LINK.route,
            Some(json!({ "number_id": "", "channel_id": "" })),
        )
        .await;
    assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(body["fields"].as_array().unwrap().len(), 2);
    let (s, _) = c
        .call(
            "POST",
            endpoint::LINK.route,
            Some(json!({ "number_id": "pn_nope", "channel_id": "ch_support" })),
        )
        .await;
    assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY);
}

/// The subjects of the "is ready" emails in the mailbox.
async fn ready_emails(c: &Client) -> Vec<String> {
    let (_, mail) = c.call("GET", "/dev/mailbox.json", None).await;
    mail.as_array()
        .unwrap()
        .iter()
        .filter_map(|m| m["subject"].as_str())
        .filter(|s| s.ends_with("is ready on WhatsApp"))
        .map(str::to_string)
        .collect()
}

#[tokio::test]
async fn activation_makes_the_channel_ready_and_says_so_by_email() {
    let c = Client::new().await;
    let activate = || {
        c.call(
            "POST",
            testing::ACTIVATE.route,
            Some(json!({ "channel_id": "ch_support" })),
        )
    };
    // The endpoint stands for the provider finishing an activation, so a channel
    // that is not in activation is refused, in the error shape, and nothing changes.
    let (s, body) = activate().await;
    assert_eq!(s, StatusCode::CONFLICT, "{body}");
    error_shape(&body).unwrap();
    assert_eq!(
        (body["code"].as_str(), body["fields"][0]["field"].as_str()),
        (Some("conflict"), Some("channel_id"))
    );
    let (_, list) = c.call("GET", endpoint::CHANNELS.route, None).await;
    assert_eq!(list[0]["channel"]["state"], "requested");
    assert_eq!(ready_emails(&c).await, Vec::<String>::new());

    c.register("pn_1", "+447400123456", "ch_support");
    c.link("pn_1", "ch_support").await;
    let (s, body) = activate().await;
    assert_eq!(s, StatusCode::NO_CONTENT, "{body}");
    let (_, list) = c.call("GET", endpoint::CHANNELS.route, None).await;
    assert_eq!(list[0]["channel"]["state"], "ready");
    assert_eq!(list[0]["ready_by"], Value::Null);
    let (_, mail) = c.call("GET", "/dev/mailbox.json", None).await;
    assert_eq!(mail[0]["to"], EMAIL);
    assert_eq!(
        ready_emails(&c).await,
        ["Customer Support is ready on WhatsApp"]
    );

    // A Ready channel is not activated again: 409, and no second email.
    let (s, body) = activate().await;
    assert_eq!(s, StatusCode::CONFLICT, "{body}");
    error_shape(&body).unwrap();
    assert_eq!(body["message"], "This channel is already ready.");
    let (_, list) = c.call("GET", endpoint::CHANNELS.route, None).await;
    assert_eq!(list[0]["channel"]["state"], "ready");
    assert_eq!(
        ready_emails(&c).await,
        ["Customer Support is ready on WhatsApp"]
    );

    let (s, body) = c
        .call(
            "POST",
            testing::ACTIVATE.route,
            Some(json!({ "channel_id": "ch_nope" })),
        )
        .await;
    assert_eq!(
        (s, body["code"].as_str()),
        (StatusCode::NOT_FOUND, Some("not_found"))
    );
}

#[tokio::test]
async fn many_channels_for_scale_tests() {
    let c = Client::new().await;
    c.call(
        "POST",
        testing::MANY_CHANNELS.route,
        Some(json!({ "count": 1000 })),
    )
    .await;
    let (_, list) = c.call("GET", endpoint::CHANNELS.route, None).await;
    assert_eq!(list.as_array().unwrap().len(), 1001);
}
