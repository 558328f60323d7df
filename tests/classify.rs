//! Who pays for a defect: each rule of the decision table by name, the
//! unknown-fact tries (DOMAIN.md cases 7 and 8), and the table's totality.

use chrono::NaiveDate;
use hoshu::coverage::{
    Case, Cause, Classification, Coverage, Facts, Kind, KnownCause, PlanTerms, RULES, RuleId,
    Stage, Verdict, classify, decide,
};
use hoshu::rates::RateCard;
use proptest::prelude::*;

use crate::support::d;

fn card() -> &'static RateCard {
    static CARD: std::sync::OnceLock<RateCard> = std::sync::OnceLock::new();
    CARD.get_or_init(RateCard::default_card)
}

fn plan(name: &str) -> PlanTerms<'static> {
    let p = card().plan(name).unwrap();
    PlanTerms {
        name: &p.name,
        covers: Coverage::of(p),
        start: None,
        end: None,
    }
}

/// Delivered 2024-01-10 with a 3-month warranty (last day 2024-04-10), no plan.
fn case(reported: &str, cause: Cause, kind: Kind) -> Case<'static> {
    Case {
        reported: d(reported),
        delivered: Some(d("2024-01-10")),
        cause,
        kind,
        warranty_months: Some(3),
        plan: None,
    }
}

fn verdict_rule(case: Case) -> (Verdict, RuleId) {
    let c = classify(&case).unwrap();
    (c.verdict, c.rule)
}

fn before(cause: Cause, kind: Kind) -> Case<'static> {
    Case {
        delivered: None,
        ..case("2023-12-01", cause, kind)
    }
}

#[test]
fn rule_before_change_is_billable() {
    assert_eq!(
        verdict_rule(before(Cause::Internal, Kind::Change)),
        (Verdict::Billable, RuleId::BeforeChange)
    );
}

#[test]
fn rule_before_minor_is_negotiate() {
    assert_eq!(
        verdict_rule(before(Cause::Internal, Kind::Minor)),
        (Verdict::Negotiate, RuleId::BeforeMinor)
    );
}

#[test]
fn rule_before_own_defect_is_covered_at_development_cost() {
    assert_eq!(
        verdict_rule(before(Cause::Internal, Kind::Defect)),
        (Verdict::Covered, RuleId::BeforeOwnDefect)
    );
    // Reported before a known delivery date is before delivery too.
    let c = case("2024-01-09", Cause::Internal, Kind::Defect);
    assert_eq!(verdict_rule(c), (Verdict::Covered, RuleId::BeforeOwnDefect));
    assert_eq!(classify(&c).unwrap().warranty, None);
}

#[test]
fn rule_before_external_cause_is_negotiate() {
    assert_eq!(
        verdict_rule(before(Cause::External, Kind::Defect)),
        (Verdict::Negotiate, RuleId::BeforeExternalCause)
    );
}

#[test]
fn rule_after_change_is_billable_under_any_plan() {
    for p in ["operation", "standard", "full"] {
        let c = Case {
            plan: Some(plan(p)),
            ..case("2024-03-01", Cause::Internal, Kind::Change)
        };
        assert_eq!(
            verdict_rule(c),
            (Verdict::Billable, RuleId::AfterChange),
            "{p}"
        );
    }
}

#[test]
fn rule_after_warranty_covers_an_own_defect_whatever_the_plan() {
    let c = case("2024-01-10", Cause::Internal, Kind::Defect);
    assert_eq!(
        verdict_rule(c),
        (Verdict::Covered, RuleId::AfterWarranty),
        "the delivery day itself"
    );
    let c = case("2024-04-10", Cause::Internal, Kind::Defect);
    assert_eq!(
        verdict_rule(c),
        (Verdict::Covered, RuleId::AfterWarranty),
        "the warranty's last day"
    );
    let c = Case {
        plan: Some(plan("operation")),
        ..case("2024-03-01", Cause::Internal, Kind::Defect)
    };
    assert_eq!(
        verdict_rule(c),
        (Verdict::Covered, RuleId::AfterWarranty),
        "the warranty comes first"
    );
}

