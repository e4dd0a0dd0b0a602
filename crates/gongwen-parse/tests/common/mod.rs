//! Helpers shared by the reader's tests: a readable outline of a tree, and the text
//! normalisation the corpus README prescribes for comparing with gold files.

#![allow(dead_code)] // Each test binary uses its own part of this module.

use gongwen_ast::{Block, Content, Diagnostic, Document, Inline};

/// Content as one line: kept text, removed inlines as `{reason:text}`.
pub fn inline_text(c: &Content) -> String {
    let mut out = String::new();
    for inline in &c.inlines {
        match inline {
            Inline::Text(t) => out.push_str(&t.text),
            Inline::Removed(r) => out.push_str(&format!("{{{}:{}}}", r.reason.as_str(), r.text)),
        }
    }
    out
}

/// One line per block: `kind text`, headings as `heading LEVEL LABEL TEXT` (`runin` for a
/// run-in heading), title and attachment lines joined with " / ".
pub fn outline(doc: &Document) -> String {
    let mut out = String::new();
    let join = |lines: &[Content]| lines.iter().map(inline_text).collect::<Vec<_>>().join(" / ");
    for block in &doc.blocks {
        let line = match block {
            Block::Title(t) => format!("title {}", join(&t.lines)),
            Block::Attachment(a) => format!("attachment {}", join(&a.lines)),
            Block::Heading(h) => format!(
                "{} {} {} {}",
                if h.run_in { "runin" } else { "heading" },
                h.level,
                h.label.canonical(),
                inline_text(&h.content)
            ),
            Block::Removed(r) => format!("removed {} {}", r.reason.as_str(), r.text),
            Block::Subtitle(c) => format!("subtitle {}", inline_text(c)),
            Block::Salutation(c) => format!("salutation {}", inline_text(c)),
            Block::Paragraph(c) => format!("p {}", inline_text(c)),
            Block::Closing(c) => format!("closing {}", inline_text(c)),
            Block::Signature(c) => format!("signature {}", inline_text(c)),
            Block::Date(c) => format!("date {}", inline_text(c)),
        };
        out.push_str(&line);
        out.push('\n');
    }
    out
}

/// Diagnostics as `! severity code LINE:COL message`.
pub fn diagnostics(source: &str, diagnostics: &[Diagnostic]) -> String {
    let mut out = String::new();
    for d in diagnostics {
        let (line, col) = d.span.line_col(source);
        out.push_str(&format!(
            "! {} {} {line}:{col} {}\n",
            d.severity.as_str(),
            d.code.as_str(),
            d.message
        ));
    }
    out
}

/// Full-width ASCII folded to half-width, as NFKC does for the characters texts use.
pub fn fold(c: char) -> char {
    match c {
        '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
        '\u{3000}' => ' ',
        _ => c,
    }
}

/// The corpus comparison: pinyin annotations, whitespace and punctuation dropped, widths
/// folded.
pub fn norm(s: &str) -> String {
    let mut out = String::new();
    let chars: Vec<char> = s.chars().collect();
    let mut i = 0;
    while i < chars.len() {
        if chars[i] == '(' {
            let close = chars[i + 1..].iter().position(|&c| c == ')');
            if let Some(len) = close {
                let inner = &chars[i + 1..i + 1 + len];
                let pinyin =
                    |c: &char| c.is_ascii_lowercase() || "āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜü".contains(*c);
                if len > 0 && inner.iter().all(pinyin) {
                    i += len + 2;
                    continue;
                }
            }
        }
        let c = fold(chars[i]);
        if c.is_alphanumeric() {
            out.push(c);
        }
        i += 1;
    }
    out
}
