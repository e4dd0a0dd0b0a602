//! Shared by the integration tests: the real samples, read by the parser and rendered.

#![allow(dead_code)] // each test binary uses part of this module

use std::path::{Path, PathBuf};

use gongwen_ast::Document;
use gongwen_docx::{DocxOptions, docx};
use gongwen_parse::{ParseOptions, parse};
use gongwen_style::StyleProfile;

/// The repository root.
pub fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// Every `samples/*.txt`, by file stem, in name order, parsed.
pub fn samples() -> Vec<(String, String, Document)> {
    let mut paths: Vec<PathBuf> = std::fs::read_dir(root().join("samples"))
        .expect("samples/")
        .map(|e| e.expect("samples/ entry").path())
        .filter(|p| p.extension().is_some_and(|e| e == "txt"))
        .collect();
    paths.sort();
    assert!(paths.len() >= 5, "the five samples are there");
    paths
        .into_iter()
        .map(|p| {
            let text = std::fs::read_to_string(&p).expect("sample is UTF-8");
            let doc = parse(&text, &ParseOptions::default()).document;
            let stem = p.file_stem().and_then(|s| s.to_str()).expect("stem").to_string();
            (stem, text, doc)
        })
        .collect()
}

/// `doc` as DOCX bytes with the default profile and options.
pub fn render(doc: &Document) -> Vec<u8> {
    docx(doc, &StyleProfile::default(), &DocxOptions::default()).expect("renders")
}

/// The XML parts of a DOCX, by name.
pub fn parts(bytes: &[u8]) -> Vec<(String, String)> {
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).expect("a ZIP archive");
    (0..zip.len())
        .map(|i| {
            let mut file = zip.by_index(i).expect("entry");
            let mut text = String::new();
            std::io::Read::read_to_string(&mut file, &mut text).expect("UTF-8 part");
            (file.name().to_string(), text)
        })
        .collect()
}

/// The part called `name`.
pub fn part(bytes: &[u8], name: &str) -> String {
    parts(bytes).into_iter().find(|(n, _)| n == name).map(|(_, t)| t).expect(name)
}
