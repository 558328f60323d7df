//! Shared helpers for the integration tests.

use chrono::NaiveDate;
use hoshu::quote::{Factor, Quote, Why};
use hoshu::rates::RateCard;
use hoshu::system::System;

pub fn d(text: &str) -> NaiveDate {
    hoshu::date::parse_date(text).unwrap()
}

/// The quote date used throughout the tests.
pub fn today() -> NaiveDate {
    d("2026-11-28")
}

pub fn system(toml: &str) -> System {
    System::from_toml(toml, "test.toml").unwrap_or_else(|e| panic!("{e}"))
}

pub fn quote_toml(toml: &str) -> Quote {
    quote_plan(toml, "standard")
}

pub fn quote_plan(toml: &str, plan: &str) -> Quote {
    hoshu::quote::quote(&system(toml), &RateCard::default_card(), plan, today()).unwrap()
}

/// The monthly amount of every line of `factor`.
pub fn factor_total(q: &Quote, factor: Factor) -> i64 {
    q.lines
        .iter()
        .filter(|l| l.factor == factor)
        .map(|l| l.amount.0)
        .sum()
}

pub fn lines_where(q: &Quote, pick: impl Fn(&Why) -> bool) -> Vec<&hoshu::quote::Line> {
    q.lines.iter().filter(|l| pick(&l.why)).collect()
}

pub fn hoshu() -> assert_cmd::Command {
    let mut cmd = assert_cmd::Command::cargo_bin("hoshu").unwrap();
    cmd.env_remove("NO_COLOR")
        .env_remove("COLUMNS")
        .current_dir(env!("CARGO_MANIFEST_DIR"));
    cmd.env_remove("HOSHU_LANG")
        .env_remove("LC_ALL")
        .env_remove("LC_MESSAGES")
        .env_remove("LANG")
        .env_remove("HOSHU_FIRM")
        .env_remove("HOSHU_CHROME");
    cmd
}

/// The example system files (every `.toml` but the firm profile), sorted:
/// their paths as the CLI takes them.
pub fn example_files() -> Vec<String> {
    let mut out: Vec<String> = std::fs::read_dir(concat!(env!("CARGO_MANIFEST_DIR"), "/examples"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "toml"))
        .filter(|p| !p.ends_with("firm.toml"))
        .map(|p| format!("examples/{}", p.file_name().unwrap().to_string_lossy()))
        .collect();
    out.sort();
    out
}

/// The example systems, read, with their paths.
pub fn example_systems() -> Vec<(String, System)> {
    example_files()
        .into_iter()
        .map(|f| {
            let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join(&f);
            let system = System::from_file(&path).unwrap_or_else(|e| panic!("{e}"));
            (f, system)
        })
        .collect()
}

/// The example firm profile (`examples/firm.toml`).
pub fn example_firm() -> hoshu::firm::Firm {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/firm.toml");
    hoshu::firm::Firm::from_toml(&std::fs::read_to_string(path).unwrap(), "firm.toml").unwrap()
}

/// `system` quoted today under `plan` on the default card, and that quote
/// rendered in `format` and `lang`, issued by the example firm.
pub fn render_quote(
    system: &System,
    plan: &str,
    lang: hoshu::lang::Lang,
    format: hoshu::render::quote::Format,
) -> (Quote, Vec<u8>) {
    use hoshu::render::document::{DocumentInput, QuoteDocument};
    let quote = hoshu::quote::quote(system, &RateCard::default_card(), plan, today()).unwrap();
    let firm = example_firm();
    let doc = QuoteDocument::new(DocumentInput {
        quote: &quote,
        system,
        firm: Some(&firm),
        valid_days: None,
        lang,
        internal: false,
        issued: None,
    });
    let bytes = hoshu::render::quote::render(&doc, format, hoshu::render::Style::PLAIN).unwrap();
    (quote, bytes)
}

/// Whether this machine has what a test needs: each entry is a command
/// (or several alternatives, `a|b`), `cjk-font` for a font covering
/// Japanese (fontconfig), or `dejavu` for the DejaVu fonts (no Japanese). When something is missing the test is skipped,
/// saying what and the line that installs it; with
/// `HOSHU_REQUIRE_BROWSER=1` (which `.ci/run` sets) it fails instead.
pub fn needs(what: &[&str], install: &str) -> bool {
    let found = |name: &str| {
        let check = if name == "cjk-font" {
            "fc-list :lang=ja family | grep -q .".to_owned()
        } else if name == "dejavu" {
            "test -d /usr/share/fonts/truetype/dejavu".to_owned()
        } else {
            name.split('|')
                .map(|c| format!("command -v {c} >/dev/null"))
                .collect::<Vec<_>>()
                .join(" || ")
        };
        std::process::Command::new("sh")
            .args(["-c", &check])
            .status()
            .is_ok_and(|s| s.success())
    };
    let missing: Vec<&str> = what.iter().copied().filter(|n| !found(n)).collect();
    if missing.is_empty() {
        return true;
    }
    let said = format!(
        "{} missing: apt-get install {install} (.ci/run installs it)",
        missing.join(", ")
    );
    assert!(
        std::env::var("HOSHU_REQUIRE_BROWSER").as_deref() != Ok("1"),
        "{said}"
    );
    eprintln!("skipped: {said}");
    false
}

/// The example firm with a register of its own, in a folder of its own:
/// what a test of issued documents starts from.
pub struct Registered {
    pub dir: tempfile::TempDir,
}

impl Registered {
    /// `examples/firm.toml` with `register = "r.sqlite"` and `more` (TOML)
    /// after it, and the register made.
    pub fn new(more: &str) -> Registered {
        let dir = tempfile::tempdir().unwrap();
        let firm = std::fs::read_to_string("examples/firm.toml").unwrap();
        std::fs::write(
            dir.path().join("firm.toml"),
            format!("{firm}\nregister = \"r.sqlite\"\n{more}"),
        )
        .unwrap();
        hoshu()
            .args(["register", "init"])
            .arg(dir.path().join("r.sqlite"))
            .assert()
            .success();
        Registered { dir }
    }

    /// A path in the folder, as text for an argument.
    pub fn at(&self, name: &str) -> String {
        self.dir.path().join(name).display().to_string()
    }

    /// `hoshu ARGS --firm firm.toml`, not told of any other register.
    pub fn output(&self, args: &[&str]) -> std::process::Output {
        hoshu()
            .args(args)
            .args(["--firm", &self.at("firm.toml")])
            .env_remove("HOSHU_REGISTER")
            .output()
            .unwrap()
    }

    /// [`Registered::output`] that must succeed: its standard output.
    pub fn run(&self, args: &[&str]) -> Vec<u8> {
        let out = self.output(args);
        assert!(
            out.status.success(),
            "{args:?}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        out.stdout
    }
}
