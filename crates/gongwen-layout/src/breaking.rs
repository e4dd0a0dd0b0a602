//! Chinese line breaking (GB/T 15834-2011 §5.1, W3C clreq).
//!
//! Two steps, both on plain data so that every rule can be tested without fonts: where a
//! line may break ([`break_opportunities`]), and where it does break given each
//! character's width ([`break_lines`]): the last legal break that fits wins and the line
//! is stretched. Nothing overflows the margin.

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

/// Full-width punctuation whose em box is half blank, so the line may squeeze it by up to
/// half its width. Opening marks carry their blank on the left.
pub(crate) fn squeeze(c: char) -> Squeeze {
    match c {
        '“' | '‘' | '（' | '《' | '【' | '〔' | '〈' | '「' | '『' => Squeeze::Left,
        '。' | '，' | '、' | '；' | '：' | '？' | '！' | '”' | '’' | '）' | '》' | '】' | '〕'
        | '〉' | '」' | '』' => Squeeze::Right,
        _ => Squeeze::None,
    }
}

/// Which side of a glyph's em box may be squeezed away.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Squeeze {
    /// Not squeezable.
    None,
    /// Blank on the left: the glyph moves left as it is squeezed.
    Left,
    /// Blank on the right: the advance shrinks.
    Right,
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
            || (a.is_ascii_digit() && b == '％'));
    }
    out
}

/// The width of one character box and how far it may be squeezed.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct Measure {
    /// Natural advance, spacing included.
    pub width: f32,
    /// The most this box may give up when a line is squeezed.
    pub shrink: f32,
}

/// Breaks a paragraph into lines: `first` is the first line's width, `rest` the width of
/// the others. Returns each line's range of characters.
pub(crate) fn break_lines(
    items: &[Measure],
    breaks: &[bool],
    first: f32,
    rest: f32,
) -> Vec<Range<usize>> {
    let mut lines = Vec::new();
    let mut start = 0;
    while start < items.len() {
        let avail = if lines.is_empty() { first } else { rest };
        let end = line_end(items, breaks, start, avail);
        lines.push(start..end);
        start = end;
    }
    lines
}

/// Where the line starting at `start` ends: at the last legal break that fits, the line
/// then stretched. A closing mark that would start the next line takes the character
/// before it down with it (clreq's "push out"), rather than squeezing the line's
/// punctuation to pull it in: so no mark hangs past the text block, lines are spaced
/// evenly, and Word and LibreOffice (told not to compress punctuation) break the same
/// lines the same way. A single unbreakable run longer than the line is cut at the last
/// character that fits, so that nothing overflows.
fn line_end(items: &[Measure], breaks: &[bool], start: usize, avail: f32) -> usize {
    const EPS: f32 = 0.01;
    let legal = |i: usize| i == items.len() || breaks[i];
    let mut width = 0.0;
    let mut natural = None;
    let mut fits = start;
    for (i, m) in items.iter().enumerate().skip(start) {
        width += m.width;
        if width > avail + EPS {
            break;
        }
        fits = i + 1;
        if legal(i + 1) {
            natural = Some(i + 1);
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
/// the last.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Fit {
    /// Per box, what it gives up (0 when the line is not squeezed).
    pub squeezed: Vec<f32>,
    /// Extra space after each box but the last (0 unless stretched).
    pub gap: f32,
    /// The set width of the line.
    pub width: f32,
}

/// Squeezes an overfull line or, when `stretch`, spreads an underfull one to `avail`.
pub(crate) fn fit(items: &[Measure], avail: f32, stretch: bool) -> Fit {
    let natural: f32 = items.iter().map(|m| m.width).sum();
    let shrinkable: f32 = items.iter().map(|m| m.shrink).sum();
    let mut squeezed = vec![0.0; items.len()];
    if natural > avail && shrinkable > 0.0 {
        let ratio = ((natural - avail) / shrinkable).min(1.0);
        for (s, m) in squeezed.iter_mut().zip(items) {
            *s = m.shrink * ratio;
        }
        let width = natural - shrinkable * ratio;
        return Fit { squeezed, gap: 0.0, width };
    }
    if stretch && natural < avail && items.len() > 1 {
        let gap = (avail - natural) / (items.len() - 1) as f32;
        return Fit { squeezed, gap, width: avail };
    }
    Fit { squeezed, gap: 0.0, width: natural }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Breaks `text` into lines of `n` one-em characters (half-width ASCII counts half),
    /// as the layout does: full-width punctuation may be squeezed by half.
    fn lines(text: &str, n: usize) -> Vec<String> {
        let chars: Vec<char> = text.chars().collect();
        let items: Vec<Measure> = chars
            .iter()
            .map(|&c| {
                let width = if word(c) || c == ' ' { 0.5 } else { 1.0 };
                let shrink = if squeeze(c) == Squeeze::None { 0.0 } else { 0.5 };
                Measure { width, shrink }
            })
            .collect();
        let breaks = break_opportunities(&chars);
        break_lines(&items, &breaks, n as f32, n as f32)
            .into_iter()
            .map(|r| chars[r].iter().collect())
            .collect()
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
    }

    #[test]
    fn punctuation_is_never_squeezed_to_fit() {
        assert_eq!(lines("一，三四五六", 4), ["一，三四", "五六"]);
        assert_eq!(lines("一，三四。六", 4), ["一，三", "四。六"]);
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
        let items = [Measure { width: 1.0, shrink: 0.0 }, Measure { width: 1.0, shrink: 0.5 }];
        let f = fit(&items, 1.6, true);
        assert!((f.width - 1.6).abs() < 1e-6 && (f.squeezed[1] - 0.4).abs() < 1e-6);
        let f = fit(&items, 3.0, true);
        assert_eq!((f.width, f.gap), (3.0, 1.0));
        let f = fit(&items, 3.0, false);
        assert_eq!((f.width, f.gap), (2.0, 0.0));
    }

    #[test]
    fn breaking_is_linear_on_pathological_input() {
        // One 200 000-character line with no break opportunity at all.
        let text = "a".repeat(200_000);
        let got = lines(&text, 28);
        assert_eq!(got.len(), 200_000 / 56 + 1);
    }
}
