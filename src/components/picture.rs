//! The "Profile picture" field: choose or drop a JPEG or PNG, crop it square,
//! downsize it to 640 × 640 in the browser and upload it with progress.
//!
//! Checks run in the browser before anything is sent, in this order: the type
//! (by MIME type or name), the size in bytes, the first bytes (JPEG or PNG
//! signature), whether the browser can decode it, and its pixel size. The crop
//! is a square inside the image, set with three labelled range inputs (so it
//! works by keyboard) or by dragging the preview. The upload goes through
//! `XMLHttpRequest`, the one browser API that reports upload progress; a
//! failed upload is retried with the same cropped JPEG and idempotency key.

use crate::api::{self, ApiError};
use crate::drafts::Drafts;
use domain::contract::{PictureInfo, PICTURE_MAX_BYTES, PICTURE_MIN_SIDE, PICTURE_UPLOAD_SIDE};
use domain::endpoint;
use domain::field::Field;
use leptos::prelude::*;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;
use web_sys::{Blob, CanvasRenderingContext2d, File, HtmlCanvasElement, ImageBitmap};

/// The message for a file that is not a JPEG or PNG by its type or name.
pub const WRONG_TYPE: &str = "The picture must be a JPEG or PNG";
/// The message for a file that is not an image the browser can decode.
pub const UNREADABLE: &str =
    "This file is not a picture we can read: choose a JPEG or PNG photo or logo";
/// Side of the crop preview canvas in pixels (shown at 16rem, sharp on 2× screens).
const PREVIEW_SIDE: u32 = 480;
/// The largest zoom, in percent; also limited so the crop keeps [`PICTURE_MIN_SIDE`] pixels.
const ZOOM_MAX: u32 = 400;
/// The zoom slider's step, in percent.
const ZOOM_STEP: u32 = 5;
/// JPEG quality of the uploaded picture.
const JPEG_QUALITY: f64 = 0.9;
/// Quiet time after the last crop change before the live preview is redrawn.
const PREVIEW_DEBOUNCE_MS: u32 = 120;
/// A byte count in "MB" as the hint says it (1 MB = 1,048,576 bytes, as the limit).
const MB: f64 = 1_048_576.0;

/// A blob: URL of a picture chosen but not yet uploaded, shared with the
/// profile's live preview; the profile pages provide it in context.
#[derive(Clone, Copy)]
pub struct LocalPicture(pub RwSignal<Option<String>>);

/// Whether the browser's MIME type or the file name says JPEG or PNG.
pub fn type_ok(mime: &str, name: &str) -> bool {
    let mime = mime.trim().to_ascii_lowercase();
    let name = name.trim().to_ascii_lowercase();
    matches!(
        mime.as_str(),
        "image/jpeg" | "image/jpg" | "image/pjpeg" | "image/png"
    ) || [".jpg", ".jpeg", ".png"]
        .iter()
        .any(|ext| name.ends_with(ext))
}

/// Whether the first bytes are a JPEG or PNG signature.
pub fn sniff(head: &[u8]) -> bool {
    head.starts_with(&[0xFF, 0xD8, 0xFF])
        || head.starts_with(&[0x89, b'P', b'N', b'G', 0x0D, 0x0A, 0x1A, 0x0A])
}

/// "The picture must be 5 MB or smaller; this one is 7.2 MB" (never "5.0 MB" for a file over the limit).
pub fn too_large(bytes: f64) -> String {
    // Whole tenths of a MB, formatted as integers: float formatting would add kilobytes of wasm.
    let limit = (PICTURE_MAX_BYTES as f64 / MB * 10.0).round() as u64;
    let tenths = ((bytes / MB * 10.0).round() as u64).max(limit + 1);
    format!(
        "The picture must be {} MB or smaller; this one is {}.{} MB",
        limit / 10,
        tenths / 10,
        tenths % 10
    )
}

/// "The picture must be at least 192 × 192 pixels; this one is 120 × 90".
pub fn too_small(width: u32, height: u32) -> String {
    format!("The picture must be at least {PICTURE_MIN_SIDE} × {PICTURE_MIN_SIDE} pixels; this one is {width} × {height}")
}

