//! When a linked number will be ready: the provider's final activation takes up
//! to [`ACTIVATION_WORKING_DAYS`] working days after confirmation, skipping
//! weekends and the public holidays of the account's country.
//!
//! The confirmation instant is turned into the account's local calendar date
//! first (UK time for GB accounts, US Eastern time for US accounts, with their
//! daylight-saving rules), so a confirmation late in the evening counts on the
//! right day.

use crate::contract::Timestamp;
use crate::working_days::{add_working_days, local_date, HolidayCalendar, OutOfRange};
use time::{Date, Month, Weekday};

/// Working days the provider's activation may take.
pub const ACTIVATION_WORKING_DAYS: u32 = 3;

/// How long activation can take, in the customer documentation's words: shown
/// with the ready-by date wherever it appears.
pub fn activation_time() -> String {
    format!("Activation can take up to {ACTIVATION_WORKING_DAYS} working days.")
}

/// The holidays that count for an account in `country` (ISO code); `None` if not covered.
pub fn calendar_for(country: &str) -> Option<HolidayCalendar> {
    match country {
        "GB" => Some(HolidayCalendar::EnglandAndWales),
        "US" => Some(HolidayCalendar::UnitedStatesFederal),
        _ => None,
    }
}

/// Why no ready date can be given.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NoEstimate {
    /// The account's country has no holiday calendar here.
    UnknownCountry,
    /// The date is outside the years the calendars cover.
    OutOfRange(OutOfRange),
}

/// The date activation will be complete by, for a number confirmed at `confirmed_at`.
pub fn ready_by(confirmed_at: Timestamp, country: &str) -> Result<Date, NoEstimate> {
    let cal = calendar_for(country).ok_or(NoEstimate::UnknownCountry)?;
    let offset = utc_offset(country, confirmed_at);
    let today =
        local_date(confirmed_at, offset).ok_or(NoEstimate::OutOfRange(OutOfRange { year: 0 }))?;
    add_working_days(today, ACTIVATION_WORKING_DAYS, cal).map_err(NoEstimate::OutOfRange)
}

/// The account's local offset from UTC, in seconds, at an instant.
pub fn utc_offset(country: &str, at: Timestamp) -> i32 {
    match country {
        // UK: GMT, or BST from 01:00 UTC on the last Sunday of March to 01:00 UTC on the last Sunday of October.
        "GB" => {
            let Some(year) = local_date(at, 0).map(|d| d.year()) else {
                return 0;
            };
            let start = last_sunday(year, Month::March).map(|d| unix(d) + 3_600);
            let end = last_sunday(year, Month::October).map(|d| unix(d) + 3_600);
            match (start, end) {
                (Some(s), Some(e)) if at >= s && at < e => 3_600,
                _ => 0,
            }
        }
        // US Eastern: UTC-5, or UTC-4 from 02:00 local on the second Sunday of March to 02:00 local on the first Sunday of November.
        "US" => {
            let Some(year) = local_date(at, -5 * 3_600).map(|d| d.year()) else {
                return -5 * 3_600;
            };
            let start = nth_sunday(year, Month::March, 2).map(|d| unix(d) + 7 * 3_600);
            let end = nth_sunday(year, Month::November, 1).map(|d| unix(d) + 6 * 3_600);
            match (start, end) {
                (Some(s), Some(e)) if at >= s && at < e => -4 * 3_600,
                _ => -5 * 3_600,
            }
        }
        _ => 0,
    }
}

/// Midnight UTC of a date, as a Unix timestamp.
fn unix(d: Date) -> Timestamp {
    (i64::from(d.to_julian_day()) - 2_440_588) * 86_400
}

fn last_sunday(year: i32, month: Month) -> Option<Date> {
    let mut d = Date::from_calendar_date(year, month.next(), 1)
        .ok()?
        .previous_day()?;
    if month == Month::December {
        d = Date::from_calendar_date(year, Month::December, 31).ok()?;
    }
    while d.weekday() != Weekday::Sunday {
        d = d.previous_day()?;
    }
    Some(d)
}

fn nth_sunday(year: i32, month: Month, n: u8) -> Option<Date> {
    let mut d = Date::from_calendar_date(year, month, 1).ok()?;
    while d.weekday() != Weekday::Sunday {
        d = d.next_day()?;
    }
    for _ in 1..n {
        d = d
            .next_day()?
            .next_day()?
            .next_day()?
            .next_day()?
            .next_day()?
            .next_day()?
            .next_day()?;
    }
    Some(d)
}

