//! Pages written as the layout sends them give the file that the whole layout gives, and
//! the layout sent page by page is the layout collected.

use gongwen_ast::Document;
use gongwen_layout::{FontBook, Page, layout, layout_pages, page_size};
use gongwen_pdf::{PdfOptions, PdfWriter, pdf};
use gongwen_style::StyleProfile;

fn book() -> FontBook {
    let mut book = FontBook::new();
    for font in gongwen_fonts::BUNDLED {
        book.add_static(font.data).expect("bundled fonts parse");
    }
    book
}

fn parse(text: &str) -> Document {
    gongwen_parse::parse(text, &gongwen_parse::ParseOptions::default()).document
}

/// The samples, an official copy with its 版头 and 版记, and a document of many short
/// paragraphs under headings, long enough that pages leave the layout before its end.
fn documents() -> Vec<(String, Document)> {
    let dir = format!("{}/../../samples", env!("CARGO_MANIFEST_DIR"));
    let mut out = Vec::new();
    let mut names: Vec<_> = std::fs::read_dir(&dir)
        .expect("samples")
        .map(|e| e.expect("entry").path())
        .filter(|p| p.extension().is_some_and(|e| e == "txt"))
        .collect();
    names.sort();
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

fn chinese(n: usize) -> String {
    const DIGITS: [&str; 10] = ["", "一", "二", "三", "四", "五", "六", "七", "八", "九"];
    match n {
        1..=9 => DIGITS[n].into(),
        10 => "十".into(),
        11..=19 => format!("十{}", DIGITS[n - 10]),
        _ => format!("{}十{}", DIGITS[n / 10], DIGITS[n % 10]),
    }
}

#[test]
fn streamed_pages_are_the_collected_pages_and_give_the_same_file() {
    let fonts = book();
    let profile = StyleProfile::default();
    for (name, doc) in documents() {
        let whole = layout(&doc, &profile, &fonts);
        let mut sent: Vec<Page> = Vec::new();
        let summary = layout_pages(&doc, &profile, &fonts, &mut |p| sent.push(p));
        assert_eq!(sent, whole.pages, "{name}");
        assert_eq!(summary.pages, whole.pages.len(), "{name}");
        assert_eq!(summary.outline, whole.outline, "{name}");

        let options = PdfOptions::for_document(&doc);
        let expected = pdf(&whole, &fonts, &options).expect("the layout writes");
        let (width, height) = page_size(&profile);
        let mut writer = PdfWriter::new(width, height, &fonts).expect("a usable page size");
        let summary = layout_pages(&doc, &profile, &fonts, &mut writer);
        let streamed = writer.finish(&summary.outline, &options).expect("the pages write");
        assert!(streamed == expected, "{name}: the streamed PDF differs");
        if name == "long" {
            assert!(summary.pages > 10, "{}", summary.pages);
        }
    }
}

#[test]
fn a_page_size_that_cannot_be_used_is_refused() {
    let fonts = book();
    assert!(PdfWriter::new(0.0, 842.0, &fonts).is_err());
    assert!(PdfWriter::new(f32::NAN, 842.0, &fonts).is_err());
}
