//! Shared by the renderers' tests: the bundled fonts as one font book, and a sample of
//! `samples/` parsed as the CLI parses it.

#![allow(dead_code)] // each test binary uses part of this module

use gongwen_ast::Document;
use gongwen_layout::FontBook;

/// Every bundled face, as the CLI loads them when no system font is asked for.
pub fn book() -> FontBook {
    let mut book = FontBook::new();
    for font in gongwen_fonts::BUNDLED {
        book.add_static(font.data).expect("bundled fonts parse");
    }
    book
}

/// `samples/{name}.txt`, parsed with the default options.
pub fn sample(name: &str) -> Document {
    let path = format!("{}/../../samples/{name}.txt", env!("CARGO_MANIFEST_DIR"));
    let text = std::fs::read_to_string(&path).expect("sample exists");
    gongwen_parse::parse(&text, &gongwen_parse::ParseOptions::default()).document
}
