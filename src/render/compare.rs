//! Plans side by side as a table, as Markdown for a ticket or a pull
//! request, and as `hoshu.compare.v1` JSON.

use serde::Serialize;

use super::catalogue::{self, Catalogue, Msg, Text};
use super::{Column, Grid, Style, escape};
use crate::compare::{Budget, Comparison};
use crate::lang::Lang;
use crate::money::Yen;
use crate::rates::Work;

/// How to read an amount from a column.
type Pick = fn(&crate::compare::Column) -> Yen;

/// The rows of money: a name and how to read it from a column.
const MONEY_ROWS: [(Text, Pick); 7] = [
    (Text::MonthlyBeforeTax, |c| c.monthly.subtotal),
    (Text::MonthlyWithTaxRow, |c| c.monthly.total),
    (Text::AnnualBeforeTax, |c| c.annual.subtotal),
    (Text::AnnualWithTax, |c| c.annual.total),
    (Text::OneTimeBeforeTax, |c| c.one_time.subtotal),
    (Text::OneTimeWithTax, |c| c.one_time.total),
    (Text::FirstYearWithTax, |c| c.first_year.total),
];

/// The money rows of `c`: [`MONEY_ROWS`], and the first year's discounts
/// when the system has any.
fn money_rows(c: &Comparison) -> Vec<(Text, Pick)> {
    let mut rows = MONEY_ROWS.to_vec();
    if c.columns.iter().any(|col| !col.discounts.is_empty()) {
        rows.push((Text::DiscountsFirstYear, |c| c.first_year_discount()));
    }
    rows
}

fn header(c: &Comparison, cat: &dyn Catalogue) -> Vec<String> {
    std::iter::once(String::new())
        .chain(c.columns.iter().map(|col| {
            let titles = crate::quote::Titles {
                ja: col.title.clone(),
                en: col.title_en.clone(),
            };
            let title = cat
                .title(&titles)
                .map_or(String::new(), |t| format!(" ({})", escape(t)));
            let fits = if col.fits == Some(true) {
                format!(" {}", cat.text(Text::Fits))
            } else {
                String::new()
            };
            format!("{}{title}{fits}", escape(&col.plan))
        }))
        .collect()
}

/// The coverage rows: each kind of work, and spec changes (never covered).
fn coverage_rows(c: &Comparison, cat: &dyn Catalogue) -> Vec<Vec<String>> {
    let mark = |on: bool| if on { "✓" } else { "–" }.to_owned();
    let mut rows: Vec<Vec<String>> = Work::ALL
        .iter()
        .map(|w| {
            std::iter::once(cat.work(*w).to_owned())
                .chain(c.columns.iter().map(|col| mark(col.covers.contains(w))))
                .collect()
        })
        .collect();
    rows.push(
        std::iter::once(cat.text(Text::SpecChangesSeparately).to_owned())
            .chain(c.columns.iter().map(|_| mark(false)))
            .collect(),
    );
    rows.push(
        std::iter::once(cat.text(Text::FirstResponse).to_owned())
            .chain(c.columns.iter().map(|col| {
                col.response_hours
                    .map_or("–".to_owned(), |hours| cat.say(&Msg::Hours { hours }))
            }))
            .collect(),
    );
    rows
}

fn budget_line(c: &Comparison, cat: &dyn Catalogue) -> Option<String> {
    let (per_year, limit) = match c.budget? {
        Budget::Month(y) => (false, y),
        Budget::Year(y) => (true, y),
    };
    Some(cat.say(&Msg::Budget {
        limit,
        per_year,
        fit: c.fit.as_ref()?,
    }))
}

fn heading(c: &Comparison, cat: &dyn Catalogue) -> String {
    cat.say(&Msg::CompareHeading {
        system: &escape(&c.system),
        customer: c.customer.as_deref().map(escape).as_deref(),
        card: &escape(&c.rate_card.name),
        version: &escape(&c.rate_card.version),
        date: c.date,
    })
}

/// The comparison as sales read it.
pub fn table(c: &Comparison, style: Style, lang: Lang) -> String {
    let cat = catalogue::of(lang);
    let mut out = super::wrap(&heading(c, cat), style.width);
    out.push_str("\n\n");
    let plans = c.columns.len();
    let mut columns = vec![Column::TEXT];
    columns.extend(std::iter::repeat_n(Column::NUMBER, plans));
    let mut money = Grid::new(&columns, header(c, cat)).narrow_header();
    for (name, pick) in money_rows(c) {
        let mut row = vec![cat.text(name).to_owned()];
        row.extend(c.columns.iter().map(|col| pick(col).to_string()));
        money.row(row);
    }
    out.push_str(&money.render(style));
    out.push_str("\n\n");
    let mut columns = vec![Column::TEXT];
    columns.extend(std::iter::repeat_n(Column::LABEL, plans));
    let mut head = header(c, cat);
    head[0] = cat.text(Text::WhatThePlanCovers).to_owned();
    let mut coverage = Grid::new(&columns, head).narrow_header();
    for row in coverage_rows(c, cat) {
        coverage.row(row);
    }
    out.push_str(&coverage.render(style));
    out.push('\n');
    if let Some(line) = budget_line(c, cat) {
        out.push('\n');
        out.push_str(&super::wrap(&line, style.width));
        out.push('\n');
    }
    out
}

/// The comparison as GitHub-flavoured Markdown.
pub fn markdown(c: &Comparison, lang: Lang) -> String {
    let cat = catalogue::of(lang);
    let mut out = String::new();
    for (i, line) in heading(c, cat).lines().enumerate() {
        if i == 0 {
            out.push_str(&format!("### {}\n\n", super::markdown_cell(line)));
        } else {
            out.push_str(&format!("{}\n\n", super::markdown_cell(line)));
        }
    }
    let head = header(c, cat);
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
    for (name, pick) in money_rows(c) {
        let cells: Vec<String> = std::iter::once(cat.text(name).to_owned())
            .chain(c.columns.iter().map(|col| pick(col).to_string()))
            .collect();
        out.push_str(&row(&cells));
    }
    out.push('\n');
    let mut head = head;
    head[0] = cat.text(Text::WhatThePlanCovers).to_owned();
    out.push_str(&row(&head));
    out.push_str(&format!("|---|{}\n", ":---:|".repeat(c.columns.len())));
    for cells in coverage_rows(c, cat) {
        out.push_str(&row(&cells));
    }
    if let Some(line) = budget_line(c, cat) {
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
