//! The flow from blocks to pages, in bounded memory: paragraphs are built a block at a
//! time, set into lines when the page break first asks for them, and each page goes to
//! the caller's [`PageSink`] as soon as no later rule can change it.
//!
//! What is held at once is what the keep rules look at: the paragraphs a heading keeps
//! with (no further than a page's height), the two paragraphs before the end matter, and
//! the last [`HELD`] pages, which the 版记 and the page numbers of an official copy's last
//! pages still change. A 500,000-paragraph document is laid out in the memory of a few
//! pages; a single paragraph is still built whole.

use std::collections::VecDeque;
use std::ops::Range;

use gongwen_ast::{Block, Diagnostic, Document};
use gongwen_style::PT_PER_MM;

use crate::official::{self, FootPlacement, Head};
use crate::{Engine, Line, OutlineEntry, Page, Para, Role, SetLine, opening_lines};

/// Pages kept back before they go to the sink: the 版记 goes on the last page or a new
/// one after it, and takes the page numbers off those it stands on.
const HELD: usize = 2;

/// Where finished pages go, in order.
pub trait PageSink {
    /// Takes the next page.
    fn page(&mut self, page: Page);
}

impl<F: FnMut(Page)> PageSink for F {
    fn page(&mut self, page: Page) {
        self(page)
    }
}

/// What is known of a layout once its last page has gone to the sink.
#[derive(Debug, Clone, PartialEq)]
pub struct Summary {
    /// Page width in points.
    pub page_width: f32,
    /// Page height in points.
    pub page_height: f32,
    /// How many pages went to the sink.
    pub pages: usize,
    /// The headings, in document order, with where they landed.
    pub outline: Vec<OutlineEntry>,
    /// Problems met while laying out, such as characters no font has.
    pub warnings: Vec<Diagnostic>,
    /// Where the 版记 went, for the DOCX to put it there too.
    pub foot: FootPlacement,
}

/// What one block's paragraphs tell the next block's.
pub(crate) struct BlockState {
    pub(crate) prev_title: bool,
    pub(crate) before_signature: bool,
}

/// The document's paragraphs, a settled group at a time: a group ends before a body
/// paragraph or heading, which no placement rule reaches back across.
struct Paragraphs<'d> {
    flow: std::borrow::Cow<'d, [Block]>,
    at: usize,
    state: BlockState,
    /// Paragraphs built but not yet settled.
    group: Vec<Para>,
}

impl<'d> Paragraphs<'d> {
    fn new(doc: &'d Document) -> Paragraphs<'d> {
        Paragraphs {
            flow: gongwen_ast::flow_blocks(&doc.blocks),
            at: 0,
            state: BlockState { prev_title: false, before_signature: true },
            group: Vec::new(),
        }
    }

    /// The next settled group, or none at the end.
    fn next_group(&mut self, engine: &mut Engine<'_>) -> Option<Vec<Para>> {
        loop {
            let Some(paras) = engine.block_paras(&self.flow, &mut self.at, &mut self.state) else {
                if self.group.is_empty() {
                    return None;
                }
                let mut group = std::mem::take(&mut self.group);
                engine.settle(&mut group);
                return Some(group);
            };
            let mut ready = None;
            for para in paras {
                let opens = matches!(para.role, Role::Body | Role::Heading(_));
                if opens && !self.group.is_empty() && ready.is_none() {
                    let mut group = std::mem::take(&mut self.group);
                    engine.settle(&mut group);
                    ready = Some(group);
                }
                self.group.push(para);
            }
            if ready.is_some() {
                return ready;
            }
        }
    }
}

/// A paragraph waiting for its page, with its lines once broken.
struct Slot {
    para: Para,
    lines: Option<Lines>,
}

/// A paragraph's lines: set already (a table row's), or where they break, each set only
/// as it goes on its page.
enum Lines {
    Set(std::vec::IntoIter<SetLine>),
    Breaks(Vec<Range<usize>>),
}

impl Lines {
    fn len(&self) -> usize {
        match self {
            Lines::Set(lines) => lines.len(),
            Lines::Breaks(ranges) => ranges.len(),
        }
    }
}

/// The paragraphs from the one being put on pages on, built as far ahead as asked.
struct Ahead<'d> {
    source: Paragraphs<'d>,
    slots: VecDeque<Slot>,
    /// The index in the document of `slots[0]`.
    first: usize,
    /// The first end-matter paragraph, once built.
    end_matter: Option<usize>,
    /// See [`Ahead::end_keep`].
    keep: Option<(usize, usize)>,
    exhausted: bool,
}

