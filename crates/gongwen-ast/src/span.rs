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
    pub fn line_col(self, source: &str) -> (usize, usize) {
        let start = self.start.min(source.len());
        let before = source.get(..start).unwrap_or(source);
        let line = before.matches('\n').count() + 1;
        let line_start = before.rfind('\n').map_or(0, |i| i + 1);
        let column = before[line_start..].chars().count() + 1;
        (line, column)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

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
