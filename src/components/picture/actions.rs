//! What the field keeps and what it does: take a chosen file, upload the crop,
//! remove or cancel a picture, and let go of everything when it goes away.
//! [`Stage::next`] decides each stage; [`super::canvas`] does the image work.

use super::canvas::{check, upload_blob};
use super::drag::DragStart;
use super::stage::{after_error, Event, Stage};
use super::LocalPicture;
use crate::api::{self, ApiError};
use crate::drafts::Drafts;
use domain::contract::PictureInfo;
use domain::endpoint;
use domain::field::Field;
use domain::picture::Crop;
use leptos::prelude::*;
use web_sys::{Blob, File, ImageBitmap};

/// The cropped JPEG of one upload, kept to resend with the same key.
struct Prepared {
    crop: Crop,
    blob: Blob,
    key: String,
}

/// What the field keeps that the page never shows: JS objects and bookkeeping.
/// One stored value for all of it, not one each: the reactive arena's code is
/// compiled once per stored type (one type here instead of seven: 0.3 KB brotli).
#[derive(Default)]
pub struct Held {
    pub bitmap: Option<ImageBitmap>,
    prepared: Option<Prepared>,
    /// The field's owner: an upload runs under it, so it is aborted when the field goes away.
    owner: Option<Owner>,
    blob_url: Option<String>,
    pub preview_timer: Option<gloo_timers::callback::Timeout>,
    /// Bumped whenever the chosen picture changes or goes, so late async results are dropped.
    pub generation: u64,
    pub drag: Option<DragStart>,
}

/// Everything the field keeps, as copyable handles.
#[derive(Clone, Copy)]
pub struct Picture {
    pub drafts: Drafts,
    pub local: Option<LocalPicture>,
    pub stage: RwSignal<Stage>,
    pub problem: RwSignal<Option<String>>,
    /// The chosen picture's size (width, height), once it passed the checks.
    pub image: RwSignal<Option<(u32, u32)>>,
    pub zoom: RwSignal<u32>,
    pub across: RwSignal<u32>,
    pub down: RwSignal<u32>,
    held: StoredValue<Held, LocalStorage>,
    pub canvas: NodeRef<leptos::html::Canvas>,
    pub input: NodeRef<leptos::html::Input>,
    pub replace: NodeRef<leptos::html::Button>,
}

impl Picture {
    /// A field with nothing chosen, owned by the current reactive owner.
    pub fn new(drafts: Drafts, local: Option<LocalPicture>) -> Self {
        Picture {
            drafts,
            local,
            stage: RwSignal::new(Stage::Idle),
            problem: RwSignal::new(None),
            image: RwSignal::new(None),
            zoom: RwSignal::new(100),
            across: RwSignal::new(50),
            down: RwSignal::new(50),
            held: StoredValue::new_local(Held {
                owner: Owner::current(),
                ..Held::default()
            }),
            canvas: NodeRef::new(),
            input: NodeRef::new(),
            replace: NodeRef::new(),
        }
    }

    /// Runs `f` on what the field holds; `None` once the field is gone.
    pub fn held<R>(self, f: impl FnOnce(&mut Held) -> R) -> Option<R> {
        let mut f = Some(f);
        let mut out = None;
        update(self.held, &mut |held| out = f.take().map(|f| f(held)));
        out
    }

    pub fn crop(self) -> Option<Crop> {
        let (w, h) = self.image.get()?;
        Some(Crop::new(
            w,
            h,
            self.zoom.get(),
            self.across.get(),
            self.down.get(),
        ))
    }

    pub fn crop_untracked(self) -> Option<Crop> {
        let (w, h) = self.image.get_untracked()?;
        Some(Crop::new(
            w,
            h,
            self.zoom.get_untracked(),
            self.across.get_untracked(),
            self.down.get_untracked(),
        ))
    }

    /// Room left to move the crop across and down, in image pixels.
    pub fn room(self) -> (f64, f64) {
        match (self.image.get(), self.crop()) {
            (Some((w, h)), Some(c)) => c.room(w, h),
            _ => (0.0, 0.0),
        }
    }

    /// Moves to the stage after `event`, if the current stage takes it.
    fn on(self, event: Event) {
        if let Some(next) = self.stage.try_get_untracked().and_then(|s| s.next(event)) {
            self.stage.set(next);
        }
    }

    fn next_generation(self) {
        self.held(|h| h.generation += 1);
    }

    pub fn current(self, generation: u64) -> bool {
        self.held(|h| h.generation) == Some(generation)
    }

    /// A file was chosen or dropped: check it and open the crop, or say what is wrong.
    pub fn take(self, file: File) {
        let Some(checking) = self.stage.get_untracked().next(Event::Chosen) else {
            return;
        };
        self.discard();
        let generation = self.held(|h| h.generation).unwrap_or_default();
        self.problem.set(None);
        self.stage.set(checking);
        leptos::task::spawn_local(async move {
            let checked = check(&file).await;
            if !self.current(generation) {
                if let Ok(bitmap) = checked {
                    bitmap.close();
                }
                return;
            }
            match checked {
                Ok(bitmap) => {
                    let size = (bitmap.width(), bitmap.height());
                    self.held(|h| h.bitmap = Some(bitmap));
                    self.zoom.set(100);
                    self.across.set(50);
                    self.down.set(50);
                    self.image.set(Some(size));
                    self.on(Event::Passed);
                }
                Err(message) => {
                    self.problem.set(Some(message));
                    self.on(Event::Refused);
                    // So choosing the same file again, once fixed, is seen as a change.
                    self.clear_input();
                }
            }
        });
    }

