//! The register (台帳): every document hoshu issues, numbered by the firm's
//! pattern, versioned, kept unaltered and searchable, in one SQLite file.
//!
//! Records are appended, never changed: a correction is a new version, a
//! withdrawal a cancellation record. Each record holds what it was made
//! from and what was sent, and a SHA-256 chained to the record before it,
//! so that a change made behind hoshu's back is found ([`Register::verify`]).
//! The storage is this module's alone: a server database can take its place
//! behind the same functions.

pub mod numbering;

use std::path::{Path, PathBuf};

use chrono::{Datelike, NaiveDate};
use rusqlite::{Connection, OptionalExtension, TransactionBehavior, params};
use serde::Serialize;
use sha2::{Digest, Sha256};

use numbering::Pattern;

/// The schema this hoshu writes; a register of a later one is refused.
pub const SCHEMA_VERSION: i64 = 3;

/// How long a writer waits for another's transaction (a PDF being
/// printed) before giving up, unless told.
pub const WAIT: std::time::Duration = std::time::Duration::from_secs(120);

/// The first record's predecessor.
const GENESIS: &str = "0000000000000000000000000000000000000000000000000000000000000000";

/// What a record is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, schemars::JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Kind {
    /// A 見積書 issued.
    Quote,
    /// A document withdrawn (取消): the record names it and why.
    Cancel,
    /// A monthly invoice (請求書) of a contract.
    Invoice,
    /// A credit note (返還インボイス) returning a cancelled invoice.
    Credit,
}

impl Kind {
    pub fn as_str(self) -> &'static str {
        match self {
            Kind::Quote => "quote",
            Kind::Cancel => "cancel",
            Kind::Invoice => "invoice",
            Kind::Credit => "credit",
        }
    }

    fn from_db(s: &str) -> Option<Kind> {
        match s {
            "quote" => Some(Kind::Quote),
            "cancel" => Some(Kind::Cancel),
            "invoice" => Some(Kind::Invoice),
            "credit" => Some(Kind::Credit),
            _ => None,
        }
    }
}

/// A document to record: what it was made from and what was sent.
#[derive(Debug, Clone)]
pub struct NewDocument {
    pub issued: NaiveDate,
    pub customer: Option<String>,
    /// The amount the document states (the first year with tax).
    pub amount: i64,
    pub system: String,
    pub plan: String,
    /// The quote's reproducible id.
    pub quote_id: String,
    /// The inputs as JSON: the system file, the rate card, the firm
    /// profile (their texts), the plan and the date.
    pub inputs: String,
    /// The quote as `hoshu.quote.v1` JSON.
    pub quote_json: String,
    /// `html`, `pdf`, `xlsx` or `json`.
    pub format: String,
    /// The document's bytes; for a PDF, the HTML it was printed from.
    pub document: Vec<u8>,
    /// A PDF's SHA-256 (hex).
    pub pdf_sha256: Option<String>,
    /// The last day the record is kept ([`retain_until`]).
    pub retain_until: NaiveDate,
    /// When it is recorded: the caller's clock, not the register's.
    pub recorded_at: chrono::DateTime<chrono::Utc>,
    /// What it is: a quote or an invoice.
    pub kind: Kind,
    /// An invoice's contract (the issued quote's number) and month.
    pub contract: Option<String>,
    pub period: Option<String>,
}

/// A record as the register holds it, without its document's bytes.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, schemars::JsonSchema)]
pub struct Record {
    pub seq: i64,
    pub kind: Kind,
    pub number: String,
    /// 1 for a first issue; 2, 3 … for its revisions.
    pub version: u32,
    /// The number of the first version.
    pub base: String,
    /// The number this version replaces.
    pub revises: Option<String>,
    pub issued: NaiveDate,
    pub customer: Option<String>,
    pub amount: i64,
    pub system: String,
    pub plan: String,
    pub quote_id: String,
    pub format: String,
    /// A cancellation's reason.
    pub reason: Option<String>,
    /// Kept at least until this day (retention under 電子帳簿保存法).
    pub retain_until: NaiveDate,
    /// When hoshu wrote the record (UTC, RFC 3339).
    pub recorded_at: String,
    /// Whether a cancellation record names this document.
    pub cancelled: bool,
    /// An invoice's contract and month (`2026-12`).
    pub contract: Option<String>,
    pub period: Option<String>,
    pub hash: String,
}

/// A record's document, as issued.
#[derive(Debug, Clone)]
pub struct Issued {
    pub record: Record,
    pub document: Vec<u8>,
    pub quote_json: String,
    /// What it was made from, as JSON.
    pub inputs: String,
    pub pdf_sha256: Option<String>,
}

/// What a search asks: every condition given must hold.
#[derive(Debug, Clone, Default)]
pub struct Search {
    pub from: Option<NaiveDate>,
    pub to: Option<NaiveDate>,
    /// Part of the customer's name.
    pub customer: Option<String>,
    pub min: Option<i64>,
    pub max: Option<i64>,
    pub kind: Option<Kind>,
}

/// What [`Register::verify`] found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Verified {
    /// Every record as written: how many, and the last one's hash (to note
    /// elsewhere: a register cut short after it is found against it).
    Intact { records: i64, tip: Option<String> },
    /// The first record that is not as hoshu wrote it.
    Broken {
        seq: i64,
        number: String,
        why: Broken,
    },
}