/// An ISO 8601 calendar date, "2026-12-02", for the JSON contract.
pub fn iso(d: Date) -> String {
    format!("{:04}-{:02}-{:02}", d.year(), u8::from(d.month()), d.day())
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn ts(y: i32, m: u8, d: u8, h: i64, min: i64) -> Timestamp {
        let date = Date::from_calendar_date(y, Month::try_from(m).unwrap(), d).unwrap();
        unix(date) + h * 3_600 + min * 60
    }

    fn date(y: i32, m: u8, d: u8) -> Date {
        Date::from_calendar_date(y, Month::try_from(m).unwrap(), d).unwrap()
    }

    #[test]
    fn daylight_saving_boundaries() {
        assert_eq!(utc_offset("GB", ts(2026, 3, 29, 0, 59)), 0);
        assert_eq!(utc_offset("GB", ts(2026, 3, 29, 1, 0)), 3_600);
        assert_eq!(utc_offset("GB", ts(2026, 10, 25, 0, 59)), 3_600);
        assert_eq!(utc_offset("GB", ts(2026, 10, 25, 1, 0)), 0);
        // 2026: DST from 8 March 07:00 UTC to 1 November 06:00 UTC.
        assert_eq!(utc_offset("US", ts(2026, 3, 8, 6, 59)), -5 * 3_600);
        assert_eq!(utc_offset("US", ts(2026, 3, 8, 7, 0)), -4 * 3_600);
        assert_eq!(utc_offset("US", ts(2026, 11, 1, 5, 59)), -4 * 3_600);
        assert_eq!(utc_offset("US", ts(2026, 11, 1, 6, 0)), -5 * 3_600);
    }

    #[test]
    fn ready_dates_known_cases() {
        // Wednesday 25 November 2026, UK: Thu 26, Fri 27, Mon 30 Nov.
        assert_eq!(
            ready_by(ts(2026, 11, 25, 10, 0), "GB"),
            Ok(date(2026, 11, 30))
        );
        // US: Thanksgiving is Thu 26 Nov 2026: Fri 27, Mon 30, Tue 1 Dec.
        assert_eq!(
            ready_by(ts(2026, 11, 25, 15, 0), "US"),
            Ok(date(2026, 12, 1))
        );
        // 23:30 UTC on Wed 24 June 2026 is already Thursday in the UK (BST): Fri 26, Mon 29, Tue 30.
        assert_eq!(
            ready_by(ts(2026, 6, 24, 23, 30), "GB"),
            Ok(date(2026, 6, 30))
        );
        // 02:00 UTC on Thu 26 Nov 2026 is still Wednesday evening in New York.
        assert_eq!(
            ready_by(ts(2026, 11, 26, 2, 0), "US"),
            Ok(date(2026, 12, 1))
        );
        // Christmas 2026 in the UK: confirmed Wed 23 Dec → Thu 24, (25 Fri, 28 Mon holidays), Tue 29, Wed 30.
        assert_eq!(
            ready_by(ts(2026, 12, 23, 12, 0), "GB"),
            Ok(date(2026, 12, 30))
        );
        // Easter 2027 (Good Friday 26 March, Easter Monday 29 March) from Thu 25 March: Tue 30, Wed 31, Thu 1 April.
        assert_eq!(ready_by(ts(2027, 3, 25, 12, 0), "GB"), Ok(date(2027, 4, 1)));
        // Year end: Thu 31 Dec 2026 UK → Fri 1 Jan holiday, Mon 4, Tue 5, Wed 6 Jan 2027.
        assert_eq!(
            ready_by(ts(2026, 12, 31, 12, 0), "GB"),
            Ok(date(2027, 1, 6))
        );
        assert_eq!(ready_by(0, "FR"), Err(NoEstimate::UnknownCountry));
    }

    #[test]
    fn activation_time_in_the_documentation_words() {
        assert_eq!(
            activation_time(),
            "Activation can take up to 3 working days."
        );
    }

    #[test]
    fn iso_dates() {
        assert_eq!(iso(date(2026, 12, 2)), "2026-12-02");
    }

    proptest! {
        /// The ready date is always a working day, at least 3 calendar days later, and later confirmations never finish earlier.
        #[test]
        fn ready_dates_are_working_days_and_monotonic(a in 1_580_000_000i64..2_200_000_000, gap in 0i64..10_000_000, gb in any::<bool>()) {
            let country = if gb { "GB" } else { "US" };
            let cal = calendar_for(country).unwrap();
            let r1 = ready_by(a, country).unwrap();
            let r2 = ready_by(a + gap, country).unwrap();
            prop_assert!(crate::working_days::is_working_day(r1, cal).unwrap());
            prop_assert!(r2 >= r1);
            let local = local_date(a, utc_offset(country, a)).unwrap();
            prop_assert!((r1 - local).whole_days() >= 3);
        }

        /// The offset is one of the two each country uses.
        #[test]
        fn offsets_are_standard_or_daylight(t in 1_500_000_000i64..2_300_000_000) {
            prop_assert!([0, 3_600].contains(&utc_offset("GB", t)));
            prop_assert!([-5 * 3_600, -4 * 3_600].contains(&utc_offset("US", t)));
        }
    }
}
