//! The register: numbered by the firm's pattern, versioned, cancelled by
//! record, found by date, customer and amount, shown as issued, and
//! altered only where `register verify` finds it.

use std::path::{Path, PathBuf};

use crate::support::hoshu;

/// A temp folder with a fresh register and a firm profile (the example
/// one, with `extra` appended).
struct Office {
    dir: tempfile::TempDir,
}

impl Office {
    fn new(extra: &str) -> Office {
        let dir = tempfile::tempdir().unwrap();
        let firm = std::fs::read_to_string("examples/firm.toml").unwrap();
        std::fs::write(dir.path().join("firm.toml"), format!("{firm}\n{extra}\n")).unwrap();
        hoshu()
            .args(["register", "init"])
            .arg(dir.path().join("r.sqlite"))
            .assert()
            .success();
        Office { dir }
    }

    fn path(&self, name: &str) -> PathBuf {
        self.dir.path().join(name)
    }

    /// `hoshu issue SYSTEM --date DATE --format FORMAT` (with `more`), its
    /// output, the number it printed and its stderr.
    fn issue(&self, system: &str, date: &str, format: &str, more: &[&str]) -> (Vec<u8>, String) {
        let out_file = self.path(&format!("out.{format}"));
        let out = hoshu()
            .args([
                "issue", system, "--date", date, "--format", format, "--firm",
            ])
            .arg(self.path("firm.toml"))
            .arg("--register")
            .arg(self.path("r.sqlite"))
            .arg("--output")
            .arg(&out_file)
            .args(more)
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        let number = String::from_utf8(out.stdout).unwrap().trim().to_owned();
        (std::fs::read(&out_file).unwrap(), number)
    }

    fn register(&self, args: &[&str]) -> std::process::Output {
        hoshu()
            .arg("register")
            .args(args)
            .arg("--register")
            .arg(self.path("r.sqlite"))
            .output()
            .unwrap()
    }

    fn list_json(&self, args: &[&str]) -> serde_json::Value {
        let mut all = vec!["list", "--format", "json"];
        all.extend(args);
        let out = self.register(&all);
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        serde_json::from_slice(&out.stdout).unwrap()
    }

    fn numbers(&self, args: &[&str]) -> Vec<String> {
        self.list_json(args)["records"]
            .as_array()
            .unwrap()
            .iter()
            .map(|r| r["number"].as_str().unwrap().to_owned())
            .collect()
    }

    fn sql(&self, statement: &str) {
        let conn = rusqlite::Connection::open(self.path("r.sqlite")).unwrap();
        conn.execute_batch(statement).unwrap();
    }
}

const SHOP: &str = "examples/sakura-shop.toml";
const SITE: &str = "examples/corporate-site.toml";

#[test]
fn documents_are_numbered_by_month_and_the_number_is_on_the_document() {
    let office = Office::new("");
    let (html, first) = office.issue(SHOP, "2026-12-01", "html", &[]);
    assert_eq!(first, "202612-001");
    let html = String::from_utf8(html).unwrap();
    assert!(
        html.contains("<td>202612-001</td>"),
        "the 見積番号 is the register's"
    );
    let (_, second) = office.issue(SITE, "2026-12-31", "html", &[]);
    assert_eq!(second, "202612-002");
    // A new month starts again at 001.
    let (_, january) = office.issue(SITE, "2027-01-01", "html", &[]);
    assert_eq!(january, "202701-001");
    // The JSON keeps the quote's reproducible id beside the number.
    let (json, _) = office.issue(SITE, "2027-01-02", "json", &[]);
    let json: serde_json::Value = serde_json::from_slice(&json).unwrap();
    assert_eq!(json["number"], "202701-002");
    assert_eq!(json["version"], 1);
    assert!(json["quote_id"].as_str().unwrap().starts_with("Q-"));
}

