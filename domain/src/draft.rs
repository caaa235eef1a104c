//! Saving the business profile as the user types: per-field patches, merged
//! last-write-wins per field, so two tabs editing different fields never
//! overwrite each other and the same field ends with whichever save came last.
//!
//! The draft holds no secrets (profile text, a phone number, an uploaded
//! picture's id), so the browser may keep a copy in local storage.

use crate::error::FieldError;
use crate::field::{Field, ProfilePage};
use crate::journey::ChannelState;
use crate::profile::{self, Category, ProfileDraft};
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::fmt;

/// A draft may hold this many characters in a field while the user edits,
/// whatever its limit; the limits themselves apply when a page is checked.
pub const DRAFT_FIELD_MAX: usize = 2_048;

/// PATCH [`crate::endpoint::SAVE_PROFILE`]: new values for some fields (empty clears).
///
/// On the wire the keys are field names ([`Field::name`]); the backend refuses a
/// name it does not know, field by field.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub struct DraftPatch {
    /// Field name to its new text; a category travels as Meta's code.
    #[cfg_attr(
        feature = "openapi",
        schemars(with = "std::collections::BTreeMap<String, String>")
    )]
    pub fields: FieldTexts,
}

impl DraftPatch {
    /// A patch of these fields and values.
    pub fn of(values: impl IntoIterator<Item = (Field, String)>) -> Self {
        DraftPatch {
            fields: values
                .into_iter()
                .map(|(f, v)| (f.name().to_string(), v))
                .collect(),
        }
    }
}

/// Texts by field name, in the order given; on the wire a JSON object, where a
/// name given twice keeps its last text, as in a map. A patch's fields, and the
/// app's copy of a draft on the device, hold at most one per field: a list, not
/// a `BTreeMap`, whose code (search, insert, sort) the browser's build would
/// otherwise carry for them.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct FieldTexts(Vec<(String, String)>);

impl FieldTexts {
    /// The text of `name`, if it has one.
    pub fn get(&self, name: &str) -> Option<&String> {
        self.0.iter().find(|(k, _)| k == name).map(|(_, v)| v)
    }

    /// Sets the text of `name`, in its place if it had one, else last.
    pub fn insert(&mut self, name: String, text: String) {
        match self.0.iter_mut().find(|(k, _)| *k == name) {
            Some((_, v)) => *v = text,
            None => self.0.push((name, text)),
        }
    }

    /// Each name and its text, in order.
    pub fn iter(&self) -> impl Iterator<Item = (&String, &String)> {
        self.0.iter().map(|(k, v)| (k, v))
    }

    /// Whether it holds no text.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

impl FromIterator<(String, String)> for FieldTexts {
    fn from_iter<I: IntoIterator<Item = (String, String)>>(pairs: I) -> Self {
        let mut texts = FieldTexts::default();
        for (name, text) in pairs {
            texts.insert(name, text);
        }
        texts
    }
}

impl Serialize for FieldTexts {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_map(self.iter())
    }
}

impl<'de> Deserialize<'de> for FieldTexts {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct Texts;
        impl<'de> serde::de::Visitor<'de> for Texts {
            type Value = FieldTexts;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("an object of texts by field name")
            }
            fn visit_map<A: serde::de::MapAccess<'de>>(
                self,
                mut map: A,
            ) -> Result<FieldTexts, A::Error> {
                let mut texts = FieldTexts::default();
                while let Some((name, text)) = map.next_entry::<String, String>()? {
                    texts.insert(name, text);
                }
                Ok(texts)
            }
        }
        d.deserialize_map(Texts)
    }
}

/// GET/PATCH [`crate::endpoint::PROFILE`]: the saved draft.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub struct DraftState {
    /// The values.
    pub draft: ProfileDraft,
    /// Goes up by one with every saved patch.
    pub version: u64,
    /// Whether the customer confirmed the profile on the review page.
    pub complete: bool,
    /// Where the channel stands, as the channels list says. From `number_registered`
    /// on, Facebook's sign-up is behind it: the review offers the next step instead.
    pub channel_state: ChannelState,
}

