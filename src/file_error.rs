//! A TOML input file's errors (system description or rate card): what is
//! wrong, at which key, line and column. Every problem a file has is
//! reported at once, up to [`MAX_PROBLEMS`], in file order; a syntax error
//! stops at the first, as the parser must.

use crate::key_path::{KeyPath, LineCol, Locator, Seg};
use crate::toml_read::tag::{self, Tagged};
use crate::vocab::{Expected, Got};

/// A value the parser refused: data where hoshu knows its shape, the
/// parser's own words where it does not.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Refused {
    /// A key the table does not have; `allowed` is empty when the table
    /// takes no keys.
    UnknownKey { key: String, allowed: Vec<String> },
    /// A word outside its enumeration.
    NotAllowed { value: String, allowed: Vec<String> },
    /// A number too large for TOML.
    TooLarge { value: String },
    /// A date that is not one.
    Date(crate::date::DateError),
    /// A value of the wrong type (`value: false`) or out of range.
    Invalid {
        value: bool,
        /// What was given, when the parser said.
        got: Option<Got>,
        wanted: Wanted,
        /// The largest number allowed, where the expectation leaves it out.
        max: Option<u64>,
    },
    /// Not TOML: the parser's lines, as data where their shape is known.
    Syntax(Vec<SyntaxLine>),
    /// What the parser said, as it said it: words hoshu does not know.
    Said(String),
}

/// What a refused value had to be.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Wanted {
    Is(Expected),
    /// serde's words for a type hoshu does not name (`u32`).
    Said(String),
}

/// One line of the TOML parser's message about a file that is not TOML.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SyntaxLine {
    TableHeader,
    Array,
    InlineTable,
    /// A value that is not one (a word without quotes, most often).
    String,
    /// A string that is not closed.
    BasicString,
    LiteralString,
    Key,
    Integer,
    Float,
    /// The parser wanted one of these.
    Expected(Vec<Token>),
    /// A key given twice; `table`: the table it is in, `None` at the root.
    DuplicateKey {
        key: String,
        table: Option<String>,
    },
    /// A line hoshu does not know, as the parser said it.
    Said(String),
}

/// A token the TOML parser wanted.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Token {
    Newline,
    Digit,
    /// A character or word as the parser wrote it (`` `]` ``).
    Literal(String),
}

impl SyntaxLine {
    /// The parser's `line`, as data where its shape is known.
    fn of(line: &str) -> SyntaxLine {
        if let Some(tokens) = line.strip_prefix("expected ") {
            return SyntaxLine::Expected(
                tokens
                    .split(", ")
                    .map(|t| match t {
                        "newline" => Token::Newline,
                        "digit" => Token::Digit,
                        other => Token::Literal(other.to_owned()),
                    })
                    .collect(),
            );
        }
        if let Some(rest) = line.strip_prefix("duplicate key ") {
            let (key, place) = rest.split_once(" in ").unwrap_or((rest, "document root"));
            let table = match place.strip_prefix("table ") {
                Some(t) => Some(t.to_owned()),
                None if place == "document root" => None,
                None => return SyntaxLine::Said(line.to_owned()),
            };
            return SyntaxLine::DuplicateKey {
                key: key.to_owned(),
                table,
            };
        }
        match line {
            "invalid table header" => SyntaxLine::TableHeader,
            "invalid array" => SyntaxLine::Array,
            "invalid inline table" => SyntaxLine::InlineTable,
            "invalid string" => SyntaxLine::String,
            "invalid basic string" => SyntaxLine::BasicString,
            "invalid literal string" => SyntaxLine::LiteralString,
            "invalid key" => SyntaxLine::Key,
            "invalid integer" => SyntaxLine::Integer,
            "invalid floating-point number" => SyntaxLine::Float,
            other => SyntaxLine::Said(other.to_owned()),
        }
    }
}

