//! Who pays for a defect: the warranty and the maintenance plan, as an
//! ordered decision table (first hit wins).
//!
//! The table is data ([`RULES`]): each rule has a stable id, the conditions
//! it tests and its verdict. A case's facts are resolved first (stage,
//! warranty, plan in force); an unknown fact (the cause, the warranty length)
//! is resolved by trying every value it could take. When every try gives the
//! same verdict, that is the verdict; when they differ the verdict is
//! *negotiate* and the result names the facts that must be settled.
//!
//! The engine takes the report date as an argument and returns data; the
//! sentences are made in `render::classify`.

use chrono::NaiveDate;
use serde::Serialize;

use crate::period::{self, Period};
use crate::rates::{Plan, Work};

/// Whether the failure came from outside the delivered program.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Cause {
    /// OS, browser, server, third-party API, payment provider, law, or the
    /// customer's own change (`--external-cause yes`).
    External,
    /// The delivered program itself (`--external-cause no`).
    Internal,
    /// Not found out yet.
    Unknown,
}

/// A cause once it is known (or assumed in a try).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum KnownCause {
    External,
    Internal,
}

/// What the customer asks for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Kind {
    /// The system does not meet its agreed spec.
    Defect,
    /// A spec change or a fix the contract did not include.
    Change,
    /// A minor change or request, neither a defect nor clearly out of contract.
    Minor,
    /// A failure to restore from: a server down, data lost (運用).
    Incident,
}

/// A yes-or-no fact that may not be known yet.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Answer {
    Yes,
    No,
    Unknown,
}

impl Answer {
    /// The values to try: the one known, or both.
    fn tries(self) -> &'static [bool] {
        match self {
            Answer::Yes => &[true],
            Answer::No => &[false],
            Answer::Unknown => &[true, false],
        }
    }
}

/// What the warranty counts from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum WarrantyFrom {
    /// The delivery (納品), as the policy page says.
    #[default]
    Delivery,
    /// The acceptance (検収), as the IPA/METI model contract says.
    Acceptance,
}

/// The contract terms and the defect's weight, beyond the six facts of a
/// case; the default is the policy page's contract.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Terms {
    /// The day the customer accepted the delivery (検収).
    pub accepted: Option<NaiveDate>,
    pub warranty_from: WarrantyFrom,
    /// The contract sets no warranty term: the Civil Code's limits apply
    /// (Art. 637: notice within one year of learning of the defect;
    /// Art. 166: five years from learning, ten from delivery).
    pub statutory: bool,
    /// The day the customer learned of the defect (statutory term);
    /// `None`: the report date.
    pub learned: Option<NaiveDate>,
    /// The builder knew of the defect at delivery, or did not through gross
    /// negligence: no time limit protects it (Art. 637(2)).
    pub builder_knew: Answer,
    /// The defect impairs the program's running (稼働に支障が出る場合): only
    /// then is a warranty fix free.
    pub impairs: Answer,
    /// Art. 142: a period whose last day is a day off ends on the next
    /// working day; `None`: plain months (the page's contracts).
    pub rollover: Option<crate::holidays::RestDays>,
}

