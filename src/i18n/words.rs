//! Domain values in words: each type is worded by matching on it, so a new
//! variant does not compile until every locale can say it.

use super::{fill, Text};
use domain::eligibility::{Blocker, RequestRefusal, WHATSAPP_LICENCES};
use domain::embed::Locale;
use domain::error::FieldError;
use domain::field::Field;
use domain::handoff::MESSAGE_MAX as HANDOFF_MESSAGE_MAX;
use domain::journey::ChannelState;
use domain::money::Currency;
use domain::password::{PasswordProblem, Rule, MAX_CHARS, MIN_CHARS};
use domain::phone::{self, Country, PhoneProblem};
use domain::pricing::{PricingProblem, RateCard, MAX_SESSIONS};
use domain::problem::{FieldProblem, Problem};
use domain::profile::capitalised;
use domain::profile::{
    BusinessNameProblem, Category, EmailProblem, FreeTextProblem, LineProblem, WebsiteProblem,
    ADDRESS_MAX, BUSINESS_NAME_MAX, BUSINESS_NAME_MIN, CHANNEL_NAME_MAX, DESCRIPTION_MAX,
    EMAIL_MAX, TAGLINE_MAX, WEBSITE_MAX,
};

impl Text {
    /// A name that comes from data rather than the catalogue (a country's
    /// English name), as this locale shows it: en-XA accents it.
    pub fn name(&self, name: &str) -> String {
        if self.locale == Locale::EnXa {
            super::pseudo::accent(name)
        } else {
            name.to_string()
        }
    }

