//! Writes the gongwen document tree as XML and reads it back.
//!
//! The XML is the tree in a form people and other programs can read and correct by hand:
//! `gongwen convert speech.txt -o speech.xml`, fix a heading level, then
//! `gongwen convert speech.xml -o speech.docx`. [`to_string`] writes it, [`from_str`] reads
//! it; reading what was written gives the same tree (spans aside), and writing that again
//! gives the same bytes.
//!
//! ```xml
//! <?xml version="1.0" encoding="UTF-8"?>
//! <document xmlns="urn:gongwen:document:1">
//!   <meta title="在全市工作会议上的讲话" encoding="UTF-8" source="speech.txt"/>
//!   <title>
//!     <line>在全市工作会议上的讲话</line>
//!   </title>
//!   <salutation>同志们：</salutation>
//!   <heading level="1" label="一、">提高认识</heading>
//!   <heading level="2" label="（一）" source-label="(一)" run-in="true">要敢想。</heading>
//!   <p>没有想法，就没有办法。會<removed reason="pinyin">(huì)</removed>議……</p>
//!   <closing>谢谢大家！</closing>
//!   <removed reason="web-trailer">本文由互联网用户分享整理。</removed>
//! </document>
//! ```
//!
//! The vocabulary, in the namespace [`NAMESPACE`], is described by the RELAX NG schema
//! `schema/gongwen.rng` at the repository root. In short:
//!
//! - `meta` holds the document facts as attributes only (`title`, `speaker`, `date`,
//!   `encoding`, `source`; absent fields are left out), so that no element inside it is
//!   mistaken for a block by tools that count `title` or `date` elements.
//! - Blocks: `title` (one `line` per source line), `attachments` (the 附件说明: one
//!   `attachment` per listed attachment; a lone `attachment` of `line`s, as older files
//!   have it, reads the same), `subtitle`,
//!   `salutation`, `heading`, `p`, `closing`, `signature`, `date`, and `removed` (a whole
//!   line dropped as noise, with its `reason`).
//! - `heading` has `level` (1–4), `label` (the canonical label, such as `（一）`),
//!   `source-label` (the label as the source wrote it, only when that differs) and
//!   `run-in="true"` for a heading that opens a paragraph, whose rest is the next `p`. Its
//!   text is the heading without the label.
//! - The blocks of an official copy: `copy-number` (份号), `classification` (密级),
//!   `urgency` (紧急程度), `issuer` (发文机关标志: `organ`s, then an optional `suffix` such
//!   as 文件), `number` (发文字号), `signer` (签发人: `name`s), `note` (附注), `cc` (抄送), `printed` (印发: `organ`, then `day`), `signature sealed="true"`
//!   for a sealed copy, and `appendix` (an attachment carried at the end, with its
//!   `number`; its first `title` is the attachment's title, its other children are blocks).
//! - Inside a block: text, `removed` (dropped text with its `reason`) and `char`.
//!
//! The writer sets the blocks down as a flat list in reading order. `<section>` wrappers,
//! which may nest, are accepted on reading and dropped: the tree is flat and the heading
//! levels carry the outline, so a flat file is the easier one to correct (changing a level
//! or moving a heading is a one-line edit).
//!
//! Escaping: `&`, `<` and `>` are written as entities, `\r` as `&#13;` so that it survives
//! line-end normalisation. Characters XML 1.0 does not allow at all (the C0 controls other
//! than tab and line breaks, U+FFFE, U+FFFF) cannot appear in XML even as references; in
//! text they are written as `<char code="U+001B"/>` and read back as the character, so
//! the tree survives the round trip. Attribute values (meta fields and `source-label`)
//! have no such escape; there those characters become U+FFFD, the only lossy case.

mod label;
mod read;
mod write;

pub use read::from_str;
pub use write::to_string;

/// The namespace of the gongwen vocabulary, the default namespace of the root element.
pub const NAMESPACE: &str = "urn:gongwen:document:1";

/// Why a file could not be read as gongwen XML, and where.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("line {line}, column {column}: {message}")]
pub struct XmlError {
    /// 1-based line of the problem.
    pub line: usize,
    /// 1-based column, in characters.
    pub column: usize,
    /// Byte offset of the problem in the text given to [`from_str`].
    pub offset: usize,
    /// What is wrong, in words a person can act on.
    pub message: String,
}

impl XmlError {
    fn at(src: &str, offset: usize, message: impl Into<String>) -> XmlError {
        let (line, column) = read::line_col(src, offset);
        XmlError { line, column, offset, message: message.into() }
    }
}
