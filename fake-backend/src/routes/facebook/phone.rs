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
    phone::countries()
        .iter()
        .find(|c| !code.is_empty() && c.calling_code == code)
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
            let other = phone::countries()
                .iter()
                .find(|c| c.calling_code == code)
                .map(|c| c.iso)
                .unwrap_or_default();
            phone::normalise(other, input)
        }
        other => other,
    }
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
    phonenumber::parse(None, number.as_str())
        .map(|p| {
            p.format()
                .mode(phonenumber::Mode::International)
                .to_string()
        })
        .unwrap_or_else(|_| number.to_string())
}

/// An E.164 string in international format; anything else as it is.
pub fn pretty_str(e164: &str) -> String {
    E164::parse(e164)
        .map(|n| pretty(&n))
        .unwrap_or_else(|_| e164.to_string())
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
    }
}
