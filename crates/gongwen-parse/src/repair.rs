//! Punctuation normalisation to GB/T 15834 and traditional-to-simplified conversion of kept
//! text, every edit recorded as a [`Change`].
//!
//! A content run is read as one sequence of characters (its kept text inlines in order), so
//! that quotes pair across a removed pinyin annotation and a character's neighbours are
//! known at the edges of an inline. Edits never cross an inline: each [`Change`] lies inside
//! one kept text's span, and that text is its source with the changes applied.

use std::borrow::Cow;
use std::sync::OnceLock;

use ferrous_opencc::OpenCC;
use ferrous_opencc::config::BuiltinConfig;
use gongwen_ast::{Change, ChangeKind, Content, Inline, Span, is_invisible_control};

use crate::text::{is_blank, is_han};

/// What to repair, and the record of what was repaired.
pub(crate) struct Repair {
    normalize: bool,
    simplify: bool,
    numbers: bool,
    pub(crate) changes: Vec<Change>,
}

/// The end of the kept text inline holding character `i` of a content run, given where
/// each of them ends (`ends`, in characters): edits and runs of a repair stop there. The
/// characters' places in their inline are found again while the texts are rewritten, so
/// that a character costs its `char` alone: a paragraph pasted as one 16 MB line has 16
/// million of them.
fn piece_end(ends: &[usize], i: usize) -> usize {
    ends[ends.partition_point(|&end| end <= i)]
}

/// Replaces characters `from..to` of a content run. What it is replaced with follows from its kind and the
/// repaired characters (see [`replacement`]), so an edit holds no text of its own. A text
/// with a repair every other character has an edit for every few bytes, hence 12 bytes.
#[derive(Clone, Copy)]
struct Edit {
    from: u32,
    to: u32,
    kind: ChangeKind,
    /// The text it puts in, when that is not what its kind makes of its range.
    fixed: Fixed,
}

/// Text an edit puts in whatever its range holds: the space after an article's label.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Fixed {
    /// What the edit's kind makes of its range.
    No,
    /// One ideographic space.
    Space,
    /// 条 and one ideographic space.
    LabelSpace,
}

impl Edit {
    fn new(from: usize, to: usize, kind: ChangeKind) -> Edit {
        // `apply` leaves runs of more than u32::MAX characters alone.
        Edit { from: from as u32, to: to as u32, kind, fixed: Fixed::No }
    }

    /// How many repairs, one after another, it stands for: one, but for a run of straight
    /// quotes, which is a repair each.
    fn count(self) -> u32 {
        if self.kind == ChangeKind::Quotes { self.to - self.from } else { 1 }
    }

    fn range(self) -> std::ops::Range<usize> {
        self.from as usize..self.to as usize
    }
}

/// What the reader keeps for `edit`: the repaired characters of its range, except where a
/// run of any length becomes a fixed mark (ellipsis, dash) or is removed (blanks, controls).
fn replacement(edit: Edit, now: &[char], out: &mut String) {
    match edit.fixed {
        Fixed::Space => return out.push('\u{3000}'),
        Fixed::LabelSpace => return out.push_str("条\u{3000}"),
        Fixed::No => {}
    }
    match edit.kind {
        ChangeKind::Ellipsis => out.push_str("……"),
        ChangeKind::Dash => out.push_str("——"),
        ChangeKind::Space | ChangeKind::Invisible => {}
        ChangeKind::Punctuation | ChangeKind::Quotes | ChangeKind::Simplified => {
            out.extend(&now[edit.range()]);
        }
        ChangeKind::Date => match gongwen_ast::chinese_date_at(now, edit.from as usize) {
            Some((arabic, _)) => out.push_str(&arabic),
            None => out.extend(&now[edit.range()]),
        },
        ChangeKind::Range => out.push('—'),
    }
}

