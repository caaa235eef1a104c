//! Escaping text for HTML: the one place both sides do it. The fake backend
//! escapes what its server-rendered pages (the dev mailbox, the simulated Facebook
//! dialog) insert; the app escapes its own words in markup it writes once and
//! clones (the channel timeline). User text never becomes markup in the app.
//!
//! One small function rather than a crate: every place text is inserted is
//! element content or a double-quoted attribute value, where the five
//! characters below are the only ones that matter, and its output (`&#39;` for
//! `'`) is what the backend's pages have always sent.

/// Escapes text for HTML element content and quoted attribute values.
pub fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn markup_becomes_text() {
        assert_eq!(
            escape("<script>alert(1)</script>"),
            "&lt;script&gt;alert(1)&lt;/script&gt;"
        );
        assert_eq!(
            escape("<img src=x onerror=alert(1)>"),
            "&lt;img src=x onerror=alert(1)&gt;"
        );
        assert_eq!(
            escape("</textarea><b>bold</b>"),
            "&lt;/textarea&gt;&lt;b&gt;bold&lt;/b&gt;"
        );
    }

    #[test]
    fn quoted_attributes_cannot_be_left() {
        assert_eq!(
            escape("\" autofocus onfocus=\"alert(1)"),
            "&quot; autofocus onfocus=&quot;alert(1)"
        );
        assert_eq!(
            escape("' onmouseover='alert(1)"),
            "&#39; onmouseover=&#39;alert(1)"
        );
    }

    #[test]
    fn entities_are_shown_not_decoded() {
        assert_eq!(
            escape("&lt;b&gt; &amp; A & B"),
            "&amp;lt;b&amp;gt; &amp;amp; A &amp; B"
        );
    }

    #[test]
    fn other_text_is_kept() {
        let text = "Zoë's Café – 東京 / +44 7400 123456 = 100%";
        assert_eq!(escape(text), text.replace('\'', "&#39;"));
        assert_eq!(escape(""), "");
    }

    proptest! {
        #[test]
        fn nothing_special_survives(s in any::<String>()) {
            let out = escape(&s);
            prop_assert!(!out.contains(['<', '>', '"', '\'']));
            // Every `&` starts one of the five entities.
            for (i, _) in out.match_indices('&') {
                let rest = &out[i..];
                prop_assert!(
                    ["&amp;", "&lt;", "&gt;", "&quot;", "&#39;"]
                        .iter()
                        .any(|e| rest.starts_with(e)),
                    "{}", out
                );
            }
            // And unescaping gives the text back.
            let back = out
                .replace("&lt;", "<")
                .replace("&gt;", ">")
                .replace("&quot;", "\"")
                .replace("&#39;", "'")
                .replace("&amp;", "&");
            prop_assert_eq!(back, s);
        }
    }
}
