//! Whole numbers in TOML files, read with a message a salesperson can act on.
//! Nothing here knows the system or the rate card: only money's types.
//!
//! serde's own message for `count = -1` is "expected u32"; these readers
//! name what is allowed (an [`Expected`], as a tag the file reader reads
//! back) and toml adds the line, column and a caret under the value.

use serde::Deserializer;
use serde::de::{Error, Unexpected, Visitor};
use std::fmt;

use super::tag;
use crate::money::{TaxRate, Yen};
use crate::vocab::Expected;

/// A whole number within `min..=max`, which must be `what`.
struct Whole {
    min: u64,
    max: u64,
    what: Expected,
}

impl Visitor<'_> for Whole {
    type Value = u64;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str(&tag::expected(self.what))
    }

    fn visit_u64<E: Error>(self, v: u64) -> Result<u64, E> {
        if (self.min..=self.max).contains(&v) {
            Ok(v)
        } else if v > self.max
            && !matches!(
                self.what,
                Expected::Percent | Expected::PercentFromOne | Expected::MonthOfYear
            )
        {
            // Name the upper bound, which the expectation leaves out: in
            // serde's own shape, which the file reader reads.
            Err(E::custom(format!(
                "invalid value: integer `{v}`, expected {}, at most {}",
                tag::expected(self.what),
                self.max
            )))
        } else {
            Err(E::invalid_value(Unexpected::Unsigned(v), &self))
        }
    }

    fn visit_i64<E: Error>(self, v: i64) -> Result<u64, E> {
        match u64::try_from(v) {
            Ok(v) => self.visit_u64(v),
            Err(_) => Err(E::invalid_value(Unexpected::Signed(v), &self)),
        }
    }
}

fn read<'de, D: Deserializer<'de>>(
    d: D,
    min: u64,
    max: u64,
    what: Expected,
) -> Result<u64, D::Error> {
    d.deserialize_any(Whole { min, max, what })
}

/// A count: servers, pages, providers, OS versions.
pub fn count<'de, D: Deserializer<'de>>(d: D) -> Result<u32, D::Error> {
    read(d, 1, u32::MAX.into(), Expected::WholeFromOne).map(|n| n as u32)
}

/// [`count`] for an optional key.
pub fn opt_count<'de, D: Deserializer<'de>>(d: D) -> Result<Option<u32>, D::Error> {
    count(d).map(Some)
}

/// A month of the year, 1 to 12 (the month a yearly service renews).
pub fn opt_month_of_year<'de, D: Deserializer<'de>>(d: D) -> Result<Option<u32>, D::Error> {
    read(d, 1, 12, Expected::MonthOfYear).map(|n| Some(n as u32))
}

/// A tier's upper limit: 1 or more (a limit of 0 fits nothing).
pub fn opt_limit<'de, D: Deserializer<'de>>(d: D) -> Result<Option<u64>, D::Error> {
    read(d, 1, i64::MAX as u64, Expected::WholeFromOne).map(Some)
}

/// Visits and requests: 0 or more.
pub fn any<'de, D: Deserializer<'de>>(d: D) -> Result<u64, D::Error> {
    read(d, 0, i64::MAX as u64, Expected::WholeFromZero)
}

/// [`any`] for an optional key.
pub fn opt_any<'de, D: Deserializer<'de>>(d: D) -> Result<Option<u64>, D::Error> {
    any(d).map(Some)
}

/// An amount of yen, 1 or more.
pub fn opt_yen<'de, D: Deserializer<'de>>(d: D) -> Result<Option<Yen>, D::Error> {
    read(d, 1, i64::MAX as u64, Expected::YenFromOne).map(|n| Some(Yen(n as i64)))
}

/// An amount of yen, 0 or more.
pub fn yen_any<'de, D: Deserializer<'de>>(d: D) -> Result<Yen, D::Error> {
    read(d, 0, i64::MAX as u64, Expected::YenFromZero).map(|n| Yen(n as i64))
}

/// A price on the rate card, 0 or more yen.
pub fn price<'de, D: Deserializer<'de>>(d: D) -> Result<Yen, D::Error> {
    read(d, 0, i64::MAX as u64, Expected::PriceFromZero).map(|n| Yen(n as i64))
}

/// A whole percent, 0 to 100.
pub fn percent<'de, D: Deserializer<'de>>(d: D) -> Result<u32, D::Error> {
    read(d, 0, 100, Expected::Percent).map(|n| n as u32)
}

/// A whole percent, 1 to 100 (a discount: 0% is none).
pub fn opt_percent_from_one<'de, D: Deserializer<'de>>(d: D) -> Result<Option<u32>, D::Error> {
    read(d, 1, 100, Expected::PercentFromOne).map(|n| Some(n as u32))
}

/// A consumption-tax rate in whole percent, 0 to 100.
pub fn tax_rate<'de, D: Deserializer<'de>>(d: D) -> Result<TaxRate, D::Error> {
    percent(d).map(TaxRate)
}