#[test]
fn the_firms_pattern_numbers_and_a_yearly_one_resets_each_year() {
    let office =
        Office::new("[numbering]\nquote = \"見積-{yyyy}-{seq:4}\"\nrevision = \"-r{version}\"");
    let (_, a) = office.issue(SITE, "2026-11-30", "html", &[]);
    let (_, b) = office.issue(SITE, "2026-12-31", "html", &[]);
    let (_, c) = office.issue(SITE, "2027-01-01", "html", &[]);
    assert_eq!(
        [a.as_str(), &b, &c],
        ["見積-2026-0001", "見積-2026-0002", "見積-2027-0001"]
    );
    let (_, revised) = office.issue(SITE, "2027-01-05", "html", &["--revises", &c]);
    assert_eq!(revised, "見積-2027-0001-r2");
    // A pattern hoshu cannot number by is refused at its key.
    std::fs::write(
        office.path("firm.toml"),
        std::fs::read_to_string("examples/firm.toml").unwrap()
            + "\n[numbering]\nquote = \"{yyyy}{mm}\"\n",
    )
    .unwrap();
    let out = hoshu()
        .args(["issue", SITE, "--format", "html", "--firm"])
        .arg(office.path("firm.toml"))
        .arg("--register")
        .arg(office.path("r.sqlite"))
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(
        err.contains("`numbering.quote`") && err.contains("exactly one `{seq}`"),
        "{err}"
    );
}

#[test]
fn a_revision_is_the_next_version_linked_to_the_last() {
    let office = Office::new("");
    let (_, first) = office.issue(SHOP, "2026-12-01", "html", &[]);
    let (html, second) = office.issue(SHOP, "2026-12-10", "html", &["--revises", &first]);
    assert_eq!(second, "202612-001-02");
    let html = String::from_utf8(html).unwrap();
    assert!(
        html.contains("202612-001-02 (version 2)"),
        "the document shows its 版"
    );
    let (_, third) = office.issue(SHOP, "2026-12-11", "html", &["--revises", &second]);
    assert_eq!(third, "202612-001-03");
    // Only the latest is revised; an unknown number is named.
    let out = hoshu()
        .args([
            "issue",
            SHOP,
            "--format",
            "html",
            "--revises",
            &first,
            "--firm",
        ])
        .arg(office.path("firm.toml"))
        .arg("--register")
        .arg(office.path("r.sqlite"))
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("`202612-001-03`: revise the latest"));
    let records = office.list_json(&[]);
    let records = records["records"].as_array().unwrap();
    assert_eq!(records[1]["revises"], "202612-001");
    assert_eq!(records[2]["base"], "202612-001");
    assert_eq!(records[2]["version"], 3);
    // A revision does not take the month's next number.
    let (_, next) = office.issue(SITE, "2026-12-12", "html", &[]);
    assert_eq!(next, "202612-002");
}

#[test]
fn show_writes_the_document_as_issued() {
    let office = Office::new("");
    for format in ["html", "json", "xlsx"] {
        let (issued, number) = office.issue(SHOP, "2026-12-01", format, &[]);
        let shown = office.path("shown");
        let out = office.register(&["show", &number, "--output", shown.to_str().unwrap()]);
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        assert!(
            std::fs::read(&shown).unwrap() == issued,
            "{format}: the same bytes"
        );
    }
    let out = office.register(&["show", "202612-999"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("no document numbered `202612-999`"));
}

#[test]
fn a_cancellation_is_a_record_and_the_document_stays() {
    let office = Office::new("");
    let (_, number) = office.issue(SITE, "2026-12-01", "html", &[]);
    let out = office.register(&[
        "cancel",
        &number,
        "--reason",
        "お客様のご都合",
        "--date",
        "2026-12-02",
    ]);
    assert!(out.status.success());
    let records = office.list_json(&[]);
    let records = records["records"].as_array().unwrap();
    assert_eq!(records.len(), 2);
    assert_eq!(records[0]["cancelled"], true);
    assert_eq!(records[1]["kind"], "cancel");
    assert_eq!(records[1]["reason"], "お客様のご都合");
    // Neither cancelled twice nor revised.
    let out = office.register(&["cancel", &number, "--reason", "again"]);
    assert_eq!(out.status.code(), Some(2));
    let out = hoshu()
        .args([
            "issue",
            SITE,
            "--format",
            "html",
            "--revises",
            &number,
            "--firm",
        ])
        .arg(office.path("firm.toml"))
        .arg("--register")
        .arg(office.path("r.sqlite"))
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("was cancelled"));
    // The issued document is still shown.
    assert!(office.register(&["show", &number]).status.success());
}

