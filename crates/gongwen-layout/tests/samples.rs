//! Layout snapshots of the five real samples.

mod common;

use gongwen_layout::layout;
use gongwen_style::StyleProfile;

/// A sample from `samples/`, parsed.
fn sample(name: &str) -> gongwen_ast::Document {
    let path = format!("{}/../../samples/{name}.txt", env!("CARGO_MANIFEST_DIR"));
    let text = std::fs::read_to_string(&path).expect("sample exists");
    gongwen_parse::parse(&text, &gongwen_parse::ParseOptions::default()).document
}

fn snapshot(name: &str) {
    let book = common::book();
    let doc = sample(name);
    let out = layout(&doc, &StyleProfile::default(), &book);
    insta::assert_snapshot!(name, out.dump(&book));
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
