//! Classifying a file of tickets row by row: CSV with a header, or JSON Lines.
//!
//! The promises: every row in is a row out, in input order; columns (keys)
//! the batch does not read pass through untouched; a row that cannot be
//! classified keeps its place with an empty verdict and an `error`, and the
//! run goes on. Memory does not grow with the input: one row is in hand at a
//! time, in buffers reused from row to row.
//!
//! The facts a row gives are the flags of `hoshu classify` in snake_case
//! (`delivered`, `reported`, `external_cause`, `kind`, `warranty_months`,
//! `plan`, `plan_start`, `plan_end`); an empty cell (or a missing or null
//! key) falls back to the defaults the caller passes (flags, system file).

use chrono::NaiveDate;
use serde::Deserialize;
use std::borrow::Cow;
use std::fmt;
use std::io::{self, BufRead, BufReader, BufWriter, Read, Write};

use crate::coverage::{self, Verdict};
use crate::date::write_date;
use crate::intake::{CaseInput, Field, IntakeError, parse_field};
use crate::rates::RateCard;

/// The formats a batch reads and writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DataFormat {
    Csv,
    Jsonl,
}

/// What every row shares.
#[derive(Debug, Clone, Copy)]
pub struct BatchOptions<'a> {
    pub card: &'a RateCard,
    /// Values for the facts a row leaves empty.
    pub defaults: CaseInput<'a>,
    /// The report date of a row that gives none.
    pub today: NaiveDate,
}

/// The columns appended to every row, in this order.
pub const RESULT_COLUMNS: [&str; 4] = ["verdict", "rule", "warranty_end", "error"];

/// Counts for the summary line.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Summary {
    pub rows: u64,
    pub covered: u64,
    pub billable: u64,
    pub negotiate: u64,
    pub errors: u64,
}

/// Why one row has no verdict.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RowProblem {
    Fact(IntakeError),
    /// Bytes that are not UTF-8 in a column.
    NotUtf8 {
        column: String,
    },
    /// A CSV row with another number of fields than the header.
    FieldCount {
        got: usize,
        header: usize,
    },
    /// A JSON Lines line that is not a JSON object of the expected shape.
    Json(String),
    /// A JSON Lines key that the CSV output has no column for.
    NewKey {
        key: String,
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

impl fmt::Display for RowError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "row {} (line {}): ", self.row, self.line)?;
        match &self.problem {
            RowProblem::Fact(e) => write!(f, "column {}: {}", e.field.column(), e.problem),
            RowProblem::NotUtf8 { column } => write!(
                f,
                "column {column}: not valid UTF-8 text; the row is passed through as it is"
            ),
            RowProblem::FieldCount { got, header } => {
                write!(
                    f,
                    "has {got} fields but the header has {header}; every row needs one field per column"
                )
            }
            RowProblem::Json(e) => {
                write!(f, "not a JSON object of text, number or null values: {e}")
            }
            RowProblem::NewKey { key } => write!(
                f,
                "key {key} is not among the CSV columns (taken from row 1); its value is not in the output"
            ),
        }
    }
}

