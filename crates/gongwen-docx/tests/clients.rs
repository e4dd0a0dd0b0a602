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

use gongwen_ast::{Attachment, Block, Content, Document, Span, Title};
use gongwen_style::{PT_PER_MM, StyleProfile};
use print::{Line, Word, lines, pdf_pages, run};

/// One sample rendered as DOCX.
struct Sample {
    stem: String,
    /// The title as the gold file gives it, whatever the parser made of it.
    title: Option<String>,
    /// The stand-in faces the PDF must use: one for each role the document has.
    faces: Vec<String>,
    /// Whether it has a 版记, whose page (and the blank page before it) has no number.
    foot: bool,
    /// How many attachments it carries, each opening a page.
    appendices: usize,
    docx: PathBuf,
}

/// The samples rendered once into a temporary directory.
struct Rendered {
    dir: tempfile::TempDir,
    files: Vec<Sample>,
    /// The document of [`end_matter`].
    end_matter: PathBuf,
    /// The document of [`DIGIT_TITLES`].
    digit_titles: PathBuf,
}

/// Title lines with digits among the Chinese, each as long as a line holds or nearly:
/// LibreOffice sets a fifth of an em where digits meet Chinese characters.
const DIGIT_TITLES: [&str; 3] = [
    "2024年1月至6月12个县区经济运行情况通报",
    "关于2023年度全市36个重点项目建设情况的通报",
    "某某县2024年第1季度12345政务服务便民热线运行情况",
];

/// The body under [`DIGIT_TITLES`].
const DIGIT_TITLES_BODY: &str = "现将有关情况通报如下。";

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
                let foot = doc.blocks.iter().any(|b| matches!(b, Block::Cc(_) | Block::Printed(_)));
                let appendices =
                    doc.blocks.iter().filter(|b| matches!(b, Block::Appendix(_))).count();
                Sample { stem, title, faces: faces(&doc), foot, appendices, docx: path }
            })
            .collect();
        let end_matter = dir.path().join("end-matter.docx");
        std::fs::write(&end_matter, common::render(&self::end_matter())).expect("write DOCX");
        let digit_titles = dir.path().join("digit-titles.docx");
        let plain = |s: &str| Content::plain(s, Span::DETACHED);
        let titles = Document {
            blocks: vec![
                Block::Title(Title {
                    lines: DIGIT_TITLES.iter().map(|t| plain(t)).collect(),
                    span: Span::DETACHED,
                }),
                Block::Paragraph(plain(DIGIT_TITLES_BODY)),
            ],
            ..Document::default()
        };
        std::fs::write(&digit_titles, common::render(&titles)).expect("write DOCX");
        Rendered { dir, files, end_matter, digit_titles }
    })
}