/// How a record is broken.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Broken {
    /// Its contents no longer give its hash: changed.
    Changed,
    /// It does not follow the record before it: one was removed or put in.
    Chain,
    /// Records after it are gone (the register's tip says more were
    /// written).
    Truncated,
}

/// A register that cannot be used, or a request it refuses.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RegisterError {
    /// SQLite cannot open or use the file (not a database, locked,
    /// unreadable, full disk).
    Database { path: String, detail: String },
    /// A database that is not a hoshu register.
    NotARegister { path: String },
    /// A register written by a newer hoshu.
    TooNew { path: String, version: i64 },
    /// `register init` on a file that exists.
    Exists { path: String },
    /// No register file at `path`.
    Missing { path: String },
    /// No document of that number.
    UnknownNumber { number: String },
    /// The document was cancelled: it cannot be revised or cancelled again.
    Cancelled { number: String },
    /// Only the latest version of a document is revised.
    NotLatest { number: String, latest: String },
    /// The pattern gave a number the register already holds (the pattern
    /// was changed to one that numbered before).
    NumberTaken { number: String },
    /// The contract's month is invoiced already (`existing`): revise it
    /// or cancel it first.
    Invoiced {
        contract: String,
        period: String,
        existing: String,
    },
    /// The invoice has a credit note already (`existing`).
    Credited { invoice: String, existing: String },
    /// `register verify` found a record that is not as hoshu wrote it.
    Tampered {
        seq: i64,
        number: String,
        why: Broken,
    },
}

impl std::error::Error for RegisterError {}

/// How a document is numbered: its date, the firm's patterns, and the
/// number it revises, if it does.
#[derive(Debug, Clone, Copy)]
pub struct Numbered<'a> {
    pub date: NaiveDate,
    pub pattern: &'a Pattern,
    pub revision: &'a Pattern,
    pub revises: Option<&'a str>,
    /// The customer's code, for a pattern with `{code}`.
    pub code: &'a str,
}

/// An open register.
pub struct Register {
    conn: Connection,
    path: PathBuf,
}

const SCHEMA: &str = "
CREATE TABLE records (
    seq INTEGER PRIMARY KEY,
    kind TEXT NOT NULL,
    number TEXT NOT NULL,
    version INTEGER NOT NULL,
    base TEXT NOT NULL,
    revises TEXT,
    issued TEXT NOT NULL,
    customer TEXT,
    amount INTEGER NOT NULL,
    system TEXT NOT NULL,
    plan TEXT NOT NULL,
    quote_id TEXT NOT NULL,
    inputs TEXT NOT NULL,
    quote_json TEXT NOT NULL,
    format TEXT NOT NULL,
    document BLOB NOT NULL,
    document_sha256 TEXT NOT NULL,
    pdf_sha256 TEXT,
    reason TEXT,
    retain_until TEXT NOT NULL,
    recorded_at TEXT NOT NULL,
    prev_hash TEXT NOT NULL,
    hash TEXT NOT NULL UNIQUE
);
CREATE UNIQUE INDEX issued_numbers ON records(number) WHERE kind = 'quote';
CREATE INDEX by_issue ON records(issued);
CREATE INDEX by_customer ON records(customer);
CREATE INDEX by_amount ON records(amount);
CREATE TABLE counters (name TEXT PRIMARY KEY, last INTEGER NOT NULL);
CREATE TABLE tip (one INTEGER PRIMARY KEY CHECK (one = 1), seq INTEGER NOT NULL, hash TEXT NOT NULL);
CREATE TRIGGER records_are_kept BEFORE UPDATE ON records
    BEGIN SELECT RAISE(ABORT, 'hoshu register: records are never changed'); END;
CREATE TRIGGER records_stay BEFORE DELETE ON records
    BEGIN SELECT RAISE(ABORT, 'hoshu register: records are never removed'); END;
";

/// Version 1 to 2: an invoice's contract and month.
const TO_V2: &str = "
ALTER TABLE records ADD COLUMN contract TEXT;
ALTER TABLE records ADD COLUMN period TEXT;
CREATE UNIQUE INDEX issued_invoices ON records(number) WHERE kind = 'invoice';
CREATE INDEX by_contract ON records(contract, period);
";

impl Register {
    /// Make a new, empty register at `path`; refused when the file exists.
    pub fn create(path: &Path) -> Result<Register, RegisterError> {
        Register::create_waiting(path, WAIT)
    }

    /// [`Register::create`], waiting at most `wait` for another writer.
    pub fn create_waiting(
        path: &Path,
        wait: std::time::Duration,
    ) -> Result<Register, RegisterError> {
        let shown = path.display().to_string();
        if path.exists() {
            return Err(RegisterError::Exists { path: shown });
        }
        let conn = Connection::open(path).map_err(|e| db(path, e))?;
        let mut register = Register {
            conn,
            path: path.to_owned(),
        };
        register.migrate(wait)?;
        Ok(register)
    }

    /// Open the register at `path`, bringing an older schema up to date.
    pub fn open(path: &Path) -> Result<Register, RegisterError> {
        Register::open_waiting(path, WAIT)
    }