/// The zoom slider's top, in percent: up to 400 %, but never a crop under 192 pixels.
pub fn max_zoom(width: u32, height: u32) -> u32 {
    let short = f64::from(width.min(height));
    let most = (short / f64::from(PICTURE_MIN_SIDE) * 100.0).floor() as u32;
    (most.min(ZOOM_MAX) / ZOOM_STEP * ZOOM_STEP).max(100)
}

/// A square inside the image, in image pixels.
#[derive(Clone, Copy, PartialEq)]
#[cfg_attr(test, derive(Debug))]
pub struct Crop {
    /// Left edge.
    pub x: f64,
    /// Top edge.
    pub y: f64,
    /// Side.
    pub side: f64,
}

impl Crop {
    /// The square for a zoom (percent, 100 = the whole short side) and a position
    /// (0 to 100 across the room left on each axis, 50 = centred).
    pub fn new(width: u32, height: u32, zoom: u32, across: u32, down: u32) -> Self {
        let (w, h) = (f64::from(width.max(1)), f64::from(height.max(1)));
        let zoom = f64::from(zoom.clamp(100, max_zoom(width, height))) / 100.0;
        // max/min rather than f64::clamp, whose panic message brings float formatting into the wasm.
        let side = (w.min(h) / zoom).max(1.0).min(w.min(h));
        let at = |room: f64, pct: u32| (room * f64::from(pct.min(100)) / 100.0).round();
        Crop {
            x: at(w - side, across),
            y: at(h - side, down),
            side: side.round(),
        }
    }
}

/// What the field is doing, for its buttons and status line.
#[derive(Clone, Copy, PartialEq)]
enum Stage {
    /// Nothing chosen (a picture already uploaded may be shown).
    Idle,
    /// Reading and decoding a chosen file.
    Checking,
    /// A picture passed the checks: crop it, then upload.
    Ready,
    /// Sending: the percentage sent, when the browser knows it.
    Sending(Option<u8>),
    /// Everything is sent; waiting for the backend's answer.
    Waiting,
    /// The upload failed in a way worth retrying (message in `problem`).
    Failed,
    /// The picture is uploaded and in the draft.
    Uploaded,
    /// The user removed the draft's picture.
    Removed,
}

impl Stage {
    fn uploading(self) -> bool {
        matches!(self, Stage::Sending(_) | Stage::Waiting)
    }

    fn words(self) -> &'static str {
        match self {
            Stage::Checking => "Checking the picture…",
            Stage::Ready => {
                "Picture checked. Adjust the square crop below, then select Upload picture."
            }
            Stage::Sending(_) | Stage::Waiting => "Uploading profile picture…",
            Stage::Uploaded => "Picture uploaded",
            Stage::Removed => "Picture removed",
            Stage::Idle | Stage::Failed => "",
        }
    }
}

/// The cropped JPEG of one upload, kept to resend with the same key.
struct Prepared {
    crop: Crop,
    blob: Blob,
    key: String,
}

/// Where a pointer drag on the preview started.
#[derive(Clone, Copy)]
struct DragStart {
    x: f64,
    y: f64,
    across: u32,
    down: u32,
}

/// Everything the field keeps, as copyable handles (JS objects in local stored values).
#[derive(Clone, Copy)]
struct Picture {
    drafts: Drafts,
    local: Option<LocalPicture>,
    stage: RwSignal<Stage>,
    problem: RwSignal<Option<String>>,
    image: RwSignal<Option<(u32, u32)>>,
    zoom: RwSignal<u32>,
    across: RwSignal<u32>,
    down: RwSignal<u32>,
    bitmap: StoredValue<Option<ImageBitmap>, LocalStorage>,
    prepared: StoredValue<Option<Prepared>, LocalStorage>,
    /// The field's owner: an upload runs under it, so it is aborted when the field goes away.
    owner: StoredValue<Option<Owner>, LocalStorage>,
    blob_url: StoredValue<Option<String>>,
    preview_timer: StoredValue<Option<gloo_timers::callback::Timeout>, LocalStorage>,
    /// Bumped whenever the chosen picture changes or goes, so late async results are dropped.
    generation: StoredValue<u64>,
    drag: StoredValue<Option<DragStart>>,
    canvas: NodeRef<leptos::html::Canvas>,
    input: NodeRef<leptos::html::Input>,
    replace: NodeRef<leptos::html::Button>,
}

