//! HTML tags left in pasted text: "<p>各市、县人民政府：</p><p> 现将……</p>", as when a
//! page's source, a CMS export or a site that shows its markup is copied. Only the tags of
//! HTML's text elements are taken, and only when written as HTML writes them, so "a<b" or a
//! "<名称>" placeholder stays text. Tags are never content: they are removed text, whatever
//! the options, and a block tag (p, br, div, li, td, h1 …) ends a line as a line break does.

use std::ops::Range;

/// Elements whose tags end a line.
const BLOCK: [&str; 28] = [
    "address",
    "article",
    "blockquote",
    "br",
    "caption",
    "center",
    "dd",
    "div",
    "dl",
    "dt",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "hr",
    "li",
    "ol",
    "p",
    "section",
    "table",
    "tbody",
    "td",
    "th",
    "thead",
    "tr",
    "ul",
];
/// Elements whose tags sit inside a line of text.
const INLINE: [&str; 12] =
    ["a", "b", "em", "font", "i", "img", "span", "strong", "sub", "sup", "u", "o:p"];
/// Longest tag taken, in bytes: a style attribute may be long, a stray "<" runs on.
const MAX_TAG: usize = 400;

/// One tag in a line: its bytes and whether it ends a line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Tag {
    pub(crate) range: Range<usize>,
    pub(crate) block: bool,
}

/// Whether `t` may hold a tag or a style rule: a byte scan that rules most lines out.
pub(crate) fn may_hold(t: &str) -> bool {
    t.bytes().any(|b| b == b'<' || b == b'{')
}

/// The tags in `t`, and the style sheet rules a copy of an exported page carries
/// ("@page { size: 8.27in 11.69in } p.cjk { font-family: \"宋体\" }"), in order.
pub(crate) fn tags(t: &str) -> Vec<Tag> {
    let mut out = Vec::new();
    if t.as_bytes().contains(&b'<') {
        let mut from = 0;
        while let Some(i) = t[from..].find('<').map(|i| from + i) {
            match tag_at(t, i) {
                Some(tag) => {
                    from = tag.range.end;
                    out.push(tag);
                }
                None => from = i + 1,
            }
        }
    }
    if t.as_bytes().contains(&b'{') {
        let rules = style_rules(t);
        if !rules.is_empty() {
            out.retain(|tag| {
                !rules
                    .iter()
                    .any(|r| r.range.start < tag.range.end && tag.range.start < r.range.end)
            });
            out.extend(rules);
            out.sort_by_key(|tag| tag.range.start);
        }
    }
    out
}

/// Style sheet rules: an ASCII selector, then `{`, declarations (`name: value;`) and `}`.
fn style_rules(t: &str) -> Vec<Tag> {
    const MAX_RULE: usize = 1000;
    let selector_char = |c: char| {
        c.is_ascii_alphanumeric()
            || matches!(c, '@' | '.' | '#' | '_' | '-' | ':' | ',' | '*' | ' ')
    };
    let mut out: Vec<Tag> = Vec::new();
    let mut from = 0;
    while let Some(open) = t[from..].find('{').map(|i| from + i) {
        from = open + 1;
        let mut window_end = t.len().min(open + 1 + MAX_RULE);
        while !t.is_char_boundary(window_end) {
            window_end -= 1;
        }
        let window = &t[open + 1..window_end];
        let Some(close) = window.find(['}', '{']).filter(|&j| window[j..].starts_with('}')) else {
            continue;
        };
        let inside = &window[..close];
        // Declarations: a property name and a colon, no sentence of text.
        let declared = inside.split(';').any(|d| {
            d.split_once(':').is_some_and(|(name, _)| {
                let name = name.trim();
                !name.is_empty() && name.chars().all(|c| c.is_ascii_alphabetic() || c == '-')
            })
        });
        if !declared || inside.contains(['，', '。', '\n']) {
            continue;
        }
        // The selector: the ASCII run before the brace, blanks around it left out.
        let before = &t[..open];
        let region_start = before.trim_end_matches(selector_char).len();
        let region = &before[region_start..];
        let start = region_start + (region.len() - region.trim_start().len());
        let selector = region.trim();
        let opens_selector =
            |c: char| c.is_ascii_alphabetic() || matches!(c, '@' | '.' | '#' | '*');
        // Set off from the text before it: "函数f{x: 1}" is a formula.
        let set_off = before[..start]
            .chars()
            .next_back()
            .is_none_or(|c| c.is_whitespace() || c == '}' || c == '>');
        if !selector.starts_with(opens_selector)
            || !set_off
            || out.last().is_some_and(|r| r.range.end > start)
        {
            continue;
        }
        let end = open + 1 + close + 1;
        from = end;
        out.push(Tag { range: start..end, block: true });
    }
    out
}

