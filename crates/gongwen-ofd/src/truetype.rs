//! TrueType subsets built from any outlines skrifa reads.
//!
//! OFD readers hand embedded fonts to renderers that take TrueType only (reportlab says
//! "postscript outlines are not supported" for Fandol's CFF), so each face is written as a
//! small TrueType font: the used glyphs' outlines drawn through skrifa, cubic curves turned
//! into quadratic splines within [`TOLERANCE`] font units ([`crate::cu2qu`]), contours
//! turned clockwise as TrueType expects, no hinting. The font carries the tables a
//! TrueType reader needs (cmap, glyf, head, hhea, hmtx, loca, maxp, name, OS/2, post)
//! and is named by the source face's own family, so a reader that looks fonts up by name
//! finds an installed copy of the same face.

use skrifa::instance::{LocationRef, Size};
use skrifa::metrics::GlyphMetrics;
use skrifa::outline::{DrawSettings, OutlineGlyphCollection, OutlinePen};
use skrifa::raw::TableProvider;
use skrifa::raw::ps::cff::{CffFontRef, Subfont};
use skrifa::raw::ps::cs::CommandSink;
use skrifa::raw::ps::transform::Transform;
use skrifa::raw::types::{Fixed, Tag};
use skrifa::string::StringId;
use skrifa::{FontRef, GlyphId, MetadataProvider};

use crate::cu2qu::{P, cubic_to_quadratics};

/// How far, in font units (a thousandth of an em for Fandol), a quadratic may stray from
/// the cubic it replaces: 0.011 mm at the body's 16 pt, a quarter of a 600 dpi printer's
/// dot. Two units rather than one make seed-002's fonts 6 % smaller (fewer points to
/// write and compress) and its OFD 5 % cheaper to write.
pub(crate) const TOLERANCE: f64 = 2.0;

/// One glyph of a subset, converted once: its record in the `glyf` table, what `maxp`
/// and `hmtx` need of it, and its bounding box.
#[derive(Debug, Clone, Default)]
pub(crate) struct Glyph {
    /// The simple-glyph record (clockwise contours, each starting on the curve), padded to
    /// an even length; empty for a glyph with no outline.
    record: Vec<u8>,
    points: u16,
    contours: u16,
    advance: u16,
    /// x_min, y_min, x_max, y_max; all zero for an empty glyph.
    pub bbox: [i16; 4],
}

/// The names a subset is known by.
pub(crate) struct Names {
    /// The family as installed fonts report it to Windows and WPS (name ID 1:
    /// "FandolFang R", "Liberation Serif", "仿宋_GB2312").
    pub family: String,
    /// The family without its style ("FandolFang"; name ID 16 when the face has one).
    pub typographic: String,
    /// The family in the font's Chinese name records, when it has them.
    pub family_zh: Option<String>,
    /// "Regular" or "Bold".
    pub style: String,
    /// The PostScript name.
    pub postscript: String,
    pub bold: bool,
}

/// Reads the family and style names of `font`.
pub(crate) fn names(font: &FontRef, postscript: &str, bold: bool) -> Names {
    let find = |id: StringId, zh: bool| {
        font.localized_strings(id)
            .find(|s| s.language().is_some_and(|l| l.starts_with("zh")) == zh)
            .map(|s| s.chars().collect::<String>())
            .filter(|s| !s.trim().is_empty())
    };
    let family = find(StringId::FAMILY_NAME, false).unwrap_or_else(|| postscript.to_string());
    let typographic =
        find(StringId::TYPOGRAPHIC_FAMILY_NAME, false).unwrap_or_else(|| family.clone());
    let family_zh = find(StringId::FAMILY_NAME, true);
    let style = if bold { "Bold" } else { "Regular" }.to_string();
    Names { family, typographic, family_zh, style, postscript: postscript.to_string(), bold }
}

/// A face's outlines and advances, read once for all its glyphs.
pub(crate) struct Source<'a> {
    outlines: OutlineGlyphCollection<'a>,
    metrics: GlyphMetrics<'a>,
    /// The CFF charstrings, evaluated straight into the pen when the face's font matrix
    /// is the plain one (Fandol's): skrifa's own drawing passes every point through
    /// a transforming and a filtering stage and reads the glyph's private dict anew
    /// for each glyph, which cost as much as the evaluation itself.
    cff: Option<Cff<'a>>,
}

