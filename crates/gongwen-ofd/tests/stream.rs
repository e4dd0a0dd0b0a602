//! Pages written as the layout sends them give the file that the whole layout gives:
//! the same bytes, for plain and sealed copies.

use gongwen_ast::Block;
use gongwen_layout::{SealImage, layout, layout_pages, page_size};
use gongwen_ofd::{OfdOptions, OfdWriter, ofd};
use gongwen_style::StyleProfile;

#[path = "../../../tests/support/samples.rs"]
mod samples;
use samples::{book, streamed};

#[test]
fn streamed_pages_give_the_file_of_the_collected_layout() {
    let fonts = book();
    let profile = StyleProfile::default();
    let png =
        std::fs::read(format!("{}/../../samples/official-seal.png", env!("CARGO_MANIFEST_DIR")))
            .expect("the sample seal");
    let seal = SealImage::from_png(&png).expect("the sample seal reads");
    for (name, mut doc) in streamed() {
        // The official copies are sealed, so that the seal's resource and ImageObjects
        // are numbered too.
        let sealed = name.contains("official");
        for block in doc.blocks.iter_mut() {
            if let Block::Signature(s) = block {
                s.sealed |= sealed;
            }
        }
        let whole = layout(&doc, &profile, &fonts);
        let options =
            OfdOptions { seal: sealed.then(|| seal.clone()), ..OfdOptions::for_document(&doc) };
        let expected = ofd(&whole, &fonts, &options).expect("the layout writes");
        let (width, height) = page_size(&profile);
        let mut writer =
            OfdWriter::new(width, height, &fonts, &options).expect("a usable page size");
        let summary = layout_pages(&doc, &profile, &fonts, &mut writer);
        let streamed = writer.finish(&summary.outline).expect("the pages write");
        assert!(streamed == expected, "{name}: the streamed OFD differs");
        if sealed {
            assert!(whole.pages.iter().any(|p| !p.seals.is_empty()), "{name}: no seal placed");
            let needle = b"seal.png";
            assert!(streamed.windows(needle.len()).any(|w| w == needle), "{name}: no seal drawn");
        }
        if name == "long" {
            assert!(summary.pages > 10, "{}", summary.pages);
        }
    }
}

#[test]
fn a_page_size_that_cannot_be_used_is_refused() {
    let fonts = book();
    let options = OfdOptions::default();
    assert!(OfdWriter::new(0.0, 842.0, &fonts, &options).is_err());
    assert!(OfdWriter::new(f32::NAN, 842.0, &fonts, &options).is_err());
}
