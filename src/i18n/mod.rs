//! Every word the app shows, one catalogue per locale.
//!
//! [`Text`] holds every text as a `&'static str`, by area (`t.login.title`). The
//! British English catalogue is written beside the fields it fills, in
//! `en_gb/` (one file per area); the American English one, in `en_us.rs`, names
//! only what differs and takes the rest from it; the pseudo-locale en-XA is
//! built from British English once, at run time, by [`pseudo::pseudo`].
//!
//! Texts with values in them are templates with named placeholders
//! (`"Ready by {date}."`), filled by [`fill`]; a view that puts an element in
//! the middle of a sentence takes the parts around the placeholder with
//! [`split`]. Domain values (a field, a category, a channel's state, a
//! validation problem) are worded by their type, through the methods in
//! `words.rs` (`t.field_label(f)`, `t.problem(&p)`), never by matching strings.
//!
//! The locale is chosen once, when the app is mounted ([`set_locale`]); every
//! page reads its texts with [`text`].

mod en_gb;
mod en_us;
pub mod pseudo;
mod words;

pub use en_gb::*;

use domain::embed::Locale;
use std::cell::Cell;

/// Declares one area of the catalogue: a struct of `&'static str` fields, its
/// British English texts as `EN_GB` (each field's doc comment is its British
/// English), and `each`, which visits every text.
macro_rules! texts {
    ($(#[$meta:meta])* $name:ident { $($field:ident: $text:literal,)* }) => {
        $(#[$meta])*
        pub struct $name {
            $(#[doc = $text] pub $field: &'static str,)*
        }

        impl $name {
            /// British English.
            pub const EN_GB: $name = $name { $($field: $text,)* };

            /// No texts: the entry build's value for an area only the full app shows.
            pub const NONE: $name = $name { $($field: "",)* };

            /// Calls `f` with every text of the area.
            pub fn each(&mut self, f: &mut dyn FnMut(&mut &'static str)) {
                $(f(&mut self.$field);)*
            }

            /// Every text of the area with its name (`"title"`), for the tests.
            pub fn named(&self, out: &mut Vec<(&'static str, &'static str)>) {
                $(out.push((stringify!($field), self.$field));)*
            }
        }
    };
}
pub(crate) use texts;

/// Whether this build has any page but the login and set-password pages. The
/// entry build (`--no-default-features`: those two pages alone, which hand every
/// other address over) leaves out the texts of the areas only the other pages
/// show, about 4 KB of its download: those areas are empty there
/// ([`Text::EN_GB`]), and nothing the entry build shows reads them (its Playwright
/// journeys check its words).
const FULL: bool = cfg!(any(
    feature = "session-pages",
    feature = "start",
    feature = "handoff"
));

/// Whether this build has the login or the set-password page: only they show the
/// `account` area. A first-load build without them (the channels page's, say)
/// leaves its texts out, as it leaves out those of the pricing page and the
/// profile picture field when it has not got them; so does a release build's full
/// app, which hands those pages to the entry build (Cargo.toml, `full`).
const ACCOUNT: bool = cfg!(any(
    feature = "login",
    feature = "set-password",
    all(feature = "full", debug_assertions)
));

/// Whether this build has a page that shows the `channels` area: the channels
/// page and the pages that link to it or word a channel's next step (a
/// profile's first-load builds have none of them: its form pages word no channel).
const CHANNELS: bool = cfg!(any(
    feature = "channels",
    feature = "eligibility",
    feature = "request",
    feature = "confirm",
    feature = "review"
));

/// Whether this build has "Before you start", the only page that shows the
/// `eligibility` area (the blockers and the number's requirements it shares with
/// other pages are the `requirements` area).
const ELIGIBILITY: bool = cfg!(feature = "eligibility");

/// Whether this build has a page that shows the `review` area: the review, and
/// the pages with its Facebook button (a colleague's hand-over) or its panel that
/// asks a colleague (the channels page). A profile's first-load builds have a
/// form page each, without them.
const REVIEW: bool = cfg!(any(
    feature = "review",
    feature = "handoff",
    feature = "channels"
));

/// Whether this build has a page that shows the `facebook` area: coming back from
/// Facebook, linking the number, and a colleague's hand-over (its panel is on the
/// channels page and the review).
const FACEBOOK: bool = cfg!(any(
    feature = "callback",
    feature = "handoff",
    feature = "confirm",
    feature = "review",
    feature = "channels"
));

/// Whether this build has "Request a WhatsApp channel", the only page that shows
/// the `request` area.
const REQUEST: bool = cfg!(feature = "request");

/// Whether this build has the pricing page, the only page that shows the `pricing` area.
const PRICING: bool = cfg!(feature = "pricing");

/// Whether this build has the profile's page 2, the only page with the picture
/// field, which shows the `picture` area.
const PICTURE: bool = cfg!(feature = "profile-contact");

/// Every text of the app, by area of the app.
pub struct Text {
    /// The locale the texts are in (en-XA also accents the values it shows).
    pub locale: Locale,
    /// The frame around every page, and what every form shares.
    pub common: Common,
    /// What went wrong with a call, and how saving stands.
    pub errors: Errors,
    /// Logging in, setting a password, asking for a link.
    pub account: Account,
    /// The channels page.
    pub channels: Channels,
    /// "Before you start".
    pub eligibility: Eligibility,
    /// What an account lacks to go on, and what the phone number must be.
    pub requirements: Requirements,
    /// "Request a WhatsApp channel".
    pub request: Request,
    /// "WhatsApp pricing".
    pub pricing: Pricing,
    /// The business profile's pages, their fields and the preview.
    pub profile: Profile,
    /// The profile picture field.
    pub picture: Picture,
    /// "Check your profile", the Facebook button and a colleague's hand-over.
    pub review: Review,
    /// Back from Facebook, and linking the number.
    pub facebook: Facebook,
    /// The messages of the checks, as the backend words them in British English.
    pub problems: Problems,
    /// The names of domain values: fields, categories, states, currencies.
    pub words: Words,
}

impl Text {
    /// British English.
    pub const EN_GB: Text = Text {
        locale: Locale::EnGb,
        common: Common::EN_GB,
        errors: Errors::EN_GB,
        account: if ACCOUNT {
            Account::EN_GB
        } else {
            Account::NONE
        },
        channels: if CHANNELS {
            Channels::EN_GB
        } else {
            Channels::NONE
        },
        eligibility: if ELIGIBILITY {
            Eligibility::EN_GB
        } else {
            Eligibility::NONE
        },
        requirements: if FULL {
            Requirements::EN_GB
        } else {
            Requirements::NONE
        },
        request: if REQUEST {
            Request::EN_GB
        } else {
            Request::NONE
        },
        pricing: if PRICING {
            Pricing::EN_GB
        } else {
            Pricing::NONE
        },
        profile: if FULL { Profile::EN_GB } else { Profile::NONE },
        picture: if PICTURE {
            Picture::EN_GB
        } else {
            Picture::NONE
        },
        review: if REVIEW { Review::EN_GB } else { Review::NONE },
        facebook: if FACEBOOK {
            Facebook::EN_GB
        } else {
            Facebook::NONE
        },
        problems: Problems::EN_GB,
        words: Words::EN_GB,
    };

    /// Every text of the catalogue with its name, in declaration order, for the tests.
    pub fn named(&self) -> Vec<(&'static str, &'static str)> {
        let mut out = Vec::new();
        self.common.named(&mut out);
        self.errors.named(&mut out);
        self.account.named(&mut out);
        self.channels.named(&mut out);
        self.eligibility.named(&mut out);
        self.requirements.named(&mut out);
        self.request.named(&mut out);
        self.pricing.named(&mut out);
        self.profile.named(&mut out);
        self.picture.named(&mut out);
        self.review.named(&mut out);
        self.facebook.named(&mut out);
        self.problems.named(&mut out);
        self.words.named(&mut out);
        out
    }

    /// Calls `f` with every text of the catalogue that this build shows: the
    /// areas it leaves empty are skipped, and so is their code (each area's
    /// `each` is a function of its own: 0.4 KB brotli of page 2's build).
    pub fn each(&mut self, f: &mut dyn FnMut(&mut &'static str)) {
        self.common.each(f);
        self.errors.each(f);
        if ACCOUNT {
            self.account.each(f);
        }
        if CHANNELS {
            self.channels.each(f);
        }
        if ELIGIBILITY {
            self.eligibility.each(f);
        }
        if FULL {
            self.requirements.each(f);
        }
        if REQUEST {
            self.request.each(f);
        }
        if PRICING {
            self.pricing.each(f);
        }
        if FULL {
            self.profile.each(f);
        }
        if PICTURE {
            self.picture.each(f);
        }
        if REVIEW {
            self.review.each(f);
        }
        if FACEBOOK {
            self.facebook.each(f);
        }
        self.problems.each(f);
        self.words.each(f);
    }
}

static EN_GB: Text = Text::EN_GB;
static EN_US: Text = en_us::EN_US;

thread_local! {
    static LOCALE: Cell<Locale> = const { Cell::new(Locale::EnGb) };
    /// en-XA, built from British English the first time it is asked for.
    static EN_XA: &'static Text = {
        let mut t = Text::EN_GB;
        t.locale = Locale::EnXa;
        t.each(&mut |s| *s = Box::leak(pseudo::pseudo(s).into_boxed_str()));
        Box::leak(Box::new(t))
    };
}

/// Chooses the locale of every text (the app does it once, when it is mounted).
pub fn set_locale(locale: Locale) {
    LOCALE.with(|l| l.set(locale));
}

/// The locale of the texts.
pub fn locale() -> Locale {
    LOCALE.with(Cell::get)
}

/// The catalogue of the app's locale.
pub fn text() -> &'static Text {
    catalogue(locale())
}

/// The catalogue of `locale`.
pub fn catalogue(locale: Locale) -> &'static Text {
    match locale {
        Locale::EnGb => &EN_GB,
        Locale::EnUs => &EN_US,
        Locale::EnXa => EN_XA.with(|t| *t),
    }
}

/// `template` with each `{name}` of `values` replaced by its value; a
/// placeholder without a value stays as it is (the tests look for them).
pub fn fill(template: &str, values: &[(&str, &str)]) -> String {
    let mut out = String::with_capacity(template.len() + 32);
    let mut rest = template;
    while let Some(open) = rest.find('{') {
        let Some(close) = rest[open..].find('}').map(|c| open + c) else {
            break;
        };
        let name = &rest[open + 1..close];
        out.push_str(&rest[..open]);
        match values.iter().find(|(n, _)| *n == name) {
            Some((_, value)) => out.push_str(value),
            None => out.push_str(&rest[open..=close]),
        }
        rest = &rest[close + 1..];
    }
    out.push_str(rest);
    out
}

/// The parts of `template` before and after `{name}`, for a view that puts an
/// element (a link, a `<strong>`) there; all of it before when it has no such placeholder.
pub fn split<'a>(template: &'a str, name: &str) -> (&'a str, &'a str) {
    let mark = format!("{{{name}}}");
    match template.find(&mark) {
        Some(at) => (&template[..at], &template[at + mark.len()..]),
        None => (template, ""),
    }
}

/// What `Intl` formatted, as the locale shows it: en-XA accents it too.
pub fn localised(formatted: String) -> String {
    if locale() == Locale::EnXa {
        pseudo::accent(&formatted)
    } else {
        formatted
    }
}

#[cfg(test)]
mod tests;
