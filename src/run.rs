//! The commands: read files, ask the clock, call the engines, render, write.
//! Exit codes and the report of errors are in `exit`, the writing of files
//! in `output`.

use anyhow::{Context, Result};
use chrono::NaiveDate;
use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::time::Instant;

pub use hoshu::batch::DataFormat;
use hoshu::batch::{self, BatchOptions, ColumnRules, Encoding, Outputs, Summary};
use hoshu::coverage::{self, Verdict};
use hoshu::file_error::FileError;
use hoshu::intake::{CaseInput, IntakeError};
use hoshu::quote::QuoteError;
use hoshu::rates::{DEFAULT_CARD, RateCard};
use hoshu::render::{self, Style};
use hoshu::system::System;

use crate::exit::{Exit, Invalid, say};
use crate::output::{OutputError, PendingFile};

pub enum Request {
    Quote(QuoteRequest),
    Check {
        file: PathBuf,
        rates: Option<PathBuf>,
        json: bool,
    },
    Rates {
        json: bool,
        rates: Option<PathBuf>,
    },
    Classify(Box<ClassifyRequest>),
    Compare(CompareRequest),
    Diff(DiffRequest),
    /// Text made by the command line itself (completions, man pages).
    Print(Vec<u8>),
}

pub struct CompareRequest {
    pub file: PathBuf,
    pub plans: Vec<String>,
    pub budget: Option<hoshu::compare::Budget>,
    pub rates: Option<PathBuf>,
    pub date: Option<NaiveDate>,
    pub format: CompareOut,
}

pub struct DiffRequest {
    pub old: PathBuf,
    pub new: PathBuf,
    pub plan: Option<String>,
    pub rates: Option<PathBuf>,
    pub date: Option<NaiveDate>,
    pub format: CompareOut,
    pub gate: hoshu::diff::Gate,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CompareOut {
    Table,
    Json,
    Markdown,
}

impl Request {
    /// Whether errors go to stderr as `hoshu.error.v1` JSON: `--format json`.
    pub fn json_errors(&self) -> bool {
        match self {
            Request::Quote(q) => q.json,
            Request::Check { json, .. } | Request::Rates { json, .. } => *json,
            Request::Classify(c) => matches!(
                c.format,
                Some(OutputFormat::Json | OutputFormat::Data(DataFormat::Jsonl))
            ),
            Request::Compare(c) => c.format == CompareOut::Json,
            Request::Diff(d) => d.format == CompareOut::Json,
            Request::Print(_) => false,
        }
    }
}

pub struct QuoteRequest {
    pub file: PathBuf,
    pub plan: Option<String>,
    pub rates: Option<PathBuf>,
    pub date: Option<NaiveDate>,
    pub json: bool,
}

pub struct ClassifyRequest {
    pub system: Option<PathBuf>,
    pub rates: Option<PathBuf>,
    /// The facts given as flags, but the plan's name.
    pub facts: CaseInput<'static>,
    /// `--plan`, owned here; `facts.plan` is left `None`.
    pub plan: Option<String>,
    pub format: Option<OutputFormat>,
    pub explain: bool,
    pub exit_code: bool,
    /// `--hours`: estimate a billable or negotiable case.
    pub hours: Option<u32>,
    pub batch: Option<BatchRequest>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OutputFormat {
    Table,
    Json,
    Data(DataFormat),
}

pub struct BatchRequest {
    pub input: PathBuf,
    pub input_format: Option<DataFormat>,
    pub output: Option<PathBuf>,
    pub rejects: Option<PathBuf>,
    pub columns: ColumnRules,
    pub encoding: Encoding,
    /// `--fail-on`: the verdicts that fail the run.
    pub fail_on: Vec<Verdict>,
}

pub fn run(request: Request) -> Result<Exit> {
    match request {
        Request::Quote(q) => quote(q),
        Request::Check { file, rates, json } => check(&file, rates.as_deref(), json),
        Request::Rates { json, rates } => {
            let (card, source) = card(rates.as_deref())?;
            if json {
                write_stdout(&render::rates::json(&card))?;
            } else {
                write_stdout(&source.text)?;
            }
            Ok(Exit::Success)
        }
        Request::Classify(c) => classify(*c),
        Request::Compare(c) => compare(c),
        Request::Diff(d) => diff(d),
        Request::Print(bytes) => {
            let mut out = std::io::stdout().lock();
            out.write_all(&bytes)?;
            out.flush()?;
            Ok(Exit::Success)
        }
    }
}

/// Only the binary asks the clock.
fn today() -> NaiveDate {
    chrono::Local::now().date_naive()
}

fn style() -> Style {
    let color = std::io::stdout().is_terminal()
        && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty());
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

fn write_stdout(text: &str) -> Result<()> {
    let mut out = std::io::stdout().lock();
    out.write_all(text.as_bytes())?;
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
            origin: "the default rate card".to_owned(),
        },
    };
    Ok((RateCard::from_toml(&source.text, &source.origin)?, source))
}

