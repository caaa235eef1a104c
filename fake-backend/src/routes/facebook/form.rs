//! Reading url-encoded queries and form bodies.

/// The longest text kept from `extras` or a form field.
const TEXT_MAX: usize = 2_048;

/// Decoded `key=value` pairs of a query or form body (bad UTF-8 replaced).
pub fn pairs(raw: &[u8]) -> Vec<(String, String)> {
    form_urlencoded::parse(raw)
        .map(|(k, v)| (k.into_owned(), v.into_owned()))
        .collect()
}

/// The value of `name`, if it appears exactly once.
pub fn one<'a>(pairs: &'a [(String, String)], name: &str) -> Result<Option<&'a str>, ()> {
    let mut found = pairs.iter().filter(|(k, _)| k == name);
    match (found.next(), found.next()) {
        (None, _) => Ok(None),
        (Some((_, v)), None) => Ok(Some(v.as_str())),
        (Some(_), Some(_)) => Err(()),
    }
}

/// The first value of `name` in a form.
pub fn value<'a>(pairs: &'a [(String, String)], name: &str) -> &'a str {
    pairs
        .iter()
        .find(|(k, _)| k == name)
        .map(|(_, v)| v.as_str())
        .unwrap_or_default()
}

/// `s`, cut to [`TEXT_MAX`] characters.
pub fn clip(s: &str) -> String {
    s.chars().take(TEXT_MAX).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_read_once_or_first() {
        let form = pairs(b"a=1&b=x+y%26z&a=2&c=%FF");
        assert_eq!(one(&form, "a"), Err(()));
        assert_eq!(one(&form, "b"), Ok(Some("x y&z")));
        assert_eq!(one(&form, "d"), Ok(None));
        assert_eq!(value(&form, "a"), "1");
        assert_eq!(value(&form, "d"), "");
        assert_eq!(value(&form, "c"), "\u{FFFD}");
    }

    #[test]
    fn clipping_counts_characters() {
        let long = "é".repeat(TEXT_MAX + 5);
        assert_eq!(clip(&long).chars().count(), TEXT_MAX);
        assert_eq!(clip("short"), "short");
    }
}