impl Default for Terms {
    fn default() -> Terms {
        Terms {
            accepted: None,
            warranty_from: WarrantyFrom::Delivery,
            statutory: false,
            learned: None,
            builder_knew: Answer::No,
            impairs: Answer::Yes,
            rollover: None,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Verdict {
    /// Fixed free: at development cost, under warranty, or under the plan.
    Covered,
    /// The customer pays.
    Billable,
    /// Consult the customer before deciding.
    Negotiate,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Stage {
    /// Not delivered yet, or reported before the delivery date.
    BeforeDelivery,
    /// Reported on or after the delivery date.
    AfterDelivery,
}

/// A set of plan coverage, small enough to copy for every batch row.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Coverage(u8);

impl Coverage {
    fn bit(work: Work) -> u8 {
        1 << (work as u8)
    }

    pub fn of(plan: &Plan) -> Coverage {
        Coverage(plan.covers.iter().fold(0, |acc, w| acc | Coverage::bit(*w)))
    }

    pub fn contains(self, work: Work) -> bool {
        self.0 & Coverage::bit(work) != 0
    }
}

/// The maintenance contract of a case.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PlanTerms<'a> {
    pub name: &'a str,
    pub covers: Coverage,
    /// First day in force; `None`: from delivery (or always, when undelivered).
    pub start: Option<NaiveDate>,
    /// Last day in force, inclusive; `None`: open-ended.
    pub end: Option<NaiveDate>,
}

/// Everything support knows about a reported problem.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Case<'a> {
    pub reported: NaiveDate,
    pub delivered: Option<NaiveDate>,
    pub cause: Cause,
    pub kind: Kind,
    /// `None`: the contract's warranty length is not known (3 to 6 months),
    /// unless `terms.statutory` says the contract sets none.
    pub warranty_months: Option<u32>,
    pub plan: Option<PlanTerms<'a>>,
    pub terms: Terms,
}

/// The warranty lengths tried when the contract's is unknown: every contract
/// of the page covers at least 3 months and none more than 6.
pub const UNKNOWN_WARRANTY_TRIES: [u32; 2] = [3, 6];

/// A case the engine cannot classify.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum CaseError {
    #[error("the plan's end {end} is before its start {start}")]
    PlanEndBeforeStart { start: NaiveDate, end: NaiveDate },
    #[error(
        "the warranty of {months} months after {delivered} ends past 9999-12-31, the calendar's end"
    )]
    PastCalendarEnd { delivered: NaiveDate, months: u32 },
    #[error("the warranty counts from the acceptance, but no acceptance date is given")]
    NoAcceptance,
    #[error("the acceptance {accepted} is before the delivery {delivered}")]
    AcceptedBeforeDelivery {
        accepted: NaiveDate,
        delivered: NaiveDate,
    },
    #[error("the customer learned of the defect on {learned}, after the report {reported}")]
    LearnedAfterReport {
        learned: NaiveDate,
        reported: NaiveDate,
    },
}

/// The facts a rule tests, with every unknown settled (for one try).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Facts {
    pub stage: Stage,
    pub kind: Kind,
    pub cause: KnownCause,
    /// Reported on or before the warranty's last day (after delivery only).
    pub within_warranty: bool,
    pub plan_in_force: bool,
    /// The plan in force covers the work asked for.
    pub plan_covers: bool,
    /// The defect impairs the program's running.
    pub impairs: bool,
}

/// One condition of a rule.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(tag = "fact", content = "is", rename_all = "snake_case")]
pub enum Condition {
    Stage(Stage),
    Kind(Kind),
    Cause(KnownCause),
    WithinWarranty(bool),
    PlanInForce(bool),
    PlanCovers(bool),
    Impairs(bool),
}

impl Condition {
    pub fn holds(self, facts: &Facts) -> bool {
        match self {
            Condition::Stage(s) => facts.stage == s,
            Condition::Kind(k) => facts.kind == k,
            Condition::Cause(c) => facts.cause == c,
            Condition::WithinWarranty(w) => facts.within_warranty == w,
            Condition::PlanInForce(p) => facts.plan_in_force == p,
            Condition::PlanCovers(p) => facts.plan_covers == p,
            Condition::Impairs(i) => facts.impairs == i,
        }
    }
}

/// The stable ids of the rules, as scripts and tickets quote them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
pub enum RuleId {
    #[serde(rename = "before.change")]
    BeforeChange,
    #[serde(rename = "before.minor")]
    BeforeMinor,
    #[serde(rename = "before.own-defect")]
    BeforeOwnDefect,
    #[serde(rename = "before.external-cause")]
    BeforeExternalCause,
    #[serde(rename = "before.incident")]
    BeforeIncident,
    #[serde(rename = "after.change")]
    AfterChange,
    #[serde(rename = "after.warranty")]
    AfterWarranty,
    #[serde(rename = "after.plan-covers")]
    AfterPlanCovers,
    #[serde(rename = "after.plan-excludes")]
    AfterPlanExcludes,
    #[serde(rename = "after.warranty-not-impairing")]
    AfterWarrantyNotImpairing,
    #[serde(rename = "after.warranty-expired")]
    AfterWarrantyExpired,
    #[serde(rename = "after.external-cause")]
    AfterExternalCause,
    #[serde(rename = "after.minor")]
    AfterMinor,
    #[serde(rename = "after.incident")]
    AfterIncident,
    /// Not a row of the table: the tries of an unknown fact disagree.
    #[serde(rename = "unsettled")]
    Unsettled,
}

