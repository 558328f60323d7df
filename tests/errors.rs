//! The error contract: every problem of a broken file at once, in the
//! layout users know, and as `hoshu.error.v1` JSON for scripts.

use crate::support::hoshu;

fn stderr(args: &[&str]) -> (i32, String) {
    let out = hoshu().args(args).output().unwrap();
    (
        out.status.code().unwrap(),
        String::from_utf8(out.stderr).unwrap(),
    )
}

#[test]
fn broken_system_files_report_every_problem() {
    for name in ["many-problems", "not-toml", "missing-keys"] {
        let path = format!("tests/data/broken/{name}.toml");
        let (code, text) = stderr(&["check", &path]);
        assert_eq!(code, 2, "{name}");
        assert!(text.lines().all(|l| !l.starts_with("hoshu:")), "{text}");
        insta::assert_snapshot!(format!("broken_{name}"), text);
    }
}

/// The same corpus in Japanese: every problem said in Japanese, at the same
/// places.
#[test]
fn broken_files_report_every_problem_in_japanese() {
    for name in ["many-problems", "not-toml", "missing-keys"] {
        let path = format!("tests/data/broken/{name}.toml");
        let (code, text) = stderr(&["check", &path, "--lang", "ja"]);
        assert_eq!(code, 2, "{name}");
        assert!(text.starts_with("エラー: "), "{text}");
        insta::assert_snapshot!(format!("broken_{name}_ja"), text);
    }
    let (code, text) = stderr(&[
        "check",
        "examples/corporate-site.toml",
        "--rates",
        "tests/data/broken/rates-many-problems.toml",
        "--lang",
        "ja",
    ]);
    assert_eq!(code, 2);
    insta::assert_snapshot!("broken_rates_many_problems_ja", text);
}

/// Flags, facts and files: errors in Japanese name the flag and what is
/// allowed, and JSON's `message` follows `--lang` while `code` does not.
#[test]
fn usage_and_fact_errors_in_japanese() {
    for (args, wanted) in [
        (
            &["classify", "--delivered", "2024-13-01"][..],
            "--delivered <DATE> の値 '2024-13-01' は使えません: `2024-13-01` は暦にない日です",
        ),
        (
            &["classify", "--kind", "bug"][..],
            "使える値: 不具合、仕様変更、軽微、障害、運用作業（defect, change, minor, incident, operation）",
        ),
        (
            &["quote", "examples/corporate-site.toml", "--fromat", "json"][..],
            "'--format' のことですか？",
        ),
        (
            &["quote", "examples/corporate-site.toml", "--plan", "ful"][..],
            "--plan: 料金表にプラン `ful` はありません。使えるプラン: operation, standard, full。`full` のことですか？",
        ),
        (
            &[
                "classify",
                "--delivered",
                "2024-01-10",
                "--plan-start",
                "2024-02-01",
            ][..],
            "がプランなしで指定されています",
        ),
        (
            &["check", "no-such-file.toml"][..],
            "no-such-file.toml: ファイルを読めません",
        ),
        (&["check", "examples"][..], "examples: フォルダです"),
    ] {
        let mut all = args.to_vec();
        all.extend(["--lang", "ja"]);
        let (code, text) = stderr(&all);
        assert_eq!(code, 2, "{args:?}: {text}");
        assert!(text.starts_with("エラー: "), "{args:?}: {text}");
        assert!(text.contains(wanted), "{args:?}: {text}");
    }
    let (_, text) = stderr(&[
        "classify", "--kind", "bug", "--format", "json", "--lang", "ja",
    ]);
    let v: serde_json::Value = serde_json::from_str(&text).unwrap();
    assert_eq!(v["errors"][0]["code"], "usage");
    assert!(
        v["errors"][0]["message"]
            .as_str()
            .unwrap()
            .contains("使える値")
    );
}

#[test]
fn a_broken_rate_card_reports_every_problem() {
    let (code, text) = stderr(&[
        "check",
        "examples/corporate-site.toml",
        "--rates",
        "tests/data/broken/rates-many-problems.toml",
    ]);
    assert_eq!(code, 2);
    insta::assert_snapshot!("broken_rates_many_problems", text);
}

