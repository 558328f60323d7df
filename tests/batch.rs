//! Batch triage: rows in = rows out, passthrough untouched, bad rows kept in
//! place, every awkward input handled.

use hoshu::batch::{
    BatchOptions, DataFormat, Encoding, Outputs, RowError, Summary, classify_stream,
};
use hoshu::rates::RateCard;
use predicates::prelude::PredicateBooleanExt;
use predicates::str::contains;

use crate::sample;
use crate::support::{d, hoshu};

pub struct Run {
    pub out: Vec<u8>,
    pub summary: Summary,
    pub errors: Vec<RowError>,
}

fn run(input: &[u8], from: DataFormat, to: DataFormat) -> Run {
    run_with(input, from, to, |_| {})
}

/// [`run`] with options changed by `set`.
pub fn run_with(
    input: &[u8],
    from: DataFormat,
    to: DataFormat,
    set: impl FnOnce(&mut BatchOptions),
) -> Run {
    let card = RateCard::default_card();
    let mut options = BatchOptions::new(&card, d("2026-11-28"), &|e| e.to_string());
    set(&mut options);
    let mut out = Vec::new();
    let mut errors = Vec::new();
    let summary = classify_stream(
        input,
        from,
        Outputs {
            output: &mut out,
            format: to,
            rejects: None,
        },
        &options,
        &mut |e| errors.push(e.clone()),
        &mut |_| {},
    )
    .unwrap();
    Run {
        out,
        summary,
        errors,
    }
}

fn csv(input: &str) -> Run {
    run(input.as_bytes(), DataFormat::Csv, DataFormat::Csv)
}

pub fn records(bytes: &[u8]) -> Vec<csv::ByteRecord> {
    csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_reader(bytes)
        .byte_records()
        .map(Result::unwrap)
        .collect()
}

const HEADER: &str = "id,title,delivered,reported,external_cause,kind,warranty_months\n";

#[test]
fn rows_in_equal_rows_out_with_passthrough_byte_identical() {
    let mut input = Vec::new();
    sample::write_csv(&mut input, 2_000, 7).unwrap();
    let r = run(&input, DataFormat::Csv, DataFormat::Csv);
    let (rin, rout) = (records(&input), records(&r.out));
    assert_eq!(rin.len(), rout.len());
    assert_eq!(r.summary.rows, 2_000);
    assert_eq!(
        r.summary.covered + r.summary.billable + r.summary.negotiate + r.summary.errors,
        2_000
    );
    assert_eq!(
        &rout[0].iter().skip(10).collect::<Vec<_>>(),
        &[&b"verdict"[..], b"rule", b"warranty_end", b"error"]
    );
    for (a, b) in rin.iter().zip(&rout) {
        assert_eq!(
            a.iter().collect::<Vec<_>>(),
            b.iter().take(a.len()).collect::<Vec<_>>()
        );
        assert_eq!(b.len(), a.len() + 4);
    }
}

#[test]
fn verdicts_match_the_single_classification() {
    let r = csv(&format!(
        "{HEADER}1,ok,2024-01-10,2024-03-01,no,defect,3\n2,ext,2024-01-10,2024-03-01,yes,defect,3\n3,?,2024-01-10,2024-03-01,,defect,3\n"
    ));
    let rows = records(&r.out);
    let result = |i: usize| {
        (
            rows[i][7].to_vec(),
            rows[i][8].to_vec(),
            rows[i][9].to_vec(),
        )
    };
    assert_eq!(
        result(1),
        (
            b"covered".to_vec(),
            b"after.warranty".to_vec(),
            b"2024-04-10".to_vec()
        )
    );
    assert_eq!(
        result(2),
        (
            b"billable".to_vec(),
            b"after.external-cause".to_vec(),
            b"2024-04-10".to_vec()
        )
    );
    assert_eq!(
        result(3),
        (
            b"negotiate".to_vec(),
            b"unsettled".to_vec(),
            b"2024-04-10".to_vec()
        )
    );
}

#[test]
fn bad_rows_in_the_middle_and_at_the_end_keep_their_place() {
    let r = csv(&format!(
        "{HEADER}1,a,2024-01-10,2024-03-01,no,defect,3\n2,b,2024-02-30,2024-03-01,no,defect,3\n3,c,2024-01-10,2024-03-01,no,defect,3\n4,d,2024-01-10,2024-03-01,no,defect,0\n"
    ));
    let rows = records(&r.out);
    assert_eq!(rows.len(), 5);
    assert_eq!(&rows[2][0], b"2");
    assert_eq!(&rows[2][7], b"");
    assert_eq!(
        std::str::from_utf8(&rows[2][10]).unwrap(),
        "row 2 (line 3): column delivered: `2024-02-30` is not a day of the calendar (month 1-12, day within the month)"
    );
    assert_eq!(&rows[3][7], b"covered", "the run goes on after a bad row");
    assert!(
        std::str::from_utf8(&rows[4][10])
            .unwrap()
            .starts_with("row 4 (line 5): column warranty_months: `0`")
    );
    assert_eq!((r.summary.rows, r.summary.errors), (4, 2));
    assert_eq!(r.errors.len(), 2);
}

