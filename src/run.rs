//! The commands: read files, ask the clock, call the engines, render, write.
//! Exit codes and the report of errors are in `exit`, the writing of files
//! in `output`.

use anyhow::{Context, Result};
use chrono::NaiveDate;
use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::time::Instant;

pub use hoshu::batch::DataFormat;
use hoshu::batch::{self, BatchOptions, ColumnRules, Encoding, Outputs, Profile, Summary};
use hoshu::coverage::{self, Verdict};
use hoshu::file_error::{FileError, SizeLimit};
use hoshu::holidays::{ClosedDay, RestDays};
use hoshu::intake::{CaseInput, IntakeError};
use hoshu::quote::QuoteError;
use hoshu::rates::{DEFAULT_CARD, RateCard};
use hoshu::render::errors::Worded;
use hoshu::render::{self, CheckFormat, RatesFormat, Report, Style};
use hoshu::system::{CalendarFile, System};

use hoshu::firm::Firm;
use hoshu::lang::Lang;
use hoshu::register::Register;
use hoshu::render::catalogue::{self, Msg, Usage};
use hoshu::render::document::{DocumentInput, QuoteDocument};
use hoshu::render::quote::Format;

use crate::exit::{At, Exit, Invalid, say};
use crate::output::{Destination, OutputError, PendingFile};

pub enum Request {
    Quote(QuoteRequest),
    Check {
        file: Option<PathBuf>,
        profile: Option<PathBuf>,
        rates: Option<PathBuf>,
        format: CheckFormat,
    },
    Rates {
        format: RatesFormat,
        rates: Option<PathBuf>,
    },
    Classify(Box<ClassifyRequest>),
    Compare(CompareRequest),
    Diff(DiffRequest),
    /// Text made by the command line itself (completions, man pages).
    Print(Vec<u8>),
    /// `hoshu init firm`: the firm profile's template.
    InitFirm {
        output: Option<PathBuf>,
    },
    /// `hoshu register …`.
    Register(RegisterRequest),
    /// `hoshu invoice`.
    Invoice(InvoiceRequest),
}

/// `hoshu invoice --all`: where each contract's tickets are and its
/// invoice goes.
pub struct AllContracts {
    pub tickets_dir: Option<PathBuf>,
    /// With `--tickets`: the column that names each ticket's contract.
    pub project_column: Option<String>,
    pub output_dir: PathBuf,
}

/// `hoshu invoice`: a contract's month.
pub struct InvoiceRequest {
    /// One contract; none with `all`.
    pub contract: Option<String>,
    /// `--all`: every contract in force in the month.
    pub all: Option<AllContracts>,
    /// `--credit`: the credit note of this invoice.
    pub credit: Option<String>,
    /// The month; none with `credit`.
    pub month: Option<hoshu::invoice::Month>,
    pub tickets: Option<PathBuf>,
    pub date: Option<NaiveDate>,
    pub format: crate::cli::InvoiceFormat,
    pub output: Option<PathBuf>,
    pub firm: Option<PathBuf>,
    pub register: Option<PathBuf>,
    pub revises: Option<String>,
    pub internal: bool,
}

/// `hoshu register ACTION`: the register is `register`, else
/// `HOSHU_REGISTER`, else the firm profile's (`firm`, `HOSHU_FIRM`, the
/// config folder's).
pub enum RegisterRequest {
    Init {
        file: PathBuf,
    },
    List {
        register: Option<PathBuf>,
        firm: Option<PathBuf>,
        search: hoshu::register::Search,
        format: render::register::ListFormat,
    },
    Show {
        register: Option<PathBuf>,
        firm: Option<PathBuf>,
        number: String,
        output: Option<PathBuf>,
    },
    Cancel {
        register: Option<PathBuf>,
        firm: Option<PathBuf>,
        number: String,
        reason: String,
        date: Option<NaiveDate>,
    },
    Verify {
        register: Option<PathBuf>,
        firm: Option<PathBuf>,
    },
    Export {
        register: Option<PathBuf>,
        firm: Option<PathBuf>,
        dir: PathBuf,
        search: hoshu::register::Search,
    },
}

pub struct CompareRequest {
    pub file: PathBuf,
    pub plans: Vec<String>,
    pub budget: Option<hoshu::compare::Budget>,
    pub rates: Option<PathBuf>,
    pub date: Option<NaiveDate>,
    pub format: Report,
}

pub struct DiffRequest {
    pub old: PathBuf,
    pub new: PathBuf,
    pub plan: Option<String>,
    pub rates: Option<PathBuf>,
    pub date: Option<NaiveDate>,
    pub format: Report,
    pub gate: hoshu::diff::Gate,
    /// `--register`: a side that is no file is a number in it.
    pub register: Option<PathBuf>,
}

impl Request {
    /// Whether errors go to stderr as `hoshu.error.v1` JSON: `--format json`.
    pub fn json_errors(&self) -> bool {
        match self {
            Request::Quote(q) => q.format == Format::Json,
            Request::Check { format, .. } => *format == CheckFormat::Json,
            Request::Rates { format, .. } => *format == RatesFormat::Json,
            Request::Classify(c) => matches!(
                c.format,
                Some(OutputFormat::Report(Report::Json) | OutputFormat::Data(DataFormat::Jsonl))
            ),
            Request::Compare(c) => c.format == Report::Json,
            Request::Diff(d) => d.format == Report::Json,
            Request::Print(_) | Request::InitFirm { .. } => false,
            Request::Register(RegisterRequest::List { format, .. }) => {
                *format == render::register::ListFormat::Json
            }
            Request::Register(_) => false,
            Request::Invoice(i) => i.format == crate::cli::InvoiceFormat::Json,
        }
    }
}

pub struct QuoteRequest {
    pub file: PathBuf,
    pub plan: Option<String>,
    pub rates: Option<PathBuf>,
    pub date: Option<NaiveDate>,
    pub format: Format,
    pub output: Option<PathBuf>,
    pub firm: Option<PathBuf>,
    pub valid_days: Option<u32>,
    /// `--internal`: a copy for the firm.
    pub internal: bool,
    /// `hoshu issue`: numbered and recorded in the register.
    pub issue: Option<IssueRequest>,
}

/// What `hoshu issue` adds to a quote.
pub struct IssueRequest {
    /// `--register`; else `HOSHU_REGISTER`, else the firm profile's.
    pub register: Option<PathBuf>,
    /// `--revises NUMBER`: the next version of that document.
    pub revises: Option<String>,
}

