//! From docx-rs's document to paragraphs of plain text with the evidence the reader weighs:
//! numbering labels, heading levels, alignment, a bold lead, images.

use std::collections::HashMap;

use docx_rs::{
    BreakType, DocumentChild, Docx, FieldCharType, InsertChild, MoveToChild, Paragraph,
    ParagraphChild, Run, RunChild, StructuredDataTagChild, Style, Table, TableCellContent,
    TableChild, TableRowChild,
};

use gongwen_parse_draft::{Item, Para, TableCell};

use crate::numbering::Numbering;

/// Walks the body of `docx` in reading order.
pub(crate) fn items(docx: &Docx, numbering: &mut Numbering) -> Vec<Item> {
    let styles: HashMap<&str, &Style> =
        docx.styles.styles.iter().map(|s| (s.style_id.as_str(), s)).collect();
    let mut walker = Walker { styles, numbering, items: Vec::new() };
    for child in &docx.document.children {
        walker.block(child);
    }
    walker.items
}

struct Walker<'d, 'n> {
    styles: HashMap<&'d str, &'d Style>,
    numbering: &'n mut Numbering,
    items: Vec<Item>,
}

impl<'d> Walker<'d, '_> {
    fn block(&mut self, child: &'d DocumentChild) {
        match child {
            DocumentChild::Paragraph(p) => {
                let para = self.paragraph(p);
                self.items.push(Item::Para(para));
            }
            // The stacked names of a joint issue, as gongwen writes them: lines of text.
            DocumentChild::Table(t) if self.is_issuer_mark(t) => {
                for row in self.table(t) {
                    self.items.extend(row.into_iter().flat_map(|(_, ps)| ps).map(Item::Para));
                }
            }
            DocumentChild::Table(t) => {
                let table = self.table(t);
                self.items.push(Item::Table(table));
            }
            DocumentChild::StructuredDataTag(sdt) => {
                for c in &sdt.children {
                    match c {
                        StructuredDataTagChild::Paragraph(p) => {
                            let para = self.paragraph(p);
                            self.items.push(Item::Para(para));
                        }
                        StructuredDataTagChild::Table(t) => {
                            let table = self.table(t);
                            self.items.push(Item::Table(table));
                        }
                        _ => {}
                    }
                }
            }
            _ => {}
        }
    }

    fn table(&mut self, table: &'d Table) -> Vec<Vec<TableCell>> {
        let mut rows = Vec::new();
        for TableChild::TableRow(row) in &table.rows {
            let mut cells = Vec::new();
            for TableRowChild::TableCell(cell) in &row.cells {
                let span = cell_span(cell);
                let mut paras = Vec::new();
                self.cell_paras(&cell.children, &mut paras);
                cells.push((span, paras));
            }
            rows.push(cells);
        }
        rows
    }

    /// Whether every paragraph of `table` is in the "Issuer" style: the issuer mark of a
    /// joint issue, its names in one cell and "文件" in the next.
    fn is_issuer_mark(&self, table: &'d Table) -> bool {
        let mut paras = table
            .rows
            .iter()
            .flat_map(|TableChild::TableRow(row)| &row.cells)
            .flat_map(|TableRowChild::TableCell(cell)| &cell.children);
        paras.all(|c| match c {
            TableCellContent::Paragraph(p) => {
                let id = p.property.style.as_ref().map(|s| s.val.as_str());
                self.chain(id).first().is_some_and(|s| s.name.starts_with("Issuer"))
            }
            _ => false,
        })
    }

    /// A cell's paragraphs; a table nested in it gives its cells' paragraphs in order.
    fn cell_paras(&mut self, children: &'d [TableCellContent], out: &mut Vec<Para>) {
        for c in children {
            match c {
                TableCellContent::Paragraph(p) => out.push(self.paragraph(p)),
                TableCellContent::Table(t) => {
                    for row in self.table(t) {
                        out.extend(row.into_iter().flat_map(|(_, ps)| ps));
                    }
                }
                _ => {}
            }
        }
    }

    /// The style chain of `id`, the style itself first.
    fn chain(&self, id: Option<&str>) -> Vec<&'d Style> {
        let mut out: Vec<&'d Style> = Vec::new();
        let mut id = id.map(str::to_string);
        while let Some(style) = id.as_deref().and_then(|i| self.styles.get(i).copied()) {
            if out.len() > 16 || out.iter().any(|s| s.style_id == style.style_id) {
                break;
            }
            out.push(style);
            id = based_on(style);
        }
        out
    }

    fn paragraph(&mut self, p: &'d Paragraph) -> Para {
        let props = &p.property;
        let style_id = props.style.as_ref().map(|s| s.val.as_str());
        let chain = self.chain(style_id);
        let outline = props
            .outline_lvl
            .as_ref()
            .map(|o| o.v)
            .or_else(|| {
                chain.iter().find_map(|s| s.paragraph_property.outline_lvl.as_ref().map(|o| o.v))
            })
            .or_else(|| chain.iter().find_map(|s| heading_number(&s.name).map(|n| n - 1)))
            .filter(|&v| v < 9)
            .map(|v| v as u8);
        let title_style = outline.is_none()
            && chain
                .iter()
                .any(|s| ["Title", "title", "标题"].iter().any(|t| s.name.starts_with(t)));
        let align = props.alignment.as_ref().map(|j| j.val.clone()).or_else(|| {
            chain
                .iter()
                .find_map(|s| s.paragraph_property.alignment.as_ref().map(|j| j.val.clone()))
        });

        // Numbering: the paragraph's own numPr, else its style's.
        let numbering = props.numbering_property.as_ref().map(|n| (n, style_id)).or_else(|| {
            chain.iter().find_map(|s| {
                s.paragraph_property
                    .numbering_property
                    .as_ref()
                    .map(|n| (n, Some(s.style_id.as_str())))
            })
        });
        let label = numbering.and_then(|(n, style)| {
            let id = n.id.as_ref()?.id as u32;
            let level = match n.level.as_ref() {
                Some(l) => l.val as u8,
                None => style.and_then(|s| self.numbering.level_of_style(id, s)).unwrap_or(0),
            };
            self.numbering.next_label(id, level)
        });

        // Runs are bold by their own property, else by the paragraph style's.
        let bold = chain.iter().find_map(|s| s.run_property.bold.as_ref()).is_some_and(is_on);
        let mut text = Text { lead_open: true, bold, ..Text::default() };
        for child in &p.children {
            text.child(child);
        }
        // A title's line breaks are where it was set to break (gongwen's writer breaks a
        // long title, between words, as its PDF does): the title reads as one line.
        let body = if title_style { join_lines(&text.out) } else { text.out };
        let label = label.unwrap_or_default();
        let bold_lead =
            if text.bold_lead > 0 && !title_style { label.len() + text.bold_lead } else { 0 };
        Para {
            bold_lead,
            right: matches!(align.as_deref(), Some("right" | "end")),
            text: label + &body,
            outline,
            title: title_style,
            centred: align.as_deref() == Some("center"),
            images: text.images,
        }
    }
}

