//! The glyphs of seed-002 in FandolFang-Regular: the fast path (copying charstrings) against
//! the `subsetter` crate, which the fallback uses (and krilla, which the PDF writer used first).

use criterion::{Criterion, criterion_group, criterion_main};
use gongwen_subset::{FontProgram, subset};
use skrifa::MetadataProvider;
use skrifa::raw::FontRef;

/// .notdef, then the glyph of each distinct character of seed-002 in order of first use.
fn seed_002_glyphs(data: &[u8]) -> Vec<u16> {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../../samples/seed-002.txt");
    let text = std::fs::read_to_string(path).expect("sample exists");
    let charmap = FontRef::new(data).expect("bundled font reads").charmap();
    let mut glyphs = vec![0];
    for glyph in text.chars().filter_map(|ch| charmap.map(ch)) {
        let glyph = u16::try_from(glyph.to_u32()).expect("a 16-bit glyph id");
        if !glyphs.contains(&glyph) {
            glyphs.push(glyph);
        }
    }
    glyphs
}

fn fandol_fang(c: &mut Criterion) {
    let data = gongwen_fonts::bundled("FandolFang-Regular").expect("bundled").data;
    let glyphs = seed_002_glyphs(data);
    let mut remapper = subsetter::GlyphRemapper::new();
    for &glyph in &glyphs {
        remapper.remap(glyph);
    }

    let Ok(FontProgram::Cff(fast)) = subset(data, 0, &glyphs) else { panic!("a CFF subset") };
    let slow = subsetter::subset(data, 0, &remapper).expect("subsetter subsets");
    let slow_cff = FontRef::new(&slow)
        .ok()
        .and_then(|font| font.table_data(skrifa::raw::types::Tag::new(b"CFF ")))
        .map_or(0, |table| table.len());
    eprintln!(
        "FandolFang-Regular, {} glyphs of seed-002: fast path CFF {} bytes; \
         subsetter OpenType {} bytes, its CFF table {} bytes",
        glyphs.len(),
        fast.len(),
        slow.len(),
        slow_cff
    );

    c.bench_function("subset/FandolFang seed-002 (fast path)", |b| {
        b.iter(|| subset(data, 0, &glyphs).expect("subset"))
    });
    c.bench_function("subset/FandolFang seed-002 (subsetter)", |b| {
        b.iter(|| subsetter::subset(data, 0, &remapper).expect("subset"))
    });
}

criterion_group!(benches, fandol_fang);
criterion_main!(benches);