    /// [`Register::open`], waiting at most `wait` for another writer.
    pub fn open_waiting(path: &Path, wait: std::time::Duration) -> Result<Register, RegisterError> {
        if !path.is_file() {
            return Err(RegisterError::Missing {
                path: path.display().to_string(),
            });
        }
        let conn = Connection::open_with_flags(
            path,
            rusqlite::OpenFlags::SQLITE_OPEN_READ_WRITE | rusqlite::OpenFlags::SQLITE_OPEN_NO_MUTEX,
        )
        .map_err(|e| db(path, e))?;
        let mut register = Register {
            conn,
            path: path.to_owned(),
        };
        register.migrate(wait)?;
        Ok(register)
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    fn db(&self, e: rusqlite::Error) -> RegisterError {
        db(&self.path, e)
    }

    /// The schema from its version (`user_version`) to [`SCHEMA_VERSION`],
    /// in one transaction; a file that is some other database is refused.
    fn migrate(&mut self, wait: std::time::Duration) -> Result<(), RegisterError> {
        self.conn.busy_timeout(wait).map_err(|e| self.db(e))?;
        let path = self.path.clone();
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)
            .map_err(|e| db(&path, e))?;
        let version: i64 = tx
            .query_row("PRAGMA user_version", [], |r| r.get(0))
            .map_err(|e| db(&path, e))?;
        let tables: i64 = tx
            .query_row("SELECT count(*) FROM sqlite_master", [], |r| r.get(0))
            .map_err(|e| db(&path, e))?;
        match version {
            0 if tables == 0 => {
                tx.execute_batch(SCHEMA).map_err(|e| db(&path, e))?;
                tx.execute_batch(TO_V2).map_err(|e| db(&path, e))?;
                tx.pragma_update(None, "user_version", SCHEMA_VERSION)
                    .map_err(|e| db(&path, e))?;
            }
            // 2: invoices, their contract and month, their own numbers.
            // 3: credit notes, a kind of record a hoshu reading schema 2
            // does not know (so it refuses the register, not misreads it).
            1 | 2 => {
                if version == 1 {
                    tx.execute_batch(TO_V2).map_err(|e| db(&path, e))?;
                }
                tx.pragma_update(None, "user_version", SCHEMA_VERSION)
                    .map_err(|e| db(&path, e))?;
            }
            0 => {
                return Err(RegisterError::NotARegister {
                    path: path.display().to_string(),
                });
            }
            SCHEMA_VERSION => {}
            v if v > SCHEMA_VERSION => {
                return Err(RegisterError::TooNew {
                    path: path.display().to_string(),
                    version: v,
                });
            }
            _ => {
                return Err(RegisterError::NotARegister {
                    path: path.display().to_string(),
                });
            }
        }
        tx.commit().map_err(|e| db(&path, e))
    }

    /// Issue a document dated `date`: the next number by `pattern` (or,
    /// revising `revises`, its next version by `revision`), made by `make`
    /// with that number and version, and recorded, in one transaction that
    /// holds the register: two issuers never share a number, and a failed
    /// `make` takes none (its error is given back as it is).
    pub fn issue<E>(
        &mut self,
        numbered: Numbered,
        make: impl FnOnce(&str, u32) -> Result<NewDocument, E>,
    ) -> Result<Result<Record, E>, RegisterError> {
        self.issue_as(None, numbered, make)
    }

    /// [`Register::issue`] of an invoice of `contract` for `period`: the
    /// month is refused when it is invoiced already and not cancelled,
    /// unless this revises it.
    pub fn issue_invoice<E>(
        &mut self,
        contract: &str,
        period: &str,
        numbered: Numbered,
        make: impl FnOnce(&str, u32) -> Result<NewDocument, E>,
    ) -> Result<Result<Record, E>, RegisterError> {
        self.issue_as(Some((Kind::Invoice, contract, period)), numbered, make)
    }

    /// [`Register::issue`] of the credit note of `invoice` (of `period`):
    /// refused when the invoice has one already that is not cancelled.
    pub fn issue_credit<E>(
        &mut self,
        invoice: &str,
        period: &str,
        numbered: Numbered,
        make: impl FnOnce(&str, u32) -> Result<NewDocument, E>,
    ) -> Result<Result<Record, E>, RegisterError> {
        self.issue_as(Some((Kind::Credit, invoice, period)), numbered, make)
    }

