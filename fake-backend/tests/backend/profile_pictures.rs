//! The profile picture's endpoints, driven in-process: upload, download to its
//! account only, refusals with a reason, and replaced or unused uploads deleted.

use crate::common;

use crate::profile::ready;
use axum::http::{header, StatusCode};
use common::{eligible_with_state, get, login, CHANNEL};
use domain::contract::PICTURE_MAX_BYTES;
use domain::{endpoint, testing};
use fake_backend::limits;
use fake_backend::seed::{WHATSAPP_NUMBERS, X6_EMAIL};
use proptest::prelude::*;
use serde_json::json;

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
pub(crate) fn png(width: u32, height: u32) -> Vec<u8> {
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
