//! The quote as sales read it in a terminal: a heading, the lines grouped
//! by factor, the three totals with tax on its own row, the remarks.

use comfy_table::{Attribute, Cell, CellAlignment};

use crate::money::{Totals, Yen};
use crate::render::catalogue::Text;
use crate::render::document::QuoteDocument;
use crate::render::{Style, escape, table, width, wrap};

fn money(yen: Yen) -> Cell {
    Cell::new(yen).set_alignment(CellAlignment::Right)
}

/// The widest the item column can be when the other columns take what
/// their content needs: the table's width less theirs, the borders and the
/// padding. `None` (comfy-table wraps) without a width or when too narrow.
fn item_width(doc: &QuoteDocument, header: &[&str; 5], style: Style) -> Option<u16> {
    let total = usize::from(style.width?);
    let widest = |column: usize, cells: &mut dyn Iterator<Item = String>| {
        cells
            .map(|c| width(&c))
            .chain([width(header[column])])
            .max()
            .unwrap_or(0)
    };
    let lines = || doc.lines().map(|(_, l)| l);
    let others = widest(0, &mut doc.groups.iter().map(|g| g.label.clone()))
        + widest(2, &mut lines().map(|l| l.quantity.to_string()))
        + widest(3, &mut lines().map(|l| l.unit_price.to_string()))
        + widest(4, &mut lines().map(|l| format!("{} {}", l.amount, l.per)));
    // Five columns: six borders and a space each side of every cell.
    let left = total.checked_sub(others + 6 + 10)?;
    (left >= 20).then(|| u16::try_from(left).unwrap_or(u16::MAX))
}

pub(super) fn render(doc: &QuoteDocument, style: Style) -> String {
    let q = doc.quote;
    let mut out = String::new();
    out.push_str(&escape(&doc.heading));
    out.push('\n');
    let title = q
        .plan_title
        .as_ref()
        .map_or(String::new(), |t| format!(" ({})", escape(t)));
    out.push_str(&format!(
        "{}: {}{title} · {}: {} {}\n{}: {} · {} {}\n\n",
        doc.text(Text::Plan),
        escape(&q.plan),
        doc.text(Text::RateCard),
        escape(&q.rate_card.name),
        escape(&q.rate_card.version),
        doc.text(Text::QuoteDate),
        doc.date(q.date),
        doc.text(Text::QuoteNumber),
        q.quote_id
    ));

    let mut lines = table(style);
    let header = [
        doc.text(Text::Factor),
        doc.text(Text::ItemAndWhy),
        doc.text(Text::Quantity),
        doc.text(Text::UnitPrice),
        doc.text(Text::Amount),
    ];
    let item_width = item_width(doc, &header, style);
    lines.set_header(header);
    for group in &doc.groups {
        for (i, line) in group.lines.iter().enumerate() {
            let label = if i == 0 { group.label.as_str() } else { "" };
            lines.add_row(vec![
                Cell::new(label),
                // Names come from the user: shown escaped, so that a CR or
                // an ESC in a role cannot forge a row or drive the terminal.
                // Wrapped here, where a Japanese sentence may break between
                // characters but a number never does.
                Cell::new(format!(
                    "{}\n{}",
                    wrap(&escape(&line.item), item_width),
                    wrap(&escape(&line.why), item_width)
                )),
                Cell::new(line.quantity).set_alignment(CellAlignment::Right),
                money(line.unit_price),
                Cell::new(format!("{} {}", line.amount, line.per))
                    .set_alignment(CellAlignment::Right),
            ]);
        }
    }
    out.push_str(&lines.to_string());
    out.push_str("\n\n");

    let mut totals = table(style);
    let mut header = vec![String::new()];
    header.extend(doc.totals.iter().map(|(label, _)| (*label).to_owned()));
    totals.set_header(header);
    let row = |name: String, pick: fn(&Totals) -> Yen, bold: bool| {
        let mut cells = vec![Cell::new(name)];
        cells.extend(doc.totals.iter().map(|(_, t)| money(pick(t))));
        if bold {
            cells = cells
                .into_iter()
                .map(|c| c.add_attribute(Attribute::Bold))
                .collect();
        }
        cells
    };
    totals.add_row(row(doc.text(Text::Subtotal).into(), |t| t.subtotal, false));
    totals.add_row(row(doc.tax_label.clone(), |t| t.tax, false));
    totals.add_row(row(doc.text(Text::Total).into(), |t| t.total, true));
    out.push_str(&totals.to_string());
    out.push('\n');
    // The remarks below the tables, each wrapped to the table's width.
    for remark in &doc.remarks {
        out.push_str(&wrap(&escape(remark), style.width));
        out.push('\n');
    }
    out
}
