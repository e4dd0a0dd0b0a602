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
//!    ones kept. Comments, headers, footers and footnotes are not part of the body and are
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
//! Spans index [`DocxSource::text`], the document as the reader laid it out: one line per
//! body paragraph in reading order (a table's cell paragraphs each on their own line,
//! row by row), the rendered numbering label first, a soft line break starting a new line.
//! [`DocxSource::position`] turns an offset into (paragraph index, character offset in the
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

use gongwen_ast::{
    Block, Cell, Code, Content, Diagnostic, Heading, Inline, Label, LabelFamily, PartWord, Reason,
    Removed, Row, Span, Table, Title,
};
use gongwen_parse::{ParseOptions, Parsed, parse};

use body::{Item, Para};
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
        "{part} inflates to more than {size} bytes, beyond what a document needs; refusing to read it"
    )]
    TooLarge {
        /// The part's name in the container.
        part: String,
        /// The size it reached (or declared).
        size: u64,
    },
}

/// A read DOCX: the text the reader laid out, and the tree read from it.
#[derive(Debug, Clone)]
pub struct DocxSource {
    /// The document as lines of text (see the crate docs); every span indexes it.
    pub text: String,
    /// The tree, findings and repairs, as the text reader gives them.
    pub parsed: Parsed,
    /// Byte offset in `text` where each body paragraph's line starts, in reading order.
    pub paragraphs: Vec<usize>,
}

impl DocxSource {
    /// The paragraph (index in reading order) and character offset in it of byte `offset`
    /// of [`DocxSource::text`].
    pub fn position(&self, offset: usize) -> (usize, usize) {
        let i = self.paragraphs.partition_point(|&s| s <= offset).saturating_sub(1);
        let start = self.paragraphs.get(i).copied().unwrap_or(0);
        let chars =
            self.text.get(start..offset.min(self.text.len())).map_or(0, |s| s.chars().count());
        (i, chars)
    }
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
pub fn read(bytes: &[u8], options: &ParseOptions) -> Result<DocxSource, DocxError> {
    let checked = container::check(bytes)?;
    let docx = std::panic::catch_unwind(AssertUnwindSafe(|| docx_rs::read_docx(bytes)))
        .map_err(|_| DocxError::Damaged("docx-rs could not parse its XML".into()))?
        .map_err(|e| DocxError::Damaged(e.to_string()))?;
    let mut numbering =
        numbering::Numbering::parse(checked.numbering.as_deref().unwrap_or_default());
    let items = body::items(&docx, &mut numbering);
    Ok(build(&items, options))
}

/// One line of the laid-out text and where it came from.
struct Line<'i> {
    start: usize,
    para: &'i Para,
}