impl<'a> Source<'a> {
    pub(crate) fn new(font: &FontRef<'a>) -> Source<'a> {
        Source {
            outlines: font.outline_glyphs(),
            metrics: font.glyph_metrics(Size::unscaled(), LocationRef::default()),
            cff: Cff::new(font),
        }
    }
}

/// A CFF face's charstrings with its subfonts' private dicts read once.
struct Cff<'a> {
    font: CffFontRef<'a>,
    subfonts: Vec<Subfont>,
}

impl<'a> Cff<'a> {
    /// The face's CFF table, if it has one whose outlines need no transform.
    fn new(font: &FontRef<'a>) -> Option<Cff<'a>> {
        let data = font.table_data(Tag::new(b"CFF "))?;
        let upem = font.head().ok()?.units_per_em();
        let cff = CffFontRef::new_cff(data.as_bytes(), 0, Some(i32::from(upem))).ok()?;
        let subfonts: Vec<Subfont> =
            (0..cff.num_subfonts()).map(|i| cff.subfont(i, &[]).ok()).collect::<Option<_>>()?;
        subfonts
            .iter()
            .all(|s| cff.transform(s, None) == Transform::IDENTITY)
            .then_some(Cff { font: cff, subfonts })
    }

    /// Draws glyph `id` into `pen`; false when its charstring cannot be evaluated.
    fn draw(&self, id: u16, pen: &mut Pen) -> bool {
        let gid = GlyphId::new(u32::from(id));
        let Some(subfont) =
            self.font.subfont_index(gid).and_then(|i| self.subfonts.get(usize::from(i)))
        else {
            return false;
        };
        self.font.evaluate_charstring(subfont, gid, &[], &mut Units(pen)).is_ok()
    }
}

/// Hands a charstring's points to the pen in whole font units, truncated as skrifa's
/// (and FreeType's) unscaled outlines truncate them.
struct Units<'a>(&'a mut Pen);

fn units(v: Fixed) -> f64 {
    f64::from((v * Fixed::from_bits(0x400)).to_bits() >> 10)
}

impl CommandSink for Units<'_> {
    fn move_to(&mut self, x: Fixed, y: Fixed) {
        self.0.move_to(P(units(x), units(y)));
    }

    fn line_to(&mut self, x: Fixed, y: Fixed) {
        self.0.line_to(P(units(x), units(y)));
    }

    fn curve_to(&mut self, cx0: Fixed, cy0: Fixed, cx1: Fixed, cy1: Fixed, x: Fixed, y: Fixed) {
        self.0.curve_to(
            P(units(cx0), units(cy0)),
            P(units(cx1), units(cy1)),
            P(units(x), units(y)),
        );
    }

    fn close(&mut self) {
        self.0.close_contour();
    }

    fn finish(&mut self) {
        self.0.close_contour();
    }
}

/// Draws glyph `id` of `font` as TrueType contours, with `pen`'s buffers.
pub(crate) fn glyph(font: &Source, id: u16, pen: &mut Pen) -> Glyph {
    pen.clear();
    let drawn = match &font.cff {
        Some(cff) => cff.draw(id, pen),
        None => font.outlines.get(GlyphId::new(u32::from(id))).is_none_or(|outline| {
            let settings = DrawSettings::unhinted(Size::unscaled(), LocationRef::default());
            outline.draw(settings, &mut *pen).is_ok()
        }),
    };
    pen.close_contour();
    if !drawn {
        // A glyph that cannot be drawn is left empty rather than failing the document.
        pen.clear();
    }
    let advance = font
        .metrics
        .advance_width(GlyphId::new(u32::from(id)))
        .unwrap_or(0.0)
        .round()
        .clamp(0.0, f32::from(u16::MAX)) as u16;
    let mut bbox = [i16::MAX, i16::MAX, i16::MIN, i16::MIN];
    for &(x, y, _) in &pen.points {
        bbox = [bbox[0].min(x), bbox[1].min(y), bbox[2].max(x), bbox[3].max(y)];
    }
    if pen.ends.is_empty() {
        bbox = [0; 4];
    }
    Glyph {
        record: record(pen, bbox),
        points: pen.points.len().min(usize::from(u16::MAX)) as u16,
        contours: pen.ends.len().min(usize::from(u16::MAX)) as u16,
        advance,
        bbox,
    }
}

