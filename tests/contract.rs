//! The rule that ties the two engines together: a plan charges only for the
//! work it covers and covers all it charges for. What a quote under a plan
//! prices, classify under that plan calls covered.

use hoshu::coverage::{Case, Cause, Coverage, Kind, PlanTerms, Verdict, classify};
use hoshu::quote::quote;
use hoshu::rates::{Plan, RateCard, Work};
use hoshu::system::System;
use proptest::prelude::*;

use crate::support::{d, example_systems, today};

/// The kind of case that asks a plan for `work`, if any.
fn case_asking(work: Work) -> Option<(Kind, Cause)> {
    match work {
        Work::OwnDefects => Some((Kind::Defect, Cause::Internal)),
        Work::ExternalCauses => Some((Kind::Defect, Cause::External)),
        Work::MinorImprovements => Some((Kind::Minor, Cause::Internal)),
        // The operations a plan prices: payment irregulars, routine
        // operations requests.
        Work::Monitoring => Some((Kind::Operation, Cause::Internal)),
        Work::Restore => Some((Kind::Incident, Cause::Internal)),
        Work::Backups => None,
    }
}

/// The verdict for a case asking `work` of `plan`, in force, after the
/// warranty (so the plan alone decides).
fn verdict_under(plan: &Plan, kind: Kind, cause: Cause) -> Verdict {
    let case = Case {
        reported: d("2026-11-28"),
        delivered: Some(d("2024-01-10")),
        cause,
        kind,
        warranty_months: Some(3),
        plan: Some(PlanTerms {
            name: &plan.name,
            covers: Coverage::of(plan),
            start: None,
            end: None,
        }),
        terms: Default::default(),
    };
    classify(&case).unwrap().verdict
}

/// Every quote line of `system` under every plan of `card` pays for work
/// the plan covers, and a case asking that work is covered.
fn holds(system: &System, card: &RateCard) -> Result<(), TestCaseError> {
    for plan in &card.plans {
        let q = quote(system, card, &plan.name, today()).unwrap();
        for line in &q.lines {
            if let Some(work) = line.work {
                prop_assert!(plan.covers(work), "{} charges for {work:?}", plan.name);
                if let Some((kind, cause)) = case_asking(work) {
                    prop_assert_eq!(verdict_under(plan, kind, cause), Verdict::Covered);
                }
            }
        }
        for work in &q.uncovered {
            prop_assert!(!plan.covers(*work));
            if let Some((kind, cause)) = case_asking(*work) {
                prop_assert_eq!(verdict_under(plan, kind, cause), Verdict::Billable);
            }
        }
        for work in Work::ALL {
            if let Some((kind, cause)) = case_asking(work) {
                let want = if plan.covers(work) {
                    Verdict::Covered
                } else {
                    Verdict::Billable
                };
                prop_assert_eq!(
                    verdict_under(plan, kind, cause),
                    want,
                    "{} {:?}",
                    plan.name,
                    work
                );
            }
        }
    }
    Ok(())
}

#[test]
fn coverage_equals_price_for_every_plan_of_the_default_card() {
    let card = RateCard::default_card();
    for (_, system) in example_systems() {
        holds(&system, &card).unwrap();
    }
}

#[test]
fn operation_does_not_charge_for_upkeep_it_then_bills() {
    let card = RateCard::default_card();
    let system = System::from_file(std::path::Path::new(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/examples/ec-with-apps.toml"
    )))
    .unwrap();
    let q = quote(&system, &card, "operation", today()).unwrap();
    assert!(q.lines.iter().all(|l| l.work != Some(Work::ExternalCauses)));
    assert_eq!(q.uncovered, [Work::ExternalCauses]);
    let standard = quote(&system, &card, "standard", today()).unwrap();
    assert!(
        standard
            .lines
            .iter()
            .any(|l| l.work == Some(Work::ExternalCauses))
    );
}

proptest! {
    #[test]
    fn coverage_equals_price_on_generated_cards(
        covers in proptest::collection::vec(proptest::collection::vec(any::<bool>(), 5), 1..4),
        system in 0usize..5,
    ) {
        let mut card = RateCard::default_card();
        let others = [Work::Backups, Work::Restore, Work::ExternalCauses, Work::OwnDefects, Work::MinorImprovements];
        card.plans = covers
            .iter()
            .enumerate()
            .map(|(i, bits)| Plan {
                name: format!("p{i}"),
                title: None,
                title_en: None,
                monthly: card.plans[0].monthly,
                covers: std::iter::once(Work::Monitoring)
                    .chain(others.iter().zip(bits).filter(|(_, on)| **on).map(|(w, _)| *w))
                    .collect(),
                response_hours: None,
            })
            .collect();
        let systems: Vec<System> = example_systems().into_iter().map(|(_, s)| s).collect();
        holds(&systems[system % systems.len()], &card)?;
    }
}
