//! Dates and money in the app's locale, through the browser's `Intl` (headless
//! Chromium through wasm-bindgen-test): the locale the app was mounted with
//! decides, not the browser's. Run: `CHROMEDRIVER=/usr/bin/chromedriver cargo test
//! -p whatsapp-onboarding --target wasm32-unknown-unknown`.
#![cfg(target_arch = "wasm32")]

use domain::embed::Locale;
use domain::money::Currency;
use rust_decimal::Decimal;
use std::str::FromStr;
use wasm_bindgen_test::*;
use whatsapp_onboarding::format;
use whatsapp_onboarding::i18n::{set_locale, text};

wasm_bindgen_test_configure!(run_in_browser);

/// 2026-11-25 12:00 UTC: the same calendar day in every time zone from UTC-11 to UTC+11.
const NOON: f64 = 1_795_608_000.0;

#[wasm_bindgen_test]
fn dates_follow_the_apps_locale() {
    set_locale(Locale::EnGb);
    assert_eq!(format::long_date(NOON), "25 November 2026");
    assert_eq!(format::iso_date("2026-07-01"), "1 July 2026");
    set_locale(Locale::EnUs);
    assert_eq!(format::long_date(NOON), "November 25, 2026");
    assert_eq!(format::iso_date("2026-07-01"), "July 1, 2026");
    // The pseudo-locale: British order, every letter accented.
    set_locale(Locale::EnXa);
    assert_eq!(format::iso_date("2026-07-01"), "1 Ĵûļý 2026");
    set_locale(Locale::EnGb);
}

#[wasm_bindgen_test]
fn money_and_counts_follow_the_apps_locale() {
    let amount = Decimal::from_str("12345678901234567.12").unwrap();
    set_locale(Locale::EnGb);
    assert_eq!(
        format::money(&amount, Currency::GBP),
        "£12,345,678,901,234,567.12"
    );
    // The narrow symbol, as in en-US: the page names the currency.
    assert_eq!(
        format::money(&Decimal::new(3100, 2), Currency::USD),
        "$31.00"
    );
    assert_eq!(
        format::money(&Decimal::new(1813, 2), Currency::EUR),
        "€18.13"
    );
    assert_eq!(format::count(1000), "1,000");
    set_locale(Locale::EnUs);
    assert_eq!(
        format::money(&Decimal::new(3100, 2), Currency::USD),
        "$31.00"
    );
    assert_eq!(
        format::money(&Decimal::new(3100, 2), Currency::GBP),
        "£31.00"
    );
    assert_eq!(format::rate(&Decimal::new(88, 4), Currency::USD), "$0.0088");
    set_locale(Locale::EnGb);
}

#[wasm_bindgen_test]
fn the_texts_follow_the_apps_locale() {
    set_locale(Locale::EnUs);
    assert_eq!(text().eligibility.licence_heading, "Contact-center license");
    set_locale(Locale::EnXa);
    assert_eq!(text().common.log_out, "[Ļöĝ öûţ ·]");
    set_locale(Locale::EnGb);
    assert_eq!(text().eligibility.licence_heading, "Contact-centre licence");
}
