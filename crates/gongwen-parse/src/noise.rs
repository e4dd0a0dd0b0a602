//! Web noise: whole lines a web copy adds to a text, and paywall prefixes glued to a line.
//!
//! A new kind of noise is one more row in [`LINE_RULES`] (or [`INLINE`]).

use std::borrow::Cow;

use gongwen_ast::Reason;

use crate::text::{is_sentence_punct, visible, visible_len};

/// A rule that removes a whole line.
struct LineRule {
    reason: Reason,
    /// Longest line (in visible characters) the rule applies to: real paragraphs are long.
    max_len: usize,
    matches: fn(&str) -> bool,
}

/// `needle`, and the same with a half-width colon when it has a full-width one: web
/// copies write both.
fn colon_forms(needle: &str) -> impl Iterator<Item = Cow<'_, str>> {
    let half = needle.contains('：').then(|| Cow::Owned(needle.replace('：', ":")));
    std::iter::once(Cow::Borrowed(needle)).chain(half)
}

fn contains_any(t: &str, needles: &[&str]) -> bool {
    needles.iter().flat_map(|n| colon_forms(n)).any(|n| t.contains(n.as_ref()))
}

fn starts_any(t: &str, needles: &[&str]) -> bool {
    needles.iter().flat_map(|n| colon_forms(n)).any(|n| t.starts_with(n.as_ref()))
}

const PAYWALL: &[&str] = &[
    "此处内容需要权限查看",
    "此處內容需要權限查看",
    "会员免费查看",
    "會員免費查看",
    "开通会员",
    "登录后查看",
    "付费阅读",
    "剩余内容已隐藏",
    "查看全部内容",
    "下载全文",
    "展开全文",
    "阅读全文",
    "查看全文",
    "想阅读完全部",
    "需要先登录",
    "需要先登陆",
];

const RELATED: &[&str] = &[
    "相关文章",
    "相關文章",
    "相关推荐",
    "相關推薦",
    "推荐阅读",
    "推薦閱讀",
    "猜你喜欢",
    "猜你喜歡",
    "延伸阅读",
    "热门文章",
    "精选范文",
    "更多相关",
    "往期推荐",
    "往期回顾",
    "精彩推荐",
    "热文推荐",
];

fn web_trailer(t: &str) -> bool {
    is_site_notice(t)
        || (contains_any(t, &["http://", "https://", "www."]) && visible_len(t) <= 100)
}

/// A trailer's words of the site about itself ("版权声明", "转载请注明"), not merely an
/// address (a notice may give its own web address).
pub(crate) fn is_site_notice(t: &str) -> bool {
    contains_any(
        t,
        &[
            "由互联网用户分享整理",
            "由互聯網用戶分享整理",
            "文章地址：http",
            "本文地址：",
            "原文链接：",
            "转载请注明",
            "转载请保留",
            "版权归原作者",
            "本站不拥有所有权",
            "版权声明",
            "免责声明",
        ],
    )
}

/// The line without brackets around it: "（责任编辑：张三）", "[来源：新华网]".
fn unbracketed(t: &str) -> &str {
    // Brackets around a field, and the bullets a site sets before its fields ("· 来源：").
    t.trim_matches(|c: char| "【】[]（）()〔〕·•●◆■▪".contains(c) || c.is_whitespace())
}

/// A line that is a paywall notice, perhaps with a few more words ("，请登录"): a paywall
/// word glued to a sentence is removed inline instead.
fn paywall(t: &str) -> bool {
    const MAX_REST: usize = 8;
    if !contains_any(t, PAYWALL) {
        return false;
    }
    let rest = PAYWALL.iter().fold(t.to_string(), |t, w| t.replace(w, ""));
    rest.chars().filter(|c| c.is_alphanumeric()).count() <= MAX_REST
}

fn related(t: &str) -> bool {
    let bare = t.trim_matches(|c: char| "【】[]：:·—-".contains(c) || c.is_whitespace());
    RELATED.iter().any(|r| bare.ends_with(r) || bare.starts_with(r))
}

fn page_number(t: &str) -> bool {
    let bare: String = t.chars().filter(|c| !c.is_whitespace()).collect();
    let inner = bare.trim_matches(|c: char| "-－—–―".contains(c));
    let digits = |s: &str| !s.is_empty() && s.chars().all(|c| c.is_ascii_digit());
    (inner.len() < bare.len() && digits(inner))
        || (bare.starts_with('第') && bare.contains('页') && !bare.contains('。'))
        || bare.split_once('/').is_some_and(|(a, b)| digits(a) && digits(b))
}

