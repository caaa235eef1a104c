//! The names and links of the company whose portal the app runs in. No product,
//! company or partner name is written in the code: the host page passes its
//! brand when it mounts the app, or the backend serves it
//! ([`crate::endpoint::BRAND`]).

use serde::{Deserialize, Serialize};

/// The words and links that belong to the provider, not to the app.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase")]
pub struct Brand {
    /// The contact-centre product, in the header and the page titles.
    pub product: String,
    /// The partner the customer gives permission to in Facebook's sign-up.
    pub partner: String,
    /// The messaging platform the customer logs in to.
    pub messaging_platform: String,
    /// Where the contact centre's channels are requested.
    pub configuration_manager: String,
    /// The provider's support page.
    pub support_url: String,
    /// How to set up a number from the provider's own telephony for WhatsApp.
    pub number_setup_url: String,
    /// WhatsApp's rates per country, and how WhatsApp counts a session.
    pub rates_url: String,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn travels_in_the_mount_apis_spelling() {
        let brand = Brand {
            product: "Contact centre".into(),
            partner: "Partner".into(),
            messaging_platform: "Messaging".into(),
            configuration_manager: "Manager".into(),
            support_url: String::new(),
            number_setup_url: String::new(),
            rates_url: String::new(),
        };
        let json = serde_json::to_value(brand).unwrap();
        for key in [
            "product",
            "partner",
            "messagingPlatform",
            "configurationManager",
            "supportUrl",
            "numberSetupUrl",
            "ratesUrl",
        ] {
            assert!(json.get(key).is_some(), "{key}");
        }
    }
}
