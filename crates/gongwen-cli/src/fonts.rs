//! Finding fonts on disk for PDF output: the faces the style profile names when they are
//! installed or given with `--font-dir`, the bundled free faces always, and a few system
//! Chinese faces as a last resort for characters the others lack.
//!
//! The library crates read no files; this is the one place that does.

use std::fmt;
use std::path::PathBuf;
use std::sync::{Arc, OnceLock};

use gongwen_layout::{FontBook, FontData, FontError};
use gongwen_style::StyleProfile;

mod cache;
mod scan;
use scan::Face;

/// At most this many extra system faces join the fallback chain: enough to cover
/// characters the bundled faces lack (traditional characters, rare ones) without reading
/// every font on the machine.
const SYSTEM_FALLBACKS: usize = 8;

/// A font directory or file that could not be used.
#[derive(Debug)]
pub enum FontsError {
    /// A `--font-dir` that is not a directory.
    NotADirectory(PathBuf),
    /// A bundled face that did not parse (a broken build).
    Bundled(&'static str, FontError),
}

impl fmt::Display for FontsError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            FontsError::NotADirectory(p) => write!(f, "{}: not a font directory", p.display()),
            FontsError::Bundled(name, e) => write!(f, "bundled font {name}: {e}"),
        }
    }
}

impl std::error::Error for FontsError {}

/// The fonts of a command: the book every document starts with, and the system faces
/// that join it only for a document with characters that book lacks. Reading those faces
/// (uming.ttc alone is 21 MB) took most of a one-page PDF's time, for fallbacks few
/// documents need.
#[derive(Debug)]
pub struct Fonts {
    /// The bundled faces and the faces the profile names that are installed.
    pub book: FontBook,
    /// Other Chinese system faces, not read yet.
    fallbacks: Vec<Face>,
    /// `book` with `fallbacks` added, once a document has needed them.
    with_fallbacks: OnceLock<FontBook>,
}

impl Fonts {
    /// `book` with the system fallback faces added, read on the first call (faces that
    /// cannot be used are told on stderr then); `None` when there are no such faces.
    pub fn with_fallbacks(&self) -> Option<&FontBook> {
        if self.fallbacks.is_empty() {
            return None;
        }
        Some(self.with_fallbacks.get_or_init(|| {
            let mut book = self.book.clone();
            for warning in add_faces(&mut book, &self.fallbacks) {
                eprintln!("warning: {warning}");
            }
            book
        }))
    }

    /// Every face, the fallbacks read now: for a server, which renders many documents.
    pub fn into_full(self) -> FontBook {
        match self.with_fallbacks() {
            Some(full) => full.clone(),
            None => self.book,
        }
    }
}

/// [`font_book`] for a command: the faces left out are told on stderr as warnings.
pub fn load(profile: &StyleProfile, search: &Search) -> Result<Fonts, String> {
    let (fonts, warnings) = font_book(profile, search).map_err(|e| e.to_string())?;
    for warning in warnings {
        eprintln!("warning: {warning}");
    }
    Ok(fonts)
}

/// Where fonts are searched besides the bundled faces.
pub struct Search<'a> {
    /// `--font-dir` folders, searched first.
    pub dirs: &'a [PathBuf],
    /// Whether installed fonts are used (off with `--no-system-fonts`: the same PDF on
    /// every machine).
    pub system: bool,
}

/// The fonts for `profile`: the bundled faces first (so that per-character fallback tries
/// them before anything else), then every face the profile names that is installed or
/// in a font folder; a few other Chinese system faces are listed to follow them when a
/// document needs them. Faces found on disk win over bundled ones for the roles that name
/// them. A face on disk that cannot be read, parsed or embedded is left out with a
/// warning (returned as messages), never fatal.
pub fn font_book(
    profile: &StyleProfile,
    search: &Search,
) -> Result<(Fonts, Vec<String>), FontsError> {
    let font_dirs = search.dirs;
    let mut book = FontBook::new();
    let mut warnings = Vec::new();
    for font in gongwen_fonts::BUNDLED {
        book.add_static(font.data).map_err(|e| FontsError::Bundled(font.file_name, e))?;
    }
    for dir in font_dirs {
        if !dir.is_dir() {
            return Err(FontsError::NotADirectory(dir.clone()));
        }
    }
    let mut faces = if search.system { cache::system() } else { Vec::new() };
    for dir in font_dirs {
        let (found, unreadable) = scan::dir(dir);
        faces.extend(found);
        warnings.extend(
            unreadable
                .iter()
                .map(|path| format!("font {} skipped: not a readable font", path.display())),
        );
    }
    let wanted = wanted_names(profile);
    let named = |face: &Face| {
        wanted.iter().any(|w| {
            face.post_script_name.eq_ignore_ascii_case(w)
                || face.families.iter().any(|family| family.eq_ignore_ascii_case(w))
        })
    };
    let from_dirs = |face: &Face| font_dirs.iter().any(|d| face.path.starts_with(d));
    // Bundled faces are in the book already (a system copy of one is skipped); the
    // office names (仿宋_GB2312 …) are found only on disk, so those faces win for the roles
    // that name them.
    let (picked, others): (Vec<&Face>, Vec<&Face>) = faces
        .iter()
        .filter(|f| gongwen_fonts::bundled(&f.post_script_name).is_none())
        .partition(|f| named(f) || from_dirs(f));
    let mut fallbacks: Vec<&Face> = others.into_iter().filter(|f| is_chinese(f)).collect();
    fallbacks.sort_by(|a, b| a.post_script_name.cmp(&b.post_script_name));
    fallbacks.truncate(SYSTEM_FALLBACKS);
    let fallbacks = fallbacks.into_iter().cloned().collect();
    warnings.extend(add_faces(&mut book, picked));
    Ok((Fonts { book, fallbacks, with_fallbacks: OnceLock::new() }, warnings))
}

