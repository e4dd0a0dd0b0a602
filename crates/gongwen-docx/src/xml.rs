//! Escaping for the XML the parts are written as.

/// The XML declaration every part starts with.
pub(crate) const DECLARATION: &str =
    "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n";

/// The WordprocessingML main namespace.
pub(crate) const W_NS: &str = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";

/// The relationships namespace used by `r:id` attributes.
pub(crate) const R_NS: &str = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";

pub(crate) use gongwen_ast::escape_xml as escape_into;

/// The length of `text` once escaped by [`escape_into`], to size the output before
/// writing it: a buffer grown by doubling holds up to twice what it needs.
pub(crate) fn escaped_len(text: &str) -> usize {
    text.chars()
        .map(|c| match c {
            '&' => 5,
            '<' | '>' => 4,
            '"' => 6,
            '\t' | '\n' | '\r' => 1,
            '\u{0}'..='\u{1f}' | '\u{fffe}' | '\u{ffff}' => 0,
            c => c.len_utf8(),
        })
        .sum()
}

/// `text` escaped, as a new string.
pub(crate) fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    escape_into(&mut out, text);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_markup_and_drops_invalid_characters() {
        assert_eq!(escape("a<b>&\"c\"\u{1}\u{b}\tz\u{ffff}"), "a&lt;b&gt;&amp;&quot;c&quot;\tz");
        assert_eq!(escape("“同志们”"), "“同志们”");
    }

    #[test]
    fn escaped_len_is_the_length_escaping_gives() {
        for text in ["a<b>&\"c\"\u{1}\u{b}\tz\u{ffff}\u{fffe}\r\n", "“同志们”𠀀 é", ""] {
            assert_eq!(escaped_len(text), escape(text).len(), "{text:?}");
        }
    }
}
