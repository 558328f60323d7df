//! Reading calendar dates.
//!
//! Files hoshu owns (system files, rate cards, the closed-days list) hold
//! dates in one form, `YYYY-MM-DD`, or as a native TOML date (`date =
//! 2024-01-10`; the serde readers are in `toml_read::dates`); a date with a
//! time or an offset is refused there: contracts are counted in whole days.
//!
//! Flags and batch cells hold dates as people and their tools write them
//! ([`read_date_bytes`]): also `2025/10/01`, `2025/1/5`, `2025年10月1日`,
//! Japanese era dates (`令和7年10月1日`, `R7.10.1`, `平成元年1月8日`),
//! full-width digits, and a time after the date (`2025/10/01 12:34`, Excel's
//! and the helpdesks'), whose day is taken in Japan time when an offset is
//! given (`2025-09-30T20:00:00Z` is 2025-10-01). A day-first or month-first
//! date (`10/01/2025`) is refused as ambiguous, never guessed.
//!
//! Years run from 1 to 9999, the range the `YYYY-MM-DD` form can write; a
//! period that would end past 9999-12-31 is an error, not a wrapped date.

use chrono::{Datelike, Months, NaiveDate};
use serde::Serialize;

/// The last day hoshu can count to.
pub const CALENDAR_END: NaiveDate = match NaiveDate::from_ymd_opt(9999, 12, 31) {
    Some(date) => date,
    None => panic!("9999-12-31 is a valid date"),
};

/// Why a text is not a date.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DateError {
    /// Not `YYYY-MM-DD` (in a file hoshu owns).
    Format(String),
    NoSuchDay(String),
    HasTime(String),
    /// Not a date in any form a flag or cell may take.
    NotADate(String),
    /// Day and month without the year first (`10/01/2025`, `25/10/01`):
    /// either could be the month.
    Ambiguous(String),
    /// An era date outside its era (`平成32年1月1日`, `令和元年4月1日`).
    OutsideEra {
        text: String,
        era: Era,
    },
}

/// The Japanese eras whose dates hoshu reads, each from its first day in
/// the Gregorian calendar (明治 from 1873-01-01, when Japan took that
/// calendar; its earlier dates were of the old calendar).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Era {
    Meiji,
    Taisho,
    Showa,
    Heisei,
    Reiwa,
}

impl Era {
    pub const ALL: [Era; 5] = [Era::Meiji, Era::Taisho, Era::Showa, Era::Heisei, Era::Reiwa];

    /// The era's name as written in a date, and its initial (`R7.10.1`).
    fn written(self) -> (&'static str, u8) {
        match self {
            Era::Meiji => ("明治", b'M'),
            Era::Taisho => ("大正", b'T'),
            Era::Showa => ("昭和", b'S'),
            Era::Heisei => ("平成", b'H'),
            Era::Reiwa => ("令和", b'R'),
        }
    }

    /// The Gregorian year before the era's first (its year 1 is this + 1).
    fn offset(self) -> i32 {
        match self {
            Era::Meiji => 1867,
            Era::Taisho => 1911,
            Era::Showa => 1925,
            Era::Heisei => 1988,
            Era::Reiwa => 2018,
        }
    }

    /// The era's first day hoshu reads.
    pub fn first_day(self) -> NaiveDate {
        let (y, m, d) = match self {
            Era::Meiji => (1873, 1, 1),
            Era::Taisho => (1912, 7, 30),
            Era::Showa => (1926, 12, 25),
            Era::Heisei => (1989, 1, 8),
            Era::Reiwa => (2019, 5, 1),
        };
        NaiveDate::from_ymd_opt(y, m, d).unwrap_or(NaiveDate::MIN)
    }

    /// The era's last day; `None` for the present era.
    pub fn last_day(self) -> Option<NaiveDate> {
        let next = Era::ALL.into_iter().skip_while(|e| *e != self).nth(1)?;
        next.first_day().pred_opt()
    }
}

impl std::error::Error for DateError {}

