//! hoshu's holidays against independent tables: every Japanese national
//! holiday 2000–2030 (tests/data/jp-holidays-2000-2030.txt), and every
//! holiday 1949–2050 as the PyPI package `holidays` (0.x, `holidays.Japan`)
//! lists them (tests/data/jp-holidays-1949-2050.txt; its header says how it
//! was made). Every day of each range is compared, holiday or not.

use chrono::{Datelike, NaiveDate};
use hoshu::holidays::is_holiday;

/// The days listed in a table, and the days of `years` where hoshu
/// disagrees with it.
fn disagreements(file: &str, years: std::ops::RangeInclusive<i32>) -> (usize, Vec<NaiveDate>) {
    let table =
        std::fs::read_to_string(format!("{}/tests/data/{file}", env!("CARGO_MANIFEST_DIR")))
            .unwrap();
    let listed: std::collections::BTreeSet<NaiveDate> = table
        .lines()
        .filter(|l| !l.starts_with('#') && !l.is_empty())
        .map(|l| hoshu::date::parse_date(&l[..10]).unwrap())
        .collect();
    let mut day = NaiveDate::from_ymd_opt(*years.start(), 1, 1).unwrap();
    let mut wrong = Vec::new();
    while day.year() <= *years.end() {
        if is_holiday(day) != listed.contains(&day) {
            wrong.push(day);
        }
        day = day.succ_opt().unwrap();
    }
    (listed.len(), wrong)
}

#[test]
fn every_holiday_2000_to_2030_and_no_other_day() {
    let (listed, wrong) = disagreements("jp-holidays-2000-2030.txt", 2000..=2030);
    assert_eq!(listed, 540);
    assert!(wrong.is_empty(), "disagree on {wrong:?}");
}

#[test]
fn every_holiday_1949_to_2050_as_the_law_stood_each_year() {
    let (listed, wrong) = disagreements("jp-holidays-1949-2050.txt", 1949..=2050);
    assert_eq!(listed, 1530);
    assert!(
        wrong.is_empty(),
        "disagree on {} days: {wrong:?}",
        wrong.len()
    );
}
