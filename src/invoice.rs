//! The monthly invoice (請求書) of a maintenance contract: the contract's
//! monthly fee, the yearly items in the month they renew, the one-time work
//! in the first month, the contract's discounts, and the billable tickets'
//! hours; tax once per rate on the invoice (適格請求書), and the due date by
//! the firm's payment terms, moved off a bank holiday.
//!
//! Pure: the contract, the month, the tickets and the day are given; words
//! are the render layer's.

use chrono::{Datelike, Months, NaiveDate};
use serde::{Deserialize, Serialize};

use crate::money::{Hours, Overflow, Rounding, TaxRate, Yen};
use crate::vocab::Recurrence;

pub mod tickets;

pub use crate::date::Month;

/// A contract as the register holds it: the lines and discounts of the
/// issued quote, its tax, and the term of the maintenance.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Contract {
    /// The issued quote's number.
    pub number: String,
    pub customer: Option<String>,
    pub system: String,
    pub lines: Vec<ContractLine>,
    pub tax_rate: TaxRate,
    pub rounding: Rounding,
    /// The first day in force: `[maintenance] start`, else the delivery,
    /// else the day the quote was issued.
    pub start: NaiveDate,
    /// The last day in force, if the contract has one.
    pub end: Option<NaiveDate>,
    /// How the quote addressed the customer: the same on the invoice.
    pub addressee: Addressee,
    /// The firm's code for the customer (`[quote] customer_code`).
    pub customer_code: Option<String>,
    /// The month the one-time work is invoiced; none: the first month.
    pub one_time_month: Option<Month>,
}

/// The customer's department, contact person and address, as the
/// contract's `[quote]` gives them.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct Addressee {
    pub department: Option<String>,
    pub contact: Option<String>,
    /// 様 rather than 御中.
    pub person: bool,
    pub postal_code: Option<String>,
    pub address: Option<String>,
}

/// One line (or discount) of the contract's quote.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
pub struct ContractLine {
    pub key: String,
    pub item: String,
    pub quantity: u64,
    pub unit_price: Yen,
    pub amount: Yen,
    pub recurrence: Recurrence,
    /// A yearly service's month of renewal (1–12), from the system file.
    #[serde(skip)]
    pub renews: Option<u32>,
}

/// A ticket of the batch result, as the invoice reads it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Ticket {
    pub id: String,
    pub title: String,
    pub verdict: crate::coverage::Verdict,
    /// Hours of work (spent, else estimated); a billable ticket has them.
    pub hours: Option<Hours>,
    /// The hours are the estimate: no hours spent were given.
    pub estimated: bool,
    /// Its line in the ticket file.
    pub line: u64,
    /// Its project column's cell, when one was named.
    pub project: Option<String>,
}

/// How the monthly fee is written.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Deserialize, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum MonthlyLines {
    /// One line: 保守・運用費 2026年12月分 (the default).
    #[default]
    One,
    /// Each line of the contract.
    Itemised,
}

/// When payment is due: `months` after the invoiced month's close, on
/// `day` (none: the month's last day), moved off a bank holiday.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PaymentTerms {
    pub months: u32,
    pub day: Option<u32>,
    /// On a bank holiday, the business day before (else after).
    pub earlier: bool,
}

impl Default for PaymentTerms {
    /// 月末締め翌月末払い, the business day before a holiday.
    fn default() -> Self {
        PaymentTerms {
            months: 1,
            day: None,
            earlier: true,
        }
    }
}

/// What an invoice line bills.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Charge {
    /// The month's fee in one line.
    MonthlyFee,
    /// A line of the contract (monthly when itemised, yearly, one-time).
    ContractLine { key: String, recurrence: Recurrence },
    /// A discount of the contract (a negative amount).
    Discount { key: String, recurrence: Recurrence },
    /// A billable ticket: hours × the hourly rate; `estimated` when the
    /// hours are the ticket's estimate.
    Ticket {
        id: String,
        hours: String,
        #[serde(default)]
        estimated: bool,
    },
}

/// One line of the invoice.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct InvoiceLine {
    pub charge: Charge,
    /// The contract's item or the ticket's title, as given.
    pub item: String,
    pub quantity: u64,
    pub unit_price: Yen,
    pub amount: Yen,
    pub tax_rate_percent: u32,
}

