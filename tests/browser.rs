//! The 見積書 printed by a real browser: every example, in both languages,
//! to PDF with headless Chromium, read back with `pdftotext`. `.ci/run`
//! installs Chromium, fonts-noto-cjk and poppler-utils when they are
//! missing and sets `HOSHU_REQUIRE_BROWSER=1`; elsewhere a test that needs
//! them is skipped, saying what to install ([`needs`]).

use std::path::Path;
use std::process::Command;

use crate::support::{example_files, hoshu, needs};

/// What printing and reading back a real PDF needs.
fn can_print() -> bool {
    needs(
        &[
            "chromium|chromium-browser|google-chrome",
            "pdftotext",
            "pdfinfo",
            "pdffonts",
            "fc-list",
            "cjk-font",
        ],
        "chromium fonts-noto-cjk poppler-utils",
    )
}

/// Whitespace removed: a PDF's text breaks lines where the page does.
fn squeeze(text: &str) -> String {
    text.chars().filter(|c| !c.is_whitespace()).collect()
}

/// The example's quote as JSON, in `lang`: the items and totals to find.
fn quote_json(file: &str, lang: &str) -> serde_json::Value {
    let out = hoshu()
        .args([
            "quote",
            file,
            "--date",
            "2026-11-28",
            "--format",
            "json",
            "--lang",
            lang,
        ])
        .output()
        .unwrap();
    serde_json::from_slice(&out.stdout).unwrap()
}

fn yen(v: &serde_json::Value) -> String {
    hoshu::money::Yen(v.as_i64().unwrap()).to_string()
}

/// `hoshu quote ARGS --date 2026-11-28 --format pdf --output PDF`, in the
/// locale `lang` when given, and the text `pdftotext -layout` reads from it.
fn print(pdf: &Path, args: &[&str], lang: Option<&str>) -> String {
    let mut cmd = hoshu();
    if let Some(lang) = lang {
        cmd.env("LANG", lang);
    }
    let out = cmd
        .arg("quote")
        .args(args)
        .args(["--date", "2026-11-28", "--format", "pdf", "--output"])
        .arg(pdf)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = Command::new("pdftotext")
        .arg("-layout")
        .arg(pdf)
        .arg("-")
        .output()
        .unwrap();
    String::from_utf8(text.stdout).unwrap()
}

