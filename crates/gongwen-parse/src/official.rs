//! The parts of an official copy (GB/T 9704 §7.2 版头, §7.3 signature and attachments, §7.4
//! 版记) as drafts and web copies write them: "XX市人民政府文件" at the top, a 发文字号 above or
//! below the title, "签发人：张三", "特急", "秘密★1年", a copy number; "（此件公开发布）" under
//! the date; "附件1" heading a carried document; "抄送：……。" and "……办公室  2024年3月2日印发"
//! at the end.
//!
//! The reader marks these lines first (`marks`); the speech passes then see only the
//! other lines, so that a 印发 line at the end does not hide the date above it. Lines of a
//! carried attachment are read like any other lines and gathered into their
//! [`Appendix`] afterwards (`gather`).

use gongwen_ast::{
    Appendix, Block, Change, ChangeKind, Content, Inline, Issuer, Printed, Signer, Span,
};

use crate::front::{date_at, is_date_line, is_title_like};
use crate::text::{self, is_blank, is_han, is_sentence_punct};
use crate::{Line, Role};

/// The length in bytes of a 发文字号 at the start of `t`: an organ code of Han characters,
/// the year in brackets (〔2024〕, or the \[2024\] 【2024】 （2024） (2024) ［2024］ of drafts and
/// web copies), the serial number and 号: "国办发〔2012〕10号", "X政发\[2024\]12号".
///
/// This is the one recogniser of document numbers: the 版头 reader calls it, and so may
/// any pass that meets a 文号 in the front matter.
pub fn number_at(t: &str) -> Option<usize> {
    let code_end = t.find(|c: char| !(is_han(c) || c == 'X' || c == 'x'))?;
    let code = &t[..code_end];
    if !(1..=12).contains(&code.chars().count()) || code.starts_with('第') {
        return None;
    }
    let rest = &t[code_end..];
    let open = rest.chars().next()?;
    let close = match open {
        '〔' => '〕',
        '[' => ']',
        '【' => '】',
        '（' => '）',
        '(' => ')',
        '［' => '］',
        _ => return None,
    };
    let rest = &rest[open.len_utf8()..];
    let year_end = rest.find(|c: char| !c.is_ascii_digit()).unwrap_or(rest.len());
    if year_end != 4 || !rest[year_end..].starts_with(close) {
        return None;
    }
    let rest = &rest[year_end + close.len_utf8()..];
    let digits = rest.find(|c: char| !c.is_ascii_digit()).unwrap_or(rest.len());
    if !(1..=6).contains(&digits) || !rest[digits..].starts_with('号') {
        return None;
    }
    Some(t.len() - rest.len() + digits + '号'.len_utf8())
}

/// Byte offsets and characters of the brackets around the year of the 发文字号 that
/// starts `t`.
fn year_brackets(t: &str) -> Option<[(usize, char); 2]> {
    number_at(t)?;
    let open_at = t.find(|c: char| !(is_han(c) || c == 'X' || c == 'x'))?;
    let open = t[open_at..].chars().next()?;
    let close_at = open_at + open.len_utf8() + 4;
    Some([(open_at, open), (close_at, t[close_at..].chars().next()?)])
}

/// Sets the year of every 发文字号 in 〔〕 (GB/T 9704 §7.2.4), whatever brackets the text
/// used ([] （） 【】 ［］): each bracket changed is a punctuation change, or the change
/// already made there (a half-width "(" made "（") now ends in the canonical bracket.
pub(crate) fn canonical_numbers(blocks: &mut [Block], source: &str, changes: &mut Vec<Change>) {
    for block in blocks {
        let Block::Number(content) = block else { continue };
        for inline in &mut content.inlines {
            let Inline::Text(t) = inline else { continue };
            let Some(kept) = year_brackets(&t.text) else { continue };
            let Some(written) = source.get(t.span.start..t.span.end).and_then(year_brackets) else {
                continue;
            };
            // The closing bracket first, so that the opening one's offset still holds. Each
            // is a str, which its change borrows.
            for (((at, c), (src_at, src_c)), to) in
                kept.into_iter().zip(written).zip(["〔", "〕"]).rev()
            {
                if !to.starts_with(c) {
                    t.text.replace_range(at..at + c.len_utf8(), to);
                }
                let span =
                    Span::new(t.span.start + src_at, t.span.start + src_at + src_c.len_utf8());
                match changes.iter_mut().find(|ch| ch.span == span) {
                    Some(change) => change.to = to.into(),
                    None if !to.starts_with(src_c) => changes.push(Change {
                        kind: ChangeKind::Punctuation,
                        count: 1,
                        span,
                        to: to.into(),
                    }),
                    None => {}
                }
            }
        }
    }
}