/// Per tax rate: the lines' sum and its tax, rounded once.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct RateTotal {
    pub tax_rate_percent: u32,
    pub subtotal: Yen,
    pub tax: Yen,
}

/// A month's invoice.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct Invoice {
    pub contract: String,
    pub customer: Option<String>,
    pub system: String,
    /// The month the work was done in (取引年月).
    pub month: Month,
    pub date: NaiveDate,
    pub due: NaiveDate,
    pub lines: Vec<InvoiceLine>,
    pub by_rate: Vec<RateTotal>,
    pub subtotal: Yen,
    pub tax: Yen,
    pub total: Yen,
    /// Tickets to settle with the customer first: not billed.
    pub negotiate: Vec<String>,
    pub tax_rounding: Rounding,
    pub addressee: Addressee,
}

/// Why a contract cannot be invoiced for a month.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum InvoiceError {
    /// The month is before the contract starts or after it ends.
    OutOfTerm {
        month: Month,
        start: NaiveDate,
        end: Option<NaiveDate>,
    },
    /// A billable ticket without hours.
    NoHours {
        id: String,
        line: u64,
    },
    /// A due date past the holiday calendar hoshu knows.
    PastCalendar {
        day: NaiveDate,
    },
    /// The number names no issued quote (an invoice, or a record that does
    /// not read as one).
    NotAContract {
        number: String,
    },
    /// The contract was cancelled.
    ContractCancelled {
        number: String,
    },
    /// The firm numbers invoices with `{code}` and the contract's system
    /// gave no customer code.
    NeedsCode {
        number: String,
    },
    /// A credit note for a document that is no invoice of the register.
    NotAnInvoice {
        number: String,
    },
    /// A credit note for an invoice that stands: it is cancelled first.
    NotCancelled {
        number: String,
    },
    /// The register's invoice does not add up (its lines, tax per rate and
    /// total disagree): no credit is made from it.
    DoesNotAddUp {
        number: String,
    },
    /// A credit note dated before the invoice it returns.
    CreditBeforeInvoice {
        number: String,
        issued: NaiveDate,
    },
    Overflow,
}

impl std::error::Error for InvoiceError {}

impl From<Overflow> for InvoiceError {
    fn from(_: Overflow) -> Self {
        InvoiceError::Overflow
    }
}

