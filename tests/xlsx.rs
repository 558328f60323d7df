//! The 見積書 worksheet computes: every amount, subtotal, tax and total is a
//! formula, and evaluated over the sheet's own cells each gives the quote's
//! number; an edited quantity changes the totals as the engine would.
//!
//! A small evaluator reads the formulas hoshu writes (cell references,
//! `+ - * /`, `INT`, `SUMIF`), so the check does not trust the cached values.

use std::collections::HashMap;
use std::io::Read;
use std::path::Path;

use hoshu::lang::Lang;
use hoshu::money::{Rounding, TaxRate, Yen, tax};
use hoshu::quote::Quote;
use hoshu::render::quote::Format;
use hoshu::system::System;

use crate::support::{example_files, render_quote};

#[derive(Debug, Clone)]
enum Cell {
    Number(f64),
    Text(String),
    Formula { text: String, cached: f64 },
}

struct Sheet(HashMap<String, Cell>);

fn unescape(s: &str) -> String {
    s.replace("&quot;", "\"")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&apos;", "'")
        .replace("&amp;", "&")
}

/// The text between `<tag ...>` and `</tag>` after `from`.
fn inner<'a>(xml: &'a str, tag: &str) -> Option<&'a str> {
    let start = xml.find(&format!("<{tag}"))?;
    let open_end = start + xml[start..].find('>')? + 1;
    if xml[..open_end].ends_with("/>") {
        return Some("");
    }
    let close = open_end + xml[open_end..].find(&format!("</{tag}>"))?;
    Some(&xml[open_end..close])
}

fn read_sheet(bytes: &[u8]) -> Sheet {
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
    let mut read = |name: &str| {
        let mut text = String::new();
        if let Ok(mut f) = zip.by_name(name) {
            f.read_to_string(&mut text).unwrap();
        }
        text
    };
    let shared_xml = read("xl/sharedStrings.xml");
    let sheet_xml = read("xl/worksheets/sheet1.xml");
    let shared: Vec<String> = shared_xml
        .split("<si>")
        .skip(1)
        .map(|si| unescape(inner(si, "t").unwrap_or_default()))
        .collect();
    let mut cells = HashMap::new();
    for c in sheet_xml.split("<c r=\"").skip(1) {
        let name = c[..c.find('"').unwrap()].to_owned();
        let head = &c[..c.find('>').unwrap()];
        let body = &c[..c.find("</c>").unwrap_or(c.len())];
        let value = inner(body, "v").map(unescape);
        let cell = if let Some(f) = inner(body, "f") {
            Cell::Formula {
                text: unescape(f),
                cached: value.unwrap_or_default().parse().unwrap_or(0.0),
            }
        } else if head.contains("t=\"s\"") {
            Cell::Text(shared[value.unwrap().parse::<usize>().unwrap()].clone())
        } else if let Some(v) = value {
            Cell::Number(v.parse().unwrap())
        } else {
            continue;
        };
        cells.insert(name, cell);
    }
    Sheet(cells)
}

/// `A12` as (column 0-based, row 1-based).
fn split(cell: &str) -> (u32, u32) {
    let col = cell
        .chars()
        .take_while(char::is_ascii_uppercase)
        .collect::<String>();
    let row = cell[col.len()..].parse().unwrap();
    let col = col.bytes().fold(0, |n, b| n * 26 + u32::from(b - b'A') + 1) - 1;
    (col, row)
}

fn name(col: u32, row: u32) -> String {
    format!("{}{row}", char::from(b'A' + col as u8))
}

impl Sheet {
    fn value(&self, cell: &str) -> f64 {
        match self.0.get(cell) {
            None | Some(Cell::Text(_)) => 0.0,
            Some(Cell::Number(n)) => *n,
            Some(Cell::Formula { text, .. }) => Eval::new(self, text).expr(),
        }
    }

    fn text(&self, cell: &str) -> Option<&str> {
        match self.0.get(cell) {
            Some(Cell::Text(t)) => Some(t),
            _ => None,
        }
    }

    fn find(&self, text: &str) -> Vec<String> {
        let mut found: Vec<String> = self
            .0
            .iter()
            .filter(|(_, c)| matches!(c, Cell::Text(t) if t == text))
            .map(|(n, _)| n.clone())
            .collect();
        found.sort_by_key(|n| split(n).1);
        found
    }
}

/// A recursive-descent evaluator of the formulas hoshu writes.
struct Eval<'a> {
    sheet: &'a Sheet,
    s: Vec<char>,
    at: usize,
}

