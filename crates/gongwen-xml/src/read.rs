//! The reader. It works in two steps: quick-xml's events become a small element tree that
//! remembers where everything stood in the source, then that tree becomes a [`Document`].
//! Keeping the steps apart keeps well-formedness errors and vocabulary errors apart: the
//! second step takes each child of `<document>` as soon as it is complete, so that the
//! elements of a whole document are never held at once, but its errors are told only when
//! the whole file has proved well-formed.

use gongwen_ast::{
    Appendix, Attachment, Block, Cell, Content, Document, Heading, Inline, Issuer, Label, Meta,
    Printed, Reason, Removed, Row, Signature, Signer, Span, Table, Text, Title,
};
use quick_xml::NsReader;
use quick_xml::escape::resolve_predefined_entity;
use quick_xml::events::attributes::AttrError;
use quick_xml::events::{BytesStart, Event};
use quick_xml::name::ResolveResult;

use crate::label::parse_label;
use crate::write::{code_point, is_xml_char};
use crate::{NAMESPACE, XmlError};

/// Reads gongwen XML back into a document tree.
///
/// Reading is liberal where the meaning is clear: elements may carry the gongwen namespace
/// (as the default namespace or with a prefix) or none; `<section>` wrappers may nest to any
/// sensible depth and are dropped, since the tree is flat; whitespace between blocks is
/// ignored; a heading needs only `label` (in any common form, such as "(一)" or "1、") and,
/// for speech ordinals, `level`; a `<removed>` without `reason` counts as removed by hand;
/// a title or attachment may hold its text directly instead of in `<line>`s.
///
/// Every span in the tree points into `xml`: a block at its element, a text run at its
/// characters, a heading's label at its `label` attribute.
///
/// ```
/// let xml = r#"<document><heading level="2" label="(一)">要敢想。</heading></document>"#;
/// let doc = gongwen_xml::from_str(xml)?;
/// assert_eq!(doc.blocks[0].plain_text(), "（一）要敢想。");
///
/// let error = gongwen_xml::from_str("<document>\n  <para/>\n</document>").unwrap_err();
/// assert_eq!((error.line, error.column), (2, 3));
/// assert!(error.message.starts_with("unknown element <para>; expected one of p, heading,"));
/// # Ok::<(), gongwen_xml::XmlError>(())
/// ```
pub fn from_str(xml: &str) -> Result<Document, XmlError> {
    let builder = Builder { src: xml };
    let mut doc = Document::default();
    let mut meta_seen = false;
    // The first vocabulary error; a well-formedness error anywhere in the file comes first.
    let mut error: Option<XmlError> = None;
    let mut root_checked = false;
    let root = parse_tree(xml, &mut |root: &Element, child: Node| {
        if error.is_some() {
            return;
        }
        if !root_checked {
            root_checked = true;
            if let Err(e) = builder.check_root(root) {
                error = Some(e);
                return;
            }
        }
        if let Err(e) = builder.child(child, &mut doc, &mut meta_seen) {
            error = Some(e);
        }
    })?;
    if let Some(e) = error {
        return Err(e);
    }
    if !root_checked {
        builder.check_root(&root)?;
    }
    // Grown by doubling, the list of blocks had room for up to twice as many; the tree is
    // held while it is rendered.
    doc.blocks.shrink_to_fit();
    Ok(doc)
}

/// The deepest element nesting accepted. The vocabulary needs five or six levels even with
/// generous `<section>` nesting; the limit keeps recursion on hostile input bounded.
const MAX_DEPTH: usize = 64;

/// An element with its source positions.
struct Element {
    /// The local name, without prefix.
    name: String,
    /// The name as written, for messages.
    qname: String,
    /// The namespace, when it is one other than ours.
    foreign: Option<String>,
    attrs: Vec<Attr>,
    children: Vec<Node>,
    /// From the `<` of the start tag to the `>` of the end tag.
    span: Span,
    /// The content between the tags.
    inner: Span,
}

struct Attr {
    name: String,
    value: String,
    /// Where the name starts, for messages about the attribute.
    at: usize,
    /// The raw value in the source.
    span: Span,
}

