//! Periods in months, counted as the Civil Code counts them (民法 第138条〜第143条).
//!
//! A warranty of "3 months after delivery" is not "the same day three months
//! later":
//! - the day of the event is not counted (初日不算入, Art. 140): the period
//!   starts the day after delivery;
//! - a period in months follows the calendar (Art. 143(1)) and ends at the end
//!   of the day before the day of the last month that corresponds to the
//!   start day (Art. 143(2));
//! - when the last month has no such day, it ends on that month's last day;
//! - so a period that starts on the 1st ends on the last day of a month.
//!
//! chrono's `checked_add_months` clamps to the month end from the event day,
//! which gets exactly the month ends wrong (2025-02-28 + 1 month would end on
//! 2025-03-28; the Civil Code says 2025-03-31). Hence this module.

use chrono::{Datelike, NaiveDate};
use serde::Serialize;

use crate::date::CALENDAR_END;

/// A period of whole days, both ends included.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Period {
    /// The first day counted: the day after the event.
    pub start: NaiveDate,
    /// The last day counted, inclusive.
    pub end: NaiveDate,
}

impl Period {
    pub fn contains(&self, day: NaiveDate) -> bool {
        self.start <= day && day <= self.end
    }
}

/// The period of `months` months after `event` (the event day not counted).
///
/// `None` when the period would end past 9999-12-31, the calendar's end.
///
/// ```
/// use hoshu::{date::parse_date, period::months_after};
/// let p = months_after(parse_date("2025-02-28")?, 1).unwrap();
/// assert_eq!((p.start, p.end), (parse_date("2025-03-01")?, parse_date("2025-03-31")?));
/// # Ok::<(), hoshu::date::DateError>(())
/// ```
pub fn months_after(event: NaiveDate, months: u32) -> Option<Period> {
    let start = event.succ_opt().filter(|d| *d <= CALENDAR_END)?;
    // The month of the corresponding day, counted in months since year 0.
    let index = i64::from(start.year()) * 12 + i64::from(start.month0()) + i64::from(months);
    let (year, month) = (i32::try_from(index / 12).ok()?, (index % 12) as u32 + 1);
    let end = match NaiveDate::from_ymd_opt(year, month, start.day()) {
        // Art. 143(2): the day before the corresponding day.
        Some(corresponding) => corresponding.pred_opt()?,
        // Art. 143(2) proviso: no corresponding day, so the month's last day.
        None => last_day_of_month(year, month)?,
    };
    (end <= CALENDAR_END).then_some(Period { start, end })
}