/// The invoice of `contract` for `month`, dated `date`: the lines, tax
/// once per rate, the due date by `terms`.
pub fn invoice(
    contract: &Contract,
    month: Month,
    tickets: &[Ticket],
    hourly: Yen,
    monthly_lines: MonthlyLines,
    terms: PaymentTerms,
    date: NaiveDate,
) -> Result<Invoice, InvoiceError> {
    let (first, last) = (
        month.first_day().ok_or(InvoiceError::Overflow)?,
        month.last_day().ok_or(InvoiceError::Overflow)?,
    );
    if last < contract.start || contract.end.is_some_and(|end| first > end) {
        return Err(InvoiceError::OutOfTerm {
            month,
            start: contract.start,
            end: contract.end,
        });
    }
    let rate = contract.tax_rate.0;
    let start = Month::of(contract.start);
    let is_discount = |l: &ContractLine| l.key.starts_with("discount/");
    // A yearly item renews in its own month, else the contract's first
    // month; a yearly discount goes with the first renewal of the contract
    // year. One-time work is billed in the month the contract says, else
    // the first month.
    let renewal = |l: &ContractLine| l.renews.unwrap_or(start.month);
    let after_start = |m: u32| (m + 12 - start.month) % 12;
    let yearly_discount_month = contract
        .lines
        .iter()
        .filter(|l| l.recurrence == Recurrence::Yearly && !is_discount(l))
        .map(renewal)
        .min_by_key(|m| after_start(*m))
        .unwrap_or(start.month);
    let one_time = contract.one_time_month.unwrap_or(start);
    let mut lines = Vec::new();
    let monthly: Vec<&ContractLine> = contract
        .lines
        .iter()
        .filter(|l| l.recurrence == Recurrence::Monthly && !is_discount(l))
        .collect();
    match monthly_lines {
        MonthlyLines::One if !monthly.is_empty() => {
            let sum = Yen::sum(monthly.iter().map(|l| l.amount))?;
            lines.push(InvoiceLine {
                charge: Charge::MonthlyFee,
                item: String::new(),
                quantity: 1,
                unit_price: sum,
                amount: sum,
                tax_rate_percent: rate,
            });
        }
        _ => lines.extend(monthly.iter().map(|l| contract_line(l, rate))),
    }
    let wanted = |l: &ContractLine| match l.recurrence {
        Recurrence::Monthly => true,
        Recurrence::Yearly if is_discount(l) => month.month == yearly_discount_month,
        Recurrence::Yearly => month.month == renewal(l),
        Recurrence::OneTime => month == one_time,
    };
    for l in &contract.lines {
        if l.recurrence != Recurrence::Monthly && !is_discount(l) && wanted(l) {
            lines.push(contract_line(l, rate));
        }
    }
    for l in contract.lines.iter().filter(|l| is_discount(l)) {
        if wanted(l) {
            lines.push(InvoiceLine {
                charge: Charge::Discount {
                    key: l.key.clone(),
                    recurrence: l.recurrence,
                },
                item: l.item.clone(),
                quantity: 1,
                unit_price: l.amount,
                amount: l.amount,
                tax_rate_percent: rate,
            });
        }
    }
    let mut negotiate = Vec::new();
    for t in tickets {
        match t.verdict {
            crate::coverage::Verdict::Covered => {}
            crate::coverage::Verdict::Negotiate => negotiate.push(t.id.clone()),
            crate::coverage::Verdict::Billable => {
                let hours = t.hours.ok_or_else(|| InvoiceError::NoHours {
                    id: t.id.clone(),
                    line: t.line,
                })?;
                let amount = crate::money::hundredths_of(
                    hourly,
                    hours.hundredths().into(),
                    contract.rounding,
                )?;
                lines.push(InvoiceLine {
                    charge: Charge::Ticket {
                        id: t.id.clone(),
                        hours: hours.to_string(),
                        estimated: t.estimated,
                    },
                    item: t.title.clone(),
                    quantity: 1,
                    unit_price: amount,
                    amount,
                    tax_rate_percent: rate,
                });
            }
        }
    }
    // Tax once per rate over the invoice (one rate: the card's).
    let subtotal = Yen::sum(lines.iter().map(|l| l.amount))?;
    let tax = crate::money::tax(subtotal, contract.tax_rate, contract.rounding)?;
    let total = subtotal.checked_add(tax)?;
    Ok(Invoice {
        contract: contract.number.clone(),
        customer: contract.customer.clone(),
        system: contract.system.clone(),
        month,
        date,
        due: due_date(month, terms)?,
        lines,
        by_rate: vec![RateTotal {
            tax_rate_percent: rate,
            subtotal,
            tax,
        }],
        subtotal,
        tax,
        total,
        negotiate,
        tax_rounding: contract.rounding,
        addressee: contract.addressee.clone(),
    })
}

/// A credit note (適格返還請求書) returning an invoice in full: what was
/// billed, by line and per rate, with the tax the invoice charged.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, schemars::JsonSchema)]
pub struct CreditNote {
    /// The invoice returned, and the day it was issued (the transaction's
    /// date on the credit note).
    pub invoice: String,
    pub invoice_date: NaiveDate,
    pub contract: String,
    pub customer: Option<String>,
    pub system: String,
    /// The month of the work the invoice billed.
    pub month: Month,
    /// The day of the return (返還等を行う年月日).
    pub date: NaiveDate,
    /// The invoice's lines, each returned in full.
    pub lines: Vec<InvoiceLine>,
    /// Per tax rate: what is returned and its tax.
    pub by_rate: Vec<RateTotal>,
    pub subtotal: Yen,
    pub tax: Yen,
    pub total: Yen,
    pub tax_rounding: Rounding,
    pub addressee: Addressee,
    /// Why the invoice was cancelled, as the cancellation says.
    pub reason: Option<String>,
}

