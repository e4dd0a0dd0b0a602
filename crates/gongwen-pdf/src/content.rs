//! Page content: each run of glyphs shown with one `TJ`.
//!
//! A justified Chinese line puts the same extra space after every character. That space
//! goes into the character spacing (`Tc`) once per line, so the line is one string of
//! glyph numbers; only glyphs that stand elsewhere (squeezed punctuation, Latin words,
//! the end of a line) get a position adjustment. Positions are kept to 1/100 pt and
//! adjustments never add up: each is computed from where the previous glyph really ended.

use pdf_writer::types::TextRenderingMode;
use pdf_writer::{Content, Name, Str};

use gongwen_layout::{FaceId, Page, Run};

use crate::embed::{Usage, Used};

/// A page's content as it arrives, for writing once every glyph of the document is known:
/// the glyphs get their final numbers (in the order of the characters of the whole
/// document) and the faces their resource names only then. Every number is worked out on
/// arrival; what is kept is the operators in a compact encoding ([`Op`]), the glyph ids
/// they show (two bytes a glyph, against the layout's sixteen) and the page's rules.
pub(crate) struct Recorded {
    ops: Vec<u8>,
    glyphs: Vec<u16>,
    rules: Page,
}

/// The operators of a recorded page, each a tag byte followed by its operands.
#[derive(Clone, Copy, PartialEq, Eq)]
#[repr(u8)]
enum Op {
    /// A line's colour: a flag byte (1: RGB follows), three bytes.
    Colour,
    /// Face (u16) and size (f32).
    Font,
    /// Outline stroke width (f32).
    LineWidth,
    /// Fill (0) or fill and stroke (1).
    Render,
    /// `Td` by (f32, f32).
    NextLine,
    /// `Tc` (f32).
    CharSpacing,
    /// Opens a `TJ` array.
    ShowBegin,
    /// Shows the next N (u32) glyphs.
    Show,
    /// An adjustment in thousandths of an em (f32).
    Adjust,
    /// Closes the `TJ` array.
    ShowEnd,
}

const OPS: [Op; 10] = [
    Op::Colour,
    Op::Font,
    Op::LineWidth,
    Op::Render,
    Op::NextLine,
    Op::CharSpacing,
    Op::ShowBegin,
    Op::Show,
    Op::Adjust,
    Op::ShowEnd,
];

impl Recorded {
    fn op(&mut self, op: Op) {
        self.ops.push(op as u8);
    }

    fn f32(&mut self, v: f32) {
        self.ops.extend_from_slice(&v.to_le_bytes());
    }
}

/// Reads a recorded page's operators back.
struct Reader<'a> {
    ops: &'a [u8],
}

impl Reader<'_> {
    fn op(&mut self) -> Option<Op> {
        let (&tag, rest) = self.ops.split_first()?;
        self.ops = rest;
        OPS.get(usize::from(tag)).copied()
    }

    fn bytes<const N: usize>(&mut self) -> [u8; N] {
        let (head, rest) = self.ops.split_at(N);
        self.ops = rest;
        head.try_into().expect("N bytes")
    }

    fn f32(&mut self) -> f32 {
        f32::from_le_bytes(self.bytes())
    }
}

/// Records the content of `page`, whose glyphs `usage` has; `page_height` turns top-down
/// baselines into PDF's bottom-up coordinates.
pub(crate) fn record(page: &Page, page_height: f32, usage: &Usage) -> Recorded {
    let mut out = Recorded { ops: Vec::new(), glyphs: Vec::new(), rules: Page::default() };
    let mut state = State::default();
    for line in &page.lines {
        let y = round(page_height - line.baseline);
        out.op(Op::Colour);
        let [r, g, b] = line.colour.unwrap_or_default();
        out.ops.extend_from_slice(&[u8::from(line.colour.is_some()), r, g, b]);
        for run in &line.runs {
            let Some(first) = run.glyphs.first() else { continue };
            state.font(&mut out, run.face, run.size);
            state.stroke(&mut out, run.stroke);
            let x = round(first.x);
            out.op(Op::NextLine);
            out.f32(round(x - state.origin.0));
            out.f32(round(y - state.origin.1));
            state.origin = (x, y);
            let spacing = spacing(run, usage);
            if spacing != state.spacing {
                out.op(Op::CharSpacing);
                out.f32(spacing);
                state.spacing = spacing;
            }
            show(&mut out, run, usage, x, spacing);
        }
    }
    out.rules = Page { rules: page.rules.clone(), ..Page::default() };
    out
}

