//! Where hoshu writes (issue 16, "Targets"): a path that names a stream is
//! written as a stream, never renamed over; an output that is an input is
//! refused before anything is read; files being written are their owner's
//! only.

use std::io::Write;
use std::os::unix::fs::PermissionsExt;
use std::path::Path;
use std::process::{Command, Stdio};

use predicates::prelude::PredicateBooleanExt;
use predicates::str::contains;

use crate::support::hoshu;

const TICKETS: &str = "id,delivered,reported,external_cause\n\
                       T-1,2024-01-10,2024-03-01,no\n\
                       T-2,2024-01-10,2025-06-01,no\n";

/// Run `script` in `sh` in `dir`, with `$H` the hoshu binary.
fn sh(dir: &Path, script: &str) -> std::process::Output {
    Command::new("sh")
        .arg("-c")
        .arg(script)
        .env("H", assert_cmd::cargo::cargo_bin("hoshu"))
        .current_dir(dir)
        .stdin(Stdio::null())
        .output()
        .unwrap()
}

/// `--output /dev/stdout >> log`, `/dev/stderr 2>> log`, `/dev/fd/3 3>>
/// log`: the log keeps what it held and gets the rows after it; the log
/// stays the same file (nothing renamed over it). Into a pipe it works.
#[test]
fn a_path_naming_an_open_stream_is_appended_to_in_place() {
    let d = tempfile::tempdir().unwrap();
    std::fs::write(d.path().join("in.csv"), TICKETS).unwrap();
    for redirect in [
        "--output /dev/stdout >> log 2>/dev/null",
        "--output /dev/stderr 2>> log >/dev/null",
        "--output /dev/fd/3 3>> log 2>/dev/null",
        "--output /proc/self/fd/1 >> log 2>/dev/null",
    ] {
        let log = d.path().join("log");
        std::fs::write(&log, "what the log held\n").unwrap();
        let inode = std::os::unix::fs::MetadataExt::ino(&log.metadata().unwrap());
        let out = sh(
            d.path(),
            &format!("\"$H\" classify --batch in.csv {redirect}"),
        );
        assert_eq!(out.status.code(), Some(0), "{redirect}");
        let text = std::fs::read_to_string(&log).unwrap();
        assert!(
            text.starts_with("what the log held\nid,"),
            "{redirect}: {text}"
        );
        // (Standard error also gets the run's summary line.)
        let rows = text.lines().filter(|l| !l.starts_with("hoshu:")).count();
        assert_eq!(rows, 4, "{redirect}: {text}");
        assert_eq!(
            std::os::unix::fs::MetadataExt::ino(&log.metadata().unwrap()),
            inode,
            "{redirect}: the log was replaced"
        );
    }
    let out = sh(
        d.path(),
        "\"$H\" classify --batch in.csv --output /dev/stdout 2>/dev/null | cat",
    );
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(String::from_utf8_lossy(&out.stdout).lines().count(), 3);
    assert!(std::fs::read_dir(d.path()).unwrap().all(|e| {
        !e.unwrap()
            .file_name()
            .to_string_lossy()
            .starts_with(".hoshu-")
    }));
}

/// A FIFO and a device are streams too: written in place, not refused.
#[test]
fn a_fifo_and_dev_null_are_written_as_streams() {
    let d = tempfile::tempdir().unwrap();
    std::fs::write(d.path().join("in.csv"), TICKETS).unwrap();
    let out = sh(
        d.path(),
        "mkfifo f && { cat f > got & } && \"$H\" classify --batch in.csv --output f 2>/dev/null; \
         rc=$?; wait; echo rc=$rc",
    );
    assert!(
        String::from_utf8_lossy(&out.stdout).ends_with("rc=0\n"),
        "{out:?}"
    );
    let got = std::fs::read_to_string(d.path().join("got")).unwrap();
    assert_eq!(got.lines().count(), 3, "{got}");
    hoshu()
        .current_dir(d.path())
        .args(["classify", "--batch", "in.csv", "--output", "/dev/null"])
        .assert()
        .success();
}

