//! The business profile endpoints, driven in-process: the saved draft and its
//! merging, page checks (with full phone validation and the backend's own
//! rules), the picture upload and download, and completion.

use crate::common;

use axum::body::Body;
use axum::http::{header, StatusCode};
use axum::Router;
use common::{
    app, app_and_state, call, complete_profile, eligible, eligible_with_state, get, login, reset,
    Reply, User, CHANNEL,
};
use domain::contract::ProfileCheck;
use domain::contract::PICTURE_MAX_BYTES;
use domain::field::{Field, ProfilePage};
use domain::{endpoint, testing};
use fake_backend::limits;
use fake_backend::seed::{DEMO_EMAIL, WHATSAPP_NUMBERS, X6_EMAIL};
use proptest::prelude::*;
use serde_json::{json, Value};

impl User {
    async fn patch(&self, app: &Router, fields: Value) -> Reply {
        let body = json!({ "fields": fields });
        self.json(app, "PATCH", &endpoint::PROFILE.path(&[CHANNEL]), body)
            .await
    }

    async fn check(&self, app: &Router, page: ProfilePage) -> Reply {
        let path = endpoint::CHECK_PROFILE.path(&[CHANNEL]);
        self.json(app, "POST", &path, json!(ProfileCheck { page }))
            .await
    }

    async fn upload(&self, app: &Router, content_type: &str, bytes: Vec<u8>) -> Reply {
        let req = self
            .req("POST", &endpoint::UPLOAD_PICTURE.path(&[CHANNEL]))
            .header(header::CONTENT_TYPE, content_type)
            .body(Body::from(bytes))
            .unwrap();
        call(app, req).await
    }

    async fn complete(&self, app: &Router, name: &str) -> Reply {
        let path = endpoint::COMPLETE_PROFILE.path(&[CHANNEL]);
        let body = json!({ "confirmed_business_name": name });
        self.json(app, "POST", &path, body).await
    }
}

/// A fresh backend, the demo user logged in, with the Facebook business account confirmed.
async fn ready() -> (Router, User) {
    eligible().await
}

// ---- a minimal PNG encoder (greyscale, stored deflate blocks) -------------

fn crc32(data: &[u8]) -> u32 {
    let mut c = 0xFFFF_FFFFu32;
    for &b in data {
        c ^= u32::from(b);
        for _ in 0..8 {
            c = if c & 1 == 1 {
                0xEDB8_8320 ^ (c >> 1)
            } else {
                c >> 1
            };
        }
    }
    !c
}

fn adler32(data: &[u8]) -> u32 {
    let (mut a, mut b) = (1u32, 0u32);
    for &x in data {
        a = (a + u32::from(x)) % 65_521;
        b = (b + a) % 65_521;
    }
    (b << 16) | a
}

fn chunk(out: &mut Vec<u8>, kind: &[u8; 4], data: &[u8]) {
    out.extend(u32::try_from(data.len()).unwrap().to_be_bytes());
    let start = out.len();
    out.extend(kind);
    out.extend(data);
    let crc = crc32(&out[start..]);
    out.extend(crc.to_be_bytes());
}

/// A real `width` × `height` greyscale PNG.
fn png(width: u32, height: u32) -> Vec<u8> {
    let mut raw = Vec::new();
    for y in 0..height {
        raw.push(0); // filter: none
        raw.extend((0..width).map(|x| ((x ^ y) & 0xFF) as u8));
    }
    let mut zlib = vec![0x78, 0x01];
    let blocks: Vec<&[u8]> = raw.chunks(65_535).collect();
    for (i, block) in blocks.iter().enumerate() {
        zlib.push(u8::from(i + 1 == blocks.len()));
        let len = u16::try_from(block.len()).unwrap();
        zlib.extend(len.to_le_bytes());
        zlib.extend((!len).to_le_bytes());
        zlib.extend(*block);
    }
    zlib.extend(adler32(&raw).to_be_bytes());
    let mut ihdr = Vec::new();
    ihdr.extend(width.to_be_bytes());
    ihdr.extend(height.to_be_bytes());
    ihdr.extend([8, 0, 0, 0, 0]); // 8-bit greyscale, no interlace
    let mut out = vec![0x89, b'P', b'N', b'G', 0x0D, 0x0A, 0x1A, 0x0A];
    chunk(&mut out, b"IHDR", &ihdr);
    chunk(&mut out, b"IDAT", &zlib);
    chunk(&mut out, b"IEND", &[]);
    out
}

