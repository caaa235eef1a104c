//! The app's pages and their addresses, and where the app may send the user
//! back to after logging in.

use crate::field::{Field, ProfilePage};

/// The login page's path.
pub const LOGIN: &str = "/login";
/// Where a logged-in user starts.
pub const HOME: &str = "/channels";

/// `next` if it is a path inside this app, otherwise [`HOME`].
///
/// Refuses anything that could leave the app (`//evil.example`, `/\evil`,
/// `https://...`, control characters) and the login page itself.
pub fn safe_return_path(next: Option<&str>) -> &str {
    match next {
        Some(p)
            if p.starts_with('/')
                && !p.starts_with("//")
                && !p.starts_with("/\\")
                && !p.chars().any(|c| c.is_control() || c == '\\')
                && p != LOGIN
                && !p.starts_with("/login?") =>
        {
            p
        }
        _ => HOME,
    }
}

/// The login page's address, asking to come back to `here` afterwards.
pub fn login_url(here: &str, expired: bool) -> String {
    Route::LogIn {
        next: Some(here),
        expired,
    }
    .path()
}

/// A page of the app. [`Route::path`] builds its address, every parameter
/// percent-encoded, so no page writes an app address by hand. The address is
/// from the app's root; the app puts it under its base path.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Route<'a> {
    /// Log in, then go to `next` (a path in the app); `expired` says the session ended.
    LogIn {
        /// Where to go back to afterwards.
        next: Option<&'a str>,
        /// Whether a live session ended under the user.
        expired: bool,
    },
    /// The login page after logging out.
    LoggedOut,
    /// Set a password (`token` from the emailed link), or ask for a new link (none).
    SetPassword(Option<&'a str>),
    /// The channels page.
    Channels,
    /// The channels page, going on to this channel's next step once it has loaded.
    OpenChannel(&'a str),
    /// The channels page, announcing the channel just requested.
    ChannelRequested(&'a str),
    /// Request a channel (the Configuration Manager's form).
    NewChannel,
    /// The preconditions.
    BeforeYouStart,
    /// The pricing estimator.
    Pricing,
    /// A channel's profile, resumed where the user left it.
    Profile(&'a str),
    /// One step of a channel's profile, optionally focusing a field.
    ProfileStep {
        /// The channel.
        channel: &'a str,
        /// The step.
        page: ProfilePage,
        /// The field to focus on arrival.
        focus: Option<Field>,
    },
    /// Choose the number and channel, then confirm.
    Confirm(&'a str),
    /// Back from Facebook, the code removed (the state kept, to show the outcome on refresh).
    FacebookCallback {
        /// The sign-up's state.
        state: &'a str,
    },
}

impl Route<'_> {
    /// The address of the page, from the app's root.
    pub fn path(&self) -> String {
        let e = crate::percent::encode;
        match *self {
            Route::LogIn { next, expired } => {
                let mut url = LOGIN.to_string();
                let mut sep = '?';
                if let Some(next) = next {
                    url.push_str(&format!("{sep}next={}", e(next)));
                    sep = '&';
                }
                if expired {
                    url.push_str(&format!("{sep}expired=1"));
                }
                url
            }
            Route::LoggedOut => format!("{LOGIN}?logged_out=1"),
            Route::SetPassword(None) => "/set-password".into(),
            Route::SetPassword(Some(token)) => format!("/set-password?token={}", e(token)),
            Route::Channels => HOME.into(),
            Route::ChannelRequested(id) => format!("{HOME}?requested={}", e(id)),
            Route::OpenChannel(id) => format!("{HOME}?open={}", e(id)),
            Route::NewChannel => "/channels/new".into(),
            Route::BeforeYouStart => "/before-you-start".into(),
            Route::Pricing => "/pricing".into(),
            Route::Profile(id) => format!("/channels/{}/profile", e(id)),
            Route::ProfileStep {
                channel,
                page,
                focus,
            } => {
                let mut url = format!("/channels/{}/profile/{}", e(channel), page.slug());
                if let Some(f) = focus {
                    url.push_str(&format!("?focus={}", f.name()));
                }
                url
            }
            Route::Confirm(id) => format!("/channels/{}/confirm", e(id)),
            Route::FacebookCallback { state } => format!("/facebook/callback?state={}", e(state)),
        }
    }
}

/// The page an address shows: the app's own router, so one match on the path
/// (here, tested natively) stands for a tree of routes in the browser.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Page {
    /// `/`: on to the channels page or the login.
    Start,
    /// `/login`.
    LogIn,
    /// `/set-password`.
    SetPassword,
    /// `/handoff`: a colleague's part of the Facebook sign-up.
    Handoff,
    /// A page that needs a session.
    Session(SessionPage),
    /// No page has this address.
    NotFound,
}

/// A page behind the login.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SessionPage {
    /// `/channels`.
    Channels,
    /// `/channels/new`.
    NewChannel,
    /// `/channels/{id}/confirm`.
    Confirm(String),
    /// `/before-you-start`.
    BeforeYouStart,
    /// `/pricing`.
    Pricing,
    /// `/facebook/callback`.
    FacebookCallback,
    /// `/channels/{id}/profile[/{step}]`: the step, or none to resume where the
    /// user left it.
    Profile {
        /// The channel (percent-decoded).
        channel: String,
        /// The step in the address.
        step: Option<ProfilePage>,
    },
}

impl Page {
    /// The page at `path` (from the app's root, without the base path; a query is
    /// ignored, and so is a trailing slash).
    pub fn parse(path: &str) -> Page {
        let path = path.split(['?', '#']).next().unwrap_or_default();
        let segments: Vec<&str> = path.trim_matches('/').split('/').collect();
        let id = |raw: &str| crate::percent::decode(raw).unwrap_or_else(|| raw.to_string());
        let session = Page::Session;
        match segments.as_slice() {
            [""] => Page::Start,
            ["login"] => Page::LogIn,
            ["set-password"] => Page::SetPassword,
            ["handoff"] => Page::Handoff,
            ["channels"] => session(SessionPage::Channels),
            ["channels", "new"] => session(SessionPage::NewChannel),
            ["before-you-start"] => session(SessionPage::BeforeYouStart),
            ["pricing"] => session(SessionPage::Pricing),
            ["facebook", "callback"] => session(SessionPage::FacebookCallback),
            ["channels", channel, "confirm"] if !channel.is_empty() => {
                session(SessionPage::Confirm(id(channel)))
            }
            ["channels", channel, "profile", rest @ ..] if !channel.is_empty() => {
                let step = match rest {
                    [] => None,
                    [slug] => match ProfilePage::from_slug(slug) {
                        Some(step) => Some(step),
                        None => return Page::NotFound,
                    },
                    _ => return Page::NotFound,
                };
                session(SessionPage::Profile {
                    channel: id(channel),
                    step,
                })
            }
            _ => Page::NotFound,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn keeps_app_paths_and_refuses_the_rest() {
        assert_eq!(
            safe_return_path(Some("/channels/ch_1?step=2")),
            "/channels/ch_1?step=2"
        );
        for bad in [
            "//evil.example",
            "/\\evil.example",
            "https://evil.example",
            "javascript:alert(1)",
            "",
            "/login",
            "/login?next=/x",
            "/a\nb",
        ] {
            assert_eq!(safe_return_path(Some(bad)), HOME, "{bad:?}");
        }
        assert_eq!(safe_return_path(None), HOME);
    }

    #[test]
    fn login_url_encodes_the_return_path() {
        assert_eq!(
            login_url("/channels?q=a&b", true),
            "/login?next=%2Fchannels%3Fq%3Da%26b&expired=1"
        );
    }

    #[test]
    fn every_route_has_its_address_with_parameters_encoded() {
        let step = |focus| Route::ProfileStep {
            channel: "a/b",
            page: ProfilePage::Contact,
            focus,
        };
        let cases = [
            (
                Route::LogIn {
                    next: None,
                    expired: false,
                },
                "/login",
            ),
            (Route::LoggedOut, "/login?logged_out=1"),
            (Route::SetPassword(None), "/set-password"),
            (Route::SetPassword(Some("t&k")), "/set-password?token=t%26k"),
            (Route::Channels, "/channels"),
            (
                Route::ChannelRequested("ch 1"),
                "/channels?requested=ch%201",
            ),
            (Route::OpenChannel("ch/1"), "/channels?open=ch%2F1"),
            (Route::NewChannel, "/channels/new"),
            (Route::BeforeYouStart, "/before-you-start"),
            (Route::Pricing, "/pricing"),
            (Route::Profile("ch_1"), "/channels/ch_1/profile"),
            (step(None), "/channels/a%2Fb/profile/contact"),
            (
                step(Some(Field::Website)),
                "/channels/a%2Fb/profile/contact?focus=website",
            ),
            (Route::Confirm("ch?1"), "/channels/ch%3F1/confirm"),
            (
                Route::FacebookCallback { state: "ab+/" },
                "/facebook/callback?state=ab%2B%2F",
            ),
        ];
        for (route, href) in cases {
            assert_eq!(route.path(), href, "{route:?}");
        }
    }

    #[test]
    fn every_address_shows_its_page_and_others_none() {
        let profile = |channel: &str, step| {
            Page::Session(SessionPage::Profile {
                channel: channel.into(),
                step,
            })
        };
        let cases = [
            ("/", Page::Start),
            ("", Page::Start),
            ("/login?next=%2Fpricing", Page::LogIn),
            ("/set-password", Page::SetPassword),
            ("/handoff#x", Page::Handoff),
            ("/channels/", Page::Session(SessionPage::Channels)),
            ("/channels/new", Page::Session(SessionPage::NewChannel)),
            (
                "/channels/ch_1/confirm",
                Page::Session(SessionPage::Confirm("ch_1".into())),
            ),
            (
                "/before-you-start",
                Page::Session(SessionPage::BeforeYouStart),
            ),
            ("/pricing", Page::Session(SessionPage::Pricing)),
            (
                "/facebook/callback?state=s",
                Page::Session(SessionPage::FacebookCallback),
            ),
            ("/channels/ch_1/profile", profile("ch_1", None)),
            (
                "/channels/a%2Fb/profile/review",
                profile("a/b", Some(ProfilePage::Review)),
            ),
            ("/channels/ch_1/profile/step-4", Page::NotFound),
            ("/channels/ch_1/profile/account/x", Page::NotFound),
            ("/channels//confirm", Page::NotFound),
            ("/channels/ch_1", Page::NotFound),
            ("/pricing/uk", Page::NotFound),
            ("/no-such-page", Page::NotFound),
        ];
        for (path, page) in cases {
            assert_eq!(Page::parse(path), page, "{path:?}");
        }
    }

    proptest! {
        /// The address of a channel's page leads back to that page and channel,
        /// whatever the channel's id.
        #[test]
        fn a_channels_address_shows_its_page(id in "\\PC+", step in 0..4usize) {
            let page = ProfilePage::ALL.get(step).copied();
            let (route, expected) = match page {
                Some(page) => (
                    Route::ProfileStep { channel: &id, page, focus: Some(Field::Tagline) },
                    SessionPage::Profile { channel: id.clone(), step: Some(page) },
                ),
                None => (Route::Confirm(&id), SessionPage::Confirm(id.clone())),
            };
            prop_assert_eq!(Page::parse(&route.path()), Page::Session(expected));
            prop_assert_eq!(
                Page::parse(&Route::Profile(&id).path()),
                Page::Session(SessionPage::Profile { channel: id.clone(), step: None })
            );
        }
    }

    proptest! {
        /// Whatever comes in, the result is a path on this origin.
        #[test]
        fn always_a_local_path(s in "\\PC*") {
            let p = safe_return_path(Some(&s));
            prop_assert!(p.starts_with('/') && !p.starts_with("//") && !p.contains('\\'));
        }
    }
}
