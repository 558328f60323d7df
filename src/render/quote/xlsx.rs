//! The 見積書 as a worksheet: the lines with their quantities and unit
//! prices, and every amount, subtotal, tax and total a formula over them, so
//! that an edited quantity recomputes. Tax is rounded by the card's rule,
//! once per total, as the quote rounds it.

use chrono::Datelike;
use rust_xlsxwriter::{
    ExcelDateTime, Format, FormatAlign, FormatBorder, Formula, Image, Workbook, XlsxError,
};

use crate::money::{Rounding, Yen};
use crate::quote::Recurrence;
use crate::render::catalogue::Text;
use crate::render::document::QuoteDocument;

const YEN: &str = "\"¥\"#,##0";

/// The Excel formula of the tax on the value in `cell`, rounded by `r`.
fn tax_formula(cell: &str, percent: u32, r: Rounding) -> String {
    match r {
        Rounding::Floor => format!("=INT({cell}*{percent}/100)"),
        Rounding::Ceil => format!("=-INT(-{cell}*{percent}/100)"),
        Rounding::HalfUp => format!("=INT({cell}*{percent}/100+0.5)"),
    }
}

fn formula(text: String, result: Yen) -> Formula {
    Formula::new(text).set_result(result.0.to_string())
}

/// What a worksheet cannot hold, or the writer's own failure.
#[derive(Debug)]
pub(super) enum Fail {
    /// A cell's text over Excel's 32,767 characters: its start.
    TextTooLong {
        start: String,
        chars: usize,
    },
    /// An amount over 2^53 yen, which a spreadsheet's numbers (doubles)
    /// cannot hold exactly.
    AmountTooLarge {
        amount: Yen,
    },
    Xlsx(XlsxError),
}

impl From<XlsxError> for Fail {
    fn from(e: XlsxError) -> Fail {
        Fail::Xlsx(e)
    }
}

/// The most characters Excel holds in a cell.
const MAX_CELL_CHARS: usize = 32_767;
/// The largest whole number a spreadsheet holds exactly.
const MAX_EXACT: i64 = 1 << 53;

/// A text cell, refused when Excel could not hold it.
trait TextCell {
    fn text(
        &mut self,
        row: u32,
        col: u16,
        text: impl AsRef<str>,
        format: &Format,
    ) -> Result<(), Fail>;
}

impl TextCell for rust_xlsxwriter::Worksheet {
    fn text(
        &mut self,
        row: u32,
        col: u16,
        text: impl AsRef<str>,
        format: &Format,
    ) -> Result<(), Fail> {
        let text = text.as_ref();
        let chars = text.chars().count();
        if chars > MAX_CELL_CHARS {
            return Err(Fail::TextTooLong {
                start: text.chars().take(40).collect(),
                chars,
            });
        }
        self.write_string_with_format(row, col, text, format)?;
        Ok(())
    }
}

/// A picture a worksheet can hold: PNG or JPEG.
fn raster(picture: &crate::firm::Picture) -> Option<&crate::firm::Picture> {
    use crate::firm::PictureKind;
    matches!(picture.kind, PictureKind::Png | PictureKind::Jpeg).then_some(picture)
}

/// Every amount the sheet shows, within what it can hold exactly.
fn exact(q: &crate::quote::Quote) -> Result<(), Fail> {
    let totals = [q.monthly, q.annual, q.one_time, q.first_year];
    let amounts = q
        .lines
        .iter()
        .flat_map(|l| {
            [
                l.unit_price,
                l.amount,
                Yen(i64::try_from(l.quantity).unwrap_or(i64::MAX)),
            ]
        })
        .chain(q.discounts.iter().map(|d| d.amount))
        .chain(totals.iter().flat_map(|t| [t.subtotal, t.tax, t.total]));
    for amount in amounts {
        if amount.0.unsigned_abs() > MAX_EXACT.unsigned_abs() {
            return Err(Fail::AmountTooLarge { amount });
        }
    }
    Ok(())
}