/// Rounds to the nearest font unit, halves away from zero, within an `i16`. (`f64::round`
/// is a library call on the baseline x86-64 target, and every point goes through here.)
fn clamp(v: f64) -> i16 {
    let v = v.clamp(f64::from(i16::MIN), f64::from(i16::MAX));
    (v + 0.5f64.copysign(v)) as i16
}

/// Collects a glyph's contours in font units; its buffers serve glyph after glyph.
#[derive(Default)]
pub(crate) struct Pen {
    /// The contour being drawn: (point, on-curve).
    current: Vec<(P, bool)>,
    /// The finished contours' points, rounded, clockwise, each starting on the curve.
    points: Vec<(i16, i16, bool)>,
    /// Where each finished contour ends in `points`.
    ends: Vec<usize>,
    /// The record's flags and coordinate bytes, while it is written.
    flags: Vec<u8>,
    xs: Vec<u8>,
    ys: Vec<u8>,
}

impl Pen {
    fn clear(&mut self) {
        self.current.clear();
        self.points.clear();
        self.ends.clear();
    }

    fn last(&self) -> P {
        self.current.last().map_or(P(0.0, 0.0), |p| p.0)
    }

    fn move_to(&mut self, p: P) {
        self.close_contour();
        self.current.push((p, true));
    }

    fn line_to(&mut self, p: P) {
        self.current.push((p, true));
    }

    fn curve_to(&mut self, c0: P, c1: P, p: P) {
        cubic_to_quadratics([self.last(), c0, c1, p], TOLERANCE, &mut self.current);
    }

    /// Rounds the contour being drawn into `points`: a point rounding onto the one before
    /// adds nothing, nor does a last point on the first, and fewer than two points make
    /// no contour.
    fn close_contour(&mut self) {
        let start = self.points.len();
        for &(p, on) in &self.current {
            let q = (clamp(p.0), clamp(p.1), on);
            if self.points.len() == start || self.points.last() != Some(&q) {
                self.points.push(q);
            }
        }
        self.current.clear();
        while self.points.len() > start + 1
            && self.points.last().map(|p| (p.0, p.1))
                == Some((self.points[start].0, self.points[start].1))
        {
            self.points.pop();
        }
        if self.points.len() < start + 2 {
            self.points.truncate(start);
            return;
        }
        // CFF draws outer contours counter-clockwise, TrueType clockwise: keep the first
        // point, reverse the rest.
        self.points[start + 1..].reverse();
        self.ends.push(self.points.len());
    }
}

impl OutlinePen for Pen {
    fn move_to(&mut self, x: f32, y: f32) {
        Pen::move_to(self, P(x.into(), y.into()));
    }

    fn line_to(&mut self, x: f32, y: f32) {
        Pen::line_to(self, P(x.into(), y.into()));
    }

    fn quad_to(&mut self, cx0: f32, cy0: f32, x: f32, y: f32) {
        self.current.push((P(cx0.into(), cy0.into()), false));
        self.current.push((P(x.into(), y.into()), true));
    }

    fn curve_to(&mut self, cx0: f32, cy0: f32, cx1: f32, cy1: f32, x: f32, y: f32) {
        Pen::curve_to(
            self,
            P(cx0.into(), cy0.into()),
            P(cx1.into(), cy1.into()),
            P(x.into(), y.into()),
        );
    }

    fn close(&mut self) {
        self.close_contour();
    }
}

/// Vertical metrics and the em of the source face.
pub(crate) struct Metrics {
    pub units_per_em: u16,
    pub ascent: i16,
    pub descent: i16,
    pub line_gap: i16,
}

