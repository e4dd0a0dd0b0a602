//! Fonts as the file carries them: each face used becomes a Type 0 font over a CIDFont
//! with only the glyphs the pages draw, renumbered 1, 2, 3 … in the order of their
//! characters, a width array that lists only the glyphs narrower or wider than the usual
//! one, and a ToUnicode map so that text can be copied and searched.

use std::collections::{BTreeMap, HashMap};

use gongwen_layout::{Face, FaceId, FontBook, Page};
use gongwen_subset::FontProgram;
use pdf_writer::types::{CidFontType, FontFlags, SystemInfo};
use pdf_writer::{Name, Rect, Ref, Str};
use skrifa::instance::{LocationRef, Size};
use skrifa::{FontRef, MetadataProvider};

use crate::PdfError;
use crate::file::{File, Kind};

/// One face as used by the pages.
pub(crate) struct Used {
    pub face: FaceId,
    /// The resource name the content streams use ("F0", "F1" …).
    pub resource: String,
    /// Old glyph id → new glyph id (the CID the content streams show).
    pub cids: HashMap<u16, u16>,
    /// Advance of each new glyph in thousandths of an em, as the file declares it.
    widths: Vec<f32>,
    /// Old glyph ids in new order; `glyphs[0]` is 0, .notdef.
    glyphs: Vec<u16>,
    /// The character each new glyph draws (none for .notdef).
    chars: Vec<Option<char>>,
}

/// The glyphs the pages draw so far, face by face: old glyph id → (lowest character it
/// draws, width in thousandths of an em where it was first drawn).
#[derive(Default)]
pub(crate) struct Usage {
    seen: BTreeMap<FaceId, BTreeMap<u16, (char, f32)>>,
}

impl Usage {
    /// Adds the glyphs of `page`.
    pub fn add(&mut self, page: &Page) {
        for run in page.lines.iter().flat_map(|l| &l.runs) {
            let glyphs = self.seen.entry(run.face).or_default();
            for g in &run.glyphs {
                let width = (g.advance / run.size * 1000.0 * 100.0).round() / 100.0;
                glyphs
                    .entry(g.id)
                    .and_modify(|(c, _)| *c = (*c).min(g.ch))
                    .or_insert((g.ch, width));
            }
        }
    }

    /// The width of glyph `id` of `face` as the file will declare it, in thousandths of
    /// an em (a glyph already added).
    pub fn width(&self, face: FaceId, id: u16) -> f32 {
        self.seen.get(&face).and_then(|g| g.get(&id)).map_or(0.0, |&(_, w)| w)
    }

    /// Every face drawn with, in face order, with its glyphs numbered.
    pub fn into_used(self) -> Vec<Used> {
        let seen = self.seen;
        seen.into_iter()
            .enumerate()
            .map(|(i, (face, glyphs))| {
                let notdef_width = glyphs.get(&0).map_or(1000.0, |&(_, w)| w);
                let mut order: Vec<(char, u16, f32)> = glyphs
                    .into_iter()
                    .filter(|&(id, _)| id != 0)
                    .map(|(id, (c, w))| (c, id, w))
                    .collect();
                order.sort_unstable_by_key(|&(c, id, _)| (c, id));
                let mut used = Used {
                    face,
                    resource: format!("F{i}"),
                    cids: HashMap::with_capacity(order.len() + 1),
                    widths: vec![notdef_width],
                    glyphs: vec![0],
                    chars: vec![None],
                };
                used.cids.insert(0, 0);
                for (c, id, w) in order {
                    used.cids.insert(id, used.glyphs.len() as u16);
                    used.glyphs.push(id);
                    used.chars.push(Some(c));
                    used.widths.push(w);
                }
                used
            })
            .collect()
    }
}

/// A subset font program, before it is written.
pub(crate) struct Subset {
    program: FontProgram,
    pub tag: [u8; 6],
}

