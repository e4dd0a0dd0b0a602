//! Tables in the PDF, ruled on their grid (GB/T 9704 §8): as wide as the text block, the
//! columns as wide as their content asks, each cell's text broken within its cell by the
//! same rules as the body and set in the body face on the body's line pitch, flush left
//! with no first-line indent, every cell ruled with thin black lines.
//!
//! Column widths come from the content, as in the automatic table layout of HTML and
//! Word: content narrower than the block is widened in proportion to fill it; else a
//! column whose longest paragraph takes no more than an even share of the width left
//! keeps that width (short columns such as 序号 stay unbroken), and the others get at
//! least their widest unbreakable piece (one Chinese character, a Latin word) and the rest
//! in proportion to how much more their longest paragraph would take. A cell spanning columns is left out of the measure and set
//! across the columns it spans. (The tree keeps no column widths from a DOCX's grid, so a
//! table written by gongwen and read back is measured the same way again.)
//!
//! Each row is one unit of the page flow: it stays on one page when it fits on one, else
//! it breaks between its lines, ruled shut at the foot of the page and open again at the
//! head of the next. The header row is not repeated on the next page: the tree does not
//! know which rows are headers, and the DOCX repeats none either, so both print alike.

use gongwen_ast::Table;
use gongwen_style::PT_PER_MM;

use crate::{Cell, Engine, Page, Para, Role, Rule, Run, SetLine, breaking};

/// The vertical rules of a table row, for [`Frame::rule`] to draw around each part of the
/// row that lands on a page.
pub(crate) struct Frame {
    /// The x of each vertical rule, left to right, in points from the page's left edge: the
    /// table's left edge, the left edge of every cell but the first, the table's right edge.
    edges: Vec<f32>,
}

impl Frame {
    /// Rules the part of the row from `top` to `bottom` (points from the top of the page)
    /// on `page`: across its top and foot, and down each edge. A rule the row above has
    /// just drawn along the same line is not drawn twice.
    pub(crate) fn rule(&self, page: &mut Page, top: f32, bottom: f32, thickness: f32) {
        let (Some(&left), Some(&right)) = (self.edges.first(), self.edges.last()) else {
            return;
        };
        let black = [0, 0, 0];
        let across = |y: f32| Rule {
            x: left,
            y: y - thickness / 2.0,
            width: right - left,
            thickness,
            colour: black,
        };
        let head = across(top);
        if page.rules.last() != Some(&head) {
            page.rules.push(head);
        }
        for &x in &self.edges {
            // The outer rules stay inside the text block.
            let x = (x - thickness / 2.0).clamp(left, right - thickness);
            page.rules.push(Rule {
                x,
                y: top,
                width: thickness,
                thickness: bottom - top,
                colour: black,
            });
        }
        page.rules.push(across(bottom));
    }
}

/// A cell's paragraphs, shaped, and the grid columns it covers.
struct Shaped {
    column: usize,
    span: usize,
    paras: Vec<Para>,
}

impl Engine<'_> {
    /// The rows of `table`, each a paragraph of preset lines with its frame.
    pub(crate) fn table_paras(&mut self, table: &Table) -> Vec<Para> {
        let columns = table.columns();
        if columns == 0 {
            return Vec::new();
        }
        let body = self.profile.body.clone();
        let rows: Vec<Vec<Shaped>> = table
            .rows
            .iter()
            .map(|row| {
                let mut column = 0;
                row.cells
                    .iter()
                    .map(|cell| {
                        let span = cell.columns.max(1) as usize;
                        let paras = cell
                            .paragraphs
                            .iter()
                            .filter(|c| !c.is_empty())
                            .map(|content| {
                                let mut para = self.para(Role::Body, &body, content);
                                para.first_indent = 0.0;
                                para
                            })
                            .filter(|p| !p.cells.is_empty())
                            .collect();
                        let shaped = Shaped { column, span, paras };
                        column += span;
                        shaped
                    })
                    .collect()
            })
            .collect();
        let margin = self.profile.layout.table_cell_margin_pt;
        let script_em = self.profile.layout.han_latin_space_em;
        let widths = column_widths(&rows, columns, self.width, margin, script_em);
        // Where each grid column starts, from the text block's left edge.
        let mut starts = vec![0.0];
        for w in &widths {
            starts.push(starts.last().copied().unwrap_or(0.0) + w);
        }
        let block_left = self.profile.page.margin_left_mm * PT_PER_MM;
        let mut out = Vec::with_capacity(rows.len());
        for shaped in rows {
            let mut edges = vec![block_left];
            let mut cells: Vec<Vec<SetLine>> = Vec::new();
            for cell in &shaped {
                let end = (cell.column + cell.span).min(columns);
                let (x0, x1) = (starts[cell.column.min(columns)], starts[end]);
                if cell.column > 0 {
                    edges.push(block_left + x0);
                }
                let inner = (x1 - x0 - 2.0 * margin).max(0.0);
                cells.push(
                    cell.paras
                        .iter()
                        .flat_map(|p| self.set_within(p, x0 + margin, inner))
                        .collect(),
                );
            }
            edges.push(block_left + self.width);
            let mut para = self.para(Role::Body, &body, &Default::default());
            para.keep_together = true;
            para.keep_with_next = false;
            para.preset = Some(side_by_side(cells));
            para.frame = Some(Frame { edges });
            out.push(para);
        }
        out
    }
}

