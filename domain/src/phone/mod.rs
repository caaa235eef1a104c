//! Phone numbers: a compact check, small enough for the browser, that a number
//! could belong to the chosen country, and its E.164 form.
//!
//! The check knows each country's calling code, its national trunk prefix
//! (the `0` dialled before a number inside the country, if it has one) and the
//! lengths its national significant numbers (NSN: the digits after the calling
//! code) can have. It does not know which number ranges are in use: the backend
//! runs full libphonenumber for that.
//!
//! The lengths are the fixed-line and mobile `possibleLengths` of Google's
//! libphonenumber metadata (`PhoneNumberMetadata.xml`, checked in July 2026),
//! which follow the ITU-T E.164 national numbering plans. Where a country's
//! shortest numbers would make a whole number of fewer than 8 digits (Austria,
//! Germany, Luxembourg, South Africa, South Korea), the minimum is raised so that
//! the whole number has at least 8; where the longest would pass E.164's 15
//! digits (Germany), the maximum is lowered to fit.
//!
//! What is accepted: digits, spaces, hyphens, dots and brackets; a leading `+`
//! or `00` (the number is then international, and must start with the chosen
//! country's calling code); otherwise the number as dialled inside the country,
//! with or without its trunk prefix. Italy (and the other countries without a
//! trunk prefix) keep a leading `0`: it is part of the number.

use std::fmt;

use serde::{Deserialize, Serialize};

/// The most digits an E.164 number has, calling code included.
pub const MAX_E164_DIGITS: usize = 15;
/// The fewest digits [`E164::parse`] accepts (the shortest numbers in use have 7).
pub const MIN_E164_DIGITS: usize = 7;

mod countries;
mod display;

use countries::calling_code_at_start;
pub use countries::{countries, country, Country};
pub use display::{international, shown};

/// A phone number in E.164 form: `+`, then the calling code and national number, up to 15 digits.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct E164(String);

impl E164 {
    /// Checks the shape only: `+`, a first digit 1 to 9, then 7 to 15 digits in all.
    pub fn parse(text: &str) -> Result<Self, NotE164> {
        let digits = text.strip_prefix('+').ok_or(NotE164)?;
        let shaped = (MIN_E164_DIGITS..=MAX_E164_DIGITS).contains(&digits.len())
            && digits.bytes().all(|b| b.is_ascii_digit())
            && !digits.starts_with('0');
        if shaped {
            Ok(Self(text.to_owned()))
        } else {
            Err(NotE164)
        }
    }

    /// The number as `+` and digits, e.g. `"+447700900123"`.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The digits without the `+`.
    pub fn digits(&self) -> &str {
        self.0.strip_prefix('+').unwrap_or(&self.0)
    }
}

impl fmt::Display for E164 {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl TryFrom<String> for E164 {
    type Error = NotE164;

    fn try_from(text: String) -> Result<Self, NotE164> {
        Self::parse(&text)
    }
}

impl From<E164> for String {
    fn from(number: E164) -> Self {
        number.0
    }
}

/// A string that is not `+` followed by 7 to 15 digits.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct NotE164;

impl fmt::Display for NotE164 {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("not an E.164 phone number: expected + and 7 to 15 digits")
    }
}

impl std::error::Error for NotE164 {}

/// Why a phone number is refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PhoneProblem {
    /// Nothing was entered.
    Empty,
    /// Something other than digits, spaces, hyphens, dots, brackets and a leading `+`.
    NotDigits,
    /// The chosen country is missing or not one of [`countries`].
    UnknownCountry,
    /// An international number whose calling code is not the chosen country's.
    WrongCountryCode {
        /// The country chosen in the picker.
        selected: &'static Country,
        /// The listed calling code the number starts with, if any.
        found: Option<&'static str>,
    },
    /// Fewer national digits than the country's numbers have.
    TooShort {
        /// The country the number was checked against.
        country: &'static Country,
        /// How many national digits there were.
        digits: usize,
    },
    /// More national digits than the country's numbers have.
    TooLong {
        /// The country the number was checked against.
        country: &'static Country,
        /// How many national digits there were.
        digits: usize,
    },
}

