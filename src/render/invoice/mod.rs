//! The invoice (御請求書) as a qualified invoice (適格請求書) carries it:
//! the issuer and its registration number, the month of the work, what was
//! done, the totals and tax per rate, the recipient; with the invoice's
//! number, its date, the due date and the bank account. The credit note
//! (適格返還請求書) that returns a cancelled invoice carries its own: the
//! date of the return, the invoice's date, what is returned and its tax per
//! rate. Both are made into one `Sheet`, written as HTML (printed to PDF
//! by the binary), CSV and XLSX; JSON is `hoshu.invoice.v1` and
//! `hoshu.credit.v1`.

use std::fmt::Write;

use chrono::NaiveDate;
use serde::Serialize;

use super::catalogue::{self, Catalogue, Msg, Text};
use super::escape::html as escape;
use super::quote::html::{STYLE, issuer, page_css, unbroken};
use crate::firm::Firm;
use crate::invoice::{Addressee, Charge, CreditNote, Invoice, InvoiceLine, RateTotal};
use crate::lang::Lang;
use crate::money::{Rounding, Yen};

mod xlsx;

/// What an invoice document is made of.
pub struct InvoiceDocument<'a> {
    pub invoice: &'a Invoice,
    pub firm: &'a Firm,
    pub number: &'a str,
    pub version: u32,
    pub lang: Lang,
    /// `--internal`: the tickets to settle first listed too.
    pub internal: bool,
}

/// What a credit note document is made of.
pub struct CreditDocument<'a> {
    pub credit: &'a CreditNote,
    pub firm: &'a Firm,
    pub number: &'a str,
    pub version: u32,
    pub lang: Lang,
}

/// A value of the document's heading table.
pub(crate) enum Meta {
    Text(String),
    /// A day: in words on the page, an Excel date in a worksheet.
    Date(NaiveDate),
}

/// A line as every format shows it.
pub(crate) struct Line {
    pub item: String,
    pub quantity: u64,
    pub unit_price: Yen,
    pub percent: u32,
    pub amount: Yen,
}

/// A tax rate's two rows: its subtotal and its tax.
pub(crate) struct RateRows {
    pub percent: u32,
    pub subtotal_label: String,
    pub subtotal: Yen,
    pub tax_label: String,
    pub tax: Yen,
}

/// One document (an invoice or a credit note) in the reader's words, for
/// every format: what differs between the two is decided here, once.
pub(crate) struct Sheet<'a> {
    pub lang: Lang,
    pub firm: &'a Firm,
    pub title: &'static str,
    pub number_label: &'static str,
    /// With its version from the second.
    pub number: String,
    pub meta: Vec<(&'static str, Meta)>,
    pub customer: Option<&'a str>,
    pub addressee: &'a Addressee,
    pub subject: String,
    pub greeting: &'static str,
    pub grand_label: &'static str,
    pub lines: Vec<Line>,
    pub rates: Vec<RateRows>,
    pub total: Yen,
    pub rounding: Rounding,
    /// The bank account, on an invoice.
    pub bank: bool,
    pub remarks: Vec<String>,
    /// The mark of a copy for the firm.
    pub internal: bool,
}

impl Sheet<'_> {
    fn cat(&self) -> &'static dyn Catalogue {
        catalogue::of(self.lang)
    }

    /// Every amount the sheet shows.
    pub(crate) fn amounts(&self) -> impl Iterator<Item = Yen> + '_ {
        self.lines
            .iter()
            .flat_map(|l| [l.unit_price, l.amount])
            .chain(self.rates.iter().flat_map(|r| [r.subtotal, r.tax]))
            .chain([self.total])
    }
}

/// A line's description in the reader's language.
fn item(cat: &dyn Catalogue, month: crate::invoice::Month, line: &InvoiceLine) -> String {
    match &line.charge {
        Charge::MonthlyFee => cat.say(&Msg::MonthlyFee {
            year: month.year,
            month: month.month,
        }),
        Charge::Ticket {
            id,
            hours,
            estimated,
        } => cat.say(&Msg::TicketCharge {
            id,
            title: &line.item,
            hours,
            estimated: *estimated,
        }),
        Charge::ContractLine { .. } | Charge::Discount { .. } => line.item.clone(),
    }
}

