//! From what support knows to a [`Case`]: flags, a system file and batch
//! cells give the same eight facts, and are checked the same way.
//!
//! Each source is a [`CaseInput`] of optional values; [`CaseInput::or`]
//! layers them (a batch cell over a flag over the system file) and
//! [`CaseInput::resolve`] applies the defaults and checks the result against
//! the rate card. Problems name the [`Field`], so the binary can say
//! `--plan-end` and the batch `column plan_end`.

use chrono::NaiveDate;

use crate::coverage::{
    Answer, Case, CaseError, Cause, Counted, Coverage, Kind, PlanTerms, Terms, WarrantyFrom,
};
use crate::date::read_date_bytes;
pub use crate::fact::{FACTS, Fact, FactProblem, Field, Values};
use crate::holidays::RestDays;
use crate::rates::RateCard;
use crate::system::System;
pub use crate::vocab::Term;
use crate::vocab::WARRANTY_MONTHS;

/// The words of a yes/no/unknown answer, English and Japanese, as flags
/// and cells take them.
pub const ANSWER_WORDS: [(&str, Answer); 6] = [
    ("yes", Answer::Yes),
    ("no", Answer::No),
    ("unknown", Answer::Unknown),
    ("はい", Answer::Yes),
    ("いいえ", Answer::No),
    ("不明", Answer::Unknown),
];

/// The words of a kind of case, English and Japanese; the last three are
/// the plan's #05 payment irregulars, as a helpdesk files them.
pub const KIND_WORDS: [(&str, Kind); 13] = [
    ("defect", Kind::Defect),
    ("change", Kind::Change),
    ("minor", Kind::Minor),
    ("incident", Kind::Incident),
    ("operation", Kind::Operation),
    ("不具合", Kind::Defect),
    ("仕様変更", Kind::Change),
    ("軽微", Kind::Minor),
    ("障害", Kind::Incident),
    ("運用作業", Kind::Operation),
    ("irregular", Kind::Operation),
    ("イレギュラー対応", Kind::Operation),
    ("決済イレギュラー", Kind::Operation),
];

/// The words of what a warranty counts from.
pub const FROM_WORDS: [(&str, WarrantyFrom); 4] = [
    ("delivery", WarrantyFrom::Delivery),
    ("acceptance", WarrantyFrom::Acceptance),
    ("納品", WarrantyFrom::Delivery),
    ("検収", WarrantyFrom::Acceptance),
];

/// The meaning of `text` among `words`.
#[inline]
fn one_of<T: Copy>(words: &[(&str, T)], text: &[u8]) -> Option<T> {
    words
        .iter()
        .find(|(word, _)| word.as_bytes() == text)
        .map(|&(_, value)| value)
}

/// Read a yes/no/unknown answer, English or Japanese.
pub fn parse_answer(text: &[u8]) -> Option<Answer> {
    one_of(&ANSWER_WORDS, text)
}

/// Read a kind of case, English or Japanese.
pub fn parse_kind(text: &[u8]) -> Option<Kind> {
    one_of(&KIND_WORDS, text)
}

/// Read what the warranty counts from, English or Japanese.
pub fn parse_from(text: &[u8]) -> Option<WarrantyFrom> {
    one_of(&FROM_WORDS, text)
}

/// Read a warranty term: 1 to 120 months, or `statutory` (法定).
pub fn parse_term(text: &[u8]) -> Option<Term> {
    if text == b"statutory" || text == "法定".as_bytes() {
        return Some(Term::Statutory);
    }
    // At most three digits: 1 to 120.
    (text.len() <= 3 && !text.is_empty() && text.iter().all(u8::is_ascii_digit))
        .then(|| text.iter().fold(0u32, |n, d| n * 10 + u32::from(d - b'0')))
        .filter(|m| WARRANTY_MONTHS.contains(m))
        .map(Term::Months)
}

/// A fact that cannot be used, and which one.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IntakeError {
    pub field: Field,
    pub problem: FactProblem,
}

impl std::error::Error for IntakeError {}

