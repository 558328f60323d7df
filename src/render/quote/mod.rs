//! A quote in every format: a table for the terminal, JSON
//! (`hoshu.quote.v1`) for scripts, Markdown for tickets, CSV and XLSX for
//! spreadsheets, and the 見積書 as HTML (printed to PDF by the binary). Each
//! format is one module over the translated [`QuoteDocument`]; JSON is made
//! from the quote itself, its keys neutral and its sentences translated.

mod csv;
pub(crate) mod html;
mod markdown;
mod table;
mod xlsx;

use serde::Serialize;

use super::Style;
use super::catalogue::{self, Catalogue};
use super::document::QuoteDocument;
use crate::lang::Lang;
use crate::money::{Rounding, Totals, Yen};
use crate::quote::{Factor, Line, Quote, Recurrence};

/// How a quote is written: the one list of quote formats, which
/// `quote --format` takes as it is (its doc comments are the help).
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// A table for the terminal.
    Table,
    /// hoshu.quote.v1, for scripts.
    Json,
    /// GitHub-flavoured Markdown, for tickets and pull requests.
    Markdown,
    /// One line item a row, UTF-8 with BOM and CRLF, for Excel.
    Csv,
    /// The 見積書 as one self-contained HTML file.
    Html,
    /// The 見積書 printed by headless Chromium ($HOSHU_CHROME or on PATH).
    Pdf,
    /// The 見積書 as a worksheet whose totals are formulas.
    Xlsx,
}

impl Format {
    /// The format's name, as `--format` takes it.
    pub fn name(self) -> &'static str {
        match self {
            Format::Table => "table",
            Format::Json => "json",
            Format::Markdown => "markdown",
            Format::Csv => "csv",
            Format::Html => "html",
            Format::Pdf => "pdf",
            Format::Xlsx => "xlsx",
        }
    }

    /// Whether the format is the 見積書, which names its issuer.
    pub fn is_document(self) -> bool {
        matches!(self, Format::Html | Format::Pdf | Format::Xlsx)
    }

    /// Whether the output is bytes no terminal should be sent.
    pub fn is_binary(self) -> bool {
        matches!(self, Format::Pdf | Format::Xlsx)
    }
}

/// The document in `format`; PDF gets the HTML to print.
/// A document the format cannot hold is what cannot be done: a worksheet
/// cell over 32,767 characters or an amount over 2^53 (exit 2), or the
/// writer's own failure (exit 1).
pub fn render(
    doc: &QuoteDocument,
    format: Format,
    style: Style,
) -> Result<Vec<u8>, crate::render::catalogue::Usage> {
    Ok(match format {
        Format::Table => table::render(doc, style).into_bytes(),
        Format::Json => json_issued(doc.quote, doc.lang, doc.issued).into_bytes(),
        Format::Markdown => markdown::render(doc).into_bytes(),
        Format::Csv => csv::render(doc),
        Format::Html | Format::Pdf => html::render(doc).into_bytes(),
        Format::Xlsx => xlsx::render(doc).map_err(crate::render::sheet::Fail::usage)?,
    })
}

#[derive(Serialize, schemars::JsonSchema)]
#[schemars(title = "hoshu.quote.v1")]
struct JsonQuote<'a> {
    schema: &'static str,
    /// The register's number (`hoshu issue`); absent from `hoshu quote`.
    #[serde(skip_serializing_if = "Option::is_none")]
    number: Option<&'a str>,
    /// The register's version (版) of the number: 1, 2 …
    #[serde(skip_serializing_if = "Option::is_none")]
    version: Option<u32>,
    /// The reproducible id: a digest of the inputs (the same inputs, the
    /// same id).
    quote_id: &'a str,
    system: &'a str,
    customer: Option<&'a str>,
    plan: &'a str,
    plan_title: Option<&'a str>,
    rate_card: &'a crate::quote::CardId,
    date: chrono::NaiveDate,
    currency: &'static str,
    tax_rate_percent: u32,
    tax_rounding: Rounding,
    lines: Vec<JsonLine<'a>>,
    /// `[[quote.discounts]]` as taken, before tax: each subtotal is its
    /// lines and its discounts (an `annual` discount is a `yearly` one).
    discounts: Vec<JsonDiscount<'a>>,
    /// Work the system needs that the plan does not cover (not priced).
    uncovered: &'a [crate::rates::Work],
    monthly: Totals,
    annual: Totals,
    one_time: Totals,
    /// The annual and one-time totals together: the first year's cost.
    first_year: Totals,
    development: Option<&'a crate::quote::DevelopmentRatio>,
}

