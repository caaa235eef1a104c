//! The catalogues against each other and against the backend's words. Native:
//! `cargo test -p whatsapp-onboarding` runs them without a browser.

use super::*;
use domain::eligibility::{licence_refusal, Blocker, RequestRefusal, TERMS_FIRST};
use domain::password::{PasswordProblem, MAX_CHARS, MIN_CHARS};
use domain::phone::{self, PhoneProblem};
use domain::problem::Problem;
use domain::profile::{
    BusinessNameProblem, EmailProblem, FreeTextProblem, LineProblem, WebsiteProblem,
};
use std::collections::BTreeSet;

/// Every kind of problem the checks name, with every value that changes its words.
fn every_problem() -> Vec<Problem> {
    // A new variant stops this compiling until it is listed below.
    fn listed(p: &Problem) {
        match p {
            Problem::EmailMissing
            | Problem::PasswordMissing
            | Problem::NewPassword(_)
            | Problem::ConfirmMissing
            | Problem::ConfirmMismatch
            | Problem::RoutingScriptMissing
            | Problem::NumberMissing
            | Problem::ChannelMissing
            | Problem::ChannelName(_)
            | Problem::Phone(_)
            | Problem::BusinessName(_)
            | Problem::CategoryMissing
            | Problem::Tagline(_)
            | Problem::Description(_)
            | Problem::Address(_)
            | Problem::ContactEmail(_)
            | Problem::Website(_)
            | Problem::HandoffMessage(_) => {}
        }
    }
    let mut all = vec![
        Problem::EmailMissing,
        Problem::PasswordMissing,
        Problem::ConfirmMissing,
        Problem::ConfirmMismatch,
        Problem::RoutingScriptMissing,
        Problem::NumberMissing,
        Problem::ChannelMissing,
        Problem::CategoryMissing,
    ];
    for p in [
        PasswordProblem::Empty,
        PasswordProblem::Common,
        PasswordProblem::ContainsEmail,
        PasswordProblem::Predictable,
    ] {
        all.push(Problem::NewPassword(p));
    }
    for n in 1..MIN_CHARS {
        all.push(Problem::NewPassword(PasswordProblem::TooShort(n)));
    }
    for n in MAX_CHARS + 1..MAX_CHARS + 5 {
        all.push(Problem::NewPassword(PasswordProblem::TooLong(n)));
    }
    for l in [
        LineProblem::Empty,
        LineProblem::TooLong,
        LineProblem::Unprintable,
    ] {
        all.push(Problem::ChannelName(l));
        all.push(Problem::Tagline(l));
    }
    for f in [FreeTextProblem::TooLong, FreeTextProblem::Invisible] {
        all.push(Problem::Description(f));
        all.push(Problem::Address(f));
        all.push(Problem::HandoffMessage(f));
    }
    for e in [
        EmailProblem::Empty,
        EmailProblem::TooLong,
        EmailProblem::Format,
    ] {
        all.push(Problem::ContactEmail(e));
    }
    for w in [
        WebsiteProblem::TooLong,
        WebsiteProblem::NoScheme,
        WebsiteProblem::Spaces,
        WebsiteProblem::Credentials,
        WebsiteProblem::IpAddress,
        WebsiteProblem::Localhost,
        WebsiteProblem::Format,
    ] {
        all.push(Problem::Website(w));
    }
    for b in [
        BusinessNameProblem::Empty,
        BusinessNameProblem::SurroundingSpace,
        BusinessNameProblem::Unprintable,
        BusinessNameProblem::TooShort,
        BusinessNameProblem::TooLong,
        BusinessNameProblem::WebAddress,
        BusinessNameProblem::WhatsApp,
        BusinessNameProblem::Emoji,
        BusinessNameProblem::SpecialCharacter,
        BusinessNameProblem::RepeatedPunctuation,
        BusinessNameProblem::ExtraSpaces,
        BusinessNameProblem::NoLetters,
        BusinessNameProblem::AllCaps("SWEET".into()),
        BusinessNameProblem::OddCaps("ZeNvIa".into()),
    ] {
        all.push(Problem::BusinessName(b));
    }
    all.push(Problem::Phone(PhoneProblem::Empty));
    all.push(Problem::Phone(PhoneProblem::NotDigits));
    all.push(Problem::Phone(PhoneProblem::UnknownCountry));
    for country in phone::countries() {
        all.push(Problem::Phone(PhoneProblem::TooShort {
            country,
            digits: 1,
        }));
        all.push(Problem::Phone(PhoneProblem::TooLong {
            country,
            digits: 20,
        }));
        all.push(Problem::Phone(PhoneProblem::WrongCountryCode {
            selected: country,
            found: None,
        }));
        for other in phone::countries() {
            all.push(Problem::Phone(PhoneProblem::WrongCountryCode {
                selected: country,
                found: Some(other.calling_code),
            }));
        }
    }
    all.iter().for_each(listed);
    all
}

