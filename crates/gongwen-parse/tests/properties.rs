//! Properties that hold for any input: the reader never panics, every span is a valid
//! `str` range holding its text, and kept plus removed text account for every non-blank
//! character of the source.

mod common;

use gongwen_parse::parse;
use proptest::prelude::*;

/// Pieces real speeches are made of, so that generated text exercises every rule.
const PIECES: &[&str] = &[
    "一、",
    "（一）",
    "(二)",
    "1.",
    "1、",
    "（1）",
    "⑴",
    "①",
    "一是",
    "二要",
    "第一，",
    "第二,",
    "要敢想。",
    "没有想法就没有办法，",
    "同志们：",
    "同志们，",
    "谢谢大家！",
    "特此通知。",
    "附件：",
    "2023年5月6日",
    "二〇一一年十月二十六日",
    "會(huì)",
    "發(fā)",
    "(GDP)",
    "1.5亿元",
    "1-9月份",
    "此处内容需要权限查看",
    "会员免费查看",
    "【讲话】相关文章:",
    "由互联网用户分享整理",
    "“",
    "”",
    "——在大会上的讲话",
    "某某县人民政府",
    "讲话",
    "，",
    "。",
    ",",
    ":",
    "；",
    " ",
    "　",
    "\n",
    "\n",
    "\n",
    "\r\n",
    "\r",
    "\t",
    "\u{FEFF}",
    "x",
    "é",
    "(",
    ")",
    "- 2 -",
    "首页 > 范文",
    "(此处已添加小程序，请到今日头条客户端查看)",
    "（此处已添加",
    "客户端查看）",
    "\"",
    "'",
    "...",
    "。。。",
    "…",
    "--",
    "—",
    "-",
    ".",
    "!",
    "?",
    ";",
    "http://www.gov.cn/a?b=1",
    "li.ming@example.com",
    "9:30",
    "37.6",
    "ISO 9001:2015",
    "No.1",
    "Xi'an",
    "縣委工作會",
    "幹事",
    "<p>",
    "</p>",
    "<br/>",
    "<strong>",
    "</strong>",
    "<p style=\"text-align: right;\">",
    "<",
    ">",
    "@page { size: 8.27in 11.69in; margin-top: 1in }",
    " p.cjk { font-family: \"宋体\" } ",
    "{",
    "}",
    "color: red;",
    "! D$ v5 F1 ]! w! L2 }",
    "3 G4 |- ^4 L( m6 S",
];

fn text() -> impl Strategy<Value = String> {
    prop::collection::vec(
        prop_oneof![
            4 => prop::sample::select(PIECES).prop_map(str::to_string),
            1 => any::<char>().prop_map(|c| c.to_string()),
        ],
        0..80,
    )
    .prop_map(|parts| parts.concat())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 500, ..ProptestConfig::default() })]

    /// Any bytes (read as UTF-8 with replacement) and any string, every option: no panic,
    /// nothing lost.
    #[test]
    fn arbitrary_input(bytes in prop::collection::vec(any::<u8>(), 0..400), s in ".{0,200}") {
        for source in [String::from_utf8_lossy(&bytes).into_owned(), s] {
            for options in common::all_options() {
                let parsed = parse(&source, &options);
                if let Err(e) = common::check_accounted(&source, &parsed) {
                    return Err(TestCaseError::fail(format!("{e}\nsource: {source:?}")));
                }
            }
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 2000, ..ProptestConfig::default() })]

    #[test]
    fn nothing_lost(source in text()) {
        for options in common::all_options() {
            let parsed = parse(&source, &options);
            if let Err(e) = common::check_accounted(&source, &parsed) {
                return Err(TestCaseError::fail(format!("{e}\nsource: {source:?}\n{options:?}")));
            }
            for d in &parsed.diagnostics {
                prop_assert!(d.span.slice(&source).is_some(), "diagnostic span {:?}", d.span);
            }
        }
    }
}
