//! A CSV input cut into blocks that are parsed side by side.
//!
//! csv reads a file in order: whether a line break ends a record depends on
//! every quote before it. A block can be read on its own when it starts
//! where csv would be between records, which is so at a line break outside
//! quotes. The reader finds such breaks by walking the quotes ([`quotes`]);
//! each block is then parsed, classified and made into output rows on a
//! worker, and the writer writes the blocks in order.
//!
//! Where that cannot be known for certain, rows are read in order, as with
//! one thread ([`Records`]): from a quote csv reads as a character (`e"f`),
//! a quote never closed, or no line break outside quotes within
//! [`MAX_ROW_BYTES`]. After [`IN_ORDER`] rows (more if the input could not
//! be cut again at once), csv stands between records, and the rest is cut
//! into blocks again.
//!
//! A worker cannot know how many rows and lines came before its block, so
//! its rows' numbers count from the block's start. A row that failed is
//! made by the writer, which knows them: its words say its row and line.
//!
//! A Shift_JIS block that is text all through is decoded whole and read as
//! UTF-8 (its quotes, commas and line breaks are ASCII, never inside a
//! character), unless failed rows go to the rejects as they came.

use std::io::{self, Chain, Cursor, Read};
use std::ops::Range;
use std::sync::mpsc::{Receiver, SyncSender};

use super::encoding::Decided;
use super::sink::{CsvShape, Sink};
use super::{
    BUFFER, BatchError, Classified, Classifier, MAX_ROW_BYTES, QuoteCount, RawRows, ReadRow,
    Records, Spare, Summary, as_read, blank_lines, damage, write_by_writer,
};

/// Bytes a block holds at least, where the input has them: enough that a
/// block is worth a trip between threads, few enough that the blocks in
/// flight hold little (a few MB). Small in this crate's tests, so that
/// they cut every input they read into many blocks.
const BLOCK: usize = if cfg!(test) { 64 } else { 1 << 18 };

/// Rows read in order, where the input cannot be cut, before it is cut
/// again: a chunk (two rows in this crate's tests, so that they read
/// files in order and in blocks by turns).
const IN_ORDER: usize = if cfg!(test) { 2 } else { super::CHUNK };

/// Where the quotes of some input leave csv, read from a record's start:
/// every quote standing where csv reads it as quoting (opening a cell at
/// its start, doubled inside it, or closing it before a `,` or a line
/// break), so that a line break outside quotes ends a record.
#[derive(Debug, PartialEq, Eq)]
enum Quotes {
    /// Outside quotes at the end.
    Closed,
    /// Inside a cell opened at `at`.
    Open { at: usize },
    /// A quote csv reads as a character, or one that closes a cell that
    /// goes on (`"a"b`): csv's reading depends on more than the count.
    Astray,
}

/// The quoted cells a walk of the quotes met.
#[derive(Default)]
struct Quoted {
    /// Each quoted cell closed, quotes and all.
    cells: Vec<Range<usize>>,
    /// Where the first that needs no quotes opens: a writer would not have
    /// quoted it (see [`raw_row`](super::raw_row)).
    needless: Option<usize>,
}

/// How the quotes of `bytes` stand (see [`Quotes`]), and the quoted cells
/// closed, into `quoted`. Only the quotes are visited, and what quoted
/// cells hold. A closing quote at the very end is taken as closing: what
/// follows it is not known yet, and the record it ends is read again with
/// the next block.
fn quotes(bytes: &[u8], quoted: &mut Quoted) -> Quotes {
    quoted.cells.clear();
    quoted.needless = None;
    // One search over the bytes, from quote to quote.
    let mut quotes = memchr::memchr_iter(b'"', bytes);
    while let Some(open) = quotes.next() {
        if open > 0 && !matches!(bytes[open - 1], b',' | b'\r' | b'\n') {
            return Quotes::Astray;
        }
        let mut inside = open + 1;
        // A quote doubled inside, or a byte a writer quotes for.
        let mut needs = false;
        loop {
            let Some(close) = quotes.next() else {
                return Quotes::Open { at: open };
            };
            needs = needs || memchr::memchr3(b',', b'\r', b'\n', &bytes[inside..close]).is_some();
            match bytes.get(close + 1) {
                Some(b'"') => {
                    // The doubled quote's second half.
                    quotes.next();
                    needs = true;
                    inside = close + 2;
                }
                None | Some(b',' | b'\r' | b'\n') => {
                    quoted.cells.push(open..close + 1);
                    if !needs && quoted.needless.is_none() {
                        quoted.needless = Some(open);
                    }
                    break;
                }
                Some(_) => return Quotes::Astray,
            }
        }
    }
    Quotes::Closed
}