/// The text without its `{placeholders}`.
fn visible(s: &str) -> String {
    let mut out = String::new();
    let mut inside = false;
    for c in s.chars() {
        match c {
            '{' => inside = true,
            '}' => inside = false,
            _ if !inside => out.push(c),
            _ => {}
        }
    }
    out
}

/// The names of the `{placeholders}` in `s`.
fn placeholders(s: &str) -> BTreeSet<String> {
    let mut names = BTreeSet::new();
    let mut rest = s;
    while let Some(open) = rest.find('{') {
        let Some(close) = rest[open..].find('}') else {
            break;
        };
        names.insert(rest[open + 1..open + close].to_string());
        rest = &rest[open + close + 1..];
    }
    names
}

#[test]
fn british_problems_are_the_backends_words() {
    let t = catalogue(Locale::EnGb);
    let problems = every_problem();
    assert!(problems.len() > 1000, "{}", problems.len());
    for p in &problems {
        assert_eq!(t.problem(p), p.message(), "{p:?}");
    }
}

#[test]
fn british_preconditions_and_refusals_are_the_backends_words() {
    let t = catalogue(Locale::EnGb);
    for b in [Blocker::Licence, Blocker::Terms, Blocker::FacebookBusiness] {
        assert_eq!(t.blocker(b), b.message());
    }
    assert_eq!(t.request_refusal(RequestRefusal::Terms, "X6"), TERMS_FIRST);
    assert_eq!(
        t.request_refusal(RequestRefusal::Licence, "X6"),
        licence_refusal("X6")
    );
}

#[test]
fn every_british_text_is_there_and_named_once() {
    let named = catalogue(Locale::EnGb).named();
    assert!(named.len() > 400, "{}", named.len());
    for (name, text) in &named {
        assert!(!text.trim().is_empty(), "{name} is empty");
        assert_eq!(
            text.trim_end(),
            text.trim_end().trim_end_matches(' '),
            "{name}"
        );
    }
}

#[test]
fn no_name_of_a_product_or_company_is_in_a_catalogue() {
    // Names come from the brand configuration, through {product}, {partner}, {platform}, {manager}.
    for locale in [Locale::EnGb, Locale::EnUs] {
        for (name, text) in catalogue(locale).named() {
            for brand in [
                "8x8",
                "Northwind",
                "Contoso",
                "Fabrikam",
                "Litware",
                "Example Co",
            ] {
                assert!(!text.contains(brand), "{name}: {text}");
            }
        }
    }
}

#[test]
fn american_english_says_center_and_license_and_nothing_else_changes_shape() {
    let gb = catalogue(Locale::EnGb).named();
    let us = catalogue(Locale::EnUs).named();
    assert_eq!(gb.len(), us.len());
    let mut differ = 0;
    for ((name, gb), (us_name, us)) in gb.iter().zip(&us) {
        assert_eq!(name, us_name);
        // The same placeholders, so every value still has its place.
        assert_eq!(placeholders(gb), placeholders(us), "{name}");
        let words = visible(us).to_lowercase();
        for british in ["centre", "licence", "cancelled", "forgotten"] {
            assert!(!words.contains(british), "{name} in en-US: {us}");
        }
        if gb != us {
            differ += 1;
        }
        let gb_words = visible(gb).to_lowercase();
        if gb_words.contains("centre") || gb_words.contains("licence") {
            assert_ne!(gb, us, "{name} needs an American spelling");
        }
    }
    assert!(differ >= 10, "{differ}");
    let us = catalogue(Locale::EnUs);
    assert!(us.eligibility.licence_heading.contains("license"));
    assert_eq!(us.common.brand_product, "Contact center");
    assert!(us.account.log_in_intro.contains("contact center"));
}

