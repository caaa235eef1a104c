//! The business-profile draft in the browser: every field saved as the user
//! types (debounced) to the backend and mirrored in local storage, so a reload,
//! a closed tab, a lost connection or an ended session loses nothing.
//!
//! The mirror holds profile text, a phone number and a picture id: nothing
//! secret (no password, token or session data ever goes into it).
//!
//! Loads and saves run under the profile's reactive owner: when the user leaves
//! the profile they stop and their requests are aborted, and a value not yet on
//! the backend stays marked in the mirror, so it is saved the next time the
//! profile opens. Nothing runs after the profile's signals are gone.
//!
//! Conflicts: saves are per-field patches and the backend keeps the last write
//! of each field, so two tabs editing different fields both keep their work;
//! edits to the same field end with the later save. Tabs see each other's
//! edits through the mirror's `storage` events.

mod mirror;

use crate::api::{self, ApiError};
use domain::draft::{DraftPatch, DraftState};
use domain::endpoint;
use domain::field::{Field, FieldSet, ProfilePage};
use domain::idempotency::RetryKey;
use domain::profile::ProfileDraft;
use futures_channel::oneshot;
use leptos::prelude::*;
use mirror::{mirror_key, read_mirror, write_mirror, Mirror};

pub use mirror::{forget, forget_all, forget_others};

/// Quiet time after the last keystroke before saving.
const DEBOUNCE_MS: u32 = 600;
/// Waits between retries while the backend cannot be reached.
const RETRY_MS: [u32; 5] = [2_000, 4_000, 8_000, 15_000, 30_000];

/// Where saving stands, for the status line.
#[derive(Debug, Clone, PartialEq)]
pub enum SaveStatus {
    /// Nothing changed yet.
    Idle,
    /// Changes wait for the user to pause typing, or are on their way.
    Saving,
    /// Everything typed is on the backend.
    Saved,
    /// The backend cannot be reached; changes are kept here and retried.
    Offline,
    /// The backend failed (5xx); changes are kept here and retried.
    Retrying,
    /// The session ended; changes are kept and saved after logging in.
    LoggedOut,
    /// The backend refused the change.
    Failed(String),
}

impl SaveStatus {
    /// The words the status line shows, in the app's locale.
    pub fn words(&self) -> String {
        let t = &crate::i18n::text().errors;
        match self {
            Self::Idle => String::new(),
            Self::Saving => t.save_saving.into(),
            Self::Saved => t.save_saved.into(),
            Self::Offline => t.save_offline.into(),
            Self::Retrying => t.save_retrying.into(),
            Self::LoggedOut => t.save_logged_out.into(),
            Self::Failed(m) => crate::i18n::fill(t.save_failed, &[("message", m)]),
        }
    }
}

/// The draft of one channel's profile, shared by the profile pages as context.
#[derive(Clone, Copy)]
pub struct Drafts {
    channel: StoredValue<String>,
    values: [RwSignal<String>; Field::ALL.len()],
    dirty: RwSignal<FieldSet>,
    /// Where saving stands.
    pub status: RwSignal<SaveStatus>,
    /// The backend's draft has been read (or could not be).
    pub loaded: RwSignal<bool>,
    /// Whether the profile was confirmed on the review page.
    pub complete: RwSignal<bool>,
    /// Where the channel stands, as the backend last said (the review offers the
    /// step after Facebook once its number is registered). Only the review reads
    /// it: a signal of a type of its own cost each form page's first load 1 KB brotli.
    #[cfg(feature = "review")]
    pub channel_state: RwSignal<domain::journey::ChannelState>,
    /// Why the draft could not be read, if it could not.
    pub load_error: RwSignal<Option<ApiError>>,
    key: StoredValue<RetryKey>,
    timer: StoredValue<Option<gloo_timers::callback::Timeout>, LocalStorage>,
    retries: StoredValue<usize>,
    in_flight: StoredValue<bool>,
    /// Typing not yet in the mirror: written once what it changed is shown.
    mirror_pending: StoredValue<bool>,
    /// Saves waiting for the one under way; each is woken when it ends.
    waiting: StoredValue<Vec<oneshot::Sender<()>>, LocalStorage>,
    /// The profile's owner: loads and saves run under it, so they stop (and their
    /// requests are aborted) when the profile closes, and never touch its
    /// signals after that.
    owner: StoredValue<Option<Owner>, LocalStorage>,
}

