//! What changes between two versions of a quote, and by how much: lines
//! matched by their stable key (the cost factor and the item), and the
//! monthly, annual and one-time totals, before and with tax. Each side is a
//! quote just made from a system file or one saved as `hoshu.quote.v1` JSON.

use serde::{Deserialize, Serialize};

use crate::money::{Totals, Yen};
use crate::quote::{Quote, Recurrence};

/// One side of a diff: its lines and totals.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Side {
    /// Where it came from (a file name).
    pub label: String,
    pub quote_id: Option<String>,
    pub lines: Vec<SideLine>,
    pub monthly: Totals,
    pub annual: Totals,
    pub one_time: Totals,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SideLine {
    pub key: String,
    pub item: String,
    pub amount: Yen,
    pub recurrence: Recurrence,
}

/// A saved quote as much as a diff reads of it.
#[derive(Deserialize)]
struct Saved {
    schema: String,
    #[serde(default)]
    quote_id: Option<String>,
    lines: Vec<SideLine>,
    monthly: Totals,
    annual: Totals,
    one_time: Totals,
}

/// A saved quote that cannot be read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SavedError {
    /// Not JSON of a quote; `message` is the JSON reader's.
    NotAQuote { label: String, message: String },
    /// A JSON document of another schema.
    Schema { label: String, schema: String },
}

impl std::error::Error for SavedError {}

impl Side {
    /// A quote just made; `item` names each line (the render layer's words).
    pub fn from_quote(label: &str, q: &Quote, item: impl Fn(&crate::quote::Why) -> String) -> Side {
        Side {
            label: label.to_owned(),
            quote_id: Some(q.quote_id.clone()),
            lines: q
                .lines
                .iter()
                .map(|l| SideLine {
                    key: l.key.clone(),
                    item: item(&l.why),
                    amount: l.amount,
                    recurrence: l.recurrence,
                })
                .collect(),
            monthly: q.monthly,
            annual: q.annual,
            one_time: q.one_time,
        }
    }

    /// A quote saved as `hoshu.quote.v1` JSON.
    pub fn from_json(label: &str, text: &str) -> Result<Side, SavedError> {
        let saved: Saved = serde_json::from_str(text).map_err(|e| SavedError::NotAQuote {
            label: label.to_owned(),
            message: e.to_string(),
        })?;
        if saved.schema != "hoshu.quote.v1" {
            return Err(SavedError::Schema {
                label: label.to_owned(),
                schema: saved.schema,
            });
        }
        Ok(Side {
            label: label.to_owned(),
            quote_id: saved.quote_id,
            lines: saved.lines,
            monthly: saved.monthly,
            annual: saved.annual,
            one_time: saved.one_time,
        })
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, schemars::JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum ChangeKind {
    Added,
    Removed,
    Changed,
}

/// A line that is new, gone, or priced differently.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, schemars::JsonSchema)]
pub struct Change {
    pub key: String,
    pub item: String,
    pub kind: ChangeKind,
    pub recurrence: Recurrence,
    pub before: Option<Yen>,
    pub after: Option<Yen>,
    pub difference: Yen,
}

/// How a total moved.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, schemars::JsonSchema)]
pub struct TotalChange {
    pub before: Totals,
    pub after: Totals,
    /// After less before, tax excluded.
    pub difference: Yen,
    /// After less before, tax included.
    pub difference_with_tax: Yen,
    /// The change with tax in hundredths of a percent of before (rounded
    /// toward zero); `None` when before was 0.
    pub basis_points: Option<i64>,
}

impl TotalChange {
    fn of(before: Totals, after: Totals) -> TotalChange {
        let with_tax = after.total.0 - before.total.0;
        TotalChange {
            before,
            after,
            difference: Yen(after.subtotal.0 - before.subtotal.0),
            difference_with_tax: Yen(with_tax),
            basis_points: (before.total.0 != 0)
                .then(|| (i128::from(with_tax) * 10_000 / i128::from(before.total.0)) as i64),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, schemars::JsonSchema)]
pub struct Diff {
    pub old: String,
    pub new: String,
    pub old_quote_id: Option<String>,
    pub new_quote_id: Option<String>,
    pub changes: Vec<Change>,
    pub monthly: TotalChange,
    pub annual: TotalChange,
    pub one_time: TotalChange,
}

impl Diff {
    /// Nothing changed: no line and no total.
    pub fn is_empty(&self) -> bool {
        self.changes.is_empty()
            && [self.monthly, self.annual, self.one_time]
                .iter()
                .all(|t| t.before == t.after)
    }
}

/// The lines of `old` and `new` matched by key, in `new`'s order with the
/// removed ones where they stood in `old`.
pub fn diff(old: &Side, new: &Side) -> Diff {
    let mut changes = Vec::new();
    let find = |side: &Side, key: &str| side.lines.iter().find(|l| l.key == key).cloned();
    for line in &new.lines {
        match find(old, &line.key) {
            None => changes.push(Change {
                key: line.key.clone(),
                item: line.item.clone(),
                kind: ChangeKind::Added,
                recurrence: line.recurrence,
                before: None,
                after: Some(line.amount),
                difference: line.amount,
            }),
            Some(was) if was.amount != line.amount || was.recurrence != line.recurrence => changes
                .push(Change {
                    key: line.key.clone(),
                    item: line.item.clone(),
                    kind: ChangeKind::Changed,
                    recurrence: line.recurrence,
                    before: Some(was.amount),
                    after: Some(line.amount),
                    difference: Yen(line.amount.0 - was.amount.0),
                }),
            Some(_) => {}
        }
    }
    for line in &old.lines {
        if find(new, &line.key).is_none() {
            changes.push(Change {
                key: line.key.clone(),
                item: line.item.clone(),
                kind: ChangeKind::Removed,
                recurrence: line.recurrence,
                before: Some(line.amount),
                after: None,
                difference: Yen(-line.amount.0),
            });
        }
    }
    Diff {
        old: old.label.clone(),
        new: new.label.clone(),
        old_quote_id: old.quote_id.clone(),
        new_quote_id: new.quote_id.clone(),
        changes,
        monthly: TotalChange::of(old.monthly, new.monthly),
        annual: TotalChange::of(old.annual, new.annual),
        one_time: TotalChange::of(old.one_time, new.one_time),
    }
}

/// A CI gate: trips when the monthly total with tax rises by more than
/// `yen`, or by more than `percent` percent.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Gate {
    pub yen: Option<Yen>,
    /// In hundredths of a percent.
    pub basis_points: Option<i64>,
}

impl Gate {
    pub fn tripped(&self, d: &Diff) -> bool {
        let rise = d.monthly.difference_with_tax.0;
        self.yen.is_some_and(|y| rise > y.0)
            || self.basis_points.is_some_and(|limit| {
                // Exactly: rise / before > limit / 10000, without rounding.
                let before = i128::from(d.monthly.before.total.0);
                if before == 0 {
                    rise > 0
                } else {
                    i128::from(rise) * 10_000 > i128::from(limit) * before
                }
            })
    }
}
