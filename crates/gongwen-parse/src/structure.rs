//! The role of every kept line: the head of each document (title, 文号, subtitles,
//! salutation), its end matter (closing, attachment note, signature, date), page furniture
//! around it, and the body.
//!
//! The head is found from where the document's own text begins (its salutation, or its
//! first sentence) backwards: subtitles (speaker, date, time and place, 文号) stand right
//! above that, the title above them, and what stands above the title is the page's — a
//! site header, the page headline, a disclosure table. A notice that carries another
//! document (印发, 转发, 批复 with a report) has a 落款 (signature and date) in the middle;
//! the carried document's head is found after it the same way.

use gongwen_ast::Reason;

use crate::front::{self, Role};
use crate::label;
use crate::page::{self, Class};
use crate::text::is_blank;

/// Why a line took its role, for `gongwen check --explain`.
pub(crate) type Why = &'static str;

/// What the reader knows of each kept line besides its text.
#[derive(Clone, Copy)]
pub(crate) struct LineInfo {
    /// A removed line stands right before it.
    pub gap: bool,
    /// Blanks before the line in the source (right-aligned dates have many).
    pub indent: usize,
}

/// Lines searched for the start of a document's text after its title.
const MAX_HEAD: usize = 40;
/// Lines searched after a 落款 for the head of a carried document.
const MAX_CARRIED_HEAD: usize = 12;
/// Prose lines a salutation may stand under in a head (a news lead, an editor's note).
const MAX_LEADS: usize = 3;

struct Roles {
    roles: Vec<Role>,
    why: Vec<Why>,
}

impl Roles {
    fn set(&mut self, i: usize, role: Role, why: Why) {
        self.roles[i] = role;
        self.why[i] = why;
    }
}

/// A date line, or the digits of one a copy stripped of 年月日, right-aligned as a 落款
/// date is ("                2023515").
fn is_date_like(t: &str, info: &LineInfo) -> bool {
    const MIN_ALIGN: usize = 8;
    let digits = t.chars().all(|c| c.is_ascii_digit());
    front::is_date_line(t)
        || (digits
            && info.indent >= MIN_ALIGN
            && (6..=8).contains(&t.len())
            && (t.starts_with("19") || t.starts_with("20")))
}

/// A line under a title: speaker, date, time and place, a dash subtitle, 文号, the organs
/// that issue a report ("万载县统计局    国家统计局万载调查队"), a short field
/// ("编制单位：……").
fn is_subtitle_line(t: &str) -> bool {
    front::is_subtitle(t) || is_organ_line(t) || is_field_line(t)
}

/// One or more organ names and nothing else.
fn is_organ_line(t: &str) -> bool {
    const SUFFIXES: &[&str] = &[
        "局",
        "队",
        "委员会",
        "政府",
        "办公室",
        "厅",
        "部",
        "院",
        "中心",
        "公司",
        "组",
        "委",
        "办",
        "处",
        "所",
        "会",
    ];
    let parts: Vec<&str> = t.split(is_blank).filter(|p| !p.is_empty()).collect();
    let n: usize = parts.iter().map(|p| p.chars().count()).sum();
    parts.len() >= 2
        && n <= 40
        && parts
            .iter()
            .all(|p| p.chars().all(crate::text::is_han) && SUFFIXES.iter().any(|s| p.ends_with(s)))
}

/// "编制单位：某某办公室", "时间：2024年3月15日": a field name and its short value.
fn is_field_line(t: &str) -> bool {
    const MAX_NAME: usize = 6;
    let Some((name, value)) = t.split_once(['：', ':']) else {
        return false;
    };
    let name_len = name.chars().filter(|&c| !is_blank(c)).count();
    (2..=MAX_NAME).contains(&name_len)
        && !value.trim_matches(is_blank).is_empty()
        && t.chars().count() <= 40
        && !t.chars().any(|c| crate::text::is_sentence_punct(c) || matches!(c, '，' | ','))
}

/// A prose line: a sentence of some length.
fn is_prose(t: &str) -> bool {
    t.chars().count() >= 15 && t.chars().any(|c| crate::text::is_terminator(c) || c == '，')
}

