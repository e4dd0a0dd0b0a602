//! The five real speeches and the written test documents (tests/cases): parsed, written,
//! read back.

use std::path::PathBuf;

use gongwen_ast::{Block, Inline};
use gongwen_parse::{ParseOptions, parse};

/// The samples and test documents as (file name, text); the test documents bring the label
/// families the samples lack (其一、 首先， 第一部分 …).
pub fn samples() -> Vec<(String, String)> {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../..");
    let mut files: Vec<PathBuf> = ["samples", "tests/cases"]
        .iter()
        .flat_map(|dir| std::fs::read_dir(root.join(dir)).expect("test data folder"))
        .map(|entry| entry.expect("folder entry").path())
        .filter(|path| path.extension().is_some_and(|e| e == "txt"))
        .collect();
    files.sort();
    assert!(files.len() >= 10, "samples and test documents: {files:?}");
    files
        .into_iter()
        .map(|path| {
            let text = std::fs::read_to_string(&path).expect("test document");
            (path.file_name().unwrap().to_string_lossy().into_owned(), text)
        })
        .collect()
}

#[test]
fn samples_round_trip() {
    for (name, text) in samples() {
        let doc = parse(&text, &ParseOptions::default()).document;
        let xml = gongwen_xml::to_string(&doc);
        let back = gongwen_xml::from_str(&xml).unwrap_or_else(|e| panic!("{name}: {e}\n{xml}"));
        assert_eq!(joined(&back), joined(&doc), "{name}");
        assert_eq!(gongwen_xml::to_string(&back), xml, "{name}");
    }
}

/// The tree without spans, adjacent text runs joined: the reader keeps the lines of a
/// hard-wrapped paragraph as separate runs (each with its own span), which XML writes as
/// one text and reads back as one run.
fn joined(doc: &gongwen_ast::Document) -> gongwen_ast::Document {
    let mut doc = doc.without_spans();
    for block in &mut doc.blocks {
        for content in block.contents_mut() {
            let mut runs: Vec<Inline> = Vec::with_capacity(content.inlines.len());
            for inline in content.inlines.drain(..) {
                match (runs.last_mut(), inline) {
                    (Some(Inline::Text(last)), Inline::Text(t)) => last.text.push_str(&t.text),
                    (_, inline) => runs.push(inline),
                }
            }
            content.inlines = runs;
        }
    }
    doc
}

/// Spans of the read tree point at the XML source: each block at its element, each text
/// run at its characters.
#[test]
fn spans_point_into_the_xml() {
    for (name, text) in samples() {
        let doc = parse(&text, &ParseOptions::default()).document;
        let xml = gongwen_xml::to_string(&doc);
        let back = gongwen_xml::from_str(&xml).expect("reads");
        for block in &back.blocks {
            let element = block.span().slice(&xml).expect("span inside the XML");
            assert!(element.starts_with(&format!("<{}", block.kind_name())), "{name}: {element}");
            assert!(element.ends_with('>'), "{name}: {element}");
            if let Block::Heading(h) = block {
                assert_eq!(h.label.span.slice(&xml), Some(h.label.canonical().as_str()));
            }
            for inline in block.contents().into_iter().flat_map(|c| &c.inlines) {
                match inline {
                    Inline::Text(t) => {
                        let raw = t.span.slice(&xml).expect("text span");
                        assert_eq!(unescape(raw), t.text, "{name}");
                    }
                    Inline::Removed(r) => {
                        let raw = r.span.slice(&xml).expect("removed span");
                        assert!(raw.starts_with("<removed "), "{name}: {raw}");
                    }
                }
            }
        }
    }
}

/// Character data with the entities the writer uses resolved.
fn unescape(raw: &str) -> String {
    raw.replace("&lt;", "<").replace("&gt;", ">").replace("&#13;", "\r").replace("&amp;", "&")
}
