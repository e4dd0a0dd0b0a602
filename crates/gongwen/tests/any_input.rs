//! Whatever the bytes, reading, checking and every renderer return without panicking, and
//! text input always reads. (The cargo-fuzz target in `fuzz/` explores the same path with
//! coverage guidance; this property runs in every test run.)

use gongwen::{Format, Options, ReadOptions, SourceFormat};
use proptest::prelude::*;

fn render_all(bytes: &[u8], from: SourceFormat) {
    let options = Options::default();
    let Ok(source) = gongwen::read(bytes, from, &ReadOptions::default()) else {
        // ASCII text reads unless it is binary: a NUL, or more than one control character
        // in ten (the decoder's test).
        let controls = bytes
            .iter()
            .filter(|&&b| b.is_ascii_control() && !b"\t\n\r\x0B\x0C\x1B".contains(&b))
            .count();
        let binary = bytes.contains(&0) || controls * 10 > bytes.len();
        assert!(from == SourceFormat::Xml || binary || !bytes.is_ascii());
        return;
    };
    let _ = gongwen::check(&source);
    for format in [Format::Xml, Format::Docx, Format::Pdf] {
        gongwen::render(&source.document, format, &options.render)
            .unwrap_or_else(|e| panic!("{format:?} failed on a readable input: {e}"));
    }
}

/// Text made of the pieces speeches are made of, in any order: labels, quotes, brackets,
/// punctuation of both widths, noise phrases, line breaks, odd characters.
fn speechy() -> impl Strategy<Value = String> {
    let pieces = prop::sample::select(vec![
        "一、",
        "（二）",
        "(3)",
        "4.",
        "⑤",
        "一是",
        "第二,",
        "同志们：",
        "谢谢大家！",
        "附件：1.",
        "2023年5月6日",
        "二〇一一年十月二十六日",
        "“",
        "”",
        "（",
        "）",
        "《",
        "》",
        ",",
        ".",
        ":",
        "。",
        "…",
        "——",
        "\n",
        "\n\n",
        "\r\n",
        "　　",
        " ",
        "会(huì)议",
        "此处内容需要权限查看",
        "【标题】相关文章：",
        "http://example.com/a.html",
        "9:30",
        "37.6%",
        "x%",
        "XX同志",
        "在全县工作会议上的讲话",
        "要敢想。",
        "\u{FFFD}",
        "\u{1F600}",
        "\t",
        "𠀀",
        "<&>\"'",
    ]);
    prop::collection::vec(pieces, 0..80).prop_map(|v| v.concat())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 48, ..ProptestConfig::default() })]

    #[test]
    fn arbitrary_bytes_never_panic(bytes in prop::collection::vec(any::<u8>(), 0..600)) {
        render_all(&bytes, SourceFormat::Text);
        render_all(&bytes, SourceFormat::Xml);
    }

    #[test]
    fn speech_like_text_always_renders(text in speechy()) {
        render_all(text.as_bytes(), SourceFormat::Text);
    }
}
