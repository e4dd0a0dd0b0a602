//! The names of the installed faces, kept between runs in the user's cache folder.
//!
//! Listing the font folders and reading every face's `name` table was about a tenth of a
//! one-page PDF's time (60 files here: 1 ms of 8.4). The cache is fontconfig's kind: it
//! holds each folder the scan entered with the folder's modification time, and is used
//! only while every one of those folders still has that time. Adding, removing or renaming
//! a font (as package managers and font installers do) changes its folder's time, so the
//! next run scans again; a font file rewritten in place under the same name is not seen
//! until its folder changes, as with fontconfig. A cache that is missing, damaged, from
//! another version or for other folders is scanned over; one that cannot be written is
//! done without.

use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime};

use serde_json::{Value, json};

use super::scan::{self, Face, Folder};

/// Bumped when the file's layout or the scan's rules change.
const VERSION: u64 = 1;

/// The installed faces, from the cache when it is still true, else by a scan (which is
/// then kept for the next run).
pub fn system() -> Vec<Face> {
    let roots = scan::system_dirs();
    match cache_file() {
        Some(file) => faces_at(&file, &roots),
        None => scan::folders(&roots).0,
    }
}

/// The faces under `roots` as cached in `file`, or as a scan finds them (then written to
/// `file` for next time).
fn faces_at(file: &Path, roots: &[PathBuf]) -> Vec<Face> {
    if let Some(faces) = std::fs::read(file).ok().and_then(|bytes| read(&bytes, roots)) {
        return faces;
    }
    let (faces, folders) = scan::folders(roots);
    // Best effort: a cache is only a shortcut.
    let _ = write(file, roots, &folders, &faces);
    faces
}

/// Where the cache lives: the platform's cache folder for gongwen; `None` when there is
/// no home to find it in.
fn cache_file() -> Option<PathBuf> {
    let var = |name: &str| std::env::var_os(name).map(PathBuf::from).filter(|p| p.is_absolute());
    let dir = if cfg!(windows) {
        var("LOCALAPPDATA")?.join("gongwen").join("cache")
    } else if cfg!(target_os = "macos") {
        var("HOME")?.join("Library/Caches/gongwen")
    } else {
        var("XDG_CACHE_HOME").or_else(|| var("HOME").map(|h| h.join(".cache")))?.join("gongwen")
    };
    Some(dir.join("system-fonts.json"))
}

/// The faces in `bytes` when they were cached for `roots` and no folder has changed since.
fn read(bytes: &[u8], roots: &[PathBuf]) -> Option<Vec<Face>> {
    let cache: Value = serde_json::from_slice(bytes).ok()?;
    if cache["version"].as_u64() != Some(VERSION) {
        return None;
    }
    let cached_roots: Vec<&str> =
        cache["roots"].as_array()?.iter().map(Value::as_str).collect::<Option<_>>()?;
    if cached_roots.len() != roots.len()
        || roots.iter().zip(&cached_roots).any(|(r, c)| r.to_str() != Some(*c))
    {
        return None;
    }
    for folder in cache["folders"].as_array()? {
        let path = Path::new(folder[0].as_str()?);
        let then = match &folder[1] {
            Value::Null => None,
            nanos => Some(SystemTime::UNIX_EPOCH + Duration::from_nanos(nanos.as_u64()?)),
        };
        if Folder::now(path).modified != then {
            return None;
        }
    }
    let face = |f: &Value| {
        Some(Face {
            path: PathBuf::from(f[0].as_str()?),
            index: u32::try_from(f[1].as_u64()?).ok()?,
            post_script_name: f[2].as_str()?.to_string(),
            families: f[3]
                .as_array()?
                .iter()
                .map(|s| s.as_str().map(String::from))
                .collect::<Option<_>>()?,
        })
    };
    cache["faces"].as_array()?.iter().map(face).collect()
}

