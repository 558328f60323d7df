//! hoshu's holidays against an independent table of every Japanese national
//! holiday 2000–2030 (tests/data/jp-holidays-2000-2030.txt).

use chrono::{Datelike, NaiveDate};
use hoshu::holidays::is_holiday;

#[test]
fn every_holiday_2000_to_2030_and_no_other_day() {
    let table = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/data/jp-holidays-2000-2030.txt"
    ))
    .unwrap();
    let listed: std::collections::BTreeSet<NaiveDate> = table
        .lines()
        .filter(|l| !l.starts_with('#') && !l.is_empty())
        .map(|l| hoshu::date::parse_date(&l[..10]).unwrap())
        .collect();
    assert_eq!(listed.len(), 540);
    let mut day = NaiveDate::from_ymd_opt(2000, 1, 1).unwrap();
    let mut wrong = Vec::new();
    while day.year() <= 2030 {
        if is_holiday(day) != listed.contains(&day) {
            wrong.push(day);
        }
        day = day.succ_opt().unwrap();
    }
    assert!(wrong.is_empty(), "disagree on {wrong:?}");
}
