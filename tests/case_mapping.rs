//! Case mapping in the browser is the JavaScript engine's (`domain::case`, to keep
//! the standard library's case tables out of the wasm): it must give what the
//! standard library gives natively, where the domain's rules are tested. Run:
//! `CHROMEDRIVER=/usr/bin/chromedriver cargo test -p whatsapp-onboarding --target wasm32-unknown-unknown`.
#![cfg(target_arch = "wasm32")]

use domain::case::{lower, lower_char, upper};
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

/// Names a business might have, and the cases Unicode maps specially: a final
/// sigma, `ß`, a dotted capital I, a title-case digraph, a ligature, Cyrillic,
/// Armenian, and letters outside the Basic Multilingual Plane (Deseret).
const SAMPLES: [&str; 9] = [
    "ÉCOLE DU CAFÉ",
    "Straße Bäckerei",
    "ΟΔΟΣ ΑΘΗΝΑΣ",
    "İstanbul Çay",
    "ǅemal ǄEMAL",
    "ﬁne ﬂowers",
    "ПЕКАРНЯ Київ",
    "Երևան",
    "𐐀𐐨",
];

#[wasm_bindgen_test]
fn the_browser_maps_case_as_the_standard_library_does() {
    for s in SAMPLES {
        assert_eq!(lower(s), s.to_lowercase(), "lower({s})");
        assert_eq!(upper(s), s.to_uppercase(), "upper({s})");
        for c in s.chars() {
            let std = c.to_lowercase().next().unwrap_or(c);
            assert_eq!(lower_char(c), std, "lower_char({c})");
        }
    }
}
