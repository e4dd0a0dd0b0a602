//! Temporary files for atomic writes, named so that they are plainly ours
//! (`.gongwen-PID-XXXXXX.tmp`), and the clean-up of those a killed run left behind.
//!
//! A run killed between creating its temporary file and renaming it (kill -9, a power
//! cut) leaves the temporary behind. The next run that writes into the same folder removes
//! the ones whose process is gone: only files of exactly our naming, and only when the
//! process named in them no longer runs (or, where that cannot be told, after a day).

use std::collections::HashSet;
use std::fs;
use std::io;
use std::path::{Path, PathBuf};
use std::sync::{Mutex, OnceLock};
use std::time::{Duration, SystemTime};

use tempfile::NamedTempFile;

const PREFIX: &str = ".gongwen-";
const SUFFIX: &str = ".tmp";
/// How old a temporary must be before it counts as stale when its process cannot be
/// checked (other systems than Linux, and the unnumbered names of earlier versions).
const STALE_AFTER: Duration = Duration::from_secs(24 * 60 * 60);

/// A new temporary file in `dir`, created with `mode` (0666 when `None`) less the umask.
pub fn temporary(dir: &Path, mode: Option<fs::Permissions>) -> io::Result<NamedTempFile> {
    let prefix = format!("{PREFIX}{}-", std::process::id());
    let mut builder = tempfile::Builder::new();
    builder.prefix(&prefix).suffix(SUFFIX);
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = mode.map_or(0o666, |p| p.mode() & 0o7777);
        builder.permissions(fs::Permissions::from_mode(mode));
    }
    #[cfg(not(unix))]
    let _ = mode;
    builder.tempfile_in(dir)
}

/// Removes stale temporaries in `dir`, once per folder and run.
pub fn clean_once(dir: &Path) {
    static DONE: OnceLock<Mutex<HashSet<PathBuf>>> = OnceLock::new();
    let done = DONE.get_or_init(Default::default);
    if !done.lock().map(|mut d| d.insert(dir.to_path_buf())).unwrap_or(false) {
        return;
    }
    let Ok(entries) = fs::read_dir(dir) else { return };
    for entry in entries.filter_map(Result::ok) {
        let name = entry.file_name();
        let Some(name) = name.to_str() else { continue };
        let is_file = entry.file_type().is_ok_and(|t| t.is_file());
        if is_file && is_stale(name, &entry.path()) {
            // Best effort: another run may have removed it first.
            let _ = fs::remove_file(entry.path());
        }
    }
}

/// Whether `name` is one of our temporaries whose writer is gone.
fn is_stale(name: &str, path: &Path) -> bool {
    let Some(rest) = name.strip_prefix(PREFIX) else { return false };
    let old = || {
        fs::symlink_metadata(path)
            .and_then(|m| m.modified())
            .is_ok_and(|t| SystemTime::now().duration_since(t).unwrap_or_default() > STALE_AFTER)
    };
    // Earlier versions named them `.gongwen-XXXXXX` (six random letters or digits).
    if rest.len() == 6 && rest.bytes().all(|b| b.is_ascii_alphanumeric()) {
        return old();
    }
    let Some(rest) = rest.strip_suffix(SUFFIX) else { return false };
    let Some((pid, random)) = rest.split_once('-') else { return false };
    let ours = !pid.is_empty()
        && pid.bytes().all(|b| b.is_ascii_digit())
        && random.len() == 6
        && random.bytes().all(|b| b.is_ascii_alphanumeric());
    if !ours || pid == std::process::id().to_string() {
        return false;
    }
    let proc = Path::new("/proc");
    if proc.join("self").exists() { !proc.join(pid).exists() } else { old() }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_our_names_of_dead_processes_are_stale() {
        let dir = tempfile::tempdir().unwrap();
        let p = |n: &str| dir.path().join(n);
        // pid_max is at most 4,194,304 on Linux: this process cannot exist.
        assert!(is_stale(".gongwen-999999999-a1B2c3.tmp", &p("x")));
        assert!(!is_stale(&format!(".gongwen-{}-a1B2c3.tmp", std::process::id()), &p("x")));
        assert!(!is_stale(".gongwen-1-a1B2c3.tmp", &p("x")), "init runs");
        assert!(!is_stale(".gongwen-999999999-a1B2c3.txt", &p("x")));
        assert!(!is_stale(".gongwen-notes.tmp", &p("x")));
        assert!(!is_stale("gongwen-999999999-a1B2c3.tmp", &p("x")));
    }
}