impl Invoice {
    /// Whether every total is the sum of its parts: the lines and each
    /// rate's subtotal, each rate's tax rounded once, the total.
    pub fn adds_up(&self) -> bool {
        let sum = |amounts: &mut dyn Iterator<Item = Yen>| Yen::sum(amounts).ok();
        let rates_ok = self.by_rate.iter().all(|r| {
            let lines = sum(&mut self
                .lines
                .iter()
                .filter(|l| l.tax_rate_percent == r.tax_rate_percent)
                .map(|l| l.amount));
            lines == Some(r.subtotal)
                && crate::money::tax(r.subtotal, TaxRate(r.tax_rate_percent), self.tax_rounding)
                    .ok()
                    == Some(r.tax)
        });
        let every_line_rated = self.lines.iter().all(|l| {
            self.by_rate
                .iter()
                .any(|r| r.tax_rate_percent == l.tax_rate_percent)
        });
        rates_ok
            && every_line_rated
            && sum(&mut self.lines.iter().map(|l| l.amount)) == Some(self.subtotal)
            && sum(&mut self.by_rate.iter().map(|r| r.tax)) == Some(self.tax)
            && self.subtotal.checked_add(self.tax).ok() == Some(self.total)
    }
}

/// The credit note returning invoice `number` (issued on `issued`, read
/// back from the register), dated `date`, for `reason`.
pub fn credit(
    invoice: &Invoice,
    number: &str,
    issued: NaiveDate,
    reason: Option<String>,
    date: NaiveDate,
) -> Result<CreditNote, InvoiceError> {
    if !invoice.adds_up() {
        return Err(InvoiceError::DoesNotAddUp {
            number: number.to_owned(),
        });
    }
    if date < issued {
        return Err(InvoiceError::CreditBeforeInvoice {
            number: number.to_owned(),
            issued,
        });
    }
    Ok(CreditNote {
        invoice: number.to_owned(),
        invoice_date: issued,
        contract: invoice.contract.clone(),
        customer: invoice.customer.clone(),
        system: invoice.system.clone(),
        month: invoice.month,
        date,
        lines: invoice.lines.clone(),
        by_rate: invoice.by_rate.clone(),
        subtotal: invoice.subtotal,
        tax: invoice.tax,
        total: invoice.total,
        tax_rounding: invoice.tax_rounding,
        addressee: invoice.addressee.clone(),
        reason,
    })
}

/// The parts of a saved quote a contract is made of.
#[derive(Deserialize)]
struct SavedContract {
    customer: Option<String>,
    system: String,
    tax_rate_percent: u32,
    tax_rounding: Rounding,
    lines: Vec<ContractLine>,
    #[serde(default)]
    discounts: Vec<SavedDiscount>,
}

#[derive(Deserialize)]
struct SavedDiscount {
    key: String,
    label: String,
    amount: Yen,
    recurrence: Recurrence,
}

impl Contract {
    /// The contract of the quote issued as `number` on `issued`: its saved
    /// JSON (checked as `hoshu diff` checks a saved quote) and the system
    /// file it was made from (its `[maintenance]` term, else its delivery).
    pub fn from_issued(
        number: &str,
        issued: NaiveDate,
        quote_json: &str,
        system_toml: &str,
    ) -> Result<Contract, InvoiceError> {
        let not = || InvoiceError::NotAContract {
            number: number.to_owned(),
        };
        crate::diff::Side::from_json(number, quote_json).map_err(|_| not())?;
        let saved: SavedContract = serde_json::from_str(quote_json).map_err(|_| not())?;
        // Read as any system file is: the term and the `[quote]` terms.
        let system = crate::system::System::from_toml(system_toml, number).map_err(|_| not())?;
        let maintenance = system.maintenance.as_ref();
        let start = maintenance
            .and_then(|m| m.start)
            .or(system.delivery.as_ref().map(|d| d.date))
            .unwrap_or(issued);
        let mut lines = saved.lines;
        // Each yearly service's month of renewal, by its line's key.
        for line in &mut lines {
            line.renews = system.services.iter().find_map(|s| {
                (crate::quote::service_key(s.kind, &s.name) == line.key)
                    .then_some(s.renews)
                    .flatten()
            });
        }
        lines.extend(saved.discounts.into_iter().map(|d| ContractLine {
            key: d.key,
            item: d.label,
            quantity: 1,
            unit_price: d.amount,
            amount: d.amount,
            recurrence: d.recurrence,
            renews: None,
        }));
        let terms = system.quote.unwrap_or_default();
        let addressee = Addressee {
            department: terms.department,
            contact: terms.contact,
            person: terms.honorific == crate::system::Honorific::Sama,
            postal_code: terms.postal_code,
            address: terms.address,
        };
        Ok(Contract {
            customer_code: terms.customer_code,
            addressee,
            number: number.to_owned(),
            customer: saved.customer,
            system: saved.system,
            lines,
            tax_rate: TaxRate(saved.tax_rate_percent),
            rounding: saved.tax_rounding,
            start,
            end: maintenance.and_then(|m| m.end),
            one_time_month: maintenance.and_then(|m| m.one_time_month),
        })
    }
}

