//! End to end with real clients: every sample → DOCX → LibreOffice → PDF, checked with
//! poppler; and python-docx opening every file. These tests fail when soffice, pdfinfo,
//! pdftotext or python-docx is missing: install libreoffice-writer-nogui, poppler-utils
//! and python-docx.

mod common;
#[path = "../../../tests/support/print.rs"]
mod print;

use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::OnceLock;

use gongwen_ast::{Attachment, Block, Content, Document, Span};
use gongwen_style::{PT_PER_MM, StyleProfile};
use print::{Word, lines, pdf_pages, run};

/// One sample rendered as DOCX.
struct Sample {
    stem: String,
    /// The title as the gold file gives it, whatever the parser made of it.
    title: Option<String>,
    /// The stand-in faces the PDF must use: one for each role the document has.
    faces: Vec<String>,
    docx: PathBuf,
}

/// The samples rendered once into a temporary directory.
struct Rendered {
    dir: tempfile::TempDir,
    files: Vec<Sample>,
    /// The document of [`end_matter`].
    end_matter: PathBuf,
}

/// Body text, an attachment note whose first name wraps, then two signature blocks: one
/// whose date fits under the signature, one whose date is longer than that allows.
fn end_matter() -> Document {
    let plain = |s: &str| Content::plain(s, Span::DETACHED);
    let body = "我们要坚持以人民为中心的发展思想，把增进民生福祉作为发展的根本目的。".repeat(2);
    Document {
        blocks: vec![
            Block::Paragraph(plain(&body)),
            Block::Attachment(Attachment {
                lines: vec![
                    plain("附件：1.某某市二〇二三年重点工作任务分解表及各责任单位联系人名单"),
                    plain("2.联系人名单"),
                ],
                span: Span::DETACHED,
            }),
            Block::Signature(plain("某某市人民政府办公室综合科").into()),
            Block::Date(plain("2023年5月6日")),
            Block::Paragraph(plain(&body)),
            Block::Signature(plain("某某县政府").into()),
            Block::Date(plain("二〇一一年十月二十六日")),
        ],
        ..Document::default()
    }
}

/// The stand-in faces of the roles `doc` has, as the default profile names them.
fn faces(doc: &Document) -> Vec<String> {
    let profile = StyleProfile::default();
    let mut faces = vec![&profile.body.stand_in, &profile.page_number.stand_in];
    for block in &doc.blocks {
        match block {
            Block::Title(_) => faces.push(&profile.title.stand_in),
            Block::Subtitle(_) => faces.push(&profile.subtitle.stand_in),
            Block::Heading(h) => faces.push(&profile.heading(h.level).stand_in),
            _ => {}
        }
    }
    let mut faces: Vec<String> = faces.into_iter().cloned().collect();
    faces.sort();
    faces.dedup();
    faces
}

fn rendered() -> &'static Rendered {
    static RENDERED: OnceLock<Rendered> = OnceLock::new();
    RENDERED.get_or_init(|| {
        let dir = tempfile::tempdir().expect("temporary directory");
        let files = common::samples()
            .into_iter()
            .map(|(stem, _, doc)| {
                let path = dir.path().join(format!("{stem}.docx"));
                std::fs::write(&path, common::render(&doc)).expect("write DOCX");
                let gold = std::fs::read_to_string(
                    common::root().join(format!("samples/{stem}.gold.tsv")),
                )
                .expect("gold file");
                let title = gold.lines().find_map(|l| l.strip_prefix("title\t")).map(String::from);
                Sample { stem, title, faces: faces(&doc), docx: path }
            })
            .collect();
        let end_matter = dir.path().join("end-matter.docx");
        std::fs::write(&end_matter, common::render(&self::end_matter())).expect("write DOCX");
        Rendered { dir, files, end_matter }
    })
}

/// Converts every rendered document to PDF in one LibreOffice run (it is slow to start);
/// returns the directory of the PDFs.
fn libreoffice_pdfs() -> &'static Path {
    static PDFS: OnceLock<PathBuf> = OnceLock::new();
    PDFS.get_or_init(|| {
        let rendered = rendered();
        let mut files: Vec<PathBuf> = rendered.files.iter().map(|f| f.docx.clone()).collect();
        files.push(rendered.end_matter.clone());
        print::libreoffice_pdfs(&files, rendered.dir.path())
    })
}

/// The PDF LibreOffice made of `docx`.
fn pdf_of(docx: &Path) -> PathBuf {
    let stem = docx.file_stem().expect("a file name");
    let pdf = libreoffice_pdfs().join(stem).with_extension("pdf");
    assert!(pdf.is_file(), "LibreOffice wrote {}", pdf.display());
    pdf
}