#[test]
fn the_test_png_is_well_formed() {
    let p = png(2, 2);
    // Checked with Python's zlib when written (chunk CRCs, inflated size); IEND's CRC is fixed.
    assert_eq!(
        &p[p.len() - 8..],
        [b'I', b'E', b'N', b'D', 0xAE, 0x42, 0x60, 0x82]
    );
    assert_eq!(crc32(b"123456789"), 0xCBF4_3926);
    assert_eq!(adler32(b"Wikipedia"), 0x11E6_0398);
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

// ---- pictures -------------------------------------------------------------

#[tokio::test]
async fn a_picture_is_stored_and_served_back_to_its_account_only() {
    let (app, user) = ready().await;
    let image = png(200, 240);
    // The type comes from the bytes, not the Content-Type.
    let r = user.upload(&app, "image/jpeg", image.clone()).await;
    assert_eq!(r.status, StatusCode::CREATED, "{:?}", r.body);
    assert_eq!(
        (&r.body["width"], &r.body["height"]),
        (&json!(200), &json!(240))
    );
    let id = r.body["id"].as_str().unwrap().to_string();

    let draft = user.get(&app, &endpoint::PROFILE.path(&[CHANNEL])).await;
    assert_eq!(draft.body["draft"]["picture_id"], id.as_str());
    assert_eq!(draft.body["version"], 1);

    let r = user.get(&app, &endpoint::PICTURE.path(&[&id])).await;
    assert_eq!(r.status, StatusCode::OK);
    assert_eq!(r.headers[header::CONTENT_TYPE], "image/png");
    assert_eq!(
        r.headers[header::CACHE_CONTROL],
        "private, max-age=31536000, immutable"
    );
    assert_eq!(r.bytes, image);

    let fabrikam = login(&app, X6_EMAIL).await;
    let r = fabrikam.get(&app, &endpoint::PICTURE.path(&[&id])).await;
    assert_eq!(
        (r.status, r.code()),
        (StatusCode::NOT_FOUND, Some("not_found"))
    );
    let r = user
        .get(&app, &endpoint::PICTURE.path(&["pic_unknown"]))
        .await;
    assert_eq!(r.status, StatusCode::NOT_FOUND);
    assert_eq!(r.headers[header::CACHE_CONTROL], "no-store");

    // The state view shows sizes, never the bytes; and the registered numbers.
    let state = get(&app, testing::STATE.route).await;
    let stored = &state.body["data"]["pictures"][&id];
    assert_eq!(stored["size"], image.len());
    assert_eq!(stored["content_type"], "image/png");
    assert!(stored.get("bytes").is_none());
    assert!(
        state.bytes.len() < 20_000,
        "no picture data in the state view"
    );
    assert_eq!(
        state.body["data"]["whatsapp_numbers"],
        json!(["+14155550100", "+447700900001"])
    );
    assert_eq!(WHATSAPP_NUMBERS.len(), 2);

    // A JPEG frame header is read too.
    let mut jpeg = vec![0xFF, 0xD8, 0xFF, 0xE0, 0, 4, 0, 0, 0xFF, 0xC0, 0, 17, 8];
    jpeg.extend(300u16.to_be_bytes());
    jpeg.extend(400u16.to_be_bytes());
    jpeg.extend([3, 1, 0x22, 0, 2, 0x11, 1, 3, 0x11, 1, 0xFF, 0xD9]);
    let r = user.upload(&app, "image/jpeg", jpeg.clone()).await;
    assert_eq!(r.status, StatusCode::CREATED, "{:?}", r.body);
    assert_eq!(
        (&r.body["width"], &r.body["height"]),
        (&json!(400), &json!(300))
    );
    let r = user
        .get(
            &app,
            &endpoint::PICTURE.path(&[r.body["id"].as_str().unwrap()]),
        )
        .await;
    assert_eq!(r.headers[header::CONTENT_TYPE], "image/jpeg");
    assert_eq!(r.bytes, jpeg);
}

#[tokio::test]
async fn pictures_that_are_not_usable_are_refused_with_a_reason() {
    let (app, user) = ready().await;
    let jpeg_magic = [&[0xFF, 0xD8, 0xFF, 0xE0][..], b"not really a jpeg at all"].concat();
    let cases: Vec<(&str, Vec<u8>, StatusCode, &str)> = vec![
        (
            "image/png",
            b"Dear customer, this is a text file.".to_vec(),
            StatusCode::UNPROCESSABLE_ENTITY,
            "The file is not a JPEG or PNG image: choose a photo or logo saved as JPEG or PNG",
        ),
        (
            "image/jpeg",
            jpeg_magic,
            StatusCode::UNPROCESSABLE_ENTITY,
            "The picture could not be read: save it again as JPEG or PNG and choose it again",
        ),
        (
            "image/png",
            png(100, 100),
            StatusCode::UNPROCESSABLE_ENTITY,
            "The picture must be at least 192 × 192 pixels; this one is 100 × 100",
        ),
        (
            "image/png",
            Vec::new(),
            StatusCode::UNPROCESSABLE_ENTITY,
            "The file is not a JPEG or PNG image: choose a photo or logo saved as JPEG or PNG",
        ),
        (
            "image/png",
            vec![0; PICTURE_MAX_BYTES + 1],
            StatusCode::PAYLOAD_TOO_LARGE,
            "The picture must be 5 MB or smaller",
        ),
    ];
    for (content_type, bytes, status, message) in cases {
        let r = user.upload(&app, content_type, bytes).await;
        assert_eq!(r.status, status, "{message}");
        assert_eq!(r.fields(), ["picture_id"]);
        assert_eq!(r.field("picture_id"), Some(message));
    }
    let r = user.get(&app, &endpoint::PROFILE.path(&[CHANNEL])).await;
    assert_eq!(r.body["version"], 0, "nothing was saved");

    // Exactly the limit is accepted (a PNG with trailing padding).
    let mut padded = png(640, 640);
    padded.resize(PICTURE_MAX_BYTES, 0);
    let r = user.upload(&app, "image/png", padded).await;
    assert_eq!(r.status, StatusCode::CREATED);
    // JSON endpoints keep their small limit.
    let r = user
        .json(
            &app,
            "PATCH",
            &endpoint::PROFILE.path(&[CHANNEL]),
            json!({ "fields": { "description": "x".repeat(70_000) } }),
        )
        .await;
    assert_eq!(r.status, StatusCode::PAYLOAD_TOO_LARGE);
}

#[test]
fn no_bytes_make_the_picture_endpoint_fail() {
    let rt = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap();
    let (app, user) = rt.block_on(ready());
    let bytes = prop_oneof![
        any::<Vec<u8>>(),
        (
            prop_oneof![
                Just(vec![0xFF, 0xD8, 0xFF]),
                Just(vec![0x89, b'P', b'N', b'G', 0x0D, 0x0A, 0x1A, 0x0A]),
            ],
            proptest::collection::vec(any::<u8>(), 0..64),
        )
            .prop_map(|(magic, rest)| [magic, rest].concat()),
    ];
    let content_type = prop_oneof![Just("image/png"), Just("image/jpeg"), Just("text/plain")];
    let mut runner = proptest::test_runner::TestRunner::new(ProptestConfig {
        cases: 256,
        ..ProptestConfig::default()
    });
    runner
        .run(&(bytes, content_type), |(bytes, content_type)| {
            let r = rt.block_on(user.upload(&app, content_type, bytes));
            prop_assert!(r.status.as_u16() < 500, "gave {}", r.status);
            prop_assert!(r.status == StatusCode::CREATED || r.code().is_some());
            Ok(())
        })
        .unwrap();
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

#[tokio::test]
async fn a_replaced_or_cleared_picture_is_deleted_and_unused_uploads_are_capped() {
    let (app, state, user) = eligible_with_state().await;
    let upload = |w: u32| {
        let user = user.clone();
        let app = app.clone();
        async move {
            let r = user.upload(&app, "image/png", png(w, 240)).await;
            assert_eq!(r.status, StatusCode::CREATED, "{}", r.text);
            r.body["id"].as_str().unwrap().to_string()
        }
    };
    let first = upload(200).await;
    let second = upload(210).await;
    let r = user.get(&app, &endpoint::PICTURE.path(&[&first])).await;
    assert_eq!(
        r.status,
        StatusCode::NOT_FOUND,
        "the replaced picture is deleted"
    );
    assert_eq!(state.store.tx(|d| d.pictures.len()), 1);
    let r = user.patch(&app, json!({ "picture_id": "" })).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.text);
    let r = user.get(&app, &endpoint::PICTURE.path(&[&second])).await;
    assert_eq!(
        r.status,
        StatusCode::NOT_FOUND,
        "the cleared picture is deleted"
    );
    assert_eq!(state.store.tx(|d| d.pictures.len()), 0);

    // Uploads no draft uses (answers lost on the way, say) are capped per account.
    let orphan = state.store.tx(|d| d.pictures.clone());
    assert!(orphan.is_empty());
    let third = upload(220).await;
    let template = state.store.tx(|d| d.pictures[&third].clone());
    state.store.tx(|d| {
        for i in 0..limits::ORPHAN_PICTURES_PER_ACCOUNT + 3 {
            let mut p = template.clone();
            p.seq = i as u64;
            d.pictures.insert(format!("pic_orphan_{i:02}"), p);
        }
    });
    let fourth = upload(230).await;
    let kept: Vec<String> = state.store.tx(|d| d.pictures.keys().cloned().collect());
    assert_eq!(
        kept.len(),
        limits::ORPHAN_PICTURES_PER_ACCOUNT + 1,
        "{kept:?}"
    );
    assert!(kept.contains(&fourth) && !kept.contains(&third));
    assert!(
        !kept.contains(&"pic_orphan_00".to_string()),
        "the oldest go first"
    );
}
