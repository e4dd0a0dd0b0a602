//! Shared by the PDF and OFD tests: the words of a PDF as poppler's `pdftotext -bbox`
//! places them. poppler is required: a test fails, never skips, when it is missing.

use std::path::Path;
use std::process::Command;

/// One word's text and box, in points from the page's top left.
#[derive(Debug, Clone, PartialEq)]
pub struct Word {
    pub text: String,
    pub x_min: f64,
    pub y_min: f64,
    pub x_max: f64,
    pub y_max: f64,
}

/// The words of `pdf`, page by page, in poppler's reading order.
pub fn pdf_words(pdf: &Path) -> Vec<Vec<Word>> {
    let out = Command::new("pdftotext")
        .arg("-bbox")
        .arg(pdf)
        .arg("-")
        .output()
        .unwrap_or_else(|e| panic!("pdftotext must be installed (poppler-utils): {e}"));
    assert!(out.status.success(), "pdftotext failed: {}", String::from_utf8_lossy(&out.stderr));
    let html = String::from_utf8(out.stdout).expect("pdftotext writes UTF-8");
    html.split("<page ")
        .skip(1)
        .map(|page| {
            page.split("<word ")
                .skip(1)
                .map(|word| {
                    let attr = |key: &str| -> f64 {
                        let v = word.split(&format!("{key}=\"")).nth(1).expect(key);
                        v.split('"').next().unwrap().parse().expect("a number")
                    };
                    let text = word.split('>').nth(1).unwrap().split('<').next().unwrap();
                    Word {
                        text: unescape(text),
                        x_min: attr("xMin"),
                        y_min: attr("yMin"),
                        x_max: attr("xMax"),
                        y_max: attr("yMax"),
                    }
                })
                .collect()
        })
        .collect()
}

/// pdftotext writes XHTML: its words carry `&amp;`, `&lt;`, `&gt;` and `&quot;`.
fn unescape(text: &str) -> String {
    text.replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", "\"").replace("&amp;", "&")
}