/// A row's line is where its cells start: after blank lines, after a
/// CR LF, and after a line with LF only in a file of CR LF, on one
/// thread or more.
#[test]
fn a_row_after_blank_lines_is_on_its_own_line() {
    let input = format!(
        "{}\r\n\r\n\r\n1,a,2024-02-30,2024-03-01\r\n2,b,x,2024-03-01\n\n3,c,y,2024-03-01\r\n",
        HEADER.trim_end()
    );
    for threads in [1, 2] {
        let r = run_with(input.as_bytes(), DataFormat::Csv, DataFormat::Csv, |o| {
            o.threads = threads;
        });
        let lines: Vec<(u64, u64)> = r.errors.iter().map(|e| (e.row, e.line)).collect();
        assert_eq!(lines, [(1, 4), (2, 5), (3, 7)], "{threads} threads");
    }
}

#[test]
fn an_empty_file_is_an_error_not_a_panic() {
    let card = RateCard::default_card();
    let options = BatchOptions::new(&card, d("2026-11-28"), &|e| e.to_string());
    let err = classify_stream(
        &b""[..],
        DataFormat::Csv,
        Outputs {
            output: Vec::new(),
            format: DataFormat::Csv,
            rejects: None,
        },
        &options,
        &mut |_| {},
        &mut |_| {},
    );
    assert!(err.unwrap_err().to_string().contains("needs a header row"));
    assert_eq!(run(b"", DataFormat::Jsonl, DataFormat::Jsonl).out, b"");
}

#[test]
fn a_header_only_gives_a_header_only() {
    let r = csv(HEADER);
    assert_eq!(
        String::from_utf8(r.out).unwrap(),
        format!("{},verdict,rule,warranty_end,error\n", HEADER.trim_end())
    );
    assert_eq!(r.summary, Summary::default());
}

#[test]
fn a_utf8_bom_is_not_part_of_the_first_column_name() {
    let r = csv("\u{feff}delivered,reported,external_cause\n2024-01-10,2024-03-01,no\n");
    let rows = records(&r.out);
    assert_eq!(&rows[1][3], b"covered");
}

#[test]
fn crlf_line_ends_are_read() {
    let r = csv(
        "id,delivered,reported,external_cause\r\n1,2024-01-10,2024-03-01,no\r\n2,2024-01-10,2024-03-01,yes\r\n",
    );
    let rows = records(&r.out);
    assert_eq!(
        (rows.len(), &rows[1][4], &rows[2][4]),
        (3, &b"covered"[..], &b"billable"[..])
    );
}

#[test]
fn quoted_fields_with_commas_quotes_and_newlines_pass_through() {
    let title = "Checkout, \"Pay\" button\nbroken";
    let input = "id,title,delivered,reported,external_cause\n1,\"Checkout, \"\"Pay\"\" button\nbroken\",2024-01-10,2024-03-01,no\n";
    let r = csv(input);
    let rows = records(&r.out);
    assert_eq!(rows.len(), 2);
    assert_eq!(&rows[1][1], title.as_bytes());
    assert_eq!(&rows[1][5], b"covered");
}

#[test]
fn invalid_utf8_is_a_clear_row_error_and_the_output_stays_utf8() {
    let input = b"id,title,delivered,reported\n1,caf\xe9,2024-01-10,2024-03-01\n2,ok,2024-01-10,2024-03-01\n".to_vec();
    let r = run_with(&input, DataFormat::Csv, DataFormat::Csv, |o| {
        o.encoding = Encoding::Utf8
    });
    let rows = records(&r.out);
    assert_eq!(
        &rows[1][1],
        "caf\u{FFFD}".as_bytes(),
        "U+FFFD where the byte was"
    );
    assert_eq!(
        std::str::from_utf8(&rows[1][7]).unwrap(),
        "row 1 (line 2): column title: not valid UTF-8 text; the output shows � where the bytes are not text, and --rejects keeps the row as it was (a file saved by Excel in Japan may need --encoding shift_jis)"
    );
    assert_eq!(r.summary.errors, 1);
    assert_eq!(&rows[2][4], b"negotiate");
}

