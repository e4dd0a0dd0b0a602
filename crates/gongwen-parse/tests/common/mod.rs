//! Helpers shared by the reader's tests: a readable outline of a tree, and the text
//! normalisation the corpus README prescribes for comparing with gold files.

#![allow(dead_code)] // Each test binary uses its own part of this module.

use gongwen_ast::{Block, Change, Content, Diagnostic, Document, Inline, Span};
use gongwen_parse::{ParseOptions, Parsed};

/// Every combination of the reader's options.
pub fn all_options() -> Vec<ParseOptions> {
    let mut out = Vec::new();
    for remove_noise in [true, false] {
        for normalize in [true, false] {
            for simplified in [false, true] {
                for fix_numbers in [false, true] {
                    out.push(ParseOptions { remove_noise, normalize, simplified, fix_numbers });
                }
            }
        }
    }
    out
}

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
            Block::Signature(s) => format!("signature {}", inline_text(&s.content)),
            Block::Date(c) => format!("date {}", inline_text(c)),
            other => format!("{} {}", other.kind_name(), other.plain_text()),
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
fn pieces(source: &str, doc: &Document) -> Vec<(String, Span, bool)> {
    let mut out = Vec::new();
    block_pieces(source, &doc.blocks, &mut out);
    out
}

fn block_pieces(source: &str, blocks: &[Block], out: &mut Vec<(String, Span, bool)>) {
    let content = |out: &mut Vec<_>, c: &Content| {
        for inline in &c.inlines {
            match inline {
                Inline::Text(t) => out.push((t.text.clone(), t.span, false)),
                Inline::Removed(r) => out.push((r.text.clone(), r.span, true)),
            }
        }
    };
    for block in blocks {
        match block {
            Block::Heading(h) => {
                out.push((h.label.source.clone(), h.label.span, true));
                content(out, &h.content);
            }
            Block::Removed(r) => out.push((r.text.clone(), r.span, true)),
            // The "附件1" line is the attachment itself (its number is kept; the page
            // prints "附件1" again): its text is accounted for by the attachment.
            Block::Appendix(a) => {
                // The marker ends at its line's end or where what the attachment holds starts.
                let inner = a.title.as_ref().map(|t| t.span.start);
                let end = inner.or(a.blocks.first().map(|b| b.span().start)).unwrap_or(a.span.end);
                let marker = &source[a.span.start..end.max(a.span.start)];
                let line = marker[..marker.find('\n').unwrap_or(marker.len())].trim_end();
                let span = Span::new(a.span.start, a.span.start + line.len());
                out.push((line.to_string(), span, true));
                a.title.iter().flat_map(|t| &t.lines).for_each(|c| content(out, c));
                block_pieces(source, &a.blocks, out);
            }
            other => other.contents().into_iter().for_each(|c| content(out, c)),
        }
    }
}

fn is_blank(c: char) -> bool {
    c.is_whitespace() || matches!(c, '\u{FEFF}' | '\u{200B}' | '\u{200C}' | '\u{200D}')
}

fn non_blank(s: &str) -> String {
    s.chars().filter(|&c| !is_blank(c)).collect()
}

/// The source of a kept text at `span`: `text` with the `changes` inside the span applied
/// backwards. Fails when the text and the changes do not account for the source exactly.
fn unchanged(source: &str, text: &str, span: Span, changes: &[&Change]) -> Result<(), String> {
    let slice = span
        .slice(source)
        .ok_or_else(|| format!("span {span:?} of {text:?} is not a str range of the source"))?;
    let mut rebuilt = String::with_capacity(slice.len());
    let (mut pos, mut rest) = (span.start, text);
    for c in changes {
        let same = source
            .get(pos..c.span.start)
            .ok_or_else(|| format!("change {c:?} overlaps another in {text:?}"))?;
        let after = rest
            .strip_prefix(same)
            .and_then(|r| r.strip_prefix(&*c.to))
            .ok_or_else(|| format!("{text:?} does not hold {:?} where {c:?} says", c.to))?;
        let written = c
            .span
            .slice(source)
            .ok_or_else(|| format!("change {c:?} is not a str range of the source"))?;
        rebuilt.push_str(same);
        rebuilt.push_str(written);
        (pos, rest) = (c.span.end, after);
    }
    rebuilt.push_str(rest);
    if rebuilt != slice {
        return Err(format!("{text:?} with its changes undone is {rebuilt:?}, source {slice:?}"));
    }
    Ok(())
}

/// Checks that kept and removed text, with the recorded changes undone, account for every
/// non-blank character of `source` exactly and in order; that every span is a valid `str`
/// range holding its text; and that every change lies in one kept text.
pub fn check_accounted(source: &str, parsed: &Parsed) -> Result<(), String> {
    let mut all = String::new();
    let mut last_start = 0;
    let mut used = 0;
    for (text, span, exact) in pieces(source, &parsed.document) {
        let slice = span
            .slice(source)
            .ok_or_else(|| format!("span {span:?} of {text:?} is not a str range of the source"))?;
        if exact && slice != text {
            return Err(format!("span {span:?} holds {slice:?}, not {text:?}"));
        }
        if !exact {
            let inside: Vec<&Change> = parsed
                .changes
                .iter()
                .filter(|c| span.start <= c.span.start && c.span.end <= span.end)
                .collect();
            used += inside.len();
            unchanged(source, &text, span, &inside)?;
        }
        if span.start < last_start {
            return Err(format!("span {span:?} of {text:?} goes back in the source"));
        }
        last_start = span.start;
        all.push_str(slice);
    }
    if used != parsed.changes.len() {
        return Err(format!("{} changes lie in no kept text", parsed.changes.len() - used));
    }
    for block in &parsed.document.blocks {
        let span = block.span();
        if span.slice(source).is_none() {
            return Err(format!("block span {span:?} is not a str range"));
        }
    }
    let (a, b) = (non_blank(&all), non_blank(source));
    if a != b {
        let at = a.chars().zip(b.chars()).take_while(|(x, y)| x == y).count();
        let near: String = b.chars().skip(at.saturating_sub(10)).take(30).collect();
        return Err(format!("text lost or added at character {at}, near {near:?}"));
    }
    Ok(())
}
