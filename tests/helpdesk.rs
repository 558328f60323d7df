//! Helpdesk exports as support receives them: Backlog and Redmine CSV in
//! their Japanese and English UI, saved by Excel (Shift_JIS, CR LF) or with
//! a BOM, read by a preset or a firm's profile.

use std::path::{Path, PathBuf};

use hoshu::batch::profile::{PRESETS, Profile};
use predicates::prelude::PredicateBooleanExt;
use predicates::str::contains;

use crate::batch::records;
use crate::support::hoshu;

/// The customer's system: delivered 2025-09-01 with a 3-month warranty,
/// maintained under the operation plan (which excludes defect fixes).
const CUSTOMER: &str = r#"name = "顧客A 予約システム"
[delivery]
date = 2025-09-01
warranty_months = 3
[maintenance]
plan = "operation"
start = 2025-09-01
"#;

/// A firm's profile over the Backlog preset: its custom field 原因 and the
/// words its engineers put there, its タスク type.
const PROFILE: &str = r#"preset = "backlog"

[columns]
external_cause = "原因"

[values.external_cause]
"自社起因" = "no"
"外部要因" = "yes"
"調査中" = "unknown"

[values.kind]
"タスク" = "operation"
"#;

/// Backlog's Japanese export (Backlog's own column order, fewer columns),
/// with the custom field 原因, a multi-line 詳細, and dates as Backlog and
/// Excel write them.
const BACKLOG_JA: &str = "ID,プロジェクトID,プロジェクト名,キーID,キー,種別ID,種別,カテゴリー名,件名,詳細,状態,優先度,担当者,登録者,登録日,期限日,予定時間,実績時間,更新日,原因\r\n\
1,10,顧客A,1,CUSA-1,100,バグ,,予約が保存されない,\"手順:\r\n1. 予約する\r\n2. 一覧を見る\",処理中,高,田中,佐藤,2025/10/01 09:12:33,,,2.5,2025/10/02,自社起因\r\n\
2,10,顧客A,2,CUSA-2,100,バグ,,決済APIの仕様変更,,未対応,高,田中,佐藤,2025/10/15 10:00:00,,,4,2025/10/16,外部要因\r\n\
3,10,顧客A,3,CUSA-3,101,要望,,ボタンの色,,未対応,低,田中,佐藤,令和7年11月1日,,,,2025/11/02,\r\n\
4,10,顧客A,4,CUSA-4,100,バグ,,一覧が遅い,,未対応,中,田中,佐藤,2026/1/10,,,1,2026/01/11,調査中\r\n\
5,10,顧客A,5,CUSA-5,102,タスク,,月次の定例,,完了,中,田中,佐藤,2026/01/12 09:00:00,,,0.5,2026/01/13,\r\n";

/// What each row of [`BACKLOG_JA`] comes out as by [`PROFILE`].
const BACKLOG_VERDICTS: [&str; 5] = ["covered", "billable", "billable", "billable", "covered"];

/// Backlog's English export, saved with a BOM.
const BACKLOG_EN: &str = "\u{feff}ID,Project ID,Key,Issue Type ID,Issue Type,Summary,Description,Status,Assignee,Created User,Created,Due Date,Actual Hours,Updated\r\n\
1,10,CUSA-1,100,Bug,Booking not saved,,Open,Tanaka,Sato,2025/10/01 09:12:33,,2.5,2025/10/02\r\n\
2,10,CUSA-3,101,Request,Button colour,,Open,Tanaka,Sato,2025/11/01,,,2025/11/02\r\n\
3,10,CUSA-4,100,Bug,Slow list,,Open,Tanaka,Sato,2026/01/10,,1,2026/01/11\r\n";