/// A system file, checked on its own and against the card.
fn system(path: &Path, card: &RateCard) -> Result<(System, Source)> {
    let source = Source::read(path)?;
    Ok((system_of(&source, card)?, source))
}

/// A system description read, checked on its own and against the card.
fn system_of(source: &Source, card: &RateCard) -> Result<System> {
    let system = System::from_toml(&source.text, &source.origin)?;
    system.check_against(card, &source.text, &source.origin)?;
    Ok(system)
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

fn quote(q: QuoteRequest) -> Result<Exit> {
    let (card, card_source) = card(q.rates.as_deref())?;
    let (system, system_source) = system(&q.file, &card)?;
    let plan = plan_of(q.plan.as_deref(), &system);
    let date = q.date.unwrap_or_else(today);
    check_dated(date, (&card, &card_source), (&system, &system_source))?;
    let quote =
        hoshu::quote::quote(&system, &card, plan, date).map_err(|e| match (&e, &q.plan) {
            (QuoteError::UnknownPlan { .. }, Some(_)) => anyhow::Error::new(e).context("--plan"),
            (QuoteError::UnknownPlan { .. }, None) => anyhow::Error::new(e)
                .context("no --plan and no [maintenance] plan, so the default `standard`"),
            _ => anyhow::Error::new(e)
                .context(format!("{}: cannot price this system", q.file.display())),
        })?;
    let text = if q.json {
        render::quote::json(&quote)
    } else {
        render::quote::table(&quote, style())
    };
    write_stdout(&text)?;
    Ok(Exit::Success)
}

fn compare(c: CompareRequest) -> Result<Exit> {
    let (card, card_source) = card(c.rates.as_deref())?;
    let (system, system_source) = system(&c.file, &card)?;
    let date = c.date.unwrap_or_else(today);
    check_dated(date, (&card, &card_source), (&system, &system_source))?;
    let comparison = hoshu::compare::compare(&system, &card, &c.plans, date, c.budget)
        .map_err(|e| anyhow::Error::new(e).context("--plans"))?;
    let text = match c.format {
        CompareOut::Table => render::compare::table(&comparison, style()),
        CompareOut::Json => render::compare::json(&comparison),
        CompareOut::Markdown => render::compare::markdown(&comparison),
    };
    write_stdout(&text)?;
    Ok(Exit::Success)
}

/// One side of a diff: a saved quote (JSON) or a system file quoted now.
fn diff_side(
    path: &Path,
    d: &DiffRequest,
    card: &RateCard,
    card_source: &Source,
) -> Result<hoshu::diff::Side> {
    let source = Source::read(path)?;
    let label = &source.origin;
    if source.text.trim_start().starts_with('{') {
        return Ok(hoshu::diff::Side::from_json(label, &source.text)
            .map_err(|e| Invalid(e.to_string()))?);
    }
    let system = system_of(&source, card)?;
    let date = d.date.unwrap_or_else(today);
    check_dated(date, (card, card_source), (&system, &source))?;
    let q = hoshu::quote::quote(&system, card, plan_of(d.plan.as_deref(), &system), date)
        .map_err(|e| anyhow::Error::new(e).context(label.clone()))?;
    Ok(hoshu::diff::Side::from_quote(label, &q, render::item))
}

fn diff(d: DiffRequest) -> Result<Exit> {
    let (card, card_source) = card(d.rates.as_deref())?;
    let old = diff_side(&d.old, &d, &card, &card_source)?;
    let new = diff_side(&d.new, &d, &card, &card_source)?;
    let result = hoshu::diff::diff(&old, &new);
    let text = match d.format {
        CompareOut::Table => render::diff::table(&result, style()),
        CompareOut::Json => render::diff::json(&result),
        CompareOut::Markdown => render::diff::markdown(&result),
    };
    write_stdout(&text)?;
    Ok(if d.gate.tripped(&result) {
        Exit::Billable
    } else {
        Exit::Success
    })
}

fn check(file: &Path, rates: Option<&Path>, json: bool) -> Result<Exit> {
    let (card, _) = card(rates)?;
    let (system, _) = system(file, &card)?;
    let text = if json {
        let mut text = serde_json::json!({
            "schema": "hoshu.check.v1",
            "file": file.display().to_string(),
            "system": system.name,
            "rate_card": {"name": card.name, "version": card.version},
        })
        .to_string();
        text.push('\n');
        text
    } else {
        format!(
            "{}: ok — \"{}\", checked against the rate card {} {}\n",
            file.display(),
            render::escape(&system.name),
            render::escape(&card.name),
            render::escape(&card.version)
        )
    };
    write_stdout(&text)?;
    Ok(Exit::Success)
}

fn classify(c: ClassifyRequest) -> Result<Exit> {
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
    let defaults = flags.or(system
        .as_ref()
        .map(CaseInput::from_system)
        .unwrap_or_default());
    let today = today();

    if let Some(b) = &c.batch {
        if c.explain || c.exit_code || c.hours.is_some() {
            return Err(Invalid("--explain, --exit-code and --hours are for one case; a batch gives each row's verdict in its output (use --fail-on as its gate)".into()).into());
        }
        let output_format = match c.format {
            None => None,
            Some(OutputFormat::Data(f)) => Some(f),
            Some(OutputFormat::Json) => Some(DataFormat::Jsonl),
            Some(OutputFormat::Table) => {
                return Err(Invalid(
                    "--format table is for one case; a batch writes csv or jsonl".into(),
                )
                .into());
            }
        };
        return run_batch(
            b,
            output_format,
            BatchOptions {
                card: &card,
                defaults,
                today,
                columns: &b.columns,
                encoding: b.encoding,
            },
        );
    }

    let case = defaults.resolve(&card, today)?;
    let classification = coverage::classify(&case).map_err(IntakeError::from)?;
    // A covered case costs the customer nothing: no estimate.
    let estimate = c
        .hours
        .filter(|_| classification.verdict != Verdict::Covered)
        .map(|h| card.estimate(h))
        .transpose()?;
    let text = match c.format {
        None | Some(OutputFormat::Table) => {
            render::classify::table(&classification, c.explain, estimate.as_ref(), style())
        }
        Some(OutputFormat::Json) => {
            render::classify::json(&classification, c.explain, estimate.as_ref())
        }
        Some(OutputFormat::Data(_)) => {
            return Err(Invalid(
                "--format csv and jsonl are for --batch; one case prints table or json".into(),
            )
            .into());
        }
    };
    write_stdout(&text)?;
    Ok(match (c.exit_code, classification.verdict) {
        (false, _) | (true, Verdict::Covered) => Exit::Success,
        (true, Verdict::Billable) => Exit::Billable,
        (true, Verdict::Negotiate) => Exit::Negotiate,
    })
}

/// Where a batch file goes: standard output, or a file written whole.
enum Destination {
    Stdout,
    File(PendingFile),
}

impl Destination {
    fn of(flag: &'static str, path: Option<&Path>) -> Result<Destination> {
        Ok(match path {
            None => Destination::Stdout,
            Some(p) if p == Path::new("-") => Destination::Stdout,
            Some(p) => Destination::File(PendingFile::create(flag, p)?),
        })
    }

    fn commit(self) -> Result<()> {
        match self {
            Destination::Stdout => Ok(()),
            Destination::File(f) => Ok(f.commit()?),
        }
    }
}

/// A batch input: a file (its size for the progress bar) or stdin.
fn open_input(path: &Path) -> Result<(Box<dyn std::io::Read>, Option<u64>)> {
    if path == Path::new("-") {
        return Ok((Box::new(std::io::stdin().lock()), None));
    }
    let shown = path.display();
    let file = std::fs::File::open(path)
        .map_err(|e| Invalid(format!("--batch {shown}: cannot open the file: {e}")))?;
    let meta = file
        .metadata()
        .map_err(|e| Invalid(format!("--batch {shown}: cannot read the file: {e}")))?;
    if meta.is_dir() {
        return Err(Invalid(format!(
            "--batch {shown}: is a folder; give the file to classify"
        ))
        .into());
    }
    Ok((Box::new(file), meta.is_file().then_some(meta.len())))
}

fn run_batch(
    b: &BatchRequest,
    output_format: Option<DataFormat>,
    options: BatchOptions,
) -> Result<Exit> {
    let input_format = b.input_format.unwrap_or(
        if b.input
            .extension()
            .is_some_and(|e| e.eq_ignore_ascii_case("jsonl"))
        {
            DataFormat::Jsonl
        } else {
            DataFormat::Csv
        },
    );
    let output_format = output_format.unwrap_or(input_format);
    let started = Instant::now();

    // Every destination is checked before any input is read.
    let mut output = Destination::of("--output", b.output.as_deref())?;
    let mut rejects = b
        .rejects
        .as_deref()
        .map(|p| Destination::of("--rejects", Some(p)))
        .transpose()?;
    match (&output, &rejects) {
        (Destination::File(o), Some(Destination::File(r))) if o.real_path() == r.real_path() => {
            return Err(OutputError::SameFile {
                flag: "--output",
                path: display(b.output.as_deref()),
                other: "--rejects",
                path2: display(b.rejects.as_deref()),
            }
            .into());
        }
        (Destination::Stdout, Some(Destination::Stdout)) => {
            return Err(Invalid(
                "--rejects -: the output already goes to stdout; give --output or a --rejects file"
                    .into(),
            )
            .into());
        }
        _ => {}
    }
    let (reader, size) = open_input(&b.input)?;
    let bar = size
        .filter(|_| std::io::stderr().is_terminal())
        .map(progress_bar);

    let mut report_row = |e: &batch::RowError| {
        let line = format!("error: {e}\n  --> {}:{}", b.input.display(), e.line);
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
    let stdout = std::io::stdout();
    let mut rejects_out: Option<Box<dyn Write + '_>> = match &mut rejects {
        None => None,
        Some(Destination::Stdout) => Some(Box::new(stdout.lock())),
        Some(Destination::File(f)) => Some(Box::new(std::io::BufWriter::new(f.file()))),
    };
    let summary = {
        let rejects_writer = rejects_out.as_mut().map(|w| w as &mut dyn Write);
        let run = |out: &mut dyn Write, rejects| {
            batch::classify_stream(
                reader,
                input_format,
                Outputs {
                    output: out,
                    format: output_format,
                    rejects,
                },
                &options,
                &mut report_row,
                &mut progress,
            )
        };
        match &mut output {
            Destination::Stdout => run(&mut stdout.lock(), rejects_writer),
            Destination::File(f) => {
                let mut out = std::io::BufWriter::new(f.file());
                let summary = run(&mut out, rejects_writer)?;
                out.flush().with_context(|| {
                    format!(
                        "--output {}: cannot write the file",
                        display(b.output.as_deref())
                    )
                })?;
                Ok(summary)
            }
        }
    }?;
    if let Some(w) = rejects_out.as_mut() {
        w.flush().with_context(|| {
            format!(
                "--rejects {}: cannot write the file",
                display(b.rejects.as_deref())
            )
        })?;
    }
    drop(rejects_out);
    output.commit()?;
    if let Some(rejects) = rejects {
        rejects.commit()?;
    }
    if let Some(bar) = bar {
        bar.finish_and_clear();
    }
    say(&summary_line(&summary, started.elapsed()));
    Ok(batch_exit(&summary, &b.fail_on))
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

fn progress_bar(len: u64) -> indicatif::ProgressBar {
    let bar = indicatif::ProgressBar::with_draw_target(
        Some(len),
        indicatif::ProgressDrawTarget::stderr(),
    );
    bar.set_style(
        indicatif::ProgressStyle::with_template(
            "{bar:40} {bytes}/{total_bytes} {bytes_per_sec} eta {eta}",
        )
        .expect("a valid template"),
    );
    bar
}

fn summary_line(s: &Summary, elapsed: std::time::Duration) -> String {
    let secs = elapsed.as_secs_f64();
    let rate = if secs > 0.0 {
        (s.rows as f64 / secs) as u64
    } else {
        s.rows
    };
    format!(
        "hoshu: {} rows: {} covered, {} billable, {} negotiate, {} failed; {:.3} s, {} rows/s",
        s.rows, s.covered, s.billable, s.negotiate, s.errors, secs, rate
    )
}
