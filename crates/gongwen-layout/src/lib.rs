//! Lays a gongwen [`Document`] out on GB/T 9704-2012 pages.
//!
//! The result is plain data — pages of positioned glyph runs, each with its font role and
//! face — so that it can be snapshot-tested as text ([`Layout::dump`]) and written by a thin
//! PDF writer. Every number comes from the [`StyleProfile`]; fonts come in as bytes through
//! a [`FontBook`], so this crate reads no files.
//!
//! Pages stream: [`layout_pages`] sends each page to a [`PageSink`] as soon as no rule can
//! change it and returns a [`Summary`] (page size and count, outline, warnings), so that a
//! writer holds a few pages, not the document's ([`layout`] collects them all).
//!
//! What it does, the same as the DOCX renderer:
//! - Chinese characters on the grid (16 pt less 0.25 pt tracking: 28 a line, 22 lines a
//!   page); digits and Latin letters measured by the Latin face's real advances, with the
//!   profile's script space (`layout.han_latin_space_em`) between them and a Chinese
//!   character on the same line, as Word, WPS and LibreOffice set it.
//! - Lines broken by the Chinese rules (see `breaking`), justified, the last line of a
//!   paragraph flush left. Two marks side by side whose blanks double up ("。”" "，“"
//!   "）、") are set in 1.5 em on every line (clreq §3.1.6.2). Punctuation is squeezed to
//!   fit only where a closing mark would otherwise start a line, every mark of that line
//!   alike and never past its blank half; else the character before goes down with it
//!   (push-out). No glyph's em box leaves the text block.
//! - A run-in heading and the paragraph after it set as one paragraph, the heading's face
//!   on the heading sentence only; removed content not drawn.
//! - A heading never ends a page (with the headings under it, it keeps the opening lines
//!   of the paragraph after it); a paragraph's single first or last line is not left
//!   alone at the bottom or top of a page; the end matter (attachment note, signature,
//!   date, 附注) stays together and is never left alone on a page: the page before is
//!   tightened to take it (see `tighten`), else it takes two body lines with it (GB/T
//!   9704 §7.3.5).
//! - Title lines centred, broken where the source broke them, a long line between words
//!   in a trapezoid or diamond (see [`title`]);
//!   attachment notes with hanging indents; signature and date placed by §7.3.5; a sealed
//!   copy's (§7.3.5.1: date four characters in, organ centred over it, a joint issue's
//!   organs side by side) with the seal's room, each page marking where its seals go
//!   ([`Page::seals`]) for the writers to draw a [`SealImage`] there.
//! - Page numbers "— N —" in the page-number face's own digits (宋体, not the Latin
//!   face), odd pages right and even pages left, one character in, the digits' top
//!   `below_text_mm` under the text block.
//! - Tables ruled on the grid, as wide as the text block, columns as wide as their
//!   content asks, each cell's text broken within it (see `table`); their thin black
//!   rules are [`Rule`]s of the page like the official copy's.
//! - A character no font has is reported once, as a warning at its first place (its own
//!   bytes when the text is as read, else its block's span).

mod breaking;
mod flow;
mod font;
mod official;
mod seal;
mod table;
mod tighten;
pub mod title;

use std::collections::HashSet;
use std::fmt::Write as _;
use std::ops::Range;

use gongwen_ast::{Block, Code, Content, Diagnostic, Document, Inline, Span};
use gongwen_style::{Align, PT_PER_MM, RoleStyle, StyleProfile};

pub use breaking::script_change;
use breaking::{Measure, Spacing, Squeeze};
use flow::BlockState;
pub use flow::{PageSink, Summary, layout_pages, page_size};
pub use font::{Face, FaceId, FontBook, FontData, FontError};
use font::{Found, Shaper};
pub use official::{FootPlacement, Seal, SealedRows, sealed_rows};
pub use seal::{SealError, SealImage};

/// Laid-out pages.
#[derive(Debug, Clone, PartialEq)]
pub struct Layout {
    /// Page width in points.
    pub page_width: f32,
    /// Page height in points.
    pub page_height: f32,
    /// The pages, in order.
    pub pages: Vec<Page>,
    /// The headings, in document order, with where they landed.
    pub outline: Vec<OutlineEntry>,
    /// Problems met while laying out, such as characters no font has.
    pub warnings: Vec<Diagnostic>,
}

/// One page.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Page {
    /// The lines, top to bottom; the page number comes last.
    pub lines: Vec<Line>,
    /// Rules: the red rule of an official copy's head, the rules of its foot, the ruled
    /// cells of a table.
    pub rules: Vec<Rule>,
    /// A page that carries no page number: the blank page before an official copy's foot
    /// (版记), and the 版记's page after it (GB/T 9704 §7.5).
    pub unnumbered: bool,
    /// Where a sealed copy's seals go (GB/T 9704 §7.3.5.1): writers draw the seal image
    /// there when they are given one.
    pub seals: Vec<Seal>,
}