    /// Forgets the chosen picture and its live preview.
    fn discard(self) {
        self.next_generation();
        self.held(|h| {
            h.drag = None;
            h.preview_timer = None;
            h.prepared = None;
            if let Some(b) = h.bitmap.take() {
                b.close();
            }
        });
        self.image.set(None);
        self.set_local(None);
    }

    fn clear_input(self) {
        if let Some(input) = self.input.get_untracked() {
            input.set_value("");
        }
    }

    fn focus_input(self) {
        if let Some(input) = self.input.get_untracked() {
            let _ = input.focus();
        }
    }

    /// Shows `url` (or the uploaded picture, for `None`) in the live preview; revokes the last blob URL.
    pub fn set_local(self, url: Option<String>) {
        if let Some(local) = self.local {
            local.0.try_set(url.clone());
        }
        if let Some(old) = self
            .held(|h| std::mem::replace(&mut h.blob_url, url))
            .flatten()
        {
            let _ = web_sys::Url::revoke_object_url(&old);
        }
    }

    /// Uploads the crop as a 640 × 640 JPEG (the same one again after a failure).
    pub fn upload(self) {
        let Some(sending) = self.stage.get_untracked().next(Event::Upload) else {
            return;
        };
        let Some(crop) = self.crop_untracked() else {
            return;
        };
        let Some((generation, owner)) = self.held(|h| (h.generation, h.owner.clone())) else {
            return;
        };
        self.problem.set(None);
        self.stage.set(sending);
        let owner = owner.unwrap_or_default();
        owner.with(|| {
            leptos::task::spawn_local_scoped(async move {
                if !self.current(generation) {
                    return;
                }
                let again = self
                    .held(|h| {
                        h.prepared
                            .as_ref()
                            .filter(|p| p.crop == crop)
                            .map(|p| (p.blob.clone(), p.key.clone()))
                    })
                    .flatten();
                let (blob, key) = match again {
                    Some(found) => found,
                    None => {
                        let bitmap = self.held(|h| h.bitmap.clone()).flatten();
                        let blob = match bitmap {
                            Some(b) => upload_blob(&b, crop).await,
                            None => None,
                        };
                        if !self.current(generation) {
                            return;
                        }
                        let Some(blob) = blob else {
                            self.problem
                                .set(Some(crate::i18n::text().picture.not_prepared.into()));
                            self.on(Event::NotPrepared);
                            return;
                        };
                        let key = crate::random::key();
                        self.held(|h| {
                            h.prepared = Some(Prepared {
                                crop,
                                blob: blob.clone(),
                                key: key.clone(),
                            })
                        });
                        (blob, key)
                    }
                };
                if !self.current(generation) {
                    return;
                }
                let channel = self.drafts.channel();
                let stage = self.stage;
                let progress = move |pct: Option<u8>| {
                    if let Some(next) = stage
                        .try_get_untracked()
                        .and_then(|s| s.next(Event::Progress(pct)))
                    {
                        stage.set(next);
                    }
                };
                let sent = api::upload(
                    endpoint::UPLOAD_PICTURE,
                    &[&channel],
                    &blob,
                    "image/jpeg",
                    &key,
                    progress,
                )
                .await;
                // The field went away (or the picture with it) while the upload was under way.
                if !self.current(generation) {
                    return;
                }
                match sent {
                    Ok(info) => self.uploaded(info),
                    Err(e) => self.failed(&e),
                }
            })
        });
    }

    fn uploaded(self, info: PictureInfo) {
        self.drafts.saved_elsewhere(Field::PictureId, info.id);
        self.discard();
        self.clear_input();
        self.on(Event::Saved);
        // The crop controls that had focus are gone: move it to the uploaded picture's actions.
        let replace = self.replace;
        gloo_timers::callback::Timeout::new(0, move || {
            if let Some(button) = replace.try_get_untracked().flatten() {
                let _ = button.focus();
            }
        })
        .forget();
    }

    fn failed(self, e: &ApiError) {
        if let Some((event, message)) = after_error(e) {
            self.problem.set(Some(message));
            self.on(event);
        }
    }

    /// Removes the draft's picture (saved with the draft).
    pub fn remove(self) {
        self.drafts.edit(Field::PictureId, String::new());
        self.problem.set(None);
        self.on(Event::Removed);
        self.focus_input();
    }

    /// Drops the chosen picture and goes back to choosing one.
    pub fn cancel(self) {
        let Some(idle) = self.stage.get_untracked().next(Event::Cancelled) else {
            return;
        };
        self.discard();
        self.clear_input();
        self.problem.set(None);
        self.stage.set(idle);
        self.focus_input();
    }

    /// Stops what is under way and lets go of JS objects (the field is going away).
    pub fn release(self) {
        let old = self.held(|h| {
            h.generation += 1;
            h.preview_timer = None;
            if let Some(b) = h.bitmap.take() {
                b.close();
            }
            h.blob_url.take()
        });
        if let Some(old) = old.flatten() {
            if let Some(local) = self.local {
                if local.0.try_get_untracked().flatten().as_deref() == Some(old.as_str()) {
                    local.0.try_set(None);
                }
            }
            let _ = web_sys::Url::revoke_object_url(&old);
        }
    }
}

/// The one way into [`Held`], not generic: the stored value's code is compiled once.
fn update(held: StoredValue<Held, LocalStorage>, f: &mut dyn FnMut(&mut Held)) {
    held.try_update_value(|h| f(h));
}
