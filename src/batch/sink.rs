//! Writing each row with its results, as CSV or JSON Lines; and the rejects
//! file, where a failed row goes as it came.
//!
//! Every CSV row written is exactly as wide as its header: a short row is
//! padded, a long one cut to the header (it is an error, and whole in the
//! rejects file). Every JSON Lines row is the input line with the results
//! put in: its other keys and values byte for byte.

use std::collections::HashSet;
use std::io::{self, BufWriter, Write};

use super::cells::Cells;
use super::encoding::ShiftJisWriter;
use super::json_line::JsonLine;
use super::{
    BUFFER, BatchError, DataFormat, Layout, REJECTED_ROW_COLUMN, RESULT_COLUMNS, ResultWords,
    Results,
};

/// How a CSV output is written for its reader: for scripts (UTF-8, LF,
/// the results' ids), or for Excel in Japan (a BOM or Shift_JIS, CR LF,
/// the results in the user's words).
#[derive(Debug, Clone, Copy, Default)]
pub(crate) struct CsvStyle<'a> {
    pub bom: bool,
    pub crlf: bool,
    pub shift_jis: bool,
    /// The result columns' names and verdicts in words; `None`: ids.
    pub words: Option<&'a ResultWords>,
}

/// The output under the csv writer: as it is, or re-encoded.
pub(super) enum OutWriter<W: Write> {
    Plain(W),
    ShiftJis(ShiftJisWriter<W>),
}

impl<W: Write> Write for OutWriter<W> {
    #[inline]
    fn write(&mut self, bytes: &[u8]) -> io::Result<usize> {
        match self {
            OutWriter::Plain(w) => w.write(bytes),
            OutWriter::ShiftJis(w) => w.write(bytes),
        }
    }

    #[inline]
    fn write_all(&mut self, bytes: &[u8]) -> io::Result<()> {
        match self {
            OutWriter::Plain(w) => w.write_all(bytes),
            OutWriter::ShiftJis(w) => w.write_all(bytes),
        }
    }

    fn flush(&mut self) -> io::Result<()> {
        match self {
            OutWriter::Plain(w) => w.flush(),
            OutWriter::ShiftJis(w) => w.flush(),
        }
    }
}

/// `name`, or `name_2`, `name_3`… when `taken` has it.
fn unique(name: &str, taken: &mut Taken) -> String {
    let mut candidate = name.to_owned();
    // Where the last search for this name stopped: each copy of a name
    // repeated 100,000 times starts from there, not from `_2`.
    let n = taken.next.entry(name.to_owned()).or_insert(1);
    while !taken.names.insert(candidate.clone()) {
        *n += 1;
        candidate = format!("{name}_{n}");
    }
    candidate
}

/// The JSON keys given so far, and per name the last suffix tried.
#[derive(Default)]
struct Taken {
    names: HashSet<String>,
    next: std::collections::HashMap<String, usize>,
}

/// How a CSV input's rows are written.
pub(super) struct CsvShape {
    names: Vec<String>,
    results: [Option<usize>; 6],
    /// Each column's key in JSON Lines output: unique, `None` for the
    /// result columns of an earlier run (replaced by this run's).
    json_keys: Vec<Option<String>>,
}

impl CsvShape {
    pub(super) fn new(header: &[String], layout: &Layout) -> CsvShape {
        let mut taken = Taken::default();
        let json_keys = header
            .iter()
            .enumerate()
            .map(|(i, name)| (!layout.results.contains(&Some(i))).then(|| unique(name, &mut taken)))
            .collect();
        CsvShape {
            names: header.to_vec(),
            results: layout.results,
            json_keys,
        }
    }

    /// The header's width.
    pub(super) fn width(&self) -> usize {
        self.names.len()
    }

    pub(super) fn has_results(&self) -> bool {
        self.results.iter().any(Option::is_some)
    }
}

