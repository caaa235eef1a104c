//! The WhatsApp pricing estimate: sessions × (WhatsApp's user-initiated rate for
//! the country + the provider's CPaaS charge), in the invoice currency.
//!
//! Each line (sessions × rate, sessions × charge) is computed exactly, then
//! rounded once, half-up, to the currency's minor unit; the total is the sum of
//! the two rounded lines, so the page's breakdown always adds up.

use crate::money::{round_to_minor, Currency};
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

/// The most sessions per month the estimator takes.
pub const MAX_SESSIONS: u64 = 100_000_000;

/// Field names on the pricing form (also the inputs' ids).
pub mod field {
    /// The country of the customer's WhatsApp number.
    pub const COUNTRY: &str = "country";
    /// The invoice currency.
    pub const CURRENCY: &str = "currency";
    /// Sessions per month.
    pub const SESSIONS: &str = "sessions";
}

/// An amount per session in one currency.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub struct Rate {
    /// The currency.
    pub currency: Currency,
    /// Per session, exact (travels as a string of digits, e.g. "0.0285").
    #[cfg_attr(
        feature = "openapi",
        schemars(with = "String", regex(pattern = r"^[0-9]{1,15}(\.[0-9]{1,12})?$"))
    )]
    pub amount: Decimal,
    /// An illustration rather than a published figure.
    #[serde(default)]
    pub example: bool,
}

/// WhatsApp's user-initiated conversation rate for one country, in each invoice currency.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub struct CountryRates {
    /// ISO 3166 alpha-2 code.
    pub code: String,
    /// English name.
    pub name: String,
    /// One rate per invoice currency.
    pub rates: Vec<Rate>,
}

/// GET [`crate::contract::paths::RATE_CARD`]: the rates the estimator uses.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub struct RateCard {
    /// Countries, in the order the page lists them.
    pub countries: Vec<CountryRates>,
    /// The provider's charge per session (the "CPaaS charge"), per invoice currency.
    pub cpaas_charges: Vec<Rate>,
    /// When these rates took effect, e.g. "2026-07-01".
    pub effective_from: String,
}

impl RateCard {
    /// The country with this code.
    pub fn country(&self, code: &str) -> Option<&CountryRates> {
        self.countries.iter().find(|c| c.code == code)
    }

    /// The CPaaS charge in `currency`.
    pub fn cpaas_charge(&self, currency: Currency) -> Option<&Rate> {
        self.cpaas_charges.iter().find(|r| r.currency == currency)
    }
}

/// What the form holds, as typed.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct EstimateInput {
    /// Country code, or empty.
    pub country: String,
    /// Currency code, or empty.
    pub currency: String,
    /// Sessions per month, as typed.
    pub sessions: String,
}

/// The breakdown the page shows.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Estimate {
    /// The invoice currency.
    pub currency: Currency,
    /// Sessions per month.
    pub sessions: u64,
    /// WhatsApp's rate per session.
    pub whatsapp_rate: Decimal,
    /// The provider's charge per session (the "CPaaS charge").
    pub cpaas_charge: Decimal,
    /// Rate plus charge, exact.
    pub per_session: Decimal,
    /// Sessions × WhatsApp's rate, rounded once to minor units.
    pub whatsapp_total: Decimal,
    /// Sessions × the CPaaS charge, rounded once to minor units.
    pub cpaas_total: Decimal,
    /// The sum of the two lines.
    pub total: Decimal,
    /// Whether any figure used is an example rather than a published rate.
    pub uses_example_rates: bool,
}

/// Why the estimator cannot answer (the page words each one).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PricingProblem {
    /// No country chosen.
    CountryMissing,
    /// A country that is not on the rate card.
    CountryUnknown,
    /// No invoice currency chosen.
    CurrencyMissing,
    /// A currency we do not invoice in.
    CurrencyUnknown,
    /// No sessions typed.
    SessionsMissing,
    /// A negative number of sessions.
    SessionsNegative,
    /// A number with decimals.
    SessionsNotWhole,
    /// Something that is not a number.
    SessionsNotNumber,
    /// More than [`MAX_SESSIONS`].
    SessionsTooMany,
    /// The rate card has no rate for this country (its code) in this currency.
    NoRate {
        /// The country's ISO code.
        country: String,
        /// The invoice currency.
        currency: Currency,
    },
}