/// What is wrong with the value at a key of a TOML file: data, said by the
/// render layer's catalogue.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum KeyProblem {
    /// A value the parser refused.
    Refused(Refused),
    /// A required key that is not there.
    Missing,
    /// A number below its minimum.
    TooSmall { min: u64, got: i128 },
    /// A text that must not be empty.
    Empty,
    /// A date before the date it must follow.
    EndBeforeStart { start: String, end: String },
    /// `linked = true` on a group of one server.
    LinkedAlone,
    /// A plan the rate card does not have.
    UnknownPlan { plan: String, known: Vec<String> },
    /// Two entries with the same name.
    Duplicate { name: String },
    /// Tiers whose limits do not rise, or whose prices fall.
    TiersOutOfOrder { limit: crate::vocab::TierLimit },
    /// The last tier has a limit, so some input fits no tier.
    LastTierBounded,
    /// A list that must have entries.
    NoEntries,
    /// A payment provider count for a method that is off.
    ProvidersWithoutMethod { method: crate::vocab::PaymentMethod },
    /// A key that newer keys replaced: the keys to give instead.
    Replaced { by: &'static [&'static str] },
    /// Contract dates without the plan in force.
    NeedsPlan,
    /// Days off (Saturdays, the firm's own) without Art. 142's roll-over.
    NeedsRollover,
    /// A plan that does not cover work every quote charges for.
    PlanMissesWork {
        plan: String,
        work: crate::vocab::Work,
    },
    /// A maintenance contract that ends before the delivery.
    EndBeforeDelivery { end: String, delivered: String },
    /// A date after the quote date that must not be.
    AfterQuoteDate { got: String, date: String },
    /// A qualified-invoice registration number that is not `T` and 13
    /// digits with the right check digit.
    BadRegistration { got: String },
    /// A rate card whose prices take effect after the quote date.
    NotYetEffective {
        version: String,
        effective: String,
        date: String,
    },
    /// A 見積書 asked for a system file without its customer.
    NeedsCustomer,
    /// A discount with both `amount` and `percent` (`both`), or neither.
    AmountOrPercent { both: bool },
    /// A numbering pattern hoshu cannot number by.
    BadPattern {
        problem: crate::register::numbering::PatternProblem,
    },
    /// Not `MM-DD` of a day some year has.
    NotMonthDay { got: String },
    /// The firm numbers by `{code}` and the system gives no customer code.
    NeedsCode,
    /// `renews` on a service billed every month.
    RenewsMonthly,
    /// A month outside the maintenance term (`end` none: open-ended).
    OutsideTerm {
        got: String,
        start: String,
        end: Option<String>,
    },
    /// A batch profile's key that names no fact hoshu reads.
    NotAFact { got: String },
    /// A batch profile's `preset` that is no built-in preset.
    UnknownPreset { got: String },
    /// A batch profile's value or default that hoshu does not read for
    /// its fact.
    FactValue { problem: crate::fact::FactProblem },
}

impl KeyProblem {
    /// Whether the parser refused the value.
    pub fn is_refused(&self) -> bool {
        matches!(self, KeyProblem::Refused(_))
    }

