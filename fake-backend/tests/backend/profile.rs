//! The business profile endpoints, driven in-process: the saved draft and its
//! merging, page checks (with full phone validation and the backend's own
//! rules), and completion. The picture's upload and download: `profile_pictures.rs`.

use crate::common;
use crate::profile_pictures::png;

use axum::body::Body;
use axum::http::{header, StatusCode};
use axum::Router;
use common::{
    app, app_and_state, call, complete_profile, eligible, get, login, reset, Reply, User, CHANNEL,
};
use domain::contract::ProfileCheck;
use domain::endpoint;
use domain::field::{Field, ProfilePage};
use fake_backend::seed::{DEMO_EMAIL, X6_EMAIL};
use serde_json::{json, Value};

impl User {
    pub(crate) async fn patch(&self, app: &Router, fields: Value) -> Reply {
        let body = json!({ "fields": fields });
        self.json(app, "PATCH", &endpoint::PROFILE.path(&[CHANNEL]), body)
            .await
    }

    pub(crate) async fn check(&self, app: &Router, page: ProfilePage) -> Reply {
        let path = endpoint::CHECK_PROFILE.path(&[CHANNEL]);
        self.json(app, "POST", &path, json!(ProfileCheck { page }))
            .await
    }

    pub(crate) async fn upload(&self, app: &Router, content_type: &str, bytes: Vec<u8>) -> Reply {
        let req = self
            .req("POST", &endpoint::UPLOAD_PICTURE.path(&[CHANNEL]))
            .header(header::CONTENT_TYPE, content_type)
            .body(Body::from(bytes))
            .unwrap();
        call(app, req).await
    }

    pub(crate) async fn complete(&self, app: &Router, name: &str) -> Reply {
        let path = endpoint::COMPLETE_PROFILE.path(&[CHANNEL]);
        let body = json!({ "confirmed_business_name": name });
        self.json(app, "POST", &path, body).await
    }
}

/// A fresh backend, the demo user logged in, with the Facebook business account confirmed.
pub(crate) async fn ready() -> (Router, User) {
    eligible().await
}

// ---- the draft ------------------------------------------------------------

#[tokio::test]
async fn the_profile_is_saved_before_the_facebook_account_is_confirmed_and_only_facebook_waits() {
    let app = app();
    reset(&app).await;
    // The demo account has not confirmed its Facebook business account.
    let user = login(&app, DEMO_EMAIL).await;
    let r = user.get(&app, &endpoint::PROFILE.path(&[CHANNEL])).await;
    assert_eq!(r.status, StatusCode::OK);

    // What the page lets the user type, the backend keeps.
    let r = user.patch(&app, complete_profile()).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.text);
    let r = user.upload(&app, "image/png", png(200, 200)).await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.text);
    let r = user.complete(&app, "Northwind Contact Centre").await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.text);
    assert_eq!(r.body["complete"], true);

    // Only Facebook's sign-up waits for the confirmation, and says so.
    let start = endpoint::START_SIGNUP.path(&[CHANNEL]);
    let state = "ab".repeat(32);
    let r = user
        .json(&app, "POST", &start, json!({ "state": state }))
        .await;
    assert_eq!(
        (r.status, r.code()),
        (StatusCode::FORBIDDEN, Some("forbidden"))
    );
    let message = r.body["message"].as_str().unwrap();
    assert!(
        message.contains("Confirm you have a Facebook business account verified by Meta"),
        "{message}"
    );
    user.json(
        &app,
        "POST",
        endpoint::CONFIRM_FACEBOOK_BUSINESS.route,
        json!({ "confirmed": true }),
    )
    .await;
    let r = user
        .json(&app, "POST", &start, json!({ "state": state }))
        .await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.text);
}

#[tokio::test]
async fn saving_needs_a_licence_with_whatsapp() {
    let (app, state) = app_and_state();
    reset(&app).await;
    let user = login(&app, DEMO_EMAIL).await;
    // The account's licence changed after its channel was requested.
    state
        .store
        .tx(|d| d.account_mut("acc_northwind").unwrap().licence = "X6".into());
    let r = user.patch(&app, json!({ "tagline": "Hello" })).await;
    assert_eq!(
        (r.status, r.code()),
        (StatusCode::FORBIDDEN, Some("forbidden"))
    );
    assert_eq!(
        r.body["message"],
        domain::eligibility::licence_refusal("X6")
    );
    let r = user.upload(&app, "image/png", png(200, 200)).await;
    assert_eq!(r.status, StatusCode::FORBIDDEN);
    let r = user.complete(&app, "").await;
    assert_eq!(r.status, StatusCode::FORBIDDEN);
    let r = user.get(&app, &endpoint::PROFILE.path(&[CHANNEL])).await;
    assert_eq!(r.body["version"], 0, "nothing was saved");
}