pub struct ClassifyRequest {
    pub system: Option<PathBuf>,
    /// `--closed-days FILE`: the firm's own days off.
    pub closed_days: Option<PathBuf>,
    pub rates: Option<PathBuf>,
    /// The facts given as flags, but the plan's name.
    pub facts: CaseInput<'static>,
    /// `--plan`, owned here; `facts.plan` is left `None`.
    pub plan: Option<String>,
    pub format: Option<OutputFormat>,
    pub explain: bool,
    pub exit_code: bool,
    /// `--hours`: estimate a billable or negotiable case.
    pub hours: Option<hoshu::money::Hours>,
    pub batch: Option<BatchRequest>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OutputFormat {
    /// One case's report.
    Report(Report),
    /// A batch's rows.
    Data(DataFormat),
}

pub struct BatchRequest {
    pub input: PathBuf,
    pub input_format: Option<DataFormat>,
    pub output: Option<PathBuf>,
    pub rejects: Option<PathBuf>,
    pub columns: ColumnRules,
    /// `--preset NAME`.
    pub preset: Option<String>,
    /// `--profile FILE`.
    pub profile: Option<PathBuf>,
    /// `--systems DIR`: a system file per project.
    pub systems: Option<PathBuf>,
    /// `--project-column HEADER`.
    pub project_column: Option<String>,
    /// `--explain-columns`: say how the header is read, classify nothing.
    pub explain_columns: bool,
    /// `--threads`, or one per core.
    pub threads: usize,
    /// `--comments`: a ticket comment and an estimate on every row.
    pub comments: bool,
    /// `--excel`, `--no-excel`.
    pub excel: batch::Excel,
    pub output_encoding: batch::OutputEncoding,
    /// `--result-columns`.
    pub result_names: batch::ResultNames,
    pub encoding: Encoding,
    /// `--fail-on`: the verdicts that fail the run.
    pub fail_on: Vec<Verdict>,
}

pub fn run(request: Request, lang: Lang) -> Result<Exit> {
    match request {
        Request::Quote(q) => quote(q, lang),
        Request::Check {
            file,
            profile,
            rates,
            format,
        } => check(
            file.as_deref(),
            profile.as_deref(),
            rates.as_deref(),
            format,
            lang,
        ),
        Request::Rates { format, rates } => {
            let (card, source) = card(rates.as_deref())?;
            if format == RatesFormat::Json {
                write_stdout(render::rates::json(&card))?;
            } else {
                write_stdout(&source.text)?;
            }
            Ok(Exit::Success)
        }
        Request::Classify(c) => classify(*c, lang),
        Request::Register(r) => register(r, lang),
        Request::Invoice(i) => invoice(i, lang),
        Request::Compare(c) => compare(c, lang),
        Request::Diff(d) => diff(d, lang),
        Request::Print(bytes) => {
            write_stdout(bytes)?;
            Ok(Exit::Success)
        }
        Request::InitFirm { output } => init_firm(output.as_deref(), lang),
    }
}

/// firm.toml in the user's config folder (`~/.config/hoshu` on Linux).
fn config_firm() -> Option<PathBuf> {
    directories::ProjectDirs::from("", "", "hoshu").map(|d| d.config_dir().join("firm.toml"))
}

/// The firm profile: `--firm`, else `HOSHU_FIRM`, else the config folder's.
fn firm(flag: Option<&Path>) -> Result<Firm> {
    let path = flag
        .map(Path::to_owned)
        .or_else(|| {
            std::env::var_os("HOSHU_FIRM")
                .filter(|v| !v.is_empty())
                .map(PathBuf::from)
        })
        .or_else(|| config_firm().filter(|p| p.exists()));
    let Some(path) = path else {
        return Err(Invalid(Usage::NoFirm {
            config: config_firm().and_then(|p| p.parent().map(|d| d.display().to_string())),
        })
        .into());
    };
    let source = Source::read(&path)?;
    let firm = Firm::from_toml(&source.text, &source.origin)?;
    // The template's fictitious firm issues nothing.
    if firm.template {
        let template = Firm::from_toml(render::firm_template(Lang::En), "template")
            .expect("the template reads (tested)");
        return Err(Invalid(Usage::FirmIsTemplate {
            file: source.origin,
            keys: firm.keys_as_in(&template),
        })
        .into());
    }
    // The seal and logo, relative to the profile, read and checked now:
    // embedded as data, never fetched.
    let mut firm = firm;
    let dir = path.parent().map(Path::to_owned).unwrap_or_default();
    firm.register_path = firm.register.as_ref().map(|r| dir.join(r));
    firm.text = source.text.clone();
    for (key, name) in [("seal", firm.seal.clone()), ("logo", firm.logo.clone())] {
        let Some(name) = name else { continue };
        let file = dir.join(&name);
        let picture = hoshu::firm::Picture::read(&file).map_err(|problem| {
            Invalid(Usage::BadPicture {
                key,
                path: file.display().to_string(),
                problem,
            })
        })?;
        match key {
            "seal" => firm.seal_picture = Some(picture),
            _ => firm.logo_picture = Some(picture),
        }
    }
    Ok(firm)
}

/// Write the firm profile's template, never over a file.
fn init_firm(output: Option<&Path>, lang: Lang) -> Result<Exit> {
    // `-` is standard output, as for every --output.
    if output == Some(Path::new("-")) {
        write_stdout(render::firm_template(lang))?;
        return Ok(Exit::Success);
    }
    let path = match output {
        Some(p) => p.to_owned(),
        None => config_firm().ok_or(Invalid(Usage::NoConfigDir))?,
    };
    if path.symlink_metadata().is_ok() {
        return Err(Invalid(Usage::AlreadyThere {
            path: path.display().to_string(),
        })
        .into());
    }
    if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
        std::fs::create_dir_all(dir).with_context(|| At::File(dir.display().to_string()))?;
    }
    let mut file = PendingFile::create("--output", &path)?;
    file.write_all(render::firm_template(lang).as_bytes())
        .map_err(|cause| file.failed(cause))?;
    // Never over a file, even one made since the check above.
    file.commit_new()?;
    say(&catalogue::of(lang).say(&Msg::Wrote {
        path: &path.display().to_string(),
    }));
    Ok(Exit::Success)
}

/// Only the binary asks the clock.
fn today() -> NaiveDate {
    chrono::Local::now().date_naive()
}

fn style() -> Style {
    let color = std::io::stdout().is_terminal()
        && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
        && std::env::var_os("TERM").is_none_or(|t| t != "dumb");
    // On a terminal, its width (so no line is wider than the screen); in a
    // pipe or a file, COLUMNS or the plain width.
    let columns = std::env::var("COLUMNS").ok().and_then(|c| c.parse().ok());
    let width = if std::io::stdout().is_terminal() {
        comfy_table::Table::new().width().or(columns)
    } else {
        columns.or(Style::PLAIN.width)
    };
    Style { color, width }
}

fn write_stdout(bytes: impl AsRef<[u8]>) -> Result<()> {
    let mut out = crate::output::Stdout;
    out.write_all(bytes.as_ref())?;
    out.flush()?;
    Ok(())
}

/// A file's text and its name in messages, kept to point at a key later.
struct Source {
    text: String,
    origin: String,
}

impl Source {
    fn read(path: &Path) -> Result<Source> {
        Ok(Source {
            text: FileError::read(path)?,
            origin: path.display().to_string(),
        })
    }
}

fn card(rates: Option<&Path>) -> Result<(RateCard, Source)> {
    let source = match rates {
        Some(path) => Source::read(path)?,
        None => Source {
            text: DEFAULT_CARD.to_owned(),
            origin: catalogue::of(Lang::En)
                .text(catalogue::Text::DefaultCard)
                .to_owned(),
        },
    };
    Ok((RateCard::from_toml(&source.text, &source.origin)?, source))
}

/// The batch profile: `--profile FILE` (over the preset it names), else
/// `--preset NAME`, else none; with the file it was read from, if any.
fn profile(
    preset: Option<&str>,
    file: Option<&Path>,
    card: &RateCard,
) -> Result<Option<(Profile, Option<String>)>> {
    if let Some(path) = file {
        let source = Source::read(path)?;
        let profile = Profile::from_toml(&source.text, &source.origin)?;
        profile.check_against(card, &source.text, &source.origin)?;
        return Ok(Some((profile.with_preset(), Some(source.origin))));
    }
    Ok(preset.map(|name| {
        let profile = Profile {
            preset: Some(name.to_owned()),
            ..Profile::default()
        };
        (profile.with_preset(), None)
    }))
}

/// Every system file (`*.toml`) of a folder, by name, each checked on
/// its own and against the card.
fn systems(dir: &Path, card: &RateCard) -> Result<Vec<(PathBuf, System)>> {
    let unreadable = |e: std::io::Error| {
        Invalid(Usage::SystemsFolder {
            dir: dir.display().to_string(),
            detail: e.to_string(),
        })
    };
    let mut paths: Vec<PathBuf> = std::fs::read_dir(dir)
        .map_err(unreadable)?
        .map(|e| e.map(|e| e.path()).map_err(unreadable))
        .collect::<Result<_, _>>()?;
    paths.retain(|p| p.extension().is_some_and(|e| e == "toml") && p.is_file());
    paths.sort();
    if paths.is_empty() {
        return Err(Invalid(Usage::NoSystems {
            dir: dir.display().to_string(),
        })
        .into());
    }
    paths
        .into_iter()
        .map(|p| system(&p, card).map(|(s, _)| (p, s)))
        .collect()
}

/// A system file, checked on its own and against the card.
fn system(path: &Path, card: &RateCard) -> Result<(System, Source)> {
    let source = Source::read(path)?;
    Ok((system_of(&source, card)?, source))
}

/// A system description read, checked on its own and against the card.
fn system_of(source: &Source, card: &RateCard) -> Result<System> {
    Ok(System::from_toml_against(
        &source.text,
        &source.origin,
        card,
    )?)
}

/// What depends on the quote date: the card is in effect, and nobody
/// maintained the system after it.
fn check_dated(
    date: NaiveDate,
    card: (&RateCard, &Source),
    system: (&System, &Source),
) -> Result<()> {
    card.0.check_dated(date, &card.1.text, &card.1.origin)?;
    system
        .0
        .check_dated(date, &system.1.text, &system.1.origin)?;
    Ok(())
}

/// The plan to price: `--plan`, else the file's [maintenance] plan, else
/// `standard`.
fn plan_of<'a>(flag: Option<&'a str>, system: &'a System) -> &'a str {
    flag.or(system.maintenance.as_ref().and_then(|m| m.plan.as_deref()))
        .unwrap_or("standard")
}

/// How long to wait for another writer of the register:
/// `HOSHU_REGISTER_WAIT` seconds, else 120.
fn register_wait() -> Result<std::time::Duration> {
    Ok(crate::pdf::seconds(
        "HOSHU_REGISTER_WAIT",
        hoshu::register::WAIT.as_secs(),
    )?)
}

/// The register at `path`, waiting for another writer as long as told.
fn open_at(path: &Path) -> Result<Register> {
    Ok(Register::open_waiting(path, register_wait()?)?)
}

