//! Chinese line breaking (GB/T 15834-2011 §5.1, W3C clreq).
//!
//! Two steps, both on plain data so that every rule can be tested without fonts: where a
//! line may break ([`break_opportunities`]), and where it does break given each
//! character's width ([`break_lines`]): the last legal break that fits wins and the line
//! is stretched. Nothing overflows the margin. Between a Chinese character and a Latin
//! letter or digit beside it on a line goes the profile's script space ([`script_spaces`]).

use std::ops::Range;

/// Characters that never start a line: closing punctuation, pauses and the ellipsis.
fn no_start(c: char) -> bool {
    matches!(
        c,
        '。' | '，'
            | '、'
            | '；'
            | '：'
            | '？'
            | '！'
            | '”'
            | '’'
            | '）'
            | '》'
            | '】'
            | '〕'
            | '〉'
            | '」'
            | '』'
            | '…'
            | '⋯'
            | '％'
            | '·'
            | '.'
            | ','
            | ';'
            | ':'
            | '?'
            | '!'
            | ')'
            | ']'
            | '%'
    )
}

/// Characters that never end a line: opening punctuation.
fn no_end(c: char) -> bool {
    matches!(c, '“' | '‘' | '（' | '《' | '【' | '〔' | '〈' | '「' | '『' | '(' | '[')
}

/// Two-em marks that are one mark in two halves: —— and …….
fn doubled(c: char) -> bool {
    matches!(c, '—' | '…' | '⋯')
}

/// Part of a word or number that stays on one line: "2022", "3.14", "9:30", "ISO".
fn word(c: char) -> bool {
    c.is_ascii_graphic() || ('\u{00C0}'..='\u{024F}').contains(&c)
}

/// Full-width punctuation whose em box is half blank (clreq §3.1.6.1, GB style: the glyph
/// sits in one half): opening marks carry the blank on the left, closing and pause marks on
/// the right.
pub(crate) fn squeeze(c: char) -> Squeeze {
    match c {
        '“' | '‘' | '（' | '《' | '【' | '〔' | '〈' | '「' | '『' => Squeeze::Left,
        '。' | '，' | '、' | '；' | '：' | '？' | '！' | '”' | '’' | '）' | '》' | '】' | '〕'
        | '〉' | '」' | '』' => Squeeze::Right,
        _ => Squeeze::None,
    }
}

/// Brackets (夹注符号): quotation marks, parentheses, book-title marks and the like, the
/// half-blank marks that are not pause or stop marks (点号).
fn bracket(c: char) -> bool {
    squeeze(c) != Squeeze::None && !matches!(c, '。' | '，' | '、' | '；' | '：' | '？' | '！')
}

/// Which side of a glyph's em box is blank and may be squeezed away.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Squeeze {
    /// Not squeezable.
    None,
    /// Blank on the left: the glyph moves left as it is squeezed.
    Left,
    /// Blank on the right: the advance shrinks.
    Right,
}

/// Marks the boxes whose blank is taken away because two marks stand side by side with
/// their blanks doubled up (clreq §3.1.6.2): a bracket next to another mark, "。”" "，“"
/// "）、" "“《", is set in 1.5 em instead of 2, the brackets kept close to what they
/// enclose. Applied always, whatever the line, so it is the same wherever the pair
/// stands. A closing or pause mark followed by a closing mark gives up its right blank;
/// an opening mark after any mark gives up its left one. Only between two marks on the
/// same line: an opening mark that starts a line keeps its blank (see [`line_width`]).
/// The room freed goes to the line's justification: where lines break does not change
/// (see [`line_end`]). Pairs without a bracket ("？！") keep their boxes, as clreq asks.
pub(crate) fn adjacent(chars: &[char], items: &mut [Measure]) {
    for i in 1..chars.len().min(items.len()) {
        let (a, b) = (chars[i - 1], chars[i]);
        if !(bracket(a) || bracket(b)) {
            continue;
        }
        match (squeeze(a), squeeze(b)) {
            (Squeeze::Right, Squeeze::Right) => items[i - 1].kern = true,
            (Squeeze::Right | Squeeze::Left, Squeeze::Left) => items[i].kern = true,
            _ => {}
        }
    }
}