/// The k-th lines of every cell joined into the row's k-th line; a row of empty cells is
/// one empty line.
fn side_by_side(cells: Vec<Vec<SetLine>>) -> Vec<SetLine> {
    let count = cells.iter().map(Vec::len).max().unwrap_or(0).max(1);
    let centre = cells.iter().flatten().map(|l| l.centre).next().unwrap_or(0.0);
    let mut lines: Vec<SetLine> =
        (0..count).map(|_| SetLine { role: Role::Body, runs: Vec::new(), centre }).collect();
    for cell in cells {
        for (line, set) in lines.iter_mut().zip(cell) {
            line.runs.extend::<Vec<Run>>(set.runs);
        }
    }
    lines
}

/// The widths of the grid columns, adding up to `width` (see the module docs).
fn column_widths(
    rows: &[Vec<Shaped>],
    columns: usize,
    width: f32,
    margin: f32,
    script_em: f32,
) -> Vec<f32> {
    let mut least = vec![2.0 * margin; columns];
    let mut natural = vec![2.0 * margin; columns];
    for cell in rows.iter().flatten().filter(|c| c.span == 1 && c.column < columns) {
        for para in &cell.paras {
            let (min, max) = measure(&para.cells, script_em);
            least[cell.column] = least[cell.column].max(min + 2.0 * margin);
            natural[cell.column] = natural[cell.column].max(max + 2.0 * margin);
        }
    }
    let total: f32 = natural.iter().sum();
    if total <= width {
        // Widened in proportion to fill the block.
        return natural.iter().map(|n| n * width / total).collect();
    }
    // Columns whose content takes no more than an even share of what is left keep their
    // natural width, so that short columns are not broken for the sake of long ones.
    let mut widths = vec![0.0; columns];
    let mut open: Vec<usize> = (0..columns).collect();
    let mut left = width;
    loop {
        let share = left / open.len() as f32;
        let (fits, rest): (Vec<usize>, Vec<usize>) =
            open.iter().partition(|&&c| natural[c] <= share);
        if fits.is_empty() {
            break;
        }
        for c in fits {
            widths[c] = natural[c];
            left -= natural[c];
        }
        open = rest;
    }
    // The others share the rest: each its least, and what remains in proportion to how
    // much more it would take.
    let least_sum: f32 = open.iter().map(|&c| least[c]).sum();
    let wants: f32 = open.iter().map(|&c| natural[c] - least[c]).sum();
    for &c in &open {
        widths[c] = if least_sum >= left || wants <= 0.0 {
            least[c] * left / least_sum
        } else {
            least[c] + (natural[c] - least[c]) * (left - least_sum) / wants
        };
    }
    widths
}

/// The widest piece of `cells` that cannot break, and the width of all of them in a line
/// with the script spaces (`script_em` of the cells' size) between them; each with room
/// for a line's last em box past its cell (the grid's negative tracking), as the line
/// breaking counts it.
fn measure(cells: &[Cell], script_em: f32) -> (f32, f32) {
    let tail = cells.iter().map(|c| c.found.advance * c.size - c.width).fold(0.0, f32::max);
    let chars: Vec<char> = cells.iter().map(|c| c.ch).collect();
    let breaks = breaking::break_opportunities(&chars);
    let script = cells.first().map_or(0.0, |c| script_em * c.size);
    let (mut widest, mut piece, mut total) = (0.0f32, 0.0f32, 0.0f32);
    for (i, (cell, &can_break)) in cells.iter().zip(&breaks).enumerate() {
        let space =
            if i > 0 && breaking::script_change(chars[i - 1], chars[i]) { script } else { 0.0 };
        if can_break {
            widest = widest.max(piece);
            piece = 0.0;
        } else {
            piece += space;
        }
        piece += cell.width;
        total += cell.width + space;
    }
    (widest.max(piece) + tail, total + tail)
}
