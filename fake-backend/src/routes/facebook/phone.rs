//! Phone numbers on the dialog: reading a typed number for the pre-filled
//! country, and showing numbers in international format (libphonenumber).

use domain::phone::{self, E164};
use domain::signup::SignupPrefill;

/// The country to read typed numbers for: the pre-fill's, else the first with its calling code.
pub fn country_of(p: &SignupPrefill) -> String {
    if phone::country(&p.country).is_some() {
        return p.country.trim().to_ascii_uppercase();
    }
    let code = p.phone_code.trim().trim_start_matches('+');
    first_with_calling_code(code)
        .map(|c| c.iso.to_string())
        .unwrap_or_default()
}

/// A typed number in E.164: national numbers are read for `country`;
/// international ones (`+…`, `00…`) of another country are taken as they are.
pub fn read_number(country: &str, input: &str) -> Result<E164, phone::PhoneProblem> {
    match phone::normalise(country, input) {
        Err(phone::PhoneProblem::WrongCountryCode {
            found: Some(code), ..
        }) => {
            let other = first_with_calling_code(code).map_or("", |c| c.iso);
            phone::normalise(other, input)
        }
        other => other,
    }
}

/// The first listed country with this calling code (digits, no `+`).
fn first_with_calling_code(code: &str) -> Option<&'static phone::Country> {
    phone::countries().iter().find(|c| c.calling_code == code)
}

/// The pre-filled number as the phone step shows it, e.g. `+44 7400 123456`.
pub fn shown_prefill_number(p: &SignupPrefill) -> String {
    let code: String = p.phone_code.chars().filter(char::is_ascii_digit).collect();
    let number: String = p
        .phone_number
        .chars()
        .filter(char::is_ascii_digit)
        .collect();
    if code.is_empty() && number.is_empty() {
        return String::new();
    }
    match E164::parse(&format!("+{code}{number}")) {
        Ok(e164) => pretty(&e164),
        Err(_) => format!("+{code} {number}"),
    }
}

/// A number in international format, e.g. `+44 7400 123456`.
pub fn pretty(number: &E164) -> String {
    crate::phone::display(number.as_str()).unwrap_or_else(|| number.to_string())
}

/// A flow's number (E.164) as the pages show it, e.g. `+44 7400 123456`; nothing without one.
pub fn shown(e164: Option<&str>) -> String {
    e164.map(|s| E164::parse(s).map_or_else(|_| s.to_string(), |n| pretty(&n)))
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_prefill_gives_the_number_and_its_country() {
        let p = SignupPrefill {
            phone_code: "44".into(),
            phone_number: "7400123456".into(),
            country: "GB".into(),
            ..SignupPrefill::default()
        };
        assert_eq!(shown_prefill_number(&p), "+44 7400 123456");
        assert_eq!(country_of(&p), "GB");
        let no_country = SignupPrefill {
            country: "".into(),
            ..p
        };
        assert_eq!(country_of(&no_country), "GB");
        let nothing = SignupPrefill::default();
        assert_eq!(country_of(&nothing), "");
        assert_eq!(shown_prefill_number(&nothing), "");
    }

    #[test]
    fn a_number_of_another_country_is_read_as_typed() {
        assert_eq!(
            read_number("GB", "07400 123456").map(|n| n.to_string()),
            Ok("+447400123456".to_string())
        );
        assert_eq!(
            read_number("GB", "+1 415 555 2671").map(|n| n.to_string()),
            Ok("+14155552671".to_string())
        );
    }

    #[test]
    fn numbers_are_shown_in_international_format() {
        assert_eq!(shown(Some("+447400123456")), "+44 7400 123456");
        assert_eq!(shown(Some("not a number")), "not a number");
        assert_eq!(shown(None), "");
    }
}
