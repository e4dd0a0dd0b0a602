//! Writes laid-out gongwen pages ([`gongwen_layout::Layout`]) as OFD (GB/T 33190-2016),
//! the national fixed-layout format, from the same layout as the PDF: the same pages,
//! lines and glyph positions.
//!
//! ```no_run
//! # fn demo(doc: &gongwen_ast::Document, laid: &gongwen_layout::Layout, fonts: &gongwen_layout::FontBook) {
//! let bytes = gongwen_ofd::ofd(laid, fonts, &gongwen_ofd::OfdOptions::for_document(doc)).unwrap();
//! # }
//! ```
//!
//! A long document is written as the layout sends its pages ([`OfdWriter`], a
//! [`gongwen_layout::PageSink`] for [`gongwen_layout::layout_pages`]), so that no more than
//! a few pages of glyphs are held at once: ids are given in the order the pages first use
//! them (a font's when a page first draws with its face), so each page's Content.xml is
//! final when it arrives, and is kept compressed, as it goes into the zip. 500,000 short
//! paragraphs (6.5 MB of XML) took 39 heap bytes per input byte when the pages were kept
//! as text until the fonts were numbered at the end, and take the PDF's 22 now.
//!
//! # What the file holds
//! A zip of XML parts, in this order: `OFD.xml` (DocInfo: DocID, title, author, creation
//! date, creator), `Doc_0/Document.xml` (page size, page list, the headings as Outlines),
//! `Doc_0/PublicRes.xml` (the fonts), `Doc_0/DocumentRes.xml` (empty, or a sealed copy's seal image),
//! `Doc_0/Pages/Page_N/Content.xml`, and the fonts under `Doc_0/Res/`. Every part is valid
//! against the standard's XSDs (`schema/ofd/`; the tests check them with xmllint).
//!
//! Text is real text: a TextObject per run of one face (module `content`), its TextCode
//! holding the characters with `X`/`Y`/`DeltaX` from the layout's glyph positions; a
//! CGTransform names the glyph only where the character cannot find it (the missing
//! glyph box). Every rule of the page model (an official copy's red rule and 版记 rules,
//! a table's rules) and a page number's dashes are PathObjects in their colours, and the
//! red issuer mark is red text.
//!
//! # Fonts
//! Readers are picky: easyofd's renderer registers embedded fonts through reportlab,
//! which takes TrueType outlines only, and the common desktop readers look a font up by
//! its name first. So each face the pages use is embedded as a TrueType subset built
//! here (module `truetype`): read-fonts evaluates the used glyphs' CFF charstrings (skrifa
//! draws other outlines), cubic curves become quadratic splines within two font units
//! (module `cu2qu`, the method of fonttools' cu2qu, tested against its error bound), and
//! the font is named by the face's family as
//! an installed copy names it (`FandolFang R`, `Liberation Serif`, or an office's own
//! 仿宋_GB2312). `gongwen-subset`'s programs stay CFF for Fandol, which is what the PDF
//! wants and what these readers refuse, so it is not used here.
//!
//! # Size and time (seed-002: 4 pages, 589 glyphs in 6 faces)
//! 240,567 bytes against the PDF's 275,674 (0.87×): quadratic TrueType outlines compress
//! better than the CFF charstrings. Evaluating a glyph's charstring and splitting its
//! curves is most of a fresh write, so the glyphs a write needs are converted on all
//! cores and kept for the process (module `cache`, keyed by the face's font data while it
//! lives) as finished `glyf` records; a subset is then those records copied, its small
//! tables built, and the whole compressed at libdeflate's fastest level. The charstrings
//! go straight from read-fonts' evaluator into the converter: skrifa's own drawing passes
//! every point through a transforming and a filtering stage and reads the private dict
//! again for every glyph, which cost as much again as the evaluation.
//!
//! Measured with valgrind's callgrind (instruction counts, repeatable on a loaded
//! machine) on `gongwen convert seed-002.txt` (release): 98.4 M instructions for the OFD
//! against 44.0 M for the PDF, 21 M of each being parsing and layout (135 M before the
//! charstrings were evaluated straight). A second copy of seed-002 in the same run
//! (`convert -j 1 --to ofd` of two copies, less one), whose glyphs are cached, adds 35.3 M
//! against the PDF's 36.3 M.
//! Of the OFD's first write, 21 M evaluate charstrings and 17 M deflate 358 KB of
//! TrueType, about what the PDF spends deflating its CFF subsets; the rest converts
//! curves and writes records. Criterion (the cached write) on a 2-core machine loaded to
//! 9: 9.7–11.0 ms against the PDF's 10.9 ms.
//!
//! # Bytes
//! The same input gives the same bytes: fixed zip timestamps, parts in a fixed order,
//! the DocID a checksum of the content, and the creation date only when the caller
//! gives one (the CLI takes it from `SOURCE_DATE_EPOCH`).

