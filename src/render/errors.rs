//! Errors as a user reads them, in their language: a file's problems laid
//! out as rustc lays out its own (`error:`, `  --> file:line:column`, the
//! line and a caret), a fact's problem with its flag or column.
//!
//! Every library error is worded here and only here, by [`Worded`]: the
//! same path for every language, and each error's `Display` (for logs and
//! `{err:#}`) is that path in English.

use std::fmt;

use crate::batch::{BatchError, RowError};
use crate::coverage::CaseError;
use crate::date::DateError;
use crate::diff::SavedError;
use crate::error::Known;
use crate::file_error::{FileError, KeyProblem, Located};
use crate::intake::{FactProblem, IntakeError};
use crate::invoice::InvoiceError;
use crate::invoice::tickets::TicketsError;
use crate::key_path::LineCol;
use crate::lang::Lang;
use crate::money::Overflow;
use crate::quote::QuoteError;
use crate::register::RegisterError;

use super::catalogue::{self, Text};

/// A library error or problem, worded in a language.
pub trait Worded {
    fn words(&self, lang: Lang) -> String;
}

/// `Display` of each library error: its words in English.
macro_rules! english_display {
    ($($t:ty),* $(,)?) => {$(
        impl fmt::Display for $t {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(&self.words(Lang::En))
            }
        }
    )*};
}

english_display!(
    FileError,
    Located,
    KeyProblem,
    DateError,
    IntakeError,
    FactProblem,
    CaseError,
    QuoteError,
    SavedError,
    Overflow,
    RowError,
    BatchError,
    RegisterError,
    InvoiceError,
    TicketsError,
);

impl Worded for InvoiceError {
    fn words(&self, lang: Lang) -> String {
        catalogue::of(lang).invoice_error(self)
    }
}

impl Worded for TicketsError {
    fn words(&self, lang: Lang) -> String {
        catalogue::of(lang).tickets_error(self)
    }
}

impl Worded for RegisterError {
    fn words(&self, lang: Lang) -> String {
        catalogue::of(lang).register_error(self)
    }
}

impl Worded for KeyProblem {
    fn words(&self, lang: Lang) -> String {
        catalogue::of(lang).file_problem(self)
    }
}

impl Worded for Located {
    /// One problem at its key: `` `servers[0].count` is 0; … ``.
    fn words(&self, lang: Lang) -> String {
        let cat = catalogue::of(lang);
        let problem = cat.file_problem(&self.problem);
        if self.path.0.is_empty() {
            return problem;
        }
        cat.at_key(&self.path.to_string(), &problem, self.problem.is_refused())
    }
}

impl Worded for FileError {
    /// Every problem of a file, each an error of its own after the first.
    fn words(&self, lang: Lang) -> String {
        let cat = catalogue::of(lang);
        match self {
            FileError::Syntax {
                origin,
                refused,
                at,
                line_text,
            } => format!(
                "{}{}",
                cat.refused(refused),
                pointer(origin, *at, line_text.as_deref())
            ),
            FileError::Invalid { origin, problems } => {
                let mut out = String::new();
                for (i, problem) in problems.iter().enumerate() {
                    if i > 0 {
                        out.push_str(&format!("\n{}: ", cat.text(Text::Error)));
                    }
                    out.push_str(&problem.words(lang));
                    out.push_str(&pointer(origin, problem.at, problem.line_text.as_deref()));
                }
                out
            }
            FileError::Read { .. }
            | FileError::Folder { .. }
            | FileError::TooLarge { .. }
            | FileError::NotText { .. } => cat.file_unusable(self),
        }
    }
}

impl Worded for DateError {
    fn words(&self, lang: Lang) -> String {
        catalogue::of(lang).date_error(self)
    }
}

impl Worded for FactProblem {
    fn words(&self, lang: Lang) -> String {
        catalogue::of(lang).intake_problem(self)
    }
}

impl Worded for IntakeError {
    /// A fact that cannot be used: `--delivered: …`.
    fn words(&self, lang: Lang) -> String {
        format!("{}: {}", self.field.flag(), self.problem.words(lang))
    }
}

impl Worded for CaseError {
    /// Said as the fact it is about.
    fn words(&self, lang: Lang) -> String {
        IntakeError::from(*self).words(lang)
    }
}

impl Worded for QuoteError {
    fn words(&self, lang: Lang) -> String {
        catalogue::of(lang).quote_error(self)
    }
}

impl Worded for SavedError {
    fn words(&self, lang: Lang) -> String {
        catalogue::of(lang).saved_error(self)
    }
}

impl Worded for Overflow {
    fn words(&self, lang: Lang) -> String {
        catalogue::of(lang).text(Text::Overflow).to_owned()
    }
}

impl Worded for RowError {
    /// `row 3 (line 4): …`.
    fn words(&self, lang: Lang) -> String {
        catalogue::of(lang).row_error(self)
    }
}

impl Worded for BatchError {
    fn words(&self, lang: Lang) -> String {
        catalogue::of(lang).batch_error(self)
    }
}

impl Worded for Known<'_> {
    fn words(&self, lang: Lang) -> String {
        match *self {
            Known::File(e) => e.words(lang),
            Known::Intake(e) => e.words(lang),
            Known::Quote(e) => e.words(lang),
            Known::Batch(e) => e.words(lang),
            Known::Saved(e) => e.words(lang),
            Known::Register(e) => e.words(lang),
            Known::Invoice(e) => e.words(lang),
            Known::Tickets(e) => e.words(lang),
            Known::Overflow => Overflow.words(lang),
        }
    }
}

/// The message of a library error found in a chain of causes, in `lang`;
/// `None` for an error the library does not know.
pub fn message(err: &(dyn std::error::Error + 'static), lang: Lang) -> Option<String> {
    Known::find(err).map(|k| k.words(lang))
}

/// `  --> origin:line:column`, the line, and a caret under the column: the
/// layout rustc and clap users know.
fn pointer(origin: &str, at: Option<LineCol>, line: Option<&str>) -> String {
    let Some(at) = at else {
        return format!("\n  --> {origin}");
    };
    let mut out = format!("\n  --> {origin}:{}:{}", at.line, at.column);
    if let Some(line) = line {
        let number = at.line.to_string();
        let pad = " ".repeat(number.len());
        // A long line (a minified file, 100,000 characters on one line)
        // is shown as a window around the column, cut with `…`.
        let chars: Vec<char> = line.chars().collect();
        let column = at.column.saturating_sub(1).min(chars.len());
        let start = column.saturating_sub(WINDOW / 2);
        let end = (start + WINDOW).min(chars.len());
        let cut_before = if start > 0 { "…" } else { "" };
        let cut_after = if end < chars.len() { "…" } else { "" };
        let shown: String = chars[start..end].iter().collect();
        let before: String = std::iter::repeat_n(' ', cut_before.chars().count())
            .chain(
                chars[start..column]
                    .iter()
                    .map(|&c| if c == '\t' { '\t' } else { ' ' }),
            )
            .collect();
        out.push_str(&format!(
            "\n{pad} |\n{number} | {cut_before}{}{cut_after}\n{pad} | {before}^",
            super::escape(&shown)
        ));
    }
    out
}

/// The most characters of a source line shown under an error.
const WINDOW: usize = 120;
