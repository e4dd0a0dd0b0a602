//! Print rules over every sample and test case, read back from the PDF by poppler
//! (pdftotext -bbox, pdffonts): no page ends with a heading, no page holds only end
//! matter, no word's box leaves the text block, and the page number is set in the 宋体
//! stand-in 7 mm below the block. And the grid keys of the style profile drive both
//! renderers: with `lines_per_page = 20` and `chars_per_line = 25`, seed-004 has 20 body
//! lines a full page and 25 characters a full line, in our PDF and in LibreOffice's
//! rendering of our DOCX. The tools are required: a missing one fails the test.

#[path = "../../../tests/support/print.rs"]
mod print;

use std::collections::BTreeMap;
use std::path::Path;
use std::process::Command;

use gongwen_ast::{Block, Document};
use gongwen_layout::{Role, layout};
use gongwen_pdf::{PdfOptions, pdf};
use gongwen_style::{PT_PER_MM, StyleProfile};
use print::{Word, lines, pdf_pages, repo_root, run};

#[path = "../../../tests/support/samples.rs"]
mod samples;
use samples::book;

/// Every `samples/*.txt` and `tests/cases/*.txt`, parsed.
fn inputs() -> Vec<(String, Document)> {
    samples::samples_and_cases()
}

#[test]
fn pages_keep_headings_and_end_matter_and_stay_in_the_block() {
    let fonts = book();
    let profile = StyleProfile::default();
    let page = &profile.page;
    let left = page.margin_left_mm * PT_PER_MM;
    let right = (page.width_mm - page.margin_right_mm) * PT_PER_MM;
    let bottom = (page.margin_top_mm + page.text_height_mm()) * PT_PER_MM;
    let dir = tempfile::tempdir().unwrap();
    let mut checked_pages = 0;
    for (name, doc) in inputs() {
        let laid = layout(&doc, &profile, &fonts);
        let bytes = pdf(&laid, &fonts, &PdfOptions::for_document(&doc)).expect("PDF");
        let path = dir.path().join(format!("{name}.pdf"));
        std::fs::write(&path, &bytes).unwrap();
        let headings: Vec<String> = doc
            .blocks
            .iter()
            .filter_map(|b| match b {
                Block::Heading(h) if !h.run_in => {
                    Some(format!("{}{}", h.label.canonical(), h.content.text()).replace(' ', ""))
                }
                _ => None,
            })
            .collect();
        let end_start = doc
            .blocks
            .iter()
            .position(|b| matches!(b, Block::Attachment(_) | Block::Signature(_) | Block::Date(_)));
        let end_matter: String = end_start
            .map(|e| {
                // An official copy's attachments open pages of their own, and its 版记
                // (抄送, 印发) stands alone on the last page by the standard: neither is
                // the end matter that must keep body lines with it.
                doc.blocks[e..]
                    .iter()
                    .take_while(|b| !matches!(b, Block::Appendix(_)))
                    .filter(|b| !matches!(b, Block::Cc(_) | Block::Printed(_)))
                    .map(Block::plain_text)
                    .collect::<String>()
            })
            .unwrap_or_default()
            .replace([' ', '\n'], "");
        let pages = pdf_pages(&path);
        assert_eq!(pages.len(), laid.pages.len(), "{name}");
        for (i, page) in pages.iter().enumerate() {
            checked_pages += 1;
            let (body, number): (Vec<&Word>, Vec<&Word>) =
                page.words.iter().partition(|w| w.y_min < bottom);
            for w in &body {
                assert!(
                    // Each glyph's em box, to a rounding: the last one's ends within
                    // the block despite the grid's negative tracking.
                    w.x_min >= left - 0.05 && w.x_max <= right + 0.05,
                    "{name} page {}: “{}” spans {:.2}–{:.2}, the block {left:.2}–{right:.2}",
                    i + 1,
                    w.text,
                    w.x_min,
                    w.x_max
                );
            }
            let text_lines: Vec<String> =
                lines(page, 0.0, bottom).into_iter().map(|l| l.text).collect();
            // An official copy leaves its 版记 page, and the blank page before it, unnumbered.
            let numbered = laid.pages[i].lines.last().is_some_and(|l| l.role == Role::PageNumber);
            let Some(last) = text_lines.last() else {
                assert!(!numbered && number.is_empty(), "{name} page {}: a blank page", i + 1);
                continue;
            };
            if i + 1 < pages.len() {
                assert!(
                    !headings.iter().any(|h| h == last),
                    "{name} page {} ends with the heading {last}",
                    i + 1
                );
            }
            if !end_matter.is_empty() {
                let all_end = text_lines.iter().all(|t| end_matter.contains(t.as_str()));
                assert!(!all_end, "{name} page {} holds only end matter", i + 1);
            }
            // The page number: "— N —" under the block, its digits' top 7 mm below it.
            let digits: String = number.iter().map(|w| w.text.as_str()).collect();
            if !numbered {
                assert_eq!(digits, "", "{name} page {} is not numbered", i + 1);
                continue;
            }
            assert_eq!(digits, format!("—{}—", i + 1), "{name} page {}", i + 1);
            let line = laid.pages[i].lines.last().expect("page number line");
            assert_eq!(line.role, Role::PageNumber);
            for run in &line.runs {
                let face = fonts.face(run.face).postscript_name();
                assert_eq!(face, "FandolSong-Regular", "{name}: the page number is set in 宋体");
            }
        }
        let faces = run(Command::new("pdffonts").arg(&path), "pdffonts (poppler-utils)");
        assert!(faces.contains("+FandolSong-Regular"), "{name}: {faces}");
    }
    assert!(checked_pages >= 50, "{checked_pages} pages");
}

