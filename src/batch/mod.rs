//! Classifying a file of tickets row by row: CSV with a header, or JSON Lines.
//!
//! The promises: every row in is a row out, in input order; columns (keys)
//! the batch does not read pass through untouched (JSON values byte-exact);
//! a row that cannot be classified keeps its place with an empty verdict and
//! an `error`, goes whole to the rejects file when there is one, and the run
//! goes on. A header that could make every verdict wrong (a fact column
//! misspelt, a fact given twice, no fact at all) stops the run before any
//! row is read. Memory does not grow with the input: one row is in hand at a
//! time, in buffers reused from row to row.
//!
//! The shape: a reader (CSV or JSON Lines, in `encoding`'s encoding) gives
//! a row; its facts, found by `columns`, are classified; a writer (`sink`)
//! writes the row with the four results, made in one place (`Results`).
//! Every sentence, a row error's included, is made by `render::batch`:
//! the engine is handed the words of its `error` cell ([`RowWords`]).

mod blocks;
mod cells;
mod columns;
pub(crate) mod encoding;
mod json_line;
pub mod profile;
mod sink;

use chrono::NaiveDate;
use std::borrow::Cow;
use std::collections::HashMap;
use std::io::{self, BufRead, BufReader, BufWriter, Read, Seek, Write};

pub use columns::{
    ColumnRules, FactSource, Fallback, HeaderProblem, Layout, Name, Reading, fact_sources, readings,
};
pub use encoding::{Decided, Encoding, OutputEncoding};
pub use json_line::LineProblem;
pub use profile::{Profile, ProfileRules, TicketColumn, ValueMaps};

use crate::coverage::{self, Classification, Verdict};
use crate::date::write_date;
use crate::intake::{CaseInput, Field, IntakeError};
use crate::money::{Hours, Yen};
use crate::rates::{Estimate, RateCard};
use cells::Cells;
use json_line::{FactValue, JsonLine};
use sink::{CsvStyle, KeyColumns, Rejects, Sink};

/// The formats a batch reads and writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DataFormat {
    Csv,
    Jsonl,
}

static NO_RULES: ColumnRules = ColumnRules {
    mapped: Vec::new(),
    passed: Vec::new(),
    may_map: Vec::new(),
    may_pass: Vec::new(),
    result_names: Vec::new(),
    hours: Vec::new(),
    comments: false,
};

static NO_VALUES: ValueMaps = ValueMaps::none();

/// What every row shares.
#[derive(Clone, Copy)]
pub struct BatchOptions<'a> {
    pub card: &'a RateCard,
    /// Values for the facts a row leaves empty (flags, a system file).
    pub defaults: CaseInput<'a>,
    /// The report date of a row that gives none.
    pub today: NaiveDate,
    /// `--column` and `--pass`.
    pub columns: &'a ColumnRules,
    /// A profile's `[values.FACT]`: the helpdesk's words, hoshu's values.
    pub values: &'a ValueMaps,
    pub encoding: Encoding,
    /// How a CSV output is written: for Excel or for scripts.
    pub excel: Excel,
    pub output_encoding: OutputEncoding,
    pub result_names: ResultNames,
    /// The results in the user's words, for [`ResultNames::Words`] (and
    /// `Auto` for Excel); without them, ids.
    pub result_words: Option<&'a ResultWords>,
    /// Each row's system by its project, over `defaults`.
    pub projects: Option<&'a Projects<'a>>,
    /// `--comments`: a ticket comment for each verdict, in the user's
    /// words (the render layer's), and the estimate from the hours.
    pub comments: Option<&'a CommentWords>,
    /// A row error's words, for its `error` cell: the render layer's, in
    /// the user's language. The engine hands it the error as data.
    pub words: &'a RowWords,
    /// Threads a batch runs on: 1 reads, classifies and writes each row in
    /// turn; more work side by side, through bounded queues, the rows
    /// written in their order: one reads, this many work, one writes. CSV
    /// is cut into blocks each worker parses, classifies and writes out
    /// (see `blocks`); JSON Lines into chunks of lines each classifies.
    pub threads: usize,
}

/// When a CSV output is written for Excel in Japan (a BOM, CR LF, the
/// results in words).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Excel {
    /// When the input was Shift_JIS or began with a BOM: a file saved by
    /// Excel goes back to Excel.
    #[default]
    Auto,
    Yes,
    No,
}

/// How the result columns are named, and the verdicts written, in CSV.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum ResultNames {
    /// Words for Excel, ids otherwise.
    #[default]
    Auto,
    /// `verdict`, `rule`, `warranty_end`, `error`; `covered`, …
    Ids,
    /// The user's words (判定, 無償対応, …).
    Words,
}

/// The result columns' names and the verdicts in the user's words, made
/// by the render layer, for a CSV written for people.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ResultWords {
    /// In [`RESULT_COLUMNS`] order.
    pub columns: [String; 6],
    pub covered: String,
    pub billable: String,
    pub negotiate: String,
}

impl ResultWords {
    pub fn verdict(&self, v: Verdict) -> &str {
        match v {
            Verdict::Covered => &self.covered,
            Verdict::Billable => &self.billable,
            Verdict::Negotiate => &self.negotiate,
        }
    }
}

/// A batch of many customers' tickets: each row takes the contract of its
/// project's system file (`--systems DIR --project-column HEADER`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Projects<'a> {
    /// The column (or JSON key) naming each row's project.
    pub column: String,
    /// Each system's facts (under the flags, over a profile's defaults),
    /// and the names a row may give it by (its file's name, its `name`).
    systems: Vec<CaseInput<'a>>,
    names: HashMap<String, usize>,
}

impl<'a> Projects<'a> {
    /// `systems`: each system's names and facts. A name two systems share
    /// is an error, returned as the name.
    pub fn new(
        column: String,
        systems: Vec<(Vec<String>, CaseInput<'a>)>,
    ) -> Result<Projects<'a>, String> {
        let mut names = HashMap::new();
        let mut inputs = Vec::new();
        for (i, (keys, input)) in systems.into_iter().enumerate() {
            for key in keys {
                let key = key.trim().to_owned();
                if let Some(&j) = names.get(&key)
                    && j != i
                {
                    return Err(key);
                }
                names.insert(key, i);
            }
            inputs.push(input);
        }
        Ok(Projects {
            column,
            systems: inputs,
            names,
        })
    }

    /// The system a row's project cell names.
    fn find(&self, cell: &str) -> Option<&CaseInput<'a>> {
        self.names.get(cell.trim()).map(|&i| &self.systems[i])
    }

    /// The project name most like `cell`, to suggest.
    fn like(&self, cell: &str) -> Option<String> {
        // In name order, so that of two as close the first is said, always.
        crate::suggest::closest(cell.trim(), self.names()).map(str::to_owned)
    }

    /// The names a row may give, sorted.
    pub fn names(&self) -> Vec<&str> {
        let mut names: Vec<&str> = self.names.keys().map(String::as_str).collect();
        names.sort_unstable();
        names
    }
}

/// Words a classification (and its estimate) as a ticket comment.
pub type CommentWords = dyn Fn(&Classification, Option<&Estimate>) -> String + Sync;

/// The threads a batch uses unless told: one per core, up to the three
/// stages it has.
pub fn default_threads() -> usize {
    std::thread::available_parallelism().map_or(1, |n| n.get().min(3))
}

/// Words a row error for the `error` cell.
pub type RowWords = dyn Fn(&RowError) -> String + Sync;

impl<'a> BatchOptions<'a> {
    /// No defaults, no column rules, the encoding decided from the input;
    /// row errors worded by `words`.
    pub fn new(card: &'a RateCard, today: NaiveDate, words: &'a RowWords) -> BatchOptions<'a> {
        BatchOptions {
            card,
            defaults: CaseInput::default(),
            today,
            columns: &NO_RULES,
            values: &NO_VALUES,
            encoding: Encoding::Auto,
            excel: Excel::Auto,
            output_encoding: OutputEncoding::Utf8,
            result_names: ResultNames::Auto,
            result_words: None,
            projects: None,
            comments: None,
            words,
            threads: default_threads(),
        }
    }

    /// How this run writes CSV, once the input's encoding is known.
    fn csv_style(&self, decided: Decided, bom: bool) -> CsvStyle<'a> {
        let shift_jis = self.output_encoding == OutputEncoding::ShiftJis;
        let excel = match self.excel {
            Excel::Yes => true,
            Excel::No => false,
            Excel::Auto => shift_jis || bom || decided == Decided::ShiftJis,
        };
        let words = match self.result_names {
            ResultNames::Ids => None,
            ResultNames::Words => self.result_words,
            ResultNames::Auto => self.result_words.filter(|_| excel),
        };
        CsvStyle {
            bom: excel && !shift_jis,
            crlf: excel,
            shift_jis,
            words,
        }
    }

    /// How many result columns this run writes.
    fn result_count(&self) -> usize {
        result_count(self.comments.is_some())
    }

    fn has_defaults(&self) -> bool {
        self.projects.is_some() || self.defaults != CaseInput::default()
    }

    /// The facts a row falls back on: its project's system, or `defaults`;
    /// `Err` when the project names no system.
    fn defaults_for(&self, project: Option<&str>) -> Result<&CaseInput<'a>, RowProblem> {
        let Some(projects) = self.projects else {
            return Ok(&self.defaults);
        };
        let cell = project.unwrap_or_default();
        projects
            .find(cell)
            .ok_or_else(|| RowProblem::UnknownProject {
                value: cell.to_owned(),
                column: projects.column.clone(),
                like: projects.like(cell),
            })
    }
}

