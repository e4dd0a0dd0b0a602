//! Reading inputs and writing outputs: standard streams, clear errors, atomic writes, and
//! never overwriting an input.

use std::collections::HashSet;
use std::fs;
use std::io::{self, Read, Write};
use std::path::{Path, PathBuf};

/// The name that stands for standard input or output.
pub const STDIO: &str = "-";

/// Whether `path` means standard input or output.
pub fn is_stdio(path: &Path) -> bool {
    path.as_os_str() == STDIO
}

/// The largest input read unless `--max-input` raises it: far beyond any speech or notice
/// (a 300-page report is about 1 MB), small enough that endless standard input ends in a
/// clear error instead of exhausting memory.
pub const DEFAULT_MAX_INPUT_MB: u64 = 64;

/// The bytes of an input file, or of standard input for "-", refusing more than
/// `max_bytes` (read in full only up to that bound, so endless input cannot exhaust memory).
pub fn read_input(path: &Path, max_bytes: u64) -> Result<Vec<u8>, String> {
    let too_big = |name: &str| {
        format!(
            "{name}: larger than {} MB; raise the limit with --max-input MB",
            max_bytes / (1024 * 1024)
        )
    };
    let mut bytes = Vec::new();
    if is_stdio(path) {
        io::stdin()
            .lock()
            .take(max_bytes.saturating_add(1))
            .read_to_end(&mut bytes)
            .map_err(|e| format!("standard input: {e}"))?;
        if bytes.len() as u64 > max_bytes {
            return Err(too_big("standard input"));
        }
        return Ok(bytes);
    }
    let meta = fs::metadata(path).map_err(|e| describe(path, &e))?;
    if meta.is_dir() {
        return Err(format!("{}: is a directory, not a file", path.display()));
    }
    if meta.is_file() && meta.len() > max_bytes {
        return Err(too_big(&path.display().to_string()));
    }
    let file = fs::File::open(path).map_err(|e| describe(path, &e))?;
    file.take(max_bytes.saturating_add(1))
        .read_to_end(&mut bytes)
        .map_err(|e| describe(path, &e))?;
    if bytes.len() as u64 > max_bytes {
        return Err(too_big(&path.display().to_string()));
    }
    Ok(bytes)
}

/// Writes `bytes` to standard output. A reader that went away (`gongwen … | head`) is not
/// an error; a full or closed stream is, reported in one line rather than a panic.
pub fn write_stdout(bytes: &[u8]) -> Result<(), String> {
    let mut out = io::stdout().lock();
    match out.write_all(bytes).and_then(|()| out.flush()) {
        Err(e) if e.kind() != io::ErrorKind::BrokenPipe => Err(format!("standard output: {e}")),
        _ => Ok(()),
    }
}

/// Writes `bytes` to `path` ("-" for standard output).
///
/// - A regular file (new or replaced) is written to a temporary file in the same directory
///   and renamed into place, so a reader never sees half a file and a failed write leaves
///   any earlier output intact. A new file gets 0666 less the umask, as `>` in a shell
///   would; a replaced file keeps its mode.
/// - A symbolic link is written through: its target is replaced as above and the link
///   stays a link.
/// - A FIFO or a character device (`/dev/stdout`, `/dev/null`, a named pipe a script reads)
///   is opened and written as it is, never replaced.
/// - Sockets, block devices and directories are refused.
///
/// Refuses to write over an input, under any name.
pub fn write_output(path: &Path, bytes: &[u8], inputs: &Inputs) -> Result<(), String> {
    if is_stdio(path) {
        return write_stdout(bytes);
    }
    let target = through_links(path)?;
    if inputs.contains(&target) {
        return Err(format!("{}: is an input; refusing to overwrite it", path.display()));
    }
    match fs::metadata(&target) {
        Ok(meta) if meta.is_dir() => {
            Err(format!("{}: is a directory; give a file name", path.display()))
        }
        Ok(meta) if meta.is_file() => replace(&target, bytes, Some(meta.permissions()), path),
        Ok(meta) if writable_in_place(&meta) => {
            let mut file =
                fs::OpenOptions::new().write(true).open(&target).map_err(|e| describe(path, &e))?;
            file.write_all(bytes).and_then(|()| file.flush()).map_err(|e| describe(path, &e))
        }
        Ok(_) => Err(format!(
            "{}: is a socket or block device, not a file; refusing to write there",
            path.display()
        )),
        Err(e) if e.kind() == io::ErrorKind::NotFound => replace(&target, bytes, None, path),
        Err(e) => Err(describe(path, &e)),
    }
}

