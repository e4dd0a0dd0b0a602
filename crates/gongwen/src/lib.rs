//! gongwen (公文): Chinese official speeches and documents, from plain text to GB/T 9704-2012
//! DOCX, PDF or XML.
//!
//! The pipeline is reader → tree → renderer. [`read`] turns bytes (text in any common
//! encoding, or gongwen XML) into a [`Source`]: the decoded text, the document tree and
//! what the reader had to say about it. [`render`] turns a tree into a format, and
//! [`convert`] does both in one call.
//!
//! ```
//! let speech = "在全县工作会议上的讲话\n同志们：\n一、提高认识\n今天我们召开会议。\n谢谢大家！\n";
//! let source = gongwen::read(speech.as_bytes(), gongwen::SourceFormat::Text, &Default::default())
//!     .unwrap();
//! let headings: Vec<_> = source.document.headings().map(|h| h.label.canonical()).collect();
//! assert_eq!(headings, ["一、"]);
//! ```
//!
//! ```
//! # #[cfg(feature = "pdf")] {
//! let text = "在全县工作会议上的讲话\n同志们：\n一、提高认识\n今天我们召开会议。\n";
//! let out = gongwen::convert(text.as_bytes(), gongwen::Format::Pdf, &Default::default()).unwrap();
//! assert!(out.bytes.starts_with(b"%PDF"));
//! # }
//! ```
//!
//! Cargo features choose the renderers: `xml`, `docx`, `pdf`, `ofd` (all on by default; `ofd`
//! brings `pdf`, whose layout and fonts it shares), and
//! `bundled-fonts` (on by default) to compile the free fonts in, so PDFs render on machines
//! with no Chinese fonts; and the readers of drafts besides plain text: `docx-input` (Word)
//! and `md-input` (Markdown), on by default. [`detect`] picks a reader from a file's name
//! and content.

mod official;

pub use gongwen_ast as ast;
pub use gongwen_decode::{DecodeError, Decoded, decode, encoding_from_label};
/// A seal image for [`RenderOptions::seal`].
#[cfg(any(feature = "docx", feature = "pdf"))]
pub use gongwen_layout::{SealError, SealImage};
pub use gongwen_parse::{ParseOptions, Parsed, parse};
pub use gongwen_style::{StyleError, StyleProfile};
pub use official::OfficialOptions;

use gongwen_ast::{Diagnostic, Document};

/// XML in and out: the document tree as an interchange format people can edit by hand.
#[cfg(feature = "xml")]
pub mod xml {
    pub use gongwen_xml::{XmlError, from_str, to_string};
}

/// DOCX output for editing in Word or WPS.
#[cfg(feature = "docx")]
pub mod docx {
    pub use gongwen_docx::{DocxError, DocxOptions, docx};
}

/// PDF output: layout on the GB/T 9704 grid, then a PDF with embedded subset fonts.
#[cfg(feature = "pdf")]
pub mod pdf {
    pub use gongwen_layout::{
        FontBook, FontData, FontError, FootPlacement, Layout, PageSink, Summary, layout,
        layout_pages,
    };
    pub use gongwen_pdf::{PdfError, PdfOptions, PdfWriter, pdf};

    /// A font book of the free faces compiled into this crate (Fandol, Liberation Serif):
    /// enough for every role on a machine with no Chinese fonts.
    #[cfg(feature = "bundled-fonts")]
    pub fn bundled_fonts() -> &'static FontBook {
        static BOOK: std::sync::OnceLock<FontBook> = std::sync::OnceLock::new();
        BOOK.get_or_init(|| {
            let mut book = FontBook::new();
            for font in gongwen_fonts::BUNDLED {
                book.add_static(font.data).expect("bundled fonts parse");
            }
            book
        })
    }
}

/// OFD output (GB/T 33190-2016): the same layout as the PDF, with TrueType subsets.
#[cfg(feature = "ofd")]
pub mod ofd {
    pub use gongwen_ofd::{OfdError, OfdOptions, OfdWriter, ofd};
}