mod cache;
mod content;
mod cu2qu;
mod embed;
mod seal;
mod truetype;
mod xml;
mod zip;

use std::fmt::Write as _;

use gongwen_ast::Document;
use gongwen_layout::{FontBook, Layout, OutlineEntry, Page, PageSink};

use content::Ids;
use xml::{NS, escape, mm, numbers, um};
use zip::{Level, Packed};

/// What goes into the file besides the pages.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct OfdOptions {
    /// The document title for DocInfo.
    pub title: Option<String>,
    /// The author (the speaker or issuing organ).
    pub author: Option<String>,
    /// Creation date, seconds since 1970 UTC; the CLI fills it from `SOURCE_DATE_EPOCH`.
    /// `None` leaves the date out, so that the same input always gives the same bytes.
    pub creation_date: Option<i64>,
    /// The seal drawn over each sealed signature, where the layout marks its place: an
    /// ImageObject of one MultiMedia resource.
    pub seal: Option<gongwen_layout::SealImage>,
}

impl OfdOptions {
    /// Title and author from the document's meta.
    pub fn for_document(doc: &Document) -> OfdOptions {
        OfdOptions {
            title: doc.meta.title.clone(),
            author: doc.meta.speaker.clone(),
            creation_date: None,
            seal: None,
        }
    }
}

/// Why no OFD was written.
#[derive(Debug, thiserror::Error)]
pub enum OfdError {
    /// A face in the layout cannot be read.
    #[error("font {0} cannot be embedded")]
    Font(String),
    /// The page size is not a positive, finite size.
    #[error("page size {0} × {1} pt is not usable")]
    PageSize(f32, f32),
}

/// Writes `layout`, whose faces are in `fonts`, as OFD bytes.
pub fn ofd(layout: &Layout, fonts: &FontBook, options: &OfdOptions) -> Result<Vec<u8>, OfdError> {
    let mut writer = OfdWriter::new(layout.page_width, layout.page_height, fonts, options)?;
    for page in &layout.pages {
        writer.add(page);
    }
    writer.finish(&layout.outline)
}

/// An OFD written a page at a time, as the layout sends them
/// ([`gongwen_layout::layout_pages`]): each page becomes its Content.xml when it arrives
/// (module `content`), compressed, and its glyphs are recorded for the subsets; at the end
/// the fonts are subset and the file put together, byte for byte as [`ofd`] writes the
/// same pages.
pub struct OfdWriter<'f> {
    options: &'f OfdOptions,
    width: f32,
    height: f32,
    usage: embed::Usage<'f>,
    /// The document's ids: objects', fonts', the seal's.
    ids: Ids,
    /// Each page's id and compressed Content.xml.
    pages: Vec<(u32, Packed)>,
    /// The checksum of the pages' Content.xml so far, for the DocID.
    crc: libdeflater::Crc,
}

