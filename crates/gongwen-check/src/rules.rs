//! The lint rules, one small function each. A new rule is one function and one entry in
//! [`MOJIBAKE`] or [`DRAFTING`].

use gongwen_ast::{Block, Code, Diagnostic, Severity};

use crate::chars::{is_chinese, is_han};
use crate::{Context, Paragraph};

/// A rule reads the context and appends what it finds.
pub type Rule = fn(&Context, &mut Vec<Diagnostic>);

/// The rules for text garbled by a wrong encoding, which read one paragraph at a time
/// (see [`crate::mojibake`]), in no particular order ([`crate::check`] sorts the findings).
pub const MOJIBAKE: &[Rule] =
    &[replacement_characters, lost_characters, garbled_runs, utf8_read_as_latin1, utf8_read_as_gbk];

/// Every other rule.
pub const DRAFTING: &[Rule] = &[
    unbalanced_pairs,
    placeholders,
    stray_characters,
    half_width_punctuation,
    title_too_long,
    chinese_numeral_dates,
    hyphen_ranges,
];

/// The most characters a title may have: the 156 mm type line of GB/T 9704 holds 20
/// characters of the 22 pt (二号) title font, and a title should fit on two lines.
pub const TITLE_MAX_CHARS: usize = 40;

fn finding(
    severity: Severity,
    code: Code,
    p: &Paragraph,
    from: usize,
    to: usize,
    message: String,
    hint: &str,
) -> Diagnostic {
    Diagnostic { severity, code, span: p.span(from, to), message, hint: Some(hint.into()) }
}

/// The maximal runs `[from, to]` (inclusive) of characters that satisfy `pred`.
fn runs(p: &Paragraph, pred: impl Fn(char) -> bool) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < p.chars.len() {
        if pred(p.chars[i].1) {
            let from = i;
            while p.at(i + 1).is_some_and(&pred) {
                i += 1;
            }
            out.push((from, i));
        }
        i += 1;
    }
    out
}

fn text_of(p: &Paragraph, from: usize, to: usize) -> String {
    p.chars[from..=to].iter().map(|&(_, c)| c).collect()
}

/// U+FFFD: a character lost in decoding or in an earlier copy.
fn replacement_characters(ctx: &Context, out: &mut Vec<Diagnostic>) {
    for p in &ctx.paragraphs {
        for (from, to) in runs(p, |c| c == '\u{FFFD}') {
            out.push(finding(
                Severity::Error,
                Code::Mojibake,
                p,
                from,
                to,
                format!("{} character(s) lost in decoding (U+FFFD)", to - from + 1),
                "restore the lost characters from the original; if much of the text is \
                 garbled, the file's encoding was guessed wrong",
            ));
        }
    }
}

/// "?" standing for a lost character: "老黃?!本", "六?!?", "書面?zhè".
fn lost_characters(ctx: &Context, out: &mut Vec<Diagnostic>) {
    for p in &ctx.paragraphs {
        for (from, to) in runs(p, |c| c == '?' || c == '!') {
            let run = text_of(p, from, to);
            let questions = run.matches('?').count();
            let (before, after) = (p.before(from), p.at(to + 1));
            let chinese_before = before.is_some_and(is_chinese);
            let suspect = questions > 0
                && chinese_before
                && (questions >= 2
                    || after.is_some_and(|c| is_han(c) || c.is_ascii_alphabetic())
                    || matches!(before, Some('“' | '‘' | '「')));
            if suspect {
                out.push(finding(
                    Severity::Warning,
                    Code::Mojibake,
                    p,
                    from,
                    to,
                    format!("“{run}” looks like characters lost to a wrong encoding"),
                    "restore the lost characters from the original; a question mark in \
                     Chinese text is the full-width ？",
                ));
            }
        }
    }
}

