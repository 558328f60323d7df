//! The language: chosen by flag, HOSHU_LANG or the locale, and everything a
//! user reads follows it; the 見積書 needs its issuer, named in one of three
//! places.

use predicates::prelude::PredicateBooleanExt;

use crate::support::hoshu;

fn run(args: &[&str], env: &[(&str, &str)]) -> (i32, String, String) {
    let mut cmd = hoshu();
    for (k, v) in env {
        cmd.env(k, v);
    }
    let out = cmd.args(args).output().unwrap();
    (
        out.status.code().unwrap(),
        String::from_utf8(out.stdout).unwrap(),
        String::from_utf8(out.stderr).unwrap(),
    )
}

const CASE: [&str; 7] = [
    "classify",
    "--delivered",
    "2024-01-10",
    "--reported",
    "2024-03-01",
    "--external-cause",
    "no",
];

#[test]
fn the_flag_then_hoshu_lang_then_the_first_locale_variable_set() {
    let ja = |env: &[(&str, &str)], extra: &[&str]| {
        let mut args = CASE.to_vec();
        args.extend(extra);
        run(&args, env).1.starts_with("無償対応")
    };
    assert!(!ja(&[], &[]));
    assert!(ja(&[("LANG", "ja_JP.UTF-8")], &[]));
    assert!(ja(&[("HOSHU_LANG", "ja")], &[]));
    assert!(!ja(&[("HOSHU_LANG", "en"), ("LANG", "ja_JP.UTF-8")], &[]));
    assert!(!ja(&[("LC_ALL", "C.UTF-8"), ("LANG", "ja_JP.UTF-8")], &[]));
    assert!(ja(
        &[("LC_MESSAGES", "ja_JP.UTF-8"), ("LANG", "en_US.UTF-8")],
        &[]
    ));
    assert!(!ja(&[("LANG", "ja_JP.UTF-8")], &["--lang", "en"]));
    assert!(ja(&[], &["--lang", "ja"]));
}

/// Dates as 2026年11月28日 and yen as 1,234円 in sentences, ¥1,234 in
/// tables; the legal term of today with the old one beside it.
#[test]
fn japanese_dates_yen_and_the_legal_term() {
    let (_, out, _) = run(&CASE, &[("LANG", "ja_JP.UTF-8")]);
    assert!(out.contains("2024年1月10日納品"), "{out}");
    // The warranty counts from the day after the delivery (Civil Code Art. 140).
    let mut args = CASE.to_vec();
    args.extend(["--warranty-months", "6", "--lang", "ja"]);
    let (_, out, _) = run(&args, &[]);
    assert!(
        out.contains("納品の翌日（2024年1月11日）から6か月、2024年7月10日まで（残り131日）"),
        "{out}"
    );
    assert!(out.contains("契約不適合責任、旧・瑕疵担保責任"), "{out}");
    let (_, out, _) = run(
        &[
            "quote",
            "examples/corporate-site.toml",
            "--date",
            "2026-11-28",
            "--lang",
            "ja",
        ],
        &[],
    );
    assert!(out.contains("見積日: 2026年11月28日"), "{out}");
    assert!(out.contains("¥30,800"), "a table shows ¥: {out}");
    assert!(out.contains("税込369,600円"), "a sentence says 円: {out}");
    assert!(!out.contains("2026-11-28"), "{out}");
}

/// JSON keeps its keys and ids; only its sentences follow --lang.
#[test]
fn json_keys_are_neutral_and_sentences_follow_the_language() {
    let json = |lang: &str| -> serde_json::Value {
        let mut args = CASE.to_vec();
        args.extend(["--format", "json", "--lang", lang]);
        serde_json::from_str(&run(&args, &[]).1).unwrap()
    };
    let (en, ja) = (json("en"), json("ja"));
    assert_eq!(en["verdict"], "covered");
    assert_eq!(ja["verdict"], "covered");
    assert_eq!(en["rule"], ja["rule"]);
    assert!(ja["reason"].as_str().unwrap().contains("無償で修正します"));
    let keys =
        |v: &serde_json::Value| -> Vec<String> { v.as_object().unwrap().keys().cloned().collect() };
    assert_eq!(keys(&en), keys(&ja));
}

#[test]
fn classify_as_a_markdown_ticket_comment_in_both_languages() {
    for lang in ["en", "ja"] {
        let mut args = CASE.to_vec();
        args.extend(["--format", "markdown", "--explain", "--lang", lang]);
        let (code, out, _) = run(&args, &[]);
        assert_eq!(code, 0);
        insta::assert_snapshot!(format!("classify_markdown_{lang}"), out);
    }
}

