use crate::{Label, Span};

/// A whole document: what the reader learned about it, and its blocks in reading order.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Document {
    /// Facts about the document and where it came from.
    pub meta: Meta,
    /// The blocks, in reading order. Headings do not own the blocks under them; a section
    /// runs from one heading to the next heading of the same or a higher level.
    pub blocks: Vec<Block>,
}

/// What the reader learned about a document. Every field is optional: a reader fills in
/// what it found, renderers use what is there (the DOCX and PDF core properties, say).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Meta {
    /// The title as one line of plain text (title lines joined).
    pub title: Option<String>,
    /// Who gives the speech or issues the document, when the text says so.
    pub speaker: Option<String>,
    /// The date the text gives, as written.
    pub date: Option<String>,
    /// The encoding the source was decoded from ("UTF-8", "GB18030", "Big5", …).
    pub encoding: Option<String>,
    /// Where the source came from: a file name, or "-" for standard input.
    pub source: Option<String>,
}

/// One block of a document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Block {
    /// The document's title, one or more lines.
    Title(Title),
    /// A line under the title naming the speaker or the date: "（2022年1月5日）", "XXX同志".
    Subtitle(Content),
    /// The salutation or addressee: "同志们：", "各位代表：".
    Salutation(Content),
    /// A numbered heading.
    Heading(Heading),
    /// A body paragraph.
    Paragraph(Content),
    /// A closing formula: "谢谢大家！".
    Closing(Content),
    /// The attachment note: "附件：1.……" and its further items.
    Attachment(Attachment),
    /// The issuing organ or the speaker's name at the end.
    Signature(Signature),
    /// The date at the end: "2023年5月6日", "二〇一一年十月二十六日".
    Date(Content),
    /// 份号: the copy's six-digit number, "000123" (classified copies only).
    CopyNumber(Content),
    /// 密级和保密期限: "秘密★1年", "机密".
    Classification(Content),
    /// 紧急程度: "特急", "加急".
    Urgency(Content),
    /// 发文机关标志: the issuing organ or organs, usually followed by "文件".
    Issuer(Issuer),
    /// 发文字号: "X政发〔2024〕12号".
    Number(Content),
    /// 签发人: who signed the copy off, for a report to a higher organ.
    Signer(Signer),
    /// 附注: "（此件公开发布）", under the date.
    Note(Content),
    /// 抄送: the organs a copy goes to, as written ("抄送：市委办公室，……。"); renderers
    /// add the "抄送：" label when the text lacks it.
    Cc(Content),
    /// 印发机关和印发日期: who printed the copy and when.
    Printed(Printed),
    /// An attachment carried at the end ("附件1" and its document), a part of its own.
    Appendix(Appendix),
    /// A whole line the reader dropped as noise. Renderers skip it; XML keeps it.
    Removed(Removed),
    /// A table: rows of cells, each cell holding paragraphs. GB/T 9704 §8 sets it as wide
    /// as the text block.
    Table(Table),
}

/// A table read from a draft: rows of cells in reading order.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Table {
    /// The rows, top to bottom.
    pub rows: Vec<Row>,
    /// The whole table in the source.
    pub span: Span,
}

/// One row of a [`Table`].
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Row {
    /// The cells, left to right.
    pub cells: Vec<Cell>,
}

/// One cell of a [`Row`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Cell {
    /// How many grid columns the cell spans (1 for a plain cell).
    pub columns: u32,
    /// The cell's paragraphs; an empty cell has none.
    pub paragraphs: Vec<Content>,
}

impl Default for Cell {
    fn default() -> Cell {
        Cell { columns: 1, paragraphs: Vec::new() }
    }
}

impl Table {
    /// The number of grid columns: the widest row, counting spanned columns.
    pub fn columns(&self) -> usize {
        let width = |r: &Row| r.cells.iter().map(|c| c.columns.max(1) as usize).sum::<usize>();
        self.rows.iter().map(width).max().unwrap_or(0)
    }
}