    /// Issue; with `once`, a document of that kind for that contract (an
    /// invoice's: the credit's) and period is issued once, unless revised
    /// or cancelled.
    fn issue_as<E>(
        &mut self,
        once: Option<(Kind, &str, &str)>,
        numbered: Numbered,
        make: impl FnOnce(&str, u32) -> Result<NewDocument, E>,
    ) -> Result<Result<Record, E>, RegisterError> {
        let Numbered {
            date,
            pattern,
            revision,
            revises,
            code,
        } = numbered;
        let path = self.path.clone();
        let err = |e| db(&path, e);
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)
            .map_err(err)?;
        let (number, version, base, counter) = match revises {
            None => {
                let counter = pattern.counter(date, code);
                let last: i64 = tx
                    .query_row(
                        "SELECT last FROM counters WHERE name = ?1",
                        [&counter],
                        |r| r.get(0),
                    )
                    .optional()
                    .map_err(err)?
                    .unwrap_or(0);
                let next = u64::try_from(last).unwrap_or(0) + 1;
                let number = pattern.render(date, code, next);
                (number.clone(), 1, number, Some((counter, next)))
            }
            Some(old) => {
                let base: String = tx
                    .query_row(
                        "SELECT base FROM records WHERE kind != 'cancel' AND number = ?1",
                        [old],
                        |r| r.get(0),
                    )
                    .optional()
                    .map_err(err)?
                    .ok_or_else(|| RegisterError::UnknownNumber {
                        number: old.to_owned(),
                    })?;
                if cancelled(&tx, old).map_err(err)? {
                    return Err(RegisterError::Cancelled {
                        number: old.to_owned(),
                    });
                }
                let (latest, latest_version): (String, u32) = tx
                    .query_row(
                        "SELECT number, version FROM records WHERE kind != 'cancel' AND base = ?1 \
                         ORDER BY version DESC LIMIT 1",
                        [&base],
                        |r| Ok((r.get(0)?, r.get(1)?)),
                    )
                    .map_err(err)?;
                if latest != old {
                    return Err(RegisterError::NotLatest {
                        number: old.to_owned(),
                        latest,
                    });
                }
                let version = latest_version + 1;
                let number = format!("{base}{}", revision.render(date, code, u64::from(version)));
                (number, version, base, None)
            }
        };
        let taken: i64 = tx
            .query_row(
                "SELECT count(*) FROM records WHERE kind != 'cancel' AND number = ?1",
                [&number],
                |r| r.get(0),
            )
            .map_err(err)?;
        if taken > 0 {
            return Err(RegisterError::NumberTaken { number });
        }
        // A contract's month is invoiced once, and an invoice credited
        // once, unless revised or cancelled.
        if let (Some((kind, contract, period)), None) = (once, revises) {
            let existing: Option<String> = tx
                .query_row(
                    // The latest version of each document of the month,
                    // unless cancelled: a cancelled correction withdraws the
                    // chain.
                    "SELECT r.number FROM records r WHERE r.kind = ?3 AND r.contract = ?1 \
                     AND r.period = ?2 AND r.version = (SELECT max(x.version) FROM records x \
                     WHERE x.kind = ?3 AND x.base = r.base) AND NOT EXISTS \
                     (SELECT 1 FROM records c WHERE c.kind = 'cancel' AND c.number = r.number) \
                     ORDER BY r.seq DESC LIMIT 1",
                    params![contract, period, kind.as_str()],
                    |r| r.get(0),
                )
                .optional()
                .map_err(err)?;
            if let Some(existing) = existing {
                return Err(match kind {
                    Kind::Credit => RegisterError::Credited {
                        invoice: contract.to_owned(),
                        existing,
                    },
                    _ => RegisterError::Invoiced {
                        contract: contract.to_owned(),
                        period: period.to_owned(),
                        existing,
                    },
                });
            }
        }
        let doc = match make(&number, version) {
            Ok(doc) => doc,
            // Nothing written: the transaction is rolled back as it drops.
            Err(e) => return Ok(Err(e)),
        };
        if let Some((counter, next)) = counter {
            tx.execute(
                "INSERT INTO counters (name, last) VALUES (?1, ?2) \
                 ON CONFLICT(name) DO UPDATE SET last = excluded.last",
                params![counter, i64::try_from(next).unwrap_or(i64::MAX)],
            )
            .map_err(err)?;
        }
        let row = Row {
            kind: doc.kind,
            contract: doc.contract,
            period: doc.period,
            number,
            version,
            base,
            revises: revises.map(str::to_owned),
            issued: doc.issued,
            customer: doc.customer,
            amount: doc.amount,
            system: doc.system,
            plan: doc.plan,
            quote_id: doc.quote_id,
            inputs: doc.inputs,
            quote_json: doc.quote_json,
            format: doc.format,
            document_sha256: sha256_hex(&doc.document),
            document: doc.document,
            pdf_sha256: doc.pdf_sha256,
            reason: None,
            retain_until: doc.retain_until,
            recorded_at: stamp(doc.recorded_at),
        };
        let seq = append(&tx, &row).map_err(err)?;
        tx.commit().map_err(err)?;
        Ok(Ok(self.record(seq)?))
    }

    /// Withdraw `number` (取消): a cancellation record naming it and why,
    /// dated `date`; the document stays in the register, marked cancelled.
    pub fn cancel(
        &mut self,
        number: &str,
        reason: &str,
        date: NaiveDate,
        retain_until: NaiveDate,
        recorded_at: chrono::DateTime<chrono::Utc>,
    ) -> Result<Record, RegisterError> {
        let path = self.path.clone();
        let err = |e| db(&path, e);
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)
            .map_err(err)?;
        /// What a cancellation repeats of the document it names.
        struct Original {
            version: u32,
            base: String,
            customer: Option<String>,
            amount: i64,
            system: String,
            plan: String,
            quote_id: String,
        }
        let found = tx
            .query_row(
                "SELECT version, base, customer, amount, system, plan, quote_id FROM records \
                 WHERE kind != 'cancel' AND number = ?1",
                [number],
                |r| {
                    Ok(Original {
                        version: r.get(0)?,
                        base: r.get(1)?,
                        customer: r.get(2)?,
                        amount: r.get(3)?,
                        system: r.get(4)?,
                        plan: r.get(5)?,
                        quote_id: r.get(6)?,
                    })
                },
            )
            .optional()
            .map_err(err)?;
        let Some(Original {
            version,
            base,
            customer,
            amount,
            system,
            plan,
            quote_id,
        }) = found
        else {
            return Err(RegisterError::UnknownNumber {
                number: number.to_owned(),
            });
        };
        if cancelled(&tx, number).map_err(err)? {
            return Err(RegisterError::Cancelled {
                number: number.to_owned(),
            });
        }
        let row = Row {
            kind: Kind::Cancel,
            contract: None,
            period: None,
            number: number.to_owned(),
            version,
            base,
            revises: None,
            issued: date,
            customer,
            amount,
            system,
            plan,
            quote_id,
            inputs: String::new(),
            quote_json: String::new(),
            format: String::new(),
            document_sha256: sha256_hex(b""),
            document: Vec::new(),
            pdf_sha256: None,
            reason: Some(reason.to_owned()),
            retain_until,
            recorded_at: stamp(recorded_at),
        };
        let seq = append(&tx, &row).map_err(err)?;
        tx.commit().map_err(err)?;
        self.record(seq)
    }

    /// The record at `seq`.
    fn record(&self, seq: i64) -> Result<Record, RegisterError> {
        let mut records = self.select("WHERE r.seq = ?1", &[&seq])?;
        records.pop().ok_or_else(|| RegisterError::UnknownNumber {
            number: seq.to_string(),
        })
    }

    /// The records `search` finds, in the order they were written.
    pub fn search(&self, search: &Search) -> Result<Vec<Record>, RegisterError> {
        let mut clauses = Vec::new();
        let mut values: Vec<Box<dyn rusqlite::ToSql>> = Vec::new();
        if let Some(from) = search.from {
            values.push(Box::new(from.to_string()));
            clauses.push(format!("r.issued >= ?{}", values.len()));
        }
        if let Some(to) = search.to {
            values.push(Box::new(to.to_string()));
            clauses.push(format!("r.issued <= ?{}", values.len()));
        }
        if let Some(customer) = &search.customer {
            // Part of the name, any case; % and _ in it are themselves.
            let escaped = customer
                .replace('\\', "\\\\")
                .replace('%', "\\%")
                .replace('_', "\\_");
            values.push(Box::new(format!("%{escaped}%")));
            clauses.push(format!("r.customer LIKE ?{} ESCAPE '\\'", values.len()));
        }
        if let Some(min) = search.min {
            values.push(Box::new(min));
            clauses.push(format!("r.amount >= ?{}", values.len()));
        }
        if let Some(max) = search.max {
            values.push(Box::new(max));
            clauses.push(format!("r.amount <= ?{}", values.len()));
        }
        if let Some(kind) = search.kind {
            values.push(Box::new(kind.as_str()));
            clauses.push(format!("r.kind = ?{}", values.len()));
        }
        let filter = if clauses.is_empty() {
            String::new()
        } else {
            format!("WHERE {}", clauses.join(" AND "))
        };
        let refs: Vec<&dyn rusqlite::ToSql> = values.iter().map(|v| v.as_ref()).collect();
        self.select(&filter, &refs)
    }

    fn select(
        &self,
        filter: &str,
        values: &[&dyn rusqlite::ToSql],
    ) -> Result<Vec<Record>, RegisterError> {
        let sql = format!(
            "SELECT r.seq, r.kind, r.number, r.version, r.base, r.revises, r.issued, r.customer, \
             r.amount, r.system, r.plan, r.quote_id, r.format, r.reason, r.retain_until, \
             r.recorded_at, r.hash, r.contract, r.period, \
             EXISTS (SELECT 1 FROM records c WHERE c.kind = 'cancel' AND c.number = r.number) \
             FROM records r {filter} ORDER BY r.seq"
        );
        let mut stmt = self.conn.prepare(&sql).map_err(|e| self.db(e))?;
        let rows = stmt
            .query_map(values, |r| {
                let date = |i: usize| -> rusqlite::Result<NaiveDate> {
                    let text: String = r.get(i)?;
                    text.parse().map_err(|e| {
                        rusqlite::Error::FromSqlConversionFailure(
                            i,
                            rusqlite::types::Type::Text,
                            Box::new(e),
                        )
                    })
                };
                let kind: String = r.get(1)?;
                // A kind this hoshu does not know is not taken for another.
                let kind = Kind::from_db(&kind).ok_or_else(|| {
                    rusqlite::Error::FromSqlConversionFailure(
                        1,
                        rusqlite::types::Type::Text,
                        format!("unknown kind of record `{kind}`").into(),
                    )
                })?;
                Ok(Record {
                    seq: r.get(0)?,
                    kind,
                    number: r.get(2)?,
                    version: r.get(3)?,
                    base: r.get(4)?,
                    revises: r.get(5)?,
                    issued: date(6)?,
                    customer: r.get(7)?,
                    amount: r.get(8)?,
                    system: r.get(9)?,
                    plan: r.get(10)?,
                    quote_id: r.get(11)?,
                    format: r.get(12)?,
                    reason: r.get(13)?,
                    retain_until: date(14)?,
                    recorded_at: r.get(15)?,
                    hash: r.get(16)?,
                    contract: r.get(17)?,
                    period: r.get(18)?,
                    cancelled: r.get(19)?,
                })
            })
            .map_err(|e| self.db(e))?;
        rows.collect::<Result<Vec<_>, _>>().map_err(|e| self.db(e))
    }

    /// The document issued as `number`, as it was issued.
    pub fn issued(&self, number: &str) -> Result<Issued, RegisterError> {
        let found = self
            .conn
            .query_row(
                "SELECT seq, document, quote_json, inputs, pdf_sha256 FROM records \
                 WHERE kind != 'cancel' AND number = ?1",
                [number],
                |r| {
                    Ok((
                        r.get::<_, i64>(0)?,
                        r.get::<_, Vec<u8>>(1)?,
                        r.get::<_, String>(2)?,
                        r.get::<_, String>(3)?,
                        r.get::<_, Option<String>>(4)?,
                    ))
                },
            )
            .optional()
            .map_err(|e| self.db(e))?;
        let Some((seq, document, quote_json, inputs, pdf_sha256)) = found else {
            return Err(RegisterError::UnknownNumber {
                number: number.to_owned(),
            });
        };
        Ok(Issued {
            record: self.record(seq)?,
            document,
            quote_json,
            inputs,
            pdf_sha256,
        })
    }

    /// Re-derive every record's hash and its link to the one before, and
    /// the tip against the last record: the first that is not as written.
    pub fn verify(&self) -> Result<Verified, RegisterError> {
        let mut stmt = self
            .conn
            .prepare(&format!(
                "SELECT {COLUMNS}, seq, hash FROM records ORDER BY seq"
            ))
            .map_err(|e| self.db(e))?;
        let mut rows = stmt.query([]).map_err(|e| self.db(e))?;
        let mut prev = GENESIS.to_owned();
        let mut count = 0;
        let mut expected_seq = 1;
        while let Some(r) = rows.next().map_err(|e| self.db(e))? {
            let row = Row::read(r).map_err(|e| self.db(e))?;
            let seq: i64 = r.get(COLUMN_COUNT).map_err(|e| self.db(e))?;
            let stored: String = r.get(COLUMN_COUNT + 1).map_err(|e| self.db(e))?;
            let prev_hash: String = r.get(COLUMN_COUNT - 1).map_err(|e| self.db(e))?;
            if seq != expected_seq || prev_hash != prev {
                return Ok(Verified::Broken {
                    seq,
                    number: row.number,
                    why: Broken::Chain,
                });
            }
            if row.hash(seq, &prev_hash) != stored
                || sha256_hex(&row.document) != row.document_sha256
            {
                return Ok(Verified::Broken {
                    seq,
                    number: row.number,
                    why: Broken::Changed,
                });
            }
            prev = stored;
            count += 1;
            expected_seq += 1;
        }
        let tip: Option<(i64, String)> = self
            .conn
            .query_row("SELECT seq, hash FROM tip WHERE one = 1", [], |r| {
                Ok((r.get(0)?, r.get(1)?))
            })
            .optional()
            .map_err(|e| self.db(e))?;
        match tip {
            Some((seq, hash)) if seq != count || (count > 0 && hash != prev) => {
                Ok(Verified::Broken {
                    seq: count,
                    number: String::new(),
                    why: Broken::Truncated,
                })
            }
            None if count > 0 => Ok(Verified::Broken {
                seq: count,
                number: String::new(),
                why: Broken::Truncated,
            }),
            _ => Ok(Verified::Intact {
                records: count,
                tip: (count > 0).then_some(prev),
            }),
        }
    }
}