/// The number as the document shows it, with its version from the second.
fn shown_number(cat: &dyn Catalogue, number: &str, version: u32) -> String {
    match version {
        1 => number.to_owned(),
        v => cat.say(&Msg::NumberVersion { number, version: v }),
    }
}

fn lines(cat: &dyn Catalogue, month: crate::invoice::Month, lines: &[InvoiceLine]) -> Vec<Line> {
    lines
        .iter()
        .map(|l| Line {
            item: item(cat, month, l),
            quantity: l.quantity,
            unit_price: l.unit_price,
            percent: l.tax_rate_percent,
            amount: l.amount,
        })
        .collect()
}

fn rates(
    cat: &dyn Catalogue,
    by_rate: &[RateTotal],
    rounding: Rounding,
    returned: bool,
) -> Vec<RateRows> {
    by_rate
        .iter()
        .map(|r| RateRows {
            percent: r.tax_rate_percent,
            subtotal_label: cat.say(&if returned {
                Msg::ReturnedSubtotal {
                    percent: r.tax_rate_percent,
                }
            } else {
                Msg::RateSubtotal {
                    percent: r.tax_rate_percent,
                }
            }),
            subtotal: r.subtotal,
            tax_label: cat.say(&Msg::TaxRow {
                percent: r.tax_rate_percent,
                rounding,
            }),
            tax: r.tax,
        })
        .collect()
}

impl InvoiceDocument<'_> {
    pub(crate) fn sheet(&self) -> Sheet<'_> {
        let cat = catalogue::of(self.lang);
        let inv = self.invoice;
        let mut remarks = vec![
            cat.say(&Msg::DueNote { due: inv.due }),
            cat.text(Text::TaxOncePerInvoice).to_owned(),
        ];
        if self.internal && !inv.negotiate.is_empty() {
            remarks.push(cat.say(&Msg::NegotiateNote {
                tickets: &inv.negotiate.join(", "),
            }));
        }
        Sheet {
            lang: self.lang,
            firm: self.firm,
            title: cat.text(Text::InvoiceTitle),
            number_label: cat.text(Text::InvoiceNumber),
            number: shown_number(cat, self.number, self.version),
            meta: vec![
                (cat.text(Text::InvoiceDate), Meta::Date(inv.date)),
                (
                    cat.text(Text::TransactionMonth),
                    Meta::Text(cat.say(&Msg::InvoicePeriod {
                        year: inv.month.year,
                        month: inv.month.month,
                    })),
                ),
                (cat.text(Text::DueDate), Meta::Date(inv.due)),
            ],
            customer: inv.customer.as_deref(),
            addressee: &inv.addressee,
            subject: cat.say(&Msg::InvoiceSubject {
                system: &inv.system,
                contract: &inv.contract,
            }),
            greeting: cat.text(Text::InvoiceGreeting),
            grand_label: cat.text(Text::AmountDue),
            lines: lines(cat, inv.month, &inv.lines),
            rates: rates(cat, &inv.by_rate, inv.tax_rounding, false),
            total: inv.total,
            rounding: inv.tax_rounding,
            bank: true,
            remarks,
            internal: self.internal,
        }
    }
}

