//! Where the time goes for seed-002 (4 pages, ~530 distinct characters): font book set-up,
//! layout, PDF writing (subsetting, compression, serialisation), and all of it together.

use criterion::{Criterion, criterion_group, criterion_main};
use gongwen_layout::{FontBook, layout};
use gongwen_pdf::{PdfOptions, pdf};
use gongwen_style::StyleProfile;

fn book() -> FontBook {
    let mut book = FontBook::new();
    for font in gongwen_fonts::BUNDLED {
        book.add_static(font.data).expect("bundled fonts parse");
    }
    book
}

fn seed_002(c: &mut Criterion) {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../../samples/seed-002.txt");
    let text = std::fs::read_to_string(path).expect("sample exists");
    let options = gongwen_parse::ParseOptions::default();
    let doc = gongwen_parse::parse(&text, &options).document;
    let profile = StyleProfile::default();
    let fonts = book();
    let laid = layout(&doc, &profile, &fonts);
    let pdf_options = PdfOptions::for_document(&doc);

    c.bench_function("fontbook/bundled", |b| b.iter(book));
    c.bench_function("layout/seed-002", |b| b.iter(|| layout(&doc, &profile, &fonts)));
    c.bench_function("pdf/seed-002 (subset + write)", |b| {
        b.iter(|| pdf(&laid, &fonts, &pdf_options).expect("PDF"))
    });
    c.bench_function("end-to-end/seed-002 (parse + fonts + layout + pdf)", |b| {
        b.iter(|| {
            let doc = gongwen_parse::parse(&text, &options).document;
            let fonts = book();
            let laid = layout(&doc, &profile, &fonts);
            pdf(&laid, &fonts, &pdf_options).expect("PDF")
        })
    });
}

criterion_group! {
    name = benches;
    config = Criterion::default().sample_size(20);
    targets = seed_002
}
criterion_main!(benches);
