//! What a line at the head or at the tail of a document is: title, subtitle, salutation,
//! closing, attachment note, signature, date. Each test takes a line's visible text
//! (pinyin annotations left out, blanks trimmed).

use crate::label;
use crate::text::{is_blank, is_han, is_sentence_punct, is_terminator};

/// The role a line plays in the document.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Role {
    Title,
    Subtitle,
    /// 发文字号: "X政发〔2024〕12号".
    Number,
    Salutation,
    Body,
    Closing,
    /// A body paragraph whose last sentence, from this byte offset (in the line's text), is
    /// a closing formula ("……作出新的更大贡献！谢谢大家！").
    ClosingTail(usize),
    Attachment,
    Signature,
    Date,
    /// Page furniture around the document, removed for this reason.
    Furniture(gongwen_ast::Reason),
}

impl Role {
    /// The kind of block a line of this role becomes (`noise`: whether furniture is removed).
    pub(crate) fn kind_name(self, noise: bool) -> &'static str {
        match self {
            Role::Title => "title",
            Role::Subtitle => "subtitle",
            Role::Number => "number",
            Role::Salutation => "salutation",
            Role::Body => "p",
            Role::Closing | Role::ClosingTail(_) => "closing",
            Role::Attachment => "attachment",
            Role::Signature => "signature",
            Role::Date => "date",
            Role::Furniture(_) if noise => "removed",
            Role::Furniture(_) => "p",
        }
    }
}

/// Words a title ends with: the kind of text it is.
const GENRES: &[&str] = &[
    "讲话",
    "講話",
    "发言",
    "發言",
    "致辞",
    "致辭",
    "致词",
    "贺词",
    "报告",
    "報告",
    "通知",
    "意见",
    "意見",
    "方案",
    "决定",
    "決定",
    "通报",
    "通報",
    "稿",
    "总结",
    "總結",
    "请示",
    "批复",
    "函",
    "公告",
    "通告",
    "办法",
    "规定",
    "要点",
    "规划",
    "主持词",
    "贺信",
    "倡议书",
    "提纲",
    "党课",
    "预案",
    "公报",
    "公報",
    "纪要",
    "计划",
    "開幕詞",
    "开幕词",
    "闭幕词",
    "欢迎词",
    "答谢词",
    "细则",
    "条例",
    "章程",
    "决议",
];

fn chars(t: &str) -> usize {
    t.chars().filter(|&c| !is_blank(c)).count()
}

fn has_label(t: &str) -> bool {
    label::any(t).is_some()
}

/// Whether `t` ends with a genre word, perhaps followed by a note in parentheses
/// ("……的讲话（摘要）").
fn ends_with_genre(t: &str) -> bool {
    // "指  导  意  见": a title spaced out over its line.
    let packed: String;
    let t = if t.len() < 300 && t.contains(is_blank) {
        packed = t.chars().filter(|&c| !is_blank(c)).collect();
        packed.as_str()
    } else {
        t
    };
    let t = match t.strip_suffix(['）', ')']).and_then(|s| s.rfind(['（', '('])) {
        Some(open) => t[..open].trim_end_matches(is_blank),
        None => t,
    };
    GENRES.iter().any(|g| t.ends_with(g))
}

/// A line that could be (part of) a title: short, not a sentence, not numbered.
pub(crate) fn is_title_like(t: &str) -> bool {
    let n = chars(t);
    let max = if ends_with_genre(t) { 70 } else { 50 };
    (2..=max).contains(&n)
        && t.chars().any(is_han)
        && !t.chars().any(is_sentence_punct)
        && !t.ends_with(['：', ':', '，', ',', '、'])
        && !has_label(t)
        && !t.starts_with("附件")
        && !is_date_line(t)
        && !is_addressing(t)
        && !is_subtitle(t)
        && !crate::page::is_toc(t)
}

/// Whether a title line says the title is complete ("……的讲话"), so that a next short line
/// is not a further title line.
pub(crate) fn completes_title(t: &str) -> bool {
    ends_with_genre(t)
}

