//! Parsing speed on a ~1 MB speech: the five samples repeated, with and without repairs.

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
    let mut group = c.benchmark_group("parse");
    group.throughput(Throughput::Bytes(text.len() as u64));
    // What normalisation and conversion to simplified characters cost on top of reading.
    let runs = [
        ("1 MB speech", ParseOptions::default()),
        ("1 MB speech, no normalisation", ParseOptions { normalize: false, ..Default::default() }),
        ("1 MB speech, simplified", ParseOptions { simplified: true, ..Default::default() }),
    ];
    for (name, options) in runs {
        group.bench_function(name, |b| b.iter(|| parse(black_box(&text), &options)));
    }
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