/// Reads "Sessions per month": a whole number from 0 to [`MAX_SESSIONS`],
/// with optional thousands separators ("1,000" or "1 000").
pub fn parse_sessions(input: &str) -> Result<u64, PricingProblem> {
    let s = input.trim();
    if s.is_empty() {
        return Err(PricingProblem::SessionsMissing);
    }
    if s.starts_with('-') || s.starts_with('\u{2212}') {
        return Err(PricingProblem::SessionsNegative);
    }
    let grouped = |sep: char| -> Option<String> {
        let groups: Vec<&str> = s.split(sep).collect();
        let ok = groups.len() > 1
            && (1..=3).contains(&groups[0].len())
            && groups[1..].iter().all(|g| g.len() == 3);
        ok.then(|| groups.concat())
    };
    let digits = if s.contains(',') {
        grouped(',')
    } else if s.contains([' ', '\u{a0}', '\u{202f}']) {
        grouped(' ')
            .or_else(|| grouped('\u{a0}'))
            .or_else(|| grouped('\u{202f}'))
    } else {
        Some(s.to_string())
    };
    let Some(digits) = digits.filter(|d| !d.is_empty() && d.bytes().all(|b| b.is_ascii_digit()))
    else {
        if s.contains('.')
            && s.chars()
                .all(|c| c.is_ascii_digit() || c == '.' || c == ',')
        {
            return Err(PricingProblem::SessionsNotWhole);
        }
        return Err(PricingProblem::SessionsNotNumber);
    };
    match digits.parse::<u64>() {
        Ok(n) if n <= MAX_SESSIONS => Ok(n),
        _ => Err(PricingProblem::SessionsTooMany),
    }
}

/// The estimate for what the form holds, or a problem per field that needs
/// correcting, keyed by the field's name ([`field`]).
pub fn estimate(
    card: &RateCard,
    input: &EstimateInput,
) -> Result<Estimate, Vec<(&'static str, PricingProblem)>> {
    let mut problems = Vec::new();
    let country = card.country(&input.country);
    if input.country.is_empty() {
        problems.push((field::COUNTRY, PricingProblem::CountryMissing));
    } else if country.is_none() {
        problems.push((field::COUNTRY, PricingProblem::CountryUnknown));
    }
    let currency = Currency::from_code(&input.currency);
    if input.currency.is_empty() {
        problems.push((field::CURRENCY, PricingProblem::CurrencyMissing));
    } else if currency.is_none() {
        problems.push((field::CURRENCY, PricingProblem::CurrencyUnknown));
    }
    let sessions = parse_sessions(&input.sessions).map_err(|p| problems.push((field::SESSIONS, p)));
    let (Some(country), Some(currency), Ok(sessions)) = (country, currency, sessions) else {
        return Err(problems);
    };
    let rate = country.rates.iter().find(|r| r.currency == currency);
    let charge = card.cpaas_charge(currency);
    let (Some(rate), Some(charge)) = (rate, charge) else {
        return Err(vec![(
            field::CURRENCY,
            PricingProblem::NoRate {
                country: country.code.clone(),
                currency,
            },
        )]);
    };
    Ok(compute(currency, sessions, rate, charge))
}

