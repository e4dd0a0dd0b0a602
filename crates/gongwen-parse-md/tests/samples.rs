//! The samples and test cases written as Markdown — with their labels typed in, without
//! them, and with front matter — read to the tree their text gives.

#[path = "../../../tests/support/trees.rs"]
mod trees;

use gongwen_ast::{Block, Document, LabelFamily};
use gongwen_parse::{ParseOptions, parse};
use trees::{difference, shape, texts};

/// Text with every ASCII punctuation mark escaped, so that no sentence reads as markup.
fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if c.is_ascii_punctuation() {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// The canonical label family of heading level `level`.
fn family_of(level: u8) -> LabelFamily {
    [LabelFamily::Chinese, LabelFamily::ParenChinese, LabelFamily::Arabic, LabelFamily::ParenArabic]
        [(level.clamp(1, 4) - 1) as usize]
}

/// `doc` as Markdown: `#` title lines, `##`… headings (their labels typed in, or left out
/// where the level's own family would generate them), the rest as paragraphs; a run-in
/// heading stays in its paragraph.
fn markdown(doc: &Document, labels: bool, front_matter: bool) -> String {
    let mut out = String::new();
    if front_matter {
        out.push_str("---\n");
        if let Some(title) = &doc.meta.title {
            out.push_str(&format!("title: \"{}\"\n", title.replace('"', "\\\"")));
        }
        out.push_str("date: 2024年3月1日\n---\n\n");
    }
    let mut blocks = doc.blocks.iter().filter(|b| !matches!(b, Block::Removed(_))).peekable();
    while let Some(block) = blocks.next() {
        match block {
            Block::Title(t) => {
                for line in &t.lines {
                    out.push_str(&format!("# {}\n\n", escape(&line.text())));
                }
            }
            Block::Heading(h) if h.run_in => {
                let mut text = format!("{}{}", h.label.source, h.content.text());
                if let Some(Block::Paragraph(rest)) = blocks.peek() {
                    text.push_str(&rest.text());
                    blocks.next();
                }
                out.push_str(&format!("{}\n\n", escape(&text)));
            }
            Block::Heading(h) => {
                let typed = labels || h.label.family != family_of(h.level);
                let label = if typed { h.label.source.as_str() } else { "" };
                let hashes = "#".repeat(h.level as usize + 1);
                out.push_str(&format!(
                    "{hashes} {}\n\n",
                    escape(&format!("{label}{}", h.content.text()))
                ));
            }
            Block::Attachment(a) => {
                for line in &a.lines {
                    out.push_str(&format!("{}\n\n", escape(&line.text())));
                }
            }
            b => out.push_str(&format!("{}\n\n", escape(&b.plain_text()))),
        }
    }
    out
}

/// Texts the text reader does not read back to the same tree from its own kept text
/// (seed-003's "?!?" is repaired to "？!?" by one pass, "？！？" by a second). Checked still
/// to be so, so that the entry goes when the repair is fixed.
const TEXT_READER_DRIFT: [&str; 1] = ["seed-003.txt"];

#[test]
fn samples_written_as_markdown_read_to_the_tree_of_their_text() {
    let options = ParseOptions::default();
    let mut failures = Vec::new();
    for (name, text) in texts() {
        let doc = parse(&text, &options).document;
        // The official-copy blocks (版头, 签发人, 版记, carried attachments) have no
        // Markdown form yet: such texts are left to the text reader.
        if doc.blocks.iter().any(gongwen_ast::is_official) {
            continue;
        }
        let want = shape(&doc);
        if TEXT_READER_DRIFT.contains(&name.as_str()) {
            let md = markdown(&doc, true, false);
            assert_ne!(
                shape(&gongwen_parse_md::read(&md, &options).parsed.document),
                want,
                "{name} reads back now"
            );
            continue;
        }
        for (labels, front) in [(true, false), (false, false), (true, true)] {
            let md = markdown(&doc, labels, front);
            let draft = gongwen_parse_md::read(&md, &options);
            let got = shape(&draft.parsed.document);
            let what = format!("{name} (labels {labels}, front matter {front})");
            failures.extend(difference(&what, &want, &got));
            if front {
                assert_eq!(draft.parsed.document.meta.date.as_deref(), Some("2024年3月1日"));
                assert_eq!(draft.parsed.document.meta.title, doc.meta.title, "{name}");
            }
            assert!(gongwen_parse_md::looks_like_markdown(&md) || !md.contains("\n#"), "{name}");
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