impl<'d> Ahead<'d> {
    /// Whether paragraph `k` exists, building up to it.
    fn has(&mut self, engine: &mut Engine<'_>, k: usize) -> bool {
        while !self.exhausted && self.first + self.slots.len() <= k {
            match self.source.next_group(engine) {
                Some(group) => {
                    for para in group {
                        let index = self.first + self.slots.len();
                        let end =
                            matches!(para.role, Role::Attachment | Role::Signature | Role::Date);
                        self.slots.push_back(Slot { para, lines: None });
                        if end && self.end_matter.is_none() {
                            self.end_matter = Some(index);
                            self.keep = self.end_keep(engine, index);
                        }
                    }
                }
                None => self.exhausted = true,
            }
        }
        k < self.first + self.slots.len()
    }

    fn para(&self, k: usize) -> &Para {
        &self.slots[k - self.first].para
    }

    /// The number of lines paragraph `k` sets into; it must have been built and not yet
    /// put on pages.
    fn count(&mut self, engine: &Engine<'_>, k: usize) -> usize {
        let slot = &mut self.slots[k - self.first];
        if slot.lines.is_none() {
            slot.lines = Some(match (slot.para.preset.take(), &mut slot.para.lazy) {
                (Some(lines), _) => Lines::Set(lines.into_iter()),
                (None, Some(lazy)) => Lines::Breaks(std::mem::take(&mut lazy.ranges)),
                (None, None) => Lines::Breaks(engine.line_ranges(&slot.para, engine.width)),
            });
        }
        slot.lines.as_ref().map_or(0, Lines::len)
    }

    /// Where the end matter — from the first attachment note, signature or date (paragraph
    /// `e`) to the end — gets the body lines it keeps with (GB/T 9704 §7.3.5: never a page
    /// of end matter alone): the paragraph that gives them, and how many of its last lines
    /// it gives, so that two body lines in all go along (a one-line closing formula is one
    /// of them). None when a heading comes right before it. The paragraph being put on
    /// pages is never past `e - 2`: the window reaches two paragraphs beyond it.
    fn end_keep(&mut self, engine: &Engine<'_>, e: usize) -> Option<(usize, usize)> {
        let mut need = 2;
        let mut t = e.checked_sub(1)?;
        while self.count(engine, t) < need && t > 0 && self.para(t).role == Role::Body {
            need -= self.count(engine, t);
            t -= 1;
        }
        (self.para(t).role == Role::Body).then_some((t, need))
    }

    /// The paragraph being put on pages, its lines set, out of the window.
    fn pop(&mut self, engine: &Engine<'_>) -> Slot {
        self.count(engine, self.first);
        let slot = self.slots.pop_front().expect("the paragraph was built");
        self.first += 1;
        slot
    }
}

/// The pages not yet sent, and where they go.
struct Pages<'s> {
    held: VecDeque<Page>,
    sent: usize,
    head: Option<Head>,
    sink: &'s mut dyn PageSink,
}

impl Pages<'_> {
    /// The page being filled.
    fn current(&mut self) -> &mut Page {
        self.held.back_mut().expect("there is always a page")
    }

    /// The index of the page being filled, from 0.
    fn index(&self) -> usize {
        self.sent + self.held.len() - 1
    }

    /// Starts a new page, sending the oldest held one when more than [`HELD`] are.
    fn open(&mut self, engine: &mut Engine<'_>) {
        self.held.push_back(Page::default());
        while self.held.len() > HELD {
            let mut page = self.held.pop_front().expect("a held page");
            self.finish_page(engine, &mut page);
            self.sink.page(page);
            self.sent += 1;
        }
    }

    /// Gives a page that leaves the flow its number and, the first, the 版头.
    fn finish_page(&mut self, engine: &mut Engine<'_>, page: &mut Page) {
        let number = self.sent + 1;
        official::seals(engine, page);
        if let Some(line) = engine.page_number(number) {
            page.lines.push(line);
        }
        if number == 1
            && let Some(head) = self.head.take()
        {
            official::put_head(head, std::slice::from_mut(page));
        }
    }
}

