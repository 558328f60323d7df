//! One JSON Lines object, read so that it can be written back byte-exact.
//!
//! serde_json's `Value` would reorder nothing (with `preserve_order`) but it
//! rewrites numbers (`12345678901234567890123` becomes a float) and string
//! escapes, and keeps one of two duplicate keys. Here each entry is kept as
//! the span of its key and its raw value in the line; the keys are decoded
//! only to be matched against the fact names.

use serde::Deserializer;
use serde::de::{self, MapAccess, Visitor};
use serde_json::value::RawValue;
use std::borrow::Cow;
use std::fmt;
use std::ops::Range;

/// One `"key": value` of the object.
#[derive(Debug)]
pub struct Entry<'a> {
    /// The key decoded.
    pub key: Cow<'a, str>,
    /// The value as it is written in the line.
    pub value: &'a str,
    /// From the key's opening quote to the value's end.
    pub span: Range<usize>,
}

/// A line that is a JSON object.
#[derive(Debug)]
pub struct JsonLine<'a> {
    pub text: &'a str,
    pub entries: Vec<Entry<'a>>,
}

/// A fact's value in JSON: text, a number (its digits as written) or null.
pub enum FactValue<'a> {
    Text(Cow<'a, str>),
    Null,
    /// true, false, an array or an object.
    Other,
}

impl<'a> Entry<'a> {
    pub fn fact_value(&self) -> FactValue<'a> {
        let v = self.value;
        match v.as_bytes().first() {
            Some(b'"') if !v.contains('\\') => FactValue::Text(Cow::Borrowed(&v[1..v.len() - 1])),
            Some(b'"') => serde_json::from_str::<String>(v)
                .map_or(FactValue::Other, |s| FactValue::Text(Cow::Owned(s))),
            Some(b'n') => FactValue::Null,
            Some(b'-' | b'0'..=b'9') => FactValue::Text(Cow::Borrowed(v)),
            _ => FactValue::Other,
        }
    }

    /// The value as a CSV cell: text unquoted, null empty, the rest as written.
    pub fn cell(&self) -> Cow<'a, str> {
        match self.fact_value() {
            FactValue::Text(t) => t,
            FactValue::Null => Cow::Borrowed(""),
            FactValue::Other => Cow::Borrowed(self.value),
        }
    }
}

/// Why a line is not a usable JSON object.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LineProblem {
    NotAnObject,
    /// serde_json's message, with its line and column.
    Syntax(String),
    DuplicateKey(String),
}

impl<'a> JsonLine<'a> {
    pub fn parse(text: &'a str) -> Result<JsonLine<'a>, LineProblem> {
        if !text.trim_start().starts_with('{') {
            return Err(LineProblem::NotAnObject);
        }
        let mut de = serde_json::Deserializer::from_str(text);
        let raw: Vec<(Cow<'a, str>, &'a RawValue)> = (&mut de)
            .deserialize_map(EntriesVisitor)
            .map_err(|e| LineProblem::Syntax(e.to_string()))?;
        de.end().map_err(|e| LineProblem::Syntax(e.to_string()))?;
        let base = text.as_ptr() as usize;
        // The first key follows the `{`; each later one its value and a `,`.
        let mut after = text.find('{').map_or(0, |i| i + 1);
        let mut entries: Vec<Entry<'a>> = Vec::with_capacity(raw.len());
        for (key, value) in raw {
            let value = value.get();
            // A borrowed RawValue is a slice of `text`.
            let start = value.as_ptr() as usize - base;
            // Only space and a `,` stand between the last value and the key.
            let key_start = text[after..].find('"').map_or(after, |i| after + i);
            if entries.iter().any(|e| e.key == key) {
                return Err(LineProblem::DuplicateKey(key.into_owned()));
            }
            after = start + value.len();
            entries.push(Entry {
                key,
                value,
                span: key_start..after,
            });
        }
        Ok(JsonLine { text, entries })
    }

    pub fn get(&self, key: &str) -> Option<&Entry<'a>> {
        self.entries.iter().find(|e| e.key == key)
    }
}

struct EntriesVisitor;

impl<'de> Visitor<'de> for EntriesVisitor {
    type Value = Vec<(Cow<'de, str>, &'de RawValue)>;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a JSON object")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
        let mut out = Vec::new();
        while let Some(Key(key)) = map.next_key::<Key<'de>>()? {
            out.push((key, map.next_value::<&'de RawValue>()?));
        }
        Ok(out)
    }
}

/// A key, borrowed from the line when it has no escapes.
struct Key<'a>(Cow<'a, str>);

impl<'de> de::Deserialize<'de> for Key<'de> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = Key<'de>;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a key")
            }
            fn visit_borrowed_str<E>(self, v: &'de str) -> Result<Key<'de>, E> {
                Ok(Key(Cow::Borrowed(v)))
            }
            fn visit_str<E>(self, v: &str) -> Result<Key<'de>, E> {
                Ok(Key(Cow::Owned(v.to_owned())))
            }
        }
        d.deserialize_str(V)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn entries_keep_their_spans_and_raw_values() {
        let text = r#" { "a" : 12345678901234567890123 , "b\u0041":"x\"y", "c":[1, {"d":null}] } "#;
        let line = JsonLine::parse(text).unwrap();
        let keys: Vec<&str> = line.entries.iter().map(|e| e.key.as_ref()).collect();
        assert_eq!(keys, ["a", "bA", "c"]);
        assert_eq!(line.entries[0].value, "12345678901234567890123");
        assert_eq!(
            &text[line.entries[0].span.clone()],
            r#""a" : 12345678901234567890123"#
        );
        assert_eq!(&text[line.entries[1].span.clone()], r#""b\u0041":"x\"y""#);
        assert_eq!(line.entries[2].value, r#"[1, {"d":null}]"#);
        assert_eq!(line.entries[1].cell(), "x\"y");
    }

    #[test]
    fn duplicates_and_non_objects_are_problems() {
        assert_eq!(
            JsonLine::parse(r#"{"a":1,"a":2}"#).unwrap_err(),
            LineProblem::DuplicateKey("a".into())
        );
        assert_eq!(
            JsonLine::parse("[1]").unwrap_err(),
            LineProblem::NotAnObject
        );
        assert!(matches!(
            JsonLine::parse(r#"{"a":1} x"#).unwrap_err(),
            LineProblem::Syntax(_)
        ));
        assert!(JsonLine::parse("{}").unwrap().entries.is_empty());
    }
}