/// Writes the cache: whole or not at all (a temporary file of the kind every output uses,
/// renamed into place; one a killed run left is cleared as theirs are), so that runs at
/// the same time read either cache. Nothing is written when a path is not
/// Unicode (JSON holds only Unicode) or a folder's time does not fit.
fn write(file: &Path, roots: &[PathBuf], folders: &[Folder], faces: &[Face]) -> Option<()> {
    let text = |p: &Path| p.to_str().map(String::from);
    let nanos = |t: SystemTime| {
        u64::try_from(t.duration_since(SystemTime::UNIX_EPOCH).ok()?.as_nanos()).ok()
    };
    let folders = folders
        .iter()
        .map(|f| match f.modified {
            None => Some(json!([text(&f.path)?, null])),
            Some(t) => Some(json!([text(&f.path)?, nanos(t)?])),
        })
        .collect::<Option<Vec<_>>>()?;
    let faces = faces
        .iter()
        .map(|f| Some(json!([text(&f.path)?, f.index, f.post_script_name, f.families])))
        .collect::<Option<Vec<_>>>()?;
    let roots = roots.iter().map(|r| text(r)).collect::<Option<Vec<_>>>()?;
    let cache = json!({ "version": VERSION, "roots": roots, "folders": folders, "faces": faces });
    let dir = file.parent()?;
    std::fs::create_dir_all(dir).ok()?;
    crate::stale::clean_once(dir);
    let mut tmp = crate::stale::temporary(dir, None).ok()?;
    serde_json::to_writer(&mut tmp, &cache).ok()?;
    tmp.persist(file).ok()?;
    Some(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn font(dir: &Path, name: &str, face: &str) {
        let data = gongwen_fonts::bundled(face).expect("a bundled face").data;
        std::fs::write(dir.join(name), data).expect("written");
    }

    /// The cached names of `file`, each PostScript name marked: a run that returns them
    /// read the cache, not the fonts.
    fn mark(file: &Path) {
        let mut cache: Value = serde_json::from_slice(&std::fs::read(file).unwrap()).unwrap();
        for face in cache["faces"].as_array_mut().unwrap() {
            face[2] = json!(format!("cached {}", face[2].as_str().unwrap()));
        }
        std::fs::write(file, serde_json::to_vec(&cache).unwrap()).unwrap();
    }

    fn names(faces: &[Face]) -> Vec<&str> {
        faces.iter().map(|f| f.post_script_name.as_str()).collect()
    }

    /// Long enough for any file system's clock to tick between a scan and a change.
    fn tick() {
        std::thread::sleep(Duration::from_millis(30));
    }

    #[test]
    fn the_cache_holds_until_a_folder_changes() {
        let home = tempfile::tempdir().unwrap();
        let fonts = home.path().join("fonts");
        let sub = fonts.join("truetype");
        std::fs::create_dir_all(&sub).unwrap();
        font(&sub, "serif.ttf", "LiberationSerif");
        let missing = home.path().join("no such folder");
        let roots = vec![fonts.clone(), missing.clone()];
        let file = home.path().join("cache/system-fonts.json");

        let first = faces_at(&file, &roots);
        assert_eq!(first, scan::folders(&roots).0, "a first run scans");
        assert_eq!(names(&first), ["LiberationSerif"]);
        mark(&file);
        assert_eq!(names(&faces_at(&file, &roots)), ["cached LiberationSerif"], "the cache");

        // A font added in a subfolder changes that folder's time.
        tick();
        font(&sub, "bold.ttf", "LiberationSerif-Bold");
        let mut found = names(&faces_at(&file, &roots)).join(" ");
        assert!(found.contains("LiberationSerif-Bold") && !found.contains("cached"), "{found}");
        mark(&file);

        // So does a root that comes into being, and a font removed.
        tick();
        std::fs::create_dir(&missing).unwrap();
        found = names(&faces_at(&file, &roots)).join(" ");
        assert!(!found.contains("cached"), "{found}");
        tick();
        std::fs::remove_file(sub.join("bold.ttf")).unwrap();
        assert_eq!(names(&faces_at(&file, &roots)), ["LiberationSerif"]);

        // Other folders (another HOME, another system) are not served this cache.
        mark(&file);
        assert_eq!(names(&faces_at(&file, &roots[..1])), ["LiberationSerif"]);
    }

    #[test]
    fn a_damaged_or_foreign_cache_is_scanned_over_and_rewritten() {
        let home = tempfile::tempdir().unwrap();
        font(home.path(), "serif.ttf", "LiberationSerif");
        let roots = vec![home.path().to_path_buf()];
        let file = home.path().join("cache/system-fonts.json");
        std::fs::create_dir_all(file.parent().unwrap()).unwrap();
        for damaged in
            [&b"{\"version\": 1, \"faces\": ["[..], b"\xff\xfe", b"{\"version\": 99}", b""]
        {
            std::fs::write(&file, damaged).unwrap();
            assert_eq!(names(&faces_at(&file, &roots)), ["LiberationSerif"]);
            let cache: Value = serde_json::from_slice(&std::fs::read(&file).unwrap()).unwrap();
            assert_eq!(cache["version"], VERSION, "rewritten");
        }
    }

    #[test]
    fn a_cache_that_cannot_be_written_is_done_without() {
        let home = tempfile::tempdir().unwrap();
        font(home.path(), "serif.ttf", "LiberationSerif");
        let roots = vec![home.path().to_path_buf()];
        // The cache's folder is a file.
        std::fs::write(home.path().join("cache"), b"").unwrap();
        let file = home.path().join("cache/system-fonts.json");
        assert_eq!(names(&faces_at(&file, &roots)), ["LiberationSerif"]);
        assert_eq!(names(&faces_at(&file, &roots)), ["LiberationSerif"]);
    }
}
