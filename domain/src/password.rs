//! The password policy, after NIST SP 800-63B section 3.1.1.2.
//!
//! Length is what matters: at least [`MIN_CHARS`] characters, up to
//! [`MAX_CHARS`] (NIST asks verifiers to allow at least 64), any characters
//! including spaces, no composition rules. Refused: commonly used passwords
//! (and a common word dressed up with digits or symbols), the account's own
//! email address, and a password that is one character or a short unit
//! repeated, or a plain run such as `123456789012`.
//!
//! Length counts Unicode scalar values, as NIST says. NIST also suggests
//! NFKC normalisation; we do not normalise (it would ship Unicode tables to the
//! browser), so the same password must be typed the same way each time.

use crate::error::FieldError;
use crate::problem::{worded, FieldProblem, Problem};

/// The fewest characters a password may have.
pub const MIN_CHARS: usize = 12;
/// The most characters a password may have.
pub const MAX_CHARS: usize = 128;

/// One of the rules the page shows before the user types, and ticks off as they do
/// (the app words each one).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Rule {
    /// At least [`MIN_CHARS`] characters.
    LongEnough,
    /// At most [`MAX_CHARS`] characters.
    NotTooLong,
    /// Not a common or predictable password.
    NotCommon,
    /// Not the account's email address.
    NotTheEmail,
}

impl Rule {
    /// Every rule, in the order the page lists them.
    pub const ALL: [Rule; 4] = [
        Rule::LongEnough,
        Rule::NotTooLong,
        Rule::NotCommon,
        Rule::NotTheEmail,
    ];

    /// Whether a password with these `problems` meets the rule (an empty one meets none).
    pub fn met(self, problems: &[PasswordProblem]) -> bool {
        !problems.iter().any(|p| {
            matches!(
                (self, p),
                (_, PasswordProblem::Empty)
                    | (Rule::LongEnough, PasswordProblem::TooShort(_))
                    | (Rule::NotTooLong, PasswordProblem::TooLong(_))
                    | (
                        Rule::NotCommon,
                        PasswordProblem::Common | PasswordProblem::Predictable
                    )
                    | (Rule::NotTheEmail, PasswordProblem::ContainsEmail)
            )
        })
    }
}

/// One reason a candidate password is refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PasswordProblem {
    /// Nothing was entered.
    Empty,
    /// Fewer than [`MIN_CHARS`] characters; holds how many there are.
    TooShort(usize),
    /// More than [`MAX_CHARS`] characters; holds how many there are.
    TooLong(usize),
    /// On the list of commonly used passwords, or a common word with digits.
    Common,
    /// Contains the account's email address or is built from its name part.
    ContainsEmail,
    /// One character or a short unit repeated, or a plain run like `abcdef...`.
    Predictable,
}

impl PasswordProblem {
    /// What is wrong and how to fix it.
    pub fn message(&self) -> String {
        match self {
            Self::Empty => "Enter a new password".into(),
            Self::TooShort(n) => {
                let more = MIN_CHARS - n;
                format!(
                    "Password must be at least {MIN_CHARS} characters: add {more} more {}",
                    if more == 1 { "character" } else { "characters" }
                )
            }
            Self::TooLong(n) => format!(
                "Password must be {MAX_CHARS} characters or fewer: remove {} {}",
                n - MAX_CHARS,
                if n - MAX_CHARS == 1 {
                    "character"
                } else {
                    "characters"
                }
            ),
            Self::Common => {
                "This password is commonly used and easy to guess: choose a less common one".into()
            }
            Self::ContainsEmail => "Password must not contain your email address".into(),
            Self::Predictable => {
                "Password must not be a repeated or sequential run of characters like aaaa or 1234"
                    .into()
            }
        }
    }
}

/// Every reason `password` is refused for the account with `email`; empty if it is accepted.
pub fn problems(password: &str, email: &str) -> Vec<PasswordProblem> {
    let chars = password.chars().count();
    if chars == 0 {
        return vec![PasswordProblem::Empty];
    }
    let mut found = Vec::new();
    if chars < MIN_CHARS {
        found.push(PasswordProblem::TooShort(chars));
    }
    if chars > MAX_CHARS {
        found.push(PasswordProblem::TooLong(chars));
    }
    let lower = crate::case::lower(password);
    if is_common(&lower) {
        found.push(PasswordProblem::Common);
    }
    if uses_email(&lower, email) {
        found.push(PasswordProblem::ContainsEmail);
    }
    if is_predictable(&lower) {
        found.push(PasswordProblem::Predictable);
    }
    found
}

