//! The DOCX gongwen writes reads back to the tree it was written from, for every sample
//! and test case: the same blocks, labels, levels, roles and text.

use std::path::{Path, PathBuf};

use gongwen_ast::{Block, Document};
use gongwen_parse::{ParseOptions, parse};

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// Every sample and case text, by name.
pub fn texts() -> Vec<(String, String)> {
    let mut out = Vec::new();
    for dir in ["samples", "tests/cases"] {
        let mut entries: Vec<_> = std::fs::read_dir(root().join(dir))
            .expect("read dir")
            .map(|e| e.expect("entry").path())
            .filter(|p| p.extension().is_some_and(|e| e == "txt"))
            .collect();
        entries.sort();
        for path in entries {
            let text = std::fs::read_to_string(&path).expect("utf-8 text");
            out.push((name(&path), text));
        }
    }
    out
}

fn name(path: &Path) -> String {
    path.file_name().unwrap().to_string_lossy().into_owned()
}

/// What a rendered file can carry back, block by block: the role, a heading's level,
/// label and run-in flag, and the kept text (a title's lines joined: the DOCX writer
/// rebreaks long titles into lines of even length). Removed text is not rendered.
pub fn shape(doc: &Document) -> Vec<String> {
    doc.blocks
        .iter()
        .filter(|b| !matches!(b, Block::Removed(_)))
        .map(|b| match b {
            Block::Heading(h) => format!(
                "heading {} {}{} {}",
                h.level,
                h.label.canonical(),
                if h.run_in { " run-in" } else { "" },
                h.content.text()
            ),
            Block::Title(t) => {
                format!("title {}", t.lines.iter().map(|l| l.text()).collect::<String>())
            }
            b => format!("{} {}", b.kind_name(), b.plain_text()),
        })
        .collect()
}

/// Texts the text reader itself does not read back to the same tree from its own output:
/// seed-003 holds "?!?" (a character lost to a wrong encoding), which the first repair
/// pass makes "？!?" and a second pass "？！？". The test checks that this is still so, so
/// that the entry goes when the repair is fixed.
const TEXT_READER_DRIFT: [&str; 1] = ["seed-003.txt"];

#[test]
fn docx_written_by_gongwen_reads_back_to_the_same_tree() {
    let options = ParseOptions::default();
    let mut failures = Vec::new();
    for (name, text) in texts() {
        let parsed = parse(&text, &options);
        if TEXT_READER_DRIFT.contains(&name.as_str()) {
            let kept: Vec<String> = parsed.document.blocks.iter().map(|b| b.plain_text()).collect();
            let again = parse(&kept.join("\n"), &options);
            assert_ne!(shape(&again.document), shape(&parsed.document), "{name} reads back now");
            continue;
        }
        let bytes = gongwen_docx::docx(&parsed.document, &Default::default(), &Default::default())
            .expect("docx");
        let back = gongwen_parse_docx::read(&bytes, &options).expect("reads");
        let (want, got) = (shape(&parsed.document), shape(&back.parsed.document));
        if want != got {
            let first = want.iter().zip(&got).position(|(a, b)| a != b);
            failures.push(format!(
                "{name}: {} blocks vs {}; first difference at {first:?}:\n  {:?}\n  {:?}",
                want.len(),
                got.len(),
                first.map(|i| &want[i]),
                first.map(|i| &got[i]),
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
