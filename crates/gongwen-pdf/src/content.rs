//! Page content: each run of glyphs shown with one `TJ`.
//!
//! A justified Chinese line puts the same extra space after every character. That space
//! goes into the character spacing (`Tc`) once per line, so the line is one string of
//! glyph numbers; only glyphs that stand elsewhere (squeezed punctuation, Latin words,
//! the end of a line) get a position adjustment. Positions are kept to 1/100 pt and
//! adjustments never add up: each is computed from where the previous glyph really ended.

use pdf_writer::types::TextRenderingMode;
use pdf_writer::{Content, Name, Str};

use gongwen_layout::{Page, Run};

use crate::embed::Used;

/// The content stream of `page`; `page_height` turns top-down baselines into PDF's
/// bottom-up coordinates.
pub(crate) fn page(page: &Page, page_height: f32, fonts: &[Used]) -> Vec<u8> {
    let mut content = Content::new();
    let mut state = State::default();
    let mut colour = None;
    content.begin_text();
    for line in &page.lines {
        let y = round(page_height - line.baseline);
        crate::official::colour(&mut content, &mut colour, line.colour);
        for run in &line.runs {
            let Some(first) = run.glyphs.first() else { continue };
            let Some(font) = fonts.iter().find(|f| f.face == run.face) else { continue };
            state.font(&mut content, font, run.size);
            state.stroke(&mut content, run.stroke);
            let x = round(first.x);
            content.next_line(round(x - state.origin.0), round(y - state.origin.1));
            state.origin = (x, y);
            let spacing = spacing(run, font);
            if spacing != state.spacing {
                content.set_char_spacing(spacing);
                state.spacing = spacing;
            }
            show(&mut content, run, font, x, spacing);
        }
    }
    content.end_text();
    crate::official::rules(&mut content, page, page_height);
    content.finish().into_vec()
}

/// The text state already set, so that it is only written when it changes.
#[derive(Default)]
struct State<'a> {
    font: Option<(&'a str, f32)>,
    stroke: f32,
    spacing: f32,
    /// Where the last `Td` put the start of the line.
    origin: (f32, f32),
}

impl<'a> State<'a> {
    fn font(&mut self, content: &mut Content, font: &'a Used, size: f32) {
        if self.font != Some((&font.resource, size)) {
            content.set_font(Name(font.resource.as_bytes()), size);
            self.font = Some((&font.resource, size));
        }
    }

    /// Regular faces in a bold role are filled and stroked.
    fn stroke(&mut self, content: &mut Content, stroke: f32) {
        if stroke == self.stroke {
            return;
        }
        if stroke > 0.0 {
            content.set_line_width(stroke);
            if self.stroke == 0.0 {
                content.set_text_rendering_mode(TextRenderingMode::FillStroke);
            }
        } else {
            content.set_text_rendering_mode(TextRenderingMode::Fill);
        }
        self.stroke = stroke;
    }
}

/// The gap after a glyph beyond its width that most glyphs of the run share, in points,
/// to 1/10,000 pt: fine enough that it adds up to less than the smallest adjustment
/// along a line.
fn spacing(run: &Run, font: &Used) -> f32 {
    let mut gaps: Vec<i32> = run
        .glyphs
        .windows(2)
        .map(|w| {
            let width = font.width(font.cids[&w[0].id]) * run.size / 1000.0;
            ((w[1].x - w[0].x - width) * 10_000.0).round() as i32
        })
        .collect();
    if gaps.is_empty() {
        return 0.0;
    }
    gaps.sort_unstable();
    // The longest run of equal gaps; ties to the smallest gap.
    let (mut best, mut best_len, mut i) = (gaps[0], 0, 0);
    while i < gaps.len() {
        let j = gaps[i..].iter().position(|&g| g != gaps[i]).map_or(gaps.len(), |k| i + k);
        if j - i > best_len {
            (best, best_len) = (gaps[i], j - i);
        }
        i = j;
    }
    best as f32 / 10_000.0
}

/// Shows the glyphs of `run`, starting at `x`, with character spacing `spacing`.
fn show(content: &mut Content, run: &Run, font: &Used, x: f32, spacing: f32) {
    let mut tj = content.show_positioned();
    let mut items = tj.items();
    let mut text: Vec<u8> = Vec::with_capacity(run.glyphs.len() * 2);
    // Where the pen stands after the glyphs shown so far, in points.
    let mut pen = x;
    for (i, g) in run.glyphs.iter().enumerate() {
        if i > 0 {
            // Thousandths of an em to move left (negative: right) before this glyph.
            let adjust = ((pen - g.x) * 1000.0 / run.size).round();
            if adjust != 0.0 {
                items.show(Str(&text));
                text.clear();
                items.adjust(adjust);
                pen -= adjust * run.size / 1000.0;
            }
        }
        let cid = font.cids[&g.id];
        text.extend_from_slice(&cid.to_be_bytes());
        pen += font.width(cid) * run.size / 1000.0 + spacing;
    }
    items.show(Str(&text));
}

/// Hundredths of a point are finer than any printer and keep numbers short.
fn round(v: f32) -> f32 {
    (v * 100.0).round() / 100.0
}
