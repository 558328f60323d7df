//! The quote as sales read it in a terminal: a heading, the lines grouped
//! by factor, the three totals with tax on its own row, the remarks.

use crate::money::{Totals, Yen};
use crate::render::catalogue::Text;
use crate::render::document::QuoteDocument;
use crate::render::{Column, Grid, Style, escape, width, wrap};

/// `first · second` on one line when it fits the width, else one below the
/// other (each wrapped).
fn side_by_side(first: &str, second: &str, limit: Option<u16>) -> String {
    let joined = format!("{first} · {second}");
    match limit {
        Some(limit) if width(&joined) > usize::from(limit) => {
            format!(
                "{}\n{}",
                wrap(first, limit.into()),
                wrap(second, limit.into())
            )
        }
        _ => joined,
    }
}

pub(super) fn render(doc: &QuoteDocument, style: Style) -> String {
    let q = doc.quote;
    let mut out = String::new();
    out.push_str(&wrap(&escape(&doc.heading), style.width));
    out.push('\n');
    let title = q
        .plan_title
        .as_ref()
        .map_or(String::new(), |t| format!(" ({})", escape(t)));
    let plan = format!("{}: {}{title}", doc.text(Text::Plan), escape(&q.plan));
    let card = format!(
        "{}: {} {}",
        doc.text(Text::RateCard),
        escape(&q.rate_card.name),
        escape(&q.rate_card.version)
    );
    let date = format!("{}: {}", doc.text(Text::QuoteDate), doc.date(q.date));
    let number = format!("{} {}", doc.text(Text::QuoteNumber), escape(&doc.number));
    for (first, second) in [(plan, card), (date, number)] {
        out.push_str(&side_by_side(&first, &second, style.width));
        out.push('\n');
    }
    out.push('\n');

    let mut lines = Grid::new(
        &[
            Column::LABEL,
            Column::TEXT,
            Column::NUMBER,
            Column::NUMBER,
            Column::NUMBER,
        ],
        vec![
            doc.text(Text::Factor).to_owned(),
            doc.text(Text::ItemAndWhy).to_owned(),
            doc.text(Text::Quantity).to_owned(),
            doc.text(Text::UnitPrice).to_owned(),
            doc.text(Text::Amount).to_owned(),
        ],
    );
    for group in &doc.groups {
        for (i, line) in group.lines.iter().enumerate() {
            let label = if i == 0 { group.label.as_str() } else { "" };
            // Names come from the user: shown escaped, so that a CR or an
            // ESC in a role cannot forge a row or drive the terminal.
            lines.row(vec![
                label.to_owned(),
                format!("{}\n{}", escape(&line.item), escape(&line.why)),
                line.quantity.to_string(),
                line.unit_price.to_string(),
                format!("{} {}", line.amount, line.per),
            ]);
        }
    }
    out.push_str(&lines.render(style));
    out.push_str("\n\n");

    let mut columns = vec![Column::TEXT];
    columns.extend(doc.totals.iter().map(|_| Column::NUMBER));
    let mut header = vec![String::new()];
    header.extend(doc.totals.iter().map(|(label, _)| (*label).to_owned()));
    let mut totals = Grid::new(&columns, header);
    let row = |name: &str, pick: fn(&Totals) -> Yen| {
        let mut cells = vec![name.to_owned()];
        cells.extend(doc.totals.iter().map(|(_, t)| pick(t).to_string()));
        cells
    };
    totals.row(row(doc.text(Text::Subtotal), |t| t.subtotal));
    totals.row(row(&doc.tax_label, |t| t.tax));
    totals.bold_row(row(doc.text(Text::Total), |t| t.total));
    out.push_str(&totals.render(style));
    out.push('\n');
    // The remarks below the tables, each wrapped to the table's width.
    for remark in &doc.remarks {
        out.push_str(&wrap(&escape(remark), style.width));
        out.push('\n');
    }
    out
}