impl CreditDocument<'_> {
    pub(crate) fn sheet(&self) -> Sheet<'_> {
        let cat = catalogue::of(self.lang);
        let c = self.credit;
        let mut remarks = vec![cat.text(Text::TaxAsInvoiced).to_owned()];
        if let Some(reason) = &c.reason {
            remarks.push(cat.say(&Msg::CancelReason { reason }));
        }
        Sheet {
            lang: self.lang,
            firm: self.firm,
            title: cat.text(Text::CreditTitle),
            number_label: cat.text(Text::CreditNumber),
            number: shown_number(cat, self.number, self.version),
            meta: vec![
                (cat.text(Text::CreditDate), Meta::Date(c.date)),
                (
                    cat.text(Text::CreditedInvoice),
                    Meta::Text(c.invoice.clone()),
                ),
                (
                    cat.text(Text::CreditedInvoiceDate),
                    Meta::Date(c.invoice_date),
                ),
                (
                    cat.text(Text::TransactionMonth),
                    Meta::Text(cat.say(&Msg::InvoicePeriod {
                        year: c.month.year,
                        month: c.month.month,
                    })),
                ),
            ],
            customer: c.customer.as_deref(),
            addressee: &c.addressee,
            subject: cat.say(&Msg::CreditSubject {
                invoice: &c.invoice,
                system: &c.system,
            }),
            greeting: cat.text(Text::CreditGreeting),
            grand_label: cat.text(Text::AmountReturned),
            lines: lines(cat, c.month, &c.lines),
            rates: rates(cat, &c.by_rate, c.tax_rounding, true),
            total: c.total,
            rounding: c.tax_rounding,
            bank: false,
            remarks,
            internal: false,
        }
    }
}

/// The document as one self-contained HTML page set.
pub(crate) fn html(sheet: &Sheet) -> String {
    let cat = sheet.cat();
    let mut h = String::new();
    let title = sheet.title;
    let number = &sheet.number;
    let _ = write!(
        h,
        "<!DOCTYPE html>\n<html lang=\"{}\">\n<head>\n<meta charset=\"utf-8\">\n\
         <title>{title} {}</title>\n<style>{STYLE}{}</style>\n</head>\n<body>\n<main class=\"sheet\">\n",
        sheet.lang.code(),
        escape(number),
        page_css(&format!("{} {}", sheet.number_label, number))
    );
    if sheet.internal {
        let _ = writeln!(
            h,
            "<div class=\"internal\">{}</div>",
            cat.text(Text::InternalMark)
        );
    }
    let _ = write!(h, "<h1>{title}</h1>\n<table class=\"meta\">\n");
    let meta = std::iter::once((sheet.number_label, number.clone())).chain(sheet.meta.iter().map(
        |(label, value)| {
            let value = match value {
                Meta::Text(t) => t.clone(),
                Meta::Date(d) => cat.date(*d),
            };
            (*label, value)
        },
    ));
    for (label, value) in meta {
        let _ = writeln!(h, "<tr><th>{label}</th><td>{}</td></tr>", escape(&value));
    }
    h.push_str("</table>\n<section class=\"parties\">\n<div class=\"to\">\n");
    let to = sheet.addressee;
    if let Some(address) =
        super::document::postal_address(to.postal_code.as_deref(), to.address.as_deref())
    {
        let _ = writeln!(h, "<p class=\"to-address\">{}</p>", unbroken(&address));
    }
    if let Some(customer) = sheet.customer {
        // The person's name stays on one line, as on the 見積書.
        let addressee = super::document::addressee(
            cat,
            customer,
            to.department.as_deref(),
            to.contact.as_deref(),
            to.person,
            true,
        );
        let _ = writeln!(h, "<p class=\"addressee\">{}</p>", unbroken(&addressee));
    }
    let _ = writeln!(
        h,
        "<p class=\"subject\">{}{}{}</p>\n<p class=\"greeting\">{}</p>",
        cat.text(Text::Subject),
        cat.text(Text::Colon),
        escape(&sheet.subject),
        sheet.greeting
    );
    let _ = writeln!(
        h,
        "<div class=\"grand\"><span>{}</span><strong>{}</strong></div>",
        sheet.grand_label, sheet.total
    );
    h.push_str("</div>\n<div class=\"from\">\n");
    let firm = sheet.firm;
    h.push_str(&issuer(firm, cat));
    h.push_str("</div>\n</section>\n");

    let _ = write!(
        h,
        "<table class=\"lines\">\n<thead><tr><th>{}</th><th>{}</th><th>{}</th><th>{}</th><th>{}</th></tr></thead>\n<tbody>\n",
        cat.text(Text::Item),
        cat.text(Text::Quantity),
        cat.text(Text::UnitPrice),
        cat.text(Text::TaxRateColumn),
        cat.text(Text::Amount)
    );
    for line in &sheet.lines {
        let _ = writeln!(
            h,
            "<tr><td>{}</td><td class=\"num\">{}</td><td class=\"num\">{}</td>\
             <td class=\"unit\">{}%</td><td class=\"num\">{}</td></tr>",
            escape(&line.item),
            line.quantity,
            line.unit_price,
            line.percent,
            line.amount
        );
    }
    h.push_str("</tbody>\n</table>\n<table class=\"totals\">\n<tbody>\n");
    for r in &sheet.rates {
        let _ = writeln!(
            h,
            "<tr><th>{}</th><td class=\"num\">{}</td></tr>\n<tr><th>{}</th><td class=\"num\">{}</td></tr>",
            escape(&r.subtotal_label),
            r.subtotal,
            escape(&r.tax_label),
            r.tax
        );
    }
    let _ = writeln!(
        h,
        "<tr class=\"total\"><th>{}</th><td class=\"num\">{}</td></tr>\n</tbody>\n</table>",
        cat.text(Text::Total),
        sheet.total
    );
    h.push_str("<section class=\"lower\">\n<div class=\"notes\">\n");
    if let Some(bank) = firm.bank.as_ref().filter(|_| sheet.bank) {
        let _ = writeln!(
            h,
            "<h2>{}</h2>\n<p>{}</p>",
            cat.text(Text::BankAccount),
            unbroken(&bank_line(bank))
        );
    }
    let _ = writeln!(h, "<h2>{}</h2>\n<ul>", cat.text(Text::Remarks));
    for remark in &sheet.remarks {
        let _ = writeln!(h, "<li>{}</li>", escape(remark));
    }
    h.push_str("</ul>\n</div>\n</section>\n</main>\n</body>\n</html>\n");
    h
}

