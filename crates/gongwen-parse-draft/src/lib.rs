//! Reads a draft that comes as paragraphs with formatting evidence — a Word document, a
//! Markdown file — into the gongwen document tree, by the plain-text reader's own
//! recognition.
//!
//! A reader turns its format into [`Item`]s: paragraphs of plain text (numbering labels
//! rendered, soft breaks as line breaks) with what the format says about them — a heading
//! level, a title style, centring, images left out — and tables. [`read`] lays the
//! paragraphs out as lines of text, one a paragraph, and runs `gongwen_parse::parse` over
//! them, so that noise removal, repairs and every recorded change are those of plain
//! text. Table cells are blanked out of that text (their contents never read as
//! headings); each cell paragraph is read on its own and the table goes back into the
//! tree as a [`Block::Table`] where it stood.
//!
//! Then the evidence corrects what the text alone cannot tell:
//! - paragraphs marked as title lines at the start become the title, all of them (a
//!   Markdown `#` line, Word's Title style); with no title found and none marked, short
//!   centred first paragraphs are the title;
//! - a paragraph with a heading level 1–4 that the text did not show as a heading becomes
//!   one, with the label of its level (一、 （一） 1. （1）) counted on from the headings
//!   before it, and a heading the text found takes the level the format gives it;
//! - a bold sentence opening a paragraph is a run-in heading, a short right-aligned line
//!   a signature or a date (see `style`);
//! - a paragraph holding images gets a removed block (reason `image`) and a warning: the
//!   tree holds no images, and nothing is dropped in silence.
//!
//! # Spans
//! Spans index [`Draft::text`], the draft as laid out: one line per paragraph in reading
//! order (a table's cell paragraphs each on their own line, row by row), a soft line
//! break starting a new line, a part label in a heading ("第一章总则") followed by a blank.
//! [`Draft::position`] turns an offset into (paragraph index, character offset).

use gongwen_ast::{
    Block, Cell, Code, Content, Diagnostic, Heading, Inline, Label, LabelFamily, PartWord, Reason,
    Removed, Row, Span, Table, Title,
};
use gongwen_parse::{ParseOptions, Parsed, parse};

mod style;

/// One paragraph of a draft and what its format says about it.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Para {
    /// The text: a numbering label first when the format numbers the paragraph; soft line
    /// breaks as `\n`.
    pub text: String,
    /// The heading level the format gives, from 0 (a first-level heading).
    pub outline: Option<u8>,
    /// The format marks the paragraph as a title line.
    pub title: bool,
    /// The paragraph is centred.
    pub centred: bool,
    /// Images and drawings the paragraph held, which the tree cannot.
    pub images: usize,
    /// How many bytes of `text` open the paragraph in bold (0 when it does not open in
    /// bold): a run-in heading's sentence.
    pub bold_lead: usize,
    /// The paragraph is right-aligned: a signature or a date.
    pub right: bool,
}

/// A block of a draft.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Item {
    /// A paragraph.
    Para(Para),
    /// A table: rows of cells, each cell's grid span and paragraphs.
    Table(Vec<Vec<TableCell>>),
}

/// A table cell of a draft: the grid columns it spans and its paragraphs.
pub type TableCell = (u32, Vec<Para>);

/// A read draft: the text the reader laid out, and the tree read from it.
#[derive(Debug, Clone)]
pub struct Draft {
    /// The document as lines of text (see the crate docs); every span indexes it.
    pub text: String,
    /// The tree, findings and repairs, as the text reader gives them.
    pub parsed: Parsed,
    /// Byte offset in `text` where each body paragraph's line starts, in reading order.
    pub paragraphs: Vec<usize>,
}

impl Draft {
    /// The paragraph (index in reading order) and character offset in it of byte `offset`
    /// of [`Draft::text`].
    pub fn position(&self, offset: usize) -> (usize, usize) {
        let i = self.paragraphs.partition_point(|&s| s <= offset).saturating_sub(1);
        let start = self.paragraphs.get(i).copied().unwrap_or(0);
        let chars =
            self.text.get(start..offset.min(self.text.len())).map_or(0, |s| s.chars().count());
        (i, chars)
    }
}

/// One line of the laid-out text and where it came from.
struct Line<'i> {
    start: usize,
    para: &'i Para,
}

/// Reads the items of a draft.
pub fn read(items: &[Item], options: &ParseOptions) -> Draft {
    let plain = lay_out(items, options);
    match label_headings(items, &plain) {
        Some(labelled) => lay_out(&labelled, options),
        None => plain,
    }
}

/// Lays `items` out as text and reads it.
fn lay_out(items: &[Item], options: &ParseOptions) -> Draft {
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
    style::apply(&mut parsed.document.blocks, &lines, &blanked);
    parsed.diagnostics.sort_by_key(|d| d.span.start);
    parsed.changes.sort_by_key(|c| c.span.start);
    Draft { text, parsed, paragraphs }
}

const FAMILIES: [LabelFamily; 4] = [
    LabelFamily::Chinese,
    LabelFamily::ParenChinese,
    LabelFamily::Arabic,
    LabelFamily::ParenArabic,
];