fn contract_line(l: &ContractLine, rate: u32) -> InvoiceLine {
    InvoiceLine {
        charge: Charge::ContractLine {
            key: l.key.clone(),
            recurrence: l.recurrence,
        },
        item: l.item.clone(),
        quantity: l.quantity,
        unit_price: l.unit_price,
        amount: l.amount,
        tax_rate_percent: rate,
    }
}

/// When `month`'s invoice is due by `terms`, off a bank holiday.
pub fn due_date(month: Month, terms: PaymentTerms) -> Result<NaiveDate, InvoiceError> {
    let first = month
        .first_day()
        .and_then(|d| d.checked_add_months(Months::new(terms.months)))
        .ok_or(InvoiceError::Overflow)?;
    let due_month = Month::of(first);
    let last = due_month.last_day().ok_or(InvoiceError::Overflow)?;
    let mut day = match terms.day {
        Some(d) => NaiveDate::from_ymd_opt(first.year(), first.month(), d).unwrap_or(last),
        None => last,
    };
    while bank_closed(day)? {
        day = if terms.earlier {
            day.pred_opt()
        } else {
            day.succ_opt()
        }
        .ok_or(InvoiceError::Overflow)?;
    }
    Ok(day)
}

/// Whether banks are closed on `day`: a Saturday or Sunday, a national
/// holiday, or Dec 31 to Jan 3.
pub fn bank_closed(day: NaiveDate) -> Result<bool, InvoiceError> {
    if day > crate::holidays::CALENDAR_LAST {
        return Err(InvoiceError::PastCalendar { day });
    }
    use chrono::Weekday;
    Ok(matches!(day.weekday(), Weekday::Sat | Weekday::Sun)
        || matches!((day.month(), day.day()), (12, 31) | (1, 1..=3))
        || crate::holidays::is_holiday(day))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    fn m(s: &str) -> Month {
        Month::parse(s).unwrap()
    }

    #[test]
    fn due_at_the_next_months_end_off_a_bank_holiday() {
        let terms = PaymentTerms::default();
        // November's invoice: due 2026-12-31, a bank holiday; 12-30 is a
        // Wednesday.
        assert_eq!(due_date(m("2026-11"), terms), Ok(d("2026-12-30")));
        // December's: 2027-01-31 is a Sunday; Friday the 29th.
        assert_eq!(due_date(m("2026-12"), terms), Ok(d("2027-01-29")));
        let later = PaymentTerms {
            earlier: false,
            ..terms
        };
        // Across the year end, to the first business day: Monday 2027-01-04.
        assert_eq!(due_date(m("2026-11"), later), Ok(d("2027-01-04")));
        // The 10th of the month after next; 2027-01-10 is a Sunday and the
        // 11th 成人の日: the 8th before, the 12th after.
        let tenth = PaymentTerms {
            months: 2,
            day: Some(10),
            earlier: true,
        };
        assert_eq!(due_date(m("2026-11"), tenth), Ok(d("2027-01-08")));
        assert_eq!(
            due_date(
                m("2026-11"),
                PaymentTerms {
                    earlier: false,
                    ..tenth
                }
            ),
            Ok(d("2027-01-12"))
        );
        // A day the due month lacks is its last day.
        let thirty = PaymentTerms {
            months: 1,
            day: Some(30),
            earlier: true,
        };
        assert_eq!(due_date(m("2027-01"), thirty), Ok(d("2027-02-26")));
    }

    fn line(key: &str, amount: i64, recurrence: Recurrence, renews: Option<u32>) -> ContractLine {
        ContractLine {
            key: key.into(),
            item: key.into(),
            quantity: 1,
            unit_price: Yen(amount),
            amount: Yen(amount),
            recurrence,
            renews,
        }
    }

    #[test]
    fn yearly_items_renew_in_their_month_and_one_time_work_in_the_contracts() {
        let contract = Contract {
            number: "202402-001".into(),
            customer: None,
            system: "s".into(),
            lines: vec![
                line("plan/standard", 50_000, Recurrence::Monthly, None),
                line("services/domain/a.jp", 3_300, Recurrence::Yearly, Some(4)),
                line("services/ssl/cert", 22_000, Recurrence::Yearly, None),
                line("services/backup/b", 12_000, Recurrence::Yearly, Some(1)),
                line("one_time/takeover", 100_000, Recurrence::OneTime, None),
                line("discount/d1", -5_000, Recurrence::Yearly, None),
            ],
            tax_rate: TaxRate(10),
            rounding: Rounding::Floor,
            start: d("2024-02-01"),
            end: None,
            addressee: Addressee::default(),
            customer_code: None,
            one_time_month: Some(m("2024-03")),
        };
        let keys = |month: &str| -> Vec<String> {
            invoice(
                &contract,
                m(month),
                &[],
                Yen(10_000),
                MonthlyLines::Itemised,
                PaymentTerms::default(),
                d("2024-06-01"),
            )
            .unwrap()
            .lines
            .iter()
            .map(|l| match &l.charge {
                Charge::ContractLine { key, .. } | Charge::Discount { key, .. } => key.clone(),
                other => panic!("{other:?}"),
            })
            .collect()
        };
        // February, the first month: the fee, the certificate (no month of
        // its own) and the yearly discount with the year's first renewal.
        assert_eq!(
            keys("2024-02"),
            ["plan/standard", "services/ssl/cert", "discount/d1"]
        );
        // March: the one-time work, as the contract says.
        assert_eq!(keys("2024-03"), ["plan/standard", "one_time/takeover"]);
        assert_eq!(keys("2024-04"), ["plan/standard", "services/domain/a.jp"]);
        assert_eq!(keys("2025-01"), ["plan/standard", "services/backup/b"]);
        // The next year's February: the certificate and the discount again,
        // no one-time work.
        assert_eq!(
            keys("2025-02"),
            ["plan/standard", "services/ssl/cert", "discount/d1"]
        );
        assert_eq!(keys("2025-03"), ["plan/standard"]);
    }

    #[test]
    fn a_credit_note_is_made_only_from_an_invoice_that_adds_up() {
        let contract = Contract {
            number: "c".into(),
            customer: None,
            system: "s".into(),
            lines: vec![line("plan/p", 33_333, Recurrence::Monthly, None)],
            tax_rate: TaxRate(10),
            rounding: Rounding::HalfUp,
            start: d("2026-12-01"),
            end: None,
            addressee: Addressee::default(),
            customer_code: None,
            one_time_month: None,
        };
        let inv = invoice(
            &contract,
            m("2026-12"),
            &[],
            Yen(1),
            MonthlyLines::One,
            PaymentTerms::default(),
            d("2027-01-04"),
        )
        .unwrap();
        let credit = credit(&inv, "INV-1", d("2027-01-04"), None, d("2027-01-10")).unwrap();
        assert_eq!(
            (credit.subtotal, credit.tax, credit.total),
            (Yen(33_333), Yen(3_333), Yen(36_666))
        );
        assert_eq!(
            super::credit(&inv, "INV-1", d("2027-01-04"), None, d("2027-01-03")),
            Err(InvoiceError::CreditBeforeInvoice {
                number: "INV-1".into(),
                issued: d("2027-01-04")
            })
        );
        // Any total that is not the sum of its parts is refused.
        let changes: [fn(&mut Invoice); 5] = [
            |i| i.lines[0].amount = Yen(1),
            |i| i.by_rate[0].tax = Yen(3_334),
            |i| i.tax = Yen(0),
            |i| i.total = Yen(36_667),
            |i| i.lines[0].tax_rate_percent = 8,
        ];
        for change in changes {
            let mut bad = inv.clone();
            change(&mut bad);
            assert_eq!(
                super::credit(&bad, "INV-1", d("2027-01-04"), None, d("2027-01-10")),
                Err(InvoiceError::DoesNotAddUp {
                    number: "INV-1".into()
                })
            );
        }
    }

    #[test]
    fn months_read_and_bound() {
        assert_eq!(m("2026-12").last_day(), Some(d("2026-12-31")));
        assert_eq!(m("2028-02").last_day(), Some(d("2028-02-29")));
        assert_eq!(Month::parse("2026-13"), None);
        assert_eq!(Month::parse("2026-1"), None);
        assert_eq!(m("2026-12").to_string(), "2026-12");
    }
}

