//! The gongwen document tree.
//!
//! Every reader (plain text, XML) builds a [`Document`]; every renderer (XML, DOCX, PDF)
//! consumes one. The tree is small, closed and typed: a document is a flat list of
//! [`Block`]s in reading order, each block holds [`Inline`]s, and every block and inline
//! carries a [`Span`] back into the text it was read from.
//!
//! Nothing a reader drops is lost: noise becomes [`Block::Removed`] (a whole line, such as
//! a web trailer) or [`Inline::Removed`] (part of a line, such as a pinyin annotation).
//! Renderers skip removed content; the XML keeps it. What a reader repairs in kept text
//! (punctuation, quotes, traditional characters) it records as [`Change`]s beside the tree.
//!
//! This crate does no I/O and has no dependencies.
//!
//! ```
//! use gongwen_ast::{Block, Content, Document, Span};
//!
//! let doc = Document {
//!     blocks: vec![Block::Paragraph(Content::plain("同志们，今天我们召开会议。", Span::new(0, 39)))],
//!     ..Document::default()
//! };
//! assert_eq!(doc.blocks[0].plain_text(), "同志们，今天我们召开会议。");
//! ```

mod change;
mod chars;
mod diagnostic;
mod label;
mod numbers;
mod official;
mod span;
mod time;
mod tree;
mod xml;

pub use change::{Change, ChangeKind};
pub use chars::is_invisible_control;
pub use diagnostic::{Code, Diagnostic, Severity};
pub use label::{Label, LabelFamily, PartWord, SpeechWord, chinese_numeral, parse_chinese_numeral};
pub use numbers::{HyphenRange, chinese_date_at, hyphen_ranges, numeral_digit};
pub use official::{
    cc_label, cc_label_chars, flow_blocks, foot_blocks, in_speech_blocks, is_foot, is_head,
    is_official,
};
pub use span::{LineIndex, Span};
pub use time::UtcDateTime;
pub use tree::{
    Appendix, Attachment, Block, Cell, Content, Document, Heading, Inline, Issuer, Meta, Printed,
    Reason, Removed, Row, Signature, Signer, Table, Text, Title,
};
pub use xml::escape_xml;