/// The columns appended to every row, in this order.
pub const RESULT_COLUMNS: [&str; 6] = [
    "verdict",
    "rule",
    "warranty_end",
    "error",
    "estimate",
    "comment",
];

/// How many of [`RESULT_COLUMNS`] every run writes; the last two, the
/// estimate and the ticket comment, only with comments (`--comments`).
pub const PLAIN_RESULTS: usize = 4;

/// How many of [`RESULT_COLUMNS`] a run writes, with or without comments.
pub(crate) fn result_count(comments: bool) -> usize {
    if comments {
        RESULT_COLUMNS.len()
    } else {
        PLAIN_RESULTS
    }
}

/// The column of a rejects file that gives each row's number in the input.
pub const REJECTED_ROW_COLUMN: &str = "rejected_row";

/// Counts for the summary line.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Summary {
    pub rows: u64,
    pub covered: u64,
    pub billable: u64,
    pub negotiate: u64,
    pub errors: u64,
    /// Characters a Shift_JIS output had no code for, written `?`.
    pub unmappable: u64,
}

impl Summary {
    /// One row more, of this verdict (none: it failed).
    #[inline]
    fn count(&mut self, verdict: Option<Verdict>) {
        self.rows += 1;
        match verdict {
            Some(Verdict::Covered) => self.covered += 1,
            Some(Verdict::Billable) => self.billable += 1,
            Some(Verdict::Negotiate) => self.negotiate += 1,
            None => self.errors += 1,
        }
    }
}

/// Why one row has no verdict.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RowProblem {
    /// A fact that cannot be used; `column` is the header (or JSON key)
    /// it was read from, as the file names it, or `None` when a flag or
    /// the system file gave it.
    Fact {
        error: IntakeError,
        column: Option<String>,
    },
    /// Bytes that are not text in the input's encoding, in a column (a
    /// CSV cell) or `None`: the whole line (JSON Lines).
    NotText {
        column: Option<String>,
        encoding: Decided,
    },
    /// A CSV row with more fields than the header: an unquoted comma, most
    /// often. Its columns cannot be trusted.
    TooManyFields { got: usize, header: usize },
    /// A CSV quote opened on `opened` and never closed: the input ended
    /// inside the cell, so every line after it was read as that one cell.
    UnclosedQuote { opened: u64 },
    /// A JSON Lines line that is not a JSON object, or has a key twice.
    Json(LineProblem),
    /// A fact's JSON value that is not text, a number or null.
    FactNotText { key: String },
    /// The keys of a JSON Lines row break the column rules.
    Keys(HeaderProblem),
    /// A row whose every fact is empty (or, in JSON Lines, null), with no
    /// flag or system file to give one: nothing to classify by, in either
    /// format.
    NoFactGiven,
    /// An hours cell (`--comments`) that is no number of hours: more than
    /// 0, at most 10,000, to the hundredth.
    NotHours { column: String, got: String },
    /// A row whose project (`--project-column`) no system file of
    /// `--systems` is: its value (empty when none), the column, and the
    /// project most like it.
    UnknownProject {
        value: String,
        column: String,
        like: Option<String>,
    },
}

/// A row that could not be classified: where, and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RowError {
    /// 1 for the first row after the header (CSV) or the first line (JSONL).
    pub row: u64,
    /// The line of the input where the row starts.
    pub line: u64,
    pub problem: RowProblem,
}

impl RowError {
    /// Counted from `rows` rows and `lines` lines further on: a row of a
    /// block read on its own, which counted from the block's start.
    fn moved(&mut self, rows: u64, lines: u64) {
        self.row += rows;
        self.line += lines;
        if let RowProblem::UnclosedQuote { opened } = &mut self.problem {
            *opened += lines;
        }
    }
}

/// A batch that cannot go on: the input cannot be read or the output
/// written, or the header would make the verdicts wrong.
#[derive(Debug)]
pub enum BatchError {
    Io(io::Error),
    /// csv's own message.
    Csv(String),
    NoHeader,
    Header(Vec<HeaderProblem>),
    /// A row (row 0: the CSV header) that runs past [`MAX_ROW_BYTES`]: a
    /// quote never closed, or not a file of tickets. The run stops there.
    RowTooLarge {
        row: u64,
        line: u64,
    },
}

/// The most bytes one row (a CSV record or a JSON Lines line) may hold:
/// a ticket's text is far smaller, and a row is held whole in memory.
pub const MAX_ROW_BYTES: u64 = 16 << 20;

impl std::error::Error for BatchError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            BatchError::Io(e) => Some(e),
            _ => None,
        }
    }
}

impl From<io::Error> for BatchError {
    fn from(e: io::Error) -> BatchError {
        BatchError::Io(e)
    }
}

impl From<csv::Error> for BatchError {
    fn from(e: csv::Error) -> BatchError {
        let text = e.to_string();
        match e.into_kind() {
            csv::ErrorKind::Io(io) => BatchError::Io(io),
            _ => BatchError::Csv(text),
        }
    }
}

/// The result of one row.
struct Outcome {
    verdict: Option<Verdict>,
    rule: &'static str,
    warranty_end: Option<NaiveDate>,
    error: Option<Box<RowError>>,
    /// With comments: the estimate's total with tax, and the comment.
    /// Boxed: most runs have none, and an outcome is made for every row.
    said: Option<Box<Said>>,
}

/// A row's estimate (its total with tax) and comment (`--comments`).
struct Said {
    estimate: Option<Yen>,
    comment: String,
}

impl Outcome {
    fn failed(row: u64, line: u64, problem: RowProblem) -> Outcome {
        Outcome {
            verdict: None,
            rule: "",
            warranty_end: None,
            error: Some(Box::new(RowError { row, line, problem })),
            said: None,
        }
    }
}

/// The four result cells of a row, made here and nowhere else; both
/// writers write them as they are.
pub(crate) struct Results {
    verdict: Option<Verdict>,
    rule: &'static str,
    warranty_end: DateBytes,
    error: Option<String>,
    /// With comments (`Some`): the estimate in whole yen, and the comment.
    comments: Option<(Option<String>, Option<String>)>,
}

impl Results {
    fn of(outcome: &Outcome, options: &BatchOptions) -> Results {
        Results {
            verdict: outcome.verdict,
            rule: outcome.rule,
            warranty_end: match outcome.warranty_end {
                Some(end) => DateBytes(write_date(end), 10),
                None => DateBytes([0; 10], 0),
            },
            error: outcome.error.as_deref().map(options.words),
            comments: options.comments.map(|_| {
                (
                    outcome
                        .said
                        .as_ref()
                        .and_then(|s| s.estimate)
                        .map(|y| y.0.to_string()),
                    outcome.said.as_ref().map(|s| s.comment.clone()),
                )
            }),
        }
    }

    /// How many result columns: [`PLAIN_RESULTS`], or all with comments.
    pub(crate) fn count(&self) -> usize {
        result_count(self.comments.is_some())
    }

    /// The names of this row's results as JSON keys.
    pub(crate) fn names(&self) -> &'static [&'static str] {
        &RESULT_COLUMNS[..self.count()]
    }

    /// The verdict's id (`covered`), what scripts read.
    fn verdict_id(&self) -> &'static str {
        match self.verdict {
            None => "",
            Some(Verdict::Covered) => "covered",
            Some(Verdict::Billable) => "billable",
            Some(Verdict::Negotiate) => "negotiate",
        }
    }

    /// As CSV cells, in [`RESULT_COLUMNS`] order; the verdict in `words`
    /// when given, else its id.
    /// Without comments the last two are empty and not written.
    fn cells<'s>(&'s self, words: Option<&'s ResultWords>) -> [&'s [u8]; 6] {
        let verdict = match (self.verdict, words) {
            (Some(v), Some(words)) => words.verdict(v).as_bytes(),
            _ => self.verdict_id().as_bytes(),
        };
        let (estimate, comment) = match &self.comments {
            Some((e, c)) => (e.as_deref(), c.as_deref()),
            None => (None, None),
        };
        [
            verdict,
            self.rule.as_bytes(),
            &self.warranty_end,
            self.error.as_deref().unwrap_or_default().as_bytes(),
            estimate.unwrap_or_default().as_bytes(),
            comment.unwrap_or_default().as_bytes(),
        ]
    }

    /// As JSON members, each preceded by a `,` unless `first`.
    fn write_json(&self, out: &mut impl Write, first: bool) -> io::Result<()> {
        if !first {
            out.write_all(b",")?;
        }
        // Verdicts, rule ids and dates are plain ASCII: no escaping.
        out.write_all(b"\"verdict\":\"")?;
        out.write_all(self.verdict_id().as_bytes())?;
        out.write_all(b"\",\"rule\":\"")?;
        out.write_all(self.rule.as_bytes())?;
        out.write_all(b"\",\"warranty_end\":\"")?;
        out.write_all(&self.warranty_end)?;
        out.write_all(b"\",\"error\":")?;
        match &self.error {
            None => out.write_all(b"null")?,
            Some(e) => serde_json::to_writer(&mut *out, e).map_err(io::Error::from)?,
        }
        if let Some((estimate, comment)) = &self.comments {
            // The estimate a number, as JSON has them.
            out.write_all(b",\"estimate\":")?;
            out.write_all(estimate.as_deref().unwrap_or("null").as_bytes())?;
            out.write_all(b",\"comment\":")?;
            match comment {
                None => out.write_all(b"null")?,
                Some(c) => serde_json::to_writer(&mut *out, c).map_err(io::Error::from)?,
            }
        }
        Ok(())
    }
}

