//! Key paths in a TOML document: `servers[1].count`, where such a key
//! stands in the file (line and column), and which key stands at a place.
//!
//! Checks made after parsing (a count of 0, an end before its start, a plan
//! the rate card does not have) name a key path; this module finds that key
//! in the source so the message can point at it, and finds the key a
//! parser's error points at, so every problem of a file can be named by its
//! key.

use std::fmt;
use std::ops::Range;

/// One step of a key path: a table key or an index into an array of tables.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Seg {
    Key(String),
    Index(usize),
}

/// A path to a key, such as `servers[1].count`.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct KeyPath(pub Vec<Seg>);

impl KeyPath {
    pub fn key(mut self, key: impl Into<String>) -> KeyPath {
        self.0.push(Seg::Key(key.into()));
        self
    }

    pub fn index(mut self, index: usize) -> KeyPath {
        self.0.push(Seg::Index(index));
        self
    }

    /// Whether `self` is `prefix` or lies under it.
    pub fn starts_with(&self, prefix: &KeyPath) -> bool {
        self.0.starts_with(&prefix.0)
    }
}

/// `KeyPath` from `"servers"`, `0`, `"count"` and so on.
#[macro_export]
macro_rules! key_path {
    ($($seg:expr),* $(,)?) => {{
        #[allow(unused_mut)]
        let mut path = $crate::key_path::KeyPath::default();
        $( path = $crate::key_path::IntoSeg::push_onto($seg, path); )*
        path
    }};
}

/// What [`key_path!`] accepts as a step.
pub trait IntoSeg {
    fn push_onto(self, path: KeyPath) -> KeyPath;
}

impl IntoSeg for &'static str {
    fn push_onto(self, path: KeyPath) -> KeyPath {
        path.key(self)
    }
}

impl IntoSeg for usize {
    fn push_onto(self, path: KeyPath) -> KeyPath {
        path.index(self)
    }
}

impl fmt::Display for KeyPath {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, seg) in self.0.iter().enumerate() {
            match seg {
                Seg::Key(key) if i == 0 => write!(f, "{key}")?,
                Seg::Key(key) => write!(f, ".{key}")?,
                Seg::Index(index) => write!(f, "[{index}]")?,
            }
        }
        Ok(())
    }
}

/// A 1-based line and column.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LineCol {
    pub line: usize,
    pub column: usize,
}

impl fmt::Display for LineCol {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}", self.line, self.column)
    }
}

/// The line and column of byte `offset` in `text` (columns count characters).
pub fn line_col(text: &str, offset: usize) -> LineCol {
    let offset = offset.min(text.len());
    let before = text.get(..offset).unwrap_or(text);
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    LineCol {
        line: before.matches('\n').count() + 1,
        column: before[line_start..].chars().count() + 1,
    }
}

/// Where the value at `path` starts in the TOML `text`, or where the nearest
/// table on the way to it starts when the key itself is absent.
pub fn find(text: &str, path: &KeyPath) -> Option<LineCol> {
    Locator::new(text)?.find(path)
}

/// [`find`], but the value's place rather than its key's: where a caret
/// under a refused value belongs.
pub fn find_value(text: &str, path: &KeyPath) -> Option<LineCol> {
    Locator::new(text)?.find_value(path)
}

/// A TOML text parsed once, to find many keys in it: each in time linear
/// in its path, its line by a binary search of the line starts.
pub struct Locator<'a> {
    text: &'a str,
    doc: toml_edit::ImDocument<&'a str>,
    /// The byte offset where each line starts.
    line_starts: Vec<usize>,
}