/// A batch that cannot go on: the input cannot be read or the output written.
#[derive(Debug, thiserror::Error)]
pub enum BatchError {
    #[error("cannot read or write the batch")]
    Io(#[from] io::Error),
    #[error("the input is not CSV that can be read: {0}")]
    Csv(String),
    #[error("the input is empty: a CSV batch needs a header row naming its columns")]
    NoHeader,
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

/// The result of one row, written into the appended columns.
struct Outcome {
    verdict: Option<Verdict>,
    rule: &'static str,
    warranty_end: Option<NaiveDate>,
    error: Option<Box<RowError>>,
}

impl Outcome {
    fn failed(error: RowError) -> Outcome {
        Outcome {
            verdict: None,
            rule: "",
            warranty_end: None,
            error: Some(Box::new(error)),
        }
    }
}

fn verdict_str(v: Option<Verdict>) -> &'static str {
    match v {
        None => "",
        Some(Verdict::Covered) => "covered",
        Some(Verdict::Billable) => "billable",
        Some(Verdict::Negotiate) => "negotiate",
    }
}

/// Classify one row's facts.
fn classify_row(input: CaseInput, options: &BatchOptions, row: u64, line: u64) -> Outcome {
    let result = input
        .or(options.defaults)
        .resolve(options.card, options.today)
        .and_then(|case| coverage::classify(&case).map_err(IntakeError::from));
    match result {
        Ok(c) => Outcome {
            verdict: Some(c.verdict),
            rule: c.rule.as_str(),
            warranty_end: c.warranty.and_then(|w| w.end),
            error: None,
        },
        Err(e) => Outcome::failed(RowError {
            row,
            line,
            problem: RowProblem::Fact(e),
        }),
    }
}

struct Tally<'f> {
    summary: Summary,
    on_error: &'f mut dyn FnMut(&RowError),
    progress: &'f mut dyn FnMut(u64),
}

impl Tally<'_> {
    fn count(&mut self, outcome: &Outcome, bytes: u64) {
        let s = &mut self.summary;
        s.rows += 1;
        match outcome.verdict {
            Some(Verdict::Covered) => s.covered += 1,
            Some(Verdict::Billable) => s.billable += 1,
            Some(Verdict::Negotiate) => s.negotiate += 1,
            None => s.errors += 1,
        }
        if let Some(e) = &outcome.error {
            (self.on_error)(e);
        }
        if s.rows.is_multiple_of(65_536) {
            (self.progress)(bytes);
        }
    }
}

/// Classify every row of `input`, writing every row with its verdict to
/// `output`. Row problems go to `on_error` and into the row's `error`;
/// `progress` hears the bytes read now and then.
pub fn classify_stream<R: Read, W: Write>(
    input: R,
    output: W,
    input_format: DataFormat,
    output_format: DataFormat,
    options: &BatchOptions,
    on_error: &mut dyn FnMut(&RowError),
    progress: &mut dyn FnMut(u64),
) -> Result<Summary, BatchError> {
    let mut tally = Tally {
        summary: Summary::default(),
        on_error,
        progress,
    };
    match input_format {
        DataFormat::Csv => csv_in(input, output, output_format, options, &mut tally)?,
        DataFormat::Jsonl => jsonl_in(input, output, output_format, options, &mut tally)?,
    }
    Ok(tally.summary)
}

const BUFFER: usize = 1 << 16;

/// Where each fact's column is, and where the result columns already are
/// (a file classified before is classified again in place).
struct Columns {
    facts: Vec<(usize, Field)>,
    results: [Option<usize>; 4],
}

impl Columns {
    fn from_header(header: &csv::ByteRecord) -> Columns {
        let position = |name: &str| header.iter().position(|h| h == name.as_bytes());
        Columns {
            facts: Field::ALL
                .iter()
                .filter_map(|f| position(f.column()).map(|i| (i, *f)))
                .collect(),
            results: RESULT_COLUMNS.map(position),
        }
    }

    /// Whether any result column is in the input already.
    fn has_results(&self) -> bool {
        self.results.iter().any(Option::is_some)
    }
}

fn csv_in<R: Read, W: Write>(
    input: R,
    output: W,
    output_format: DataFormat,
    options: &BatchOptions,
    tally: &mut Tally,
) -> Result<(), BatchError> {
    let mut reader = csv::ReaderBuilder::new()
        .flexible(true)
        .buffer_capacity(BUFFER)
        .from_reader(input);
    let header = reader.byte_headers()?.clone();
    if header.is_empty() || header.len() == 1 && header[0].is_empty() && reader.is_done() {
        return Err(BatchError::NoHeader);
    }
    let columns = Columns::from_header(&header);
    let mut sink = match output_format {
        DataFormat::Csv => Sink::csv(output, &header, &columns)?,
        DataFormat::Jsonl => Sink::Jsonl(BufWriter::with_capacity(BUFFER, output)),
    };
    let mut record = csv::ByteRecord::new();
    let mut row = 0;
    while reader.read_byte_record(&mut record)? {
        row += 1;
        let line = record.position().map_or(0, |p| p.line());
        let outcome = csv_row(&record, &header, &columns, options, row, line);
        let bytes = reader.position().byte();
        sink.write_csv_row(&mut record, &header, &columns, &outcome)?;
        tally.count(&outcome, bytes);
    }
    sink.finish()
}

