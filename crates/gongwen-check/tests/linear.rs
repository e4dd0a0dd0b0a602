//! `check` takes time in proportion to its input, even input built to hurt it: four times
//! the input takes at most about four times as long (see tests/support/linear.rs).

#[path = "../../../tests/support/linear.rs"]
mod linear;

use gongwen_ast::{Block, Content, Document, Span};
use gongwen_check::check;
use linear::assert_linear;

fn one_paragraph(source: &str) -> Document {
    Document {
        blocks: vec![Block::Paragraph(Content::plain(source, Span::new(0, source.len())))],
        ..Document::default()
    }
}

/// The number of findings `check` makes on the larger of two sources, after asserting
/// that four times the source took at most about four times as long.
fn checks_linearly(what: &str, size: usize, make: impl Fn(usize) -> (String, Document)) -> usize {
    assert_linear(what, size, make, |(source, doc)| check(source, doc).len())
}

#[test]
fn a_long_paragraph() {
    let sample = include_str!("../../../samples/seed-001.txt").replace('\n', "");
    let found = checks_linearly("one paragraph", 250_000 / sample.len() + 1, |repeats| {
        let source = sample.repeat(repeats);
        let doc = one_paragraph(&source);
        (source, doc)
    });
    assert!(found > 1000, "{found}");
}

#[test]
fn one_character_lines() {
    let found = checks_linearly("one-character lines", 50_000, |lines| {
        ("“\n".repeat(lines), Document::default())
    });
    assert_eq!(found, 200_000);
}

#[test]
fn long_runs_of_suspect_characters() {
    for unit in ["?!", "x", "锟斤拷", "æ–", "“", "(", "某", ",", "\u{FFFD}"] {
        checks_linearly(unit, 250_000 / unit.len(), |repeats| {
            let source = format!("中{}文", unit.repeat(repeats));
            let doc = one_paragraph(&source);
            (source, doc)
        });
    }
}