/// The warranty end as `YYYY-MM-DD` bytes, or no bytes.
struct DateBytes([u8; 10], usize);

impl std::ops::Deref for DateBytes {
    type Target = [u8];
    fn deref(&self) -> &[u8] {
        &self.0[..self.1]
    }
}

/// Classify one row's facts.
fn classify_row(
    input: CaseInput,
    defaults: &CaseInput,
    hours: Option<Hours>,
    options: &BatchOptions,
    row: u64,
    line: u64,
    column_of: impl Fn(Field) -> Option<String>,
) -> Outcome {
    let case = input.or(*defaults).resolve(options.card, options.today);
    let result = match options.comments {
        // The whole classification, to say as a comment.
        Some(comment) => case.and_then(|case| {
            let c = coverage::classify(&case).map_err(IntakeError::from)?;
            // A covered case costs the customer nothing: no estimate.
            let estimate = hours
                .filter(|_| c.verdict != Verdict::Covered)
                .and_then(|h| options.card.estimate(h).ok());
            Ok(Outcome {
                verdict: Some(c.verdict),
                rule: c.rule.as_str(),
                warranty_end: c.warranty.and_then(|w| w.end),
                error: None,
                said: Some(Box::new(Said {
                    estimate: estimate.as_ref().map(|e| e.totals.total),
                    comment: comment(&c, estimate.as_ref()),
                })),
            })
        }),
        None => case
            .and_then(|case| coverage::decide_case(&case).map_err(IntakeError::from))
            .map(|d| Outcome {
                verdict: Some(d.verdict),
                rule: d.rule.as_str(),
                warranty_end: d.warranty_end,
                error: None,
                said: None,
            }),
    };
    match result {
        Ok(outcome) => outcome,
        Err(error) => Outcome::failed(
            row,
            line,
            RowProblem::Fact {
                column: column_of(error.field),
                error,
            },
        ),
    }
}

struct Tally<'f> {
    summary: Summary,
    on_error: &'f mut dyn FnMut(&RowError),
    progress: &'f mut dyn FnMut(u64),
}

impl Tally<'_> {
    /// Rows counted elsewhere (a block's), read through `bytes`.
    fn add(&mut self, counts: &Summary, bytes: u64) {
        let s = &mut self.summary;
        let before = s.rows;
        s.rows += counts.rows;
        s.covered += counts.covered;
        s.billable += counts.billable;
        s.negotiate += counts.negotiate;
        s.errors += counts.errors;
        if before / 65_536 != s.rows / 65_536 {
            (self.progress)(bytes);
        }
    }

    fn count(&mut self, outcome: &Outcome, bytes: u64) {
        let s = &mut self.summary;
        s.count(outcome.verdict);
        if let Some(e) = &outcome.error {
            (self.on_error)(e);
        }
        if s.rows.is_multiple_of(65_536) {
            (self.progress)(bytes);
        }
    }
}

/// Where a batch writes: every row to `output`, the rows that failed also
/// to `rejects` (as they came, to be fixed and run again).
pub struct Outputs<'w, W: Write> {
    pub output: W,
    pub format: DataFormat,
    pub rejects: Option<&'w mut dyn Write>,
}

/// Classify every row of `input`, writing every row with its verdict.
/// Row problems go to `on_error` and into the row's `error`; `progress`
/// hears the bytes read now and then. A header problem is found before any
/// row is read or written.
pub fn classify_stream<R: Read + Send, W: Write>(
    input: R,
    input_format: DataFormat,
    outputs: Outputs<'_, W>,
    options: &BatchOptions,
    on_error: &mut dyn FnMut(&RowError),
    progress: &mut dyn FnMut(u64),
) -> Result<Summary, BatchError> {
    let mut tally = Tally {
        summary: Summary::default(),
        on_error,
        progress,
    };
    let (input, decided, bom) = encoding::decide(input, options.encoding)?;
    let style = options.csv_style(decided, bom);
    match input_format {
        DataFormat::Csv => csv_rows(input, outputs, options, decided, style, &mut tally)?,
        DataFormat::Jsonl => jsonl_rows(input, outputs, options, decided, style, &mut tally)?,
    }
    Ok(tally.summary)
}

const BUFFER: usize = 1 << 16;

/// The names of a batch's columns: a CSV file's header, or every key of a
/// JSON Lines file in the order first seen (result keys left out), to say
/// how each is read (`--explain-columns`).
pub fn column_names<R: Read>(
    input: R,
    format: DataFormat,
    encoding: Encoding,
) -> Result<Vec<String>, BatchError> {
    let (input, decided, _) = encoding::decide(input, encoding)?;
    match format {
        DataFormat::Csv => {
            let mut reader = csv::ReaderBuilder::new()
                .flexible(true)
                .from_reader(QuoteCount::new(input));
            let raw = reader.byte_headers().cloned();
            let raw = match raw {
                Ok(h) => h,
                Err(_) if reader.get_ref().too_large => {
                    return Err(BatchError::RowTooLarge { row: 0, line: 1 });
                }
                Err(e) => return Err(e.into()),
            };
            if raw.is_empty() || raw.len() == 1 && raw[0].is_empty() {
                return Err(BatchError::NoHeader);
            }
            Ok(raw
                .iter()
                .map(|h| {
                    decided
                        .decode(h)
                        .map_or_else(|| String::from_utf8_lossy(h).into_owned(), Cow::into_owned)
                })
                .collect())
        }
        DataFormat::Jsonl => {
            let mut keys = KeyColumns::new(RESULT_COLUMNS.len());
            let mut lines = Lines::new(input);
            while let Some(next) = lines.next()? {
                if let Some(raw) = next {
                    let text = decided.decode(raw);
                    if let Ok(line) = parse_line(&text) {
                        keys.add(Some(&line));
                    }
                }
            }
            Ok(keys.names())
        }
    }
}

/// A header cell's name, `column_N` where a row is longer than the header.
fn column_name(header: &[String], i: usize) -> String {
    header
        .get(i)
        .cloned()
        .unwrap_or_else(|| format!("column_{}", i + 1))
}

fn csv_rows<R: Read + Send, W: Write>(
    input: R,
    outputs: Outputs<'_, W>,
    options: &BatchOptions,
    decided: Decided,
    style: CsvStyle,
    tally: &mut Tally,
) -> Result<(), BatchError> {
    let mut input = QuoteCount::new(input);
    let format = outputs.format;
    // Kept: where each record starts, its bytes as read, and (for blocks)
    // what csv read past the header.
    input.keep = Some(Vec::with_capacity(KEPT + BUFFER));
    let mut reader = csv::ReaderBuilder::new()
        .flexible(true)
        .buffer_capacity(BUFFER)
        .from_reader(input);
    let raw_header = match reader.byte_headers() {
        Ok(header) => header.clone(),
        Err(e) => return Err(read_failure(&reader, 0, 1, e)),
    };
    if reader.position().byte() > MAX_ROW_BYTES {
        return Err(BatchError::RowTooLarge { row: 0, line: 1 });
    }
    if raw_header.is_empty()
        || raw_header.len() == 1 && raw_header[0].is_empty() && reader.is_done()
    {
        return Err(BatchError::NoHeader);
    }
    let header: Vec<String> = raw_header
        .iter()
        .map(|h| {
            decided
                .decode(h)
                .map_or_else(|| String::from_utf8_lossy(h).into_owned(), Cow::into_owned)
        })
        .collect();
    let layout = Layout::of_header(
        &header,
        options.columns,
        options.projects.map(|p| p.column.as_str()),
        options.has_defaults(),
    )
    .map_err(BatchError::Header)?;
    let mut sink = Sink::new(outputs.output, outputs.format, style)?;
    let shape = sink::CsvShape::new(&header, &layout);
    sink.csv_header(&shape, options.result_count())?;
    let mut rejects = outputs
        .rejects
        .map(|w| Rejects::csv(w, &raw_header))
        .transpose()?;
    let width = header.len();
    // Rows may be written as they were read only to a UTF-8 CSV output
    // without the results of an earlier run.
    let utf8_csv = format == DataFormat::Csv && !style.shift_jis;
    let raw_rows = (utf8_csv && !shape.has_results()).then_some(RawRows {
        words: style.words,
        crlf: style.crlf,
    });
    let classifier = Classifier {
        header: &header,
        layout: &layout,
        options,
        decided,
        known_text: false,
    };
    let keeps_rows_as_read = rejects.is_some();
    // The output row of a record written as it was read.
    let mut output = Vec::new();
    // Writes a classified row; gives back its raw record to read into.
    let mut write = |sink: &mut Sink<'_, W>,
                     tally: &mut Tally,
                     mut done: Classified,
                     input: &[u8]|
     -> Result<Spare, BatchError> {
        if done.outcome.error.is_some()
            && let Some(rejects) = &mut rejects
        {
            rejects.csv_row(done.row, &done.raw)?;
        }
        write_row(sink, &mut done, input, &shape, raw_rows, &mut output)?;
        tally.count(&done.outcome, done.bytes);
        Ok(Spare {
            raw: done.raw,
            text: done.text,
            input: done.input,
        })
    };
    if options.threads <= 1 {
        let mut records = Records {
            reader,
            record: csv::ByteRecord::new(),
            row: 0,
            width,
            offset: 0,
        };
        let mut spare = Spare::default();
        while let Some(read) = records.next(spare)? {
            let mut done = classifier.classify(read);
            let input = std::mem::take(&mut done.input);
            spare = write(&mut sink, tally, done, &input)?;
            spare.input = input;
        }
    } else {
        // csv's count of lines read with the header.
        let header_lines = reader.position().line() - 1;
        let header_end = reader.position().byte();
        let mut cutter = blocks::Cutter::after_header(reader.into_inner(), header_end, width);
        let (give_back, given_back) =
            std::sync::mpsc::sync_channel(IN_FLIGHT * options.threads + 2);
        cutter.reading_into(given_back);
        let work = blocks::Work {
            classifier: &classifier,
            shape: &shape,
            raw_rows,
            keeps_rows_as_read,
            give_back,
        };
        // The rows and lines before the block being written.
        let (mut rows, mut lines) = (0, header_lines);
        let mut write_block = |worked: blocks::Worked| -> Result<(), BatchError> {
            let mut at = 0;
            for (until, mut failed) in worked.failed {
                sink.made(worked.out.get(at..until).unwrap_or_default())?;
                at = until;
                if let Some(e) = &mut failed.outcome.error {
                    e.moved(rows, lines);
                    failed.row = e.row;
                    failed.results = Results::of(&failed.outcome, options);
                }
                let input = std::mem::take(&mut failed.input);
                write(&mut sink, tally, failed, &input)?;
            }
            sink.made(worked.out.get(at..).unwrap_or_default())?;
            tally.add(&worked.counts, worked.bytes);
            rows += worked.rows;
            lines += worked.lines;
            match worked.stop {
                Some(BatchError::RowTooLarge { row, line }) => Err(BatchError::RowTooLarge {
                    row: row + rows,
                    line: line + lines,
                }),
                Some(e) => Err(e),
                None => Ok(()),
            }
        };
        ordered(
            || cutter.next(),
            &|job, worker| work.work(job, worker),
            options.threads,
            &|| work.worker(Sink::in_memory(format, style)),
            &mut write_block,
        )?;
    }
    if let Some(rejects) = rejects {
        rejects.finish()?;
    }
    tally.summary.unmappable = sink.finish()?;
    Ok(())
}