/// Parse `YYYY-MM-DD` exactly: four-digit year from 0001, two-digit month and
/// day.
pub fn parse_date(text: &str) -> Result<NaiveDate, DateError> {
    parse_date_bytes(text.as_bytes())
}

/// [`parse_date`] on bytes: the hot path of batch classification, which
/// reads cells as bytes and allocates only when a date is wrong.
#[inline]
pub fn parse_date_bytes(b: &[u8]) -> Result<NaiveDate, DateError> {
    let shown = || String::from_utf8_lossy(b).into_owned();
    let digit = |i: usize| -> Option<u32> {
        let c = *b.get(i)?;
        c.is_ascii_digit().then(|| u32::from(c - b'0'))
    };
    let shape_ok = b.len() == 10 && b[4] == b'-' && b[7] == b'-';
    let fields = (|| {
        let year = digit(0)? * 1000 + digit(1)? * 100 + digit(2)? * 10 + digit(3)?;
        let month = digit(5)? * 10 + digit(6)?;
        let day = digit(8)? * 10 + digit(9)?;
        Some((year, month, day))
    })();
    match fields {
        Some((year, month, day)) if shape_ok => {
            // Year 0 is not a year of the Gregorian calendar as written here.
            let year = i32::try_from(year).ok().filter(|y| *y >= 1);
            year.and_then(|y| NaiveDate::from_ymd_opt(y, month, day))
                .ok_or_else(|| DateError::NoSuchDay(shown()))
        }
        _ if b.len() > 10
            && matches!(b[10], b'T' | b't' | b' ')
            && parse_date_bytes(&b[..10]).is_ok() =>
        {
            Err(DateError::HasTime(shown()))
        }
        _ => Err(DateError::Format(shown())),
    }
}

/// A date as people and their tools write it, from a flag or a batch cell:
/// `YYYY-MM-DD` first (the hot path), then the other forms the module
/// documentation lists.
#[inline]
pub fn read_date_bytes(b: &[u8]) -> Result<NaiveDate, DateError> {
    match parse_date_bytes(b) {
        Err(DateError::Format(_) | DateError::HasTime(_)) => read_written(b),
        done => done,
    }
}

/// [`read_date_bytes`] on text.
pub fn read_date(text: &str) -> Result<NaiveDate, DateError> {
    read_date_bytes(text.as_bytes())
}

/// The forms other than `YYYY-MM-DD`.
fn read_written(b: &[u8]) -> Result<NaiveDate, DateError> {
    let shown = || String::from_utf8_lossy(b).into_owned();
    let not_a_date = || DateError::NotADate(shown());
    let text = std::str::from_utf8(b).map_err(|_| not_a_date())?;
    // Full-width digits, letters and signs as their ASCII twins, the
    // ideographic space as a space.
    let text: String = text
        .trim()
        .chars()
        .map(|c| match c {
            '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
            '\u{3000}' => ' ',
            c => c,
        })
        .collect();
    let mut at = Cursor {
        text: &text,
        i: 0,
        ambiguous: false,
    };
    let (date, era) = at.date().ok_or_else(not_a_date)?;
    if at.ambiguous {
        return Err(DateError::Ambiguous(shown()));
    }
    let shift = if at.done() {
        0
    } else {
        at.time().filter(|_| at.done()).ok_or_else(not_a_date)?
    };
    let (year, month, day) = date;
    let found = i32::try_from(year)
        .ok()
        .filter(|y| *y >= 1)
        .and_then(|y| NaiveDate::from_ymd_opt(y, month, day));
    let found = found.ok_or_else(|| DateError::NoSuchDay(shown()))?;
    if let Some(era) = era
        && (found < era.first_day() || era.last_day().is_some_and(|last| found > last))
    {
        return Err(DateError::OutsideEra { text: shown(), era });
    }
    found
        .checked_add_signed(chrono::Duration::days(shift))
        .ok_or_else(|| DateError::NoSuchDay(shown()))
}

/// A reader of one written date.
struct Cursor<'t> {
    text: &'t str,
    i: usize,
    /// The date began with a day or month, not a four-digit year.
    ambiguous: bool,
}

