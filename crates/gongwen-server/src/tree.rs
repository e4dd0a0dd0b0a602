//! The tree as the page sees it (a flat list of blocks with their roles, levels, labels,
//! reasons and source lines), and the corrections the page sends back.

use gongwen::Source;
use gongwen::ast::{
    Attachment, Block, Content, Diagnostic, Document, Heading, Inline, Issuer, Label, LabelFamily,
    Reason, Removed, Signer, Span, Text, Title,
};
use serde::Serialize;

use crate::api::Edit;

/// The answer of `/api/read`.
#[derive(Debug, Clone, Serialize)]
pub struct TreeView {
    /// The decoded source, which the page shows beside the structure.
    pub text: String,
    /// The encoding the source was decoded from.
    pub encoding: Option<String>,
    /// The title as the renderers will name the document.
    pub title: Option<String>,
    /// The blocks, in reading order; an index here is the `block` of an [`Edit`].
    pub blocks: Vec<BlockView>,
    /// What decoding, reading and the drafting rules found, in source order.
    pub findings: Vec<FindingView>,
    /// How many repairs (punctuation, quotes, traditional characters) the reader made.
    pub changes: usize,
}

/// One block.
#[derive(Debug, Clone, Serialize)]
pub struct BlockView {
    /// Its role, as named in the XML vocabulary: `title`, `heading`, `p`, `removed` …
    pub kind: &'static str,
    /// A heading's level, 1 to 4.
    pub level: Option<u8>,
    /// A heading's label as it will be printed ("一、", "（二）").
    pub label: Option<String>,
    /// The kept text (a heading's without its label; a removed line's as dropped).
    pub text: String,
    /// Why a removed line was dropped (`web-trailer`, `page-number` …).
    pub reason: Option<&'static str>,
    /// Parts of the line dropped inside it (pinyin annotations …), with their reasons.
    pub removed_parts: Vec<RemovedPart>,
    /// Whether a heading opens the paragraph that follows it.
    pub run_in: bool,
    /// The 1-based source line the block starts on, when it comes from the source.
    pub line: Option<usize>,
    /// An appendix's own blocks (its title first), shown under it; they are corrected in the
    /// XML, not by [`Edit`]s.
    pub children: Vec<BlockView>,
}

/// Text dropped inside a block.
#[derive(Debug, Clone, Serialize)]
pub struct RemovedPart {
    /// Why.
    pub reason: &'static str,
    /// What.
    pub text: String,
}

/// One finding about the source.
#[derive(Debug, Clone, Serialize)]
pub struct FindingView {
    /// `error`, `warning` or `note`.
    pub severity: &'static str,
    /// The stable code.
    pub code: &'static str,
    /// What is wrong.
    pub message: String,
    /// How to fix it.
    pub hint: Option<String>,
    /// The 1-based source line, when the finding has a place.
    pub line: Option<usize>,
}

/// The page's view of `document`, read from `source` and perhaps corrected since.
pub(crate) fn view(source: &Source, document: &Document) -> TreeView {
    let lines = LineIndex::new(&source.text);
    let blocks = document.blocks.iter().map(|b| block_view(b, &lines)).collect();
    let corrected = Source { document: document.clone(), ..source.clone() };
    TreeView {
        text: source.text.clone(),
        encoding: document.meta.encoding.clone(),
        title: document.meta.title.clone(),
        blocks,
        findings: findings(&source.text, &gongwen::check(&corrected)),
        changes: source.changes.iter().map(|c| c.count as usize).sum(),
    }
}

/// `diagnostics` with their source lines.
pub(crate) fn findings(text: &str, diagnostics: &[Diagnostic]) -> Vec<FindingView> {
    let lines = LineIndex::new(text);
    diagnostics
        .iter()
        .map(|d| FindingView {
            severity: d.severity.as_str(),
            code: d.code.as_str(),
            message: d.message.clone(),
            hint: d.hint.clone(),
            line: lines.line(d.span),
        })
        .collect()
}

