//! Heading ordinals at the start of a line: the GB/T 9704 families and speech ordinals.

use gongwen_ast::{LabelFamily, PartWord, SpeechWord, parse_chinese_numeral};

use crate::text::{is_blank, is_han};

/// An ordinal found at the start of a line.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Found {
    /// Its family.
    pub family: LabelFamily,
    /// Its number.
    pub number: u32,
    /// Bytes of the label itself.
    pub len: usize,
    /// Bytes up to the heading text (the label and the blanks after it).
    pub text_start: usize,
}

fn is_chinese_digit(c: char) -> bool {
    "〇零一二三四五六七八九十百".contains(c)
}

/// A run of at most `max` characters from the start of `s` for which `f` holds.
fn run(s: &str, max: usize, f: impl Fn(char) -> bool) -> &str {
    let end = s.char_indices().take_while(|&(_, c)| f(c)).take(max).last();
    end.map_or("", |(i, c)| &s[..i + c.len_utf8()])
}

fn ascii_digits(s: &str) -> Option<(u32, usize)> {
    let digits = run(s, 3, |c| c.is_ascii_digit() || ('０'..='９').contains(&c));
    if digits.is_empty() || digits.chars().count() > 2 {
        return None;
    }
    let n =
        digits.chars().fold(0, |n, c| n * 10 + c.to_digit(10).unwrap_or_else(|| c as u32 - 0xFF10));
    (n > 0).then_some((n, digits.len()))
}

fn chinese_digits(s: &str) -> Option<(u32, usize)> {
    let digits = run(s, 4, is_chinese_digit);
    Some((parse_chinese_numeral(digits)?, digits.len()))
}

fn blanks(s: &str) -> usize {
    s.len() - s.trim_start_matches(is_blank).len()
}

/// The label and where its text starts, provided some text follows. A doubled separator
/// ("（一）、", "一是，") belongs to the label.
fn found(s: &str, family: LabelFamily, number: u32, len: usize) -> Option<Found> {
    let extra = s[len..].chars().next().filter(|&c| matches!(c, '、' | '，' | ',' | '．'));
    let len = len + extra.map_or(0, char::len_utf8);
    let text_start = len + blanks(&s[len..]);
    (text_start < s.len()).then_some(Found { family, number, len, text_start })
}

/// A GB/T 9704 label at the start of `s`: 一、 （一） 1. （1） and their variants
/// (一. 1、 1． (1) ⑴ ① ⒈). Look-alikes are refused: "1.5亿元", "1、2月", "一、二季度".
pub(crate) fn canonical(s: &str) -> Option<Found> {
    let first = s.chars().next()?;
    let code = first as u32;
    if (0x2460..=0x2473).contains(&code) {
        return found(s, LabelFamily::ParenArabic, code - 0x2460 + 1, first.len_utf8());
    }
    if (0x2474..=0x2487).contains(&code) {
        return found(s, LabelFamily::ParenArabic, code - 0x2474 + 1, first.len_utf8());
    }
    if (0x2488..=0x249B).contains(&code) {
        return found(s, LabelFamily::Arabic, code - 0x2488 + 1, first.len_utf8());
    }
    if matches!(first, '(' | '（') {
        let mut at = first.len_utf8();
        at += blanks(&s[at..]);
        let (family, (number, len)) = if let Some(d) = chinese_digits(&s[at..]) {
            (LabelFamily::ParenChinese, d)
        } else {
            (LabelFamily::ParenArabic, ascii_digits(&s[at..])?)
        };
        at += len;
        at += blanks(&s[at..]);
        let close = s[at..].chars().next().filter(|&c| matches!(c, ')' | '）'))?;
        return found(s, family, number, at + close.len_utf8());
    }
    let (family, (number, len)) = if let Some(d) = chinese_digits(s) {
        (LabelFamily::Chinese, d)
    } else {
        (LabelFamily::Arabic, ascii_digits(s)?)
    };
    // "一，提高认识": a comma for 、 is a common slip after a Chinese numeral. A copy from a
    // PDF may set blanks before the separator ("1 、", "一 、").
    let comma = family == LabelFamily::Chinese;
    let len = len + blanks(&s[len..]);
    let sep = s[len..].chars().next().filter(|&c| {
        matches!(c, '、' | '.' | '．' | ')' | '）') || (comma && matches!(c, '，' | ','))
    })?;
    // "1）" and "一）": a parenthesised label that lost its opening parenthesis.
    let family = match (sep, family) {
        (')' | '）', LabelFamily::Chinese) => LabelFamily::ParenChinese,
        (')' | '）', _) => LabelFamily::ParenArabic,
        _ => family,
    };
    let label_len = len + sep.len_utf8();
    let rest = &s[label_len..];
    let mut next = rest.chars();
    let n1 = next.next();
    if family == LabelFamily::Arabic && n1.is_some_and(|c| c.is_ascii_digit() || c == '０') {
        return None; // 1.5亿元, 1、2月, 2022.1.5
    }
    if family == LabelFamily::Chinese {
        let n2 = next.next();
        // 一、二季度, 一、二、三产业: a list of numerals, not a heading.
        if n1.is_some_and(is_chinese_digit)
            && n2.is_some_and(|c| matches!(c, '、' | '季' | '产' | '级' | '类' | '等'))
        {
            return None;
        }
    }
    found(s, family, number, label_len)
}

