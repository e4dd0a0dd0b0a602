//! Decoding real samples, their encoded copies, and the awkward cases around them.

use encoding_rs::{BIG5, Encoding, GB18030, UTF_8, UTF_16BE, UTF_16LE};
use gongwen_ast::Code;
use gongwen_decode::{DecodeError, Decoded, Evidence, decode, encoding_from_label};

fn sample(name: &str) -> Vec<u8> {
    let path = format!("{}/../../samples/{name}", env!("CARGO_MANIFEST_DIR"));
    std::fs::read(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
}

fn ok(bytes: &[u8]) -> Decoded {
    decode(bytes, None).unwrap_or_else(|e| panic!("{e}"))
}

fn binary(bytes: &[u8]) -> Evidence {
    match decode(bytes, None) {
        Err(DecodeError::Binary { evidence }) => evidence,
        Ok(d) => panic!("decoded as {} text: {:?}", d.encoding.name(), d.text),
        Err(e) => panic!("{e}"),
    }
}

#[test]
fn samples_are_utf8_without_damage() {
    for n in 0..5 {
        let d = ok(&sample(&format!("seed-00{n}.txt")));
        assert_eq!((d.encoding, d.bom), (UTF_8, false), "seed-00{n}");
        assert!(d.diagnostics.is_empty(), "seed-00{n}: {:?}", d.diagnostics);
    }
}

#[test]
fn encoded_copies_decode_to_the_original_text() {
    let copies: [(&str, &str, &Encoding, bool); 5] = [
        ("seed-000.txt", "encodings/seed-000.gbk.txt", GB18030, false),
        ("seed-001.txt", "encodings/seed-001.gb18030.txt", GB18030, false),
        ("seed-002.txt", "encodings/seed-002.utf16le.txt", UTF_16LE, true),
        ("seed-003.txt", "encodings/seed-003.big5.txt", BIG5, false),
        ("seed-004.txt", "encodings/seed-004.big5.txt", BIG5, false),
    ];
    for (original, copy, encoding, bom) in copies {
        let want = String::from_utf8(sample(original)).unwrap();
        let d = ok(&sample(copy));
        assert_eq!((d.encoding.name(), d.bom), (encoding.name(), bom), "{copy}");
        assert!(d.diagnostics.is_empty(), "{copy}: {:?}", d.diagnostics);
        assert!(d.text == want, "{copy} decodes to other text than {original}");
    }
}

#[test]
fn short_chinese_inputs_are_chinese() {
    // chardetng alone calls 你好 in GBK EUC-KR and 讲话 windows-1251-like ISO-8859-5.
    for s in ["你好", "中", "讲话", "同志们：", "一、", "谢谢大家！"] {
        let (gbk, _, lossy) = encoding_rs::GBK.encode(s);
        assert!(!lossy);
        let d = ok(&gbk);
        assert_eq!((d.text.as_str(), d.encoding), (s, GB18030), "{s} in GBK");
    }
    for s in ["你好", "中", "謝謝大家！", "同志們："] {
        let (big5, _, lossy) = BIG5.encode(s);
        assert!(!lossy);
        assert_eq!(ok(&big5).text, s, "{s} in Big5");
    }
}

#[test]
fn empty_and_ascii_input_is_utf8() {
    for s in ["", "a", "Hello, world.\n", "2023-05-06"] {
        let d = ok(s.as_bytes());
        assert_eq!((d.text.as_str(), d.encoding, d.bom), (s, UTF_8, false));
    }
}

#[test]
fn a_character_cut_off_at_the_end_is_one_invalid_sequence() {
    // UTF-8: 好 is E5 A5 BD; keep E5 A5.
    let d = ok(&"同志们好".as_bytes()[..11]);
    assert_eq!((d.encoding, d.text.as_str()), (UTF_8, "同志们\u{FFFD}"));
    assert_eq!(d.diagnostics.len(), 1);
    let diag = &d.diagnostics[0];
    assert_eq!(diag.code, Code::InvalidBytes);
    assert_eq!(diag.span.slice(&d.text), Some("\u{FFFD}"));
    assert!(diag.message.contains("byte offsets 9–10"), "{}", diag.message);

    // GBK and Big5 sample copies cut inside their last Chinese character.
    for (original, copy, encoding) in [
        ("seed-000.txt", "encodings/seed-000.gbk.txt", GB18030),
        ("seed-003.txt", "encodings/seed-003.big5.txt", BIG5),
    ] {
        let text = String::from_utf8(sample(original)).unwrap();
        let last = text.rfind(|c: char| !c.is_ascii()).unwrap();
        let bytes = sample(copy);
        // Encode the tail: encoding_rs cannot encode the HKSCS pinyin letters earlier on.
        let (tail, _, lossy) = encoding.encode(&text[last..]);
        assert!(!lossy);
        let at = bytes.len() - tail.len();
        let d = ok(&bytes[..at + 1]); // keep the lead byte of the last character
        assert_eq!(d.encoding, encoding, "{copy}");
        assert_eq!(d.text, format!("{}\u{FFFD}", &text[..last]), "{copy}");
        assert_eq!(d.diagnostics.len(), 1, "{copy}");
        let want = format!("at byte offset {at} ");
        assert!(d.diagnostics[0].message.contains(&want), "{copy}: {}", d.diagnostics[0].message);
    }
}

#[test]
fn invalid_bytes_give_their_offset_and_point_at_the_replacement() {
    let cases: [(&str, &str, &Encoding); 3] = [
        ("seed-000.txt", "seed-000.txt", UTF_8),
        ("seed-000.txt", "encodings/seed-000.gbk.txt", GB18030),
        ("seed-003.txt", "encodings/seed-003.big5.txt", BIG5),
    ];
    for (original, file, encoding) in cases {
        // Damage the file after its first five characters.
        let prefix: String = String::from_utf8(sample(original)).unwrap().chars().take(5).collect();
        let (encoded_prefix, _, lossy) = encoding.encode(&prefix);
        assert!(!lossy);
        let at = encoded_prefix.len();
        let mut bytes = sample(file);
        assert!(bytes.starts_with(&encoded_prefix));
        bytes.insert(at, 0xFF);
        let d = ok(&bytes);
        assert_eq!(d.encoding, encoding, "{file}");
        assert_eq!(d.diagnostics.len(), 1, "{file}: {:?}", d.diagnostics);
        let diag = &d.diagnostics[0];
        assert_eq!(diag.code, Code::InvalidBytes);
        let want = format!("byte 0xFF at byte offset {at} is not valid {}", encoding.name());
        assert!(diag.message.contains(&want), "{file}: {}", diag.message);
        assert_eq!(diag.span.start, prefix.len(), "{file}");
        assert_eq!(diag.span.slice(&d.text), Some("\u{FFFD}"), "{file}");
        assert_eq!(
            d.text.replacen('\u{FFFD}', "", 1),
            String::from_utf8(sample(original)).unwrap()
        );
    }
}

#[test]
fn adjacent_invalid_bytes_are_one_run() {
    let mut bytes = "同志们".as_bytes().to_vec();
    bytes.extend([0xFF, 0xFE, 0xFD]);
    bytes.extend("好\n".as_bytes());
    bytes.push(0xC0);
    let d = decode(&bytes, Some(UTF_8)).unwrap();
    assert_eq!(d.text, "同志们\u{FFFD}好\n\u{FFFD}");
    let messages: Vec<&str> = d.diagnostics.iter().map(|d| d.message.as_str()).collect();
    assert_eq!(messages.len(), 2, "{messages:?}");
    assert!(messages[0].starts_with("3 bytes 0xFF 0xFE 0xFD at byte offsets 9–11 "));
    assert!(messages[1].starts_with("byte 0xC0 at byte offset 16 "));
    assert_eq!(d.diagnostics[1].span.slice(&d.text), Some("\u{FFFD}"));
}

#[test]
fn byte_order_marks_decide_and_are_removed() {
    let text = "同志们：\r\n今天𠀀会议。";
    let mut utf8 = b"\xEF\xBB\xBF".to_vec();
    utf8.extend(text.as_bytes());
    let mut be = vec![0xFE, 0xFF];
    be.extend(text.encode_utf16().flat_map(u16::to_be_bytes));
    let mut le = vec![0xFF, 0xFE];
    le.extend(text.encode_utf16().flat_map(u16::to_le_bytes));
    for (bytes, encoding) in [(utf8, UTF_8), (be, UTF_16BE), (le, UTF_16LE)] {
        let d = ok(&bytes);
        assert_eq!((d.text.as_str(), d.encoding, d.bom), (text, encoding, true));
        assert!(d.diagnostics.is_empty());
    }
}

#[test]
fn gb18030_four_byte_sequences() {
    // € is 0xA2E3 in GB18030 (0x80 in GBK); 𠀀 and ǹ need four bytes.
    let text = "价格：100€，字𠀀ǹ。".repeat(20);
    let (bytes, _, lossy) = GB18030.encode(&text);
    assert!(!lossy);
    let d = ok(&bytes);
    assert_eq!((d.text.as_str(), d.encoding), (text.as_str(), GB18030));
}

#[test]
fn forced_encodings_win_over_detection() {
    let bytes = sample("encodings/seed-000.gbk.txt");
    let as_big5 = decode(&bytes, Some(BIG5)).unwrap();
    assert_eq!(as_big5.encoding, BIG5);
    assert_ne!(as_big5.text, String::from_utf8(sample("seed-000.txt")).unwrap());
    let as_gbk = decode(&bytes, encoding_from_label("GBK")).unwrap();
    assert_eq!(as_gbk.encoding, GB18030, "GBK is read as its superset");
    assert_eq!(as_gbk.text, String::from_utf8(sample("seed-000.txt")).unwrap());
    // A BOM that matches the forced encoding is still removed.
    let d = decode(&sample("encodings/seed-002.utf16le.txt"), Some(UTF_16LE)).unwrap();
    assert_eq!(d.text, String::from_utf8(sample("seed-002.txt")).unwrap());
    assert!(d.bom);
}

#[test]
fn labels() {
    let cases: [(&str, Option<&Encoding>); 12] = [
        ("gbk", Some(encoding_rs::GBK)),
        ("GB2312", Some(encoding_rs::GBK)),
        ("gb18030", Some(GB18030)),
        (" Big5 ", Some(BIG5)),
        ("big5-hkscs", Some(BIG5)),
        ("UTF-8", Some(UTF_8)),
        ("utf8", Some(UTF_8)),
        ("utf-16le", Some(UTF_16LE)),
        ("UTF-16BE", Some(UTF_16BE)),
        ("shift_jis", None),
        ("latin1", None),
        ("", None),
    ];
    for (label, want) in cases {
        assert_eq!(encoding_from_label(label), want, "{label:?}");
    }
}

#[test]
fn binary_input_is_refused() {
    let png = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR";
    assert_eq!(binary(png), Evidence::Signature { format: "a PNG image" });
    let docx = b"PK\x03\x04\x14\0\x06\0";
    assert!(matches!(binary(docx), Evidence::Signature { format } if format.contains("DOCX")));
    assert!(matches!(binary(b"%PDF-1.7\n"), Evidence::Signature { .. }));
    assert!(matches!(binary(&[0xFF, 0xD8, 0xFF, 0xE0]), Evidence::Signature { .. }));

    let mut nul = "同志们：".as_bytes().to_vec();
    nul.extend([0, 1, 2]);
    assert_eq!(binary(&nul), Evidence::Nul { offset: 12 });

    // A NUL that is no UTF-16 of Chinese text: refused, and the message says what to do.
    let mut le: Vec<u8> = "ΩΨ".encode_utf16().flat_map(u16::to_le_bytes).collect();
    le.extend([b'\n', 0]);
    let e = decode(&le, None).unwrap_err();
    assert_eq!(e, DecodeError::Binary { evidence: Evidence::Nul { offset: 5 } });
    assert!(e.to_string().contains("utf-16le"), "{e}");
    assert_eq!(decode(&le, Some(UTF_16LE)).unwrap().text, "ΩΨ\n");

    // A NUL character in UTF-16 text with a BOM: its own byte offset.
    let mut le = vec![0xFF, 0xFE];
    le.extend("ab\0c".encode_utf16().flat_map(u16::to_le_bytes));
    assert_eq!(binary(&le), Evidence::Nul { offset: 6 });

    let controls: Vec<u8> = (1u8..=8).chain(b"text".iter().copied()).collect();
    let e = binary(&controls);
    assert_eq!(e, Evidence::ControlCharacters { count: 8, total: 12 });
    assert_eq!(
        DecodeError::Binary { evidence: e }.to_string(),
        "not a text file: 8 of its 12 characters are control characters"
    );
}

#[test]
fn text_with_a_few_control_characters_is_text() {
    let text = "第一页\x0c第二页\t\x1b[0m同志们：\x07好。";
    assert_eq!(ok(text.as_bytes()).text, text);
}

#[test]
fn short_damaged_chinese_is_still_chinese() {
    // A short notice in GBK with one byte that is not GBK: chardetng alone says windows-1252.
    let mut bytes = encoding_rs::GBK.encode("关于召开会议的通知\n各单位：\n请").0.into_owned();
    bytes.push(0xFF);
    bytes.extend_from_slice(&encoding_rs::GBK.encode("参加。\n").0);
    let d = ok(&bytes);
    assert_eq!(d.encoding, GB18030);
    assert_eq!(d.text, "关于召开会议的通知\n各单位：\n请\u{FFFD}参加。\n");
    let codes: Vec<Code> = d.diagnostics.iter().map(|d| d.code).collect();
    assert_eq!(codes, [Code::EncodingUncertain, Code::InvalidBytes], "the guess is doubted");
    // Short Latin-1 text is not mistaken for damaged Chinese, nor read as windows-1252:
    // gongwen does not read it, and says so.
    let (latin, _, _) = encoding_rs::WINDOWS_1252.encode("Le café crème coûte très cher.");
    let d = ok(&latin);
    assert_ne!(d.encoding, encoding_rs::WINDOWS_1252);
    assert_eq!(d.diagnostics[0].code, Code::EncodingUncertain);
    assert!(d.diagnostics[0].message.contains("windows-1252"), "{}", d.diagnostics[0].message);
}

#[test]
fn only_listed_encodings_are_guessed_and_others_are_doubted() {
    let cases: [(&str, &Encoding); 3] = [
        ("Le café crème coûte très cher à Paris, déjà en été. ", encoding_rs::WINDOWS_1252),
        ("Съешь же ещё этих мягких французских булок, да выпей чаю. ", encoding_rs::WINDOWS_1251),
        ("안녕하세요 여러분, 오늘 회의를 시작하겠습니다. ", encoding_rs::EUC_KR),
    ];
    for (text, encoding) in cases {
        let text = text.repeat(4);
        let (bytes, _, lossy) = encoding.encode(&text);
        assert!(!lossy);
        let d = ok(&bytes);
        assert!([UTF_8, GB18030, BIG5].contains(&d.encoding), "{}", d.encoding.name());
        let doubt = &d.diagnostics[0];
        assert_eq!(doubt.code, Code::EncodingUncertain);
        assert!(doubt.message.contains(encoding.name()), "{}", doubt.message);
        assert!(doubt.hint.as_deref().unwrap().contains("--encoding"));
    }
}

#[test]
fn short_damaged_utf8_stays_utf8_with_the_offset_of_the_damage() {
    // Thirty characters and two stray bytes.
    let mut bytes = "关于召开全县安全生产工作会议的通知\n各乡镇、各部门：".as_bytes().to_vec();
    let at = bytes.len();
    bytes.extend([0xC4, 0xFF]);
    bytes.extend("定于本周五召开会议。\n".as_bytes());
    let d = ok(&bytes);
    assert_eq!(d.encoding, UTF_8);
    assert!(d.text.starts_with("关于召开全县") && d.text.ends_with("召开会议。\n"));
    let messages: Vec<&str> = d.diagnostics.iter().map(|d| d.message.as_str()).collect();
    assert_eq!(messages.len(), 1, "{messages:?}");
    assert!(messages[0].contains(&format!("byte offsets {at}–{}", at + 1)), "{messages:?}");
    // A 40-character notice with one name pasted in GBK.
    let mut bytes = "关于召开全县安全生产工作会议的通知\n各乡镇、各部门：请".as_bytes().to_vec();
    bytes.extend_from_slice(&encoding_rs::GBK.encode("张伟").0);
    bytes.extend("同志于本周五上午九时到县政府三楼会议室参加会议。\n".as_bytes());
    let d = ok(&bytes);
    assert_eq!(d.encoding, UTF_8);
    assert!(d.text.contains("到县政府三楼会议室"), "{}", d.text);
    assert!(d.diagnostics.iter().all(|d| d.code == Code::InvalidBytes));
}

/// `text` as UTF-16 without a BOM, in either order, is read back in that order, with a
/// warning that names it.
fn bomless_utf16_is_read_in_its_order(text: &str) {
    let le: Vec<u8> = text.encode_utf16().flat_map(u16::to_le_bytes).collect();
    let be: Vec<u8> = text.encode_utf16().flat_map(u16::to_be_bytes).collect();
    for (bytes, encoding) in [(le, UTF_16LE), (be, UTF_16BE)] {
        let d = ok(&bytes);
        assert_eq!((d.encoding, d.text.as_str()), (encoding, text));
        assert_eq!(d.diagnostics[0].code, Code::EncodingUncertain);
        assert!(d.diagnostics[0].message.contains(encoding.name()));
    }
}

#[test]
fn bomless_utf16_is_recognised_in_either_order_and_utf32_refused_by_name() {
    bomless_utf16_is_read_in_its_order("Notice 通知\n各单位：请于 9:00 到会。\n");
    // One NUL is not enough to tell: refused, with the hint in the right order.
    let be: Vec<u8> = "\nΩΨ".encode_utf16().flat_map(u16::to_be_bytes).collect();
    let e = decode(&be, None).unwrap_err();
    assert!(e.to_string().contains("utf-16be"), "{e}");

    for big_endian in [false, true] {
        let unit = |c: char| {
            if big_endian { u32::from(c).to_be_bytes() } else { u32::from(c).to_le_bytes() }
        };
        let bytes: Vec<u8> = "同志们：\nA".chars().flat_map(unit).collect();
        let e = decode(&bytes, None).unwrap_err();
        assert_eq!(e, DecodeError::Utf32 { big_endian });
        assert!(e.to_string().contains(if big_endian { "UTF-32BE" } else { "UTF-32LE" }), "{e}");
    }
}

#[test]
fn a_forced_encoding_the_bytes_contradict_is_reported() {
    let utf8 = "关于召开会议的通知\n".as_bytes();
    let d = decode(utf8, Some(UTF_16LE)).unwrap();
    assert_eq!(d.encoding, UTF_16LE, "the user's word is followed");
    assert_eq!(d.diagnostics[0].code, Code::EncodingUncertain);
    assert!(d.diagnostics[0].message.contains("valid UTF-8"), "{}", d.diagnostics[0].message);
    // Forcing what the bytes are, or GBK on plain ASCII, says nothing.
    assert!(decode(utf8, Some(UTF_8)).unwrap().diagnostics.is_empty());
    assert!(decode(b"plain text\n", Some(encoding_rs::GBK)).unwrap().diagnostics.is_empty());
}

#[test]
fn utf16_damage_has_its_byte_offset() {
    // A lone high surrogate (D800) after 好, and an odd byte at the end.
    let mut le = vec![0xFF, 0xFE];
    le.extend("同志们".encode_utf16().flat_map(u16::to_le_bytes));
    le.extend([0x00, 0xD8]);
    le.extend("好".encode_utf16().flat_map(u16::to_le_bytes));
    le.push(0x41);
    let d = ok(&le);
    assert_eq!((d.encoding, d.text.as_str()), (UTF_16LE, "同志们\u{FFFD}好\u{FFFD}"));
    let messages: Vec<&str> = d.diagnostics.iter().map(|d| d.message.as_str()).collect();
    assert!(messages[0].contains("at byte offsets 8–9 "), "{messages:?}");
    assert!(messages[1].contains("at byte offset 12 "), "{messages:?}");
    for diag in &d.diagnostics {
        assert_eq!(diag.span.slice(&d.text), Some("\u{FFFD}"));
    }
}

#[test]
fn bomless_utf16_of_chinese_with_no_ascii_is_told_by_its_high_bytes() {
    // Real text with no ASCII at all, so no NUL byte: the opening of seed-002 with its
    // ASCII left out, and a short line of one NUL (the newline).
    let seed = String::from_utf8(sample("seed-002.txt")).unwrap();
    let long: String = seed.chars().filter(|c| !c.is_ascii()).take(2000).collect();
    // 一 is U+4E00: a NUL byte on the side where ASCII has none.
    for text in [long.as_str(), "关于召开全县安全生产工作会议的通知", "同志们：\n", "第一条　一律"]
    {
        bomless_utf16_is_read_in_its_order(text);
    }
    // The same text in GBK and Big5 is still read as what it is.
    let text = "关于召开全县安全生产工作会议的通知";
    let (gbk, _, _) = encoding_rs::GBK.encode(text);
    assert_eq!(ok(&gbk).text, text);
    let big5_text = "關於召開全縣安全生產工作會議的通知";
    let (big5, _, _) = encoding_rs::BIG5.encode(big5_text);
    assert_eq!(ok(&big5).text, big5_text);
}