fn csv_row(
    record: &csv::ByteRecord,
    header: &csv::ByteRecord,
    columns: &Columns,
    options: &BatchOptions,
    row: u64,
    line: u64,
) -> Outcome {
    let fail = |problem| Outcome::failed(RowError { row, line, problem });
    if record.len() != header.len() {
        return fail(RowProblem::FieldCount {
            got: record.len(),
            header: header.len(),
        });
    }
    // One check for the whole row; the column is looked for only on failure.
    let bytes = record.as_slice();
    if !bytes.is_ascii() && std::str::from_utf8(bytes).is_err() {
        let i = record
            .iter()
            .position(|cell| std::str::from_utf8(cell).is_err())
            .unwrap_or(0);
        return fail(RowProblem::NotUtf8 {
            column: String::from_utf8_lossy(&header[i]).into_owned(),
        });
    }
    let mut input = CaseInput::default();
    for &(i, field) in &columns.facts {
        if let Err(e) = parse_field(&mut input, field, &record[i]) {
            return fail(RowProblem::Fact(e));
        }
    }
    classify_row(input, options, row, line)
}

#[allow(clippy::large_enum_variant)] // one per batch, never moved in a loop
enum Sink<W: Write> {
    /// The writer and a record reused for every row.
    Csv(csv::Writer<W>, csv::ByteRecord),
    Jsonl(BufWriter<W>),
}

impl<W: Write> Sink<W> {
    fn csv(output: W, header: &csv::ByteRecord, columns: &Columns) -> Result<Sink<W>, BatchError> {
        let mut writer = csv::WriterBuilder::new()
            .flexible(true)
            .buffer_capacity(BUFFER)
            .from_writer(output);
        for field in header {
            writer.write_field(field)?;
        }
        for (name, at) in RESULT_COLUMNS.iter().zip(columns.results) {
            if at.is_none() {
                writer.write_field(name)?;
            }
        }
        writer.write_record(None::<&[u8]>)?;
        Ok(Sink::Csv(writer, csv::ByteRecord::new()))
    }

    fn write_csv_row(
        &mut self,
        record: &mut csv::ByteRecord,
        header: &csv::ByteRecord,
        columns: &Columns,
        outcome: &Outcome,
    ) -> Result<(), BatchError> {
        let date = date_bytes(outcome);
        let error = outcome
            .error
            .as_ref()
            .map(ToString::to_string)
            .unwrap_or_default();
        let results: [&[u8]; 4] = [
            verdict_str(outcome.verdict).as_bytes(),
            outcome.rule.as_bytes(),
            &date,
            error.as_bytes(),
        ];
        match self {
            Sink::Csv(writer, _) if !columns.has_results() => {
                // The usual case: the results appended to the record read,
                // written whole (the csv crate's fast path), no copy.
                for cell in results {
                    record.push_field(cell);
                }
                writer.write_byte_record(record)?;
            }
            Sink::Csv(writer, out) => {
                // Classified before: the results replace the old ones in place.
                out.clear();
                for (i, cell) in record.iter().enumerate() {
                    match columns.results.iter().position(|r| *r == Some(i)) {
                        Some(k) => out.push_field(results[k]),
                        None => out.push_field(cell),
                    }
                }
                for (k, at) in columns.results.iter().enumerate() {
                    if at.is_none() {
                        out.push_field(results[k]);
                    }
                }
                writer.write_byte_record(out)?;
            }
            Sink::Jsonl(out) => {
                // One object: the header's names as keys, the cells as text.
                let mut object = serde_json::Map::new();
                for (i, cell) in record.iter().enumerate() {
                    let name = header.get(i).map_or_else(
                        || format!("column_{}", i + 1),
                        |n| String::from_utf8_lossy(n).into_owned(),
                    );
                    object.insert(name, String::from_utf8_lossy(cell).into_owned().into());
                }
                insert_results(&mut object, outcome, &date);
                serde_json::to_writer(&mut *out, &object).map_err(io::Error::from)?;
                out.write_all(b"\n")?;
            }
        }
        Ok(())
    }