/// What a source is written in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum SourceFormat {
    /// Plain text: a speech or document as typed, copied or saved from a web page.
    #[default]
    Text,
    /// gongwen XML, as written by [`xml::to_string`] or edited by hand.
    #[cfg(feature = "xml")]
    Xml,
    /// A Word draft (.docx). Other office formats (.doc, .wps, .odt, .rtf) sent here get an
    /// error naming the way out.
    #[cfg(feature = "docx-input")]
    Docx,
    /// A Markdown draft.
    #[cfg(feature = "md-input")]
    Markdown,
}

/// Extensions of office files that only the DOCX reader can answer for (with an error
/// naming the way out, for all but .docx).
#[cfg(feature = "docx-input")]
const OFFICE_EXTENSIONS: [&str; 9] =
    ["docx", "docm", "dotx", "doc", "dot", "wps", "wpt", "odt", "rtf"];

/// The reader for a file named with `extension` (without the dot; `None` for standard
/// input) holding `bytes`. Content wins over the name: a ZIP holding word/document.xml is
/// DOCX whatever it is called, and a text that opens with YAML front matter or has `#`
/// heading lines is Markdown even as .txt. XML is taken from its extension, or from its
/// content on standard input.
#[cfg_attr(
    not(any(feature = "docx-input", feature = "md-input", feature = "xml")),
    allow(unused_variables)
)]
pub fn detect(bytes: &[u8], extension: Option<&str>) -> SourceFormat {
    let ext = extension.map(str::to_ascii_lowercase);
    let ext = ext.as_deref();
    #[cfg(feature = "docx-input")]
    if gongwen_parse_docx::is_docx(bytes)
        || gongwen_parse_docx::is_office_file(bytes)
        || ext.is_some_and(|e| OFFICE_EXTENSIONS.contains(&e))
    {
        return SourceFormat::Docx;
    }
    #[cfg(feature = "xml")]
    if ext == Some("xml") || (ext.is_none() && looks_like_xml(bytes)) {
        return SourceFormat::Xml;
    }
    #[cfg(feature = "md-input")]
    if matches!(ext, Some("md" | "markdown"))
        || decode(bytes, None).is_ok_and(|d| gongwen_parse_md::looks_like_markdown(&d.text))
    {
        return SourceFormat::Markdown;
    }
    SourceFormat::Text
}

#[cfg(feature = "xml")]
fn looks_like_xml(bytes: &[u8]) -> bool {
    let text = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let start = text.iter().position(|b| !b.is_ascii_whitespace()).unwrap_or(text.len());
    text[start..].starts_with(b"<?xml") || text[start..].starts_with(b"<document")
}

/// An output format.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// The document tree as XML.
    #[cfg(feature = "xml")]
    Xml,
    /// A Word document for editing.
    #[cfg(feature = "docx")]
    Docx,
    /// A print-ready PDF with its fonts embedded.
    #[cfg(feature = "pdf")]
    Pdf,
    /// OFD (GB/T 33190-2016), the national fixed-layout format, fonts embedded.
    #[cfg(feature = "ofd")]
    Ofd,
}

impl Format {
    /// The usual file extension, without the dot.
    pub fn extension(self) -> &'static str {
        match self {
            #[cfg(feature = "xml")]
            Format::Xml => "xml",
            #[cfg(feature = "docx")]
            Format::Docx => "docx",
            #[cfg(feature = "pdf")]
            Format::Pdf => "pdf",
            #[cfg(feature = "ofd")]
            Format::Ofd => "ofd",
        }
    }
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
    /// Parts of an official copy to set over what the input says.
    pub official: OfficialOptions,
}

/// How [`render`] renders a tree.
#[derive(Debug, Clone, Default)]
pub struct RenderOptions {
    /// Page, fonts and sizes.
    pub style: StyleProfile,
    /// Seconds since the Unix epoch to record as the document's creation time (callers
    /// pass `SOURCE_DATE_EPOCH`). `None` records a fixed time, so that the same input
    /// always gives the same bytes.
    pub timestamp: Option<i64>,
    /// Fonts for PDF output. `None` uses the bundled free fonts (feature `bundled-fonts`).
    #[cfg(feature = "pdf")]
    pub fonts: Option<gongwen_layout::FontBook>,
    /// The seal image drawn over each sealed signature (a signature is sealed by the text,
    /// or by [`OfficialOptions::sealed`]): red over the organ and date as GB/T 9704
    /// §7.3.5.1 places it, in DOCX, PDF and OFD alike.
    #[cfg(any(feature = "docx", feature = "pdf"))]
    pub seal: Option<SealImage>,
}

