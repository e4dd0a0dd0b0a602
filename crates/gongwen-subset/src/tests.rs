//! Every bundled face subset with the characters of every sample: each new glyph must draw
//! the old glyph's outline with the old advance, read back by an independent parser
//! (read-fonts for CFF, skrifa for TrueType).

use super::*;
use gongwen_fonts::{BUNDLED, BundledFont};
use skrifa::instance::{LocationRef, Size};
use skrifa::outline::DrawSettings;
use skrifa::raw::model::pen::PathElement;
use skrifa::raw::ps::cff::CffFontRef;
use skrifa::raw::{FontData, FontRead};
use skrifa::{GlyphId, MetadataProvider};

fn samples() -> Vec<(String, String)> {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/../../samples");
    let mut samples: Vec<_> = std::fs::read_dir(dir)
        .expect("samples/ exists")
        .map(|entry| entry.expect("readable entry").path())
        .filter(|path| path.extension().is_some_and(|ext| ext == "txt"))
        .filter(|path| path.file_name().is_some_and(|n| n.to_string_lossy().starts_with("seed-")))
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

/// The Top DICT's strings by operator, ROS as its registry-ordering-supplement.
fn top_dict_strings(cff: &[u8]) -> Vec<(String, String)> {
    use skrifa::raw::ps::cff::dict::{Entry, entries};
    use skrifa::raw::ps::cff::v1::Cff;
    let cff = Cff::read(FontData::new(cff)).expect("the CFF reads");
    let top = cff.top_dicts().get(0).expect("a Top DICT");
    let string = |sid| String::from_utf8_lossy(cff.string(sid).expect("a valid SID")).into_owned();
    entries(top, None)
        .filter_map(|entry| match entry.expect("the Top DICT reads") {
            Entry::Ros { registry, ordering, supplement } => {
                let ros = format!("{}-{}-{}", string(registry), string(ordering), supplement);
                Some(("ROS".to_owned(), ros))
            }
            Entry::Version(sid) => Some(("Version".to_owned(), string(sid))),
            Entry::Notice(sid) => Some(("Notice".to_owned(), string(sid))),
            Entry::Copyright(sid) => Some(("Copyright".to_owned(), string(sid))),
            Entry::FullName(sid) => Some(("FullName".to_owned(), string(sid))),
            Entry::FamilyName(sid) => Some(("FamilyName".to_owned(), string(sid))),
            Entry::Weight(sid) => Some(("Weight".to_owned(), string(sid))),
            _ => None,
        })
        .collect()
}

#[test]
fn the_top_dict_keeps_its_strings_and_names_identity_cids() {
    for font in BUNDLED.iter().filter(|f| f.postscript_name.starts_with("Fandol")) {
        let Ok(FontProgram::Cff(cff)) = subset(font.data, 0, &[0, 1, 2]) else { panic!("a CFF") };
        let mut old = top_dict_strings(cff_table(font));
        assert_eq!(old[0], ("ROS".to_owned(), "Adobe-GB1-5".to_owned()));
        old[0].1 = "Adobe-Identity-0".to_owned();
        assert_eq!(top_dict_strings(&cff), old, "{}", font.postscript_name);
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

fn assert_truetype_glyphs_kept(old: &FontRef, subset: &[u8], glyphs: &[u16], what: &str) {
    let new = FontRef::new(subset).expect(what);
    for (i, &glyph) in glyphs.iter().enumerate() {
        let (old_path, old_advance) = sfnt_glyph(old, glyph);
        assert!(old_advance.is_some(), "{what}: hmtx has glyph {glyph}");
        assert_eq!(sfnt_glyph(&new, i as u16), (old_path, old_advance), "{what}: glyph {i}");
    }
}

/// Traditional characters no Fandol face has, which the bundled fallback face carries.
const FALLBACK_ONLY: &str = "強為產別屆沖決黃潛兌搖線夠繡爭";

#[test]
fn every_bundled_face_keeps_every_sample_glyph() {
    let samples = samples();
    for font in BUNDLED {
        for (name, text) in &samples {
            let what = format!("{} with {name}", font.postscript_name);
            // The fallback face holds only what Fandol lacks: give it some of that too.
            let text = format!("{text}{FALLBACK_ONLY}");
            let glyphs = glyphs_for(font.data, &text);
            assert!(glyphs.len() > 10, "{what}: the sample has glyphs in this face");
            match subset(font.data, 0, &glyphs).expect(&what) {
                FontProgram::Cff(cff) => {
                    assert_cff_glyphs_kept(cff_table(font), &cff, &glyphs, &what)
                }
                FontProgram::TrueType(ttf) => assert_truetype_glyphs_kept(
                    &FontRef::new(font.data).unwrap(),
                    &ttf,
                    &glyphs,
                    &what,
                ),
            }
        }
    }
}

#[test]
fn every_bundled_cff_face_takes_the_fast_path_and_liberation_the_fallback() {
    // seed-003 is in traditional characters, many of which only the fallback face has.
    let text = &samples()[3].1;
    for font in BUNDLED {
        let glyphs = glyphs_for(font.data, text);
        let program = subset(font.data, 0, &glyphs).unwrap();
        if font.postscript_name.starts_with("Liberation") {
            assert!(matches!(program, FontProgram::TrueType(_)), "{}", font.postscript_name);
        } else {
            // Fandol, and the fallback face, whose subroutines its build inlines.
            assert!(glyphs.len() > 10, "{}: {} glyphs", font.postscript_name, glyphs.len());
            let fast = cff::subset(cff_table(font), &glyphs).unwrap();
            assert_eq!(Some(program), fast.map(FontProgram::Cff), "{}", font.postscript_name);
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

/// A small CID-keyed CFF written by hand: four glyphs over two Font DICTs with different
/// widths (glyph 0 and 3 use the first, 1 and 2 the second). Glyph 2 calls local subroutine
/// 0 when `fd1_subrs` is set.
fn synthetic_cff(ros: bool, global_subrs: &[&[u8]], fd1_subrs: bool) -> Vec<u8> {
    fn index(objects: &[&[u8]]) -> Vec<u8> {
        if objects.is_empty() {
            return vec![0, 0];
        }
        let mut out = (objects.len() as u16).to_be_bytes().to_vec();
        out.push(4);
        let mut offset = 1u32;
        out.extend_from_slice(&offset.to_be_bytes());
        for object in objects {
            offset += object.len() as u32;
            out.extend_from_slice(&offset.to_be_bytes());
        }
        objects.iter().for_each(|o| out.extend_from_slice(o));
        out
    }
    fn int(value: usize) -> Vec<u8> {
        let mut out = vec![29];
        out.extend_from_slice(&(value as u32).to_be_bytes());
        out
    }
    let top = |charset: usize, charstrings: usize, fd_select: usize, fd_array: usize| {
        let mut dict = Vec::new();
        if ros {
            dict.extend([int(391), int(392), int(0), vec![12, 30]].concat());
        }
        dict.extend([int(4), vec![12, 34], int(77), vec![13], int(charset), vec![15]].concat());
        dict.extend([int(charstrings), vec![17], int(fd_select), vec![12, 37]].concat());
        dict.extend([int(fd_array), vec![12, 36]].concat());
        dict
    };
    // Small integers are one byte, v + 139; rmoveto 21, rlineto 5, callsubr 10, endchar 14.
    let n = |v: i32| (v + 139) as u8;
    let glyph2: &[u8] = if fd1_subrs {
        &[n(5), n(5), 21, n(-107), 10, 14]
    } else {
        &[n(5), n(5), 21, n(40), n(40), 5, 14]
    };
    let charstrings = index(&[
        &[14],
        &[n(50), n(10), n(20), 21, n(30), n(0), 5, 14],
        glyph2,
        &[n(-20), n(1), n(2), 21, n(3), n(4), 5, 14],
    ]);
    let subr = [n(40), n(40), 5, 11];
    let private0 = [int(500), vec![20], int(100), vec![21]].concat();
    let mut private1 = [int(600), vec![20], int(200), vec![21]].concat();
    if fd1_subrs {
        private1.extend([int(private1.len() + 6), vec![19]].concat());
    }

    let head = [vec![1, 0, 4, 4], index(&[b"Test"])].concat();
    let strings = index(&[b"Adobe", b"Identity"]);
    let global_subrs = index(global_subrs);
    let charset_at =
        head.len() + index(&[&top(0, 0, 0, 0)]).len() + strings.len() + global_subrs.len();
    let charset = [0, 0, 1, 0, 2, 0, 3];
    let fd_select_at = charset_at + charset.len();
    let fd_select = [0, 0, 1, 1, 0];
    let charstrings_at = fd_select_at + fd_select.len();
    let fd_array_at = charstrings_at + charstrings.len();
    let private0_at = fd_array_at + index(&[&[0; 11], &[0; 11]]).len();
    let private1_at = private0_at + private0.len();
    let font_dict = |private: &[u8], at: usize| [int(private.len()), int(at), vec![18]].concat();
    let fd_array = index(&[&font_dict(&private0, private0_at), &font_dict(&private1, private1_at)]);
    let mut cff =
        [head, index(&[&top(charset_at, charstrings_at, fd_select_at, fd_array_at)])].concat();
    for part in [&strings, &global_subrs, &charset[..].to_vec(), &fd_select[..].to_vec()] {
        cff.extend_from_slice(part);
    }
    for part in [charstrings, fd_array, private0, private1] {
        cff.extend(part);
    }
    if fd1_subrs {
        cff.extend(index(&[&subr]));
    }
    cff
}

#[test]
fn font_dicts_are_kept_and_renumbered_with_their_widths() {
    let cff = synthetic_cff(true, &[], false);
    for glyphs in [&[0, 3, 1, 2][..], &[0, 2, 1], &[0, 3], &[0, 1]] {
        let subset = cff::subset(&cff, glyphs).unwrap().expect("the fast path");
        let what = format!("glyphs {glyphs:?}");
        assert_cff_glyphs_kept(&cff, &subset, glyphs, &what);
        let used = if glyphs.iter().any(|&g| g == 1 || g == 2) { 2 } else { 1 };
        assert_eq!(CffFontRef::new(&subset, 0, None).unwrap().num_subfonts(), used, "{what}");
    }
}

#[test]
fn subroutines_a_kept_glyph_may_call_send_the_font_to_subsetter() {
    let with_subrs = synthetic_cff(true, &[], true);
    assert!(cff::subset(&with_subrs, &[0, 1, 2]).unwrap().is_none(), "glyph 2 calls a subr");
    // Glyphs 0 and 3 use the Font DICT without subroutines.
    let subset = cff::subset(&with_subrs, &[0, 3]).unwrap().expect("the fast path");
    assert_cff_glyphs_kept(&with_subrs, &subset, &[0, 3], "no subrs used");
    let global_subrs = synthetic_cff(true, &[&[11]], false);
    assert!(cff::subset(&global_subrs, &[0, 3]).unwrap().is_none(), "global subrs");
    let name_keyed = synthetic_cff(false, &[], false);
    assert!(cff::subset(&name_keyed, &[0, 3]).unwrap().is_none(), "no ROS");
}
