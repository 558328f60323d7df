//! The quote's lines as CSV for spreadsheets: UTF-8 with a BOM and CRLF
//! line ends, so Excel in Japan opens it as it is, and every cell that a
//! spreadsheet would run as a formula neutralised (OWASP CSV injection).

use crate::render::catalogue::Text;
use crate::render::document::QuoteDocument;
use crate::render::escape::spreadsheet_cell;

pub(super) fn render(doc: &QuoteDocument) -> Vec<u8> {
    let mut out = b"\xEF\xBB\xBF".to_vec();
    {
        let mut w = csv::WriterBuilder::new()
            .terminator(csv::Terminator::CRLF)
            .from_writer(&mut out);
        let header = [
            doc.text(Text::QuoteNumber),
            "key",
            doc.text(Text::Factor),
            doc.text(Text::Item),
            doc.text(Text::Quantity),
            doc.text(Text::Unit),
            doc.text(Text::UnitPrice),
            doc.text(Text::Amount),
            doc.text(Text::Per),
            doc.text(Text::Reason),
        ];
        // Writing to memory cannot fail.
        let _ = w.write_record(header);
        for (group, line) in doc.lines() {
            // Text is neutralised; hoshu's own numbers (a discount's amount
            // is negative) stay numbers a spreadsheet adds up.
            let text = |c: &str| spreadsheet_cell(c).into_owned();
            let record = [
                text(&doc.number),
                text(&line.key),
                text(&group.label),
                text(&line.item),
                line.quantity.to_string(),
                text(line.unit),
                line.unit_price.0.to_string(),
                line.amount.0.to_string(),
                text(line.per),
                text(&line.why),
            ];
            let _ = w.write_record(record);
        }
        let _ = w.flush();
    }
    out
}
