//! `check` takes time in proportion to its input, even input built to hurt it. The bounds
//! are generous (unoptimised builds on a busy machine); the benches give the figures.

use std::time::{Duration, Instant};

use gongwen_ast::{Block, Content, Document, Span};
use gongwen_check::check;

const BOUND: Duration = Duration::from_secs(20);

fn one_paragraph(source: &str) -> Document {
    Document {
        blocks: vec![Block::Paragraph(Content::plain(source, Span::new(0, source.len())))],
        ..Document::default()
    }
}

fn timed(what: &str, source: &str, doc: &Document) -> usize {
    let start = Instant::now();
    let found = check(source, doc).len();
    let took = start.elapsed();
    assert!(took < BOUND, "{what}: {} bytes took {took:?}", source.len());
    found
}

#[test]
fn a_five_megabyte_paragraph() {
    let sample = include_str!("../../../samples/seed-001.txt").replace('\n', "");
    let source = sample.repeat(5_000_000 / sample.len() + 1);
    let found = timed("5 MB paragraph", &source, &one_paragraph(&source));
    assert!(found > 1000, "{found}");
}

#[test]
fn a_hundred_thousand_one_character_lines() {
    let source = "“\n".repeat(100_000);
    assert_eq!(timed("100,000 lines", &source, &Document::default()), 100_000);
}

#[test]
fn long_runs_of_suspect_characters() {
    for unit in ["?!", "x", "锟斤拷", "æ–", "“", "(", "某", ",", "\u{FFFD}"] {
        let source = format!("中{}文", unit.repeat(500_000 / unit.len()));
        timed(unit, &source, &one_paragraph(&source));
    }
}
