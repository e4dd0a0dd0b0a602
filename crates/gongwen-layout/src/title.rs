//! Where a title line too long for the text block breaks (GB/T 9704 §7.3.1: 词意完整，
//! 排列对称，长短适宜，使用梯形或菱形).
//!
//! Both renderers call [`title_lines`], so the DOCX (explicit line breaks) and the PDF
//! break a title at the same places. Breaks fall between words only, as jieba-rs segments
//! the title with its own dictionary, and never inside a number ("2024年", "十四五"), a
//! bracketed name (《……》, （……）) or against the line-breaking rules. Among those breaks the
//! one chosen gives lines that grow from the top (a trapezoid) or swell in the middle (a
//! diamond) — never lines of equal length, never a line of a single word — and prefers the
//! title's own joints: before 关于 or 在 (after the issuer or speaker), after 的 when more
//! than the 文种 follows. Widths are estimated in ems (full-width characters one em,
//! digits and most Latin letters half, the profile's script space where digits meet
//! Chinese characters), the same estimate for both outputs, with a margin so that no
//! client's own measure wraps a line again.

use gongwen_style::{PT_PER_MM, StyleProfile};
use jieba_rs::Jieba;

use crate::breaking;

/// The share of the text block a title line may fill: Word, WPS and LibreOffice measure a
/// little wider than the estimate, and must not wrap a line again.
const FILL: f32 = 0.985;

/// jieba-rs's dictionary (349,045 words with their frequencies, from the jieba project,
/// MIT), sorted by bytes so that a word is found by binary search. jieba-rs reads its
/// embedded copy in 80–300 ms, ten to forty times what the whole PDF takes; a segmenter
/// loaded with only the dictionary words that occur in the title, plus one entry that
/// brings the total frequency to the full dictionary's, cuts exactly as the full one does
/// (a cut only weighs words found in the text against that total) and loads in
/// microseconds.
const WORDS: &str = include_str!("../data/words.txt");

/// The sum of every frequency in [`WORDS`].
const TOTAL_FREQUENCY: usize = 60_101_964;

/// The longest word in [`WORDS`], in characters.
const LONGEST_WORD: usize = 16;

/// The frequency of `word` in [`WORDS`], and whether a longer word there starts with it
/// (when none does, no longer stretch of the title is worth looking up: a title's
/// lookups fell from 16 per character to 2 or 3).
fn lookup(word: &str) -> (Option<usize>, bool) {
    let bytes = WORDS.as_bytes();
    let line = |start: usize| {
        let end =
            bytes[start..].iter().position(|&b| b == b'\n').map_or(bytes.len(), |p| start + p);
        let (entry, freq) = WORDS[start..end].split_once(' ').unwrap_or((&WORDS[start..end], "0"));
        (entry, freq, end + 1)
    };
    // The first line not before `word`. Invariant: lines starting before `lo` sort before
    // `word`, lines at or after `hi` do not; both stay on line starts.
    let (mut lo, mut hi) = (0, bytes.len());
    while lo < hi {
        let mid = lo + (hi - lo) / 2;
        let start = bytes[lo..mid].iter().rposition(|&b| b == b'\n').map_or(lo, |p| lo + p + 1);
        let (entry, _, next) = line(start);
        if entry.as_bytes() < word.as_bytes() {
            lo = next;
        } else {
            hi = start;
        }
    }
    if lo >= bytes.len() {
        return (None, false);
    }
    // Lines sort by bytes, so the words that start with `word` follow it.
    let (entry, freq, next) = line(lo);
    if entry != word {
        return (None, entry.starts_with(word));
    }
    let longer = next < bytes.len() && line(next).0.starts_with(word);
    (freq.parse().ok(), longer)
}