/// The tag starting at byte `i` of `t` (which holds '<').
fn tag_at(t: &str, i: usize) -> Option<Tag> {
    let rest = &t[i + 1..];
    let rest_closing = rest.strip_prefix('/');
    let body = rest_closing.unwrap_or(rest);
    let name_len =
        body.find(|c: char| !(c.is_ascii_alphanumeric() || c == ':')).unwrap_or(body.len());
    let name = body[..name_len].to_ascii_lowercase();
    let block = BLOCK.contains(&name.as_str());
    if !block && !INLINE.contains(&name.as_str()) {
        return None;
    }
    // After the name: '>', "/>" or blanks and attributes up to '>', on this line.
    let after = &body[name_len..];
    // Looked for within a tag's length, so that a line of stray "<" stays linear.
    let (end, _) =
        after.char_indices().take_while(|&(j, _)| j < MAX_TAG).find(|&(_, c)| c == '>')?;
    let inside = &after[..end];
    // Attributes are `name=value` pairs after a blank: "<b 且 x>" is no tag.
    let attributes = inside.trim_start_matches([' ', '\t']);
    let attributes_ok = inside.trim_end_matches('/').trim().is_empty()
        || (attributes.len() < inside.len()
            && attributes.starts_with(|c: char| c.is_ascii_alphabetic())
            && attributes.contains('=')
            && !inside.contains(['<', '\n', '\r']));
    let len = 1 + (rest.len() - body.len()) + name_len + end + 1;
    (attributes_ok && len <= MAX_TAG).then_some(Tag { range: i..i + len, block })
}

/// The pieces of a line `t` with tags: runs of tags (with the blanks between them) that
/// stand as removed lines of their own, and the text between them, each as a byte range and
/// whether it is markup. Text on both sides of a run of inline tags ("这是<strong>重要
/// </strong>的工作") stays one piece, the tags inside it; a run holding a block tag, or
/// standing at either end of the line, is a piece of its own.
pub(crate) fn pieces(t: &str, tags: &[Tag]) -> Vec<(Range<usize>, bool)> {
    // Runs of tags with only blanks between them.
    let mut runs: Vec<(Range<usize>, bool)> = Vec::new();
    for tag in tags {
        match runs.last_mut() {
            Some((run, block)) if t[run.end..tag.range.start].trim().is_empty() => {
                run.end = tag.range.end;
                *block |= tag.block;
            }
            _ => runs.push((tag.range.clone(), tag.block)),
        }
    }
    let mut out: Vec<(Range<usize>, bool)> = Vec::new();
    let mut at = 0;
    for (run, block) in runs {
        let before = &t[at..run.start];
        let after = &t[run.end..];
        let inside_text = !block && !before.trim().is_empty() && !after.trim().is_empty();
        if inside_text {
            continue; // the text piece goes on over these tags
        }
        if !before.trim().is_empty() {
            out.push((at..run.start, false));
        }
        out.push((run.clone(), true));
        at = run.end;
    }
    if !t[at..].trim().is_empty() {
        out.push((at..t.len(), false));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(t: &str) -> Vec<&str> {
        tags(t).into_iter().map(|tag| &t[tag.range]).collect()
    }

    #[test]
    fn html_tags_are_found_and_other_angle_brackets_are_not() {
        let t = r#"<p style="text-align: right;"> 山西省人民政府</p><br/>a<b 且 x>y <名称> <P>"#;
        assert_eq!(names(t), [r#"<p style="text-align: right;">"#, "</p>", "<br/>", "<P>"]);
        assert!(tags("当a<b时，<script>不算</script>").is_empty());
    }

    #[test]
    fn style_rules_of_an_exported_page_are_markup() {
        let t = r#"讲话 @page { size: 8.27in 11.69in; margin-top: 1in } p.cjk { font-family: "宋体", "SimSun"; font-size: 10pt } 同志们："#;
        assert_eq!(
            names(t),
            [
                "@page { size: 8.27in 11.69in; margin-top: 1in }",
                r#"p.cjk { font-family: "宋体", "SimSun"; font-size: 10pt }"#
            ]
        );
        // Braces in text are no rules.
        assert!(tags("集合{1，2}，函数f{x: 1}。").is_empty());
        assert!(tags("见{说明}和{a}").is_empty());
        // A brace whose rule would run past the longest one taken, inside Chinese text.
        assert!(tags(&format!("p {{ {}", "会".repeat(400))).is_empty());
    }

    #[test]
    fn inline_tags_inside_text_stay_in_the_line() {
        let t = "<p><strong> 一、指导思想</strong></p><p>这是<strong>重要</strong>的工作。</p>";
        let got: Vec<(&str, bool)> =
            pieces(t, &tags(t)).into_iter().map(|(r, m)| (&t[r], m)).collect();
        assert_eq!(
            got,
            [
                ("<p><strong>", true),
                (" 一、指导思想", false),
                ("</strong></p><p>", true),
                ("这是<strong>重要</strong>的工作。", false),
                ("</p>", true),
            ]
        );
    }
}