#[test]
fn search_by_date_customer_and_amount_in_combination() {
    let office = Office::new("");
    office.issue(SHOP, "2026-11-30", "html", &[]); // Sakura, ¥4,9… first year
    office.issue(SITE, "2026-12-01", "html", &[]); // Aoba, ¥369,600
    office.issue(SHOP, "2026-12-15", "html", &[]);
    office.issue(SITE, "2027-01-04", "html", &[]);
    assert_eq!(office.numbers(&[]).len(), 4);
    assert_eq!(
        office.numbers(&["--from", "2026-12-01", "--to", "2026-12-31"]),
        ["202612-001", "202612-002"]
    );
    assert_eq!(
        office.numbers(&["--customer", "aoba"]),
        ["202612-001", "202701-001"]
    );
    assert_eq!(
        office.numbers(&["--customer", "Sakura", "--from", "2026-12-01"]),
        ["202612-002"]
    );
    assert_eq!(
        office.numbers(&["--max", "400000"]),
        ["202612-001", "202701-001"]
    );
    assert_eq!(
        office.numbers(&["--min", "400000", "--to", "2026-11-30"]),
        ["202611-001"]
    );
    assert!(
        office.numbers(&["--customer", "%"]).is_empty(),
        "% is itself"
    );
    // CSV for Excel: a BOM, CR LF, the amount a number.
    let out = office.register(&["list", "--format", "csv", "--lang", "ja"]);
    let csv = String::from_utf8(out.stdout).unwrap();
    assert!(csv.starts_with("\u{feff}番号,版,発行日,取引先,金額（税込）,状態,"));
    assert!(csv.contains(",369600,"), "{csv}");
    assert!(csv.contains("\r\n"));
}

#[test]
fn verify_finds_a_change_a_removal_and_a_cut() {
    let office = Office::new("");
    for date in ["2026-12-01", "2026-12-02", "2026-12-03"] {
        office.issue(SITE, date, "html", &[]);
    }
    let out = office.register(&["verify"]);
    assert!(out.status.success());
    assert!(String::from_utf8_lossy(&out.stdout).contains("all 3 records are as written"));
    // hoshu's own triggers refuse a change made through SQL …
    let conn = rusqlite::Connection::open(office.path("r.sqlite")).unwrap();
    assert!(
        conn.execute("UPDATE records SET amount = 1 WHERE seq = 2", [])
            .is_err()
    );
    assert!(
        conn.execute("DELETE FROM records WHERE seq = 3", [])
            .is_err()
    );
    drop(conn);
    // … and one made around them is found, naming the record.
    let broken = |office: &Office, needle: &str| {
        let out = office.register(&["verify"]);
        assert_eq!(out.status.code(), Some(1));
        let err = String::from_utf8(out.stderr).unwrap();
        assert!(err.contains(needle), "{err}");
    };
    let copy = office.path("r.sqlite.bak");
    std::fs::copy(office.path("r.sqlite"), &copy).unwrap();
    office.sql("DROP TRIGGER records_are_kept; UPDATE records SET amount = 1 WHERE seq = 2;");
    broken(&office, "record 2 (`202612-002`) is not as hoshu wrote it");
    std::fs::copy(&copy, office.path("r.sqlite")).unwrap();
    office.sql("DROP TRIGGER records_stay; DELETE FROM records WHERE seq = 2;");
    broken(
        &office,
        "record 3 (`202612-003`) does not follow the record before it",
    );
    std::fs::copy(&copy, office.path("r.sqlite")).unwrap();
    office.sql("DROP TRIGGER records_stay; DELETE FROM records WHERE seq = 3;");
    broken(&office, "the records after record 2 are gone");
    std::fs::copy(&copy, office.path("r.sqlite")).unwrap();
    office.sql("DROP TRIGGER records_are_kept; UPDATE records SET document = X'00' WHERE seq = 1;");
    broken(&office, "record 1 (`202612-001`)");
}

#[test]
fn sixteen_issuers_at_once_get_sixteen_consecutive_numbers() {
    let office = Office::new("");
    let children: Vec<_> = (0..16)
        .map(|i| {
            std::process::Command::new(env!("CARGO_BIN_EXE_hoshu"))
                .args([
                    "issue",
                    SITE,
                    "--date",
                    "2026-12-01",
                    "--format",
                    "json",
                    "--firm",
                ])
                .arg(office.path("firm.toml"))
                .arg("--register")
                .arg(office.path("r.sqlite"))
                .arg("--output")
                .arg(office.path(&format!("q{i}.json")))
                .stdout(std::process::Stdio::piped())
                .stderr(std::process::Stdio::piped())
                .spawn()
                .unwrap()
        })
        .collect();
    let mut numbers: Vec<String> = children
        .into_iter()
        .map(|c| {
            let out = c.wait_with_output().unwrap();
            assert!(
                out.status.success(),
                "{}",
                String::from_utf8_lossy(&out.stderr)
            );
            String::from_utf8(out.stdout).unwrap().trim().to_owned()
        })
        .collect();
    numbers.sort();
    let expected: Vec<String> = (1..=16).map(|n| format!("202612-{n:03}")).collect();
    assert_eq!(numbers, expected);
    assert!(office.register(&["verify"]).status.success());
}

