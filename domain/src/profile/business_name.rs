//! The business name's rules: WhatsApp's display name, checked against the
//! mechanical parts of WhatsApp's rules for business names (length, case, web
//! addresses, the word WhatsApp, emoji and special characters).

use super::*;

/// One reason a business name is refused.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum BusinessNameProblem {
    /// Nothing was entered.
    Empty,
    /// Starts or ends with a space.
    SurroundingSpace,
    /// Contains a line break, tab or invisible character.
    Unprintable,
    /// Fewer than [`BUSINESS_NAME_MIN`] characters.
    TooShort,
    /// More than [`BUSINESS_NAME_MAX`] characters.
    TooLong,
    /// Contains a web address such as `www.example.com` or `https://...`.
    WebAddress,
    /// Contains "WhatsApp", however it is spelled.
    WhatsApp,
    /// Contains an emoji, or a symbol such as ™ or ®.
    Emoji,
    /// Contains punctuation other than `' - & . ,`.
    SpecialCharacter,
    /// Two punctuation marks in a row, such as `..` or `-&`.
    RepeatedPunctuation,
    /// More than one space between words.
    ExtraSpaces,
    /// Only digits and punctuation.
    NoLetters,
    /// A word of 5 or more letters all in capitals; holds the word.
    AllCaps(String),
    /// A word whose capitals jump about, such as `ZeNvIa`; holds the word.
    OddCaps(String),
}

impl BusinessNameProblem {
    /// What is wrong and how to fix it.
    pub fn message(&self) -> String {
        match self {
            Self::Empty => "Enter a business name".into(),
            Self::SurroundingSpace => "Business name must not start or end with a space".into(),
            Self::Unprintable => {
                "Business name must be on one line, without tabs or invisible characters".into()
            }
            Self::TooShort => {
                format!("Business name must be {BUSINESS_NAME_MIN} characters or more")
            }
            Self::TooLong => {
                format!("Business name must be {BUSINESS_NAME_MAX} characters or fewer")
            }
            Self::WebAddress => {
                "Business name must not contain a web address, like www.example.com".into()
            }
            Self::WhatsApp => "Business name must not contain the word WhatsApp".into(),
            Self::Emoji => "Business name must not contain emoji or symbols like ™ or ®".into(),
            Self::SpecialCharacter => {
                "Business name can only contain letters, numbers, spaces and these punctuation marks: ' - & . ,"
                    .into()
            }
            Self::RepeatedPunctuation => {
                "Business name must not have 2 punctuation marks in a row, like .. or -&".into()
            }
            Self::ExtraSpaces => "Business name must have only one space between words".into(),
            Self::NoLetters => {
                "Business name must contain letters, not only numbers and punctuation".into()
            }
            Self::AllCaps(word) => format!(
                "Write {word} as {}: business names use capital letters only to start words, or for acronyms of up to 4 letters",
                capitalised(word)
            ),
            Self::OddCaps(word) => format!(
                "Write {word} with normal capital letters, like {}: business names use capital letters to start words",
                capitalised(word)
            ),
        }
    }
}

/// `SWEET` → `Sweet`.
pub fn capitalised(word: &str) -> String {
    match word.chars().next() {
        Some(first) => {
            let (head, rest) = word.split_at(first.len_utf8());
            crate::case::upper(head) + &crate::case::lower(rest)
        }
        None => String::new(),
    }
}

/// The first reason `name` is refused as a business name, if any.
///
/// These are the mechanical parts of WhatsApp's rules for business names
/// (WhatsApp Help Center, "About creating a business name", and Meta's display
/// name guidelines): at least 3 characters; no capitals for whole words except
/// acronyms (we allow up to 4 letters); one space between words; no extra
/// punctuation, emoji or symbols such as ®; no run of non-alphanumeric
/// characters; no URL; no form of "WhatsApp". WhatsApp lets a business keep
/// punctuation or capitals it already uses in its branding; we cannot know
/// that, so such names are refused here. WhatsApp's list of refused characters
/// includes `'`, `&` and `,`, yet its own examples use an apostrophe; we allow
/// `' - & . ,` (and typographic apostrophes and dashes) because real business
/// names need them. A person's name, a generic word or a place alone are
/// refused by Meta's review, not here.
pub fn business_name_problem(name: &str) -> Option<BusinessNameProblem> {
    use BusinessNameProblem as P;
    if name.trim().is_empty() {
        return Some(P::Empty);
    }
    if name.trim() != name {
        return Some(P::SurroundingSpace);
    }
    if name
        .chars()
        .any(|c| is_unprintable(c) || c == '\u{2028}' || c == '\u{2029}')
    {
        return Some(P::Unprintable);
    }
    let chars = count(name);
    if chars < BUSINESS_NAME_MIN {
        return Some(P::TooShort);
    }
    if chars > BUSINESS_NAME_MAX {
        return Some(P::TooLong);
    }
    if has_web_address(name) {
        return Some(P::WebAddress);
    }
    if has_whatsapp(name) {
        return Some(P::WhatsApp);
    }
    if name.chars().any(is_emoji_or_symbol) {
        return Some(P::Emoji);
    }
    if name.chars().any(is_special) {
        return Some(P::SpecialCharacter);
    }
    let listed: Vec<char> = name.chars().collect();
    if listed
        .windows(2)
        .any(|w| is_name_punctuation(w[0]) && is_name_punctuation(w[1]))
    {
        return Some(P::RepeatedPunctuation);
    }
    if listed
        .windows(2)
        .any(|w| w[0].is_whitespace() && w[1].is_whitespace())
    {
        return Some(P::ExtraSpaces);
    }
    if !name.chars().any(char::is_alphabetic) {
        return Some(P::NoLetters);
    }
    for word in name.split(|c: char| !c.is_alphabetic()) {
        let upper = word.chars().filter(|c| c.is_uppercase()).count();
        let lower = word.chars().filter(|c| c.is_lowercase()).count();
        if upper >= 5 && lower == 0 {
            return Some(P::AllCaps(word.to_owned()));
        }
        let jumps = word
            .chars()
            .zip(word.chars().skip(1))
            .filter(|(a, b)| a.is_lowercase() && b.is_uppercase())
            .count();
        if jumps >= 2 {
            return Some(P::OddCaps(word.to_owned()));
        }
    }
    None
}