#[test]
fn rule_after_plan_covers_is_covered() {
    let c = Case {
        plan: Some(plan("standard")),
        ..case("2024-06-01", Cause::Internal, Kind::Defect)
    };
    assert_eq!(verdict_rule(c), (Verdict::Covered, RuleId::AfterPlanCovers));
    let c = Case {
        plan: Some(plan("standard")),
        ..case("2024-02-01", Cause::External, Kind::Defect)
    };
    assert_eq!(verdict_rule(c), (Verdict::Covered, RuleId::AfterPlanCovers));
    let c = Case {
        plan: Some(plan("full")),
        ..case("2024-02-01", Cause::Internal, Kind::Minor)
    };
    assert_eq!(verdict_rule(c), (Verdict::Covered, RuleId::AfterPlanCovers));
}

#[test]
fn rule_after_plan_excludes_is_billable() {
    let c = Case {
        plan: Some(plan("operation")),
        ..case("2024-06-01", Cause::Internal, Kind::Defect)
    };
    assert_eq!(
        verdict_rule(c),
        (Verdict::Billable, RuleId::AfterPlanExcludes)
    );
    let c = Case {
        plan: Some(plan("operation")),
        ..case("2024-06-01", Cause::Internal, Kind::Minor)
    };
    assert_eq!(
        verdict_rule(c),
        (Verdict::Billable, RuleId::AfterPlanExcludes)
    );
}

#[test]
fn rule_after_plan_covers_a_minor_request_under_standard_step04() {
    // STEP04 puts small improvement requests inside maintenance support.
    let c = Case {
        plan: Some(plan("standard")),
        ..case("2024-06-01", Cause::Internal, Kind::Minor)
    };
    assert_eq!(verdict_rule(c), (Verdict::Covered, RuleId::AfterPlanCovers));
}

#[test]
fn rule_after_warranty_expired_is_billable() {
    let c = case("2024-04-11", Cause::Internal, Kind::Defect);
    assert_eq!(
        verdict_rule(c),
        (Verdict::Billable, RuleId::AfterWarrantyExpired)
    );
}

#[test]
fn rule_after_external_cause_is_billable() {
    let c = case("2024-02-01", Cause::External, Kind::Defect);
    assert_eq!(
        verdict_rule(c),
        (Verdict::Billable, RuleId::AfterExternalCause),
        "even within the warranty"
    );
}

#[test]
fn rule_after_minor_is_billable() {
    let c = case("2024-02-01", Cause::Internal, Kind::Minor);
    assert_eq!(verdict_rule(c), (Verdict::Billable, RuleId::AfterMinor));
}

#[test]
fn rule_unknown_cause_is_negotiate_when_the_cause_decides() {
    // DOMAIN.md case 7.
    let c = classify(&case("2024-02-01", Cause::Unknown, Kind::Defect)).unwrap();
    assert_eq!((c.verdict, c.rule), (Verdict::Negotiate, RuleId::Unsettled));
    assert!(c.unsettled.cause && !c.unsettled.warranty_months);
    assert_eq!(c.tries.iter().count(), 2);
}

#[test]
fn rule_unknown_cause_agrees_when_every_cause_gives_the_same() {
    let c = Case {
        plan: Some(plan("standard")),
        ..case("2024-06-01", Cause::Unknown, Kind::Defect)
    };
    assert_eq!(verdict_rule(c), (Verdict::Covered, RuleId::AfterPlanCovers));
    let c = case("2024-06-01", Cause::Unknown, Kind::Defect);
    assert_eq!(
        verdict_rule(c).0,
        Verdict::Billable,
        "past the warranty without a plan either way"
    );
}

