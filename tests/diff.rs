//! `hoshu diff`: lines matched by key, totals that are quote(NEW) −
//! quote(OLD), CI gates that trip exactly above their thresholds.

use hoshu::diff::{ChangeKind, Gate, Side, diff};
use hoshu::money::Yen;
use hoshu::rates::RateCard;
use hoshu::system::System;
use predicates::prelude::PredicateBooleanExt;
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

/// A saved quote is checked, not trusted (issue 16): every figure hoshu
/// would not have written is refused with exit 2, naming the file and the
/// field's JSON path, before anything is compared. Generated over every
/// line and total of every example, so no figure is left unchecked.
#[test]
fn a_saved_quote_is_checked_not_trusted() {
    use serde_json::{Value, json};
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("saved.json");
    let refused = |doc: &Value, key: &str| {
        std::fs::write(&path, serde_json::to_vec(doc).unwrap()).unwrap();
        let out = hoshu()
            .arg("diff")
            .arg(&path)
            .arg(&path)
            .assert()
            .code(2)
            .get_output()
            .stderr
            .clone();
        let err = String::from_utf8(out).unwrap();
        assert!(err.contains(&format!("`{key}`")), "{key}: {err}");
    };
    for (name, _) in example_systems() {
        let out = hoshu()
            .args(["quote", &name, "--date", "2026-11-28", "--format", "json"])
            .output()
            .unwrap();
        let saved: Value = serde_json::from_slice(&out.stdout).unwrap();
        for total in ["monthly", "annual", "one_time"] {
            for figure in ["subtotal", "tax", "total"] {
                let mut doc = saved.clone();
                let n = doc[total][figure].as_i64().unwrap();
                doc[total][figure] = json!(n + 1);
                refused(&doc, &format!("{total}.{figure}"));
            }
        }
        let lines = saved["lines"].as_array().unwrap().len();
        for i in 0..lines {
            for figure in ["amount", "unit_price", "quantity"] {
                let mut doc = saved.clone();
                let n = doc["lines"][i][figure].as_i64().unwrap();
                doc["lines"][i][figure] = json!(n + 1);
                refused(&doc, &format!("lines[{i}].amount"));
            }
            let mut doc = saved.clone();
            doc["lines"][i]["amount"] = json!(-1);
            refused(&doc, &format!("lines[{i}].amount"));
        }
        let mut doc = saved.clone();
        let first = doc["lines"][0].clone();
        doc["lines"].as_array_mut().unwrap().push(first);
        refused(&doc, &format!("lines[{lines}].key"));
        let mut doc = saved.clone();
        doc["currency"] = json!("USD");
        refused(&doc, "currency");
        let mut doc = saved.clone();
        doc["tax_rate_percent"] = json!(0);
        refused(&doc, "monthly.tax");
        let mut doc = saved.clone();
        doc["lines"][0]["quantity"] = json!(1);
        doc["lines"][0]["unit_price"] = json!(i64::MAX);
        doc["lines"][0]["amount"] = json!(i64::MAX);
        refused(&doc, "monthly.subtotal");
    }
}

/// What hoshu itself writes comes back whole: a saved quote over 1 MiB
/// (the limit of a system file) and one saved with a BOM are read.
#[test]
fn a_large_saved_quote_and_one_with_a_bom_are_read() {
    let dir = tempfile::tempdir().unwrap();
    let mut system = String::from("name = \"Big\"\n[traffic]\ndaily_visits = 150\n");
    for i in 0..4_000 {
        system.push_str(&format!("[[sites]]\nname = \"s{i}\"\npages = 1\n"));
    }
    let toml = dir.path().join("big.toml");
    std::fs::write(&toml, system).unwrap();
    let out = hoshu()
        .arg("quote")
        .arg(&toml)
        .args(["--date", "2026-11-28", "--format", "json"])
        .output()
        .unwrap();
    assert!(out.stdout.len() > 1 << 20, "{}", out.stdout.len());
    let json = dir.path().join("big.json");
    let mut bom = b"\xEF\xBB\xBF".to_vec();
    bom.extend(&out.stdout);
    std::fs::write(&json, bom).unwrap();
    hoshu()
        .arg("diff")
        .arg(&json)
        .arg(&toml)
        .args(["--date", "2026-11-28"])
        .assert()
        .success()
        .stdout(predicates::str::starts_with("No change:"));
}

/// A tripped gate says which, its threshold and the change on stderr; the
/// JSON carries every gate held against the diff.
#[test]
fn a_tripped_gate_says_which_and_the_json_carries_every_gate() {
    let args = [
        "diff",
        "examples/ec-with-apps.toml",
        "examples/ec-with-apps-next.toml",
        "--date",
        "2026-11-28",
        "--fail-above",
        "50000",
        "--fail-above-percent",
        "5",
        "--format",
        "json",
    ];
    let out = hoshu()
        .args(args)
        .assert()
        .code(3)
        .stderr(
            predicates::str::contains(
                "the gate --fail-above-percent 5.00% tripped: the monthly total with tax changes by +5.69%",
            )
            .and(predicates::str::contains("--fail-above ¥50,000").not()),
        )
        .get_output()
        .stdout
        .clone();
    let v: serde_json::Value = serde_json::from_slice(&out).unwrap();
    assert_eq!(
        v["gate"],
        serde_json::json!([
            {"on": "yen", "threshold": 50000, "value": 38500, "tripped": false},
            {"on": "percent", "threshold": 500, "value": 569, "tripped": true}
        ])
    );
    let quiet = hoshu()
        .args(&args[..5])
        .args(["--format", "json"])
        .assert()
        .success()
        .stderr("")
        .get_output()
        .stdout
        .clone();
    let v: serde_json::Value = serde_json::from_slice(&quiet).unwrap();
    assert_eq!(v["gate"], serde_json::json!([]));
}