    fn finish(self) -> Result<(), BatchError> {
        match self {
            Sink::Csv(mut writer, _) => writer.flush()?,
            Sink::Jsonl(mut out) => out.flush()?,
        }
        Ok(())
    }
}

fn insert_results(
    object: &mut serde_json::Map<String, serde_json::Value>,
    outcome: &Outcome,
    date: &[u8],
) {
    let text = |s: &str| serde_json::Value::String(s.to_owned());
    object.insert("verdict".into(), text(verdict_str(outcome.verdict)));
    object.insert("rule".into(), text(outcome.rule));
    object.insert(
        "warranty_end".into(),
        text(std::str::from_utf8(date).unwrap_or_default()),
    );
    object.insert(
        "error".into(),
        outcome
            .error
            .as_ref()
            .map_or(serde_json::Value::Null, |e| text(&e.to_string())),
    );
}

/// A JSON value of a fact: text, a number, or null (absent).
struct JsonFact<'a>(Option<Cow<'a, str>>);

impl<'de: 'a, 'a> Deserialize<'de> for JsonFact<'a> {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V<'a>(std::marker::PhantomData<&'a ()>);
        impl<'de: 'a, 'a> serde::de::Visitor<'de> for V<'a> {
            type Value = JsonFact<'a>;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("text, a whole number or null")
            }
            fn visit_borrowed_str<E>(self, v: &'de str) -> Result<Self::Value, E> {
                Ok(JsonFact(Some(Cow::Borrowed(v))))
            }
            fn visit_str<E>(self, v: &str) -> Result<Self::Value, E> {
                Ok(JsonFact(Some(Cow::Owned(v.to_owned()))))
            }
            fn visit_u64<E>(self, v: u64) -> Result<Self::Value, E> {
                Ok(JsonFact(Some(Cow::Owned(v.to_string()))))
            }
            fn visit_i64<E>(self, v: i64) -> Result<Self::Value, E> {
                Ok(JsonFact(Some(Cow::Owned(v.to_string()))))
            }
            fn visit_unit<E>(self) -> Result<Self::Value, E> {
                Ok(JsonFact(None))
            }
        }
        d.deserialize_any(V(std::marker::PhantomData))
    }
}

/// The keys a JSON Lines row is read for; any other key is passed through.
#[derive(Deserialize)]
struct JsonRow<'a> {
    #[serde(borrow, default)]
    delivered: Option<JsonFact<'a>>,
    #[serde(borrow, default)]
    reported: Option<JsonFact<'a>>,
    #[serde(borrow, default)]
    external_cause: Option<JsonFact<'a>>,
    #[serde(borrow, default)]
    kind: Option<JsonFact<'a>>,
    #[serde(borrow, default)]
    warranty_months: Option<JsonFact<'a>>,
    #[serde(borrow, default)]
    plan: Option<JsonFact<'a>>,
    #[serde(borrow, default)]
    plan_start: Option<JsonFact<'a>>,
    #[serde(borrow, default)]
    plan_end: Option<JsonFact<'a>>,
    #[serde(default)]
    verdict: Option<serde::de::IgnoredAny>,
    #[serde(default)]
    rule: Option<serde::de::IgnoredAny>,
    #[serde(default)]
    warranty_end: Option<serde::de::IgnoredAny>,
    #[serde(default)]
    error: Option<serde::de::IgnoredAny>,
}

