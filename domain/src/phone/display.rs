//! Numbers as the pages show them: a registered number in its display form, and a
//! number being typed in international format, as the user grouped it.

use super::{country, digit_of, normalise, PhoneProblem};

/// A number as the pages show it: the backend's `display` form (international
/// format, e.g. `+44 7400 123456`) when it has the same digits as `e164`, else `e164`
/// itself, so a missing, blank or mismatched display never shows another number.
pub fn shown<'a>(display: Option<&'a str>, e164: &'a str) -> &'a str {
    let digits = |s: &'a str| s.chars().filter(char::is_ascii_digit);
    match display.map(str::trim) {
        Some(d) if !d.is_empty() && digits(d).eq(digits(e164)) => d,
        _ => e164,
    }
}

/// The number the user typed, as the pages show it until the backend has its display
/// form: `+`, the calling code, a space, and the national number as the user grouped
/// it (their spaces, hyphens, dots and brackets each become one space), without what
/// `normalise` drops from its start (`00`, the calling code, the trunk prefix):
/// `07400 123456` shows as `+44 7400 123456`, `(415) 555-2671` as `+1 415 555 2671`.
/// Its digits are always the E.164 form's; a number `normalise` refuses is refused here.
pub fn international(country_iso: &str, input: &str) -> Result<String, PhoneProblem> {
    let number = normalise(country_iso, input)?;
    let code = country(country_iso).map_or("", |c| c.calling_code);
    let nsn = number
        .digits()
        .strip_prefix(code)
        .unwrap_or(number.digits());
    let groups = input
        .split(|c: char| digit_of(c).is_none())
        .filter(|g| !g.is_empty())
        .map(|g| g.chars().filter_map(digit_of).collect::<String>());
    // `normalise` only drops digits from the start, so the number is the last
    // `nsn.len()` digits typed: skip the others, group by group.
    let mut skip = groups
        .clone()
        .map(|g| g.len())
        .sum::<usize>()
        .saturating_sub(nsn.len());
    let mut kept = Vec::new();
    for group in groups {
        let dropped = skip.min(group.len());
        skip -= dropped;
        if dropped < group.len() {
            kept.push(group[dropped..].to_owned());
        }
    }
    let grouped = kept.join(" ");
    if grouped.replace(' ', "") == nsn {
        Ok(format!("+{code} {grouped}"))
    } else {
        Ok(format!("+{code} {nsn}"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::phone::countries::any_country;
    use proptest::prelude::*;

    #[test]
    fn a_number_is_shown_in_its_display_form_when_that_is_the_same_number() {
        assert_eq!(
            shown(Some("+44 7400 123456"), "+447400123456"),
            "+44 7400 123456"
        );
        assert_eq!(
            shown(Some("+1 415-555-2671"), "+14155552671"),
            "+1 415-555-2671"
        );
        assert_eq!(shown(None, "+447400123456"), "+447400123456");
        assert_eq!(shown(Some("  "), "+447400123456"), "+447400123456");
        // Another number, or a digit lost on the way, never shows.
        assert_eq!(
            shown(Some("+44 7400 123457"), "+447400123456"),
            "+447400123456"
        );
        assert_eq!(
            shown(Some("+44 7400 12345"), "+447400123456"),
            "+447400123456"
        );
    }

    #[test]
    fn a_typed_number_is_shown_in_international_format_as_the_user_grouped_it() {
        let cases = [
            ("GB", "07400 123456", "+44 7400 123456"),
            ("GB", "07400123456", "+44 7400123456"),
            ("GB", "  07400-123-456 ", "+44 7400 123 456"),
            ("GB", "+44 (0)7400 123456", "+44 7400 123456"),
            ("GB", "0044 7400 123456", "+44 7400 123456"),
            ("GB", "00 44 7400 123456", "+44 7400 123456"),
            ("GB", "447400123456", "+44 7400123456"),
            ("gb", "020 7946 0018", "+44 20 7946 0018"),
            ("US", "(415) 555-2671", "+1 415 555 2671"),
            ("US", "1 415 555 2671", "+1 415 555 2671"),
            ("IT", "06 1234 5678", "+39 06 1234 5678"),
            ("FR", "06 12 34 56 78", "+33 6 12 34 56 78"),
            ("JP", "０９０−１２３４−５６７８", "+81 90 1234 5678"),
            // The trunk prefix typed inside a group: the group keeps its other digits.
            ("GB", "074 00 123456", "+44 74 00 123456"),
        ];
        for (iso, input, expected) in cases {
            assert_eq!(
                international(iso, input).as_deref(),
                Ok(expected),
                "{iso} {input:?}"
            );
        }
        assert_eq!(
            international("GB", "07400 1234"),
            Err(normalise("GB", "07400 1234").unwrap_err())
        );
        assert_eq!(international("GB", ""), Err(PhoneProblem::Empty));
    }
    proptest! {
        /// Whatever display form comes with a number, what is shown has the
        /// number's digits, in their order.
        #[test]
        fn what_is_shown_is_always_the_number(
            e164 in "\\+[1-9][0-9]{6,14}",
            display in proptest::option::of("\\PC{0,24}"),
        ) {
            let digits = |s: &str| s.chars().filter(char::is_ascii_digit).collect::<String>();
            prop_assert_eq!(digits(shown(display.as_deref(), &e164)), digits(&e164));
        }

        /// Whatever is typed, the number shown is the E.164 number's digits after
        /// `+`, the code and one space, grouped by single spaces; refused alike.
        #[test]
        fn the_international_form_is_always_the_number(
            country in any_country(),
            input in prop_oneof![
                "\\PC{0,30}",
                "(\\+|00)?[0-9 ()\\-.]{0,24}",
                "[ \\-.()]{0,3}0[0-9]{1,4}[ \\-.()]{1,3}[0-9]{2,6}[ \\-.]{0,2}[0-9]{0,6}",
            ],
        ) {
            match (normalise(country.iso, &input), international(country.iso, &input)) {
                (Ok(e164), Ok(shown)) => {
                    let prefix = format!("+{} ", country.calling_code);
                    prop_assert!(shown.starts_with(&prefix), "{shown:?}");
                    let rest = &shown[prefix.len()..];
                    prop_assert!(!rest.starts_with(' ') && !rest.ends_with(' ') && !rest.contains("  "), "{shown:?}");
                    prop_assert!(rest.bytes().all(|b| b == b' ' || b.is_ascii_digit()), "{shown:?}");
                    prop_assert_eq!(shown.replace(' ', ""), e164.as_str());
                }
                (Err(a), Err(b)) => prop_assert_eq!(a, b),
                (a, b) => prop_assert!(false, "normalise {a:?} but international {b:?}"),
            }
        }
    }
}