enum Node {
    /// Boxed, so that a text node (most of a document's nodes) takes 40 bytes, not the
    /// size of an element: 500,000 paragraphs are a million nodes.
    Element(Box<Element>),
    /// Character data, with references resolved and consecutive pieces merged.
    Text(String, Span),
}

impl Element {
    fn attr(&self, name: &str) -> Option<&Attr> {
        self.attrs.iter().find(|a| a.name == name)
    }
}

/// Reads `src` into elements, handing each child of the root element to `child` as soon
/// as it is complete (with the root, its children taken out): a document's blocks are
/// built one at a time and never all held as elements. Returns the root, childless.
fn parse_tree(src: &str, child: &mut dyn FnMut(&Element, Node)) -> Result<Element, XmlError> {
    // quick-xml skips a byte-order mark without counting it in its positions; skipping it
    // here keeps every position an offset into `src`.
    let bom = if src.starts_with('\u{FEFF}') { '\u{FEFF}'.len_utf8() } else { 0 };
    let mut reader = NsReader::from_str(&src[bom..]);
    // Checked below, so that the message can say where the open tag stands.
    reader.config_mut().check_end_names = false;
    let mut open: Vec<Element> = Vec::new();
    let mut root: Option<Element> = None;
    loop {
        let start = bom + reader.buffer_position() as usize;
        let (foreign, event) = match reader.read_resolved_event() {
            Ok((ns, event)) => (foreign_namespace(ns), event),
            Err(e) => {
                let at = bom + reader.error_position() as usize;
                return Err(XmlError::at(src, at, format!("this is not well-formed XML: {e}")));
            }
        };
        let end = bom + reader.buffer_position() as usize;
        match event {
            Event::Start(ref tag) | Event::Empty(ref tag) => {
                if root.is_some() && open.is_empty() {
                    return Err(XmlError::at(
                        src,
                        start,
                        "there is more after the end of <document>; a file holds one document",
                    ));
                }
                if open.len() >= MAX_DEPTH {
                    return Err(XmlError::at(
                        src,
                        start,
                        format!("elements are nested more than {MAX_DEPTH} deep"),
                    ));
                }
                let element = Element {
                    name: tag.local_name().into_inner().to_string(),
                    qname: tag.name().into_inner().to_string(),
                    foreign,
                    attrs: attributes(src, &reader, tag, start)?,
                    children: Vec::new(),
                    span: Span::new(start, end),
                    inner: Span::new(end, end),
                };
                if matches!(event, Event::Empty(_)) {
                    attach(&mut open, &mut root, element, child);
                } else {
                    open.push(element);
                }
            }
            Event::End(tag) => {
                let Some(mut element) = open.pop() else {
                    // quick-xml reports an end tag without a start tag itself.
                    continue;
                };
                let name = tag.name().into_inner();
                if name != element.qname {
                    let (line, column) = line_col(src, element.span.start);
                    return Err(XmlError::at(
                        src,
                        start,
                        format!(
                            "closing tag </{name}> does not match <{}> opened at line {line}, \
                             column {column}",
                            element.qname
                        ),
                    ));
                }
                element.inner.end = start;
                element.span.end = end;
                attach(&mut open, &mut root, element, child);
            }
            Event::Text(text) => {
                add_text(src, &mut open, &text.xml10_content(), Span::new(start, end))?;
            }
            Event::CData(text) => {
                add_text(src, &mut open, &text.xml10_content(), Span::new(start, end))?;
            }
            Event::GeneralRef(reference) => {
                let name: &str = &reference;
                let resolved = match reference.resolve_char_ref() {
                    Ok(Some(c)) if is_xml_char(c) => c.to_string(),
                    Ok(Some(c)) => {
                        return Err(XmlError::at(
                            src,
                            start,
                            format!(
                                "&{name}; names a character XML 1.0 does not allow; write \
                                 <char code=\"{}\"/> instead",
                                code_point(c)
                            ),
                        ));
                    }
                    Ok(None) => match resolve_predefined_entity(name) {
                        Some(s) => s.to_string(),
                        None => {
                            return Err(XmlError::at(
                                src,
                                start,
                                format!(
                                    "unknown entity &{name};. XML knows only &amp; &lt; &gt; \
                                     &quot; &apos; and character references such as &#160;"
                                ),
                            ));
                        }
                    },
                    Err(e) => {
                        return Err(XmlError::at(src, start, format!("&{name}; is wrong: {e}")));
                    }
                };
                add_text(src, &mut open, &resolved, Span::new(start, end))?;
            }
            Event::Eof => break,
            Event::Comment(_) | Event::Decl(_) | Event::PI(_) | Event::DocType(_) => {}
        }
    }
    if let Some(element) = open.last() {
        let (line, column) = line_col(src, element.span.start);
        return Err(XmlError::at(
            src,
            src.len(),
            format!(
                "the file ends inside <{}> opened at line {line}, column {column}; is it \
                 truncated?",
                element.qname
            ),
        ));
    }
    root.ok_or_else(|| {
        XmlError::at(src, src.len(), "there is no <document> element: the file holds no XML")
    })
}

