//! Where the app may send the user back to after logging in.

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
    let mut url = format!(
        "{LOGIN}?next={}",
        crate::contract::paths::encode_segment(here)
    );
    if expired {
        url.push_str("&expired=1");
    }
    url
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

    proptest! {
        /// Whatever comes in, the result is a path on this origin.
        #[test]
        fn always_a_local_path(s in "\\PC*") {
            let p = safe_return_path(Some(&s));
            prop_assert!(p.starts_with('/') && !p.starts_with("//") && !p.contains('\\'));
        }
    }
}
