//! Writes laid-out gongwen pages ([`gongwen_layout::Layout`]) as a PDF.
//!
//! The file embeds only the glyphs it uses, each subset named `TAG+PostScriptName` with
//! the tag derived from the glyph set; maps every glyph back to its character so that
//! `pdftotext` returns the text in reading order; carries a nested outline of the
//! headings in document order and the title and author in its info dictionary; and is
//! byte-for-byte the same for the same input.
//!
//! # How it is written
//! With pdf-writer (the low-level writer under Typst and krilla) and the project's own
//! subsetter, `gongwen-subset`. The steps are small modules: `embed` numbers the glyphs
//! each face draws and writes the font dictionaries, width arrays and ToUnicode maps;
//! `content` writes each page as text runs; `file` packs the dictionaries into one
//! compressed object stream behind a cross-reference stream (PDF 1.5). [`PdfWriter`] takes
//! the pages one at a time as the layout sends them, keeping each as its content's
//! operators and two-byte glyph ids until the end (the glyphs are numbered in the order of
//! the whole document's characters, and the fonts come first in the file): a 16 MB
//! paragraph's PDF once held 16 bytes of layout a glyph for every page at once.
//!
//! # Why not printpdf or krilla
//! printpdf 0.12.8 writes random document ids and subset names and a flat outline sorted
//! by page and name, each needing a pass over its output to fix. krilla, used first, gets
//! all three right, but it subsets Fandol by decompiling and recompiling every charstring
//! (10–14 ms for the 490 glyphs of seed-002), compresses at a fixed level and writes every
//! dictionary as its own object: seed-002 took 32 ms in-process and 284,695 bytes, 20.7 KB
//! of it besides the fonts, against targets of 30 ms and 15 KB. Fandol has no subroutines,
//! so copying its charstrings is a complete subset (37 µs); the rest is what this crate does.
//!
//! # Where the time and the bytes go (seed-002: 4 pages, 583 glyphs in 6 faces)
//! The file is 287,978 bytes: 276 KB of compressed font programs (327,837 bytes before
//! compression; FandolFang alone 282 KB), 10.3 KB of compressed page content and
//! ToUnicode maps, and the dictionaries in one object stream. The font programs are
//! Huffman-coded without LZ77 (`huffman`): 4 % larger than libdeflate's level 1 and a
//! fifth of the instructions (callgrind of `gongwen convert seed-002.txt -o x.pdf`, whole
//! process: 35.5 M before, 24.7 M after; compression 18.1 M before, 7.6 M after). Stored
//! programs would cost nothing to write but make the file 23 % larger (327.9 KB of fonts);
//! deflate blocks made once per glyph (full flushes, joined at run time) shrink the
//! charstrings only 5 % (301.6 KB), since each block carries its own code table, against
//! 15.5 % for one table per subset. Text streams use libdeflate's level 1 (`file::Kind`).

use gongwen_ast::Document;
use gongwen_layout::{FontBook, Layout, OutlineEntry, Page, PageSink};
use pdf_writer::types::PageMode;
use pdf_writer::{Date, Name, Rect, Ref, TextStr};

mod content;
mod embed;
mod file;
mod huffman;
mod official;

use file::File;

/// What goes into the file besides the pages.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct PdfOptions {
    /// The seal drawn over each sealed signature (GB/T 9704 §7.3.5.1), where the layout
    /// marks its place.
    pub seal: Option<gongwen_layout::SealImage>,
    /// The document title for the info dictionary.
    pub title: Option<String>,
    /// The author (the speaker or issuing organ).
    pub author: Option<String>,
    /// Creation date, seconds since 1970 UTC; the CLI fills it from `SOURCE_DATE_EPOCH`.
    /// `None` leaves the date out, so that the same input always gives the same bytes.
    pub creation_date: Option<i64>,
}

impl PdfOptions {
    /// Title and author from the document's meta.
    pub fn for_document(doc: &Document) -> PdfOptions {
        PdfOptions {
            title: doc.meta.title.clone(),
            author: doc.meta.speaker.clone(),
            creation_date: None,
            seal: None,
        }
    }
}

/// Why no PDF was written.
#[derive(Debug, thiserror::Error)]
pub enum PdfError {
    /// A face in the layout cannot be read or subset.
    #[error("font {0} cannot be embedded")]
    Font(String),
    /// The page size is not a positive, finite size.
    #[error("page size {0} × {1} pt is not usable")]
    PageSize(f32, f32),
}

/// Writes `layout`, whose faces are in `fonts`, as PDF bytes.
pub fn pdf(layout: &Layout, fonts: &FontBook, options: &PdfOptions) -> Result<Vec<u8>, PdfError> {
    let mut writer = PdfWriter::new(layout.page_width, layout.page_height, fonts)?;
    for page in &layout.pages {
        writer.add(page);
    }
    writer.finish(&layout.outline, options)
}