/// Subsets the face of `used`.
pub(crate) fn subset(used: &Used, fonts: &FontBook) -> Result<Subset, PdfError> {
    let face = face(fonts, used.face)?;
    let program = gongwen_subset::subset((**face.data()).as_ref(), face.index(), &used.glyphs)
        .map_err(|e| PdfError::Font(format!("{}: {e}", face.postscript_name())))?;
    Ok(Subset { program, tag: tag(face.postscript_name(), &used.glyphs) })
}

/// The face `id`, or an error when the layout was made with another, larger book.
fn face(fonts: &FontBook, id: FaceId) -> Result<&Face, PdfError> {
    fonts.faces().get(id.index()).ok_or_else(|| PdfError::Font(format!("#{}", id.index())))
}

/// Writes the Type 0 font for `used` and returns its id.
pub(crate) fn write(
    file: &mut File,
    used: &Used,
    subset: &Subset,
    fonts: &FontBook,
) -> Result<Ref, PdfError> {
    let face = face(fonts, used.face)?;
    let font = FontRef::from_index((**face.data()).as_ref(), face.index())
        .map_err(|_| PdfError::Font(face.postscript_name().to_string()))?;
    let metrics = font.metrics(Size::unscaled(), LocationRef::default());
    let scale = 1000.0 / f32::from(metrics.units_per_em.max(1));

    let mut base = Vec::with_capacity(7 + face.postscript_name().len());
    base.extend_from_slice(&subset.tag);
    base.push(b'+');
    // A PDF name cannot hold spaces and the like (a system font may have them).
    base.extend(face.postscript_name().bytes().filter(|b| b.is_ascii_graphic()));
    let base = Name(&base);

    let type0 = file.alloc();
    let cid_font = file.alloc();
    let descriptor = file.alloc();
    let program = file.alloc();
    let to_unicode = file.alloc();

    file.object(type0, |obj| {
        let mut font = obj.start::<pdf_writer::writers::Type0Font>();
        font.base_font(base);
        font.encoding_predefined(Name(b"Identity-H"));
        font.descendant_font(cid_font);
        font.to_unicode(to_unicode);
    });

    let (default_width, exceptions) = widths(&used.widths);
    file.object(cid_font, |obj| {
        let mut font = obj.start::<pdf_writer::writers::CidFont>();
        let cff = matches!(subset.program, FontProgram::Cff(_));
        font.subtype(if cff { CidFontType::Type0 } else { CidFontType::Type2 });
        font.base_font(base);
        font.system_info(SYSTEM_INFO);
        font.font_descriptor(descriptor);
        font.default_width(default_width);
        if !exceptions.is_empty() {
            let mut w = font.widths();
            for (first, run) in exceptions {
                w.consecutive(first, run);
            }
        }
        if !cff {
            font.cid_to_gid_map_predefined(Name(b"Identity"));
        }
    });

    let bbox = metrics.bounds.map_or(Rect::new(0.0, -200.0, 1000.0, 900.0), |b| {
        Rect::new(b.x_min * scale, b.y_min * scale, b.x_max * scale, b.y_max * scale)
    });
    file.object(descriptor, |obj| {
        let mut d = obj.start::<pdf_writer::writers::FontDescriptor>();
        d.name(base);
        d.flags(FontFlags::SYMBOLIC);
        d.bbox(bbox);
        d.italic_angle(metrics.italic_angle);
        d.ascent(metrics.ascent * scale);
        // Some faces (FandolSong) give their descender as a positive number.
        d.descent(-metrics.descent.abs() * scale);
        // Chinese faces often leave the cap height 0; their ascent stands in.
        let cap = metrics.cap_height.filter(|&c| c > 0.0).unwrap_or(metrics.ascent);
        d.cap_height(cap * scale);
        // Not in the font's tables; 80 is what Acrobat assumes for a regular weight.
        d.stem_v(80.0);
        match subset.program {
            FontProgram::Cff(_) => d.font_file3(program),
            FontProgram::TrueType(_) => d.font_file2(program),
        };
    });

    match &subset.program {
        FontProgram::Cff(data) => file.stream(program, Kind::Font, data, |s| {
            s.pair(Name(b"Subtype"), Name(b"CIDFontType0C"));
        }),
        FontProgram::TrueType(data) => file.stream(program, Kind::Font, data, |s| {
            s.pair(Name(b"Length1"), data.len() as i32);
        }),
    }

    file.stream(to_unicode, Kind::Text, &unicode_cmap(&used.chars), |_| {});
    Ok(type0)
}

