//! The hostile-input corpus (issue 7): each way a batch could give a wrong
//! verdict with exit 0, lose data or harm a file, reproduced and pinned.

use predicates::prelude::PredicateBooleanExt;
use predicates::str::contains;
use std::io::Write;
use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use crate::batch::{records, run_with};
use crate::support::hoshu;
use hoshu::batch::{ColumnRules, DataFormat, Encoding};
use hoshu::intake::Field;

fn dir() -> tempfile::TempDir {
    tempfile::tempdir().unwrap()
}

fn write(dir: &Path, name: &str, bytes: impl AsRef<[u8]>) -> PathBuf {
    let path = dir.join(name);
    std::fs::write(&path, bytes).unwrap();
    path
}

const ROW: &str = "T-1,Checkout,2024-01-10,2024-06-01,no\n";

/// Every file in `dir` but the ones named.
fn leftovers(dir: &Path) -> Vec<String> {
    std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with(".hoshu-"))
        .collect()
}

// 1. Columns.

#[test]
fn a_near_miss_fact_header_stops_the_run_before_any_row_and_writes_nothing() {
    for header in ["Delivered", " delivered ", "delivery_date"] {
        let d = dir();
        let input = write(
            d.path(),
            "t.csv",
            format!("id,title,{header},reported,external_cause\n{ROW}"),
        );
        let out = d.path().join("out.csv");
        hoshu()
            .args(["classify", "--batch"])
            .arg(&input)
            .arg("--output")
            .arg(&out)
            .assert()
            .code(2)
            .stdout("")
            .stderr(
                contains(format!(
                    "the column `{header}` looks like the fact `delivered`"
                ))
                .and(contains("map it with --column"))
                .and(contains("--pass")),
            );
        assert!(!out.exists(), "nothing written for {header:?}");
        assert!(leftovers(d.path()).is_empty());
    }
}

#[test]
fn a_mapped_header_gives_the_right_verdict() {
    hoshu()
        .args([
            "classify",
            "--batch",
            "-",
            "--column",
            "delivered=Delivered",
            "--warranty-months",
            "3",
        ])
        .write_stdin(format!("id,title,Delivered,reported,external_cause\n{ROW}"))
        .assert()
        .success()
        .stdout(contains(
            "2024-06-01,no,billable,after.warranty-expired,2024-04-10,",
        ));
}

#[test]
fn a_passed_header_is_read_as_pass_through() {
    hoshu()
        .args([
            "classify",
            "--batch",
            "-",
            "--pass",
            "Delivered",
            "--reported",
            "2024-06-01",
        ])
        .write_stdin("id,Delivered,delivered,external_cause\n1,x,2024-01-10,yes\n")
        .assert()
        .success()
        .stdout(contains("1,x,2024-01-10,yes,billable,after.external-cause"));
}

#[test]
fn japanese_column_names_are_facts() {
    hoshu()
        .args(["classify", "--batch", "-", "--warranty-months", "3"])
        .write_stdin("番号,納品日,報告日,外部要因,種別\n1,2024-01-10,2024-03-01,いいえ,不具合\n")
        .assert()
        .success()
        .stdout(contains(
            "1,2024-01-10,2024-03-01,いいえ,不具合,covered,after.warranty",
        ));
}

#[test]
fn no_fact_column_and_no_fact_flag_is_nothing_to_classify_by() {
    hoshu()
        .args(["classify", "--batch", "-"])
        .write_stdin("id,title\n1,x\n")
        .assert()
        .code(2)
        .stdout("")
        .stderr(contains("nothing to classify by"));
    hoshu()
        .args(["classify", "--batch", "-", "--delivered", "2024-01-10"])
        .write_stdin("id,title\n1,x\n")
        .assert()
        .success();
}

#[test]
fn a_fact_given_twice_is_refused() {
    hoshu()
        .args(["classify", "--batch", "-"])
        .write_stdin("delivered,納品日\n2024-01-10,2024-01-10\n")
        .assert()
        .code(2)
        .stderr(contains("is given twice, by `delivered` and by `納品日`"));
    hoshu()
        .args(["classify", "--batch", "-", "--column", "delivered=day"])
        .write_stdin("delivered,day\n2024-01-10,2024-01-10\n")
        .assert()
        .code(2)
        .stderr(contains("is given twice"));
}

#[test]
fn jsonl_near_miss_keys_are_row_errors() {
    let r = run_with(
        b"{\"Delivered\":\"2024-01-10\"}\n{\"delivered\":\"2024-01-10\"}\n",
        DataFormat::Jsonl,
        DataFormat::Jsonl,
        |_| {},
    );
    assert_eq!((r.summary.rows, r.summary.errors), (2, 1));
    let mapped = ColumnRules {
        mapped: vec![(Field::Delivered, "Delivered".into())],
        ..ColumnRules::default()
    };
    let r = run_with(
        b"{\"Delivered\":\"2024-01-10\"}\n",
        DataFormat::Jsonl,
        DataFormat::Jsonl,
        |o| o.columns = Box::leak(Box::new(mapped)),
    );
    assert_eq!(r.summary.errors, 0);
}

