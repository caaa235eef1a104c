//! Working days and public holidays, for the "ready by" date after a WhatsApp
//! number is confirmed.
//!
//! The provider's final activation takes up to three working days, so the app
//! shows `add_working_days(confirmed_on, 3, calendar)`. A working day is a
//! Monday to Friday that is not a public holiday of the account's country.
//!
//! Sources for the rules:
//! - England and Wales: GOV.UK, <https://www.gov.uk/bank-holidays> (and its
//!   data feed `bank-holidays.json`); the regular days and substitute days come
//!   from the Banking and Financial Dealings Act 1971, schedule 1, and royal
//!   proclamations; the one-off days below were each announced by the
//!   government.
//! - United States: 5 U.S.C. 6103 as listed by the Office of Personnel
//!   Management, <https://www.opm.gov/policy-data-oversight/pay-leave/federal-holidays/>.
//!
//! Only the years `FIRST_YEAR..=LAST_YEAR` are answered. Later one-off holidays
//! (a coronation, a state funeral) cannot be known in advance, so the range is
//! a promise about what was checked, and anything outside it is an
//! [`OutOfRange`] error rather than a guess.

use std::fmt;

use serde::{Deserialize, Serialize};
use time::{Date, Month, OffsetDateTime, UtcOffset, Weekday};

/// The first year the holiday calendars answer for.
pub const FIRST_YEAR: i32 = 2020;
/// The last year the holiday calendars answer for.
pub const LAST_YEAR: i32 = 2040;

/// Which public holidays count.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum HolidayCalendar {
    /// Bank holidays in England and Wales (GOV.UK).
    EnglandAndWales,
    /// Federal holidays of the United States (5 U.S.C. 6103, as OPM lists them).
    UnitedStatesFederal,
}

impl HolidayCalendar {
    /// The calendar's name for people, e.g. "England and Wales".
    pub fn label(self) -> &'static str {
        match self {
            Self::EnglandAndWales => "England and Wales",
            Self::UnitedStatesFederal => "United States (federal)",
        }
    }
}

/// A date outside the years the calendars cover.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct OutOfRange {
    /// The year that was asked about.
    pub year: i32,
}

impl fmt::Display for OutOfRange {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "no holiday calendar for {}: only {FIRST_YEAR} to {LAST_YEAR} are covered",
            self.year
        )
    }
}

impl std::error::Error for OutOfRange {}

/// One public holiday: the date it is taken on, and its name.
type Holiday = (Date, &'static str);

/// The public holidays taken in `year`, sorted by date, with their names.
///
/// Each holiday is listed under the year of the date it is taken on. This only
/// matters for a United States New Year's Day that falls on a Saturday: it is
/// taken on Friday 31 December, so it appears in the previous year's list
/// (2021-12-31 is in 2021's list, and 2022 has no New Year holiday in January).
/// OPM's own table prints that day in the next year's list instead.
pub fn holidays(year: i32, cal: HolidayCalendar) -> Result<Vec<(Date, &'static str)>, OutOfRange> {
    check_year(year)?;
    let mut list = match cal {
        HolidayCalendar::EnglandAndWales => england_and_wales(year)?,
        HolidayCalendar::UnitedStatesFederal => united_states_federal(year)?,
    };
    list.sort_by_key(|&(date, _)| date);
    Ok(list)
}

/// The name of the public holiday taken on `date`, if there is one.
pub fn is_holiday(date: Date, cal: HolidayCalendar) -> Result<Option<&'static str>, OutOfRange> {
    let list = holidays(date.year(), cal)?;
    Ok(list
        .into_iter()
        .find(|&(day, _)| day == date)
        .map(|(_, name)| name))
}

/// Whether `date` is a working day: Monday to Friday and not a public holiday.
pub fn is_working_day(date: Date, cal: HolidayCalendar) -> Result<bool, OutOfRange> {
    // Ask the calendar first so that an out-of-range weekend is an error too.
    let holiday = is_holiday(date, cal)?;
    Ok(!is_weekend(date) && holiday.is_none())
}

/// The `n`th working day strictly after `start`; `start` never counts, and `n = 0` returns it.
///
/// `start` must be in the covered years even when `n` is 0, and so must every
/// day up to the answer.
pub fn add_working_days(start: Date, n: u32, cal: HolidayCalendar) -> Result<Date, OutOfRange> {
    check_year(start.year())?;
    let mut date = start;
    let mut counted = 0;
    while counted < n {
        date = add_days(date, 1)?;
        if is_working_day(date, cal)? {
            counted += 1;
        }
    }
    Ok(date)
}

/// The calendar date `utc_offset_secs` east of UTC at Unix time `unix_secs`.
///
/// Use it to turn the "confirmed at" instant into the account's local date.
/// `None` when the offset is beyond ±25:59:59 or the date is outside what
/// `time::Date` can hold (years -9999 to 9999).
pub fn local_date(unix_secs: i64, utc_offset_secs: i32) -> Option<Date> {
    let offset = UtcOffset::from_whole_seconds(utc_offset_secs).ok()?;
    let instant = OffsetDateTime::from_unix_timestamp(unix_secs).ok()?;
    Some(instant.checked_to_offset(offset)?.date())
}

