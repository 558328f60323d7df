//! Where in a TOML file a key stands, for error messages.
//!
//! toml's own errors already carry the line, column and a caret. Checks made
//! after parsing (a count of 0, an end before its start, a plan the rate card
//! does not have) name a key path instead; this module finds that key in the
//! source so the message can point at it the same way.

use std::fmt;
use std::ops::Range;

/// One step of a key path: a table key or an index into an array of tables.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Seg {
    Key(&'static str),
    Index(usize),
}

/// A path to a key, such as `servers[1].count`.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct KeyPath(pub Vec<Seg>);

impl KeyPath {
    pub fn key(mut self, key: &'static str) -> KeyPath {
        self.0.push(Seg::Key(key));
        self
    }

    pub fn index(mut self, index: usize) -> KeyPath {
        self.0.push(Seg::Index(index));
        self
    }
}

/// `KeyPath` from `"servers"`, `0`, `"count"` and so on.
#[macro_export]
macro_rules! key_path {
    ($($seg:expr),* $(,)?) => {{
        #[allow(unused_mut)]
        let mut path = $crate::locate::KeyPath::default();
        $( path = $crate::locate::IntoSeg::push_onto($seg, path); )*
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
    let doc = toml_edit::ImDocument::parse(text).ok()?;
    let mut item = doc.as_item();
    let mut best: Option<Range<usize>> = None;
    for seg in &path.0 {
        let next = match seg {
            Seg::Key(key) => item.as_table_like().and_then(|table| {
                let (key, value) = table.get_key_value(key)?;
                best = key.span().or(value.span()).or(best.take());
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
    best.map(|span| line_col(text, span.start))
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
    fn displays_paths_as_a_user_writes_them() {
        assert_eq!(
            key_path!["servers", 1, "count"].to_string(),
            "servers[1].count"
        );
    }
}

/// What is wrong with a value that parsed: data, rendered as English here.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Problem {
    /// A number below its minimum.
    TooSmall { min: u64, got: i128 },
    /// A text that must not be empty.
    Empty,
    /// A date before the date it must follow.
    EndBeforeStart { start: String, end: String },
    /// `linked = true` on a group of one server.
    LinkedAlone,
    /// A plan the rate card does not have.
    UnknownPlan { plan: String, known: Vec<String> },
    /// Two entries with the same name.
    Duplicate { name: String },
    /// Tiers whose limits do not rise, or whose prices fall.
    TiersOutOfOrder { what: &'static str },
    /// The last tier has a limit, so some input fits no tier.
    LastTierBounded,
    /// A list that must have entries.
    NoEntries,
    /// A payment provider count for a method that is off.
    ProvidersWithoutMethod { method: &'static str },
    /// A key that newer keys replaced.
    Replaced { by: &'static str },
    /// Contract dates without the plan in force.
    NeedsPlan,
    /// A plan that does not cover work every quote charges for.
    PlanMissesWork { plan: String, work: &'static str },
    /// A maintenance contract that ends before the delivery.
    EndBeforeDelivery { end: String, delivered: String },
    /// A date after the quote date that must not be.
    AfterQuoteDate { got: String, date: String },
    /// A rate card whose prices take effect after the quote date.
    NotYetEffective {
        version: String,
        effective: String,
        date: String,
    },
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Problem::TooSmall { min, got } => write!(f, "is {got}; it must be at least {min}"),
            Problem::Empty => write!(f, "is empty; give a name"),
            Problem::EndBeforeStart { start, end } => {
                write!(
                    f,
                    "is {end}, before the start {start}; the end must be on or after the start"
                )
            }
            Problem::LinkedAlone => write!(
                f,
                "is true for a single server; servers in a group are linked to each other, so a linked group needs count >= 2"
            ),
            Problem::UnknownPlan { plan, known } => {
                write!(
                    f,
                    "names the plan `{}`, which the rate card does not have; allowed: {}{}",
                    crate::render::escape(plan),
                    known.join(", "),
                    crate::suggest::did_you_mean(plan, known.iter().map(String::as_str))
                )
            }
            Problem::Duplicate { name } => {
                write!(
                    f,
                    "repeats the name `{}`; names must be unique",
                    crate::render::escape(name)
                )
            }
            Problem::TiersOutOfOrder { what } => write!(
                f,
                "must list tiers with rising {what} and prices that never fall, so that more never costs less"
            ),
            Problem::LastTierBounded => {
                write!(
                    f,
                    "must end with a tier without limits, so that every input fits a tier"
                )
            }
            Problem::NoEntries => write!(f, "is empty; it needs at least one entry"),
            Problem::ProvidersWithoutMethod { method } => write!(
                f,
                "counts providers for a payment method that is off; set {method} = true, or remove the count"
            ),
            Problem::Replaced { by } => write!(
                f,
                "counted card and store providers together and is no longer read; give {by} instead (each 1 or more, default 1 when its method is on)"
            ),
            Problem::PlanMissesWork { plan, work } => write!(
                f,
                "of the plan `{}` leaves out {work}, which every quote charges for; a plan charges only for the work it covers, so add \"{work}\"",
                crate::render::escape(plan)
            ),
            Problem::NeedsPlan => write!(
                f,
                "dates a contract without its plan; add plan = \"…\", or give only previous_end for a contract that has ended"
            ),
            Problem::EndBeforeDelivery { end, delivered } => write!(
                f,
                "is {end}, before the delivery {delivered}; a maintenance contract ends after the delivery"
            ),
            Problem::AfterQuoteDate { got, date } => write!(
                f,
                "is {got}, after the quote date {date}; give a day on or before the quote date"
            ),
            Problem::NotYetEffective {
                version,
                effective,
                date,
            } => write!(
                f,
                "says the card {} takes effect {effective}; the quote is dated {date}: date the quote on or after {effective}, or use the card in force then",
                crate::render::escape(version)
            ),
        }
    }
}

/// The bare value (a date, a number) around byte `at`: toml points inside it.
fn token_at(text: &str, at: usize) -> &str {
    let at = at.min(text.len());
    if !text.is_char_boundary(at) {
        return "";
    }
    let stop = |c: char| c.is_whitespace() || matches!(c, '=' | ',' | '[' | ']' | '{' | '}' | '#');
    let start = text[..at].rfind(stop).map_or(0, |i| i + 1);
    let end = text[at..].find(stop).map_or(text.len(), |i| at + i);
    text.get(start..end).unwrap_or_default()
}

/// toml's or serde's message made to say what is allowed: a bare date that
/// is not a calendar day gets the quoted form's message, a number too large
/// says how large a number may be, a word not allowed names the likely one.
fn better_message(message: &str, value: &str) -> String {
    if message.starts_with("invalid date-time")
        && let Err(e) = crate::date::parse_date(value)
    {
        return e.to_string();
    }
    if message.starts_with("number too large") {
        return format!(
            "`{}` is too large: a number here goes up to {}",
            crate::render::escape(value),
            i64::MAX
        );
    }
    crate::suggest::improve_serde_message(message)
}

/// A problem at a key, with where the key stands in the file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Located {
    pub path: KeyPath,
    pub at: Option<LineCol>,
    pub problem: Problem,
}

impl fmt::Display for Located {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.at {
            Some(at) => write!(
                f,
                "line {}, column {}: `{}` {}",
                at.line, at.column, self.path, self.problem
            ),
            None => write!(f, "`{}` {}", self.path, self.problem),
        }
    }
}

/// The largest system file or rate card read: 1 MiB.
pub const MAX_INPUT: u64 = 1 << 20;

/// A TOML input file (system description or rate card) that cannot be used.
#[derive(Debug, thiserror::Error)]
pub enum FileError {
    #[error("{origin}: cannot read the file")]
    Read {
        origin: String,
        #[source]
        source: std::io::Error,
    },
    #[error("{origin}: is a folder; give the path of a file")]
    Folder { origin: String },
    #[error("{origin}: is larger than {} MiB; a system file or rate card is far smaller, so this is not one", MAX_INPUT >> 20)]
    TooLarge { origin: String },
    #[error("{origin}: is not UTF-8 text; save it as UTF-8")]
    NotText { origin: String },
    /// toml's message already names the line and column and draws a caret.
    #[error("{origin}: {message}")]
    Toml { origin: String, message: String },
    #[error("{origin}: {}", .problems.iter().map(ToString::to_string).collect::<Vec<_>>().join(&format!("\n{origin}: ")))]
    Invalid {
        origin: String,
        problems: Vec<Located>,
    },
}

impl FileError {
    /// Locate each problem in `text` and wrap them; `Ok` when there are none.
    pub fn check(
        origin: &str,
        text: &str,
        problems: Vec<(KeyPath, Problem)>,
    ) -> Result<(), FileError> {
        if problems.is_empty() {
            return Ok(());
        }
        let problems = problems
            .into_iter()
            .map(|(path, problem)| Located {
                at: find(text, &path),
                path,
                problem,
            })
            .collect();
        Err(FileError::Invalid {
            origin: origin.to_owned(),
            problems,
        })
    }

    /// Parse `text` as `T`, naming `origin` in the error. toml's layout
    /// (line, column, the line and a caret) is kept; its message is made
    /// to say what is allowed where it does not.
    pub fn parse<T: serde::de::DeserializeOwned>(origin: &str, text: &str) -> Result<T, FileError> {
        toml::from_str(text).map_err(|e| {
            let shown = e.to_string();
            let value = e.span().map_or("", |span| token_at(text, span.start));
            let better = better_message(e.message(), value);
            FileError::Toml {
                origin: origin.to_owned(),
                message: shown.replace(e.message(), &better).trim_end().to_owned(),
            }
        })
    }

    /// Read a file as text, `-` being stdin: at most [`MAX_INPUT`] bytes
    /// are read, so a huge file or `/dev/zero` is refused at once.
    pub fn read(path: &std::path::Path) -> Result<String, FileError> {
        use std::io::Read;
        let origin = || path.display().to_string();
        let fail = |source| FileError::Read {
            origin: origin(),
            source,
        };
        let mut bytes = Vec::new();
        if path == std::path::Path::new("-") {
            std::io::stdin()
                .lock()
                .take(MAX_INPUT + 1)
                .read_to_end(&mut bytes)
                .map_err(fail)?;
        } else {
            let file = std::fs::File::open(path).map_err(fail)?;
            if file.metadata().map_err(fail)?.is_dir() {
                return Err(FileError::Folder { origin: origin() });
            }
            file.take(MAX_INPUT + 1)
                .read_to_end(&mut bytes)
                .map_err(fail)?;
        }
        if bytes.len() as u64 > MAX_INPUT {
            return Err(FileError::TooLarge { origin: origin() });
        }
        String::from_utf8(bytes).map_err(|_| FileError::NotText { origin: origin() })
    }
}
