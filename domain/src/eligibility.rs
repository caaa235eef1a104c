//! Who may set up WhatsApp: the preconditions the "Before you start" page checks.

use crate::contract::Timestamp;
use serde::{Deserialize, Serialize};

/// The contact-centre licences that include WhatsApp.
pub const WHATSAPP_LICENCES: [&str; 2] = ["X7", "X8"];

/// Why a channel cannot be requested while the legal terms are not signed, and
/// the way forward, in the backend's words when it refuses the request (the page
/// says it from its catalogue before the user types).
pub const TERMS_FIRST: &str = "You cannot request a WhatsApp channel until your legal terms and conditions for WhatsApp are signed. Your sales representative asks the Deal Desk to send them to you to sign.";

/// Why an account whose licence is `licence` cannot set up WhatsApp, and the way
/// forward, in the backend's words (the page has its own, in the user's language).
pub fn licence_refusal(licence: &str) -> String {
    format!(
        "Your contact-centre licence ({}) does not include WhatsApp. WhatsApp needs licence {}: ask your account manager about upgrading.",
        licence.trim(),
        WHATSAPP_LICENCES.join(" or ")
    )
}

/// Whether a contact-centre licence includes WhatsApp.
pub fn licence_allows_whatsapp(licence: &str) -> bool {
    WHATSAPP_LICENCES.contains(&licence.trim())
}

/// Where the legal terms for WhatsApp stand.
// On the wire, `{"state": "requested", "at": …}`. Its `Deserialize` is written out
// (`TermsWire`) rather than derived: serde's derive for an internally tagged enum
// buffers the whole object in its generic `Content` first, which put about 8 KB of
// code into the app's wasm for this one type.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
#[serde(tag = "state", rename_all = "snake_case")]
pub enum Terms {
    /// Signed: nothing to do.
    Signed,
    /// The customer asked their sales representative, who asks the Deal Desk to send them.
    Requested {
        /// When the customer asked, in Unix seconds (UTC).
        at: Timestamp,
    },
    /// Not signed and not asked for yet.
    NotRequested,
}

/// [`Terms`] as it comes over the wire: the state, and `at` when it is `requested`.
#[derive(Deserialize)]
struct TermsWire {
    state: TermsState,
    at: Option<Timestamp>,
}

/// The `state` tag of [`Terms`].
#[derive(Deserialize)]
#[serde(rename_all = "snake_case")]
enum TermsState {
    Signed,
    Requested,
    NotRequested,
}

impl<'de> Deserialize<'de> for Terms {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let wire = TermsWire::deserialize(deserializer)?;
        Ok(match (wire.state, wire.at) {
            (TermsState::Signed, _) => Terms::Signed,
            (TermsState::NotRequested, _) => Terms::NotRequested,
            (TermsState::Requested, Some(at)) => Terms::Requested { at },
            (TermsState::Requested, None) => {
                return Err(serde::de::Error::missing_field("at"));
            }
        })
    }
}

/// GET [`crate::contract::paths::ELIGIBILITY`]: each precondition as the backend knows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub struct Eligibility {
    /// The account's contact-centre licence, e.g. "X8".
    pub licence: String,
    /// The legal terms.
    pub terms: Terms,
    /// The customer confirmed they have a Facebook business account verified by Meta.
    pub facebook_business_confirmed: bool,
}

impl Eligibility {
    /// Whether the licence includes WhatsApp.
    pub fn licence_ok(&self) -> bool {
        licence_allows_whatsapp(&self.licence)
    }

    /// Whether a channel may be requested: the licence includes WhatsApp and the
    /// legal terms are signed (the first steps, in the documented order).
    pub fn can_request(&self) -> bool {
        self.licence_ok() && self.terms == Terms::Signed
    }

    /// Why a channel cannot be requested yet, if it cannot: the licence first, then the terms.
    pub fn request_refusal(&self) -> Option<RequestRefusal> {
        if !self.licence_ok() {
            Some(RequestRefusal::Licence)
        } else if self.terms != Terms::Signed {
            Some(RequestRefusal::Terms)
        } else {
            None
        }
    }

    /// [`Eligibility::request_refusal`] in the backend's words.
    pub fn request_refusal_message(&self) -> Option<String> {
        self.request_refusal().map(|r| match r {
            RequestRefusal::Licence => licence_refusal(&self.licence),
            RequestRefusal::Terms => TERMS_FIRST.to_string(),
        })
    }

    /// Whether every precondition is met, so the journey can start.
    pub fn can_start(&self) -> bool {
        self.licence_ok() && self.terms == Terms::Signed && self.facebook_business_confirmed
    }

    /// What still stands in the way, in page order.
    pub fn blockers(&self) -> Vec<Blocker> {
        let mut b = Vec::new();
        if !self.licence_ok() {
            b.push(Blocker::Licence);
        }
        if self.terms != Terms::Signed {
            b.push(Blocker::Terms);
        }
        if !self.facebook_business_confirmed {
            b.push(Blocker::FacebookBusiness);
        }
        b
    }
}

