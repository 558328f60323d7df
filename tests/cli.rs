//! The binary's contract: exit codes, messages, formats.

use predicates::prelude::*;
use predicates::str::contains;

use crate::support::hoshu;

fn temp_file(name: &str, text: &str) -> (tempfile::TempDir, std::path::PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join(name);
    std::fs::write(&path, text).unwrap();
    (dir, path)
}

#[test]
fn help_names_the_commands_and_exit_codes() {
    hoshu().arg("--help").assert().success().stdout(
        contains("quote")
            .and(contains("classify"))
            .and(contains("Exit codes")),
    );
}

#[test]
fn quote_table_names_plan_card_and_totals() {
    hoshu()
        .args([
            "quote",
            "examples/corporate-site.toml",
            "--date",
            "2026-11-28",
        ])
        .assert()
        .success()
        .stdout(contains("Plan: operation (運用)"))
        .stdout(contains("Rate card: hoshu standard rates 2026.11"))
        .stdout(contains("#01 Access volume"))
        .stdout(contains("Consumption tax 10%"))
        .stdout(contains("\x1b[").not());
}

#[test]
fn quote_json_has_the_documented_shape() {
    let out = hoshu()
        .args([
            "quote",
            "examples/sakura-shop.toml",
            "--format",
            "json",
            "--plan",
            "full",
            "--date",
            "2026-11-28",
        ])
        .output()
        .unwrap();
    assert!(out.status.success());
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["schema"], "hoshu.quote.v1");
    assert_eq!(v["plan"], "full");
    assert_eq!(v["currency"], "JPY");
    assert_eq!(v["rate_card"]["name"], "hoshu standard rates");
    let line = &v["lines"][3];
    for key in [
        "factor",
        "item",
        "quantity",
        "unit_price",
        "amount",
        "recurrence",
        "why",
    ] {
        assert!(!line[key].is_null(), "{key}");
    }
    assert_eq!(line["item"], "web server (linked)");
    assert_eq!(
        v["monthly"]["total"],
        v["monthly"]["subtotal"].as_i64().unwrap() + v["monthly"]["tax"].as_i64().unwrap()
    );
}

#[test]
fn missing_file_is_invalid_input() {
    hoshu()
        .args(["quote", "nope.toml"])
        .assert()
        .code(2)
        .stderr(contains("nope.toml: cannot read the file"));
}

#[test]
fn unknown_key_is_invalid_input_with_file_line_and_key() {
    let (_dir, path) = temp_file(
        "s.toml",
        "name = \"x\"\n[traffic]\ndaily_visits = 10\nvisits = 3\n",
    );
    hoshu()
        .args(["check", path.to_str().unwrap()])
        .assert()
        .code(2)
        .stderr(
            contains("error: `traffic.visits`: unknown key `visits`; allowed: daily_visits")
                .and(contains("s.toml:4:1")),
        );
}

#[test]
fn unknown_plan_flag_is_invalid_input() {
    hoshu()
        .args(["quote", "examples/corporate-site.toml", "--plan", "gold"])
        .assert()
        .code(2)
        .stderr(contains(
            "--plan: the rate card has no plan `gold`; allowed: operation, standard, full",
        ));
}

#[test]
fn check_reports_ok() {
    hoshu()
        .args(["check", "examples/sakura-shop.toml"])
        .assert()
        .success()
        .stdout(contains("ok"));
}

#[test]
fn rates_round_trip_through_a_file() {
    let out = hoshu().arg("rates").output().unwrap();
    assert_eq!(out.stdout, hoshu::rates::DEFAULT_CARD.as_bytes());
    let edited = String::from_utf8(out.stdout)
        .unwrap()
        .replace("name = \"hoshu standard rates\"", "name = \"my rates\"");
    let (_dir, path) = temp_file("r.toml", &edited);
    hoshu()
        .args([
            "quote",
            "examples/corporate-site.toml",
            "--rates",
            path.to_str().unwrap(),
        ])
        .assert()
        .success()
        .stdout(contains("Rate card: my rates"));
}

