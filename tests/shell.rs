//! At home in a shell: help with examples, completions, man pages, stdin.

use predicates::str::contains;
use std::io::Write;
use std::process::{Command, Stdio};

use crate::support::{example_files, hoshu};

fn stdout(args: &[&str]) -> String {
    let out = hoshu().args(args).output().unwrap();
    assert!(out.status.success(), "{args:?}: {out:?}");
    String::from_utf8(out.stdout).unwrap()
}

#[test]
fn every_help_ends_with_examples() {
    insta::assert_snapshot!("help_top", stdout(&["--help"]));
    for command in [
        "quote",
        "issue",
        "invoice",
        "register",
        "check",
        "rates",
        "classify",
        "init",
        "completions",
        "man",
    ] {
        let help = stdout(&[command, "--help"]);
        let examples = help
            .split("Examples:\n")
            .nth(1)
            .unwrap_or_else(|| panic!("{command}"));
        let lines = examples
            .lines()
            .filter(|l| l.starts_with("  hoshu") || l.starts_with("  cat"))
            .count();
        assert!((2..=4).contains(&lines), "{command}: {lines} examples");
        insta::assert_snapshot!(format!("help_{command}"), help);
    }
}

#[test]
fn hoshu_alone_prints_the_help_and_exits_2() {
    let about = stdout(&["--help"]).lines().next().unwrap().to_owned();
    hoshu().assert().code(2).stderr(contains(about));
}

#[test]
fn completions_for_every_shell_and_bash_parses() {
    for shell in ["bash", "zsh", "fish", "powershell", "elvish"] {
        let script = stdout(&["completions", shell]);
        assert!(script.contains("classify"), "{shell}");
    }
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("hoshu.bash");
    std::fs::write(&path, stdout(&["completions", "bash"])).unwrap();
    assert!(
        Command::new("bash")
            .arg("-n")
            .arg(&path)
            .status()
            .unwrap()
            .success()
    );
}

#[test]
fn every_man_page_renders_without_warnings() {
    if !crate::support::needs(&["groff"], "groff-base") {
        return;
    }
    for page in [
        "",
        "quote",
        "issue",
        "invoice",
        "register",
        "check",
        "rates",
        "classify",
        "completions",
        "man",
    ] {
        let args: Vec<&str> = std::iter::once("man")
            .chain((!page.is_empty()).then_some(page))
            .collect();
        let roff = stdout(&args);
        let out = groff(&roff, &["-k", "-man", "-Tutf8", "-ww", "-z"]);
        assert!(out.status.success(), "{page}");
        assert_eq!(String::from_utf8_lossy(&out.stderr), "", "man {page}");
    }
}

#[test]
fn quote_and_check_read_stdin() {
    let system = std::fs::read_to_string("examples/corporate-site.toml").unwrap();
    hoshu()
        .args(["quote", "-", "--date", "2026-11-28"])
        .write_stdin(system.clone())
        .assert()
        .success()
        .stdout(contains("Maintenance quote: Aoba Dental corporate site"));
    hoshu()
        .args(["check", "-"])
        .write_stdin(system)
        .assert()
        .success()
        .stdout(contains("-: ok"));
    hoshu()
        .args(["check", "-"])
        .write_stdin("name = \"\"\n")
        .assert()
        .code(2)
        .stderr(contains("error: `name` is empty; give a name\n  --> -:1:1"));
}

/// Piped without `COLUMNS`, tables are 100 columns wide (what `COLUMNS`
/// asks for is tested with narrow terminals below).
#[test]
fn piped_tables_are_100_columns_wide() {
    for lang in ["en", "ja"] {
        let out = hoshu()
            .args(["quote", "examples/sakura-shop.toml", "--lang", lang])
            .output()
            .unwrap();
        let text = String::from_utf8(out.stdout).unwrap();
        let widest = text.lines().map(hoshu::render::width).max().unwrap();
        assert!((90..=100).contains(&widest), "{lang}: {widest} columns");
    }
}

