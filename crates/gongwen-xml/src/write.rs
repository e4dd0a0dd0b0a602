//! The writer: one block element per line, the text inside a block exactly as it is.

use gongwen_ast::{Appendix, Block, Content, Document, Inline, Meta, Removed, Table};

use crate::NAMESPACE;

/// Writes `doc` as gongwen XML.
///
/// The output is deterministic (the same tree gives the same bytes), starts with an XML
/// declaration, and puts every block on its own line, indented by two spaces. Blocks are
/// written as a flat list in reading order, without `<section>` wrappers, so that moving a
/// heading or changing its level is a one-line edit. Text inside a block is written exactly:
/// nothing is added or trimmed. See the crate documentation for the escaping rules.
///
/// The tree is trusted to keep its invariants: a heading level outside 1–4 is written as it
/// is, and [`from_str`](crate::from_str) will refuse it.
///
/// ```
/// use gongwen_ast::{Block, Content, Document, Span};
///
/// let doc = Document {
///     blocks: vec![Block::Closing(Content::plain("谢谢大家！", Span::DETACHED))],
///     ..Document::default()
/// };
/// let xml = gongwen_xml::to_string(&doc);
/// assert!(xml.contains("\n  <closing>谢谢大家！</closing>\n"));
/// assert_eq!(gongwen_xml::from_str(&xml)?.without_spans(), doc);
/// # Ok::<(), gongwen_xml::XmlError>(())
/// ```
pub fn to_string(doc: &Document) -> String {
    let mut out = String::new();
    out.push_str("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    out.push_str("<document xmlns=\"");
    out.push_str(NAMESPACE);
    out.push_str("\">\n");
    write_meta(&mut out, &doc.meta);
    for block in &doc.blocks {
        write_block(&mut out, block, 1);
    }
    out.push_str("</document>\n");
    out
}

const INDENT: &str = "  ";

fn write_meta(out: &mut String, meta: &Meta) {
    let fields = [
        ("title", &meta.title),
        ("speaker", &meta.speaker),
        ("date", &meta.date),
        ("encoding", &meta.encoding),
        ("source", &meta.source),
    ];
    if fields.iter().all(|(_, value)| value.is_none()) {
        return;
    }
    out.push_str(INDENT);
    out.push_str("<meta");
    for (name, value) in fields {
        if let Some(value) = value {
            attribute(out, name, value);
        }
    }
    out.push_str("/>\n");
}

fn write_block(out: &mut String, block: &Block, depth: usize) {
    let name = block.kind_name();
    indent(out, depth);
    match block {
        Block::Title(title) => parts(out, name, depth, title.lines.iter().map(|l| ("line", l))),
        // Each listed attachment is an element of its own, as the note lists them.
        Block::Attachment(a) => {
            parts(out, "attachments", depth, a.lines.iter().map(|l| ("attachment", l)))
        }
        Block::Heading(heading) => {
            out.push_str("<heading");
            attribute(out, "level", &heading.level.to_string());
            let canonical = heading.label.canonical();
            attribute(out, "label", &canonical);
            if heading.label.source != canonical {
                attribute(out, "source-label", &heading.label.source);
            }
            if heading.run_in {
                attribute(out, "run-in", "true");
            }
            finish_content(out, name, &heading.content);
        }
        Block::Signature(signature) => {
            out.push_str("<signature");
            if signature.sealed {
                attribute(out, "sealed", "true");
            }
            finish_content(out, name, &signature.content);
        }
        Block::Issuer(issuer) => {
            let organs = issuer.organs.iter().map(|o| ("organ", o));
            parts(out, name, depth, organs.chain(issuer.suffix.iter().map(|s| ("suffix", s))))
        }
        Block::Signer(signer) => parts(out, name, depth, signer.names.iter().map(|n| ("name", n))),
        Block::Printed(p) => {
            parts(out, name, depth, [("organ", &p.organ), ("day", &p.date)].into_iter())
        }
        Block::Appendix(appendix) => write_appendix(out, appendix, depth),
        Block::Removed(removed) => removed_element(out, removed),
        Block::Table(table) => table_element(out, table, depth),
        Block::Subtitle(c)
        | Block::Salutation(c)
        | Block::Paragraph(c)
        | Block::Closing(c)
        | Block::Date(c)
        | Block::CopyNumber(c)
        | Block::Classification(c)
        | Block::Urgency(c)
        | Block::Number(c)
        | Block::Note(c)
        | Block::Cc(c) => content_element(out, name, c),
    }
    out.push('\n');
}