/// Whether edit `e` is recorded in one change with `prev`, the edit before it in a piece
/// that ends at `piece_end`: it follows it without a gap, of the same kind.
fn joins(prev: Edit, e: Edit, piece_end: usize) -> bool {
    e.from == prev.to
        && e.kind == prev.kind
        && (prev.fixed, e.fixed) == (Fixed::No, Fixed::No)
        && (prev.to as usize) < piece_end
}

/// How many bytes the kept text of `chars` (characters of a content run, whose edits are
/// `edits`) takes once repaired, so that it is allocated once and exactly: a paragraph of
/// 16 MB is not built by doubling.
fn kept_len(chars: std::ops::Range<usize>, edits: &[Edit], now: &[char]) -> usize {
    let len =
        |range: std::ops::Range<usize>| now[range].iter().map(|c| c.len_utf8()).sum::<usize>();
    let mut total = len(chars);
    let mut scratch = String::new();
    for &edit in edits {
        // Most edits put in their repaired characters, which `now` already holds.
        if edit.fixed == Fixed::No
            && matches!(
                edit.kind,
                ChangeKind::Punctuation | ChangeKind::Quotes | ChangeKind::Simplified
            )
        {
            continue;
        }
        scratch.clear();
        replacement(edit, now, &mut scratch);
        total = total + scratch.len() - len(edit.range());
    }
    total
}

/// What a change keeps, borrowed when it is one of the usual repairs, so that a text with
/// a million of them allocates nothing for each.
fn kept(text: &str) -> Cow<'static, str> {
    const USUAL: [&str; 19] = [
        "，",
        "；",
        "：",
        "！",
        "？",
        "（",
        "）",
        "。",
        "“",
        "”",
        "‘",
        "’",
        "……",
        "——",
        "—",
        "\u{3000}",
        "条\u{3000}",
        "",
        "“”",
    ];
    match USUAL.iter().find(|&&usual| usual == text) {
        Some(&usual) => Cow::Borrowed(usual),
        None => Cow::Owned(text.to_owned()),
    }
}

/// The traditional-to-simplified converter, built once (its dictionaries are embedded).
fn converter() -> Option<&'static OpenCC> {
    static CONVERTER: OnceLock<Option<OpenCC>> = OnceLock::new();
    CONVERTER.get_or_init(|| OpenCC::from_config(BuiltinConfig::T2s).ok()).as_ref()
}

/// Chinese text for the purpose of punctuation: Han characters and CJK punctuation.
fn is_cjk(c: char) -> bool {
    is_han(c)
        || matches!(c, '\u{3001}'..='\u{303F}' | '\u{FF01}'..='\u{FF60}' | '“' | '”' | '‘' | '’'
            | '…' | '—' | '·')
}

fn cjk(c: Option<char>) -> bool {
    c.is_some_and(is_cjk)
}

fn alnum(c: Option<char>) -> bool {
    c.is_some_and(|c| c.is_ascii_alphanumeric())
}

/// Blanks inside a line: ASCII space and tab, the ideographic space, no-break space.
fn is_space(c: char) -> bool {
    matches!(c, ' ' | '\t' | '\u{3000}' | '\u{A0}')
}

const CHINESE_DIGITS: &str = "一二三四五六七八九十";

/// Whether the kept text may need repair at all; most lines of a clean text do not.
fn may_need(text: &str, simplify: bool, numbers: bool) -> bool {
    simplify
        || numbers && text.contains(['年', '-', '－', '‐', '‑'])
        || text.contains([',', ';', ':', '!', '?', '(', ')', '.', '"', '\'', '-', '…', '—'])
        || text.contains("。。。")
        || text.contains("···")
        || text.contains(is_space)
        || text.contains(is_invisible_control)
}

impl Repair {
    pub(crate) fn new(normalize: bool, simplify: bool, numbers: bool) -> Repair {
        let simplify = simplify && converter().is_some();
        Repair { normalize, simplify, numbers, changes: Vec::new() }
    }