/// A classified row written to `sink`: as it was read (`input`) where it
/// may be (most rows are, see [`raw_row`]), else by the csv writer, made as
/// wide as the header. `output` is room to make the row in.
fn write_row<W: Write>(
    sink: &mut Sink<'_, W>,
    done: &mut Classified,
    input: &[u8],
    shape: &sink::CsvShape,
    raw_rows: Option<RawRows>,
    output: &mut Vec<u8>,
) -> Result<(), BatchError> {
    output.clear();
    if as_read(done, input, shape, raw_rows, false, output) {
        sink.made(output)?;
        Ok(())
    } else {
        write_by_writer(sink, done, shape)
    }
}

/// A classified row made as it was read ([`raw_row`]) after what `out`
/// holds, where it may be; false where it may not.
fn as_read(
    done: &Classified,
    input: &[u8],
    shape: &sink::CsvShape,
    raw_rows: Option<RawRows>,
    as_written: bool,
    out: &mut Vec<u8>,
) -> bool {
    let results = &done.results;
    let Some(rows) = raw_rows else { return false };
    let record = if done.decoded { &done.text } else { &done.raw };
    if record.len() != shape.width() {
        return false;
    }
    let tail = Tail {
        cells: &results.cells(rows.words)[..results.count()],
        crlf: rows.crlf,
        as_written,
    };
    if !done.decoded {
        return raw_row(input, record, tail, out);
    }
    done.shift_jis && shift_jis_row(input, record, tail, out)
}

/// [`raw_row`] of a Shift_JIS row: `input` decoded whole, where `record` is
/// its cells decoded one by one. The two are the same text, with the
/// quotes, commas and line breaks (ASCII, never inside a character) where
/// they were.
fn shift_jis_row(input: &[u8], record: &Cells, tail: Tail, out: &mut Vec<u8>) -> bool {
    thread_local! {
        static TEXT: std::cell::RefCell<Vec<u8>> = const { std::cell::RefCell::new(Vec::new()) };
    }
    TEXT.with_borrow_mut(|text| {
        text.clear();
        Decided::shift_jis_into(input, text) && raw_row(text, record, tail, out)
    })
}

/// A classified row written by the csv writer, made as wide as the header.
fn write_by_writer<W: Write>(
    sink: &mut Sink<'_, W>,
    done: &mut Classified,
    shape: &sink::CsvShape,
) -> Result<(), BatchError> {
    let record = if done.decoded { &done.text } else { &done.raw };
    sink.csv_row(record, shape, &done.results)
}

/// Why csv stopped reading at `row` (its `line`): the row past the size
/// limit, else csv's own error.
fn read_failure<R: Read>(
    reader: &csv::Reader<QuoteCount<R>>,
    row: u64,
    line: u64,
    e: csv::Error,
) -> BatchError {
    if reader.get_ref().too_large {
        BatchError::RowTooLarge { row, line }
    } else {
        BatchError::from(e)
    }
}

/// A CSV input's records, each with where it stands.
struct Records<R: Read> {
    reader: csv::Reader<QuoteCount<R>>,
    /// The record csv reads into, whose cells each row's are copied from.
    record: csv::ByteRecord,
    /// Rows read so far.
    row: u64,
    /// The header's width.
    width: usize,
    /// Where in the input the reader started (after the header, or where
    /// blocks could not be cut): rows and lines count from there.
    offset: u64,
}

/// Records written and given back to be read and decoded into again, so
/// that no row allocates its own.
#[derive(Default)]
struct Spare {
    raw: Cells,
    text: Cells,
    /// The record's bytes as read (see [`raw_row`]).
    input: Vec<u8>,
}

impl Spare {
    /// Records with room for a typical row of `width` cells.
    fn sized(width: usize) -> Spare {
        Spare {
            raw: Cells::with_capacity(256, width),
            text: Cells::default(),
            input: Vec::with_capacity(256),
        }
    }
}

/// A record as read: its row, its line, how far the input has been read,
/// and where an unclosed quote that swallowed it opened; with a spare
/// record to decode it into.
struct ReadRow {
    raw: Cells,
    text: Cells,
    input: Vec<u8>,
    row: u64,
    line: u64,
    bytes: u64,
    unclosed: Option<u64>,
}

impl<R: Read> Records<R> {
    /// The next record, read into `raw`; `None` at the end. A record too
    /// large or input csv cannot read stops the batch.
    fn next(&mut self, spare: Spare) -> Result<Option<ReadRow>, BatchError> {
        let Spare {
            mut raw,
            text,
            mut input,
        } = spare;
        let reader = &mut self.reader;
        // Where the next record starts: its first byte and line.
        let start = reader.position().clone();
        reader.get_mut().record_start = start.byte();
        let read = reader.read_byte_record(&mut self.record);
        let line = start.line() + reader.get_ref().blank_lines(start.byte());
        match read {
            // The exact limit; the reader's check bounds the memory.
            Ok(true) if reader.position().byte() - start.byte() > MAX_ROW_BYTES => {
                return Err(BatchError::RowTooLarge {
                    row: self.row + 1,
                    line,
                });
            }
            Ok(true) => {}
            Ok(false) => return Ok(None),
            Err(e) => return Err(read_failure(reader, self.row + 1, line, e)),
        }
        self.row += 1;
        // Line breaks are the same bytes in every encoding read: the raw
        // record shows an unclosed quote as the decoded one would.
        let unclosed = unclosed_quote(reader, &self.record, line, self.width);
        raw.set_record(&self.record);
        let end = reader.position().byte();
        reader.get_mut().take(start.byte(), end, &mut input);
        Ok(Some(ReadRow {
            raw,
            text,
            input,
            row: self.row,
            line,
            bytes: self.offset + reader.position().byte(),
            unclosed,
        }))
    }
}

/// What classifying a row needs: shared, read-only, by every thread.
#[derive(Clone, Copy)]
struct Classifier<'a> {
    header: &'a [String],
    layout: &'a Layout,
    options: &'a BatchOptions<'a>,
    decided: Decided,
    /// Whether every row is known to be UTF-8 text, not checked again: a
    /// Shift_JIS block decoded whole ([`blocks`]).
    known_text: bool,
}

/// What a row written as it was read ends with: the results in these
/// words, and this line break.
#[derive(Clone, Copy)]
struct RawRows<'a> {
    words: Option<&'a ResultWords>,
    crlf: bool,
}

/// A row classified: its record as read, as UTF-8 text when that differs
/// (Shift_JIS, or bytes that are not text), and its outcome.
struct Classified {
    raw: Cells,
    input: Vec<u8>,
    /// The row as UTF-8 when `decoded`; else a spare, given back to be
    /// decoded into again.
    text: Cells,
    decoded: bool,
    /// Decoded from Shift_JIS, every cell text.
    shift_jis: bool,
    outcome: Outcome,
    /// The result cells, made with the outcome (off the writer's thread).
    results: Results,
    row: u64,
    bytes: u64,
}