impl Drafts {
    /// Opens the draft of `channel`: the local mirror at once, then the backend's copy.
    pub fn open(channel: String) -> Self {
        let mirror = read_mirror(&channel);
        let values = Field::ALL
            .map(|f| RwSignal::new(mirror.values.get(f.name()).cloned().unwrap_or_default()));
        let dirty: FieldSet = Field::ALL
            .into_iter()
            .filter(|f| mirror.dirty.iter().any(|name| name == f.name()))
            .collect();
        let drafts = Drafts {
            channel: StoredValue::new(channel),
            values,
            dirty: RwSignal::new(dirty),
            status: RwSignal::new(SaveStatus::Idle),
            loaded: RwSignal::new(false),
            complete: RwSignal::new(false),
            #[cfg(feature = "review")]
            channel_state: RwSignal::new(Default::default()),
            load_error: RwSignal::new(None),
            key: StoredValue::new(RetryKey::default()),
            timer: StoredValue::new_local(None),
            retries: StoredValue::new(0),
            in_flight: StoredValue::new(false),
            mirror_pending: StoredValue::new(false),
            waiting: StoredValue::new_local(Vec::new()),
            owner: StoredValue::new_local(Owner::current()),
        };
        drafts.load();
        drafts.mirror_before_leaving();
        drafts.watch_other_tabs();
        drafts.retry_when_online();
        drafts
    }

    /// The channel's id.
    pub fn channel(&self) -> String {
        self.channel.get_value()
    }

    /// A field's value, to read in a view.
    pub fn value(&self, field: Field) -> RwSignal<String> {
        self.values[field.index()]
    }

    /// The whole draft as it stands in the page.
    pub fn snapshot(&self) -> ProfileDraft {
        let mut d = ProfileDraft::default();
        for f in Field::ALL {
            // Values came from the user or the backend; one the domain refuses stays out.
            let _ = domain::draft::set(&mut d, f, &self.value(f).get());
        }
        d
    }

    /// The phone number in international format as the user grouped it
    /// (`+44 7400 123456`), if the country and number are accepted; reads (and so
    /// re-runs on) only those two fields.
    pub fn phone_international(&self) -> Option<String> {
        let country = self.value(Field::PhoneCountry).get();
        let number = self.value(Field::PhoneNumber).get();
        domain::phone::international(country.trim(), number.trim()).ok()
    }

    /// The user changed a field: keep it here at once and save it soon.
    pub fn edit(&self, field: Field, value: String) {
        self.value(field).set(value);
        self.dirty.update(|d| {
            d.insert(field);
        });
        self.write_mirror_soon();
        self.status.set(SaveStatus::Saving);
        self.schedule(DEBOUNCE_MS);
    }

    /// A field the backend already saved by another route (the picture upload sets `picture_id`).
    pub fn saved_elsewhere(&self, field: Field, value: String) {
        self.value(field).set(value);
        self.dirty.update(|d| {
            d.remove(field);
        });
        self.write_mirror();
    }

    /// Remembers the page and field the user is on, to resume there.
    pub fn remember_position(&self, page: ProfilePage, field: Option<Field>) {
        let channel = self.channel();
        let mut m = read_mirror(&channel);
        let slug = Some(page.slug().to_string());
        // A field of the page left behind is not one to go back to on this one.
        if m.page != slug {
            m.focus = None;
        }
        m.page = slug;
        if let Some(f) = field {
            m.focus = Some(f.name().to_string());
        }
        write_mirror(&channel, &m);
    }

    /// The page and field to resume at.
    pub fn position(&self) -> (Option<ProfilePage>, Option<Field>) {
        let m = read_mirror(&self.channel());
        (
            m.page.as_deref().and_then(ProfilePage::from_slug),
            m.focus.as_deref().and_then(Field::from_name),
        )
    }