/// A PDF written a page at a time, as the layout sends them ([`gongwen_layout::layout_pages`]):
/// each page is kept as its content's operators and glyph ids (see `content`) until the
/// end, when the fonts are subset to the glyphs every page drew and the file is put
/// together, byte for byte as [`pdf`] writes the same pages.
pub struct PdfWriter<'f> {
    fonts: &'f FontBook,
    width: f32,
    height: f32,
    usage: embed::Usage,
    pages: Vec<content::Recorded>,
    /// Each page's seals, drawn when the options give a seal image.
    seals: Vec<Vec<gongwen_layout::Seal>>,
}

impl<'f> PdfWriter<'f> {
    /// A writer for pages of `width` × `height` points whose faces are in `fonts`.
    pub fn new(width: f32, height: f32, fonts: &'f FontBook) -> Result<PdfWriter<'f>, PdfError> {
        if !(width.is_finite() && height.is_finite() && width > 0.0 && height > 0.0) {
            return Err(PdfError::PageSize(width, height));
        }
        Ok(PdfWriter {
            fonts,
            width,
            height,
            usage: embed::Usage::default(),
            pages: Vec::new(),
            seals: Vec::new(),
        })
    }

    /// Takes the next page.
    pub fn add(&mut self, page: &Page) {
        self.usage.add(page);
        self.pages.push(content::record(page, self.height, &self.usage));
        self.seals.push(page.seals.clone());
    }

    /// Writes the file: the fonts, the pages, the headings of `outline` as bookmarks.
    pub fn finish(
        self,
        outline: &[OutlineEntry],
        options: &PdfOptions,
    ) -> Result<Vec<u8>, PdfError> {
        let (width, height) = (self.width, self.height);
        let fonts = self.fonts;
        let used = self.usage.into_used();
        // Each face is cut and written before the next, so that one subset is held at a
        // time: fresh memory is a tenth of a one-page PDF's time. The file grows by
        // remapping, not copying, once it is large.
        let mut file = File::new(64 * 1024);
        let mut id = Fnv::new();
        let mut font_refs = Vec::with_capacity(used.len());
        for u in &used {
            let subset = embed::subset(u, fonts)?;
            id.write(&subset.tag);
            font_refs.push((u.resource.as_str(), embed::write(&mut file, u, &subset, fonts)?));
        }

        let catalog = file.alloc();
        let info = file.alloc();
        let tree = file.alloc();
        let page_ids: Vec<Ref> = self.pages.iter().map(|_| file.alloc()).collect();
        let sealed = self.seals.iter().any(|s| !s.is_empty());
        let seal = official::seal_image(&mut file, sealed, options.seal.as_ref(), &mut id);
        let pages = self.pages.into_iter().zip(&self.seals);
        for ((page, seals), &page_id) in pages.zip(&page_ids) {
            let mut data = content::write(&page, &used, height);
            drop(page);
            official::draw_seals(&mut data, seals, height, seal.and(options.seal.as_ref()));
            id.write(&data);
            let content_id = file.alloc();
            file.stream(content_id, file::Kind::Text, &data, |_| {});
            file.object(page_id, |obj| {
                let mut p = obj.start::<pdf_writer::writers::Page>();
                p.parent(tree);
                p.contents(content_id);
            });
        }
        // Size and fonts are given once, on the page tree, and inherited by every page.
        file.object(tree, |obj| {
            let mut pages = obj.start::<pdf_writer::writers::Pages>();
            pages.kids(page_ids.iter().copied()).count(page_ids.len() as i32);
            pages.media_box(Rect::new(0.0, 0.0, width, height));
            let mut resources = pages.resources();
            let mut font_dict = resources.fonts();
            for (name, font) in &font_refs {
                font_dict.pair(Name(name.as_bytes()), *font);
            }
            drop(font_dict);
            if let Some(seal) = seal {
                resources.x_objects().pair(Name(official::SEAL), seal);
            }
        });

        let outline = outline::write(&mut file, outline, height, &page_ids);
        file.object(catalog, |obj| {
            let mut c = obj.start::<pdf_writer::writers::Catalog>();
            c.pages(tree);
            c.lang(TextStr("zh-CN"));
            if let Some(outline) = outline {
                c.outlines(outline);
                c.page_mode(PageMode::UseOutlines);
            }
            if options.title.is_some() {
                c.viewer_preferences().display_doc_title(true);
            }
        });
        file.object(info, |obj| {
            let mut i = obj.start::<pdf_writer::writers::DocumentInfo>();
            if let Some(title) = &options.title {
                i.title(TextStr(title));
            }
            if let Some(author) = &options.author {
                i.author(TextStr(author));
            }
            i.producer(TextStr(concat!("gongwen ", env!("CARGO_PKG_VERSION"))));
            if let Some(secs) = options.creation_date {
                i.creation_date(date(secs));
            }
        });
        for text in [&options.title, &options.author].into_iter().flatten() {
            id.write(text.as_bytes());
        }
        Ok(file.finish(catalog, info, id.finish128()))
    }
}

impl PageSink for PdfWriter<'_> {
    fn page(&mut self, page: Page) {
        self.add(&page);
    }
}