/// A rule, drawn as a filled rectangle: a horizontal one is wide and thin, a table's
/// vertical one narrow and tall.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Rule {
    /// Left end, in points from the left edge of the page.
    pub x: f32,
    /// Top edge, in points from the top of the page.
    pub y: f32,
    /// Length, in points.
    pub width: f32,
    /// Height, in points (the rule reaches down from `y`): a horizontal rule's thickness,
    /// a vertical rule's length.
    pub thickness: f32,
    /// Red, green, blue.
    pub colour: [u8; 3],
}

/// One line of text.
#[derive(Debug, Clone, PartialEq)]
pub struct Line {
    /// The role of the block the line belongs to.
    pub role: Role,
    /// The baseline, in points from the top of the page.
    pub baseline: f32,
    /// Runs of glyphs that share a face, size and role, left to right.
    pub runs: Vec<Run>,
    /// The text colour when it is not black (an official copy's issuer mark).
    pub colour: Option<[u8; 3]>,
}

/// Glyphs of one face, size and role.
#[derive(Debug, Clone, PartialEq)]
pub struct Run {
    /// The role whose style the run takes (a run-in heading's line holds heading and body
    /// runs).
    pub role: Role,
    /// The face in the [`FontBook`].
    pub face: FaceId,
    /// Size in points.
    pub size: f32,
    /// Outline stroke in points that emboldens a regular face set in a bold role; 0 when
    /// the role is not bold or the face is bold itself.
    pub stroke: f32,
    /// The glyphs.
    pub glyphs: Vec<Glyph>,
}

/// One positioned glyph.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Glyph {
    /// Glyph id in the run's face (0, the "missing" box, for characters no font has).
    pub id: u16,
    /// The character it draws.
    pub ch: char,
    /// Where its origin stands, in points from the left edge of the page.
    pub x: f32,
    /// Its natural advance, in points.
    pub advance: f32,
}

/// A heading's place, for the PDF outline.
#[derive(Debug, Clone, PartialEq)]
pub struct OutlineEntry {
    /// 1 to 4.
    pub level: u8,
    /// Label and text.
    pub title: String,
    /// Page index, from 0.
    pub page: usize,
    /// Top of the heading's first line, in points from the top of the page.
    pub y: f32,
}

/// What a line or run is, for its style.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Role {
    /// The title.
    Title,
    /// Speaker or date under the title.
    Subtitle,
    /// Salutation or addressee.
    Salutation,
    /// Body text and closing formulas.
    Body,
    /// A heading of level 1 to 4.
    Heading(u8),
    /// The attachment note.
    Attachment,
    /// The signature.
    Signature,
    /// The closing date.
    Date,
    /// The page number.
    PageNumber,
    /// The issuer mark of an official copy (发文机关标志).
    Issuer,
    /// The other lines of an official copy's head, and "附件N".
    Head,
    /// The 抄送 and 印发 lines of an official copy's foot (版记).
    Foot,
}

impl Role {
    /// Lower-case name, as in the dump.
    pub fn as_str(self) -> &'static str {
        match self {
            Role::Title => "title",
            Role::Subtitle => "subtitle",
            Role::Salutation => "salutation",
            Role::Body => "body",
            Role::Heading(1) => "heading1",
            Role::Heading(2) => "heading2",
            Role::Heading(3) => "heading3",
            Role::Heading(_) => "heading4",
            Role::Attachment => "attachment",
            Role::Signature => "signature",
            Role::Date => "date",
            Role::PageNumber => "page-number",
            Role::Issuer => "issuer",
            Role::Head => "head",
            Role::Foot => "foot",
        }
    }
}

/// Lays `doc` out with `profile`'s numbers and `fonts`' faces, every page kept: for tests,
/// [`Layout::dump`] and callers that want the pages together. Writers that take pages one
/// at a time use [`layout_pages`].
pub fn layout(doc: &Document, profile: &StyleProfile, fonts: &FontBook) -> Layout {
    let mut pages = Vec::new();
    let summary = layout_pages(doc, profile, fonts, &mut |page| pages.push(page));
    Layout {
        page_width: summary.page_width,
        page_height: summary.page_height,
        pages,
        outline: summary.outline,
        warnings: summary.warnings,
    }
}

/// One character, shaped and measured.
#[derive(Debug, Clone, Copy)]
struct Cell {
    ch: char,
    found: Found,
    role: Role,
    size: f32,
    stroke: f32,
    width: f32,
    squeeze: Squeeze,
}

/// Where a paragraph's lines go across the text block.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Place {
    /// By the paragraph's alignment.
    Flow,
    /// One line starting this far from the left margin.
    At(f32),
}

/// A paragraph ready to be broken into lines.
struct Para {
    role: Role,
    cells: Vec<Cell>,
    align: Align,
    first_indent: f32,
    rest_indent: f32,
    pitch: f32,
    blank_before: u32,
    keep_with_next: bool,
    place: Place,
    outline: Option<(u8, String)>,
    /// The paragraph starts a new page (an attachment of an official copy).
    break_before: bool,
    /// Its lines stay on one page unless they are more than a page holds (a table row).
    keep_together: bool,
    /// Lines already set (a table row's, its cells side by side), in place of `cells`.
    preset: Option<Vec<SetLine>>,
    /// The rules around and between a table row's cells.
    frame: Option<table::Frame>,
    /// A long body paragraph's breaks, its cells not kept (see [`Lazy`]).
    lazy: Option<Lazy>,
}

