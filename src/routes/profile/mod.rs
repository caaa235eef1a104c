//! The WhatsApp business profile: two form pages and a review, beside a live
//! preview, all saved as drafts while the user types (see `crate::drafts`).

pub mod account;
pub mod contact;
pub mod preview;
pub mod review;

use crate::api::{self, ApiError, Mutation};
use crate::components::error_summary::focus_field;
use crate::drafts::Drafts;
use domain::contract::{paths, ProfileCheck};
use domain::error::{ErrorCode, FieldError};
use domain::idempotency::RetryKey;
use leptos::prelude::*;
use leptos_router::components::{Outlet, Redirect, A};
use leptos_router::hooks::{use_params_map, use_query_map};
use wasm_bindgen::JsCast;

/// The pages in order, by their path segment.
pub const PAGES: [&str; 3] = ["account", "contact", "review"];

/// The draft of the channel in the address, from context.
pub fn use_drafts() -> Drafts {
    expect_context::<Drafts>()
}

/// The frame around the profile pages: the draft, the save status and the preview.
#[component]
pub fn ProfileShell() -> impl IntoView {
    let params = use_params_map();
    let channel = params.read_untracked().get("id").unwrap_or_default();
    let drafts = Drafts::open(channel);
    provide_context(drafts);
    provide_context(preview::LocalPicture(RwSignal::new(None)));
    view! {
        <p><A href="/channels" attr:class="back-link">"Back to WhatsApp channels"</A></p>
        {move || match drafts.load_error.get() {
            Some(e) => view! { <LoadProblem e/> }.into_any(),
            None => view! {
                <div class="profile-layout">
                    <div class="profile-layout__form">
                        <p class="save-status" role="status" aria-live="polite">{move || drafts.status.get().words()}</p>
                        <Outlet/>
                    </div>
                    <aside class="profile-layout__preview" aria-labelledby="preview-title">
                        <preview::Preview/>
                    </aside>
                </div>
            }.into_any(),
        }}
    }
}

#[component]
fn LoadProblem(e: ApiError) -> impl IntoView {
    let (title, body) = match (&e, e.code()) {
        (ApiError::Unauthorized, _) => ("Your session has ended", e.to_string()),
        (_, Some(ErrorCode::NotFound)) => (
            "We could not find this channel",
            "It may belong to another account, or the link is incomplete. Go back to your channels and choose it there.".to_string(),
        ),
        (_, Some(ErrorCode::Forbidden)) => ("You cannot set up this profile yet", e.to_string()),
        _ => ("We could not open the profile", e.to_string()),
    };
    let forbidden = e.code() == Some(ErrorCode::Forbidden);
    view! {
        <h1>{title}</h1>
        <div class="notice notice--error" role="alert"><p>{body}</p></div>
        {forbidden.then(|| view! { <p><A href="/before-you-start">"Check what you need before you start"</A></p> })}
    }
}

/// `/channels/:id/profile`: carries on at the page the user was last on.
#[component]
pub fn Resume() -> impl IntoView {
    let drafts = use_drafts();
    let page = drafts
        .position()
        .0
        .filter(|p| PAGES.contains(&p.as_str()))
        .unwrap_or_else(|| PAGES[0].to_string());
    view! { <Redirect path=page/> }
}

/// Keeps the page and focused field in the mirror, and puts focus back where it
/// was (or on `?focus=`) once the draft is loaded.
pub fn track_position(page: &'static str) {
    let drafts = use_drafts();
    let query = use_query_map();
    drafts.remember_position(page, None);
    let asked = query.read_untracked().get("focus");
    let (last_page, last_field) = drafts.position();
    let target = asked.or(if last_page.as_deref() == Some(page) {
        last_field
    } else {
        None
    });
    Effect::new(move |done: Option<bool>| {
        if done == Some(true) || !drafts.loaded.get() {
            return done.unwrap_or(false);
        }
        if let Some(id) = &target {
            // After the fields have their values.
            let id = id.clone();
            gloo_timers::callback::Timeout::new(0, move || focus_field(&id)).forget();
        }
        true
    });
}

/// Records the focused field when focus moves inside a page's form.
pub fn on_focus(page: &'static str) -> impl Fn(web_sys::FocusEvent) + 'static {
    let drafts = use_drafts();
    move |ev: web_sys::FocusEvent| {
        if let Some(el) = ev
            .target()
            .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
        {
            let id = el.id();
            if domain::draft::FIELDS.contains(&id.as_str()) {
                drafts.remember_position(page, Some(&id));
            }
        }
    }
}

/// Checks a page here, then saves and has the backend check it; the field messages if not.
pub async fn check_page(
    drafts: Drafts,
    page: u8,
    key: StoredValue<RetryKey>,
) -> Result<(), Vec<FieldError>> {
    let local = domain::draft::check_page(&drafts.snapshot(), page);
    if !local.is_empty() {
        return Err(local);
    }
    if let Err(e) = drafts.save().await {
        return Err(vec![FieldError::new("", save_problem(&e))]);
    }
    let path = paths::profile_check(&drafts.channel());
    match api::send::<_, ()>(
        Mutation::Post,
        &path,
        &ProfileCheck { page },
        key,
        Default::default(),
    )
    .await
    {
        Ok(()) => Ok(()),
        Err(ApiError::Validation(b)) if !b.fields.is_empty() => Err(b.fields),
        Err(e) => Err(vec![FieldError::new("", e.to_string())]),
    }
}

fn save_problem(e: &ApiError) -> String {
    match e {
        ApiError::Network | ApiError::Timeout => {
            "We cannot reach the server to check your answers. They are kept on this device and will be saved when the connection is back; then select Next again.".into()
        }
        other => other.to_string(),
    }
}