/// The famous garbage of Chinese mojibake: 锟斤拷 (U+FFFD in UTF-8 read as GBK), 烫烫烫
/// and 屯屯屯 (uninitialised memory).
fn garbled_runs(ctx: &Context, out: &mut Vec<Diagnostic>) {
    for p in &ctx.paragraphs {
        let garbage = runs(p, |c| matches!(c, '锟' | '斤' | '拷'))
            .into_iter()
            .filter(|&(from, to)| text_of(p, from, to).contains("锟斤拷"))
            .chain(
                runs(p, |c| c == '烫')
                    .into_iter()
                    .chain(runs(p, |c| c == '屯'))
                    .filter(|&(from, to)| to - from >= 2),
            );
        for (from, to) in garbage {
            out.push(finding(
                Severity::Error,
                Code::Mojibake,
                p,
                from,
                to,
                format!("“{}” is the garbage of a wrongly decoded file", text_of(p, from, to)),
                "take the text again from the original, decoded correctly",
            ));
        }
    }
}

/// A byte 0x80–0xBF as Latin-1 or Windows-1252 shows it: the continuation byte of UTF-8.
fn is_continuation(c: char) -> bool {
    matches!(c, '\u{80}'..='\u{BF}') || "€‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›œžŸ".contains(c)
}

/// UTF-8 read as Latin-1 or Windows-1252: "æ–‡" for 文, "â€œ" for “.
fn utf8_read_as_latin1(ctx: &Context, out: &mut Vec<Diagnostic>) {
    for p in &ctx.paragraphs {
        let mut i = 0;
        let mut start: Option<usize> = None;
        while i < p.chars.len() {
            let width = match p.chars[i].1 {
                '\u{C2}'..='\u{DF}' => 1,
                '\u{E0}'..='\u{EF}' => 2,
                _ => 0,
            };
            let sequence =
                width > 0 && (1..=width).all(|k| p.at(i + k).is_some_and(is_continuation));
            if sequence {
                start.get_or_insert(i);
                i += width + 1;
                continue;
            }
            if let Some(from) = start.take() {
                out.push(latin1_finding(p, from, i - 1));
            }
            i += 1;
        }
        if let Some(from) = start {
            out.push(latin1_finding(p, from, p.chars.len() - 1));
        }
    }
}

fn latin1_finding(p: &Paragraph, from: usize, to: usize) -> Diagnostic {
    finding(
        Severity::Error,
        Code::Mojibake,
        p,
        from,
        to,
        format!("“{}” looks like UTF-8 text read as Latin-1", text_of(p, from, to)),
        "take the text again from the original, decoded as UTF-8",
    )
}

/// Rare characters that UTF-8 read as GBK is full of: the lead bytes of ，：（ (锛),
/// 、。「 (銆), “”…— (鈥), and of 的 (鐨), 在 (鍦), 是 (鏄).
const GBK_MOJIBAKE_MARKS: &str = "锛銆鈥鐨鍦鏄";

/// UTF-8 read as GBK: "浣犲ソ锛屾垜" for 你好，我. Found by its marks, two to a paragraph
/// at least; one finding per paragraph.
fn utf8_read_as_gbk(ctx: &Context, out: &mut Vec<Diagnostic>) {
    for p in &ctx.paragraphs {
        let marks: Vec<usize> =
            (0..p.chars.len()).filter(|&i| GBK_MOJIBAKE_MARKS.contains(p.chars[i].1)).collect();
        if let [first, .., last] = marks[..] {
            out.push(finding(
                Severity::Error,
                Code::Mojibake,
                p,
                first,
                last,
                format!(
                    "this paragraph looks like UTF-8 text read as GBK ({} characters such as “{}”)",
                    marks.len(),
                    p.chars[first].1
                ),
                "take the text again from the original, decoded as UTF-8",
            ));
        }
    }
}

/// The kinds of paired punctuation.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Pair {
    Double,
    Single,
    Corner,
    WhiteCorner,
    Paren,
    Book,
    Angle,
    Lenticular,
    Tortoise,
    Square,
}

const PAIRS: usize = 10;

#[derive(Clone, Copy, PartialEq, Eq)]
enum Side {
    Open,
    Close,
    /// A straight quote: it closes an open quotation, else opens one.
    Either,
}

