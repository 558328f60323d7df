//! What every worksheet hoshu writes shares (the 見積書, the invoice, the
//! credit note): text cells Excel can hold, amounts a spreadsheet holds
//! exactly, tax as a formula rounded by the card's rule, dates as Excel
//! dates, the fonts and formats, and the issuer's block with its seal.

use chrono::{Datelike, NaiveDate};
use rust_xlsxwriter::{
    ExcelDateTime, Format, FormatAlign, FormatBorder, Formula, Image, Worksheet, XlsxError,
};

use crate::lang::Lang;
use crate::money::{Rounding, Yen};
use crate::render::catalogue::{Catalogue, Text, Usage};

pub(crate) const YEN: &str = "\"¥\"#,##0";

/// The Excel formula of the tax on the value in `cell`, rounded by `r`.
pub(crate) fn tax_formula(cell: &str, percent: u32, r: Rounding) -> String {
    match r {
        Rounding::Floor => format!("=INT({cell}*{percent}/100)"),
        Rounding::Ceil => format!("=-INT(-{cell}*{percent}/100)"),
        Rounding::HalfUp => format!("=INT({cell}*{percent}/100+0.5)"),
    }
}

/// A formula with the result hoshu computed, for readers that do not
/// recompute.
pub(crate) fn formula(text: String, result: Yen) -> Formula {
    Formula::new(text).set_result(result.0.to_string())
}

/// What a worksheet cannot hold, or the writer's own failure.
#[derive(Debug)]
pub(crate) enum Fail {
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

impl Fail {
    /// What cannot be done: a document the format cannot hold (exit 2), or
    /// the writer's own failure (exit 1).
    pub(crate) fn usage(self) -> Usage {
        match self {
            Fail::TextTooLong { start, chars } => Usage::CellTooLong { start, chars },
            Fail::AmountTooLarge { amount } => Usage::AmountNotExact { amount },
            Fail::Xlsx(e) => Usage::CannotRender {
                format: "xlsx",
                detail: e.to_string(),
            },
        }
    }
}

/// The most characters Excel holds in a cell.
const MAX_CELL_CHARS: usize = 32_767;
/// The largest whole number a spreadsheet holds exactly.
const MAX_EXACT: i64 = 1 << 53;

/// Every amount within what a spreadsheet holds exactly.
pub(crate) fn exact(amounts: impl IntoIterator<Item = Yen>) -> Result<(), Fail> {
    for amount in amounts {
        if amount.0.unsigned_abs() > MAX_EXACT.unsigned_abs() {
            return Err(Fail::AmountTooLarge { amount });
        }
    }
    Ok(())
}

/// A text cell, refused when Excel could not hold it.
pub(crate) trait TextCell {
    fn text(
        &mut self,
        row: u32,
        col: u16,
        text: impl AsRef<str>,
        format: &Format,
    ) -> Result<(), Fail>;
}

impl TextCell for Worksheet {
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
pub(crate) fn raster(picture: &crate::firm::Picture) -> Option<&crate::firm::Picture> {
    use crate::firm::PictureKind;
    matches!(picture.kind, PictureKind::Png | PictureKind::Jpeg).then_some(picture)
}

/// The formats of a document's sheet, in the font Excel uses for `lang`.
pub(crate) struct Formats {
    pub plain: Format,
    pub bold: Format,
    pub title: Format,
    pub head: Format,
    pub cell: Format,
    pub group: Format,
    pub money: Format,
    pub money_bold: Format,
    pub big: Format,
    pub number: Format,
    pub date: Format,
}

impl Formats {
    pub(crate) fn new(lang: Lang) -> Formats {
        // The font Excel uses in Japan, or its default elsewhere.
        let face = match lang {
            Lang::Ja => "Yu Gothic",
            Lang::En => "Calibri",
        };
        let font = |f: Format| f.set_font_name(face);
        let plain = font(Format::new());
        Formats {
            bold: font(Format::new().set_bold()),
            title: font(
                Format::new()
                    .set_bold()
                    .set_font_size(18)
                    .set_align(FormatAlign::Center),
            ),
            head: font(
                Format::new()
                    .set_bold()
                    .set_background_color(0xE8EEF5)
                    .set_border(FormatBorder::Thin)
                    .set_align(FormatAlign::Center),
            ),
            cell: font(Format::new().set_border(FormatBorder::Thin).set_text_wrap()),
            group: font(
                Format::new()
                    .set_bold()
                    .set_background_color(0xF4F4F4)
                    .set_border(FormatBorder::Thin),
            ),
            money: font(
                Format::new()
                    .set_num_format(YEN)
                    .set_border(FormatBorder::Thin),
            ),
            money_bold: font(
                Format::new()
                    .set_num_format(YEN)
                    .set_border(FormatBorder::Thin)
                    .set_bold(),
            ),
            big: font(
                Format::new()
                    .set_num_format(YEN)
                    .set_bold()
                    .set_font_size(16),
            ),
            number: font(Format::new().set_border(FormatBorder::Thin)),
            // Dates as Excel dates, shown as the document writes them.
            date: plain.clone().set_num_format(match lang {
                Lang::Ja => "yyyy\"年\"m\"月\"d\"日\"",
                Lang::En => "yyyy-mm-dd",
            }),
            plain,
        }
    }
}

/// `date` as an Excel date in the document's format.
pub(crate) fn date(
    sheet: &mut Worksheet,
    row: u32,
    col: u16,
    date: NaiveDate,
    f: &Formats,
) -> Result<(), Fail> {
    let day = ExcelDateTime::from_ymd(
        u16::try_from(date.year()).unwrap_or(9999),
        date.month() as u8,
        date.day() as u8,
    )?;
    sheet.write_datetime_with_format(row, col, &day, &f.date)?;
    Ok(())
}

/// A4 portrait, one page wide, page numbers on every page, and a copy for
/// the firm marked so on each.
pub(crate) fn page_setup(
    sheet: &mut Worksheet,
    name: &str,
    internal: Option<&str>,
) -> Result<(), Fail> {
    sheet.set_name(name)?;
    sheet.set_paper_size(9); // A4
    sheet.set_print_fit_to_pages(1, 0);
    sheet.set_portrait();
    sheet.set_footer("&C&P / &N");
    if let Some(mark) = internal {
        sheet.set_header(format!("&R{mark}"));
    }
    Ok(())
}

/// The issuer's block from `row` in column `col` (name in bold, address,
/// contacts, registration number), with its seal beside the name and its
/// logo at the top left; the row after it.
pub(crate) fn issuer(
    sheet: &mut Worksheet,
    mut row: u32,
    col: u16,
    firm: &crate::firm::Firm,
    cat: &dyn Catalogue,
    f: &Formats,
) -> Result<u32, Fail> {
    // A worksheet holds PNG and JPEG only: an SVG is left out, and the
    // command says so.
    if let Some(seal) = firm.seal_picture.as_ref().and_then(raster) {
        let image = Image::new_from_buffer(&seal.bytes)?.set_scale_to_size(80, 80, true);
        sheet.insert_image_with_offset(row, col + 2, &image, 10, 0)?;
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
                format!("{}{}{v}", cat.text(l), cat.text(Text::Colon))
            }));
        }
    }
    for (i, line) in lines.iter().enumerate() {
        let format = if i == 0 { &f.bold } else { &f.plain };
        sheet.text(row, col, line, format)?;
        row += 1;
    }
    Ok(row)
}