#[test]
fn a_bad_rate_card_is_invalid_input() {
    let (_dir, path) = temp_file("r.toml", "name = \"x\"\n");
    hoshu()
        .args([
            "quote",
            "examples/corporate-site.toml",
            "--rates",
            path.to_str().unwrap(),
        ])
        .assert()
        .code(2)
        .stderr(
            contains("error: `version` is missing; the key is required")
                .and(contains("error: `tax` is missing"))
                .and(contains("`tax.rate_percent`").not()),
        );
}

#[test]
fn classify_the_readme_example() {
    hoshu()
        .args([
            "classify",
            "--delivered",
            "2024-01-10",
            "--external-cause",
            "no",
            "--reported",
            "2024-03-01",
        ])
        .assert()
        .success()
        .stdout(contains("COVERED").and(contains("after.warranty")));
}

#[test]
fn classify_exit_code_reports_the_verdict() {
    let base = [
        "classify",
        "--delivered",
        "2024-01-10",
        "--warranty-months",
        "3",
        "--exit-code",
    ];
    hoshu()
        .args(base)
        .args(["--reported", "2024-03-01", "--external-cause", "no"])
        .assert()
        .code(0);
    hoshu()
        .args(base)
        .args(["--reported", "2024-06-01", "--external-cause", "no"])
        .assert()
        .code(3);
    hoshu()
        .args(base)
        .args(["--reported", "2024-03-01"])
        .assert()
        .code(4);
}

#[test]
fn classify_json_has_the_documented_shape() {
    let out = hoshu()
        .args([
            "classify",
            "--delivered",
            "2024-01-10",
            "--reported",
            "2024-03-01",
            "--format",
            "json",
        ])
        .args([
            "--external-cause",
            "no",
            "--plan",
            "standard",
            "--plan-start",
            "2024-02-01",
        ])
        .output()
        .unwrap();
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["schema"], "hoshu.classification.v1");
    assert_eq!(v["verdict"], "covered");
    assert_eq!(v["rule"], "after.warranty");
    assert_eq!(v["stage"], "after_delivery");
    assert_eq!(v["reported"], "2024-03-01");
    assert_eq!(v["warranty"]["months"], serde_json::Value::Null);
    assert_eq!(v["warranty"]["end"], serde_json::Value::Null);
    assert_eq!(v["warranty"]["end_if_3_months"], "2024-04-10");
    assert_eq!(v["warranty"]["start"], "2024-01-11");
    assert_eq!(v["plan"]["name"], "standard");
    assert_eq!(v["plan"]["in_force"], true);
}

#[test]
fn classify_json_warranty_is_null_before_delivery() {
    let out = hoshu()
        .args(["classify", "--reported", "2024-03-01", "--format", "json"])
        .output()
        .unwrap();
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["warranty"], serde_json::Value::Null);
    assert_eq!(v["stage"], "before_delivery");
}

#[test]
fn classify_takes_delivery_and_plan_from_a_system_file_and_flags_override() {
    hoshu()
        .args([
            "classify",
            "--system",
            "examples/sakura-shop.toml",
            "--reported",
            "2025-06-01",
            "--external-cause",
            "yes",
        ])
        .assert()
        .success()
        .stdout(contains("COVERED").and(contains("after.plan-covers")));
    hoshu()
        .args([
            "classify",
            "--system",
            "examples/sakura-shop.toml",
            "--reported",
            "2025-06-01",
        ])
        .args(["--external-cause", "yes", "--plan", "operation"])
        .assert()
        .success()
        .stdout(contains("BILLABLE").and(contains("after.plan-excludes")));
}

#[test]
fn classify_bad_input_names_the_flag() {
    let cases: &[(&[&str], &str)] = &[
        (&["--delivered", "2023-02-29"], "--delivered"),
        (&["--delivered", "10/01/2024"], "write the year first"),
        (&["--delivered", "2024/02/30"], "--delivered"),
        (&["--warranty-months", "0"], "--warranty-months"),
        (&["--warranty-months", "121"], "from 1 to 120"),
        (
            &["--external-cause", "maybe"],
            "allowed: yes, no, unknown (はい, いいえ, 不明)",
        ),
        (&["--kind", "bug"], "allowed: defect, change, minor"),
        (
            &["--plan", "gold"],
            "--plan: the rate card has no plan `gold`",
        ),
        (
            &[
                "--plan",
                "standard",
                "--plan-start",
                "2024-02-01",
                "--plan-end",
                "2024-01-01",
            ],
            "--plan-end",
        ),
        (
            &["--plan-start", "2024-02-01"],
            "--plan-start: is given without a plan",
        ),
        (
            &[
                "--delivered",
                "9999-12-01",
                "--reported",
                "9999-12-20",
                "--warranty-months",
                "3",
            ],
            "calendar's end",
        ),
        (&["--delivered", "+10000-01-01"], "--delivered"),
    ];
    for (args, message) in cases {
        hoshu()
            .arg("classify")
            .args(*args)
            .assert()
            .code(2)
            .stderr(contains(*message));
    }
}

