//! The command line. clap lives here and nowhere else: the parsed flags are
//! turned at once into the plain requests of `run`, so the commands and the
//! library never see a clap type. Each flag's doc comment is its `--help`.

use chrono::NaiveDate;
use clap::{Args, CommandFactory, Parser, Subcommand, ValueEnum};
use std::path::PathBuf;

use crate::exit::Invalid;
use crate::run::{
    BatchRequest, ClassifyRequest, CompareRequest, DataFormat, DiffRequest, OutputFormat,
    QuoteRequest, RegisterRequest, Request,
};
use hoshu::batch::{ColumnRules, Encoding, Excel, OutputEncoding, ResultNames};
use hoshu::compare::Budget;
use hoshu::coverage::{Answer, Cause, Kind, Verdict, WarrantyFrom};
use hoshu::diff::Gate;
use hoshu::holidays::RestDays;
use hoshu::intake::{CaseInput, Field, Term};
use hoshu::lang::Lang;
use hoshu::money::{Hours, Yen};
use hoshu::render::catalogue::{self, Text, Usage};
use hoshu::render::quote::Format;
use hoshu::render::{CheckFormat, RatesFormat, Report};

/// Price maintenance contracts for web systems and decide who pays for a defect (保守)
///
/// Exit codes: 0 success; 2 invalid input or usage; 1 any other failure.
/// `classify --exit-code` adds 3 billable and 4 negotiate; a batch's
/// `--fail-on` adds 3 billable, 4 negotiate and 5 covered; a tripped `diff`
/// gate exits 3.
#[derive(Debug, Parser)]
#[command(
    name = "hoshu",
    version,
    about,
    long_about,
    arg_required_else_help = true,
    after_help = EXAMPLES
)]
pub struct Cli {
    #[command(subcommand)]
    command: Command,
    /// The language of everything hoshu says: tables, reasons, errors.
    /// Default: $HOSHU_LANG, else ja when LC_ALL, LC_MESSAGES or LANG (the
    /// first one set) starts with ja, else en.
    #[arg(long, global = true, value_enum, value_name = "LANG")]
    lang: Option<LangArg>,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
enum LangArg {
    /// English.
    En,
    /// 日本語 (Japanese).
    Ja,
}

const EXAMPLES: &str = "Examples:
  hoshu quote examples/sakura-shop.toml
  hoshu classify --delivered 2024-01-10 --reported 2024-03-01 --external-cause no
  hoshu classify --batch tickets.csv --output triaged.csv --fail-on billable
  hoshu completions bash > ~/.local/share/bash-completion/completions/hoshu";

#[derive(Debug, Subcommand)]
enum Command {
    /// Price a system's maintenance contract, line by line, with tax.
    #[command(after_help = "Examples:
  hoshu quote examples/sakura-shop.toml --plan full --date 2026-11-28
  hoshu quote examples/sakura-shop.toml --format json > quote.json
  hoshu quote examples/sakura-shop.toml --lang ja --format pdf --firm examples/firm.toml --output 見積書.pdf
  cat system.toml | hoshu quote -")]
    Quote(QuoteArgs),
    /// Issue a 見積書 into the register: priced as `quote` prices it,
    /// numbered by the firm's pattern, recorded unaltered; prints the number.
    #[command(after_help = "Examples:
  hoshu register init register.sqlite
  hoshu issue system.toml --register register.sqlite --output 見積書.pdf
  hoshu issue system.toml --register register.sqlite --revises 202612-001 --output 見積書-第2版.pdf")]
    Issue(IssueArgs),
    /// The month's invoice (適格請求書) of a contract in the register: its
    /// fee, the yearly items that renew, the billable tickets' hours; tax
    /// once per rate; recorded in the register; prints the number.
    #[command(after_help = "Examples:
  hoshu invoice --contract 202612-001 --month 2026-12 --register register.sqlite --output 請求書.pdf
  hoshu classify --batch backlog.csv --preset backlog --system customer.toml --output triaged.csv
  hoshu invoice --contract 202612-001 --month 2026-12 --tickets triaged.csv --register register.sqlite --output 請求書.pdf
  hoshu invoice --credit INV-202701-001 --register register.sqlite --output 返還.pdf")]
    Invoice(InvoiceArgs),
    /// The register of issued documents: make one, list and search it,
    /// show a document as issued, cancel one, verify nothing was altered.
    #[command(after_help = "Examples:
  hoshu register list --register register.sqlite --from 2026-12-01 --to 2026-12-31 --customer さくら
  hoshu register show 202612-001 --register register.sqlite --output 見積書.pdf
  hoshu register cancel 202612-001 --reason \"お客様のご都合で取り消し\" --register register.sqlite
  hoshu register verify --register register.sqlite")]
    Register {
        #[command(subcommand)]
        action: RegisterAction,
    },
    /// Write a commented template to fill in: `firm` is the firm profile
    /// that issues the 見積書.
    #[command(after_help = "Examples:
  hoshu init firm
  hoshu init firm --output my-firm.toml")]
    Init {
        /// What to write.
        #[arg(value_enum)]
        what: InitWhat,
        /// Where to write it; default: firm.toml in your config folder.
        #[arg(long, value_name = "FILE")]
        output: Option<PathBuf>,
    },
    /// Check a system file (and a rate card), or a batch profile, without
    /// pricing or classifying.
    #[command(after_help = "Examples:
  hoshu check examples/sakura-shop.toml
  hoshu check system.toml --rates my-rates.toml
  hoshu check --profile helpdesk.toml")]
    Check(CheckArgs),
    /// Print the default rate card, to save, edit and pass back with --rates;
    /// or, as JSON, what each plan costs and covers.
    #[command(after_help = "Examples:
  hoshu rates > my-rates.toml
  hoshu rates --format json")]
    Rates(RatesArgs),
    /// Decide who pays for a defect: covered, billable or negotiate.
    #[command(after_help = "Examples:
  hoshu classify --delivered 2024-01-10 --reported 2024-03-01 --external-cause no
  hoshu classify --system examples/sakura-shop.toml --kind incident --explain
  hoshu classify --batch backlog.csv --preset backlog --system customer.toml --explain-columns
  hoshu classify --batch backlog.csv --profile helpdesk.toml --system customer.toml --output triaged.csv --fail-on billable")]
    Classify(Box<ClassifyArgs>),
    /// Compare plans side by side: totals, what each covers, and a budget.
    #[command(after_help = "Examples:
  hoshu compare examples/sakura-shop.toml
  hoshu compare examples/sakura-shop.toml --budget 550000
  hoshu compare examples/ec-with-apps.toml --plans operation,standard --format markdown")]
    Compare(CompareArgs),
    /// What changes between two quotes: each a system file or a quote saved
    /// with `quote --format json`.
    #[command(after_help = "Examples:
  hoshu diff old/system.toml system.toml
  hoshu quote system.toml --format json > quote.json && hoshu diff quote.json system.toml
  hoshu diff main.toml branch.toml --format markdown > comment.md
  hoshu diff main.toml branch.toml --fail-above 50000 --fail-above-percent 10")]
    Diff(DiffArgs),
    /// Print the JSON Schema of a JSON output, to validate it in CI.
    #[command(after_help = "Examples:
  hoshu schema quote > hoshu.quote.v1.schema.json
  hoshu schema classification")]
    Schema {
        /// Which output.
        #[arg(value_enum)]
        output: SchemaName,
    },
    /// Print a shell completion script for hoshu.
    #[command(after_help = "Examples:
  hoshu completions bash > ~/.local/share/bash-completion/completions/hoshu
  hoshu completions zsh > ~/.zfunc/_hoshu
  hoshu completions fish > ~/.config/fish/completions/hoshu.fish")]
    Completions {
        /// The shell to complete in.
        #[arg(value_enum)]
        shell: clap_complete::Shell,
    },
    /// Print a man page (roff) for hoshu or one of its commands.
    #[command(after_help = "Examples:
  hoshu man | man -l -
  hoshu man classify > ~/.local/share/man/man1/hoshu-classify.1")]
    Man {
        /// The command whose page to print; absent: hoshu's own.
        #[arg(value_parser = ["quote", "issue", "invoice", "register", "compare", "diff", "check", "rates", "classify", "init", "schema", "completions", "man"])]
        command: Option<String>,
    },
}

#[derive(Debug, Args)]
struct QuoteArgs {
    /// The system description (TOML); `-` reads stdin.
    file: PathBuf,
    /// The plan to price; default: the file's [maintenance] plan, else `standard`.
    #[arg(long, value_name = "NAME")]
    plan: Option<String>,
    /// A rate card replacing the default one (see `hoshu rates`).
    #[arg(long, value_name = "FILE")]
    rates: Option<PathBuf>,
    /// The quote date, YYYY-MM-DD; default: today.
    #[arg(long, value_name = "DATE", value_parser = date)]
    date: Option<NaiveDate>,
    /// How to write the quote: html, pdf and xlsx are the 見積書 (quote
    /// document) and need a firm profile.
    #[arg(long, value_enum, default_value_t = Format::Table)]
    format: Format,
    /// Write to FILE (atomically) instead of standard output.
    #[arg(long, short, value_name = "FILE")]
    output: Option<PathBuf>,
    /// The firm profile issuing the 見積書; default: $HOSHU_FIRM, else
    /// firm.toml in your config folder (`hoshu init firm` writes one).
    #[arg(long, value_name = "FILE")]
    firm: Option<PathBuf>,
    /// Days the quote is valid (有効期限); default: the firm profile's, else 30.
    #[arg(long, value_name = "DAYS", value_parser = clap::value_parser!(u32).range(1..=3650))]
    valid_days: Option<u32>,
    /// A copy for the firm: the firm's own notes (how the yearly cost
    /// compares with the development cost) on the document too, every page
    /// marked 社内用 / INTERNAL.
    #[arg(long)]
    internal: bool,
}

#[derive(Debug, Args)]
struct IssueArgs {
    /// The system description (TOML); `-` reads stdin.
    file: PathBuf,
    /// The plan to price; default: the file's [maintenance] plan, else `standard`.
    #[arg(long, value_name = "NAME")]
    plan: Option<String>,
    /// A rate card replacing the default one (see `hoshu rates`).
    #[arg(long, value_name = "FILE")]
    rates: Option<PathBuf>,
    /// The issue date, YYYY-MM-DD; default: today. It dates the number.
    #[arg(long, value_name = "DATE", value_parser = date)]
    date: Option<NaiveDate>,
    /// The document to send and record: pdf (its HTML and the PDF's
    /// SHA-256 are recorded), html, xlsx, or json.
    #[arg(long, value_enum, default_value_t = IssueFormat::Pdf)]
    format: IssueFormat,
    /// Write to FILE (atomically) instead of standard output.
    #[arg(long, short, value_name = "FILE")]
    output: Option<PathBuf>,
    /// The firm profile issuing it (its numbering, its register).
    #[arg(long, value_name = "FILE")]
    firm: Option<PathBuf>,
    /// Days the quote is valid (有効期限); default: the firm profile's, else 30.
    #[arg(long, value_name = "DAYS", value_parser = clap::value_parser!(u32).range(1..=3650))]
    valid_days: Option<u32>,
    /// The register (SQLite) to record in; default: $HOSHU_REGISTER, else
    /// the firm profile's `register`.
    #[arg(long, value_name = "FILE")]
    register: Option<PathBuf>,
    /// Issue the next version (第2版 …) of this document: the number with
    /// the firm's revision suffix (`-02`), linked to it.
    #[arg(long, value_name = "NUMBER")]
    revises: Option<String>,
}

#[derive(Debug, Args)]
struct InvoiceArgs {
    /// The contract: the number of its quote in the register.
    #[arg(
        long,
        value_name = "NUMBER",
        required_unless_present_any = ["all", "credit"],
        conflicts_with_all = ["all", "credit"]
    )]
    contract: Option<String>,
    /// Every contract in force in the month, each with its own invoice
    /// written into --output-dir; a summary and the total on stdout.
    #[arg(long, requires = "output_dir", conflicts_with_all = ["output", "revises"])]
    all: bool,
    /// With --all: each contract's tickets, DIR/NUMBER.csv or .jsonl
    /// (NUMBER: the contract's first number); none: no tickets.
    #[arg(long, value_name = "DIR", requires = "all", conflicts_with = "tickets")]
    tickets_dir: Option<PathBuf>,
    /// With --all and --tickets: the column naming each ticket's contract
    /// (its system's name, its customer or its number).
    #[arg(long, value_name = "HEADER", requires = "all")]
    project_column: Option<String>,
    /// With --all: where each invoice is written, named by date, customer,
    /// amount and number.
    #[arg(long, value_name = "DIR", requires = "all")]
    output_dir: Option<PathBuf>,
    /// The month invoiced, YYYY-MM.
    #[arg(
        long,
        value_name = "YYYY-MM",
        value_parser = month,
        required_unless_present = "credit"
    )]
    month: Option<hoshu::invoice::Month>,
    /// A `classify --batch` result (CSV or JSON Lines): its billable rows
    /// are billed by their hours.
    #[arg(long, value_name = "FILE")]
    tickets: Option<PathBuf>,
    /// The invoice's (or credit note's) date; default: today.
    #[arg(long, value_name = "DATE", value_parser = date)]
    date: Option<NaiveDate>,
    /// The document to send and record.
    #[arg(long, value_enum, default_value_t = InvoiceFormat::Pdf)]
    format: InvoiceFormat,
    /// Write to FILE (atomically) instead of standard output.
    #[arg(long, short, value_name = "FILE")]
    output: Option<PathBuf>,
    /// The firm profile issuing it (registration number, bank, terms).
    #[arg(long, value_name = "FILE")]
    firm: Option<PathBuf>,
    /// The register; default: $HOSHU_REGISTER, else the firm profile's.
    #[arg(long, value_name = "FILE")]
    register: Option<PathBuf>,
    /// A corrected invoice (訂正) in place of this one.
    #[arg(long, value_name = "NUMBER")]
    revises: Option<String>,
    /// A copy for the firm: the tickets to settle first listed too.
    #[arg(long)]
    internal: bool,
    /// The credit note (返還インボイス) of this invoice, cancelled in the
    /// register first: what it billed, returned in full.
    #[arg(
        long,
        value_name = "INVOICE",
        conflicts_with_all = ["all", "month", "tickets", "internal"]
    )]
    credit: Option<String>,
}

