//! The countries a number can be registered in: each one's calling code, trunk
//! prefix and the lengths of its national numbers (the sources are in `phone`'s
//! own documentation).

use std::ops::RangeInclusive;

/// A country a business phone number can be registered in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Country {
    /// ISO 3166-1 alpha-2 code, e.g. `"GB"`.
    pub iso: &'static str,
    /// English short name, as the country picker shows it.
    pub name: &'static str,
    /// International calling code, digits only, e.g. `"44"`.
    pub calling_code: &'static str,
    /// Fewest digits in a national significant number.
    pub nsn_min: u8,
    /// Most digits in a national significant number.
    pub nsn_max: u8,
    /// Digits dialled before a number inside the country and dropped in E.164 (`"0"`, NANP `"1"`).
    pub trunk_prefix: Option<&'static str>,
}

impl Country {
    /// How many digits a national significant number may have.
    pub fn nsn_lengths(&self) -> RangeInclusive<usize> {
        usize::from(self.nsn_min)..=usize::from(self.nsn_max)
    }

    /// The allowed lengths in words: `"10"`, `"9 or 10"` or `"7 to 10"`.
    pub(super) fn lengths_text(&self, extra: usize) -> String {
        let (min, max) = (
            usize::from(self.nsn_min) + extra,
            usize::from(self.nsn_max) + extra,
        );
        if min == max {
            min.to_string()
        } else if max == min + 1 {
            format!("{min} or {max}")
        } else {
            format!("{min} to {max}")
        }
    }
}

const fn c(
    iso: &'static str,
    name: &'static str,
    calling_code: &'static str,
    nsn_min: u8,
    nsn_max: u8,
    trunk_prefix: Option<&'static str>,
) -> Country {
    Country {
        iso,
        name,
        calling_code,
        nsn_min,
        nsn_max,
        trunk_prefix,
    }
}

const ZERO: Option<&str> = Some("0");

/// Every country offered, in the order the picker lists them (by English name).
const COUNTRIES: &[Country] = &[
    c("AU", "Australia", "61", 9, 9, ZERO),
    c("AT", "Austria", "43", 6, 13, ZERO), // libphonenumber: 4 to 13
    c("BH", "Bahrain", "973", 8, 8, None),
    c("BD", "Bangladesh", "880", 6, 10, ZERO),
    c("BE", "Belgium", "32", 8, 9, ZERO),
    c("BR", "Brazil", "55", 10, 11, ZERO),
    c("CA", "Canada", "1", 10, 10, Some("1")),
    c("CL", "Chile", "56", 9, 9, None),
    c("CN", "China", "86", 7, 11, ZERO),
    c("CO", "Colombia", "57", 8, 10, ZERO),
    c("CZ", "Czechia", "420", 9, 9, None),
    c("DK", "Denmark", "45", 8, 8, None),
    c("EG", "Egypt", "20", 8, 10, ZERO),
    c("FI", "Finland", "358", 5, 10, ZERO),
    c("FR", "France", "33", 9, 9, ZERO),
    c("DE", "Germany", "49", 6, 13, ZERO), // libphonenumber: 5 to 15
    c("GH", "Ghana", "233", 9, 9, ZERO),
    c("GR", "Greece", "30", 10, 10, None),
    c("HK", "Hong Kong", "852", 8, 8, None),
    c("HU", "Hungary", "36", 8, 9, Some("06")),
    c("IN", "India", "91", 10, 10, ZERO),
    c("ID", "Indonesia", "62", 7, 12, ZERO),
    c("IE", "Ireland", "353", 7, 10, ZERO),
    c("IL", "Israel", "972", 8, 12, ZERO),
    c("IT", "Italy", "39", 6, 12, None),
    c("JP", "Japan", "81", 9, 10, ZERO),
    c("JO", "Jordan", "962", 8, 9, ZERO),
    c("KE", "Kenya", "254", 7, 9, ZERO),
    c("KW", "Kuwait", "965", 8, 8, None),
    c("LU", "Luxembourg", "352", 5, 11, None), // libphonenumber: 4 to 11
    c("MY", "Malaysia", "60", 8, 10, ZERO),
    c("MX", "Mexico", "52", 10, 10, None),
    c("MA", "Morocco", "212", 9, 9, ZERO),
    c("NL", "Netherlands", "31", 9, 11, ZERO),
    c("NZ", "New Zealand", "64", 8, 10, ZERO),
    c("NG", "Nigeria", "234", 10, 10, ZERO),
    c("NO", "Norway", "47", 8, 8, None),
    c("OM", "Oman", "968", 8, 8, None),
    c("PK", "Pakistan", "92", 9, 10, ZERO),
    c("PE", "Peru", "51", 8, 9, ZERO),
    c("PH", "Philippines", "63", 6, 10, ZERO),
    c("PL", "Poland", "48", 7, 9, None),
    c("PT", "Portugal", "351", 9, 9, None),
    c("QA", "Qatar", "974", 8, 8, None),
    c("RO", "Romania", "40", 6, 9, ZERO),
    c("SA", "Saudi Arabia", "966", 9, 9, ZERO),
    c("SG", "Singapore", "65", 8, 8, None),
    c("ZA", "South Africa", "27", 6, 9, ZERO), // libphonenumber: 5 to 9
    c("KR", "South Korea", "82", 6, 10, ZERO), // libphonenumber: 5 to 10
    c("ES", "Spain", "34", 9, 9, None),
    c("SE", "Sweden", "46", 7, 9, ZERO),
    c("CH", "Switzerland", "41", 9, 9, ZERO),
    c("TW", "Taiwan", "886", 8, 9, ZERO),
    c("TH", "Thailand", "66", 8, 9, ZERO),
    c("TR", "Turkey", "90", 10, 10, ZERO),
    c("UA", "Ukraine", "380", 9, 9, ZERO),
    c("AE", "United Arab Emirates", "971", 8, 9, ZERO),
    c("GB", "United Kingdom", "44", 9, 10, ZERO),
    c("US", "United States", "1", 10, 10, Some("1")),
    c("VN", "Vietnam", "84", 9, 10, ZERO),
];

