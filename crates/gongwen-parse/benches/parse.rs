//! Parsing speed on a ~1 MB speech: the five samples repeated.

use std::hint::black_box;
use std::path::PathBuf;

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use gongwen_parse::{ParseOptions, parse};

fn megabyte_speech() -> String {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../samples");
    let mut samples = String::new();
    for i in 0..5 {
        let path = dir.join(format!("seed-00{i}.txt"));
        samples.push_str(&std::fs::read_to_string(path).expect("sample"));
        samples.push('\n');
    }
    let mut text = String::new();
    while text.len() < 1 << 20 {
        text.push_str(&samples);
    }
    text
}

fn bench(c: &mut Criterion) {
    let text = megabyte_speech();
    let options = ParseOptions::default();
    let mut group = c.benchmark_group("parse");
    group.throughput(Throughput::Bytes(text.len() as u64));
    group.bench_function("1 MB speech", |b| b.iter(|| parse(black_box(&text), &options)));
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
