//! The WhatsApp Business profile the customer fills in over two pages, and its checks.
//!
//! The browser runs these checks as the user types and submits, and the fake
//! backend runs them again, so both give the same messages.
//!
//! Limits follow Meta's WhatsApp Business Profile API (`POST
//! /PHONE_NUMBER_ID/whatsapp_business_profile`): `about` (our tagline) 1 to 139
//! characters, `description` 512, `address` 256, `email` 128 in a valid format,
//! each of `websites` 256 and starting with `http://` or `https://`, `vertical`
//! one of a fixed list. The business name is WhatsApp's display name, checked
//! against the mechanical parts of WhatsApp's rules for business names.
//!
//! Lengths count Unicode scalar values (`chars().count()`). Meta's docs say
//! "characters" without saying how they count; its servers are Java and PHP and
//! the docs ask for emoji to be sent Java- or JavaScript-escaped, so Meta may
//! count an emoji outside the Basic Multilingual Plane as 2 (UTF-16 code units).
//! A text at our limit that is full of such emoji could therefore still be
//! refused by Meta.
//!
//! Each validator checks the text as given. Call [`ProfileDraft::tidied`]
//! before saving or submitting to trim surrounding spaces.

use email_address::{EmailAddress, Options};
use serde::{Deserialize, Serialize};

use crate::error::FieldError;
use crate::phone::{self, E164};
use crate::problem::{worded, FieldProblem, Problem};

mod business_name;
mod contact;
pub use business_name::*;
pub use contact::*;

/// The most characters in a channel name (our own limit: it names the channel in lists).
pub const CHANNEL_NAME_MAX: usize = 64;
/// The fewest characters in a business name (WhatsApp's business-name rules).
pub const BUSINESS_NAME_MIN: usize = 3;
/// The most characters in a business name (Meta publishes none; Twilio's sender API takes up to 255).
pub const BUSINESS_NAME_MAX: usize = 255;
/// The most characters in the tagline (Meta's `about`: 1 to 139).
pub const TAGLINE_MAX: usize = 139;
/// The most characters in the description (Meta's `description`).
pub const DESCRIPTION_MAX: usize = 512;
/// The most characters in the business address (Meta's `address`).
pub const ADDRESS_MAX: usize = 256;
/// The most characters in the contact email address (Meta's `email`).
pub const EMAIL_MAX: usize = 128;
/// The most characters in a website address (each of Meta's `websites`).
pub const WEBSITE_MAX: usize = 256;

pub use crate::field::{Field, ProfilePage};

/// The business category: Meta's `vertical` values, serialized as Meta spells them.
///
/// Meta's reference lists `UNDEFINED`, the 16 industries, `OTHER` and
/// `NOT_A_BIZ`; since August 2024 it also takes `ALCOHOL`, `ONLINE_GAMBLING`,
/// `PHYSICAL_GAMBLING` and `OTC_DRUGS` (allowed in some countries only). We
/// leave out `UNDEFINED` (no choice yet is `None`) and `NOT_A_BIZ` (this is a
/// business account).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum Category {
    /// `AUTO`.
    Auto,
    /// `BEAUTY`.
    Beauty,
    /// `APPAREL`.
    Apparel,
    /// `EDU`.
    Edu,
    /// `ENTERTAIN`.
    Entertain,
    /// `EVENT_PLAN`.
    EventPlan,
    /// `FINANCE`.
    Finance,
    /// `GROCERY`.
    Grocery,
    /// `GOVT`.
    Govt,
    /// `HOTEL`.
    Hotel,
    /// `HEALTH`.
    Health,
    /// `NONPROFIT`.
    Nonprofit,
    /// `PROF_SERVICES`.
    ProfServices,
    /// `RETAIL`.
    Retail,
    /// `TRAVEL`.
    Travel,
    /// `RESTAURANT`.
    Restaurant,
    /// `ALCOHOL`.
    Alcohol,
    /// `ONLINE_GAMBLING`.
    OnlineGambling,
    /// `PHYSICAL_GAMBLING`.
    PhysicalGambling,
    /// `OTC_DRUGS`.
    OtcDrugs,
    /// `OTHER`.
    Other,
}

impl Category {
    /// Every category in the order the picker lists them: by its British English
    /// label in the app's catalogue, "Other" last.
    pub const ALL: [Category; 21] = [
        Self::Alcohol,
        Self::Auto,
        Self::Beauty,
        Self::Apparel,
        Self::Edu,
        Self::Entertain,
        Self::EventPlan,
        Self::Finance,
        Self::Grocery,
        Self::Hotel,
        Self::Health,
        Self::PhysicalGambling,
        Self::Nonprofit,
        Self::OnlineGambling,
        Self::OtcDrugs,
        Self::ProfServices,
        Self::Govt,
        Self::Restaurant,
        Self::Retail,
        Self::Travel,
        Self::Other,
    ];

    /// Meta's code, e.g. `"PROF_SERVICES"`: the JSON value and the `<option>` value.
    pub fn code(self) -> &'static str {
        match self {
            Self::Auto => "AUTO",
            Self::Beauty => "BEAUTY",
            Self::Apparel => "APPAREL",
            Self::Edu => "EDU",
            Self::Entertain => "ENTERTAIN",
            Self::EventPlan => "EVENT_PLAN",
            Self::Finance => "FINANCE",
            Self::Grocery => "GROCERY",
            Self::Govt => "GOVT",
            Self::Hotel => "HOTEL",
            Self::Health => "HEALTH",
            Self::Nonprofit => "NONPROFIT",
            Self::ProfServices => "PROF_SERVICES",
            Self::Retail => "RETAIL",
            Self::Travel => "TRAVEL",
            Self::Restaurant => "RESTAURANT",
            Self::Alcohol => "ALCOHOL",
            Self::OnlineGambling => "ONLINE_GAMBLING",
            Self::PhysicalGambling => "PHYSICAL_GAMBLING",
            Self::OtcDrugs => "OTC_DRUGS",
            Self::Other => "OTHER",
        }
    }

    /// The category with Meta's code `code` (exact spelling), e.g. from an `<option>` value.
    pub fn from_code(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|c| c.code() == code)
    }
}

