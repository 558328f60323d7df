//! Classifying a case: its facts settled (stage, warranty, plan in force),
//! every unknown fact tried each way, and the answer with what it was
//! based on.

use chrono::{Datelike, NaiveDate};
use serde::Serialize;

use super::{
    Answer, Case, CaseError, Cause, Counted, Facts, Kind, KnownCause, PlanTerms, RuleId, Span,
    Stage, UNKNOWN_WARRANTY_TRIES, Verdict, WarrantyFrom, decide, work_asked,
};
use crate::period::{self, Period};

/// One way of settling the unknown facts, and where it led.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Try {
    pub cause: KnownCause,
    /// The warranty months assumed (or known); `None` before delivery and
    /// for a statutory term.
    pub warranty_months: Option<u32>,
    /// The defect impairs the running (assumed or known).
    pub impairs: bool,
    /// The builder knew of the defect at delivery (assumed or known).
    pub builder_knew: bool,
    pub facts: Facts,
    pub rule: RuleId,
    pub verdict: Verdict,
}

/// The facts that must be settled before the verdict is more than negotiate.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize)]
pub struct Unsettled {
    pub cause: bool,
    pub warranty_months: bool,
    pub impairs: bool,
    pub builder_knew: bool,
}

/// The warranty as the case saw it (after delivery only).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Warranty {
    pub months: Option<u32>,
    pub from: WarrantyFrom,
    /// The contract sets no term: the Civil Code's limits.
    pub statutory: Option<Statutory>,
    pub start: NaiveDate,
    /// The last covered day; `None` when the months are unknown.
    pub end: Option<NaiveDate>,
    /// The last day before Art. 142 moved it off a day without business.
    pub rolled_from: Option<NaiveDate>,
    /// With unknown months: the ends for 3 and for 6 months.
    pub end_if_3_months: Option<NaiveDate>,
    pub end_if_6_months: Option<NaiveDate>,
    /// The last day Civil Code Art. 166(1) leaves a claim: 5 years after
    /// the customer learned of the defect, 10 years after the delivery,
    /// whichever comes first. It bounds every case, a contract's term and a
    /// builder who knew included; `None` past the calendar's end.
    pub claim_end: Option<NaiveDate>,
}

/// A statutory term's limits (Civil Code Arts. 637 and 166), each the last
/// day, rolled over when the case asks for Art. 142.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, schemars::JsonSchema)]
pub struct Statutory {
    pub learned: NaiveDate,
    /// One year after learning: the notice must come by then (Art. 637).
    pub notice_end: NaiveDate,
    /// Five years after learning (Art. 166(1)(i)).
    pub learning_end: NaiveDate,
    /// Ten years after the delivery, when the claim could first be
    /// exercised (Art. 166(1)(ii)), whatever the warranty counts from.
    pub delivery_end: NaiveDate,
}

/// The plan as the case saw it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct PlanStatus<'a> {
    pub name: Option<&'a str>,
    pub in_force: bool,
}

/// The answer: a verdict, the rule that decided, and what it was based on.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Classification<'a> {
    pub verdict: Verdict,
    /// The deciding rule; [`RuleId::Unsettled`] when the tries disagree.
    pub rule: RuleId,
    pub stage: Stage,
    pub kind: Kind,
    pub cause: Cause,
    /// Whether the defect impairs the running, as given.
    pub impairs: Answer,
    /// Whether the builder knew of the defect at delivery, as given.
    pub builder_knew: Answer,
    pub reported: NaiveDate,
    pub delivered: Option<NaiveDate>,
    pub warranty: Option<Warranty>,
    pub plan: PlanStatus<'a>,
    pub unsettled: Unsettled,
    /// A day Art. 142 checked falls in a year whose holidays are a forecast
    /// (after [`crate::holidays::LAST_ANNOUNCED_YEAR`]).
    pub holidays_forecast: bool,
    /// Every try, in order: one when every fact is known, up to sixteen.
    pub tries: Tries,
}

/// Every try: one when every fact is known; two each for the cause, the
/// warranty length, whether the defect impairs the running and whether the
/// builder knew, so up to sixteen. Up to four are held inline: a batch of
/// millions allocates nothing for the usual case, and copies little.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Tries {
    items: smallvec::SmallVec<[Try; 4]>,
}

impl Tries {
    pub fn iter(&self) -> impl Iterator<Item = &Try> {
        self.items.iter()
    }

    pub fn first(&self) -> &Try {
        // Every classification tries at least once (one cause, one length).
        &self.items[0]
    }
}

impl Serialize for Tries {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_seq(self.iter())
    }
}

