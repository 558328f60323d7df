//! The one place where an outcome becomes an exit code, and where an error
//! is reported: as text (`error: …`), or, with `--format json`, as one
//! `hoshu.error.v1` object on stderr.

use serde::Serialize;
use std::io::Write;
use std::process::ExitCode;

use hoshu::batch::BatchError;
use hoshu::error::Known;
use hoshu::file_error::FileError;
use hoshu::lang::Lang;
use hoshu::quote::QuoteError;
use hoshu::render;
use hoshu::render::catalogue::{self, Usage};
use hoshu::render::errors::Worded;

use crate::output::OutputError;

/// The exit codes, a documented contract (README "Exit codes").
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Exit {
    Success = 0,
    Failure = 1,
    Invalid = 2,
    /// A billable verdict asked for; also a tripped `diff` gate.
    Billable = 3,
    Negotiate = 4,
    /// `--fail-on covered` with a covered row.
    Covered = 5,
}

impl From<Exit> for ExitCode {
    fn from(e: Exit) -> ExitCode {
        ExitCode::from(e as u8)
    }
}

/// Bad input or usage found after parsing the flags (exit 2), or what the
/// machine lacks (exit 1, [`Usage::is_failure`]); its sentence is made by
/// the catalogue when it is reported.
#[derive(Debug, thiserror::Error)]
#[error("{}", catalogue::of(Lang::En).usage(.0))]
pub struct Invalid(pub Usage);

/// Where an error was met, as context on the library's error: a flag, or
/// the file a saved quote or system came from. Said as it is in every
/// language (a flag and a path are no words).
#[derive(Debug)]
pub enum At {
    Flag(&'static str),
    File(String),
}

impl std::fmt::Display for At {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            At::Flag(flag) => f.write_str(flag),
            At::File(path) => f.write_str(path),
        }
    }
}

impl std::error::Error for At {}

/// The exit code of a failed run: 2 for anything the user's input caused,
/// 0 for a closed pipe (`hoshu … | head`), 1 for the rest.
pub fn exit_code(err: &anyhow::Error) -> Exit {
    for cause in err.chain() {
        if cause
            .downcast_ref::<OutputError>()
            .is_some_and(OutputError::is_invalid)
            || cause
                .downcast_ref::<Invalid>()
                .is_some_and(|i| !i.0.is_failure())
            || Known::find(cause).is_some_and(Known::is_invalid_input)
        {
            return Exit::Invalid;
        }
        if let Some(io) = cause.downcast_ref::<std::io::Error>()
            && io.kind() == std::io::ErrorKind::BrokenPipe
        {
            return Exit::Success;
        }
    }
    Exit::Failure
}

/// A line on stderr. A closed stderr loses the line, never the run.
pub fn say(line: &str) {
    let _ = writeln!(std::io::stderr().lock(), "{}", render::escape_lines(line));
}

/// `hoshu.error.v1`: every error of a failed run, on stderr.
#[derive(Serialize, schemars::JsonSchema)]
#[schemars(title = "hoshu.error.v1")]
pub struct ErrorDoc {
    schema: &'static str,
    errors: Vec<ErrorItem>,
}

/// The JSON Schema of `hoshu.error.v1` (`hoshu schema error`).
pub fn schema() -> schemars::Schema {
    schemars::schema_for!(ErrorDoc)
}

/// One error of `hoshu.error.v1`.
#[derive(Debug, Serialize, PartialEq, Eq, schemars::JsonSchema)]
pub struct ErrorItem {
    /// Stable: README "Errors" lists every code.
    pub code: &'static str,
    pub message: String,
    pub file: Option<String>,
    pub line: Option<usize>,
    pub column: Option<usize>,
    /// The key (system file, rate card), flag or column the error is about.
    pub key: Option<String>,
}

impl ErrorItem {
    fn plain(code: &'static str, message: String) -> ErrorItem {
        ErrorItem {
            code,
            message,
            file: None,
            line: None,
            column: None,
            key: None,
        }
    }
}

/// The errors of a failed run, as data.
fn items(err: &anyhow::Error, lang: Lang) -> Vec<ErrorItem> {
    for cause in err.chain() {
        match Known::find(cause) {
            Some(Known::File(e)) => return file_items(e, lang),
            Some(Known::Batch(BatchError::Header(problems))) => {
                return problems
                    .iter()
                    .map(|p| {
                        ErrorItem::plain("batch-header", render::batch::header_problem(p, lang))
                    })
                    .collect();
            }
            Some(Known::Intake(e)) => {
                return vec![ErrorItem {
                    key: Some(e.field.flag().to_owned()),
                    ..ErrorItem::plain("invalid-fact", message(err, lang))
                }];
            }
            Some(Known::Saved(hoshu::diff::SavedError::Figure { label, field, .. })) => {
                return vec![ErrorItem {
                    file: Some(label.clone()),
                    key: Some(field.clone()),
                    ..ErrorItem::plain("saved-quote-figure", message(err, lang))
                }];
            }
            Some(Known::Saved(_)) => {
                return vec![ErrorItem::plain("not-a-saved-quote", message(err, lang))];
            }
            Some(Known::Quote(QuoteError::DiscountExceeds { index, .. })) => {
                return vec![ErrorItem {
                    key: Some(format!("quote.discounts[{index}]")),
                    ..ErrorItem::plain("discount-exceeds", message(err, lang))
                }];
            }
            Some(Known::Quote(QuoteError::UnknownPlan { .. })) => {
                return vec![ErrorItem {
                    key: Some("--plan".to_owned()),
                    ..ErrorItem::plain("unknown-plan", message(err, lang))
                }];
            }
            _ => {}
        }
        if let Some(e) = cause.downcast_ref::<OutputError>() {
            let code = if e.is_invalid() {
                "output-refused"
            } else {
                "output-failed"
            };
            return vec![ErrorItem::plain(code, message(err, lang))];
        }
    }
    let code = match exit_code(err) {
        Exit::Invalid => "invalid-input",
        _ => "failure",
    };
    vec![ErrorItem::plain(code, message(err, lang))]
}