fn last_day_of_month(year: i32, month: u32) -> Option<NaiveDate> {
    let (next_year, next_month) = if month == 12 {
        (year + 1, 1)
    } else {
        (year, month + 1)
    };
    NaiveDate::from_ymd_opt(next_year, next_month, 1)?.pred_opt()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::date::parse_date;

    fn d(text: &str) -> NaiveDate {
        parse_date(text).unwrap()
    }

    /// (event, months, last day of the period). Each row was worked by hand
    /// from Arts. 140 and 143; the comment says which case it is.
    const CASES: &[(&str, u32, &str)] = &[
        ("2024-01-10", 3, "2024-04-10"),  // DOMAIN.md's worked example
        ("2025-02-28", 1, "2025-03-31"),  // starts on the 1st: whole months
        ("2024-01-31", 1, "2024-02-29"),  // starts Feb 1 -> ends Feb 29 (leap)
        ("2023-01-31", 1, "2023-02-28"),  // starts Feb 1 -> ends Feb 28 (common)
        ("2024-01-30", 1, "2024-02-29"),  // starts Jan 31, no Feb 31 -> Feb's last day
        ("2023-01-30", 1, "2023-02-28"),  // same in a common year
        ("2024-01-29", 1, "2024-02-29"),  // starts Jan 30, no Feb 30 -> Feb 29
        ("2024-01-28", 1, "2024-02-28"),  // starts Jan 29, Feb 29 exists -> Feb 28
        ("2023-01-28", 1, "2023-02-28"),  // starts Jan 29, no Feb 29 in 2023 -> Feb 28
        ("2024-02-28", 1, "2024-03-28"),  // starts Feb 29 -> day before Mar 29
        ("2024-02-29", 1, "2024-03-31"),  // starts Mar 1 -> end of March
        ("2023-02-28", 1, "2023-03-31"),  // starts Mar 1 -> end of March
        ("2024-02-29", 12, "2025-02-28"), // starts Mar 1 2024 -> end of Feb 2025
        ("2023-02-28", 12, "2024-02-29"), // starts Mar 1 2023 -> end of Feb 2024 (leap)
        ("2024-03-31", 1, "2024-04-30"),  // starts Apr 1 -> end of April
        ("2024-03-30", 1, "2024-04-30"),  // starts Mar 31, no Apr 31 -> Apr 30
        ("2024-03-29", 1, "2024-04-29"),  // starts Mar 30 -> day before Apr 30
        ("2024-05-31", 3, "2024-08-31"),  // starts Jun 1 -> end of August
        ("2024-08-30", 6, "2025-02-28"),  // starts Aug 31, no Feb 31 -> Feb 28
        ("2023-08-30", 6, "2024-02-29"),  // starts Aug 31, no Feb 31 -> Feb 29 (leap)
        ("2024-11-30", 3, "2025-02-28"),  // starts Dec 1 -> end of February
        ("2024-12-31", 1, "2025-01-31"),  // starts Jan 1 over the year end
        ("2024-12-31", 12, "2025-12-31"), // a calendar year
        ("2024-12-30", 1, "2025-01-30"),  // starts Dec 31 -> day before Jan 31
        ("2024-12-15", 1, "2025-01-15"),  // over the year end
        ("2024-11-15", 3, "2025-02-15"),  // over the year end
        ("2024-01-10", 6, "2024-07-10"),
        ("2024-01-10", 12, "2025-01-10"),
        ("2024-01-10", 24, "2026-01-10"),
        ("2024-07-31", 24, "2026-07-31"), // starts Aug 1 -> end of July
        ("2023-12-31", 2, "2024-02-29"),  // starts Jan 1 -> end of Feb (leap)
        ("2022-12-31", 2, "2023-02-28"),  // starts Jan 1 -> end of Feb (common)
        ("2024-04-30", 1, "2024-05-31"),  // starts May 1 -> end of May
        ("2024-06-15", 4, "2024-10-15"),
        ("2027-09-30", 5, "2028-02-29"), // starts Oct 1 -> end of Feb 2028 (leap)
        ("2099-12-31", 2, "2100-02-28"), // 2100 is not a leap year
        ("2399-12-31", 2, "2400-02-29"), // 2400 is
        ("9999-06-30", 6, "9999-12-31"), // the calendar's last day
    ];

    #[test]
    fn civil_code_period_table() {
        for &(event, months, end) in CASES {
            let period = months_after(d(event), months).unwrap();
            assert_eq!(period.end, d(end), "{event} + {months} months");
            assert_eq!(
                period.start,
                d(event).succ_opt().unwrap(),
                "{event}: Art. 140"
            );
        }
    }

    #[test]
    fn differs_from_naive_month_arithmetic_at_month_ends() {
        let event = d("2025-02-28");
        let naive = event.checked_add_months(chrono::Months::new(1)).unwrap();
        assert_eq!(naive, d("2025-03-28"));
        assert_eq!(months_after(event, 1).unwrap().end, d("2025-03-31"));
    }

    #[test]
    fn past_the_calendar_end_is_none() {
        assert_eq!(months_after(d("9999-12-20"), 1), None);
        assert_eq!(months_after(d("9999-12-31"), 1), None);
        assert_eq!(months_after(d("9000-01-01"), u32::MAX), None);
    }

    #[test]
    fn contains_both_ends() {
        let p = months_after(d("2024-01-10"), 3).unwrap();
        assert!(!p.contains(d("2024-01-10")));
        assert!(p.contains(d("2024-01-11")));
        assert!(p.contains(d("2024-04-10")));
        assert!(!p.contains(d("2024-04-11")));
    }
}