    /// A stable code for scripts (`hoshu.error.v1`, README "Errors").
    pub fn code(&self) -> &'static str {
        match self {
            KeyProblem::Refused(Refused::UnknownKey { .. }) => "unknown-key",
            KeyProblem::Refused(Refused::NotAllowed { .. }) => "not-allowed",
            KeyProblem::Refused(_) => "invalid-value",
            KeyProblem::Missing => "missing-key",
            KeyProblem::TooSmall { .. } => "too-small",
            KeyProblem::Empty => "empty",
            KeyProblem::EndBeforeStart { .. } => "end-before-start",
            KeyProblem::LinkedAlone => "linked-alone",
            KeyProblem::UnknownPlan { .. } => "unknown-plan",
            KeyProblem::Duplicate { .. } => "duplicate",
            KeyProblem::TiersOutOfOrder { .. } => "tiers-out-of-order",
            KeyProblem::LastTierBounded => "last-tier-bounded",
            KeyProblem::NoEntries => "no-entries",
            KeyProblem::ProvidersWithoutMethod { .. } => "providers-without-method",
            KeyProblem::Replaced { .. } => "replaced-key",
            KeyProblem::NeedsPlan => "needs-plan",
            KeyProblem::NeedsRollover => "needs-rollover",
            KeyProblem::PlanMissesWork { .. } => "plan-misses-work",
            KeyProblem::EndBeforeDelivery { .. } => "end-before-delivery",
            KeyProblem::AfterQuoteDate { .. } => "after-quote-date",
            KeyProblem::NotYetEffective { .. } => "not-yet-effective",
            KeyProblem::NotAFact { .. } => "not-a-fact",
            KeyProblem::NeedsCustomer => "needs-customer",
            KeyProblem::AmountOrPercent { .. } => "amount-or-percent",
            KeyProblem::BadPattern { .. } => "bad-pattern",
            KeyProblem::NotMonthDay { .. } => "not-month-day",
            KeyProblem::NeedsCode => "needs-code",
            KeyProblem::RenewsMonthly => "renews-monthly",
            KeyProblem::OutsideTerm { .. } => "outside-term",
            KeyProblem::UnknownPreset { .. } => "unknown-preset",
            KeyProblem::FactValue { .. } => "invalid-value",
            KeyProblem::BadRegistration { .. } => "bad-registration",
        }
    }
}

/// Where the bare value (a date, a number) around byte `at` stands: toml
/// points inside it.
fn token_span(text: &str, at: usize) -> Option<std::ops::Range<usize>> {
    let at = at.min(text.len());
    if !text.is_char_boundary(at) {
        return None;
    }
    let stop = |c: char| c.is_whitespace() || matches!(c, '=' | ',' | '[' | ']' | '{' | '}' | '#');
    let start = text[..at].rfind(stop).map_or(0, |i| i + 1);
    let end = text[at..].find(stop).map_or(text.len(), |i| at + i);
    (start < end).then_some(start..end)
}

/// The bare value around byte `at`.
fn token_at(text: &str, at: usize) -> &str {
    token_span(text, at)
        .and_then(|span| text.get(span))
        .unwrap_or_default()
}

/// What toml's or serde's `message` about `value` means, as data: a date
/// that is not one (a bare one the parser refused, or one a reader tagged),
/// a number too large, an unknown key or a word not allowed with the
/// allowed ones, a value of the wrong type or range; else the message
/// itself. serde's and toml's shapes are read here and only here.
fn refused(message: &str, value: &str) -> Refused {
    if let Some(Tagged::Date(e)) = tag::read(message) {
        return Refused::Date(e);
    }
    if message.starts_with("invalid date-time")
        && let Err(e) = crate::date::parse_date(value.trim_matches(['"', '\'']))
    {
        return Refused::Date(e);
    }
    if message.starts_with("number too large") {
        return Refused::TooLarge {
            value: value.to_owned(),
        };
    }
    if let Some(invalid) = invalid(message) {
        return invalid;
    }
    // serde: "unknown variant `iOS`, expected `ios` or `android`", "unknown
    // field `x`, expected one of `a`, `b`" (or "there are no fields").
    let (rest, key) = if let Some(rest) = message.strip_prefix("unknown variant `") {
        (rest, false)
    } else if let Some(rest) = message.strip_prefix("unknown field `") {
        (rest, true)
    } else {
        return Refused::Said(message.to_owned());
    };
    let Some((got, expected)) = rest.split_once('`') else {
        return Refused::Said(message.to_owned());
    };
    let allowed = expected
        .split('`')
        .skip(1)
        .step_by(2)
        .map(str::to_owned)
        .collect();
    if key {
        Refused::UnknownKey {
            key: got.to_owned(),
            allowed,
        }
    } else {
        Refused::NotAllowed {
            value: got.to_owned(),
            allowed,
        }
    }
}

