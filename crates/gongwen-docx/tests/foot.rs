//! The 版记 placed where the layout put it (`DocxOptions::foot`), as the unzipped
//! document.xml and package parts show it: after the text in the body's section, spaced
//! down by the room the layout left; or in a section of its own, numbered or not.

mod common;

#[path = "../../../tests/support/samples.rs"]
mod samples;

use gongwen_docx::{DocxOptions, docx};
use gongwen_layout::FootPlacement;
use gongwen_style::{PT_PER_MM, StyleProfile};

/// official-003 as DOCX with the 版记 placed by `foot`: document.xml, the relationships,
/// and whether the empty footer part is there.
fn render(foot: Option<FootPlacement>) -> (String, String, bool) {
    let doc = samples::sample("official-003");
    let options = DocxOptions { foot, ..DocxOptions::default() };
    let bytes = docx(&doc, &StyleProfile::default(), &options).expect("renders");
    let parts = common::parts(&bytes);
    let part = |name: &str| parts.iter().find(|(n, _)| n == name).map(|(_, t)| t.clone());
    let document = part("word/document.xml").expect("document.xml");
    let rels = part("word/_rels/document.xml.rels").expect("rels");
    (document, rels, part("word/footer3.xml").is_some())
}

/// The section properties of `document`, in order.
fn sections(document: &str) -> Vec<&str> {
    document.split("<w:sectPr>").skip(1).map(|s| &s[..s.find("</w:sectPr>").unwrap()]).collect()
}

/// The 版记's paragraphs: from the one holding 抄送 to the end.
fn foot_paragraphs(document: &str) -> Vec<&str> {
    let start = document.find("抄送：").expect("抄送");
    let start = document[..start].rfind("<w:p>").unwrap();
    document[start..].split("<w:p>").filter(|p| !p.is_empty()).collect()
}

/// The `w:before` of a paragraph, in twips.
fn space_before(paragraph: &str) -> Option<i32> {
    let at = paragraph.find("w:before=\"")? + "w:before=\"".len();
    paragraph[at..].split('"').next()?.parse().ok()
}

/// The width of the 版记's borders, two thick rules and a thin one, in points, as written
/// (in eighths of a point).
fn borders() -> f32 {
    let o = StyleProfile::default().official;
    let eighths = |mm: f32| (mm * PT_PER_MM * 8.0).round();
    (2.0 * eighths(o.thick_rule_mm) + eighths(o.thin_rule_mm)) / 8.0
}

#[test]
fn a_shared_foot_follows_the_text_in_the_body_section() {
    let free_pt = 200.0;
    let (document, rels, footer3) = render(Some(FootPlacement::Shared { free_pt }));
    let sections = sections(&document);
    assert_eq!(sections.len(), 1, "one section: {sections:?}");
    assert!(sections[0].contains("r:id=\"rId4\"") && sections[0].contains("r:id=\"rId5\""));
    assert!(!sections[0].contains("<w:type"), "{}", sections[0]);
    assert!(!footer3 && !rels.contains("footer3.xml"), "no empty footer");
    // The space before: the room left less the borders' width and LibreOffice's slack of
    // a point.
    let want = ((free_pt - borders() - 1.0) * 20.0).round() as i32;
    let foot = foot_paragraphs(&document);
    assert_eq!(space_before(foot[0]), Some(want), "{}", foot[0]);
    assert!(foot[0].contains("<w:keepNext/>"), "the 版记 kept together: {}", foot[0]);
    // Right after the text: the 抄送 paragraph follows the last body paragraph.
    let before_foot = &document[..document.find(foot[0]).unwrap()];
    assert!(before_foot.ends_with("</w:p><w:p>"), "no section break before the 版记");
}

#[test]
fn a_foot_on_a_page_of_its_own_is_numbered_unless_a_blank_page_comes_before() {
    let page = StyleProfile::default().page;
    let text_height = page.text_height_mm() * PT_PER_MM;
    // Two lines, 抄送 and 印发, and the borders fill the page up to its bottom.
    let want = ((text_height - 2.0 * page.line_pitch_pt - borders()) * 20.0).round() as i32;
    for (foot, numbered) in [
        (Some(FootPlacement::OwnPage), true),
        (Some(FootPlacement::AfterBlank), false),
        // Not known: as before the layout told, a section without numbers.
        (None, false),
    ] {
        let (document, rels, footer3) = render(foot);
        let sections = sections(&document);
        assert_eq!(sections.len(), 2, "{foot:?}: the body's section and the 版记's");
        let last = sections[1];
        assert!(last.contains("<w:type w:val=\"evenPage\"/>"), "{foot:?}: {last}");
        let (odd, even) = if numbered { ("rId4", "rId5") } else { ("rId6", "rId6") };
        assert!(last.contains(&format!("w:type=\"default\" r:id=\"{odd}\"")), "{foot:?}: {last}");
        assert!(last.contains(&format!("w:type=\"even\" r:id=\"{even}\"")), "{foot:?}: {last}");
        assert_eq!(footer3, !numbered, "{foot:?}: the empty footer part");
        assert_eq!(rels.contains("footer3.xml"), !numbered, "{foot:?}: its relationship");
        // Spaced down from the top of its page: the 版记's last rule on the text block's
        // bottom edge.
        assert_eq!(space_before(foot_paragraphs(&document)[0]), Some(want), "{foot:?}");
    }
}

#[test]
fn a_copy_without_foot_ignores_the_placement() {
    let doc = samples::sample("seed-002");
    let render = |foot| {
        let options = DocxOptions { foot, ..DocxOptions::default() };
        docx(&doc, &StyleProfile::default(), &options).expect("renders")
    };
    let plain = render(None);
    assert_eq!(render(Some(FootPlacement::None)), plain);
    assert_eq!(render(Some(FootPlacement::OwnPage)), plain);
}