/// Where the tries of a case go: every one kept ([`Tries`]), or only
/// whether they agree ([`Agreement`], the batch's fast path).
trait Collect {
    /// Whether the answer shows every date (a classification), not only
    /// the verdict (a batch row).
    const SHOWS_DATES: bool;
    fn push(&mut self, t: Try);
}

impl Collect for Tries {
    const SHOWS_DATES: bool = true;

    fn push(&mut self, t: Try) {
        self.items.push(t);
    }
}

/// The verdict of the tries, without keeping them.
#[derive(Default)]
struct Agreement {
    first: Option<(Verdict, RuleId)>,
    agree: bool,
}

impl Collect for Agreement {
    const SHOWS_DATES: bool = false;

    fn push(&mut self, t: Try) {
        match self.first {
            None => {
                self.first = Some((t.verdict, t.rule));
                self.agree = true;
            }
            Some((v, _)) => self.agree &= v == t.verdict,
        }
    }
}

/// A case's facts, settled.
struct Settled {
    stage: Stage,
    plan_in_force: bool,
    warranty: Option<Warranty>,
    holidays_forecast: bool,
}

/// A case's facts settled: the stage, whether the plan is in force, the
/// warranty; every try of the unknown facts handed to `tries`.
fn settle<T: Collect>(case: &Case, tries: &mut T) -> Result<Settled, CaseError> {
    let terms = &case.terms;
    if let Some(PlanTerms {
        start: Some(start),
        end: Some(end),
        ..
    }) = case.plan
        && end < start
    {
        return Err(CaseError::PlanEndBeforeStart { start, end });
    }
    let delivered = case.delivered.filter(|d| case.reported >= *d);
    let stage = if delivered.is_some() {
        Stage::AfterDelivery
    } else {
        Stage::BeforeDelivery
    };

    // The last day of a period, moved by Art. 142 when the case asks for it.
    let last_day = |end: NaiveDate, plan_end: bool| match terms.rollover {
        None => Ok(end),
        Some(rest) => rest
            .roll(end)
            .map_err(|day| CaseError::OutsideCalendar { day, plan_end }),
    };

    let (plan_in_force, plan_end) = match case.plan {
        Some(p) if stage == Stage::AfterDelivery => {
            let start = p.start.or(case.delivered);
            let end = p.end.map(|e| last_day(e, true)).transpose()?;
            let in_force =
                start.is_none_or(|s| s <= case.reported) && end.is_none_or(|e| case.reported <= e);
            (in_force, end)
        }
        _ => (false, None),
    };

    // What the warranty counts from: the delivery, or the acceptance.
    let anchor = match (delivered, terms.warranty_from) {
        (None, _) => None,
        (Some(d), WarrantyFrom::Delivery) => Some((d, Counted::Delivery)),
        (Some(d), WarrantyFrom::Acceptance) => {
            let accepted = terms.accepted.ok_or(CaseError::NoAcceptance)?;
            if accepted < d {
                return Err(CaseError::AcceptedBeforeDelivery {
                    accepted,
                    delivered: d,
                });
            }
            Some((accepted, Counted::Acceptance))
        }
    };
    // A period in months, its last day moved by Art. 142 when asked; and
    // the last day before the move.
    let after_plain = |(event, counted): (NaiveDate, Counted), months: u32, span: Span| {
        let plain = period::months_after(event, months).ok_or(CaseError::PastCalendarEnd {
            from: event,
            months,
            span,
            counted,
        })?;
        let moved = Period {
            start: plain.start,
            end: last_day(plain.end, false)?,
        };
        Ok::<_, CaseError>((moved, plain.end))
    };
    let after = |event: (NaiveDate, Counted), months: u32, span: Span| {
        after_plain(event, months, span).map(|(p, _)| p)
    };

    // When the customer learned of the defect: as given, else the report.
    let learned = terms.learned.unwrap_or(case.reported);
    let learning = match terms.learned {
        Some(l) => (l, Counted::Learned),
        None => (case.reported, Counted::Report),
    };
    if learned > case.reported {
        return Err(CaseError::LearnedAfterReport {
            learned,
            reported: case.reported,
        });
    }
    // A defect of what was delivered is learned of after the delivery.
    if let (Some(learned), Some(delivered)) = (terms.learned, delivered)
        && learned < delivered
    {
        return Err(CaseError::LearnedBeforeDelivery { learned, delivered });
    }
    // Art. 166(1): every claim ends 5 years after the customer learned of
    // it, and 10 years after it could first be exercised: the delivery
    // (引渡し), whatever the warranty counts from. A date past the
    // calendar's end is no limit.
    let limit = |event, months, span| match after(event, months, span) {
        Ok(p) => Ok(Some(p.end)),
        Err(CaseError::PastCalendarEnd { .. }) => Ok(None),
        Err(e) => Err(e),
    };
    // A report in an earlier calendar year than both limits' is within
    // them whatever their day: a batch row, which shows no date, skips
    // counting them (the hot path).
    let clearly_within = |d: NaiveDate| {
        case.reported.year() < learned.year() + 5 && case.reported.year() < d.year() + 10
    };
    let claim_end = match delivered {
        Some(d) if T::SHOWS_DATES || !clearly_within(d) => {
            let delivery = (d, Counted::Delivery);
            limit(learning, 60, Span::Learning)?
                .into_iter()
                .chain(limit(delivery, 120, Span::Delivery)?)
                .min()
        }
        _ => None,
    };

    // The warranty's possible last days, each with the months it assumes.
    let mut ends: [Option<(Option<u32>, NaiveDate)>; 2] = [None, None];
    let warranty = match anchor {
        None => None,
        Some(anchor) if terms.statutory => {
            let delivery = delivered.map_or(anchor, |d| (d, Counted::Delivery));
            let notice = after_plain(learning, 12, Span::Notice)?;
            let learning = after_plain(learning, 60, Span::Learning)?;
            let ten_years = after_plain(delivery, 120, Span::Delivery)?;
            let statutory = Statutory {
                learned,
                notice_end: notice.0.end,
                learning_end: learning.0.end,
                delivery_end: ten_years.0.end,
            };
            // The nearest limit, and the day Art. 142 moved it from.
            let (nearest, plain) = [notice, learning, ten_years]
                .into_iter()
                .map(|(p, plain)| (p.end, plain))
                .min()
                .unwrap_or((notice.0.end, notice.1));
            let end = nearest;
            ends[0] = Some((None, end));
            Some(Warranty {
                months: None,
                from: terms.warranty_from,
                statutory: Some(statutory),
                start: anchor.0.succ_opt().unwrap_or(anchor.0),
                end: Some(end),
                rolled_from: (plain != nearest).then_some(plain),
                end_if_3_months: None,
                end_if_6_months: None,
                claim_end,
            })
        }
        Some(anchor) => match case.warranty_months {
            Some(months) => {
                let (period, plain) = after_plain(anchor, months, Span::Warranty)?;
                ends[0] = Some((Some(months), period.end));
                Some(Warranty {
                    months: Some(months),
                    from: terms.warranty_from,
                    statutory: None,
                    start: period.start,
                    end: Some(period.end),
                    rolled_from: (plain != period.end).then_some(plain),
                    end_if_3_months: None,
                    end_if_6_months: None,
                    claim_end,
                })
            }
            None => {
                let [short, long] = UNKNOWN_WARRANTY_TRIES;
                let (p3, p6) = (
                    after(anchor, short, Span::Warranty)?,
                    after(anchor, long, Span::Warranty)?,
                );
                ends = [Some((Some(short), p3.end)), Some((Some(long), p6.end))];
                Some(Warranty {
                    months: None,
                    from: terms.warranty_from,
                    statutory: None,
                    start: p3.start,
                    end: None,
                    rolled_from: None,
                    end_if_3_months: Some(p3.end),
                    end_if_6_months: Some(p6.end),
                    claim_end,
                })
            }
        },
    };

    // The cause decides only for a defect; for any other kind one try
    // stands for both.
    let causes: &[KnownCause] = match case.cause {
        Cause::External => &[KnownCause::External],
        Cause::Internal => &[KnownCause::Internal],
        Cause::Unknown if case.kind != Kind::Defect => &[KnownCause::Internal],
        Cause::Unknown => &[KnownCause::Internal, KnownCause::External],
    };
    let month_tries: &[Option<(Option<u32>, NaiveDate)>] = match warranty {
        None => &[None],
        Some(w) if w.months.is_none() && w.statutory.is_none() => &ends,
        Some(_) => &ends[..1],
    };
    // Whether the defect impairs the running, or the builder knew of it,
    // matters only for a defect of the system's own once delivered.
    let own_defect = stage == Stage::AfterDelivery && case.kind == Kind::Defect;
    let impairs_tries = if own_defect {
        terms.impairs.tries()
    } else {
        &[true]
    };
    let knew_tries = if own_defect {
        terms.builder_knew.tries()
    } else {
        &[false]
    };
    for &cause in causes {
        let work = work_asked(case.kind, cause);
        let plan_covers =
            plan_in_force && work.is_some_and(|w| case.plan.is_some_and(|p| p.covers.contains(w)));
        for m in month_tries {
            for &impairs in impairs_tries {
                for &builder_knew in knew_tries {
                    let facts = Facts {
                        stage,
                        kind: case.kind,
                        cause,
                        // Art. 166(1) bounds every claim; within it, a
                        // builder who knew is not protected by the notice
                        // rule (Art. 637(2)) or a contract's term (Arts.
                        // 559, 572).
                        within_warranty: m.is_some()
                            && claim_end.is_none_or(|l| case.reported <= l)
                            && (builder_knew || m.is_some_and(|(_, end)| case.reported <= end)),
                        plan_in_force,
                        plan_covers,
                        impairs,
                    };
                    let rule = decide(&facts);
                    tries.push(Try {
                        cause,
                        warranty_months: m.and_then(|(months, _)| months),
                        impairs,
                        builder_knew,
                        facts,
                        rule: rule.id,
                        verdict: rule.verdict,
                    });
                }
            }
        }
    }

    // A last day hoshu shows, or Art. 166(1)'s when it decides (the claim
    // ended, or the builder may have known), moved by Art. 142 in a year
    // whose holidays are a forecast: the answer is provisional.
    let shown = warranty.iter().flat_map(|w| {
        let statutory = w
            .statutory
            .map(|s| [s.notice_end, s.learning_end, s.delivery_end]);
        [w.end, w.end_if_3_months, w.end_if_6_months]
            .into_iter()
            .flatten()
            .chain(statutory.into_iter().flatten())
    });
    let claim = claim_end.filter(|l| case.reported > *l || terms.builder_knew != Answer::No);
    let holidays_forecast = terms.rollover.is_some()
        && shown
            .chain(plan_end)
            .chain(claim)
            .any(crate::holidays::is_forecast);
    Ok(Settled {
        stage,
        plan_in_force,
        warranty,
        holidays_forecast,
    })
}

