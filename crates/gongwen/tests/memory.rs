//! Memory grows linearly with the input on pathological inputs, and stays a small multiple
//! of it: the peak of bytes allocated at once, counted by a global allocator, for inputs of
//! two sizes. Each measurement runs in a process of its own (this binary, called again with
//! the case to run), so that peaks do not mix.
//!
//! The fixed cost (fonts, tables) is measured on a tiny input of the same kind and taken
//! off; what is left must grow by the ratio of the sizes (four), not its square.

use std::alloc::System;
use std::process::Command;

use cap::Cap;
use gongwen::{Format, Options, SourceFormat};

#[global_allocator]
static ALLOCATOR: Cap<System> = Cap::new(System, usize::MAX);

/// The smaller input, in bytes; the larger is four times this.
const SMALL: usize = 128 * 1024;

/// Inputs that once made memory blow up, and a plain speech, with the most heap bytes per
/// input byte each may take at its peak: what it took when the ceilings were last set, and
/// about a fifth more, so that a change that holds more (a whole document's pages or
/// elements at once again) fails. The PDF paths once took 75–95 bytes a byte, holding
/// every glyph of every page; they now hold a few pages, and a long paragraph where its
/// lines break, so that reading (the repair's records) is what the text paths' peak is.
/// The OFD paths stream the same way; they keep each page's Content.xml until the end,
/// which is what they hold above the PDF's on many short paragraphs.
const CASES: [(&str, SourceFormat, Format, usize); 12] = [
    // Every character a repair, in one paragraph: the repair's records are most of it.
    ("quotes", SourceFormat::Text, Format::Docx, 18),
    ("quotes", SourceFormat::Text, Format::Pdf, 26),
    // Every other advance differs since "”“" is set in 1.5 em (clreq §3.1.6.2), so OFD's
    // DeltaX no longer folds a line's advances into one "g" run: 38.8 bytes a byte.
    ("quotes", SourceFormat::Text, Format::Ofd, 47),
    // A repair every other character, none next to the other: a record each.
    ("repairs", SourceFormat::Text, Format::Docx, 46),
    ("repairs", SourceFormat::Text, Format::Pdf, 46),
    ("repairs", SourceFormat::Text, Format::Ofd, 47),
    // 13 bytes a paragraph: the tree's blocks.
    ("paragraphs", SourceFormat::Xml, Format::Docx, 26),
    ("paragraphs", SourceFormat::Xml, Format::Pdf, 26),
    ("paragraphs", SourceFormat::Xml, Format::Ofd, 47),
    ("speech", SourceFormat::Text, Format::Docx, 12),
    ("speech", SourceFormat::Text, Format::Pdf, 14),
    ("speech", SourceFormat::Text, Format::Ofd, 20),
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
        let fixed = peak(index, 0);
        let small = peak(index, SMALL).saturating_sub(fixed);
        let large = peak(index, 4 * SMALL).saturating_sub(fixed);
        let ratio = large as f64 / small.max(1) as f64;
        let multiple = large as f64 / (4 * SMALL) as f64;
        println!(
            "{name} → {format:?}: fixed {fixed} B, {} KiB → {small} B, {} KiB → {large} B \
             (×{ratio:.2}; {multiple:.1} bytes per input byte)",
            SMALL / 1024,
            4 * SMALL / 1024
        );
        if ratio > 5.0 || multiple > per_byte as f64 {
            failures.push(format!(
                "{name} → {format:?}: ×{ratio:.2} for four times the input, {multiple:.1} bytes per \
                 byte (at most ×5 and {per_byte})"
            ));
        }
    }
    assert!(failures.is_empty(), "memory grows too fast:\n{}", failures.join("\n"));
    println!("test memory ... ok");
}