/// A line under the title: "——在……会议上的讲话", "（2022年1月5日）", "张三同志",
/// "市委书记 张三", a document number "X政发〔2023〕1号".
pub(crate) fn is_subtitle(t: &str) -> bool {
    let n = chars(t);
    let no_punct = !t.chars().any(|c| is_sentence_punct(c) || matches!(c, '，' | ','));
    t.starts_with(['—', '─', '－', '-', '―', '–'])
        || (t.starts_with(['（', '(']) && t.ends_with(['）', ')']) && n <= 40)
        || is_date_line(t)
        || (t.ends_with("同志") && n <= 20 && no_punct)
        || is_doc_number(t)
        || (no_punct && n <= 20 && is_name_line(t))
        || (no_punct && n <= 30 && date_in(t).is_some() && ROLES.iter().any(|r| t.contains(r)))
}

/// A 发文字号: "济政字〔2021〕30号", "瑞政办(2011)129号", "国办函 [2004] 80号", or one a copy
/// broke ("曲水府发〔202321"): an issuer's short name, a bracket, the year.
pub(crate) fn is_doc_number(t: &str) -> bool {
    const MAX_BYTES: usize = 200;
    if t.len() > MAX_BYTES {
        return false;
    }
    let packed: String = t.chars().filter(|&c| !is_blank(c)).collect();
    // Web copies set it in brackets under the title: "（吉府发〔2003〕37号）".
    let packed = packed
        .strip_prefix(['(', '（'])
        .and_then(|p| p.strip_suffix([')', '）']))
        .unwrap_or(&packed);
    let Some(open) = packed.find(['〔', '[', '［', '【', '(', '（']) else {
        return false;
    };
    let issuer = &packed[..open];
    let after = &packed[open..];
    let year: String = after.chars().skip(1).take(4).collect();
    let year_ok = year.len() == 4
        && year.chars().all(|c| c.is_ascii_digit())
        && (year.starts_with("19") || year.starts_with("20"));
    let tail_ok = packed.ends_with(['号', '號']) || packed.ends_with(|c: char| c.is_ascii_digit());
    // An issuer may be masked in a sample or a published copy: "×政复〔2013〕102号".
    let masked = |c: char| matches!(c, '×' | '*' | '＊' | '○');
    chars(packed) <= 30
        && (1..=10).contains(&issuer.chars().count())
        && issuer.chars().all(|c| is_han(c) || c.is_ascii_alphabetic() || masked(c))
        && issuer.chars().any(is_han)
        && year_ok
        && tail_ok
        && !packed.contains(|c| is_sentence_punct(c) || matches!(c, '，' | ','))
}

const ROLES: &[&str] = &[
    "书记",
    "市长",
    "县长",
    "区长",
    "省长",
    "主任",
    "局长",
    "部长",
    "主席",
    "厅长",
    "镇长",
    "校长",
    "院长",
    "董事长",
    "总经理",
    "秘书长",
    "处长",
    "科长",
    "所长",
    "行长",
    "会长",
    "理事长",
    "检察长",
    "庭长",
    "队长",
    "站长",
    "社长",
    "总裁",
    "常委",
    "政委",
];

/// "张三", "市委书记 张三", "市委书记、市长  张三", "县委书记张三".
fn is_name_line(t: &str) -> bool {
    let mut parts: Vec<&str> = t.split(is_blank).filter(|p| !p.is_empty()).collect();
    // "校长  王 琛": a two-character name padded with a blank reads as one part.
    if let [.., a, b] = parts.as_slice()
        && a.chars().count() == 1
        && b.chars().count() == 1
        && a.chars().chain(b.chars()).all(is_han)
        && parts.len() > 2
    {
        let n = parts.len();
        let start = a.as_ptr() as usize - t.as_ptr() as usize;
        let end = b.as_ptr() as usize - t.as_ptr() as usize + b.len();
        parts.truncate(n - 2);
        parts.push(&t[start..end]);
        return is_spaced_name(&parts, t);
    }
    is_spaced_name(&parts, t)
}

