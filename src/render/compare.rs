//! Plans side by side as a table, as Markdown for a ticket or a pull
//! request, and as `hoshu.compare.v1` JSON.

use comfy_table::{Cell, CellAlignment};
use serde::Serialize;

use super::{Style, escape};
use crate::compare::{Budget, Comparison, Fit};
use crate::money::Yen;
use crate::rates::Work;

/// How to read an amount from a column.
type Pick = fn(&crate::compare::Column) -> Yen;

/// The rows of money: a name and how to read it from a column.
const MONEY_ROWS: [(&str, Pick); 7] = [
    ("Monthly before tax", |c| c.monthly.subtotal),
    ("Monthly with tax", |c| c.monthly.total),
    ("Annual before tax", |c| c.annual.subtotal),
    ("Annual with tax", |c| c.annual.total),
    ("One-time before tax", |c| c.one_time.subtotal),
    ("One-time with tax", |c| c.one_time.total),
    ("First year with tax (12 months + one-time)", |c| {
        c.first_year.total
    }),
];

fn header(c: &Comparison) -> Vec<String> {
    std::iter::once(String::new())
        .chain(c.columns.iter().map(|col| {
            let title = col
                .title
                .as_ref()
                .map_or(String::new(), |t| format!(" ({})", escape(t)));
            let fits = if col.fits == Some(true) {
                " ✓ fits"
            } else {
                ""
            };
            format!("{}{title}{fits}", escape(&col.plan))
        }))
        .collect()
}

/// The coverage rows: each kind of work, and spec changes (never covered).
fn coverage_rows(c: &Comparison) -> Vec<Vec<String>> {
    let mark = |on: bool| if on { "✓" } else { "–" }.to_owned();
    let mut rows: Vec<Vec<String>> = Work::ALL
        .iter()
        .map(|w| {
            std::iter::once(
                super::catalogue::of(crate::lang::Lang::En)
                    .work(*w)
                    .to_owned(),
            )
            .chain(c.columns.iter().map(|col| mark(col.covers.contains(w))))
            .collect()
        })
        .collect();
    rows.push(
        std::iter::once("spec changes (quoted separately)".to_owned())
            .chain(c.columns.iter().map(|_| mark(false)))
            .collect(),
    );
    rows.push(
        std::iter::once("first response to a failure".to_owned())
            .chain(c.columns.iter().map(|col| {
                col.response_hours
                    .map_or("–".to_owned(), |h| format!("{h} h"))
            }))
            .collect(),
    );
    rows
}

fn budget_line(c: &Comparison) -> Option<String> {
    let budget = c.budget?;
    let (per, limit) = match budget {
        Budget::Month(y) => ("a month", y),
        Budget::Year(y) => ("a year", y),
    };
    Some(match c.fit.as_ref()? {
        Fit::Cheapest { plan } => format!(
            "Budget {limit} {per} with tax: the cheapest plan that fits is \"{}\".",
            escape(plan)
        ),
        Fit::NoneFits { cheapest, short } => format!(
            "Budget {limit} {per} with tax: no plan fits; the cheapest, \"{}\", is {short} over.",
            escape(cheapest)
        ),
    })
}

fn heading(c: &Comparison) -> String {
    let customer = c
        .customer
        .as_ref()
        .map_or(String::new(), |n| format!(" — {}", escape(n)));
    format!(
        "Plans compared: {}{customer}\nRate card: {} {} · Quote date: {}\n",
        escape(&c.system),
        escape(&c.rate_card.name),
        escape(&c.rate_card.version),
        c.date
    )
}

/// The comparison as sales read it.
pub fn table(c: &Comparison, style: Style) -> String {
    let mut out = heading(c);
    out.push('\n');
    let mut money = super::table(style);
    money.set_header(header(c));
    for (name, pick) in MONEY_ROWS {
        let mut row = vec![Cell::new(name)];
        row.extend(
            c.columns
                .iter()
                .map(|col| Cell::new(pick(col)).set_alignment(CellAlignment::Right)),
        );
        money.add_row(row);
    }
    out.push_str(&money.to_string());
    out.push_str("\n\n");
    let mut coverage = super::table(style);
    let mut head = header(c);
    head[0] = "What the plan covers".to_owned();
    coverage.set_header(head);
    for row in coverage_rows(c) {
        coverage.add_row(row);
    }
    out.push_str(&coverage.to_string());
    out.push('\n');
    if let Some(line) = budget_line(c) {
        out.push('\n');
        out.push_str(&super::wrap(&line, style.width));
        out.push('\n');
    }
    out
}

/// The comparison as GitHub-flavoured Markdown.
pub fn markdown(c: &Comparison) -> String {
    let mut out = format!(
        "### Plans compared: {}\n\nRate card {} {} · quote date {}\n\n",
        super::markdown_cell(&c.system),
        super::markdown_cell(&c.rate_card.name),
        super::markdown_cell(&c.rate_card.version),
        c.date
    );
    let head = header(c);
    let row = |cells: &[String]| {
        format!(
            "| {} |\n",
            cells
                .iter()
                .map(|c| super::markdown_cell(c))
                .collect::<Vec<_>>()
                .join(" | ")
        )
    };
    out.push_str(&row(&head));
    out.push_str(&format!("|---|{}\n", "---:|".repeat(c.columns.len())));
    for (name, pick) in MONEY_ROWS {
        let cells: Vec<String> = std::iter::once(name.to_owned())
            .chain(c.columns.iter().map(|col| pick(col).to_string()))
            .collect();
        out.push_str(&row(&cells));
    }
    out.push('\n');
    let mut head = head;
    head[0] = "What the plan covers".to_owned();
    out.push_str(&row(&head));
    out.push_str(&format!("|---|{}\n", ":---:|".repeat(c.columns.len())));
    for cells in coverage_rows(c) {
        out.push_str(&row(&cells));
    }
    if let Some(line) = budget_line(c) {
        out.push('\n');
        out.push_str(&line);
        out.push('\n');
    }
    out
}

#[derive(Serialize, schemars::JsonSchema)]
#[schemars(title = "hoshu.compare.v1")]
struct JsonComparison<'a> {
    schema: &'static str,
    #[serde(flatten)]
    comparison: &'a Comparison,
}

/// The comparison as `hoshu.compare.v1` JSON.
pub fn json(c: &Comparison) -> String {
    let mut text = serde_json::to_string_pretty(&JsonComparison {
        schema: "hoshu.compare.v1",
        comparison: c,
    })
    .expect("a comparison always serializes");
    text.push('\n');
    text
}

/// The JSON Schema (draft 2020-12) of `hoshu.compare.v1`.
pub fn schema() -> schemars::Schema {
    schemars::schema_for!(JsonComparison<'static>)
}
