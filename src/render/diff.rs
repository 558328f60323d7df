//! A quote diff as a table, as a pull-request comment (Markdown) and as
//! `hoshu.diff.v1` JSON.

use comfy_table::{Cell, CellAlignment};
use serde::Serialize;

use super::{Style, escape};
use crate::diff::{ChangeKind, Diff, TotalChange};
use crate::money::Yen;
use crate::quote::Recurrence;

/// A signed amount: `+¥1,000`, `-¥500`, `¥0`.
fn signed(y: Yen) -> String {
    match y.0 {
        0 => "¥0".to_owned(),
        n if n > 0 => format!("+{y}"),
        n => format!("-{}", Yen(-n)),
    }
}

/// Hundredths of a percent as `+12.34%`.
fn percent(bp: Option<i64>) -> String {
    match bp {
        None => "n/a".to_owned(),
        Some(bp) => {
            let sign = if bp > 0 {
                "+"
            } else if bp < 0 {
                "-"
            } else {
                ""
            };
            let a = bp.abs();
            format!("{sign}{}.{:02}%", a / 100, a % 100)
        }
    }
}

fn per(r: Recurrence) -> &'static str {
    match r {
        Recurrence::Monthly => "/mo",
        Recurrence::Yearly => "/yr",
        Recurrence::OneTime => "once",
    }
}

fn mark(k: ChangeKind) -> &'static str {
    match k {
        ChangeKind::Added => "+ added",
        ChangeKind::Removed => "- removed",
        ChangeKind::Changed => "~ changed",
    }
}

fn totals(d: &Diff) -> [(&'static str, &TotalChange); 3] {
    [
        ("Monthly", &d.monthly),
        ("Annual", &d.annual),
        ("One-time", &d.one_time),
    ]
}

/// The line a diff with no change prints.
pub fn no_change(d: &Diff) -> String {
    format!(
        "No change: {} and {} quote the same.\n",
        escape(&d.old),
        escape(&d.new)
    )
}

pub fn table(d: &Diff, style: Style) -> String {
    if d.is_empty() {
        return no_change(d);
    }
    let mut out = format!("Quote diff: {} → {}\n\n", escape(&d.old), escape(&d.new));
    if !d.changes.is_empty() {
        let mut lines = super::table(style);
        lines.set_header(["Change", "Item", "Before", "After", "Difference"]);
        for c in &d.changes {
            let money = |y: Option<Yen>| {
                Cell::new(y.map_or("–".to_owned(), |y| format!("{y} {}", per(c.recurrence))))
                    .set_alignment(CellAlignment::Right)
            };
            lines.add_row(vec![
                Cell::new(mark(c.kind)),
                Cell::new(format!("{}\n{}", escape(&c.item), escape(&c.key))),
                money(c.before),
                money(c.after),
                Cell::new(format!("{} {}", signed(c.difference), per(c.recurrence)))
                    .set_alignment(CellAlignment::Right),
            ]);
        }
        out.push_str(&lines.to_string());
        out.push_str("\n\n");
    }
    let mut sums = super::table(style);
    sums.set_header([
        "",
        "Before (税込)",
        "After (税込)",
        "Difference (税抜)",
        "Difference (税込)",
        "%",
    ]);
    for (name, t) in totals(d) {
        let right = |s: String| Cell::new(s).set_alignment(CellAlignment::Right);
        sums.add_row(vec![
            Cell::new(name),
            right(t.before.total.to_string()),
            right(t.after.total.to_string()),
            right(signed(t.difference)),
            right(signed(t.difference_with_tax)),
            right(percent(t.basis_points)),
        ]);
    }
    out.push_str(&sums.to_string());
    out.push('\n');
    out
}

/// A pull-request comment.
pub fn markdown(d: &Diff) -> String {
    if d.is_empty() {
        return no_change(d);
    }
    let mut out = format!(
        "### Maintenance quote: {} a month with tax ({})\n\n`{}` → `{}`\n\n",
        signed(d.monthly.difference_with_tax),
        percent(d.monthly.basis_points),
        super::markdown_cell(&d.old),
        super::markdown_cell(&d.new)
    );
    if !d.changes.is_empty() {
        out.push_str("| Change | Item | Before | After | Difference |\n|---|---|---:|---:|---:|\n");
        for c in &d.changes {
            let money = |y: Option<Yen>| {
                y.map_or("–".to_owned(), |y| format!("{y} {}", per(c.recurrence)))
            };
            out.push_str(&format!(
                "| {} | {} (`{}`) | {} | {} | {} {} |\n",
                mark(c.kind),
                super::markdown_cell(&c.item),
                super::markdown_cell(&c.key),
                money(c.before),
                money(c.after),
                signed(c.difference),
                per(c.recurrence)
            ));
        }
        out.push('\n');
    }
    out.push_str("| | Before (税込) | After (税込) | Difference (税抜) | Difference (税込) | % |\n|---|---:|---:|---:|---:|---:|\n");
    for (name, t) in totals(d) {
        out.push_str(&format!(
            "| {name} | {} | {} | {} | {} | {} |\n",
            t.before.total,
            t.after.total,
            signed(t.difference),
            signed(t.difference_with_tax),
            percent(t.basis_points)
        ));
    }
    out
}

#[derive(Serialize, schemars::JsonSchema)]
#[schemars(title = "hoshu.diff.v1")]
struct JsonDiff<'a> {
    schema: &'static str,
    changed: bool,
    #[serde(flatten)]
    diff: &'a Diff,
}

/// `hoshu.diff.v1` JSON.
pub fn json(d: &Diff) -> String {
    let mut text = serde_json::to_string_pretty(&JsonDiff {
        schema: "hoshu.diff.v1",
        changed: !d.is_empty(),
        diff: d,
    })
    .expect("a diff always serializes");
    text.push('\n');
    text
}

/// The JSON Schema (draft 2020-12) of `hoshu.diff.v1`.
pub fn schema() -> schemars::Schema {
    schemars::schema_for!(JsonDiff<'static>)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn signed_amounts_and_percents() {
        assert_eq!(signed(Yen(1000)), "+¥1,000");
        assert_eq!(signed(Yen(-500)), "-¥500");
        assert_eq!(percent(Some(1234)), "+12.34%");
        assert_eq!(percent(Some(-5)), "-0.05%");
        assert_eq!(percent(None), "n/a");
    }
}
