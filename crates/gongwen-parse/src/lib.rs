//! Reads Chinese speeches (讲话稿) and official documents written as plain text into the
//! gongwen document tree.
//!
//! The reader never fails: any text gives a [`Document`] plus [`Diagnostic`]s. It works line
//! by line in a few linear passes:
//!
//! 1. split the source into trimmed lines (LF, CRLF or CR); a speech pasted as one line is
//!    split back where its paragraphs plainly began (a label after a sentence end, an
//!    indent, the salutation);
//! 2. drop web noise lines by a table of rules (see `noise.rs`), join the lines of
//!    hard-wrapped paragraphs and a label standing alone to its heading, drop truncated or
//!    doubled copies of a line;
//! 3. weigh what the table left by its evidence (`page.rs`: furniture vocabulary, digits,
//!    separators, time stamps, smoothed by the neighbours), then find each document's head
//!    back from where its text begins — subtitles and 文号 right above it, the title above
//!    them, the page's furniture above the title — and its end matter (closing, attachment
//!    note, signature, date); a 落款 in the middle opens a carried document (`structure.rs`).
//!    Each role keeps its reason ([`Parsed::explanations`]);
//! 4. read every other line as a heading (numbered, standalone or run-in; parts such as
//!    第一部分 above 一、; 其一、 and 首先， only as a series) or a paragraph;
//! 5. repair the kept text (`repair.rs`): punctuation to GB/T 15834 and, when asked,
//!    traditional characters to simplified ones. Labels and roles are read from the text
//!    as written, before this step. Every edit is a [`Change`] in [`Parsed::changes`], so
//!    the source can be rebuilt from the tree: kept text with its changes undone, plus
//!    removed text, is every non-blank character of the source.
//!
//! ```
//! use gongwen_ast::Block;
//! use gongwen_parse::{ParseOptions, parse};
//!
//! let parsed = parse("在全县大会上的讲话\n同志们：\n（一）要敢想。没有想法就没有办法。\n", &ParseOptions::default());
//! let kinds: Vec<_> = parsed.document.blocks.iter().map(Block::kind_name).collect();
//! assert_eq!(kinds, ["title", "salutation", "heading", "p"]);
//! ```

mod body;
mod front;
mod label;
mod markup;
mod noise;
pub mod official;
mod page;
mod repair;
mod structure;
mod text;

use std::collections::{HashMap, HashSet};

use gongwen_ast::{
    Attachment, Block, Change, Code, Content, Diagnostic, Document, Heading, Inline, Label,
    LabelFamily, Meta, Reason, Removed, Signature, Span, Title,
};

use body::{Numbering, Shape};
use front::Role;

/// What the reader may do to the text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ParseOptions {
    /// Drop web noise (trailers, paywall lines, related-article lists, duplicated lines)
    /// into removed blocks. Pinyin annotations and HTML tags are removed either way: they
    /// are never part of the text.
    pub remove_noise: bool,
    /// Normalise punctuation to GB/T 15834: half-width marks in Chinese text made
    /// full-width, straight quotes paired, "..." made "……" and "--" "——", blanks between
    /// Chinese characters removed. URLs, e-mail addresses, times, decimals and Latin words
    /// are left as written. Every change is recorded in [`Parsed::changes`].
    pub normalize: bool,
    /// Convert traditional characters to simplified ones, recorded in [`Parsed::changes`].
    pub simplified: bool,
    /// Write dates in Chinese numerals in Arabic digits (二〇二二年一月五日 → 2022年1月5日)
    /// and join hyphenated ranges with a dash (1-9月 → 1—9月): the fixes `gongwen check`
    /// suggests, recorded in [`Parsed::changes`]. Off unless asked: the text's author may
    /// mean the numerals.
    pub fix_numbers: bool,
}

impl Default for ParseOptions {
    fn default() -> ParseOptions {
        ParseOptions { remove_noise: true, normalize: true, simplified: false, fix_numbers: false }
    }
}

/// A parsed document and what the reader found to say about its source.
///
/// ```
/// use gongwen_parse::{ParseOptions, parse};
///
/// let source = "同志们:\n他说\"马上就办\"...\n";
/// let parsed = parse(source, &ParseOptions::default());
/// assert_eq!(parsed.document.blocks[1].plain_text(), "他说“马上就办”……");
/// let changes: Vec<_> = parsed.changes.iter().map(|c| (c.written(source), &*c.to)).collect();
/// assert_eq!(changes, [(":", "："), ("\"", "“"), ("\"", "”"), ("...", "……")]);
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Parsed {
    /// The tree.
    pub document: Document,
    /// Findings about the source, in source order.
    pub diagnostics: Vec<Diagnostic>,
    /// Every repair made to kept text, in source order. Each lies inside the span of one
    /// kept [`gongwen_ast::Text`], whose text is its source with these changes applied.
    pub changes: Vec<Change>,
    /// Why each line that is not a plain paragraph took its role, in source order: what
    /// `gongwen check --explain` prints.
    pub explanations: Vec<Explanation>,
}

/// Why the reader took a line for what it is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Explanation {
    /// The line (or the part of it) explained.
    pub span: Span,
    /// What it was taken for: a block's kind name ("title", "number", "removed" …).
    pub kind: &'static str,
    /// The evidence, in a few words.
    pub why: &'static str,
}

/// One non-blank line of the source, or several when a hard-wrapped paragraph was joined.
struct Line<'a> {
    /// Byte offset of `text` in the source.
    start: usize,
    /// The line without surrounding blanks.
    text: &'a str,
    /// Why the whole line is noise, if it is.
    noise: Option<Reason>,
    /// A noise prefix glued to the line: its length in bytes and reason.
    prefix: Option<(usize, Reason)>,
    /// Whether the line starts with blanks in the source.
    indented: bool,
    /// Whether a blank line (or the start of the text) comes right before it.
    after_blank: bool,
}

impl<'a> Line<'a> {
    /// Offset (in `text`) of the line's real text, after any noise prefix.
    fn body_offset(&self) -> usize {
        self.prefix.map_or(0, |(len, _)| len + text::trim(&self.text[len..]).0)
    }

    /// The line's real text, after any noise prefix.
    fn body(&self) -> &'a str {
        &self.text[self.body_offset()..]
    }

    fn span(&self) -> Span {
        Span::new(self.start, self.start + self.text.len())
    }
}