fn fact<'b>(f: &'b Option<JsonFact<'_>>) -> Option<&'b str> {
    f.as_ref().and_then(|j| j.0.as_deref())
}

impl JsonRow<'_> {
    fn has_results(&self) -> bool {
        self.verdict.is_some()
            || self.rule.is_some()
            || self.warranty_end.is_some()
            || self.error.is_some()
    }

    fn facts(&self) -> [(Field, Option<&str>); 8] {
        [
            (Field::Delivered, fact(&self.delivered)),
            (Field::Reported, fact(&self.reported)),
            (Field::ExternalCause, fact(&self.external_cause)),
            (Field::Kind, fact(&self.kind)),
            (Field::WarrantyMonths, fact(&self.warranty_months)),
            (Field::Plan, fact(&self.plan)),
            (Field::PlanStart, fact(&self.plan_start)),
            (Field::PlanEnd, fact(&self.plan_end)),
        ]
    }
}

/// One JSON Lines row read and classified.
struct JsonlOutcome<'b> {
    raw: &'b [u8],
    /// The line as text, when it is UTF-8.
    text: Option<&'b str>,
    /// The line is a JSON object.
    is_object: bool,
    /// It already has result keys (classified before).
    has_results: bool,
    outcome: Outcome,
}

impl JsonlOutcome<'_> {
    /// The row as a JSON object: itself, or its text kept under `input`.
    fn object(&self) -> serde_json::Map<String, serde_json::Value> {
        match self
            .text
            .filter(|_| self.is_object)
            .map(serde_json::from_str)
        {
            Some(Ok(object)) => object,
            _ => {
                let mut wrapped = serde_json::Map::new();
                wrapped.insert(
                    "input".into(),
                    String::from_utf8_lossy(self.raw).into_owned().into(),
                );
                wrapped
            }
        }
    }
}