/// The width and height of `profile`'s pages, in points.
pub fn page_size(profile: &gongwen_style::StyleProfile) -> (f32, f32) {
    (profile.page.width_mm * PT_PER_MM, profile.page.height_mm * PT_PER_MM)
}

/// Lays `doc` out with `profile`'s numbers and `fonts`' faces, sending each page to
/// `sink` as soon as it is decided; what is left to know comes back at the end.
pub fn layout_pages(
    doc: &Document,
    profile: &gongwen_style::StyleProfile,
    fonts: &crate::FontBook,
    sink: &mut dyn PageSink,
) -> Summary {
    layout_with(doc, profile, fonts, sink, crate::LAZY_FROM)
}

/// [`layout_pages`], a body paragraph's cells not kept from `lazy_from` bytes on.
fn layout_with(
    doc: &Document,
    profile: &gongwen_style::StyleProfile,
    fonts: &crate::FontBook,
    sink: &mut dyn PageSink,
    lazy_from: usize,
) -> Summary {
    let mut engine = Engine::new(profile, fonts);
    engine.lazy_from = lazy_from;
    let head = official::head(&mut engine, doc);
    engine.flow_top = head.as_ref().map_or(0.0, |h| h.flow_top);
    let mut ahead = Ahead {
        source: Paragraphs::new(doc),
        slots: VecDeque::new(),
        first: 0,
        end_matter: None,
        keep: None,
        exhausted: false,
    };
    let mut pages = Pages { held: VecDeque::new(), sent: 0, head, sink };
    engine.paginate(&mut ahead, &mut pages);
    // A sealed signature stands lower, under room for its seal.
    let before_signature = if engine.seal_rows.is_empty() {
        profile.layout.blank_lines_before_signature
    } else {
        profile.official.sealed_blank_lines_before_signature
    };
    let flow = crate::tighten::Flow { top: engine.flow_top, before_signature };
    crate::tighten::last_page(&mut pages.held, pages.sent, &mut engine.outline, profile, flow);
    // The held pages take their numbers as every page did, then the 版记.
    let mut held: Vec<Page> = Vec::with_capacity(pages.held.len() + 2);
    while let Some(mut page) = pages.held.pop_front() {
        pages.finish_page(&mut engine, &mut page);
        pages.sent += 1;
        held.push(page);
    }
    let before = pages.sent - held.len();
    let foot = official::foot(&mut engine, doc, &mut held, before);
    engine.flush_page_number_warnings();
    let count = before + held.len();
    for page in held {
        pages.sink.page(page);
    }
    let (page_width, page_height) = page_size(profile);
    Summary {
        page_width,
        page_height,
        pages: count,
        outline: engine.outline,
        warnings: engine.warnings,
        foot,
    }
}