/// Reads the source face's em and vertical metrics.
pub(crate) fn metrics(font: &FontRef) -> Metrics {
    let m = font.metrics(Size::unscaled(), LocationRef::default());
    Metrics {
        units_per_em: m.units_per_em.max(16),
        ascent: clamp(m.ascent.into()),
        // Some faces (FandolSong) give their descender as a positive number.
        descent: -clamp(m.descent.abs().into()),
        line_gap: clamp(m.leading.into()),
    }
}

/// Writes a TrueType font of `glyphs` (glyph 0 is .notdef); `cmap` pairs characters with
/// new glyph ids, sorted by character.
pub(crate) fn font(
    glyphs: &[&Glyph],
    cmap: &[(char, u16)],
    names: &Names,
    metrics: &Metrics,
) -> Vec<u8> {
    let (glyf, loca) = glyf_and_loca(glyphs);
    let mut tables: Vec<([u8; 4], Vec<u8>)> = vec![
        (*b"OS/2", os2(glyphs, cmap, names, metrics)),
        (*b"cmap", cmap_table(cmap)),
        (*b"glyf", glyf),
        (*b"head", head(glyphs, names, metrics)),
        (*b"hhea", hhea(glyphs, metrics)),
        (*b"hmtx", hmtx(glyphs)),
        (*b"loca", loca),
        (*b"maxp", maxp(glyphs)),
        (*b"name", name(names)),
        (*b"post", post()),
    ];
    tables.sort_by_key(|t| t.0);
    let n = tables.len() as u16;
    let entry_selector = 15 - n.leading_zeros() as u16;
    let search_range = (1u16 << entry_selector) * 16;
    let mut out = Vec::with_capacity(
        12 + 16 * tables.len() + tables.iter().map(|t| t.1.len() + 3).sum::<usize>(),
    );
    be32(&mut out, 0x0001_0000);
    be16(&mut out, n);
    be16(&mut out, search_range);
    be16(&mut out, entry_selector);
    be16(&mut out, n * 16 - search_range);
    let mut offset = 12 + 16 * tables.len();
    let mut head_at = 0;
    for (tag, data) in &tables {
        out.extend_from_slice(tag);
        be32(&mut out, checksum(data));
        be32(&mut out, offset as u32);
        be32(&mut out, data.len() as u32);
        if tag == b"head" {
            head_at = offset;
        }
        offset += data.len().next_multiple_of(4);
    }
    for (_, data) in &tables {
        out.extend_from_slice(data);
        out.resize(out.len().next_multiple_of(4), 0);
    }
    let adjust = 0xB1B0_AFBAu32.wrapping_sub(checksum(&out));
    out[head_at + 8..head_at + 12].copy_from_slice(&adjust.to_be_bytes());
    out
}

fn be16(out: &mut Vec<u8>, v: u16) {
    out.extend_from_slice(&v.to_be_bytes());
}

fn be32(out: &mut Vec<u8>, v: u32) {
    out.extend_from_slice(&v.to_be_bytes());
}

fn i16s(out: &mut Vec<u8>, v: i16) {
    out.extend_from_slice(&v.to_be_bytes());
}

fn checksum(data: &[u8]) -> u32 {
    let words = data.chunks_exact(4);
    let tail = words.remainder();
    let mut last = [0u8; 4];
    last[..tail.len()].copy_from_slice(tail);
    words
        .map(|w| u32::from_be_bytes([w[0], w[1], w[2], w[3]]))
        .fold(u32::from_be_bytes(last), u32::wrapping_add)
}

/// The glyph records and their offsets (long offsets: Chinese subsets pass 128 KB).
fn glyf_and_loca(glyphs: &[&Glyph]) -> (Vec<u8>, Vec<u8>) {
    let mut glyf = Vec::with_capacity(glyphs.iter().map(|g| g.record.len()).sum());
    let mut loca = Vec::with_capacity(4 * (glyphs.len() + 1));
    for g in glyphs {
        be32(&mut loca, glyf.len() as u32);
        glyf.extend_from_slice(&g.record);
    }
    be32(&mut loca, glyf.len() as u32);
    (glyf, loca)
}

