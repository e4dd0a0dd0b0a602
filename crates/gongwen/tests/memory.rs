//! Memory grows linearly with the input on pathological inputs, and stays a small multiple
//! of it: the peak of bytes allocated at once, counted by a global allocator, for inputs of
//! three sizes (one, two and four times [`SMALL`]). Each measurement runs in a process of
//! its own (this binary, called again with the case to run), so that peaks do not mix.
//!
//! What the peak grows by from two to four times the input must be about twice what it
//! grows by from one to two times, not four times (its square). Growths, not peaks, are
//! compared so that the fixed cost (fonts, tables) drops out: taken off as measured on a
//! tiny input, it was taken off too, wrongly, where the peak comes before the renderer
//! allocates it. The bytes per input byte are the growth from one to four times.

use std::alloc::System;
use std::process::Command;

use cap::Cap;
use gongwen::{Format, Options, SourceFormat};

#[global_allocator]
static ALLOCATOR: Cap<System> = Cap::new(System, usize::MAX);

/// The smallest input, in bytes; the others are twice and four times this.
const SMALL: usize = 128 * 1024;

/// Inputs that once made memory blow up, and a plain speech, with the most heap bytes per
/// input byte each may take at its peak: 1.2 times what it took when the ceilings were last
/// set (in the comment), so that a change that holds more (a whole document's pages or
/// elements at once again, a copy of the text) fails. The PDF paths once took 75–95 bytes
/// a byte, holding every glyph of every page; they now hold a few pages, and a long
/// paragraph where its lines break. The OFD paths stream the same way, each page compressed
/// as it comes. So reading is the peak of most: the tree, and on repaired text the repair's
/// records (48 bytes each), which rendering no longer holds.
const CASES: [(&str, SourceFormat, Format, f64); 12] = [
    // Every character a repair, in one paragraph: one record, as long as the text. Reading
    // is the peak of DOCX (13.0); laying out the paragraph that of PDF and OFD (17.0).
    ("quotes", SourceFormat::Text, Format::Docx, 15.6),
    ("quotes", SourceFormat::Text, Format::Pdf, 20.4),
    // Every other advance differs since "”“" is set in 1.5 em (clreq §3.1.6.2), so OFD's
    // DeltaX no longer folds a line's advances into one "g" run.
    ("quotes", SourceFormat::Text, Format::Ofd, 20.4),
    // A repair every other character, none next to the other: a record each, 12 bytes
    // a byte of them; reading is the peak of all three (21.5).
    ("repairs", SourceFormat::Text, Format::Docx, 25.8),
    ("repairs", SourceFormat::Text, Format::Pdf, 25.8),
    ("repairs", SourceFormat::Text, Format::Ofd, 25.8),
    // 13 bytes a paragraph: the tree's blocks (120 bytes each); reading is the peak
    // (21.3–21.9, by where the blocks' vector last doubled).
    ("paragraphs", SourceFormat::Xml, Format::Docx, 26.3),
    ("paragraphs", SourceFormat::Xml, Format::Pdf, 26.3),
    ("paragraphs", SourceFormat::Xml, Format::Ofd, 26.3),
    // 4.6 (5.4 while DOCX copied each paragraph's text before escaping it), 5.3 and 6.0.
    ("speech", SourceFormat::Text, Format::Docx, 5.5),
    ("speech", SourceFormat::Text, Format::Pdf, 6.4),
    ("speech", SourceFormat::Text, Format::Ofd, 7.2),
];

/// About `size` bytes of input of the kind `name`.
fn input(name: &str, size: usize) -> Vec<u8> {
    let repeat = |unit: &str| unit.repeat(size.div_ceil(unit.len()).max(1));
    match name {
        "quotes" => "\"".repeat(size.max(1)),
        "repairs" => format!("通知\n{}", repeat("好\"好,")),
        "paragraphs" => {
            let body = repeat("  <p>好</p>\n");
            format!(
                "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<document xmlns=\"urn:gongwen:document:1\">\n{body}</document>\n"
            )
        }
        "speech" => {
            let text = include_str!("../../../samples/seed-000.txt");
            let mut out = String::new();
            for (i, line) in text.lines().cycle().enumerate() {
                if out.len() >= size && i > 0 {
                    break;
                }
                // Numbered, so that no line repeats an earlier one (a repeat is removed).
                out.push_str(&format!("{line}{}\n", if i == 0 { String::new() } else { i.to_string() }));
            }
            out
        }
        _ => unreachable!("no such case {name}"),
    }
    .into_bytes()
}

/// Converts one input and prints the peak of bytes allocated at once.
fn measure(name: &str, from: SourceFormat, format: Format, size: usize) {
    let bytes = input(name, size);
    let options = Options { from, ..Options::default() };
    let out = gongwen::convert(&bytes, format, &options).expect("the input converts");
    assert!(!out.bytes.is_empty());
    drop(out);
    println!("{}", ALLOCATOR.max_allocated());
}

fn peak(index: usize, size: usize) -> usize {
    let out = Command::new(std::env::current_exe().unwrap())
        .args(["--case", &index.to_string(), &size.to_string()])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "case {index} at {size} bytes: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap().trim().parse().unwrap()
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    if let [_, flag, index, size] = args.as_slice()
        && flag == "--case"
    {
        let (name, from, format, _) = CASES[index.parse::<usize>().unwrap()];
        measure(name, from, format, size.parse().unwrap());
        return;
    }
    // `cargo test` passes its own flags (a filter, --quiet): every case runs whatever they say.
    let mut failures = Vec::new();
    for (index, &(name, _, format, per_byte)) in CASES.iter().enumerate() {
        let [one, two, four] = [1, 2, 4].map(|n| peak(index, n * SMALL));
        let ratio = four.saturating_sub(two) as f64 / two.saturating_sub(one).max(1) as f64;
        let multiple = four.saturating_sub(one) as f64 / (3 * SMALL) as f64;
        println!(
            "{name} → {format:?}: {} KiB → {one} B, ×2 → {two} B, ×4 → {four} B (growth \
             ×{ratio:.2} for twice the input; {multiple:.1} bytes per input byte)",
            SMALL / 1024,
        );
        // Linear growth doubles; n·log n a little more; a square's would quadruple.
        if ratio > 2.5 || multiple > per_byte {
            failures.push(format!(
                "{name} → {format:?}: growth ×{ratio:.2} for twice the input, {multiple:.1} bytes \
                 per byte (at most ×2.5 and {per_byte})"
            ));
        }
    }
    assert!(failures.is_empty(), "memory grows too fast:\n{}", failures.join("\n"));
    println!("test memory ... ok");
}
