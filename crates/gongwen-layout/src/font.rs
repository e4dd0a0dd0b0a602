//! The fonts a layout may use, given as bytes.

use std::collections::HashMap;
use std::fmt;
use std::sync::Arc;

use gongwen_ast::Span;
use skrifa::charmap::Charmap;
use skrifa::instance::{LocationRef, Size};
use skrifa::metrics::GlyphMetrics;
use skrifa::string::StringId;
use skrifa::{FontRef, MetadataProvider};

/// Font file bytes, shared: a `&'static` bundled font, a `Vec<u8>` or a memory map.
pub type FontData = Arc<dyn AsRef<[u8]> + Send + Sync>;

/// A face in a [`FontBook`], by its position there.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct FaceId(pub(crate) u16);

impl FaceId {
    /// The face's position in [`FontBook::faces`].
    pub fn index(self) -> usize {
        usize::from(self.0)
    }
}

/// One face: its bytes and the names a style profile may call it by.
#[derive(Clone)]
pub struct Face {
    data: FontData,
    index: u32,
    postscript_name: String,
    names: Vec<String>,
    families: Vec<String>,
    units_per_em: f32,
    ascent: f32,
    descent: f32,
    bold: bool,
}

impl Face {
    /// The font file the face is in.
    pub fn data(&self) -> &FontData {
        &self.data
    }

    /// The face's index in its file (a collection holds several).
    pub fn index(&self) -> u32 {
        self.index
    }

    /// The PostScript name (name ID 6), or the file's family name when it has none.
    pub fn postscript_name(&self) -> &str {
        &self.postscript_name
    }

    /// Every family and full name in every language (仿宋_GB2312, FangSong_GB2312 …).
    pub fn names(&self) -> &[String] {
        &self.names
    }

    /// Whether the face is bold by its own weight (600 or more).
    pub fn is_bold(&self) -> bool {
        self.bold
    }

    /// Ascent and descent (negative) in ems, for centring lines on the grid.
    pub fn vertical_metrics(&self) -> (f32, f32) {
        (self.ascent / self.units_per_em, self.descent / self.units_per_em)
    }
}

impl fmt::Debug for Face {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Face")
            .field("postscript_name", &self.postscript_name)
            .field("index", &self.index)
            .finish_non_exhaustive()
    }
}

/// A font that cannot be used.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum FontError {
    /// The bytes are not an OpenType or TrueType font, or the face index is out of range.
    #[error("not a readable font (face {index})")]
    Unreadable {
        /// The face index asked for.
        index: u32,
    },
    /// More faces than a book holds.
    #[error("too many fonts")]
    TooMany,
}

/// The fonts a layout may use. Roles find their face by the style profile's names; any
/// character a role's face lacks comes from the other faces, in the order they were added.
#[derive(Debug, Clone, Default)]
pub struct FontBook {
    faces: Vec<Face>,
}

impl FontBook {
    /// An empty book.
    pub fn new() -> FontBook {
        FontBook::default()
    }

    /// Adds face `index` of a font file.
    pub fn add(&mut self, data: FontData, index: u32) -> Result<FaceId, FontError> {
        let id = FaceId(u16::try_from(self.faces.len()).map_err(|_| FontError::TooMany)?);
        let font = FontRef::from_index((*data).as_ref(), index)
            .map_err(|_| FontError::Unreadable { index })?;
        let families: Vec<String> = [StringId::FAMILY_NAME, StringId::TYPOGRAPHIC_FAMILY_NAME]
            .into_iter()
            .flat_map(|sid| font.localized_strings(sid).map(|s| s.chars().collect::<String>()))
            .filter(|s| !s.is_empty())
            .collect();
        let mut names = Vec::new();
        for sid in [
            StringId::FAMILY_NAME,
            StringId::TYPOGRAPHIC_FAMILY_NAME,
            StringId::FULL_NAME,
            StringId::POSTSCRIPT_NAME,
        ] {
            for s in font.localized_strings(sid) {
                let s: String = s.chars().collect();
                if !s.is_empty() && !names.contains(&s) {
                    names.push(s);
                }
            }
        }
        let postscript_name = font
            .localized_strings(StringId::POSTSCRIPT_NAME)
            .english_or_first()
            .map(|s| s.chars().collect())
            .or_else(|| names.first().cloned())
            .ok_or(FontError::Unreadable { index })?;
        let metrics = font.metrics(Size::unscaled(), LocationRef::default());
        if metrics.units_per_em == 0 {
            return Err(FontError::Unreadable { index });
        }
        self.faces.push(Face {
            postscript_name,
            names,
            families,
            index,
            units_per_em: f32::from(metrics.units_per_em),
            ascent: metrics.ascent,
            descent: metrics.descent,
            bold: font.attributes().weight.value() >= 600.0,
            data,
        });
        Ok(id)
    }