/// The element's namespace when it is neither ours nor absent. An undeclared prefix is
/// taken to mean ours: that is what someone who wrote `<g:p>` by hand meant.
fn foreign_namespace(ns: ResolveResult<'_>) -> Option<String> {
    match ns {
        ResolveResult::Bound(ns) if ns.into_inner() != NAMESPACE => Some(ns.into_inner().into()),
        _ => None,
    }
}

fn attributes(
    src: &str,
    reader: &NsReader<&[u8]>,
    tag: &BytesStart<'_>,
    tag_start: usize,
) -> Result<Vec<Attr>, XmlError> {
    let mut attrs = Vec::new();
    for attr in tag.attributes() {
        let attr = attr.map_err(|e| attribute_syntax(src, tag_start, e))?;
        if attr.key.as_namespace_binding().is_some() {
            continue;
        }
        let (ns, local) = reader.resolver().resolve_attribute(attr.key);
        if foreign_namespace(ns).is_some() || attr.key.into_inner().starts_with("xml:") {
            // xml:space, xml:lang and attributes of other vocabularies carry nothing for us.
            continue;
        }
        let at = offset_in(src, attr.key.into_inner()).unwrap_or(tag_start);
        let span = offset_in(src, &attr.value)
            .map_or(Span::new(at, at), |start| Span::new(start, start + attr.value.len()));
        let value = attr.normalized_value(quick_xml::XmlVersion::Implicit1_0).map_err(|e| {
            XmlError::at(src, span.start, format!("this attribute value is wrong: {e}"))
        })?;
        // A value holding what XML 1.0 forbids (typed, or as `&#3;`) is not well-formed; the
        // writer could only put U+FFFD there, so reading it would change the tree on rewrite.
        if let Some(c) = value.chars().find(|&c| !is_xml_char(c)) {
            return Err(XmlError::at(
                src,
                span.start,
                format!(
                    "this attribute value holds {}, a character XML 1.0 does not allow",
                    code_point(c)
                ),
            ));
        }
        attrs.push(Attr { name: local.into_inner().to_string(), value: value.into(), at, span });
    }
    Ok(attrs)
}

/// An attribute that is not well-formed, pointed at where quick-xml found the problem
/// (its positions count from after the tag's `<`).
fn attribute_syntax(src: &str, tag_start: usize, error: AttrError) -> XmlError {
    let (at, message) = match error {
        AttrError::ExpectedEq(at) => (at, "an attribute name must be followed by `=`".into()),
        AttrError::ExpectedValue(at) => (at, "`=` must be followed by a quoted value".into()),
        AttrError::UnquotedValue(at) => {
            (at, "attribute values must be in quotes, as in level=\"1\"".into())
        }
        AttrError::ExpectedQuote(at, quote) => {
            (at, format!("the attribute value has no closing {}", char::from(quote)))
        }
        AttrError::Duplicated(at, _) => (at, "this attribute is given twice".into()),
    };
    XmlError::at(src, tag_start + 1 + at, message)
}

/// Where `part`, a slice of `src`, starts in it.
fn offset_in(src: &str, part: &str) -> Option<usize> {
    let start = (part.as_ptr() as usize).checked_sub(src.as_ptr() as usize)?;
    (start + part.len() <= src.len()).then_some(start)
}

