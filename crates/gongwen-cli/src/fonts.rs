//! Finding fonts on disk for PDF output: the faces the style profile names when they are
//! installed or given with `--font-dir`, the bundled free faces always, and a few system
//! Chinese faces as a last resort for characters the others lack.
//!
//! The library crates read no files; this is the one place that does.

use std::fmt;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use gongwen_layout::{FontBook, FontData, FontError};
use gongwen_style::StyleProfile;

/// At most this many extra system faces join the fallback chain: enough to cover
/// characters the bundled faces lack (traditional characters, rare ones) without reading
/// every font on the machine.
const SYSTEM_FALLBACKS: usize = 8;

/// A font directory or file that could not be used.
#[derive(Debug)]
pub enum FontsError {
    /// A `--font-dir` that is not a directory.
    NotADirectory(PathBuf),
    /// A font file that could not be read.
    Read(PathBuf, std::io::Error),
    /// A bundled face that did not parse (a broken build).
    Bundled(&'static str, FontError),
}

impl fmt::Display for FontsError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            FontsError::NotADirectory(p) => write!(f, "{}: not a font directory", p.display()),
            FontsError::Read(p, e) => write!(f, "{}: {e}", p.display()),
            FontsError::Bundled(name, e) => write!(f, "bundled font {name}: {e}"),
        }
    }
}

impl std::error::Error for FontsError {}

/// The fonts for `profile`: the bundled faces first (so that per-character fallback tries
/// them before anything else), then every face the profile names that is installed or
/// in `font_dirs`, then a few other Chinese system faces. Faces found on disk win over
/// bundled ones for the roles that name them.
pub fn font_book(profile: &StyleProfile, font_dirs: &[PathBuf]) -> Result<FontBook, FontsError> {
    let mut book = FontBook::new();
    for font in gongwen_fonts::BUNDLED {
        book.add_static(font.data).map_err(|e| FontsError::Bundled(font.file_name, e))?;
    }
    let mut db = fontdb::Database::new();
    for dir in font_dirs {
        if !dir.is_dir() {
            return Err(FontsError::NotADirectory(dir.clone()));
        }
    }
    db.load_system_fonts();
    for dir in font_dirs {
        db.load_fonts_dir(dir);
    }
    let wanted = wanted_names(profile);
    let named = |face: &fontdb::FaceInfo| {
        wanted.iter().any(|w| {
            face.post_script_name.eq_ignore_ascii_case(w)
                || face.families.iter().any(|(family, _)| family.eq_ignore_ascii_case(w))
        })
    };
    let from_dirs = |face: &fontdb::FaceInfo| match &face.source {
        fontdb::Source::File(path) | fontdb::Source::SharedFile(path, _) => {
            font_dirs.iter().any(|d| path.starts_with(d))
        }
        fontdb::Source::Binary(_) => false,
    };
    // Bundled faces are in the book already (a system copy of one is skipped); the
    // office names (仿宋_GB2312 …) are found only on disk, so those faces win for the roles
    // that name them.
    let mut picked: Vec<&fontdb::FaceInfo> = db
        .faces()
        .filter(|f| {
            (named(f) || from_dirs(f)) && gongwen_fonts::bundled(&f.post_script_name).is_none()
        })
        .collect();
    let mut fallbacks: Vec<&fontdb::FaceInfo> = db
        .faces()
        .filter(|f| !picked.iter().any(|p| p.id == f.id) && is_chinese(f))
        .filter(|f| gongwen_fonts::bundled(&f.post_script_name).is_none())
        .collect();
    fallbacks.sort_by(|a, b| a.post_script_name.cmp(&b.post_script_name));
    fallbacks.truncate(SYSTEM_FALLBACKS);
    picked.extend(fallbacks);
    for face in picked {
        let Some(data) = face_data(face)? else { continue };
        // A face that fontdb listed but that does not parse here is skipped, not fatal.
        let _ = book.add(data, face.index);
    }
    Ok(book)
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
fn is_chinese(face: &fontdb::FaceInfo) -> bool {
    face.families.iter().any(|(family, _)| {
        family.chars().any(|c| ('\u{4E00}'..='\u{9FFF}').contains(&c))
            || ["CJK", " SC", " TC", "Song", "Hei", "Kai", "Fang", "Ming"]
                .iter()
                .any(|marker| family.contains(marker))
    })
}

/// The face's file, read into memory.
fn face_data(face: &fontdb::FaceInfo) -> Result<Option<FontData>, FontsError> {
    match &face.source {
        fontdb::Source::Binary(data) => Ok(Some(data.clone())),
        fontdb::Source::File(path) | fontdb::Source::SharedFile(path, _) => read(path).map(Some),
    }
}

fn read(path: &Path) -> Result<FontData, FontsError> {
    let bytes = std::fs::read(path).map_err(|e| FontsError::Read(path.to_path_buf(), e))?;
    Ok(Arc::new(bytes))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bundled_faces_are_always_there() {
        let book = font_book(&StyleProfile::default(), &[]).unwrap();
        for font in gongwen_fonts::BUNDLED {
            assert!(book.find(font.postscript_name).is_some(), "{}", font.postscript_name);
        }
    }

    #[test]
    fn a_font_dir_must_be_a_directory() {
        let dir = tempfile::tempdir().unwrap();
        assert!(font_book(&StyleProfile::default(), &[dir.path().to_path_buf()]).is_ok());
        let missing = dir.path().join("nope");
        let err = font_book(&StyleProfile::default(), &[missing]).unwrap_err();
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
