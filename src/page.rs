//! The document title, which follows the page and says when it shows errors.

use crate::i18n::{fill, text};
use leptos::prelude::*;

/// Keeps `document.title` as "<title> – WhatsApp channel setup", prefixed with
/// "Error: " while `has_errors` is true (GOV.UK pattern), in the app's locale.
/// Inside a host page the host owns the title, so the app leaves it alone.
pub fn use_title(title: impl Fn() -> String + 'static, has_errors: impl Fn() -> bool + 'static) {
    if crate::host::embedded() {
        return;
    }
    crate::reactive::effect(move || {
        let t = &text().common;
        let template = if has_errors() {
            t.title_with_errors
        } else {
            t.title
        };
        document().set_title(&fill(template, &[("title", &title()), ("app", t.app_name)]));
    });
}