impl Cursor<'_> {
    fn rest(&self) -> &str {
        &self.text[self.i..]
    }

    fn done(&self) -> bool {
        self.i == self.text.len()
    }

    fn eat(&mut self, s: &str) -> bool {
        let found = self.rest().starts_with(s);
        if found {
            self.i += s.len();
        }
        found
    }

    /// One to `most` ASCII digits, as a number and how many there were.
    fn number(&mut self, most: usize) -> Option<(u32, usize)> {
        let digits = self.rest().bytes().take_while(u8::is_ascii_digit).count();
        if digits == 0 || digits > most {
            return None;
        }
        let n = self.rest()[..digits].parse().ok()?;
        self.i += digits;
        Some((n, digits))
    }

    /// One of `-`, `/`, `.`.
    fn separator(&mut self) -> Option<u8> {
        let c = *self.rest().as_bytes().first()?;
        matches!(c, b'-' | b'/' | b'.').then(|| {
            self.i += 1;
            c
        })
    }

    /// Month and day after a separator `sep`: `M{sep}D`.
    fn month_day(&mut self, sep: u8) -> Option<(u32, u32)> {
        let (month, _) = self.number(2)?;
        (self.separator()? == sep).then_some(())?;
        let (day, _) = self.number(2)?;
        Some((month, day))
    }

    /// `M月D日`.
    fn month_day_kanji(&mut self) -> Option<(u32, u32)> {
        let (month, _) = self.number(2)?;
        self.eat("月").then_some(())?;
        let (day, _) = self.number(2)?;
        self.eat("日").then_some(())?;
        Some((month, day))
    }

    /// An English month's first three letters (`Dec`, `dec`), as 1 to 12.
    fn month_name(&mut self) -> Option<u32> {
        const MONTHS: [&str; 12] = [
            "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
        ];
        let word = self.rest().get(..3)?.to_ascii_lowercase();
        let month = MONTHS.iter().position(|m| *m == word)?;
        self.i += 3;
        Some(month as u32 + 1)
    }

    /// The date: year, month, day, and the era it was written in.
    fn date(&mut self) -> Option<((u32, u32, u32), Option<Era>)> {
        for era in Era::ALL {
            let (name, letter) = era.written();
            if self.eat(name) {
                let year = if self.eat("元") {
                    1
                } else {
                    self.number(2)?.0
                };
                self.eat("年").then_some(())?;
                let (month, day) = self.month_day_kanji()?;
                return Some(((year + era.offset() as u32, month, day), Some(era)));
            }
            let first = *self.rest().as_bytes().first()?;
            if first.eq_ignore_ascii_case(&letter)
                && self
                    .rest()
                    .as_bytes()
                    .get(1)
                    .is_some_and(u8::is_ascii_digit)
            {
                self.i += 1;
                let (year, _) = self.number(2)?;
                let sep = self.separator()?;
                let (month, day) = self.month_day(sep)?;
                return Some(((year + era.offset() as u32, month, day), Some(era)));
            }
        }
        let (first, digits) = self.number(4)?;
        // `05/Dec/26` (Jira's default): the month a name, so the day is
        // first; a two-digit year is this century's.
        if digits <= 2 {
            let save = self.i;
            if let Some(sep) = self.separator()
                && let Some(month) = self.month_name()
            {
                (self.separator()? == sep).then_some(())?;
                let year = match self.number(4)? {
                    (y, 2) => 2000 + y,
                    (y, 4) => y,
                    _ => return None,
                };
                return Some(((year, month, first), None));
            }
            self.i = save;
        }
        if digits == 4 {
            if self.eat("年") {
                let (month, day) = self.month_day_kanji()?;
                return Some(((first, month, day), None));
            }
            let sep = self.separator()?;
            let (month, day) = self.month_day(sep)?;
            return Some(((first, month, day), None));
        }
        // `10/01/2025`, `1.10.25`: read to its end to know it is a date,
        // and refuse it as ambiguous.
        let sep = self.separator()?;
        self.number(2)?;
        (self.separator()? == sep).then_some(())?;
        let (_, last) = self.number(4)?;
        (last == 2 || last == 4).then_some(())?;
        self.ambiguous = true;
        Some(((0, 0, 0), None))
    }

    /// A time after the date, ` HH:MM[:SS[.f]]` or `THH:MM:SS`, with an
    /// optional offset (`Z`, `+09:00`, `+0900`): the days to add to the
    /// date for its day in Japan time (0 without an offset).
    fn time(&mut self) -> Option<i64> {
        if !(self.eat(" ") || self.eat("T") || self.eat("t")) {
            return None;
        }
        while self.eat(" ") {}
        let (hour, _) = self.number(2)?;
        self.eat(":").then_some(())?;
        let (minute, m) = self.number(2)?;
        let mut second = 0;
        if self.eat(":") {
            let (s, _) = self.number(2)?;
            second = s;
            if self.eat(".") || self.eat(",") {
                self.number(9)?;
            }
        }
        // `9:12 AM` (Jira's): a twelve-hour clock.
        let hour = {
            let save = self.i;
            while self.eat(" ") {}
            let upper = self.rest().get(..2).map(str::to_ascii_uppercase);
            match upper.as_deref() {
                Some("AM") if (1..=12).contains(&hour) => {
                    self.i += 2;
                    hour % 12
                }
                Some("PM") if (1..=12).contains(&hour) => {
                    self.i += 2;
                    hour % 12 + 12
                }
                _ => {
                    self.i = save;
                    hour
                }
            }
        };
        if hour > 23 || minute > 59 || m != 2 || second > 60 {
            return None;
        }
        // `09:12:33 +0900` (Zendesk's): an offset after a space.
        let save = self.i;
        while self.eat(" ") {}
        if !self.rest().starts_with(['+', '-', 'Z', 'z']) {
            self.i = save;
        }
        let offset_minutes = if self.eat("Z") || self.eat("z") {
            0
        } else if let Some(sign) = self
            .rest()
            .chars()
            .next()
            .filter(|c| matches!(c, '+' | '-'))
        {
            self.i += 1;
            let (h, hd) = self.number(4)?;
            let (h, mm) = if hd == 4 {
                (h / 100, h % 100)
            } else if hd == 2 && self.eat(":") {
                (h, self.number(2)?.0)
            } else if hd == 2 {
                (h, 0)
            } else {
                return None;
            };
            if h > 14 || mm > 59 {
                return None;
            }
            let minutes = i64::from(h * 60 + mm);
            if sign == '-' { -minutes } else { minutes }
        } else {
            // No offset: the day as written.
            return Some(0);
        };
        // The time in Japan (UTC+9), in minutes from the date's midnight.
        let japan = i64::from(hour * 60 + minute) - offset_minutes + 9 * 60;
        Some(japan.div_euclid(24 * 60))
    }
}

