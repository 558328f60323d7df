//! What the sentences of a classification say, decided once for every
//! language: which clauses, in which order, with which facts. The
//! catalogue's `words` turn each piece into templates (`rule_reason`,
//! `assumed`, `warranty`, …), so a language adds words, never logic.

use chrono::NaiveDate;

use crate::coverage::{
    self, Answer, Cause, Classification, Kind, KnownCause, RuleId, Stage, Try, Verdict,
    WarrantyFrom,
};
use crate::vocab::Work;

/// A fact that was not given.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Unknown {
    Cause,
    WarrantyLength,
    Impairs,
    BuilderKnew,
}

/// What one try assumed of a fact that was not given.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Assumed {
    Cause(KnownCause),
    WarrantyMonths(u32),
    Impairs(bool),
    BuilderKnew(bool),
}

/// The warranty clause a rule's reason names.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum WarrantyClause {
    /// The contract sets no term: notice within a year of learning, by then.
    Statutory { notice_end: Option<NaiveDate> },
    /// The length is unknown, but even 3 months last to then.
    EvenThreeMonths { end: Option<NaiveDate> },
    /// The warranty's last day.
    LastDay { end: Option<NaiveDate> },
    /// The length is unknown, but even 6 months ended then.
    EvenSixMonthsEnded { end: NaiveDate },
    /// A builder who knew: only Art. 166(1) bounds the claim, to then.
    ClaimLasts { end: Option<NaiveDate> },
    /// Art. 166(1) ended the claim then (5 years after learning, 10 after
    /// the delivery), whatever the term or the builder knew.
    ClaimEnded { end: NaiveDate },
}

/// The reason of one try's rule, with the facts its words need.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RuleReason<'a> {
    pub rule: RuleId,
    /// The builder knew of the defect at delivery (this try).
    pub builder_knew: bool,
    pub warranty: Option<WarrantyClause>,
    /// The plan's name, `-` when none.
    pub plan: &'a str,
    pub reported: NaiveDate,
    /// The work the case asks for; `None` for a spec change.
    pub work: Option<Work>,
}

/// One try's assumptions and where they led.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Outcome {
    pub assumed: Vec<Assumed>,
    pub verdict: Verdict,
    pub rule: RuleId,
}

/// A verdict's reason.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Reason<'a> {
    /// A rule decided; `unknown`: the facts not given, named when the tries
    /// over them all agreed.
    Decided {
        rule: RuleReason<'a>,
        unknown: Vec<Unknown>,
    },
    /// The tries disagree: what to settle, and where each try led.
    Unsettled {
        settle: Vec<Unknown>,
        outcomes: Vec<Outcome>,
    },
}

/// Days from the report to a last day: 0 is the last day, negative is past.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DaysLeft(pub i64);

impl DaysLeft {
    pub fn between(reported: NaiveDate, end: NaiveDate) -> DaysLeft {
        DaysLeft((end - reported).num_days())
    }
}

/// The warranty row of a classification.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum WarrantyLine {
    NotDelivered,
    /// Delivered, but before the warranty could be counted.
    StartsAfter {
        delivered: NaiveDate,
    },
    /// The Civil Code's limits (Arts. 637, 166); `left` to the nearest.
    Statutory {
        learned: NaiveDate,
        notice_end: NaiveDate,
        learning_end: NaiveDate,
        delivery_end: NaiveDate,
        left: DaysLeft,
    },
    /// A contract's months; `rolled`: the plain last day Art. 142 moved the
    /// end from, and whether it was a Sunday.
    Months {
        months: u32,
        from: WarrantyFrom,
        start: NaiveDate,
        end: NaiveDate,
        rolled: Option<(NaiveDate, bool)>,
        left: DaysLeft,
    },
    /// The length is unknown: where 3 and 6 months end.
    Unknown {
        end_3: NaiveDate,
        left_3: DaysLeft,
        end_6: NaiveDate,
        left_6: DaysLeft,
    },
}

/// The last covered day a try counted with.
pub(crate) fn coverage_end(c: &Classification, t: &Try) -> Option<NaiveDate> {
    let w = c.warranty?;
    match (w.months, t.warranty_months) {
        (Some(_), _) | (None, None) => w.end,
        (None, Some(m)) if m == coverage::UNKNOWN_WARRANTY_TRIES[0] => w.end_if_3_months,
        (None, Some(_)) => w.end_if_6_months,
    }
}

/// What try `t` assumed of the facts `c` was not given, in order.
pub fn assumed(c: &Classification, t: &Try) -> Vec<Assumed> {
    let mut out = Vec::new();
    if c.cause == Cause::Unknown {
        out.push(Assumed::Cause(t.cause));
    }
    if let (Some(w), Some(m)) = (c.warranty, t.warranty_months)
        && w.months.is_none()
    {
        out.push(Assumed::WarrantyMonths(m));
    }
    let after = t.facts.stage == Stage::AfterDelivery;
    if c.impairs == Answer::Unknown && after {
        out.push(Assumed::Impairs(t.impairs));
    }
    if c.builder_knew == Answer::Unknown && after {
        out.push(Assumed::BuilderKnew(t.builder_knew));
    }
    out
}

