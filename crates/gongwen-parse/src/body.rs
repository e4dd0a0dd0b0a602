//! Body lines that start with an ordinal: whether they are headings, where a run-in
//! heading's sentence ends, and what their numbering says.

use std::collections::HashMap;

use gongwen_ast::{Code, Diagnostic, Label, LabelFamily, PartWord, SpeechWord};

use crate::label::{self, Found};
use crate::text::{first_sentence_end, is_blank, is_sentence_punct, visible_len};

/// How a numbered line reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Shape {
    /// The whole line is the heading.
    Standalone,
    /// The heading is the first sentence, ending at this byte offset of the line's text.
    RunIn(usize),
    /// The heading ends at this byte offset, where a run of blanks sets off its body
    /// ("一、总体要求   今年以来……"): a heading, then a paragraph.
    Split(usize),
    /// The heading ends at this byte offset, where a sentence starts with no punctuation
    /// before it ("一、永葆忠诚之心讲政治我将深刻领悟……", text that lost its line breaks): a
    /// heading, then a paragraph.
    Glued(usize),
    /// A numbered item of a list ("（一）加强组织领导；"): not a heading, and the next
    /// number of its family is an item too.
    Item,
    /// A numbered paragraph too long to be a heading.
    Paragraph,
}

/// Longest standalone heading, in characters.
const MAX_HEADING: usize = 60;
/// Longest first sentence taken as a run-in heading after a 1. or （1） label; the
/// ordinals of the upper levels and of speech open a section whatever its length.
const MAX_RUN_IN: usize = 50;
/// Longest first sentence taken as a run-in heading after 一、 （一） 一是 第一，.
const MAX_RUN_IN_UPPER: usize = 80;

/// How the line `t`, which starts with the label `found`, reads.
pub(crate) fn shape(found: &Found, t: &str) -> Shape {
    let rest = &t[found.text_start..];
    if let LabelFamily::Part(_) = found.family {
        // A part heading stands alone: "第一部分 过去一年工作回顾", not "第一章规定了……。".
        let phrase = !rest.contains(|c| is_sentence_punct(c) || matches!(c, '，' | ','));
        return if phrase && visible_len(rest) <= 30 {
            Shape::Standalone
        } else {
            Shape::Paragraph
        };
    }
    if let Some(at) = spaced_body(rest) {
        return Shape::Split(found.text_start + at);
    }
    if let Some(at) = glued_body(rest) {
        return Shape::Glued(found.text_start + at);
    }
    // "首先，我代表县委……表示热烈欢迎！其次，感谢……！": courtesies, not headings.
    let series = matches!(found.family, LabelFamily::Speech(SpeechWord::Qi | SpeechWord::Sequence));
    if series && first_sentence_end(rest).is_some_and(|end| rest[..end].ends_with(['！', '!'])) {
        return Shape::Paragraph;
    }
    match first_sentence_end(rest) {
        None => {
            let n = visible_len(rest);
            if rest.ends_with(['；', ';', '，', ',', '、']) {
                Shape::Item
            } else if rest.ends_with(['：', ':']) {
                if n <= 30 { Shape::Standalone } else { Shape::Paragraph }
            } else if n <= MAX_HEADING {
                Shape::Standalone
            } else {
                Shape::Paragraph
            }
        }
        Some(end) if rest[end..].trim_start_matches(is_blank).is_empty() => {
            // One numbered sentence: a heading when short, a list item otherwise.
            // Numbered items of the lower levels are list items unless short and phrase-like.
            let sentence = &rest[..end];
            let item = matches!(found.family, LabelFamily::Arabic | LabelFamily::ParenArabic);
            let max = if item { 20 } else { 60 };
            let clause = item && sentence.contains(['，', ',']);
            if visible_len(sentence) <= max && !clause && !sentence.contains(['；', ';']) {
                Shape::Standalone
            } else if item {
                Shape::Item
            } else {
                Shape::Paragraph
            }
        }
        Some(end) => {
            let sentence = &rest[..end];
            let upper = !matches!(found.family, LabelFamily::Arabic | LabelFamily::ParenArabic);
            let max = if upper { MAX_RUN_IN_UPPER } else { MAX_RUN_IN };
            if visible_len(sentence) <= max && !sentence.contains(['；', ';']) {
                Shape::RunIn(found.text_start + end)
            } else {
                Shape::Paragraph
            }
        }
    }
}

