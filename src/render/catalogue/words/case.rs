//! A classification's sentences: the rule's reason, the warranty, the
//! conditions tried, decided once over [`super::super::clauses`].

use chrono::NaiveDate;

use super::super::Catalogue;
use super::super::clauses::{
    Assumed, DaysLeft, Outcome, RuleReason, Unknown, WarrantyClause, WarrantyLine,
};
use super::super::template::Tpl;
use crate::coverage::{Cause, Classification, Condition, KnownCause, RuleId, Try, WarrantyFrom};
use crate::rates::Estimate;

impl dyn Catalogue + '_ {
    fn maybe_date(&self, d: Option<NaiveDate>) -> String {
        d.map_or_else(String::new, |d| self.date(d))
    }

    fn yes_no(&self, b: bool) -> &'static str {
        self.template(if b { Tpl::Yes } else { Tpl::No })
    }

    /// The reason a rule gives for its verdict.
    pub fn rule_reason(&self, r: &RuleReason) -> String {
        let clause = match r.warranty {
            Some(WarrantyClause::Statutory { notice_end }) => self.put(
                Tpl::ClauseStatutory,
                &[("end", &self.maybe_date(notice_end))],
            ),
            Some(WarrantyClause::EvenThreeMonths { end }) => self.put(
                Tpl::ClauseEvenThreeMonths,
                &[("end", &self.maybe_date(end))],
            ),
            Some(WarrantyClause::EvenSixMonthsEnded { end }) => {
                self.put(Tpl::ClauseEvenSixMonthsEnded, &[("end", &self.date(end))])
            }
            Some(WarrantyClause::LastDay { end }) => {
                self.put(Tpl::ClauseLastDay, &[("end", &self.maybe_date(end))])
            }
            Some(WarrantyClause::ClaimLasts { end }) => {
                self.put(Tpl::ClauseClaimLasts, &[("end", &self.maybe_date(end))])
            }
            Some(WarrantyClause::ClaimEnded { end }) => {
                self.put(Tpl::ClauseClaimEnded, &[("end", &self.date(end))])
            }
            None => String::new(),
        };
        let work = r
            .work
            .map_or_else(|| self.template(Tpl::WorkSpecChanges), |w| self.work(w));
        let rule = match r.rule {
            RuleId::BeforeChange => Tpl::RuleBeforeChange,
            RuleId::BeforeMinor => Tpl::RuleBeforeMinor,
            RuleId::BeforeOwnDefect => Tpl::RuleBeforeOwnDefect,
            RuleId::BeforeExternalCause => Tpl::RuleBeforeExternalCause,
            RuleId::AfterChange => Tpl::RuleAfterChange,
            RuleId::AfterWarranty if r.builder_knew => Tpl::RuleAfterWarrantyBuilderKnew,
            RuleId::AfterWarranty => Tpl::RuleAfterWarranty,
            RuleId::AfterPlanCovers => Tpl::RuleAfterPlanCovers,
            RuleId::AfterPlanExcludes => Tpl::RuleAfterPlanExcludes,
            RuleId::AfterWarrantyExpired => Tpl::RuleAfterWarrantyExpired,
            RuleId::AfterExternalCause => Tpl::RuleAfterExternalCause,
            RuleId::AfterMinor => Tpl::RuleAfterMinor,
            RuleId::BeforeOperation => Tpl::RuleBeforeOperation,
            RuleId::AfterOperation => Tpl::RuleAfterOperation,
            RuleId::BeforeIncident => Tpl::RuleBeforeIncident,
            RuleId::AfterIncident => Tpl::RuleAfterIncident,
            RuleId::AfterWarrantyNotImpairing => Tpl::RuleAfterWarrantyNotImpairing,
            RuleId::Unsettled => return String::new(),
        };
        self.put(
            rule,
            &[
                ("clause", &clause),
                ("plan", &r.plan),
                ("reported", &self.date(r.reported)),
                ("work", &work),
            ],
        )
    }

    /// What one try assumed: `the cause is external and the warranty is 3
    /// months`.
    pub fn assumed(&self, assumed: &[Assumed]) -> String {
        let parts: Vec<String> = assumed
            .iter()
            .map(|a| match a {
                Assumed::Cause(KnownCause::External) => self.put(Tpl::AssumedExternal, &[]),
                Assumed::Cause(KnownCause::Internal) => self.put(Tpl::AssumedInternal, &[]),
                Assumed::WarrantyMonths(m) => {
                    self.put(Tpl::AssumedWarrantyMonths, &[("months", m)])
                }
                Assumed::Impairs(true) => self.put(Tpl::AssumedImpairs, &[]),
                Assumed::Impairs(false) => self.put(Tpl::AssumedNotImpairs, &[]),
                Assumed::BuilderKnew(true) => self.put(Tpl::AssumedBuilderKnew, &[]),
                Assumed::BuilderKnew(false) => self.put(Tpl::AssumedBuilderDidNotKnow, &[]),
            })
            .collect();
        parts.join(self.template(Tpl::AssumedSep))
    }

    /// Facts not given, which every try agrees without.
    pub fn tries_agree(&self, unknown: &[Unknown]) -> String {
        let names: Vec<&str> = unknown
            .iter()
            .map(|u| {
                self.template(match u {
                    Unknown::Cause => Tpl::UnknownCause,
                    Unknown::WarrantyLength => Tpl::UnknownWarrantyLength,
                    Unknown::Impairs => Tpl::UnknownImpairs,
                    Unknown::BuilderKnew => Tpl::UnknownBuilderKnew,
                })
            })
            .collect();
        let unknown = sentence_case(&names.join(self.template(Tpl::UnknownSep)));
        self.put(
            if names.len() > 1 {
                Tpl::TriesAgreeMany
            } else {
                Tpl::TriesAgreeOne
            },
            &[("unknown", &unknown)],
        )
    }

    /// A verdict the unknown facts decide: what to settle, and each outcome.
    pub fn unsettled(&self, settle: &[Unknown], outcomes: &[Outcome]) -> String {
        let settle: Vec<&str> = settle
            .iter()
            .map(|u| {
                self.template(match u {
                    Unknown::Cause => Tpl::SettleCause,
                    Unknown::WarrantyLength => Tpl::SettleWarrantyLength,
                    Unknown::Impairs => Tpl::SettleImpairs,
                    Unknown::BuilderKnew => Tpl::SettleBuilderKnew,
                })
            })
            .collect();
        let outcomes: Vec<String> = outcomes
            .iter()
            .map(|o| {
                self.put(
                    Tpl::Outcome,
                    &[
                        ("assumed", &self.assumed(&o.assumed)),
                        ("verdict", &self.verdict(o.verdict)),
                        ("rule", &o.rule.as_str()),
                    ],
                )
            })
            .collect();
        self.put(
            Tpl::Unsettled,
            &[
                ("settle", &settle.join(self.template(Tpl::SettleSep))),
                (
                    "outcomes",
                    &sentence_case(&outcomes.join(self.template(Tpl::OutcomeSep))),
                ),
            ],
        )
    }

    /// `12 days left`, `last day today`, `3 days past`.
    fn days(&self, left: DaysLeft) -> String {
        match left.0 {
            0 => self.put(Tpl::DaysLastDay, &[]),
            1 => self.put(Tpl::DayLeft, &[]),
            -1 => self.put(Tpl::DayPast, &[]),
            n if n > 0 => self.put(Tpl::DaysLeft, &[("n", &n)]),
            n => self.put(Tpl::DaysPast, &[("n", &-n)]),
        }
    }

    /// The warranty's line of a classification.
    pub fn warranty(&self, w: &WarrantyLine) -> String {
        match *w {
            WarrantyLine::NotDelivered => self.put(Tpl::WarrantyNotDelivered, &[]),
            WarrantyLine::StartsAfter { delivered } => self.put(
                Tpl::WarrantyStartsAfter,
                &[("delivered", &self.date(delivered))],
            ),
            WarrantyLine::Statutory {
                learned,
                notice_end,
                learning_end,
                delivery_end,
                left,
            } => self.put(
                Tpl::WarrantyStatutory,
                &[
                    ("learned", &self.date(learned)),
                    ("notice_end", &self.date(notice_end)),
                    ("learning_end", &self.date(learning_end)),
                    ("delivery_end", &self.date(delivery_end)),
                    ("left", &self.days(left)),
                ],
            ),
            WarrantyLine::Months {
                months,
                from,
                start,
                end,
                rolled,
                left,
            } => {
                let rolled = rolled.map_or_else(String::new, |(plain, sunday)| {
                    let day = if sunday {
                        Tpl::RolledSunday
                    } else {
                        Tpl::RolledDayOff
                    };
                    self.put(
                        Tpl::WarrantyRolled,
                        &[("plain", &self.date(plain)), ("day", &self.template(day))],
                    )
                });
                let from = match from {
                    WarrantyFrom::Delivery => Tpl::WarrantyFromDelivery,
                    WarrantyFrom::Acceptance => Tpl::WarrantyFromAcceptance,
                };
                self.put(
                    Tpl::WarrantyMonths,
                    &[
                        ("months", &months),
                        ("from", &self.template(from)),
                        ("start", &self.date(start)),
                        ("end", &self.date(end)),
                        ("rolled", &rolled),
                        ("left", &self.days(left)),
                    ],
                )
            }
            WarrantyLine::Unknown {
                end_3,
                left_3,
                end_6,
                left_6,
            } => self.put(
                Tpl::WarrantyUnknown,
                &[
                    ("end_3", &self.date(end_3)),
                    ("left_3", &self.days(left_3)),
                    ("end_6", &self.date(end_6)),
                    ("left_6", &self.days(left_6)),
                ],
            ),
        }
    }

    fn short_cause(&self, c: KnownCause) -> &'static str {
        self.template(match c {
            KnownCause::External => Tpl::ShortCauseExternal,
            KnownCause::Internal => Tpl::ShortCauseInternal,
        })
    }

    /// A rule's condition with what this try saw: `stage is after delivery
    /// (saw before delivery)`.
    pub fn condition(&self, cond: Condition, t: &Try) -> String {
        let f = &t.facts;
        let (tpl, want, saw) = match cond {
            Condition::Stage(s) => (Tpl::CondStage, self.stage(s), self.stage(f.stage)),
            Condition::Kind(k) => (Tpl::CondKind, self.kind(k), self.kind(f.kind)),
            Condition::Cause(k) => (
                Tpl::CondCause,
                self.short_cause(k),
                self.short_cause(f.cause),
            ),
            Condition::WithinWarranty(b) => (
                Tpl::CondWithinWarranty,
                self.yes_no(b),
                self.yes_no(f.within_warranty),
            ),
            Condition::PlanInForce(b) => (
                Tpl::CondPlanInForce,
                self.yes_no(b),
                self.yes_no(f.plan_in_force),
            ),
            Condition::PlanCovers(b) => (
                Tpl::CondPlanCovers,
                self.yes_no(b),
                self.yes_no(f.plan_covers),
            ),
            Condition::Impairs(b) => (Tpl::CondImpairs, self.yes_no(b), self.yes_no(f.impairs)),
        };
        let knew = if t.builder_knew {
            self.template(Tpl::CondBuilderKnew)
        } else {
            ""
        };
        self.put(tpl, &[("want", &want), ("saw", &saw), ("knew", &knew)])
    }

    /// A rule's condition as the rule table shows it.
    pub fn rule_condition(&self, cond: Condition) -> String {
        let (tpl, b) = match cond {
            Condition::Stage(s) => return self.stage(s).to_owned(),
            Condition::Kind(k) => return self.kind(k).to_owned(),
            Condition::Cause(k) => return self.known_cause(k).to_owned(),
            Condition::WithinWarranty(b) => (Tpl::RuleCondWithinWarranty, b),
            Condition::PlanInForce(b) => (Tpl::RuleCondPlanInForce, b),
            Condition::PlanCovers(b) => (Tpl::RuleCondPlanCovers, b),
            Condition::Impairs(b) => (Tpl::RuleCondImpairs, b),
        };
        self.put(tpl, &[("want", &self.yes_no(b))])
    }

    /// `2 hours × ¥8,000 = …`: a billable ticket's estimate.
    pub fn estimate(&self, e: &Estimate) -> String {
        let hours = if e.hours.is_one() {
            self.put(Tpl::HourOne, &[])
        } else {
            self.put(Tpl::Hours, &[("n", &e.hours)])
        };
        self.put(
            Tpl::Estimate,
            &[
                ("hours", &hours),
                ("hourly", &self.yen(e.hourly)),
                ("subtotal", &self.yen(e.totals.subtotal)),
                ("tax", &self.yen(e.totals.tax)),
                ("total", &self.yen(e.totals.total)),
            ],
        )
    }

    pub fn plan_line(&self, c: &Classification) -> String {
        match c.plan.name {
            None => self.put(Tpl::PlanNone, &[]),
            Some(plan) => self.put(
                if c.plan.in_force {
                    Tpl::PlanInForceOn
                } else {
                    Tpl::PlanNotInForceOn
                },
                &[("plan", &plan), ("reported", &self.date(c.reported))],
            ),
        }
    }

    pub fn case_line(&self, c: &Classification) -> String {
        let cause = match c.cause {
            Cause::Unknown => Tpl::CauseUnknown,
            Cause::External => Tpl::CauseExternal,
            Cause::Internal => Tpl::CauseNotExternal,
        };
        self.put(
            Tpl::CaseLine,
            &[
                ("kind", &self.kind(c.kind)),
                ("cause", &self.template(cause)),
            ],
        )
    }

    pub fn stage_line(&self, c: &Classification) -> String {
        let delivered = c.delivered.map_or_else(
            || self.put(Tpl::NotDelivered, &[]),
            |d| self.put(Tpl::DeliveredOn, &[("delivered", &self.date(d))]),
        );
        self.put(
            Tpl::StageLine,
            &[
                ("stage", &self.stage(c.stage)),
                ("delivered", &delivered),
                ("reported", &self.date(c.reported)),
            ],
        )
    }
}

/// `text` with its first letter a capital, as a sentence starts in a
/// script that has capitals (unchanged where it has none).
fn sentence_case(text: &str) -> String {
    let mut chars = text.chars();
    chars.next().map_or_else(String::new, |c| {
        c.to_uppercase().collect::<String>() + chars.as_str()
    })
}