    /// `text` in simplified characters when conversion is on, else as it is. For derived
    /// text such as the speaker's name, which is not recorded as a change.
    pub(crate) fn simplify_text(&self, text: &str) -> String {
        match converter() {
            Some(cc) if self.simplify => cc.convert(text),
            _ => text.to_string(),
        }
    }

    /// Repairs the kept text of `content` (read from `source`) in place; blanks between
    /// Chinese characters are removed only with `spaces`. An `article` (a paragraph of a
    /// series 第一条, 第二条 …) gets one ideographic space after its label.
    pub(crate) fn apply(
        &mut self,
        source: &str,
        content: &mut Content,
        spaces: bool,
        article: bool,
    ) {
        if !self.normalize && !self.simplify && !self.numbers {
            return;
        }
        let texts = || {
            content.inlines.iter().filter_map(|i| match i {
                Inline::Text(t) => Some(t),
                Inline::Removed(_) => None,
            })
        };
        if !article && !texts().any(|t| may_need(&t.text, self.simplify, self.numbers)) {
            return;
        }
        if texts().map(|t| t.text.len()).sum::<usize>() > u32::MAX as usize {
            return;
        }
        let mut ends = Vec::new();
        let mut now = Vec::with_capacity(texts().map(|t| t.text.chars().count()).sum());
        for t in texts() {
            now.extend(t.text.chars());
            ends.push(now.len());
        }
        let mut edits = Vec::new();
        if self.simplify {
            simplify(&ends, &mut now, &mut edits);
        }
        if self.normalize {
            invisible(&ends, &now, &mut edits);
            let protected = protected(&now);
            punctuation(&ends, &protected, &mut now, &mut edits);
            let article = article.then(|| article_label_end(&now)).flatten();
            if spaces {
                remove_spaces(&ends, &now, article, &mut edits);
            }
            if let Some(end) = article {
                article_space(&now, end, &mut edits);
            }
        }
        if self.numbers {
            numbers(&now, &mut edits);
        }
        if edits.is_empty() {
            return;
        }
        // Edits do not overlap and none is empty, so their starts differ: an unstable sort
        // gives the one order, and needs no buffer of half a million edits.
        edits.sort_unstable_by_key(|e| e.from);
        self.rewrite(source, content, (&ends, &now), &edits);
    }

    /// Applies `edits` to the kept texts of `content` (whose characters are now `now`) and
    /// records them. Edits of one kind that follow each other without a gap are recorded as
    /// one change counting them, so that a run of a million straight quotes costs one record.
    fn rewrite(
        &mut self,
        source: &str,
        content: &mut Content,
        (ends, now): (&[usize], &[char]),
        edits: &[Edit],
    ) {
        let mut edits = edits;
        let mut ends = ends.iter().copied();
        let mut i = 0;
        for inline in content.inlines.iter_mut() {
            let Inline::Text(t) = inline else { continue };
            let Some(piece_end) = ends.next() else { return };
            let (here, after) =
                edits.split_at(edits.partition_point(|e| (e.from as usize) < piece_end));
            edits = after;
            if here.is_empty() {
                i = piece_end;
                continue;
            }
            let start = t.span.start;
            // Room for exactly what is kept and recorded: on one paragraph of 16 MB, a
            // doubling could leave the records twice the room they take.
            let mut out = String::with_capacity(kept_len(i..piece_end, here, now));
            self.changes
                .reserve(1 + here.windows(2).filter(|w| !joins(w[0], w[1], piece_end)).count());
            let mut next = here.iter().copied().peekable();
            // The byte offset in `t.text` of character `i`, then of each after it.
            let mut at = t.text.char_indices().map(|(k, _)| k);
            while i < piece_end {
                let Some(first) = next.next_if(|e| e.from as usize == i) else {
                    out.push(now[i]);
                    at.next();
                    i += 1;
                    continue;
                };
                // What the change keeps is what it puts into the kept text.
                let kept_at = out.len();
                let (mut last, mut count) = (first, first.count());
                replacement(first, now, &mut out);
                while let Some(e) = next.next_if(|&e| joins(last, e, piece_end)) {
                    replacement(e, now, &mut out);
                    (last, count) = (e, count + e.count());
                }
                let end = last.to as usize;
                let first_at = at.next().unwrap_or_default();
                let last_at =
                    if end - 1 > i { at.nth(end - 2 - i).unwrap_or_default() } else { first_at };
                let last = start + last_at;
                let last_len = source[last..].chars().next().map_or(0, char::len_utf8);
                self.changes.push(Change {
                    kind: first.kind,
                    count,
                    span: Span::new(start + first_at, last + last_len),
                    to: kept(&out[kept_at..]),
                });
                i = end;
            }
            t.text = out;
        }
    }
}

