//! The parts of an official copy on the page: the 版头 on the first page (GB/T 9704 §7.2),
//! attachments each from a new page (§7.3.7) and the 版记 at the foot of the last page
//! (§7.4). Every number comes from the profile's `official` section.

use gongwen_ast::{Appendix, Block, Content, Document, Span};
use gongwen_style::{PT_PER_MM, RoleStyle, StyleProfile};

use crate::{Cell, Engine, Line, Page, Para, Place, Role, Rule, Run, SetLine, push_glyph};

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
            engine.script_widths(&mut cells, true);
            let width: f32 = cells.iter().map(|c| c.width).sum();
            let baseline = engine.centred_baseline(&cells, y, pitch);
            let x = left + engine.width - inset - width;
            lines.push(place(cells, x, baseline, Role::Head, None));
        }
        if let Some(number) = number {
            let y = top + after_mark + (rows - 1) as f32 * pitch;
            let mut cells = engine.content_cells(number, Role::Head, &o.number);
            engine.script_widths(&mut cells, true);
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

/// Where the layout put an official copy's 版记 (GB/T 9704 §7.4), so that the DOCX puts
/// it there too.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub enum FootPlacement {
    /// The copy has no 版记.
    #[default]
    None,
    /// At the foot of the last page of text, `free_pt` points between the bottom of the
    /// last text line's box (on its line pitch) and the top of the 版记's first rule.
    Shared {
        /// The room left between the text and the 版记, in points.
        free_pt: f32,
    },
    /// On a page of its own, right after the last page of text; numbered like it.
    OwnPage,
    /// On a page of its own after a blank page, which puts it on an even page; neither
    /// page carries a page number (§7.5).
    AfterBlank,
}