/// A body paragraph of [`LAZY_FROM`] bytes or more, whose cells (28 bytes a character)
/// are not kept: it is shaped once to find where its lines break, then again a line at a
/// time as the lines are set.
struct Lazy {
    /// Its block in the flow.
    block: usize,
    /// Its first cell: its face sets the lines' centre.
    first: Cell,
    /// Where its lines break, taken when the page break first asks.
    ranges: Vec<Range<usize>>,
    /// Where the next line's shaping starts: the run and the byte in it.
    cursor: (usize, usize),
}

/// The size from which a body paragraph's cells are not kept, in bytes of text: about two
/// pages of lines, so that only long paragraphs are shaped twice.
const LAZY_FROM: usize = 4 * 1024;

/// How one role's characters are shaped: the faces to try, in order.
struct Shaping {
    role: Role,
    size: f32,
    bold: bool,
    chain: Vec<FaceId>,
    latin_chain: Vec<FaceId>,
    use_latin: bool,
}

/// A line set, not yet on a page.
struct SetLine {
    role: Role,
    runs: Vec<Run>,
    /// Ascent and descent of the line's main face, at its size.
    centre: f32,
}

struct Engine<'a> {
    profile: &'a StyleProfile,
    book: &'a FontBook,
    shaper: Shaper<'a>,
    warnings: Vec<Diagnostic>,
    /// Characters already reported: each once, at its first place.
    reported: HashSet<char>,
    /// Missing characters of page numbers, told after the text's (pages are numbered as
    /// they leave the flow, but the text's own places come first).
    numbers_missing: Vec<(char, Diagnostic)>,
    /// A page number is being shaped.
    numbering: bool,
    /// [`LAZY_FROM`], but for the test that lays a long paragraph out both ways.
    lazy_from: usize,
    outline: Vec<OutlineEntry>,
    /// Text block width and height, points.
    width: f32,
    height: f32,
    /// Where the flow starts on the first page, below an official copy's head.
    flow_top: f32,
    /// A signature of the document is sealed (盖章).
    sealed: bool,
    /// The seals' centres across each sealed signature row not yet on a finished page,
    /// in order.
    seal_rows: std::collections::VecDeque<Vec<f32>>,
}