/// `hoshu init firm` writes the template, which is a valid profile, and
/// never over a file.
#[test]
fn init_firm_writes_a_template_and_never_overwrites() {
    let home = tempfile::tempdir().unwrap();
    let env = [
        ("HOME", home.path().to_str().unwrap()),
        ("XDG_CONFIG_HOME", ""),
    ];
    let (code, _, err) = run(&["init", "firm"], &env);
    assert_eq!(code, 0, "{err}");
    let path = home.path().join(".config/hoshu/firm.toml");
    let text = std::fs::read_to_string(&path).unwrap();
    hoshu::firm::Firm::from_toml(&text, "firm.toml").unwrap();
    std::fs::write(&path, "company = \"Mine\"\n").unwrap();
    let (code, _, err) = run(&["init", "firm"], &env);
    assert_eq!(code, 2);
    assert!(err.contains("already exists"), "{err}");
    assert_eq!(
        std::fs::read_to_string(&path).unwrap(),
        "company = \"Mine\"\n"
    );
    // The profile in the config folder is found without --firm.
    let (code, out, err) = run(
        &["quote", "examples/corporate-site.toml", "--format", "html"],
        &env,
    );
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("Mine"));
    // `--output -` is standard output, as everywhere: no file named `-`.
    let dir = tempfile::tempdir().unwrap();
    let out = hoshu()
        .current_dir(dir.path())
        .args(["init", "firm", "--output", "-"])
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    assert_eq!(
        out,
        hoshu::render::firm_template(hoshu::lang::Lang::En).as_bytes()
    );
    assert!(!dir.path().join("-").exists());
}

/// A 見積書 without a firm profile names the three places to put one.
#[test]
fn a_document_without_a_firm_profile_says_where_to_put_one() {
    let home = tempfile::tempdir().unwrap();
    let env = [
        ("HOME", home.path().to_str().unwrap()),
        ("XDG_CONFIG_HOME", ""),
    ];
    for format in ["html", "pdf", "xlsx"] {
        let (code, out, err) = run(
            &[
                "quote",
                "examples/corporate-site.toml",
                "--format",
                format,
                "--output",
                "-",
            ],
            &env,
        );
        assert_eq!(code, 2, "{format}");
        assert!(out.is_empty());
        for place in ["--firm", "HOSHU_FIRM", ".config/hoshu", "hoshu init firm"] {
            assert!(err.contains(place), "{format}: {place} in {err}");
        }
    }
    // HOSHU_FIRM names it.
    let (code, out, _) = run(
        &["quote", "examples/corporate-site.toml", "--format", "html"],
        &[("HOSHU_FIRM", "examples/firm.toml")],
    );
    assert_eq!(code, 0);
    assert!(out.contains("T7123456789012"));
}

/// A wrong registration number in the firm profile is an error at its line.
#[test]
fn a_firm_profile_with_a_wrong_registration_number_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let firm = dir.path().join("firm.toml");
    std::fs::write(
        &firm,
        "company = \"Hoshu Works\"\nregistration = \"T1234567890123\"\n",
    )
    .unwrap();
    let mut cmd = hoshu();
    let out = cmd
        .args([
            "quote",
            "examples/corporate-site.toml",
            "--format",
            "html",
            "--firm",
        ])
        .arg(&firm)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(
        err.contains("`registration` is `T1234567890123`, not a registration number"),
        "{err}"
    );
    assert!(err.contains("firm.toml:2:1"), "{err}");
}

/// `--valid-days` and the [quote] table reach the document.
#[test]
fn the_quote_table_and_validity_reach_the_document() {
    let dir = tempfile::tempdir().unwrap();
    let system = dir.path().join("s.toml");
    std::fs::write(
        &system,
        "name = \"Shop\"\ncustomer = \"山田 花子\"\n[quote]\nsubject = \"<b>EC</b> 保守\"\nhonorific = \"sama\"\nnotes = \"=1+1 & <script>\"\n",
    )
    .unwrap();
    let out = hoshu()
        .arg("quote")
        .arg(&system)
        .args(["--date", "2026-11-28", "--valid-days", "14", "--lang", "ja"])
        .args(["--firm", "examples/firm.toml", "--format", "html"])
        .output()
        .unwrap();
    let html = as_read(&String::from_utf8(out.stdout).unwrap());
    assert!(html.contains("山田 花子 様"), "様 for a person");
    assert!(
        html.contains("&lt;b&gt;EC&lt;/b&gt; 保守"),
        "subject escaped"
    );
    assert!(html.contains("=1+1 &amp; &lt;script&gt;"), "notes escaped");
    assert!(!html.contains("<script>"));
    assert!(html.contains("2026年12月12日（発行日から14日間）"));
}