// 2. Shape.

#[test]
fn an_unquoted_comma_is_an_error_naming_both_counts_and_the_rejects_keep_the_row() {
    let d = dir();
    let input = write(
        d.path(),
        "t.csv",
        "id,title,delivered,reported,external_cause\nT-9,Checkout broken, again,2024-01-10,2024-06-01,no\nT-10,ok,2024-01-10,2024-06-01,yes\n",
    );
    let (out, rejects) = (d.path().join("out.csv"), d.path().join("rejects.csv"));
    hoshu()
        .args(["classify", "--batch"])
        .arg(&input)
        .arg("--output")
        .arg(&out)
        .arg("--rejects")
        .arg(&rejects)
        .assert()
        .code(2)
        .stderr(contains("has 6 fields but the header has 5"));
    let rows = records(&std::fs::read(&out).unwrap());
    assert!(rows.iter().all(|r| r.len() == 9), "rectangular: {rows:?}");
    assert_eq!(&rows[1][5], b"", "no verdict under `verdict`");
    assert!(rows[1][8].starts_with(b"row 1 (line 2): has 6 fields"));
    assert_eq!(&rows[2][5], b"billable");
    assert_eq!(
        std::fs::read_to_string(&rejects).unwrap(),
        "rejected_row,id,title,delivered,reported,external_cause\n1,T-9,Checkout broken, again,2024-01-10,2024-06-01,no\n"
    );
}

#[test]
fn a_short_row_is_padded_and_its_results_stay_under_their_headers() {
    let r = run_with(
        b"id,title,delivered,reported,external_cause,kind\nT-1,short\n",
        DataFormat::Csv,
        DataFormat::Csv,
        // --reported given: a row of no fact cells is classified by it.
        |o| o.defaults.reported = Some(crate::support::d("2026-11-28")),
    );
    let rows = records(&r.out);
    assert_eq!(rows[1].len(), 10);
    assert_eq!(&rows[1][6], b"negotiate", "verdict under verdict");
    assert_eq!(&rows[1][7], b"unsettled", "rule under rule");
}

// 3. JSON Lines fidelity.

#[test]
fn jsonl_result_keys_are_replaced_and_every_other_byte_kept() {
    let line = r#"{"id":12345678901234567890123,"t":"a\u00e9\"","delivered":"2024-01-10","reported":"2024-03-01","external_cause":"no","warranty_months":3,"verdict":null,"x":[1.50,{"y":true}]}"#;
    let r = run_with(
        line.as_bytes(),
        DataFormat::Jsonl,
        DataFormat::Jsonl,
        |_| {},
    );
    let out = String::from_utf8(r.out).unwrap();
    assert_eq!(
        out,
        "{\"id\":12345678901234567890123,\"t\":\"a\\u00e9\\\"\",\"delivered\":\"2024-01-10\",\"reported\":\"2024-03-01\",\"external_cause\":\"no\",\"warranty_months\":3,\"x\":[1.50,{\"y\":true}],\"verdict\":\"covered\",\"rule\":\"after.warranty\",\"warranty_end\":\"2024-04-10\",\"error\":null}\n"
    );
    assert_eq!(out.matches("\"verdict\"").count(), 1);
}

#[test]
fn jsonl_duplicate_keys_are_a_row_error() {
    let r = run_with(
        br#"{"delivered":"2024-01-10","delivered":"2025-01-10"}"#,
        DataFormat::Jsonl,
        DataFormat::Jsonl,
        |_| {},
    );
    assert_eq!(r.summary.errors, 1);
    assert!(String::from_utf8(r.out).unwrap().contains("is given twice"));
}

#[test]
fn jsonl_to_csv_columns_are_not_decided_by_the_first_line() {
    let input = "{bad\n{\"id\":1,\"delivered\":\"2024-01-10\",\"reported\":\"2024-03-01\",\"external_cause\":\"yes\"}\n{\"id\":2,\"delivered\":\"2024-01-10\",\"late\":\"x\"}\n";
    let r = run_with(input.as_bytes(), DataFormat::Jsonl, DataFormat::Csv, |_| {});
    let rows = records(&r.out);
    assert_eq!(
        rows[0].iter().collect::<Vec<_>>(),
        [
            &b"id"[..],
            b"delivered",
            b"reported",
            b"external_cause",
            b"late",
            b"input",
            b"verdict",
            b"rule",
            b"warranty_end",
            b"error"
        ]
    );
    assert_eq!(&rows[1][5], b"{bad", "the raw line is kept");
    assert_eq!(&rows[2][6], b"billable");
    assert_eq!(
        (&rows[3][4], &rows[3][9]),
        (&b"x"[..], &b""[..]),
        "a late key is no error"
    );
    assert_eq!(r.summary.errors, 1);
}