fn pair_of(c: char) -> Option<(Pair, Side)> {
    use Pair::*;
    use Side::*;
    Some(match c {
        '“' => (Double, Open),
        '”' => (Double, Close),
        '"' => (Double, Either),
        '‘' => (Single, Open),
        '’' => (Single, Close),
        '\'' => (Single, Either),
        '「' => (Corner, Open),
        '」' => (Corner, Close),
        '『' => (WhiteCorner, Open),
        '』' => (WhiteCorner, Close),
        '（' | '(' => (Paren, Open),
        '）' | ')' => (Paren, Close),
        '《' => (Book, Open),
        '》' => (Book, Close),
        '〈' => (Angle, Open),
        '〉' => (Angle, Close),
        '【' => (Lenticular, Open),
        '】' => (Lenticular, Close),
        '〔' => (Tortoise, Open),
        '〕' => (Tortoise, Close),
        '［' | '[' => (Square, Open),
        '］' | ']' => (Square, Close),
        _ => return None,
    })
}

/// Quotes and brackets that open and never close in their paragraph, or the reverse.
fn unbalanced_pairs(ctx: &Context, out: &mut Vec<Diagnostic>) {
    for p in &ctx.paragraphs {
        let mut open: [Vec<(usize, Pair)>; PAIRS] = Default::default();
        let mut unmatched = Vec::new();
        for (i, &(_, c)) in p.chars.iter().enumerate() {
            let Some((pair, side)) = pair_of(c) else { continue };
            // An apostrophe in a Latin word (Xi'an, don’t) pairs with nothing.
            let latin = |c: Option<char>| c.is_some_and(|c| c.is_ascii_alphabetic());
            if pair == Pair::Single && latin(p.before(i)) && latin(p.at(i + 1)) {
                continue;
            }
            let stack = &mut open[pair as usize];
            match side {
                Side::Open => stack.push((i, pair)),
                Side::Either if stack.is_empty() => stack.push((i, pair)),
                Side::Close | Side::Either => {
                    if stack.pop().is_none() {
                        unmatched.push((i, pair, false));
                    }
                }
            }
        }
        unmatched.extend(open.iter().flatten().map(|&(i, pair)| (i, pair, true)));
        for (i, pair, opens) in unmatched {
            out.push(unbalanced(p, i, pair, opens));
        }
    }
}

fn unbalanced(p: &Paragraph, i: usize, pair: Pair, opens: bool) -> Diagnostic {
    let c = p.chars[i].1;
    let quote = matches!(pair, Pair::Double | Pair::Single | Pair::Corner | Pair::WhiteCorner);
    let (code, what) = if quote {
        (Code::UnbalancedQuote, "quotation")
    } else {
        (Code::UnbalancedBracket, "bracket")
    };
    let (message, hint) = if opens {
        (
            format!("“{c}” opens a {what} that the paragraph never closes"),
            "add the closing mark where it ends, or delete this one",
        )
    } else {
        (
            format!("“{c}” closes a {what} that the paragraph never opened"),
            "add the opening mark where it begins, or delete this one",
        )
    };
    finding(Severity::Warning, code, p, i, i, message, hint)
}

/// Placeholders left from drafting: x%, x家, XX同志, ×××, ***, □□, 某某, ____.
fn placeholders(ctx: &Context, out: &mut Vec<Diagnostic>) {
    let is_x = |c: char| matches!(c, 'x' | 'X' | 'ｘ' | 'Ｘ' | '×');
    for p in &ctx.paragraphs {
        let mut found = Vec::new();
        // x.x亿元 is one placeholder.
        let mut x_runs: Vec<(usize, usize)> = Vec::new();
        for (from, to) in runs(p, is_x) {
            match x_runs.last_mut() {
                Some(last) if last.1 + 2 == from && matches!(p.at(from - 1), Some('.' | '．')) => {
                    last.1 = to;
                }
                _ => x_runs.push((from, to)),
            }
        }
        for (from, to) in x_runs {
            let (before, after) = (p.before(from), p.at(to + 1));
            let latin = |c: Option<char>| c.is_some_and(|c| c.is_ascii_alphabetic());
            let digit = |c: Option<char>| c.is_some_and(|c| c.is_ascii_digit());
            let han = |c: Option<char>| c.is_some_and(is_han);
            let crosses = text_of(p, from, to).chars().all(|c| c == '×') && to > from;
            let in_latin_word = latin(before) || latin(after);
            let product = digit(before) && digit(after); // 3×4
            let x_ray = to == from
                && p.at(from) == Some('X')
                && after.is_some_and(|c| "光射线型形".contains(c));
            let placeholder = han(before) || han(after) || matches!(after, Some('%' | '％' | '.'));
            if crosses || (placeholder && !in_latin_word && !product && !x_ray) {
                found.push((from, to));
            }
        }
        for (from, to) in runs(p, |c| c == '*' || c == '＊') {
            if to > from || p.before(from).is_some_and(is_han) || p.at(to + 1).is_some_and(is_han) {
                found.push((from, to));
            }
        }
        for (class, least) in [('□', 2), ('某', 2), ('_', 3), ('＿', 3)] {
            found.extend(runs(p, |c| c == class).into_iter().filter(|&(f, t)| t + 1 - f >= least));
        }
        for (from, to) in found {
            out.push(finding(
                Severity::Warning,
                Code::Placeholder,
                p,
                from,
                to,
                format!("“{}” looks like a placeholder left from drafting", text_of(p, from, to)),
                "fill in the real figure, name or date before the document is issued",
            ));
        }
    }
}

