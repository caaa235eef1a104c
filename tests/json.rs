//! In the browser the app reads and writes JSON with the JavaScript engine
//! (`whatsapp_onboarding::json`: `JSON.parse` and `JSON.stringify`, with
//! serde_wasm_bindgen between their values and the app's types), where the
//! backend and the native tests use serde_json: the app must read every answer
//! and write every body as serde_json does. Run:
//! `CHROMEDRIVER=/usr/bin/chromedriver cargo test -p whatsapp-onboarding --target wasm32-unknown-unknown`.
#![cfg(target_arch = "wasm32")]

use domain::contract::ChannelOverview;
use domain::draft::DraftPatch;
use domain::eligibility::Eligibility;
use domain::embed::{Event, Step};
use domain::error::ErrorBody;
use domain::handoff::Handoff;
use domain::profile::ProfileDraft;
use domain::signup::{extras, PendingSignup, SignupPrefill};
use serde::{de::DeserializeOwned, Serialize};
use std::fmt::Debug;
use wasm_bindgen_test::*;
use whatsapp_onboarding::json;

wasm_bindgen_test_configure!(run_in_browser);

/// `text`, which the contract allows, reads as serde_json reads it.
fn reads_alike<T: DeserializeOwned + PartialEq + Debug>(text: &str) -> T {
    let theirs = serde_json::from_str::<T>(text)
        .unwrap_or_else(|e| panic!("not a sample of the contract ({e}): {text}"));
    assert_eq!(json::from_str::<T>(text).as_ref(), Some(&theirs), "{text}");
    theirs
}

/// `text`, which the contract refuses, is refused.
fn refused<T: DeserializeOwned + Debug>(text: &str) {
    assert!(
        serde_json::from_str::<T>(text).is_err(),
        "serde_json reads {text}"
    );
    assert!(json::from_str::<T>(text).is_none(), "the app reads {text}");
}

/// `value` is written as serde_json writes it, byte for byte.
fn writes_alike<T: Serialize>(value: &T) {
    let theirs = serde_json::to_string(value).unwrap();
    assert_eq!(json::to_string(value), Some(theirs));
}

const TRICKY: &str = "Bread & Co \"Ltd\" \\ / <b>\n\t\u{1}😀 é ☎";