#[test]
fn a_long_row_is_an_error_cut_to_the_header_and_a_short_row_is_padded() {
    // --reported given: a row of no fact cells is classified by it.
    let r = run_with(
        b"id,delivered\n1,2024-01-10,extra\n2\n",
        DataFormat::Csv,
        DataFormat::Csv,
        |o| o.defaults.reported = Some(d("2026-11-28")),
    );
    let rows = records(&r.out);
    assert_eq!(rows.len(), 3);
    assert!(rows.iter().all(|row| row.len() == 6), "{rows:?}");
    assert_eq!(&rows[1][1], b"2024-01-10");
    assert_eq!(&rows[1][2], b"", "no verdict");
    assert!(
        std::str::from_utf8(&rows[1][5])
            .unwrap()
            .contains("has 3 fields but the header has 2")
    );
    assert_eq!(
        (&rows[2][1], &rows[2][2], &rows[2][5]),
        (&b""[..], &b"negotiate"[..], &b""[..]),
        "a short row's missing cells are empty: not delivered, cause unknown"
    );
}

#[test]
fn results_from_an_earlier_run_are_replaced_in_place() {
    let first = csv(&format!("{HEADER}1,a,2024-01-10,2024-03-01,no,defect,3\n"));
    let again = run(&first.out, DataFormat::Csv, DataFormat::Csv);
    assert_eq!(again.out, first.out);
}

#[test]
fn jsonl_keeps_every_key_and_appends_the_results() {
    let input = "{\"id\":1,\"delivered\":\"2024-01-10\",\"reported\":\"2024-03-01\",\"external_cause\":\"no\",\"warranty_months\":3,\"tags\":[\"x\"]}\n\n{}\nnot json\n";
    let r = run(input.as_bytes(), DataFormat::Jsonl, DataFormat::Jsonl);
    let out = String::from_utf8(r.out).unwrap();
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(lines.len(), 4, "a blank line stays a blank line");
    assert!(
        lines[0].starts_with("{\"id\":1,\"delivered\":\"2024-01-10\""),
        "{}",
        lines[0]
    );
    let first: serde_json::Value = serde_json::from_str(lines[0]).unwrap();
    assert_eq!(
        (first["verdict"].as_str(), first["warranty_end"].as_str()),
        (Some("covered"), Some("2024-04-10"))
    );
    assert_eq!(first["tags"][0], "x");
    assert_eq!(lines[1], "");
    let empty: serde_json::Value = serde_json::from_str(lines[2]).unwrap();
    assert_eq!(empty["verdict"], "");
    assert!(
        empty["error"]
            .as_str()
            .unwrap()
            .contains("nothing to classify by")
    );
    let bad: serde_json::Value = serde_json::from_str(lines[3]).unwrap();
    assert_eq!(bad["input"], "not json");
    assert!(
        bad["error"]
            .as_str()
            .unwrap()
            .starts_with("row 3 (line 4): not a JSON object")
    );
    assert_eq!((r.summary.rows, r.summary.errors), (3, 2));
}

#[test]
fn csv_to_jsonl_and_back() {
    let csv_in = format!("{HEADER}1,\"a, b\",2024-01-10,2024-03-01,no,defect,3\n");
    let jsonl = run(csv_in.as_bytes(), DataFormat::Csv, DataFormat::Jsonl).out;
    let v: serde_json::Value = serde_json::from_slice(&jsonl).unwrap();
    assert_eq!(
        (v["title"].as_str(), v["verdict"].as_str()),
        (Some("a, b"), Some("covered"))
    );
    let back = run(&jsonl, DataFormat::Jsonl, DataFormat::Csv).out;
    let rows = records(&back);
    assert_eq!(&rows[0][7], b"verdict");
    assert_eq!(&rows[1][1], b"a, b");
    assert_eq!(&rows[1][7], b"covered");
}

#[test]
fn cli_batch_from_stdin_with_summary_and_exit_code() {
    hoshu()
        .args(["classify", "--batch", "-", "--reported", "2024-03-01"])
        .write_stdin(format!(
            "{HEADER}1,a,2024-01-10,,no,defect,3\n2,b,2024-01-10,,no,defect,x\n"
        ))
        .assert()
        .code(2)
        .stdout(contains(
            "1,a,2024-01-10,,no,defect,3,covered,after.warranty,2024-04-10,",
        ))
        .stderr(
            contains("row 2 (line 3): column warranty_months").and(contains(
                "2 rows: 1 covered, 0 billable, 0 negotiate, 1 failed",
            )),
        );
}

#[test]
fn cli_batch_output_file_is_written_whole() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("out.csv");
    hoshu()
        .args([
            "classify",
            "--batch",
            "examples/tickets.csv",
            "--reported",
            "2026-11-28",
            "--output",
        ])
        .arg(&out)
        .assert()
        .code(2)
        .stdout("");
    let text = std::fs::read_to_string(&out).unwrap();
    assert_eq!(
        text.lines().count(),
        std::fs::read_to_string("examples/tickets.csv")
            .unwrap()
            .lines()
            .count()
    );
    assert_eq!(
        std::fs::read_dir(dir.path()).unwrap().count(),
        1,
        "no temporary file left behind"
    );
}

