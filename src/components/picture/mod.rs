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
//!
//! The rules and the crop maths are `domain::picture`'s, shared with the
//! backend. Here, [`stage`] says which stage follows which event, [`actions`]
//! holds the field's state and does what each event needs, [`canvas`] decodes,
//! draws and encodes, [`drag`] moves the crop by pointer, and this file is the
//! view.

mod actions;
mod canvas;
mod drag;
mod stage;

use crate::api;
use crate::drafts::Drafts;
use crate::i18n::{fill, text};
use actions::Picture;
use canvas::PREVIEW_SIDE;
use domain::endpoint;
use domain::field::Field;
use domain::picture::{max_zoom, ZOOM_STEP};
use leptos::prelude::*;
use stage::Stage;
use wasm_bindgen::JsCast;

/// A blob: URL of a picture chosen but not yet uploaded, shared with the
/// profile's live preview; the profile pages provide it in context.
#[derive(Clone, Copy)]
pub struct LocalPicture(pub RwSignal<Option<String>>);

/// The picture field of the profile's second page.
#[component]
pub fn ProfilePicture(
    /// The channel's draft, where the uploaded picture's id is saved.
    drafts: Drafts,
    /// The page's error for the field, if any.
    #[prop(into)]
    error: Signal<Option<String>>,
) -> impl IntoView {
    let t = &text().picture;
    let p = Picture::new(drafts, use_context::<LocalPicture>());
    on_cleanup(move || p.release());
    crate::reactive::effect(move || p.draw());

    // The page's message (from Next) until a new upload or removal answers it.
    let page_error_answered = RwSignal::new(false);
    crate::reactive::effect(move || {
        error.track();
        page_error_answered.set(false);
    });
    crate::reactive::effect(move || {
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
                <span class="visually-hidden">{text().common.error_prefix}</span>
                {message}
            </p>
        }
    };

    view! {
        <div class="field picture" class:field--error=invalid>
            <label class="label" for=Field::PictureId.name()>{text().field_label(Field::PictureId)}</label>
            <div class="hint" id="picture_id-hint">{t.hint}</div>
            // Problems found here are announced as they appear; the page's own message is in its error summary.
            <div class="picture__alert" aria-live="assertive" aria-atomic="true">
                {move || p.problem.get().map(error_message)}
            </div>
            {move || page_error().map(error_message)}

            {move || {
                let shown = current().filter(|_| p.image.with(Option::is_none) && p.stage.get() != Stage::Checking);
                shown.map(|id| view! {
                    <div class="picture__current">
                        <img class="picture__thumb" src=api::url(&endpoint::PICTURE.path(&[&id])) alt=t.current width="96" height="96"/>
                        <div class="picture__current-actions">
                            <button type="button" class="button button--secondary" node_ref=p.replace on:click=move |_| {
                                if let Some(input) = p.input.get_untracked() {
                                    input.click();
                                }
                            }>{t.replace}</button>
                            <button type="button" class="button button--secondary" on:click=move |_| p.remove()>{t.remove}</button>
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
                <p class="picture__drop-text" aria-hidden="true">{t.drop_here}</p>
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
    let t = &text().picture;
    let uploading = move || p.stage.get().uploading();
    let max = move || p.image.get().map(|(w, h)| max_zoom(w, h)).unwrap_or(100);
    let no_room_x = move || p.room().0 < 1.0;
    let no_room_y = move || p.room().1 < 1.0;
    let percent = move || p.stage.get().sent_words();
    let progress_value = move || p.stage.get().sent_value();
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
                    aria-label=t.crop_label
                    on:pointerdown=move |ev| p.on_pointer_down(ev)
                    on:pointermove=move |ev| p.on_pointer_move(ev)
                    on:pointerup=move |_| p.end_drag()
                    on:pointercancel=move |_| p.end_drag()
                ></canvas>
            </div>
            <div class="picture__controls">
                <p class="picture__instructions">{t.instructions}</p>
                <Slider
                    id="picture-zoom" label=t.zoom unit=t.zoom_value value=p.zoom
                    min=100 max=Signal::derive(max) step=ZOOM_STEP
                    disabled=Signal::derive(move || uploading() || max() <= 100)
                />
                <Slider
                    id="picture-across" label=t.across unit=t.across_value value=p.across
                    min=0 max=Signal::stored(100) step=1
                    disabled=Signal::derive(move || uploading() || no_room_x())
                />
                <Slider
                    id="picture-down" label=t.down unit=t.down_value value=p.down
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
                        {move || p.stage.get().upload_label()}
                    </button>
                    {move || (!uploading()).then(|| view! {
                        <button type="button" class="button button--secondary" on:click=move |_| p.cancel()>
                            {text().common.cancel}<span class="visually-hidden">{t.cancel_hidden}</span>
                        </button>
                    })}
                </div>
                {move || uploading().then(|| view! {
                    <div class="picture__progress">
                        <label for="picture-progress">{t.uploading_label}</label>
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
    /// What screen readers say for a value, a template with `{value}`, e.g. "{value}%".
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
                aria-valuetext=move || fill(unit, &[("value", &value.get().to_string())])
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
