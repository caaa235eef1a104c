//! The app inside a host page: the settings a host passes to `mount`, their
//! rules, and the events the app tells the host about. The JS names (camelCase)
//! are the public interface product teams code against.

use crate::brand::Brand;
use serde::{Deserialize, Serialize};

/// Who logs the user in.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Auth {
    /// The app's own set-password and login pages.
    #[default]
    Own,
    /// The host page has logged the user in; on an ended session the app waits
    /// for the host to log them in again and call `resume()`.
    Host,
}

/// The language and conventions of the words, dates and money.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Locale {
    /// British English.
    #[default]
    #[serde(rename = "en-GB")]
    EnGb,
    /// American English.
    #[serde(rename = "en-US")]
    EnUs,
    /// A pseudo-locale for testing: every letter accented, every text longer.
    #[serde(rename = "en-XA")]
    EnXa,
}

impl Locale {
    /// Every locale.
    pub const ALL: [Locale; 3] = [Locale::EnGb, Locale::EnUs, Locale::EnXa];

    /// The BCP 47 tag.
    pub const fn tag(self) -> &'static str {
        match self {
            Locale::EnGb => "en-GB",
            Locale::EnUs => "en-US",
            Locale::EnXa => "en-XA",
        }
    }

    /// The locale with exactly this tag.
    pub fn from_tag(tag: &str) -> Option<Locale> {
        Locale::ALL.into_iter().find(|l| l.tag() == tag)
    }

    /// The locale for a browser's languages (`navigator.languages`), else en-GB:
    /// American English for `en-US`, British English for any other English, and
    /// the pseudo-locale for `en-XA` (Chromium's name for it), which only a
    /// tester sets.
    pub fn for_browser<'a>(languages: impl IntoIterator<Item = &'a str>) -> Locale {
        for lang in languages {
            let lang = lang.trim();
            if lang.eq_ignore_ascii_case("en-US") {
                return Locale::EnUs;
            }
            if lang.eq_ignore_ascii_case("en-XA") {
                return Locale::EnXa;
            }
            if lang.len() >= 2 && lang[..2].eq_ignore_ascii_case("en") {
                return Locale::EnGb;
            }
        }
        Locale::EnGb
    }

    /// A whole number as the locale writes it, grouped in threes ("1,000").
    ///
    /// Counts are written here rather than by `Intl.NumberFormat`: making a page's
    /// first one costs about 20 ms of main thread (measured on the channels page), and
    /// a count is on every list and every character counter. Every locale the app
    /// speaks groups by threes with a comma; one that groups otherwise (en-IN's
    /// 1,00,000) would use `Intl` instead, and this match makes the choice explicit.
    pub fn count(self, n: u64) -> String {
        let separator = match self {
            Locale::EnGb | Locale::EnUs | Locale::EnXa => ',',
        };
        let digits = n.to_string();
        let mut out = String::with_capacity(digits.len() + digits.len() / 3);
        for (i, d) in digits.chars().enumerate() {
            if i > 0 && (digits.len() - i).is_multiple_of(3) {
                out.push(separator);
            }
            out.push(d);
        }
        out
    }

    /// The tag `Intl` formats dates and money with (the pseudo-locale formats as en-GB).
    pub const fn intl_tag(self) -> &'static str {
        match self {
            Locale::EnUs => "en-US",
            Locale::EnGb | Locale::EnXa => "en-GB",
        }
    }
}

/// How the app opens Facebook's Embedded Signup.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum FacebookMode {
    /// The whole page goes to the dialog and comes back to the callback page.
    #[default]
    Redirect,
    /// The dialog opens in a window of its own and posts its result back, so the
    /// page (and a host page around the app) stays where it is.
    Popup,
}

impl FacebookMode {
    /// The mode for the `facebook` setting: `popup` when embedded and
    /// `redirect` standalone unless the setting says which; a wrong value is a
    /// problem (and the default is used).
    pub fn for_setting(raw: Option<&str>, embedded: bool) -> Result<FacebookMode, String> {
        match raw {
            None if embedded => Ok(FacebookMode::Popup),
            None => Ok(FacebookMode::Redirect),
            Some("redirect") => Ok(FacebookMode::Redirect),
            Some("popup") => Ok(FacebookMode::Popup),
            Some(other) => Err(format!("must be 'redirect' or 'popup' (got '{other}')")),
        }
    }
}