impl<'f> OfdWriter<'f> {
    /// A writer for pages of `width` × `height` points whose faces are in `fonts`, with
    /// `options` (a sealed copy's seal is drawn as the pages arrive).
    pub fn new(
        width: f32,
        height: f32,
        fonts: &'f FontBook,
        options: &'f OfdOptions,
    ) -> Result<OfdWriter<'f>, OfdError> {
        if !(width.is_finite() && height.is_finite() && width > 0.0 && height > 0.0) {
            return Err(OfdError::PageSize(width, height));
        }
        Ok(OfdWriter {
            options,
            width,
            height,
            usage: embed::Usage::new(fonts),
            ids: Ids::default(),
            pages: Vec::new(),
            crc: libdeflater::Crc::new(),
        })
    }

    /// Takes the next page.
    pub fn add(&mut self, page: &Page) {
        self.usage.add(page);
        let id = self.ids.next();
        let text = content::page(page, &self.usage, &mut self.ids, self.options.seal.as_ref());
        self.crc.update(text.as_bytes());
        self.pages.push((id, zip::pack(text.as_bytes(), Level::Text)));
    }

    /// Writes the file: the fonts, the pages, the headings of `outline` as the outline.
    pub fn finish(self, outline: &[OutlineEntry]) -> Result<Vec<u8>, OfdError> {
        let options = self.options;
        let used = self.usage.into_used(&self.ids.fonts)?;
        let seal = options
            .seal
            .as_ref()
            .zip(self.ids.seal)
            .map(|(image, id)| seal::Resource { id, image });
        let page_ids: Vec<u32> = self.pages.iter().map(|p| p.0).collect();
        let document = document(self.width, self.height, outline, &page_ids, self.ids.last);
        let public_res = public_res(&used);

        let mut crc = self.crc;
        let text_crc = crc.sum();
        for u in &used {
            crc.update(&u.program);
        }
        let all_crc = crc.sum();
        let meta = format!(
            "{}\u{0}{}",
            options.title.as_deref().unwrap_or(""),
            options.author.as_deref().unwrap_or("")
        );
        let doc_id = format!(
            "{:08x}{:08x}{:08x}{:08x}",
            text_crc,
            all_crc,
            libdeflater::crc32(meta.as_bytes()),
            libdeflater::adler32(document.as_bytes())
        );

        let fonts_len: usize = used.iter().map(|u| u.program.len()).sum();
        let pages_len: usize = self.pages.iter().map(|(_, p)| p.len() + 128).sum();
        let mut zip = zip::Zip::new(fonts_len / 2 + pages_len + 64 * 1024);
        zip.add("OFD.xml", ofd_xml(options, &doc_id).as_bytes(), Level::Text);
        zip.add("Doc_0/Document.xml", document.as_bytes(), Level::Text);
        zip.add("Doc_0/PublicRes.xml", public_res.as_bytes(), Level::Text);
        zip.add("Doc_0/DocumentRes.xml", seal::document_res(seal).as_bytes(), Level::Text);
        // Each page let go once it is in, so that the pages are not held twice.
        for (i, (_, page)) in self.pages.into_iter().enumerate() {
            zip.add_packed(&format!("Doc_0/Pages/Page_{i}/Content.xml"), &page);
        }
        for u in &used {
            zip.add(&format!("Doc_0/Res/{}", u.file_name()), &u.program, Level::Font);
        }
        if let Some(seal) = seal {
            zip.add(&format!("Doc_0/Res/{}", seal::FILE), seal.image.png(), Level::Font);
        }
        Ok(zip.finish())
    }
}

impl PageSink for OfdWriter<'_> {
    fn page(&mut self, page: Page) {
        self.add(&page);
    }
}

/// The entry part: DocInfo and where the document's root is.
fn ofd_xml(options: &OfdOptions, doc_id: &str) -> String {
    let mut out = format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<ofd:OFD xmlns:ofd=\"{NS}\" Version=\"1.0\" DocType=\"OFD\"><ofd:DocBody><ofd:DocInfo><ofd:DocID>{doc_id}</ofd:DocID>"
    );
    if let Some(title) = &options.title {
        out.push_str("<ofd:Title>");
        escape(&mut out, title);
        out.push_str("</ofd:Title>");
    }
    if let Some(author) = &options.author {
        out.push_str("<ofd:Author>");
        escape(&mut out, author);
        out.push_str("</ofd:Author>");
    }
    if let Some(secs) = options.creation_date {
        let t = gongwen_ast::UtcDateTime::from_unix(secs);
        let _ = write!(
            out,
            "<ofd:CreationDate>{:04}-{:02}-{:02}</ofd:CreationDate>",
            t.year.clamp(0, 9999),
            t.month,
            t.day
        );
    }
    let _ = writeln!(
        out,
        "<ofd:Creator>gongwen</ofd:Creator><ofd:CreatorVersion>{}</ofd:CreatorVersion></ofd:DocInfo><ofd:DocRoot>Doc_0/Document.xml</ofd:DocRoot></ofd:DocBody></ofd:OFD>",
        env!("CARGO_PKG_VERSION")
    );
    out
}