/// A speech ordinal at the start of `s`: 一要, 一是, 第一，, 其一、, 首先，(the comma is
/// part of the label).
pub(crate) fn speech(s: &str) -> Option<Found> {
    if let Some(found) = series(s) {
        return Some(found);
    }
    let (di, rest) = match s.strip_prefix('第') {
        Some(rest) => (true, rest),
        None => (false, s),
    };
    let (number, len) = chinese_digits(rest)?;
    if number > 20 {
        return None;
    }
    let after = rest[len..].chars().next()?;
    let word = match (di, after) {
        (true, '，' | ',' | '、') => SpeechWord::Di,
        (false, '是') => SpeechWord::Shi,
        (false, '要') => SpeechWord::Yao,
        _ => return None,
    };
    let label_len = s.len() - rest.len() + len + after.len_utf8();
    found(s, LabelFamily::Speech(word), number, label_len)
}

/// 一抓, 二抓 …: a numeral (up to 二十) and one word character that may repeat through a
/// series ("一抓组织领导，……"). Any line may start so ("一个人", "三年来"); only a run of
/// siblings numbered in order with the same word makes it an ordinal, which is the caller's
/// test ([`crate::body::word_series`]).
pub(crate) fn repeated_word(s: &str) -> Option<Found> {
    let (number, len) = chinese_digits(s).filter(|&(n, _)| n <= 20)?;
    let word = s[len..].chars().next()?;
    if !is_han(word) || is_chinese_digit(word) || matches!(word, '是' | '要') {
        return None;
    }
    found(s, LabelFamily::Speech(SpeechWord::Word(word)), number, len + word.len_utf8())
}

/// 其一、其二、 or 首先，其次，再次，最后，: ordinals only when a comma or 、 follows
/// ("首先要……" and "其次是……" are sentences). Whether they head paragraphs depends on the
/// series they stand in, decided by the caller.
fn series(s: &str) -> Option<Found> {
    const WORDS: [&str; 4] = ["首先", "其次", "再次", "最后"];
    let (family, number, len) = if let Some(rest) = s.strip_prefix('其')
        && let Some((number, len)) = chinese_digits(rest).filter(|&(n, _)| n <= 10)
    {
        (LabelFamily::Speech(SpeechWord::Qi), number, '其'.len_utf8() + len)
    } else {
        let rank = WORDS.iter().position(|w| s.starts_with(w))?;
        (LabelFamily::Speech(SpeechWord::Sequence), rank as u32 + 1, WORDS[rank].len())
    };
    let sep = s[len..].chars().next().filter(|&c| matches!(c, '，' | ',' | '、'))?;
    found(s, family, number, len + sep.len_utf8())
}

/// Longest chapter name that may follow 第X章 with no blank between.
const MAX_CHAPTER_NAME: usize = 12;

/// A part heading at the start of `s`: 第一部分, 第二章, 第三节, with the blank, colon or
/// 、 after it, or a chapter with its short name and nothing else. Whether the line stands
/// alone is the caller's test.
pub(crate) fn part(s: &str) -> Option<Found> {
    let rest = s.strip_prefix('第')?;
    let (number, len) = chinese_digits(rest).or_else(|| ascii_digits(rest))?;
    let after = &rest[len..];
    let (word, word_len) =
        [("部分", PartWord::Bufen), ("章", PartWord::Zhang), ("节", PartWord::Jie)]
            .into_iter()
            .find_map(|(w, word)| after.starts_with(w).then_some((word, w.len())))?;
    let mut label_len = '第'.len_utf8() + len + word_len;
    let next = s[label_len..].chars().next()?;
    // A chapter's name alone on the line may follow with no blank ("第一章总则"), as in
    // text that lost them; otherwise a blank or colon tells a label from a sentence.
    let name = &s[label_len..];
    let named = word == PartWord::Zhang
        && (2..=MAX_CHAPTER_NAME).contains(&name.chars().count())
        && name.chars().all(crate::text::is_han);
    if matches!(next, '：' | ':' | '、' | '.' | '．') {
        label_len += next.len_utf8();
    } else if !is_blank(next) && !named {
        return None; // 第一章节, 第二部分。
    }
    found(s, LabelFamily::Part(word), number, label_len)
}

/// The bytes of a chapter label that opens `s` ("第三章"), whatever follows it: [`part`]
/// wants a blank or colon after the label, which text that lost its line breaks lacks.
/// Its number and bytes.
pub(crate) fn chapter(s: &str) -> Option<(u32, usize)> {
    let rest = s.strip_prefix('第')?;
    let (number, len) = chinese_digits(rest).or_else(|| ascii_digits(rest))?;
    rest[len..].starts_with('章').then_some((number, '第'.len_utf8() + len + '章'.len_utf8()))
}

