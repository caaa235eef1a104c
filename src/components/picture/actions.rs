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

/// Everything the field keeps, as copyable handles (JS objects in local stored values).
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
    pub bitmap: StoredValue<Option<ImageBitmap>, LocalStorage>,
    prepared: StoredValue<Option<Prepared>, LocalStorage>,
    /// The field's owner: an upload runs under it, so it is aborted when the field goes away.
    owner: StoredValue<Option<Owner>, LocalStorage>,
    blob_url: StoredValue<Option<String>>,
    pub preview_timer: StoredValue<Option<gloo_timers::callback::Timeout>, LocalStorage>,
    /// Bumped whenever the chosen picture changes or goes, so late async results are dropped.
    pub generation: StoredValue<u64>,
    pub drag: StoredValue<Option<DragStart>>,
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
            bitmap: StoredValue::new_local(None),
            prepared: StoredValue::new_local(None),
            owner: StoredValue::new_local(Owner::current()),
            blob_url: StoredValue::new(None),
            preview_timer: StoredValue::new_local(None),
            generation: StoredValue::new(0),
            drag: StoredValue::new(None),
            canvas: NodeRef::new(),
            input: NodeRef::new(),
            replace: NodeRef::new(),
        }
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
        self.generation.update_value(|g| *g += 1);
    }

    pub fn current(self, generation: u64) -> bool {
        self.generation.try_get_value() == Some(generation)
    }

    /// A file was chosen or dropped: check it and open the crop, or say what is wrong.
    pub fn take(self, file: File) {
        let Some(checking) = self.stage.get_untracked().next(Event::Chosen) else {
            return;
        };
        self.discard();
        let generation = self.generation.get_value();
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
                    self.bitmap.set_value(Some(bitmap));
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
        self.drag.set_value(None);
        self.preview_timer.set_value(None);
        self.prepared.set_value(None);
        self.bitmap.update_value(|b| {
            if let Some(b) = b.take() {
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
            .blob_url
            .try_update_value(|u| std::mem::replace(u, url))
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
        let generation = self.generation.get_value();
        self.problem.set(None);
        self.stage.set(sending);
        let owner = self.owner.with_value(Clone::clone).unwrap_or_default();
        owner.with(|| {
            leptos::task::spawn_local_scoped(async move {
                if !self.current(generation) {
                    return;
                }
                let again = self.prepared.with_value(|p| {
                    p.as_ref()
                        .filter(|p| p.crop == crop)
                        .map(|p| (p.blob.clone(), p.key.clone()))
                });
                let (blob, key) = match again {
                    Some(found) => found,
                    None => {
                        let bitmap = self.bitmap.with_value(Clone::clone);
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
                        self.prepared.set_value(Some(Prepared {
                            crop,
                            blob: blob.clone(),
                            key: key.clone(),
                        }));
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
        self.generation.try_update_value(|g| *g += 1);
        self.preview_timer.try_update_value(|t| *t = None);
        self.bitmap.try_update_value(|b| {
            if let Some(b) = b.take() {
                b.close();
            }
        });
        if let Some(old) = self.blob_url.try_update_value(Option::take).flatten() {
            if let Some(local) = self.local {
                if local.0.try_get_untracked().flatten().as_deref() == Some(old.as_str()) {
                    local.0.try_set(None);
                }
            }
            let _ = web_sys::Url::revoke_object_url(&old);
        }
    }
}
