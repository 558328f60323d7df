//! The firm's numbering: a pattern of date tokens and a sequence
//! (`{yyyy}{mm}-{seq:3}` gives `202612-001`), as Japanese quote services
//! number documents. The sequence restarts with the pattern's smallest date
//! unit (a day, a month, else a year); a revision's suffix carries the
//! version (`-{version:2}` gives `-02`).

use chrono::{Datelike, NaiveDate};

/// A pattern's piece.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Part {
    Text(String),
    Year4,
    Year2,
    Month,
    Day,
    /// The sequence, at least this many digits (zero-padded).
    Seq(usize),
    /// A revision's version, at least this many digits.
    Version(usize),
    /// The customer's code (`[quote] customer_code`): the sequence then
    /// counts per customer.
    Code,
}

/// When a pattern's sequence starts again from 1.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Reset {
    Daily,
    Monthly,
    Yearly,
}

/// A numbering pattern, read and checked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Pattern {
    text: String,
    parts: Vec<Part>,
}

/// Why a pattern cannot number documents.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PatternProblem {
    /// `{…}` that is no token hoshu knows.
    UnknownToken(String),
    /// A `{` without its `}`, or a `}` alone.
    Unbalanced,
    /// A document pattern needs exactly one `{seq}`; a revision suffix
    /// exactly one `{version}` and no `{seq}`.
    Counter { wanted: &'static str },
    /// A width outside 1 to 9 (`{seq:0}`).
    Width(String),
}

/// The default document pattern: year and month, then a 3-digit sequence
/// that restarts every month.
pub const DEFAULT_QUOTE: &str = "{yyyy}{mm}-{seq:3}";
/// The default invoice pattern: `INV-202612-001`, restarting every month.
pub const DEFAULT_INVOICE: &str = "INV-{yyyy}{mm}-{seq:3}";
/// A credit note's number (返還インボイス).
pub const DEFAULT_CREDIT: &str = "CN-{yyyy}{mm}-{seq:3}";
/// The default revision suffix: `-02`, `-03` …
pub const DEFAULT_REVISION: &str = "-{version:2}";

/// The tokens a pattern may hold, as the help and errors list them.
pub const TOKENS: [&str; 7] = [
    "{yyyy}",
    "{yy}",
    "{mm}",
    "{dd}",
    "{code}",
    "{seq:N}",
    "{version:N}",
];

impl Pattern {
    /// A document pattern (one `{seq}`).
    pub fn document(text: &str) -> Result<Pattern, PatternProblem> {
        let p = Pattern::parse(text)?;
        let seqs = p.parts.iter().filter(|x| matches!(x, Part::Seq(_))).count();
        let versions = p
            .parts
            .iter()
            .filter(|x| matches!(x, Part::Version(_)))
            .count();
        if seqs != 1 || versions != 0 {
            return Err(PatternProblem::Counter { wanted: "{seq}" });
        }
        Ok(p)
    }

    /// A revision suffix (one `{version}`, no `{seq}`).
    pub fn revision(text: &str) -> Result<Pattern, PatternProblem> {
        let p = Pattern::parse(text)?;
        let seqs = p.parts.iter().filter(|x| matches!(x, Part::Seq(_))).count();
        let versions = p
            .parts
            .iter()
            .filter(|x| matches!(x, Part::Version(_)))
            .count();
        if seqs != 0 || versions != 1 {
            return Err(PatternProblem::Counter {
                wanted: "{version}",
            });
        }
        Ok(p)
    }

    fn parse(text: &str) -> Result<Pattern, PatternProblem> {
        let mut parts = Vec::new();
        let mut rest = text;
        while !rest.is_empty() {
            match (rest.find('{'), rest.find('}')) {
                (Some(open), close) if close.is_none_or(|c| c > open) => {
                    if open > 0 {
                        parts.push(Part::Text(rest[..open].to_owned()));
                    }
                    let close = rest[open..]
                        .find('}')
                        .map(|c| open + c)
                        .ok_or(PatternProblem::Unbalanced)?;
                    parts.push(token(&rest[open + 1..close])?);
                    rest = &rest[close + 1..];
                }
                (_, Some(_)) => return Err(PatternProblem::Unbalanced),
                (None, None) => {
                    parts.push(Part::Text(rest.to_owned()));
                    rest = "";
                }
                (Some(_), None) => unreachable!("the first arm takes an opening brace alone"),
            }
        }
        Ok(Pattern {
            text: text.to_owned(),
            parts,
        })
    }

    /// The pattern as written.
    pub fn as_str(&self) -> &str {
        &self.text
    }

    /// When the sequence restarts: the smallest date unit in the pattern,
    /// else every year.
    pub fn reset(&self) -> Reset {
        if self.parts.contains(&Part::Day) {
            Reset::Daily
        } else if self.parts.contains(&Part::Month) {
            Reset::Monthly
        } else {
            Reset::Yearly
        }
    }

    /// Whether the pattern has the customer's code, and so counts per
    /// customer.
    pub fn needs_code(&self) -> bool {
        self.parts.contains(&Part::Code)
    }

    /// The counter a document of `date` (for the customer `code`) takes its
    /// sequence from: the pattern, the period it restarts with, and the
    /// customer when the pattern has `{code}`.
    pub fn counter(&self, date: NaiveDate, code: &str) -> String {
        let period = match self.reset() {
            Reset::Daily => date.format("%Y-%m-%d").to_string(),
            Reset::Monthly => date.format("%Y-%m").to_string(),
            Reset::Yearly => date.format("%Y").to_string(),
        };
        if self.needs_code() {
            format!("{}@{period}@{code}", self.text)
        } else {
            format!("{}@{period}", self.text)
        }
    }

