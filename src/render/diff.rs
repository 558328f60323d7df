//! A quote diff as a table, as a pull-request comment (Markdown) and as
//! `hoshu.diff.v1` JSON.

use serde::Serialize;

use super::catalogue::{self, Catalogue, Msg, Text};
use super::{Column, Grid, Style, escape};
use crate::diff::{ChangeKind, Diff, GateCheck, GateOn, TotalChange};
use crate::lang::Lang;
use crate::money::Yen;

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

fn mark(k: ChangeKind) -> Text {
    match k {
        ChangeKind::Added => Text::Added,
        ChangeKind::Removed => Text::Removed,
        ChangeKind::Changed => Text::Changed,
    }
}

fn totals(d: &Diff) -> [(Text, &TotalChange); 3] {
    [
        (Text::Monthly, &d.monthly),
        (Text::Annual, &d.annual),
        (Text::OneTime, &d.one_time),
    ]
}

/// The line a diff with no change prints.
pub fn no_change(d: &Diff, lang: Lang) -> String {
    let mut out = catalogue::of(lang).say(&Msg::NoChange {
        old: &escape(&d.old),
        new: &escape(&d.new),
    });
    out.push('\n');
    out
}

/// The sums' header: before and after with tax, the difference both ways.
fn sums_header(cat: &dyn Catalogue) -> [&'static str; 6] {
    [
        "",
        cat.text(Text::BeforeWithTax),
        cat.text(Text::AfterWithTax),
        cat.text(Text::DifferenceBeforeTax),
        cat.text(Text::DifferenceWithTax),
        "%",
    ]
}

pub fn table(d: &Diff, style: Style, lang: Lang) -> String {
    if d.is_empty() {
        return no_change(d, lang);
    }
    let cat = catalogue::of(lang);
    let heading = cat.say(&Msg::DiffHeading {
        old: &escape(&d.old),
        new: &escape(&d.new),
    });
    let mut out = super::wrap(&heading, style.width);
    out.push_str("\n\n");
    if !d.changes.is_empty() {
        let mut lines = Grid::new(
            &[
                Column::LABEL,
                Column::TEXT,
                Column::NUMBER,
                Column::NUMBER,
                Column::NUMBER,
            ],
            [
                Text::Change,
                Text::Item,
                Text::Before,
                Text::After,
                Text::Difference,
            ]
            .map(|t| cat.text(t).to_owned())
            .to_vec(),
        );
        for c in &d.changes {
            let per = cat.per(c.recurrence);
            let money = |y: Option<Yen>| y.map_or("–".to_owned(), |y| format!("{y} {per}"));
            lines.row(vec![
                cat.text(mark(c.kind)).to_owned(),
                format!("{}\n{}", escape(&c.item), escape(&c.key)),
                money(c.before),
                money(c.after),
                format!("{} {per}", signed(c.difference)),
            ]);
        }
        out.push_str(&lines.render(style));
        out.push_str("\n\n");
    }
    let mut columns = vec![Column::TEXT];
    columns.extend([Column::NUMBER; 5]);
    let mut sums = Grid::new(&columns, sums_header(cat).map(str::to_owned).to_vec());
    for (name, t) in totals(d) {
        sums.row(vec![
            cat.text(name).to_owned(),
            t.before.total.to_string(),
            t.after.total.to_string(),
            signed(t.difference),
            signed(t.difference_with_tax),
            percent(t.basis_points),
        ]);
    }
    out.push_str(&sums.render(style));
    out.push('\n');
    out
}

/// A pull-request comment.
pub fn markdown(d: &Diff, lang: Lang) -> String {
    if d.is_empty() {
        return no_change(d, lang);
    }
    let cat = catalogue::of(lang);
    let mut out = format!(
        "### {}\n\n{} → {}\n\n",
        cat.say(&Msg::DiffSummary {
            monthly: &signed(d.monthly.difference_with_tax),
            percent: &percent(d.monthly.basis_points),
        }),
        super::markdown_code(&d.old),
        super::markdown_code(&d.new)
    );
    if !d.changes.is_empty() {
        out.push_str(&format!(
            "| {} | {} | {} | {} | {} |\n|---|---|---:|---:|---:|\n",
            cat.text(Text::Change),
            cat.text(Text::Item),
            cat.text(Text::Before),
            cat.text(Text::After),
            cat.text(Text::Difference),
        ));
        for c in &d.changes {
            let per = cat.per(c.recurrence);
            let money = |y: Option<Yen>| y.map_or("–".to_owned(), |y| format!("{y} {per}"));
            out.push_str(&format!(
                "| {} | {} ({}) | {} | {} | {} {per} |\n",
                cat.text(mark(c.kind)),
                super::markdown_cell(&c.item),
                super::markdown_code(&c.key),
                money(c.before),
                money(c.after),
                signed(c.difference),
            ));
        }
        out.push('\n');
    }
    out.push_str(&format!(
        "| |{} |\n|---|---:|---:|---:|---:|---:|\n",
        sums_header(cat)[1..]
            .iter()
            .map(|h| format!(" {h}"))
            .collect::<Vec<_>>()
            .join(" |")
    ));
    for (name, t) in totals(d) {
        out.push_str(&format!(
            "| {} | {} | {} | {} | {} | {} |\n",
            cat.text(name),
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
    /// The gates given (`--fail-above`, `--fail-above-percent`), each with
    /// its threshold, the change and whether it tripped; empty without.
    gate: &'a [GateCheck],
}

/// `hoshu.diff.v1` JSON, with the gates held against it.
pub fn json(d: &Diff, gate: &[GateCheck]) -> String {
    let mut text = serde_json::to_string_pretty(&JsonDiff {
        schema: "hoshu.diff.v1",
        changed: !d.is_empty(),
        diff: d,
        gate,
    })
    .expect("a diff always serializes");
    text.push('\n');
    text
}

/// The JSON Schema (draft 2020-12) of `hoshu.diff.v1`.
pub fn schema() -> schemars::Schema {
    schemars::schema_for!(JsonDiff<'static>)
}

/// What a tripped gate says on stderr: which gate, its threshold and the
/// change.
pub fn gate_tripped(c: &GateCheck, lang: Lang) -> String {
    let cat = catalogue::of(lang);
    let (flag, threshold, change) = match c.on {
        GateOn::Yen => (
            "--fail-above",
            Yen(c.threshold).to_string(),
            signed(Yen(c.value.unwrap_or_default())),
        ),
        GateOn::Percent => (
            "--fail-above-percent",
            percent(Some(c.threshold))
                .trim_start_matches('+')
                .to_owned(),
            percent(c.value),
        ),
    };
    cat.say(&Msg::GateTripped {
        flag,
        threshold: &threshold,
        change: &change,
    })
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
