//! A batch result read back for the invoice: each ticket's id, title,
//! verdict and hours, from the CSV or JSON Lines `classify --batch` wrote
//! (result columns by id or in either language's words). A file without a
//! verdict is no batch result and is refused; a verdict is taken as it
//! stands (the batch decided it; the invoice bills it).

use crate::batch::{RESULT_COLUMNS, ResultWords};
use crate::coverage::Verdict;
use crate::money::Hours;

use super::Ticket;

/// Headers that hold a ticket's id, its title and its hours, as the
/// helpdesks and hoshu's examples write them (any case).
pub const ID_HEADERS: [&str; 8] = [
    "id",
    "ticket",
    "key",
    "issue key",
    "#",
    "キー",
    "課題キー",
    "チケットid",
];
pub const TITLE_HEADERS: [&str; 6] = ["title", "subject", "summary", "件名", "題名", "タイトル"];
pub const HOURS_HEADERS: [&str; 6] = [
    "hours",
    "hours spent",
    "spent time",
    "作業時間",
    "実績時間",
    "工数",
];
/// Headers of the hours estimated (Backlog's 予定時間, Redmine's 予定工数):
/// billed when a billable ticket gives no hours spent, and said so.
/// (Not `estimate`: the batch's own column of that name is yen.)
pub const ESTIMATE_HEADERS: [&str; 6] = [
    "estimated hours",
    "estimated time",
    "予定時間",
    "予定工数",
    "見積時間",
    "見積工数",
];

/// Why a ticket file cannot be billed from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TicketsError {
    /// No verdict column: not a `classify --batch` result.
    NotAResult,
    /// No column hoshu reads as the ticket's id.
    NoIdColumn,
    /// A row whose verdict is empty (it failed in the batch) or unknown.
    NoVerdict { line: u64, got: String },
    /// A row whose verdict is not the one its rule decides: the file was
    /// changed after the batch.
    NotItsRule {
        line: u64,
        verdict: Verdict,
        rule: String,
        decides: Verdict,
    },
    /// A row whose rule is no rule hoshu knows.
    UnknownRule { line: u64, got: String },
    /// A row whose hours are no number of hours.
    NotHours { line: u64, got: String },
    /// CSV or JSON that does not read.
    Unreadable { line: u64, message: String },
    /// The project column named is not in the file.
    NoProjectColumn { header: String },
    /// A row whose project names no contract invoiced.
    UnknownProject { line: u64, got: String },
}

impl std::error::Error for TicketsError {}

/// A ticket file's text: UTF-8 (with or without a BOM), else Shift_JIS as
/// Excel in Japan saves a CSV opened and saved again; none when neither
/// reads it whole (never a replacement character).
pub fn decode(bytes: &[u8]) -> Option<std::borrow::Cow<'_, str>> {
    use crate::batch::encoding::Decided;
    Decided::Utf8
        .decode(bytes)
        .or_else(|| Decided::ShiftJis.decode(bytes))
}