impl<'a> Engine<'a> {
    fn new(profile: &'a StyleProfile, book: &'a FontBook) -> Engine<'a> {
        let page = &profile.page;
        Engine {
            profile,
            book,
            shaper: Shaper::new(book),
            warnings: Vec::new(),
            reported: HashSet::new(),
            numbers_missing: Vec::new(),
            numbering: false,
            lazy_from: LAZY_FROM,
            outline: Vec::new(),
            width: page.text_width_mm() * PT_PER_MM,
            height: page.text_height_mm() * PT_PER_MM,
            flow_top: 0.0,
            sealed: false,
            seal_rows: std::collections::VecDeque::new(),
        }
    }

    /// How far a glyph's em box reaches past its cell: the grid's tracking, when negative.
    fn box_tail(&self) -> f32 {
        (-self.profile.page.char_spacing_pt).max(0.0)
    }

    /// What a line of the paragraph whose `first` cell this is adds to its boxes: the
    /// script space of the profile (`layout.han_latin_space_em`) at its size, and the box
    /// tail.
    fn spacing(&self, first: Option<&Cell>) -> Spacing {
        let em = self.profile.layout.han_latin_space_em;
        Spacing { tail: self.box_tail(), script: first.map_or(0.0, |c| em * c.size) }
    }

    /// One em of `style` on the grid: its size plus the tracking.
    fn em(&self, style: &RoleStyle) -> f32 {
        style.size_pt + self.profile.page.char_spacing_pt
    }

    /// The faces a style names, its font before its stand-in; for a bold style, each
    /// one's bold sibling (Liberation Serif Bold for Liberation Serif) before it.
    fn named(&self, names: [&str; 2], bold: bool) -> Vec<FaceId> {
        let mut out = Vec::new();
        for id in names.iter().filter_map(|n| self.book.find(n)) {
            let sibling = if bold { self.book.bold_sibling(id) } else { None };
            for id in sibling.into_iter().chain([id]) {
                if !out.contains(&id) {
                    out.push(id);
                }
            }
        }
        out
    }

    /// `named` followed by every other face in the book, for per-character fallback.
    fn chain(&self, mut named: Vec<FaceId>) -> Vec<FaceId> {
        for i in 0..self.book.faces().len() {
            let id = FaceId(i as u16);
            if !named.contains(&id) {
                named.push(id);
            }
        }
        named
    }

    /// Shapes `text` in `style`: Latin letters and digits from the Latin face, the rest
    /// from the role's, each missing character from the next face that has it.
    fn cells(&mut self, text: &str, role: Role, style: &RoleStyle, span: Span) -> Vec<Cell> {
        self.cells_in(text, role, style, span, true)
    }

    /// [`Engine::cells`], with `latin` false taking digits and Latin letters from the
    /// role's own face too (the page number's digits are 宋体's).
    fn cells_in(
        &mut self,
        text: &str,
        role: Role,
        style: &RoleStyle,
        span: Span,
        use_latin: bool,
    ) -> Vec<Cell> {
        let shaping = self.shaping(role, style, use_latin);
        let mut out = Vec::with_capacity(text.len() / 3);
        for (at, ch) in text.char_indices() {
            if let Some(cell) = self.shape(&shaping, text, at, ch, span) {
                out.push(cell);
            }
        }
        out
    }

    /// The faces `style` shapes with, for [`Engine::shape`].
    fn shaping(&self, role: Role, style: &RoleStyle, use_latin: bool) -> Shaping {
        let own = self.named([&style.font, &style.stand_in], style.bold);
        let latin = &self.profile.latin;
        let mut latin_named = self.named([&latin.font, &latin.stand_in], style.bold);
        let role_faces: Vec<FaceId> =
            own.iter().copied().filter(|f| !latin_named.contains(f)).collect();
        latin_named.extend(role_faces);
        Shaping {
            role,
            size: style.size_pt,
            bold: style.bold,
            chain: self.chain(own),
            latin_chain: self.chain(latin_named),
            use_latin,
        }
    }

    /// A shaped character's width at `size`: its advance and the grid's tracking.
    fn shaped_width(&self, found: Found, size: f32) -> f32 {
        found.advance * size + self.profile.page.char_spacing_pt
    }

    /// The cell of `ch`, at byte `at` of `text` (whose span is `span`); none for a control
    /// character, or when the book has no face at all.
    fn shape(&mut self, s: &Shaping, text: &str, at: usize, ch: char, span: Span) -> Option<Cell> {
        if ch.is_control() {
            return None;
        }
        let faces = if s.use_latin && is_latin(ch) { &s.latin_chain } else { &s.chain };
        let found = match self.shaper.find(faces, ch) {
            Some(found) => found,
            None => {
                self.missing(ch, font::char_span(span, text, at, ch));
                Found { face: *faces.first()?, glyph: 0, advance: 1.0 }
            }
        };
        Some(Cell {
            ch,
            found,
            role: s.role,
            size: s.size,
            stroke: if s.bold && !self.book.face(found.face).is_bold() {
                self.profile.layout.synthetic_bold_em * s.size
            } else {
                0.0
            },
            width: self.shaped_width(found, s.size),
            squeeze: breaking::squeeze(ch),
        })
    }

    /// A body paragraph; one of [`LAZY_FROM`] bytes or more keeps where its lines break
    /// instead of its cells. `block` is its place in the flow.
    fn body_para(&mut self, content: &Content, block: usize) -> Para {
        let style = &self.profile.body;
        let len: usize = content
            .inlines
            .iter()
            .map(|i| match i {
                Inline::Text(t) => t.text.len(),
                Inline::Removed(_) => 0,
            })
            .sum();
        if len < self.lazy_from {
            return self.para(Role::Body, style, content);
        }
        let mut para = self.para(Role::Body, style, &Content::default());
        let shaping = self.shaping(Role::Body, style, true);
        let (mut chars, mut measures, mut first) = (Vec::new(), Vec::new(), None);
        for inline in &content.inlines {
            if let Inline::Text(t) = inline {
                let span = t.span.join(content.span);
                for (at, ch) in t.text.char_indices() {
                    if let Some(cell) = self.shape(&shaping, &t.text, at, ch, span) {
                        first.get_or_insert(cell);
                        chars.push(ch);
                        measures.push(measure(&cell));
                    }
                }
            }
        }
        let Some(first) = first else { return para };
        let breaks = breaking::break_opportunities(&chars);
        breaking::neighbours(&chars, &mut measures);
        drop(chars);
        let first_width = (self.width - para.first_indent).max(0.0);
        let rest_width = (self.width - para.rest_indent).max(0.0);
        let widths = (first_width, rest_width);
        let spacing = self.spacing(Some(&first));
        let mut ranges = breaking::break_lines(&measures, &breaks, widths, spacing);
        breaking::no_lone_last_character(&mut ranges, &breaks);
        para.lazy = Some(Lazy { block, first, ranges, cursor: (0, 0) });
        para
    }

    /// The next `n` cells of a long body paragraph, `content`, shaped again from where the
    /// last line's ended.
    fn next_cells(
        &mut self,
        content: &Content,
        cursor: &mut (usize, usize),
        n: usize,
    ) -> Vec<Cell> {
        let shaping = self.shaping(Role::Body, &self.profile.body, true);
        let mut out = Vec::with_capacity(n);
        while out.len() < n {
            let Some(inline) = content.inlines.get(cursor.0) else { break };
            let Inline::Text(t) = inline else {
                *cursor = (cursor.0 + 1, 0);
                continue;
            };
            let span = t.span.join(content.span);
            let mut chars = t.text[cursor.1..].char_indices();
            while out.len() < n {
                let Some((i, ch)) = chars.next() else { break };
                let at = cursor.1 + i;
                if let Some(cell) = self.shape(&shaping, &t.text, at, ch, span) {
                    out.push(cell);
                }
                if out.len() == n {
                    cursor.1 = at + ch.len_utf8();
                    if cursor.1 == t.text.len() {
                        *cursor = (cursor.0 + 1, 0);
                    }
                    return out;
                }
            }
            *cursor = (cursor.0 + 1, 0);
        }
        out
    }

    fn missing(&mut self, ch: char, span: Span) {
        let new = if self.numbering {
            !self.numbers_missing.iter().any(|&(c, _)| c == ch)
        } else {
            self.reported.insert(ch)
        };
        if !new {
            return;
        }
        let message = format!("no font has the character “{ch}” (U+{:04X})", u32::from(ch));
        let warning = Diagnostic::warning(Code::MissingGlyph, span, message)
            .with_hint("install a font that has it, or give one with --font-dir");
        if self.numbering {
            self.numbers_missing.push((ch, warning));
        } else {
            self.warnings.push(warning);
        }
    }

    /// Tells the page numbers' missing characters that the text has not told.
    fn flush_page_number_warnings(&mut self) {
        for (ch, warning) in std::mem::take(&mut self.numbers_missing) {
            if self.reported.insert(ch) {
                self.warnings.push(warning);
            }
        }
    }

    fn para(&mut self, role: Role, style: &RoleStyle, content: &Content) -> Para {
        let cells = self.content_cells(content, role, style);
        let indent = style.first_line_indent_chars * self.em(style);
        Para {
            role,
            cells,
            align: style.align,
            first_indent: indent,
            rest_indent: 0.0,
            pitch: self.profile.page.line_pitch_pt,
            blank_before: 0,
            keep_with_next: style.keep_with_next,
            place: Place::Flow,
            outline: None,
            break_before: false,
            keep_together: false,
            preset: None,
            frame: None,
            lazy: None,
        }
    }

    fn content_cells(&mut self, content: &Content, role: Role, style: &RoleStyle) -> Vec<Cell> {
        let mut cells = Vec::new();
        for inline in &content.inlines {
            if let Inline::Text(t) = inline {
                let more = self.cells(&t.text, role, style, t.span.join(content.span));
                // The first run's cells are taken as they are: copied, a one-run paragraph
                // held its cells twice.
                if cells.is_empty() {
                    cells = more;
                } else {
                    cells.extend(more);
                }
            }
        }
        cells
    }

    /// The paragraphs of the next block of `flow` from `*at` on (a run-in heading takes
    /// the paragraph after it along), with the blank lines before them; none left when
    /// `None`. Empty paragraphs are left out.
    fn block_paras(
        &mut self,
        flow: &[Block],
        at: &mut usize,
        state: &mut BlockState,
    ) -> Option<Vec<Para>> {
        let p = self.profile;
        let rules = &p.layout;
        let shown = |b: &&Block| !matches!(b, Block::Removed(_));
        let skip = flow[*at..].iter().position(|b| shown(&b))?;
        let block = &flow[*at + skip];
        *at += skip + 1;
        let mut paras: Vec<Para> = Vec::new();
        match block {
            Block::Title(title) => {
                for line in title.lines.iter().filter(|l| !l.is_empty()) {
                    // Broken between words, as the DOCX breaks it.
                    for part in title::title_lines(&line.text(), p) {
                        let mut para = self.para(Role::Title, &p.title, line);
                        para.cells = self.cells(&part, Role::Title, &p.title, line.span);
                        para.pitch = rules.title_line_pitch_pt;
                        paras.push(para);
                    }
                }
            }
            Block::Subtitle(c) => paras.push(self.para(Role::Subtitle, &p.subtitle, c)),
            Block::Salutation(c) => paras.push(self.para(Role::Salutation, &p.salutation, c)),
            Block::Paragraph(c) | Block::Closing(c) => paras.push(self.body_para(c, *at - 1)),
            Block::Heading(h) => {
                let level = h.level.clamp(1, 4);
                let style = p.heading(level);
                let title = format!("{}{}", h.label.canonical(), h.content.text());
                let mut para = self.para(Role::Heading(level), style, &h.content);
                let mut label = h.label.canonical();
                if title::is_chapter(&label) && !h.run_in {
                    label.push('\u{3000}');
                    para.align = Align::Center;
                    para.first_indent = 0.0;
                }
                let label = self.cells(&label, para.role, style, h.span);
                para.cells.splice(0..0, label);
                if h.run_in
                    && let Some(n) = flow[*at..].iter().position(|b| shown(&b))
                    && let Block::Paragraph(rest) = &flow[*at + n]
                {
                    let body = self.content_cells(rest, Role::Body, &p.body);
                    para.cells.extend(body);
                    para.keep_with_next = false;
                    *at += n + 1;
                }
                para.outline = Some((level, title.trim().to_string()));
                paras.push(para);
            }
            Block::Attachment(a) => {
                let indent = rules.attachment_indent_chars * self.em(&p.attachment);
                let mut prefix_width = 0.0;
                for (i, line) in a.lines.iter().filter(|l| !l.is_empty()).enumerate() {
                    let mut para = self.para(Role::Attachment, &p.attachment, line);
                    let text = line.text();
                    let (prefix, label) = attachment_prefix(&text);
                    let width = |cells: &[Cell], n: usize| -> f32 {
                        cells.iter().take(n).map(|c| c.width).sum()
                    };
                    if i == 0 {
                        prefix_width = width(&para.cells, prefix);
                        para.first_indent = indent;
                    } else {
                        para.first_indent = indent + prefix_width;
                    }
                    para.rest_indent = para.first_indent + width(&para.cells, prefix + label);
                    if i == 0 {
                        para.blank_before = rules.blank_lines_before_attachment;
                    }
                    paras.push(para);
                }
            }
            Block::Signature(s) => {
                self.sealed |= s.sealed;
                paras.push(self.para(Role::Signature, &p.signature, &s.content))
            }
            Block::Date(c) => paras.push(self.para(Role::Date, &p.date, c)),
            Block::Appendix(a) => paras.push(official::appendix_label(self, a)),
            Block::Table(t) => paras.extend(self.table_paras(t)),
            // `flow_blocks` has left the other official-copy blocks out.
            _ => {}
        }
        let is_title = matches!(block, Block::Title(_) | Block::Subtitle(_));
        if let Some(first) = paras.first_mut() {
            if state.prev_title && !is_title {
                first.blank_before = first.blank_before.max(rules.blank_lines_after_title);
            }
            if state.before_signature && matches!(block, Block::Signature(_) | Block::Date(_)) {
                first.blank_before = first.blank_before.max(rules.blank_lines_before_signature);
                state.before_signature = false;
            }
            state.prev_title = is_title;
        }
        paras.retain(|para| !para.cells.is_empty() || para.preset.is_some() || para.lazy.is_some());
        Some(paras)
    }

    /// What the blocks' paragraphs settle among themselves once they are all there: where
    /// the signature and date stand, the blank line above an attachment's title.
    fn settle(&mut self, paras: &mut Vec<Para>) {
        // The end matter is placed by the width it is set in, script spaces and all; its
        // cells then take back their own widths, which `set_line` adds the spaces to.
        let end_matter = |p: &&mut Para| matches!(p.role, Role::Signature | Role::Date);
        paras.iter_mut().filter(end_matter).for_each(|p| self.script_widths(&mut p.cells, true));
        self.place_signatures(paras);
        paras.iter_mut().filter(end_matter).for_each(|p| self.script_widths(&mut p.cells, false));
        official::space_appendix_titles(self, paras);
    }

    /// Gives each of `cells` that a change of script follows its shaped width, plus the
    /// profile's script space at its size when `spaced`. Lines set whole (the 文号, 签发人
    /// and 版记; the end matter while it is placed) carry the space in their widths; the
    /// lines `set_line` sets get it from the breaker's measures instead.
    pub(crate) fn script_widths(&self, cells: &mut [Cell], spaced: bool) {
        let em = if spaced { self.profile.layout.han_latin_space_em } else { 0.0 };
        for i in 1..cells.len() {
            if breaking::script_change(cells[i - 1].ch, cells[i].ch) {
                let c = &mut cells[i - 1];
                c.width = self.shaped_width(c.found, c.size) + em * c.size;
            }
        }
    }

    /// GB/T 9704 §7.3.5.1: the signature stands two characters from the right; the date
    /// below starts two characters right of the signature's start, unless the date is the
    /// longer, when the date stands two characters from the right and the signature moves
    /// left to start two characters before it.
    /// A sealed copy's signature is placed by [`official::place_sealed`].
    fn place_signatures(&mut self, paras: &mut Vec<Para>) {
        if self.sealed {
            return official::place_sealed(self, paras);
        }
        let rules = &self.profile.layout;
        let natural = |p: &Para| p.cells.iter().map(|c| c.width).sum::<f32>();
        for i in 0..paras.len() {
            let inset = rules.signature_right_inset_chars * self.em(&self.profile.signature);
            match paras[i].role {
                Role::Signature => {
                    let w = natural(&paras[i]);
                    if w + inset <= self.width {
                        paras[i].place = Place::At(self.width - inset - w);
                    }
                }
                Role::Date => {
                    let w = natural(&paras[i]);
                    let inset = rules.signature_right_inset_chars * self.em(&self.profile.date);
                    let shift = rules.date_shift_chars * self.em(&self.profile.date);
                    let mut x = self.width - inset - w;
                    if i > 0 && paras[i - 1].role == Role::Signature {
                        // The signature never ends a page with its date on the next.
                        paras[i - 1].keep_with_next = true;
                    }
                    if i > 0
                        && paras[i - 1].role == Role::Signature
                        && let Place::At(sig) = paras[i - 1].place
                    {
                        let sig_width = natural(&paras[i - 1]);
                        if w <= sig_width {
                            // Never past the text block, though it may reach into the inset.
                            x = (sig + shift).min(self.width - w);
                        } else {
                            paras[i - 1].place = Place::At((x - shift).max(0.0));
                        }
                    }
                    if x >= 0.0 {
                        paras[i].place = Place::At(x);
                    }
                }
                _ => {}
            }
        }
    }

    /// Breaks a paragraph into set lines `width` wide, starting `left` points into the
    /// text block (a table cell's text).
    fn set_within(&self, para: &Para, left: f32, width: f32) -> Vec<SetLine> {
        let ranges = self.line_ranges(para, width);
        let count = ranges.len();
        ranges
            .into_iter()
            .enumerate()
            .map(|(n, range)| {
                self.set_line(para, &para.cells[range], para.cells.first(), left, width, (n, count))
            })
            .collect()
    }

    /// Where a paragraph `width` wide breaks into lines: each line's range of cells. The
    /// lines themselves are set one by one ([`Engine::set_line`]), so that a long
    /// paragraph's glyphs are never all held.
    fn line_ranges(&self, para: &Para, width: f32) -> Vec<Range<usize>> {
        let chars: Vec<char> = para.cells.iter().map(|c| c.ch).collect();
        let breaks = breaking::break_opportunities(&chars);
        let mut ranges = match para.place {
            Place::At(_) => std::iter::once(0..para.cells.len()).collect(),
            Place::Flow => {
                let mut measures: Vec<Measure> = para.cells.iter().map(measure).collect();
                breaking::neighbours(&chars, &mut measures);
                let first = (width - para.first_indent).max(0.0);
                let rest = (width - para.rest_indent).max(0.0);
                let spacing = self.spacing(para.cells.first());
                breaking::break_lines(&measures, &breaks, (first, rest), spacing)
            }
        };
        breaking::no_lone_last_character(&mut ranges, &breaks);
        ranges
    }

    /// Sets line `n` of a paragraph's `count`, its `cells`, `width` wide and starting
    /// `left` points into the text block; the paragraph's `first` cell sets the centre.
    fn set_line(
        &self,
        para: &Para,
        cells: &[Cell],
        first: Option<&Cell>,
        left: f32,
        width: f32,
        (n, count): (usize, usize),
    ) -> SetLine {
        let first_width = (width - para.first_indent).max(0.0);
        let rest = (width - para.rest_indent).max(0.0);
        let (indent, avail) =
            if n == 0 { (para.first_indent, first_width) } else { (para.rest_indent, rest) };
        // Trailing spaces take no room at a line's end.
        let mut end = cells.len();
        while end > 0 && cells[end - 1].ch == ' ' {
            end -= 1;
        }
        let cells = &cells[..end];
        let mut items: Vec<Measure> = cells.iter().map(measure).collect();
        let chars: Vec<char> = cells.iter().map(|c| c.ch).collect();
        breaking::neighbours(&chars, &mut items);
        let last = n + 1 == count;
        let stretch = para.align == Align::Justify && !last;
        let spacing = self.spacing(first);
        let fit = breaking::fit(&items, avail, stretch, spacing);
        let offset = match (para.place, para.align) {
            (Place::At(x), _) => x,
            (Place::Flow, Align::Center) => indent + (avail - fit.width) / 2.0,
            (Place::Flow, Align::Right) => indent + avail - fit.reach,
            (Place::Flow, _) => indent,
        };
        let mut pen = self.profile.page.margin_left_mm * PT_PER_MM + left + offset;
        let mut runs: Vec<Run> = Vec::new();
        for (i, cell) in cells.iter().enumerate() {
            let squeezed = fit.squeezed[i];
            let x = if cell.squeeze == Squeeze::Left { pen - squeezed } else { pen };
            let script = if items[i].spaced { spacing.script } else { 0.0 };
            pen += cell.width - squeezed + fit.gap + script;
            push_glyph(&mut runs, cell, x);
        }
        let centre = self.line_centre(first.map_or(&[][..], std::slice::from_ref));
        SetLine { role: para.role, runs, centre }
    }

    /// "— N —" below the text block, odd pages right and even pages left, one character in.
    fn page_number(&mut self, n: usize) -> Option<Line> {
        let pn = &self.profile.page_number;
        let page = &self.profile.page;
        let style = RoleStyle {
            font: pn.font.clone(),
            stand_in: pn.stand_in.clone(),
            size_pt: pn.size_pt,
            bold: false,
            ..RoleStyle::default()
        };
        let text = format!("{dash} {n} {dash}", dash = pn.dash);
        self.numbering = true;
        let mut cells = self.cells_in(&text, Role::PageNumber, &style, Span::DETACHED, false);
        self.numbering = false;
        let spacing = page.char_spacing_pt;
        for c in &mut cells {
            c.width -= spacing;
        }
        let first = cells.first()?;
        let width: f32 = cells.iter().map(|c| c.width).sum();
        let inset = pn.inset_chars * pn.size_pt;
        let left = page.margin_left_mm * PT_PER_MM;
        let x = if n % 2 == 1 { left + self.width - inset - width } else { left + inset };
        // GB/T 9704 §7.5: the digits' top stands `below_text_mm` under the text block.
        let digit = cells.iter().find(|c| c.ch.is_ascii_digit()).unwrap_or(first);
        let top = digit_height(self.book.face(digit.found.face));
        let baseline = (page.margin_top_mm + page.text_height_mm() + pn.below_text_mm) * PT_PER_MM
            + top * pn.size_pt;
        let mut runs: Vec<Run> = Vec::new();
        let mut pen = x;
        for c in cells {
            let glyph = Glyph { id: c.found.glyph, ch: c.ch, x: pen, advance: c.width };
            pen += c.width;
            match runs.last_mut() {
                Some(run) if run.face == c.found.face => run.glyphs.push(glyph),
                _ => runs.push(Run {
                    role: Role::PageNumber,
                    face: c.found.face,
                    size: c.size,
                    stroke: 0.0,
                    glyphs: vec![glyph],
                }),
            }
        }
        Some(Line { role: Role::PageNumber, baseline, runs, colour: None })
    }
}