/// Why a numbered line of this shape is a heading, or `None` when it is not one.
pub(crate) fn why_heading(shape: Shape, quoted: bool) -> Option<&'static str> {
    match shape {
        _ if quoted => None,
        Shape::Standalone => Some("a label and a phrase short enough for a heading"),
        Shape::RunIn(_) => Some("a label and a short first sentence: a run-in heading"),
        Shape::Split(_) => Some("a label and a phrase set off from its text by blanks"),
        Shape::Glued(_) => Some(
            "a label and a phrase glued to the sentence after it, which opens with 我将, 只有 …",
        ),
        Shape::Item | Shape::Paragraph => None,
    }
}

/// Where a heading's text ends when a run of blanks (two or more, or an ideographic space)
/// sets off a body of at least a sentence: the offset of that run in `rest`.
fn spaced_body(rest: &str) -> Option<usize> {
    const MAX_HEAD: usize = 40;
    const MIN_BODY: usize = 10;
    let mut chars = rest.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        if !is_blank(c) {
            continue;
        }
        let mut j = i + c.len_utf8();
        let mut wide = c == '\u{3000}';
        let mut count = 1;
        while let Some(&(k, d)) = chars.peek().filter(|&&(_, d)| is_blank(d)) {
            wide |= d == '\u{3000}';
            count += 1;
            j = k + d.len_utf8();
            chars.next();
        }
        if !(wide || count >= 2) {
            continue;
        }
        let (head, body) = (&rest[..i], &rest[j..]);
        // A head that ends its sentence is a run-in heading ("（一）要敢想。  没有……").
        let one_phrase = first_sentence_end(head).is_none() && !head.contains(['；', ';']);
        let n = visible_len(head);
        return (one_phrase && (2..=MAX_HEAD).contains(&n) && visible_len(body) >= MIN_BODY)
            .then_some(i);
    }
    None
}

/// Words that open a sentence and do not end a heading's phrase: the speaker as subject
/// (我将, 我们要), a condition (只有……才, 唯有……方), a time (当前, 近年来). Text that lost its
/// line breaks glues a run-in heading to its body with nothing between them but such a word.
pub(crate) const SENTENCE_OPENERS: [&str; 11] = [
    "我将",
    "我们要",
    "我们将",
    "我们必须",
    "只有",
    "唯有",
    "只要",
    "当前",
    "目前",
    "近年来",
    "今年以来",
];

/// Where a heading's phrase ends when a sentence follows it with no punctuation between:
/// the offset in `rest` of a [`SENTENCE_OPENERS`] word that comes right after a character
/// (not after punctuation), after a phrase of a heading's length, in the line's first
/// sentence. "我们的" is a phrase's part, not a sentence's start.
fn glued_body(rest: &str) -> Option<usize> {
    const MIN_HEAD: usize = 6;
    const MAX_HEAD: usize = 30;
    let mut count = 0;
    let mut previous = None;
    for (i, c) in rest.char_indices() {
        if is_sentence_punct(c) || count > MAX_HEAD {
            return None;
        }
        let after_word = previous.is_some_and(crate::text::is_han);
        if count >= MIN_HEAD && after_word {
            let opener = SENTENCE_OPENERS.iter().find(|w| rest[i..].starts_with(*w));
            if let Some(w) = opener
                && !rest[i + w.len()..].starts_with('的')
            {
                return Some(i);
            }
        }
        count += usize::from(!is_blank(c));
        previous = Some(c);
    }
    None
}