/// Reads one field as text (a category as its code, no picture as "").
pub fn get(d: &ProfileDraft, field: Field) -> String {
    match field {
        Field::ChannelName => d.channel_name.clone(),
        Field::PhoneCountry => d.phone_country.clone(),
        Field::PhoneNumber => d.phone_number.clone(),
        Field::BusinessName => d.business_name.clone(),
        Field::Category => d.category.map(|c| c.code().to_string()).unwrap_or_default(),
        Field::Tagline => d.tagline.clone(),
        Field::Description => d.description.clone(),
        Field::ContactEmail => d.contact_email.clone(),
        Field::Website => d.website.clone(),
        Field::PictureId => d.picture_id.clone().unwrap_or_default(),
        Field::Address => d.address.clone(),
    }
}

/// Sets one field from text; `Err` with a message when the value cannot be stored.
pub fn set(d: &mut ProfileDraft, field: Field, value: &str) -> Result<(), String> {
    if value.chars().count() > DRAFT_FIELD_MAX {
        return Err(format!(
            "This is too long to save: keep it under {DRAFT_FIELD_MAX} characters"
        ));
    }
    let text = value.to_string();
    match field {
        Field::ChannelName => d.channel_name = text,
        Field::PhoneCountry => d.phone_country = text,
        Field::PhoneNumber => d.phone_number = text,
        Field::BusinessName => d.business_name = text,
        Field::Category if value.is_empty() => d.category = None,
        Field::Category => {
            d.category = Some(Category::from_code(value).ok_or("Select a category from the list")?)
        }
        Field::Tagline => d.tagline = text,
        Field::Description => d.description = text,
        Field::ContactEmail => d.contact_email = text,
        Field::Website => d.website = text,
        Field::PictureId if value.is_empty() => d.picture_id = None,
        Field::PictureId => d.picture_id = Some(text),
        Field::Address => d.address = text,
    }
    Ok(())
}

/// Sets the field a patch names on the wire; a name that is no field is refused.
pub fn set_named(d: &mut ProfileDraft, name: &str, value: &str) -> Result<(), String> {
    let field = Field::from_name(name).ok_or("This is not a field of the profile")?;
    set(d, field, value)
}

/// Applies a patch field by field; nothing changes if any field is refused.
pub fn apply(d: &mut ProfileDraft, patch: &DraftPatch) -> Result<(), Vec<FieldError>> {
    let mut next = d.clone();
    let errors: Vec<FieldError> = patch
        .fields
        .iter()
        .filter_map(|(k, v)| {
            set_named(&mut next, k, v)
                .err()
                .map(|m| FieldError::new(k.clone(), m))
        })
        .collect();
    if errors.is_empty() {
        *d = next;
        Ok(())
    } else {
        Err(errors)
    }
}

/// The checks of one step (a page's fields, or all of them for the review), in field
/// order, on the tidied draft.
pub fn check_page(d: &ProfileDraft, page: ProfilePage) -> Vec<FieldError> {
    profile::validate_page(&d.tidied(), page)
}

/// [`check_page`]'s problems, for the page to word in the user's language.
pub fn page_problems(d: &ProfileDraft, page: ProfilePage) -> Vec<crate::problem::FieldProblem> {
    profile::page_problems(&d.tidied(), page)
}

/// The problems of page 1 alone ([`page_problems`] for [`ProfilePage::Account`]):
/// a browser build with page 1 but not page 2 then has no code of page 2's checks.
pub fn account_problems(d: &ProfileDraft) -> Vec<crate::problem::FieldProblem> {
    profile::page1_problems(&d.tidied())
}

/// The problems of page 2 alone ([`page_problems`] for [`ProfilePage::Contact`]):
/// a browser build with page 2 but not page 1 then has no code of page 1's checks.
pub fn contact_problems(d: &ProfileDraft) -> Vec<crate::problem::FieldProblem> {
    profile::page2_problems(&d.tidied())
}