/// Runs a reader expects to see whole on one line: a word or a number
/// (`standard`, `1,000`, `¥25,000`).
fn unbroken_runs(text: &str) -> Vec<String> {
    let mut runs = Vec::new();
    let mut run = String::new();
    for c in text.chars().chain([' ']) {
        if c.is_ascii_alphanumeric() || (!run.is_empty() && matches!(c, ',' | '.')) {
            run.push(c);
        } else if !run.is_empty() {
            runs.push(run.trim_end_matches([',', '.']).to_owned());
            run.clear();
        }
    }
    runs
}

/// On a narrow terminal the quote, the plan comparison, the diff and a
/// verdict with its explanation still fit, and their cells break where a reader would: never inside a word or
/// a number, never before a closing mark, ー or a small kana (行頭禁則).
/// What is whole is read from the same command on a very wide terminal.
#[test]
fn narrow_terminals_wrap_tables_where_a_reader_would() {
    const NO_LINE_START: &str =
        "、。，．：；・！？）」』】ー〜ぁぃぅぇぉっゃゅょァィゥェォッャュョ";
    let mut commands: Vec<(Vec<String>, &[usize])> = example_files()
        .into_iter()
        .map(|file| (vec!["quote".to_owned(), file], &[80, 60][..]))
        .collect();
    let owned = |args: &[&str]| args.iter().map(|a| (*a).to_owned()).collect::<Vec<_>>();
    commands.push((owned(&["compare", "examples/sakura-shop.toml"]), &[80, 60]));
    commands.push((
        owned(&["compare", "examples/corporate-site.toml"]),
        &[80, 60],
    ));
    let diff = [
        "diff",
        "examples/ec-with-apps.toml",
        "examples/ec-with-apps-next.toml",
    ];
    commands.push((owned(&diff), &[80]));
    let classify = [
        "classify",
        "--delivered",
        "2024-01-10",
        "--reported",
        "2024-05-01",
        "--external-cause",
        "unknown",
        "--hours",
        "3",
        "--explain",
    ];
    commands.push((owned(&classify), &[80, 60]));
    let run = |args: &[String], lang: &str, columns: usize| {
        let out = hoshu()
            .args(args)
            .args(["--lang", lang])
            .env("COLUMNS", columns.to_string())
            .output()
            .unwrap();
        String::from_utf8(out.stdout).unwrap()
    };
    for (args, widths) in &commands {
        for lang in ["en", "ja"] {
            let wide = run(args, lang, 1000);
            let runs = unbroken_runs(&wide);
            for &columns in *widths {
                let table = run(args, lang, columns);
                let at = format!("{args:?} {lang} {columns} columns\n{table}");
                let widest = table.lines().map(hoshu::render::width).max().unwrap();
                assert!(widest <= columns, "{widest}: {at}");
                // Every line of every cell, and every line outside a table.
                let starts = table.lines().flat_map(|l| {
                    l.trim_matches(['│', ' '])
                        .split(['┆', '│'])
                        .map(str::trim)
                        .collect::<Vec<_>>()
                });
                for start in starts {
                    let first = start.chars().next().unwrap_or(' ');
                    assert!(!NO_LINE_START.contains(first), "{start:?}: {at}");
                }
                for run in &runs {
                    let want = wide.matches(run.as_str()).count();
                    let got = table.matches(run.as_str()).count();
                    assert!(got >= want, "{run:?} broken: {at}");
                }
            }
        }
    }
}

/// A man page never hyphenates: its examples are commands to copy.
#[test]
fn man_pages_do_not_hyphenate_their_examples() {
    if !crate::support::needs(&["groff"], "groff-base") {
        return;
    }
    let out = groff(
        &stdout(&["man", "classify"]),
        &["-man", "-Tutf8", "-rLL=50n"],
    );
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains("--external-cause"), "{text}");
    assert!(!text.contains('\u{2010}'), "a hyphenated word:\n{text}");
}

/// `roff` rendered by groff with `args`: its output and warnings.
fn groff(roff: &str, args: &[&str]) -> std::process::Output {
    let mut groff = Command::new("groff")
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("groff is installed (.ci/run installs groff-base)");
    groff
        .stdin
        .take()
        .unwrap()
        .write_all(roff.as_bytes())
        .unwrap();
    groff.wait_with_output().unwrap()
}