/// What `hoshu invoice` writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum InvoiceFormat {
    Pdf,
    Html,
    /// A worksheet whose amounts, tax and total are formulas.
    Xlsx,
    Json,
    /// The lines, the subtotal and tax per rate and the total, for Excel.
    Csv,
}

impl InvoiceFormat {
    pub fn document(self) -> hoshu::render::invoice::DocumentFormat {
        use hoshu::render::invoice::DocumentFormat as D;
        match self {
            InvoiceFormat::Pdf => D::Pdf,
            InvoiceFormat::Html => D::Html,
            InvoiceFormat::Xlsx => D::Xlsx,
            InvoiceFormat::Json => D::Json,
            InvoiceFormat::Csv => D::Csv,
        }
    }
}

/// `YYYY-MM`.
fn month(text: &str) -> Result<hoshu::invoice::Month, Invalid> {
    hoshu::invoice::Month::parse(text).ok_or_else(|| {
        Invalid(Usage::NotAMonth {
            text: text.to_owned(),
        })
    })
}

/// What `hoshu issue` writes.
#[derive(Debug, Clone, Copy, ValueEnum)]
enum IssueFormat {
    Pdf,
    Html,
    Xlsx,
    Json,
}

/// Where the register is, for each `hoshu register` action.
#[derive(Debug, Args)]
struct RegisterAt {
    /// The register (SQLite); default: $HOSHU_REGISTER, else the firm
    /// profile's `register`.
    #[arg(long, value_name = "FILE")]
    register: Option<PathBuf>,
    /// The firm profile naming the register; default: $HOSHU_FIRM, else
    /// firm.toml in your config folder.
    #[arg(long, value_name = "FILE")]
    firm: Option<PathBuf>,
}

