//! Chat Apps > Channels > WhatsApp, and requesting a channel.

use crate::i18n::texts;

texts! {
    /// The channels page: the list, each channel's timeline, the numbers.
    Channels {
        breadcrumb: "Breadcrumb",
        crumb_chat_apps: "Chat Apps",
        crumb_channels: "Channels",
        crumb_whatsapp: "WhatsApp",
        title: "WhatsApp channels",
        title_ready_one: "Ready: {name} – WhatsApp channels",
        title_ready_many: "Ready: {count} channels – WhatsApp channels",
        request: "Request a WhatsApp channel",
        ready_now: "{name} is ready: WhatsApp conversations now reach your agents.",
        loading: "Loading your channels…",
        none_yet: "You have no WhatsApp channels yet. Request one: give it a name and the routing script its conversations will use.",
        requested_title: "Channel requested",
        requested_body: "{name} is requested and shows as Pending. Its request reference is {reference}.",
        load_what: "your channels",
        refresh_failed: "We could not check your channels for changes. {error} We will try again.",
        before_title: "Before you start",
        before_intro: "Check what WhatsApp needs before you set up a channel:",
        filters: "Channels",
        search: "Search channels",
        search_hint: "By channel name, number or request reference.",
        state: "State",
        all_states: "All states",
        showing: "Showing {shown} of {count} matching channels",
        matching: "{count} of {total} channels match",
        no_match: "No channel matches. Try another search or state.",
        show_more: "Show more channels",
        number: "WhatsApp number",
        routing_script: "Routing script",
        reference: "Request reference",
        requested: "Requested",
        note_requested: "Requested in the {manager}. Support can tell you where this request stands: quote reference {reference}.",
        note_activating: "We are activating the number. {activation}",
        ready_by: "Ready by {date}.",
        note_ready: "Ready: WhatsApp conversations reach your agents.",
        activation_time: "Activation can take up to 3 working days.",
        for_channel: " for {name}",
        progress: "Progress",
        step_done: " (done)",
        step_current: " (current step)",
        step_to_do: " (to do)",
        next_set_up: "Set up the WhatsApp profile",
        next_continue: "Continue the WhatsApp profile",
        next_facebook: "Continue to Facebook",
        next_choose_number: "Choose the number for this channel",
        numbers_title: "Your WhatsApp numbers",
        number_row: "{number} – {business}",
        number_linked: " (linked to a channel)",
        number_not_linked: " (not linked yet)",
    }
}

texts! {
    /// "Request a WhatsApp channel": the Configuration Manager's form.
    Request {
        title: "Request a WhatsApp channel",
        intro: "As in the {manager}: name the channel and choose the routing script that sends its WhatsApp conversations to your agents. The channel shows as Pending until you finish setting it up.",
        checking: "Checking your account…",
        account_what: "what your account has",
        scripts_what: "your routing scripts",
        name_hint: "How the channel is identified in your contact centre, for example Customer Support. Each channel needs its own name.",
        script_hint: "The script that routes this channel's WhatsApp conversations to your agents.",
        loading_scripts: "Loading routing scripts…",
        choose_script: "Select a routing script",
        requesting: "Requesting…",
        request: "Request channel",
        not_yet: "You cannot request a channel yet",
        refusal_licence: "Your contact-centre licence ({licence}) does not include WhatsApp. WhatsApp needs licence {licences}: ask your account manager about upgrading.",
        refusal_terms: "You cannot request a WhatsApp channel until your legal terms and conditions for WhatsApp are signed. Your sales representative asks the Deal Desk to send them to you to sign.",
    }
}
