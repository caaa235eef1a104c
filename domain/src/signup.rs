//! Facebook's Embedded Signup round trip: the dialog address the app sends the
//! user to, and what the app does with the address it comes back on.
//!
//! Leaving: the app asks the backend for a sign-up attempt, keeps an
//! unguessable `state` (at least 128 random bits) bound to the channel and the
//! attempt in the tab's sessionStorage, and sends the whole page to the dialog
//! URL, built in the shape of Meta's OAuth dialog
//! (`{base}/{version}/dialog/oauth?client_id=…&redirect_uri=…&state=…&config_id=…
//! &response_type=code&override_default_response_type=true&extras=…`).
//!
//! Coming back: [`judge`] decides, without the backend, whether the callback
//! may be exchanged: a missing, different or already-used `state` is refused.

use crate::contract::Timestamp;
use serde::{Deserialize, Serialize};

/// GET [`crate::contract::paths::SIGNUP_CONFIG`]: where and how to open the dialog.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub struct SignupConfig {
    /// The Facebook app id (`client_id`).
    pub app_id: String,
    /// The Embedded Signup configuration id (`config_id`).
    pub config_id: String,
    /// Graph API version, e.g. "v21.0".
    pub graph_api_version: String,
    /// Where the dialog sends the user back: the app's callback page.
    pub redirect_uri: String,
    /// The dialog's base, e.g. `https://www.facebook.com` (or the local simulation).
    pub dialog_base_url: String,
}

/// What the dialog is pre-filled with, from the business profile.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub struct SignupPrefill {
    /// The business name (also the WhatsApp display name).
    pub business_name: String,
    /// Calling code without `+`, e.g. "44".
    pub phone_code: String,
    /// National significant number, digits only.
    pub phone_number: String,
    /// Meta's vertical code, e.g. "RETAIL".
    pub category: String,
    /// The profile description.
    pub description: String,
    /// The contact email.
    pub email: String,
    /// The website.
    pub website: String,
    /// ISO country code of the number.
    pub country: String,
}

/// POST [`crate::contract::paths::signup`]: start an attempt for a channel.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub struct SignupStart {
    /// The state the app generated; the backend keeps it to check the exchange.
    pub state: String,
    /// The app's callback page under its base path, when that is not the root: one of
    /// the addresses registered with the Facebook app (the backend checks).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub redirect_uri: Option<String>,
}

/// The answer to [`SignupStart`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub struct SignupAttempt {
    /// Identifies the attempt in the exchange.
    pub id: String,
    /// The channel it is for.
    pub channel_id: String,
    /// The dialog's configuration.
    pub config: SignupConfig,
    /// The pre-fill, from the saved profile.
    pub prefill: SignupPrefill,
}

/// POST [`crate::contract::paths::signup_exchange`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub struct CodeExchange {
    /// The `code` from the callback.
    pub code: String,
    /// The `state` from the callback.
    pub state: String,
    /// The PKCE verifier (RFC 7636) whose S256 challenge the dialog link carried;
    /// required when it carried one.
    #[serde(default)]
    pub code_verifier: String,
    /// The `redirect_uri` the dialog link carried (RFC 6749 4.1.3): it must match.
    #[serde(default)]
    pub redirect_uri: String,
    /// The ids the dialog's session info sent the opener (popup mode only); when
    /// given, they must be those of the number the code registered.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub session_info: Option<SignupIds>,
}

/// The ids Embedded Signup's session info (`WA_EMBEDDED_SIGNUP` `FINISH`) gives
/// the window that opened it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub struct SignupIds {
    /// Meta's phone number id.
    pub phone_number_id: String,
    /// The WhatsApp Business account id.
    pub waba_id: String,
}

/// A number Facebook's signup registered for the account.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub struct RegisteredNumber {
    /// Stable identifier (Meta's phone number id).
    pub id: String,
    /// E.164, e.g. "+447400123456".
    pub e164: String,
    /// The number as WhatsApp shows it (Meta's `display_phone_number`: international
    /// format, e.g. "+44 7400 123456"). Added in contract 1.2.0 and optional: without
    /// it the app shows `e164`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub display: Option<String>,
    /// The WhatsApp Business account it belongs to.
    pub waba_id: String,
    /// The verified business name.
    pub business_name: String,
    /// The channel it is linked to, once confirmed.
    pub channel_id: Option<String>,
    /// When the signup registered it, in Unix seconds (UTC).
    pub registered_at: Timestamp,
}

