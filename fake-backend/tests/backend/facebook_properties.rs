//! Properties of the simulated dialog: whatever a browser sends it, it answers
//! with its own steps or the callback, and never fails or leaves the redirect URI.

use crate::common;

use axum::body::Body;
use axum::http::{header, Request, StatusCode};
use common::dialog::*;
use common::{advance_clock, app, call};
use proptest::prelude::*;

/// Where a dialog answer may send the browser: its own steps, or the callback.
fn safe_location(location: &str, base: Option<&str>, state: Option<&str>) -> Result<(), String> {
    if let Some(rest) = location.strip_prefix("/facebook/flow/") {
        if let Some(base) = base {
            if !location.starts_with(&format!("{base}/")) {
                return Err(format!("another flow: {location}"));
            }
        }
        return if rest.contains("//") || rest.contains('?') {
            Err(format!("odd: {location}"))
        } else {
            Ok(())
        };
    }
    let Some(query) = location.strip_prefix(&format!("{CALLBACK}?")) else {
        return Err(format!("outside the redirect URI: {location}"));
    };
    let q: Vec<(String, String)> = form_urlencoded::parse(query.as_bytes())
        .map(|(k, v)| (k.into_owned(), v.into_owned()))
        .collect();
    let states: Vec<&str> = q
        .iter()
        .filter(|(k, _)| k == "state")
        .map(|(_, v)| v.as_str())
        .collect();
    if let Some(state) = state {
        if states != [state] {
            return Err(format!("wrong state in {location}"));
        }
    }
    Ok(())
}

fn query_part() -> impl Strategy<Value = Option<String>> {
    prop_oneof![
        3 => Just(None),
        2 => "\\PC{0,40}".prop_map(Some),
        1 => Just(Some(String::new())),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 128, ..ProptestConfig::default() })]
    /// Whatever query reaches the dialog's entry, the answer is never a 5xx and
    /// never sends the browser anywhere but the dialog's own first step.
    #[test]
    fn no_query_makes_the_dialog_fail_or_redirect_elsewhere(
        // For each parameter: keep the valid value, drop it, or replace it.
        choices in proptest::collection::vec((0u8..3, query_part()), 9),
        raw in "[A-Za-z0-9%&=+._~-]{0,80}",
        version in prop_oneof![Just("v21.0".to_string()), "\\PC{0,8}"],
        use_raw in any::<bool>(),
    ) {
        let rt = tokio::runtime::Builder::new_current_thread().enable_all().build().unwrap();
        rt.block_on(async {
            let app = app();
            let valid = valid_link_params("cd".repeat(16));
            let query = if use_raw {
                raw.clone()
            } else {
                let mut ser = form_urlencoded::Serializer::new(String::new());
                for ((name, good), (choice, other)) in valid.iter().zip(&choices) {
                    match choice {
                        0 => { ser.append_pair(name, good); }
                        1 => {}
                        _ => { ser.append_pair(name, other.as_deref().unwrap_or_default()); }
                    }
                }
                ser.finish()
            };
            let path = format!("/facebook/{}/dialog/oauth?{}", domain::percent::encode(&version), query);
            let Ok(req) = Request::get(path.as_str()).body(Body::empty()) else {
                return Ok(());
            };
            let r = call(&app, req).await;
            prop_assert!(r.status.as_u16() < 500, "{} gave {}", path, r.status);
            if let Some(location) = r.location() {
                prop_assert!(location.starts_with("/facebook/flow/"), "{} sent to {}", path, location);
                prop_assert!(location.ends_with("/login"));
            } else {
                prop_assert!(r.status == StatusCode::BAD_REQUEST || r.status == StatusCode::NOT_FOUND, "{}", r.status);
            }
            Ok(())
        })?;
    }
}

const ACTIONS: [&str; 17] = [
    "login",
    "permissions",
    "permission-given",
    "business-name",
    "description",
    "phone-number",
    "code",
    "registered",
    "resend",
    "switch",
    "not-received",
    "different-number",
    "return",
    "cancel",
    "already-registered",
    "error",
    "nonsense",
];

fn form_body() -> impl Strategy<Value = Vec<u8>> {
    let field = prop_oneof![
        Just("email"),
        Just("password"),
        Just("legal_name"),
        Just("description"),
        Just("phone"),
        Just("method"),
        Just("code"),
        Just("state"),
        Just("redirect_uri"),
    ];
    let value = prop_oneof![
        "\\PC{0,30}",
        Just("sms".to_string()),
        Just("voice".to_string()),
        Just("+44 7400 123456".to_string()),
        Just("+447700900001".to_string()),
        "[0-9]{6}",
        Just("https://evil.example/".to_string()),
    ];
    prop_oneof![
        proptest::collection::vec((field, value), 0..6).prop_map(|pairs| {
            form_urlencoded::Serializer::new(String::new())
                .extend_pairs(pairs)
                .finish()
                .into_bytes()
        }),
        any::<Vec<u8>>(),
    ]
}

#[test]
fn no_form_makes_the_dialog_fail_or_leave_the_redirect_uri() {
    let rt = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap();
    let app = app();
    let modes = prop_oneof![
        Just("normal"),
        Just("number_already_on_whatsapp"),
        Just("code_never_arrives"),
        Just("generic_error"),
    ];
    let steps = proptest::collection::vec((0..ACTIONS.len(), form_body(), any::<bool>()), 1..12);
    let mut runner = proptest::test_runner::TestRunner::new(ProptestConfig {
        cases: 96,
        ..ProptestConfig::default()
    });
    runner
        .run(&(modes, steps, 0i64..700), |(mode_name, steps, seconds)| {
            rt.block_on(async {
                mode(&app, mode_name).await;
                let state = new_state();
                let d = Dialog::at(&app, &link_with("state", Some(&state))).await;
                let base = d.base.clone();
                // Sometimes start from further in, with real answers.
                if steps.len() % 2 == 0 {
                    d.post("login", &[("email", "a@b.c"), ("password", "p")])
                        .await;
                    d.post("permissions", &[]).await;
                    d.post("permission-given", &[]).await;
                    d.post("business-name", &[("legal_name", "Northwind")])
                        .await;
                    d.post("description", &[("description", "")]).await;
                    d.post(
                        "phone-number",
                        &[("phone", "+44 7400 123456"), ("method", "sms")],
                    )
                    .await;
                }
                for (i, (action, body, get_instead)) in steps.iter().enumerate() {
                    if i == steps.len() / 2 {
                        advance_clock(&app, seconds).await;
                    }
                    let action = ACTIONS[*action];
                    let req = if *get_instead {
                        Request::get(format!("{base}/{action}")).body(Body::empty())
                    } else {
                        Request::post(format!("{base}/{action}"))
                            .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
                            .body(Body::from(body.clone()))
                    };
                    let r = call(&app, req.unwrap()).await;
                    prop_assert!(
                        r.status.as_u16() < 500,
                        "{} {} gave {}",
                        action,
                        get_instead,
                        r.status
                    );
                    if let Some(location) = r.location() {
                        prop_assert!(r.status == StatusCode::SEE_OTHER);
                        let checked = safe_location(location, Some(&base), Some(&state));
                        prop_assert!(checked.is_ok(), "{:?}", checked);
                    }
                }
                Ok(())
            })
        })
        .unwrap();
}
