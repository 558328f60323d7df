//! The invoice (御請求書) as a qualified invoice (適格請求書) carries it:
//! the issuer and its registration number, the month of the work, what was
//! done, the totals and tax per rate, the recipient; with the invoice's
//! number, its date, the due date and the bank account. HTML (printed to
//! PDF by the binary) and `hoshu.invoice.v1` JSON.

use std::fmt::Write;

use serde::Serialize;

use super::catalogue::{self, Msg, Text};
use super::escape::html as escape;
use super::quote::html::{STYLE, issuer, page_css, unbroken};
use crate::firm::Firm;
use crate::invoice::{Charge, Invoice};
use crate::lang::Lang;

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

/// A line's description in the reader's language.
fn item(doc: &InvoiceDocument, line: &crate::invoice::InvoiceLine) -> String {
    let cat = catalogue::of(doc.lang);
    match &line.charge {
        Charge::MonthlyFee => cat.say(&Msg::MonthlyFee {
            year: doc.invoice.month.year,
            month: doc.invoice.month.month,
        }),
        Charge::Ticket { id, hours } => cat.say(&Msg::TicketCharge {
            id,
            title: &line.item,
            hours,
        }),
        Charge::ContractLine { .. } | Charge::Discount { .. } => line.item.clone(),
    }
}

/// The number as the document shows it, with its version from the second.
fn shown_number(doc: &InvoiceDocument) -> String {
    match doc.version {
        1 => doc.number.to_owned(),
        v => catalogue::of(doc.lang).say(&Msg::NumberVersion {
            number: doc.number,
            version: v,
        }),
    }
}

/// The invoice as one self-contained HTML page set.
pub fn html(doc: &InvoiceDocument) -> String {
    let cat = catalogue::of(doc.lang);
    let inv = doc.invoice;
    let number = shown_number(doc);
    let mut h = String::new();
    let title = cat.text(Text::InvoiceTitle);
    let _ = write!(
        h,
        "<!DOCTYPE html>\n<html lang=\"{}\">\n<head>\n<meta charset=\"utf-8\">\n\
         <title>{title} {}</title>\n<style>{STYLE}{}</style>\n</head>\n<body>\n<main class=\"sheet\">\n",
        doc.lang.code(),
        escape(&number),
        page_css(&format!("{} {}", cat.text(Text::InvoiceNumber), number))
    );
    if doc.internal {
        let _ = writeln!(
            h,
            "<div class=\"internal\">{}</div>",
            cat.text(Text::InternalMark)
        );
    }
    let _ = write!(h, "<h1>{title}</h1>\n<table class=\"meta\">\n");
    for (label, value) in [
        (cat.text(Text::InvoiceNumber), number.clone()),
        (cat.text(Text::InvoiceDate), cat.date(inv.date)),
        (
            cat.text(Text::TransactionMonth),
            cat.say(&Msg::InvoicePeriod {
                year: inv.month.year,
                month: inv.month.month,
            }),
        ),
        (cat.text(Text::DueDate), cat.date(inv.due)),
    ] {
        let _ = writeln!(h, "<tr><th>{label}</th><td>{}</td></tr>", escape(&value));
    }
    h.push_str("</table>\n<section class=\"parties\">\n<div class=\"to\">\n");
    let to = &inv.addressee;
    if let Some(address) =
        super::document::postal_address(to.postal_code.as_deref(), to.address.as_deref())
    {
        let _ = writeln!(h, "<p class=\"to-address\">{}</p>", unbroken(&address));
    }
    if let Some(customer) = &inv.customer {
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
        escape(&cat.say(&Msg::InvoiceSubject {
            system: &inv.system,
            contract: &inv.contract,
        })),
        cat.text(Text::InvoiceGreeting)
    );
    let _ = writeln!(
        h,
        "<div class=\"grand\"><span>{}</span><strong>{}</strong></div>",
        cat.text(Text::AmountDue),
        inv.total
    );
    h.push_str("</div>\n<div class=\"from\">\n");
    let firm = doc.firm;
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
    for line in &inv.lines {
        let _ = writeln!(
            h,
            "<tr><td>{}</td><td class=\"num\">{}</td><td class=\"num\">{}</td>\
             <td class=\"unit\">{}%</td><td class=\"num\">{}</td></tr>",
            escape(&item(doc, line)),
            line.quantity,
            line.unit_price,
            line.tax_rate_percent,
            line.amount
        );
    }
    h.push_str("</tbody>\n</table>\n<table class=\"totals\">\n<tbody>\n");
    for r in &inv.by_rate {
        let _ = writeln!(
            h,
            "<tr><th>{}</th><td class=\"num\">{}</td></tr>\n<tr><th>{}</th><td class=\"num\">{}</td></tr>",
            escape(&cat.say(&Msg::RateSubtotal {
                percent: r.tax_rate_percent
            })),
            r.subtotal,
            escape(&cat.say(&Msg::TaxRow {
                percent: r.tax_rate_percent,
                rounding: inv.tax_rounding,
            })),
            r.tax
        );
    }
    let _ = writeln!(
        h,
        "<tr class=\"total\"><th>{}</th><td class=\"num\">{}</td></tr>\n</tbody>\n</table>",
        cat.text(Text::Total),
        inv.total
    );
    h.push_str("<section class=\"lower\">\n<div class=\"notes\">\n");
    if let Some(bank) = &firm.bank {
        let _ = writeln!(
            h,
            "<h2>{}</h2>\n<p>{}</p>",
            cat.text(Text::BankAccount),
            unbroken(&format!(
                "{} {} {} {} {}",
                bank.name, bank.branch, bank.account_type, bank.account_number, bank.holder
            ))
        );
    }
    let _ = writeln!(
        h,
        "<h2>{}</h2>\n<ul>\n<li>{}</li>\n<li>{}</li>",
        cat.text(Text::Remarks),
        escape(&cat.say(&Msg::DueNote { due: inv.due })),
        cat.text(Text::TaxOncePerInvoice)
    );
    if doc.internal && !inv.negotiate.is_empty() {
        let _ = writeln!(
            h,
            "<li>{}</li>",
            escape(&cat.say(&Msg::NegotiateNote {
                tickets: &inv.negotiate.join(", "),
            }))
        );
    }
    h.push_str("</ul>\n</div>\n</section>\n</main>\n</body>\n</html>\n");
    h
}

