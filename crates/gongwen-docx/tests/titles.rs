//! Over every sample and test case: a title that wraps breaks between words (as the
//! segmenter cuts it), in a trapezoid or diamond, and at the same places in the DOCX
//! (explicit line breaks) as in the PDF layout.

use gongwen_ast::Block;
use gongwen_docx::{DocxOptions, docx};
use gongwen_layout::{Role, layout, title};
use gongwen_style::StyleProfile;

mod common;
#[path = "../../../tests/support/samples.rs"]
mod samples;

/// The title paragraphs' lines in `document.xml`, split at their explicit breaks.
fn docx_title_lines(xml: &str) -> Vec<String> {
    xml.split("<w:pStyle w:val=\"Title\"/>")
        .skip(1)
        .flat_map(|rest| rest[..rest.find("</w:p>").expect("paragraph end")].split("<w:br/>"))
        .map(|part| {
            let mut text = String::new();
            for piece in part.split("<w:t").skip(1) {
                let body = &piece[piece.find('>').expect("tag end") + 1..];
                text.push_str(&body[..body.find("</w:t>").expect("text end")]);
            }
            text
        })
        .collect()
}

#[test]
fn titles_break_between_words_in_a_good_shape_in_both_outputs() {
    let book = samples::book();
    let profile = StyleProfile::default();
    let mut wrapped = 0;
    for (name, doc) in samples::samples_and_cases() {
        let pages = layout(&doc, &profile, &book);
        let pdf_lines: Vec<String> = pages
            .pages
            .iter()
            .flat_map(|p| &p.lines)
            .filter(|l| l.role == Role::Title)
            .map(|l| l.runs.iter().flat_map(|r| r.glyphs.iter().map(|g| g.ch)).collect())
            .collect();
        let bytes = docx(&doc, &profile, &DocxOptions::default()).expect("renders");
        let xml = common::part(&bytes, "word/document.xml");
        let docx_lines = docx_title_lines(&xml);
        assert_eq!(docx_lines, pdf_lines, "{}: DOCX and PDF break alike", name);
        let blocks = gongwen_ast::flow_blocks(&doc.blocks);
        let titles = blocks.iter().filter_map(|b| match b {
            Block::Title(t) => Some(t),
            _ => None,
        });
        for source in titles.flat_map(|t| &t.lines).filter(|l| !l.is_empty()) {
            let want: String = source.text().trim().chars().filter(|&c| c != ' ').collect();
            // The run of set lines that holds this source line.
            let lines: Vec<&String> = (0..pdf_lines.len())
                .find_map(|start| {
                    let mut run = Vec::new();
                    let mut text = String::new();
                    for line in &pdf_lines[start..] {
                        text.push_str(line);
                        run.push(line);
                        if text.len() >= want.len() {
                            break;
                        }
                    }
                    (text == want).then_some(run)
                })
                .unwrap_or_else(|| panic!("{}: {want} set in {pdf_lines:?}", name));
            if lines.len() < 2 {
                continue;
            }
            wrapped += 1;
            let words = title::word_starts(&want);
            let mut at = 0;
            for line in &lines[..lines.len() - 1] {
                at += line.chars().count();
                assert!(words[at], "{}: {lines:?} breaks inside a word", name);
            }
            let lens: Vec<f32> = lines.iter().map(|l| l.chars().map(title::ems).sum()).collect();
            assert!(title::well_shaped(&lens), "{}: {lines:?} is no trapezoid or diamond", name);
            for line in &lines {
                let words = title::word_starts(line).iter().filter(|&&w| w).count() - 1;
                assert!(words >= 2, "{}: {line} is a single word on a line", name);
            }
        }
    }
    assert!(wrapped >= 4, "the inputs hold titles that wrap ({wrapped})");
}
