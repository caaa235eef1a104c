//! Form values that survive a reload or a trip to the login page.
//!
//! Values live in the tab's sessionStorage under `form:<key>` and are removed
//! once the form is submitted. Only ordinary form text goes here: never a
//! password, a token or anything else secret (callers keep those in memory).

use leptos::prelude::*;

const PREFIX: &str = "form:";

fn storage() -> Option<web_sys::Storage> {
    window().session_storage().ok().flatten()
}

/// A text value kept in sessionStorage under `key` (for example `cm-request.name`).
pub fn remembered(key: &'static str) -> RwSignal<String> {
    let stored = storage()
        .and_then(|s| s.get_item(&format!("{PREFIX}{key}")).ok().flatten())
        .unwrap_or_default();
    let value = RwSignal::new(stored);
    Effect::new(move |_| {
        let v = value.get();
        if let Some(s) = storage() {
            let k = format!("{PREFIX}{key}");
            let _ = if v.is_empty() {
                s.remove_item(&k)
            } else {
                s.set_item(&k, &v)
            };
        }
    });
    value
}

/// Removes the remembered values whose keys start with `prefix` (after a successful submit).
pub fn forget(prefix: &str) {
    let Some(s) = storage() else { return };
    let full = format!("{PREFIX}{prefix}");
    let keys: Vec<String> = (0..s.length().unwrap_or(0))
        .filter_map(|i| s.key(i).ok().flatten())
        .filter(|k| k.starts_with(&full))
        .collect();
    for k in keys {
        let _ = s.remove_item(&k);
    }
}

/// Removes every remembered value (on log out, so the next user of the browser sees none).
pub fn forget_all() {
    forget("");
}
