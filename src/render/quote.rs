//! A quote as a table for people and as JSON (`hoshu.quote.v1`) for scripts.

use comfy_table::{Attribute, Cell, CellAlignment};
use serde::Serialize;

use super::{Style, escape, text};
use crate::money::{Rounding, Totals, Yen};
use crate::quote::{Band, Factor, Line, Quote, Recurrence};

fn factor_name(factor: Factor) -> &'static str {
    match factor {
        Factor::Access => "Access volume",
        Factor::Servers => "Managed servers",
        Factor::Sites => "Sites",
        Factor::WebSystems => "Web systems",
        Factor::Payments => "Payments",
        Factor::Apps => "Smartphone apps",
        Factor::Services => "Managed services",
        Factor::Plan => "Maintenance plan",
        Factor::OneTime => "One-time",
    }
}

fn factor_label(factor: Factor) -> String {
    match factor.code() {
        Some(code) => format!("{code} {}", factor_name(factor)),
        None => factor_name(factor).to_owned(),
    }
}

fn money(yen: Yen) -> Cell {
    Cell::new(yen).set_alignment(CellAlignment::Right)
}

fn rounding(r: Rounding) -> &'static str {
    match r {
        Rounding::Floor => "rounded down",
        Rounding::Ceil => "rounded up",
        Rounding::HalfUp => "rounded half up",
    }
}

/// The quote as sales read it: a heading, the lines grouped by factor, the
/// three totals with tax on its own row.
pub fn table(quote: &Quote, style: Style) -> String {
    let mut out = String::new();
    let customer = quote
        .customer
        .as_ref()
        .map_or(String::new(), |c| format!(" — {}", escape(c)));
    out.push_str(&format!(
        "Maintenance quote: {}{customer}\n",
        escape(&quote.system)
    ));
    let title = quote
        .plan_title
        .as_ref()
        .map_or(String::new(), |t| format!(" ({})", escape(t)));
    out.push_str(&format!(
        "Plan: {}{title} · Rate card: {} {}\nQuote date: {} · No. {}\n\n",
        escape(&quote.plan),
        escape(&quote.rate_card.name),
        escape(&quote.rate_card.version),
        quote.date,
        quote.quote_id
    ));

    let mut lines = super::table(style);
    lines.set_header(["Factor", "Item and why", "Qty", "Unit price", "Amount"]);
    let mut previous = None;
    for line in &quote.lines {
        let label = if previous == Some(line.factor) {
            String::new()
        } else {
            factor_label(line.factor)
        };
        previous = Some(line.factor);
        let unit = match line.recurrence {
            Recurrence::OneTime => " once",
            Recurrence::Yearly => " /yr",
            Recurrence::Monthly => " /mo",
        };
        lines.add_row(vec![
            Cell::new(label),
            // Names come from the user: shown escaped, so that a CR or an
            // ESC in a role cannot forge a row or drive the terminal.
            Cell::new(format!(
                "{}\n{}",
                escape(&text::item(&line.why)),
                escape(&text::why(&line.why))
            )),
            Cell::new(line.quantity).set_alignment(CellAlignment::Right),
            money(line.unit_price),
            Cell::new(format!("{}{unit}", line.amount)).set_alignment(CellAlignment::Right),
        ]);
    }
    out.push_str(&lines.to_string());
    out.push_str("\n\n");

    let mut totals = super::table(style);
    totals.set_header(["", "Monthly", "Annual (12 months)", "One-time"]);
    let all = [quote.monthly, quote.annual, quote.one_time];
    let row = |name: String, pick: fn(&Totals) -> Yen, bold: bool| {
        let mut cells = vec![Cell::new(name)];
        cells.extend(all.iter().map(|t| money(pick(t))));
        if bold {
            cells = cells
                .into_iter()
                .map(|c| c.add_attribute(Attribute::Bold))
                .collect();
        }
        cells
    };
    totals.add_row(row(
        "Subtotal before tax (税抜)".into(),
        |t| t.subtotal,
        false,
    ));
    totals.add_row(row(
        format!(
            "Consumption tax {}% (消費税, {})",
            quote.tax_rate.0,
            rounding(quote.rounding)
        ),
        |t| t.tax,
        false,
    ));
    totals.add_row(row("Total with tax (税込)".into(), |t| t.total, true));
    out.push_str(&totals.to_string());
    out.push('\n');
    // The remarks below the tables, each wrapped to the table's width.
    let mut remarks = vec![format!(
        "First year (12 months + one-time): {} before tax, {} with tax.",
        quote.first_year.subtotal, quote.first_year.total
    )];
    if let Some(d) = &quote.development {
        let band = match d.band {
            Band::Below => "below",
            Band::Within => "within",
            Band::Above => "above",
        };
        remarks.push(format!(
            "A year of maintenance is {}.{:02}% of the development cost {} ({band} the usual {}–{}% a year).",
            d.basis_points / 100,
            d.basis_points % 100,
            d.development_cost,
            d.low_percent,
            d.high_percent
        ));
    }
    if !quote.uncovered.is_empty() {
        let works: Vec<_> = quote.uncovered.iter().map(|w| text::work(*w)).collect();
        remarks.push(format!(
            "Not in the plan \"{}\", so not priced here: {}; billed by the hour when needed, or choose a plan that covers it.",
            escape(&quote.plan),
            works.join("; ")
        ));
    }
    remarks.push("Tax is rounded once per total, not per line.".to_owned());
    for remark in remarks {
        out.push_str(&super::wrap(&remark, style.width));
        out.push('\n');
    }
    out
}