#[test]
fn a_register_that_cannot_be_used_is_said_and_nothing_is_lost() {
    let dir = tempfile::tempdir().unwrap();
    let run = |args: &[&str], register: &Path| {
        hoshu()
            .args(args)
            .arg("--register")
            .arg(register)
            .output()
            .unwrap()
    };
    // No register: how to make one.
    let missing = dir.path().join("none.sqlite");
    let out = run(&["register", "list"], &missing);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("hoshu register init"));
    assert!(!missing.exists(), "nothing made by a read");
    // Not a database: exit 1 naming the file, the file untouched.
    let junk = dir.path().join("junk.sqlite");
    std::fs::write(&junk, "this is not a database, but someone's notes\n").unwrap();
    let out = run(&["register", "verify"], &junk);
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(err.contains("junk.sqlite"), "{err}");
    assert_eq!(
        std::fs::read_to_string(&junk).unwrap(),
        "this is not a database, but someone's notes\n"
    );
    // Some other database: refused, not changed.
    let other = dir.path().join("other.sqlite");
    rusqlite::Connection::open(&other)
        .unwrap()
        .execute_batch("CREATE TABLE customers (name TEXT); INSERT INTO customers VALUES ('x');")
        .unwrap();
    let before = std::fs::read(&other).unwrap();
    let out = run(&["register", "list"], &other);
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("is not a hoshu register"));
    assert_eq!(std::fs::read(&other).unwrap(), before);
    // A register made empty by another tool (a 0-byte file) becomes one.
    let empty = dir.path().join("empty.sqlite");
    std::fs::write(&empty, "").unwrap();
    let out = run(&["register", "verify"], &empty);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    // A register a newer hoshu wrote is refused.
    let newer = dir.path().join("newer.sqlite");
    hoshu()
        .args(["register", "init"])
        .arg(&newer)
        .assert()
        .success();
    rusqlite::Connection::open(&newer)
        .unwrap()
        .pragma_update(None, "user_version", 99)
        .unwrap();
    let out = run(&["register", "list"], &newer);
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("newer hoshu"));
}

#[test]
fn the_firm_profile_names_the_register_beside_it() {
    let office = Office::new("register = \"r.sqlite\"");
    let out = hoshu()
        .args([
            "issue",
            SITE,
            "--date",
            "2026-12-01",
            "--format",
            "html",
            "--firm",
        ])
        .arg(office.path("firm.toml"))
        .arg("--output")
        .arg(office.path("q.html"))
        .env_remove("HOSHU_REGISTER")
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(String::from_utf8_lossy(&out.stdout).trim(), "202612-001");
    let out = hoshu()
        .args(["register", "list", "--format", "json", "--firm"])
        .arg(office.path("firm.toml"))
        .env_remove("HOSHU_REGISTER")
        .output()
        .unwrap();
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(json["schema"], "hoshu.register.v1");
    assert_eq!(json["records"][0]["number"], "202612-001");
    // Kept 7 years after the fiscal year (to March) of issue ends.
    assert_eq!(json["records"][0]["retain_until"], "2034-03-31");
}