/// Where to cut `bytes` (which start where a record may) so that the
/// next block starts where csv is between records: after the last line
/// break outside quotes, or before it when it ends a CR LF (the LF is
/// where csv starts its next record). All of it at the end of the input
/// when every quote closed. `quoted` is room for the walk's quoted cells.
fn cut(bytes: &[u8], ended: bool, quoted: &mut Quoted) -> Result<usize, Uncut> {
    let mut end = match quotes(bytes, quoted) {
        Quotes::Astray => return Err(Uncut::Astray),
        Quotes::Closed if ended => return Ok(bytes.len()),
        Quotes::Open { .. } if ended => return Err(Uncut::NoBreak),
        Quotes::Closed => bytes.len(),
        Quotes::Open { at } => at,
    };
    // The stretches outside quotes, the last first.
    for cell in quoted.cells.iter().rev().chain([&(0..0)]) {
        // Not at 0: a block that starts with the LF of a CR LF would be
        // cut there to nothing.
        let from = cell.end.max(1);
        if let Some(lf) = bytes.get(from..end).and_then(|b| memchr::memrchr(b'\n', b)) {
            let lf = from + lf;
            return Ok(if bytes[lf - 1] == b'\r' { lf } else { lf + 1 });
        }
        end = cell.start;
    }
    Err(Uncut::NoBreak)
}

/// Whether `quotes` counted through some input less those in `after`, its
/// last bytes, are odd in number.
fn odd_before(quotes: u64, after: &[u8]) -> bool {
    let after = memchr::memchr_iter(b'"', after).count() as u64;
    !quotes.wrapping_sub(after).is_multiple_of(2)
}

/// Why some input cannot be cut ([`cut`]).
#[derive(Debug, PartialEq, Eq)]
enum Uncut {
    /// A quote astray: more input cannot make it a place to cut.
    Astray,
    /// No line break outside quotes (or a quote never closed), so far.
    NoBreak,
}

/// What a worker is given: a block of input, or, once the input is read
/// in order, records read.
pub(super) enum Job {
    Block {
        bytes: Vec<u8>,
        /// How far the input has been read at its end.
        end: u64,
        /// Whether every quote in it stands as a csv writer would write
        /// it, and every quoted cell needs its quotes: each row is then
        /// written as it was read, unless it is no UTF-8 or not as wide as
        /// the header ([`raw_row`](super::raw_row)).
        as_written: bool,
        /// Whether it is the input's last and the input's quotes are odd
        /// in number: its last row, if csv met the end to finish it, may be
        /// one a quote never closed swallowed ([`unclosed_quote`]).
        ///
        /// [`unclosed_quote`]: super::unclosed_quote
        odd_at_end: bool,
    },
    Rows {
        rows: Vec<ReadRow>,
        /// Why reading stopped after these rows, if it failed: written
        /// after them.
        stop: Option<BatchError>,
        /// The rows and lines read in order, which these rows count from
        /// and the next job counts after.
        read: (u64, u64),
    },
}

/// A job worked: its rows' output, and the rows that failed, which the
/// writer makes and writes at their place.
pub(super) struct Worked {
    /// The output of the rows that did not fail.
    pub(super) out: Vec<u8>,
    /// Each failed row, after the bytes of `out` before this offset.
    pub(super) failed: Vec<(usize, Classified)>,
    /// The counts of the rows in `out`.
    pub(super) counts: Summary,
    /// The rows and lines of the block, or read in order, which the next
    /// job counts from.
    pub(super) rows: u64,
    pub(super) lines: u64,
    /// How far the input has been read.
    pub(super) bytes: u64,
    /// Why reading stopped after these rows, if it failed ([`Job::Rows`]).
    pub(super) stop: Option<BatchError>,
}

