//! Dates, times, money and counts in the app's locale (see `crate::i18n`), through
//! the browser's `Intl` (no wasm cost). en-XA formats as en-GB, with the letters
//! of dates accented like its texts.

use crate::i18n::{locale, localised};
use std::cell::RefCell;
use wasm_bindgen::JsValue;

/// The app's locale, as `Intl` takes it.
fn locales() -> js_sys::Array {
    js_sys::Array::of1(&JsValue::from_str(locale().intl_tag()))
}

fn options(pairs: &[(&str, &str)]) -> js_sys::Object {
    let o = js_sys::Object::new();
    for (k, v) in pairs {
        let _ = js_sys::Reflect::set(&o, &JsValue::from_str(k), &JsValue::from_str(v));
    }
    o
}

#[derive(Clone, Copy, PartialEq)]
enum Kind {
    Date,
    Number,
}

thread_local! {
    /// The `format` functions of the `Intl` formatters made so far, by locale, kind
    /// and options: making a formatter costs far more than using it, and a list of
    /// channels formats a date on every card.
    static FORMATTERS: RefCell<Vec<(String, js_sys::Function)>> = const { RefCell::new(Vec::new()) };
}

/// The `format` function of the `Intl` formatter of `kind` with `pairs` as its
/// options, in the app's locale (made once, then reused).
fn formatter(kind: Kind, pairs: &[(&str, &str)]) -> js_sys::Function {
    let mut key = String::from(locale().intl_tag());
    key.push(if kind == Kind::Date { 'd' } else { 'n' });
    for (k, v) in pairs {
        key.push('|');
        key.push_str(k);
        key.push('=');
        key.push_str(v);
    }
    let found =
        FORMATTERS.with_borrow(|all| all.iter().find(|(k, _)| *k == key).map(|(_, f)| f.clone()));
    found.unwrap_or_else(|| {
        let f = match kind {
            Kind::Date => js_sys::Intl::DateTimeFormat::new(&locales(), &options(pairs)).format(),
            Kind::Number => js_sys::Intl::NumberFormat::new(&locales(), &options(pairs)).format(),
        };
        FORMATTERS.with_borrow_mut(|all| all.push((key, f.clone())));
        f
    })
}

fn format(epoch_secs: f64, pairs: &[(&str, &str)]) -> String {
    let date = js_sys::Date::new(&JsValue::from_f64(epoch_secs * 1000.0));
    localised(
        formatter(Kind::Date, pairs)
            .call1(&JsValue::UNDEFINED, &date)
            .ok()
            .and_then(|v| v.as_string())
            .unwrap_or_default(),
    )
}

/// "14:05" (or "2:05 PM"), in the app's locale.
pub fn clock_time(epoch_secs: f64) -> String {
    format(epoch_secs, &[("hour", "numeric"), ("minute", "2-digit")])
}

const LONG_DATE: [(&str, &str); 3] = [("day", "numeric"), ("month", "long"), ("year", "numeric")];

/// "25 November 2026" (or "November 25, 2026"), in the app's locale.
pub fn long_date(epoch_secs: f64) -> String {
    format(epoch_secs, &LONG_DATE)
}

/// Makes the long-date formatter ahead of need, just after the page has drawn
/// itself: a page's first `Intl` formatter costs about 20 ms of main thread to make
/// (in a CPU profile of the channels page), which a list can pay while it waits for
/// its answer instead of after it.
pub fn prepare_long_dates() {
    gloo_timers::callback::Timeout::new(0, || {
        formatter(Kind::Date, &LONG_DATE);
    })
    .forget();
}

/// Seconds since the epoch, now, by the browser's clock.
pub fn now_secs() -> f64 {
    js_sys::Date::now() / 1000.0
}

fn number_format(pairs: &[(&str, &str)]) -> js_sys::Function {
    formatter(Kind::Number, pairs)
}

fn call_format(f: &js_sys::Function, value: &str) -> String {
    // The value goes in as a decimal string, never an f64, so no digit is lost.
    f.call1(&JsValue::UNDEFINED, &JsValue::from_str(value))
        .ok()
        .and_then(|v| v.as_string())
        .unwrap_or_else(|| value.to_string())
}

/// An amount with the currency's symbol and as many decimals as its minor unit, e.g. "£31.00" or "$12.80".
///
/// The narrow symbol ("$", not en-GB's "US$"): the page names the invoice currency
/// beside every amount, so the symbol never has to tell dollars apart.
pub fn money(amount: &rust_decimal::Decimal, currency: domain::money::Currency) -> String {
    let digits = currency.minor_units().to_string();
    let f = number_format(&[
        ("style", "currency"),
        ("currency", currency.code()),
        ("currencyDisplay", "narrowSymbol"),
        ("minimumFractionDigits", &digits),
        ("maximumFractionDigits", &digits),
    ]);
    call_format(&f, &amount.to_string())
}

/// A per-session rate with up to 4 decimals, e.g. "£0.028" or "$0.0088".
pub fn rate(amount: &rust_decimal::Decimal, currency: domain::money::Currency) -> String {
    let min = currency.minor_units().to_string();
    let f = number_format(&[
        ("style", "currency"),
        ("currency", currency.code()),
        ("currencyDisplay", "narrowSymbol"),
        ("minimumFractionDigits", &min),
        ("maximumFractionDigits", "4"),
    ]);
    call_format(&f, &amount.to_string())
}

/// A whole number with the locale's grouping, e.g. "1,000" (written in Rust, see
/// [`domain::embed::Locale::count`]).
pub fn count(n: u64) -> String {
    locale().count(n)
}

/// An ISO calendar date ("2026-07-01") as a long date in the app's locale.
pub fn iso_date(iso: &str) -> String {
    let ms = js_sys::Date::parse(iso);
    if ms.is_nan() {
        return iso.to_string();
    }
    // The ISO date is a calendar day, not an instant: format it in UTC so no time zone moves it.
    format(
        ms / 1000.0,
        &[
            ("day", "numeric"),
            ("month", "long"),
            ("year", "numeric"),
            ("timeZone", "UTC"),
        ],
    )
}