/// The tickets of a batch result, `jsonl` or CSV; `words` are the result
/// columns' words in every language hoshu writes.
pub fn read(
    text: &str,
    jsonl: bool,
    words: &[ResultWords],
    project: Option<&str>,
) -> Result<Vec<Ticket>, TicketsError> {
    // A verdict as the batch wrote it, and the one its rule decides: a
    // verdict changed by hand keeps no rule (its cell emptied), or it is
    // refused as changed.
    let verdict = |cell: &str, rule: &str, line: u64| -> Result<Verdict, TicketsError> {
        let cell = cell.trim();
        let of = |v: Verdict, id: &str| cell == id || words.iter().any(|w| w.verdict(v) == cell);
        let verdict = if of(Verdict::Covered, "covered") {
            Verdict::Covered
        } else if of(Verdict::Billable, "billable") {
            Verdict::Billable
        } else if of(Verdict::Negotiate, "negotiate") {
            Verdict::Negotiate
        } else {
            return Err(TicketsError::NoVerdict {
                line,
                got: cell.to_owned(),
            });
        };
        let rule = rule.trim();
        if rule.is_empty() {
            return Ok(verdict);
        }
        match crate::coverage::verdict_of(rule) {
            None => Err(TicketsError::UnknownRule {
                line,
                got: rule.to_owned(),
            }),
            Some(decides) if decides != verdict => Err(TicketsError::NotItsRule {
                line,
                verdict,
                rule: rule.to_owned(),
                decides,
            }),
            Some(_) => Ok(verdict),
        }
    };
    let hours = |cell: &str, line: u64| -> Result<Option<Hours>, TicketsError> {
        let cell = cell.trim();
        if cell.is_empty() {
            return Ok(None);
        }
        Hours::parse(cell)
            .map(Some)
            .ok_or_else(|| TicketsError::NotHours {
                line,
                got: cell.to_owned(),
            })
    };
    let is = |name: &str, list: &[&str]| list.iter().any(|h| h.eq_ignore_ascii_case(name.trim()));
    let is_result = |name: &str, i: usize| {
        name.trim() == RESULT_COLUMNS[i] || words.iter().any(|w| w.columns[i] == name.trim())
    };
    let is_verdict = |name: &str| is_result(name, 0);
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut out = Vec::new();
    if jsonl {
        for (i, line) in text.lines().enumerate() {
            let at = i as u64 + 1;
            if line.trim().is_empty() {
                continue;
            }
            let row: serde_json::Map<String, serde_json::Value> = serde_json::from_str(line)
                .map_err(|e| TicketsError::Unreadable {
                    line: at,
                    message: e.to_string(),
                })?;
            let text_of = |v: &serde_json::Value| match v {
                serde_json::Value::String(s) => s.clone(),
                serde_json::Value::Null => String::new(),
                other => other.to_string(),
            };
            let find = |list: &[&str]| {
                row.iter()
                    .find(|(k, _)| is(k, list))
                    .map(|(_, v)| text_of(v))
            };
            let Some(v) = row.get(RESULT_COLUMNS[0]) else {
                return Err(TicketsError::NotAResult);
            };
            let id = find(&ID_HEADERS).ok_or(TicketsError::NoIdColumn)?;
            let project = match project {
                Some(header) => Some(row.get(header).map(text_of).ok_or_else(|| {
                    TicketsError::NoProjectColumn {
                        header: header.to_owned(),
                    }
                })?),
                None => None,
            };
            let (hours, estimated) = spent_or_estimated(
                hours(&find(&HOURS_HEADERS).unwrap_or_default(), at)?,
                hours(&find(&ESTIMATE_HEADERS).unwrap_or_default(), at)?,
            );
            let rule = row
                .iter()
                .find(|(k, _)| is_result(k, 1))
                .map(|(_, v)| text_of(v))
                .unwrap_or_default();
            out.push(Ticket {
                id,
                title: find(&TITLE_HEADERS).unwrap_or_default(),
                verdict: verdict(&text_of(v), &rule, at)?,
                hours,
                estimated,
                line: at,
                project,
            });
        }
        return Ok(out);
    }
    let mut reader = csv::ReaderBuilder::new()
        .flexible(true)
        .from_reader(text.as_bytes());
    let unreadable = |e: csv::Error| TicketsError::Unreadable {
        // The line from the bytes before the record (see below).
        line: e.position().map_or(0, |p| {
            let bytes = text.as_bytes();
            newlines(&bytes[..record_start(bytes, p.byte() as usize)]) + 1
        }),
        message: e.to_string(),
    };
    let header = reader.headers().map_err(unreadable)?.clone();
    let column = |pick: &dyn Fn(&str) -> bool| header.iter().position(pick);
    let verdict_at = column(&|h| is_verdict(h)).ok_or(TicketsError::NotAResult)?;
    let rule_at = column(&|h| is_result(h, 1));
    let id_at = column(&|h| is(h, &ID_HEADERS)).ok_or(TicketsError::NoIdColumn)?;
    let title_at = column(&|h| is(h, &TITLE_HEADERS));
    let hours_at = column(&|h| is(h, &HOURS_HEADERS));
    let estimate_at = column(&|h| is(h, &ESTIMATE_HEADERS));
    let project_at = match project {
        Some(name) => Some(column(&|h| h.trim() == name.trim()).ok_or_else(|| {
            TicketsError::NoProjectColumn {
                header: name.to_owned(),
            }
        })?),
        None => None,
    };
    // Lines counted from the bytes (the csv crate's count misses a CR LF
    // file's), going forward once.
    let bytes = text.as_bytes();
    let (mut counted_to, mut line) = (0usize, 1u64);
    for record in reader.records() {
        let record = record.map_err(unreadable)?;
        let at = record.position().map_or(counted_to, |p| p.byte() as usize);
        let at = record_start(bytes, at.max(counted_to));
        line += newlines(&bytes[counted_to..at]);
        counted_to = at;
        let cell = |i: Option<usize>| i.and_then(|i| record.get(i)).unwrap_or_default();
        let (hours, estimated) = spent_or_estimated(
            hours(cell(hours_at), line)?,
            hours(cell(estimate_at), line)?,
        );
        out.push(Ticket {
            id: cell(Some(id_at)).to_owned(),
            title: cell(title_at).to_owned(),
            verdict: verdict(cell(Some(verdict_at)), cell(rule_at), line)?,
            hours,
            estimated,
            line,
            project: project_at.map(|i| cell(Some(i)).to_owned()),
        });
    }
    Ok(out)
}

/// The hours spent, else the hours estimated (and that they are).
fn spent_or_estimated(spent: Option<Hours>, estimate: Option<Hours>) -> (Option<Hours>, bool) {
    match (spent, estimate) {
        (Some(h), _) => (Some(h), false),
        (None, Some(h)) => (Some(h), true),
        (None, None) => (None, false),
    }
}

/// Where the record csv places at byte `at` starts: its position may stand
/// on the LF of the CR LF before it.
fn record_start(bytes: &[u8], at: usize) -> usize {
    let mut at = at.min(bytes.len());
    while at < bytes.len() && matches!(bytes[at], b'\r' | b'\n') {
        at += 1;
    }
    at
}

fn newlines(bytes: &[u8]) -> u64 {
    bytes.iter().filter(|b| **b == b'\n').count() as u64
}