/// `--output` or `--rejects` naming an input, by any name or link, or the
/// file standard input reads: refused before anything is read, the input
/// unchanged. The same for `quote` and its system file.
#[test]
fn an_output_that_is_an_input_is_refused_and_the_input_kept() {
    let d = tempfile::tempdir().unwrap();
    let input = d.path().join("in.csv");
    std::fs::write(&input, TICKETS).unwrap();
    std::os::unix::fs::symlink("in.csv", d.path().join("link.csv")).unwrap();
    for (args, flag, named) in [
        (&["in.csv", "--output", "in.csv"][..], "--output", "in.csv"),
        (
            &["in.csv", "--rejects", "in.csv"][..],
            "--rejects",
            "in.csv",
        ),
        (
            &["in.csv", "--output", "./in.csv"][..],
            "--output",
            "in.csv",
        ),
        (
            &["link.csv", "--output", "in.csv"][..],
            "--output",
            "link.csv",
        ),
        (
            &["in.csv", "--output", "link.csv"][..],
            "--output",
            "in.csv",
        ),
    ] {
        hoshu()
            .current_dir(d.path())
            .args(["classify", "--batch"])
            .args(args)
            .assert()
            .code(2)
            .stderr(contains(format!("{flag} ")))
            .stderr(contains(format!("is the input {named}")));
        assert_eq!(
            std::fs::read_to_string(&input).unwrap(),
            TICKETS,
            "{args:?}"
        );
    }
    let out = sh(
        d.path(),
        "\"$H\" --lang ja classify --batch - --output in.csv < in.csv",
    );
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("入力 - と同じファイルです"));
    assert_eq!(std::fs::read_to_string(&input).unwrap(), TICKETS);

    let system = d.path().join("system.toml");
    std::fs::copy(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/corporate-site.toml"),
        &system,
    )
    .unwrap();
    let before = std::fs::read(&system).unwrap();
    hoshu()
        .current_dir(d.path())
        .args([
            "quote",
            "system.toml",
            "--format",
            "csv",
            "--output",
            "system.toml",
        ])
        .assert()
        .code(2)
        .stderr(contains("is the input system.toml"));
    assert_eq!(std::fs::read(&system).unwrap(), before);
}

