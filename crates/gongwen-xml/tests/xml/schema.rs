//! The RELAX NG schema, checked with xmllint: it accepts what the writer writes (for the
//! samples and for generated trees) and rejects documents that break the vocabulary.

use std::path::{Path, PathBuf};
use std::process::Command;

use gongwen_parse::{ParseOptions, parse};
use proptest::strategy::{Strategy, ValueTree};
use proptest::test_runner::TestRunner;

use crate::generate::document;
use crate::samples::samples;

/// Runs `xmllint --relaxng schema/gongwen.rng` on `files` and returns, per file, whether it
/// validates, with xmllint's messages. Panics when xmllint is missing: a schema test must
/// not pass without a validator.
fn xmllint(files: &[PathBuf]) -> (Vec<bool>, String) {
    let schema = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../schema/gongwen.rng");
    let output = Command::new("xmllint")
        .arg("--noout")
        .arg("--relaxng")
        .arg(&schema)
        .args(files)
        .output()
        .expect("xmllint must be installed (Debian package libxml2-utils)");
    let messages = String::from_utf8_lossy(&output.stderr).into_owned();
    assert!(!messages.contains("failed to compile"), "the schema does not compile:\n{messages}");
    let verdicts = files
        .iter()
        .map(|file| {
            let valid = messages.contains(&format!("{} validates", file.display()));
            let invalid = messages.contains(&format!("{} fails to validate", file.display()));
            assert!(valid != invalid, "no verdict on {}:\n{messages}", file.display());
            valid
        })
        .collect();
    (verdicts, messages)
}

fn write_all(dir: &Path, docs: impl IntoIterator<Item = (String, String)>) -> Vec<PathBuf> {
    docs.into_iter()
        .map(|(name, xml)| {
            let path = dir.join(name);
            std::fs::write(&path, xml).expect("write");
            path
        })
        .collect()
}

fn assert_all_valid(files: &[PathBuf]) {
    let (verdicts, messages) = xmllint(files);
    assert!(verdicts.iter().all(|&v| v), "xmllint rejected the writer's output:\n{messages}");
}

#[test]
fn samples_are_valid() {
    let dir = tempfile::tempdir().expect("temp dir");
    let docs = samples().into_iter().map(|(name, text)| {
        let doc = parse(&text, &ParseOptions::default()).document;
        (name.replace(".txt", ".xml"), gongwen_xml::to_string(&doc))
    });
    assert_all_valid(&write_all(dir.path(), docs));
}

#[test]
fn generated_trees_are_valid() {
    let dir = tempfile::tempdir().expect("temp dir");
    let mut runner = TestRunner::deterministic();
    let strategy = document();
    let docs = (0..200).map(|i| {
        let doc = strategy.new_tree(&mut runner).expect("tree").current();
        (format!("doc-{i:03}.xml"), gongwen_xml::to_string(&doc))
    });
    assert_all_valid(&write_all(dir.path(), docs));
}

/// Each case breaks one rule of the vocabulary in an otherwise valid document.
#[test]
fn invalid_documents_are_rejected() {
    let cases = [
        ("valid.xml", r#"<p>会议</p>"#),
        ("unknown-element.xml", r#"<para>会议</para>"#),
        ("level-5.xml", r#"<heading level="5" label="一、">总体要求</heading>"#),
        ("level-0.xml", r#"<heading level="0" label="一、">总体要求</heading>"#),
        ("no-level.xml", r#"<heading label="一、">总体要求</heading>"#),
        ("source-form-label.xml", r#"<heading level="2" label="(一)">总体要求</heading>"#),
        ("no-label.xml", r#"<heading level="2">总体要求</heading>"#),
        ("run-in-yes.xml", r#"<heading level="2" label="（一）" run-in="yes">要</heading>"#),
        ("unknown-reason.xml", r#"<p>會<removed reason="noise">(huì)</removed></p>"#),
        ("no-reason.xml", r#"<removed>本文由互联网用户分享整理。</removed>"#),
        ("title-in-meta.xml", r#"<meta><title>讲话</title></meta>"#),
        ("meta-after-blocks.xml", r#"<p>会议</p><meta title="讲话"/>"#),
        ("text-between-blocks.xml", r#"会议<p>会议</p>"#),
        ("element-in-p.xml", r#"<p>会<b>议</b></p>"#),
        ("heading-in-p.xml", r#"<p><heading level="1" label="一、">x</heading></p>"#),
        ("text-in-title.xml", r#"<title>讲话</title>"#),
        ("lowercase-char.xml", r#"<p><char code="u+001b"/></p>"#),
        ("attribute-on-p.xml", r#"<p class="x">会议</p>"#),
    ];
    let wrap = |body: &str| {
        format!(
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<document \
             xmlns=\"urn:gongwen:document:1\">{body}</document>\n"
        )
    };
    let mut docs: Vec<(String, String)> =
        cases.iter().map(|(name, body)| (name.to_string(), wrap(body))).collect();
    docs.push(("no-namespace.xml".into(), "<document><p>会议</p></document>".into()));
    docs.push(("wrong-root.xml".into(), r#"<html xmlns="urn:gongwen:document:1"/>"#.into()));
    let dir = tempfile::tempdir().expect("temp dir");
    let files = write_all(dir.path(), docs);
    let (verdicts, messages) = xmllint(&files);
    assert!(verdicts[0], "the control case must validate:\n{messages}");
    for (file, valid) in files.iter().zip(&verdicts).skip(1) {
        assert!(!valid, "the schema accepted {}:\n{messages}", file.display());
    }
}