/// Splits `source` into its non-blank lines, trimmed. LF, CRLF and CR all end a line.
fn split_lines(source: &str) -> Vec<Line<'_>> {
    let mut lines = Vec::new();
    let mut after_blank = true;
    let mut push = |from: usize, to: usize| {
        let (offset, text) = text::trim(&source[from..to]);
        if text.is_empty() {
            after_blank = true;
            return;
        }
        let (indented, start) = (offset > 0, from + offset);
        let tags = if crate::markup::may_hold(text) { markup::tags(text) } else { Vec::new() };
        if tags.is_empty() {
            lines.push(Line { start, text, noise: None, prefix: None, indented, after_blank });
        } else {
            // HTML tags or style rules in the text: each run of them is a removed line of its own.
            for (k, (range, is_markup)) in markup::pieces(text, &tags).into_iter().enumerate() {
                let (lead, piece) = text::trim(&text[range.clone()]);
                lines.push(Line {
                    start: start + range.start + lead,
                    text: piece,
                    noise: is_markup.then_some(Reason::Markup),
                    prefix: None,
                    indented: if k == 0 { indented } else { lead > 0 },
                    after_blank: k == 0 && after_blank,
                });
            }
        }
        after_blank = false;
    };
    let bytes = source.as_bytes();
    let (mut start, mut i) = (0, 0);
    while i < bytes.len() {
        if bytes[i] == b'\n' || bytes[i] == b'\r' {
            push(start, i);
            if bytes[i] == b'\r' && bytes.get(i + 1) == Some(&b'\n') {
                i += 1;
            }
            start = i + 1;
        }
        i += 1;
    }
    push(start, source.len());
    lines
}

/// Splits a speech pasted without line breaks back into paragraphs, at the places where
/// one plainly began: a heading label right after a sentence end, an indent of blanks
/// after one, the salutation, a closing formula, and a title set off by blanks at the very
/// start; and before web trailers glued to the end. Only a line holding most of the text,
/// or one too long to be one paragraph, is split, and only when it shows a paragraph's start
/// plainer than a speech ordinal ("：一是……；二是……" is one paragraph). Any line of the head
/// (before the first numbered line) that opens with the salutation ("同志们：今天……") is
/// split after it.
fn split_run_on<'s>(lines: Vec<Line<'s>>) -> Vec<Line<'s>> {
    const MIN_CHARS: usize = 200;
    const ALWAYS_CHARS: usize = 2000;
    let total: usize = lines.iter().map(|l| l.text.len()).sum();
    let mut out = Vec::with_capacity(lines.len());
    let mut numbered = false; // a line before opened with a label
    for line in lines {
        if line.noise.is_some() {
            out.push(line); // markup, split off already
            continue;
        }
        let n = line.text.len() / 3; // characters, near enough for Chinese text
        let most = line.text.len() * 2 > total;
        let breaks = if n >= MIN_CHARS && (most || n >= ALWAYS_CHARS) {
            run_on_breaks(line.text)
        } else {
            None
        };
        // Past the first numbered heading, an address opening a line ("老师们，同学们：作为……")
        // turns to the audience inside the speech: it stays in its paragraph.
        let head = !numbered;
        numbered |= label::any(line.text).is_some();
        let breaks = breaks
            .or_else(|| glued_chapters(line.text))
            .or_else(|| head.then(|| dated_salutation(line.text)).flatten())
            .or_else(|| head.then(|| salutation_end(line.text).map(|at| vec![at])).flatten());
        let Some(breaks) = breaks else {
            out.push(line);
            continue;
        };
        let mut from = 0;
        for at in breaks.into_iter().chain([line.text.len()]) {
            let (lead, text) = text::trim(&line.text[from..at]);
            if !text.is_empty() {
                out.push(Line {
                    start: line.start + from + lead,
                    text,
                    noise: None,
                    prefix: None,
                    indented: if from == 0 { line.indented } else { lead > 0 },
                    after_blank: from == 0 && line.after_blank,
                });
            }
            from = at;
        }
    }
    out
}

/// "……办法(试行)第一章总则第一条为……": a chapter label and its name glued between the
/// rules' title (or the end of a sentence) and the chapter's first article, with no blank to
/// set them off. Breaks before the chapter and before the article. A name is a few Han
/// characters and only 第一章 with 第一条 follows a title, so "依照本办法第一章规定的第五条……"
/// stays whole.
fn glued_chapters(t: &str) -> Option<Vec<usize>> {
    const MAX_NAME: usize = 20; // characters
    let mut breaks = Vec::new();
    for (i, _) in t.match_indices('第') {
        let Some((number, len)) = label::chapter(&t[i..]) else { continue };
        let after = i + len;
        let article = t[after..]
            .char_indices()
            .take(MAX_NAME + 1)
            .find_map(|(j, _)| label::article(&t[after + j..]).filter(|_| j > 0).map(|n| (j, n)));
        let Some((name_len, article)) = article else { continue };
        let name = &t[after..after + name_len];
        let named = name.chars().all(|c| text::is_han(c) || text::is_blank(c));
        let before = text::trim(&t[..i]).1;
        let opens = before.is_empty()
            || before.ends_with(text::is_sentence_punct)
            || (number == 1 && article == 1 && breaks.is_empty() && front::is_title_like(before));
        if named && opens {
            breaks.extend((i > 0).then_some(i));
            breaks.push(after + name_len);
        }
    }
    (!breaks.is_empty()).then_some(breaks)
}

/// "（2006年12月28日）同志们：……": a date in parentheses and the salutation on one line split
/// after the date, and after the salutation when text follows it.
fn dated_salutation(t: &str) -> Option<Vec<usize>> {
    const MAX_DATE: usize = 60; // bytes
    if !t.starts_with(['(', '（']) {
        return None;
    }
    let close = t
        .char_indices()
        .take_while(|&(i, _)| i < MAX_DATE)
        .find(|&(_, c)| matches!(c, ')' | '）'))?;
    let end = close.0 + close.1.len_utf8();
    let (lead, rest) = text::trim(&t[end..]);
    if !front::is_date_line(&t[..end]) || rest.is_empty() {
        return None;
    }
    let sal =
        salutation_end(rest).or_else(|| front::is_salutation(rest, false).then_some(rest.len()))?;
    let after = end + lead + sal;
    Some(if after < t.len() { vec![end, after] } else { vec![end] })
}