impl RuleId {
    pub fn as_str(self) -> &'static str {
        match self {
            RuleId::BeforeChange => "before.change",
            RuleId::BeforeMinor => "before.minor",
            RuleId::BeforeOwnDefect => "before.own-defect",
            RuleId::BeforeExternalCause => "before.external-cause",
            RuleId::BeforeIncident => "before.incident",
            RuleId::AfterChange => "after.change",
            RuleId::AfterWarranty => "after.warranty",
            RuleId::AfterPlanCovers => "after.plan-covers",
            RuleId::AfterPlanExcludes => "after.plan-excludes",
            RuleId::AfterWarrantyNotImpairing => "after.warranty-not-impairing",
            RuleId::AfterWarrantyExpired => "after.warranty-expired",
            RuleId::AfterExternalCause => "after.external-cause",
            RuleId::AfterMinor => "after.minor",
            RuleId::AfterIncident => "after.incident",
            RuleId::Unsettled => "unsettled",
        }
    }
}

/// A row of the decision table.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Rule {
    pub id: RuleId,
    pub when: &'static [Condition],
    pub verdict: Verdict,
}

use Condition as C;

/// The decision table, in order; the first rule whose conditions all hold
/// decides. DOMAIN.md "Who pays for a defect" cases 1 to 6; cases 7 and 8
/// (unknown cause, unknown warranty) are the tries of [`classify`].
pub const RULES: &[Rule] = &[
    // 2. A spec change or fix not in the contract costs extra.
    Rule {
        id: RuleId::BeforeChange,
        when: &[C::Stage(Stage::BeforeDelivery), C::Kind(Kind::Change)],
        verdict: Verdict::Billable,
    },
    // 3. Minor items: as a rule, each needs consultation.
    Rule {
        id: RuleId::BeforeMinor,
        when: &[C::Stage(Stage::BeforeDelivery), C::Kind(Kind::Minor)],
        verdict: Verdict::Negotiate,
    },
    // 1. A defect against the agreed spec is fixed at development cost.
    Rule {
        id: RuleId::BeforeOwnDefect,
        when: &[
            C::Stage(Stage::BeforeDelivery),
            C::Kind(Kind::Defect),
            C::Cause(KnownCause::Internal),
        ],
        verdict: Verdict::Covered,
    },
    // An external cause before delivery is not the program's fault: consult.
    Rule {
        id: RuleId::BeforeExternalCause,
        when: &[
            C::Stage(Stage::BeforeDelivery),
            C::Kind(Kind::Defect),
            C::Cause(KnownCause::External),
        ],
        verdict: Verdict::Negotiate,
    },
    // Before delivery the system is still the builder's: a failure of it is
    // restored at development cost.
    Rule {
        id: RuleId::BeforeIncident,
        when: &[C::Stage(Stage::BeforeDelivery), C::Kind(Kind::Incident)],
        verdict: Verdict::Covered,
    },
    // 6. A spec change after delivery: no plan covers it.
    Rule {
        id: RuleId::AfterChange,
        when: &[C::Stage(Stage::AfterDelivery), C::Kind(Kind::Change)],
        verdict: Verdict::Billable,
    },
    // 5. An own defect within the warranty that impairs the running is
    //    free, whatever the plan: the warranty comes first.
    Rule {
        id: RuleId::AfterWarranty,
        when: &[
            C::Stage(Stage::AfterDelivery),
            C::Kind(Kind::Defect),
            C::Cause(KnownCause::Internal),
            C::WithinWarranty(true),
            C::Impairs(true),
        ],
        verdict: Verdict::Covered,
    },
    // 4. A plan in force that covers the work.
    Rule {
        id: RuleId::AfterPlanCovers,
        when: &[
            C::Stage(Stage::AfterDelivery),
            C::PlanInForce(true),
            C::PlanCovers(true),
        ],
        verdict: Verdict::Covered,
    },
    // 4. A plan in force that does not cover the work.
    Rule {
        id: RuleId::AfterPlanExcludes,
        when: &[
            C::Stage(Stage::AfterDelivery),
            C::PlanInForce(true),
            C::PlanCovers(false),
        ],
        verdict: Verdict::Billable,
    },
    // 5. No plan: an own defect within the warranty that does not impair
    //    the running (a cosmetic one) is not the page's free fix.
    Rule {
        id: RuleId::AfterWarrantyNotImpairing,
        when: &[
            C::Stage(Stage::AfterDelivery),
            C::Kind(Kind::Defect),
            C::Cause(KnownCause::Internal),
            C::WithinWarranty(true),
            C::Impairs(false),
            C::PlanInForce(false),
        ],
        verdict: Verdict::Billable,
    },
    // 6. No plan: an own defect after the warranty.
    Rule {
        id: RuleId::AfterWarrantyExpired,
        when: &[
            C::Stage(Stage::AfterDelivery),
            C::Kind(Kind::Defect),
            C::Cause(KnownCause::Internal),
            C::PlanInForce(false),
        ],
        verdict: Verdict::Billable,
    },
    // 6. No plan: a failure from an external cause.
    Rule {
        id: RuleId::AfterExternalCause,
        when: &[
            C::Stage(Stage::AfterDelivery),
            C::Kind(Kind::Defect),
            C::Cause(KnownCause::External),
            C::PlanInForce(false),
        ],
        verdict: Verdict::Billable,
    },
    // No plan: a minor request after delivery is ordinary paid work.
    Rule {
        id: RuleId::AfterMinor,
        when: &[
            C::Stage(Stage::AfterDelivery),
            C::Kind(Kind::Minor),
            C::PlanInForce(false),
        ],
        verdict: Verdict::Billable,
    },
    // 10. No plan: restoring after a failure is paid work.
    Rule {
        id: RuleId::AfterIncident,
        when: &[
            C::Stage(Stage::AfterDelivery),
            C::Kind(Kind::Incident),
            C::PlanInForce(false),
        ],
        verdict: Verdict::Billable,
    },
];

