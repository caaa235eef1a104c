//! The WhatsApp business profile: two form pages and a review, beside a live
//! preview, all saved as drafts while the user types (see `crate::drafts`).

#[cfg(feature = "profile-account")]
pub mod account;
#[cfg(feature = "profile-contact")]
pub mod contact;
pub mod preview;
#[cfg(feature = "review")]
pub mod review;

use crate::api::{self, ApiError};
use crate::components::error_summary::focus_field;
use crate::components::picture::LocalPicture;
use crate::components::{Notice, Tone};
use crate::drafts::Drafts;
use crate::form::{use_form, Form, Problem};
use crate::i18n::text;
use crate::nav::{use_go, Href};
use crate::page::use_title;
use crate::reactive::Loaded;
use domain::contract::ProfileCheck;
use domain::eligibility::{Blocker, Eligibility};
use domain::endpoint;
use domain::error::{ErrorCode, FieldError};
use domain::field::{Field, ProfilePage};
use domain::idempotency::RetryKey;
use domain::navigation::{Page, Route, SessionPage};
use domain::problem::FieldProblem;
use domain::profile::ProfileDraft;
use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_query_map;
use wasm_bindgen::JsCast;

/// The draft of the channel in the address, from context.
pub fn use_drafts() -> Drafts {
    expect_context::<Drafts>()
}

/// The account's preconditions for WhatsApp, loaded once for the profile pages.
#[derive(Clone, Copy)]
struct Preconditions(Loaded<Result<Eligibility, ApiError>>);

/// What still stands between the profile and "Continue to Facebook": empty
/// when nothing does, or while it is not known (the backend has the last word
/// when the button is used).
pub fn facebook_blockers() -> Signal<Vec<Blocker>> {
    let Preconditions(loaded) = expect_context();
    Signal::derive(move || match loaded.get() {
        Some(Ok(e)) => e.blockers(),
        _ => Vec::new(),
    })
}

/// The frame around the profile pages: the draft, the save status and the preview.
/// It stays while the user moves between the steps.
#[component]
pub fn ProfileShell(
    /// The channel (`/channels/{id}/profile`).
    channel: String,
    /// The step in the address; none to carry on where the user left off.
    step: Memo<Option<ProfilePage>>,
) -> impl IntoView {
    let drafts = Drafts::open(channel);
    provide_context(drafts);
    provide_context(LocalPicture(RwSignal::new(None)));
    provide_context(Preconditions(api::resource(endpoint::ELIGIBILITY)));
    view! {
        <crate::components::BackToChannels/>
        <SignupGate/>
        {move || match drafts.load_error.get() {
            // An ended session: the session sends the user to log in and back.
            Some(e) if e.handled_elsewhere() => ().into_any(),
            Some(e) => view! { <LoadProblem e/> }.into_any(),
            None => view! {
                <div class="profile-layout">
                    <div class="profile-layout__form">
                        <p class="save-status" role="status" aria-live="polite">{move || drafts.status.get().words()}</p>
                        {move || match step.get() {
                            None => view! { <Resume/> }.into_any(),
                            #[cfg(feature = "profile-account")]
                            Some(ProfilePage::Account) => view! { <account::AccountPage/> }.into_any(),
                            #[cfg(feature = "profile-contact")]
                            Some(ProfilePage::Contact) => view! { <contact::ContactPage/> }.into_any(),
                            #[cfg(feature = "review")]
                            Some(ProfilePage::Review) => view! { <review::ReviewPage/> }.into_any(),
                            // Not drawn: `has_page` handed it over.
                            #[allow(unreachable_patterns)]
                            Some(_) => ().into_any(),
                        }}
                    </div>
                    // A named region, not an <aside>: inside a host page's landmark a
                    // complementary landmark would not be top level (axe).
                    <section class="profile-layout__preview" aria-labelledby="preview-title">
                        <preview::Preview/>
                    </section>
                </div>
            }.into_any(),
        }}
    }
}

/// At the top of every profile page, before anything is typed: what the account
/// still needs before it can continue to Facebook. The profile can be filled
/// in and saved meanwhile; only "Continue to Facebook" waits for it.
#[component]
fn SignupGate() -> impl IntoView {
    let t = text();
    let blockers = facebook_blockers();
    move || {
        let list = blockers.get();
        (!list.is_empty()).then(|| {
            view! {
                <Notice>
                    <h2>{t.profile.gate_title}</h2>
                    <p>{t.profile.gate_body}</p>
                    <ul class="list">{list.into_iter().map(|b| view! { <li>{t.blocker(b)}</li> }).collect_view()}</ul>
                    <p><A href=Route::BeforeYouStart.href()>{t.common.check_before_you_start}</A></p>
                </Notice>
            }
        })
    }
}

#[component]
fn LoadProblem(e: ApiError) -> impl IntoView {
    let t = text();
    let (title, body) = match e.code() {
        Some(ErrorCode::NotFound) => (
            t.profile.not_found_title,
            t.profile.not_found_body.to_string(),
        ),
        Some(ErrorCode::Forbidden) => (t.profile.forbidden_title, e.to_string()),
        _ => (t.profile.open_failed_title, e.to_string()),
    };
    let forbidden = e.code() == Some(ErrorCode::Forbidden);
    view! {
        <h1>{title}</h1>
        <Notice tone=Tone::Error><p>{body}</p></Notice>
        {forbidden.then(|| view! { <p><A href=Route::BeforeYouStart.href()>{t.common.check_before_you_start}</A></p> })}
    }
}