/// Easter Sunday of `year` in the Gregorian calendar; `None` if `time::Date` cannot hold that year.
///
/// This is the "anonymous Gregorian" algorithm (Meeus/Jones/Butcher, as in
/// Meeus, *Astronomical Algorithms*, chapter 8). Floor division keeps it
/// well-defined for years before 1 as well.
pub fn easter_sunday(year: i32) -> Option<Date> {
    let a = year.rem_euclid(19);
    let b = year.div_euclid(100);
    let c = year.rem_euclid(100);
    let d = b.div_euclid(4);
    let e = b.rem_euclid(4);
    let f = (b + 8).div_euclid(25);
    let g = (b - f + 1).div_euclid(3);
    let h = (19 * a + b - d - g + 15).rem_euclid(30);
    let i = c.div_euclid(4);
    let k = c.rem_euclid(4);
    let l = (32 + 2 * e + 2 * i - h - k).rem_euclid(7);
    let m = (a + 11 * h + 22 * l).div_euclid(451);
    let n = h + l - 7 * m + 114;
    let month = Month::try_from(u8::try_from(n.div_euclid(31)).ok()?).ok()?;
    let day = u8::try_from(n.rem_euclid(31) + 1).ok()?;
    Date::from_calendar_date(year, month, day).ok()
}

/// `Ok` when the calendars cover `year`.
fn check_year(year: i32) -> Result<(), OutOfRange> {
    if (FIRST_YEAR..=LAST_YEAR).contains(&year) {
        Ok(())
    } else {
        Err(OutOfRange { year })
    }
}

// ---------------------------------------------------------------------------
// England and Wales (https://www.gov.uk/bank-holidays)
// ---------------------------------------------------------------------------

/// Bank holidays in England and Wales taken in `year` (unsorted).
fn england_and_wales(year: i32) -> Result<Vec<Holiday>, OutOfRange> {
    let easter = easter_sunday(year).ok_or(OutOfRange { year })?;
    let mut list = vec![
        new_years_day_england(year)?,
        (add_days(easter, -2)?, "Good Friday"),
        (add_days(easter, 1)?, "Easter Monday"),
        early_may_bank_holiday(year)?,
        spring_bank_holiday(year)?,
        (
            on_or_before(ymd(year, Month::August, 31)?, Weekday::Monday)?,
            "Summer bank holiday",
        ),
    ];
    list.extend(christmas_england(year)?);
    list.extend(one_off_bank_holidays(year)?);
    Ok(list)
}

/// 1 January, or the Monday after when it falls on a weekend.
fn new_years_day_england(year: i32) -> Result<Holiday, OutOfRange> {
    let day = ymd(year, Month::January, 1)?;
    if is_weekend(day) {
        Ok((
            on_or_after(day, Weekday::Monday)?,
            "New Year's Day (substitute day)",
        ))
    } else {
        Ok((day, "New Year's Day"))
    }
}

/// The first Monday of May; in 2020 it moved to Friday 8 May for the 75th anniversary of VE Day.
fn early_may_bank_holiday(year: i32) -> Result<Holiday, OutOfRange> {
    if year == 2020 {
        return Ok((ymd(2020, Month::May, 8)?, "Early May bank holiday (VE day)"));
    }
    Ok((
        nth_weekday(year, Month::May, Weekday::Monday, 1)?,
        "Early May bank holiday",
    ))
}

/// The last Monday of May; in 2022 it moved to Thursday 2 June for the Platinum Jubilee.
fn spring_bank_holiday(year: i32) -> Result<Holiday, OutOfRange> {
    let date = if year == 2022 {
        ymd(2022, Month::June, 2)?
    } else {
        on_or_before(ymd(year, Month::May, 31)?, Weekday::Monday)?
    };
    Ok((date, "Spring bank holiday"))
}

/// Christmas Day and Boxing Day, with substitute days when either falls on a weekend.
fn christmas_england(year: i32) -> Result<[Holiday; 2], OutOfRange> {
    const CHRISTMAS: &str = "Christmas Day";
    const CHRISTMAS_SUBSTITUTE: &str = "Christmas Day (substitute day)";
    const BOXING: &str = "Boxing Day";
    const BOXING_SUBSTITUTE: &str = "Boxing Day (substitute day)";
    // The substitute day is the next weekday not already a bank holiday.
    let (christmas, boxing) = match ymd(year, Month::December, 25)?.weekday() {
        // Boxing Day is a Saturday: Monday 28 December instead.
        Weekday::Friday => ((25, CHRISTMAS), (28, BOXING_SUBSTITUTE)),
        // Both fall on the weekend: Monday 27 and Tuesday 28 December.
        Weekday::Saturday => ((27, CHRISTMAS_SUBSTITUTE), (28, BOXING_SUBSTITUTE)),
        // Boxing Day keeps Monday 26; Christmas moves to Tuesday 27.
        Weekday::Sunday => ((27, CHRISTMAS_SUBSTITUTE), (26, BOXING)),
        _ => ((25, CHRISTMAS), (26, BOXING)),
    };
    Ok([
        (ymd(year, Month::December, christmas.0)?, christmas.1),
        (ymd(year, Month::December, boxing.0)?, boxing.1),
    ])
}

