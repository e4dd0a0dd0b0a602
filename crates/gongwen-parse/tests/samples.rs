//! The five real samples: a snapshot of each outline, and the invariants every parse keeps
//! (valid spans, nothing lost) checked on real input.

mod common;

use std::path::PathBuf;

use gongwen_parse::{ParseOptions, parse};

fn samples() -> Vec<(String, String)> {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../samples");
    let mut out: Vec<(String, String)> = std::fs::read_dir(&dir)
        .expect("samples directory")
        .map(|e| e.expect("entry").path())
        .filter(|p| p.extension().is_some_and(|e| e == "txt"))
        .filter(|p| p.file_name().is_some_and(|n| n.to_string_lossy().starts_with("seed-")))
        .map(|p| {
            let stem = p.file_stem().unwrap_or_default().to_string_lossy().to_string();
            (stem, std::fs::read_to_string(&p).expect("sample"))
        })
        .collect();
    out.sort();
    assert_eq!(out.len(), 5);
    out
}

#[test]
fn outlines() {
    for (stem, text) in samples() {
        let parsed = parse(&text, &ParseOptions::default());
        let mut snapshot = common::outline(&parsed.document);
        snapshot.push_str(&common::diagnostics(&text, &parsed.diagnostics));
        snapshot.push_str(&format!("{:?}\n", parsed.document.meta));
        insta::assert_snapshot!(stem, snapshot);
    }
}

#[test]
fn nothing_lost_and_spans_valid() {
    for (stem, text) in samples() {
        for options in common::all_options() {
            let parsed = parse(&text, &options);
            common::check_accounted(&text, &parsed)
                .unwrap_or_else(|e| panic!("{stem} with {options:?}: {e}"));
        }
    }
}

#[test]
fn crlf_and_cr_read_like_lf() {
    for (stem, text) in samples() {
        let lf = parse(&text, &ParseOptions::default()).document.without_spans();
        for newline in ["\r\n", "\r"] {
            let other = text.replace('\n', newline);
            let parsed = parse(&other, &ParseOptions::default());
            common::check_accounted(&other, &parsed).unwrap_or_else(|e| panic!("{stem}: {e}"));
            assert_eq!(parsed.document.without_spans(), lf, "{stem} with {newline:?}");
        }
    }
}

#[test]
fn output_is_deterministic() {
    for (_, text) in samples() {
        let a = parse(&text, &ParseOptions::default());
        let b = parse(&text, &ParseOptions::default());
        assert_eq!(a, b);
    }
}

#[test]
fn keeping_noise_keeps_every_line() {
    let source = "我们要奋力开创新局面。\n此处内容需要权限查看\n会员免费查看(二)要深化作风建设。马上就办。\n";
    let options = ParseOptions { remove_noise: false, ..ParseOptions::default() };
    let doc = parse(source, &options).document;
    assert_eq!(
        common::outline(&doc),
        "p 我们要奋力开创新局面。\np 此处内容需要权限查看\np 会员免费查看（二）要深化作风建设。马上就办。\n"
    );
}

#[test]
fn traditional_samples_read_simplified() {
    let options = ParseOptions { simplified: true, ..ParseOptions::default() };
    let texts = samples();
    let text = |stem: &str| texts.iter().find(|(s, _)| s == stem).map(|(_, t)| t.as_str());
    let headings = |doc: &gongwen_ast::Document| -> Vec<String> {
        doc.headings().map(|h| h.content.text()).collect()
    };
    let seed3 = parse(text("seed-003").expect("seed-003"), &options).document;
    assert_eq!(headings(&seed3)[0], "把握发展形势，鼓足干事劲头，切实凝聚起高质量发展的强大力量");
    let seed4 = parse(text("seed-004").expect("seed-004"), &options).document;
    assert_eq!(seed4.meta.title.as_deref(), Some("在县委工作会上的发言稿"));
    assert_eq!(headings(&seed4)[0], "准确研判形势，切实强化举措，全力实现“双过半”目标");
    for (stem, doc) in [("seed-003", &seed3), ("seed-004", &seed4)] {
        let all: String = doc.blocks.iter().map(gongwen_ast::Block::plain_text).collect();
        let left: Vec<char> =
            all.chars().filter(|c| "發會縣這們總項務進準確".contains(*c)).collect();
        assert!(left.is_empty(), "{stem}: traditional characters left: {left:?}");
        // The structure does not depend on the characters' forms.
        let plain = parse(text(stem).expect("sample"), &ParseOptions::default()).document;
        let kinds = |d: &gongwen_ast::Document| -> Vec<&str> {
            d.blocks.iter().map(gongwen_ast::Block::kind_name).collect()
        };
        assert_eq!(kinds(doc), kinds(&plain), "{stem}");
    }
}