fn block_view(block: &Block, lines: &LineIndex) -> BlockView {
    let mut view = BlockView {
        kind: block.kind_name(),
        level: None,
        label: None,
        text: block.plain_text(),
        reason: None,
        removed_parts: Vec::new(),
        run_in: false,
        line: lines.line(block.span()),
        children: Vec::new(),
    };
    match block {
        Block::Heading(h) => {
            view.level = Some(h.level);
            view.label = Some(h.label.canonical());
            view.text = h.content.text();
            view.run_in = h.run_in;
        }
        Block::Removed(r) => {
            view.reason = Some(r.reason.as_str());
            view.text.clone_from(&r.text);
        }
        Block::Appendix(a) => {
            view.label = Some(a.number.map_or_else(|| "附件".to_string(), |n| format!("附件{n}")));
            view.text =
                a.title.as_ref().map(|t| Block::Title(t.clone()).plain_text()).unwrap_or_default();
            view.children = a.blocks.iter().map(|b| block_view(b, lines)).collect();
        }
        _ => {}
    }
    view.removed_parts = block
        .contents()
        .into_iter()
        .flat_map(|c| &c.inlines)
        .filter_map(|i| match i {
            Inline::Removed(r) => {
                Some(RemovedPart { reason: r.reason.as_str(), text: r.text.clone() })
            }
            Inline::Text(_) => None,
        })
        .collect();
    view
}

/// Byte offsets of line starts, to turn spans into line numbers.
struct LineIndex(Vec<usize>);

impl LineIndex {
    fn new(text: &str) -> LineIndex {
        LineIndex(std::iter::once(0).chain(text.match_indices('\n').map(|(i, _)| i + 1)).collect())
    }

    fn line(&self, span: Span) -> Option<usize> {
        (span != Span::DETACHED).then(|| self.0.partition_point(|&start| start <= span.start))
    }
}

/// A correction that cannot be made, in Chinese and English.
pub(crate) type Refusal = (String, String);

/// Applies `edits` in order. `source` is the text the tree was read from, whose words a
/// line removed by hand keeps.
pub(crate) fn apply(doc: &mut Document, source: &str, edits: &[Edit]) -> Result<(), Refusal> {
    for edit in edits {
        let count = doc.blocks.len();
        let Some(block) = doc.blocks.get(edit.block) else {
            return Err((
                format!("第 {} 块不存在（共 {count} 块）", edit.block),
                format!("there is no block {} (the tree has {count})", edit.block),
            ));
        };
        if let Some(level) = edit.level
            && !(1..=4).contains(&level)
        {
            return Err((
                format!("标题层级只能是 1 到 4，不是 {level}"),
                format!("a heading level is 1 to 4, not {level}"),
            ));
        }
        match (edit.kind.as_deref(), block) {
            (None | Some("heading"), Block::Heading(_)) => {
                if let (Some(level), Block::Heading(h)) = (edit.level, &mut doc.blocks[edit.block])
                {
                    h.level = level;
                }
            }
            (None, _) => {
                return Err((
                    "只有标题有层级".to_string(),
                    format!("block {} is not a heading and has no level", edit.block),
                ));
            }
            (Some(kind), _) => {
                let block = recast(doc, edit.block, kind, edit.level, source)?;
                doc.blocks[edit.block] = block;
            }
        }
    }
    Ok(())
}

