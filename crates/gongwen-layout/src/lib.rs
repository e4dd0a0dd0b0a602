//! Lays a gongwen [`Document`] out on GB/T 9704-2012 pages.
//!
//! The result is plain data — pages of positioned glyph runs, each with its font role and
//! face — so that it can be snapshot-tested as text ([`Layout::dump`]) and written by a thin
//! PDF writer. Every number comes from the [`StyleProfile`]; fonts come in as bytes through
//! a [`FontBook`], so this crate reads no files.
//!
//! What it does, the same as the DOCX renderer:
//! - Chinese characters on the grid (16 pt less 0.25 pt tracking: 28 a line, 22 lines a
//!   page); digits and Latin letters measured by the Latin face's real advances.
//! - Lines broken by the Chinese rules (see `breaking`), justified, the last line of a
//!   paragraph flush left. A closing mark that would start a line takes the character
//!   before it down (push-out) instead of squeezing the line's punctuation: the DOCX
//!   asks Word and LibreOffice not to compress punctuation, so both break alike, and no
//!   mark hangs past the text block. Only a line narrower than one character squeezes.
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
//!   attachment notes with hanging indents; signature and date placed by §7.3.5.
//! - Page numbers "— N —" in the page-number face's own digits (宋体, not the Latin
//!   face), odd pages right and even pages left, one character in, the digits' top
//!   `below_text_mm` under the text block.
//! - Tables ruled on the grid, as wide as the text block, columns as wide as their
//!   content asks, each cell's text broken within it (see `table`); their thin black
//!   rules are [`Rule`]s of the page like the official copy's.
//! - A character no font has is reported once, as a warning at its first place (its own
//!   bytes when the text is as read, else its block's span).

mod breaking;
mod font;
mod official;
mod table;
mod tighten;
pub mod title;

use std::collections::HashSet;
use std::fmt::Write as _;

use gongwen_ast::{Block, Code, Content, Diagnostic, Document, Inline, Span};
use gongwen_style::{Align, PT_PER_MM, RoleStyle, StyleProfile};

use breaking::{Measure, Squeeze};
pub use font::{Face, FaceId, FontBook, FontData, FontError};
use font::{Found, Shaper};

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
    /// A page that carries no page number: the one holding an official copy's foot (版记),
    /// and a blank page before it.
    pub unnumbered: bool,
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

