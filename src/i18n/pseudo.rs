//! The pseudo-locale en-XA, for testing: every ASCII letter accented, every text
//! about 40% longer and bracketed, so an untranslated word, a text built outside
//! the catalogue and a label cut off by its box all show at a glance.

/// `c` with an accent (or a look-alike outside ASCII), or `c` itself if it is no ASCII letter.
pub fn accented(c: char) -> char {
    const LOWER: [char; 26] = [
        'å', 'ƀ', 'ç', 'ð', 'é', 'ƒ', 'ĝ', 'ĥ', 'î', 'ĵ', 'ķ', 'ļ', 'ɱ', 'ñ', 'ö', 'þ', 'ǫ', 'ŕ',
        'š', 'ţ', 'û', 'ṽ', 'ŵ', 'ẋ', 'ý', 'ž',
    ];
    const UPPER: [char; 26] = [
        'Å', 'Ɓ', 'Ç', 'Ð', 'É', 'Ƒ', 'Ĝ', 'Ĥ', 'Î', 'Ĵ', 'Ķ', 'Ļ', 'Ṁ', 'Ñ', 'Ö', 'Þ', 'Ǫ', 'Ŕ',
        'Š', 'Ţ', 'Û', 'Ṽ', 'Ŵ', 'Ẋ', 'Ý', 'Ž',
    ];
    match c {
        'a'..='z' => LOWER[c as usize - 'a' as usize],
        'A'..='Z' => UPPER[c as usize - 'A' as usize],
        _ => c,
    }
}

/// Every ASCII letter of `s` accented (for what `Intl` formats: dates, country names).
pub fn accent(s: &str) -> String {
    s.chars().map(accented).collect()
}

/// A catalogue text in en-XA: the letters accented except inside `{placeholders}`,
/// bracketed, and padded with middle dots so that it is at least 40% longer than
/// the British English (counted without placeholders). Spaces at either end stay
/// outside the brackets, where they separate the text from what is next to it;
/// an empty text stays empty.
pub fn pseudo(s: &str) -> String {
    let inner = s.trim();
    if inner.is_empty() {
        return s.to_string();
    }
    let lead = &s[..s.len() - s.trim_start().len()];
    let trail = &s[s.trim_end().len()..];
    let mut out = String::with_capacity(s.len() * 2 + 16);
    out.push_str(lead);
    out.push('[');
    let mut in_placeholder = false;
    let mut visible = 0usize;
    for c in inner.chars() {
        match c {
            '{' => in_placeholder = true,
            '}' => in_placeholder = false,
            _ => {}
        }
        if in_placeholder || c == '}' {
            out.push(c);
        } else {
            visible += 1;
            out.push(accented(c));
        }
    }
    // The brackets and the space count towards the 40%.
    let dots = visible
        .saturating_mul(2)
        .div_ceil(5)
        .saturating_sub(3)
        .max(1);
    out.push(' ');
    out.extend(std::iter::repeat_n('·', dots));
    out.push(']');
    out.push_str(trail);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The text's length in characters, without its `{placeholders}`.
    fn visible(s: &str) -> usize {
        let mut inside = false;
        s.chars()
            .filter(|&c| {
                let was = inside;
                if c == '{' {
                    inside = true;
                } else if c == '}' {
                    inside = false;
                    return false;
                }
                !was && !inside
            })
            .count()
    }

    #[test]
    fn every_ascii_letter_is_accented_and_nothing_else_changes() {
        let all: String = ('a'..='z').chain('A'..='Z').collect();
        let done = accent(&all);
        assert!(done.chars().all(|c| !c.is_ascii()), "{done}");
        assert_eq!(done.chars().count(), 52);
        let mut seen = std::collections::HashSet::new();
        assert!(
            done.chars().all(|c| seen.insert(c)),
            "each letter has its own accent"
        );
        assert_eq!(accent("12:05, £3.00 – é"), "12:05, £3.00 – é");
        assert_eq!(accent("Log in"), "Ļöĝ îñ");
    }

    #[test]
    fn placeholders_are_untouched() {
        let p = pseudo("Ready by {date}: {name} is {state_name}.");
        assert!(
            p.contains("{date}") && p.contains("{name}") && p.contains("{state_name}"),
            "{p}"
        );
        assert!(
            p.starts_with("[Ŕéåðý ƀý {date}: {name} îš {state_name}."),
            "{p}"
        );
        assert_eq!(
            crate::i18n::fill(
                &p,
                &[("date", "1 May"), ("name", "Sales"), ("state_name", "x")]
            )
            .matches("Sales")
            .count(),
            1
        );
    }

    #[test]
    fn texts_are_at_least_40_percent_longer_and_bracketed() {
        for s in [
            "a",
            "OK",
            "Log in",
            "Next",
            "Channel name",
            "Website URL",
            "You have {count} characters remaining",
            "Your contact-centre licence does not include WhatsApp",
            &"word ".repeat(60),
        ] {
            let p = pseudo(s);
            let (before, after) = (visible(s.trim()), visible(&p));
            assert!(
                after * 10 >= before * 14,
                "{s:?} → {p:?}: {after} < 1.4 × {before}"
            );
            // Not much more than that either: about 40%, plus the brackets for short texts.
            assert!(after <= before * 14 / 10 + 5, "{s:?} → {p:?}");
            // Spaces at either end stay outside the brackets.
            assert!(
                p.trim_start().starts_with('[') && p.trim_end().ends_with(']'),
                "{p}"
            );
            assert!(
                !p.chars().any(|c| c.is_ascii_alphabetic()) || p.contains('{'),
                "{p}"
            );
        }
    }

    #[test]
    fn surrounding_spaces_stay_outside_and_empty_stays_empty() {
        assert_eq!(pseudo(""), "");
        assert_eq!(pseudo("  "), "  ");
        let p = pseudo(" (done)");
        assert!(p.starts_with(" [(ðöñé)"), "{p}");
        let p = pseudo("Logged in to ");
        assert!(p.ends_with("] "), "{p}");
    }
}
