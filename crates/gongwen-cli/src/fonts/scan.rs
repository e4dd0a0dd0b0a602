//! The names of the installed faces, read from their `name` tables alone.
//!
//! fontdb's scan (0.23, which this replaces) maps every font file whole and parses it: on
//! a machine with 55 faces (fonts-arphic-uming's 21 MB collection among them) that cost
//! a one-page PDF 4.7 ms of its 11.8 ms of CPU, mostly in the kernel, mapping and
//! unmapping the files. What the command needs of a face is its file, its index and its
//! names, so this reads a file's table directory and its `name` table, nothing else
//! (fonts put that table near their end, so the two are two reads): the same 55 faces in
//! 0.64 ms against fontdb's 1.39 ms, both warm in one process, and 1–2 ms less CPU per
//! command. A scan that never ran (only for a document with characters the bundled faces
//! lack) is not possible: the faces the style profile names (仿宋_GB2312, Times New Roman
//! …) replace the bundled ones for every document, so whether one is installed must be
//! known before the first page is laid out; `cache` keeps what a scan found between runs.
//!
//! The faces found, their order and their names are fontdb's: the same folders, searched
//! in the same order with the same handling of links, the same extensions, and the names
//! taken by the same rules with the same parser (ttf-parser).

use std::collections::HashSet;
use std::fs::File;
use std::hash::{BuildHasherDefault, Hasher};
use std::io::{Read, Seek, SeekFrom};
use std::path::{Path, PathBuf};
use std::time::SystemTime;

use ttf_parser::name::Name;
use ttf_parser::{Language, PlatformId, RawFace, Tag, name_id};

/// The bytes read at the start of a file: the table directory of a font (12 bytes and 16
/// a table) or of the first faces of a collection. The `name` table is read on its own:
/// fonts put it near their end.
const HEAD: usize = 2048;

/// An installed face, by its names.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Face {
    /// The file (canonical when it was reached through a link).
    pub path: PathBuf,
    /// The face's index in a collection; 0 otherwise.
    pub index: u32,
    /// The typographic family names (name ID 16), else the family names (ID 1), in every
    /// language given, US English first.
    pub families: Vec<String>,
    /// The PostScript name (name ID 6).
    pub post_script_name: String,
}

/// The faces under `roots` (for [`system_dirs`], as fontdb's `load_system_fonts` finds
/// them), and every folder searched, with its modification time as it was before it was
/// listed.
pub fn folders(roots: &[PathBuf]) -> (Vec<Face>, Vec<Folder>) {
    let mut scan = Scan::default();
    for dir in roots {
        scan.walk(dir);
    }
    (scan.faces, scan.folders)
}

/// A folder a search entered (or tried to), and when it last changed: `None` when it
/// could not be read then. Adding, removing or renaming an entry changes a folder's time.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Folder {
    pub path: PathBuf,
    pub modified: Option<SystemTime>,
}

impl Folder {
    /// `path` as it is now.
    pub fn now(path: &Path) -> Folder {
        let modified = std::fs::metadata(path).and_then(|m| m.modified()).ok();
        Folder { path: path.to_path_buf(), modified }
    }
}

/// The faces under `dir`, searched recursively, and the font files there in which no
/// face could be read (a folder the user named: they are told).
pub fn dir(dir: &Path) -> (Vec<Face>, Vec<PathBuf>) {
    let mut scan = Scan::default();
    scan.walk(dir);
    (scan.faces, scan.unreadable)
}

/// The folders fontdb searches (without fontconfig), in its order.
pub fn system_dirs() -> Vec<PathBuf> {
    let home = |var: &str, tail: &str| std::env::var_os(var).map(|h| Path::new(&h).join(tail));
    if cfg!(windows) {
        let root = std::env::var_os("SYSTEMROOT").map(|r| Path::new(&r).join("Fonts"));
        let mut dirs = vec![root.unwrap_or_else(|| "C:\\Windows\\Fonts\\".into())];
        dirs.extend(home("USERPROFILE", "AppData\\Local\\Microsoft\\Windows\\Fonts"));
        dirs.extend(home("USERPROFILE", "AppData\\Roaming\\Microsoft\\Windows\\Fonts"));
        dirs
    } else if cfg!(target_os = "macos") {
        let mut dirs: Vec<PathBuf> = vec!["/Library/Fonts".into(), "/System/Library/Fonts".into()];
        if let Ok(entries) = std::fs::read_dir("/System/Library/AssetsV2") {
            dirs.extend(entries.flatten().map(|e| e.path()).filter(|p| {
                p.file_name()
                    .is_some_and(|n| n.to_string_lossy().starts_with("com_apple_MobileAsset_Font"))
            }));
        }
        dirs.push("/Network/Library/Fonts".into());
        dirs.extend(home("HOME", "Library/Fonts"));
        dirs
    } else {
        let mut dirs: Vec<PathBuf> =
            vec!["/usr/share/fonts/".into(), "/usr/local/share/fonts/".into()];
        dirs.extend(home("HOME", ".fonts"));
        dirs.extend(home("HOME", ".local/share/fonts"));
        dirs
    }
}