/// A document title of one or more lines, as the source broke them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Title {
    /// The title's lines.
    pub lines: Vec<Content>,
    /// The whole title in the source.
    pub span: Span,
}

/// A numbered heading.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Heading {
    /// 1 to 4: 一、 is 1, （一） is 2, 1. is 3, （1） is 4; speech ordinals stand one level
    /// below the heading they follow.
    pub level: u8,
    /// The ordinal, with its family and source text.
    pub label: Label,
    /// The heading's text, without its label.
    pub content: Content,
    /// Whether the heading is the first sentence of a paragraph ("（一）要敢想。没有想法……").
    /// The rest of that paragraph follows as the next block, a [`Block::Paragraph`];
    /// renderers set both on one line.
    pub run_in: bool,
    /// Label and text in the source.
    pub span: Span,
}

/// The attachment note at the end of a document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Attachment {
    /// One entry per line: the first begins with "附件：", later ones continue the list
    /// ("2.……").
    pub lines: Vec<Content>,
    /// The whole note in the source.
    pub span: Span,
}

/// The issuing organ or the speaker's name at the end.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Signature {
    /// The name as written.
    pub content: Content,
    /// Whether the copy is sealed (盖章): the date then stands 4 characters from the right,
    /// the organ centred over it, with room for the seal.
    pub sealed: bool,
}

/// 发文机关标志: the organs issuing a copy, the host organ first, and the word after them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Issuer {
    /// One organ for a copy issued alone, several for a joint issue (联合行文).
    pub organs: Vec<Content>,
    /// "文件" when the mark has it (set once, to the right of stacked names).
    pub suffix: Option<Content>,
    /// The whole mark in the source.
    pub span: Span,
}

/// 签发人: the names of those who signed the copy off.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Signer {
    /// One name or more, without the "签发人：" label.
    pub names: Vec<Content>,
    /// The whole line in the source.
    pub span: Span,
}

/// 印发机关和印发日期: "XX市人民政府办公室  2024年3月2日印发".
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Printed {
    /// The printing office.
    pub organ: Content,
    /// The printing date, without "印发".
    pub date: Content,
    /// The whole line in the source.
    pub span: Span,
}

/// An attachment carried at the end of a copy: it starts on a page of its own.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Appendix {
    /// N of "附件N"; none for a lone "附件".
    pub number: Option<u32>,
    /// The attachment's title, when it has one.
    pub title: Option<Title>,
    /// Its blocks, in reading order.
    pub blocks: Vec<Block>,
    /// The whole attachment in the source, from its "附件N" line.
    pub span: Span,
}

impl Signature {
    /// An unsealed signature of one kept text run.
    pub fn plain(text: impl Into<String>, span: Span) -> Signature {
        Signature { content: Content::plain(text, span), sealed: false }
    }
}

impl From<Content> for Signature {
    /// An unsealed signature.
    fn from(content: Content) -> Signature {
        Signature { content, sealed: false }
    }
}

/// A run of inline content: the text of a paragraph, a heading or a title line.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Content {
    /// The inlines, in order.
    pub inlines: Vec<Inline>,
    /// The whole run in the source.
    pub span: Span,
}

/// Inline content.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Inline {
    /// Text that is kept. It may differ from the source it spans when the reader
    /// normalised it (half-width punctuation made full-width, say).
    Text(Text),
    /// Part of a line the reader dropped as noise, such as a pinyin annotation "(huì)".
    Removed(Removed),
}

/// Kept text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Text {
    /// The text as it is rendered.
    pub text: String,
    /// Where it came from.
    pub span: Span,
}

/// Text the reader dropped, kept so that nothing is lost.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Removed {
    /// Why it was dropped.
    pub reason: Reason,
    /// The dropped text, exactly as in the source.
    pub text: String,
    /// Where it came from.
    pub span: Span,
}

