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

/// Every piece of text a block holds, kept or removed, with its span, in source order.
fn pieces(doc: &Document) -> Vec<(String, gongwen_ast::Span, bool)> {
    let mut out = Vec::new();
    let content = |out: &mut Vec<_>, c: &Content| {
        for inline in &c.inlines {
            match inline {
                Inline::Text(t) => out.push((t.text.clone(), t.span, false)),
                Inline::Removed(r) => out.push((r.text.clone(), r.span, true)),
            }
        }
    };
    for block in &doc.blocks {
        match block {
            Block::Title(t) => t.lines.iter().for_each(|c| content(&mut out, c)),
            Block::Attachment(a) => a.lines.iter().for_each(|c| content(&mut out, c)),
            Block::Heading(h) => {
                out.push((h.label.source.clone(), h.label.span, true));
                content(&mut out, &h.content);
            }
            Block::Removed(r) => out.push((r.text.clone(), r.span, true)),
            Block::Subtitle(c)
            | Block::Salutation(c)
            | Block::Paragraph(c)
            | Block::Closing(c)
            | Block::Signature(c)
            | Block::Date(c) => content(&mut out, c),
        }
    }
    out
}

fn is_blank(c: char) -> bool {
    c.is_whitespace() || matches!(c, '\u{FEFF}' | '\u{200B}' | '\u{200C}' | '\u{200D}')
}

fn folded(s: &str) -> String {
    s.chars().filter(|&c| !is_blank(c)).map(fold).collect()
}

/// Checks that kept and removed text together account for every non-blank character of
/// `source`, in order, and that every span is a valid `str` range holding its text.
pub fn check_accounted(source: &str, doc: &Document) -> Result<(), String> {
    let mut all = String::new();
    let mut last_start = 0;
    for (text, span, exact) in pieces(doc) {
        let slice = span
            .slice(source)
            .ok_or_else(|| format!("span {span:?} of {text:?} is not a str range of the source"))?;
        if exact && slice != text {
            return Err(format!("span {span:?} holds {slice:?}, not {text:?}"));
        }
        if folded(slice) != folded(&text) {
            return Err(format!("span {span:?} holds {slice:?}, text is {text:?}"));
        }
        if span.start < last_start {
            return Err(format!("span {span:?} of {text:?} goes back in the source"));
        }
        last_start = span.start;
        all.push_str(&text);
    }
    for block in &doc.blocks {
        let span = block.span();
        if span.slice(source).is_none() {
            return Err(format!("block span {span:?} is not a str range"));
        }
    }
    if folded(&all) != folded(source) {
        let (a, b) = (folded(&all), folded(source));
        let at = a.chars().zip(b.chars()).take_while(|(x, y)| x == y).count();
        let near: String = b.chars().skip(at.saturating_sub(10)).take(30).collect();
        return Err(format!("text lost or added at character {at}, near {near:?}"));
    }
    Ok(())
}
