//! Every bundled face subset with the characters of every sample: each new glyph must draw
//! the old glyph's outline with the old advance, read back by an independent parser
//! (read-fonts for CFF, skrifa for TrueType).

use super::*;
use gongwen_fonts::{BUNDLED, BundledFont};
use skrifa::instance::{LocationRef, Size};
use skrifa::outline::DrawSettings;
use skrifa::raw::model::pen::PathElement;
use skrifa::raw::ps::cff::CffFontRef;
use skrifa::{GlyphId, MetadataProvider};

fn samples() -> Vec<(String, String)> {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/../../samples");
    let mut samples: Vec<_> = std::fs::read_dir(dir)
        .expect("samples/ exists")
        .map(|entry| entry.expect("readable entry").path())
        .filter(|path| path.extension().is_some_and(|ext| ext == "txt"))
        .map(|path| {
            let name = path.file_name().unwrap().to_string_lossy().into_owned();
            (name, std::fs::read_to_string(&path).expect("a UTF-8 sample"))
        })
        .collect();
    samples.sort();
    assert_eq!(samples.len(), 5, "the five seed speeches");
    samples
}

/// .notdef, then the glyph of each distinct character in order of first use (so the new
/// order is not the old one).
fn glyphs_for(data: &[u8], text: &str) -> Vec<u16> {
    let charmap = FontRef::new(data).expect("bundled font reads").charmap();
    let mut glyphs = vec![0];
    for ch in text.chars() {
        if let Some(glyph) = charmap.map(ch).and_then(|g| u16::try_from(g.to_u32()).ok())
            && !glyphs.contains(&glyph)
        {
            glyphs.push(glyph);
        }
    }
    glyphs
}

fn cff_table(font: &BundledFont) -> &'static [u8] {
    FontRef::new(font.data).unwrap().table_data(CFF).expect("a CFF font").as_bytes()
}

/// The outline (font units) and advance of a glyph of a bare CFF.
fn cff_glyph(cff: &CffFontRef, glyph: u16) -> (Vec<PathElement>, Option<f32>) {
    let gid = GlyphId::new(u32::from(glyph));
    let fd = cff.subfont_index(gid).expect("the FDSelect covers the glyph");
    let subfont = cff.subfont(fd, &[]).expect("the Font DICT reads");
    let mut path = Vec::new();
    let width = cff.draw(&subfont, gid, &[], None, &mut path).expect("the charstring draws");
    (path, width)
}

/// Checks that new glyph i of the bare CFF `subset` draws old glyph `glyphs[i]` of `original`.
fn assert_cff_glyphs_kept(original: &[u8], subset: &[u8], glyphs: &[u16], what: &str) {
    let old = CffFontRef::new(original, 0, None).unwrap();
    let new = CffFontRef::new(subset, 0, None).expect(what);
    assert!(new.is_cid(), "{what}: CID-keyed");
    assert_eq!(new.num_glyphs() as usize, glyphs.len(), "{what}");
    let charset = new.charset().expect("a charset");
    for (i, &glyph) in glyphs.iter().enumerate() {
        let cid = charset.string_id(GlyphId::new(i as u32)).expect("every glyph has a CID");
        assert_eq!(usize::from(cid.to_u16()), i, "{what}: glyph {i} is CID {i}");
        let (old_path, old_width) = cff_glyph(&old, glyph);
        let (new_path, new_width) = cff_glyph(&new, i as u16);
        assert_eq!(new_path, old_path, "{what}: glyph {i} (old {glyph})");
        assert!(old_width.is_some(), "{what}: every charstring or Private DICT has a width");
        assert_eq!(new_width, old_width, "{what}: advance of glyph {i} (old {glyph})");
    }
}

fn sfnt_glyph(font: &FontRef, glyph: u16) -> (Vec<PathElement>, Option<f32>) {
    let gid = GlyphId::new(u32::from(glyph));
    let mut path = Vec::new();
    let settings = DrawSettings::unhinted(Size::unscaled(), LocationRef::default());
    font.outline_glyphs().get(gid).expect("an outline").draw(settings, &mut path).unwrap();
    let advance = font.glyph_metrics(Size::unscaled(), LocationRef::default()).advance_width(gid);
    (path, advance)
}

fn assert_truetype_glyphs_kept(original: &[u8], subset: &[u8], glyphs: &[u16], what: &str) {
    let (old, new) = (FontRef::new(original).unwrap(), FontRef::new(subset).expect(what));
    for (i, &glyph) in glyphs.iter().enumerate() {
        let (old_path, old_advance) = sfnt_glyph(&old, glyph);
        assert!(old_advance.is_some(), "{what}: hmtx has glyph {glyph}");
        assert_eq!(sfnt_glyph(&new, i as u16), (old_path, old_advance), "{what}: glyph {i}");
    }
}

#[test]
fn every_bundled_face_keeps_every_sample_glyph() {
    let samples = samples();
    for font in BUNDLED {
        for (name, text) in &samples {
            let what = format!("{} with {name}", font.postscript_name);
            let glyphs = glyphs_for(font.data, text);
            assert!(glyphs.len() > 10, "{what}: the sample has glyphs in this face");
            match subset(font.data, 0, &glyphs).expect(&what) {
                FontProgram::Cff(cff) => {
                    assert_cff_glyphs_kept(cff_table(font), &cff, &glyphs, &what)
                }
                FontProgram::TrueType(ttf) => {
                    assert_truetype_glyphs_kept(font.data, &ttf, &glyphs, &what)
                }
            }
        }
    }
}

#[test]
fn fandol_takes_the_fast_path_and_liberation_the_fallback() {
    let text = &samples()[2].1;
    for font in BUNDLED {
        let glyphs = glyphs_for(font.data, text);
        let program = subset(font.data, 0, &glyphs).unwrap();
        if font.postscript_name.starts_with("Fandol") {
            let fast = cff::subset(cff_table(font), &glyphs).unwrap();
            assert_eq!(Some(program), fast.map(FontProgram::Cff), "{}", font.postscript_name);
        } else {
            assert!(matches!(program, FontProgram::TrueType(_)), "{}", font.postscript_name);
        }
    }
}

#[test]
fn fast_path_agrees_with_subsetter() {
    let fang = gongwen_fonts::bundled("FandolFang-Regular").unwrap();
    let glyphs = glyphs_for(fang.data, &samples()[2].1);
    let font = FontRef::new(fang.data).unwrap();
    let Ok(FontProgram::Cff(slow)) = fallback(fang.data, 0, &font, &glyphs) else {
        panic!("subsetter returns the CFF table");
    };
    let Ok(FontProgram::Cff(fast)) = subset(fang.data, 0, &glyphs) else { panic!("a CFF") };
    let (slow, fast) =
        (CffFontRef::new(&slow, 0, None).unwrap(), CffFontRef::new(&fast, 0, None).unwrap());
    for i in 0..glyphs.len() as u16 {
        assert_eq!(cff_glyph(&fast, i), cff_glyph(&slow, i), "glyph {i}");
    }
}

#[test]
fn only_notdef() {
    let fang = gongwen_fonts::bundled("FandolFang-Regular").unwrap();
    let Ok(FontProgram::Cff(cff)) = subset(fang.data, 0, &[0]) else { panic!("a CFF") };
    assert_cff_glyphs_kept(cff_table(fang), &cff, &[0], ".notdef alone");
}
