//! A sealed copy's signature (GB/T 9704 §7.3.5.1) on hand-built trees: the date four
//! characters from the right, the organ centred over it, the seal's room and place, a
//! joint issue's organs side by side, and the signature never alone on a page.

mod common;

use gongwen_ast::{Block, Content, Document, Signature, Span};
use gongwen_layout::{Layout, Line, Page, Role, Seal, layout};
use gongwen_style::{PT_PER_MM, StyleProfile};

fn p(text: &str) -> Block {
    Block::Paragraph(Content::plain(text, Span::DETACHED))
}

fn organ(text: &str) -> Block {
    Block::Signature(Signature { content: Content::plain(text, Span::DETACHED), sealed: true })
}

fn date(text: &str) -> Block {
    Block::Date(Content::plain(text, Span::DETACHED))
}

fn run(blocks: Vec<Block>) -> Layout {
    let doc = Document { blocks, ..Document::default() };
    layout(&doc, &StyleProfile::default(), &common::book())
}

fn lines(page: &Page) -> Vec<&Line> {
    page.lines.iter().filter(|l| l.role != Role::PageNumber).collect()
}

/// Left and right ends of the glyphs of `line`.
fn extent(line: &Line) -> (f32, f32) {
    let glyphs: Vec<_> = line.runs.iter().flat_map(|r| &r.glyphs).collect();
    let last = glyphs.last().unwrap();
    (glyphs[0].x, last.x + last.advance)
}

fn centre(line: &Line) -> f32 {
    let (a, b) = extent(line);
    (a + b) / 2.0
}

const PITCH: f32 = 28.95;
const EM: f32 = 15.75;

fn right_edge() -> f32 {
    let page = StyleProfile::default().page;
    (page.margin_left_mm + page.text_width_mm()) * PT_PER_MM
}

#[test]
fn one_organ_centred_over_a_date_four_characters_in_under_its_seal() {
    let out = run(vec![p("正文。"), organ("某某市人民政府办公室"), date("2024年3月1日")]);
    let page = &out.pages[0];
    let l = lines(page);
    let (body, s, d) = (l[0], l[1], l[2]);
    assert_eq!((s.role, d.role), (Role::Signature, Role::Date));
    assert!((extent(d).1 - (right_edge() - 4.0 * EM)).abs() < 0.5, "date 右空四字");
    assert!((centre(s) - centre(d)).abs() < 0.5, "organ centred over the date");
    assert!((s.baseline - body.baseline - 3.0 * PITCH).abs() < 0.5, "two blank lines of room");
    assert!((d.baseline - s.baseline - PITCH).abs() < 2.0, "{} {}", s.baseline, d.baseline);
    let [seal]: [Seal; 1] = page.seals.clone().try_into().unwrap();
    let diameter = 42.0 * PT_PER_MM;
    assert!((seal.diameter - diameter).abs() < 0.01);
    assert!((seal.x - centre(d)).abs() < 0.5, "the seal centred on organ and date");
    let body_bottom = body.baseline + PITCH / 2.0;
    let top = seal.y - diameter / 2.0;
    assert!(top > body_bottom - PITCH / 2.0 && top - body_bottom < PITCH, "top within a line");
    // The names below the seal's centre: the line between them lower than the centre.
    let between = (s.baseline + d.baseline) / 2.0;
    assert!(between > seal.y, "{between} {}", seal.y);
}

#[test]
fn a_joint_issue_sets_organs_side_by_side_the_last_over_the_date() {
    let out = run(vec![
        p("正文。"),
        organ("中共某县委员会"),
        organ("某县人民政府"),
        date("2024年4月28日"),
    ]);
    let page = &out.pages[0];
    let l = lines(page);
    assert_eq!(l.len(), 3, "both organs on one line");
    let (row, d) = (l[1], l[2]);
    let text: String = row.runs.iter().flat_map(|r| r.glyphs.iter().map(|g| g.ch)).collect();
    assert_eq!(text, "中共某县委员会某县人民政府");
    assert_eq!(page.seals.len(), 2);
    let (a, b) = (page.seals[0], page.seals[1]);
    assert!((b.x - centre(d)).abs() < 0.5, "the last seal on the date");
    assert!(b.x - a.x >= a.diameter, "seals neither overlap nor touch");
    assert!((a.y - b.y).abs() < 0.01);
    let left = StyleProfile::default().page.margin_left_mm * PT_PER_MM;
    assert!(a.x - a.diameter / 2.0 >= left - 0.01, "seals within the text block");
    // The first organ's name centred under its seal.
    let glyphs: Vec<_> = row.runs.iter().flat_map(|r| &r.glyphs).collect();
    let first_centre = (glyphs[0].x + glyphs[6].x + glyphs[6].advance) / 2.0;
    assert!((first_centre - a.x).abs() < 0.5, "{first_centre} {}", a.x);
}