/// Block `index` of `doc` in the role `kind`, with its text kept.
fn recast(
    doc: &Document,
    index: usize,
    kind: &str,
    level: Option<u8>,
    source: &str,
) -> Result<Block, Refusal> {
    let block = &doc.blocks[index];
    let span = block.span();
    let lines: Vec<Content> = match block {
        Block::Heading(h) => {
            let mut content = h.content.clone();
            let label = Text { text: h.label.canonical(), span: h.label.span };
            content.inlines.insert(0, Inline::Text(label));
            content.span = h.span;
            vec![content]
        }
        Block::Removed(r) => vec![Content::plain(r.text.clone(), r.span)],
        // Its blocks would be flattened into one line.
        Block::Appendix(_) => {
            return Err((
                "附件的内容不能在这里改，请在 XML 中修改".to_string(),
                "an appendix holds blocks of its own; correct it in the XML".to_string(),
            ));
        }
        other => other.contents().into_iter().cloned().collect(),
    };
    let joined =
        || Content { inlines: lines.iter().flat_map(|c| c.inlines.clone()).collect(), span };
    Ok(match kind {
        "title" => Block::Title(Title { lines: lines.clone(), span }),
        "attachment" => Block::Attachment(Attachment { lines: lines.clone(), span }),
        "subtitle" => Block::Subtitle(joined()),
        "salutation" => Block::Salutation(joined()),
        "p" => Block::Paragraph(joined()),
        "closing" => Block::Closing(joined()),
        "signature" => Block::Signature(joined().into()),
        "date" => Block::Date(joined()),
        "copy-number" => Block::CopyNumber(joined()),
        "classification" => Block::Classification(joined()),
        "urgency" => Block::Urgency(joined()),
        "issuer" => Block::Issuer(Issuer { organs: lines.clone(), suffix: None, span }),
        "number" => Block::Number(joined()),
        "signer" => Block::Signer(Signer { names: lines.clone(), span }),
        "note" => Block::Note(joined()),
        "cc" => Block::Cc(joined()),
        "heading" => {
            let level = level.unwrap_or(1);
            let family = [
                LabelFamily::Chinese,
                LabelFamily::ParenChinese,
                LabelFamily::Arabic,
                LabelFamily::ParenArabic,
            ][usize::from(level - 1)];
            let label = Label::canonical_of(
                family,
                next_number(&doc.blocks[..index], level),
                Span::new(span.start, span.start),
            );
            Block::Heading(Heading { level, label, content: joined(), run_in: false, span })
        }
        "removed" => {
            let text = match block {
                Block::Removed(r) => r.text.clone(),
                _ => source
                    .get(span.start..span.end)
                    .filter(|_| span != Span::DETACHED)
                    .map_or_else(|| block.plain_text(), str::to_string),
            };
            Block::Removed(Removed { reason: Reason::Manual, text, span })
        }
        other => {
            return Err((
                format!("不能改成“{other}”"),
                format!(
                    "unknown role `{other}`; known: title, subtitle, salutation, heading, p, \
                     closing, attachment, signature, date, copy-number, classification, \
                     urgency, issuer, number, signer, note, cc, removed"
                ),
            ));
        }
    })
}