/// A simple glyph's record: contour ends, no instructions, flags (runs of one flag written
/// once with a repeat count), then the x and y deltas.
fn record(pen: &mut Pen, bbox: [i16; 4]) -> Vec<u8> {
    if pen.ends.is_empty() {
        return Vec::new();
    }
    let (flags, xs, ys) = (&mut pen.flags, &mut pen.xs, &mut pen.ys);
    flags.clear();
    xs.clear();
    ys.clear();
    flags.reserve(pen.points.len());
    xs.reserve(2 * pen.points.len());
    ys.reserve(2 * pen.points.len());
    let (mut px, mut py) = (0i16, 0i16);
    for &(x, y, on) in &pen.points {
        let mut f = u8::from(on);
        let (dx, dy) = (x.wrapping_sub(px), y.wrapping_sub(py));
        f |= coordinate(dx, 0x02, 0x10, xs);
        f |= coordinate(dy, 0x04, 0x20, ys);
        flags.push(f);
        (px, py) = (x, y);
    }
    let mut glyf =
        Vec::with_capacity(12 + 2 * pen.ends.len() + flags.len() + xs.len() + ys.len() + 1);
    i16s(&mut glyf, pen.ends.len() as i16);
    for v in bbox {
        i16s(&mut glyf, v);
    }
    for &end in &pen.ends {
        be16(&mut glyf, (end as u16).wrapping_sub(1));
    }
    be16(&mut glyf, 0); // no instructions
    let mut i = 0;
    while i < flags.len() {
        let f = flags[i];
        let run = flags[i..].iter().take(256).take_while(|&&g| g == f).count();
        if run > 1 {
            glyf.push(f | 0x08);
            glyf.push((run - 1) as u8);
        } else {
            glyf.push(f);
        }
        i += run;
    }
    glyf.extend_from_slice(xs);
    glyf.extend_from_slice(ys);
    glyf.resize(glyf.len().next_multiple_of(2), 0);
    glyf
}

/// Encodes one coordinate delta and returns its flag bits: a short (one-byte) delta with
/// its sign in `same_or_positive`, no bytes for zero, two bytes otherwise.
fn coordinate(d: i16, short: u8, same_or_positive: u8, out: &mut Vec<u8>) -> u8 {
    if d == 0 {
        same_or_positive
    } else if d.unsigned_abs() < 256 {
        out.push(d.unsigned_abs() as u8);
        short | if d > 0 { same_or_positive } else { 0 }
    } else {
        out.extend_from_slice(&d.to_be_bytes());
        0
    }
}

fn bounds(glyphs: &[&Glyph]) -> [i16; 4] {
    let mut b = [i16::MAX, i16::MAX, i16::MIN, i16::MIN];
    for g in glyphs.iter().filter(|g| g.contours > 0) {
        b = [b[0].min(g.bbox[0]), b[1].min(g.bbox[1]), b[2].max(g.bbox[2]), b[3].max(g.bbox[3])];
    }
    if b[0] > b[2] { [0; 4] } else { b }
}

fn head(glyphs: &[&Glyph], names: &Names, metrics: &Metrics) -> Vec<u8> {
    let mut t = Vec::with_capacity(54);
    be32(&mut t, 0x0001_0000);
    be32(&mut t, 0x0001_0000); // font revision 1.0
    be32(&mut t, 0); // checksum adjustment, set last
    be32(&mut t, 0x5F0F_3CF5);
    be16(&mut t, 0x000B); // baseline at 0, lsb at x_min, integer scaling
    be16(&mut t, metrics.units_per_em);
    // Created and modified: a fixed 2000-01-01, so the same glyphs give the same bytes.
    for _ in 0..2 {
        t.extend_from_slice(&3_029_529_600u64.to_be_bytes());
    }
    for v in bounds(glyphs) {
        i16s(&mut t, v);
    }
    be16(&mut t, u16::from(names.bold)); // macStyle
    be16(&mut t, 8); // lowest readable size
    i16s(&mut t, 2);
    i16s(&mut t, 1); // long loca offsets
    i16s(&mut t, 0);
    t
}