/// The rule that decides `facts`: the first of [`RULES`] whose conditions
/// all hold. The table is total (a test proves it), so this never fails.
pub fn decide(facts: &Facts) -> &'static Rule {
    // Facts take 96 combinations; the first hit of each is looked up once,
    // so a batch of millions does not walk the table row after row.
    static FIRST_HIT: std::sync::LazyLock<[u8; Facts::COMBINATIONS]> =
        std::sync::LazyLock::new(|| {
            std::array::from_fn(|i| {
                let facts = Facts::from_index(i);
                RULES
                    .iter()
                    .position(|rule| rule.when.iter().all(|c| c.holds(&facts)))
                    .expect("the decision table covers every combination of facts")
                    as u8
            })
        });
    &RULES[usize::from(FIRST_HIT[facts.index()])]
}

impl Facts {
    /// 2 stages × 4 kinds × 2 causes × 2 × 2 × 2 × 2 yes/no facts.
    pub const COMBINATIONS: usize = 256;

    /// Every combination of facts, in a fixed order.
    pub fn all() -> impl Iterator<Item = Facts> {
        (0..Facts::COMBINATIONS).map(Facts::from_index)
    }

    fn index(&self) -> usize {
        let stage = match self.stage {
            Stage::BeforeDelivery => 0,
            Stage::AfterDelivery => 1,
        };
        let kind = match self.kind {
            Kind::Defect => 0,
            Kind::Change => 1,
            Kind::Minor => 2,
            Kind::Incident => 3,
        };
        let cause = match self.cause {
            KnownCause::External => 0,
            KnownCause::Internal => 1,
        };
        (((((stage * 4 + kind) * 2 + cause) * 2 + usize::from(self.within_warranty)) * 2
            + usize::from(self.plan_in_force))
            * 2
            + usize::from(self.plan_covers))
            * 2
            + usize::from(self.impairs)
    }