/// The invoice's lines as CSV for Excel (UTF-8 with a BOM, CR LF): one
/// line a row, then a row for each rate's subtotal and tax and the total,
/// each amount a number; text neutralised against formulas.
pub fn csv(doc: &InvoiceDocument) -> Vec<u8> {
    use super::escape::spreadsheet_cell;
    let cat = catalogue::of(doc.lang);
    let inv = doc.invoice;
    let number = shown_number(doc);
    let mut out = b"\xEF\xBB\xBF".to_vec();
    {
        let mut w = csv::WriterBuilder::new()
            .terminator(csv::Terminator::CRLF)
            .from_writer(&mut out);
        let text = |c: &str| spreadsheet_cell(c).into_owned();
        let _ = w.write_record([
            cat.text(Text::InvoiceNumber),
            cat.text(Text::Item),
            cat.text(Text::Quantity),
            cat.text(Text::UnitPrice),
            cat.text(Text::TaxRateColumn),
            cat.text(Text::Amount),
        ]);
        for line in &inv.lines {
            let _ = w.write_record([
                text(&number),
                text(&item(doc, line)),
                line.quantity.to_string(),
                line.unit_price.0.to_string(),
                line.tax_rate_percent.to_string(),
                line.amount.0.to_string(),
            ]);
        }
        for r in &inv.by_rate {
            for (label, amount) in [
                (
                    cat.say(&Msg::RateSubtotal {
                        percent: r.tax_rate_percent,
                    }),
                    r.subtotal,
                ),
                (
                    cat.say(&Msg::TaxRow {
                        percent: r.tax_rate_percent,
                        rounding: inv.tax_rounding,
                    }),
                    r.tax,
                ),
            ] {
                let _ = w.write_record([
                    text(&number),
                    text(&label),
                    String::new(),
                    String::new(),
                    r.tax_rate_percent.to_string(),
                    amount.0.to_string(),
                ]);
            }
        }
        let _ = w.write_record([
            text(&number),
            text(cat.text(Text::Total)),
            String::new(),
            String::new(),
            String::new(),
            inv.total.0.to_string(),
        ]);
        let _ = w.flush();
    }
    out
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
    let mut text = serde_json::to_string_pretty(&JsonInvoice {
        schema: "hoshu.invoice.v1",
        number: doc.number,
        version: doc.version,
        issuer: Issuer {
            company: &doc.firm.company,
            registration: doc.firm.registration.as_deref(),
        },
        invoice: doc.invoice,
        items: doc.invoice.lines.iter().map(|l| item(doc, l)).collect(),
        bank: doc.firm.bank.as_ref(),
    })
    .expect("an invoice always serializes");
    text.push('\n');
    text
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