/// Whether the whole of `t` is a 发文字号.
pub fn is_number(t: &str) -> bool {
    number_at(t) == Some(t.len())
}

/// What an official line is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Mark {
    CopyNumber,
    Classification,
    Urgency,
    /// One line of the issuer mark: organs separated by blanks, perhaps ending in 文件.
    Issuer,
    Number,
    /// A 发文字号 and then "签发人：" on the same line, at this byte offset of the body.
    NumberSigner(usize),
    Signer,
    Note,
    Cc,
    Printed,
    /// "附件N" heading a carried attachment.
    AppendixStart(Option<u32>),
    /// The attachment's title: read as a title line.
    AppendixTitle,
    /// A line of the attachment's text: read as a body line.
    AppendixBody,
}

/// The official mark of every kept line (indexed like `bodies`).
pub(crate) fn marks(bodies: &[&str]) -> Vec<Option<Mark>> {
    let m = bodies.len();
    let mut marks = vec![None; m];
    // The 版头, in the order the standard gives.
    let mut i = 0;
    while i < m {
        let t = bodies[i];
        let mark = if is_copy_number(t) {
            Mark::CopyNumber
        } else if is_classification(t) {
            Mark::Classification
        } else if matches!(t, "特急" | "加急") {
            Mark::Urgency
        } else if let Some(n) = issuer_lines(&bodies[i..]) {
            marks[i..i + n].fill(Some(Mark::Issuer));
            i += n;
            continue;
        } else if let Some(mark) = number_line(t) {
            mark
        } else if signer_at(t).is_some() {
            Mark::Signer
        } else {
            break;
        };
        marks[i] = Some(mark);
        i += 1;
    }
    // A 发文字号 under the title (as web copies set it).
    let mut k = i;
    while k < m && k < i + 4 && marks[k].is_none() && is_title_like(bodies[k]) {
        k += 1;
    }
    if k > i
        && k < m
        && let Some(mark) = number_line(bodies[k])
    {
        marks[k] = Some(mark);
    }
    // The 版记, from the end.
    let mut end = m;
    while end > i {
        let t = bodies[end - 1];
        let mark = if printed_at(t).is_some() {
            Mark::Printed
        } else if cc_at(t).is_some() {
            Mark::Cc
        } else {
            break;
        };
        end -= 1;
        marks[end] = Some(mark);
    }
    // Attachments carried after the date.
    let Some(date) = (i..end).find(|&k| is_date_line(bodies[k])) else {
        return marks;
    };
    let mut k = date + 1;
    while k < end && is_note(bodies[k]) {
        marks[k] = Some(Mark::Note);
        k += 1;
    }
    let mut in_appendix = false;
    while k < end {
        if let Some(number) = appendix_start(bodies[k]) {
            marks[k] = Some(Mark::AppendixStart(number));
            in_appendix = true;
            if k + 1 < end && is_appendix_title(bodies[k + 1]) {
                marks[k + 1] = Some(Mark::AppendixTitle);
                k += 1;
            }
        } else if in_appendix {
            marks[k] = Some(Mark::AppendixBody);
        }
        k += 1;
    }
    marks
}

/// The roles of the kept lines: `roles` decides the lines without an official mark, as if
/// the marked ones were not there (it is given their texts and their indices among all
/// kept lines); an attachment's title and text read as a title and body.
pub(crate) fn with_roles(
    marks: &[Option<Mark>],
    vis: &[String],
    bodies: &[&str],
    roles: impl Fn(&[String], &[&str], &[usize]) -> Vec<Role>,
) -> Vec<Role> {
    // An attachment's title and text are read like any text too: its salutation, 落款 and
    // headings are found the same way.
    let read = |k: usize| matches!(marks[k], None | Some(Mark::AppendixTitle | Mark::AppendixBody));
    let plain: Vec<usize> = (0..marks.len()).filter(|&k| read(k)).collect();
    if plain.len() == marks.len() {
        return roles(vis, bodies, &plain);
    }
    let sub_vis: Vec<String> = plain.iter().map(|&k| vis[k].clone()).collect();
    let sub_bodies: Vec<&str> = plain.iter().map(|&k| bodies[k]).collect();
    let mut out: Vec<Role> = marks
        .iter()
        .map(|mark| match mark {
            Some(Mark::AppendixTitle) => Role::Title,
            _ => Role::Body,
        })
        .collect();
    for (role, &k) in roles(&sub_vis, &sub_bodies, &plain).into_iter().zip(&plain) {
        if !matches!(marks[k], Some(Mark::AppendixTitle)) {
            out[k] = role;
        }
    }
    out
}