/// Document.xml: page size, the pages, and the headings as a nested outline.
fn document(
    width: f32,
    height: f32,
    outline: &[OutlineEntry],
    page_ids: &[u32],
    max_id: u32,
) -> String {
    let mut out = format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<ofd:Document xmlns:ofd=\"{NS}\"><ofd:CommonData><ofd:MaxUnitID>{max_id}</ofd:MaxUnitID><ofd:PageArea><ofd:PhysicalBox>"
    );
    numbers(&mut out, &[0, 0, um(width), um(height)]);
    out.push_str("</ofd:PhysicalBox></ofd:PageArea><ofd:PublicRes>PublicRes.xml</ofd:PublicRes><ofd:DocumentRes>DocumentRes.xml</ofd:DocumentRes></ofd:CommonData>\n<ofd:Pages>");
    for (i, id) in page_ids.iter().enumerate() {
        let _ = write!(out, "<ofd:Page ID=\"{id}\" BaseLoc=\"Pages/Page_{i}/Content.xml\"/>");
    }
    out.push_str("</ofd:Pages>\n");
    if !outline.is_empty() {
        out.push_str("<ofd:Outlines>");
        outline_elems(&mut out, outline, page_ids);
        out.push_str("</ofd:Outlines>\n<ofd:VPreferences><ofd:PageMode>UseOutlines</ofd:PageMode></ofd:VPreferences>");
    }
    out.push_str("</ofd:Document>\n");
    out
}

/// The headings nested by level: each under the nearest earlier heading of a lower level.
fn outline_elems(out: &mut String, entries: &[OutlineEntry], page_ids: &[u32]) {
    let mut open: Vec<u8> = Vec::new();
    for e in entries {
        while open.last().is_some_and(|&l| l >= e.level) {
            out.push_str("</ofd:OutlineElem>");
            open.pop();
        }
        out.push_str("<ofd:OutlineElem Title=\"");
        escape(out, &e.title);
        out.push_str("\">");
        if let Some(page) = page_ids.get(e.page) {
            let _ = write!(
                out,
                "<ofd:Actions><ofd:Action Event=\"CLICK\"><ofd:Goto><ofd:Dest Type=\"XYZ\" PageID=\"{page}\" Left=\"0\" Top=\""
            );
            mm(out, um(e.y));
            out.push_str("\"/></ofd:Goto></ofd:Action></ofd:Actions>");
        }
        open.push(e.level);
    }
    for _ in open {
        out.push_str("</ofd:OutlineElem>");
    }
}

/// PublicRes.xml: the fonts, each with its TrueType file under `Res/`.
fn public_res(used: &[embed::Used]) -> String {
    let mut out = format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<ofd:Res xmlns:ofd=\"{NS}\" BaseLoc=\"Res\">"
    );
    if !used.is_empty() {
        out.push_str("<ofd:Fonts>");
        for u in used {
            let _ = write!(out, "<ofd:Font ID=\"{}\" FontName=\"", u.id);
            escape(&mut out, &u.names.family);
            out.push_str("\" FamilyName=\"");
            escape(&mut out, &u.names.typographic);
            out.push('"');
            if u.names.bold {
                out.push_str(" Bold=\"true\"");
            }
            let _ = write!(out, "><ofd:FontFile>{}</ofd:FontFile></ofd:Font>", u.file_name());
        }
        out.push_str("</ofd:Fonts>");
    }
    out.push_str("</ofd:Res>\n");
    out
}