/// The lines of `text` joined as one: directly, or with a space where the break stood
/// between two ASCII letters or digits (words of a Latin-script title).
fn join_lines(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for part in text.split('\n') {
        let latin = |c: Option<char>| c.is_some_and(|c| c.is_ascii_alphanumeric());
        if latin(out.chars().last()) && latin(part.chars().next()) {
            out.push(' ');
        }
        out.push_str(part);
    }
    out
}

/// The N of a "heading N" style, or of WPS's "标题 N".
fn heading_number(name: &docx_rs::Name) -> Option<usize> {
    name.get_heading_number().filter(|&n| n >= 1).or_else(|| {
        (1..=9).find(|n| {
            name.starts_with(&format!("标题 {n}")) || name.starts_with(&format!("标题{n}"))
        })
    })
}

/// `w:basedOn` of `style`. docx-rs keeps the value private; its serialised form is the
/// value.
fn based_on(style: &Style) -> Option<String> {
    let value = serde_json::to_value(style.based_on.as_ref()?).ok()?;
    value.as_str().map(str::to_string)
}

/// The grid columns a cell spans (`w:gridSpan`, private in docx-rs, read from its
/// serialised form).
fn cell_span(cell: &docx_rs::TableCell) -> u32 {
    let value = serde_json::to_value(&cell.property).ok();
    let span = value.as_ref().and_then(|v| v.get("gridSpan")).and_then(|v| v.as_u64());
    span.map_or(1, |n| n.clamp(1, 64) as u32)
}

