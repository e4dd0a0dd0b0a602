//! Page furniture by evidence: whether a kept line belongs to the document or to the web
//! page around it (a site header, a view counter, a disclosure field, a footer), judged from
//! the line's shape and vocabulary and then smoothed by its neighbours, the way boilerplate
//! removers for web pages do (jusText's short/good/bad classes and context rules).
//!
//! The phrase table in `noise.rs` removes the unambiguous lines first; this pass weighs what
//! is left. Its classes feed the head and tail passes, which add position: what stands
//! before a document's title, or after its last signature, is the page's.

use crate::text::{is_blank, is_han, is_terminator};
use crate::{front, label};

/// Why a short line is furniture when only its neighbours say so: a title between a
/// breadcrumb and a byline is short too, so the head pass may still take it.
pub(crate) const AMONG_FURNITURE: &str = "a short line among page furniture";

/// How a line reads, before its position is known.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Class {
    /// Page furniture, with the evidence that says so.
    Furniture(&'static str),
    /// Document text: a sentence of some length, or a numbered line.
    Good,
    /// Too short to say on its own; its neighbours decide.
    Short,
    /// Short, but a document's own shape: a complete title ("……的通知") or a date.
    Own,
}

/// Words of page furniture that seldom stand in a document: each is evidence enough on a
/// line that is no sentence.
const STRONG: &[&str] = &[
    "首页",
    "当前位置",
    "所在位置",
    "您的位置",
    "主办：",
    "主办:",
    "承办：",
    "承办:",
    "技术支持",
    "版权所有",
    "ICP备",
    "公网安备",
    "网站地图",
    "网站帮助",
    "隐私声明",
    "关于我们",
    "无障碍",
    "关怀版",
    "访问量",
    "阅读量",
    "浏览量",
    "浏览次数",
    "点击数",
    "点击量",
    "点击率",
    "上一篇",
    "下一篇",
    "扫一扫",
    "小编",
    "文库",
    "范文",
    "会员",
    "字号",
    "责任编辑",
    "二维码",
    "未完",
    "全文共",
    "当前显示",
    "提示信息",
    "请认真阅读",
    // A page's prompts to click: "因篇幅问题不能全部显示，请点此查看更多更全内容".
    "点此",
    "点击此处",
    "查看更多",
    "查看全文",
    // The same on pages in traditional characters.
    "首頁",
    "當前位置",
    "所在位置",
    "您的位置",
    "版權所有",
    "網站地圖",
    "訪問量",
    "閱讀量",
    "瀏覽量",
    "瀏覽次數",
    "點擊數",
    "點擊量",
    "上一篇",
    "下一篇",
    "掃一掃",
    "小編",
    "文庫",
    "範文",
    "會員",
    "字號",
    "責任編輯",
    "二維碼",
];

/// Words that may stand in a document too: evidence only with more of the same or with a
/// furniture shape.
const WEAK: &[&str] = &[
    "网站", "打印", "关闭", "收藏", "分享", "下载", "整理", "预览", "字体", "返回", "来源", "发布",
    "关联", "解读", "登录", "注册", "栏目", "专栏", "频道", "正文", "原创", "作者", "访问", "继续",
    "放弃", "顶部", "本页", "窗口", "網站", "關閉", "下載", "預覽", "字體", "返回", "來源", "發布",
    "發佈", "關聯", "解讀", "登錄", "註冊", "欄目", "專欄", "頻道", "訪問", "繼續", "頂部", "本頁",
    // A sharing site's collections: "……制度汇编合集下载", "讲话稿大全", "精选5篇".
    "合集", "大全", "精选", "精選",
];

/// Characters sites separate the parts of a breadcrumb or a title with.
fn is_separator(c: char) -> bool {
    matches!(c, '|' | '｜' | '>' | '＞' | '»' | '›' | '/' | '丨' | '_')
}

