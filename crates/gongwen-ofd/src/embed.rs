//! The faces the pages draw with, each as a TrueType subset: glyphs renumbered 1, 2, 3 …
//! in the order of their characters (.notdef first), as the PDF numbers them.

use std::collections::{BTreeMap, HashMap};
use std::sync::Arc;

use gongwen_layout::{FaceId, FontBook, Layout};
use skrifa::FontRef;

use crate::truetype::{self, Glyph, Metrics};
use crate::{OfdError, cache};

/// One face as used by the pages.
pub(crate) struct Used {
    pub face: FaceId,
    /// The font's ID in the document's resources.
    pub id: u32,
    /// Old glyph id → new glyph id.
    pub glyphs: HashMap<u16, u16>,
    /// The new glyphs' outlines, .notdef first.
    pub outlines: Vec<Arc<Glyph>>,
    pub metrics: Metrics,
    pub names: truetype::Names,
    /// The TrueType program.
    pub program: Vec<u8>,
    /// Ascent and descent (positive) in ems, as the PDF's font descriptor gives them.
    pub ascent: f32,
    pub descent: f32,
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

/// Every face the layout draws with, in face order, subset; font ids count from `first_id`.
pub(crate) fn collect(
    layout: &Layout,
    fonts: &FontBook,
    first_id: u32,
) -> Result<Vec<Used>, OfdError> {
    // Old glyph id → every character it draws.
    let mut seen: BTreeMap<FaceId, BTreeMap<u16, Vec<char>>> = BTreeMap::new();
    for run in layout.pages.iter().flat_map(|p| &p.lines).flat_map(|l| &l.runs) {
        let glyphs = seen.entry(run.face).or_default();
        for g in &run.glyphs {
            let chars = glyphs.entry(g.id).or_default();
            if !chars.contains(&g.ch) {
                chars.push(g.ch);
            }
        }
    }
    let mut out = Vec::with_capacity(seen.len());
    for (i, (face_id, glyphs)) in seen.into_iter().enumerate() {
        let face = fonts
            .faces()
            .get(face_id.index())
            .ok_or_else(|| OfdError::Font(format!("#{}", face_id.index())))?;
        let font = FontRef::from_index((**face.data()).as_ref(), face.index())
            .map_err(|_| OfdError::Font(face.postscript_name().to_string()))?;
        let mut order: Vec<(char, u16)> = glyphs
            .iter()
            .filter(|&(&id, _)| id != 0)
            .map(|(&id, chars)| (chars.iter().copied().min().unwrap_or('\0'), id))
            .collect();
        order.sort_unstable();
        let mut renumber = HashMap::with_capacity(order.len() + 1);
        renumber.insert(0, 0);
        let mut cmap: Vec<(char, u16)> = Vec::with_capacity(order.len());
        let mut old_ids = Vec::with_capacity(order.len() + 1);
        old_ids.push(0);
        for &(_, old) in &order {
            let new = old_ids.len() as u16;
            renumber.insert(old, new);
            old_ids.push(old);
            cmap.extend(glyphs[&old].iter().map(|&c| (c, new)));
        }
        cmap.sort_unstable();
        cmap.dedup_by_key(|c| c.0);
        let outlines = cache::glyphs(face, &font, &old_ids);
        let postscript: String =
            face.postscript_name().chars().filter(|c| c.is_ascii_graphic()).collect();
        let names = truetype::names(&font, &postscript, face.is_bold());
        let metrics = truetype::metrics(&font);
        let refs: Vec<&Glyph> = outlines.iter().map(|g| &**g).collect();
        let program = truetype::font(&refs, &cmap, &names, &metrics);
        let em = f32::from(metrics.units_per_em);
        let (ascent, descent) = (f32::from(metrics.ascent) / em, -f32::from(metrics.descent) / em);
        out.push(Used {
            face: face_id,
            id: first_id + i as u32,
            glyphs: renumber,
            outlines,
            metrics,
            names,
            program,
            ascent,
            descent,
        });
    }
    Ok(out)
}