/// The profile as the customer has filled it in so far; every field may be empty.
///
/// The business name cannot be changed after setup: the page asks the user to
/// confirm it.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
#[serde(default)]
pub struct ProfileDraft {
    /// "Channel name": how the channel is named in the customer's lists.
    pub channel_name: String,
    /// ISO 3166-1 alpha-2 code of the phone number's country, e.g. `"GB"`.
    pub phone_country: String,
    /// "Phone number" as the user typed it.
    pub phone_number: String,
    /// "Business name": the WhatsApp display name.
    pub business_name: String,
    /// "Category": Meta's `vertical`.
    pub category: Option<Category>,
    /// "Tagline": Meta's `about`.
    pub tagline: String,
    /// "Description".
    pub description: String,
    /// "Contact email": the customer-service address.
    pub contact_email: String,
    /// "Website URL".
    pub website: String,
    /// "Business address".
    pub address: String,
    /// "Profile picture": the id of an uploaded picture, if any.
    pub picture_id: Option<String>,
}

impl ProfileDraft {
    /// A copy with surrounding spaces trimmed, the country code in capitals and the website normalised.
    pub fn tidied(&self) -> Self {
        let trim = |s: &str| s.trim().to_owned();
        Self {
            channel_name: trim(&self.channel_name),
            phone_country: self.phone_country.trim().to_ascii_uppercase(),
            phone_number: trim(&self.phone_number),
            business_name: trim(&self.business_name),
            category: self.category,
            tagline: trim(&self.tagline),
            description: trim(&self.description),
            contact_email: trim(&self.contact_email),
            website: normalise_website(&self.website),
            address: trim(&self.address),
            picture_id: self
                .picture_id
                .as_deref()
                .map(str::trim)
                .filter(|id| !id.is_empty())
                .map(str::to_owned),
        }
    }

    /// The phone number in E.164 form, if it is accepted.
    pub fn phone_e164(&self) -> Option<E164> {
        phone::normalise(&self.phone_country, &self.phone_number).ok()
    }
}

/// How many more characters `text` may have before it reaches `limit`; negative when over.
pub fn remaining(limit: usize, text: &str) -> i64 {
    let limit = i64::try_from(limit).unwrap_or(i64::MAX);
    let used = i64::try_from(text.chars().count()).unwrap_or(i64::MAX);
    limit.saturating_sub(used)
}

fn count(text: &str) -> usize {
    text.chars().count()
}

/// Characters that hide or reorder text: zero-width space, word joiner, byte-order mark,
/// and the bidirectional embeddings, overrides and isolates.
fn is_invisible(c: char) -> bool {
    matches!(
        c,
        '\u{200B}' | '\u{2060}' | '\u{FEFF}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}'
    )
}

/// A control character (line break, tab, ...) or an invisible one.
fn is_unprintable(c: char) -> bool {
    c.is_control() || is_invisible(c)
}

/// Allows line breaks and tabs, for the multi-line fields.
fn is_unprintable_in_text_area(c: char) -> bool {
    is_unprintable(c) && !matches!(c, '\n' | '\r' | '\t')
}

/// Why a one-line text ("Channel name", "Tagline") is refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LineProblem {
    /// Nothing was entered.
    Empty,
    /// Over the field's limit.
    TooLong,
    /// A line break, tab or invisible character.
    Unprintable,
}

/// Why an optional multi-line text ("Description", "Business address") is refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FreeTextProblem {
    /// Over the field's limit.
    TooLong,
    /// An invisible character.
    Invisible,
}

/// Why a contact email address is refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EmailProblem {
    /// Nothing was entered.
    Empty,
    /// More than [`EMAIL_MAX`] characters.
    TooLong,
    /// Not an address in a valid format.
    Format,
}

/// "Channel name": required, 1 to 64 characters, on one line, nothing invisible.
pub fn channel_name_problem(text: &str) -> Option<LineProblem> {
    line_problem(CHANNEL_NAME_MAX, text)
}

/// A required text on one line of at most `max` characters.
fn line_problem(max: usize, text: &str) -> Option<LineProblem> {
    if text.trim().is_empty() {
        Some(LineProblem::Empty)
    } else if count(text) > max {
        Some(LineProblem::TooLong)
    } else if text.chars().any(is_unprintable) {
        Some(LineProblem::Unprintable)
    } else {
        None
    }
}

/// [`channel_name_problem`] in words.
pub fn validate_channel_name(text: &str) -> Option<String> {
    channel_name_problem(text).map(|p| Problem::ChannelName(p).message())
}

/// "Tagline" (Meta's `about`): required, 1 to 139 characters, on one line.
pub fn tagline_problem(text: &str) -> Option<LineProblem> {
    line_problem(TAGLINE_MAX, text)
}

/// [`tagline_problem`] in words.
pub fn validate_tagline(text: &str) -> Option<String> {
    tagline_problem(text).map(|p| Problem::Tagline(p).message())
}

/// "Description": optional, up to 512 characters; line breaks are allowed.
pub fn description_problem(text: &str) -> Option<FreeTextProblem> {
    free_text_problem(DESCRIPTION_MAX, text)
}

/// [`description_problem`] in words.
pub fn validate_description(text: &str) -> Option<String> {
    description_problem(text).map(|p| Problem::Description(p).message())
}

/// "Business address": optional, up to 256 characters; line breaks are allowed.
pub fn address_problem(text: &str) -> Option<FreeTextProblem> {
    free_text_problem(ADDRESS_MAX, text)
}

/// [`address_problem`] in words.
pub fn validate_address(text: &str) -> Option<String> {
    address_problem(text).map(|p| Problem::Address(p).message())
}