fn indent(out: &mut String, depth: usize) {
    (0..depth).for_each(|_| out.push_str(INDENT));
}

/// A table: `<row>`s of `<cell>`s of `<p>`s, one element a line, nested by indentation.
/// A cell spanning grid columns says how many in `columns`.
fn table_element(out: &mut String, table: &Table, depth: usize) {
    if table.rows.is_empty() {
        out.push_str("<table/>");
        return;
    }
    out.push_str("<table>\n");
    for row in &table.rows {
        indent(out, depth + 1);
        if row.cells.is_empty() {
            out.push_str("<row/>\n");
            continue;
        }
        out.push_str("<row>\n");
        for cell in &row.cells {
            indent(out, depth + 2);
            out.push_str("<cell");
            if cell.columns != 1 {
                attribute(out, "columns", &cell.columns.to_string());
            }
            if cell.paragraphs.is_empty() {
                out.push_str("/>\n");
                continue;
            }
            out.push_str(">\n");
            for paragraph in &cell.paragraphs {
                indent(out, depth + 3);
                content_element(out, "p", paragraph);
                out.push('\n');
            }
            indent(out, depth + 2);
            out.push_str("</cell>\n");
        }
        indent(out, depth + 1);
        out.push_str("</row>\n");
    }
    indent(out, depth);
    out.push_str("</table>");
}

/// An attachment carried at the end: its number, then its title and blocks one level in.
fn write_appendix(out: &mut String, appendix: &Appendix, depth: usize) {
    out.push_str("<appendix");
    if let Some(number) = appendix.number {
        attribute(out, "number", &number.to_string());
    }
    if appendix.title.is_none() && appendix.blocks.is_empty() {
        out.push_str("/>");
        return;
    }
    out.push_str(">\n");
    if let Some(title) = &appendix.title {
        write_block(out, &Block::Title(title.clone()), depth + 1);
    }
    for block in &appendix.blocks {
        write_block(out, block, depth + 1);
    }
    indent(out, depth);
    out.push_str("</appendix>");
}

/// An element of named parts (a title's lines, an issuer's organs), each part on its own
/// line one level in.
fn parts<'c>(
    out: &mut String,
    name: &str,
    depth: usize,
    parts: impl Iterator<Item = (&'static str, &'c Content)>,
) {
    out.push('<');
    out.push_str(name);
    let mut parts = parts.peekable();
    if parts.peek().is_none() {
        out.push_str("/>");
        return;
    }
    out.push_str(">\n");
    for (part, content) in parts {
        indent(out, depth + 1);
        content_element(out, part, content);
        out.push('\n');
    }
    indent(out, depth);
    out.push_str("</");
    out.push_str(name);
    out.push('>');
}

/// Writes `<name>content</name>`.
fn content_element(out: &mut String, name: &str, content: &Content) {
    out.push('<');
    out.push_str(name);
    finish_content(out, name, content);
}

/// Finishes an element whose start tag and attributes are written: its content and end
/// tag, or `/>` when it has none.
fn finish_content(out: &mut String, name: &str, content: &Content) {
    if content.inlines.is_empty() {
        out.push_str("/>");
        return;
    }
    out.push('>');
    for inline in &content.inlines {
        match inline {
            Inline::Text(t) => text(out, &t.text),
            Inline::Removed(r) => removed_element(out, r),
        }
    }
    out.push_str("</");
    out.push_str(name);
    out.push('>');
}

fn removed_element(out: &mut String, removed: &Removed) {
    out.push_str("<removed");
    attribute(out, "reason", removed.reason.as_str());
    if removed.text.is_empty() {
        out.push_str("/>");
        return;
    }
    out.push('>');
    text(out, &removed.text);
    out.push_str("</removed>");
}

/// Whether XML 1.0 allows `c` in a document at all (its `Char` production).
pub(crate) fn is_xml_char(c: char) -> bool {
    matches!(c, '\t' | '\n' | '\r' | '\u{20}'..='\u{D7FF}' | '\u{E000}'..='\u{FFFD}')
        || c >= '\u{10000}'
}

