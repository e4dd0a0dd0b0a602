//! Properties that hold for any input: the reader never panics, every span is a valid
//! `str` range holding its text, and kept plus removed text account for every non-blank
//! character of the source.

mod common;

use gongwen_parse::{ParseOptions, parse};
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
    #![proptest_config(ProptestConfig { cases: 2000, ..ProptestConfig::default() })]

    #[test]
    fn nothing_lost(source in text()) {
        for remove_noise in [true, false] {
            let parsed = parse(&source, &ParseOptions { remove_noise });
            if let Err(e) = common::check_accounted(&source, &parsed.document) {
                return Err(TestCaseError::fail(format!("{e}\nsource: {source:?}")));
            }
            for d in &parsed.diagnostics {
                prop_assert!(d.span.slice(&source).is_some(), "diagnostic span {:?}", d.span);
            }
        }
    }
}