/// The reason of try `t`'s rule.
pub fn rule_reason<'a>(c: &Classification<'a>, t: &Try) -> RuleReason<'a> {
    let end = coverage_end(c, t);
    let claim_end = c.warranty.and_then(|w| w.claim_end);
    let claim_ended = claim_end.filter(|l| c.reported > *l);
    let warranty = match t.rule {
        RuleId::AfterWarranty if t.builder_knew => {
            Some(WarrantyClause::ClaimLasts { end: claim_end })
        }
        RuleId::AfterWarranty => Some(match c.warranty {
            Some(w) if w.statutory.is_some() => WarrantyClause::Statutory { notice_end: end },
            Some(w) if w.months.is_none() => WarrantyClause::EvenThreeMonths {
                end: w.end_if_3_months,
            },
            _ => WarrantyClause::LastDay { end },
        }),
        RuleId::AfterWarrantyExpired => Some(
            match (claim_ended, c.warranty.and_then(|w| w.end_if_6_months)) {
                (Some(end), _) => WarrantyClause::ClaimEnded { end },
                (None, Some(end)) => WarrantyClause::EvenSixMonthsEnded { end },
                (None, None) => WarrantyClause::LastDay { end },
            },
        ),
        RuleId::AfterWarrantyNotImpairing => Some(WarrantyClause::LastDay { end }),
        _ => None,
    };
    RuleReason {
        rule: t.rule,
        builder_knew: t.builder_knew,
        warranty,
        plan: c.plan.name.unwrap_or("-"),
        reported: c.reported,
        work: coverage::work_asked(c.kind, t.cause),
    }
}

/// The verdict's reason: the deciding rule's, or what to settle.
pub fn reason<'a>(c: &Classification<'a>) -> Reason<'a> {
    if c.rule != RuleId::Unsettled {
        let mut unknown = Vec::new();
        if c.tries.iter().count() > 1 {
            // The cause is tried only for a defect: for another kind it was
            // not a possibility the verdict was checked against.
            if c.cause == Cause::Unknown && c.kind == Kind::Defect {
                unknown.push(Unknown::Cause);
            }
            if c.warranty
                .is_some_and(|w| w.months.is_none() && w.statutory.is_none())
            {
                unknown.push(Unknown::WarrantyLength);
            }
            if c.impairs == Answer::Unknown {
                unknown.push(Unknown::Impairs);
            }
            if c.builder_knew == Answer::Unknown {
                unknown.push(Unknown::BuilderKnew);
            }
        }
        return Reason::Decided {
            rule: rule_reason(c, c.tries.first()),
            unknown,
        };
    }
    let u = c.unsettled;
    let settle = [
        (u.cause, Unknown::Cause),
        (u.warranty_months, Unknown::WarrantyLength),
        (u.impairs, Unknown::Impairs),
        (u.builder_knew, Unknown::BuilderKnew),
    ]
    .into_iter()
    .filter_map(|(unsettled, fact)| unsettled.then_some(fact))
    .collect();
    let outcomes = c
        .tries
        .iter()
        .map(|t| Outcome {
            assumed: assumed(c, t),
            verdict: t.verdict,
            rule: t.rule,
        })
        .collect();
    Reason::Unsettled { settle, outcomes }
}

/// The warranty row.
pub fn warranty_line(c: &Classification) -> WarrantyLine {
    let Some(w) = c.warranty else {
        return match c.delivered {
            None => WarrantyLine::NotDelivered,
            Some(delivered) => WarrantyLine::StartsAfter { delivered },
        };
    };
    let left = |end| DaysLeft::between(c.reported, end);
    match (w.months, w.end, w.statutory) {
        (_, _, Some(s)) => WarrantyLine::Statutory {
            learned: s.learned,
            notice_end: s.notice_end,
            learning_end: s.learning_end,
            delivery_end: s.delivery_end,
            left: left(s.notice_end.min(s.learning_end).min(s.delivery_end)),
        },
        (Some(months), Some(end), None) => WarrantyLine::Months {
            months,
            from: w.from,
            start: w.start,
            end,
            rolled: w.rolled_from.map(|plain| {
                (
                    plain,
                    chrono::Datelike::weekday(&plain) == chrono::Weekday::Sun,
                )
            }),
            left: left(end),
        },
        _ => {
            // Unknown months: both lengths were tried, so both ends are set.
            let end_3 = w.end_if_3_months.unwrap_or(w.start);
            let end_6 = w.end_if_6_months.unwrap_or(w.start);
            WarrantyLine::Unknown {
                end_3,
                left_3: left(end_3),
                end_6,
                left_6: left(end_6),
            }
        }
    }
}