/// The bank account on one line.
fn bank_line(bank: &crate::firm::Bank) -> String {
    format!(
        "{} {} {} {} {}",
        bank.name, bank.branch, bank.account_type, bank.account_number, bank.holder
    )
}

/// The document as CSV for Excel or an accounting import (UTF-8 with a
/// BOM, CR LF): one line a row, then a row for each rate's subtotal and
/// tax and the total, each amount a number. Every row carries the
/// document's number, its heading (dates as `YYYY-MM-DD`), the issuer, its
/// registration number and the customer, so that each row is a whole
/// record; text neutralised against formulas.
pub(crate) fn csv(sheet: &Sheet) -> Vec<u8> {
    use super::escape::spreadsheet_cell;
    let cat = sheet.cat();
    let text = |c: &str| spreadsheet_cell(c).into_owned();
    let mut head = vec![text(&sheet.number)];
    head.extend(sheet.meta.iter().map(|(_, value)| match value {
        Meta::Text(t) => text(t),
        Meta::Date(d) => d.to_string(),
    }));
    head.extend([
        text(&sheet.firm.company),
        text(sheet.firm.registration.as_deref().unwrap_or_default()),
        text(sheet.customer.unwrap_or_default()),
    ]);
    let mut out = b"\xEF\xBB\xBF".to_vec();
    {
        let mut w = csv::WriterBuilder::new()
            .terminator(csv::Terminator::CRLF)
            .from_writer(&mut out);
        let mut row = |rest: [String; 5]| {
            let _ = w.write_record(head.iter().cloned().chain(rest));
        };
        for line in &sheet.lines {
            row([
                text(&line.item),
                line.quantity.to_string(),
                line.unit_price.0.to_string(),
                line.percent.to_string(),
                line.amount.0.to_string(),
            ]);
        }
        for r in &sheet.rates {
            for (label, amount) in [(&r.subtotal_label, r.subtotal), (&r.tax_label, r.tax)] {
                row([
                    text(label),
                    String::new(),
                    String::new(),
                    r.percent.to_string(),
                    amount.0.to_string(),
                ]);
            }
        }
        row([
            text(cat.text(Text::Total)),
            String::new(),
            String::new(),
            String::new(),
            sheet.total.0.to_string(),
        ]);
        let _ = w.flush();
    }
    // The header first: the labels of the same columns.
    let mut labels = vec![sheet.number_label];
    labels.extend(sheet.meta.iter().map(|(label, _)| *label));
    labels.extend(
        [
            Text::IssuerColumn,
            Text::Registration,
            Text::RecordCustomer,
            Text::Item,
            Text::Quantity,
            Text::UnitPrice,
            Text::TaxRateColumn,
            Text::Amount,
        ]
        .map(|t| cat.text(t)),
    );
    let mut header = Vec::new();
    {
        let mut w = csv::WriterBuilder::new()
            .terminator(csv::Terminator::CRLF)
            .from_writer(&mut header);
        let _ = w.write_record(&labels);
        let _ = w.flush();
    }
    out.splice(3..3, header);
    out
}