/// Sets the 版记 on the last page, its last rule on the bottom edge of the text block:
/// thick rules first and last, thin ones between, 抄送 and 印发 one character in. When the
/// last page has no room, or the 版记 must fall on an even page, it goes on a new page;
/// where that takes a blank page before it, the blank page and the 版记's page carry no
/// page number (GB/T 9704 §7.5), the others keep theirs. `pages` are the last pages,
/// `before` the number of pages before them. Returns where it put the 版记.
pub(crate) fn foot(
    engine: &mut Engine<'_>,
    doc: &Document,
    pages: &mut Vec<Page>,
    before: usize,
) -> FootPlacement {
    let (ccs, printed) = gongwen_ast::foot_blocks(&doc.blocks);
    if ccs.is_empty() && printed.is_none() {
        return FootPlacement::None;
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
        engine.script_widths(&mut cells, true);
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
    let text = pages.last().map_or(Vec::new(), |p| {
        p.lines.iter().filter(|l| l.role != Role::PageNumber).collect::<Vec<_>>()
    });
    let last_end =
        text.iter().map(|l| l.baseline).reduce(f32::max).map_or(0.0, |b| b + pitch / 2.0);
    // The bottom of the last line's box, as the DOCX's clients stack lines.
    let text_end = text
        .iter()
        .map(|l| l.baseline - engine.line_centre_of(l) + pitch / 2.0)
        .reduce(f32::max)
        .unwrap_or(page.margin_top_mm * PT_PER_MM);
    let fits = last_end <= foot_top;
    // An even page may take the 版记; any page does when the copy is printed one-sided.
    let last_even = (before + pages.len()).is_multiple_of(2);
    let side_ok = !o.foot_on_even_page || last_even;
    let placement = if fits && side_ok {
        FootPlacement::Shared { free_pt: foot_top - text_end }
    } else if side_ok && o.foot_on_even_page {
        // The next page is odd: a blank page before it puts the 版记 on an even one.
        FootPlacement::AfterBlank
    } else {
        // The next page, which is even (or may be odd).
        FootPlacement::OwnPage
    };
    match placement {
        FootPlacement::OwnPage => {
            let mut page = Page::default();
            page.lines.extend(engine.page_number(before + pages.len() + 1));
            pages.push(page);
        }
        FootPlacement::AfterBlank => {
            let unnumbered = Page { unnumbered: true, ..Page::default() };
            pages.extend([unnumbered.clone(), unnumbered]);
        }
        FootPlacement::Shared { .. } | FootPlacement::None => {}
    }
    let last = pages.last_mut().expect("there is a page");
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
        let mut organ = engine.content_cells(&p.organ, Role::Foot, &o.foot);
        let mut date = engine.content_cells(&p.date, Role::Foot, &o.foot);
        date.extend(engine.cells("印发", Role::Foot, &o.foot, Span::DETACHED));
        engine.script_widths(&mut organ, true);
        engine.script_widths(&mut date, true);
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
    // The page number stays last.
    last.lines.sort_by_key(|l| l.role == Role::PageNumber);
    placement
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
        y + pitch / 2.0 + self.line_centre(cells)
    }

    /// Half the first cell's face's ascent plus descent at its size: what centres a line
    /// of it on its pitch.
    pub(crate) fn line_centre(&self, cells: &[Cell]) -> f32 {
        cells.first().map_or(0.0, |c| {
            let (ascent, descent) = self.book.face(c.found.face).vertical_metrics();
            (ascent + descent) / 2.0 * c.size
        })
    }

    /// What centres `line` on its pitch: [`Engine::line_centre`] of its first run.
    fn line_centre_of(&self, line: &Line) -> f32 {
        line.runs.first().map_or(0.0, |r| {
            let (ascent, descent) = self.book.face(r.face).vertical_metrics();
            (ascent + descent) / 2.0 * r.size
        })
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

/// Where a seal goes on its page: GB/T 9704 §7.3.5.1 centres it on the organ name (and the
/// last one on the date too), its top within one line of the body.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Seal {
    /// The centre, in points from the left edge of the page.
    pub x: f32,
    /// The centre, in points from the top of the page.
    pub y: f32,
    /// The seal's diameter in points (`official.seal_diameter_mm`): the image is drawn
    /// to fit a square this wide, centred.
    pub diameter: f32,
}

/// Where a sealed signature's parts go across the text block (GB/T 9704 §7.3.5.1), in
/// points from its left edge: the PDF layout and the DOCX place them alike.
#[derive(Debug, Clone, PartialEq)]
pub struct SealedRows {
    /// Where the date starts: `sealed_date_right_inset_chars` from the right.
    pub date_x: f32,
    /// The organs of each row, by their index among the organs given, with the centre
    /// their name and seal share; the last organ's centre is the date's.
    pub rows: Vec<Vec<(usize, f32)>>,
    /// Blank lines before each row: the seal's room before the first
    /// (`sealed_blank_lines_before_signature`), room for the seals above before the others.
    pub blank_before: Vec<u32>,
}

/// Arranges a sealed signature whose organ names are `organs` wide and whose date is
/// `date` wide (points, at the profile's sizes): the date
/// `sealed_date_right_inset_chars` from the right; one organ centred over it; the organs
/// of a joint issue side by side, at most `seals_per_row` a row (fewer when names would
/// come closer than a character or seals leave the text block), the last centred over
/// the date, seals `seal_diameter_mm` + `seal_gap_mm` apart so that they never touch.
pub fn sealed_rows(profile: &StyleProfile, organs: &[f32], date: Option<f32>) -> SealedRows {
    let o = &profile.official;
    let page = &profile.page;
    let pitch = page.line_pitch_pt;
    let width = page.text_width_mm() * PT_PER_MM;
    let em = profile.date.size_pt + page.char_spacing_pt;
    let inset = o.sealed_date_right_inset_chars * em;
    let diameter = o.seal_diameter_mm * PT_PER_MM;
    let step = diameter + o.seal_gap_mm * PT_PER_MM;
    let (date_x, centre) = match date {
        Some(w) => {
            let x = (width - inset - w).max(0.0);
            (x, x + w / 2.0)
        }
        None => (width - inset, width - inset - organs.last().copied().unwrap_or(0.0) / 2.0),
    };
    let fits = |k: usize| {
        let seals_fit = centre - (k - 1) as f32 * step - diameter / 2.0 >= -0.01;
        let names_fit = organs
            .chunks(k)
            .all(|row| row.windows(2).all(|w| (w[0] + w[1]) / 2.0 + em <= step + 0.01));
        k == 1 || (seals_fit && names_fit)
    };
    let most = (o.seals_per_row as usize).clamp(1, organs.len().max(1));
    let k = (1..=most).rev().find(|&k| fits(k)).unwrap_or(1);
    // Lines from one row's names to the next one's: its seals clear of those above.
    let row_lines = ((step / pitch).ceil() as u32).max(1);
    let mut rows = Vec::new();
    let mut blank_before = Vec::new();
    for (r, chunk) in (0..organs.len()).collect::<Vec<_>>().chunks(k).enumerate() {
        let m = chunk.len();
        // Right-aligned columns: the last organ of a row over the date.
        rows.push(
            chunk
                .iter()
                .enumerate()
                .map(|(j, &i)| (i, centre - (m - 1 - j) as f32 * step))
                .collect(),
        );
        blank_before.push(if r == 0 {
            o.sealed_blank_lines_before_signature
        } else {
            row_lines - 1
        });
    }
    SealedRows { date_x, rows, blank_before }
}

/// Places a sealed copy's signature by [`sealed_rows`]: a row of one organ is a line of
/// its own, a row of several one preset line with each name centred on its column. The
/// rows keep with the date, and the end matter keeps two body lines with it as unsealed
/// (see `end_matter_keep`).
pub(crate) fn place_sealed(engine: &mut Engine<'_>, paras: &mut Vec<Para>) {
    let left = engine.profile.page.margin_left_mm * PT_PER_MM;
    let width = engine.width;
    let natural = |p: &Para| p.cells.iter().map(|c| c.width).sum::<f32>();
    let at = |x: f32, w: f32| (x - w / 2.0).clamp(0.0, (width - w).max(0.0));
    let mut i = 0;
    while i < paras.len() {
        if !matches!(paras[i].role, Role::Signature | Role::Date) {
            i += 1;
            continue;
        }
        let end = paras[i..]
            .iter()
            .position(|p| !matches!(p.role, Role::Signature | Role::Date))
            .map_or(paras.len(), |n| i + n);
        let organs: Vec<usize> = (i..end).filter(|&k| paras[k].role == Role::Signature).collect();
        let date = (i..end).find(|&k| paras[k].role == Role::Date);
        let widths: Vec<f32> = organs.iter().map(|&k| natural(&paras[k])).collect();
        let placed = sealed_rows(engine.profile, &widths, date.map(|d| natural(&paras[d])));
        if let Some(d) = date {
            paras[d].place = Place::At(placed.date_x);
            paras[d].blank_before = 0;
        }
        let mut drop = Vec::new();
        for (row, &blank) in placed.rows.iter().zip(&placed.blank_before) {
            let head = organs[row[0].0];
            paras[head].blank_before = if Some(row) == placed.rows.first() {
                paras[head].blank_before.max(blank)
            } else {
                blank
            };
            paras[head].keep_with_next = true;
            if let [(n, x)] = row[..] {
                paras[head].place = Place::At(at(x, widths[n]));
            } else {
                let mut runs = Vec::new();
                for &(n, x) in row {
                    let mut pen = left + at(x, widths[n]);
                    for cell in &paras[organs[n]].cells {
                        push_glyph(&mut runs, cell, pen);
                        pen += cell.width;
                    }
                }
                let centre = engine.line_centre(&paras[head].cells);
                paras[head].preset = Some(vec![SetLine { role: Role::Signature, runs, centre }]);
                drop.extend(row[1..].iter().map(|&(n, _)| organs[n]));
            }
            engine.seal_rows.push_back(row.iter().map(|&(_, x)| left + x).collect());
        }
        let mut k = 0;
        paras.retain(|_| {
            k += 1;
            !drop.contains(&(k - 1))
        });
        i = end - drop.len();
    }
}

/// Marks where the seals of `page`'s sealed signature rows go, as the page leaves the
/// flow: centred on the names across, the top `seal_top_below_body_mm` below the top of
/// the room (`sealed_blank_lines_before_signature` lines above the names).
pub(crate) fn seals(engine: &mut Engine<'_>, page: &mut Page) {
    if engine.seal_rows.is_empty() {
        return;
    }
    let o = &engine.profile.official;
    let pitch = engine.profile.page.line_pitch_pt;
    let diameter = o.seal_diameter_mm * PT_PER_MM;
    let room = o.sealed_blank_lines_before_signature as f32 * pitch;
    let below_body = o.seal_top_below_body_mm * PT_PER_MM;
    for line in page.lines.iter().filter(|l| l.role == Role::Signature) {
        let Some(xs) = engine.seal_rows.pop_front() else { return };
        let centre = engine.line_centre_of(line);
        let top = line.baseline - centre - pitch / 2.0 - room + below_body;
        let y = top + diameter / 2.0;
        page.seals.extend(xs.iter().map(|&x| Seal { x, y, diameter }));
    }
}