/// A row that starts with a BOM (U+FEFF) keeps it on every number of
/// threads: csv takes a BOM at the start of what it reads for the file's,
/// and a block of rows may start with that row.
#[test]
fn a_bom_that_starts_a_row_is_the_rows_on_any_threads() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("tickets.csv");
    let mut csv = String::from("delivered,reported,external_cause\n");
    for _ in 0..20_000 {
        csv.push_str("\u{feff}2024-01-10,2024-03-01,no\n");
    }
    std::fs::write(&input, csv).unwrap();
    let run = |threads: &str| {
        hoshu()
            .args(["classify", "--batch"])
            .arg(&input)
            .args(["--threads", threads])
            .output()
            .unwrap()
    };
    let one = run("1");
    assert!(String::from_utf8_lossy(&one.stderr).contains("20000 failed"));
    for threads in ["2", "3"] {
        let many = run(threads);
        assert_eq!(many.status.code(), one.status.code());
        assert!(many.stdout == one.stdout, "{threads} threads");
    }
}

/// A file of some MiB (written straight to the disk, past the page cache,
/// all but its last partial page) holds the same bytes as standard output.
#[test]
fn cli_batch_large_output_file_is_standard_outputs_bytes() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("tickets.csv");
    let mut csv = Vec::new();
    sample::write_csv(&mut csv, 40_000, 7).unwrap();
    std::fs::write(&input, &csv).unwrap();
    let out = dir.path().join("out.csv");
    let run = |to_file: bool| {
        let mut command = hoshu();
        command.args(["classify", "--batch"]).arg(&input);
        if to_file {
            command.arg("--output").arg(&out);
        }
        command.output().unwrap()
    };
    let stdout = run(false);
    let to_file = run(true);
    assert_eq!(to_file.status.code(), stdout.status.code());
    assert!(to_file.stdout.is_empty());
    let written = std::fs::read(&out).unwrap();
    assert!(written.len() > 3 << 20, "{} bytes", written.len());
    assert!(written == stdout.stdout, "the file differs from stdout");
}

#[test]
fn cli_batch_output_into_a_missing_folder_fails_cleanly() {
    hoshu()
        .args([
            "classify",
            "--batch",
            "examples/tickets.csv",
            "--output",
            "/nonexistent/dir/out.csv",
        ])
        .assert()
        .code(1)
        .stderr(contains("--output /nonexistent/dir/out.csv"));
}

#[test]
fn cli_batch_rejects_one_case_flags() {
    hoshu()
        .args(["classify", "--batch", "examples/tickets.csv", "--explain"])
        .assert()
        .code(2);
    hoshu()
        .args([
            "classify",
            "--batch",
            "examples/tickets.csv",
            "--format",
            "table",
        ])
        .assert()
        .code(2);
    hoshu()
        .args(["classify", "--batch", "missing.csv"])
        .assert()
        .code(2)
        .stderr(contains("missing.csv"));
}

mod properties {
    use super::*;
    use proptest::prelude::*;

    /// A cell: sometimes a valid fact, sometimes anything at all.
    fn cell() -> impl Strategy<Value = Vec<u8>> {
        prop_oneof![
            Just(b"".to_vec()),
            Just(b"2024-01-10".to_vec()),
            Just(b"2024-02-30".to_vec()),
            Just(b"yes".to_vec()),
            Just(b"no".to_vec()),
            Just(b"standard".to_vec()),
            Just(b"3".to_vec()),
            proptest::collection::vec(any::<u8>(), 0..12),
            "[a-z,\"\n\r ]{0,8}".prop_map(String::into_bytes),
        ]
    }

    proptest! {
        #[test]
        fn rows_in_equal_rows_out_whatever_the_cells(rows in proptest::collection::vec(proptest::collection::vec(cell(), 5), 0..30)) {
            let mut input = csv::Writer::from_writer(Vec::new());
            input.write_record(["delivered", "reported", "external_cause", "plan", "note"]).unwrap();
            for row in &rows {
                input.write_record(row).unwrap();
            }
            let input = input.into_inner().unwrap();
            let r = run_with(&input, DataFormat::Csv, DataFormat::Csv, |o| o.encoding = Encoding::Utf8);
            let out = records(&r.out);
            prop_assert_eq!(out.len(), rows.len() + 1);
            prop_assert_eq!(r.summary.rows as usize, rows.len());
            for (row, got) in rows.iter().zip(&out[1..]) {
                // As they came, but U+FFFD where a cell is not UTF-8.
                let shown: Vec<Vec<u8>> = row.iter().map(|c| String::from_utf8_lossy(c).into_owned().into_bytes()).collect();
                prop_assert_eq!(&got.iter().take(5).map(<[u8]>::to_vec).collect::<Vec<_>>(), &shown);
                // A verdict or an error, never both, never neither.
                prop_assert!(got[5].is_empty() != got[8].is_empty());
            }
        }

        #[test]
        fn jsonl_lines_in_equal_rows_out_whatever_the_bytes(lines in proptest::collection::vec(proptest::collection::vec(any::<u8>().prop_filter("no newline", |b| *b != b'\n'), 0..40), 0..20)) {
            let mut input = Vec::new();
            for line in &lines {
                input.extend_from_slice(line);
                input.push(b'\n');
            }
            let r = run(&input, DataFormat::Jsonl, DataFormat::Jsonl);
            prop_assert_eq!(r.out.iter().filter(|b| **b == b'\n').count(), lines.len());
        }

        #[test]
        fn system_files_never_panic(text in "\\PC{0,200}") {
            let _ = hoshu::system::System::from_toml(&text, "fuzz.toml");
        }
    }
}