/// Extra bank holidays proclaimed for one year only, named as on GOV.UK.
const ONE_OFF_BANK_HOLIDAYS: [(i32, Month, u8, &str); 3] = [
    (2022, Month::June, 3, "Platinum Jubilee bank holiday"),
    (
        2022,
        Month::September,
        19,
        "Bank Holiday for the State Funeral of Queen Elizabeth II",
    ),
    (
        2023,
        Month::May,
        8,
        "Bank holiday for the coronation of King Charles III",
    ),
];

/// The one-off bank holidays of `year`.
fn one_off_bank_holidays(year: i32) -> Result<Vec<Holiday>, OutOfRange> {
    ONE_OFF_BANK_HOLIDAYS
        .iter()
        .filter(|&&(y, ..)| y == year)
        .map(|&(y, month, day, name)| Ok((ymd(y, month, day)?, name)))
        .collect()
}

// ---------------------------------------------------------------------------
// United States federal (5 U.S.C. 6103; OPM's federal holidays page)
//
// Inauguration Day (5 U.S.C. 6103(c)) is left out: it is a holiday only for
// federal employees in the Washington, DC, area. So are days off given by
// executive order (e.g. 24 and 26 December 2025, 24 December 2024): they are
// not legal public holidays under 6103(a) and are announced only days ahead.
// ---------------------------------------------------------------------------

/// A fixed-date federal holiday: month, day, first year, name, name when taken on another day.
type FixedHoliday = (Month, u8, i32, &'static str, &'static str);

/// The fixed-date federal holidays. Juneteenth became one on 17 June 2021
/// (Public Law 117-17) and was first observed on Friday 18 June 2021.
const US_FIXED_HOLIDAYS: [FixedHoliday; 5] = [
    (
        Month::January,
        1,
        i32::MIN,
        "New Year's Day",
        "New Year's Day (observed)",
    ),
    (
        Month::June,
        19,
        2021,
        "Juneteenth National Independence Day",
        "Juneteenth National Independence Day (observed)",
    ),
    (
        Month::July,
        4,
        i32::MIN,
        "Independence Day",
        "Independence Day (observed)",
    ),
    (
        Month::November,
        11,
        i32::MIN,
        "Veterans Day",
        "Veterans Day (observed)",
    ),
    (
        Month::December,
        25,
        i32::MIN,
        "Christmas Day",
        "Christmas Day (observed)",
    ),
];

/// Federal holidays taken in `year` (unsorted).
fn united_states_federal(year: i32) -> Result<Vec<Holiday>, OutOfRange> {
    use Month::{February, January, November, October, September};
    use Weekday::{Monday, Thursday};
    let mut list = vec![
        (
            nth_weekday(year, January, Monday, 3)?,
            "Birthday of Martin Luther King, Jr.",
        ),
        (
            nth_weekday(year, February, Monday, 3)?,
            "Washington's Birthday",
        ),
        (
            on_or_before(ymd(year, Month::May, 31)?, Monday)?,
            "Memorial Day",
        ),
        (nth_weekday(year, September, Monday, 1)?, "Labor Day"),
        (nth_weekday(year, October, Monday, 2)?, "Columbus Day"),
        (
            nth_weekday(year, November, Thursday, 4)?,
            "Thanksgiving Day",
        ),
    ];
    // Next year's New Year's Day can be taken on 31 December of this year.
    for nominal_year in [year, year + 1] {
        for holiday in fixed_holidays_observed(nominal_year)? {
            if holiday.0.year() == year {
                list.push(holiday);
            }
        }
    }
    Ok(list)
}

/// The fixed-date federal holidays of `nominal_year`, on the days they are taken.
fn fixed_holidays_observed(nominal_year: i32) -> Result<Vec<Holiday>, OutOfRange> {
    US_FIXED_HOLIDAYS
        .iter()
        .filter(|&&(_, _, since, ..)| nominal_year >= since)
        .map(|&(month, day, _, name, observed_name)| {
            let date = ymd(nominal_year, month, day)?;
            let taken = observed_federal(date)?;
            Ok((taken, if taken == date { name } else { observed_name }))
        })
        .collect()
}

/// The day a federal holiday is taken: a Saturday one on the Friday before
/// (5 U.S.C. 6103(b)), a Sunday one on the Monday after (Executive Order 11582, section 3(a)).
fn observed_federal(date: Date) -> Result<Date, OutOfRange> {
    match date.weekday() {
        Weekday::Saturday => add_days(date, -1),
        Weekday::Sunday => add_days(date, 1),
        _ => Ok(date),
    }
}

// ---------------------------------------------------------------------------
// Date arithmetic that reports failure instead of panicking
// ---------------------------------------------------------------------------

/// Saturday or Sunday.
fn is_weekend(date: Date) -> bool {
    matches!(date.weekday(), Weekday::Saturday | Weekday::Sunday)
}

/// The date `year`-`month`-`day`; the error names `year` if it does not exist.
fn ymd(year: i32, month: Month, day: u8) -> Result<Date, OutOfRange> {
    Date::from_calendar_date(year, month, day).map_err(|_| OutOfRange { year })
}

/// `date` moved by `days` (negative for earlier).
fn add_days(date: Date, days: i32) -> Result<Date, OutOfRange> {
    date.to_julian_day()
        .checked_add(days)
        .and_then(|julian| Date::from_julian_day(julian).ok())
        .ok_or(OutOfRange { year: date.year() })
}

