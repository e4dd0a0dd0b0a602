//! The parts of an official copy on the page: the 版头 on the first page (GB/T 9704 §7.2),
//! attachments each from a new page (§7.3.7) and the 版记 at the foot of the last page
//! (§7.4). Every number comes from the profile's `official` section.

use gongwen_ast::{Appendix, Block, Content, Document, Span};
use gongwen_style::{PT_PER_MM, RoleStyle};

use crate::{Cell, Engine, Line, Page, Para, Role, Rule, Run, push_glyph};

/// "附件N", flush left in 黑体, starting a new page.
pub(crate) fn appendix_label(engine: &mut Engine<'_>, appendix: &Appendix) -> Para {
    let style = &engine.profile.official.appendix_label;
    let number = appendix.number.map(|n| n.to_string()).unwrap_or_default();
    let content = Content::plain(format!("附件{number}"), appendix.span);
    let mut para = engine.para(Role::Head, &style.clone(), &content);
    para.first_indent = 0.0;
    para.break_before = true;
    para.keep_with_next = true;
    para
}

/// The attachment's title on line 3, one blank line under "附件N".
pub(crate) fn space_appendix_titles(engine: &Engine<'_>, paras: &mut [Para]) {
    let blank = engine.profile.official.blank_lines_before_appendix_title;
    for i in 1..paras.len() {
        if paras[i - 1].break_before && paras[i].role == Role::Title {
            paras[i].blank_before = blank;
        }
    }
}

/// The 版头 of `doc`, if it has one: its lines and rules on the first page, and where the
/// flow starts below it (points from the top of the text block).
pub(crate) struct Head {
    lines: Vec<Line>,
    rules: Vec<Rule>,
    pub(crate) flow_top: f32,
}

/// Sets the 版头: 份号, 密级 and 紧急程度 on lines 1–3; the issuer mark with its top
/// `issuer_top_mm` below the text block's top; the 发文字号 (with 签发人) two lines below
/// it; the red rule under it; the flow two lines below the rule.
pub(crate) fn head(engine: &mut Engine<'_>, doc: &Document) -> Option<Head> {
    let o = engine.profile.official.clone();
    let page = engine.profile.page.clone();
    let pitch = page.line_pitch_pt;
    let top = page.margin_top_mm * PT_PER_MM;
    let left = page.margin_left_mm * PT_PER_MM;
    let mut lines = Vec::new();
    let mut rules = Vec::new();
    let mut row = 0;
    let mut bottom: Option<f32> = None;
    for block in &doc.blocks {
        if let Block::CopyNumber(c) | Block::Classification(c) | Block::Urgency(c) = block {
            let cells = engine.content_cells(c, Role::Head, &o.marks);
            let baseline = engine.centred_baseline(&cells, top + row as f32 * pitch, pitch);
            lines.push(place(cells, left, baseline, Role::Head, None));
            row += 1;
            bottom = Some(row as f32 * pitch);
        }
    }
    let issuer = doc.blocks.iter().find_map(|b| match b {
        Block::Issuer(i) => Some(i),
        _ => None,
    });
    if let Some(issuer) = issuer {
        let mark_top = top + o.issuer_top_mm * PT_PER_MM;
        let end = issuer_mark(engine, issuer, mark_top, &o.issuer, o.red, &mut lines);
        bottom = Some(end - top);
    }
    let number = doc.blocks.iter().find_map(|b| match b {
        Block::Number(c) => Some(c),
        _ => None,
    });
    let signer = doc.blocks.iter().find_map(|b| match b {
        Block::Signer(s) => Some(s),
        _ => None,
    });
    let after_mark = bottom.unwrap_or(0.0) + o.blank_lines_before_number as f32 * pitch;
    let mut number_bottom = None;
    if number.is_some() || signer.is_some() {
        let inset = o.number_inset_chars * engine.em(&o.number);
        let names: Vec<&Content> = signer.map(|s| s.names.iter().collect()).unwrap_or_default();
        let rows = names.len().max(1);
        // Several signers stand one under another; the number on the last line.
        for (n, name) in names.iter().enumerate() {
            let y = top + after_mark + n as f32 * pitch;
            let mut cells = engine.cells("签发人：", Role::Head, &o.number, name.span);
            cells.extend(engine.content_cells(name, Role::Head, &o.signer));
            let width: f32 = cells.iter().map(|c| c.width).sum();
            let baseline = engine.centred_baseline(&cells, y, pitch);
            let x = left + engine.width - inset - width;
            lines.push(place(cells, x, baseline, Role::Head, None));
        }
        if let Some(number) = number {
            let y = top + after_mark + (rows - 1) as f32 * pitch;
            let cells = engine.content_cells(number, Role::Head, &o.number);
            let width: f32 = cells.iter().map(|c| c.width).sum();
            let x = if names.is_empty() { (engine.width - width) / 2.0 } else { inset };
            let baseline = engine.centred_baseline(&cells, y, pitch);
            let descent = engine.descent(&cells);
            lines.push(place(cells, left + x, baseline, Role::Head, None));
            number_bottom = Some(baseline + descent);
        }
        bottom = Some(after_mark + rows as f32 * pitch);
    }
    let bottom = bottom?;
    let mut flow_top = bottom;
    if let Some(text_bottom) = number_bottom.or(issuer.map(|_| top + bottom)) {
        let thickness = o.red_rule_mm * PT_PER_MM;
        let y = text_bottom + o.rule_below_number_mm * PT_PER_MM;
        rules.push(Rule { x: left, y, width: engine.width, thickness, colour: o.red });
        flow_top = (y + thickness - top).max(bottom);
    }
    flow_top += o.blank_lines_after_rule as f32 * pitch;
    Some(Head { lines, rules, flow_top })
}

