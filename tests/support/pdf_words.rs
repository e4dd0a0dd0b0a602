//! Shared by the PDF, OFD and DOCX tests: a PDF's pages, their sizes and words as poppler's
//! `pdftotext -bbox` places them, and the visual lines those words make. poppler is
//! required: a test fails, never skips, when it is missing (install poppler-utils).

#![allow(dead_code)] // each test binary uses part of this module

use std::path::Path;
use std::process::Command;

use quick_xml::events::Event;

/// Runs `cmd`, panicking with a message naming the tool when it is missing or fails.
pub fn run(cmd: &mut Command, tool: &str) -> String {
    let out = cmd.output().unwrap_or_else(|e| panic!("cannot run {tool} ({e}): install it"));
    assert!(
        out.status.success(),
        "{tool} failed: {}\n{}",
        out.status,
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).expect("UTF-8 output")
}

/// A word on a PDF page, in points from the top left.
#[derive(Debug, Clone, PartialEq)]
pub struct Word {
    pub x_min: f32,
    pub y_min: f32,
    pub x_max: f32,
    pub y_max: f32,
    pub text: String,
}

/// A PDF page: its size in points and its words, in poppler's reading order.
#[derive(Debug, Default)]
pub struct Page {
    pub width: f32,
    pub height: f32,
    pub words: Vec<Word>,
}

/// The pages of `pdf` as `pdftotext -bbox` sees them.
pub fn pdf_pages(pdf: &Path) -> Vec<Page> {
    let xhtml =
        run(Command::new("pdftotext").arg("-bbox").arg(pdf).arg("-"), "pdftotext (poppler-utils)");
    let mut reader = quick_xml::Reader::from_str(&xhtml);
    let mut pages: Vec<Page> = Vec::new();
    let mut word: Option<Word> = None;
    loop {
        match reader.read_event().expect("pdftotext writes XHTML") {
            Event::Start(e) => {
                let attr = |name: &str| -> f32 {
                    let a = e.try_get_attribute(name).expect("attribute").expect(name);
                    a.value.parse().expect("a number")
                };
                match e.local_name().as_ref() {
                    "page" => pages.push(Page {
                        width: attr("width"),
                        height: attr("height"),
                        words: Vec::new(),
                    }),
                    "word" => {
                        word = Some(Word {
                            x_min: attr("xMin"),
                            y_min: attr("yMin"),
                            x_max: attr("xMax"),
                            y_max: attr("yMax"),
                            text: String::new(),
                        })
                    }
                    _ => {}
                }
            }
            Event::Text(t) => {
                if let Some(w) = word.as_mut() {
                    w.text.push_str(&t.xml10_content());
                }
            }
            Event::GeneralRef(r) => {
                if let Some(w) = word.as_mut() {
                    let c = match &*r {
                        "amp" => '&',
                        "lt" => '<',
                        "gt" => '>',
                        "quot" => '"',
                        "apos" => '\'',
                        _ => r.resolve_char_ref().ok().flatten().unwrap_or('\u{fffd}'),
                    };
                    w.text.push(c);
                }
            }
            Event::End(e) if e.local_name().as_ref() == "word" => {
                let w = word.take().expect("a word was open");
                pages.last_mut().expect("words stand on a page").words.push(w);
            }
            Event::Eof => break,
            _ => {}
        }
    }
    pages
}

/// A visual line: words sharing a baseline, left to right.
#[derive(Debug)]
pub struct Line {
    pub x_min: f32,
    pub x_max: f32,
    pub y_max: f32,
    /// Height of the tallest word: the font size, roughly.
    pub height: f32,
    pub text: String,
}

/// The visual lines of `page` whose words lie between `top` and `bottom` (points).
pub fn lines(page: &Page, top: f32, bottom: f32) -> Vec<Line> {
    let mut words: Vec<&Word> =
        page.words.iter().filter(|w| w.y_min >= top - 2.0 && w.y_max <= bottom + 2.0).collect();
    words.sort_by(|a, b| a.y_max.total_cmp(&b.y_max).then(a.x_min.total_cmp(&b.x_min)));
    let mut lines: Vec<Vec<&Word>> = Vec::new();
    for w in words {
        match lines.last_mut() {
            Some(line) if (line[0].y_max - w.y_max).abs() < 3.0 => line.push(w),
            _ => lines.push(vec![w]),
        }
    }
    lines
        .into_iter()
        .map(|mut ws| {
            ws.sort_by(|a, b| a.x_min.total_cmp(&b.x_min));
            Line {
                x_min: ws.iter().map(|w| w.x_min).fold(f32::MAX, f32::min),
                x_max: ws.iter().map(|w| w.x_max).fold(f32::MIN, f32::max),
                y_max: ws[0].y_max,
                height: ws.iter().map(|w| w.y_max - w.y_min).fold(0.0, f32::max),
                text: ws.iter().map(|w| w.text.as_str()).collect(),
            }
        })
        .collect()
}
