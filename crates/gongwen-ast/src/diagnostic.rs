use crate::Span;

/// How serious a diagnostic is. `check` exits non-zero on errors (and on warnings with
/// `--deny warnings`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Severity {
    /// Something the user must fix: the output is likely wrong.
    Error,
    /// Something the user should look at.
    Warning,
    /// Information, such as what the reader removed or repaired.
    Note,
}

impl Severity {
    /// The lower-case name used in JSON output.
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Note => "note",
        }
    }
}

/// A stable diagnostic code. The string form (`as_str`) is part of the public interface:
/// scripts filter on it, so a code is never renamed once released.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Code {
    /// Bytes that are not valid in the detected encoding.
    InvalidBytes,
    /// The encoding was guessed with little evidence, or a forced encoding does not fit
    /// the bytes: the text may be garbled; `--encoding` names the right one.
    EncodingUncertain,
    /// A heading ordinal repeats the previous one at the same level (（二） after （二）).
    HeadingRepeated,
    /// A heading ordinal skips one or more numbers (一、 then 三、).
    HeadingSkipped,
    /// A heading descends more than one level at once (一、 straight to 1.).
    HeadingLevelJump,
    /// The reader removed a line or part of a line as noise.
    Removed,
    /// A character that no available font can draw (PDF output).
    MissingGlyph,
    /// Text that looks garbled by a wrong encoding: U+FFFD, "?" standing for a lost
    /// character, "锟斤拷", UTF-8 read as Latin-1.
    Mojibake,
    /// A quotation mark opened and not closed in the paragraph, or closed and not opened.
    UnbalancedQuote,
    /// A bracket (（）《》【】()) opened and not closed in the paragraph, or the reverse.
    UnbalancedBracket,
    /// A drafting placeholder left in the text: x%, XX同志, ×××, □□, ***.
    Placeholder,
    /// A character with no business in Chinese prose, such as a backtick.
    StrayCharacter,
    /// Half-width punctuation (, : ; ! ( )) between Chinese characters.
    HalfWidthPunctuation,
    /// A title longer than two lines of the title font.
    TitleTooLong,
    /// The reader repaired the text (punctuation, quotes, spaces, traditional characters).
    Repaired,
    /// A date written in Chinese numerals (二〇二二年一月五日): GB/T 9704 §7.3.5 wants
    /// Arabic digits.
    ChineseNumeralDate,
    /// A range joined by a hyphen (1-9月): GB/T 15834 §4.13 wants — or ～.
    HyphenRange,
    /// An option (--issuer, --number …) replaced what the text says, or had nothing to act
    /// on.
    OptionOverride,
}

impl Code {
    /// The stable kebab-case name of the code.
    pub fn as_str(self) -> &'static str {
        match self {
            Code::InvalidBytes => "invalid-bytes",
            Code::EncodingUncertain => "encoding-uncertain",
            Code::HeadingRepeated => "heading-repeated",
            Code::HeadingSkipped => "heading-skipped",
            Code::HeadingLevelJump => "heading-level-jump",
            Code::Removed => "removed",
            Code::MissingGlyph => "missing-glyph",
            Code::Mojibake => "mojibake",
            Code::UnbalancedQuote => "unbalanced-quote",
            Code::UnbalancedBracket => "unbalanced-bracket",
            Code::Placeholder => "placeholder",
            Code::StrayCharacter => "stray-character",
            Code::HalfWidthPunctuation => "half-width-punctuation",
            Code::TitleTooLong => "title-too-long",
            Code::Repaired => "repaired",
            Code::ChineseNumeralDate => "chinese-numeral-date",
            Code::HyphenRange => "hyphen-range",
            Code::OptionOverride => "option-override",
        }
    }
}

/// A message about the source, pointing at the text it concerns.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    /// How serious it is.
    pub severity: Severity,
    /// What kind of finding it is.
    pub code: Code,
    /// Where in the source.
    pub span: Span,
    /// One sentence saying what is wrong.
    pub message: String,
    /// What the user can do about it.
    pub hint: Option<String>,
}

impl Diagnostic {
    /// A warning with no hint.
    pub fn warning(code: Code, span: Span, message: impl Into<String>) -> Diagnostic {
        Diagnostic { severity: Severity::Warning, code, span, message: message.into(), hint: None }
    }

    /// An error with no hint.
    pub fn error(code: Code, span: Span, message: impl Into<String>) -> Diagnostic {
        Diagnostic { severity: Severity::Error, code, span, message: message.into(), hint: None }
    }

    /// A note with no hint.
    pub fn note(code: Code, span: Span, message: impl Into<String>) -> Diagnostic {
        Diagnostic { severity: Severity::Note, code, span, message: message.into(), hint: None }
    }

    /// The same diagnostic with a hint.
    pub fn with_hint(mut self, hint: impl Into<String>) -> Diagnostic {
        self.hint = Some(hint.into());
        self
    }
}