/// A value of each kind a fact takes, as a cell.
fn sample_value(values: hoshu::intake::Values) -> &'static str {
    use hoshu::intake::Values;
    match values {
        Values::Date => "2024-02-01",
        Values::Answer => "no",
        Values::Kind => "minor",
        Values::Term => "6",
        Values::Plan => "standard",
        Values::From => "acceptance",
    }
}

/// The results of each row, and each row's problem, of one run.
fn outcomes(r: &Run, format: DataFormat) -> Vec<[String; 3]> {
    let results = |get: &dyn Fn(&str) -> String| [get("verdict"), get("rule"), get("warranty_end")];
    match format {
        DataFormat::Csv => {
            let mut reader = csv::Reader::from_reader(r.out.as_slice());
            let header = reader.headers().unwrap().clone();
            reader
                .records()
                .map(|row| {
                    let row = row.unwrap();
                    results(&|name| {
                        let i = header.iter().position(|h| h == name).unwrap();
                        row[i].to_owned()
                    })
                })
                .collect()
        }
        DataFormat::Jsonl => r
            .out
            .split(|&b| b == b'\n')
            .filter(|l| !l.is_empty())
            .map(|line| {
                let v: serde_json::Value = serde_json::from_slice(line).unwrap();
                results(&|name| v[name].as_str().unwrap_or_default().to_owned())
            })
            .collect(),
    }
}

#[test]
fn every_fact_reads_the_same_from_csv_and_json_lines() {
    use hoshu::intake::{FACTS, Field};
    for fact in FACTS {
        // The other facts every row gives, unless the fact under test is one.
        let base: Vec<(&str, &str)> = [
            (Field::Delivered, "2024-01-10"),
            (Field::Reported, "2024-03-01"),
        ]
        .into_iter()
        .filter(|(f, _)| *f != fact.field)
        .map(|(f, v)| (f.column(), v))
        .collect();
        let cases: [(&str, &str, &str); 4] = [
            ("set", fact.column, sample_value(fact.values)),
            ("empty", fact.column, ""),
            ("invalid", fact.column, "not-a-value\u{3042}"),
            ("japanese name", fact.ja_column, sample_value(fact.values)),
        ];
        for (what, name, value) in cases {
            let cells: Vec<(&str, &str)> = base.iter().copied().chain([(name, value)]).collect();
            let csv_in = format!(
                "{}\n{}\n",
                cells.iter().map(|c| c.0).collect::<Vec<_>>().join(","),
                cells.iter().map(|c| c.1).collect::<Vec<_>>().join(",")
            );
            let json_in = format!(
                "{}\n",
                serde_json::Value::Object(
                    cells
                        .iter()
                        .map(|(k, v)| (k.to_string(), serde_json::Value::from(*v)))
                        .collect()
                )
            );
            let from_csv = run(csv_in.as_bytes(), DataFormat::Csv, DataFormat::Csv);
            let from_json = run(json_in.as_bytes(), DataFormat::Jsonl, DataFormat::Jsonl);
            let context = format!("{} {what}: {csv_in:?} / {json_in:?}", fact.column);
            assert_eq!(from_csv.summary.rows, 1, "{context}");
            assert_eq!(
                outcomes(&from_csv, DataFormat::Csv),
                outcomes(&from_json, DataFormat::Jsonl),
                "{context}"
            );
            let problems = |r: &Run| {
                r.errors
                    .iter()
                    .map(|e| e.problem.clone())
                    .collect::<Vec<_>>()
            };
            assert_eq!(problems(&from_csv), problems(&from_json), "{context}");
            // A value no fact takes is a row error, never a quiet default.
            if what == "invalid" && fact.field != Field::Plan {
                assert_eq!(from_csv.summary.errors, 1, "{context}");
            }
        }
    }
}

