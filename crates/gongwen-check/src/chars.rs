//! Character classes the rules share.

/// A Han character (CJK ideographs, their extensions and compatibility forms, and 〇).
pub fn is_han(c: char) -> bool {
    matches!(c,
        '\u{3400}'..='\u{4DBF}'
        | '\u{4E00}'..='\u{9FFF}'
        | '\u{F900}'..='\u{FAFF}'
        | '\u{20000}'..='\u{3134F}'
        | '〇')
}

/// Full-width punctuation of Chinese text: 、。《》「」【】 and the like, full-width
/// forms such as ，：（）, curly quotes, …… and ——.
pub fn is_cjk_punct(c: char) -> bool {
    matches!(c,
        '\u{3001}'..='\u{3003}'
        | '\u{3008}'..='\u{3011}'
        | '\u{3014}'..='\u{301F}'
        | '\u{FF01}'..='\u{FF0F}'
        | '\u{FF1A}'..='\u{FF20}'
        | '\u{FF3B}'..='\u{FF40}'
        | '\u{FF5B}'..='\u{FF65}'
        | '\u{2018}'..='\u{201D}'
        | '…'
        | '—')
}

/// Han or Chinese punctuation: the characters that make a context Chinese.
pub fn is_chinese(c: char) -> bool {
    is_han(c) || is_cjk_punct(c)
}