pub(super) fn render(doc: &QuoteDocument) -> Result<Vec<u8>, Fail> {
    let q = doc.quote;
    exact(q)?;
    let mut book = Workbook::new();
    let sheet = book.add_worksheet();
    sheet.set_name(doc.text(Text::DocumentTitle))?;
    sheet.set_paper_size(9); // A4
    sheet.set_print_fit_to_pages(1, 0);
    // Page numbers on every page; a copy for the firm says so on each.
    sheet.set_footer("&C&P / &N");
    if doc.internal {
        sheet.set_header(format!("&R{}", doc.text(Text::InternalMark)));
    }
    // The font Excel uses in Japan, or its default elsewhere.
    let face = match doc.lang {
        crate::lang::Lang::Ja => "Yu Gothic",
        crate::lang::Lang::En => "Calibri",
    };
    let font = |f: Format| f.set_font_name(face);
    let plain = font(Format::new());
    let bold = font(Format::new().set_bold());
    let title = font(
        Format::new()
            .set_bold()
            .set_font_size(18)
            .set_align(FormatAlign::Center),
    );
    let head = font(
        Format::new()
            .set_bold()
            .set_background_color(0xE8EEF5)
            .set_border(FormatBorder::Thin)
            .set_align(FormatAlign::Center),
    );
    let cell = font(Format::new().set_border(FormatBorder::Thin).set_text_wrap());
    let group = font(
        Format::new()
            .set_bold()
            .set_background_color(0xF4F4F4)
            .set_border(FormatBorder::Thin),
    );
    let money = font(
        Format::new()
            .set_num_format(YEN)
            .set_border(FormatBorder::Thin),
    );
    let money_bold = font(
        Format::new()
            .set_num_format(YEN)
            .set_border(FormatBorder::Thin)
            .set_bold(),
    );
    let big = font(
        Format::new()
            .set_num_format(YEN)
            .set_bold()
            .set_font_size(16),
    );
    let number = font(Format::new().set_border(FormatBorder::Thin));

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
    sheet.merge_range(0, 0, 0, 5, doc.text(Text::DocumentTitle), &title)?;
    let mut row = 2;
    sheet.text(row, 4, doc.text(Text::QuoteNumber), &plain)?;
    sheet.text(row, 5, &doc.number, &plain)?;
    row += 1;
    // Dates as Excel dates, shown as the document writes them.
    let date_format = plain.clone().set_num_format(match doc.lang {
        crate::lang::Lang::Ja => "yyyy\"年\"m\"月\"d\"日\"",
        crate::lang::Lang::En => "yyyy-mm-dd",
    });
    for (label, date) in [
        (doc.text(Text::Issued), q.date),
        (doc.text(Text::ValidUntil), doc.valid_until),
    ] {
        sheet.text(row, 4, label, &plain)?;
        let day = ExcelDateTime::from_ymd(
            u16::try_from(date.year()).unwrap_or(9999),
            date.month() as u8,
            date.day() as u8,
        )?;
        sheet.write_datetime_with_format(row, 5, &day, &date_format)?;
        row += 1;
    }
    row = 2;
    if let Some(address) = &doc.addressee_address {
        sheet.text(row, 0, address, &plain)?;
        row += 1;
    }
    if let Some(addressee) = &doc.addressee {
        sheet.text(row, 0, addressee, &bold)?;
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
        &plain,
    )?;
    row += 2;
    if let Some(firm) = doc.firm {
        // The seal (角印) at the issuer's name, the logo above the title's
        // left; a worksheet holds PNG and JPEG only (an SVG is left out,
        // and the command says so).
        if let Some(seal) = firm.seal_picture.as_ref().and_then(raster) {
            let image = Image::new_from_buffer(&seal.bytes)?.set_scale_to_size(80, 80, true);
            sheet.insert_image_with_offset(row, 5, &image, 10, 0)?;
        }
        if let Some(logo) = firm.logo_picture.as_ref().and_then(raster) {
            let image = Image::new_from_buffer(&logo.bytes)?.set_scale_to_size(180, 40, true);
            sheet.insert_image(0, 0, &image)?;
        }
        let mut lines = vec![firm.company.clone()];
        if let Some(p) = &firm.postal_code {
            lines.push(format!("〒{p}"));
        }
        for (label, value) in [
            (None, &firm.address),
            (Some(Text::Phone), &firm.phone),
            (Some(Text::Email), &firm.email),
            (Some(Text::Person), &firm.person),
            (Some(Text::Registration), &firm.registration),
        ] {
            if let Some(v) = value {
                lines.push(label.map_or(v.clone(), |l| {
                    format!("{}{}{v}", doc.text(l), doc.text(Text::Colon))
                }));
            }
        }
        for (i, line) in lines.iter().enumerate() {
            let format = if i == 0 { &bold } else { &plain };
            sheet.text(row, 3, line, format)?;
            row += 1;
        }
        row += 1;
    }
    let grand_row = row;
    sheet.text(row, 0, doc.text(Text::GrandTotal), &bold)?;
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
        sheet.text(row, col as u16, *text, &head)?;
    }
    // The header repeats on every printed page.
    sheet.set_repeat_rows(row, row)?;
    row += 1;
    let first_line = row + 1;
    for g in &doc.groups {
        sheet.merge_range(row, 0, row, 5, &g.label, &group)?;
        row += 1;
        for line in &g.lines {
            sheet.text(row, 0, &line.item, &cell)?;
            sheet.write_number_with_format(row, 1, line.quantity as f64, &number)?;
            sheet.text(row, 2, line.unit, &cell)?;
            sheet.write_number_with_format(row, 3, line.unit_price.0 as f64, &money)?;
            sheet.text(row, 4, line.per, &cell)?;
            let r = row + 1;
            sheet.write_formula_with_format(
                row,
                5,
                formula(format!("=B{r}*D{r}"), line.amount),
                &money,
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
    sheet.text(row, 0, "", &head)?;
    for (i, label) in labels.iter().enumerate() {
        sheet.text(row, i as u16 + 1, *label, &head)?;
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
    sheet.text(row, 0, doc.text(Text::Subtotal), &cell)?;
    sheet.text(row + 1, 0, &doc.tax_label, &cell)?;
    sheet.text(row + 2, 0, doc.text(Text::Total), &cell)?;
    for (i, (col, totals)) in columns.iter().zip(all).enumerate() {
        let c = i as u16 + 1;
        sheet.write_formula_with_format(
            row,
            c,
            formula(subtotals[i].clone(), totals.subtotal),
            &money,
        )?;
        // The first year's tax is the annual's and the one-time's.
        let tax = if *col == "E" {
            format!("=C{tax_row}+D{tax_row}")
        } else {
            tax_formula(&format!("{col}{sub_row}"), q.tax_rate.0, q.rounding)
        };
        sheet.write_formula_with_format(row + 1, c, formula(tax, totals.tax), &money)?;
        sheet.write_formula_with_format(
            row + 2,
            c,
            formula(format!("={col}{sub_row}+{col}{tax_row}"), totals.total),
            &money_bold,
        )?;
    }
    // The big total spans D to F, so that no width shows it as ###.
    sheet.merge_range(grand_row, 3, grand_row, 5, "", &big)?;
    sheet.write_formula_with_format(
        grand_row,
        3,
        formula(format!("=E{total_row}"), q.first_year.total),
        &big,
    )?;
    row += 4;

    sheet.text(row, 0, doc.text(Text::Remarks), &bold)?;
    row += 1;
    for note in &doc.notes {
        sheet.text(row, 0, format!("・{note}"), &plain)?;
        row += 1;
    }
    sheet.set_portrait();
    sheet.set_print_area(0, 0, row.saturating_sub(1), 5)?;
    Ok(book.save_to_buffer()?)
}