/// What a worker keeps from job to job: its csv parser, and where it makes
/// its rows.
pub(super) struct Worker<'a> {
    core: csv_core::Reader,
    /// The block being read (decoded, where it is).
    fed: Vec<u8>,
    made: Made<'a>,
}

/// Where a worker makes its rows, and a record to read into.
struct Made<'a> {
    sink: Sink<'a, Vec<u8>>,
    /// Taken for each row and given back after it: `None` only between.
    spare: Option<Spare>,
}

/// What every worker shares to make its rows as the batch's writer would.
pub(super) struct Work<'a> {
    pub(super) classifier: &'a Classifier<'a>,
    pub(super) shape: &'a CsvShape,
    pub(super) raw_rows: Option<RawRows<'a>>,
    /// Whether a failed row's record is kept as it was read (`--rejects`):
    /// a Shift_JIS block is then decoded row by row, else whole.
    pub(super) keeps_rows_as_read: bool,
    /// Where the records of rows read in order go back to the reader,
    /// to be read into again ([`Cutter::reading_into`]).
    pub(super) give_back: SyncSender<Vec<Spare>>,
}

impl<'a> Work<'a> {
    /// A worker's own, made on its thread: its rows go to `sink`.
    pub(super) fn worker(&self, sink: Sink<'a, Vec<u8>>) -> Worker<'a> {
        Worker {
            core: csv_core::Reader::new(),
            fed: Vec::new(),
            made: Made {
                sink,
                spare: Some(Spare::sized(self.classifier.header.len())),
            },
        }
    }

    /// A job's rows classified and made into output, but for those that
    /// failed (see [`Worked`]).
    pub(super) fn work(&self, job: Job, worker: &mut Worker) -> Result<Worked, BatchError> {
        match job {
            Job::Block {
                bytes,
                end,
                as_written,
                odd_at_end,
            } => self.block(bytes, end, as_written, odd_at_end, worker),
            Job::Rows { rows, stop, read } => {
                let made = &mut worker.made;
                let mut worked = Worked::new(rows.last().map_or(0, |r| r.bytes));
                (worked.rows, worked.lines) = read;
                let mut spares = Vec::with_capacity(rows.len());
                for read in rows {
                    let mut done = self.classifier.classify(read);
                    let mut input = std::mem::take(&mut done.input);
                    self.row(done, &input, false, made, &mut worked)?;
                    if let Some(mut spare) = made.spare.take() {
                        input.clear();
                        spare.input = input;
                        spares.push(spare);
                    }
                }
                // The reader may have enough: then these are dropped.
                let _ = self.give_back.try_send(spares);
                worked.out = made.sink.take()?;
                worked.stop = stop;
                Ok(worked)
            }
        }
    }

    /// A block parsed on its own: rows and lines count from its start.
    fn block(
        &self,
        bytes: Vec<u8>,
        end: u64,
        as_written: bool,
        odd_at_end: bool,
        worker: &mut Worker,
    ) -> Result<Worked, BatchError> {
        let Worker { core, fed, made } = worker;
        let mut worked = Worked::new(end);
        // Room for the block's rows and their results (a ticket's row grows
        // by about 40%), so that the bytes are not moved to a larger room
        // halfway; room not written to takes no memory.
        made.sink.with_made(|out| out.reserve(2 * bytes.len()))?;
        // A Shift_JIS block that is text all through, decoded at once, is
        // then read as UTF-8: its quotes, commas and line breaks (ASCII,
        // never inside a character) are where they were, and its rows are
        // the same rows, their cells decoded. Not where a failed row goes
        // to the rejects as it came.
        let mut classifier = *self.classifier;
        if classifier.decided == Decided::ShiftJis && !self.keeps_rows_as_read && !bytes.is_ascii()
        {
            fed.clear();
            if Decided::shift_jis_into(&bytes, fed) {
                // Text all through, as encoding_rs wrote it: its rows are
                // not checked again.
                classifier.decided = Decided::Utf8;
                classifier.known_text = true;
            } else {
                *fed = bytes;
            }
        } else {
            *fed = bytes;
        }
        // From the block's start, as csv reading it alone would; but a BOM
        // there is a row's, not the file's (see [`Cells::read`]).
        core.reset();
        let bom = fed.starts_with(b"\xEF\xBB\xBF");
        let width = self.classifier.header.len();
        let mut at = 0;
        let mut row = 0;
        loop {
            // Not `mem::take`: a default record allocates.
            let Spare { mut raw, text, .. } =
                made.spare.take().unwrap_or_else(|| Spare::sized(width));
            let start = at;
            let line = core.line();
            if !raw.read(core, fed, &mut at, bom && start == 0) {
                made.spare = Some(Spare {
                    raw,
                    text,
                    input: Vec::new(),
                });
                break;
            }
            row += 1;
            let input = &fed[start..at];
            let line = line + blank_lines(input);
            // csv met the end to finish the input's last row.
            let unclosed =
                (odd_at_end && at == fed.len() && !fed.ends_with(b"\n") && !fed.ends_with(b"\r"))
                    .then(|| damage(raw.iter(), line, width))
                    .flatten();
            let read = ReadRow {
                raw,
                text,
                input: Vec::new(),
                row,
                line,
                bytes: end,
                unclosed,
            };
            let done = classifier.classify(read);
            self.row(done, input, as_written, made, &mut worked)?;
        }
        worked.out = made.sink.take()?;
        worked.rows = row;
        worked.lines = core.line() - 1;
        Ok(worked)
    }

    /// A row made into output, or kept for the writer when it failed.
    fn row(
        &self,
        mut done: Classified,
        input: &[u8],
        as_written: bool,
        made: &mut Made,
        worked: &mut Worked,
    ) -> Result<(), BatchError> {
        if done.outcome.error.is_some() {
            done.input = input.to_vec();
            worked.failed.push((made.sink.made_len()?, done));
            return Ok(());
        }
        worked.counts.count(done.outcome.verdict);
        // Made where the sink keeps its bytes, without a copy between.
        if !made
            .sink
            .with_made(|out| as_read(&done, input, self.shape, self.raw_rows, as_written, out))?
        {
            write_by_writer(&mut made.sink, &mut done, self.shape)?;
        }
        made.spare = Some(Spare {
            raw: done.raw,
            text: done.text,
            input: done.input,
        });
        Ok(())
    }
}

impl Worked {
    /// Nothing worked yet, the input read through `bytes`.
    fn new(bytes: u64) -> Worked {
        Worked {
            out: Vec::new(),
            failed: Vec::new(),
            counts: Summary::default(),
            rows: 0,
            lines: 0,
            bytes,
            stop: None,
        }
    }
}

/// A csv position as an index into the block it was read from.
fn as_index(at: u64) -> usize {
    usize::try_from(at).unwrap_or(usize::MAX)
}

/// The input after the header, cut into blocks; read in order from the
/// first place it cannot be cut.
pub(super) struct Cutter<R: Read> {
    input: Option<R>,
    /// Bytes read and not yet given out, from `at` in the input.
    pending: Vec<u8>,
    at: u64,
    ended: bool,
    width: usize,
    /// Room for the quoted cells of `pending` ([`cut`]).
    quoted: Quoted,
    /// Records to read into, and where workers give them back.
    spares: Vec<Spare>,
    given_back: Option<Receiver<Vec<Spare>>>,
    in_order: Option<Records<InOrder<R>>>,
    /// Whether the quotes before `at` (the header's, and those of rows
    /// read in order; a block's are in pairs) are odd in number: csv reads
    /// a quote never closed at the end by the count of them all
    /// ([`unclosed_quote`](super::unclosed_quote)).
    odd: bool,
    /// Rows to read in order before the input is cut again: [`IN_ORDER`],
    /// twice as many each time it could not be cut again at once (a quote
    /// astray in every block costs little more than reading it in order).
    in_order_for: usize,
    /// Rows read in order since the input could not be cut.
    rows_in_order: usize,
    /// Whether a block was cut since the input was cut again.
    cut_since: bool,
}

/// The input read in order: its first byte, then the rest of what was read
/// already, then the rest of the input (see [`Cutter::read_in_order`]).
type InOrder<R> = Chain<Chain<Cursor<Vec<u8>>, Cursor<Vec<u8>>>, R>;

impl<R: Read> Cutter<R> {
    /// The input csv read the header of, from where the header ended:
    /// the bytes csv read past it were kept.
    pub(super) fn after_header(counted: QuoteCount<R>, header_end: u64, width: usize) -> Cutter<R> {
        let QuoteCount {
            inner,
            keep: kept,
            kept_from,
            ended,
            quotes,
            ..
        } = counted;
        let kept = kept.unwrap_or_default();
        let from = as_index(header_end - kept_from);
        let pending = kept.get(from..).unwrap_or_default().to_vec();
        Cutter {
            input: Some(inner),
            odd: odd_before(quotes, &pending),
            pending,
            at: header_end,
            ended,
            width,
            quoted: Quoted::default(),
            spares: Vec::new(),
            given_back: None,
            in_order: None,
            in_order_for: IN_ORDER,
            rows_in_order: 0,
            cut_since: true,
        }
    }

