//! Writes laid-out gongwen pages ([`gongwen_layout::Layout`]) as a PDF.
//!
//! The file embeds only the glyphs it uses, each subset named `TAG+PostScriptName` with
//! the tag derived from the glyph set; maps every glyph back to its character so that
//! `pdftotext` returns the text in reading order; carries a nested outline of the
//! headings in document order and the title and author in its info dictionary; and is
//! byte-for-byte the same for the same input.
//!
//! # Why krilla and not printpdf
//! The project first named printpdf 0.12.8. On that version three of the file's
//! requirements each need a post-processing step: it writes a random document and
//! instance id into every file (so bytes differ from run to run), names font subsets with
//! random letters, and writes a flat outline sorted by page and name (三、 before 二、).
//! Fixing all three means parsing its output back with lopdf and rewriting it — more than
//! one small module, and a second pass over a file that is mostly font data. krilla does
//! all three itself: ids are hashes of the content, subset tags are hashes of the glyph
//! set, outlines nest in the order given. It also subsets CID-keyed CFF fonts such as
//! Fandol with the same subsetter Typst uses, so the font data is the floor the issue
//! measured. krilla is used with `default-features = false`: no image codecs, no shaper
//! (the layout places every glyph itself), and with flate2's zlib-rs backend. It works
//! on one thread: the batch mode of the CLI runs files in parallel instead.
//!
//! # Where the time and the bytes go (seed-002: 4 pages, ~530 distinct characters)
//! Measured on a shared 2-core machine (load 2–3, so wall times are noisy): criterion
//! (`cargo bench -p gongwen-pdf`) gives layout 0.3–0.4 ms and parse + fonts + layout +
//! PDF 32 ms in-process; `perf stat -r 20` of the `sample_pdf` example (a whole process:
//! read, parse, lay out, write) 34 ms of CPU. Typst takes ~280 ms. Of the writing time,
//! deflate is about a quarter (40 % and twice as long with the default miniz_oxide
//! backend), CFF subsetting a fifth, glyph bounding boxes a tenth, allocation and page
//! faults much of the rest — all inside krilla and its subsetter. The file is
//! 284 695 bytes, of which ~264 KB are the compressed font subsets (FandolFang alone
//! 225 KB, ~430 bytes a glyph); the rest is 5 KB of ToUnicode maps, 7 KB of page
//! content and 9 KB of dictionaries, outline and cross-reference table.

use gongwen_ast::Document;
use gongwen_layout::{FontBook, Layout};
use krilla::destination::XyzDestination;
use krilla::geom::{Point, Size};
use krilla::metadata::{DateTime, Metadata};
use krilla::outline::{Outline, OutlineNode};
use krilla::page::PageSettings;
use krilla::paint::{Fill, Stroke};
use krilla::text::{Font, GlyphId, KrillaGlyph};
use krilla::{Data, SerializeSettings};

/// What goes into the file besides the pages.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct PdfOptions {
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
        }
    }
}

/// Why no PDF was written.
#[derive(Debug, thiserror::Error)]
pub enum PdfError {
    /// A face in the layout is not in the font book, or the PDF library cannot read it.
    #[error("font {0} cannot be embedded")]
    Font(String),
    /// The page size is not a positive, finite size.
    #[error("page size {0} × {1} pt is not usable")]
    PageSize(f32, f32),
    /// The PDF library refused the document (a font it cannot subset, a limit exceeded).
    #[error("PDF writer: {0}")]
    Writer(String),
}