/// A segmenter for `text`: the dictionary's words that occur in it, and a stand-in word
/// (a private-use character no title holds) carrying the rest of the total frequency.
fn segmenter(text: &str) -> Jieba {
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let mut dict = String::new();
    let mut found = 0;
    let mut seen = std::collections::HashSet::new();
    for i in 0..chars.len() {
        for len in 1..=LONGEST_WORD.min(chars.len() - i) {
            let end = chars.get(i + len).map_or(text.len(), |c| c.0);
            let word = &text[chars[i].0..end];
            let (freq, longer) = lookup(word);
            if let Some(freq) = freq
                && seen.insert(word)
            {
                found += freq;
                dict.push_str(word);
                dict.push(' ');
                dict.push_str(&freq.to_string());
                dict.push('\n');
            }
            if !longer {
                break;
            }
        }
    }
    dict.push_str(&format!("\u{F8FF} {}\n", TOTAL_FREQUENCY.saturating_sub(found).max(1)));
    Jieba::with_dict(&mut dict.as_bytes()).unwrap_or_else(|_| Jieba::empty())
}

/// One title line as set: its half-width spaces between Chinese characters removed (they
/// are left over from a web page's layout), broken into the lines the title prints in.
pub fn title_lines(text: &str, profile: &StyleProfile) -> Vec<String> {
    let (chars, joints) = tidy(text);
    let em = profile.title.size_pt + profile.page.char_spacing_pt;
    let page = &profile.page;
    let avail = page.text_width_mm() * PT_PER_MM * FILL / em;
    let widths = spaced_ems(&chars, profile.layout.han_latin_space_em);
    let total: f32 = widths.iter().sum();
    if total <= avail || chars.len() < 4 {
        return vec![chars.iter().collect()];
    }
    let text: String = chars.iter().collect();
    let words = word_starts(&text);
    let breaks = candidates(&chars, &words, &joints);
    let ends = choose(&chars, &widths, &words, &breaks, avail, total);
    let mut out = Vec::with_capacity(ends.len() + 1);
    let mut start = 0;
    for end in ends.into_iter().chain([chars.len()]) {
        out.push(chars[start..end].iter().collect());
        start = end;
    }
    out
}

/// Whether a heading label names a chapter of regulation text (第一章, 第十二章): such a
/// heading is centred, a full-width space between label and name, as regulations print.
pub fn is_chapter(label: &str) -> bool {
    label.len() > '第'.len_utf8() + '章'.len_utf8()
        && label.starts_with('第')
        && label.ends_with('章')
}

/// Estimated width of `c` in ems of the title's size: what the DOCX writer and the PDF
/// layout both break by.
pub fn ems(c: char) -> f32 {
    match c {
        '.' | ',' | ':' | ';' | ' ' | '\'' | '!' | '|' | 'i' | 'l' | 'j' => 0.25,
        c if c.is_ascii_uppercase() => 0.7,
        c if c.is_ascii() => 0.55,
        _ => 1.0,
    }
}

/// Each character's estimated width ([`ems`]), with the script space (`script`, in ems:
/// `layout.han_latin_space_em`, which the PDF sets and the DOCX asks Word, WPS and
/// LibreOffice for) after one that meets a character of the other script: a Chinese
/// character and a digit or Latin letter, in either order (punctuation and spaces take
/// none). A title estimated without it came back from LibreOffice with its last character
/// on a line of its own.
fn spaced_ems(chars: &[char], script: f32) -> Vec<f32> {
    chars
        .iter()
        .enumerate()
        .map(|(i, &c)| {
            let next = chars.get(i + 1).copied();
            let meets = next.is_some_and(|n| breaking::script_change(c, n));
            ems(c) + if meets { script } else { 0.0 }
        })
        .collect()
}

/// Whether a line of `lines` (widths in ems) grows to its longest line and shrinks after
/// it, strictly, with the longest line not first: a trapezoid (longest last) or a diamond.
pub fn well_shaped(lines: &[f32]) -> bool {
    const EPS: f32 = 0.01;
    let Some(peak) = lines.iter().enumerate().max_by(|a, b| a.1.total_cmp(b.1)).map(|p| p.0) else {
        return true;
    };
    if lines.len() > 1 && peak == 0 {
        return false;
    }
    let rising = lines[..=peak].windows(2).all(|w| w[0] + EPS < w[1]);
    let falling = lines[peak..].windows(2).all(|w| w[0] > w[1] + EPS);
    rising && falling
}