/// The CSV columns of a JSON Lines input: every key of every valid row in
/// the order first seen, and a column for the text of lines that are no
/// JSON object.
#[derive(Default)]
pub(super) struct KeyColumns {
    /// How many of [`RESULT_COLUMNS`] this run writes: keys of those
    /// names are results, not columns.
    results: usize,
    keys: Vec<String>,
    seen: Taken,
    /// The column for lines that are not objects, when there are any.
    raw: Option<String>,
    any_raw: bool,
}

impl KeyColumns {
    pub(super) fn new(results: usize) -> KeyColumns {
        KeyColumns {
            results,
            ..KeyColumns::default()
        }
    }

    pub(super) fn add(&mut self, line: Option<&JsonLine>) {
        match line {
            Some(line) => {
                for entry in &line.entries {
                    let key = entry.key.as_ref();
                    if !RESULT_COLUMNS[..self.results].contains(&key)
                        && !self.seen.names.contains(key)
                    {
                        self.seen.names.insert(key.to_owned());
                        self.keys.push(key.to_owned());
                    }
                }
            }
            None => self.any_raw = true,
        }
    }

    /// The keys seen, in the order first seen.
    pub(super) fn names(self) -> Vec<String> {
        self.keys
    }

    pub(super) fn finish(mut self) -> KeyColumns {
        if self.any_raw {
            self.raw = Some(unique("input", &mut self.seen));
        }
        self
    }
}

/// A JSON Lines output row with its results, into `out`: the object as
/// it came with the results put in, or the text of a line that is none.
pub(super) fn json_line(
    out: &mut impl Write,
    line: Result<&JsonLine, &str>,
    results: &Results,
) -> io::Result<()> {
    match line {
        Ok(line)
            if !line
                .entries
                .iter()
                .any(|e| results.names().contains(&e.key.as_ref())) =>
        {
            // The line as it came, the results put in before its `}` (a
            // parsed object ends in `}` and white space).
            let body = line.text.trim_end();
            let body = body.strip_suffix('}').unwrap_or(body).trim_end();
            out.write_all(body.as_bytes())?;
            results.write_json(out, body.ends_with('{'))?;
            out.write_all(b"}")?;
        }
        Ok(line) => {
            // Results of an earlier run, whatever their values, are
            // replaced; the other members kept as written.
            out.write_all(b"{")?;
            let mut first = true;
            for entry in &line.entries {
                if results.names().contains(&entry.key.as_ref()) {
                    continue;
                }
                if !first {
                    out.write_all(b",")?;
                }
                first = false;
                out.write_all(line.text[entry.span.clone()].as_bytes())?;
            }
            results.write_json(out, first)?;
            out.write_all(b"}")?;
        }
        Err(text) => {
            out.write_all(b"{\"input\":")?;
            serde_json::to_writer(&mut *out, text).map_err(io::Error::from)?;
            results.write_json(out, false)?;
            out.write_all(b"}")?;
        }
    }
    out.write_all(b"\n")
}

/// The CSV output's buffer, shared by the csv writer and the rows written
/// as they were read ([`Sink::made`]), which go here directly after
/// what the writer holds. Flushing the writer moves its bytes here and no
/// further, so that doing so for every such row costs no system call.
pub(super) struct Held<W: Write>(std::rc::Rc<std::cell::RefCell<BufWriter<W>>>);

impl<W: Write> Write for Held<W> {
    #[inline]
    fn write(&mut self, bytes: &[u8]) -> io::Result<usize> {
        self.0.borrow_mut().write(bytes)
    }

    #[inline]
    fn write_all(&mut self, bytes: &[u8]) -> io::Result<()> {
        self.0.borrow_mut().write_all(bytes)
    }

    /// Nothing: the output is flushed once, by [`Sink::finish`].
    fn flush(&mut self) -> io::Result<()> {
        Ok(())
    }
}