    /// The number of `date`, `code` and `seq` (or, for a revision,
    /// `version`).
    pub fn render(&self, date: NaiveDate, code: &str, counter: u64) -> String {
        let mut out = String::new();
        for part in &self.parts {
            match part {
                Part::Text(t) => out.push_str(t),
                Part::Year4 => out.push_str(&format!("{:04}", date.year())),
                Part::Year2 => out.push_str(&format!("{:02}", date.year().rem_euclid(100))),
                Part::Month => out.push_str(&format!("{:02}", date.month())),
                Part::Day => out.push_str(&format!("{:02}", date.day())),
                Part::Seq(w) | Part::Version(w) => out.push_str(&format!("{counter:0w$}")),
                Part::Code => out.push_str(code),
            }
        }
        out
    }
}

fn token(inner: &str) -> Result<Part, PatternProblem> {
    let width = |w: &str| {
        w.parse::<usize>()
            .ok()
            .filter(|w| (1..=9).contains(w))
            .ok_or_else(|| PatternProblem::Width(format!("{{{inner}}}")))
    };
    Ok(match inner.split_once(':') {
        None => match inner {
            "yyyy" => Part::Year4,
            "yy" => Part::Year2,
            "mm" => Part::Month,
            "dd" => Part::Day,
            "seq" => Part::Seq(1),
            "code" => Part::Code,
            "version" => Part::Version(1),
            _ => return Err(PatternProblem::UnknownToken(format!("{{{inner}}}"))),
        },
        Some(("seq", w)) => Part::Seq(width(w)?),
        Some(("version", w)) => Part::Version(width(w)?),
        Some(_) => return Err(PatternProblem::UnknownToken(format!("{{{inner}}}"))),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    #[test]
    fn the_default_numbers_by_month() {
        let p = Pattern::document(DEFAULT_QUOTE).unwrap();
        assert_eq!(p.render(d("2026-12-01"), "", 1), "202612-001");
        assert_eq!(p.render(d("2026-12-31"), "", 1234), "202612-1234");
        assert_eq!(p.reset(), Reset::Monthly);
        assert_eq!(p.counter(d("2026-12-31"), ""), "{yyyy}{mm}-{seq:3}@2026-12");
        assert_ne!(
            p.counter(d("2026-12-31"), ""),
            p.counter(d("2027-01-01"), "")
        );
        assert_eq!(
            p.counter(d("2026-12-01"), ""),
            p.counter(d("2026-12-31"), "")
        );
    }

    #[test]
    fn the_smallest_date_unit_decides_the_reset() {
        let daily = Pattern::document("Q{yy}{mm}{dd}{seq:2}").unwrap();
        assert_eq!(daily.reset(), Reset::Daily);
        assert_eq!(daily.render(d("2027-01-05"), "", 7), "Q27010507");
        let yearly = Pattern::document("見積-{yyyy}-{seq:4}").unwrap();
        assert_eq!(yearly.reset(), Reset::Yearly);
        assert_eq!(yearly.render(d("2026-03-31"), "", 12), "見積-2026-0012");
        assert_eq!(
            yearly.counter(d("2026-01-01"), ""),
            yearly.counter(d("2026-12-31"), "")
        );
        let never_dated = Pattern::document("Q-{seq}").unwrap();
        assert_eq!(never_dated.reset(), Reset::Yearly);
        let rev = Pattern::revision(DEFAULT_REVISION).unwrap();
        assert_eq!(rev.render(d("2026-12-01"), "", 2), "-02");
    }

    #[test]
    fn a_pattern_with_the_customers_code_counts_per_customer() {
        let p = Pattern::document("{code}-{yyyy}-{seq:3}").unwrap();
        assert!(p.needs_code());
        assert_eq!(p.render(d("2026-12-01"), "SAKURA", 1), "SAKURA-2026-001");
        assert_ne!(
            p.counter(d("2026-12-01"), "SAKURA"),
            p.counter(d("2026-12-01"), "AOBA")
        );
        assert!(!Pattern::document(DEFAULT_QUOTE).unwrap().needs_code());
    }

    #[test]
    fn a_pattern_hoshu_cannot_number_by_is_refused() {
        assert_eq!(
            Pattern::document("{yyyy}{mm}"),
            Err(PatternProblem::Counter { wanted: "{seq}" })
        );
        assert_eq!(
            Pattern::document("{seq}-{seq}"),
            Err(PatternProblem::Counter { wanted: "{seq}" })
        );
        assert_eq!(
            Pattern::document("{yyyy}{month}-{seq}"),
            Err(PatternProblem::UnknownToken("{month}".into()))
        );
        assert_eq!(
            Pattern::document("{yyyy-{seq}"),
            Err(PatternProblem::UnknownToken("{yyyy-{seq}".into()))
        );
        assert_eq!(Pattern::document("{seq:3"), Err(PatternProblem::Unbalanced));
        assert_eq!(
            Pattern::document("a}{seq}"),
            Err(PatternProblem::Unbalanced)
        );
        assert_eq!(
            Pattern::document("{seq:0}"),
            Err(PatternProblem::Width("{seq:0}".into()))
        );
        assert_eq!(
            Pattern::revision("-{seq:2}"),
            Err(PatternProblem::Counter {
                wanted: "{version}"
            })
        );
    }
}
