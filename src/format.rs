//! Dates and times in the user's locale, through the browser's `Intl` (no wasm cost).

use wasm_bindgen::JsValue;

fn options(pairs: &[(&str, &str)]) -> js_sys::Object {
    let o = js_sys::Object::new();
    for (k, v) in pairs {
        let _ = js_sys::Reflect::set(&o, &JsValue::from_str(k), &JsValue::from_str(v));
    }
    o
}

fn format(epoch_secs: f64, pairs: &[(&str, &str)]) -> String {
    let f = js_sys::Intl::DateTimeFormat::new(&js_sys::Array::new(), &options(pairs));
    let date = js_sys::Date::new(&JsValue::from_f64(epoch_secs * 1000.0));
    f.format()
        .call1(&JsValue::UNDEFINED, &date)
        .ok()
        .and_then(|v| v.as_string())
        .unwrap_or_default()
}

/// "14:05" (or "2:05 PM"), in the user's locale.
pub fn clock_time(epoch_secs: f64) -> String {
    format(epoch_secs, &[("hour", "numeric"), ("minute", "2-digit")])
}

/// "25 November 2026" (or "November 25, 2026"), in the user's locale.
pub fn long_date(epoch_secs: f64) -> String {
    format(
        epoch_secs,
        &[("day", "numeric"), ("month", "long"), ("year", "numeric")],
    )
}

/// Seconds since the epoch, now, by the browser's clock.
pub fn now_secs() -> f64 {
    js_sys::Date::now() / 1000.0
}