/// "Business name": the WhatsApp display name; see [`business_name_problem`].
pub fn validate_business_name(name: &str) -> Option<String> {
    business_name_problem(name).map(|p| p.message())
}

/// The punctuation a business name may use: `' - & . ,` and typographic apostrophes and dashes.
fn is_name_punctuation(c: char) -> bool {
    matches!(
        c,
        '\'' | '-' | '&' | '.' | ',' | '\u{2018}' | '\u{2019}' | '\u{2010}'..='\u{2014}'
    )
}

/// Emoji, pictographs, dingbats, arrows, maths and technical symbols, ©, ®, ™ and private-use glyphs.
fn is_emoji_or_symbol(c: char) -> bool {
    matches!(
        c,
        '\u{00A9}'
            | '\u{00AE}'
            | '\u{203C}'
            | '\u{2049}'
            | '\u{20E3}'
            | '\u{2100}'..='\u{2BFF}'
            | '\u{3030}'
            | '\u{303D}'
            | '\u{3297}'
            | '\u{3299}'
            | '\u{E000}'..='\u{F8FF}'
            | '\u{FE0F}'
            | '\u{1F000}'..='\u{1FAFF}'
            | '\u{E0020}'..='\u{E007F}'
            | '\u{F0000}'..='\u{10FFFF}'
    )
}

/// ASCII and Latin-1 punctuation and symbols other than the allowed ones, typographic
/// quotes, bullets and currency signs. Other scripts' marks and punctuation are allowed.
fn is_special(c: char) -> bool {
    if c.is_alphanumeric() || c.is_whitespace() || is_name_punctuation(c) {
        return false;
    }
    c.is_ascii()
        || matches!(
            c,
            '\u{00A1}'..='\u{00BF}' | '\u{00D7}' | '\u{00F7}' | '\u{2015}'..='\u{206F}' | '\u{20A0}'..='\u{20CF}'
        )
}

/// Top-level domains common enough that `name.tld` in a business name is a web address.
const TLDS: &[&str] = &[
    "com", "net", "org", "info", "biz", "io", "co", "ai", "app", "dev", "shop", "store", "online",
    "site", "xyz", "me", "tv", "uk", "us", "ca", "au", "nz", "ie", "de", "fr", "es", "it", "nl",
    "be", "eu", "ch", "at", "se", "no", "dk", "fi", "pl", "pt", "in", "br", "mx", "za", "sg", "hk",
    "jp", "cn", "ae", "sa", "ng", "ke", "tr", "gov", "edu",
];

/// `https://`, `www.`, or a word ending in a dot and a common top-level domain (`shop.example.com`).
fn has_web_address(name: &str) -> bool {
    let lower = crate::case::lower(name);
    if ["http:", "https:", "://", "www."]
        .iter()
        .any(|p| lower.contains(p))
    {
        return true;
    }
    lower.split_whitespace().any(|word| {
        let word = word.trim_end_matches(|c: char| !c.is_alphanumeric());
        match word.rsplit_once('.') {
            Some((before, tld)) => {
                before.chars().last().is_some_and(char::is_alphanumeric) && TLDS.contains(&tld)
            }
            None => false,
        }
    })
}

/// "WhatsApp" in any case, with spaces or symbols in between or look-alike digits
/// (`Whats App`, `wh@ts-app`, `WHATS4PP`). A match that spans two words and runs
/// on into a longer word (`What's Appetisers`) is not counted.
fn has_whatsapp(name: &str) -> bool {
    const TARGET: [char; 8] = ['w', 'h', 'a', 't', 's', 'a', 'p', 'p'];
    let original: Vec<char> = name.chars().collect();
    // The letters of the name, lowercased and with look-alikes mapped, and where each came from.
    let letters: Vec<(usize, char)> = original
        .iter()
        .enumerate()
        .filter_map(|(i, &c)| {
            let mapped = match c {
                '@' | '4' => 'a',
                '$' | '5' => 's',
                '7' | '+' => 't',
                _ if c.is_alphabetic() => crate::case::lower_char(c),
                _ => return None,
            };
            Some((i, mapped))
        })
        .collect();
    letters.windows(TARGET.len()).any(|w| {
        if !w.iter().map(|&(_, c)| c).eq(TARGET) {
            return false;
        }
        let (start, end) = (w[0].0, w[TARGET.len() - 1].0);
        let split = end - start + 1 != TARGET.len();
        let runs_on = original.get(end + 1).is_some_and(|c| c.is_lowercase());
        !(split && runs_on)
    })
}