/// The items with the labels that `plain` (the items read as they are) generated for
/// heading-level paragraphs written before them, or `None` when it generated none. Read
/// again, the text reader then sees the outline whole: speech ordinals under a heading
/// take their level from it.
fn label_headings(items: &[Item], plain: &Draft) -> Option<Vec<Item>> {
    // The item of each paragraph index, for paragraphs outside tables.
    let mut item_of = Vec::new();
    for (i, item) in items.iter().enumerate() {
        match item {
            Item::Para(_) => item_of.push(Some(i)),
            Item::Table(rows) => {
                let cells = rows.iter().flatten().map(|(_, ps)| ps.len()).sum();
                item_of.extend(std::iter::repeat_n(None, cells));
            }
        }
    }
    let mut out: Option<Vec<Item>> = None;
    for block in &plain.parsed.document.blocks {
        let Block::Heading(h) = block else { continue };
        if !h.label.span.is_empty() || matches!(h.label.family, LabelFamily::Part(_)) {
            continue;
        }
        let (paragraph, _) = plain.position(h.span.start);
        let Some(i) = item_of.get(paragraph).copied().flatten() else { continue };
        if let Item::Para(p) = &mut out.get_or_insert_with(|| items.to_vec())[i] {
            p.text.insert_str(0, &h.label.source);
            if p.bold_lead > 0 {
                p.bold_lead += h.label.source.len();
            }
        }
    }
    out
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
            // A heading the text reader took for noise (a line repeating part of the title)
            // is kept when the format says it is a heading.
            Block::Removed(r) if !r.text.trim().is_empty() => {
                match para_at(lines, r.span.start).and_then(|p| p.outline) {
                    Some(l) if l < 4 => {
                        let (text, span) = (r.text.trim().to_string(), r.span);
                        parsed.diagnostics.retain(|d| !(d.code == Code::Removed && d.span == span));
                        *block = Block::Paragraph(Content::plain(text, span));
                        l as usize
                    }
                    _ => continue,
                }
            }
            // A line the text took for a date or a closing ("2024年工作计划") is a heading
            // when the format says so.
            Block::Paragraph(c)
            | Block::Date(c)
            | Block::Closing(c)
            | Block::Subtitle(c)
            | Block::Salutation(c) => match para_at(lines, c.span.start).and_then(|p| p.outline) {
                Some(l) if l < 4 && !c.is_empty() => l as usize,
                _ => continue,
            },
            _ => continue,
        };
        let (Block::Paragraph(content)
        | Block::Date(content)
        | Block::Closing(content)
        | Block::Subtitle(content)
        | Block::Salutation(content)) = block
        else {
            continue;
        };
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

/// The title from the evidence: the paragraphs marked as title lines at the start, or,
/// when there are none and the text reader found no title, short centred first
/// paragraphs.
fn title_from_evidence(parsed: &mut Parsed, lines: &[Line<'_>]) {
    const MAX_TITLE: usize = 60;
    const MAX_LINES: usize = 3;
    let is_marked = |at: usize| para_at(lines, at).is_some_and(|p| p.title);
    let marked = |b: &Block| is_marked(b.span().start);
    if parsed.document.blocks.iter().any(marked) {
        let mut kept = Vec::with_capacity(parsed.document.blocks.len());
        for block in std::mem::take(&mut parsed.document.blocks) {
            match block {
                // A title line the text reader took for noise (a breadcrumb repeating the
                // heading under it) is kept: the format says it is the title.
                Block::Removed(r) if is_marked(r.span.start) && !r.text.trim().is_empty() => {
                    let span = r.span;
                    parsed.diagnostics.retain(|d| !(d.code == Code::Removed && d.span == span));
                    kept.push(Block::Paragraph(Content::plain(r.text.trim(), span)));
                }
                // A title the text reader made of lines the format does not mark (the
                // heading after such a title line) goes back to paragraphs, for the
                // headings' evidence to place.
                Block::Title(t) if !t.lines.iter().any(|l| is_marked(l.span.start)) => {
                    kept.extend(t.lines.into_iter().map(Block::Paragraph));
                }
                other => kept.push(other),
            }
        }
        parsed.document.blocks = kept;
    }
    let blocks = &mut parsed.document.blocks;
    let Some(first) = blocks.iter().position(|b| !matches!(b, Block::Removed(_))) else { return };
    let mut count = blocks[first..].iter().take_while(|b| marked(b)).count();
    if count == 0 && !blocks.iter().any(|b| matches!(b, Block::Title(_))) {
        let centred = |b: &Block| match b {
            Block::Paragraph(c) => {
                para_at(lines, c.span.start).is_some_and(|p| p.centred)
                    && c.text().chars().count() <= MAX_TITLE
            }
            _ => false,
        };
        count = blocks[first..].iter().take_while(|b| centred(b)).count().min(MAX_LINES);
    }
    if count == 0 || (count == 1 && matches!(blocks[first], Block::Title(_))) {
        return;
    }
    let mut title_lines: Vec<Content> = Vec::new();
    for block in blocks.drain(first..first + count) {
        match block {
            Block::Title(t) => title_lines.extend(t.lines),
            Block::Heading(h) => {
                let mut c = h.content;
                c.inlines.insert(
                    0,
                    Inline::Text(gongwen_ast::Text { text: h.label.source, span: h.label.span }),
                );
                c.span = h.span;
                title_lines.push(c);
            }
            other => title_lines.extend(other.contents().into_iter().cloned()),
        }
    }
    let span = title_lines.iter().fold(Span::DETACHED, |s, c| s.join(c.span));
    parsed.document.meta.title = Some(title_lines.iter().map(Content::text).collect());
    blocks.insert(first, Block::Title(Title { lines: title_lines, span }));
}