/// Character data. `\r` becomes `&#13;` (a literal one would be read back as a line break);
/// characters XML 1.0 forbids become `<char code="U+001B"/>` elements.
fn text(out: &mut String, s: &str) {
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '\r' => out.push_str("&#13;"),
            c if !is_xml_char(c) => {
                out.push_str("<char code=\"");
                out.push_str(&code_point(c));
                out.push_str("\"/>");
            }
            c => out.push(c),
        }
    }
}

/// `U+001B`: the form of the `code` attribute of `<char>`.
pub(crate) fn code_point(c: char) -> String {
    format!("U+{:04X}", u32::from(c))
}

/// ` name="value"`. Tabs and line breaks are written as character references so that
/// attribute-value normalisation does not turn them into spaces; characters XML 1.0
/// forbids cannot be written in an attribute at all and become U+FFFD.
fn attribute(out: &mut String, name: &str, value: &str) {
    out.push(' ');
    out.push_str(name);
    out.push_str("=\"");
    for c in value.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\t' => out.push_str("&#9;"),
            '\n' => out.push_str("&#10;"),
            '\r' => out.push_str("&#13;"),
            c if !is_xml_char(c) => out.push(char::REPLACEMENT_CHARACTER),
            c => out.push(c),
        }
    }
    out.push('"');
}

#[cfg(test)]
mod tests {
    use super::*;
    use gongwen_ast::{Heading, Label, LabelFamily, Reason, Span, Text, Title};

    fn plain(s: &str) -> Content {
        Content::plain(s, Span::DETACHED)
    }

    #[test]
    fn writes_one_block_a_line() {
        let doc = Document {
            meta: Meta { encoding: Some("UTF-8".into()), ..Meta::default() },
            blocks: vec![
                Block::Title(Title {
                    lines: vec![plain("在全市工作会议上的"), plain("讲话")],
                    span: Span::DETACHED,
                }),
                Block::Heading(Heading {
                    level: 2,
                    label: Label {
                        family: LabelFamily::ParenChinese,
                        number: 1,
                        source: "(一)".into(),
                        span: Span::DETACHED,
                    },
                    content: plain("要敢想。"),
                    run_in: true,
                    span: Span::DETACHED,
                }),
                Block::Paragraph(Content {
                    inlines: vec![
                        Inline::Text(Text { text: "會".into(), span: Span::DETACHED }),
                        Inline::Removed(Removed {
                            reason: Reason::Pinyin,
                            text: "(huì)".into(),
                            span: Span::DETACHED,
                        }),
                        Inline::Text(Text { text: "議 ".into(), span: Span::DETACHED }),
                    ],
                    span: Span::DETACHED,
                }),
                Block::Closing(Content::default()),
            ],
        };
        let expected = r#"<?xml version="1.0" encoding="UTF-8"?>
<document xmlns="urn:gongwen:document:1">
  <meta encoding="UTF-8"/>
  <title>
    <line>在全市工作会议上的</line>
    <line>讲话</line>
  </title>
  <heading level="2" label="（一）" source-label="(一)" run-in="true">要敢想。</heading>
  <p>會<removed reason="pinyin">(huì)</removed>議 </p>
  <closing/>
</document>
"#;
        assert_eq!(to_string(&doc), expected);
    }

    #[test]
    fn escapes_markup_line_ends_and_forbidden_characters() {
        let doc = Document {
            meta: Meta { source: Some("a\"b\n\t<&>\u{1}".into()), ..Meta::default() },
            blocks: vec![Block::Paragraph(plain("<&>\"'\r\n\u{1b}\u{FFFE}]]>"))],
        };
        let xml = to_string(&doc);
        assert!(xml.contains(r#"<meta source="a&quot;b&#10;&#9;&lt;&amp;&gt;�"/>"#), "{xml}");
        assert!(
            xml.contains(
                "<p>&lt;&amp;&gt;\"'&#13;\n<char code=\"U+001B\"/><char code=\"U+FFFE\"/>]]&gt;</p>"
            ),
            "{xml}"
        );
    }
}