/// Converts every rendered document to PDF in one LibreOffice run (it is slow to start);
/// returns the directory of the PDFs. The blank pages LibreOffice inserts (before a
/// 版记 that must fall on an even page) are kept, as a printer would print them.
fn libreoffice_pdfs() -> &'static Path {
    static PDFS: OnceLock<PathBuf> = OnceLock::new();
    PDFS.get_or_init(|| {
        let rendered = rendered();
        let mut files: Vec<PathBuf> = rendered.files.iter().map(|f| f.docx.clone()).collect();
        files.push(rendered.end_matter.clone());
        files.push(rendered.digit_titles.clone());
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
            // apart (but for the stacked names of a joint issuer mark, set closer).
            let issuer = profile.official.issuer.size_pt;
            let same_size = |p: &&[Line]| (p[0].height - p[1].height).abs() < 0.5;
            for pair in body.windows(2).filter(same_size).filter(|p| p[0].height < issuer) {
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
            // The 版记's page, and the blank page before it, carry no number.
            if sample.foot && (n + 1 == pages.len() || p.words.is_empty()) {
                let numbered = p.words.iter().any(|w| w.text.contains('—'));
                assert!(!numbered, "{at}: the 版记 page is not numbered");
                continue;
            }
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
            // (The issuer mark of a joint issue starts with the title's words, set larger.)
            let title_word = pages[0].words.iter().find(|w| {
                let start: String = w.text.chars().take(2).collect();
                start.chars().count() == 2
                    && head.starts_with(&start)
                    && height(w) < profile.official.issuer.size_pt
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

/// LibreOffice sets a title with digits among its Chinese in the lines the DOCX breaks it
/// into, and wraps none of them again, though it puts space where digits meet Chinese.
#[test]
fn libreoffice_keeps_the_title_lines_of_titles_with_digits() {
    let profile = StyleProfile::default();
    let page = &profile.page;
    let top = page.margin_top_mm * PT_PER_MM;
    let pages = pdf_pages(&pdf_of(&rendered().digit_titles));
    // The title: every line above the body's.
    let set: Vec<String> = lines(&pages[0], top, top + page.text_height_mm() * PT_PER_MM)
        .into_iter()
        .map(|l| l.text.replace(' ', ""))
        .take_while(|l| !l.starts_with(DIGIT_TITLES_BODY))
        .collect();
    let want: Vec<String> =
        DIGIT_TITLES.iter().flat_map(|t| gongwen_layout::title::title_lines(t, &profile)).collect();
    assert!(want.len() > DIGIT_TITLES.len(), "some of them wrap: {want:?}");
    assert_eq!(set, want);
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

/// Page `page` (1-based) of `pdf` as pdftoppm rasterises it: width, height and RGB
/// pixels, at `DPI`.
fn raster(pdf: &Path, page: usize) -> (usize, usize, Vec<u8>) {
    let p = page.to_string();
    let out = Command::new("pdftoppm")
        .args(["-r", &DPI.to_string(), "-f", &p, "-l", &p])
        .arg(pdf)
        .output()
        .unwrap_or_else(|e| panic!("cannot run pdftoppm ({e}): install poppler-utils"));
    assert!(out.status.success(), "pdftoppm failed");
    // P6 header: magic, width and height, maximum value, each ended by whitespace.
    let mut fields = Vec::new();
    let mut at = 0;
    while fields.len() < 4 {
        let start = at;
        while !out.stdout[at].is_ascii_whitespace() {
            at += 1;
        }
        fields.push(String::from_utf8_lossy(&out.stdout[start..at]).into_owned());
        at += 1;
    }
    assert_eq!(fields[0], "P6", "pdftoppm writes PPM");
    let (w, h) = (fields[1].parse().unwrap(), fields[2].parse().unwrap());
    (w, h, out.stdout[at..].to_vec())
}

/// Resolution of [`raster`]: a pixel is 0.127 mm.
const DPI: usize = 200;

/// The horizontal rules of a rasterised page across the text block: (top, bottom) in mm
/// from the page top, and whether they are red, for runs of rows that are dark (or red)
/// across 90 % of the block.
fn drawn_rules(raster: &(usize, usize, Vec<u8>)) -> Vec<(f32, f32, bool)> {
    let (w, h, px) = raster;
    let profile = StyleProfile::default();
    let mm_px = |mm: f32| (mm * DPI as f32 / 25.4) as usize;
    let x0 = mm_px(profile.page.margin_left_mm + 1.0);
    let x1 = mm_px(profile.page.margin_left_mm + profile.page.text_width_mm() - 1.0);
    let mut rules: Vec<(f32, f32, bool)> = Vec::new();
    let mut last_row = None;
    for y in 0..*h {
        let row = &px[y * w * 3..(y + 1) * w * 3];
        let (mut dark, mut red) = (0, 0);
        for x in (x0..x1).step_by(3) {
            let (r, g, b) = (row[x * 3], row[x * 3 + 1], row[x * 3 + 2]);
            dark += usize::from(r < 128 && g < 128 && b < 128);
            red += usize::from(r > 180 && g < 100 && b < 100);
        }
        let n = (x1 - x0) / 3;
        let kind = if red * 10 > n * 9 {
            Some(true)
        } else if dark * 10 > n * 9 {
            Some(false)
        } else {
            None
        };
        let Some(is_red) = kind else { continue };
        let (top, bottom) = (y as f32 * 25.4 / DPI as f32, (y + 1) as f32 * 25.4 / DPI as f32);
        match rules.last_mut() {
            Some(rule) if last_row == Some(y - 1) && rule.2 == is_red => rule.1 = bottom,
            _ => rules.push((top, bottom, is_red)),
        }
        last_row = Some(y);
    }
    rules
}

/// The lowest row with ink between `top` and `bottom` (mm), from `x_min` to `x_max`
/// (points): where a line's characters end.
fn ink_bottom(raster: &(usize, usize, Vec<u8>), word: &Word, bottom: f32) -> f32 {
    let (w, _, px) = raster;
    let px_of = |pt: f32| (pt / 72.0 * DPI as f32) as usize;
    let mm_px = |mm: f32| (mm * DPI as f32 / 25.4) as usize;
    let mut lowest = px_of(word.y_min);
    for y in px_of(word.y_min)..mm_px(bottom) {
        let row = &px[y * w * 3..(y + 1) * w * 3];
        if (px_of(word.x_min)..px_of(word.x_max)).any(|x| row[x * 3] < 128) {
            lowest = y + 1;
        }
    }
    lowest as f32 * 25.4 / DPI as f32
}

/// LibreOffice lays the DOCX's official parts out where the PDF puts them (GB/T 9704
/// §7.2–7.4): the issuer mark's top 35 mm below the text block (72 mm from the page top),
/// the red rule 4 mm under the 发文字号, attachments each opening a page with "附件N"
/// flush left, and the 版记's last rule on the text block's bottom edge (262 mm), on an
/// even page without a number; thick rules first and last, a thin one between.
#[test]
fn libreoffice_places_the_official_head_and_foot() {
    let profile = StyleProfile::default();
    let mm = |pt: f32| pt / PT_PER_MM;
    let near = |a: f32, b: f32, what: &str| assert!((a - b).abs() <= 1.5, "{what}: {a:.2} mm");
    let official: Vec<_> = convert_all_with_libreoffice()
        .into_iter()
        .filter(|(s, _)| s.stem.starts_with("official"))
        .collect();
    assert_eq!(official.len(), 3, "the three official samples");
    let text_top = profile.page.margin_top_mm;
    let text_bottom = text_top + profile.page.text_height_mm();
    for (sample, pdf) in official {
        let stem = &sample.stem;
        let pages = pdf_pages(&pdf);
        let first = &pages[0];
        // The mark: its first word in the issuer's size, red.
        let mark = first
            .words
            .iter()
            .find(|w| w.y_max - w.y_min > profile.official.issuer.size_pt)
            .unwrap_or_else(|| panic!("{stem}: an issuer mark"));
        near(mm(mark.y_min), text_top + profile.official.issuer_top_mm, "issuer mark top");
        let page1 = raster(&pdf, 1);
        let rules = drawn_rules(&page1);
        let red = rules.iter().find(|r| r.2).unwrap_or_else(|| panic!("{stem}: a red rule"));
        let number = first.words.iter().find(|w| w.text.contains('〔')).expect("发文字号");
        let gap = red.0 - ink_bottom(&page1, number, red.0 - 0.2);
        near(gap, profile.official.rule_below_number_mm, "red rule under the number");
        let left = profile.page.margin_left_mm;
        for (n, page) in pages.iter().enumerate() {
            if let Some(w) = page.words.first().filter(|w| w.text.starts_with("附件")) {
                assert!(
                    (mm(w.x_min) - left).abs() < 1.0 && w.text.len() <= "附件99".len(),
                    "{stem} page {}: {w:?} flush left, alone on its line",
                    n + 1
                );
            }
        }
        let appendices = pages.iter().filter(|p| {
            p.words.first().is_some_and(|w| w.text.starts_with("附件") && !w.text.contains('：'))
        });
        assert_eq!(appendices.count(), sample.appendices, "{stem}: attachments open pages");
        // The 版记: on the last page, an even one, unnumbered, the last rule on the text
        // block's bottom edge.
        assert_eq!(pages.len() % 2, 0, "{stem}: the 版记 on an even page");
        let last = pages.last().unwrap();
        assert!(last.words.iter().any(|w| w.text.starts_with("抄送")), "{stem}: 抄送 last");
        assert!(last.words.iter().any(|w| w.text.ends_with("印发")), "{stem}: 印发 last");
        assert!(!last.words.iter().any(|w| w.text.contains('—')), "{stem}: no page number");
        let foot = drawn_rules(&raster(&pdf, pages.len()));
        assert_eq!(foot.len(), 3, "{stem}: three rules in the 版记: {foot:?}");
        near(foot[2].1, text_bottom, "last 版记 rule's bottom edge");
        let thickness = |r: &(f32, f32, bool)| r.1 - r.0;
        assert!(
            thickness(&foot[0]) > thickness(&foot[1]) && thickness(&foot[2]) > thickness(&foot[1]),
            "{stem}: thick rules first and last, thin between: {foot:?}"
        );
        eprintln!(
            "{stem}: mark top {:.2} mm, red rule {gap:.2} mm under the number, last rule at \
             {:.2} mm",
            mm(mark.y_min),
            foot[2].1
        );
    }
}
