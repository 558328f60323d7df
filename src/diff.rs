//! What changes between two versions of a quote, and by how much: lines
//! matched by their stable key (the cost factor and the item), and the
//! monthly, annual and one-time totals, before and with tax. Each side is a
//! quote just made from a system file or one saved as `hoshu.quote.v1` JSON.

use serde::{Deserialize, Serialize};

use crate::money::{Rounding, TaxRate, Totals, Yen};
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

/// A saved quote as much as a diff reads (and checks) of it.
#[derive(Deserialize)]
struct Saved {
    schema: String,
    #[serde(default)]
    quote_id: Option<String>,
    currency: String,
    tax_rate_percent: u32,
    tax_rounding: Rounding,
    lines: Vec<SavedLine>,
    /// Absent from quotes saved before discounts were.
    #[serde(default)]
    discounts: Vec<SavedDiscount>,
    monthly: Totals,
    annual: Totals,
    one_time: Totals,
}

#[derive(Deserialize)]
struct SavedLine {
    key: String,
    item: String,
    quantity: u64,
    unit_price: Yen,
    amount: Yen,
    recurrence: Recurrence,
}

#[derive(Deserialize)]
struct SavedDiscount {
    key: String,
    label: String,
    applies_to: crate::vocab::DiscountOn,
    #[serde(default)]
    percent: Option<u32>,
    base: Yen,
    amount: Yen,
    recurrence: Recurrence,
}

/// A saved quote that cannot be read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SavedError {
    /// Not JSON of a quote; `message` is the JSON reader's.
    NotAQuote { label: String, message: String },
    /// A JSON document of another schema.
    Schema { label: String, schema: String },
    /// A figure hoshu would not have written: the document was edited, or
    /// is not hoshu's. `field` is its JSON path (`monthly.total`,
    /// `lines[3].amount`).
    Figure {
        label: String,
        field: String,
        problem: SavedProblem,
    },
}

/// What is wrong with a saved figure.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SavedProblem {
    /// Not `JPY`: hoshu quotes in whole yen.
    Currency(String),
    /// A tax rate over 100%.
    TaxRate(u32),
    /// A negative amount or price.
    Negative(Yen),
    /// An amount that is not its quantity × unit price (`None`: the
    /// product is too large for hoshu).
    NotProduct {
        quantity: u64,
        unit_price: Yen,
        product: Option<Yen>,
    },
    /// A line key that stands on an earlier line too.
    Twice { key: String },
    /// A total that is not what its lines give, with the stated tax rate and
    /// rounding (`None`: the lines add up to more than hoshu can count).
    Total { stated: Yen, derived: Option<Yen> },
    /// A discount's amount above zero.
    DiscountAboveZero(Yen),
    /// A discount's base or amount that is not what the lines and the
    /// discount's own terms give (`None`: beyond counting).
    DiscountFigure { stated: Yen, derived: Option<Yen> },
    /// A discount's percent outside 1 to 100.
    DiscountPercent(u32),
    /// A discount's recurrence that is not its `applies_to`'s.
    DiscountRecurrence {
        applies_to: crate::vocab::DiscountOn,
        recurrence: Recurrence,
    },
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
                .chain(q.discounts.iter().map(|d| SideLine {
                    key: d.key.clone(),
                    item: d.label.clone(),
                    amount: d.amount,
                    recurrence: d.recurrence,
                }))
                .collect(),
            monthly: q.monthly,
            annual: q.annual,
            one_time: q.one_time,
        }
    }

    /// A quote saved as `hoshu.quote.v1` JSON, checked rather than
    /// trusted: every amount is its quantity × unit price, no line key
    /// stands twice, and every total is what the lines give with the
    /// stated tax rate and rounding, all counted without overflow.
    pub fn from_json(label: &str, text: &str) -> Result<Side, SavedError> {
        let text = text.strip_prefix('\u{feff}').unwrap_or(text);
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
        check(&saved).map_err(|(field, problem)| SavedError::Figure {
            label: label.to_owned(),
            field,
            problem,
        })?;
        Ok(Side {
            label: label.to_owned(),
            quote_id: saved.quote_id,
            lines: saved
                .lines
                .into_iter()
                .map(|l| SideLine {
                    key: l.key,
                    item: l.item,
                    amount: l.amount,
                    recurrence: l.recurrence,
                })
                .chain(saved.discounts.into_iter().map(|d| SideLine {
                    key: d.key,
                    item: d.label,
                    amount: d.amount,
                    recurrence: d.recurrence,
                }))
                .collect(),
            monthly: saved.monthly,
            annual: saved.annual,
            one_time: saved.one_time,
        })
    }
}

