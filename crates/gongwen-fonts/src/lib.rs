//! Free fonts for the GB/T 9704 roles, compiled into the binary.
//!
//! A PDF must come out right on a machine with no Chinese fonts installed, so the free
//! stand-ins named in the default style profile ship here as bytes: the Fandol family
//! (GPL with the font exception, so documents embedding them stay free of the GPL) for the
//! four Chinese roles and Liberation Serif (OFL) for digits and Latin letters. Where each
//! file came from is in `fonts/README.md`, each license beside its font.
//!
//! Fandol covers GB2312 and more, but not all of GB18030's CJK Unified Ideographs and
//! Extension A, nor Big5's traditional characters (強 為 產 …). Gongwen Fallback Serif
//! (7,514,448 bytes, SIL OFL 1.1) holds exactly those 19,671 characters, cut from Noto Serif
//! CJK SC by `tools/make-fallback.py` (fontTools), so none of them prints as a box on a
//! machine with no Chinese fonts. Its subroutines are inlined, as the Fandol faces have
//! none, so that the PDF writer subsets all of them the same fast way. What it lacks too (35 Big5 compatibility code points,
//! Extension B and later) is reported by the layout.
//!
//! ```
//! let fang = gongwen_fonts::BUNDLED.iter().find(|f| f.postscript_name == "FandolFang-Regular");
//! assert!(fang.is_some_and(|f| f.data.starts_with(b"OTTO")));
//! ```

/// One bundled font file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct BundledFont {
    /// The face's PostScript name, as the style profile's `stand_in` keys name it.
    pub postscript_name: &'static str,
    /// The file name under `fonts/`.
    pub file_name: &'static str,
    /// The whole font file.
    pub data: &'static [u8],
}

macro_rules! bundled {
    ($($name:literal => $file:literal),* $(,)?) => {
        &[$(BundledFont {
            postscript_name: $name,
            file_name: $file,
            data: include_bytes!(concat!("../fonts/", $file)),
        }),*]
    };
}

/// Every bundled face, in fallback order: body face first, then the other Chinese faces,
/// then the fallback face for the characters no Fandol face has, then the Latin faces.
// A static, not a const: every crate that names a const gets its own copy of the
// 39 MB of font data in the binary.
pub static BUNDLED: &[BundledFont] = bundled![
    "FandolFang-Regular" => "FandolFang-Regular.otf",
    "FandolSong-Regular" => "FandolSong-Regular.otf",
    "FandolSong-Bold" => "FandolSong-Bold.otf",
    "FandolHei-Regular" => "FandolHei-Regular.otf",
    "FandolKai-Regular" => "FandolKai-Regular.otf",
    "GongwenFallbackSerif-Regular" => "GongwenFallbackSerif-Regular.otf",
    "LiberationSerif" => "LiberationSerif-Regular.ttf",
    "LiberationSerif-Bold" => "LiberationSerif-Bold.ttf",
];

/// The bundled face with this PostScript name.
pub fn bundled(postscript_name: &str) -> Option<&'static BundledFont> {
    BUNDLED.iter().find(|f| f.postscript_name == postscript_name)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_face_is_an_sfnt_and_found_by_name() {
        for font in BUNDLED {
            let magic = &font.data[..4];
            assert!(magic == b"OTTO" || magic == [0, 1, 0, 0], "{}", font.file_name);
            assert_eq!(bundled(font.postscript_name), Some(font));
        }
        assert!(bundled("SimSun").is_none());
    }

    /// What the fallback face was made for: with it, every character of GB18030's CJK
    /// Unified Ideographs (U+4E00–9FFF) and Extension A (U+3400–4DBF) has a bundled glyph
    /// but the few Noto lacks too.
    #[test]
    fn bundled_faces_cover_the_cjk_blocks_of_gb18030() {
        use skrifa::MetadataProvider;
        let maps: Vec<_> = BUNDLED
            .iter()
            .map(|f| skrifa::FontRef::new(f.data).expect("parses").charmap())
            .collect();
        let missing: Vec<char> = (0x3400..0x4DC0)
            .chain(0x4E00..0xA000)
            .filter_map(char::from_u32)
            .filter(|&c| maps.iter().all(|m| m.map(c).is_none()))
            .collect();
        assert!(missing.len() < 40, "{} missing: {missing:?}", missing.len());
        for c in "強為產爭㐀䶵".chars() {
            assert!(!missing.contains(&c), "{c}");
        }
    }
}