/// Whether a cancellation names `number`.
fn cancelled(tx: &Connection, number: &str) -> rusqlite::Result<bool> {
    tx.query_row(
        "SELECT count(*) FROM records WHERE kind = 'cancel' AND number = ?1",
        [number],
        |r| r.get::<_, i64>(0),
    )
    .map(|n| n > 0)
}

/// The columns a record is written with and hashed over, in this order;
/// `prev_hash` last.
const COLUMNS: &str = "kind, number, version, base, revises, issued, customer, amount, system, \
    plan, quote_id, inputs, quote_json, format, document, document_sha256, pdf_sha256, reason, \
    retain_until, recorded_at, contract, period, prev_hash";
const COLUMN_COUNT: usize = 23;

/// A record's columns as written.
struct Row {
    kind: Kind,
    contract: Option<String>,
    period: Option<String>,
    number: String,
    version: u32,
    base: String,
    revises: Option<String>,
    issued: NaiveDate,
    customer: Option<String>,
    amount: i64,
    system: String,
    plan: String,
    quote_id: String,
    inputs: String,
    quote_json: String,
    format: String,
    document: Vec<u8>,
    document_sha256: String,
    pdf_sha256: Option<String>,
    reason: Option<String>,
    retain_until: NaiveDate,
    recorded_at: String,
}

