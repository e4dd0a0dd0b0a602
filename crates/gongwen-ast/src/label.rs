use crate::Span;

/// The numbering families of GB/T 9704 §7.3.3 and the ordinals of spoken Chinese.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum LabelFamily {
    /// 一、 — level 1 in GB/T 9704.
    Chinese,
    /// （一） — level 2.
    ParenChinese,
    /// 1. — level 3.
    Arabic,
    /// （1） — level 4. Also written (1), ⑴ or ①.
    ParenArabic,
    /// An ordinal word that opens a paragraph in a speech (一要, 一是, 第一，): its level is
    /// one below the enclosing numbered heading.
    Speech(SpeechWord),
    /// A part of a long report or of rules, on a line of its own (第一部分, 第一章, 第一节):
    /// above 一、 when a document has them.
    Part(PartWord),
}

/// The word after the numeral in a part heading.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum PartWord {
    /// 第一部分 …
    Bufen,
    /// 第一章 …
    Zhang,
    /// 第一节 …
    Jie,
}

/// The word that follows (or precedes) the numeral in a speech ordinal.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum SpeechWord {
    /// 一要、二要 …
    Yao,
    /// 一是、二是 …
    Shi,
    /// 第一，第二， …
    Di,
    /// 其一、其二、 …
    Qi,
    /// 首先，其次，再次，最后，: the number is the word's rank (1 to 4), not its place, since
    /// a series may leave out 再次.
    Sequence,
    /// 一抓、二抓 …: a numeral and one word (a verb, as a rule) that every sibling of the
    /// series repeats.
    Word(char),
}

impl LabelFamily {
    /// Every family: the standard's four in level order, then speech ordinals (一抓 standing
    /// for every repeated word), then parts.
    pub const ALL: [LabelFamily; 13] = [
        LabelFamily::Chinese,
        LabelFamily::ParenChinese,
        LabelFamily::Arabic,
        LabelFamily::ParenArabic,
        LabelFamily::Speech(SpeechWord::Yao),
        LabelFamily::Speech(SpeechWord::Shi),
        LabelFamily::Speech(SpeechWord::Di),
        LabelFamily::Speech(SpeechWord::Qi),
        LabelFamily::Speech(SpeechWord::Sequence),
        LabelFamily::Speech(SpeechWord::Word('抓')),
        LabelFamily::Part(PartWord::Bufen),
        LabelFamily::Part(PartWord::Zhang),
        LabelFamily::Part(PartWord::Jie),
    ];

    /// The heading level the standard gives this family, or `None` for speech ordinals,
    /// whose level depends on the heading they stand under.
    pub fn standard_level(self) -> Option<u8> {
        match self {
            LabelFamily::Chinese => Some(1),
            LabelFamily::ParenChinese => Some(2),
            LabelFamily::Arabic => Some(3),
            LabelFamily::ParenArabic => Some(4),
            LabelFamily::Speech(_) | LabelFamily::Part(_) => None,
        }
    }
}

/// A heading's ordinal: its family, its number, and the text it had in the source.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Label {
    /// Which numbering family.
    pub family: LabelFamily,
    /// The ordinal, from 1.
    pub number: u32,
    /// The label exactly as written in the source ("(一)", "1、", "⑴", "第二,").
    pub source: String,
    /// Where the label stands in the source.
    pub span: Span,
}

impl Label {
    /// A label whose source text is its canonical form.
    pub fn canonical_of(family: LabelFamily, number: u32, span: Span) -> Label {
        let mut label = Label { family, number, source: String::new(), span };
        label.source = label.canonical();
        label
    }

    /// The label as GB/T 9704 writes it: 一、 （一） 1. （1）; speech ordinals as 一要, 一是,
    /// 第一，, 其一、, 首先，(ranks from 4 on as 最后，); parts as 第一部分, 第一章, 第一节.
    pub fn canonical(&self) -> String {
        let n = self.number;
        match self.family {
            LabelFamily::Chinese => format!("{}、", chinese_numeral(n)),
            LabelFamily::ParenChinese => format!("（{}）", chinese_numeral(n)),
            LabelFamily::Arabic => format!("{n}."),
            LabelFamily::ParenArabic => format!("（{n}）"),
            LabelFamily::Speech(SpeechWord::Yao) => format!("{}要", chinese_numeral(n)),
            LabelFamily::Speech(SpeechWord::Shi) => format!("{}是", chinese_numeral(n)),
            LabelFamily::Speech(SpeechWord::Di) => format!("第{}，", chinese_numeral(n)),
            LabelFamily::Speech(SpeechWord::Qi) => format!("其{}、", chinese_numeral(n)),
            LabelFamily::Speech(SpeechWord::Sequence) => {
                ["首先，", "其次，", "再次，", "最后，"][n.clamp(1, 4) as usize - 1].to_string()
            }
            LabelFamily::Speech(SpeechWord::Word(word)) => format!("{}{word}", chinese_numeral(n)),
            LabelFamily::Part(word) => {
                let word = match word {
                    PartWord::Bufen => "部分",
                    PartWord::Zhang => "章",
                    PartWord::Jie => "节",
                };
                format!("第{}{word}", chinese_numeral(n))
            }
        }
    }
}

