use std::borrow::Cow;

use crate::Span;

/// What kind of repair the reader made to the source text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum ChangeKind {
    /// Half-width punctuation (, : ; ( ) ? ! .) made full-width in Chinese text.
    Punctuation,
    /// Straight quotes (" ') made paired curly quotes (“” ‘’).
    Quotes,
    /// "..." "。。。" "···" or a single "…" made "……".
    Ellipsis,
    /// "--", or a lone "—" between Chinese words, made "——".
    Dash,
    /// Blanks between two Chinese characters removed; after an article's label (第一条) one
    /// ideographic space, as regulations set it.
    Space,
    /// Traditional characters converted to simplified ones.
    Simplified,
    /// Invisible controls (bidirectional overrides, zero-width characters) removed: they
    /// make Word show text in another order than the PDF prints it.
    Invisible,
    /// A date in Chinese numerals (二〇二二年一月五日) written in Arabic digits (2022年1月5日),
    /// as GB/T 9704 sets dates; only when asked.
    Date,
    /// The hyphen of a range (1-9月) made a dash (1—9月), as GB/T 15834 joins ranges; only
    /// when asked.
    Range,
}

impl ChangeKind {
    /// Every kind, in declaration order.
    pub const ALL: [ChangeKind; 9] = [
        ChangeKind::Punctuation,
        ChangeKind::Quotes,
        ChangeKind::Ellipsis,
        ChangeKind::Dash,
        ChangeKind::Space,
        ChangeKind::Simplified,
        ChangeKind::Invisible,
        ChangeKind::Date,
        ChangeKind::Range,
    ];

    /// The stable kebab-case name.
    pub fn as_str(self) -> &'static str {
        match self {
            ChangeKind::Punctuation => "punctuation",
            ChangeKind::Quotes => "quotes",
            ChangeKind::Ellipsis => "ellipsis",
            ChangeKind::Dash => "dash",
            ChangeKind::Space => "space",
            ChangeKind::Simplified => "simplified",
            ChangeKind::Invisible => "invisible",
            ChangeKind::Date => "date",
            ChangeKind::Range => "range",
        }
    }
}

/// One repair the reader made: the source text at `span` (see [`Change::written`]) is kept
/// as `to`.
///
/// Kept [`crate::Text`] is its source with the changes inside its span applied, so the
/// source can always be rebuilt from the tree and the changes: nothing is lost silently.
///
/// A text pasted with every other character a repair has a change for every few bytes, so
/// a change is kept small (48 bytes): what it replaced is read from the source through
/// its span, not copied, and the usual replacements (a full-width mark, a curly quote, an
/// ellipsis) are borrowed, not allocated.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Change {
    /// What kind of repair.
    pub kind: ChangeKind,
    /// How many repairs of this kind, one after another, this change stands for: a run of
    /// straight quotes `""""` is one change of four, its span the run and `to` its repair.
    pub count: u32,
    /// Where the changed text stands in the source.
    pub span: Span,
    /// What the reader keeps instead (empty when blanks were removed).
    pub to: Cow<'static, str>,
}

impl Change {
    /// The source text the change replaced: `source` (the text the reader was given) at
    /// the change's span, or "" when the span does not lie in it.
    pub fn written<'s>(&self, source: &'s str) -> &'s str {
        self.span.slice(source).unwrap_or_default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The size the documentation promises: a change a few bytes of repaired text.
    #[test]
    fn a_change_is_small() {
        assert_eq!(std::mem::size_of::<Change>(), 48);
    }

    #[test]
    fn what_was_written_is_read_from_the_source() {
        let source = "请于3月1日前报送,逾期不候";
        let at = source.find(',').unwrap();
        let change = Change {
            kind: ChangeKind::Punctuation,
            count: 1,
            span: Span::new(at, at + 1),
            to: "，".into(),
        };
        assert_eq!(change.written(source), ",");
        assert_eq!(change.written("短"), "");
    }
}