impl RegisteredNumber {
    /// The number as the pages show it: its display form, else its E.164.
    pub fn shown(&self) -> &str {
        crate::phone::shown(self.display.as_deref(), &self.e164)
    }
}

/// The answer to [`CodeExchange`]: what the signup registered.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub struct SignupOutcome {
    /// The channel the attempt was for.
    pub channel_id: String,
    /// The number now registered.
    pub number: RegisteredNumber,
}

/// The `error_reason` values the dialog sends back, as this app understands them.
pub mod reason {
    /// The user cancelled ("Cancel" on any step).
    pub const USER_DENIED: &str = "user_denied";
    /// The number is already registered with WhatsApp (Business).
    pub const NUMBER_ALREADY_REGISTERED: &str = "phone_number_already_registered";
    /// The one-time code never arrived and the user gave up.
    pub const CODE_NOT_RECEIVED: &str = "otp_not_received";
    /// The app's own (popup mode): the Facebook window was closed before it said anything.
    pub const WINDOW_CLOSED: &str = "window_closed";
}

/// The `extras` parameter: Meta's Embedded Signup pre-fill, for [`dialog_url`]
/// as its JSON text (serde_json's natively; in the browser, the app's
/// `json::to_string`, checked to write the same text by the app's `tests/json.rs`).
///
/// Typed structs, not `serde_json::json!`: a JSON value's code (its map, its
/// serialiser) would be in the browser's build for this one call. Their fields are
/// in the order the value's sorted map wrote them, so the text is as it was.
pub fn extras(p: &SignupPrefill) -> Extras<'_> {
    Extras {
        feature_type: "",
        session_info_version: "3",
        setup: Setup {
            business: Business {
                country: &p.country,
                email: &p.email,
                name: &p.business_name,
                phone: Phone {
                    code: &p.phone_code,
                    number: &p.phone_number,
                },
                website: &p.website,
            },
            phone: Profile {
                category: &p.category,
                description: &p.description,
                display_name: &p.business_name,
            },
        },
    }
}

/// The pre-fill ([`extras`]) as serde_json writes it, for [`dialog_url`] outside the
/// browser (the backend's tests). The app's wasm writes it with `JSON.stringify`
/// (`json::to_string`), and the app's `tests/json.rs` checks the two write the same text.
#[cfg(not(target_arch = "wasm32"))]
pub fn extras_json(p: &SignupPrefill) -> String {
    serde_json::to_string(&extras(p)).unwrap_or_default()
}

/// Meta's Embedded Signup pre-fill ([`extras`]).
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Extras<'a> {
    feature_type: &'a str,
    session_info_version: &'a str,
    setup: Setup<'a>,
}

#[derive(Serialize)]
struct Setup<'a> {
    business: Business<'a>,
    phone: Profile<'a>,
}

#[derive(Serialize)]
struct Business<'a> {
    country: &'a str,
    email: &'a str,
    name: &'a str,
    phone: Phone<'a>,
    website: &'a str,
}

#[derive(Serialize)]
struct Phone<'a> {
    code: &'a str,
    number: &'a str,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Profile<'a> {
    category: &'a str,
    description: &'a str,
    display_name: &'a str,
}

/// The dialog address for `state`, every parameter percent-encoded; `extras_json`
/// is the pre-fill ([`extras`]) as JSON text.
pub fn dialog_url(
    c: &SignupConfig,
    state: &str,
    code_challenge: &str,
    extras_json: &str,
) -> String {
    let params = [
        ("client_id", c.app_id.as_str()),
        ("redirect_uri", c.redirect_uri.as_str()),
        ("state", state),
        ("code_challenge", code_challenge),
        ("code_challenge_method", "S256"),
        ("config_id", c.config_id.as_str()),
        ("response_type", "code"),
        ("override_default_response_type", "true"),
    ];
    let mut url = format!(
        "{}/{}/dialog/oauth?",
        c.dialog_base_url.trim_end_matches('/'),
        crate::percent::encode(&c.graph_api_version)
    );
    for (k, v) in params {
        url.push_str(k);
        url.push('=');
        url.push_str(&crate::percent::encode(v));
        url.push('&');
    }
    url.push_str("extras=");
    url.push_str(&crate::percent::encode(extras_json));
    url
}