#[test]
fn a_csv_header_with_a_name_twice_keeps_both_values_in_jsonl() {
    let r = run_with(
        b"note,note,delivered\na,b,2024-01-10\n",
        DataFormat::Csv,
        DataFormat::Jsonl,
        |_| {},
    );
    let v: serde_json::Value = serde_json::from_slice(&r.out).unwrap();
    assert_eq!(
        (v["note"].as_str(), v["note_2"].as_str()),
        (Some("a"), Some("b"))
    );
}

// 4. Encoding.

#[test]
fn invalid_utf8_split_across_two_cells_is_caught() {
    let r = run_with(
        b"id,title,note,delivered\n1,\xe6\x97,\xa5,2024-01-10\n",
        DataFormat::Csv,
        DataFormat::Csv,
        |o| o.encoding = Encoding::Utf8,
    );
    assert_eq!(r.summary.errors, 1);
    assert!(
        r.errors[0]
            .to_string()
            .contains("column title: not valid UTF-8 text")
    );
}

#[test]
fn shift_jis_from_excel_is_read_and_written_as_utf8() {
    let text = "番号,件名,納品日,報告日,外部要因\r\n1,決済エラー,2024-01-10,2024-06-01,はい\r\n";
    let (sjis, _, _) = encoding_rs::SHIFT_JIS.encode(text);
    for encoding in [Encoding::Auto, Encoding::ShiftJis] {
        let r = run_with(&sjis, DataFormat::Csv, DataFormat::Csv, |o| {
            o.encoding = encoding
        });
        let out = String::from_utf8(r.out).expect("output is UTF-8");
        assert!(
            out.contains("1,決済エラー,2024-01-10,2024-06-01,はい,billable,after.external-cause"),
            "{out}"
        );
    }
}

/// A byte that is not text is a row error naming its column, in either
/// encoding, and the output stays UTF-8 (U+FFFD where the bytes were): the
/// row is never written raw.
#[test]
fn a_byte_invalid_in_its_encoding_is_a_row_error_and_the_output_stays_utf8() {
    for (input, encoding, name, shown) in [
        (
            &b"id,title,delivered\n1,\x82,2024-01-10\n"[..],
            Encoding::ShiftJis,
            "Shift_JIS",
            "1,\u{FFFD},2024-01-10,",
        ),
        (
            &b"id,title,delivered\n1,\x8c\x88\x8d\xcf\x82,2024-01-10\n"[..],
            Encoding::Auto,
            "Shift_JIS",
            "1,\u{6C7A}\u{6E08}\u{FFFD},2024-01-10,",
        ),
        (
            &b"id,title,delivered\n1,\xff\xfe,2024-01-10\n"[..],
            Encoding::Utf8,
            "UTF-8",
            "1,\u{FFFD}\u{FFFD},2024-01-10,",
        ),
    ] {
        for to in [DataFormat::Csv, DataFormat::Jsonl] {
            let r = run_with(input, DataFormat::Csv, to, |o| o.encoding = encoding);
            assert!(
                r.errors[0]
                    .to_string()
                    .contains(&format!("column title: not valid {name} text")),
                "{}",
                r.errors[0]
            );
            let out = String::from_utf8(r.out).expect("the output is UTF-8");
            if to == DataFormat::Csv {
                assert!(out.contains(shown), "{out}");
            }
        }
    }
}

/// An unclosed quote swallows the rest of the file into one cell; csv
/// says nothing. It is a row error at the line where the quote opened, and
/// nothing is lost: the output and --rejects hold every later row's text.
/// A closed multi-line cell, an escaped quote and a stray quote inside a
/// cell are not this error; a long file (many reads) is caught too.
#[test]
fn an_unclosed_quote_is_a_row_error_at_the_line_it_opened() {
    let d = dir();
    let mut text = String::from("id,title,delivered,reported,external_cause\n");
    for i in 0..20_000 {
        if i == 3 {
            text.push_str("3,\"Checkout,2024-01-10,2024-03-01,no\n");
        } else {
            text.push_str(&format!("{i},Ticket {i},2024-01-10,2024-03-01,no\n"));
        }
    }
    let input = write(d.path(), "in.csv", &text);
    let rejects = d.path().join("rejects.csv");
    hoshu()
        .args(["classify", "--batch"])
        .arg(&input)
        .arg("--rejects")
        .arg(&rejects)
        .assert()
        .code(2)
        .stdout(contains("Ticket 19999"))
        .stderr(contains(
            "row 4 (line 5): the quote opened on line 5 is never closed",
        ))
        .stderr(contains("4 rows"));
    let kept = std::fs::read_to_string(&rejects).unwrap();
    assert!(
        kept.contains("Ticket 19999"),
        "the rejects keep the swallowed rows"
    );

    // On the last line, without a line break at the end: the cell is short.
    let last = run_with(
        b"id,title,delivered\n1,ok,2024-01-10\n2,\"broken,2024-01-10",
        DataFormat::Csv,
        DataFormat::Csv,
        |_| {},
    );
    assert_eq!(last.errors.len(), 1);
    assert_eq!(
        last.errors[0].problem,
        hoshu::batch::RowProblem::UnclosedQuote { opened: 3 }
    );
    // Closed cells are not the error, with or without a final line break.
    for fine in [
        &b"id,title,delivered\n1,\"a\nb\",2024-01-10"[..],
        b"id,title,delivered\n1,\"a\nb\",2024-01-10\n",
        b"id,title,delivered\n1,\"say \"\"hi\"\"\",2024-01-10",
        b"id,title,delivered\n1,5\" screen,2024-01-10\n",
    ] {
        let r = run_with(fine, DataFormat::Csv, DataFormat::Csv, |_| {});
        assert!(
            r.errors.is_empty(),
            "{:?}: {:?}",
            String::from_utf8_lossy(fine),
            r.errors
        );
    }
}

