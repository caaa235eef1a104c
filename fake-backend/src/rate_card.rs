//! The rate card the fake backend serves.
//!
//! United Kingdom in GBP (0.028) and United States in USD (0.0088), and the
//! CPaaS charges GBP 0.003 and USD 0.004, are the figures the product
//! brief gives. Every other figure is an example, marked as such, and not
//! Meta's published rate.

use domain::money::Currency;
use domain::pricing::{CountryRates, Rate, RateCard};
use rust_decimal::Decimal;

fn rate(currency: Currency, amount: &str, example: bool) -> Rate {
    Rate {
        currency,
        amount: Decimal::from_str_exact(amount).unwrap_or_default(),
        example,
    }
}

fn country(
    code: &str,
    name: &str,
    gbp: (&str, bool),
    usd: (&str, bool),
    eur: (&str, bool),
) -> CountryRates {
    CountryRates {
        code: code.into(),
        name: name.into(),
        rates: vec![
            rate(Currency::GBP, gbp.0, gbp.1),
            rate(Currency::USD, usd.0, usd.1),
            rate(Currency::EUR, eur.0, eur.1),
        ],
    }
}

/// The rate card.
pub fn rate_card() -> RateCard {
    const EX: bool = true;
    RateCard {
        countries: vec![
            country(
                "GB",
                "United Kingdom",
                ("0.028", false),
                ("0.0358", EX),
                ("0.0330", EX),
            ),
            country(
                "US",
                "United States",
                ("0.0069", EX),
                ("0.0088", false),
                ("0.0081", EX),
            ),
            country(
                "IE",
                "Ireland",
                ("0.0402", EX),
                ("0.0514", EX),
                ("0.0474", EX),
            ),
            country(
                "DE",
                "Germany",
                ("0.0585", EX),
                ("0.0748", EX),
                ("0.0690", EX),
            ),
            country(
                "FR",
                "France",
                ("0.0555", EX),
                ("0.0710", EX),
                ("0.0655", EX),
            ),
            country(
                "ES",
                "Spain",
                ("0.0240", EX),
                ("0.0307", EX),
                ("0.0283", EX),
            ),
            country(
                "IN",
                "India",
                ("0.0033", EX),
                ("0.0042", EX),
                ("0.0039", EX),
            ),
            country(
                "BR",
                "Brazil",
                ("0.0238", EX),
                ("0.0305", EX),
                ("0.0281", EX),
            ),
        ],
        cpaas_charges: vec![
            rate(Currency::GBP, "0.003", false),
            rate(Currency::USD, "0.004", false),
            rate(Currency::EUR, "0.0035", EX),
        ],
        effective_from: "2026-07-01".into(),
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn every_figure_parses() {
        let card = super::rate_card();
        for c in &card.countries {
            assert_eq!(c.rates.len(), 3, "{}", c.code);
            assert!(c.rates.iter().all(|r| !r.amount.is_zero()));
        }
    }
}
