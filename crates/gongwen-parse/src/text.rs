//! Character classes, pinyin annotations, sentences and the inline content of a line.

use std::borrow::Cow;

use gongwen_ast::{Content, Inline, Reason, Removed, Span, Text};

/// Whether `c` is a Han character (CJK unified ideographs and their extensions).
pub(crate) fn is_han(c: char) -> bool {
    matches!(c, '\u{3400}'..='\u{4DBF}' | '\u{4E00}'..='\u{9FFF}' | '\u{F900}'..='\u{FAFF}'
        | '\u{20000}'..='\u{2FFFF}')
}

/// Whitespace as web copies have it: also the byte-order mark and zero-width spaces.
pub(crate) fn is_blank(c: char) -> bool {
    c.is_whitespace() || matches!(c, '\u{FEFF}' | '\u{200B}' | '\u{200C}' | '\u{200D}')
}

/// Ends a sentence. ASCII '.' is left out: it is a decimal point far more often.
pub(crate) fn is_terminator(c: char) -> bool {
    matches!(c, '。' | '！' | '？' | '!' | '?')
}

/// Any punctuation that means the line is a sentence, not a title or a name.
pub(crate) fn is_sentence_punct(c: char) -> bool {
    is_terminator(c) || matches!(c, '；' | ';')
}

fn is_pinyin_vowel(c: char) -> bool {
    matches!(c, 'a' | 'e' | 'i' | 'o' | 'u' | 'v' | 'ü' | 'ɑ' | 'ê')
        || "āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜńňǹḿ".contains(c)
}

fn is_pinyin_letter(c: char) -> bool {
    c.is_ascii_lowercase() || is_pinyin_vowel(c)
}

/// Byte ranges (relative to `s`) of pinyin annotations such as "(huì)" that follow a Han
/// character. `before` is the character preceding `s` in the source, if any.
pub(crate) fn pinyin_ranges(s: &str, before: Option<char>) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    if !s.contains(['(', '（']) {
        return out;
    }
    let mut prev = before;
    let mut skip_to = 0;
    for (i, c) in s.char_indices() {
        if i < skip_to {
            // Inside an annotation; `prev` stays the annotated character.
            continue;
        }
        if matches!(c, '(' | '（')
            && prev.is_some_and(is_han)
            && let Some(len) = pinyin_at(&s[i..])
        {
            out.push((i, i + len));
            skip_to = i + len;
            continue;
        }
        prev = Some(c);
    }
    out
}

/// The length in bytes of a pinyin annotation at the start of `s` ("(huì)…"), if any.
fn pinyin_at(s: &str) -> Option<usize> {
    const MAX_LETTERS: usize = 7;
    let mut vowel = false;
    for (letters, (i, c)) in s.char_indices().skip(1).enumerate() {
        if matches!(c, ')' | '）') {
            return (letters > 0 && vowel).then_some(i + c.len_utf8());
        }
        if !is_pinyin_letter(c) || letters == MAX_LETTERS {
            return None;
        }
        vowel |= is_pinyin_vowel(c);
    }
    None
}

/// The text of `s` with pinyin annotations left out.
pub(crate) fn visible(s: &str) -> Cow<'_, str> {
    let ranges = pinyin_ranges(s, None);
    if ranges.is_empty() {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len());
    let mut at = 0;
    for (a, b) in ranges {
        out.push_str(&s[at..a]);
        at = b;
    }
    out.push_str(&s[at..]);
    Cow::Owned(out)
}

/// Number of characters in `s` once pinyin annotations and blanks are left out.
pub(crate) fn visible_len(s: &str) -> usize {
    visible(s).chars().filter(|&c| !is_blank(c)).count()
}

/// The byte offset just past the first sentence of `s` (its terminator and any closing
/// quotes after it), or `None` when `s` holds no terminator.
pub(crate) fn first_sentence_end(s: &str) -> Option<usize> {
    let (i, c) = s.char_indices().find(|&(_, c)| is_terminator(c))?;
    let mut end = i + c.len_utf8();
    for c in s[end..].chars() {
        if matches!(c, '”' | '’' | '」' | '』' | '"' | '）' | ')') || is_terminator(c) {
            end += c.len_utf8();
        } else {
            break;
        }
    }
    Some(end)
}