/// The number a new heading of `level` takes after `before`: one more than the headings of
/// that level since the last heading above it.
fn next_number(before: &[Block], level: u8) -> u32 {
    let mut count = 1;
    for block in before.iter().rev() {
        if let Block::Heading(h) = block {
            if h.level < level {
                break;
            }
            if h.level == level {
                count += 1;
            }
        }
    }
    count
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(text: &str) -> Source {
        gongwen::read(text.as_bytes(), gongwen::SourceFormat::Text, &Default::default()).unwrap()
    }

    fn edit(block: usize, kind: Option<&str>, level: Option<u8>) -> Edit {
        Edit { block, kind: kind.map(str::to_string), level }
    }

    const SPEECH: &str = "在全县工作会议上的讲话\n同志们：\n一、提高认识\n今天我们召开会议。\n二、狠抓落实\n要抓好落实。\n谢谢大家！\n本文由互联网用户分享整理。文章地址：http://example.com/1.html\n";

    #[test]
    fn the_view_names_roles_levels_reasons_and_lines() {
        let source = read(SPEECH);
        let view = view(&source, &source.document);
        let kinds: Vec<_> = view.blocks.iter().map(|b| b.kind).collect();
        assert_eq!(
            kinds,
            ["title", "salutation", "heading", "p", "heading", "p", "closing", "removed"]
        );
        assert_eq!(view.blocks[2].label.as_deref(), Some("一、"));
        assert_eq!(view.blocks[2].text, "提高认识");
        assert_eq!(view.blocks[4].line, Some(5));
        assert_eq!(view.blocks[7].reason, Some("web-trailer"));
    }

    #[test]
    fn an_appendix_shows_its_own_blocks() {
        let text = "关于做好安全生产工作的通知\n各乡镇：\n请认真落实。\n附件：检查表\n某县人民政府\n2024年3月1日\n附件\n检查表\n一、检查内容\n逐项检查。\n";
        let source = read(text);
        let view = view(&source, &source.document);
        let appendix = view.blocks.iter().find(|b| b.kind == "appendix").expect("an appendix");
        assert_eq!(appendix.label.as_deref(), Some("附件"));
        let kinds: Vec<_> = appendix.children.iter().map(|b| b.kind).collect();
        assert!(kinds.contains(&"heading") && kinds.contains(&"p"), "{kinds:?}");
    }

    #[test]
    fn a_level_changes_and_a_removed_line_is_restored() {
        let source = read(SPEECH);
        let mut doc = source.document.clone();
        apply(&mut doc, &source.text, &[edit(4, None, Some(2)), edit(7, Some("p"), None)]).unwrap();
        let Block::Heading(h) = &doc.blocks[4] else { panic!("not a heading") };
        assert_eq!(h.level, 2);
        assert!(matches!(&doc.blocks[7], Block::Paragraph(c) if c.text().starts_with("本文由")));
    }

    #[test]
    fn a_heading_made_by_hand_is_numbered_in_its_place() {
        let source = read(SPEECH);
        let mut doc = source.document.clone();
        apply(&mut doc, &source.text, &[edit(5, Some("heading"), Some(2))]).unwrap();
        let Block::Heading(h) = &doc.blocks[5] else { panic!("not a heading") };
        assert_eq!(
            (h.label.canonical().as_str(), h.content.text().as_str()),
            ("（一）", "要抓好落实。")
        );
        apply(&mut doc, &source.text, &[edit(2, Some("p"), None)]).unwrap();
        assert_eq!(doc.blocks[2].plain_text(), "一、提高认识");
    }

    #[test]
    fn a_line_becomes_a_document_number_or_an_issuer() {
        let source = read(
            "某市人民政府文件\n某政发〔2024〕12号\n关于做好安全生产工作的通知\n各乡镇：\n请认真落实。\n",
        );
        let mut doc = source.document.clone();
        let (issuer, number) = (0, 1);
        apply(
            &mut doc,
            &source.text,
            &[edit(issuer, Some("p"), None), edit(number, Some("p"), None)],
        )
        .unwrap();
        apply(
            &mut doc,
            &source.text,
            &[edit(issuer, Some("issuer"), None), edit(number, Some("number"), None)],
        )
        .unwrap();
        assert!(
            matches!(&doc.blocks[issuer], Block::Issuer(i) if i.organs[0].text() == "某市人民政府文件")
        );
        assert!(
            matches!(&doc.blocks[number], Block::Number(c) if c.text() == "某政发〔2024〕12号")
        );
    }

    #[test]
    fn a_line_removed_by_hand_keeps_its_source_words() {
        let source = read(SPEECH);
        let mut doc = source.document.clone();
        apply(&mut doc, &source.text, &[edit(3, Some("removed"), None)]).unwrap();
        assert!(matches!(&doc.blocks[3], Block::Removed(r)
            if r.reason == Reason::Manual && r.text == "今天我们召开会议。"));
    }

    #[test]
    fn impossible_corrections_are_refused() {
        let source = read(SPEECH);
        let mut doc = source.document.clone();
        for bad in [
            edit(99, Some("p"), None),
            edit(2, None, Some(5)),
            edit(3, None, Some(2)),
            edit(3, Some("table"), None),
        ] {
            assert!(apply(&mut doc, &source.text, std::slice::from_ref(&bad)).is_err(), "{bad:?}");
        }
        assert_eq!(doc, source.document);
    }
}
