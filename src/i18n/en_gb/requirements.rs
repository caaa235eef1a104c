//! What an account lacks to go on, and what the phone number must be: shown on
//! "Before you start", the profile and the channels page.

use crate::i18n::texts;

texts! {
    /// The blockers of an account, and the phone number's requirements.
    Requirements {
        blocker_licence: "Your contact-centre licence does not include WhatsApp",
        blocker_terms: "The legal terms for WhatsApp are not signed yet",
        blocker_facebook: "Confirm you have a Facebook business account verified by Meta",
        number_any_provider: "It can be any number, from any provider.",
        number_never_used: "It has never been used with WhatsApp Business (the app or the platform) before.",
        number_receives_code: "It can receive a one-time passcode by SMS or by voice call, so WhatsApp can check you own it.",
        number_visible: "Your customers can see it: it is the number they message, and they may also try to phone it.",
        number_our_telephony: "It can be a number from our own telephony: after the one-time passcode, calls to it go to your contact centre or to an automated message.",
        number_no_calls: "It cannot be called on WhatsApp: customers can message it there, but not call it.",
        number_hint: "The number customers will message and may try to phone. It can be from any provider, including us, must never have been used with WhatsApp Business, and must be able to receive a one-time code by SMS or voice call.",
        number_setup: "How to use a number from {partner} for WhatsApp (opens in a new tab)",
    }
}