/// Positions (in characters) where the segmenter starts a word in `text`.
pub fn word_starts(text: &str) -> Vec<bool> {
    let n = text.chars().count();
    let mut starts = vec![false; n + 1];
    let mut at = 0;
    for word in segmenter(text).cut(text, true) {
        starts[at] = true;
        at += word.word.chars().count();
    }
    starts[n] = true;
    starts
}

/// The characters with the half-width spaces between Chinese characters removed; a
/// removed space is a joint the title was written with, so a preferred break.
fn tidy(text: &str) -> (Vec<char>, Vec<usize>) {
    let raw: Vec<char> = text.trim().chars().collect();
    let mut chars = Vec::with_capacity(raw.len());
    let mut joints = Vec::new();
    for (i, &c) in raw.iter().enumerate() {
        let wide = |c: Option<&char>| c.is_some_and(|c| !c.is_ascii());
        if c == ' ' && wide(chars.last()) && wide(raw.get(i + 1)) {
            joints.push(chars.len());
            continue;
        }
        chars.push(c);
    }
    (chars, joints)
}

/// The preference of a break before each character: `None` where a title may not break
/// there, else a cost (0 at the title's own joints).
fn candidates(chars: &[char], words: &[bool], joints: &[usize]) -> Vec<Option<f32>> {
    let legal = breaking::break_opportunities(chars);
    let text: String = chars.iter().collect();
    let mut depth = 0i32;
    let mut out = vec![None; chars.len()];
    for i in 0..chars.len() {
        let inside = depth > 0;
        depth += match chars[i] {
            '《' | '（' | '(' | '〔' | '“' => 1,
            '》' | '）' | ')' | '〕' | '”' => -1,
            _ => 0,
        };
        if i == 0 || !legal[i] || !words[i] || in_number(chars[i - 1], chars[i]) {
            continue;
        }
        let rest: String = text.chars().skip(i).collect();
        let cost = if joints.contains(&i)
            || rest.starts_with("关于")
            || (rest.starts_with('在') && i >= 2)
            || (chars[i - 1] == '的' && rest.chars().count() > 2)
        {
            0.0
        } else if text.chars().take(i).collect::<String>().ends_with("关于") {
            // 关于 goes with what it introduces.
            4.0
        } else if inside {
            // A name in 《》 or （） is best kept whole.
            2.5
        } else if chars[i] == '的' {
            3.0
        } else {
            1.0
        };
        out[i] = Some(cost);
    }
    out
}

/// Whether `a` and `b` belong to one number: digits with their unit, or a run of Chinese
/// numerals (十四五, 二〇二四).
fn in_number(a: char, b: char) -> bool {
    const NUMERALS: &str = "〇零一二三四五六七八九十百千万亿两";
    const UNITS: &str = "年月日号届次个项条款期周岁元万亿";
    (NUMERALS.contains(a) && NUMERALS.contains(b))
        || ((a.is_ascii_digit() || NUMERALS.contains(a)) && UNITS.contains(b))
}

