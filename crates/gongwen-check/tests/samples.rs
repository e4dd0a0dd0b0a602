//! What `check` finds in the five real speeches, read line by line.

use gongwen_ast::{Code, Diagnostic, Document};
use gongwen_check::check;

fn findings(n: usize) -> (String, Vec<Diagnostic>) {
    let path = format!("{}/../../samples/seed-00{n}.txt", env!("CARGO_MANIFEST_DIR"));
    let source = std::fs::read_to_string(&path).unwrap();
    let diagnostics = check(&source, &Document::default());
    (source, diagnostics)
}

/// The text of each finding with `code`, with the two characters before it.
fn found(source: &str, diagnostics: &[Diagnostic], code: Code) -> Vec<String> {
    diagnostics
        .iter()
        .filter(|d| d.code == code)
        .map(|d| {
            let before: String = source[..d.span.start].chars().rev().take(2).collect();
            let before: String = before.chars().rev().collect();
            format!("{before}|{}", d.span.slice(source).unwrap())
        })
        .collect()
}

#[test]
fn seed_000_is_clean_but_for_half_width_punctuation_and_a_hyphen_range() {
    let (source, diagnostics) = findings(0);
    assert_eq!(found(&source, &diagnostics, Code::HyphenRange).len(), 1);
    let codes: Vec<Code> =
        diagnostics.iter().map(|d| d.code).filter(|&c| c != Code::HyphenRange).collect();
    assert!(codes.iter().all(|&c| c == Code::HalfWidthPunctuation), "{codes:?}");
    // One per body paragraph; none in the title, nor in the trailer, whose colon before a
    // URL is not Chinese context.
    assert_eq!(codes.len(), 6, "{:?}", found(&source, &diagnostics, Code::HalfWidthPunctuation));
}

#[test]
fn seed_001_quotes_that_never_close_and_placeholders() {
    let (source, diagnostics) = findings(1);
    assert_eq!(
        found(&source, &diagnostics, Code::UnbalancedQuote),
        ["要有|“", "临着|“", "要有|“"],
        "一、要有“马上就办…, 三是面临着“虹吸效应…, 二、要有“马上就办…"
    );
    let placeholders = found(&source, &diagnostics, Code::Placeholder);
    assert_eq!(placeholders.len(), 28, "{placeholders:?}");
    assert!(placeholders.iter().all(|p| p.ends_with("|x")), "{placeholders:?}");
    for d in diagnostics.iter().filter(|d| d.code == Code::Placeholder) {
        let next = source[d.span.end..].chars().next().unwrap();
        assert!("%家亿个万名".contains(next), "x followed by {next}");
    }
    assert!(found(&source, &diagnostics, Code::Mojibake).is_empty());
    assert!(found(&source, &diagnostics, Code::StrayCharacter).is_empty());
}

#[test]
fn seed_002_xx_comrade_and_a_hyphen_range() {
    let (source, diagnostics) = findings(2);
    assert_eq!(found(&source, &diagnostics, Code::Placeholder), ["况,|XX"]);
    assert_eq!(found(&source, &diagnostics, Code::HyphenRange), ["报了|1-7月"]);
    let others: Vec<&Diagnostic> = diagnostics
        .iter()
        .filter(|d| {
            !matches!(d.code, Code::Placeholder | Code::HalfWidthPunctuation | Code::HyphenRange)
        })
        .collect();
    assert!(others.is_empty(), "{others:?}");
}

#[test]
fn seed_003_mojibake() {
    let (source, diagnostics) = findings(3);
    assert_eq!(
        found(&source, &diagnostics, Code::Mojibake),
        ["書面|?", "書面|?", "“六|?!?", "老黃|?!"],
        "書面?zhèn)鬟_ in the doubled opening and its copy, 促“六?!?, 老黃?!本?"
    );
    // The lost characters took the closing quotes with them.
    assert_eq!(found(&source, &diagnostics, Code::UnbalancedQuote), ["、促|“", "踐行|“"]);
    assert_eq!(found(&source, &diagnostics, Code::Placeholder), ["言,|*"]);
    assert!(found(&source, &diagnostics, Code::StrayCharacter).is_empty());
}

#[test]
fn seed_004_backtick() {
    let (source, diagnostics) = findings(4);
    assert_eq!(found(&source, &diagnostics, Code::StrayCharacter), ["到的|`"]);
    assert_eq!(found(&source, &diagnostics, Code::Placeholder), ["整為|XX"]);
    // 措施再?gòu)?qiáng)化 and 項(xiàng)目?jī)H有: pinyin whose characters were lost.
    assert_eq!(found(&source, &diagnostics, Code::Mojibake), ["施再|?", ")目|?"]);
}

#[test]
fn every_finding_has_a_true_span_a_message_and_a_hint() {
    for n in 0..5 {
        let (source, diagnostics) = findings(n);
        for d in diagnostics {
            assert!(d.span.slice(&source).is_some_and(|s| !s.is_empty()), "seed-00{n}: {d:?}");
            assert!(!d.message.is_empty() && d.hint.is_some(), "seed-00{n}: {d:?}");
        }
    }
}

#[test]
fn samples_read_in_the_wrong_encoding_are_mojibake() {
    for n in 0..5 {
        let path = format!("{}/../../samples/seed-00{n}.txt", env!("CARGO_MANIFEST_DIR"));
        let bytes = std::fs::read(&path).unwrap();
        // UTF-8 read as GBK, as an old Windows tool would.
        let garbled = gongwen_decode::decode(&bytes, Some(encoding_rs::GBK)).unwrap().text;
        let diagnostics = check(&garbled, &Document::default());
        let lines = garbled.lines().filter(|l| l.chars().count() > 40).count();
        let mojibake = diagnostics.iter().filter(|d| d.code == Code::Mojibake).count();
        assert!(
            mojibake >= lines,
            "seed-00{n}: {mojibake} mojibake findings in {lines} long lines"
        );
        // Read right, no paragraph is called UTF-8 read as GBK.
        let (source, right) = findings(n);
        assert!(
            right.iter().all(|d| !d.message.contains("read as GBK")),
            "{:?}",
            found(&source, &right, Code::Mojibake)
        );
    }
}
