//! Strategies for arbitrary document trees.

use gongwen_ast::{
    Appendix, Attachment, Block, Cell, Content, Document, Heading, Inline, Issuer, Label,
    LabelFamily, Meta, Printed, Reason, Removed, Row, Signature, Signer, Span, SpeechWord, Table,
    Text, Title,
};
use proptest::collection::vec;
use proptest::prelude::*;

/// Characters that stress the writer: markup, quotes, line ends, CJK, characters XML 1.0
/// forbids, noncharacters, astral planes.
fn odd_char() -> impl Strategy<Value = char> {
    prop_oneof![
        4 => prop::sample::select(vec![
            '会', '議', '同', '志', '们', '，', '。', '（', '）', '“', '”', '\u{3000}',
        ]),
        2 => prop::char::range('a', 'z'),
        3 => prop::sample::select(vec![
            '<', '&', '>', '"', '\'', ' ', '\t', '\n', '\r', ']', ';', '#',
        ]),
        1 => prop::sample::select(vec![
            '\0', '\u{1}', '\u{8}', '\u{b}', '\u{c}', '\u{1b}', '\u{1f}', '\u{7f}', '\u{85}',
            '\u{a0}', '\u{2028}', '\u{feff}', '\u{fffd}', '\u{fffe}', '\u{ffff}', '😀',
            '\u{10ffff}',
        ]),
        1 => any::<char>(),
    ]
}

fn text(max: usize) -> impl Strategy<Value = String> {
    vec(odd_char(), 0..max).prop_map(|chars| chars.into_iter().collect())
}

/// Attribute text: XML has no way to write the forbidden characters in an attribute (the
/// writer turns them into U+FFFD, tested separately), so they are left out here.
fn attribute_text(max: usize) -> impl Strategy<Value = String> {
    vec(odd_char().prop_filter("XML character", |c| is_xml_char(*c)), 0..max)
        .prop_map(|chars| chars.into_iter().collect())
}

fn is_xml_char(c: char) -> bool {
    matches!(c, '\t' | '\n' | '\r' | '\u{20}'..='\u{D7FF}' | '\u{E000}'..='\u{FFFD}')
        || c >= '\u{10000}'
}

fn reason() -> impl Strategy<Value = Reason> {
    prop::sample::select(Reason::ALL.to_vec())
}

fn removed() -> impl Strategy<Value = Removed> {
    (reason(), text(12)).prop_map(|(reason, text)| Removed { reason, text, span: Span::DETACHED })
}

/// Inline content in the form the XML can tell apart: no empty text runs, and no two text
/// runs side by side (the XML has nothing between them to keep them apart).
fn content() -> impl Strategy<Value = Content> {
    let inline = prop_oneof![
        3 => text(16).prop_map(|text| Inline::Text(Text { text, span: Span::DETACHED })),
        1 => removed().prop_map(Inline::Removed),
    ];
    vec(inline, 0..5).prop_map(|inlines| {
        let mut merged: Vec<Inline> = Vec::new();
        for inline in inlines {
            match (merged.last_mut(), inline) {
                (_, Inline::Text(t)) if t.text.is_empty() => {}
                (Some(Inline::Text(last)), Inline::Text(t)) => last.text.push_str(&t.text),
                (_, inline) => merged.push(inline),
            }
        }
        Content { inlines: merged, span: Span::DETACHED }
    })
}

fn family() -> impl Strategy<Value = LabelFamily> {
    prop::sample::select(LabelFamily::ALL.to_vec())
}