impl Row {
    fn read(r: &rusqlite::Row) -> rusqlite::Result<Row> {
        let text = |i: usize| -> rusqlite::Result<String> { r.get(i) };
        let date = |i: usize| -> rusqlite::Result<NaiveDate> {
            // A date that no longer reads is a changed record: the hash over
            // the text says so, so it is kept as the earliest day here.
            Ok(text(i)?.parse().unwrap_or(NaiveDate::MIN))
        };
        Ok(Row {
            kind: Kind::from_db(&text(0)?).unwrap_or(Kind::Quote),
            number: text(1)?,
            version: r.get(2)?,
            base: text(3)?,
            revises: r.get(4)?,
            issued: date(5)?,
            customer: r.get(6)?,
            amount: r.get(7)?,
            system: text(8)?,
            plan: text(9)?,
            quote_id: text(10)?,
            inputs: text(11)?,
            quote_json: text(12)?,
            format: text(13)?,
            document: r.get(14)?,
            document_sha256: text(15)?,
            pdf_sha256: r.get(16)?,
            reason: r.get(17)?,
            retain_until: date(18)?,
            recorded_at: text(19)?,
            contract: r.get(20)?,
            period: r.get(21)?,
        })
    }

    /// SHA-256 over every column, each as its name, length and value, and
    /// the record before's hash: a change to any one changes it.
    fn hash(&self, seq: i64, prev_hash: &str) -> String {
        let mut h = Sha256::new();
        let mut put = |name: &str, value: &[u8]| {
            h.update(name.as_bytes());
            h.update(b"=");
            h.update((value.len() as u64).to_le_bytes());
            h.update(value);
        };
        let opt = |v: &Option<String>| {
            v.as_deref()
                .map_or(b"\0null".to_vec(), |s| s.as_bytes().to_vec())
        };
        put("seq", seq.to_string().as_bytes());
        put("kind", self.kind.as_str().as_bytes());
        put("number", self.number.as_bytes());
        put("version", self.version.to_string().as_bytes());
        put("base", self.base.as_bytes());
        put("revises", &opt(&self.revises));
        put("issued", self.issued.to_string().as_bytes());
        put("customer", &opt(&self.customer));
        put("amount", self.amount.to_string().as_bytes());
        put("system", self.system.as_bytes());
        put("plan", self.plan.as_bytes());
        put("quote_id", self.quote_id.as_bytes());
        put("inputs", self.inputs.as_bytes());
        put("quote_json", self.quote_json.as_bytes());
        put("format", self.format.as_bytes());
        put("document_sha256", self.document_sha256.as_bytes());
        put("pdf_sha256", &opt(&self.pdf_sha256));
        put("reason", &opt(&self.reason));
        put("retain_until", self.retain_until.to_string().as_bytes());
        put("recorded_at", self.recorded_at.as_bytes());
        // Added in schema 2: hashed when given, so that older records keep
        // their hashes.
        if let Some(contract) = &self.contract {
            put("contract", contract.as_bytes());
        }
        if let Some(period) = &self.period {
            put("period", period.as_bytes());
        }
        put("prev_hash", prev_hash.as_bytes());
        h.finalize().iter().map(|b| format!("{b:02x}")).collect()
    }
}