fn compute(currency: Currency, sessions: u64, rate: &Rate, charge: &Rate) -> Estimate {
    let n = Decimal::from(sessions);
    // sessions ≤ 10^8 and rates are small: far inside Decimal's 28 digits.
    let whatsapp_total = round_to_minor(n * rate.amount, currency);
    let cpaas_total = round_to_minor(n * charge.amount, currency);
    Estimate {
        currency,
        sessions,
        whatsapp_rate: rate.amount,
        cpaas_charge: charge.amount,
        per_session: rate.amount + charge.amount,
        whatsapp_total,
        cpaas_total,
        total: whatsapp_total + cpaas_total,
        uses_example_rates: rate.example || charge.example,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn d(s: &str) -> Decimal {
        Decimal::from_str_exact(s).unwrap()
    }

    fn rate(currency: Currency, amount: &str) -> Rate {
        Rate {
            currency,
            amount: d(amount),
            example: false,
        }
    }

    fn card() -> RateCard {
        RateCard {
            countries: vec![
                CountryRates {
                    code: "GB".into(),
                    name: "United Kingdom".into(),
                    rates: vec![rate(Currency::GBP, "0.028")],
                },
                CountryRates {
                    code: "US".into(),
                    name: "United States".into(),
                    rates: vec![rate(Currency::USD, "0.0088")],
                },
            ],
            cpaas_charges: vec![rate(Currency::GBP, "0.003"), rate(Currency::USD, "0.004")],
            effective_from: "2026-07-01".into(),
        }
    }

    fn input(country: &str, currency: &str, sessions: &str) -> EstimateInput {
        EstimateInput {
            country: country.into(),
            currency: currency.into(),
            sessions: sessions.into(),
        }
    }

    #[test]
    fn the_seed_examples_to_the_penny() {
        let uk = estimate(&card(), &input("GB", "GBP", "1,000")).unwrap();
        assert_eq!(
            (uk.whatsapp_total, uk.cpaas_total, uk.total),
            (d("28.00"), d("3.00"), d("31.00"))
        );
        assert_eq!(uk.per_session, d("0.031"));
        let us = estimate(&card(), &input("US", "USD", "1000")).unwrap();
        assert_eq!(
            (us.whatsapp_total, us.cpaas_total, us.total),
            (d("8.80"), d("4.00"), d("12.80"))
        );
    }

    #[test]
    fn each_line_is_rounded_once_half_up() {
        // 125 × 0.0088 = 1.1 exactly; 1 × 0.0088 = 0.0088 → 0.01; 5 × 0.003 = 0.015 → 0.02.
        let one = estimate(&card(), &input("US", "USD", "1")).unwrap();
        assert_eq!(
            (one.whatsapp_total, one.cpaas_total, one.total),
            (d("0.01"), d("0.00"), d("0.01"))
        );
        let five = estimate(&card(), &input("GB", "GBP", "5")).unwrap();
        assert_eq!(five.cpaas_total, d("0.02"));
    }

    #[test]
    fn the_total_sums_rounded_lines_even_where_rounding_the_total_differs() {
        // (country, currency, sessions, WhatsApp line, charge line, total); the last
        // column is what rounding the exact total once would give instead.
        let cases = [
            // 2 × 0.028 = 0.056 → 0.06; 2 × 0.003 = 0.006 → 0.01; exact 0.062 → 0.06.
            ("GB", "GBP", "2", "0.06", "0.01", "0.07", "0.06"),
            // 8 × 0.028 = 0.224 → 0.22; 8 × 0.003 = 0.024 → 0.02; exact 0.248 → 0.25.
            ("GB", "GBP", "8", "0.22", "0.02", "0.24", "0.25"),
            // 4 × 0.0088 = 0.0352 → 0.04; 4 × 0.004 = 0.016 → 0.02; exact 0.0512 → 0.05.
            ("US", "USD", "4", "0.04", "0.02", "0.06", "0.05"),
            // 13 × 0.0088 = 0.1144 → 0.11; 13 × 0.004 = 0.052 → 0.05; exact 0.1664 → 0.17.
            ("US", "USD", "13", "0.11", "0.05", "0.16", "0.17"),
            // 125 × 0.0088 = 1.1 and 125 × 0.004 = 0.5 exactly: both rules agree.
            ("US", "USD", "125", "1.10", "0.50", "1.60", "1.60"),
        ];
        for (country, currency, sessions, line, charge, total, once) in cases {
            let e = estimate(&card(), &input(country, currency, sessions)).unwrap();
            assert_eq!(
                (e.whatsapp_total, e.cpaas_total, e.total),
                (d(line), d(charge), d(total)),
                "{sessions} in {country}"
            );
            let exact = Decimal::from(e.sessions) * e.per_session;
            assert_eq!(
                round_to_minor(exact, e.currency),
                d(once),
                "{sessions} in {country}"
            );
        }
    }

    #[test]
    fn halves_round_up_even_after_an_even_digit() {
        // 15 × 0.003 = 0.045: half-up gives 0.05 (banker's rounding would give 0.04).
        let e = estimate(&card(), &input("GB", "GBP", "15")).unwrap();
        assert_eq!(
            (e.whatsapp_total, e.cpaas_total, e.total),
            (d("0.42"), d("0.05"), d("0.47"))
        );
    }

    #[test]
    fn sessions_parsing_table() {
        let ok: &[(&str, u64)] = &[
            ("0", 0),
            ("1000", 1000),
            (" 1,000 ", 1000),
            ("1 000 000", 1_000_000),
            ("100,000,000", MAX_SESSIONS),
            ("007", 7),
        ];
        for (s, n) in ok {
            assert_eq!(parse_sessions(s), Ok(*n), "{s:?}");
        }
        use PricingProblem as P;
        let bad: &[(&str, PricingProblem)] = &[
            ("", P::SessionsMissing),
            ("   ", P::SessionsMissing),
            ("-5", P::SessionsNegative),
            ("12.5", P::SessionsNotWhole),
            ("1000.00", P::SessionsNotWhole),
            ("ten", P::SessionsNotNumber),
            ("1e6", P::SessionsNotNumber),
            ("1,00", P::SessionsNotNumber),
            ("100,000,001", P::SessionsTooMany),
            ("99999999999999999999999999", P::SessionsTooMany),
        ];
        for (s, p) in bad {
            assert_eq!(parse_sessions(s).as_ref(), Err(p), "{s:?}");
        }
    }

    #[test]
    fn every_field_reports_its_own_problem() {
        let errors = estimate(&card(), &input("", "", "")).unwrap_err();
        let fields: Vec<_> = errors.iter().map(|e| e.0).collect();
        assert_eq!(fields, ["country", "currency", "sessions"]);
        let errors = estimate(&card(), &input("ZZ", "XXX", "-1")).unwrap_err();
        assert_eq!(errors.len(), 3);
        let errors = estimate(&card(), &input("GB", "USD", "10")).unwrap_err();
        assert_eq!(
            errors,
            [(
                "currency",
                PricingProblem::NoRate {
                    country: "GB".into(),
                    currency: Currency::USD
                }
            )]
        );
    }

    /// A rate as (mantissa, scale): 0 to 999,999 units of 10^-1 to 10^-8, so
    /// exact halves of a penny come up often at the small scales.
    fn any_rate() -> impl Strategy<Value = (i64, u32)> {
        (0i64..1_000_000, 1u32..=8)
    }

    /// sessions × mantissa × 10^-scale in pennies, rounded half-up, in integers only.
    fn model_line(sessions: u64, mantissa: i64, scale: u32) -> i128 {
        let units = i128::from(sessions) * i128::from(mantissa);
        if scale <= 2 {
            units * 10i128.pow(2 - scale)
        } else {
            let per_penny = 10i128.pow(scale - 2);
            (units + per_penny / 2) / per_penny
        }
    }

    proptest! {
        /// The estimate agrees with a model in integer minor units: each line is
        /// sessions × rate in units of 10^-scale, rounded half-up to pennies by
        /// integer division, and the total is the sum of the two lines.
        #[test]
        fn agrees_with_an_integer_model(
            sessions in prop_oneof![0u64..1_000, 0u64..=MAX_SESSIONS],
            (r, r_scale) in any_rate(),
            (c, c_scale) in any_rate(),
            currency in proptest::sample::select(Currency::ALL.to_vec()),
        ) {
            let card = RateCard {
                countries: vec![CountryRates {
                    code: "GB".into(),
                    name: "United Kingdom".into(),
                    rates: vec![Rate { currency, amount: Decimal::new(r, r_scale), example: false }],
                }],
                cpaas_charges: vec![Rate { currency, amount: Decimal::new(c, c_scale), example: false }],
                effective_from: "2026-07-01".into(),
            };
            let e = estimate(&card, &input("GB", currency.code(), &sessions.to_string())).unwrap();
            let line = model_line(sessions, r, r_scale);
            let charge = model_line(sessions, c, c_scale);
            let pennies = |minor: i128| Decimal::from_i128_with_scale(minor, 2);
            prop_assert_eq!(e.whatsapp_total, pennies(line));
            prop_assert_eq!(e.cpaas_total, pennies(charge));
            prop_assert_eq!(e.total, pennies(line + charge));
            prop_assert!(e.total.scale() <= 2);
            let per_session = i128::from(r) * 10i128.pow(8 - r_scale) + i128::from(c) * 10i128.pow(8 - c_scale);
            prop_assert_eq!(e.per_session, Decimal::from_i128_with_scale(per_session, 8));
        }

        /// k times the sessions costs k times as much, within the rounding of each line.
        #[test]
        fn scaling_sessions_scales_the_total(sessions in 0u64..1_000_000, k in 1u64..100) {
            let card = card();
            let one = estimate(&card, &input("US", "USD", &sessions.to_string())).unwrap();
            let many = estimate(&card, &input("US", "USD", &(sessions * k).to_string())).unwrap();
            let exact = Decimal::from(sessions * k) * one.per_session;
            prop_assert!((many.total - exact).abs() <= d("0.01"), "{} vs {}", many.total, exact);
            prop_assert!((many.total - one.total * Decimal::from(k)).abs() <= d("0.01") * Decimal::from(k));
        }

        /// Whatever is typed, the estimator answers with an estimate or field messages, never a panic.
        #[test]
        fn never_panics(country in "\\PC{0,4}", currency in "\\PC{0,4}", sessions in "\\PC{0,30}") {
            match estimate(&card(), &input(&country, &currency, &sessions)) {
                Ok(e) => prop_assert!(e.sessions <= MAX_SESSIONS),
                Err(errors) => prop_assert!(!errors.is_empty()),
            }
        }

        /// Any whole number in range, with or without commas, parses to itself.
        #[test]
        fn whole_numbers_parse(n in 0u64..=MAX_SESSIONS) {
            prop_assert_eq!(parse_sessions(&n.to_string()), Ok(n));
            let mut grouped = String::new();
            for (i, ch) in n.to_string().chars().rev().enumerate() {
                if i > 0 && i % 3 == 0 { grouped.push(','); }
                grouped.push(ch);
            }
            let grouped: String = grouped.chars().rev().collect();
            prop_assert_eq!(parse_sessions(&grouped), Ok(n));
        }
    }
}
