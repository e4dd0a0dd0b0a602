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
//!
//! Rules are PathObjects: every rule of the page model (the red rule under an official
//! copy's head, the rules of its foot, a table's rules) and a page number's dashes, which
//! are drawn as rules of the dash glyph's extent. A line's colour (the red issuer mark)
//! is its TextObjects' FillColor.

use std::fmt::Write as _;

use std::collections::HashMap;

use gongwen_layout::{FaceId, Glyph, Line, Page, Role, Rule, Run};

use crate::embed::{Face, Usage};
use crate::xml::{escape, mm, numbers, um};

/// Hands out the ids the whole document shares, in the order the pages first use them:
/// object ids, a font's id when a TextObject first draws with its face, the seal's when a
/// page first draws it. So a page's Content.xml is final as it arrives and is compressed
/// then, not kept as text until the fonts are known.
#[derive(Default)]
pub(crate) struct Ids {
    /// The last id given.
    pub last: u32,
    /// Each face's font id.
    pub fonts: HashMap<FaceId, u32>,
    /// The seal image's resource id, once a page draws it.
    pub seal: Option<u32>,
}

impl Ids {
    pub(crate) fn next(&mut self) -> u32 {
        self.last += 1;
        self.last
    }

    /// The font id of `face`.
    fn font(&mut self, face: FaceId) -> u32 {
        let last = &mut self.last;
        *self.fonts.entry(face).or_insert_with(|| {
            *last += 1;
            *last
        })
    }

    /// The seal image's resource id.
    pub(crate) fn seal(&mut self) -> u32 {
        if let Some(id) = self.seal {
            return id;
        }
        let id = self.next();
        self.seal = Some(id);
        id
    }
}