#[derive(Debug, Subcommand)]
enum RegisterAction {
    /// Make a new, empty register (one SQLite file).
    Init {
        /// The file to make; refused if it exists.
        file: PathBuf,
    },
    /// List the records, those matching every condition given.
    #[command(visible_alias = "search")]
    List {
        #[command(flatten)]
        at: RegisterAt,
        /// Issued on or after DATE.
        #[arg(long, value_name = "DATE", value_parser = date)]
        from: Option<NaiveDate>,
        /// Issued on or before DATE.
        #[arg(long, value_name = "DATE", value_parser = date)]
        to: Option<NaiveDate>,
        /// The customer's name holds TEXT (any case).
        #[arg(long, value_name = "TEXT")]
        customer: Option<String>,
        /// The amount (first year, tax included) is at least YEN.
        #[arg(long, value_name = "YEN", value_parser = yen)]
        min: Option<i64>,
        /// The amount is at most YEN.
        #[arg(long, value_name = "YEN", value_parser = yen)]
        max: Option<i64>,
        /// Only quotes, invoices, or cancellations.
        #[arg(long, value_enum, value_name = "KIND")]
        kind: Option<RecordKind>,
        /// table, json (hoshu.register.v1), or csv for Excel.
        #[arg(long, value_enum, default_value_t = ListFormat::Table)]
        format: ListFormat,
    },
    /// Write a document as it was issued: the same bytes (a PDF printed
    /// again from the HTML it was printed from).
    Show {
        /// The document's number.
        number: String,
        #[command(flatten)]
        at: RegisterAt,
        /// Write to FILE (atomically) instead of standard output.
        #[arg(long, short, value_name = "FILE")]
        output: Option<PathBuf>,
    },
    /// Withdraw a document (取消): a cancellation record that names it and
    /// why; the document stays in the register.
    Cancel {
        /// The document's number.
        number: String,
        /// Why it is withdrawn.
        #[arg(long, value_name = "TEXT")]
        reason: String,
        #[command(flatten)]
        at: RegisterAt,
        /// The cancellation's date; default: today.
        #[arg(long, value_name = "DATE", value_parser = date)]
        date: Option<NaiveDate>,
    },
    /// Write every issued document into DIR for an accountant or an
    /// auditor, named by date, customer, amount and number, with an index
    /// (index.csv, for Excel).
    Export {
        /// The folder to write into; made if missing.
        dir: PathBuf,
        #[command(flatten)]
        at: RegisterAt,
        /// Issued on or after DATE.
        #[arg(long, value_name = "DATE", value_parser = date)]
        from: Option<NaiveDate>,
        /// Issued on or before DATE.
        #[arg(long, value_name = "DATE", value_parser = date)]
        to: Option<NaiveDate>,
    },
    /// Check that no record was changed, removed or put in behind hoshu's
    /// back: every hash re-derived; exit 1 naming the first that is not.
    Verify {
        #[command(flatten)]
        at: RegisterAt,
    },
}