/// `hoshu init firm` writes its comments in the user's language, and no
/// document is issued from its fictitious firm until it is edited.
#[test]
fn the_firm_template_speaks_the_users_language_and_issues_nothing() {
    let dir = tempfile::tempdir().unwrap();
    for lang in ["en", "ja"] {
        let file = dir.path().join(format!("firm-{lang}.toml"));
        hoshu()
            .args(["--lang", lang, "init", "firm", "--output"])
            .arg(&file)
            .assert()
            .success();
        let text = std::fs::read_to_string(&file).unwrap();
        assert_eq!(
            text.contains("ひな形"),
            lang == "ja",
            "{lang}: the comments follow --lang"
        );
        hoshu()
            .args(["--lang", "en", "quote", "examples/corporate-site.toml", "--format", "html", "--firm"])
            .arg(&file)
            .assert()
            .code(2)
            .stdout("")
            .stderr(predicates::str::contains("edit the firm profile first").and(
                predicates::str::contains(
                    "(still the template's: `company`, `postal_code`, `address`, `phone`, `email`, `person`, `registration`)",
                ),
            ));
        // The firm's own name, the mark deleted: issued.
        let own = text
            .replace("template = true\n", "")
            .replace("株式会社ほしゅ工房", "株式会社さくら開発");
        std::fs::write(&file, own).unwrap();
        hoshu()
            .args([
                "quote",
                "examples/corporate-site.toml",
                "--format",
                "html",
                "--firm",
            ])
            .arg(&file)
            .assert()
            .success();
    }
}

/// The development-cost benchmark is the firm's: on the customer's copy
/// never, on an internal copy with every page marked.
#[test]
fn internal_notes_reach_only_an_internal_copy() {
    for (lang, mark, note) in [
        ("ja", "社内用", "開発費"),
        ("en", "INTERNAL", "development cost"),
    ] {
        let html = |internal: bool| {
            let mut cmd = hoshu();
            cmd.args([
                "--lang",
                lang,
                "quote",
                "examples/corporate-site.toml",
                "--date",
                "2026-11-28",
            ])
            .args(["--firm", "examples/firm.toml", "--format", "html"]);
            if internal {
                cmd.arg("--internal");
            }
            String::from_utf8(cmd.output().unwrap().stdout).unwrap()
        };
        let customer = html(false);
        assert!(
            !customer.contains(note) && !customer.contains(mark),
            "{lang}"
        );
        let internal = html(true);
        assert!(
            internal.contains(&format!("<div class=\"internal\">{mark}</div>")),
            "{lang}"
        );
        assert!(internal.contains(note), "{lang}");
        // The table for sales keeps it.
        let table = hoshu()
            .args([
                "--lang",
                lang,
                "quote",
                "examples/corporate-site.toml",
                "--date",
                "2026-11-28",
            ])
            .output()
            .unwrap()
            .stdout;
        assert!(String::from_utf8(table).unwrap().contains(note), "{lang}");
    }
}

/// A 見積書 is addressed as Japanese quotes are: the customer's address
/// above, 株式会社X 営業部 Y様 with a contact (御中 and 様 never together),
/// X 営業部 御中 without; none at all is an error naming the key.
#[test]
fn the_addressee_is_written_as_a_japanese_quote_writes_it() {
    let dir = tempfile::tempdir().unwrap();
    let base = std::fs::read_to_string("examples/corporate-site.toml").unwrap();
    let cases = [
        (
            "department = \"営業部\"\ncontact = \"山田 花子\"\npostal_code = \"100-0001\"\naddress = \"東京都千代田区千代田1-1\"\n",
            "Aoba Dental Clinic 営業部 山田 花子様",
            Some("〒100-0001 東京都千代田区千代田1-1"),
        ),
        (
            "department = \"営業部\"\n",
            "Aoba Dental Clinic 営業部 御中",
            None,
        ),
        ("honorific = \"sama\"\n", "Aoba Dental Clinic 様", None),
    ];
    for (extra, addressee, address) in cases {
        let text = format!("{base}\n[quote]\n{extra}");
        let file = dir.path().join("s.toml");
        std::fs::write(&file, text).unwrap();
        let out = hoshu()
            .args([
                "--lang",
                "ja",
                "quote",
                "--date",
                "2026-11-28",
                "--firm",
                "examples/firm.toml",
                "--format",
                "html",
            ])
            .arg(&file)
            .output()
            .unwrap();
        let html = as_read(&String::from_utf8(out.stdout).unwrap());
        assert!(
            html.contains(&format!("<p class=\"addressee\">{addressee}</p>")),
            "{html}"
        );
        assert_eq!(html.contains("to-address\">〒"), address.is_some());
        if let Some(a) = address {
            assert!(html.contains(a));
        }
    }
    let nobody = base
        .lines()
        .filter(|l| !l.starts_with("customer"))
        .collect::<Vec<_>>()
        .join("\n");
    let file = dir.path().join("nobody.toml");
    std::fs::write(&file, nobody).unwrap();
    hoshu()
        .args(["quote", "--firm", "examples/firm.toml", "--format", "html"])
        .arg(&file)
        .assert()
        .code(2)
        .stdout("")
        .stderr(predicates::str::contains(
            "`customer` is missing: a 見積書 is addressed to the customer",
        ));
}

