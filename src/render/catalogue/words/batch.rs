//! A batch's row errors, header problems and its column map, decided once.

use super::super::Catalogue;
use super::super::template::Tpl;
use crate::batch::{
    Decided, FactSource, Fallback, HeaderProblem, LineProblem, Reading, RowError, RowProblem,
    TicketColumn,
};
use crate::intake::Field;
use crate::render::escape;

impl dyn Catalogue + '_ {
    /// `row 2 (line 3): column delivered: …`
    pub fn row_error(&self, e: &RowError) -> String {
        let problem = match &e.problem {
            RowProblem::Fact {
                error,
                column: Some(column),
            } => self.put(
                Tpl::RowColumn,
                &[
                    ("column", &escape(column)),
                    ("problem", &self.intake_problem(&error.problem)),
                ],
            ),
            RowProblem::Fact {
                error,
                column: None,
            } => self.put(
                Tpl::RowFactNotInRow,
                &[
                    ("fact", &self.fact_name(error.field)),
                    ("problem", &self.intake_problem(&error.problem)),
                ],
            ),
            RowProblem::NotText { column, encoding } => {
                let place = column.as_deref().map_or_else(
                    || self.put(Tpl::NotTextWholeLine, &[]),
                    |c| self.put(Tpl::NotTextColumn, &[("column", &escape(c))]),
                );
                let hint = match encoding {
                    Decided::Utf8 => self.template(Tpl::NotTextExcelHint),
                    Decided::ShiftJis => "",
                };
                self.put(
                    Tpl::RowNotText,
                    &[
                        ("place", &place),
                        ("encoding", &encoding.name()),
                        ("hint", &hint),
                    ],
                )
            }
            RowProblem::UnclosedQuote { opened } => {
                self.put(Tpl::RowUnclosedQuote, &[("opened", opened)])
            }
            RowProblem::TooManyFields { got, header } => {
                self.put(Tpl::RowTooManyFields, &[("got", got), ("header", header)])
            }
            RowProblem::Json(LineProblem::NotAnObject) => self.put(Tpl::RowNotAnObject, &[]),
            RowProblem::Json(LineProblem::Syntax(message)) => {
                self.put(Tpl::RowJsonSyntax, &[("message", &escape(message))])
            }
            RowProblem::Json(LineProblem::DuplicateKey(key)) => {
                self.put(Tpl::RowDuplicateKey, &[("key", &escape(key))])
            }
            RowProblem::FactNotText { key } => {
                self.put(Tpl::RowFactNotText, &[("key", &escape(key))])
            }
            RowProblem::Keys(problem) => self.header_problem(problem, true),
            RowProblem::NoFactGiven => self.put(Tpl::RowNoFactGiven, &[]),
            RowProblem::NotHours { column, got } => self.put(
                Tpl::RowNotHours,
                &[("column", &escape(column)), ("got", &escape(got))],
            ),
            RowProblem::UnknownProject { value, column, .. } if value.trim().is_empty() => {
                self.put(Tpl::RowNoProject, &[("column", &escape(column))])
            }
            RowProblem::UnknownProject {
                value,
                column,
                like,
            } => {
                let like = like.as_deref().map_or_else(String::new, |l| {
                    self.put(Tpl::DidYouMean, &[("name", &escape(l))])
                });
                self.put(
                    Tpl::RowUnknownProject,
                    &[
                        ("column", &escape(column)),
                        ("value", &escape(value)),
                        ("like", &like),
                    ],
                )
            }
        };
        self.put(
            Tpl::RowAt,
            &[("row", &e.row), ("line", &e.line), ("problem", &problem)],
        )
    }

    /// One header problem of a CSV file (its columns) or of a JSON Lines
    /// row (its keys, `key`).
    pub fn header_problem(&self, p: &HeaderProblem, key: bool) -> String {
        let what = self.template(if key {
            Tpl::HeaderKey
        } else {
            Tpl::HeaderColumn
        });
        match p {
            HeaderProblem::NearMiss { column, fact: f } => self.put(
                Tpl::HeaderNearMiss,
                &[
                    ("what", &what),
                    ("column", &escape(column)),
                    ("fact", &fact(*f)),
                    ("name", &f.column()),
                    ("mapping", &shell_word(&format!("{}={column}", f.column()))),
                    ("pass", &shell_word(column)),
                ],
            ),
            HeaderProblem::FactTwice {
                fact: f,
                first,
                second,
            } => self.put(
                Tpl::HeaderFactTwice,
                &[
                    ("fact", &fact(*f)),
                    ("first", &escape(first)),
                    ("second", &escape(second)),
                ],
            ),
            HeaderProblem::MappedMissing { fact: f, column } => self.put(
                Tpl::HeaderMappedMissing,
                &[
                    ("name", &f.column()),
                    ("column", &escape(column)),
                    ("what", &what),
                ],
            ),
            HeaderProblem::PassedMissing { column } => self.put(
                Tpl::HeaderPassedMissing,
                &[("column", &escape(column)), ("what", &what)],
            ),
            HeaderProblem::PassedFact { column, fact } => self.put(
                Tpl::HeaderPassedFact,
                &[
                    ("column", &escape(column)),
                    ("name", &fact.column()),
                    ("what", &what),
                ],
            ),
            HeaderProblem::NothingToClassifyBy => self.put(
                Tpl::HeaderNothingToClassifyBy,
                &[
                    ("what", &what),
                    ("facts", &Field::ALL.map(|f| f.column()).join(", ")),
                ],
            ),
            HeaderProblem::ProjectMissing { column } => self.put(
                Tpl::HeaderProjectMissing,
                &[("column", &escape(column)), ("what", &what)],
            ),
        }
    }

    /// How a batch reads one column (`hoshu classify --batch --columns`);
    /// `values` are the values a profile maps for it.
    pub fn column_reading(&self, r: Reading, values: &str) -> String {
        let fact = |f: Field| {
            self.put(
                Tpl::ReadingFactName,
                &[("name", &f.column()), ("ja", &f.ja_column())],
            )
        };
        match r {
            Reading::Fact { fact: f, mapped } => {
                let mut out = fact(f);
                if mapped {
                    out.push_str(self.template(Tpl::ReadingMapped));
                }
                if !values.is_empty() {
                    out.push_str(&self.put(Tpl::ReadingValues, &[("values", &values)]));
                }
                out
            }
            Reading::Twice(f) => self.put(Tpl::ReadingTwice, &[("fact", &fact(f))]),
            Reading::Ticket(TicketColumn::Id) => self.put(Tpl::ReadingTicketId, &[]),
            Reading::Ticket(TicketColumn::Title) => self.put(Tpl::ReadingTicketTitle, &[]),
            Reading::Ticket(TicketColumn::Hours) => self.put(Tpl::ReadingTicketHours, &[]),
            Reading::Result => self.put(Tpl::ReadingResult, &[]),
            Reading::Project => self.put(Tpl::ReadingProject, &[]),
            Reading::Pass { declared: true } => self.put(Tpl::ReadingPassDeclared, &[]),
            Reading::Pass { declared: false } => self.put(Tpl::ReadingPassUndeclared, &[]),
            Reading::NearMiss(f) => self.put(
                Tpl::ReadingNearMiss,
                &[("fact", &fact(f)), ("name", &f.column())],
            ),
        }
    }

    /// Where a batch takes a fact from: a column, and what fills it in.
    pub fn fact_source(&self, s: &FactSource) -> String {
        let fallback = |f: &Fallback| match f {
            Fallback::Flag(flag) => self.put(Tpl::FallbackFlag, &[("flag", flag)]),
            Fallback::System(key) => self.put(Tpl::FallbackSystem, &[("key", key)]),
            Fallback::ProjectSystem(key) => self.put(Tpl::FallbackProjectSystem, &[("key", key)]),
            Fallback::Profile => self.put(Tpl::FallbackProfile, &[]),
            Fallback::Today => self.put(Tpl::FallbackToday, &[]),
        };
        match (&s.column, &s.otherwise) {
            (Some(c), Some(f)) => self.put(
                Tpl::SourceColumnOr,
                &[("column", &escape(c)), ("fallback", &fallback(f))],
            ),
            (Some(c), None) => self.put(Tpl::SourceColumn, &[("column", &escape(c))]),
            (None, Some(f)) => fallback(f),
            (None, None) => self.put(Tpl::SourceNone, &[]),
        }
    }
}

/// A fact by both its names, as a header shows it: `` `delivered` (納品日) ``.
pub(super) fn fact(f: Field) -> String {
    format!("`{}` ({})", f.column(), f.ja_column())
}

/// `word` as one shell word, quoted when it must be, to copy into a command.
pub(super) fn shell_word(word: &str) -> String {
    let plain = !word.is_empty()
        && word.chars().all(|c| {
            c.is_alphanumeric() || matches!(c, '_' | '-' | '.' | '/' | ':' | '=' | ',' | '@')
        });
    if plain {
        word.to_owned()
    } else {
        format!("'{}'", escape(&word.replace('\'', "'\\''")))
    }
}