/// Redmine's Japanese export.
const REDMINE_JA: &str = "#,プロジェクト,トラッカー,親チケット,ステータス,優先度,題名,作成者,担当者,更新日,カテゴリ,対象バージョン,開始日,期日,予定工数,作業時間,進捗率,作成日,終了日,説明\r\n\
101,顧客A,バグ,,新規,高め,予約が保存されない,佐藤,田中,2025/10/02 10:00,,,2025/10/01,,,2.50,0,2025/10/01 09:12,,\"再現手順\r\nあり\"\r\n\
102,顧客A,機能,,新規,通常,CSV出力,佐藤,田中,2025/11/02 10:00,,,,,,,0,2025/11/01 10:00,,\r\n\
103,顧客A,バグ,,新規,通常,一覧が遅い,佐藤,田中,2026/01/11 10:00,,,,,,1.00,0,2026/01/10 10:00,,\r\n";

/// Redmine's English export.
const REDMINE_EN: &str = "#,Project,Tracker,Parent task,Status,Priority,Subject,Author,Assignee,Updated,Category,Target version,Start date,Due date,Estimated time,Spent time,% Done,Created,Closed,Description\n\
101,Customer A,Bug,,New,High,Booking not saved,Sato,Tanaka,2025-10-02 10:00,,,2025-10-01,,,2.50,0,2025-10-01 09:12,,\n\
102,Customer A,Feature,,New,Normal,CSV export,Sato,Tanaka,2025-11-02 10:00,,,,,,,0,2025-11-01 10:00,,\n\
103,Customer A,Bug,,New,Normal,Slow list,Sato,Tanaka,2026-01-11 10:00,,,,,,1.00,0,2026-01-10 10:00,,\n";

/// The verdicts of the Redmine exports by the preset alone: an internal
/// defect in the warranty with its cause unknown is for negotiation.
const REDMINE_VERDICTS: [&str; 3] = ["negotiate", "billable", "billable"];

fn shift_jis(text: &str) -> Vec<u8> {
    let (bytes, _, lossy) = encoding_rs::SHIFT_JIS.encode(text);
    assert!(!lossy, "every character has a Shift_JIS code");
    bytes.into_owned()
}

/// A folder with the customer's system, the profile and `files`.
fn folder(files: &[(&str, &[u8])]) -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("customer.toml"), CUSTOMER).unwrap();
    std::fs::write(dir.path().join("profile.toml"), PROFILE).unwrap();
    for (name, bytes) in files {
        std::fs::write(dir.path().join(name), bytes).unwrap();
    }
    let path = dir.path().to_owned();
    (dir, path)
}

/// The `verdict` of every row of a CSV result.
fn verdicts(out: &[u8]) -> Vec<String> {
    let records = records(out);
    let at = records[0]
        .iter()
        .position(|h| h == b"verdict")
        .expect("a verdict column");
    records[1..]
        .iter()
        .map(|r| String::from_utf8_lossy(&r[at]).into_owned())
        .collect()
}

fn classify(dir: &Path, input: &str, by: &[&str]) -> assert_cmd::assert::Assert {
    hoshu()
        .current_dir(dir)
        .args(["classify", "--batch", input, "--system", "customer.toml"])
        .args(by)
        .assert()
}

#[test]
fn every_preset_reads_and_every_header_it_names_is_a_fact_or_passes() {
    for (name, text) in PRESETS {
        let profile = Profile::from_toml(text, name).unwrap_or_else(|e| panic!("{name}: {e:?}"));
        let rules = profile.read();
        assert!(!rules.columns.may_map.is_empty(), "{name} maps no fact");
        for (fact, header) in &rules.columns.may_map {
            assert_eq!(
                rules.columns.name(header),
                hoshu::batch::Name::Fact(*fact),
                "{name}: {header}"
            );
        }
        for header in &rules.columns.may_pass {
            assert_eq!(
                rules.columns.name(header),
                hoshu::batch::Name::Pass,
                "{name}: {header}"
            );
        }
    }
}

