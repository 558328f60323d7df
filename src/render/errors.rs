//! Errors as a user reads them, in their language: a file's problems laid
//! out as rustc lays out its own (`error:`, `  --> file:line:column`, the
//! line and a caret), a fact's problem with its flag or column.

use crate::error::Known;
use crate::file_error::{FileError, Located, pointer};
use crate::intake::IntakeError;
use crate::lang::Lang;
use crate::quote::QuoteError;

use super::catalogue::{self, Text};

/// One problem at its key: `` `servers[0].count` is 0; … ``.
pub fn located(p: &Located, lang: Lang) -> String {
    let cat = catalogue::of(lang);
    let problem = cat.file_problem(&p.problem);
    if p.path.0.is_empty() {
        return problem;
    }
    cat.at_key(&p.path.to_string(), &problem, p.problem.is_refused())
}

/// Every problem of a file, each an error of its own after the first.
pub fn file_error(e: &FileError, lang: Lang) -> String {
    let cat = catalogue::of(lang);
    match e {
        FileError::Syntax {
            origin,
            refused,
            at,
            line_text,
        } => format!(
            "{}{}",
            cat.syntax(refused),
            pointer(origin, *at, line_text.as_deref())
        ),
        FileError::Invalid { origin, problems } => {
            let mut out = String::new();
            for (i, problem) in problems.iter().enumerate() {
                if i > 0 {
                    out.push_str(&format!("\n{}: ", cat.text(Text::Error)));
                }
                out.push_str(&located(problem, lang));
                out.push_str(&pointer(origin, problem.at, problem.line_text.as_deref()));
            }
            out
        }
        FileError::Read { .. }
        | FileError::Folder { .. }
        | FileError::TooLarge { .. }
        | FileError::NotText { .. } => cat.file_unusable(e),
    }
}

/// A fact that cannot be used: `--delivered: …`.
pub fn intake_error(e: &IntakeError, lang: Lang) -> String {
    format!(
        "{}: {}",
        e.field.flag(),
        catalogue::of(lang).intake_problem(&e.problem)
    )
}

/// A quote that cannot be made.
pub fn quote_error(e: &QuoteError, lang: Lang) -> String {
    catalogue::of(lang).quote_error(e)
}

/// The message of a library error found in a chain of causes, in `lang`;
/// `None` for an error the library does not know.
pub fn message(err: &(dyn std::error::Error + 'static), lang: Lang) -> Option<String> {
    Some(match Known::find(err)? {
        Known::File(e) => file_error(e, lang),
        Known::Intake(e) => intake_error(e, lang),
        Known::Quote(e) => quote_error(e, lang),
        Known::Batch(e) => super::batch::batch_error(e, lang),
        Known::Saved(e) => catalogue::of(lang).saved_error(e),
        Known::Overflow => catalogue::of(lang).text(Text::Overflow).to_owned(),
    })
}