/// Why a channel cannot be requested yet.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RequestRefusal {
    /// The contact-centre licence does not include WhatsApp.
    Licence,
    /// The legal terms for WhatsApp are not signed.
    Terms,
}

/// A precondition of WhatsApp that the account does not meet yet.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Blocker {
    /// The contact-centre licence does not include WhatsApp.
    Licence,
    /// The legal terms for WhatsApp are not signed.
    Terms,
    /// The customer has not confirmed a Facebook business account verified by Meta.
    FacebookBusiness,
}

impl Blocker {
    /// The precondition in the backend's words (the page has its own, in the user's language).
    pub fn message(self) -> &'static str {
        match self {
            Blocker::Licence => "Your contact-centre licence does not include WhatsApp",
            Blocker::Terms => "The legal terms for WhatsApp are not signed yet",
            Blocker::FacebookBusiness => {
                "Confirm you have a Facebook business account verified by Meta"
            }
        }
    }
}

/// POST [`crate::contract::paths::FACEBOOK_BUSINESS`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub struct FacebookBusinessConfirmation {
    /// Whether the customer has a verified Facebook business account.
    pub confirmed: bool,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn e(licence: &str, terms: Terms, fb: bool) -> Eligibility {
        Eligibility {
            licence: licence.into(),
            terms,
            facebook_business_confirmed: fb,
        }
    }

    #[test]
    fn only_x7_and_x8_include_whatsapp() {
        for (l, ok) in [
            ("X7", true),
            ("X8", true),
            (" X8 ", true),
            ("X6", false),
            ("x8", false),
            ("", false),
            ("X9", false),
        ] {
            assert_eq!(licence_allows_whatsapp(l), ok, "{l:?}");
        }
    }

    #[test]
    fn every_precondition_must_hold() {
        assert!(e("X8", Terms::Signed, true).can_start());
        assert!(!e("X6", Terms::Signed, true).can_start());
        assert!(!e("X7", Terms::Requested { at: 0 }, true).can_start());
        assert!(!e("X7", Terms::Signed, false).can_start());
        assert_eq!(
            e("X6", Terms::NotRequested, false).blockers(),
            [Blocker::Licence, Blocker::Terms, Blocker::FacebookBusiness]
        );
        assert_eq!(
            e("X8", Terms::Signed, false).blockers(),
            [Blocker::FacebookBusiness]
        );
    }

    #[test]
    fn a_channel_needs_the_licence_then_signed_terms() {
        assert_eq!(e("X8", Terms::Signed, false).request_refusal(), None);
        assert!(e("X8", Terms::Signed, false).can_request());
        assert_eq!(
            e("X7", Terms::Requested { at: 0 }, true).request_refusal(),
            Some(RequestRefusal::Terms)
        );
        assert_eq!(
            e("X7", Terms::NotRequested, true).request_refusal_message(),
            Some(TERMS_FIRST.to_string())
        );
        assert!(!e("X7", Terms::NotRequested, true).can_request());
        assert_eq!(
            e("X6", Terms::NotRequested, true).request_refusal_message(),
            Some("Your contact-centre licence (X6) does not include WhatsApp. WhatsApp needs licence X7 or X8: ask your account manager about upgrading.".to_string())
        );
    }

    #[test]
    fn terms_wire_shape() {
        assert_eq!(
            serde_json::to_value(Terms::Requested { at: 5 }).unwrap(),
            serde_json::json!({"state": "requested", "at": 5})
        );
    }

    proptest::proptest! {
        /// Whatever the terms, what the backend writes is what the app reads.
        #[test]
        fn terms_read_back_as_written(at in proptest::prelude::any::<i64>(), which in 0..3u8) {
            let terms = match which {
                0 => Terms::Signed,
                1 => Terms::NotRequested,
                _ => Terms::Requested { at },
            };
            let json = serde_json::to_string(&terms).unwrap();
            proptest::prop_assert_eq!(serde_json::from_str::<Terms>(&json).unwrap(), terms);
        }
    }

    #[test]
    fn terms_requested_without_a_date_or_in_an_unknown_state_are_refused() {
        let missing = serde_json::from_str::<Terms>(r#"{"state": "requested"}"#).unwrap_err();
        assert!(
            missing.to_string().contains("missing field `at`"),
            "{missing}"
        );
        let unknown = serde_json::from_str::<Terms>(r#"{"state": "lost"}"#).unwrap_err();
        assert!(
            unknown.to_string().contains("unknown variant `lost`"),
            "{unknown}"
        );
        assert!(serde_json::from_str::<Terms>(r#"{"at": 5}"#).is_err());
        // A date beside another state is of no use, and harmless.
        assert_eq!(
            serde_json::from_str::<Terms>(r#"{"state": "signed", "at": 5}"#).unwrap(),
            Terms::Signed
        );
    }
}