/// The problems of the review: every field ([`page_problems`] for [`ProfilePage::Review`]).
pub fn review_problems(d: &ProfileDraft) -> Vec<crate::problem::FieldProblem> {
    page_problems(d, ProfilePage::Review)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn the_channel_state_is_on_the_wire_by_its_name() {
        let state = DraftState {
            channel_state: ChannelState::NumberRegistered,
            ..DraftState::default()
        };
        let json = serde_json::to_value(&state).unwrap();
        assert_eq!(json["channel_state"], "number_registered");
        assert_eq!(serde_json::from_value::<DraftState>(json).unwrap(), state);
    }

    fn patch(pairs: &[(&str, &str)]) -> DraftPatch {
        DraftPatch {
            fields: pairs
                .iter()
                .map(|(k, v)| (k.to_string(), v.to_string()))
                .collect(),
        }
    }

    /// On the wire a patch's fields are a JSON object, as a map's were: a name
    /// sent twice keeps its last text, in its first place.
    #[test]
    fn field_texts_are_an_object_on_the_wire() {
        let p = DraftPatch::of([
            (Field::Tagline, "Fresh".to_string()),
            (Field::ChannelName, "Support".to_string()),
        ]);
        let json = serde_json::to_string(&p).unwrap();
        assert_eq!(
            json,
            r#"{"fields":{"tagline":"Fresh","channel_name":"Support"}}"#
        );
        assert_eq!(serde_json::from_str::<DraftPatch>(&json).unwrap(), p);
        let twice: DraftPatch =
            serde_json::from_str(r#"{"fields":{"tagline":"a","address":"b","tagline":"c"}}"#)
                .unwrap();
        assert_eq!(
            twice.fields.iter().collect::<Vec<_>>(),
            [
                (&"tagline".to_string(), &"c".to_string()),
                (&"address".to_string(), &"b".to_string())
            ]
        );
        assert_eq!(twice.fields.get("tagline").map(String::as_str), Some("c"));
        assert_eq!(twice.fields.get("website"), None);
        assert!(serde_json::from_str::<DraftPatch>(r#"{"fields":["tagline"]}"#).is_err());
        assert!(serde_json::from_str::<DraftPatch>(r#"{"fields":{"tagline":1}}"#).is_err());
        assert!(serde_json::from_str::<DraftPatch>(r#"{"fields":{}}"#)
            .unwrap()
            .fields
            .is_empty());
    }

    #[test]
    fn get_reads_what_set_wrote_for_every_field() {
        let mut d = ProfileDraft::default();
        for f in Field::ALL {
            let value = if f == Field::Category { "RETAIL" } else { "x1" };
            set(&mut d, f, value).unwrap();
            assert_eq!(get(&d, f), value, "{f}");
            set(&mut d, f, "").unwrap();
            assert_eq!(get(&d, f), "", "{f}");
        }
        assert!(set_named(&mut d, "password", "x").is_err());
    }

    #[test]
    fn two_tabs_editing_different_fields_both_win() {
        let mut server = ProfileDraft::default();
        apply(&mut server, &patch(&[("tagline", "Fresh bread daily")])).unwrap();
        apply(&mut server, &patch(&[("address", "1 High Street")])).unwrap();
        assert_eq!(server.tagline, "Fresh bread daily");
        assert_eq!(server.address, "1 High Street");
        apply(&mut server, &patch(&[("tagline", "Bread and cakes")])).unwrap();
        assert_eq!(
            server.tagline, "Bread and cakes",
            "same field: the last write wins"
        );
    }

    #[test]
    fn a_refused_field_leaves_the_draft_unchanged() {
        let mut d = ProfileDraft::default();
        let err = apply(
            &mut d,
            &patch(&[("tagline", "ok"), ("category", "NOPE"), ("nonsense", "1")]),
        )
        .unwrap_err();
        let fields: Vec<_> = err.iter().map(|e| e.field.as_str()).collect();
        assert_eq!(fields, ["category", "nonsense"]);
        assert_eq!(d, ProfileDraft::default());
        assert!(set(&mut d, Field::Tagline, &"x".repeat(DRAFT_FIELD_MAX + 1)).is_err());
    }

    #[test]
    fn a_patch_is_made_of_field_names() {
        let p = DraftPatch::of([(Field::Tagline, "Fresh".to_string())]);
        assert_eq!(p, patch(&[("tagline", "Fresh")]));
    }

    /// A draft with every field filled, so a patch that touches too much shows.
    fn filled() -> ProfileDraft {
        let mut d = ProfileDraft::default();
        for f in Field::ALL {
            let value = if f == Field::Category {
                "RETAIL".to_string()
            } else {
                format!("old {f}")
            };
            set(&mut d, f, &value).unwrap();
        }
        d
    }

    /// Text a field may hold, and some it may not: over [`DRAFT_FIELD_MAX`] characters
    /// (multi-byte, so counting bytes instead of characters shows too).
    fn any_value() -> impl Strategy<Value = String> {
        prop_oneof![
            6 => "\\PC{0,40}",
            1 => Just(String::new()),
            1 => Just("é".repeat(DRAFT_FIELD_MAX)),
            1 => Just("é".repeat(DRAFT_FIELD_MAX + 1)),
        ]
    }

    /// A category code, no category, or something that is not a code.
    fn any_category_value() -> impl Strategy<Value = String> {
        prop_oneof![
            3 => proptest::sample::select(Category::ALL.to_vec()).prop_map(|c| c.code().to_string()),
            1 => Just(String::new()),
            1 => prop_oneof![Just("retail".to_string()), Just("NOPE".to_string()), "\\PC{1,12}"],
        ]
    }

    /// Names that are not fields: random words, near misses of real names, other form fields.
    fn bad_name() -> impl Strategy<Value = String> {
        let near_miss = (
            proptest::sample::select(Field::ALL.map(Field::name).to_vec()),
            0..4u8,
        )
            .prop_map(|(f, how)| match how {
                0 => f.to_uppercase(),
                1 => format!("{f} "),
                2 => format!("{f}s"),
                _ => f[..f.len() - 1].to_string(),
            });
        prop_oneof![
            "[a-z_]{1,14}".prop_filter("a field name", |k| Field::from_name(k).is_none()),
            near_miss,
            Just("password".to_string()),
            Just(String::new()),
        ]
    }

    /// One entry of a patch: mostly real field names with suitable values, some bad names.
    fn any_entry() -> impl Strategy<Value = (String, String)> {
        prop_oneof![
            4 => proptest::sample::select(Field::ALL.to_vec()).prop_flat_map(|f| {
                let value = if f == Field::Category {
                    any_category_value().boxed()
                } else {
                    any_value().boxed()
                };
                (Just(f.to_string()), value)
            }),
            1 => (bad_name(), "\\PC{0,10}"),
        ]
    }

    /// Whether `set` should accept this entry, decided without calling it.
    fn acceptable(name: &str, value: &str) -> bool {
        Field::from_name(name).is_some()
            && value.chars().count() <= DRAFT_FIELD_MAX
            && (name != Field::Category.name()
                || value.is_empty()
                || Category::from_code(value).is_some())
    }

    proptest! {
        /// A patch of known fields with storable values applies every value and
        /// leaves the other fields alone; otherwise exactly the refused names are
        /// reported and nothing changes. Names come mostly from [`Field::ALL`], so
        /// both outcomes occur in most runs.
        #[test]
        fn patches_are_all_or_nothing(pairs in proptest::collection::vec(any_entry(), 0..5)) {
            let before = filled();
            let mut d = before.clone();
            let p = DraftPatch { fields: pairs.into_iter().collect() };
            let refused: Vec<&str> = p
                .fields
                .iter()
                .filter(|(k, v)| !acceptable(k, v))
                .map(|(k, _)| k.as_str())
                .collect();
            match apply(&mut d, &p) {
                Ok(()) => {
                    prop_assert!(refused.is_empty(), "accepted {:?}", refused);
                    for f in Field::ALL {
                        let expected = p.fields.get(f.name()).cloned().unwrap_or_else(|| get(&before, f));
                        prop_assert_eq!(get(&d, f), expected, "{}", f);
                    }
                }
                Err(errors) => {
                    let fields: Vec<&str> = errors.iter().map(|e| e.field.as_str()).collect();
                    prop_assert_eq!(fields, refused);
                    prop_assert!(errors.iter().all(|e| !e.message.is_empty()));
                    prop_assert_eq!(d, before);
                }
            }
        }

        /// Setting one known field changes that field only, and reads back as written.
        #[test]
        fn set_touches_only_its_field((name, value) in proptest::sample::select(Field::ALL.to_vec())
            .prop_flat_map(|f| (Just(f), if f == Field::Category { any_category_value().boxed() } else { any_value().boxed() })))
        {
            let before = filled();
            let mut d = before.clone();
            match set(&mut d, name, &value) {
                Ok(()) => {
                    prop_assert!(acceptable(name.name(), &value));
                    for f in Field::ALL {
                        let expected = if f == name { value.clone() } else { get(&before, f) };
                        prop_assert_eq!(get(&d, f), expected, "{}", f);
                    }
                }
                Err(_) => {
                    prop_assert!(!acceptable(name.name(), &value));
                    prop_assert_eq!(d, before);
                }
            }
        }

        /// A name that is not a field is refused and changes nothing.
        #[test]
        fn unknown_names_are_refused(name in bad_name(), value in "\\PC{0,10}") {
            let before = filled();
            let mut d = before.clone();
            prop_assert_eq!(Field::from_name(&name), None);
            prop_assert!(set_named(&mut d, &name, &value).is_err());
            prop_assert_eq!(d, before);
        }
    }
}