/// Append `row` after the last record, chained to it, and move the tip.
fn append(tx: &Connection, row: &Row) -> rusqlite::Result<i64> {
    let (last_seq, prev): (i64, String) = tx
        .query_row(
            "SELECT seq, hash FROM records ORDER BY seq DESC LIMIT 1",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .optional()?
        .unwrap_or((0, GENESIS.to_owned()));
    let seq = last_seq + 1;
    let hash = row.hash(seq, &prev);
    tx.execute(
        &format!("INSERT INTO records (seq, {COLUMNS}, hash) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19, ?20, ?21, ?22, ?23, ?24, ?25)"),
        params![
            seq,
            row.kind.as_str(),
            row.number,
            row.version,
            row.base,
            row.revises,
            row.issued.to_string(),
            row.customer,
            row.amount,
            row.system,
            row.plan,
            row.quote_id,
            row.inputs,
            row.quote_json,
            row.format,
            row.document,
            row.document_sha256,
            row.pdf_sha256,
            row.reason,
            row.retain_until.to_string(),
            row.recorded_at,
            row.contract,
            row.period,
            prev,
            hash,
        ],
    )?;
    tx.execute(
        "INSERT INTO tip (one, seq, hash) VALUES (1, ?1, ?2) \
         ON CONFLICT(one) DO UPDATE SET seq = excluded.seq, hash = excluded.hash",
        params![seq, hash],
    )?;
    Ok(seq)
}

/// A moment as records hold it: UTC, to the second (RFC 3339).
fn stamp(at: chrono::DateTime<chrono::Utc>) -> String {
    at.format("%Y-%m-%dT%H:%M:%SZ").to_string()
}

fn db(path: &Path, e: rusqlite::Error) -> RegisterError {
    let detail = e.to_string();
    RegisterError::Database {
        path: path.display().to_string(),
        detail,
    }
}

/// The last day a record of `issued` is kept: the end of the fiscal year it
/// falls in (ending on `fiscal_year_end`, month and day), plus `years`.
pub fn retain_until(issued: NaiveDate, years: u32, fiscal_year_end: (u32, u32)) -> NaiveDate {
    let (m, d) = fiscal_year_end;
    let end_in = |year: i32| {
        NaiveDate::from_ymd_opt(year, m, d)
            .or_else(|| NaiveDate::from_ymd_opt(year, m, 28))
            .unwrap_or(NaiveDate::MAX)
    };
    let fy_end = if issued <= end_in(issued.year()) {
        end_in(issued.year())
    } else {
        end_in(issued.year() + 1)
    };
    end_in(fy_end.year() + i32::try_from(years).unwrap_or(0))
}

/// Hex of SHA-256.
pub fn sha256_hex(bytes: &[u8]) -> String {
    Sha256::digest(bytes)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A register of schema 1 with one record, written as hoshu 1 wrote it,
    /// opens as schema 2, its record's hash unchanged, and takes an invoice.
    #[test]
    fn a_schema_1_register_is_brought_up_to_date_and_verifies() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("old.sqlite");
        {
            let conn = Connection::open(&path).unwrap();
            conn.execute_batch(SCHEMA).unwrap();
            conn.pragma_update(None, "user_version", 1).unwrap();
            let row = Row {
                kind: Kind::Quote,
                contract: None,
                period: None,
                number: "202611-001".into(),
                version: 1,
                base: "202611-001".into(),
                revises: None,
                issued: d("2026-11-30"),
                customer: Some("c".into()),
                amount: 1_100,
                system: "s".into(),
                plan: "standard".into(),
                quote_id: "Q-0".into(),
                inputs: "{}".into(),
                quote_json: "{}".into(),
                format: "json".into(),
                document: b"{}".to_vec(),
                document_sha256: sha256_hex(b"{}"),
                pdf_sha256: None,
                reason: None,
                retain_until: d("2034-03-31"),
                recorded_at: "2026-11-30T00:00:00Z".into(),
            };
            let hash = row.hash(1, GENESIS);
            conn.execute(
                "INSERT INTO records (seq, kind, number, version, base, revises, issued, customer, \
                 amount, system, plan, quote_id, inputs, quote_json, format, document, \
                 document_sha256, pdf_sha256, reason, retain_until, recorded_at, prev_hash, hash) \
                 VALUES (1, 'quote', '202611-001', 1, '202611-001', NULL, '2026-11-30', 'c', 1100, \
                 's', 'standard', 'Q-0', '{}', '{}', 'json', X'7B7D', ?1, NULL, NULL, \
                 '2034-03-31', '2026-11-30T00:00:00Z', ?2, ?3)",
                params![row.document_sha256, GENESIS, hash],
            )
            .unwrap();
            conn.execute(
                "INSERT INTO tip (one, seq, hash) VALUES (1, 1, ?1)",
                [&hash],
            )
            .unwrap();
        }
        let mut register = Register::open(&path).unwrap();
        let version: i64 = register
            .conn
            .query_row("PRAGMA user_version", [], |r| r.get(0))
            .unwrap();
        assert_eq!(version, SCHEMA_VERSION);
        assert!(matches!(
            register.verify(),
            Ok(Verified::Intact { records: 1, .. })
        ));
        let pattern = Pattern::document(numbering::DEFAULT_INVOICE).unwrap();
        let revision = Pattern::revision(numbering::DEFAULT_REVISION).unwrap();
        let record = register
            .issue_invoice(
                "202611-001",
                "2026-12",
                Numbered {
                    date: d("2027-01-04"),
                    pattern: &pattern,
                    revision: &revision,
                    revises: None,
                    code: "",
                },
                |_, _| {
                    Ok::<_, ()>(NewDocument {
                        issued: d("2027-01-04"),
                        customer: Some("c".into()),
                        amount: 1,
                        system: "s".into(),
                        plan: "standard".into(),
                        quote_id: "Q-0".into(),
                        inputs: "{}".into(),
                        quote_json: "{}".into(),
                        format: "json".into(),
                        document: Vec::new(),
                        pdf_sha256: None,
                        retain_until: d("2034-03-31"),
                        recorded_at: chrono::DateTime::UNIX_EPOCH,
                        kind: Kind::Invoice,
                        contract: Some("202611-001".into()),
                        period: Some("2026-12".into()),
                    })
                },
            )
            .unwrap()
            .unwrap();
        assert_eq!(record.number, "INV-202701-001");
        assert_eq!(record.period.as_deref(), Some("2026-12"));
        assert!(matches!(
            register.verify(),
            Ok(Verified::Intact { records: 2, .. })
        ));
    }

    fn d(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    #[test]
    fn records_are_kept_years_after_their_fiscal_year_ends() {
        // A fiscal year to March: December 2026 falls in the year that ends
        // 2027-03-31.
        assert_eq!(retain_until(d("2026-12-01"), 7, (3, 31)), d("2034-03-31"));
        assert_eq!(retain_until(d("2027-03-31"), 7, (3, 31)), d("2034-03-31"));
        assert_eq!(retain_until(d("2027-04-01"), 7, (3, 31)), d("2035-03-31"));
        // The calendar year, and 10 years in a year of losses carried.
        assert_eq!(retain_until(d("2026-12-31"), 10, (12, 31)), d("2036-12-31"));
        // A year ending on 02-29 ends on the 28th when there is no 29th.
        assert_eq!(retain_until(d("2025-03-01"), 7, (2, 29)), d("2033-02-28"));
    }
}
