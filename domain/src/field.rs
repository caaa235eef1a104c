//! The business profile's fields and pages as types.
//!
//! A field's [`Field::name`] is its JSON key in the draft, its key in a field
//! error and its element id in the page; the words the page shows for it are
//! in the app's catalogue, one per language. Code that handles profile fields takes a [`Field`], never a
//! string, so a misspelt name cannot compile; only the wire ([`Field::from_name`])
//! turns text into a field, and it refuses names it does not know.

use serde::{Deserialize, Serialize};
use std::fmt;

/// One field of the business profile, in form order (page 1, then page 2).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum Field {
    /// "Channel name".
    ChannelName,
    /// The country picker beside "Phone number".
    PhoneCountry,
    /// "Phone number".
    PhoneNumber,
    /// "Business name" (cannot be changed once the profile is confirmed).
    BusinessName,
    /// "Category".
    Category,
    /// "Tagline".
    Tagline,
    /// "Description".
    Description,
    /// "Contact email".
    ContactEmail,
    /// "Website URL".
    Website,
    /// "Profile picture" (the uploaded picture's id).
    PictureId,
    /// "Business address".
    Address,
}

impl Field {
    /// Every field, in form order.
    pub const ALL: [Field; 11] = [
        Field::ChannelName,
        Field::PhoneCountry,
        Field::PhoneNumber,
        Field::BusinessName,
        Field::Category,
        Field::Tagline,
        Field::Description,
        Field::ContactEmail,
        Field::Website,
        Field::PictureId,
        Field::Address,
    ];

    /// The JSON key, the field-error key and the element id.
    pub const fn name(self) -> &'static str {
        match self {
            Field::ChannelName => "channel_name",
            Field::PhoneCountry => "phone_country",
            Field::PhoneNumber => "phone_number",
            Field::BusinessName => "business_name",
            Field::Category => "category",
            Field::Tagline => "tagline",
            Field::Description => "description",
            Field::ContactEmail => "contact_email",
            Field::Website => "website",
            Field::PictureId => "picture_id",
            Field::Address => "address",
        }
    }

    /// The field with this exact name, if there is one.
    pub fn from_name(name: &str) -> Option<Field> {
        Field::ALL.into_iter().find(|f| f.name() == name)
    }

    /// The page the field is on.
    pub const fn page(self) -> ProfilePage {
        match self {
            Field::ContactEmail | Field::Website | Field::PictureId | Field::Address => {
                ProfilePage::Contact
            }
            _ => ProfilePage::Account,
        }
    }

    /// Whether the profile needs an answer to it (the others may be left empty);
    /// the checks in [`crate::profile`] say "… is required" for exactly these.
    pub const fn is_required(self) -> bool {
        !matches!(
            self,
            Field::Description | Field::Website | Field::PictureId | Field::Address
        )
    }

    /// Its position in [`Field::ALL`].
    pub const fn index(self) -> usize {
        self as usize
    }
}

impl fmt::Display for Field {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

impl From<Field> for String {
    fn from(f: Field) -> String {
        f.name().to_string()
    }
}

impl From<Field> for &'static str {
    fn from(f: Field) -> &'static str {
        f.name()
    }
}

/// A field error's key (a `String` on the wire) names this field.
impl PartialEq<Field> for String {
    fn eq(&self, f: &Field) -> bool {
        self == f.name()
    }
}

/// A set of the profile's fields (those typed here and not saved yet, say), as
/// one bit per field: copied, compared and iterated (in form order) without a
/// collection's code, which the browser's build would otherwise carry for it.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash)]
pub struct FieldSet(u16);

// One bit per field must fit.
const _: () = assert!(Field::ALL.len() <= u16::BITS as usize);

impl FieldSet {
    /// No field.
    pub const EMPTY: FieldSet = FieldSet(0);

    const fn bit(f: Field) -> u16 {
        1 << f.index()
    }

    /// Adds `f`; whether it was not there.
    pub fn insert(&mut self, f: Field) -> bool {
        let added = !self.contains(f);
        self.0 |= Self::bit(f);
        added
    }

    /// Takes `f` out; whether it was there.
    pub fn remove(&mut self, f: Field) -> bool {
        let had = self.contains(f);
        self.0 &= !Self::bit(f);
        had
    }

    /// Whether `f` is in the set.
    pub const fn contains(self, f: Field) -> bool {
        self.0 & Self::bit(f) != 0
    }

    /// Whether the set has no field.
    pub const fn is_empty(self) -> bool {
        self.0 == 0
    }

    /// Its fields, in form order.
    pub fn iter(self) -> impl Iterator<Item = Field> {
        Field::ALL.into_iter().filter(move |f| self.contains(*f))
    }

    /// Keeps only the fields for which `keep` says so.
    pub fn retain(&mut self, mut keep: impl FnMut(Field) -> bool) {
        for f in self.iter() {
            if !keep(f) {
                self.remove(f);
            }
        }
    }
}

impl FromIterator<Field> for FieldSet {
    fn from_iter<I: IntoIterator<Item = Field>>(fields: I) -> Self {
        let mut set = FieldSet::EMPTY;
        for f in fields {
            set.insert(f);
        }
        set
    }
}

