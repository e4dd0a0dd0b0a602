//! The OFD as other tools see it: xmllint against the GB/T 33190 schemas, easyofd (PyPI)
//! reading it back and rendering it, and poppler on the PDF of the same layout for the
//! positions. The tools are required: a test fails, never skips, when one is missing.

use std::collections::BTreeMap;
use std::io::Read as _;
use std::path::{Path, PathBuf};
use std::process::Command;

use gongwen_ast::{Block, Document};
use gongwen_layout::{FontBook, Layout, Role, layout};
use gongwen_ofd::{OfdOptions, ofd};
use gongwen_pdf::{PdfOptions, pdf};
use gongwen_style::StyleProfile;

#[path = "../../../tests/support/pdf_words.rs"]
mod pdf_words;
use pdf_words::pdf_pages;

#[path = "../../../tests/support/pdf_rects.rs"]
mod pdf_rects;
use pdf_rects::pdf_rects;

#[path = "../../../tests/support/samples.rs"]
mod samples;
use samples::{book, sample};

const SAMPLES: [&str; 8] = [
    "seed-000",
    "seed-001",
    "seed-002",
    "seed-003",
    "seed-004",
    "official-001",
    "official-002",
    "official-003",
];
const MM_PER_PT: f64 = 25.4 / 72.0;

/// A sample written both ways from one layout.
struct Written {
    dir: tempfile::TempDir,
    ofd: PathBuf,
    pdf: PathBuf,
    doc: Document,
    laid: Layout,
    bytes: Vec<u8>,
    missing: Vec<char>,
}

fn write(name: &str, options: &OfdOptions) -> Written {
    write_document(name, sample(name), options)
}

/// `doc` written both ways, as `name`.ofd and `name`.pdf.
fn write_document(name: &str, doc: Document, options: &OfdOptions) -> Written {
    let fonts = book();
    let laid = layout(&doc, &StyleProfile::default(), &fonts);
    let bytes = ofd(&laid, &fonts, options).expect("OFD is written");
    let dir = tempfile::tempdir().unwrap();
    let ofd_path = dir.path().join(format!("{name}.ofd"));
    std::fs::write(&ofd_path, &bytes).unwrap();
    let pdf_path = dir.path().join(format!("{name}.pdf"));
    std::fs::write(&pdf_path, pdf(&laid, &fonts, &PdfOptions::for_document(&doc)).unwrap())
        .unwrap();
    let missing =
        laid.warnings.iter().filter_map(|w| w.message.split('“').nth(1)?.chars().next()).collect();
    Written { dir, ofd: ofd_path, pdf: pdf_path, doc, laid, bytes, missing }
}

/// The parts of an OFD file, by name.
fn parts(bytes: &[u8]) -> BTreeMap<String, Vec<u8>> {
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(bytes)).expect("a zip archive");
    let mut out = BTreeMap::new();
    for i in 0..archive.len() {
        let mut entry = archive.by_index(i).unwrap();
        let mut data = Vec::new();
        entry.read_to_end(&mut data).expect("entry inflates and its CRC matches");
        out.insert(entry.name().to_string(), data);
    }
    out
}

