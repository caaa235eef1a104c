//! "Before you start": each precondition for WhatsApp and where it stands.

use crate::api;
use crate::components::{LoadFailed, Notice, NumberRequirements, Tone};
use crate::form::{use_form, Problem};
use crate::format;
use crate::i18n::{fill, split, text};
use crate::nav::Href;
use crate::page::use_title;
use domain::eligibility::{Eligibility, FacebookBusinessConfirmation, Terms, WHATSAPP_LICENCES};
use domain::endpoint;
use domain::idempotency::RetryKey;
use domain::navigation::Route;
use leptos::prelude::*;
use leptos_router::components::A;

/// Meta's help page on creating and verifying a business account.
pub const META_VERIFY_HELP: &str = "https://www.facebook.com/business/help/2058515294227817";

/// The "Before you start" page.
#[component]
pub fn BeforeYouStart() -> impl IntoView {
    let t = &text().eligibility;
    use_title(|| t.title.into(), || false);
    let loaded = api::resource(endpoint::ELIGIBILITY);
    view! {
        <h1>{t.title}</h1>
        <p class="lead">{t.lead}</p>
        <Transition fallback=move || view! { <p class="loading" role="status">{t.checking}</p> }>
            {move || Suspend::new(async move {
                match loaded.await {
                    Ok(e) => view! { <Checks initial=e/> }.into_any(),
                    Err(e) => view! { <LoadFailed what=t.load_what error=e retry=Callback::new(move |()| loaded.refetch())/> }.into_any(),
                }
            })}
        </Transition>
    }
}

fn status(met: bool, label: &'static str) -> impl IntoView {
    view! { <strong class="tag" class:tag--met=met class:tag--todo=!met>{label}</strong> }
}

