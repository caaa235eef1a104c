//! Money as exact decimals: invoice currencies and rounding to minor units.
//!
//! No floating point anywhere: amounts are `rust_decimal::Decimal`, travel in
//! JSON as strings, and are rounded once, half-up, to the currency's minor unit.

use rust_decimal::{Decimal, RoundingStrategy};
use serde::{Deserialize, Serialize};
use std::fmt;

/// A currency the provider invoices in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub enum Currency {
    /// Pound sterling.
    GBP,
    /// United States dollar.
    USD,
    /// Euro.
    EUR,
}

impl Currency {
    /// Every invoice currency, in the order the page lists them.
    pub const ALL: [Currency; 3] = [Currency::GBP, Currency::USD, Currency::EUR];

    /// The ISO 4217 code.
    pub fn code(self) -> &'static str {
        match self {
            Self::GBP => "GBP",
            Self::USD => "USD",
            Self::EUR => "EUR",
        }
    }

    /// Digits after the decimal point in the currency's smallest unit (ISO 4217).
    pub fn minor_units(self) -> u32 {
        2
    }

    /// The currency with this ISO code, if it is one we invoice in.
    pub fn from_code(code: &str) -> Option<Currency> {
        Self::ALL.into_iter().find(|c| c.code() == code)
    }
}

impl fmt::Display for Currency {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

/// `amount` rounded to the currency's minor unit, halves away from zero (half-up for charges).
pub fn round_to_minor(amount: Decimal, currency: Currency) -> Decimal {
    amount.round_dp_with_strategy(
        currency.minor_units(),
        RoundingStrategy::MidpointAwayFromZero,
    )
}

/// "GBP 31.00": an amount in minor units with its code, for text where no locale applies.
pub fn plain(amount: Decimal, currency: Currency) -> String {
    let mut rounded = round_to_minor(amount, currency);
    rounded.rescale(currency.minor_units());
    format!("{} {}", currency.code(), rounded)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn d(s: &str) -> Decimal {
        Decimal::from_str_exact(s).unwrap()
    }

    #[test]
    fn rounds_half_up_to_pennies() {
        assert_eq!(round_to_minor(d("0.005"), Currency::GBP), d("0.01"));
        assert_eq!(round_to_minor(d("0.0049999"), Currency::GBP), d("0.00"));
        assert_eq!(round_to_minor(d("12.345"), Currency::USD), d("12.35"));
        assert_eq!(round_to_minor(d("28.000"), Currency::GBP), d("28.00"));
    }

    #[test]
    fn plain_always_shows_minor_units() {
        assert_eq!(plain(d("31"), Currency::GBP), "GBP 31.00");
        assert_eq!(plain(d("12.8"), Currency::USD), "USD 12.80");
        assert_eq!(plain(d("0.0088"), Currency::USD), "USD 0.01");
    }

    #[test]
    fn codes_round_trip() {
        for c in Currency::ALL {
            assert_eq!(Currency::from_code(c.code()), Some(c));
            assert_eq!(
                serde_json::to_string(&c).unwrap(),
                format!("\"{}\"", c.code())
            );
        }
        assert_eq!(Currency::from_code("gbp"), None);
    }

    proptest! {
        /// Rounding moves an amount by at most half a minor unit and is idempotent.
        #[test]
        fn rounding_is_close_and_stable(units in 0i64..10_000_000_000, scale in 0u32..8) {
            let amount = Decimal::new(units, scale);
            let r = round_to_minor(amount, Currency::GBP);
            prop_assert!((r - amount).abs() <= d("0.005"));
            prop_assert_eq!(round_to_minor(r, Currency::GBP), r);
        }
    }
}
