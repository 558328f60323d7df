//! From what support knows to a [`Case`]: flags, a system file and batch
//! cells give the same eight facts, and are checked the same way.
//!
//! Each source is a [`CaseInput`] of optional values; [`CaseInput::or`]
//! layers them (a batch cell over a flag over the system file) and
//! [`CaseInput::resolve`] applies the defaults and checks the result against
//! the rate card. Problems name the [`Field`], so the binary can say
//! `--plan-end` and the batch `column plan_end`.

use chrono::NaiveDate;
use std::fmt;

use crate::coverage::{Case, CaseError, Cause, Coverage, Kind, PlanTerms};
use crate::date::{DateError, parse_date_bytes};
use crate::rates::RateCard;
use crate::render::escape;
use crate::system::{System, WARRANTY_MONTHS};

/// One fact of a case: a flag of `hoshu classify`, a column of a batch.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Field {
    Delivered,
    Reported,
    ExternalCause,
    Kind,
    WarrantyMonths,
    Plan,
    PlanStart,
    PlanEnd,
}

impl Field {
    pub const ALL: [Field; 8] = [
        Field::Delivered,
        Field::Reported,
        Field::ExternalCause,
        Field::Kind,
        Field::WarrantyMonths,
        Field::Plan,
        Field::PlanStart,
        Field::PlanEnd,
    ];

    /// The batch column name.
    pub fn column(self) -> &'static str {
        match self {
            Field::Delivered => "delivered",
            Field::Reported => "reported",
            Field::ExternalCause => "external_cause",
            Field::Kind => "kind",
            Field::WarrantyMonths => "warranty_months",
            Field::Plan => "plan",
            Field::PlanStart => "plan_start",
            Field::PlanEnd => "plan_end",
        }
    }

    /// The batch column name in Japanese, accepted as is beside [`Field::column`].
    pub fn ja_column(self) -> &'static str {
        match self {
            Field::Delivered => "納品日",
            Field::Reported => "報告日",
            Field::ExternalCause => "外部要因",
            Field::Kind => "種別",
            Field::WarrantyMonths => "保証月数",
            Field::Plan => "保守プラン",
            Field::PlanStart => "プラン開始日",
            Field::PlanEnd => "プラン終了日",
        }
    }

    /// The field named `name` as a batch column, English or Japanese.
    pub fn from_column(name: &str) -> Option<Field> {
        Field::ALL
            .into_iter()
            .find(|f| f.column() == name || f.ja_column() == name)
    }

    /// The command-line flag.
    pub fn flag(self) -> &'static str {
        match self {
            Field::Delivered => "--delivered",
            Field::Reported => "--reported",
            Field::ExternalCause => "--external-cause",
            Field::Kind => "--kind",
            Field::WarrantyMonths => "--warranty-months",
            Field::Plan => "--plan",
            Field::PlanStart => "--plan-start",
            Field::PlanEnd => "--plan-end",
        }
    }
}

/// What is wrong with a fact.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Problem {
    Date(DateError),
    /// A word outside its enumeration.
    NotOneOf {
        got: String,
        allowed: &'static str,
    },
    Months {
        got: String,
    },
    UnknownPlan {
        plan: String,
        known: Vec<String>,
    },
    /// Plan dates without a plan.
    NoPlan,
    EndBeforeStart {
        start: NaiveDate,
        end: NaiveDate,
    },
    PastCalendarEnd {
        delivered: NaiveDate,
        months: u32,
    },
    /// Bytes that are not UTF-8 text.
    NotUtf8,
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Problem::Date(e) => e.fmt(f),
            Problem::NotOneOf { got, allowed } => {
                write!(f, "`{}` is not allowed; allowed: {allowed}", escape(got))
            }
            Problem::Months { got } => write!(
                f,
                "`{}` is not a number of months; give a whole number from {} to {}",
                escape(got),
                WARRANTY_MONTHS.start(),
                WARRANTY_MONTHS.end()
            ),
            Problem::UnknownPlan { plan, known } => {
                write!(
                    f,
                    "the rate card has no plan `{}`; allowed: {}",
                    escape(plan),
                    known.join(", ")
                )
            }
            Problem::NoPlan => write!(f, "is given without a plan; name the plan too"),
            Problem::EndBeforeStart { start, end } => {
                write!(
                    f,
                    "{end} is before the plan's start {start}; the end must be on or after the start"
                )
            }
            Problem::NotUtf8 => write!(f, "is not valid UTF-8 text"),
            Problem::PastCalendarEnd { delivered, months } => write!(
                f,
                "a warranty of {months} months after {delivered} would end past 9999-12-31, the calendar's end"
            ),
        }
    }
}

/// A fact that cannot be used, and which one.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{}: {problem}", field.flag())]
pub struct IntakeError {
    pub field: Field,
    pub problem: Problem,
}

impl IntakeError {
    fn new(field: Field, problem: Problem) -> IntakeError {
        IntakeError { field, problem }
    }
}

/// The facts of a case as given, every one optional.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct CaseInput<'a> {
    pub delivered: Option<NaiveDate>,
    pub reported: Option<NaiveDate>,
    pub cause: Option<Cause>,
    pub kind: Option<Kind>,
    pub warranty_months: Option<u32>,
    pub plan: Option<&'a str>,
    pub plan_start: Option<NaiveDate>,
    pub plan_end: Option<NaiveDate>,
}

