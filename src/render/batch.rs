//! The text of batch problems: a row that failed, a header refused.
//!
//! Values from the file are shown escaped (see [`super::escape`]): the same
//! text goes to the terminal and into the `error` column.

use super::escape;
use crate::batch::{BatchError, Decided, HeaderProblem, LineProblem, RowError, RowProblem};
use crate::intake::Field;

/// `row 2 (line 3): column delivered: …`
pub fn row_error(e: &RowError) -> String {
    let what = match &e.problem {
        RowProblem::Fact(f) => format!("column {}: {}", f.field.column(), f.problem),
        RowProblem::NotText { column, encoding } => format!(
            "column {}: not valid {} text; the row is passed through as it is{}",
            escape(column),
            encoding.name(),
            match encoding {
                Decided::Utf8 => " (a file saved by Excel in Japan may need --encoding shift_jis)",
                Decided::ShiftJis => "",
            }
        ),
        RowProblem::TooManyFields { got, header } => format!(
            "has {got} fields but the header has {header}: is a comma in a cell not quoted? \
             The row is not classified; the output keeps its first {header} fields, \
             --rejects keeps the whole row"
        ),
        RowProblem::Json(LineProblem::NotAnObject) => {
            "not a JSON object: a JSON Lines row is one object `{...}` on one line".to_owned()
        }
        RowProblem::Json(LineProblem::Syntax(message)) => {
            format!("not a JSON object that can be read: {}", escape(message))
        }
        RowProblem::Json(LineProblem::DuplicateKey(key)) => format!(
            "the key `{}` is given twice; give each key once",
            escape(key)
        ),
        RowProblem::FactNotText { key } => {
            format!("key {}: give text, a whole number or null", escape(key))
        }
        RowProblem::Keys(problem) => header_problem(problem, "key"),
    };
    format!("row {} (line {}): {what}", e.row, e.line)
}

/// `word` as one shell word, quoted when it must be, to copy into a command.
fn shell_word(word: &str) -> String {
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

fn fact(f: Field) -> String {
    format!("`{}` ({})", f.column(), f.ja_column())
}

/// One header problem; `what` is "column" (CSV) or "key" (JSON Lines).
pub fn header_problem(p: &HeaderProblem, what: &str) -> String {
    match p {
        HeaderProblem::NearMiss { column, fact: f } => format!(
            "the {what} `{}` looks like the fact {} but is not its exact name, so it would not be read; \
             rename it to `{}`, map it with --column {}, or pass it through unread with --pass {}",
            escape(column),
            fact(*f),
            f.column(),
            shell_word(&format!("{}={column}", f.column())),
            shell_word(column),
        ),
        HeaderProblem::FactTwice {
            fact: f,
            first,
            second,
        } => format!(
            "the fact {} is given twice, by `{}` and by `{}`; keep one",
            fact(*f),
            escape(first),
            escape(second)
        ),
        HeaderProblem::MappedMissing { fact: f, column } => format!(
            "--column {}={} names a {what} the file does not have",
            f.column(),
            escape(column)
        ),
        HeaderProblem::PassedMissing { column } => format!(
            "--pass {} names a {what} the file does not have",
            escape(column)
        ),
        HeaderProblem::NothingToClassifyBy => format!(
            "nothing to classify by: no {what} is a fact ({}), and no fact flag or --system gives one",
            Field::ALL.map(|f| f.column()).join(", ")
        ),
    }
}

/// A batch that stopped.
pub fn batch_error(e: &BatchError) -> String {
    match e {
        BatchError::Io(_) => "cannot read or write the batch".to_owned(),
        BatchError::Csv(message) => {
            format!("the input is not CSV that can be read: {}", escape(message))
        }
        BatchError::NoHeader => {
            "the input is empty: a CSV batch needs a header row naming its columns".to_owned()
        }
        BatchError::Header(problems) => {
            let lines: Vec<String> = problems
                .iter()
                .map(|p| header_problem(p, "column"))
                .collect();
            format!(
                "the header cannot be classified by; nothing was read or written:\n  {}",
                lines.join("\n  ")
            )
        }
    }
}

/// The verdict cell of a batch row: empty when the row failed.
#[derive(schemars::JsonSchema)]
#[serde(rename_all = "snake_case")]
#[allow(dead_code)] // a schema only
enum VerdictCell {
    #[serde(rename = "")]
    Failed,
    Covered,
    Billable,
    Negotiate,
}

/// A JSON Lines row of `classify --batch`: the input's own keys, as they
/// came, and the four results.
#[derive(schemars::JsonSchema)]
#[schemars(title = "hoshu batch row")]
#[allow(dead_code)] // a schema only
struct BatchRow {
    verdict: VerdictCell,
    /// The deciding rule's id; empty when the row failed.
    rule: String,
    /// `YYYY-MM-DD`, or empty when there is no warranty.
    warranty_end: String,
    /// What is wrong with the row, or null.
    error: Option<String>,
    /// The row's other keys, passed through.
    #[serde(flatten)]
    input: std::collections::BTreeMap<String, serde_json::Value>,
}

/// The JSON Schema (draft 2020-12) of a batch's JSON Lines output row.
pub fn schema() -> schemars::Schema {
    schemars::schema_for!(BatchRow)
}