/// The document as a worksheet: every amount, tax and total a formula.
pub(crate) fn xlsx(sheet: &Sheet) -> Result<Vec<u8>, catalogue::Usage> {
    xlsx::render(sheet).map_err(super::sheet::Fail::usage)
}

/// An invoice or credit note in each format hoshu writes it in.
fn render(
    sheet_of: &Sheet,
    format: DocumentFormat,
    json: &str,
) -> Result<Vec<u8>, catalogue::Usage> {
    Ok(match format {
        DocumentFormat::Json => json.as_bytes().to_vec(),
        DocumentFormat::Csv => csv(sheet_of),
        DocumentFormat::Xlsx => xlsx(sheet_of)?,
        DocumentFormat::Html | DocumentFormat::Pdf => html(sheet_of).into_bytes(),
    })
}

/// The formats of an invoice and a credit note.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DocumentFormat {
    Pdf,
    Html,
    Xlsx,
    Json,
    Csv,
}

impl DocumentFormat {
    /// Every format, for tests that go over all of them.
    pub const ALL: [DocumentFormat; 5] = [
        DocumentFormat::Pdf,
        DocumentFormat::Html,
        DocumentFormat::Xlsx,
        DocumentFormat::Json,
        DocumentFormat::Csv,
    ];

    /// Its name, as the register records it.
    pub fn name(self) -> &'static str {
        match self {
            DocumentFormat::Pdf => "pdf",
            DocumentFormat::Html => "html",
            DocumentFormat::Xlsx => "xlsx",
            DocumentFormat::Json => "json",
            DocumentFormat::Csv => "csv",
        }
    }
}

impl InvoiceDocument<'_> {
    /// The invoice in `format`; `hoshu.invoice.v1` for JSON.
    /// `json` is [`json`]'s, made once by the caller (it is recorded too).
    pub fn render(&self, format: DocumentFormat, json: &str) -> Result<Vec<u8>, catalogue::Usage> {
        render(&self.sheet(), format, json)
    }
}

impl CreditDocument<'_> {
    /// The credit note in `format`; `hoshu.credit.v1` for JSON.
    /// `json` is [`credit_json`]'s, made once by the caller (it is
    /// recorded too).
    pub fn render(&self, format: DocumentFormat, json: &str) -> Result<Vec<u8>, catalogue::Usage> {
        render(&self.sheet(), format, json)
    }
}

#[derive(Serialize, schemars::JsonSchema)]
#[schemars(title = "hoshu.invoice.v1")]
struct JsonInvoice<'a> {
    schema: &'static str,
    number: &'a str,
    version: u32,
    issuer: Issuer<'a>,
    #[serde(flatten)]
    invoice: &'a Invoice,
    /// Each line's description in the reader's language, in line order.
    items: Vec<String>,
    bank: Option<&'a crate::firm::Bank>,
}

#[derive(Serialize, schemars::JsonSchema)]
struct Issuer<'a> {
    company: &'a str,
    /// The qualified-invoice registration number.
    registration: Option<&'a str>,
}

