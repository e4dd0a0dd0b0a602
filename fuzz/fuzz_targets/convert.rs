//! Arbitrary bytes through decoding, a reader (the one `gongwen convert -` picks for them:
//! text, XML, Markdown or a Word draft, and the text reader too when it is another) and
//! every renderer: nothing may panic.
//!
//! Noise removal is on for inputs of even length and off for odd ones, so that mutations
//! exercise both at half the cost of running each input twice.
//!
//! `cargo fuzz run convert` (cargo-fuzz needs a nightly compiler, or RUSTC_BOOTSTRAP=1).

#![no_main]

use gongwen::{Format, Options, ParseOptions, ReadOptions, SourceFormat};

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    let detected = gongwen::detect(data, None);
    let text = (detected != SourceFormat::Text).then_some(SourceFormat::Text);
    for from in std::iter::once(detected).chain(text) {
        let options = Options {
            from,
            read: ReadOptions {
                parse: ParseOptions {
                    remove_noise: data.len() % 2 == 0,
                    ..ParseOptions::default()
                },
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
});