/// The first figure of `saved` that hoshu would not have written: its JSON
/// path and what is wrong.
fn check(saved: &Saved) -> Result<(), (String, SavedProblem)> {
    if saved.currency != "JPY" {
        return Err((
            "currency".into(),
            SavedProblem::Currency(saved.currency.clone()),
        ));
    }
    if saved.tax_rate_percent > 100 {
        return Err((
            "tax_rate_percent".into(),
            SavedProblem::TaxRate(saved.tax_rate_percent),
        ));
    }
    let rate = TaxRate(saved.tax_rate_percent);
    let mut keys = std::collections::HashSet::with_capacity(saved.lines.len());
    for (i, line) in saved.lines.iter().enumerate() {
        let at = |field: &str| format!("lines[{i}].{field}");
        for (field, yen) in [("unit_price", line.unit_price), ("amount", line.amount)] {
            if yen.0 < 0 {
                return Err((at(field), SavedProblem::Negative(yen)));
            }
        }
        let product = line.unit_price.checked_mul(line.quantity).ok();
        if product != Some(line.amount) {
            return Err((
                at("amount"),
                SavedProblem::NotProduct {
                    quantity: line.quantity,
                    unit_price: line.unit_price,
                    product,
                },
            ));
        }
        if !keys.insert(line.key.as_str()) {
            return Err((
                at("key"),
                SavedProblem::Twice {
                    key: line.key.clone(),
                },
            ));
        }
    }
    check_discounts(saved, &mut keys)?;
    // The totals as the quote engine makes them; `None`: the lines add up
    // to more than hoshu can count.
    let derived = crate::quote::totals(
        saved
            .lines
            .iter()
            .map(|l| (l.recurrence, l.amount))
            .chain(saved.discounts.iter().map(|d| (d.recurrence, d.amount))),
        rate,
        saved.tax_rounding,
    )
    .map_or([None; 3], |totals| totals.map(Some));
    for ((name, stated), derived) in [
        ("monthly", saved.monthly),
        ("annual", saved.annual),
        ("one_time", saved.one_time),
    ]
    .into_iter()
    .zip(derived)
    {
        for (field, stated, derived) in [
            ("subtotal", stated.subtotal, derived.map(|d| d.subtotal)),
            ("tax", stated.tax, derived.map(|d| d.tax)),
            ("total", stated.total, derived.map(|d| d.total)),
        ] {
            if Some(stated) != derived {
                return Err((
                    format!("{name}.{field}"),
                    SavedProblem::Total { stated, derived },
                ));
            }
            // Discounts never take a period below zero (the quote engine
            // refuses them).
            if stated.0 < 0 {
                return Err((format!("{name}.{field}"), SavedProblem::Negative(stated)));
            }
        }
    }
    Ok(())
}

/// The first discount of `saved` that the quote engine would not have
/// taken from its lines: each base, percent and amount re-derived, and
/// each key new.
fn check_discounts<'a>(
    saved: &'a Saved,
    keys: &mut std::collections::HashSet<&'a str>,
) -> Result<(), (String, SavedProblem)> {
    use crate::quote::{discount_amount, discount_base, sums};
    let Ok(sums) = sums(saved.lines.iter().map(|l| (l.recurrence, l.amount))) else {
        // Lines beyond counting: the totals' check says so.
        return Ok(());
    };
    for (i, d) in saved.discounts.iter().enumerate() {
        let at = |field: &str| format!("discounts[{i}].{field}");
        let differs = |field: &str, stated: Yen, derived: Option<Yen>| {
            Err((at(field), SavedProblem::DiscountFigure { stated, derived }))
        };
        if d.amount.0 > 0 {
            return Err((at("amount"), SavedProblem::DiscountAboveZero(d.amount)));
        }
        if d.recurrence != d.applies_to.recurrence() {
            return Err((
                at("recurrence"),
                SavedProblem::DiscountRecurrence {
                    applies_to: d.applies_to,
                    recurrence: d.recurrence,
                },
            ));
        }
        let base = discount_base(d.applies_to, sums).ok();
        if base != Some(d.base) {
            return differs("base", d.base, base);
        }
        if let Some(p) = d.percent {
            if !(1..=100).contains(&p) {
                return Err((at("percent"), SavedProblem::DiscountPercent(p)));
            }
            let amount = discount_amount(None, Some(p), d.base).ok();
            if amount != Some(d.amount) {
                return differs("amount", d.amount, amount);
            }
        }
        if !keys.insert(d.key.as_str()) {
            return Err((at("key"), SavedProblem::Twice { key: d.key.clone() }));
        }
    }
    Ok(())
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
    fn index(side: &Side) -> std::collections::HashMap<&str, &SideLine> {
        side.lines.iter().map(|l| (l.key.as_str(), l)).collect()
    }
    let (old_lines, new_lines) = (index(old), index(new));
    for line in &new.lines {
        match old_lines.get(line.key.as_str()) {
            None => changes.push(Change {
                key: line.key.clone(),
                item: line.item.clone(),
                kind: ChangeKind::Added,
                recurrence: line.recurrence,
                before: None,
                after: Some(line.amount),
                difference: line.amount,
            }),
            Some(&was) if was.amount != line.amount || was.recurrence != line.recurrence => changes
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
        if !new_lines.contains_key(line.key.as_str()) {
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
        self.checks(d).iter().any(|c| c.tripped)
    }

    /// Each gate given, with the change it was held against.
    pub fn checks(&self, d: &Diff) -> Vec<GateCheck> {
        let rise = d.monthly.difference_with_tax.0;
        let mut out = Vec::new();
        if let Some(limit) = self.yen {
            out.push(GateCheck {
                on: GateOn::Yen,
                threshold: limit.0,
                value: Some(rise),
                tripped: rise > limit.0,
            });
        }
        if let Some(limit) = self.basis_points {
            // Exactly: rise / before > limit / 10000, without rounding.
            let before = i128::from(d.monthly.before.total.0);
            let tripped = if before == 0 {
                rise > 0
            } else {
                i128::from(rise) * 10_000 > i128::from(limit) * before
            };
            out.push(GateCheck {
                on: GateOn::Percent,
                threshold: limit,
                value: d.monthly.basis_points,
                tripped,
            });
        }
        out
    }
}

/// What a gate is held against: the monthly total with tax's rise.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, schemars::JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum GateOn {
    /// In yen (`--fail-above`).
    Yen,
    /// In hundredths of a percent (`--fail-above-percent`).
    Percent,
}

/// One gate, held against the change: its threshold and the change in
/// the same unit (yen, or hundredths of a percent; none when the total
/// was 0), and whether it tripped.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, schemars::JsonSchema)]
pub struct GateCheck {
    pub on: GateOn,
    pub threshold: i64,
    pub value: Option<i64>,
    pub tripped: bool,
}