#[allow(clippy::large_enum_variant)] // one per batch, never moved in a loop
pub(super) enum Sink<'a, W: Write> {
    /// The writer, a record reused for every row, the columns of a JSON
    /// Lines input, the results' words, and whether the writer holds rows
    /// it has not yet moved to the buffer.
    Csv(
        csv::Writer<Held<OutWriter<W>>>,
        Held<OutWriter<W>>,
        csv::ByteRecord,
        KeyColumns,
        Option<&'a ResultWords>,
        bool,
    ),
    Jsonl(BufWriter<W>),
}

impl<'a, W: Write> Sink<'a, W> {
    pub(super) fn new(
        output: W,
        format: DataFormat,
        style: CsvStyle<'a>,
    ) -> io::Result<Sink<'a, W>> {
        let mut output = output;
        if format == DataFormat::Csv && style.bom && !style.shift_jis {
            output.write_all(b"\xEF\xBB\xBF")?;
        }
        Ok(Self::buffered(output, format, style, BUFFER))
    }

    /// Rows as `format` and `style` say, through a buffer of `buffer` bytes;
    /// the BOM is [`Sink::new`]'s.
    fn buffered(output: W, format: DataFormat, style: CsvStyle<'a>, buffer: usize) -> Sink<'a, W> {
        match format {
            DataFormat::Csv => {
                let output = if style.shift_jis {
                    OutWriter::ShiftJis(ShiftJisWriter::new(output))
                } else {
                    OutWriter::Plain(output)
                };
                let held = Held(std::rc::Rc::new(std::cell::RefCell::new(
                    BufWriter::with_capacity(buffer, output),
                )));
                let raw = Held(std::rc::Rc::clone(&held.0));
                Sink::Csv(
                    csv::WriterBuilder::new()
                        .flexible(true)
                        .buffer_capacity(BUFFER)
                        .terminator(if style.crlf {
                            csv::Terminator::CRLF
                        } else {
                            csv::Terminator::Any(b'\n')
                        })
                        .from_writer(held),
                    raw,
                    csv::ByteRecord::new(),
                    KeyColumns::default(),
                    style.words,
                    false,
                )
            }
            DataFormat::Jsonl => Sink::Jsonl(BufWriter::with_capacity(buffer, output)),
        }
    }

    fn results_header(
        writer: &mut csv::Writer<Held<OutWriter<W>>>,
        words: Option<&ResultWords>,
        present: [Option<usize>; 6],
        count: usize,
    ) -> csv::Result<()> {
        for (k, at) in present.iter().enumerate().take(count) {
            if at.is_none() {
                match words {
                    Some(words) => writer.write_field(&words.columns[k])?,
                    None => writer.write_field(RESULT_COLUMNS[k])?,
                }
            }
        }
        writer.write_record(None::<&[u8]>)
    }

    /// The header of a CSV input's output: its columns and the `count`
    /// results.
    pub(super) fn csv_header(&mut self, shape: &CsvShape, count: usize) -> csv::Result<()> {
        if let Sink::Csv(writer, _, _, _, words, holds) = self {
            *holds = true;
            let words = *words;
            for (i, name) in shape.names.iter().enumerate() {
                // A result column of an earlier run, named as this run names it.
                match (shape.results.iter().position(|r| *r == Some(i)), words) {
                    (Some(k), Some(words)) => writer.write_field(&words.columns[k])?,
                    (Some(k), None) => writer.write_field(RESULT_COLUMNS[k])?,
                    (None, _) => writer.write_field(name)?,
                }
            }
            Self::results_header(writer, words, shape.results, count)?;
        }
        Ok(())
    }

    /// The header of a JSON Lines input's CSV output, with `count` results.
    pub(super) fn key_header(&mut self, keys: KeyColumns, count: usize) -> csv::Result<()> {
        if let Sink::Csv(writer, _, _, columns, words, holds) = self {
            *holds = true;
            for key in keys.keys.iter().chain(&keys.raw) {
                writer.write_field(key)?;
            }
            Self::results_header(writer, *words, [None; 6], count)?;
            *columns = keys;
        }
        Ok(())
    }

    /// A CSV row, made as wide as the header, with its results.
    pub(super) fn csv_row(
        &mut self,
        record: &Cells,
        shape: &CsvShape,
        results: &Results,
    ) -> Result<(), BatchError> {
        let width = shape.names.len();
        let padding = width.saturating_sub(record.len());
        let record = record
            .iter()
            .take(width)
            .chain(std::iter::repeat_n(&b""[..], padding));
        let words = match self {
            Sink::Csv(.., words, holds) => {
                *holds = true;
                *words
            }
            Sink::Jsonl(_) => None,
        };
        let cells = results.cells(words);
        let cells = &cells[..results.count()];
        match self {
            Sink::Csv(writer, ..) if !shape.has_results() => {
                // The usual case: the results after the cells read.
                writer.write_record(record.chain(cells.iter().copied()))?;
            }
            Sink::Csv(writer, _, out, ..) => {
                // Classified before: the results replace the old ones in place.
                out.clear();
                for (i, cell) in record.enumerate() {
                    match shape.results.iter().position(|r| *r == Some(i)) {
                        Some(k) => out.push_field(cells[k]),
                        None => out.push_field(cell),
                    }
                }
                for (k, at) in shape.results.iter().enumerate().take(cells.len()) {
                    if at.is_none() {
                        out.push_field(cells[k]);
                    }
                }
                writer.write_byte_record(out)?;
            }
            Sink::Jsonl(out) => {
                // One object: the header's names as keys, the cells as text.
                out.write_all(b"{")?;
                let mut first = true;
                for (cell, key) in record.zip(&shape.json_keys) {
                    let Some(key) = key else { continue };
                    if !first {
                        out.write_all(b",")?;
                    }
                    first = false;
                    serde_json::to_writer(&mut *out, key).map_err(io::Error::from)?;
                    out.write_all(b":")?;
                    serde_json::to_writer(&mut *out, &String::from_utf8_lossy(cell))
                        .map_err(io::Error::from)?;
                }
                results.write_json(out, first)?;
                out.write_all(b"}\n")?;
            }
        }
        Ok(())
    }

    /// Whole output rows made already, in this sink's format (a row written
    /// as it was read, `raw_row` in `batch`, or rows an [`in_memory`] sink
    /// made), after the rows the writer holds.
    ///
    /// [`in_memory`]: Sink::in_memory
    pub(super) fn made(&mut self, rows: &[u8]) -> io::Result<()> {
        match self {
            Sink::Csv(writer, raw, .., holds) => {
                if std::mem::take(holds) {
                    writer.flush()?;
                }
                raw.write_all(rows)
            }
            Sink::Jsonl(out) => out.write_all(rows),
        }
    }

    /// A JSON Lines row with its results: the object, or the text of a line
    /// that is none.
    pub(super) fn json_row(
        &mut self,
        line: Result<&JsonLine, &str>,
        results: &Results,
    ) -> Result<(), BatchError> {
        match self {
            Sink::Jsonl(out) => Ok(json_line(out, line, results)?),
            Sink::Csv(writer, _, out, columns, words, holds) => {
                *holds = true;
                out.clear();
                for key in &columns.keys {
                    let cell = match line {
                        Ok(line) => line.get(key).map(|e| e.cell()).unwrap_or_default(),
                        Err(_) => Default::default(),
                    };
                    out.push_field(cell.as_bytes());
                }
                if columns.raw.is_some() {
                    out.push_field(line.err().unwrap_or_default().as_bytes());
                }
                for cell in &results.cells(*words)[..results.count()] {
                    out.push_field(cell);
                }
                writer.write_byte_record(out)?;
                Ok(())
            }
        }
    }

    /// A blank line of a JSON Lines input: kept in JSON Lines, no row in CSV.
    pub(super) fn blank_line(&mut self) -> io::Result<()> {
        match self {
            Sink::Jsonl(out) => out.write_all(b"\n"),
            Sink::Csv(..) => Ok(()),
        }
    }

    /// Flush everything; how many characters had no Shift_JIS code.
    pub(super) fn finish(self) -> Result<u64, BatchError> {
        match self {
            Sink::Csv(mut writer, raw, ..) => {
                writer.flush()?;
                let mut out = raw.0.borrow_mut();
                out.flush()?;
                Ok(match out.get_ref() {
                    OutWriter::ShiftJis(w) => w.unmappable,
                    OutWriter::Plain(_) => 0,
                })
            }
            Sink::Jsonl(mut out) => {
                out.flush()?;
                Ok(0)
            }
        }
    }
}