/// The register of a `hoshu register` action: the flag, the environment,
/// else a firm profile's, if one is found (none found is no error here).
fn open_register(flag: Option<&Path>, firm_flag: Option<&Path>) -> Result<Register> {
    let profile = if register_named(flag).is_none() {
        let found = firm_flag.is_some()
            || std::env::var_os("HOSHU_FIRM").is_some()
            || config_firm().is_some_and(|p| p.exists());
        if found { Some(firm(firm_flag)?) } else { None }
    } else {
        None
    };
    open_at(&register_path(flag, profile.as_ref())?)
}

fn register(r: RegisterRequest, lang: Lang) -> Result<Exit> {
    let cat = catalogue::of(lang);
    match r {
        RegisterRequest::Init { file } => {
            Register::create_waiting(&file, register_wait()?)?;
            say(&cat.say(&Msg::RegisterMade {
                path: &file.display().to_string(),
            }));
        }
        RegisterRequest::List {
            register,
            firm,
            search,
            format,
        } => {
            let register = open_register(register.as_deref(), firm.as_deref())?;
            let records = register.search(&search)?;
            let text = render::register::list(&records, format, lang, style().width);
            write_stdout(text)?;
        }
        RegisterRequest::Show {
            register,
            firm,
            number,
            output,
        } => {
            let register = open_register(register.as_deref(), firm.as_deref())?;
            let inputs = given([Some(register.path())]);
            let destination = Destination::open("--output", output.as_deref(), &inputs)?;
            let issued = register.issued(&number)?;
            let format = issued.record.format.as_str();
            let binary = matches!(format, "pdf" | "xlsx");
            if binary && destination.is_terminal() {
                return Err(Invalid(Usage::BinaryToTerminal {
                    format: if format == "pdf" { "pdf" } else { "xlsx" },
                })
                .into());
            }
            let bytes = if format == "pdf" {
                // Printed again from the HTML it was printed from.
                let browser = crate::pdf::browser()?;
                crate::pdf::print(&browser, &issued.document)?
            } else {
                issued.document
            };
            warn(destination.put(&bytes)?, lang);
        }
        RegisterRequest::Cancel {
            register,
            firm: firm_flag,
            number,
            reason,
            date,
        } => {
            let mut register = open_register(register.as_deref(), firm_flag.as_deref())?;
            let date = date.unwrap_or_else(today);
            let (years, fiscal_year_end) = match firm(firm_flag.as_deref()) {
                Ok(f) => f.retention(),
                Err(_) => (7, (3, 31)),
            };
            let record = register.cancel(
                &number,
                &reason,
                date,
                hoshu::register::retain_until(date, years, fiscal_year_end),
                chrono::Utc::now(),
            )?;
            say(&cat.say(&Msg::Cancelled {
                number: &record.number,
            }));
        }
        RegisterRequest::Export {
            register,
            firm,
            dir,
            search,
        } => {
            let register = open_register(register.as_deref(), firm.as_deref())?;
            let records: Vec<_> = register
                .search(&search)?
                .into_iter()
                .filter(|r| r.kind == hoshu::register::Kind::Quote)
                .collect();
            // A PDF is printed again from its HTML: the browser first.
            let browser = if records.iter().any(|r| r.format == "pdf") {
                Some(crate::pdf::browser()?)
            } else {
                None
            };
            std::fs::create_dir_all(&dir).with_context(|| At::File(dir.display().to_string()))?;
            let inputs = given([Some(register.path())]);
            let mut names = Vec::with_capacity(records.len());
            for record in &records {
                let issued = register.issued(&record.number)?;
                let name = render::register::file_name(record);
                let bytes = match &browser {
                    Some(browser) if record.format == "pdf" => {
                        crate::pdf::print(browser, &issued.document)?
                    }
                    _ => issued.document,
                };
                let path = dir.join(&name);
                warn(
                    Destination::open("--output", Some(&path), &inputs)?.put(&bytes)?,
                    lang,
                );
                names.push(name);
            }
            let index = dir.join("index.csv");
            warn(
                Destination::open("--output", Some(&index), &inputs)?
                    .put(&render::register::index(&records, &names, lang))?,
                lang,
            );
            say(&cat.say(&Msg::Exported {
                documents: records.len(),
                dir: &dir.display().to_string(),
            }));
        }
        RegisterRequest::Verify { register, firm } => {
            let register = open_register(register.as_deref(), firm.as_deref())?;
            match register.verify()? {
                hoshu::register::Verified::Intact { records, tip } => {
                    write_stdout(format!(
                        "{}\n",
                        cat.say(&Msg::RegisterIntact {
                            path: &register.path().display().to_string(),
                            records,
                            tip: tip.as_deref(),
                        })
                    ))?;
                }
                hoshu::register::Verified::Broken { seq, number, why } => {
                    return Err(
                        hoshu::register::RegisterError::Tampered { seq, number, why }.into(),
                    );
                }
            }
        }
    }
    Ok(Exit::Success)
}

/// What every invoice of a run shares.
struct InvoiceRun<'a> {
    firm: &'a Firm,
    browser: Option<&'a PathBuf>,
    month: hoshu::invoice::Month,
    date: NaiveDate,
    format: crate::cli::InvoiceFormat,
    internal: bool,
    lang: Lang,
}

/// The invoice of `contract` for the run's month, recorded; the record and
/// the bytes to send.
/// A contract's tickets: none, a file of its own, or its rows of a file
/// shared by every contract (with the file's text, to record).
enum TicketsFor<'a> {
    None,
    File(&'a Path),
    Rows(&'a str, Vec<hoshu::invoice::Ticket>),
}

/// A ticket file's tickets, read with the result words of every language;
/// its errors name the file.
fn read_tickets(
    path: &Path,
    project: Option<&str>,
) -> Result<(String, Vec<hoshu::invoice::Ticket>)> {
    let bytes = FileError::read_bytes(path, hoshu::file_error::SizeLimit::Tickets)?;
    let text = hoshu::invoice::tickets::decode(&bytes)
        .ok_or_else(|| FileError::NotText {
            origin: path.display().to_string(),
            shift_jis: true,
        })?
        .into_owned();
    let jsonl = path.extension().is_some_and(|e| e == "jsonl");
    let words: Vec<_> = Lang::ALL
        .iter()
        .map(|l| render::batch::result_words(*l))
        .collect();
    let read = hoshu::invoice::tickets::read(&text, jsonl, &words, project)
        .map_err(|e| anyhow::Error::new(e).context(At::File(path.display().to_string())))?;
    Ok((text, read))
}

fn invoice_one(
    run: &InvoiceRun,
    register: &mut Register,
    contract_number: &str,
    tickets_for: TicketsFor,
    revises: Option<&str>,
) -> Result<(hoshu::register::Record, Vec<u8>)> {
    use hoshu::invoice::Contract;
    let InvoiceRun {
        firm,
        browser,
        month,
        date,
        format,
        internal,
        lang,
    } = *run;
    // The contract: an issued quote, not cancelled.
    let issued = register.issued(contract_number)?;
    if issued.record.kind != hoshu::register::Kind::Quote {
        return Err(hoshu::invoice::InvoiceError::NotAContract {
            number: contract_number.to_owned(),
        }
        .into());
    }
    if issued.record.cancelled {
        return Err(hoshu::invoice::InvoiceError::ContractCancelled {
            number: contract_number.to_owned(),
        }
        .into());
    }
    let contract_inputs: serde_json::Value =
        serde_json::from_str(&issued.inputs).unwrap_or_default();
    let system_text = contract_inputs["system"].as_str().unwrap_or_default();
    let contract = Contract::from_issued(
        contract_number,
        issued.record.issued,
        &issued.quote_json,
        system_text,
    )?;
    // The contract's own card prices the hours.
    let card = match contract_inputs["rates"].as_str() {
        Some(text) => RateCard::from_toml(text, contract_number)?,
        None => RateCard::default_card(),
    };
    let (ticket_text, tickets) = match tickets_for {
        TicketsFor::File(path) => {
            let (text, read) = read_tickets(path, None)?;
            (Some(text), read)
        }
        TicketsFor::Rows(text, rows) => (Some(text.to_owned()), rows),
        TicketsFor::None => (None, Vec::new()),
    };
    let invoice = hoshu::invoice::invoice(
        &contract,
        month,
        &tickets,
        card.extra_work.hourly.0,
        firm.invoice_lines,
        firm.payment_terms(),
        date,
    )?;
    let (years, fiscal_year_end) = firm.retention();
    let (pattern, revision) = (firm.invoice_pattern(), firm.revision_pattern());
    let code = contract.customer_code.clone().unwrap_or_default();
    if pattern.needs_code() && contract.customer_code.is_none() {
        return Err(hoshu::invoice::InvoiceError::NeedsCode {
            number: contract_number.to_owned(),
        }
        .into());
    }
    let mut sent = Vec::new();
    let record = register.issue_invoice(
        contract_number,
        &month.to_string(),
        hoshu::register::Numbered {
            date,
            pattern: &pattern,
            revision: &revision,
            revises,
            code: &code,
        },
        |number, version| -> Result<hoshu::register::NewDocument> {
            let doc = render::invoice::InvoiceDocument {
                invoice: &invoice,
                firm,
                number,
                version,
                lang,
                internal,
            };
            let json = render::invoice::json(&doc);
            let document = doc.render(format.document(), &json).map_err(Invalid)?;
            let pdf_sha256;
            (sent, pdf_sha256) = to_send(browser, &document)?;
            Ok(hoshu::register::NewDocument {
                issued: date,
                customer: invoice.customer.clone(),
                amount: invoice.total.0,
                system: invoice.system.clone(),
                plan: issued.record.plan.clone(),
                quote_id: issued.record.quote_id.clone(),
                inputs: serde_json::json!({
                    "contract": contract_number,
                    "month": month.to_string(),
                    "tickets": ticket_text,
                    "date": date,
                    "firm": firm.text,
                    "internal": internal,
                    "lang": lang.code(),
                })
                .to_string(),
                quote_json: json,
                format: format.document().name().to_owned(),
                pdf_sha256,
                document,
                retain_until: hoshu::register::retain_until(date, years, fiscal_year_end),
                recorded_at: chrono::Utc::now(),
                kind: hoshu::register::Kind::Invoice,
                contract: Some(contract_number.to_owned()),
                period: Some(month.to_string()),
            })
        },
    )??;
    Ok((record, sent))
}

/// The bytes to send of a document: printed to PDF by `browser` when
/// given, with the PDF's hash to record beside the HTML it was printed
/// from; else the document itself.
fn to_send(browser: Option<&PathBuf>, document: &[u8]) -> Result<(Vec<u8>, Option<String>)> {
    Ok(match browser {
        Some(browser) => {
            let pdf = crate::pdf::print(browser, document)?;
            let hash = hoshu::register::sha256_hex(&pdf);
            (pdf, Some(hash))
        }
        None => (document.to_vec(), None),
    })
}

/// What a credit note's run is given.
struct CreditRun<'a> {
    firm: &'a Firm,
    browser: Option<&'a PathBuf>,
    date: NaiveDate,
    format: crate::cli::InvoiceFormat,
    lang: Lang,
}

