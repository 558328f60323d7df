//! `hoshu diff`: lines matched by key, totals that are quote(NEW) −
//! quote(OLD), CI gates that trip exactly above their thresholds.

use hoshu::diff::{ChangeKind, Gate, Side, diff};
use hoshu::money::Yen;
use hoshu::rates::RateCard;
use hoshu::system::System;
use proptest::prelude::*;

use crate::support::{example_systems, hoshu, today};

fn side(label: &str, system: &System, plan: &str) -> Side {
    let q = hoshu::quote::quote(system, &RateCard::default_card(), plan, today()).unwrap();
    Side::from_quote(label, &q, |why| {
        hoshu::render::catalogue::of(hoshu::lang::Lang::En).item(why)
    })
}

fn totals_hold(old: &Side, new: &Side) -> Result<(), TestCaseError> {
    let d = diff(old, new);
    for (t, (o, n)) in [d.monthly, d.annual, d.one_time].iter().zip([
        (old.monthly, new.monthly),
        (old.annual, new.annual),
        (old.one_time, new.one_time),
    ]) {
        prop_assert_eq!(t.difference.0, n.subtotal.0 - o.subtotal.0);
        prop_assert_eq!(t.difference_with_tax.0, n.total.0 - o.total.0);
    }
    // Line differences add up to the monthly subtotal's.
    let monthly: i64 = d
        .changes
        .iter()
        .filter(|c| c.recurrence == hoshu::quote::Recurrence::Monthly)
        .map(|c| c.difference.0)
        .sum();
    prop_assert_eq!(monthly, d.monthly.difference.0);
    Ok(())
}

#[test]
fn a_diff_of_a_file_with_itself_is_empty_under_any_threshold() {
    for (name, system) in example_systems() {
        let s = side(&name, &system, "standard");
        let d = diff(&s, &s);
        assert!(d.is_empty(), "{name}");
        for gate in [
            Gate {
                yen: Some(Yen(0)),
                basis_points: None,
            },
            Gate {
                yen: None,
                basis_points: Some(0),
            },
        ] {
            assert!(!gate.tripped(&d));
        }
        hoshu()
            .args([
                "diff",
                &name,
                &name,
                "--date",
                "2026-11-28",
                "--fail-above",
                "0",
                "--fail-above-percent",
                "0",
            ])
            .assert()
            .success()
            .stdout(predicates::str::starts_with("No change:"));
    }
}

#[test]
fn for_every_pair_of_examples_the_totals_are_new_less_old() {
    let all = example_systems();
    for (a, sa) in &all {
        for (b, sb) in &all {
            for plan in ["operation", "standard", "full"] {
                totals_hold(&side(a, sa, plan), &side(b, sb, plan)).unwrap();
            }
        }
    }
}

#[test]
fn a_toml_against_its_own_saved_quote_is_empty() {
    let dir = tempfile::tempdir().unwrap();
    for (name, _) in example_systems() {
        let out = hoshu()
            .args(["quote", &name, "--date", "2026-11-28", "--format", "json"])
            .output()
            .unwrap();
        let saved = dir.path().join("q.json");
        std::fs::write(&saved, &out.stdout).unwrap();
        hoshu()
            .arg("diff")
            .arg(&saved)
            .arg(&name)
            .args(["--date", "2026-11-28"])
            .assert()
            .success()
            .stdout(predicates::str::starts_with("No change:"));
    }
}

#[test]
fn lines_are_added_removed_and_changed_by_key() {
    let old = System::from_toml(
        "name = \"x\"\n[[servers]]\nrole = \"web\"\ncount = 1\n[[apps]]\nname = \"A\"\nplatform = \"ios\"\n",
        "old.toml",
    )
    .unwrap();
    let new = System::from_toml(
        "name = \"x\"\n[[servers]]\nrole = \"web\"\ncount = 2\n[[apps]]\nname = \"A\"\nplatform = \"android\"\n",
        "new.toml",
    )
    .unwrap();
    let d = diff(
        &side("old", &old, "standard"),
        &side("new", &new, "standard"),
    );
    let got: Vec<(&str, ChangeKind, i64)> = d
        .changes
        .iter()
        .map(|c| (c.key.as_str(), c.kind, c.difference.0))
        .collect();
    assert_eq!(
        got,
        [
            ("servers/web", ChangeKind::Changed, 10_000),
            ("apps/A/android", ChangeKind::Added, 70_000),
            ("apps/A/ios", ChangeKind::Removed, -50_000),
        ]
    );
}

#[test]
fn gates_trip_exactly_above_their_thresholds() {
    let old = System::from_toml("name = \"x\"\n", "old.toml").unwrap();
    let new = System::from_toml(
        "name = \"x\"\n[[servers]]\nrole = \"web\"\ncount = 1\n",
        "new.toml",
    )
    .unwrap();
    let d = diff(
        &side("old", &old, "standard"),
        &side("new", &new, "standard"),
    );
    // ¥28,000 + tax = ¥30,800 → ¥38,000 + tax = ¥41,800: +¥11,000, +35.71…%.
    assert_eq!(d.monthly.difference_with_tax, Yen(11_000));
    let yen = |y| {
        Gate {
            yen: Some(Yen(y)),
            basis_points: None,
        }
        .tripped(&d)
    };
    assert!(yen(10_999) && !yen(11_000));
    let bp = |b| {
        Gate {
            yen: None,
            basis_points: Some(b),
        }
        .tripped(&d)
    };
    // 11,000 / 30,800 = 35.714…%: above 35.71%, not above 35.72%.
    assert!(bp(3571) && !bp(3572));
    let dir = tempfile::tempdir().unwrap();
    let (o, n) = (dir.path().join("old.toml"), dir.path().join("new.toml"));
    std::fs::write(&o, "name = \"x\"\n").unwrap();
    std::fs::write(&n, "name = \"x\"\n[[servers]]\nrole = \"web\"\ncount = 1\n").unwrap();
    for (args, code) in [
        (vec!["--fail-above", "10999"], 3),
        (vec!["--fail-above", "11000"], 0),
        (vec!["--fail-above-percent", "35.71"], 3),
        (vec!["--fail-above-percent", "35.72"], 0),
    ] {
        hoshu()
            .arg("diff")
            .arg(&o)
            .arg(&n)
            .args(["--date", "2026-11-28"])
            .args(&args)
            .assert()
            .code(code)
            .stdout(predicates::str::contains("Quote diff"));
    }
}

proptest! {
    #[test]
    fn totals_are_new_less_old_for_generated_systems(
        servers in 0u32..4, pages in 1u32..300, apps in 0usize..3, credit in any::<bool>(),
        servers2 in 0u32..4, pages2 in 1u32..300, apps2 in 0usize..3, credit2 in any::<bool>(),
    ) {
        let make = |servers: u32, pages: u32, apps: usize, credit: bool| {
            let mut t = format!("name = \"x\"\n[[sites]]\nname = \"www\"\npages = {pages}\n");
            if servers > 0 {
                t += &format!("[[servers]]\nrole = \"web\"\ncount = {servers}\n");
            }
            for i in 0..apps {
                t += &format!("[[apps]]\nname = \"a{i}\"\nplatform = \"ios\"\n");
            }
            t += &format!("[payments]\ncredit_card = {credit}\n");
            System::from_toml(&t, "g.toml").unwrap()
        };
        let (a, b) = (make(servers, pages, apps, credit), make(servers2, pages2, apps2, credit2));
        totals_hold(&side("a", &a, "standard"), &side("b", &b, "standard"))?;
    }
}