/// Light or dark colours.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Theme {
    /// Dark text on a light background.
    #[default]
    Light,
    /// Light text on a dark background.
    Dark,
}

/// Why a setting given to `mount` was not used (the default is used instead).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SettingProblem {
    /// The setting, as the host wrote it (e.g. `basePath`, `appearance.colorPrimary`).
    pub field: String,
    /// What is wrong with it.
    pub message: String,
}

impl SettingProblem {
    /// A problem with `field`.
    pub fn new(field: impl Into<String>, message: impl Into<String>) -> Self {
        SettingProblem {
            field: field.into(),
            message: message.into(),
        }
    }
}

/// The base path as the router uses it: `/` or `/a/b` (no trailing slash), or
/// why it cannot be used.
pub fn base_path(raw: &str) -> Result<String, String> {
    if !raw.starts_with('/') {
        return Err(format!(
            "must start with a slash, like /portal/whatsapp (got '{raw}')"
        ));
    }
    if raw.starts_with("//")
        || raw
            .chars()
            .any(|c| c.is_control() || c.is_whitespace() || matches!(c, '\\' | '?' | '#'))
    {
        return Err(format!(
            "must be a path on this site, without //, spaces, ?, # or backslashes (got '{raw}')"
        ));
    }
    if raw.split('/').any(|s| s == "." || s == "..") {
        return Err(format!("must not contain . or .. segments (got '{raw}')"));
    }
    let trimmed = raw.trim_end_matches('/');
    Ok(if trimmed.is_empty() {
        "/".to_string()
    } else {
        trimmed.to_string()
    })
}

/// `path` (an app address from `/`) under `base`.
pub fn under_base(base: &str, path: &str) -> String {
    if base == "/" || base.is_empty() {
        path.to_string()
    } else if path == "/" {
        base.to_string()
    } else {
        format!("{base}{path}")
    }
}

/// The app address (from `/`) of `path`, a full address under `base`: the
/// inverse of [`under_base`]. An address outside the base is taken as it is.
pub fn from_base<'a>(base: &str, path: &'a str) -> &'a str {
    if base == "/" || base.is_empty() {
        return path;
    }
    match path.strip_prefix(base) {
        Some("") => "/",
        Some(rest) if rest.starts_with('/') || rest.starts_with('?') => rest,
        _ => path,
    }
}

/// A step of the journey, as the `step` event names it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum Step {
    /// "Before you start".
    Eligibility,
    /// Requesting a channel.
    Request,
    /// Profile page 1.
    ProfileAccount,
    /// Profile page 2.
    ProfileContact,
    /// The profile's review.
    ProfileReview,
    /// Back from Facebook's sign-up.
    Facebook,
    /// Choosing the number and channel, and confirming.
    Confirm,
    /// The number is linked.
    Complete,
    /// The channels page.
    Channels,
}

/// The step an app address (from the app's root, without the base path) shows,
/// and the channel it is for.
pub fn step_for(path: &str) -> Option<(Step, Option<String>)> {
    use crate::field::ProfilePage;
    use crate::navigation::{Page, SessionPage};
    let Page::Session(page) = Page::parse(path) else {
        return None;
    };
    Some(match page {
        SessionPage::BeforeYouStart => (Step::Eligibility, None),
        SessionPage::Channels => (Step::Channels, None),
        SessionPage::NewChannel => (Step::Request, None),
        SessionPage::Confirm(id) => (Step::Confirm, Some(id)),
        SessionPage::Profile { channel, step } => {
            let step = match step? {
                ProfilePage::Account => Step::ProfileAccount,
                ProfilePage::Contact => Step::ProfileContact,
                ProfilePage::Review => Step::ProfileReview,
            };
            (step, Some(channel))
        }
        SessionPage::FacebookCallback => (Step::Facebook, None),
        SessionPage::Pricing => return None,
    })
}

