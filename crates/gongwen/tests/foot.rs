//! The 版记 (GB/T 9704 §7.4) on the same page, at the same height, in the PDF and in
//! LibreOffice's print of the DOCX, which `render` places by the PDF's layout: at the foot
//! of the last page of text (official-001, official-003), on a page of its own after an
//! odd one (official-002, and official-003 grown onto a third page), and after a blank
//! page when the last page of text is even and full (official-003 grown to fill its
//! second page); the page numbers alike (§7.5: none on a blank page before the 版记 and
//! on the 版记's page after it). LibreOffice and poppler are required: the test fails,
//! never skips, when one is missing.

#[path = "../../../tests/support/print.rs"]
mod print;
#[path = "../../../tests/support/samples.rs"]
mod samples;

use gongwen::{Format, RenderOptions};
use gongwen_ast::Document;
use gongwen_layout::{FootPlacement, layout_pages};
use gongwen_style::{PT_PER_MM, StyleProfile};
use print::{Page, Word, libreoffice_pdfs, pdf_pages};

/// What a page shows of the 版记 and the page number: the page number's text, and the
/// middles of the 抄送 and 印发 lines (points from the page top) when it holds them.
#[derive(Debug)]
struct Seen {
    number: String,
    cc: Option<f32>,
    printed: Option<f32>,
    blank: bool,
}

fn seen(page: &Page, text_bottom: f32) -> Seen {
    let middle = |w: &Word| (w.y_min + w.y_max) / 2.0;
    let below: Vec<&Word> = page.words.iter().filter(|w| w.y_min > text_bottom).collect();
    Seen {
        number: below.iter().map(|w| w.text.replace(' ', "")).collect(),
        cc: page.words.iter().find(|w| w.text.starts_with("抄送")).map(middle),
        printed: page.words.iter().find(|w| w.text.ends_with("印发")).map(middle),
        blank: page.words.is_empty(),
    }
}

#[test]
fn libreoffice_prints_the_foot_where_the_pdf_has_it() {
    let profile = StyleProfile::default();
    let text_bottom = (profile.page.margin_top_mm + profile.page.text_height_mm()) * PT_PER_MM;
    let cases: Vec<(String, Document)> =
        ["official-001", "official-002", "official-003"]
            .into_iter()
            .map(|s| (s.to_string(), samples::sample(s)))
            .chain([8, 14].map(|extra| {
                (format!("official-003-plus-{extra}"), samples::official_padded(extra))
            }))
            .collect();
    let fonts = gongwen::pdf::bundled_fonts();
    let placements: Vec<&str> = cases
        .iter()
        .map(|(_, doc)| match layout_pages(doc, &profile, fonts, &mut |_| {}).foot {
            FootPlacement::Shared { .. } => "shared",
            FootPlacement::OwnPage => "own page",
            FootPlacement::AfterBlank => "after a blank page",
            FootPlacement::None => "none",
        })
        .collect();
    assert_eq!(
        placements,
        ["shared", "own page", "shared", "after a blank page", "own page"],
        "every placement among the cases"
    );
    let dir = tempfile::tempdir().expect("temporary directory");
    let options = RenderOptions::default();
    let mut docx = Vec::new();
    for (name, doc) in &cases {
        for (format, ext) in [(Format::Pdf, "pdf"), (Format::Docx, "docx")] {
            let bytes = gongwen::render(doc, format, &options).expect("renders").bytes;
            let path = dir.path().join(format!("{name}.{ext}"));
            std::fs::write(&path, bytes).expect("write");
            if ext == "docx" {
                docx.push(path);
            }
        }
    }
    let printed = libreoffice_pdfs(&docx, dir.path());
    for (name, _) in &cases {
        let ours = pdf_pages(&dir.path().join(format!("{name}.pdf")));
        let theirs = pdf_pages(&printed.join(format!("{name}.pdf")));
        assert_eq!(theirs.len(), ours.len(), "{name}: pages");
        assert_eq!(ours.len() % 2, 0, "{name}: the 版记 on an even page");
        for (i, (a, b)) in ours.iter().zip(&theirs).enumerate() {
            let (a, b) = (seen(a, text_bottom), seen(b, text_bottom));
            let at = format!("{name} page {}", i + 1);
            assert_eq!(b.number, a.number, "{at}: page number");
            assert_eq!(b.blank, a.blank, "{at}: blank");
            let last = i + 1 == ours.len();
            assert_eq!(a.cc.is_some(), last, "{at}: 抄送 in the PDF on the last page only");
            for (what, x, y) in [("抄送", a.cc, b.cc), ("印发", a.printed, b.printed)] {
                match (x, y) {
                    (Some(x), Some(y)) => {
                        assert!((x - y).abs() <= 1.5 * PT_PER_MM, "{at}: {what} at {x} and {y}")
                    }
                    (None, None) => {}
                    _ => panic!("{at}: {what} in one output only: {x:?} {y:?}"),
                }
            }
        }
    }
}