fn run(tool: &str, args: &[&str]) -> String {
    let out = Command::new(tool)
        .args(args)
        .output()
        .unwrap_or_else(|e| panic!("{tool} must be installed (see .ci/run): {e}"));
    assert!(
        out.status.success(),
        "{tool} {args:?} failed: {}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).expect("tool output is UTF-8")
}

fn squash(s: &str) -> String {
    s.chars().filter(|c| !c.is_whitespace()).collect()
}

/// The text the pages carry: an official copy's blocks as the lines they are set as
/// ("附件1", "……印发").
fn document_text(doc: &Document) -> String {
    squash(
        &gongwen_ast::in_speech_blocks(&doc.blocks)
            .iter()
            .map(Block::plain_text)
            .collect::<String>(),
    )
}

/// 2 × common subsequence / total length, as Python's difflib ratio measures similarity.
fn similarity(a: &str, b: &str) -> f64 {
    if a == b {
        return 1.0;
    }
    let (a, b): (Vec<char>, Vec<char>) = (a.chars().collect(), b.chars().collect());
    if a.is_empty() && b.is_empty() {
        return 1.0;
    }
    let mut row = vec![0u32; b.len() + 1];
    for ca in &a {
        let mut diagonal = 0;
        for (j, cb) in b.iter().enumerate() {
            let above = row[j + 1];
            row[j + 1] = if ca == cb { diagonal + 1 } else { above.max(row[j]) };
            diagonal = above;
        }
    }
    2.0 * f64::from(row[b.len()]) / (a.len() + b.len()) as f64
}

#[test]
fn every_part_is_valid_against_the_ofd_schemas() {
    let schema = concat!(env!("CARGO_MANIFEST_DIR"), "/../../schema/ofd");
    for name in SAMPLES {
        let w = write(
            name,
            &OfdOptions {
                creation_date: Some(1_700_000_000),
                ..OfdOptions::for_document(&sample(name))
            },
        );
        let parts = parts(&w.bytes);
        let mut checked = 0;
        for (part, data) in &parts {
            let xsd = match part.as_str() {
                "OFD.xml" => "OFD.xsd",
                "Doc_0/Document.xml" => "Document.xsd",
                "Doc_0/PublicRes.xml" | "Doc_0/DocumentRes.xml" => "Res.xsd",
                p if p.ends_with("/Content.xml") => "Page.xsd",
                p if p.starts_with("Doc_0/Res/") && p.ends_with(".ttf") => continue,
                p => panic!("{name}: unexpected part {p}"),
            };
            let file = w.dir.path().join(part.replace('/', "_"));
            std::fs::write(&file, data).unwrap();
            let xsd = format!("{schema}/{xsd}");
            run("xmllint", &["--noout", "--schema", &xsd, file.to_str().unwrap()]);
            checked += 1;
        }
        assert_eq!(checked, 4 + w.laid.pages.len(), "{name}: {:?}", parts.keys());
    }
}

#[test]
fn same_input_same_bytes_and_doc_info() {
    let doc = sample("seed-002");
    let options =
        OfdOptions { creation_date: Some(1_700_000_000), ..OfdOptions::for_document(&doc) };
    let a = write("seed-002", &options);
    let b = write("seed-002", &options);
    assert_eq!(a.bytes, b.bytes);
    let parts = parts(&a.bytes);
    let names: Vec<&str> = parts.keys().map(String::as_str).collect();
    assert!(names.contains(&"Doc_0/Pages/Page_0/Content.xml"), "{names:?}");
    let entry = String::from_utf8(parts["OFD.xml"].clone()).unwrap();
    let title = doc.meta.title.as_deref().expect("seed-002 has a title");
    assert!(entry.contains(&format!("<ofd:Title>{title}</ofd:Title>")), "{entry}");
    assert!(entry.contains("<ofd:CreationDate>2023-11-14</ofd:CreationDate>"), "{entry}");
    let id = entry.split("<ofd:DocID>").nth(1).unwrap().split('<').next().unwrap();
    assert!(id.len() == 32 && id.chars().all(|c| c.is_ascii_hexdigit()), "{id}");
    // Another document has another id.
    let other = write("seed-000", &OfdOptions::for_document(&sample("seed-000")));
    let other = String::from_utf8(crate::parts(&other.bytes)["OFD.xml"].clone()).unwrap();
    assert!(!other.contains(id));
    assert!(!other.contains("CreationDate"), "no date unless one is given");
}

#[test]
fn outline_nests_headings_in_document_order() {
    let w = write("seed-002", &OfdOptions::for_document(&sample("seed-002")));
    let document = String::from_utf8(parts(&w.bytes)["Doc_0/Document.xml"].clone()).unwrap();
    let mut got = Vec::new();
    let mut depth = 0usize;
    for piece in document.split('<').skip(1) {
        if let Some(rest) = piece.strip_prefix("ofd:OutlineElem Title=\"") {
            got.push((depth, rest.split('"').next().unwrap().to_string()));
            depth += 1;
        } else if piece.starts_with("/ofd:OutlineElem>") {
            depth -= 1;
        }
    }
    let mut stack: Vec<u8> = Vec::new();
    let mut want = Vec::new();
    for h in w.doc.headings() {
        while stack.last().is_some_and(|&l| l >= h.level) {
            stack.pop();
        }
        want.push((stack.len(), format!("{}{}", h.label.canonical(), h.content.text())));
        stack.push(h.level);
    }
    assert!(want.iter().any(|(d, _)| *d > 0), "seed-002 has a nested heading: {want:?}");
    assert_eq!(got, want);
}

/// What easyofd read from one file.
struct Read {
    json: serde_json::Value,
    rendered: PathBuf,
}

fn easyofd(w: &Written) -> Read {
    let script = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/easyofd_read.py");
    let rendered = w.dir.path().join("easyofd.pdf");
    let out = run("python3", &[script, w.ofd.to_str().unwrap(), rendered.to_str().unwrap()]);
    let line =
        out.lines().rev().find_map(|l| l.strip_prefix("JSON ")).expect("the script's report");
    Read { json: serde_json::from_str(line).expect("JSON"), rendered }
}

/// A box in millimetres: left, top, right, bottom.
type Box4 = [f64; 4];

/// poppler's word boxes of the PDF, in millimetres, page by page, with their text.
fn pdf_words_mm(pdf: &Path) -> Vec<Vec<(String, Box4)>> {
    pdf_pages(pdf)
        .into_iter()
        .map(|page| {
            page.words
                .into_iter()
                .map(|w| {
                    let b = [w.x_min, w.y_min, w.x_max, w.y_max].map(|v| f64::from(v) * MM_PER_PT);
                    (w.text, b)
                })
                .collect()
        })
        .collect()
}

/// The top of the page-number line in millimetres: everything below it is the page number.
fn page_number_top(laid: &Layout, page: usize) -> f64 {
    let lines = &laid.pages[page].lines;
    let body =
        lines.iter().filter(|l| l.role != Role::PageNumber).map(|l| l.baseline).fold(0.0, f32::max);
    f64::from(body) * MM_PER_PT + 1.0
}

#[test]
fn easyofd_reads_back_pages_text_and_positions() {
    for name in SAMPLES {
        let w = write(name, &OfdOptions::for_document(&sample(name)));
        let read = easyofd(&w);
        let pages = read.json["pages"].as_array().expect("pages");
        assert_eq!(pages.len(), w.laid.pages.len(), "{name}: page count");
        let words = pdf_words_mm(&w.pdf);
        assert_eq!(words.len(), pages.len(), "{name}: the PDF's page count");

        // Every embedded font went through reportlab, which takes TrueType only.
        let fonts = read.json["fonts"].as_object().unwrap();
        assert_eq!(
            read.json["registered"].as_array().unwrap().len(),
            fonts.len(),
            "{name}: {}",
            read.json["fonts"]
        );

        let known = |c: &char| !w.missing.contains(c);
        let mut text = String::new();
        let mut misplaced = Vec::new();
        for (index, page) in pages.iter().enumerate() {
            let limit = page_number_top(&w.laid, index);
            let objects: Vec<(String, Box4)> = boxes(page, "text")
                .into_iter()
                .map(|(_, text, b)| (text, b))
                .filter(|(_, b)| b[1] < limit)
                .collect();
            let body: Vec<&(String, Box4)> =
                words[index].iter().filter(|(_, b)| b[1] < limit).collect();
            for (t, _) in &objects {
                text.push_str(t);
            }
            // Each text object stands on a line of the PDF: the same top, within the line's
            // left and right ends. (poppler gives a word the box of its first glyph's face
            // and runs on across faces, so where digits in Liberation Serif and Chinese
            // share a word only the top, 0.06 mm apart in the two faces, is the line's.)
            // Characters no font has are the missing-glyph box, which the PDF draws as no text.
            for (t, b) in objects.iter().filter(|(t, _)| t.chars().any(|c| known(&c))) {
                let line: Vec<&Box4> = body
                    .iter()
                    .map(|(_, wb)| wb)
                    .filter(|wb| {
                        // The same top, or one box around the other: a taller face (the CJK
                        // fallback) on the same line.
                        let level = (wb[1] - b[1]).abs() < 0.5
                            || (b[1] <= wb[1] && b[3] >= wb[3])
                            || (wb[1] <= b[1] && wb[3] >= b[3]);
                        level && wb[0] < b[2] && wb[2] > b[0]
                    })
                    .collect();
                let left = line.iter().map(|wb| wb[0]).fold(f64::INFINITY, f64::min);
                let right = line.iter().map(|wb| wb[2]).fold(f64::NEG_INFINITY, f64::max);
                if !(b[0] > left - 0.5 && b[2] < right + 0.5) {
                    misplaced
                        .push(format!("page {}: {t} at {b:?}, PDF {left}..{right}", index + 1));
                }
            }
            // The first and last line of the page: to 0.1 mm.
            let (Some(first), Some(last)) = (objects.first(), objects.last()) else { continue };
            let (Some(pdf_first), Some(pdf_last)) = (body.first(), body.last()) else {
                panic!("{name}: page {} has no words", index + 1)
            };
            // The ends of the lines, and their tops and bottoms: poppler's word takes the
            // face of its first glyph, so some run on the same line (within 2 mm) has its box.
            let on_line = |o: &(String, Box4), word: &Box4| {
                (o.1[1] - word[1]).abs() < 2.0
                    && (o.1[1] - word[1]).abs() < 0.1
                    && (o.1[3] - word[3]).abs() < 0.1
            };
            for (what, ok) in [
                ("first line's left", (first.1[0] - pdf_first.1[0]).abs() < 0.1),
                ("first line's top and bottom", objects.iter().any(|o| on_line(o, &pdf_first.1))),
                ("last line's right", (last.1[2] - pdf_last.1[2]).abs() < 0.1),
                ("last line's top and bottom", objects.iter().any(|o| on_line(o, &pdf_last.1))),
            ] {
                assert!(
                    ok,
                    "{name} page {}: {what}: OFD {first:?} … {last:?}, PDF {pdf_first:?} … {pdf_last:?}",
                    index + 1
                );
            }
        }
        assert!(misplaced.is_empty(), "{name}: {misplaced:#?}");

        let want: String = document_text(&w.doc).chars().filter(known).collect();
        let got: String = squash(&text).chars().filter(known).collect();
        let ratio = similarity(&got, &want);
        assert!(ratio >= 0.995, "{name}: easyofd's text matches {ratio:.4}\n{got}\n{want}");

        // Its own rendering carries the same text, in the order poppler reads our PDF's
        // (a joint issue's "文件" stands between its organs).
        let page_text = |pdf: &Path| -> String {
            let text = run("pdftotext", &["-enc", "UTF-8", pdf.to_str().unwrap(), "-"]);
            let text: String = text
                .lines()
                .filter(|l| !l.trim().chars().all(|c| c.is_ascii_digit() || "\u{c}— ".contains(c)))
                .collect();
            squash(&text).chars().filter(known).collect()
        };
        let rendered = page_text(&read.rendered);
        let ratio = similarity(&rendered, &page_text(&w.pdf));
        assert!(ratio >= 0.995, "{name}: easyofd's PDF text matches {ratio:.4}\n{rendered}");
    }
}

#[test]
fn page_numbers_have_their_dashes_as_rules() {
    let w = write("seed-002", &OfdOptions::for_document(&sample("seed-002")));
    let read = easyofd(&w);
    for (index, page) in read.json["pages"].as_array().unwrap().iter().enumerate() {
        let paths = page["paths"].as_array().unwrap();
        assert_eq!(paths.len(), 2, "page {}: two dashes, {paths:?}", index + 1);
        let top = page_number_top(&w.laid, index);
        for p in paths {
            let pos: Vec<f64> =
                p["pos"].as_array().unwrap().iter().map(|v| v.as_f64().unwrap()).collect();
            assert!(pos[1] > top && pos[2] > 2.0 && pos[3] < 1.0, "page {}: {pos:?}", index + 1);
            assert_eq!(p["colour"], serde_json::json!(["0", "0", "0"]));
        }
    }
}

#[test]
fn a_character_no_font_has_keeps_its_text_and_names_the_missing_glyph() {
    // Without the CJK fallback face, the Fandol faces lack seed-003's traditional 別.
    let mut fonts = FontBook::new();
    for font in gongwen_fonts::BUNDLED.iter().filter(|f| !f.postscript_name.contains("Fallback")) {
        fonts.add_static(font.data).unwrap();
    }
    let doc = sample("seed-003");
    let laid = layout(&doc, &StyleProfile::default(), &fonts);
    assert!(!laid.warnings.is_empty(), "別 is in no font: {}", laid.dump(&fonts));
    let bytes = ofd(&laid, &fonts, &OfdOptions::for_document(&doc)).unwrap();
    let page = String::from_utf8(parts(&bytes)["Doc_0/Pages/Page_0/Content.xml"].clone()).unwrap();
    let object = page.split("<ofd:TextObject ").find(|o| o.contains('別')).expect("its own object");
    assert!(object.contains("<ofd:CGTransform CodePosition=\"0\" CodeCount=\"1\" GlyphCount=\"1\"><ofd:Glyphs>0</ofd:Glyphs>"), "{object}");
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("Content.xml");
    std::fs::write(&file, &page).unwrap();
    let xsd = concat!(env!("CARGO_MANIFEST_DIR"), "/../../schema/ofd/Page.xsd");
    run("xmllint", &["--noout", "--schema", xsd, file.to_str().unwrap()]);
}

/// easyofd's boxes of one page's objects: (colour, box in mm), for its paths and its texts.
fn boxes(page: &serde_json::Value, key: &str) -> Vec<(Vec<String>, String, Box4)> {
    page[key]
        .as_array()
        .unwrap()
        .iter()
        .map(|o| {
            let p: Vec<f64> =
                o["pos"].as_array().unwrap().iter().map(|v| v.as_f64().unwrap()).collect();
            let colour = o["colour"]
                .as_array()
                .map(|c| c.iter().map(|v| v.as_str().unwrap().to_string()).collect())
                .unwrap_or_default();
            let text = o["text"].as_str().unwrap_or("").to_string();
            (colour, text, [p[0], p[1], p[0] + p[2], p[1] + p[3]])
        })
        .collect()
}

fn near(a: &Box4, b: &Box4, within: f64) -> bool {
    a.iter().zip(b).all(|(x, y)| (x - y).abs() <= within)
}

/// Every rectangle the PDF fills (qpdf) is a path of the OFD (easyofd) in the same colour,
/// to 0.1 mm; the OFD's other paths are the page numbers' dashes, which the PDF draws as
/// glyphs. Returns the PDF's rectangles, page by page, and how many of them are red.
fn rules_match(w: &Written, read: &Read) -> (Vec<Vec<pdf_rects::Rect>>, usize) {
    let pages = read.json["pages"].as_array().unwrap();
    let rects = pdf_rects(&w.pdf, f64::from(w.laid.page_height));
    assert_eq!(rects.len(), pages.len(), "the PDF's page count");
    let red = ["255", "0", "0"].map(String::from).to_vec();
    let mut red_rules = 0;
    for (index, (page, pdf)) in pages.iter().zip(&rects).enumerate() {
        let paths = boxes(page, "paths");
        let dashes_from = page_number_top(&w.laid, index);
        for r in pdf {
            let want = [r.x, r.top, r.x + r.width, r.top + r.height].map(|v| v * MM_PER_PT);
            let colour: Vec<String> = r
                .colour
                .split_whitespace()
                .map(|c| ((c.parse::<f64>().unwrap() * 255.0).round() as u8).to_string())
                .collect();
            assert!(
                paths.iter().any(|(c, _, b)| *c == colour && near(b, &want, 0.1)),
                "page {}: the PDF's {colour:?} rule at {want:?} is not among {paths:?}",
                index + 1
            );
            red_rules += usize::from(colour == red);
        }
        let unmatched = paths.iter().filter(|(_, _, b)| {
            !pdf.iter().any(|r| {
                let want = [r.x, r.top, r.x + r.width, r.top + r.height].map(|v| v * MM_PER_PT);
                near(b, &want, 0.1)
            })
        });
        for (_, _, b) in unmatched {
            assert!(b[1] > dashes_from, "page {}: a path at {b:?} the PDF lacks", index + 1);
        }
    }
    (rects, red_rules)
}

#[test]
fn a_markdown_table_draws_the_pdfs_rules() {
    let markdown = "# 关于整改情况的报告\n\n现将各单位整改情况报告如下。\n\n\
        | 序号 | 单位名称 | 完成情况 |\n|---|---|---|\n\
        | 1 | 县农业农村局 | 已完成全部十二项整改任务，建立长效机制并报送县委办公室备案。 |\n\
        | 2 | 县交通运输局 | 完成80% |\n| 3 | Traffic Office | pending |\n\n特此报告。\n";
    let doc =
        gongwen_parse_md::read(markdown, &gongwen_parse::ParseOptions::default()).parsed.document;
    let table = doc.blocks.iter().find_map(|b| match b {
        Block::Table(t) => Some(t),
        _ => None,
    });
    assert_eq!(table.expect("the Markdown table is a table block").rows.len(), 4);
    let w = write_document("table", doc, &OfdOptions::default());
    let read = easyofd(&w);
    let (rects, _) = rules_match(&w, &read);
    // A ruled grid of 4 rows and 3 columns: 5 horizontal and 4 upright rules at least
    // (the writers may cut a rule where it crosses another).
    let page = &rects[0];
    let horizontal = page.iter().filter(|r| r.width > r.height).count();
    let upright = page.len() - horizontal;
    assert!(horizontal >= 5 && upright >= 4, "the table's rules: {page:?}");
    // And the OFD has no rule the PDF lacks: as many paths above the page number.
    let paths = boxes(&read.json["pages"][0], "paths");
    let above = paths.iter().filter(|(_, _, b)| b[1] < page_number_top(&w.laid, 0)).count();
    assert_eq!(above, page.len(), "{paths:?}");
}

#[test]
fn an_official_copy_draws_its_red_head_and_its_foot_where_the_pdf_does() {
    let w = write("official-001", &OfdOptions::for_document(&sample("official-001")));
    let read = easyofd(&w);
    let pages = read.json["pages"].as_array().unwrap();
    assert_eq!(pages.len(), w.laid.pages.len(), "page count");
    let red = ["255", "0", "0"].map(String::from).to_vec();
    let (rects, red_rules) = rules_match(&w, &read);
    assert!(red_rules >= 1, "the head's red rule: {rects:?}");
    let foot = rects.last().unwrap();
    assert_eq!(foot.len(), 3, "the 版记's three rules on the last page: {foot:?}");

    // The issuer mark is red text, where the PDF has its words; nothing else is red.
    let words = pdf_words_mm(&w.pdf);
    let issuer: String = w
        .laid
        .pages
        .iter()
        .flat_map(|p| &p.lines)
        .filter(|l| l.role == Role::Issuer)
        .flat_map(|l| &l.runs)
        .flat_map(|r| &r.glyphs)
        .map(|g| g.ch)
        .collect();
    assert!(issuer.contains("人民政府文件"), "official-001 has an issuer mark: {issuer}");
    let mut red_text = String::new();
    for (index, page) in pages.iter().enumerate() {
        for (colour, text, b) in boxes(page, "text").into_iter().filter(|t| t.0 == red) {
            let word = words[index].iter().find(|(t, _)| *t == text);
            assert!(
                word.is_some_and(|(_, wb)| near(wb, &b, 0.1)),
                "page {}: red {text} at {b:?} {colour:?}, PDF {word:?}",
                index + 1
            );
            red_text.push_str(&text);
        }
    }
    assert_eq!(squash(&red_text), squash(&issuer), "red text is the issuer mark");
}