/// Backlog's Japanese export as Excel saves it (Shift_JIS, CR LF) with a
/// firm's profile: every ticket classified, the multi-line description and
/// every other cell passed through byte for byte (in UTF-8).
#[test]
fn a_backlog_export_saved_by_excel_classifies_by_a_firms_profile() {
    let (_dir, dir) = folder(&[("backlog.csv", &shift_jis(BACKLOG_JA))]);
    let out = classify(&dir, "backlog.csv", &["--profile", "profile.toml"])
        .success()
        .stderr(contains(
            "5 rows by the profile profile.toml (over the preset backlog)",
        ))
        .get_output()
        .stdout
        .clone();
    assert_eq!(verdicts(&out), BACKLOG_VERDICTS);
    let input = records(BACKLOG_JA.as_bytes());
    let output = records(&out);
    assert_eq!(output.len(), input.len());
    for (i, o) in input.iter().zip(&output) {
        assert_eq!(
            &o.iter().take(i.len()).collect::<Vec<_>>(),
            &i.iter().collect::<Vec<_>>()
        );
    }
}

/// The preset alone reads Backlog's standard columns but refuses the
/// custom field 原因 (a fact's stem) until the profile maps it, and a type
/// it does not know (タスク) is a row error naming the value and column.
#[test]
fn the_preset_alone_refuses_what_it_cannot_read_with_certainty() {
    let (_dir, dir) = folder(&[("backlog.csv", &shift_jis(BACKLOG_JA))]);
    classify(&dir, "backlog.csv", &["--preset", "backlog"])
        .code(2)
        .stderr(contains(
            "the column `原因` looks like the fact `external_cause`",
        ));
    let without_cause = BACKLOG_JA.replace(",原因\r\n", ",理由\r\n");
    let (_dir, dir) = folder(&[("backlog.csv", &shift_jis(&without_cause))]);
    let out = classify(&dir, "backlog.csv", &["--preset", "backlog"])
        .code(2)
        .stderr(
            contains("row 5 (line 8): column 種別: `タスク`")
                .and(contains("[values.kind] (\"タスク\" = \"…\")"))
                .and(contains("by the preset backlog")),
        )
        .get_output()
        .stdout
        .clone();
    assert_eq!(
        verdicts(&out),
        ["negotiate", "negotiate", "billable", "billable", ""]
    );
}

/// The same tickets from Backlog's English UI, saved with a BOM: the same
/// verdicts as in Japanese.
#[test]
fn backlogs_english_export_reads_as_its_japanese_one() {
    let (_dir, dir) = folder(&[("backlog-en.csv", BACKLOG_EN.as_bytes())]);
    let out = classify(&dir, "backlog-en.csv", &["--preset", "backlog"])
        .success()
        .get_output()
        .stdout
        .clone();
    assert_eq!(verdicts(&out), ["negotiate", "billable", "billable"]);
}

#[test]
fn redmine_exports_in_both_languages_classify_alike() {
    let (_dir, dir) = folder(&[
        ("redmine-ja.csv", &shift_jis(REDMINE_JA)),
        ("redmine-en.csv", REDMINE_EN.as_bytes()),
    ]);
    for file in ["redmine-ja.csv", "redmine-en.csv"] {
        let out = classify(&dir, file, &["--preset", "redmine"])
            .success()
            .get_output()
            .stdout
            .clone();
        assert_eq!(verdicts(&out), REDMINE_VERDICTS, "{file}");
    }
}

