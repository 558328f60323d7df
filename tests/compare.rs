//! `hoshu compare`: each column is `quote --plan P`; the budget picks the
//! cheapest plan that fits, or says by how much the cheapest misses.

use hoshu::compare::{Budget, Fit, compare};
use hoshu::money::Yen;
use hoshu::rates::RateCard;
use hoshu::system::System;

use crate::support::{example_systems, hoshu, today};

#[test]
fn every_column_equals_quote_with_that_plan() {
    let card = RateCard::default_card();
    for (_, system) in example_systems() {
        let c = compare(&system, &card, &[], today(), None).unwrap();
        assert_eq!(c.columns.len(), card.plans.len());
        for column in &c.columns {
            let q = hoshu::quote::quote(&system, &card, &column.plan, today()).unwrap();
            assert_eq!(
                (
                    column.monthly,
                    column.annual,
                    column.one_time,
                    column.first_year
                ),
                (q.monthly, q.annual, q.one_time, q.first_year),
                "{} {}",
                system.name,
                column.plan
            );
            assert_eq!(column.quote_id, q.quote_id);
            assert_eq!(
                q.first_year.subtotal.0,
                q.annual.subtotal.0 + q.one_time.subtotal.0
            );
        }
    }
}

#[test]
fn the_budget_names_the_cheapest_plan_that_fits_or_the_shortfall() {
    let card = RateCard::default_card();
    let system = System::from_toml("name = \"x\"\n", "x.toml").unwrap();
    // operation ¥13,000 + tax = ¥14,300 a month; standard ¥28,000 → ¥30,800.
    let fit = |budget| {
        compare(&system, &card, &[], today(), Some(budget))
            .unwrap()
            .fit
    };
    assert_eq!(
        fit(Budget::Month(Yen(30_800))),
        Some(Fit::Cheapest {
            plan: "operation".into()
        })
    );
    let c = compare(
        &system,
        &card,
        &["standard".into(), "full".into()],
        today(),
        Some(Budget::Month(Yen(30_800))),
    )
    .unwrap();
    assert_eq!(
        c.columns.iter().map(|c| c.fits).collect::<Vec<_>>(),
        [Some(true), Some(false)]
    );
    assert_eq!(
        fit(Budget::Month(Yen(14_299))),
        Some(Fit::NoneFits {
            cheapest: "operation".into(),
            short: Yen(1)
        })
    );
    assert_eq!(
        fit(Budget::Year(Yen(12 * 14_300))),
        Some(Fit::Cheapest {
            plan: "operation".into()
        })
    );
}

#[test]
fn cli_compare_formats_and_a_misspelt_plan() {
    let out = hoshu()
        .args([
            "compare",
            "examples/sakura-shop.toml",
            "--date",
            "2026-11-28",
            "--format",
            "json",
            "--budget",
            "450,000",
        ])
        .output()
        .unwrap();
    assert!(out.status.success());
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["schema"], "hoshu.compare.v1");
    assert_eq!(v["fit"]["plan"], "operation");
    let md = hoshu()
        .args([
            "compare",
            "examples/sakura-shop.toml",
            "--date",
            "2026-11-28",
            "--format",
            "markdown",
        ])
        .output()
        .unwrap();
    let md = String::from_utf8(md.stdout).unwrap();
    assert!(
        md.contains("| Monthly with tax | ¥290,070 | ¥422,070 | ¥449,570 |"),
        "{md}"
    );
    assert!(
        md.contains("| spec changes (quoted separately) | – | – | – |"),
        "{md}"
    );
    hoshu()
        .args(["compare", "examples/sakura-shop.toml", "--plans", "standrd"])
        .assert()
        .code(2)
        .stderr(predicates::str::contains("did you mean `standard`?"));
}