/// The fixes of `gongwen check` for dates in Chinese numerals and hyphenated ranges, where
/// no other repair touched the characters (the matching is gongwen-ast's, shared with the
/// check).
fn numbers(now: &[char], edits: &mut Vec<Edit>) {
    let mut found = Vec::new();
    let mut i = 0;
    while i < now.len() {
        match gongwen_ast::chinese_date_at(now, i) {
            Some((_, read)) => {
                found.push(Edit::new(i, i + read, ChangeKind::Date));
                i += read;
            }
            None => i += 1,
        }
    }
    found.extend(
        gongwen_ast::hyphen_ranges(now)
            .into_iter()
            .map(|r| Edit::new(r.hyphen, r.hyphen + 1, ChangeKind::Range)),
    );
    // The other repairs' edits do not overlap: sorted by start, their ends are sorted too.
    edits.sort_unstable_by_key(|e| e.from);
    let done = edits.len();
    for edit in found {
        let next = edits[..done].partition_point(|e| e.to <= edit.from);
        if edits[..done].get(next).is_none_or(|e| e.from >= edit.to) {
            edits.push(edit);
        }
    }
}

/// Converts traditional characters to simplified ones. The whole run is converted at once,
/// so that phrases (幹事 → 干事) convert as words; only Han characters that stay single
/// Han characters are taken, which keeps the conversion one character for one.
fn simplify(ends: &[usize], now: &mut [char], edits: &mut Vec<Edit>) {
    let Some(cc) = converter() else { return };
    let text: String = now.iter().collect();
    let converted: Vec<char> = cc.convert(&text).chars().collect();
    let mapped: Vec<char> = if converted.len() == now.len() {
        converted
    } else {
        // A phrase changed length: convert character by character instead.
        now.iter()
            .map(|&c| {
                let one: Vec<char> = cc.convert(c.encode_utf8(&mut [0; 4])).chars().collect();
                if one.len() == 1 { one[0] } else { c }
            })
            .collect()
    };
    let mut i = 0;
    while i < now.len() {
        let changed =
            |now: &[char], k: usize| is_han(now[k]) && is_han(mapped[k]) && mapped[k] != now[k];
        if !changed(now, i) {
            i += 1;
            continue;
        }
        let (mut j, end) = (i, piece_end(ends, i));
        while j < end && changed(now, j) {
            now[j] = mapped[j];
            j += 1;
        }
        edits.push(Edit::new(i, j, ChangeKind::Simplified));
        i = j;
    }
}

