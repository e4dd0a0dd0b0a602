//! Page content: each run of glyphs as a TextObject, rules as PathObjects.
//!
//! A TextObject holds one face and size; its Boundary is the run's box from the first
//! glyph's origin to the last glyph's advance and from the face's ascent to its descent,
//! the same box poppler gives the PDF's words, and its one TextCode puts the baseline at
//! `Y` and each glyph at the `DeltaX` after the one before it. Positions are micrometres
//! from the page's top left, and every delta is taken between rounded positions, so they
//! never add up to drift. Runs of one delta (justified Chinese) are written `g N delta`.
//!
//! A character no font has is drawn as the missing-glyph box: the character stays the
//! text, and a CGTransform names glyph 0, alone in its own TextObject (one CGTransform a
//! TextObject is what easyofd reads).

use std::fmt::Write as _;

use gongwen_layout::{Glyph, Line, Page, Role, Run};

use crate::embed::Used;
use crate::xml::{escape, mm, numbers, um};

/// A straight line drawn in a colour: a page number's dashes now; the red rules of the
/// 版头 and 版记 join here when the layout places them.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct Rule {
    /// Left and right ends, in points from the page's left edge.
    pub x: (f32, f32),
    /// Middle of the line, in points from the top of the page.
    pub y: f32,
    /// Thickness in points.
    pub width: f32,
    /// sRGB colour.
    pub colour: [u8; 3],
}

/// Hands out object ids, which the whole document shares.
pub(crate) struct Ids(pub u32);

impl Ids {
    pub(crate) fn next(&mut self) -> u32 {
        self.0 += 1;
        self.0
    }
}

/// The Content.xml of `page`.
pub(crate) fn page(page: &Page, fonts: &[Used], ids: &mut Ids) -> String {
    let glyphs: usize = page.lines.iter().flat_map(|l| &l.runs).map(|r| r.glyphs.len()).sum();
    let mut out = String::with_capacity(1024 + 12 * glyphs);
    let _ = write!(
        out,
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<ofd:Page xmlns:ofd=\"{}\">",
        crate::xml::NS
    );
    let _ = writeln!(out, "<ofd:Content><ofd:Layer ID=\"{}\">", ids.next());
    let mut rules = Vec::new();
    for line in &page.lines {
        for run in &line.runs {
            let Some(font) = fonts.iter().find(|f| f.face == run.face) else { continue };
            let mut start = 0;
            for (i, g) in run.glyphs.iter().enumerate() {
                let dash = dash(line, g, font, run.size);
                if dash.is_none() && g.id != 0 {
                    continue;
                }
                text(&mut out, line, run, &run.glyphs[start..i], font, ids);
                match dash {
                    Some(rule) => rules.push(rule),
                    None => text(&mut out, line, run, std::slice::from_ref(g), font, ids),
                }
                start = i + 1;
            }
            text(&mut out, line, run, &run.glyphs[start..], font, ids);
        }
    }
    for rule in &rules {
        path(&mut out, rule, ids);
    }
    out.push_str("</ofd:Layer></ofd:Content></ofd:Page>\n");
    out
}

/// A page number's dash (GB/T 9704 "一字线") as a rule of the glyph's own extent.
fn dash(line: &Line, g: &Glyph, font: &Used, size: f32) -> Option<Rule> {
    if line.role != Role::PageNumber || !matches!(g.ch, '—' | '－' | '-') {
        return None;
    }
    let new = *font.glyphs.get(&g.id)?;
    let b = font.outlines.get(usize::from(new))?.bbox;
    if b[2] <= b[0] || b[3] <= b[1] {
        return None;
    }
    let scale = size / f32::from(font.metrics.units_per_em);
    Some(Rule {
        x: (g.x + f32::from(b[0]) * scale, g.x + f32::from(b[2]) * scale),
        y: line.baseline - f32::from(b[1] + b[3]) / 2.0 * scale,
        width: f32::from(b[3] - b[1]) * scale,
        colour: [0, 0, 0],
    })
}