#[wasm_bindgen_test]
fn answers_read_as_serde_json_reads_them() {
    let channels: Vec<ChannelOverview> = reads_alike(&format!(
        r#"[{{"channel":{{"id":"ch_1","name":{name},"routing_script":"main","reference":"REQ-1","state":"activation","requested_at":1764547200}},
            "number":"+447400123456","number_display":"+44 7400 123456","ready_by":"2026-12-03",
            "handoff":{{"id":"h1","channel_id":"ch_1","email":"a@b.example","message":null,"status":"waiting","sent_at":1764547200,"expires_at":1765152000,"completed_at":null}},
            "added_later":{{"a":[1,2]}}}},
          {{"channel":{{"id":"ch_2","name":"Sales","routing_script":"s","reference":"REQ-2","state":"requested","requested_at":-1}}}}]"#,
        name = serde_json::to_string(TRICKY).unwrap()
    ));
    assert_eq!(channels[0].channel.name, TRICKY);
    assert_eq!(channels[1].number, None);
    reads_alike::<Eligibility>(
        r#"{"licence":"X8","terms":{"state":"requested","at":5},"facebook_business_confirmed":true}"#,
    );
    reads_alike::<Eligibility>(
        r#"{"licence":"X7","terms":{"state":"signed","at":5},"facebook_business_confirmed":false}"#,
    );
    reads_alike::<ErrorBody>(
        r#"{"code":"validation","message":"Check","fields":[{"field":"tagline","message":"Too long"}],"error_id":"E-1"}"#,
    );
    reads_alike::<ErrorBody>(r#"{"code":"rate_limited","message":"Wait"}"#);
    assert_eq!(reads_alike::<Option<Handoff>>("null"), None);
    reads_alike::<()>("null");
    let draft: ProfileDraft =
        reads_alike(r#"{"channel_name":"Support","category":"PROF_SERVICES","picture_id":null}"#);
    assert_eq!(draft.channel_name, "Support");
}

/// Every answer the contract document shows (`contract/openapi.json`: a success for
/// each of the journey's main calls, and every error) reads as serde_json reads it.
/// The app reads a struct's fields by their place in serde's list of names (the
/// vendored serde-wasm-bindgen's `field-indexes`), so this covers each answer type
/// with every field the examples fill in.
#[wasm_bindgen_test]
fn the_contract_s_examples_read_as_serde_json_reads_them() {
    use domain::contract::{Channel, LinkOutcome, LinkRequested, SessionInfo};
    use domain::draft::DraftState;
    use domain::handoff::HandoffView;
    use domain::signup::{RegisteredNumber, SignupOutcome};
    let doc: serde_json::Value =
        serde_json::from_str(include_str!("../contract/openapi.json")).unwrap();
    let mut checked = Vec::new();
    let mut errors = 0;
    for operation in doc["paths"].as_object().unwrap().values() {
        for op in operation.as_object().unwrap().values() {
            let id = op["operationId"].as_str().unwrap();
            for (status, answer) in op["responses"].as_object().unwrap() {
                let Some(example) = answer.pointer("/content/application~1json/example") else {
                    continue;
                };
                let text = example.to_string();
                if !status.starts_with('2') {
                    reads_alike::<ErrorBody>(&text);
                    errors += 1;
                    continue;
                }
                match id {
                    "listChannels" => drop(reads_alike::<Vec<ChannelOverview>>(&text)),
                    "requestChannel" => drop(reads_alike::<Channel>(&text)),
                    "getHandoff" => drop(reads_alike::<Option<Handoff>>(&text)),
                    "cancelHandoff" | "sendHandoff" | "resendHandoff" => {
                        drop(reads_alike::<Handoff>(&text))
                    }
                    "getProfile" | "saveProfile" | "completeProfile" => {
                        drop(reads_alike::<DraftState>(&text))
                    }
                    "getEligibility" | "requestTerms" => drop(reads_alike::<Eligibility>(&text)),
                    "getCurrentHandoff" | "openHandoff" => drop(reads_alike::<HandoffView>(&text)),
                    "linkNumber" => drop(reads_alike::<LinkOutcome>(&text)),
                    "listNumbers" => drop(reads_alike::<Vec<RegisteredNumber>>(&text)),
                    "requestPasswordLink" => drop(reads_alike::<LinkRequested>(&text)),
                    "setPassword" | "getSession" | "logIn" => {
                        drop(reads_alike::<SessionInfo>(&text))
                    }
                    "exchangeCode" => drop(reads_alike::<SignupOutcome>(&text)),
                    other => panic!("{other} has an example this test does not read: add its type"),
                }
                checked.push(id);
            }
        }
    }
    assert!(
        checked.len() >= 20 && errors >= 100,
        "{checked:?}, {errors} errors"
    );
}

#[wasm_bindgen_test]
fn answers_the_contract_refuses_are_refused() {
    // A struct written as an array: refused, where serde_json would read its fields
    // by position (the contract writes every struct as an object).
    assert!(json::from_str::<ErrorBody>(r#"["validation","Check"]"#).is_none());
    assert!(json::from_str::<ProfileDraft>("[]").is_none());
    assert!(json::from_str::<Vec<ChannelOverview>>("[[]]").is_none());
    refused::<Eligibility>(
        r#"{"licence":8,"terms":{"state":"signed","at":5},"facebook_business_confirmed":true}"#,
    );
    refused::<Eligibility>(
        r#"{"licence":"X8","terms":{"state":"lost"},"facebook_business_confirmed":true}"#,
    );
    refused::<ErrorBody>(r#"{"code":"no_such_code","message":"x"}"#);
    refused::<ProfileDraft>(r#"{"category":"prof_services"}"#);
    refused::<Vec<ChannelOverview>>(r#"[{"channel":{"id":"ch_1"}}]"#);
    refused::<ErrorBody>("{not json");
    refused::<ErrorBody>("");
}

#[wasm_bindgen_test]
fn bodies_and_stored_values_are_written_as_serde_json_writes_them() {
    let patch: DraftPatch = reads_alike(&format!(
        r#"{{"fields":{{"tagline":{t},"address":"1 High St","category":"RETAIL"}}}}"#,
        t = serde_json::to_string(TRICKY).unwrap()
    ));
    writes_alike(&patch);
    let draft: ProfileDraft = reads_alike(&format!(
        r#"{{"channel_name":{t},"phone_country":"GB","phone_number":"07400 123456","category":"RETAIL"}}"#,
        t = serde_json::to_string(TRICKY).unwrap()
    ));
    writes_alike(&draft);
    let pending: PendingSignup = reads_alike(
        r#"{"state":"ab12","channel_id":"ch_1","attempt_id":"at_1","verifier":"v","redirect_uri":"http://x/cb","used":true,
            "outcome":{"exchange_refused":{"message":"No \"code\" 😀"}},"for_colleague":false}"#,
    );
    writes_alike(&pending);
    writes_alike(&());
    writes_alike(&Some(TRICKY));
    writes_alike(&None::<String>);
}

#[wasm_bindgen_test]
fn the_facebook_pre_fill_is_the_text_serde_json_writes() {
    // Any text in any field: the writer escapes, the dialog's rules are the domain's.
    let prefill = SignupPrefill {
        business_name: TRICKY.into(),
        description: format!("{TRICKY}\r\n\u{2028}"),
        website: "https://x.example/?q=\"a\"&b=<c>".into(),
        ..Default::default()
    };
    writes_alike(&extras(&prefill));
}

#[wasm_bindgen_test]
fn a_host_s_event_is_the_value_json_parse_makes_of_serde_json_s_text() {
    for event in [
        Event::Ready,
        Event::Step {
            step: Step::ProfileAccount,
            channel_id: Some("ch_1".into()),
        },
        Event::Complete {
            channel_id: "ch_1".into(),
            phone_number: "+447400123456".into(),
            ready_by: None,
        },
    ] {
        let value = json::to_value(&event).expect("an event is a value");
        assert_eq!(
            js_sys::JSON::stringify(&value).unwrap().as_string(),
            Some(serde_json::to_string(&event).unwrap()),
            "{event:?}"
        );
        assert!(value.is_object());
    }
}