    /// Whether some typed values are not on the backend yet, tracked for views.
    pub fn has_unsaved_tracked(&self) -> bool {
        !self.dirty.get().is_empty()
    }

    /// Whether some typed values are not on the backend yet.
    pub fn has_unsaved(&self) -> bool {
        !self.dirty.get_untracked().is_empty()
    }

    /// The mirror of a keystroke, written in a task of its own once the keystroke's
    /// change is on the page (one write for keystrokes that come together), not
    /// between the key and what it shows: at 4x CPU that write (read, parse,
    /// serialise, store) was about 1 ms of the median keystroke and 3 ms of its p95.
    fn write_mirror_soon(&self) {
        if self.mirror_pending.get_value() {
            return;
        }
        self.mirror_pending.set_value(true);
        let this = *self;
        gloo_timers::callback::Timeout::new(0, move || this.write_pending_mirror()).forget();
    }

    /// Writes the mirror if typing is waiting for it (and the profile is still open).
    fn write_pending_mirror(&self) {
        if self.mirror_pending.try_get_value() == Some(true) {
            self.write_mirror();
        }
    }

    /// Typing still waiting for the mirror is written before the page or the
    /// profile goes (a closed tab runs no more timers), so none of it is lost.
    fn mirror_before_leaving(&self) {
        let this = *self;
        on_cleanup(move || this.write_pending_mirror());
        crate::listen::listen(&window(), "pagehide", move |_: web_sys::Event| {
            this.write_pending_mirror()
        });
    }

    fn write_mirror(&self) {
        self.mirror_pending.set_value(false);
        let channel = self.channel();
        let mut m = read_mirror(&channel);
        m.values = Field::ALL
            .into_iter()
            .map(|f| (f.name().to_string(), self.value(f).get_untracked()))
            .collect();
        m.dirty = self
            .dirty
            .get_untracked()
            .iter()
            .map(|f| f.name().to_string())
            .collect();
        write_mirror(&channel, &m);
    }

    /// Runs `task` under the profile's owner, cancelled when the profile closes.
    fn run(&self, task: impl std::future::Future<Output = ()> + 'static) {
        if let Some(Some(owner)) = self.owner.try_with_value(Clone::clone) {
            owner.with(|| leptos::task::spawn_local_scoped_with_cancellation(task));
        }
    }

    fn schedule(&self, ms: u32) {
        let this = *self;
        self.timer
            .set_value(Some(gloo_timers::callback::Timeout::new(ms, move || {
                this.run(async move {
                    let _ = this.save_now().await;
                })
            })));
    }

    fn load(&self) {
        let this = *self;
        self.run(async move {
            match api::fetch(endpoint::PROFILE, &[&this.channel()]).await {
                Ok(state) => {
                    this.take_server(&state, true);
                    this.loaded.set(true);
                    if this.has_unsaved() {
                        let _ = this.save_now().await;
                    }
                }
                Err(e) => {
                    this.load_error.set(Some(e));
                    this.loaded.set(true);
                }
            }
        });
    }

    /// Takes the backend's values for every field the user has not changed here.
    fn take_server(&self, state: &DraftState, set_complete: bool) {
        let dirty = self.dirty.get_untracked();
        for f in Field::ALL {
            if !dirty.contains(f) {
                let server = domain::draft::get(&state.draft, f);
                if self.value(f).get_untracked() != server {
                    self.value(f).set(server);
                }
            }
        }
        // Only a change re-draws what depends on it (the review page's
        // "Continue to Facebook", whose popup must outlive a refresh).
        if set_complete && self.complete.get_untracked() != state.complete {
            self.complete.set(state.complete);
        }
        #[cfg(feature = "review")]
        if self.channel_state.get_untracked() != state.channel_state {
            self.channel_state.set(state.channel_state);
        }
        self.write_mirror();
    }

    /// Sends what changed now; resolves once the backend has it (or cannot take
    /// it), or with [`ApiError::Cancelled`] if the profile closes first. The save
    /// runs under the profile's owner, whoever awaits it.
    pub async fn save(&self) -> Result<(), ApiError> {
        let (done, result) = oneshot::channel();
        let this = *self;
        self.run(async move {
            let _ = done.send(this.save_now().await);
        });
        result.await.unwrap_or(Err(ApiError::Cancelled))
    }

