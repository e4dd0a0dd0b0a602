//! Shared helpers: the bundled fonts as a book, samples parsed.

use gongwen_layout::FontBook;

/// Every bundled face.
pub fn book() -> FontBook {
    let mut book = FontBook::new();
    for font in gongwen_fonts::BUNDLED {
        book.add_static(font.data).expect("bundled fonts parse");
    }
    book
}

/// A sample from `samples/`, parsed.
pub fn sample(name: &str) -> gongwen_ast::Document {
    let path = format!("{}/../../samples/{name}.txt", env!("CARGO_MANIFEST_DIR"));
    let text = std::fs::read_to_string(&path).expect("sample exists");
    gongwen_parse::parse(&text, &gongwen_parse::ParseOptions::default()).document
}