/// "Category": required; its message when there is none.
pub fn validate_category(category: Option<Category>) -> Option<String> {
    category
        .is_none()
        .then(|| Problem::CategoryMissing.message())
}

/// An optional multi-line text of at most `max` characters, without invisible characters.
pub(crate) fn free_text_problem(max: usize, text: &str) -> Option<FreeTextProblem> {
    if count(text) > max {
        Some(FreeTextProblem::TooLong)
    } else if text.chars().any(is_unprintable_in_text_area) {
        Some(FreeTextProblem::Invisible)
    } else {
        None
    }
}

/// "Phone number" with its country: the E.164 number, or the problem for the field at fault.
pub fn phone_problem(country_iso: &str, number: &str) -> Result<E164, FieldProblem> {
    phone::normalise(country_iso, number).map_err(|problem| {
        let key = match problem {
            phone::PhoneProblem::UnknownCountry => Field::PhoneCountry,
            _ => Field::PhoneNumber,
        };
        FieldProblem::new(key, Problem::Phone(problem))
    })
}

/// [`phone_problem`] in words.
pub fn validate_phone(country_iso: &str, number: &str) -> Result<E164, FieldError> {
    phone_problem(country_iso, number).map_err(FieldError::from)
}

fn push(problems: &mut Vec<FieldProblem>, key: Field, problem: Option<Problem>) {
    if let Some(problem) = problem {
        problems.push(FieldProblem::new(key, problem));
    }
}

/// Page 1's problems in field order: channel name, phone, business name, category, tagline, description.
pub fn page1_problems(draft: &ProfileDraft) -> Vec<FieldProblem> {
    let mut problems = Vec::new();
    push(
        &mut problems,
        Field::ChannelName,
        channel_name_problem(&draft.channel_name).map(Problem::ChannelName),
    );
    let known_country = phone::country(&draft.phone_country).is_some();
    if !known_country {
        push(
            &mut problems,
            Field::PhoneCountry,
            Some(Problem::Phone(phone::PhoneProblem::UnknownCountry)),
        );
    }
    if draft.phone_number.trim().is_empty() {
        push(
            &mut problems,
            Field::PhoneNumber,
            Some(Problem::Phone(phone::PhoneProblem::Empty)),
        );
    } else if known_country {
        if let Err(problem) = phone_problem(&draft.phone_country, &draft.phone_number) {
            problems.push(problem);
        }
    }
    push(
        &mut problems,
        Field::BusinessName,
        business_name_problem(&draft.business_name).map(Problem::BusinessName),
    );
    push(
        &mut problems,
        Field::Category,
        draft.category.is_none().then_some(Problem::CategoryMissing),
    );
    push(
        &mut problems,
        Field::Tagline,
        tagline_problem(&draft.tagline).map(Problem::Tagline),
    );
    push(
        &mut problems,
        Field::Description,
        description_problem(&draft.description).map(Problem::Description),
    );
    problems
}

/// Page 2's problems in field order: contact email, website, business address (the picture is optional).
pub fn page2_problems(draft: &ProfileDraft) -> Vec<FieldProblem> {
    let mut problems = Vec::new();
    push(
        &mut problems,
        Field::ContactEmail,
        contact_email_problem(&draft.contact_email).map(Problem::ContactEmail),
    );
    push(
        &mut problems,
        Field::Website,
        website_problem(&draft.website).map(Problem::Website),
    );
    push(
        &mut problems,
        Field::Address,
        address_problem(&draft.address).map(Problem::Address),
    );
    problems
}

/// The problems of one step: its page's fields, or every field for the review (page 1's first).
pub fn page_problems(draft: &ProfileDraft, page: ProfilePage) -> Vec<FieldProblem> {
    match page {
        ProfilePage::Account => page1_problems(draft),
        ProfilePage::Contact => page2_problems(draft),
        ProfilePage::Review => {
            let mut all = page1_problems(draft);
            all.extend(page2_problems(draft));
            all
        }
    }
}

/// Page 1's messages in field order (see [`page1_problems`]).
pub fn validate_page1(draft: &ProfileDraft) -> Vec<FieldError> {
    worded(page1_problems(draft))
}

/// Page 2's messages in field order (see [`page2_problems`]).
pub fn validate_page2(draft: &ProfileDraft) -> Vec<FieldError> {
    worded(page2_problems(draft))
}

/// Both pages' messages, page 1's first.
pub fn validate_all(draft: &ProfileDraft) -> Vec<FieldError> {
    worded(page_problems(draft, ProfilePage::Review))
}