/// Checks a new password and its confirmation: problems keyed `password` and `confirm`.
pub fn new_password_problems(password: &str, confirm: &str, email: &str) -> Vec<FieldProblem> {
    let mut found = Vec::new();
    if let Some(first) = problems(password, email).first() {
        found.push(FieldProblem::new("password", Problem::NewPassword(*first)));
    }
    if confirm.is_empty() {
        found.push(FieldProblem::new("confirm", Problem::ConfirmMissing));
    } else if confirm != password {
        found.push(FieldProblem::new("confirm", Problem::ConfirmMismatch));
    }
    found
}

/// [`new_password_problems`] in words.
pub fn validate_new_password(password: &str, confirm: &str, email: &str) -> Vec<FieldError> {
    worded(new_password_problems(password, confirm, email))
}

/// Whole passwords of 12 or more characters seen often in breach corpora.
const COMMON: &[&str] = &[
    "123456789012",
    "1234567890123",
    "12345678901234",
    "123456789123",
    "111111111111",
    "000000000000",
    "123123123123",
    "qwertyuiopas",
    "qwertyuiop123",
    "qwertyuiopasdfghjkl",
    "qwertyuiopasdfghjklzxcvbnm",
    "qwerty123456",
    "qwerty1234567",
    "asdfghjkl123",
    "asdfghjklqwerty",
    "zxcvbnm123456",
    "1q2w3e4r5t6y",
    "1q2w3e4r5t6y7u",
    "q1w2e3r4t5y6",
    "1qaz2wsx3edc",
    "1qaz2wsx3edc4rfv",
    "zaq12wsxcde3",
    "zaq1zaq1zaq1",
    "qazwsxedcrfv",
    "qazwsxedc123",
    "abcdefghijkl",
    "abc123abc123",
    "abcd1234abcd",
    "a1b2c3d4e5f6",
    "iloveyouiloveyou",
    "iloveyou1234",
    "iloveyoubaby",
    "iloveyoutoo1",
    "letmeinletmein",
    "passwordpassword",
    "password1234",
    "password12345",
    "password123456",
    "passw0rd1234",
    "p@ssw0rd1234",
    "p@ssword1234",
    "changeme1234",
    "changemenow1",
    "welcomewelcome",
    "welcome12345",
    "administrator",
    "administrator1",
    "adminadmin123",
    "trustno1trustno1",
    "correcthorsebatterystaple",
    "correct horse battery staple",
    "thequickbrownfox",
    "thequickbrownfoxjumpsoverthelazydog",
    "monkeymonkey",
    "football1234",
    "baseball1234",
    "basketball12",
    "superman1234",
    "starwars1234",
    "sunshine1234",
    "princess1234",
    "whatever1234",
    "blink182blink182",
    "liverpool123",
    "chelsea12345",
    "arsenal12345",
    "manchesterunited",
    "mancity12345",
    "elephant1234",
    "michael12345",
    "jessica12345",
    "jennifer1234",
    "christopher1",
    "1234567890qwerty",
    "987654321012",
    "0987654321098",
    "1111222233334444",
    "qwer1234qwer",
    "asdf1234asdf",
    "zxcv1234zxcv",
    "hello1234567",
    "helloworld123",
    "helloworld1234",
    "secretpassword",
    "mypassword123",
    "mypassword1234",
    "newpassword123",
    "newpassword1234",
    "computer1234",
    "internet1234",
    "samsung12345",
    "whatsapp1234",
    "whatsapp12345",
    "facebook1234",
    "facebook12345",
    "google123456",
    "microsoft123",
    "summer2024!!",
    "winter2024!!",
    "spring2025!!",
    "autumn2025!!",
];

/// Words that stay common whatever digits or symbols are added around them.
const COMMON_STEMS: &[&str] = &[
    "password",
    "passw0rd",
    "p@ssw0rd",
    "p@ssword",
    "qwerty",
    "qwertyuiop",
    "letmein",
    "welcome",
    "iloveyou",
    "admin",
    "administrator",
    "changeme",
    "monkey",
    "dragon",
    "football",
    "baseball",
    "sunshine",
    "princess",
    "trustno",
    "whatever",
    "superman",
    "starwars",
    "master",
    "shadow",
    "whatsapp",
    "facebook",
    "contactcentre",
    "contactcenter",
    "summer",
    "winter",
    "spring",
    "autumn",
    "secret",
    "default",
    "login",
    "abc",
    "abcdef",
    "asdf",
    "zxcvbnm",
];