/// Sets the issuer mark with its top at `mark_top`: one line "名称文件", or stacked names
/// with the suffix once to their right, centred on them; set smaller until it fits the
/// text block. Returns the mark's bottom.
fn issuer_mark(
    engine: &mut Engine<'_>,
    issuer: &gongwen_ast::Issuer,
    mark_top: f32,
    style: &RoleStyle,
    red: [u8; 3],
    lines: &mut Vec<Line>,
) -> f32 {
    let left = engine.profile.page.margin_left_mm * PT_PER_MM;
    let spacing = engine.profile.official.issuer_line_spacing;
    let one_line = issuer.organs.len() <= 1;
    let mut style = style.clone();
    let cells_of = |engine: &mut Engine<'_>, style: &RoleStyle, c: &Content| {
        let mut cells = engine.content_cells(c, Role::Issuer, style);
        // The mark is set solid, without the body's tracking.
        let tracking = engine.profile.page.char_spacing_pt;
        cells.iter_mut().for_each(|cell| cell.width -= tracking);
        cells
    };
    loop {
        let mut rows: Vec<Vec<Cell>> =
            issuer.organs.iter().map(|o| cells_of(engine, &style, o)).collect();
        let suffix = issuer.suffix.as_ref().map(|s| cells_of(engine, &style, s));
        if one_line {
            let mut row = rows.pop().unwrap_or_default();
            row.extend(suffix.clone().unwrap_or_default());
            rows = vec![row];
        }
        let width = |cells: &[Cell]| cells.iter().map(|c| c.width).sum::<f32>();
        let names = rows.iter().map(|r| width(r)).fold(0.0, f32::max);
        let gap = if one_line { 0.0 } else { style.size_pt / 2.0 };
        let suffix_width = if one_line { 0.0 } else { suffix.as_ref().map_or(0.0, |s| width(s)) };
        let total = names + gap + suffix_width;
        if total > engine.width + 0.01 && style.size_pt > 8.0 {
            style.size_pt *= engine.width / total;
            continue;
        }
        let pitch = style.size_pt * if one_line { 1.0 } else { spacing };
        let start = left + (engine.width - total) / 2.0;
        let ascent = engine.ascent(rows.first().map(Vec::as_slice).unwrap_or(&[]));
        for (n, row) in rows.into_iter().enumerate() {
            let x = start + (names - width(&row)) / 2.0;
            let baseline = mark_top + ascent + n as f32 * pitch;
            lines.push(place(row, x, baseline, Role::Issuer, Some(red)));
        }
        let count = if one_line { 1 } else { issuer.organs.len() };
        let block_height = (count.max(1) - 1) as f32 * pitch + style.size_pt;
        if let Some(suffix) = suffix.filter(|_| !one_line) {
            let ascent = engine.ascent(&suffix);
            let baseline = mark_top + (block_height - style.size_pt) / 2.0 + ascent;
            lines.push(place(suffix, start + names + gap, baseline, Role::Issuer, Some(red)));
        }
        return mark_top + block_height;
    }
}

/// Puts the head's lines and rules on the first page.
pub(crate) fn put_head(head: Head, pages: &mut [Page]) {
    if let Some(first) = pages.first_mut() {
        first.lines.splice(0..0, head.lines);
        first.rules.extend(head.rules);
    }
}