#[test]
fn json_errors_are_one_object_with_codes_and_places() {
    let (code, text) = stderr(&[
        "check",
        "tests/data/broken/many-problems.toml",
        "--format",
        "json",
    ]);
    assert_eq!(code, 2);
    assert_eq!(text.lines().count(), 1, "one object: {text}");
    let v: serde_json::Value = serde_json::from_str(&text).unwrap();
    assert_eq!(v["schema"], "hoshu.error.v1");
    let errors = v["errors"].as_array().unwrap();
    assert_eq!(errors.len(), 13);
    let first = &errors[0];
    assert_eq!(
        (
            &first["code"],
            &first["file"],
            &first["line"],
            &first["column"],
            &first["key"]
        ),
        (
            &serde_json::json!("empty"),
            &serde_json::json!("tests/data/broken/many-problems.toml"),
            &serde_json::json!(1),
            &serde_json::json!(1),
            &serde_json::json!("name")
        )
    );
    let codes: Vec<&str> = errors.iter().map(|e| e["code"].as_str().unwrap()).collect();
    for code in [
        "unknown-key",
        "invalid-value",
        "not-allowed",
        "linked-alone",
        "duplicate",
        "end-before-start",
    ] {
        assert!(codes.contains(&code), "{code} in {codes:?}");
    }
    // Usage errors too, and other failures.
    let (code, text) = stderr(&["classify", "--format", "json", "--warranty-months", "500"]);
    assert_eq!(code, 2);
    let v: serde_json::Value = serde_json::from_str(&text).unwrap();
    assert_eq!(v["errors"][0]["code"], "usage");
    let (_, text) = stderr(&[
        "quote",
        "examples/corporate-site.toml",
        "--plan",
        "gold",
        "--format",
        "json",
    ]);
    let v: serde_json::Value = serde_json::from_str(&text).unwrap();
    assert_eq!(
        (&v["errors"][0]["code"], &v["errors"][0]["key"]),
        (
            &serde_json::json!("unknown-plan"),
            &serde_json::json!("--plan")
        )
    );
}

/// A plan the card does not have is said with every other problem, and a
/// misspelt value stood in for never makes a second, false problem (the
/// same app twice on one platform).
#[test]
fn a_misspelt_plan_is_said_with_the_rest_and_no_stand_in_makes_a_false_problem() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("s.toml");
    std::fs::write(
        &file,
        "name = \"x\"\ncolour = \"red\"\n[maintenance]\nplan = \"gold\"\n\
         [[apps]]\nname = \"shop\"\nplatform = \"ios\"\n\
         [[apps]]\nname = \"shop\"\nplatform = \"andriod\"\n",
    )
    .unwrap();
    let (code, err) = stderr(&["check", file.to_str().unwrap()]);
    assert_eq!(code, 2);
    let said: Vec<&str> = err.lines().filter(|l| l.starts_with("error:")).collect();
    assert_eq!(said.len(), 3, "{err}");
    assert!(said[0].contains("`colour`"), "{err}");
    assert!(said[1].contains("names the plan `gold`"), "{err}");
    assert!(said[2].contains("`andriod` is not allowed"), "{err}");
    assert!(!err.contains("repeats the name"), "{err}");
}

/// An acceptance date with a warranty from the delivery is said unused.
#[test]
fn an_acceptance_date_the_warranty_does_not_count_from_is_said_unused() {
    let args = [
        "classify",
        "--delivered",
        "2024-01-10",
        "--accepted",
        "2024-02-01",
        "--reported",
        "2024-03-01",
        "--external-cause",
        "no",
    ];
    hoshu()
        .args(args)
        .assert()
        .success()
        .stderr(predicates::str::contains(
            "warning: the acceptance date is not used",
        ));
    hoshu()
        .args(args)
        .args(["--warranty-from", "acceptance"])
        .assert()
        .success()
        .stderr("");
}

/// The OS's words are said once.
#[test]
fn a_missing_file_says_the_os_message_once() {
    for lang in ["en", "ja"] {
        let (code, err) = stderr(&["--lang", lang, "check", "tests/data/nowhere.toml"]);
        assert_eq!(code, 2);
        assert_eq!(err.matches("os error 2").count(), 1, "{err}");
    }
}