/// Jira's English export (its default dates, `01/Oct/25 9:12 AM`) and
/// Japanese one, and Zendesk's: the same tickets, the same verdicts.
#[test]
fn jira_and_zendesk_exports_classify_alike() {
    let jira_en = "Summary,Issue key,Issue id,Issue Type,Status,Project key,Reporter,Creator,Created,Updated,Time Spent,Project type\n\
                   Booking not saved,CUS-1,10001,Bug,Open,CUS,Sato,Sato,01/Oct/25 9:12 AM,02/Oct/25 10:00 AM,9000,software\n\
                   CSV export,CUS-2,10002,New Feature,Open,CUS,Sato,Sato,01/Nov/25 11:30 PM,02/Nov/25 10:00 AM,,software\n\
                   Slow list,CUS-3,10003,Bug,Open,CUS,Sato,Sato,10/Jan/26 2:05 PM,11/Jan/26 10:00 AM,3600,software\n";
    let jira_ja = "要約,課題キー,課題 ID,課題タイプ,ステータス,報告者,作成者,作成日,更新日,作業時間\n\
                   予約が保存されない,CUS-1,10001,バグ,未着手,佐藤,佐藤,2025/10/01 9:12,2025/10/02 10:00,9000\n\
                   CSV出力,CUS-2,10002,新機能,未着手,佐藤,佐藤,2025/11/01 23:30,2025/11/02 10:00,\n\
                   一覧が遅い,CUS-3,10003,バグ,未着手,佐藤,佐藤,2026/01/10 14:05,2026/01/11 10:00,3600\n";
    let zendesk = "Id,Requester,Subject,Status,Priority,Ticket type,Created at,Updated at,Tags\n\
                   1,Sato,Booking not saved,open,high,problem,2025-10-01 09:12:33 +0900,2025-10-02 10:00,\n\
                   2,Sato,Slow list,open,normal,Problem,2026-01-10 14:05,2026-01-11 10:00,\n";
    let (_dir, dir) = folder(&[
        ("jira-en.csv", jira_en.as_bytes()),
        ("jira-ja.csv", jira_ja.as_bytes()),
        ("zendesk.csv", zendesk.as_bytes()),
    ]);
    for (file, preset, expected) in [
        ("jira-en.csv", "jira", &REDMINE_VERDICTS[..]),
        ("jira-ja.csv", "jira", &REDMINE_VERDICTS[..]),
        ("zendesk.csv", "zendesk", &["negotiate", "billable"][..]),
    ] {
        let out = classify(&dir, file, &["--preset", preset])
            .success()
            .get_output()
            .stdout
            .clone();
        assert_eq!(verdicts(&out), expected, "{file}");
    }
}

/// A value map applies to JSON Lines keys as to CSV cells.
#[test]
fn a_profiles_values_map_json_lines_too() {
    let jsonl = "{\"キー\":\"CUSA-1\",\"種別\":\"バグ\",\"登録日\":\"2025/10/01\",\"原因\":\"自社起因\"}\n\
                 {\"キー\":\"CUSA-2\",\"種別\":\"タスク\",\"登録日\":\"2026/01/12\"}\n\
                 {\"キー\":\"CUSA-3\",\"種別\":\"雑談\",\"登録日\":\"2026/01/12\"}\n";
    let (_dir, dir) = folder(&[("tickets.jsonl", jsonl.as_bytes())]);
    let out = classify(&dir, "tickets.jsonl", &["--profile", "profile.toml"])
        .code(2)
        .stderr(contains("row 3 (line 3): column 種別: `雑談`"))
        .get_output()
        .stdout
        .clone();
    let verdicts: Vec<String> = String::from_utf8(out)
        .unwrap()
        .lines()
        .map(|l| {
            let v: serde_json::Value = serde_json::from_str(l).unwrap();
            v["verdict"].as_str().unwrap_or_default().to_owned()
        })
        .collect();
    assert_eq!(verdicts, ["covered", "covered", ""]);
}

/// A flag maps over the profile: `--column kind=分類` reads 分類, and the
/// preset's 種別 is then an ordinary column (passed, as the fact's own
/// Japanese name, it would be refused as given twice).
#[test]
fn a_flag_maps_over_the_profile() {
    let csv = "キー,分類,登録日\r\nA-1,バグ,2025/10/01\r\n";
    let (_dir, dir) = folder(&[("t.csv", csv.as_bytes())]);
    let out = classify(
        &dir,
        "t.csv",
        &["--preset", "backlog", "--column", "kind=分類"],
    )
    .success()
    .get_output()
    .stdout
    .clone();
    // バグ read through the preset's map of the fact, whichever column.
    assert_eq!(verdicts(&out), ["negotiate"]);
}

