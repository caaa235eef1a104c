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