/// The content stream of a recorded page, with the glyph numbers and resource names of
/// `fonts`.
pub(crate) fn write(page: &Recorded, fonts: &[Used], page_height: f32) -> Vec<u8> {
    let mut content = Content::new();
    let mut colour = None;
    let mut font = None;
    let mut glyphs = page.glyphs.iter();
    let mut reader = Reader { ops: &page.ops };
    content.begin_text();
    while let Some(op) = reader.op() {
        match op {
            Op::Colour => {
                let [set, r, g, b] = reader.bytes();
                crate::official::colour(&mut content, &mut colour, (set == 1).then_some([r, g, b]));
            }
            Op::Font => {
                let face = usize::from(u16::from_le_bytes(reader.bytes()));
                let size = reader.f32();
                font = fonts.iter().find(|f| f.face.index() == face);
                let name = font.map_or("", |f| f.resource.as_str());
                content.set_font(Name(name.as_bytes()), size);
            }
            Op::LineWidth => {
                content.set_line_width(reader.f32());
            }
            Op::Render => {
                let [mode] = reader.bytes();
                content.set_text_rendering_mode(if mode == 1 {
                    TextRenderingMode::FillStroke
                } else {
                    TextRenderingMode::Fill
                });
            }
            Op::NextLine => {
                let (dx, dy) = (reader.f32(), reader.f32());
                content.next_line(dx, dy);
            }
            Op::CharSpacing => {
                content.set_char_spacing(reader.f32());
            }
            Op::ShowBegin => {
                let mut tj = content.show_positioned();
                let mut items = tj.items();
                let mut text: Vec<u8> = Vec::new();
                while let Some(op) = reader.op() {
                    match op {
                        Op::Show => {
                            let n = u32::from_le_bytes(reader.bytes()) as usize;
                            text.clear();
                            for id in glyphs.by_ref().take(n) {
                                let cid = font.map_or(0, |f| f.cids[id]);
                                text.extend_from_slice(&cid.to_be_bytes());
                            }
                            items.show(Str(&text));
                        }
                        Op::Adjust => {
                            items.adjust(reader.f32());
                        }
                        _ => break,
                    }
                }
            }
            Op::Show | Op::Adjust | Op::ShowEnd => {}
        }
    }
    content.end_text();
    crate::official::rules(&mut content, &page.rules, page_height);
    content.finish().into_vec()
}

/// The text state already set, so that it is only written when it changes.
#[derive(Default)]
struct State {
    font: Option<(FaceId, f32)>,
    stroke: f32,
    spacing: f32,
    /// Where the last `Td` put the start of the line.
    origin: (f32, f32),
}

impl State {
    fn font(&mut self, out: &mut Recorded, face: FaceId, size: f32) {
        if self.font != Some((face, size)) {
            out.op(Op::Font);
            out.ops.extend_from_slice(&(face.index() as u16).to_le_bytes());
            out.f32(size);
            self.font = Some((face, size));
        }
    }

    /// Regular faces in a bold role are filled and stroked.
    fn stroke(&mut self, out: &mut Recorded, stroke: f32) {
        if stroke == self.stroke {
            return;
        }
        if stroke > 0.0 {
            out.op(Op::LineWidth);
            out.f32(stroke);
            if self.stroke == 0.0 {
                out.op(Op::Render);
                out.ops.push(1);
            }
        } else {
            out.op(Op::Render);
            out.ops.push(0);
        }
        self.stroke = stroke;
    }
}

/// The gap after a glyph beyond its width that most glyphs of the run share, in points,
/// to 1/10,000 pt: fine enough that it adds up to less than the smallest adjustment
/// along a line.
fn spacing(run: &Run, usage: &Usage) -> f32 {
    let mut gaps: Vec<i32> = run
        .glyphs
        .windows(2)
        .map(|w| {
            let width = usage.width(run.face, w[0].id) * run.size / 1000.0;
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

/// Records the glyphs of `run`, starting at `x`, with character spacing `spacing`.
fn show(out: &mut Recorded, run: &Run, usage: &Usage, x: f32, spacing: f32) {
    out.op(Op::ShowBegin);
    // Glyphs recorded but not yet shown.
    let mut pending: u32 = 0;
    // Where the pen stands after the glyphs shown so far, in points.
    let mut pen = x;
    for (i, g) in run.glyphs.iter().enumerate() {
        if i > 0 {
            // Thousandths of an em to move left (negative: right) before this glyph.
            let adjust = ((pen - g.x) * 1000.0 / run.size).round();
            if adjust != 0.0 {
                out.op(Op::Show);
                out.ops.extend_from_slice(&pending.to_le_bytes());
                pending = 0;
                out.op(Op::Adjust);
                out.f32(adjust);
                pen -= adjust * run.size / 1000.0;
            }
        }
        out.glyphs.push(g.id);
        pending += 1;
        pen += usage.width(run.face, g.id) * run.size / 1000.0 + spacing;
    }
    out.op(Op::Show);
    out.ops.extend_from_slice(&pending.to_le_bytes());
    out.op(Op::ShowEnd);
}

/// Hundredths of a point are finer than any printer and keep numbers short.
fn round(v: f32) -> f32 {
    (v * 100.0).round() / 100.0
}