/// `s` with leading and trailing blanks removed, and the offset of what remains.
pub(crate) fn trim(s: &str) -> (usize, &str) {
    let start = s.len() - s.trim_start_matches(is_blank).len();
    let t = s[start..].trim_end_matches(is_blank);
    (start, t)
}

/// The inline content of `source[span]`: kept text, with pinyin annotations (and, with
/// `noise`, paywall words and app-card remnants) as removed inlines. Blanks inside a line
/// are kept as written; a line break inside the span (a joined hard-wrapped paragraph) is
/// left out with the blanks around it.
pub(crate) fn content(source: &str, span: Span, noise: bool) -> Content {
    let s = &source[span.start..span.end];
    let before = source[..span.start].chars().next_back();
    let mut inlines = Vec::new();
    let mut at = 0;
    let push_text = |inlines: &mut Vec<Inline>, a: usize, b: usize| {
        for (a, b) in unbroken(s, a, b) {
            inlines.push(Inline::Text(Text {
                text: s[a..b].to_string(),
                span: Span::new(span.start + a, span.start + b),
            }));
        }
    };
    let mut removed: Vec<(usize, usize, Reason)> =
        pinyin_ranges(s, before).into_iter().map(|(a, b)| (a, b, Reason::Pinyin)).collect();
    if crate::markup::may_hold(s) {
        // Tags inside a line of text ("这是<strong>重要</strong>的工作"), whatever the options.
        let tags = crate::markup::tags(s).into_iter();
        removed.extend(tags.map(|tag| (tag.range.start, tag.range.end, Reason::Markup)));
        removed.sort_unstable();
    }
    if noise {
        removed.extend(crate::noise::inline_ranges(s));
        removed.sort_unstable();
    }
    for (a, b, reason) in removed {
        if a < at {
            continue; // overlaps the previous removal
        }
        push_text(&mut inlines, at, a);
        inlines.push(Inline::Removed(Removed {
            reason,
            text: s[a..b].to_string(),
            span: Span::new(span.start + a, span.start + b),
        }));
        at = b;
    }
    push_text(&mut inlines, at, s.len());
    Content { inlines, span }
}

/// The non-empty parts of `s[a..b]` between line breaks, each without the blanks around
/// the break.
fn unbroken(s: &str, a: usize, b: usize) -> Vec<(usize, usize)> {
    let part = &s[a..b];
    if !part.contains(['\n', '\r']) {
        return if a < b { vec![(a, b)] } else { Vec::new() };
    }
    let mut out = Vec::new();
    let mut offset = a;
    for piece in part.split(['\n', '\r']) {
        let (lead, t) = trim(piece);
        if !t.is_empty() {
            // Blanks are trimmed only at a break, not at the ends of the whole run.
            let start = if offset == a { offset } else { offset + lead };
            let end = offset + lead + t.len();
            let end = if offset + piece.len() == b { b } else { end };
            out.push((start, end));
        }
        offset += piece.len() + 1;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pinyin_after_han_only() {
        let s = "會(huì)議(一)和(GDP)及(x)發(fā)";
        let found: Vec<&str> = pinyin_ranges(s, None).iter().map(|&(a, b)| &s[a..b]).collect();
        assert_eq!(found, ["(huì)", "(fā)"]);
        assert_eq!(visible("準(zhǔn)確"), "準確");
        assert!(pinyin_ranges("a(hui)", None).is_empty());
    }

    #[test]
    fn sentences_take_closing_quotes() {
        assert_eq!(first_sentence_end("要敢想。没有"), Some("要敢想。".len()));
        assert_eq!(first_sentence_end("他说“好。”然后"), Some("他说“好。”".len()));
        assert_eq!(first_sentence_end("1.5亿元"), None);
    }

    #[test]
    fn content_splits_out_pinyin() {
        let src = "會(huì)議,";
        let c = content(src, Span::new(0, src.len()), true);
        assert_eq!(c.text(), "會議,");
        assert_eq!(c.inlines.len(), 3);
    }
}