impl<'a> Eval<'a> {
    fn new(sheet: &'a Sheet, text: &str) -> Eval<'a> {
        Eval {
            sheet,
            s: text.trim_start_matches('=').chars().collect(),
            at: 0,
        }
    }

    fn peek(&self) -> Option<char> {
        self.s.get(self.at).copied()
    }

    fn eat(&mut self, c: char) -> bool {
        if self.peek() == Some(c) {
            self.at += 1;
            true
        } else {
            false
        }
    }

    fn expr(&mut self) -> f64 {
        let mut v = self.term();
        loop {
            if self.eat('+') {
                v += self.term();
            } else if self.eat('-') {
                v -= self.term();
            } else {
                return v;
            }
        }
    }

    fn term(&mut self) -> f64 {
        let mut v = self.factor();
        loop {
            if self.eat('*') {
                v *= self.factor();
            } else if self.eat('/') {
                v /= self.factor();
            } else {
                return v;
            }
        }
    }

    fn word(&mut self) -> String {
        let start = self.at;
        while self
            .peek()
            .is_some_and(|c| c.is_ascii_alphanumeric() || c == '.')
        {
            self.at += 1;
        }
        self.s[start..self.at].iter().collect()
    }

    fn string(&mut self) -> String {
        assert!(self.eat('"'));
        let start = self.at;
        while self.peek() != Some('"') {
            self.at += 1;
        }
        let text = self.s[start..self.at].iter().collect();
        self.at += 1;
        text
    }

    fn range(&mut self) -> Vec<String> {
        let from = self.word();
        assert!(self.eat(':'));
        let to = self.word();
        let ((c, r1), (_, r2)) = (split(&from), split(&to));
        (r1..=r2).map(|r| name(c, r)).collect()
    }

    fn factor(&mut self) -> f64 {
        if self.eat('-') {
            return -self.factor();
        }
        if self.eat('(') {
            let v = self.expr();
            assert!(self.eat(')'));
            return v;
        }
        let word = self.word();
        if self.eat('(') {
            let v = match word.as_str() {
                "INT" => self.expr().floor(),
                "SUMIF" => {
                    let criteria = self.range();
                    assert!(self.eat(','));
                    // A text criterion (the quote's recurrence) or a number
                    // (the invoice's tax rate).
                    let (text, number) = if self.peek() == Some('"') {
                        (Some(self.string()), None)
                    } else {
                        (None, Some(self.word().parse::<f64>().unwrap()))
                    };
                    assert!(self.eat(','));
                    let sums = self.range();
                    let sheet = self.sheet;
                    let wanted = |c: &str| match (&text, number) {
                        (Some(t), _) => sheet.text(c) == Some(t.as_str()),
                        (None, Some(n)) => sheet.text(c).is_none() && sheet.value(c) == n,
                        (None, None) => false,
                    };
                    criteria
                        .iter()
                        .zip(&sums)
                        .filter(|(c, _)| wanted(c))
                        .map(|(_, s)| self.sheet.value(s))
                        .sum()
                }
                other => panic!("hoshu writes no {other}()"),
            };
            assert!(self.eat(')'));
            return v;
        }
        match word.parse::<f64>() {
            Ok(n) => n,
            Err(_) => self.sheet.value(&word),
        }
    }
}

fn worksheet(path: &Path, lang: Lang) -> (Quote, Sheet) {
    let system = System::from_file(path).unwrap();
    let (quote, bytes) = render_quote(&system, "standard", lang, Format::Xlsx);
    (quote, read_sheet(&bytes))
}

/// The row of a label in column A, and the totals' columns B..E.
fn totals_row(sheet: &Sheet, label: &str) -> u32 {
    let found = sheet.find(label);
    split(found.last().unwrap_or_else(|| panic!("no `{label}`"))).1
}

#[test]
fn every_formula_gives_the_quotes_numbers() {
    for file in example_files() {
        let path = Path::new(env!("CARGO_MANIFEST_DIR")).join(&file);
        for lang in Lang::ALL {
            let (quote, sheet) = worksheet(&path, lang);
            let mut formulas = 0;
            for (cell, c) in &sheet.0 {
                if let Cell::Formula { cached, .. } = c {
                    formulas += 1;
                    assert_eq!(sheet.value(cell), *cached, "{file} {cell}");
                }
            }
            assert!(
                formulas > quote.lines.len() + 12,
                "{file}: amounts and totals are formulas"
            );
            let cat = hoshu::render::catalogue::of(lang);
            use hoshu::render::catalogue::Text;
            let sub = totals_row(&sheet, cat.text(Text::Subtotal));
            let all = [
                quote.monthly,
                quote.annual,
                quote.one_time,
                quote.first_year,
            ];
            for (col, totals) in ["B", "C", "D", "E"].iter().zip(all) {
                assert_eq!(
                    sheet.value(&format!("{col}{sub}")),
                    totals.subtotal.0 as f64,
                    "{file}"
                );
                assert_eq!(
                    sheet.value(&format!("{col}{}", sub + 1)),
                    totals.tax.0 as f64,
                    "{file}"
                );
                assert_eq!(
                    sheet.value(&format!("{col}{}", sub + 2)),
                    totals.total.0 as f64,
                    "{file}"
                );
            }
        }
    }
}

#[test]
fn an_edited_quantity_recomputes_the_totals_and_the_tax() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/legacy-system.toml");
    let (quote, mut sheet) = worksheet(&path, Lang::Ja);
    // The first monthly line: its quantity in column B, unit price in D.
    let line = &quote.lines[0];
    assert_eq!(line.recurrence, hoshu::quote::Recurrence::Monthly);
    let row = (1..200)
        .find(|r| {
            sheet.value(&format!("F{r}")) == line.amount.0 as f64
                && matches!(sheet.0.get(&format!("F{r}")), Some(Cell::Formula { .. }))
        })
        .unwrap();
    sheet
        .0
        .insert(format!("B{row}"), Cell::Number((line.quantity + 2) as f64));
    let sub = totals_row(&sheet, "小計（税抜）");
    let monthly = Yen(quote.monthly.subtotal.0 + 2 * line.unit_price.0);
    assert_eq!(sheet.value(&format!("B{sub}")), monthly.0 as f64);
    let rate = TaxRate(quote.tax_rate.0);
    assert_eq!(quote.rounding, Rounding::Floor);
    assert_eq!(
        sheet.value(&format!("B{}", sub + 1)),
        tax(monthly, rate, quote.rounding).unwrap().0 as f64
    );
    let annual = Yen(12 * monthly.0 + (quote.annual.subtotal.0 - 12 * quote.monthly.subtotal.0));
    assert_eq!(sheet.value(&format!("C{sub}")), annual.0 as f64);
    assert_eq!(
        sheet.value(&format!("C{}", sub + 2)),
        (annual.0 + tax(annual, rate, quote.rounding).unwrap().0) as f64
    );
}

