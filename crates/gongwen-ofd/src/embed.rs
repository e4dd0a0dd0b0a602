//! The faces the pages draw with, each as a TrueType subset: glyphs renumbered 1, 2, 3 …
//! in the order of their characters (.notdef first), as the PDF numbers them.

use std::collections::{BTreeMap, HashMap};

use gongwen_layout::{Face as BookFace, FaceId, FontBook, Page};
use skrifa::FontRef;

use crate::truetype::{self, Glyph};
use crate::{OfdError, cache};

/// One face as used by the pages.
pub(crate) struct Used {
    /// The font's ID in the document's resources.
    pub id: u32,
    pub names: truetype::Names,
    /// The TrueType program.
    pub program: Vec<u8>,
}

impl Used {
    /// The file name under `Res/`: the family, as installed fonts are named.
    pub fn file_name(&self) -> String {
        let safe: String = self
            .names
            .postscript
            .chars()
            .map(|c| if c.is_ascii_alphanumeric() || c == '-' { c } else { '_' })
            .collect();
        format!("font_{}_{safe}.ttf", self.id)
    }
}

/// What a page's content needs of a face before the subsets are made.
pub(crate) struct Face {
    /// Ascent and descent (positive) in ems, as the PDF's font descriptor gives them.
    pub ascent: f32,
    pub descent: f32,
    pub units_per_em: u16,
}

/// The glyphs the pages draw, page by page, with what their content needs of each face:
/// a face read once, when it first appears.
pub(crate) struct Usage<'f> {
    fonts: &'f FontBook,
    /// Old glyph id → every character it draws.
    seen: BTreeMap<FaceId, BTreeMap<u16, Vec<char>>>,
    /// `None` for a face that cannot be read; the subsets then fail with its name.
    faces: HashMap<FaceId, Option<Face>>,
}

impl<'f> Usage<'f> {
    pub(crate) fn new(fonts: &'f FontBook) -> Usage<'f> {
        Usage { fonts, seen: BTreeMap::new(), faces: HashMap::new() }
    }

    /// Records the glyphs `page` draws.
    pub(crate) fn add(&mut self, page: &Page) {
        for run in page.lines.iter().flat_map(|l| &l.runs) {
            let glyphs = self.seen.entry(run.face).or_default();
            for g in &run.glyphs {
                let chars = glyphs.entry(g.id).or_default();
                if !chars.contains(&g.ch) {
                    chars.push(g.ch);
                }
            }
            let fonts = self.fonts;
            self.faces.entry(run.face).or_insert_with(|| {
                let (_, font) = open(fonts, run.face).ok()?;
                let metrics = truetype::metrics(&font);
                let em = f32::from(metrics.units_per_em);
                Some(Face {
                    ascent: f32::from(metrics.ascent) / em,
                    descent: -f32::from(metrics.descent) / em,
                    units_per_em: metrics.units_per_em,
                })
            });
        }
    }

    /// The face `id`, once a page has drawn with it, if it can be read.
    pub(crate) fn face(&self, id: FaceId) -> Option<&Face> {
        self.faces.get(&id)?.as_ref()
    }

    /// The outline's box of glyph `glyph` of face `id` (x_min, y_min, x_max, y_max).
    pub(crate) fn bbox(&self, id: FaceId, glyph: u16) -> Option<[i16; 4]> {
        let (face, font) = open(self.fonts, id).ok()?;
        Some(cache::glyphs(face, &font, &[glyph]).first()?.bbox)
    }

    /// Every face the pages drew text with, subset, with its font id from `ids`, in the
    /// order of the ids (the order the pages first drew with them).
    pub(crate) fn into_used(self, ids: &HashMap<FaceId, u32>) -> Result<Vec<Used>, OfdError> {
        let mut out = Vec::with_capacity(self.seen.len());
        for (face_id, glyphs) in self.seen {
            // A face whose runs drew no text object (a page number's dashes are rules).
            let Some(&id) = ids.get(&face_id) else { continue };
            let (face, font) = open(self.fonts, face_id)?;
            out.push(subset(face, &font, &glyphs, id));
        }
        out.sort_by_key(|u| u.id);
        Ok(out)
    }
}

/// Face `id` of `fonts`, read.
fn open(fonts: &FontBook, id: FaceId) -> Result<(&BookFace, FontRef<'_>), OfdError> {
    let face =
        fonts.faces().get(id.index()).ok_or_else(|| OfdError::Font(format!("#{}", id.index())))?;
    let font = FontRef::from_index((**face.data()).as_ref(), face.index())
        .map_err(|_| OfdError::Font(face.postscript_name().to_string()))?;
    Ok((face, font))
}

/// `face` subset to `glyphs` (old glyph id → the characters it draws), as font `id`.
fn subset(face: &BookFace, font: &FontRef, glyphs: &BTreeMap<u16, Vec<char>>, id: u32) -> Used {
    let mut order: Vec<(char, u16)> = glyphs
        .iter()
        .filter(|&(&id, _)| id != 0)
        .map(|(&id, chars)| (chars.iter().copied().min().unwrap_or('\0'), id))
        .collect();
    order.sort_unstable();
    let mut cmap: Vec<(char, u16)> = Vec::with_capacity(order.len());
    let mut old_ids = Vec::with_capacity(order.len() + 1);
    old_ids.push(0);
    for &(_, old) in &order {
        let new = old_ids.len() as u16;
        old_ids.push(old);
        cmap.extend(glyphs[&old].iter().map(|&c| (c, new)));
    }
    cmap.sort_unstable();
    cmap.dedup_by_key(|c| c.0);
    let outlines = cache::glyphs(face, font, &old_ids);
    let postscript: String =
        face.postscript_name().chars().filter(|c| c.is_ascii_graphic()).collect();
    let names = truetype::names(font, &postscript, face.is_bold());
    let metrics = truetype::metrics(font);
    let refs: Vec<&Glyph> = outlines.iter().map(|g| &**g).collect();
    let program = truetype::font(&refs, &cmap, &names, &metrics);
    Used { id, names, program }
}