/// A PKCE code verifier (RFC 7636 4.1) from at least 32 random bytes: 2 hex
/// digits per byte, so 64 or more characters of its allowed alphabet.
pub fn pkce_verifier_from_bytes(bytes: &[u8]) -> Option<String> {
    (bytes.len() >= 32).then(|| bytes.iter().map(|b| format!("{b:02x}")).collect())
}

/// The S256 code challenge (RFC 7636 4.2) of a verifier, from the SHA-256
/// digest of its ASCII bytes (the browser's `crypto.subtle`, the backend's own
/// hash): the digest in base64url without padding.
pub fn pkce_challenge(sha256_of_verifier: &[u8]) -> String {
    base64url(sha256_of_verifier)
}

/// Base64url without padding (RFC 4648 section 5).
pub fn base64url(bytes: &[u8]) -> String {
    const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
    let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for chunk in bytes.chunks(3) {
        let n = chunk
            .iter()
            .enumerate()
            .fold(0u32, |n, (i, b)| n | u32::from(*b) << (16 - 8 * i));
        for i in 0..=chunk.len() {
            out.push(char::from(ALPHABET[(n >> (18 - 6 * i)) as usize & 63]));
        }
    }
    out
}

/// The least randomness a state may carry.
pub const STATE_MIN_BYTES: usize = 16;

/// A state from random bytes: URL-safe, 2 hex digits per byte.
pub fn state_from_bytes(bytes: &[u8]) -> Option<String> {
    (bytes.len() >= STATE_MIN_BYTES).then(|| bytes.iter().map(|b| format!("{b:02x}")).collect())
}

/// What the tab keeps in sessionStorage between leaving and coming back.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PendingSignup {
    /// The state sent to the dialog.
    pub state: String,
    /// The channel it is for.
    pub channel_id: String,
    /// The backend's attempt.
    pub attempt_id: String,
    /// The PKCE verifier, until the code is exchanged (then emptied).
    #[serde(default)]
    pub verifier: String,
    /// The `redirect_uri` the dialog link carried, sent again with the code.
    #[serde(default)]
    pub redirect_uri: String,
    /// Set once the callback has been handled: it cannot be used again.
    #[serde(default)]
    pub used: bool,
    /// What happened, kept so a refresh or Back shows it again without a second exchange.
    #[serde(default)]
    pub outcome: Option<CallbackOutcome>,
    /// Started by a colleague from a hand-off link: the owner confirms the number.
    #[serde(default)]
    pub for_colleague: bool,
}

/// How a handled callback ended.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CallbackOutcome {
    /// The number is registered.
    Registered(SignupOutcome),
    /// The user cancelled in the dialog.
    Cancelled,
    /// Popup mode: the user cancelled or closed the Facebook window, at the step
    /// the dialog named (Meta's `current_step`), if it named one.
    Abandoned {
        /// Meta's `current_step`, as sent.
        step: Option<String>,
    },
    /// The dialog reported a problem.
    Failed(DialogFailure),
    /// The exchange was refused (the code expired, say); `message` is the backend's.
    ExchangeRefused {
        /// The backend's words.
        message: String,
    },
}

/// A problem the dialog reported, in the app's terms.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DialogFailure {
    /// The number is already on WhatsApp.
    NumberAlreadyRegistered,
    /// The code never arrived.
    CodeNotReceived,
    /// Facebook sent the user back with neither a code nor an error.
    NoResult,
    /// Anything else, with Facebook's error id for support when there is one.
    Other {
        /// Facebook's error id.
        error_id: Option<String>,
        /// Facebook's description.
        description: Option<String>,
    },
}

/// The callback's query parameters.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct CallbackParams {
    /// `code`.
    pub code: Option<String>,
    /// `state`.
    pub state: Option<String>,
    /// `error`.
    pub error: Option<String>,
    /// `error_reason`.
    pub error_reason: Option<String>,
    /// `error_description`.
    pub error_description: Option<String>,
    /// `error_id` (the simulation's; Meta's `error_code` is read the same way).
    pub error_id: Option<String>,
    /// Popup mode: the step the dialog said the user left it at.
    pub current_step: Option<String>,
    /// Popup mode: the ids the dialog's session info gave, sent with the code.
    pub session_info: Option<SignupIds>,
}