/// `--explain-columns` says how every header is read and where every fact
/// comes from, and classifies nothing.
#[test]
fn explain_columns_says_how_each_header_is_read() {
    let (_dir, dir) = folder(&[("backlog.csv", &shift_jis(BACKLOG_JA))]);
    for lang in ["en", "ja"] {
        let out = hoshu()
            .current_dir(&dir)
            .env("COLUMNS", "100")
            .args(["--lang", lang, "classify", "--batch", "backlog.csv"])
            .args(["--system", "customer.toml", "--profile", "profile.toml"])
            .arg("--explain-columns")
            .assert()
            .success()
            .get_output()
            .stdout
            .clone();
        insta::assert_snapshot!(
            format!("explain_columns_{lang}"),
            String::from_utf8(out).unwrap()
        );
    }
}

/// `hoshu check --profile` says every problem at once, at its line and key,
/// and a good profile is ok.
#[test]
fn check_profile_reports_every_problem_at_its_key() {
    let bad = "preset = \"backlg\"\n\
               [columns]\n\
               deliverd = \"納品\"\n\
               [values.kind]\n\
               \"タスク\" = \"operate\"\n\
               [defaults]\n\
               warranty_months = \"200\"\n\
               [ticket]\n\
               hours = \"\"\n";
    let (_dir, dir) = folder(&[("bad.toml", bad.as_bytes())]);
    hoshu()
        .current_dir(&dir)
        .args(["check", "--profile", "bad.toml"])
        .assert()
        .code(2)
        .stderr(
            contains("bad.toml:1:")
                .and(contains("did you mean `backlog`?"))
                .and(contains("bad.toml:3:"))
                .and(contains("did you mean `delivered`?"))
                .and(contains("bad.toml:5:"))
                .and(contains("`operate` is not allowed"))
                .and(contains("bad.toml:7:"))
                .and(contains("`200` is not a warranty term"))
                .and(contains("bad.toml:9:")),
        );
    hoshu()
        .current_dir(&dir)
        .args(["check", "--profile", "profile.toml"])
        .assert()
        .success()
        .stdout(contains(
            "profile.toml: ok — a batch profile over the preset backlog",
        ));
    // A plan the card does not have, as a default or a mapped value.
    let plans = "[defaults]\nplan = \"gold\"\n[values.plan]\n\"保守A\" = \"silver\"\n";
    let (_dir, dir) = folder(&[("plans.toml", plans.as_bytes())]);
    hoshu()
        .current_dir(&dir)
        .args(["check", "--profile", "plans.toml"])
        .assert()
        .code(2)
        .stderr(contains("plans.toml:2:").and(contains("plans.toml:4:")));
}

#[test]
fn an_unknown_preset_is_refused_with_the_presets_listed() {
    hoshu()
        .args(["classify", "--batch", "-", "--preset", "backlg"])
        .assert()
        .code(2)
        .stderr(contains(format!(
            "presets: {}; did you mean `backlog`?",
            PRESETS.map(|(name, _)| name).join(", ")
        )));
}

