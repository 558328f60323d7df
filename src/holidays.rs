//! Days without business in Japan, for Civil Code Art. 142: a period whose
//! last day is a Sunday, a national holiday or a customary day off ends on
//! the next day that is none of those.
//!
//! The holidays follow 国民の祝日に関する法律 as it stood in each year since
//! it came into force on 1948-07-20: every day with the years its rule held
//! (成人の日 and 体育の日 on fixed days to 1999, 海の日 from 1996, 敬老の日 on
//! Sep 15 to 2002, 建国記念の日 from 1967, the three Emperors' birthdays,
//! みどりの日 and 昭和の日, 山の日 from 2016), the special days of their own
//! laws (1959-04-10, 1989-02-24, 1990-11-12, 1993-06-09, 2019-05-01,
//! 2019-10-22), the Olympic moves of 2020 and 2021, substitute holidays
//! (振替休日, from 1973-04-12: the day after before 2007, the next
//! non-holiday since) and 国民の休日 (from 1985-12-27: a weekday between two
//! holidays). The equinoxes follow the usual approximation of the
//! National Astronomical Observatory's ephemeris; they are announced each
//! February for the next year, so a year after [`LAST_ANNOUNCED_YEAR`] is a
//! forecast. No holiday is computed before 1948-07-20 or after 2099.
//! The customary days off are Dec 29 to Jan 3.
//! Tested day by day against independent tables, 1949–2050.

use chrono::{Datelike, NaiveDate, Weekday};

const fn date(y: i32, m: u32, d: u32) -> NaiveDate {
    match NaiveDate::from_ymd_opt(y, m, d) {
        Some(day) => day,
        None => panic!("a calendar day"),
    }
}

/// The day the 祝日法 came into force: no national holiday before it.
pub const LAW_IN_FORCE: NaiveDate = date(1948, 7, 20);

/// 振替休日 exist from this day (the 1973 amendment).
const SUBSTITUTES_FROM: NaiveDate = date(1973, 4, 12);

/// 国民の休日 exist from this day (the 1985 amendment).
const IN_BETWEEN_FROM: NaiveDate = date(1985, 12, 27);

/// The last year whose equinox days the National Astronomical Observatory
/// has announced (each February for the next year): the holidays of a
/// later year are a forecast.
pub const LAST_ANNOUNCED_YEAR: i32 = 2027;

/// The last day the equinox formula holds for: no holiday is computed past
/// it.
pub const CALENDAR_LAST: NaiveDate = date(2099, 12, 31);

/// A firm's own day off: one date, or a day every year (a summer
/// closure, the firm's founding day).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ClosedDay {
    Date(NaiveDate),
    Yearly { month: u32, day: u32 },
}

impl ClosedDay {
    /// `YYYY-MM-DD` for one date, `MM-DD` for every year; `None` for
    /// anything else (a day no year has, too).
    pub fn parse(text: &str) -> Option<ClosedDay> {
        if let Ok(date) = crate::date::parse_date(text) {
            return Some(ClosedDay::Date(date));
        }
        let b = text.as_bytes();
        let two = |i: usize| -> Option<u32> {
            let (a, c) = (*b.get(i)?, *b.get(i + 1)?);
            (a.is_ascii_digit() && c.is_ascii_digit())
                .then(|| u32::from(a - b'0') * 10 + u32::from(c - b'0'))
        };
        if b.len() != 5 || b[2] != b'-' {
            return None;
        }
        let (month, day) = (two(0)?, two(3)?);
        // A day that some year has (Feb 29 in a leap year).
        NaiveDate::from_ymd_opt(2000, month, day)?;
        Some(ClosedDay::Yearly { month, day })
    }

    fn is(self, date: NaiveDate) -> bool {
        match self {
            ClosedDay::Date(d) => d == date,
            ClosedDay::Yearly { month, day } => date.month() == month && date.day() == day,
        }
    }
}

impl std::fmt::Display for ClosedDay {
    /// As it is written: `2026-08-13`, or `08-13` for every year.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            ClosedDay::Date(d) => write!(f, "{d}"),
            ClosedDay::Yearly { month, day } => write!(f, "{month:02}-{day:02}"),
        }
    }
}

impl serde::Serialize for ClosedDay {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> serde::Deserialize<'de> for ClosedDay {
    /// A string, `YYYY-MM-DD` or `MM-DD`; a refusal says what is allowed
    /// through the readers' tag, at the value's own place.
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<ClosedDay, D::Error> {
        use crate::toml_read::tag;
        use crate::vocab::Expected;
        let text = String::deserialize(d).map_err(|_| {
            serde::de::Error::custom(format!(
                "invalid type, expected {}",
                tag::expected(Expected::ClosedDay)
            ))
        })?;
        ClosedDay::parse(&text).ok_or_else(|| {
            serde::de::Error::invalid_value(
                serde::de::Unexpected::Str(&text),
                &tag::expected(Expected::ClosedDay).as_str(),
            )
        })
    }
}