/// The numbering seen so far, to give each heading its level and to find gaps and repeats.
#[derive(Debug, Default)]
pub(crate) struct Numbering {
    /// The last ordinal at each canonical level (index 1 to 4).
    last: [Option<u32>; 5],
    /// The level of the last canonical heading.
    enclosing: Option<u8>,
    /// The last speech ordinal of each word since the last canonical heading.
    speech: Vec<(SpeechWord, u32)>,
    /// The part words seen (第一部分, 第一章, 第一节), outermost first: each takes a level
    /// above 一、.
    parts: Vec<PartWord>,
}

impl Numbering {
    /// The level a heading of `family` takes here.
    pub(crate) fn level(&self, family: LabelFamily) -> u8 {
        if let LabelFamily::Part(word) = family {
            let at = self.parts.iter().position(|&w| w == word).unwrap_or(self.parts.len());
            return (at + 1).min(2) as u8;
        }
        let shift = self.parts.len().min(2) as u8;
        match family.standard_level() {
            Some(level) => (level + shift).min(4),
            None => self.enclosing.map_or(1, |l| (l + 1).min(4)),
        }
    }

    /// Records the heading `label` at `level`; returns what is wrong with its number.
    pub(crate) fn record(&mut self, label: &Label, level: u8) -> Option<Diagnostic> {
        let n = label.number;
        let previous = match label.family {
            LabelFamily::Speech(word) => {
                let slot = self.speech.iter_mut().find(|(w, _)| *w == word);
                let previous = match slot {
                    Some((_, last)) => Some(std::mem::replace(last, n)),
                    None => {
                        self.speech.push((word, n));
                        None
                    }
                };
                // 首先，其次，最后， leaves out 再次 as often as not.
                if word == SpeechWord::Sequence {
                    return None;
                }
                previous
            }
            _ => {
                if let LabelFamily::Part(word) = label.family
                    && !self.parts.contains(&word)
                {
                    self.parts.push(word);
                }
                let jump = self.enclosing.filter(|&e| level > e + 1);
                let previous = self.last[usize::from(level)];
                self.last[usize::from(level)] = Some(n);
                for deeper in &mut self.last[usize::from(level) + 1..] {
                    *deeper = None;
                }
                self.enclosing = Some(level);
                self.speech.clear();
                if let Some(from) = jump {
                    return Some(level_jump(label, from, level));
                }
                previous
            }
        };
        check_number(label, previous)
    }
}

fn level_jump(label: &Label, from: u8, to: u8) -> Diagnostic {
    let missing = match from + 1 {
        2 => "（一）",
        3 => "1.",
        _ => "（1）",
    };
    Diagnostic::warning(
        Code::HeadingLevelJump,
        label.span,
        format!("heading {} (level {to}) follows a level-{from} heading", label.canonical()),
    )
    .with_hint(format!("number this heading in the {missing} family, or add the level between"))
}

fn check_number(label: &Label, previous: Option<u32>) -> Option<Diagnostic> {
    let n = label.number;
    let expected = previous.map_or(1, |p| p + 1);
    let name = label.canonical();
    if previous == Some(n) {
        let message = format!("heading {name} repeats the previous ordinal");
        let hint = "text may have been lost before this heading, or it should take the next number";
        Some(Diagnostic::warning(Code::HeadingRepeated, label.span, message).with_hint(hint))
    } else if n > expected {
        let mut want = label.clone();
        want.number = expected;
        let message = format!("heading {name} skips {}", want.canonical());
        let hint = "check whether a section was lost, or renumber the headings";
        Some(Diagnostic::warning(Code::HeadingSkipped, label.span, message).with_hint(hint))
    } else {
        None
    }
}