/// Everything [`convert`] needs: what the input is, how to read it, how to render it.
#[derive(Debug, Clone, Default)]
pub struct Options {
    /// What the input is written in.
    pub from: SourceFormat,
    /// How to read it.
    pub read: ReadOptions,
    /// How to render it.
    pub render: RenderOptions,
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
    /// What the text reader repaired (punctuation, quotes, traditional characters …), in
    /// source order; empty for XML, whose text is kept as written.
    pub changes: Vec<gongwen_ast::Change>,
}

/// A rendered file and what rendering found (characters no font has, say).
#[derive(Debug, Clone)]
pub struct Rendered {
    /// The file.
    pub bytes: Vec<u8>,
    /// Findings about the document, with spans into its source.
    pub warnings: Vec<Diagnostic>,
}

impl Rendered {
    #[cfg(any(feature = "xml", feature = "docx"))]
    fn plain(bytes: Vec<u8>) -> Rendered {
        Rendered { bytes, warnings: Vec::new() }
    }
}

/// The result of [`convert`].
#[derive(Debug, Clone)]
pub struct Output {
    /// The rendered file.
    pub bytes: Vec<u8>,
    /// The tree it was rendered from.
    pub document: Document,
    /// What decoding, reading and rendering found, in source order.
    pub diagnostics: Vec<Diagnostic>,
}