/// Which days a period may not end on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct RestDays<'a> {
    /// Saturdays too (`--rest-days saturday`), where the contract's custom
    /// says so.
    pub saturday: bool,
    /// The firm's own days off (`[calendar] closed`, `--closed-days`).
    pub closed: &'a [ClosedDay],
}

impl RestDays<'_> {
    /// Whether `day` is a day without business.
    pub fn is_rest(self, day: NaiveDate) -> bool {
        let weekday = day.weekday();
        weekday == Weekday::Sun
            || self.saturday && weekday == Weekday::Sat
            || is_new_year_break(day)
            || is_holiday(day)
            || self.closed.iter().any(|c| c.is(day))
    }

    /// `end`, or the first day after it that is not a day off (Art. 142);
    /// `Err` with the day that falls outside the calendar hoshu knows
    /// (before [`LAW_IN_FORCE`], after [`CALENDAR_LAST`]).
    pub fn roll(self, end: NaiveDate) -> Result<NaiveDate, NaiveDate> {
        let mut day = end;
        loop {
            if !(LAW_IN_FORCE..=CALENDAR_LAST).contains(&day) {
                return Err(day);
            }
            if !self.is_rest(day) {
                return Ok(day);
            }
            day = day.succ_opt().ok_or(day)?;
        }
    }
}