/// Which characters belong to a URL or an e-mail address, whose punctuation is left alone:
/// a flag for each character, or none at all when no character is (most texts), read by
/// [`is_protected`].
fn protected(chars: &[char]) -> Vec<bool> {
    if !chars.iter().any(|&c| matches!(c, '@' | '/' | '.')) {
        return Vec::new();
    }
    let mut out = vec![false; chars.len()];
    let url_char = |c: char| c.is_ascii_graphic() && !matches!(c, '"' | '\'' | '<' | '>');
    let starts = |i: usize, word: &str| {
        word.chars()
            .enumerate()
            .all(|(k, w)| chars.get(i + k).is_some_and(|c| c.eq_ignore_ascii_case(&w)))
    };
    let mut i = 0;
    while i < chars.len() {
        let scheme = ["http://", "https://", "ftp://", "www."].iter().any(|w| starts(i, w));
        if !scheme {
            i += 1;
            continue;
        }
        let mut end = i;
        while end < chars.len() && url_char(chars[end]) {
            end += 1;
        }
        // Punctuation right after a URL ends the sentence, not the URL.
        while end > i && matches!(chars[end - 1], '.' | ',' | ';' | ':' | '!' | '?' | ')') {
            end -= 1;
        }
        out[i..end].iter_mut().for_each(|p| *p = true);
        i = end.max(i + 1);
    }
    let local = |c: char| c.is_ascii_alphanumeric() || matches!(c, '.' | '_' | '%' | '+' | '-');
    let domain = |c: char| c.is_ascii_alphanumeric() || matches!(c, '.' | '-');
    for at in (0..chars.len()).filter(|&k| chars[k] == '@') {
        let mut start = at;
        while start > 0 && local(chars[start - 1]) {
            start -= 1;
        }
        let mut end = at + 1;
        while end < chars.len() && domain(chars[end]) {
            end += 1;
        }
        while end > at + 1 && chars[end - 1] == '.' {
            end -= 1;
        }
        if start < at && chars[at + 1..end].contains(&'.') {
            out[start..end].iter_mut().for_each(|p| *p = true);
        }
    }
    out
}

/// The nearest non-blank character after `i`. Asked only where what follows is not yet
/// repaired, and from a non-blank character, so that each blank is passed over once.
fn next_solid(now: &[char], i: usize) -> Option<char> {
    now.get(i + 1..)?.iter().copied().find(|&c| !is_blank(c))
}

/// Whether character `i` lies in a URL or an e-mail address (see [`protected`]).
fn is_protected(protected: &[bool], i: usize) -> bool {
    protected.get(i) == Some(&true)
}

/// The end of the run of `c` starting at `i`, within one piece and outside URLs.
fn run_end(ends: &[usize], now: &[char], protected: &[bool], i: usize, c: char) -> usize {
    let (mut j, end) = (i, piece_end(ends, i));
    while j < end && now[j] == c && !is_protected(protected, j) {
        j += 1;
    }
    j
}

