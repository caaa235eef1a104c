//! The document's examples of the journey's main calls: what the app sends and
//! what a success answers. The round-trip tests check each against its schema
//! and read it as its Rust type, so an example cannot go stale.

use serde_json::{json, Value};

const CHANNEL: &str = "ch_7Qd2Lx";
const NUMBER: &str = "num_3Kf8Rw";

fn channel(state: &str) -> Value {
    json!({
        "id": CHANNEL,
        "name": "Support UK",
        "reference": "WA-000123",
        "requested_at": 1_796_112_000,
        "routing_script": "Support (UK)",
        "state": state,
    })
}

fn number(channel: Value) -> Value {
    json!({
        "id": NUMBER,
        "e164": "+442071838750",
        "display": "+44 20 7183 8750",
        "business_name": "Acme Flowers Ltd",
        "waba_id": "104563821773912",
        "registered_at": 1_796_198_400,
        "channel_id": channel,
    })
}

fn handoff(status: &str) -> Value {
    json!({
        "id": "ho_5Tz1Qe",
        "channel_id": CHANNEL,
        "email": "kim@acme-flowers.example",
        "message": "Could you do the Facebook part? You manage our business account.",
        "status": status,
        "sent_at": 1_796_112_000,
        "expires_at": 1_796_371_200,
        "completed_at": if status == "done" { json!(1_796_140_800) } else { Value::Null },
    })
}

fn handoff_view() -> Value {
    json!({
        "channel_id": CHANNEL,
        "requested_by": "sam@acme-flowers.example",
        "account_name": "Acme Flowers Ltd",
        "business_name": "Acme Flowers Ltd",
        "phone_e164": "+442071838750",
        "phone_display": "+44 20 7183 8750",
        "description": "Order, track or change a delivery with our florists.",
        "message": "Could you do the Facebook part? You manage our business account.",
        "expires_at": 1_796_371_200,
    })
}

fn session() -> Value {
    json!({
        "account": { "id": "acc_42", "name": "Acme Flowers Ltd" },
        "csrf_token": "c1d8f0e4b7a94c2e9f61a3d5b8e07c44",
        "email": "sam@acme-flowers.example",
    })
}

fn draft() -> Value {
    json!({
        "complete": false,
        "version": 7,
        "channel_state": "profile",
        "draft": {
            "channel_name": "Support UK",
            "phone_country": "GB",
            "phone_number": "020 7183 8750",
            "business_name": "Acme Flowers Ltd",
            "category": "RETAIL",
            "tagline": "Fresh flowers, delivered today",
            "description": "Order, track or change a delivery with our florists.",
            "contact_email": "help@acme-flowers.example",
            "website": "https://acme-flowers.example",
            "picture_id": null,
            "address": "1 Market Street, London EC1A 1AA",
        }
    })
}

/// The example request and success bodies of the operation `id` (`Null` for none).
pub(super) fn of(id: &str) -> (Value, Value) {
    let none = Value::Null;
    match id {
        "logIn" => (
            json!({ "email": "sam@acme-flowers.example", "password": "correct horse battery staple" }),
            session(),
        ),
        "getSession" => (none, session()),
        "setPassword" => (
            json!({ "password": "correct horse battery staple" }),
            session(),
        ),
        "requestPasswordLink" => (
            json!({ "email": "sam@acme-flowers.example" }),
            json!({ "message": "If an account uses this address, we have sent it a link." }),
        ),
        "listChannels" => (
            none,
            json!([
                { "channel": channel("activation"), "number": "+442071838750", "number_display": "+44 20 7183 8750", "ready_by": "2026-12-03", "handoff": handoff("done") },
                { "channel": channel("requested"), "number": null, "ready_by": null, "handoff": null },
            ]),
        ),
        "requestChannel" => (
            json!({ "name": "Support UK", "routing_script_id": "rs_support_uk" }),
            channel("requested"),
        ),
        "getEligibility" | "requestTerms" => (
            none,
            json!({
                "licence": "X8",
                "facebook_business_confirmed": false,
                "terms": { "state": "requested", "at": 1_796_112_000 },
            }),
        ),
        "getProfile" | "completeProfile" | "saveProfile" => {
            let request = match id {
                "saveProfile" => {
                    json!({ "fields": { "tagline": "Fresh flowers, delivered today" } })
                }
                "completeProfile" => json!({ "confirmed_business_name": "Acme Flowers Ltd" }),
                _ => none,
            };
            (request, draft())
        }
        "exchangeCode" => (
            json!({
                "code": "AQBx7…",
                "state": "Yc2x9PqL0aVb4Rk8Tn1mWs6E",
                "code_verifier": "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk",
                "redirect_uri": "https://portal.example.com/facebook/callback",
            }),
            json!({ "channel_id": CHANNEL, "number": number(Value::Null) }),
        ),
        "listNumbers" => (none, json!([number(Value::Null)])),
        "linkNumber" => (
            json!({ "number_id": NUMBER, "channel_id": CHANNEL }),
            json!({ "channel": { "channel": channel("activation"), "number": "+442071838750", "number_display": "+44 20 7183 8750", "ready_by": "2026-12-03", "handoff": null } }),
        ),
        "sendHandoff" => (
            json!({
                "email": "kim@acme-flowers.example",
                "message": "Could you do the Facebook part? You manage our business account.",
            }),
            handoff("waiting"),
        ),
        "getHandoff" | "resendHandoff" => (none, handoff("waiting")),
        "cancelHandoff" => (none, handoff("cancelled")),
        "openHandoff" => (
            json!({ "token": "q9X2mB7vR4kL0pZ8sT1wY6cN3hJ5dF7gA2eK9uV4iO0" }),
            handoff_view(),
        ),
        "getCurrentHandoff" => (none, handoff_view()),
        _ => (none.clone(), none),
    }
}
