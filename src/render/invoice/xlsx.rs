//! The invoice or credit note as a worksheet: each line's amount the
//! quantity × the unit price, each rate's subtotal a SUMIF over the lines,
//! its tax rounded once by the card's rule, the total their sum: an edited
//! quantity recomputes, and the tax stays once per rate.

use rust_xlsxwriter::{Format, Workbook};

use super::{Meta, Sheet};
use crate::money::Yen;
use crate::render::catalogue::Text;
use crate::render::sheet::{self, Fail, Formats, TextCell, formula, tax_formula};

pub(super) fn render(doc: &Sheet) -> Result<Vec<u8>, Fail> {
    sheet::exact(
        doc.amounts().chain(
            doc.lines
                .iter()
                .map(|l| Yen(i64::try_from(l.quantity).unwrap_or(i64::MAX))),
        ),
    )?;
    let cat = doc.cat();
    let mut book = Workbook::new();
    let ws = book.add_worksheet();
    sheet::page_setup(
        ws,
        doc.title,
        doc.internal.then(|| cat.text(Text::InternalMark)),
    )?;
    let f = Formats::new(doc.lang);
    let percent = f.number.clone().set_num_format("0\"%\"");
    for (col, width) in [(0, 46.0), (1, 10.0), (2, 16.0), (3, 16.0), (4, 18.0)] {
        ws.set_column_width(col, width)?;
    }
    ws.merge_range(0, 0, 0, 4, doc.title, &f.title)?;

    // The heading table at the right: number, dates, the month.
    let mut row = 2;
    ws.text(row, 3, doc.number_label, &f.plain)?;
    ws.text(row, 4, &doc.number, &f.plain)?;
    row += 1;
    for (label, value) in &doc.meta {
        ws.text(row, 3, *label, &f.plain)?;
        match value {
            Meta::Text(t) => ws.text(row, 4, t, &f.plain)?,
            Meta::Date(d) => sheet::date(ws, row, 4, *d, &f)?,
        }
        row += 1;
    }
    let heading_end = row;

    // The recipient and the subject at the left.
    row = 2;
    let to = doc.addressee;
    if let Some(address) =
        crate::render::document::postal_address(to.postal_code.as_deref(), to.address.as_deref())
    {
        ws.text(row, 0, address, &f.plain)?;
        row += 1;
    }
    if let Some(customer) = doc.customer {
        let addressee = crate::render::document::addressee(
            cat,
            customer,
            to.department.as_deref(),
            to.contact.as_deref(),
            to.person,
            false,
        );
        ws.text(row, 0, addressee, &f.bold)?;
        row += 1;
    }
    ws.text(
        row,
        0,
        format!(
            "{}{}{}",
            cat.text(Text::Subject),
            cat.text(Text::Colon),
            doc.subject
        ),
        &f.plain,
    )?;
    row += 1;
    ws.text(row, 0, doc.greeting, &f.plain)?;
    row = row.max(heading_end) + 1;
    row = sheet::issuer(ws, row, 2, doc.firm, cat, &f)? + 1;
    let grand_row = row;
    ws.text(row, 0, doc.grand_label, &f.bold)?;
    row += 2;

    let header = [
        cat.text(Text::Item),
        cat.text(Text::Quantity),
        cat.text(Text::UnitPrice),
        cat.text(Text::TaxRateColumn),
        cat.text(Text::Amount),
    ];
    for (col, text) in header.iter().enumerate() {
        ws.text(row, col as u16, *text, &f.head)?;
    }
    ws.set_repeat_rows(row, row)?;
    row += 1;
    let first = row + 1;
    for line in &doc.lines {
        ws.text(row, 0, &line.item, &f.cell)?;
        ws.write_number_with_format(row, 1, line.quantity as f64, &f.number)?;
        ws.write_number_with_format(row, 2, line.unit_price.0 as f64, &f.money)?;
        ws.write_number_with_format(row, 3, f64::from(line.percent), &percent)?;
        let r = row + 1;
        ws.write_formula_with_format(
            row,
            4,
            formula(format!("=B{r}*C{r}"), line.amount),
            &f.money,
        )?;
        row += 1;
    }
    // An empty range still sums to zero.
    let last = row.max(first);
    row += 1;

    // Per rate: the subtotal over its lines, the tax once on it.
    let mut parts = Vec::new();
    for r in &doc.rates {
        let (sub, tax) = (row + 1, row + 2);
        // The labels in the wide first column, so that none is cut off.
        ws.text(row, 0, &r.subtotal_label, &f.cell)?;
        ws.write_formula_with_format(
            row,
            4,
            formula(
                format!("=SUMIF(D{first}:D{last},{},E{first}:E{last})", r.percent),
                r.subtotal,
            ),
            &f.money,
        )?;
        ws.text(row + 1, 0, &r.tax_label, &f.cell)?;
        ws.write_formula_with_format(
            row + 1,
            4,
            formula(
                tax_formula(&format!("E{sub}"), r.percent, doc.rounding),
                r.tax,
            ),
            &f.money,
        )?;
        parts.extend([format!("E{sub}"), format!("E{tax}")]);
        row += 2;
    }
    let total_row = row + 1;
    ws.text(row, 0, cat.text(Text::Total), &f.head)?;
    let sum = if parts.is_empty() {
        "=0".to_owned()
    } else {
        format!("={}", parts.join("+"))
    };
    ws.write_formula_with_format(row, 4, formula(sum, doc.total), &f.money_bold)?;
    row += 2;
    ws.merge_range(grand_row, 3, grand_row, 4, "", &f.big)?;
    ws.write_formula_with_format(
        grand_row,
        3,
        formula(format!("=E{total_row}"), doc.total),
        &f.big,
    )?;

    if let Some(bank) = doc.firm.bank.as_ref().filter(|_| doc.bank) {
        ws.text(row, 0, cat.text(Text::BankAccount), &f.bold)?;
        ws.text(row + 1, 0, super::bank_line(bank), &f.plain)?;
        row += 3;
    }
    ws.text(row, 0, cat.text(Text::Remarks), &f.bold)?;
    row += 1;
    for remark in &doc.remarks {
        ws.text(row, 0, format!("・{remark}"), &Format::clone(&f.plain))?;
        row += 1;
    }
    ws.set_print_area(0, 0, row.saturating_sub(1), 4)?;
    Ok(book.save_to_buffer()?)
}