fn hhea(glyphs: &[&Glyph], metrics: &Metrics) -> Vec<u8> {
    let b = bounds(glyphs);
    let lsb = glyphs.iter().filter(|g| g.contours > 0).map(|g| g.bbox[0]).min().unwrap_or(0);
    let rsb = glyphs
        .iter()
        .filter(|g| g.contours > 0)
        .map(|g| (i32::from(g.advance) - i32::from(g.bbox[2])) as i16)
        .min()
        .unwrap_or(0);
    let mut t = Vec::with_capacity(36);
    be32(&mut t, 0x0001_0000);
    i16s(&mut t, metrics.ascent);
    i16s(&mut t, metrics.descent);
    i16s(&mut t, metrics.line_gap);
    be16(&mut t, glyphs.iter().map(|g| g.advance).max().unwrap_or(0));
    i16s(&mut t, lsb);
    i16s(&mut t, rsb);
    i16s(&mut t, b[2]);
    i16s(&mut t, 1); // caret upright
    i16s(&mut t, 0);
    i16s(&mut t, 0);
    t.extend_from_slice(&[0; 10]); // reserved, metric data format
    be16(&mut t, glyphs.len() as u16);
    t
}

fn hmtx(glyphs: &[&Glyph]) -> Vec<u8> {
    let mut t = Vec::with_capacity(4 * glyphs.len());
    for g in glyphs {
        be16(&mut t, g.advance);
        i16s(&mut t, g.bbox[0]);
    }
    t
}

fn maxp(glyphs: &[&Glyph]) -> Vec<u8> {
    let points = glyphs.iter().map(|g| g.points).max();
    let contours = glyphs.iter().map(|g| g.contours).max();
    let mut t = Vec::with_capacity(32);
    be32(&mut t, 0x0001_0000);
    be16(&mut t, glyphs.len() as u16);
    be16(&mut t, points.unwrap_or(0));
    be16(&mut t, contours.unwrap_or(0));
    be16(&mut t, 0); // composite points
    be16(&mut t, 0); // composite contours
    be16(&mut t, 2); // zones
    t.extend_from_slice(&[0; 16]); // no hinting, no components
    t
}

fn os2(glyphs: &[&Glyph], cmap: &[(char, u16)], names: &Names, metrics: &Metrics) -> Vec<u8> {
    let drawn: Vec<&&Glyph> = glyphs.iter().filter(|g| g.advance > 0).collect();
    let average =
        drawn.iter().map(|g| u32::from(g.advance)).sum::<u32>() / drawn.len().max(1) as u32;
    let em = i32::from(metrics.units_per_em);
    let scaled = |k: i32| (em * k / 1000) as i16;
    let first = cmap.first().map_or(0x20, |c| u32::from(c.0).min(0xFFFF) as u16);
    let last = cmap.last().map_or(0x20, |c| u32::from(c.0).min(0xFFFF) as u16);
    let b = bounds(glyphs);
    let mut t = Vec::with_capacity(96);
    be16(&mut t, 4);
    i16s(&mut t, average as i16);
    be16(&mut t, if names.bold { 700 } else { 400 });
    be16(&mut t, 5); // normal width
    be16(&mut t, 0); // fsType 0: installable, so every reader may embed and subset it
    for v in [650, 600, 0, 75, 650, 600, 0, 350, 50, 250] {
        i16s(&mut t, scaled(v)); // sub- and superscript sizes and offsets, strikeout
    }
    i16s(&mut t, 0); // family class
    t.extend_from_slice(&[0; 10]); // PANOSE: any
    // Unicode ranges: Basic Latin, CJK symbols, CJK ideographs, halfwidth and fullwidth.
    be32(&mut t, 1);
    be32(&mut t, (1 << 16) | (1 << 27));
    be32(&mut t, 0);
    be32(&mut t, 0);
    t.extend_from_slice(b"GWEN");
    be16(&mut t, if names.bold { 0x20 } else { 0x40 });
    be16(&mut t, first);
    be16(&mut t, last);
    i16s(&mut t, metrics.ascent);
    i16s(&mut t, metrics.descent);
    i16s(&mut t, metrics.line_gap);
    be16(&mut t, b[3].max(metrics.ascent).max(0) as u16);
    be16(&mut t, (-b[1].min(metrics.descent)).max(0) as u16);
    be32(&mut t, 1 | (1 << 18)); // Latin 1, simplified Chinese
    be32(&mut t, 0);
    i16s(&mut t, scaled(450)); // x height
    i16s(&mut t, metrics.ascent); // cap height
    be16(&mut t, 0); // default character: .notdef
    be16(&mut t, 0x20);
    be16(&mut t, 0); // no contextual lookups
    t
}

