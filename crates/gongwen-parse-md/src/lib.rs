//! Reads Markdown drafts into the gongwen document tree, by the plain-text reader's own
//! recognition (through `gongwen-parse-draft`).
//!
//! pulldown-cmark parses the CommonMark (with tables and YAML front matter):
//! - `#` lines are the title (several of them a title of several lines);
//! - `##` to `#####` are headings of levels 1 to 4: a label typed in ("## 一、总体要求",
//!   "## (一) …") is kept and canonicalised by the text reader, and a heading without one
//!   gets the label of its level (一、 （一） 1. （1）), counted on; `######` is body text;
//! - paragraphs, block quotes and code blocks are paragraphs; a list item is a paragraph,
//!   an ordered one with its number written before it ("1."), as typed text would have
//!   it; emphasis, links and inline code read as their text; images are left out with a
//!   warning;
//! - tables are table blocks;
//! - the front matter's `title`, `speaker` (or `author`, `signer`, `issuer`) and `date` go
//!   to the document's meta; a `title` stands as the title when no `#` line gives one;
//!   the parts of an official copy it names (`issuer`, `number`, `signer`, `date`, `cc`,
//!   `printed` …, in English or Chinese: see `official`) become their blocks where the
//!   text gives none.
//!
//! Lines a paragraph's source wraps are joined (with a blank only between two Latin
//! letters or digits, as Chinese text wants); a hard break starts a new line.
//!
//! Spans index [`Draft::text`], the draft laid out one paragraph a line (see
//! `gongwen-parse-draft`), not the Markdown source.

mod official;

use gongwen_parse::ParseOptions;
pub use gongwen_parse_draft::Draft;
use gongwen_parse_draft::{Item, Para, TableCell};
use pulldown_cmark::{Event, HeadingLevel, MetadataBlockKind, Options, Parser, Tag, TagEnd};

/// Reads a Markdown draft. Never fails: any text gives a tree.
pub fn read(source: &str, options: &ParseOptions) -> Draft {
    let mut reader = Reader::default();
    let markdown = Options::ENABLE_TABLES | Options::ENABLE_YAML_STYLE_METADATA_BLOCKS;
    for event in Parser::new_ext(source, markdown) {
        reader.event(event);
    }
    reader.flush();
    let front = FrontMatter::parse(&reader.front_matter);
    if let Some(title) = &front.title
        && !reader.items.iter().any(|i| matches!(i, Item::Para(p) if p.title))
    {
        let para = Para { text: title.clone(), title: true, ..Para::default() };
        reader.items.insert(0, Item::Para(para));
    }
    let mut draft = gongwen_parse_draft::read(&reader.items, options);
    let meta = &mut draft.parsed.document.meta;
    if front.title.is_some() {
        meta.title = front.title;
    }
    meta.speaker = front.speaker.or(meta.speaker.take());
    meta.date = front.date.or(meta.date.take());
    official::place(&mut draft.parsed.document, front.official);
    draft
}

/// Whether a text file is Markdown in disguise: it opens with YAML front matter, or a line
/// starts with one to five `#` and a blank (Chinese prose has no such lines).
pub fn looks_like_markdown(text: &str) -> bool {
    let text = text.trim_start_matches('\u{FEFF}');
    let front = text.starts_with("---\n") || text.starts_with("---\r\n");
    front && text[3..].lines().skip(1).any(|l| l.trim_end() == "---")
        || text.lines().any(|line| {
            let hashes = line.bytes().take_while(|&b| b == b'#').count();
            (1..=5).contains(&hashes)
                && line[hashes..].starts_with(' ')
                && !line[hashes..].trim().is_empty()
        })
}

/// Reads the events into items.
#[derive(Default)]
struct Reader {
    items: Vec<Item>,
    /// The paragraph being read.
    para: Option<Para>,
    /// Ordered lists open: the next item's number (`None` for a bullet list).
    lists: Vec<Option<u64>>,
    /// The number to write before the next paragraph of a list item.
    item_number: Option<u64>,
    /// The table being read: its rows, and the cell being read.
    table: Option<Vec<Vec<TableCell>>>,
    front_matter: String,
    in_front_matter: bool,
    /// Inside an image: its alt text is not text of the document.
    in_image: bool,
}

