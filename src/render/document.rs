//! The quote as a document: every word already in the reader's language,
//! every amount already computed, so that each format (`render::quote`)
//! only lays it out. The 見積書's own parts (number, dates, addressee,
//! subject, issuer, remarks) are here too; the terminal table and Markdown
//! use what they need of them.

use chrono::{Days, NaiveDate};

use super::catalogue::{self, Catalogue, Msg, Text};
use crate::firm::Firm;
use crate::intake::Term;
use crate::lang::Lang;
use crate::money::{Totals, Yen};
use crate::quote::{Factor, Quote, Recurrence, Why};
use crate::system::{Honorific, System};

/// What a quote document is made of besides the quote.
#[derive(Debug, Clone, Copy)]
pub struct DocumentInput<'a> {
    pub quote: &'a Quote,
    /// The system quoted: its `[quote]` terms and warranty.
    pub system: &'a System,
    /// The issuer; the 見積書 formats need one.
    pub firm: Option<&'a Firm>,
    /// `--valid-days`; else the firm's, else 30.
    pub valid_days: Option<u32>,
    pub lang: Lang,
    /// `--internal`: the firm's own notes on the document too, marked
    /// 社内用 / INTERNAL.
    pub internal: bool,
    /// The number the register gave the document and its version (版);
    /// none: the quote's reproducible `quote_id` is its number.
    pub issued: Option<(&'a str, u32)>,
}

/// Days a quote is valid when neither the flag nor the firm says.
pub const DEFAULT_VALID_DAYS: u32 = 30;

