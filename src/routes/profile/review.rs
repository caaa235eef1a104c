//! Step 3: check every answer, with links back to change it, and confirm the
//! business name, which cannot be changed afterwards.

use super::{check_page, track_position, use_drafts};
use crate::api::{self, ApiError, Mutation};
use crate::components::ErrorSummary;
use crate::page::use_title;
use domain::contract::{paths, ProfileCompletion};
use domain::draft::DraftState;
use domain::error::FieldError;
use domain::idempotency::RetryKey;
use domain::profile::{field, label, Category};
use leptos::prelude::*;
use leptos_router::components::A;

/// The id of the confirmation checkbox, for the error summary's link.
const CONFIRM: &str = "confirm_business_name";

/// The review page.
#[component]
pub fn ReviewPage() -> impl IntoView {
    let drafts = use_drafts();
    let errors = RwSignal::new(Vec::<FieldError>::new());
    let confirmed = RwSignal::new(false);
    let check_key = StoredValue::new(RetryKey::default());
    let complete_key = StoredValue::new(RetryKey::default());
    track_position("review");
    use_title(
        || "Check your profile".into(),
        move || errors.with(|e| !e.is_empty()),
    );

    let confirm = Action::new_local(move |_: &()| async move {
        check_page(drafts, 0, check_key).await?;
        let body = ProfileCompletion {
            confirmed_business_name: drafts.snapshot().tidied().business_name,
        };
        let path = paths::profile_complete(&drafts.channel());
        match api::send::<_, DraftState>(
            Mutation::Post,
            &path,
            &body,
            complete_key,
            Default::default(),
        )
        .await
        {
            Ok(state) => Ok(state),
            Err(e) => Err(match e.body() {
                Some(b) if !b.fields.is_empty() => b.fields.clone(),
                _ if e == ApiError::Unauthorized => Vec::new(),
                _ => vec![FieldError::new("", e.to_string())],
            }),
        }
    });
    Effect::new(move |_| match confirm.value().get() {
        Some(Ok(state)) => {
            errors.set(Vec::new());
            drafts.complete.set(state.complete);
        }
        Some(Err(e)) => errors.set(e),
        None => {}
    });
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if confirm.pending().get_untracked() {
            return;
        }
        if !confirmed.get_untracked() {
            errors.set(vec![FieldError::new(
                CONFIRM,
                "Confirm the business name, or change it before you continue",
            )]);
            return;
        }
        confirm.dispatch(());
    };

    let channel = drafts.channel();
    let change = move |f: &'static str, page: &'static str| {
        format!("/channels/{channel}/profile/{page}?focus={f}")
    };
    let value = move |f: &'static str| move || drafts.value(f).get();
    let category = move || {
        Category::from_code(&drafts.value(field::CATEGORY).get())
            .map(Category::label)
            .unwrap_or_default()
            .to_string()
    };
    let phone = move || {
        drafts
            .phone_e164()
            .unwrap_or_else(|| drafts.value(field::PHONE_NUMBER).get())
    };
    let picture = move || {
        if drafts.value(field::PICTURE_ID).get().is_empty() {
            "No picture"
        } else {
            "Uploaded"
        }
        .to_string()
    };
    type Row = (
        &'static str,
        &'static str,
        &'static str,
        Box<dyn Fn() -> String + Send + Sync>,
    );
    let rows: Vec<Row> = vec![
        (
            label::CHANNEL_NAME,
            field::CHANNEL_NAME,
            "account",
            Box::new(value(field::CHANNEL_NAME)),
        ),
        (
            label::PHONE_NUMBER,
            field::PHONE_NUMBER,
            "account",
            Box::new(phone),
        ),
        (
            label::BUSINESS_NAME,
            field::BUSINESS_NAME,
            "account",
            Box::new(value(field::BUSINESS_NAME)),
        ),
        (
            label::CATEGORY,
            field::CATEGORY,
            "account",
            Box::new(category),
        ),
        (
            label::TAGLINE,
            field::TAGLINE,
            "account",
            Box::new(value(field::TAGLINE)),
        ),
        (
            label::DESCRIPTION,
            field::DESCRIPTION,
            "account",
            Box::new(value(field::DESCRIPTION)),
        ),
        (
            label::CONTACT_EMAIL,
            field::CONTACT_EMAIL,
            "contact",
            Box::new(value(field::CONTACT_EMAIL)),
        ),
        (
            label::WEBSITE,
            field::WEBSITE,
            "contact",
            Box::new(value(field::WEBSITE)),
        ),
        (
            label::PICTURE,
            field::PICTURE_ID,
            "contact",
            Box::new(picture),
        ),
        (
            label::ADDRESS,
            field::ADDRESS,
            "contact",
            Box::new(value(field::ADDRESS)),
        ),
    ];

    view! {
        <ErrorSummary errors=errors/>
        <p class="caption">"Step 3 of 3"</p>
        <h1>"Check your profile"</h1>
        <section aria-label="Your answers">
        <dl class="summary-list">
            {rows.into_iter().map(|(name, f, page, get)| {
                let locked = move || f == field::BUSINESS_NAME && drafts.complete.get();
                let href = change(f, page);
                view! {
                    <div class="summary-list__row">
                        <dt class="summary-list__key">{name}</dt>
                        <dd class="summary-list__value">{get}</dd>
                        <dd class="summary-list__actions">
                            {move || (!locked()).then(|| view! {
                                <A href=href.clone()>"Change"<span class="visually-hidden">" " {name.to_lowercase()}</span></A>
                            })}
                        </dd>
                    </div>
                }
            }).collect_view()}
        </dl>
        </section>
        {move || if drafts.complete.get() {
            view! { <ContinueToFacebook/> }.into_any()
        } else {
            view! {
                <form novalidate on:submit=on_submit>
                    <div class="field" class:field--error=move || errors.with(|e| e.iter().any(|f| f.field == CONFIRM))>
                        <h2>"Your business name cannot be changed later"</h2>
                        <p>"WhatsApp shows it to every customer, and once your channel is set up it stays as it is."</p>
                        {move || errors.with(|e| e.iter().find(|f| f.field == CONFIRM).map(|f| f.message.clone())).map(|m| view! {
                            <p class="error-message" id="confirm_business_name-error"><span class="visually-hidden">"Error: "</span>{m}</p>
                        })}
                        <div class="checkbox">
                            <input type="checkbox" id=CONFIRM prop:checked=confirmed on:change:target=move |ev| confirmed.set(ev.target().checked())
                                aria-describedby=move || errors.with(|e| e.iter().any(|f| f.field == CONFIRM)).then_some("confirm_business_name-error")/>
                            <label for=CONFIRM>"I confirm my business name is “" {value(field::BUSINESS_NAME)} "” and understand it cannot be changed"</label>
                        </div>
                    </div>
                    <button type="submit" class="button" aria-disabled=move || confirm.pending().get().then_some("true")>
                        {move || if confirm.pending().get() { "Confirming…" } else { "Confirm profile" }}
                    </button>
                </form>
            }.into_any()
        }}
    }
}