impl Classifier<'_> {
    fn classify(&self, read: ReadRow) -> Classified {
        let ReadRow {
            raw,
            mut text,
            input,
            row,
            line,
            bytes,
            unclosed,
        } = read;
        let decided = self.decided;
        // The row as UTF-8 text, checked cell by cell.
        let mut bad = None;
        let mut decoded = false;
        let mut shift_jis = false;
        if decided == Decided::ShiftJis && !raw.is_ascii() {
            // Each cell decoded on its own (a character never runs across
            // cells), through the thread's one scratch buffer.
            thread_local! {
                static SCRATCH: std::cell::RefCell<Vec<u8>> = const { std::cell::RefCell::new(Vec::new()) };
            }
            text.clear();
            SCRATCH.with_borrow_mut(|scratch| {
                for (i, cell) in raw.iter().enumerate() {
                    if cell.is_ascii() {
                        text.push_field(cell);
                        continue;
                    }
                    scratch.clear();
                    if !Decided::shift_jis_into(cell, scratch) {
                        bad = Some(i);
                        break;
                    }
                    text.push_field(scratch);
                }
            });
            decoded = true;
            shift_jis = bad.is_none();
        } else if !self.known_text && !raw.is_ascii() {
            bad = raw.first_not_utf8();
        }
        if bad.is_some() {
            // Written with U+FFFD in place of what is not text: the output
            // is UTF-8 whatever came in (--rejects keeps the bytes).
            text.clear();
            for cell in raw.iter() {
                text.push_field(decided.decode_lossy(cell).as_bytes());
            }
            decoded = true;
        }
        let record = if decoded { &text } else { &raw };
        let width = self.header.len();
        // An unclosed quote first: it is why the cell holds what it does.
        let outcome = if let Some(opened) = unclosed {
            Outcome::failed(row, line, RowProblem::UnclosedQuote { opened })
        } else if let Some(i) = bad {
            Outcome::failed(
                row,
                line,
                RowProblem::NotText {
                    column: Some(column_name(self.header, i)),
                    encoding: decided,
                },
            )
        } else if record.len() > width {
            Outcome::failed(
                row,
                line,
                RowProblem::TooManyFields {
                    got: record.len(),
                    header: width,
                },
            )
        } else {
            csv_facts(record, self.header, self.layout, self.options, row, line)
        };
        let results = Results::of(&outcome, self.options);
        Classified {
            raw,
            input,
            text,
            decoded,
            shift_jis,
            results,
            outcome,
            row,
            bytes,
        }
    }
}

/// What follows a row written as it was read, and what is known of its
/// bytes.
#[derive(Clone, Copy)]
struct Tail<'c> {
    /// The result cells.
    cells: &'c [&'c [u8]],
    /// The line break: CR LF, else LF.
    crlf: bool,
    /// The row's bytes are known to be as the csv writer writes them
    /// (their block's quotes were walked, see [`blocks::Job`]).
    as_written: bool,
}

/// A row written as it was read: `input`, the record's bytes, when they are
/// exactly what the csv writer would write for `record` (a cell quoted only
/// when it must be, a quote inside doubled), followed by the `tail`, after
/// what `out` holds. False when they are not (a cell quoted that needs no
/// quotes, a bare quote): the writer writes that row, and the output is
/// the same bytes either way.
fn raw_row(input: &[u8], record: &Cells, tail: Tail, out: &mut Vec<u8>) -> bool {
    // Blank lines csv skipped before the record, and its line break.
    let start = input
        .iter()
        .position(|b| !matches!(b, b'\r' | b'\n'))
        .unwrap_or(input.len());
    let mut bytes = &input[start..];
    bytes = bytes.strip_suffix(b"\n").unwrap_or(bytes);
    bytes = bytes.strip_suffix(b"\r").unwrap_or(bytes);
    // The csv writer writes a record of no bytes otherwise.
    if record.is_blank() && tail.cells.iter().all(|c| c.is_empty()) {
        return false;
    }
    if !tail.as_written && !written_as_read(bytes) {
        return false;
    }
    out.extend_from_slice(bytes);
    for cell in tail.cells {
        out.push(b',');
        write_cell(cell, out);
    }
    out.extend_from_slice(if tail.crlf { b"\r\n" } else { b"\n" });
    true
}

/// The bytes that make the csv writer quote a cell.
const NEEDS_QUOTES: [bool; 256] = {
    let mut table = [false; 256];
    table[b',' as usize] = true;
    table[b'"' as usize] = true;
    table[b'\r' as usize] = true;
    table[b'\n' as usize] = true;
    table
};

/// Whether a cell needs quotes in CSV, as the csv writer decides it.
fn needs_quotes(cell: &[u8]) -> bool {
    cell.iter().any(|&b| NEEDS_QUOTES[usize::from(b)])
}

/// Whether `bytes` (a record's as csv read it, line breaks left out) are
/// what the csv writer writes for that record: every quote opening a cell
/// at its start, doubled inside it or closing it before a `,`, and every
/// quoted cell needing its quotes. Bare cells then hold no byte the writer
/// would quote: a `,` or a line break would have ended them, and a quote
/// in one is refused. Only the quotes are visited, and the quoted cells.
fn written_as_read(bytes: &[u8]) -> bool {
    let mut from = 0;
    while let Some(at) = memchr::memchr(b'"', &bytes[from..]) {
        let open = from + at;
        if open > 0 && bytes[open - 1] != b',' {
            return false;
        }
        let mut inside = open + 1;
        // A quote doubled inside, or a byte the writer quotes for.
        let mut needs = false;
        loop {
            let Some(at) = memchr::memchr(b'"', &bytes[inside..]) else {
                return false;
            };
            let close = inside + at;
            needs = needs || memchr::memchr3(b',', b'\r', b'\n', &bytes[inside..close]).is_some();
            match bytes.get(close + 1) {
                Some(b'"') => {
                    needs = true;
                    inside = close + 2;
                }
                None | Some(b',') => {
                    from = close + 1;
                    break;
                }
                Some(_) => return false,
            }
        }
        if !needs {
            return false;
        }
    }
    true
}

/// `cell` as the csv writer writes it.
fn write_cell(cell: &[u8], out: &mut Vec<u8>) {
    if !needs_quotes(cell) {
        out.extend_from_slice(cell);
        return;
    }
    out.push(b'"');
    for part in cell.split_inclusive(|b| *b == b'"') {
        out.extend_from_slice(part);
        if part.ends_with(b"\"") {
            out.push(b'"');
        }
    }
    out.push(b'"');
}

/// Rows a queue carries at a time: few enough that the queues hold little
/// (a few MB), many enough that a thread seldom waits on one.
const CHUNK: usize = 1024;
/// Chunks per worker read and not yet written.
const IN_FLIGHT: usize = 4;

/// Chunks read on one thread by `read`, worked on `workers` threads side
/// by side by `work` (each with its own `S`), and handed to `write` on this
/// one in the order read, through bounded queues: tokens bound the chunks
/// read and not yet written. `read` gives a chunk and, when it stopped, why
/// (the end, or a failure that comes after the chunk). A failure on any
/// thread stops the others (their queue closes) and is the batch's.
fn ordered<C: Send, D: Send, S>(
    mut read: impl FnMut() -> (C, Option<Result<(), BatchError>>) + Send,
    work: &(impl Fn(C, &mut S) -> Result<D, BatchError> + Sync),
    workers: usize,
    state: &(impl Fn() -> S + Sync),
    write: &mut dyn FnMut(D) -> Result<(), BatchError>,
) -> Result<(), BatchError> {
    use std::collections::BTreeMap;
    use std::sync::mpsc::{Receiver, sync_channel};
    use std::sync::{Arc, Mutex};
    type Job<C> = (u64, Result<C, BatchError>);
    let slots = IN_FLIGHT * workers;
    let (job_tx, job_rx) = sync_channel::<Job<C>>(slots);
    let job_rx: Arc<Mutex<Receiver<Job<C>>>> = Arc::new(Mutex::new(job_rx));
    let (done_tx, done_rx) = sync_channel::<(u64, Result<D, BatchError>)>(slots);
    // A token for each chunk read and not yet written.
    let (token_tx, token_rx) = sync_channel::<()>(slots);
    for _ in 0..slots {
        let _ = token_tx.send(());
    }
    std::thread::scope(|scope| {
        scope.spawn(move || {
            for seq in 0.. {
                if token_rx.recv().is_err() {
                    return;
                }
                let (chunk, stop) = read();
                if job_tx.send((seq, Ok(chunk))).is_err() {
                    return;
                }
                match stop {
                    Some(Err(e)) => {
                        let _ = job_tx.send((seq + 1, Err(e)));
                        return;
                    }
                    Some(Ok(())) => return,
                    None => {}
                }
            }
        });
        for _ in 0..workers {
            let (job_rx, done_tx) = (Arc::clone(&job_rx), done_tx.clone());
            scope.spawn(move || {
                let mut state = state();
                loop {
                    // The lock is held only to take a job.
                    let job = job_rx.lock().map(|rx| rx.recv());
                    let Ok(Ok((seq, chunk))) = job else { return };
                    let done = chunk.and_then(|chunk| work(chunk, &mut state));
                    if done_tx.send((seq, done)).is_err() {
                        return;
                    }
                }
            });
        }
        drop(done_tx);
        // Owned here: a failed write drops it, and the reader, waiting for
        // a token, stops.
        let tokens = token_tx;
        // The chunks in their order, whichever worker finished first.
        let mut waiting = BTreeMap::new();
        let mut next = 0;
        for (seq, done) in done_rx {
            waiting.insert(seq, done);
            while let Some(done) = waiting.remove(&next) {
                write(done?)?;
                next += 1;
                let _ = tokens.send(());
            }
        }
        Ok(())
    })
}

