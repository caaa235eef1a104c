//! Unicode case mapping: the one place the domain changes the case of a text.
//!
//! Natively it is the standard library's. In the browser it is the JavaScript
//! engine's (`String.prototype.toLowerCase`/`toUpperCase`), which costs the wasm
//! nothing, where the standard library's case tables cost 10.5 KB brotli of it
//! (447,435 → 436,879 B, measured with them removed). Both follow Unicode's
//! default, locale-independent case mapping (`ß` upper-cases to `SS`, a final
//! sigma lower-cases to `ς`); the app's browser tests check the two agree. ASCII,
//! nearly every text here, is mapped in Rust on both sides, without a call out.

/// `s` in lower case.
pub fn lower(s: &str) -> String {
    if s.is_ascii() {
        return s.to_ascii_lowercase();
    }
    imp::lower(s)
}

/// `s` in upper case.
pub fn upper(s: &str) -> String {
    if s.is_ascii() {
        return s.to_ascii_uppercase();
    }
    imp::upper(s)
}

/// The first character of `c` in lower case (`c` itself if lower-casing it
/// gives nothing).
pub fn lower_char(c: char) -> char {
    if c.is_ascii() {
        return c.to_ascii_lowercase();
    }
    imp::lower(c.encode_utf8(&mut [0; 4]))
        .chars()
        .next()
        .unwrap_or(c)
}

#[cfg(not(target_arch = "wasm32"))]
mod imp {
    pub fn lower(s: &str) -> String {
        s.to_lowercase()
    }
    pub fn upper(s: &str) -> String {
        s.to_uppercase()
    }
}

#[cfg(target_arch = "wasm32")]
mod imp {
    use js_sys::JsString;

    pub fn lower(s: &str) -> String {
        JsString::from(s).to_lower_case().into()
    }
    pub fn upper(s: &str) -> String {
        JsString::from(s).to_upper_case().into()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn maps_beyond_ascii_as_unicode_says() {
        assert_eq!(lower("ÉCOLE Ἀθῆναι"), "école ἀθῆναι");
        assert_eq!(upper("straße"), "STRASSE");
        // A final sigma.
        assert_eq!(lower("ΟΔΟΣ"), "\u{3bf}\u{3b4}\u{3bf}\u{3c2}");
        assert_eq!(lower_char('Ä'), 'ä');
        assert_eq!(lower_char('İ'), 'i');
        assert_eq!(lower_char('7'), '7');
    }

    proptest! {
        /// The ASCII shortcut gives what the full mapping gives.
        #[test]
        fn the_ascii_shortcut_agrees(s in "\\PC{0,40}") {
            prop_assert_eq!(lower(&s), s.to_lowercase());
            prop_assert_eq!(upper(&s), s.to_uppercase());
        }
    }
}