impl<'a> Locator<'a> {
    /// `None` when `text` is not TOML.
    pub fn new(text: &'a str) -> Option<Locator<'a>> {
        let doc = toml_edit::ImDocument::parse(text).ok()?;
        let line_starts = std::iter::once(0)
            .chain(text.match_indices('\n').map(|(i, _)| i + 1))
            .collect();
        Some(Locator {
            text,
            doc,
            line_starts,
        })
    }

    /// See [`find`].
    pub fn find(&self, path: &KeyPath) -> Option<LineCol> {
        self.locate(path, false)
    }

    /// See [`find_value`].
    pub fn find_value(&self, path: &KeyPath) -> Option<LineCol> {
        self.locate(path, true)
    }

    fn locate(&self, path: &KeyPath, value_first: bool) -> Option<LineCol> {
        let mut item = self.doc.as_item();
        let mut best: Option<Range<usize>> = None;
        for seg in &path.0 {
            let next = match seg {
                Seg::Key(key) => item.as_table_like().and_then(|table| {
                    let (key, value) = table.get_key_value(key.as_str())?;
                    best = if value_first {
                        value.span().or(key.span())
                    } else {
                        key.span().or(value.span())
                    }
                    .or(best.take());
                    Some(value)
                }),
                Seg::Index(index) => item.get(*index).inspect(|value| {
                    best = value.span().or(best.take());
                }),
            };
            match next {
                Some(next) => item = next,
                None => break,
            }
        }
        best.map(|span| self.line_col(span.start))
    }

    /// [`line_col`] without counting the lines before.
    fn line_col(&self, offset: usize) -> LineCol {
        let offset = offset.min(self.text.len());
        let line = self.line_starts.partition_point(|&start| start <= offset);
        let start = self.line_starts[line - 1];
        LineCol {
            line,
            column: self
                .text
                .get(start..offset)
                .map_or(1, |s| s.chars().count() + 1),
        }
    }
}

/// The path of the deepest key whose key or value spans byte `offset` of
/// the TOML `text` (a parser's error points there); `None` when no key does.
pub fn at(text: &str, offset: usize) -> Option<KeyPath> {
    let doc = toml_edit::ImDocument::parse(text).ok()?;
    let mut path = KeyPath::default();
    descend(doc.as_item(), offset, &mut path).then_some(path)
}

/// The table (or element of an array of tables) a parser's error at
/// `offset` is about: [`at`], less any key that is not a table.
pub fn table_at(text: &str, offset: usize) -> KeyPath {
    let Some(mut path) = at(text, offset) else {
        return KeyPath::default();
    };
    let Ok(doc) = toml_edit::ImDocument::parse(text) else {
        return KeyPath::default();
    };
    while !path.0.is_empty() {
        let mut item = Some(doc.as_item());
        for seg in &path.0 {
            item = item.and_then(|i| match seg {
                Seg::Key(key) => i.get(key.as_str()),
                Seg::Index(n) => i.get(*n),
            });
        }
        if item.is_some_and(|i| i.is_table_like()) {
            break;
        }
        path.0.pop();
    }
    path
}

fn spans(span: Option<std::ops::Range<usize>>, offset: usize) -> bool {
    span.is_some_and(|s| s.start <= offset && offset < s.end.max(s.start + 1))
}

/// Push onto `path` the way to the deepest key at `offset` under `item`.
/// Nothing is cloned: a file of thousands of tables is walked once.
fn descend(item: &toml_edit::Item, offset: usize, path: &mut KeyPath) -> bool {
    if let Some(table) = item.as_table_like() {
        return descend_table(table, offset, path);
    }
    if let Some(tables) = item.as_array_of_tables() {
        for (i, table) in tables.iter().enumerate() {
            path.0.push(Seg::Index(i));
            if descend_table(table, offset, path) || spans(table.span(), offset) {
                return true;
            }
            path.0.pop();
        }
        return false;
    }
    item.as_value()
        .is_some_and(|value| descend_value(value, offset, path))
}

fn descend_table(table: &dyn toml_edit::TableLike, offset: usize, path: &mut KeyPath) -> bool {
    for (key, value) in table.iter() {
        let here = table
            .get_key_value(key)
            .is_some_and(|(k, v)| spans(k.span(), offset) || spans(v.span(), offset));
        path.0.push(Seg::Key(key.to_owned()));
        if descend(value, offset, path) || here {
            return true;
        }
        path.0.pop();
    }
    false
}

fn descend_value(value: &toml_edit::Value, offset: usize, path: &mut KeyPath) -> bool {
    if let Some(table) = value.as_inline_table() {
        return descend_table(table, offset, path);
    }
    if let Some(array) = value.as_array() {
        for (i, v) in array.iter().enumerate() {
            path.0.push(Seg::Index(i));
            if descend_value(v, offset, path) || spans(v.span(), offset) {
                return true;
            }
            path.0.pop();
        }
    }
    false
}

#[cfg(test)]
mod tests {
    use super::*;

    const TEXT: &str = "name = \"x\"\n\n[[servers]]\nrole = \"web\"\ncount = 2\n\n[[servers]]\nrole = \"db\"\ncount = 0\n\n[maintenance]\nplan = \"gold\"\n";

    #[test]
    fn line_col_counts_from_one() {
        assert_eq!(line_col("ab\ncd", 0), LineCol { line: 1, column: 1 });
        assert_eq!(line_col("ab\ncd", 4), LineCol { line: 2, column: 2 });
        assert_eq!(line_col("é\nx", 3), LineCol { line: 2, column: 1 });
    }

    #[test]
    fn finds_keys_in_tables_and_arrays_of_tables() {
        assert_eq!(
            find(TEXT, &key_path!["maintenance", "plan"]),
            Some(LineCol {
                line: 12,
                column: 1
            })
        );
        assert_eq!(
            find(TEXT, &key_path!["servers", 1, "count"]),
            Some(LineCol { line: 9, column: 1 })
        );
        assert_eq!(
            find(TEXT, &key_path!["name"]),
            Some(LineCol { line: 1, column: 1 })
        );
    }

    #[test]
    fn the_key_at_an_offset() {
        let at_text = |needle: &str| at(TEXT, TEXT.find(needle).unwrap()).map(|p| p.to_string());
        assert_eq!(at_text("count = 0").as_deref(), Some("servers[1].count"));
        assert_eq!(at_text("0\n").as_deref(), Some("servers[1].count"));
        assert_eq!(at_text("\"gold\"").as_deref(), Some("maintenance.plan"));
        assert_eq!(at_text("name").as_deref(), Some("name"));
    }

    #[test]
    fn displays_paths_as_a_user_writes_them() {
        assert_eq!(
            key_path!["servers", 1, "count"].to_string(),
            "servers[1].count"
        );
    }
}