#[test]
fn no_worded_value_keeps_a_placeholder() {
    for locale in [Locale::EnGb, Locale::EnUs, Locale::EnXa] {
        let t = catalogue(locale);
        for p in every_problem() {
            let words = t.problem(&p);
            assert!(
                !words.contains('{') && !words.contains('}'),
                "{locale:?} {p:?}: {words}"
            );
        }
        for r in [RequestRefusal::Licence, RequestRefusal::Terms] {
            let words = t.request_refusal(r, "X6");
            assert!(!words.contains('{'), "{locale:?}: {words}");
        }
    }
}

#[test]
fn pseudo_locale_accents_every_letter_and_is_40_percent_longer() {
    let gb = catalogue(Locale::EnGb).named();
    let xa = catalogue(Locale::EnXa).named();
    assert_eq!(gb.len(), xa.len());
    for ((name, gb), (_, xa)) in gb.iter().zip(&xa) {
        let (before, after) = (visible(gb.trim()), visible(xa));
        assert!(
            !after.chars().any(|c| c.is_ascii_alphabetic()),
            "{name} has an unaccented letter: {xa}"
        );
        let (b, a) = (before.chars().count(), after.trim().chars().count());
        assert!(a * 10 >= b * 14, "{name}: {a} is not 1.4 × {b}: {xa}");
        assert_eq!(placeholders(gb), placeholders(xa), "{name}");
    }
    let t = catalogue(Locale::EnXa);
    assert_eq!(t.locale, Locale::EnXa);
    // Worded domain values come out accented too, data included (a country's name).
    let uk = phone::countries().iter().find(|c| c.iso == "GB").unwrap();
    let words = t.problem(&Problem::Phone(PhoneProblem::TooShort {
        country: uk,
        digits: 3,
    }));
    assert!(!words.chars().any(|c| c.is_ascii_alphabetic()), "{words}");
}

#[test]
fn fill_replaces_named_placeholders_and_leaves_unknown_ones() {
    assert_eq!(
        fill("Ready by {date}.", &[("date", "1 May")]),
        "Ready by 1 May."
    );
    assert_eq!(
        fill("{a} and {b} and {a}", &[("a", "x"), ("b", "y")]),
        "x and y and x"
    );
    // A placeholder without a value stays, where a test can see it.
    assert_eq!(fill("Hello {name}", &[]), "Hello {name}");
    // A value is never read as a template.
    assert_eq!(fill("{a}", &[("a", "{b}"), ("b", "no")]), "{b}");
    // An unclosed brace is text.
    assert_eq!(fill("50{%", &[]), "50{%");
    assert_eq!(fill("", &[("a", "b")]), "");
    assert_eq!(fill("é{a}ü", &[("a", "—")]), "é—ü");
}

#[test]
fn an_empty_answer_is_not_given_and_any_other_shows_as_it_is() {
    let t = &EN_GB;
    assert_eq!(t.answer(String::new()), "Not given");
    // Only spaces or line breaks are no answer either.
    assert_eq!(t.answer(" \n\t".into()), "Not given");
    assert_eq!(t.answer("  Fresh bread ".into()), "  Fresh bread ");
    // An answer that happens to be those words is the answer.
    assert_eq!(t.answer("Not given".into()), "Not given");
    assert_eq!(t.answer("0".into()), "0");
}

#[test]
fn split_gives_the_parts_around_a_placeholder() {
    assert_eq!(split("Ready by {date}.", "date"), ("Ready by ", "."));
    assert_eq!(split("{link}.", "link"), ("", "."));
    assert_eq!(split("No mark here", "link"), ("No mark here", ""));
    // Only the first, and only the named one.
    assert_eq!(split("{a} {b}", "b"), ("{a} ", ""));
}

#[test]
fn the_locale_is_chosen_once_and_read_everywhere() {
    set_locale(Locale::EnUs);
    assert_eq!(locale(), Locale::EnUs);
    assert_eq!(text().common.brand_product, "Contact center");
    set_locale(Locale::EnXa);
    assert!(text().common.log_out.starts_with('['));
    assert_eq!(localised("May".into()), "Ṁåý");
    set_locale(Locale::EnGb);
    assert_eq!(text().common.log_out, "Log out");
    assert_eq!(localised("May".into()), "May");
}