/// What a stray character is called, or `None` if it belongs in prose.
fn stray_name(c: char) -> Option<String> {
    let name = match c {
        '`' => "a backtick (`)",
        '^' => "a caret (^)",
        '\\' => "a backslash (\\)",
        '|' => "a vertical bar (|)",
        '{' | '}' => "a curly brace",
        '\u{202A}'..='\u{202E}'
        | '\u{2066}'..='\u{2069}'
        | '\u{200E}'
        | '\u{200F}'
        | '\u{061C}' => {
            "an invisible bidirectional control (Word shows the text around it reordered)"
        }
        c if gongwen_ast::is_invisible_control(c) => "an invisible zero-width character",
        '\u{00AD}' => "an invisible soft hyphen",
        '\u{FFFC}' => "an object replacement character",
        '\u{E000}'..='\u{F8FF}' => "a private-use character (shown by no standard font)",
        c if c.is_control() && c != '\t' => "a control character",
        _ => return None,
    };
    Some(format!("{name}, U+{:04X},", c as u32))
}

/// Characters with no place in Chinese prose: the backtick of seed-004, zero-width marks.
fn stray_characters(ctx: &Context, out: &mut Vec<Diagnostic>) {
    for p in &ctx.paragraphs {
        for (i, &(_, c)) in p.chars.iter().enumerate() {
            if let Some(name) = stray_name(c) {
                out.push(finding(
                    Severity::Warning,
                    Code::StrayCharacter,
                    p,
                    i,
                    i,
                    format!("{name} stands in the text"),
                    "delete it: it is left over from copying or typing",
                ));
            }
        }
    }
}

/// The full-width form GB/T 15834 gives a half-width mark in Chinese text.
fn full_width(c: char) -> Option<char> {
    Some(match c {
        ',' => '，',
        ':' => '：',
        ';' => '；',
        '!' => '！',
        '(' => '（',
        ')' => '）',
        _ => return None,
    })
}

/// Half-width , : ; ! ( ) in Chinese text; not in times (9:30), URLs or Latin text. One
/// finding per paragraph, at the first mark: web copies hold hundreds.
fn half_width_punctuation(ctx: &Context, out: &mut Vec<Diagnostic>) {
    for p in &ctx.paragraphs {
        let marks: Vec<usize> =
            (0..p.chars.len()).filter(|&i| half_width_in_chinese(p, i)).collect();
        let Some(&first) = marks.first() else { continue };
        let c = p.chars[first].1;
        let mut kinds: Vec<char> = marks.iter().map(|&i| p.chars[i].1).collect();
        kinds.sort_unstable();
        kinds.dedup();
        let message = match marks.len() {
            1 => format!("half-width “{c}” in Chinese text"),
            n => format!("half-width “{c}” in Chinese text, and {} more in this paragraph", n - 1),
        };
        let wide: String = kinds.iter().filter_map(|&k| full_width(k)).collect();
        let hint = format!(
            "write full-width {wide} (GB/T 15834); gongwen's reader normalises them unless told not to"
        );
        out.push(finding(
            Severity::Warning,
            Code::HalfWidthPunctuation,
            p,
            first,
            first,
            message,
            &hint,
        ));
    }
}