/// serde's `invalid type: GOT, expected WHAT` and `invalid value: …` (a
/// reader may add `, at most MAX`), and `invalid type, expected WHAT`.
fn invalid(message: &str) -> Option<Refused> {
    let wanted = |words: &str| {
        let (words, max) = match words.rsplit_once(", at most ") {
            Some((w, max)) if max.parse::<u64>().is_ok() => (w, max.parse().ok()),
            _ => (words, None),
        };
        let wanted = match tag::read(words) {
            Some(Tagged::Expected(e)) => Wanted::Is(e),
            _ => Expected::from_serde(words)
                .map_or_else(|| Wanted::Said(words.to_owned()), Wanted::Is),
        };
        (wanted, max)
    };
    if let Some(words) = message.strip_prefix("invalid type, expected ") {
        let (wanted, max) = wanted(words);
        return Some(Refused::Invalid {
            value: false,
            got: None,
            wanted,
            max,
        });
    }
    for (prefix, value) in [("invalid type: ", false), ("invalid value: ", true)] {
        if let Some(rest) = message.strip_prefix(prefix)
            && let Some((got, words)) = rest.split_once(", expected ")
        {
            let (wanted, max) = wanted(words);
            return Some(Refused::Invalid {
                value,
                got: Some(Got::from_serde(got)),
                wanted,
                max,
            });
        }
    }
    None
}

/// Whether a check's problem at `path` may come from the value stood in at
/// `stood`, and so is not said: the same key or one inside the other, or
/// another key of the same table of an array (`servers[0].linked` when
/// `servers[0].count` was stood in). A repeated name is said unless what
/// makes an entry the same was stood in (`apps[1].platform`: an app is its
/// name on a platform).
fn stand_in_touches(stood: &KeyPath, path: &KeyPath, problem: &KeyProblem) -> bool {
    if path.starts_with(stood) || stood.starts_with(path) {
        return true;
    }
    let segs = &stood.0;
    let in_array_table = segs.len() >= 2 && matches!(segs[segs.len() - 2], Seg::Index(_));
    if !in_array_table || !path.0.starts_with(&segs[..segs.len() - 1]) {
        return false;
    }
    match problem {
        KeyProblem::Duplicate { .. } => {
            matches!(segs.last(), Some(Seg::Key(k)) if k == "name" || k == "platform")
        }
        _ => true,
    }
}

/// A problem at a key, with where the key stands in the file and that
/// line of it (to draw a caret under).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Located {
    pub path: KeyPath,
    pub at: Option<LineCol>,
    pub line_text: Option<String>,
    pub problem: KeyProblem,
}

impl Located {
    /// A stable code for scripts (`hoshu.error.v1`).
    pub fn code(&self) -> &'static str {
        self.problem.code()
    }
}

/// The largest system file or rate card read: 1 MiB.
pub const MAX_INPUT: u64 = 1 << 20;

/// The most a saved quote (`hoshu quote --format json`) may hold: the
/// quote of a maximal system file (1 MiB of one-page sites) is about 14
/// MiB; this leaves room for denser ones.
pub const MAX_SAVED_QUOTE: u64 = 64 << 20;

/// The largest ticket file an invoice reads (a batch result of every
/// customer's month): 256 MiB.
pub const MAX_TICKETS: u64 = 256 << 20;

/// What a file read was to be, and so how large it may be.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SizeLimit {
    /// A system file, rate card, firm profile or calendar: [`MAX_INPUT`].
    Toml,
    /// A system file or a saved quote (`diff`): a saved quote up to
    /// [`MAX_SAVED_QUOTE`].
    SavedQuote,
    /// A batch result an invoice bills from: [`MAX_TICKETS`].
    Tickets,
}

impl SizeLimit {
    pub fn bytes(self) -> u64 {
        match self {
            SizeLimit::Toml => MAX_INPUT,
            SizeLimit::SavedQuote => MAX_SAVED_QUOTE,
            SizeLimit::Tickets => MAX_TICKETS,
        }
    }
}

/// At most this many problems are reported for one file.
pub const MAX_PROBLEMS: usize = 20;

/// A parsed file that can check itself: the rules that need more than one
/// value, or a minimum, each with the key it is about.
pub trait Checked {
    fn problems(&self) -> Vec<(KeyPath, KeyProblem)>;
}