    /// Records read in order are read into those the workers give back
    /// through `given_back` ([`Work::give_back`]).
    pub(super) fn reading_into(&mut self, given_back: Receiver<Vec<Spare>>) {
        self.given_back = Some(given_back);
    }

    /// The next job, and why reading stopped if it did: the end, or a
    /// failure, which comes after the job.
    pub(super) fn next(&mut self) -> (Job, Option<Result<(), BatchError>>) {
        if self.in_order.is_none() {
            let mut want = BLOCK;
            loop {
                if let Err(e) = self.fill(want) {
                    let job = Job::Rows {
                        rows: Vec::new(),
                        stop: None,
                        read: (0, 0),
                    };
                    return (job, Some(Err(e.into())));
                }
                // A block larger than a row may be could hold one too
                // large: read in order, it is found.
                let end = match cut(&self.pending, self.ended, &mut self.quoted) {
                    // Read in order from here, not after more input.
                    Err(Uncut::Astray) => break,
                    end => end.ok(),
                };
                if let Some(end) = end.filter(|&end| end as u64 <= MAX_ROW_BYTES) {
                    let as_written = self.quoted.needless.is_none_or(|at| at >= end);
                    let rest = self.pending.get(end..).unwrap_or_default();
                    let mut next = Vec::with_capacity(BLOCK.max(rest.len()) + BUFFER);
                    next.extend_from_slice(rest);
                    let mut bytes = std::mem::replace(&mut self.pending, next);
                    bytes.truncate(end);
                    self.at += end as u64;
                    let last = self.ended && self.pending.is_empty();
                    self.cut_since = true;
                    let job = Job::Block {
                        bytes,
                        end: self.at,
                        as_written,
                        odd_at_end: last && self.odd,
                    };
                    return (job, last.then_some(Ok(())));
                }
                if self.ended || self.pending.len() as u64 > MAX_ROW_BYTES {
                    break;
                }
                want = self.pending.len() * 2;
            }
            self.in_order_for = if self.cut_since {
                IN_ORDER
            } else {
                self.in_order_for.saturating_mul(2)
            };
            self.rows_in_order = 0;
            self.read_in_order();
        }
        self.rows()
    }