impl Engine<'_> {
    /// Puts the paragraphs' lines on pages.
    fn paginate(&mut self, ahead: &mut Ahead<'_>, pages: &mut Pages<'_>) {
        const EPS: f32 = 0.01;
        let top = self.profile.page.margin_top_mm * PT_PER_MM;
        let blank = self.profile.page.line_pitch_pt;
        pages.open(self);
        let mut y = self.flow_top;
        let height = self.height;
        // Lines of `pitch` that still fit on the page from `y`.
        let room = |y: f32, pitch: f32| ((height - y + EPS) / pitch).floor().max(0.0) as usize;
        // Height of the paragraphs from `from` on, blank lines before each included, up to
        // the first that opens a page of its own (an official copy's attachments): what
        // must share a page with the paragraph before `from`. Only compared with what is
        // left of a page, so the sum stops once it is more than a page.
        let height_of = |engine: &mut Engine<'_>, ahead: &mut Ahead<'_>, from: usize| -> f32 {
            let mut sum = 0.0;
            let mut k = from;
            while ahead.has(engine, k) && !ahead.para(k).break_before {
                let c = ahead.count(engine, k);
                let p = ahead.para(k);
                sum += p.blank_before as f32 * blank + c as f32 * p.pitch;
                if sum > height + EPS {
                    break;
                }
                k += 1;
            }
            sum
        };
        let mut i = 0;
        while ahead.has(self, i) {
            // The end matter is found as soon as the two paragraphs before it are.
            ahead.has(self, i + 2);
            let end = ahead.keep;
            let n = ahead.count(self, i);
            let para = ahead.para(i);
            let (pitch, break_before, blank_before, keep_with_next, keep_together) = (
                para.pitch,
                para.break_before,
                para.blank_before,
                para.keep_with_next,
                para.keep_together,
            );
            // GB/T 9704 §7.3.5: the end matter (attachment note, signature, date, 附注)
            // never stands on a page of its own: it keeps `need` body lines with it.
            let tail = match end {
                Some((t, need)) if t == i => Some((height_of(self, ahead, i + 1), need)),
                _ => None,
            };
            if break_before && y > 0.0 {
                pages.open(self);
                y = 0.0;
            }
            if y > 0.0 {
                y += blank_before as f32 * blank;
            }
            if keep_with_next && ahead.has(self, i + 1) {
                // The heading, the headings it keeps with, and the lines the paragraph
                // after them must open with; no further than a page, past which nothing
                // is kept.
                let mut needed = n as f32 * pitch;
                let mut k = i + 1;
                while ahead.has(self, k) && needed <= height {
                    ahead.has(self, k + 2);
                    let end = ahead.keep;
                    let count = ahead.count(self, k);
                    let next = ahead.para(k);
                    let next_pitch = next.pitch;
                    needed += next.blank_before as f32 * blank;
                    if next.keep_with_next && ahead.has(self, k + 1) {
                        needed += count as f32 * next_pitch;
                        k += 1;
                        continue;
                    }
                    needed += match end {
                        // A short paragraph that the end matter keeps with goes along whole.
                        Some((t, _)) if t == k && count <= 4 => {
                            count as f32 * next_pitch + height_of(self, ahead, k + 1)
                        }
                        _ => opening_lines(count) as f32 * next_pitch,
                    };
                    break;
                }
                if y > 0.0 && y + needed > height + EPS && needed <= height {
                    pages.open(self);
                    y = 0.0;
                }
            }
            // A table row that fits on a page is not broken.
            if keep_together && y > 0.0 && n > room(y, pitch) && n <= room(0.0, pitch) {
                pages.open(self);
                y = 0.0;
            }
            let Slot { mut para, lines } = ahead.pop(self);
            let mut lines = lines.unwrap_or(Lines::Set(Vec::new().into_iter()));
            let mut j = 0;
            while j < n {
                let r = room(y, pitch);
                let left = n - j;
                // A line taller than the text block still goes on a page of its own.
                let mut take = if y == 0.0 { r.max(1) } else { r }.min(left);
                // A first line alone at the bottom of a page goes to the next.
                let orphan = j == 0 && n >= 2 && take == 1 && y > 0.0;
                if take == 0 || orphan {
                    pages.open(self);
                    y = 0.0;
                    continue;
                }
                // A last line alone at the top of the next page takes one more with it,
                // unless that would leave the first line alone here.
                if left - take == 1 && take >= 2 {
                    if j == 0 && take == 2 && y > 0.0 {
                        pages.open(self);
                        y = 0.0;
                        continue;
                    }
                    take -= 1;
                }
                // When the signature block will not fit below this paragraph's last lines,
                // up to two of them go to the next page with it.
                if let Some((tail, need)) = tail
                    && j + take == n
                    && y + take as f32 * pitch + tail > height + EPS
                {
                    let stay = take.saturating_sub(need);
                    if stay > 1 || (stay == 1 && j > 0) {
                        take = stay;
                    } else if y > 0.0 {
                        pages.open(self);
                        y = 0.0;
                        continue;
                    }
                }
                if j == 0
                    && let Some((level, title)) = para.outline.take()
                {
                    self.outline.push(OutlineEntry {
                        level,
                        title,
                        page: pages.index(),
                        y: top + y,
                    });
                }
                let page = pages.current();
                let chunk_top = top + y;
                for k in j..j + take {
                    let line = match &mut lines {
                        Lines::Set(set) => set.next().expect("a set line for each"),
                        Lines::Breaks(ranges) => {
                            let range = std::mem::take(&mut ranges[k]);
                            let at = (k, n);
                            match &mut para.lazy {
                                Some(lazy) => {
                                    let (Block::Paragraph(content) | Block::Closing(content)) =
                                        &ahead.source.flow[lazy.block]
                                    else {
                                        unreachable!("a long paragraph is a paragraph's block")
                                    };
                                    let cells =
                                        self.next_cells(content, &mut lazy.cursor, range.len());
                                    let first = lazy.first;
                                    self.set_line(&para, &cells, Some(&first), 0.0, self.width, at)
                                }
                                None => {
                                    let cells = &para.cells[range];
                                    let first = para.cells.first();
                                    self.set_line(&para, cells, first, 0.0, self.width, at)
                                }
                            }
                        }
                    };
                    let baseline = top + y + pitch / 2.0 + line.centre;
                    page.lines.push(Line {
                        role: line.role,
                        baseline,
                        runs: line.runs,
                        colour: None,
                    });
                    y += pitch;
                }
                if let Some(frame) = &para.frame {
                    frame.rule(page, chunk_top, top + y, self.profile.layout.table_rule_pt);
                }
                j += take;
                if j < n {
                    pages.open(self);
                    y = 0.0;
                }
            }
            i += 1;
        }
    }
}