/// Adds the block of an official `line`, marked `mark`, to `blocks`. Returns false for the
/// lines of an attachment's title and text, which the caller reads by their role.
pub(crate) fn build(
    blocks: &mut Vec<Block>,
    mark: Mark,
    source: &str,
    line: &Line<'_>,
    noise: bool,
) -> bool {
    let start = line.start + line.body_offset();
    let body = line.body();
    let part = |a: usize, b: usize| {
        let (lead, t) = text::trim(&body[a..b]);
        text::content(source, Span::new(start + a + lead, start + a + lead + t.len()), noise)
    };
    let whole = part(0, body.len());
    let span = whole.span;
    match mark {
        Mark::CopyNumber => blocks.push(Block::CopyNumber(whole)),
        Mark::Classification => blocks.push(Block::Classification(whole)),
        Mark::Urgency => blocks.push(Block::Urgency(whole)),
        Mark::Note => blocks.push(Block::Note(whole)),
        Mark::Number => blocks.push(Block::Number(whole)),
        Mark::Issuer => {
            let mut organs: Vec<Content> = Vec::new();
            let mut suffix = None;
            let mut names = body.trim_end();
            if let Some(head) = names.strip_suffix("文件") {
                let at = head.len();
                suffix = Some(part(at, names.len()));
                names = head;
            }
            for piece in names.split(is_blank).filter(|p| !p.is_empty()) {
                let at = piece.as_ptr() as usize - body.as_ptr() as usize;
                organs.push(part(at, at + piece.len()));
            }
            match blocks.last_mut() {
                Some(Block::Issuer(issuer)) if issuer.suffix.is_none() => {
                    issuer.organs.extend(organs);
                    issuer.suffix = suffix;
                    issuer.span = issuer.span.join(span);
                }
                _ => blocks.push(Block::Issuer(Issuer { organs, suffix, span })),
            }
        }
        Mark::NumberSigner(at) => {
            blocks.push(Block::Number(part(0, at)));
            blocks.push(signer(body, at, &part));
        }
        Mark::Signer => blocks.push(signer(body, 0, &part)),
        Mark::Cc => blocks.push(Block::Cc(whole)),
        Mark::Printed => {
            let (date_start, date_end) = printed_at(body).unwrap_or((body.len(), body.len()));
            let organ = part(0, date_start);
            let date = part(date_start, date_end);
            blocks.push(Block::Printed(Printed { organ, date, span }));
        }
        Mark::AppendixStart(number) => {
            blocks.push(Block::Appendix(Appendix { number, title: None, blocks: vec![], span }))
        }
        Mark::AppendixTitle | Mark::AppendixBody => return false,
    }
    true
}

/// The 签发人 block of `body`, whose "签发人" label starts at byte `at`.
fn signer(body: &str, at: usize, part: &dyn Fn(usize, usize) -> Content) -> Block {
    let names_at = signer_at(&body[at..]).map_or(body.len(), |n| at + n);
    let mut names = Vec::new();
    for piece in body[names_at..].split(|c| is_blank(c) || matches!(c, '、' | '，' | ',')) {
        if !piece.is_empty() {
            let a = piece.as_ptr() as usize - body.as_ptr() as usize;
            names.push(part(a, a + piece.len()));
        }
    }
    let span = part(at, body.len()).span;
    Block::Signer(Signer { names, span })
}

/// Moves the blocks after each attachment's "附件N" into it, up to the next attachment or
/// the 版记; a title first becomes the attachment's title.
pub(crate) fn gather(blocks: &mut Vec<Block>) {
    if !blocks.iter().any(|b| matches!(b, Block::Appendix(_))) {
        return;
    }
    let mut out: Vec<Block> = Vec::with_capacity(blocks.len());
    for block in blocks.drain(..) {
        let open = match out.last_mut() {
            Some(Block::Appendix(a)) => {
                let ends = matches!(block, Block::Appendix(_) | Block::Cc(_) | Block::Printed(_));
                (!ends).then_some(a)
            }
            _ => None,
        };
        match (open, block) {
            (Some(a), Block::Title(title)) if a.title.is_none() && a.blocks.is_empty() => {
                a.span = a.span.join(title.span);
                a.title = Some(title);
            }
            (Some(a), block) => {
                a.span = a.span.join(block.span());
                a.blocks.push(block);
            }
            (None, block) => out.push(block),
        }
    }
    *blocks = out;
}