#[test]
fn the_page_numbers_digits_stand_7_mm_below_the_block() {
    let fonts = book();
    let profile = StyleProfile::default();
    let page = &profile.page;
    let bottom = (page.margin_top_mm + page.text_height_mm()) * PT_PER_MM;
    let (name, doc) = inputs().into_iter().next().expect("an input");
    let laid = layout(&doc, &profile, &fonts);
    let bytes = pdf(&laid, &fonts, &PdfOptions::for_document(&doc)).expect("PDF");
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("n.pdf");
    std::fs::write(&path, &bytes).unwrap();
    let png = dir.path().join("p");
    // The digits' ink, as poppler renders page 1 at 720 dpi (10 px a point), in a box
    // around the page number.
    let number = pdf_pages(&path)[0]
        .words
        .iter()
        .find(|w| w.text == "1")
        .map(|w| (w.x_min, w.x_max))
        .expect("the number 1 on page 1");
    let status = Command::new("pdftoppm")
        .args(["-r", "720", "-f", "1", "-l", "1", "-gray", "-x"])
        .arg(format!("{}", (number.0 * 10.0) as i32))
        .args(["-y", &format!("{}", (bottom * 10.0) as i32), "-W"])
        .arg(format!("{}", ((number.1 - number.0) * 10.0) as i32 + 1))
        .args(["-H", "600"])
        .arg(&path)
        .arg(&png)
        .status()
        .expect("pdftoppm must be installed (poppler-utils)");
    assert!(status.success(), "{name}");
    let file = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().path())
        .find(|p| p.extension().is_some_and(|e| e == "pgm"))
        .expect("pdftoppm wrote a PGM");
    let data = std::fs::read(file).unwrap();
    // Binary PGM: "P5\n W H\n255\n" then rows.
    let header: Vec<&[u8]> = data.splitn(4, |&b| b == b'\n').collect();
    let dims: Vec<usize> =
        std::str::from_utf8(header[1]).unwrap().split(' ').map(|n| n.parse().unwrap()).collect();
    let pixels = header[3];
    let first_ink_row = (0..dims[1])
        .find(|&row| pixels[row * dims[0]..(row + 1) * dims[0]].iter().any(|&p| p < 128))
        .expect("the digit has ink");
    let mm = first_ink_row as f32 / 10.0 / PT_PER_MM;
    assert!((mm - profile.page_number.below_text_mm).abs() <= 0.3, "digit top {mm:.2} mm below");
}

/// The most lines a page of `pdf` holds inside the text block, the most common count of
/// characters on a body line, and the distance from one line to the next on a full page.
fn grid_of(pdf: &Path, profile: &StyleProfile) -> (usize, usize, f32) {
    let page = &profile.page;
    let top = page.margin_top_mm * PT_PER_MM;
    let bottom = (page.margin_top_mm + page.text_height_mm()) * PT_PER_MM;
    let pages = pdf_pages(pdf);
    assert!(pages.len() >= 3, "{}: {} pages", pdf.display(), pages.len());
    let mut most = 0;
    let mut pitch = 0.0;
    let mut counts: BTreeMap<usize, usize> = BTreeMap::new();
    // The first page has the title, set on its own pitch, and the last may be short.
    for p in &pages[1..pages.len() - 1] {
        let body = lines(p, top, bottom);
        if body.len() > most {
            most = body.len();
            pitch = (body[body.len() - 1].y_max - body[0].y_max) / (body.len() - 1) as f32;
        }
        for line in &body {
            *counts.entry(line.text.chars().count()).or_default() += 1;
        }
    }
    let common = counts.iter().max_by_key(|&(_, n)| *n).map(|(&chars, _)| chars).unwrap_or(0);
    (most, common, pitch)
}

#[test]
fn lines_per_page_and_chars_per_line_drive_the_pdf_and_the_docx() {
    let profile =
        StyleProfile::from_toml("[page]\nlines_per_page = 20\nchars_per_line = 25\n").unwrap();
    let text = std::fs::read_to_string(repo_root().join("samples/seed-004.txt")).unwrap();
    let doc = gongwen_parse::parse(&text, &Default::default()).document;
    let dir = tempfile::tempdir().unwrap();

    let fonts = book();
    let ours = dir.path().join("ours.pdf");
    let laid = layout(&doc, &profile, &fonts);
    std::fs::write(&ours, pdf(&laid, &fonts, &PdfOptions::for_document(&doc)).unwrap()).unwrap();

    let docx = dir.path().join("word.docx");
    let options = gongwen_docx::DocxOptions::default();
    std::fs::write(&docx, gongwen_docx::docx(&doc, &profile, &options).unwrap()).unwrap();
    let theirs = print::libreoffice_pdfs(&[docx], dir.path()).join("word.pdf");

    for (who, file) in [("our PDF", &ours), ("LibreOffice", &theirs)] {
        let (lines, chars, pitch) = grid_of(file, &profile);
        assert_eq!(lines, 20, "{who}: lines on a full page");
        assert_eq!(chars, 25, "{who}: characters on a full line");
        assert!((pitch - profile.page.line_pitch_pt).abs() < 0.1, "{who}: pitch {pitch}");
    }
    // The default grid, for contrast: the same text has more lines a page and characters
    // a line.
    let default = StyleProfile::default();
    let laid = layout(&doc, &default, &fonts);
    std::fs::write(&ours, pdf(&laid, &fonts, &PdfOptions::for_document(&doc)).unwrap()).unwrap();
    let (lines, chars, _) = grid_of(&ours, &default);
    assert_eq!((lines, chars), (22, 28), "the default grid");
}