#[derive(Serialize, schemars::JsonSchema)]
#[schemars(title = "hoshu.quote.v1")]
struct JsonQuote<'a> {
    schema: &'static str,
    quote_id: &'a str,
    system: &'a str,
    customer: Option<&'a str>,
    plan: &'a str,
    plan_title: Option<&'a str>,
    rate_card: &'a crate::quote::CardId,
    date: chrono::NaiveDate,
    currency: &'static str,
    tax_rate_percent: u32,
    tax_rounding: Rounding,
    lines: Vec<JsonLine<'a>>,
    /// Work the system needs that the plan does not cover (not priced).
    uncovered: &'a [crate::rates::Work],
    monthly: Totals,
    annual: Totals,
    one_time: Totals,
    /// The annual and one-time totals together: the first year's cost.
    first_year: Totals,
    development: Option<&'a crate::quote::DevelopmentRatio>,
}

#[derive(Serialize, schemars::JsonSchema)]
struct JsonLine<'a> {
    /// Stable identity of the line: factor and item (`hoshu diff` matches by it).
    key: &'a str,
    factor: Factor,
    code: Option<&'static str>,
    /// The kind of work the line pays for; null for the plan's fee and
    /// one-time work.
    work: Option<crate::rates::Work>,
    item: String,
    quantity: u64,
    unit_price: Yen,
    amount: Yen,
    recurrence: Recurrence,
    why: String,
    /// The rule and the numbers behind `why`, for scripts.
    basis: &'a crate::quote::Why,
}

impl<'a> From<&'a Line> for JsonLine<'a> {
    fn from(line: &'a Line) -> Self {
        JsonLine {
            key: &line.key,
            factor: line.factor,
            code: line.factor.code(),
            work: line.work,
            item: text::item(&line.why),
            quantity: line.quantity,
            unit_price: line.unit_price,
            amount: line.amount,
            recurrence: line.recurrence,
            why: text::why(&line.why),
            basis: &line.why,
        }
    }
}

/// The quote as `hoshu.quote.v1` JSON, pretty-printed, ending in a newline.
pub fn json(quote: &Quote) -> String {
    let doc = JsonQuote {
        schema: "hoshu.quote.v1",
        quote_id: &quote.quote_id,
        system: &quote.system,
        customer: quote.customer.as_deref(),
        plan: &quote.plan,
        plan_title: quote.plan_title.as_deref(),
        rate_card: &quote.rate_card,
        date: quote.date,
        currency: "JPY",
        tax_rate_percent: quote.tax_rate.0,
        tax_rounding: quote.rounding,
        lines: quote.lines.iter().map(JsonLine::from).collect(),
        uncovered: &quote.uncovered,
        monthly: quote.monthly,
        annual: quote.annual,
        one_time: quote.one_time,
        first_year: quote.first_year,
        development: quote.development.as_ref(),
    };
    let mut text = serde_json::to_string_pretty(&doc).expect("a quote always serializes");
    text.push('\n');
    text
}

/// The JSON Schema (draft 2020-12) of `hoshu.quote.v1`.
pub fn schema() -> schemars::Schema {
    schemars::schema_for!(JsonQuote<'static>)
}
