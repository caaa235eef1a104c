//! The frame around every page (title, header, notices, fields) and what went
//! wrong with a call.

use crate::i18n::texts;

texts! {
    /// The frame around every page, and what every form shares.
    Common {
        app_name: "WhatsApp channel setup",
        title: "{title} – {app}",
        title_with_errors: "Error: {title} – {app}",
        skip_link: "Skip to main content",
        nav_label: "Main",
        nav_channels: "WhatsApp channels",
        nav_before_you_start: "Before you start",
        nav_pricing: "Pricing",
        back_to_portal: "Back to the portal",
        logged_in_to: "Logged in to {account}",
        log_out: "Log out",
        logging_out: "Logging out…",
        still_logged_in: "You are still logged in. {error}",
        error_summary_title: "There is a problem",
        error_prefix: "Error: ",
        try_again: "Try again",
        could_not_load: "We could not load {what}. {error}",
        characters_left_one: "You have 1 character remaining",
        characters_left: "You have {count} characters remaining",
        characters_over_one: "You have 1 character too many",
        characters_over: "You have {count} characters too many",
        show: "Show",
        hide: "Hide",
        done: " (done)",
        change: "Change",
        // A summary's answer that was left empty (the review, the check before linking, a colleague's hand-off page).
        not_given: "Not given",
        next: "Next",
        back: "Back",
        cancel: "Cancel",
        checking: "Checking…",
        saving: "Saving…",
        back_to_channels: "Back to WhatsApp channels",
        go_to_channels: "Go to your WhatsApp channels",
        check_before_you_start: "Check what you need before you start",
        two_and: "{first} and {second}",
        two_or: "{first} or {second}",
        not_found_title: "Page not found",
        not_found_body: "If you typed the web address, check it is correct. If you pasted it, check you copied the whole address.",
        session_held: "Your session has ended. Log in again to carry on: what you entered is kept, and is sent as soon as you are back.",
        unreachable_title: "We could not reach the server",
        checking_session: "Checking you are logged in…",
        loading: "Loading…",
        app_not_loaded: "We could not load the next page. Check your connection and try again.",
        // index.html shows it (public/boot.js) when the app's code cannot be loaded at all.
        page_not_loaded: "We could not load this page. Check your connection and try again.",
        brand_product: "Contact centre",
        brand_partner: "Your provider",
        brand_messaging_platform: "messaging platform",
        brand_configuration_manager: "configuration manager",
    }
}

texts! {
    /// What went wrong with a call, how long to wait, and how saving stands.
    Errors {
        network: "We could not reach the server. Check your connection and try again; nothing you entered is lost.",
        timeout: "The server is taking too long to answer. Try again in a moment; nothing you entered is lost.",
        cancelled: "The request was cancelled.",
        unauthorized: "Your session has ended. Log in again to continue.",
        rate_limited_for: "{message} Try again in {wait}.",
        rate_limited: "{message} Wait a while and try again.",
        server_with_id: "Something went wrong on our side. Try again; if it keeps happening, contact support and quote {id}.",
        server: "Something went wrong on our side. Try again; if it keeps happening, contact support.",
        second: "1 second",
        seconds: "{count} seconds",
        minute: "1 minute",
        minutes: "{count} minutes",
        some_answers: "Some answers need correcting.",
        clash: "This clashes with a change made elsewhere.",
        too_many_attempts: "Too many attempts.",
        refused: "The request was refused.",
        save_saving: "Saving…",
        save_saved: "Saved",
        save_offline: "Offline, will retry. Your answers are kept on this device.",
        save_retrying: "Not saved yet: the server had a problem, will retry. Your answers are kept on this device.",
        save_logged_out: "Not saved yet: log in again and your answers will be saved.",
        save_failed: "Not saved: {message}",
        no_randomness: "This browser cannot create the secure code the sign-up needs. Update the browser and try again.",
    }
}