/// The temporary file beside the output is its owner's only while it is
/// written, whatever the umask; the finished file then gets the usual mode.
#[test]
fn a_file_being_written_is_readable_by_its_owner_only() {
    let d = tempfile::tempdir().unwrap();
    let out = d.path().join("out.csv");
    let mut child = Command::new("sh")
        .arg("-c")
        .arg("umask 022; exec \"$0\" classify --batch - --output \"$1\"")
        .arg(assert_cmd::cargo::cargo_bin("hoshu"))
        .arg(&out)
        .stdin(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let mut stdin = child.stdin.take().unwrap();
    stdin.write_all(TICKETS.as_bytes()).unwrap();
    stdin.flush().unwrap();
    let temp = (0..1000)
        .find_map(|_| {
            let found = std::fs::read_dir(d.path())
                .unwrap()
                .map(|e| e.unwrap().path())
                .find(|p| {
                    p.file_name()
                        .unwrap()
                        .to_string_lossy()
                        .starts_with(".hoshu-")
                });
            if found.is_none() {
                std::thread::sleep(std::time::Duration::from_millis(10));
            }
            found
        })
        .expect("the run has started");
    assert_eq!(temp.metadata().unwrap().permissions().mode() & 0o777, 0o600);
    drop(stdin);
    assert_eq!(child.wait().unwrap().code(), Some(0));
    assert_eq!(out.metadata().unwrap().permissions().mode() & 0o777, 0o644);
}

/// A replaced file keeps its owner and group where the process may set
/// them (here, as root); as another user, hoshu says it could not.
#[test]
fn a_replaced_file_keeps_its_owner() {
    use std::os::unix::fs::MetadataExt;
    let d = tempfile::tempdir().unwrap();
    let out = d.path().join("out.csv");
    std::fs::write(&out, "old\n").unwrap();
    // nobody:nogroup is 65534 on Debian; chown works only as root.
    if std::os::unix::fs::chown(&out, Some(65534), Some(65534)).is_err() {
        eprintln!("skipped: changing a file's owner needs root");
        return;
    }
    std::fs::set_permissions(&out, std::fs::Permissions::from_mode(0o640)).unwrap();
    hoshu()
        .args(["classify", "--batch", "examples/tickets.csv", "--output"])
        .arg(&out)
        .assert()
        .stderr(predicates::str::contains("owner").not());
    let meta = out.metadata().unwrap();
    assert_eq!((meta.uid(), meta.gid()), (65534, 65534));
    assert_eq!(meta.permissions().mode() & 0o7777, 0o640);
    assert!(std::fs::read_to_string(&out).unwrap().starts_with("id,"));
}

/// A replaced file keeps its access control list: the users and groups it
/// names keep their access, and the owning group does not widen to the
/// mask. Needs setfacl (the acl package; `.ci/run` installs it).
#[test]
fn a_replaced_file_keeps_its_acl() {
    if !crate::support::needs(&["setfacl", "getfacl"], "acl") {
        return;
    }
    let d = tempfile::tempdir().unwrap();
    let acl = |args: &str| sh(d.path(), args);
    std::fs::write(d.path().join("in.csv"), TICKETS).unwrap();
    std::fs::write(d.path().join("out.csv"), "old\n").unwrap();
    std::fs::set_permissions(
        d.path().join("out.csv"),
        std::fs::Permissions::from_mode(0o640),
    )
    .unwrap();
    let set = acl("setfacl -m u:nobody:rw,g:daemon:r out.csv");
    if !set.status.success() {
        // A file system that keeps no ACLs: nothing to keep.
        eprintln!(
            "skipped: this file system keeps no ACL ({})",
            String::from_utf8_lossy(&set.stderr).trim()
        );
        return;
    }
    let before = acl("getfacl -c out.csv").stdout;
    assert!(String::from_utf8_lossy(&before).contains("user:nobody:rw-"));
    for format in ["csv", "jsonl"] {
        let run = acl(&format!(
            "$H classify --batch in.csv --format {format} --output out.csv"
        ));
        assert!(
            run.status.success(),
            "{}",
            String::from_utf8_lossy(&run.stderr)
        );
        assert!(
            !String::from_utf8_lossy(&run.stderr).contains("warning"),
            "{}",
            String::from_utf8_lossy(&run.stderr)
        );
        assert_eq!(
            String::from_utf8_lossy(&acl("getfacl -c out.csv").stdout),
            String::from_utf8_lossy(&before)
        );
        let mode = d
            .path()
            .join("out.csv")
            .metadata()
            .unwrap()
            .permissions()
            .mode();
        // The group bits show the mask (rw), as they did before.
        assert_eq!(mode & 0o777, 0o660);
    }
}

/// A full disk (here `/dev/full`) is said with the flag and path it was
/// met at, for --output and --rejects of a batch and for a quote; exit 1.
#[test]
fn a_full_disk_names_the_output() {
    for (args, named) in [
        (
            &[
                "classify",
                "--batch",
                "examples/tickets.csv",
                "--output",
                "/dev/full",
            ][..],
            "--output /dev/full",
        ),
        (
            &[
                "classify",
                "--batch",
                "examples/tickets.csv",
                "--output",
                "/dev/null",
                "--rejects",
                "/dev/full",
            ][..],
            "--rejects /dev/full",
        ),
        (
            &[
                "quote",
                "examples/corporate-site.toml",
                "--output",
                "/dev/full",
            ][..],
            "--output /dev/full",
        ),
    ] {
        hoshu()
            .args(args)
            .assert()
            .code(1)
            .stderr(contains(format!("{named}: cannot write the file")));
    }
}

/// A binary format is refused on a terminal named by a path (`/dev/tty`)
/// as on stdout. Needs `script` (util-linux) for a terminal; without it
/// the test says so.
#[test]
fn a_binary_format_is_refused_on_a_terminal_named_by_path() {
    let have = Command::new("sh")
        .args(["-c", "command -v script"])
        .output()
        .is_ok_and(|o| o.status.success());
    if !have {
        eprintln!("skipped: script(1) is not installed");
        return;
    }
    let hoshu = assert_cmd::cargo::cargo_bin("hoshu");
    let out = Command::new("script")
        .arg("-qec")
        .arg(format!(
            "{} quote examples/corporate-site.toml --format xlsx --firm examples/firm.toml --output /dev/tty > /dev/null",
            hoshu.display()
        ))
        .arg("/dev/null")
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .stdin(Stdio::null())
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&out.stdout);
    assert_eq!(out.status.code(), Some(2), "{text}");
    assert!(text.contains("writes a binary file"), "{text}");
}