#[derive(Serialize, schemars::JsonSchema)]
struct JsonLine<'a> {
    /// Stable identity of the line: factor and item (`hoshu diff` matches by it).
    key: &'a str,
    factor: Factor,
    code: Option<&'static str>,
    /// The kind of work the line pays for; null for the plan's fee and
    /// one-time work.
    work: Option<crate::rates::Work>,
    item: String,
    quantity: u64,
    unit_price: Yen,
    amount: Yen,
    recurrence: Recurrence,
    why: String,
    /// The rule and the numbers behind `why`, for scripts.
    basis: &'a crate::quote::Why,
}

#[derive(Serialize, schemars::JsonSchema)]
struct JsonDiscount<'a> {
    #[serde(flatten)]
    discount: &'a crate::quote::Discount,
    /// What was taken, in the reader's language.
    why: String,
}

impl<'a> JsonLine<'a> {
    fn new(line: &'a Line, cat: &dyn Catalogue) -> Self {
        JsonLine {
            key: &line.key,
            factor: line.factor,
            code: line.factor.code(),
            work: line.work,
            item: cat.item(&line.why),
            quantity: line.quantity,
            unit_price: line.unit_price,
            amount: line.amount,
            recurrence: line.recurrence,
            why: cat.why(&line.why),
            basis: &line.why,
        }
    }
}

/// The quote as `hoshu.quote.v1` JSON, pretty-printed, ending in a newline.
pub fn json(quote: &Quote, lang: Lang) -> String {
    json_issued(quote, lang, None)
}

/// [`json`] of a document the register numbered.
pub fn json_issued(quote: &Quote, lang: Lang, issued: Option<(&str, u32)>) -> String {
    let cat = catalogue::of(lang);
    let doc = JsonQuote {
        schema: "hoshu.quote.v1",
        number: issued.map(|(n, _)| n),
        version: issued.map(|(_, v)| v),
        quote_id: &quote.quote_id,
        system: &quote.system,
        customer: quote.customer.as_deref(),
        plan: &quote.plan,
        plan_title: quote.plan_title.as_deref(),
        rate_card: &quote.rate_card,
        date: quote.date,
        currency: "JPY",
        tax_rate_percent: quote.tax_rate.0,
        tax_rounding: quote.rounding,
        lines: quote.lines.iter().map(|l| JsonLine::new(l, cat)).collect(),
        discounts: quote
            .discounts
            .iter()
            .map(|d| JsonDiscount {
                discount: d,
                why: cat.say(&catalogue::Msg::DiscountBasis {
                    percent: d.percent,
                    base: d.base,
                    applies_to: d.applies_to,
                }),
            })
            .collect(),
        uncovered: &quote.uncovered,
        monthly: quote.monthly,
        annual: quote.annual,
        one_time: quote.one_time,
        first_year: quote.first_year,
        development: quote.development.as_ref(),
    };
    let mut text = serde_json::to_string_pretty(&doc).expect("a quote always serializes");
    text.push('\n');
    text
}

/// The JSON Schema (draft 2020-12) of `hoshu.quote.v1`.
pub fn schema() -> schemars::Schema {
    schemars::schema_for!(JsonQuote<'static>)
}