/// What a batch row needs of a classification: the verdict, the rule and
/// the warranty's last day. The same as [`classify`]'s, without keeping
/// the tries or building the rest.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Decision {
    pub verdict: Verdict,
    pub rule: RuleId,
    pub warranty_end: Option<NaiveDate>,
}

/// [`classify`], reduced to its [`Decision`].
pub fn decide_case(case: &Case) -> Result<Decision, CaseError> {
    let mut agreement = Agreement::default();
    let warranty = settle(case, &mut agreement)?.warranty;
    let (verdict, rule) = match agreement.first {
        Some(first) if agreement.agree => first,
        _ => (Verdict::Negotiate, RuleId::Unsettled),
    };
    Ok(Decision {
        verdict,
        rule,
        warranty_end: warranty.and_then(|w| w.end),
    })
}

/// Classify `case`: pure, the report date is in the case.
pub fn classify<'a>(case: &Case<'a>) -> Result<Classification<'a>, CaseError> {
    let terms = &case.terms;
    let mut tries = Tries {
        items: smallvec::SmallVec::new(),
    };
    let Settled {
        stage,
        plan_in_force,
        warranty,
        holidays_forecast,
    } = settle(case, &mut tries)?;
    let first = *tries.first();
    let agree = tries.iter().all(|t| t.verdict == first.verdict);
    let (verdict, rule, unsettled) = if agree {
        (first.verdict, first.rule, Unsettled::default())
    } else {
        // A fact matters when changing it alone changes the verdict.
        let key = |t: &Try| (t.cause, t.warranty_months, t.impairs, t.builder_knew);
        let differs = |only: fn(&Try, &Try) -> bool| {
            tries.iter().any(|a| {
                tries
                    .iter()
                    .any(|b| key(a) != key(b) && only(a, b) && a.verdict != b.verdict)
            })
        };
        let unsettled = Unsettled {
            cause: differs(|a, b| {
                (a.warranty_months, a.impairs, a.builder_knew)
                    == (b.warranty_months, b.impairs, b.builder_knew)
            }),
            warranty_months: differs(|a, b| {
                (a.cause, a.impairs, a.builder_knew) == (b.cause, b.impairs, b.builder_knew)
            }),
            impairs: differs(|a, b| {
                (a.cause, a.warranty_months, a.builder_knew)
                    == (b.cause, b.warranty_months, b.builder_knew)
            }),
            builder_knew: differs(|a, b| {
                (a.cause, a.warranty_months, a.impairs) == (b.cause, b.warranty_months, b.impairs)
            }),
        };
        (Verdict::Negotiate, RuleId::Unsettled, unsettled)
    };

    Ok(Classification {
        verdict,
        rule,
        stage,
        kind: case.kind,
        cause: case.cause,
        impairs: terms.impairs,
        builder_knew: terms.builder_knew,
        reported: case.reported,
        delivered: case.delivered,
        warranty,
        plan: PlanStatus {
            name: case.plan.map(|p| p.name),
            in_force: plan_in_force,
        },
        unsettled,
        holidays_forecast,
        tries,
    })
}
