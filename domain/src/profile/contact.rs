//! Page 2's contact fields: the contact email and the website address.

use super::*;

/// "Contact email": required, up to 128 characters, a valid address whose domain has a dot.
///
/// Surrounding spaces are ignored. The syntax check is RFC 5321/5322 by the
/// `email_address` crate, without display names (`Jo <jo@example.com>`), IP
/// literals or quoted local parts; the domain's last label must be letters
/// (or punycode), at least 2 of them.
pub fn contact_email_problem(text: &str) -> Option<EmailProblem> {
    let email = text.trim();
    if email.is_empty() {
        Some(EmailProblem::Empty)
    } else if count(email) > EMAIL_MAX {
        Some(EmailProblem::TooLong)
    } else if is_plausible_email(email) {
        None
    } else {
        Some(EmailProblem::Format)
    }
}

/// [`contact_email_problem`] in words.
pub fn validate_contact_email(text: &str) -> Option<String> {
    contact_email_problem(text).map(|p| Problem::ContactEmail(p).message())
}

fn is_plausible_email(email: &str) -> bool {
    let options = Options::default()
        .with_required_tld()
        .without_domain_literal()
        .without_display_text();
    if email.contains('"') || EmailAddress::parse_with_options(email, options).is_err() {
        return false;
    }
    let tld = email.rsplit('.').next().unwrap_or_default();
    let letters = tld.chars().count() >= 2 && tld.chars().all(char::is_alphabetic);
    let punycode = tld.len() > 4
        && tld.get(..4).is_some_and(|p| p.eq_ignore_ascii_case("xn--"))
        && tld.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-');
    letters || punycode
}

/// One reason a website address is refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum WebsiteProblem {
    /// More than [`WEBSITE_MAX`] characters.
    TooLong,
    /// Does not start with `http://` or `https://`.
    NoScheme,
    /// Contains a space, tab or line break.
    Spaces,
    /// Has a `user:password@` part.
    Credentials,
    /// The host is an IP address.
    IpAddress,
    /// The host is `localhost`.
    Localhost,
    /// The host or port is not well formed.
    Format,
}

impl WebsiteProblem {
    /// What is wrong and how to fix it.
    pub fn message(self) -> String {
        match self {
            Self::TooLong => format!("Website address must be {WEBSITE_MAX} characters or fewer"),
            Self::NoScheme => "Enter a website address that starts with https:// or http://".into(),
            Self::Spaces => "Website address must not contain spaces".into(),
            Self::Credentials => "Website address must not contain a username or password".into(),
            Self::IpAddress => {
                "Enter a website address with a domain name, like https://www.example.com, not an IP address".into()
            }
            Self::Localhost => {
                "Enter a public website address, like https://www.example.com, not localhost".into()
            }
            Self::Format => {
                "Enter a website address in the correct format, like https://www.example.com".into()
            }
        }
    }
}

/// `(scheme, authority, rest)` of `url`, split at `://` and the first `/`, `?` or `#`.
fn split_url(url: &str) -> Option<(&str, &str, &str)> {
    let (scheme, after) = url.split_once("://")?;
    let end = after.find(['/', '?', '#']).unwrap_or(after.len());
    Some((scheme, &after[..end], &after[end..]))
}

/// `website` trimmed, with its scheme and host in lower case; no scheme is ever added.
pub fn normalise_website(website: &str) -> String {
    let website = website.trim();
    match split_url(website) {
        Some((scheme, authority, rest))
            if scheme.eq_ignore_ascii_case("http") || scheme.eq_ignore_ascii_case("https") =>
        {
            format!(
                "{}://{}{rest}",
                scheme.to_ascii_lowercase(),
                authority.to_ascii_lowercase()
            )
        }
        _ => website.to_owned(),
    }
}

/// The first reason `website` is refused, if any; an empty website is accepted.
///
/// Surrounding spaces are ignored. The check is written out rather than using
/// the `url` crate, which would add about 57 KB to the WebAssembly: scheme
/// `http` or `https` (any case), `://`, a host of at least two DNS labels
/// (letters, digits and hyphens, 1 to 63 each, not starting or ending with a
/// hyphen) ending in a top-level domain of at least 2 letters or punycode
/// (`xn--`), an optional port 1 to 65535, then any path, query and fragment
/// without spaces or control characters.
pub fn website_problem(website: &str) -> Option<WebsiteProblem> {
    use WebsiteProblem as P;
    let url = website.trim();
    if url.is_empty() {
        return None;
    }
    if count(url) > WEBSITE_MAX {
        return Some(P::TooLong);
    }
    let Some((scheme, authority, _)) = split_url(url) else {
        return Some(P::NoScheme);
    };
    if !(scheme.eq_ignore_ascii_case("http") || scheme.eq_ignore_ascii_case("https")) {
        return Some(P::NoScheme);
    }
    if url.chars().any(|c| c.is_whitespace() || is_unprintable(c)) {
        return Some(P::Spaces);
    }
    if authority.contains('@') {
        return Some(P::Credentials);
    }
    if authority.starts_with('[') {
        return Some(P::IpAddress);
    }
    let (host, port) = match authority.rsplit_once(':') {
        Some((host, port)) => (host, Some(port)),
        None => (authority, None),
    };
    if let Some(port) = port {
        let in_range = port.len() <= 5
            && port.bytes().all(|b| b.is_ascii_digit())
            && port.parse::<u32>().is_ok_and(|p| (1..=65_535).contains(&p));
        if !in_range {
            return Some(P::Format);
        }
    }
    let labels: Vec<&str> = host.split('.').collect();
    if !labels.is_empty()
        && labels
            .iter()
            .all(|l| !l.is_empty() && l.bytes().all(|b| b.is_ascii_digit()))
    {
        return Some(P::IpAddress);
    }
    let last = labels.last().copied().unwrap_or_default();
    if last.eq_ignore_ascii_case("localhost") {
        return Some(P::Localhost);
    }
    let label_ok = |l: &str| {
        (1..=63).contains(&l.len())
            && l.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-')
            && !l.starts_with('-')
            && !l.ends_with('-')
    };
    let tld_ok = last.len() >= 2 && last.bytes().all(|b| b.is_ascii_alphabetic())
        || last.len() > 4
            && last
                .get(..4)
                .is_some_and(|p| p.eq_ignore_ascii_case("xn--"));
    if labels.len() < 2 || host.len() > 253 || !labels.iter().all(|l| label_ok(l)) || !tld_ok {
        return Some(P::Format);
    }
    None
}

/// "Website URL": optional; see [`website_problem`].
pub fn validate_website(website: &str) -> Option<String> {
    website_problem(website).map(WebsiteProblem::message)
}