/// A date as `YYYY-MM-DD` bytes, without allocating (batch output).
pub fn write_date(date: NaiveDate) -> [u8; 10] {
    let (y, m, d) = (date.year().clamp(0, 9999) as u32, date.month(), date.day());
    let digit = |n: u32| b'0' + (n % 10) as u8;
    [
        digit(y / 1000),
        digit(y / 100),
        digit(y / 10),
        digit(y),
        b'-',
        digit(m / 10),
        digit(m),
        b'-',
        digit(d / 10),
        digit(d),
    ]
}

/// A month of the calendar.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Month {
    pub year: i32,
    pub month: u32,
}

impl Month {
    /// `YYYY-MM`.
    pub fn parse(text: &str) -> Option<Month> {
        let (y, m) = text.trim().split_once('-')?;
        if y.len() != 4 || m.len() != 2 {
            return None;
        }
        let month = Month {
            year: y.parse().ok()?,
            month: m.parse().ok()?,
        };
        month.first_day().map(|_| month)
    }

    pub fn of(day: NaiveDate) -> Month {
        Month {
            year: day.year(),
            month: day.month(),
        }
    }

    pub fn first_day(self) -> Option<NaiveDate> {
        NaiveDate::from_ymd_opt(self.year, self.month, 1)
    }