/// Why a callback is refused without calling the backend.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Refusal {
    /// The address has no state.
    MissingState,
    /// This tab did not start a signup (or its record is gone).
    NothingPending,
    /// The state is not the one this tab sent.
    WrongState,
}

/// What to do with a callback.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Verdict {
    /// Do nothing but explain.
    Refuse(Refusal),
    /// Already handled: show what happened, call nothing.
    Show(CallbackOutcome),
    /// Exchange this code through the backend, once.
    Exchange {
        /// The code.
        code: String,
    },
    /// The dialog came back without a code: record and show this.
    Settle(CallbackOutcome),
}

/// Decides what a callback means for the pending signup of this tab.
pub fn judge(pending: Option<&PendingSignup>, p: &CallbackParams) -> Verdict {
    let Some(state) = p.state.as_deref().filter(|s| !s.is_empty()) else {
        return Verdict::Refuse(Refusal::MissingState);
    };
    let Some(pending) = pending else {
        return Verdict::Refuse(Refusal::NothingPending);
    };
    if !same_secret(state, &pending.state) {
        return Verdict::Refuse(Refusal::WrongState);
    }
    if pending.used {
        return match &pending.outcome {
            Some(o) => Verdict::Show(o.clone()),
            None => Verdict::Refuse(Refusal::NothingPending),
        };
    }
    if let Some(error) = p.error.as_deref() {
        let reason = p.error_reason.as_deref().unwrap_or("");
        return Verdict::Settle(match (error, reason) {
            (_, reason::USER_DENIED) if p.current_step.is_some() => CallbackOutcome::Abandoned {
                step: p.current_step.clone(),
            },
            (_, reason::USER_DENIED) => CallbackOutcome::Cancelled,
            (_, reason::WINDOW_CLOSED) => CallbackOutcome::Abandoned { step: None },
            (_, reason::NUMBER_ALREADY_REGISTERED) => {
                CallbackOutcome::Failed(DialogFailure::NumberAlreadyRegistered)
            }
            (_, reason::CODE_NOT_RECEIVED) => {
                CallbackOutcome::Failed(DialogFailure::CodeNotReceived)
            }
            _ => CallbackOutcome::Failed(DialogFailure::Other {
                error_id: p.error_id.clone(),
                description: p.error_description.clone(),
            }),
        });
    }
    match p.code.as_deref().filter(|c| !c.is_empty()) {
        Some(code) => Verdict::Exchange {
            code: code.to_string(),
        },
        None => Verdict::Settle(CallbackOutcome::Failed(DialogFailure::NoResult)),
    }
}

