//! "WhatsApp pricing": what sessions cost, and the estimator's messages.

use crate::i18n::texts;

texts! {
    /// The pricing page and its estimator.
    Pricing {
        title: "WhatsApp pricing",
        sessions_explained: "You pay per session. A session is WhatsApp's 24-hour customer-service window: it opens when a customer messages you, and for the next 24 hours your agents can reply as often as they need to.",
        cost_explained: "Each session costs WhatsApp's rate for user-initiated conversations in the country of your WhatsApp number, plus our CPaaS charge, both in your invoice currency. Meta sets WhatsApp's rates and may change them.",
        rates_link: "WhatsApp's rates for each country, and how WhatsApp defines a session (Meta, opens in a new tab)",
        loading: "Loading the rates…",
        load_what: "the rates",
        country: "Country",
        country_hint: "The country of your WhatsApp number.",
        choose_country: "Select a country",
        currency: "Invoice currency",
        choose_currency: "Select a currency",
        sessions: "Sessions per month",
        sessions_hint: "A whole number, for example 1000.",
        estimate: "Estimate cost",
        rates_from: "Rates from {date}. Figures marked “example” illustrate the calculation and are not Meta's published rates.",
        example_rates: "Uses example rates",
        estimate_title: "Estimated cost per month",
        caption: "How the monthly estimate adds up",
        item: "Item",
        amount: "Amount",
        whatsapp_line: "WhatsApp: {sessions} sessions × {rate}",
        cpaas_line: "CPaaS charge: {sessions} sessions × {rate}",
        total: "Total",
        per_session: "That is {rate} per session. Each line is rounded to the nearest {unit} (halves round up); the total is the sum of the lines.",
        gbp: "Pound sterling (GBP)",
        usd: "US dollar (USD)",
        eur: "Euro (EUR)",
        penny: "penny",
        cent: "cent",
        country_missing: "Select the country of your WhatsApp number",
        country_unknown: "Select a country from the list",
        currency_missing: "Select your invoice currency",
        currency_unknown: "Select an invoice currency from the list",
        sessions_missing: "Enter the number of sessions per month, like 1000",
        sessions_negative: "Sessions per month cannot be negative: enter 0 or more",
        sessions_not_whole: "Sessions per month must be a whole number, like 1000",
        sessions_not_number: "Enter sessions per month as a number, like 1000",
        sessions_too_many: "Sessions per month must be {max} or fewer",
        no_rate: "There is no rate for {country} in {currency}: choose another invoice currency",
    }
}