/// Which lines open with 其一、 or 首先， without the series around them: such a word
/// heads a paragraph only when the same section (up to the next 一、 （一） or part
/// heading) also has the series' first two (其一、 and 其二、, 首先， and 其次，).
/// "首先，我代表县委……" and "最后，我再强调一点" alone are sentences.
pub(crate) fn lone_in_series(lines: &[&str]) -> Vec<bool> {
    let series = |t: &str| {
        let found = label::speech(t)?;
        matches!(found.family, LabelFamily::Speech(SpeechWord::Qi | SpeechWord::Sequence))
            .then_some((found.family, found.number))
    };
    let mut out = vec![false; lines.len()];
    let mut start = 0;
    for end in 1..=lines.len() {
        if end < lines.len() && !is_section_boundary(lines[end]) {
            continue;
        }
        let section = start..end;
        start = end;
        // Bit n set: the section has number n of the family.
        let mut seen = [
            (LabelFamily::Speech(SpeechWord::Qi), 0u32),
            (LabelFamily::Speech(SpeechWord::Sequence), 0),
        ];
        for t in &lines[section.clone()] {
            if let Some((family, n)) = series(t) {
                seen.iter_mut()
                    .filter(|(f, _)| *f == family)
                    .for_each(|(_, bits)| *bits |= 1 << n.min(31));
            }
        }
        for (i, t) in section.clone().zip(&lines[section]) {
            if let Some((family, _)) = series(t) {
                out[i] = seen.iter().any(|&(f, bits)| f == family && bits & 0b110 != 0b110);
            }
        }
    }
    out
}

/// The lines that open a series of one repeated word ("一抓……", "二抓……", "三抓……"), with
/// their labels. A numeral and a word start many sentences ("一个……", "三年来……"); a
/// series is what tells the ordinal: at least [`MIN_WORD_SERIES`] lines of one section (up
/// to the next 一、 （一） or part heading) that begin with the same word after the numbers
/// 一, 二, 三 … in order, with no other member of the family between them.
pub(crate) fn word_series(lines: &[&str]) -> Vec<Option<Found>> {
    let mut out = vec![None; lines.len()];
    // The open run of each word in this section: its lines and labels.
    let mut runs: HashMap<LabelFamily, Vec<(usize, Found)>> = HashMap::new();
    let close = |run: Vec<(usize, Found)>, out: &mut Vec<Option<Found>>| {
        if run.len() >= MIN_WORD_SERIES {
            run.into_iter().for_each(|(i, f)| out[i] = Some(f));
        }
    };
    for (i, t) in lines.iter().enumerate() {
        if let Some(f) = label::repeated_word(t) {
            let run = runs.entry(f.family).or_default();
            if run.last().is_some_and(|(_, last)| last.number + 1 == f.number) {
                run.push((i, f));
            } else if f.number == 1 {
                close(std::mem::replace(run, vec![(i, f)]), &mut out);
            }
        } else if is_section_boundary(t) {
            runs.drain().for_each(|(_, run)| close(run, &mut out));
        }
    }
    runs.into_values().for_each(|run| close(run, &mut out));
    out
}

/// Fewest lines that make a series of one repeated word.
const MIN_WORD_SERIES: usize = 3;

