//! A sealed official copy with a seal image (`RenderOptions::seal`), as real clients see
//! it: poppler's pdfimages finds the one image with its soft mask at the seal's size,
//! qpdf checks the file, pdftoppm's pixels put the red seal where the layout placed it;
//! LibreOffice lays the DOCX's anchored picture out at the same place within 1.5 mm;
//! easyofd finds the OFD's ImageObjects and decodes their MultiMedia resource. A file
//! that is no PNG is refused. A joint issue without 发文字号 has its red rule under the
//! stacked names in the DOCX as in the PDF. A missing tool fails the test; it never skips.

#[path = "../../../tests/support/print.rs"]
mod print;

use std::path::{Path, PathBuf};
use std::process::Command;

use gongwen::{Format, OfficialOptions, ReadOptions, RenderOptions, SealImage, SourceFormat};
use gongwen_style::{PT_PER_MM, StyleProfile};

/// Side of the test seal in pixels.
const SIDE: u32 = 240;

/// A red seal as an RGBA PNG: a ring touching the image's edges and a five-pointed star
/// in the middle, transparent around and between them.
fn seal_png() -> Vec<u8> {
    let c = SIDE as f32 / 2.0;
    let star = |x: f32, y: f32| {
        // Inside the star: the point's angle folded onto one of its ten half-arms.
        let (dx, dy) = (x - c, c - y);
        let r = (dx * dx + dy * dy).sqrt();
        let arm = std::f32::consts::PI / 5.0;
        let a = (dy.atan2(dx) - std::f32::consts::FRAC_PI_2).rem_euclid(2.0 * arm);
        let a = (a - arm).abs();
        let (outer, inner) = (c * 0.45, c * 0.17);
        // The edge from the arm's tip (angle 0, outer) to the notch (angle arm, inner).
        let (tx, ty) = (outer, 0.0);
        let (nx, ny) = (inner * arm.cos(), inner * arm.sin());
        let (px, py) = (r * a.cos(), r * a.sin());
        (nx - tx) * (py - ty) - (ny - ty) * (px - tx) >= 0.0
    };
    let mut pixels = Vec::with_capacity((SIDE * SIDE * 4) as usize);
    for y in 0..SIDE {
        for x in 0..SIDE {
            let (fx, fy) = (x as f32 + 0.5, y as f32 + 0.5);
            let r = ((fx - c).powi(2) + (fy - c).powi(2)).sqrt();
            let on = (r <= c && r >= c * 0.88) || star(fx, fy);
            pixels.extend_from_slice(if on { &[220, 0, 0, 255] } else { &[255, 255, 255, 0] });
        }
    }
    let mut out = Vec::new();
    let mut encoder = png::Encoder::new(&mut out, SIDE, SIDE);
    encoder.set_color(png::ColorType::Rgba);
    encoder.set_depth(png::BitDepth::Eight);
    let mut writer = encoder.write_header().expect("PNG header");
    writer.write_image_data(&pixels).expect("PNG data");
    writer.finish().expect("PNG end");
    out
}

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// A sample read as a sealed copy.
fn sealed(stem: &str) -> gongwen::Source {
    let text = std::fs::read(root().join(format!("samples/{stem}.txt"))).expect("sample");
    let official = OfficialOptions { sealed: true, ..OfficialOptions::default() };
    gongwen::read(&text, SourceFormat::Text, &ReadOptions { official, ..ReadOptions::default() })
        .expect("reads")
}

fn render(source: &gongwen::Source, format: Format) -> Vec<u8> {
    let seal = SealImage::from_png(&seal_png()).expect("the test seal decodes");
    let options = RenderOptions { seal: Some(seal), ..RenderOptions::default() };
    gongwen::render(&source.document, format, &options).expect("renders").bytes
}