/// "Continue to Facebook": enabled once the profile is confirmed and every change is saved.
#[component]
fn ContinueToFacebook() -> impl IntoView {
    let drafts = use_drafts();
    let key = StoredValue::new(RetryKey::default());
    let leave =
        Action::new_local(move |_: &()| crate::signup::leave_for_facebook(drafts.channel(), key));
    let problem = move || match leave.value().get() {
        Some(Err(crate::signup::LeaveError::Api(ApiError::Unauthorized))) | Some(Ok(())) | None => {
            None
        }
        Some(Err(e)) => Some(e.to_string()),
    };
    let saved = move || {
        drafts.status.get() != crate::drafts::SaveStatus::Saving && !drafts.has_unsaved_tracked()
    };
    let busy = move || leave.pending().get() || matches!(leave.value().get(), Some(Ok(())));
    view! {
        <div class="notice notice--success" role="status">
            <h2>"Profile confirmed"</h2>
            <p>"Your business name is set. Next, connect WhatsApp through Facebook: you log in with your Facebook business account, confirm your business details and verify the phone number with a one-time code."</p>
        </div>
        {move || problem().map(|p| view! { <div class="notice notice--error" role="alert"><p>{p}</p></div> })}
        {move || (!saved()).then(|| view! { <p class="hint">"Saving your latest changes first…"</p> })}
        <button
            type="button"
            class="button"
            disabled=move || !saved() || busy()
            on:click=move |_| { leave.dispatch(()); }
        >
            {move || if busy() { "Opening Facebook…" } else { "Continue to Facebook" }}
        </button>
        <p class="hint">"You will leave this site for Facebook and come back here when you finish."</p>
    }
}
