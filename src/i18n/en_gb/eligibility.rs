//! "Before you start": each precondition for WhatsApp (the blockers and the phone
//! number's requirements it shares with other pages are in `requirements.rs`).

use crate::i18n::texts;

texts! {
    /// The "Before you start" page.
    Eligibility {
        title: "Before you start",
        lead: "WhatsApp for your contact centre needs four things. Here is where each stands for your account.",
        checking: "Checking your account…",
        load_what: "what your account has",
        licence_heading: "Contact-centre licence",
        met: "Met",
        not_met: "Not met",
        licence_included: "Your licence is {licence}. WhatsApp is included with licences {licences}.",
        licence_missing: "Your licence is {licence}. WhatsApp is only available with licences {licences}, so you cannot set it up yet.",
        licence_upgrade: "To get WhatsApp, ask your account manager to upgrade your contact-centre licence to {licences}. Once it is upgraded, come back to this page.",
        terms_heading: "Legal terms and conditions",
        signed: "Signed",
        requested: "Requested",
        not_signed: "Not signed",
        terms_signed: "Your legal terms for WhatsApp are signed.",
        terms_requested: "You asked your sales representative for the terms on {date}. They ask the Deal Desk to send them to you to sign; you do not need to ask again.",
        terms_needed: "WhatsApp needs signed legal terms and conditions. Your sales representative asks the Deal Desk to send them to you.",
        asking: "Asking…",
        ask: "Ask my sales representative",
        facebook_heading: "A Facebook business account, verified by Meta",
        confirmed: "Confirmed",
        not_confirmed: "Not confirmed",
        facebook_needed: "You need a Facebook business account that Meta has verified; you log in with it during the WhatsApp sign-up.",
        disclaimer: "Meta validates the Facebook business account. {partner} is not responsible for whether Meta accepts it, and has no say over WhatsApp's terms.",
        verify_help: "How to create and verify a business account (Meta Business Help Centre, opens in a new tab)",
        facebook_checkbox: "I have a Facebook business account verified by Meta",
        number_heading: "A phone number for WhatsApp",
        number_intro: "You choose the number during the sign-up. It must meet these requirements:",
        can_start: "You can start",
        can_start_body: "Your account meets every requirement we can check. Make sure your phone number meets the requirements below.",
        not_ready: "Not ready yet",
        cannot_start: "You cannot set up WhatsApp",
    }
}
