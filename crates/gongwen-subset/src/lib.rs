//! Font subsetting for the PDF writer, fast for the bundled Chinese fonts.
//!
//! The Fandol fonts are CID-keyed CFF with ~10,300 glyphs and no subroutines at all, so a
//! subset is the used charstrings copied byte for byte with the INDEXes and DICTs rebuilt
//! around them; nothing is decompiled. Every other font (TrueType outlines, name-keyed CFF,
//! CFF with subroutines, CFF2) goes through the `subsetter` crate.
//!
//! Measured with `cargo bench -p gongwen-subset` (criterion, release, two runs on a shared
//! 2-core machine) for the 534 distinct glyphs of `samples/seed-002.txt` in
//! FandolFang-Regular: the fast path takes 31–37 µs and writes a 292,533-byte CFF;
//! `subsetter` takes 10–13 ms for a 296,164-byte OpenType font whose CFF table is 293,045
//! bytes. With no subroutines to share, the charstrings are nearly all of either subset.
//!
//! ```
//! use gongwen_subset::{FontProgram, subset};
//! use skrifa::{MetadataProvider, raw::FontRef};
//!
//! let fang = gongwen_fonts::bundled("FandolFang-Regular").unwrap().data;
//! let charmap = FontRef::new(fang).unwrap().charmap();
//! // .notdef first, then the glyphs in the order the PDF will number them.
//! let mut glyphs = vec![0];
//! glyphs.extend("公文".chars().filter_map(|c| charmap.map(c)).map(|g| g.to_u32() as u16));
//! let Ok(FontProgram::Cff(cff)) = subset(fang, 0, &glyphs) else { panic!("a CFF subset") };
//! assert!(cff.len() < 2_000, "3 of 10,365 glyphs");
//! ```

mod cff;
#[cfg(test)]
mod tests;

use skrifa::raw::types::Tag;
use skrifa::raw::{FontRef, TableProvider};

/// A subset font program, ready to embed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FontProgram {
    /// A bare CID-keyed CFF table (embed as /FontFile3 /Subtype /CIDFontType0C; CID i = new glyph i).
    Cff(Vec<u8>),
    /// A TrueType font (embed as /FontFile2, CIDToGIDMap /Identity; glyph i = new glyph i).
    TrueType(Vec<u8>),
}

/// Why a font could not be subset.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum SubsetError {
    /// The glyph list is empty: it must hold at least .notdef.
    #[error("no glyphs to keep: the list must start with glyph 0 (.notdef)")]
    Empty,
    /// The glyph list does not start with .notdef.
    #[error("the first glyph must be 0 (.notdef), not {0}")]
    NotdefFirst(u16),
    /// A glyph is listed twice.
    #[error("glyph {0} is listed twice")]
    Repeated(u16),
    /// A glyph id is not in the font.
    #[error("glyph {glyph} is not in the font, which has {count} glyphs")]
    OutOfRange {
        /// The glyph id asked for.
        glyph: u16,
        /// How many glyphs the font has.
        count: u32,
    },
    /// The font data could not be read; says which part.
    #[error("malformed font: {0}")]
    Malformed(&'static str),
    /// The font has neither TrueType nor CFF outlines.
    #[error("the font has no TrueType, CFF or CFF2 outlines")]
    NoOutlines,
    /// The fallback subsetter failed.
    #[error("subsetter: {0}")]
    Subsetter(#[from] subsetter::Error),
}

const CFF: Tag = Tag::new(b"CFF ");
const CFF2: Tag = Tag::new(b"CFF2");
const GLYF: Tag = Tag::new(b"glyf");

/// `glyphs` are the old glyph ids in their new order; `glyphs[0]` must be 0 (.notdef), no repeats.
/// New glyph id i draws old glyph `glyphs[i]`.
///
/// `data` is a whole font file (OTF, TTF, or a collection with `index` selecting the face).
pub fn subset(data: &[u8], index: u32, glyphs: &[u16]) -> Result<FontProgram, SubsetError> {
    check_glyphs(glyphs)?;
    let font = FontRef::from_index(data, index)
        .map_err(|_| SubsetError::Malformed("not an OpenType font, or no face at this index"))?;
    let count = font.maxp().map_err(|_| SubsetError::Malformed("the maxp table"))?.num_glyphs();
    if let Some(&glyph) = glyphs.iter().find(|&&g| g >= count) {
        return Err(SubsetError::OutOfRange { glyph, count: u32::from(count) });
    }
    if let Some(table) = font.table_data(CFF)
        && let Some(cff) = cff::subset(table.as_bytes(), glyphs)?
    {
        return Ok(FontProgram::Cff(cff));
    }
    fallback(data, index, &font, glyphs)
}

/// Not empty, .notdef first, no repeats.
fn check_glyphs(glyphs: &[u16]) -> Result<(), SubsetError> {
    match glyphs.first() {
        None => return Err(SubsetError::Empty),
        Some(&first) if first != 0 => return Err(SubsetError::NotdefFirst(first)),
        Some(_) => {}
    }
    let mut seen = [0u64; 1024];
    for &glyph in glyphs {
        let (word, bit) = (usize::from(glyph / 64), 1 << (glyph % 64));
        if seen[word] & bit != 0 {
            return Err(SubsetError::Repeated(glyph));
        }
        seen[word] |= bit;
    }
    Ok(())
}

/// Subsets with the `subsetter` crate: TrueType stays TrueType, CFF comes back as its
/// `CFF ` table, CFF2 comes back converted to TrueType.
fn fallback(
    data: &[u8],
    index: u32,
    font: &FontRef,
    glyphs: &[u16],
) -> Result<FontProgram, SubsetError> {
    if [GLYF, CFF, CFF2].iter().all(|&tag| font.table_data(tag).is_none()) {
        return Err(SubsetError::NoOutlines);
    }
    let mut remapper = subsetter::GlyphRemapper::new();
    for &glyph in glyphs {
        remapper.remap(glyph);
    }
    let cff2_only = font.table_data(CFF2).is_some() && font.table_data(CFF).is_none();
    let run = || {
        if cff2_only {
            // Only this entry point reads CFF2; no coordinates means the default instance.
            subsetter::subset_with_variations(data, index, &[], &remapper)
        } else {
            subsetter::subset(data, index, &remapper)
        }
    };
    // subsetter still has `expect`s for some damaged fonts; a damaged system font must be
    // an error for that document, not the end of a batch.
    let out = std::panic::catch_unwind(std::panic::AssertUnwindSafe(run))
        .map_err(|_| SubsetError::Malformed("a table the fallback subsetter could not read"))??;
    let subset = FontRef::new(&out)
        .map_err(|_| SubsetError::Malformed("subsetter wrote a font that does not read back"))?;
    // subsetter writes glyf for TrueType and CFF2 input, CFF for CFF input.
    match subset.table_data(CFF) {
        Some(cff) => Ok(FontProgram::Cff(cff.as_bytes().to_vec())),
        None => Ok(FontProgram::TrueType(out)),
    }
}
