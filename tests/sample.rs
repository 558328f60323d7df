//! Deterministic ticket files for benchmarks and tests: the same `rows` and
//! `seed` always give the same bytes. Every fact column is filled with a mix
//! of values (some empty, a few invalid) so every rule and path is taken.
//!
//! Not part of hoshu's API: the tests, the benchmark and the `gen_tickets`
//! example include this file with `#[path]`.
#![allow(dead_code)]

use std::io::{self, Write};

/// A small, fast, deterministic generator (xorshift64*); not for secrets.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }
}

pub const HEADER: &str =
    "id,title,delivered,reported,external_cause,kind,warranty_months,plan,plan_start,plan_end";

/// Write a CSV ticket file of `rows` rows (plus the header).
pub fn write_csv(mut out: impl Write, rows: u64, seed: u64) -> io::Result<()> {
    let mut rng = Rng(seed.max(1));
    writeln!(out, "{HEADER}")?;
    for i in 0..rows {
        let (dy, dm, dd) = (2020 + rng.below(6), 1 + rng.below(12), 1 + rng.below(28));
        let (ry, rm, rd) = (dy + rng.below(2), 1 + rng.below(12), 1 + rng.below(28));
        let cause = ["yes", "no", "unknown", ""][rng.below(4) as usize];
        let kind = ["defect", "defect", "defect", "change", "minor", ""][rng.below(6) as usize];
        let months = ["3", "6", "", "4"][rng.below(4) as usize];
        let plan = ["", "", "operation", "standard", "full"][rng.below(5) as usize];
        let (start, end) = if plan.is_empty() || rng.below(2) == 0 {
            (String::new(), String::new())
        } else {
            (
                format!("{dy:04}-{dm:02}-{dd:02}"),
                format!("{:04}-12-31", dy + 1 + rng.below(3)),
            )
        };
        // About one row in a thousand has an impossible date.
        let reported_day = if rng.below(1000) == 0 { 31 } else { rd };
        let reported_month = if reported_day == 31 { 2 } else { rm };
        writeln!(
            out,
            "T-{i:07},\"Ticket {i}, seed {seed}\",{dy:04}-{dm:02}-{dd:02},{ry:04}-{reported_month:02}-{reported_day:02},{cause},{kind},{months},{plan},{start},{end}"
        )?;
    }
    Ok(())
}

/// The rows of [`write_csv`] as JSON Lines: one object a line, every
/// column a key with its cell as text.
pub fn write_jsonl(mut out: impl Write, rows: u64, seed: u64) -> io::Result<()> {
    let mut csv = Vec::new();
    write_csv(&mut csv, rows, seed)?;
    let text = String::from_utf8(csv).expect("the sample is UTF-8");
    let mut lines = text.lines();
    let header: Vec<&str> = lines.next().unwrap_or_default().split(',').collect();
    for line in lines {
        // The title is the one quoted cell, and holds one comma.
        let (before, rest) = line.split_once(",\"").unwrap_or((line, ""));
        let (title, after) = rest.split_once("\",").unwrap_or((rest, ""));
        let cells = std::iter::once(before)
            .chain(std::iter::once(title))
            .chain(after.split(','));
        write!(out, "{{")?;
        for (i, (key, cell)) in header.iter().zip(cells).enumerate() {
            let sep = if i == 0 { "" } else { "," };
            write!(out, "{sep}\"{key}\":\"{cell}\"")?;
        }
        writeln!(out, "}}")?;
    }
    Ok(())
}