/// What a worksheet cannot hold is refused with exit 2, saying what and
/// what to do, and nothing is written: a text over 32,767 characters (a
/// cell's limit) and an amount over 2^53 yen (a spreadsheet's numbers are
/// doubles: the last yen would be lost).
#[test]
fn what_a_worksheet_cannot_hold_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let long = dir.path().join("long.toml");
    std::fs::write(
        &long,
        format!(
            "name = \"{}\"\ncustomer = \"C\"\n[traffic]\ndaily_visits = 150\n[[sites]]\nname = \"www\"\npages = 1\n",
            "長".repeat(40_000)
        ),
    )
    .unwrap();
    let rates = dir.path().join("rates.toml");
    let card = String::from_utf8(
        crate::support::hoshu()
            .arg("rates")
            .output()
            .unwrap()
            .stdout,
    )
    .unwrap()
    .replace(
        "per_server_monthly = 10000",
        "per_server_monthly = 3000000000",
    );
    std::fs::write(&rates, card).unwrap();
    let huge = dir.path().join("huge.toml");
    std::fs::write(
        &huge,
        "name = \"X\"\ncustomer = \"C\"\n[traffic]\ndaily_visits = 150\n[[servers]]\nrole = \"web\"\ncount = 4000000\n",
    )
    .unwrap();
    for (system, said) in [
        (&long, "more than a worksheet cell holds (32,767)"),
        (&huge, "more than a spreadsheet holds exactly"),
    ] {
        let out = dir.path().join("q.xlsx");
        crate::support::hoshu()
            .args(["quote", "--format", "xlsx", "--firm", "examples/firm.toml"])
            .arg(system)
            .arg("--rates")
            .arg(&rates)
            .arg("--output")
            .arg(&out)
            .assert()
            .code(2)
            .stderr(predicates::str::contains(said));
        assert!(!out.exists());
    }
    // The same amounts are exact in JSON.
    crate::support::hoshu()
        .args(["quote", "--format", "json"])
        .arg(&huge)
        .arg("--rates")
        .arg(&rates)
        .assert()
        .success()
        .stdout(predicates::str::contains("12000000000000000"));
}