    /// Reads until `pending` holds `want` bytes or the input ends.
    fn fill(&mut self, want: usize) -> io::Result<()> {
        let Some(input) = &mut self.input else {
            return Ok(());
        };
        while !self.ended && self.pending.len() < want {
            let more = (want - self.pending.len()) as u64;
            if input.take(more).read_to_end(&mut self.pending)? == 0 {
                self.ended = true;
            }
        }
        Ok(())
    }

    /// From here on the input is read in order, by csv, as one thread
    /// reads it; rows and lines count from here.
    fn read_in_order(&mut self) {
        let Some(input) = self.input.take() else {
            return;
        };
        // csv takes a BOM its first read starts with for the file's: a
        // first read of one byte leaves a row's its own.
        let mut first = std::mem::take(&mut self.pending);
        let rest = first.split_off(first.len().min(1));
        let mut counted = QuoteCount::new(Cursor::new(first).chain(Cursor::new(rest)).chain(input));
        counted.keep = Some(Vec::with_capacity(super::KEPT + BUFFER));
        counted.quotes = u64::from(self.odd);
        let reader = csv::ReaderBuilder::new()
            .flexible(true)
            .has_headers(false)
            .buffer_capacity(BUFFER)
            .from_reader(counted);
        self.in_order = Some(Records {
            reader,
            record: csv::ByteRecord::new(),
            row: 0,
            width: self.width,
            offset: self.at,
        });
    }

