//! Arbitrary bytes as a font (what `--font-dir` may hold): adding it to a font book,
//! laying out with it and embedding it in a PDF may fail, never panic.
//!
//! `cargo fuzz run font` (cargo-fuzz needs a nightly compiler, or RUSTC_BOOTSTRAP=1). A
//! corpus of real fonts to start from: crates/gongwen-fonts/fonts/.

#![no_main]

use std::sync::Arc;

use gongwen::pdf::FontBook;
use gongwen::{Format, ParseOptions, RenderOptions};

const TEXT: &str = "在全县工作会议上的讲话\n同志们：\n一、提高认识 Abc 123\n谢谢大家！\n";

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    let mut book = FontBook::new();
    for index in 0..2 {
        // Only the fuzzed face: every role falls back to it.
        let _ = book.add(Arc::new(data.to_vec()), index);
    }
    if book.faces().is_empty() {
        return;
    }
    let doc = gongwen::parse(TEXT, &ParseOptions::default()).document;
    let options = RenderOptions { fonts: Some(book), ..RenderOptions::default() };
    let _ = gongwen::render(&doc, Format::Pdf, &options);
});
