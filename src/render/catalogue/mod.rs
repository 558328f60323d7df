//! The message catalogue: every sentence and word a user reads, in each
//! language hoshu speaks. A message is data (a [`Text`], a [`Msg`] with its
//! facts, or an engine's own value such as a quote line's `Why`).
//!
//! - `words` decides, once for every language, which sentence a message is
//!   (a `template::Tpl`) and which facts fill its holes;
//! - each language (`en`, `ja`) is one implementation of [`Catalogue`]: the
//!   text of every template in one `match` the compiler checks, so a
//!   language that misses a sentence does not build, plus its way of writing
//!   a date, an amount and a month.
//!
//! Adding a language is one file like `ja.rs` and its [`Lang`] tag.

pub mod clauses;
mod en;
mod ja;
mod template;
#[cfg(test)]
mod tests;
mod words;

use chrono::NaiveDate;

use crate::coverage::{Classification, Try};
use crate::lang::Lang;
use crate::money::{Rounding, Yen};
use crate::quote::Band;
use crate::rates::Work;
use clauses::Reason;

/// The catalogue of `lang`.
pub fn of(lang: Lang) -> &'static dyn Catalogue {
    match lang {
        Lang::En => &en::En,
        Lang::Ja => &ja::Ja,
    }
}

/// The verdict's reason, as `cat` words it: the clauses are decided once,
/// in [`clauses::reason`].
pub fn reason(cat: &dyn Catalogue, c: &Classification) -> String {
    match clauses::reason(c) {
        Reason::Decided { rule, unknown } => {
            let mut out = cat.rule_reason(&rule);
            if !unknown.is_empty() {
                out.push_str(&cat.tries_agree(&unknown));
            }
            out
        }
        Reason::Unsettled { settle, outcomes } => cat.unsettled(&settle, &outcomes),
    }
}

/// The warranty row, as `cat` words it.
pub fn warranty_line(cat: &dyn Catalogue, c: &Classification) -> String {
    cat.warranty(&clauses::warranty_line(c))
}

/// The facts try `t` assumed, as `cat` words them.
pub fn assumption(cat: &dyn Catalogue, c: &Classification, t: &Try) -> String {
    cat.assumed(&clauses::assumed(c, t))
}