/// A row that gives no fact (its fact cells empty, blank or null) is the
/// same row error in CSV and JSON Lines, for every fact column; with a
/// flag that gives a fact, both classify it alike. (A JSON Lines row was
/// refused while the same CSV row came out "negotiate".)
#[test]
fn a_row_that_gives_no_fact_is_the_same_error_in_both_formats() {
    use hoshu::batch::RowProblem;
    use hoshu::intake::FACTS;
    for fact in FACTS {
        for (what, csv_cell, json_value) in [
            ("empty", "", serde_json::Value::from("")),
            ("blank", "  ", serde_json::Value::from("  ")),
            ("null", "", serde_json::Value::Null),
        ] {
            let csv_in = format!("id,{}\nT-1,{csv_cell}\n", fact.column);
            let json_in = format!(
                "{}\n",
                serde_json::json!({ "id": "T-1", fact.column: json_value })
            );
            let context = format!("{} {what}", fact.column);
            let from_csv = run(csv_in.as_bytes(), DataFormat::Csv, DataFormat::Csv);
            let from_json = run(json_in.as_bytes(), DataFormat::Jsonl, DataFormat::Jsonl);
            for r in [&from_csv, &from_json] {
                assert_eq!(r.summary.rows, 1, "{context}");
                assert_eq!(
                    r.errors.iter().map(|e| &e.problem).collect::<Vec<_>>(),
                    [&RowProblem::NoFactGiven],
                    "{context}"
                );
            }
            // A flag that gives a fact: both formats classify the row, alike.
            let given = |input: &str, format| {
                run_with(input.as_bytes(), format, format, |o| {
                    o.defaults.reported = Some(d("2024-03-01"));
                })
            };
            let from_csv = given(&csv_in, DataFormat::Csv);
            let from_json = given(&json_in, DataFormat::Jsonl);
            assert_eq!(from_csv.summary.errors, 0, "{context}");
            assert_eq!(
                outcomes(&from_csv, DataFormat::Csv),
                outcomes(&from_json, DataFormat::Jsonl),
                "{context}"
            );
        }
    }
}

/// A row larger than the most a row may hold (a quote never closed before
/// gigabytes of data, a binary file) stops the batch with an error naming
/// the row and its line, in CSV (header and record) and JSON Lines, instead
/// of holding the rest of the input in memory.
#[test]
fn a_row_past_the_size_limit_stops_the_batch_naming_it() {
    use hoshu::batch::{BatchError, MAX_ROW_BYTES};
    let big = "x".repeat(MAX_ROW_BYTES as usize + 1);
    let cases: [(String, DataFormat, (u64, u64)); 4] = [
        (
            format!("id,delivered,reported\nT-1,2024-01-10,2024-02-01\nT-2,\"{big}\n"),
            DataFormat::Csv,
            (2, 3),
        ),
        (
            format!("id,delivered,reported\r\nT-1,2024-01-10,2024-02-01\r\nT-2,\"{big}\r\n"),
            DataFormat::Csv,
            (2, 3),
        ),
        (format!("id,{big}\n"), DataFormat::Csv, (0, 1)),
        (
            format!("{{\"delivered\":\"2024-01-10\"}}\n\n{{\"id\":\"{big}\"}}\n"),
            DataFormat::Jsonl,
            (2, 3),
        ),
    ];
    for (input, format, (row, line)) in cases {
        let card = RateCard::default_card();
        let options = BatchOptions::new(&card, d("2026-11-28"), &|e| e.to_string());
        let mut out = Vec::new();
        let result = classify_stream(
            input.as_bytes(),
            format,
            Outputs {
                output: &mut out,
                format,
                rejects: None,
            },
            &options,
            &mut |_| {},
            &mut |_| {},
        );
        match result {
            Err(BatchError::RowTooLarge { row: r, line: l }) => {
                assert_eq!((r, l), (row, line), "{format:?}")
            }
            other => panic!("{format:?}: {:?}", other.map(|s| s.rows)),
        }
    }
    // A row just under the limit is read.
    let under = format!(
        "id,delivered,reported\nT-1,2024-01-10,2024-02-01\n{},2024-01-10,2024-02-01\n",
        "y".repeat(MAX_ROW_BYTES as usize - 40)
    );
    assert_eq!(csv(&under).summary.rows, 2);
}

/// An export as Excel saves it (Shift_JIS, CR LF, slash and era dates with
/// times, full-width digits) classifies row for row as the same tickets
/// written `YYYY-MM-DD` in UTF-8; an ambiguous date is a row error.
#[test]
fn dates_as_excel_and_helpdesks_write_them_classify_as_iso_dates() {
    let iso = "id,納品日,報告日,外部要因\n\
               A,2024-01-10,2024-03-01,いいえ\n\
               B,2019-04-30,2019-05-01,いいえ\n\
               C,2024-01-10,2025-06-01,はい\n\
               D,2025-09-30,2025-10-01,いいえ\n";
    let excel = "id,納品日,報告日,外部要因\r\n\
                 A,2024/1/10,2024/03/01 9:15,いいえ\r\n\
                 B,平成31年4月30日,令和元年5月1日,いいえ\r\n\
                 C,R6.1.10,２０２５／６／１,はい\r\n\
                 D,2025年9月30日,2025-09-30T20:00:00Z,いいえ\r\n";
    let (sjis, _, lossy) = encoding_rs::SHIFT_JIS.encode(excel);
    assert!(!lossy);
    let from_iso = csv(iso);
    let from_excel = run(&sjis, DataFormat::Csv, DataFormat::Csv);
    assert_eq!(from_excel.summary.errors, 0, "{:?}", from_excel.errors);
    assert_eq!(
        outcomes(&from_excel, DataFormat::Csv),
        outcomes(&from_iso, DataFormat::Csv)
    );
    let ambiguous = csv("id,delivered,reported\nA,01/10/2024,2024-03-01\n");
    assert!(matches!(
        &ambiguous.errors[0].problem,
        hoshu::batch::RowProblem::Fact { error: e, .. }
            if e.problem == hoshu::intake::FactProblem::Date(
                hoshu::date::DateError::Ambiguous("01/10/2024".into())
            )
    ));
}

