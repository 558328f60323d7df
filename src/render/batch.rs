//! The text of batch problems: a row that failed, a header refused.
//!
//! Values from the file are shown escaped (see [`super::escape`]): the same
//! text goes to the terminal and into the `error` column.

use super::catalogue::{self, Msg, Text};
use super::grid::{Column, Grid};
use super::{Style, escape};
use crate::batch::{BatchError, FactSource, HeaderProblem, Reading, ResultWords, RowError};
use crate::coverage::Verdict;
use crate::intake::Field;
use crate::lang::Lang;

/// A row that could not be classified: `row 3 (line 4): …`.
pub fn row_error(e: &RowError, lang: Lang) -> String {
    catalogue::of(lang).row_error(e)
}

/// A header that cannot be classified by; `what` is `column` or `key`.
pub fn header_problem(p: &HeaderProblem, lang: Lang) -> String {
    catalogue::of(lang).header_problem(p, false)
}

/// A batch that stopped.
pub fn batch_error(e: &BatchError, lang: Lang) -> String {
    catalogue::of(lang).batch_error(e)
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
/// came, and the four results (six with `--comments`).
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
    /// With `--comments`: hours × the hourly rate with tax, in whole yen,
    /// or null (covered, no hours, or the row failed).
    #[serde(default)]
    estimate: Option<i64>,
    /// With `--comments`: the verdict as a ticket comment (Markdown), or
    /// null when the row failed.
    #[serde(default)]
    comment: Option<String>,
    /// The row's other keys, passed through.
    #[serde(flatten)]
    input: std::collections::BTreeMap<String, serde_json::Value>,
}

/// The JSON Schema (draft 2020-12) of a batch's JSON Lines output row.
pub fn schema() -> schemars::Schema {
    schemars::schema_for!(BatchRow)
}

/// What `--explain-columns` says: how each column of a batch is read, and
/// where each fact comes from.
pub struct ColumnsExplained<'a> {
    pub input: &'a str,
    /// The profile file, and the preset it (or `--preset`) starts from.
    pub profile: Option<&'a str>,
    pub preset: Option<&'a str>,
    pub names: &'a [String],
    pub readings: &'a [Reading],
    /// The profile's `[values.FACT]`, by fact.
    pub values: &'a dyn Fn(Field) -> Vec<(&'a str, &'a str)>,
    pub facts: &'a [(Field, FactSource)],
}

/// `--explain-columns` as a support engineer reads it: two tables.
pub fn explain_columns(e: &ColumnsExplained, style: Style, lang: Lang) -> String {
    let cat = catalogue::of(lang);
    let heading = cat.say(&Msg::ColumnsHeading {
        input: &escape(e.input),
        profile: e.profile.map(escape).as_deref(),
        preset: e.preset,
    });
    let mut out = super::wrap(&heading, style.width);
    out.push_str("\n\n");
    let mut columns = Grid::new(
        &[Column::LABEL, Column::TEXT],
        vec![
            cat.text(Text::Column).to_owned(),
            cat.text(Text::ReadAs).to_owned(),
        ],
    );
    for (name, reading) in e.names.iter().zip(e.readings) {
        let values = match reading {
            Reading::Fact { fact, .. } => (e.values)(*fact)
                .iter()
                .map(|(from, to)| format!("{} → {}", escape(from), escape(to)))
                .collect::<Vec<_>>()
                .join(", "),
            _ => String::new(),
        };
        columns.row(vec![
            escape(name).into_owned(),
            cat.column_reading(*reading, &values),
        ]);
    }
    out.push_str(&columns.render(style));
    out.push_str("\n\n");
    let mut facts = Grid::new(
        &[Column::LABEL, Column::TEXT],
        vec![
            cat.text(Text::Fact).to_owned(),
            cat.text(Text::From).to_owned(),
        ],
    );
    for (field, source) in e.facts {
        facts.row(vec![
            format!("{} ({})", field.column(), field.ja_column()),
            cat.fact_source(source),
        ]);
    }
    out.push_str(&facts.render(style));
    out.push('\n');
    out
}

/// The result columns and verdicts of a CSV written for people, in `lang`
/// (English: the ids themselves).
pub fn result_words(lang: Lang) -> ResultWords {
    let cat = catalogue::of(lang);
    ResultWords {
        columns: [
            Text::ResultVerdict,
            Text::ResultRule,
            Text::ResultWarrantyEnd,
            Text::ResultError,
            Text::ResultEstimate,
            Text::ResultComment,
        ]
        .map(|t| cat.text(t).to_owned()),
        covered: cat.verdict(Verdict::Covered).to_owned(),
        billable: cat.verdict(Verdict::Billable).to_owned(),
        negotiate: cat.verdict(Verdict::Negotiate).to_owned(),
    }
}