/// The number of an article that opens `s` ("第一条", "第12条"), blanks after it or not.
pub(crate) fn article(s: &str) -> Option<u32> {
    let rest = s.strip_prefix('第')?;
    let (number, len) = chinese_digits(rest).or_else(|| ascii_digits(rest))?;
    rest[len..].starts_with('条').then_some(number)
}

/// Whether `s` is a GB/T 9704 or part label and nothing else ("（一）", "二、", "第三部分"):
/// web copies often set a label on a line of its own, its heading on the next.
pub(crate) fn is_bare(s: &str) -> bool {
    const MAX: usize = 8;
    s.chars().count() <= MAX && {
        let probe = format!("{s} 字");
        canonical(&probe).or_else(|| part(&probe)).is_some_and(|f| f.len == s.len())
    }
}

/// Any label at the start of `s`: a GB/T 9704 one, a speech ordinal or a part.
pub(crate) fn any(s: &str) -> Option<Found> {
    canonical(s).or_else(|| speech(s)).or_else(|| part(s))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn label(s: &str) -> Option<(LabelFamily, u32, &str)> {
        any(s).map(|f| (f.family, f.number, &s[..f.len]))
    }

    #[test]
    fn families_and_variants() {
        use LabelFamily::*;
        assert_eq!(label("一、总体要求"), Some((Chinese, 1, "一、")));
        assert_eq!(label("十二．总体要求"), Some((Chinese, 12, "十二．")));
        assert_eq!(label("三，总体要求"), Some((Chinese, 3, "三，")));
        assert_eq!(label("（一）、加强领导"), Some((ParenChinese, 1, "（一）、")));
        assert_eq!(label("一是，加强领导"), Some((Speech(SpeechWord::Shi), 1, "一是，")));
        assert_eq!(label("（三）要敢想"), Some((ParenChinese, 3, "（三）")));
        assert_eq!(label("( 二 )要敢干"), Some((ParenChinese, 2, "( 二 )")));
        assert_eq!(label("1.加强领导"), Some((Arabic, 1, "1.")));
        assert_eq!(label("１２、加强领导"), Some((Arabic, 12, "１２、")));
        assert_eq!(label("(4)加强领导"), Some((ParenArabic, 4, "(4)")));
        assert_eq!(label("⑴加强领导"), Some((ParenArabic, 1, "⑴")));
        assert_eq!(label("③加强领导"), Some((ParenArabic, 3, "③")));
        assert_eq!(label("⒉加强领导"), Some((Arabic, 2, "⒉")));
        assert_eq!(label("2）加强领导"), Some((ParenArabic, 2, "2）")));
        assert_eq!(label("三)加强领导"), Some((ParenChinese, 3, "三)")));
        assert_eq!(label("第二,要聚焦问题"), Some((Speech(SpeechWord::Di), 2, "第二,")));
        assert_eq!(label("三是加强"), Some((Speech(SpeechWord::Shi), 3, "三是")));
        assert_eq!(label("四要坚持"), Some((Speech(SpeechWord::Yao), 4, "四要")));
        assert_eq!(label("其二、要严"), Some((Speech(SpeechWord::Qi), 2, "其二、")));
        assert_eq!(label("最后，要实"), Some((Speech(SpeechWord::Sequence), 4, "最后，")));
        assert_eq!(label("第二部分 主要任务"), Some((Part(PartWord::Bufen), 2, "第二部分")));
        assert_eq!(label("第一章：总则"), Some((Part(PartWord::Zhang), 1, "第一章：")));
        assert_eq!(label("第3节 安全"), Some((Part(PartWord::Jie), 3, "第3节")));
        assert_eq!(label("1 、坚定信心"), Some((Arabic, 1, "1 、")));
        assert_eq!(label("二 、加强领导"), Some((Chinese, 2, "二 、")));
    }

    #[test]
    fn bare_labels() {
        for s in ["（一）", "二、", "3.", "第三部分", "⑵"] {
            assert!(is_bare(s), "{s}");
        }
        for s in ["一是", "第一，", "一、总体要求", "2023", "一"] {
            assert!(!is_bare(s), "{s}");
        }
    }

    #[test]
    fn look_alikes() {
        for s in [
            "1.5亿元",
            "1、2月份",
            "1-9月份，",
            "2022年",
            "2022.1.5",
            "一、二季度",
            "第一次会议",
            "第一条",
            "一个人",
            "一、",
            "123.",
            "十一五规划",
            "首先要提高认识",
            "其次是强化保障",
            "其中，一般公共预算",
            "第一章节",
            "第二部分。",
            "1，加强领导",
            "一，二季度",
        ] {
            assert_eq!(label(s), None, "{s}");
        }
    }
}