/// Whether `a` then `b` is a change between Chinese text and ASCII letters or digits, in
/// either order, which takes the script space (clreq §3.2.2): letters and digits on both
/// sides, as LibreOffice asks; punctuation and spaces take none. The DOCX writer counts
/// the same changes where it estimates a width.
pub fn script_change(a: char, b: char) -> bool {
    let han = |c: char| c.is_alphanumeric() && !crate::is_latin(c);
    (han(a) && b.is_ascii_alphanumeric()) || (a.is_ascii_alphanumeric() && han(b))
}

/// What each box of a run takes from its neighbours: the blanks adjacent marks give up
/// ([`adjacent`]) and the script spaces ([`script_spaces`]).
pub(crate) fn neighbours(chars: &[char], items: &mut [Measure]) {
    adjacent(chars, items);
    script_spaces(chars, items);
}

/// Marks the boxes that a change of script follows ([`script_change`]): the script space
/// goes after such a box when the next one stands on the same line.
pub(crate) fn script_spaces(chars: &[char], items: &mut [Measure]) {
    for (i, pair) in chars.windows(2).enumerate().take(items.len()) {
        items[i].spaced = script_change(pair[0], pair[1]);
    }
}

/// What a line adds to its boxes' advances: the script space at each change of script
/// inside it, and its last glyph's em box reaching `tail` past its cell (the grid's
/// negative tracking), counted so that the last box stays within the line.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub(crate) struct Spacing {
    pub tail: f32,
    /// The script space, in points.
    pub script: f32,
}

/// A closing bracket or a pause or stop mark that holds on to a Latin letter or digit
/// after it: "，2024年" "）A" "”3" never break between the two. Unicode line breaking
/// (UAX #14: no break after a closing mark before a letter or number), as LibreOffice
/// breaks; the pause marks ；：？！ break there, as they do in LibreOffice.
fn holds_latin_after(c: char) -> bool {
    squeeze(c) == Squeeze::Right && !matches!(c, '；' | '：' | '？' | '！')
}

/// For each position `i`, whether a line may break before character `i`. Position 0 is
/// never a break.
pub(crate) fn break_opportunities(chars: &[char]) -> Vec<bool> {
    let mut out = vec![false; chars.len()];
    for i in 1..chars.len() {
        let (a, b) = (chars[i - 1], chars[i]);
        out[i] = !(no_start(b)
            || no_end(a)
            || (doubled(a) && a == b)
            || (word(a) && word(b))
            || b == ' '
            || (a.is_ascii_digit() && b == '％')
            || (holds_latin_after(a) && b.is_ascii_alphanumeric()));
    }
    out
}

/// The width of one character box and what of it may be squeezed.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct Measure {
    /// Natural advance, spacing included.
    pub width: f32,
    /// Which side of a full-width mark is blank: half its width, the most it may give up.
    pub side: Squeeze,
    /// The blank is taken by adjacent-punctuation compression ([`adjacent`]), when the
    /// mark it is paired with stands on the same line.
    pub kern: bool,
    /// A mark that never starts a line, which a line may pull in at its end.
    pub closing: bool,
    /// A change of script follows: the script space comes after the box unless it ends
    /// the line ([`script_spaces`]).
    pub spaced: bool,
}

impl Measure {
    /// The box of `ch`, `width` wide. Kept to 8 bytes: a long paragraph holds one for
    /// each of its characters while it is broken.
    pub fn new(ch: char, width: f32) -> Measure {
        let closing = no_start(ch) && !word(ch);
        Measure { width, side: squeeze(ch), kern: false, closing, spaced: false }
    }