impl PhoneProblem {
    /// What is wrong and how to fix it.
    pub fn message(&self) -> String {
        match self {
            Self::Empty => "Enter a phone number".into(),
            Self::NotDigits => {
                "Phone number can only contain digits, spaces, brackets, hyphens and a leading +"
                    .into()
            }
            Self::UnknownCountry => "Select the country of your phone number".into(),
            Self::WrongCountryCode { selected, found } => match found {
                Some(code) => {
                    let names: Vec<&str> = countries()
                        .iter()
                        .filter(|c| c.calling_code == *code)
                        .map(|c| c.name)
                        .collect();
                    let choose = match names.as_slice() {
                        [one] => (*one).to_owned(),
                        _ => "the right country".to_owned(),
                    };
                    format!(
                        "This number starts with +{code}, which is {}, not {}: choose {choose} or check the number",
                        names.join(" or "),
                        selected.name,
                    )
                }
                None => format!(
                    "This number does not start with +{}, the code for {}: choose the right country or check the number",
                    selected.calling_code, selected.name,
                ),
            },
            Self::TooShort { country, .. } => {
                format!("Phone number is too short: {}", length_rule(country))
            }
            Self::TooLong { country, .. } => {
                format!("Phone number is too long: {}", length_rule(country))
            }
        }
    }
}

impl fmt::Display for PhoneProblem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message())
    }
}

/// `"after +44, United Kingdom numbers have 9 or 10 digits (10 or 11 if you start with 0)"`.
fn length_rule(country: &Country) -> String {
    let mut rule = format!(
        "after +{}, {} numbers have {} digits",
        country.calling_code,
        country.name,
        country.lengths_text(0)
    );
    if let Some(trunk) = country.trunk_prefix {
        rule.push_str(&format!(
            " ({} if you start with {trunk})",
            country.lengths_text(trunk.len())
        ));
    }
    rule
}

/// The ASCII digit for `c` in any of the digit sets phone keyboards commonly produce.
pub(super) fn digit_of(c: char) -> Option<char> {
    let zero = match c {
        '0'..='9' => return Some(c),
        '\u{FF10}'..='\u{FF19}' => 0xFF10, // fullwidth
        '\u{0660}'..='\u{0669}' => 0x0660, // Arabic-Indic
        '\u{06F0}'..='\u{06F9}' => 0x06F0, // Extended Arabic-Indic
        '\u{0966}'..='\u{096F}' => 0x0966, // Devanagari
        _ => return None,
    };
    char::from_digit(u32::from(c) - zero, 10)
}

/// Spaces, hyphens and dashes, dots and brackets, which only group the digits.
fn is_separator(c: char) -> bool {
    c.is_whitespace()
        || matches!(
            c,
            '-' | '.' | '(' | ')' | '\u{2010}'
                ..='\u{2015}' | '\u{2212}' | '\u{FF08}' | '\u{FF09}' | '\u{FF0D}' | '\u{FF0E}'
        )
}

/// The digits of `input`, and whether it started with `+`.
fn clean(input: &str) -> Result<(bool, String), PhoneProblem> {
    let mut plus = false;
    let mut digits = String::new();
    for c in input.chars() {
        if let Some(d) = digit_of(c) {
            digits.push(d);
        } else if c == '+' || c == '\u{FF0B}' {
            // Only as the first thing typed.
            if plus || !digits.is_empty() {
                return Err(PhoneProblem::NotDigits);
            }
            plus = true;
        } else if !is_separator(c) {
            return Err(PhoneProblem::NotDigits);
        }
    }
    Ok((plus, digits))
}

/// `nsn` without one leading trunk prefix of `country`, if it has one.
fn strip_trunk<'a>(country: &Country, nsn: &'a str) -> &'a str {
    country
        .trunk_prefix
        .and_then(|trunk| nsn.strip_prefix(trunk))
        .unwrap_or(nsn)
}