fn print_every_example(lang: &str, title: &str) {
    if !can_print() {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    for file in example_files() {
        let name = Path::new(&file)
            .file_stem()
            .unwrap()
            .to_string_lossy()
            .into_owned();
        let pdf = dir.path().join(format!("{name}.{lang}.pdf"));
        let text = squeeze(&print(
            &pdf,
            &[&file, "--firm", "examples/firm.toml", "--lang", lang],
            None,
        ));
        let quote = quote_json(&file, lang);
        let mut wanted = vec![
            title.to_owned(),
            quote["quote_id"].as_str().unwrap().to_owned(),
            quote["customer"].as_str().unwrap().to_owned(),
            "株式会社ほしゅ工房".to_owned(),
            "T7123456789012".to_owned(),
            yen(&quote["first_year"]["total"]),
            yen(&quote["monthly"]["total"]),
            yen(&quote["annual"]["total"]),
        ];
        for line in quote["lines"].as_array().unwrap() {
            wanted.push(line["item"].as_str().unwrap().to_owned());
            wanted.push(yen(&line["amount"]));
        }
        for discount in quote["discounts"].as_array().unwrap() {
            wanted.push(discount["label"].as_str().unwrap().to_owned());
            wanted.push(yen(&discount["amount"]));
        }
        for w in wanted {
            assert!(
                text.contains(&squeeze(&w)),
                "{file} ({lang}): no `{w}` in the PDF"
            );
        }
        let info = Command::new("pdfinfo").arg(&pdf).output().unwrap();
        let info = String::from_utf8(info.stdout).unwrap();
        assert!(info.contains("A4"), "{file}: A4 paper\n{info}");
        let pages: u32 = info
            .lines()
            .find_map(|l| l.strip_prefix("Pages:"))
            .unwrap()
            .trim()
            .parse()
            .unwrap();
        let lines = quote["lines"].as_array().unwrap().len();
        // The smaller examples, up to a dozen lines, fit one A4 page.
        if lines <= 12 {
            assert_eq!(pages, 1, "{file} ({lang}): {lines} lines on one page");
        }
        assert!(pages <= 2, "{file} ({lang}): {pages} pages");
        assert_eq!(
            fonts_without_japanese(&pdf),
            Vec::<String>::new(),
            "{file} ({lang}): drawn by a font without Japanese (boxes)"
        );
        // Every page names the quote and says which page of how many.
        for page in 1..=pages {
            let text = squeeze(&page_text(&pdf, page));
            let id = quote["quote_id"].as_str().unwrap();
            assert!(text.contains(id), "{file} ({lang}): page {page} lacks {id}");
            assert!(
                text.contains(&format!("{page}/{pages}")),
                "{file} ({lang}): page {page} lacks `{page} / {pages}`"
            );
        }
    }
}

/// Every font `pdf` embeds that draws with no Japanese: a tofu PDF's
/// Japanese is drawn by a fallback font without the glyphs (its `.notdef`
/// boxes). Chromium embeds the CJK fonts (CFF) as unnamed Type 3 fonts;
/// a named one must be one fontconfig says covers Japanese.
fn fonts_without_japanese(pdf: &Path) -> Vec<String> {
    let listed = Command::new("fc-list")
        .args([":lang=ja", "postscriptname"])
        .output()
        .unwrap();
    let japanese: Vec<String> = String::from_utf8(listed.stdout)
        .unwrap()
        .lines()
        .filter_map(|l| l.trim().strip_prefix(":postscriptname="))
        .map(str::to_owned)
        .collect();
    let fonts = Command::new("pdffonts").arg(pdf).output().unwrap();
    String::from_utf8(fonts.stdout)
        .unwrap()
        .lines()
        .skip(2)
        .filter_map(|l| l.split_whitespace().next())
        .filter(|name| *name != "[none]")
        .map(|name| name.split_once('+').map_or(name, |(_, n)| n).to_owned())
        .filter(|name| !japanese.contains(name))
        .collect()
}

/// The text of one page of `pdf`, laid out.
fn page_text(pdf: &Path, page: u32) -> String {
    let n = page.to_string();
    let out = Command::new("pdftotext")
        .args(["-layout", "-f", &n, "-l", &n])
        .arg(pdf)
        .arg("-")
        .output()
        .unwrap();
    String::from_utf8(out.stdout).unwrap()
}

/// The sample of docs/ (a seal, two discounts, an addressee with a
/// department and a person, an address with a floor): two pages, each
/// numbered; the address and the names broken only between words.
#[test]
fn the_sample_quote_prints_on_two_numbered_pages_with_its_address_whole() {
    if !can_print() {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    for lang in ["ja", "en"] {
        let pdf = dir.path().join(format!("sample.{lang}.pdf"));
        let text = print(
            &pdf,
            &[
                "docs/sample/system.toml",
                "--firm",
                "docs/sample/firm.toml",
                "--lang",
                lang,
            ],
            None,
        );
        let lines: Vec<&str> = text.lines().collect();
        let addressee = match lang {
            "ja" => "株式会社さくら商事 EC事業部 佐藤 花子様",
            _ => "佐藤 花子",
        };
        for whole in ["さくらビル12階", addressee] {
            assert!(
                lines.iter().any(|l| l.contains(whole)),
                "{lang}: `{whole}` on one line\n{text}"
            );
        }
        for discount in ["長期契約割引（3年）", "出精値引き", "-¥8,000"] {
            assert!(text.contains(discount), "{lang}: {discount}");
        }
        assert_eq!(squeeze(&page_text(&pdf, 2)).matches("2/2").count(), 1);
        assert!(squeeze(&page_text(&pdf, 1)).contains("1/2"), "{lang}");
    }
}

/// The wide address of a customer breaks at its space, never inside
/// `12階` or a word.
#[test]
fn a_long_address_breaks_between_its_words() {
    if !can_print() {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let system = dir.path().join("s.toml");
    for address in [
        "大阪府大阪市北区梅田三丁目4番5号 さくらグランドタワービルディング東館12階",
        "大阪府大阪市北区梅田三丁目4番5号さくらグランドタワービルディング東館ABC12階",
    ] {
        std::fs::write(
            &system,
            format!(
                "name = \"t\"\ncustomer = \"株式会社さくら商事\"\n[quote]\npostal_code = \"530-0001\"\naddress = \"{address}\"\n"
            ),
        )
        .unwrap();
        let pdf = dir.path().join("a.pdf");
        let text = print(
            &pdf,
            &[
                system.to_str().unwrap(),
                "--firm",
                "examples/firm.toml",
                "--lang",
                "ja",
            ],
            None,
        );
        for whole in ["〒530-0001", "ABC12階", "三丁目4番5号"] {
            if address.contains(whole) || whole.starts_with('〒') {
                assert!(
                    text.lines().any(|l| l.contains(whole)),
                    "`{whole}` split:\n{text}"
                );
            }
        }
        if address.contains(' ') {
            assert!(
                text.lines().any(|l| l
                    .trim_start()
                    .starts_with("さくらグランドタワービルディング東館12階")),
                "broken at the space:\n{text}"
            );
        }
    }
}

#[test]
fn every_example_prints_as_a_japanese_mitsumorisho() {
    print_every_example("ja", "御見積書");
}

#[test]
fn every_example_prints_as_an_english_quotation() {
    print_every_example("en", "QUOTATION");
}

/// Without a browser, `--format pdf` says how to get one, exit 1, and
/// writes nothing.
#[test]
fn without_a_browser_pdf_says_how_to_install_one() {
    let dir = tempfile::tempdir().unwrap();
    let pdf = dir.path().join("q.pdf");
    let out = hoshu()
        .args(["quote", "examples/corporate-site.toml", "--format", "pdf"])
        .args(["--firm", "examples/firm.toml", "--output"])
        .arg(&pdf)
        .env("PATH", dir.path())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(err.contains("apt-get install chromium"), "{err}");
    assert!(err.contains("HOSHU_CHROME"), "{err}");
    assert!(!pdf.exists());
}

/// The 見積書 excerpts both READMEs show are in the PDF their command makes.
#[test]
fn the_readme_excerpts_are_in_the_printed_pdf() {
    if !can_print() {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    for (readme, lang, flags, pdf) in [
        ("README.md", "en_US.UTF-8", "", "quote.pdf"),
        ("README.md", "en_US.UTF-8", " --lang ja", "見積書.pdf"),
        ("README.ja.md", "ja_JP.UTF-8", "", "見積書.pdf"),
    ] {
        let command = format!(
            "hoshu quote examples/corporate-site.toml --date 2026-11-28{flags} --firm examples/firm.toml --format pdf --output {pdf}"
        );
        // The block: the command, then pdftotext, then what it printed.
        let block = crate::readme::block_in(readme, &command);
        assert_eq!(block[0], format!("$ pdftotext -layout {pdf} -"), "{readme}");
        let excerpt = &block[1..];
        assert!(excerpt.len() > 10, "{readme}");
        let path = dir.path().join(pdf);
        let mut args = vec![
            "examples/corporate-site.toml",
            "--firm",
            "examples/firm.toml",
        ];
        args.extend(flags.split_whitespace());
        let printed = squeeze(&print(&path, &args, Some(lang)));
        for line in excerpt.iter().filter(|l| *l != "…") {
            // Each line of the excerpt, its words in order, is in the PDF's
            // text (pdftotext lays two columns side by side).
            for part in line.split("   ") {
                assert!(
                    printed.contains(&squeeze(part)),
                    "{readme}: `{part}` not in the PDF"
                );
            }
        }
    }
}

/// A stand-in browser: a shell script named by HOSHU_CHROME.
///
/// Written by a `sh` of its own, not by this process: a file this process
/// had open for writing could be inherited by a program another test starts
/// at that moment, and running the script would then fail with "Text file
/// busy" (ETXTBSY).
fn fake_browser(dir: &Path, body: &str) -> std::path::PathBuf {
    use std::io::Write;
    let path = dir.join("fake-chrome");
    let mut sh = Command::new("sh")
        .args(["-c", "cat > \"$0\" && chmod 755 \"$0\""])
        .arg(&path)
        .stdin(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let mut script = sh.stdin.take().unwrap();
    script
        .write_all(format!("#!/bin/sh\n{body}\n").as_bytes())
        .unwrap();
    drop(script);
    assert!(sh.wait().unwrap().success());
    path
}

/// PATH with, first, a stand-in `fc-list` that knows a Japanese font, so
/// that a stand-in browser prints on a machine without one (the font check
/// runs before the browser).
fn fonts_path(browser: &Path) -> String {
    let dir = browser.parent().unwrap().join("fonts");
    if !dir.exists() {
        std::fs::create_dir(&dir).unwrap();
        let fc = dir.join("fc-list");
        std::fs::write(&fc, "#!/bin/sh\necho 'Noto Sans CJK JP'\n").unwrap();
        std::fs::set_permissions(&fc, std::os::unix::fs::PermissionsExt::from_mode(0o755)).unwrap();
    }
    format!(
        "{}:{}",
        dir.display(),
        std::env::var("PATH").unwrap_or_default()
    )
}

/// What the browser prints is what lands in --output; the page it is given
/// is the 見積書's HTML; a browser that fails says so, exit 1, and nothing
/// is written.
#[test]
fn the_browser_named_by_hoshu_chrome_prints_the_page() {
    let dir = tempfile::tempdir().unwrap();
    // Copies the page it was given, and writes a PDF where it was asked to.
    let browser = fake_browser(
        dir.path(),
        &format!(
            "for a in \"$@\"; do case \"$a\" in --print-to-pdf=*) out=\"${{a#--print-to-pdf=}}\";; file://*) page=\"${{a#file://}}\";; esac; done\ncp \"$page\" {}/page.html\nprintf '%%PDF-1.7 fake <</Type /Page>> %%%%EOF' > \"$out\"",
            dir.path().display()
        ),
    );
    let pdf = dir.path().join("q.pdf");
    let out = hoshu()
        .args([
            "quote",
            "examples/corporate-site.toml",
            "--format",
            "pdf",
            "--lang",
            "ja",
        ])
        .args(["--firm", "examples/firm.toml", "--output"])
        .arg(&pdf)
        .env("HOSHU_CHROME", &browser)
        .env("PATH", fonts_path(&browser))
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(
        std::fs::read(&pdf).unwrap(),
        b"%PDF-1.7 fake <</Type /Page>> %%EOF"
    );
    let page = std::fs::read_to_string(dir.path().join("page.html")).unwrap();
    assert!(page.contains("御見積書"));

    let failing = fake_browser(dir.path(), "echo 'cannot open display' >&2\nexit 3");
    let pdf = dir.path().join("never.pdf");
    let out = hoshu()
        .args(["quote", "examples/corporate-site.toml", "--format", "pdf"])
        .args(["--firm", "examples/firm.toml", "--output"])
        .arg(&pdf)
        .env("HOSHU_CHROME", &failing)
        .env("PATH", fonts_path(&failing))
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(err.contains("did not print the PDF"), "{err}");
    assert!(err.contains("cannot open display"), "{err}");
    assert!(!pdf.exists());
}

/// A signal while the browser prints: the browser is stopped, the work
/// folder and the temporary file removed, exit 143.
#[test]
fn a_signal_while_printing_stops_the_browser_and_leaves_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let tmp = tempfile::tempdir().unwrap();
    // Like Chromium, it makes a folder of its own in $TMPDIR, which it
    // would remove only on a clean exit.
    let started = dir.path().join("started");
    let browser = fake_browser(
        dir.path(),
        &format!(
            "mkdir \"$TMPDIR/org.chromium.Chromium.x\" && touch {} && exec sleep 30",
            started.display()
        ),
    );
    let pdf = dir.path().join("q.pdf");
    let mut child = Command::new(assert_cmd::cargo::cargo_bin("hoshu"))
        .args(["quote", "examples/corporate-site.toml", "--format", "pdf"])
        .args(["--firm", "examples/firm.toml", "--output"])
        .arg(&pdf)
        .env("HOSHU_CHROME", &browser)
        .env("PATH", fonts_path(&browser))
        .env("TMPDIR", tmp.path())
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .stderr(std::fs::File::create(dir.path().join("stderr")).unwrap())
        .spawn()
        .unwrap();
    // The browser runs, and has made its folder.
    for _ in 0..1000 {
        if started.exists() {
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(10));
    }
    assert!(started.exists(), "the browser started");
    assert_eq!(
        std::fs::read_dir(tmp.path()).unwrap().count(),
        1,
        "printing"
    );
    let signalled = std::time::Instant::now();
    Command::new("kill")
        .arg("-TERM")
        .arg(child.id().to_string())
        .status()
        .unwrap();
    assert_eq!(
        child.wait().unwrap().code(),
        Some(143),
        "{}",
        std::fs::read_to_string(dir.path().join("stderr")).unwrap()
    );
    assert!(
        signalled.elapsed().as_secs() < 10,
        "the browser was stopped"
    );
    assert_eq!(std::fs::read_dir(tmp.path()).unwrap().count(), 0);
    assert!(!pdf.exists());
    let leftovers: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .filter_map(|e| e.ok())
        .filter(|e| e.file_name().to_string_lossy().starts_with(".hoshu-"))
        .collect();
    assert!(leftovers.is_empty());
}

/// A stand-in that records its arguments and children: returns hoshu's
/// exit code and stderr, with `TMPDIR` set to `tmp`.
fn print_with(browser: &Path, tmp: &Path, env: &[(&str, &str)]) -> (Option<i32>, String) {
    let mut cmd = hoshu();
    cmd.args(["quote", "examples/corporate-site.toml", "--format", "pdf"])
        .args(["--firm", "examples/firm.toml", "--output"])
        .arg(tmp.join("q.pdf"))
        .env("HOSHU_CHROME", browser)
        .env("PATH", fonts_path(browser))
        .env("TMPDIR", tmp);
    for (k, v) in env {
        cmd.env(k, v);
    }
    let out = cmd.output().unwrap();
    (out.status.code(), String::from_utf8(out.stderr).unwrap())
}

/// A `TMPDIR` with `#` and `?`: the page's URL is percent-encoded (else the
/// browser prints a directory listing, "Index of /tmp/x/"); and only a
/// whole PDF is taken: a page that is not one is the browser's failure.
#[test]
fn the_page_url_is_percent_encoded_and_only_a_whole_pdf_is_taken() {
    let dir = tempfile::tempdir().unwrap();
    let tmp = dir.path().join("a#b?c d");
    std::fs::create_dir(&tmp).unwrap();
    let browser = fake_browser(
        dir.path(),
        &format!(
            "for a in \"$@\"; do case \"$a\" in --print-to-pdf=*) out=\"${{a#--print-to-pdf=}}\";; file://*) echo \"$a\" > {}/url;; esac; done\n\
             printf '<html>Index of /tmp/x/</html>' > \"$out\"",
            dir.path().display()
        ),
    );
    let (code, err) = print_with(&browser, &tmp, &[]);
    assert_eq!(code, Some(1), "{err}");
    assert!(err.contains("did not print the PDF"), "{err}");
    assert!(!tmp.join("q.pdf").exists());
    let url = std::fs::read_to_string(dir.path().join("url")).unwrap();
    assert!(url.contains("/a%23b%3Fc%20d/"), "{url}");
    assert!(url.trim_end().ends_with("/quote.html"), "{url}");
}

/// A browser that hangs is stopped at `HOSHU_PDF_TIMEOUT`, with every
/// process it started; its work folder is removed; exit 1 saying how to
/// give it longer. A bad value is refused (exit 2).
#[test]
fn a_hanging_browser_is_stopped_with_its_children() {
    let dir = tempfile::tempdir().unwrap();
    let tmp = dir.path().join("tmp");
    std::fs::create_dir(&tmp).unwrap();
    let pids = dir.path().join("pids");
    let browser = fake_browser(
        dir.path(),
        &format!(
            "mkdir \"$TMPDIR/org.chromium.Chromium.x\"\n\
             sleep 60 & echo $! > {pids}\nsleep 60 & echo $! >> {pids}\nwait",
            pids = pids.display()
        ),
    );
    let started = std::time::Instant::now();
    let (code, err) = print_with(&browser, &tmp, &[("HOSHU_PDF_TIMEOUT", "1")]);
    assert_eq!(code, Some(1), "{err}");
    assert!(started.elapsed().as_secs() < 20);
    assert!(err.contains("within 1 s"), "{err}");
    assert!(err.contains("HOSHU_PDF_TIMEOUT"), "{err}");
    assert_eq!(
        std::fs::read_dir(&tmp).unwrap().count(),
        0,
        "no work folder, and nothing the browser made in TMPDIR"
    );
    for pid in std::fs::read_to_string(&pids).unwrap().lines() {
        // Gone, or a zombie left for its new parent to reap (a SIGKILL is
        // delivered as the process is next scheduled: given a moment).
        let alive = || {
            let state = std::fs::read_to_string(format!("/proc/{pid}/stat")).unwrap_or_default();
            state
                .rsplit_once(") ")
                .is_some_and(|(_, rest)| !rest.starts_with('Z'))
        };
        for _ in 0..100 {
            if !alive() {
                break;
            }
            std::thread::sleep(std::time::Duration::from_millis(20));
        }
        let alive = alive();
        assert!(!alive, "the browser's child {pid} was stopped");
    }
    let (code, err) = print_with(&browser, &tmp, &[("HOSHU_PDF_TIMEOUT", "soon")]);
    assert_eq!(code, Some(2), "{err}");
    assert!(err.contains("HOSHU_PDF_TIMEOUT is `soon`"), "{err}");
}

/// A failing browser's stderr is quoted shortened, whatever its size.
#[test]
fn a_failing_browsers_output_is_quoted_shortened() {
    let dir = tempfile::tempdir().unwrap();
    let tmp = dir.path().join("tmp");
    std::fs::create_dir(&tmp).unwrap();
    let browser = fake_browser(
        dir.path(),
        "head -c 5000000 /dev/zero | tr '\\0' x >&2\necho >&2\nexit 1",
    );
    let (code, err) = print_with(&browser, &tmp, &[]);
    assert_eq!(code, Some(1));
    assert!(err.contains("xxx…"), "{}", &err[..err.len().min(500)]);
    assert!(err.len() < 2_000, "{}", err.len());
}

/// A real print makes no connection off the machine: under strace, the
/// browser and everything it starts open no TCP socket but on loopback and
/// send no datagram anywhere but loopback. (A UDP `connect` that only asks
/// the kernel for a route, sending nothing, is allowed: Chromium's IPv6
/// probe.) Needs strace and chromium (see [`needs`]).
#[test]
fn printing_makes_no_connection_off_the_machine() {
    if !needs(
        &["strace", "chromium", "cjk-font"],
        "strace chromium fonts-noto-cjk",
    ) {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let log = dir.path().join("strace.log");
    let status = Command::new("strace")
        .args([
            "-f",
            "-qq",
            "-e",
            "trace=socket,connect,sendto,sendmsg",
            "-o",
        ])
        .arg(&log)
        .arg(assert_cmd::cargo::cargo_bin("hoshu"))
        .args(["quote", "examples/corporate-site.toml", "--format", "pdf"])
        .args(["--firm", "examples/firm.toml", "--output"])
        .arg(dir.path().join("q.pdf"))
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .status()
        .unwrap();
    assert!(status.success());
    let log = std::fs::read_to_string(&log).unwrap();
    let local = |l: &str| {
        l.contains("127.0.0.1")
            || l.contains("\"::1\"")
            || l.contains("AF_UNIX")
            || l.contains("AF_NETLINK")
    };
    let off: Vec<&str> = log
        .lines()
        .filter(|l| {
            let tcp = l.contains("socket(AF_INET") && l.contains("SOCK_STREAM");
            let sent = (l.contains("sendto(") || l.contains("sendmsg(")) && l.contains("AF_INET");
            (tcp || sent) && !local(l)
        })
        .collect();
    assert!(off.is_empty(), "{off:#?}");
}

/// A `TMPDIR` that does not exist is named, with what to do (exit 1).
#[test]
fn a_missing_tmpdir_is_named() {
    let dir = tempfile::tempdir().unwrap();
    let browser = fake_browser(dir.path(), "exit 0");
    let out = hoshu()
        .args(["quote", "examples/corporate-site.toml", "--format", "pdf"])
        .args(["--firm", "examples/firm.toml", "--output"])
        .arg(dir.path().join("q.pdf"))
        .env("HOSHU_CHROME", &browser)
        .env("PATH", fonts_path(&browser))
        .env("TMPDIR", dir.path().join("missing"))
        .output()
        .unwrap();
    let (code, err) = (out.status.code(), String::from_utf8(out.stderr).unwrap());
    assert_eq!(code, Some(1), "{err}");
    assert!(!dir.path().join("q.pdf").exists());
    assert!(err.contains("work folder in"), "{err}");
    assert!(err.contains("missing"), "{err}");
    assert!(err.contains("TMPDIR"), "{err}");
}

/// Without a font covering Japanese the PDF would be boxes: hoshu says
/// which package to install, exit 1, and writes nothing.
#[test]
fn without_a_japanese_font_pdf_says_what_to_install() {
    let dir = tempfile::tempdir().unwrap();
    let bin = dir.path().join("bin");
    std::fs::create_dir(&bin).unwrap();
    // fontconfig that knows no Japanese font.
    let fc = bin.join("fc-list");
    std::fs::write(&fc, "#!/bin/sh\nexit 0\n").unwrap();
    std::fs::set_permissions(&fc, std::os::unix::fs::PermissionsExt::from_mode(0o755)).unwrap();
    let browser = fake_browser(dir.path(), "exit 1");
    let pdf = dir.path().join("q.pdf");
    let path = format!(
        "{}:{}",
        bin.display(),
        std::env::var("PATH").unwrap_or_default()
    );
    hoshu()
        .env("PATH", path)
        .env("HOSHU_CHROME", &browser)
        .args([
            "quote",
            "examples/corporate-site.toml",
            "--firm",
            "examples/firm.toml",
        ])
        .args(["--format", "pdf", "--output"])
        .arg(&pdf)
        .assert()
        .code(1)
        .stderr(predicates::str::contains(
            "sudo apt-get install fonts-noto-cjk",
        ));
    assert!(!pdf.exists());
}

/// The font check of the printed PDFs sees boxes: the same 見積書 printed
/// by Chromium with fontconfig knowing only DejaVu (no Japanese) is drawn
/// by a font without Japanese, which the check names.
#[test]
fn the_font_check_sees_a_pdf_of_boxes() {
    if !can_print() || !needs(&["dejavu"], "fonts-dejavu-core") {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let html = dir.path().join("q.html");
    let out = hoshu()
        .args([
            "quote",
            "examples/corporate-site.toml",
            "--firm",
            "examples/firm.toml",
            "--lang",
            "ja",
            "--format",
            "html",
        ])
        .output()
        .unwrap();
    std::fs::write(&html, out.stdout).unwrap();
    let conf = dir.path().join("fonts.conf");
    std::fs::write(
        &conf,
        format!(
            "<?xml version=\"1.0\"?>\n<fontconfig><dir>/usr/share/fonts/truetype/dejavu</dir>\
             <cachedir>{}</cachedir></fontconfig>\n",
            dir.path().join("cache").display()
        ),
    )
    .unwrap();
    let browser = ["chromium", "chromium-browser", "google-chrome"]
        .into_iter()
        .find(|b| {
            Command::new("sh")
                .args(["-c", &format!("command -v {b}")])
                .output()
                .is_ok_and(|o| o.status.success())
        })
        .unwrap();
    let pdf = dir.path().join("boxes.pdf");
    let status = Command::new(browser)
        .env("FONTCONFIG_FILE", &conf)
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--no-pdf-header-footer",
        ])
        .arg(format!(
            "--user-data-dir={}",
            dir.path().join("profile").display()
        ))
        .arg(format!("--print-to-pdf={}", pdf.display()))
        .arg(format!("file://{}", html.display()))
        .output()
        .unwrap();
    assert!(pdf.exists(), "{status:?}");
    assert_ne!(fonts_without_japanese(&pdf), Vec::<String>::new());
}

/// An invoice printed to PDF carries every item a qualified invoice
/// requires, each page its number, in both languages.
#[test]
fn an_invoice_prints_with_every_required_item() {
    if !can_print() {
        return;
    }
    let firm = crate::support::Registered::new("");
    let at = |name: &str| firm.at(name);
    let run = |args: &[&str]| {
        firm.run(args);
    };
    run(&[
        "issue",
        "examples/sakura-shop.toml",
        "--date",
        "2026-11-30",
        "--format",
        "json",
        "--output",
        &at("c.json"),
    ]);
    for (lang, month, wanted) in [
        (
            "ja",
            "2026-12",
            [
                "御請求書",
                "登録番号",
                "T7123456789012",
                "Sakura Trading Co., Ltd. 御中",
                "2026年12月分",
                "10%対象（税抜）",
                "消費税（10%対象",
                "合計（税込）",
                "お支払期限",
            ],
        ),
        (
            "en",
            "2027-01",
            [
                "INVOICE",
                "Registration",
                "T7123456789012",
                "Sakura Trading Co., Ltd.",
                "2027-01",
                "Subtotal at 10% (before tax)",
                "Consumption tax 10%",
                "Total with tax",
                "Payment due",
            ],
        ),
    ] {
        let pdf = at(&format!("{lang}.pdf"));
        run(&[
            "invoice",
            "--contract",
            "202611-001",
            "--month",
            month,
            "--date",
            "2027-02-01",
            "--lang",
            lang,
            "--output",
            &pdf,
        ]);
        let text = Command::new("pdftotext")
            .args(["-layout", &pdf, "-"])
            .output()
            .unwrap();
        let text = String::from_utf8(text.stdout).unwrap();
        for w in wanted {
            assert!(
                squeeze(&text).contains(&squeeze(w)),
                "{lang}: no `{w}`\n{text}"
            );
        }
        assert!(squeeze(&text).contains("1/1"), "{lang}: the page number");
        assert_eq!(
            fonts_without_japanese(Path::new(&pdf)),
            Vec::<String>::new()
        );
    }
    // The credit note of the December invoice carries its own items: the
    // issuer and registration, the date of the return and of the invoice,
    // what is returned and its tax per rate.
    hoshu()
        .args([
            "register",
            "cancel",
            "INV-202702-001",
            "--reason",
            "二重請求",
        ])
        .args(["--register", &at("r.sqlite")])
        .assert()
        .success();
    let pdf = at("credit.pdf");
    run(&[
        "invoice",
        "--credit",
        "INV-202702-001",
        "--date",
        "2027-02-10",
        "--lang",
        "ja",
        "--output",
        &pdf,
    ]);
    let text = Command::new("pdftotext")
        .args(["-layout", &pdf, "-"])
        .output()
        .unwrap();
    let text = squeeze(&String::from_utf8(text.stdout).unwrap());
    for w in [
        "適格返還請求書",
        "T7123456789012",
        "返還日",
        "2027年2月10日",
        "INV-202702-001",
        "2027年2月1日",
        "2026年12月分",
        "返還額10%対象（税抜）",
        "消費税（10%対象",
        "返還金額（税込）",
        "二重請求",
    ] {
        assert!(text.contains(&squeeze(w)), "credit note: no `{w}`\n{text}");
    }
}