/// A line that names a document file ("某某工作计划.docx", "《…….pdf》由会员分享……"): the
/// header of a document-sharing page. The text of a document names documents by their
/// titles; only an attachment list (附件：1.名单.xlsx) may name files, so a line that opens
/// with 附 or a list number is kept.
fn names_a_file(t: &str) -> bool {
    const EXTENSIONS: &[&str] =
        &["docx", "doc", "wps", "pdf", "ofd", "pptx", "ppt", "xlsx", "xls", "txt"];
    let listed = t.starts_with('附') || crate::label::any(t).is_some();
    let file_at = |(dot, _): (usize, &str)| {
        let named = t[..dot].chars().next_back().is_some_and(crate::text::is_han);
        let rest = &t[dot + 1..];
        named
            && EXTENSIONS.iter().any(|ext| {
                rest.get(..ext.len()).is_some_and(|r| r.eq_ignore_ascii_case(ext))
                    && !rest[ext.len()..].starts_with(|c: char| c.is_ascii_alphanumeric())
            })
    };
    !listed && t.match_indices('.').any(file_at)
}

fn breadcrumb(t: &str) -> bool {
    (contains_any(t, &["当前位置", "您的位置", "首页"]) && contains_any(t, &[">", "＞", "»", "›"]))
        || starts_any(
            t,
            &["浏览次数", "阅读次数", "点击次数", "浏览：", "阅读：", "点击：", "分享到"],
        )
        || matches!(
            t,
            "打印本页" | "关闭窗口" | "【打印】" | "【关闭】" | "返回顶部" | "上一篇" | "下一篇"
        )
        || starts_any(
            t,
            &["上一篇：", "下一篇：", "字体：", "【字体：", "标签：", "TAG标签", "Tags："],
        )
}

fn source_line(t: &str) -> bool {
    // A byline is fields, not a sentence: "责任编辑要认真审核每一篇稿件，……。" is text.
    let byline = (!t.contains(['。', '；', ';', '！', '？']) && !t.contains(['，', ',']))
        || (visible_len(t) <= 30 && !t.contains(['。', '；', ';']));
    byline
        && starts_any(
            unbracketed(t),
            &[
                "来源：",
                "本文来源",
                "信息来源",
                "作者：",
                "发布时间",
                "发布日期",
                "发表时间",
                "更新时间",
                "责任编辑",
                "编辑：",
            ],
        )
        || contains_any(t, &["发布时间：", "发布日期："])
        || page_fields(t) >= 2
        || disclosure_field(t)
        || wechat_byline(t)
}

/// The byline of a WeChat article ("原创 XX融媒 XX发布 2024-04-08 18:30 发表于某某省") and
/// its end mark ("END", "—END—").
fn wechat_byline(t: &str) -> bool {
    let bare = t.trim_matches(|c: char| "-－—–―·".contains(c) || c.is_whitespace());
    !t.chars().any(is_sentence_punct)
        && ((t.starts_with("原创") && t.contains(['-', '年']))
            || t.contains("发表于")
            || bare == "END")
}

/// A row of the table a government site sets above a document it discloses
/// ("索引号：…", "发文机关：…", "标　　题：…"): the document repeats all of it.
fn disclosure_field(t: &str) -> bool {
    const FIELDS: &[&str] = &[
        "索引号：",
        "主题分类：",
        "发文机关：",
        "成文日期：",
        "发文字号：",
        "文号：",
        "公开方式：",
        "公开范围：",
        "公开时限：",
        "有效性：",
        "主题词：",
        "体裁分类：",
        "组配分类：",
        "信息分类：",
        "生效日期：",
        "废止日期：",
        "公开日期：",
        "时效性：",
        "效力级别：",
        "发文机构：",
        "发布机构：",
        "文种：",
    ];
    let packed: String = t.chars().filter(|&c| !crate::text::is_blank(c)).collect();
    // "标题：" alone may be a formatting rule ("标题：2号小标宋体字"); the row names a
    // document.
    let title_row = packed
        .strip_prefix("标题：")
        .or_else(|| packed.strip_prefix("标题:"))
        .is_some_and(crate::front::completes_title);
    title_row || starts_any(&packed, FIELDS)
}

/// How many page fields a line names ("时间：… 作者：… 点击：…"): one may be text (a
/// notice's "时间：3月15日上午9时"), two are a page's header.
fn page_fields(t: &str) -> usize {
    const FIELDS: &[&str] = &[
        "时间：",
        "作者：",
        "来源：",
        "点击：",
        "浏览：",
        "阅读：",
        "编辑：",
        "浏览次数",
        "点击数",
    ];
    FIELDS.iter().filter(|f| contains_any(t, &[f])).count()
}

