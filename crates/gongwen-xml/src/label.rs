//! Reading a heading label written by hand ("(一)", "1、", "第二，", "⑶") back into its
//! family and number.

use gongwen_ast::{LabelFamily, PartWord, SpeechWord, parse_chinese_numeral};

/// Punctuation that may follow a label: 一、 1. 第二， 一是：
const SEPARATORS: &[char] = &['、', '，', ',', '.', '．', '：', ':', '。', ' ', '\u{3000}'];

/// The family and number of `label`, in any of the forms people write: the canonical ones
/// (一、 （一） 1. （1） 一要 一是 第一， 其一、 首先， 第一部分 第一章 第一节), half-width brackets, other separators (1、 一.
/// 第二,), circled and bracketed numerals (① ⑴ ㈠), full-width digits. `None` when
/// `label` is none of these.
pub(crate) fn parse_label(label: &str) -> Option<(LabelFamily, u32)> {
    let core = label.trim().trim_end_matches(SEPARATORS);
    let mut chars = core.chars();
    if let (Some(c), None) = (chars.next(), chars.next())
        && let Some(found) = enclosed_numeral(c)
    {
        return Some(found);
    }
    if let Some(inner) = strip_brackets(core) {
        let inner = inner.trim();
        return match arabic_numeral(inner) {
            Some(n) => Some((LabelFamily::ParenArabic, n)),
            None => Some((LabelFamily::ParenChinese, chinese(inner)?)),
        };
    }
    if let Some(rest) = core.strip_prefix('第') {
        for (suffix, word) in
            [("部分", PartWord::Bufen), ("章", PartWord::Zhang), ("节", PartWord::Jie)]
        {
            if let Some(numeral) = rest.strip_suffix(suffix) {
                let n = chinese(numeral).or_else(|| arabic_numeral(numeral))?;
                return Some((LabelFamily::Part(word), n));
            }
        }
        let n = chinese(rest).or_else(|| arabic_numeral(rest))?;
        return Some((LabelFamily::Speech(SpeechWord::Di), n));
    }
    // Before 其一: 其次 starts with 其 too.
    if let Some(rank) = ["首先", "其次", "再次", "最后"].iter().position(|&w| w == core) {
        return Some((LabelFamily::Speech(SpeechWord::Sequence), rank as u32 + 1));
    }
    if let Some(rest) = core.strip_prefix('其') {
        return Some((LabelFamily::Speech(SpeechWord::Qi), chinese(rest)?));
    }
    for (suffix, word) in [('要', SpeechWord::Yao), ('是', SpeechWord::Shi)] {
        if let Some(rest) = core.strip_suffix(suffix) {
            return Some((LabelFamily::Speech(word), chinese(rest)?));
        }
    }
    match arabic_numeral(core) {
        Some(n) => Some((LabelFamily::Arabic, n)),
        None => chinese(core).map(|n| (LabelFamily::Chinese, n)).or_else(|| repeated_word(core)),
    }
}

/// 一抓, 十抓: a numeral and the one word a series repeats.
fn repeated_word(core: &str) -> Option<(LabelFamily, u32)> {
    let numeral = |c: char| "〇零一二三四五六七八九十百千两".contains(c);
    let word =
        core.chars().last().filter(|&c| ('\u{4e00}'..='\u{9fff}').contains(&c) && !numeral(c))?;
    let n = chinese(&core[..core.len() - word.len_utf8()])?;
    Some((LabelFamily::Speech(SpeechWord::Word(word)), n))
}

/// ①–⑳ and ⑴–⒇ are level-4 labels, ㈠–㈩ level 2.
fn enclosed_numeral(c: char) -> Option<(LabelFamily, u32)> {
    let code = u32::from(c);
    match c {
        '①'..='⑳' => Some((LabelFamily::ParenArabic, code - u32::from('①') + 1)),
        '⑴'..='⒇' => Some((LabelFamily::ParenArabic, code - u32::from('⑴') + 1)),
        '㈠'..='㈩' => Some((LabelFamily::ParenChinese, code - u32::from('㈠') + 1)),
        _ => None,
    }
}

/// The text inside a pair of round brackets, full- or half-width in any mix.
fn strip_brackets(s: &str) -> Option<&str> {
    s.strip_prefix(['（', '('])?.strip_suffix(['）', ')'])
}