/// A quote, translated.
#[derive(Debug, Clone)]
pub struct QuoteDocument<'a> {
    pub lang: Lang,
    pub quote: &'a Quote,
    pub firm: Option<&'a Firm>,
    /// `Maintenance quote: {system} — {customer}`, for the terminal.
    pub heading: String,
    /// `{customer} 御中`; none without a customer.
    pub addressee: Option<String>,
    /// The same, the person's name's spaces no-break spaces (`佐藤 花子`
    /// stays on one line): for a layout that wraps it.
    pub addressee_kept: Option<String>,
    /// `〒{postal_code} {address}` of the customer, when given.
    pub addressee_address: Option<String>,
    pub subject: String,
    pub valid_days: u32,
    pub valid_until: NaiveDate,
    pub groups: Vec<Group>,
    /// Monthly, annual and one-time, with their labels.
    pub totals: [(&'static str, Totals); 3],
    /// The tax row's label: rate and rounding.
    pub tax_label: String,
    /// Remarks about this quote: first year, development cost, uncovered
    /// work, how tax is rounded.
    pub remarks: Vec<String>,
    /// 備考: the system file's notes, then the standing notes; the firm's
    /// own notes (the development-cost benchmark) only when `internal`.
    pub notes: Vec<String>,
    /// A copy for the firm, not the customer: marked so on every page.
    pub internal: bool,
    /// 見積番号 as the document shows it: the register's number (with its
    /// 版 from the second on), else the quote's `quote_id`.
    pub number: String,
    /// The register's number and version, when issued.
    pub issued: Option<(&'a str, u32)>,
    /// The monthly cost by factor, before tax: the chart's bars.
    pub chart: Vec<(String, Yen)>,
}

/// The lines of one cost factor, or the discounts.
#[derive(Debug, Clone)]
pub struct Group {
    /// `None`: the discounts (値引き), after every factor.
    pub factor: Option<Factor>,
    /// `#02 Managed servers`.
    pub label: String,
    pub lines: Vec<DocLine>,
}

/// A quote line, translated.
#[derive(Debug, Clone)]
pub struct DocLine {
    /// The line's stable key (`servers/web`).
    pub key: String,
    pub item: String,
    pub why: String,
    pub quantity: u64,
    /// 台, 式, 社: what the quantity counts.
    pub unit: &'static str,
    pub unit_price: Yen,
    pub amount: Yen,
    pub recurrence: Recurrence,
    /// `/mo`, `月額`.
    pub per: &'static str,
}

impl<'a> QuoteDocument<'a> {
    pub fn new(input: DocumentInput<'a>) -> QuoteDocument<'a> {
        let DocumentInput {
            quote,
            system,
            firm,
            valid_days,
            lang,
            internal,
            issued,
        } = input;
        let cat = catalogue::of(lang);
        let terms = system.quote.clone().unwrap_or_default();
        let valid_days = valid_days
            .or(firm.and_then(|f| f.valid_days))
            .unwrap_or(DEFAULT_VALID_DAYS);
        let valid_until = quote
            .date
            .checked_add_days(Days::new(valid_days.into()))
            .unwrap_or(NaiveDate::MAX);

        let mut groups: Vec<Group> = Vec::new();
        for line in &quote.lines {
            let doc_line = DocLine {
                key: line.key.clone(),
                item: cat.item(&line.why),
                why: cat.why(&line.why),
                quantity: line.quantity,
                unit: cat.text(unit(&line.why)),
                unit_price: line.unit_price,
                amount: line.amount,
                recurrence: line.recurrence,
                per: cat.per(line.recurrence),
            };
            match groups.last_mut() {
                Some(g) if g.factor == Some(line.factor) => g.lines.push(doc_line),
                _ => groups.push(Group {
                    factor: Some(line.factor),
                    label: factor_label(cat, line.factor),
                    lines: vec![doc_line],
                }),
            }
        }
        if !quote.discounts.is_empty() {
            groups.push(Group {
                factor: None,
                label: cat.text(Text::Discounts).to_owned(),
                lines: quote
                    .discounts
                    .iter()
                    .map(|d| DocLine {
                        key: d.key.clone(),
                        item: d.label.clone(),
                        why: cat.say(&Msg::DiscountBasis {
                            percent: d.percent,
                            base: d.base,
                            applies_to: d.applies_to,
                        }),
                        quantity: 1,
                        unit: cat.text(Text::UnitSet),
                        unit_price: d.amount,
                        amount: d.amount,
                        recurrence: d.recurrence,
                        per: cat.per(d.recurrence),
                    })
                    .collect(),
            });
        }
        let chart = groups
            .iter()
            .filter_map(|g| {
                let monthly: i64 = g
                    .lines
                    .iter()
                    .filter(|l| l.recurrence == Recurrence::Monthly)
                    .map(|l| l.amount.0)
                    .sum();
                let factor = g.factor?;
                (monthly > 0).then(|| (cat.factor(factor).to_owned(), Yen(monthly)))
            })
            .collect();

        let mut remarks = vec![cat.say(&Msg::FirstYear {
            subtotal: quote.first_year.subtotal,
            total: quote.first_year.total,
        })];
        // The firm's benchmark, not the customer's business: in the table,
        // the JSON and an internal copy only.
        let internal_note = quote.development.as_ref().map(|d| {
            cat.say(&Msg::DevelopmentRatio {
                basis_points: d.basis_points,
                development_cost: d.development_cost,
                band: d.band,
                low: d.low_percent,
                high: d.high_percent,
            })
        });
        remarks.extend(internal_note.clone());
        if !quote.uncovered.is_empty() {
            remarks.push(cat.say(&Msg::Uncovered {
                plan: &quote.plan,
                works: &quote.uncovered,
            }));
        }
        remarks.push(cat.text(Text::TaxOncePerTotal).to_owned());

        let mut notes = terms.notes.clone();
        notes.push(cat.text(Text::NoteSpecChanges).to_owned());
        if let Some(delivery) = &system.delivery {
            notes.push(cat.say(&Msg::NoteWarranty {
                months: match delivery.warranty_months {
                    Some(Term::Months(m)) => Some(m),
                    _ => None,
                },
            }));
        }
        notes.extend(
            remarks
                .iter()
                .skip(1)
                .filter(|r| internal || Some(*r) != internal_note.as_ref())
                .cloned(),
        );

        let to = |kept: bool| {
            quote.customer.as_deref().map(|customer| {
                addressee(
                    cat,
                    customer,
                    terms.department.as_deref(),
                    terms.contact.as_deref(),
                    terms.honorific == Honorific::Sama,
                    kept,
                )
            })
        };
        QuoteDocument {
            lang,
            quote,
            firm,
            internal,
            issued,
            number: match issued {
                None => quote.quote_id.clone(),
                Some((number, 1)) => number.to_owned(),
                Some((number, version)) => cat.say(&Msg::NumberVersion { number, version }),
            },
            heading: cat.say(&Msg::QuoteHeading {
                system: &quote.system,
                customer: quote.customer.as_deref(),
            }),
            addressee: to(false),
            addressee_kept: to(true),
            addressee_address: postal_address(
                terms.postal_code.as_deref(),
                terms.address.as_deref(),
            ),
            subject: terms.subject.clone().unwrap_or_else(|| {
                cat.say(&Msg::DefaultSubject {
                    name: &quote.system,
                })
            }),
            valid_days,
            valid_until,
            groups,
            totals: [
                (cat.text(Text::Monthly), quote.monthly),
                (cat.text(Text::Annual), quote.annual),
                (cat.text(Text::OneTime), quote.one_time),
            ],
            tax_label: cat.say(&Msg::TaxRow {
                percent: quote.tax_rate.0,
                rounding: quote.rounding,
            }),
            remarks,
            notes,
            chart,
        }
    }

    /// A word or label in the document's language.
    pub fn text(&self, t: Text) -> &'static str {
        catalogue::of(self.lang).text(t)
    }

    /// A date in the document's language.
    pub fn date(&self, d: NaiveDate) -> String {
        catalogue::of(self.lang).date(d)
    }

    /// Every line, in order.
    pub fn lines(&self) -> impl Iterator<Item = (&Group, &DocLine)> {
        self.groups
            .iter()
            .flat_map(|g| g.lines.iter().map(move |l| (g, l)))
    }
}

/// `〒{postal_code} {address}`, either alone; none without both.
pub(crate) fn postal_address(postal_code: Option<&str>, address: Option<&str>) -> Option<String> {
    match (postal_code, address) {
        (None, None) => None,
        (Some(p), None) => Some(format!("〒{p}")),
        (None, Some(a)) => Some(a.to_owned()),
        (Some(p), Some(a)) => Some(format!("〒{p} {a}")),
    }
}

/// Who a document is addressed to: the customer, the department and the
/// contact, with 御中 or 様. `kept`: the contact's own spaces no-break
/// spaces (`佐藤 花子` stays on one line), for a layout that wraps it.
pub(crate) fn addressee(
    cat: &dyn Catalogue,
    customer: &str,
    department: Option<&str>,
    contact: Option<&str>,
    person: bool,
    kept: bool,
) -> String {
    let contact = contact.map(|c| {
        if kept {
            c.replace(' ', "\u{a0}")
        } else {
            c.to_owned()
        }
    });
    cat.say(&Msg::Addressee {
        name: customer,
        department,
        contact: contact.as_deref(),
        person,
    })
}

/// `#02 Managed servers`; a factor without a code by its name alone.
fn factor_label(cat: &dyn Catalogue, factor: Factor) -> String {
    match factor.code() {
        Some(code) => format!("{code} {}", cat.factor(factor)),
        None => cat.factor(factor).to_owned(),
    }
}

/// What a line's quantity counts.
fn unit(why: &Why) -> Text {
    match why {
        Why::Servers { .. } | Why::ServerLinkage { .. } => Text::UnitServer,
        Why::CreditCardIntegration { .. } | Why::ConvenienceStoreIntegration { .. } => {
            Text::UnitProvider
        }
        _ => Text::UnitSet,
    }
}
