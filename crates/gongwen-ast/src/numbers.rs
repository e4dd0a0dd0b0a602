//! Numbers written against the standards, matched in one place for the drafting check
//! (which reports them with the fix) and the reader's repair (which applies the fix when
//! asked): dates in Chinese numerals (GB/T 9704 §7.3.5 gives dates in Arabic digits) and
//! ranges joined by a hyphen (GB/T 15834 §4.13 joins them with — or ～).

/// The value of a Chinese numeral digit (〇 to 九, 零 and 两 too).
pub fn numeral_digit(c: char) -> Option<u32> {
    "〇一二三四五六七八九".chars().position(|d| d == c).map(|v| v as u32).or(match c {
        '零' | 'Ｏ' | 'O' | '○' => Some(0),
        '两' => Some(2),
        _ => None,
    })
}

/// A month or day in Chinese numerals (五, 十, 十二, 二十六, 三十一) as a number.
fn month_or_day(chars: &[char]) -> Option<u32> {
    let value = match chars {
        ['十'] => 10,
        [d] => numeral_digit(*d)?,
        ['十', d] => 10 + numeral_digit(*d)?,
        [t, '十'] => numeral_digit(*t)? * 10,
        [t, '十', d] => numeral_digit(*t)? * 10 + numeral_digit(*d)?,
        _ => return None,
    };
    (1..=31).contains(&value).then_some(value)
}

/// The Arabic form of a date in Chinese numerals at `chars[from..]`: "二〇二二年一月五日"
/// gives ("2022年1月5日", characters read). None when no such date starts there (a
/// numeral right before `from` means the date would start earlier).
///
/// ```
/// let chars: Vec<char> = "于二〇一一年十月二十六日发布".chars().collect();
/// assert_eq!(gongwen_ast::chinese_date_at(&chars, 1), Some(("2011年10月26日".into(), 11)));
/// assert_eq!(gongwen_ast::chinese_date_at(&chars, 2), None);
/// ```
pub fn chinese_date_at(chars: &[char], from: usize) -> Option<(String, usize)> {
    if from.checked_sub(1).and_then(|i| chars.get(i)).is_some_and(|&c| numeral_digit(c).is_some()) {
        return None;
    }
    // Four numerals and 年 first, before any string is built: this runs at every character.
    let at = |k: usize| chars.get(from + k).copied();
    if !(0..4).all(|k| at(k).and_then(numeral_digit).is_some()) || at(4) != Some('年') {
        return None;
    }
    let rest = &chars[from + 5..chars.len().min(from + 16)];
    let month_end = rest.iter().position(|&c| c == '月')?;
    let month = month_or_day(&rest[..month_end])?;
    let mut out: String = chars[from..from + 4]
        .iter()
        .filter_map(|&c| numeral_digit(c))
        .map(|d| char::from(b'0' + d as u8))
        .collect();
    out.push_str(&format!("年{month}月"));
    let mut read = 5 + month_end + 1;
    let after = &rest[month_end + 1..];
    if let Some(day_end) = after.iter().position(|&c| c == '日')
        && let Some(day) = month_or_day(&after[..day_end])
    {
        out.push_str(&format!("{day}日"));
        read += day_end + 1;
    }
    Some((out, read))
}

/// The units a hyphenated range of numbers ends with: 1-9月, 3-5日, 2022-2024年, 10-20亿元.
const RANGE_UNITS: &str = "年月日时点号届期次个名家项万亿元倍岁%％";

/// A hyphen joining the two numbers of a range followed by a unit ("1-9月").
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct HyphenRange {
    /// The hyphen's position.
    pub hyphen: usize,
    /// The range's first character.
    pub start: usize,
    /// Its last character, the unit's position.
    pub end: usize,
}

/// The hyphenated ranges in `chars`; times (9:30-10:00), phone numbers and dates written
/// 2022-01-05 are no ranges.
///
/// ```
/// let chars: Vec<char> = "1-9月增长，电话0551-1234567".chars().collect();
/// let found = gongwen_ast::hyphen_ranges(&chars);
/// assert_eq!(found, [gongwen_ast::HyphenRange { hyphen: 1, start: 0, end: 3 }]);
/// ```
pub fn hyphen_ranges(chars: &[char]) -> Vec<HyphenRange> {
    let mut found = Vec::new();
    for i in 1..chars.len() {
        if !matches!(chars[i], '-' | '－' | '‐' | '‑') {
            continue;
        }
        let digit = |j: usize| chars.get(j).is_some_and(|c| c.is_ascii_digit());
        let mut start = i;
        while start > 0 && digit(start - 1) {
            start -= 1;
        }
        let mut end = i + 1;
        while digit(end) {
            end += 1;
        }
        if start == i || end == i + 1 {
            continue;
        }
        let before = start.checked_sub(1).map(|j| chars[j]);
        let joined = before.is_some_and(|c| c.is_ascii_alphanumeric() || "-:.－/".contains(c));
        let unit = chars.get(end).is_some_and(|&c| RANGE_UNITS.contains(c));
        if unit && !joined {
            found.push(HyphenRange { hyphen: i, start, end });
        }
    }
    found
}
