//! How fast `decode` detects and decodes a speech and 5 MB, in UTF-8, GBK and Big5.

use std::hint::black_box;

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use gongwen_decode::decode;

fn bench(c: &mut Criterion) {
    let samples = concat!(env!("CARGO_MANIFEST_DIR"), "/../../samples");
    let read = |name: &str| std::fs::read(format!("{samples}/{name}")).expect("sample");
    let mut group = c.benchmark_group("decode");
    for name in ["seed-000.txt", "encodings/seed-000.gbk.txt", "encodings/seed-003.big5.txt"] {
        let one = read(name);
        let big = one.repeat(5_000_000 / one.len() + 1);
        group.throughput(Throughput::Bytes(one.len() as u64));
        group.bench_function(name, |b| b.iter(|| decode(black_box(&one), None)));
        group.throughput(Throughput::Bytes(big.len() as u64));
        group.sample_size(10);
        group.bench_function(format!("{name} × 5 MB"), |b| {
            b.iter(|| decode(black_box(&big), None))
        });
        group.sample_size(100);
    }
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