/// Where the layout puts the seals: page index and the seal square's left, top and side,
/// in mm.
fn expected(source: &gongwen::Source) -> Vec<(usize, [f32; 3])> {
    let profile = StyleProfile::default();
    let laid = gongwen::pdf::layout(&source.document, &profile, gongwen::pdf::bundled_fonts());
    let mut out = Vec::new();
    for (i, page) in laid.pages.iter().enumerate() {
        for s in &page.seals {
            let side = s.diameter / PT_PER_MM;
            out.push((i, [s.x / PT_PER_MM - side / 2.0, s.y / PT_PER_MM - side / 2.0, side]));
        }
    }
    out
}

fn run(cmd: &mut Command, what: &str) -> String {
    let out = cmd.output().unwrap_or_else(|e| panic!("cannot run {what}: {e}"));
    assert!(out.status.success(), "{what} failed: {}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// Resolution of [`red_box`]: a pixel is 0.127 mm.
const DPI: f32 = 200.0;

/// Page `page` (from 1) of `pdf` as pdftoppm draws it at [`DPI`]: width, height, RGB.
fn raster(pdf: &Path, page: usize) -> (usize, usize, Vec<u8>) {
    let p = page.to_string();
    let out = Command::new("pdftoppm")
        .args(["-r", "200", "-f", &p, "-l", &p])
        .arg(pdf)
        .output()
        .unwrap_or_else(|e| panic!("cannot run pdftoppm ({e}): install poppler-utils"));
    assert!(out.status.success(), "pdftoppm failed");
    let data = out.stdout;
    // P6 header: magic, width, height, maximum, each ended by one whitespace byte.
    let mut fields = Vec::new();
    let mut at = 0;
    while fields.len() < 4 {
        let start = at;
        while !data[at].is_ascii_whitespace() {
            at += 1;
        }
        fields.push(String::from_utf8_lossy(&data[start..at]).into_owned());
        at += 1;
    }
    let (w, h): (usize, usize) = (fields[1].parse().unwrap(), fields[2].parse().unwrap());
    (w, h, data[at..].to_vec())
}

fn is_red(p: &[u8]) -> bool {
    p[0] > 150 && p[1] < 90 && p[2] < 90
}

/// The box of the red pixels of page `page` (from 1) of `pdf`, as pdftoppm draws it:
/// left, top, right, bottom in mm.
fn red_box(pdf: &Path, page: usize) -> [f32; 4] {
    let (w, h, px) = raster(pdf, page);
    let (mut x0, mut y0, mut x1, mut y1) = (usize::MAX, usize::MAX, 0, 0);
    for y in 0..h {
        for x in 0..w {
            if is_red(&px[(y * w + x) * 3..][..3]) {
                (x0, y0, x1, y1) = (x0.min(x), y0.min(y), x1.max(x + 1), y1.max(y + 1));
            }
        }
    }
    assert!(x1 > 0, "red pixels on page {page} of {}", pdf.display());
    let mm = |v: usize| v as f32 * 25.4 / DPI;
    [mm(x0), mm(y0), mm(x1), mm(y1)]
}

/// The seals' red box on their page, as the layout puts them: the union of their squares.
fn expected_box(seals: &[(usize, [f32; 3])]) -> (usize, [f32; 4]) {
    let page = seals[0].0;
    assert!(seals.iter().all(|s| s.0 == page), "one page of seals");
    let mut b = [f32::MAX, f32::MAX, f32::MIN, f32::MIN];
    for (_, [x, y, side]) in seals {
        b = [b[0].min(*x), b[1].min(*y), b[2].max(x + side), b[3].max(y + side)];
    }
    (page, b)
}

fn assert_near(got: [f32; 4], want: [f32; 4], tolerance: f32, what: &str) {
    for (g, w) in got.iter().zip(&want) {
        assert!((g - w).abs() <= tolerance, "{what}: red box {got:?}, the layout's {want:?}");
    }
}

#[test]
fn the_pdf_draws_one_image_with_its_mask_where_the_layout_puts_the_seal() {
    let dir = tempfile::tempdir().unwrap();
    for stem in ["official-001", "official-003"] {
        let source = sealed(stem);
        let seals = expected(&source);
        assert_eq!(seals.len(), if stem == "official-003" { 2 } else { 1 }, "{stem}");
        let pdf = dir.path().join(format!("{stem}.pdf"));
        std::fs::write(&pdf, render(&source, Format::Pdf)).unwrap();
        run(Command::new("qpdf").arg("--check").arg(&pdf), "qpdf (install qpdf)");
        let list = run(Command::new("pdfimages").arg("-list").arg(&pdf), "pdfimages (poppler)");
        let rows: Vec<Vec<&str>> =
            list.lines().skip(2).map(|l| l.split_whitespace().collect()).collect();
        let (page, want) = expected_box(&seals);
        // One image object (the same XObject drawn at every seal) with its soft mask.
        let objects: std::collections::HashSet<&str> = rows.iter().map(|r| r[10]).collect();
        assert_eq!(objects.len(), 1, "{stem}: one image object\n{list}");
        for row in &rows {
            assert_eq!(row[0], (page + 1).to_string(), "{stem}: on the signature's page");
            assert_eq!((row[3], row[4]), ("240", "240"), "{stem}: the image's size\n{list}");
        }
        let kinds: Vec<&str> = rows.iter().map(|r| r[2]).collect();
        let drawn = seals.len();
        assert_eq!(kinds.iter().filter(|k| **k == "image").count(), drawn, "{stem}\n{list}");
        assert_eq!(kinds.iter().filter(|k| **k == "smask").count(), drawn, "{stem}\n{list}");
        let got = red_box(&pdf, page + 1);
        assert_near(got, want, 0.5, stem);
        eprintln!("{stem}: PDF seal box {got:?} mm, the layout's {want:?}");
    }
}

#[test]
fn libreoffice_places_the_docx_seal_where_the_pdf_does() {
    let dir = tempfile::tempdir().unwrap();
    let mut files = Vec::new();
    for stem in ["official-001", "official-003"] {
        let docx = dir.path().join(format!("{stem}.docx"));
        std::fs::write(&docx, render(&sealed(stem), Format::Docx)).unwrap();
        files.push(docx);
    }
    let out = print::libreoffice_pdfs(&files, dir.path());
    for stem in ["official-001", "official-003"] {
        let source = sealed(stem);
        let (page, want) = expected_box(&expected(&source));
        let pdf = out.join(format!("{stem}.pdf"));
        let got = red_box(&pdf, page + 1);
        assert_near(got, want, 1.5, &format!("{stem} in LibreOffice"));
        eprintln!("{stem}: LibreOffice seal box {got:?} mm, the layout's {want:?}");
    }
}

#[test]
fn easyofd_finds_the_seal_image_objects() {
    let dir = tempfile::tempdir().unwrap();
    let source = sealed("official-003");
    let seals = expected(&source);
    let ofd = dir.path().join("sealed.ofd");
    std::fs::write(&ofd, render(&source, Format::Ofd)).unwrap();
    let script = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/seal_image.py");
    let json = run(Command::new("python3").arg(script).arg(&ofd), "python3 with easyofd");
    // easyofd prints notes of its own before the script's line.
    let last = json.lines().last().unwrap_or_default();
    let read: serde_json::Value = serde_json::from_str(last).expect("JSON");
    let pages = read["pages"].as_array().unwrap();
    let mut found = 0;
    for (page, [x, y, side]) in &seals {
        let objects = pages[*page].as_array().unwrap();
        let hit = objects.iter().find(|o| {
            let pos: Vec<f32> = serde_json::from_value(o["pos"].clone()).unwrap();
            (pos[0] - x).abs() < 0.01 && (pos[1] - y).abs() < 0.01 && (pos[2] - side).abs() < 0.01
        });
        let hit = hit.unwrap_or_else(|| panic!("an ImageObject at {x} {y} on page {page}: {read}"));
        let resource = hit["resource"].as_str().unwrap();
        assert_eq!(
            read["images"][resource],
            serde_json::json!([SIDE, SIDE]),
            "image {resource}: {read}"
        );
        found += 1;
    }
    let all: usize = pages.iter().map(|p| p.as_array().unwrap().len()).sum();
    assert_eq!((found, all), (2, 2), "{read}");
}

#[test]
fn a_file_that_is_no_png_is_refused() {
    let good = seal_png();
    assert!(SealImage::from_png(&good).is_ok());
    for bad in [&b"not a PNG"[..], &good[..good.len() / 2], &[]] {
        let err = SealImage::from_png(bad).expect_err("refused");
        assert!(err.to_string().contains("PNG"), "{err}");
    }
}

#[test]
fn without_a_sealed_signature_no_image_is_written() {
    let text = std::fs::read(root().join("samples/official-001.txt")).unwrap();
    let source = gongwen::read(&text, SourceFormat::Text, &ReadOptions::default()).unwrap();
    let seal = SealImage::from_png(&seal_png()).unwrap();
    let with = RenderOptions { seal: Some(seal), ..RenderOptions::default() };
    for format in [Format::Pdf, Format::Docx, Format::Ofd] {
        let plain = gongwen::render(&source.document, format, &RenderOptions::default()).unwrap();
        let sealed = gongwen::render(&source.document, format, &with).unwrap();
        assert!(plain.bytes == sealed.bytes, "{format:?}: an unsealed copy is as without --seal");
    }
}

/// The top of the first row of page 1 that is red across nine tenths of the text block
/// (the red rule), in mm.
fn red_rule_top(pdf: &Path) -> f32 {
    let (w, h, px) = raster(pdf, 1);
    let page = StyleProfile::default().page;
    let px_of = |mm: f32| (mm * DPI / 25.4) as usize;
    let (x0, x1) =
        (px_of(page.margin_left_mm + 1.0), px_of(page.margin_left_mm + page.text_width_mm() - 1.0));
    let row = (0..h)
        .find(|&y| {
            let red = (x0..x1).filter(|&x| is_red(&px[(y * w + x) * 3..][..3])).count();
            red * 10 > (x1 - x0) * 9
        })
        .unwrap_or_else(|| panic!("a red rule on page 1 of {}", pdf.display()));
    row as f32 * 25.4 / DPI
}

#[test]
fn a_joint_issue_without_a_number_has_its_red_rule_in_docx_as_in_pdf() {
    let dir = tempfile::tempdir().unwrap();
    let text = std::fs::read_to_string(root().join("samples/official-003.txt")).unwrap();
    let text: String =
        text.lines().filter(|l| !l.contains('〔')).map(|l| format!("{l}\n")).collect();
    let source =
        gongwen::read(text.as_bytes(), SourceFormat::Text, &ReadOptions::default()).unwrap();
    let doc = &source.document;
    assert!(
        doc.blocks
            .iter()
            .any(|b| matches!(b, gongwen_ast::Block::Issuer(i) if i.organs.len() == 2))
    );
    assert!(!doc.blocks.iter().any(|b| matches!(b, gongwen_ast::Block::Number(_))));
    let pdf = dir.path().join("joint.pdf");
    let docx = dir.path().join("joint.docx");
    let options = RenderOptions::default();
    std::fs::write(&pdf, gongwen::render(doc, Format::Pdf, &options).unwrap().bytes).unwrap();
    std::fs::write(&docx, gongwen::render(doc, Format::Docx, &options).unwrap().bytes).unwrap();
    let lo = print::libreoffice_pdfs(&[docx], dir.path()).join("joint.pdf");
    let (ours, theirs) = (red_rule_top(&pdf), red_rule_top(&lo));
    assert!(
        (ours - theirs).abs() <= 1.5,
        "red rule at {ours:.2} mm in the PDF, {theirs:.2} mm in LibreOffice"
    );
    eprintln!(
        "joint issue without 文号: red rule {ours:.2} mm (PDF), {theirs:.2} mm (LibreOffice)"
    );
}