/// Every sample with its PDF.
fn convert_all_with_libreoffice() -> Vec<(&'static Sample, PathBuf)> {
    rendered().files.iter().map(|sample| (sample, pdf_of(&sample.docx))).collect()
}

/// Marks that may not start a line (GB/T 15834).
const NO_START: &str = "。，、；：？！”’）〕】》〉…—";
/// Marks that may not end a line.
const NO_END: &str = "“‘（〔【《〈";

/// Every sample, laid out by LibreOffice, keeps the GB/T 9704 page: A4, 22 lines a page
/// on the grid, 28 characters a full line, odd page numbers right and even ones left,
/// the title on page 1.
#[test]
fn libreoffice_lays_out_the_official_page() {
    let profile = StyleProfile::default();
    let page = &profile.page;
    let mm = |v: f32| v * PT_PER_MM;
    let (top, left) = (mm(page.margin_top_mm), mm(page.margin_left_mm));
    let bottom = top + mm(page.text_height_mm());
    let right = left + mm(page.text_width_mm());
    let em = profile.body.size_pt;
    let number_size = profile.page_number.size_pt;
    let inset = profile.page_number.inset_chars * number_size;
    let mut full_lines = 0;
    let mut full_pages = 0;
    for (sample, pdf) in convert_all_with_libreoffice() {
        let stem = &sample.stem;
        let info = run(Command::new("pdfinfo").arg(&pdf), "pdfinfo (poppler-utils)");
        assert!(info.contains("(A4)"), "{stem}: A4 pages\n{info}");
        // Each role's font name reached LibreOffice and found its stand-in family
        // (LibreOffice sets FandolSong-Bold as FandolSong-Regular: see the fontconfig file).
        let fonts = run(Command::new("pdffonts").arg(&pdf), "pdffonts (poppler-utils)");
        for face in &sample.faces {
            let family = face.split('-').next().unwrap();
            assert!(fonts.contains(&format!("+{family}")), "{stem}: {face} not used\n{fonts}");
        }
        let pages = pdf_pages(&pdf);
        assert!(pages.len() >= 2, "{stem}: more than one page");
        let mut doc_lines = Vec::new();
        for (n, p) in pages.iter().enumerate() {
            let at = format!("{stem} page {}", n + 1);
            assert!((p.width - mm(page.width_mm)).abs() < 1.0, "{at}: A4 width {}", p.width);
            assert!((p.height - mm(page.height_mm)).abs() < 1.0, "{at}: A4 height {}", p.height);
            let body = lines(p, top, bottom);
            assert!(body.len() <= page.lines_per_page as usize, "{at}: {} lines", body.len());
            // Every line stands on the grid: lines of one size a whole number of pitches
            // apart.
            for pair in body.windows(2).filter(|p| (p[0].height - p[1].height).abs() < 0.5) {
                let steps = (pair[1].y_max - pair[0].y_max) / page.line_pitch_pt;
                assert!(
                    (steps - steps.round()).abs() < 0.05 && steps.round() >= 1.0,
                    "{at}: line {:?} is {steps} pitches below {:?}",
                    pair[1].text,
                    pair[0].text
                );
            }
            if n + 1 < pages.len() && body.len() == page.lines_per_page as usize {
                full_pages += 1;
            }
            doc_lines.extend(body);
            // The page number: "— N —" under the text block, right on odd pages, left on
            // even ones, one character in.
            let footer = lines(p, bottom + 1.0, p.height);
            let number = footer
                .iter()
                .find(|l| l.text.replace(' ', "") == format!("—{}—", n + 1))
                .unwrap_or_else(|| panic!("{at}: page number in {footer:?}"));
            if n % 2 == 0 {
                assert!((right - inset - number.x_max).abs() < 2.0, "{at}: right {number:?}");
            } else {
                assert!((number.x_min - left - inset).abs() < 2.0, "{at}: left {number:?}");
            }
            // Its line, one number size high, starts `below_text_mm` under the text block.
            let middle = bottom + mm(profile.page_number.below_text_mm) + number_size / 2.0;
            let number_middle = number.y_max - number.height / 2.0;
            assert!((number_middle - middle).abs() < 2.0, "{at}: 7 mm under the text: {number:?}");
        }
        for (k, line) in doc_lines.iter().enumerate() {
            let full_width = line.text.chars().all(|c| !c.is_ascii());
            let flush = (line.x_min - left).abs() < 2.0 && (right - line.x_max) < em / 2.0;
            if !(full_width && flush) {
                continue;
            }
            full_lines += 1;
            let count = line.text.chars().count();
            let next: Vec<char> = doc_lines.get(k + 1).map_or(vec![], |l| l.text.chars().collect());
            // One character short only where line-breaking rules moved it on: the next
            // line starts with an opening mark, or its second character may not start a
            // line.
            let pushed = next.first().is_some_and(|c| NO_END.contains(*c))
                || next.get(1).is_some_and(|c| NO_START.contains(*c));
            assert!(
                count == page.chars_per_line as usize
                    || (count + 1 == page.chars_per_line as usize && pushed),
                "{stem}: full line {:?} has {count} characters",
                line.text
            );
        }
        if let Some(title) = &sample.title {
            let first: String = pages[0].words.iter().map(|w| w.text.as_str()).collect();
            let head: String = title.chars().filter(|c| !c.is_whitespace()).take(10).collect();
            assert!(first.contains(&head), "{stem}: title {title:?} on page 1");
            // Set in the title's size: 22 pt against the body's 16 pt.
            let height = |w: &Word| w.y_max - w.y_min;
            let title_word = pages[0].words.iter().find(|w| {
                let start: String = w.text.chars().take(2).collect();
                start.chars().count() == 2 && head.starts_with(&start)
            });
            let body_word = pages[0].words.iter().max_by_key(|w| w.text.len()).unwrap();
            let ratio = title_word.map_or(0.0, |w| height(w) / height(body_word));
            let expected = profile.title.size_pt / profile.body.size_pt;
            assert!((ratio - expected).abs() < 0.1, "{stem}: title at {ratio} × body size");
        }
    }
    eprintln!("{full_pages} full pages of 22 lines, {full_lines} full lines checked");
    assert!(full_pages >= 5, "{full_pages} full pages of 22 lines");
    assert!(full_lines >= 100, "only {full_lines} full lines of full-width characters");
}