impl Reader {
    fn event(&mut self, event: Event<'_>) {
        match event {
            Event::Start(tag) => self.start(tag),
            Event::End(tag) => self.end(tag),
            Event::Text(t) if self.in_front_matter => self.front_matter.push_str(&t),
            Event::Text(t) | Event::Code(t) | Event::InlineHtml(t) | Event::Html(t)
                if !self.in_image =>
            {
                self.text(&t)
            }
            Event::SoftBreak => self.para.get_or_insert_with(Para::default).text.push(SOFT_BREAK),
            Event::HardBreak => self.para.get_or_insert_with(Para::default).text.push('\n'),
            _ => {}
        }
    }

    fn text(&mut self, t: &str) {
        let para = self.para.get_or_insert_with(Para::default);
        if para.text.is_empty()
            && let Some(n) = self.item_number.take()
        {
            para.text.push_str(&format!("{n}."));
        }
        para.text.push_str(t);
    }

    fn start(&mut self, tag: Tag<'_>) {
        match tag {
            Tag::MetadataBlock(MetadataBlockKind::YamlStyle) => self.in_front_matter = true,
            Tag::Heading { level, .. } => {
                self.flush();
                let mut para = Para::default();
                match level {
                    HeadingLevel::H1 => para.title = true,
                    HeadingLevel::H6 => {}
                    other => para.outline = Some(other as u8 - 2),
                }
                self.para = Some(para);
            }
            Tag::Paragraph | Tag::CodeBlock(_) | Tag::BlockQuote(_) => self.flush(),
            Tag::List(start) => {
                self.flush();
                self.lists.push(start);
            }
            Tag::Item => {
                self.flush();
                if let Some(Some(n)) = self.lists.last_mut() {
                    self.item_number = Some(*n);
                    *n += 1;
                }
            }
            Tag::Table(_) => {
                self.flush();
                self.table = Some(Vec::new());
            }
            Tag::TableHead | Tag::TableRow => {
                if let Some(rows) = &mut self.table {
                    rows.push(Vec::new());
                }
            }
            Tag::TableCell => self.para = Some(Para::default()),
            Tag::Image { .. } => {
                self.in_image = true;
                self.para.get_or_insert_with(Para::default).images += 1;
            }
            _ => {}
        }
    }

    fn end(&mut self, tag: TagEnd) {
        match tag {
            TagEnd::MetadataBlock(_) => self.in_front_matter = false,
            TagEnd::Image => self.in_image = false,
            TagEnd::TableCell => {
                let para = self.para.take().unwrap_or_default();
                if let Some(row) = self.table.as_mut().and_then(|rows| rows.last_mut()) {
                    let paras = if para.text.trim().is_empty() { Vec::new() } else { vec![para] };
                    row.push((1, paras));
                }
            }
            TagEnd::Table => {
                if let Some(rows) = self.table.take() {
                    self.items.push(Item::Table(rows));
                }
            }
            TagEnd::List(_) => {
                self.flush();
                self.lists.pop();
            }
            TagEnd::Heading(_) | TagEnd::Paragraph | TagEnd::CodeBlock | TagEnd::Item => {
                self.flush()
            }
            _ => {}
        }
    }

    /// Ends the paragraph being read, if any (not inside a table cell).
    fn flush(&mut self) {
        if self.table.is_some() {
            return;
        }
        if let Some(mut para) = self.para.take() {
            para.text = join_wrapped(&para.text);
            if !para.text.trim().is_empty() || para.images > 0 {
                self.items.push(Item::Para(para));
            }
        }
    }
}

/// Stands for a soft break while a paragraph is read (a control character Markdown text
/// cannot hold).
const SOFT_BREAK: char = '\u{1}';