#[cfg(test)]
mod reconcile {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        /// Whatever the lines, hours and rounding: the total is the lines
        /// and the tax, the tax is taxed once on their sum (never per line),
        /// and each ticket is its hours × the rate, rounded once.
        #[test]
        fn every_total_is_the_sum_of_its_parts(
            monthly in proptest::collection::vec(1i64..500_000, 1..6),
            discount in 0i64..1_000,
            hours in proptest::collection::vec(1u32..100_000, 0..6),
            hourly in 1i64..50_000,
            r in 0usize..3,
        ) {
            let rounding = [Rounding::Floor, Rounding::Ceil, Rounding::HalfUp][r];
            let mut lines: Vec<ContractLine> = monthly
                .iter()
                .enumerate()
                .map(|(i, a)| ContractLine {
                    key: format!("l/{i}"),
                    item: String::new(),
                    quantity: 1,
                    unit_price: Yen(*a),
                    amount: Yen(*a),
                    recurrence: Recurrence::Monthly,
                    renews: None,
                })
                .collect();
            lines.push(ContractLine {
                key: "discount/d".into(),
                item: String::new(),
                quantity: 1,
                unit_price: Yen(-discount),
                amount: Yen(-discount),
                recurrence: Recurrence::Monthly,
                renews: None,
            });
            let contract = Contract {
                number: "c".into(),
                customer: None,
                system: "s".into(),
                lines,
                tax_rate: TaxRate(10),
                rounding,
                start: "2026-01-01".parse().unwrap(),
                end: None,
                addressee: Addressee::default(),
                customer_code: None,
                one_time_month: None,
            };
            let tickets: Vec<Ticket> = hours
                .iter()
                .enumerate()
                .map(|(i, h)| Ticket {
                    id: format!("T-{i}"),
                    title: String::new(),
                    verdict: crate::coverage::Verdict::Billable,
                    hours: Hours::parse(&format!("{}.{:02}", h / 100, h % 100)),
                    estimated: false,
                    line: i as u64 + 2,
                    project: None,
                })
                .filter(|t| t.hours.is_some())
                .collect();
            let inv = invoice(
                &contract,
                Month { year: 2026, month: 12 },
                &tickets,
                Yen(hourly),
                MonthlyLines::One,
                PaymentTerms::default(),
                "2027-01-04".parse().unwrap(),
            )
            .unwrap();
            let sum: i64 = inv.lines.iter().map(|l| l.amount.0).sum();
            prop_assert_eq!(inv.subtotal.0, sum);
            prop_assert_eq!(inv.tax, crate::money::tax(inv.subtotal, TaxRate(10), rounding).unwrap());
            prop_assert_eq!(inv.total.0, inv.subtotal.0 + inv.tax.0);
            prop_assert_eq!(inv.by_rate.len(), 1);
            prop_assert_eq!(inv.by_rate[0].subtotal, inv.subtotal);
            prop_assert_eq!(inv.by_rate[0].tax, inv.tax);
            for (line, t) in inv.lines.iter().skip(2).zip(&tickets) {
                let h = t.hours.unwrap();
                prop_assert_eq!(
                    line.amount,
                    crate::money::hundredths_of(Yen(hourly), h.hundredths().into(), rounding).unwrap()
                );
            }
        }
    }
}