/// The messages for one step: its page's fields, or every field for the review.
pub fn validate_page(draft: &ProfileDraft, page: ProfilePage) -> Vec<FieldError> {
    worded(page_problems(draft, page))
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn complete() -> ProfileDraft {
        ProfileDraft {
            channel_name: "Customer Support".into(),
            phone_country: "GB".into(),
            phone_number: "07700 900123".into(),
            business_name: "Northwind Contact Centre".into(),
            category: Some(Category::ProfServices),
            tagline: "Here to help, 8am to 8pm".into(),
            description: "We answer questions about your order.\nAnd returns.".into(),
            contact_email: "help@northwind.example.com".into(),
            website: "https://www.northwind.example.com/help".into(),
            address: "1 High Street\nLondon SW1A 1AA".into(),
            picture_id: None,
        }
    }

    #[test]
    fn a_complete_draft_passes() {
        assert_eq!(validate_all(&complete()), vec![]);
        assert_eq!(
            complete().phone_e164().map(String::from),
            Some("+447700900123".to_owned())
        );
    }

    #[test]
    fn a_field_is_required_when_leaving_it_alone_empty_is_a_problem() {
        for f in Field::ALL {
            let mut d = complete();
            crate::draft::set(&mut d, f, "").unwrap();
            let flagged = validate_all(&d).iter().any(|e| e.field == f);
            assert_eq!(flagged, f.is_required(), "{f} left empty");
        }
    }

    #[test]
    fn an_empty_draft_lists_required_fields_in_order() {
        let keys: Vec<String> = validate_all(&ProfileDraft::default())
            .into_iter()
            .map(|e| e.field)
            .collect();
        assert_eq!(
            keys,
            [
                Field::ChannelName,
                Field::PhoneCountry,
                Field::PhoneNumber,
                Field::BusinessName,
                Field::Category,
                Field::Tagline,
                Field::ContactEmail,
            ]
        );
        assert!(keys
            .iter()
            .eq(Field::ALL.iter().filter(|f| f.is_required())));
        let page1 = validate_page1(&ProfileDraft::default());
        assert_eq!(page1[0].message, "Enter a channel name");
        assert_eq!(page1[1].message, "Select the country of your phone number");
        assert_eq!(page1[2].message, "Enter a phone number");
        assert_eq!(page1[3].message, "Enter a business name");
        assert_eq!(page1[4].message, "Select a category");
        assert_eq!(page1[5].message, "Enter a tagline");
    }

    #[test]
    fn phone_problems_go_to_the_phone_fields() {
        let mut draft = complete();
        draft.phone_number = "+33 6 12 34 56 78".into();
        let errors = validate_page1(&draft);
        assert_eq!(errors.len(), 1);
        assert_eq!(errors[0].field, Field::PhoneNumber);
        assert!(errors[0].message.contains("which is France"));

        draft.phone_country = "XX".into();
        let errors = validate_page1(&draft);
        assert_eq!(errors.len(), 1);
        assert_eq!(errors[0].field, Field::PhoneCountry);

        assert_eq!(
            validate_phone("", "07700 900123").unwrap_err().field,
            Field::PhoneCountry
        );
    }

    #[test]
    fn channel_names() {
        let ok = [
            "Customer Support",
            "A",
            "Support – UK",
            "Ünïcode ✓",
            &"x".repeat(64),
        ];
        for name in ok {
            assert_eq!(validate_channel_name(name), None, "{name:?}");
        }
        let refused = [
            ("", "Enter a channel name"),
            ("   ", "Enter a channel name"),
            (
                &"x".repeat(65),
                "Channel name must be 64 characters or fewer",
            ),
            (
                "Support\nTeam",
                "Channel name must be on one line, without tabs or invisible characters",
            ),
            (
                "Support\u{202E}maeT",
                "Channel name must be on one line, without tabs or invisible characters",
            ),
        ];
        for (name, message) in refused {
            assert_eq!(
                validate_channel_name(name).as_deref(),
                Some(message),
                "{name:?}"
            );
        }
        assert_eq!(validate_channel_name(&"é".repeat(64)), None);
        assert!(validate_channel_name(&"é".repeat(65)).is_some());
    }

    #[test]
    fn business_names_accepted() {
        let ok = [
            "Sweet Treats",
            "Tammy's Burritos and Tacos",
            "Tammy’s Burritos",
            "ABC Wine Glasses",
            "Fresh Produce Cold Pressed Juices",
            "Marks & Spencer",
            "Smith, Jones & Co.",
            "Lil Cupcakes",
            "McDonald's",
            "YouTube Studio",
            "eBay Shop",
            "KT Sir",
            "Rock 'n' Roll Diner",
            "Café Zoë",
            "Müller Bäckerei",
            "東京ラーメン",
            "مطعم الشام",
            "Tiếng Việt Shop",
            "7 Eleven Store",
            "St Mary's Clinic",
            "Dr. Who Repairs",
            "What's Appetisers",
            "BBC UK News",
            &format!("S{}", "a".repeat(254)),
        ];
        for name in ok {
            assert_eq!(business_name_problem(name), None, "{name:?}");
        }
    }

    #[test]
    fn business_names_refused() {
        use BusinessNameProblem as P;
        let refused = [
            ("", P::Empty),
            ("   ", P::Empty),
            (" Sweet Treats", P::SurroundingSpace),
            ("Sweet Treats ", P::SurroundingSpace),
            ("Sweet\tTreats", P::Unprintable),
            ("Sweet\nTreats", P::Unprintable),
            ("Ab", P::TooShort),
            ("Bé", P::TooShort),
            (&"a".repeat(256), P::TooLong),
            ("shop.example.com", P::WebAddress),
            ("Sweet Treats www.sweet.example", P::WebAddress),
            ("http Sweet Treats https://x", P::WebAddress),
            ("Sweettreats.co.uk", P::WebAddress),
            ("WhatsApp Shop", P::WhatsApp),
            ("Whats App Shop", P::WhatsApp),
            ("Sweet Treats on whatsapp", P::WhatsApp),
            ("Wh@ts-App Deals", P::WhatsApp),
            ("WhatsAppStore", P::WhatsApp),
            ("Sweet Treats 🍰", P::Emoji),
            ("Sweet Treats™", P::Emoji),
            ("Sweet Treats®", P::Emoji),
            ("Sweet Treats ★", P::Emoji),
            ("Sweet Treats!", P::SpecialCharacter),
            ("Sweet #Treats", P::SpecialCharacter),
            ("Sweet Treats (UK)", P::SpecialCharacter),
            ("Sweet Treats £5", P::SpecialCharacter),
            ("Sweet “Treats”", P::SpecialCharacter),
            ("Sweet Treats..", P::RepeatedPunctuation),
            ("Sweet -& Treats", P::RepeatedPunctuation),
            ("Sweet  Treats", P::ExtraSpaces),
            ("123 456", P::NoLetters),
            ("1-2-3", P::NoLetters),
            ("SWEET TREATS", P::AllCaps("SWEET".into())),
            ("Sweet TREATS", P::AllCaps("TREATS".into())),
            ("ZeNvIa", P::OddCaps("ZeNvIa".into())),
        ];
        for (name, problem) in refused {
            assert_eq!(business_name_problem(name), Some(problem), "{name:?}");
        }
    }

    #[test]
    fn business_name_messages() {
        assert_eq!(
            validate_business_name("SWEET Treats").as_deref(),
            Some("Write SWEET as Sweet: business names use capital letters only to start words, or for acronyms of up to 4 letters")
        );
        assert_eq!(
            validate_business_name("Ab").as_deref(),
            Some("Business name must be 3 characters or more")
        );
        assert_eq!(
            validate_business_name("Sweet Treats!").as_deref(),
            Some("Business name can only contain letters, numbers, spaces and these punctuation marks: ' - & . ,")
        );
    }

    #[test]
    fn categories() {
        assert_eq!(Category::ALL.len(), 21);
        let mut seen = std::collections::HashSet::new();
        for c in Category::ALL {
            assert!(seen.insert(c));
            assert_eq!(Category::from_code(c.code()), Some(c));
            assert_eq!(serde_json::to_value(c).unwrap(), c.code());
        }
        assert_eq!(Category::ALL[20], Category::Other);
        assert_eq!(
            serde_json::from_str::<Category>(r#""PROF_SERVICES""#).unwrap(),
            Category::ProfServices
        );
        assert!(serde_json::from_str::<Category>(r#""prof_services""#).is_err());
        assert!(serde_json::from_str::<Category>(r#""UNDEFINED""#).is_err());
        assert_eq!(Category::from_code("NOPE"), None);
        assert_eq!(
            validate_category(None).as_deref(),
            Some("Select a category")
        );
        assert_eq!(validate_category(Some(Category::Other)), None);
    }

    #[test]
    fn tagline_boundaries() {
        assert_eq!(validate_tagline(&"a".repeat(139)), None);
        assert_eq!(
            validate_tagline(&"a".repeat(140)).as_deref(),
            Some("Tagline must be 139 characters or fewer")
        );
        assert_eq!(validate_tagline(&"é".repeat(139)), None);
        assert!(validate_tagline(&"é".repeat(140)).is_some());
        assert_eq!(validate_tagline(&"🙂".repeat(139)), None);
        assert!(validate_tagline(&"🙂".repeat(140)).is_some());
        assert_eq!(validate_tagline("x"), None);
        assert_eq!(validate_tagline("").as_deref(), Some("Enter a tagline"));
        assert_eq!(validate_tagline(" \t ").as_deref(), Some("Enter a tagline"));
        assert_eq!(
            validate_tagline("Line one\nline two").as_deref(),
            Some("Tagline must be on one line, without tabs or invisible characters")
        );
        assert_eq!(validate_tagline("Visit https://example.com"), None);
    }

    #[test]
    fn description_and_address_boundaries() {
        assert_eq!(validate_description(""), None);
        assert_eq!(validate_description(&"a".repeat(512)), None);
        assert_eq!(
            validate_description(&"a".repeat(513)).as_deref(),
            Some("Description must be 512 characters or fewer")
        );
        assert_eq!(validate_description(&"ß".repeat(512)), None);
        assert!(validate_description(&"ß".repeat(513)).is_some());
        assert_eq!(validate_description("Line one\r\nLine two\tend"), None);
        assert!(validate_description("bad\u{0007}bell").is_some());
        assert!(validate_description("hidden\u{FEFF}").is_some());

        assert_eq!(validate_address(""), None);
        assert_eq!(validate_address(&"a".repeat(256)), None);
        assert_eq!(
            validate_address(&"a".repeat(257)).as_deref(),
            Some("Business address must be 256 characters or fewer")
        );
        assert_eq!(validate_address(&"北".repeat(256)), None);
        assert!(validate_address(&"北".repeat(257)).is_some());
        assert_eq!(validate_address("1 High Street\nLondon"), None);
        assert!(validate_address("1 High Street\u{0000}").is_some());
    }

    #[test]
    fn contact_emails() {
        let ok = [
            "name@example.com",
            "first.last+tag@sub.example.co.uk",
            "  name@example.com  ",
            "o'brien@example.ie",
            "jo@xn--bcher-kva.example",
            "jo@bücher.de",
        ];
        for email in ok {
            assert_eq!(validate_contact_email(email), None, "{email:?}");
        }
        let format = "Enter an email address in the correct format, like name@example.com";
        let refused = [
            ("", "Enter an email address"),
            ("  ", "Enter an email address"),
            ("name", format),
            ("name@", format),
            ("@example.com", format),
            ("a@localhost", format),
            ("name@example", format),
            ("name@example.c", format),
            ("name@example.123", format),
            ("name@[127.0.0.1]", format),
            ("Jo <jo@example.com>", format),
            ("\"jo smith\"@example.com", format),
            ("jo smith@example.com", format),
            ("jo@@example.com", format),
            ("jo@example..com", format),
            ("jo@-example.com", format),
        ];
        for (email, message) in refused {
            assert_eq!(
                validate_contact_email(email).as_deref(),
                Some(message),
                "{email:?}"
            );
        }
        // 128 characters accepted, 129 refused.
        let at_limit = format!("{}@{}.com", "a".repeat(60), "b".repeat(63));
        assert_eq!(at_limit.chars().count(), 128);
        assert_eq!(validate_contact_email(&at_limit), None);
        let over = format!("{}@{}.com", "a".repeat(61), "b".repeat(63));
        assert_eq!(
            validate_contact_email(&over).as_deref(),
            Some("Email address must be 128 characters or fewer")
        );
    }

    #[test]
    fn websites() {
        let ok = [
            "",
            "   ",
            "https://example.com",
            "http://example.com",
            "HTTPS://Example.COM",
            "https://www.northwind.example.com/help?x=1#top",
            "https://shop.example.co.uk:8443/path",
            "https://my-shop.example",
            "https://xn--bcher-kva.example/",
            "https://example.xn--p1ai",
            "https://example.com/ünïcode/path",
            "  https://example.com  ",
        ];
        for website in ok {
            assert_eq!(website_problem(website), None, "{website:?}");
        }
        use WebsiteProblem as P;
        let refused = [
            ("www.example.com", P::NoScheme),
            ("example.com", P::NoScheme),
            ("ftp://example.com", P::NoScheme),
            ("mailto:jo@example.com", P::NoScheme),
            ("javascript://alert(1)", P::NoScheme),
            ("https:/example.com", P::NoScheme),
            ("https://exa mple.com", P::Spaces),
            ("https://example.com/a b", P::Spaces),
            ("https://example.com/a\tb", P::Spaces),
            ("https://user:pass@example.com", P::Credentials),
            ("https://user@example.com", P::Credentials),
            ("https://192.168.0.1", P::IpAddress),
            ("https://192.168.0.1:8080/x", P::IpAddress),
            ("https://[::1]/", P::IpAddress),
            ("http://localhost:3000", P::Localhost),
            ("http://shop.localhost", P::Localhost),
            ("https://", P::Format),
            ("https://example", P::Format),
            ("https://example.c", P::Format),
            ("https://example.123", P::Format),
            ("https://-example.com", P::Format),
            ("https://example-.com", P::Format),
            ("https://exa_mple.com", P::Format),
            ("https://example..com", P::Format),
            ("https://example.com.", P::Format),
            ("https://bücher.de", P::Format),
            ("https://example.com:0", P::Format),
            ("https://example.com:65536", P::Format),
            ("https://example.com:", P::Format),
            ("https://example.com:80a", P::Format),
        ];
        for (website, problem) in refused {
            assert_eq!(website_problem(website), Some(problem), "{website:?}");
        }
        assert_eq!(website_problem("https://example.com:65535"), None);
        assert_eq!(website_problem("https://example.com:1"), None);
        let label = |n: usize| "a".repeat(n);
        assert_eq!(website_problem(&format!("https://{}.com", label(63))), None);
        assert_eq!(
            website_problem(&format!("https://{}.com", label(64))),
            Some(P::Format)
        );
        assert_eq!(
            validate_website("www.example.com").as_deref(),
            Some("Enter a website address that starts with https:// or http://")
        );
    }

    #[test]
    fn website_length_boundary() {
        let base = "https://example.com/";
        let at_limit = format!("{base}{}", "p".repeat(WEBSITE_MAX - base.len()));
        assert_eq!(at_limit.chars().count(), 256);
        assert_eq!(website_problem(&at_limit), None);
        assert_eq!(
            website_problem(&format!("{at_limit}p")),
            Some(WebsiteProblem::TooLong)
        );
        let multibyte = format!("{base}{}", "é".repeat(WEBSITE_MAX - base.len()));
        assert_eq!(website_problem(&multibyte), None);
        assert_eq!(
            website_problem(&format!("{multibyte}é")),
            Some(WebsiteProblem::TooLong)
        );
    }

    #[test]
    fn normalising_websites() {
        assert_eq!(
            normalise_website("  HTTPS://Example.COM/Path?Q=1 "),
            "https://example.com/Path?Q=1"
        );
        assert_eq!(normalise_website("www.example.com"), "www.example.com");
        assert_eq!(normalise_website("  "), "");
        assert_eq!(normalise_website("ftp://Example.com"), "ftp://Example.com");
    }

    #[test]
    fn tidying_a_draft() {
        let draft = ProfileDraft {
            channel_name: "  Support ".into(),
            phone_country: " gb ".into(),
            business_name: " Sweet Treats ".into(),
            website: " HTTPS://Example.com ".into(),
            picture_id: Some("  ".into()),
            ..ProfileDraft::default()
        };
        let tidy = draft.tidied();
        assert_eq!(tidy.channel_name, "Support");
        assert_eq!(tidy.phone_country, "GB");
        assert_eq!(tidy.business_name, "Sweet Treats");
        assert_eq!(tidy.website, "https://example.com");
        assert_eq!(tidy.picture_id, None);
    }

    #[test]
    fn remaining_counts_characters() {
        assert_eq!(remaining(TAGLINE_MAX, ""), 139);
        assert_eq!(remaining(TAGLINE_MAX, "héllo"), 134);
        assert_eq!(remaining(5, "🙂🙂🙂🙂🙂🙂"), -1);
        assert_eq!(remaining(0, ""), 0);
    }

    #[test]
    fn draft_wire_shape() {
        let draft: ProfileDraft = serde_json::from_str(r#"{"channel_name":"Support"}"#).unwrap();
        assert_eq!(draft.channel_name, "Support");
        assert_eq!(draft.category, None);
        let empty: ProfileDraft = serde_json::from_str("{}").unwrap();
        assert_eq!(empty, ProfileDraft::default());
        let json = serde_json::to_value(complete()).unwrap();
        assert_eq!(json["category"], "PROF_SERVICES");
        assert_eq!(json[Field::PhoneCountry.name()], "GB");
        for key in Field::ALL {
            assert!(json.get(key.name()).is_some(), "{key}");
        }
    }

    fn any_category() -> impl Strategy<Value = Category> {
        proptest::sample::select(Category::ALL.to_vec())
    }

    /// Printable text, ASCII, text with line breaks, tabs, controls and invisible
    /// characters, and text past every limit, so each field's check fails sometimes.
    fn any_text() -> impl Strategy<Value = String> {
        prop_oneof![
            "\\PC*",
            any::<String>(),
            "[ -~]{0,300}",
            "[a-z \n\t\u{7}\u{200B}\u{FEFF}\u{202E}]{0,40}",
            "[a-z]{500,600}",
        ]
    }

    prop_compose! {
        fn any_draft()(
            channel_name in any_text(),
            phone_country in prop_oneof!["[A-Z]{0,2}", one_of(&["GB", "US", "FR"])],
            phone_number in "\\+?[0-9 ()-]{0,20}",
            business_name in any_text(),
            category in proptest::option::of(any_category()),
            tagline in any_text(),
            description in any_text(),
            contact_email in any_text(),
            website in any_text(),
            address in any_text(),
            picture_id in proptest::option::of("[a-z0-9-]{1,20}"),
        ) -> ProfileDraft {
            ProfileDraft {
                channel_name, phone_country, phone_number, business_name, category,
                tagline, description, contact_email, website, address, picture_id,
            }
        }
    }

    /// `https://` + 2 to 4 DNS labels + `.com`, optionally with a port and a path.
    fn valid_website() -> impl Strategy<Value = (String, usize)> {
        (
            proptest::collection::vec("[a-z0-9]([a-z0-9-]{0,20}[a-z0-9])?", 1..4),
            proptest::option::of(1u32..=65_535),
            proptest::option::of("/[A-Za-z0-9._~%!$&'()*+,;=:@/-]{0,40}(\\?[a-z=&0-9]{0,20})?"),
        )
            .prop_map(|(labels, port, path)| {
                let host = format!("{}.com", labels.join("."));
                let port = port.map(|p| format!(":{p}")).unwrap_or_default();
                (
                    format!("https://{host}{port}{}", path.unwrap_or_default()),
                    host.len(),
                )
            })
    }

    /// Every field with a check: all but the optional profile picture.
    const CHECKED_FIELDS: [Field; 10] = [
        Field::ChannelName,
        Field::PhoneCountry,
        Field::PhoneNumber,
        Field::BusinessName,
        Field::Category,
        Field::Tagline,
        Field::Description,
        Field::ContactEmail,
        Field::Website,
        Field::Address,
    ];

    fn one_of(values: &[&str]) -> BoxedStrategy<String> {
        proptest::sample::select(values.iter().map(|v| v.to_string()).collect::<Vec<_>>()).boxed()
    }

    /// Text that `name`'s check refuses, whatever the other fields hold.
    fn bad_value(name: Field) -> BoxedStrategy<String> {
        match name {
            Field::ChannelName => prop_oneof![
                one_of(&[
                    "",
                    "   ",
                    "Support\nTeam",
                    "Support\tTeam",
                    "Support\u{202E}maeT"
                ]),
                "[a-z]{65,80}",
            ]
            .boxed(),
            Field::PhoneCountry => one_of(&["", "XX", "G", "GBR"]),
            Field::PhoneNumber => one_of(&[
                "",
                "   ",
                "phone",
                "07700 9001ab",
                "+",
                "1",
                "++44 7700 900123",
            ]),
            Field::BusinessName => one_of(&[
                "",
                "Ab",
                " Sweet Treats",
                "SWEET TREATS",
                "WhatsApp Shop",
                "Sweet Treats!",
                "shop.example.com",
                "Sweet  Treats",
                "123 456",
                "Sweet Treats 🍰",
                "ZeNvIa",
            ]),
            Field::Category => Just(String::new()).boxed(),
            Field::Tagline => prop_oneof![
                one_of(&["", "  ", "Line one\nline two", "hidden\u{200B}"]),
                "[a-z]{140,160}",
            ]
            .boxed(),
            Field::Description => prop_oneof![
                one_of(&["bad\u{0007}bell", "hidden\u{FEFF}"]),
                "[a-z]{513,530}",
            ]
            .boxed(),
            Field::ContactEmail => one_of(&[
                "",
                "name",
                "name@",
                "@example.com",
                "name@example",
                "jo smith@example.com",
                "Jo <jo@example.com>",
            ]),
            Field::Website => one_of(&[
                "www.example.com",
                "example.com",
                "https://exa mple.com",
                "http://localhost:3000",
                "https://192.168.0.1",
                "https://user@example.com",
            ]),
            Field::Address => prop_oneof![
                one_of(&["1 High Street\u{0000}", "hidden\u{2066}"]),
                "[a-z]{257,270}",
            ]
            .boxed(),
            _ => unreachable!("{name} has no check"),
        }
    }

    /// A business name WhatsApp's mechanical rules accept: capitalised words
    /// without the letter a (so never "WhatsApp"), or one of a list.
    fn valid_business_name() -> impl Strategy<Value = String> {
        prop_oneof![
            proptest::collection::vec("[B-Z][b-z]{2,9}", 1..4).prop_map(|w| w.join(" ")),
            one_of(&[
                "Marks & Spencer",
                "Smith, Jones & Co.",
                "Café Zoë",
                "東京ラーメン",
                "BBC UK News"
            ]),
        ]
    }

    prop_compose! {
        /// A draft whose every field passes its check.
        fn valid_draft()(
            channel_name in "[A-Za-z0-9]\\PC{0,63}",
            (phone_country, phone_number) in prop_oneof![
                "07[0-9]{3} [0-9]{6}".prop_map(|n| ("GB".to_string(), n)),
                "\\+44 7[0-9]{3} [0-9]{6}".prop_map(|n| ("GB".to_string(), n)),
                proptest::sample::select(vec![
                    ("US", "001 415 555 2671"),
                    ("FR", "06 12 34 56 78"),
                    ("DE", "030 123456"),
                    ("JP", "090-1234-5678"),
                    ("BR", "(11) 91234-5678"),
                    ("AU", "0412 345 678"),
                ]).prop_map(|(c, n)| (c.to_string(), n.to_string())),
            ],
            business_name in valid_business_name(),
            category in any_category(),
            tagline in "[A-Za-z0-9]\\PC{0,138}",
            description in "[\\PC\n\t]{0,512}",
            contact_email in "[a-z0-9]{1,20}(\\.[a-z0-9]{1,10})?@[a-z0-9]{1,20}\\.(com|org|co\\.uk)",
            website in prop_oneof![Just(String::new()), valid_website().prop_map(|(url, _)| url)],
            address in "[\\PC\n]{0,256}",
            picture_id in proptest::option::of("[a-z0-9-]{1,20}"),
        ) -> ProfileDraft {
            ProfileDraft {
                channel_name, phone_country, phone_number, business_name,
                category: Some(category), tagline, description, contact_email,
                website, address, picture_id,
            }
        }
    }

    proptest! {
        /// No validator panics, whatever it is given.
        #[test]
        fn validators_never_panic(text in any_text()) {
            let _ = validate_channel_name(&text);
            let _ = business_name_problem(&text).map(|p| p.message());
            let _ = validate_tagline(&text);
            let _ = validate_description(&text);
            let _ = validate_address(&text);
            let _ = validate_contact_email(&text);
            let _ = validate_website(&text);
            let _ = normalise_website(&text);
            let _ = remaining(TAGLINE_MAX, &text);
            let _ = validate_phone("GB", &text);
        }

        /// The checks each browser page runs alone are the step's checks, for any
        /// draft (on the tidied draft, as `page_problems`).
        #[test]
        fn each_pages_own_checks_are_its_steps(draft in any_draft()) {
            use crate::draft::{account_problems, contact_problems, page_problems, review_problems};
            prop_assert_eq!(account_problems(&draft), page_problems(&draft, ProfilePage::Account));
            prop_assert_eq!(contact_problems(&draft), page_problems(&draft, ProfilePage::Contact));
            prop_assert_eq!(review_problems(&draft), page_problems(&draft, ProfilePage::Review));
        }

        /// Whatever a draft holds, each page reports only its own fields, at most
        /// one message per field, in form order, and the whole check reports the
        /// same fields as the two pages together.
        #[test]
        fn each_page_reports_only_its_fields(draft in any_draft()) {
            let order = |f: &str| Field::from_name(f).map(Field::index);
            for (page, errors) in [(ProfilePage::Account, validate_page1(&draft)), (ProfilePage::Contact, validate_page2(&draft))] {
                for e in &errors {
                    prop_assert!(order(&e.field).is_some(), "unknown field {}", e.field);
                    prop_assert_eq!(Field::from_name(&e.field).map(Field::page), Some(page), "{} on page {:?}", e.field, page);
                    prop_assert!(!e.message.is_empty());
                }
            }
            let all: Vec<usize> = validate_all(&draft).iter().filter_map(|e| order(&e.field)).collect();
            prop_assert!(all.windows(2).all(|w| w[0] < w[1]), "not in form order: {:?}", all);
            let _ = draft.tidied();
        }

        /// A draft whose every field is valid passes both pages, as typed and tidied.
        #[test]
        fn valid_drafts_pass(draft in valid_draft()) {
            prop_assert_eq!(validate_all(&draft), vec![]);
            prop_assert_eq!(validate_all(&draft.tidied()), vec![]);
        }

        /// Making one field of a valid draft invalid gives messages on that field
        /// only, from its own page.
        #[test]
        fn one_bad_field_is_the_only_one_reported(
            draft in valid_draft(),
            (name, bad) in proptest::sample::select(CHECKED_FIELDS.to_vec())
                .prop_flat_map(|f| (Just(f), bad_value(f))),
        ) {
            let mut draft = draft;
            crate::draft::set(&mut draft, name, &bad).unwrap();
            let fields: Vec<String> = validate_all(&draft).into_iter().map(|e| e.field).collect();
            prop_assert_eq!(fields, vec![name.to_string()], "{:?} in {}", bad, name);
            let (own, other) = match name.page() {
                ProfilePage::Account => (validate_page1(&draft), validate_page2(&draft)),
                _ => (validate_page2(&draft), validate_page1(&draft)),
            };
            prop_assert_eq!(own.len(), 1);
            prop_assert_eq!(other, vec![]);
        }

        /// 1 to 139 printable characters, not all spaces, make a tagline; 140 or more do not.
        #[test]
        fn tagline_length_rule(text in "[^\\p{C}\\n]{1,200}") {
            prop_assume!(!text.trim().is_empty());
            prop_assume!(!text.chars().any(is_unprintable));
            let n = text.chars().count();
            prop_assert_eq!(validate_tagline(&text).is_none(), n <= TAGLINE_MAX, "{} chars", n);
        }

        /// Any printable tagline of at most 139 characters from `\PC` is accepted.
        #[test]
        fn printable_taglines_are_accepted(text in "\\PC{1,139}") {
            prop_assume!(!text.trim().is_empty());
            prop_assert_eq!(validate_tagline(&text), None);
        }

        /// Well-formed https addresses are accepted.
        #[test]
        fn valid_websites_are_accepted((url, _) in valid_website()) {
            prop_assert_eq!(website_problem(&url), None, "{}", url);
        }

        /// Whitespace inside the host makes the address refused.
        #[test]
        fn whitespace_in_the_host_is_refused(
            (url, host_len) in valid_website(),
            at in any::<prop::sample::Index>(),
            space in prop_oneof![Just(" "), Just("\t"), Just("\n"), Just("\u{00A0}"), Just("  ")],
        ) {
            let start = "https://".len();
            let offset = start + 1 + at.index(host_len - 1);
            let mut broken = url.clone();
            broken.insert_str(offset, space);
            prop_assert!(website_problem(&broken).is_some(), "{:?}", broken);
        }

        /// A draft survives the trip through JSON unchanged.
        #[test]
        fn draft_round_trips_through_json(draft in any_draft()) {
            let json = serde_json::to_string(&draft).unwrap();
            let back: ProfileDraft = serde_json::from_str(&json).unwrap();
            prop_assert_eq!(back, draft);
        }

        /// A category survives the trip through JSON unchanged.
        #[test]
        fn category_round_trips_through_json(category in any_category()) {
            let json = serde_json::to_string(&category).unwrap();
            prop_assert_eq!(serde_json::from_str::<Category>(&json).unwrap(), category);
        }
    }
}