/// The result of a Shift_JIS export goes back to Excel: a BOM, CR LF, the
/// results in the user's language; `--result-columns ids` and `--no-excel`
/// keep what scripts read; read back, the results are replaced in place.
#[test]
fn results_of_an_excel_file_open_in_excel_in_the_users_language() {
    let (_dir, dir) = folder(&[("backlog.csv", &shift_jis(BACKLOG_JA))]);
    let run = |args: &[&str]| {
        hoshu()
            .current_dir(&dir)
            .args(&args[..2])
            .args([
                "classify",
                "--batch",
                "backlog.csv",
                "--system",
                "customer.toml",
            ])
            .args(&args[2..])
            .args(["--profile", "profile.toml", "--output", "out.csv"])
            .assert()
            .success();
        std::fs::read(dir.join("out.csv")).unwrap()
    };
    let ja = run(&["--lang", "ja"]);
    assert!(ja.starts_with(b"\xEF\xBB\xBF"));
    let text = String::from_utf8(ja[3..].to_vec()).unwrap();
    assert_eq!(text.matches("\r\n").count(), text.matches('\n').count());
    let header = text.lines().next().unwrap();
    assert!(
        header.ends_with(",原因,判定,根拠,保証期限,エラー"),
        "{header}"
    );
    let verdicts: Vec<&str> = text
        .lines()
        .filter_map(|l| l.split(',').rev().nth(3))
        .skip(1)
        .filter(|v| v.contains("対応"))
        .collect();
    assert_eq!(
        verdicts,
        ["無償対応", "有償対応", "有償対応", "有償対応", "無償対応"]
    );
    // Every input cell kept: the multi-line description with its CR LF.
    assert!(text.contains("\"手順:\r\n1. 予約する\r\n2. 一覧を見る\""));

    let en = run(&["--lang", "en"]);
    assert!(en.starts_with(b"\xEF\xBB\xBF"));
    assert_eq!(verdicts_of(&en[3..]), BACKLOG_VERDICTS);
    let ids = run(&["--lang", "ja", "--result-columns", "ids"]);
    assert!(ids.starts_with(b"\xEF\xBB\xBF"));
    assert_eq!(verdicts_of(&ids[3..]), BACKLOG_VERDICTS);
    let plain = run(&["--lang", "ja", "--no-excel"]);
    assert!(!plain.starts_with(b"\xEF\xBB\xBF"));
    assert!(String::from_utf8_lossy(&plain).contains(",error\n"));
    assert_eq!(verdicts_of(&plain), BACKLOG_VERDICTS);

    // Read back: the Japanese result columns are this run's, in place.
    std::fs::rename(dir.join("out.csv"), dir.join("again.csv")).unwrap();
    std::fs::write(dir.join("again.csv"), &ja).unwrap();
    hoshu()
        .current_dir(&dir)
        .args(["--lang", "ja", "classify", "--batch", "again.csv"])
        .args(["--system", "customer.toml", "--profile", "profile.toml"])
        .args(["--output", "out.csv"])
        .assert()
        .success();
    assert_eq!(std::fs::read(dir.join("out.csv")).unwrap(), ja);
}

/// `--output-encoding shift_jis`: the file reads back as CP932 with the
/// same cells; a character Shift_JIS has no code for is `?`, said on
/// stderr with the count.
#[test]
fn shift_jis_output_reads_back_and_says_what_it_could_not_write() {
    let csv = "キー,種別,登録日,件名\r\nA-1,バグ,2025/10/01,予約が保存されない 😀🎉\r\n";
    let (_dir, dir) = folder(&[("t.csv", csv.as_bytes())]);
    hoshu()
        .current_dir(&dir)
        .args([
            "--lang", "ja", "classify", "--batch", "t.csv", "--preset", "backlog",
        ])
        .args([
            "--system",
            "customer.toml",
            "--output-encoding",
            "shift_jis",
        ])
        .args(["--output", "out.csv"])
        .assert()
        .success()
        .stderr(contains(
            "出力の2文字は Shift_JIS にない文字のため `?` で書きました",
        ));
    let bytes = std::fs::read(dir.join("out.csv")).unwrap();
    let (text, _, bad) = encoding_rs::SHIFT_JIS.decode(&bytes);
    assert!(!bad);
    assert_eq!(
        text,
        "キー,種別,登録日,件名,判定,根拠,保証期限,エラー\r\n\
         A-1,バグ,2025/10/01,予約が保存されない ??,要協議,unsettled,2025-12-01,\r\n"
    );
}

#[test]
fn excel_shaping_is_refused_for_json_lines_output() {
    for flag in [
        &["--excel"][..],
        &["--output-encoding", "shift_jis"],
        &["--result-columns", "words"],
    ] {
        hoshu()
            .args(["classify", "--batch", "-", "--format", "jsonl"])
            .args(flag)
            .write_stdin("{\"delivered\":\"2024-01-10\"}\n")
            .assert()
            .code(2)
            .stderr(contains("this one is JSON Lines"));
    }
}

