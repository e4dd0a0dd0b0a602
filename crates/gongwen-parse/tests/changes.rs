//! Repairs that follow each other are recorded as one change that counts them, and the
//! change still accounts for the source exactly.

mod common;

use gongwen_ast::ChangeKind;
use gongwen_parse::{ParseOptions, parse};

#[test]
fn a_run_of_quotes_is_one_change_counting_them() {
    let source = "他说\"\"\"\"好\"。\n";
    let parsed = parse(source, &ParseOptions::default());
    let quotes: Vec<_> = parsed.changes.iter().filter(|c| c.kind == ChangeKind::Quotes).collect();
    let seen: Vec<_> = quotes.iter().map(|c| (c.written(source), &*c.to, c.count)).collect();
    assert_eq!(seen, [("\"\"\"\"", "“”“”", 4), ("\"", "”", 1)]);
    common::check_accounted(source, &parsed).unwrap();
}

#[test]
fn repairs_of_two_kinds_side_by_side_stay_two_changes() {
    let source = "会议,\"通知\"...\n";
    let parsed = parse(source, &ParseOptions::default());
    let seen: Vec<_> = parsed.changes.iter().map(|c| (c.kind, &*c.to, c.count)).collect();
    assert_eq!(
        seen,
        [
            (ChangeKind::Punctuation, "，", 1),
            (ChangeKind::Quotes, "“", 1),
            (ChangeKind::Quotes, "”", 1),
            (ChangeKind::Ellipsis, "……", 1)
        ]
    );
    common::check_accounted(source, &parsed).unwrap();
}

/// An attachment's "附件1" line becomes the attachment (its number kept, the line printed
/// again on its page); it is accounted for, in full or half-width form, with or without
/// a number, and with the attachment's own blocks inside it.
#[test]
fn attachment_lines_are_accounted_for() {
    for source in [
        "请认真贯彻落实。\n2023年5月6日\n附件： ",
        "请认真贯彻落实。\n2023年5月6日\n附件:1\n工作方案\n一、目标\n全年完成。\n",
        "请认真贯彻落实。\n2023年5月6日\n附件１\n名单\n附件2\n（一）说明\n",
    ] {
        let parsed = parse(source, &ParseOptions::default());
        assert!(
            parsed.document.blocks.iter().any(|b| matches!(b, gongwen_ast::Block::Appendix(_))),
            "{source:?}: {:#?}",
            parsed.document.blocks
        );
        common::check_accounted(source, &parsed).unwrap_or_else(|e| panic!("{source:?}: {e}"));
    }
}
