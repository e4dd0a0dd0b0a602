//! seed-002 written as OFD beside the same layout written as PDF, so the two writers'
//! times can be compared in one run.

use criterion::{Criterion, criterion_group, criterion_main};
use gongwen_layout::{FontBook, layout};
use gongwen_ofd::{OfdOptions, ofd};
use gongwen_pdf::{PdfOptions, pdf};
use gongwen_style::StyleProfile;

fn seed_002(c: &mut Criterion) {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../../samples/seed-002.txt");
    let text = std::fs::read_to_string(path).expect("sample exists");
    let doc = gongwen_parse::parse(&text, &gongwen_parse::ParseOptions::default()).document;
    let mut fonts = FontBook::new();
    for font in gongwen_fonts::BUNDLED {
        fonts.add_static(font.data).expect("bundled fonts parse");
    }
    let laid = layout(&doc, &StyleProfile::default(), &fonts);
    let (ofd_options, pdf_options) =
        (OfdOptions::for_document(&doc), PdfOptions::for_document(&doc));
    let ofd_len = ofd(&laid, &fonts, &ofd_options).expect("OFD").len();
    let pdf_len = pdf(&laid, &fonts, &pdf_options).expect("PDF").len();
    println!("seed-002: OFD {ofd_len} bytes, PDF {pdf_len} bytes");
    c.bench_function("ofd/seed-002 (subset + write)", |b| {
        b.iter(|| ofd(&laid, &fonts, &ofd_options).expect("OFD"))
    });
    c.bench_function("pdf/seed-002 (subset + write)", |b| {
        b.iter(|| pdf(&laid, &fonts, &pdf_options).expect("PDF"))
    });
}

criterion_group! {
    name = benches;
    config = Criterion::default().sample_size(20);
    targets = seed_002
}
criterion_main!(benches);
