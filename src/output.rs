//! The one writer of files: `--output`, `--rejects` and every file hoshu
//! will write.
//!
//! The promises: what was at the path is never harmed. A regular file is
//! written to a temporary file beside it (readable by its owner only) and
//! renamed into place only when all of it is written, so a reader never
//! sees half a file; a symlink is followed and its target replaced (the
//! link stays a link). A path that names a stream already open
//! (`/dev/stdout`, `/dev/stderr`, `/dev/fd/N`, the file standard output
//! was redirected to), a FIFO or a device is written in place as a stream,
//! appending: never renamed over. A folder or a socket is refused, and so
//! is a path that is one of the run's inputs, before any input is read. An
//! existing file keeps its permission bits and, where the process may set
//! it, its owner (else a warning says so); a new one gets the usual mode
//! under the umask. On SIGINT, SIGTERM or SIGHUP the temporary file is
//! removed and hoshu exits 130, 143 or 129. `-` means standard output.

use std::fs::{self, File, Permissions};
use std::io;
use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Mutex, Once};

use hoshu::lang::Lang;
use hoshu::render::catalogue::{self, Usage};
use hoshu::vocab::{Lost, NodeKind};

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
    IsInput {
        flag: &'static str,
        path: String,
        input: String,
    },
    /// A warning, not a failure: the file was written.
    NotKept {
        flag: &'static str,
        path: String,
        lost: Lost,
        cause: io::Error,
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
            OutputError::IsInput { flag, path, input } => Usage::OutputIsInput {
                flag,
                path: path.clone(),
                input: input.clone(),
            },
            OutputError::NotKept {
                flag,
                path,
                lost,
                cause,
            } => Usage::OutputNotKept {
                flag,
                path: path.clone(),
                lost: *lost,
                detail: cause.to_string(),
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
                | OutputError::IsInput { .. }
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

/// A file's identity: the same device and inode are the same file, by
/// whatever names and links it is reached.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Identity {
    dev: u64,
    ino: u64,
}

impl Identity {
    fn of(meta: &fs::Metadata) -> Identity {
        use std::os::unix::fs::MetadataExt;
        Identity {
            dev: meta.dev(),
            ino: meta.ino(),
        }
    }

    /// What `path` names, its links followed.
    fn of_path(path: &Path) -> Option<Identity> {
        fs::metadata(path).ok().map(|m| Identity::of(&m))
    }

    /// What an open stream of this process is.
    fn of_stream(fd: std::os::fd::BorrowedFd<'_>) -> Option<Identity> {
        let file = File::from(fd.try_clone_to_owned().ok()?);
        file.metadata().ok().map(|m| Identity::of(&m))
    }

    fn stdin() -> Option<Identity> {
        use std::os::fd::AsFd;
        Identity::of_stream(io::stdin().as_fd())
    }
}

/// Where a path leads once its symlinks are followed.
enum Resolved {
    /// A regular file to replace (its metadata), or none yet.
    Regular(PathBuf, Option<fs::Metadata>),
    /// A stream already open (`/dev/stdout`, `/dev/fd/3`, `/proc/self/fd/N`)
    /// or a FIFO or a device: written in place, never renamed over.
    Stream,
}

/// Whether `link` is one of a process's open streams (`/proc/<pid>/fd/N`,
/// also reached as `/dev/fd/N` or `/dev/stdout`): following its target
/// would name the file behind the stream and replace it.
fn is_open_stream_link(link: &Path) -> bool {
    let Some(dir) = link.parent().and_then(|d| fs::canonicalize(d).ok()) else {
        return false;
    };
    let mut parts = dir.components().map(|c| c.as_os_str().to_owned());
    let root = parts.next();
    let proc_ = parts.next();
    let _pid = parts.next();
    let fd = parts.next();
    root.is_some_and(|r| r == "/")
        && proc_.is_some_and(|p| p == "proc")
        && fd.is_some_and(|f| f == "fd" || f == "fdinfo")
        && parts.next().is_none()
}

/// Follow `path`'s symlinks to the file to replace, or find that it is a
/// stream to write in place.
fn resolve(flag: &'static str, path: &Path) -> Result<Resolved, OutputError> {
    let shown = || path.display().to_string();
    let mut real = path.to_path_buf();
    for _ in 0..40 {
        match fs::symlink_metadata(&real) {
            Ok(meta) if meta.file_type().is_symlink() => {
                if is_open_stream_link(&real) {
                    return Ok(Resolved::Stream);
                }
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
            Ok(meta) if meta.is_file() => return Ok(Resolved::Regular(real, Some(meta))),
            Ok(meta) if matches!(what_is(&meta), NodeKind::Fifo | NodeKind::Device) => {
                return Ok(Resolved::Stream);
            }
            Ok(meta) => {
                return Err(OutputError::NotAFile {
                    flag,
                    path: shown(),
                    what: what_is(&meta),
                });
            }
            Err(e) if e.kind() == io::ErrorKind::NotFound => {
                return Ok(Resolved::Regular(real, None));
            }
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

/// No output may be an input of the run: a file, or standard input (`-`).
fn refuse_input(
    flag: &'static str,
    path: &Path,
    output: Identity,
    inputs: &[&Path],
) -> Result<(), OutputError> {
    for input in inputs {
        let same = if *input == Path::new("-") {
            Identity::stdin()
        } else {
            Identity::of_path(input)
        };
        if same == Some(output) {
            return Err(OutputError::IsInput {
                flag,
                path: path.display().to_string(),
                input: input.display().to_string(),
            });
        }
    }
    Ok(())
}

/// Where the output of a run goes.
pub enum Destination {
    /// Standard output: no path, `-`, or a path that names what standard
    /// output already is (`/dev/stdout`, or the very file the shell
    /// redirected it to).
    Stdout,
    /// Standard error, named by a path (`/dev/stderr`).
    Stderr,
    /// Another stream (`/dev/fd/3`, a FIFO, `/dev/null`): written in place,
    /// appending where it was opened to append.
    Stream {
        flag: &'static str,
        shown: String,
        file: File,
    },
    /// A regular file, written beside and renamed into place.
    File(PendingFile),
}

impl Destination {
    /// Check where `path` leads and get it ready, before any input is read:
    /// never one of `inputs` (`-` for standard input).
    pub fn open(
        flag: &'static str,
        path: Option<&Path>,
        inputs: &[&Path],
    ) -> Result<Destination, OutputError> {
        use std::os::fd::AsFd;
        let Some(path) = path.filter(|p| *p != Path::new("-")) else {
            return Ok(Destination::Stdout);
        };
        let shown = path.display().to_string();
        if let Some(target) = Identity::of_path(path) {
            refuse_input(flag, path, target, inputs)?;
            if Identity::of_stream(io::stdout().as_fd()) == Some(target) {
                return Ok(Destination::Stdout);
            }
            if Identity::of_stream(io::stderr().as_fd()) == Some(target) {
                return Ok(Destination::Stderr);
            }
        }
        match resolve(flag, path)? {
            Resolved::Regular(real, meta) => {
                Ok(Destination::File(PendingFile::at(flag, path, real, meta)?))
            }
            Resolved::Stream => {
                // Opened to append: a stream the shell opened with `>>`
                // keeps what it held, and one opened with `>` was emptied.
                let file = fs::OpenOptions::new()
                    .append(true)
                    .open(path)
                    .map_err(|cause| OutputError::Write {
                        flag,
                        path: shown.clone(),
                        cause,
                    })?;
                Ok(Destination::Stream { flag, shown, file })
            }
        }
    }

    /// Whether the output is this process's standard output.
    pub fn is_stdout(&self) -> bool {
        matches!(self, Destination::Stdout)
    }

    /// Whether what is written lands on a terminal (stdout on one, or a
    /// path such as `/dev/tty`): no place for a PDF's bytes.
    pub fn is_terminal(&self) -> bool {
        use std::io::IsTerminal;
        match self {
            Destination::Stdout => io::stdout().is_terminal(),
            Destination::Stderr => io::stderr().is_terminal(),
            Destination::Stream { file, .. } => file.is_terminal(),
            Destination::File(_) => false,
        }
    }

    /// The file, if the output is a file written whole (to compare two).
    pub fn real_path(&self) -> Option<&Path> {
        match self {
            Destination::File(f) => Some(f.real_path()),
            _ => None,
        }
    }

    /// A failed write into it: said with its flag and path for a file or
    /// stream it opened; standard output's and error's own failure (a
    /// closed pipe) is the run's, and stays what it is.
    pub fn failure(&self, cause: io::Error) -> anyhow::Error {
        match self {
            Destination::Stdout | Destination::Stderr => cause.into(),
            Destination::Stream { flag, shown, .. } => OutputError::Write {
                flag,
                path: shown.clone(),
                cause,
            }
            .into(),
            Destination::File(f) => f.failed(cause).into(),
        }
    }

    /// Put what was written in place. What the replaced file had that the
    /// new one could not keep comes back as warnings.
    pub fn commit(self) -> Result<Vec<OutputError>, OutputError> {
        match self {
            Destination::File(f) => f.commit(),
            _ => Ok(Vec::new()),
        }
    }

    /// Write all of `bytes` and put them in place.
    pub fn put(mut self, bytes: &[u8]) -> Result<Vec<OutputError>, anyhow::Error> {
        if let Err(cause) =
            io::Write::write_all(&mut self, bytes).and_then(|()| io::Write::flush(&mut self))
        {
            return Err(self.failure(cause));
        }
        Ok(self.commit()?)
    }
}

impl io::Write for Destination {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        match self {
            Destination::Stdout => Stdout.write(buf),
            Destination::Stderr => io::stderr().write(buf),
            Destination::Stream { file, .. } => file.write(buf),
            Destination::File(f) => f.write(buf),
        }
    }

    fn flush(&mut self) -> io::Result<()> {
        match self {
            Destination::Stdout => Stdout.flush(),
            Destination::Stderr => io::stderr().flush(),
            Destination::Stream { file, .. } => file.flush(),
            Destination::File(f) => f.flush(),
        }
    }
}

/// Set once standard output's reader has gone (`hoshu … | head`).
static STDOUT_GONE: AtomicBool = AtomicBool::new(false);

/// Standard output, whose reader may stop early: a closed pipe is not the
/// run's failure. What follows is dropped, and the run goes on to the end
/// of its input, so that its exit code (a gate: `--fail-on`, `--exit-code`,
/// row errors, `diff --fail-above`) is the same whether or not its reader
/// read it all.
pub struct Stdout;

impl Stdout {
    /// `act` on standard output, unless its reader has gone: then, and
    /// when this finds it gone, what it would have done is `done`.
    fn unless_gone<T>(done: T, act: impl FnOnce() -> io::Result<T>) -> io::Result<T> {
        if STDOUT_GONE.load(Ordering::Relaxed) {
            return Ok(done);
        }
        match act() {
            Err(e) if e.kind() == io::ErrorKind::BrokenPipe => {
                STDOUT_GONE.store(true, Ordering::Relaxed);
                Ok(done)
            }
            other => other,
        }
    }
}

impl io::Write for Stdout {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        Stdout::unless_gone(buf.len(), || io::stdout().write(buf))
    }

    fn flush(&mut self) -> io::Result<()> {
        Stdout::unless_gone((), || io::stdout().flush())
    }
}

/// The mode a new file gets: rw for everyone, less the umask.
fn new_file_mode() -> u32 {
    // The umask can only be read by setting it; Linux shows it here.
    let umask = fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|status| {
            status
                .lines()
                .find_map(|l| l.strip_prefix("Umask:"))
                .and_then(|m| u32::from_str_radix(m.trim(), 8).ok())
        })
        .unwrap_or(0o022);
    0o666 & !umask
}

/// What a replaced file had that its new version keeps.
struct Kept {
    mode: u32,
    uid: u32,
    gid: u32,
    /// Its POSIX access ACL (the `system.posix_acl_access` attribute) if
    /// it has one, or why it could not be read.
    acl: io::Result<Option<Vec<u8>>>,
}

/// The attribute that holds a file's POSIX access ACL on Linux.
const ACL_ACCESS: &str = "system.posix_acl_access";

/// The access ACL of the file at `path`: `None` when it has none or its
/// file system keeps none.
fn read_acl(path: &Path) -> io::Result<Option<Vec<u8>>> {
    use rustix::io::Errno;
    let none = |e: Errno| {
        if e == Errno::NODATA || e == Errno::NOTSUP {
            Ok(None)
        } else {
            Err(io::Error::from(e))
        }
    };
    let size = match rustix::fs::getxattr_query(path, ACL_ACCESS) {
        Ok(size) => size,
        Err(e) => return none(e),
    };
    let mut acl = vec![0; size];
    match rustix::fs::getxattr(path, ACL_ACCESS, &mut acl[..]) {
        Ok(n) => {
            acl.truncate(n);
            Ok(Some(acl))
        }
        Err(e) => none(e),
    }
}

/// A file being written: a temporary file beside its destination, readable
/// by its owner only until it is in place.
///
/// A large file goes to the disk straight (`O_DIRECT`), past the page
/// cache: its bytes are gathered into whole pages ([`Straight`]) and each
/// [`STRAIGHT`] bytes written from there, which costs the machine no copy
/// into the cache and no writeback after, and leaves the cache to what
/// will be read again. The last, partial pages are written through the
/// cache when the file is put in place, and the one flush of the finished
/// file then has little to wait for. Where the file system cannot write
/// straight, the file is written through the cache, whose pages are handed
/// to the disk as the run goes on ([`HAND_OVER`]).
pub struct PendingFile {
    flag: &'static str,
    shown: String,
    real: PathBuf,
    keep: Option<Kept>,
    tmp: tempfile::NamedTempFile,
    /// Where bytes gather to go to the disk straight; `None` once the
    /// file is written through the cache.
    straight: Option<Straight>,
    /// Whether the file is open to be written straight (`O_DIRECT`).
    direct: bool,
    /// Bytes written, and how many of them the disk has or was told to
    /// take.
    written: u64,
    handed: u64,
}

/// Bytes written through the cache between two hand-overs of a file's
/// pages to the disk ([`PendingFile::write_cached`]).
const HAND_OVER: u64 = 8 << 20;

/// Bytes gathered for one straight write: few enough that the writer
/// waits little for each, enough that the writes are few. Two pages in
/// this crate's tests, so that every file of more is written straight.
const STRAIGHT: usize = if cfg!(test) { 2 * PAGE } else { 1 << 20 };

/// What straight writes must be whole numbers of, in their length, their
/// offset in the file and their address in memory: a page, which every
/// device's block divides.
const PAGE: usize = 4096;

/// Room for [`STRAIGHT`] bytes at an address that is a whole number of
/// pages, and how much of it is filled.
struct Straight {
    room: Vec<u8>,
    /// Where in `room` the aligned room starts.
    at: usize,
    filled: usize,
}

impl Straight {
    fn new() -> Straight {
        // Zeroed room comes from the system untouched, at no cost.
        let room = vec![0; STRAIGHT + PAGE];
        let at = room.as_ptr().align_offset(PAGE);
        Straight {
            room,
            at,
            filled: 0,
        }
    }

    /// As much of `buf` as there is room for; how much that was.
    fn gather(&mut self, buf: &[u8]) -> usize {
        let start = self.at + self.filled;
        let n = buf.len().min(STRAIGHT - self.filled);
        self.room[start..start + n].copy_from_slice(&buf[..n]);
        self.filled += n;
        n
    }

    fn gathered(&self) -> &[u8] {
        &self.room[self.at..self.at + self.filled]
    }
}

impl PendingFile {
    /// Check the destination and create the temporary file, before any
    /// input is read. `flag` names the path in errors.
    pub fn create(flag: &'static str, path: &Path) -> Result<PendingFile, OutputError> {
        match resolve(flag, path)? {
            Resolved::Regular(real, keep) => PendingFile::at(flag, path, real, keep),
            Resolved::Stream => Err(OutputError::NotAFile {
                flag,
                path: path.display().to_string(),
                what: NodeKind::Other,
            }),
        }
    }

    fn at(
        flag: &'static str,
        path: &Path,
        real: PathBuf,
        keep: Option<fs::Metadata>,
    ) -> Result<PendingFile, OutputError> {
        use std::os::unix::fs::MetadataExt;
        let keep = keep.map(|m| Kept {
            mode: m.permissions().mode() & 0o7777,
            uid: m.uid(),
            gid: m.gid(),
            acl: read_acl(&real),
        });
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
            .permissions(Permissions::from_mode(0o600))
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
            straight: Some(Straight::new()),
            direct: false,
            written: 0,
            handed: 0,
        })
    }

    /// The file the destination's symlinks lead to.
    pub fn real_path(&self) -> &Path {
        &self.real
    }

    /// Writes what is gathered straight to the disk, or through the cache
    /// from here on if the file system cannot write straight (it refuses
    /// the flag, or a write, as invalid).
    fn write_gathered(&mut self) -> io::Result<()> {
        let Some(straight) = self.straight.take() else {
            return Ok(());
        };
        if !self.direct && straight.filled == STRAIGHT {
            self.direct = direct(self.tmp.as_file(), true).is_ok();
        }
        let mut rest = straight.gathered();
        while !rest.is_empty() {
            let n = if self.direct {
                match io::Write::write(&mut self.tmp.as_file(), rest) {
                    Err(e) if e.raw_os_error() == Some(rustix::io::Errno::INVAL.raw_os_error()) => {
                        direct(self.tmp.as_file(), false)?;
                        self.direct = false;
                        continue;
                    }
                    Ok(n) => {
                        // Nothing of it is in the cache to hand over.
                        self.written += n as u64;
                        self.handed = self.written;
                        Ok(n)
                    }
                    other => other,
                }
            } else {
                self.write_cached(rest)
            };
            match n {
                Ok(0) => return Err(io::ErrorKind::WriteZero.into()),
                Ok(n) => rest = &rest[n..],
                Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
                Err(e) => return Err(e),
            }
        }
        if self.direct {
            self.straight = Some(Straight {
                filled: 0,
                ..straight
            });
        }
        Ok(())
    }

    /// Writes `buf` through the cache; every [`HAND_OVER`] bytes, the pages
    /// written so far go to the disk while the run goes on
    /// (`POSIX_FADV_DONTNEED` starts their writeback, and waits for none),
    /// so that the one flush of the finished file in
    /// [`commit`](Self::commit) has little left to wait for. The advice is
    /// only that: if it fails, the flush does it all.
    fn write_cached(&mut self, buf: &[u8]) -> io::Result<usize> {
        let n = io::Write::write(self.tmp.as_file_mut(), buf)?;
        self.written += n as u64;
        if self.written - self.handed >= HAND_OVER {
            let len = std::num::NonZeroU64::new(self.written - self.handed);
            let _ = rustix::fs::fadvise(
                self.tmp.as_file(),
                self.handed,
                len,
                rustix::fs::Advice::DontNeed,
            );
            self.handed = self.written;
        }
        Ok(n)
    }

    /// The last bytes gathered, written through the cache: they are not
    /// whole pages.
    fn write_rest(&mut self) -> io::Result<()> {
        if self.direct {
            direct(self.tmp.as_file(), false)?;
            self.direct = false;
        }
        self.write_gathered()
    }

    /// A write into the file that failed, said with the flag and the path.
    pub fn failed(&self, cause: io::Error) -> OutputError {
        OutputError::Write {
            flag: self.flag,
            path: self.shown.clone(),
            cause,
        }
    }

    /// Put the written file in place of the destination; what it could
    /// not keep of the replaced file comes back as warnings.
    pub fn commit(self) -> Result<Vec<OutputError>, OutputError> {
        self.put(false)
    }

    /// Put the written file where nothing is: if a file appeared there
    /// meanwhile, it stays and this fails.
    pub fn commit_new(self) -> Result<(), OutputError> {
        self.put(true).map(drop)
    }

    fn put(mut self, new: bool) -> Result<Vec<OutputError>, OutputError> {
        use std::os::unix::fs::MetadataExt;
        if let Err(cause) = self.write_rest() {
            return Err(self.failed(cause));
        }
        let PendingFile {
            flag,
            shown,
            real,
            keep,
            tmp,
            ..
        } = self;
        let fail = |cause| OutputError::Write {
            flag,
            path: shown.clone(),
            cause,
        };
        // A file left uncommitted is removed by NamedTempFile's drop; its
        // stale entry in PENDING is harmless.
        let mut not_kept = Vec::new();
        let lost = |lost, cause| OutputError::NotKept {
            flag,
            path: shown.clone(),
            lost,
            cause,
        };
        let mode = match &keep {
            Some(kept) => {
                // The owner first: changing it may clear the set-id bits.
                let owner = tmp.as_file().metadata().map_err(fail)?;
                if (owner.uid(), owner.gid()) != (kept.uid, kept.gid)
                    && let Err(cause) =
                        std::os::unix::fs::fchown(tmp.as_file(), Some(kept.uid), Some(kept.gid))
                {
                    not_kept.push(lost(Lost::Owner, cause));
                }
                kept.mode
            }
            None => new_file_mode(),
        };
        tmp.as_file()
            .set_permissions(Permissions::from_mode(mode))
            .map_err(fail)?;
        // The ACL after the mode: setting it sets the group bits to its
        // mask, as they were on the replaced file.
        if let Some(kept) = &keep {
            let acl = kept
                .acl
                .as_ref()
                .map_err(|e| io::Error::new(e.kind(), e.to_string()));
            match acl {
                Ok(None) => {}
                Ok(Some(acl)) => {
                    if let Err(e) = rustix::fs::fsetxattr(
                        tmp.as_file(),
                        ACL_ACCESS,
                        acl,
                        rustix::fs::XattrFlags::empty(),
                    ) {
                        not_kept.push(lost(Lost::Acl, e.into()));
                    }
                }
                Err(cause) => not_kept.push(lost(Lost::Acl, cause)),
            }
        }
        // One flush of the finished file to the disk before it is renamed
        // into place: its bytes and size (fdatasync), not its times, which
        // a crash may leave older without losing a byte.
        tmp.as_file().sync_data().map_err(fail)?;
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
        result.map(|()| not_kept)
    }
}

