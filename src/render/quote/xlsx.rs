//! The 見積書 as a worksheet: the lines with their quantities and unit
//! prices, and every amount, subtotal, tax and total a formula over them, so
//! that an edited quantity recomputes. Tax is rounded by the card's rule,
//! once per total, as the quote rounds it.

use rust_xlsxwriter::Workbook;

use crate::money::Yen;
use crate::quote::Recurrence;
use crate::render::catalogue::Text;
use crate::render::document::QuoteDocument;
use crate::render::sheet::{self, Fail, Formats, TextCell, formula, tax_formula};

/// Every amount the sheet shows, within what it can hold exactly.
fn exact(q: &crate::quote::Quote) -> Result<(), Fail> {
    let totals = [q.monthly, q.annual, q.one_time, q.first_year];
    sheet::exact(
        q.lines
            .iter()
            .flat_map(|l| {
                [
                    l.unit_price,
                    l.amount,
                    Yen(i64::try_from(l.quantity).unwrap_or(i64::MAX)),
                ]
            })
            .chain(q.discounts.iter().map(|d| d.amount))
            .chain(totals.iter().flat_map(|t| [t.subtotal, t.tax, t.total])),
    )
}

pub(super) fn render(doc: &QuoteDocument) -> Result<Vec<u8>, Fail> {
    let q = doc.quote;
    exact(q)?;
    let mut book = Workbook::new();
    let sheet = book.add_worksheet();
    sheet::page_setup(
        sheet,
        doc.text(Text::DocumentTitle),
        doc.internal.then(|| doc.text(Text::InternalMark)),
    )?;
    let f = Formats::new(doc.lang);
    let Formats {
        plain,
        bold,
        title,
        head,
        cell,
        group,
        money,
        money_bold,
        big,
        number,
        ..
    } = &f;

    // Wide enough for the totals below the lines (columns B to E), which
    // reach ¥99,999,999 in a large quote.
    for (col, width) in [
        (0, 44.0),
        (1, 14.0),
        (2, 14.0),
        (3, 14.0),
        (4, 24.0),
        (5, 14.0),
    ] {
        sheet.set_column_width(col, width)?;
    }
    sheet.merge_range(0, 0, 0, 5, doc.text(Text::DocumentTitle), title)?;
    let mut row = 2;
    sheet.text(row, 4, doc.text(Text::QuoteNumber), plain)?;
    sheet.text(row, 5, &doc.number, plain)?;
    row += 1;
    for (label, date) in [
        (doc.text(Text::Issued), q.date),
        (doc.text(Text::ValidUntil), doc.valid_until),
    ] {
        sheet.text(row, 4, label, plain)?;
        sheet::date(sheet, row, 5, date, &f)?;
        row += 1;
    }
    row = 2;
    if let Some(address) = &doc.addressee_address {
        sheet.text(row, 0, address, plain)?;
        row += 1;
    }
    if let Some(addressee) = &doc.addressee {
        sheet.text(row, 0, addressee, bold)?;
        row += 1;
    }
    sheet.text(
        row,
        0,
        format!(
            "{}{}{}",
            doc.text(Text::Subject),
            doc.text(Text::Colon),
            doc.subject
        ),
        plain,
    )?;
    row += 2;
    if let Some(firm) = doc.firm {
        // The seal (角印) at the issuer's name, the logo above the title's
        // left.
        row = sheet::issuer(
            sheet,
            row,
            3,
            firm,
            crate::render::catalogue::of(doc.lang),
            &f,
        )?;
        row += 1;
    }
    let grand_row = row;
    sheet.text(row, 0, doc.text(Text::GrandTotal), bold)?;
    row += 2;

    // The lines: quantity × unit price, with the recurrence beside.
    let header = [
        doc.text(Text::Item),
        doc.text(Text::Quantity),
        doc.text(Text::Unit),
        doc.text(Text::UnitPrice),
        doc.text(Text::Per),
        doc.text(Text::Amount),
    ];
    for (col, text) in header.iter().enumerate() {
        sheet.text(row, col as u16, *text, head)?;
    }
    // The header repeats on every printed page.
    sheet.set_repeat_rows(row, row)?;
    row += 1;
    let first_line = row + 1;
    for g in &doc.groups {
        sheet.merge_range(row, 0, row, 5, &g.label, group)?;
        row += 1;
        for line in &g.lines {
            sheet.text(row, 0, &line.item, cell)?;
            sheet.write_number_with_format(row, 1, line.quantity as f64, number)?;
            sheet.text(row, 2, line.unit, cell)?;
            sheet.write_number_with_format(row, 3, line.unit_price.0 as f64, money)?;
            sheet.text(row, 4, line.per, cell)?;
            let r = row + 1;
            sheet.write_formula_with_format(
                row,
                5,
                formula(format!("=B{r}*D{r}"), line.amount),
                money,
            )?;
            row += 1;
        }
    }
    let last_line = row;
    row += 1;

    // Totals: monthly, annual (12 months and the yearly lines), one-time,
    // tax rounded once on each subtotal; the first year, their sum.
    let per = |r: Recurrence| crate::render::catalogue::of(doc.lang).per(r);
    let sum_of = |r: Recurrence| {
        format!(
            "SUMIF(E{first_line}:E{last_line},\"{}\",F{first_line}:F{last_line})",
            per(r)
        )
    };
    let columns = ["B", "C", "D", "E"];
    let labels = [
        doc.totals[0].0,
        doc.totals[1].0,
        doc.totals[2].0,
        doc.text(Text::FirstYear),
    ];
    sheet.text(row, 0, "", head)?;
    for (i, label) in labels.iter().enumerate() {
        sheet.text(row, i as u16 + 1, *label, head)?;
    }
    row += 1;
    let (sub_row, tax_row, total_row) = (row + 1, row + 2, row + 3);
    let all = [q.monthly, q.annual, q.one_time, q.first_year];
    let subtotals = [
        format!("={}", sum_of(Recurrence::Monthly)),
        format!("=12*B{sub_row}+{}", sum_of(Recurrence::Yearly)),
        format!("={}", sum_of(Recurrence::OneTime)),
        format!("=C{sub_row}+D{sub_row}"),
    ];
    sheet.text(row, 0, doc.text(Text::Subtotal), cell)?;
    sheet.text(row + 1, 0, &doc.tax_label, cell)?;
    sheet.text(row + 2, 0, doc.text(Text::Total), cell)?;
    for (i, (col, totals)) in columns.iter().zip(all).enumerate() {
        let c = i as u16 + 1;
        sheet.write_formula_with_format(
            row,
            c,
            formula(subtotals[i].clone(), totals.subtotal),
            money,
        )?;
        // The first year's tax is the annual's and the one-time's.
        let tax = if *col == "E" {
            format!("=C{tax_row}+D{tax_row}")
        } else {
            tax_formula(&format!("{col}{sub_row}"), q.tax_rate.0, q.rounding)
        };
        sheet.write_formula_with_format(row + 1, c, formula(tax, totals.tax), money)?;
        sheet.write_formula_with_format(
            row + 2,
            c,
            formula(format!("={col}{sub_row}+{col}{tax_row}"), totals.total),
            money_bold,
        )?;
    }
    // The big total spans D to F, so that no width shows it as ###.
    sheet.merge_range(grand_row, 3, grand_row, 5, "", big)?;
    sheet.write_formula_with_format(
        grand_row,
        3,
        formula(format!("=E{total_row}"), q.first_year.total),
        big,
    )?;
    row += 4;

    sheet.text(row, 0, doc.text(Text::Remarks), bold)?;
    row += 1;
    for note in &doc.notes {
        sheet.text(row, 0, format!("・{note}"), plain)?;
        row += 1;
    }
    sheet.set_print_area(0, 0, row.saturating_sub(1), 5)?;
    Ok(book.save_to_buffer()?)
}