/// One search of font folders.
#[derive(Default)]
struct Scan {
    faces: Vec<Face>,
    /// Font files in which no face could be read.
    unreadable: Vec<PathBuf>,
    /// The paths entered, once a link has been followed (fontdb's rule).
    seen: HashSet<PathBuf, BuildHasherDefault<Fnv>>,
    /// The start of the file being read, and a table beyond it: kept from file to file
    /// (a fresh zeroed buffer per file cost more than the reads).
    head: Vec<u8>,
    table: Vec<u8>,
    /// The folders entered, in order.
    folders: Vec<Folder>,
}

impl Scan {
    /// fontdb's `load_fonts_dir_impl`: files and folders in the order the folder lists
    /// them; a link is followed to its canonical path, and once one has been, no path is
    /// entered twice.
    fn walk(&mut self, dir: &Path) {
        // Its time first: a change made while it is listed then shows as a later time.
        self.folders.push(Folder::now(dir));
        let Ok(entries) = std::fs::read_dir(dir) else { return };
        for entry in entries.flatten() {
            let Ok(file_type) = entry.file_type() else { continue };
            let mut path = entry.path();
            let (is_file, is_dir) = if file_type.is_symlink() {
                let Ok(meta) = std::fs::metadata(&path) else { continue };
                let Ok(canon) = std::fs::canonicalize(&path) else { continue };
                if !self.seen.insert(canon.clone()) {
                    continue;
                }
                path = canon;
                (meta.is_file(), meta.is_dir())
            } else {
                if !self.seen.is_empty() && !self.seen.insert(path.clone()) {
                    continue;
                }
                (file_type.is_file(), file_type.is_dir())
            };
            let font = matches!(
                path.extension().and_then(|e| e.to_str()),
                Some("ttf" | "ttc" | "TTF" | "TTC" | "otf" | "otc" | "OTF" | "OTC")
            );
            if is_file && font {
                let before = self.faces.len();
                self.read_file(&path);
                if self.faces.len() == before {
                    self.unreadable.push(path);
                }
            } else if is_dir {
                self.walk(&path);
            }
        }
    }

    /// The faces of one font file; a file or face that cannot be read is left out.
    fn read_file(&mut self, path: &Path) {
        let Ok(file) = File::open(path) else { return };
        let Ok(len) = file.metadata().map(|m| m.len()) else { return };
        let head_len = usize::try_from(len).map_or(HEAD, |len| len.min(HEAD));
        if !read_at(&file, 0, head_len, &mut self.head) {
            return;
        }
        let count = ttf_parser::fonts_in_collection(&self.head).unwrap_or(1);
        // A collection whose offsets overrun the file has no face ttf-parser can parse.
        if self.head.starts_with(b"ttcf") && 12 + 4 * u64::from(count) > len {
            return;
        }
        'faces: for index in 0..count {
            // The directory of a face far into a collection: the start up to its end.
            loop {
                let need = directory_end(&self.head, count, index);
                if need <= self.head.len() || need as u64 > len {
                    break;
                }
                if !read_at(&file, 0, need, &mut self.head) {
                    continue 'faces;
                }
            }
            let Ok(raw) = RawFace::parse(&self.head, index) else { continue };
            let Some(name_data) = table(&file, len, &raw, &mut self.table) else { continue };
            let Some(names) = ttf_parser::name::Table::parse(name_data) else { continue };
            if let Some((families, post_script_name)) = parse_names(&names.names) {
                self.faces.push(Face {
                    path: path.to_path_buf(),
                    index,
                    families,
                    post_script_name,
                });
            }
        }
    }
}

