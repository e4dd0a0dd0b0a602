//! The DOCX reader on seed-002 (4 pages) as gongwen writes it, against the text reader on
//! the same text: what reading a Word draft costs over reading its text.

use criterion::{Criterion, criterion_group, criterion_main};
use gongwen_parse::{ParseOptions, parse};

fn seed_002(c: &mut Criterion) {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../../samples/seed-002.txt");
    let text = std::fs::read_to_string(path).expect("sample exists");
    let options = ParseOptions::default();
    let doc = parse(&text, &options).document;
    let profile = gongwen_style::StyleProfile::default();
    let docx = gongwen_docx::docx(&doc, &profile, &Default::default()).expect("DOCX");
    c.bench_function("text/seed-002", |b| b.iter(|| parse(&text, &options)));
    c.bench_function("docx/seed-002", |b| {
        b.iter(|| gongwen_parse_docx::read(&docx, &options).expect("reads"))
    });
}

criterion_group!(benches, seed_002);
criterion_main!(benches);