/// The test of [`is_name_line`] on its blank-separated parts.
fn is_spaced_name(parts: &[&str], t: &str) -> bool {
    let han_only = |p: &str| p.chars().all(|c| is_han(c) || c == '·');
    match parts {
        [one] if one.chars().all(|c| is_han(c) || matches!(c, '·' | '、')) => {
            let name = ROLES
                .iter()
                .filter_map(|r| one.rfind(r).map(|i| &one[i + r.len()..]))
                .min_by_key(|rest| rest.len())
                .unwrap_or(one);
            // "在公司总经理办公会" is no name: names hold none of these; "市长欢迎词" is a
            // title, named by its genre.
            (2..=3).contains(&name.chars().count())
                && !name.contains(|c| "会议的上在和与及等中".contains(c))
                && !ends_with_genre(one)
        }
        [_] => false,
        [.., last] => {
            let last: String = last.chars().filter(|&c| !is_blank(c)).collect();
            parts.iter().all(|p| han_only(&p.replace(is_blank, "")) || p.contains('、'))
                && (2..=4).contains(&last.chars().count())
                && ROLES.iter().any(|r| t.contains(r))
        }
        [] => false,
    }
}

/// The speaker a subtitle or title names, if it does: "——县委书记 张三" and
/// "市委书记 张三（2024年3月5日）" name the role and the person.
pub(crate) fn speaker_in(t: &str) -> Option<String> {
    let t = t.trim_start_matches(['—', '─', '－', '-', '―', '–']);
    let t = match t.find(['（', '(']) {
        Some(i) if i > 0 && date_in(&t[i..]).is_some() => &t[..i],
        _ => t,
    };
    let bare = t.trim_matches(|c| matches!(c, '（' | '(' | '）' | ')') || is_blank(c));
    if let Some(name) = bare.strip_suffix("同志").filter(|n| chars(n) <= 15 && chars(n) > 0) {
        return Some(name.trim().to_string());
    }
    if let Some((name, _)) = bare.split_once("同志在").filter(|(n, _)| chars(n) <= 15) {
        return Some(name.trim().to_string());
    }
    // "市委书记张三在全市……上的讲话".
    let named = |n: &str| is_name_line(n) && ROLES.iter().any(|r| n.contains(r));
    if let Some((name, _)) = bare.split_once('在').filter(|&(n, _)| named(n)) {
        return Some(name.trim().to_string());
    }
    (is_name_line(bare) && !is_date_line(bare)).then(|| bare.to_string())
}

fn is_year_digit(c: char) -> bool {
    c.is_ascii_digit() || ('０'..='９').contains(&c) || "〇○零一二三四五六七八九ＯO".contains(c)
}

fn is_small_number(c: char) -> bool {
    c.is_ascii_digit() || ('０'..='９').contains(&c) || "一二三四五六七八九十".contains(c)
}

/// The length in bytes of a date at the start of `s`: 2023年5月6日, 二〇一一年十月二十六日,
/// 2023年5月, 2023-05-06, 2023.5.6.
pub(crate) fn date_at(s: &str) -> Option<usize> {
    let mut it = s.char_indices().peekable();
    let mut year = 0;
    while it.peek().is_some_and(|&(_, c)| is_year_digit(c)) {
        it.next();
        year += 1;
    }
    if year != 4 {
        return None;
    }
    let number = |it: &mut std::iter::Peekable<std::str::CharIndices>| {
        let mut n = 0;
        while it.peek().is_some_and(|&(_, c)| is_small_number(c)) {
            it.next();
            n += 1;
        }
        (1..=3).contains(&n)
    };
    let (_, sep) = it.next()?;
    match sep {
        '年' => {
            if !number(&mut it) || it.next()?.1 != '月' {
                return None;
            }
            let month_end = it.peek().map_or(s.len(), |&(i, _)| i);
            if number(&mut it) {
                if let Some((i, c @ ('日' | '号'))) = it.next() {
                    return Some(i + c.len_utf8());
                }
                return None;
            }
            Some(month_end)
        }
        '-' | '.' | '/' => {
            if !number(&mut it) || it.next()?.1 != sep || !number(&mut it) {
                return None;
            }
            Some(it.peek().map_or(s.len(), |&(i, _)| i))
        }
        _ => None,
    }
}

/// Whether the whole line is a date, perhaps in parentheses.
pub(crate) fn is_date_line(t: &str) -> bool {
    const MAX_BYTES: usize = 200;
    if t.len() > MAX_BYTES {
        return false;
    }
    let bare: String = t
        .trim_matches(|c| matches!(c, '（' | '(' | '）' | ')') || is_blank(c))
        .chars()
        .filter(|&c| !is_blank(c))
        .collect();
    !bare.is_empty() && date_at(&bare) == Some(bare.len())
}