/// Whether `t` opens a section that ends a speech series: a 一、 （一） or part heading.
/// The lines of a series of speech ordinals (第一，第二， …) that tell events, not sections:
/// most members of the series open with a time ("第一，7月26日，……", "第二，2023年，……"), as a
/// list of achievements does; a heading names a task or a theme. The whole series is then
/// body text, members without a time too. A series runs from a 1 to the line before the next
/// 1 of its family, within a section (up to the next 一、 （一） or part heading).
pub(crate) fn narrative_series(lines: &[&str]) -> Vec<bool> {
    let member = |t: &str| {
        let found = label::speech(t)?;
        let timed = opens_with_time(&t[found.text_start..]);
        matches!(found.family, LabelFamily::Speech(_)).then_some((
            found.family,
            found.number,
            timed,
        ))
    };
    let members: Vec<_> = lines.iter().map(|t| member(t)).collect();
    let mut out = vec![false; lines.len()];
    // Per family: the lines of the series that runs, and how many of them open with a time.
    let mut open: Vec<(LabelFamily, Vec<usize>, usize)> = Vec::new();
    let close = |series: (LabelFamily, Vec<usize>, usize), out: &mut Vec<bool>| {
        let (_, at, timed) = series;
        if at.len() >= 2 && timed * 2 > at.len() {
            at.into_iter().for_each(|i| out[i] = true);
        }
    };
    for (i, t) in lines.iter().enumerate() {
        if is_section_boundary(t) {
            open.drain(..).for_each(|s| close(s, &mut out));
            continue;
        }
        let Some((family, number, timed)) = members[i] else { continue };
        if number == 1
            && let Some(at) = open.iter().position(|s| s.0 == family)
        {
            close(open.swap_remove(at), &mut out);
        }
        match open.iter_mut().find(|s| s.0 == family) {
            Some(series) => {
                series.1.push(i);
                series.2 += usize::from(timed);
            }
            None => open.push((family, vec![i], usize::from(timed))),
        }
    }
    open.drain(..).for_each(|s| close(s, &mut out));
    out
}

/// Whether a sentence opens with a time in Arabic digits: "7月26日", "2023年".
fn opens_with_time(t: &str) -> bool {
    let digits = t.chars().take_while(|c| c.is_ascii_digit() || ('０'..='９').contains(c));
    let n = digits.count();
    let after = t.chars().nth(n);
    n > 0 && matches!(after, Some('月' | '年'))
}

/// Longest numbered sentence of two clauses taken as a heading when its text follows it.
const MAX_CLAUSE_HEADING: usize = 30;
/// Shortest unnumbered line after it that reads as that text.
const MIN_SECTION_TEXT: usize = 30;

/// The lines numbered 1. or （1） whose shape says list item — one sentence of clauses,
/// "1. 加强理论学习，提高思想认识。" — but whose place says heading: a list runs its items one
/// after another, while a heading is followed by its own text. True where such a short line
/// is followed by an unnumbered paragraph and does not itself follow a line of its family.
pub(crate) fn clause_headings(lines: &[&str]) -> Vec<bool> {
    let found: Vec<Option<Found>> = lines.iter().map(|t| label::any(t)).collect();
    let heads = |i: usize| {
        let Some(f) = &found[i] else { return false };
        let rest = &lines[i][f.text_start..];
        let one_sentence = first_sentence_end(rest)
            .is_some_and(|end| rest[end..].trim_start_matches(is_blank).is_empty());
        let text_follows = lines
            .get(i + 1)
            .is_some_and(|t| found[i + 1].is_none() && visible_len(t) >= MIN_SECTION_TEXT);
        let after_sibling = i > 0 && found[i - 1].as_ref().is_some_and(|p| p.family == f.family);
        matches!(f.family, LabelFamily::Arabic | LabelFamily::ParenArabic)
            && shape(f, lines[i]) == Shape::Item
            && one_sentence
            && !rest.contains(['；', ';'])
            && visible_len(rest) <= MAX_CLAUSE_HEADING
            && text_follows
            && !after_sibling
    };
    (0..lines.len()).map(heads).collect()
}

fn is_section_boundary(t: &str) -> bool {
    label::any(t).is_some_and(|f| {
        matches!(f.family, LabelFamily::Chinese | LabelFamily::ParenChinese | LabelFamily::Part(_))
    })
}