/// Whether `day`'s holidays are a forecast: its year's equinoxes are not
/// announced yet.
pub fn is_forecast(day: NaiveDate) -> bool {
    day.year() > LAST_ANNOUNCED_YEAR
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

/// The equinox days (春分の日 `spring`, 秋分の日 otherwise) by the usual
/// approximation of the National Astronomical Observatory's ephemeris, in
/// integer millionths of a day: one constant for 1900–1979, another for
/// 1980–2099, the range [`is_holiday`] knows.
fn equinox(year: i32, spring: bool) -> u32 {
    let y = i64::from(year);
    let (base, leap_from) = match (year < 1980, spring) {
        (true, true) => (20_835_700, 1983),
        (true, false) => (23_258_800, 1983),
        (false, true) => (20_843_100, 1980),
        (false, false) => (23_248_800, 1980),
    };
    // Leap days counted as the formula has it: truncated toward zero.
    let leaps = (y - leap_from) / 4;
    ((base + 242_194 * (y - 1980) - leaps * 1_000_000).div_euclid(1_000_000)) as u32
}

/// A 国民の祝日 itself (not a substitute or in-between day), as the law
/// stood in `day`'s year: the days with the years each rule held.
fn is_national_holiday(day: NaiveDate) -> bool {
    if day < LAW_IN_FORCE {
        return false;
    }
    let (y, m, d) = (day.year(), day.month(), day.day());
    let monday = |month, n| nth(y, month, Weekday::Mon, n) == Some(day);
    match m {
        // 元日; 成人の日 Jan 15, the 2nd Monday from 2000.
        1 => d == 1 || if y <= 1999 { d == 15 } else { monday(1, 2) },
        // 建国記念の日 from 1967; 天皇誕生日 Feb 23 from 2020; the funeral of
        // the Shōwa Emperor, 1989-02-24.
        2 => (y >= 1967 && d == 11) || (y >= 2020 && d == 23) || (y == 1989 && d == 24),
        3 => d == equinox(y, true),
        // 天皇誕生日 to 1988, みどりの日 1989–2006, 昭和の日 since: Apr 29;
        // the Crown Prince's wedding, 1959-04-10.
        4 => d == 29 || (y == 1959 && d == 10),
        // 憲法記念日, こどもの日; May 4 a holiday of its own from 2007; the
        // enthronement, 2019-05-01.
        5 => matches!(d, 3 | 5) || (y >= 2007 && d == 4) || (y == 2019 && d == 1),
        // The Crown Prince's wedding, 1993-06-09.
        6 => y == 1993 && d == 9,
        // 海の日 from 1996: Jul 20, the 3rd Monday from 2003; the Olympic
        // moves of 2020 and 2021 (スポーツの日 with it).
        7 => match y {
            2020 => matches!(d, 23 | 24),
            2021 => matches!(d, 22 | 23),
            1996..=2002 => d == 20,
            _ => y >= 2003 && monday(7, 3),
        },
        // 山の日 from 2016.
        8 => match y {
            2020 => d == 10,
            2021 => d == 8,
            _ => y >= 2016 && d == 11,
        },
        // 秋分の日; 敬老の日 from 1966: Sep 15, the 3rd Monday from 2003.
        9 => {
            d == equinox(y, false)
                || match y {
                    1966..=2002 => d == 15,
                    _ => y >= 2003 && monday(9, 3),
                }
        }
        // 体育の日 from 1966: Oct 10, the 2nd Monday from 2000; スポーツの日
        // from 2020 (in July in 2020 and 2021); the enthronement
        // ceremony, 2019-10-22.
        10 => match y {
            1966..=1999 => d == 10,
            2020 | 2021 => false,
            _ => (y >= 2000 && monday(10, 2)) || (y == 2019 && d == 22),
        },
        // 文化の日, 勤労感謝の日; the enthronement ceremony, 1990-11-12.
        11 => matches!(d, 3 | 23) || (y == 1990 && d == 12),
        // 天皇誕生日 1989–2018.
        12 => (1989..=2018).contains(&y) && d == 23,
        _ => false,
    }
}

/// 振替休日, from 1973-04-12: a holiday on a Sunday moves to the next day
/// (before 2007) or to the next day that is not itself a holiday (since
/// 2007).
fn is_substitute(day: NaiveDate) -> bool {
    if day < SUBSTITUTES_FROM || is_national_holiday(day) || day.weekday() == Weekday::Sun {
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

/// 国民の休日, from 1985-12-27: a day, not a Sunday nor a holiday, between
/// two holidays.
fn is_sandwiched(day: NaiveDate) -> bool {
    day >= IN_BETWEEN_FROM
        && day.weekday() != Weekday::Sun
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
        assert_eq!(rest.roll(d("2026-03-15")), Ok(d("2026-03-16")));
        // Coming-of-Age Day, Monday 2026-01-12 → Tuesday.
        assert_eq!(rest.roll(d("2026-01-12")), Ok(d("2026-01-13")));
        // Dec 31 → past the New Year break and Sunday Jan 4, 2026 → Jan 5.
        assert_eq!(rest.roll(d("2025-12-31")), Ok(d("2026-01-05")));
        // Golden Week 2026: Sun May 3 … substitute Wed May 6 → Thu May 7.
        assert_eq!(rest.roll(d("2026-05-03")), Ok(d("2026-05-07")));
        // A Saturday stays unless Saturdays are days off too.
        assert_eq!(rest.roll(d("2026-03-14")), Ok(d("2026-03-14")));
        assert_eq!(
            RestDays {
                saturday: true,
                ..RestDays::default()
            }
            .roll(d("2026-03-14")),
            Ok(d("2026-03-16"))
        );
        // A working day stays.
        assert_eq!(rest.roll(d("2026-03-17")), Ok(d("2026-03-17")));
        // Outside the calendar hoshu knows: no quiet answer.
        assert_eq!(rest.roll(d("1948-07-19")), Err(d("1948-07-19")));
        assert_eq!(rest.roll(d("2100-01-01")), Err(d("2100-01-01")));
        // 2099-12-31 is in the New Year break: it would roll
        // past the calendar.
        assert_eq!(rest.roll(d("2099-12-31")), Err(d("2100-01-01")));
        assert!(is_forecast(d("2028-01-01")) && !is_forecast(d("2027-12-31")));
    }

    #[test]
    fn a_firms_own_days_off_roll_an_end_too() {
        let closed = [
            ClosedDay::parse("08-13").unwrap(),
            ClosedDay::parse("08-14").unwrap(),
            ClosedDay::parse("2026-06-01").unwrap(),
        ];
        let rest = RestDays {
            saturday: false,
            closed: &closed,
        };
        // Thu Aug 13 2026 (summer closure) → Fri 14 closed too → Sat 15
        // (Saturdays are not days off here).
        assert_eq!(rest.roll(d("2026-08-13")), Ok(d("2026-08-15")));
        // Every year: Tue Aug 13 2030 → Thu Aug 15.
        assert_eq!(rest.roll(d("2030-08-13")), Ok(d("2030-08-15")));
        // One date only: Mon 2026-06-01 → Tue; a year later it stays.
        assert_eq!(rest.roll(d("2026-06-01")), Ok(d("2026-06-02")));
        assert_eq!(rest.roll(d("2027-06-01")), Ok(d("2027-06-01")));
        for bad in ["13-01", "02-30", "8-13", "2026-02-30", "monday", ""] {
            assert_eq!(ClosedDay::parse(bad), None, "{bad}");
        }
        assert!(ClosedDay::parse("02-29").is_some());
    }
}
