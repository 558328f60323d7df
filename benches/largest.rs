//! The largest inputs hoshu takes, end to end in the library (issue 16,
//! "linear everywhere"): a maximal system file (1 MiB of one-page sites),
//! the same size with every site named alike (every name a problem), its
//! quote, comparison and diff, a saved quote read back, and a batch header
//! of 100,000 columns of one name.
//!
//! `cargo bench --bench largest`; each should take well under a second.

use criterion::Criterion;
use hoshu::batch::{BatchOptions, DataFormat, Outputs, classify_stream};
use hoshu::diff::{Side, diff};
use hoshu::rates::RateCard;
use hoshu::system::System;
use std::hint::black_box;

const MAX_INPUT: usize = 1 << 20;

/// A system file of just under 1 MiB: as many sites as fit, each named by
/// `name(i)`.
fn maximal(name: impl Fn(usize) -> String) -> String {
    let mut text = String::from("name = \"Big\"\n[traffic]\ndaily_visits = 150\n");
    for i in 0.. {
        let site = format!("[[sites]]\nname = \"{}\"\npages = 1\n", name(i));
        if text.len() + site.len() > MAX_INPUT {
            break;
        }
        text.push_str(&site);
    }
    text
}

fn main() {
    let card = RateCard::default_card();
    let date = chrono::NaiveDate::from_ymd_opt(2026, 11, 28).unwrap();
    let unique = maximal(|i| i.to_string());
    let alike = maximal(|_| "x".to_owned());
    let system = System::from_toml(&unique, "big.toml").unwrap();
    let quote = hoshu::quote::quote(&system, &card, "standard", date).unwrap();
    let saved = hoshu::render::quote::json(&quote, hoshu::lang::Lang::En);
    let side = |q: &hoshu::quote::Quote| Side::from_quote("big", q, |_| String::new());
    let mut header = String::from("delivered");
    for _ in 0..100_000 {
        header.push_str(",x");
    }
    header.push_str("\n2024-01-10\n");
    println!(
        "system file: {} bytes, {} sites; saved quote: {} bytes",
        unique.len(),
        system.sites.len(),
        saved.len()
    );

    let mut c = Criterion::default().sample_size(10).configure_from_args();
    let mut group = c.benchmark_group("largest");
    group.bench_function("read_maximal_system", |b| {
        b.iter(|| black_box(System::from_toml(black_box(&unique), "big.toml").unwrap()))
    });
    group.bench_function("read_system_with_every_name_twice", |b| {
        b.iter(|| black_box(System::from_toml(black_box(&alike), "dup.toml").unwrap_err()))
    });
    group.bench_function("quote_maximal_system", |b| {
        b.iter(|| black_box(hoshu::quote::quote(&system, &card, "standard", date).unwrap()))
    });
    group.bench_function("compare_maximal_system", |b| {
        b.iter(|| black_box(hoshu::compare::compare(&system, &card, &[], date, None).unwrap()))
    });
    group.bench_function("diff_maximal_quotes", |b| {
        b.iter(|| black_box(diff(&side(&quote), &side(&quote))))
    });
    group.bench_function("read_saved_maximal_quote", |b| {
        b.iter(|| black_box(Side::from_json("big.json", black_box(&saved)).unwrap()))
    });
    group.bench_function("batch_header_of_100000_names_alike", |b| {
        b.iter(|| {
            let options = BatchOptions::new(&card, date, &|e| e.to_string());
            black_box(
                classify_stream(
                    header.as_bytes(),
                    DataFormat::Csv,
                    Outputs {
                        output: std::io::sink(),
                        format: DataFormat::Jsonl,
                        rejects: None,
                    },
                    &options,
                    &mut |_| {},
                    &mut |_| {},
                )
                .unwrap(),
            )
        })
    });
    group.finish();
    c.final_summary();
}