/// The credit note (返還インボイス) of the cancelled invoice `number`,
/// recorded; the record and the bytes to send.
fn credit_one(
    run: &CreditRun,
    register: &mut Register,
    number: &str,
    revises: Option<&str>,
) -> Result<(hoshu::register::Record, Vec<u8>)> {
    use hoshu::invoice::InvoiceError;
    let CreditRun {
        firm,
        browser,
        date,
        format,
        lang,
    } = *run;
    let issued = register.issued(number)?;
    if issued.record.kind != hoshu::register::Kind::Invoice {
        return Err(InvoiceError::NotAnInvoice {
            number: number.to_owned(),
        }
        .into());
    }
    if !issued.record.cancelled {
        return Err(InvoiceError::NotCancelled {
            number: number.to_owned(),
        }
        .into());
    }
    // The invoice as the register holds it, checked before it is returned.
    let invoice: hoshu::invoice::Invoice =
        serde_json::from_str(&issued.quote_json).map_err(|_| InvoiceError::DoesNotAddUp {
            number: number.to_owned(),
        })?;
    let reason = register
        .search(&hoshu::register::Search {
            kind: Some(hoshu::register::Kind::Cancel),
            ..Default::default()
        })?
        .into_iter()
        .rev()
        .find(|r| r.number == number)
        .and_then(|r| r.reason);
    let credit = hoshu::invoice::credit(&invoice, number, issued.record.issued, reason, date)?;
    let (years, fiscal_year_end) = firm.retention();
    let (pattern, revision) = (firm.credit_pattern(), firm.revision_pattern());
    let mut sent = Vec::new();
    let month = invoice.month.to_string();
    let record = register.issue_credit(
        number,
        &month,
        hoshu::register::Numbered {
            date,
            pattern: &pattern,
            revision: &revision,
            revises,
            code: "",
        },
        |credit_number, version| -> Result<hoshu::register::NewDocument> {
            let doc = render::invoice::CreditDocument {
                credit: &credit,
                firm,
                number: credit_number,
                version,
                lang,
            };
            let json = render::invoice::credit_json(&doc);
            let document = doc.render(format.document(), &json).map_err(Invalid)?;
            let pdf_sha256;
            (sent, pdf_sha256) = to_send(browser, &document)?;
            Ok(hoshu::register::NewDocument {
                issued: date,
                customer: credit.customer.clone(),
                // What the customer is owed back.
                amount: -credit.total.0,
                system: credit.system.clone(),
                plan: issued.record.plan.clone(),
                quote_id: issued.record.quote_id.clone(),
                inputs: serde_json::json!({
                    "credits": number,
                    "date": date,
                    "firm": firm.text,
                    "lang": lang.code(),
                })
                .to_string(),
                quote_json: json,
                format: format.document().name().to_owned(),
                pdf_sha256,
                document,
                retain_until: hoshu::register::retain_until(date, years, fiscal_year_end),
                recorded_at: chrono::Utc::now(),
                kind: hoshu::register::Kind::Credit,
                contract: Some(number.to_owned()),
                period: Some(month.clone()),
            })
        },
    )??;
    Ok((record, sent))
}

fn invoice(i: InvoiceRequest, lang: Lang) -> Result<Exit> {
    use crate::cli::InvoiceFormat;
    let inputs = given([i.tickets.as_deref(), i.firm.as_deref()]);
    let destination = match &i.all {
        Some(_) => None,
        None => Some(Destination::open("--output", i.output.as_deref(), &inputs)?),
    };
    let binary = matches!(i.format, InvoiceFormat::Pdf | InvoiceFormat::Xlsx);
    if binary && destination.as_ref().is_some_and(|d| d.is_terminal()) {
        return Err(Invalid(Usage::BinaryToTerminal {
            format: i.format.document().name(),
        })
        .into());
    }
    let firm = firm(i.firm.as_deref())?;
    if firm.registration.is_none() {
        return Err(Invalid(Usage::NeedsRegistration).into());
    }
    warn_pictures(i.format == InvoiceFormat::Xlsx, Some(&firm), lang);
    let browser = if i.format == InvoiceFormat::Pdf {
        Some(crate::pdf::browser()?)
    } else {
        None
    };
    let mut register = open_at(&register_path(i.register.as_deref(), Some(&firm))?)?;
    let date = i.date.unwrap_or_else(today);
    if let Some(invoice) = &i.credit {
        let destination = destination.expect("--credit is not --all (clap)");
        let credit = CreditRun {
            firm: &firm,
            browser: browser.as_ref(),
            date,
            format: i.format,
            lang,
        };
        let (record, sent) = credit_one(&credit, &mut register, invoice, i.revises.as_deref())?;
        let to_stdout = destination.is_stdout();
        warn(destination.put(&sent)?, lang);
        tell_number(&record, to_stdout, lang);
        return Ok(Exit::Success);
    }
    let run = InvoiceRun {
        firm: &firm,
        browser: browser.as_ref(),
        month: i.month.expect("--month unless --credit (clap)"),
        date,
        format: i.format,
        internal: i.internal,
        lang,
    };
    let (Some(destination), Some(contract)) = (destination, &i.contract) else {
        let all = i.all.as_ref().expect("--all or --contract (clap)");
        return invoice_all(&run, &mut register, all, i.tickets.as_deref(), lang);
    };
    let tickets = match i.tickets.as_deref() {
        Some(path) => TicketsFor::File(path),
        None => TicketsFor::None,
    };
    let (record, sent) = invoice_one(&run, &mut register, contract, tickets, i.revises.as_deref())?;
    let to_stdout = destination.is_stdout();
    warn(destination.put(&sent)?, lang);
    tell_number(&record, to_stdout, lang);
    Ok(Exit::Success)
}

/// The number a document was issued as: on stdout for a script, said in
/// words on stderr when the document itself went to stdout.
fn tell_number(record: &hoshu::register::Record, to_stdout: bool, lang: Lang) {
    if to_stdout {
        say(&catalogue::of(lang).say(&Msg::Issued {
            number: &record.number,
            version: record.version,
        }));
    } else {
        println!("{}", record.number);
    }
}

