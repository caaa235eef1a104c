//! The partner the customer gives permission to, as the dialog shows it: the
//! provider's name from the brand ([`crate::seed::brand`]) and a small image
//! drawn from it, served by the dialog itself (its Content Security Policy
//! allows images from its own origin only).

use axum::http::header;
use axum::response::{IntoResponse, Response};
use domain::html::escape;

/// The partner's name, as the brand gives it.
pub fn name() -> String {
    crate::seed::brand().partner
}

/// The `<img>` of the partner's image, with its name as the text alternative.
pub fn image_tag(partner: &str) -> String {
    format!(
        "<img class=\"partner-logo\" src=\"{}\" alt=\"{} logo\" width=\"64\" height=\"64\">",
        super::PARTNER_IMAGE,
        escape(partner)
    )
}

/// GET /facebook/partner.svg: the partner's mark on a square (cached for five minutes).
pub async fn image() -> Response {
    (
        [
            (header::CONTENT_TYPE, "image/svg+xml"),
            (header::CACHE_CONTROL, "public, max-age=300"),
        ],
        svg(&name()),
    )
        .into_response()
}

/// The image: the partner's mark in white on a blue rounded square.
fn svg(partner: &str) -> String {
    format!(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"64\" height=\"64\" viewBox=\"0 0 64 64\">\
         <rect width=\"64\" height=\"64\" rx=\"12\" fill=\"#0b5fcc\"/>\
         <text x=\"32\" y=\"39\" text-anchor=\"middle\" font-family=\"system-ui, sans-serif\" \
         font-size=\"20\" font-weight=\"700\" fill=\"#ffffff\">{}</text></svg>",
        escape(&mark(partner))
    )
}

/// What fits on the image: a short name whole, else the initials of its words.
fn mark(partner: &str) -> String {
    let partner = partner.trim();
    if partner.chars().count() <= 4 {
        return partner.to_string();
    }
    partner
        .split_whitespace()
        .filter_map(|w| w.chars().next())
        .take(3)
        .flat_map(char::to_uppercase)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_short_name_fits_whole_and_a_long_one_as_initials() {
        assert_eq!(mark("8x8"), "8x8");
        assert_eq!(mark("Cloud Contact Centre"), "CCC");
        assert_eq!(mark("acme widgets"), "AW");
    }

    #[test]
    fn the_image_escapes_the_name() {
        assert!(svg("<a>").contains(">&lt;a&gt;</text>"));
        assert!(image_tag("A & B").contains("alt=\"A &amp; B logo\""));
    }
}
