//! `decode` takes time in proportion to its input. The bounds are generous (unoptimised
//! builds on a busy machine); the benches give the figures.

use std::time::{Duration, Instant};

use encoding_rs::{GB18030, UTF_8};
use gongwen_decode::decode;

const BOUND: Duration = Duration::from_secs(20);

fn timed(what: &str, bytes: &[u8]) -> gongwen_decode::Decoded {
    let start = Instant::now();
    let decoded = decode(bytes, None).unwrap_or_else(|e| panic!("{what}: {e}"));
    let took = start.elapsed();
    assert!(took < BOUND, "{what}: {} bytes took {took:?}", bytes.len());
    decoded
}

#[test]
fn five_megabytes_of_gbk() {
    let one = include_bytes!("../../../samples/encodings/seed-000.gbk.txt");
    let big = one.repeat(5_000_000 / one.len() + 1);
    let d = timed("GBK", &big);
    assert_eq!((d.encoding, d.diagnostics.len()), (GB18030, 0));
}

#[test]
fn damage_everywhere() {
    // UTF-8 with a bad byte after every 60 characters: 100,000 diagnostics.
    let line = "同志们".repeat(20);
    let mut big = Vec::new();
    for _ in 0..100_000 {
        big.extend(line.as_bytes());
        big.push(0xFF);
    }
    let d = timed("damaged UTF-8", &big);
    assert_eq!((d.encoding, d.diagnostics.len()), (UTF_8, 100_000));
    // One long run of bad bytes is one diagnostic.
    let mut run = "同志们".repeat(100).into_bytes();
    run.extend(std::iter::repeat_n(0xFFu8, 5_000_000));
    let d = decode(&run, Some(UTF_8)).unwrap();
    assert_eq!(d.diagnostics.len(), 1);
    assert!(
        d.diagnostics[0].message.starts_with("5000000 bytes 0xFF"),
        "{}",
        d.diagnostics[0].message
    );
}