/// The Content.xml of `page`, whose glyphs `usage` has recorded.
pub(crate) fn page(
    page: &Page,
    usage: &Usage<'_>,
    ids: &mut Ids,
    seal: Option<&gongwen_layout::SealImage>,
) -> String {
    let glyphs: usize = page.lines.iter().flat_map(|l| &l.runs).map(|r| r.glyphs.len()).sum();
    let mut out = String::with_capacity(1024 + 12 * glyphs);
    let _ = write!(
        out,
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<ofd:Page xmlns:ofd=\"{}\">",
        crate::xml::NS
    );
    let _ = write!(out, "<ofd:Content><ofd:Layer ID=\"{}", ids.next());
    out.push_str("\">\n");
    // Readers extract text in object order, which is the layout's, except that lines on
    // one baseline (a 发文字号 and its 签发人) go left to right.
    let mut lines: Vec<&Line> = page.lines.iter().collect();
    for i in 1..lines.len() {
        let mut j = i;
        while j > 0
            && (lines[j - 1].baseline - lines[j].baseline).abs() < 1.0
            && left(lines[j]) < left(lines[j - 1])
        {
            lines.swap(j - 1, j);
            j -= 1;
        }
    }
    let mut rules = Vec::new();
    for line in lines {
        for run in &line.runs {
            let Some(font) = usage.face(run.face) else { continue };
            let mut start = 0;
            for (i, g) in run.glyphs.iter().enumerate() {
                let dash = dash(line, g, run, usage, font);
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
    for rule in rules.iter().chain(&page.rules) {
        path(&mut out, rule, ids);
    }
    crate::seal::objects(&mut out, page, seal, ids);
    out.push_str("</ofd:Layer></ofd:Content></ofd:Page>\n");
    out
}

/// Where a line's first glyph stands.
fn left(line: &Line) -> f32 {
    line.runs.iter().flat_map(|r| r.glyphs.first()).map(|g| g.x).fold(f32::INFINITY, f32::min)
}

/// A page number's dash (GB/T 9704 "一字线") as a rule of the glyph's own extent.
fn dash(line: &Line, g: &Glyph, run: &Run, usage: &Usage<'_>, font: &Face) -> Option<Rule> {
    if line.role != Role::PageNumber || !matches!(g.ch, '—' | '－' | '-') {
        return None;
    }
    let b = usage.bbox(run.face, g.id)?;
    if b[2] <= b[0] || b[3] <= b[1] {
        return None;
    }
    let scale = run.size / f32::from(font.units_per_em);
    Some(Rule {
        x: g.x + f32::from(b[0]) * scale,
        y: line.baseline - f32::from(b[3]) * scale,
        width: f32::from(b[2] - b[0]) * scale,
        thickness: f32::from(b[3] - b[1]) * scale,
        colour: line.colour.unwrap_or([0, 0, 0]),
    })
}

/// Writes `glyphs` of `run` as one TextObject.
fn text(out: &mut String, line: &Line, run: &Run, glyphs: &[Glyph], font: &Face, ids: &mut Ids) {
    let (Some(first), Some(last)) = (glyphs.first(), glyphs.last()) else { return };
    let xs: Vec<i64> = glyphs.iter().map(|g| um(g.x)).collect();
    let left = xs[0];
    let right = um(last.x + last.advance).max(left);
    let top = um(line.baseline - font.ascent * run.size);
    let bottom = um(line.baseline + font.descent * run.size);
    let _ = write!(out, "<ofd:TextObject ID=\"{}\" Boundary=\"", ids.next());
    numbers(out, &[left, top, right - left, bottom - top]);
    let _ = write!(out, "\" Font=\"{}\" Size=\"", ids.font(run.face));
    mm(out, um(run.size));
    out.push('"');
    let colour = line.colour.map(rgb);
    if run.stroke > 0.0 {
        // A regular face in a bold role: filled and stroked, as in the PDF.
        out.push_str(" Stroke=\"true\" LineWidth=\"");
        mm(out, um(run.stroke).max(1));
        out.push_str("\">");
    } else {
        out.push('>');
    }
    // The issuer mark's red, for filling (and stroking) the glyphs; black is the default.
    if let Some(colour) = &colour {
        let _ = write!(out, "<ofd:FillColor Value=\"{colour}\"/>");
    }
    if run.stroke > 0.0 {
        let stroke = colour.as_deref().unwrap_or("0 0 0");
        let _ = write!(out, "<ofd:StrokeColor Value=\"{stroke}\"/>");
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

/// Writes `rule`, a filled rectangle in the layout, as a PathObject whose box is the
/// rectangle: a line along its length, as thick as the rectangle. (easyofd strokes every
/// path and never fills one, so a stroked line is what every reader draws alike.) The
/// rectangle's orientation picks the line's, so upright rules (a table's) draw too.
fn path(out: &mut String, rule: &Rule, ids: &mut Ids) {
    let (left, top) = (um(rule.x), um(rule.y));
    let w = (um(rule.x + rule.width) - left).max(1);
    let h = (um(rule.y + rule.thickness) - top).max(1);
    let _ = write!(out, "<ofd:PathObject ID=\"{}\" Boundary=\"", ids.next());
    numbers(out, &[left, top, w, h]);
    out.push_str("\" LineWidth=\"");
    let (thickness, from, to) =
        if w >= h { (h, [0, h / 2], [w, h / 2]) } else { (w, [w / 2, 0], [w / 2, h]) };
    mm(out, thickness);
    let colour = rgb(rule.colour);
    // easyofd strokes paths in their fill colour, so both are given.
    let _ = write!(
        out,
        "\"><ofd:StrokeColor Value=\"{colour}\"/><ofd:FillColor Value=\"{colour}\"/><ofd:AbbreviatedData>M "
    );
    numbers(out, &from);
    out.push_str(" L ");
    numbers(out, &to);
    out.push_str("</ofd:AbbreviatedData></ofd:PathObject>\n");
}

/// A colour as OFD writes it in the default RGB space: "255 0 0".
fn rgb([r, g, b]: [u8; 3]) -> String {
    format!("{r} {g} {b}")
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

    #[test]
    fn a_rule_is_a_line_along_its_length_in_its_colour() {
        let mut ids = Ids::default();
        // A rectangle given in millimetres, drawn.
        let mut drawn = |[x, y, width, thickness]: [f32; 4], colour| {
            let mm = 72.0 / 25.4;
            let rule =
                Rule { x: x * mm, y: y * mm, width: width * mm, thickness: thickness * mm, colour };
            let mut out = String::new();
            path(&mut out, &rule, &mut ids);
            out
        };
        // The red rule under an official copy's head: wide and thin.
        let across = drawn([28.0, 80.0, 156.0, 0.5], [255, 0, 0]);
        assert!(across.contains("Boundary=\"28 80 156 0.5\" LineWidth=\"0.5\""), "{across}");
        let red = "<ofd:StrokeColor Value=\"255 0 0\"/><ofd:FillColor Value=\"255 0 0\"/>";
        assert!(across.contains(red), "{across}");
        assert!(across.contains("M 0 0.25 L 156 0.25<"), "{across}");
        // A table's upright rule: narrow and tall, drawn down its middle.
        let down = drawn([100.0, 50.0, 0.25, 12.0], [0, 0, 0]);
        assert!(down.contains("Boundary=\"100 50 0.25 12\" LineWidth=\"0.25\""), "{down}");
        assert!(down.contains("M 0.125 0 L 0.125 12<"), "{down}");
        assert!(down.contains("ID=\"2\""), "ids run on: {down}");
    }
}