    /// Records read in order, a chunk of them.
    fn rows(&mut self) -> (Job, Option<Result<(), BatchError>>) {
        let Some(records) = &mut self.in_order else {
            let job = Job::Rows {
                rows: Vec::new(),
                stop: None,
                read: (0, 0),
            };
            return (job, Some(Ok(())));
        };
        let mut rows = Vec::with_capacity(super::CHUNK);
        while rows.len() < super::CHUNK && self.rows_in_order + rows.len() < self.in_order_for {
            // Records the workers gave back, read into again: a record
            // made on this thread and dropped on another costs more than
            // the row.
            if self.spares.is_empty()
                && let Some(back) = &self.given_back
                && let Ok(more) = back.try_recv()
            {
                self.spares = more;
            }
            let spare = self
                .spares
                .pop()
                .unwrap_or_else(|| Spare::sized(self.width));
            match records.next(spare) {
                Ok(Some(read)) => rows.push(read),
                Ok(None) => {
                    let job = Job::Rows {
                        rows,
                        stop: None,
                        read: (0, 0),
                    };
                    return (job, Some(Ok(())));
                }
                // The writer says where, counting from where this began.
                Err(e) => {
                    let job = Job::Rows {
                        rows,
                        stop: Some(e),
                        read: (0, 0),
                    };
                    return (job, Some(Ok(())));
                }
            }
        }
        // csv stands between records, where a block may start: the rest
        // is cut into blocks again (and read in order again from the next
        // place it cannot be cut).
        self.rows_in_order += rows.len();
        let read = if self.rows_in_order >= self.in_order_for {
            self.cut_since = false;
            self.cut_again()
        } else {
            (0, 0)
        };
        (
            Job::Rows {
                rows,
                stop: None,
                read,
            },
            None,
        )
    }