#[test]
fn rule_unknown_warranty_between_3_and_6_months_is_negotiate() {
    // DOMAIN.md case 8.
    let unknown = |reported| Case {
        warranty_months: None,
        ..case(reported, Cause::Internal, Kind::Defect)
    };
    let c = classify(&unknown("2024-05-01")).unwrap();
    assert_eq!((c.verdict, c.rule), (Verdict::Negotiate, RuleId::Unsettled));
    assert!(c.unsettled.warranty_months && !c.unsettled.cause);
    let w = c.warranty.unwrap();
    assert_eq!(
        (w.end, w.end_if_3_months, w.end_if_6_months),
        (None, Some(d("2024-04-10")), Some(d("2024-07-10")))
    );
    assert_eq!(
        verdict_rule(unknown("2024-04-10")),
        (Verdict::Covered, RuleId::AfterWarranty)
    );
    assert_eq!(
        verdict_rule(unknown("2024-07-11")),
        (Verdict::Billable, RuleId::AfterWarrantyExpired)
    );
}

#[test]
fn plan_in_force_from_delivery_or_start_to_end_inclusive() {
    let with = |start: Option<&str>, end: Option<&str>, reported| {
        let p = PlanTerms {
            start: start.map(d),
            end: end.map(d),
            ..plan("standard")
        };
        let c: Classification = classify(&Case {
            plan: Some(p),
            ..case(reported, Cause::External, Kind::Defect)
        })
        .unwrap();
        c.plan.in_force
    };
    assert!(with(None, None, "2030-01-01"), "open-ended");
    assert!(
        with(Some("2024-02-01"), Some("2025-01-31"), "2025-01-31"),
        "the end day is in force"
    );
    assert!(!with(Some("2024-02-01"), Some("2025-01-31"), "2025-02-01"));
    assert!(
        !with(Some("2024-02-01"), None, "2024-01-31"),
        "not yet started"
    );
    assert!(with(None, None, "2024-01-10"), "from delivery");
}

#[test]
fn plan_end_before_start_is_an_error() {
    let p = PlanTerms {
        start: Some(d("2024-02-01")),
        end: Some(d("2024-01-01")),
        ..plan("standard")
    };
    let err = classify(&Case {
        plan: Some(p),
        ..case("2024-03-01", Cause::Internal, Kind::Defect)
    })
    .unwrap_err();
    assert_eq!(
        err.to_string(),
        "the plan's end 2024-01-01 is before its start 2024-02-01"
    );
}

#[test]
fn a_warranty_past_the_calendar_end_is_an_error() {
    let c = Case {
        delivered: Some(d("9999-10-01")),
        ..case("9999-11-01", Cause::Internal, Kind::Defect)
    };
    assert!(classify(&c).is_err());
}

const STAGES: [Stage; 2] = [Stage::BeforeDelivery, Stage::AfterDelivery];
const KINDS: [Kind; 3] = [Kind::Defect, Kind::Change, Kind::Minor];
const CAUSES: [KnownCause; 2] = [KnownCause::External, KnownCause::Internal];

#[test]
fn decision_table_is_total() {
    let mut seen = std::collections::HashSet::new();
    for stage in STAGES {
        for kind in KINDS {
            for cause in CAUSES {
                for within_warranty in [false, true] {
                    for plan_in_force in [false, true] {
                        for plan_covers in [false, true] {
                            let facts = Facts {
                                stage,
                                kind,
                                cause,
                                within_warranty,
                                plan_in_force,
                                plan_covers,
                            };
                            let hits = RULES
                                .iter()
                                .filter(|r| r.when.iter().all(|c| c.holds(&facts)))
                                .count();
                            assert!(hits >= 1, "no rule for {facts:?}");
                            seen.insert(decide(&facts).id);
                        }
                    }
                }
            }
        }
    }
    assert_eq!(
        seen.len(),
        RULES.len(),
        "every rule decides some case: none is dead"
    );
}

#[test]
fn every_combination_of_inputs_gets_exactly_one_verdict() {
    let reported = [
        "2023-12-01",
        "2024-01-10",
        "2024-03-01",
        "2024-05-01",
        "2024-08-01",
    ];
    for delivered in [None, Some("2024-01-10")] {
        for r in reported {
            for cause in [Cause::External, Cause::Internal, Cause::Unknown] {
                for kind in KINDS {
                    for months in [None, Some(1), Some(3), Some(6), Some(120)] {
                        for p in [None, Some("operation"), Some("standard"), Some("full")] {
                            let c = Case {
                                reported: d(r),
                                delivered: delivered.map(d),
                                cause,
                                kind,
                                warranty_months: months,
                                plan: p.map(plan),
                            };
                            let out = classify(&c).unwrap();
                            let n = out.tries.iter().count();
                            assert!((1..=4).contains(&n));
                            if out.rule == RuleId::Unsettled {
                                assert_eq!(out.verdict, Verdict::Negotiate);
                                assert!(out.unsettled.cause || out.unsettled.warranty_months);
                            }
                        }
                    }
                }
            }
        }
    }
}