/// Compares two secrets in time that depends only on their lengths.
pub fn same_secret(a: &str, b: &str) -> bool {
    a.len() == b.len()
        && a.bytes()
            .zip(b.bytes())
            .fold(0u8, |acc, (x, y)| acc | (x ^ y))
            == 0
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn config() -> SignupConfig {
        SignupConfig {
            app_id: "1234567890".into(),
            config_id: "cfg 42&x".into(),
            graph_api_version: "v21.0".into(),
            redirect_uri: "http://127.0.0.1:8080/facebook/callback".into(),
            dialog_base_url: "https://www.facebook.com/".into(),
        }
    }

    fn prefill() -> SignupPrefill {
        SignupPrefill {
            business_name: "Bread & Co \"Ltd\"".into(),
            phone_code: "44".into(),
            phone_number: "7400123456".into(),
            category: "RETAIL".into(),
            description: "Line one\nLine two 😀".into(),
            email: "help@bread.example".into(),
            website: "https://bread.example/?a=1&b=2".into(),
            country: "GB".into(),
        }
    }

    /// Splits a URL's query into decoded pairs (a test-side decoder).
    fn query(url: &str) -> Vec<(String, String)> {
        let q = url.split_once('?').unwrap().1;
        q.split('&')
            .map(|kv| {
                let (k, v) = kv.split_once('=').unwrap();
                (k.to_string(), decode(v))
            })
            .collect()
    }

    fn decode(s: &str) -> String {
        let b = s.as_bytes();
        let mut out = Vec::new();
        let mut i = 0;
        while i < b.len() {
            if b[i] == b'%' {
                out.push(u8::from_str_radix(&s[i + 1..i + 3], 16).unwrap());
                i += 3;
            } else {
                out.push(b[i]);
                i += 1;
            }
        }
        String::from_utf8(out).unwrap()
    }

    #[test]
    fn the_url_has_meta_s_shape_and_every_parameter_encoded() {
        let url = dialog_url(
            &config(),
            "ab12",
            "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM",
            &extras_json(&prefill()),
        );
        assert!(url.starts_with("https://www.facebook.com/v21.0/dialog/oauth?"));
        let q = query(&url);
        let keys: Vec<_> = q.iter().map(|(k, _)| k.as_str()).collect();
        assert_eq!(
            keys,
            [
                "client_id",
                "redirect_uri",
                "state",
                "code_challenge",
                "code_challenge_method",
                "config_id",
                "response_type",
                "override_default_response_type",
                "extras"
            ]
        );
        assert_eq!(q[1].1, "http://127.0.0.1:8080/facebook/callback");
        assert_eq!(q[3].1, "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM");
        assert_eq!(q[4].1, "S256");
        assert_eq!(q[5].1, "cfg 42&x");
        assert_eq!(q[6].1, "code");
        assert_eq!(q[7].1, "true");
        // No raw reserved character survives in any value.
        for part in url.split_once('?').unwrap().1.split('&') {
            let v = part.split_once('=').unwrap().1;
            assert!(
                v.bytes()
                    .all(|b| b.is_ascii_alphanumeric() || b"-_.~%".contains(&b)),
                "{v}"
            );
        }
    }

    /// The pre-fill's exact text, as the `json!` value it was built with wrote it
    /// (keys sorted), so Meta's dialog receives what it received before.
    #[test]
    fn extras_are_the_prefill_in_meta_s_shape() {
        assert_eq!(
            extras_json(&prefill()),
            r#"{"featureType":"","sessionInfoVersion":"3","setup":{"business":{"country":"GB","email":"help@bread.example","name":"Bread & Co \"Ltd\"","phone":{"code":"44","number":"7400123456"},"website":"https://bread.example/?a=1&b=2"},"phone":{"category":"RETAIL","description":"Line one\nLine two 😀","displayName":"Bread & Co \"Ltd\""}}}"#
        );
    }

    #[test]
    fn extras_are_valid_json_with_the_prefill() {
        let url = dialog_url(&config(), "s", "c", &extras_json(&prefill()));
        let extras = &query(&url)[8].1;
        let v: serde_json::Value = serde_json::from_str(extras).unwrap();
        assert_eq!(v["setup"]["business"]["name"], "Bread & Co \"Ltd\"");
        assert_eq!(v["setup"]["business"]["phone"]["number"], "7400123456");
        assert_eq!(v["setup"]["phone"]["description"], "Line one\nLine two 😀");
        assert_eq!(v["setup"]["phone"]["category"], "RETAIL");
    }

    fn pending() -> PendingSignup {
        PendingSignup {
            state: "a".repeat(32),
            channel_id: "ch".into(),
            attempt_id: "at".into(),
            verifier: String::new(),
            redirect_uri: String::new(),
            used: false,
            outcome: None,
            for_colleague: false,
        }
    }

    #[test]
    fn pkce_matches_rfc_7636_appendix_b() {
        // The RFC's verifier and the SHA-256 of it, as the RFC prints them.
        let digest = [
            19, 211, 30, 150, 26, 26, 216, 236, 47, 22, 177, 12, 76, 152, 46, 8, 118, 168, 120,
            173, 109, 241, 68, 86, 110, 225, 137, 74, 203, 112, 249, 195,
        ];
        assert_eq!(
            pkce_challenge(&digest),
            "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM"
        );
        assert_eq!(base64url(b""), "");
        assert_eq!(base64url(b"f"), "Zg");
        assert_eq!(base64url(b"fo"), "Zm8");
        assert_eq!(base64url(b"foo"), "Zm9v");
        assert_eq!(base64url(&[0xfb, 0xff]), "-_8");
        assert_eq!(pkce_verifier_from_bytes(&[7; 31]), None);
        let v = pkce_verifier_from_bytes(&[0xab; 32]).unwrap();
        assert_eq!(v.len(), 64);
        assert!(v.bytes().all(|b| b.is_ascii_alphanumeric()));
    }

    fn params(state: Option<&str>) -> CallbackParams {
        CallbackParams {
            code: Some("c0de".into()),
            state: state.map(str::to_string),
            ..Default::default()
        }
    }

    #[test]
    fn refuses_missing_wrong_and_unknown_state() {
        let p = pending();
        assert_eq!(
            judge(Some(&p), &params(None)),
            Verdict::Refuse(Refusal::MissingState)
        );
        assert_eq!(
            judge(Some(&p), &params(Some(""))),
            Verdict::Refuse(Refusal::MissingState)
        );
        assert_eq!(
            judge(Some(&p), &params(Some(&"b".repeat(32)))),
            Verdict::Refuse(Refusal::WrongState)
        );
        assert_eq!(
            judge(None, &params(Some(&p.state))),
            Verdict::Refuse(Refusal::NothingPending)
        );
        assert_eq!(
            judge(Some(&p), &params(Some(&p.state))),
            Verdict::Exchange {
                code: "c0de".into()
            }
        );
    }

    #[test]
    fn a_used_state_shows_its_outcome_and_never_exchanges_again() {
        let mut p = pending();
        p.used = true;
        p.outcome = Some(CallbackOutcome::Cancelled);
        assert_eq!(
            judge(Some(&p), &params(Some(&p.state))),
            Verdict::Show(CallbackOutcome::Cancelled)
        );
        p.outcome = None;
        assert_eq!(
            judge(Some(&p), &params(Some(&p.state))),
            Verdict::Refuse(Refusal::NothingPending)
        );
    }

    #[test]
    fn dialog_errors_in_the_user_s_terms() {
        let p = pending();
        let err = |reason: &str| CallbackParams {
            state: Some(p.state.clone()),
            error: Some("access_denied".into()),
            error_reason: Some(reason.into()),
            error_id: Some("FB-1".into()),
            ..Default::default()
        };
        assert_eq!(
            judge(Some(&p), &err(reason::USER_DENIED)),
            Verdict::Settle(CallbackOutcome::Cancelled)
        );
        // Popup mode: the step the user left the dialog at, or a window closed in silence.
        let at_step = CallbackParams {
            current_step: Some("PHONE_NUMBER_VERIFICATION".into()),
            ..err(reason::USER_DENIED)
        };
        assert_eq!(
            judge(Some(&p), &at_step),
            Verdict::Settle(CallbackOutcome::Abandoned {
                step: Some("PHONE_NUMBER_VERIFICATION".into())
            })
        );
        assert_eq!(
            judge(Some(&p), &err(reason::WINDOW_CLOSED)),
            Verdict::Settle(CallbackOutcome::Abandoned { step: None })
        );
        assert_eq!(
            judge(Some(&p), &err(reason::NUMBER_ALREADY_REGISTERED)),
            Verdict::Settle(CallbackOutcome::Failed(
                DialogFailure::NumberAlreadyRegistered
            ))
        );
        assert_eq!(
            judge(Some(&p), &err(reason::CODE_NOT_RECEIVED)),
            Verdict::Settle(CallbackOutcome::Failed(DialogFailure::CodeNotReceived))
        );
        assert_eq!(
            judge(Some(&p), &err("weird")),
            Verdict::Settle(CallbackOutcome::Failed(DialogFailure::Other {
                error_id: Some("FB-1".into()),
                description: None
            }))
        );
    }

    #[test]
    fn states_need_128_bits() {
        assert_eq!(state_from_bytes(&[0u8; 15]), None);
        assert_eq!(state_from_bytes(&[0xabu8; 16]).unwrap().len(), 32);
    }

    /// A state as the app makes them: 16 to 32 random bytes in hex.
    fn pending_state() -> impl Strategy<Value = String> {
        proptest::collection::vec(any::<u8>(), STATE_MIN_BYTES..=32)
            .prop_map(|bytes| state_from_bytes(&bytes).unwrap())
    }

    fn replace_at(s: &str, i: usize, c: char) -> String {
        let mut out: Vec<char> = s.chars().collect();
        out[i] = c;
        out.into_iter().collect()
    }

    fn remove_at(s: &str, i: usize) -> String {
        let mut out: Vec<char> = s.chars().collect();
        out.remove(i);
        out.into_iter().collect()
    }

    fn insert_at(s: &str, i: usize, c: char) -> String {
        let mut out: Vec<char> = s.chars().collect();
        out.insert(i, c);
        out.into_iter().collect()
    }

    /// What a callback may carry, given the pending state: that state, a random
    /// other one, the pending one changed in one character (first, last or any
    /// position), or nothing.
    fn callback_state(pending: String) -> impl Strategy<Value = String> {
        let len = pending.chars().count();
        let same = Just(pending.clone());
        let position = prop_oneof![Just(0), Just(len - 1), 0..len];
        let mutated = (position, 0..3u8, "[g-z]").prop_map(move |(i, how, c)| {
            let c = c.chars().next().unwrap();
            match how {
                0 => replace_at(&pending, i, c),
                1 => remove_at(&pending, i),
                _ => insert_at(&pending, i, c),
            }
        });
        prop_oneof![
            same,
            prop_oneof![pending_state(), "\\PC{1,40}"],
            mutated,
            Just(String::new()),
        ]
    }

    proptest! {
        /// The state given at the callback is the pending one, another random
        /// state, the pending one changed in one character, or empty; the callback
        /// gets past the state check (exchange, settle or show) exactly when it
        /// equals the pending state.
        #[test]
        fn only_the_pending_state_is_accepted(
            (pending_state, given) in pending_state().prop_flat_map(|s| (Just(s.clone()), callback_state(s))),
            code in "\\PC{0,10}",
            error in proptest::option::of(Just(reason::USER_DENIED)),
            used in any::<bool>(),
        ) {
            let mut p = pending();
            p.state = pending_state;
            p.used = used;
            p.outcome = used.then_some(CallbackOutcome::Cancelled);
            let params = CallbackParams {
                code: Some(code.clone()),
                state: Some(given.clone()),
                error: error.map(|_| "access_denied".to_string()),
                error_reason: error.map(str::to_string),
                ..Default::default()
            };
            let v = judge(Some(&p), &params);
            let accepted = !matches!(v, Verdict::Refuse(_));
            prop_assert_eq!(accepted, given == p.state, "{:?} for {:?}", v, given);
            if given.is_empty() {
                prop_assert_eq!(v, Verdict::Refuse(Refusal::MissingState));
            } else if given != p.state {
                prop_assert_eq!(v, Verdict::Refuse(Refusal::WrongState));
            } else if used {
                prop_assert_eq!(v, Verdict::Show(CallbackOutcome::Cancelled));
            } else if error.is_some() {
                prop_assert_eq!(v, Verdict::Settle(CallbackOutcome::Cancelled));
            } else if !code.is_empty() {
                prop_assert_eq!(v, Verdict::Exchange { code });
            }
        }

        /// Every one-character change of the pending state, at every position, is refused.
        #[test]
        fn every_one_character_change_is_refused(pending_state in pending_state(), other in "[g-z]") {
            let mut p = pending();
            p.state = pending_state;
            let other = other.chars().next().unwrap();
            for i in 0..p.state.len() {
                for given in [
                    replace_at(&p.state, i, other),
                    remove_at(&p.state, i),
                    insert_at(&p.state, i, other),
                ] {
                    prop_assert_eq!(
                        judge(Some(&p), &params(Some(&given))),
                        Verdict::Refuse(Refusal::WrongState),
                        "{:?}", given
                    );
                }
            }
            prop_assert_eq!(
                judge(Some(&p), &params(Some(&format!("{}{other}", p.state)))),
                Verdict::Refuse(Refusal::WrongState)
            );
        }

        /// Any prefill gives a URL whose extras decode back to valid JSON.
        #[test]
        fn any_prefill_gives_valid_extras(name in "\\PC{0,40}", desc in "\\PC{0,80}") {
            let mut pf = prefill();
            pf.business_name = name.clone();
            pf.description = desc;
            let url = dialog_url(&config(), "s", "c", &extras_json(&pf));
            let extras = &query(&url)[8].1;
            let v: serde_json::Value = serde_json::from_str(extras).unwrap();
            prop_assert_eq!(v["setup"]["business"]["name"].as_str(), Some(name.as_str()));
        }
    }
}
