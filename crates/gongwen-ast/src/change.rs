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

/// One repair the reader made: the source text at `span` (`from`) is kept as `to`.
///
/// Kept [`crate::Text`] is its source with the changes inside its span applied, so the
/// source can always be rebuilt from the tree and the changes: nothing is lost silently.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Change {
    /// What kind of repair.
    pub kind: ChangeKind,
    /// Where the changed text stands in the source.
    pub span: Span,
    /// The source text, exactly.
    pub from: String,
    /// What the reader keeps instead (empty when blanks were removed).
    pub to: String,
    /// How many repairs of this kind, one after another, this change stands for: a run of
    /// straight quotes `""""` is one change of four, `from` the run and `to` its repair.
    pub count: u32,
}