/// Why text was dropped. The string form (`as_str`) is the XML `reason` attribute and is
/// stable.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Reason {
    /// A site trailer: "《……》由互联网用户分享整理。文章地址：http://…".
    WebTrailer,
    /// A "related articles" heading and the list of links after it.
    RelatedArticles,
    /// A paywall or members-only line: "此处内容需要权限查看", "会员免费查看".
    Paywall,
    /// A copy of text that also stands elsewhere, such as a truncated doubled opening.
    Duplicate,
    /// A pinyin annotation inserted after a character: "會(huì)".
    Pinyin,
    /// A page-number remnant: "第1页共10页", "- 3 -".
    PageNumber,
    /// A breadcrumb trail, view count or similar page furniture.
    Breadcrumb,
    /// A "来源：… 发布时间：…" line.
    SourceLine,
    /// An advertisement line.
    Advertisement,
    /// Text a person marked as removed by hand (in the XML).
    Manual,
    /// An image or drawing in a draft that the tree cannot hold; the text names it.
    Image,
    /// HTML tags left in pasted text: `<p>`, `</strong>`, `<br/>`.
    Markup,
    /// Random characters a forum inserts to spoil copying: "! D$ v5 F1 ]! w! L2 }".
    AntiCopy,
}

impl Reason {
    /// Every reason, in declaration order.
    pub const ALL: [Reason; 13] = [
        Reason::WebTrailer,
        Reason::RelatedArticles,
        Reason::Paywall,
        Reason::Duplicate,
        Reason::Pinyin,
        Reason::PageNumber,
        Reason::Breadcrumb,
        Reason::SourceLine,
        Reason::Advertisement,
        Reason::Manual,
        Reason::Image,
        Reason::Markup,
        Reason::AntiCopy,
    ];

    /// The stable kebab-case name.
    pub fn as_str(self) -> &'static str {
        match self {
            Reason::WebTrailer => "web-trailer",
            Reason::RelatedArticles => "related-articles",
            Reason::Paywall => "paywall",
            Reason::Duplicate => "duplicate",
            Reason::Pinyin => "pinyin",
            Reason::PageNumber => "page-number",
            Reason::Breadcrumb => "breadcrumb",
            Reason::SourceLine => "source-line",
            Reason::Advertisement => "advertisement",
            Reason::Manual => "manual",
            Reason::Image => "image",
            Reason::Markup => "markup",
            Reason::AntiCopy => "anti-copy",
        }
    }

    /// The reason named `name`, as written by [`Reason::as_str`].
    pub fn from_name(name: &str) -> Option<Reason> {
        Reason::ALL.into_iter().find(|r| r.as_str() == name)
    }
}

impl Content {
    /// Content of one kept text run.
    pub fn plain(text: impl Into<String>, span: Span) -> Content {
        Content { inlines: vec![Inline::Text(Text { text: text.into(), span })], span }
    }

    /// The kept text, removed inlines left out.
    pub fn text(&self) -> String {
        let mut out = String::new();
        for inline in &self.inlines {
            if let Inline::Text(t) = inline {
                out.push_str(&t.text);
            }
        }
        out
    }

    /// Whether no kept text remains.
    pub fn is_empty(&self) -> bool {
        self.inlines.iter().all(|i| match i {
            Inline::Text(t) => t.text.is_empty(),
            Inline::Removed(_) => true,
        })
    }

    fn erase_spans(&mut self) {
        self.span = Span::DETACHED;
        for inline in &mut self.inlines {
            match inline {
                Inline::Text(t) => t.span = Span::DETACHED,
                Inline::Removed(r) => r.span = Span::DETACHED,
            }
        }
    }
}