/// Which lines are the articles of a regulation: lines that open with 第一条, 第二条 …
/// numbered in order, two or more (the numbering may start again at 第一条 for a second
/// regulation). "第一条规定了……" alone is a sentence.
pub(crate) fn article_series(lines: &[&str]) -> Vec<bool> {
    let numbers: Vec<Option<u32>> = lines.iter().map(|t| label::article(t)).collect();
    let mut out = vec![false; lines.len()];
    let mut last: Option<(usize, u32)> = None;
    for (i, n) in numbers.iter().enumerate() {
        let Some(n) = *n else { continue };
        if let Some((j, previous)) = last
            && previous + 1 == n
        {
            out[j] = true;
            out[i] = true;
        }
        last = Some((i, n));
    }
    out
}

/// Which lines are numbered articles rather than headings: a family whose numbers run on
/// through the headings above it ("（五）" right after a new "二、" that ended at "（四）")
/// numbers the articles of a 规定 or the items of a list, not sections. Numbering that runs
/// on twice, or once up to ten or more, is such a count — unless every heading above holds
/// just one of them ("一、 （一） 二、 （二）…": numbered in step with its parents, a series of
/// headings, not a count). 一、 numbering that runs on through a chapter (第二章) once is
/// already a regulation's articles: chapters hold articles, and sections under a chapter
/// start again at 一、.
pub(crate) fn running_articles(lines: &[&str]) -> Vec<bool> {
    const FAMILIES: [LabelFamily; 3] =
        [LabelFamily::Chinese, LabelFamily::ParenChinese, LabelFamily::Arabic];
    const LONG_COUNT: u32 = 10;
    let level = |f: LabelFamily| match f {
        LabelFamily::Part(_) => Some(0),
        other => other.standard_level(),
    };
    let chapter = |f: LabelFamily| matches!(f, LabelFamily::Part(PartWord::Zhang | PartWord::Jie));
    let found: Vec<Option<Found>> = lines.iter().map(|t| label::any(t)).collect();
    let mut out = vec![false; lines.len()];
    for family in FAMILIES {
        let Some(own) = level(family) else { continue };
        // Per run of the family (it restarts at 1): its lines, continuations, top number.
        let mut run: Vec<usize> = Vec::new();
        let (mut last, mut parent_since, mut continued, mut top) = (0, false, 0, 0);
        // Members since the last parent heading, and whether any parent held two or more.
        let (mut under, mut several) = (0u32, false);
        // 一、 is counted through chapters; the other families through any upper level.
        let top_level = family == LabelFamily::Chinese;
        let is_parent = |f: LabelFamily| {
            if top_level { chapter(f) } else { level(f).is_some_and(|l| l < own) }
        };
        let mut close = |run: &mut Vec<usize>, continued: u32, top: u32, several: bool| {
            let count = continued >= 2 || (continued >= 1 && (top >= LONG_COUNT || top_level));
            if several && count {
                run.iter().for_each(|&i| out[i] = true);
            }
            run.clear();
        };
        for (i, f) in found.iter().enumerate() {
            let Some(f) = f else { continue };
            if f.family == family {
                if f.number == 1 || f.number != last + 1 {
                    close(&mut run, continued, top, several);
                    (continued, under, several) = (0, 0, false);
                } else if parent_since {
                    continued += 1;
                    under = 0;
                }
                run.push(i);
                under += 1;
                several |= under >= 2;
                last = f.number;
                top = top.max(f.number);
                parent_since = false;
            } else if is_parent(f.family) {
                parent_since = true;
            }
        }
        close(&mut run, continued, top, several);
    }
    out
}