/// A paragraph's text with its soft breaks (where its source lines wrapped) made a blank
/// between two Latin letters or digits and nothing elsewhere, as Chinese text wants.
fn join_wrapped(text: &str) -> String {
    let chars: Vec<char> =
        text.trim_matches(|c: char| c.is_whitespace() || c == SOFT_BREAK).chars().collect();
    let mut out = String::with_capacity(text.len());
    for (i, &c) in chars.iter().enumerate() {
        if c == SOFT_BREAK {
            let latin = |c: Option<&char>| c.is_some_and(|c| c.is_ascii_alphanumeric());
            if latin(i.checked_sub(1).map(|j| &chars[j])) && latin(chars.get(i + 1)) {
                out.push(' ');
            }
            continue;
        }
        out.push(c);
    }
    out
}

/// What the front matter says.
#[derive(Debug, Default, PartialEq, Eq)]
struct FrontMatter {
    title: Option<String>,
    speaker: Option<String>,
    date: Option<String>,
    /// The official-copy blocks it names.
    official: Vec<gongwen_ast::Block>,
}

impl FrontMatter {
    fn parse(yaml: &str) -> FrontMatter {
        let Ok(docs) = yaml_rust2::YamlLoader::load_from_str(yaml) else {
            return FrontMatter::default();
        };
        let Some(doc) = docs.first() else { return FrontMatter::default() };
        let field = |keys: &[&str]| keys.iter().find_map(|k| official::scalar(&doc[*k]));
        FrontMatter {
            title: field(&["title", "标题"]),
            speaker: field(&["speaker", "author", "signer", "issuer", "署名", "发文机关"]),
            date: field(&["date", "日期", "成文日期"]),
            official: official::blocks(doc),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use gongwen_ast::Block;

    fn shape(md: &str) -> Vec<String> {
        read(md, &ParseOptions::default())
            .parsed
            .document
            .blocks
            .iter()
            .map(|b| match b {
                Block::Heading(h) => {
                    format!("h{} {}{}", h.level, h.label.canonical(), h.content.text())
                }
                b => format!("{} {}", b.kind_name(), b.plain_text()),
            })
            .collect()
    }

    #[test]
    fn headings_with_and_without_labels() {
        let md = "# 关于做好安全生产工作的通知\n\n各乡镇：\n\n## 一、压实责任\n\n请认真落实。\n\n## 加强检查\n\n### 明确分工\n\n#### (一) 细化\n\n落实到人。\n";
        assert_eq!(
            shape(md),
            [
                "title 关于做好安全生产工作的通知",
                "salutation 各乡镇：",
                "h1 一、压实责任",
                "p 请认真落实。",
                "h1 二、加强检查",
                "h2 （一）明确分工",
                "h3 （一）细化",
                "p 落实到人。",
            ]
        );
    }

    #[test]
    fn several_hash_lines_are_one_title_and_front_matter_fills_meta() {
        let md = "---\ntitle: 在全县工作会议上的讲话\nspeaker: 张三\ndate: 2024年3月1日\n---\n\n# 在全县\n# 工作会议上的讲话\n\n同志们：\n\n今天我们召开会议，\n这是一次重要的会议。\n";
        let draft = read(md, &ParseOptions::default());
        let doc = &draft.parsed.document;
        assert_eq!(doc.meta.speaker.as_deref(), Some("张三"));
        assert_eq!(doc.meta.date.as_deref(), Some("2024年3月1日"));
        assert_eq!(
            shape(md),
            [
                "title 在全县\n工作会议上的讲话",
                "salutation 同志们：",
                "p 今天我们召开会议，这是一次重要的会议。"
            ]
        );
    }

    #[test]
    fn lists_tables_and_images() {
        let md = "正文开始。\n\n1. 第一项\n2. 第二项\n\n- 要点\n\n| 项目 | 金额 |\n|---|---|\n| 道路 | 100 |\n\n![图](a.png)\n";
        let draft = read(md, &ParseOptions::default());
        let kinds: Vec<&str> = draft.parsed.document.blocks.iter().map(Block::kind_name).collect();
        assert!(kinds.contains(&"table"), "{kinds:?}");
        assert!(kinds.contains(&"removed"), "the image is left out visibly: {kinds:?}");
        assert!(draft.parsed.diagnostics.iter().any(|d| d.message.contains("image")));
        let Some(Block::Table(t)) =
            draft.parsed.document.blocks.iter().find(|b| b.kind_name() == "table")
        else {
            unreachable!()
        };
        assert_eq!(t.rows.len(), 2);
        assert_eq!(t.rows[1].cells[1].paragraphs[0].text(), "100");
        assert!(draft.text.contains("1.第一项\n2.第二项\n要点\n"), "{}", draft.text);
    }

    #[test]
    fn a_title_like_the_heading_under_it_is_not_taken_for_a_breadcrumb() {
        let md = "# 关于开展安全检查的通知\n\n## 检查范围\n\n全县各企业。\n";
        assert_eq!(
            shape(md),
            ["title 关于开展安全检查的通知", "h1 一、检查范围", "p 全县各企业。"]
        );
        let draft = read(md, &ParseOptions::default());
        assert_eq!(draft.parsed.document.meta.title.as_deref(), Some("关于开展安全检查的通知"));
        assert!(draft.parsed.diagnostics.iter().all(|d| d.code != gongwen_ast::Code::Removed));
    }

    #[test]
    fn front_matter_names_the_parts_of_an_official_copy() {
        let md = "---\n份号: \"000123\"\nclassification: 机密★1年\nurgency: 特急\nissuer: [XX市人民政府, XX市委办公室]\nnumber: X政发〔2024〕12号\nsigner: 张三\nsignature: XX市人民政府\ndate: 2024年3月1日\nnote: （此件公开发布）\ncc: 市委办公室，市人大常委会办公室。\nprinted: XX市人民政府办公室\nprinted_date: 2024年3月2日\n---\n\n# 关于开展安全检查的通知\n\n各乡镇人民政府：\n\n## 检查范围\n\n全县各企业要认真开展检查。\n";
        assert_eq!(
            shape(md),
            [
                "copy-number 000123",
                "classification 机密★1年",
                "urgency 特急",
                "issuer XX市人民政府\nXX市委办公室\n文件",
                "number X政发〔2024〕12号",
                "signer 张三",
                "title 关于开展安全检查的通知",
                "salutation 各乡镇人民政府：",
                "h1 一、检查范围",
                "p 全县各企业要认真开展检查。",
                "signature XX市人民政府",
                "date 2024年3月1日",
                "note （此件公开发布）",
                "cc 市委办公室，市人大常委会办公室。",
                "printed XX市人民政府办公室\n2024年3月2日",
            ]
        );
        let doc = read(md, &ParseOptions::default()).parsed.document;
        let Some(Block::Issuer(issuer)) = doc.blocks.iter().find(|b| b.kind_name() == "issuer")
        else {
            unreachable!()
        };
        assert_eq!(issuer.organs.len(), 2, "a joint issue keeps each organ");
    }

    #[test]
    fn the_text_wins_over_the_front_matter_and_a_speech_keeps_its_date_in_meta() {
        let md = "---\nnumber: X政发〔2024〕99号\ndate: 2024年3月1日\n---\n\nX政发〔2024〕12号\n\n# 关于开展安全检查的通知\n\n全县各企业要认真开展检查。\n\nXX市人民政府\n\n2024年3月5日\n";
        let kinds = shape(md);
        assert_eq!(kinds.iter().filter(|k| k.starts_with("number")).count(), 1, "{kinds:?}");
        assert!(kinds.contains(&"number X政发〔2024〕12号".to_string()), "{kinds:?}");
        assert!(kinds.contains(&"date 2024年3月5日".to_string()), "{kinds:?}");
        let speech = "---\ndate: 2024年3月1日\n---\n\n# 在全县工作会议上的讲话\n\n同志们：\n\n今天召开会议。\n";
        assert!(shape(speech).iter().all(|k| !k.starts_with("date")), "{:?}", shape(speech));
    }

    #[test]
    fn markdown_in_disguise() {
        assert!(looks_like_markdown("---\ntitle: 通知\n---\n正文"));
        assert!(looks_like_markdown("# 通知\n\n正文"));
        assert!(!looks_like_markdown("关于做好工作的通知\n#话题# 正文\n一、要求\n"));
    }
}