/// The E.164 form of `input`, a number the user typed for the country `country_iso`.
pub fn normalise(country_iso: &str, input: &str) -> Result<E164, PhoneProblem> {
    if input.trim().is_empty() {
        return Err(PhoneProblem::Empty);
    }
    let country = country(country_iso).ok_or(PhoneProblem::UnknownCountry)?;
    let (plus, digits) = clean(input)?;
    if digits.is_empty() {
        return Err(PhoneProblem::TooShort { country, digits: 0 });
    }
    let international = if plus {
        Some(digits.as_str())
    } else {
        digits.strip_prefix("00")
    };
    let lengths = country.nsn_lengths();
    let (min, max) = (*lengths.start(), *lengths.end());
    let nsn = match international {
        Some(full) => match full.strip_prefix(country.calling_code) {
            // libphonenumber also drops a trunk prefix written after the code: +44 (0)7700 ...
            Some(rest) => strip_trunk(country, rest),
            None => {
                return Err(PhoneProblem::WrongCountryCode {
                    selected: country,
                    found: calling_code_at_start(full),
                })
            }
        },
        None => {
            let national = strip_trunk(country, &digits);
            // Typed with the calling code but without the +: 447700900123.
            let without_code = digits
                .strip_prefix(country.calling_code)
                .map(|rest| strip_trunk(country, rest))
                .filter(|rest| lengths.contains(&rest.len()));
            match without_code {
                Some(rest) if national.len() > max => rest,
                _ => national,
            }
        }
    };
    if nsn.len() < min {
        return Err(PhoneProblem::TooShort {
            country,
            digits: nsn.len(),
        });
    }
    if nsn.len() > max {
        return Err(PhoneProblem::TooLong {
            country,
            digits: nsn.len(),
        });
    }
    E164::parse(&format!("+{}{nsn}", country.calling_code)).map_err(|_| PhoneProblem::TooShort {
        country,
        digits: nsn.len(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn accepted_numbers() {
        let cases = [
            ("GB", "07700 900123", "+447700900123"),
            ("GB", "+44 7700 900123", "+447700900123"),
            ("GB", "0044 7700 900123", "+447700900123"),
            ("GB", "+44 (0)7700 900123", "+447700900123"),
            ("GB", "447700900123", "+447700900123"),
            ("GB", "020 7946 0018", "+442079460018"),
            ("GB", "  07700-900-123  ", "+447700900123"),
            ("gb", "07700.900.123", "+447700900123"),
            ("US", "(415) 555-2671", "+14155552671"),
            ("US", "+1 415 555 2671", "+14155552671"),
            ("US", "1 415 555 2671", "+14155552671"),
            ("US", "001 415 555 2671", "+14155552671"),
            ("CA", "+1 604 555 0199", "+16045550199"),
            ("FR", "06 12 34 56 78", "+33612345678"),
            ("FR", "+33 6 12 34 56 78", "+33612345678"),
            ("IT", "06 1234 5678", "+390612345678"),
            ("IT", "+39 06 1234 5678", "+390612345678"),
            ("IT", "333 123 4567", "+393331234567"),
            ("DE", "030 123456", "+4930123456"),
            ("DE", "0151 23456789", "+4915123456789"),
            ("IE", "087 123 4567", "+353871234567"),
            ("ES", "612 34 56 78", "+34612345678"),
            ("HU", "06 20 123 4567", "+36201234567"),
            ("AU", "0412 345 678", "+61412345678"),
            ("IN", "098765 43210", "+919876543210"),
            ("JP", "090-1234-5678", "+819012345678"),
            ("JP", "０９０−１２３４−５６７８", "+819012345678"),
            ("AE", "+971 50 123 4567", "+971501234567"),
            ("SG", "8123 4567", "+6581234567"),
            ("BR", "(11) 91234-5678", "+5511912345678"),
        ];
        for (iso, input, expected) in cases {
            assert_eq!(
                normalise(iso, input).map(|e| e.as_str().to_owned()),
                Ok(expected.to_owned()),
                "{iso} {input:?}"
            );
        }
    }

    #[test]
    fn refused_numbers() {
        let gb = country("GB").unwrap();
        let cases = [
            ("GB", "", PhoneProblem::Empty),
            ("GB", "   ", PhoneProblem::Empty),
            ("", "07700 900123", PhoneProblem::UnknownCountry),
            ("XX", "07700 900123", PhoneProblem::UnknownCountry),
            ("GB", "07700 9001ab", PhoneProblem::NotDigits),
            ("GB", "07700 900123 ext 4", PhoneProblem::NotDigits),
            ("GB", "0770+0900123", PhoneProblem::NotDigits),
            ("GB", "++447700900123", PhoneProblem::NotDigits),
            ("GB", "07700/900123", PhoneProblem::NotDigits),
            (
                "GB",
                "+33 6 12 34 56 78",
                PhoneProblem::WrongCountryCode {
                    selected: gb,
                    found: Some("33"),
                },
            ),
            (
                "GB",
                "0033 6 12 34 56 78",
                PhoneProblem::WrongCountryCode {
                    selected: gb,
                    found: Some("33"),
                },
            ),
            (
                "GB",
                "+999 1234 5678",
                PhoneProblem::WrongCountryCode {
                    selected: gb,
                    found: None,
                },
            ),
            (
                "GB",
                "07700 9001",
                PhoneProblem::TooShort {
                    country: gb,
                    digits: 8,
                },
            ),
            (
                "GB",
                "+",
                PhoneProblem::TooShort {
                    country: gb,
                    digits: 0,
                },
            ),
            (
                "GB",
                "07700 9001234",
                PhoneProblem::TooLong {
                    country: gb,
                    digits: 11,
                },
            ),
        ];
        for (iso, input, expected) in cases {
            assert_eq!(normalise(iso, input), Err(expected), "{iso} {input:?}");
        }
    }

    #[test]
    fn messages_say_what_to_do() {
        let gb = country("GB").unwrap();
        assert_eq!(
            normalise("GB", "+33 6 12 34 56 78").unwrap_err().message(),
            "This number starts with +33, which is France, not United Kingdom: choose France or check the number"
        );
        assert_eq!(
            normalise("GB", "+1 415 555 2671").unwrap_err().message(),
            "This number starts with +1, which is Canada or United States, not United Kingdom: choose the right country or check the number"
        );
        assert_eq!(
            PhoneProblem::WrongCountryCode { selected: gb, found: None }.message(),
            "This number does not start with +44, the code for United Kingdom: choose the right country or check the number"
        );
        assert_eq!(
            normalise("GB", "0770 090").unwrap_err().message(),
            "Phone number is too short: after +44, United Kingdom numbers have 9 or 10 digits (10 or 11 if you start with 0)"
        );
        assert_eq!(
            normalise("IT", "+39 1234567890123").unwrap_err().message(),
            "Phone number is too long: after +39, Italy numbers have 6 to 12 digits"
        );
        assert_eq!(
            normalise("US", "415 555 267").unwrap_err().message(),
            "Phone number is too short: after +1, United States numbers have 10 digits (11 if you start with 1)"
        );
        assert_eq!(PhoneProblem::Empty.message(), "Enter a phone number");
        assert_eq!(
            PhoneProblem::NotDigits.to_string(),
            "Phone number can only contain digits, spaces, brackets, hyphens and a leading +"
        );
    }

    #[test]
    fn e164_shape_and_serde() {
        let n = E164::parse("+447700900123").unwrap();
        assert_eq!(n.as_str(), "+447700900123");
        assert_eq!(n.digits(), "447700900123");
        assert_eq!(serde_json::to_string(&n).unwrap(), r#""+447700900123""#);
        let back: E164 = serde_json::from_str(r#""+447700900123""#).unwrap();
        assert_eq!(back, n);
        for bad in [
            "447700900123",
            "+0447700900123",
            "+44 7700 900123",
            "+123456",
            "+1234567890123456",
            "+",
            "",
        ] {
            assert_eq!(E164::parse(bad), Err(NotE164), "{bad:?}");
            assert!(serde_json::from_str::<E164>(&format!("{bad:?}")).is_err());
        }
    }

    use crate::phone::countries::any_country;

    proptest! {
        /// Whatever is typed, `normalise` answers without panicking, and any
        /// number it accepts is `+`, the country's code, and 8 to 15 digits.
        #[test]
        fn normalise_never_panics_and_accepts_only_e164(
            country in any_country(),
            input in prop_oneof![
                "\\PC*",
                any::<String>(),
                "\\+?[0-9 ()\\-.]{0,24}",
                "(00)?[0-9]{0,20}",
            ],
        ) {
            if let Ok(number) = normalise(country.iso, &input) {
                let digits = number.as_str().strip_prefix('+').unwrap();
                prop_assert!((8..=15).contains(&digits.len()), "{}", number);
                prop_assert!(digits.bytes().all(|b| b.is_ascii_digit()));
                prop_assert!(digits.starts_with(country.calling_code));
            }
        }

        /// A national number of an allowed length, written the international
        /// way, comes back as exactly `+`, the code and those digits.
        #[test]
        fn international_form_round_trips(
            country in any_country(),
            seed in "[1-9][0-9]{14}",
            extra in 0u8..=20,
        ) {
            let len = country.nsn_min + extra % (country.nsn_max - country.nsn_min + 1);
            let nsn = &seed[..usize::from(len)];
            // A number starting with the trunk prefix would lose it.
            prop_assume!(country.trunk_prefix.is_none_or(|t| !nsn.starts_with(t)));
            let expected = format!("+{}{nsn}", country.calling_code);
            prop_assert_eq!(normalise(country.iso, &expected).map(String::from), Ok(expected.clone()));
            let spaced = format!("00 {} {nsn}", country.calling_code);
            prop_assert_eq!(normalise(country.iso, &spaced).map(String::from), Ok(expected));
        }

        /// Problems always have a message.
        #[test]
        fn every_problem_has_a_message(country in any_country(), input in "\\PC{0,30}") {
            if let Err(problem) = normalise(country.iso, &input) {
                prop_assert!(!problem.message().is_empty());
            }
        }
    }
}