/// Where a salutation that opens `t` ends, when text follows it on the line.
fn salutation_end(t: &str) -> Option<usize> {
    const MAX_HEAD: usize = 90; // bytes
    let colon =
        t.char_indices().take_while(|&(i, _)| i < MAX_HEAD).find(|&(_, c)| c == '：' || c == ':');
    let end = colon.map(|(i, c)| i + c.len_utf8())?;
    (end < t.len() && front::is_salutation(&t[..end], false)).then_some(end)
}

/// Byte offsets in `t` where a new paragraph starts (see [`split_run_on`]), or `None` when
/// none is plain. Never inside a quotation, never inside a number ("2023.1.5", "1.5亿元":
/// labels refuse them).
fn run_on_breaks(t: &str) -> Option<Vec<usize>> {
    // An unclosed quotation stops hiding labels after this many characters.
    const MAX_QUOTE: usize = 300;
    const MAX_HEAD: usize = 90; // bytes of a title or salutation
    let mut breaks = Vec::new();
    let mut last = 0; // the last break
    let mut quote: Option<usize> = None; // characters since the quotation opened
    let mut after_end = false; // the last non-blank character ends a sentence or clause
    let (mut blanks, mut wide) = (0, false);
    let mut plain = false;
    // The last break opened a part heading (第一章 总则).
    let mut part_head = false;
    // A part heading or an article was seen: the line holds rules, an article a paragraph.
    let mut rules = false;
    const MAX_PART_HEAD: usize = 30;
    const MAX_GLUED_TITLE: usize = 150; // bytes
    for (i, c) in t.char_indices() {
        if text::is_blank(c) {
            blanks += 1;
            wide |= c == '\u{3000}';
            continue;
        }
        let indent = blanks >= 2 || wide;
        let head = &t[last..i];
        let title = last == 0
            && ((indent && i <= MAX_HEAD && front::is_title_like(text::trim(head).1))
                || (!after_end && i <= MAX_GLUED_TITLE && glued_title(head, &t[i..])));
        if quote.is_none() && i > last {
            let found = if after_end {
                label::any(&t[i..])
            } else {
                // "一、主要做法及成效（一）抓好……": a heading's phrase, then its first
                // sub-heading with nothing between.
                first_under(head, &t[i..])
            };
            let closing = after_end && t[i..].starts_with("谢谢");
            let trailer = after_end && noise::starts_trailer(&t[i..]);
            // Rules glued on one line ("……办法第一章 总则第一条 为……") part at each 第X章
            // (a blank or colon after it) and at an article right after a part heading.
            let part = label::part(&t[i..]).is_some();
            let article = label::article(&t[i..]).is_some()
                && ((part_head
                    && text::visible_len(head) <= MAX_PART_HEAD
                    && !head.contains(text::is_sentence_punct))
                    || (rules && after_end));
            if (after_end && indent) || found.is_some() || closing || trailer || title {
                plain |= !found.is_some_and(|f| matches!(f.family, LabelFamily::Speech(_)));
                breaks.push(i);
                last = i;
                part_head = found.is_some_and(|f| matches!(f.family, LabelFamily::Part(_)));
            } else if part || article {
                plain = true;
                breaks.push(i);
                last = i;
                part_head = part;
                rules = true;
            }
        }
        (blanks, wide) = (0, false);
        quote = match c {
            '“' | '「' | '『' => Some(0),
            '”' | '」' | '』' => None,
            '"' => quote.xor(Some(0)),
            _ => quote.map(|n| n + 1).filter(|&n| n < MAX_QUOTE),
        };
        after_end = text::is_sentence_punct(c) || matches!(c, '：' | ':');
        let end = i + c.len_utf8();
        if matches!(c, '：' | ':') && end - last <= MAX_HEAD * 3 {
            // The salutation, perhaps glued to the head before it ("……的讲话同志们：",
            // "县人大会议表态发言遂昌县县长童森军(2026年2月6日)各位代表，同志们：").
            let head = if last == 0 { head_breaks(&t[..end]) } else { Vec::new() };
            let title_end = (!head.is_empty()).then_some(());
            if title_end.is_some() || front::is_salutation(&t[last..end], false) {
                breaks.extend(head);
                breaks.push(end);
                last = end;
                after_end = false;
                plain = true;
            }
        }
    }
    plain.then_some(breaks)
}

/// A title glued to the text it heads, as a page that lost its line breaks gives it
/// ("……2023年工作总结暨2024年工作计划2023年，在市委……"): `head` reads as a whole title
/// and `rest` opens as a body does, with a year and a comma or a sentence's first words.
fn glued_title(head: &str, rest: &str) -> bool {
    const MIN_TITLE: usize = 8;
    // How a speech or a report starts: "今天，我们召开……", "这次会议……", "为进一步……".
    const OPENERS: [&str; 8] = ["今天", "这次", "本次", "刚才", "为了", "为进一步", "根据", "按照"];
    let year = rest.get(..4).is_some_and(|y| y.bytes().all(|b| b.is_ascii_digit()))
        && rest[4..].starts_with("年")
        && rest[4 + "年".len()..].starts_with(['，', ',']);
    let opens = year || body::SENTENCE_OPENERS.iter().chain(&OPENERS).any(|w| rest.starts_with(w));
    opens
        && text::visible_len(head) >= MIN_TITLE
        && front::completes_title(head)
        && front::is_title_like(head)
}

/// The label at the start of `rest` when it is the first sub-heading of the heading `head`
/// opens with, glued to that heading's short phrase: "一、主要做法及成效" + "（一）抓好……",
/// "一、政治思想建设情况" + "一是强化……".
fn first_under(head: &str, rest: &str) -> Option<label::Found> {
    const MAX_PHRASE: usize = 20;
    if !rest.starts_with(['（', '(', '一', '1']) {
        return None;
    }
    let parent = label::any(head)?;
    let phrase = &head[parent.text_start..];
    let n = text::visible_len(phrase);
    let bare =
        !phrase.contains(|c| text::is_sentence_punct(c) || matches!(c, '，' | ',' | '：' | ':'));
    let sub = label::any(rest).filter(|sub| sub.number == 1)?;
    let deeper = match (parent.family.standard_level(), sub.family.standard_level()) {
        (Some(a), Some(b)) => b == a + 1,
        (Some(a), None) => a <= 2 && matches!(sub.family, LabelFamily::Speech(_)),
        _ => false,
    };
    ((2..=MAX_PHRASE).contains(&n) && bare && deeper).then_some(sub)
}