const SYSTEM_INFO: SystemInfo<'static> =
    SystemInfo { registry: Str(b"Adobe"), ordering: Str(b"Identity"), supplement: 0 };

/// The ToUnicode map: the character of each new glyph. Glyphs are numbered in the order
/// of their characters, so neighbours in both (digits, 一丁七) share one `bfrange` line.
/// Written by hand rather than with pdf-writer's builder, whose comments and resource
/// headers cost more than the mappings of a small subset.
fn unicode_cmap(chars: &[Option<char>]) -> Vec<u8> {
    // (first glyph, first character, count): runs where both go up by one within the same
    // high byte of the glyph number, as a bfrange requires.
    let mut runs: Vec<(u16, char, u16)> = Vec::new();
    for (cid, c) in chars.iter().enumerate() {
        let (Some(c), Ok(cid)) = (*c, u16::try_from(cid)) else { continue };
        match runs.last_mut() {
            Some((first, start, n))
                if *first + *n == cid
                    && cid & 0xff != 0
                    && u32::from(*start) + u32::from(*n) == u32::from(c) =>
            {
                *n += 1
            }
            _ => runs.push((cid, c, 1)),
        }
    }
    let (singles, ranges): (Vec<_>, Vec<_>) = runs.into_iter().partition(|r| r.2 == 1);
    let mut out = String::with_capacity(300 + 14 * chars.len());
    out.push_str(
        "/CIDInit/ProcSet findresource begin\n12 dict begin\nbegincmap\n\
         /CIDSystemInfo<</Registry(Adobe)/Ordering(UCS)/Supplement 0>>def\n\
         /CMapName/Adobe-Identity-UCS def\n/CMapType 2 def\n\
         1 begincodespacerange\n<0000><FFFF>\nendcodespacerange\n",
    );
    let utf16 = |c: char| -> String {
        c.encode_utf16(&mut [0; 2]).iter().map(|u| format!("{u:04X}")).collect()
    };
    // At most 100 lines a block, as the CMap format asks.
    for block in singles.chunks(100) {
        out.push_str(&format!("{} beginbfchar\n", block.len()));
        for &(cid, c, _) in block {
            out.push_str(&format!("<{cid:04X}><{}>\n", utf16(c)));
        }
        out.push_str("endbfchar\n");
    }
    for block in ranges.chunks(100) {
        out.push_str(&format!("{} beginbfrange\n", block.len()));
        for &(cid, c, n) in block {
            out.push_str(&format!("<{cid:04X}><{:04X}><{}>\n", cid + n - 1, utf16(c)));
        }
        out.push_str("endbfrange\n");
    }
    out.push_str("endcmap\nCMapName currentdict/CMap defineresource pop\nend\nend\n");
    out.into_bytes()
}

