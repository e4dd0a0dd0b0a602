//! Shared by the reader tests: the sample and case texts, and the shape of a tree that a
//! rendered file can carry back.

use std::path::{Path, PathBuf};

use gongwen_ast::{Block, Document};

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
/// rebreaks long titles into lines of even length). Removed text is not rendered, and the
/// official-copy blocks are told as the speech blocks they stand in for, in the order
/// they are rendered: the 版头 first and the 版记 last, wherever the text had them.
pub fn shape(doc: &Document) -> Vec<String> {
    let (head, foot) = (|b: &&Block| gongwen_ast::is_head(b), |b: &&Block| gongwen_ast::is_foot(b));
    let blocks = &doc.blocks;
    let rendered: Vec<Block> = (blocks.iter().filter(head))
        .chain(blocks.iter().filter(|b| !head(b) && !foot(b)))
        .chain(blocks.iter().filter(foot))
        .cloned()
        .collect();
    blocks_shape(&gongwen_ast::in_speech_blocks(&rendered))
}

fn blocks_shape(blocks: &[Block]) -> Vec<String> {
    blocks
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
            // A half-width space between Chinese characters in a title is dropped when the
            // title is set (GB/T 9704 titles have none), so titles compare without it.
            Block::Title(t) => {
                let text: String = t.lines.iter().map(|l| l.text()).collect();
                format!("title {}", without_cjk_spaces(&text))
            }
            b => format!("{} {}", b.kind_name(), b.plain_text()),
        })
        .collect()
}

/// A line saying where two shapes first differ, or `None` when they are the same.
pub fn difference(what: &str, want: &[String], got: &[String]) -> Option<String> {
    if want == got {
        return None;
    }
    let first = want.iter().zip(got).position(|(a, b)| a != b);
    Some(format!(
        "{what}: {} blocks vs {}, first difference at {first:?}:\n  {:?}\n  {:?}",
        want.len(),
        got.len(),
        first.map(|i| &want[i]),
        first.map(|i| &got[i])
    ))
}

/// `text` without the half-width spaces that stand between two non-ASCII characters.
fn without_cjk_spaces(text: &str) -> String {
    let chars: Vec<char> = text.chars().collect();
    let wide = |c: Option<&char>| c.is_some_and(|c| !c.is_ascii());
    (0..chars.len())
        .filter(|&i| {
            !(chars[i] == ' ' && i > 0 && wide(chars.get(i - 1)) && wide(chars.get(i + 1)))
        })
        .map(|i| chars[i])
        .collect()
}
