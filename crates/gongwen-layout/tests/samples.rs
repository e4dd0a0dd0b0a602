//! Layout snapshots of the five real samples.

mod common;

use gongwen_layout::{Role, layout};
use gongwen_style::{PT_PER_MM, StyleProfile};

/// A sample from `samples/`, parsed.
fn sample(name: &str) -> gongwen_ast::Document {
    let path = format!("{}/../../samples/{name}.txt", env!("CARGO_MANIFEST_DIR"));
    let text = std::fs::read_to_string(&path).expect("sample exists");
    gongwen_parse::parse(&text, &gongwen_parse::ParseOptions::default()).document
}

fn snapshot(name: &str) {
    let book = common::book();
    let doc = sample(name);
    let profile = StyleProfile::default();
    let out = layout(&doc, &profile, &book);
    within_the_text_block(name, &out, &profile);
    insta::assert_snapshot!(name, out.dump(&book));
}

/// No glyph's em box crosses the margins: marks at a line's edges keep their blanks, and
/// the last box ends within the block despite the grid's negative tracking.
fn within_the_text_block(name: &str, out: &gongwen_layout::Layout, profile: &StyleProfile) {
    let page = &profile.page;
    let left = page.margin_left_mm * PT_PER_MM;
    let right = left + page.text_width_mm() * PT_PER_MM;
    let top = page.margin_top_mm * PT_PER_MM;
    let bottom = top + page.text_height_mm() * PT_PER_MM;
    for (i, p) in out.pages.iter().enumerate() {
        for line in p.lines.iter().filter(|l| l.role != Role::PageNumber) {
            let glyphs: Vec<_> = line.runs.iter().flat_map(|r| &r.glyphs).collect();
            let (first, last) = (glyphs[0], glyphs[glyphs.len() - 1]);
            assert!(first.x >= left - 0.01, "{name} p{}: starts at {}", i + 1, first.x);
            let end = last.x + last.advance;
            assert!(end <= right + 0.01, "{name} p{}: {} ends at {end}", i + 1, last.ch);
            assert!(line.baseline > top && line.baseline < bottom, "{name} p{}", i + 1);
        }
    }
}

#[test]
fn seed_000() {
    snapshot("seed-000");
}

#[test]
fn seed_001() {
    snapshot("seed-001");
}

#[test]
fn seed_002() {
    snapshot("seed-002");
}

#[test]
fn seed_003() {
    snapshot("seed-003");
}

#[test]
fn seed_004() {
    snapshot("seed-004");
}
