//! Escaping shared by the writers of XML parts (DOCX, OFD).

/// Appends `text` escaped for element content or a double-quoted attribute. Characters
/// XML 1.0 cannot hold (C0 controls other than tab, newline and carriage return, U+FFFE,
/// U+FFFF) are dropped: web text sometimes carries them, and Word and OFD readers refuse
/// such files.
pub fn escape_xml(out: &mut String, text: &str) {
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\t' | '\n' | '\r' => out.push(c),
            '\u{0}'..='\u{1f}' | '\u{fffe}' | '\u{ffff}' => {}
            _ => out.push(c),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_markup_and_drops_what_xml_cannot_hold() {
        let mut out = String::new();
        escape_xml(&mut out, "a<b>&\"c\"\u{1}\u{b}\tz\u{ffff}“同志们”");
        assert_eq!(out, "a&lt;b&gt;&amp;&quot;c&quot;\tz“同志们”");
    }
}