fn heading() -> impl Strategy<Value = Heading> {
    let number = prop_oneof![4 => 1..=30u32, 1 => any::<u32>()];
    let source = prop_oneof![
        2 => Just(None),
        1 => prop::sample::select(vec!["(一)", "1、", "第二,", "⑴", "１．", " 一、 "])
            .prop_map(|s| Some(s.to_string())),
        1 => attribute_text(6).prop_map(Some),
    ];
    (1..=4u8, family(), number, source, content(), any::<bool>()).prop_map(
        |(level, family, number, source, content, run_in)| {
            // 首先 … 最后 are ranks 1 to 4: the label carries no other number.
            let number = match family {
                LabelFamily::Speech(SpeechWord::Sequence) => number % 4 + 1,
                _ => number,
            };
            let mut label = Label::canonical_of(family, number, Span::DETACHED);
            if let Some(source) = source {
                label.source = source;
            }
            Heading { level, label, content, run_in, span: Span::DETACHED }
        },
    )
}

/// Tables of up to three rows of up to three cells, some spanning columns, some empty.
fn table() -> impl Strategy<Value = Table> {
    let cell = (1..=3u32, vec(content(), 0..3))
        .prop_map(|(columns, paragraphs)| Cell { columns, paragraphs });
    let row = vec(cell, 0..4).prop_map(|cells| Row { cells });
    vec(row, 0..4).prop_map(|rows| Table { rows, span: Span::DETACHED })
}

/// A block of any kind but an appendix: what an appendix may hold.
fn block() -> impl Strategy<Value = Block> {
    prop_oneof![
        12 => inner_block(),
        1 => (
            proptest::option::of(any::<u32>()),
            proptest::option::of(vec(content(), 0..3)),
            vec(inner_block(), 0..4),
        )
            .prop_map(|(number, title, mut blocks)| {
                // A leading title of an untitled appendix reads back as its title.
                while title.is_none() && matches!(blocks.first(), Some(Block::Title(_))) {
                    blocks.remove(0);
                }
                let title = title.map(|lines| Title { lines, span: Span::DETACHED });
                Block::Appendix(Appendix { number, title, blocks, span: Span::DETACHED })
            }),
    ]
}

fn inner_block() -> impl Strategy<Value = Block> {
    let lines = || vec(content(), 0..4);
    prop_oneof![
        1 => lines().prop_map(|lines| Block::Title(Title { lines, span: Span::DETACHED })),
        1 => content().prop_map(Block::Subtitle),
        1 => content().prop_map(Block::Salutation),
        3 => heading().prop_map(Block::Heading),
        4 => content().prop_map(Block::Paragraph),
        1 => content().prop_map(Block::Closing),
        1 => lines()
            .prop_map(|lines| Block::Attachment(Attachment { lines, span: Span::DETACHED })),
        1 => (content(), any::<bool>())
            .prop_map(|(content, sealed)| Block::Signature(Signature { content, sealed })),
        1 => content().prop_map(Block::Date),
        1 => removed().prop_map(Block::Removed),
        1 => table().prop_map(Block::Table),
        1 => content().prop_map(Block::CopyNumber),
        1 => content().prop_map(Block::Classification),
        1 => content().prop_map(Block::Urgency),
        1 => (lines(), proptest::option::of(content())).prop_map(|(organs, suffix)| {
            Block::Issuer(Issuer { organs, suffix, span: Span::DETACHED })
        }),
        1 => content().prop_map(Block::Number),
        1 => lines().prop_map(|names| Block::Signer(Signer { names, span: Span::DETACHED })),
        1 => content().prop_map(Block::Note),
        1 => content().prop_map(Block::Cc),
        1 => (content(), content()).prop_map(|(organ, date)| {
            Block::Printed(Printed { organ, date, span: Span::DETACHED })
        }),
    ]
}

fn meta() -> impl Strategy<Value = Meta> {
    let field = || proptest::option::of(attribute_text(10));
    (field(), field(), field(), field(), field()).prop_map(
        |(title, speaker, date, encoding, source)| Meta { title, speaker, date, encoding, source },
    )
}

pub fn document() -> impl Strategy<Value = Document> {
    (meta(), vec(block(), 0..12)).prop_map(|(meta, blocks)| Document { meta, blocks })
}