/// LibreOffice places the end matter where GB/T 9704 §7.3.4–7.3.5 wants it.
#[test]
fn libreoffice_places_end_matter() {
    let profile = StyleProfile::default();
    let page = &profile.page;
    let mm = |v: f32| v * PT_PER_MM;
    let (top, left) = (mm(page.margin_top_mm), mm(page.margin_left_mm));
    let right = left + mm(page.text_width_mm());
    let em = profile.body.size_pt;
    let pages = pdf_pages(&pdf_of(&rendered().end_matter));
    let lines = lines(&pages[0], top, top + mm(page.text_height_mm()));
    let find = |s: &str| lines.iter().position(|l| l.text.contains(s)).expect(s);
    let near = |a: f32, b: f32, what: &str| assert!((a - b).abs() < 1.5, "{what}: {a} vs {b}");
    // The note two characters in; the wrapped name under the name's first character,
    // "2." under "1.": 附件： is three characters, "1." 7.75 + 3.75 pt.
    let note = find("附件：1.");
    near(lines[note].x_min, left + 2.0 * em, "附件 two characters in");
    let name_start = lines[note].x_min + 3.0 * (em - 0.25) + 11.5;
    near(lines[note + 1].x_min, name_start, "wrapped name under the name");
    let second = find("2.联系人名单");
    near(lines[second].x_min + 11.5, name_start, "2. under 1.");
    // A blank line before the note and before the signature.
    for at in [note, find("综合科")] {
        let gap = (lines[at].y_max - lines[at - 1].y_max) / page.line_pitch_pt;
        near(gap, 2.0, "one blank grid line");
    }
    // Signature two characters from the right, the date two characters right of its start.
    let signature = &lines[find("综合科")];
    near(signature.x_max, right - 2.0 * em, "signature right inset");
    near(lines[find("2023年5月6日")].x_min, signature.x_min + 2.0 * em, "date shift");
    // A date too long for that keeps two characters from the right; the signature moves.
    let date = &lines[find("二〇一一年")];
    near(date.x_max, right - 2.0 * em, "long date right inset");
    near(lines[find("某某县政府")].x_min, date.x_min - 2.0 * em, "signature over the date");
}

/// python-docx opens every file and finds the styles by their English names.
#[test]
fn python_docx_sees_the_styles() {
    let script = common::root().join("tests/python/check_docx.py");
    let rendered = rendered();
    let out = run(
        Command::new("python3").arg(&script).args(rendered.files.iter().map(|f| &f.docx)),
        "python3 with python-docx",
    );
    assert_eq!(out.lines().filter(|l| l.starts_with("ok ")).count(), rendered.files.len(), "{out}");
}
