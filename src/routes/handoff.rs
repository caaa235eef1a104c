//! `/handoff#{token}`: the page a colleague opens from the owner's email to do
//! the Facebook step. The token is in the fragment, so it never reaches a
//! server's logs or a `Referer`, and it leaves the address bar at once. Opening
//! it starts a session that can do this one step and nothing else; a reload
//! finds the hand-off again through that session, and another link pasted
//! into the same tab is opened in its place.

use crate::api::{self, ApiError, Options};
use crate::components::{FacebookButton, Notice, Tone};
use crate::i18n::{fill, text};
use crate::page::use_title;
use crate::reactive::Loaded;
use crate::session::use_session;
use domain::endpoint;
use domain::field::Field;
use domain::handoff::{token_from_fragment, HandoffOpen, HandoffView, PAGE};
use domain::idempotency::RetryKey;
use leptos::prelude::*;

/// The colleague's page.
#[component]
pub fn HandoffPage() -> impl IntoView {
    let session = use_session();
    // The token, taken out of the address bar at once.
    let read = || {
        let token = window()
            .location()
            .hash()
            .ok()
            .and_then(|h| token_from_fragment(&h).map(str::to_string));
        if token.is_some() {
            if let Ok(h) = window().history() {
                let _ = h.replace_state_with_url(
                    &wasm_bindgen::JsValue::NULL,
                    "",
                    Some(&crate::host::href(PAGE)),
                );
            }
        }
        token
    };
    let token = RwSignal::new(read());
    // Another link pasted into this tab changes only the fragment: open that one.
    crate::listen::listen(&window(), "hashchange", move |_: web_sys::Event| {
        if let Some(t) = read() {
            token.set(Some(t));
        }
    });
    let key = StoredValue::new(RetryKey::default());
    let opened = Loaded::new(move || {
        let token = token.get();
        async move {
            let view = match token {
                Some(token) => {
                    api::send_with(
                        endpoint::OPEN_HANDOFF,
                        &[],
                        &HandoffOpen { token },
                        key,
                        Options::PUBLIC,
                    )
                    .await?
                }
                None => api::fetch_with(endpoint::CURRENT_HANDOFF, &[], Options::PUBLIC).await?,
            };
            let info = api::fetch_with(endpoint::SESSION, &[], Options::PUBLIC).await?;
            session.logged_in(info);
            Ok::<HandoffView, ApiError>(view)
        }
    });
    let t = &text().facebook;
    view! {
        <div class="narrow">
            <Transition fallback=move || view! { <p class="loading" role="status">{t.handoff_checking}</p> }>
                {move || Suspend::new(async move {
                    match opened.await {
                        Ok(v) => view! { <Asked v/> }.into_any(),
                        Err(e @ (ApiError::Network | ApiError::Timeout | ApiError::Server { .. })) => {
                            use_title(move || t.handoff_unchecked.into(), || true);
                            view! {
                                <h1>{t.handoff_unchecked}</h1>
                                <Notice tone=Tone::Error retry=Callback::new(move |()| opened.refetch())>
                                    <p>{e.to_string()}</p>
                                </Notice>
                            }.into_any()
                        }
                        Err(e) => {
                            // Used, expired, replaced, cancelled or unknown: the
                            // backend's words explain which, and nothing is offered.
                            use_title(move || t.handoff_unusable_title.into(), || true);
                            let why = if e.body().is_some() { e.to_string() } else { t.handoff_reopen.to_string() };
                            view! {
                                <h1>{t.handoff_unusable_title}</h1>
                                <Notice tone=Tone::Error><p>{why}</p></Notice>
                            }.into_any()
                        }
                    }
                })}
            </Transition>
        </div>
    }
}

/// Who asked, and what the colleague will confirm at Facebook.
#[component]
fn Asked(v: HandoffView) -> impl IntoView {
    let all = text();
    let t = &all.facebook;
    let title = fill(t.handoff_title, &[("business", &v.business_name)]);
    use_title(
        {
            let title = title.clone();
            move || title.clone()
        },
        || false,
    );
    let until = crate::components::handoff_panel::when(v.expires_at);
    let channel = v.channel_id.clone();
    view! {
        <h1>{title}</h1>
        <p>{fill(t.handoff_asked, &[("who", &v.requested_by), ("account", &v.account_name)])}</p>
        {v.message.clone().map(|m| view! {
            <h2>{t.handoff_their_message}</h2>
            <blockquote class="quote">{m}</blockquote>
        })}
        <h2>{t.handoff_details}</h2>
        <dl class="summary-list">
            <div class="summary-list__row"><dt class="summary-list__key">{all.field_label(Field::BusinessName)}</dt><dd class="summary-list__value">{v.business_name.clone()}</dd></div>
            <div class="summary-list__row"><dt class="summary-list__key">{all.field_label(Field::PhoneNumber)}</dt><dd class="summary-list__value">{v.shown_phone().to_string()}</dd></div>
            <div class="summary-list__row"><dt class="summary-list__key">{all.field_label(Field::Description)}</dt><dd class="summary-list__value">{all.answer(v.description.clone())}</dd></div>
        </dl>
        <p>{fill(t.handoff_until, &[("when", &until)])}</p>
        <FacebookButton
            channel=Signal::derive(move || channel.clone())
            disabled=Signal::derive(|| false)
            for_colleague=true
        />
    }
}