fn is_copy_number(t: &str) -> bool {
    t.chars().count() == 6 && t.chars().all(|c| c.is_ascii_digit() || ('０'..='９').contains(&c))
}

/// "秘密", "机密★5年", "绝密★长期".
fn is_classification(t: &str) -> bool {
    let Some(rest) = ["绝密", "机密", "秘密"].iter().find_map(|l| t.strip_prefix(l)) else {
        return false;
    };
    let rest = rest.trim_start_matches(is_blank);
    rest.is_empty()
        || rest.strip_prefix(['★', '☆', '*']).is_some_and(|p| {
            (1..=6).contains(&p.chars().count()) && !p.chars().any(is_sentence_punct)
        })
}

/// How many lines at the start of `lines` make the issuer mark: organ names (one a line or
/// several separated by blanks), the last line ending in 文件; or one line ending in 文件.
fn issuer_lines(lines: &[&str]) -> Option<usize> {
    for (n, t) in lines.iter().take(4).enumerate() {
        if let Some(names) = t.strip_suffix("文件") {
            let names = names.trim_end_matches(is_blank);
            let ok = (names.is_empty() && n > 0) || names.split(is_blank).all(is_organ);
            return ok.then_some(n + 1);
        }
        if !t.split(is_blank).all(is_organ) {
            return None;
        }
    }
    None
}

/// An organ's name, or empty (between two blanks): short, Han, no punctuation, ending in a
/// word organs end in.
fn is_organ(name: &str) -> bool {
    const ENDS: &[&str] = &[
        "政府",
        "委员会",
        "委",
        "办公室",
        "办公厅",
        "厅",
        "局",
        "部",
        "院",
        "会",
        "处",
        "署",
        "中心",
        "公司",
        "党组",
        "组",
        "团",
        "室",
        "所",
        "校",
        "馆",
        "站",
        "社",
        "行",
        "协",
    ];
    name.is_empty()
        || ((2..=30).contains(&name.chars().count())
            && name.chars().all(|c| is_han(c) || matches!(c, 'X' | 'x' | '（' | '）'))
            && ENDS.iter().any(|e| name.ends_with(e)))
}

/// A line holding a 发文字号, alone or followed by "签发人：".
fn number_line(t: &str) -> Option<Mark> {
    let n = number_at(t)?;
    let rest = &t[n..];
    let lead = rest.len() - rest.trim_start_matches(is_blank).len();
    if rest.is_empty() {
        Some(Mark::Number)
    } else if signer_at(&rest[lead..]).is_some() {
        Some(Mark::NumberSigner(n + lead))
    } else {
        None
    }
}

/// Where the names start after a "签发人：" label at the start of `t`.
fn signer_at(t: &str) -> Option<usize> {
    let rest = t.strip_prefix("签发人")?;
    let rest2 = rest.trim_start_matches(is_blank);
    let rest3 = rest2.strip_prefix(['：', ':'])?.trim_start_matches(is_blank);
    (!rest3.is_empty() && !rest3.chars().any(is_sentence_punct)).then(|| t.len() - rest3.len())
}

/// Where the organs start after a "抄送：" label at the start of `t`, when it has one.
fn cc_at(t: &str) -> Option<usize> {
    let rest = t.strip_prefix("抄送")?.trim_start_matches(is_blank);
    let rest = rest.strip_prefix(['：', ':'])?.trim_start_matches(is_blank);
    Some(t.len() - rest.len())
}

/// The date of a 印发 line, "XX市人民政府办公室  2024年3月2日印发": its start and end in `t`.
fn printed_at(t: &str) -> Option<(usize, usize)> {
    let head = t.strip_suffix("印发")?.trim_end_matches(is_blank);
    let (at, _) =
        head.char_indices().find(|&(i, _)| date_at(&head[i..]) == Some(head.len() - i))?;
    let organ = head[..at].trim_end_matches(is_blank);
    (at > 0 && organ.len() < at && is_organ(organ)).then_some((at, head.len()))
}

/// "（此件公开发布）", "（联系人：张三，电话：12345678）".
fn is_note(t: &str) -> bool {
    t.starts_with(['（', '(']) && t.ends_with(['）', ')']) && !is_date_line(t)
}

