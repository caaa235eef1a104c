//! Saving the business profile as the user types: per-field patches, merged
//! last-write-wins per field, so two tabs editing different fields never
//! overwrite each other and the same field ends with whichever save came last.
//!
//! The draft holds no secrets (profile text, a phone number, an uploaded
//! picture's id), so the browser may keep a copy in local storage.

use crate::error::FieldError;
use crate::profile::{self, field, Category, ProfileDraft};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// Every draft field, in form order (page 1, then page 2).
pub const FIELDS: [&str; 11] = [
    field::CHANNEL_NAME,
    field::PHONE_COUNTRY,
    field::PHONE_NUMBER,
    field::BUSINESS_NAME,
    field::CATEGORY,
    field::TAGLINE,
    field::DESCRIPTION,
    field::CONTACT_EMAIL,
    field::WEBSITE,
    field::PICTURE_ID,
    field::ADDRESS,
];

/// A draft may hold this many characters in a field while the user edits,
/// whatever its limit; the limits themselves apply when a page is checked.
pub const DRAFT_FIELD_MAX: usize = 2_048;

/// PATCH [`crate::contract::paths::profile`]: new values for some fields (empty clears).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct DraftPatch {
    /// Field name to its new text; a category travels as Meta's code.
    pub fields: BTreeMap<String, String>,
}

/// GET/PATCH [`crate::contract::paths::profile`]: the saved draft.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct DraftState {
    /// The values.
    pub draft: ProfileDraft,
    /// Goes up by one with every saved patch.
    pub version: u64,
    /// Whether the customer confirmed the profile on the review page.
    pub complete: bool,
}

/// Reads one field as text (a category as its code, no picture as "").
pub fn get(d: &ProfileDraft, name: &str) -> Option<String> {
    Some(match name {
        field::CHANNEL_NAME => d.channel_name.clone(),
        field::PHONE_COUNTRY => d.phone_country.clone(),
        field::PHONE_NUMBER => d.phone_number.clone(),
        field::BUSINESS_NAME => d.business_name.clone(),
        field::CATEGORY => d.category.map(|c| c.code().to_string()).unwrap_or_default(),
        field::TAGLINE => d.tagline.clone(),
        field::DESCRIPTION => d.description.clone(),
        field::CONTACT_EMAIL => d.contact_email.clone(),
        field::WEBSITE => d.website.clone(),
        field::PICTURE_ID => d.picture_id.clone().unwrap_or_default(),
        field::ADDRESS => d.address.clone(),
        _ => return None,
    })
}

/// Sets one field from text; `Err` with a message when the name or value cannot be stored.
pub fn set(d: &mut ProfileDraft, name: &str, value: &str) -> Result<(), String> {
    if value.chars().count() > DRAFT_FIELD_MAX {
        return Err(format!(
            "This is too long to save: keep it under {DRAFT_FIELD_MAX} characters"
        ));
    }
    let text = value.to_string();
    match name {
        field::CHANNEL_NAME => d.channel_name = text,
        field::PHONE_COUNTRY => d.phone_country = text,
        field::PHONE_NUMBER => d.phone_number = text,
        field::BUSINESS_NAME => d.business_name = text,
        field::CATEGORY if value.is_empty() => d.category = None,
        field::CATEGORY => {
            d.category = Some(Category::from_code(value).ok_or("Select a category from the list")?)
        }
        field::TAGLINE => d.tagline = text,
        field::DESCRIPTION => d.description = text,
        field::CONTACT_EMAIL => d.contact_email = text,
        field::WEBSITE => d.website = text,
        field::PICTURE_ID if value.is_empty() => d.picture_id = None,
        field::PICTURE_ID => d.picture_id = Some(text),
        field::ADDRESS => d.address = text,
        _ => return Err("This is not a field of the profile".into()),
    }
    Ok(())
}