fn arb_date() -> impl Strategy<Value = NaiveDate> {
    (1i32..=9999, 1u32..=366).prop_map(|(y, doy)| {
        NaiveDate::from_yo_opt(y, doy).unwrap_or_else(|| NaiveDate::from_yo_opt(y, 365).unwrap())
    })
}

proptest! {
    #[test]
    fn warranty_period_is_ordered_and_monotone(event in arb_date(), months in 1u32..=120) {
        if let Some(p) = hoshu::period::months_after(event, months) {
            prop_assert!(p.start == event.succ_opt().unwrap());
            prop_assert!(p.end >= p.start);
            if let Some(longer) = hoshu::period::months_after(event, months + 1) {
                prop_assert!(longer.end > p.end);
            }
            // Never longer than the naive month arithmetic by more than 3 days, never shorter than it minus a day.
            let naive = event.checked_add_months(chrono::Months::new(months)).unwrap();
            prop_assert!((p.end - naive).num_days().abs() <= 3, "{event} {months}: {} vs {naive}", p.end);
        }
    }

    #[test]
    fn every_dated_case_gets_one_verdict_without_panic(
        delivered in proptest::option::of(arb_date()),
        reported in arb_date(),
        months in proptest::option::of(1u32..=120),
        cause in 0usize..3,
        kind in 0usize..3,
        p in proptest::option::of(0usize..3),
    ) {
        let c = Case {
            reported,
            delivered,
            cause: [Cause::External, Cause::Internal, Cause::Unknown][cause],
            kind: KINDS[kind],
            warranty_months: months,
            plan: p.map(|i| plan(["operation", "standard", "full"][i])),
        };
        match classify(&c) {
            Ok(out) => {
                let within = out.warranty.and_then(|w| w.end).map(|end| reported <= end);
                if let (Some(true), Cause::Internal, Kind::Defect) = (within, c.cause, c.kind) {
                    prop_assert_eq!(out.verdict, Verdict::Covered);
                }
            }
            Err(e) => prop_assert!(e.to_string().contains("calendar's end")),
        }
    }
}

fn table(case: Case, color: bool) -> String {
    let style = hoshu::render::Style { color, width: None };
    hoshu::render::classify::table(&classify(&case).unwrap(), false, style)
}

#[test]
fn unsettled_table_names_the_fact_to_settle() {
    let c = Case {
        warranty_months: None,
        ..case("2024-05-20", Cause::Unknown, Kind::Defect)
    };
    insta::assert_snapshot!(table(c, false), @r"
    NEGOTIATE — consult the customer before deciding
    Rule:     unsettled
    Reason:   The verdict depends on facts not known yet; settle whether the cause is external and the warranty's length in months and classify again. If the cause is not external and the warranty is 3 months: billable (after.warranty-expired); if the cause is not external and the warranty is 6 months: covered (after.warranty); if the cause is external and the warranty is 3 months: billable (after.external-cause); if the cause is external and the warranty is 6 months: billable (after.external-cause).
    Case:     defect, cause unknown
    Stage:    after delivery (delivered 2024-01-10, reported 2024-05-20)
    Warranty: length unknown: 3 months ends 2024-04-10 (40 days past), 6 months ends 2024-07-10 (51 days left)
    Plan:     none
    ");
}

#[test]
fn the_verdict_is_coloured_only_when_asked() {
    let c = case("2024-03-01", Cause::Internal, Kind::Defect);
    assert!(table(c, true).starts_with("\x1b[1;32mCOVERED — fixed free of charge\x1b[0m\n"));
    assert!(!table(c, false).contains('\x1b'));
}