    pub fn last_day(self) -> Option<NaiveDate> {
        self.first_day()?
            .checked_add_months(Months::new(1))?
            .pred_opt()
    }
}

impl std::fmt::Display for Month {
    /// `2026-12`: the id; the render layer says it in words.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{:04}-{:02}", self.year, self.month)
    }
}

impl Serialize for Month {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> serde::Deserialize<'de> for Month {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Month, D::Error> {
        let text = String::deserialize(d)?;
        Month::parse(&text).ok_or_else(|| {
            serde::de::Error::invalid_value(serde::de::Unexpected::Str(&text), &"YYYY-MM")
        })
    }
}

impl schemars::JsonSchema for Month {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "Month".into()
    }
    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({ "type": "string", "pattern": "^[0-9]{4}-[0-9]{2}$" })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ymd(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    #[test]
    fn parses_the_one_form() {
        assert_eq!(parse_date("2024-01-10"), Ok(ymd(2024, 1, 10)));
        assert_eq!(parse_date("0001-01-01"), Ok(ymd(1, 1, 1)));
        assert_eq!(parse_date("9999-12-31"), Ok(CALENDAR_END));
        assert_eq!(parse_date("2024-02-29"), Ok(ymd(2024, 2, 29)));
    }

    #[test]
    fn refuses_impossible_days() {
        for text in [
            "2023-02-29",
            "2024-13-01",
            "2024-00-10",
            "2024-04-31",
            "0000-01-01",
        ] {
            assert_eq!(
                parse_date(text),
                Err(DateError::NoSuchDay(text.into())),
                "{text}"
            );
        }
    }

    #[test]
    fn refuses_other_forms() {
        for text in [
            "",
            "2024-1-10",
            "2024/01/10",
            "20240110",
            "+12024-01-10",
            "２０２４-01-10",
            "2024-01-1x",
        ] {
            assert_eq!(
                parse_date(text),
                Err(DateError::Format(text.into())),
                "{text}"
            );
        }
        assert!(matches!(
            parse_date("2024-01-10T10:00:00"),
            Err(DateError::HasTime(_))
        ));
    }

    /// Every form a flag or a cell may take, and where each one's day is.
    #[test]
    fn reads_dates_as_exports_and_people_write_them() {
        let oct1 = ymd(2025, 10, 1);
        for text in [
            "2025-10-01",
            "2025/10/01",
            "2025/10/1",
            "2025-10-1",
            "2025.10.01",
            "2025年10月1日",
            "2025年10月01日",
            "令和7年10月1日",
            "R7.10.1",
            "r7/10/01",
            "Ｒ７．１０．１",
            "２０２５／１０／０１",
            "令和７年１０月１日",
            " 2025/10/01 ",
            "2025/10/01 12:34",
            "2025/10/1 0:00",
            "2025/10/01 23:59:59",
            "2025-10-01T12:34:56",
            "2025-10-01T12:34:56+09:00",
            "2025-10-01T08:59:59.123+09:00",
            "2025-09-30T15:00:00Z",
            "2025-09-30T20:00:00Z",
            "2025-10-01T14:59:59Z",
            "2025-09-30T11:00:00-04:00",
            "2025-10-01T09:00:00+0900",
            // Jira's default: the month a name, day first.
            "01/Oct/25",
            "1/oct/25 9:12 AM",
            "01/Oct/25 11:59 PM",
            "01/OCT/2025 12:00 AM",
            "01-Oct-25",
            // Zendesk's: an offset after a space.
            "2025-10-01 09:12:33 +0900",
            "2025-09-30 20:00 Z",
        ] {
            assert_eq!(read_date(text), Ok(oct1), "{text}");
        }
        // A twelve-hour time counts with an offset.
        assert_eq!(read_date("2025-09-30T03:00 PMZ"), Ok(oct1));
        assert_eq!(read_date("2025-09-30T03:00 AMZ"), Ok(ymd(2025, 9, 30)));
        // The day in Japan time: just before and after midnight there.
        assert_eq!(read_date("2025-09-30T14:59:59Z"), Ok(ymd(2025, 9, 30)));
        assert_eq!(read_date("2025-10-01T15:00:00Z"), Ok(ymd(2025, 10, 2)));
        assert_eq!(read_date("2025-10-01T00:30:00+10:00"), Ok(ymd(2025, 9, 30)));
        // Every era's first and last day, 元年, and the initials.
        for (text, day) in [
            ("平成元年1月8日", ymd(1989, 1, 8)),
            ("H1.1.8", ymd(1989, 1, 8)),
            ("平成31年4月30日", ymd(2019, 4, 30)),
            ("令和元年5月1日", ymd(2019, 5, 1)),
            ("昭和64年1月7日", ymd(1989, 1, 7)),
            ("昭和元年12月25日", ymd(1926, 12, 25)),
            ("大正元年7月30日", ymd(1912, 7, 30)),
            ("大正15年12月24日", ymd(1926, 12, 24)),
            ("明治6年1月1日", ymd(1873, 1, 1)),
            ("明治45年7月29日", ymd(1912, 7, 29)),
            ("S50.4.1", ymd(1975, 4, 1)),
            ("T2.1.1", ymd(1913, 1, 1)),
        ] {
            assert_eq!(read_date(text), Ok(day), "{text}");
        }
        for (text, era) in [
            ("平成31年5月1日", Era::Heisei),
            ("平成32年1月1日", Era::Heisei),
            ("令和元年4月30日", Era::Reiwa),
            ("昭和64年1月8日", Era::Showa),
            ("明治5年12月31日", Era::Meiji),
            ("H31.5.1", Era::Heisei),
        ] {
            assert_eq!(
                read_date(text),
                Err(DateError::OutsideEra {
                    text: text.into(),
                    era
                }),
                "{text}"
            );
        }
        for text in [
            "10/01/2025",
            "1/10/2025",
            "25/10/01",
            "10.01.25",
            "10-1-2025",
        ] {
            assert_eq!(
                read_date(text),
                Err(DateError::Ambiguous(text.into())),
                "{text}"
            );
        }
        for text in [
            "2025/02/29",
            "2025/13/01",
            "令和7年2月30日",
            "2025/10/01 24:00x",
        ] {
            assert!(read_date(text).is_err(), "{text}");
        }
        assert_eq!(
            read_date("2025/02/29"),
            Err(DateError::NoSuchDay("2025/02/29".into()))
        );
        for text in [
            "",
            "10月1日",
            "2025/10",
            "2025/10-01",
            "2025/10/01 25:00",
            "2025/10/01 12:60",
            "2025/10/01 12:3",
            "2025/10/01T",
            "2025/10/01 12:34 JST",
            "2025-10-01T12:34:56+15:00",
            "01/Okt/25",
            "01/Oct/5",
            "01/Oct-25",
            "01/Oct/25 13:00 PM",
            "令和七年十月一日",
            "X7.10.1",
            "20251001",
            "tomorrow",
        ] {
            assert_eq!(
                read_date(text),
                Err(DateError::NotADate(text.into())),
                "{text}"
            );
        }
    }

    /// Each era ends the day before the next begins.
    #[test]
    fn the_eras_follow_one_another() {
        for pair in Era::ALL.windows(2) {
            assert_eq!(
                pair[0].last_day().and_then(|d| d.succ_opt()),
                Some(pair[1].first_day())
            );
            assert_eq!(pair[1].first_day().year(), pair[1].offset() + 1);
        }
        assert_eq!(Era::Reiwa.last_day(), None);
    }

    #[test]
    fn writes_what_it_reads() {
        for date in [ymd(1, 1, 1), ymd(2024, 1, 10), CALENDAR_END] {
            let out = write_date(date);
            assert_eq!(parse_date(std::str::from_utf8(&out).unwrap()), Ok(date));
        }
    }
}
