//! Pages written as the layout sends them give the file that the whole layout gives, and
//! the layout sent page by page is the layout collected.

use gongwen_layout::{Page, layout, layout_pages, page_size};
use gongwen_pdf::{PdfOptions, PdfWriter, pdf};
use gongwen_style::StyleProfile;

#[path = "../../../tests/support/samples.rs"]
mod samples;
use samples::{book, streamed};

#[test]
fn streamed_pages_are_the_collected_pages_and_give_the_same_file() {
    let fonts = book();
    let profile = StyleProfile::default();
    for (name, doc) in streamed() {
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
