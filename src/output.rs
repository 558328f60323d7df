//! The one writer of files: `--output`, `--rejects` and every file hoshu
//! will write.
//!
//! The promises: what was at the path is never harmed. A file is written
//! to a temporary file beside it and renamed into place only when all of it
//! is written, so a reader never sees half a file; a symlink is followed and
//! its target replaced (the link stays a link); a path that is a device, a
//! FIFO or a folder is refused before any input is read; an existing file
//! keeps its permission bits, a new one gets the usual mode under the
//! umask; on SIGINT, SIGTERM or SIGHUP the temporary file is removed and
//! hoshu exits 130, 143 or 129. `-` means standard output.

use std::fs::{self, File, Permissions};
use std::io;
use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};
use std::sync::{Mutex, Once};

use hoshu::lang::Lang;
use hoshu::render::catalogue::{self, Usage};
use hoshu::vocab::NodeKind;

/// Temporary files to remove if a signal ends the run.
static PENDING: Mutex<Vec<PathBuf>> = Mutex::new(Vec::new());
static HANDLER: Once = Once::new();
/// A helper program at work (the browser printing a PDF): killed first if a
/// signal ends the run.
static CHILD: Mutex<Option<std::process::Child>> = Mutex::new(None);
/// Taken for good by the signal handler once a signal ends the run: the
/// run, done, waits on it before it reports and exits ([`settle`]).
static ENDING: Mutex<()> = Mutex::new(());

/// A file that cannot be written where it was asked for.
#[derive(Debug, thiserror::Error)]
#[error("{}", catalogue::of(Lang::En).usage(&self.usage()))]
pub enum OutputError {
    NotAFile {
        flag: &'static str,
        path: String,
        what: NodeKind,
    },
    LinkLoop {
        flag: &'static str,
        path: String,
    },
    SameFile {
        flag: &'static str,
        path: String,
        other: &'static str,
        path2: String,
    },
    Create {
        flag: &'static str,
        path: String,
        dir: String,
        cause: io::Error,
    },
    Write {
        flag: &'static str,
        path: String,
        cause: io::Error,
    },
}

impl OutputError {
    /// The error as the catalogue says it.
    pub fn usage(&self) -> Usage {
        match self {
            OutputError::NotAFile { flag, path, what } => Usage::OutputNotAFile {
                flag,
                path: path.clone(),
                what: *what,
            },
            OutputError::LinkLoop { flag, path } => Usage::OutputLinkLoop {
                flag,
                path: path.clone(),
            },
            OutputError::SameFile {
                flag,
                path,
                other,
                path2,
            } => Usage::OutputSameFile {
                flag,
                path: path.clone(),
                other,
                path2: path2.clone(),
            },
            OutputError::Create {
                flag,
                path,
                dir,
                cause,
            } => Usage::OutputCreate {
                flag,
                path: path.clone(),
                dir: dir.clone(),
                detail: cause.to_string(),
            },
            OutputError::Write { flag, path, cause } => Usage::OutputWrite {
                flag,
                path: path.clone(),
                detail: cause.to_string(),
            },
        }
    }

    /// Whether the user's path is at fault (exit 2), not the system (exit 1).
    pub fn is_invalid(&self) -> bool {
        matches!(
            self,
            OutputError::NotAFile { .. }
                | OutputError::LinkLoop { .. }
                | OutputError::SameFile { .. }
        )
    }
}

/// What a path names once its symlinks are followed.
fn what_is(meta: &fs::Metadata) -> NodeKind {
    use std::os::unix::fs::FileTypeExt;
    let t = meta.file_type();
    if t.is_dir() {
        NodeKind::Folder
    } else if t.is_fifo() {
        NodeKind::Fifo
    } else if t.is_char_device() || t.is_block_device() {
        NodeKind::Device
    } else if t.is_socket() {
        NodeKind::Socket
    } else {
        NodeKind::Other
    }
}

/// Follow `path`'s symlinks to the file to replace; its permissions when it
/// exists.
fn resolve(flag: &'static str, path: &Path) -> Result<(PathBuf, Option<Permissions>), OutputError> {
    let shown = || path.display().to_string();
    let mut real = path.to_path_buf();
    for _ in 0..40 {
        match fs::symlink_metadata(&real) {
            Ok(meta) if meta.file_type().is_symlink() => {
                let target = fs::read_link(&real).map_err(|cause| OutputError::Write {
                    flag,
                    path: shown(),
                    cause,
                })?;
                real = match real.parent() {
                    Some(dir) if target.is_relative() => dir.join(target),
                    _ => target,
                };
            }
            Ok(meta) if meta.is_file() => return Ok((real, Some(meta.permissions()))),
            Ok(meta) => {
                return Err(OutputError::NotAFile {
                    flag,
                    path: shown(),
                    what: what_is(&meta),
                });
            }
            Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok((real, None)),
            Err(cause) => {
                return Err(OutputError::Write {
                    flag,
                    path: shown(),
                    cause,
                });
            }
        }
    }
    Err(OutputError::LinkLoop {
        flag,
        path: shown(),
    })
}

/// A file being written: a temporary file beside its destination.
pub struct PendingFile {
    flag: &'static str,
    shown: String,
    real: PathBuf,
    keep: Option<Permissions>,
    tmp: tempfile::NamedTempFile,
}

