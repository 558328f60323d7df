//! The README's examples are run, and what it shows must be what hoshu prints.

use std::path::Path;

use crate::support::hoshu;

/// The lines of the README's console block that starts with `$ {command}`.
fn block(command: &str) -> Vec<String> {
    block_in("README.md", command)
}

/// A README of the project (`README.md`, `README.ja.md`).
fn readme(file: &str) -> String {
    std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join(file)).unwrap()
}

/// The lines of `file`'s console block that starts with `$ {command}`.
pub fn block_in(file: &str, command: &str) -> Vec<String> {
    let readme = readme(file);
    let start = readme
        .find(&format!("$ {command}\n"))
        .unwrap_or_else(|| panic!("{file} shows `{command}`"));
    readme[start..]
        .lines()
        .skip(1)
        .take_while(|l| *l != "```")
        .map(str::to_owned)
        .collect()
}

fn run(args: &[&str]) -> Vec<String> {
    run_in(args, None)
}

/// What hoshu prints, stdout then stderr; `lang` sets `LANG`.
fn run_in(args: &[&str], lang: Option<&str>) -> Vec<String> {
    let mut cmd = hoshu();
    if let Some(lang) = lang {
        cmd.env("LANG", lang);
    }
    let out = cmd.args(args).output().unwrap();
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
    let readme = readme("README.md");
    let start = readme
        .find("| rule | conditions | verdict |\n|---|---|---|\n")
        .expect("README has the decision table");
    let rows: String = readme[start..]
        .lines()
        .skip(2)
        .take_while(|l| l.starts_with('|'))
        .map(|l| format!("{l}\n"))
        .collect();
    assert_eq!(
        rows,
        hoshu::render::classify::rules_table(hoshu::lang::Lang::En)
    );
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

#[test]
fn readme_typical_cases_give_the_verdicts_shown() {
    let readme = readme("README.md");
    let start = readme
        .find("| case | flags | verdict | rule |\n|---|---|---|---|\n")
        .expect("README has the typical cases");
    let mut previous: Vec<String> = Vec::new();
    let mut rows = 0;
    for line in readme[start..]
        .lines()
        .skip(2)
        .take_while(|l| l.starts_with('|'))
    {
        let cells: Vec<&str> = line.trim_matches('|').split(" | ").map(str::trim).collect();
        let flags = cells[1]
            .trim_matches('`')
            .replace("` (no `--delivered`)", "");
        let mut args: Vec<String> = flags.split_whitespace().map(str::to_owned).collect();
        if args.first().is_some_and(|a| a == "...") {
            args = previous
                .iter()
                .cloned()
                .chain(args.into_iter().skip(1))
                .collect();
        }
        previous = args.clone();
        let mut cmd = vec![
            "classify".to_owned(),
            "--format".to_owned(),
            "json".to_owned(),
        ];
        if !cells[1].contains("no `--delivered`") && !flags.contains("2023-12") {
            cmd.extend(["--delivered".to_owned(), "2024-01-10".to_owned()]);
        }
        cmd.extend(args);
        let out = hoshu().args(&cmd).output().unwrap();
        let v: serde_json::Value = serde_json::from_slice(&out.stdout)
            .unwrap_or_else(|_| panic!("{cmd:?}: {}", String::from_utf8_lossy(&out.stderr)));
        assert_eq!(v["verdict"], cells[2], "{line}");
        assert_eq!(v["rule"], cells[3].trim_matches('`'), "{line}");
        rows += 1;
    }
    assert!(rows >= 15, "{rows}");
}

#[test]
fn readme_system_description_parses() {
    // Every TOML block of both READMEs is a system description, or its
    // `[quote]` table (read after a name), or a batch profile (one that
    // names a preset), or part of a firm profile (one that starts with a
    // `# firm.toml` comment, read after the sample firm).
    for file in ["README.md", "README.ja.md"] {
        let readme = readme(file);
        let mut blocks = 0;
        for block in readme.split("```toml\n").skip(1) {
            let text = &block[..block.find("```").unwrap()];
            if let Some(part) = text.strip_prefix("# firm.toml\n") {
                let firm = std::fs::read_to_string("examples/firm.toml").unwrap();
                hoshu::firm::Firm::from_toml(&format!("{firm}\n{part}"), file)
                    .unwrap_or_else(|e| panic!("{e}"));
                continue;
            }
            if text.starts_with("preset = ") {
                hoshu::batch::Profile::from_toml(text, file).unwrap_or_else(|e| panic!("{e:?}"));
                continue;
            }
            let text = if text.contains("\nname = ") || text.starts_with("name = ") {
                text.to_owned()
            } else {
                format!("name = \"x\"\n{text}")
            };
            hoshu::system::System::from_toml(&text, file).unwrap_or_else(|e| panic!("{e}"));
            blocks += 1;
        }
        assert!(blocks >= 1, "{file} shows a system file");
    }
}

#[test]
fn readme_error_codes_are_the_ones_hoshu_gives() {
    let readme = readme("README.md");
    let start = readme
        .find("| code | meaning |")
        .expect("README lists the codes");
    let listed: String = readme[start..]
        .lines()
        .take_while(|l| l.starts_with('|'))
        .collect();
    let out = hoshu()
        .args([
            "check",
            "tests/data/broken/many-problems.toml",
            "--format",
            "json",
        ])
        .output()
        .unwrap();
    let v: serde_json::Value = serde_json::from_slice(&out.stderr).unwrap();
    for e in v["errors"].as_array().unwrap() {
        let code = e["code"].as_str().unwrap();
        assert!(listed.contains(&format!("`{code}`")), "README lists {code}");
    }
}

#[test]
fn readme_compare_and_diff_examples() {
    let args = [
        "compare",
        "examples/corporate-site.toml",
        "--date",
        "2026-11-28",
        "--budget",
        "40000",
    ];
    assert_eq!(block(&format!("hoshu {}", args.join(" "))), run(&args));
    let args = [
        "diff",
        "examples/ec-with-apps.toml",
        "examples/ec-with-apps-next.toml",
        "--date",
        "2026-11-28",
        "--format",
        "markdown",
    ];
    assert_eq!(block(&format!("hoshu {}", args.join(" "))), run(&args));
}

/// README shows a quote and a verdict in Japanese too.
#[test]
fn readme_japanese_quote_and_verdict() {
    for args in [
        &[
            "quote",
            "examples/corporate-site.toml",
            "--date",
            "2026-11-28",
            "--lang",
            "ja",
        ][..],
        &[
            "classify",
            "--delivered",
            "2024-01-10",
            "--reported",
            "2024-03-01",
            "--external-cause",
            "no",
            "--lang",
            "ja",
        ][..],
    ] {
        assert_eq!(block(&format!("hoshu {}", args.join(" "))), run(args));
    }
}

/// README.ja.md's examples, run in a Japanese locale: the quote, the
/// verdict and the batch (but its timing) are what hoshu prints.
#[test]
fn readme_ja_examples_in_a_japanese_locale() {
    let ja = Some("ja_JP.UTF-8");
    for args in [
        &[
            "quote",
            "examples/corporate-site.toml",
            "--date",
            "2026-11-28",
        ][..],
        &[
            "classify",
            "--delivered",
            "2024-01-10",
            "--reported",
            "2024-03-01",
            "--external-cause",
            "no",
        ][..],
    ] {
        assert_eq!(
            block_in("README.ja.md", &format!("hoshu {}", args.join(" "))),
            run_in(args, ja)
        );
    }
    let without_timing = |lines: Vec<String>| -> Vec<String> {
        let mut lines: Vec<String> = lines
            .into_iter()
            .map(|l| l.split('；').next().unwrap().to_owned())
            .collect();
        lines.sort();
        lines
    };
    assert_eq!(
        without_timing(block_in(
            "README.ja.md",
            "hoshu classify --batch examples/tickets.csv"
        )),
        without_timing(run_in(&["classify", "--batch", "examples/tickets.csv"], ja))
    );
}

/// Both READMEs link each other.
#[test]
fn readmes_link_each_other() {
    assert!(readme("README.md").contains("(README.ja.md)"));
    assert!(readme("README.ja.md").contains("(README.md)"));
}

/// The Backlog loop of "Helpdesk exports": refused by the preset alone,
/// explained and classified by the firm's profile.
#[test]
fn readme_backlog_export_by_preset_and_profile() {
    let base = [
        "classify",
        "--batch",
        "examples/helpdesk/backlog-export.csv",
    ];
    let system = ["--system", "examples/helpdesk/customer.toml"];
    let profile = ["--profile", "examples/helpdesk/profile.toml"];
    let command = |args: &[&str]| format!("hoshu {}", args.join(" "));
    let refused: Vec<&str> = [&base[..], &["--preset", "backlog"], &system].concat();
    assert_eq!(block(&command(&refused)), run(&refused));
    let explain: Vec<&str> = [&base[..], &profile, &system, &["--explain-columns"]].concat();
    let out = hoshu()
        .env("COLUMNS", "80")
        .args(&explain)
        .output()
        .unwrap();
    let shown: Vec<String> = String::from_utf8(out.stdout)
        .unwrap()
        .lines()
        .map(str::to_owned)
        .collect();
    assert_eq!(block(&command(&explain)), shown);
    let classified: Vec<&str> = [&base[..], &profile, &system].concat();
    // Written for Excel (the export was Shift_JIS): a BOM the terminal
    // does not show.
    let actual: Vec<String> = run(&classified)
        .into_iter()
        .map(|l| {
            l.split("; ")
                .next()
                .unwrap()
                .trim_start_matches('\u{feff}')
                .to_owned()
        })
        .collect();
    assert_eq!(block(&command(&classified)), actual);
}

/// README.ja.md's Backlog example: its summary, written to a file.
#[test]
fn readme_ja_backlog_example_summary() {
    let args = [
        "--lang",
        "ja",
        "classify",
        "--batch",
        "examples/helpdesk/backlog-export.csv",
        "--profile",
        "examples/helpdesk/profile.toml",
        "--system",
        "examples/helpdesk/customer.toml",
        "--output",
    ];
    let shown = block_in(
        "README.ja.md",
        &format!("hoshu {} 判定結果.csv", args.join(" ")),
    );
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("判定結果.csv");
    let mut run: Vec<&str> = args.to_vec();
    run.push(out.to_str().unwrap());
    let said: Vec<String> = run_in(&run, None)
        .into_iter()
        .map(|l| l.split('；').next().unwrap().to_owned())
        .collect();
    assert_eq!(shown, said);
    // For Excel: a BOM, CR LF, the verdicts in Japanese.
    let written = std::fs::read_to_string(&out).unwrap();
    assert!(written.starts_with('\u{feff}'));
    assert!(written.contains(",判定,根拠,保証期限,エラー\r\n"));
    assert!(written.contains(",有償対応,after.plan-excludes,2025-12-01,\r\n"));
}

/// Whether every value of `shown` is in `actual`: an object's keys with
/// values that are in the actual's, an array's elements each in one of the
/// actual's (an excerpt shows a few lines), anything else equal.
fn excerpt_of(shown: &serde_json::Value, actual: &serde_json::Value, at: &str) -> Vec<String> {
    use serde_json::Value;
    match (shown, actual) {
        (Value::Object(s), Value::Object(a)) => s
            .iter()
            .flat_map(|(k, v)| match a.get(k) {
                Some(av) => excerpt_of(v, av, &format!("{at}.{k}")),
                None => vec![format!("{at}.{k}: not in the output")],
            })
            .collect(),
        (Value::Array(s), Value::Array(a)) => s
            .iter()
            .enumerate()
            .filter(|(_, v)| !a.iter().any(|av| excerpt_of(v, av, at).is_empty()))
            .map(|(i, v)| format!("{at}[{i}]: {v} is in no element of the output"))
            .collect(),
        (s, a) if s == a => Vec::new(),
        (s, a) => vec![format!("{at}: README shows {s}, hoshu gives {a}")],
    }
}

/// Every JSON excerpt of both READMEs follows the command that makes it
/// (`<!-- hoshu … -->`), and every value it shows is what hoshu gives.
#[test]
fn readme_json_excerpts_are_what_hoshu_prints() {
    for file in ["README.md", "README.ja.md"] {
        let readme = readme(file);
        let mut blocks = 0;
        for (i, _) in readme.match_indices("```json\n") {
            let before = readme[..i].trim_end().lines().last().unwrap_or_default();
            let command = before
                .strip_prefix("<!-- hoshu ")
                .and_then(|c| c.strip_suffix(" -->"))
                .unwrap_or_else(|| panic!("{file}: a JSON excerpt without its command: {before}"));
            let body = &readme[i + 8..];
            let body = &body[..body.find("```").unwrap()];
            let shown: serde_json::Value =
                serde_json::from_str(body).unwrap_or_else(|e| panic!("{file}: `{command}`: {e}"));
            let out = hoshu().args(command.split(' ')).output().unwrap();
            let printed = if out.stdout.is_empty() {
                out.stderr
            } else {
                out.stdout
            };
            let actual: serde_json::Value = serde_json::from_slice(&printed).unwrap();
            let wrong = excerpt_of(&shown, &actual, "");
            assert!(
                wrong.is_empty(),
                "{file}: `hoshu {command}`:\n{}",
                wrong.join("\n")
            );
            blocks += 1;
        }
        assert!(file != "README.md" || blocks >= 3, "{file}: {blocks}");
    }
}

/// The `check` excerpt, its elided parts (`…`) aside, is what hoshu prints.
#[test]
fn readme_check_excerpt_is_what_hoshu_prints() {
    let shown = block("hoshu check tests/data/broken/many-problems.toml");
    let actual = run(&["check", "tests/data/broken/many-problems.toml"]).join("\n");
    for part in shown.split(|l| l == "…") {
        let part = part.join("\n");
        assert!(
            actual.contains(&part),
            "README shows:\n{part}\nhoshu prints:\n{actual}"
        );
    }
}

/// README's install lines run on a fresh HOME: every completion and a
/// man page for every command hoshu(1) names.
#[test]
fn readme_install_lines_work_on_a_fresh_home() {
    let readme = readme("README.md");
    let start = readme
        .find("```sh\n# bash\n")
        .expect("README shows the install lines");
    let script = &readme[start + 6..];
    let script = &script[..script.find("```").unwrap()];
    let script: String = script
        .lines()
        .filter(|l| !l.contains("man -l"))
        .map(|l| format!("{l}\n"))
        .collect();
    let home = tempfile::tempdir().unwrap();
    let bin = std::path::Path::new(env!("CARGO_BIN_EXE_hoshu"))
        .parent()
        .unwrap();
    let path = format!(
        "{}:{}",
        bin.display(),
        std::env::var("PATH").unwrap_or_default()
    );
    let status = std::process::Command::new("sh")
        .args(["-euc", &script])
        .env("HOME", home.path())
        .env("PATH", path)
        .status()
        .unwrap();
    assert!(status.success());
    let man1 = home.path().join(".local/share/man/man1");
    let top = std::fs::read_to_string(man1.join("hoshu.1")).unwrap();
    let mut named: Vec<String> = top
        .split("hoshu\\-")
        .skip(1)
        .map(|rest| rest.chars().take_while(char::is_ascii_lowercase).collect())
        .collect();
    named.sort();
    named.dedup();
    assert!(named.len() >= 10, "{named:?}");
    for command in named {
        let page = man1.join(format!("hoshu-{command}.1"));
        assert!(
            page.exists(),
            "hoshu(1) names hoshu-{command}, which has no page"
        );
    }
    assert!(home.path().join(".zfunc/_hoshu").exists());
    assert!(
        home.path()
            .join(".config/fish/completions/hoshu.fish")
            .exists()
    );
}