/// A step of the profile: its two form pages and the review of every answer.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum ProfilePage {
    /// Page 1, "WhatsApp account information".
    Account,
    /// Page 2, "Contact details and picture".
    Contact,
    /// "Check your profile": every answer, checked together.
    Review,
}

impl ProfilePage {
    /// Every step, in order.
    pub const ALL: [ProfilePage; 3] = [
        ProfilePage::Account,
        ProfilePage::Contact,
        ProfilePage::Review,
    ];

    /// Its segment in the app's address (`/channels/{id}/profile/{slug}`).
    pub const fn slug(self) -> &'static str {
        match self {
            ProfilePage::Account => "account",
            ProfilePage::Contact => "contact",
            ProfilePage::Review => "review",
        }
    }

    /// The step with this address segment.
    pub fn from_slug(slug: &str) -> Option<ProfilePage> {
        ProfilePage::ALL.into_iter().find(|p| p.slug() == slug)
    }

    /// "Step 1 of 3", counted from 1.
    pub const fn number(self) -> usize {
        self as usize + 1
    }

    /// Whether `field` is checked on this step (the review checks every field).
    pub fn covers(self, field: Field) -> bool {
        self == ProfilePage::Review || field.page() == self
    }

    /// The fields this step checks, in form order.
    pub fn fields(self) -> impl Iterator<Item = Field> {
        Field::ALL.into_iter().filter(move |f| self.covers(*f))
    }

    /// The step after this one, if any.
    pub fn next(self) -> Option<ProfilePage> {
        ProfilePage::ALL.get(self as usize + 1).copied()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_round_trip_and_unknown_names_are_refused() {
        for f in Field::ALL {
            assert_eq!(Field::from_name(f.name()), Some(f));
            assert_eq!(f.index(), Field::ALL.iter().position(|g| *g == f).unwrap());
            let json = serde_json::to_string(&f).unwrap();
            assert_eq!(json, format!("\"{}\"", f.name()));
        }
        for bad in ["", "Tagline", "tagline ", "taglines", "password"] {
            assert_eq!(Field::from_name(bad), None, "{bad:?}");
        }
    }

    #[test]
    fn pages_hold_their_fields_in_form_order() {
        let page1: Vec<_> = ProfilePage::Account.fields().collect();
        assert_eq!(
            page1,
            [
                Field::ChannelName,
                Field::PhoneCountry,
                Field::PhoneNumber,
                Field::BusinessName,
                Field::Category,
                Field::Tagline,
                Field::Description
            ]
        );
        let page2: Vec<_> = ProfilePage::Contact.fields().collect();
        assert_eq!(
            page2,
            [
                Field::ContactEmail,
                Field::Website,
                Field::PictureId,
                Field::Address
            ]
        );
        assert_eq!(ProfilePage::Review.fields().count(), Field::ALL.len());
    }

    /// Every operation on a [`FieldSet`] does what it does on a `BTreeSet` of
    /// fields, whose order (the form's) is the set's too.
    mod field_set {
        use super::*;
        use proptest::prelude::*;
        use std::collections::BTreeSet;

        #[derive(Debug, Clone)]
        enum Op {
            Insert(Field),
            Remove(Field),
            RetainNot(Field),
        }

        fn op() -> impl Strategy<Value = Op> {
            let field = proptest::sample::select(Field::ALL.to_vec());
            prop_oneof![
                field.clone().prop_map(Op::Insert),
                field.clone().prop_map(Op::Remove),
                field.prop_map(Op::RetainNot),
            ]
        }

        proptest! {
            #[test]
            fn behaves_as_a_set_of_fields(ops in proptest::collection::vec(op(), 0..40)) {
                let mut set = FieldSet::EMPTY;
                let mut model = BTreeSet::new();
                for op in ops {
                    match op {
                        Op::Insert(f) => prop_assert_eq!(set.insert(f), model.insert(f)),
                        Op::Remove(f) => prop_assert_eq!(set.remove(f), model.remove(&f)),
                        Op::RetainNot(g) => {
                            set.retain(|f| f != g);
                            model.retain(|f| *f != g);
                        }
                    }
                    prop_assert_eq!(set.is_empty(), model.is_empty());
                    prop_assert_eq!(set.iter().collect::<Vec<_>>(), model.iter().copied().collect::<Vec<_>>());
                    for f in Field::ALL {
                        prop_assert_eq!(set.contains(f), model.contains(&f));
                    }
                    prop_assert_eq!(set.iter().collect::<FieldSet>(), set);
                }
            }
        }
    }

    #[test]
    fn pages_follow_each_other() {
        assert_eq!(ProfilePage::Account.next(), Some(ProfilePage::Contact));
        assert_eq!(ProfilePage::Contact.next(), Some(ProfilePage::Review));
        assert_eq!(ProfilePage::Review.next(), None);
        for p in ProfilePage::ALL {
            assert_eq!(ProfilePage::from_slug(p.slug()), Some(p));
        }
        assert_eq!(ProfilePage::from_slug("nope"), None);
        assert_eq!(ProfilePage::Contact.number(), 2);
    }
}
