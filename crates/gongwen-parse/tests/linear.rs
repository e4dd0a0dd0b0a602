//! Pathological inputs parse in linear time: four times the input takes at most about
//! four times as long (see tests/support/linear.rs), and each still parses as it should.

#[path = "../../../tests/support/linear.rs"]
mod linear;

use gongwen_ast::Block;
use gongwen_parse::{ParseOptions, Parsed, parse};
use linear::assert_linear;

fn parses_linearly(what: &str, size: usize, make: impl Fn(usize) -> String) -> Parsed {
    parses_linearly_with(what, size, make, &ParseOptions::default())
}

fn parses_linearly_with(
    what: &str,
    size: usize,
    make: impl Fn(usize) -> String,
    options: &ParseOptions,
) -> Parsed {
    assert_linear(what, size, make, |source| parse(source, options))
}

#[test]
fn consecutive_headings() {
    let headings = |count: usize| {
        let mut source = String::new();
        for i in 0..count as u32 {
            let n = i / 4 % 20 + 1;
            let label = match i % 4 {
                0 => format!("{}、", gongwen_ast::chinese_numeral(n)),
                1 => format!("（{}）", gongwen_ast::chinese_numeral(n)),
                2 => format!("{n}."),
                _ => format!("（{n}）"),
            };
            source.push_str(&format!("{label}要敢想。没有想法就没有办法。\n"));
        }
        source
    };
    let parsed = parses_linearly("headings", 2_500, headings);
    assert_eq!(parsed.document.headings().count(), 10_000);
}

#[test]
fn one_long_paragraph() {
    let sentence = "今天召開這次會(huì)議，既是全縣總體工作的半年小結會，更是一次鼓勁大會。";
    let parsed = parses_linearly("one paragraph", 256 * 1024, |bytes| {
        sentence.repeat(bytes / sentence.len() + 1)
    });
    assert_eq!(parsed.document.blocks.len(), 1);
    assert!(matches!(parsed.document.blocks[0], Block::Paragraph(_)));
}

#[test]
fn one_character_lines() {
    let parsed = parses_linearly("one-character lines", 10_000, |lines| "好\n".repeat(lines));
    assert!(parsed.document.blocks.len() >= 40_000 - 1);
}

#[test]
fn duplicate_lines() {
    let line =
        "今天，我们召开县政府第一次全体会议，主要任务是安排部署全年重点工作，总结去年的工作。\n";
    let parsed = parses_linearly("duplicate lines", 5_000, |lines| line.repeat(lines));
    let removed = parsed.document.blocks.iter().filter(|b| matches!(b, Block::Removed(_))).count();
    assert_eq!(removed, 20_000 - 1);
}

#[test]
fn unclosed_quotes_on_every_line() {
    let parsed = parses_linearly("unclosed quotes", 6_000, |lines| {
        (0..lines).map(|i| format!("“一、各单位应当{i}\n")).collect()
    });
    assert_eq!(parsed.document.headings().count(), 0);
}

#[test]
fn hard_wrapped_text() {
    let line = "各级各部门要切实增强责任感和使命感把思想\n";
    let parsed =
        parses_linearly("hard-wrapped", 128 * 1024, |bytes| line.repeat(bytes / line.len()));
    assert_eq!(parsed.document.blocks.len(), 1);
}

#[test]
fn text_to_repair() {
    let sentence = "今天召開這次會議,既是\"半年小結會\"...更是一次鼓勁大會--會議時間9:30 ";
    let options = ParseOptions { simplified: true, ..ParseOptions::default() };
    let repeats = 256 * 1024 / sentence.len() + 1;
    let parsed = parses_linearly_with("repair", repeats, |n| sentence.repeat(n), &options);
    assert!(parsed.changes.len() > 4 * repeats * 5);
}

#[test]
fn headings_pasted_as_one_line() {
    let part =
        "一、要敢想。没有想法就没有办法。首先，要抓项目。其次，要抓招商。“二、引文。”同志们：";
    let repeats = 128 * 1024 / part.len();
    let parsed = parses_linearly("pasted as one line", repeats, |n| {
        format!("在全县大会上的讲话同志们：{}", part.repeat(n))
    });
    // Each repeat gives one 一、, one 首先， and one 其次， heading.
    assert_eq!(parsed.document.headings().count(), 3 * 4 * repeats);
}

/// A page's markup pasted as one line, and a line of stray "<" that never closes a tag.
#[test]
fn html_pasted_as_one_line_and_stray_angle_brackets() {
    let part =
        "<p style=\"text-align: left;\"><strong>一、要敢想。</strong>没有想法就没有办法。</p><br/>";
    let parsed = parses_linearly("markup on one line", 1_500, |n| part.repeat(n));
    assert!(parsed.document.blocks.len() > 1_500);
    parses_linearly("stray angle brackets", 32 * 1024, |bytes| "<p 会".repeat(bytes / 5));
    parses_linearly("stray braces", 32 * 1024, |bytes| " p { a: 会".repeat(bytes / 12));
}