/// The invoice as `hoshu.invoice.v1` JSON.
pub fn json(doc: &InvoiceDocument) -> String {
    let cat = catalogue::of(doc.lang);
    let mut text = serde_json::to_string_pretty(&JsonInvoice {
        schema: "hoshu.invoice.v1",
        number: doc.number,
        version: doc.version,
        issuer: Issuer {
            company: &doc.firm.company,
            registration: doc.firm.registration.as_deref(),
        },
        invoice: doc.invoice,
        items: doc
            .invoice
            .lines
            .iter()
            .map(|l| item(cat, doc.invoice.month, l))
            .collect(),
        bank: doc.firm.bank.as_ref(),
    })
    .expect("an invoice always serializes");
    text.push('\n');
    text
}

#[derive(Serialize, schemars::JsonSchema)]
#[schemars(title = "hoshu.credit.v1")]
struct JsonCredit<'a> {
    schema: &'static str,
    number: &'a str,
    version: u32,
    issuer: Issuer<'a>,
    #[serde(flatten)]
    credit: &'a CreditNote,
    /// Each line's description in the reader's language, in line order.
    items: Vec<String>,
}

/// The credit note as `hoshu.credit.v1` JSON.
pub fn credit_json(doc: &CreditDocument) -> String {
    let cat = catalogue::of(doc.lang);
    let mut text = serde_json::to_string_pretty(&JsonCredit {
        schema: "hoshu.credit.v1",
        number: doc.number,
        version: doc.version,
        issuer: Issuer {
            company: &doc.firm.company,
            registration: doc.firm.registration.as_deref(),
        },
        credit: doc.credit,
        items: doc
            .credit
            .lines
            .iter()
            .map(|l| item(cat, doc.credit.month, l))
            .collect(),
    })
    .expect("a credit note always serializes");
    text.push('\n');
    text
}

/// The JSON Schema of `hoshu.credit.v1`.
pub fn credit_schema() -> schemars::Schema {
    schemars::schema_for!(JsonCredit<'static>)
}

/// What `invoice --all` did with a contract.
pub enum Outcome {
    Issued {
        contract: String,
        customer: Option<String>,
        number: String,
        amount: i64,
    },
    Skipped {
        contract: String,
        customer: Option<String>,
        reason: String,
    },
}

/// `invoice --all`'s table: each contract, its invoice or why none, and
/// the total invoiced.
pub fn summary(rows: &[Outcome], lang: Lang, width: Option<u16>) -> String {
    use super::{Column, Grid, Style};
    let cat = catalogue::of(lang);
    let header = [
        Text::RecordContract,
        Text::RecordCustomer,
        Text::InvoiceNumber,
        Text::RecordAmount,
    ]
    .map(|t| cat.text(t).to_owned());
    let mut grid = Grid::new(
        &[Column::LABEL, Column::TEXT, Column::TEXT, Column::NUMBER],
        header.to_vec(),
    );
    let mut total = crate::money::Yen::ZERO;
    for row in rows {
        let cells = match row {
            Outcome::Issued {
                contract,
                customer,
                number,
                amount,
            } => {
                total = crate::money::Yen(total.0.saturating_add(*amount));
                [
                    contract.clone(),
                    customer.clone().unwrap_or_default(),
                    number.clone(),
                    crate::money::Yen(*amount).to_string(),
                ]
            }
            Outcome::Skipped {
                contract,
                customer,
                reason,
            } => [
                contract.clone(),
                customer.clone().unwrap_or_default(),
                reason.clone(),
                String::new(),
            ],
        };
        grid.row(
            cells
                .iter()
                .map(|c| super::escape(c).into_owned())
                .collect(),
        );
    }
    grid.bold_row(vec![
        cat.text(Text::Total).to_owned(),
        String::new(),
        String::new(),
        total.to_string(),
    ]);
    let mut out = grid.render(Style {
        color: false,
        width,
    });
    out.push('\n');
    out
}

/// The JSON Schema of `hoshu.invoice.v1`.
pub fn schema() -> schemars::Schema {
    schemars::schema_for!(JsonInvoice<'static>)
}