// 5. Writing files.

fn batch_to(out: &Path) -> assert_cmd::assert::Assert {
    hoshu()
        .args(["classify", "--batch", "examples/tickets.csv", "--output"])
        .arg(out)
        .assert()
}

#[test]
fn output_through_a_symlink_replaces_the_target_and_keeps_the_link() {
    let d = dir();
    let target = write(d.path(), "target.csv", "old\n");
    let link = d.path().join("link.csv");
    std::os::unix::fs::symlink("target.csv", &link).unwrap();
    batch_to(&link).code(2);
    assert!(link.symlink_metadata().unwrap().file_type().is_symlink());
    assert!(
        std::fs::read_to_string(&target)
            .unwrap()
            .starts_with("id,title")
    );
}

#[test]
fn output_keeps_an_existing_files_mode() {
    let d = dir();
    let out = write(d.path(), "out.csv", "old\n");
    std::fs::set_permissions(&out, std::fs::Permissions::from_mode(0o644)).unwrap();
    batch_to(&out).code(2);
    assert_eq!(out.metadata().unwrap().permissions().mode() & 0o7777, 0o644);
}

#[test]
fn a_new_output_file_gets_the_mode_under_the_umask() {
    let d = dir();
    let out = d.path().join("new.csv");
    let status = Command::new("sh")
        .arg("-c")
        .arg(format!(
            "umask 027; exec \"$0\" classify --batch examples/tickets.csv --output '{}' 2>/dev/null",
            out.display()
        ))
        .arg(assert_cmd::cargo::cargo_bin("hoshu"))
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .status()
        .unwrap();
    assert_eq!(status.code(), Some(2));
    assert_eq!(out.metadata().unwrap().permissions().mode() & 0o7777, 0o640);
}

#[test]
fn a_folder_is_refused_before_the_input_is_read() {
    let d = dir();
    hoshu()
        .args(["classify", "--batch", "-", "--output"])
        .arg(d.path())
        .write_stdin("delivered\n2024-01-10\n")
        .assert()
        .code(2)
        .stderr(contains("is a folder, not a regular file"));
    hoshu()
        .args(["classify", "--batch", "examples/tickets.csv", "--rejects"])
        .arg(d.path())
        .assert()
        .code(2);
    assert!(leftovers(d.path()).is_empty());
}