fn is_common(lower: &str) -> bool {
    if COMMON.contains(&lower) {
        return true;
    }
    let stem = strip_decoration(lower);
    COMMON_STEMS.contains(&stem) || is_repeat_of_stem(stem)
}

/// The password without leading and trailing digits, spaces and ASCII symbols.
fn strip_decoration(lower: &str) -> &str {
    lower.trim_matches(|c: char| c.is_ascii_digit() || c.is_ascii_punctuation() || c == ' ')
}

/// `passwordpassword`, `qwertyqwerty`: a common stem written more than once.
fn is_repeat_of_stem(stem: &str) -> bool {
    COMMON_STEMS.iter().any(|s| {
        stem.len() > s.len()
            && stem.len().is_multiple_of(s.len())
            && stem.as_bytes().chunks(s.len()).all(|c| c == s.as_bytes())
    })
}

fn uses_email(lower: &str, email: &str) -> bool {
    let email = crate::case::lower(email.trim());
    if email.is_empty() {
        return false;
    }
    if lower.contains(&email) {
        return true;
    }
    let local = email.split('@').next().unwrap_or("");
    local.chars().count() >= 3 && strip_decoration(lower) == local
}

fn is_predictable(lower: &str) -> bool {
    let chars: Vec<char> = lower.chars().collect();
    is_short_unit_repeated(&chars) || is_run(&chars)
}

/// `aaaaaaaaaaaa`, `abababababab`, `abcdabcdabcd`: a unit of 1 to 4 characters repeated.
fn is_short_unit_repeated(chars: &[char]) -> bool {
    (1..=4).any(|unit| {
        chars.len() >= 2 * unit
            && chars.len().is_multiple_of(unit)
            && chars.chunks(unit).all(|c| c == &chars[..unit])
    })
}

