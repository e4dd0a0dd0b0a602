//! Shared helper: the bundled fonts as a book.

use gongwen_layout::FontBook;

/// Every bundled face.
pub fn book() -> FontBook {
    let mut book = FontBook::new();
    for font in gongwen_fonts::BUNDLED {
        book.add_static(font.data).expect("bundled fonts parse");
    }
    book
}