/// Writes `layout`, whose faces are in `fonts`, as PDF bytes.
pub fn pdf(layout: &Layout, fonts: &FontBook, options: &PdfOptions) -> Result<Vec<u8>, PdfError> {
    let settings = SerializeSettings {
        xmp_metadata: false,
        enable_tagging: false,
        ..SerializeSettings::default()
    };
    let mut document = krilla::Document::new_with(settings);
    let size = Size::from_wh(layout.page_width, layout.page_height)
        .ok_or(PdfError::PageSize(layout.page_width, layout.page_height))?;
    let mut faces: Vec<Option<Font>> = vec![None; fonts.faces().len()];
    let mut glyphs = Vec::new();
    let mut text = String::new();
    for page in &layout.pages {
        let mut krilla_page = document.start_page_with(PageSettings::new(size));
        let mut surface = krilla_page.surface();
        for line in &page.lines {
            for run in &line.runs {
                let font = font(&mut faces, fonts, run.face)?;
                let Some(first) = run.glyphs.first() else { continue };
                glyphs.clear();
                text.clear();
                // Advances rounded to 1/256 pt: binary fractions, so that the glyph
                // adjustments krilla derives from them are exact short numbers, the same
                // all along a line, and compress well. A line drifts by under 0.1 pt.
                for (i, g) in run.glyphs.iter().enumerate() {
                    let start = text.len();
                    text.push(g.ch);
                    let next = run.glyphs.get(i + 1).map_or(g.x + g.advance, |n| n.x);
                    let advance = ((next - g.x) * 256.0).round() / 256.0;
                    glyphs.push(KrillaGlyph::new(
                        GlyphId::new(u32::from(g.id)),
                        advance / run.size,
                        0.0,
                        0.0,
                        0.0,
                        start..text.len(),
                        None,
                    ));
                }
                let stroke =
                    (run.stroke > 0.0).then(|| Stroke { width: run.stroke, ..Stroke::default() });
                surface.set_stroke(stroke);
                surface.set_fill(Some(Fill::default()));
                let origin = Point::from_xy(first.x, line.baseline);
                surface.draw_glyphs(origin, &glyphs, font, &text, run.size, false);
            }
        }
        surface.finish();
        krilla_page.finish();
    }
    document.set_outline(outline(layout));
    document.set_metadata(metadata(options));
    document.finish().map_err(|e| PdfError::Writer(format!("{e:?}")))
}

/// The krilla font for a face, read once.
fn font(
    faces: &mut [Option<Font>],
    fonts: &FontBook,
    id: gongwen_layout::FaceId,
) -> Result<Font, PdfError> {
    let slot =
        faces.get_mut(id.index()).ok_or_else(|| PdfError::Font(format!("#{}", id.index())))?;
    if let Some(font) = slot {
        return Ok(font.clone());
    }
    let face = fonts.face(id);
    let font = Font::new(Data::from(face.data().clone()), face.index())
        .ok_or_else(|| PdfError::Font(face.postscript_name().to_string()))?;
    *slot = Some(font.clone());
    Ok(font)
}

/// Headings nested by level, in document order: each heading goes under the nearest
/// earlier heading of a lower level.
fn outline(layout: &Layout) -> Outline {
    fn node(layout: &Layout, i: usize) -> OutlineNode {
        let e = &layout.outline[i];
        OutlineNode::new(e.title.clone(), XyzDestination::new(e.page, Point::from_xy(0.0, e.y)))
    }
    // Builds the children of the entry before `*i` whose level is below `level`.
    fn children(layout: &Layout, i: &mut usize, level: u8) -> Vec<OutlineNode> {
        let mut out = Vec::new();
        while *i < layout.outline.len() && layout.outline[*i].level > level {
            let this = *i;
            *i += 1;
            let mut n = node(layout, this);
            for child in children(layout, i, layout.outline[this].level) {
                n.push_child(child);
            }
            out.push(n);
        }
        out
    }
    let mut outline = Outline::new();
    let mut i = 0;
    for n in children(layout, &mut i, 0) {
        outline.push_child(n);
    }
    outline
}

fn metadata(options: &PdfOptions) -> Metadata {
    let mut m = Metadata::new().producer(format!("gongwen {}", env!("CARGO_PKG_VERSION")));
    if let Some(title) = &options.title {
        m = m.title(title.clone());
    }
    if let Some(author) = &options.author {
        m = m.authors(vec![author.clone()]);
    }
    if let Some(secs) = options.creation_date {
        m = m.creation_date(date(secs));
    }
    m
}

/// A UTC date from seconds since 1970 (civil-from-days, proleptic Gregorian).
fn date(secs: i64) -> DateTime {
    let days = secs.div_euclid(86_400);
    let rem = secs.rem_euclid(86_400);
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1_460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    DateTime::new(year.clamp(0, 9999) as u16)
        .month(month as u8)
        .day(day as u8)
        .hour((rem / 3_600) as u8)
        .minute((rem % 3_600 / 60) as u8)
        .second((rem % 60) as u8)
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