    /// The blank half of a full-width mark; 0 for the rest.
    fn blank(&self) -> f32 {
        if self.side == Squeeze::None { 0.0 } else { self.width / 2.0 }
    }
}

/// A box as it stands on a line: `first` or `last` of it. A mark never gives up the blank
/// that faces the text block's edge (its box would leave the block), nor keeps an adjacent
/// compression whose partner is on another line.
#[derive(Clone, Copy)]
struct OnLine {
    /// Taken always by adjacent compression.
    kerned: f32,
    /// What is left to squeeze when the line must be fitted.
    spare: f32,
}

fn on_line(m: &Measure, first: bool, last: bool) -> OnLine {
    let edge = (first && m.side == Squeeze::Left) || (last && m.side == Squeeze::Right);
    if edge {
        return OnLine { kerned: 0.0, spare: 0.0 };
    }
    let kerned = if m.kern { m.blank() } else { 0.0 };
    OnLine { kerned, spare: m.blank() - kerned }
}

/// The script spaces inside a line of `items`: none after its last box.
fn script_room(items: &[Measure], script: f32) -> f32 {
    let inner = items.len().saturating_sub(1);
    items[..inner].iter().filter(|m| m.spaced).count() as f32 * script
}

/// The set width of a line of `items`, adjacent compression and script spaces taken, and
/// its last box's tail: what must fit the line.
fn line_width(items: &[Measure], spacing: Spacing) -> f32 {
    let n = items.len();
    let advances: f32 = items
        .iter()
        .enumerate()
        .map(|(i, m)| m.width - on_line(m, i == 0, i + 1 == n).kerned)
        .sum();
    advances + script_room(items, spacing.script) + spacing.tail
}

/// What a line of `items` can give up when it must be squeezed to fit.
fn line_spare(items: &[Measure]) -> f32 {
    let n = items.len();
    items.iter().enumerate().map(|(i, m)| on_line(m, i == 0, i + 1 == n).spare).sum()
}

/// Breaks a paragraph into lines: `first` is the first line's width, `rest` the width of
/// the others; `spacing` what each line adds to its boxes. Returns each line's range of
/// characters.
pub(crate) fn break_lines(
    items: &[Measure],
    breaks: &[bool],
    (first, rest): (f32, f32),
    spacing: Spacing,
) -> Vec<Range<usize>> {
    let mut lines = Vec::new();
    let mut start = 0;
    while start < items.len() {
        let avail = if lines.is_empty() { first } else { rest };
        let end = line_end(items, breaks, start, avail, spacing);
        lines.push(start..end);
        start = end;
    }
    lines
}

/// The most closing marks pulled in at a line's end: "。”" and "。”）" need no more.
const PULL_IN_MAX: usize = 3;

/// The most characters a push-out takes down with the closing marks before the line's
/// punctuation is squeezed to pull the marks in instead: one, as Word and LibreOffice do
/// (the DOCX asks them not to compress), so that both break the same lines alike. The
/// marks themselves do not count: "质”。" takes one character down.
const PUSH_OUT_MAX: usize = 1;