/// The first date written in `t`, if any.
pub(crate) fn date_in(t: &str) -> Option<&str> {
    t.char_indices().find_map(|(i, _)| date_at(&t[i..]).map(|len| &t[i..i + len]))
}

/// Whether every part of `t` is a form of address: 同志们, 各位领导, 尊敬的……, 大家. Names
/// joined by 、 share the form of the first ("尊敬的孙教授、董教授").
fn is_addressing(t: &str) -> bool {
    const MAX_PART: usize = 15;
    const MAX_JOINED: usize = 6;
    let body = t.trim_end_matches(['：', ':', '，', ',', '！', '!']);
    let address = |p: &str| {
        p.ends_with(['们', '們'])
            || p.starts_with("各位")
            || p.starts_with("尊敬的")
            || p.starts_with("亲爱的")
            || p.starts_with("親愛的")
            || p == "大家"
    };
    let mut any = false;
    let mut joined = false; // the part before ended in 、 and was a form of address
    for (p, sep) in body.split_inclusive(['，', ',', '、', '！', '!', ' ', '　']).map(|p| {
        let sep = p.chars().next_back().filter(|c| "，,、！! 　".contains(*c));
        (sep.map_or(p, |c| &p[..p.len() - c.len_utf8()]), sep)
    }) {
        if p.is_empty() {
            continue;
        }
        // A name or title ("董教授", "李书记"), not a phrase ("今年以来的工作").
        let shared = joined && chars(p) <= MAX_JOINED && p.chars().all(is_han) && !p.contains('的');
        if !(shared || (address(p) && chars(p) <= MAX_PART)) {
            return false;
        }
        any = true;
        joined = sep == Some('、');
    }
    any
}

/// Words that make a line ending in a colon a lead-in to what follows, not an addressee.
const LEAD_IN: &[&str] = &[
    "如下", "以下", "几点", "几个", "意见", "讲", "谈", "说", "汇报", "要求", "指出", "强调", "是",
    "为", "了",
];

/// Whether the line names who the text is addressed to: "同志们：", "各位领导、同志们：",
/// or (only at the head, `front`) a 主送机关 line "各区县人民政府，市各委办局：".
pub(crate) fn is_salutation(t: &str, front: bool) -> bool {
    // A 主送 of many organs runs long: "各区县人民政府，市政府各委、办、局，……".
    const MAX_CHARS: usize = 80;
    const MAX_ORGANS: usize = 240;
    let n = chars(t);
    let max = if front { MAX_ORGANS } else { MAX_CHARS };
    if t.chars().any(is_sentence_punct) || has_label(t) || n > max {
        return false;
    }
    if n > MAX_CHARS && t.matches(['，', ',', '、']).count() * 12 < n {
        return false; // a long line with few separators is a sentence, not a list of organs
    }
    let colon = t.ends_with(['：', ':']);
    if is_addressing(t) {
        return colon || (front && n <= 30);
    }
    front
        && colon
        && ORGANS.iter().any(|w| t.contains(w))
        && !LEAD_IN.iter().any(|w| t.contains(w))
        && !t.starts_with("附件")
}

/// Words an addressee line (主送机关) names organs with.
const ORGANS: &[&str] = &[
    "各",
    "单位",
    "部门",
    "政府",
    "委员会",
    "机关",
    "办公",
    "局",
    "厅",
    "公司",
    "院",
    "校",
    "党委",
    "党组",
    "支部",
    "中心",
    "委",
    "办",
    "处",
    "街道",
    "乡镇",
    "学会",
    "协会",
];

/// A closing formula: "谢谢大家！", "我就讲这么多，谢谢大家。", "特此通知。".
pub(crate) fn is_closing(t: &str) -> bool {
    let n = chars(t);
    (n <= 30 && (t.contains("谢谢") || t.contains("謝謝") || t.contains("批评指正")))
        || (n <= 12 && (t.starts_with("特此") || t.starts_with("此复") || t.starts_with("妥否")))
}

