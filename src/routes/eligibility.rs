//! "Before you start": each precondition for WhatsApp and where it stands.

use crate::api;
use crate::components::{LoadFailed, Notice, NumberRequirements, Tone};
use crate::form::{use_form, Problem};
use crate::format;
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
    use_title(|| "Before you start".into(), || false);
    let loaded = LocalResource::new(|| api::fetch(endpoint::ELIGIBILITY, &[]));
    view! {
        <h1>"Before you start"</h1>
        <p class="lead">"WhatsApp for your contact centre needs four things. Here is where each stands for your account."</p>
        <Transition fallback=|| view! { <p class="loading" role="status">"Checking your account…"</p> }>
            {move || Suspend::new(async move {
                match loaded.await {
                    Ok(e) => view! { <Checks initial=e/> }.into_any(),
                    Err(e) => view! { <LoadFailed what="what your account has" error=e retry=Callback::new(move |()| loaded.refetch())/> }.into_any(),
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
                api::send(endpoint::CONFIRM_FACEBOOK_BUSINESS, &[], &body, fb_key)
                    .await
                    .map_err(Problem::from)
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
            <h2 id="check-licence">"Contact-centre licence " {move || status(licence_ok(), if licence_ok() { "Met" } else { "Not met" })}</h2>
            {move || if licence_ok() {
                view! { <p>"Your licence is " {licence()} ". WhatsApp is included with licences " {WHATSAPP_LICENCES.join(" and ")} "."</p> }.into_any()
            } else {
                view! {
                    <p>"Your licence is " <strong>{licence()}</strong> ". WhatsApp is only available with licences " {WHATSAPP_LICENCES.join(" and ")} ", so you cannot set it up yet."</p>
                    <p>"To get WhatsApp, ask your account manager to upgrade your contact-centre licence to X7 or X8. Once it is upgraded, come back to this page."</p>
                }.into_any()
            }}
        </section>

        <section class="check" aria-labelledby="check-terms">
            <h2 id="check-terms">"Legal terms and conditions " {move || match terms() {
                Terms::Signed => status(true, "Signed").into_any(),
                Terms::Requested { .. } => status(false, "Requested").into_any(),
                Terms::NotRequested => status(false, "Not signed").into_any(),
            }}</h2>
            {move || match terms() {
                Terms::Signed => view! { <p>"Your legal terms for WhatsApp are signed."</p> }.into_any(),
                Terms::Requested { at } => view! {
                    <p>"You asked your sales representative for the terms on " <strong>{format::long_date(at as f64)}</strong> ". They ask the Deal Desk to send them to you to sign; you do not need to ask again."</p>
                }.into_any(),
                Terms::NotRequested => view! {
                    <p>"WhatsApp needs signed legal terms and conditions. Your sales representative asks the Deal Desk to send them to you."</p>
                    {move || licence_ok().then(|| view! {
                        <button type="button" class="button" disabled=move || ask.pending() on:click=move |_| ask.submit(())>
                            {move || if ask.pending() { "Asking…" } else { "Ask my sales representative" }}
                        </button>
                    })}
                }.into_any(),
            }}
        </section>

        <section class="check" aria-labelledby="check-facebook">
            <h2 id="check-facebook">"A Facebook business account, verified by Meta " {move || status(fb(), if fb() { "Confirmed" } else { "Not confirmed" })}</h2>
            <p>"You need a Facebook business account that Meta has verified; you log in with it during the WhatsApp sign-up."</p>
            <p class="disclaimer">"Meta validates the Facebook business account. " {move || brand.get().partner} " is not responsible for whether Meta accepts it, and has no say over WhatsApp's terms."</p>
            <p><a href=META_VERIFY_HELP rel="noopener noreferrer" target="_blank">"How to create and verify a business account (Meta Business Help Centre, opens in a new tab)"</a></p>
            {move || licence_ok().then(|| view! {
                <div class="checkbox">
                    <input
                        type="checkbox"
                        id="facebook-business"
                        prop:checked=fb
                        disabled=move || confirm.pending()
                        on:change:target=move |ev| confirm.submit(ev.target().checked())
                    />
                    <label for="facebook-business">"I have a Facebook business account verified by Meta"</label>
                </div>
                <p class="hint" role="status">{move || if confirm.pending() { "Saving…" } else { "" }}</p>
            })}
        </section>

        <section class="check" aria-labelledby="check-number">
            <h2 id="check-number">"A phone number for WhatsApp"</h2>
            <p>"You choose the number during the sign-up. It must meet these requirements:"</p>
            <NumberRequirements/>
        </section>
    }
}

#[component]
fn Outcome(current: RwSignal<Eligibility>) -> impl IntoView {
    move || {
        let e = current.get();
        if e.can_start() {
            view! {
                <Notice tone=Tone::Success>
                    <h2>"You can start"</h2>
                    <p>"Your account meets every requirement we can check. Make sure your phone number meets the requirements below."</p>
                    <p><A href=Route::NewChannel.href() attr:class="button">"Request a WhatsApp channel"</A></p>
                </Notice>
            }
            .into_any()
        } else {
            let blockers = e.blockers();
            view! {
                <Notice>
                    <h2>{if e.licence_ok() { "Not ready yet" } else { "You cannot set up WhatsApp" }}</h2>
                    <ul class="list">{blockers.into_iter().map(|b| view! { <li>{b}</li> }).collect_view()}</ul>
                </Notice>
            }
            .into_any()
        }
    }
}
