//! The quote as sales read it in a terminal: a heading, the lines grouped
//! by factor, the three totals with tax on its own row, the remarks.

use comfy_table::{Attribute, Cell, CellAlignment};

use crate::money::{Totals, Yen};
use crate::render::catalogue::Text;
use crate::render::document::QuoteDocument;
use crate::render::{Style, escape, table, width, wrap, wrap_words};

fn money(yen: Yen) -> Cell {
    Cell::new(yen).set_alignment(CellAlignment::Right)
}

/// The width each column of the lines table is wrapped to, so that the
/// table fits `style.width` and comfy-table has nothing left to wrap: the
/// other columns as wide as their content, the item column the rest. When
/// that leaves the item column under 20, the other columns shrink to their
/// longest word (a factor's name, a header, `¥10,000 /mo` over two lines).
/// `None` without a width, or when even that leaves the items under 8.
fn column_widths(rows: &[[String; 5]], style: Style) -> Option<[usize; 5]> {
    // Five columns: six borders and a space each side of every cell.
    let room = usize::from(style.width?).checked_sub(6 + 10)?;
    let full = |text: &str| width(text);
    let least = |text: &str| text.split(' ').map(width).max().unwrap_or(0);
    let fit = |size: &dyn Fn(&str) -> usize, least_items: usize| {
        let mut widths = [0; 5];
        for row in rows {
            for column in [0, 2, 3, 4] {
                widths[column] = widths[column].max(size(&row[column]));
            }
        }
        let items = room.checked_sub(widths.iter().sum())?;
        widths[1] = items;
        (items >= least_items).then_some(widths)
    };
    fit(&full, 20).or_else(|| fit(&least, 8))
}

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
    let number = format!("{} {}", doc.text(Text::QuoteNumber), q.quote_id);
    for (first, second) in [(plan, card), (date, number)] {
        out.push_str(&side_by_side(&first, &second, style.width));
        out.push('\n');
    }
    out.push('\n');

    let mut lines = table(style);
    let header = [
        doc.text(Text::Factor),
        doc.text(Text::ItemAndWhy),
        doc.text(Text::Quantity),
        doc.text(Text::UnitPrice),
        doc.text(Text::Amount),
    ];
    // Every row's text, the header's first. Names come from the user, so
    // shown escaped: a CR or an ESC in a role cannot forge a row or drive
    // the terminal.
    let mut rows = vec![header.map(str::to_owned)];
    for group in &doc.groups {
        for (i, line) in group.lines.iter().enumerate() {
            let label = if i == 0 { group.label.as_str() } else { "" };
            rows.push([
                label.to_owned(),
                format!("{}\n{}", escape(&line.item), escape(&line.why)),
                line.quantity.to_string(),
                line.unit_price.to_string(),
                format!("{} {}", line.amount, line.per),
            ]);
        }
    }
    let widths = column_widths(&rows, style);
    // Wrapped here, where a Japanese sentence may break between characters
    // but a number never does.
    // The other columns break at their spaces only.
    let wrapped = |column: usize, text: &str| -> String {
        let Some(widths) = widths else {
            return text.to_owned();
        };
        let limit = widths[column];
        text.split('\n')
            .map(|part| match column {
                1 => wrap(part, Some(u16::try_from(limit).unwrap_or(u16::MAX))),
                _ => wrap_words(part, limit),
            })
            .collect::<Vec<_>>()
            .join("\n")
    };
    let mut rows = rows.iter();
    let head = rows.next().expect("the header is the first row");
    lines.set_header((0..5).map(|column| wrapped(column, &head[column])));
    for row in rows {
        lines.add_row((0..5).map(|column| {
            let cell = Cell::new(wrapped(column, &row[column]));
            if column >= 2 {
                cell.set_alignment(CellAlignment::Right)
            } else {
                cell
            }
        }));
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
