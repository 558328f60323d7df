//! The text of batch problems: a row that failed, a header refused.
//!
//! Values from the file are shown escaped (see [`super::escape`]): the same
//! text goes to the terminal and into the `error` column.

use super::catalogue;
use crate::batch::{BatchError, HeaderProblem, RowError};
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