/// What the app tells the host page: delivered to `onEvent` and as a
/// `whatsapp-onboarding` DOM event on the mount element (its `detail`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
#[serde(
    tag = "type",
    rename_all = "snake_case",
    rename_all_fields = "camelCase"
)]
pub enum Event {
    /// The first screen is interactive.
    Ready,
    /// The user moved to another step.
    Step {
        /// The step.
        step: Step,
        /// The channel it is for, if any.
        #[serde(skip_serializing_if = "Option::is_none")]
        channel_id: Option<String>,
    },
    /// A number was linked to a channel.
    Complete {
        /// The channel.
        channel_id: String,
        /// The number, E.164.
        phone_number: String,
        /// When activation will be finished by (ISO date), if known.
        #[serde(skip_serializing_if = "Option::is_none")]
        ready_by: Option<String>,
    },
    /// The user left the journey by the app's own Cancel or "Back to the portal".
    Exit {
        /// Where they were.
        step: Step,
        /// The channel, if any.
        #[serde(skip_serializing_if = "Option::is_none")]
        channel_id: Option<String>,
        /// Why (`cancel` or `back_to_portal`).
        reason: String,
    },
    /// A failure the user was shown.
    Error {
        /// The error's code (the backend's `code`, or `network`, `timeout`, `server`).
        code: String,
        /// The id to quote to support, when there is one.
        #[serde(skip_serializing_if = "Option::is_none")]
        error_id: Option<String>,
    },
    /// The session ended; with `auth: 'host'` the app waits for `resume()`.
    SessionExpired,
}

/// The version of the events' shape, in the README; it changes when a field changes meaning.
pub const EVENTS_VERSION: &str = "1.0";

