//! The register's records for people (a table), scripts (`hoshu.register.v1`
//! JSON) and accountants (CSV that Excel in Japan opens as it is).

use serde::Serialize;

use super::catalogue::{self, Text};
use super::escape::spreadsheet_cell;
use super::{Column, Grid, Style, escape};
use crate::lang::Lang;
use crate::money::Yen;
use crate::register::{Kind, Record};

/// How `hoshu register list` writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ListFormat {
    Table,
    Json,
    Csv,
}

#[derive(Serialize, schemars::JsonSchema)]
#[schemars(title = "hoshu.register.v1")]
struct JsonList<'a> {
    schema: &'static str,
    records: &'a [Record],
}

/// The JSON Schema of `hoshu.register.v1`.
pub fn schema() -> schemars::Schema {
    schemars::schema_for!(JsonList<'static>)
}

/// What a record is, in words: issued, cancelled, or a cancellation.
fn status(r: &Record, lang: Lang) -> &'static str {
    let cat = catalogue::of(lang);
    match (r.kind, r.cancelled) {
        (Kind::Cancel, _) => cat.text(Text::RecordCancellation),
        (Kind::Quote | Kind::Invoice | Kind::Credit, true) => cat.text(Text::RecordCancelled),
        (Kind::Quote | Kind::Invoice | Kind::Credit, false) => cat.text(Text::RecordIssued),
    }
}

/// A record's document's file name in an export: issue date, customer,
/// amount with tax and number (`20261201_みどり会_6085200_202612-001.pdf`),
/// every character a file system or a spreadsheet could misread as `_`.
pub fn file_name(r: &Record) -> String {
    let safe = |text: &str, most: usize| -> String {
        let cleaned: String = text
            .chars()
            .map(|c| {
                if c.is_control() || "<>:\"/\\|?*".contains(c) || c.is_whitespace() {
                    '_'
                } else {
                    c
                }
            })
            .take(most)
            .collect();
        let trimmed = cleaned.trim_matches(['.', '_']);
        if trimmed.is_empty() {
            "_".to_owned()
        } else {
            trimmed.to_owned()
        }
    };
    format!(
        "{}_{}_{}_{}.{}",
        r.issued.format("%Y%m%d"),
        safe(r.customer.as_deref().unwrap_or(""), 40),
        r.amount,
        safe(&r.number, 60),
        match r.format.as_str() {
            "pdf" => "pdf",
            "xlsx" => "xlsx",
            "json" => "json",
            "csv" => "csv",
            _ => "html",
        }
    )
}

/// An export's index: each record's row and its file, as CSV for Excel.
pub fn index(records: &[Record], files: &[String], lang: Lang) -> Vec<u8> {
    excel_csv(records, Some(files), lang)
}

/// The list's column names.
fn header(lang: Lang) -> [String; 7] {
    let cat = catalogue::of(lang);
    [
        Text::RecordNumber,
        Text::RecordVersion,
        Text::RecordIssuedOn,
        Text::RecordCustomer,
        Text::RecordAmount,
        Text::RecordStatus,
        Text::RecordSubject,
    ]
    .map(|t| cat.text(t).to_owned())
}

/// A record's cells, as the list shows them (the amount in yen).
fn cells(r: &Record, lang: Lang) -> [String; 7] {
    let subject = match &r.reason {
        Some(reason) => reason.clone(),
        None => r.system.clone(),
    };
    [
        r.number.clone(),
        r.version.to_string(),
        r.issued.to_string(),
        r.customer.clone().unwrap_or_default(),
        Yen(r.amount).to_string(),
        status(r, lang).to_owned(),
        subject,
    ]
}

/// The records as CSV for Excel (a BOM, CR LF, text neutralised, the
/// amount a number a spreadsheet adds up), with each one's file when
/// `files` are given.
fn excel_csv(records: &[Record], files: Option<&[String]>, lang: Lang) -> Vec<u8> {
    let mut out = b"\xEF\xBB\xBF".to_vec();
    {
        let mut w = csv::WriterBuilder::new()
            .terminator(csv::Terminator::CRLF)
            .from_writer(&mut out);
        let mut head = header(lang).to_vec();
        if files.is_some() {
            head.push(catalogue::of(lang).text(Text::RecordFile).to_owned());
        }
        let _ = w.write_record(&head);
        for (i, r) in records.iter().enumerate() {
            let mut row = cells(r, lang).to_vec();
            row[4] = r.amount.to_string();
            if let Some(files) = files {
                row.push(files.get(i).cloned().unwrap_or_default());
            }
            let _ = w.write_record(row.iter().map(|c| spreadsheet_cell(c).into_owned()));
        }
        let _ = w.flush();
    }
    out
}

/// The records in `format`: a table at `width`, JSON, or CSV.
pub fn list(records: &[Record], format: ListFormat, lang: Lang, width: Option<u16>) -> Vec<u8> {
    let cat = catalogue::of(lang);
    match format {
        ListFormat::Json => {
            let mut text = serde_json::to_string_pretty(&JsonList {
                schema: "hoshu.register.v1",
                records,
            })
            .expect("records always serialize");
            text.push('\n');
            text.into_bytes()
        }
        ListFormat::Csv => excel_csv(records, None, lang),
        ListFormat::Table => {
            if records.is_empty() {
                return format!("{}\n", cat.text(Text::RegisterEmpty)).into_bytes();
            }
            let columns = [
                Column::LABEL,
                Column::NUMBER,
                Column::LABEL,
                Column::TEXT,
                Column::NUMBER,
                Column::LABEL,
                Column::TEXT,
            ];
            let mut grid = Grid::new(&columns, header(lang).to_vec());
            for r in records {
                grid.row(
                    cells(r, lang)
                        .iter()
                        .map(|c| escape(c).into_owned())
                        .collect(),
                );
            }
            let mut text = grid.render(Style {
                color: false,
                width,
            });
            text.push('\n');
            text.into_bytes()
        }
    }
}