fn file_items(e: &FileError, lang: Lang) -> Vec<ErrorItem> {
    let said = |e: &FileError| e.words(lang);
    let at = |origin: &str, code, message: String| ErrorItem {
        file: Some(origin.to_owned()),
        ..ErrorItem::plain(code, message)
    };
    match e {
        FileError::Read { origin, .. } => vec![at(origin, "file-unreadable", said(e))],
        FileError::Folder { origin } => vec![at(origin, "file-folder", said(e))],
        FileError::TooLarge { origin, .. } => vec![at(origin, "file-too-large", said(e))],
        FileError::NotText { origin, .. } => vec![at(origin, "file-not-utf8", said(e))],
        FileError::Syntax {
            origin,
            refused,
            at: place,
            ..
        } => vec![ErrorItem {
            line: place.map(|p| p.line),
            column: place.map(|p| p.column),
            ..at(origin, "toml-syntax", catalogue::of(lang).refused(refused))
        }],
        FileError::Invalid { origin, problems } => problems
            .iter()
            .map(|p| ErrorItem {
                line: p.at.map(|a| a.line),
                column: p.at.map(|a| a.column),
                key: Some(p.path.to_string()),
                ..at(origin, p.code(), p.words(lang))
            })
            .collect(),
    }
}

/// The message of a failed run in `lang`, the same walk for every
/// language: the chain of causes outside in, each said by what it is (the
/// flag or file it was met at, what cannot be done, the library's error,
/// which says the rest, or words hoshu did not make, as they are).
pub fn message(err: &anyhow::Error, lang: Lang) -> String {
    let mut said = Vec::new();
    for cause in err.chain() {
        if let Some(at) = cause.downcast_ref::<At>() {
            said.push(at.to_string());
        } else if let Some(i) = cause.downcast_ref::<Invalid>() {
            said.push(catalogue::of(lang).usage(&i.0));
        } else if let Some(o) = cause.downcast_ref::<OutputError>() {
            said.push(catalogue::of(lang).usage(&o.usage()));
            break;
        } else if let Some(m) = render::errors::message(cause, lang) {
            said.push(m);
            break;
        } else {
            // The system's words (an OS error): as they are.
            said.push(cause.to_string());
        }
    }
    said.join(": ")
}

/// Report a failed run on stderr, as text or as `hoshu.error.v1` JSON.
pub fn report(err: &anyhow::Error, json: bool, lang: Lang) {
    if json {
        let doc = ErrorDoc {
            schema: "hoshu.error.v1",
            errors: items(err, lang),
        };
        if let Ok(text) = serde_json::to_string(&doc) {
            let _ = writeln!(std::io::stderr().lock(), "{text}");
        }
    } else {
        say(&format!(
            "{}: {}",
            catalogue::of(lang).text(catalogue::Text::Error),
            message(err, lang)
        ));
    }
}

/// A usage error clap found, as `hoshu.error.v1` JSON.
pub fn report_usage_json(message: &str) {
    // clap's first line, without its own `error: ` and its help hint.
    let first = message.lines().next().unwrap_or_default();
    let first = first.strip_prefix("error: ").unwrap_or(first);
    let doc = serde_json::json!(ErrorDoc {
        schema: "hoshu.error.v1",
        errors: vec![ErrorItem::plain("usage", first.to_owned())],
    });
    let _ = writeln!(std::io::stderr().lock(), "{doc}");
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_problem_of_a_file_is_an_item_with_its_place() {
        let err = hoshu::system::System::from_toml(
            "name = \"\"\n[[servers]]\nrole = \"web\"\ncount = 0\n",
            "s.toml",
        )
        .unwrap_err();
        let items = items(&anyhow::Error::new(err), Lang::En);
        let summary: Vec<_> = items
            .iter()
            .map(|i| (i.code, i.line, i.column, i.key.as_deref()))
            .collect();
        assert_eq!(
            summary,
            [
                ("empty", Some(1), Some(1), Some("name")),
                ("invalid-value", Some(4), Some(9), Some("servers[0].count")),
            ]
        );
    }
}