/// Which lines stand inside a quotation that runs over several lines (a quoted rule or
/// article list): such lines are never headings. A quotation opens on a line that starts
/// with an opening quote and does not close it; it ends on the next line that closes one,
/// if that comes within a few lines (web copies often lose closing quotes).
pub(crate) fn quoted(lines: &[&str]) -> Vec<bool> {
    const MAX_LINES: usize = 30;
    let balance = |t: &str| {
        let open = t.matches(['“', '「']).count() as isize;
        let close = t.matches(['”', '」']).count() as isize;
        open - close
    };
    // closes[i]: the line has more closing than opening quotes.
    let closes: Vec<bool> = lines.iter().map(|t| balance(t) < 0).collect();
    let mut next_close = vec![usize::MAX; lines.len() + 1];
    for i in (0..lines.len()).rev() {
        next_close[i] = if closes[i] { i } else { next_close[i + 1] };
    }
    let mut out = vec![false; lines.len()];
    let mut i = 0;
    while i < lines.len() {
        let t = lines[i];
        if t.starts_with(['“', '「']) && balance(t) > 0 {
            let end = next_close[i + 1];
            if end != usize::MAX && end - i <= MAX_LINES {
                out[i..=end].iter_mut().for_each(|q| *q = true);
                i = end + 1;
                continue;
            }
        }
        i += 1;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::label::any;

    fn shape_of(t: &str) -> Shape {
        let f = any(t).expect("a label");
        shape(&f, t)
    }

    #[test]
    fn shapes() {
        assert_eq!(shape_of("一、要有“马上就办、真抓实干的紧迫感"), Shape::Standalone);
        let t = "（一）要敢想。没有想法就没有办法。";
        assert_eq!(shape_of(t), Shape::RunIn("（一）要敢想。".len()));
        assert_eq!(shape_of("1.各单位要高度重视，认真组织实施，确保工作取得实效。"), Shape::Item);
        assert_eq!(shape_of("一是加强组织领导；"), Shape::Item);
        assert_eq!(shape_of("一是加强领导；二是强化保障。下一步"), Shape::Paragraph);
        assert_eq!(shape_of("（一）全力以赴抓项目。"), Shape::Standalone);
        let t = "一、总体要求　　今年以来，全县上下攻坚克难。";
        assert_eq!(shape_of(t), Shape::Split("一、总体要求".len()));
        assert_eq!(shape_of("一、坚持  党的领导"), Shape::Standalone);
        assert_eq!(shape_of("第一部分　过去一年工作回顾"), Shape::Standalone);
        let t = "一、永葆忠诚之心讲政治我将深刻领悟，坚决做到。";
        assert_eq!(shape_of(t), Shape::Glued("一、永葆忠诚之心讲政治".len()));
        let t = "一、坚持问题导向，只有正视问题才能解决问题。当前，……";
        assert_eq!(shape_of(t), Shape::RunIn("一、坚持问题导向，只有正视问题才能解决问题。".len()));
        assert_eq!(shape_of("一、全面加强我们的队伍建设"), Shape::Standalone);
        assert_eq!(shape_of("第一章 规定了适用范围和基本原则。"), Shape::Paragraph);
    }

    #[test]
    fn series_of_a_repeated_word() {
        let lines =
            ["一抓组织，落实责任。", "正文。", "二抓学习，锤炼能力。", "三抓基层，强化作用。"];
        let found: Vec<_> = word_series(&lines).iter().map(|f| f.map(|f| f.number)).collect();
        assert_eq!(found, [Some(1), None, Some(2), Some(3)]);
        // Two in a row, a word that changes, or numbers out of order are sentences.
        for lines in [
            &["一抓组织。", "二抓学习。"][..],
            &["一个人。", "二抓学习。", "三抓基层。"],
            &["一抓组织。", "三抓学习。", "四抓基层。"],
            &["一抓组织。", "二、总体要求", "二抓学习。", "三抓基层。"],
        ] {
            assert!(word_series(lines).iter().all(Option::is_none), "{lines:?}");
        }
    }

    #[test]
    fn quotations_span_lines() {
        let lines = ["规定：", "“一、各单位应当。", "二、违者处理。”", "三、强化落实"];
        assert_eq!(quoted(&lines), [false, true, true, false]);
        let unclosed = ["“马上就办", "一、要有紧迫感"];
        assert_eq!(quoted(&unclosed), [false, false]);
    }
}