#[derive(Debug, Clone, Copy, ValueEnum)]
enum RecordKind {
    Quote,
    Invoice,
    Credit,
    Cancel,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
enum ListFormat {
    Table,
    Json,
    Csv,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
enum InitWhat {
    /// The firm profile (firm.toml).
    Firm,
}

#[derive(Debug, Args)]
struct CompareArgs {
    /// The system description (TOML); `-` reads stdin.
    file: PathBuf,
    /// The plans to compare, comma-separated; default: every plan of the card.
    #[arg(long, value_name = "NAMES", value_delimiter = ',')]
    plans: Vec<String>,
    /// A monthly budget in yen, tax included: the plans that fit are marked
    /// and the cheapest named.
    #[arg(long, value_name = "YEN", conflicts_with = "budget_annual", value_parser = yen)]
    budget: Option<i64>,
    /// A yearly budget in yen, tax included (12 months and yearly items).
    #[arg(long, value_name = "YEN", value_parser = yen)]
    budget_annual: Option<i64>,
    /// A rate card replacing the default one (see `hoshu rates`).
    #[arg(long, value_name = "FILE")]
    rates: Option<PathBuf>,
    /// The quote date, YYYY-MM-DD; default: today.
    #[arg(long, value_name = "DATE", value_parser = date)]
    date: Option<NaiveDate>,
    /// How to print the comparison.
    #[arg(long, value_enum, default_value_t = Report::Table)]
    format: Report,
}

#[derive(Debug, Args)]
struct DiffArgs {
    /// The old side: a system file (TOML) or a saved quote (JSON).
    old: PathBuf,
    /// The new side: a system file (TOML) or a saved quote (JSON).
    new: PathBuf,
    /// The plan for each side that is a system file; default: its
    /// [maintenance] plan, else `standard`.
    #[arg(long, value_name = "NAME")]
    plan: Option<String>,
    /// A rate card for each side that is a system file.
    #[arg(long, value_name = "FILE")]
    rates: Option<PathBuf>,
    /// The quote date for each side that is a system file; default: today.
    #[arg(long, value_name = "DATE", value_parser = date)]
    date: Option<NaiveDate>,
    /// How to print the diff: markdown makes a pull-request comment.
    #[arg(long, value_enum, default_value_t = Report::Table)]
    format: Report,
    /// Exit 3 when the monthly total with tax rises by more than YEN.
    #[arg(long, value_name = "YEN", value_parser = yen)]
    fail_above: Option<i64>,
    /// Exit 3 when the monthly total with tax rises by more than P percent
    /// (up to two decimals).
    #[arg(long, value_name = "P", value_parser = basis_points)]
    fail_above_percent: Option<i64>,
    /// A register: a side that is no file is a document number in it
    /// (`hoshu diff 202612-001 202612-001-02 --register r.sqlite`);
    /// default: $HOSHU_REGISTER.
    #[arg(long, value_name = "FILE")]
    register: Option<PathBuf>,
}

/// A percent with up to two decimals, as hundredths of a percent.
fn basis_points(text: &str) -> Result<i64, Invalid> {
    let bad = || {
        Invalid(Usage::NotAPercent {
            text: text.to_owned(),
        })
    };
    let (whole, frac) = text.split_once('.').unwrap_or((text, ""));
    if frac.len() > 2 || whole.is_empty() && frac.is_empty() {
        return Err(bad());
    }
    let whole: i64 = if whole.is_empty() {
        0
    } else {
        whole.parse().map_err(|_| bad())?
    };
    let frac: i64 = format!("{frac:0<2}").parse().map_err(|_| bad())?;
    (whole >= 0).then_some(whole * 100 + frac).ok_or_else(bad)
}

#[derive(Debug, Clone, Copy, ValueEnum)]
enum SchemaName {
    /// hoshu.quote.v1: `quote --format json`.
    Quote,
    /// hoshu.classification.v1: `classify --format json`.
    Classification,
    /// One line of `classify --batch --format jsonl`.
    BatchRow,
    /// hoshu.compare.v1: `compare --format json`.
    Compare,
    /// hoshu.diff.v1: `diff --format json`.
    Diff,
    /// hoshu.rates.v1: `rates --format json`.
    Rates,
    /// hoshu.error.v1: every error, on stderr, with `--format json`.
    Error,
    /// hoshu.register.v1: `register list --format json`.
    Register,
    /// hoshu.invoice.v1: `invoice --format json`.
    Invoice,
    /// hoshu.credit.v1: `invoice --credit N --format json`.
    Credit,
}

/// Hours of work: more than 0, at most 10,000, to the hundredth (1.5, 0.25).
fn hours(text: &str) -> Result<Hours, Invalid> {
    Hours::parse(text).ok_or_else(|| {
        Invalid(Usage::NotHours {
            text: text.to_owned(),
        })
    })
}

/// Whole yen, 0 or more, with or without thousands separators.
fn yen(text: &str) -> Result<i64, Invalid> {
    text.replace([',', '_'], "")
        .trim_start_matches('¥')
        .parse::<i64>()
        .ok()
        .filter(|y| *y >= 0)
        .ok_or_else(|| {
            Invalid(Usage::NotAnAmount {
                text: text.to_owned(),
            })
        })
}

#[derive(Debug, Args)]
struct RatesArgs {
    /// toml: the card itself, commented; json: plans, coverage and the work
    /// each cost factor pays for (hoshu.rates.v1).
    #[arg(long, value_enum, default_value_t = RatesFormat::Toml)]
    format: RatesFormat,
    /// Show this card instead of the default one.
    #[arg(long, value_name = "FILE")]
    rates: Option<PathBuf>,
}

#[derive(Debug, Args)]
struct CheckArgs {
    /// The system description (TOML); `-` reads stdin.
    #[arg(required_unless_present = "profile")]
    file: Option<PathBuf>,
    /// A batch profile (TOML) to check: `[columns]`, `[values.FACT]`,
    /// `[defaults]`, `pass`, `[ticket]`, `preset`.
    #[arg(long, value_name = "FILE")]
    profile: Option<PathBuf>,
    /// A rate card to check, and to check the file's plan against.
    #[arg(long, value_name = "FILE")]
    rates: Option<PathBuf>,
    /// text, or json: `hoshu.check.v1` on success, `hoshu.error.v1` on
    /// stderr with every problem.
    #[arg(long, value_enum, default_value_t = CheckFormat::Text)]
    format: CheckFormat,
}

#[derive(Debug, Args)]
struct ClassifyArgs {
    /// Take [delivery] and [maintenance] from this system file; flags override it.
    #[arg(long, value_name = "FILE")]
    system: Option<PathBuf>,
    /// A rate card whose plans say what each plan covers (see `hoshu rates`).
    #[arg(long, value_name = "FILE")]
    rates: Option<PathBuf>,
    /// The delivery date (納品日): 2024-01-10, 2024/1/10, 2024年1月10日 or
    /// 令和6年1月10日, as batch cells take dates; absent: not delivered yet.
    #[arg(long, value_name = "DATE", value_parser = date)]
    delivered: Option<NaiveDate>,
    /// The day the defect was reported (a date as --delivered takes);
    /// default: today.
    #[arg(long, value_name = "DATE", value_parser = date)]
    reported: Option<NaiveDate>,
    /// Was the failure caused outside the delivered program (OS, browser,
    /// server, third-party API, payment provider, law, the customer's change)?
    /// yes, no, unknown (はい, いいえ, 不明), as batch cells take them.
    #[arg(long, value_name = "ANSWER", value_parser = answer_word)]
    external_cause: Option<Answer>,
    /// What is asked: defect (不具合), change (仕様変更: a spec change), minor
    /// (軽微: a small request), incident (障害: restore after a failure,
    /// server down, data lost) or operation (運用作業: the plan's operations
    /// and payment irregulars); as batch cells take them.
    #[arg(long, value_parser = kind_word)]
    kind: Option<Kind>,
    /// The warranty (契約不適合責任期間, formerly 瑕疵担保期間): 1 to 120 months,
    /// or `statutory` when the contract sets no term (Civil Code Arts. 637,
    /// 166); default: unknown (3 to 6 months tried).
    #[arg(long, value_name = "N|statutory", value_parser = term)]
    warranty_months: Option<Term>,
    /// The acceptance date (検収), a date as --delivered takes.
    #[arg(long, value_name = "DATE", value_parser = date)]
    accepted: Option<NaiveDate>,
    /// What the warranty counts from, delivery or acceptance (納品, 検収);
    /// default: delivery, as the policy page says (the IPA/METI model
    /// contract counts from acceptance).
    #[arg(long, value_name = "EVENT", value_parser = from_word)]
    warranty_from: Option<WarrantyFrom>,
    /// With a statutory term: the day the customer learned of the defect;
    /// default: the report date.
    #[arg(long, value_name = "DATE", value_parser = date)]
    learned: Option<NaiveDate>,
    /// Did the builder know of the defect at delivery, or miss it through
    /// gross negligence? Then no time limit protects it. yes, no, unknown
    /// (はい, いいえ, 不明); default: no.
    #[arg(long, value_name = "ANSWER", value_parser = answer_word)]
    builder_knew: Option<Answer>,
    /// Does the defect impair the program's running (稼働に支障)? A warranty
    /// fix is free only when it does. yes, no, unknown (はい, いいえ, 不明);
    /// default: yes; unknown tries both.
    #[arg(long, value_name = "ANSWER", value_parser = answer_word)]
    impairs_operation: Option<Answer>,
    /// Civil Code Art. 142: a warranty or plan ending on a Sunday, a national
    /// holiday or Dec 29 - Jan 3 ends on the next working day.
    #[arg(long)]
    holiday_rollover: bool,
    /// With --holiday-rollover: Saturdays are days off too.
    #[arg(long, value_enum, value_name = "DAYS", requires = "holiday_rollover")]
    rest_days: Option<RestArg>,
    /// With --holiday-rollover: the firm's own days off, from a TOML file
    /// with `[calendar] closed = ["2026-08-13", "08-14"]` (a date once,
    /// MM-DD every year), beside a system file's own.
    #[arg(long, value_name = "FILE", requires = "holiday_rollover")]
    closed_days: Option<PathBuf>,
    /// Estimate a billable or negotiable case: N hours at the card's hourly
    /// rate, with tax.
    #[arg(long, value_name = "N", value_parser = hours)]
    hours: Option<Hours>,
    /// The maintenance plan in force, by its rate-card name.
    #[arg(long, value_name = "NAME")]
    plan: Option<String>,
    /// The plan's first day (a date as --delivered takes); default: the
    /// delivery date.
    #[arg(long, value_name = "DATE", value_parser = date)]
    plan_start: Option<NaiveDate>,
    /// The plan's last day, inclusive (a date as --delivered takes);
    /// default: open-ended.
    #[arg(long, value_name = "DATE", value_parser = date)]
    plan_end: Option<NaiveDate>,
    /// Output: table or json for one case; csv or jsonl for a batch
    /// (default: the input's format).
    #[arg(long, value_enum)]
    format: Option<FormatArg>,
    /// List every rule considered and why it did or did not match.
    #[arg(long)]
    explain: bool,
    /// Exit with the verdict: covered 0, billable 3, negotiate 4.
    #[arg(long)]
    exit_code: bool,
    /// Classify every row of a CSV (with a header) or JSON Lines file; `-` reads stdin.
    #[arg(long, value_name = "FILE")]
    batch: Option<PathBuf>,
    /// The batch input's format; default: jsonl for a `.jsonl` file, else csv.
    #[arg(long, value_enum, value_name = "FORMAT", requires = "batch")]
    input_format: Option<DataArg>,
    /// Write the batch output here instead of stdout: written whole or not at
    /// all, through a symlink, keeping the file's permissions; `-` is stdout.
    #[arg(long, value_name = "FILE", requires = "batch")]
    output: Option<PathBuf>,
    /// Also write every row that failed, as it came, to this file (CSV: under
    /// the original header with a rejected_row column; JSON Lines: the line).
    #[arg(long, value_name = "FILE", requires = "batch")]
    rejects: Option<PathBuf>,
    /// Read the batch column (or key) HEADER as the fact FACT, e.g.
    /// `--column delivered="Delivery date"`; repeatable.
    #[arg(long, value_name = "FACT=HEADER", value_parser = column_rule, requires = "batch")]
    column: Vec<(Field, String)>,
    /// Pass the column (or key) HEADER through unread, though its name
    /// resembles a fact's; repeatable.
    #[arg(long, value_name = "HEADER", requires = "batch")]
    pass: Vec<String>,
    /// A folder of system files, one per customer: each row takes the
    /// contract of the system its --project-column names (by file name or
    /// the file's `name`).
    #[arg(
        long,
        value_name = "DIR",
        requires = "project_column",
        conflicts_with = "system"
    )]
    systems: Option<PathBuf>,
    /// The column (or key) naming each row's project, for --systems.
    #[arg(long, value_name = "HEADER", requires = "systems")]
    project_column: Option<String>,
    /// Read the batch as the helpdesk NAME exports it: its headers in its
    /// Japanese and English UI, its kinds of ticket (README "Presets").
    #[arg(long, value_name = "NAME", value_parser = preset_name, requires = "batch", conflicts_with = "profile")]
    preset: Option<String>,
    /// Read the batch by a profile (TOML): which header holds which fact,
    /// what the helpdesk's values mean, defaults, columns to pass; it may
    /// start from a preset. Check it with `hoshu check --profile FILE`.
    #[arg(long, value_name = "FILE", requires = "batch")]
    profile: Option<PathBuf>,
    /// Write the CSV for Excel in Japan: a UTF-8 BOM, CR LF, the result
    /// columns and verdicts in --lang's words. The default when the input
    /// was Shift_JIS or began with a BOM.
    #[arg(long, requires = "batch", conflicts_with = "no_excel")]
    excel: bool,
    /// Write the CSV for scripts (UTF-8 without a BOM, LF), whatever the
    /// input was.
    #[arg(long, requires = "batch")]
    no_excel: bool,
    /// The CSV output's encoding; shift_jis (CP932) is written for Excel
    /// (CR LF), a character it has no code for as `?`, with a warning.
    #[arg(long, value_enum, value_name = "ENCODING", requires = "batch")]
    output_encoding: Option<OutputEncodingArg>,
    /// The result columns' names and verdict words in CSV: ids (verdict,
    /// covered …) or words (判定, 無償対応 … in --lang); default: words for
    /// Excel, ids otherwise.
    #[arg(long, value_enum, value_name = "NAMES", requires = "batch")]
    result_columns: Option<ResultColumnsArg>,
    /// Add `estimate` and `comment` to every row: the verdict's explanation
    /// as a ticket comment in --lang (as `--format markdown` says it), and
    /// for a row that is not covered, hours × the card's rate with tax from
    /// its hours column (a profile's [ticket] hours, or `hours`).
    #[arg(long, requires = "batch")]
    comments: bool,
    /// Print how each column (or key) of the batch's header is read, and
    /// where each fact comes from, and classify nothing.
    #[arg(long, requires = "batch")]
    explain_columns: bool,
    /// Threads a batch uses: 1 reads, classifies and writes each row in
    /// turn; with N, N threads classify side by side (CSV: each parses and
    /// writes out blocks of rows of its own) while one reads and one
    /// writes, the same output in the same order. Default: one per core,
    /// at most 3.
    #[arg(long, value_name = "N", requires = "batch", value_parser = clap::value_parser!(u16).range(1..))]
    threads: Option<u16>,
    /// The batch input's text encoding; auto: a BOM or valid UTF-8 means
    /// UTF-8, else Shift_JIS (CP932, as Excel in Japan saves CSV).
    #[arg(long, value_enum, default_value_t = EncodingArg::Auto, requires = "batch")]
    encoding: EncodingArg,
    /// After every row is written, exit 3 if a listed billable row exists,
    /// else 4 for negotiate, else 5 for covered (row errors exit 2 first);
    /// a comma list of billable, negotiate, covered.
    #[arg(
        long,
        value_enum,
        value_name = "VERDICTS",
        value_delimiter = ',',
        requires = "batch"
    )]
    fail_on: Vec<VerdictArg>,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
