//! Dates in TOML files: a native TOML date (`2024-01-10`) or the quoted
//! `"2024-01-10"`, never a time or an offset.

use chrono::NaiveDate;
use serde::{Deserialize, Deserializer};
use std::fmt;

use super::tag;
use crate::date::{DateError, parse_date};
use crate::vocab::Expected;

/// A serde adapter: a TOML date (`2024-01-10`) or the string `"2024-01-10"`.
///
/// Use with `#[serde(deserialize_with = "dates::de")]` (or `de_opt`). Errors
/// are raised inside the value's deserializer, so toml reports them with the
/// file's line, column and a caret under the value.
pub fn de<'de, D: Deserializer<'de>>(deserializer: D) -> Result<NaiveDate, D::Error> {
    deserializer.deserialize_any(DateVisitor)
}

/// [`de`] for an optional key.
pub fn de_opt<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Option<NaiveDate>, D::Error> {
    de(deserializer).map(Some)
}

/// A month, `"YYYY-MM"`, for an optional key.
pub fn month_opt<'de, D: Deserializer<'de>>(
    deserializer: D,
) -> Result<Option<crate::date::Month>, D::Error> {
    deserializer.deserialize_any(MonthVisitor).map(Some)
}

struct MonthVisitor;

impl serde::de::Visitor<'_> for MonthVisitor {
    type Value = crate::date::Month;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str(&tag::expected(Expected::YearMonth))
    }

    fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<Self::Value, E> {
        crate::date::Month::parse(v)
            .ok_or_else(|| E::invalid_value(serde::de::Unexpected::Str(v), &self))
    }
}

struct DateVisitor;

impl<'de> serde::de::Visitor<'de> for DateVisitor {
    type Value = NaiveDate;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str(&tag::expected(Expected::Date))
    }

    fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<NaiveDate, E> {
        parse_date(v).map_err(|e| E::custom(tag::date(&e)))
    }

    fn visit_map<A: serde::de::MapAccess<'de>>(self, map: A) -> Result<NaiveDate, A::Error> {
        // toml hands a native date-time over as a one-entry map.
        let value =
            toml::value::Datetime::deserialize(serde::de::value::MapAccessDeserializer::new(map))?;
        let text = value.to_string();
        match (value.date, value.time, value.offset) {
            (Some(_), None, None) => {
                parse_date(&text).map_err(|e| serde::de::Error::custom(tag::date(&e)))
            }
            _ => Err(serde::de::Error::custom(tag::date(&DateError::HasTime(
                text,
            )))),
        }
    }
}