const DIGITS: [char; 10] = ['〇', '一', '二', '三', '四', '五', '六', '七', '八', '九'];

/// Writes `n` as a Chinese numeral the way ordinals are written: 1 → 一, 10 → 十,
/// 12 → 十二, 20 → 二十, 105 → 一百零五. Zero is 〇.
pub fn chinese_numeral(n: u32) -> String {
    if n == 0 {
        return "〇".to_string();
    }
    if n >= 10_000 {
        // Ordinals this large do not occur in documents; write the digits plainly.
        return n
            .to_string()
            .chars()
            .map(|d| DIGITS[d.to_digit(10).unwrap_or(0) as usize])
            .collect();
    }
    let units = [(1000, '千'), (100, '百'), (10, '十'), (1, ' ')];
    let mut out = String::new();
    let mut pending_zero = false;
    for (value, unit) in units {
        let digit = (n / value) % 10;
        if digit == 0 {
            pending_zero = !out.is_empty();
            continue;
        }
        if pending_zero {
            out.push('〇');
            pending_zero = false;
        }
        // 十二, not 一十二, when ten is the leading unit.
        if !(value == 10 && digit == 1 && out.is_empty()) {
            out.push(DIGITS[digit as usize]);
        }
        if unit != ' ' {
            out.push(unit);
        }
    }
    out.replace('〇', "零")
}

/// Reads a Chinese numeral (一, 十二, 二十三, 一百零五, 两, 〇/零 digits) as a number.
/// Returns `None` for anything else, including the empty string.
pub fn parse_chinese_numeral(s: &str) -> Option<u32> {
    if s.is_empty() {
        return None;
    }
    let digit = |c: char| match c {
        '〇' | '零' => Some(0),
        '一' | '壹' => Some(1),
        '二' | '两' | '貳' | '贰' => Some(2),
        '三' | '叁' => Some(3),
        '四' | '肆' => Some(4),
        '五' | '伍' => Some(5),
        '六' | '陆' | '陸' => Some(6),
        '七' | '柒' => Some(7),
        '八' | '捌' => Some(8),
        '九' | '玖' => Some(9),
        _ => None,
    };
    let unit = |c: char| match c {
        '十' | '拾' => Some(10),
        '百' | '佰' => Some(100),
        '千' | '仟' => Some(1000),
        _ => None,
    };
    let mut total: u32 = 0;
    let mut current: Option<u32> = None;
    let mut last_unit = u32::MAX;
    for c in s.chars() {
        if let Some(d) = digit(c) {
            if current.is_some() && d != 0 {
                return None; // two digits in a row, as in 一二
            }
            current = if d == 0 { None } else { Some(d) };
        } else if let Some(u) = unit(c) {
            if u >= last_unit {
                return None; // 十百 or 十十
            }
            total += current.unwrap_or(1) * u;
            current = None;
            last_unit = u;
        } else {
            return None;
        }
    }
    let n = total + current.unwrap_or(0);
    (n > 0).then_some(n)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numerals_round_trip() {
        for n in 1..=1200 {
            let s = chinese_numeral(n);
            assert_eq!(parse_chinese_numeral(&s), Some(n), "{n} written as {s}");
        }
        assert_eq!(chinese_numeral(12), "十二");
        assert_eq!(chinese_numeral(20), "二十");
        assert_eq!(chinese_numeral(105), "一百零五");
    }

    #[test]
    fn rejects_non_numerals() {
        for s in ["", "一二", "十十", "要", "二十a", "〇"] {
            assert_eq!(parse_chinese_numeral(s), None, "{s}");
        }
        assert_eq!(parse_chinese_numeral("两"), Some(2));
    }

    #[test]
    fn canonical_labels() {
        let span = Span::DETACHED;
        let l = |family, number| Label { family, number, source: String::new(), span }.canonical();
        assert_eq!(l(LabelFamily::Chinese, 3), "三、");
        assert_eq!(l(LabelFamily::ParenChinese, 11), "（十一）");
        assert_eq!(l(LabelFamily::Arabic, 2), "2.");
        assert_eq!(l(LabelFamily::ParenArabic, 4), "（4）");
        assert_eq!(l(LabelFamily::Speech(SpeechWord::Di), 2), "第二，");
        assert_eq!(l(LabelFamily::Speech(SpeechWord::Shi), 1), "一是");
        assert_eq!(l(LabelFamily::Speech(SpeechWord::Qi), 2), "其二、");
        assert_eq!(l(LabelFamily::Speech(SpeechWord::Word('抓')), 10), "十抓");
        assert_eq!(l(LabelFamily::Speech(SpeechWord::Sequence), 2), "其次，");
        assert_eq!(l(LabelFamily::Speech(SpeechWord::Sequence), 4), "最后，");
        assert_eq!(l(LabelFamily::Part(PartWord::Bufen), 3), "第三部分");
        assert_eq!(l(LabelFamily::Part(PartWord::Zhang), 1), "第一章");
    }
}