/// Whether `t` holds a date-time stamp as sites print them: "2021-07-19", "14:58",
/// "[ 03-09 ]".
fn has_timestamp(t: &str) -> bool {
    let b = t.as_bytes();
    (0..b.len()).any(|i| {
        let d = |j: usize| b.get(i + j).is_some_and(u8::is_ascii_digit);
        // 2021-07-19 or 2021-7-19
        (d(0) && d(1) && d(2) && d(3) && b.get(i + 4) == Some(&b'-') && d(5))
            // 14:58
            || (d(0) && d(1) && b.get(i + 2) == Some(&b':') && d(3) && d(4))
            // 03-09 ]
            || (i > 0 && !b[i - 1].is_ascii_digit() && d(0) && d(1) && b.get(i + 2) == Some(&b'-') && d(3) && d(4) && !d(5))
    })
}

/// How much says `t` is page furniture, and the strongest piece of that evidence.
pub(crate) fn evidence(t: &str) -> (u32, &'static str) {
    let n = t.chars().filter(|&c| !is_blank(c)).count();
    // A statement is text, whatever words it uses.
    let statement = t.contains(['。', '；', ';']);
    if n == 0
        || n > 80
        || (statement && n >= 12)
        || front::is_date_line(t)
        || front::is_doc_number(t)
    {
        return (0, "");
    }
    let mut score = 0;
    let mut why = "";
    let strong = STRONG.iter().filter(|w| t.contains(*w)).count() as u32;
    let weak = WEAK.iter().filter(|w| t.contains(*w)).count() as u32;
    if strong > 0 {
        score += 2 * strong;
        why = "furniture vocabulary (首页, 阅读量, 版权所有 …)";
    }
    if weak > 0 {
        score += weak;
        if why.is_empty() {
            why = "furniture vocabulary (打印, 分享, 来源 …)";
        }
    }
    let digits = t.chars().filter(char::is_ascii_digit).count();
    let latin = t.chars().filter(char::is_ascii_alphabetic).count();
    let han = t.chars().filter(|&c| is_han(c)).count();
    if n >= 4 && digits * 5 >= n * 2 {
        score += 2;
        why = if why.is_empty() { "mostly digits" } else { why };
    } else if n >= 4 && digits * 4 >= n {
        score += 1;
    }
    if n >= 4 && latin * 10 >= n * 3 && han * 2 < n {
        score += 1;
        why = if why.is_empty() { "mostly Latin letters" } else { why };
    }
    let separators = t.chars().filter(|&c| is_separator(c)).count();
    if separators >= 2 || t.starts_with(is_separator) {
        score += 2;
        why = if why.is_empty() { "separators (| > » / 丨)" } else { why };
    }
    if has_timestamp(t) {
        score += 1;
        why = if why.is_empty() { "a date-time stamp" } else { why };
    }
    // An empty field: "关联稿件：", "索 引 号：".
    if t.ends_with(['：', ':']) && n <= 8 {
        score += 1;
        why = if why.is_empty() { "an empty field" } else { why };
    }
    // A clause of some length reads as text, unless two of the page's strong words say
    // otherwise.
    if t.contains(['？', '?', '！', '!', '，', ',']) && n >= 20 && strong < 2 {
        score = score.saturating_sub(2);
    }
    (score, why)
}

/// A line of a table of contents: a heading, dot leaders, a page number.
pub(crate) fn is_toc(t: &str) -> bool {
    let bare = t.trim_end_matches(|c: char| c.is_ascii_digit() || is_blank(c));
    bare.len() < t.len() && (bare.ends_with('…') || bare.ends_with("..") || bare.ends_with('.'))
}

/// Whether `t` reads as document text by its shape alone.
fn is_good(t: &str) -> bool {
    let n = t.chars().filter(|&c| !is_blank(c)).count();
    let sentence = t.chars().any(|c| is_terminator(c) || matches!(c, '；' | ';' | '，' | ','));
    (sentence && n >= 15) || n >= 60 || label::any(t).is_some() || is_toc(t)
}

