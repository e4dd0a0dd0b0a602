//! The look of a paragraph as evidence, weighed after the text reader has read it:
//! - a bold sentence opening a paragraph the text took for body text is a run-in heading,
//!   one level below the heading it stands under, with the label of its level counted on
//!   (一、 （一） 1. （1）), as a heading style is read;
//! - a short right-aligned line the text took for body text, a closing or a salutation is
//!   the date when it reads as one (年…月…日), else the signature.
//!
//! The text's own findings stand: a paragraph the text already reads as a heading, a
//! signature or a date keeps what the text says.

use gongwen_ast::{Block, Content, Heading, Inline, Label, Signature, Span, Text};

use crate::{FAMILIES, Line, para_at};

/// The most characters a run-in heading's sentence or a signature line has.
const MAX_RUN_IN: usize = 40;
const MAX_SIGNATURE: usize = 30;

/// Applies the bold and right-alignment evidence to `blocks`.
pub(crate) fn apply(blocks: &mut Vec<Block>, lines: &[Line<'_>], text: &str) {
    run_ins(blocks, lines, text);
    right_aligned(blocks, lines);
}

fn run_ins(blocks: &mut Vec<Block>, lines: &[Line<'_>], text: &str) {
    let mut counters = [0u32; 4];
    // The level of the last heading standing on a line of its own.
    let mut above = 0u8;
    let mut i = 0;
    while i < blocks.len() {
        match &blocks[i] {
            Block::Heading(h) => {
                let l = (h.level.clamp(1, 4) - 1) as usize;
                if FAMILIES[l] == h.label.family {
                    counters[l] = h.label.number;
                }
                counters[l + 1..].iter_mut().for_each(|c| *c = 0);
                if !h.run_in {
                    above = h.level.clamp(1, 4);
                }
            }
            Block::Paragraph(c) => {
                if let Some((head, rest)) = bold_sentence(c, lines, text) {
                    let level = (above + 1).min(4);
                    let l = level as usize - 1;
                    counters[l] += 1;
                    counters[l + 1..].iter_mut().for_each(|c| *c = 0);
                    let at = Span::new(head.span.start, head.span.start);
                    let label = Label::canonical_of(FAMILIES[l], counters[l], at);
                    let span = head.span;
                    blocks[i] =
                        Block::Heading(Heading { level, label, content: head, run_in: true, span });
                    blocks.insert(i + 1, Block::Paragraph(rest));
                    i += 1;
                }
            }
            _ => {}
        }
        i += 1;
    }
}

/// The bold sentence that opens `c` and the rest of it, when the draft marks one: a single
/// text run covering its source exactly (so that it splits at a known place), the bold
/// part ending a sentence (。！？：), short, with text after it.
fn bold_sentence(c: &Content, lines: &[Line<'_>], text: &str) -> Option<(Content, Content)> {
    let para = para_at(lines, c.span.start)?;
    let line = lines.iter().find(|l| std::ptr::eq(l.para, para))?;
    if para.bold_lead == 0 || para.bold_lead >= para.text.len() {
        return None;
    }
    let [Inline::Text(run)] = c.inlines.as_slice() else { return None };
    if text.get(run.span.start..run.span.end) != Some(run.text.as_str()) {
        return None;
    }
    let mut end = line.start + para.bold_lead;
    if end <= run.span.start || end >= run.span.end {
        return None;
    }
    // A sentence end set in the body face after the bold words still closes the heading.
    if let Some(next) = text.get(end..).and_then(|t| t.chars().next())
        && is_sentence_end(next)
        && !text.get(run.span.start..end)?.ends_with(is_sentence_end)
    {
        end += next.len_utf8();
    }
    if end <= run.span.start || end >= run.span.end {
        return None;
    }
    let head = text.get(run.span.start..end)?;
    let rest = text.get(end..run.span.end)?.trim_start();
    let chars = head.chars().count();
    let inner = head.trim_end_matches(is_sentence_end);
    if !head.ends_with(is_sentence_end)
        || !(2..=MAX_RUN_IN).contains(&chars)
        || inner.contains(is_sentence_end)
        || rest.is_empty()
    {
        return None;
    }
    let rest_start = run.span.end - rest.len();
    let content = |s: &str, span: Span| Content {
        inlines: vec![Inline::Text(Text { text: s.to_string(), span })],
        span,
    };
    Some((
        content(head, Span::new(run.span.start, end)),
        content(rest, Span::new(rest_start, run.span.end)),
    ))
}

fn is_sentence_end(c: char) -> bool {
    matches!(c, '。' | '！' | '？' | '：' | '!' | '?' | ':')
}

fn right_aligned(blocks: &mut [Block], lines: &[Line<'_>]) {
    for block in blocks.iter_mut() {
        let (Block::Paragraph(c) | Block::Closing(c) | Block::Salutation(c)) = block else {
            continue;
        };
        if !para_at(lines, c.span.start).is_some_and(|p| p.right) {
            continue;
        }
        let text = c.text();
        let chars = text.trim().chars().count();
        if chars == 0 || chars > MAX_SIGNATURE || text.contains('。') {
            continue;
        }
        let content = std::mem::take(c);
        *block = if reads_as_date(text.trim()) {
            Block::Date(content)
        } else {
            Block::Signature(Signature { content, sealed: false })
        };
    }
}

/// "2024年3月1日", "二〇二四年三月一日": a year, a month and a day, and nothing after.
fn reads_as_date(t: &str) -> bool {
    let (Some(y), Some(m)) = (t.find('年'), t.find('月')) else { return false };
    y > 0 && y < m && t.ends_with('日') && t.chars().count() <= 16
}
