//! The document title, which follows the page and says when it shows errors.

use leptos::prelude::*;

/// The app's name, after each page's title.
pub const APP_NAME: &str = "WhatsApp channel setup";

/// Keeps `document.title` as "<title> – WhatsApp channel setup", prefixed with
/// "Error: " while `has_errors` is true (GOV.UK pattern). Inside a host page the
/// host owns the title, so the app leaves it alone.
pub fn use_title(title: impl Fn() -> String + 'static, has_errors: impl Fn() -> bool + 'static) {
    if crate::host::embedded() {
        return;
    }
    Effect::new(move |_| {
        let prefix = if has_errors() { "Error: " } else { "" };
        document().set_title(&format!("{prefix}{} – {APP_NAME}", title()));
    });
}