    fn from_index(i: usize) -> Facts {
        let bit = |n: usize| (i >> n) & 1 == 1;
        let rest = i >> 4;
        Facts {
            stage: if rest / 8 == 0 {
                Stage::BeforeDelivery
            } else {
                Stage::AfterDelivery
            },
            kind: [Kind::Defect, Kind::Change, Kind::Minor, Kind::Incident][(rest / 2) % 4],
            cause: if rest.is_multiple_of(2) {
                KnownCause::External
            } else {
                KnownCause::Internal
            },
            within_warranty: bit(3),
            plan_in_force: bit(2),
            plan_covers: bit(1),
            impairs: bit(0),
        }
    }
}

/// One rule as `--explain` shows it: each condition with whether it held.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct RuleCheck {
    pub rule: RuleId,
    pub verdict: Verdict,
    pub conditions: Vec<ConditionCheck>,
    pub matched: bool,
}

/// A condition of a rule and whether it held for the facts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct ConditionCheck {
    #[serde(flatten)]
    pub condition: Condition,
    pub held: bool,
}

/// Every rule considered for `facts`, in order, up to and including the one
/// that decides.
pub fn explain(facts: &Facts) -> Vec<RuleCheck> {
    let mut out = Vec::new();
    for rule in RULES {
        let conditions: Vec<_> = rule
            .when
            .iter()
            .map(|c| ConditionCheck {
                condition: *c,
                held: c.holds(facts),
            })
            .collect();
        let matched = conditions.iter().all(|c| c.held);
        out.push(RuleCheck {
            rule: rule.id,
            verdict: rule.verdict,
            conditions,
            matched,
        });
        if matched {
            break;
        }
    }
    out
}

/// The work a case asks of a plan; a spec change is no plan's work.
pub fn work_asked(kind: Kind, cause: KnownCause) -> Option<Work> {
    match (kind, cause) {
        (Kind::Defect, KnownCause::Internal) => Some(Work::OwnDefects),
        (Kind::Defect, KnownCause::External) => Some(Work::ExternalCauses),
        (Kind::Minor, _) => Some(Work::MinorImprovements),
        (Kind::Incident, _) => Some(Work::Restore),
        (Kind::Change, _) => None,
    }
}

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
}

/// A statutory term's limits (Civil Code Arts. 637 and 166), each the last
/// day, rolled over when the case asks for Art. 142.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Statutory {
    pub learned: NaiveDate,
    /// One year after learning: the notice must come by then (Art. 637).
    pub notice_end: NaiveDate,
    /// Five years after learning (Art. 166(1)(i)).
    pub learning_end: NaiveDate,
    /// Ten years after the warranty's start event (Art. 166(1)(ii)).
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
    /// Every try, in order: one when every fact is known, up to sixteen.
    pub tries: Tries,
}

/// The most tries: two each for the cause, the warranty length, whether
/// the defect impairs the running and whether the builder knew.
const MAX_TRIES: usize = 16;

/// Up to sixteen tries, without allocating (batch classifies millions).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Tries {
    items: [Option<Try>; MAX_TRIES],
}

impl Tries {
    pub fn iter(&self) -> impl Iterator<Item = &Try> {
        self.items.iter().flatten()
    }

    pub fn first(&self) -> &Try {
        self.items[0]
            .as_ref()
            .expect("every classification has a try")
    }
}

impl Serialize for Tries {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_seq(self.iter())
    }
}

/// The last day of a period, moved by Art. 142 when the case asks for it.
fn last_day(end: NaiveDate, rollover: Option<crate::holidays::RestDays>) -> NaiveDate {
    rollover.map_or(end, |rest| rest.roll(end))
}