/// "作开幕式领导讲话致辞(1)" under the page title "作开幕式领导讲话致辞5篇", "开学典礼演讲稿
/// 篇1" under "开学典礼演讲稿集合五篇": a compilation's item header, the page title's words
/// again with a counter at the end.
fn is_counter_copy(t: &str, earlier: &[String]) -> bool {
    const MIN_STEM: usize = 6;
    let numeral = |c: char| c.is_ascii_digit() || "一二三四五六七八九十".contains(c);
    let counted = t.ends_with(|c: char| numeral(c) || matches!(c, ')' | '）'));
    let stem = t.trim_end_matches(|c: char| {
        numeral(c) || is_blank(c) || matches!(c, '(' | ')' | '（' | '）' | '篇' | '第')
    });
    counted
        && stem.len() < t.len()
        && stem.chars().count() >= MIN_STEM
        && earlier.iter().any(|e| e.as_str() != t && e.contains(stem))
}

/// Where the document's own text begins in `from..to`: its salutation, or its first line
/// of text. Returns the index and whether it is a salutation.
fn anchor(vis: &[String], class: &[Class], from: usize, to: usize) -> Option<(usize, bool)> {
    let mut first_good = None;
    let mut goods = 0;
    for k in from..to {
        let t = vis[k].as_str();
        if matches!(class[k], Class::Furniture(_)) {
            continue;
        }
        if front::is_salutation(t, true) {
            return Some((k, true));
        }
        let title = front::is_title_like(t) || front::is_subtitle(t);
        let sentence = t.ends_with(['。', '；', ';']);
        if (class[k] == Class::Good || sentence) && !title {
            first_good.get_or_insert(k);
            goods += 1;
            // A heading, or more prose than a lead: the text has begun.
            if goods > MAX_LEADS || label::any(t).is_some() {
                break;
            }
        }
    }
    first_good.map(|k| (k, false))
}

/// Finds the head of the document whose text begins in `from..to` and sets its roles.
/// `first`: the page's first document, above whose title everything is the page's.
/// Returns the first body line, or `None` (roles untouched) when no title is found.
fn head(
    vis: &[String],
    class: &[Class],
    info: &[LineInfo],
    from: usize,
    to: usize,
    first: bool,
    out: &mut Roles,
) -> Option<usize> {
    const MAX_TITLE_LINES: usize = 4;
    const MAX_TITLE: usize = 90;
    let (at, salutation) = anchor(vis, class, from, to)?;
    let mut set: Vec<(usize, Role, Why)> = Vec::new();
    let mut k = at;
    let mut leads = 0;
    // Subtitles and furniture right above the text.
    while k > from {
        let j = k - 1;
        let t = vis[j].as_str();
        let among = class[j] == Class::Furniture(page::AMONG_FURNITURE);
        if let Class::Furniture(why) = class[j]
            && !among
        {
            set.push((j, Role::Furniture(Reason::Breadcrumb), why));
        } else if is_counter_copy(t, &vis[from..j]) {
            set.push((j, Role::Furniture(Reason::Breadcrumb), "the page title again, numbered"));
        } else if front::is_doc_number(t) {
            set.push((j, Role::Number, "a 文号 (issuer, bracketed year, number) under the title"));
        } else if is_subtitle_line(t) {
            set.push((j, Role::Subtitle, "a speaker, date, place or time line under the title"));
        } else if salutation && is_prose(t) && leads < MAX_LEADS {
            leads += 1;
            // "现将讲话全文刊发如下：" leads into the text and stays with it.
            if !t.ends_with(['：', ':']) {
                let why = "a lead or editor's note between the title and the salutation";
                set.push((j, Role::Furniture(Reason::SourceLine), why));
            }
        } else if among && !front::is_title_like(t) {
            set.push((j, Role::Furniture(Reason::Breadcrumb), page::AMONG_FURNITURE));
        } else {
            break;
        }
        k = j;
    }
    // The title: title-like lines right above, the last of them completing it.
    let end = k;
    let mut len = 0;
    while k > from && end - k < MAX_TITLE_LINES {
        let j = k - 1;
        let t = vis[j].as_str();
        let furniture = matches!(class[j], Class::Furniture(why) if why != page::AMONG_FURNITURE);
        if !front::is_title_like(t) || furniture {
            break;
        }
        len += t.chars().count();
        // An upper line that completes a title is another title (the page's headline), and
        // so is one that repeats the line below with a site's name ("……的讲话 - 某某网");
        // a removed line between parts them.
        let repeats = k < end && t.contains(vis[k].as_str());
        if k < end && (front::completes_title(t) || repeats || info[k].gap || len > MAX_TITLE) {
            break;
        }
        k = j;
    }
    if k == end {
        return None;
    }
    for j in k..end {
        set.push((j, Role::Title, "title-like lines above the subtitles and the text"));
    }
    // A 文号 above the title.
    if k > from && front::is_doc_number(&vis[k - 1]) {
        k -= 1;
        set.push((k, Role::Number, "a 文号 (issuer, bracketed year, number) above the title"));
    }
    if first {
        for (j, c) in class.iter().enumerate().take(k).skip(from) {
            let why = match c {
                Class::Furniture(why) => why,
                _ => "above the document's title: the page's",
            };
            set.push((j, Role::Furniture(Reason::Breadcrumb), why));
        }
    }
    for (j, role, why) in set {
        out.set(j, role, why);
    }
    let mut body = at;
    if salutation {
        while body < vis.len() && front::is_salutation(&vis[body], true) {
            out.set(body, Role::Salutation, "names who the text is addressed to");
            body += 1;
        }
    }
    Some(body)
}

