//! The quote as GitHub-flavoured Markdown, for tickets and pull requests.

use crate::money::{Totals, Yen};
use crate::render::catalogue::Text;
use crate::render::document::QuoteDocument;
use crate::render::markdown_cell as md;

pub(super) fn render(doc: &QuoteDocument) -> String {
    let q = doc.quote;
    let mut out = format!("### {}\n\n", md(&doc.heading));
    out.push_str(&format!(
        "{}: **{}** · {}: {} {} · {}: {} · {} `{}`\n\n",
        doc.text(Text::Plan),
        md(&q.plan),
        doc.text(Text::RateCard),
        md(&q.rate_card.name),
        md(&q.rate_card.version),
        doc.text(Text::QuoteDate),
        doc.date(q.date),
        doc.text(Text::QuoteNumber),
        md(&doc.number)
    ));
    out.push_str(&format!(
        "| {} | {} | {} | {} | {} | {} |\n|---|---|--:|---|--:|--:|\n",
        doc.text(Text::Factor),
        doc.text(Text::Item),
        doc.text(Text::Quantity),
        doc.text(Text::Unit),
        doc.text(Text::UnitPrice),
        doc.text(Text::Amount),
    ));
    for (group, line) in doc.lines() {
        out.push_str(&format!(
            "| {} | {}<br>{} | {} | {} | {} | {} {} |\n",
            md(&group.label),
            md(&line.item),
            md(&line.why),
            line.quantity,
            line.unit,
            line.unit_price,
            line.amount,
            line.per
        ));
    }
    out.push_str(&format!(
        "\n| | {} | {} | {} |\n|---|--:|--:|--:|\n",
        doc.totals[0].0, doc.totals[1].0, doc.totals[2].0
    ));
    let row = |name: &str, pick: fn(&Totals) -> Yen, bold: bool| {
        let cells: Vec<String> = doc
            .totals
            .iter()
            .map(|(_, t)| {
                if bold {
                    format!("**{}**", pick(t))
                } else {
                    pick(t).to_string()
                }
            })
            .collect();
        format!("| {} | {} |\n", md(name), cells.join(" | "))
    };
    out.push_str(&row(doc.text(Text::Subtotal), |t| t.subtotal, false));
    out.push_str(&row(&doc.tax_label, |t| t.tax, false));
    out.push_str(&row(doc.text(Text::Total), |t| t.total, true));
    out.push('\n');
    for remark in &doc.remarks {
        out.push_str(&format!("- {}\n", md(remark)));
    }
    out
}