/// How much of the file's start ttf-parser reads to parse the directory of face `index`
/// of `count`, as far as `head` tells: a first answer may only reach the face's header,
/// from which a longer `head` tells the rest.
fn directory_end(head: &[u8], count: u32, index: u32) -> usize {
    let (start, offsets_end) = if head.starts_with(b"ttcf") {
        let at = 12 + 4 * index as usize;
        match head.get(at..at + 4) {
            Some(b) => {
                (u32::from_be_bytes([b[0], b[1], b[2], b[3]]) as usize, 12 + 4 * count as usize)
            }
            None => return at + 4,
        }
    } else {
        (0, 0)
    };
    let tables = match head.get(start.saturating_add(4)..start.saturating_add(6)) {
        Some(b) => usize::from(u16::from_be_bytes([b[0], b[1]])),
        None => return start.saturating_add(12).max(offsets_end),
    };
    start.saturating_add(12 + 16 * tables).max(offsets_end)
}

/// The `name` table's bytes, found as ttf-parser's `RawFace::table` finds a table, and
/// read into `buf` when they lie beyond the start of the file that `raw` was parsed from.
fn table<'a>(file: &File, len: u64, raw: &RawFace<'a>, buf: &'a mut Vec<u8>) -> Option<&'a [u8]> {
    let tag = Tag::from_bytes(b"name");
    let (_, record) = raw.table_records.binary_search_by(|r| r.tag.cmp(&tag))?;
    let start = usize::try_from(record.offset).ok()?;
    let end = start.checked_add(usize::try_from(record.length).ok()?)?;
    if end as u64 > len {
        return None;
    }
    if let Some(bytes) = raw.data.get(start..end) {
        return Some(bytes);
    }
    read_at(file, record.offset.into(), end - start, buf).then_some(&buf[..])
}

/// Reads `len` bytes of `file` from `offset` into `buf`; false when they cannot all be read.
fn read_at(file: &File, offset: u64, len: usize, buf: &mut Vec<u8>) -> bool {
    let mut file = file;
    // Zeroed only where it grows: the same buffer serves every file.
    buf.resize(len, 0);
    file.seek(SeekFrom::Start(offset)).is_ok() && file.read_exact(buf).is_ok()
}

/// FNV-1a, for the set of paths seen: the standard hasher was a third of the scan's
/// instructions, for paths that come from the machine's own folders.
#[derive(Default)]
struct Fnv(u64);

impl Hasher for Fnv {
    fn finish(&self) -> u64 {
        self.0
    }

    fn write(&mut self, bytes: &[u8]) {
        let mut h = if self.0 == 0 { 0xcbf2_9ce4_8422_2325 } else { self.0 };
        for &b in bytes {
            h = (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3);
        }
        self.0 = h;
    }
}

/// fontdb's `parse_names`: the families and the PostScript name, or `None` for a face
/// without either.
fn parse_names(names: &ttf_parser::name::Names) -> Option<(Vec<String>, String)> {
    let mut families = collect_families(name_id::TYPOGRAPHIC_FAMILY, names);
    if families.is_empty() {
        families = collect_families(name_id::FAMILY, names);
    }
    if let Some(us) = families.iter().position(|f| f.1 == Language::English_UnitedStates) {
        families.swap(0, us);
    }
    if families.is_empty() {
        return None;
    }
    let post_script_name = names
        .into_iter()
        .find(|n| n.name_id == name_id::POST_SCRIPT_NAME && (n.is_unicode() || is_mac_roman(n)))
        .and_then(|n| decode(&n))?;
    Some((families.into_iter().map(|f| f.0).collect(), post_script_name))
}

/// fontdb's `collect_families`: the Unicode names with this ID, and a Mac Roman one when
/// none of them is US English.
fn collect_families(id: u16, names: &ttf_parser::name::Names) -> Vec<(String, Language)> {
    let mut families: Vec<(String, Language)> = names
        .into_iter()
        .filter(|n| n.name_id == id && n.is_unicode())
        .filter_map(|n| Some((decode(&n)?, n.language())))
        .collect();
    if !families.iter().any(|f| f.1 == Language::English_UnitedStates)
        && let Some(mac) = names
            .into_iter()
            .filter(|n| n.name_id == id && is_mac_roman(n))
            .find_map(|n| Some((decode(&n)?, n.language())))
    {
        families.push(mac);
    }
    families
}

