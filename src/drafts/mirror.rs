//! The draft's copy on this device (local storage), one per account and channel:
//! what it keeps, and when it goes.

use crate::storage::{self, Store};
use domain::draft::FieldTexts;
use serde::{Deserialize, Serialize};

/// What local storage keeps per channel.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub(super) struct Mirror {
    pub(super) values: FieldTexts,
    /// The names of the fields typed here and not saved yet.
    pub(super) dirty: Vec<String>,
    #[serde(default)]
    pub(super) page: Option<String>,
    #[serde(default)]
    pub(super) focus: Option<String>,
    /// When it was last written (milliseconds since 1970, the browser's clock).
    #[serde(default)]
    pub(super) written_at: f64,
}

/// Where every draft mirror is kept: `draft:{account}:{channel}`.
const PREFIX: &str = "draft:";
/// A mirror older than this is removed when the app starts: the backend's
/// longest session (12 hours), so what an ended session left behind does not
/// wait on a shared computer for whoever comes next.
const MAX_AGE_MS: f64 = 12.0 * 60.0 * 60.0 * 1000.0;

pub(super) fn mirror_key(channel: &str) -> String {
    let account = crate::session::account_id().unwrap_or_default();
    format!("{PREFIX}{account}:{channel}")
}

/// Removes the mirror of `channel` (its profile is done with).
pub fn forget(channel: &str) {
    storage::remove(Store::Device, &mirror_key(channel));
}

/// Removes every mirror on this device (logging out).
pub fn forget_all() {
    storage::remove_prefixed(Store::Device, PREFIX);
}

/// Removes the mirrors another account wrote, and any older than [`MAX_AGE_MS`]:
/// a user never sees, nor sends, what someone else typed on this browser.
pub fn forget_others(account: &str) {
    let mine = format!("{PREFIX}{account}:");
    let now = js_sys::Date::now();
    for key in storage::keys(Store::Device) {
        if !key.starts_with(PREFIX) {
            continue;
        }
        let stale = storage::read(Store::Device, &key)
            .and_then(|json| crate::json::from_str::<Mirror>(&json))
            .is_none_or(|m| now - m.written_at > MAX_AGE_MS);
        if !key.starts_with(&mine) || stale {
            storage::remove(Store::Device, &key);
        }
    }
}

pub(super) fn read_mirror(channel: &str) -> Mirror {
    storage::read(Store::Device, &mirror_key(channel))
        .and_then(|json| crate::json::from_str(&json))
        .unwrap_or_default()
}

pub(super) fn write_mirror(channel: &str, m: &Mirror) {
    let m = Mirror {
        written_at: js_sys::Date::now(),
        ..m.clone()
    };
    if let Some(json) = crate::json::to_string(&m) {
        storage::write(Store::Device, &mirror_key(channel), &json);
    }
}
