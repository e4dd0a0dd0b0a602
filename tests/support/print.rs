//! Shared by the print tests of the renderers: a PDF's words and lines as poppler's
//! `pdftotext -bbox` reads them (module `pdf_words`, re-exported here), and DOCX files
//! turned into PDF by LibreOffice with the tests' fontconfig (tests/fontconfig/fonts.conf
//! maps every font the default profile names to its bundled stand-in). The tools are required: a missing one fails the test
//! (install poppler-utils and libreoffice-writer-nogui).

#![allow(dead_code)] // each test binary uses part of this module

use std::path::{Path, PathBuf};
use std::process::Command;

#[path = "pdf_words.rs"]
mod pdf_words;
pub use pdf_words::*;

/// The repository root.
pub fn repo_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// Converts `docx` files to PDF in one LibreOffice run (it is slow to start), with a
/// fresh profile and font cache under `work`; the PDFs go to `work/pdf`, which is returned.
/// The blank pages LibreOffice inserts (before a 版记 that must fall on an even page) are
/// kept, as a printer would print them.
pub fn libreoffice_pdfs(docx: &[PathBuf], work: &Path) -> PathBuf {
    let out_dir = work.join("pdf");
    let fontconfig = repo_root().join("tests/fontconfig/fonts.conf");
    assert!(fontconfig.is_file(), "tests/fontconfig/fonts.conf is there");
    let mut cmd = Command::new("soffice");
    cmd.arg(format!("-env:UserInstallation=file://{}", work.join("lo-profile").display()))
        .args(["--headless", "--norestore", "--convert-to"])
        .arg(r#"pdf:writer_pdf_Export:{"IsSkipEmptyPages":{"type":"boolean","value":"false"}}"#)
        .arg("--outdir")
        .arg(&out_dir)
        .args(docx)
        .env("FONTCONFIG_FILE", &fontconfig)
        .env("XDG_CACHE_HOME", work.join("cache"));
    run(&mut cmd, "soffice (libreoffice-writer-nogui)");
    out_dir
}