/// The breaks (character positions) with the least cost among those that give
/// well-shaped lines of at least two words each, each line within `avail` ems; with as
/// few lines as the title needs, or one more when that allows no good shape. A title
/// that admits no such breaks falls back to word breaks of the most even shape.
fn choose(
    chars: &[char],
    widths: &[f32],
    words: &[bool],
    breaks: &[Option<f32>],
    avail: f32,
    total: f32,
) -> Vec<usize> {
    let least = (total / avail).ceil().max(2.0) as usize;
    let points: Vec<usize> = (1..chars.len()).filter(|&i| breaks[i].is_some()).collect();
    let mut prefix = vec![0.0; widths.len() + 1];
    for (i, w) in widths.iter().enumerate() {
        prefix[i + 1] = prefix[i] + w;
    }
    let width = |a: usize, b: usize| prefix[b] - prefix[a];
    let word_count = |a: usize, b: usize| (a..b).filter(|&i| words[i]).count();
    for strict in [true, false] {
        for lines in least..=least + 1 {
            let mut best: Option<(f32, Vec<usize>)> = None;
            let mut ends = Vec::with_capacity(lines);
            search(&points, 0, lines - 1, &mut ends, &mut |ends| {
                let bounds: Vec<usize> =
                    [0].into_iter().chain(ends.iter().copied()).chain([chars.len()]).collect();
                let lens: Vec<f32> = bounds.windows(2).map(|w| width(w[0], w[1])).collect();
                if lens.iter().any(|&l| l > avail + 0.01) {
                    return;
                }
                if strict
                    && (!well_shaped(&lens)
                        || bounds.windows(2).any(|w| word_count(w[0], w[1]) < 2))
                {
                    return;
                }
                let mut cost: f32 = ends.iter().map(|&e| breaks[e].unwrap_or(1.0)).sum();
                // Neighbouring lines differ best by about two characters.
                cost += lens
                    .windows(2)
                    .map(|w| ((w[1] - w[0]).abs() - 2.0).powi(2) / 16.0)
                    .sum::<f32>();
                if best.as_ref().is_none_or(|(c, _)| cost < *c) {
                    best = Some((cost, ends.to_vec()));
                }
            });
            if let Some((_, ends)) = best {
                return ends;
            }
        }
    }
    // No word break fits at all (a title of one long name): break where the rules allow.
    let legal = breaking::break_opportunities(chars);
    let mut ends = Vec::new();
    let mut start = 0;
    for (i, &legal) in legal.iter().enumerate().skip(1) {
        if width(start, i + 1) > avail && legal {
            ends.push(i);
            start = i;
        }
    }
    ends
}