    /// A profile field's label.
    pub fn field_label(&self, field: Field) -> &'static str {
        let w = &self.words;
        match field {
            Field::ChannelName => w.field_channel_name,
            Field::PhoneCountry => w.field_phone_country,
            Field::PhoneNumber => w.field_phone_number,
            Field::BusinessName => w.field_business_name,
            Field::Category => w.field_category,
            Field::Tagline => w.field_tagline,
            Field::Description => w.field_description,
            Field::ContactEmail => w.field_contact_email,
            Field::Website => w.field_website,
            Field::PictureId => w.field_picture,
            Field::Address => w.field_address,
        }
    }

    /// An answer as a summary of answers shows it: as it is, or "Not given" if it
    /// was left empty, so no row reads as blank.
    pub fn answer(&self, value: String) -> String {
        if value.trim().is_empty() {
            self.common.not_given.to_string()
        } else {
            value
        }
    }

    /// A category's name, after the names in WhatsApp Manager.
    pub fn category_label(&self, category: Category) -> &'static str {
        let w = &self.words;
        match category {
            Category::Auto => w.category_auto,
            Category::Beauty => w.category_beauty,
            Category::Apparel => w.category_apparel,
            Category::Edu => w.category_edu,
            Category::Entertain => w.category_entertain,
            Category::EventPlan => w.category_event_plan,
            Category::Finance => w.category_finance,
            Category::Grocery => w.category_grocery,
            Category::Govt => w.category_govt,
            Category::Hotel => w.category_hotel,
            Category::Health => w.category_health,
            Category::Nonprofit => w.category_nonprofit,
            Category::ProfServices => w.category_prof_services,
            Category::Retail => w.category_retail,
            Category::Travel => w.category_travel,
            Category::Restaurant => w.category_restaurant,
            Category::Alcohol => w.category_alcohol,
            Category::OnlineGambling => w.category_online_gambling,
            Category::PhysicalGambling => w.category_physical_gambling,
            Category::OtcDrugs => w.category_otc_drugs,
            Category::Other => w.category_other,
        }
    }

    /// A channel's state as the timeline shows it.
    pub fn state_label(&self, state: ChannelState) -> &'static str {
        let w = &self.words;
        match state {
            ChannelState::Requested => w.state_requested,
            ChannelState::Profile => w.state_profile,
            ChannelState::FacebookSignup => w.state_facebook_signup,
            ChannelState::NumberRegistered => w.state_number_registered,
            ChannelState::Activation => w.state_activation,
            ChannelState::Ready => w.state_ready,
        }
    }

    /// The words of the button to a channel's next step (see `domain::journey::next_step`);
    /// empty for the states where nothing is the customer's to do.
    pub fn next_step(&self, state: ChannelState) -> &'static str {
        let c = &self.channels;
        match state {
            ChannelState::Requested => c.next_set_up,
            ChannelState::Profile => c.next_continue,
            ChannelState::FacebookSignup => c.next_facebook,
            ChannelState::NumberRegistered => c.next_choose_number,
            ChannelState::Activation | ChannelState::Ready => "",
        }
    }

    /// A precondition the account does not meet yet.
    pub fn blocker(&self, blocker: Blocker) -> &'static str {
        let e = &self.requirements;
        match blocker {
            Blocker::Licence => e.blocker_licence,
            Blocker::Terms => e.blocker_terms,
            Blocker::FacebookBusiness => e.blocker_facebook,
        }
    }

    /// One of the password rules the set-password page ticks off.
    pub fn rule(&self, rule: Rule) -> &'static str {
        let a = &self.account;
        match rule {
            Rule::LongEnough => a.rule_long_enough,
            Rule::NotTooLong => a.rule_not_too_long,
            Rule::NotCommon => a.rule_not_common,
            Rule::NotTheEmail => a.rule_not_the_email,
        }
    }

    /// Why a channel cannot be requested yet, for an account whose licence is `licence`.
    pub fn request_refusal(&self, refusal: RequestRefusal, licence: &str) -> String {
        match refusal {
            RequestRefusal::Licence => fill(
                self.request.refusal_licence,
                &[("licence", licence), ("licences", &self.licences_or())],
            ),
            RequestRefusal::Terms => self.request.refusal_terms.to_string(),
        }
    }

    /// The licences that include WhatsApp: "X7 or X8".
    pub fn licences_or(&self) -> String {
        fill(
            self.common.two_or,
            &[
                ("first", WHATSAPP_LICENCES[0]),
                ("second", WHATSAPP_LICENCES[1]),
            ],
        )
    }

    /// An invoice currency's name.
    pub fn currency_label(&self, currency: Currency) -> &'static str {
        let p = &self.pricing;
        match currency {
            Currency::GBP => p.gbp,
            Currency::USD => p.usd,
            Currency::EUR => p.eur,
        }
    }

    /// The name of a currency's smallest unit, as the pricing page explains rounding to it.
    pub fn minor_unit(&self, currency: Currency) -> &'static str {
        match currency {
            Currency::GBP => self.pricing.penny,
            Currency::USD | Currency::EUR => self.pricing.cent,
        }
    }

    /// Why the estimator cannot answer; `card` names the country.
    pub fn pricing_problem(&self, problem: &PricingProblem, card: &RateCard) -> String {
        let p = &self.pricing;
        match problem {
            PricingProblem::CountryMissing => p.country_missing.into(),
            PricingProblem::CountryUnknown => p.country_unknown.into(),
            PricingProblem::CurrencyMissing => p.currency_missing.into(),
            PricingProblem::CurrencyUnknown => p.currency_unknown.into(),
            PricingProblem::SessionsMissing => p.sessions_missing.into(),
            PricingProblem::SessionsNegative => p.sessions_negative.into(),
            PricingProblem::SessionsNotWhole => p.sessions_not_whole.into(),
            PricingProblem::SessionsNotNumber => p.sessions_not_number.into(),
            PricingProblem::SessionsTooMany => fill(
                p.sessions_too_many,
                &[("max", &crate::format::count(MAX_SESSIONS))],
            ),
            PricingProblem::NoRate { country, currency } => {
                let name = card.country(country).map_or(country.as_str(), |c| &c.name);
                fill(
                    p.no_rate,
                    &[("country", &self.name(name)), ("currency", currency.code())],
                )
            }
        }
    }

    /// Every problem as a field message, for a form's errors.
    pub fn field_errors(&self, problems: Vec<FieldProblem>) -> Vec<FieldError> {
        problems
            .into_iter()
            .map(|p| FieldError::new(p.field, self.problem(&p.problem)))
            .collect()
    }

    /// What is wrong with an answer and how to fix it (in British English, the
    /// same words as `Problem::message`).
    pub fn problem(&self, problem: &Problem) -> String {
        let p = &self.problems;
        let max = |template: &str, max: usize| fill(template, &[("max", &max.to_string())]);
        match problem {
            Problem::EmailMissing => p.email_missing.into(),
            Problem::PasswordMissing => p.password_missing.into(),
            Problem::NewPassword(problem) => self.password_problem(problem),
            Problem::ConfirmMissing => p.confirm_missing.into(),
            Problem::ConfirmMismatch => p.confirm_mismatch.into(),
            Problem::RoutingScriptMissing => p.routing_script_missing.into(),
            Problem::NumberMissing => p.number_missing.into(),
            Problem::ChannelMissing => p.channel_missing.into(),
            Problem::ChannelName(l) => match l {
                LineProblem::Empty => p.channel_name_empty.into(),
                LineProblem::TooLong => max(p.channel_name_too_long, CHANNEL_NAME_MAX),
                LineProblem::Unprintable => p.channel_name_unprintable.into(),
            },
            Problem::Phone(problem) => self.phone_problem(problem),
            Problem::BusinessName(problem) => self.business_name_problem(problem),
            Problem::CategoryMissing => p.category_missing.into(),
            Problem::Tagline(l) => match l {
                LineProblem::Empty => p.tagline_empty.into(),
                LineProblem::TooLong => max(p.tagline_too_long, TAGLINE_MAX),
                LineProblem::Unprintable => p.tagline_unprintable.into(),
            },
            Problem::Description(f) => match f {
                FreeTextProblem::TooLong => max(p.description_too_long, DESCRIPTION_MAX),
                FreeTextProblem::Invisible => p.description_invisible.into(),
            },
            Problem::Address(f) => match f {
                FreeTextProblem::TooLong => max(p.address_too_long, ADDRESS_MAX),
                FreeTextProblem::Invisible => p.address_invisible.into(),
            },
            Problem::ContactEmail(e) => match e {
                EmailProblem::Empty => p.email_empty.into(),
                EmailProblem::TooLong => max(p.email_too_long, EMAIL_MAX),
                EmailProblem::Format => p.email_format.into(),
            },
            Problem::Website(w) => match w {
                WebsiteProblem::TooLong => max(p.website_too_long, WEBSITE_MAX),
                WebsiteProblem::NoScheme => p.website_no_scheme.into(),
                WebsiteProblem::Spaces => p.website_spaces.into(),
                WebsiteProblem::Credentials => p.website_credentials.into(),
                WebsiteProblem::IpAddress => p.website_ip.into(),
                WebsiteProblem::Localhost => p.website_localhost.into(),
                WebsiteProblem::Format => p.website_format.into(),
            },
            Problem::HandoffMessage(f) => match f {
                FreeTextProblem::TooLong => max(p.handoff_message_too_long, HANDOFF_MESSAGE_MAX),
                FreeTextProblem::Invisible => p.handoff_message_invisible.into(),
            },
        }
    }

    fn password_problem(&self, problem: &PasswordProblem) -> String {
        let p = &self.problems;
        match *problem {
            PasswordProblem::Empty => p.new_password_empty.into(),
            PasswordProblem::TooShort(n) => {
                let more = MIN_CHARS.saturating_sub(n);
                let template = if more == 1 {
                    p.password_too_short_one
                } else {
                    p.password_too_short
                };
                fill(
                    template,
                    &[("min", &MIN_CHARS.to_string()), ("more", &more.to_string())],
                )
            }
            PasswordProblem::TooLong(n) => {
                let extra = n.saturating_sub(MAX_CHARS);
                let template = if extra == 1 {
                    p.password_too_long_one
                } else {
                    p.password_too_long
                };
                fill(
                    template,
                    &[
                        ("max", &MAX_CHARS.to_string()),
                        ("extra", &extra.to_string()),
                    ],
                )
            }
            PasswordProblem::Common => p.password_common.into(),
            PasswordProblem::ContainsEmail => p.password_contains_email.into(),
            PasswordProblem::Predictable => p.password_predictable.into(),
        }
    }

    fn phone_problem(&self, problem: &PhoneProblem) -> String {
        let p = &self.problems;
        match problem {
            PhoneProblem::Empty => p.phone_empty.into(),
            PhoneProblem::NotDigits => p.phone_not_digits.into(),
            PhoneProblem::UnknownCountry => p.phone_unknown_country.into(),
            PhoneProblem::WrongCountryCode { selected, found } => match found {
                Some(code) => {
                    let names: Vec<String> = phone::countries()
                        .iter()
                        .filter(|c| c.calling_code == *code)
                        .map(|c| self.name(c.name))
                        .collect();
                    let choose = match names.as_slice() {
                        [one] => one.clone(),
                        _ => p.phone_right_country.to_string(),
                    };
                    fill(
                        p.phone_wrong_code,
                        &[
                            ("code", code),
                            ("names", &names.join(p.phone_names_or)),
                            ("selected", &self.name(selected.name)),
                            ("choose", &choose),
                        ],
                    )
                }
                None => fill(
                    p.phone_no_code,
                    &[
                        ("code", selected.calling_code),
                        ("selected", &self.name(selected.name)),
                    ],
                ),
            },
            PhoneProblem::TooShort { country, .. } => {
                fill(p.phone_too_short, &[("rule", &self.length_rule(country))])
            }
            PhoneProblem::TooLong { country, .. } => {
                fill(p.phone_too_long, &[("rule", &self.length_rule(country))])
            }
        }
    }

    /// "after +44, United Kingdom numbers have 10 digits (11 if you start with 0)".
    fn length_rule(&self, country: &Country) -> String {
        let p = &self.problems;
        let lengths = |extra: usize| {
            let (min, max) = (
                usize::from(country.nsn_min) + extra,
                usize::from(country.nsn_max) + extra,
            );
            let (min_s, max_s) = (min.to_string(), max.to_string());
            if min == max {
                min_s
            } else {
                let template = if max == min + 1 {
                    p.lengths_two
                } else {
                    p.lengths_range
                };
                fill(template, &[("min", &min_s), ("max", &max_s)])
            }
        };
        let mut rule = fill(
            p.phone_length_rule,
            &[
                ("code", country.calling_code),
                ("country", &self.name(country.name)),
                ("lengths", &lengths(0)),
            ],
        );
        if let Some(trunk) = country.trunk_prefix {
            rule.push_str(&fill(
                p.phone_length_trunk,
                &[("lengths", &lengths(trunk.len())), ("trunk", trunk)],
            ));
        }
        rule
    }

    fn business_name_problem(&self, problem: &BusinessNameProblem) -> String {
        let p = &self.problems;
        match problem {
            BusinessNameProblem::Empty => p.business_name_empty.into(),
            BusinessNameProblem::SurroundingSpace => p.business_name_space.into(),
            BusinessNameProblem::Unprintable => p.business_name_unprintable.into(),
            BusinessNameProblem::TooShort => fill(
                p.business_name_too_short,
                &[("min", &BUSINESS_NAME_MIN.to_string())],
            ),
            BusinessNameProblem::TooLong => fill(
                p.business_name_too_long,
                &[("max", &BUSINESS_NAME_MAX.to_string())],
            ),
            BusinessNameProblem::WebAddress => p.business_name_web_address.into(),
            BusinessNameProblem::WhatsApp => p.business_name_whatsapp.into(),
            BusinessNameProblem::Emoji => p.business_name_emoji.into(),
            BusinessNameProblem::SpecialCharacter => p.business_name_special.into(),
            BusinessNameProblem::RepeatedPunctuation => p.business_name_repeated.into(),
            BusinessNameProblem::ExtraSpaces => p.business_name_extra_spaces.into(),
            BusinessNameProblem::NoLetters => p.business_name_no_letters.into(),
            BusinessNameProblem::AllCaps(word) => fill(
                p.business_name_all_caps,
                &[("word", word), ("fixed", &capitalised(word))],
            ),
            BusinessNameProblem::OddCaps(word) => fill(
                p.business_name_odd_caps,
                &[("word", word), ("fixed", &capitalised(word))],
            ),
        }
    }
}