    /// The input after the rows read in order, to be cut into blocks
    /// again: the bytes read and not yet csv's, then the rest. The rows
    /// and lines read in order come back.
    fn cut_again(&mut self) -> (u64, u64) {
        let Some(records) = self.in_order.take() else {
            return (0, 0);
        };
        let position = records.reader.position().clone();
        let QuoteCount {
            inner,
            keep,
            kept_from,
            ended,
            quotes,
            ..
        } = records.reader.into_inner();
        let (read, input) = inner.into_inner();
        let (first, rest) = read.into_inner();
        let mut pending = keep.unwrap_or_default();
        pending.drain(..as_index(position.byte() - kept_from).min(pending.len()));
        self.odd = odd_before(quotes, &pending);
        for read in [first, rest] {
            let from = as_index(read.position());
            pending.extend_from_slice(read.get_ref().get(from..).unwrap_or_default());
        }
        self.pending = pending;
        self.input = Some(input);
        self.ended = ended;
        self.at = records.offset + position.byte();
        (records.row, position.line() - 1)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The walk's end, and the quoted cells as (start, end).
    fn walked(bytes: &[u8]) -> (Quotes, Vec<(usize, usize)>) {
        let mut quoted = Quoted::default();
        let quotes = quotes(bytes, &mut quoted);
        let cells = quoted.cells.into_iter().map(|c| (c.start, c.end));
        (quotes, cells.collect())
    }

    fn cut_at(bytes: &[u8], ended: bool) -> Option<usize> {
        cut(bytes, ended, &mut Quoted::default()).ok()
    }

    #[test]
    fn quotes_are_walked_to_where_they_leave_csv() {
        assert_eq!(walked(b"a,b\nc,d\n"), (Quotes::Closed, vec![]));
        assert_eq!(walked(b"a,\"b,c\"\nd\n"), (Quotes::Closed, vec![(2, 7)]));
        assert_eq!(walked(b"\"a\"\"b\",c\n"), (Quotes::Closed, vec![(0, 6)]));
        assert_eq!(walked(b"a,\"b\nc").0, Quotes::Open { at: 2 });
        assert_eq!(walked(b"a,e\"f\n").0, Quotes::Astray);
        assert_eq!(walked(b"\"a\"b,c\n").0, Quotes::Astray);
        // Not known yet: what follows the last quote.
        assert_eq!(walked(b"a,\"b\"").0, Quotes::Closed);
    }

    #[test]
    fn quoted_cells_that_need_no_quotes_are_found() {
        let needless = |bytes: &[u8]| {
            let mut quoted = Quoted::default();
            quotes(bytes, &mut quoted);
            quoted.needless
        };
        assert_eq!(needless(b"a,\"b,c\",\"d\"\"\",\"e\nf\"\n"), None);
        assert_eq!(needless(b"a,\"b,c\",\"d\",\"e\"\n"), Some(8));
        assert_eq!(needless(b"\"\"\n"), Some(0));
    }

    #[test]
    fn blocks_are_cut_at_a_line_break_outside_quotes() {
        assert_eq!(cut_at(b"a\nb\nc", false), Some(4));
        // A CR LF is cut before its LF.
        assert_eq!(cut_at(b"a\r\nb\r\nc", false), Some(5));
        // A break inside quotes is no place to cut.
        assert_eq!(cut_at(b"a\n\"b\nc\",d", false), Some(2));
        assert_eq!(cut_at(b"x,\"a\",\"b\nc\",d", false), None);
        assert_eq!(cut_at(b"a,\"b\nc", false), None);
        assert_eq!(cut_at(b"\"a\nb\"\nc", false), Some(6));
        // At the end, all of it, if every quote closed.
        assert_eq!(cut_at(b"a\n\"b\nc\"", true), Some(7));
        assert_eq!(cut_at(b"a\n\"b\nc", true), None);
        assert_eq!(cut_at(b"a\ne\"f\n", false), None);
        // A quote astray is known not to be cut after more input.
        let astray = cut(b"a\ne\"f\n", false, &mut Quoted::default());
        assert_eq!(astray, Err(Uncut::Astray));
        // The LF a block starts with is no cut.
        assert_eq!(cut_at(b"\na,b", false), None);
    }

    /// One file of hostile rows read on 1 thread and on 2 and 3 (in blocks
    /// of [`BLOCK`], 64 bytes in tests): the same output, rejects, row
    /// errors, summary and progress, or the same failure.
    mod as_one_thread {
        use crate::batch::{BatchOptions, DataFormat, Encoding, Outputs, classify_stream};
        use crate::rates::RateCard;
        use proptest::prelude::*;

        fn run(
            input: &[u8],
            threads: usize,
            to: DataFormat,
            keep_rejects: bool,
        ) -> impl PartialEq + std::fmt::Debug {
            run_as(input, Encoding::Auto, threads, to, keep_rejects)
        }

        /// [`run`] of an input read in the encoding `asked`.
        fn run_as(
            input: &[u8],
            asked: Encoding,
            threads: usize,
            to: DataFormat,
            keep_rejects: bool,
        ) -> impl PartialEq + std::fmt::Debug {
            let card = RateCard::default_card();
            let today = chrono::NaiveDate::from_ymd_opt(2026, 11, 28).unwrap_or_default();
            let mut options = BatchOptions::new(&card, today, &|e| format!("{e:?}"));
            options.threads = threads;
            options.encoding = asked;
            let (mut out, mut rejects, mut errors, mut progress) =
                (Vec::new(), Vec::new(), Vec::new(), Vec::new());
            let result = classify_stream(
                input,
                DataFormat::Csv,
                Outputs {
                    output: &mut out,
                    format: to,
                    rejects: keep_rejects.then_some(&mut rejects as &mut dyn std::io::Write),
                },
                &options,
                &mut |e| errors.push(e.clone()),
                &mut |b| progress.push(b),
            )
            .map_err(|e| format!("{e:?}"));
            (
                result,
                String::from_utf8_lossy(&out).into_owned(),
                String::from_utf8_lossy(&rejects).into_owned(),
                errors,
                progress,
            )
        }

        /// A cell as a file may hold it: facts, text, and the bytes that
        /// matter to CSV, written as a writer would or quoted; unless
        /// `clean`, also bare or with a quote never closed.
        fn cell(clean: bool) -> impl Strategy<Value = Vec<u8>> {
            let text = prop::sample::select(vec![
                &b"2024-01-10"[..],
                b"2024-03-01",
                b"no",
                b"a,b",
                b"x\"y",
                b"\"",
                b"two\nlines",
                b"cr\r",
                b"",
                b" ",
                "\u{969c}\u{5bb3}".as_bytes(),
                b"\xff",
                // A BOM that starts a row is the row's, wherever it is.
                "\u{feff}2024-01-10".as_bytes(),
            ]);
            let hows = if clean { 0u8..3 } else { 0u8..5 };
            (text, hows).prop_map(move |(text, how)| {
                let quoted = || crate::batch::raw_rows::quoted(text);
                let must = text.iter().any(|b| b",\"\r\n".contains(b));
                match how {
                    0 | 1 if must => quoted(),
                    0 | 1 => text.to_vec(),
                    2 => quoted(),
                    3 => text.to_vec(),
                    _ => [&b"\""[..], text].concat(),
                }
            })
        }

        fn file() -> impl Strategy<Value = Vec<u8>> {
            any::<bool>().prop_flat_map(rows)
        }

        fn rows(clean: bool) -> impl Strategy<Value = Vec<u8>> {
            let row = proptest::collection::vec(cell(clean), 0..6);
            let end = prop::sample::select(vec![&b"\n"[..], b"\r\n", b"\r", b"\n\n"]);
            (
                proptest::collection::vec((row, end.clone()), 0..30),
                end,
                any::<bool>(),
            )
                .prop_map(|(rows, header_end, last_end)| {
                    let mut file = b"id,delivered,reported,external_cause".to_vec();
                    file.extend_from_slice(header_end);
                    let count = rows.len();
                    for (i, (cells, end)) in rows.into_iter().enumerate() {
                        file.extend(cells.join(&b','));
                        if i + 1 < count || last_end {
                            file.extend_from_slice(end);
                        }
                    }
                    file
                })
        }

        proptest! {
            #![proptest_config(ProptestConfig::with_cases(400))]
            #[test]
            fn blocks_read_as_one_thread_reads(
                file in file(),
                json in any::<bool>(),
                shift_jis in any::<bool>(),
                rejects in any::<bool>(),
                asked in prop::sample::select(vec![Encoding::Auto, Encoding::Utf8, Encoding::ShiftJis]),
            ) {
                let to = if json { DataFormat::Jsonl } else { DataFormat::Csv };
                // The same file saved by Excel in Japan, where it is text.
                let file = match std::str::from_utf8(&file) {
                    Ok(text) if shift_jis => encoding_rs::SHIFT_JIS.encode(text).0.into_owned(),
                    _ => file,
                };
                let one = run_as(&file, asked, 1, to, rejects);
                for threads in [2, 3] {
                    let many = run_as(&file, asked, threads, to, rejects);
                    prop_assert_eq!(&many, &one, "{} threads", threads);
                }
            }
        }

        #[test]
        fn a_file_of_clean_rows_is_read_in_many_blocks_as_in_one() {
            let mut file = b"id,delivered,reported,external_cause,title\r\n".to_vec();
            for i in 0..200 {
                let row = format!(
                    "T-{i},\"2024-01-10\",2024-03-0{},no,\u{969c}\u{5bb3}\r\n",
                    i % 9 + 1
                );
                file.extend_from_slice(row.as_bytes());
                if i % 50 == 7 {
                    file.extend_from_slice(b"T-x,\"a\r\nb\",2024-13-01,\r\n\r\n");
                }
            }
            let (sjis, _, _) =
                encoding_rs::SHIFT_JIS.encode(std::str::from_utf8(&file).unwrap_or_default());
            for file in [&file[..], &sjis] {
                for to in [DataFormat::Csv, DataFormat::Jsonl] {
                    for rejects in [false, true] {
                        assert_eq!(run(file, 2, to, rejects), run(file, 1, to, rejects));
                    }
                }
            }
        }
    }
}