fn half_width_in_chinese(p: &Paragraph, i: usize) -> bool {
    let c = p.chars[i].1;
    if full_width(c).is_none() {
        return false;
    }
    let (before, after) = (p.before(i), p.at(i + 1));
    let chinese = |c: Option<char>| c.is_some_and(is_chinese);
    match c {
        '(' => after.is_some_and(is_han),
        ')' => before.is_some_and(is_han),
        // "?!" belongs to the mojibake rule.
        '!' if before == Some('?') || after == Some('?') => false,
        _ => {
            let figure = before.is_some_and(|c| c.is_ascii_alphanumeric() || c == '%');
            let then = after.is_none_or(|c| is_chinese(c) || c.is_ascii_digit());
            (chinese(before) && then) || (figure && chinese(after))
        }
    }
}

/// A title longer than two lines of the title font.
fn title_too_long(ctx: &Context, out: &mut Vec<Diagnostic>) {
    for block in &ctx.doc.blocks {
        let Block::Title(title) = block else { continue };
        let count: usize = title
            .lines
            .iter()
            .map(|line| line.text().chars().filter(|c| !c.is_whitespace()).count())
            .sum();
        if count > TITLE_MAX_CHARS {
            out.push(Diagnostic {
                severity: Severity::Warning,
                code: Code::TitleTooLong,
                span: title.span,
                message: format!(
                    "the title has {count} characters, more than the {TITLE_MAX_CHARS} that \
                     fit on two lines"
                ),
                hint: Some("shorten the title; GB/T 9704 titles rarely run past two lines".into()),
            });
        }
    }
}

/// Dates in Chinese numerals (二〇二二年一月五日): GB/T 9704 §7.3.5 sets the date in Arabic
/// digits (2022年1月5日).
fn chinese_numeral_dates(ctx: &Context, out: &mut Vec<Diagnostic>) {
    for p in &ctx.paragraphs {
        let chars: Vec<char> = p.chars.iter().map(|&(_, c)| c).collect();
        let mut i = 0;
        while i < chars.len() {
            if let Some((arabic, read)) = gongwen_ast::chinese_date_at(&chars, i) {
                let written = text_of(p, i, i + read - 1);
                out.push(finding(
                    Severity::Warning,
                    Code::ChineseNumeralDate,
                    p,
                    i,
                    i + read - 1,
                    format!("the date “{written}” is written in Chinese numerals"),
                    &format!("write “{arabic}”: GB/T 9704 gives dates in Arabic digits"),
                ));
                i += read;
                continue;
            }
            i += 1;
        }
    }
}

/// Ranges joined by a hyphen (1-9月): GB/T 15834 §4.13 joins a range with — (一字线) or ～.
fn hyphen_ranges(ctx: &Context, out: &mut Vec<Diagnostic>) {
    for p in &ctx.paragraphs {
        let chars: Vec<char> = p.chars.iter().map(|&(_, c)| c).collect();
        for gongwen_ast::HyphenRange { hyphen, start, end } in gongwen_ast::hyphen_ranges(&chars) {
            let written = text_of(p, start, end);
            let fixed = written.replacen(p.chars[hyphen].1, "—", 1);
            out.push(finding(
                Severity::Warning,
                Code::HyphenRange,
                p,
                start,
                end,
                format!("the range “{written}” is joined by a hyphen"),
                &format!("write “{fixed}” (or ～): GB/T 15834 joins ranges with a dash"),
            ));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use gongwen_ast::{Content, Document, Span};

    fn hints(line: &str) -> Vec<String> {
        let doc = Document {
            blocks: vec![Block::Paragraph(Content::plain(line, Span::new(0, line.len())))],
            ..Document::default()
        };
        crate::check(line, &doc).into_iter().filter_map(|d| d.hint).collect()
    }

    #[test]
    fn the_fix_is_suggested() {
        assert_eq!(
            hints("二〇二二年一月五日"),
            ["write “2022年1月5日”: GB/T 9704 gives dates in Arabic digits"]
        );
        assert_eq!(
            hints("二〇一一年十月二十六日"),
            ["write “2011年10月26日”: GB/T 9704 gives dates in Arabic digits"]
        );
        assert_eq!(hints("1-9月"), ["write “1—9月” (or ～): GB/T 15834 joins ranges with a dash"]);
    }
}
