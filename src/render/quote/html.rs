//! The 見積書 as one self-contained HTML file: inline CSS and SVG, nothing
//! fetched, laid out for A4 paper. Every text from a user is escaped.

use std::fmt::Write;

use crate::money::{Totals, Yen};
use crate::render::catalogue::{Msg, Text};
use crate::render::document::QuoteDocument;
use crate::render::escape::{css_string, html as escape};

/// The faces the document is set in: one covering Japanese first, in both
/// languages (the Latin of a Japanese font matches its kana).
const FONTS: &str = r#""Noto Sans CJK JP", "Noto Sans JP", "Hiragino Kaku Gothic ProN", "Yu Gothic", Meiryo, sans-serif"#;

pub(crate) const STYLE: &str = r#"
@page { size: A4; margin: 10mm 12mm; }
* { box-sizing: border-box; }
.sheet { max-width: 182mm; margin: 0 auto; }
.internal { position: fixed; top: 40%; left: 0; right: 0; text-align: center; font-size: 60pt; font-weight: bold; color: rgba(200, 0, 0, 0.15); transform: rotate(-30deg); pointer-events: none; z-index: 10; }
h1 { text-align: center; font-size: 17pt; letter-spacing: 0.5em; margin: 0 0 2mm; padding-bottom: 1mm; border-bottom: 3px double #1a1a1a; }
.meta { margin-left: auto; border-collapse: collapse; font-size: 8pt; }
.meta th { text-align: left; font-weight: normal; color: #555; padding: 0 3mm 0 0; }
.meta td { text-align: right; }
.parties { display: flex; justify-content: space-between; gap: 8mm; margin: 1mm 0 3mm; }
.to { flex: 1 1 58%; }
.from { flex: 0 1 40%; font-size: 8pt; line-height: 1.4; }
.from { position: relative; }
.from .company { font-size: 11pt; font-weight: bold; margin-bottom: 1mm; }
.from .logo { display: block; max-height: 12mm; max-width: 50mm; margin-bottom: 1mm; }
.from .seal { position: absolute; right: 0; top: 0; width: 21mm; height: 21mm; object-fit: contain; opacity: 0.85; }
.to-address { margin: 0 0 1mm; font-size: 8pt; }
.to-address, .addressee, .from { word-break: keep-all; overflow-wrap: anywhere; }
.nw { white-space: nowrap; }
.addressee { font-size: 13pt; font-weight: bold; border-bottom: 1px solid #1a1a1a; padding-bottom: 1mm; margin: 0 0 2mm; }
.subject { margin: 0 0 2mm; }
.greeting { margin: 0 0 2mm; }
.grand { display: flex; align-items: baseline; justify-content: space-between; border: 2px solid #1a1a1a; padding: 1mm 3mm; }
.grand strong { font-size: 16pt; }
.monthly { margin: 1mm 0 0; text-align: right; }
table.lines, table.totals { width: 100%; border-collapse: collapse; margin-bottom: 2.5mm; }
table.lines th, table.lines td, table.totals th, table.totals td { border: 1px solid #999; padding: 0.4mm 1.2mm; vertical-align: top; }
table.lines thead th, table.totals thead th { background: #e8eef5; font-weight: bold; text-align: center; white-space: nowrap; }
tr.group th { background: #f4f4f4; text-align: left; font-weight: bold; }
tr.group, h2 { break-after: avoid; page-break-after: avoid; }
td.num { text-align: right; white-space: nowrap; }
td.unit { text-align: center; white-space: nowrap; }
.why { display: block; color: #555; font-size: 8pt; line-height: 1.3; }
table.totals th { text-align: left; font-weight: normal; }
table.totals tr.total td, table.totals tr.total th { font-weight: bold; }
table.totals tr.first td, table.totals tr.first th { background: #fafafa; }
.lower { display: flex; gap: 6mm; align-items: flex-start; }
.notes { flex: 1 1 55%; }
.chart { flex: 0 1 45%; }
h2 { font-size: 10pt; margin: 0 0 1mm; border-left: 3px solid #3b6ea5; padding-left: 2mm; }
.notes ul { margin: 0; padding-left: 4.5mm; font-size: 8pt; }
.chart svg { width: 100%; height: auto; }
tr, .grand, .notes, .chart { break-inside: avoid; }
"#;

/// A name or an address, escaped, that lines break only where they may:
/// between its words (the spaces: `word-break: keep-all`, the style's
/// job), and never inside a number with its letters and dashes and the
/// one character after it (`3-4-5`, `12階`, `B1F`, `5号`), which are kept
/// in a span that does not wrap.
pub(crate) fn unbroken(text: &str) -> String {
    let in_number = |c: char| c.is_ascii_alphanumeric() || ('０'..='９').contains(&c);
    let joins = |c: char| matches!(c, '-' | '－' | '‐' | '−' | 'ー' | '.' | '・');
    let chars: Vec<char> = text.chars().collect();
    let mut out = String::with_capacity(text.len() + 16);
    let mut i = 0;
    while i < chars.len() {
        if !chars[i].is_ascii_digit() && !('０'..='９').contains(&chars[i]) {
            let mut plain = [0u8; 4];
            out.push_str(&escape(chars[i].encode_utf8(&mut plain)));
            i += 1;
            continue;
        }
        // Back to the start of the run the digit is in (letters before it:
        // `B1F`), already written: take them out and write them again.
        let mut start = i;
        while start > 0 && chars[start - 1].is_ascii_alphabetic() {
            start -= 1;
        }
        for _ in start..i {
            out.pop();
        }
        let mut end = i;
        while end < chars.len()
            && (in_number(chars[end])
                || (joins(chars[end]) && chars.get(end + 1).is_some_and(|c| in_number(*c))))
        {
            end += 1;
        }
        // The counter after it (階, 号, 番): not a space, not punctuation.
        if chars
            .get(end)
            .is_some_and(|c| !c.is_whitespace() && !c.is_ascii_punctuation() && !joins(*c))
        {
            end += 1;
        }
        let run: String = chars[start..end].iter().collect();
        out.push_str("<span class=\"nw\">");
        out.push_str(&escape(&run));
        out.push_str("</span>");
        i = end;
    }
    out
}

/// The issuer's block: the logo, the seal over the name (as a Japanese
/// document places it), the company, its address and contacts, and its
/// registration number; the same on the 見積書 and the invoice.
pub(crate) fn issuer(
    firm: &crate::firm::Firm,
    cat: &dyn crate::render::catalogue::Catalogue,
) -> String {
    let mut h = String::new();
    if let Some(logo) = &firm.logo_picture {
        let _ = writeln!(
            h,
            "<img class=\"logo\" alt=\"\" src=\"{}\">",
            data_url(logo)
        );
    }
    if let Some(seal) = &firm.seal_picture {
        let _ = writeln!(
            h,
            "<img class=\"seal\" alt=\"\" src=\"{}\">",
            data_url(seal)
        );
    }
    let _ = writeln!(
        h,
        "<div class=\"company\">{}</div>",
        unbroken(&firm.company)
    );
    if let Some(postal) = &firm.postal_code {
        let _ = writeln!(h, "<div>〒{}</div>", unbroken(postal));
    }
    for (label, value) in [
        (None, firm.address.as_ref()),
        (Some(Text::Phone), firm.phone.as_ref()),
        (Some(Text::Email), firm.email.as_ref()),
        (Some(Text::Person), firm.person.as_ref()),
        (Some(Text::Registration), firm.registration.as_ref()),
    ] {
        if let Some(value) = value {
            let label = label.map_or(String::new(), |l| {
                format!("{}{}", cat.text(l), cat.text(Text::Colon))
            });
            let _ = writeln!(h, "<div>{label}{}</div>", unbroken(value));
        }
    }
    h
}

/// The faces of the page, and what every printed page carries in its
/// margins: the quote's number at the top right, "page / pages" at the
/// foot (CSS page-margin boxes, which the browser prints; a screen shows
/// none).
fn page_rules(doc: &QuoteDocument) -> String {
    page_css(&format!("{} {}", doc.text(Text::QuoteNumber), doc.number))
}

/// [`page_rules`] for a document whose every page shows `number` (its
/// label and number).
pub(crate) fn page_css(number: &str) -> String {
    format!(
        "body {{ margin: 0; color: #1a1a1a; font: 8.5pt/1.35 {FONTS}; }}\n\
         @page {{ @top-right {{ content: \"{}\"; font: 7.5pt {FONTS}; color: #555; }} \
         @bottom-center {{ content: counter(page) \" / \" counter(pages); font: 8pt {FONTS}; color: #555; }} }}\n",
        css_string(number)
    )
}

pub(super) fn render(doc: &QuoteDocument) -> String {
    let q = doc.quote;
    let mut h = String::new();
    let title = doc.text(Text::DocumentTitle);
    let _ = write!(
        h,
        "<!DOCTYPE html>\n<html lang=\"{}\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <title>{} {}</title>\n<style>{}{}</style>\n</head>\n<body>\n<main class=\"sheet\">\n",
        doc.lang.code(),
        title,
        escape(&doc.number),
        STYLE,
        page_rules(doc)
    );
    if doc.internal {
        // Fixed: printed on every page.
        let _ = writeln!(
            h,
            "<div class=\"internal\">{}</div>",
            doc.text(Text::InternalMark)
        );
    }
    let _ = write!(h, "<h1>{title}</h1>\n<table class=\"meta\">\n");
    for (label, value) in [
        (doc.text(Text::QuoteNumber), doc.number.clone()),
        (doc.text(Text::Issued), doc.date(q.date)),
        (
            doc.text(Text::ValidUntil),
            crate::render::catalogue::of(doc.lang).say(&Msg::ValidUntil {
                date: doc.valid_until,
                days: doc.valid_days,
            }),
        ),
    ] {
        let _ = writeln!(h, "<tr><th>{label}</th><td>{}</td></tr>", escape(&value));
    }
    h.push_str("</table>\n<section class=\"parties\">\n<div class=\"to\">\n");
    if let Some(address) = &doc.addressee_address {
        let _ = writeln!(h, "<p class=\"to-address\">{}</p>", unbroken(address));
    }
    if let Some(addressee) = &doc.addressee_kept {
        let _ = writeln!(h, "<p class=\"addressee\">{}</p>", unbroken(addressee));
    }
    let _ = writeln!(
        h,
        "<p class=\"subject\">{}{}{}</p>\n<p class=\"greeting\">{}</p>",
        doc.text(Text::Subject),
        doc.text(Text::Colon),
        escape(&doc.subject),
        doc.text(Text::Greeting)
    );
    let _ = writeln!(
        h,
        "<div class=\"grand\"><span>{}</span><strong>{}</strong></div>\n\
         <p class=\"monthly\">{}{}{}</p>",
        doc.text(Text::GrandTotal),
        q.first_year.total,
        doc.text(Text::MonthlyWithTax),
        doc.text(Text::Colon),
        q.monthly.total
    );
    h.push_str("</div>\n<div class=\"from\">\n");
    if let Some(firm) = doc.firm {
        h.push_str(&issuer(firm, crate::render::catalogue::of(doc.lang)));
    }
    h.push_str("</div>\n</section>\n");

    // The lines, grouped by factor.
    let _ = write!(
        h,
        "<table class=\"lines\">\n<thead><tr><th>{}</th><th>{}</th><th>{}</th><th>{}</th><th>{}</th></tr></thead>\n<tbody>\n",
        doc.text(Text::Item),
        doc.text(Text::Quantity),
        doc.text(Text::Unit),
        doc.text(Text::UnitPrice),
        doc.text(Text::Amount)
    );
    for group in &doc.groups {
        let _ = writeln!(
            h,
            "<tr class=\"group\"><th colspan=\"5\">{}</th></tr>",
            escape(&group.label)
        );
        for line in &group.lines {
            let _ = writeln!(
                h,
                "<tr><td>{}<span class=\"why\">{}</span></td><td class=\"num\">{}</td>\
                 <td class=\"unit\">{}</td><td class=\"num\">{}</td><td class=\"num\">{} {}</td></tr>",
                escape(&line.item),
                escape(&line.why),
                line.quantity,
                line.unit,
                line.unit_price,
                line.amount,
                line.per
            );
        }
    }
    h.push_str("</tbody>\n</table>\n");

    // The totals: monthly, annual, one-time, then the first year.
    let _ = write!(
        h,
        "<table class=\"totals\">\n<thead><tr><th></th><th>{}</th><th>{}</th><th>{}</th><th>{}</th></tr></thead>\n<tbody>\n",
        doc.totals[0].0,
        doc.totals[1].0,
        doc.totals[2].0,
        doc.text(Text::FirstYear)
    );
    let columns: Vec<&Totals> = doc
        .totals
        .iter()
        .map(|(_, t)| t)
        .chain([&q.first_year])
        .collect();
    let row = |h: &mut String, class: &str, name: &str, pick: fn(&Totals) -> Yen| {
        let cells: String = columns
            .iter()
            .map(|t| format!("<td class=\"num\">{}</td>", pick(t)))
            .collect();
        let _ = writeln!(
            h,
            "<tr class=\"{class}\"><th>{}</th>{cells}</tr>",
            escape(name)
        );
    };
    row(&mut h, "", doc.text(Text::Subtotal), |t| t.subtotal);
    row(&mut h, "", &doc.tax_label, |t| t.tax);
    row(&mut h, "total", doc.text(Text::Total), |t| t.total);
    h.push_str("</tbody>\n</table>\n");

    h.push_str("<section class=\"lower\">\n<div class=\"notes\">\n");
    let _ = writeln!(h, "<h2>{}</h2>\n<ul>", doc.text(Text::Remarks));
    for note in &doc.notes {
        let _ = writeln!(h, "<li>{}</li>", escape(note));
    }
    h.push_str("</ul>\n</div>\n<div class=\"chart\">\n");
    let _ = writeln!(h, "<h2>{}</h2>", doc.text(Text::ChartTitle));
    h.push_str(&chart(&doc.chart));
    h.push_str("</div>\n</section>\n</main>\n</body>\n</html>\n");
    h
}

/// An image as a `data:` URL: embedded, never fetched.
pub(crate) fn data_url(p: &crate::firm::Picture) -> String {
    use base64::Engine;
    format!(
        "data:{};base64,{}",
        p.kind.mime(),
        base64::engine::general_purpose::STANDARD.encode(&p.bytes)
    )
}

/// A horizontal bar for each factor's monthly cost, as inline SVG.
fn chart(bars: &[(String, Yen)]) -> String {
    const ROW: i64 = 18;
    const LABEL: i64 = 110;
    const BAR: i64 = 150;
    let max = bars.iter().map(|(_, y)| y.0).max().unwrap_or(1).max(1);
    let height = ROW * bars.len() as i64 + 4;
    let mut svg = format!(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {} {height}\" role=\"img\">\n",
        LABEL + BAR + 70
    );
    for (i, (label, yen)) in bars.iter().enumerate() {
        let y = ROW * i as i64 + 2;
        let w = (yen.0.saturating_mul(BAR) / max).max(1);
        let _ = writeln!(
            svg,
            "<text x=\"{}\" y=\"{}\" font-size=\"9\" text-anchor=\"end\">{}</text>\
             <rect x=\"{LABEL}\" y=\"{}\" width=\"{w}\" height=\"12\" fill=\"#3b6ea5\"/>\
             <text x=\"{}\" y=\"{}\" font-size=\"9\">{}</text>",
            LABEL - 4,
            y + 10,
            escape(label),
            y,
            LABEL + w + 3,
            y + 10,
            yen
        );
    }
    svg.push_str("</svg>\n");
    svg
}

#[cfg(test)]
mod tests {
    use super::unbroken;

    #[test]
    fn numbers_keep_their_counter_and_letters_and_text_stays_escaped() {
        assert_eq!(
            unbroken("梅田3-4-5 さくらビル12階"),
            "梅田<span class=\"nw\">3-4-5</span> さくらビル<span class=\"nw\">12階</span>"
        );
        assert_eq!(
            unbroken("B1F 〒530-0001"),
            "<span class=\"nw\">B1F</span> 〒<span class=\"nw\">530-0001</span>"
        );
        assert_eq!(
            unbroken("三丁目4番5号"),
            "三丁目<span class=\"nw\">4番</span><span class=\"nw\">5号</span>"
        );
        assert_eq!(
            unbroken("<b>1</b>"),
            "&lt;b&gt;<span class=\"nw\">1</span>&lt;/b&gt;"
        );
        assert_eq!(
            unbroken("Suite 12, 東京"),
            "Suite <span class=\"nw\">12</span>, 東京"
        );
        assert_eq!(unbroken("佐藤 花子様"), "佐藤 花子様");
        assert_eq!(unbroken("１２階"), "<span class=\"nw\">１２階</span>");
    }
}
