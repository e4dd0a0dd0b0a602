//! Tables read from a python-docx draft and from Markdown, printed as PDF, and read back
//! by poppler and qpdf: the rules are drawn (qpdf's uncompressed content streams hold
//! their `re` rectangles), the table is as wide as the text block, and `pdftotext -bbox`
//! finds every word of a cell inside that cell's rules. The tools are required: a missing
//! one fails the test.

#[path = "../../../tests/support/python.rs"]
mod python;

use std::path::Path;
use std::process::Command;

use gongwen::{Format, SourceFormat, ast::Block};

/// The text block's width: A4 less the 28 mm and 26 mm margins, 156 mm.
const BLOCK_WIDTH_PT: f32 = 156.0 * 72.0 / 25.4;
const PAGE_HEIGHT_PT: f32 = 297.0 * 72.0 / 25.4;

fn tool(name: &str, args: &[&str]) -> String {
    let out = Command::new(name)
        .args(args)
        .output()
        .unwrap_or_else(|e| panic!("{name} must be installed: {e}"));
    assert!(out.status.success(), "{name} failed: {}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// The cells of the test tables, row by row: a short header, a cell long enough to wrap
/// in its column, digits and Latin words.
fn cells() -> Vec<Vec<&'static str>> {
    vec![
        vec!["序号", "单位名称", "完成情况"],
        vec!["1", "县农业农村局", "已完成全部十二项整改任务，建立长效机制并报送县委办公室备案。"],
        vec!["2", "县交通运输局", "完成80%"],
        vec!["3", "Traffic Office", "pending"],
    ]
}

/// A python-docx document: a title, a paragraph, the table in Word's "Table Grid" style,
/// a closing paragraph.
fn python_docx(path: &Path) {
    let rows: Vec<String> = cells()
        .iter()
        .map(|r| format!("[{}]", r.iter().map(|c| format!("{c:?}")).collect::<Vec<_>>().join(",")))
        .collect();
    let script = format!(
        "import docx, sys\n\
         d = docx.Document()\n\
         d.add_paragraph('关于整改情况的报告')\n\
         d.add_paragraph('现将各单位整改情况报告如下。')\n\
         rows = [{}]\n\
         t = d.add_table(rows=len(rows), cols=len(rows[0]))\n\
         t.style = 'Table Grid'\n\
         for r, row in enumerate(rows):\n    \
             for c, text in enumerate(row):\n        \
                 t.cell(r, c).text = text\n\
         d.add_paragraph('特此报告。')\n\
         d.save(sys.argv[1])\n",
        rows.join(",")
    );
    python::python_docx(&script, path);
}

fn markdown() -> String {
    let mut md = String::from("# 关于整改情况的报告\n\n现将各单位整改情况报告如下。\n\n");
    for (i, row) in cells().iter().enumerate() {
        md.push_str(&format!("| {} |\n", row.join(" | ")));
        if i == 0 {
            md.push_str("|---|---|---|\n");
        }
    }
    md.push_str("\n特此报告。\n");
    md
}

/// Reads `bytes`, checks the tree holds the table, prints it as PDF into `dir`.
fn print(bytes: &[u8], from: SourceFormat, dir: &Path, name: &str) -> std::path::PathBuf {
    let source = gongwen::read(bytes, from, &Default::default()).expect("the draft reads");
    let table = source.document.blocks.iter().find_map(|b| match b {
        Block::Table(t) => Some(t),
        _ => None,
    });
    let table = table.expect("the draft's table is a table block");
    assert_eq!(table.rows.len(), cells().len());
    let pdf = gongwen::render(&source.document, Format::Pdf, &Default::default())
        .expect("the PDF renders");
    let path = dir.join(format!("{name}.pdf"));
    std::fs::write(&path, pdf.bytes).unwrap();
    path
}

/// The filled rectangles of page 1, (x, top, width, height) in points from the top left,
/// from qpdf's uncompressed content stream.
fn rectangles(pdf: &Path, dir: &Path) -> Vec<[f32; 4]> {
    let qdf = dir.join("qdf.pdf");
    tool(
        "qpdf",
        &["--qdf", "--object-streams=disable", pdf.to_str().unwrap(), qdf.to_str().unwrap()],
    );
    let bytes = std::fs::read(&qdf).unwrap();
    let text = String::from_utf8_lossy(&bytes);
    let page = text.split("%% Contents for page 2").next().unwrap();
    page.lines()
        .filter_map(|l| l.trim().strip_suffix(" re"))
        .map(|nums| {
            let n: Vec<f32> = nums.split_whitespace().map(|v| v.parse().unwrap()).collect();
            [n[0], PAGE_HEIGHT_PT - n[1] - n[3], n[2], n[3]]
        })
        .collect()
}

/// Sorted positions with neighbours closer than 1 pt merged.
fn distinct(mut values: Vec<f32>) -> Vec<f32> {
    values.sort_by(f32::total_cmp);
    values.dedup_by(|a, b| (*a - *b).abs() < 1.0);
    values
}

/// Words of page 1 from `pdftotext -bbox`: text and box.
fn words(pdf: &Path) -> Vec<(String, [f32; 4])> {
    let xhtml = tool("pdftotext", &["-bbox", "-f", "1", "-l", "1", pdf.to_str().unwrap(), "-"]);
    let attr = |tag: &str, name: &str| -> f32 {
        let at = tag.find(&format!("{name}=\"")).expect("attribute") + name.len() + 2;
        tag[at..at + tag[at..].find('"').unwrap()].parse().expect("number")
    };
    xhtml
        .split("<word ")
        .skip(1)
        .map(|w| {
            let close = w.find('>').unwrap();
            let tag = &w[..close];
            let text = w[close + 1..w.find("</word>").unwrap()].to_string();
            let b = ["xMin", "yMin", "xMax", "yMax"].map(|n| attr(tag, n));
            (text, b)
        })
        .collect()
}

fn check_table(pdf: &Path, dir: &Path) {
    let rects = rectangles(pdf, dir);
    let horizontal: Vec<&[f32; 4]> = rects.iter().filter(|r| r[2] > r[3]).collect();
    let vertical: Vec<&[f32; 4]> = rects.iter().filter(|r| r[3] > r[2]).collect();
    assert!(!horizontal.is_empty() && !vertical.is_empty(), "the table's rules are drawn");
    for r in &rects {
        assert!(r[2].min(r[3]) <= 1.0, "the rules are thin lines: {r:?}");
    }
    for h in &horizontal {
        assert!((h[2] - BLOCK_WIDTH_PT).abs() < 0.5, "as wide as the text block: {h:?}");
    }
    let rows = distinct(horizontal.iter().map(|h| h[1] + h[3] / 2.0).collect());
    let columns = distinct(vertical.iter().map(|v| v[0] + v[2] / 2.0).collect());
    let want = cells();
    assert_eq!(rows.len(), want.len() + 1, "a rule above each row and below the last");
    assert_eq!(columns.len(), want[0].len() + 1, "a rule at each column's edges");
    assert!((columns[columns.len() - 1] - columns[0] - BLOCK_WIDTH_PT).abs() < 1.0);
    // The long cell wraps: its row is taller than the header's.
    eprintln!("rows {rows:?} columns {columns:?}");
    assert!(rows[2] - rows[1] > 1.5 * (rows[1] - rows[0]), "the long cell wraps in its cell");
    let words = words(pdf);
    for (r, row) in want.iter().enumerate() {
        for (c, text) in row.iter().enumerate() {
            let inside: Vec<&(String, [f32; 4])> = words
                .iter()
                .filter(|(_, b)| {
                    let (cx, cy) = ((b[0] + b[2]) / 2.0, (b[1] + b[3]) / 2.0);
                    cx > columns[c] && cx < columns[c + 1] && cy > rows[r] && cy < rows[r + 1]
                })
                .collect();
            let got: String = inside.iter().map(|(w, _)| w.as_str()).collect();
            let squash = |s: &str| s.chars().filter(|c| !c.is_whitespace()).collect::<String>();
            assert_eq!(squash(&got), squash(text), "row {r} column {c}");
            for (w, b) in inside {
                assert!(
                    b[0] >= columns[c] - 0.5
                        && b[2] <= columns[c + 1] + 0.5
                        && b[1] >= rows[r] - 0.5
                        && b[3] <= rows[r + 1] + 0.5,
                    "“{w}” {b:?} stays inside its cell"
                );
            }
        }
    }
    // The paragraphs around the table read back too, in order.
    let text: String = tool("pdftotext", &[pdf.to_str().unwrap(), "-"])
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect();
    let before = text.find("现将各单位整改情况报告如下。").expect("the paragraph before");
    let after = text.find("特此报告。").expect("the paragraph after");
    assert!(before < after);
}

#[test]
fn a_python_docx_table_is_ruled_on_the_grid() {
    let dir = tempfile::tempdir().unwrap();
    let docx = dir.path().join("table.docx");
    python_docx(&docx);
    let pdf = print(&std::fs::read(&docx).unwrap(), SourceFormat::Docx, dir.path(), "docx");
    check_table(&pdf, dir.path());
}

#[test]
fn a_markdown_table_is_ruled_on_the_grid() {
    let dir = tempfile::tempdir().unwrap();
    let pdf = print(markdown().as_bytes(), SourceFormat::Markdown, dir.path(), "md");
    check_table(&pdf, dir.path());
}
