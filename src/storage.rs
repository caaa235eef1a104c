//! The browser's web storage, for what the app keeps on the device: form text
//! and drafts. Never a password, a token or anything else secret.

use leptos::prelude::window;

/// Which storage.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Store {
    /// This tab only, until it closes (`sessionStorage`).
    Tab,
    /// Every tab of this browser, until removed (`localStorage`).
    Device,
}

fn storage(store: Store) -> Option<web_sys::Storage> {
    match store {
        Store::Tab => window().session_storage(),
        Store::Device => window().local_storage(),
    }
    .ok()
    .flatten()
}

/// The text kept under `key`, if any (and if storage is available).
pub fn read(store: Store, key: &str) -> Option<String> {
    storage(store)?.get_item(key).ok().flatten()
}

/// Keeps `value` under `key`; quietly does nothing when storage is unavailable or full.
pub fn write(store: Store, key: &str, value: &str) {
    if let Some(s) = storage(store) {
        let _ = s.set_item(key, value);
    }
}

/// Removes `key`.
pub fn remove(store: Store, key: &str) {
    if let Some(s) = storage(store) {
        let _ = s.remove_item(key);
    }
}

/// Every key of `store`.
pub fn keys(store: Store) -> Vec<String> {
    let Some(s) = storage(store) else {
        return Vec::new();
    };
    (0..s.length().unwrap_or(0))
        .filter_map(|i| s.key(i).ok().flatten())
        .collect()
}

/// Removes every key that starts with `prefix`.
pub fn remove_prefixed(store: Store, prefix: &str) {
    let Some(s) = storage(store) else { return };
    let keys: Vec<String> = (0..s.length().unwrap_or(0))
        .filter_map(|i| s.key(i).ok().flatten())
        .filter(|k| k.starts_with(prefix))
        .collect();
    for k in keys {
        let _ = s.remove_item(&k);
    }
}
