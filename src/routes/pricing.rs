//! "WhatsApp pricing": what sessions cost, line by line, in the invoice currency.

use crate::api;
use crate::components::{error_for, ErrorSummary, LoadFailed, SelectField, TextField};
use crate::form_memory::remembered;
use crate::format;
use crate::i18n::{fill, text};
use crate::page::use_title;
use domain::endpoint;
use domain::error::FieldError;
use domain::money::Currency;
use domain::pricing::{estimate, field, Estimate, EstimateInput, RateCard};
use leptos::prelude::*;

/// The pricing page.
#[component]
pub fn Pricing() -> impl IntoView {
    let t = &text().pricing;
    let card = api::resource(endpoint::RATE_CARD);
    let brand = crate::brand::use_brand();
    let rates = move || {
        let url = brand.get().rates_url;
        (!url.is_empty()).then(|| {
            view! {
                <p><a href=url rel="noopener noreferrer" target="_blank">{t.rates_link}</a></p>
            }
        })
    };
    view! {
        <h1>{t.title}</h1>
        <div class="prose">
            <p>{t.sessions_explained}</p>
            <p>{t.cost_explained}</p>
            {rates}
        </div>
        <Transition fallback=move || view! { <p class="loading" role="status">{t.loading}</p> }>
            {move || Suspend::new(async move {
                match card.await {
                    Ok(card) => view! { <Estimator card/> }.into_any(),
                    Err(e) => view! { <LoadFailed what=t.load_what error=e retry=Callback::new(move |()| card.refetch())/> }.into_any(),
                }
            })}
        </Transition>
    }
}

#[component]
fn Estimator(card: RateCard) -> impl IntoView {
    let t = &text().pricing;
    let country = remembered("pricing.country");
    let currency = remembered("pricing.currency");
    let sessions = remembered("pricing.sessions");
    let errors = RwSignal::new(Vec::<FieldError>::new());
    let result = RwSignal::new(None::<Estimate>);
    let countries: Vec<(String, String)> = card
        .countries
        .iter()
        .map(|c| (c.code.clone(), text().name(&c.name)))
        .collect();
    let currencies: Vec<(String, String)> = Currency::ALL
        .iter()
        .map(|c| (c.code().to_string(), text().currency_label(*c).to_string()))
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
                errors.set(card.with_value(|c| {
                    problems
                        .iter()
                        .map(|(field, p)| FieldError::new(*field, text().pricing_problem(p, c)))
                        .collect()
                }));
            }
        }
    };
    use_title(|| t.title.into(), move || errors.with(|e| !e.is_empty()));

    view! {
        <div class="pricing">
            <div class="narrow">
                <ErrorSummary errors=errors/>
                <form novalidate on:submit=on_submit>
                    <SelectField
                        id=field::COUNTRY
                        label=t.country
                        hint=t.country_hint
                        placeholder=t.choose_country
                        options=countries
                        value=country
                        error=error_for(errors, field::COUNTRY)
                    />
                    <SelectField
                        id=field::CURRENCY
                        label=t.currency
                        placeholder=t.choose_currency
                        options=currencies
                        value=currency
                        error=error_for(errors, field::CURRENCY)
                    />
                    <TextField
                        id=field::SESSIONS
                        label=t.sessions
                        hint=t.sessions_hint
                        value=sessions
                        error=error_for(errors, field::SESSIONS)
                        inputmode="numeric"
                        autocomplete="off"
                    />
                    <button type="submit" class="button">{t.estimate}</button>
                </form>
            </div>
            <div aria-live="polite">
                {move || result.get().map(|e| view! { <Breakdown e/> })}
            </div>
            <p class="hint">{fill(t.rates_from, &[("date", &format::iso_date(&effective))])}</p>
        </div>
    }
}

#[component]
fn Breakdown(e: Estimate) -> impl IntoView {
    let t = &text().pricing;
    let c = e.currency;
    let n = format::count(e.sessions);
    let example = e
        .uses_example_rates
        .then(|| view! { <p class="tag tag--todo">{t.example_rates}</p> });
    let line = |template: &str, rate: &rust_decimal::Decimal| {
        fill(
            template,
            &[("sessions", &n), ("rate", &format::rate(rate, c))],
        )
    };
    view! {
        <section class="estimate" aria-labelledby="estimate-title">
            <h2 id="estimate-title">{t.estimate_title}</h2>
            {example}
            <table class="breakdown">
                <caption class="visually-hidden">{t.caption}</caption>
                <thead>
                    <tr><th scope="col">{t.item}</th><th scope="col" class="num">{t.amount}</th></tr>
                </thead>
                <tbody>
                    <tr>
                        <th scope="row">{line(t.whatsapp_line, &e.whatsapp_rate)}</th>
                        <td class="num">{format::money(&e.whatsapp_total, c)}</td>
                    </tr>
                    <tr>
                        <th scope="row">{line(t.cpaas_line, &e.cpaas_charge)}</th>
                        <td class="num">{format::money(&e.cpaas_total, c)}</td>
                    </tr>
                </tbody>
                <tfoot>
                    <tr><th scope="row">{t.total}</th><td class="num">{format::money(&e.total, c)}</td></tr>
                </tfoot>
            </table>
            <p>{fill(t.per_session, &[("rate", &format::rate(&e.per_session, c)), ("unit", text().minor_unit(c))])}</p>
        </section>
    }
}