/// Declares [`Text`] and [`Text::ALL`] from one list, so that a test over
/// every label cannot miss one.
macro_rules! texts {
    ($($(#[$doc:meta])* $text:ident,)*) => {
        /// Words and labels without facts.
        #[derive(Debug, Clone, Copy, PartialEq, Eq)]
        pub enum Text {
            $($(#[$doc])* $text,)*
        }

        impl Text {
            /// Every label, in declaration order.
            pub const ALL: &[Text] = &[$(Text::$text),*];
        }
    };
}

texts! {
    // The quote.
    Plan,
    RateCard,
    QuoteDate,
    QuoteNumber,
    Factor,
    ItemAndWhy,
    Item,
    Quantity,
    Unit,
    Per,
    UnitPrice,
    Amount,
    Monthly,
    Annual,
    OneTime,
    FirstYear,
    /// The heading of the discount lines (値引き).
    Discounts,
    /// Compare's row of what the discounts take in the first year.
    DiscountsFirstYear,
    // The register's list.
    RecordNumber,
    RecordVersion,
    RecordIssuedOn,
    RecordCustomer,
    RecordAmount,
    RecordStatus,
    RecordSubject,
    RecordIssued,
    RecordCancelled,
    RecordCancellation,
    RegisterEmpty,
    // The invoice.
    InvoiceTitle,
    InvoiceNumber,
    InvoiceDate,
    TransactionMonth,
    DueDate,
    InvoiceGreeting,
    AmountDue,
    TaxRateColumn,
    BankAccount,
    TaxOncePerInvoice,
    // The credit note.
    CreditTitle,
    CreditNumber,
    CreditDate,
    CreditedInvoice,
    CreditedInvoiceDate,
    CreditGreeting,
    AmountReturned,
    TaxAsInvoiced,
    /// The issuer's column of a document's CSV.
    IssuerColumn,

    RecordFile,
    RecordContract,
    Subtotal,
    Total,
    TaxOncePerTotal,
    // The 見積書.
    DocumentTitle,
    /// The mark on every page of a copy for the firm.
    InternalMark,
    Issued,
    ValidUntil,
    Subject,
    Remarks,
    GrandTotal,
    MonthlyWithTax,
    Person,
    Registration,
    Phone,
    Email,
    ChartTitle,
    Greeting,
    NoteSpecChanges,
    // Units of a line.
    UnitSet,
    UnitServer,
    UnitProvider,
    // Classify labels.
    Rule,
    Reason,
    Case,
    Stage,
    Warranty,
    Estimate,
    Holds,
    Fails,
    Verdict,
    /// The row that says the holidays are a forecast.
    Calendar,
    Error,
    Warning,
    Overflow,
    /// `: ` between a label and its value.
    Colon,
    /// Before the time a batch has left, on its progress bar.
    TimeLeft,
    // The result columns of a batch written for people.
    ResultVerdict,
    ResultRule,
    ResultWarrantyEnd,
    ResultError,
    ResultEstimate,
    ResultComment,
    // --explain-columns.
    Column,
    ReadAs,
    Fact,
    From,
    /// Where the rate card comes from when no `--rates` is given.
    DefaultCard,
    // compare.
    MonthlyBeforeTax,
    MonthlyWithTaxRow,
    AnnualBeforeTax,
    AnnualWithTax,
    OneTimeBeforeTax,
    OneTimeWithTax,
    FirstYearWithTax,
    WhatThePlanCovers,
    SpecChangesSeparately,
    FirstResponse,
    Fits,
    // diff.
    Change,
    Before,
    After,
    Difference,
    BeforeWithTax,
    AfterWithTax,
    DifferenceBeforeTax,
    DifferenceWithTax,
    Added,
    Removed,
    Changed,
}

/// Sentences with facts.
#[derive(Debug, Clone, PartialEq)]
pub enum Msg<'a> {
    /// `Maintenance quote: {system} — {customer}`.
    QuoteHeading {
        system: &'a str,
        customer: Option<&'a str>,
    },
    /// The tax row of the totals.
    TaxRow { percent: u32, rounding: Rounding },
    /// The first year's total below the tables.
    FirstYear { subtotal: Yen, total: Yen },
    /// A document number with its version (版), from the second.
    NumberVersion { number: &'a str, version: u32 },
    /// The month's fee in one invoice line.
    MonthlyFee { year: i32, month: u32 },
    /// A billable ticket's invoice line.
    TicketCharge {
        id: &'a str,
        title: &'a str,
        hours: &'a str,
        /// The hours are the ticket's estimate.
        estimated: bool,
    },
    /// The month an invoice is for.
    InvoicePeriod { year: i32, month: u32 },
    /// An invoice's subject.
    InvoiceSubject { system: &'a str, contract: &'a str },
    /// The subtotal of the lines at a tax rate.
    RateSubtotal { percent: u32 },
    /// The due date, said in the remarks.
    DueNote { due: chrono::NaiveDate },
    /// Tickets to settle before billing (an internal copy).
    NegotiateNote { tickets: &'a str },
    /// What a credit note returns at a tax rate, before tax.
    ReturnedSubtotal { percent: u32 },
    /// A credit note's subject.
    CreditSubject { invoice: &'a str, system: &'a str },
    /// Why the invoice a credit note returns was cancelled.
    CancelReason { reason: &'a str },
    /// `hoshu issue` recorded a document.
    Issued { number: &'a str, version: u32 },
    /// `hoshu register init` made a register.
    RegisterMade { path: &'a str },
    /// `hoshu register export` wrote the documents and the index.
    Exported { documents: usize, dir: &'a str },
    /// `hoshu register cancel` recorded a cancellation.
    Cancelled { number: &'a str },
    /// `hoshu register verify` found every record as written.
    RegisterIntact {
        path: &'a str,
        records: i64,
        tip: Option<&'a str>,
    },
    /// The firm's `seal` or `logo` is an SVG, which a worksheet cannot hold.
    SvgNotInXlsx { key: &'static str },
    /// What a discount line took: a fixed amount, or a percent of the
    /// subtotal it applies to.
    DiscountBasis {
        percent: Option<u32>,
        base: Yen,
        applies_to: crate::vocab::DiscountOn,
    },
    /// A year of maintenance against the development cost.
    DevelopmentRatio {
        basis_points: i64,
        development_cost: Yen,
        band: Band,
        low: u32,
        high: u32,
    },
    /// Work the plan does not cover, so not priced.
    Uncovered { plan: &'a str, works: &'a [Work] },
    /// `{name} 保守・運用`: the default subject.
    DefaultSubject { name: &'a str },
    /// The addressee with the honorific.
    Addressee {
        name: &'a str,
        department: Option<&'a str>,
        /// The person the quote is for: 様, not 御中.
        contact: Option<&'a str>,
        /// The customer is a person (`honorific = "sama"`).
        person: bool,
    },
    /// The warranty's standing note on a 見積書.
    NoteWarranty { months: Option<u32> },
    /// The last day a quote is valid, and for how many days.
    ValidUntil { date: NaiveDate, days: u32 },
    /// The batch's summary on stderr.
    BatchSummary {
        rows: u64,
        covered: u64,
        billable: u64,
        negotiate: u64,
        failed: u64,
        seconds: f64,
        per_second: u64,
        /// The profile file and the preset the rows were read by.
        profile: Option<&'a str>,
        preset: Option<&'a str>,
    },
    /// The heading of `--explain`'s rules for one try.
    RulesConsidered { assumption: &'a str },
    /// The heading of `compare`.
    CompareHeading {
        system: &'a str,
        customer: Option<&'a str>,
        card: &'a str,
        version: &'a str,
        date: NaiveDate,
    },
    /// The budget line of `compare`.
    Budget {
        limit: Yen,
        per_year: bool,
        fit: &'a crate::compare::Fit,
    },
    /// A first answer within `hours`.
    Hours { hours: u32 },
    /// Art. 142 checked holidays of a year after `after`: a forecast.
    HolidaysForecast { after: i32 },
    /// `diff` with nothing changed.
    NoChange { old: &'a str, new: &'a str },
    /// `diff`'s heading.
    DiffHeading { old: &'a str, new: &'a str },
    /// The pull-request comment's heading.
    DiffSummary { monthly: &'a str, percent: &'a str },
    /// `init` wrote a file.
    Wrote { path: &'a str },
    /// `check` found nothing wrong.
    CheckOk {
        file: &'a str,
        system: &'a str,
        card: &'a str,
        version: &'a str,
    },
    /// `--explain-columns`' heading: the input, and the profile or preset.
    ColumnsHeading {
        input: &'a str,
        profile: Option<&'a str>,
        preset: Option<&'a str>,
    },
    /// An acceptance date given while the warranty counts from the delivery.
    AcceptedUnused,
    /// A `diff` gate that tripped: its flag and threshold, and the change.
    GateTripped {
        flag: &'a str,
        threshold: &'a str,
        change: &'a str,
    },
    /// Characters a Shift_JIS output had no code for, written `?`.
    Unmappable { count: u64 },
    /// `check --profile` found nothing wrong: how many headers of facts,
    /// values and defaults it gives.
    ProfileOk {
        file: &'a str,
        preset: Option<&'a str>,
        headers: usize,
        values: usize,
        defaults: usize,
    },
}

/// What the user asked of the command line that cannot be done: bad
/// input or usage (exit 2) unless [`Usage::is_failure`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Usage {
    /// A 見積書 format without a firm profile in any of the three places.
    NoFirm {
        config: Option<String>,
    },
    /// `hoshu issue` or `hoshu register` without a register anywhere.
    NoRegister,
    /// `--month` that is not `YYYY-MM`.
    NotAMonth {
        text: String,
    },
    /// An invoice from a firm profile without its registration number.
    NeedsRegistration,
    /// `invoice --all --tickets` without the column naming each contract.
    NeedsProjectColumn,
    /// PDF or XLSX bytes for a terminal.
    BinaryToTerminal {
        format: &'static str,
    },
    /// `init` would overwrite a file.
    AlreadyThere {
        path: String,
    },
    /// No config folder to put the firm profile in.
    NoConfigDir,
    /// No browser to print a PDF with (exit 1).
    NoBrowser {
        named: Option<String>,
    },
    /// A firm profile's seal or logo that cannot be used.
    BadPicture {
        key: &'static str,
        path: String,
        problem: crate::firm::PictureProblem,
    },
    /// No font covering Japanese for the browser to print with (exit 1).
    NoJapaneseFont,
    /// The browser ran and made no PDF (exit 1).
    BrowserFailed {
        browser: String,
        detail: String,
    },
    /// The browser ran past its time limit and was stopped (exit 1).
    BrowserTimedOut {
        browser: String,
        seconds: u64,
    },
    /// A worksheet cell's text over Excel's 32,767 characters: its start.
    CellTooLong {
        start: String,
        chars: usize,
    },
    /// An amount a spreadsheet cannot hold exactly (over 2^53 yen).
    AmountNotExact {
        amount: crate::money::Yen,
    },
    /// A fact the system file gave (not a flag) that cannot be used.
    FactInFile {
        file: String,
        key: &'static str,
        problem: crate::intake::FactProblem,
    },
    /// No work folder can be made for the browser (exit 1).
    NoWorkFolder {
        dir: String,
        detail: String,
    },
    /// A variable of seconds (`HOSHU_PDF_TIMEOUT`, `HOSHU_REGISTER_WAIT`)
    /// that is not a number of them within 1 to 3600.
    BadSeconds {
        variable: &'static str,
        value: String,
        default: u64,
    },
    /// The document could not be written in its format (exit 1).
    CannotRender {
        format: &'static str,
        detail: String,
    },
    /// `--explain`, `--exit-code` or `--hours` with `--batch`.
    OneCaseFlagsInBatch,
    /// `--format table` or `markdown` with `--batch`.
    OneCaseFormatInBatch,
    /// `--format csv` or `jsonl` without `--batch`.
    BatchFormatForOneCase,
    /// `--rejects -` while the output goes to stdout too.
    RejectsToStdout,
    /// `--systems DIR` that cannot be read.
    SystemsFolder {
        dir: String,
        detail: String,
    },
    /// `--systems DIR` with no system file in it.
    NoSystems {
        dir: String,
    },
    /// Two system files of `--systems` a row could name alike.
    ProjectTwice {
        dir: String,
        name: String,
    },
    /// `--excel`, `--output-encoding` or `--result-columns words` with a
    /// JSON Lines output.
    ExcelNeedsCsv,
    /// The batch input cannot be opened or read.
    BatchInput {
        path: String,
        detail: String,
    },
    /// The batch input is a folder.
    BatchInputFolder {
        path: String,
    },
    /// No `--plan` and no `[maintenance] plan`: the default `standard` was
    /// tried (the card's own error follows).
    DefaultPlan,
    /// A system that cannot be priced (the reason follows).
    CannotPrice {
        file: String,
    },
    /// A flag's value that is not an amount of yen.
    NotAnAmount {
        text: String,
    },
    /// `--hours` that is not a number of hours.
    NotHours {
        text: String,
    },
    /// A flag's value that is not a percent.
    NotAPercent {
        text: String,
    },
    /// A firm profile still marked as `hoshu init firm`'s template; `keys`:
    /// those still at the template's values.
    FirmIsTemplate {
        file: String,
        keys: Vec<&'static str>,
    },
    /// `--preset` naming no built-in preset.
    UnknownPreset {
        got: String,
    },
    /// `--column` not written FACT=HEADER, or naming no fact.
    NotAColumnRule {
        text: String,
        allowed: String,
    },
    /// A flag's value that is not allowed (`reason`: why, when known).
    FlagValue {
        flag: String,
        value: String,
        reason: Option<String>,
        allowed: Option<String>,
    },
    UnknownFlag {
        flag: String,
        suggested: Option<String>,
    },
    MissingFlag {
        flags: String,
    },
    FlagConflict {
        flag: String,
        other: String,
    },
    UnknownCommand {
        command: String,
        suggested: Option<String>,
    },
    /// An output path that is not a regular file.
    OutputNotAFile {
        flag: &'static str,
        path: String,
        what: crate::vocab::NodeKind,
    },
    OutputLinkLoop {
        flag: &'static str,
        path: String,
    },
    OutputSameFile {
        flag: &'static str,
        path: String,
        other: &'static str,
        path2: String,
    },
    /// An output path that is one of the run's own inputs.
    OutputIsInput {
        flag: &'static str,
        path: String,
        input: String,
    },
    /// What an output file had that its new version could not keep
    /// (a warning: the file is written).
    OutputNotKept {
        flag: &'static str,
        path: String,
        lost: crate::vocab::Lost,
        detail: String,
    },
    /// No file can be made beside the output (exit 1).
    OutputCreate {
        flag: &'static str,
        path: String,
        dir: String,
        detail: String,
    },
    /// The output could not be written (exit 1).
    OutputWrite {
        flag: &'static str,
        path: String,
        detail: String,
    },
}

impl Usage {
    /// Whether the machine, not the input, is at fault: exit 1.
    pub fn is_failure(&self) -> bool {
        matches!(
            self,
            Usage::NoBrowser { .. }
                | Usage::NoJapaneseFont
                | Usage::BrowserFailed { .. }
                | Usage::BrowserTimedOut { .. }
                | Usage::NoWorkFolder { .. }
                | Usage::CannotRender { .. }
                | Usage::OutputCreate { .. }
                | Usage::OutputWrite { .. }
        )
    }
}

/// One language: the text of every template and of every table word, and
/// how it writes a date, an amount, a month, a card's title and a fact's
/// name. Which sentence is said, with which facts, is decided once in
/// `words` (`impl dyn Catalogue`), so a language adds words, never logic;
/// no method has a default, so a language cannot leave one out.
pub trait Catalogue: Sync {
    /// A date in running text: `2026-11-28`, `2026年11月28日`.
    fn date(&self, d: NaiveDate) -> String;
    /// Yen in running text: `¥1,234`, `1,234円` (a table shows `¥1,234` in
    /// every language, through `Yen`'s `Display`).
    fn yen(&self, y: Yen) -> String;
    /// A month in running text: `2026-12`, `2026年12月`.
    fn month(&self, m: crate::date::Month) -> String;
    /// A fact's name as this language calls it in a sentence.
    fn fact_name(&self, f: crate::intake::Field) -> &'static str;
    /// The text of a sentence with holes (`template::fill`).
    fn template(&self, t: template::Tpl) -> &'static str;
    /// A table's or a document's word (a heading, a label).
    fn text(&self, t: Text) -> &'static str;
    /// The card's display title in this language, when it gives one.
    fn title<'a>(&self, titles: &'a crate::quote::Titles) -> Option<&'a str>;
}
