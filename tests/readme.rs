//! The README's examples are run, and what it shows must be what hoshu prints.

use crate::support::hoshu;

/// The lines of the README's console block that starts with `$ {command}`.
fn block(command: &str) -> Vec<String> {
    let readme =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/README.md")).unwrap();
    let start = readme
        .find(&format!("$ {command}\n"))
        .unwrap_or_else(|| panic!("README shows `{command}`"));
    readme[start..]
        .lines()
        .skip(1)
        .take_while(|l| *l != "```")
        .map(str::to_owned)
        .collect()
}

fn run(args: &[&str]) -> Vec<String> {
    let out = hoshu().args(args).output().unwrap();
    let mut text = String::from_utf8(out.stdout).unwrap();
    text.push_str(&String::from_utf8(out.stderr).unwrap());
    text.lines().map(str::to_owned).collect()
}

#[test]
fn readme_quote_example() {
    let args = [
        "quote",
        "examples/corporate-site.toml",
        "--date",
        "2026-11-28",
    ];
    assert_eq!(block(&format!("hoshu {}", args.join(" "))), run(&args));
}

#[test]
fn readme_classify_example_as_of_the_day_it_was_written() {
    let shown = block("hoshu classify --delivered 2024-01-10 --external-cause no");
    let actual = run(&[
        "classify",
        "--delivered",
        "2024-01-10",
        "--external-cause",
        "no",
        "--reported",
        "2026-11-28",
    ]);
    assert_eq!(shown, actual);
}

#[test]
fn readme_batch_example_but_the_timing() {
    let shown = block("hoshu classify --batch examples/tickets.csv");
    let actual = run(&["classify", "--batch", "examples/tickets.csv"]);
    let without_timing = |lines: Vec<String>| -> Vec<String> {
        lines
            .into_iter()
            .map(|l| l.split("; ").next().unwrap().to_owned())
            .collect()
    };
    // stdout and stderr interleave differently on a terminal; compare as sets of lines.
    let (mut shown, mut actual) = (without_timing(shown), without_timing(actual));
    shown.sort();
    actual.sort();
    assert_eq!(shown, actual);
}

#[test]
fn readme_decision_table_is_the_engines() {
    let readme =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/README.md")).unwrap();
    let start = readme
        .find("| rule | conditions | verdict |\n|---|---|---|\n")
        .expect("README has the decision table");
    let rows: String = readme[start..]
        .lines()
        .skip(2)
        .take_while(|l| l.starts_with('|'))
        .map(|l| format!("{l}\n"))
        .collect();
    assert_eq!(rows, hoshu::render::classify::rules_table());
}

#[test]
fn readme_helpdesk_export_refused_then_mapped() {
    let shown = block("hoshu classify --batch examples/helpdesk-export.csv");
    assert_eq!(
        shown,
        run(&["classify", "--batch", "examples/helpdesk-export.csv"])
    );
    let shown = block(
        "hoshu classify --batch examples/helpdesk-export.csv --column 'delivered=Delivery date'",
    );
    let actual: Vec<String> = run(&[
        "classify",
        "--batch",
        "examples/helpdesk-export.csv",
        "--column",
        "delivered=Delivery date",
    ])
    .into_iter()
    .map(|l| l.split("; ").next().unwrap().to_owned())
    .collect();
    assert_eq!(shown, actual);
}