/// Puts a complete element under its parent; a child of the root goes to `child` with
/// the text before it, and the root's own remaining text goes when the root closes.
fn attach(
    open: &mut [Element],
    root: &mut Option<Element>,
    mut element: Element,
    child: &mut dyn FnMut(&Element, Node),
) {
    match open {
        [] => {
            for node in std::mem::take(&mut element.children) {
                child(&element, node);
            }
            *root = Some(element);
        }
        [top] => {
            for node in std::mem::take(&mut top.children) {
                child(top, node);
            }
            child(top, Node::Element(Box::new(element)));
        }
        [.., parent] => parent.children.push(Node::Element(Box::new(element))),
    }
}

fn add_text(src: &str, open: &mut [Element], text: &str, span: Span) -> Result<(), XmlError> {
    let Some(parent) = open.last_mut() else {
        return match text.find(|c: char| !c.is_whitespace()) {
            None => Ok(()),
            Some(i) => Err(XmlError::at(
                src,
                span.start + i,
                "text outside <document>; a gongwen file holds one <document> element",
            )),
        };
    };
    match parent.children.last_mut() {
        Some(Node::Text(run, run_span)) => {
            run.push_str(text);
            *run_span = run_span.join(span);
        }
        _ => parent.children.push(Node::Text(text.to_string(), span)),
    }
    Ok(())
}

/// The element names allowed where blocks stand.
const BLOCKS: &str = "p, heading, title, subtitle, salutation, closing, attachment, signature, \
                      date, removed, section, copy-number, classification, urgency, issuer, \
                      number, signer, note, cc, printed, appendix, table";

/// Turns the element tree into a document, checking the vocabulary.
struct Builder<'s> {
    src: &'s str,
}

