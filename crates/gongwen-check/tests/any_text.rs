//! Any text, cut into paragraphs anywhere, gives findings with true spans and no panic.

use gongwen_ast::{Block, Content, Document, Inline, Reason, Removed, Span};
use gongwen_check::check;
use proptest::prelude::*;

/// Text rich in what the rules look at.
fn text() -> impl Strategy<Value = String> {
    let chars = prop_oneof![
        3 => proptest::char::range('\u{4E00}', '\u{9FFF}'),
        2 => proptest::sample::select(
            "“”‘’\"'（）()《》【】〔〕[]?!,:;%.x X×*＊□某_`^\u{FFFD}\u{200B}锟斤拷烫æ–‡\n\r 0123456789"
                .chars()
                .collect::<Vec<_>>()
        ),
        1 => any::<char>(),
    ];
    proptest::collection::vec(chars, 0..200).prop_map(|v| v.into_iter().collect())
}

/// Blocks over `source` cut at the given char boundaries, every third one removed.
fn blocks(source: &str, cuts: &[usize]) -> Vec<Block> {
    let mut bounds: Vec<usize> = cuts
        .iter()
        .map(|&c| source.char_indices().nth(c).map_or(source.len(), |(i, _)| i))
        .chain([0, source.len()])
        .collect();
    bounds.sort();
    bounds.dedup();
    bounds
        .windows(2)
        .enumerate()
        .map(|(n, w)| {
            let span = Span::new(w[0], w[1]);
            let text = &source[w[0]..w[1]];
            if n % 3 == 2 {
                Block::Removed(Removed { reason: Reason::Manual, text: text.into(), span })
            } else {
                Block::Paragraph(Content {
                    inlines: vec![Inline::Removed(Removed {
                        reason: Reason::Pinyin,
                        text: String::new(),
                        span: Span::new(w[0], w[0]),
                    })],
                    span,
                })
            }
        })
        .collect()
}

proptest! {
    #[test]
    fn spans_are_true(source in text(), cuts in proptest::collection::vec(0usize..200, 0..6)) {
        for doc in [Document::default(), Document { blocks: blocks(&source, &cuts), ..Document::default() }] {
            let found = check(&source, &doc);
            for d in &found {
                prop_assert!(d.span.slice(&source).is_some_and(|s| !s.is_empty()), "{:?}", d);
            }
            let starts: Vec<usize> = found.iter().map(|d| d.span.start).collect();
            prop_assert!(starts.windows(2).all(|w| w[0] <= w[1]));
        }
    }
}
