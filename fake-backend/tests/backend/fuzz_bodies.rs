//! Whatever body reaches an endpoint that reads one: a property test over every
//! such endpoint (shaped bodies, any JSON, text and bytes) that the fake backend
//! never fails with a 5xx and answers every refusal in the error shape.

use crate::common;

use axum::body::Body;
use axum::http::header;
use common::{call, error_shape};
use domain::endpoint;
use proptest::prelude::*;
use proptest::test_runner::TestRunner;
use serde_json::{json, Value};
use std::cell::RefCell;
use std::collections::BTreeMap;

/// Every endpoint that reads a body, with a method it accepts and the fields its
/// body needs (none: the picture upload's body is the image).
fn fuzzed_endpoints() -> Vec<(&'static str, String, &'static [&'static str])> {
    let ch = common::CHANNEL;
    vec![
        (
            "POST",
            endpoint::SESSION.route.into(),
            &["email", "password"],
        ),
        (
            "POST",
            endpoint::REQUEST_PASSWORD_LINK.route.into(),
            &["email"],
        ),
        (
            "POST",
            endpoint::PASSWORD_LINK.path(&["abc"]),
            &["password"],
        ),
        (
            "POST",
            endpoint::CHANNELS.route.into(),
            &["name", "routing_script_id"],
        ),
        (
            "POST",
            endpoint::LINK.route.into(),
            &["number_id", "channel_id"],
        ),
        (
            "POST",
            endpoint::CONFIRM_FACEBOOK_BUSINESS.route.into(),
            &["confirmed"],
        ),
        ("PATCH", endpoint::PROFILE.path(&[ch]), &["fields"]),
        ("POST", endpoint::CHECK_PROFILE.path(&[ch]), &["page"]),
        (
            "POST",
            endpoint::COMPLETE_PROFILE.path(&[ch]),
            &["confirmed_business_name"],
        ),
        ("POST", endpoint::UPLOAD_PICTURE.path(&[ch]), &[]),
        ("POST", endpoint::START_SIGNUP.path(&[ch]), &["state"]),
        (
            "POST",
            endpoint::EXCHANGE_CODE.path(&["att_1"]),
            &["code", "state"],
        ),
    ]
}

/// Values close to real ones, so that some bodies pass validation too.
const PLAUSIBLE: [&str; 10] = [
    "rs_support",
    "Sales Desk",
    "ch_support",
    "pn_1",
    "+447400123456",
    "07400 123456",
    "admin@northwind.example",
    "lamp river orange tuesday",
    "PROF_SERVICES",
    "https://www.northwind.example.com",
];

/// Text for a field: empty or blank (what forms most often send wrong), any, or plausible.
fn text() -> impl Strategy<Value = String> {
    prop_oneof![
        1 => prop::sample::select(vec!["", " ", "\n"]).prop_map(String::from),
        2 => "\\PC{0,40}",
        2 => prop::sample::select(PLAUSIBLE.to_vec()).prop_map(String::from),
    ]
}

fn json_value() -> impl Strategy<Value = Value> {
    prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::from),
        any::<i64>().prop_map(Value::from),
        text().prop_map(Value::from),
        Just(json!({})),
        Just(json!([])),
    ]
}

/// A value of the type `key` has, most of the time.
fn value_for(key: &'static str) -> BoxedStrategy<Value> {
    let typed = match key {
        "confirmed" => any::<bool>().prop_map(Value::from).boxed(),
        "page" => prop_oneof![
            prop::sample::select(domain::field::ProfilePage::ALL.to_vec()).prop_map(|p| json!(p)),
            (0u8..4).prop_map(Value::from),
        ]
        .boxed(),
        "fields" => prop::collection::btree_map(
            prop::sample::select(
                domain::field::Field::ALL
                    .map(domain::field::Field::name)
                    .to_vec(),
            ),
            text(),
            0..4,
        )
        .prop_map(|m| json!(m))
        .boxed(),
        _ => text().prop_map(Value::from).boxed(),
    };
    prop_oneof![6 => typed, 1 => json_value()].boxed()
}