/// The worksheet prints as a document: A4 portrait, its print area, the
/// lines' header on every page, page numbers; its dates are Excel dates.
#[test]
fn the_worksheet_prints_as_a_document_with_real_dates() {
    let system = System::from_file(Path::new("examples/sakura-shop.toml")).unwrap();
    let (quote, bytes) = render_quote(&system, "standard", Lang::Ja, Format::Xlsx);
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(&bytes)).unwrap();
    let mut read = |name: &str| {
        let mut text = String::new();
        zip.by_name(name)
            .unwrap()
            .read_to_string(&mut text)
            .unwrap();
        text
    };
    let sheet_xml = read("xl/worksheets/sheet1.xml");
    let workbook = read("xl/workbook.xml");
    let styles = read("xl/styles.xml");
    assert!(
        sheet_xml.contains("orientation=\"portrait\""),
        "{sheet_xml}"
    );
    assert!(sheet_xml.contains("paperSize=\"9\""));
    assert!(sheet_xml.contains("<oddFooter>&amp;C&amp;P / &amp;N</oddFooter>"));
    assert!(workbook.contains("_xlnm.Print_Titles") && workbook.contains("_xlnm.Print_Area"));
    assert!(
        styles.contains("yyyy&quot;年&quot;m&quot;月&quot;d&quot;日&quot;"),
        "{styles}"
    );
    // The issue date as Excel's day number (days since 1899-12-30).
    let serial = (quote.date - chrono::NaiveDate::from_ymd_opt(1899, 12, 30).unwrap()).num_days();
    let sheet = read_sheet(&bytes);
    assert_eq!(sheet.value("F4"), serial as f64);
}

/// The invoice and its credit note as worksheets: every amount, each rate's
/// subtotal and tax and the total are formulas that, evaluated over the
/// sheet's own cells, give the document's numbers (tax once per rate, with
/// decimal hours and a discount); the credit returns the invoice's total.
#[test]
fn the_invoice_and_credit_note_worksheets_compute() {
    let firm = crate::support::Registered::new("");
    let at = |name: &str| firm.at(name);
    let run = |args: &[&str]| firm.run(args);
    std::fs::write(
        at("t.csv"),
        "id,title,hours,verdict\nT-1,=HYPERLINK(\"x\"),1.25,billable\nT-2,b,0.33,billable\nT-3,c,,covered\n",
    )
    .unwrap();
    run(&[
        "issue",
        "examples/sakura-shop.toml",
        "--date",
        "2026-11-30",
        "--format",
        "json",
    ]);
    let (tickets, inv_path, cn_path) = (at("t.csv"), at("inv.xlsx"), at("cn.xlsx"));
    let invoice = |format: &'static str| -> Vec<&str> {
        vec![
            "invoice",
            "--contract",
            "202611-001",
            "--month",
            "2026-12",
            "--tickets",
            &tickets,
            "--date",
            "2027-01-04",
            "--format",
            format,
        ]
    };
    let json: serde_json::Value = serde_json::from_slice(&run(&invoice("json"))).unwrap();
    let number = json["number"].as_str().unwrap().to_owned();
    run(&["register", "cancel", &number, "--reason", "test"]);
    let mut again = invoice("xlsx");
    again.extend(["--output", &inv_path]);
    run(&again);
    let second = "INV-202701-002";
    run(&["register", "cancel", second, "--reason", "test"]);
    run(&[
        "invoice",
        "--credit",
        second,
        "--date",
        "2027-01-10",
        "--format",
        "xlsx",
        "--output",
        &cn_path,
    ]);
    for file in ["inv.xlsx", "cn.xlsx"] {
        let sheet = read_sheet(&std::fs::read(at(file)).unwrap());
        let mut formulas = 0;
        for (name, cell) in &sheet.0 {
            if let Cell::Formula { cached, .. } = cell {
                assert_eq!(sheet.value(name), *cached, "{file} {name}");
                formulas += 1;
            }
        }
        // Six lines' amounts, the rate's subtotal and tax, the total, the
        // big total.
        let lines = json["lines"].as_array().unwrap().len();
        assert_eq!(formulas, lines + 4, "{file}");
        let total = sheet.find("Total with tax (税込)");
        let (_, row) = split(&total[0]);
        assert_eq!(
            sheet.value(&format!("E{row}")),
            json["total"].as_f64().unwrap(),
            "{file}"
        );
        // The title a user typed stays text, never a formula.
        assert!(
            sheet
                .0
                .values()
                .any(|c| matches!(c, Cell::Text(t) if t.contains("=HYPERLINK"))),
            "{file}"
        );
    }
}
