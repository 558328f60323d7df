//! The decision table: each rule's stable id, the conditions it tests and
//! its verdict, in order; the first hit decides.

use serde::Serialize;

use super::{Kind, KnownCause, Stage, Verdict};
use crate::rates::Work;

/// The facts a rule tests, with every unknown settled (for one try).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, schemars::JsonSchema)]
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
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, schemars::JsonSchema)]
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
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, schemars::JsonSchema)]
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
    #[serde(rename = "before.operation")]
    BeforeOperation,
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
    #[serde(rename = "after.operation")]
    AfterOperation,
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
            RuleId::BeforeOperation => "before.operation",
            RuleId::AfterChange => "after.change",
            RuleId::AfterWarranty => "after.warranty",
            RuleId::AfterPlanCovers => "after.plan-covers",
            RuleId::AfterPlanExcludes => "after.plan-excludes",
            RuleId::AfterWarrantyNotImpairing => "after.warranty-not-impairing",
            RuleId::AfterWarrantyExpired => "after.warranty-expired",
            RuleId::AfterExternalCause => "after.external-cause",
            RuleId::AfterMinor => "after.minor",
            RuleId::AfterIncident => "after.incident",
            RuleId::AfterOperation => "after.operation",
            RuleId::Unsettled => "unsettled",
        }
    }
}

/// The verdict the rule `id` gives (`unsettled`: negotiate); none for an
/// id hoshu does not know.
pub fn verdict_of(id: &str) -> Option<Verdict> {
    if id == RuleId::Unsettled.as_str() {
        return Some(Verdict::Negotiate);
    }
    RULES
        .iter()
        .find(|r| r.id.as_str() == id)
        .map(|r| r.verdict)
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
/// (unknown cause, unknown warranty) are the tries of [`classify`](super::classify).
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
    // Before delivery nothing is in operation yet: an operations request
    // is part of the build or out of it, so it needs consultation.
    Rule {
        id: RuleId::BeforeOperation,
        when: &[C::Stage(Stage::BeforeDelivery), C::Kind(Kind::Operation)],
        verdict: Verdict::Negotiate,
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
    // 11. No plan: an operations request is paid work (with a plan, the
    //     plan that prices it covers it: see AfterPlanCovers).
    Rule {
        id: RuleId::AfterOperation,
        when: &[
            C::Stage(Stage::AfterDelivery),
            C::Kind(Kind::Operation),
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
    // Facts take Facts::COMBINATIONS values; the first hit of each is looked
    // up once, so a batch of millions does not walk the table row after row.
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
    /// 2 stages × every kind × 2 causes × 2 × 2 × 2 × 2 yes/no facts.
    pub const COMBINATIONS: usize = 2 * Kind::ALL.len() * 2 * 16;

    /// Every combination of facts, in a fixed order.
    pub fn all() -> impl Iterator<Item = Facts> {
        (0..Facts::COMBINATIONS).map(Facts::from_index)
    }

    fn index(&self) -> usize {
        let stage = match self.stage {
            Stage::BeforeDelivery => 0,
            Stage::AfterDelivery => 1,
        };
        let kind = Kind::ALL
            .iter()
            .position(|k| *k == self.kind)
            .unwrap_or_default();
        let cause = match self.cause {
            KnownCause::External => 0,
            KnownCause::Internal => 1,
        };
        (((((stage * Kind::ALL.len() + kind) * 2 + cause) * 2 + usize::from(self.within_warranty))
            * 2
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
            stage: if rest / (2 * Kind::ALL.len()) == 0 {
                Stage::BeforeDelivery
            } else {
                Stage::AfterDelivery
            },
            kind: Kind::ALL[(rest / 2) % Kind::ALL.len()],
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
#[derive(Debug, Clone, PartialEq, Eq, Serialize, schemars::JsonSchema)]
pub struct RuleCheck {
    pub rule: RuleId,
    pub verdict: Verdict,
    pub conditions: Vec<ConditionCheck>,
    pub matched: bool,
}

/// A condition of a rule and whether it held for the facts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, schemars::JsonSchema)]
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
        // The operations a plan prices are its 運用 (monitoring) lines.
        (Kind::Operation, _) => Some(Work::Monitoring),
        (Kind::Change, _) => None,
    }
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