fn jsonl_row<'b>(raw: &'b [u8], options: &BatchOptions, row: u64, line: u64) -> JsonlOutcome<'b> {
    let mut out = JsonlOutcome {
        raw,
        text: None,
        is_object: false,
        has_results: false,
        outcome: Outcome {
            verdict: None,
            rule: "",
            warranty_end: None,
            error: None,
        },
    };
    let fail = |problem| Outcome::failed(RowError { row, line, problem });
    let Ok(text) = std::str::from_utf8(raw) else {
        out.outcome = fail(RowProblem::NotUtf8 {
            column: "(the whole line)".into(),
        });
        return out;
    };
    out.text = Some(text);
    if !text.trim_start().starts_with('{') {
        out.outcome = fail(RowProblem::Json("the line does not start with `{`".into()));
        return out;
    }
    let parsed: JsonRow = match serde_json::from_str(text) {
        Ok(parsed) => parsed,
        Err(e) => {
            out.outcome = fail(RowProblem::Json(e.to_string()));
            return out;
        }
    };
    out.is_object = true;
    out.has_results = parsed.has_results();
    let mut input = CaseInput::default();
    for (field, text) in parsed.facts() {
        if let Some(text) = text
            && let Err(e) = parse_field(&mut input, field, text.as_bytes())
        {
            out.outcome = fail(RowProblem::Fact(e));
            return out;
        }
    }
    out.outcome = classify_row(input, options, row, line);
    out
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
    fn next(&mut self) -> io::Result<Option<Option<&[u8]>>> {
        self.buf.clear();
        let n = self.reader.read_until(b'\n', &mut self.buf)?;
        if n == 0 {
            return Ok(None);
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

/// The warranty end as `YYYY-MM-DD` bytes, or no bytes.
struct DateBytes([u8; 10], usize);

impl std::ops::Deref for DateBytes {
    type Target = [u8];
    fn deref(&self) -> &[u8] {
        &self.0[..self.1]
    }
}

fn date_bytes(outcome: &Outcome) -> DateBytes {
    match outcome.warranty_end {
        Some(end) => DateBytes(write_date(end), 10),
        None => DateBytes([0; 10], 0),
    }
}

fn jsonl_in<R: Read, W: Write>(
    input: R,
    output: W,
    output_format: DataFormat,
    options: &BatchOptions,
    tally: &mut Tally,
) -> Result<(), BatchError> {
    match output_format {
        DataFormat::Jsonl => jsonl_to_jsonl(input, output, options, tally),
        DataFormat::Csv => jsonl_to_csv(input, output, options, tally),
    }
}

fn jsonl_to_jsonl<R: Read, W: Write>(
    input: R,
    output: W,
    options: &BatchOptions,
    tally: &mut Tally,
) -> Result<(), BatchError> {
    let mut lines = Lines::new(input);
    let mut out = BufWriter::with_capacity(BUFFER, output);
    loop {
        let (row, line) = (lines.row + 1, lines.line + 1);
        let Some(next) = lines.next()? else { break };
        let Some(raw) = next else {
            // A blank line is no row; keep it so that lines still line up.
            out.write_all(b"\n")?;
            continue;
        };
        let r = jsonl_row(raw, options, row, line);
        let date = date_bytes(&r.outcome);
        match r.text {
            // The line as it came, with the results appended before its `}`
            // (a parsed object ends in `}` and white space).
            Some(text) if r.is_object && !r.has_results => {
                let body = text.trim_end();
                let body = body[..body.len() - 1].trim_end();
                out.write_all(body.as_bytes())?;
                if !body.ends_with('{') {
                    out.write_all(b",")?;
                }
                // Verdicts, rule ids and dates are plain ASCII: no escaping.
                out.write_all(b"\"verdict\":\"")?;
                out.write_all(verdict_str(r.outcome.verdict).as_bytes())?;
                out.write_all(b"\",\"rule\":\"")?;
                out.write_all(r.outcome.rule.as_bytes())?;
                out.write_all(b"\",\"warranty_end\":\"")?;
                out.write_all(&date)?;
                out.write_all(b"\",\"error\":")?;
                match &r.outcome.error {
                    None => out.write_all(b"null")?,
                    Some(e) => {
                        serde_json::to_writer(&mut out, &e.to_string()).map_err(io::Error::from)?
                    }
                }
                out.write_all(b"}")?;
            }
            _ => {
                let mut object = r.object();
                insert_results(&mut object, &r.outcome, &date);
                serde_json::to_writer(&mut out, &object).map_err(io::Error::from)?;
            }
        }
        out.write_all(b"\n")?;
        tally.count(&r.outcome, lines.bytes);
    }
    out.flush()?;
    Ok(())
}

fn jsonl_to_csv<R: Read, W: Write>(
    input: R,
    output: W,
    options: &BatchOptions,
    tally: &mut Tally,
) -> Result<(), BatchError> {
    let mut lines = Lines::new(input);
    let mut writer = csv::WriterBuilder::new()
        .flexible(true)
        .buffer_capacity(BUFFER)
        .from_writer(output);
    // The CSV columns: the first row's keys.
    let mut keys: Option<Vec<String>> = None;
    let mut cell = Vec::new();
    loop {
        let (row, line) = (lines.row + 1, lines.line + 1);
        let Some(next) = lines.next()? else { break };
        let Some(raw) = next else { continue };
        let mut r = jsonl_row(raw, options, row, line);
        let object = r.object();
        if keys.is_none() {
            let first: Vec<String> = object
                .keys()
                .filter(|k| !RESULT_COLUMNS.contains(&k.as_str()))
                .cloned()
                .collect();
            writer.write_record(first.iter().map(String::as_str).chain(RESULT_COLUMNS))?;
            keys = Some(first);
        }
        let keys = keys.as_ref().expect("set with the first row");
        if r.outcome.error.is_none()
            && let Some(key) = object
                .keys()
                .find(|k| !keys.contains(k) && !RESULT_COLUMNS.contains(&k.as_str()))
        {
            r.outcome = Outcome::failed(RowError {
                row,
                line,
                problem: RowProblem::NewKey { key: key.clone() },
            });
        }
        for key in keys.iter() {
            cell.clear();
            match object.get(key) {
                None | Some(serde_json::Value::Null) => {}
                Some(serde_json::Value::String(s)) => cell.extend_from_slice(s.as_bytes()),
                Some(other) => serde_json::to_writer(&mut cell, other).map_err(io::Error::from)?,
            }
            writer.write_field(&cell)?;
        }
        let date = date_bytes(&r.outcome);
        let error = r
            .outcome
            .error
            .as_ref()
            .map(ToString::to_string)
            .unwrap_or_default();
        writer.write_record([
            verdict_str(r.outcome.verdict).as_bytes(),
            r.outcome.rule.as_bytes(),
            &date,
            error.as_bytes(),
        ])?;
        tally.count(&r.outcome, lines.bytes);
    }
    writer.flush()?;
    Ok(())
}

fn trim_line_end(line: &[u8]) -> &[u8] {
    let line = line.strip_suffix(b"\n").unwrap_or(line);
    line.strip_suffix(b"\r").unwrap_or(line)
}

/// Deterministic ticket files for benchmarks and tests: the same `rows` and
/// `seed` always give the same bytes. Every fact column is filled with a mix
/// of values (some empty, a few invalid) so every rule and path is taken.
pub mod sample {
    use std::io::{self, Write};

    /// A small, fast, deterministic generator (xorshift64*); not for secrets.
    struct Rng(u64);

    impl Rng {
        fn next(&mut self) -> u64 {
            self.0 ^= self.0 >> 12;
            self.0 ^= self.0 << 25;
            self.0 ^= self.0 >> 27;
            self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
        }

        fn below(&mut self, n: u64) -> u64 {
            self.next() % n
        }
    }

    pub const HEADER: &str =
        "id,title,delivered,reported,external_cause,kind,warranty_months,plan,plan_start,plan_end";

    /// Write a CSV ticket file of `rows` rows (plus the header).
    pub fn write_csv(mut out: impl Write, rows: u64, seed: u64) -> io::Result<()> {
        let mut rng = Rng(seed.max(1));
        writeln!(out, "{HEADER}")?;
        for i in 0..rows {
            let (dy, dm, dd) = (2020 + rng.below(6), 1 + rng.below(12), 1 + rng.below(28));
            let (ry, rm, rd) = (dy + rng.below(2), 1 + rng.below(12), 1 + rng.below(28));
            let cause = ["yes", "no", "unknown", ""][rng.below(4) as usize];
            let kind = ["defect", "defect", "defect", "change", "minor", ""][rng.below(6) as usize];
            let months = ["3", "6", "", "4"][rng.below(4) as usize];
            let plan = ["", "", "operation", "standard", "full"][rng.below(5) as usize];
            let (start, end) = if plan.is_empty() || rng.below(2) == 0 {
                (String::new(), String::new())
            } else {
                (
                    format!("{dy:04}-{dm:02}-{dd:02}"),
                    format!("{:04}-12-31", dy + 1 + rng.below(3)),
                )
            };
            // About one row in a thousand has an impossible date.
            let reported_day = if rng.below(1000) == 0 { 31 } else { rd };
            let reported_month = if reported_day == 31 { 2 } else { rm };
            writeln!(
                out,
                "T-{i:07},\"Ticket {i}, seed {seed}\",{dy:04}-{dm:02}-{dd:02},{ry:04}-{reported_month:02}-{reported_day:02},{cause},{kind},{months},{plan},{start},{end}"
            )?;
        }
        Ok(())
    }
}