/// Where the head glued before a salutation splits (`t` ends with the salutation's colon):
/// a site name or URL, the title, the speaker, a date in parentheses, then the salutation.
/// Empty when `t` does not open with a title followed by the salutation.
fn head_breaks(t: &str) -> Vec<usize> {
    // A title right before the salutation ("……的讲话同志们：") splits there alone.
    let title_end = t.char_indices().map(|(j, _)| j).find(|&j| {
        j > 0
            && front::completes_title(&t[..j])
            && front::is_title_like(&t[..j])
            && front::is_salutation(&t[j..], false)
    });
    if let Some(j) = title_end {
        // "……的讲话 - 某某网……的讲话同志们：": the page's headline and site name before the
        // title they repeat.
        return repeated_title_start(&t[..j]).into_iter().chain([j]).collect();
    }
    t.char_indices()
        .map(|(j, _)| j)
        .filter(|&j| j > 0 && front::is_salutation(&t[j..], false))
        .find_map(|sal| {
            head_pieces(&t[..sal]).map(|mut breaks| {
                breaks.push(sal);
                breaks.sort_unstable();
                breaks
            })
        })
        .unwrap_or_default()
}

/// Where the last copy of a title starts in `head` when the text before it holds the same
/// title (a page headline, perhaps with the site's name after it), or opens with the same
/// words and is about as long (the headline's shorter wording: "……会上讲话……会上的讲话").
fn repeated_title_start(head: &str) -> Option<usize> {
    const MIN_TITLE: usize = 6;
    const SAME_OPENING: usize = 8;
    const MAX_WORDING: usize = 3; // characters the two wordings may differ in length
    if let Some(s) = set_off_copy_start(head, MIN_TITLE) {
        return Some(s);
    }
    head.char_indices().map(|(s, _)| s).filter(|&s| s > 0).find(|&s| {
        let (before, rest) = (&head[..s], &head[s..]);
        let n = rest.chars().count();
        let opening: String = rest.chars().take(SAME_OPENING).collect();
        let reworded = n >= SAME_OPENING
            && before.starts_with(&opening)
            && before.chars().count().abs_diff(n) <= MAX_WORDING;
        n >= MIN_TITLE && front::completes_title(rest) && (before.contains(rest) || reworded)
    })
}

/// Where a copy of the title set off by a blank or a field's colon starts, when the text
/// before it says much the same ("县长在县经济工作会议上的讲话 文章标题:县长在 20xx 年县经济
/// 工作会议上的讲话"): the two share most of their Chinese wording, in order; figures,
/// Latin letters and blanks, which sites fill in or space out, are not compared.
fn set_off_copy_start(head: &str, min_title: usize) -> Option<usize> {
    const MAX_CHARS: usize = 80; // longer heads are not compared (the comparison is quadratic)
    const SHARED: f64 = 0.8; // of the copy's wording
    let wording = |t: &str| -> Vec<char> {
        t.chars().filter(|c| !c.is_ascii() && !text::is_blank(*c) && *c != '：').collect()
    };
    let separator = |c: char| text::is_blank(c) || matches!(c, '：' | ':' | '|' | '｜');
    head.char_indices().find_map(|(s, c)| {
        let at = s + c.len_utf8();
        if !separator(c) || at >= head.len() || head[at..].starts_with(separator) {
            return None;
        }
        let (before, rest) = (wording(&head[..at]), wording(&head[at..]));
        let plausible = rest.len() >= min_title
            && before.len() >= min_title
            && rest.len() <= MAX_CHARS
            && before.len() <= MAX_CHARS
            && front::completes_title(text::trim(&head[at..]).1);
        let shared =
            plausible && common_subsequence(&before, &rest) as f64 >= SHARED * rest.len() as f64;
        shared.then_some(at)
    })
}

/// The length of the longest common subsequence of `a` and `b`.
fn common_subsequence(a: &[char], b: &[char]) -> usize {
    let mut row = vec![0usize; b.len() + 1];
    for &x in a {
        let mut diagonal = 0;
        for (j, &y) in b.iter().enumerate() {
            let up = row[j + 1];
            row[j + 1] = if x == y { diagonal + 1 } else { up.max(row[j]) };
            diagonal = up;
        }
    }
    row[b.len()]
}

/// The breaks inside a head glued together (see [`head_breaks`]), when it ends with a
/// title, perhaps followed by a speaker and a date.
fn head_pieces(head: &str) -> Option<Vec<usize>> {
    let mut rest = head;
    let mut breaks = Vec::new();
    // "(2026 年 2 月 6 日)" before the salutation.
    if rest.ends_with([')', '）'])
        && let Some(open) = rest.rfind(['(', '（'])
        && open > 0
        && front::is_date_line(&rest[open..])
    {
        breaks.push(open);
        rest = &rest[..open];
    }
    // The speaker after the title: "……表态发言" + "遂昌县县长童森军".
    let genre_end = rest
        .char_indices()
        .map(|(j, c)| j + c.len_utf8())
        .filter(|&j| j < rest.len() && front::completes_title(&rest[..j]))
        .find(|&j| front::is_subtitle(&rest[j..]) && front::speaker_in(&rest[j..]).is_some());
    if let Some(j) = genre_end {
        breaks.push(j);
        rest = &rest[..j];
    }
    // A site name with its URL before the title: "……每日更新 www.example.com县……".
    if let Some(url) = rest.find("www.").or_else(|| rest.find("http")) {
        let len = rest[url..].find(|c: char| !c.is_ascii() || c.is_whitespace());
        let after = url + len.unwrap_or(0);
        if after > url && after < rest.len() {
            breaks.push(after);
            rest = &rest[after..];
        }
    }
    let title = text::trim(rest).1;
    (front::completes_title(title) && front::is_title_like(title)).then_some(breaks)
}

/// Display width of a line: two for a Chinese character, one for ASCII.
fn width(t: &str) -> usize {
    t.chars().filter(|&c| !text::is_blank(c)).map(|c| if c.is_ascii() { 1 } else { 2 }).sum()
}