    /// Adds the first face of a font compiled into the program.
    pub fn add_static(&mut self, data: &'static [u8]) -> Result<FaceId, FontError> {
        self.add(Arc::new(data), 0)
    }

    /// Every face, in the order added.
    pub fn faces(&self) -> &[Face] {
        &self.faces
    }

    /// The face `id`.
    ///
    /// # Panics
    /// When `id` comes from another book with more faces.
    pub fn face(&self, id: FaceId) -> &Face {
        &self.faces[id.index()]
    }

    /// A bold face of the same family as `id`, when `id` is not bold itself.
    pub fn bold_sibling(&self, id: FaceId) -> Option<FaceId> {
        let face = self.faces.get(id.index())?;
        if face.bold {
            return None;
        }
        let same = |f: &Face| f.families.iter().any(|n| face.families.contains(n));
        self.faces.iter().position(|f| f.bold && same(f)).map(|i| FaceId(i as u16))
    }

    /// The first face called `name`: its PostScript name, or a family or full name in any
    /// language. ASCII case is ignored.
    pub fn find(&self, name: &str) -> Option<FaceId> {
        let name = name.trim();
        let hit = |f: &Face| {
            f.postscript_name.eq_ignore_ascii_case(name)
                || f.names.iter().any(|n| n.eq_ignore_ascii_case(name))
        };
        self.faces.iter().position(hit).map(|i| FaceId(i as u16))
    }
}

/// Where the character at byte `at` of `text` came from: its own bytes when `text` is the
/// source as read (same length as its span), else the whole span (repaired text no longer
/// lines up with the source byte for byte).
pub(crate) fn char_span(span: Span, text: &str, at: usize, ch: char) -> Span {
    if span.len() == text.len() && span != Span::DETACHED {
        Span::new(span.start + at, span.start + at + ch.len_utf8())
    } else {
        span
    }
}

/// A glyph found for a character: its id and advance in ems.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct Found {
    pub face: FaceId,
    pub glyph: u16,
    pub advance: f32,
}

/// Parsed faces for one layout run, with a cache of character look-ups.
pub(crate) struct Shaper<'a> {
    book: &'a FontBook,
    fonts: Vec<(Charmap<'a>, GlyphMetrics<'a>)>,
    cache: HashMap<(FaceId, char), Option<(u16, f32)>>,
}

impl<'a> Shaper<'a> {
    pub fn new(book: &'a FontBook) -> Shaper<'a> {
        let fonts = book
            .faces
            .iter()
            .map(|f| {
                // Every face was parsed once when it was added.
                let font = FontRef::from_index((*f.data).as_ref(), f.index)
                    .expect("a face in the book parses");
                let metrics = font.glyph_metrics(Size::unscaled(), LocationRef::default());
                (font.charmap(), metrics)
            })
            .collect();
        Shaper { book, fonts, cache: HashMap::new() }
    }

    /// The glyph for `c` in `face`, if the face has one.
    pub fn glyph(&mut self, face: FaceId, c: char) -> Option<Found> {
        let (charmap, metrics) = &self.fonts[face.index()];
        let upem = self.book.faces[face.index()].units_per_em;
        let hit = *self.cache.entry((face, c)).or_insert_with(|| {
            let gid = charmap.map(c)?;
            let glyph = u16::try_from(gid.to_u32()).ok()?;
            let advance = metrics.advance_width(gid).unwrap_or(upem) / upem;
            Some((glyph, advance))
        });
        hit.map(|(glyph, advance)| Found { face, glyph, advance })
    }

    /// The first face in `chain` with a glyph for `c`.
    pub fn find(&mut self, chain: &[FaceId], c: char) -> Option<Found> {
        chain.iter().find_map(|&f| self.glyph(f, c))
    }
}
