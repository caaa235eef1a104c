//! Numbers as WhatsApp shows them: libphonenumber's international format, which
//! the backend sends with every E.164 number (Meta's `display_phone_number`).

/// `e164` in international format, e.g. `+44 7400 123456`; `None` when
/// libphonenumber cannot read it (the app then shows the E.164 form).
pub fn display(e164: &str) -> Option<String> {
    phonenumber::parse(None, e164).ok().map(|p| {
        p.format()
            .mode(phonenumber::Mode::International)
            .to_string()
    })
}

#[cfg(test)]
mod tests {
    use super::display;

    #[test]
    fn numbers_are_displayed_in_international_format() {
        assert_eq!(display("+447400123456").as_deref(), Some("+44 7400 123456"));
        assert_eq!(
            display("+442071838750").as_deref(),
            Some("+44 20 7183 8750")
        );
        assert_eq!(display("+14155552671").as_deref(), Some("+1 415-555-2671"));
        assert_eq!(display("not a number"), None);
    }
}
