//! Batch classification speed against the bare floor: reading and writing
//! the same CSV with the csv crate and no classification.
//!
//! `cargo bench --bench batch` measures both with criterion on a generated
//! file of 1,000,000 rows (`HOSHU_BENCH_ROWS` changes it), then prints rows
//! a second for each and the ratio classify / floor, measured in the same
//! run; then, each against its own floor in the same run: JSON Lines against
//! serde_json reading and writing each line, Shift_JIS against the same rows
//! in UTF-8, and the binary's `--output FILE` against its standard output
//! sent to a file. `benches/compare.sh` runs hoshu against xsv and jq.

use criterion::{Criterion, Throughput};
#[path = "../tests/sample.rs"]
mod sample;

use hoshu::batch::{
    BatchOptions, DataFormat, Outputs, Profile, Summary, ValueMaps, classify_stream,
};
use hoshu::rates::RateCard;
use std::hint::black_box;
use std::time::{Duration, Instant};

fn rows() -> u64 {
    std::env::var("HOSHU_BENCH_ROWS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(1_000_000)
}

/// The floor: every record read and written again, nothing else.
fn floor(input: &[u8]) -> u64 {
    let mut reader = csv::ReaderBuilder::new()
        .flexible(true)
        .buffer_capacity(1 << 16)
        .from_reader(input);
    let mut writer = csv::WriterBuilder::new()
        .flexible(true)
        .buffer_capacity(1 << 16)
        .from_writer(std::io::sink());
    writer
        .write_byte_record(reader.byte_headers().unwrap())
        .unwrap();
    let mut record = csv::ByteRecord::new();
    let mut n = 0;
    while reader.read_byte_record(&mut record).unwrap() {
        writer.write_byte_record(&record).unwrap();
        n += 1;
    }
    writer.flush().unwrap();
    n
}

/// A profile that maps every kind and cause the sample writes: each cell
/// of those two facts is looked up in its map.
const PROFILE: &str = r#"
[values.kind]
defect = "defect"
change = "change"
minor = "minor"
[values.external_cause]
yes = "yes"
no = "no"
unknown = "unknown"
"#;

fn classify(input: &[u8], card: &RateCard) -> Summary {
    classify_by(input, card, &ValueMaps::none())
}

fn classify_by(input: &[u8], card: &RateCard, values: &ValueMaps) -> Summary {
    classify_on(input, card, values, hoshu::batch::default_threads())
}

/// On `threads` threads (1: read, classify and write each row in turn).
fn classify_on(input: &[u8], card: &RateCard, values: &ValueMaps, threads: usize) -> Summary {
    classify_as(input, DataFormat::Csv, card, values, threads)
}

/// [`classify_on`] of an input in `format`, written in the same format.
fn classify_as(
    input: &[u8],
    format: DataFormat,
    card: &RateCard,
    values: &ValueMaps,
    threads: usize,
) -> Summary {
    let mut options = BatchOptions::new(
        card,
        chrono::NaiveDate::from_ymd_opt(2026, 11, 28).unwrap(),
        &|e| e.to_string(),
    );
    options.values = values;
    options.threads = threads;
    classify_stream(
        input,
        format,
        Outputs {
            output: std::io::sink(),
            format,
            rejects: None,
        },
        &options,
        &mut |_| {},
        &mut |_| {},
    )
    .unwrap()
}

/// The JSON Lines floor: every line read into a value and written again
/// with serde_json, nothing else.
fn floor_jsonl(input: &[u8]) -> u64 {
    let mut out = std::io::BufWriter::with_capacity(1 << 16, std::io::sink());
    let mut n = 0;
    for line in input.split(|b| *b == b'\n').filter(|l| !l.is_empty()) {
        let value: serde_json::Value = serde_json::from_slice(line).unwrap();
        serde_json::to_writer(&mut out, &value).unwrap();
        std::io::Write::write_all(&mut out, b"\n").unwrap();
        n += 1;
    }
    n
}

/// The binary's wall time on `file`: into `--output` (the atomic write
/// and its fsync), or its standard output sent to a file, as a shell's `>`
/// does. Each run writes where no file is, the last run's removed before
/// the timing: replacing a file costs dropping its pages from the cache,
/// which a run after the standard output's run (its file all in the
/// cache) would pay and a run after `--output`'s (written past the cache)
/// would not.
fn binary(file: &std::path::Path, out: &std::path::Path, flag: bool) -> Duration {
    match std::fs::remove_file(out) {
        Err(e) if e.kind() != std::io::ErrorKind::NotFound => panic!("{e}"),
        _ => {}
    }
    let start = Instant::now();
    let mut command = std::process::Command::new(env!("CARGO_BIN_EXE_hoshu"));
    command.args(["classify", "--batch"]).arg(file);
    command.stderr(std::process::Stdio::null());
    if flag {
        command.arg("--output").arg(out);
        command.stdout(std::process::Stdio::null());
    } else {
        command.stdout(std::fs::File::create(out).unwrap());
    }
    // Row errors exit 2: the sample has a few impossible dates on purpose.
    command.status().unwrap();
    start.elapsed()
}

/// Median times of `a` and `b`, run alternately so that both see the same
/// machine (page cache, clock, the other core's load).
fn medians(mut a: impl FnMut(), mut b: impl FnMut(), runs: usize) -> (Duration, Duration) {
    let time = |f: &mut dyn FnMut()| {
        let start = Instant::now();
        f();
        start.elapsed()
    };
    let (mut ta, mut tb): (Vec<_>, Vec<_>) =
        (0..runs).map(|_| (time(&mut a), time(&mut b))).unzip();
    ta.sort();
    tb.sort();
    (ta[runs / 2], tb[runs / 2])
}

fn main() {
    let n = rows();
    let mut input = Vec::new();
    sample::write_csv(&mut input, n, 42).unwrap();
    let card = RateCard::default_card();
    assert_eq!(floor(&input), n);
    assert_eq!(classify(&input, &card).rows, n);
    let profile = Profile::from_toml(PROFILE, "bench").unwrap().read();
    assert_eq!(
        classify_by(&input, &card, &profile.values),
        classify(&input, &card)
    );
    assert_eq!(
        classify_on(&input, &card, &ValueMaps::none(), 1),
        classify(&input, &card)
    );

    let mut c = Criterion::default().sample_size(10).configure_from_args();
    let mut group = c.benchmark_group("batch_csv");
    group.throughput(Throughput::Elements(n));
    group.bench_function(format!("floor_{n}_rows"), |b| {
        b.iter(|| black_box(floor(black_box(&input))))
    });
    group.bench_function(format!("classify_{n}_rows"), |b| {
        b.iter(|| black_box(classify(black_box(&input), &card)))
    });
    group.bench_function(format!("classify_by_profile_{n}_rows"), |b| {
        b.iter(|| black_box(classify_by(black_box(&input), &card, &profile.values)))
    });
    group.finish();
    c.final_summary();

    // The same two, timed back to back in this run, for the ratio.
    let (floor_time, classify_time) = medians(
        || {
            black_box(floor(black_box(&input)));
        },
        || {
            black_box(classify(black_box(&input), &card));
        },
        11,
    );
    let per_sec = |t: Duration| n as f64 / t.as_secs_f64();
    println!("rows: {n}");
    println!(
        "floor (csv read + write): {:>12.0} rows/s  ({:.3} s)",
        per_sec(floor_time),
        floor_time.as_secs_f64()
    );
    println!(
        "classify:                 {:>12.0} rows/s  ({:.3} s)",
        per_sec(classify_time),
        classify_time.as_secs_f64()
    );
    println!(
        "ratio classify / floor:   {:.2}",
        classify_time.as_secs_f64() / floor_time.as_secs_f64()
    );

    // One thread against the floor: the work per row, without the
    // pipeline.
    let (floor_time, single) = medians(
        || {
            black_box(floor(black_box(&input)));
        },
        || {
            black_box(classify_on(black_box(&input), &card, &ValueMaps::none(), 1));
        },
        11,
    );
    println!(
        "ratio classify --threads 1 / floor: {:.2}",
        single.as_secs_f64() / floor_time.as_secs_f64()
    );
    println!("threads (default): {}", hoshu::batch::default_threads());

    // A profile's value maps against none, alternately.
    let (plain, mapped) = medians(
        || {
            black_box(classify(black_box(&input), &card));
        },
        || {
            black_box(classify_by(black_box(&input), &card, &profile.values));
        },
        11,
    );
    println!(
        "ratio profile / classify: {:.2}",
        mapped.as_secs_f64() / plain.as_secs_f64()
    );

    // JSON Lines against serde_json's own read and write of each line.
    let mut jsonl = Vec::new();
    sample::write_jsonl(&mut jsonl, n, 42).unwrap();
    assert_eq!(floor_jsonl(&jsonl), n);
    let none = ValueMaps::none();
    let threads = hoshu::batch::default_threads();
    let (floor_time, classify_time) = medians(
        || {
            black_box(floor_jsonl(black_box(&jsonl)));
        },
        || {
            black_box(classify_as(
                black_box(&jsonl),
                DataFormat::Jsonl,
                &card,
                &none,
                threads,
            ));
        },
        11,
    );
    println!(
        "ratio jsonl classify / floor (serde_json read + write): {:.2}  ({:.3} s, {:.3} s)",
        classify_time.as_secs_f64() / floor_time.as_secs_f64(),
        classify_time.as_secs_f64(),
        floor_time.as_secs_f64()
    );
    drop(jsonl);

    // Shift_JIS against the same rows in UTF-8: a Japanese title on each.
    let japanese = String::from_utf8(input.clone())
        .unwrap()
        .replace("Ticket", "障害チケット");
    let (sjis, _, _) = encoding_rs::SHIFT_JIS.encode(&japanese);
    let sjis = sjis.into_owned();
    let utf8 = japanese.into_bytes();
    let (utf8_time, sjis_time) = medians(
        || {
            black_box(classify(black_box(&utf8), &card));
        },
        || {
            black_box(classify(black_box(&sjis), &card));
        },
        11,
    );
    println!(
        "ratio shift_jis / utf-8: {:.2}",
        sjis_time.as_secs_f64() / utf8_time.as_secs_f64()
    );

    // The binary: --output FILE against standard output sent to a file.
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("tickets.csv");
    std::fs::write(&file, &input).unwrap();
    let out = dir.path().join("out.csv");
    let (mut to_stdout, mut to_output) = (Vec::new(), Vec::new());
    for _ in 0..7 {
        to_stdout.push(binary(&file, &out, false));
        to_output.push(binary(&file, &out, true));
    }
    to_stdout.sort();
    to_output.sort();
    println!(
        "ratio --output / stdout (binary): {:.2}  ({:.3} s, {:.3} s)",
        to_output[3].as_secs_f64() / to_stdout[3].as_secs_f64(),
        to_output[3].as_secs_f64(),
        to_stdout[3].as_secs_f64()
    );
}
