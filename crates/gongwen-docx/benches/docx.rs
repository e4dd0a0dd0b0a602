//! A five-page speech (seed-002, read by the parser) to DOCX bytes, in process.

use criterion::{Criterion, criterion_group, criterion_main};
use gongwen_docx::{DocxOptions, docx};
use gongwen_parse::{ParseOptions, parse};
use gongwen_style::StyleProfile;

fn bench(c: &mut Criterion) {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../../samples/seed-002.txt");
    let text = std::fs::read_to_string(path).expect("samples/seed-002.txt");
    let doc = parse(&text, &ParseOptions::default()).document;
    let profile = StyleProfile::default();
    let options = DocxOptions::default();
    c.bench_function("seed-002 to docx", |b| {
        b.iter(|| docx(std::hint::black_box(&doc), &profile, &options).expect("renders"))
    });
}

criterion_group!(benches, bench);
criterion_main!(benches);
