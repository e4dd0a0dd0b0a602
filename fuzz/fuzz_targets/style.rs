//! Arbitrary style profiles: a profile that reads must render DOCX and PDF without a
//! panic, and a profile that does not read is an error, never a panic.
//!
//! `cargo fuzz run style` (cargo-fuzz needs a nightly compiler, or RUSTC_BOOTSTRAP=1).

#![no_main]

use gongwen::{Format, ParseOptions, RenderOptions, StyleProfile};

const TEXT: &str = "在全县工作会议上的讲话\n同志们：\n一、提高认识\n（一）要敢想。今天我们召开会议，2024年。\n谢谢大家！\n";

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    let Ok(toml) = std::str::from_utf8(data) else { return };
    let Ok(style) = StyleProfile::from_toml(toml) else { return };
    let doc = gongwen::parse(TEXT, &ParseOptions::default()).document;
    let options = RenderOptions { style, ..RenderOptions::default() };
    for format in [Format::Docx, Format::Pdf] {
        let _ = gongwen::render(&doc, format, &options);
    }
});