fn is_mac_roman(name: &Name) -> bool {
    name.platform_id == PlatformId::Macintosh && name.encoding_id == 0
}

/// The upper half of Mac Roman (its lower half is ASCII), as fontdb decodes it.
const MAC_ROMAN_HIGH: &str = "ÄÅÇÉÑÖÜáàâäãåçéèêëíìîïñóòôöõúùûü†°¢£§•¶ß®©™´¨≠ÆØ∞±≤≥¥µ∂∑∏π∫ªºΩæø\
    ¿¡¬√ƒ≈∆«»…\u{A0}ÀÃÕŒœ–—“”‘’÷◊ÿŸ⁄€‹›ﬁﬂ‡·‚„‰ÂÊÁËÈÍÎÏÌÓÔ\u{F8FF}ÒÚÛÙıˆ˜¯˘˙˚¸˝˛ˇ";

/// A name's text: UTF-16 for a Unicode name, Mac Roman for a Mac one (four of its control
/// codes are the key symbols ⌘⇧⌥⌃); `None` for text that does not decode.
fn decode(name: &Name) -> Option<String> {
    if name.is_unicode() {
        let units: Vec<u16> =
            name.name.chunks_exact(2).map(|p| u16::from_be_bytes([p[0], p[1]])).collect();
        String::from_utf16(&units).ok()
    } else if is_mac_roman(name) {
        Some(
            name.name
                .iter()
                .map(|&b| match b {
                    0x11..=0x14 => ['⌘', '⇧', '⌥', '⌃'][usize::from(b - 0x11)],
                    0..0x80 => char::from(b),
                    _ => MAC_ROMAN_HIGH.chars().nth(usize::from(b - 0x80)).unwrap_or('\u{FFFD}'),
                })
                .collect(),
        )
    } else {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn mac_roman_has_its_upper_half() {
        assert_eq!(MAC_ROMAN_HIGH.chars().count(), 128);
        assert_eq!(MAC_ROMAN_HIGH.chars().nth(0xDB - 0x80), Some('€'));
        assert_eq!(MAC_ROMAN_HIGH.chars().last(), Some('ˇ'));
    }

    #[test]
    fn the_bundled_faces_are_read_by_their_names() {
        let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../gongwen-fonts/fonts");
        let (faces, unreadable) = super::dir(&dir);
        assert!(unreadable.is_empty(), "{unreadable:?}");
        for font in gongwen_fonts::BUNDLED {
            let face = faces
                .iter()
                .find(|f| f.post_script_name == font.postscript_name)
                .unwrap_or_else(|| panic!("{} in {faces:?}", font.postscript_name));
            assert!(face.path.ends_with(font.file_name), "{face:?}");
        }
        let fang = faces.iter().find(|f| f.post_script_name == "FandolFang-Regular").unwrap();
        assert_eq!(fang.families[0], "FandolFang");
    }

    #[test]
    fn a_collection_claiming_four_billion_faces_is_passed_over_at_once() {
        // fontdb tried every index (minutes); the offsets cannot fit in the file, so no face
        // of it parses, and the scan goes on to the next file.
        let dir = tempfile::tempdir().unwrap();
        let mut bogus = b"ttcf\x00\x01\x00\x00\xff\xff\xff\xff".to_vec();
        bogus.extend([0; 64]);
        std::fs::write(dir.path().join("bogus.ttc"), bogus).unwrap();
        let fonts = Path::new(env!("CARGO_MANIFEST_DIR")).join("../gongwen-fonts/fonts");
        let serif = std::fs::read(fonts.join("LiberationSerif-Regular.ttf")).unwrap();
        std::fs::write(dir.path().join("serif.ttf"), serif).unwrap();
        let started = std::time::Instant::now();
        let (faces, unreadable) = super::dir(dir.path());
        assert!(started.elapsed().as_secs() < 5, "{:?}", started.elapsed());
        let names: Vec<&str> = faces.iter().map(|f| f.post_script_name.as_str()).collect();
        assert_eq!(names, ["LiberationSerif"]);
        assert_eq!(unreadable, [dir.path().join("bogus.ttc")]);
    }
}