/// An ad line. A sentence that mentions ads or an official account ("要整治虚假广告。") is
/// text, not an ad.
fn advertisement(t: &str) -> bool {
    !t.contains(['。', '；', ';'])
        && contains_any(
            t,
            &[
                "扫码关注",
                "扫一扫",
                "关注公众号",
                "微信公众号",
                "免费下载",
                "点击下载",
                "下载APP",
                "广告",
                "客户端查看",
                "点击上方",
                "关注我们",
                "长按识别",
                "识别二维码",
                "点个在看",
                "分享给更多人",
            ],
        )
}

/// Runs of the random characters some forums insert to spoil copying ("! D$ v5 F1 ]! w!
/// L2 }", glued before or after a sentence or on a line of their own): tokens of one to
/// three ASCII characters, single spaces between them, many of them symbols, letters and
/// digits mixed. Words, figures and abbreviations ("GDP 增长 6.5 %", "A B C") are no such
/// run. Byte ranges in `t`.
pub(crate) fn scrambled_runs(t: &str) -> Vec<(usize, usize)> {
    const MIN_TOKENS: usize = 6;
    const MAX_TOKEN: usize = 3;
    let b = t.as_bytes();
    let mut out = Vec::new();
    // Most lines hold too few spaces for a run: one quick count rules them out.
    if b.iter().filter(|&&c| c == b' ').count() < MIN_TOKENS - 1 {
        return out;
    }
    let mut i = 0;
    while i < b.len() {
        if !b[i].is_ascii_graphic() {
            i += 1;
            continue;
        }
        // A run of tokens from `i`.
        let start = i;
        let (mut tokens, mut symbols, mut letters, mut digits) = (0, 0, 0, 0);
        let mut end = i;
        let mut j = i;
        loop {
            let token_start = j;
            while j < b.len() && b[j].is_ascii_graphic() {
                j += 1;
            }
            let token = &b[token_start..j];
            if token.is_empty() || token.len() > MAX_TOKEN {
                break;
            }
            tokens += 1;
            symbols += usize::from(token.iter().any(u8::is_ascii_punctuation));
            letters += usize::from(token.iter().any(u8::is_ascii_alphabetic));
            digits += usize::from(token.iter().any(u8::is_ascii_digit));
            end = j;
            // One space, then the next token.
            if j + 1 < b.len() && b[j] == b' ' && b[j + 1].is_ascii_graphic() {
                j += 1;
            } else {
                break;
            }
        }
        if tokens >= MIN_TOKENS && symbols * 3 >= tokens && letters >= 2 && digits >= 2 {
            out.push((start, end));
        }
        i = end.max(start + 1);
        while i < b.len() && b[i].is_ascii_graphic() {
            i += 1; // the rest of a long token
        }
    }
    out
}

fn scrambled(t: &str) -> bool {
    let trimmed = t.trim();
    scrambled_runs(trimmed).first().is_some_and(|&(a, b)| a == 0 && b == trimmed.len())
}

const LINE_RULES: &[LineRule] = &[
    LineRule { reason: Reason::AntiCopy, max_len: MAX_RULE_LEN, matches: scrambled },
    LineRule { reason: Reason::WebTrailer, max_len: MAX_RULE_LEN, matches: web_trailer },
    LineRule { reason: Reason::Paywall, max_len: 40, matches: paywall },
    LineRule { reason: Reason::RelatedArticles, max_len: 40, matches: related },
    LineRule { reason: Reason::PageNumber, max_len: 15, matches: page_number },
    LineRule { reason: Reason::Breadcrumb, max_len: 60, matches: breadcrumb },
    LineRule { reason: Reason::SourceLine, max_len: 80, matches: source_line },
    LineRule { reason: Reason::Advertisement, max_len: 40, matches: advertisement },
    LineRule { reason: Reason::Breadcrumb, max_len: 120, matches: names_a_file },
];

/// No rule removes a line longer than this: noise is short, paragraphs are long.
const MAX_RULE_LEN: usize = 200;

/// Words that are noise wherever they stand in a line: glued to the start of a paragraph
/// (where a heading may follow), to its end, or in the middle of a sentence.
const INLINE: &[(&str, Reason)] = &[
    ("此处内容需要权限查看", Reason::Paywall),
    ("此處內容需要權限查看", Reason::Paywall),
    ("会员免费查看", Reason::Paywall),
    ("會員免費查看", Reason::Paywall),
];

/// An app card left in the text: "(此处已添加小程序，请到今日头条客户端查看)".
const CARD: (&str, &str) = ("此处已添加", "客户端查看");

