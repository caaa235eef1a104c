//! Form values that survive a reload or a trip to the login page.
//!
//! Values live in the tab's sessionStorage under `form:<key>` and are removed
//! once the form is submitted. Only ordinary form text goes here: never a
//! password, a token or anything else secret (callers keep those in memory).

use crate::storage::{self, Store};
use leptos::prelude::*;

const PREFIX: &str = "form:";

/// A text value kept in sessionStorage under `key` (for example `cm-request.name`).
pub fn remembered(key: &'static str) -> RwSignal<String> {
    let stored = storage::read(Store::Tab, &format!("{PREFIX}{key}")).unwrap_or_default();
    let value = RwSignal::new(stored);
    crate::reactive::effect(move || {
        let v = value.get();
        let k = format!("{PREFIX}{key}");
        if v.is_empty() {
            storage::remove(Store::Tab, &k);
        } else {
            storage::write(Store::Tab, &k, &v);
        }
    });
    value
}

/// Removes the remembered values whose keys start with `prefix` (after a successful submit).
pub fn forget(prefix: &str) {
    storage::remove_prefixed(Store::Tab, &format!("{PREFIX}{prefix}"));
}

/// Removes every remembered value (on log out, so the next user of the browser sees none).
pub fn forget_all() {
    forget("");
}