impl Picture {
    fn crop(self) -> Option<Crop> {
        let (w, h) = self.image.get()?;
        Some(Crop::new(
            w,
            h,
            self.zoom.get(),
            self.across.get(),
            self.down.get(),
        ))
    }

    fn crop_untracked(self) -> Option<Crop> {
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
    fn room(self) -> (f64, f64) {
        match (self.image.get(), self.crop()) {
            (Some((w, h)), Some(c)) => (f64::from(w) - c.side, f64::from(h) - c.side),
            _ => (0.0, 0.0),
        }
    }

    fn next_generation(self) {
        self.generation.update_value(|g| *g += 1);
    }

    fn current(self, generation: u64) -> bool {
        self.generation.try_get_value() == Some(generation)
    }

    /// A file was chosen or dropped: check it and open the crop, or say what is wrong.
    fn take(self, file: File) {
        if self.stage.get_untracked().uploading() {
            return;
        }
        self.discard();
        let generation = self.generation.get_value();
        self.problem.set(None);
        self.stage.set(Stage::Checking);
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
                    self.stage.set(Stage::Ready);
                }
                Err(message) => {
                    self.problem.set(Some(message));
                    self.stage.set(Stage::Idle);
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

    /// Shows `url` (or the uploaded picture, for `None`) in the live preview; revokes the last blob URL.
    fn set_local(self, url: Option<String>) {
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

    /// Draws the crop on the preview canvas and schedules the live preview.
    fn draw(self) {
        let Some(crop) = self.crop() else { return };
        let Some(canvas) = self.canvas.get() else {
            return;
        };
        let drawn = self
            .bitmap
            .with_value(|b| b.as_ref().and_then(|b| draw_square(&canvas, b, crop)));
        if drawn.is_none() {
            self.problem.set(Some(UNREADABLE.into()));
            return;
        }
        let generation = self.generation.get_value();
        let timer = gloo_timers::callback::Timeout::new(PREVIEW_DEBOUNCE_MS, move || {
            leptos::task::spawn_local(async move {
                let Some(canvas) = self.canvas.get_untracked() else {
                    return;
                };
                let Some(blob) = canvas_blob(&canvas, 0.85).await else {
                    return;
                };
                if !self.current(generation) || self.stage.get_untracked() == Stage::Uploaded {
                    return;
                }
                if let Ok(url) = web_sys::Url::create_object_url_with_blob(&blob) {
                    self.set_local(Some(url));
                }
            });
        });
        self.preview_timer.set_value(Some(timer));
    }

    /// Uploads the crop as a 640 × 640 JPEG (the same one again after a failure).
    fn upload(self) {
        if self.stage.get_untracked().uploading() {
            return;
        }
        let Some(crop) = self.crop_untracked() else {
            return;
        };
        let generation = self.generation.get_value();
        self.problem.set(None);
        self.stage.set(Stage::Sending(Some(0)));
        let owner = self.owner.with_value(Clone::clone).unwrap_or_default();
        owner.with(|| leptos::task::spawn_local_scoped(async move {
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
                        self.problem.set(Some(
                            "We could not prepare the picture for upload: choose it again, or choose another JPEG or PNG".into(),
                        ));
                        self.stage.set(Stage::Ready);
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
                if stage.try_get_untracked().is_some_and(Stage::uploading) {
                    stage.set(if pct == Some(100) {
                        Stage::Waiting
                    } else {
                        Stage::Sending(pct)
                    });
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
                Err(ApiError::Cancelled) => {}
                Err(e) => self.failed(e),
            }
        }));
    }

    fn uploaded(self, info: PictureInfo) {
        self.drafts.saved_elsewhere(Field::PictureId, info.id);
        self.discard();
        self.clear_input();
        self.stage.set(Stage::Uploaded);
        // The crop controls that had focus are gone: move it to the uploaded picture's actions.
        let replace = self.replace;
        gloo_timers::callback::Timeout::new(0, move || {
            if let Some(button) = replace.try_get_untracked().flatten() {
                let _ = button.focus();
            }
        })
        .forget();
    }

    fn failed(self, e: ApiError) {
        match &e {
            ApiError::Cancelled => self.stage.set(Stage::Ready),
            ApiError::Unauthorized => {
                self.problem.set(Some(e.to_string()));
                self.stage.set(Stage::Failed);
            }
            ApiError::Network
            | ApiError::Timeout
            | ApiError::Server { .. }
            | ApiError::Conflict(_)
            | ApiError::RateLimited { .. } => {
                self.problem.set(Some(format!("The upload failed: {e}")));
                self.stage.set(Stage::Failed);
            }
            other => {
                self.problem.set(Some(
                    other
                        .field(Field::PictureId.name())
                        .unwrap_or_else(|| other.to_string()),
                ));
                self.stage.set(Stage::Ready);
            }
        }
    }

    /// Removes the draft's picture (saved with the draft).
    fn remove(self) {
        self.drafts.edit(Field::PictureId, String::new());
        self.problem.set(None);
        self.stage.set(Stage::Removed);
        if let Some(input) = self.input.get_untracked() {
            let _ = input.focus();
        }
    }

    /// Stops what is under way and lets go of JS objects (the field is going away).
    fn release(self) {
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

    fn on_pointer_down(self, ev: web_sys::PointerEvent) {
        if self.image.get_untracked().is_none() || self.stage.get_untracked().uploading() {
            return;
        }
        if let Some(canvas) = self.canvas.get_untracked() {
            let _ = canvas.set_pointer_capture(ev.pointer_id());
        }
        self.drag.set_value(Some(DragStart {
            x: f64::from(ev.client_x()),
            y: f64::from(ev.client_y()),
            across: self.across.get_untracked(),
            down: self.down.get_untracked(),
        }));
    }

    fn on_pointer_move(self, ev: web_sys::PointerEvent) {
        let Some(start) = self.drag.get_value() else {
            return;
        };
        let (Some((w, h)), Some(crop), Some(canvas)) = (
            self.image.get_untracked(),
            self.crop_untracked(),
            self.canvas.get_untracked(),
        ) else {
            return;
        };
        let shown = f64::from(canvas.client_width());
        if shown <= 0.0 {
            return;
        }
        // Image pixels per CSS pixel of the preview; dragging right shows more of the left.
        let scale = crop.side / shown;
        let moved = |from: u32, delta: f64, room: f64| -> u32 {
            if room < 1.0 {
                return from;
            }
            // `as` saturates: below 0 (or NaN) becomes 0.
            (f64::from(from) - delta * scale / room * 100.0)
                .round()
                .min(100.0) as u32
        };
        self.across.set(moved(
            start.across,
            f64::from(ev.client_x()) - start.x,
            f64::from(w) - crop.side,
        ));
        self.down.set(moved(
            start.down,
            f64::from(ev.client_y()) - start.y,
            f64::from(h) - crop.side,
        ));
    }
}

/// Reads the first `n` bytes of a file.
async fn head(file: &File, n: i32) -> Option<Vec<u8>> {
    let part = file.slice_with_i32_and_i32(0, n).ok()?;
    let buffer = JsFuture::from(part.array_buffer()).await.ok()?;
    Some(js_sys::Uint8Array::new(&buffer).to_vec())
}

/// The checks, in order; the decoded picture when it passes.
async fn check(file: &File) -> Result<ImageBitmap, String> {
    if !type_ok(&file.type_(), &file.name()) {
        return Err(WRONG_TYPE.into());
    }
    if file.size() > PICTURE_MAX_BYTES as f64 {
        return Err(too_large(file.size()));
    }
    match head(file, 8).await {
        Some(bytes) if sniff(&bytes) => {}
        _ => return Err(UNREADABLE.into()),
    }
    let promise = window()
        .create_image_bitmap_with_blob(file)
        .map_err(|_| UNREADABLE.to_string())?;
    let bitmap: ImageBitmap = JsFuture::from(promise)
        .await
        .ok()
        .and_then(|b| b.dyn_into().ok())
        .ok_or_else(|| UNREADABLE.to_string())?;
    let (w, h) = (bitmap.width(), bitmap.height());
    if w < PICTURE_MIN_SIDE || h < PICTURE_MIN_SIDE {
        bitmap.close();
        return Err(too_small(w, h));
    }
    Ok(bitmap)
}

fn new_canvas(side: u32) -> Option<HtmlCanvasElement> {
    let canvas: HtmlCanvasElement = document().create_element("canvas").ok()?.dyn_into().ok()?;
    canvas.set_width(side);
    canvas.set_height(side);
    Some(canvas)
}

fn context(canvas: &HtmlCanvasElement) -> Option<CanvasRenderingContext2d> {
    canvas.get_context("2d").ok()??.dyn_into().ok()
}

/// Draws `crop` of `source` over the whole (square) `target`, on white (JPEG has no
/// transparency). Large crops are halved in steps first, which downsizes smoothly.
fn draw_square(target: &HtmlCanvasElement, source: &ImageBitmap, crop: Crop) -> Option<()> {
    let out = f64::from(target.width());
    let mut step: Option<HtmlCanvasElement> = None;
    let mut side = crop.side;
    while side > out * 2.0 {
        let half = (side / 2.0).floor();
        let canvas = new_canvas(half as u32)?;
        let ctx = context(&canvas)?;
        match &step {
            None => ctx.draw_image_with_image_bitmap_and_sw_and_sh_and_dx_and_dy_and_dw_and_dh(
                source, crop.x, crop.y, crop.side, crop.side, 0.0, 0.0, half, half,
            ),
            Some(prev) => ctx
                .draw_image_with_html_canvas_element_and_sw_and_sh_and_dx_and_dy_and_dw_and_dh(
                    prev, 0.0, 0.0, side, side, 0.0, 0.0, half, half,
                ),
        }
        .ok()?;
        step = Some(canvas);
        side = half;
    }
    let ctx = context(target)?;
    ctx.set_fill_style_str("#ffffff");
    ctx.fill_rect(0.0, 0.0, out, out);
    match &step {
        None => ctx.draw_image_with_image_bitmap_and_sw_and_sh_and_dx_and_dy_and_dw_and_dh(
            source, crop.x, crop.y, crop.side, crop.side, 0.0, 0.0, out, out,
        ),
        Some(prev) => ctx
            .draw_image_with_html_canvas_element_and_sw_and_sh_and_dx_and_dy_and_dw_and_dh(
                prev, 0.0, 0.0, side, side, 0.0, 0.0, out, out,
            ),
    }
    .ok()
}

/// The canvas as a JPEG.
async fn canvas_blob(canvas: &HtmlCanvasElement, quality: f64) -> Option<Blob> {
    let mut started = Ok(());
    let promise = js_sys::Promise::new(&mut |resolve, _reject| {
        started = canvas.to_blob_with_type_and_encoder_options(
            &resolve,
            "image/jpeg",
            &JsValue::from_f64(quality),
        );
    });
    started.ok()?;
    JsFuture::from(promise).await.ok()?.dyn_into().ok()
}

/// The crop as the 640 × 640 JPEG to upload.
async fn upload_blob(source: &ImageBitmap, crop: Crop) -> Option<Blob> {
    let canvas = new_canvas(PICTURE_UPLOAD_SIDE)?;
    draw_square(&canvas, source, crop)?;
    canvas_blob(&canvas, JPEG_QUALITY).await
}

/// The picture field of the profile's second page.
#[component]
pub fn ProfilePicture(
    /// The channel's draft, where the uploaded picture's id is saved.
    drafts: Drafts,
    /// The page's error for the field, if any.
    #[prop(into)]
    error: Signal<Option<String>>,
) -> impl IntoView {
    let p = Picture {
        drafts,
        local: use_context::<LocalPicture>(),
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
    };
    on_cleanup(move || p.release());
    Effect::new(move |_| p.draw());

    // The page's message (from Next) until a new upload or removal answers it.
    let page_error_answered = RwSignal::new(false);
    Effect::new(move |_| {
        error.track();
        page_error_answered.set(false);
    });
    Effect::new(move |_| {
        if matches!(p.stage.get(), Stage::Uploaded | Stage::Removed) {
            page_error_answered.set(true);
        }
    });
    let page_error = move || {
        if p.problem.with(Option::is_some) || page_error_answered.get() {
            None
        } else {
            error.get()
        }
    };
    let invalid = move || p.problem.with(Option::is_some) || page_error().is_some();

    let current = move || Some(p.drafts.value(Field::PictureId).get()).filter(|id| !id.is_empty());
    let uploading = move || p.stage.get().uploading();
    let over = RwSignal::new(false);
    let zone = NodeRef::<leptos::html::Div>::new();

    let error_message = |message: String| {
        view! {
            <p class="error-message" id="picture_id-error">
                <span class="visually-hidden">"Error: "</span>
                {message}
            </p>
        }
    };

    view! {
        <div class="field picture" class:field--error=invalid>
            <label class="label" for=Field::PictureId.name()>{Field::PictureId.label()}</label>
            <div class="hint" id="picture_id-hint">
                "Optional. A JPEG or PNG of at least 192 × 192 pixels and up to 5 MB. It will be cropped to a square."
            </div>
            // Problems found here are announced as they appear; the page's own message is in its error summary.
            <div class="picture__alert" aria-live="assertive" aria-atomic="true">
                {move || p.problem.get().map(error_message)}
            </div>
            {move || page_error().map(error_message)}

            {move || {
                let shown = current().filter(|_| p.image.with(Option::is_none) && p.stage.get() != Stage::Checking);
                shown.map(|id| view! {
                    <div class="picture__current">
                        <img class="picture__thumb" src=api::url(&endpoint::PICTURE.path(&[&id])) alt="Your current profile picture" width="96" height="96"/>
                        <div class="picture__current-actions">
                            <button type="button" class="button button--secondary" node_ref=p.replace on:click=move |_| {
                                if let Some(input) = p.input.get_untracked() {
                                    input.click();
                                }
                            }>"Replace picture"</button>
                            <button type="button" class="button button--secondary" on:click=move |_| p.remove()>"Remove picture"</button>
                        </div>
                    </div>
                })
            }}

            <div
                class="picture__drop"
                class:picture__drop--over=move || over.get()
                data-testid="picture-drop"
                node_ref=zone
                on:dragenter=move |ev: web_sys::DragEvent| {
                    ev.prevent_default();
                    over.set(true);
                }
                on:dragover=move |ev: web_sys::DragEvent| {
                    ev.prevent_default();
                    if let Some(dt) = ev.data_transfer() {
                        dt.set_drop_effect(if p.stage.get_untracked().uploading() { "none" } else { "copy" });
                    }
                    over.set(true);
                }
                on:dragleave=move |ev: web_sys::DragEvent| {
                    let inside = match (zone.get_untracked(), ev.related_target()) {
                        (Some(z), Some(t)) => t.dyn_ref::<web_sys::Node>().is_some_and(|n| z.contains(Some(n))),
                        _ => false,
                    };
                    if !inside {
                        over.set(false);
                    }
                }
                on:drop=move |ev: web_sys::DragEvent| {
                    ev.prevent_default();
                    over.set(false);
                    if let Some(file) = ev.data_transfer().and_then(|d| d.files()).and_then(|f| f.get(0)) {
                        p.take(file);
                    }
                }
            >
                <input
                    class="file-input"
                    type="file"
                    id=Field::PictureId.name()
                    name=Field::PictureId.name()
                    accept="image/jpeg,image/png,.jpg,.jpeg,.png"
                    node_ref=p.input
                    disabled=uploading
                    aria-describedby=move || if invalid() { "picture_id-hint picture_id-error" } else { "picture_id-hint" }
                    aria-invalid=move || invalid().then_some("true")
                    on:change:target=move |ev| {
                        if let Some(file) = ev.target().files().and_then(|f| f.get(0)) {
                            p.take(file);
                        }
                    }
                />
                <p class="picture__drop-text" aria-hidden="true">"or drag and drop a picture here"</p>
            </div>

            {move || p.image.get().map(|_| view! { <Editor p/> })}

            <p class="picture__status" class:picture__status--done=move || p.stage.get() == Stage::Uploaded role="status">
                {move || p.stage.get().words()}
            </p>
        </div>
    }
}

/// The crop preview, its controls, the upload button and progress.
#[component]
fn Editor(p: Picture) -> impl IntoView {
    let uploading = move || p.stage.get().uploading();
    let max = move || p.image.get().map(|(w, h)| max_zoom(w, h)).unwrap_or(100);
    let no_room_x = move || p.room().0 < 1.0;
    let no_room_y = move || p.room().1 < 1.0;
    let percent = move || match p.stage.get() {
        Stage::Sending(Some(n)) => format!("{n}% sent"),
        Stage::Sending(None) => "Sending…".to_string(),
        _ => "100% sent: waiting for the server to save it…".to_string(),
    };
    let progress_value = move || match p.stage.get() {
        Stage::Sending(Some(n)) => Some(n.to_string()),
        Stage::Waiting => Some("100".to_string()),
        _ => None,
    };
    view! {
        <div class="picture__editor">
            <div class="picture__crop">
                <canvas
                    class="picture__canvas"
                    class:picture__canvas--busy=uploading
                    node_ref=p.canvas
                    width=PREVIEW_SIDE.to_string()
                    height=PREVIEW_SIDE.to_string()
                    role="img"
                    aria-label="The square that will be your profile picture; WhatsApp shows it in a circle"
                    on:pointerdown=move |ev| p.on_pointer_down(ev)
                    on:pointermove=move |ev| p.on_pointer_move(ev)
                    on:pointerup=move |_| p.drag.set_value(None)
                    on:pointercancel=move |_| p.drag.set_value(None)
                ></canvas>
            </div>
            <div class="picture__controls">
                <p class="picture__instructions">"Use the sliders, or drag the picture, to choose the part to show."</p>
                <Slider
                    id="picture-zoom" label="Zoom" unit="%" value=p.zoom
                    min=100 max=Signal::derive(max) step=ZOOM_STEP
                    disabled=Signal::derive(move || uploading() || max() <= 100)
                />
                <Slider
                    id="picture-across" label="Move left or right" unit="% from the left" value=p.across
                    min=0 max=Signal::stored(100) step=1
                    disabled=Signal::derive(move || uploading() || no_room_x())
                />
                <Slider
                    id="picture-down" label="Move up or down" unit="% from the top" value=p.down
                    min=0 max=Signal::stored(100) step=1
                    disabled=Signal::derive(move || uploading() || no_room_y())
                />
                <div class="button-group">
                    <button
                        type="button"
                        class="button"
                        aria-disabled=move || uploading().then_some("true")
                        on:click=move |_| p.upload()
                    >
                        {move || match p.stage.get() {
                            Stage::Sending(_) | Stage::Waiting => "Uploading…",
                            Stage::Failed => "Try the upload again",
                            _ => "Upload picture",
                        }}
                    </button>
                    {move || (!uploading()).then(|| view! {
                        <button type="button" class="button button--secondary" on:click=move |_| {
                            p.discard();
                            p.clear_input();
                            p.problem.set(None);
                            p.stage.set(Stage::Idle);
                            if let Some(input) = p.input.get_untracked() {
                                let _ = input.focus();
                            }
                        }>
                            "Cancel"<span class="visually-hidden">" this picture"</span>
                        </button>
                    })}
                </div>
                {move || uploading().then(|| view! {
                    <div class="picture__progress">
                        <label for="picture-progress">"Uploading profile picture"</label>
                        <progress id="picture-progress" max="100" value=progress_value></progress>
                        <span class="picture__percent">{percent}</span>
                    </div>
                })}
            </div>
        </div>
    }
}

/// A labelled range input for one crop setting, in whole steps.
#[component]
fn Slider(
    id: &'static str,
    label: &'static str,
    /// Said after the value by screen readers, e.g. "%".
    unit: &'static str,
    value: RwSignal<u32>,
    min: u32,
    max: Signal<u32>,
    step: u32,
    disabled: Signal<bool>,
) -> impl IntoView {
    view! {
        <div class="picture__control">
            <label for=id>{label}</label>
            <input
                class="picture__range"
                type="range"
                id=id
                min=min.to_string()
                max=move || max.get().to_string()
                step=step.to_string()
                disabled=disabled
                aria-valuetext=move || format!("{}{unit}", value.get())
                prop:value=move || value.get().to_string()
                on:input:target=move |ev| {
                    let v = ev.target().value_as_number();
                    if v.is_finite() && v >= 0.0 {
                        value.set(v.round() as u32);
                    }
                }
            />
        </div>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn type_by_mime_or_name() {
        assert!(type_ok("image/png", "logo"));
        assert!(type_ok("image/jpeg", "photo.bin"));
        assert!(type_ok("", "Photo.JPG"));
        assert!(type_ok("", "logo.png"));
        assert!(!type_ok("image/gif", "logo.gif"));
        assert!(!type_ok("application/pdf", "brochure.pdf"));
        assert!(!type_ok("", "notes.txt"));
    }

    #[test]
    fn signatures() {
        assert!(sniff(&[0xFF, 0xD8, 0xFF, 0xE0]));
        assert!(sniff(&[0x89, b'P', b'N', b'G', 0x0D, 0x0A, 0x1A, 0x0A]));
        assert!(!sniff(b"hello, world"));
        assert!(!sniff(&[0xFF, 0xD8]));
        assert!(!sniff(b"GIF89a"));
    }

    #[test]
    fn messages() {
        assert_eq!(
            too_large(7.2 * MB),
            "The picture must be 5 MB or smaller; this one is 7.2 MB"
        );
        // Just over the limit never reads as "5.0 MB".
        assert_eq!(
            too_large(5.0 * MB + 1.0),
            "The picture must be 5 MB or smaller; this one is 5.1 MB"
        );
        assert_eq!(
            too_small(120, 90),
            "The picture must be at least 192 × 192 pixels; this one is 120 × 90"
        );
    }

    #[test]
    fn crops_stay_square_inside_the_image() {
        let c = Crop::new(800, 600, 100, 50, 50);
        assert_eq!(
            c,
            Crop {
                x: 100.0,
                y: 0.0,
                side: 600.0
            }
        );
        let c = Crop::new(800, 600, 200, 0, 100);
        assert_eq!(
            c,
            Crop {
                x: 0.0,
                y: 300.0,
                side: 300.0
            }
        );
        for (w, h) in [(192, 192), (800, 600), (600, 4000), (5000, 193)] {
            for zoom in [0, 100, 250, 400, 1000] {
                for pos in [0, 37, 100, 200] {
                    let c = Crop::new(w, h, zoom, pos, pos);
                    assert!(c.side >= f64::from(PICTURE_MIN_SIDE).min(f64::from(w.min(h))));
                    assert!(c.x >= 0.0 && c.x + c.side <= f64::from(w));
                    assert!(c.y >= 0.0 && c.y + c.side <= f64::from(h));
                }
            }
        }
    }

    #[test]
    fn zoom_keeps_enough_pixels() {
        assert_eq!(max_zoom(192, 500), 100);
        assert_eq!(max_zoom(800, 600), 310);
        assert_eq!(max_zoom(4000, 3000), 400);
    }
}