/// Half-width punctuation, ellipses, dashes and straight quotes.
fn punctuation(ends: &[usize], protected: &[bool], now: &mut [char], edits: &mut Vec<Edit>) {
    let n = now.len();
    // The nearest non-blank character before `i`, as the source has it: what the scan
    // repaired behind it is read before it was repaired.
    let mut last = None;
    let at = |now: &[char], k: Option<usize>| k.and_then(|k| now.get(k).copied());
    // Open ASCII parentheses: where, and whether widened.
    let mut open: Vec<(usize, bool)> = Vec::new();
    let mut i = 0;
    while i < n {
        let c = now[i];
        let before = last;
        // A run the scan steps over is of `c` alone.
        if !is_blank(c) {
            last = Some(c);
        }
        if is_protected(protected, i) {
            i += 1;
            continue;
        }
        let prev = at(now, i.checked_sub(1));
        let edit = |from: usize, to: usize, kind: ChangeKind| Edit::new(from, to, kind);
        match c {
            '.' | '。' | '·' | '…' => {
                let end = run_end(ends, now, protected, i, c);
                let next = now.get(end).copied();
                let len = end - i;
                let ellipsis = match c {
                    '.' => len >= 3 && !(alnum(prev) && alnum(next)),
                    // Middle dots: one joins a foreign name (卡尔·马克思), three are an ellipsis.
                    '。' | '·' => len >= 3,
                    _ => len == 1 && prev != Some('…') && next != Some('…'),
                };
                if ellipsis {
                    edits.push(edit(i, end, ChangeKind::Ellipsis));
                    now[i] = '…';
                } else if c == '.' && len == 1 && full_stop(now, i) {
                    edits.push(edit(i, end, ChangeKind::Punctuation));
                    now[i] = '。';
                }
                i = end;
                continue;
            }
            // A lone em dash between Chinese words is half a dash; between digits it marks a
            // range (1949—1986年) and stays.
            '—' => {
                let end = run_end(ends, now, protected, i, c);
                let next = now.get(end).copied();
                let word = |c: Option<char>| c.is_some_and(|c| c != '—' && is_cjk(c));
                if end - i == 1 && word(prev) && word(next) {
                    edits.push(edit(i, end, ChangeKind::Dash));
                }
                i = end;
                continue;
            }
            '-' => {
                let end = run_end(ends, now, protected, i, c);
                let next = now.get(end).copied();
                let chinese = (cjk(before) && !alnum(next))
                    || (cjk(next_solid(now, end - 1)) && !alnum(prev));
                if end - i >= 2 && chinese {
                    edits.push(edit(i, end, ChangeKind::Dash));
                    now[i] = '—';
                }
                i = end;
                continue;
            }
            ',' | ';' | ':' | '!' | '?' | '(' | ')' => {
                let chinese = cjk(before) || cjk(next_solid(now, i));
                let wide = |c: char| char::from_u32(c as u32 + 0xFEE0).unwrap_or(c);
                if c == '(' {
                    open.push((i, chinese));
                    i += 1;
                    continue;
                }
                // A pair is widened together when either end is in Chinese text.
                if c == ')'
                    && let Some((o, widened)) = open.pop()
                {
                    if widened || chinese {
                        edits.push(edit(o, o + 1, ChangeKind::Punctuation));
                        edits.push(edit(i, i + 1, ChangeKind::Punctuation));
                        now[o] = '（';
                        now[i] = '）';
                    }
                    i += 1;
                    continue;
                }
                if chinese {
                    let w = wide(c);
                    edits.push(edit(i, i + 1, ChangeKind::Punctuation));
                    now[i] = w;
                }
            }
            _ => {}
        }
        i += 1;
    }
    for (o, widened) in open {
        if widened {
            edits.push(Edit::new(o, o + 1, ChangeKind::Punctuation));
            now[o] = '（';
        }
    }
    // The scan neither puts in nor repairs straight quotes, and none lies in a URL, so they
    // are found again after it rather than listed: a text of quotes alone would list one
    // position for every byte.
    quotes(ends, now, |now, i| now[i] == '"', ('“', '”'), edits);
    // An apostrophe inside a Latin word (Xi'an, don't) is not a quote.
    let single = |now: &[char], i: usize| {
        now[i] == '\''
            && !(alnum(i.checked_sub(1).map(|p| now[p])) && alnum(now.get(i + 1).copied()))
    };
    quotes(ends, now, |now, i| single(now, i), ('‘', '’'), edits);
}

/// Whether the '.' at `i` ends a Chinese sentence: right after a Han character (not a
/// Chinese numeral standing alone, as in the label "一."), before a blank, Chinese or the
/// end.
fn full_stop(now: &[char], i: usize) -> bool {
    let Some(prev) = i.checked_sub(1).map(|k| now[k]) else { return false };
    let next = now.get(i + 1).copied();
    let label = CHINESE_DIGITS.contains(prev)
        && i.checked_sub(2).map(|k| now[k]).is_none_or(|c| !is_han(c));
    is_han(prev) && !label && next.is_none_or(|c| is_blank(c) || is_cjk(c) || c == '"')
}