impl PendingFile {
    /// Check the destination and create the temporary file, before any
    /// input is read. `flag` names the path in errors.
    pub fn create(flag: &'static str, path: &Path) -> Result<PendingFile, OutputError> {
        let (real, keep) = resolve(flag, path)?;
        let dir = match real.parent() {
            Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
            _ => PathBuf::from("."),
        };
        install_handler();
        // Registered under the lock, so a signal cannot come between the
        // file's creation and its registration.
        let mut pending = PENDING.lock().unwrap_or_else(|e| e.into_inner());
        let tmp = tempfile::Builder::new()
            .prefix(".hoshu-")
            .suffix(".tmp")
            .permissions(Permissions::from_mode(0o666))
            .tempfile_in(&dir)
            .map_err(|cause| OutputError::Create {
                flag,
                path: path.display().to_string(),
                dir: dir.display().to_string(),
                cause,
            })?;
        pending.push(tmp.path().to_path_buf());
        Ok(PendingFile {
            flag,
            shown: path.display().to_string(),
            real,
            keep,
            tmp,
        })
    }

    /// The file the destination's symlinks lead to.
    pub fn real_path(&self) -> &Path {
        &self.real
    }

    pub fn file(&mut self) -> &mut File {
        self.tmp.as_file_mut()
    }

    /// A write into the file that failed, said with the flag and the path.
    pub fn failed(&self, cause: io::Error) -> OutputError {
        OutputError::Write {
            flag: self.flag,
            path: self.shown.clone(),
            cause,
        }
    }

    /// Put the written file in place of the destination.
    pub fn commit(self) -> Result<(), OutputError> {
        self.put(false)
    }

    /// Put the written file where nothing is: if a file appeared there
    /// meanwhile, it stays and this fails.
    pub fn commit_new(self) -> Result<(), OutputError> {
        self.put(true)
    }

    fn put(self, new: bool) -> Result<(), OutputError> {
        let PendingFile {
            flag,
            shown,
            real,
            keep,
            tmp,
        } = self;
        let fail = |cause| OutputError::Write {
            flag,
            path: shown.clone(),
            cause,
        };
        // A file left uncommitted is removed by NamedTempFile's drop; its
        // stale entry in PENDING is harmless.
        if let Some(permissions) = keep {
            tmp.as_file().set_permissions(permissions).map_err(fail)?;
        }
        tmp.as_file().sync_all().map_err(fail)?;
        let mut pending = PENDING.lock().unwrap_or_else(|e| e.into_inner());
        let tmp_path = tmp.path().to_path_buf();
        let result = if new {
            tmp.persist_noclobber(&real)
        } else {
            tmp.persist(&real)
        }
        .map(drop)
        .map_err(|e| fail(e.error));
        pending.retain(|p| *p != tmp_path);
        result
    }
}

/// A temporary folder for work files (the page a browser prints), removed
/// when dropped and, like the temporary files, on a signal.
pub fn temp_dir() -> io::Result<tempfile::TempDir> {
    install_handler();
    let mut pending = PENDING.lock().unwrap_or_else(|e| e.into_inner());
    let dir = tempfile::Builder::new().prefix(".hoshu-").tempdir()?;
    pending.push(dir.path().to_path_buf());
    Ok(dir)
}

/// Run `command` to its end, as the one helper program at work: a signal
/// that ends hoshu ends it too.
pub fn run_helper(command: &mut std::process::Command) -> io::Result<std::process::ExitStatus> {
    install_handler();
    // Spawned under the lock: once a signal's handler holds it, no helper
    // starts that it would not stop.
    {
        let mut slot = CHILD.lock().unwrap_or_else(|e| e.into_inner());
        *slot = Some(command.spawn()?);
    }
    loop {
        let mut slot = CHILD.lock().unwrap_or_else(|e| e.into_inner());
        let Some(child) = slot.as_mut() else {
            return Err(io::Error::other("the helper was stopped"));
        };
        if let Some(status) = child.try_wait()? {
            *slot = None;
            return Ok(status);
        }
        drop(slot);
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
}

/// The run is over and about to report and exit. If a signal is ending it,
/// wait for that exit (128 + the signal): a run whose work files were
/// removed under it must not report that as its own failure. A signal
/// that comes later still ends the run at once.
pub fn settle() {
    drop(ENDING.lock().unwrap_or_else(|e| e.into_inner()));
}

/// On SIGINT, SIGTERM or SIGHUP: remove every temporary file, exit 128 + the
/// signal's number. Installed with the first file, so a run that writes
/// none keeps the default behaviour.
fn install_handler() {
    use signal_hook::consts::{SIGHUP, SIGINT, SIGTERM};
    HANDLER.call_once(|| {
        let Ok(mut signals) = signal_hook::iterator::Signals::new([SIGINT, SIGTERM, SIGHUP]) else {
            return;
        };
        std::thread::spawn(move || {
            if let Some(signal) = signals.forever().next() {
                // Never given back: the run, which may see its files
                // vanish, cannot report that and exit on its own.
                let ending = ENDING.lock().unwrap_or_else(|e| e.into_inner());
                std::mem::forget(ending);
                // Held to the end, so that the run cannot go on to report
                // the helper's death as its own failure.
                let mut child = CHILD.lock().unwrap_or_else(|e| e.into_inner());
                if let Some(child) = child.as_mut() {
                    let _ = child.kill();
                    let _ = child.wait();
                }
                let pending = PENDING.lock().unwrap_or_else(|e| e.into_inner());
                for path in pending.iter() {
                    if path.is_dir() {
                        let _ = fs::remove_dir_all(path);
                    } else {
                        let _ = fs::remove_file(path);
                    }
                }
                std::process::exit(128 + signal);
            }
        });
    });
}