impl Block {
    /// Where the block stands in the source.
    pub fn span(&self) -> Span {
        match self {
            Block::Title(t) => t.span,
            Block::Heading(h) => h.span,
            Block::Attachment(a) => a.span,
            Block::Removed(r) => r.span,
            Block::Table(t) => t.span,
            Block::Issuer(i) => i.span,
            Block::Signer(s) => s.span,
            Block::Printed(p) => p.span,
            Block::Appendix(a) => a.span,
            Block::Signature(s) => s.content.span,
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
            | Block::Cc(c) => c.span,
        }
    }

    /// The block's kept text as one string: title lines and attachment lines joined with
    /// newlines, a heading's canonical label before its text, nothing for removed blocks;
    /// the parts of an issuer mark, a signer line or a 印发 line joined with newlines, and
    /// an appendix's title and blocks likewise.
    pub fn plain_text(&self) -> String {
        match self {
            Block::Heading(h) => format!("{}{}", h.label.canonical(), h.content.text()),
            Block::Appendix(a) => {
                let title = a.title.iter().flat_map(|t| &t.lines).map(Content::text);
                let blocks = a.blocks.iter().map(Block::plain_text);
                title.chain(blocks).collect::<Vec<_>>().join("\n")
            }
            _ => join_lines(self.contents()),
        }
    }

    /// Every run of inline content the block holds, in order: a title's or attachment's
    /// lines, a heading's text (not its label), nothing for a removed block.
    /// An issuer's organs and suffix, a signer's names, a 印发 line's organ and date, an
    /// appendix's title lines and the contents of its blocks.
    pub fn contents(&self) -> Vec<&Content> {
        match self {
            Block::Title(t) => t.lines.iter().collect(),
            Block::Attachment(a) => a.lines.iter().collect(),
            Block::Heading(h) => vec![&h.content],
            Block::Removed(_) => Vec::new(),
            Block::Table(t) => {
                t.rows.iter().flat_map(|r| &r.cells).flat_map(|c| &c.paragraphs).collect()
            }
            Block::Signature(s) => vec![&s.content],
            Block::Issuer(i) => i.organs.iter().chain(&i.suffix).collect(),
            Block::Signer(s) => s.names.iter().collect(),
            Block::Printed(p) => vec![&p.organ, &p.date],
            Block::Appendix(a) => {
                let title = a.title.iter().flat_map(|t| &t.lines);
                title.chain(a.blocks.iter().flat_map(Block::contents)).collect()
            }
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
            | Block::Cc(c) => vec![c],
        }
    }

    /// [`Block::contents`], to change.
    pub fn contents_mut(&mut self) -> Vec<&mut Content> {
        match self {
            Block::Title(t) => t.lines.iter_mut().collect(),
            Block::Attachment(a) => a.lines.iter_mut().collect(),
            Block::Heading(h) => vec![&mut h.content],
            Block::Removed(_) => Vec::new(),
            Block::Table(t) => t
                .rows
                .iter_mut()
                .flat_map(|r| &mut r.cells)
                .flat_map(|c| &mut c.paragraphs)
                .collect(),
            Block::Signature(s) => vec![&mut s.content],
            Block::Issuer(i) => i.organs.iter_mut().chain(&mut i.suffix).collect(),
            Block::Signer(s) => s.names.iter_mut().collect(),
            Block::Printed(p) => vec![&mut p.organ, &mut p.date],
            Block::Appendix(a) => {
                let title = a.title.iter_mut().flat_map(|t| &mut t.lines);
                title.chain(a.blocks.iter_mut().flat_map(Block::contents_mut)).collect()
            }
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
            | Block::Cc(c) => vec![c],
        }
    }