/// Whether a `w:b` is on (its value is private in docx-rs).
fn is_on(bold: &docx_rs::Bold) -> bool {
    *bold == docx_rs::Bold::new()
}

/// The text of a paragraph, run by run.
#[derive(Default)]
struct Text {
    out: String,
    /// The paragraph style makes its runs bold.
    bold: bool,
    /// Every run with text so far has been bold.
    lead_open: bool,
    /// The bytes of `out` that the opening bold runs hold.
    bold_lead: usize,
    /// Fields open: whether each is past its `separate` (showing its result).
    fields: Vec<bool>,
    images: usize,
}

impl Text {
    fn child(&mut self, child: &ParagraphChild) {
        match child {
            ParagraphChild::Run(r) => self.run(r),
            ParagraphChild::Insert(ins) => {
                for c in &ins.children {
                    if let InsertChild::Run(r) = c {
                        self.run(r);
                    }
                }
            }
            ParagraphChild::MoveTo(m) => {
                for c in &m.children {
                    if let MoveToChild::Run(r) = c {
                        self.run(r);
                    }
                }
            }
            ParagraphChild::Hyperlink(h) => h.children.iter().for_each(|c| self.child(c)),
            ParagraphChild::StructuredDataTag(sdt) => {
                for c in &sdt.children {
                    match c {
                        StructuredDataTagChild::Run(r) => self.run(r),
                        StructuredDataTagChild::Paragraph(p) => {
                            p.children.iter().for_each(|c| self.child(c))
                        }
                        _ => {}
                    }
                }
            }
            // Deleted and moved-away revisions are not part of the text.
            ParagraphChild::Delete(_) | ParagraphChild::MoveFrom(_) => {}
            _ => {}
        }
    }

    fn run(&mut self, run: &Run) {
        let props = &run.run_property;
        if props.vanish.is_some() || props.del.is_some() {
            return;
        }
        let bold = props.bold.as_ref().map_or(self.bold, is_on);
        let before = self.out.len();
        for child in &run.children {
            let showing = self.fields.last().is_none_or(|&result| result);
            match child {
                RunChild::FieldChar(f) => match f.field_char_type {
                    FieldCharType::Begin => self.fields.push(false),
                    FieldCharType::Separate => {
                        if let Some(last) = self.fields.last_mut() {
                            *last = true;
                        }
                    }
                    FieldCharType::End => {
                        self.fields.pop();
                    }
                    FieldCharType::Unsupported => {}
                },
                RunChild::Text(t) if showing => self.out.push_str(&t.text),
                RunChild::Tab(_) | RunChild::PTab(_) if showing => self.out.push('\t'),
                RunChild::Break(b)
                    if showing && *b == docx_rs::Break::new(BreakType::TextWrapping) =>
                {
                    self.out.push('\n')
                }
                RunChild::CarriageReturn(_) if showing => self.out.push('\n'),
                RunChild::Drawing(_) | RunChild::Shape(_) => self.images += 1,
                _ => {}
            }
        }
        if self.lead_open && !self.out[before..].trim().is_empty() {
            if bold {
                self.bold_lead = self.out.len();
            } else {
                self.lead_open = false;
            }
        }
    }
}