/// "附件", "附件1", "附件：1", "附件 2": a line heading a carried attachment.
fn appendix_start(t: &str) -> Option<Option<u32>> {
    let rest = t.strip_prefix("附件")?;
    let rest = rest.trim_start_matches(|c| is_blank(c) || matches!(c, '：' | ':'));
    if rest.is_empty() {
        return Some(None);
    }
    let digits: String = rest
        .chars()
        .map(|c| match c {
            '０'..='９' => char::from(b'0' + (c as u32 - '０' as u32) as u8),
            c => c,
        })
        .collect();
    digits.parse::<u32>().ok().filter(|&n| n > 0).map(Some)
}

/// An attachment's title: a short line that is no sentence.
fn is_appendix_title(t: &str) -> bool {
    let n = t.chars().count();
    (2..=60).contains(&n)
        && !t.ends_with(['。', '；', ';', '：', ':'])
        && appendix_start(t).is_none()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn document_numbers() {
        assert!(is_number("国办发〔2012〕10号"));
        assert!(is_number("X政发[2024]12号"));
        assert!(is_number("京政办发（2024）3号"));
        assert_eq!(number_at("X政发〔2024〕12号　签发人：张三"), Some("X政发〔2024〕12号".len()));
        assert!(!is_number("第〔2024〕1号"));
        assert!(!is_number("政发〔24〕1号"));
        assert!(!is_number("2024年12号"));
        assert!(!is_number("政发〔2024〕号"));
    }

    #[test]
    fn head_lines() {
        assert!(is_classification("秘密★1年"));
        assert!(is_classification("机密"));
        assert!(!is_classification("秘密文件要妥善保管。"));
        assert!(is_copy_number("000123"));
        assert!(!is_copy_number("2024"));
        assert_eq!(issuer_lines(&["某市人民政府文件", "关于……的通知"]), Some(1));
        assert_eq!(issuer_lines(&["中共某县委 某县人民政府", "文件"]), Some(2));
        assert_eq!(issuer_lines(&["中共某县委", "某县人民政府文件"]), Some(2));
        assert_eq!(issuer_lines(&["关于印发文件"]), None);
        assert_eq!(number_line("X政发〔2024〕12号  签发人：张三"), Some(Mark::NumberSigner(24)));
        assert_eq!(signer_at("签发人：张三 李四"), Some("签发人：".len()));
    }

    #[test]
    fn foot_lines() {
        assert_eq!(cc_at("抄送：市委办公室。"), Some("抄送：".len()));
        let t = "某市人民政府办公室  2024年3月2日印发";
        let (a, b) = printed_at(t).expect("printed");
        assert_eq!(&t[a..b], "2024年3月2日");
        assert_eq!(printed_at("关于做好2024年3月2日印发"), None);
        assert_eq!(appendix_start("附件1"), Some(Some(1)));
        assert_eq!(appendix_start("附件：2"), Some(Some(2)));
        assert_eq!(appendix_start("附件"), Some(None));
        assert_eq!(appendix_start("附件：1.名单"), None);
    }

    #[test]
    fn number_brackets_become_canonical_and_are_recorded() {
        for (text, from) in [
            ("X政发[2024]12号", "["),
            ("X政发(2024)12号", "("),
            ("X政发【2024】12号", "【"),
            ("X政发〔2024〕12号", ""),
        ] {
            let source =
                format!("某市人民政府文件\n{text}\n关于做好春耕工作的通知\n各单位：\n请落实。\n");
            let parsed = crate::parse(&source, &Default::default());
            let number = parsed.document.blocks.iter().find_map(|b| match b {
                Block::Number(c) => Some(c.text()),
                _ => None,
            });
            assert_eq!(number.as_deref(), Some("X政发〔2024〕12号"), "{text}");
            let recorded: Vec<(&str, &str)> = parsed
                .changes
                .iter()
                .filter(|c| c.to == "〔" || c.to == "〕")
                .map(|c| (c.written(&source), &*c.to))
                .collect();
            if from.is_empty() {
                assert!(recorded.is_empty(), "{text}: {recorded:?}");
            } else {
                assert_eq!(recorded.len(), 2, "{text}: {recorded:?}");
                assert_eq!(recorded[0], (from, "〔"), "{text}");
            }
            // The source rebuilds from the kept text and the changes.
            for change in &parsed.changes {
                assert!(change.span.slice(&source).is_some(), "{change:?}");
            }
        }
    }
}
