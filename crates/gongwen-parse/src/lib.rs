//! Reads Chinese speeches (讲话稿) and official documents written as plain text into the
//! gongwen document tree.
//!
//! The reader never fails: any text gives a [`Document`] plus [`Diagnostic`]s.

use gongwen_ast::{Block, Content, Diagnostic, Document, Span};

/// What the reader may do to the text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ParseOptions {
    /// Drop web noise (trailers, paywall lines, related-article lists) into removed blocks.
    pub remove_noise: bool,
}

impl Default for ParseOptions {
    fn default() -> ParseOptions {
        ParseOptions { remove_noise: true }
    }
}

/// A parsed document and what the reader found to say about its source.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Parsed {
    /// The tree.
    pub document: Document,
    /// Findings about the source, in source order.
    pub diagnostics: Vec<Diagnostic>,
}

/// Reads `source` into a document tree.
pub fn parse(source: &str, _options: &ParseOptions) -> Parsed {
    // Placeholder until recognition lands: one paragraph per non-blank line.
    let mut blocks = Vec::new();
    let mut offset = 0;
    for line in source.split_inclusive('\n') {
        let text = line.trim();
        if !text.is_empty() {
            let start = offset + line.find(text).unwrap_or(0);
            blocks.push(Block::Paragraph(Content::plain(text, Span::new(start, start + text.len()))));
        }
        offset += line.len();
    }
    Parsed { document: Document { blocks, ..Document::default() }, diagnostics: Vec::new() }
}