/// A row error names the fact's column as the file names it (a Japanese
/// header, a mapped header, a JSON key), and a fact the row did not give as
/// not in the row.
#[test]
fn row_errors_name_the_column_as_the_file_names_it() {
    let cases: [(&[&str], &str, &str); 4] = [
        (
            &[],
            "id,納品日,報告日\nA,2024-13-01,2024-03-01\n",
            "column 納品日: `2024-13-01`",
        ),
        (
            &["--column", "delivered=Delivery date"],
            "id,Delivery date,reported\nA,2024/02/30,2024-03-01\n",
            "column Delivery date: `2024/02/30`",
        ),
        (
            &["--input-format", "jsonl"],
            "{\"id\":\"A\",\"納品日\":\"10/01/2024\",\"reported\":\"2024-03-01\"}\n",
            "column 納品日: `10/01/2024`",
        ),
        // The acceptance the row needs but does not give.
        (
            &[],
            "id,delivered,reported,warranty_from,accepted\nA,2024-01-10,2024-03-01,acceptance,\n",
            "column accepted: is needed",
        ),
    ];
    for (args, input, said) in cases {
        hoshu()
            .args(["classify", "--batch", "-"])
            .args(args)
            .write_stdin(input)
            .assert()
            .code(2)
            .stderr(contains(said));
    }
    // A fact the file has no column for: not the row's column.
    hoshu()
        .args(["classify", "--batch", "-", "--warranty-from", "acceptance"])
        .write_stdin("id,納品日,報告日\nA,2024-01-10,2024-03-01\n")
        .assert()
        .code(2)
        .stderr(contains("fact accepted (not in the row): is needed"));
}

/// Every run of `input` on 1, 2 and 3 threads: the same output bytes,
/// rejects, summary, row errors (in order) and progress, or the same error
/// after the same bytes.
fn same_on_every_thread_count(input: &[u8]) {
    same_on_every_thread_count_as(input, DataFormat::Csv, DataFormat::Csv);
}

/// [`same_on_every_thread_count`] with the input and output formats given.
fn same_on_every_thread_count_as(input: &[u8], from: DataFormat, to: DataFormat) {
    let card = RateCard::default_card();
    let once = |threads: usize| {
        let mut options = BatchOptions::new(&card, d("2026-11-28"), &|e| e.to_string());
        options.threads = threads;
        let (mut out, mut rejects, mut errors, mut progress) =
            (Vec::new(), Vec::new(), Vec::new(), Vec::new());
        let result = classify_stream(
            input,
            from,
            Outputs {
                output: &mut out,
                format: to,
                rejects: Some(&mut rejects),
            },
            &options,
            &mut |e| errors.push(e.clone()),
            &mut |b| progress.push(b),
        )
        .map_err(|e| format!("{e:?}"));
        (result, out, rejects, errors, progress)
    };
    let one = once(1);
    for threads in [2, 3] {
        let many = once(threads);
        assert_eq!(many.0, one.0, "{threads} threads: result");
        assert!(many.1 == one.1, "{threads} threads: output bytes differ");
        assert!(many.2 == one.2, "{threads} threads: rejects differ");
        assert_eq!(many.3, one.3, "{threads} threads: row errors");
        assert_eq!(many.4, one.4, "{threads} threads: progress");
    }
}

