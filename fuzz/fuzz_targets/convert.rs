//! Arbitrary bytes through decoding, every reader (text, XML, Markdown and Word drafts)
//! and every renderer: nothing may panic.
//!
//! `cargo fuzz run convert` (cargo-fuzz needs a nightly compiler, or RUSTC_BOOTSTRAP=1).

#![no_main]

use gongwen::{Format, Options, ParseOptions, ReadOptions, SourceFormat};

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    for from in [SourceFormat::Text, SourceFormat::Xml, SourceFormat::Markdown, SourceFormat::Docx]
    {
        for remove_noise in [true, false] {
            let options = Options {
                from,
                read: ReadOptions {
                    parse: ParseOptions { remove_noise, ..ParseOptions::default() },
                    ..ReadOptions::default()
                },
                ..Options::default()
            };
            let Ok(source) = gongwen::read(data, options.from, &options.read) else { continue };
            let _ = gongwen::check(&source);
            for format in [Format::Xml, Format::Docx, Format::Pdf, Format::Ofd] {
                let _ = gongwen::render(&source.document, format, &options.render);
            }
        }
    }
});
