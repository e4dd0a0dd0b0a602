//! Glyphs converted once per process. Drawing a glyph through skrifa and splitting its
//! curves into quadratics is most of what a fresh OFD costs, and a batch or a server
//! writes the same faces' glyphs again and again; so each converted glyph is kept, keyed
//! by the face's font data (the `Arc` the [`FontBook`](gongwen_layout::FontBook) shares)
//! and the glyph id, for as long as that data lives anywhere else. The cache holds a weak
//! reference, so the allocation behind the key cannot be reused for other data while an
//! entry names it, and a face whose data has been dropped loses its entries on the next
//! write. It grows with the glyphs written, at most every glyph of the live faces.

use std::collections::HashMap;
use std::sync::{Arc, Mutex, PoisonError, Weak};

use gongwen_layout::Face;
use skrifa::FontRef;

use crate::truetype::{self, Glyph, Source};

/// One face's converted glyphs.
struct Converted {
    data: Weak<dyn AsRef<[u8]> + Send + Sync>,
    index: u32,
    glyphs: HashMap<u16, Arc<Glyph>>,
}

/// Every face's converted glyphs. Writers on several threads take turns converting; a
/// glyph already converted is a lookup.
static FACES: Mutex<Vec<Converted>> = Mutex::new(Vec::new());

/// Glyphs `ids` of `face` (read as `font`), converted now or earlier.
pub(crate) fn glyphs(face: &Face, font: &FontRef, ids: &[u16]) -> Vec<Arc<Glyph>> {
    // A panic while converting leaves only whole entries behind, so the lock's poison
    // is harmless.
    let mut faces = FACES.lock().unwrap_or_else(PoisonError::into_inner);
    faces.retain(|f| f.data.strong_count() > 0);
    let data = face.data();
    let at = faces
        .iter()
        .position(|f| {
            f.index == face.index() && std::ptr::addr_eq(f.data.as_ptr(), Arc::as_ptr(data))
        })
        .unwrap_or_else(|| {
            faces.push(Converted {
                data: Arc::downgrade(data),
                index: face.index(),
                glyphs: HashMap::new(),
            });
            faces.len() - 1
        });
    let cache = &mut faces[at].glyphs;
    let mut source = None;
    ids.iter()
        .map(|&id| {
            let glyph = cache.entry(id).or_insert_with(|| {
                Arc::new(truetype::glyph(source.get_or_insert_with(|| Source::new(font)), id))
            });
            Arc::clone(glyph)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use gongwen_layout::FontBook;
    use skrifa::MetadataProvider;

    fn is_cached(data: &Weak<dyn AsRef<[u8]> + Send + Sync>) -> bool {
        let faces = FACES.lock().unwrap_or_else(PoisonError::into_inner);
        faces.iter().any(|f| std::ptr::addr_eq(f.data.as_ptr(), data.as_ptr()))
    }

    #[test]
    fn a_cached_glyph_is_the_one_converted_and_goes_with_its_font() {
        let kai = gongwen_fonts::bundled("FandolKai-Regular").unwrap().data;
        let mut book = FontBook::new();
        // Data of its own, not shared with other tests' books.
        let id = book.add(Arc::new(kai.to_vec()), 0).unwrap();
        let face = &book.faces()[id.index()];
        let font = FontRef::new(kai).unwrap();
        let gong = font.charmap().map('公').unwrap().to_u32() as u16;
        let first = glyphs(face, &font, &[0, gong]);
        let again = glyphs(face, &font, &[gong]);
        assert!(Arc::ptr_eq(&first[1], &again[0]), "converted once");
        let fresh = truetype::glyph(&Source::new(&font), gong);
        assert_eq!(format!("{:?}", *again[0]), format!("{fresh:?}"));

        let weak = Arc::downgrade(face.data());
        assert!(is_cached(&weak));
        drop(book);
        // The next write, of any face, lets the dropped one go.
        let mut book = FontBook::new();
        let id = book.add(Arc::new(kai.to_vec()), 0).unwrap();
        glyphs(&book.faces()[id.index()], &font, &[gong]);
        assert!(!is_cached(&weak), "the dropped font's glyphs are let go");
    }
}
