//! How fast `check` reads a speech, and a 5 MB paragraph.

use std::hint::black_box;

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use gongwen_ast::{Block, Content, Document, Span};
use gongwen_check::check;

fn bench(c: &mut Criterion) {
    let speech = include_str!("../../../samples/seed-001.txt");
    let big = speech.replace('\n', "").repeat(5_000_000 / speech.len() + 1);
    let paragraph = Document {
        blocks: vec![Block::Paragraph(Content::plain(big.as_str(), Span::new(0, big.len())))],
        ..Document::default()
    };
    let mut group = c.benchmark_group("check");
    group.throughput(Throughput::Bytes(speech.len() as u64));
    group.bench_function("seed-001 by lines", |b| {
        b.iter(|| check(black_box(speech), &Document::default()))
    });
    group.throughput(Throughput::Bytes(big.len() as u64));
    group.sample_size(10);
    group.bench_function("5 MB paragraph", |b| b.iter(|| check(black_box(&big), &paragraph)));
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