mod outline {
    //! Bookmarks: the headings nested by level, in document order.

    use gongwen_layout::OutlineEntry;
    use pdf_writer::{Ref, TextStr};

    use crate::file::File;

    /// Writes the outline of the headings `entries`, if there are any, on pages
    /// `page_height` high, and returns its id.
    pub(crate) fn write(
        file: &mut File,
        entries: &[OutlineEntry],
        page_height: f32,
        pages: &[Ref],
    ) -> Option<Ref> {
        if entries.is_empty() {
            return None;
        }
        let root = file.alloc();
        let ids: Vec<Ref> = entries.iter().map(|_| file.alloc()).collect();
        // One pass links the tree: each heading's parent is the nearest earlier heading of
        // a lower level; it follows its parent's previous child; its subtree ends at the
        // next heading of its level or above.
        let n = entries.len();
        let mut parent: Vec<Option<usize>> = vec![None; n];
        let (mut prev, mut next) = (vec![None; n], vec![None; n]);
        let (mut first_kid, mut last_kid) = (vec![None; n], vec![None; n]);
        let (mut top_first, mut top_last) = (None, None);
        let mut end = vec![n; n];
        let mut stack: Vec<usize> = Vec::new();
        for (i, e) in entries.iter().enumerate() {
            while let Some(&s) = stack.last().filter(|&&s| entries[s].level >= e.level) {
                end[s] = i;
                stack.pop();
            }
            parent[i] = stack.last().copied();
            let (first, last) = match parent[i] {
                Some(p) => (&mut first_kid[p], &mut last_kid[p]),
                None => (&mut top_first, &mut top_last),
            };
            match *last {
                Some(l) => {
                    prev[i] = Some(l);
                    next[l] = Some(i);
                }
                None => *first = Some(i),
            }
            *last = Some(i);
            stack.push(i);
        }
        file.object(root, |obj| {
            let mut o = obj.start::<pdf_writer::writers::Outline>();
            if let (Some(first), Some(last)) = (top_first, top_last) {
                o.first(ids[first]).last(ids[last]);
            }
            o.count(n as i32);
        });
        for (i, e) in entries.iter().enumerate() {
            let page = pages.get(e.page).copied();
            file.object(ids[i], |obj| {
                let mut item = obj.start::<pdf_writer::writers::OutlineItem>();
                item.title(TextStr(&e.title));
                item.parent(parent[i].map_or(root, |p| ids[p]));
                if let Some(p) = prev[i] {
                    item.prev(ids[p]);
                }
                if let Some(n) = next[i] {
                    item.next(ids[n]);
                }
                // Every item is open, so each counts all its descendants.
                if let (Some(first), Some(last)) = (first_kid[i], last_kid[i]) {
                    item.first(ids[first]).last(ids[last]).count((end[i] - i - 1) as i32);
                }
                if let Some(page) = page {
                    item.dest().page(page).xyz(0.0, page_height - e.y, None);
                }
            });
        }
        Some(root)
    }
}

/// FNV-1a, for subset tags and the file identifier: stable across platforms and Rust
/// versions, which `std`'s hasher does not promise.
pub(crate) struct Fnv(u64, u64);

impl Fnv {
    pub(crate) fn new() -> Fnv {
        Fnv(0xcbf2_9ce4_8422_2325, 0x6c62_272e_07bb_0142)
    }

    pub(crate) fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = (self.0 ^ u64::from(b)).wrapping_mul(0x100_0000_01b3);
            self.1 = (self.1 ^ u64::from(b)).wrapping_mul(0x100_0000_01b3).rotate_left(5);
        }
    }

    pub(crate) fn finish(&self) -> u64 {
        self.0
    }

    fn finish128(&self) -> [u8; 16] {
        let mut out = [0; 16];
        out[..8].copy_from_slice(&self.0.to_be_bytes());
        out[8..].copy_from_slice(&self.1.to_be_bytes());
        out
    }
}

/// A UTC date from seconds since 1970.
fn date(secs: i64) -> Date {
    let t = gongwen_ast::UtcDateTime::from_unix(secs);
    Date::new(t.year.clamp(0, 9999) as u16)
        .month(t.month)
        .day(t.day)
        .hour(t.hour)
        .minute(t.minute)
        .second(t.second)
        .utc_offset_hour(0)
        .utc_offset_minute(0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_from_epoch_seconds() {
        let d = format!("{:?}", date(1_700_000_000));
        // 2023-11-14 22:13:20 UTC
        for part in ["2023", "11", "14", "22", "13", "20"] {
            assert!(d.contains(part), "{d}");
        }
        assert!(format!("{:?}", date(0)).contains("1970"));
    }
}