/// Where the last sentence of a paragraph starts when it is a bare thanks formula
/// ("……贡献！谢谢大家！"), as a byte offset into `t`.
pub(crate) fn closing_tail(t: &str) -> Option<usize> {
    let body = t.trim_end_matches(is_terminator);
    let start = body
        .rfind(is_terminator)
        .map(|i| i + body[i..].chars().next().map_or(0, char::len_utf8))?;
    let last = &t[start..];
    let bare = last.trim_end_matches(is_terminator);
    matches!(bare, "谢谢大家" | "谢谢" | "谢谢各位" | "謝謝大家" | "謝謝").then_some(start)
}

/// The first line of an attachment note: "附件：1.……".
pub(crate) fn is_attachment_start(t: &str) -> bool {
    t.strip_prefix("附件").is_some_and(|r| r.trim_start_matches(is_blank).starts_with(['：', ':']))
}

/// A further item of an attachment note ("2.……"), numbered `expect`.
pub(crate) fn is_attachment_item(t: &str, expect: u32) -> bool {
    label::canonical(t).is_some_and(|f| {
        f.family == gongwen_ast::LabelFamily::Arabic && f.number == expect && chars(t) <= 60
    }) && !t.ends_with(['。', '；', ';'])
}

/// The number of the item an attachment line names ("附件：1.……" is 1), or 0.
pub(crate) fn attachment_number(t: &str) -> u32 {
    let rest =
        t.trim_start_matches("附件").trim_start_matches(|c| matches!(c, '：' | ':') || is_blank(c));
    // "附件：1.2024年任务分解表": a year right after the number is no decimal.
    let digits = rest.len() - rest.trim_start_matches(|c: char| c.is_ascii_digit()).len();
    let numbered = (1..=2).contains(&digits) && rest[digits..].starts_with(['.', '、', '．']);
    match label::canonical(rest) {
        Some(f) => f.number,
        None if numbered => rest[..digits].parse().unwrap_or(0),
        None => 0,
    }
}

/// A signature line: an organ or a name, short, no punctuation.
pub(crate) fn is_signature(t: &str) -> bool {
    (2..=25).contains(&chars(t))
        && t.chars().any(is_han)
        && t.chars().all(|c| !c.is_ascii_punctuation() || matches!(c, '(' | ')'))
        && !t.chars().any(|c| is_sentence_punct(c) || matches!(c, '，' | '：' | '。'))
        && !has_label(t)
        && !is_date_line(t)
        && !is_closing(t)
}

