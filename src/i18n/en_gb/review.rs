//! The review of the profile, going to Facebook, and a colleague's hand-over.

use crate::i18n::texts;

texts! {
    /// "Check your profile", the Facebook button, and the panel that asks a
    /// colleague to do the Facebook step (on the review and the channels page).
    Review {
        review_title: "Check your profile",
        answers: "Your answers",
        no_picture: "No picture",
        uploaded: "Uploaded",
        // A required answer not given yet: its row links to the field (the field's name in lower case).
        enter_answer: "Enter {field}",
        select_answer: "Select {field}",
        name_final_title: "Your business name cannot be changed later",
        name_final_body: "WhatsApp shows it to every customer, and once your channel is set up it stays as it is.",
        confirm_name: "I confirm my business name is “{name}” and understand it cannot be changed",
        confirm_name_missing: "Confirm the business name, or change it before you continue",
        name_not_given: "Your business name is not given yet: enter it on the first page, then confirm it here.",
        confirming: "Confirming…",
        confirm_profile: "Confirm profile",
        confirmed_title: "Profile confirmed",
        confirmed_body: "Your business name is set. Next, connect WhatsApp through Facebook: you log in with your Facebook business account, confirm your business details and verify the phone number with a one-time code.",
        signed_up_title: "Your number is registered",
        signed_up_body: "Facebook's sign-up for this channel is finished. Next, choose the number and the channel it belongs to, and check the details.",
        signed_up_next: "Choose the number and channel",
        set_up_title: "This channel has its number",
        set_up_body: "Its number is linked to it. Your WhatsApp channels page says when conversations reach your agents.",
        saving_first: "Saving your latest changes first…",
        blocked: "You can continue to Facebook once the account has everything listed at the top of this page.",
        opening_facebook: "Opening Facebook…",
        continue_to_facebook: "Continue to Facebook",
        leaving: "You will leave this site for Facebook and come back here when you finish.",
        leaving_popup: "Facebook opens in a window of its own. This page stays open and carries on when you finish there.",
        popup_open: "The Facebook window is open. Finish the steps there: this page carries on when you are done.",
        show_facebook_window: "Show the Facebook window",
        popup_blocked_title: "Your browser blocked the Facebook window",
        popup_blocked_body: "Allow pop-ups for this site and select Continue to Facebook again, or continue in this tab: you come back here when you finish.",
        continue_in_this_tab: "Continue in this tab",
        handoff_title: "Someone else manages your Facebook business account?",
        handoff_intro: "Send them a link to do the Facebook step. They do not need an account here, they can do nothing else with it, and it works once, for 72 hours.",
        handoff_open: "Ask a colleague to do the Facebook step",
        handoff_not_loaded: "We could not open the form. Check your connection and try again.",
        handoff_email: "Colleague's email",
        handoff_message: "Message (optional)",
        handoff_send: "Send the link",
        handoff_sending: "Sending…",
        handoff_waiting: "Waiting for {email}",
        handoff_sent: "Sent at {sent}. The link works until {expires}.",
        // After "Send the link again".
        handoff_resent: "A new link was sent at {sent}; the one before no longer works. The new link works until {expires}.",
        handoff_when: "{time} on {date}",
        handoff_resend: "Send the link again",
        handoff_cancel: "Cancel the request",
        handoff_done: "{email} finished the Facebook step: your number is registered.",
        handoff_cancelled: "You cancelled the request to {email}; that link no longer works.",
        handoff_expired: "The link sent to {email} has expired.",
    }
}
