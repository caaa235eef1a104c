//! The browser's image work: reading and decoding the chosen file, drawing a
//! crop on the preview canvas (and the live preview from it), and making the
//! 640 × 640 JPEG to upload.

use super::actions::Picture;
use super::stage::Stage;
use crate::i18n::{fill, text};
use domain::picture::{
    big_enough, oversize_tenths, size_ok, type_ok, Crop, Format, PICTURE_MIN_SIDE,
    PICTURE_UPLOAD_SIDE,
};
use leptos::prelude::*;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;
use web_sys::{Blob, CanvasRenderingContext2d, File, HtmlCanvasElement, ImageBitmap};

/// Side of the crop preview canvas in pixels (shown at 16rem, sharp on 2× screens).
pub const PREVIEW_SIDE: u32 = 480;
/// JPEG quality of the uploaded picture.
const JPEG_QUALITY: f64 = 0.9;
/// JPEG quality of the live preview's picture.
const PREVIEW_QUALITY: f64 = 0.85;
/// Quiet time after the last crop change before the live preview is redrawn.
const PREVIEW_DEBOUNCE_MS: u32 = 120;

impl Picture {
    /// Draws the crop on the preview canvas and schedules the live preview.
    pub fn draw(self) {
        let Some(crop) = self.crop() else { return };
        let Some(canvas) = self.canvas.get() else {
            return;
        };
        let drawn = self.held(|h| {
            h.bitmap
                .as_ref()
                .and_then(|b| draw_square(&canvas, b, crop))
        });
        if drawn.flatten().is_none() {
            self.problem.set(Some(text().picture.unreadable.into()));
            return;
        }
        let Some(generation) = self.held(|h| h.generation) else {
            return;
        };
        let timer = gloo_timers::callback::Timeout::new(PREVIEW_DEBOUNCE_MS, move || {
            leptos::task::spawn_local(async move {
                let Some(canvas) = self.canvas.get_untracked() else {
                    return;
                };
                let Some(blob) = canvas_blob(&canvas, PREVIEW_QUALITY).await else {
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
        self.held(|h| h.preview_timer = Some(timer));
    }
}

/// Reads the first `n` bytes of a file.
async fn head(file: &File, n: i32) -> Option<Vec<u8>> {
    let part = file.slice_with_i32_and_i32(0, n).ok()?;
    let buffer = JsFuture::from(part.array_buffer()).await.ok()?;
    Some(js_sys::Uint8Array::new(&buffer).to_vec())
}

/// The checks, in order (the rules are `domain::picture`'s); the decoded picture
/// when it passes, else the message in the app's locale.
pub async fn check(file: &File) -> Result<ImageBitmap, String> {
    let t = &text().picture;
    let unreadable = || t.unreadable.to_string();
    if !type_ok(&file.type_(), &file.name()) {
        return Err(t.wrong_type.into());
    }
    if !size_ok(file.size()) {
        // "5" and "7.2": whole tenths as integers (float formatting would add kilobytes of wasm).
        let (limit, size) = oversize_tenths(file.size());
        return Err(fill(
            t.too_large,
            &[
                ("limit", &(limit / 10).to_string()),
                ("size", &format!("{}.{}", size / 10, size % 10)),
            ],
        ));
    }
    match head(file, 8).await {
        Some(bytes) if Format::sniff(&bytes).is_some() => {}
        _ => return Err(unreadable()),
    }
    let promise = window()
        .create_image_bitmap_with_blob(file)
        .map_err(|_| unreadable())?;
    let bitmap: ImageBitmap = JsFuture::from(promise)
        .await
        .ok()
        .and_then(|b| b.dyn_into().ok())
        .ok_or_else(unreadable)?;
    let (w, h) = (bitmap.width(), bitmap.height());
    if !big_enough(w, h) {
        bitmap.close();
        return Err(fill(
            t.too_small,
            &[
                ("min", &PICTURE_MIN_SIDE.to_string()),
                ("width", &w.to_string()),
                ("height", &h.to_string()),
            ],
        ));
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
    // Not canvas.toBlob: Chromium encodes for it in idle time, and a page that is
    // never idle (headless, or busy) waits 1 to 6 seconds for it to give up waiting.
    // A 640-pixel JPEG through toDataURL takes a few milliseconds, at once.
    let url = canvas
        .to_data_url_with_type_and_encoder_options("image/jpeg", &JsValue::from_f64(quality))
        .ok()?;
    let base64 = url.split_once(',')?.1;
    let binary = window().atob(base64).ok()?;
    let bytes: Vec<u8> = binary.chars().map(|c| c as u32 as u8).collect();
    let parts = js_sys::Array::of1(&js_sys::Uint8Array::from(bytes.as_slice()));
    let options = web_sys::BlobPropertyBag::new();
    options.set_type("image/jpeg");
    Blob::new_with_u8_array_sequence_and_options(&parts, &options).ok()
}

/// The crop as the 640 × 640 JPEG to upload.
pub async fn upload_blob(source: &ImageBitmap, crop: Crop) -> Option<Blob> {
    let canvas = new_canvas(PICTURE_UPLOAD_SIDE)?;
    draw_square(&canvas, source, crop)?;
    canvas_blob(&canvas, JPEG_QUALITY).await
}
