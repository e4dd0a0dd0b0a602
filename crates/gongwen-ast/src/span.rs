/// A byte range in the source text a block or inline was read from.
///
/// Spans index the *decoded* source (UTF-8), so they are valid `str` slice bounds of the
/// text handed to the reader. A tree built by hand, or one whose spans were erased for
/// comparison, uses [`Span::DETACHED`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Default)]
pub struct Span {
    /// First byte, inclusive.
    pub start: usize,
    /// Last byte, exclusive.
    pub end: usize,
}

impl Span {
    /// The span of content that does not come from any source.
    pub const DETACHED: Span = Span { start: 0, end: 0 };

    /// A span from `start` (inclusive) to `end` (exclusive).
    pub const fn new(start: usize, end: usize) -> Span {
        Span { start, end }
    }

    /// Length in bytes.
    pub const fn len(self) -> usize {
        self.end.saturating_sub(self.start)
    }

    /// Whether the span covers no bytes.
    pub const fn is_empty(self) -> bool {
        self.len() == 0
    }

    /// The smallest span covering both.
    pub fn join(self, other: Span) -> Span {
        if self == Span::DETACHED {
            return other;
        }
        if other == Span::DETACHED {
            return self;
        }
        Span::new(self.start.min(other.start), self.end.max(other.end))
    }

    /// The text this span covers, or `None` when it does not fit `source`.
    pub fn slice(self, source: &str) -> Option<&str> {
        source.get(self.start..self.end)
    }

    /// 1-based line and column (in characters) of the span's start in `source`.
    ///
    /// This scans `source` up to the span: fine for one message, quadratic for many. To
    /// place many spans in one source, build a [`LineIndex`] once.
    pub fn line_col(self, source: &str) -> (usize, usize) {
        let start = self.start.min(source.len());
        let before = source.get(..start).unwrap_or(source);
        let line = before.matches('\n').count() + 1;
        let line_start = before.rfind('\n').map_or(0, |i| i + 1);
        let column = before[line_start..].chars().count() + 1;
        (line, column)
    }
}

/// Line and column lookups in one source, each in logarithmic time after one linear pass,
/// so that reporting any number of findings stays linear in the source.
///
/// Columns count characters; a count of characters is kept at every 64th byte, so even a
/// one-line source of megabytes (a web copy pasted as one paragraph) places a span in
/// constant work past the search.
#[derive(Debug, Clone)]
pub struct LineIndex<'a> {
    source: &'a str,
    /// Byte offset where each line starts; the first is 0.
    line_starts: Vec<usize>,
    /// Characters before byte `64 * i`, for every `i`.
    chars_before_block: Vec<usize>,
}

const BLOCK: usize = 64;

impl<'a> LineIndex<'a> {
    /// Indexes `source` in one pass.
    pub fn new(source: &'a str) -> LineIndex<'a> {
        let bytes = source.as_bytes();
        let line_starts = std::iter::once(0)
            .chain(bytes.iter().enumerate().filter(|(_, b)| **b == b'\n').map(|(i, _)| i + 1))
            .collect();
        let mut chars_before_block = Vec::with_capacity(bytes.len() / BLOCK + 1);
        let mut chars = 0;
        for block in bytes.chunks(BLOCK) {
            chars_before_block.push(chars);
            chars += count_chars(block);
        }
        chars_before_block.push(chars);
        LineIndex { source, line_starts, chars_before_block }
    }

    /// The text indexed.
    pub fn source(&self) -> &'a str {
        self.source
    }

    /// How many lines the source has (a final line without `\n` counts).
    pub fn lines(&self) -> usize {
        self.line_starts.len()
    }

    /// The 0-based line holding byte `offset` (clamped to the source).
    pub fn line_of(&self, offset: usize) -> usize {
        let offset = offset.min(self.source.len());
        self.line_starts.partition_point(|&start| start <= offset) - 1
    }

    /// The byte range of 0-based `line`, without its `\n`.
    pub fn line_range(&self, line: usize) -> std::ops::Range<usize> {
        let start = self.line_starts[line.min(self.line_starts.len() - 1)];
        let end = self.line_starts.get(line + 1).map_or(self.source.len(), |next| next - 1);
        start..end.max(start)
    }

    /// Characters before byte `offset` (clamped to the source).
    pub fn chars_before(&self, offset: usize) -> usize {
        let offset = offset.min(self.source.len());
        let block = offset / BLOCK;
        self.chars_before_block[block] + count_chars(&self.source.as_bytes()[block * BLOCK..offset])
    }

    /// 1-based line and column (in characters) of byte `offset`.
    pub fn line_col(&self, offset: usize) -> (usize, usize) {
        let line = self.line_of(offset);
        let start = self.line_starts[line];
        (line + 1, self.chars_before(offset) - self.chars_before(start) + 1)
    }
}

/// Characters in UTF-8 `bytes`: every byte that is not a continuation byte.
fn count_chars(bytes: &[u8]) -> usize {
    bytes.iter().filter(|b| (**b as i8) >= -0x40).count()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_index_agrees_with_line_col_everywhere() {
        let src = "第一行\n同志们：好\n\nabc，长".repeat(9);
        let index = LineIndex::new(&src);
        for (offset, _) in src.char_indices().chain([(src.len(), ' ')]) {
            assert_eq!(index.line_col(offset), Span::new(offset, offset).line_col(&src));
        }
        assert_eq!(index.lines(), 28);
        assert_eq!(&src[index.line_range(1)], "同志们：好");
        assert_eq!(&src[index.line_range(2)], "");
    }

    #[test]
    fn line_col_counts_characters_not_bytes() {
        let src = "第一行\n同志们：好";
        let at = src.find('好').unwrap();
        assert_eq!(Span::new(at, at + 3).line_col(src), (2, 5));
        assert_eq!(Span::new(0, 3).line_col(src), (1, 1));
    }

    #[test]
    fn join_ignores_detached() {
        let a = Span::new(4, 9);
        assert_eq!(a.join(Span::DETACHED), a);
        assert_eq!(Span::DETACHED.join(a), a);
        assert_eq!(a.join(Span::new(1, 5)), Span::new(1, 9));
    }
}
