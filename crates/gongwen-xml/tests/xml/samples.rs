//! The five real speeches: parsed, written, read back.

use std::path::PathBuf;

use gongwen_ast::{Block, Inline};
use gongwen_parse::{ParseOptions, parse};

/// The samples as (file name, text).
pub fn samples() -> Vec<(String, String)> {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../samples");
    (0..5)
        .map(|i| {
            let name = format!("seed-00{i}.txt");
            let text = std::fs::read_to_string(dir.join(&name)).expect("sample");
            (name, text)
        })
        .collect()
}

#[test]
fn samples_round_trip() {
    for (name, text) in samples() {
        let doc = parse(&text, &ParseOptions::default()).document;
        let xml = gongwen_xml::to_string(&doc);
        let back = gongwen_xml::from_str(&xml).unwrap_or_else(|e| panic!("{name}: {e}\n{xml}"));
        assert_eq!(back.without_spans(), doc.without_spans(), "{name}");
        assert_eq!(gongwen_xml::to_string(&back), xml, "{name}");
    }
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