/// Every country offered, in the order the picker lists them (by English name).
pub fn countries() -> &'static [Country] {
    COUNTRIES
}

/// The country with ISO alpha-2 code `iso` (any case, surrounding spaces ignored).
pub fn country(iso: &str) -> Option<&'static Country> {
    let iso = iso.trim();
    COUNTRIES.iter().find(|c| c.iso.eq_ignore_ascii_case(iso))
}

/// The calling code at the start of `digits`, if it is one of a listed country.
///
/// E.164 calling codes are prefix-free, so at most one length matches.
pub(super) fn calling_code_at_start(digits: &str) -> Option<&'static str> {
    (1..=3)
        .filter_map(|len| digits.get(..len))
        .find_map(|prefix| {
            COUNTRIES
                .iter()
                .find(|c| c.calling_code == prefix)
                .map(|c| c.calling_code)
        })
}

#[cfg(test)]
pub(super) fn any_country() -> impl proptest::strategy::Strategy<Value = &'static Country> {
    use proptest::strategy::Strategy;
    (0..countries().len()).prop_map(|i| &countries()[i])
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::phone::MAX_E164_DIGITS;

    #[test]
    fn table_is_sound() {
        let mut isos = std::collections::HashSet::new();
        for c in countries() {
            assert!(isos.insert(c.iso), "duplicate {}", c.iso);
            assert_eq!(c.iso.len(), 2);
            assert!(c.iso.bytes().all(|b| b.is_ascii_uppercase()));
            assert!(c.calling_code.bytes().all(|b| b.is_ascii_digit()));
            assert!(!c.calling_code.starts_with('0'));
            assert!(c.nsn_min <= c.nsn_max, "{}", c.iso);
            let total = |n: u8| c.calling_code.len() + usize::from(n);
            assert!(total(c.nsn_min) >= 8, "{} too short", c.iso);
            assert!(total(c.nsn_max) <= MAX_E164_DIGITS, "{} too long", c.iso);
            assert_eq!(country(c.iso), Some(c));
        }
        assert!(countries().len() >= 30);
        let names: Vec<&str> = countries().iter().map(|c| c.name).collect();
        let mut sorted = names.clone();
        sorted.sort_unstable();
        assert_eq!(names, sorted, "listed by name");
        // Calling codes are prefix-free, so the first match is the only one.
        for a in countries() {
            for b in countries() {
                if a.calling_code != b.calling_code {
                    assert!(!b.calling_code.starts_with(a.calling_code));
                }
            }
        }
    }
}