/// The settings as the app uses them, after the rules (defaults where a setting
/// was missing or wrong).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Settings {
    /// The router's base path (`/` or `/a/b`).
    pub base_path: String,
    /// The API's base URL; empty means the page's origin.
    pub api_base_url: String,
    /// Who logs the user in.
    pub auth: Auth,
    /// The words' language.
    pub locale: Locale,
    /// A channel whose next step opens straight away.
    pub channel_id: Option<String>,
    /// The host's brand, if it gave one.
    pub brand: Option<Brand>,
    /// Light or dark.
    pub theme: Theme,
    /// How Facebook's Embedded Signup opens.
    pub facebook: FacebookMode,
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            base_path: "/".into(),
            api_base_url: String::new(),
            auth: Auth::Own,
            locale: Locale::EnGb,
            channel_id: None,
            brand: None,
            theme: Theme::Light,
            facebook: FacebookMode::Redirect,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn counts_are_grouped_in_threes() {
        for (n, words) in [
            (0, "0"),
            (999, "999"),
            (1000, "1,000"),
            (1_234_567, "1,234,567"),
        ] {
            assert_eq!(Locale::EnGb.count(n), words);
        }
        assert_eq!(Locale::EnUs.count(u64::MAX), "18,446,744,073,709,551,615");
    }

    proptest! {
        /// Without its commas a count is the number; every group after the first has
        /// three digits, the first one to three.
        #[test]
        fn a_count_is_the_number_in_groups_of_three(n: u64) {
            for locale in Locale::ALL {
                let words = locale.count(n);
                prop_assert_eq!(words.replace(',', ""), n.to_string());
                let groups: Vec<&str> = words.split(',').collect();
                prop_assert!((1..=3).contains(&groups[0].len()));
                prop_assert!(groups[1..].iter().all(|g| g.len() == 3));
            }
        }
    }

    #[test]
    fn facebook_opens_in_a_popup_when_embedded_unless_told() {
        assert_eq!(
            FacebookMode::for_setting(None, true),
            Ok(FacebookMode::Popup)
        );
        assert_eq!(
            FacebookMode::for_setting(None, false),
            Ok(FacebookMode::Redirect)
        );
        for embedded in [true, false] {
            assert_eq!(
                FacebookMode::for_setting(Some("redirect"), embedded),
                Ok(FacebookMode::Redirect)
            );
            assert_eq!(
                FacebookMode::for_setting(Some("popup"), embedded),
                Ok(FacebookMode::Popup)
            );
        }
        assert!(FacebookMode::for_setting(Some("Popup"), true)
            .unwrap_err()
            .contains("'Popup'"));
    }

    #[test]
    fn base_paths_are_normalised_or_refused() {
        assert_eq!(base_path("/"), Ok("/".into()));
        assert_eq!(
            base_path("/portal/whatsapp/"),
            Ok("/portal/whatsapp".into())
        );
        assert_eq!(base_path("/portal/whatsapp"), Ok("/portal/whatsapp".into()));
        for bad in [
            "portal",
            "",
            "//evil.example",
            "/a b",
            "/a?b",
            "/a#b",
            "/a\\b",
            "/a/../b",
        ] {
            assert!(base_path(bad).is_err(), "{bad:?}");
        }
        assert_eq!(under_base("/", "/channels"), "/channels");
        assert_eq!(under_base("/portal/wa", "/channels"), "/portal/wa/channels");
        assert_eq!(under_base("/portal/wa", "/"), "/portal/wa");
        assert_eq!(from_base("/portal/wa", "/portal/wa"), "/");
        assert_eq!(from_base("/portal/wa", "/portal/wa/pricing"), "/pricing");
        assert_eq!(
            from_base("/portal/wa", "/portal/wax/pricing"),
            "/portal/wax/pricing"
        );
        assert_eq!(from_base("/", "/pricing"), "/pricing");
    }

    #[test]
    fn locales_from_tags_and_browsers() {
        assert_eq!(Locale::from_tag("en-US"), Some(Locale::EnUs));
        assert_eq!(Locale::from_tag("fr-FR"), None);
        assert_eq!(Locale::for_browser(["fr-FR", "en-US"]), Locale::EnUs);
        assert_eq!(Locale::for_browser(["en-AU"]), Locale::EnGb);
        assert_eq!(Locale::for_browser(["en-XA", "en-US"]), Locale::EnXa);
        assert_eq!(Locale::from_tag("en-XA"), Some(Locale::EnXa));
        assert_eq!(Locale::for_browser(["de-DE"]), Locale::EnGb);
        assert_eq!(Locale::for_browser([]), Locale::EnGb);
    }

    #[test]
    fn events_have_the_documented_shape() {
        let json = |e: Event| serde_json::to_value(e).unwrap();
        assert_eq!(json(Event::Ready), serde_json::json!({ "type": "ready" }));
        assert_eq!(
            json(Event::Step {
                step: Step::ProfileAccount,
                channel_id: Some("ch_1".into())
            }),
            serde_json::json!({ "type": "step", "step": "profile_account", "channelId": "ch_1" })
        );
        assert_eq!(
            json(Event::Complete {
                channel_id: "ch_1".into(),
                phone_number: "+447400123456".into(),
                ready_by: Some("2026-12-31".into())
            }),
            serde_json::json!({ "type": "complete", "channelId": "ch_1", "phoneNumber": "+447400123456", "readyBy": "2026-12-31" })
        );
        assert_eq!(
            json(Event::Error {
                code: "network".into(),
                error_id: None
            }),
            serde_json::json!({ "type": "error", "code": "network" })
        );
        assert_eq!(
            json(Event::SessionExpired),
            serde_json::json!({ "type": "session_expired" })
        );
    }

    #[test]
    fn steps_follow_the_address() {
        assert_eq!(step_for("/channels"), Some((Step::Channels, None)));
        assert_eq!(step_for("/channels/new"), Some((Step::Request, None)));
        assert_eq!(
            step_for("/channels/ch_1/profile/contact"),
            Some((Step::ProfileContact, Some("ch_1".into())))
        );
        assert_eq!(
            step_for("/channels/ch_1/confirm?x=1"),
            Some((Step::Confirm, Some("ch_1".into())))
        );
        assert_eq!(step_for("/facebook/callback"), Some((Step::Facebook, None)));
        assert_eq!(
            step_for("/before-you-start"),
            Some((Step::Eligibility, None))
        );
        assert_eq!(step_for("/login"), None);
        assert_eq!(step_for("/channels/ch_1/profile"), None);
        assert_eq!(step_for("/pricing"), None);
        assert_eq!(
            step_for("/channels/a%2Fb/confirm"),
            Some((Step::Confirm, Some("a/b".into())))
        );
    }

    proptest! {
        /// A base path that is accepted is a local path the router can match, and
        /// putting an app path under it stays under it.
        #[test]
        fn accepted_base_paths_stay_local(raw in "[/a-z.?# ]{0,20}") {
            if let Ok(base) = base_path(&raw) {
                prop_assert!(base.starts_with('/') && !base.starts_with("//"));
                prop_assert!(base == "/" || !base.ends_with('/'));
                let p = under_base(&base, "/channels");
                prop_assert!(p.starts_with(base.trim_end_matches('/')) && p.ends_with("/channels"));
                for app_path in ["/", "/channels", "/channels/ch_1/profile/account"] {
                    let full = under_base(&base, app_path);
                    prop_assert_eq!(from_base(&base, &full), app_path);
                }
            }
        }
    }
}
