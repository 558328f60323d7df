//! Who pays for a defect: each rule of the decision table by name, the
//! unknown-fact tries (DOMAIN.md cases 7 and 8), and the table's totality.

use chrono::NaiveDate;
use hoshu::coverage::{
    Answer, Case, Cause, Classification, Coverage, Facts, Kind, KnownCause, PlanTerms, RULES,
    RuleId, Stage, Terms, Verdict, WarrantyFrom, classify, decide,
};
use hoshu::rates::RateCard;
use predicates::prelude::PredicateBooleanExt;
use proptest::prelude::*;

use crate::support::{d, hoshu};

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
        terms: Terms::default(),
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
        err,
        hoshu::coverage::CaseError::PlanEndBeforeStart {
            start: d("2024-02-01"),
            end: d("2024-01-01")
        }
    );
    // Said as the fact it is about, the flag first.
    assert_eq!(
        err.to_string(),
        "--plan-end: 2024-01-01 is before the plan's start 2024-02-01; the end must be on or after the start"
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
const KINDS: [Kind; Kind::ALL.len()] = Kind::ALL;
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
                            for impairs in [false, true] {
                                let facts = Facts {
                                    stage,
                                    kind,
                                    cause,
                                    within_warranty,
                                    plan_in_force,
                                    plan_covers,
                                    impairs,
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
                                terms: Terms::default(),
                            };
                            let out = classify(&c).unwrap();
                            // The batch's fast path decides the same.
                            let fast = hoshu::coverage::decide_case(&c).unwrap();
                            assert_eq!(
                                (fast.verdict, fast.rule, fast.warranty_end),
                                (out.verdict, out.rule, out.warranty.and_then(|w| w.end))
                            );
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
        kind in 0usize..4,
        p in proptest::option::of(0usize..3),
    ) {
        let c = Case {
            reported,
            delivered,
            cause: [Cause::External, Cause::Internal, Cause::Unknown][cause],
            kind: KINDS[kind],
            warranty_months: months,
            plan: p.map(|i| plan(["operation", "standard", "full"][i])),
            terms: Terms::default(),
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
    hoshu::render::classify::table(
        &classify(&case).unwrap(),
        false,
        None,
        style,
        hoshu::lang::Lang::En,
    )
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

// Issue 10: the contract's terms and the new kinds.

fn with_terms(c: Case<'static>, terms: Terms<'static>) -> Case<'static> {
    Case { terms, ..c }
}

#[test]
fn rule_before_incident_is_covered_at_development_cost() {
    let c = Case {
        delivered: None,
        ..case("2023-12-20", Cause::Unknown, Kind::Incident)
    };
    assert_eq!(verdict_rule(c), (Verdict::Covered, RuleId::BeforeIncident));
}

#[test]
fn rule_incident_is_restore_work_under_each_plan() {
    // Every default plan covers restore; without a plan it is paid work.
    for p in ["operation", "standard", "full"] {
        let c = Case {
            plan: Some(plan(p)),
            ..case("2024-06-01", Cause::Unknown, Kind::Incident)
        };
        assert_eq!(
            verdict_rule(c),
            (Verdict::Covered, RuleId::AfterPlanCovers),
            "{p}"
        );
    }
    let c = case("2024-06-01", Cause::Unknown, Kind::Incident);
    assert_eq!(verdict_rule(c), (Verdict::Billable, RuleId::AfterIncident));
}

#[test]
fn rule_after_warranty_not_impairing_is_billable_without_a_plan() {
    let cosmetic = Terms {
        impairs: Answer::No,
        ..Terms::default()
    };
    let c = with_terms(case("2024-03-01", Cause::Internal, Kind::Defect), cosmetic);
    assert_eq!(
        verdict_rule(c),
        (Verdict::Billable, RuleId::AfterWarrantyNotImpairing)
    );
    // A plan that covers own defects covers it anyway.
    let c = Case {
        plan: Some(plan("standard")),
        ..c
    };
    assert_eq!(verdict_rule(c), (Verdict::Covered, RuleId::AfterPlanCovers));
    // Not known: both tried, and they differ.
    let unknown = Terms {
        impairs: Answer::Unknown,
        ..Terms::default()
    };
    let out = classify(&with_terms(
        case("2024-03-01", Cause::Internal, Kind::Defect),
        unknown,
    ))
    .unwrap();
    assert_eq!(
        (out.verdict, out.rule),
        (Verdict::Negotiate, RuleId::Unsettled)
    );
    assert!(out.unsettled.impairs && !out.unsettled.cause);
}

#[test]
fn rule_warranty_from_acceptance_counts_from_the_acceptance_day() {
    // Delivered 2024-01-10, accepted 2024-02-15, 3 months: from the
    // acceptance the period starts 2024-02-16 and ends 2024-05-15.
    let from_acceptance = Terms {
        accepted: Some(d("2024-02-15")),
        warranty_from: WarrantyFrom::Acceptance,
        ..Terms::default()
    };
    let c = with_terms(
        case("2024-05-15", Cause::Internal, Kind::Defect),
        from_acceptance,
    );
    let out = classify(&c).unwrap();
    assert_eq!(
        (out.verdict, out.rule),
        (Verdict::Covered, RuleId::AfterWarranty)
    );
    let w = out.warranty.unwrap();
    assert_eq!((w.start, w.end), (d("2024-02-16"), Some(d("2024-05-15"))));
    assert_eq!(
        verdict_rule(with_terms(
            case("2024-05-16", Cause::Internal, Kind::Defect),
            from_acceptance
        )),
        (Verdict::Billable, RuleId::AfterWarrantyExpired)
    );
    // From the delivery, the same report is long past (2024-04-10).
    assert_eq!(
        verdict_rule(case("2024-05-15", Cause::Internal, Kind::Defect)),
        (Verdict::Billable, RuleId::AfterWarrantyExpired)
    );
    // Counting from an acceptance that is not given, or before delivery.
    let no_date = Terms {
        warranty_from: WarrantyFrom::Acceptance,
        ..Terms::default()
    };
    assert!(
        classify(&with_terms(
            case("2024-03-01", Cause::Internal, Kind::Defect),
            no_date
        ))
        .is_err()
    );
    let early = Terms {
        accepted: Some(d("2024-01-09")),
        ..from_acceptance
    };
    assert!(
        classify(&with_terms(
            case("2024-03-01", Cause::Internal, Kind::Defect),
            early
        ))
        .is_err()
    );
}

#[test]
fn rule_statutory_term_one_year_from_learning_ten_from_delivery() {
    let statutory = |learned: &str| Terms {
        statutory: true,
        learned: Some(d(learned)),
        ..Terms::default()
    };
    let at = |delivered: &str, reported: &str, learned: &str| {
        let c = Case {
            delivered: Some(d(delivered)),
            warranty_months: None,
            ..with_terms(
                case(reported, Cause::Internal, Kind::Defect),
                statutory(learned),
            )
        };
        classify(&c).unwrap()
    };
    // Learned 2025-03-01: notice by 2026-03-01 (Art. 637, counted as Art. 143).
    let ok = at("2020-01-10", "2026-03-01", "2025-03-01");
    assert_eq!(
        (ok.verdict, ok.rule),
        (Verdict::Covered, RuleId::AfterWarranty)
    );
    let s = ok.warranty.unwrap().statutory.unwrap();
    assert_eq!(
        (s.notice_end, s.learning_end, s.delivery_end),
        (d("2026-03-01"), d("2030-03-01"), d("2030-01-10"))
    );
    assert_eq!(
        at("2020-01-10", "2026-03-02", "2025-03-01").verdict,
        Verdict::Billable
    );
    // Ten years from delivery end the claim though notice came in time:
    // delivered 2015-06-30, the ten years end 2025-06-30.
    assert_eq!(
        at("2015-06-30", "2025-06-30", "2025-06-01").verdict,
        Verdict::Covered
    );
    assert_eq!(
        at("2015-06-30", "2025-07-01", "2025-06-01").verdict,
        Verdict::Billable
    );
    // "Unknown" is still a different thing: 3 and 6 months tried.
    let unknown = classify(&Case {
        warranty_months: None,
        ..case("2024-05-01", Cause::Internal, Kind::Defect)
    })
    .unwrap();
    assert_eq!(unknown.rule, RuleId::Unsettled);
    // Learning of it after reporting it cannot be.
    let c = Case {
        warranty_months: None,
        ..with_terms(
            case("2024-03-01", Cause::Internal, Kind::Defect),
            statutory("2024-03-02"),
        )
    };
    assert!(classify(&c).is_err());
}

#[test]
fn rule_builder_knew_no_time_limit_protects_the_builder() {
    let knew = |a| Terms {
        builder_knew: a,
        ..Terms::default()
    };
    // Six years after a 3-month warranty ended.
    let c = with_terms(
        case("2030-01-10", Cause::Internal, Kind::Defect),
        knew(Answer::Yes),
    );
    assert_eq!(verdict_rule(c), (Verdict::Covered, RuleId::AfterWarranty));
    let c = with_terms(
        case("2030-01-10", Cause::Internal, Kind::Defect),
        knew(Answer::No),
    );
    assert_eq!(
        verdict_rule(c),
        (Verdict::Billable, RuleId::AfterWarrantyExpired)
    );
    let out = classify(&with_terms(
        case("2030-01-10", Cause::Internal, Kind::Defect),
        knew(Answer::Unknown),
    ))
    .unwrap();
    assert_eq!(out.verdict, Verdict::Negotiate);
    assert!(out.unsettled.builder_knew);
}

#[test]
fn rule_art_142_rolls_a_warranty_over_a_sunday_golden_week_and_the_new_year() {
    let rollover = Terms {
        rollover: Some(hoshu::holidays::RestDays::default()),
        ..Terms::default()
    };
    // (delivered, 3-month warranty's plain last day, the day after it, rolled last day)
    for (delivered, plain_end, day_after, rolled) in [
        // Ends Sunday 2026-03-15.
        ("2025-12-15", "2026-03-15", "2026-03-16", "2026-03-16"),
        // Ends Sunday 2026-05-03; May 4-5 holidays, May 6 substitute.
        ("2026-02-03", "2026-05-03", "2026-05-04", "2026-05-07"),
        // Ends 2025-12-31; Jan 1-3 by custom, Jan 4 a Sunday.
        ("2025-09-30", "2025-12-31", "2026-01-01", "2026-01-05"),
        // Ends on Coming-of-Age Day, Monday 2026-01-12.
        ("2025-10-12", "2026-01-12", "2026-01-13", "2026-01-13"),
    ] {
        let c = Case {
            delivered: Some(d(delivered)),
            ..case(day_after, Cause::Internal, Kind::Defect)
        };
        let plain = classify(&c).unwrap();
        assert_eq!(plain.warranty.unwrap().end, Some(d(plain_end)));
        assert_eq!(
            plain.verdict,
            Verdict::Billable,
            "plain months: {delivered}"
        );
        let rolled_out = classify(&with_terms(c, rollover)).unwrap();
        assert_eq!(rolled_out.warranty.unwrap().end, Some(d(rolled)));
        assert_eq!(
            rolled_out.verdict,
            Verdict::Covered,
            "rolled over: {delivered}"
        );
    }
}

#[test]
fn rule_art_142_rolls_a_plans_end_too() {
    let rollover = Terms {
        rollover: Some(hoshu::holidays::RestDays::default()),
        ..Terms::default()
    };
    // A plan ending Sunday 2026-03-15; reported Monday.
    let c = Case {
        plan: Some(PlanTerms {
            end: Some(d("2026-03-15")),
            ..plan("standard")
        }),
        ..case("2026-03-16", Cause::External, Kind::Defect)
    };
    assert_eq!(
        verdict_rule(c),
        (Verdict::Billable, RuleId::AfterExternalCause)
    );
    assert_eq!(
        verdict_rule(with_terms(c, rollover)),
        (Verdict::Covered, RuleId::AfterPlanCovers)
    );
}

#[test]
fn hours_estimate_a_billable_case_with_tax_and_not_a_covered_one() {
    let out = crate::support::hoshu()
        .args([
            "classify",
            "--delivered",
            "2024-01-10",
            "--reported",
            "2026-11-28",
            "--external-cause",
            "yes",
            "--hours",
            "3",
            "--format",
            "json",
        ])
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let v: serde_json::Value = serde_json::from_slice(&out).unwrap();
    assert_eq!(v["verdict"], "billable");
    assert_eq!(
        (
            &v["estimate"]["hours"],
            &v["estimate"]["hourly"],
            &v["estimate"]["subtotal"],
            &v["estimate"]["tax"],
            &v["estimate"]["total"]
        ),
        (
            &serde_json::json!(3),
            &serde_json::json!(10000),
            &serde_json::json!(30000),
            &serde_json::json!(3000),
            &serde_json::json!(33000)
        )
    );
    crate::support::hoshu()
        .args([
            "classify",
            "--delivered",
            "2024-01-10",
            "--reported",
            "2024-02-01",
            "--external-cause",
            "no",
            "--hours",
            "3",
        ])
        .assert()
        .success()
        .stdout(predicates::str::contains("Estimate").not());
}

#[test]
fn batch_reads_the_new_facts_from_their_columns() {
    crate::support::hoshu()
        .args(["classify", "--batch", "-"])
        .write_stdin(
            "id,delivered,reported,external_cause,kind,warranty_months,learned,impairs_operation,accepted,warranty_from\n\
             1,2024-01-10,2024-06-01,unknown,incident,,,,,\n\
             2,2020-01-10,2026-02-27,no,defect,statutory,2025-03-01,,,\n\
             3,2024-01-10,2024-03-01,no,defect,3,,no,,\n\
             4,2024-01-10,2024-05-15,no,defect,3,,,2024-02-15,acceptance\n\
             5,2024-01-10,2024-03-01,no,障害,法定,,いいえ,,検収\n",
        )
        .assert()
        .code(2)
        .stdout(
            predicates::str::contains(",billable,after.incident,")
                .and(predicates::str::contains(",covered,after.warranty,2026-03-01,"))
                .and(predicates::str::contains(",billable,after.warranty-not-impairing,2024-04-10,"))
                .and(predicates::str::contains(",covered,after.warranty,2024-05-15,"))
                .and(predicates::str::contains("column accepted: is needed")),
        );
}

proptest! {
    #[test]
    fn the_batch_fast_path_decides_as_classify_does(
        delivered in proptest::option::of(0u32..3000),
        reported in 0u32..4000,
        months in proptest::option::of(1u32..=12),
        cause in 0usize..3,
        kind in 0usize..4,
        p in proptest::option::of(0usize..3),
        impairs in 0usize..3,
        knew in 0usize..3,
        statutory in any::<bool>(),
        rollover in any::<bool>(),
    ) {
        let day = |n: u32| d("2020-01-01") + chrono::Days::new(n.into());
        let answer = [Answer::Yes, Answer::No, Answer::Unknown];
        let c = Case {
            reported: day(reported),
            delivered: delivered.map(day),
            cause: [Cause::External, Cause::Internal, Cause::Unknown][cause],
            kind: KINDS[kind],
            warranty_months: months,
            plan: p.map(|i| plan(["operation", "standard", "full"][i])),
            terms: Terms {
                impairs: answer[impairs],
                builder_knew: answer[knew],
                statutory,
                rollover: rollover.then(hoshu::holidays::RestDays::default),
                ..Terms::default()
            },
        };
        match (classify(&c), hoshu::coverage::decide_case(&c)) {
            (Ok(out), Ok(fast)) => prop_assert_eq!(
                (fast.verdict, fast.rule, fast.warranty_end),
                (out.verdict, out.rule, out.warranty.and_then(|w| w.end))
            ),
            (Err(a), Err(b)) => prop_assert_eq!(a, b),
            (a, b) => prop_assert!(false, "{a:?} / {b:?}"),
        }
    }
}

/// The `n`-th anniversary of `day` (the days chosen are no Feb 29): the
/// last day of a period of `n` years after `day` (Civil Code Arts. 140,
/// 143), computed independently of the engine.
fn years_after(day: NaiveDate, n: i32) -> NaiveDate {
    use chrono::Datelike;
    day.with_year(day.year() + n).unwrap()
}

/// Civil Code Art. 166(1) bounds every claim: 5 years after the customer
/// learned of the defect, 10 years after the delivery. Art. 637(2) lifts
/// only the notice rule for a builder who knew, and a contract's term does
/// not protect such a builder (Arts. 559, 572). Each limit's last day and
/// the day after, for every term, builder_knew and warranty start.
#[test]
fn statutory_limits_bound_every_case_at_each_limits_last_day() {
    let delivered = d("2014-03-10");
    let accepted = d("2014-04-15");
    for statutory in [false, true] {
        for from in [WarrantyFrom::Delivery, WarrantyFrom::Acceptance] {
            // The contract's 6 months, counted from its start event.
            let contract_end = match from {
                WarrantyFrom::Delivery => d("2014-09-10"),
                WarrantyFrom::Acceptance => d("2014-10-15"),
            };
            // (what, learned, reported): each limit's last day, the day after.
            let mut moments = Vec::new();
            for (what, learned, last) in [
                ("10 years after delivery", d("2024-03-10"), d("2024-03-10")),
                ("5 years after learning", d("2015-01-20"), d("2020-01-20")),
                (
                    "the term",
                    if statutory {
                        d("2016-05-10")
                    } else {
                        contract_end
                    },
                    if statutory {
                        d("2017-05-10")
                    } else {
                        contract_end
                    },
                ),
            ] {
                moments.push((what, learned, last));
                moments.push((what, learned, last.succ_opt().unwrap()));
            }
            for (what, learned, reported) in moments {
                let term_end = if statutory {
                    years_after(learned, 1)
                } else {
                    contract_end
                };
                let claim_end = years_after(learned, 5).min(years_after(delivered, 10));
                let within = |knew: bool| reported <= claim_end && (knew || reported <= term_end);
                let verdict = |within: bool| {
                    if within {
                        Verdict::Covered
                    } else {
                        Verdict::Billable
                    }
                };
                for knew in [Answer::Yes, Answer::No, Answer::Unknown] {
                    let expected = match knew {
                        Answer::Yes => verdict(within(true)),
                        Answer::No => verdict(within(false)),
                        Answer::Unknown if within(true) == within(false) => verdict(within(true)),
                        Answer::Unknown => Verdict::Negotiate,
                    };
                    let case = Case {
                        reported,
                        delivered: Some(delivered),
                        cause: Cause::Internal,
                        kind: Kind::Defect,
                        warranty_months: (!statutory).then_some(6),
                        plan: None,
                        terms: Terms {
                            accepted: Some(accepted),
                            warranty_from: from,
                            statutory,
                            learned: Some(learned),
                            builder_knew: knew,
                            ..Terms::default()
                        },
                    };
                    let c = classify(&case).unwrap();
                    assert_eq!(
                        c.verdict, expected,
                        "{what}: statutory {statutory}, from {from:?}, knew {knew:?}, learned {learned}, reported {reported}"
                    );
                    assert_eq!(
                        c.warranty.unwrap().claim_end,
                        Some(claim_end),
                        "{what}: the claim's end"
                    );
                    // A batch row decides the same, by its fast path.
                    assert_eq!(
                        hoshu::coverage::decide_case(&case).unwrap().verdict,
                        expected,
                        "{what}: batch, statutory {statutory}, knew {knew:?}"
                    );
                }
            }
        }
    }
}

/// The issue's case: a builder who knew, 25 years after delivery.
#[test]
fn a_builder_who_knew_is_not_covered_forever() {
    hoshu()
        .args([
            "classify",
            "--delivered",
            "2000-01-10",
            "--reported",
            "2025-06-01",
            "--warranty-months",
            "statutory",
            "--builder-knew",
            "yes",
        ])
        .env("COLUMNS", "1000")
        .assert()
        .success()
        .stdout(
            predicates::str::contains("BILLABLE").and(predicates::str::contains(
                "the claim ended 2010-01-10 by Civil Code Art. 166(1)",
            )),
        );
}

/// Art. 142's roll-over in a year whose equinoxes are not announced yet is
/// a forecast, and every format says so; outside the calendar hoshu knows
/// (before the 祝日法, after 2099) it is an error, never a quiet answer.
#[test]
fn holidays_after_the_announced_year_are_provisional_and_before_1948_an_error() {
    let args = |delivered: &str, reported: &str, format: &str, lang: &str| {
        hoshu()
            .args([
                "classify",
                "--delivered",
                delivered,
                "--reported",
                reported,
                "--external-cause",
                "no",
                "--warranty-months",
                "3",
                "--holiday-rollover",
                "--format",
                format,
                "--lang",
                lang,
            ])
            .env("COLUMNS", "1000")
            .assert()
    };
    let out =
        |a: assert_cmd::assert::Assert| String::from_utf8(a.get_output().stdout.clone()).unwrap();
    let json = out(args("2028-01-10", "2028-03-01", "json", "en").success());
    assert!(json.contains("\"holidays_forecast\": true"), "{json}");
    let json = out(args("2026-01-10", "2026-03-01", "json", "en").success());
    assert!(json.contains("\"holidays_forecast\": false"), "{json}");
    let table = out(args("2028-01-10", "2028-03-01", "table", "en").success());
    assert!(
        table.contains("provisional: holidays after 2027 are a forecast"),
        "{table}"
    );
    let markdown = out(args("2028-01-10", "2028-03-01", "markdown", "ja").success());
    assert!(
        markdown.contains("暫定：2027年より後の祝日は予測です"),
        "{markdown}"
    );
    let table = out(args("2026-01-10", "2026-03-01", "table", "en").success());
    assert!(!table.contains("provisional"), "{table}");

    args("1948-01-10", "1948-03-01", "table", "en")
        .code(2)
        .stderr(predicates::str::contains(
            "--delivered: with the holiday roll-over (Civil Code Art. 142), 1948-04-10 is outside the holiday calendar hoshu knows",
        ));
    args("2099-11-10", "2099-11-20", "table", "en")
        .code(2)
        .stderr(predicates::str::contains("outside the holiday calendar"));
}

/// A statutory term's nearest limit moved by Art. 142 says the day it was
/// moved from.
#[test]
fn a_rolled_statutory_limit_says_where_it_rolled_from() {
    let case = Case {
        reported: d("2021-03-01"),
        delivered: Some(d("2020-01-10")),
        cause: Cause::Internal,
        kind: Kind::Defect,
        warranty_months: None,
        plan: None,
        terms: Terms {
            statutory: true,
            learned: Some(d("2020-03-20")),
            rollover: Some(hoshu::holidays::RestDays::default()),
            ..Terms::default()
        },
    };
    let w = classify(&case).unwrap().warranty.unwrap();
    // 2021-03-20: the equinox, a Saturday; Sunday the 21st; so Monday.
    assert_eq!(w.end, Some(d("2021-03-22")));
    assert_eq!(w.rolled_from, Some(d("2021-03-20")));
}

/// An operations request the plan prices (DOMAIN.md case 11): "suspend this
/// user" under the operation plan is covered, not billed a second time;
/// without a plan it is paid work; 運用作業 and the payment irregulars'
/// words (決済イレギュラー, イレギュラー対応, irregular) read as the same kind
/// in a batch.
#[test]
fn an_operations_request_is_covered_by_the_plan_that_prices_it() {
    let run = |plan: Option<&str>| {
        let mut cmd = hoshu();
        cmd.args([
            "classify",
            "--delivered",
            "2024-01-10",
            "--reported",
            "2026-11-28",
            "--kind",
            "operation",
            "--format",
            "json",
        ]);
        if let Some(plan) = plan {
            cmd.args(["--plan", plan]);
        }
        let out = cmd.assert().success().get_output().stdout.clone();
        let v: serde_json::Value = serde_json::from_slice(&out).unwrap();
        (v["verdict"].clone(), v["rule"].clone())
    };
    for plan in ["operation", "standard", "full"] {
        assert_eq!(
            run(Some(plan)),
            (
                serde_json::json!("covered"),
                serde_json::json!("after.plan-covers")
            ),
            "{plan}"
        );
    }
    assert_eq!(
        run(None),
        (
            serde_json::json!("billable"),
            serde_json::json!("after.operation")
        )
    );
    let out = hoshu()
        .args(["classify", "--batch", "-", "--plan", "operation"])
        .write_stdin(
            "id,delivered,reported,種別\n\
             1,2024-01-10,2026-11-28,運用作業\n\
             2,2024-01-10,2026-11-28,決済イレギュラー\n\
             3,2024-01-10,2026-11-28,イレギュラー対応\n\
             4,2024-01-10,2026-11-28,irregular\n",
        )
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let out = String::from_utf8(out).unwrap();
    assert_eq!(out.matches("covered,after.plan-covers").count(), 4, "{out}");
}

/// The firm's own days off (Art. 142 with custom): from the system file's
/// `[calendar] closed` and from `--closed-days FILE`, both; without the
/// roll-over they are an error in the file as on the command line.
#[test]
fn a_firms_own_days_off_move_a_warranty_end() {
    let dir = tempfile::tempdir().unwrap();
    let system = dir.path().join("s.toml");
    let closed = dir.path().join("closed.toml");
    // Delivered 2026-05-13 with 3 months: last day Thu 2026-08-13.
    let write_system = |calendar: &str, rollover: bool| {
        std::fs::write(
            &system,
            format!(
                "name = \"s\"\n[delivery]\ndate = 2026-05-13\nwarranty_months = 3\nholiday_rollover = {rollover}\n{calendar}"
            ),
        )
        .unwrap();
    };
    std::fs::write(&closed, "[calendar]\nclosed = [\"2026-08-14\"]\n").unwrap();
    let end = |extra: &[&str]| {
        let out = hoshu()
            .args([
                "classify",
                "--reported",
                "2026-08-01",
                "--external-cause",
                "no",
            ])
            .args(["--format", "json", "--system"])
            .arg(&system)
            .args(extra)
            .assert()
            .success()
            .get_output()
            .stdout
            .clone();
        let v: serde_json::Value = serde_json::from_slice(&out).unwrap();
        v["warranty"]["end"].as_str().unwrap().to_owned()
    };
    write_system("", true);
    assert_eq!(end(&[]), "2026-08-13");
    // Every year's Aug 13: the end moves to Fri 14.
    write_system("[calendar]\nclosed = [\"08-13\"]\n", true);
    assert_eq!(end(&[]), "2026-08-14");
    // And the firm-wide list closes the 14th too: Sat 15.
    let closed_flag = [
        "--holiday-rollover",
        "--closed-days",
        closed.to_str().unwrap(),
    ];
    assert_eq!(end(&closed_flag), "2026-08-15");
    // With Saturdays off as well: Mon 17.
    let mut saturdays = closed_flag.to_vec();
    saturdays.extend(["--rest-days", "saturday"]);
    assert_eq!(end(&saturdays), "2026-08-17");
    let refused = |says: &str| {
        hoshu()
            .args(["check"])
            .arg(&system)
            .assert()
            .code(2)
            .stderr(predicates::str::contains(says));
    };
    // Days off without the roll-over: an error at the key, in the file.
    write_system("[calendar]\nclosed = [\"08-13\"]\n", false);
    refused("`calendar.closed` counts days off");
    write_system("saturday_off = true\n", false);
    refused("`delivery.saturday_off` counts days off");
    // A day that is none, said with what is allowed.
    write_system("[calendar]\nclosed = [\"08-13\", \"13-40\"]\n", true);
    refused("string \"13-40\", expected a day off: \"YYYY-MM-DD\" once, or \"MM-DD\" every year");
    // On the command line, --closed-days needs the roll-over too.
    hoshu()
        .args(["classify", "--closed-days", closed.to_str().unwrap()])
        .assert()
        .code(2);
}

/// A defect of what was delivered is learned of after the delivery: a
/// `learned` before it is refused (it would put the notice deadline before
/// the delivery), one case or a batch row; before the delivery, no date
/// after the report is refused either way.
#[test]
fn learned_before_the_delivery_is_refused() {
    hoshu()
        .args([
            "classify",
            "--delivered",
            "2024-01-10",
            "--reported",
            "2024-06-01",
            "--learned",
            "2023-12-01",
            "--warranty-months",
            "statutory",
        ])
        .assert()
        .code(2)
        .stderr(predicates::str::contains(
            "--learned: 2023-12-01 is before the delivery 2024-01-10",
        ));
    let out = hoshu()
        .args(["classify", "--batch", "-", "--warranty-months", "statutory"])
        .write_stdin(
            "id,delivered,reported,learned\n\
             1,2024-01-10,2024-06-01,2023-12-01\n\
             2,2024-01-10,2024-06-01,2024-01-10\n\
             3,2024-01-10,2023-12-05,2023-12-01\n",
        )
        .assert()
        .code(2)
        .get_output()
        .stdout
        .clone();
    let out = String::from_utf8(out).unwrap();
    let rows: Vec<&str> = out.lines().collect();
    assert!(
        rows[1].contains("is before the delivery 2024-01-10"),
        "{out}"
    );
    // Unknown cause: negotiate, not an error, either side of the delivery.
    assert!(
        rows[2].ends_with(",negotiate,unsettled,2025-01-10,"),
        "{out}"
    );
    assert!(rows[3].ends_with(",negotiate,unsettled,,"), "{out}");
}

/// A fact that cannot be used is named where it came from: the system
/// file's key when the file gave it, the flag when a flag did.
#[test]
fn a_bad_fact_is_named_where_it_came_from() {
    let dir = tempfile::tempdir().unwrap();
    let system = dir.path().join("acc.toml");
    std::fs::write(
        &system,
        "name = \"X\"\n[traffic]\ndaily_visits = 150\n[[sites]]\nname = \"www\"\npages = 1\n\
         [delivery]\ndate = 2024-01-10\nwarranty_months = 3\nwarranty_from = \"acceptance\"\n\
         accepted = 2024-01-05\n",
    )
    .unwrap();
    hoshu()
        .args(["classify", "--reported", "2024-02-01", "--system"])
        .arg(&system)
        .assert()
        .code(2)
        .stderr(predicates::str::contains(format!(
            "{}: `delivery.accepted`: 2024-01-05 is before the delivery 2024-01-10",
            system.display()
        )));
    hoshu()
        .args([
            "classify",
            "--reported",
            "2024-02-01",
            "--accepted",
            "2024-01-03",
            "--system",
        ])
        .arg(&system)
        .assert()
        .code(2)
        .stderr(predicates::str::contains(
            "--accepted: 2024-01-03 is before the delivery 2024-01-10",
        ));
}

/// A period that would end past the calendar's end is named at the fact it
/// was counted from, and said as the period it is: the contract's warranty
/// or a statutory limit (never "a warranty of 12 months" for a notice
/// period the law sets).
#[test]
fn a_period_past_the_calendars_end_names_its_fact_and_its_kind() {
    let cases: [(&[&str], &str, &str); 6] = [
        (
            &["--delivered", "9999-06-01", "--warranty-months", "12"],
            "--delivered: a warranty of 12 months after 9999-06-01",
            "--delivered: 9999年6月1日から12か月の保証",
        ),
        (
            &[
                "--delivered",
                "9999-01-01",
                "--accepted",
                "9999-06-01",
                "--warranty-from",
                "acceptance",
                "--warranty-months",
                "12",
            ],
            "--accepted: a warranty of 12 months after 9999-06-01",
            "--accepted: 9999年6月1日から12か月の保証",
        ),
        (
            &[
                "--delivered",
                "9999-06-01",
                "--learned",
                "9999-06-30",
                "--warranty-months",
                "statutory",
            ],
            "--learned: the statutory notice period (one year after the customer learned of the defect on 9999-06-30, Civil Code Art. 637)",
            "--learned: 法定の通知期間（不具合を知った9999年6月30日から1年、民法637条）",
        ),
        (
            &[
                "--delivered",
                "9999-06-01",
                "--warranty-months",
                "statutory",
            ],
            "--reported: the statutory notice period (one year after the customer learned of the defect on 9999-07-01",
            "--reported: 法定の通知期間（不具合を知った9999年7月1日から1年",
        ),
        (
            &[
                "--delivered",
                "9994-06-01",
                "--learned",
                "9996-01-01",
                "--warranty-months",
                "statutory",
            ],
            "--learned: the statutory limit of five years after the customer learned of the defect on 9996-01-01 (Civil Code Art. 166(1)(i))",
            "--learned: 法定の期限（不具合を知った9996年1月1日から5年、民法166条1項1号）",
        ),
        (
            &[
                "--delivered",
                "9990-01-01",
                "--learned",
                "9990-01-02",
                "--warranty-months",
                "statutory",
            ],
            "--delivered: the statutory limit of ten years after the delivery on 9990-01-01 (Civil Code Art. 166(1)(ii))",
            "--delivered: 法定の期限（9990年1月1日の引渡しから10年、民法166条1項2号）",
        ),
    ];
    for (facts, en, ja) in cases {
        for (lang, said) in [("en", en), ("ja", ja)] {
            hoshu()
                .args(["--lang", lang, "classify", "--reported", "9999-07-01"])
                .args(["--external-cause", "no"])
                .args(facts)
                .assert()
                .code(2)
                .stderr(predicates::str::contains(said))
                .stderr(predicates::str::contains("9999-12-31"));
        }
    }
}