/// Every contract in force in the month: the latest version of each
/// issued quote that is not cancelled, invoiced unless outside its term or
/// invoiced already (each said); a summary and the total.
fn invoice_all(
    run: &InvoiceRun,
    register: &mut Register,
    all: &AllContracts,
    shared: Option<&Path>,
    lang: Lang,
) -> Result<Exit> {
    let quotes = register.search(&hoshu::register::Search {
        kind: Some(hoshu::register::Kind::Quote),
        ..hoshu::register::Search::default()
    })?;
    // The latest version of each document.
    let mut latest: Vec<&hoshu::register::Record> = Vec::new();
    for q in &quotes {
        match latest.iter_mut().find(|l| l.base == q.base) {
            Some(l) if l.version < q.version => *l = q,
            Some(_) => {}
            None => latest.push(q),
        }
    }
    let contracts: Vec<&hoshu::register::Record> =
        latest.into_iter().filter(|q| !q.cancelled).collect();
    // One file for every contract: each row to the contract its project
    // names, every row to one, before anything is issued.
    let shared = match shared {
        Some(path) => {
            if all.project_column.is_none() {
                return Err(Invalid(Usage::NeedsProjectColumn).into());
            }
            let (text, rows) = read_tickets(path, all.project_column.as_deref())?;
            let names = |c: &hoshu::register::Record| {
                [
                    Some(&c.system),
                    c.customer.as_ref(),
                    Some(&c.number),
                    Some(&c.base),
                ]
                .into_iter()
                .flatten()
                .map(|n| n.trim().to_lowercase())
                .collect::<Vec<_>>()
            };
            let mut split: Vec<Vec<hoshu::invoice::Ticket>> = vec![Vec::new(); contracts.len()];
            for row in rows {
                let project = row.project.clone().unwrap_or_default();
                let key = project.trim().to_lowercase();
                let Some(i) = contracts.iter().position(|c| names(c).contains(&key)) else {
                    return Err(anyhow::Error::new(
                        hoshu::invoice::tickets::TicketsError::UnknownProject {
                            line: row.line,
                            got: project,
                        },
                    )
                    .context(At::File(path.display().to_string())));
                };
                split[i].push(row);
            }
            Some((text, split))
        }
        None => None,
    };
    std::fs::create_dir_all(&all.output_dir)
        .with_context(|| At::File(all.output_dir.display().to_string()))?;
    let register_file = register.path().to_owned();
    let inputs = given([Some(register_file.as_path())]);
    let mut rows = Vec::new();
    for (i, contract) in contracts.iter().enumerate() {
        let own = all.tickets_dir.as_ref().and_then(|dir| {
            [&contract.base, &contract.number]
                .iter()
                .flat_map(|n| ["csv", "jsonl"].map(|ext| dir.join(format!("{n}.{ext}"))))
                .find(|p| p.is_file())
        });
        let tickets = match (&shared, &own) {
            (Some((text, split)), _) => TicketsFor::Rows(text, split[i].clone()),
            (None, Some(path)) => TicketsFor::File(path),
            (None, None) => TicketsFor::None,
        };
        match invoice_one(run, register, &contract.number, tickets, None) {
            Ok((record, sent)) => {
                let path = all.output_dir.join(render::register::file_name(&record));
                warn(
                    Destination::open("--output-dir", Some(&path), &inputs)?.put(&sent)?,
                    lang,
                );
                rows.push(render::invoice::Outcome::Issued {
                    contract: contract.number.clone(),
                    customer: record.customer.clone(),
                    number: record.number,
                    amount: record.amount,
                });
            }
            Err(e) => {
                // Outside the term, or invoiced already: said and skipped.
                let skipped = matches!(
                    e.downcast_ref::<hoshu::invoice::InvoiceError>(),
                    Some(hoshu::invoice::InvoiceError::OutOfTerm { .. })
                ) || matches!(
                    e.downcast_ref::<hoshu::register::RegisterError>(),
                    Some(hoshu::register::RegisterError::Invoiced { .. })
                );
                if !skipped {
                    return Err(e.context(At::File(contract.number.clone())));
                }
                rows.push(render::invoice::Outcome::Skipped {
                    contract: contract.number.clone(),
                    customer: contract.customer.clone(),
                    reason: crate::exit::message(&e, lang),
                });
            }
        }
    }
    write_stdout(render::invoice::summary(&rows, lang, style().width))?;
    Ok(Exit::Success)
}

/// A worksheet holds PNG and JPEG pictures, not SVG: said, not hidden.
fn warn_pictures(xlsx: bool, firm: Option<&Firm>, lang: Lang) {
    let Some(firm) = firm.filter(|_| xlsx) else {
        return;
    };
    for (key, picture) in [("seal", &firm.seal_picture), ("logo", &firm.logo_picture)] {
        if picture
            .as_ref()
            .is_some_and(|p| p.kind == hoshu::firm::PictureKind::Svg)
        {
            say(&format!(
                "{}: {}",
                catalogue::of(lang).text(catalogue::Text::Warning),
                catalogue::of(lang).say(&Msg::SvgNotInXlsx { key })
            ));
        }
    }
}

/// The register the command line names: `--register`, else
/// `HOSHU_REGISTER`.
fn register_named(flag: Option<&Path>) -> Option<PathBuf> {
    flag.map(Path::to_owned).or_else(|| {
        std::env::var_os("HOSHU_REGISTER")
            .filter(|v| !v.is_empty())
            .map(PathBuf::from)
    })
}

/// The register: the one named ([`register_named`]), else the firm
/// profile's `register` (beside the profile).
fn register_path(flag: Option<&Path>, firm: Option<&Firm>) -> Result<PathBuf> {
    register_named(flag)
        .or_else(|| firm.and_then(|f| f.register_path.clone()))
        .ok_or_else(|| Invalid(Usage::NoRegister).into())
}

fn quote(q: QuoteRequest, lang: Lang) -> Result<Exit> {
    // Everything that can fail without pricing fails first: where the
    // output goes, the firm profile, the browser.
    let inputs = given([
        Some(q.file.as_path()),
        q.rates.as_deref(),
        q.firm.as_deref(),
    ]);
    let destination = Destination::open("--output", q.output.as_deref(), &inputs)?;
    let to_terminal = destination.is_terminal();
    if q.format.is_binary() && to_terminal {
        return Err(Invalid(Usage::BinaryToTerminal {
            format: q.format.name(),
        })
        .into());
    }
    // A document issued into the register names its issuer, whatever the
    // format.
    let firm = if q.format.is_document() || q.issue.is_some() {
        Some(firm(q.firm.as_deref())?)
    } else {
        None
    };
    let mut register = match &q.issue {
        Some(issue) => Some(open_at(&register_path(
            issue.register.as_deref(),
            firm.as_ref(),
        )?)?),
        None => None,
    };
    let browser = if q.format == Format::Pdf {
        Some(crate::pdf::browser()?)
    } else {
        None
    };

    let (card, card_source) = card(q.rates.as_deref())?;
    let (system, system_source) = system(&q.file, &card)?;
    // A 見積書 is addressed to someone.
    if q.format.is_document() && system.customer.is_none() {
        FileError::check(
            &system_source.origin,
            &system_source.text,
            vec![(
                hoshu::key_path!["customer"],
                hoshu::file_error::KeyProblem::NeedsCustomer,
            )],
        )?;
    }
    let plan = plan_of(q.plan.as_deref(), &system);
    let date = q.date.unwrap_or_else(today);
    check_dated(date, (&card, &card_source), (&system, &system_source))?;
    let quote =
        hoshu::quote::quote(&system, &card, plan, date).map_err(|e| match (&e, &q.plan) {
            (QuoteError::UnknownPlan { .. }, Some(_)) => {
                anyhow::Error::new(e).context(At::Flag("--plan"))
            }
            (QuoteError::UnknownPlan { .. }, None) => {
                anyhow::Error::new(e).context(Invalid(Usage::DefaultPlan))
            }
            _ => anyhow::Error::new(e).context(Invalid(Usage::CannotPrice {
                file: q.file.display().to_string(),
            })),
        })?;
    let style = if destination.is_stdout() {
        style()
    } else {
        Style::PLAIN
    };
    // The document, numbered by the register or by its quote id; for a
    // PDF, the HTML to print.
    let render_as = |issued: Option<(&str, u32)>| -> Result<Vec<u8>> {
        let doc = QuoteDocument::new(DocumentInput {
            quote: &quote,
            system: &system,
            firm: firm.as_ref(),
            valid_days: q.valid_days,
            lang,
            internal: q.internal,
            issued,
        });
        Ok(render::quote::render(&doc, q.format, style).map_err(Invalid)?)
    };
    let print = |html: &[u8]| -> Result<Vec<u8>> { Ok(to_send(browser.as_ref(), html)?.0) };
    let (bytes, issued) = match (&mut register, &q.issue, &firm) {
        (Some(register), Some(issue), Some(firm)) => {
            let (years, fiscal_year_end) = firm.retention();
            let mut sent = Vec::new();
            let (pattern, revision) = (firm.quote_pattern(), firm.revision_pattern());
            let code = system.quote.as_ref().and_then(|t| t.customer_code.clone());
            if pattern.needs_code() && code.is_none() {
                FileError::check(
                    &system_source.origin,
                    &system_source.text,
                    vec![(
                        hoshu::key_path!["quote", "customer_code"],
                        hoshu::file_error::KeyProblem::NeedsCode,
                    )],
                )?;
            }
            let code = code.unwrap_or_default();
            let record = register.issue(
                hoshu::register::Numbered {
                    date,
                    pattern: &pattern,
                    revision: &revision,
                    revises: issue.revises.as_deref(),
                    code: &code,
                },
                |number, version| -> Result<hoshu::register::NewDocument> {
                    let document = render_as(Some((number, version)))?;
                    let pdf_sha256;
                    (sent, pdf_sha256) = to_send(browser.as_ref(), &document)?;
                    Ok(hoshu::register::NewDocument {
                        issued: date,
                        customer: quote.customer.clone(),
                        amount: quote.first_year.total.0,
                        system: quote.system.clone(),
                        plan: quote.plan.clone(),
                        quote_id: quote.quote_id.clone(),
                        inputs: serde_json::json!({
                            "system_file": system_source.origin,
                            "system": system_source.text,
                            "rate_card": { "name": card.name, "version": card.version },
                            "rates": q.rates.as_ref().map(|_| &card_source.text),
                            "firm": firm.text,
                            "plan": plan,
                            "date": date,
                            "valid_days": q.valid_days,
                            "internal": q.internal,
                            "lang": lang.code(),
                        })
                        .to_string(),
                        quote_json: render::quote::json_issued(
                            &quote,
                            lang,
                            Some((number, version)),
                        ),
                        format: q.format.name().to_owned(),
                        document,
                        pdf_sha256,
                        retain_until: hoshu::register::retain_until(date, years, fiscal_year_end),
                        recorded_at: chrono::Utc::now(),
                        kind: hoshu::register::Kind::Quote,
                        contract: None,
                        period: None,
                    })
                },
            )??;
            (sent, Some(record))
        }
        _ => (print(&render_as(None)?)?, None),
    };
    warn_pictures(q.format == Format::Xlsx, firm.as_ref(), lang);
    let to_stdout = destination.is_stdout();
    warn(destination.put(&bytes)?, lang);
    if let Some(record) = issued {
        tell_number(&record, to_stdout, lang);
    }
    Ok(Exit::Success)
}