/// The lines a paragraph of `n` lines puts on a page before a break at the least: all of
/// a paragraph of three or fewer (one left alone on either side is not allowed), else two.
fn opening_lines(n: usize) -> usize {
    if n <= 3 { n } else { 2 }
}

/// The height of a face's digits in ems: its cap height (digits stand as high as capitals
/// in the faces set here), or 0.7 em when the face does not say.
fn digit_height(face: &Face) -> f32 {
    use skrifa::MetadataProvider as _;
    skrifa::FontRef::from_index(face.data().as_ref().as_ref(), face.index())
        .ok()
        .and_then(|font| {
            let metrics = font.metrics(
                skrifa::instance::Size::unscaled(),
                skrifa::instance::LocationRef::default(),
            );
            let cap = metrics.cap_height.filter(|&c| c > 0.0)?;
            Some(cap / metrics.units_per_em as f32)
        })
        .unwrap_or(0.7)
}

/// Whether a character is set in the Latin face: ASCII and Latin-1/Extended letters.
fn is_latin(c: char) -> bool {
    c.is_ascii() || ('\u{00A0}'..='\u{024F}').contains(&c) && c != '·' && c != '×' && c != '÷'
}

/// In an attachment line, the number of characters in "附件：" (0 when absent) and in the
/// item label after it ("1." "2、").
fn attachment_prefix(text: &str) -> (usize, usize) {
    let chars: Vec<char> = text.chars().collect();
    let prefix = if text.starts_with("附件") {
        chars.iter().position(|&c| c == '：' || c == ':').map_or(0, |i| i + 1)
    } else {
        0
    };
    let digits = chars[prefix..].iter().take_while(|c| c.is_ascii_digit()).count();
    let label = match chars.get(prefix + digits) {
        Some('.' | '．' | '、') if digits > 0 => digits + 1,
        _ => 0,
    };
    (prefix, label)
}

