//! Moving the crop by dragging the preview with a pointer (mouse, pen or
//! touch); the sliders do the same by keyboard. The maths is
//! `domain::picture::dragged`.

use super::actions::Picture;
use domain::picture::dragged;
use leptos::prelude::*;

/// Where a pointer drag on the preview started.
#[derive(Clone, Copy)]
pub struct DragStart {
    x: f64,
    y: f64,
    across: u32,
    down: u32,
}

impl Picture {
    pub fn on_pointer_down(self, ev: web_sys::PointerEvent) {
        if self.image.get_untracked().is_none() || self.stage.get_untracked().uploading() {
            return;
        }
        if let Some(canvas) = self.canvas.get_untracked() {
            let _ = canvas.set_pointer_capture(ev.pointer_id());
        }
        let start = DragStart {
            x: f64::from(ev.client_x()),
            y: f64::from(ev.client_y()),
            across: self.across.get_untracked(),
            down: self.down.get_untracked(),
        };
        self.held(|h| h.drag = Some(start));
    }

    pub fn on_pointer_move(self, ev: web_sys::PointerEvent) {
        let Some(start) = self.held(|h| h.drag).flatten() else {
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
        let (room_x, room_y) = crop.room(w, h);
        let moved_x = f64::from(ev.client_x()) - start.x;
        let moved_y = f64::from(ev.client_y()) - start.y;
        self.across
            .set(dragged(start.across, moved_x, crop.side, shown, room_x));
        self.down
            .set(dragged(start.down, moved_y, crop.side, shown, room_y));
    }

    /// The pointer was lifted, or the browser took it over.
    pub fn end_drag(self) {
        self.held(|h| h.drag = None);
    }
}