/// The pipeline changes nothing: thousands of rows across many chunks,
/// with bad rows, invalid bytes, Shift_JIS, CR LF, too many fields, an
/// unclosed quote at the end, and a row too large mid-way.
#[test]
fn one_thread_or_three_write_the_same_bytes() {
    let mut input = Vec::new();
    sample::write_csv(&mut input, 5_000, 7).unwrap();
    same_on_every_thread_count(&input);
    let mut awkward = input.clone();
    awkward.extend_from_slice(
        b"T-x,\"a\xffb\",2024-01-10,2024-02-01\nT-y,t,2024-01-10,2024-02-01,,,,,,,extra,more\n",
    );
    awkward.extend_from_slice(b"T-z,\"never closed,2024-01-10\n");
    same_on_every_thread_count(&awkward);
    let crlf: Vec<u8> = String::from_utf8(input.clone())
        .unwrap()
        .replace('\n', "\r\n")
        .into_bytes();
    same_on_every_thread_count(&crlf);
    // Shift_JIS: a Japanese title on every tenth row.
    let japanese = String::from_utf8(input.clone())
        .unwrap()
        .lines()
        .enumerate()
        .map(|(i, l)| {
            if i % 10 == 1 {
                l.replacen("Ticket", "障害チケット", 1)
            } else {
                l.to_owned()
            }
        })
        .collect::<Vec<_>>()
        .join("\n");
    let (sjis, _, _) = encoding_rs::SHIFT_JIS.encode(&japanese);
    assert!(sjis.len() < japanese.len(), "Shift_JIS, not UTF-8");
    same_on_every_thread_count(&sjis);
    // A row too large after a few chunks: the same rows, then the error.
    let mut large = input.clone();
    large.extend_from_slice(b"T-big,\"");
    large.extend(std::iter::repeat_n(
        b'x',
        hoshu::batch::MAX_ROW_BYTES as usize + 10,
    ));
    large.extend_from_slice(b"\"\n");
    same_on_every_thread_count(&large);
}

/// The JSON Lines pipeline changes nothing either: thousands of lines
/// across many chunks, with blank lines, lines that are no JSON or no text,
/// results of an earlier run, Shift_JIS, and a line too large mid-way; to
/// JSON Lines and to CSV.
#[test]
fn one_thread_or_three_write_the_same_json_lines() {
    let mut csv_input = Vec::new();
    sample::write_csv(&mut csv_input, 5_000, 11).unwrap();
    let mut reader = csv::Reader::from_reader(csv_input.as_slice());
    let header = reader.headers().unwrap().clone();
    let mut input = Vec::new();
    for (i, record) in reader.records().enumerate() {
        let record = record.unwrap();
        let object: serde_json::Map<String, serde_json::Value> = header
            .iter()
            .zip(record.iter())
            .map(|(k, v)| (k.to_owned(), serde_json::Value::String(v.to_owned())))
            .collect();
        input.extend(serde_json::to_vec(&object).unwrap());
        input.push(b'\n');
        match i % 500 {
            7 => input.extend_from_slice(b"\n"),
            8 => input.extend_from_slice(b"not json\n"),
            9 => input.extend_from_slice(b"{\"id\":\"x\",\"title\":\"a\xffb\"}\n"),
            10 => input.extend_from_slice(
                b"{\"id\":\"y\",\"delivered\":\"2024-01-10\",\"reported\":\"2024-02-01\",\"verdict\":\"covered\"}\r\n",
            ),
            _ => {}
        }
    }
    for to in [DataFormat::Jsonl, DataFormat::Csv] {
        same_on_every_thread_count_as(&input, DataFormat::Jsonl, to);
    }
    let japanese = String::from_utf8_lossy(&input).replace("Ticket", "障害チケット");
    let (sjis, _, _) = encoding_rs::SHIFT_JIS.encode(&japanese);
    same_on_every_thread_count_as(&sjis, DataFormat::Jsonl, DataFormat::Jsonl);
    let mut large = input.clone();
    large.extend_from_slice(b"{\"id\":\"");
    large.extend(std::iter::repeat_n(
        b'x',
        hoshu::batch::MAX_ROW_BYTES as usize + 10,
    ));
    large.extend_from_slice(b"\"}\n{\"id\":\"after\"}\n");
    same_on_every_thread_count_as(&large, DataFormat::Jsonl, DataFormat::Jsonl);
    // A writer that fails mid-way (a full disk) stops every thread: the
    // batch returns its error, on any thread count, and nothing hangs.
    struct Full(usize);
    impl std::io::Write for Full {
        fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
            if self.0 < buf.len() {
                return Err(std::io::Error::other("disk full"));
            }
            self.0 -= buf.len();
            Ok(buf.len())
        }
        fn flush(&mut self) -> std::io::Result<()> {
            Ok(())
        }
    }
    let card = RateCard::default_card();
    for (from, bytes) in [(DataFormat::Jsonl, &input), (DataFormat::Csv, &csv_input)] {
        for threads in [1, 2, 3] {
            let mut options = BatchOptions::new(&card, d("2026-11-28"), &|e| e.to_string());
            options.threads = threads;
            let result = classify_stream(
                bytes.as_slice(),
                from,
                Outputs {
                    output: Full(100_000),
                    format: from,
                    rejects: None,
                },
                &options,
                &mut |_| {},
                &mut |_| {},
            );
            assert!(
                format!("{result:?}").contains("disk full"),
                "{threads} threads: {result:?}"
            );
        }
    }
}