    /// The save itself, on the profile's owner.
    async fn save_now(&self) -> Result<(), ApiError> {
        self.timer.set_value(None);
        // One save at a time: wait until the one under way ends, then send what is left.
        while self.in_flight.get_value() {
            let (wake, woken) = oneshot::channel();
            self.waiting.update_value(|w| w.push(wake));
            if woken.await.is_err() {
                return Err(ApiError::Cancelled);
            }
        }
        let sent: Vec<(Field, String)> = self
            .dirty
            .get_untracked()
            .iter()
            .map(|f| (f, self.value(f).get_untracked()))
            .collect();
        if sent.is_empty() {
            if self.status.get_untracked() == SaveStatus::Saving {
                self.status.set(SaveStatus::Saved);
            }
            return Ok(());
        }
        self.status.set(SaveStatus::Saving);
        self.in_flight.set_value(true);
        let patch = DraftPatch::of(sent.clone());
        let result = api::send(endpoint::SAVE_PROFILE, &[&self.channel()], &patch, self.key).await;
        self.in_flight.set_value(false);
        for wake in self
            .waiting
            .try_update_value(std::mem::take)
            .unwrap_or_default()
        {
            let _ = wake.send(());
        }
        match result {
            Ok(state) => {
                self.retries.set_value(0);
                // Only what is still as sent is saved; newer typing stays dirty.
                self.dirty.update(|d| {
                    d.retain(|f| {
                        !sent
                            .iter()
                            .any(|(g, v)| *g == f && *v == self.value(f).get_untracked())
                    })
                });
                self.take_server(&state, true);
                if self.has_unsaved() {
                    self.schedule(0);
                } else {
                    self.status.set(SaveStatus::Saved);
                }
                Ok(())
            }
            Err(e) => {
                match &e {
                    ApiError::Network | ApiError::Timeout | ApiError::Server { .. } => {
                        let offline = matches!(e, ApiError::Network | ApiError::Timeout)
                            || !window().navigator().on_line();
                        self.status.set(if offline {
                            SaveStatus::Offline
                        } else {
                            SaveStatus::Retrying
                        });
                        let n = self.retries.get_value();
                        self.retries.set_value(n + 1);
                        self.schedule(RETRY_MS[n.min(RETRY_MS.len() - 1)]);
                    }
                    ApiError::Cancelled => {}
                    ApiError::Unauthorized => self.status.set(SaveStatus::LoggedOut),
                    other => self.status.set(SaveStatus::Failed(match other.body() {
                        Some(b) if !b.fields.is_empty() => b
                            .fields
                            .iter()
                            .map(|f| f.message.clone())
                            .collect::<Vec<_>>()
                            .join("; "),
                        _ => other.to_string(),
                    })),
                }
                Err(e)
            }
        }
    }

    /// Another tab wrote the mirror: take its values for fields not being edited here.
    fn watch_other_tabs(&self) {
        let this = *self;
        crate::listen::listen(&window(), "storage", move |ev: web_sys::StorageEvent| {
            if ev.key().as_deref() != Some(&mirror_key(&this.channel())) {
                return;
            }
            let Some(json) = ev.new_value() else { return };
            let Some(theirs) = crate::json::from_str::<Mirror>(&json) else {
                return;
            };
            let mine = this.dirty.get_untracked();
            for f in Field::ALL {
                if let Some(v) = theirs.values.get(f.name()) {
                    if !mine.contains(f) && this.value(f).get_untracked() != *v {
                        this.value(f).set(v.clone());
                    }
                }
            }
        });
    }

    /// Back online: save at once instead of waiting for the next retry.
    fn retry_when_online(&self) {
        let this = *self;
        crate::listen::listen(&window(), "online", move |_: web_sys::Event| {
            if this.has_unsaved() {
                this.retries.set_value(0);
                this.schedule(0);
            }
        });
    }
}