#[component]
fn Checks(initial: Eligibility) -> impl IntoView {
    let t = &text().eligibility;
    let licences = |template: &'static str| {
        fill(
            template,
            &[
                ("first", WHATSAPP_LICENCES[0]),
                ("second", WHATSAPP_LICENCES[1]),
            ],
        )
    };
    let included = licences(text().common.two_and);
    let either = licences(text().common.two_or);
    let (disclaimer_before, disclaimer_after) = split(t.disclaimer, "partner");
    let brand = crate::brand::use_brand();
    let current = RwSignal::new(initial);
    let terms_key = StoredValue::new(RetryKey::default());
    let fb_key = StoredValue::new(RetryKey::default());
    let ask = use_form(
        move |_: &()| async move {
            api::send(endpoint::REQUEST_TERMS, &[], &(), terms_key)
                .await
                .map_err(Problem::from)
        },
        move |e| current.set(e),
    );
    let confirm = use_form(
        move |confirmed: &bool| {
            let body = FacebookBusinessConfirmation {
                confirmed: *confirmed,
            };
            async move {
                let answer =
                    api::send(endpoint::CONFIRM_FACEBOOK_BUSINESS, &[], &body, fb_key).await;
                if answer.as_ref().is_err_and(|e| !e.handled_elsewhere()) {
                    // Not saved: the box goes back to what the backend holds (the browser
                    // ticked it already), so it never shows a choice that did not count.
                    current.notify();
                }
                answer.map_err(Problem::from)
            }
        },
        move |e| current.set(e),
    );
    let problem = move || ask.message().or_else(|| confirm.message());

    let licence = move || current.with(|e| e.licence.clone());
    let licence_ok = move || current.with(Eligibility::licence_ok);
    let terms = move || current.with(|e| e.terms);
    let fb = move || current.with(|e| e.facebook_business_confirmed);

    view! {
        {move || problem().map(|p| view! { <Notice tone=Tone::Error><p>{p}</p></Notice> })}
        <Outcome current/>

        <section class="check" aria-labelledby="check-licence">
            <h2 id="check-licence">{t.licence_heading} " " {move || status(licence_ok(), if licence_ok() { t.met } else { t.not_met })}</h2>
            {move || if licence_ok() {
                view! { <p>{fill(t.licence_included, &[("licence", &licence()), ("licences", &included)])}</p> }.into_any()
            } else {
                let rest = fill(t.licence_missing, &[("licences", &included)]);
                view! {
                    <p>{split(t.licence_missing, "licence").0}<strong>{licence()}</strong>{split(&rest, "licence").1.to_string()}</p>
                    <p>{fill(t.licence_upgrade, &[("licences", &either)])}</p>
                }.into_any()
            }}
        </section>

        <section class="check" aria-labelledby="check-terms">
            <h2 id="check-terms">{t.terms_heading} " " {move || match terms() {
                Terms::Signed => status(true, t.signed).into_any(),
                Terms::Requested { .. } => status(false, t.requested).into_any(),
                Terms::NotRequested => status(false, t.not_signed).into_any(),
            }}</h2>
            {move || match terms() {
                Terms::Signed => view! { <p>{t.terms_signed}</p> }.into_any(),
                Terms::Requested { at } => view! {
                    <p>{split(t.terms_requested, "date").0}<strong>{format::long_date(at as f64)}</strong>{split(t.terms_requested, "date").1}</p>
                }.into_any(),
                Terms::NotRequested => view! {
                    <p>{t.terms_needed}</p>
                    {move || licence_ok().then(|| view! {
                        <button type="button" class="button" aria-disabled=move || ask.pending().then_some("true") on:click=move |_| ask.submit(())>
                            {move || if ask.pending() { t.asking } else { t.ask }}
                        </button>
                    })}
                }.into_any(),
            }}
        </section>

        <section class="check" aria-labelledby="check-facebook">
            <h2 id="check-facebook">{t.facebook_heading} " " {move || status(fb(), if fb() { t.confirmed } else { t.not_confirmed })}</h2>
            <p>{t.facebook_needed}</p>
            <p class="disclaimer">{disclaimer_before}{move || brand.get().partner}{disclaimer_after}</p>
            <p><a href=META_VERIFY_HELP rel="noopener noreferrer" target="_blank">{t.verify_help}</a></p>
            {move || licence_ok().then(|| view! {
                <div class="checkbox">
                    <input
                        type="checkbox"
                        id="facebook-business"
                        prop:checked=fb
                        // Not `disabled` while it saves: a disabled box loses the
                        // keyboard's focus. A click meanwhile changes nothing.
                        aria-disabled=move || confirm.pending().then_some("true")
                        on:click=move |ev| if untrack(|| confirm.pending()) { ev.prevent_default() }
                        on:change:target=move |ev| confirm.submit(ev.target().checked())
                    />
                    <label for="facebook-business">{t.facebook_checkbox}</label>
                </div>
                <p class="hint" role="status">{move || if confirm.pending() { text().common.saving } else { "" }}</p>
            })}
        </section>

        <section class="check" aria-labelledby="check-number">
            <h2 id="check-number">{t.number_heading}</h2>
            <p>{t.number_intro}</p>
            <NumberRequirements/>
        </section>
    }
}

#[component]
fn Outcome(current: RwSignal<Eligibility>) -> impl IntoView {
    let t = &text().eligibility;
    move || {
        let e = current.get();
        if e.can_start() {
            view! {
                <Notice tone=Tone::Success>
                    <h2>{t.can_start}</h2>
                    <p>{t.can_start_body}</p>
                    <p><A href=Route::NewChannel.href() attr:class="button">{text().channels.request}</A></p>
                </Notice>
            }
            .into_any()
        } else {
            let blockers = e.blockers();
            view! {
                <Notice>
                    <h2>{if e.licence_ok() { t.not_ready } else { t.cannot_start }}</h2>
                    <ul class="list">{blockers.into_iter().map(|b| view! { <li>{text().blocker(b)}</li> }).collect_view()}</ul>
                </Notice>
            }
            .into_any()
        }
    }
}