impl Builder<'_> {
    fn error(&self, at: usize, message: impl Into<String>) -> XmlError {
        XmlError::at(self.src, at, message)
    }

    /// The root must be `<document>` in our namespace, with no attributes.
    fn check_root(&self, root: &Element) -> Result<(), XmlError> {
        if root.name != "document" || root.foreign.is_some() {
            return Err(self.error(
                root.span.start,
                format!(
                    "the root element is <{}>{}; a gongwen file starts with \
                     <document xmlns=\"{NAMESPACE}\">",
                    root.qname,
                    in_namespace(root)
                ),
            ));
        }
        self.check_attrs(root, &[])
    }

    /// Adds a child of the root to `doc`: its one `<meta>`, or a block.
    fn child(&self, child: Node, doc: &mut Document, meta_seen: &mut bool) -> Result<(), XmlError> {
        match child {
            Node::Element(element) if element.name == "meta" && element.foreign.is_none() => {
                if *meta_seen {
                    return Err(self
                        .error(element.span.start, "a second <meta>; a document has at most one"));
                }
                *meta_seen = true;
                doc.meta = self.meta(&element)?;
                Ok(())
            }
            child => self.block(child, &mut doc.blocks),
        }
    }

    fn meta(&self, element: &Element) -> Result<Meta, XmlError> {
        const FIELDS: [&str; 5] = ["title", "speaker", "date", "encoding", "source"];
        self.check_attrs(element, &FIELDS)?;
        self.no_children(element, "attributes only (title, speaker, date, encoding, source)")?;
        let field = |name: &str| element.attr(name).map(|a| a.value.clone());
        Ok(Meta {
            title: field("title"),
            speaker: field("speaker"),
            date: field("date"),
            encoding: field("encoding"),
            source: field("source"),
        })
    }

    /// Reads one node where blocks stand, into `out`. Recursion through sections is
    /// bounded by [`MAX_DEPTH`].
    fn block(&self, node: Node, out: &mut Vec<Block>) -> Result<(), XmlError> {
        let element = match node {
            Node::Element(element) => element,
            Node::Text(text, span) => {
                return match text.find(|c: char| !c.is_whitespace()) {
                    None => Ok(()),
                    Some(i) => Err(self.error(
                        span.start + i,
                        "text outside any block; put it in <p>…</p> or another block element",
                    )),
                };
            }
        };
        self.check_namespace(&element)?;
        let block = match element.name.as_str() {
            "section" => {
                self.check_attrs(&element, &[])?;
                for child in element.children {
                    self.block(child, out)?;
                }
                return Ok(());
            }
            "title" => {
                Block::Title(Title { lines: self.lines(&element, "line")?, span: element.span })
            }
            // One `attachment` per item inside `attachments`; a lone `attachment` holding
            // `line`s is the note as files before the list form wrote it.
            "attachments" => Block::Attachment(Attachment {
                lines: self.lines(&element, "attachment")?,
                span: element.span,
            }),
            "attachment" => Block::Attachment(Attachment {
                lines: self.lines(&element, "line")?,
                span: element.span,
            }),
            "heading" => Block::Heading(self.heading(&element)?),
            "removed" => Block::Removed(self.removed(&element)?),
            "table" => Block::Table(self.table(&element)?),
            "p" => Block::Paragraph(self.content(&element, element.span)?),
            "subtitle" => Block::Subtitle(self.content(&element, element.span)?),
            "salutation" => Block::Salutation(self.content(&element, element.span)?),
            "closing" => Block::Closing(self.content(&element, element.span)?),
            "signature" => Block::Signature(self.signature(&element)?),
            "date" => Block::Date(self.content(&element, element.span)?),
            "copy-number" => Block::CopyNumber(self.content(&element, element.span)?),
            "classification" => Block::Classification(self.content(&element, element.span)?),
            "urgency" => Block::Urgency(self.content(&element, element.span)?),
            "number" => Block::Number(self.content(&element, element.span)?),
            "note" => Block::Note(self.content(&element, element.span)?),
            "cc" => Block::Cc(self.content(&element, element.span)?),
            "issuer" => {
                let mut issuer = Issuer { organs: Vec::new(), suffix: None, span: element.span };
                for (name, content) in self.parts(&element, &["organ", "suffix"])? {
                    match name {
                        "organ" if issuer.suffix.is_none() => issuer.organs.push(content),
                        "organ" => {
                            return Err(self.error(
                                content.span.start,
                                "an <organ> after the <suffix>; the suffix comes last",
                            ));
                        }
                        _ if issuer.suffix.is_some() => {
                            return Err(self.error(content.span.start, "a second <suffix>"));
                        }
                        _ => issuer.suffix = Some(content),
                    }
                }
                Block::Issuer(issuer)
            }
            "signer" => {
                let names = self.parts(&element, &["name"])?.into_iter().map(|(_, c)| c);
                Block::Signer(Signer { names: names.collect(), span: element.span })
            }
            "printed" => {
                let parts = self.parts(&element, &["organ", "day"])?;
                match <[(&str, Content); 2]>::try_from(parts) {
                    Ok([("organ", organ), ("day", date)]) => {
                        Block::Printed(Printed { organ, date, span: element.span })
                    }
                    _ => {
                        return Err(self.error(
                            element.span.start,
                            "<printed> holds an <organ> and then a <day>",
                        ));
                    }
                }
            }
            "appendix" => Block::Appendix(self.appendix(*element)?),
            "meta" => {
                return Err(self.error(
                    element.span.start,
                    "<meta> belongs directly in <document>, before the blocks",
                ));
            }
            _ => {
                return Err(self.error(
                    element.span.start,
                    format!("unknown element <{}>; expected one of {BLOCKS}", element.qname),
                ));
            }
        };
        out.push(block);
        Ok(())
    }

    /// The parts of a title (`line`) or of an attachment note (`attachment`): its `part`
    /// children, or, when it has none, its own content as a single part.
    fn lines(&self, element: &Element, part: &str) -> Result<Vec<Content>, XmlError> {
        self.check_attrs(element, &[])?;
        let has_lines =
            element.children.iter().any(|c| matches!(c, Node::Element(e) if e.name == part));
        if !has_lines {
            let blank = element
                .children
                .iter()
                .all(|c| matches!(c, Node::Text(text, _) if text.trim().is_empty()));
            return Ok(if blank { vec![] } else { vec![self.inlines(element, element.span)?] });
        }
        let mut lines = Vec::new();
        for child in &element.children {
            match child {
                Node::Element(line) if line.name == part => {
                    self.check_namespace(line)?;
                    lines.push(self.content(line, line.span)?);
                }
                Node::Element(other) => {
                    return Err(self.error(
                        other.span.start,
                        format!(
                            "unknown element <{}> in <{}>; expected <{part}>",
                            other.qname, element.qname
                        ),
                    ));
                }
                Node::Text(text, span) => {
                    if let Some(i) = text.find(|c: char| !c.is_whitespace()) {
                        return Err(self.error(
                            span.start + i,
                            format!(
                                "text between the {part}s of <{}>; put it in a <{part}>",
                                element.qname
                            ),
                        ));
                    }
                }
            }
        }
        Ok(lines)
    }

    /// The named parts of an issuer, signer or 印发 line, in order; each part holds inline
    /// content, and only whitespace stands between them.
    fn parts(
        &self,
        element: &Element,
        allowed: &[&'static str],
    ) -> Result<Vec<(&'static str, Content)>, XmlError> {
        self.check_attrs(element, &[])?;
        let mut parts = Vec::new();
        for child in &element.children {
            match child {
                Node::Element(part) => {
                    self.check_namespace(part)?;
                    let Some(name) = allowed.iter().find(|n| **n == part.name) else {
                        return Err(self.error(
                            part.span.start,
                            format!(
                                "unknown element <{}> in <{}>; expected {}",
                                part.qname,
                                element.qname,
                                allowed.join(" or ")
                            ),
                        ));
                    };
                    parts.push((*name, self.content(part, part.span)?));
                }
                Node::Text(text, span) => {
                    if let Some(i) = text.find(|c: char| !c.is_whitespace()) {
                        return Err(self.error(
                            span.start + i,
                            format!(
                                "text between the parts of <{}>; put it in {}",
                                element.qname,
                                allowed.join(" or ")
                            ),
                        ));
                    }
                }
            }
        }
        Ok(parts)
    }

    fn signature(&self, element: &Element) -> Result<Signature, XmlError> {
        self.check_attrs(element, &["sealed"])?;
        let sealed = match element.attr("sealed") {
            None => false,
            Some(a) => self.boolean(a, "sealed")?,
        };
        Ok(Signature { content: self.inlines(element, element.span)?, sealed })
    }

    fn boolean(&self, attr: &Attr, name: &str) -> Result<bool, XmlError> {
        match attr.value.trim() {
            "true" | "1" | "yes" => Ok(true),
            "false" | "0" | "no" => Ok(false),
            other => {
                Err(self
                    .error(attr.span.start, format!("{name} must be true or false, not `{other}`")))
            }
        }
    }

    /// An attachment carried at the end: its blocks, the first of them its title when it
    /// is a `<title>`.
    fn appendix(&self, element: Element) -> Result<Appendix, XmlError> {
        self.check_attrs(&element, &["number"])?;
        let number = match element.attr("number") {
            None => None,
            Some(a) => Some(a.value.trim().parse::<u32>().map_err(|_| {
                self.error(
                    a.span.start,
                    format!("an appendix number is a whole number, not `{}`", a.value),
                )
            })?),
        };
        let span = element.span;
        let mut blocks = Vec::new();
        for child in element.children {
            let at = match &child {
                Node::Element(e) => e.span.start,
                Node::Text(_, span) => span.start,
            };
            self.block(child, &mut blocks)?;
            if matches!(blocks.last(), Some(Block::Appendix(_))) {
                return Err(self.error(at, "an <appendix> inside an <appendix>"));
            }
        }
        let title = match blocks.first() {
            Some(Block::Title(_)) => match blocks.remove(0) {
                Block::Title(title) => Some(title),
                _ => None,
            },
            _ => None,
        };
        Ok(Appendix { number, title, blocks, span })
    }

    /// A table: its `<row>`s, their `<cell>`s (with an optional `columns` span), their `<p>`s.
    fn table(&self, element: &Element) -> Result<Table, XmlError> {
        self.check_attrs(element, &[])?;
        let mut table = Table { rows: Vec::new(), span: element.span };
        for row_element in self.children(element, "row")? {
            self.check_attrs(row_element, &[])?;
            let mut row = Row::default();
            for cell_element in self.children(row_element, "cell")? {
                self.check_attrs(cell_element, &["columns"])?;
                let columns = match cell_element.attr("columns") {
                    None => 1,
                    Some(a) => {
                        a.value.trim().parse::<u32>().ok().filter(|&n| n >= 1).ok_or_else(|| {
                            self.error(
                                a.at,
                                format!("columns=\"{}\" is not a count of 1 or more", a.value),
                            )
                        })?
                    }
                };
                let mut cell = Cell { columns, paragraphs: Vec::new() };
                for p in self.children(cell_element, "p")? {
                    cell.paragraphs.push(self.content(p, p.span)?);
                }
                row.cells.push(cell);
            }
            table.rows.push(row);
        }
        Ok(table)
    }

    /// The child elements of `element`, which must all be `<name>` (blank text between).
    fn children<'e>(&self, element: &'e Element, name: &str) -> Result<Vec<&'e Element>, XmlError> {
        let mut out = Vec::new();
        for child in &element.children {
            match child {
                Node::Element(e) if e.name == name => {
                    self.check_namespace(e)?;
                    out.push(&**e);
                }
                Node::Element(other) => {
                    return Err(self.error(
                        other.span.start,
                        format!(
                            "unknown element <{}> in <{}>; expected <{name}>",
                            other.qname, element.qname
                        ),
                    ));
                }
                Node::Text(text, span) => {
                    if let Some(i) = text.find(|c: char| !c.is_whitespace()) {
                        return Err(self.error(
                            span.start + i,
                            format!("text directly in <{}>; put it in a <{name}>", element.qname),
                        ));
                    }
                }
            }
        }
        Ok(out)
    }

    fn heading(&self, element: &Element) -> Result<Heading, XmlError> {
        self.check_attrs(element, &["level", "label", "source-label", "run-in"])?;
        let Some(label) = element.attr("label") else {
            return Err(self.error(
                element.span.start,
                "<heading> needs a label attribute, such as label=\"（一）\"",
            ));
        };
        let Some((family, number)) = parse_label(&label.value) else {
            return Err(self.error(
                label.span.start,
                format!(
                    "bad label `{}`; write it like 一、 （一） 1. （1） 一是 一要 or 第一，",
                    label.value
                ),
            ));
        };
        let level = match element.attr("level") {
            Some(level) => match level.value.trim().parse::<u8>() {
                Ok(n @ 1..=4) => n,
                _ => {
                    return Err(self.error(
                        level.span.start,
                        format!("heading level must be 1–4, not `{}`", level.value),
                    ));
                }
            },
            None => family.standard_level().ok_or_else(|| {
                self.error(
                    element.span.start,
                    format!(
                        "the heading labelled `{}` needs a level attribute (1–4): a speech \
                         ordinal stands one level below the heading it follows",
                        label.value
                    ),
                )
            })?,
        };
        let run_in = match element.attr("run-in") {
            None => false,
            Some(a) => self.boolean(a, "run-in")?,
        };
        let source = match element.attr("source-label") {
            Some(source) => source.value.clone(),
            None => label.value.trim().to_string(),
        };
        Ok(Heading {
            level,
            label: Label { family, number, source, span: label.span },
            content: self.inlines(element, element.inner)?,
            run_in,
            span: element.span,
        })
    }

    /// A block's inline content, spanning `span`; the element takes no attributes.
    fn content(&self, element: &Element, span: Span) -> Result<Content, XmlError> {
        self.check_attrs(element, &[])?;
        self.inlines(element, span)
    }

    fn inlines(&self, element: &Element, span: Span) -> Result<Content, XmlError> {
        let mut inlines = Vec::new();
        let mut pending: Option<Text> = None;
        let add = |pending: &mut Option<Text>, s: &str, at: Span| match pending {
            Some(text) => {
                text.text.push_str(s);
                text.span = text.span.join(at);
            }
            None => *pending = Some(Text { text: s.to_string(), span: at }),
        };
        for child in &element.children {
            match child {
                Node::Text(text, at) => add(&mut pending, text, *at),
                Node::Element(inner) => {
                    self.check_namespace(inner)?;
                    match inner.name.as_str() {
                        "char" => {
                            let c = self.char_element(inner)?;
                            add(&mut pending, c.encode_utf8(&mut [0; 4]), inner.span);
                        }
                        "removed" => {
                            flush(&mut pending, &mut inlines);
                            inlines.push(Inline::Removed(self.removed(inner)?));
                        }
                        _ => {
                            return Err(self.error(
                                inner.span.start,
                                format!(
                                    "unknown element <{}> inside <{}>; expected text, \
                                     <removed> or <char>",
                                    inner.qname, element.qname
                                ),
                            ));
                        }
                    }
                }
            }
        }
        flush(&mut pending, &mut inlines);
        // Most paragraphs are one run: room for the four a first push makes is three
        // runs too many, 144 bytes a paragraph.
        inlines.shrink_to_fit();
        Ok(Content { inlines, span })
    }

    fn removed(&self, element: &Element) -> Result<Removed, XmlError> {
        self.check_attrs(element, &["reason"])?;
        let reason = match element.attr("reason") {
            None => Reason::Manual,
            Some(a) => Reason::from_name(a.value.trim()).ok_or_else(|| {
                let names: Vec<&str> = Reason::ALL.iter().map(|r| r.as_str()).collect();
                self.error(
                    a.span.start,
                    format!("unknown reason `{}`; expected one of {}", a.value, names.join(", ")),
                )
            })?,
        };
        let mut text = String::new();
        for child in &element.children {
            match child {
                Node::Text(s, _) => text.push_str(s),
                Node::Element(inner) if inner.name == "char" && inner.foreign.is_none() => {
                    text.push(self.char_element(inner)?);
                }
                Node::Element(inner) => {
                    return Err(self.error(
                        inner.span.start,
                        format!("<removed> holds text only (and <char>), not <{}>", inner.qname),
                    ));
                }
            }
        }
        Ok(Removed { reason, text, span: element.span })
    }

    /// The character a `<char code="U+001B"/>` stands for.
    fn char_element(&self, element: &Element) -> Result<char, XmlError> {
        self.check_attrs(element, &["code"])?;
        self.no_children(element, "no content, only a code attribute")?;
        let Some(code) = element.attr("code") else {
            return Err(self.error(
                element.span.start,
                "<char> needs a code attribute, such as code=\"U+001B\"",
            ));
        };
        let value = code.value.trim();
        let hex = value.strip_prefix("U+").or_else(|| value.strip_prefix("u+")).unwrap_or(value);
        u32::from_str_radix(hex, 16)
            .ok()
            .filter(|_| !hex.starts_with('+'))
            .and_then(char::from_u32)
            .ok_or_else(|| {
                self.error(
                    code.span.start,
                    format!("code must name a Unicode character such as U+001B, not `{value}`"),
                )
            })
    }

    fn check_namespace(&self, element: &Element) -> Result<(), XmlError> {
        match element.foreign {
            None => Ok(()),
            Some(_) => Err(self.error(
                element.span.start,
                format!(
                    "<{}> is{}; gongwen elements are in {NAMESPACE} or in no namespace",
                    element.qname,
                    in_namespace(element)
                ),
            )),
        }
    }

    fn check_attrs(&self, element: &Element, allowed: &[&str]) -> Result<(), XmlError> {
        let Some(attr) = element.attrs.iter().find(|a| !allowed.contains(&a.name.as_str())) else {
            return Ok(());
        };
        let expected = if allowed.is_empty() {
            "it takes none".to_string()
        } else {
            format!("expected {}", allowed.join(", "))
        };
        Err(self.error(
            attr.at,
            format!("unknown attribute `{}` on <{}>; {expected}", attr.name, element.qname),
        ))
    }

    fn no_children(&self, element: &Element, holds: &str) -> Result<(), XmlError> {
        for child in &element.children {
            let at = match child {
                Node::Element(inner) => inner.span.start,
                Node::Text(text, span) => match text.find(|c: char| !c.is_whitespace()) {
                    Some(i) => span.start + i,
                    None => continue,
                },
            };
            return Err(self.error(at, format!("<{}> holds {holds}", element.qname)));
        }
        Ok(())
    }
}

fn flush(pending: &mut Option<Text>, inlines: &mut Vec<Inline>) {
    if let Some(text) = pending.take().filter(|t| !t.text.is_empty()) {
        inlines.push(Inline::Text(text));
    }
}

fn in_namespace(element: &Element) -> String {
    match &element.foreign {
        Some(ns) => format!(" in namespace {ns}"),
        None => String::new(),
    }
}

/// 1-based line and column (in characters) of byte `offset` of `src`.
pub(crate) fn line_col(src: &str, offset: usize) -> (usize, usize) {
    Span::new(offset, offset).line_col(src)
}