impl Layout {
    /// The layout as text, one line per text line: page, baseline, role, then each run's
    /// role, face, size, start x and text. Used for snapshot tests.
    pub fn dump(&self, fonts: &FontBook) -> String {
        let mut out = String::new();
        for (i, page) in self.pages.iter().enumerate() {
            let _ = writeln!(out, "page {}", i + 1);
            for line in &page.lines {
                let _ = write!(out, "  {:7.2} {:<11}", line.baseline, line.role.as_str());
                for run in &line.runs {
                    let text: String = run.glyphs.iter().map(|g| g.ch).collect();
                    let x = run.glyphs.first().map_or(0.0, |g| g.x);
                    let face =
                        fonts.faces().get(run.face.index()).map_or("?", |f| f.postscript_name());
                    let bold = if run.stroke > 0.0 { " bold" } else { "" };
                    let _ = write!(
                        out,
                        " [{} {} {}{} @{:.2}] {}",
                        run.role.as_str(),
                        face,
                        run.size,
                        bold,
                        x,
                        text
                    );
                }
                out.push('\n');
            }
        }
        for entry in &self.outline {
            let _ = writeln!(
                out,
                "outline {} p{} y={:.2} {}",
                entry.level,
                entry.page + 1,
                entry.y,
                entry.title
            );
        }
        for w in &self.warnings {
            let _ = writeln!(out, "warning {}..{} {}", w.span.start, w.span.end, w.message);
        }
        out
    }