#[tokio::test]
async fn an_untouched_draft_is_prefilled() {
    let (app, user) = ready().await;
    let r = user.get(&app, &endpoint::PROFILE.path(&[CHANNEL])).await;
    assert_eq!(r.status, StatusCode::OK);
    assert_eq!(r.body["draft"]["channel_name"], "Customer Support");
    assert_eq!(r.body["draft"]["phone_country"], "GB");
    assert_eq!(r.body["draft"]["phone_number"], "");
    assert_eq!(
        (&r.body["version"], &r.body["complete"]),
        (&json!(0), &json!(false))
    );
    // Clearing the name is a choice: it is not filled again.
    user.patch(&app, json!({ "channel_name": "" })).await;
    let r = user.get(&app, &endpoint::PROFILE.path(&[CHANNEL])).await;
    assert_eq!(r.body["draft"]["channel_name"], "");
}

#[tokio::test]
async fn patches_merge_field_by_field_and_the_last_write_wins() {
    let (app, user) = ready().await;
    let r = user
        .patch(&app, json!({ "tagline": "Fresh bread daily" }))
        .await;
    assert_eq!((r.status, &r.body["version"]), (StatusCode::OK, &json!(1)));
    // Another tab saves another field: both survive.
    let r = user
        .patch(&app, json!({ "address": "1 High Street" }))
        .await;
    assert_eq!(r.body["version"], 2);
    assert_eq!(r.body["draft"]["tagline"], "Fresh bread daily");
    assert_eq!(r.body["draft"]["address"], "1 High Street");
    assert_eq!(
        r.body["draft"]["channel_name"], "Customer Support",
        "prefill kept"
    );
    // The same field: the last save wins.
    let r = user
        .patch(&app, json!({ "tagline": "Bread and cakes" }))
        .await;
    assert_eq!(r.body["version"], 3);
    assert_eq!(r.body["draft"]["tagline"], "Bread and cakes");
    let saved = user.get(&app, &endpoint::PROFILE.path(&[CHANNEL])).await;
    assert_eq!(saved.body, r.body);
    // The first save moved the channel on from Requested.
    let channels = user.get(&app, endpoint::CHANNELS.route).await;
    assert_eq!(channels.body[0]["channel"]["state"], "profile");
}

#[tokio::test]
async fn a_refused_field_leaves_the_draft_unchanged() {
    let (app, user) = ready().await;
    user.patch(&app, json!({ "tagline": "Before" })).await;
    let r = user
        .patch(
            &app,
            json!({ "tagline": "After", "category": "NOPE", "password": "x" }),
        )
        .await;
    assert_eq!(
        (r.status, r.code()),
        (StatusCode::UNPROCESSABLE_ENTITY, Some("validation"))
    );
    assert_eq!(r.fields(), ["category", "password"]);
    assert_eq!(r.field("category"), Some("Select a category from the list"));
    let saved = user.get(&app, &endpoint::PROFILE.path(&[CHANNEL])).await;
    assert_eq!(saved.body["draft"]["tagline"], "Before");
    assert_eq!(saved.body["version"], 1);

    let r = user.patch(&app, json!({ "tagline": 5 })).await;
    assert_eq!(
        (r.status, r.code()),
        (StatusCode::BAD_REQUEST, Some("malformed"))
    );
}

// ---- checks ---------------------------------------------------------------

#[tokio::test]
async fn page_one_runs_full_phone_validation_and_the_backends_rules() {
    let (app, user) = ready().await;
    assert_eq!(
        user.patch(&app, complete_profile()).await.status,
        StatusCode::OK
    );
    assert_eq!(
        user.check(&app, ProfilePage::Account).await.status,
        StatusCode::NO_CONTENT
    );

    // The domain's own check.
    user.patch(&app, json!({ "phone_number": "0770 090" }))
        .await;
    let r = user.check(&app, ProfilePage::Account).await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(r.fields(), ["phone_number"]);
    assert!(r
        .field("phone_number")
        .unwrap()
        .starts_with("Phone number is too short"));

    // Passes the domain's check, but libphonenumber knows the range is not in use.
    user.patch(&app, json!({ "phone_number": "07700 900123" }))
        .await;
    let r = user.check(&app, ProfilePage::Account).await;
    assert_eq!(
        r.field("phone_number"),
        Some("Enter a real United Kingdom phone number: +44 7700 900123 is not a number in use")
    );

    // Already on WhatsApp Business, however it is written.
    for (country, number) in [("GB", "07700 900001"), ("US", "(415) 555-0100")] {
        user.patch(
            &app,
            json!({ "phone_country": country, "phone_number": number }),
        )
        .await;
        let r = user.check(&app, ProfilePage::Account).await;
        assert_eq!(r.fields(), ["phone_number"], "{number}");
        assert!(r
            .field("phone_number")
            .unwrap()
            .starts_with("This number is already registered with WhatsApp Business"));
    }

    // Channel names are unique in the account (this channel's own name is fine).
    let r = user
        .json(
            &app,
            "POST",
            endpoint::CHANNELS.route,
            json!({ "name": "Sales", "routing_script_id": "rs_sales" }),
        )
        .await;
    assert_eq!(r.status, StatusCode::CREATED);
    user.patch(
        &app,
        json!({ "channel_name": " sales ", "business_name": "x" }),
    )
    .await;
    let r = user.check(&app, ProfilePage::Account).await;
    assert_eq!(
        r.fields(),
        ["channel_name", "phone_number", "business_name"],
        "field order"
    );
    assert_eq!(
        r.field("channel_name"),
        Some("You already have a channel called sales: choose a different name")
    );
    user.patch(
        &app,
        json!({ "channel_name": "Customer Support", "business_name": "Northwind", "phone_country": "GB", "phone_number": "07400 123456" }),
    )
    .await;
    assert_eq!(
        user.check(&app, ProfilePage::Account).await.status,
        StatusCode::NO_CONTENT
    );
}