/// Applies a patch field by field; nothing changes if any field is refused.
pub fn apply(d: &mut ProfileDraft, patch: &DraftPatch) -> Result<(), Vec<FieldError>> {
    let mut next = d.clone();
    let errors: Vec<FieldError> = patch
        .fields
        .iter()
        .filter_map(|(k, v)| {
            set(&mut next, k, v)
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

/// Which of the two form pages holds a field (1 or 2).
pub fn page_of(name: &str) -> u8 {
    match name {
        field::CONTACT_EMAIL | field::WEBSITE | field::PICTURE_ID | field::ADDRESS => 2,
        _ => 1,
    }
}

/// The checks of one page (1, 2, or anything else for both), in field order.
pub fn check_page(d: &ProfileDraft, page: u8) -> Vec<FieldError> {
    let tidy = d.tidied();
    match page {
        1 => profile::validate_page1(&tidy),
        2 => profile::validate_page2(&tidy),
        _ => profile::validate_all(&tidy),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn patch(pairs: &[(&str, &str)]) -> DraftPatch {
        DraftPatch {
            fields: pairs
                .iter()
                .map(|(k, v)| (k.to_string(), v.to_string()))
                .collect(),
        }
    }

    #[test]
    fn get_reads_what_set_wrote_for_every_field() {
        let mut d = ProfileDraft::default();
        for f in FIELDS {
            let value = if f == field::CATEGORY { "RETAIL" } else { "x1" };
            set(&mut d, f, value).unwrap();
            assert_eq!(get(&d, f).as_deref(), Some(value), "{f}");
            set(&mut d, f, "").unwrap();
            assert_eq!(get(&d, f).as_deref(), Some(""), "{f}");
        }
        assert_eq!(get(&d, "password"), None);
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
        assert!(set(&mut d, "tagline", &"x".repeat(DRAFT_FIELD_MAX + 1)).is_err());
    }

    #[test]
    fn pages() {
        assert_eq!(FIELDS.iter().filter(|f| page_of(f) == 1).count(), 7);
        assert_eq!(page_of(field::ADDRESS), 2);
    }

    /// A draft with every field filled, so a patch that touches too much shows.
    fn filled() -> ProfileDraft {
        let mut d = ProfileDraft::default();
        for f in FIELDS {
            let value = if f == field::CATEGORY {
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
        let near_miss =
            (proptest::sample::select(FIELDS.to_vec()), 0..4u8).prop_map(|(f, how)| match how {
                0 => f.to_uppercase(),
                1 => format!("{f} "),
                2 => format!("{f}s"),
                _ => f[..f.len() - 1].to_string(),
            });
        prop_oneof![
            "[a-z_]{1,14}".prop_filter("a field name", |k| !FIELDS.contains(&k.as_str())),
            near_miss,
            Just("password".to_string()),
            Just(String::new()),
        ]
    }

    /// One entry of a patch: mostly real field names with suitable values, some bad names.
    fn any_entry() -> impl Strategy<Value = (String, String)> {
        prop_oneof![
            4 => proptest::sample::select(FIELDS.to_vec()).prop_flat_map(|f| {
                let value = if f == field::CATEGORY {
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
        FIELDS.contains(&name)
            && value.chars().count() <= DRAFT_FIELD_MAX
            && (name != field::CATEGORY || value.is_empty() || Category::from_code(value).is_some())
    }

    proptest! {
        /// A patch of known fields with storable values applies every value and
        /// leaves the other fields alone; otherwise exactly the refused names are
        /// reported and nothing changes. Names come mostly from [`FIELDS`], so
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
                    for f in FIELDS {
                        let expected = p.fields.get(f).cloned().or_else(|| get(&before, f));
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
        fn set_touches_only_its_field((name, value) in proptest::sample::select(FIELDS.to_vec())
            .prop_flat_map(|f| (Just(f), if f == field::CATEGORY { any_category_value().boxed() } else { any_value().boxed() })))
        {
            let before = filled();
            let mut d = before.clone();
            match set(&mut d, name, &value) {
                Ok(()) => {
                    prop_assert!(acceptable(name, &value));
                    for f in FIELDS {
                        let expected = if f == name { Some(value.clone()) } else { get(&before, f) };
                        prop_assert_eq!(get(&d, f), expected, "{}", f);
                    }
                }
                Err(_) => {
                    prop_assert!(!acceptable(name, &value));
                    prop_assert_eq!(d, before);
                }
            }
        }

        /// A name that is not a field is refused and changes nothing.
        #[test]
        fn unknown_names_are_refused(name in bad_name(), value in "\\PC{0,10}") {
            let before = filled();
            let mut d = before.clone();
            prop_assert_eq!(get(&d, &name), None);
            prop_assert!(set(&mut d, &name, &value).is_err());
            prop_assert_eq!(d, before);
        }
    }
}