fn build(items: &[Item], options: &ParseOptions) -> DocxSource {
    let mut text = String::new();
    let mut paragraphs = Vec::new();
    let mut lines: Vec<Line<'_>> = Vec::new();
    // Tables: their span in the text, and per row, per cell its grid span and its
    // paragraphs' spans.
    type Cells = Vec<(u32, Vec<Span>)>;
    let mut tables: Vec<(Span, Vec<Cells>)> = Vec::new();
    let push = |text: &mut String, para: &Para| {
        let start = text.len();
        text.push_str(&para.text.replace('\r', ""));
        text.push('\n');
        Span::new(start, text.len() - 1)
    };
    for item in items {
        match item {
            Item::Para(p) => {
                paragraphs.push(text.len());
                lines.push(Line { start: text.len(), para: p });
                let span = push(&mut text, p);
                // A heading style says "第一章总则" is a part label and its heading: the
                // text reader wants a blank between them, as typed text has.
                if p.outline.is_some()
                    && let Some((len, ..)) = part_label_len(&p.text)
                    && p.text[len..].starts_with(|c: char| !c.is_whitespace())
                {
                    text.insert(span.start + len, ' ');
                }
            }
            Item::Table(rows) => {
                let start = text.len();
                let mut out_rows = Vec::new();
                for row in rows {
                    let mut cells = Vec::new();
                    for (columns, paras) in row {
                        let mut spans = Vec::new();
                        for p in paras {
                            paragraphs.push(text.len());
                            spans.push(push(&mut text, p));
                        }
                        cells.push((*columns, spans));
                    }
                    out_rows.push(cells);
                }
                tables.push((Span::new(start, text.len()), out_rows));
            }
        }
    }
    // The text reader sees the tables as blank lines.
    let mut blanked = text.clone().into_bytes();
    for (span, _) in &tables {
        for b in &mut blanked[span.start..span.end] {
            if *b != b'\n' {
                *b = b' ';
            }
        }
    }
    let blanked = String::from_utf8(blanked).expect("ASCII blanks keep UTF-8 valid");
    let mut parsed = parse(&blanked, options);

    for (span, rows) in tables {
        let mut table = Table { rows: Vec::new(), span };
        for cells in rows {
            let mut row = Row::default();
            for (columns, paras) in cells {
                let mut cell = Cell { columns, paragraphs: Vec::new() };
                for span in paras {
                    cell.paragraphs.push(cell_content(&text, span, options, &mut parsed));
                }
                row.cells.push(cell);
            }
            table.rows.push(row);
        }
        insert_at(&mut parsed.document.blocks, Block::Table(table));
    }
    for line in &lines {
        if line.para.images == 0 {
            continue;
        }
        let span = Span::new(line.start, line.start + line.para.text.len());
        let n = line.para.images;
        let message = format!(
            "left out {n} image{} here: the document tree holds no images",
            if n == 1 { "" } else { "s" }
        );
        parsed.diagnostics.push(
            Diagnostic::warning(Code::Removed, span, message)
                .with_hint("insert the image into the converted file by hand"),
        );
        let removed = Removed {
            reason: Reason::Image,
            text: String::new(),
            span: Span::new(span.end, span.end),
        };
        insert_at(&mut parsed.document.blocks, Block::Removed(removed));
    }
    title_from_evidence(&mut parsed, &lines);
    headings_from_evidence(&mut parsed, &lines);
    parsed.diagnostics.sort_by_key(|d| d.span.start);
    parsed.changes.sort_by_key(|c| c.span.start);
    DocxSource { text, parsed, paragraphs }
}

/// Inserts `block` before the first block that starts after it.
fn insert_at(blocks: &mut Vec<Block>, block: Block) {
    let at = block.span().start;
    let i = blocks.iter().position(|b| b.span().start > at).unwrap_or(blocks.len());
    blocks.insert(i, block);
}

/// A cell paragraph read on its own: repaired like body text when the reader takes it as
/// one paragraph, kept as written otherwise.
fn cell_content(text: &str, span: Span, options: &ParseOptions, parsed: &mut Parsed) -> Content {
    let raw = &text[span.start..span.end];
    let mut cell = parse(raw, &ParseOptions { remove_noise: false, ..options.clone() });
    let shift = |s: Span| {
        if s == Span::DETACHED && raw.is_empty() {
            s
        } else {
            Span::new(s.start + span.start, s.end + span.start)
        }
    };
    if let [Block::Paragraph(content)] = cell.document.blocks.as_mut_slice() {
        content.span = shift(content.span);
        for inline in &mut content.inlines {
            match inline {
                Inline::Text(t) => t.span = shift(t.span),
                Inline::Removed(r) => r.span = shift(r.span),
            }
        }
        for mut change in cell.changes {
            change.span = shift(change.span);
            parsed.changes.push(change);
        }
        return content.clone();
    }
    Content::plain(raw.trim(), span)
}

/// The paragraph whose line holds byte `at`.
fn para_at<'i>(lines: &[Line<'i>], at: usize) -> Option<&'i Para> {
    let i = lines.partition_point(|l| l.start <= at).checked_sub(1)?;
    Some(lines[i].para)
}