/// Calls `f` with every increasing choice of `left` positions from `points[from..]`.
fn search(
    points: &[usize],
    from: usize,
    left: usize,
    ends: &mut Vec<usize>,
    f: &mut impl FnMut(&[usize]),
) {
    if left == 0 {
        f(ends);
        return;
    }
    for k in from..points.len() {
        if points.len() - k < left {
            break;
        }
        ends.push(points[k]);
        search(points, k + 1, left - 1, ends, f);
        ends.pop();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lines(text: &str) -> Vec<String> {
        title_lines(text, &StyleProfile::default())
    }

    fn assert_good(text: &str) -> Vec<String> {
        let got = lines(text);
        assert_eq!(got.concat(), text.replace(' ', ""), "{got:?}");
        let lens: Vec<f32> = got.iter().map(|l| l.chars().map(ems).sum()).collect();
        assert!(well_shaped(&lens), "{got:?} {lens:?}");
        let joined = got.concat();
        let words = word_starts(&joined);
        let mut at = 0;
        for l in &got[..got.len() - 1] {
            at += l.chars().count();
            assert!(words[at], "break inside a word: {got:?}");
        }
        got
    }

    #[test]
    fn a_short_title_stays_on_one_line() {
        assert_eq!(lines("在全县工作会议上的讲话"), ["在全县工作会议上的讲话"]);
    }

    #[test]
    fn long_titles_break_between_words_in_a_good_shape() {
        let got = assert_good("某市长在全市经济发展重点工作调度会上的讲话");
        assert!(got.iter().all(|l| !l.ends_with('重')), "{got:?}");
        let got = assert_good("某某市人民政府办公室关于进一步加强城市生活垃圾分类工作的通知");
        assert!(got.iter().all(|l| !l.contains("进一\n")), "{got:?}");
        assert_good("某某市农业农村局关于开展2024年农村人居环境整治提升行动的通知");
        assert_good("关于印发《某某县县级机关公务接待管理办法》的通知");
        assert_good("关于深入学习贯彻“十四五”规划纲要推动2024年各项工作落实的意见");
    }

    #[test]
    fn numbers_and_names_are_never_split() {
        for text in [
            "某某县发展和改革局2023年工作总结和2024年工作计划",
            "关于印发《某某县县级机关公务接待管理办法》的通知",
            "在全市十四五规划中期评估暨2024年经济运行分析会议上的讲话",
        ] {
            let got = assert_good(text);
            for l in &got {
                assert!(!l.ends_with(|c: char| c.is_ascii_digit()), "{got:?}");
                assert!(!l.starts_with('年'), "{got:?}");
                assert!(!l.ends_with("十四") && !l.ends_with('《'), "{got:?}");
            }
        }
    }

    #[test]
    fn digits_among_chinese_leave_room_for_the_script_space() {
        // 19.4 ems solid fits the 20 ems a line holds; with the profile's fifth of an em at
        // each of its seven meetings of digits and Chinese it does not, and LibreOffice
        // wrapped its last character. With the space off it stays one line.
        let text = "2024年1月至6月12个县区经济运行情况通报";
        let solid: f32 = text.chars().map(ems).sum();
        assert!(solid < 20.0, "{solid}");
        let got = assert_good(text);
        assert_eq!(got.len(), 2, "{got:?}");
        let (chars, _) = tidy(text);
        let script = StyleProfile::default().layout.han_latin_space_em;
        assert_eq!(script, 0.2);
        let spaced: f32 = spaced_ems(&chars, script).iter().sum();
        assert!((spaced - solid - 7.0 * script).abs() < 1e-3, "{spaced}");
        let mut solid_profile = StyleProfile::default();
        solid_profile.layout.han_latin_space_em = 0.0;
        assert_eq!(title_lines(text, &solid_profile), [text]);
        // Punctuation beside a digit takes no space; a title without digits keeps its line.
        assert_eq!(spaced_ems(&['（', '1', '）'], script), [1.0, 0.55, 1.0]);
        assert_eq!(lines("在全市经济工作会议上的讲话"), ["在全市经济工作会议上的讲话"]);
    }

    #[test]
    fn half_width_spaces_between_chinese_go() {
        assert_eq!(lines("凝心聚力 真抓实干"), ["凝心聚力真抓实干"]);
        assert_eq!(lines("Hello World 大会"), ["Hello World 大会"]);
    }

    #[test]
    fn shapes() {
        assert!(well_shaped(&[8.0, 12.0]));
        assert!(!well_shaped(&[10.0, 10.0]));
        assert!(!well_shaped(&[12.0, 8.0]));
        assert!(well_shaped(&[8.0, 13.0, 9.0]));
        assert!(well_shaped(&[6.0, 10.0, 14.0]));
        assert!(!well_shaped(&[10.0, 6.0, 10.0]));
    }

    #[test]
    fn the_dictionary_is_sorted_and_its_numbers_hold() {
        let mut total = 0;
        let mut longest = 0;
        let mut prev = "";
        for line in WORDS.lines() {
            let (word, freq) = line.split_once(' ').expect("word and frequency");
            assert!(prev.as_bytes() < word.as_bytes(), "{prev} before {word}");
            total += freq.parse::<usize>().expect("a frequency");
            longest = longest.max(word.chars().count());
            prev = word;
        }
        assert_eq!((total, longest), (TOTAL_FREQUENCY, LONGEST_WORD));
        assert!(lookup("我们").0.is_some() && lookup("我").0.is_some());
        assert!(lookup("人民政府").0.is_some() && lookup("人民政府办").0.is_none());
    }

    #[test]
    fn a_lookup_tells_whether_longer_words_begin_with_it() {
        // 中央人民政府政务院 follows 中央人民政府; 人民政府 begins no longer word, 人民政 three.
        assert_eq!(lookup("中央人民政府"), (Some(2434), true));
        assert_eq!(lookup("人民政府"), (Some(15227), false));
        assert_eq!(lookup("人民政"), (None, true));
        assert_eq!(lookup("人民政府办"), (None, false));
        let (last, freq) = WORDS.lines().last().and_then(|l| l.split_once(' ')).unwrap();
        assert_eq!(lookup(last), (freq.parse().ok(), false));
        assert_eq!(lookup("\u{10FFFF}"), (None, false));
    }

    #[test]
    fn cuts_as_the_full_dictionary_does() {
        let full = Jieba::with_dict(&mut WORDS.as_bytes()).expect("the dictionary loads");
        for text in [
            "某某市人民政府办公室关于进一步加强城市生活垃圾分类工作的通知",
            "王建平同志在全县农业农村工作会议上的讲话",
            "在2024中国（某某）茶文化旅游节开幕式上的致辞",
        ] {
            let a: Vec<&str> = full.cut(text, true).iter().map(|t| t.word).collect();
            let b: Vec<&str> = segmenter(text).cut(text, true).iter().map(|t| t.word).collect();
            assert_eq!(a, b);
        }
    }
}