/// A note that may trail a notice after its date: "（此件公开发布）", "抄送：……".
pub(crate) fn is_trailing_note(t: &str) -> bool {
    (t.starts_with(['（', '(']) && t.ends_with(['）', ')']) && chars(t) <= 20 && !is_date_line(t))
        || t.starts_with("抄送")
        || t.contains("印发")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn document_numbers() {
        for t in [
            "济政字〔2021〕30号",
            "瑞政办(2011)129号",
            "国办函 [2004] 80号",
            "( 吉府发〔2003〕37号 )",
            "（湘政办发〔2009〕24号）",
            "×政复〔2013〕102号",
            "×政綜〔2008〕42號",
        ] {
            assert!(is_doc_number(t), "{t}");
        }
        for t in [
            "（2023年5月6日）",
            "（一）加强领导〔2023〕",
            "你市《关于……的请示》（×府呈[2013]105号）收悉。",
        ] {
            assert!(!is_doc_number(t), "{t}");
        }
    }

    #[test]
    fn titles() {
        assert!(is_title_like("县长在四季度县政府班子碰头会上的讲话"));
        assert!(is_title_like("在縣委工作會上的發言稿"));
        assert!(is_title_like("凝心聚力，奋勇争先"));
        assert!(completes_title("在全市工作会议上的讲话（摘要）"));
        assert!(completes_title("在全县干部大会上的发言稿"));
        assert!(!completes_title("在全县干部大会上"));
        assert!(!is_title_like("同志们："));
        assert!(!is_title_like("一、强化问题导向"));
        assert!(!is_title_like("今天，我们召开会议。"));
        assert!(!is_title_like("2023年5月6日"));
        assert!(!is_title_like("各位领导、同志们"));
    }

    #[test]
    fn subtitles() {
        for t in [
            "——在全市经济工作会议上的讲话",
            "（2022年1月5日）",
            "张三同志",
            "市委书记 张三",
            "张三",
            "X政发〔2023〕1号",
        ] {
            assert!(is_subtitle(t), "{t}");
        }
        assert!(!is_subtitle("加快推动高质量发展"));
        assert!(is_subtitle("县委书记张三"));
        assert!(!is_subtitle("市委书记"));
        assert!(!is_subtitle("在公司总经理办公会"));
        assert!(is_subtitle("市政府秘书长 赵六"));
        assert!(!is_title_like("县委书记张三"));
        assert!(is_title_like("县委书记在全县大会上的讲话"));
        assert_eq!(speaker_in("——县委书记 张三").as_deref(), Some("县委书记 张三"));
        assert_eq!(speaker_in("县委副书记、县长李四").as_deref(), Some("县委副书记、县长李四"));
        let t = "市委书记 张三（2024年3月5日）";
        assert_eq!(speaker_in(t).as_deref(), Some("市委书记 张三"));
        assert_eq!(speaker_in("——在全县经济工作会议上的讲话"), None);
        assert_eq!(speaker_in("（2024年3月5日）"), None);
        let t = "——市委书记张三在全市经济工作会议上的讲话";
        assert_eq!(speaker_in(t).as_deref(), Some("市委书记张三"));
        assert_eq!(speaker_in("县长在四季度县政府班子碰头会上的讲话"), None);
        assert_eq!(speaker_in("张三在全县大会上的讲话"), None);
        assert_eq!(speaker_in("张三同志").as_deref(), Some("张三"));
        assert_eq!(
            speaker_in("市委书记张三同志在全市大会上的讲话").as_deref(),
            Some("市委书记张三")
        );
    }

    #[test]
    fn dates() {
        for t in [
            "2023年5月6日",
            "二〇一一年十月二十六日",
            "二○一一年十月二十六日",
            "（2022年1月5日）",
            "2023-05-06",
            "2023年5月",
        ] {
            assert!(is_date_line(t), "{t}");
        }
        for t in ["2022年全县重点工作", "1-9月份", "2023年5月6日召开会议"] {
            assert!(!is_date_line(t), "{t}");
        }
        assert_eq!(date_in("（2022年1月5日在全县大会上）"), Some("2022年1月5日"));
    }

    #[test]
    fn salutations() {
        assert!(is_salutation("同志们:", false));
        assert!(is_salutation("各位领导、同志们：", false));
        assert!(is_salutation("尊敬的各位来宾，女士们、先生们：", false));
        assert!(is_salutation("各区县人民政府，市政府各委、办、局：", true));
        assert!(!is_salutation("各区县人民政府，市政府各委、办、局：", false));
        assert!(!is_salutation("下面，我讲三点意见：", true));
        assert!(!is_salutation("同志们，今天我们召开会议。", true));
        assert!(!is_salutation("同志们，今天我们召开会议", true));
        assert!(is_salutation("同志们，", true));
        assert!(is_salutation("各位代表，同志們：", false));
        let organs = "各区县人民政府，市政府各委、办、局，各有关单位，市属各国有企业，各大专院校，驻市各单位，市各人民团体，市人大常委会办公厅，市政协办公厅，市法院，市检察院，市委各部委：";
        assert!(chars(organs) > 80 && is_salutation(organs, true));
    }

    #[test]
    fn closings() {
        assert!(is_closing("谢谢大家！"));
        assert!(is_closing("我就讲这么多,谢谢大家。"));
        assert!(is_closing("特此通知。"));
        assert!(!is_closing("特此通知各单位，务必于本月底前完成全部工作任务并上报结果。"));
        let t = "作出新的更大贡献！谢谢大家！";
        assert_eq!(closing_tail(t).map(|i| &t[i..]), Some("谢谢大家！"));
        assert_eq!(closing_tail("作出新的更大贡献！"), None);
    }

    #[test]
    fn attachments_and_signatures() {
        assert!(is_attachment_start("附件：1.春节值班表"));
        assert_eq!(attachment_number("附件：1.春节值班表"), 1);
        assert_eq!(attachment_number("附件：1.2024年任务分解表"), 1);
        assert_eq!(attachment_number("附件：2024年任务分解表"), 0);
        assert!(is_attachment_item("2.联系人名单", 2));
        assert!(!is_attachment_item("3.联系人名单", 2));
        assert!(is_signature("某某市人民政府办公室"));
        assert!(!is_signature("谢谢大家！"));
        assert!(!is_signature("2023年5月6日"));
    }
}
