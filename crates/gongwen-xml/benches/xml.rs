//! Writing and reading the XML of the five samples, parsed as one document.

use std::hint::black_box;
use std::path::PathBuf;

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use gongwen_parse::{ParseOptions, parse};

fn samples() -> String {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../samples");
    let mut text = String::new();
    for i in 0..5 {
        let path = dir.join(format!("seed-00{i}.txt"));
        text.push_str(&std::fs::read_to_string(path).expect("sample"));
        text.push('\n');
    }
    text
}

fn bench(c: &mut Criterion) {
    let doc = parse(&samples(), &ParseOptions::default()).document;
    let xml = gongwen_xml::to_string(&doc);
    let mut group = c.benchmark_group("xml");
    group.throughput(Throughput::Bytes(xml.len() as u64));
    group.bench_function("write five samples", |b| {
        b.iter(|| gongwen_xml::to_string(black_box(&doc)))
    });
    group
        .bench_function("read five samples", |b| b.iter(|| gongwen_xml::from_str(black_box(&xml))));
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