impl<'a> CaseInput<'a> {
    /// The facts of a system file: `[delivery]` and `[maintenance]`.
    pub fn from_system(system: &'a System) -> CaseInput<'a> {
        let delivery = system.delivery.as_ref();
        let maintenance = system.maintenance.as_ref();
        CaseInput {
            delivered: delivery.map(|d| d.date),
            warranty_months: delivery.and_then(|d| d.warranty_months),
            plan: maintenance.and_then(|m| m.plan.as_deref()),
            plan_start: maintenance.and_then(|m| m.start),
            plan_end: maintenance.and_then(|m| m.end),
            ..CaseInput::default()
        }
    }

    /// Each fact from `self`, else from `fallback`.
    pub fn or(self, fallback: CaseInput<'a>) -> CaseInput<'a> {
        CaseInput {
            delivered: self.delivered.or(fallback.delivered),
            reported: self.reported.or(fallback.reported),
            cause: self.cause.or(fallback.cause),
            kind: self.kind.or(fallback.kind),
            warranty_months: self.warranty_months.or(fallback.warranty_months),
            plan: self.plan.or(fallback.plan),
            plan_start: self.plan_start.or(fallback.plan_start),
            plan_end: self.plan_end.or(fallback.plan_end),
        }
    }

    /// The case, with the defaults: reported `today`, cause unknown, kind
    /// defect, warranty unknown, no plan. The plan must be on `card`.
    pub fn resolve(self, card: &'a RateCard, today: NaiveDate) -> Result<Case<'a>, IntakeError> {
        let plan = match self.plan {
            Some(name) => {
                let plan = card.plan(name).ok_or_else(|| {
                    IntakeError::new(
                        Field::Plan,
                        Problem::UnknownPlan {
                            plan: name.to_owned(),
                            known: card.plan_names(),
                        },
                    )
                })?;
                Some(PlanTerms {
                    name: &plan.name,
                    covers: Coverage::of(plan),
                    start: self.plan_start,
                    end: self.plan_end,
                })
            }
            None if self.plan_start.is_some() => {
                return Err(IntakeError::new(Field::PlanStart, Problem::NoPlan));
            }
            None if self.plan_end.is_some() => {
                return Err(IntakeError::new(Field::PlanEnd, Problem::NoPlan));
            }
            None => None,
        };
        Ok(Case {
            reported: self.reported.unwrap_or(today),
            delivered: self.delivered,
            cause: self.cause.unwrap_or(Cause::Unknown),
            kind: self.kind.unwrap_or(Kind::Defect),
            warranty_months: self.warranty_months,
            plan,
        })
    }
}

impl From<CaseError> for IntakeError {
    fn from(e: CaseError) -> IntakeError {
        match e {
            CaseError::PlanEndBeforeStart { start, end } => {
                IntakeError::new(Field::PlanEnd, Problem::EndBeforeStart { start, end })
            }
            CaseError::PastCalendarEnd { delivered, months } => IntakeError::new(
                Field::Delivered,
                Problem::PastCalendarEnd { delivered, months },
            ),
        }
    }
}

/// Read one fact from a batch cell; an empty (or blank) cell means not given.
///
/// Cells are bytes, so that a CSV row is checked for UTF-8 once, not once a
/// cell: dates, words and numbers are ASCII, and only a plan's name is read
/// as text.
#[inline]
pub fn parse_field<'a>(
    input: &mut CaseInput<'a>,
    field: Field,
    cell: &'a [u8],
) -> Result<(), IntakeError> {
    let cell = cell.trim_ascii();
    if cell.is_empty() {
        return Ok(());
    }
    let err = |problem| IntakeError::new(field, problem);
    let shown = || String::from_utf8_lossy(cell).into_owned();
    let date = || parse_date_bytes(cell).map_err(|e| err(Problem::Date(e)));
    match field {
        Field::Delivered => input.delivered = Some(date()?),
        Field::Reported => input.reported = Some(date()?),
        Field::PlanStart => input.plan_start = Some(date()?),
        Field::PlanEnd => input.plan_end = Some(date()?),
        Field::ExternalCause => {
            input.cause = Some(match cell {
                b"yes" => Cause::External,
                b"no" => Cause::Internal,
                b"unknown" => Cause::Unknown,
                _ if cell == "はい".as_bytes() => Cause::External,
                _ if cell == "いいえ".as_bytes() => Cause::Internal,
                _ if cell == "不明".as_bytes() => Cause::Unknown,
                _ => {
                    return Err(err(Problem::NotOneOf {
                        got: shown(),
                        allowed: "yes, no, unknown (はい, いいえ, 不明)",
                    }));
                }
            })
        }
        Field::Kind => {
            input.kind = Some(match cell {
                b"defect" => Kind::Defect,
                b"change" => Kind::Change,
                b"minor" => Kind::Minor,
                _ if cell == "不具合".as_bytes() => Kind::Defect,
                _ if cell == "仕様変更".as_bytes() => Kind::Change,
                _ if cell == "軽微".as_bytes() => Kind::Minor,
                _ => {
                    return Err(err(Problem::NotOneOf {
                        got: shown(),
                        allowed: "defect, change, minor (不具合, 仕様変更, 軽微)",
                    }));
                }
            })
        }
        Field::WarrantyMonths => {
            // At most three digits: 1 to 120.
            let months = (cell.len() <= 3 && cell.iter().all(u8::is_ascii_digit))
                .then(|| cell.iter().fold(0u32, |n, d| n * 10 + u32::from(d - b'0')))
                .filter(|m| WARRANTY_MONTHS.contains(m))
                .ok_or_else(|| err(Problem::Months { got: shown() }))?;
            input.warranty_months = Some(months);
        }
        Field::Plan => {
            input.plan = Some(std::str::from_utf8(cell).map_err(|_| err(Problem::NotUtf8))?);
        }
    }
    Ok(())
}