/// The head as the lines come from the top, for a text whose title the backward search
/// does not find: title lines, subtitles, the salutation.
fn head_from_top(vis: &[String], out: &mut Roles) -> usize {
    let m = vis.len();
    let mut i = 0;
    let mut titles = 0;
    let mut title_done = false;
    while i < m {
        let t = vis[i].as_str();
        if front::is_salutation(t, true) {
            while i < m && front::is_salutation(&vis[i], true) {
                out.set(i, Role::Salutation, "names who the text is addressed to");
                i += 1;
            }
            break;
        } else if front::is_doc_number(t) && (titles > 0 || i < 2) {
            out.set(i, Role::Number, "a 文号 (issuer, bracketed year, number) at the head");
            title_done |= titles > 0;
        } else if front::is_subtitle(t) && (titles > 0 || i < 2) {
            out.set(i, Role::Subtitle, "a speaker, date or place line at the head");
            title_done |= titles > 0;
        } else if !title_done && titles < 3 && front::is_title_like(t) {
            out.set(i, Role::Title, "a title-like line at the head");
            titles += 1;
            title_done = front::completes_title(t);
        } else {
            break;
        }
        i += 1;
    }
    i
}

/// Marks the 落款 ending at the date line `d`: the date and up to two signing organs above.
fn signing(vis: &[String], d: usize, floor: usize, out: &mut Roles) -> usize {
    out.set(d, Role::Date, "a date line at the end of a document");
    let mut j = d;
    for _ in 0..2 {
        if j > floor && out.roles[j - 1] == Role::Body && front::is_signature(&vis[j - 1]) {
            j -= 1;
            out.set(j, Role::Signature, "a short organ or name line above the date");
        }
    }
    j
}

/// Marks the titles of documents that follow another without a 落款 between them: the
/// 办法 a notice carries right after its last sentence, the second 规定 after the first,
/// the next report on a page that holds several. Such a title is one to three title-like
/// lines, the last ending with a genre word (办法, 规定, 报告 …); the text above it has
/// ended (a sentence end, a 落款 or another document's end matter); and a document's text
/// starts below it: a numbered line (第一章, 第一条, 一、), a salutation, a subtitle or
/// prose. A line under it that reads as a subtitle is one.
fn carried_titles(vis: &[String], head_end: usize, out: &mut Roles) {
    const MAX_TITLE_LINES: usize = 3;
    const MAX_TITLE: usize = 40;
    let ended = |r: &Roles, k: usize| match r.roles[k] {
        Role::Body => vis[k].ends_with(['。', '！', '!', '；', ';', '）', ')']),
        Role::Date | Role::Signature | Role::Attachment | Role::Closing => true,
        _ => false,
    };
    let mut k = head_end.max(1);
    while k + 1 < vis.len() {
        let title_at = |j: usize| {
            out.roles[j] == Role::Body
                && front::is_title_like(&vis[j])
                && vis[j].chars().count() <= MAX_TITLE
        };
        if !(ended(out, k - 1) && title_at(k)) {
            k += 1;
            continue;
        }
        let last = (k..vis.len().min(k + MAX_TITLE_LINES))
            .take_while(|&j| title_at(j))
            .find(|&j| front::completes_title(&vis[j]));
        let Some(last) = last else {
            k += 1;
            continue;
        };
        let next = vis.get(last + 1).map(String::as_str).unwrap_or("");
        let text_starts = label::any(next).is_some()
            || front::is_salutation(next, true)
            || is_subtitle_line(next)
            || is_prose(next);
        if !text_starts {
            k = last + 1;
            continue;
        }
        for j in k..=last {
            let why = "title-like lines ending with a genre word, between one text's end and another's start";
            out.set(j, Role::Title, why);
        }
        k = last + 1;
        while k < vis.len() && out.roles[k] == Role::Body && is_subtitle_line(&vis[k]) {
            out.set(k, Role::Subtitle, "a speaker, date, place or time line under the title");
            k += 1;
        }
    }
}