fn verdicts_of(out: &[u8]) -> Vec<String> {
    verdicts(out)
}

/// A multi-customer export: each row takes the contract of its project's
/// system file (by file name or `name`); a project no file is, or none, is
/// that row's error; a column of the row still wins.
#[test]
fn a_multi_customer_export_takes_each_rows_contract_from_its_project() {
    let other = "name = \"顧客B コーポレートサイト\"\n\
                 [delivery]\ndate = 2024-04-01\nwarranty_months = 6\n\
                 [maintenance]\nplan = \"full\"\nstart = 2024-04-01\n";
    let csv = "キー,プロジェクト名,種別,件名,登録日,納品日\r\n\
               A-1,custa,バグ,a,2025/10/01,\r\n\
               B-1,顧客B コーポレートサイト,バグ,b,2025/10/01,\r\n\
               C-1,custc,バグ,c,2025/10/01,\r\n\
               D-1,,バグ,d,2025/10/01,\r\n\
               A-2,custa,バグ,e,2026/01/10,2025/12/20\r\n";
    let (_dir, dir) = folder(&[("multi.csv", csv.as_bytes())]);
    std::fs::create_dir(dir.join("systems")).unwrap();
    std::fs::write(dir.join("systems/custa.toml"), CUSTOMER).unwrap();
    std::fs::write(dir.join("systems/custb.toml"), other).unwrap();
    std::fs::write(dir.join("systems/notes.txt"), "not a system").unwrap();
    let multi = |args: &[&str]| {
        hoshu()
            .current_dir(&dir)
            .args(["classify", "--batch", "multi.csv", "--preset", "backlog"])
            .args(["--systems", "systems"])
            .args(args)
            .assert()
    };
    let out = multi(&["--project-column", "プロジェクト名", "--no-excel"])
        .code(2)
        .stderr(
            contains("row 3 (line 4): column プロジェクト名: no system file of --systems is the project `custc`")
                .and(contains("did you mean `custa`?"))
                .and(contains("row 4 (line 5): column プロジェクト名: no project given")),
        )
        .get_output()
        .stdout
        .clone();
    // custa: in its warranty, the cause unknown; custb: the full plan;
    // A-2: delivered (by its own cell) 2025-12-20, in that warranty.
    assert_eq!(
        verdicts(&out),
        ["negotiate", "covered", "", "", "negotiate"]
    );
    let records = records(&out);
    assert_eq!(
        &records[5][8], b"2026-03-20",
        "A-2's warranty from its own delivery"
    );
    multi(&["--project-column", "Project"])
        .code(2)
        .stderr(contains(
            "--project-column Project names a column the file does not have",
        ));
    // Two files a row could name alike.
    std::fs::write(
        dir.join("systems/custc.toml"),
        other.replace("顧客B コーポレートサイト", "custa"),
    )
    .unwrap();
    multi(&["--project-column", "プロジェクト名"])
        .code(2)
        .stderr(contains("two system files are the project `custa`"));
    let (_empty, empty) = folder(&[("multi.csv", csv.as_bytes())]);
    std::fs::create_dir(empty.join("systems")).unwrap();
    hoshu()
        .current_dir(&empty)
        .args(["classify", "--batch", "multi.csv", "--systems", "systems"])
        .args(["--project-column", "プロジェクト名"])
        .assert()
        .code(2)
        .stderr(contains("the folder has no system file"));
}