#[test]
fn export_writes_every_document_and_an_index_and_diff_reads_numbers() {
    let office = Office::new("");
    let (html, first) = office.issue(SHOP, "2026-12-01", "html", &[]);
    let (json, _) = office.issue(SITE, "2026-12-02", "json", &[]);
    // The revision prices another plan: diff tells what changed.
    let (_, second) = office.issue(
        SHOP,
        "2026-12-03",
        "html",
        &["--revises", &first, "--plan", "full"],
    );
    let out = office.register(&["cancel", "202612-002", "--reason", "不要"]);
    assert!(out.status.success());
    let dir = office.path("監査");
    let out = office.register(&["export", dir.to_str().unwrap(), "--lang", "ja"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let mut files: Vec<String> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    files.sort();
    assert_eq!(files.len(), 4, "{files:?}");
    assert_eq!(
        files[0],
        "20261201_Sakura_Trading_Co.,_Ltd_4943936_202612-001.html"
            .replace("4943936", &amount(&office, "202612-001"))
    );
    assert!(
        std::fs::read(dir.join(&files[0])).unwrap() == html,
        "as issued"
    );
    assert!(std::fs::read(dir.join(&files[1])).unwrap() == json);
    assert_eq!(files[3], "index.csv");
    let index = std::fs::read_to_string(dir.join("index.csv")).unwrap();
    assert!(index.starts_with(
        "\u{feff}番号,版,発行日,取引先,金額（税込）,状態,システム・理由,ファイル\r\n"
    ));
    assert!(
        index.contains("202612-002,1,2026-12-02,Aoba Dental Clinic,369600,取消済,"),
        "{index}"
    );
    // Two numbers from the register, diffed as saved quotes.
    let out = hoshu()
        .args(["diff", &first, &second, "--format", "json", "--register"])
        .arg(office.path("r.sqlite"))
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let diff: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(diff["old"], first);
    assert_eq!(diff["new"], second);
    assert!(
        diff["monthly"]["difference"].as_i64().unwrap() > 0,
        "{diff}"
    );
}

/// The amount a record states, as the register lists it.
fn amount(office: &Office, number: &str) -> String {
    office.list_json(&[])["records"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["number"] == number)
        .unwrap()["amount"]
        .to_string()
}

/// A register another process holds: the issuer waits as long as told
/// (`HOSHU_REGISTER_WAIT`), then exits 1 naming the file, and nothing is
/// written or numbered.
#[test]
fn a_locked_register_is_said_after_the_wait_and_takes_no_number() {
    let office = Office::new("");
    let conn = rusqlite::Connection::open(office.path("r.sqlite")).unwrap();
    conn.execute_batch("BEGIN EXCLUSIVE").unwrap();
    let out = hoshu()
        .args([
            "issue",
            SITE,
            "--date",
            "2026-12-01",
            "--format",
            "html",
            "--firm",
        ])
        .arg(office.path("firm.toml"))
        .arg("--register")
        .arg(office.path("r.sqlite"))
        .arg("--output")
        .arg(office.path("q.html"))
        .env("HOSHU_REGISTER_WAIT", "1")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(err.contains("r.sqlite") && err.contains("locked"), "{err}");
    assert!(!office.path("q.html").exists());
    conn.execute_batch("ROLLBACK").unwrap();
    drop(conn);
    let (_, number) = office.issue(SITE, "2026-12-01", "html", &[]);
    assert_eq!(number, "202612-001", "the wait took no number");
    let out = hoshu()
        .args(["register", "list", "--register"])
        .arg(office.path("r.sqlite"))
        .env("HOSHU_REGISTER_WAIT", "soon")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("HOSHU_REGISTER_WAIT is `soon`"));
}

/// With `{code}` in the pattern, each customer's documents are numbered on
/// their own; a system without its code is refused at the key.
#[test]
fn a_pattern_with_the_customers_code_counts_per_customer() {
    let office = Office::new("[numbering]\nquote = \"{code}-{yyyy}-{seq:3}\"");
    let with_code = |name: &str, code: &str| {
        let text = std::fs::read_to_string(SITE).unwrap();
        let path = office.path(name);
        std::fs::write(
            &path,
            format!("{text}\n[quote]\ncustomer_code = \"{code}\"\n"),
        )
        .unwrap();
        path.display().to_string()
    };
    let (sakura, aoba) = (with_code("s.toml", "SAKURA"), with_code("a.toml", "AOBA"));
    let numbers: Vec<String> = [&sakura, &aoba, &sakura]
        .iter()
        .map(|f| office.issue(f, "2026-12-01", "html", &[]).1)
        .collect();
    assert_eq!(
        numbers,
        ["SAKURA-2026-001", "AOBA-2026-001", "SAKURA-2026-002"]
    );
    let out = hoshu()
        .args(["issue", SITE, "--format", "html", "--firm"])
        .arg(office.path("firm.toml"))
        .arg("--register")
        .arg(office.path("r.sqlite"))
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(err.contains("`quote.customer_code` is missing"), "{err}");
}