#[test]
fn four_organs_take_two_rows_whose_seals_do_not_touch() {
    let out = run(vec![
        p("正文。"),
        organ("甲县人民政府"),
        organ("乙县人民政府"),
        organ("丙县人民政府"),
        organ("丁县人民政府"),
        date("2024年4月28日"),
    ]);
    let page = &out.pages[0];
    let l = lines(page);
    let roles: Vec<Role> = l.iter().map(|l| l.role).collect();
    assert_eq!(roles, [Role::Body, Role::Signature, Role::Signature, Role::Date]);
    assert_eq!(page.seals.len(), 4);
    for (i, a) in page.seals.iter().enumerate() {
        for b in &page.seals[i + 1..] {
            let distance = ((a.x - b.x).powi(2) + (a.y - b.y).powi(2)).sqrt();
            assert!(distance > a.diameter, "{a:?} {b:?}");
        }
    }
    assert!((page.seals[3].x - centre(l[3])).abs() < 0.5);
}

#[test]
fn a_sealed_signature_never_stands_alone_on_a_page() {
    // After 19 one-line paragraphs the sealed block (2 blank lines and 2 lines) is one line
    // too many: the last page is tightened to hold it. After 22 it cannot be: it goes to
    // the next page and takes two body lines with it. Either way the seal starts below
    // the last body line and within a line of it.
    for n in [19, 22] {
        let mut blocks: Vec<Block> = (0..n).map(|_| p("短段落。")).collect();
        blocks.push(organ("某某市人民政府"));
        blocks.push(date("2024年3月1日"));
        let out = run(blocks);
        let (i, page) = out
            .pages
            .iter()
            .enumerate()
            .find(|(_, p)| lines(p).iter().any(|l| l.role == Role::Signature))
            .unwrap();
        let roles: Vec<Role> = lines(page).iter().map(|l| l.role).collect();
        let body = roles.iter().filter(|r| **r == Role::Body).count();
        assert!(body >= 2, "{n}: two body lines with the signature on page {}: {roles:?}", i + 1);
        if n == 22 {
            // No tightening of the last page (§7.3.5) finds room for 2 blank + 2 lines.
            assert_eq!((i, body), (1, 2), "{n}: moved with two body lines");
            assert_eq!(roles, [Role::Body, Role::Body, Role::Signature, Role::Date]);
            assert_eq!(lines(&out.pages[0]).len(), 20);
        } else {
            assert_eq!(i, 0, "{n}: tightened onto the page");
        }
        let last_body = lines(page).iter().rfind(|l| l.role == Role::Body).unwrap().baseline;
        let [seal]: [Seal; 1] = page.seals.clone().try_into().unwrap();
        let top = seal.y - seal.diameter / 2.0;
        assert!(
            top > last_body && top < last_body + PITCH,
            "{n}: seal top {top}, body {last_body}"
        );
        assert!(out.pages.iter().map(|p| p.seals.len()).sum::<usize>() == 1);
    }
}

#[test]
fn a_sealed_signature_is_tightened_onto_the_page_before() {
    // 19 one-line paragraphs, then 2 blank + 2 lines for the sealed block: 23 lines. The
    // page is tightened to hold them (GB/T 9704 §7.3.5: tighten the spacing rather than
    // leave the seal alone), its seal with it; with tightening off the block moves on.
    let mut blocks: Vec<Block> = (0..19).map(|_| p("短段落。")).collect();
    blocks.push(organ("某某市人民政府"));
    blocks.push(date("2024年3月1日"));
    let out = run(blocks.clone());
    assert_eq!(out.pages.len(), 1);
    assert_eq!(lines(&out.pages[0]).len(), 21);
    assert_eq!(out.pages[0].seals.len(), 1);
    let mut profile = StyleProfile::default();
    profile.layout.tightened_line_pitch_min_pt = profile.page.line_pitch_pt;
    let doc = Document { blocks, ..Document::default() };
    let out = layout(&doc, &profile, &common::book());
    assert_eq!(lines(&out.pages[0]).len(), 17);
    assert_eq!(out.pages[1].seals.len(), 1);
}

#[test]
fn an_unsealed_signature_has_no_seal() {
    let blocks = vec![
        p("正文。"),
        Block::Signature(Content::plain("某某市人民政府", Span::DETACHED).into()),
        date("2024年3月1日"),
    ];
    assert!(run(blocks).pages.iter().all(|p| p.seals.is_empty()));
}
