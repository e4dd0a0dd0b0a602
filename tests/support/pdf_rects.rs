//! Shared by the PDF and OFD tests: the filled rectangles (`re`) of a PDF's pages and the
//! fill colour (`rg`) each is drawn in, read from qpdf's uncompressed QDF form. The
//! writers draw rules as rectangles in the page's own coordinates (no `cm`), which is
//! what this reads. qpdf is required: a test fails, never skips, when it is missing.

use std::path::Path;
use std::process::Command;

/// One rectangle, in points from the page's top left; its colour as the `rg` gave it.
#[derive(Debug, Clone, PartialEq)]
pub struct Rect {
    pub colour: String,
    pub x: f64,
    pub top: f64,
    pub width: f64,
    pub height: f64,
}

/// The rectangles of `pdf`, page by page; `page_height` in points turns PDF's bottom-up
/// coordinates into top-down ones.
pub fn pdf_rects(pdf: &Path, page_height: f64) -> Vec<Vec<Rect>> {
    let out = Command::new("qpdf")
        .args(["--qdf", "--object-streams=disable"])
        .arg(pdf)
        .arg("-")
        .output()
        .unwrap_or_else(|e| panic!("qpdf must be installed: {e}"));
    assert!(out.status.success(), "qpdf failed: {}", String::from_utf8_lossy(&out.stderr));
    let text = String::from_utf8_lossy(&out.stdout);
    let mut pages = Vec::new();
    for stream in text.split("%% Contents for page").skip(1) {
        let mut colour = String::from("0 0 0");
        let mut found = Vec::new();
        for line in stream.lines().take_while(|l| !l.starts_with("endstream")) {
            if let Some(c) = line.strip_suffix(" rg") {
                colour = c.to_string();
            } else if let Some(r) = line.strip_suffix(" re") {
                let n: Vec<f64> = r.split_whitespace().map(|v| v.parse().unwrap()).collect();
                found.push(Rect {
                    colour: colour.clone(),
                    x: n[0],
                    top: page_height - n[1] - n[3],
                    width: n[2],
                    height: n[3],
                });
            }
        }
        pages.push(found);
    }
    pages
}