#[cfg(test)]
mod tests {
    use gongwen_ast::{Block, Content, Document, Inline, Reason, Removed, Span, Text};
    use gongwen_style::StyleProfile;

    use crate::{FontBook, Page};

    /// A long paragraph laid out from cells kept and from cells shaped again line by line
    /// gives the same pages: several runs, a removed run between them, Latin words,
    /// numbers, punctuation, a control character and a character no font has.
    #[test]
    fn a_long_paragraph_shaped_twice_gives_the_same_pages() {
        let mut book = FontBook::new();
        for font in gongwen_fonts::BUNDLED {
            book.add_static(font.data).expect("bundled fonts parse");
        }
        let run = |text: String| Inline::Text(Text { text, span: Span::DETACHED });
        let piece = "同志们，2024年GDP增长5.2%，“稳中求进”——这是ISO 9001认证的要求……\u{7}\u{E000}";
        let removed = Inline::Removed(Removed {
            reason: Reason::Manual,
            text: "删去的话".into(),
            span: Span::DETACHED,
        });
        let inlines =
            vec![run(piece.repeat(60)), removed, run(piece.repeat(90)), run("完。".into())];
        let long = Block::Paragraph(Content { inlines, span: Span::DETACHED });
        let short = Block::Paragraph(Content::plain("短段落。", Span::DETACHED));
        let doc = Document { blocks: vec![short.clone(), long, short], ..Document::default() };
        let profile = StyleProfile::default();
        let pages = |lazy_from: usize| {
            let mut pages: Vec<Page> = Vec::new();
            let summary =
                super::layout_with(&doc, &profile, &book, &mut |p| pages.push(p), lazy_from);
            (pages, summary)
        };
        let (kept, kept_summary) = pages(usize::MAX);
        let (again, again_summary) = pages(0);
        assert!(kept.len() > 3, "{} pages", kept.len());
        assert_eq!(again, kept);
        assert_eq!(again_summary, kept_summary);
        assert_eq!(kept_summary.warnings.len(), 1, "{:?}", kept_summary.warnings);
    }
}
