//! How `check` reads the tree: paragraphs as the reader divided them, removed text skipped,
//! a run-in heading read with the paragraph it opens, titles measured.

use gongwen_ast::{
    Block, Code, Content, Document, Heading, Inline, Label, LabelFamily, Reason, Removed, Span,
    Text, Title,
};
use gongwen_check::check;

fn at(source: &str, part: &str) -> Span {
    let start = source.find(part).unwrap_or_else(|| panic!("{part} not in source"));
    Span::new(start, start + part.len())
}

fn paragraph(source: &str, part: &str) -> Block {
    Block::Paragraph(Content::plain(part, at(source, part)))
}

fn codes(source: &str, blocks: Vec<Block>) -> Vec<(Code, String)> {
    let doc = Document { blocks, ..Document::default() };
    check(source, &doc)
        .into_iter()
        .map(|d| (d.code, d.span.slice(source).unwrap().to_string()))
        .collect()
}

#[test]
fn removed_blocks_and_inlines_are_not_checked() {
    let source =
        "會(huì議開始,共xx人。\n《讲话》由互联网用户分享整理。文章地址:http://x.cn/1.html 共x%\n";
    let line = "會(huì議開始,共xx人。";
    let pinyin = at(source, "(huì");
    let trailer = source.lines().nth(1).unwrap();
    let content = Content {
        inlines: vec![
            Inline::Text(Text { text: "會".into(), span: at(source, "會") }),
            Inline::Removed(Removed { reason: Reason::Pinyin, text: "(huì".into(), span: pinyin }),
            Inline::Text(Text {
                text: "議開始，共xx人。".into(),
                span: at(source, "議開始,共xx人。"),
            }),
        ],
        span: at(source, line),
    };
    let removed = Block::Removed(Removed {
        reason: Reason::WebTrailer,
        text: trailer.into(),
        span: at(source, trailer),
    });
    // The broken pinyin's "(" is not looked at, nor is the trailer's x%.
    assert_eq!(
        codes(source, vec![Block::Paragraph(content), removed]),
        [(Code::HalfWidthPunctuation, ",".into()), (Code::Placeholder, "xx".into())]
    );
}

#[test]
fn a_run_in_heading_is_read_with_its_paragraph() {
    let source = "（一）要有“马上就办。的精神”，真抓实干。";
    let heading = |run_in| {
        Block::Heading(Heading {
            level: 2,
            label: Label::canonical_of(LabelFamily::ParenChinese, 1, at(source, "（一）")),
            content: Content::plain("要有“马上就办。", at(source, "要有“马上就办。")),
            run_in,
            span: at(source, "（一）要有“马上就办。"),
        })
    };
    let rest = || paragraph(source, "的精神”，真抓实干。");
    assert_eq!(codes(source, vec![heading(true), rest()]), []);
    assert_eq!(
        codes(source, vec![heading(false), rest()]),
        [(Code::UnbalancedQuote, "“".into()), (Code::UnbalancedQuote, "”".into())]
    );
}

#[test]
fn paragraphs_come_from_the_tree_not_the_lines() {
    // A hard-wrapped paragraph: the quote closes on the next line.
    let source = "他说：“马上\n就办”。\n";
    let whole =
        Block::Paragraph(Content::plain("他说：“马上就办”。", Span::new(0, source.len() - 1)));
    assert_eq!(codes(source, vec![whole]), []);
    // With no tree, or one without spans (read from XML, say), each line is a paragraph.
    let by_lines = [(Code::UnbalancedQuote, "“".into()), (Code::UnbalancedQuote, "”".into())];
    assert_eq!(codes(source, vec![]), by_lines);
    let detached = Block::Paragraph(Content::plain("他说：“马上就办”。", Span::DETACHED));
    assert_eq!(codes(source, vec![detached]), by_lines);
}

#[test]
fn long_titles() {
    let title = |text: &str| {
        Block::Title(Title {
            lines: vec![Content::plain(text, Span::new(0, text.len()))],
            span: Span::new(0, text.len()),
        })
    };
    let fits = "关".repeat(40);
    assert_eq!(codes(&fits, vec![title(&fits)]), []);
    let long = "关".repeat(41);
    assert_eq!(codes(&long, vec![title(&long)]), [(Code::TitleTooLong, long.clone())]);
    // Spaces between title characters do not count.
    let spaced = "关 ".repeat(40);
    assert_eq!(codes(&spaced, vec![title(&spaced)]), []);
}

#[test]
fn findings_come_in_source_order() {
    let source = "“x%\n遇到的`困难,要";
    let doc = Document::default();
    let starts: Vec<usize> = check(source, &doc).iter().map(|d| d.span.start).collect();
    let mut sorted = starts.clone();
    sorted.sort();
    assert_eq!(starts, sorted);
    assert_eq!(starts.len(), 4);
}