/// A TOML input file (system description or rate card) that cannot be used.
#[derive(Debug)]
pub enum FileError {
    Read {
        origin: String,
        source: std::io::Error,
    },
    Folder {
        origin: String,
    },
    TooLarge {
        origin: String,
        /// Which limit: what kind of file it was to be.
        limit: SizeLimit,
    },
    NotText {
        origin: String,
        /// Shift_JIS was tried too (a ticket file Excel saved).
        shift_jis: bool,
    },
    /// Not TOML at all: the parser stops at the first error.
    Syntax {
        origin: String,
        refused: Box<Refused>,
        at: Option<LineCol>,
        line_text: Option<String>,
    },
    /// Every problem found, in file order, at most [`MAX_PROBLEMS`].
    Invalid {
        origin: String,
        problems: Vec<Located>,
    },
}

impl std::error::Error for FileError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            FileError::Read { source, .. } => Some(source),
            _ => None,
        }
    }
}

/// File order, a problem without a place last (the sort is stable); at
/// most [`MAX_PROBLEMS`].
fn in_file_order(problems: &mut Vec<Located>) {
    problems.sort_by_key(|p| p.at.map_or((usize::MAX, 0), |at| (at.line, at.column)));
    problems.truncate(MAX_PROBLEMS);
}

/// The line `at` points into.
fn line_of(text: &str, at: LineCol) -> Option<String> {
    text.lines().nth(at.line.checked_sub(1)?).map(str::to_owned)
}

impl FileError {
    /// Locate each problem in `text`, in file order, and wrap them; `Ok`
    /// when there are none.
    pub fn check(
        origin: &str,
        text: &str,
        problems: Vec<(KeyPath, KeyProblem)>,
    ) -> Result<(), FileError> {
        if problems.is_empty() {
            return Ok(());
        }
        Err(Self::located(origin, text, text, problems))
    }

    /// These problems of `text` and `more`, in file order, at most
    /// [`MAX_PROBLEMS`]; `more` not said at a key already said.
    pub fn and(self, text: &str, more: Vec<(KeyPath, KeyProblem)>) -> FileError {
        let FileError::Invalid {
            origin,
            mut problems,
        } = self
        else {
            return self;
        };
        let more: Vec<_> = more
            .into_iter()
            .filter(|(path, _)| !problems.iter().any(|p| p.path == *path))
            .collect();
        if let FileError::Invalid { problems: more, .. } = Self::located(&origin, text, text, more)
        {
            problems.extend(more);
            in_file_order(&mut problems);
        }
        FileError::Invalid { origin, problems }
    }

    /// Every problem located by its key in `keys` (the text as parsed),
    /// shown with its line of `text` (as the user wrote it), in file order,
    /// at most [`MAX_PROBLEMS`].
    fn located(
        origin: &str,
        text: &str,
        keys: &str,
        problems: Vec<(KeyPath, KeyProblem)>,
    ) -> FileError {
        // Parsed once for every problem: a file may have thousands.
        let locator = Locator::new(keys);
        let mut problems: Vec<Located> = problems
            .into_iter()
            .map(|(path, problem)| {
                // A refused value is pointed at; any other problem at its key.
                let at = locator.as_ref().and_then(|l| match &problem {
                    KeyProblem::Refused(r) if !matches!(r, Refused::UnknownKey { .. }) => {
                        l.find_value(&path)
                    }
                    _ => l.find(&path),
                });
                Located {
                    line_text: None,
                    at,
                    path,
                    problem,
                }
            })
            .collect();
        in_file_order(&mut problems);
        // Only the lines shown are copied.
        for p in &mut problems {
            p.line_text = p.at.and_then(|at| line_of(text, at));
        }
        FileError::Invalid {
            origin: origin.to_owned(),
            problems,
        }
    }

