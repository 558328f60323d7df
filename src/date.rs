//! Reading calendar dates.
//!
//! hoshu reads dates in one form, `YYYY-MM-DD`, from flags, batch cells and
//! TOML strings, and also as a native TOML date (`date = 2024-01-10`; the
//! serde readers are in `toml_read::dates`). A date
//! with a time or an offset is refused: contracts are counted in whole days.
//! Years run from 1 to 9999, the range the `YYYY-MM-DD` form can write; a
//! period that would end past 9999-12-31 is an error, not a wrapped date.

use chrono::{Datelike, NaiveDate};

/// The last day hoshu can count to.
pub const CALENDAR_END: NaiveDate = match NaiveDate::from_ymd_opt(9999, 12, 31) {
    Some(date) => date,
    None => panic!("9999-12-31 is a valid date"),
};

/// Why a text is not a date.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DateError {
    Format(String),
    NoSuchDay(String),
    HasTime(String),
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

    #[test]
    fn writes_what_it_reads() {
        for date in [ymd(1, 1, 1), ymd(2024, 1, 10), CALENDAR_END] {
            let out = write_date(date);
            assert_eq!(parse_date(std::str::from_utf8(&out).unwrap()), Ok(date));
        }
    }
}
