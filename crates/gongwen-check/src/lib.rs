//! Finds drafting errors in Chinese official documents.
//!
//! [`check`] runs a table of small lint rules over the decoded source and its parsed tree:
//! mojibake, unbalanced quotes and brackets, placeholders left from drafting, stray
//! characters, half-width punctuation in Chinese text and over-long titles. Each finding
//! is a [`Diagnostic`] with a stable [`Code`](gongwen_ast::Code), a span into the source and a hint.
//!
//! Rules read the source, not the normalised tree, because the source is what the user
//! edits; they read it paragraph by paragraph as the tree divides it, and skip what the
//! reader removed as noise. Heading numbering is the reader's business, not this crate's.
//!
//! ```
//! use gongwen_ast::{Block, Code, Content, Document, Span};
//!
//! let source = "要有“马上就办的紧迫感";
//! let doc = Document {
//!     blocks: vec![Block::Paragraph(Content::plain(source, Span::new(0, source.len())))],
//!     ..Document::default()
//! };
//! let codes: Vec<Code> = gongwen_check::check(source, &doc).iter().map(|d| d.code).collect();
//! assert_eq!(codes, [Code::UnbalancedQuote]);
//! ```

mod chars;
mod rules;

use gongwen_ast::{Block, Diagnostic, Document, Inline, Span};

/// Lints `source` as read into `doc`. Diagnostics come in source order.
///
/// `doc` must have been read from `source` (its spans index it). A document with no blocks,
/// or none with a span, is checked line by line.
pub fn check(source: &str, doc: &Document) -> Vec<Diagnostic> {
    let ctx = Context::new(source, doc);
    let mut out = Vec::new();
    for rule in rules::MOJIBAKE.iter().chain(rules::DRAFTING) {
        rule(&ctx, &mut out);
    }
    out.sort_by_key(|d| (d.span.start, d.span.end, d.code));
    out
}

/// The findings of [`check`] about text garbled by a wrong encoding
/// ([`Code::Mojibake`](gongwen_ast::Code::Mojibake)) alone, as `convert` looks for them in
/// every input. Its rules read one paragraph at a time, so the characters of one paragraph
/// are held at once, not of the whole source: 6.5 MB of XML, checked line by line, once
/// held 70 MB here.
pub fn mojibake(source: &str, doc: &Document) -> Vec<Diagnostic> {
    let removed = removed_spans_of(doc);
    let mut out = Vec::new();
    for span in paragraph_spans(source, doc) {
        let paragraph = kept_chars(source, span, &removed);
        if paragraph.chars.is_empty() {
            continue;
        }
        let ctx = Context { doc, paragraphs: vec![paragraph] };
        for rule in rules::MOJIBAKE {
            rule(&ctx, &mut out);
        }
    }
    out.sort_by_key(|d| (d.span.start, d.span.end, d.code));
    out
}

/// What every rule reads.
pub(crate) struct Context<'a> {
    /// The tree read from it.
    pub doc: &'a Document,
    /// The source divided into paragraphs, removed text left out.
    pub paragraphs: Vec<Paragraph>,
}

/// The kept characters of one paragraph with their byte offsets from its start: 32 bits,
/// so that a character takes 8 bytes (16 MB of text once took 256 MB here).
pub(crate) struct Paragraph {
    /// Where the paragraph starts in the source.
    start: usize,
    pub chars: Vec<(u32, char)>,
}

impl Paragraph {
    /// The character at `i`, if any.
    pub fn at(&self, i: usize) -> Option<char> {
        self.chars.get(i).map(|&(_, c)| c)
    }

    /// The character before the one at `i`, if any.
    pub fn before(&self, i: usize) -> Option<char> {
        i.checked_sub(1).and_then(|j| self.at(j))
    }

    /// The source span from the character at `from` to the end of the one at `to`.
    pub fn span(&self, from: usize, to: usize) -> Span {
        let (first, _) = self.chars[from];
        let (last, c) = self.chars[to];
        Span::new(self.start + first as usize, self.start + last as usize + c.len_utf8())
    }
}

impl<'a> Context<'a> {
    fn new(source: &'a str, doc: &'a Document) -> Context<'a> {
        let removed = removed_spans_of(doc);
        let paragraphs = paragraph_spans(source, doc)
            .map(|span| kept_chars(source, span, &removed))
            .filter(|p| !p.chars.is_empty())
            .collect();
        Context { doc, paragraphs }
    }
}

/// The spans of a paragraph each: a run-in heading joined to the paragraph it opens; with
/// no blocks (or none with a span), each line, found as they are read.
fn paragraph_spans<'a>(source: &'a str, doc: &Document) -> impl Iterator<Item = Span> + 'a {
    // A tree built by hand or read from XML may carry no spans into this source.
    let by_lines = doc.blocks.iter().all(|b| b.span().is_empty());
    let lines = by_lines.then(|| {
        source.split_inclusive('\n').scan(0, |start, line| {
            *start += line.len();
            Some(Span::new(*start - line.len(), *start))
        })
    });
    let blocks = if by_lines { Vec::new() } else { block_spans(doc) };
    lines.into_iter().flatten().chain(blocks)
}

/// The spans of the paragraphs of a tree that has them.
fn block_spans(doc: &Document) -> Vec<Span> {
    let mut spans: Vec<Span> = Vec::new();
    let mut joins_next = false;
    for block in &doc.blocks {
        if matches!(block, Block::Removed(_)) {
            joins_next = false;
            continue;
        }
        let span = block.span();
        match spans.last_mut() {
            Some(last) if joins_next && matches!(block, Block::Paragraph(_)) => {
                *last = last.join(span);
            }
            _ => spans.push(span),
        }
        joins_next = matches!(block, Block::Heading(h) if h.run_in);
    }
    spans
}

/// The spans of everything the reader removed, sorted.
fn removed_spans_of(doc: &Document) -> Vec<Span> {
    let mut removed = Vec::new();
    for block in &doc.blocks {
        removed_spans(block, &mut removed);
    }
    removed.sort();
    removed
}

fn removed_spans(block: &Block, out: &mut Vec<Span>) {
    let contents = match block {
        Block::Removed(r) => {
            out.push(r.span);
            return;
        }
        Block::Appendix(a) => {
            a.blocks.iter().for_each(|b| removed_spans(b, out));
            a.title.iter().flat_map(|t| &t.lines).collect()
        }
        other => other.contents(),
    };
    for c in contents {
        out.extend(c.inlines.iter().filter_map(|i| match i {
            Inline::Removed(r) => Some(r.span),
            Inline::Text(_) => None,
        }));
    }
}

/// The characters of `source` in `span` that no removed span covers. `removed` is sorted.
/// A paragraph of 4 GiB or more is not checked.
fn kept_chars(source: &str, span: Span, removed: &[Span]) -> Paragraph {
    let Some(text) = span.slice(source).filter(|t| u32::try_from(t.len()).is_ok()) else {
        return Paragraph { start: span.start, chars: Vec::new() };
    };
    // The first removed span that may cover the paragraph's start.
    let mut next = removed.partition_point(|r| r.end <= span.start);
    // Counted first: grown by doubling, a long paragraph's list took up to twice the room.
    let mut chars = Vec::with_capacity(text.chars().count());
    for (i, c) in text.char_indices() {
        let at = span.start + i;
        while next < removed.len() && removed[next].end <= at {
            next += 1;
        }
        let is_removed = removed.get(next).is_some_and(|r| r.start <= at);
        if !is_removed && c != '\n' && c != '\r' {
            chars.push((i as u32, c));
        }
    }
    Paragraph { start: span.start, chars }
}