fn compare(c: CompareRequest, lang: Lang) -> Result<Exit> {
    let (card, card_source) = card(c.rates.as_deref())?;
    let (system, system_source) = system(&c.file, &card)?;
    let date = c.date.unwrap_or_else(today);
    check_dated(date, (&card, &card_source), (&system, &system_source))?;
    let comparison = hoshu::compare::compare(&system, &card, &c.plans, date, c.budget)
        .map_err(|e| anyhow::Error::new(e).context(At::Flag("--plans")))?;
    let text = match c.format {
        Report::Table => render::compare::table(&comparison, style(), lang),
        Report::Json => render::compare::json(&comparison),
        Report::Markdown => render::compare::markdown(&comparison, lang),
    };
    write_stdout(text)?;
    Ok(Exit::Success)
}

/// One side of a diff: a saved quote (JSON) or a system file quoted now.
fn diff_side(
    path: &Path,
    d: &DiffRequest,
    card: &RateCard,
    card_source: &Source,
    lang: Lang,
) -> Result<hoshu::diff::Side> {
    // A saved quote may be much larger than a system file.
    let text = FileError::read_up_to(path, SizeLimit::SavedQuote)?;
    if text
        .trim_start_matches('\u{feff}')
        .trim_start()
        .starts_with('{')
    {
        return Ok(hoshu::diff::Side::from_json(
            &path.display().to_string(),
            &text,
        )?);
    }
    if text.len() as u64 > hoshu::file_error::MAX_INPUT {
        return Err(FileError::TooLarge {
            origin: path.display().to_string(),
            limit: SizeLimit::Toml,
        }
        .into());
    }
    let source = Source {
        text,
        origin: path.display().to_string(),
    };
    let label = &source.origin;
    let system = system_of(&source, card)?;
    let date = d.date.unwrap_or_else(today);
    check_dated(date, (card, card_source), (&system, &source))?;
    let q = hoshu::quote::quote(&system, card, plan_of(d.plan.as_deref(), &system), date)
        .map_err(|e| anyhow::Error::new(e).context(At::File(label.clone())))?;
    Ok(hoshu::diff::Side::from_quote(label, &q, |why| {
        catalogue::of(lang).item(why)
    }))
}

fn diff(d: DiffRequest, lang: Lang) -> Result<Exit> {
    let (card, card_source) = card(d.rates.as_deref())?;
    // A side that is no file is a document number in the register, when
    // one is named: its quote as issued, checked as any saved quote.
    let register = match register_named(d.register.as_deref()) {
        Some(path) if !(d.old.exists() && d.new.exists()) => Some(open_at(&path)?),
        _ => None,
    };
    let side = |path: &Path| -> Result<hoshu::diff::Side> {
        // A missing `.toml` or `.json` is a missing file, said as one.
        let a_number =
            !path.exists() && path.extension().is_none_or(|e| e != "toml" && e != "json");
        match &register {
            Some(register) if a_number => {
                let number = path.to_string_lossy();
                let issued = register.issued(&number)?;
                Ok(hoshu::diff::Side::from_json(&number, &issued.quote_json)?)
            }
            _ => diff_side(path, &d, &card, &card_source, lang),
        }
    };
    let old = side(&d.old)?;
    let new = side(&d.new)?;
    let result = hoshu::diff::diff(&old, &new);
    let gates = d.gate.checks(&result);
    let text = match d.format {
        Report::Table => render::diff::table(&result, style(), lang),
        Report::Json => render::diff::json(&result, &gates),
        Report::Markdown => render::diff::markdown(&result, lang),
    };
    write_stdout(text)?;
    let tripped: Vec<_> = gates.iter().filter(|g| g.tripped).collect();
    for g in &tripped {
        say(&render::diff::gate_tripped(g, lang));
    }
    Ok(if tripped.is_empty() {
        Exit::Success
    } else {
        Exit::Billable
    })
}

fn check(
    file: Option<&Path>,
    profile_file: Option<&Path>,
    rates: Option<&Path>,
    format: CheckFormat,
    lang: Lang,
) -> Result<Exit> {
    let (card, _) = card(rates)?;
    let system = file.map(|f| system(f, &card)).transpose()?;
    let profile = profile(None, profile_file, &card)?;
    let counts = |p: &Profile| {
        let rules = p.read();
        (
            rules.columns.may_map.len(),
            p.values.values().map(|m| m.len()).sum::<usize>(),
            rules.defaults.len(),
        )
    };
    let text = if format == CheckFormat::Json {
        let mut json = serde_json::json!({
            "schema": "hoshu.check.v1",
            "rate_card": {"name": card.name, "version": card.version},
        });
        if let (Some(file), Some((system, _))) = (file, &system) {
            json["file"] = file.display().to_string().into();
            json["system"] = system.name.clone().into();
        }
        if let Some((p, Some(origin))) = &profile {
            let (headers, values, defaults) = counts(p);
            json["profile"] = serde_json::json!({
                "file": origin,
                "preset": p.preset,
                "headers": headers,
                "values": values,
                "defaults": defaults,
            });
        }
        let mut text = json.to_string();
        text.push('\n');
        text
    } else {
        let mut text = String::new();
        if let (Some(file), Some((system, _))) = (file, &system) {
            text += &catalogue::of(lang).say(&Msg::CheckOk {
                file: &file.display().to_string(),
                system: &render::escape(&system.name),
                card: &render::escape(&card.name),
                version: &render::escape(&card.version),
            });
            text.push('\n');
        }
        if let Some((p, Some(origin))) = &profile {
            let (headers, values, defaults) = counts(p);
            text += &catalogue::of(lang).say(&Msg::ProfileOk {
                file: &render::escape(origin),
                preset: p.preset.as_deref(),
                headers,
                values,
                defaults,
            });
            text.push('\n');
        }
        text
    };
    write_stdout(text)?;
    Ok(Exit::Success)
}

