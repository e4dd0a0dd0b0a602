//! Free fonts for the GB/T 9704 roles, compiled into the binary.
//!
//! A PDF must come out right on a machine with no Chinese fonts installed, so the free
//! stand-ins named in the default style profile ship here as bytes: the Fandol family
//! (GPL with the font exception, so documents embedding them stay free of the GPL) for the
//! four Chinese roles and Liberation Serif (OFL) for digits and Latin letters. Where each
//! file came from is in `fonts/README.md`, each license beside its font.
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
/// then the Latin faces.
// A static, not a const: every crate that names a const gets its own copy of the
// 31 MB of font data in the binary.
pub static BUNDLED: &[BundledFont] = bundled![
    "FandolFang-Regular" => "FandolFang-Regular.otf",
    "FandolSong-Regular" => "FandolSong-Regular.otf",
    "FandolSong-Bold" => "FandolSong-Bold.otf",
    "FandolHei-Regular" => "FandolHei-Regular.otf",
    "FandolKai-Regular" => "FandolKai-Regular.otf",
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
}
