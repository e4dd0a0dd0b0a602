//! Renders the gongwen document tree as a DOCX that prints as a GB/T 9704-2012 official
//! copy and stays editable: every role is a real style (Title, Subtitle, Heading 1–4,
//! Normal, Salutation, Attachment, Signature, Date, footer), every font is named
//! explicitly (no theme fonts), and every number comes from the
//! [`StyleProfile`].
//!
//! ```
//! use gongwen_ast::{Block, Content, Document, Span};
//! use gongwen_docx::{DocxOptions, docx};
//! use gongwen_style::StyleProfile;
//!
//! let doc = Document {
//!     blocks: vec![Block::Paragraph(Content::plain("同志们，今天我们召开会议。", Span::DETACHED))],
//!     ..Document::default()
//! };
//! let bytes = docx(&doc, &StyleProfile::default(), &DocxOptions::default()).unwrap();
//! assert!(bytes.starts_with(b"PK"));
//! ```
//!
//! # How the grid holds in Word and in LibreOffice
//! A `linesAndChars` document grid with a negative `charSpace` gives about 19 characters a
//! line in LibreOffice 7.4. So the section has a `lines` grid (the profile's line pitch),
//! body styles have exact line spacing of that pitch, and the Normal style carries the
//! profile's character spacing (−0.25 pt) as run spacing: 28 characters of 16 pt fill the
//! 156 mm line in both.
//!
//! Between a Chinese character and a digit or Latin letter beside it, the PDF sets the
//! profile's script space (`layout.han_latin_space_em`, a fifth of an em by default), and
//! Normal leaves `w:autoSpaceDE`/`w:autoSpaceDN` at their default, on: Word and WPS add
//! their space there, and LibreOffice 7.4 its fifth of an em, so lines with digits break
//! alike (`bench/page_agreement.py` counts the pages that begin with the same line). A
//! profile with the space at 0 gets both elements off, which Word follows; LibreOffice
//! 7.4 reads neither (its DOCX import skips both) and spaces the scripts all the same,
//! unless the page has a `linesAndChars` grid — which there sets every character on
//! whole grid cells (a 22 pt title character takes two 16 pt cells), so no DOCX property
//! turns the space off there. LibreOffice also leaves the run spacing off the last
//! character before a change between Chinese and Latin text, about 0.3 pt a change.
//!
//! # Why not docx-rs
//! docx-rs 0.4.22 writes the children of `w:pPr`, `w:rPr` and `w:sectPr` out of schema
//! order throughout, has no setting for even-page footers (`w:evenAndOddHeaders`), no core
//! title, drops `firstLineChars`, adds parts we do not want (comments, numbering)
//! and brings a second `zip` and `quick-xml`. Fixing that would have meant re-parsing
//! and rewriting every part it writes. The few parts a document needs are written here
//! directly instead, in schema order by construction (the `props` module holds the ordered
//! property writers), and zipped deterministically (fixed timestamps, fixed entry order,
//! fixed compression: small parts stored, the others deflated at level 1, which is fast).
//!
//! # Choices
//! - A run-in heading (`run_in = true`) and the paragraph after it become one Normal
//!   paragraph: the heading sentence in the heading level's linked character style
//!   ("Heading 2 Char" …), the rest in the body style. The paragraph gets no outline level:
//!   Word's navigation pane and a table of contents would otherwise list the whole
//!   paragraph, not the heading sentence.
//! - A title of several lines is one Title paragraph with line breaks, so that it is one
//!   entry in the navigation pane. The title has no outline level, so that 一、 headings
//!   stay at level 1.
//! - The page number's "one character" inset is one character of the page number's size.
//! - An official copy's 版头 (issuer mark in the red character style "Issuer Mark", the
//!   发文字号 with the red rule as its bottom border), attachments (each after a page
//!   break, "Appendix Label") and 版记 (its rules paragraph borders; on the page the PDF
//!   layout gives it, [`DocxOptions::foot`]: after the text, or in a last section starting
//!   on an even page) are set at the PDF's places from the profile's `official` numbers;
//!   LibreOffice lays them out within 1.5 mm of them.
//! - Half-width characters count as half a character when placing the date under the
//!   signature (GB/T 9704 §7.3.5) and when aligning wrapped attachment names (§7.3.4).
//! - A sealed signature (§7.3.5.1) is placed as the PDF layout places it
//!   (`gongwen_layout::sealed_rows`): the date right-aligned four characters in, the organ
//!   centred between indents over it, a joint issue's organs on centred tab stops; the
//!   seal image ([`DocxOptions::seal`]) is a picture anchored in front of the text,
//!   `word/media/seal.png`. LibreOffice 7.4 sets about a fifth of an em between the
//!   date's digits and Chinese characters, so there the date is a few millimetres wider
//!   than in the PDF; its right end stays in place.

mod body;
mod official;
mod package;
mod props;
mod styles;
mod table;
mod xml;

use gongwen_ast::Document;
use gongwen_style::StyleProfile;

/// Options for [`docx`].
#[derive(Debug, Clone, PartialEq, Default)]
pub struct DocxOptions {
    /// Seconds since the Unix epoch written as the created and modified core properties
    /// (the CLI passes `SOURCE_DATE_EPOCH`). `None` writes the epoch itself, so that the
    /// output depends on nothing but the document and the profile.
    pub modified: Option<i64>,
    /// The seal drawn over a sealed signature: an anchored picture in front of the text,
    /// where the PDF draws it.
    pub seal: Option<gongwen_layout::SealImage>,
    /// Where the PDF layout put the 版记 ([`gongwen_layout::Summary::foot`]), so that the
    /// DOCX puts it on the same page. `None`: not known, so the 版记 takes a section of its
    /// own without page numbers, starting on an even page (the next one when the profile
    /// does not print double-sided).
    pub foot: Option<gongwen_layout::FootPlacement>,
}

/// Why a DOCX could not be written.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum DocxError {
    /// The style profile's numbers do not make a usable page.
    #[error("unusable style profile: {0}")]
    Style(#[from] gongwen_style::StyleError),
    /// The timestamp is outside the years 1 to 9999 that core properties can hold.
    #[error("timestamp {0} is outside the years 1 to 9999")]
    Timestamp(i64),
    /// The ZIP container could not be written.
    #[error("cannot write the DOCX container: {0}")]
    Zip(String),
}

/// Renders `doc` as DOCX bytes, laid out by `profile`. The same arguments always give the
/// same bytes.
pub fn docx(
    doc: &Document,
    profile: &StyleProfile,
    options: &DocxOptions,
) -> Result<Vec<u8>, DocxError> {
    profile.validate()?;
    let timestamp = package::w3cdtf(options.modified.unwrap_or(0))?;
    let seal = options.seal.as_ref();
    let parts = package::parts(doc, profile, &timestamp, seal, options.foot);
    package::zip(&parts, &official::seal_media(doc, seal))
}
