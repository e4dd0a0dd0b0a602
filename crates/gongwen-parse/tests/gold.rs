//! Every sample in `samples/` must come out as its gold file says, compared the way the
//! corpus README prescribes.

mod common;

use std::path::PathBuf;

use common::norm;
use gongwen_ast::{Block, Content, Document, Inline};
use gongwen_parse::{ParseOptions, parse};

/// The `*.txt` files of `dir` whose names start with `prefix`, with their gold files.
fn corpus(dir: &str, prefix: &str) -> Vec<(String, String, String)> {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join(dir);
    let mut out = Vec::new();
    for entry in std::fs::read_dir(&dir).expect("corpus directory") {
        let path = entry.expect("entry").path();
        let name = path.file_name().unwrap_or_default().to_string_lossy().to_string();
        let stem =
            name.strip_suffix(".txt").filter(|s| s.starts_with(prefix) && !s.contains(".gold"));
        if let Some(stem) = stem {
            let gold = std::fs::read_to_string(dir.join(format!("{stem}.gold.tsv"))).expect("gold");
            let text = std::fs::read_to_string(&path).expect("text");
            out.push((stem.to_string(), text, gold));
        }
    }
    out.sort();
    out
}

/// The structure rows a document shows, as `kind<TAB>level<TAB>normalised text`.
fn predicted(doc: &Document) -> Vec<String> {
    let join = |lines: &[Content]| lines.iter().map(Content::text).collect::<String>();
    doc.blocks
        .iter()
        .flat_map(|b| match b {
            Block::Heading(h) => vec![format!(
                "heading\t{}\t{}",
                h.level,
                norm(&(h.label.canonical() + &h.content.text()))
            )],
            Block::Title(t) => vec![format!("title\t0\t{}", norm(&join(&t.lines)))],
            // One row per listed attachment, as the XML has one element per item.
            Block::Attachment(a) => {
                a.lines.iter().map(|l| format!("attachment\t0\t{}", norm(&l.text()))).collect()
            }
            Block::Paragraph(_) | Block::Removed(_) => vec![],
            // As structure-score.py reads them: a 发文字号 as a subtitle, the other parts
            // of an official copy not at all.
            Block::Number(c) => vec![format!("subtitle\t0\t{}", norm(&c.text()))],
            b if gongwen_ast::is_official(b) => vec![],
            other => vec![format!("{}\t0\t{}", other.kind_name(), norm(&other.plain_text()))],
        })
        .collect()
}

fn kept_text(doc: &Document) -> String {
    let mut out = String::new();
    let mut content = |c: &Content| {
        for i in &c.inlines {
            if let Inline::Text(t) = i {
                out.push_str(&t.text);
            }
        }
    };
    for b in &doc.blocks {
        match b {
            Block::Title(t) => t.lines.iter().for_each(&mut content),
            Block::Attachment(a) => a.lines.iter().for_each(&mut content),
            Block::Heading(h) => {
                content(&Content::plain(h.label.source.clone(), h.label.span));
                content(&h.content);
            }
            Block::Removed(_) => {}
            Block::Subtitle(c)
            | Block::Salutation(c)
            | Block::Paragraph(c)
            | Block::Closing(c)
            | Block::Date(c) => content(c),
            other => other.contents().into_iter().for_each(&mut content),
        }
    }
    norm(&out)
}

/// Compares every file of `files` with its gold file; returns what differs.
fn mismatches(files: Vec<(String, String, String)>) -> Vec<String> {
    let mut failures = Vec::new();
    for (stem, text, gold) in files {
        let doc = parse(&text, &ParseOptions::default()).document;
        let mut want = Vec::new();
        let mut noise = Vec::new();
        for line in gold.lines().filter(|l| !l.trim().is_empty()) {
            let f: Vec<&str> = line.split('\t').collect();
            match f[0] {
                "heading" => {
                    want.push(format!("heading\t{}\t{}", f[1], norm(&(f[2].to_string() + f[3]))))
                }
                "noise" => noise.push(norm(f[1])),
                kind => want.push(format!("{kind}\t0\t{}", norm(f[1]))),
            }
        }
        let got = predicted(&doc);
        if got != want {
            failures.push(format!("{stem}: structure differs\n  want {want:#?}\n  got  {got:#?}"));
        }
        let kept = kept_text(&doc);
        let source = norm(&text);
        for n in noise {
            if kept.matches(n.as_str()).count() >= source.matches(n.as_str()).count().max(1) {
                failures.push(format!("{stem}: noise kept: {n}"));
            }
        }
    }
    failures
}

#[test]
fn samples_match_gold() {
    let samples = corpus("../../samples", "seed-");
    assert_eq!(samples.len(), 5, "five samples");
    let failures = mismatches(samples);
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// Hand-written speeches and notices in `tests/cases/` (notices with attachments, dash
/// subtitles, signatures, paywall prefixes before speech ordinals, a report in parts, a
/// speech pasted as one line, 首先，/其一、 series, headings set off from their body by
/// blanks).
#[test]
fn cases_match_gold() {
    let cases = corpus("../../tests/cases", "parse-");
    assert!(cases.len() >= 8, "only {} cases", cases.len());
    let failures = mismatches(cases);
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