impl IntakeError {
    fn new(field: Field, problem: FactProblem) -> IntakeError {
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
    pub warranty: Option<Term>,
    pub plan: Option<&'a str>,
    pub plan_start: Option<NaiveDate>,
    pub plan_end: Option<NaiveDate>,
    pub accepted: Option<NaiveDate>,
    pub warranty_from: Option<WarrantyFrom>,
    pub learned: Option<NaiveDate>,
    pub builder_knew: Option<Answer>,
    pub impairs: Option<Answer>,
    /// Art. 142 (flags and the system file only, not a batch column).
    pub rollover: Option<RestDays<'a>>,
}

impl<'a> CaseInput<'a> {
    /// The facts of a system file: `[delivery]` and `[maintenance]`.
    pub fn from_system(system: &'a System) -> CaseInput<'a> {
        let delivery = system.delivery.as_ref();
        let maintenance = system.maintenance.as_ref();
        CaseInput {
            delivered: delivery.map(|d| d.date),
            warranty: delivery.and_then(|d| d.warranty_months),
            accepted: delivery.and_then(|d| d.accepted),
            warranty_from: delivery.and_then(|d| d.warranty_from),
            rollover: delivery.and_then(|d| {
                d.holiday_rollover.then_some(RestDays {
                    saturday: d.saturday_off,
                    closed: system.closed_days(),
                })
            }),
            plan: maintenance.and_then(|m| m.plan.as_deref()),
            plan_start: maintenance.and_then(|m| m.start),
            plan_end: maintenance.and_then(|m| m.end),
            ..CaseInput::default()
        }
    }

    /// Whether this input gives `field`.
    pub fn gives(&self, field: Field) -> bool {
        match field {
            Field::Delivered => self.delivered.is_some(),
            Field::Reported => self.reported.is_some(),
            Field::ExternalCause => self.cause.is_some(),
            Field::Kind => self.kind.is_some(),
            Field::WarrantyMonths => self.warranty.is_some(),
            Field::Plan => self.plan.is_some(),
            Field::PlanStart => self.plan_start.is_some(),
            Field::PlanEnd => self.plan_end.is_some(),
            Field::Accepted => self.accepted.is_some(),
            Field::WarrantyFrom => self.warranty_from.is_some(),
            Field::Learned => self.learned.is_some(),
            Field::BuilderKnew => self.builder_knew.is_some(),
            Field::ImpairsOperation => self.impairs.is_some(),
        }
    }

    /// Each fact from `self`, else from `fallback`.
    pub fn or(self, fallback: CaseInput<'a>) -> CaseInput<'a> {
        CaseInput {
            delivered: self.delivered.or(fallback.delivered),
            reported: self.reported.or(fallback.reported),
            cause: self.cause.or(fallback.cause),
            kind: self.kind.or(fallback.kind),
            warranty: self.warranty.or(fallback.warranty),
            plan: self.plan.or(fallback.plan),
            plan_start: self.plan_start.or(fallback.plan_start),
            plan_end: self.plan_end.or(fallback.plan_end),
            accepted: self.accepted.or(fallback.accepted),
            warranty_from: self.warranty_from.or(fallback.warranty_from),
            learned: self.learned.or(fallback.learned),
            builder_knew: self.builder_knew.or(fallback.builder_knew),
            impairs: self.impairs.or(fallback.impairs),
            rollover: self.rollover.or(fallback.rollover),
        }
    }

    /// The case, with the defaults: reported `today`, cause unknown, kind
    /// defect, warranty unknown (3 to 6 months) from the delivery, impairs
    /// the running, the builder did not know, no plan, plain months. The
    /// plan must be on `card`.
    pub fn resolve(self, card: &'a RateCard, today: NaiveDate) -> Result<Case<'a>, IntakeError> {
        let plan = match self.plan {
            Some(name) => {
                let plan = card.plan(name).ok_or_else(|| {
                    IntakeError::new(
                        Field::Plan,
                        FactProblem::UnknownPlan {
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
                return Err(IntakeError::new(Field::PlanStart, FactProblem::NoPlan));
            }
            None if self.plan_end.is_some() => {
                return Err(IntakeError::new(Field::PlanEnd, FactProblem::NoPlan));
            }
            None => None,
        };
        let defaults = Terms::default();
        Ok(Case {
            reported: self.reported.unwrap_or(today),
            delivered: self.delivered,
            cause: self.cause.unwrap_or(Cause::Unknown),
            kind: self.kind.unwrap_or(Kind::Defect),
            warranty_months: match self.warranty {
                Some(Term::Months(m)) => Some(m),
                _ => None,
            },
            plan,
            terms: Terms {
                accepted: self.accepted,
                warranty_from: self.warranty_from.unwrap_or(defaults.warranty_from),
                statutory: self.warranty == Some(Term::Statutory),
                learned: self.learned,
                builder_knew: self.builder_knew.unwrap_or(defaults.builder_knew),
                impairs: self.impairs.unwrap_or(defaults.impairs),
                rollover: self.rollover,
            },
        })
    }
}

impl From<CaseError> for IntakeError {
    fn from(e: CaseError) -> IntakeError {
        match e {
            CaseError::PlanEndBeforeStart { start, end } => {
                IntakeError::new(Field::PlanEnd, FactProblem::EndBeforeStart { start, end })
            }
            CaseError::PastCalendarEnd {
                from,
                months,
                span,
                counted,
            } => IntakeError::new(
                match counted {
                    Counted::Delivery => Field::Delivered,
                    Counted::Acceptance => Field::Accepted,
                    Counted::Learned => Field::Learned,
                    Counted::Report => Field::Reported,
                },
                FactProblem::PastCalendarEnd { from, months, span },
            ),
            CaseError::NoAcceptance => IntakeError::new(Field::Accepted, FactProblem::NoAcceptance),
            CaseError::AcceptedBeforeDelivery {
                accepted,
                delivered,
            } => IntakeError::new(
                Field::Accepted,
                FactProblem::AcceptedBeforeDelivery {
                    accepted,
                    delivered,
                },
            ),
            CaseError::LearnedAfterReport { learned, reported } => IntakeError::new(
                Field::Learned,
                FactProblem::LearnedAfterReport { learned, reported },
            ),
            CaseError::LearnedBeforeDelivery { learned, delivered } => IntakeError::new(
                Field::Learned,
                FactProblem::LearnedBeforeDelivery { learned, delivered },
            ),
            CaseError::OutsideCalendar { day, plan_end } => IntakeError::new(
                if plan_end {
                    Field::PlanEnd
                } else {
                    Field::Delivered
                },
                FactProblem::OutsideCalendar { day },
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
    fn word<T>(parsed: Option<T>, field: Field, cell: &[u8]) -> Result<T, IntakeError> {
        parsed.ok_or_else(|| {
            IntakeError::new(
                field,
                FactProblem::NotOneOf {
                    got: String::from_utf8_lossy(cell).into_owned(),
                    values: field.fact().values,
                },
            )
        })
    }
    let date = || read_date_bytes(cell).map_err(|e| err(FactProblem::Date(e)));
    match field {
        Field::Delivered => input.delivered = Some(date()?),
        Field::Reported => input.reported = Some(date()?),
        Field::PlanStart => input.plan_start = Some(date()?),
        Field::PlanEnd => input.plan_end = Some(date()?),
        Field::Accepted => input.accepted = Some(date()?),
        Field::Learned => input.learned = Some(date()?),
        Field::ExternalCause => {
            input.cause = Some(match word(parse_answer(cell), field, cell)? {
                Answer::Yes => Cause::External,
                Answer::No => Cause::Internal,
                Answer::Unknown => Cause::Unknown,
            })
        }
        Field::BuilderKnew => input.builder_knew = Some(word(parse_answer(cell), field, cell)?),
        Field::ImpairsOperation => input.impairs = Some(word(parse_answer(cell), field, cell)?),
        Field::Kind => input.kind = Some(word(parse_kind(cell), field, cell)?),
        Field::WarrantyFrom => input.warranty_from = Some(word(parse_from(cell), field, cell)?),
        Field::WarrantyMonths => {
            input.warranty =
                Some(parse_term(cell).ok_or_else(|| err(FactProblem::Months { got: shown() }))?);
        }
        Field::Plan => {
            input.plan = Some(std::str::from_utf8(cell).map_err(|_| err(FactProblem::NotUtf8))?);
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn facts_are_declared_in_field_order_with_unique_names() {
        for (i, field) in Field::ALL.into_iter().enumerate() {
            assert_eq!(field as usize, i);
            assert_eq!(FACTS[i].field, field, "FACTS[{i}]");
            assert_eq!(Field::from_column(field.column()), Some(field));
            assert_eq!(Field::from_column(field.ja_column()), Some(field));
        }
    }
}
