//! What a case is made of: the facts support knows, the contract's terms,
//! and the plan in force.

use chrono::NaiveDate;
use serde::Serialize;

pub use crate::fact::Span;
use crate::rates::Plan;
pub use crate::vocab::WarrantyFrom;
use crate::vocab::Work;

/// Whether the failure came from outside the delivered program.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, schemars::JsonSchema)]
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
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, schemars::JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum KnownCause {
    External,
    Internal,
}

/// What the customer asks for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, schemars::JsonSchema)]
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
    /// An operations request a plan prices (運用作業): the #05 irregular
    /// payment operations (a refund after a phone cancellation, a partial
    /// discount, suspending a user after failed charges) and routine
    /// operations requests.
    Operation,
}

impl Kind {
    /// Every kind, in the decision table's order.
    pub const ALL: [Kind; 5] = [
        Kind::Defect,
        Kind::Change,
        Kind::Minor,
        Kind::Incident,
        Kind::Operation,
    ];
}

/// A yes-or-no fact that may not be known yet.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, schemars::JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Answer {
    Yes,
    No,
    Unknown,
}

impl Answer {
    /// The values to try: the one known, or both.
    pub(super) fn tries(self) -> &'static [bool] {
        match self {
            Answer::Yes => &[true],
            Answer::No => &[false],
            Answer::Unknown => &[true, false],
        }
    }
}

/// The contract terms and the defect's weight, beyond the six facts of a
/// case; the default is the policy page's contract.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Terms<'a> {
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
    pub rollover: Option<crate::holidays::RestDays<'a>>,
}

impl Default for Terms<'_> {
    fn default() -> Self {
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

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, schemars::JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Verdict {
    /// Fixed free: at development cost, under warranty, or under the plan.
    Covered,
    /// The customer pays.
    Billable,
    /// Consult the customer before deciding.
    Negotiate,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, schemars::JsonSchema)]
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
    pub terms: Terms<'a>,
}

/// The warranty lengths tried when the contract's is unknown: every contract
/// of the page covers at least 3 months and none more than 6.
pub const UNKNOWN_WARRANTY_TRIES: [u32; 2] = [3, 6];

/// The fact a period was counted from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Counted {
    Delivery,
    Acceptance,
    /// The day the customer learned of the defect, as given.
    Learned,
    /// The report, standing for the day the customer learned.
    Report,
}

/// A case the engine cannot classify: data, said by the catalogue as the
/// fact it is about (see `intake`'s `From<CaseError>`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CaseError {
    PlanEndBeforeStart {
        start: NaiveDate,
        end: NaiveDate,
    },
    /// A period of `months` counted from `from` (the day of `counted`)
    /// would end past 9999-12-31.
    PastCalendarEnd {
        from: NaiveDate,
        months: u32,
        span: Span,
        counted: Counted,
    },
    NoAcceptance,
    AcceptedBeforeDelivery {
        accepted: NaiveDate,
        delivered: NaiveDate,
    },
    LearnedAfterReport {
        learned: NaiveDate,
        reported: NaiveDate,
    },
    /// A defect of a delivered system learned of before its delivery.
    LearnedBeforeDelivery {
        learned: NaiveDate,
        delivered: NaiveDate,
    },
    /// Art. 142's roll-over met a day outside the holiday calendar hoshu
    /// knows; `plan_end`: the plan's end, not a warranty's.
    OutsideCalendar {
        day: NaiveDate,
        plan_end: bool,
    },
}

impl std::error::Error for CaseError {}