/// The width a hard-wrapped text was broken at, when most of its long lines share it and
/// end mid-sentence. Texts with one paragraph a line have lines of every length and give
/// `None`. `widths` are the lines' widths.
fn wrap_width(lines: &[Line<'_>], widths: &[usize]) -> Option<usize> {
    const MIN_LONG: usize = 30;
    const MIN_LINES: usize = 8;
    const SLACK: usize = 4;
    let long = widths.iter().filter(|&&w| w >= MIN_LONG).count();
    if long < MIN_LINES {
        return None;
    }
    let mut counts: HashMap<usize, usize> = HashMap::new();
    for &w in widths.iter().filter(|&&w| w >= MIN_LONG) {
        *counts.entry(w).or_default() += 1;
    }
    let mode = counts.iter().max_by_key(|&(&w, &n)| (n, w)).map(|(&w, _)| w)?;
    let (mut near, mut open) = (0, 0);
    for (line, &w) in lines.iter().zip(widths) {
        if w >= MIN_LONG && w + SLACK >= mode && w <= mode + 1 {
            near += 1;
            // Wrapped lines end mid-sentence; lines that end their sentences are paragraphs.
            open += usize::from(!line.text.ends_with(text::is_terminator));
        }
    }
    (near * 3 >= long * 2 && open * 2 > near).then_some(mode)
}

/// Joins the lines of hard-wrapped paragraphs: a line as wide as the wrap width goes on in
/// the next line, unless a blank line, an indent or a heading label says a new paragraph
/// starts there.
fn join_wrapped<'s>(source: &'s str, lines: Vec<Line<'s>>) -> Vec<Line<'s>> {
    let widths: Vec<usize> = lines.iter().map(|l| width(l.text)).collect();
    let Some(wrap) = wrap_width(&lines, &widths) else {
        return lines;
    };
    let indents = lines.iter().any(|l| l.indented);
    let mut out: Vec<Line<'s>> = Vec::with_capacity(lines.len());
    // Width of the last source line in `out`.
    let mut last_width = 0;
    for (line, w) in lines.into_iter().zip(widths) {
        let joins = out.last().is_some_and(|prev: &Line<'_>| {
            prev.noise.is_none()
                && line.noise.is_none()
                && line.prefix.is_none()
                && !line.after_blank
                && !(indents && line.indented)
                && last_width + 4 >= wrap
                && label::any(line.text).is_none()
        });
        match out.last_mut() {
            Some(prev) if joins => prev.text = &source[prev.start..line.start + line.text.len()],
            _ => out.push(line),
        }
        last_width = w;
    }
    out
}

/// Joins a line holding only a label ("（一）") to the line after it when that is a heading
/// or opens with one: a short line, or a short first sentence (a run-in heading).
fn join_bare_labels<'s>(source: &'s str, lines: Vec<Line<'s>>) -> Vec<Line<'s>> {
    const MAX_HEADING: usize = 40;
    join_lines(source, lines, |prev, line| {
        let head = text::first_sentence_end(line.text).map_or(line.text, |end| &line.text[..end]);
        prev.noise.is_none()
            && prev.prefix.is_none()
            && label::is_bare(prev.text)
            && line.noise.is_none()
            && line.prefix.is_none()
            && label::any(line.text).is_none()
            && text::visible_len(head) <= MAX_HEADING
            && !head.contains(['；', ';'])
    })
}

/// Joins each line to the one before it where `joins(previous, line)` says they are one.
fn join_lines<'s>(
    source: &'s str,
    lines: Vec<Line<'s>>,
    joins: impl Fn(&Line<'s>, &Line<'s>) -> bool,
) -> Vec<Line<'s>> {
    let mut out: Vec<Line<'s>> = Vec::with_capacity(lines.len());
    for line in lines {
        match out.last_mut() {
            Some(prev) if joins(prev, &line) => {
                prev.text = &source[prev.start..line.start + line.text.len()];
            }
            _ => out.push(line),
        }
    }
    out
}

/// Joins a salutation set over two lines ("各位代表、" above "同志们："): one form of address.
fn join_salutations<'s>(source: &'s str, lines: Vec<Line<'s>>) -> Vec<Line<'s>> {
    join_lines(source, lines, |prev, line| {
        prev.noise.is_none()
            && line.noise.is_none()
            && prev.text.ends_with(['、', '，', ','])
            && front::is_salutation(prev.text, true)
            && front::is_salutation(line.text, false)
    })
}

/// Joins a subtitle set over two lines: "——2023年2月15日在某镇第十八届人民代表大会" above
/// "第三次会议上", "（在全县……大会" above "上的讲话）". A dash subtitle that opens a
/// "在……上" frame without closing it, or a bracket left open, goes on in the next short line
/// that closes it.
fn join_subtitles<'s>(source: &'s str, lines: Vec<Line<'s>>) -> Vec<Line<'s>> {
    const MAX_REST: usize = 30;
    let opens = |t: &str| {
        let dash = t.starts_with(['—', '─', '－', '-', '―', '–'])
            && t.contains('在')
            && !t.trim_end_matches(['）', ')']).ends_with('上')
            && !t.contains("上的");
        let bracket = t.starts_with(['（', '(']) && !t.contains(['）', ')']);
        (dash || bracket) && !t.contains(text::is_sentence_punct)
    };
    let closes = |prev: &str, t: &str| {
        let frame = t.trim_end_matches(['）', ')']);
        let closed = if prev.starts_with(['（', '(']) {
            t.ends_with(['）', ')'])
        } else {
            frame.ends_with('上') || GENRE_AFTER_FRAME.iter().any(|g| frame.ends_with(g))
        };
        closed && text::visible_len(t) <= MAX_REST && !t.contains(text::is_sentence_punct)
    };
    join_lines(source, lines, |prev, line| {
        prev.noise.is_none()
            && line.noise.is_none()
            && opens(prev.text)
            && closes(prev.text, line.text)
    })
}

/// What a "在……上" frame may end with in a subtitle: "……会议上的讲话".
const GENRE_AFTER_FRAME: [&str; 4] = ["上的讲话", "上的报告", "上的发言", "上的致辞"];