/// ASCII or full-width decimal digits.
fn arabic_numeral(s: &str) -> Option<u32> {
    if s.is_empty() {
        return None;
    }
    s.chars().try_fold(0u32, |n, c| {
        let digit = match c {
            '0'..='9' => u32::from(c) - u32::from('0'),
            '０'..='９' => u32::from(c) - u32::from('０'),
            _ => return None,
        };
        n.checked_mul(10)?.checked_add(digit)
    })
}

/// A Chinese numeral: 十二 and 一百零五 as usual, and a run of five or more digit characters
/// (一〇〇〇〇) read place by place, which is how `chinese_numeral` writes 10 000 and more.
fn chinese(s: &str) -> Option<u32> {
    const DIGITS: [char; 10] = ['〇', '一', '二', '三', '四', '五', '六', '七', '八', '九'];
    let digit = |c: char| match c {
        '零' => Some(0),
        c => DIGITS.iter().position(|&d| d == c).map(|d| d as u32),
    };
    if s.chars().count() == 1 && digit(s.chars().next()?) == Some(0) {
        return Some(0);
    }
    if s.chars().count() >= 5 && s.chars().all(|c| digit(c).is_some()) {
        return s.chars().try_fold(0u32, |n, c| n.checked_mul(10)?.checked_add(digit(c)?));
    }
    parse_chinese_numeral(s)
}

#[cfg(test)]
mod tests {
    use super::*;
    use gongwen_ast::{Label, Span};

    #[test]
    fn reads_the_variants_people_write() {
        let cases = [
            ("一、", LabelFamily::Chinese, 1),
            ("十二.", LabelFamily::Chinese, 12),
            ("三", LabelFamily::Chinese, 3),
            ("（一）", LabelFamily::ParenChinese, 1),
            ("(二)", LabelFamily::ParenChinese, 2),
            ("（十一)、", LabelFamily::ParenChinese, 11),
            ("㈢", LabelFamily::ParenChinese, 3),
            ("1.", LabelFamily::Arabic, 1),
            ("1、", LabelFamily::Arabic, 1),
            ("１２．", LabelFamily::Arabic, 12),
            (" 7 ", LabelFamily::Arabic, 7),
            ("（1）", LabelFamily::ParenArabic, 1),
            ("(14)", LabelFamily::ParenArabic, 14),
            ("⑶", LabelFamily::ParenArabic, 3),
            ("⑳", LabelFamily::ParenArabic, 20),
            ("第二，", LabelFamily::Speech(SpeechWord::Di), 2),
            ("第三,", LabelFamily::Speech(SpeechWord::Di), 3),
            ("第4、", LabelFamily::Speech(SpeechWord::Di), 4),
            ("一是", LabelFamily::Speech(SpeechWord::Shi), 1),
            ("两要", LabelFamily::Speech(SpeechWord::Yao), 2),
            ("二是：", LabelFamily::Speech(SpeechWord::Shi), 2),
            ("其二、", LabelFamily::Speech(SpeechWord::Qi), 2),
            ("三抓", LabelFamily::Speech(SpeechWord::Word('抓')), 3),
            ("其次，", LabelFamily::Speech(SpeechWord::Sequence), 2),
            ("最后,", LabelFamily::Speech(SpeechWord::Sequence), 4),
            ("第三部分", LabelFamily::Part(PartWord::Bufen), 3),
            ("第12章", LabelFamily::Part(PartWord::Zhang), 12),
            ("第二节 ", LabelFamily::Part(PartWord::Jie), 2),
        ];
        for (text, family, number) in cases {
            assert_eq!(parse_label(text), Some((family, number)), "{text}");
        }
    }

    #[test]
    fn rejects_what_is_no_label() {
        for text in [
            "",
            "、",
            "要",
            "第",
            "（）",
            "(a)",
            "一二、",
            "abc",
            "十十",
            "99999999999.",
            "其",
            "第章",
        ] {
            assert_eq!(parse_label(text), None, "{text}");
        }
    }

    #[test]
    fn canonical_labels_read_back() {
        let numbers = (0..=130).chain([999, 1000, 1010, 9999, 10_000, 10_001, 123_456, u32::MAX]);
        for family in LabelFamily::ALL {
            // 首先 … 最后 are ranks 1 to 4; other numbers are not written.
            let sequence = family == LabelFamily::Speech(SpeechWord::Sequence);
            for number in numbers.clone().filter(|n| !sequence || (1..=4).contains(n)) {
                let canonical = Label::canonical_of(family, number, Span::DETACHED).source;
                assert_eq!(parse_label(&canonical), Some((family, number)), "{canonical}");
            }
        }
    }
}