fn post() -> Vec<u8> {
    let mut t = Vec::with_capacity(32);
    be32(&mut t, 0x0003_0000); // no glyph names
    be32(&mut t, 0); // upright
    i16s(&mut t, -100);
    i16s(&mut t, 50);
    t.extend_from_slice(&[0; 20]);
    t
}

/// A format 4 map of the BMP characters (runs where character and glyph both go up by one
/// share a segment), and a format 12 map of all of them when some lie beyond the BMP.
fn cmap_table(cmap: &[(char, u16)]) -> Vec<u8> {
    let bmp: Vec<(u16, u16)> = cmap
        .iter()
        .filter_map(|&(c, g)| {
            u16::try_from(u32::from(c)).ok().filter(|&c| c != 0xFFFF).map(|c| (c, g))
        })
        .collect();
    let mut segments: Vec<(u16, u16, u16)> = Vec::new(); // start, end, first glyph
    for &(c, g) in &bmp {
        match segments.last_mut() {
            Some((start, end, first)) if *end + 1 == c && first.wrapping_add(c - *start) == g => {
                *end = c
            }
            _ => segments.push((c, c, g)),
        }
    }
    segments.push((0xFFFF, 0xFFFF, 0));
    let n = segments.len() as u16;
    let mut f4 = Vec::with_capacity(16 + 8 * segments.len());
    be16(&mut f4, 4);
    be16(&mut f4, 16 + 8 * n); // length
    be16(&mut f4, 0);
    be16(&mut f4, n * 2);
    let selector = 15 - n.leading_zeros() as u16;
    be16(&mut f4, 2 << selector);
    be16(&mut f4, selector);
    be16(&mut f4, 2 * n - (2 << selector));
    for s in &segments {
        be16(&mut f4, s.1);
    }
    be16(&mut f4, 0);
    for s in &segments {
        be16(&mut f4, s.0);
    }
    for s in &segments {
        // The last segment maps 0xFFFF to glyph 0: delta 1 wraps it round.
        let delta = if s.0 == 0xFFFF { 1 } else { s.2.wrapping_sub(s.0) };
        be16(&mut f4, delta);
    }
    for _ in &segments {
        be16(&mut f4, 0);
    }
    let wide = cmap.iter().any(|&(c, _)| u32::from(c) > 0xFFFF);
    let mut f12 = Vec::new();
    if wide {
        let mut groups: Vec<(u32, u32, u32)> = Vec::new();
        for &(c, g) in cmap {
            let (c, g) = (u32::from(c), u32::from(g));
            match groups.last_mut() {
                Some((start, end, first)) if *end + 1 == c && *first + (c - *start) == g => {
                    *end = c
                }
                _ => groups.push((c, c, g)),
            }
        }
        be16(&mut f12, 12);
        be16(&mut f12, 0);
        be32(&mut f12, 16 + 12 * groups.len() as u32);
        be32(&mut f12, 0);
        be32(&mut f12, groups.len() as u32);
        for (s, e, g) in groups {
            be32(&mut f12, s);
            be32(&mut f12, e);
            be32(&mut f12, g);
        }
    }
    let records = if wide { 2 } else { 1 };
    let mut t = Vec::with_capacity(4 + 8 * records + f4.len() + f12.len());
    be16(&mut t, 0);
    be16(&mut t, records as u16);
    let start = 4 + 8 * records as u32;
    be16(&mut t, 3);
    be16(&mut t, 1);
    be32(&mut t, start);
    if wide {
        be16(&mut t, 3);
        be16(&mut t, 10);
        be32(&mut t, start + f4.len() as u32);
    }
    t.extend_from_slice(&f4);
    t.extend_from_slice(&f12);
    t
}