/// The most common whole width, and runs of consecutive glyphs whose width differs from
/// it. The default width (`/DW`) is an integer in the PDF format, and poppler ignores one
/// that is not (its glyphs then count 1000 wide: a Liberation Serif X of 722.17 measured
/// as a full em); so a face whose widths are fractions, as Latin faces' are, lists them all.
fn widths(widths: &[f32]) -> (f32, Vec<(u16, Vec<f32>)>) {
    let mut counts: BTreeMap<u32, usize> = BTreeMap::new();
    for w in widths.iter().filter(|w| w.fract() == 0.0) {
        *counts.entry(w.to_bits()).or_default() += 1;
    }
    // Ties go to the narrower width, so the choice does not depend on map order.
    let default = counts
        .iter()
        .max_by(|a, b| a.1.cmp(b.1).then(f32::from_bits(*b.0).total_cmp(&f32::from_bits(*a.0))))
        .map_or(1000.0, |(w, _)| f32::from_bits(*w));
    let mut runs: Vec<(u16, Vec<f32>)> = Vec::new();
    for (cid, &w) in widths.iter().enumerate() {
        if w == default {
            continue;
        }
        match runs.last_mut() {
            Some((first, run)) if usize::from(*first) + run.len() == cid => run.push(w),
            _ => runs.push((cid as u16, vec![w])),
        }
    }
    (default, runs)
}

/// Six capital letters that name the subset, from the face and the glyphs in it: the same
/// glyphs give the same tag, so the file is the same for the same input.
fn tag(postscript_name: &str, glyphs: &[u16]) -> [u8; 6] {
    let mut hash = crate::Fnv::new();
    hash.write(postscript_name.as_bytes());
    for g in glyphs {
        hash.write(&g.to_le_bytes());
    }
    let mut n = hash.finish();
    let mut tag = [b'A'; 6];
    for letter in &mut tag {
        *letter = b'A' + (n % 26) as u8;
        n /= 26;
    }
    tag
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn widths_list_only_the_exceptions() {
        let (dw, runs) = widths(&[500.0, 1000.0, 1000.0, 250.0, 333.0, 1000.0, 500.0]);
        assert_eq!(dw, 1000.0);
        assert_eq!(runs, vec![(0, vec![500.0]), (3, vec![250.0, 333.0]), (6, vec![500.0])]);
        assert_eq!(widths(&[]), (1000.0, vec![]));
        // The default is a whole number; fractions are listed even when most common.
        let (dw, runs) = widths(&[1000.0, 1000.0, 722.17, 722.17, 722.17, 250.0]);
        assert_eq!(dw, 1000.0);
        assert_eq!(runs, vec![(2, vec![722.17, 722.17, 722.17, 250.0])]);
        assert_eq!(widths(&[722.17, 500.0, 500.0, 722.17, 722.17]).0, 500.0);
    }

    #[test]
    fn unicode_maps_pair_each_glyph_with_its_character() {
        let chars = [None, Some('0'), Some('1'), Some('2'), Some('一'), Some('七'), Some('😀')];
        let cmap = String::from_utf8(unicode_cmap(&chars)).unwrap();
        let singles = "3 beginbfchar\n<0004><4E00>\n<0005><4E03>\n<0006><D83DDE00>\nendbfchar";
        assert!(cmap.contains(singles), "{cmap}");
        assert!(cmap.contains("1 beginbfrange\n<0001><0003><0030>\nendbfrange"), "{cmap}");
        // U+4DFF, 一 (U+4E00) and 丁 (U+4E01) are neighbours in both, but a range may not
        // cross from glyph 0x00FF to 0x0100.
        let mut long = vec![None; 0x100];
        long.extend([Some('一'), Some('丁')]);
        long[0xff] = Some('\u{4DFF}');
        let cmap = String::from_utf8(unicode_cmap(&long)).unwrap();
        assert!(cmap.contains("<00FF><4DFF>"), "{cmap}");
        assert!(cmap.contains("<0100><0101><4E00>"), "{cmap}");
    }

    #[test]
    fn tags_are_capital_letters_and_follow_the_glyph_set() {
        let a = tag("FandolFang-Regular", &[0, 5, 9]);
        assert!(a.iter().all(u8::is_ascii_uppercase));
        assert_eq!(a, tag("FandolFang-Regular", &[0, 5, 9]));
        assert_ne!(a, tag("FandolFang-Regular", &[0, 5, 10]));
    }
}