impl<'a> Sink<'a, Vec<u8>> {
    /// A sink that makes rows in memory as `format` and `style` say, for a
    /// worker thread. Its bytes go to the batch's sink as they are
    /// ([`Sink::made`]), which has written the BOM and re-encodes to
    /// Shift_JIS where asked.
    pub(super) fn in_memory(format: DataFormat, style: CsvStyle<'a>) -> Sink<'a, Vec<u8>> {
        let style = CsvStyle {
            bom: false,
            shift_jis: false,
            ..style
        };
        // No buffer between the csv writer and the bytes.
        Self::buffered(Vec::new(), format, style, 0)
    }

    /// How many bytes have been made.
    pub(super) fn made_len(&mut self) -> io::Result<usize> {
        self.with_made(|bytes| bytes.len())
    }

    /// The bytes made, taken.
    pub(super) fn take(&mut self) -> io::Result<Vec<u8>> {
        self.with_made(std::mem::take)
    }

    /// `f` on the bytes made so far, where they are kept (rows made by `f`
    /// come after them, without a copy between).
    pub(super) fn with_made<T>(&mut self, f: impl FnOnce(&mut Vec<u8>) -> T) -> io::Result<T> {
        match self {
            Sink::Csv(writer, raw, .., holds) => {
                if std::mem::take(holds) {
                    writer.flush()?;
                }
                let mut held = raw.0.borrow_mut();
                held.flush()?;
                match held.get_mut() {
                    OutWriter::Plain(out) => Ok(f(out)),
                    OutWriter::ShiftJis(_) => Err(io::Error::other("a sink in memory re-encodes")),
                }
            }
            Sink::Jsonl(out) => {
                out.flush()?;
                Ok(f(out.get_mut()))
            }
        }
    }
}

/// The rejects file: every failed row as it came, to be fixed and run again.
#[allow(clippy::large_enum_variant)] // one per batch, never moved in a loop
pub(super) enum Rejects<'w> {
    /// The original header after a `rejected_row` column; each record raw.
    Csv(csv::Writer<&'w mut dyn Write>),
    /// Each line raw.
    Jsonl(&'w mut dyn Write),
}

impl<'w> Rejects<'w> {
    pub(super) fn csv(
        out: &'w mut dyn Write,
        header: &csv::ByteRecord,
    ) -> Result<Rejects<'w>, BatchError> {
        let mut writer = csv::WriterBuilder::new().flexible(true).from_writer(out);
        writer.write_field(REJECTED_ROW_COLUMN)?;
        writer.write_record(header)?;
        Ok(Rejects::Csv(writer))
    }

    pub(super) fn csv_row(&mut self, row: u64, record: &Cells) -> csv::Result<()> {
        if let Rejects::Csv(writer) = self {
            writer.write_field(row.to_string())?;
            writer.write_record(record.iter())?;
        }
        Ok(())
    }

    pub(super) fn line(&mut self, raw: &[u8]) -> io::Result<()> {
        if let Rejects::Jsonl(out) = self {
            out.write_all(raw)?;
            out.write_all(b"\n")?;
        }
        Ok(())
    }

    pub(super) fn finish(self) -> io::Result<()> {
        match self {
            Rejects::Csv(mut writer) => writer.flush(),
            Rejects::Jsonl(out) => out.flush(),
        }
    }
}
