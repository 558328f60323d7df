//! Write a deterministic CSV ticket file for benchmarks and memory checks:
//! `cargo run --release --example gen_tickets -- ROWS [SEED] > tickets.csv`;
//! with `--jsonl` first, the same rows as JSON Lines.

#[path = "../tests/sample.rs"]
mod sample;

use std::io::{BufWriter, Write};

fn main() -> std::io::Result<()> {
    let mut args = std::env::args().skip(1).peekable();
    let jsonl = args.next_if(|a| a == "--jsonl").is_some();
    let rows = args
        .next()
        .and_then(|a| a.parse().ok())
        .unwrap_or(1_000_000);
    let seed = args.next().and_then(|a| a.parse().ok()).unwrap_or(42);
    let mut out = BufWriter::new(std::io::stdout().lock());
    if jsonl {
        sample::write_jsonl(&mut out, rows, seed)?;
    } else {
        sample::write_csv(&mut out, rows, seed)?;
    }
    out.flush()
}
