//! Percent-encoding for one path segment or one query value (RFC 3986).

/// Percent-encodes everything outside the unreserved set (`A-Z a-z 0-9 - _ . ~`),
/// so the result is one path segment or one query value whatever `s` holds.
pub fn encode(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for b in s.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.' | b'~') {
            out.push(b as char);
        } else {
            out.push('%');
            out.push(char::from(HEX[usize::from(b >> 4)]));
            out.push(char::from(HEX[usize::from(b & 0xf)]));
        }
    }
    out
}

const HEX: &[u8; 16] = b"0123456789ABCDEF";

/// Decodes `%XX` escapes; `None` when an escape is malformed or the bytes are not UTF-8.
pub fn decode(s: &str) -> Option<String> {
    let raw = s.as_bytes();
    let mut bytes = Vec::with_capacity(raw.len());
    let mut i = 0;
    while i < raw.len() {
        if raw[i] == b'%' {
            let hex = std::str::from_utf8(raw.get(i + 1..i + 3)?).ok()?;
            bytes.push(u8::from_str_radix(hex, 16).ok()?);
            i += 3;
        } else {
            bytes.push(raw[i]);
            i += 1;
        }
    }
    String::from_utf8(bytes).ok()
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn reserved_characters_are_encoded() {
        assert_eq!(encode("ab/c?d"), "ab%2Fc%3Fd");
        assert_eq!(encode("a b&c=d#e"), "a%20b%26c%3Dd%23e");
        assert_eq!(encode("Ünï"), "%C3%9Cn%C3%AF");
        assert_eq!(encode("keep-_.~09AZaz"), "keep-_.~09AZaz");
    }

    #[test]
    fn malformed_escapes_decode_to_nothing() {
        assert_eq!(decode("a%2Fb").as_deref(), Some("a/b"));
        assert_eq!(decode("a%2"), None);
        assert_eq!(decode("a%zz"), None);
        assert_eq!(decode("%FF"), None);
    }

    proptest! {
        /// The result never holds a character that ends a segment or starts a query,
        /// and decoding it gives the input back.
        #[test]
        fn one_segment_that_decodes_back(s in "\\PC{0,40}") {
            let e = encode(&s);
            prop_assert!(!e.contains(['/', '?', '#', '&', '=', ' ']));
            prop_assert_eq!(decode(&e), Some(s));
        }
    }
}