/// Marks noise lines and glued noise prefixes.
fn mark_noise(lines: &mut [Line<'_>]) {
    let mut in_list = false;
    for line in lines.iter_mut().filter(|line| line.noise.is_none()) {
        if in_list && noise::is_link_line(line.text) {
            line.noise = Some(Reason::RelatedArticles);
            continue;
        }
        in_list = false;
        line.prefix = noise::prefix(line.text);
        if line.prefix.is_none() {
            line.noise = noise::line_reason(line.text);
            in_list = line.noise.is_some_and(noise::starts_list);
        }
    }
    trailer_tail(lines);
}

/// The few short lines after the page's last notice about itself ("版权声明" and its
/// terms, "微信订阅号", "联系客服") belong to the trailer: the document ended above it.
fn trailer_tail(lines: &mut [Line<'_>]) {
    const MAX_LINES: usize = 6;
    const MAX_CHARS: usize = 60;
    let notice =
        |l: &Line<'_>| l.noise == Some(Reason::WebTrailer) && noise::is_site_notice(l.text);
    let Some(w) = lines.iter().rposition(notice) else {
        return;
    };
    let kept: Vec<&Line<'_>> = lines[w + 1..].iter().filter(|l| l.noise.is_none()).collect();
    let short = |l: &&Line<'_>| {
        l.prefix.is_none()
            && text::visible_len(l.text) <= MAX_CHARS
            && label::any(l.text).is_none()
            && !front::is_date_line(l.text)
            && !front::is_closing(l.text)
    };
    if kept.len() <= MAX_LINES && kept.iter().all(short) {
        for line in &mut lines[w + 1..] {
            line.noise.get_or_insert(Reason::WebTrailer);
        }
    }
}

/// Marks a line that is a truncated copy of one just below it, a line that repeats the one
/// before it, a long line that repeats an earlier one next to another repeated line (a
/// passage pasted twice: one repeated paragraph alone, such as a contact line a notice gives
/// twice, is text), and a short repeated line among such copies. Hashing keeps this linear.
fn mark_duplicates(lines: &mut [Line<'_>], kept: &[usize]) {
    const MIN_PREFIX: usize = 10;
    const MIN_REPEAT: usize = 40;
    // How many lines further a truncated copy's full text may stand (a title between).
    const WINDOW: usize = 3;
    // Whether each kept line repeats one before it.
    let mut earlier_copy: HashSet<&str> = HashSet::new();
    let repeats: Vec<bool> = kept.iter().map(|&i| !earlier_copy.insert(lines[i].body())).collect();
    let repeats_at = |k: Option<usize>| k.and_then(|k| repeats.get(k)).copied().unwrap_or(false);
    let mut seen: HashMap<&str, usize> = HashMap::new();
    for (k, &i) in kept.iter().enumerate() {
        let a = lines[i].body();
        // A truncated copy may end with a stop or an ellipsis the full text lacks there.
        let cut = a.trim_end_matches(['。', '，', ',', '.', '…', '；', ';']);
        let truncated = cut.chars().nth(MIN_PREFIX - 1).is_some()
            && kept[k + 1..].iter().take(WINDOW).any(|&j| {
                // The copy stops mid-text: its full text goes on with a word, not a stop
                // ("（一）要敢想；" above "（一）要敢想。……" is an outline, not a copy).
                let b = lines[j].body();
                a.len() < b.len()
                    && b.starts_with(cut)
                    && b[cut.len()..].chars().next().is_some_and(char::is_alphanumeric)
            });
        if truncated {
            lines[i].noise = Some(Reason::Duplicate);
            continue;
        }
        let n = a.chars().count();
        let earlier = seen.get(a).copied();
        let adjacent = k > 0 && earlier == Some(k - 1);
        let in_copy = repeats_at(k.checked_sub(1)) || repeats_at(Some(k + 1));
        if (adjacent && n >= 4) || (earlier.is_some() && n >= MIN_REPEAT && in_copy) {
            lines[i].noise = Some(Reason::Duplicate);
        } else {
            seen.insert(a, k);
        }
    }
    // In a text pasted twice, the short lines (headings) of the second copy stand among
    // repeated paragraphs: a line seen before, next to a removed copy, is a copy too.
    let is_copy = |lines: &[Line<'_>], k: usize| {
        kept.get(k).is_some_and(|&i| lines[i].noise == Some(Reason::Duplicate))
    };
    let mut first: HashSet<&str> = HashSet::new();
    for (k, &i) in kept.iter().enumerate() {
        if lines[i].noise.is_some() {
            continue;
        }
        let a = lines[i].body();
        if !first.insert(a) && ((k > 0 && is_copy(lines, k - 1)) || is_copy(lines, k + 1)) {
            lines[i].noise = Some(Reason::Duplicate);
        }
    }
}

/// The blanks right before `start` on its source line.
fn indent_before(source: &str, start: usize) -> usize {
    source[..start]
        .chars()
        .rev()
        .take_while(|&c| c != '\n' && c != '\r' && text::is_blank(c))
        .count()
}

/// Content of `source[from..to]`, with a glued noise prefix first when there is one.
fn content_with_prefix(
    source: &str,
    line: &Line<'_>,
    from: usize,
    to: usize,
    noise: bool,
) -> Content {
    let mut content = text::content(source, Span::new(from, to), noise);
    if let Some((len, reason)) = line.prefix {
        let span = Span::new(line.start, line.start + len);
        content.inlines.insert(0, Inline::Removed(removed(source, reason, span)));
        content.span = content.span.join(span);
    }
    content
}

fn removed(source: &str, reason: Reason, span: Span) -> Removed {
    Removed { reason, text: source[span.start..span.end].to_string(), span }
}

/// Builds the document as the passes decided it.
struct Builder<'s> {
    source: &'s str,
    /// Whether noise inside a line is removed too.
    noise: bool,
    blocks: Vec<Block>,
    diagnostics: Vec<Diagnostic>,
    numbering: Numbering,
    meta: Meta,
    repair: repair::Repair,
}

impl<'s> Builder<'s> {
    fn removed_block(&mut self, reason: Reason, span: Span) {
        self.note_removed(reason, span);
        self.blocks.push(Block::Removed(removed(self.source, reason, span)));
    }

    /// Notes removed text: one note for a run of lines removed for the same reason.
    fn note_removed(&mut self, reason: Reason, span: Span) {
        let joined = match (self.blocks.last(), self.diagnostics.last_mut()) {
            (Some(Block::Removed(r)), Some(d)) if r.reason == reason && d.code == Code::Removed => {
                d.span = d.span.join(span);
                true
            }
            _ => false,
        };
        if !joined {
            let message = format!("removed {} text", reason.as_str());
            let hint = "convert with --keep-noise to keep it";
            self.diagnostics.push(Diagnostic::note(Code::Removed, span, message).with_hint(hint));
        }
    }

    fn heading(&mut self, line: &Line<'_>, found: &label::Found, shape: Shape, quoted: bool) {
        let body_start = line.start + line.body_offset();
        let body = line.body();
        let end = body_start + body.len();
        let (text_end, rest) = match shape {
            Shape::RunIn(at) | Shape::Split(at) | Shape::Glued(at) => {
                (body_start + at, Some(body_start + at))
            }
            _ => (end, None),
        };
        if matches!(shape, Shape::Paragraph | Shape::Item) || quoted {
            let content = content_with_prefix(self.source, line, body_start, end, self.noise);
            self.blocks.push(Block::Paragraph(content));
            return;
        }
        if let Some((len, reason)) = line.prefix {
            // A removed inline inside a heading would read as part of its text.
            let span = Span::new(line.start, line.start + len);
            self.blocks.push(Block::Removed(removed(self.source, reason, span)));
        }
        let label_span = Span::new(body_start, body_start + found.len);
        let label = Label {
            family: found.family,
            number: found.number,
            source: body[..found.len].to_string(),
            span: label_span,
        };
        let level = self.numbering.level(found.family);
        if let Some(d) = self.numbering.record(&label, level) {
            self.diagnostics.push(d);
        }
        let content = text::content(
            self.source,
            Span::new(body_start + found.text_start, text_end),
            self.noise,
        );
        self.blocks.push(Block::Heading(Heading {
            level,
            label,
            content,
            run_in: matches!(shape, Shape::RunIn(_)),
            span: Span::new(body_start, text_end),
        }));
        if let Some(from) = rest {
            let (offset, t) = text::trim(&self.source[from..end]);
            let span = Span::new(from + offset, from + offset + t.len());
            self.blocks.push(Block::Paragraph(text::content(self.source, span, self.noise)));
        }
    }
}

/// Reads `source` into a document tree.
pub fn parse(source: &str, options: &ParseOptions) -> Parsed {
    let mut lines = split_run_on(split_lines(source));
    if options.remove_noise {
        mark_noise(&mut lines);
    }
    let lines = join_bare_labels(source, join_wrapped(source, lines));
    let mut lines = join_subtitles(source, join_salutations(source, lines));
    if options.remove_noise {
        let kept: Vec<usize> = (0..lines.len()).filter(|&i| lines[i].noise.is_none()).collect();
        mark_duplicates(&mut lines, &kept);
    }
    let kept: Vec<usize> = (0..lines.len()).filter(|&i| lines[i].noise.is_none()).collect();
    let bodies: Vec<&str> = kept.iter().map(|&i| lines[i].body()).collect();
    let vis: Vec<String> = bodies.iter().map(|b| text::visible(b).into_owned()).collect();
    let info: Vec<structure::LineInfo> = kept
        .iter()
        .enumerate()
        .map(|(k, &i)| structure::LineInfo {
            gap: k > 0 && kept[k - 1] + 1 != i,
            indent: indent_before(source, lines[i].start),
        })
        .collect();
    let marks = official::marks(&bodies);
    // Why each line took its role, by its index among the kept lines.
    let why = std::cell::RefCell::new(vec![""; vis.len()]);
    let roles = official::with_roles(&marks, &vis, &bodies, |vis, bodies, kept| {
        let info: Vec<structure::LineInfo> = kept.iter().map(|&k| info[k]).collect();
        let (roles, reasons) = structure::roles(vis, bodies, &info);
        let mut all = why.borrow_mut();
        for (&k, reason) in kept.iter().zip(reasons) {
            all[k] = reason;
        }
        roles
    });
    let why = why.into_inner();
    let quoted = body::quoted(&bodies);
    let lone = body::lone_in_series(&bodies);
    let articles = body::running_articles(&bodies);
    let word_series = body::word_series(&bodies);
    let clause_headings = body::clause_headings(&bodies);
    let narrative = body::narrative_series(&bodies);
    // Where each article of a regulation starts, for the repair's space after 第一条.
    let article_starts: HashSet<usize> = body::article_series(&bodies)
        .iter()
        .zip(&kept)
        .filter(|&(&article, _)| article)
        .map(|(_, &i)| lines[i].start + lines[i].body_offset())
        .collect();

    let noise = options.remove_noise;
    let mut b = Builder {
        source,
        noise,
        blocks: Vec::new(),
        diagnostics: Vec::new(),
        numbering: Numbering::default(),
        meta: Meta::default(),
        repair: repair::Repair::new(options.normalize, options.simplified, options.fix_numbers),
    };
    let mut k = 0; // position in `kept`
    // The family and number of the last list item, while a list runs.
    let mut list: Option<(LabelFamily, u32)> = None;
    let mut explanations = Vec::new();
    for (i, line) in lines.iter().enumerate() {
        if let Some(reason) = line.noise {
            let why = match reason {
                Reason::Duplicate => "a copy of another line",
                Reason::Markup => "HTML tags, which are never text",
                _ => "a line the phrase table of web noise names",
            };
            explanations.push(Explanation { span: line.span(), kind: "removed", why });
            b.removed_block(reason, line.span());
            continue;
        }
        debug_assert_eq!(kept[k], i);
        if let Some((len, reason)) = line.prefix {
            b.note_removed(reason, Span::new(line.start, line.start + len));
        }
        let role = roles[k];
        if !why[k].is_empty() {
            let kind = role.kind_name(noise);
            explanations.push(Explanation { span: line.span(), kind, why: why[k] });
        }
        let (v, is_quoted) = (&vis[k], quoted[k]);
        k += 1;
        let body_start = line.start + line.body_offset();
        let end = line.start + line.text.len();
        let whole = || content_with_prefix(source, line, body_start, end, noise);
        if let Some(mark) = marks[k - 1]
            && official::build(&mut b.blocks, mark, source, line, noise)
        {
            let kind = b.blocks.last().map_or("p", Block::kind_name);
            let why = "a part of an official copy (文号, 签发人, 附注, 抄送 …) by its form";
            explanations.push(Explanation { span: line.span(), kind, why });
            continue;
        }
        match role {
            Role::Furniture(reason) if noise => b.removed_block(reason, line.span()),
            Role::Furniture(_) => b.blocks.push(Block::Paragraph(whole())),
            Role::Title => {
                let whole = whole();
                let span = whole.span;
                match b.blocks.last_mut() {
                    Some(Block::Title(t)) => {
                        t.span = t.span.join(span);
                        t.lines.push(whole);
                    }
                    _ => b.blocks.push(Block::Title(Title { lines: vec![whole], span })),
                }
            }
            Role::Attachment => {
                let whole = whole();
                let span = whole.span;
                let continues = !front::is_attachment_start(v);
                match b.blocks.last_mut() {
                    Some(Block::Attachment(a)) if continues => {
                        a.span = a.span.join(span);
                        a.lines.push(whole);
                    }
                    _ => b.blocks.push(Block::Attachment(Attachment { lines: vec![whole], span })),
                }
            }
            Role::Subtitle => {
                b.meta.speaker = b.meta.speaker.take().or_else(|| front::speaker_in(v));
                b.meta.date = b.meta.date.take().or_else(|| front::date_in(v).map(str::to_string));
                b.blocks.push(Block::Subtitle(whole()));
            }
            Role::Number => b.blocks.push(Block::Number(whole())),
            Role::Salutation => b.blocks.push(Block::Salutation(whole())),
            Role::Closing => b.blocks.push(Block::Closing(whole())),
            Role::Signature => {
                b.meta.speaker = b.meta.speaker.take().or_else(|| Some(v.clone()));
                b.blocks.push(Block::Signature(Signature { content: whole(), sealed: false }));
            }
            Role::Date => {
                b.meta.date = b.meta.date.take().or_else(|| Some(v.clone()));
                b.blocks.push(Block::Date(whole()));
            }
            Role::ClosingTail(at) => {
                let cut = body_start + at;
                let (_, head) = text::trim(&source[body_start..cut]);
                let p =
                    content_with_prefix(source, line, body_start, body_start + head.len(), noise);
                b.blocks.push(Block::Paragraph(p));
                b.blocks.push(Block::Closing(text::content(source, Span::new(cut, end), noise)));
            }
            Role::Body => {
                let t = line.body();
                let found =
                    label::any(t).filter(|_| !lone[k - 1] && !articles[k - 1] && !narrative[k - 1]);
                let in_word_series = found.is_none() && word_series[k - 1].is_some();
                match found.or(word_series[k - 1]) {
                    Some(found) => {
                        let mut shape = body::shape(&found, t);
                        let clause_heading = shape == Shape::Item && clause_headings[k - 1];
                        if clause_heading {
                            shape = Shape::Standalone;
                        }
                        // "（三）……。" closing a list of "（一）……；" items is an item too,
                        // also when the paragraph goes on after it.
                        if matches!(shape, Shape::Standalone | Shape::RunIn(_))
                            && list == Some((found.family, found.number.wrapping_sub(1)))
                        {
                            shape = Shape::Item;
                        }
                        list = (shape == Shape::Item).then_some((found.family, found.number));
                        let why = body::why_heading(shape, is_quoted).map(|why| {
                            if in_word_series {
                                "a numeral and the word its siblings repeat (一抓, 二抓 …)"
                            } else if clause_heading {
                                "a numbered sentence followed by its own text, not by the next item"
                            } else {
                                why
                            }
                        });
                        if let Some(why) = why {
                            explanations.push(Explanation {
                                span: line.span(),
                                kind: "heading",
                                why,
                            });
                        }
                        b.heading(line, &found, shape, is_quoted);
                    }
                    None => {
                        list = None;
                        b.blocks.push(Block::Paragraph(whole()));
                    }
                }
            }
        }
    }
    // The lines' visible text, a copy of the source, is let go before the repair makes
    // its records: on a text of repairs its peak.
    drop(vis);
    let mut parsed = finish(b, &article_starts);
    parsed.explanations = explanations;
    parsed
}

/// Repairs the kept text (the paragraphs starting at `articles` are a regulation's
/// articles), fills in the title and speaker from the tree, notes removed pinyin, sorts
/// findings.
fn finish(mut b: Builder<'_>, articles: &HashSet<usize>) -> Parsed {
    for block in &mut b.blocks {
        // A blank in a title, subtitle, signature or date is set on purpose: it separates
        // two phrases ("凝心聚力 真抓实干") or pads a name ("张  三").
        let spaces = matches!(
            block,
            Block::Heading(_) | Block::Paragraph(_) | Block::Salutation(_) | Block::Closing(_)
        );
        for content in block.contents_mut() {
            let article = spaces && articles.contains(&content.span.start);
            b.repair.apply(b.source, content, spaces, article);
        }
    }
    let title = b.blocks.iter().find_map(|block| match block {
        Block::Title(t) => Some(t.lines.iter().map(Content::text).collect::<String>()),
        _ => None,
    });
    if b.meta.speaker.is_none() {
        b.meta.speaker = title.as_deref().and_then(front::speaker_in);
    }
    b.meta.title = title;
    // The speaker and date were read from the text as written; they read like the tree.
    for field in [&mut b.meta.speaker, &mut b.meta.date] {
        if let Some(value) = field.as_mut() {
            *value = b.repair.simplify_text(value);
        }
    }
    let mut pinyin = b.blocks.iter().flat_map(Block::contents).flat_map(|c| &c.inlines).filter_map(
        |i| match i {
            Inline::Removed(r) if r.reason == Reason::Pinyin => Some(r),
            _ => None,
        },
    );
    if let Some(first) = pinyin.next() {
        let count = 1 + pinyin.count();
        let message = format!("removed {count} pinyin annotations such as \"{}\"", first.text);
        let hint = "the characters they annotate are kept";
        let note = Diagnostic::note(Code::Removed, first.span, message).with_hint(hint);
        b.diagnostics.push(note);
    }
    // A site name after a title is page furniture inside a line: noted like a removed line.
    let furniture = b.blocks.iter().flat_map(Block::contents).flat_map(|c| &c.inlines).filter_map(
        |i| match i {
            Inline::Removed(r) if r.reason == Reason::Breadcrumb => Some(r.span),
            _ => None,
        },
    );
    let notes: Vec<Diagnostic> = furniture
        .map(|span| {
            Diagnostic::note(Code::Removed, span, "removed breadcrumb text")
                .with_hint("convert with --keep-noise to keep it")
        })
        .collect();
    b.diagnostics.extend(notes);
    b.diagnostics.sort_by_key(|d| d.span.start);
    let mut changes = b.repair.changes;
    official::canonical_numbers(&mut b.blocks, b.source, &mut changes);
    // Changes do not overlap and none is empty: an unstable sort gives the one order, in
    // place, where a stable one took a buffer as large as the changes.
    changes.sort_unstable_by_key(|c| c.span.start);
    official::gather(&mut b.blocks);
    let document = Document { meta: b.meta, blocks: b.blocks };
    Parsed { document, diagnostics: b.diagnostics, changes, explanations: Vec::new() }
}