/// `abcdefghijkl`, `987654321098`: every step goes up by one, or every step down by one
/// (digits wrap round from 9 to 0).
fn is_run(chars: &[char]) -> bool {
    let step = |a: char, b: char| -> i64 {
        if a.is_ascii_digit() && b.is_ascii_digit() {
            let d = (b as i64 - a as i64).rem_euclid(10);
            if d == 9 {
                -1
            } else {
                d
            }
        } else {
            b as i64 - a as i64
        }
    };
    chars.len() >= 2 && {
        let first = step(chars[0], chars[1]);
        (first == 1 || first == -1) && chars.windows(2).all(|w| step(w[0], w[1]) == first)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rules_are_ticked_off_by_what_is_wrong() {
        let met = |pw: &str| -> Vec<Rule> {
            let found = problems(pw, "sam@example.com");
            Rule::ALL.into_iter().filter(|r| r.met(&found)).collect()
        };
        assert_eq!(met(""), []);
        assert_eq!(
            met("short"),
            [Rule::NotTooLong, Rule::NotCommon, Rule::NotTheEmail]
        );
        assert_eq!(met("lamp river orange tuesday"), Rule::ALL);
        assert_eq!(
            met("password1234"),
            [Rule::LongEnough, Rule::NotTooLong, Rule::NotTheEmail]
        );
        assert_eq!(
            met("sam@example.com and more"),
            [Rule::LongEnough, Rule::NotTooLong, Rule::NotCommon]
        );
        assert!(!Rule::NotTooLong.met(&problems(&"a b".repeat(60), "x@y.z")));
    }
    use proptest::prelude::*;

    const EMAIL: &str = "admin@northwind.example";

    #[test]
    fn table_of_known_cases() {
        let cases: &[(&str, &[PasswordProblem])] = &[
            ("", &[PasswordProblem::Empty]),
            ("short", &[PasswordProblem::TooShort(5)]),
            ("elevenchars", &[PasswordProblem::TooShort(11)]),
            ("twelve chars", &[]),
            ("correct horse battery staple", &[PasswordProblem::Common]),
            ("Password1234", &[PasswordProblem::Common]),
            ("P@ssw0rd!!2024", &[PasswordProblem::Common]),
            ("passwordpasswordpassword", &[PasswordProblem::Common]),
            ("WhatsApp2026!", &[PasswordProblem::Common]),
            ("aaaaaaaaaaaa", &[PasswordProblem::Predictable]),
            ("abcdabcdabcd", &[PasswordProblem::Predictable]),
            (
                "123456789012",
                &[PasswordProblem::Common, PasswordProblem::Predictable],
            ),
            ("mnopqrstuvwx", &[PasswordProblem::Predictable]),
            ("admin@northwind.example", &[PasswordProblem::ContainsEmail]),
            (
                "ADMIN@Northwind.example!",
                &[PasswordProblem::ContainsEmail],
            ),
            ("lamp river orange tuesday", &[]),
            ("ŽluťouČkýKůň", &[]),
            ("🙂🙂🙂🙂🙂🙂🙂🙂🙂🙂🙂🙂", &[PasswordProblem::Predictable]),
        ];
        for (password, expected) in cases {
            assert_eq!(&problems(password, EMAIL), expected, "{password:?}");
        }
    }

    #[test]
    fn local_part_with_digits_is_refused_as_the_email() {
        assert_eq!(
            problems("jane.smith2026!", "jane.smith@example.com"),
            vec![PasswordProblem::ContainsEmail]
        );
    }

    #[test]
    fn length_boundaries() {
        let at = |n: usize| "x1y2".chars().cycle().take(n).collect::<String>();
        // "x1y2" repeated is predictable; vary it so only the length matters.
        let varied = |n: usize| {
            let mut s = at(n);
            s.replace_range(0..1, "Q");
            s.replace_range(s.len() - 1.., "#");
            s
        };
        assert_eq!(
            problems(&varied(11), EMAIL),
            vec![PasswordProblem::TooShort(11)]
        );
        assert!(problems(&varied(12), EMAIL).is_empty());
        assert!(problems(&varied(64), EMAIL).is_empty());
        assert!(problems(&varied(MAX_CHARS), EMAIL).is_empty());
        assert_eq!(
            problems(&varied(MAX_CHARS + 1), EMAIL),
            vec![PasswordProblem::TooLong(MAX_CHARS + 1)]
        );
    }

    #[test]
    fn confirmation_is_checked() {
        assert_eq!(
            validate_new_password("lamp river orange", "lamp river orange", EMAIL),
            vec![]
        );
        let e = validate_new_password("lamp river orange", "lamp river orang", EMAIL);
        assert_eq!(e.len(), 1);
        assert_eq!(e[0].field, "confirm");
        let e = validate_new_password("short", "", EMAIL);
        assert_eq!(
            e.iter().map(|f| f.field.as_str()).collect::<Vec<_>>(),
            ["password", "confirm"]
        );
    }

    #[test]
    fn messages_say_how_to_fix() {
        assert_eq!(
            PasswordProblem::TooShort(11).message(),
            "Password must be at least 12 characters: add 1 more character"
        );
        assert_eq!(
            PasswordProblem::TooShort(5).message(),
            "Password must be at least 12 characters: add 7 more characters"
        );
    }

    proptest! {
        /// Length rules follow the count of characters, whatever they are.
        #[test]
        fn length_rules_follow_char_count(s in "\\PC{0,200}") {
            let n = s.chars().count();
            let p = problems(&s, EMAIL);
            prop_assert_eq!(p.contains(&PasswordProblem::Empty), n == 0);
            prop_assert_eq!(p.contains(&PasswordProblem::TooShort(n)), n > 0 && n < MIN_CHARS);
            prop_assert_eq!(p.contains(&PasswordProblem::TooLong(n)), n > MAX_CHARS);
        }

        /// Any text containing the account's email is refused, whatever surrounds it.
        #[test]
        fn email_inside_is_always_refused(pre in "\\PC{0,20}", post in "\\PC{0,20}") {
            let pw = format!("{pre}{EMAIL}{post}");
            prop_assert!(problems(&pw, EMAIL).contains(&PasswordProblem::ContainsEmail));
        }

        /// Four random lowercase words separated by spaces, from a wide alphabet, pass.
        #[test]
        fn random_passphrases_pass(words in proptest::collection::vec("[b-y]{5,9}", 4)) {
            let pw = words.join(" ");
            prop_assume!(!COMMON_STEMS.iter().any(|s| words.contains(&s.to_string())));
            prop_assert_eq!(problems(&pw, EMAIL), vec![]);
        }

        /// Refusals never depend on letter case.
        #[test]
        fn case_does_not_matter(s in "[a-zA-Z0-9 ]{0,40}") {
            prop_assert_eq!(problems(&s.to_lowercase(), EMAIL), problems(&s.to_uppercase(), EMAIL)
                .into_iter().collect::<Vec<_>>());
        }

        /// Every problem has a non-empty message and the checker never panics.
        #[test]
        fn never_panics_and_always_explains(s in "\\PC*", email in "\\PC*", confirm in "\\PC*") {
            for p in problems(&s, &email) {
                prop_assert!(!p.message().is_empty());
            }
            let _ = validate_new_password(&s, &confirm, &email);
        }
    }
}