/// The first `weekday` on or after `date`.
fn on_or_after(date: Date, weekday: Weekday) -> Result<Date, OutOfRange> {
    let ahead =
        (7 + weekday.number_days_from_monday() - date.weekday().number_days_from_monday()) % 7;
    add_days(date, i32::from(ahead))
}

/// The last `weekday` on or before `date`.
fn on_or_before(date: Date, weekday: Weekday) -> Result<Date, OutOfRange> {
    let back =
        (7 + date.weekday().number_days_from_monday() - weekday.number_days_from_monday()) % 7;
    add_days(date, -i32::from(back))
}

/// The `nth` (1 to 4) `weekday` of `month`: the first one on or after day 1 + 7(n - 1).
fn nth_weekday(year: i32, month: Month, weekday: Weekday, nth: u8) -> Result<Date, OutOfRange> {
    let first_candidate = 1 + 7 * nth.saturating_sub(1).min(3);
    on_or_after(ymd(year, month, first_candidate)?, weekday)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use HolidayCalendar::{EnglandAndWales, UnitedStatesFederal};

    /// A date from ISO text, e.g. "2026-12-25" (tests only).
    fn d(iso: &str) -> Date {
        let part = |range: std::ops::Range<usize>| iso[range].parse::<i32>().unwrap();
        let month = Month::try_from(u8::try_from(part(5..7)).unwrap()).unwrap();
        Date::from_calendar_date(part(0..4), month, u8::try_from(part(8..10)).unwrap()).unwrap()
    }

    fn list(year: i32, cal: HolidayCalendar) -> Vec<(Date, &'static str)> {
        holidays(year, cal).unwrap()
    }

    fn expect(rows: &[(&str, &'static str)]) -> Vec<(Date, &'static str)> {
        rows.iter().map(|&(iso, name)| (d(iso), name)).collect()
    }

    // --- Easter -----------------------------------------------------------

    #[test]
    fn easter_sundays() {
        // 2020-2028 agree with GOV.UK's Good Fridays; the rest are the
        // published tables (also checked with python-dateutil's easter()).
        for iso in [
            "1818-03-22", // earliest possible date
            "1943-04-25", // latest possible date
            "2000-04-23",
            "2008-03-23",
            "2011-04-24",
            "2019-04-21",
            "2020-04-12",
            "2021-04-04",
            "2022-04-17",
            "2023-04-09",
            "2024-03-31",
            "2025-04-20",
            "2026-04-05",
            "2027-03-28",
            "2028-04-16",
            "2029-04-01",
            "2030-04-21",
            "2035-03-25",
            "2038-04-25",
            "2040-04-01",
            "2285-03-22",
        ] {
            let date = d(iso);
            assert_eq!(easter_sunday(date.year()), Some(date), "{iso}");
        }
    }

    #[test]
    fn easter_outside_representable_years_is_none() {
        assert_eq!(easter_sunday(i32::MAX), None);
        assert_eq!(easter_sunday(i32::MIN), None);
        assert_eq!(easter_sunday(10_000), None);
        assert!(easter_sunday(9999).is_some());
        assert!(easter_sunday(-9999).is_some());
    }

    // --- England and Wales ------------------------------------------------

    #[test]
    fn england_and_wales_2022() {
        let expected = expect(&[
            ("2022-01-03", "New Year's Day (substitute day)"),
            ("2022-04-15", "Good Friday"),
            ("2022-04-18", "Easter Monday"),
            ("2022-05-02", "Early May bank holiday"),
            ("2022-06-02", "Spring bank holiday"),
            ("2022-06-03", "Platinum Jubilee bank holiday"),
            ("2022-08-29", "Summer bank holiday"),
            (
                "2022-09-19",
                "Bank Holiday for the State Funeral of Queen Elizabeth II",
            ),
            ("2022-12-26", "Boxing Day"),
            ("2022-12-27", "Christmas Day (substitute day)"),
        ]);
        assert_eq!(list(2022, EnglandAndWales), expected);
    }

    #[test]
    fn england_and_wales_2025() {
        let expected = expect(&[
            ("2025-01-01", "New Year's Day"),
            ("2025-04-18", "Good Friday"),
            ("2025-04-21", "Easter Monday"),
            ("2025-05-05", "Early May bank holiday"),
            ("2025-05-26", "Spring bank holiday"),
            ("2025-08-25", "Summer bank holiday"),
            ("2025-12-25", "Christmas Day"),
            ("2025-12-26", "Boxing Day"),
        ]);
        assert_eq!(list(2025, EnglandAndWales), expected);
    }

    #[test]
    fn england_and_wales_2026() {
        let expected = expect(&[
            ("2026-01-01", "New Year's Day"),
            ("2026-04-03", "Good Friday"),
            ("2026-04-06", "Easter Monday"),
            ("2026-05-04", "Early May bank holiday"),
            ("2026-05-25", "Spring bank holiday"),
            ("2026-08-31", "Summer bank holiday"),
            ("2026-12-25", "Christmas Day"),
            ("2026-12-28", "Boxing Day (substitute day)"),
        ]);
        assert_eq!(list(2026, EnglandAndWales), expected);
    }

    /// Every England and Wales date GOV.UK publishes for 2020 to 2028 (its
    /// `bank-holidays.json`, as cached by ministryofjustice/govuk-bank-holidays).
    #[rustfmt::skip]
    const GOV_UK_2020_TO_2028: [&str; 75] = [
        "2020-01-01", "2020-04-10", "2020-04-13", "2020-05-08", "2020-05-25", "2020-08-31", "2020-12-25", "2020-12-28",
        "2021-01-01", "2021-04-02", "2021-04-05", "2021-05-03", "2021-05-31", "2021-08-30", "2021-12-27", "2021-12-28",
        "2022-01-03", "2022-04-15", "2022-04-18", "2022-05-02", "2022-06-02", "2022-06-03", "2022-08-29", "2022-09-19", "2022-12-26", "2022-12-27",
        "2023-01-02", "2023-04-07", "2023-04-10", "2023-05-01", "2023-05-08", "2023-05-29", "2023-08-28", "2023-12-25", "2023-12-26",
        "2024-01-01", "2024-03-29", "2024-04-01", "2024-05-06", "2024-05-27", "2024-08-26", "2024-12-25", "2024-12-26",
        "2025-01-01", "2025-04-18", "2025-04-21", "2025-05-05", "2025-05-26", "2025-08-25", "2025-12-25", "2025-12-26",
        "2026-01-01", "2026-04-03", "2026-04-06", "2026-05-04", "2026-05-25", "2026-08-31", "2026-12-25", "2026-12-28",
        "2027-01-01", "2027-03-26", "2027-03-29", "2027-05-03", "2027-05-31", "2027-08-30", "2027-12-27", "2027-12-28",
        "2028-01-03", "2028-04-14", "2028-04-17", "2028-05-01", "2028-05-29", "2028-08-28", "2028-12-25", "2028-12-26",
    ];

    #[test]
    fn england_and_wales_matches_gov_uk_2020_to_2028() {
        let published: Vec<Date> = GOV_UK_2020_TO_2028.iter().map(|iso| d(iso)).collect();
        let computed: Vec<Date> = (2020..=2028)
            .flat_map(|year| list(year, EnglandAndWales))
            .map(|(date, _)| date)
            .collect();
        assert_eq!(computed, published);
    }

    #[test]
    fn england_and_wales_names_of_special_days() {
        let name = |iso| is_holiday(d(iso), EnglandAndWales).unwrap();
        assert_eq!(name("2020-05-08"), Some("Early May bank holiday (VE day)"));
        assert_eq!(name("2020-05-04"), None);
        assert_eq!(name("2022-05-30"), None);
        assert_eq!(
            name("2023-05-08"),
            Some("Bank holiday for the coronation of King Charles III")
        );
        assert_eq!(name("2021-12-27"), Some("Christmas Day (substitute day)"));
        assert_eq!(name("2021-12-28"), Some("Boxing Day (substitute day)"));
        assert_eq!(name("2021-12-25"), None);
        assert_eq!(name("2023-01-02"), Some("New Year's Day (substitute day)"));
    }

    // --- United States federal -------------------------------------------

    #[test]
    fn united_states_2021_includes_new_year_2022_observed() {
        let expected = expect(&[
            ("2021-01-01", "New Year's Day"),
            ("2021-01-18", "Birthday of Martin Luther King, Jr."),
            ("2021-02-15", "Washington's Birthday"),
            ("2021-05-31", "Memorial Day"),
            (
                "2021-06-18",
                "Juneteenth National Independence Day (observed)",
            ),
            ("2021-07-05", "Independence Day (observed)"),
            ("2021-09-06", "Labor Day"),
            ("2021-10-11", "Columbus Day"),
            ("2021-11-11", "Veterans Day"),
            ("2021-11-25", "Thanksgiving Day"),
            ("2021-12-24", "Christmas Day (observed)"),
            ("2021-12-31", "New Year's Day (observed)"),
        ]);
        assert_eq!(list(2021, UnitedStatesFederal), expected);
    }

    #[test]
    fn united_states_2022() {
        // OPM prints 2021-12-31 at the top of its 2022 table; here it is in 2021's list.
        let expected = expect(&[
            ("2022-01-17", "Birthday of Martin Luther King, Jr."),
            ("2022-02-21", "Washington's Birthday"),
            ("2022-05-30", "Memorial Day"),
            (
                "2022-06-20",
                "Juneteenth National Independence Day (observed)",
            ),
            ("2022-07-04", "Independence Day"),
            ("2022-09-05", "Labor Day"),
            ("2022-10-10", "Columbus Day"),
            ("2022-11-11", "Veterans Day"),
            ("2022-11-24", "Thanksgiving Day"),
            ("2022-12-26", "Christmas Day (observed)"),
        ]);
        assert_eq!(list(2022, UnitedStatesFederal), expected);
    }

    #[test]
    fn united_states_2023() {
        let dates: Vec<Date> = list(2023, UnitedStatesFederal)
            .into_iter()
            .map(|(date, _)| date)
            .collect();
        let expected: Vec<Date> = [
            "2023-01-02",
            "2023-01-16",
            "2023-02-20",
            "2023-05-29",
            "2023-06-19",
            "2023-07-04",
            "2023-09-04",
            "2023-10-09",
            "2023-11-10",
            "2023-11-23",
            "2023-12-25",
        ]
        .iter()
        .map(|iso| d(iso))
        .collect();
        assert_eq!(dates, expected);
    }

    #[test]
    fn united_states_2025() {
        // Inauguration Day (Monday 20 January, DC area only) is deliberately absent.
        let expected = expect(&[
            ("2025-01-01", "New Year's Day"),
            ("2025-01-20", "Birthday of Martin Luther King, Jr."),
            ("2025-02-17", "Washington's Birthday"),
            ("2025-05-26", "Memorial Day"),
            ("2025-06-19", "Juneteenth National Independence Day"),
            ("2025-07-04", "Independence Day"),
            ("2025-09-01", "Labor Day"),
            ("2025-10-13", "Columbus Day"),
            ("2025-11-11", "Veterans Day"),
            ("2025-11-27", "Thanksgiving Day"),
            ("2025-12-25", "Christmas Day"),
        ]);
        assert_eq!(list(2025, UnitedStatesFederal), expected);
    }

    #[test]
    fn united_states_2026() {
        let expected = expect(&[
            ("2026-01-01", "New Year's Day"),
            ("2026-01-19", "Birthday of Martin Luther King, Jr."),
            ("2026-02-16", "Washington's Birthday"),
            ("2026-05-25", "Memorial Day"),
            ("2026-06-19", "Juneteenth National Independence Day"),
            ("2026-07-03", "Independence Day (observed)"),
            ("2026-09-07", "Labor Day"),
            ("2026-10-12", "Columbus Day"),
            ("2026-11-11", "Veterans Day"),
            ("2026-11-26", "Thanksgiving Day"),
            ("2026-12-25", "Christmas Day"),
        ]);
        assert_eq!(list(2026, UnitedStatesFederal), expected);
    }

    #[test]
    fn united_states_2020_has_no_juneteenth() {
        let names: Vec<&str> = list(2020, UnitedStatesFederal)
            .into_iter()
            .map(|(_, name)| name)
            .collect();
        assert_eq!(names.len(), 10);
        assert!(!names.iter().any(|name| name.starts_with("Juneteenth")));
    }

    #[test]
    fn united_states_new_year_on_saturday_at_year_boundaries() {
        let us = UnitedStatesFederal;
        assert_eq!(
            is_holiday(d("2021-12-31"), us),
            Ok(Some("New Year's Day (observed)"))
        );
        assert_eq!(is_holiday(d("2022-01-01"), us), Ok(None));
        assert_eq!(is_working_day(d("2022-01-03"), us), Ok(true));
        // Later years where 1 January is a Saturday.
        for iso in ["2027-12-31", "2032-12-31", "2038-12-31"] {
            assert_eq!(
                is_holiday(d(iso), us),
                Ok(Some("New Year's Day (observed)")),
                "{iso}"
            );
        }
        // 2040's list looks at 1 January 2041 (a Tuesday) without failing.
        assert_eq!(list(2040, us).last().map(|h| h.0), Some(d("2040-12-25")));
    }

    // --- Range -------------------------------------------------------------

    #[test]
    fn out_of_range_is_an_error() {
        for cal in [EnglandAndWales, UnitedStatesFederal] {
            assert_eq!(holidays(2019, cal), Err(OutOfRange { year: 2019 }));
            assert_eq!(holidays(2041, cal), Err(OutOfRange { year: 2041 }));
            assert_eq!(holidays(i32::MIN, cal), Err(OutOfRange { year: i32::MIN }));
            assert_eq!(
                is_holiday(d("2019-12-25"), cal),
                Err(OutOfRange { year: 2019 })
            );
            // Even a weekend is an error outside the range.
            assert_eq!(
                is_working_day(d("2041-01-05"), cal),
                Err(OutOfRange { year: 2041 })
            );
            assert_eq!(
                add_working_days(d("2040-12-28"), 3, cal),
                Err(OutOfRange { year: 2041 })
            );
            assert_eq!(
                add_working_days(Date::MAX, 1, cal),
                Err(OutOfRange { year: 9999 })
            );
            assert!(add_working_days(d("2040-12-28"), 0, cal).is_ok());
            assert!(add_working_days(d("2020-01-01"), 1, cal).is_ok());
        }
        assert_eq!(
            OutOfRange { year: 2041 }.to_string(),
            "no holiday calendar for 2041: only 2020 to 2040 are covered"
        );
    }

    #[test]
    fn labels_and_json_names() {
        assert_eq!(EnglandAndWales.label(), "England and Wales");
        assert_eq!(UnitedStatesFederal.label(), "United States (federal)");
        assert_eq!(
            serde_json::to_string(&UnitedStatesFederal).unwrap(),
            "\"united_states_federal\""
        );
        assert_eq!(
            serde_json::from_str::<HolidayCalendar>("\"england_and_wales\"").unwrap(),
            EnglandAndWales
        );
    }

    // --- Adding working days ----------------------------------------------

    #[test]
    fn three_working_days_england_and_wales() {
        let cases = [
            // Wed 23 Dec 2026: Thu 24 (1); Fri 25 Christmas; weekend; Mon 28
            // Boxing Day substitute; Tue 29 (2); Wed 30 (3).
            ("2026-12-23", "2026-12-30"),
            // From Christmas Day itself: Mon 28 holiday; 29, 30, 31.
            ("2026-12-25", "2026-12-31"),
            // Thu 24 Dec 2020: Fri 25 and Mon 28 (Boxing Day substitute) off; 29, 30, 31.
            ("2020-12-24", "2020-12-31"),
            // Year end: Thu 31 Dec 2020; Fri 1 Jan holiday; Mon 4, Tue 5, Wed 6.
            ("2020-12-31", "2021-01-06"),
            // Year end with substitutes: Wed 29 Dec 2027: Thu 30 (1), Fri 31 (2),
            // Mon 3 Jan 2028 New Year substitute, Tue 4 (3).
            ("2027-12-29", "2028-01-04"),
            // Easter: Thu 2 Apr 2026; Good Friday 3, Easter Monday 6; 7, 8, 9.
            ("2026-04-02", "2026-04-09"),
            // From Good Friday itself.
            ("2026-04-03", "2026-04-09"),
            // From a Saturday (Easter Saturday): Mon 6 off; 7, 8, 9.
            ("2026-04-04", "2026-04-09"),
            // From a Friday before a bank holiday Monday (Spring, 25 May 2026).
            ("2026-05-22", "2026-05-28"),
            // From an ordinary Friday and Saturday.
            ("2026-06-05", "2026-06-10"),
            ("2026-06-06", "2026-06-10"),
            // 2022: 30 May was not a holiday (moved to 2 June), 2 and 3 June were.
            ("2022-05-28", "2022-06-01"),
            ("2022-06-01", "2022-06-08"),
            // State funeral, Mon 19 Sep 2022: from the Friday before and from the day.
            ("2022-09-16", "2022-09-22"),
            ("2022-09-19", "2022-09-22"),
            // 2020: VE day Friday 8 May was off, Monday 4 May was not.
            ("2020-05-07", "2020-05-13"),
            ("2020-05-01", "2020-05-06"),
        ];
        for (start, ready) in cases {
            assert_eq!(
                add_working_days(d(start), 3, EnglandAndWales),
                Ok(d(ready)),
                "from {start}"
            );
        }
    }

    #[test]
    fn three_working_days_united_states() {
        let cases = [
            // Thanksgiving: Wed 25 Nov 2026; Thu 26 off; Fri 27 (1), Mon 30 (2), Tue 1 Dec (3).
            ("2026-11-25", "2026-12-01"),
            // Thu 30 Dec 2021: Fri 31 is New Year's Day (observed); Mon 3, Tue 4, Wed 5.
            ("2021-12-30", "2022-01-05"),
            // From 2021-12-31 itself.
            ("2021-12-31", "2022-01-05"),
            // Wed 22 Dec 2021: Thu 23 (1); Fri 24 Christmas (observed); Mon 27 (2), Tue 28 (3).
            ("2021-12-22", "2021-12-28"),
            // Wed 23 Dec 2026: Thu 24 (1); Fri 25 off; Mon 28 (2), Tue 29 (3).
            ("2026-12-23", "2026-12-29"),
            // Fri 23 Dec 2022: Mon 26 Christmas (observed); 27, 28, 29.
            ("2022-12-23", "2022-12-29"),
            // Fri 30 Dec 2022: Mon 2 Jan 2023 New Year's Day (observed); 3, 4, 5.
            ("2022-12-30", "2023-01-05"),
            // Thu 2 Jul 2026: Fri 3 Independence Day (observed); Mon 6, Tue 7, Wed 8.
            ("2026-07-02", "2026-07-08"),
            // From a Saturday: Sat 4 Jul 2026 (the holiday's own date): 6, 7, 8.
            ("2026-07-04", "2026-07-08"),
            // Easter is not a federal holiday: Thu 2 Apr 2026 → 3, 6, 7.
            ("2026-04-02", "2026-04-07"),
        ];
        for (start, ready) in cases {
            assert_eq!(
                add_working_days(d(start), 3, UnitedStatesFederal),
                Ok(d(ready)),
                "from {start}"
            );
        }
    }

    #[test]
    fn zero_working_days_is_the_start_even_on_a_holiday() {
        let christmas = d("2026-12-25");
        assert_eq!(
            add_working_days(christmas, 0, EnglandAndWales),
            Ok(christmas)
        );
        let sunday = d("2026-12-27");
        assert_eq!(add_working_days(sunday, 0, UnitedStatesFederal), Ok(sunday));
    }

    // --- Local date --------------------------------------------------------

    #[test]
    fn local_dates() {
        assert_eq!(local_date(0, 0), Some(d("1970-01-01")));
        assert_eq!(local_date(-1, 0), Some(d("1969-12-31")));
        // 2026-12-24T23:30:00Z is already Christmas Day at +01:00, still Christmas Eve at -05:00.
        let ts = 1_798_155_000;
        assert_eq!(local_date(ts, 0), Some(d("2026-12-24")));
        assert_eq!(local_date(ts, 3600), Some(d("2026-12-25")));
        assert_eq!(local_date(ts, -5 * 3600), Some(d("2026-12-24")));
        assert_eq!(local_date(ts, 26 * 3600), None);
        assert_eq!(local_date(i64::MAX, 0), None);
        assert_eq!(local_date(i64::MIN, i32::MIN), None);
    }

    // --- Properties --------------------------------------------------------

    /// Julian days of 2020-01-01 and 2040-12-31.
    fn covered_julian_days() -> std::ops::RangeInclusive<i32> {
        d("2020-01-01").to_julian_day()..=d("2040-12-31").to_julian_day()
    }

    /// Starts late enough in 2040 may run out of calendar; these never do for n < 30.
    fn safe_start() -> impl Strategy<Value = Date> {
        let end = d("2040-11-01").to_julian_day();
        (d("2020-01-01").to_julian_day()..=end)
            .prop_map(|julian| Date::from_julian_day(julian).unwrap())
    }

    fn any_date() -> impl Strategy<Value = Date> {
        (Date::MIN.to_julian_day()..=Date::MAX.to_julian_day())
            .prop_map(|julian| Date::from_julian_day(julian).unwrap())
    }

    fn any_calendar() -> impl Strategy<Value = HolidayCalendar> {
        prop_oneof![Just(EnglandAndWales), Just(UnitedStatesFederal)]
    }

    #[test]
    fn every_year_lists_sorted_distinct_weekdays_of_that_year() {
        for cal in [EnglandAndWales, UnitedStatesFederal] {
            for year in FIRST_YEAR..=LAST_YEAR {
                let list = list(year, cal);
                assert!(list.len() >= 8, "{year} {cal:?}");
                assert!(list.windows(2).all(|w| w[0].0 < w[1].0), "{year} {cal:?}");
                for (date, name) in list {
                    assert_eq!(date.year(), year, "{name}");
                    assert!(!is_weekend(date), "{date} {name}");
                    assert_eq!(is_holiday(date, cal), Ok(Some(name)));
                }
            }
        }
    }

    proptest! {
        #[test]
        fn result_is_a_working_day_with_exactly_n_working_days_before_it(
            start in safe_start(),
            n in 0u32..30,
            cal in any_calendar(),
        ) {
            let ready = add_working_days(start, n, cal).unwrap();
            prop_assert!(ready >= start);
            if n == 0 {
                prop_assert_eq!(ready, start);
            } else {
                prop_assert!(!is_weekend(ready));
                prop_assert_eq!(is_holiday(ready, cal), Ok(None));
            }
            let mut count = 0;
            let mut day = start;
            while day < ready {
                day = day.next_day().unwrap();
                if is_working_day(day, cal).unwrap() {
                    count += 1;
                }
            }
            prop_assert_eq!(count, n);
        }

        #[test]
        fn monotonic_in_start(
            a in safe_start(),
            gap in 0i32..40,
            n in 0u32..30,
            cal in any_calendar(),
        ) {
            let b = Date::from_julian_day(a.to_julian_day() + gap).unwrap();
            prop_assume!(b <= d("2040-11-01"));
            let (ready_a, ready_b) = (add_working_days(a, n, cal), add_working_days(b, n, cal));
            prop_assert!(ready_a.unwrap() <= ready_b.unwrap());
        }

        #[test]
        fn strictly_increasing_in_n(start in safe_start(), n in 0u32..30, cal in any_calendar()) {
            let ready = add_working_days(start, n, cal).unwrap();
            prop_assert!(ready < add_working_days(start, n + 1, cal).unwrap());
        }

        #[test]
        fn any_date_gives_an_answer_or_an_error_never_a_panic(
            start in any_date(),
            n in any::<u32>(),
            cal in any_calendar(),
        ) {
            let result = add_working_days(start, n, cal);
            if !covered_julian_days().contains(&start.to_julian_day()) {
                prop_assert_eq!(result, Err(OutOfRange { year: start.year() }));
            }
            if let Ok(ready) = result {
                prop_assert!(ready.year() <= LAST_YEAR);
            }
            let _ = is_working_day(start, cal);
            let _ = holidays(start.year(), cal);
        }

        #[test]
        fn late_starts_fail_only_by_running_past_the_last_year(
            julian in covered_julian_days(),
            n in 0u32..30,
            cal in any_calendar(),
        ) {
            let start = Date::from_julian_day(julian).unwrap();
            match add_working_days(start, n, cal) {
                Ok(ready) => prop_assert!(ready.year() <= LAST_YEAR),
                Err(error) => {
                    prop_assert_eq!(error, OutOfRange { year: LAST_YEAR + 1 });
                    prop_assert!(start > d("2040-11-01"));
                }
            }
        }

        #[test]
        fn local_date_never_panics(secs in any::<i64>(), offset in any::<i32>()) {
            let _ = local_date(secs, offset);
        }

        #[test]
        fn local_date_agrees_with_day_arithmetic(
            secs in -10_000_000_000i64..10_000_000_000,
            offset in -93_599i32..=93_599,
        ) {
            let days = (secs + i64::from(offset)).div_euclid(86_400);
            let expected = Date::from_julian_day(2_440_588 + i32::try_from(days).unwrap()).unwrap();
            prop_assert_eq!(local_date(secs, offset), Some(expected));
        }

        #[test]
        fn easter_is_a_sunday_between_22_march_and_25_april(year in -9999i32..=9999) {
            let easter = easter_sunday(year).unwrap();
            prop_assert_eq!(easter.weekday(), Weekday::Sunday);
            let earliest = Date::from_calendar_date(year, Month::March, 22).unwrap();
            let latest = Date::from_calendar_date(year, Month::April, 25).unwrap();
            prop_assert!(earliest <= easter && easter <= latest);
        }
    }
}
