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

/// The bytes of an input file, or of standard input for "-".
pub fn read_input(path: &Path) -> Result<Vec<u8>, String> {
    if is_stdio(path) {
        let mut bytes = Vec::new();
        io::stdin().read_to_end(&mut bytes).map_err(|e| format!("standard input: {e}"))?;
        return Ok(bytes);
    }
    let meta = fs::metadata(path).map_err(|e| describe(path, &e))?;
    if meta.is_dir() {
        return Err(format!("{}: is a directory, not a file", path.display()));
    }
    fs::read(path).map_err(|e| describe(path, &e))
}

/// Writes `bytes` to `path` ("-" for standard output). A file is written to a temporary
/// file in the same directory and renamed into place, so a reader never sees half a file
/// and a failed write leaves any earlier output intact. Refuses to write over an input.
pub fn write_output(path: &Path, bytes: &[u8], inputs: &Inputs) -> Result<(), String> {
    if is_stdio(path) {
        let mut out = io::stdout().lock();
        return match out.write_all(bytes).and_then(|()| out.flush()) {
            // A reader that went away (`gongwen convert … -o - | head`) is not an error.
            Err(e) if e.kind() != io::ErrorKind::BrokenPipe => Err(format!("standard output: {e}")),
            _ => Ok(()),
        };
    }
    if inputs.contains(path) {
        return Err(format!("{}: is an input; refusing to overwrite it", path.display()));
    }
    let dir = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    if fs::metadata(path).is_ok_and(|m| m.is_dir()) {
        return Err(format!("{}: is a directory; give a file name", path.display()));
    }
    let mut tmp = tempfile::Builder::new()
        .prefix(".gongwen-")
        .tempfile_in(dir)
        .map_err(|e| format!("{}: cannot write here: {}", dir.display(), e.kind()))?;
    tmp.write_all(bytes).map_err(|e| describe(path, &e))?;
    tmp.as_file().sync_all().map_err(|e| describe(path, &e))?;
    make_readable(tmp.path());
    tmp.persist(path).map_err(|e| describe(path, &e.error))?;
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

#[cfg(unix)]
type FileId = (u64, u64);
#[cfg(not(unix))]
type FileId = PathBuf;

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

#[cfg(unix)]
fn file_id(path: &Path) -> Option<FileId> {
    use std::os::unix::fs::MetadataExt;
    fs::metadata(path).ok().map(|m| (m.dev(), m.ino()))
}

#[cfg(not(unix))]
fn file_id(path: &Path) -> Option<FileId> {
    fs::canonicalize(path).ok()
}

/// Temporary files are created private (0600); an output should get the usual 0644
/// (less the umask, which the rename does not apply, so stay conservative).
#[cfg(unix)]
fn make_readable(path: &Path) {
    use std::os::unix::fs::PermissionsExt;
    // Best effort: a file that stays private is still a correct output.
    let _ = fs::set_permissions(path, fs::Permissions::from_mode(0o644));
}

#[cfg(not(unix))]
fn make_readable(_path: &Path) {}

/// An I/O error as one line a person can act on.
pub fn describe(path: &Path, e: &io::Error) -> String {
    let what = match e.kind() {
        io::ErrorKind::NotFound => "no such file or directory".to_string(),
        io::ErrorKind::PermissionDenied => "permission denied".to_string(),
        _ => e.to_string(),
    };
    format!("{}: {what}", path.display())
}