/// Straight quotes (the characters `is_quote` takes) made opening and closing ones, by
/// position: the first opens, the second closes, and so on. An odd last quote closes when
/// it stands after text and before a blank, punctuation or the end; otherwise it opens.
/// A quote right after another in the same piece extends its edit: a run of a million
/// quotes is one edit.
fn quotes(
    ends: &[usize],
    now: &mut [char],
    is_quote: impl Fn(&[char], usize) -> bool,
    (open, close): (char, char),
    edits: &mut Vec<Edit>,
) {
    let total = (0..now.len()).filter(|&i| is_quote(now, i)).count();
    let mut k = 0;
    for i in 0..now.len() {
        if !is_quote(now, i) {
            continue;
        }
        let opening = if k + 1 == total && total % 2 == 1 {
            let prev = i.checked_sub(1).map(|p| now[p]);
            let next = now.get(i + 1).copied();
            let closes = prev.is_some_and(|c| !is_blank(c))
                && next.is_none_or(|c| is_blank(c) || !(c.is_alphanumeric()));
            !closes
        } else {
            k % 2 == 0
        };
        k += 1;
        now[i] = if opening { open } else { close };
        match edits.last_mut() {
            Some(last)
                if last.kind == ChangeKind::Quotes
                    && last.to as usize == i
                    && i < piece_end(ends, last.from as usize) =>
            {
                last.to += 1;
            }
            _ => edits.push(Edit::new(i, i + 1, ChangeKind::Quotes)),
        }
    }
}

/// Invisible controls (bidirectional overrides, zero-width characters) removed, each run
/// as one change.
fn invisible(ends: &[usize], now: &[char], edits: &mut Vec<Edit>) {
    let mut i = 0;
    while i < now.len() {
        if !is_invisible_control(now[i]) {
            i += 1;
            continue;
        }
        let (mut end, piece_end) = (i, piece_end(ends, i));
        while end < piece_end && is_invisible_control(now[end]) {
            end += 1;
        }
        edits.push(Edit::new(i, end, ChangeKind::Invisible));
        i = end;
    }
}

/// Where the label of an article that opens the text ends ("第一条", "第12条"): the
/// character after 条.
fn article_label_end(now: &[char]) -> Option<usize> {
    const MAX_DIGITS: usize = 6;
    if now.first() != Some(&'第') {
        return None;
    }
    let digits = now[1..]
        .iter()
        .take(MAX_DIGITS + 1)
        .take_while(|&&c| c.is_ascii_digit() || "〇零一二三四五六七八九十百千".contains(c))
        .count();
    ((1..=MAX_DIGITS).contains(&digits) && now.get(1 + digits) == Some(&'条')).then_some(digits + 2)
}

/// One ideographic space after an article's label, as regulations set it: kept where the
/// source has it, put in for other blanks ("第一条  为……") or none ("第一条为……").
fn article_space(now: &[char], end: usize, edits: &mut Vec<Edit>) {
    let blanks = now[end..].iter().take_while(|&&c| is_space(c)).count();
    let edit = if blanks == 0 {
        // Nothing to cut at: the space goes in with the 条 before it.
        now.get(end).is_some_and(|&c| is_han(c)).then(|| Edit {
            fixed: Fixed::LabelSpace,
            ..Edit::new(end - 1, end, ChangeKind::Space)
        })
    } else {
        (now[end..end + blanks] != ['\u{3000}']).then(|| Edit {
            fixed: Fixed::Space,
            ..Edit::new(end, end + blanks, ChangeKind::Space)
        })
    };
    edits.extend(edit);
}

/// Blanks between two Chinese characters (after the punctuation is widened) removed, but
/// for the blank after an article's label (at `keep`).
fn remove_spaces(ends: &[usize], now: &[char], keep: Option<usize>, edits: &mut Vec<Edit>) {
    let mut i = 0;
    while i < now.len() {
        if !is_space(now[i]) || keep == Some(i) {
            i += 1;
            continue;
        }
        let (mut end, piece_end) = (i, piece_end(ends, i));
        while end < piece_end && is_space(now[end]) {
            end += 1;
        }
        let prev = i.checked_sub(1).map(|k| now[k]);
        if cjk(prev) && cjk(now.get(end).copied()) {
            edits.push(Edit::new(i, end, ChangeKind::Space));
        }
        i = end;
    }
}
