//! Every JSON output of every example validates against the schema that
//! `hoshu schema` publishes.

use crate::support::{example_files, hoshu};

/// The JSON a command prints: one pretty document, or one a line.
fn json_out(args: &[&str]) -> Vec<serde_json::Value> {
    let out = hoshu().args(args).output().unwrap();
    assert!(
        out.status.code().is_some_and(|c| c == 0 || c == 2),
        "{args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = String::from_utf8(out.stdout).unwrap();
    match serde_json::from_str::<serde_json::Value>(&text) {
        Ok(v) => vec![v],
        Err(_) => text
            .lines()
            .filter(|l| !l.trim().is_empty())
            .map(|l| serde_json::from_str(l).unwrap())
            .collect(),
    }
}

fn validator(name: &str) -> jsonschema::Validator {
    let out = hoshu().args(["schema", name]).output().unwrap();
    let schema: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(
        schema["$schema"],
        "https://json-schema.org/draft/2020-12/schema"
    );
    jsonschema::validator_for(&schema).unwrap()
}

fn check(name: &str, docs: &[serde_json::Value]) {
    let v = validator(name);
    assert!(!docs.is_empty(), "{name}: nothing to check");
    for doc in docs {
        let errors: Vec<String> = v.iter_errors(doc).map(|e| e.to_string()).collect();
        assert!(errors.is_empty(), "{name}: {errors:?}\n{doc:#}");
    }
}

#[test]
fn every_quote_validates() {
    let mut docs = Vec::new();
    for file in example_files() {
        for plan in ["operation", "standard", "full"] {
            docs.extend(json_out(&[
                "quote",
                &file,
                "--plan",
                plan,
                "--date",
                "2026-11-28",
                "--format",
                "json",
            ]));
        }
    }
    for doc in &docs {
        assert_eq!(doc["schema"], "hoshu.quote.v1");
        assert!(doc["quote_id"].as_str().unwrap().starts_with("Q-"));
    }
    check("quote", &docs);
    // The schema has teeth: a quote without its lines, or a line of an
    // unknown factor, is refused.
    let v = validator("quote");
    let mut broken = docs[0].clone();
    broken.as_object_mut().unwrap().remove("lines");
    assert!(!v.is_valid(&broken));
    let mut broken = docs[0].clone();
    broken["lines"][0]["factor"] = serde_json::json!("marketing");
    assert!(!v.is_valid(&broken));
}

#[test]
fn every_classification_validates() {
    let mut docs = Vec::new();
    for args in [
        vec!["--delivered", "2024-01-10", "--reported", "2024-03-01"],
        vec![
            "--delivered",
            "2024-01-10",
            "--reported",
            "2024-03-01",
            "--external-cause",
            "no",
            "--explain",
        ],
        vec![
            "--delivered",
            "2020-01-10",
            "--reported",
            "2026-03-02",
            "--warranty-months",
            "statutory",
            "--learned",
            "2025-03-01",
            "--hours",
            "3",
        ],
        vec!["--reported", "2023-12-01", "--kind", "incident"],
        vec![
            "--system",
            "examples/sakura-shop.toml",
            "--reported",
            "2025-06-01",
            "--impairs-operation",
            "unknown",
            "--builder-knew",
            "unknown",
        ],
        vec![
            "--delivered",
            "2025-12-15",
            "--reported",
            "2026-03-16",
            "--warranty-months",
            "3",
            "--holiday-rollover",
        ],
    ] {
        let mut all = vec!["classify", "--format", "json"];
        all.extend(args);
        docs.extend(json_out(&all));
    }
    check("classification", &docs);
}

#[test]
fn every_batch_row_validates() {
    let mut docs = json_out(&[
        "classify",
        "--batch",
        "examples/tickets.csv",
        "--format",
        "jsonl",
        "--reported",
        "2026-11-28",
    ]);
    docs.extend(json_out(&[
        "classify",
        "--batch",
        "examples/helpdesk-export.csv",
        "--column",
        "delivered=Delivery date",
        "--format",
        "jsonl",
    ]));
    assert_eq!(docs.len(), 11);
    docs.extend(json_out(&[
        "classify",
        "--batch",
        "examples/helpdesk/backlog-export.csv",
        "--profile",
        "examples/helpdesk/profile.toml",
        "--system",
        "examples/helpdesk/customer.toml",
        "--comments",
        "--format",
        "jsonl",
    ]));
    assert_eq!(docs.len(), 16);
    assert!(docs.iter().any(|d| d["estimate"].is_i64()));
    check("batch-row", &docs);
}

#[test]
fn the_rate_card_validates() {
    let docs = json_out(&["rates", "--format", "json"]);
    check("rates", &docs);
}

/// Every error document validates: a file's many problems, clap's usage
/// error, a refused batch header, a missing file.
#[test]
fn every_error_validates() {
    let mut docs = Vec::new();
    for args in [
        &[
            "check",
            "tests/data/broken/many-problems.toml",
            "--format",
            "json",
        ][..],
        &[
            "quote",
            "examples/corporate-site.toml",
            "--format",
            "json",
            "--plan",
            "gold",
        ],
        &["classify", "--no-such-flag", "--format", "json"],
        &["check", "tests/data/nowhere.toml", "--format", "json"],
        &[
            "classify",
            "--batch",
            "examples/helpdesk-export.csv",
            "--format",
            "json",
        ],
    ] {
        let out = hoshu().args(args).output().unwrap();
        assert_ne!(out.status.code(), Some(0), "{args:?}");
        docs.push(
            serde_json::from_slice::<serde_json::Value>(&out.stderr).unwrap_or_else(|e| {
                panic!("{args:?}: {e}: {}", String::from_utf8_lossy(&out.stderr))
            }),
        );
    }
    check("error", &docs);
}

#[test]
fn every_comparison_and_diff_validates() {
    let mut compares = Vec::new();
    let mut diffs = Vec::new();
    let files = example_files();
    for file in &files {
        compares.extend(json_out(&[
            "compare",
            file,
            "--date",
            "2026-11-28",
            "--format",
            "json",
            "--budget",
            "300000",
        ]));
        for other in &files {
            diffs.extend(json_out(&[
                "diff",
                file,
                other,
                "--date",
                "2026-11-28",
                "--format",
                "json",
            ]));
        }
    }
    check("compare", &compares);
    check("diff", &diffs);
}

/// The register's list and an invoice, each of every kind of record and
/// line, validate: issued quotes (json), a revision, an invoice with a
/// ticket and a discount, a cancellation.
#[test]
fn the_register_and_invoices_validate() {
    let dir = tempfile::tempdir().unwrap();
    let at = |name: &str| dir.path().join(name).display().to_string();
    let firm = std::fs::read_to_string("examples/firm.toml").unwrap();
    std::fs::write(
        at("firm.toml"),
        format!("{firm}\nregister = \"r.sqlite\"\n"),
    )
    .unwrap();
    hoshu()
        .args(["register", "init", &at("r.sqlite")])
        .assert()
        .success();
    let with_firm = |args: &[&str]| -> Vec<serde_json::Value> {
        let mut all: Vec<&str> = args.to_vec();
        let firm = at("firm.toml");
        all.extend(["--firm", &firm]);
        json_out(&all)
    };
    let mut quotes = Vec::new();
    for (file, more) in [
        ("examples/legacy-system.toml", None),
        ("examples/legacy-system.toml", Some("202611-001")),
    ] {
        let mut args = vec!["issue", file, "--date", "2026-11-30", "--format", "json"];
        if let Some(old) = more {
            args.extend(["--revises", old]);
        }
        quotes.extend(with_firm(&args));
    }
    check("quote", &quotes);
    let tickets = at("t.csv");
    std::fs::write(
        &tickets,
        "id,title,hours,verdict\nT-1,Fix,1.25,billable\nT-2,Ask,,negotiate\n",
    )
    .unwrap();
    let invoice = with_firm(&[
        "invoice",
        "--contract",
        "202611-001-02",
        "--month",
        "2026-12",
        "--tickets",
        &tickets,
        "--format",
        "json",
        "--date",
        "2027-01-04",
    ]);
    check("invoice", &invoice);
    hoshu()
        .args([
            "register",
            "cancel",
            "202611-001",
            "--reason",
            "x",
            "--register",
            &at("r.sqlite"),
        ])
        .assert()
        .success();
    let list = json_out(&[
        "register",
        "list",
        "--format",
        "json",
        "--register",
        &at("r.sqlite"),
    ]);
    assert_eq!(list[0]["records"].as_array().unwrap().len(), 4);
    check("register", &list);
    // The invoice cancelled and returned by a credit note.
    hoshu()
        .args([
            "register",
            "cancel",
            "INV-202701-001",
            "--reason",
            "wrong month",
        ])
        .args(["--register", &at("r.sqlite")])
        .assert()
        .success();
    let credit = with_firm(&[
        "invoice",
        "--credit",
        "INV-202701-001",
        "--format",
        "json",
        "--date",
        "2027-01-10",
    ]);
    assert_eq!(credit[0]["reason"], "wrong month");
    check("credit", &credit);
    let list = json_out(&[
        "register",
        "list",
        "--format",
        "json",
        "--register",
        &at("r.sqlite"),
    ]);
    assert_eq!(list[0]["records"].as_array().unwrap().len(), 6);
    check("register", &list);
}