/// Lays `doc` out with `profile`'s numbers and `fonts`' faces.
pub fn layout(doc: &Document, profile: &StyleProfile, fonts: &FontBook) -> Layout {
    let mut engine = Engine::new(profile, fonts);
    let head = official::head(&mut engine, doc);
    engine.flow_top = head.as_ref().map_or(0.0, |h| h.flow_top);
    let paras = engine.paragraphs(doc);
    let mut pages = engine.paginate(paras);
    if let Some(head) = head {
        official::put_head(head, &mut pages);
    }
    official::foot(&mut engine, doc, &mut pages);
    let page = &profile.page;
    Layout {
        page_width: page.width_mm * PT_PER_MM,
        page_height: page.height_mm * PT_PER_MM,
        pages,
        outline: engine.outline,
        warnings: engine.warnings,
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
    outline: Vec<OutlineEntry>,
    /// Text block width and height, points.
    width: f32,
    height: f32,
    /// Where the flow starts on the first page, below an official copy's head.
    flow_top: f32,
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
            outline: Vec::new(),
            width: page.text_width_mm() * PT_PER_MM,
            height: page.text_height_mm() * PT_PER_MM,
            flow_top: 0.0,
        }
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
        let own = self.named([&style.font, &style.stand_in], style.bold);
        let latin = &self.profile.latin;
        let mut latin_named = self.named([&latin.font, &latin.stand_in], style.bold);
        let role_faces: Vec<FaceId> =
            own.iter().copied().filter(|f| !latin_named.contains(f)).collect();
        latin_named.extend(role_faces);
        let chain = self.chain(own);
        let latin_chain = self.chain(latin_named);
        let spacing = self.profile.page.char_spacing_pt;
        let mut out = Vec::with_capacity(text.len() / 3);
        for (at, ch) in text.char_indices() {
            if ch.is_control() {
                continue;
            }
            let faces = if use_latin && is_latin(ch) { &latin_chain } else { &chain };
            let found = match self.shaper.find(faces, ch) {
                Some(found) => found,
                None => {
                    self.missing(ch, font::char_span(span, text, at, ch));
                    match faces.first() {
                        Some(&face) => Found { face, glyph: 0, advance: 1.0 },
                        None => continue,
                    }
                }
            };
            let squeeze = breaking::squeeze(ch);
            out.push(Cell {
                ch,
                found,
                role,
                size: style.size_pt,
                stroke: if style.bold && !self.book.face(found.face).is_bold() {
                    self.profile.layout.synthetic_bold_em * style.size_pt
                } else {
                    0.0
                },
                width: found.advance * style.size_pt + spacing,
                squeeze,
            });
        }
        out
    }

    fn missing(&mut self, ch: char, span: Span) {
        if self.reported.insert(ch) {
            let message = format!("no font has the character “{ch}” (U+{:04X})", u32::from(ch));
            self.warnings.push(
                Diagnostic::warning(Code::MissingGlyph, span, message)
                    .with_hint("install a font that has it, or give one with --font-dir"),
            );
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
        }
    }

    fn content_cells(&mut self, content: &Content, role: Role, style: &RoleStyle) -> Vec<Cell> {
        let mut cells = Vec::new();
        for inline in &content.inlines {
            if let Inline::Text(t) = inline {
                cells.extend(self.cells(&t.text, role, style, t.span.join(content.span)));
            }
        }
        cells
    }

    /// The document's blocks as paragraphs, with the blank lines and placements between
    /// them.
    fn paragraphs(&mut self, doc: &Document) -> Vec<Para> {
        let p = self.profile;
        let rules = &p.layout;
        let mut paras: Vec<Para> = Vec::new();
        let mut prev_title = false;
        let mut before_signature = true;
        let flow = gongwen_ast::flow_blocks(&doc.blocks);
        let mut blocks = flow.iter().filter(|b| !matches!(b, Block::Removed(_))).peekable();
        while let Some(block) = blocks.next() {
            let start = paras.len();
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
                Block::Paragraph(c) | Block::Closing(c) => {
                    paras.push(self.para(Role::Body, &p.body, c))
                }
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
                        && let Some(Block::Paragraph(rest)) = blocks.peek()
                    {
                        let body = self.content_cells(rest, Role::Body, &p.body);
                        para.cells.extend(body);
                        para.keep_with_next = false;
                        blocks.next();
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
                    paras.push(self.para(Role::Signature, &p.signature, &s.content))
                }
                Block::Date(c) => paras.push(self.para(Role::Date, &p.date, c)),
                Block::Appendix(a) => paras.push(official::appendix_label(self, a)),
                Block::Table(t) => paras.extend(self.table_paras(t)),
                // `flow_blocks` has left the other official-copy blocks out.
                _ => {}
            }
            let is_title = matches!(block, Block::Title(_) | Block::Subtitle(_));
            if let Some(first) = paras.get_mut(start) {
                if prev_title && !is_title {
                    first.blank_before = first.blank_before.max(rules.blank_lines_after_title);
                }
                if before_signature && matches!(block, Block::Signature(_) | Block::Date(_)) {
                    first.blank_before = first.blank_before.max(rules.blank_lines_before_signature);
                    before_signature = false;
                }
            }
            if paras.len() > start {
                prev_title = is_title;
            }
        }
        paras.retain(|para| !para.cells.is_empty() || para.preset.is_some());
        self.place_signatures(&mut paras);
        official::space_appendix_titles(self, &mut paras);
        paras
    }

    /// GB/T 9704 §7.3.5.1: the signature stands two characters from the right; the date
    /// below starts two characters right of the signature's start, unless the date is the
    /// longer, when the date stands two characters from the right and the signature moves
    /// left to start two characters before it.
    fn place_signatures(&self, paras: &mut [Para]) {
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

    /// Breaks a paragraph into set lines across the text block.
    fn set(&self, para: &Para) -> Vec<SetLine> {
        self.set_within(para, 0.0, self.width)
    }

    /// Breaks a paragraph into set lines `width` wide, starting `left` points into the
    /// text block (a table cell's text).
    fn set_within(&self, para: &Para, left: f32, width: f32) -> Vec<SetLine> {
        let chars: Vec<char> = para.cells.iter().map(|c| c.ch).collect();
        let breaks = breaking::break_opportunities(&chars);
        let measures: Vec<Measure> = para
            .cells
            .iter()
            .map(|c| Measure {
                width: c.width,
                shrink: if c.squeeze == Squeeze::None { 0.0 } else { c.width / 2.0 },
            })
            .collect();
        let first = (width - para.first_indent).max(0.0);
        let rest = (width - para.rest_indent).max(0.0);
        let mut ranges = match para.place {
            Place::At(_) => std::iter::once(0..para.cells.len()).collect(),
            Place::Flow => breaking::break_lines(&measures, &breaks, first, rest),
        };
        breaking::no_lone_last_character(&mut ranges, &breaks);
        let count = ranges.len();
        let mut lines = Vec::with_capacity(count);
        for (n, range) in ranges.into_iter().enumerate() {
            let (indent, avail) =
                if n == 0 { (para.first_indent, first) } else { (para.rest_indent, rest) };
            // Trailing spaces take no room at a line's end.
            let mut end = range.end;
            while end > range.start && para.cells[end - 1].ch == ' ' {
                end -= 1;
            }
            let cells = &para.cells[range.start..end];
            let items = &measures[range.start..end];
            let last = n + 1 == count;
            let stretch = para.align == Align::Justify && !last;
            let fit = breaking::fit(items, avail, stretch);
            let offset = match (para.place, para.align) {
                (Place::At(x), _) => x,
                (Place::Flow, Align::Center) => indent + (avail - fit.width) / 2.0,
                (Place::Flow, Align::Right) => indent + avail - fit.width,
                (Place::Flow, _) => indent,
            };
            let mut pen = self.profile.page.margin_left_mm * PT_PER_MM + left + offset;
            let mut runs: Vec<Run> = Vec::new();
            for (i, cell) in cells.iter().enumerate() {
                let squeezed = fit.squeezed[i];
                let x = if cell.squeeze == Squeeze::Left { pen - squeezed } else { pen };
                pen += cell.width - squeezed + fit.gap;
                push_glyph(&mut runs, cell, x);
            }
            let centre = para.cells.first().map_or(0.0, |c| {
                let (ascent, descent) = self.book.face(c.found.face).vertical_metrics();
                (ascent + descent) / 2.0 * c.size
            });
            lines.push(SetLine { role: para.role, runs, centre });
        }
        lines
    }

    /// Puts the paragraphs' lines on pages.
    fn paginate(&mut self, mut paras: Vec<Para>) -> Vec<Page> {
        const EPS: f32 = 0.01;
        let top = self.profile.page.margin_top_mm * PT_PER_MM;
        let blank = self.profile.page.line_pitch_pt;
        let set: Vec<Vec<SetLine>> =
            paras.iter_mut().map(|p| p.preset.take().unwrap_or_else(|| self.set(p))).collect();
        let mut pages = vec![Page::default()];
        let mut y = self.flow_top;
        let height = self.height;
        // Lines of `pitch` that still fit on the page from `y`.
        let room = |y: f32, pitch: f32| ((height - y + EPS) / pitch).floor().max(0.0) as usize;
        let counts: Vec<usize> = set.iter().map(Vec::len).collect();
        // Height of the paragraphs from `from` on, blank lines before each included, up to
        // the first that opens a page of its own (an official copy's attachments): what
        // must share a page with the paragraph before `from`.
        let height_of = |from: usize| -> f32 {
            paras[from..]
                .iter()
                .zip(&counts[from..])
                .take_while(|(p, _)| !p.break_before)
                .map(|(p, &c)| p.blank_before as f32 * blank + c as f32 * p.pitch)
                .sum()
        };
        let end = end_matter_keep(&paras, &counts);
        for (i, (para, lines)) in paras.iter().zip(set).enumerate() {
            let n = lines.len();
            let pitch = para.pitch;
            // GB/T 9704 §7.3.5: the end matter (attachment note, signature, date, 附注)
            // never stands on a page of its own: it keeps `need` body lines with it.
            let tail = match end {
                Some((t, need)) if t == i => Some((height_of(i + 1), need)),
                _ => None,
            };
            if para.break_before && y > 0.0 {
                pages.push(Page::default());
                y = 0.0;
            }
            if y > 0.0 {
                y += para.blank_before as f32 * blank;
            }
            if para.keep_with_next && i + 1 < paras.len() {
                // The heading, the headings it keeps with, and the lines the paragraph
                // after them must open with.
                let mut needed = n as f32 * pitch;
                let mut k = i + 1;
                while let Some(next) = paras.get(k) {
                    needed += next.blank_before as f32 * blank;
                    if next.keep_with_next && k + 1 < paras.len() {
                        needed += counts[k] as f32 * next.pitch;
                        k += 1;
                        continue;
                    }
                    needed += match end {
                        // A short paragraph that the end matter keeps with goes along whole.
                        Some((t, _)) if t == k && counts[k] <= 4 => {
                            counts[k] as f32 * next.pitch + height_of(k + 1)
                        }
                        _ => opening_lines(counts[k]) as f32 * next.pitch,
                    };
                    break;
                }
                if y > 0.0 && y + needed > height + EPS && needed <= height {
                    pages.push(Page::default());
                    y = 0.0;
                }
            }
            // A table row that fits on a page is not broken.
            if para.keep_together && y > 0.0 && n > room(y, pitch) && n <= room(0.0, pitch) {
                pages.push(Page::default());
                y = 0.0;
            }
            let mut lines = lines.into_iter();
            let mut j = 0;
            while j < n {
                let r = room(y, pitch);
                let left = n - j;
                // A line taller than the text block still goes on a page of its own.
                let mut take = if y == 0.0 { r.max(1) } else { r }.min(left);
                // A first line alone at the bottom of a page goes to the next.
                let orphan = j == 0 && n >= 2 && take == 1 && y > 0.0;
                if take == 0 || orphan {
                    pages.push(Page::default());
                    y = 0.0;
                    continue;
                }
                // A last line alone at the top of the next page takes one more with it,
                // unless that would leave the first line alone here.
                if left - take == 1 && take >= 2 {
                    if j == 0 && take == 2 && y > 0.0 {
                        pages.push(Page::default());
                        y = 0.0;
                        continue;
                    }
                    take -= 1;
                }
                // When the signature block will not fit below this paragraph's last lines,
                // up to two of them go to the next page with it.
                if let Some((tail, need)) = tail
                    && j + take == n
                    && y + take as f32 * pitch + tail > height + EPS
                {
                    let stay = take.saturating_sub(need);
                    if stay > 1 || (stay == 1 && j > 0) {
                        take = stay;
                    } else if y > 0.0 {
                        pages.push(Page::default());
                        y = 0.0;
                        continue;
                    }
                }
                if j == 0
                    && let Some((level, title)) = &para.outline
                {
                    self.outline.push(OutlineEntry {
                        level: *level,
                        title: title.clone(),
                        page: pages.len() - 1,
                        y: top + y,
                    });
                }
                let page = pages.last_mut().expect("there is always a page");
                let chunk_top = top + y;
                for line in lines.by_ref().take(take) {
                    let baseline = top + y + pitch / 2.0 + line.centre;
                    page.lines.push(Line {
                        role: line.role,
                        baseline,
                        runs: line.runs,
                        colour: None,
                    });
                    y += pitch;
                }
                if let Some(frame) = &para.frame {
                    frame.rule(page, chunk_top, top + y, self.profile.layout.table_rule_pt);
                }
                j += take;
                if j < n {
                    pages.push(Page::default());
                    y = 0.0;
                }
            }
        }
        tighten::last_page(&mut pages, &mut self.outline, self.profile, self.flow_top);
        for (i, page) in pages.iter_mut().enumerate() {
            if let Some(line) = self.page_number(i + 1) {
                page.lines.push(line);
            }
        }
        pages
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
        let mut cells = self.cells_in(&text, Role::PageNumber, &style, Span::DETACHED, false);
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

/// Where the end matter — from the first attachment note, signature or date to the end —
/// gets the body lines it keeps with (GB/T 9704 §7.3.5: never a page of end matter alone):
/// the paragraph that gives them, and how many of its last lines it gives, so that two
/// body lines in all go along (a one-line closing formula is one of them). None without
/// end matter or when a heading comes right before it.
fn end_matter_keep(paras: &[Para], counts: &[usize]) -> Option<(usize, usize)> {
    let e = paras
        .iter()
        .position(|p| matches!(p.role, Role::Attachment | Role::Signature | Role::Date))?;
    let mut need = 2;
    let mut t = e.checked_sub(1)?;
    while counts[t] < need && t > 0 && paras[t].role == Role::Body {
        need -= counts[t];
        t -= 1;
    }
    (paras[t].role == Role::Body).then_some((t, need))
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