/// `--comments`: every row gets the verdict as a ticket comment, the same
/// text as `classify --format markdown` for that case, and a row that is
/// not covered its estimate from its hours, in CSV and JSON Lines.
#[test]
fn comments_say_each_verdict_as_classify_markdown_does_with_the_estimate() {
    let (_dir, dir) = folder(&[("backlog.csv", &shift_jis(BACKLOG_JA))]);
    let batch = |format: &str| {
        hoshu()
            .current_dir(&dir)
            .args(["--lang", "ja", "classify", "--batch", "backlog.csv"])
            .args(["--system", "customer.toml", "--profile", "profile.toml"])
            .args(["--comments", "--format", format])
            .assert()
            .success()
            .get_output()
            .stdout
            .clone()
    };
    let one = |args: &[&str]| {
        let out = hoshu()
            .current_dir(&dir)
            .args(["--lang", "ja", "classify", "--system", "customer.toml"])
            .args(args)
            .args(["--format", "markdown"])
            .output()
            .unwrap();
        String::from_utf8(out.stdout).unwrap()
    };
    // CUSA-2: an external cause in the warranty, the plan excludes it; 4 h.
    let cusa2 = one(&[
        "--kind",
        "defect",
        "--reported",
        "2025-10-15",
        "--external-cause",
        "yes",
        "--hours",
        "4",
    ]);
    // CUSA-1: the builder's own defect in the warranty: covered, no estimate.
    let cusa1 = one(&[
        "--kind",
        "defect",
        "--reported",
        "2025-10-01",
        "--external-cause",
        "no",
    ]);

    let lines: Vec<serde_json::Value> = String::from_utf8(batch("jsonl"))
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(lines[1]["estimate"], 44000);
    assert_eq!(lines[1]["comment"].as_str().unwrap(), cusa2);
    assert_eq!(lines[0]["estimate"], serde_json::Value::Null);
    assert_eq!(lines[0]["comment"].as_str().unwrap(), cusa1);
    // CUSA-3 has no hours: billable, no estimate.
    assert_eq!(lines[2]["verdict"], "billable");
    assert_eq!(lines[2]["estimate"], serde_json::Value::Null);

    let csv = batch("csv");
    let text = String::from_utf8(csv[3..].to_vec()).unwrap();
    assert!(
        text.lines()
            .next()
            .unwrap()
            .ends_with(",判定,根拠,保証期限,エラー,見積額,判定コメント")
    );
    let rows = records(&csv);
    assert_eq!(&rows[2][rows[2].len() - 2], b"44000");
    assert_eq!(String::from_utf8_lossy(&rows[2][rows[2].len() - 1]), cusa2);
}

/// An hours cell that is no number of hours is that row's error; zero or
/// empty is no estimate. Without --comments a `comment` column is the
/// user's and passes through; with it, an earlier comment is replaced.
#[test]
fn hours_and_comment_columns_are_read_with_care() {
    let csv = "delivered,reported,kind,external_cause,hours,comment\n\
               2024-01-10,2025-03-01,defect,no,1.5,old\n\
               2024-01-10,2025-03-01,defect,no,abc,old\n\
               2024-01-10,2025-03-01,defect,no,0,old\n";
    let plain = hoshu()
        .args(["classify", "--batch", "-"])
        .write_stdin(csv)
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let rows = records(&plain);
    assert_eq!(
        rows[0].iter().collect::<Vec<_>>(),
        [
            &b"delivered"[..],
            b"reported",
            b"kind",
            b"external_cause",
            b"hours",
            b"comment",
            b"verdict",
            b"rule",
            b"warranty_end",
            b"error"
        ]
    );
    assert_eq!(&rows[1][5], b"old");
    let with = hoshu()
        .args(["classify", "--batch", "-", "--comments"])
        .write_stdin(csv)
        .assert()
        .code(2)
        .stderr(contains(
            "row 2 (line 3): column hours: `abc` is not a number of hours",
        ))
        .get_output()
        .stdout
        .clone();
    let rows = records(&with);
    assert_eq!(rows[0].len(), 11, "the comment column replaced in place");
    assert_eq!(&rows[0][5], b"comment");
    assert!(String::from_utf8_lossy(&rows[1][5]).starts_with("### Verdict: **billable**"));
    assert_eq!(&rows[1][10], b"16500", "1.5 h × ¥10,000 + 10% tax");
    assert_eq!(&rows[3][10], b"", "0 hours: no estimate");
}