/// The role of every kept line (indexed like `vis`), and why it took it.
pub(crate) fn roles(vis: &[String], bodies: &[&str], info: &[LineInfo]) -> (Vec<Role>, Vec<Why>) {
    let m = vis.len();
    let class = page::classify(vis);
    let mut out = Roles { roles: vec![Role::Body; m], why: vec![""; m] };
    let head_end = match head(vis, &class, info, 0, m.min(MAX_HEAD), true, &mut out) {
        Some(end) => end,
        None => head_from_top(vis, &mut out),
    };
    // Page furniture among the rest, by its evidence.
    for (k, c) in class.iter().enumerate().skip(head_end) {
        if let Class::Furniture(why) = *c
            && out.roles[k] == Role::Body
            && !is_date_like(&vis[k], &info[k])
        {
            out.set(k, Role::Furniture(Reason::Breadcrumb), why);
        }
    }
    let is_text = |r: &Roles, k: usize| !matches!(r.roles[k], Role::Furniture(_));
    let last_good = (head_end..m).rev().find(|&k| class[k] == Class::Good && is_text(&out, k));
    // 落款 in the middle: a carried document follows.
    let mut k = head_end;
    while last_good.is_some_and(|last| k < last) {
        let t = vis[k].as_str();
        if out.roles[k] == Role::Body && is_date_like(t, &info[k]) {
            let chinese = t.starts_with(|c| "一二〇○零".contains(c));
            let signed = k > 0 && front::is_signature(&vis[k - 1]);
            let to = m.min(k + 1 + MAX_CARRIED_HEAD);
            let mut trial = Roles { roles: out.roles.clone(), why: out.why.clone() };
            let carried = head(vis, &class, info, k + 1, to, false, &mut trial);
            if carried.is_some() || signed || chinese || info[k].indent >= 4 {
                out = trial;
                signing(vis, k, head_end, &mut out);
                if let Some(body) = carried {
                    k = body.max(k + 1);
                    continue;
                }
            }
        }
        k += 1;
    }
    carried_titles(vis, head_end, &mut out);
    // The tail, from the end.
    let mut j = m;
    while j > head_end
        && (!is_text(&out, j - 1)
            || (out.roles[j - 1] == Role::Body && front::is_trailing_note(&vis[j - 1])))
    {
        j -= 1;
    }
    if j > head_end && out.roles[j - 1] == Role::Body && is_date_like(&vis[j - 1], &info[j - 1]) {
        j = signing(vis, j - 1, head_end, &mut out);
    }
    // Attachment notes, wherever they stand.
    let mut k = head_end;
    while k < j {
        if out.roles[k] == Role::Body && front::is_attachment_start(&vis[k]) {
            out.set(k, Role::Attachment, "an attachment note (附件：)");
            let mut expect = front::attachment_number(&vis[k]) + 1;
            k += 1;
            while k < j && front::is_attachment_item(&vis[k], expect) {
                out.set(k, Role::Attachment, "a further item of the attachment note");
                expect += 1;
                k += 1;
            }
        } else {
            k += 1;
        }
    }
    // "同志们：" further down, after a line the head did not expect.
    for (k, t) in vis.iter().enumerate().take(j).skip(head_end) {
        if out.roles[k] == Role::Body && front::is_salutation(t, false) {
            out.set(k, Role::Salutation, "a form of address with a colon");
        }
    }
    while j > head_end && matches!(out.roles[j - 1], Role::Attachment | Role::Furniture(_)) {
        j -= 1;
    }
    if j > head_end && out.roles[j - 1] == Role::Body {
        if front::is_closing(&vis[j - 1]) {
            out.set(j - 1, Role::Closing, "a closing formula at the end");
        } else if let Some(at) = front::closing_tail(bodies[j - 1]) {
            out.set(j - 1, Role::ClosingTail(at), "a paragraph ending with a closing formula");
        }
    }
    // A closing formula right above a 落款 (and its attachment note), wherever it stands:
    // "妥否，请批示。" before the signature of a request that carries an attachment.
    for k in head_end..m {
        let starts = matches!(out.roles[k], Role::Signature | Role::Date)
            && (k == 0 || !matches!(out.roles[k - 1], Role::Signature | Role::Date));
        if !starts {
            continue;
        }
        let mut c = k;
        while c > head_end && out.roles[c - 1] == Role::Attachment {
            c -= 1;
        }
        if c > head_end && out.roles[c - 1] == Role::Body && front::is_closing(&vis[c - 1]) {
            out.set(c - 1, Role::Closing, "a closing formula above the 落款");
        }
    }
    (out.roles, out.why)
}