/// An input that counts its `"` bytes as csv reads it (Shift_JIS never
/// has 0x22 inside a character, so the count holds in both encodings), and
/// knows whether csv has met its end.
struct QuoteCount<R> {
    inner: R,
    quotes: u64,
    bytes: u64,
    /// Where the record being read starts; reading more than
    /// [`MAX_ROW_BYTES`] past it fails, and sets `too_large`.
    record_start: u64,
    too_large: bool,
    ended: bool,
    /// The bytes read from `kept_from` on: where each record starts, and
    /// its bytes to write it as it was read ([`raw_row`]).
    keep: Option<Vec<u8>>,
    kept_from: u64,
}

impl<R> QuoteCount<R> {
    fn new(inner: R) -> Self {
        QuoteCount {
            inner,
            quotes: 0,
            bytes: 0,
            record_start: 0,
            too_large: false,
            ended: false,
            keep: None,
            kept_from: 0,
        }
    }

    /// The line breaks csv passed over from `start` before the record that
    /// starts there: blank lines, and the LF of a CR LF, which csv reads
    /// as the start of the next record. A record's line is csv's line at
    /// `start` and these.
    fn blank_lines(&self, start: u64) -> u64 {
        let Some(keep) = &self.keep else { return 0 };
        let from = usize::try_from(start - self.kept_from).unwrap_or(usize::MAX);
        blank_lines(keep.get(from..).unwrap_or_default())
    }

    /// The input's bytes from `start` to `end` into `into`, when kept;
    /// bytes before `end` are not asked for again.
    fn take(&mut self, start: u64, end: u64, into: &mut Vec<u8>) {
        into.clear();
        let Some(keep) = &mut self.keep else { return };
        let from = |at: u64| usize::try_from(at - self.kept_from).unwrap_or(usize::MAX);
        if let Some(bytes) = keep.get(from(start)..from(end)) {
            into.extend_from_slice(bytes);
        }
        // Dropped a stretch at a time, not a row at a time.
        if from(end) > KEPT {
            keep.drain(..from(end));
            self.kept_from = end;
        }
    }
}

/// The line breaks `bytes` start with (see [`QuoteCount::blank_lines`]).
fn blank_lines(bytes: &[u8]) -> u64 {
    let blank = bytes
        .iter()
        .position(|b| !matches!(b, b'\r' | b'\n'))
        .unwrap_or(bytes.len());
    memchr::memchr_iter(b'\n', &bytes[..blank]).count() as u64
}

/// Bytes of input kept behind the record being read before they are
/// dropped.
const KEPT: usize = 1 << 18;

impl<R: Read> Read for QuoteCount<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        // csv reads ahead by at most its buffer: past that, the record
        // itself is too large.
        if self.bytes - self.record_start > MAX_ROW_BYTES + BUFFER as u64 {
            self.too_large = true;
            return Err(io::Error::new(
                io::ErrorKind::InvalidData,
                "a row larger than the most a row may hold",
            ));
        }
        let n = self.inner.read(buf)?;
        if let Some(keep) = &mut self.keep {
            keep.extend_from_slice(&buf[..n]);
        }
        // memchr skips quote-free stretches many bytes at a time.
        self.quotes += memchr::memchr_iter(b'"', &buf[..n]).count() as u64;
        self.bytes += n as u64;
        self.ended |= n == 0 && !buf.is_empty();
        Ok(n)
    }
}

/// Where a quote opened that the input never closed, if this record is the
/// one it swallowed: csv reads on to the end of the input as one cell and
/// says nothing, so a file of 200 tickets would be "1 row".
///
/// The record must run to the end of the input (csv had to meet the end
/// to finish it: a last row that ends with a line break does not), the
/// input must hold an odd number of quotes (a closed cell has two, an
/// escaped quote two more), and the record must show the damage: a cell
/// that holds a line break, or fewer cells than the header. The line is
/// where that cell starts.
fn unclosed_quote<R: Read>(
    reader: &csv::Reader<QuoteCount<R>>,
    record: &csv::ByteRecord,
    line: u64,
    width: usize,
) -> Option<u64> {
    let input = reader.get_ref();
    if !input.ended || input.quotes.is_multiple_of(2) || reader.position().byte() != input.bytes {
        return None;
    }
    damage(record.iter(), line, width)
}

/// Where a record a quote never closed swallowed shows it ([`unclosed_quote`]):
/// the line of its first cell that holds a line break, else its own line
/// if it has fewer cells than the header.
fn damage<'c>(
    cells: impl ExactSizeIterator<Item = &'c [u8]>,
    line: u64,
    width: usize,
) -> Option<u64> {
    let breaks = |cell: &[u8]| cell.iter().filter(|&&b| b == b'\n').count() as u64;
    let count = cells.len();
    let mut at = line;
    for cell in cells {
        if cell.contains(&b'\n') || cell.contains(&b'\r') {
            return Some(at);
        }
        at += breaks(cell);
    }
    (count < width).then_some(line)
}

fn csv_facts(
    record: &Cells,
    header: &[String],
    layout: &Layout,
    options: &BatchOptions,
    row: u64,
    line: u64,
) -> Outcome {
    let mut input = CaseInput::default();
    let mut given = false;
    for &(i, field) in &layout.facts {
        // A short row's missing cells are empty.
        let cell = record.get(i).unwrap_or_default();
        given |= !is_blank(cell);
        if let Err(error) = options.values.parse(&mut input, field, cell) {
            let column = Some(header[i].clone());
            return Outcome::failed(row, line, RowProblem::Fact { error, column });
        }
    }
    if !given && !options.has_defaults() {
        return Outcome::failed(row, line, RowProblem::NoFactGiven);
    }
    let project = layout
        .project
        .map(|i| std::str::from_utf8(record.get(i).unwrap_or_default()).unwrap_or_default());
    let defaults = match options.defaults_for(project) {
        Ok(defaults) => defaults,
        Err(problem) => return Outcome::failed(row, line, problem),
    };
    let hours = match (options.comments, layout.hours) {
        (Some(_), Some(i)) => match read_hours(record.get(i).unwrap_or_default()) {
            Ok(hours) => hours,
            Err(got) => {
                let column = header[i].clone();
                return Outcome::failed(row, line, RowProblem::NotHours { column, got });
            }
        },
        _ => None,
    };
    // The column of a fact, unless a flag or the system gave it for this
    // row's empty cell.
    let column_of = |field| {
        let &(i, _) = layout.facts.iter().find(|&&(_, f)| f == field)?;
        let from_row = !is_blank(record.get(i).unwrap_or_default());
        (from_row || !defaults.gives(field)).then(|| header[i].clone())
    };
    classify_row(input, defaults, hours, options, row, line, column_of)
}

/// An hours cell: none when empty or zero, else the hours; the text when
/// it is no number of hours.
fn read_hours(cell: &[u8]) -> Result<Option<Hours>, String> {
    let text = String::from_utf8_lossy(cell);
    let text = text.trim();
    if text.is_empty() || text.bytes().all(|b| b == b'0' || b == b'.') && text.contains('0') {
        return Ok(None);
    }
    Hours::parse(text).map(Some).ok_or_else(|| text.to_owned())
}

/// A cell that gives no fact: empty, or only spaces.
fn is_blank(cell: &[u8]) -> bool {
    cell.iter().all(u8::is_ascii_whitespace)
}

/// The most JSON Lines keys whose reading is remembered.
const NAME_CACHE: usize = 1024;

