//! Shared by the renderers' tests: the bundled fonts as one font book, and a sample of
//! `samples/` parsed as the CLI parses it.

#![allow(dead_code)] // each test binary uses part of this module

use gongwen_ast::Document;
use gongwen_layout::FontBook;

/// Every bundled face, as the CLI loads them when no system font is asked for.
pub fn book() -> FontBook {
    let mut book = FontBook::new();
    for font in gongwen_fonts::BUNDLED {
        book.add_static(font.data).expect("bundled fonts parse");
    }
    book
}

/// `samples/{name}.txt`, parsed with the default options.
pub fn sample(name: &str) -> Document {
    let path = format!("{}/../../samples/{name}.txt", env!("CARGO_MANIFEST_DIR"));
    let text = std::fs::read_to_string(&path).expect("sample exists");
    gongwen_parse::parse(&text, &gongwen_parse::ParseOptions::default()).document
}

/// Every `samples/*.txt` and `tests/cases/*.txt` in name order, parsed with the default
/// options, each with its file stem.
pub fn samples_and_cases() -> Vec<(String, Document)> {
    let root = std::path::PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../..");
    let mut paths: Vec<std::path::PathBuf> = ["samples", "tests/cases"]
        .iter()
        .flat_map(|d| std::fs::read_dir(root.join(d)).expect("input folder"))
        .map(|e| e.expect("entry").path())
        .filter(|p| p.extension().is_some_and(|e| e == "txt"))
        .collect();
    paths.sort();
    assert!(paths.len() >= 20, "samples and cases");
    paths
        .into_iter()
        .map(|p| {
            let text = std::fs::read_to_string(&p).expect("UTF-8 input");
            let doc = gongwen_parse::parse(&text, &Default::default()).document;
            (p.file_stem().unwrap().to_string_lossy().into_owned(), doc)
        })
        .collect()
}

/// Every heading of `doc` (its label and text) with its depth in the outline a writer
/// should give: each under the nearest earlier heading of a lower level.
pub fn nested_headings(doc: &Document) -> Vec<(usize, String)> {
    let mut stack: Vec<u8> = Vec::new();
    let mut out = Vec::new();
    for h in doc.headings() {
        while stack.last().is_some_and(|&l| l >= h.level) {
            stack.pop();
        }
        out.push((stack.len(), format!("{}{}", h.label.canonical(), h.content.text())));
        stack.push(h.level);
    }
    out
}

/// Every `samples/*.txt` (named by its path) and a document of many short paragraphs
/// under headings, "long", long enough that pages leave the layout before its end: what
/// the writers that take pages as the layout sends them are checked on.
pub fn streamed() -> Vec<(String, Document)> {
    let parse =
        |text: &str| gongwen_parse::parse(text, &gongwen_parse::ParseOptions::default()).document;
    let dir = format!("{}/../../samples", env!("CARGO_MANIFEST_DIR"));
    let mut names: Vec<_> = std::fs::read_dir(&dir)
        .expect("samples")
        .map(|e| e.expect("entry").path())
        .filter(|p| p.extension().is_some_and(|e| e == "txt"))
        .collect();
    names.sort();
    let mut out = Vec::new();
    for path in names {
        let text = std::fs::read_to_string(&path).expect("sample reads");
        out.push((path.display().to_string(), parse(&text)));
    }
    let mut long = String::from("关于做好年度工作的通知\n各单位：\n");
    for i in 1..=40 {
        long.push_str(&format!("{}、第{i}项工作\n", chinese(i)));
        for j in 0..6 {
            long.push_str(&format!("请各单位认真落实第{i}项第{j}条要求，按时报送进展情况。\n"));
        }
    }
    long.push_str("特此通知。\n某某市人民政府办公室\n2024年3月1日\n");
    out.push(("long".into(), parse(&long)));
    out
}

/// `n` (1 to 99) in Chinese numerals, as a heading counts.
fn chinese(n: usize) -> String {
    const DIGITS: [&str; 10] = ["", "一", "二", "三", "四", "五", "六", "七", "八", "九"];
    match n {
        1..=9 => DIGITS[n].into(),
        10 => "十".into(),
        11..=19 => format!("十{}", DIGITS[n - 10]),
        _ => format!("{}十{}", DIGITS[n / 10], DIGITS[n % 10]),
    }
}

/// The text of `samples/official-003.txt` (a joint notice whose 版记 shares its second page)
/// with `extra` one-line paragraphs more before its signature: as `extra` grows, the
/// 版记 moves from the foot of the last page of text to a page of its own, after a
/// blank page (when the last page of text is even and full) or not.
pub fn official_padded_text(extra: usize) -> String {
    let path = format!("{}/../../samples/official-003.txt", env!("CARGO_MANIFEST_DIR"));
    let text = std::fs::read_to_string(&path).expect("sample exists");
    let signature = text.find("中共某县委员会\n某县人民政府\n2024年").expect("the signature");
    let pad: String = (1..=extra).map(|k| format!("各单位要按时报送第{k}项检查情况。\n")).collect();
    format!("{}{pad}{}", &text[..signature], &text[signature..])
}

/// [`official_padded_text`], parsed with the default options.
pub fn official_padded(extra: usize) -> Document {
    gongwen_parse::parse(&official_padded_text(extra), &Default::default()).document
}