/// Whether `t` starts with words that open a web trailer ("上一篇：", "本文地址："): in a
/// text pasted as one line, a new line starts there.
pub(crate) fn starts_trailer(t: &str) -> bool {
    const STARTS: &[&str] = &[
        "上一篇",
        "下一篇",
        "本文地址",
        "原文链接",
        "文章地址",
        "相关文章",
        "相关推荐",
        "推荐阅读",
        "责任编辑",
        "（责任编辑",
        "(责任编辑",
        "来源：",
        "来源:",
    ];
    STARTS.iter().any(|w| t.starts_with(w))
}

/// The site name a page title ends with: "……的讲话_公文范文网", "…… | 第一范文网".
fn site_suffix(s: &str) -> Option<usize> {
    const MAX_NAME: usize = 15;
    const SITES: &[&str] = &["网", "網", "网站", "文库", "文庫", "范文", ".com", ".cn", ".net"];
    let at = s.rfind(['_', '|', '｜']).or_else(|| s.rfind(" - "))?;
    let name = s[at..].trim_start_matches(['_', '|', '｜', ' ', '-']).trim_end();
    let plain = !name.is_empty() && !name.contains(|c: char| is_sentence_punct(c) || c == '，');
    (plain && name.chars().count() <= MAX_NAME && SITES.iter().any(|w| name.ends_with(w)))
        .then(|| s[..at].trim_end().len())
}

/// Byte ranges (relative to `s`) of noise inside a line, with the reason for each.
pub(crate) fn inline_ranges(s: &str) -> Vec<(usize, usize, Reason)> {
    let mut out: Vec<(usize, usize, Reason)> =
        scrambled_runs(s).into_iter().map(|(a, b)| (a, b, Reason::AntiCopy)).collect();
    if let Some(at) = site_suffix(s) {
        out.push((at, s.len(), Reason::Breadcrumb));
    }
    // Every inline noise word ends in 查看: one scan rules most lines out.
    if !s.contains("查看") {
        return out;
    }
    for &(word, reason) in INLINE {
        out.extend(s.match_indices(word).map(|(i, w)| (i, i + w.len(), reason)));
    }
    for (i, _) in s.match_indices(CARD.0) {
        let open = s[..i].strip_suffix(['(', '（']).map(|before| before.len());
        let rest = &s[i..];
        let close = rest.find(CARD.1).map(|j| j + CARD.1.len()).filter(|&j| j < 120);
        if let (Some(start), Some(end)) = (open, close) {
            let end = i + end;
            let end = end
                + s[end..]
                    .chars()
                    .next()
                    .filter(|c| matches!(c, ')' | '）'))
                    .map_or(0, char::len_utf8);
            out.push((start, end, Reason::Advertisement));
        }
    }
    out
}

/// Why a whole (trimmed) line is noise, if it is.
pub(crate) fn line_reason(t: &str) -> Option<Reason> {
    // Even with every character annotated, a line this long is a real paragraph.
    if t.len() > MAX_RULE_LEN * 12 {
        return None;
    }
    let t = visible(t);
    let len = t.chars().count();
    LINE_RULES.iter().find(|r| len <= r.max_len && (r.matches)(&t)).map(|r| r.reason)
}

/// A noise prefix glued to the start of a line that goes on with real text: its length in
/// bytes and why it goes.
pub(crate) fn prefix(t: &str) -> Option<(usize, Reason)> {
    const MIN_REST: usize = 4;
    let scrambled = scrambled_runs(t).first().filter(|&&(a, _)| a == 0).map(|&(_, b)| b);
    if let Some(end) = scrambled.filter(|&end| visible_len(&t[end..]) >= MIN_REST) {
        return Some((end, Reason::AntiCopy));
    }
    INLINE
        .iter()
        .find(|(p, _)| t.starts_with(p) && visible_len(&t[p.len()..]) >= MIN_REST)
        .map(|&(p, r)| (p.len(), r))
}

/// Whether a line after a "related articles" heading is one more link in its list: short,
/// and not a sentence.
pub(crate) fn is_link_line(t: &str) -> bool {
    visible_len(t) <= 60 && !t.chars().any(is_sentence_punct)
}