/// Writes a file straight to the disk (`O_DIRECT`), or through the cache.
fn direct(file: &File, on: bool) -> io::Result<()> {
    use rustix::fs::OFlags;
    let flags = rustix::fs::fcntl_getfl(file)?;
    let flags = if on {
        flags | OFlags::DIRECT
    } else {
        flags - OFlags::DIRECT
    };
    Ok(rustix::fs::fcntl_setfl(file, flags)?)
}

impl io::Write for PendingFile {
    /// Gathers `buf` to be written straight, or writes it through the
    /// cache (see [`PendingFile`]).
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        let Some(straight) = &mut self.straight else {
            return self.write_cached(buf);
        };
        let n = straight.gather(buf);
        if straight.filled == STRAIGHT {
            self.write_gathered()?;
        }
        Ok(n)
    }

    /// Nothing: no one reads the file before it is in place, and what is
    /// gathered is written when it is put there.
    fn flush(&mut self) -> io::Result<()> {
        Ok(())
    }
}

/// A temporary folder for work files (the page a browser prints), removed
/// when dropped and, like the temporary files, on a signal.
pub fn temp_dir() -> io::Result<tempfile::TempDir> {
    install_handler();
    let mut pending = PENDING.lock().unwrap_or_else(|e| e.into_inner());
    let dir = tempfile::Builder::new()
        .prefix(".hoshu-")
        .permissions(Permissions::from_mode(0o700))
        .tempdir()?;
    pending.push(dir.path().to_path_buf());
    Ok(dir)
}