/// A body paragraph with a heading style or outline level 1–4 that the text did not show
/// as a heading becomes one, with the label of its level counted on from the headings
/// before it (一、 （一） 1. （1））: the label is generated, not in the source.
fn headings_from_evidence(parsed: &mut Parsed, lines: &[Line<'_>]) {
    const FAMILIES: [LabelFamily; 4] = [
        LabelFamily::Chinese,
        LabelFamily::ParenChinese,
        LabelFamily::Arabic,
        LabelFamily::ParenArabic,
    ];
    let mut counters = [0u32; 4];
    for block in &mut parsed.document.blocks {
        let level = match block {
            Block::Heading(h) => {
                // The heading's style says its level where the text could not (a 一、
                // under a part heading the text did not see as one).
                if let Some(l) =
                    para_at(lines, h.span.start).and_then(|p| p.outline).filter(|&l| l < 4)
                {
                    h.level = l + 1;
                }
                let l = (h.level.clamp(1, 4) - 1) as usize;
                if FAMILIES[l] == h.label.family {
                    counters[l] = h.label.number;
                }
                counters[l + 1..].iter_mut().for_each(|c| *c = 0);
                continue;
            }
            Block::Paragraph(c) => match para_at(lines, c.span.start).and_then(|p| p.outline) {
                Some(l) if l < 4 && !c.is_empty() => l as usize,
                _ => continue,
            },
            _ => continue,
        };
        let Block::Paragraph(content) = block else { continue };
        let span = content.span;
        let label = match part_label(content) {
            Some(label) => label,
            None => {
                counters[level] += 1;
                counters[level + 1..].iter_mut().for_each(|c| *c = 0);
                let at = Span::new(span.start, span.start);
                Label::canonical_of(FAMILIES[level], counters[level], at)
            }
        };
        *block = Block::Heading(Heading {
            level: level as u8 + 1,
            label,
            content: std::mem::take(content),
            run_in: false,
            span,
        });
    }
}

/// The length in bytes of a part label ("第一部分", "第三章", "第二节") at the start of
/// `text`, and its word and number.
fn part_label_len(text: &str) -> Option<(usize, PartWord, u32)> {
    let rest = text.strip_prefix('第')?;
    let number_end = rest.char_indices().find(|&(_, c)| "部章节".contains(c)).map(|(i, _)| i)?;
    let number = gongwen_ast::parse_chinese_numeral(&rest[..number_end])?;
    let after = &rest[number_end..];
    let (word, len) = [("部分", PartWord::Bufen), ("章", PartWord::Zhang), ("节", PartWord::Jie)]
        .into_iter()
        .find_map(|(w, word)| after.starts_with(w).then_some((word, w.len())))?;
    Some(('第'.len_utf8() + number_end + len, word, number))
}

/// A part label at the start of a heading-styled paragraph, taken out of its content.
fn part_label(content: &mut Content) -> Option<Label> {
    let Some(Inline::Text(first)) = content.inlines.first_mut() else { return None };
    let (len, word, number) = part_label_len(&first.text)?;
    let source = first.text[..len].to_string();
    let label_span = Span::new(first.span.start, first.span.start + len.min(first.span.len()));
    let rest = first.text[len..].trim_start().to_string();
    let skipped = first.text.len() - rest.len();
    first.text = rest;
    first.span = Span::new((first.span.start + skipped).min(first.span.end), first.span.end);
    content.span = Span::new(first.span.start, content.span.end);
    Some(Label { family: LabelFamily::Part(word), number, source, span: label_span })
}

/// A document with no title found whose first paragraphs are centred or in the Title
/// style, and short, has them as its title.
fn title_from_evidence(parsed: &mut Parsed, lines: &[Line<'_>]) {
    const MAX_TITLE: usize = 60;
    let blocks = &mut parsed.document.blocks;
    if blocks.iter().any(|b| matches!(b, Block::Title(_))) {
        return;
    }
    let is_title_like = |b: &Block| match b {
        Block::Paragraph(c) => {
            let p = para_at(lines, c.span.start);
            p.is_some_and(|p| p.title_style || p.align.as_deref() == Some("center"))
                && c.text().chars().count() <= MAX_TITLE
        }
        _ => false,
    };
    let Some(first) = blocks.iter().position(|b| !matches!(b, Block::Removed(_))) else { return };
    let count = blocks[first..].iter().take_while(|b| is_title_like(b)).count().min(3);
    if count == 0 {
        return;
    }
    let title_lines: Vec<Content> = blocks
        .drain(first..first + count)
        .filter_map(|b| match b {
            Block::Paragraph(c) => Some(c),
            _ => None,
        })
        .collect();
    let span = title_lines.iter().fold(Span::DETACHED, |s, c| s.join(c.span));
    parsed.document.meta.title = Some(title_lines.iter().map(Content::text).collect());
    blocks.insert(first, Block::Title(Title { lines: title_lines, span }));
}