/// Whether lines after this one, while they look like links, belong to its list.
pub(crate) fn starts_list(reason: Reason) -> bool {
    reason == Reason::RelatedArticles
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scrambled_runs_and_what_is_no_such_run() {
        let t = "* d9 S8 c: b/ b6 Y% |近几年来，我国进行改革。3 G4 |- ^4 L( m6 S b/ y* t) u: E";
        let runs: Vec<&str> = scrambled_runs(t).into_iter().map(|(a, b)| &t[a..b]).collect();
        assert_eq!(runs, ["* d9 S8 c: b/ b6 Y% |", "3 G4 |- ^4 L( m6 S b/ y* t) u: E"]);
        assert_eq!(line_reason("! D$ v5 F1 ]! w! L2 }"), Some(Reason::AntiCopy));
        assert_eq!(prefix(t), Some(("* d9 S8 c: b/ b6 Y% |".len(), Reason::AntiCopy)));
        for t in [
            "GDP 增长 6.5 %，CPI 上涨 2 %。",
            "选项 A B C D 中选一项。",
            "1 2 3 4 5 6 7 8 9 10",
            "ISO 9001:2015 and No. 1 of 2 in A4 by 3 x 4 cm",
            "http://www.gov.cn/a?b=1",
        ] {
            assert!(scrambled_runs(t).is_empty(), "{t}");
        }
    }

    #[test]
    fn site_suffixes() {
        let t = "在全县组织工作会议上的讲话_公文范文网";
        assert_eq!(site_suffix(t), Some("在全县组织工作会议上的讲话".len()));
        assert!(site_suffix("在全县大会上的讲话 - 第一范文网").is_some());
        assert!(site_suffix("在全县大会上的讲话｜文秘文库").is_some());
        assert_eq!(site_suffix("登录中国政府网"), None);
        assert_eq!(site_suffix("A_B两个方案，都在网"), None);
        assert_eq!(site_suffix("用户名_密码。请登录某某网"), None);
    }

    #[test]
    fn line_rules() {
        let cases = [
            (
                "《讲话》由互联网用户分享整理。文章地址:http://www.x.com/1.html",
                Some(Reason::WebTrailer),
            ),
            ("此处内容需要权限查看", Some(Reason::Paywall)),
            ("【在縣委工作會上的發言稿】相關文章:", Some(Reason::RelatedArticles)),
            ("- 3 -", Some(Reason::PageNumber)),
            ("第1页共10页", Some(Reason::PageNumber)),
            ("首页 > 范文 > 讲话稿", Some(Reason::Breadcrumb)),
            ("来源：市政府办公室 发布时间：2022-01-05", Some(Reason::SourceLine)),
            ("扫码关注公众号", Some(Reason::Advertisement)),
            (
                "作者:欧洲  更新时间:2022-12-31 07:47:37  来源:某网  责任编辑:石头",
                Some(Reason::SourceLine),
            ),
            ("时间：2024-05-16 作者：admin 点击：2217次", Some(Reason::SourceLine)),
            ("时间：2024年3月15日上午9时", None),
            ("索引号：113405000036/2024-00021", Some(Reason::SourceLine)),
            ("标　　题：某某市人民政府办公室关于加强垃圾分类工作的通知", Some(Reason::SourceLine)),
            ("发文字号：某政办〔2024〕5号", Some(Reason::SourceLine)),
            ("时效性 :现行有效", Some(Reason::SourceLine)),
            ("效力级别：地方规范性文件", Some(Reason::SourceLine)),
            ("标题党要不得。", None),
            ("标题：一般用2号小标宋体字，可分一行或多行居中排布", None),
            ("原创 XX县融媒体中心 XX发布 2024-04-08 18:30 发表于某某省", Some(Reason::SourceLine)),
            ("—END—", Some(Reason::SourceLine)),
            ("· 来源：市政府办公室", Some(Reason::SourceLine)),
            ("点击上方蓝字 关注我们", Some(Reason::Advertisement)),
            ("往期推荐", Some(Reason::RelatedArticles)),
            ("原创精神要发扬。", None),
            ("同志们，今天我们召开会议。", None),
            ("1-9月份，我县地区生产总值增幅仅为1%。", None),
            ("2023年5月6日", None),
            ("一、强化问题导向", None),
            ("XX区教育局2024年工作计划.docx", Some(Reason::Breadcrumb)),
            (
                "《工作总结.DOC》由会员分享，可在线阅读，请在文档网上搜索。",
                Some(Reason::Breadcrumb),
            ),
            ("附件：报名表.xlsx", None),
            ("2.参会人员名单.doc", None),
            ("营业收入达3.5亿元，同比增长12.3%。", None),
        ];
        for (t, want) in cases {
            assert_eq!(line_reason(t), want, "{t}");
        }
    }

    #[test]
    fn prefixes_need_following_text() {
        assert_eq!(prefix("会员免费查看(二)要深化"), Some(("会员免费查看".len(), Reason::Paywall)));
        assert_eq!(prefix("会员免费查看"), None);
    }
}