/// The facts of a JSON Lines row, by the same rules as a CSV header.
fn json_facts(
    line: &JsonLine,
    names: &mut HashMap<String, Name>,
    options: &BatchOptions,
    row: u64,
    at: u64,
) -> Outcome {
    let fail = |problem| Outcome::failed(row, at, problem);
    let mut cells: [Option<(&str, Cow<str>)>; Field::COUNT] = std::array::from_fn(|_| None);
    let mut any_fact = false;
    let mut project = None;
    let mut hours_cell = None;
    for entry in &line.entries {
        if let Some(p) = options.projects
            && p.column == entry.key.as_ref()
        {
            project = Some(entry.cell());
            continue;
        }
        if options.comments.is_some() && options.columns.hours.iter().any(|h| *h == entry.key) {
            hours_cell.get_or_insert((entry.key.to_string(), entry.cell()));
            continue;
        }
        let name = match names.get(entry.key.as_ref()) {
            Some(name) => *name,
            None => {
                let name = options.columns.name(&entry.key);
                // Keys repeat from row to row; a file whose keys never
                // repeat must not grow the cache without bound.
                if names.len() < NAME_CACHE {
                    names.insert(entry.key.to_string(), name);
                }
                name
            }
        };
        match name {
            Name::Fact(fact) => {
                any_fact = true;
                let slot = &mut cells[fact as usize];
                if let Some((first, _)) = slot {
                    return fail(RowProblem::Keys(HeaderProblem::FactTwice {
                        fact,
                        first: (*first).to_owned(),
                        second: entry.key.to_string(),
                    }));
                }
                match entry.fact_value() {
                    FactValue::Text(text) => *slot = Some((&entry.key, text)),
                    FactValue::Null => *slot = Some((&entry.key, Cow::Borrowed(""))),
                    FactValue::Other => {
                        return fail(RowProblem::FactNotText {
                            key: entry.key.to_string(),
                        });
                    }
                }
            }
            Name::NearMiss(fact) => {
                return fail(RowProblem::Keys(HeaderProblem::NearMiss {
                    column: entry.key.to_string(),
                    fact,
                }));
            }
            Name::Result(_) | Name::Pass => {}
        }
    }
    if !any_fact && !options.has_defaults() {
        return fail(RowProblem::Keys(HeaderProblem::NothingToClassifyBy));
    }
    let mut input = CaseInput::default();
    let mut given = false;
    for (field, cell) in Field::ALL.into_iter().zip(&cells) {
        if let Some((key, text)) = cell {
            given |= !is_blank(text.as_bytes());
            if let Err(error) = options.values.parse(&mut input, field, text.as_bytes()) {
                let column = Some((*key).to_owned());
                return fail(RowProblem::Fact { error, column });
            }
        }
    }
    if !given && !options.has_defaults() {
        return fail(RowProblem::NoFactGiven);
    }
    let defaults = match options.defaults_for(project.as_deref()) {
        Ok(defaults) => defaults,
        Err(problem) => return fail(problem),
    };
    let hours = match &hours_cell {
        Some((key, cell)) => match read_hours(cell.as_bytes()) {
            Ok(hours) => hours,
            Err(got) => {
                let column = key.clone();
                return fail(RowProblem::NotHours { column, got });
            }
        },
        None => None,
    };
    let column_of = |field: Field| {
        let (key, text) = cells[field as usize].as_ref()?;
        let from_row = !is_blank(text.as_bytes());
        (from_row || !defaults.gives(field)).then(|| (*key).to_owned())
    };
    classify_row(input, defaults, hours, options, row, at, column_of)
}

/// Reads JSON Lines one line at a time into a reused buffer.
struct Lines<R> {
    reader: BufReader<R>,
    buf: Vec<u8>,
    line: u64,
    row: u64,
    bytes: u64,
}

impl<R: Read> Lines<R> {
    fn new(input: R) -> Self {
        Lines {
            reader: BufReader::with_capacity(BUFFER, input),
            buf: Vec::new(),
            line: 0,
            row: 0,
            bytes: 0,
        }
    }

    /// The next line without its end, `Some(None)` for a blank line (no row).
    fn next(&mut self) -> Result<Option<Option<&[u8]>>, BatchError> {
        self.buf.clear();
        let n =
            io::Read::take(&mut self.reader, MAX_ROW_BYTES + 1).read_until(b'\n', &mut self.buf)?;
        if n == 0 {
            return Ok(None);
        }
        if n as u64 > MAX_ROW_BYTES {
            return Err(BatchError::RowTooLarge {
                row: self.row + 1,
                line: self.line + 1,
            });
        }
        self.line += 1;
        self.bytes += n as u64;
        let raw = trim_line_end(&self.buf);
        let raw = if self.line == 1 {
            raw.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(raw)
        } else {
            raw
        };
        if raw.iter().all(u8::is_ascii_whitespace) {
            return Ok(Some(None));
        }
        self.row += 1;
        Ok(Some(Some(raw)))
    }
}

fn trim_line_end(line: &[u8]) -> &[u8] {
    let line = line.strip_suffix(b"\n").unwrap_or(line);
    line.strip_suffix(b"\r").unwrap_or(line)
}

/// A JSON Lines line read: the object, or why it is none (with its text,
/// lossy where it is not text, to keep in the output).
fn parse_line<'t>(text: &'t Option<Cow<'t, str>>) -> Result<JsonLine<'t>, Option<LineProblem>> {
    match text {
        None => Err(None),
        Some(text) => JsonLine::parse(text).map_err(Some),
    }
}

/// A JSON Lines line's outcome: classified by its facts, or why it is no
/// row (not text, not a JSON object).
fn line_outcome(
    parsed: &Result<JsonLine, Option<LineProblem>>,
    names: &mut HashMap<String, Name>,
    options: &BatchOptions,
    decided: Decided,
    row: u64,
    at: u64,
) -> Outcome {
    match parsed {
        Ok(line) => json_facts(line, names, options, row, at),
        Err(None) => Outcome::failed(
            row,
            at,
            RowProblem::NotText {
                column: None,
                encoding: decided,
            },
        ),
        Err(Some(problem)) => Outcome::failed(row, at, RowProblem::Json(problem.clone())),
    }
}

fn jsonl_rows<R: Read + Send, W: Write>(
    input: R,
    outputs: Outputs<'_, W>,
    options: &BatchOptions,
    decided: Decided,
    style: CsvStyle,
    tally: &mut Tally,
) -> Result<(), BatchError> {
    match outputs.format {
        DataFormat::Jsonl => jsonl_pass(input, outputs, None, options, decided, style, tally),
        DataFormat::Csv => {
            // The CSV columns are every key of every valid row, in the order
            // first seen: read once into a spool file to find them, then
            // again to write. No row decides the columns for the others.
            let mut spool = BufWriter::new(tempfile::tempfile()?);
            let mut keys = KeyColumns::new(options.result_count());
            let mut lines = Lines::new(input);
            while let Some(next) = lines.next()? {
                if let Some(raw) = next {
                    let text = decided.decode(raw);
                    keys.add(parse_line(&text).ok().as_ref());
                }
                spool.write_all(&lines.buf)?;
            }
            let mut spool = spool.into_inner().map_err(|e| e.into_error())?;
            spool.rewind()?;
            jsonl_pass(
                spool,
                outputs,
                Some(keys.finish()),
                options,
                decided,
                style,
                tally,
            )
        }
    }
}

fn jsonl_pass<R: Read + Send, W: Write>(
    input: R,
    outputs: Outputs<'_, W>,
    keys: Option<KeyColumns>,
    options: &BatchOptions,
    decided: Decided,
    style: CsvStyle,
    tally: &mut Tally,
) -> Result<(), BatchError> {
    let mut sink = Sink::new(outputs.output, outputs.format, style)?;
    let mut rejects = outputs.rejects.map(Rejects::Jsonl);
    let Some(keys) = keys else {
        // JSON Lines out: each line's output is made where it is classified.
        let classifier = LineClassifier {
            options,
            decided,
            keep_failed: rejects.is_some(),
        };
        let mut write = |done: LinesDone| -> Result<(), BatchError> {
            sink.made(&done.out)?;
            for line in done.lines {
                let Some(outcome) = line.outcome else {
                    continue;
                };
                if let (Some(rejects), Some(raw)) = (&mut rejects, &line.failed) {
                    rejects.line(raw)?;
                }
                tally.count(&outcome, line.bytes);
            }
            Ok(())
        };
        let lines = ReadLines(Lines::new(input));
        if options.threads <= 1 {
            let mut lines = lines;
            let mut names = HashMap::new();
            loop {
                let (chunk, stop) = lines.chunk();
                if !chunk.is_empty() {
                    write(classifier.classify(chunk, &mut names)?)?;
                }
                match stop {
                    Some(Err(e)) => return Err(e),
                    Some(Ok(())) => break,
                    None => {}
                }
            }
        } else {
            let mut lines = lines;
            let work = |chunk, names: &mut HashMap<_, _>| classifier.classify(chunk, names);
            ordered(
                move || lines.chunk(),
                &work,
                options.threads,
                &HashMap::new,
                &mut write,
            )?;
        }
        if let Some(rejects) = rejects {
            rejects.finish()?;
        }
        tally.summary.unmappable = sink.finish()?;
        return Ok(());
    };
    sink.key_header(keys, options.result_count())?;
    let mut names = HashMap::new();
    let mut lines = Lines::new(input);
    loop {
        let (row, at) = (lines.row + 1, lines.line + 1);
        let Some(next) = lines.next()? else { break };
        let Some(raw) = next else {
            // A blank line is no row; JSON Lines keeps it so lines line up.
            sink.blank_line()?;
            continue;
        };
        let text = decided.decode(raw);
        let parsed = parse_line(&text);
        let outcome = line_outcome(&parsed, &mut names, options, decided, row, at);
        if outcome.error.is_some()
            && let Some(rejects) = &mut rejects
        {
            rejects.line(raw)?;
        }
        let lossy = String::from_utf8_lossy(raw);
        sink.json_row(
            parsed.as_ref().map_err(|_| lossy.as_ref()),
            &Results::of(&outcome, options),
        )?;
        tally.count(&outcome, lines.bytes);
    }
    if let Some(rejects) = rejects {
        rejects.finish()?;
    }
    tally.summary.unmappable = sink.finish()?;
    Ok(())
}

/// A JSON Lines line as read: its bytes without the line end (none for a
/// blank line, which is no row), its row and line, and how far the input
/// has been read.
struct ReadLine {
    raw: Option<Vec<u8>>,
    row: u64,
    at: u64,
    bytes: u64,
}

