//! Glyphs converted once per process. Drawing a glyph through skrifa and splitting its
//! curves into quadratics is most of what a fresh OFD costs, and a batch or a server
//! writes the same faces' glyphs again and again; so each converted glyph is kept, keyed
//! by the face's font data (the `Arc` the [`FontBook`](gongwen_layout::FontBook) shares)
//! and the glyph id, for as long as that data lives anywhere else. The cache holds a weak
//! reference, so the allocation behind the key cannot be reused for other data while an
//! entry names it, and a face whose data has been dropped loses its entries on the next
//! write. It grows with the glyphs written, at most every glyph of the live faces.
//! A first write converts on all the machine's cores.

use std::collections::HashMap;
use std::sync::{Arc, Mutex, PoisonError, Weak};

use gongwen_layout::Face;
use skrifa::FontRef;

use crate::truetype::{self, Glyph, Pen, Source};

/// One face's converted glyphs.
struct Converted {
    data: Weak<dyn AsRef<[u8]> + Send + Sync>,
    index: u32,
    glyphs: HashMap<u16, Arc<Glyph>>,
}

/// Every face's converted glyphs. The lock is held to look glyphs up and to add them,
/// not while converting, so writers on several threads convert side by side (a glyph
/// two of them convert at once is kept once).
static FACES: Mutex<Vec<Converted>> = Mutex::new(Vec::new());

/// The fewest glyphs worth a thread of their own: below this, starting the thread costs
/// more than it saves.
const GLYPHS_PER_THREAD: usize = 64;

/// Glyphs `ids` of `face` (read as `font`), converted now or earlier.
pub(crate) fn glyphs(face: &Face, font: &FontRef, ids: &[u16]) -> Vec<Arc<Glyph>> {
    let mut missing: Vec<u16> = {
        let mut faces = lock();
        let cache = converted(&mut faces, face);
        ids.iter().copied().filter(|id| !cache.contains_key(id)).collect()
    };
    missing.sort_unstable();
    missing.dedup();
    let fresh = convert(font, &missing);
    let mut faces = lock();
    let cache = converted(&mut faces, face);
    for (id, glyph) in missing.into_iter().zip(fresh) {
        cache.entry(id).or_insert_with(|| Arc::new(glyph));
    }
    ids.iter().map(|id| Arc::clone(&cache[id])).collect()
}

fn lock() -> std::sync::MutexGuard<'static, Vec<Converted>> {
    // A panic while adding leaves only whole entries behind, so the lock's poison is
    // harmless.
    FACES.lock().unwrap_or_else(PoisonError::into_inner)
}

/// The cache of `face`, made now if it has none; the entries of dropped faces go.
fn converted<'a>(faces: &'a mut Vec<Converted>, face: &Face) -> &'a mut HashMap<u16, Arc<Glyph>> {
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
    &mut faces[at].glyphs
}

/// Converts glyphs `ids` of `font`, in order. A first write of a long document converts
/// hundreds of glyphs of its body face; they are shared out among the machine's cores,
/// each converting a run of them with its own reader and pen, and the runs joined in
/// order, so the result is the same whatever the number of threads.
fn convert(font: &FontRef, ids: &[u16]) -> Vec<Glyph> {
    let run = |ids: &[u16]| -> Vec<Glyph> {
        let source = Source::new(font);
        let mut pen = Pen::default();
        ids.iter().map(|&id| truetype::glyph(&source, id, &mut pen)).collect()
    };
    let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
    let threads = cores.min(ids.len() / GLYPHS_PER_THREAD).max(1);
    if threads == 1 {
        return run(ids);
    }
    std::thread::scope(|scope| {
        let handles: Vec<_> = ids
            .chunks(ids.len().div_ceil(threads))
            .map(|chunk| scope.spawn(move || run(chunk)))
            .collect();
        handles
            .into_iter()
            .flat_map(|h| h.join().unwrap_or_else(|panic| std::panic::resume_unwind(panic)))
            .collect()
    })
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
        let fresh = truetype::glyph(&Source::new(&font), gong, &mut Pen::default());
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
