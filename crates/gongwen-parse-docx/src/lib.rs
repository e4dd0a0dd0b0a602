//! Reads Word drafts (.docx) of Chinese speeches and official documents into the gongwen
//! document tree — the same tree, by the same recognition, as the plain-text reader.
//!
//! # How
//! 1. The ZIP container is checked first (`container`): what the file really is (a .doc,
//!    .wps, .odt, .rtf or a password-protected file gets an error naming the way out),
//!    whether it is whole, and what it inflates to (64 MiB a part, 256 MiB in all, checked
//!    in the headers and again while inflating, so a zip bomb costs a bounded amount of
//!    work and no memory).
//! 2. docx-rs's reader (`read_docx`) parses the body, styles, runs, revisions and tables.
//!    Paragraph text is its runs joined: tabs kept, soft line breaks as line breaks, fields
//!    as their results (not their instructions), hyperlinks, content controls and smart
//!    tags read through, hidden text and deleted or moved-away revisions dropped, inserted
//!    ones kept; the line breaks of a Title-style paragraph join its parts as one line (a
//!    long title is broken where it is set to break, as gongwen's writer does). Comments, headers, footers and footnotes are not part of the body and are
//!    not read (page numbers are the renderer's to make).
//! 3. Automatic numbering is rendered to its label text from `numbering.xml`
//!    (`numbering`): "%1、" in chineseCounting reads "一、", just as if it had been typed.
//! 4. Every paragraph becomes one line of text (with its label) and the plain-text reader
//!    (`gongwen_parse::parse`) reads those lines: the noise and repair passes are the same,
//!    and every change is recorded. Table cells are blanked out of that text, so their
//!    contents never read as headings; each cell paragraph is read on its own and the
//!    table goes back into the tree as a [`gongwen_ast::Block::Table`] where it stood.
//! 5. The draft's own evidence then corrects the roles the text alone cannot tell: a
//!    document with no title found whose first paragraphs are centred (or in the Title
//!    style) and short gets them as its title; a paragraph with a heading style or outline
//!    level 1–4 that the text did not show as a heading becomes one, with the label of its
//!    level (一、 （一） 1. （1）) counted on from the headings before it. Images and drawings are not kept: each
//!    paragraph holding some gets a removed block (reason `image`) and a warning.
//!
//! # Spans
//! Spans index [`Draft::text`], the document as the reader laid it out: one line per
//! body paragraph in reading order (a table's cell paragraphs each on their own line,
//! row by row), the rendered numbering label first, a soft line break starting a new line.
//! [`Draft::position`] turns an offset into (paragraph index, character offset in the
//! paragraph's text); `Span::line_col` on the text gives the line and column.
//!
//! # Where docx-rs 0.4.22 falls short
//! - Its reader inflates parts with no size limit and `unwrap`s read errors, so a truncated
//!   part or a zip bomb panics or exhausts memory: the container is checked here first, and
//!   the call is guarded so that a panic inside it becomes an error.
//! - Numbering levels keep `w:start`, `w:lvlText` and `w:lvlRestart` private (no accessor),
//!   and `<w:start/>` with no value panics: `numbering.xml` is read with quick-xml.
//! - `w:basedOn`, `w:gridSpan`, `w:br`'s type and `w:b`'s value are private too; the first
//!   two are read from their serialised (serde) form, `w:br`'s type by comparison with a
//!   value built through its constructor.
//! - It also brings a second `zip` (8.x) and `quick-xml` (0.41) into the build.

mod body;
mod container;
mod numbering;

use std::panic::AssertUnwindSafe;

use gongwen_parse::ParseOptions;
pub use gongwen_parse_draft::Draft;

pub use container::Kind;

/// Why a file could not be read as DOCX.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum DocxError {
    /// Another office format.
    #[error(
        "this is {}, which gongwen does not read; save it as .docx (Word, WPS or LibreOffice: \
         Save As → Word document), or convert it with `soffice --headless --convert-to docx FILE` \
         where LibreOffice is installed",
        .0.describe()
    )]
    Other(Kind),
    /// A password-protected Office file.
    #[error(
        "this file is password-protected; open it in Word or WPS, remove the password \
         (File → Info → Protect Document) and save it again as .docx"
    )]
    Encrypted,
    /// Not a ZIP container at all.
    #[error(
        "this is not a DOCX file (no ZIP container); a .docx saved by Word, WPS or LibreOffice is"
    )]
    NotZip,
    /// A ZIP container without a Word document in it.
    #[error("this ZIP file holds no word/document.xml, so it is not a Word document")]
    NoDocument,
    /// The container or a part is damaged or truncated.
    #[error(
        "the DOCX file is damaged or truncated ({0}); open it in Word or WPS and save it again"
    )]
    Damaged(String),
    /// A part inflates to more than the reader allows.
    #[error(
        "{part} inflates to {size} bytes or more, beyond what a document needs; refusing to read it"
    )]
    TooLarge {
        /// The part's name in the container.
        part: String,
        /// The size it reached (or declared).
        size: u64,
    },
}

/// Whether `bytes` is a ZIP container holding `word/document.xml`, whatever the file is
/// called.
pub fn is_docx(bytes: &[u8]) -> bool {
    bytes.starts_with(b"PK")
        && zip::ZipArchive::new(std::io::Cursor::new(bytes))
            .is_ok_and(|a| a.index_for_name("word/document.xml").is_some())
}

/// Whether `bytes` is an office file this crate refuses with a helpful error (OLE, RTF,
/// OpenDocument), so that a caller picking a reader by content sends it here.
pub fn is_office_file(bytes: &[u8]) -> bool {
    bytes.starts_with(&[0xD0, 0xCF, 0x11, 0xE0])
        || bytes.starts_with(b"{\\rtf")
        || bytes.starts_with(b"PK\x03\x04")
}

/// Reads a DOCX file.
pub fn read(bytes: &[u8], options: &ParseOptions) -> Result<Draft, DocxError> {
    let checked = container::check(bytes)?;
    let docx = std::panic::catch_unwind(AssertUnwindSafe(|| docx_rs::read_docx(bytes)))
        .map_err(|_| DocxError::Damaged("docx-rs could not parse its XML".into()))?
        .map_err(|e| DocxError::Damaged(e.to_string()))?;
    let mut numbering =
        numbering::Numbering::parse(checked.numbering.as_deref().unwrap_or_default());
    let items = body::items(&docx, &mut numbering);
    Ok(gongwen_parse_draft::read(&items, options))
}
