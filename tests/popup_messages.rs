//! The Facebook window's messages are read in the browser with the JavaScript
//! engine's `JSON.parse` (`domain::popup`, to keep serde_json's reader of any JSON
//! out of the wasm): it must read every message as serde_json does natively, where
//! the domain's rules are tested. Run:
//! `CHROMEDRIVER=/usr/bin/chromedriver cargo test -p whatsapp-onboarding --target wasm32-unknown-unknown`.
#![cfg(target_arch = "wasm32")]

use domain::popup::{parse, parse_with_serde, Malformed, Message, MAX_MESSAGE_BYTES};
use domain::signup::SignupIds;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

/// Meta's messages, and what a page may post besides: numbers where ids are
/// expected (exact, in a float's notation, too big to hold exactly, negative,
/// fractional), arrays, nulls, a repeated key, `__proto__`, the wrong types.
const SAMPLES: [&str; 27] = [
    r#"{"type":"WA_EMBEDDED_SIGNUP","event":"FINISH","data":{"phone_number_id":"pn_1","waba_id":"waba_2"},"version":"3"}"#,
    r#"{"type":"WA_EMBEDDED_SIGNUP","event":"FINISH_ONLY_WABA","data":{"waba_id":"waba_2"}}"#,
    r#"{"type":"WA_EMBEDDED_SIGNUP","event":"FINISH_WHATSAPP_BUSINESS_APP_ONBOARDING","data":{"phone_number_id":"1","waba_id":"2"}}"#,
    r#"{"type":"OAUTH_CALLBACK","params":{"code":"c0de","state":"s1"}}"#,
    r#"{"type":"OAUTH_CALLBACK","params":{"error":"access_denied","error_reason":"user_denied","error_description":"Permissions error","error_code":200,"state":"s1"}}"#,
    r#"{"type":"WA_EMBEDDED_SIGNUP","event":"CANCEL","data":{"current_step":"PHONE_NUMBER_SETUP"}}"#,
    r#"{"type":"WA_EMBEDDED_SIGNUP","event":"CANCEL","data":{"error_message":"Oops","error_code":"524126","session_id":"x"}}"#,
    r#"{"type":"WA_EMBEDDED_SIGNUP","event":"CANCEL"}"#,
    r#"{"type":"WA_EMBEDDED_SIGNUP","event":"ERROR","data":{"error_message":"Oops","error_id":"FB-1"}}"#,
    r#"{"type":"WA_EMBEDDED_SIGNUP","event":"FINISH","data":{"phone_number_id":106540352242922,"waba_id":102290129340398}}"#,
    r#"{"type":"WA_EMBEDDED_SIGNUP","event":"FINISH","data":{"phone_number_id":1.0,"waba_id":1e2}}"#,
    r#"{"type":"WA_EMBEDDED_SIGNUP","event":"FINISH","data":{"phone_number_id":9007199254740993,"waba_id":"2"}}"#,
    r#"{"type":"WA_EMBEDDED_SIGNUP","event":"FINISH","data":{"phone_number_id":-5,"waba_id":"2"}}"#,
    r#"{"type":"WA_EMBEDDED_SIGNUP","event":"ERROR","data":{"error_message":"Oops","error_id":1.5}}"#,
    r#"{"type":"WA_EMBEDDED_SIGNUP","event":"ERROR","data":{"error_message":null,"error_id":-0}}"#,
    r#"{"type":"WA_EMBEDDED_SIGNUP","event":"FINISH","data":[1,2]}"#,
    r#"{"type":"WA_EMBEDDED_SIGNUP","event":"FINISH","data":{"phone_number_id":["1"],"waba_id":"2"}}"#,
    r#"{"type":"WA_EMBEDDED_SIGNUP","event":"FINISH","data":{"phone_number_id":"1","phone_number_id":"3","waba_id":"2"}}"#,
    r#"{"type":"WA_EMBEDDED_SIGNUP","event":"FINISH","data":{"__proto__":{"waba_id":"9"},"phone_number_id":"1"}}"#,
    r#"{"type":"OAUTH_CALLBACK","params":{"code":"c0de","state":"s1","toString":"x"}}"#,
    r#"{"type":["OAUTH_CALLBACK"],"params":{"code":"c0de"}}"#,
    r#"{"type":"OAUTH_CALLBACK","params":"code=c0de"}"#,
    r#"{"type":"webpackOk"}"#,
    r#"[{"type":"OAUTH_CALLBACK"}]"#,
    "null",
    "\"FINISH\"",
    "{not json",
];

#[wasm_bindgen_test]
fn the_browser_reads_every_message_as_serde_json_does() {
    for data in SAMPLES {
        assert_eq!(parse(data), parse_with_serde(data), "{data}");
    }
    let long = format!(
        r#"{{"type":"OAUTH_CALLBACK","params":{{"code":"{}"}}}}"#,
        "x".repeat(MAX_MESSAGE_BYTES)
    );
    assert_eq!(parse(&long), Err(Malformed::TooLong));
    assert_eq!(parse(&long), parse_with_serde(&long));
}

#[wasm_bindgen_test]
fn numeric_ids_are_read_exactly_or_not_at_all() {
    assert_eq!(
        parse(SAMPLES[9]),
        Ok(Message::Finish(SignupIds {
            phone_number_id: "106540352242922".into(),
            waba_id: "102290129340398".into(),
        }))
    );
    // 2^53 + 1 reads as 2^53 in JavaScript: refused rather than read as another id.
    assert_eq!(parse(SAMPLES[11]), Err(Malformed::BadFields));
}
