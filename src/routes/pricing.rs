//! "WhatsApp pricing": what sessions cost, line by line, in the invoice currency.

use crate::api;
use crate::components::{error_for, ErrorSummary, LoadFailed, SelectField, TextField};
use crate::form_memory::remembered;
use crate::format;
use crate::page::use_title;
use domain::endpoint;
use domain::error::FieldError;
use domain::money::Currency;
use domain::pricing::{estimate, field, Estimate, EstimateInput, RateCard};
use leptos::prelude::*;

/// The pricing page.
#[component]
pub fn Pricing() -> impl IntoView {
    let card = LocalResource::new(|| api::fetch(endpoint::RATE_CARD, &[]));
    let brand = crate::brand::use_brand();
    let rates = move || {
        let url = brand.get().rates_url;
        (!url.is_empty()).then(|| view! {
            <p><a href=url rel="noopener noreferrer" target="_blank">"WhatsApp's rates for each country, and how WhatsApp defines a session (Meta, opens in a new tab)"</a></p>
        })
    };
    view! {
        <h1>"WhatsApp pricing"</h1>
        <div class="prose">
            <p>"You pay per session. A session is WhatsApp's 24-hour customer-service window: it opens when a customer messages you, and for the next 24 hours your agents can reply as often as they need to."</p>
            <p>"Each session costs WhatsApp's rate for user-initiated conversations in the country of your WhatsApp number, plus our CPaaS charge, both in your invoice currency. Meta sets WhatsApp's rates and may change them."</p>
            {rates}
        </div>
        <Transition fallback=|| view! { <p class="loading" role="status">"Loading the rates…"</p> }>
            {move || Suspend::new(async move {
                match card.await {
                    Ok(card) => view! { <Estimator card/> }.into_any(),
                    Err(e) => view! { <LoadFailed what="the rates" error=e retry=Callback::new(move |()| card.refetch())/> }.into_any(),
                }
            })}
        </Transition>
    }
}

#[component]
fn Estimator(card: RateCard) -> impl IntoView {
    let country = remembered("pricing.country");
    let currency = remembered("pricing.currency");
    let sessions = remembered("pricing.sessions");
    let errors = RwSignal::new(Vec::<FieldError>::new());
    let result = RwSignal::new(None::<Estimate>);
    let countries: Vec<(String, String)> = card
        .countries
        .iter()
        .map(|c| (c.code.clone(), c.name.clone()))
        .collect();
    let currencies: Vec<(String, String)> = Currency::ALL
        .iter()
        .map(|c| (c.code().to_string(), c.label().to_string()))
        .collect();
    let effective = card.effective_from.clone();
    let card = StoredValue::new(card);

    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let input = EstimateInput {
            country: country.get_untracked(),
            currency: currency.get_untracked(),
            sessions: sessions.get_untracked(),
        };
        match card.with_value(|c| estimate(c, &input)) {
            Ok(e) => {
                errors.set(Vec::new());
                result.set(Some(e));
            }
            Err(problems) => {
                result.set(None);
                errors.set(problems);
            }
        }
    };
    use_title(
        || "WhatsApp pricing".into(),
        move || errors.with(|e| !e.is_empty()),
    );

    view! {
        <div class="pricing">
            <div class="narrow">
                <ErrorSummary errors=errors/>
                <form novalidate on:submit=on_submit>
                    <SelectField
                        id=field::COUNTRY
                        label="Country"
                        hint="The country of your WhatsApp number."
                        placeholder="Select a country"
                        options=countries
                        value=country
                        error=error_for(errors, field::COUNTRY)
                    />
                    <SelectField
                        id=field::CURRENCY
                        label="Invoice currency"
                        placeholder="Select a currency"
                        options=currencies
                        value=currency
                        error=error_for(errors, field::CURRENCY)
                    />
                    <TextField
                        id=field::SESSIONS
                        label="Sessions per month"
                        hint="A whole number, for example 1000."
                        value=sessions
                        error=error_for(errors, field::SESSIONS)
                        inputmode="numeric"
                        autocomplete="off"
                    />
                    <button type="submit" class="button">"Estimate cost"</button>
                </form>
            </div>
            <div aria-live="polite">
                {move || result.get().map(|e| view! { <Breakdown e/> })}
            </div>
            <p class="hint">"Rates from " {format::iso_date(&effective)} ". Figures marked “example” illustrate the calculation and are not Meta's published rates."</p>
        </div>
    }
}

#[component]
fn Breakdown(e: Estimate) -> impl IntoView {
    let c = e.currency;
    let n = format::count(e.sessions);
    let example = e
        .uses_example_rates
        .then(|| view! { <p class="tag tag--todo">"Uses example rates"</p> });
    view! {
        <section class="estimate" aria-labelledby="estimate-title">
            <h2 id="estimate-title">"Estimated cost per month"</h2>
            {example}
            <table class="breakdown">
                <caption class="visually-hidden">"How the monthly estimate adds up"</caption>
                <thead>
                    <tr><th scope="col">"Item"</th><th scope="col" class="num">"Amount"</th></tr>
                </thead>
                <tbody>
                    <tr>
                        <th scope="row">"WhatsApp: " {n.clone()} " sessions × " {format::rate(&e.whatsapp_rate, c)}</th>
                        <td class="num">{format::money(&e.whatsapp_total, c)}</td>
                    </tr>
                    <tr>
                        <th scope="row">"CPaaS charge: " {n} " sessions × " {format::rate(&e.cpaas_charge, c)}</th>
                        <td class="num">{format::money(&e.cpaas_total, c)}</td>
                    </tr>
                </tbody>
                <tfoot>
                    <tr><th scope="row">"Total"</th><td class="num">{format::money(&e.total, c)}</td></tr>
                </tfoot>
            </table>
            <p>"That is " {format::rate(&e.per_session, c)} " per session. Each line is rounded to the nearest "
                {c.minor_unit_name()} " (halves round up); the total is the sum of the lines."</p>
        </section>
    }
}
