//! Runs a python-docx script, for tests that build Word drafts as offices make them.

use std::path::Path;
use std::process::Command;

/// Runs `script` with `python3 -c`, `path` as its one argument; fails the test, naming the
/// package to install, when python3 or python-docx is missing or the script fails.
pub fn python_docx(script: &str, path: &Path) {
    let out = Command::new("python3")
        .args(["-c", script])
        .arg(path)
        .output()
        .expect("python3 must be installed");
    assert!(
        out.status.success(),
        "python-docx failed (pip install python-docx): {}",
        String::from_utf8_lossy(&out.stderr)
    );
}
