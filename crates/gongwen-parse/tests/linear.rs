//! Pathological inputs parse in linear time. The bounds are generous (debug builds, a
//! shared machine): quadratic behaviour would take minutes, not seconds.

use std::time::{Duration, Instant};

use gongwen_ast::Block;
use gongwen_parse::{ParseOptions, parse};

const BOUND: Duration = Duration::from_secs(60);

fn timed(source: &str) -> gongwen_parse::Parsed {
    timed_with(source, &ParseOptions::default())
}

fn timed_with(source: &str, options: &ParseOptions) -> gongwen_parse::Parsed {
    let start = Instant::now();
    let parsed = parse(source, options);
    let took = start.elapsed();
    assert!(took < BOUND, "{} bytes took {took:?}", source.len());
    parsed
}

#[test]
fn ten_thousand_consecutive_headings() {
    let mut source = String::new();
    for i in 0..10_000 {
        let n = i / 4 % 20 + 1;
        let label = match i % 4 {
            0 => format!("{}、", gongwen_ast::chinese_numeral(n)),
            1 => format!("（{}）", gongwen_ast::chinese_numeral(n)),
            2 => format!("{n}."),
            _ => format!("（{n}）"),
        };
        source.push_str(&format!("{label}要敢想。没有想法就没有办法。\n"));
    }
    let parsed = timed(&source);
    assert_eq!(parsed.document.headings().count(), 10_000);
}

#[test]
fn five_megabyte_paragraph() {
    let sentence = "今天召開這次會(huì)議，既是全縣總體工作的半年小結會，更是一次鼓勁大會。";
    let source = sentence.repeat(5 * 1024 * 1024 / sentence.len() + 1);
    let parsed = timed(&source);
    assert_eq!(parsed.document.blocks.len(), 1);
    assert!(matches!(parsed.document.blocks[0], Block::Paragraph(_)));
}

#[test]
fn hundred_thousand_one_character_lines() {
    let source = "好\n".repeat(100_000);
    let parsed = timed(&source);
    assert!(parsed.document.blocks.len() >= 100_000 - 1);
}

#[test]
fn forty_thousand_duplicate_lines() {
    let line =
        "今天，我们召开县政府第一次全体会议，主要任务是安排部署全年重点工作，总结去年的工作。\n";
    let parsed = timed(&line.repeat(40_000));
    let removed = parsed.document.blocks.iter().filter(|b| matches!(b, Block::Removed(_))).count();
    assert_eq!(removed, 40_000 - 1);
}

#[test]
fn unclosed_quotes_on_every_line() {
    let source: String = (0..100_000).map(|i| format!("“一、各单位应当{i}\n")).collect();
    let parsed = timed(&source);
    assert_eq!(parsed.document.headings().count(), 0);
}

#[test]
fn five_megabytes_hard_wrapped() {
    let line = "各级各部门要切实增强责任感和使命感把思想\n";
    let parsed = timed(&line.repeat(5 * 1024 * 1024 / line.len()));
    assert_eq!(parsed.document.blocks.len(), 1);
}

#[test]
fn five_megabytes_to_repair() {
    let sentence = "今天召開這次會議,既是\"半年小結會\"...更是一次鼓勁大會--會議時間9:30 ";
    let source = sentence.repeat(5 * 1024 * 1024 / sentence.len() + 1);
    let options = ParseOptions { simplified: true, ..ParseOptions::default() };
    let parsed = timed_with(&source, &options);
    assert!(parsed.changes.len() > 5 * 1024 * 1024 / sentence.len() * 5);
}

#[test]
fn five_megabytes_pasted_as_one_line() {
    let part =
        "一、要敢想。没有想法就没有办法。首先，要抓项目。其次，要抓招商。“二、引文。”同志们：";
    let source = format!("在全县大会上的讲话同志们：{}", part.repeat(5 * 1024 * 1024 / part.len()));
    let parsed = timed(&source);
    // Each repeat gives one 一、, one 首先， and one 其次， heading.
    assert_eq!(parsed.document.headings().count(), 3 * (5 * 1024 * 1024 / part.len()));
}