/// Sets the 版记 on the last page, its last rule on the bottom edge of the text block:
/// thick rules first and last, thin ones between, 抄送 and 印发 one character in. When the
/// last page has no room, or the 版记 must fall on an even page, it goes on a new page.
/// Pages holding a 版记, and the blank page before one, carry no page number. `pages` are
/// the last pages, `before` the number of pages before them.
pub(crate) fn foot(engine: &mut Engine<'_>, doc: &Document, pages: &mut Vec<Page>, before: usize) {
    let (ccs, printed) = gongwen_ast::foot_blocks(&doc.blocks);
    if ccs.is_empty() && printed.is_none() {
        return;
    }
    let o = engine.profile.official.clone();
    let page = engine.profile.page.clone();
    let pitch = page.line_pitch_pt;
    let left = page.margin_left_mm * PT_PER_MM;
    let bottom = (page.margin_top_mm + page.text_height_mm()) * PT_PER_MM;
    let inset = o.foot_inset_chars * engine.em(&o.foot);
    let mut rows: Vec<(Vec<Cell>, f32)> = Vec::new();
    for cc in &ccs {
        let label = gongwen_ast::cc_label(cc);
        let mut cells = engine.cells(label, Role::Foot, &o.foot, cc.span);
        cells.extend(engine.content_cells(cc, Role::Foot, &o.foot));
        // Wrapped lines align with the first organ, after "抄送：".
        let label_chars = gongwen_ast::cc_label_chars(cc);
        let hang: f32 = cells.iter().take(label_chars).map(|c| c.width).sum();
        let avail = engine.width - 2.0 * inset;
        let mut line: Vec<Cell> = Vec::new();
        let mut used = 0.0;
        let mut first = true;
        for cell in cells {
            let room = if first { avail } else { avail - hang };
            if used + cell.width > room + 0.01 && !line.is_empty() {
                rows.push((std::mem::take(&mut line), if first { 0.0 } else { hang }));
                first = false;
                used = 0.0;
            }
            used += cell.width;
            line.push(cell);
        }
        rows.push((line, if first { 0.0 } else { hang }));
    }
    let cc_rows = rows.len();
    let total_rows = cc_rows + usize::from(printed.is_some());
    let foot_top = bottom - total_rows as f32 * pitch;
    // Room on the last page: below its last line.
    let last_end = pages
        .last()
        .and_then(|p| {
            p.lines
                .iter()
                .filter(|l| l.role != Role::PageNumber)
                .map(|l| l.baseline)
                .reduce(f32::max)
        })
        .map_or(0.0, |b| b + pitch / 2.0);
    let new_page = last_end > foot_top;
    if new_page {
        pages.push(Page::default());
    }
    if o.foot_on_even_page && (before + pages.len()) % 2 == 1 {
        if new_page {
            // A blank page before the new one puts the 版记 on an even page.
            pages.insert(pages.len() - 1, Page { unnumbered: true, ..Page::default() });
        } else {
            pages.push(Page::default());
        }
    }
    let last = pages.last_mut().expect("there is a page");
    last.unnumbered = true;
    let thick = o.thick_rule_mm * PT_PER_MM;
    let thin = o.thin_rule_mm * PT_PER_MM;
    let black = [0, 0, 0];
    last.rules.push(Rule {
        x: left,
        y: foot_top,
        width: engine.width,
        thickness: thick,
        colour: black,
    });
    for (n, (cells, hang)) in rows.into_iter().enumerate() {
        let y = foot_top + n as f32 * pitch;
        let baseline = engine.centred_baseline(&cells, y, pitch);
        last.lines.push(place(cells, left + inset + hang, baseline, Role::Foot, None));
    }
    if let Some(p) = printed {
        let y = bottom - pitch;
        if cc_rows > 0 {
            last.rules.push(Rule {
                x: left,
                y,
                width: engine.width,
                thickness: thin,
                colour: black,
            });
        }
        let organ = engine.content_cells(&p.organ, Role::Foot, &o.foot);
        let mut date = engine.content_cells(&p.date, Role::Foot, &o.foot);
        date.extend(engine.cells("印发", Role::Foot, &o.foot, Span::DETACHED));
        let baseline = engine.centred_baseline(&organ, y, pitch);
        let width: f32 = date.iter().map(|c| c.width).sum();
        last.lines.push(place(organ, left + inset, baseline, Role::Foot, None));
        last.lines.push(place(
            date,
            left + engine.width - inset - width,
            baseline,
            Role::Foot,
            None,
        ));
    }
    // The last rule's bottom edge on the text block's bottom edge.
    last.rules.push(Rule {
        x: left,
        y: bottom - thick,
        width: engine.width,
        thickness: thick,
        colour: black,
    });
    for page in pages.iter_mut().filter(|p| p.unnumbered) {
        page.lines.retain(|l| l.role != Role::PageNumber);
    }
}

/// A line of `cells` starting at `x`, on `baseline`.
fn place(cells: Vec<Cell>, x: f32, baseline: f32, role: Role, colour: Option<[u8; 3]>) -> Line {
    let mut runs: Vec<Run> = Vec::new();
    let mut pen = x;
    for c in &cells {
        push_glyph(&mut runs, c, pen);
        pen += c.width;
    }
    Line { role, baseline, runs, colour }
}

impl Engine<'_> {
    /// The baseline that centres `cells` on a line of `pitch` whose top is at `y`.
    fn centred_baseline(&self, cells: &[Cell], y: f32, pitch: f32) -> f32 {
        let centre = cells.first().map_or(0.0, |c| {
            let (ascent, descent) = self.book.face(c.found.face).vertical_metrics();
            (ascent + descent) / 2.0 * c.size
        });
        y + pitch / 2.0 + centre
    }

    /// The ascent of the first cell's face at its size.
    fn ascent(&self, cells: &[Cell]) -> f32 {
        cells.first().map_or(0.0, |c| self.book.face(c.found.face).vertical_metrics().0 * c.size)
    }

    /// How far the first cell's face reaches below the baseline, at its size.
    fn descent(&self, cells: &[Cell]) -> f32 {
        cells.first().map_or(0.0, |c| -self.book.face(c.found.face).vertical_metrics().1 * c.size)
    }
}