/// Why an input could not be read or rendered.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// The bytes are not text (binary data).
    #[error(transparent)]
    Decode(#[from] DecodeError),
    /// The XML is malformed or not gongwen XML.
    #[cfg(feature = "xml")]
    #[error(transparent)]
    Xml(#[from] gongwen_xml::XmlError),
    /// The file is not a readable Word document.
    #[cfg(feature = "docx-input")]
    #[error(transparent)]
    DocxInput(#[from] gongwen_parse_docx::DocxError),
    /// The DOCX could not be written.
    #[cfg(feature = "docx")]
    #[error(transparent)]
    Docx(#[from] gongwen_docx::DocxError),
    /// The PDF could not be written.
    #[cfg(feature = "pdf")]
    #[error(transparent)]
    Pdf(#[from] gongwen_pdf::PdfError),
    /// The OFD could not be written.
    #[cfg(feature = "ofd")]
    #[error(transparent)]
    Ofd(#[from] gongwen_ofd::OfdError),
    /// The style profile's numbers do not make a usable page.
    #[error(transparent)]
    Style(#[from] StyleError),
    /// PDF output was asked for with no fonts given and none bundled.
    #[cfg(feature = "pdf")]
    #[error("no fonts for PDF output: pass a font book or enable the bundled-fonts feature")]
    NoFonts,
}

/// Decodes `bytes` and reads them into a document tree. Plain text never fails to read
/// (problems become diagnostics); only binary data or malformed XML is an error.
pub fn read(bytes: &[u8], format: SourceFormat, options: &ReadOptions) -> Result<Source, Error> {
    let text = |bytes| decode(bytes, options.encoding);
    let mut source = match format {
        SourceFormat::Text => {
            let decoded = text(bytes)?;
            let mut parsed = parse(&decoded.text, &options.parse);
            let mut diagnostics = decoded.diagnostics;
            diagnostics.extend(parsed.diagnostics);
            parsed.document.meta.encoding = Some(decoded.encoding.name().to_string());
            parsed.document.meta.source.clone_from(&options.source_name);
            let (document, changes) = (parsed.document, parsed.changes);
            Source { text: decoded.text, document, diagnostics, changes }
        }
        // The XML's meta describes the original text (its encoding, its file name), so it
        // is kept as written.
        #[cfg(feature = "xml")]
        SourceFormat::Xml => {
            let decoded = text(bytes)?;
            let document = gongwen_xml::from_str(&decoded.text)?;
            Source {
                text: decoded.text,
                document,
                diagnostics: decoded.diagnostics,
                changes: Vec::new(),
            }
        }
        #[cfg(feature = "docx-input")]
        SourceFormat::Docx => {
            from_draft(gongwen_parse_docx::read(bytes, &options.parse)?, None, options)
        }
        // Findings of the decoder point into the Markdown, not the laid-out text the spans
        // index: they are kept, at the start.
        #[cfg(feature = "md-input")]
        SourceFormat::Markdown => {
            let decoded = text(bytes)?;
            let draft = gongwen_parse_md::read(&decoded.text, &options.parse);
            let mut source = from_draft(draft, Some(decoded.encoding.name()), options);
            source.diagnostics.extend(decoded.diagnostics.into_iter().map(|mut d| {
                d.span = gongwen_ast::Span::DETACHED;
                d
            }));
            source
        }
    };
    source.diagnostics.extend(official::apply(&mut source.document, &options.official));
    source.diagnostics.sort_by_key(|d| d.span.start);
    Ok(source)
}

/// A draft read by the DOCX or Markdown reader as a [`Source`]: its text is the draft laid
/// out one paragraph a line, which its spans index.
#[cfg(any(feature = "docx-input", feature = "md-input"))]
fn from_draft(
    draft: gongwen_parse_draft::Draft,
    encoding: Option<&str>,
    options: &ReadOptions,
) -> Source {
    let mut document = draft.parsed.document;
    document.meta.encoding = encoding.map(str::to_string);
    document.meta.source.clone_from(&options.source_name);
    Source {
        text: draft.text,
        document,
        diagnostics: draft.parsed.diagnostics,
        changes: draft.parsed.changes,
    }
}

/// Everything there is to say about a read source: what decoding and reading found, and
/// the drafting rules of `gongwen-check` (mojibake, unbalanced quotes, placeholders …),
/// in source order. A U+FFFD the decoder put in is reported once, with its byte offset,
/// not a second time as mojibake.
pub fn check(source: &Source) -> Vec<Diagnostic> {
    use gongwen_ast::Code;
    let mut findings = source.diagnostics.clone();
    let decoded_badly = decoded_badly(source);
    // A date or range the reader already fixed (when asked) is told as that repair only.
    let fixed: Vec<gongwen_ast::Span> = source
        .changes
        .iter()
        .filter(|c| {
            matches!(c.kind, gongwen_ast::ChangeKind::Date | gongwen_ast::ChangeKind::Range)
        })
        .map(|c| c.span)
        .collect();
    let repaired = |d: &Diagnostic| {
        let next = fixed.partition_point(|s| s.end <= d.span.start);
        matches!(d.code, Code::ChineseNumeralDate | Code::HyphenRange)
            && fixed.get(next).is_some_and(|s| s.start < d.span.end)
    };
    findings.extend(
        gongwen_check::check(&source.text, &source.document)
            .into_iter()
            .filter(|d| !(d.code == Code::Mojibake && decoded_badly.binary_search(&d.span).is_ok()))
            .filter(|d| !repaired(d)),
    );
    findings.sort_by_key(|d| (d.span.start, d.severity, d.code));
    findings
}

/// The findings of [`check`] about text garbled by a wrong encoding alone, in source
/// order: what `convert` tells of every input, since the copy would print the garbage.
/// Read one paragraph at a time, so that looking costs little memory on any input.
pub fn mojibake(source: &Source) -> Vec<Diagnostic> {
    let decoded_badly = decoded_badly(source);
    let mut findings = gongwen_check::mojibake(&source.text, &source.document);
    findings.retain(|d| decoded_badly.binary_search(&d.span).is_err());
    findings.sort_by_key(|d| (d.span.start, d.severity, d.code));
    findings
}

/// Where the decoder put in U+FFFD, which it has reported already; sorted, so that a text
/// of a million of them is looked up in a million findings in linear-logarithmic time.
fn decoded_badly(source: &Source) -> Vec<gongwen_ast::Span> {
    let invalid = source.diagnostics.iter().filter(|d| d.code == gongwen_ast::Code::InvalidBytes);
    let mut spans: Vec<_> = invalid.map(|d| d.span).collect();
    spans.sort_unstable();
    spans
}

/// Renders a document tree as `format`.
#[cfg_attr(not(any(feature = "docx", feature = "pdf")), allow(unused_variables))]
pub fn render(doc: &Document, format: Format, options: &RenderOptions) -> Result<Rendered, Error> {
    match format {
        #[cfg(feature = "xml")]
        Format::Xml => Ok(Rendered::plain(gongwen_xml::to_string(doc).into_bytes())),
        #[cfg(feature = "docx")]
        Format::Docx => Ok(Rendered::plain(gongwen_docx::docx(
            doc,
            &options.style,
            &gongwen_docx::DocxOptions {
                modified: options.timestamp,
                seal: options.seal.clone(),
                foot: foot_placement(doc, options),
            },
        )?)),
        #[cfg(feature = "pdf")]
        Format::Pdf => {
            // Each page is written as the layout sends it, so that no more than a few
            // pages of glyphs are held at once.
            let fonts = fonts_for(options)?;
            let (width, height) = gongwen_layout::page_size(&options.style);
            let mut writer = gongwen_pdf::PdfWriter::new(width, height, fonts)?;
            let summary = gongwen_layout::layout_pages(doc, &options.style, fonts, &mut writer);
            let pdf_options = gongwen_pdf::PdfOptions {
                creation_date: options.timestamp,
                seal: options.seal.clone(),
                ..gongwen_pdf::PdfOptions::for_document(doc)
            };
            let bytes = writer.finish(&summary.outline, &pdf_options)?;
            Ok(Rendered { bytes, warnings: summary.warnings })
        }
        #[cfg(feature = "ofd")]
        Format::Ofd => {
            // As for the PDF, each page is written as the layout sends it.
            let fonts = fonts_for(options)?;
            let ofd_options = gongwen_ofd::OfdOptions {
                creation_date: options.timestamp,
                seal: options.seal.clone(),
                ..gongwen_ofd::OfdOptions::for_document(doc)
            };
            let (width, height) = gongwen_layout::page_size(&options.style);
            let mut writer = gongwen_ofd::OfdWriter::new(width, height, fonts, &ofd_options)?;
            let summary = gongwen_layout::layout_pages(doc, &options.style, fonts, &mut writer);
            let bytes = writer.finish(&summary.outline)?;
            Ok(Rendered { bytes, warnings: summary.warnings })
        }
    }
}

/// Where the PDF layout puts `doc`'s 版记, for the DOCX to put it on the same page: laid
/// out only for a copy that has one. None without fonts to lay it out with.
#[cfg(feature = "docx")]
#[cfg_attr(not(feature = "pdf"), allow(unused_variables))]
fn foot_placement(
    doc: &Document,
    options: &RenderOptions,
) -> Option<gongwen_layout::FootPlacement> {
    let (ccs, printed) = gongwen_ast::foot_blocks(&doc.blocks);
    if ccs.is_empty() && printed.is_none() {
        return None;
    }
    #[cfg(feature = "pdf")]
    if let Ok(fonts) = fonts_for(options) {
        let summary = gongwen_layout::layout_pages(doc, &options.style, fonts, &mut |_| {});
        return Some(summary.foot);
    }
    None
}

/// The fonts to use for the fixed-layout formats, once the profile is known to be usable.
#[cfg(feature = "pdf")]
fn fonts_for(options: &RenderOptions) -> Result<&gongwen_layout::FontBook, Error> {
    options.style.validate()?;
    match &options.fonts {
        Some(fonts) => Ok(fonts),
        #[cfg(feature = "bundled-fonts")]
        None => Ok(pdf::bundled_fonts()),
        #[cfg(not(feature = "bundled-fonts"))]
        None => Err(Error::NoFonts),
    }
}

/// Reads `input` and renders it as `format` in one call.
///
/// ```
/// # #[cfg(feature = "docx")] {
/// let text = "关于做好安全生产工作的通知\n各乡镇：\n一、压实责任\n请认真落实。\n";
/// let out = gongwen::convert(text.as_bytes(), gongwen::Format::Docx, &Default::default()).unwrap();
/// assert!(out.bytes.starts_with(b"PK"));
/// # }
/// ```
pub fn convert(input: &[u8], format: Format, options: &Options) -> Result<Output, Error> {
    // Rendering needs neither the source text nor the repairs' records, which on a text of
    // repairs outweigh the tree: they are let go before it.
    let Source { document, mut diagnostics, .. } = read(input, options.from, &options.read)?;
    let rendered = render(&document, format, &options.render)?;
    diagnostics.extend(rendered.warnings);
    diagnostics.sort_by_key(|d| d.span.start);
    Ok(Output { bytes: rendered.bytes, document, diagnostics })
}