/// Writes `glyphs` of `run` as one TextObject.
fn text(out: &mut String, line: &Line, run: &Run, glyphs: &[Glyph], font: &Used, ids: &mut Ids) {
    let (Some(first), Some(last)) = (glyphs.first(), glyphs.last()) else { return };
    let xs: Vec<i64> = glyphs.iter().map(|g| um(g.x)).collect();
    let left = xs[0];
    let right = um(last.x + last.advance).max(left);
    let top = um(line.baseline - font.ascent * run.size);
    let bottom = um(line.baseline + font.descent * run.size);
    let _ = write!(out, "<ofd:TextObject ID=\"{}\" Boundary=\"", ids.next());
    numbers(out, &[left, top, right - left, bottom - top]);
    let _ = write!(out, "\" Font=\"{}\" Size=\"", font.id);
    mm(out, um(run.size));
    out.push('"');
    if run.stroke > 0.0 {
        // A regular face in a bold role: filled and stroked, as in the PDF.
        out.push_str(" Stroke=\"true\" LineWidth=\"");
        mm(out, um(run.stroke).max(1));
        out.push_str("\"><ofd:StrokeColor Value=\"0 0 0\"/>");
    } else {
        out.push('>');
    }
    if first.id == 0 {
        out.push_str("<ofd:CGTransform CodePosition=\"0\" CodeCount=\"1\" GlyphCount=\"1\"><ofd:Glyphs>0</ofd:Glyphs></ofd:CGTransform>");
    }
    out.push_str("<ofd:TextCode X=\"0\" Y=\"");
    mm(out, um(line.baseline) - top);
    out.push('"');
    if xs.len() > 1 {
        out.push_str(" DeltaX=\"");
        delta_x(out, &xs);
        out.push('"');
    }
    out.push('>');
    let text: String = glyphs.iter().map(|g| g.ch).collect();
    escape(out, &text);
    out.push_str("</ofd:TextCode></ofd:TextObject>\n");
}

/// The gaps between successive positions, a run of three or more equal gaps as `g N gap`.
fn delta_x(out: &mut String, xs: &[i64]) {
    let gaps: Vec<i64> = xs.windows(2).map(|w| w[1] - w[0]).collect();
    let mut i = 0;
    while i < gaps.len() {
        let n = gaps[i..].iter().take_while(|&&g| g == gaps[i]).count();
        if i > 0 {
            out.push(' ');
        }
        if n >= 3 {
            let _ = write!(out, "g {n} ");
            mm(out, gaps[i]);
            i += n;
        } else {
            mm(out, gaps[i]);
            i += 1;
        }
    }
}

/// Writes `rule` as a stroked PathObject whose box is the line's extent.
fn path(out: &mut String, rule: &Rule, ids: &mut Ids) {
    let (x0, x1) = (um(rule.x.0), um(rule.x.1));
    let w = um(rule.width).max(1);
    let top = um(rule.y) - w / 2;
    let _ = write!(out, "<ofd:PathObject ID=\"{}\" Boundary=\"", ids.next());
    numbers(out, &[x0, top, x1 - x0, w]);
    out.push_str("\" LineWidth=\"");
    mm(out, w);
    let [r, g, b] = rule.colour;
    // easyofd strokes paths in their fill colour, so both are given.
    let _ = write!(
        out,
        "\"><ofd:StrokeColor Value=\"{r} {g} {b}\"/><ofd:FillColor Value=\"{r} {g} {b}\"/><ofd:AbbreviatedData>M 0 "
    );
    mm(out, w / 2);
    out.push_str(" L ");
    mm(out, x1 - x0);
    out.push(' ');
    mm(out, w / 2);
    out.push_str("</ofd:AbbreviatedData></ofd:PathObject>\n");
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn equal_gaps_are_written_once() {
        let mut s = String::new();
        delta_x(&mut s, &[0, 5_556, 11_112, 16_668, 22_224, 25_000, 27_000]);
        assert_eq!(s, "g 4 5.556 2.776 2");
        let mut s = String::new();
        delta_x(&mut s, &[0, 1_000, 2_000]);
        assert_eq!(s, "1 1");
    }
}