    /// Parse and check `text` as `T`, naming `origin` in errors, and report
    /// every problem at once: each value the parser refuses is noted, then
    /// put right with a stand-in (an unknown key is dropped, a missing one
    /// added) and the text parsed again, up to [`MAX_PROBLEMS`]; then the
    /// checks of [`Checked`] run, but on no key that was stood in for.
    pub fn parse_checked<T: serde::de::DeserializeOwned + Checked>(
        origin: &str,
        text: &str,
    ) -> Result<T, FileError> {
        // Not TOML at all: the parser cannot go on past the first error. A
        // bare date that is no calendar day and a number too large are the
        // exceptions: quoted, the rest of the file can be read.
        let mut current = text.to_owned();
        let mut said_at: Vec<(usize, KeyProblem)> = Vec::new();
        for _ in 0..MAX_PROBLEMS {
            let Err(e) = toml::from_str::<toml::Table>(&current) else {
                break;
            };
            let span = e.span().and_then(|s| token_span(&current, s.start));
            let value = span
                .clone()
                .and_then(|s| current.get(s))
                .unwrap_or_default()
                .to_owned();
            let value = value.as_str();
            if e.message().starts_with("invalid date-time")
                && crate::date::parse_date(value).is_err()
                && let Some(span) = span
            {
                current.replace_range(span.clone(), &format!("\"{value}\""));
                continue;
            }
            // A number too large for TOML: said once here, and stood in for
            // by a string so that the rest of the file is read.
            if e.message().starts_with("number too large")
                && let Some(span) = span
            {
                let problem = KeyProblem::Refused(refused(e.message(), value));
                current.replace_range(span.clone(), &format!("\"{value}\""));
                // Its key is found once the whole text parses: the parser
                // meets the errors in file order, so this place stays put.
                said_at.push((span.start, problem));
                continue;
            }
            let at = e.span().map(|s| crate::key_path::line_col(text, s.start));
            let refused = match refused(e.message().trim_end(), value) {
                Refused::Said(message) => {
                    Refused::Syntax(message.lines().map(SyntaxLine::of).collect())
                }
                other => other,
            };
            return Err(FileError::Syntax {
                origin: origin.to_owned(),
                refused: Box::new(refused),
                line_text: at.and_then(|at| line_of(text, at)),
                at,
            });
        }
        // Keys are found in the text as parsed (dates quoted).
        let parsed = current.clone();
        let said: Vec<(KeyPath, KeyProblem)> = said_at
            .into_iter()
            .map(|(at, problem)| {
                let path = crate::key_path::at(&current, at).unwrap_or_default();
                (path, problem)
            })
            .collect();
        let mut stood_in: Vec<KeyPath> = said.iter().map(|(p, _)| p.clone()).collect();
        let mut found: Vec<(KeyPath, KeyProblem)> = said;
        // Each round stands in for one key; the rounds are bounded even if
        // stand-ins were to chase each other. A round's parse (and the
        // problem it found) is the next round's: the text is read as few
        // times as can be.
        let mut parse = Parse::<T>::of(&current);
        for _ in 0..MAX_PROBLEMS * 8 {
            if found.len() >= MAX_PROBLEMS {
                break;
            }
            let (message, path, problem) = match parse {
                Parse::Ok(value) => {
                    let mut checks = value.problems();
                    checks.retain(|(path, problem)| {
                        !stood_in.iter().any(|s| stand_in_touches(s, path, problem))
                    });
                    if found.is_empty() && checks.is_empty() {
                        return Ok(value);
                    }
                    found.extend(checks);
                    break;
                }
                Parse::Refused {
                    message,
                    path,
                    problem,
                } => (message, path, problem),
            };
            // A key missing from a table that was missing itself is no news.
            let inside_missing = problem == KeyProblem::Missing
                && stood_in.iter().any(|s| path.starts_with(s) && *s != path);
            // Already said (a number too large, now a string).
            let said_already = found.iter().any(|(p, _)| *p == path);
            if !inside_missing && !said_already {
                found.push((path.clone(), problem));
            }
            match stand_in::<T>(&current, &path, &message) {
                Some((next, next_parse)) => {
                    current = next;
                    parse = next_parse;
                    stood_in.push(path);
                }
                None => break,
            }
        }
        Err(Self::located(origin, text, &parsed, found))
    }
    /// Read a file as text, `-` being stdin: at most [`MAX_INPUT`] bytes
    /// are read, so a huge file or `/dev/zero` is refused at once.
    pub fn read(path: &std::path::Path) -> Result<String, FileError> {
        FileError::read_up_to(path, SizeLimit::Toml)
    }