/// The file `path` finally names once symbolic links are followed (a dangling link names
/// the file it would create).
fn through_links(path: &Path) -> Result<PathBuf, String> {
    let mut current = path.to_path_buf();
    // Linux gives up after 40 links too (ELOOP).
    for _ in 0..40 {
        match fs::symlink_metadata(&current) {
            Ok(meta) if meta.file_type().is_symlink() => {
                let link = fs::read_link(&current).map_err(|e| describe(path, &e))?;
                let next = match current.parent() {
                    Some(parent) if link.is_relative() => parent.join(link),
                    _ => link,
                };
                // /dev/stdout leads to /proc/self/fd/1, whose link text ("pipe:[4711]")
                // names no file: the kernel follows it where a name cannot, so it is the
                // end of the chain. A dangling link names the file it would create.
                let unnamed = matches!(fs::symlink_metadata(&next), Err(e) if e.kind() == io::ErrorKind::NotFound);
                if unnamed && fs::metadata(&current).is_ok() {
                    return Ok(current);
                }
                current = next;
            }
            _ => return Ok(current),
        }
    }
    Err(format!("{}: too many levels of symbolic links", path.display()))
}

#[cfg(unix)]
fn writable_in_place(meta: &fs::Metadata) -> bool {
    use std::os::unix::fs::FileTypeExt;
    meta.file_type().is_fifo() || meta.file_type().is_char_device()
}

#[cfg(not(unix))]
fn writable_in_place(_meta: &fs::Metadata) -> bool {
    false
}

/// Writes a temporary file beside `target` and renames it over `target`.
fn replace(
    target: &Path,
    bytes: &[u8],
    keep: Option<fs::Permissions>,
    shown: &Path,
) -> Result<(), String> {
    let dir = match target.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    crate::stale::clean_once(dir);
    // Created with the kept mode (or 0666) less the umask, so the bytes are never more
    // readable than the file they replace; then set exactly, before any byte is written.
    let mut tmp = crate::stale::temporary(dir, keep.clone())
        .map_err(|e| format!("{}: cannot write here: {}", dir.display(), e.kind()))?;
    if let Some(permissions) = keep {
        // Best effort: a file we cannot chmod keeps the narrower mode it was created with.
        let _ = tmp.as_file().set_permissions(permissions);
    }
    tmp.write_all(bytes).map_err(|e| describe(shown, &e))?;
    tmp.as_file().sync_all().map_err(|e| describe(shown, &e))?;
    tmp.persist(target).map_err(|e| describe(shown, &e.error))?;
    Ok(())
}

/// Creates `dir` (and its parents) for outputs.
pub fn ensure_dir(dir: &Path) -> Result<(), String> {
    fs::create_dir_all(dir).map_err(|e| describe(dir, &e))?;
    if !fs::metadata(dir).map_err(|e| describe(dir, &e))?.is_dir() {
        return Err(format!("{}: is not a directory", dir.display()));
    }
    Ok(())
}

/// The files a run reads, identified once up front so that checking each output against
/// all of them costs one `stat` (a batch of 1,000 inputs and 2,000 outputs would otherwise
/// resolve paths two million times).
pub struct Inputs {
    ids: HashSet<FileId>,
}

/// What identifies a file whatever its name: device and inode.
#[cfg(unix)]
pub type FileId = (u64, u64);
/// What identifies a file whatever its name: its canonical path.
#[cfg(not(unix))]
pub type FileId = PathBuf;

impl Inputs {
    /// The inputs among `paths` that exist ("-" and missing files are left out).
    pub fn new<'a>(paths: impl IntoIterator<Item = &'a PathBuf>) -> Inputs {
        Inputs {
            ids: paths.into_iter().filter(|p| !is_stdio(p)).filter_map(|p| file_id(p)).collect(),
        }
    }

    /// Whether `path` is one of the inputs (under any name: a link, `./`, `..`).
    pub fn contains(&self, path: &Path) -> bool {
        file_id(path).is_some_and(|id| self.ids.contains(&id))
    }
}

/// The identity of the file `path` names (links followed), if it exists.
#[cfg(unix)]
pub fn file_id(path: &Path) -> Option<FileId> {
    use std::os::unix::fs::MetadataExt;
    fs::metadata(path).ok().map(|m| (m.dev(), m.ino()))
}

/// The identity of the file `path` names (links followed), if it exists.
#[cfg(not(unix))]
pub fn file_id(path: &Path) -> Option<FileId> {
    fs::canonicalize(path).ok()
}

/// An I/O error as one line a person can act on.
pub fn describe(path: &Path, e: &io::Error) -> String {
    let what = match e.kind() {
        io::ErrorKind::NotFound => "no such file or directory".to_string(),
        io::ErrorKind::PermissionDenied => "permission denied".to_string(),
        io::ErrorKind::StorageFull => "no space left on device".to_string(),
        _ => e.to_string(),
    };
    format!("{}: {what}", path.display())
}