/// How a helper program ended.
pub enum HelperEnd {
    Exited(std::process::ExitStatus),
    /// It ran past its time limit and was stopped, with every process it
    /// started.
    TimedOut,
}

/// Run `command` to its end, as the one helper program at work, in a
/// process group of its own: a signal that ends hoshu, or the time `limit`
/// running out, stops it and every process it started (a browser's
/// renderers and GPU process too), so that none writes into a work folder
/// once it is removed.
pub fn run_helper(
    command: &mut std::process::Command,
    limit: std::time::Duration,
) -> io::Result<HelperEnd> {
    use std::os::unix::process::CommandExt;
    install_handler();
    let started = std::time::Instant::now();
    // Spawned under the lock: once a signal's handler holds it, no helper
    // starts that it would not stop.
    {
        let mut slot = CHILD.lock().unwrap_or_else(|e| e.into_inner());
        *slot = Some(command.process_group(0).spawn()?);
    }
    loop {
        let mut slot = CHILD.lock().unwrap_or_else(|e| e.into_inner());
        let Some(child) = slot.as_mut() else {
            return Err(io::Error::other("the helper was stopped"));
        };
        if let Some(status) = child.try_wait()? {
            // Its children may outlive it: they go with it.
            stop_group(child);
            *slot = None;
            return Ok(HelperEnd::Exited(status));
        }
        if started.elapsed() >= limit {
            stop_group(child);
            let _ = child.wait();
            *slot = None;
            return Ok(HelperEnd::TimedOut);
        }
        drop(slot);
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
}

/// Kill the helper's whole process group (its id is the helper's).
fn stop_group(child: &std::process::Child) {
    if let Some(pid) = i32::try_from(child.id())
        .ok()
        .and_then(rustix::process::Pid::from_raw)
    {
        let _ = rustix::process::kill_process_group(pid, rustix::process::Signal::KILL);
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
                    stop_group(child);
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

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// `chunks` written one after another into a new file at `path`.
    fn write_file(path: &Path, chunks: &[Vec<u8>], straight: Option<Straight>) -> Vec<u8> {
        let mut file = PendingFile::create("--output", path).unwrap();
        if straight.is_some() {
            file.straight = straight;
        }
        for chunk in chunks {
            io::Write::write_all(&mut file, chunk).unwrap();
        }
        file.commit().unwrap();
        fs::read(path).unwrap()
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(24))]

        /// Whatever the sizes of the writes, the file holds them all in
        /// order: the whole pages written straight, the rest through the
        /// cache.
        #[test]
        fn a_file_holds_what_was_written(
            sizes in proptest::collection::vec(0..3 * STRAIGHT / 2, 0..6),
        ) {
            let chunks: Vec<Vec<u8>> = sizes
                .iter()
                .enumerate()
                .map(|(i, &n)| (0..n).map(|j| (i * 31 + j * 7) as u8).collect())
                .collect();
            let dir = tempfile::tempdir().unwrap();
            let written = write_file(&dir.path().join("out"), &chunks, None);
            prop_assert_eq!(written, chunks.concat());
        }
    }

    /// Where a straight write is refused as invalid, the file is written
    /// through the cache from there, and nothing is lost: here the room's
    /// address is made a page's wrong, which every file system refuses.
    #[test]
    fn a_refused_straight_write_goes_through_the_cache() {
        let mut straight = Straight::new();
        straight.at += 1;
        let chunks = vec![vec![7; 3 * STRAIGHT + 5], vec![8; 10]];
        let dir = tempfile::tempdir().unwrap();
        let written = write_file(&dir.path().join("out"), &chunks, Some(straight));
        assert_eq!(written, chunks.concat());
    }
}
