//! `decode` takes time in proportion to its input: four times the input takes at most
//! about four times as long (see tests/support/linear.rs); the benches give the figures.

#[path = "../../../tests/support/linear.rs"]
mod linear;

use encoding_rs::{GB18030, UTF_8};
use gongwen_decode::decode;
use linear::assert_linear;

#[test]
fn gbk_text() {
    let one = include_bytes!("../../../samples/encodings/seed-000.gbk.txt");
    let d = assert_linear(
        "GBK",
        one_megabyte_in(one.len()),
        |repeats| one.repeat(repeats),
        |bytes| decode(bytes, None).unwrap(),
    );
    assert_eq!((d.encoding, d.diagnostics.len()), (GB18030, 0));
}

#[test]
fn damage_everywhere() {
    // UTF-8 with a bad byte after every 60 characters: one diagnostic each.
    let line = "同志们".repeat(20);
    let damaged = |lines: usize| {
        let mut big = Vec::new();
        for _ in 0..lines {
            big.extend(line.as_bytes());
            big.push(0xFF);
        }
        big
    };
    let d = assert_linear("damaged UTF-8", 25_000, damaged, |bytes| decode(bytes, None).unwrap());
    assert_eq!((d.encoding, d.diagnostics.len()), (UTF_8, 100_000));
}

#[test]
fn one_long_run_of_bad_bytes_is_one_diagnostic() {
    let run = |bad: usize| {
        let mut run = "同志们".repeat(100).into_bytes();
        run.extend(std::iter::repeat_n(0xFFu8, bad));
        run
    };
    let d =
        assert_linear("a run of 0xFF", 1_250_000, run, |bytes| decode(bytes, Some(UTF_8)).unwrap());
    assert_eq!(d.diagnostics.len(), 1);
    assert!(
        d.diagnostics[0].message.starts_with("5000000 bytes 0xFF"),
        "{}",
        d.diagnostics[0].message
    );
}

/// How many repeats of `len` bytes make about a megabyte.
fn one_megabyte_in(len: usize) -> usize {
    1_000_000 / len + 1
}