#[test]
fn classify_explain_lists_every_rule_considered() {
    hoshu()
        .args([
            "classify",
            "--delivered",
            "2024-01-10",
            "--external-cause",
            "no",
            "--reported",
            "2024-03-01",
        ])
        .args(["--warranty-months", "3", "--explain"])
        .assert()
        .success()
        .stdout(
            contains("✗ before.change")
                .and(contains("✓ after.warranty"))
                .and(contains(
                    "fails: stage is before delivery (saw after delivery)",
                )),
        );
}

#[test]
fn broken_pipe_is_success() {
    // `hoshu rates | head -1`: the reader goes away early.
    let status = std::process::Command::new("sh")
        .arg("-c")
        .arg(format!(
            "{} rates | head -c 1 >/dev/null",
            env!("CARGO_BIN_EXE_hoshu")
        ))
        .status()
        .unwrap();
    assert!(status.success());
}

/// Flags take what cells take: every word of the answer, kind and
/// warranty-from vocabularies (English and Japanese) and every date form,
/// given as a flag, classifies as the same word in a batch cell does.
#[test]
fn flags_take_what_cells_take() {
    use hoshu::intake::{ANSWER_WORDS, FROM_WORDS, KIND_WORDS};
    let base = [
        "--delivered",
        "2024-01-10",
        "--reported",
        "2024-03-01",
        "--warranty-months",
        "3",
        "--accepted",
        "2024-01-20",
    ];
    let mut cases: Vec<(&str, &str, String)> = Vec::new();
    for (word, _) in ANSWER_WORDS {
        for (flag, column) in [
            ("--external-cause", "external_cause"),
            ("--builder-knew", "builder_knew"),
            ("--impairs-operation", "impairs_operation"),
        ] {
            cases.push((flag, column, word.to_owned()));
        }
    }
    for (word, _) in KIND_WORDS {
        cases.push(("--kind", "kind", word.to_owned()));
    }
    for (word, _) in FROM_WORDS {
        cases.push(("--warranty-from", "warranty_from", word.to_owned()));
    }
    for date in [
        "2024/3/1",
        "2024年3月1日",
        "令和6年3月1日",
        "R6.3.1",
        "2024/03/01 10:00",
    ] {
        cases.push(("--reported", "reported", date.to_owned()));
    }
    for (flag, column, word) in cases {
        let mut args: Vec<String> = base.iter().map(|s| s.to_string()).collect();
        if let Some(i) = args.iter().position(|a| a == flag) {
            args.drain(i..i + 2);
        }
        let one = hoshu()
            .arg("classify")
            .args(&args)
            .args([flag, &word])
            .args(["--format", "json"])
            .output()
            .unwrap();
        assert!(
            one.status.success(),
            "{flag} {word}: {}",
            String::from_utf8_lossy(&one.stderr)
        );
        let one: serde_json::Value = serde_json::from_slice(&one.stdout).unwrap();
        let batch = hoshu()
            .arg("classify")
            .args(&args)
            .args([
                "--batch",
                "-",
                "--input-format",
                "jsonl",
                "--format",
                "jsonl",
            ])
            .write_stdin(format!("{}\n", serde_json::json!({ column: word })))
            .output()
            .unwrap();
        let row: serde_json::Value = serde_json::from_slice(&batch.stdout).unwrap();
        assert_eq!(row["error"], serde_json::Value::Null, "{column} {word}");
        assert_eq!(one["verdict"], row["verdict"], "{flag} {word}");
        assert_eq!(one["rule"], row["rule"], "{flag} {word}");
    }
}