/// Where the line starting at `start` ends: at the last legal break that fits, the line
/// then stretched. Boxes count at full width here: adjacent compression ([`adjacent`])
/// frees room on the line it is set in but never lets a 29th character in, so the grid
/// of 28 characters holds and lines break where Word and LibreOffice break them.
///
/// When the 禁则 forbid that break because closing marks (。，、；：？！”）》 …) would
/// start the next line, the character before them goes down with them (clreq's
/// push-out) and the line is stretched (clreq §3.4.3). Where that would take more than
/// [`PUSH_OUT_MAX`] characters down (a number, a Latin word, a ……) or no break is left,
/// the marks are pulled in instead if the line's other marks can give up the room, never
/// more than each one's blank half (clreq §3.1.6.3, GB/T 15834 §5.1.10; [`fit`] spreads
/// it evenly). Marks at the line's edges keep their blanks, so no box leaves the text
/// block. A single unbreakable run longer than the line is cut at the last character
/// that fits, so that nothing overflows. A script space counts once the character after
/// it is on the line.
fn line_end(
    items: &[Measure],
    breaks: &[bool],
    start: usize,
    avail: f32,
    spacing: Spacing,
) -> usize {
    const EPS: f32 = 0.01;
    let legal = |i: usize| i == items.len() || breaks[i];
    let mut width = 0.0;
    let mut natural = None;
    let mut fits = start;
    for (i, m) in items.iter().enumerate().skip(start) {
        if i > start && items[i - 1].spaced {
            width += spacing.script;
        }
        width += m.width;
        if width + spacing.tail > avail + EPS {
            break;
        }
        fits = i + 1;
        if legal(i + 1) {
            natural = Some(i + 1);
        }
    }
    let mark = |i: &usize| items[*i].closing && items[*i].side != Squeeze::None;
    let pushed = natural.map_or(usize::MAX, |end| (end..fits).filter(|i| !mark(i)).count());
    if fits > start && fits < items.len() && pushed > PUSH_OUT_MAX {
        let closing = |i: &usize| items[*i].closing;
        let next =
            (fits..items.len()).take(PULL_IN_MAX).take_while(closing).find(|&i| legal(i + 1));
        if let Some(last) = next {
            let line = &items[start..=last];
            if line_width(line, spacing) - line_spare(line) <= avail + EPS {
                return last + 1;
            }
        }
    }
    natural.unwrap_or(fits.max(start + 1))
}

/// A paragraph's last line of one character (孤字) takes the character before it along,
/// when the break allows and the line above keeps most of its length.
pub(crate) fn no_lone_last_character(lines: &mut [Range<usize>], breaks: &[bool]) {
    let n = lines.len();
    if n < 2 || lines[n - 1].len() != 1 || lines[n - 2].len() < 4 {
        return;
    }
    let at = lines[n - 1].start - 1;
    if breaks[at] {
        lines[n - 2].end = at;
        lines[n - 1].start = at;
    }
}

/// How a line's boxes are set: each box's squeeze, and the gap added after every box but
/// the last (besides the script spaces, which the gap does not widen).
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Fit {
    /// Per box, the blank it gives up: adjacent compression, and its even share when the
    /// line is squeezed to fit.
    pub squeezed: Vec<f32>,
    /// Extra space after each box but the last (0 unless stretched).
    pub gap: f32,
    /// The set width of the line: its boxes' advances, squeezes, script spaces and gaps.
    pub width: f32,
    /// Where the last glyph's em box ends: `width` and its tail.
    pub reach: f32,
}