enum EncodingArg {
    Auto,
    #[value(name = "utf-8", alias = "utf8")]
    Utf8,
    #[value(name = "shift_jis", alias = "sjis", alias = "cp932")]
    ShiftJis,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
enum OutputEncodingArg {
    #[value(name = "utf-8", alias = "utf8")]
    Utf8,
    #[value(name = "shift_jis", alias = "sjis", alias = "cp932")]
    ShiftJis,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
enum ResultColumnsArg {
    Ids,
    Words,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
enum VerdictArg {
    Billable,
    Negotiate,
    Covered,
}

/// The name of a built-in preset.
fn preset_name(text: &str) -> Result<String, Invalid> {
    hoshu::batch::profile::PRESETS
        .iter()
        .find(|(name, _)| *name == text)
        .map(|(name, _)| (*name).to_owned())
        .ok_or_else(|| {
            Invalid(Usage::UnknownPreset {
                got: text.to_owned(),
            })
        })
}

/// `FACT=HEADER` of `--column`.
fn column_rule(text: &str) -> Result<(Field, String), Invalid> {
    let bad = || {
        Invalid(Usage::NotAColumnRule {
            text: text.to_owned(),
            allowed: Field::ALL.map(|f| f.column()).join(", "),
        })
    };
    let (fact, header) = text.split_once('=').ok_or_else(bad)?;
    let field = Field::from_column(fact.trim()).ok_or_else(bad)?;
    Ok((field, header.to_owned()))
}

/// A flag's word read as a batch cell's: one vocabulary for both.
fn word<T>(
    text: &str,
    parse: fn(&[u8]) -> Option<T>,
    values: hoshu::intake::Values,
) -> Result<T, hoshu::intake::FactProblem> {
    parse(text.trim().as_bytes()).ok_or_else(|| hoshu::intake::FactProblem::NotOneOf {
        got: text.to_owned(),
        values,
    })
}

fn answer_word(text: &str) -> Result<Answer, hoshu::intake::FactProblem> {
    word(
        text,
        hoshu::intake::parse_answer,
        hoshu::intake::Values::Answer,
    )
}

fn kind_word(text: &str) -> Result<Kind, hoshu::intake::FactProblem> {
    word(text, hoshu::intake::parse_kind, hoshu::intake::Values::Kind)
}

fn from_word(text: &str) -> Result<WarrantyFrom, hoshu::intake::FactProblem> {
    word(text, hoshu::intake::parse_from, hoshu::intake::Values::From)
}

#[derive(Debug, Clone, Copy, ValueEnum)]
enum RestArg {
    /// Saturdays are days off too.
    Saturday,
}

fn term(text: &str) -> Result<Term, hoshu::intake::FactProblem> {
    hoshu::intake::parse_term(text.as_bytes()).ok_or_else(|| hoshu::intake::FactProblem::Months {
        got: text.to_owned(),
    })
}

/// `classify --format`: one case's [`Report`] formats and a batch's data
/// formats in one flag. The batch's `DataFormat` is an engine type, so it
/// does not derive clap's `ValueEnum`: this flag and `DataArg` name it.
#[derive(Debug, Clone, Copy, ValueEnum)]
enum FormatArg {
    Table,
    Json,
    /// One case as a ticket comment.
    Markdown,
    Csv,
    Jsonl,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
enum DataArg {
    Csv,
    Jsonl,
}

fn date(text: &str) -> Result<NaiveDate, hoshu::date::DateError> {
    hoshu::date::read_date(text)
}

/// The man page of hoshu, or of `hoshu COMMAND`, as roff.
fn man_page(command: Option<&str>) -> Vec<u8> {
    // `hoshu help` has no page of its own: hoshu(1) names only the pages
    // `hoshu man COMMAND` writes.
    let mut cli = Cli::command().disable_help_subcommand(true);
    cli.build();
    let page = match command.and_then(|name| cli.find_subcommand(name)) {
        Some(sub) => {
            let name = format!("hoshu-{}", sub.get_name());
            sub.clone().name(name)
        }
        None => cli,
    };
    let mut out = Vec::new();
    clap_mangen::Man::new(page)
        .render(&mut out)
        .expect("writing to memory cannot fail");
    // No hyphenation: an example is a command to copy (`--external-cause`,
    // never `--exter‐nal-cause`).
    let text = String::from_utf8(out).expect("clap_mangen writes text");
    match text.find("\n.SH ") {
        Some(at) => format!("{}\n.nh{}", &text[..at], &text[at..]).into_bytes(),
        None => text.into_bytes(),
    }
}

/// Parse the process's arguments into a request; clap exits 2 on bad usage
/// (as `hoshu.error.v1` JSON when `--format json` was asked for).
pub fn parse() -> (Request, Lang) {
    let args: Vec<String> = std::env::args().collect();
    let env = || Lang::from_env(|name| std::env::var(name).ok());
    let e = match Cli::try_parse_from(&args) {
        Ok(cli) => {
            let lang = match cli.lang {
                Some(LangArg::En) => Lang::En,
                Some(LangArg::Ja) => Lang::Ja,
                None => env(),
            };
            return (cli.into_request(), lang);
        }
        Err(e) => e,
    };
    // clap refused the flags, so `--lang` is looked for in them as given.
    let lang = lang_given(&args).unwrap_or_else(env);
    match e {
        e if e.use_stderr() && wants_json(args.iter().cloned()) => {
            crate::exit::report_usage_json(&usage_message(&e, lang));
            std::process::exit(2);
        }
        e if e.use_stderr() && lang != Lang::En => {
            crate::exit::say(&format!(
                "{}: {}",
                catalogue::of(lang).text(Text::Error),
                usage_message(&e, lang)
            ));
            std::process::exit(2);
        }
        e => e.exit(),
    }
}

/// `--lang` as the arguments give it, for flags clap refused.
fn lang_given(args: &[String]) -> Option<Lang> {
    let given = args
        .windows(2)
        .find_map(|w| (w[0] == "--lang").then(|| w[1].clone()));
    given
        .or_else(|| {
            args.iter()
                .find_map(|a| a.strip_prefix("--lang=").map(str::to_owned))
        })
        .and_then(|g| Lang::parse(&g))
}

/// A usage error in `lang`: clap's own words in English; in Japanese, the
/// kinds users meet, with the flag and value clap found.
fn usage_message(e: &clap::Error, lang: Lang) -> String {
    use clap::error::{ContextKind, ContextValue, ErrorKind};
    let english = || {
        let text = e.render().to_string();
        let first = text.lines().next().unwrap_or_default().to_owned();
        first.strip_prefix("error: ").unwrap_or(&first).to_owned()
    };
    if lang == Lang::En {
        return english();
    }
    let context = |kind| match e.get(kind) {
        Some(ContextValue::String(s)) => Some(s.clone()),
        Some(ContextValue::Strings(v)) => Some(v.join(", ")),
        _ => None,
    };
    let arg = context(ContextKind::InvalidArg).unwrap_or_default();
    let value = context(ContextKind::InvalidValue).unwrap_or_default();
    let cat = catalogue::of(lang);
    let said = match e.kind() {
        ErrorKind::ValueValidation => {
            let source = std::error::Error::source(e);
            let reason = source.and_then(|s| {
                if let Some(d) = s.downcast_ref::<hoshu::date::DateError>() {
                    Some(cat.date_error(d))
                } else if let Some(i) = s.downcast_ref::<Invalid>() {
                    Some(cat.usage(&i.0))
                } else {
                    s.downcast_ref::<hoshu::intake::FactProblem>()
                        .map(|p| cat.intake_problem(p))
                }
            });
            Usage::FlagValue {
                flag: arg,
                value,
                reason,
                allowed: None,
            }
        }
        ErrorKind::InvalidValue => Usage::FlagValue {
            flag: arg,
            value,
            reason: None,
            allowed: context(ContextKind::ValidValue),
        },
        ErrorKind::UnknownArgument => Usage::UnknownFlag {
            flag: arg,
            suggested: context(ContextKind::SuggestedArg),
        },
        ErrorKind::MissingRequiredArgument => Usage::MissingFlag { flags: arg },
        ErrorKind::ArgumentConflict => Usage::FlagConflict {
            flag: arg,
            other: context(ContextKind::PriorArg).unwrap_or_default(),
        },
        ErrorKind::InvalidSubcommand => Usage::UnknownCommand {
            command: context(ContextKind::InvalidSubcommand).unwrap_or_default(),
            suggested: context(ContextKind::SuggestedSubcommand),
        },
        _ => return english(),
    };
    cat.usage(&said)
}

/// Whether the arguments ask for `--format json`.
fn wants_json(args: impl Iterator<Item = String>) -> bool {
    let args: Vec<String> = args.collect();
    args.windows(2)
        .any(|w| w[0] == "--format" && w[1] == "json")
        || args.iter().any(|a| a == "--format=json")
}

impl Cli {
    fn into_request(self) -> Request {
        match self.command {
            Command::Quote(a) => Request::Quote(QuoteRequest {
                file: a.file,
                plan: a.plan,
                rates: a.rates,
                date: a.date,
                format: a.format,
                output: a.output,
                firm: a.firm,
                valid_days: a.valid_days,
                internal: a.internal,
                issue: None,
            }),
            Command::Issue(a) => Request::Quote(QuoteRequest {
                file: a.file,
                plan: a.plan,
                rates: a.rates,
                date: a.date,
                format: match a.format {
                    IssueFormat::Pdf => Format::Pdf,
                    IssueFormat::Html => Format::Html,
                    IssueFormat::Xlsx => Format::Xlsx,
                    IssueFormat::Json => Format::Json,
                },
                output: a.output,
                firm: a.firm,
                valid_days: a.valid_days,
                internal: false,
                issue: Some(crate::run::IssueRequest {
                    register: a.register,
                    revises: a.revises,
                }),
            }),
            Command::Invoice(a) => Request::Invoice(crate::run::InvoiceRequest {
                contract: a.contract,
                all: a.all.then(|| crate::run::AllContracts {
                    tickets_dir: a.tickets_dir,
                    project_column: a.project_column,
                    output_dir: a.output_dir.unwrap_or_default(),
                }),
                credit: a.credit,
                month: a.month,
                tickets: a.tickets,
                date: a.date,
                format: a.format,
                output: a.output,
                firm: a.firm,
                register: a.register,
                revises: a.revises,
                internal: a.internal,
            }),
            Command::Register { action } => Request::Register(match action {
                RegisterAction::Init { file } => RegisterRequest::Init { file },
                RegisterAction::List {
                    at,
                    from,
                    to,
                    customer,
                    min,
                    max,
                    kind,
                    format,
                } => RegisterRequest::List {
                    register: at.register,
                    firm: at.firm,
                    search: hoshu::register::Search {
                        from,
                        to,
                        customer,
                        min,
                        max,
                        kind: kind.map(|k| match k {
                            RecordKind::Quote => hoshu::register::Kind::Quote,
                            RecordKind::Invoice => hoshu::register::Kind::Invoice,
                            RecordKind::Credit => hoshu::register::Kind::Credit,
                            RecordKind::Cancel => hoshu::register::Kind::Cancel,
                        }),
                    },
                    format: match format {
                        ListFormat::Table => hoshu::render::register::ListFormat::Table,
                        ListFormat::Json => hoshu::render::register::ListFormat::Json,
                        ListFormat::Csv => hoshu::render::register::ListFormat::Csv,
                    },
                },
                RegisterAction::Show { number, at, output } => RegisterRequest::Show {
                    register: at.register,
                    firm: at.firm,
                    number,
                    output,
                },
                RegisterAction::Cancel {
                    number,
                    reason,
                    at,
                    date,
                } => RegisterRequest::Cancel {
                    register: at.register,
                    firm: at.firm,
                    number,
                    reason,
                    date,
                },
                RegisterAction::Export { dir, at, from, to } => RegisterRequest::Export {
                    register: at.register,
                    firm: at.firm,
                    dir,
                    search: hoshu::register::Search {
                        from,
                        to,
                        ..hoshu::register::Search::default()
                    },
                },
                RegisterAction::Verify { at } => RegisterRequest::Verify {
                    register: at.register,
                    firm: at.firm,
                },
            }),
            Command::Init { what, output } => match what {
                InitWhat::Firm => Request::InitFirm { output },
            },
            Command::Check(a) => Request::Check {
                file: a.file,
                profile: a.profile,
                rates: a.rates,
                format: a.format,
            },
            Command::Rates(a) => Request::Rates {
                format: a.format,
                rates: a.rates,
            },
            Command::Classify(a) => Request::Classify(Box::new(a.into_request())),
            Command::Compare(a) => Request::Compare(CompareRequest {
                file: a.file,
                plans: a.plans,
                budget: match (a.budget, a.budget_annual) {
                    (Some(y), _) => Some(Budget::Month(Yen(y))),
                    (None, Some(y)) => Some(Budget::Year(Yen(y))),
                    (None, None) => None,
                },
                rates: a.rates,
                date: a.date,
                format: a.format,
            }),
            Command::Diff(a) => Request::Diff(DiffRequest {
                old: a.old,
                new: a.new,
                plan: a.plan,
                rates: a.rates,
                date: a.date,
                format: a.format,
                gate: Gate {
                    yen: a.fail_above.map(Yen),
                    basis_points: a.fail_above_percent,
                },
                register: a.register,
            }),
            Command::Schema { output } => {
                let schema = match output {
                    SchemaName::Quote => hoshu::render::quote::schema(),
                    SchemaName::Classification => hoshu::render::classify::schema(),
                    SchemaName::BatchRow => hoshu::render::batch::schema(),
                    SchemaName::Compare => hoshu::render::compare::schema(),
                    SchemaName::Diff => hoshu::render::diff::schema(),
                    SchemaName::Rates => hoshu::render::rates::schema(),
                    SchemaName::Error => crate::exit::schema(),
                    SchemaName::Register => hoshu::render::register::schema(),
                    SchemaName::Invoice => hoshu::render::invoice::schema(),
                    SchemaName::Credit => hoshu::render::invoice::credit_schema(),
                };
                let mut text = serde_json::to_string_pretty(&schema).unwrap_or_default();
                text.push('\n');
                Request::Print(text.into_bytes())
            }
            Command::Completions { shell } => {
                let mut out = Vec::new();
                clap_complete::generate(shell, &mut Cli::command(), "hoshu", &mut out);
                Request::Print(out)
            }
            Command::Man { command } => Request::Print(man_page(command.as_deref())),
        }
    }
}

impl ClassifyArgs {
    fn into_request(self) -> ClassifyRequest {
        let data = |f: DataArg| match f {
            DataArg::Csv => DataFormat::Csv,
            DataArg::Jsonl => DataFormat::Jsonl,
        };
        ClassifyRequest {
            system: self.system,
            rates: self.rates,
            facts: CaseInput {
                delivered: self.delivered,
                reported: self.reported,
                cause: self.external_cause.map(|c| match c {
                    Answer::Yes => Cause::External,
                    Answer::No => Cause::Internal,
                    Answer::Unknown => Cause::Unknown,
                }),
                kind: self.kind,
                warranty: self.warranty_months,
                plan: None,
                plan_start: self.plan_start,
                plan_end: self.plan_end,
                accepted: self.accepted,
                warranty_from: self.warranty_from,
                learned: self.learned,
                builder_knew: self.builder_knew,
                impairs: self.impairs_operation,
                rollover: self.holiday_rollover.then_some(RestDays {
                    saturday: matches!(self.rest_days, Some(RestArg::Saturday)),
                    closed: &[],
                }),
            },
            closed_days: self.closed_days,
            hours: self.hours,
            plan: self.plan,
            format: self.format.map(|f| match f {
                FormatArg::Table => OutputFormat::Report(Report::Table),
                FormatArg::Json => OutputFormat::Report(Report::Json),
                FormatArg::Markdown => OutputFormat::Report(Report::Markdown),
                FormatArg::Csv => OutputFormat::Data(DataFormat::Csv),
                FormatArg::Jsonl => OutputFormat::Data(DataFormat::Jsonl),
            }),
            explain: self.explain,
            exit_code: self.exit_code,
            batch: self.batch.map(|input| BatchRequest {
                input,
                input_format: self.input_format.map(data),
                output: self.output,
                rejects: self.rejects,
                columns: ColumnRules {
                    mapped: self.column,
                    passed: self.pass,
                    ..ColumnRules::default()
                },
                preset: self.preset,
                profile: self.profile,
                systems: self.systems,
                project_column: self.project_column,
                explain_columns: self.explain_columns,
                threads: self
                    .threads
                    .map_or_else(hoshu::batch::default_threads, usize::from),
                comments: self.comments,
                excel: match (self.excel, self.no_excel) {
                    (true, _) => Excel::Yes,
                    (_, true) => Excel::No,
                    _ => Excel::Auto,
                },
                output_encoding: match self.output_encoding {
                    None | Some(OutputEncodingArg::Utf8) => OutputEncoding::Utf8,
                    Some(OutputEncodingArg::ShiftJis) => OutputEncoding::ShiftJis,
                },
                result_names: match self.result_columns {
                    None => ResultNames::Auto,
                    Some(ResultColumnsArg::Ids) => ResultNames::Ids,
                    Some(ResultColumnsArg::Words) => ResultNames::Words,
                },
                encoding: match self.encoding {
                    EncodingArg::Auto => Encoding::Auto,
                    EncodingArg::Utf8 => Encoding::Utf8,
                    EncodingArg::ShiftJis => Encoding::ShiftJis,
                },
                fail_on: self
                    .fail_on
                    .iter()
                    .map(|v| match v {
                        VerdictArg::Billable => Verdict::Billable,
                        VerdictArg::Negotiate => Verdict::Negotiate,
                        VerdictArg::Covered => Verdict::Covered,
                    })
                    .collect(),
            }),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cli_debug_assert() {
        Cli::command().debug_assert();
    }

    /// The name a message gives a format is the one `--format` takes.
    #[test]
    fn quote_formats_are_named_as_the_flag_takes_them() {
        for f in Format::value_variants() {
            let flag = f.to_possible_value().expect("every format is listed");
            assert_eq!(f.name(), flag.get_name());
        }
    }
}