/// Classify `case`: pure, the report date is in the case.
pub fn classify<'a>(case: &Case<'a>) -> Result<Classification<'a>, CaseError> {
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

    let plan_in_force = stage == Stage::AfterDelivery
        && case.plan.is_some_and(|p| {
            let start = p.start.or(case.delivered);
            let end = p.end.map(|e| last_day(e, terms.rollover));
            start.is_none_or(|s| s <= case.reported) && end.is_none_or(|e| case.reported <= e)
        });

    // What the warranty counts from: the delivery, or the acceptance.
    let anchor = match (delivered, terms.warranty_from) {
        (None, _) => None,
        (Some(d), WarrantyFrom::Delivery) => Some(d),
        (Some(d), WarrantyFrom::Acceptance) => {
            let accepted = terms.accepted.ok_or(CaseError::NoAcceptance)?;
            if accepted < d {
                return Err(CaseError::AcceptedBeforeDelivery {
                    accepted,
                    delivered: d,
                });
            }
            Some(accepted)
        }
    };
    let after = |event: NaiveDate, months: u32| {
        period::months_after(event, months)
            .map(|p| Period {
                start: p.start,
                end: last_day(p.end, terms.rollover),
            })
            .ok_or(CaseError::PastCalendarEnd {
                delivered: event,
                months,
            })
    };

    // The warranty's possible last days, each with the months it assumes.
    let mut ends: [Option<(Option<u32>, NaiveDate)>; 2] = [None, None];
    let warranty = match anchor {
        None => None,
        Some(anchor) if terms.statutory => {
            let learned = terms.learned.unwrap_or(case.reported);
            if learned > case.reported {
                return Err(CaseError::LearnedAfterReport {
                    learned,
                    reported: case.reported,
                });
            }
            let statutory = Statutory {
                learned,
                notice_end: after(learned, 12)?.end,
                learning_end: after(learned, 60)?.end,
                delivery_end: after(anchor, 120)?.end,
            };
            let end = statutory
                .notice_end
                .min(statutory.learning_end)
                .min(statutory.delivery_end);
            ends[0] = Some((None, end));
            Some(Warranty {
                months: None,
                from: terms.warranty_from,
                statutory: Some(statutory),
                start: anchor.succ_opt().unwrap_or(anchor),
                end: Some(end),
                rolled_from: None,
                end_if_3_months: None,
                end_if_6_months: None,
            })
        }
        Some(anchor) => match case.warranty_months {
            Some(months) => {
                let period = after(anchor, months)?;
                let plain = period::months_after(anchor, months).map(|p| p.end);
                ends[0] = Some((Some(months), period.end));
                Some(Warranty {
                    months: Some(months),
                    from: terms.warranty_from,
                    statutory: None,
                    start: period.start,
                    end: Some(period.end),
                    rolled_from: plain.filter(|p| *p != period.end),
                    end_if_3_months: None,
                    end_if_6_months: None,
                })
            }
            None => {
                let [short, long] = UNKNOWN_WARRANTY_TRIES;
                let (p3, p6) = (after(anchor, short)?, after(anchor, long)?);
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
                })
            }
        },
    };

    let causes: &[KnownCause] = match case.cause {
        Cause::External => &[KnownCause::External],
        Cause::Internal => &[KnownCause::Internal],
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
    let mut tries = Tries {
        items: [None; MAX_TRIES],
    };
    let mut n = 0;
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
                        // No time limit protects a builder who knew.
                        within_warranty: m.is_some()
                            && (builder_knew || m.is_some_and(|(_, end)| case.reported <= end)),
                        plan_in_force,
                        plan_covers,
                        impairs,
                    };
                    let rule = decide(&facts);
                    tries.items[n] = Some(Try {
                        cause,
                        warranty_months: m.and_then(|(months, _)| months),
                        impairs,
                        builder_knew,
                        facts,
                        rule: rule.id,
                        verdict: rule.verdict,
                    });
                    n += 1;
                }
            }
        }
    }

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
        tries,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn facts_index_round_trips() {
        for i in 0..Facts::COMBINATIONS {
            assert_eq!(Facts::from_index(i).index(), i);
        }
    }

    #[test]
    fn decide_is_the_first_hit_of_the_table() {
        for facts in Facts::all() {
            let walked = RULES
                .iter()
                .find(|r| r.when.iter().all(|c| c.holds(&facts)))
                .unwrap();
            assert_eq!(decide(&facts).id, walked.id, "{facts:?}");
        }
    }
}