/// Sets a line's boxes: adjacent marks compressed; an overfull line squeezed by the same
/// share of every mark's spare blank (so "（一）" and "（三）" on one line give up alike),
/// never more than the blank; when `stretch`, an underfull one spread so that its last
/// box, reaching the tail past its cell, ends at `avail`. The script spaces are set as
/// they are, never squeezed or stretched.
pub(crate) fn fit(items: &[Measure], avail: f32, stretch: bool, spacing: Spacing) -> Fit {
    let n = items.len();
    let placed: Vec<OnLine> =
        items.iter().enumerate().map(|(i, m)| on_line(m, i == 0, i + 1 == n)).collect();
    let mut squeezed: Vec<f32> = placed.iter().map(|p| p.kerned).collect();
    let tail = if items.is_empty() { 0.0 } else { spacing.tail };
    let natural = line_width(items, Spacing { tail, ..spacing }) - tail;
    let spare: f32 = placed.iter().map(|p| p.spare).sum();
    if natural + tail > avail && spare > 0.0 {
        let ratio = ((natural + tail - avail) / spare).min(1.0);
        for (s, p) in squeezed.iter_mut().zip(&placed) {
            *s += p.spare * ratio;
        }
        let width = natural - spare * ratio;
        return Fit { squeezed, gap: 0.0, width, reach: width + tail };
    }
    if stretch && natural + tail < avail && n > 1 {
        let gap = (avail - natural - tail) / (n - 1) as f32;
        return Fit { squeezed, gap, width: avail - tail, reach: avail };
    }
    Fit { squeezed, gap: 0.0, width: natural, reach: natural + tail }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// One-em boxes for `text` (half-width ASCII counts half), adjacent marks marked, as
    /// the layout measures them.
    fn measures(text: &str) -> (Vec<char>, Vec<Measure>) {
        let chars: Vec<char> = text.chars().collect();
        let mut items: Vec<Measure> = chars
            .iter()
            .map(|&c| {
                let width = if word(c) || c == ' ' { 0.5 } else { 1.0 };
                Measure::new(c, width)
            })
            .collect();
        adjacent(&chars, &mut items);
        (chars, items)
    }

    /// Breaks `text` into lines `avail` ems wide, as the layout does.
    fn lines_in(text: &str, avail: f32) -> Vec<String> {
        let (chars, items) = measures(text);
        let breaks = break_opportunities(&chars);
        break_lines(&items, &breaks, (avail, avail), Spacing::default())
            .into_iter()
            .map(|r| chars[r].iter().collect())
            .collect()
    }

    /// Breaks `text` into lines of `n` one-em characters.
    fn lines(text: &str, n: usize) -> Vec<String> {
        lines_in(text, n as f32)
    }

    /// How `text` is set as one line `avail` ems wide, not stretched.
    fn set(text: &str, avail: f32) -> Fit {
        let (chars, items) = measures(text);
        let mut line = items;
        // `fit` sees one line: the marks are paired within it, as `set_line` does.
        line.iter_mut().for_each(|m| m.kern = false);
        adjacent(&chars, &mut line);
        fit(&line, avail, false, Spacing::default())
    }

    fn starts_and_ends_ok(lines: &[String]) {
        for (i, l) in lines.iter().enumerate() {
            let first = l.chars().next().unwrap();
            let last = l.chars().last().unwrap();
            if i > 0 {
                assert!(!no_start(first), "line {i} starts with {first}: {lines:?}");
            }
            if i + 1 < lines.len() {
                assert!(!no_end(last), "line {i} ends with {last}: {lines:?}");
            }
        }
    }

    #[test]
    fn plain_chinese_fills_lines() {
        assert_eq!(lines("一二三四五六七八九十", 4), ["一二三四", "五六七八", "九十"]);
    }

    #[test]
    fn closing_marks_never_start_a_line() {
        for mark in ['。', '，', '、', '；', '：', '？', '！', '”', '’', '）', '》', '】']
        {
            // The mark would start line 2: the character before it goes down with it.
            let text = format!("一，二三{mark}四五六");
            let got = lines(&text, 4);
            starts_and_ends_ok(&got);
            assert_eq!(got[0], "一，二", "{mark}: {got:?}");
        }
    }

    #[test]
    fn two_closing_marks_pull_a_character_down() {
        let got = lines("一二三四。”五六", 4);
        starts_and_ends_ok(&got);
        assert_eq!(got, ["一二三", "四。”五", "六"]);
        // The ” fits and the 。 does not: 质 goes down with both, as in LibreOffice, rather
        // than the line's marks squeezed to pull the 。 in.
        let got = lines("一，“气质”。五六", 6);
        assert_eq!(got, ["一，“气", "质”。五六"]);
    }

    #[test]
    fn a_closing_mark_holds_a_latin_letter_or_digit_after_it() {
        // LibreOffice does not break "，20"; the 20 cannot follow on the line, so the 三
        // goes down with the comma.
        assert_eq!(lines("一二三，20年", 4), ["一二", "三，20年"]);
        for mark in ['。', '、', '）', '”', '》', '」'] {
            let chars: Vec<char> = format!("一{mark}2{mark}a").chars().collect();
            assert_eq!(break_opportunities(&chars), [false; 5], "{mark}");
        }
        // After ；：？！ and before Chinese text the break stays.
        for text in ["一；2", "一：2", "一？a", "一！2", "一，二"] {
            let chars: Vec<char> = text.chars().collect();
            assert!(break_opportunities(&chars)[2], "{text}");
        }
    }

    #[test]
    fn punctuation_is_not_squeezed_where_no_rule_asks() {
        // The line breaks at a legal place: its comma keeps its full box.
        assert_eq!(lines("一，三四五六", 4), ["一，三四", "五六"]);
        assert_eq!(set("一，三四", 4.0).squeezed, [0.0; 4]);
        // A closing mark would start line 2, and the line's one other mark cannot give up
        // the whole em: pushed out, not squeezed past the blank.
        assert_eq!(lines("一，三四。六", 4), ["一，三", "四。六"]);
    }

    #[test]
    fn a_closing_mark_takes_one_character_down_rather_than_squeeze() {
        // The commas could make room for 。, but one character going down is enough.
        assert_eq!(lines("一，二，三四。五六", 6), ["一，二，三", "四。五六"]);
    }

    #[test]
    fn a_closing_mark_is_pulled_in_when_more_would_go_down_and_the_marks_make_room() {
        // 。 would start line 2 and take "45" down with it; the two commas give up half
        // an em each instead.
        let got = lines("一，二，三45。五六", 6);
        assert_eq!(got, ["一，二，三45。", "五六"]);
        let f = set(&got[0], 6.0);
        assert_eq!(f.squeezed, [0.0, 0.5, 0.0, 0.5, 0.0, 0.0, 0.0, 0.0]);
        assert!((f.reach - 6.0).abs() < 1e-6, "{f:?}");
        // Two closing marks together come in as well, "。”" set in 1.5 em: three commas
        // make that room, two do not.
        let got = lines("一，二，三，45。”五六", 7);
        assert_eq!(got[0], "一，二，三，45。”", "{got:?}");
        let got = lines("一，二，三45。”五六", 6);
        assert_eq!(got, ["一，二，三", "45。”五六"]);
        // 。 after a …… (which is not split) would take three characters down with it.
        let got = lines("一，二，三……。五", 7);
        assert_eq!(got[0], "一，二，三……。", "{got:?}");
    }

    #[test]
    fn squeezing_to_fit_is_even_and_spares_the_line_edges() {
        // Four inner marks share the half em the pulled-in 。 needs alike; the opening mark
        // that starts the line and the 。 that ends it keep their blanks.
        let text = "（一，二，三，四，五六。";
        let f = fit(&measures(text).1, 10.5, true, Spacing::default());
        let marks: Vec<f32> = [2, 4, 6, 8].iter().map(|&i| f.squeezed[i]).collect();
        assert!(marks.iter().all(|&s| (s - 0.375).abs() < 1e-6), "{f:?}");
        assert_eq!((f.squeezed[0], f.squeezed[11]), (0.0, 0.0));
        // Never more than the blank: an overfull line with too few marks stays overfull.
        let f = fit(&measures("一，二三").1, 3.0, true, Spacing::default());
        assert_eq!(f.squeezed, [0.0, 0.5, 0.0, 0.0]);
    }

    #[test]
    fn adjacent_marks_are_set_in_one_and_a_half_em() {
        // clreq §3.1.6.2: a bracket beside another mark.
        for pair in ["。”", "”，", "，“", "）、", "“《", "：“", "》）", "）（", "。”）"]
        {
            let f = set(&format!("一{pair}二"), 100.0);
            let marks = pair.chars().count() as f32;
            let want = 2.0 + marks - (marks - 1.0) * 0.5;
            assert!((f.width - want).abs() < 1e-6, "{pair}: {f:?}");
        }
        // No bracket, or no doubled blank between the two: full boxes.
        for pair in ["？！", "。，", "（）", "“”"] {
            let f = set(&format!("一{pair}二"), 100.0);
            assert!((f.width - 4.0).abs() < 1e-6, "{pair}: {f:?}");
        }
        // The closing-and-pause pair gives up the first's right blank, the glyphs keep
        // close to what they enclose; an opening mark its left blank.
        assert_eq!(set("一。”二", 100.0).squeezed, [0.0, 0.5, 0.0, 0.0]);
        assert_eq!(set("一，“二", 100.0).squeezed, [0.0, 0.0, 0.5, 0.0]);
    }

    #[test]
    fn adjacent_compression_leaves_the_breaks_and_goes_to_justification() {
        // "。”" takes 1.5 em, but 4.5 ems still hold four characters, not five: the half
        // em freed is spread over the line's gaps.
        let got = lines_in("一。”二三四五", 4.5);
        assert_eq!(got, ["一。”二", "三四五"]);
        let (chars, mut items) = measures(&got[0]);
        adjacent(&chars, &mut items);
        let f = fit(&items, 4.5, true, Spacing::default());
        assert_eq!(f.squeezed, [0.0, 0.5, 0.0, 0.0]);
        assert!((f.gap - 1.0 / 3.0).abs() < 1e-6 && (f.reach - 4.5).abs() < 1e-6, "{f:?}");
        // An opening mark that starts a line keeps its left blank (its box would leave the
        // block), though it follows a comma in the text.
        let got = lines("一二三，“四五”", 4);
        assert_eq!(got, ["一二三，", "“四五”"]);
        assert_eq!(set(&got[1], 4.0).squeezed, [0.0; 4]);
    }

    #[test]
    fn opening_marks_never_end_a_line() {
        for mark in ['“', '‘', '（', '《', '【'] {
            let text = format!("一二三{mark}四五六七");
            let got = lines(&text, 4);
            starts_and_ends_ok(&got);
            assert_eq!(got[1].chars().next(), Some(mark), "{got:?}");
        }
    }

    #[test]
    fn dashes_and_ellipses_are_not_split() {
        let got = lines("一二三——四五六七", 4);
        assert_eq!(got, ["一二三", "——四五", "六七"]);
        let got = lines("一二三……四五六七", 4);
        // …… never starts a line either, so it is squeezed or the character before moves.
        starts_and_ends_ok(&got);
        assert!(got.iter().all(|l| !l.starts_with('…')), "{got:?}");
        assert!(got.iter().any(|l| l.contains("……")), "{got:?}");
    }

    #[test]
    fn numbers_and_years_are_never_broken() {
        let got = lines("一二三2022年四五", 4);
        assert!(got.iter().any(|l| l.contains("2022")), "{got:?}");
        let got = lines("一二三3.14五六", 4);
        assert!(got.iter().any(|l| l.contains("3.14")), "{got:?}");
        let got = lines("会议9:30开始", 4);
        assert!(got.iter().any(|l| l.contains("9:30")), "{got:?}");
    }

    #[test]
    fn an_unbreakable_run_longer_than_a_line_is_cut_not_overflowed() {
        let got = lines("http://example.invalid/very/long/path", 4);
        assert!(got.len() > 1);
        assert!(got.iter().all(|l| l.chars().count() <= 8), "{got:?}");
    }

    #[test]
    fn a_last_line_of_one_character_takes_one_more() {
        let chars: Vec<char> = "一二三四五六七八九".chars().collect();
        let breaks = break_opportunities(&chars);
        let mut ranges = vec![0..4, 4..8, 8..9];
        no_lone_last_character(&mut ranges, &breaks);
        assert_eq!(ranges, [0..4, 4..7, 7..9]);
        // Not when the break before the last two is illegal: “ may not end a line.
        let chars: Vec<char> = "一二三四五六“七八".chars().collect();
        let breaks = break_opportunities(&chars);
        let mut ranges = vec![0..4, 4..8, 8..9];
        no_lone_last_character(&mut ranges, &breaks);
        assert_eq!(ranges, [0..4, 4..8, 8..9]);
    }

    #[test]
    fn squeeze_and_stretch_hit_the_width() {
        let (han, comma) = (Measure::new('一', 1.0), Measure::new('，', 1.0));
        let items = [han, comma, han];
        let f = fit(&items, 2.6, true, Spacing::default());
        assert!((f.width - 2.6).abs() < 1e-6 && (f.squeezed[1] - 0.4).abs() < 1e-6, "{f:?}");
        let f = fit(&items, 5.0, true, Spacing::default());
        assert_eq!((f.width, f.gap), (5.0, 1.0));
        let f = fit(&items, 5.0, false, Spacing::default());
        assert_eq!((f.width, f.gap), (3.0, 0.0));
    }

    #[test]
    fn the_last_box_ends_at_the_line_end_despite_negative_tracking() {
        const TAIL: Spacing = Spacing { tail: 0.1, script: 0.0 };
        // Cells 0.9 wide whose em boxes are 1.0: a stretched line's last box ends at the
        // line's end, not 0.1 past it.
        let cell = Measure::new('一', 0.9);
        let f = fit(&[cell; 3], 3.0, true, TAIL);
        assert!((f.reach - 3.0).abs() < 1e-6 && (f.width - 2.9).abs() < 1e-6, "{f:?}");
        let chars = ['一', '，', '二'];
        let items = [cell, Measure::new('，', 0.9), cell];
        let breaks = break_opportunities(&chars);
        // 2.7 of advances fit 2.75, but the last box would reach 2.8: the line breaks
        // before it; set as one line it is squeezed until the box ends within it.
        assert_eq!(break_lines(&items, &breaks, (2.75, 2.75), TAIL), [0..2, 2..3]);
        let f = fit(&items, 2.75, false, TAIL);
        assert!((f.reach - 2.75).abs() < 1e-6 && (f.squeezed[1] - 0.05).abs() < 1e-6, "{f:?}");
        // Eight bytes a character while a long paragraph is broken.
        assert_eq!(std::mem::size_of::<Measure>(), 8);
    }

    #[test]
    fn a_script_space_counts_only_between_two_boxes_of_one_line() {
        // 一二三4五六: changes after 三 and after 4. With a quarter em at each, "一二三4"
        // (3.5 em + 0.25) fits 3.75 ems, and "一二三4五" (4.5 + 0.5) does not fit 4.75: the
        // space before the line's end does not count.
        let spaced = |text: &str| {
            let (chars, mut items) = measures(text);
            script_spaces(&chars, &mut items);
            (chars, items)
        };
        let (chars, items) = spaced("一二三4五六");
        let flags: Vec<bool> = items.iter().map(|m| m.spaced).collect();
        assert_eq!(flags, [false, false, true, true, false, false]);
        let quarter = Spacing { tail: 0.0, script: 0.25 };
        let breaks = break_opportunities(&chars);
        assert_eq!(break_lines(&items, &breaks, (3.75, 3.75), quarter), [0..4, 4..6]);
        assert_eq!(break_lines(&items, &breaks, (4.75, 4.75), quarter), [0..4, 4..6]);
        assert_eq!(break_lines(&items, &breaks, (5.0, 5.0), quarter), [0..5, 5..6]);
        // Stretched, the gap is spread over the boxes and the spaces stay a quarter em.
        let f = fit(&items, 7.0, true, quarter);
        assert!((f.gap - (7.0 - 5.5 - 0.5) / 5.0).abs() < 1e-6, "{f:?}");
        // Punctuation and spaces take none.
        let (_, items) = spaced("一，2 三(4)");
        assert!(items.iter().all(|m| !m.spaced));
    }

    #[test]
    fn breaking_is_linear_on_pathological_input() {
        // One 200 000-character line with no break opportunity at all.
        let text = "a".repeat(200_000);
        let got = lines(&text, 28);
        assert_eq!(got.len(), 200_000 / 56 + 1);
    }
}