    /// [`FileError::read`], with the size limit of what the file is to be.
    pub fn read_up_to(path: &std::path::Path, limit: SizeLimit) -> Result<String, FileError> {
        let bytes = FileError::read_bytes(path, limit)?;
        String::from_utf8(bytes).map_err(|_| FileError::NotText {
            origin: path.display().to_string(),
            shift_jis: false,
        })
    }

    /// A file's bytes (`-`: standard input), up to `limit`.
    pub fn read_bytes(path: &std::path::Path, limit: SizeLimit) -> Result<Vec<u8>, FileError> {
        use std::io::Read;
        let max = limit.bytes();
        let origin = || path.display().to_string();
        let fail = |source| FileError::Read {
            origin: origin(),
            source,
        };
        let mut bytes = Vec::new();
        if path == std::path::Path::new("-") {
            std::io::stdin()
                .lock()
                .take(max + 1)
                .read_to_end(&mut bytes)
                .map_err(fail)?;
        } else {
            let file = std::fs::File::open(path).map_err(fail)?;
            if file.metadata().map_err(fail)?.is_dir() {
                return Err(FileError::Folder { origin: origin() });
            }
            file.take(max + 1).read_to_end(&mut bytes).map_err(fail)?;
        }
        if bytes.len() as u64 > max {
            return Err(FileError::TooLarge {
                origin: origin(),
                limit,
            });
        }
        Ok(bytes)
    }
}

/// A text parsed as `T`: the value, or the problem the parser met first.
enum Parse<T> {
    Ok(T),
    Refused {
        /// The parser's own message, to know what to stand in.
        message: String,
        path: KeyPath,
        problem: KeyProblem,
    },
}

impl<T: serde::de::DeserializeOwned> Parse<T> {
    fn of(text: &str) -> Parse<T> {
        match toml::from_str::<T>(text) {
            Ok(value) => Parse::Ok(value),
            Err(e) => {
                let (path, problem) = parser_problem(text, &e);
                Parse::Refused {
                    message: e.message().trim_end().to_owned(),
                    path,
                    problem,
                }
            }
        }
    }
}

/// The key and problem a parser's error is about.
fn parser_problem(text: &str, e: &toml::de::Error) -> (KeyPath, KeyProblem) {
    let offset = e.span().map(|s| s.start);
    let path = offset
        .and_then(|o| crate::key_path::at(text, o))
        .unwrap_or_default();
    let message = e.message().trim_end();
    if let Some(field) = missing_field(message) {
        let table = offset.map_or_else(KeyPath::default, |o| crate::key_path::table_at(text, o));
        return (table.key(field), KeyProblem::Missing);
    }
    let value = offset.map_or("", |o| token_at(text, o));
    (path, KeyProblem::Refused(refused(message, value)))
}

/// `x` of serde's "missing field `x`".
fn missing_field(message: &str) -> Option<&str> {
    message.strip_prefix("missing field `")?.split('`').next()
}

/// Values to stand in for one the parser refused, the likeliest first: the
/// first word the message allows, then one of each TOML type.
fn stand_ins(message: &str) -> Vec<toml_edit::Value> {
    let mut out = Vec::new();
    if let Some((_, allowed)) = message.split_once("expected")
        && let Some(word) = allowed.split('`').nth(1)
    {
        out.push(toml_edit::Value::from(word));
    }
    out.push(toml_edit::Value::from(1));
    out.push(toml_edit::Value::from(false));
    out.push(toml_edit::Value::from("stand-in"));
    if let Ok(date) = "2000-01-01".parse::<toml_edit::Datetime>() {
        out.push(toml_edit::Value::from(date));
    }
    out.push(toml_edit::Value::Array(toml_edit::Array::new()));
    out.push(toml_edit::Value::InlineTable(toml_edit::InlineTable::new()));
    out
}