fn classify(c: ClassifyRequest, lang: Lang) -> Result<Exit> {
    let (card, _) = card(c.rates.as_deref())?;
    let system = c
        .system
        .as_deref()
        .map(|p| system(p, &card).map(|(s, _)| s))
        .transpose()?;
    let flags = CaseInput {
        plan: c.plan.as_deref(),
        ..c.facts
    };
    // The firm's days off: the system file's and --closed-days', both.
    let mut closed: Vec<ClosedDay> = system
        .as_ref()
        .map(|s| s.closed_days().to_vec())
        .unwrap_or_default();
    if let Some(path) = &c.closed_days {
        let source = Source::read(path)?;
        closed.extend(
            CalendarFile::from_toml(&source.text, &source.origin)?
                .calendar
                .closed,
        );
    }
    let mut defaults = flags.or(system
        .as_ref()
        .map(CaseInput::from_system)
        .unwrap_or_default());
    defaults.rollover = defaults.rollover.map(|r| RestDays {
        closed: &closed,
        ..r
    });
    let today = today();

    if let Some(b) = &c.batch {
        if c.explain || c.exit_code || c.hours.is_some() {
            return Err(Invalid(Usage::OneCaseFlagsInBatch).into());
        }
        let output_format = match c.format {
            None => None,
            Some(OutputFormat::Data(f)) => Some(f),
            Some(OutputFormat::Report(Report::Json)) => Some(DataFormat::Jsonl),
            Some(OutputFormat::Report(Report::Table | Report::Markdown)) => {
                return Err(Invalid(Usage::OneCaseFormatInBatch).into());
            }
        };
        let mut inputs = given([
            Some(b.input.as_path()),
            c.system.as_deref(),
            c.closed_days.as_deref(),
            c.rates.as_deref(),
            b.profile.as_deref(),
        ]);
        let profile = profile(b.preset.as_deref(), b.profile.as_deref(), &card)?;
        let rules = profile.as_ref().map(|(p, _)| p.read()).unwrap_or_default();
        // A multi-customer batch: every system of the folder, its days off
        // with --closed-days', its facts under the flags, over the profile.
        let folder = b
            .systems
            .as_deref()
            .map(|d| systems(d, &card))
            .transpose()?;
        let project_closed: Vec<Vec<ClosedDay>> = folder
            .iter()
            .flatten()
            .map(|(_, s)| s.closed_days().iter().chain(&closed).cloned().collect())
            .collect();
        let projects = match (&folder, &b.project_column) {
            (Some(folder), Some(column)) => {
                let systems = folder
                    .iter()
                    .zip(&project_closed)
                    .map(|((path, system), closed)| {
                        let mut input = flags.or(CaseInput::from_system(system));
                        input.rollover = input.rollover.map(|r| RestDays { closed, ..r });
                        let stem = path
                            .file_stem()
                            .map(|s| s.to_string_lossy().into_owned())
                            .unwrap_or_default();
                        (vec![stem, system.name.clone()], rules.defaults_under(input))
                    })
                    .collect();
                Some(
                    batch::Projects::new(column.clone(), systems).map_err(|name| {
                        Invalid(Usage::ProjectTwice {
                            dir: display(b.systems.as_deref()),
                            name,
                        })
                    })?,
                )
            }
            _ => None,
        };
        inputs.extend(folder.iter().flatten().map(|(p, _)| p.as_path()));
        // A result written for Excel, read back, has its columns in words.
        let mut columns = b
            .columns
            .clone()
            .over(rules.columns.clone())
            .with_result_names(
                Lang::ALL
                    .iter()
                    .map(|l| render::batch::result_words(*l).columns)
                    .collect(),
            );
        // The hours worked, for --comments' estimates: the profile's
        // [ticket] hours, else a column named `hours`.
        columns.comments = b.comments;
        columns.hours = rules
            .ticket
            .columns()
            .filter(|(c, _)| *c == batch::TicketColumn::Hours)
            .map(|(_, h)| h.clone())
            .chain(["hours".to_owned()])
            .collect();
        let comment = move |c: &hoshu::coverage::Classification,
                            e: Option<&hoshu::rates::Estimate>| {
            render::classify::markdown(c, false, e, lang)
        };
        let result_words = render::batch::result_words(lang);
        if b.explain_columns {
            let from_system = system
                .as_ref()
                .map(CaseInput::from_system)
                .unwrap_or_default();
            let from_projects: Vec<CaseInput> = folder
                .iter()
                .flatten()
                .map(|(_, s)| CaseInput::from_system(s))
                .collect();
            let from_profile = rules.defaults_under(CaseInput::default());
            return explain_columns(
                b,
                profile.as_ref(),
                &rules,
                &columns,
                |field| {
                    if flags.gives(field) {
                        Some(batch::Fallback::Flag(field.flag()))
                    } else if from_system.gives(field) {
                        field.system_key().map(batch::Fallback::System)
                    } else if from_projects.iter().any(|p| p.gives(field)) {
                        field.system_key().map(batch::Fallback::ProjectSystem)
                    } else {
                        from_profile
                            .gives(field)
                            .then_some(batch::Fallback::Profile)
                    }
                },
                lang,
            );
        }
        // A flag or the system file gives a fact over the profile's default.
        let defaults = rules.defaults_under(defaults);
        return run_batch(
            b,
            &inputs,
            output_format,
            BatchOptions {
                card: &card,
                defaults,
                today,
                columns: &columns,
                values: &rules.values,
                encoding: b.encoding,
                excel: b.excel,
                output_encoding: b.output_encoding,
                result_names: b.result_names,
                result_words: Some(&result_words),
                projects: projects.as_ref(),
                comments: b.comments.then_some(&comment as &batch::CommentWords),
                words: &move |e| e.words(lang),
                threads: b.threads,
            },
            ReadBy {
                profile: profile.as_ref().and_then(|(_, file)| file.as_deref()),
                preset: profile.as_ref().and_then(|(p, _)| p.preset.as_deref()),
            },
            lang,
        );
    }

    // A fact the system file gave, not a flag, is said at its key there.
    let at_its_source = |e: IntakeError| -> anyhow::Error {
        match (&c.system, e.field.system_key()) {
            (Some(file), Some(key)) if !flags.gives(e.field) => Invalid(Usage::FactInFile {
                file: file.display().to_string(),
                key,
                problem: e.problem,
            })
            .into(),
            _ => e.into(),
        }
    };
    // An acceptance date counts only for a warranty from the acceptance.
    if defaults.accepted.is_some()
        && defaults.warranty_from != Some(hoshu::coverage::WarrantyFrom::Acceptance)
    {
        say(&format!(
            "{}: {}",
            catalogue::of(lang).text(catalogue::Text::Warning),
            catalogue::of(lang).say(&Msg::AcceptedUnused)
        ));
    }
    let case = defaults.resolve(&card, today).map_err(at_its_source)?;
    let classification = coverage::classify(&case)
        .map_err(IntakeError::from)
        .map_err(at_its_source)?;
    // A covered case costs the customer nothing: no estimate.
    let estimate = c
        .hours
        .filter(|_| classification.verdict != Verdict::Covered)
        .map(|h| card.estimate(h))
        .transpose()?;
    let text = match c.format {
        None | Some(OutputFormat::Report(Report::Table)) => {
            render::classify::table(&classification, c.explain, estimate.as_ref(), style(), lang)
        }
        Some(OutputFormat::Report(Report::Json)) => {
            render::classify::json(&classification, c.explain, estimate.as_ref(), lang)
        }
        Some(OutputFormat::Report(Report::Markdown)) => {
            render::classify::markdown(&classification, c.explain, estimate.as_ref(), lang)
        }
        Some(OutputFormat::Data(_)) => {
            return Err(Invalid(Usage::BatchFormatForOneCase).into());
        }
    };
    write_stdout(text)?;
    Ok(match (c.exit_code, classification.verdict) {
        (false, _) | (true, Verdict::Covered) => Exit::Success,
        (true, Verdict::Billable) => Exit::Billable,
        (true, Verdict::Negotiate) => Exit::Negotiate,
    })
}

/// A batch input: a file (its size for the progress bar) or stdin.
fn open_input(path: &Path) -> Result<(Box<dyn std::io::Read + Send>, Option<u64>)> {
    if path == Path::new("-") {
        // Not locked: a batch reads on its own thread.
        return Ok((Box::new(std::io::stdin()), None));
    }
    let shown = path.display();
    let unreadable = |e: std::io::Error| {
        Invalid(Usage::BatchInput {
            path: shown.to_string(),
            detail: e.to_string(),
        })
    };
    let file = std::fs::File::open(path).map_err(unreadable)?;
    let meta = file.metadata().map_err(unreadable)?;
    if meta.is_dir() {
        return Err(Invalid(Usage::BatchInputFolder {
            path: shown.to_string(),
        })
        .into());
    }
    Ok((Box::new(file), meta.is_file().then_some(meta.len())))
}

/// The batch input's format: `--input-format`, else jsonl for a `.jsonl`
/// file, else csv.
fn input_format(b: &BatchRequest) -> DataFormat {
    b.input_format.unwrap_or(
        if b.input
            .extension()
            .is_some_and(|e| e.eq_ignore_ascii_case("jsonl"))
        {
            DataFormat::Jsonl
        } else {
            DataFormat::Csv
        },
    )
}