/// Family, style, unique, full and PostScript names for Windows in English, and the
/// Chinese family when the source face has one.
fn name(names: &Names) -> Vec<u8> {
    let full = format!("{} {}", names.family, names.style);
    let mut records: Vec<(u16, u16, String)> = vec![
        (0x409, 1, names.family.clone()),
        (0x409, 2, names.style.clone()),
        (0x409, 3, format!("gongwen: {}", names.postscript)),
        (0x409, 4, full),
        (0x409, 6, names.postscript.clone()),
    ];
    if let Some(zh) = &names.family_zh {
        records.push((0x804, 1, zh.clone()));
        records.push((0x804, 4, format!("{zh} {}", names.style)));
    }
    // Sorted by language, then name id, as the table requires.
    records.sort_by_key(|r| (r.0, r.1));
    let mut strings = Vec::new();
    let mut t = Vec::new();
    be16(&mut t, 0);
    be16(&mut t, records.len() as u16);
    be16(&mut t, 6 + 12 * records.len() as u16);
    for (lang, id, text) in &records {
        let bytes: Vec<u8> = text.encode_utf16().flat_map(u16::to_be_bytes).collect();
        be16(&mut t, 3);
        be16(&mut t, 1);
        be16(&mut t, *lang);
        be16(&mut t, *id);
        be16(&mut t, bytes.len() as u16);
        be16(&mut t, strings.len() as u16);
        strings.extend_from_slice(&bytes);
    }
    t.extend_from_slice(&strings);
    t
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The points skrifa's own drawing of glyph `id` gives through a pen like ours.
    fn drawn_by_skrifa(source: &Source, id: u16) -> Pen {
        let mut pen = Pen::default();
        let outline = source.outlines.get(GlyphId::new(u32::from(id))).expect("an outline");
        let settings = DrawSettings::unhinted(Size::unscaled(), LocationRef::default());
        outline.draw(settings, &mut pen).expect("skrifa draws it");
        pen.close_contour();
        pen
    }

    #[test]
    fn charstrings_evaluated_straight_give_skrifas_points() {
        for font in
            gongwen_fonts::BUNDLED.iter().filter(|f| f.postscript_name.starts_with("Fandol"))
        {
            let font_ref = FontRef::new(font.data).unwrap();
            let source = Source::new(&font_ref);
            let cff = source.cff.as_ref().expect("Fandol's outlines are CFF, drawn straight");
            let mut compared = 0;
            for c in "公文的讲话，一二三〔〕《》“”ABCgw0123456789".chars() {
                let Some(gid) = font_ref.charmap().map(c) else { continue };
                let id = gid.to_u32() as u16;
                let mut pen = Pen::default();
                assert!(cff.draw(id, &mut pen), "{} draws {c}", font.postscript_name);
                pen.close_contour();
                let skrifa = drawn_by_skrifa(&source, id);
                assert_eq!(pen.points, skrifa.points, "{} {c}", font.postscript_name);
                assert_eq!(pen.ends, skrifa.ends, "{} {c}", font.postscript_name);
                compared += usize::from(!pen.ends.is_empty());
            }
            assert!(compared > 10, "{}: {compared} glyphs", font.postscript_name);
        }
    }

    #[test]
    fn a_truetype_face_is_drawn_by_skrifa() {
        let font = gongwen_fonts::BUNDLED.iter().find(|f| f.postscript_name.contains("Liberation"));
        let font_ref = FontRef::new(font.expect("Liberation Serif is bundled").data).unwrap();
        let source = Source::new(&font_ref);
        assert!(source.cff.is_none());
        let id = font_ref.charmap().map('8').unwrap().to_u32() as u16;
        let glyph = glyph(&source, id, &mut Pen::default());
        assert!(glyph.contours >= 2 && glyph.points > 10, "{glyph:?}");
    }
}