/// The firm's seal and logo are embedded as data, the seal over the
/// issuer's name; a file that is no image is refused naming its key.
#[test]
fn the_seal_and_logo_are_embedded_and_checked() {
    let dir = tempfile::tempdir().unwrap();
    let firm = std::fs::read_to_string("examples/firm.toml").unwrap();
    // A 1×1 PNG.
    let png: &[u8] = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\0\x01\0\0\0\x01\x08\x06\0\0\0\x1f\x15\xc4\x89\0\0\0\rIDATx\x9cc\xf8\xcf\xc0\xf0\x1f\0\x05\0\x01\xff\x89\x99=\x1d\0\0\0\0IEND\xaeB`\x82";
    std::fs::write(dir.path().join("seal.png"), png).unwrap();
    std::fs::write(
        dir.path().join("logo.svg"),
        "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"10\" height=\"10\"/>",
    )
    .unwrap();
    std::fs::write(dir.path().join("notes.txt"), "not an image").unwrap();
    let quote = |seal: &str| {
        let profile = dir.path().join("firm.toml");
        std::fs::write(
            &profile,
            format!("{firm}\nseal = \"{seal}\"\nlogo = \"logo.svg\"\n"),
        )
        .unwrap();
        hoshu()
            .args([
                "quote",
                "examples/corporate-site.toml",
                "--format",
                "html",
                "--firm",
            ])
            .arg(&profile)
            .output()
            .unwrap()
    };
    let out = quote("seal.png");
    assert_eq!(out.status.code(), Some(0));
    let html = String::from_utf8(out.stdout).unwrap();
    assert!(html.contains("<img class=\"seal\" alt=\"\" src=\"data:image/png;base64,iVBORw0KGgo"));
    assert!(html.contains("<img class=\"logo\" alt=\"\" src=\"data:image/svg+xml;base64,"));
    assert!(!html.contains("seal.png"), "a path never reaches the page");
    // The worksheet holds the PNG seal at the issuer; the SVG logo it
    // cannot hold is said on stderr, in the user's language.
    for (lang, warning) in [
        (
            "en",
            "the firm profile's `logo` is an SVG, which a worksheet cannot hold",
        ),
        ("ja", "事業者プロファイルの `logo` は SVG で"),
    ] {
        let profile = dir.path().join("firm.toml");
        let xlsx = dir.path().join("q.xlsx");
        let out = hoshu()
            .args([
                "quote",
                "examples/corporate-site.toml",
                "--format",
                "xlsx",
                "--lang",
                lang,
                "--output",
            ])
            .arg(&xlsx)
            .arg("--firm")
            .arg(&profile)
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(0));
        let err = String::from_utf8(out.stderr).unwrap();
        assert!(err.contains(warning), "{err}");
        assert_eq!(err.lines().count(), 1, "the seal is not warned of: {err}");
        let mut zip = zip::ZipArchive::new(std::fs::File::open(&xlsx).unwrap()).unwrap();
        let mut media = Vec::new();
        std::io::Read::read_to_end(&mut zip.by_name("xl/media/image1.png").unwrap(), &mut media)
            .unwrap();
        assert_eq!(media, png, "the seal's own bytes");
        assert!(zip.by_name("xl/media/image2.png").is_err(), "one picture");
    }
    let out = quote("notes.txt");
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(
        err.contains("the firm profile's seal") && err.contains("is not a PNG, JPEG or SVG image"),
        "{err}"
    );
    let out = quote("missing.png");
    assert_eq!(out.status.code(), Some(2));
}

/// The 見積書's HTML as a reader reads it: without the spans that keep a
/// number on one line, and with no-break spaces as spaces.
fn as_read(html: &str) -> String {
    html.replace("<span class=\"nw\">", "")
        .replace("</span>", "")
        .replace('\u{a0}', " ")
}