/// Adds `faces` to `book`, the faces of one collection sharing one read of its file; what
/// cannot be used is left out, told by the messages returned.
fn add_faces<'f>(book: &mut FontBook, faces: impl IntoIterator<Item = &'f Face>) -> Vec<String> {
    let mut warnings = Vec::new();
    let mut files: Vec<(&std::path::Path, FontData)> = Vec::new();
    for face in faces {
        let usable = face_data(face, &mut files).and_then(|data| {
            probe(&data, face.index)?;
            book.add(data, face.index).map_err(|e| e.to_string())
        });
        if let Err(why) = usable {
            warnings.push(format!("font {} skipped: {why}", describe_source(face)));
        }
    }
    warnings
}

/// Whether a face's outlines can be embedded: a face whose tables are damaged would
/// otherwise fail the PDF after layout. Subsetting .notdef and the glyphs of a few common
/// characters finds a broken table in a fraction of a millisecond.
fn probe(data: &FontData, index: u32) -> Result<(), String> {
    use skrifa::MetadataProvider;
    let bytes = (**data).as_ref();
    let font = skrifa::FontRef::from_index(bytes, index).map_err(|_| "not a readable font")?;
    let charmap = font.charmap();
    let mut glyphs = vec![0u16];
    for c in "0Aa国一，".chars() {
        if let Some(g) = charmap.map(c).and_then(|g| u16::try_from(g.to_u32()).ok())
            && !glyphs.contains(&g)
        {
            glyphs.push(g);
        }
    }
    gongwen_subset::subset(bytes, index, &glyphs).map(|_| ()).map_err(|e| e.to_string())
}

/// The file a face is in, for messages.
fn describe_source(face: &Face) -> String {
    format!("{} ({})", face.path.display(), face.post_script_name)
}

/// Every font name the profile uses, the office names and the stand-ins.
fn wanted_names(profile: &StyleProfile) -> Vec<String> {
    let mut names: Vec<String> = profile
        .roles()
        .iter()
        .flat_map(|(_, role)| [role.font.clone(), role.stand_in.clone()])
        .collect();
    names.extend([profile.latin.font.clone(), profile.latin.stand_in.clone()]);
    names.extend([profile.page_number.font.clone(), profile.page_number.stand_in.clone()]);
    names.retain(|n| !n.trim().is_empty());
    names.sort();
    names.dedup();
    names
}

/// Whether a face looks like a Chinese one by its names (a family name in Chinese, or a
/// common Latin marker of CJK fonts).
fn is_chinese(face: &Face) -> bool {
    face.families.iter().any(|family| {
        family.chars().any(|c| ('\u{4E00}'..='\u{9FFF}').contains(&c))
            || ["CJK", " SC", " TC", "Song", "Hei", "Kai", "Fang", "Ming"]
                .iter()
                .any(|marker| family.contains(marker))
    })
}

/// The face's file, read into memory once: `files` keeps the files read so far.
fn face_data<'f>(
    face: &'f Face,
    files: &mut Vec<(&'f std::path::Path, FontData)>,
) -> Result<FontData, String> {
    let path = &face.path;
    if let Some((_, data)) = files.iter().find(|(p, _)| p == path) {
        return Ok(data.clone());
    }
    let bytes = std::fs::read(path).map_err(|e| crate::io::describe(path, &e))?;
    let data: FontData = Arc::new(bytes);
    files.push((path, data.clone()));
    Ok(data)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bundled_faces_are_always_there() {
        let search = Search { dirs: &[], system: true };
        let (fonts, _) = font_book(&StyleProfile::default(), &search).unwrap();
        let book = fonts.into_full();
        for font in gongwen_fonts::BUNDLED {
            assert!(book.find(font.postscript_name).is_some(), "{}", font.postscript_name);
        }
    }

    #[test]
    fn a_font_dir_must_be_a_directory() {
        let dir = tempfile::tempdir().unwrap();
        let dirs = [dir.path().to_path_buf()];
        assert!(
            font_book(&StyleProfile::default(), &Search { dirs: &dirs, system: false }).is_ok()
        );
        let missing = [dir.path().join("nope")];
        let search = Search { dirs: &missing, system: false };
        let err = font_book(&StyleProfile::default(), &search).unwrap_err();
        assert!(err.to_string().contains("not a font directory"), "{err}");
    }

    #[test]
    fn the_profile_names_every_role_font() {
        let names = wanted_names(&StyleProfile::default());
        for name in ["仿宋_GB2312", "FandolFang-Regular", "Times New Roman", "宋体"] {
            assert!(names.iter().any(|n| n == name), "{name} in {names:?}");
        }
    }
}