/// JSON Lines input read a chunk at a time.
struct ReadLines<R>(Lines<R>);

impl<R: Read> ReadLines<R> {
    /// Up to [`CHUNK`] lines, and why reading stopped if it did: the end
    /// (`Ok`) or a failure, which comes after the lines read before it.
    fn chunk(&mut self) -> (Vec<ReadLine>, Option<Result<(), BatchError>>) {
        let lines = &mut self.0;
        let mut chunk = Vec::with_capacity(CHUNK);
        while chunk.len() < CHUNK {
            let (row, at) = (lines.row + 1, lines.line + 1);
            match lines.next() {
                Ok(Some(raw)) => {
                    let raw = raw.map(<[u8]>::to_vec);
                    let row = if raw.is_some() { row } else { row - 1 };
                    chunk.push(ReadLine {
                        raw,
                        row,
                        at,
                        bytes: lines.bytes,
                    });
                }
                Ok(None) => return (chunk, Some(Ok(()))),
                Err(e) => return (chunk, Some(Err(e))),
            }
        }
        (chunk, None)
    }
}

/// Lines classified: the output they make, one after another, and each
/// line's outcome.
struct LinesDone {
    out: Vec<u8>,
    lines: Vec<LineDone>,
}

struct LineDone {
    /// None for a blank line.
    outcome: Option<Outcome>,
    /// The line's bytes when it failed and rejects are kept.
    failed: Option<Vec<u8>>,
    bytes: u64,
}

/// What classifying a JSON Lines line needs: shared, read-only.
struct LineClassifier<'a> {
    options: &'a BatchOptions<'a>,
    decided: Decided,
    keep_failed: bool,
}

impl LineClassifier<'_> {
    /// The lines' outcomes and their output, as the writer writes them;
    /// `names` is the thread's own cache of keys read.
    fn classify(
        &self,
        chunk: Vec<ReadLine>,
        names: &mut HashMap<String, Name>,
    ) -> Result<LinesDone, BatchError> {
        let capacity = chunk
            .iter()
            .map(|l| l.raw.as_ref().map_or(1, |r| r.len() + 96))
            .sum();
        let mut out = Vec::with_capacity(capacity);
        let mut lines = Vec::with_capacity(chunk.len());
        for ReadLine {
            raw,
            row,
            at,
            bytes,
        } in chunk
        {
            let Some(raw) = raw else {
                // A blank line is no row; JSON Lines keeps it so lines line up.
                out.push(b'\n');
                lines.push(LineDone {
                    outcome: None,
                    failed: None,
                    bytes,
                });
                continue;
            };
            let outcome = {
                let text = self.decided.decode(&raw);
                let parsed = parse_line(&text);
                let outcome = line_outcome(&parsed, names, self.options, self.decided, row, at);
                let lossy = String::from_utf8_lossy(&raw);
                sink::json_line(
                    &mut out,
                    parsed.as_ref().map_err(|_| lossy.as_ref()),
                    &Results::of(&outcome, self.options),
                )?;
                outcome
            };
            let failed = (self.keep_failed && outcome.error.is_some()).then_some(raw);
            lines.push(LineDone {
                outcome: Some(outcome),
                failed,
                bytes,
            });
        }
        Ok(LinesDone { out, lines })
    }
}

#[cfg(test)]
mod text_checks {
    use super::*;

    #[test]
    fn shift_jis_decodes_into_a_buffer_or_leaves_it_as_it_was() {
        let (sjis, _, _) = encoding_rs::SHIFT_JIS.encode("障害チケット");
        let mut out = b"pre".to_vec();
        assert!(Decided::shift_jis_into(&sjis, &mut out));
        assert_eq!(out, "pre障害チケット".as_bytes());
        // A lead byte with nothing after it: not Shift_JIS.
        assert!(!Decided::shift_jis_into(&sjis[..1], &mut out));
        assert_eq!(out, "pre障害チケット".as_bytes());
    }
}

#[cfg(test)]
mod raw_rows {
    use super::*;
    use proptest::prelude::*;

    /// What the csv writer writes for `record` and `cells`.
    fn written(record: &Cells, cells: &[&[u8]], crlf: bool) -> Vec<u8> {
        let mut writer = csv::WriterBuilder::new()
            .flexible(true)
            .terminator(if crlf {
                csv::Terminator::CRLF
            } else {
                csv::Terminator::Any(b'\n')
            })
            .from_writer(Vec::new());
        let all = record.iter().chain(cells.iter().copied());
        writer.write_record(all).unwrap();
        writer.into_inner().unwrap()
    }

    /// The first record csv reads from `bytes`, with the bytes it read for it.
    fn first(bytes: &[u8]) -> Option<(Cells, Vec<u8>)> {
        let mut reader = csv::ReaderBuilder::new()
            .has_headers(false)
            .flexible(true)
            .from_reader(bytes);
        let mut record = csv::ByteRecord::new();
        reader.read_byte_record(&mut record).ok()?.then_some(())?;
        let end = usize::try_from(reader.position().byte()).unwrap();
        let mut cells = Cells::default();
        cells.set_record(&record);
        Some((cells, bytes[..end].to_vec()))
    }

    /// A cell of bytes that matter to CSV.
    fn cell() -> impl Strategy<Value = Vec<u8>> {
        let bytes = prop::sample::select(vec![
            &b"a"[..],
            b",",
            b"\"",
            b"\r",
            b"\n",
            b" ",
            b"\xE9",
            "\u{969c}".as_bytes(),
        ]);
        proptest::collection::vec(bytes, 0..6).prop_map(|parts| parts.concat())
    }

    /// Results after a row whose bytes are checked.
    fn tail<'c>(cells: &'c [&'c [u8]], crlf: bool) -> Tail<'c> {
        Tail {
            cells,
            crlf,
            as_written: false,
        }
    }

    /// `cell` in quotes, its quotes doubled, whether or not it needs them.
    pub(super) fn quoted(cell: &[u8]) -> Vec<u8> {
        let mut out = vec![b'"'];
        for &b in cell {
            out.push(b);
            if b == b'"' {
                out.push(b'"');
            }
        }
        out.push(b'"');
        out
    }

    /// How a cell is written in the input: as the writer would, always
    /// quoted, or as it is.
    fn encoded(cell: &[u8], how: u8) -> Vec<u8> {
        match how {
            0 if needs_quotes(cell) => quoted(cell),
            0 | 2 => cell.to_vec(),
            _ => quoted(cell),
        }
    }

    proptest! {
        /// Whenever a row is written as it was read, its bytes are what the
        /// csv writer would write: the two ways give the same output.
        #[test]
        fn a_row_written_as_read_is_what_the_writer_writes(
            cells in proptest::collection::vec((cell(), 0u8..3), 1..5),
            blank in 0usize..3,
            end in prop::sample::select(vec![&b"\n"[..], b"\r\n", b"\r", b""]),
            results in proptest::collection::vec(cell(), 1..3),
            crlf in any::<bool>(),
        ) {
            let mut input = b"\n".repeat(blank);
            for (i, (cell, how)) in cells.iter().enumerate() {
                if i > 0 {
                    input.push(b',');
                }
                input.extend(encoded(cell, *how));
            }
            input.extend_from_slice(end);
            let results: Vec<&[u8]> = results.iter().map(Vec::as_slice).collect();
            // The same row saved in Shift_JIS: its cells decoded one by one
            // are what the writer writes.
            if let Ok(text) = std::str::from_utf8(&input) {
                let (sjis, _, _) = encoding_rs::SHIFT_JIS.encode(text);
                if let Some((raw, read)) = first(&sjis) {
                    let mut record = Cells::default();
                    for cell in raw.iter() {
                        let mut decoded = Vec::new();
                        prop_assert!(Decided::shift_jis_into(cell, &mut decoded));
                        record.push_field(&decoded);
                    }
                    let mut out = Vec::new();
                    if shift_jis_row(&read, &record, tail(&results, crlf), &mut out) {
                        prop_assert_eq!(out, written(&record, &results, crlf));
                    }
                }
            }
            let Some((record, read)) = first(&input) else { return Ok(()) };
            let mut out = Vec::new();
            out.clear();
            if raw_row(&read, &record, tail(&results, crlf), &mut out) {
                prop_assert_eq!(out, written(&record, &results, crlf));
            }
        }
    }

    #[test]
    fn rows_as_the_writer_writes_them_are_written_as_read() {
        let (record, read) = first(b"T-1,\"a, b\",2024-01-10\r\n").unwrap();
        let mut out = Vec::new();
        assert!(raw_row(
            &read,
            &record,
            tail(&[b"covered", b"x\"y"], false),
            &mut out
        ));
        assert_eq!(out, b"T-1,\"a, b\",2024-01-10,covered,\"x\"\"y\"\n");
        // A cell quoted that needs no quotes, a bare quote inside a cell
        // (even where a later quote would seem to close it), a quote that
        // closes a cell that goes on: the writer writes the row.
        for input in [
            &b"\"T-1\",b\n"[..],
            b"a\"b,c\n",
            b"a\"b,c\"\n",
            b"\"a,b\"c,d\n",
        ] {
            let (record, read) = first(input).unwrap();
            let taken = raw_row(&read, &record, tail(&[b"covered"], false), &mut out);
            assert!(!taken, "{}", String::from_utf8_lossy(input));
        }
    }
}
