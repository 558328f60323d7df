//! Printing the 見積書 to PDF with a headless Chromium: `HOSHU_CHROME`, else
//! `chromium`, `chromium-browser`, `google-chrome` or `google-chrome-stable`
//! on PATH. The HTML is self-contained, so the browser fetches nothing; it
//! runs with a fresh profile, its network features off, no address
//! resolving and a dead proxy, in a process group of its own stopped after
//! `HOSHU_PDF_TIMEOUT` seconds (60). Its work folder is its owner's only
//! and removed when it is done.

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::Duration;

use hoshu::render::catalogue::Usage;

use crate::exit::Invalid;
use crate::output::HelperEnd;

const NAMES: [&str; 4] = [
    "chromium",
    "chromium-browser",
    "google-chrome",
    "google-chrome-stable",
];

/// The browser to print with.
pub fn browser() -> Result<PathBuf, Invalid> {
    if let Some(named) = std::env::var_os("HOSHU_CHROME").filter(|v| !v.is_empty()) {
        let named = PathBuf::from(named);
        return if named.is_file() {
            Ok(named)
        } else {
            Err(Invalid(Usage::NoBrowser {
                named: Some(named.display().to_string()),
            }))
        };
    }
    let path = std::env::var_os("PATH").unwrap_or_default();
    NAMES
        .iter()
        .flat_map(|name| std::env::split_paths(&path).map(move |dir| dir.join(name)))
        .find(|p| is_executable(p))
        .ok_or(Invalid(Usage::NoBrowser { named: None }))
}

fn is_executable(p: &Path) -> bool {
    use std::os::unix::fs::PermissionsExt;
    p.metadata()
        .is_ok_and(|m| m.is_file() && m.permissions().mode() & 0o111 != 0)
}

/// Whether the browser can draw the Japanese in `html`: fontconfig must
/// know a font covering Japanese, else the PDF is tofu boxes. Without
/// fontconfig's `fc-list` there is no telling, and printing goes on.
fn check_fonts(html: &[u8]) -> Result<(), Invalid> {
    let japanese = String::from_utf8_lossy(html)
        .chars()
        .any(|c| matches!(c, '\u{3040}'..='\u{30FF}' | '\u{4E00}'..='\u{9FFF}'));
    if !japanese {
        return Ok(());
    }
    match Command::new("fc-list")
        .args([":lang=ja", "family"])
        .output()
    {
        Ok(out) if out.status.success() && out.stdout.iter().all(u8::is_ascii_whitespace) => {
            Err(Invalid(Usage::NoJapaneseFont))
        }
        _ => Ok(()),
    }
}

/// `html` printed on A4 by `browser`, once a font covering Japanese is
/// known to be there when the page holds Japanese ([`check_fonts`]).
pub fn print(browser: &Path, html: &[u8]) -> Result<Vec<u8>, Invalid> {
    check_fonts(html)?;
    let failed = |detail: String| {
        Invalid(Usage::BrowserFailed {
            browser: browser.display().to_string(),
            detail,
        })
    };
    let dir = crate::output::temp_dir().map_err(|e| {
        Invalid(Usage::NoWorkFolder {
            dir: std::env::temp_dir().display().to_string(),
            detail: e.to_string(),
        })
    })?;
    let page = dir.path().join("quote.html");
    let pdf = dir.path().join("quote.pdf");
    {
        use std::io::Write;
        use std::os::unix::fs::OpenOptionsExt;
        // The customer's quote: its owner's to read, like the folder.
        std::fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .mode(0o600)
            .open(&page)
            .and_then(|mut f| f.write_all(html))
            .map_err(|e| failed(e.to_string()))?;
    }
    let log = dir.path().join("browser.log");
    let stderr = std::fs::File::create(&log).map_err(|e| failed(e.to_string()))?;
    let limit = time_limit()?;
    let end = crate::output::run_helper(
        Command::new(browser)
            .args(FLAGS)
            .arg(format!(
                "--user-data-dir={}",
                dir.path().join("profile").display()
            ))
            .arg(format!("--print-to-pdf={}", pdf.display()))
            .arg(file_url(&page))
            // Chromium makes a folder of its own in TMPDIR (its singleton
            // socket), removed only on a clean exit: inside the work folder
            // it goes with it, on a signal or a time-out too.
            .env("TMPDIR", dir.path())
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(stderr),
        limit,
    )
    .map_err(|e| failed(e.to_string()))?;
    let status = match end {
        HelperEnd::Exited(status) => status,
        HelperEnd::TimedOut => {
            return Err(Invalid(Usage::BrowserTimedOut {
                browser: browser.display().to_string(),
                seconds: limit.as_secs(),
            }));
        }
    };
    match std::fs::read(&pdf) {
        Ok(bytes) if is_whole_pdf(&bytes) => Ok(bytes),
        _ => Err(failed(format!(
            "{}{}",
            status,
            last_words(&log).map_or(String::new(), |l| format!(": {l}"))
        ))),
    }
}