/// `--explain-columns`: how each column of the input is read, and where
/// each fact comes from; nothing is classified.
fn explain_columns(
    b: &BatchRequest,
    profile: Option<&(Profile, Option<String>)>,
    rules: &hoshu::batch::ProfileRules,
    columns: &ColumnRules,
    fallback: impl Fn(hoshu::intake::Field) -> Option<batch::Fallback>,
    lang: Lang,
) -> Result<Exit> {
    let (input, _) = open_input(&b.input)?;
    let names = batch::column_names(input, input_format(b), b.encoding)
        .map_err(|e| anyhow::Error::new(e).context(At::File(b.input.display().to_string())))?;
    let readings = batch::readings(&names, columns, &rules.ticket, b.project_column.as_deref());
    let facts = batch::fact_sources(&names, &readings, fallback);
    let values = |field: hoshu::intake::Field| -> Vec<(&str, &str)> {
        profile
            .and_then(|(p, _)| {
                p.values
                    .iter()
                    .find(|(fact, _)| hoshu::intake::Field::from_column(fact) == Some(field))
            })
            .map(|(_, map)| map.iter().map(|(a, b)| (a.as_str(), b.as_str())).collect())
            .unwrap_or_default()
    };
    let input = b.input.display().to_string();
    let text = render::batch::explain_columns(
        &render::batch::ColumnsExplained {
            input: &input,
            profile: profile.and_then(|(_, file)| file.as_deref()),
            preset: profile.and_then(|(p, _)| p.preset.as_deref()),
            names: &names,
            readings: &readings,
            values: &values,
            facts: &facts,
        },
        style(),
        lang,
    );
    write_stdout(text)?;
    Ok(Exit::Success)
}

/// The profile and preset a batch is read by, for its summary.
struct ReadBy<'a> {
    profile: Option<&'a str>,
    preset: Option<&'a str>,
}

fn run_batch(
    b: &BatchRequest,
    inputs: &[&Path],
    output_format: Option<DataFormat>,
    options: BatchOptions,
    read_by: ReadBy,
    lang: Lang,
) -> Result<Exit> {
    let input_format = input_format(b);
    let output_format = output_format.unwrap_or(input_format);
    if output_format == DataFormat::Jsonl
        && (b.excel == batch::Excel::Yes
            || b.output_encoding == batch::OutputEncoding::ShiftJis
            || b.result_names == batch::ResultNames::Words)
    {
        return Err(Invalid(Usage::ExcelNeedsCsv).into());
    }
    let started = Instant::now();

    // Every destination is checked before any input is read.
    let mut output = Destination::open("--output", b.output.as_deref(), inputs)?;
    let mut rejects = b
        .rejects
        .as_deref()
        .map(|p| Destination::open("--rejects", Some(p), inputs))
        .transpose()?;
    match (&output, &rejects) {
        (o, Some(r)) if o.real_path().is_some() && o.real_path() == r.real_path() => {
            return Err(OutputError::SameFile {
                flag: "--output",
                path: display(b.output.as_deref()),
                other: "--rejects",
                path2: display(b.rejects.as_deref()),
            }
            .into());
        }
        (Destination::Stdout, Some(Destination::Stdout)) => {
            return Err(Invalid(Usage::RejectsToStdout).into());
        }
        _ => {}
    }
    let (reader, size) = open_input(&b.input)?;
    let bar = size
        .filter(|_| std::io::stderr().is_terminal())
        .map(|len| progress_bar(len, lang));

    let mut report_row = |e: &batch::RowError| {
        let line = format!(
            "{}: {}\n  --> {}:{}",
            catalogue::of(lang).text(catalogue::Text::Error),
            render::batch::row_error(e, lang),
            b.input.display(),
            e.line
        );
        match &bar {
            Some(bar) => bar.println(render::escape_lines(&line)),
            None => say(&line),
        }
    };
    let mut progress = |bytes: u64| {
        if let Some(bar) = &bar {
            bar.set_position(bytes);
        }
    };
    let summary = {
        let mut out = std::io::BufWriter::new(Noting::new(&mut output));
        let mut rejects_out = rejects
            .as_mut()
            .map(|r| std::io::BufWriter::new(Noting::new(r)));
        let summary = batch::classify_stream(
            reader,
            input_format,
            Outputs {
                output: &mut out,
                format: output_format,
                rejects: rejects_out.as_mut().map(|w| w as &mut dyn Write),
            },
            &options,
            &mut report_row,
            &mut progress,
        );
        // A write that failed is said with its flag and path (a full disk
        // names --output, not "the batch").
        let failed = |w: &mut std::io::BufWriter<Noting<'_>>| {
            let flushed = w.flush();
            let noting = w.get_mut();
            noting
                .failed
                .take()
                .or(flushed.err())
                .map(|cause| noting.dest.failure(cause))
        };
        if let Some(e) = failed(&mut out) {
            return Err(e);
        }
        if let Some(e) = rejects_out.as_mut().and_then(failed) {
            return Err(e);
        }
        summary?
    };
    warn(output.commit()?, lang);
    if let Some(rejects) = rejects {
        warn(rejects.commit()?, lang);
    }
    if let Some(bar) = bar {
        bar.finish_and_clear();
    }
    if summary.unmappable > 0 {
        say(&format!(
            "{}: {}",
            catalogue::of(lang).text(catalogue::Text::Warning),
            catalogue::of(lang).say(&Msg::Unmappable {
                count: summary.unmappable
            })
        ));
    }
    say(&summary_line(&summary, started.elapsed(), &read_by, lang));
    Ok(batch_exit(&summary, &b.fail_on))
}

/// A destination that keeps the first write that failed, to say it with
/// its flag and path once the batch stops.
struct Noting<'a> {
    dest: &'a mut Destination,
    failed: Option<std::io::Error>,
}

impl<'a> Noting<'a> {
    fn new(dest: &'a mut Destination) -> Self {
        Noting { dest, failed: None }
    }

    /// The error goes on to the batch; a copy of the first stays here.
    fn note<T>(&mut self, result: std::io::Result<T>) -> std::io::Result<T> {
        if let (Err(e), None) = (&result, &self.failed) {
            self.failed = Some(std::io::Error::new(e.kind(), e.to_string()));
        }
        result
    }
}

impl Write for Noting<'_> {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        let result = self.dest.write(buf);
        self.note(result)
    }

    fn flush(&mut self) -> std::io::Result<()> {
        let result = self.dest.flush();
        self.note(result)
    }
}

/// The files a run reads, of those it may: no output may be one of them.
fn given<const N: usize>(paths: [Option<&Path>; N]) -> Vec<&Path> {
    paths.into_iter().flatten().collect()
}

/// Say what a written file could not keep from the one it replaced.
fn warn(not_kept: Vec<OutputError>, lang: Lang) {
    for e in not_kept {
        say(&format!(
            "{}: {}",
            catalogue::of(lang).text(catalogue::Text::Warning),
            catalogue::of(lang).usage(&e.usage())
        ));
    }
}

fn display(path: Option<&Path>) -> String {
    path.map_or_else(|| "-".to_owned(), |p| p.display().to_string())
}

/// Row errors exit 2 first; then `--fail-on`, the most costly verdict first.
fn batch_exit(summary: &Summary, fail_on: &[Verdict]) -> Exit {
    let listed = |v: Verdict, count: u64| fail_on.contains(&v) && count > 0;
    if summary.errors > 0 {
        Exit::Invalid
    } else if listed(Verdict::Billable, summary.billable) {
        Exit::Billable
    } else if listed(Verdict::Negotiate, summary.negotiate) {
        Exit::Negotiate
    } else if listed(Verdict::Covered, summary.covered) {
        Exit::Covered
    } else {
        Exit::Success
    }
}

fn progress_bar(len: u64, lang: Lang) -> indicatif::ProgressBar {
    let bar = indicatif::ProgressBar::with_draw_target(
        Some(len),
        indicatif::ProgressDrawTarget::stderr(),
    );
    bar.set_style(
        indicatif::ProgressStyle::with_template(&format!(
            "{{bar:40}} {{bytes}}/{{total_bytes}} {{bytes_per_sec}} {} {{eta}}",
            catalogue::of(lang).text(catalogue::Text::TimeLeft)
        ))
        .expect("a valid template"),
    );
    bar
}

fn summary_line(s: &Summary, elapsed: std::time::Duration, read_by: &ReadBy, lang: Lang) -> String {
    let secs = elapsed.as_secs_f64();
    let rate = if secs > 0.0 {
        (s.rows as f64 / secs) as u64
    } else {
        s.rows
    };
    catalogue::of(lang).say(&Msg::BatchSummary {
        rows: s.rows,
        covered: s.covered,
        billable: s.billable,
        negotiate: s.negotiate,
        failed: s.errors,
        seconds: secs,
        per_second: rate,
        profile: read_by.profile.map(render::escape).as_deref(),
        preset: read_by.preset,
    })
}
