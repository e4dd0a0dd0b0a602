//! Any text written as UTF-8, GB18030 or UTF-16 with a byte-order mark reads back exactly.

use encoding_rs::{Encoding, GB18030, UTF_8, UTF_16BE, UTF_16LE};
use gongwen_decode::decode;
use proptest::prelude::*;

/// The byte-order mark and bytes of `text` in `encoding`.
fn with_bom(text: &str, encoding: &'static Encoding) -> Vec<u8> {
    match encoding.name() {
        "UTF-16LE" => {
            [0xFF, 0xFE].into_iter().chain(text.encode_utf16().flat_map(u16::to_le_bytes)).collect()
        }
        "UTF-16BE" => {
            [0xFE, 0xFF].into_iter().chain(text.encode_utf16().flat_map(u16::to_be_bytes)).collect()
        }
        "UTF-8" => [0xEF, 0xBB, 0xBF].into_iter().chain(text.bytes()).collect(),
        _ => [0x84, 0x31, 0x95, 0x33]
            .into_iter()
            .chain(encoding.encode(text).0.iter().copied())
            .collect(),
    }
}

/// Text as documents hold it: Chinese, punctuation, Latin, digits, line breaks and the odd
/// rare character, but no NUL or other control characters (those are binary).
fn document_text() -> impl Strategy<Value = String> {
    let chars = prop_oneof![
        4 => proptest::char::range('\u{4E00}', '\u{9FFF}'),
        1 => proptest::sample::select(vec!['，', '。', '：', '“', '”', '（', '）', '、', '\n', '\r', ' ', '　']),
        1 => proptest::char::range(' ', '~'),
        1 => any::<char>().prop_filter("no controls", |c| !c.is_control()).prop_filter(
            "GB18030 gives it back",
            |&c| {
                // Private-use characters that GB18030-2005 used for forms it lacked (U+E78D
                // and others) are written with the bytes GB18030-2022 gives the standard
                // characters (U+FE10 …), as the Encoding Standard says: no reader can tell
                // them apart, so such text cannot read back exactly.
                let s = c.to_string();
                GB18030.decode_without_bom_handling(&GB18030.encode(&s).0).0 == s
            }
        ),
    ];
    proptest::collection::vec(chars, 0..300).prop_map(|v| v.into_iter().collect())
}

proptest! {
    #[test]
    fn encoded_text_decodes_back(text in document_text()) {
        for encoding in [UTF_8, UTF_16LE, UTF_16BE, GB18030] {
            let d = decode(&with_bom(&text, encoding), None).unwrap();
            prop_assert_eq!(&d.text, &text);
            prop_assert_eq!(d.encoding, encoding);
            prop_assert!(d.bom && d.diagnostics.is_empty());
        }
        // Without a BOM: UTF-8 is always recognised (unless the text starts with U+FEFF,
        // whose bytes are the BOM); GB18030 when named.
        if !text.starts_with('\u{FEFF}') {
            let d = decode(text.as_bytes(), None).unwrap();
            prop_assert_eq!((&d.text, d.encoding), (&text, UTF_8));
            let gb = GB18030.encode(&text).0;
            let d = decode(&gb, Some(GB18030)).unwrap();
            prop_assert_eq!(&d.text, &text);
            prop_assert!(!d.bom);
            // Forced GB18030 is doubted only where its bytes are also other UTF-8 text
            // (莳 is DD AA, which UTF-8 reads as U+076A): then the warning is right.
            let also_utf8 = std::str::from_utf8(&gb).is_ok_and(|u| u != text);
            prop_assert_eq!(d.diagnostics.is_empty(), !also_utf8);
        }
    }

    #[test]
    fn chinese_gb18030_text_is_detected(text in "[\u{4E00}-\u{9FA5}，。：；！]{30,200}") {
        let d = decode(&GB18030.encode(&text).0, None).unwrap();
        prop_assert_eq!((&d.text, d.encoding), (&text, GB18030));
    }

    #[test]
    fn traditional_big5_text_is_detected(picks in proptest::collection::vec(any::<proptest::sample::Index>(), 30..200)) {
        let han: Vec<char> = include_str!("../../../samples/seed-004.txt")
            .chars()
            .filter(|c| ('\u{4E00}'..='\u{9FFF}').contains(c))
            .collect();
        let text: String = picks.iter().map(|i| han[i.index(han.len())]).collect();
        let (bytes, _, lossy) = encoding_rs::BIG5.encode(&text);
        prop_assert!(!lossy);
        let d = decode(&bytes, None).unwrap();
        prop_assert_eq!((&d.text, d.encoding), (&text, encoding_rs::BIG5));
    }

    #[test]
    fn arbitrary_bytes_never_panic_and_spans_hold(bytes in proptest::collection::vec(any::<u8>(), 0..400)) {
        if let Ok(d) = decode(&bytes, None) {
            // Doubts about the encoding concern the whole text; damage points at its U+FFFD.
            for diag in d.diagnostics.iter().filter(|d| d.code == gongwen_ast::Code::InvalidBytes) {
                prop_assert_eq!(diag.span.slice(&d.text), Some("\u{FFFD}"));
            }
        }
    }
}