/// Every network feature off: the page is self-contained, so the browser
/// has nothing to fetch, and no address resolves and no connection leaves
/// (a proxy on a closed local port takes whatever it still tries).
const FLAGS: [&str; 21] = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--no-default-browser-check",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-extensions",
    "--disable-default-apps",
    "--disable-domain-reliability",
    "--disable-client-side-phishing-detection",
    "--disable-breakpad",
    "--metrics-recording-only",
    "--dns-prefetch-disable",
    "--disable-features=NetworkPrediction,OptimizationHints,MediaRouter,Translate,\
     AutofillServerCommunication,CertificateTransparencyComponentUpdater,DialMediaRouteProvider",
    "--host-resolver-rules=MAP * ~NOTFOUND",
    "--proxy-server=127.0.0.1:9",
    "--proxy-bypass-list=<-loopback>",
    "--no-pdf-header-footer",
];

/// How long the browser may take: `HOSHU_PDF_TIMEOUT` seconds, else 60.
fn time_limit() -> Result<Duration, Invalid> {
    seconds("HOSHU_PDF_TIMEOUT", 60)
}

/// The environment's `variable`, whole seconds from 1 to 3600, else
/// `default`.
pub fn seconds(variable: &'static str, default: u64) -> Result<Duration, Invalid> {
    match std::env::var(variable) {
        Err(_) => Ok(Duration::from_secs(default)),
        Ok(v) => v
            .trim()
            .parse::<u64>()
            .ok()
            .filter(|s| (1..=3600).contains(s))
            .map(Duration::from_secs)
            .ok_or(Invalid(Usage::BadSeconds {
                variable,
                value: v,
                default,
            })),
    }
}

/// `path` as a `file://` URL: every byte but the unreserved ones and `/`
/// percent-encoded, so that a `#` or `?` in the folder's name (from
/// `TMPDIR`) is part of the path, not a fragment or a query.
fn file_url(path: &Path) -> String {
    use std::os::unix::ffi::OsStrExt;
    let mut url = String::from("file://");
    for &b in path.as_os_str().as_bytes() {
        if b.is_ascii_alphanumeric() || b"-._~/".contains(&b) {
            url.push(char::from(b));
        } else {
            url.push_str(&format!("%{b:02X}"));
        }
    }
    url
}

/// Whether `bytes` are a whole PDF: the header, at least one page, and
/// the end-of-file marker (a print cut short has none).
fn is_whole_pdf(bytes: &[u8]) -> bool {
    let tail = &bytes[bytes.len().saturating_sub(1024)..];
    bytes.starts_with(b"%PDF-")
        && tail.windows(5).any(|w| w == b"%%EOF")
        && bytes
            .windows(10)
            .any(|w| w == b"/Type/Page" || w == b"/Type /Pag")
}

/// The browser's last line on stderr, shortened: the log's last 64 KiB are
/// read, and at most 300 characters of the line are quoted.
fn last_words(log: &Path) -> Option<String> {
    use std::io::{Read, Seek, SeekFrom};
    let mut file = std::fs::File::open(log).ok()?;
    let len = file.metadata().ok()?.len();
    file.seek(SeekFrom::Start(len.saturating_sub(64 << 10)))
        .ok()?;
    let mut tail = Vec::new();
    file.read_to_end(&mut tail).ok()?;
    let text = String::from_utf8_lossy(&tail);
    let line = text.lines().rev().find(|l| !l.trim().is_empty())?.trim();
    Some(match line.char_indices().nth(300) {
        Some((cut, _)) => format!("{}…", &line[..cut]),
        None => line.to_owned(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_file_url_encodes_what_a_url_would_read_as_syntax() {
        assert_eq!(
            file_url(Path::new("/tmp/a#b?c d%/日/quote.html")),
            "file:///tmp/a%23b%3Fc%20d%25/%E6%97%A5/quote.html"
        );
    }

    #[test]
    fn only_a_whole_pdf_is_taken() {
        let whole = b"%PDF-1.4\n1 0 obj <</Type /Page>> endobj\n%%EOF\n";
        assert!(is_whole_pdf(whole));
        assert!(!is_whole_pdf(b"%PDF-1.4\n1 0 obj <</Type /Page>> endobj\n"));
        assert!(!is_whole_pdf(b"%PDF-1.4\n%%EOF\n"));
        assert!(!is_whole_pdf(b"<html>Index of /tmp/x/</html>%%EOF"));
    }
}
