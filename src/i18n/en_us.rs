//! American English: British English with only what differs named here
//! (center, license, canceled, forgot). Dates and money follow the locale
//! through `Intl`, not through these texts.

use super::Text;
use domain::embed::Locale;

/// American English.
pub const EN_US: Text = {
    let mut t = Text::EN_GB;
    t.locale = Locale::EnUs;

    let c = &mut t.common;
    c.brand_product = "Contact center";

    let e = &mut t.errors;
    e.cancelled = "The request was canceled.";

    if super::ACCOUNT {
        let a = &mut t.account;
        a.log_in_intro = "Log in to the {platform} to set up WhatsApp for your contact center.";
        a.forgotten = "Forgot your password, or did your link expire? {link}.";
    }

    // The other areas, each where a page of the build shows it (see `FULL` and the
    // consts beside it): elsewhere the area is empty.
    if super::REQUEST {
        let r = &mut t.request;
        r.name_hint = "How the channel is identified in your contact center, for example Customer Support. Each channel needs its own name.";
        r.refusal_licence = "Your contact-center license ({licence}) does not include WhatsApp. WhatsApp needs license {licences}: ask your account manager about upgrading.";
    }

    if super::ELIGIBILITY {
        let el = &mut t.eligibility;
        el.lead = "WhatsApp for your contact center needs four things. Here is where each stands for your account.";
        el.licence_heading = "Contact-center license";
        el.licence_included =
            "Your license is {licence}. WhatsApp is included with licenses {licences}.";
        el.licence_missing = "Your license is {licence}. WhatsApp is only available with licenses {licences}, so you cannot set it up yet.";
        el.licence_upgrade = "To get WhatsApp, ask your account manager to upgrade your contact-center license to {licences}. Once it is upgraded, come back to this page.";
        el.verify_help = "How to create and verify a business account (Meta Business Help Center, opens in a new tab)";
    }

    if super::FULL {
        let r = &mut t.requirements;
        r.blocker_licence = "Your contact-center license does not include WhatsApp";
        r.number_our_telephony = "It can be a number from our own telephony: after the one-time passcode, calls to it go to your contact center or to an automated message.";

        let p = &mut t.profile;
        p.channel_name_hint =
            "How this channel is identified in your contact center, for example Customer Support.";
    }

    if super::REVIEW {
        t.review.handoff_cancelled =
            "You canceled the request to {email}; that link no longer works.";
    }

    if super::FACEBOOK {
        let f = &mut t.facebook;
        f.cancelled_title = "You canceled the Facebook sign-up";
    }

    t
};