    /// The lower-case name of the block's kind, as used in the XML vocabulary.
    pub fn kind_name(&self) -> &'static str {
        match self {
            Block::Title(_) => "title",
            Block::Subtitle(_) => "subtitle",
            Block::Salutation(_) => "salutation",
            Block::Heading(_) => "heading",
            Block::Paragraph(_) => "p",
            Block::Closing(_) => "closing",
            Block::Attachment(_) => "attachment",
            Block::Signature(_) => "signature",
            Block::Date(_) => "date",
            Block::Removed(_) => "removed",
            Block::Table(_) => "table",
            Block::CopyNumber(_) => "copy-number",
            Block::Classification(_) => "classification",
            Block::Urgency(_) => "urgency",
            Block::Issuer(_) => "issuer",
            Block::Number(_) => "number",
            Block::Signer(_) => "signer",
            Block::Note(_) => "note",
            Block::Cc(_) => "cc",
            Block::Printed(_) => "printed",
            Block::Appendix(_) => "appendix",
        }
    }

    fn erase_spans(&mut self) {
        match self {
            Block::Title(t) => t.span = Span::DETACHED,
            Block::Attachment(a) => a.span = Span::DETACHED,
            Block::Heading(h) => {
                h.span = Span::DETACHED;
                h.label.span = Span::DETACHED;
            }
            Block::Removed(r) => r.span = Span::DETACHED,
            Block::Table(t) => t.span = Span::DETACHED,
            Block::Issuer(i) => i.span = Span::DETACHED,
            Block::Signer(s) => s.span = Span::DETACHED,
            Block::Printed(p) => p.span = Span::DETACHED,
            Block::Appendix(a) => {
                a.span = Span::DETACHED;
                if let Some(title) = &mut a.title {
                    title.span = Span::DETACHED;
                }
                a.blocks.iter_mut().for_each(Block::erase_spans);
            }
            _ => {}
        }
        self.contents_mut().into_iter().for_each(Content::erase_spans);
    }
}

fn join_lines(lines: Vec<&Content>) -> String {
    lines.into_iter().map(Content::text).collect::<Vec<_>>().join("\n")
}

impl Document {
    /// The same document with every span set to [`Span::DETACHED`], for comparing trees
    /// read from different sources (a text and the XML written from it).
    pub fn without_spans(&self) -> Document {
        let mut doc = self.clone();
        doc.blocks.iter_mut().for_each(Block::erase_spans);
        doc
    }

    /// The headings, in order.
    pub fn headings(&self) -> impl Iterator<Item = &Heading> {
        self.blocks.iter().filter_map(|b| match b {
            Block::Heading(h) => Some(h),
            _ => None,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::LabelFamily;

    #[test]
    fn removed_inlines_are_not_kept_text() {
        let c = Content {
            inlines: vec![
                Inline::Text(Text { text: "會".into(), span: Span::new(0, 3) }),
                Inline::Removed(Removed {
                    reason: Reason::Pinyin,
                    text: "(huì)".into(),
                    span: Span::new(3, 8),
                }),
                Inline::Text(Text { text: "議".into(), span: Span::new(8, 11) }),
            ],
            span: Span::new(0, 11),
        };
        assert_eq!(c.text(), "會議");
        assert!(!c.is_empty());
    }

    #[test]
    fn reason_names_round_trip() {
        for r in Reason::ALL {
            assert_eq!(Reason::from_name(r.as_str()), Some(r));
        }
        assert_eq!(Reason::from_name("nonsense"), None);
    }

    #[test]
    fn without_spans_erases_every_span() {
        let heading = Block::Heading(Heading {
            level: 2,
            label: Label::canonical_of(LabelFamily::ParenChinese, 1, Span::new(0, 9)),
            content: Content::plain("要敢想。", Span::new(9, 21)),
            run_in: true,
            span: Span::new(0, 21),
        });
        let doc = Document { meta: Meta::default(), blocks: vec![heading] };
        let bare = doc.without_spans();
        assert_eq!(bare.blocks[0].span(), Span::DETACHED);
        assert_eq!(bare.blocks[0].plain_text(), "（一）要敢想。");
        assert_ne!(doc, bare);
        assert_eq!(bare, bare.without_spans());
    }
}
