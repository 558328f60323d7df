//! Printing the 見積書 to PDF with a headless Chromium: `HOSHU_CHROME`, else
//! `chromium`, `chromium-browser`, `google-chrome` or `google-chrome-stable`
//! on PATH. The HTML is self-contained, so the browser fetches nothing; it
//! runs with a fresh profile and its network features off.

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use hoshu::render::catalogue::Usage;

use crate::exit::Invalid;

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

/// `html` printed on A4 by `browser`.
pub fn print(browser: &Path, html: &[u8]) -> Result<Vec<u8>, Invalid> {
    let failed = |detail: String| {
        Invalid(Usage::BrowserFailed {
            browser: browser.display().to_string(),
            detail,
        })
    };
    let dir = crate::output::temp_dir().map_err(|e| failed(e.to_string()))?;
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
    let status = crate::output::run_helper(
        Command::new(browser)
            .args([
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--disable-extensions",
                "--no-pdf-header-footer",
            ])
            .arg(format!(
                "--user-data-dir={}",
                dir.path().join("profile").display()
            ))
            .arg(format!("--print-to-pdf={}", pdf.display()))
            .arg(format!("file://{}", page.display()))
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(stderr),
    )
    .map_err(|e| failed(e.to_string()))?;
    match std::fs::read(&pdf) {
        Ok(bytes) if bytes.starts_with(b"%PDF") => Ok(bytes),
        _ => {
            let stderr = std::fs::read_to_string(&log).unwrap_or_default();
            let last = stderr.lines().rev().find(|l| !l.trim().is_empty());
            Err(failed(format!(
                "{}{}",
                status,
                last.map_or(String::new(), |l| format!(": {l}"))
            )))
        }
    }
}