/// The item at `path` in a document being changed.
fn item_mut<'d>(
    doc: &'d mut toml_edit::DocumentMut,
    path: &[Seg],
) -> Option<&'d mut toml_edit::Item> {
    let mut item = doc.as_item_mut();
    for seg in path {
        item = match seg {
            Seg::Key(key) => item.get_mut(key.as_str())?,
            Seg::Index(i) => item.get_mut(*i)?,
        };
    }
    Some(item)
}

/// `text` with the problem at `path` put right, so that parsing goes on to
/// the next one, and that next parse; `None` when no stand-in helps.
fn stand_in<T: serde::de::DeserializeOwned>(
    text: &str,
    path: &KeyPath,
    message: &str,
) -> Option<(String, Parse<T>)> {
    let mut doc: toml_edit::DocumentMut = text.parse().ok()?;
    let (last, parent) = path.0.split_last()?;
    let Seg::Key(key) = last else {
        return None;
    };
    if message.starts_with("unknown field") {
        item_mut(&mut doc, parent)?.as_table_like_mut()?.remove(key);
        let next = doc.to_string();
        let parse = Parse::of(&next);
        return Some((next, parse));
    }
    let missing = missing_field(message).is_some();
    for value in stand_ins(message) {
        let item = toml_edit::Item::Value(value);
        if missing {
            item_mut(&mut doc, parent)?
                .as_table_like_mut()?
                .insert(key, item);
        } else {
            *item_mut(&mut doc, &path.0)? = item;
        }
        let next = doc.to_string();
        let parse = Parse::of(&next);
        // Helped: the parser gets past this key (or this missing key).
        let helped = match &parse {
            Parse::Ok(_) => true,
            Parse::Refused { path: at, .. } => at != path,
        };
        if helped {
            return Some((next, parse));
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::{Expected, Got, KeyProblem, Refused, Wanted, refused, tag};

    fn said(r: Refused) -> String {
        KeyProblem::Refused(r).to_string()
    }

    #[test]
    fn serde_messages_gain_a_suggestion() {
        let r = refused(
            "unknown variant `iOS`, expected `ios` or `android`",
            "\"iOS\"",
        );
        assert_eq!(
            r,
            Refused::NotAllowed {
                value: "iOS".into(),
                allowed: vec!["ios".into(), "android".into()]
            }
        );
        assert_eq!(
            said(r),
            "`iOS` is not allowed; allowed: ios, android; did you mean `ios`?"
        );
        assert_eq!(
            said(refused(
                "unknown field `peak_per_minut`, expected one of `daily_visits`, `peak_per_minute`, `business_critical`",
                "peak_per_minut"
            )),
            "unknown key `peak_per_minut`; allowed: daily_visits, peak_per_minute, business_critical; did you mean `peak_per_minute`?"
        );
        assert_eq!(
            refused("missing field `name`", ""),
            Refused::Said("missing field `name`".into())
        );
    }

    #[test]
    fn dates_and_large_numbers_are_data() {
        assert!(matches!(
            refused("invalid date-time", "2024-02-30"),
            Refused::Date(crate::date::DateError::NoSuchDay(_))
        ));
        // A quoted date hoshu's reader refused, tagged by the reader.
        let e = crate::date::parse_date("2024-13-01").unwrap_err();
        assert_eq!(refused(&tag::date(&e), "\"2024-13-01\""), Refused::Date(e));
        // A reader's expectation and bound, as data.
        assert_eq!(
            refused(
                &format!(
                    "invalid value: integer `0`, expected {}, at most 9",
                    tag::expected(Expected::WholeFromOne)
                ),
                "0"
            ),
            Refused::Invalid {
                value: true,
                got: Some(Got::Integer("0".into())),
                wanted: Wanted::Is(Expected::WholeFromOne),
                max: Some(9),
            }
        );
        assert_eq!(
            refused(
                "number too large to fit in target type",
                "99999999999999999999"
            ),
            Refused::TooLarge {
                value: "99999999999999999999".into()
            }
        );
    }
}