/// A JSON object with the fields `keys`, and now and then an unknown one.
fn shaped_body(keys: &'static [&'static str]) -> impl Strategy<Value = Vec<u8>> {
    let values: Vec<BoxedStrategy<Value>> = keys.iter().map(|&k| value_for(k)).collect();
    (values, prop::option::weighted(0.1, json_value())).prop_map(move |(values, extra)| {
        let mut object: BTreeMap<&str, Value> = keys.iter().copied().zip(values).collect();
        if let Some(extra) = extra {
            object.insert("extra", extra);
        }
        serde_json::to_vec(&object).unwrap()
    })
}

/// A body for the endpoint: shaped for it mostly, else any JSON object of its
/// fields, text or bytes.
fn body_for(keys: &'static [&'static str]) -> impl Strategy<Value = Vec<u8>> {
    let some_fields = prop::collection::btree_map(
        prop::sample::select(if keys.is_empty() { &["x"][..] } else { keys }),
        json_value(),
        0..=keys.len(),
    )
    .prop_map(|m| serde_json::to_vec(&m).unwrap());
    prop_oneof![
        6 => shaped_body(keys),
        2 => some_fields,
        1 => any::<Vec<u8>>(),
        1 => "\\PC*".prop_map(String::into_bytes),
    ]
}

/// Whatever body reaches an endpoint that reads one, with a session and its CSRF
/// token so that the parser and the validators run, the answer is never a 5xx,
/// and every refusal is in the error shape.
#[test]
fn no_body_makes_the_server_fail() {
    const CASES: u32 = 512;
    let rt = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap();
    let (app, user) = rt.block_on(common::eligible());
    let endpoints = fuzzed_endpoints();
    let statuses = RefCell::new(BTreeMap::<u16, u32>::new());
    let strategy = (
        prop::sample::select(endpoints)
            .prop_flat_map(|(method, path, keys)| (Just(method), Just(path), body_for(keys))),
        prop_oneof![
            8 => Just("application/json"),
            1 => Just("text/plain"),
            1 => Just(""),
        ],
    );
    let mut runner = TestRunner::new(ProptestConfig {
        cases: CASES,
        // The backend is shared by the cases, so a saved case would not replay alike.
        failure_persistence: None,
        ..ProptestConfig::default()
    });
    let result = runner.run(&strategy, |((method, path, body), content_type)| {
        let mut b = user.req(method, &path);
        if !content_type.is_empty() {
            b = b.header(header::CONTENT_TYPE, content_type);
        }
        let r = rt.block_on(call(&app, b.body(Body::from(body)).unwrap()));
        *statuses.borrow_mut().entry(r.status.as_u16()).or_default() += 1;
        prop_assert!(
            r.status.is_success() || r.status.is_client_error(),
            "{method} {path} gave {}: {}",
            r.status,
            r.text
        );
        if !r.status.is_success() {
            if let Err(e) = error_shape(&r.body) {
                return Err(TestCaseError::fail(format!("{method} {path}: {e}")));
            }
            // The session lasts the whole run: every body was read behind it.
            prop_assert!(
                !matches!(r.code(), Some("unauthorized" | "csrf")),
                "{method} {path} was refused before its body was read: {}",
                r.text
            );
        }
        Ok(())
    });
    let statuses = statuses.into_inner();
    if let Err(e) = result {
        panic!("{e}; answers so far: {statuses:?}");
    }
    // Bodies reach the parser (400), and a good share get past it to the
    // validators (422) and the handlers' own checks (404, 409, 2xx...).
    let count = |s: u16| statuses.get(&s).copied().unwrap_or(0);
    assert!(count(400) > 0, "no 400: {statuses:?}");
    assert!(count(422) >= CASES / 20, "too few 422s: {statuses:?}");
    let parsed = CASES - count(400) - count(413) - count(415);
    assert!(parsed >= CASES / 4, "too few bodies parsed: {statuses:?}");
}
