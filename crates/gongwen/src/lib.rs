//! gongwen (公文): Chinese official speeches and documents, from plain text to GB/T 9704-2012
//! DOCX, PDF or XML.
//!
//! The pipeline is reader → tree → renderer. [`read`] turns bytes (text in any common
//! encoding, or gongwen XML) into a [`Source`]: the decoded text, the document tree and
//! what the reader had to say about it. Renderers take the tree.
//!
//! ```
//! let speech = "在全县工作会议上的讲话\n同志们：\n一、提高认识\n今天我们召开会议。\n谢谢大家！\n";
//! let source = gongwen::read(speech.as_bytes(), gongwen::SourceFormat::Text, &Default::default())
//!     .unwrap();
//! let headings: Vec<_> = source.document.headings().map(|h| h.label.canonical()).collect();
//! assert_eq!(headings, ["一、"]);
//! ```

pub use gongwen_ast as ast;
pub use gongwen_check::check;
pub use gongwen_decode::{DecodeError, Decoded, decode, encoding_from_label};
pub use gongwen_parse::{ParseOptions, Parsed, parse};
pub use gongwen_style::{StyleError, StyleProfile};

use gongwen_ast::{Diagnostic, Document};

/// XML in and out: the document tree as an interchange format people can edit by hand.
#[cfg(feature = "xml")]
pub mod xml {
    pub use gongwen_xml::{XmlError, from_str, to_string};
}

/// What a source is written in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SourceFormat {
    /// Plain text: a speech or document as typed, copied or saved from a web page.
    Text,
    /// gongwen XML, as written by [`xml::to_string`] or edited by hand.
    #[cfg(feature = "xml")]
    Xml,
}

/// How [`read`] reads its input.
#[derive(Debug, Clone, Default)]
pub struct ReadOptions {
    /// The input's encoding; `None` detects it.
    pub encoding: Option<&'static encoding_rs::Encoding>,
    /// What the text reader may do.
    pub parse: ParseOptions,
    /// Where the input came from (a file name), recorded in the document's meta.
    pub source_name: Option<String>,
}

/// A read input: its decoded text, its tree, and the findings of decoding and reading.
#[derive(Debug, Clone)]
pub struct Source {
    /// The decoded text; every span in `document` and `diagnostics` indexes it.
    pub text: String,
    /// The document tree.
    pub document: Document,
    /// What the decoder and reader found, in source order.
    pub diagnostics: Vec<Diagnostic>,
}

/// Why an input could not be read.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// The bytes are not text (binary data).
    #[error(transparent)]
    Decode(#[from] DecodeError),
    /// The XML is malformed or not gongwen XML.
    #[cfg(feature = "xml")]
    #[error(transparent)]
    Xml(#[from] gongwen_xml::XmlError),
}

/// Decodes `bytes` and reads them into a document tree. Plain text never fails to read
/// (problems become diagnostics); only binary data or malformed XML is an error.
pub fn read(bytes: &[u8], format: SourceFormat, options: &ReadOptions) -> Result<Source, Error> {
    let decoded = decode(bytes, options.encoding)?;
    let mut diagnostics = decoded.diagnostics;
    let document = match format {
        SourceFormat::Text => {
            let mut parsed = parse(&decoded.text, &options.parse);
            diagnostics.extend(parsed.diagnostics);
            parsed.document.meta.encoding = Some(decoded.encoding.name().to_string());
            parsed.document.meta.source.clone_from(&options.source_name);
            parsed.document
        }
        // The XML's meta describes the original text (its encoding, its file name), so it
        // is kept as written.
        #[cfg(feature = "xml")]
        SourceFormat::Xml => gongwen_xml::from_str(&decoded.text)?,
    };
    diagnostics.sort_by_key(|d| d.span.start);
    Ok(Source { text: decoded.text, document, diagnostics })
}