#[tokio::test]
async fn page_two_checks_its_own_fields_in_order() {
    let (app, user) = ready().await;
    user.patch(
        &app,
        json!({ "contact_email": "not an email", "website": "ftp://x", "address": "a\u{200B}b", "phone_number": "" }),
    )
    .await;
    let r = user.check(&app, ProfilePage::Contact).await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(r.fields(), ["contact_email", "website", "address"]);

    // A picture id the account does not have.
    user.patch(&app, json!({ "picture_id": "pic_nope" })).await;
    let r = user.check(&app, ProfilePage::Contact).await;
    assert_eq!(
        r.fields(),
        ["contact_email", "website", "picture_id", "address"]
    );

    // The review checks both pages, page 1 first.
    let r = user.check(&app, ProfilePage::Review).await;
    let fields = r.fields();
    assert_eq!(fields[0], "phone_number", "the channel name is prefilled");
    let positions: Vec<usize> = fields
        .iter()
        .map(|f| Field::from_name(f).unwrap().index())
        .collect();
    assert!(positions.windows(2).all(|w| w[0] < w[1]), "{fields:?}");
}

#[tokio::test]
async fn checks_need_a_session_and_the_accounts_own_channel() {
    let (app, _) = ready().await;
    let fabrikam = login(&app, X6_EMAIL).await;
    for path in [
        endpoint::PROFILE.path(&[CHANNEL]),
        endpoint::PROFILE.path(&["ch_nope"]),
        endpoint::PROFILE.path(&["%FF"]),
    ] {
        let r = fabrikam.get(&app, &path).await;
        assert_eq!(
            (r.status, r.code()),
            (StatusCode::NOT_FOUND, Some("not_found")),
            "{path}"
        );
    }
    let r = fabrikam.check(&app, ProfilePage::Account).await;
    assert_eq!(r.status, StatusCode::NOT_FOUND);
    let r = fabrikam.patch(&app, json!({ "tagline": "x" })).await;
    assert_eq!(r.status, StatusCode::NOT_FOUND);
    let r = fabrikam.upload(&app, "image/png", png(200, 200)).await;
    assert_eq!(r.status, StatusCode::NOT_FOUND);
    let r = get(&app, &endpoint::PROFILE.path(&[CHANNEL])).await;
    assert_eq!(r.status, StatusCode::UNAUTHORIZED);
}

// ---- completion -----------------------------------------------------------

#[tokio::test]
async fn completing_fixes_the_business_name_and_names_the_channel() {
    let (app, user) = ready().await;
    let r = user.complete(&app, "").await;
    assert_eq!(
        r.status,
        StatusCode::UNPROCESSABLE_ENTITY,
        "an empty profile"
    );

    user.patch(&app, complete_profile()).await;
    let r = user.complete(&app, "Northwind Contact Center").await;
    assert_eq!(
        (r.status, r.code()),
        (StatusCode::CONFLICT, Some("conflict"))
    );
    assert_eq!(
        r.field("business_name"),
        Some("The business name changed since you checked it: check it again and confirm")
    );

    // Anything failing a check is 422, with the fields.
    user.patch(&app, json!({ "phone_number": "+44 7700 900001" }))
        .await;
    let r = user.complete(&app, "Northwind Contact Centre").await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(r.fields(), ["phone_number"]);
    user.patch(
        &app,
        json!({ "phone_number": "07400 123456", "business_name": " Northwind Contact Centre " }),
    )
    .await;

    let done = user.complete(&app, "Northwind Contact Centre").await;
    assert_eq!(done.status, StatusCode::OK, "{:?}", done.body);
    assert_eq!(done.body["complete"], true);
    let channels = user.get(&app, endpoint::CHANNELS.route).await;
    assert_eq!(channels.body[0]["channel"]["name"], "Support Desk");
    // Twice is harmless.
    let again = user.complete(&app, "Northwind Contact Centre").await;
    assert_eq!((again.status, &again.body), (StatusCode::OK, &done.body));

    // The business name is fixed now; other fields are not.
    let r = user
        .patch(&app, json!({ "business_name": "Northwind Help" }))
        .await;
    assert_eq!(
        (r.status, r.code()),
        (StatusCode::CONFLICT, Some("conflict"))
    );
    assert_eq!(
        r.field("business_name"),
        Some("The business name cannot be changed once the profile is set up")
    );
    let r = user
        .patch(
            &app,
            json!({ "business_name": "Northwind Contact Centre", "tagline": "Open late" }),
        )
        .await;
    assert_eq!(r.status, StatusCode::OK, "the same name is no change");
    assert_eq!(r.body["draft"]["tagline"], "Open late");
    assert_eq!(r.body["complete"], true);
}