/// The class of every line, by its own evidence, its field and the lines around it.
pub(crate) fn classify(vis: &[String]) -> Vec<Class> {
    const THRESHOLD: u32 = 2;
    let mut class: Vec<Class> = vis
        .iter()
        .map(|t| {
            let (score, why) = evidence(t);
            if score >= THRESHOLD {
                Class::Furniture(why)
            } else if is_good(t) && (score == 0 || t.chars().count() >= 30) {
                Class::Good
            } else if front::is_date_line(t)
                || (front::is_title_like(t) && front::completes_title(t))
            {
                Class::Own
            } else {
                Class::Short
            }
        })
        .collect();
    // A field label on a line of its own ("责任部门：") names the value on the next line;
    // a label that introduces document text ("资料来源：" above a paragraph, a 主送 above
    // "现将有关事项通知如下。") is text: a field's value is no finished sentence.
    for i in 0..vis.len() {
        let field = vis[i].ends_with(['：', ':'])
            && vis[i].chars().count() <= 8
            && !front::is_salutation(&vis[i], false);
        if !field {
            continue;
        }
        let sentence = vis.get(i + 1).is_some_and(|t| t.ends_with(is_terminator));
        match class.get(i + 1) {
            Some(Class::Good) => class[i] = Class::Short,
            Some(Class::Short) if sentence => class[i] = Class::Short,
            Some(Class::Short) => {
                class[i] = Class::Furniture("a page field on a line of its own");
                class[i + 1] = Class::Furniture("the value of a page field");
            }
            _ => {}
        }
    }
    // A run of short lines between furniture (or furniture and the end) is furniture.
    let mut i = 0;
    while i < vis.len() {
        if class[i] != Class::Short {
            i += 1;
            continue;
        }
        let start = i;
        while i < vis.len() && class[i] == Class::Short {
            i += 1;
        }
        let before = start.checked_sub(1).map(|j| class[j]);
        let after = class.get(i).copied();
        let furniture = |c: Option<Class>| matches!(c, Some(Class::Furniture(_)));
        let edge_or_furniture = |c: Option<Class>| c.is_none() || furniture(c);
        if (furniture(before) && edge_or_furniture(after))
            || (furniture(after) && edge_or_furniture(before))
        {
            for c in &mut class[start..i] {
                *c = Class::Furniture(AMONG_FURNITURE);
            }
        }
    }
    class
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn evidence_weighs_shape_and_words() {
        for t in [
            "阅读量:3606910 2019-10-20",
            "访问量：1632",
            "| 郭家2",
            "【返回顶部】【关闭本页】",
            "网站地图 网站帮助 隐私声明 关于我们",
            "赣ICP备11002306号-1  网站标识码：3609220011",
            "东方文库 > 致辞稿 > 开幕致辞",
            "关联稿件：",
            "(未完,全文共2001字,当前显示475字)",
            "因篇幅问题不能全部显示，请点此查看更多更全内容",
        ] {
            assert!(evidence(t).0 >= 2, "{t}");
        }
        for t in [
            "关于发布2023年全县重点工作的通知",
            "各单位要把文件精神分享给每一位干部职工，认真组织学习。",
            "会员单位要按照原创作品保护的规定，认真组织学习。",
            "各会员单位要把作者的原创作品登记发布。",
            "万载县2022年国民经济和社会发展统计公报",
            "2023年5月6日",
        ] {
            assert!(evidence(t).0 < 2, "{t}");
        }
    }

    #[test]
    fn short_lines_take_their_neighbours_class() {
        let vis: Vec<String> = [
            "今天我们召开会议，研究部署下一阶段的重点工作。",
            "注释：",
            "资料来源：",
            "本公报中财政数据来自县财政局，其余数据来自各部门。",
            "网站地图 网站帮助 隐私声明",
            "X",
            "继续访问 放弃",
        ]
        .iter()
        .map(|s| s.to_string())
        .collect();
        let c = classify(&vis);
        assert_eq!(c[1], Class::Short);
        assert_eq!(c[2], Class::Short);
        assert!(matches!(c[5], Class::Furniture(_)));
    }
}