    /// The text of every line but the page numbers, lines joined with newlines, in reading
    /// order.
    pub fn text(&self) -> String {
        let mut out = String::new();
        for page in &self.pages {
            for line in page.lines.iter().filter(|l| l.role != Role::PageNumber) {
                out.extend(line.runs.iter().flat_map(|r| r.glyphs.iter().map(|g| g.ch)));
                out.push('\n');
            }
        }
        out
    }
}

/// A cell's box for line breaking: full-width punctuation may give up half its width.
fn measure(c: &Cell) -> Measure {
    Measure::new(c.ch, c.width)
}

/// Sets `cell` at `x` as the next glyph of a line: in the last run when it shares the run's
/// face, role, size and stroke, else in a new run.
fn push_glyph(runs: &mut Vec<Run>, cell: &Cell, x: f32) {
    let glyph =
        Glyph { id: cell.found.glyph, ch: cell.ch, x, advance: cell.found.advance * cell.size };
    match runs.last_mut() {
        Some(run)
            if run.face == cell.found.face
                && run.role == cell.role
                && run.size == cell.size
                && run.stroke == cell.stroke =>
        {
            run.glyphs.push(glyph)
        }
        _ => runs.push(Run {
            role: cell.role,
            face: cell.found.face,
            size: cell.size,
            stroke: cell.stroke,
            glyphs: vec![glyph],
        }),
    }
}