/// `/channels/{id}/profile`: carries on at the page the user was last on.
///
/// Not while drawing: the move that drew this page puts its address in the
/// history only once the page is drawn, so a move from here would take the place
/// of the page the user came from (Back would skip the channels). And only if the
/// address is still this profile's: drawn again on the way out (the step is none
/// there too), it must not bring the user back.
#[component]
fn Resume() -> impl IntoView {
    let drafts = use_drafts();
    let page = drafts.position().0.unwrap_or(ProfilePage::Account);
    let channel = drafts.channel();
    let go = use_go();
    let location = leptos_router::hooks::use_location();
    set_timeout(
        move || {
            let here = Page::Session(SessionPage::Profile {
                channel: channel.clone(),
                step: None,
            });
            let still_here = location
                .pathname
                .try_with_untracked(|path| Page::parse(crate::host::inside(path)) == here);
            if still_here == Some(true) {
                go.replace(Route::ProfileStep {
                    channel: &channel,
                    page,
                    focus: None,
                });
            }
        },
        std::time::Duration::ZERO,
    );
}

/// Keeps the page and focused field in the mirror, and puts focus back where it
/// was (or on `?focus=`) once the draft is loaded. Returns whether the page was
/// opened at one answer to change it (`?focus=`, a Change link).
pub fn track_position(page: ProfilePage) -> bool {
    let drafts = use_drafts();
    let query = use_query_map();
    // Where the user was before this page is remembered: their field goes back to
    // them only on the page they were on (after a reload), not on the next one.
    let (last_page, last_field) = drafts.position();
    drafts.remember_position(page, None);
    let asked = query
        .read_untracked()
        .get("focus")
        .and_then(|f| Field::from_name(&f));
    let target = asked.or(if last_page == Some(page) {
        last_field
    } else {
        None
    });
    crate::reactive::effect_until(move || {
        if !drafts.loaded.get() {
            return false;
        }
        if let Some(f) = target {
            // After the fields have their values; not if the user is already in a field.
            gloo_timers::callback::Timeout::new(0, move || {
                if !crate::host::field_focused() {
                    focus_field(f.name())
                }
            })
            .forget();
        }
        true
    });
    asked.is_some()
}

/// Records the focused field when focus moves inside a page's form.
pub fn on_focus(page: ProfilePage) -> impl Fn(web_sys::FocusEvent) + 'static {
    let drafts = use_drafts();
    move |ev: web_sys::FocusEvent| {
        if let Some(el) = ev
            .target()
            .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
        {
            if let Some(f) = Field::from_name(&el.id()) {
                drafts.remember_position(page, Some(f));
            }
        }
    }
}

/// What a field calls when the user changes it: keep and save it in the draft.
pub fn edit(drafts: Drafts, field: Field) -> Callback<String> {
    Callback::new(move |v: String| drafts.edit(field, v))
}

/// The checks of one step, here in the browser (`domain::draft::account_problems`
/// and so on): each page names its own, so a build with one page has no code of
/// the other's (page 1's are 4.6 KB brotli: the business name's rules, the phone's).
pub type Checks = fn(&ProfileDraft) -> Vec<FieldProblem>;

/// The form of a profile page titled `title`: "Next" checks the page (here with
/// `checks`, then saved, by the backend) and goes on to the next step.
pub fn use_page(page: ProfilePage, checks: Checks, title: &'static str) -> Form<(), ()> {
    let drafts = use_drafts();
    let go = use_go();
    let key = StoredValue::new(RetryKey::default());
    // Opened at one answer to change it (a Change link's `?focus=`): Next goes back
    // to the review, where any answer still missing is shown and linked.
    let changing = track_position(page);
    let form = use_form(
        move |_: &()| async move { check_page(drafts, page, checks, key).await },
        move |()| {
            let next = if changing {
                Some(ProfilePage::Review)
            } else {
                page.next()
            };
            if let Some(next) = next {
                let channel = drafts.channel();
                let to = Route::ProfileStep {
                    channel: &channel,
                    page: next,
                    focus: None,
                };
                go.to(to);
            }
        },
    );
    use_title(move || title.to_string(), move || form.has_errors());
    form
}

/// Checks a page here with `checks`, then saves and has the backend check it; the
/// field messages if not.
pub async fn check_page(
    drafts: Drafts,
    page: ProfilePage,
    checks: Checks,
    key: StoredValue<RetryKey>,
) -> Result<(), Problem> {
    let local = checks(&drafts.snapshot());
    if !local.is_empty() {
        return Err(Problem::Fields(text().field_errors(local)));
    }
    if let Err(e) = drafts.save().await {
        if e.handled_elsewhere() {
            return Err(Problem::Api(e));
        }
        return Err(Problem::Fields(vec![FieldError::new("", save_problem(&e))]));
    }
    let channel = drafts.channel();
    api::send(
        endpoint::CHECK_PROFILE,
        &[&channel],
        &ProfileCheck { page },
        key,
    )
    .await
    .map_err(Problem::from)
}

fn save_problem(e: &ApiError) -> String {
    match e {
        ApiError::Network | ApiError::Timeout => text().profile.save_unreachable.into(),
        other => other.to_string(),
    }
}