#[test]
fn a_signal_removes_the_temporary_file_and_exits_128_plus_its_number() {
    for (signal, code) in [("INT", 130), ("TERM", 143), ("HUP", 129)] {
        let d = dir();
        let out = d.path().join("out.csv");
        let mut child = Command::new(assert_cmd::cargo::cargo_bin("hoshu"))
            .args(["classify", "--batch", "-", "--output"])
            .arg(&out)
            .stdin(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        let mut stdin = child.stdin.take().unwrap();
        stdin.write_all(b"delivered\n2024-01-10\n").unwrap();
        stdin.flush().unwrap();
        // The temporary file exists once the run has started.
        for _ in 0..1000 {
            if !leftovers(d.path()).is_empty() {
                break;
            }
            std::thread::sleep(std::time::Duration::from_millis(10));
        }
        assert_eq!(leftovers(d.path()).len(), 1, "the run has started");
        Command::new("kill")
            .arg(format!("-{signal}"))
            .arg(child.id().to_string())
            .status()
            .unwrap();
        let status = child.wait().unwrap();
        drop(stdin);
        assert_eq!(status.code(), Some(code), "{signal}");
        assert!(leftovers(d.path()).is_empty(), "{signal}");
        assert!(!out.exists());
    }
}

// 6. Terminal safety.

#[test]
fn closed_stdout_and_stderr_never_panic() {
    let mut many = String::from("id,delivered\n");
    for i in 0..5_000 {
        many.push_str(&format!("{i},bad\n"));
    }
    let d = dir();
    let input = write(d.path(), "many.csv", &many);
    // Every row is an error: exit 2 whether or not stdout is read.
    for (stdout_closed, want) in [(true, 2), (false, 2)] {
        let mut child = Command::new(assert_cmd::cargo::cargo_bin("hoshu"))
            .args(["classify", "--batch"])
            .arg(&input)
            .stdout(if stdout_closed {
                Stdio::piped()
            } else {
                Stdio::null()
            })
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        // Close both ends we were given: every later write fails.
        drop(child.stdout.take());
        drop(child.stderr.take());
        assert_eq!(child.wait().unwrap().code(), Some(want));
    }
}

/// A gate's exit code does not depend on whether its reader read it all
/// (`… --fail-on billable | head -1`): with stdout closed at once, the run
/// still reads its whole input and exits as it would with a full read.
#[test]
fn a_gate_exits_the_same_whether_or_not_its_reader_stops_early() {
    let d = dir();
    // 5,000 covered rows, then one billable and one that is an error.
    let mut many = String::from("id,delivered,reported,external_cause\n");
    for i in 0..5_000 {
        many.push_str(&format!("{i},2024-01-10,2024-03-01,no\n"));
    }
    let tail = format!("{many}b,2024-01-10,2026-03-01,yes\n");
    let billable = write(d.path(), "billable.csv", &tail);
    let broken = write(d.path(), "broken.csv", format!("{tail}e,bad,,\n"));
    let run = |args: &[&str], closed: bool| {
        let mut child = Command::new(assert_cmd::cargo::cargo_bin("hoshu"))
            .args(args)
            .current_dir(env!("CARGO_MANIFEST_DIR"))
            .stdout(if closed {
                Stdio::piped()
            } else {
                Stdio::null()
            })
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        drop(child.stdout.take());
        child.wait().unwrap().code()
    };
    let billable = billable.to_str().unwrap();
    let broken = broken.to_str().unwrap();
    for (args, want) in [
        (
            &["classify", "--batch", billable, "--fail-on", "billable"][..],
            3,
        ),
        (
            &["classify", "--batch", billable, "--fail-on", "covered"][..],
            5,
        ),
        (&["classify", "--batch", billable][..], 0),
        (
            &["classify", "--batch", broken, "--fail-on", "billable"][..],
            2,
        ),
        (
            &[
                "classify",
                "--delivered",
                "2024-01-10",
                "--reported",
                "2026-03-01",
                "--external-cause",
                "yes",
                "--exit-code",
                "--explain",
            ][..],
            3,
        ),
        (
            &[
                "diff",
                "examples/corporate-site.toml",
                "examples/sakura-shop.toml",
                "--date",
                "2026-11-28",
                "--fail-above",
                "1000",
            ][..],
            3,
        ),
        (
            &[
                "diff",
                "examples/corporate-site.toml",
                "examples/sakura-shop.toml",
                "--date",
                "2026-11-28",
                "--fail-above-percent",
                "5",
                "--format",
                "json",
            ][..],
            3,
        ),
    ] {
        assert_eq!(run(args, false), Some(want), "read whole: {args:?}");
        for _ in 0..3 {
            assert_eq!(run(args, true), Some(want), "stdout closed: {args:?}");
        }
    }
}

#[test]
fn control_characters_from_users_are_escaped_on_the_terminal() {
    let d = dir();
    let system = write(
        d.path(),
        "s.toml",
        "name = \"Shop\\u001b]0;pwned\\u0007\"\n[[servers]]\nrole = \"web\\r\\n│ forged │\"\ncount = 1\n",
    );
    let out = hoshu()
        .args(["quote", "--date", "2026-11-28"])
        .arg(&system)
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let out = String::from_utf8(out).unwrap();
    assert!(!out.contains('\x1b') && !out.contains('\r'), "{out}");
    assert!(out.contains("Shop\\e]0;pwned\\u{7}") && out.contains("web\\r\\n│ forged │"));

    hoshu()
        .args(["classify", "--batch", "-"])
        .write_stdin("id,delivered\n1,\"\x1b[2J\r\nx\"\n")
        .assert()
        .code(2)
        .stderr(contains("`\\e[2J\\r\\nx` is not a date").and(contains("\x1b").not()));
}

// 7. Input files.

#[test]
fn system_file_problems_are_refused_with_line_and_key() {
    let d = dir();
    for (text, want) in [
        ("name = \"\"\n", "`name` is empty"),
        ("name = \"x\"\ncustomer = \" \"\n", "`customer` is empty"),
        (
            "name = \"x\"\n[[sites]]\nname = \"\"\npages = 1\n",
            "`sites[0].name` is empty",
        ),
        (
            "name = \"x\"\n[[servers]]\nrole = \"\"\ncount = 1\n",
            "`servers[0].role` is empty",
        ),
        (
            "name = \"x\"\n[[web_systems]]\nname = \"\"\nkind = \"ec\"\ncomplexity = \"low\"\n",
            "`web_systems[0].name` is empty",
        ),
        (
            "name = \"x\"\n[[apps]]\nname = \"\"\nplatform = \"ios\"\n",
            "`apps[0].name` is empty",
        ),
        (
            "name = \"x\"\n[[sites]]\nname = \"a\"\npages = 1\n[[sites]]\nname = \"a\"\npages = 2\n",
            "`sites[1].name` repeats the name `a`",
        ),
        (
            "name = \"x\"\n[[web_systems]]\nname = \"a\"\nkind = \"ec\"\ncomplexity = \"low\"\n[[web_systems]]\nname = \"a\"\nkind = \"crm\"\ncomplexity = \"low\"\n",
            "`web_systems[1].name` repeats",
        ),
        (
            "name = \"x\"\n[[apps]]\nname = \"a\"\nplatform = \"ios\"\n[[apps]]\nname = \"a\"\nplatform = \"ios\"\n",
            "`apps[1].name` repeats",
        ),
        (
            "name = \"x\"\n[payments]\ncredit_card_providers = 5\n",
            "`payments.credit_card_providers` counts providers for a payment method that is off; set credit_card = true",
        ),
        (
            "name = \"x\"\n[delivery]\ndate = 2024-01-10\n[maintenance]\nplan = \"standard\"\nend = 2023-12-31\n",
            "`maintenance.end` is 2023-12-31, before the delivery 2024-01-10",
        ),
        (
            "name = \"x\"\nlast_maintained = 2027-01-01\n",
            "`last_maintained` is 2027-01-01, after the quote date 2026-11-28",
        ),
    ] {
        let path = write(d.path(), "s.toml", text);
        hoshu()
            .args(["quote", "--date", "2026-11-28"])
            .arg(&path)
            .assert()
            .code(2)
            .stderr(contains(want));
    }
    // One app on two platforms is not a duplicate.
    let path = write(
        d.path(),
        "s.toml",
        "name = \"x\"\n[[apps]]\nname = \"a\"\nplatform = \"ios\"\n[[apps]]\nname = \"a\"\nplatform = \"android\"\n",
    );
    hoshu().arg("check").arg(&path).assert().success();
}

#[test]
fn rate_card_problems_are_refused_with_line_and_key() {
    let d = dir();
    let system = write(d.path(), "s.toml", "name = \"x\"\n");
    let card = hoshu::rates::DEFAULT_CARD;
    for (from, to, want) in [
        (
            "name = \"hoshu standard rates\"",
            "name = \"\"",
            "`name` is empty",
        ),
        (
            "version = \"2026.11\"",
            "version = \" \"",
            "`version` is empty",
        ),
        (
            "name = \"low\"",
            "name = \"\"",
            "`access.tiers[0].name` is empty",
        ),
        (
            "name = \"medium\"",
            "name = \"low\"",
            "`access.tiers[1].name` repeats the name `low`",
        ),
        (
            "max_pages = 10",
            "max_pages = 0",
            "expected a whole number, 1 or more",
        ),
        (
            "max_daily_visits = 1000",
            "max_daily_visits = -1",
            "invalid value: integer `-1`, expected a whole number, 1 or more",
        ),
        (
            "max_daily_visits = 1000",
            "max_daily_visits = 99999999999999999999",
            "r.toml:42:20",
        ),
    ] {
        assert!(card.contains(from), "{from}");
        let rates = write(d.path(), "r.toml", card.replacen(from, to, 1));
        hoshu()
            .args(["quote", "--date", "2026-11-28", "--rates"])
            .arg(&rates)
            .arg(&system)
            .assert()
            .code(2)
            .stderr(contains(want));
    }
    hoshu()
        .args(["quote", "--date", "2020-01-01"])
        .arg(&system)
        .assert()
        .code(2)
        .stderr(contains(
            "`effective` says the card 2026.11 takes effect 2026-11-01; the quote is dated 2020-01-01",
        ));
}

#[test]
fn huge_files_devices_and_folders_are_refused_at_once() {
    let d = dir();
    let big = write(d.path(), "big.toml", vec![b'#'; 2 << 20]);
    for path in [big.as_path(), Path::new("/dev/zero")] {
        hoshu()
            .arg("quote")
            .arg(path)
            .timeout(std::time::Duration::from_secs(20))
            .assert()
            .code(2)
            .stderr(contains("is larger than 1 MiB"));
    }
    for args in [
        vec!["quote", "/tmp"],
        vec!["check", "/tmp"],
        vec!["quote", "examples/corporate-site.toml", "--rates", "/tmp"],
        vec!["classify", "--system", "/tmp"],
        vec!["classify", "--batch", "/tmp"],
    ] {
        hoshu()
            .args(&args)
            .assert()
            .code(2)
            .stderr(contains("/tmp: is a folder"));
    }
}

// 8. The CI gate.

#[test]
fn fail_on_exits_by_the_most_costly_listed_verdict_and_errors_first() {
    let rows = |verdicts: &str| {
        let mut t = String::from("delivered,reported,external_cause,warranty_months\n");
        for v in verdicts.chars() {
            t.push_str(match v {
                'c' => "2024-01-10,2024-03-01,no,3\n",
                'b' => "2024-01-10,2024-03-01,yes,3\n",
                'n' => "2024-01-10,2024-03-01,unknown,3\n",
                _ => "bad,2024-03-01,no,3\n",
            });
        }
        t
    };
    for (input, list, code) in [
        ("cbn", "billable,negotiate,covered", 3),
        ("cn", "billable,negotiate,covered", 4),
        ("c", "billable,negotiate,covered", 5),
        ("cbn", "negotiate", 4),
        ("cn", "billable", 0),
        ("cbe", "billable", 2),
        ("cb", "", 0),
    ] {
        let mut cmd = hoshu();
        cmd.args(["classify", "--batch", "-"]);
        if !list.is_empty() {
            cmd.args(["--fail-on", list]);
        }
        cmd.write_stdin(rows(input))
            .assert()
            .code(code)
            .stdout(contains("verdict"));
    }
}

// 11. Properties.

mod properties {
    use super::*;
    use proptest::prelude::*;

    fn cell() -> impl Strategy<Value = Vec<u8>> {
        prop_oneof![
            Just(b"".to_vec()),
            Just(b"2024-01-10".to_vec()),
            Just(b"no".to_vec()),
            proptest::collection::vec(any::<u8>(), 0..8),
            "[a-z,\"\n\r ]{0,6}".prop_map(String::into_bytes),
        ]
    }

    fn header() -> impl Strategy<Value = Vec<Vec<u8>>> {
        proptest::collection::vec(
            prop_oneof![
                Just(b"delivered".to_vec()),
                Just(b"reported".to_vec()),
                Just(b"id".to_vec()),
                Just(b"note".to_vec()),
                Just(b"verdict".to_vec()),
                "[a-z]{0,5}".prop_map(String::into_bytes),
            ],
            1..6,
        )
    }

    proptest! {
        #[test]
        fn any_csv_rows_in_equal_rows_out_rectangular_and_nothing_lost(
            header in header(),
            rows in proptest::collection::vec(proptest::collection::vec(cell(), 0..8), 0..20),
        ) {
            let mut input = csv::WriterBuilder::new().flexible(true).from_writer(Vec::new());
            input.write_record(&header).unwrap();
            for row in &rows {
                if !row.is_empty() {
                    input.write_record(row).unwrap();
                }
            }
            let input = input.into_inner().unwrap();
            let card = hoshu::rates::RateCard::default_card();
            let mut options = hoshu::batch::BatchOptions::new(&card, crate::support::today(), &|e| e.to_string());
            options.encoding = Encoding::Utf8;
            options.defaults.reported = Some(crate::support::today());
            let (mut out, mut rejects) = (Vec::new(), Vec::new());
            let result = hoshu::batch::classify_stream(
                &input[..],
                DataFormat::Csv,
                hoshu::batch::Outputs { output: &mut out, format: DataFormat::Csv, rejects: Some(&mut rejects) },
                &options,
                &mut |_| {},
                &mut |_| {},
            );
            let Ok(summary) = result else {
                // A refused header writes nothing.
                prop_assert!(out.is_empty() && rejects.is_empty());
                return Ok(());
            };
            let given = records(&input);
            let got = records(&out);
            prop_assert_eq!(given.len(), got.len());
            prop_assert_eq!(summary.rows as usize, given.len() - 1);
            let width = got[0].len();
            prop_assert!(got.iter().all(|r| r.len() == width));
            // Cells cut from a long row are in the rejects file.
            let rejected = records(&rejects);
            // Result columns of an earlier run are replaced; every other
            // cell passes through, and a long row is whole in the rejects.
            let results: Vec<bool> = header
                .iter()
                .map(|h| hoshu::batch::RESULT_COLUMNS.iter().any(|r| r.as_bytes() == h.as_slice()))
                .collect();
            for (row, out_row) in given[1..].iter().zip(&got[1..]) {
                // A cell that is not UTF-8 is shown with U+FFFD (the output
                // stays UTF-8) and its row is whole in the rejects.
                for (i, cell) in row.iter().enumerate().take(header.len()) {
                    if !results[i] {
                        let shown = String::from_utf8_lossy(cell);
                        prop_assert_eq!(&out_row[i], shown.as_bytes());
                    }
                }
                prop_assert!(std::str::from_utf8(out_row.as_slice()).is_ok());
                if row.len() > header.len() || std::str::from_utf8(row.as_slice()).is_err() {
                    prop_assert!(rejected.iter().any(|r| r.iter().skip(1).eq(row.iter())));
                }
            }
            prop_assert_eq!(rejected.len() as u64, summary.errors + 1);
        }

        #[test]
        fn any_jsonl_bytes_rows_in_equal_rows_out_and_failed_lines_in_the_rejects(
            lines in proptest::collection::vec(
                prop_oneof![
                    Just(b"{\"delivered\":\"2024-01-10\",\"n\":1e400}".to_vec()),
                    Just(b"{\"verdict\":null,\"delivered\":\"x\"}".to_vec()),
                    proptest::collection::vec(any::<u8>().prop_filter("no newline", |b| *b != b'\n'), 0..30),
                ],
                0..15,
            ),
            to_csv in any::<bool>(),
        ) {
            let mut input = Vec::new();
            for line in &lines {
                input.extend_from_slice(line);
                input.push(b'\n');
            }
            let card = hoshu::rates::RateCard::default_card();
            let options = hoshu::batch::BatchOptions::new(&card, crate::support::today(), &|e| e.to_string());
            let (mut out, mut rejects) = (Vec::new(), Vec::new());
            let format = if to_csv { DataFormat::Csv } else { DataFormat::Jsonl };
            let summary = hoshu::batch::classify_stream(
                &input[..],
                DataFormat::Jsonl,
                hoshu::batch::Outputs { output: &mut out, format, rejects: Some(&mut rejects) },
                &options,
                &mut |_| {},
                &mut |_| {},
            ).unwrap();
            let blank = |l: &Vec<u8>| l.iter().all(u8::is_ascii_whitespace) || l == b"\r";
            let rows = lines.iter().filter(|l| !blank(l)).count();
            prop_assert_eq!(summary.rows as usize, rows);
            if to_csv {
                prop_assert_eq!(records(&out).len(), rows + 1);
            } else {
                prop_assert_eq!(out.iter().filter(|b| **b == b'\n').count(), lines.len());
            }
            prop_assert_eq!(rejects.iter().filter(|b| **b == b'\n').count() as u64, summary.errors);
        }
    }
}

/// A file with thousands of problems (every site named alike) shows the
/// first twenty in file order, each at its own line; finding them is
/// linear (`cargo bench --bench largest` times a 1 MiB one).
#[test]
fn thousands_of_repeated_names_show_the_first_twenty_at_their_lines() {
    let d = dir();
    let mut text = String::from("name = \"Big\"\n[traffic]\ndaily_visits = 150\n");
    for _ in 0..3_000 {
        text.push_str("[[sites]]\nname = \"x\"\npages = 1\n");
    }
    let file = write(d.path(), "dup.toml", text);
    let out = hoshu()
        .arg("check")
        .arg(&file)
        .args(["--format", "json"])
        .assert()
        .code(2)
        .get_output()
        .stderr
        .clone();
    let v: serde_json::Value = serde_json::from_slice(&out).unwrap();
    let errors = v["errors"].as_array().unwrap();
    assert_eq!(errors.len(), 20);
    for (i, e) in errors.iter().enumerate() {
        // Site i + 1 (the first is not a repeat) starts on line 4 + 3(i + 1).
        assert_eq!(e["code"], "duplicate");
        assert_eq!(e["key"], format!("sites[{}].name", i + 1));
        assert_eq!(e["line"], 5 + 3 * (i + 1));
    }
}

/// A syntax error on a 100,000-character line shows a window of the line
/// around the column, not the whole line; the caret stands under the
/// character the parser stopped at.
#[test]
fn a_syntax_error_on_a_huge_line_shows_a_window_of_it() {
    let d = dir();
    let file = write(
        d.path(),
        "long.toml",
        format!(
            "name = \"x\"\ndescription = \"{}\" oops\n",
            "a".repeat(100_000)
        ),
    );
    let err = hoshu()
        .arg("check")
        .arg(&file)
        .assert()
        .code(2)
        .get_output()
        .stderr
        .clone();
    let err = String::from_utf8(err).unwrap();
    assert!(err.len() < 1_000, "{}", err.len());
    let lines: Vec<&str> = err.lines().collect();
    let shown = lines.iter().find(|l| l.starts_with("2 | ")).unwrap();
    let caret = lines.last().unwrap();
    assert!(shown.starts_with("2 | …aaa"), "{shown}");
    let at = caret.chars().count() - 1;
    assert_eq!(shown.chars().nth(at), Some('o'), "{shown}\n{caret}");
}

/// `--pass` a fact's own column would classify every row without it
/// ("not delivered yet": covered) and exit 0: refused before any row, in
/// English and Japanese column names alike.
#[test]
fn passing_a_facts_own_column_is_refused() {
    for (column, rows) in [
        (
            "delivered",
            "id,delivered,reported\n1,2024-01-10,2024-03-01\n",
        ),
        ("納品日", "id,納品日,報告日\n1,2024-01-10,2024-03-01\n"),
    ] {
        hoshu()
            .args(["classify", "--batch", "-", "--pass", column])
            .write_stdin(rows)
            .assert()
            .code(2)
            .stdout("")
            .stderr(contains(format!(
                "--pass {column} names the column of the fact delivered"
            )));
    }
}

/// A CR LF file (Excel's, a helpdesk's export) names the same lines as the
/// same file with LF: csv counts a CR LF's line one record late.
#[test]
fn row_errors_name_the_same_line_with_cr_lf_as_with_lf() {
    let lf = "id,title,delivered\n1,x,bad\n2,\"two\nlines\",bad\n3,y,bad\n";
    let lines = |text: &str| -> Vec<u64> {
        run_with(text.as_bytes(), DataFormat::Csv, DataFormat::Csv, |_| {})
            .errors
            .iter()
            .map(|e| e.line)
            .collect()
    };
    assert_eq!(lines(lf), [2, 3, 5]);
    assert_eq!(lines(&lf.replace('\n', "\r\n")), [2, 3, 5]);
}
