//! `word/document.xml`: the blocks as paragraphs, each applied by style, with direct
//! formatting only where the standard places text relative to other text (blank lines
//! between parts, the date under the signature, wrapped attachment names).

use gongwen_ast::{Attachment, Block, Content, Document, Heading, Inline, Title};
use gongwen_layout::{FootPlacement, SealImage};
use gongwen_style::{Align, RoleStyle, StyleProfile};

use crate::props::{Fonts, Indent, ParaProps, RunProps, Spacing, mm_twips, twips};
use crate::styles;
use crate::xml::{DECLARATION, R_NS, W_NS, escape_into, escaped_len};

/// Relationship ids of the two footers, shared with the package's relationships part.
pub(crate) const ODD_FOOTER_RID: &str = "rId4";
/// See [`ODD_FOOTER_RID`].
pub(crate) const EVEN_FOOTER_RID: &str = "rId5";

/// The whole `word/document.xml`.
pub(crate) fn document_xml(
    doc: &Document,
    profile: &StyleProfile,
    seal: Option<&SealImage>,
    foot: Option<FootPlacement>,
) -> String {
    let mut out = String::with_capacity(document_size(doc));
    out.push_str(DECLARATION);
    out.push_str("<w:document xmlns:w=\"");
    out.push_str(W_NS);
    out.push_str("\" xmlns:r=\"");
    out.push_str(R_NS);
    out.push_str("\"><w:body>");
    crate::official::head(&mut out, doc, profile);
    Writer { profile, out: &mut out, keep_with_end: false, seal }.blocks(doc);
    if !crate::official::foot(&mut out, doc, profile, foot) {
        section(&mut out, profile, [ODD_FOOTER_RID, EVEN_FOOTER_RID], None);
    }
    out.push_str("</w:body></w:document>");
    out
}

/// About the size of `word/document.xml` for `doc`, to reserve it at once (a buffer grown
/// by doubling may hold twice what it needs): the escaped text exactly; the markup of a
/// plain paragraph around each run of it, the East Asian hint where the run needs one and
/// a run-in heading's styled run; a sixteenth more for the properties some paragraphs
/// have, and the section's.
fn document_size(doc: &Document) -> usize {
    /// `<w:p><w:r><w:t></w:t></w:r></w:p>`.
    const PARAGRAPH: usize = 33;
    /// `<w:rPr><w:rFonts w:hint="eastAsia"/></w:rPr>`.
    const HINT: usize = 44;
    /// `<w:r><w:rPr><w:rStyle w:val="Heading1Char"/></w:rPr><w:t></w:t></w:r>`.
    const HEADING: usize = 70;
    let content = |c: &Content| {
        let pieces = pieces(c);
        let hint = pieces.iter().any(|p| p.chars().any(is_ambiguous_width));
        pieces.iter().map(|p| escaped_len(p)).sum::<usize>()
            + PARAGRAPH
            + if hint { HINT } else { 0 }
    };
    let block = |b: &Block| {
        let heading =
            if let Block::Heading(h) = b { HEADING + h.label.canonical().len() } else { 0 };
        b.contents().into_iter().map(content).sum::<usize>() + heading
    };
    let size: usize = doc.blocks.iter().map(block).sum();
    4096 + size + size / 16
}

/// The section properties: A4, the margins, the footers (odd and even) and the line
/// grid. A later section (`start` is its `w:type`, how it starts) has no grid: it holds
/// lines placed exactly, which LibreOffice would round to the grid.
pub(crate) fn section(
    out: &mut String,
    profile: &StyleProfile,
    footers: [&str; 2],
    start: Option<&str>,
) {
    let page = &profile.page;
    let number = &profile.page_number;
    // The footer's bottom edge sits so that its one line (exactly the number's size high)
    // starts `below_text_mm` under the text block.
    let footer = mm_twips(page.margin_bottom_mm - number.below_text_mm) - twips(number.size_pt);
    let _ = std::fmt::Write::write_fmt(
        out,
        format_args!(
            "<w:sectPr><w:footerReference w:type=\"default\" r:id=\"{}\"/>\
             <w:footerReference w:type=\"even\" r:id=\"{}\"/>{}<w:pgSz w:w=\"{}\" w:h=\"{}\"/>\
             <w:pgMar w:top=\"{}\" w:right=\"{}\" w:bottom=\"{}\" w:left=\"{}\" w:header=\"0\" \
             w:footer=\"{}\" w:gutter=\"0\"/>\
             <w:cols w:space=\"0\"/>{}</w:sectPr>",
            footers[0],
            footers[1],
            start.map(|t| format!("<w:type w:val=\"{t}\"/>")).unwrap_or_default(),
            mm_twips(page.width_mm),
            mm_twips(page.height_mm),
            mm_twips(page.margin_top_mm),
            mm_twips(page.margin_right_mm),
            mm_twips(page.margin_bottom_mm),
            mm_twips(page.margin_left_mm),
            footer.max(0),
            if start.is_none() {
                format!(
                    "<w:docGrid w:type=\"lines\" w:linePitch=\"{}\"/>",
                    twips(page.line_pitch_pt)
                )
            } else {
                String::new()
            },
        ),
    );
}

/// Whether Word should take `c` from the East Asian font although it also stands in Latin
/// fonts: curly quotes, dashes, the ellipsis and the middle dot are full-width in Chinese.
fn is_ambiguous_width(c: char) -> bool {
    matches!(c, '‘' | '’' | '“' | '”' | '—' | '―' | '…' | '·')
}

/// Writes one `w:r` with `text` in character style `style`.
pub(crate) fn run(out: &mut String, style: Option<&str>, text: &str) {
    run_with(out, RunProps { style, ..RunProps::default() }, text);
}

/// Writes one `w:r` with `text` and run properties `props`.
pub(crate) fn run_with(out: &mut String, props: RunProps, text: &str) {
    run_pieces(out, props, &[text]);
}

/// Writes one `w:r` holding `pieces` one after the other, escaped straight into `out`:
/// a paragraph's text runs are not first copied into one string (on a document of one
/// long paragraph that copy was as large as the whole text).
fn run_pieces(out: &mut String, props: RunProps, pieces: &[&str]) {
    let Some(first) = pieces.iter().find_map(|p| p.chars().next()) else {
        return;
    };
    let last = pieces.iter().rev().find_map(|p| p.chars().next_back()).unwrap_or(first);
    out.push_str("<w:r>");
    let hint = pieces.iter().any(|p| p.chars().any(is_ambiguous_width));
    let fonts = props.fonts.or(hint.then_some(Fonts::default()));
    let fonts = fonts.map(|f| Fonts { hint_east_asia: hint, ..f });
    RunProps { fonts, ..props }.write(out);
    let preserve = first.is_whitespace() || last.is_whitespace();
    out.push_str(if preserve { "<w:t xml:space=\"preserve\">" } else { "<w:t>" });
    for piece in pieces {
        escape_into(out, piece);
    }
    out.push_str("</w:t></w:r>");
}

/// The kept text runs of `content`, in order.
fn pieces(content: &Content) -> Vec<&str> {
    content
        .inlines
        .iter()
        .filter_map(|i| match i {
            Inline::Text(t) => Some(t.text.as_str()),
            Inline::Removed(_) => None,
        })
        .collect()
}

/// Writes the kept text of `content` as one run: inlines carry no formatting of their own.
fn runs(out: &mut String, style: Option<&str>, content: &Content) {
    run_pieces(out, RunProps { style, ..RunProps::default() }, &pieces(content));
}

/// Approximate advance of `text` in twips when set at `role`'s size with the page's
/// character spacing: full-width characters take one em; half-width ones take their
/// Times New Roman (and Liberation Serif) advance, half an em for digits and most
/// letters, a quarter for the marks that number a list; and the script space
/// (`layout.han_latin_space_em`) where Chinese text meets a digit or Latin letter, which
/// Word, WPS and LibreOffice set there as the PDF does.
pub(crate) fn advance(profile: &StyleProfile, role: &RoleStyle, text: &str) -> i32 {
    let em = role.size_pt;
    let width = |c: char| match c {
        '.' | ',' | ':' | ';' | ' ' => 0.25,
        c if c.is_ascii() => 0.5,
        _ => 1.0,
    };
    let pt: f32 = text.chars().map(|c| width(c) * em + profile.page.char_spacing_pt).sum();
    let chars: Vec<char> = text.chars().collect();
    let changes = chars.windows(2).filter(|p| gongwen_layout::script_change(p[0], p[1])).count();
    twips(pt + changes as f32 * profile.layout.han_latin_space_em * em)
}

/// Width of the text block in twips.
pub(crate) fn text_width(profile: &StyleProfile) -> i32 {
    let page = &profile.page;
    mm_twips(page.width_mm) - mm_twips(page.margin_left_mm) - mm_twips(page.margin_right_mm)
}

struct Writer<'a> {
    profile: &'a StyleProfile,
    out: &'a mut String,
    /// The block being written keeps with the end matter after it (GB/T 9704 §7.3.5: no
    /// page holds only the attachment note, signature, date and 附注), as the PDF layout
    /// keeps them: from the paragraph that gives the end matter two body lines on.
    keep_with_end: bool,
    /// The seal image drawn over a sealed signature.
    seal: Option<&'a SealImage>,
}

impl Writer<'_> {
    fn blocks(&mut self, doc: &Document) {
        let flow = gongwen_ast::flow_blocks(&doc.blocks);
        let blocks: Vec<&Block> = flow.iter().filter(|b| is_rendered(b)).collect();
        let keep_from = end_matter_keep(&blocks, self.profile);
        // Attachments start pages of their own: nothing keeps with them.
        let appendix = blocks.iter().position(|b| matches!(b, Block::Appendix(_)));
        let mut i = 0;
        while i < blocks.len() {
            let after = blocks.get(i + 1).copied();
            let consumes_next = matches!(
                (blocks[i], after),
                (Block::Heading(h), Some(Block::Paragraph(_))) if h.run_in
            );
            let next = blocks.get(i + 1 + usize::from(consumes_next));
            self.keep_with_end = keep_from.is_some_and(|k| i >= k)
                && next.is_some()
                && appendix.is_none_or(|a| i + 1 + usize::from(consumes_next) < a);
            match blocks[i] {
                Block::Title(title) => self.title(title, blank_after_title(after)),
                Block::Subtitle(c) => {
                    let after = blank_after_title(after);
                    self.paragraph(Some(styles::SUBTITLE), c, self.after_title(after))
                }
                Block::Salutation(c) => {
                    self.paragraph(Some(styles::SALUTATION), c, ParaProps::default())
                }
                Block::Heading(h) if h.run_in => {
                    if let Some(Block::Paragraph(rest)) = after {
                        self.run_in(h, Some(rest));
                        i += 1;
                    } else {
                        self.run_in(h, None);
                    }
                }
                Block::Heading(h) => self.heading(h),
                Block::Paragraph(c) | Block::Closing(c) => {
                    self.paragraph(None, c, ParaProps::default())
                }
                Block::Attachment(a) => self.attachment(a),
                Block::Appendix(a) => crate::official::appendix_label(self.out, a, self.profile),
                Block::Signature(_) | Block::Date(_) => {
                    let end = blocks[i..]
                        .iter()
                        .position(|b| !matches!(b, Block::Signature(_) | Block::Date(_)))
                        .map_or(blocks.len(), |n| i + n);
                    self.signature(&blocks[i..end], end < blocks.len());
                    i = end;
                    continue;
                }
                Block::Table(t) => crate::table::table(self.out, t, self.profile),
                // Removed blocks are not rendered; the 版头 and 版记 blocks are not in the
                // flow (see `crate::official`).
                _ => {}
            }
            i += 1;
        }
    }

    /// Spacing after the last paragraph of the title block, when `blank` is set.
    fn after_title(&self, blank: bool) -> ParaProps<'static> {
        if !blank {
            return ParaProps::default();
        }
        let lines = self.profile.layout.blank_lines_after_title;
        self.blank_lines(lines, false)
    }

    /// Paragraph spacing of `lines` blank grid lines, before or after.
    fn blank_lines(&self, lines: u32, before: bool) -> ParaProps<'static> {
        if lines == 0 {
            return ParaProps::default();
        }
        let space = twips(self.profile.page.line_pitch_pt) * lines as i32;
        let spacing = if before {
            Spacing { before: Some(space), ..Spacing::default() }
        } else {
            Spacing { after: Some(space), ..Spacing::default() }
        };
        ParaProps { spacing: Some(spacing), ..ParaProps::default() }
    }

    fn open(&mut self, props: &ParaProps) {
        self.out.push_str("<w:p>");
        let keep = ParaProps { keep_next: props.keep_next || self.keep_with_end, ..*props };
        keep.write(self.out);
    }

    fn close(&mut self) {
        self.out.push_str("</w:p>");
    }

    fn title(&mut self, title: &Title, blank_after: bool) {
        let props = ParaProps { style: Some(styles::TITLE), ..self.after_title(blank_after) };
        self.open(&props);
        let mut first = true;
        for line in title.lines.iter().filter(|l| !l.is_empty()) {
            // The PDF layout breaks the title at the same places.
            for part in gongwen_layout::title::title_lines(&line.text(), self.profile) {
                if !first {
                    self.out.push_str("<w:r><w:br/></w:r>");
                }
                first = false;
                run(self.out, None, &part);
            }
        }
        self.close();
    }

    fn paragraph(&mut self, style: Option<&str>, content: &Content, props: ParaProps) {
        self.open(&ParaProps { style, ..props });
        runs(self.out, None, content);
        self.close();
    }

    fn heading_runs(&mut self, style: Option<&str>, h: &Heading) {
        let label = h.label.canonical();
        let pieces: Vec<&str> = std::iter::once(label.as_str()).chain(pieces(&h.content)).collect();
        run_pieces(self.out, RunProps { style, ..RunProps::default() }, &pieces);
    }

    fn heading(&mut self, h: &Heading) {
        let label = h.label.canonical();
        if gongwen_layout::title::is_chapter(&label) {
            // A chapter of regulation text: centred, a full-width space after 第X章, as the
            // PDF layout sets it.
            self.open(&ParaProps {
                style: Some(styles::heading(h.level)),
                indent: Some(Indent { first_line: Some(0), ..Indent::default() }),
                align: Some(Align::Center),
                ..ParaProps::default()
            });
            run(self.out, None, &format!("{label}\u{3000}{}", h.content.text()));
            self.close();
            return;
        }
        self.open(&ParaProps { style: Some(styles::heading(h.level)), ..ParaProps::default() });
        self.heading_runs(None, h);
        self.close();
    }

    /// A run-in heading and the rest of its paragraph, as one body paragraph.
    fn run_in(&mut self, h: &Heading, rest: Option<&Content>) {
        self.open(&ParaProps::default());
        self.heading_runs(Some(styles::heading_char(h.level)), h);
        if let Some(rest) = rest {
            runs(self.out, None, rest);
        }
        self.close();
    }

    /// The attachment note: "附件：1.名称" starting `attachment_indent_chars` in, later
    /// items ("2.名称") numbered under the first number, wrapped lines aligned with the
    /// first character of the name (GB/T 9704 §7.3.4).
    fn attachment(&mut self, a: &Attachment) {
        let profile = self.profile;
        let role = &profile.attachment;
        let start = twips(profile.layout.attachment_indent_chars * role.size_pt);
        let mut name_start = None;
        let mut first = true;
        for line in a.lines.iter().filter(|l| !l.is_empty()) {
            let text = line.text();
            let (lead, number) = attachment_prefix(&text);
            let lead_w = advance(profile, role, lead);
            let number_w = advance(profile, role, number);
            let left = *name_start.get_or_insert(start + lead_w + number_w);
            let hanging = if first { left - start } else { number_w };
            let mut props = ParaProps {
                style: Some(styles::ATTACHMENT),
                indent: Some(Indent {
                    left: Some(left),
                    hanging: Some(hanging.max(0)),
                    ..Indent::default()
                }),
                ..ParaProps::default()
            };
            if first {
                let blank = self.blank_lines(profile.layout.blank_lines_before_attachment, true);
                props.spacing = blank.spacing;
            }
            first = false;
            self.open(&props);
            runs(self.out, None, line);
            self.close();
        }
    }

    /// Signature lines and the date under them (GB/T 9704 §7.3.5, not stamped): the
    /// signature `signature_right_inset_chars` from the right, the date starting
    /// `date_shift_chars` right of the signature's start; a date longer than that allows
    /// keeps the inset and moves the signature instead.
    fn signature(&mut self, group: &[&Block], more: bool) {
        let profile = self.profile;
        if group.iter().any(|b| matches!(b, Block::Signature(s) if s.sealed)) {
            let keep = self.keep_with_end && more;
            crate::official::sealed_signature(self.out, group, profile, keep, self.seal);
            return;
        }
        let (sig_role, date_role) = (&profile.signature, &profile.date);
        let widest = |role: &RoleStyle, pick: fn(&Block) -> Option<&Content>| {
            group.iter().filter_map(|b| pick(b)).map(|c| advance(profile, role, &c.text())).max()
        };
        let sig_w = widest(sig_role, |b| match b {
            Block::Signature(s) => Some(&s.content),
            _ => None,
        });
        let date_w = widest(date_role, |b| match b {
            Block::Date(c) => Some(c),
            _ => None,
        });
        let width = text_width(profile);
        let shift = twips(profile.layout.date_shift_chars * date_role.size_pt);
        let sig_inset = styles::end_matter_inset(profile, sig_role);
        let date_inset = styles::end_matter_inset(profile, date_role);
        // Exactly one of the two is placed by its left edge; the other keeps its style.
        let (mut sig_left, mut date_left) = (None, None);
        if let (Some(sig_w), Some(date_w)) = (sig_w, date_w) {
            let sig_start = width - sig_inset - sig_w;
            if sig_start + shift + date_w <= width - date_inset {
                date_left = Some(sig_start + shift);
            } else {
                sig_left = Some(width - date_inset - date_w - shift);
            }
        }
        let flush_left = |left: Option<i32>| match left {
            Some(left) => ParaProps {
                indent: Some(Indent {
                    left: Some(left.max(0)),
                    right: Some(0),
                    ..Indent::default()
                }),
                align: Some(Align::Left),
                ..ParaProps::default()
            },
            None => ParaProps::default(),
        };
        let blank = self.blank_lines(profile.layout.blank_lines_before_signature, true);
        for (n, block) in group.iter().enumerate() {
            let (style, content, left) = match block {
                Block::Signature(s) => (styles::SIGNATURE, &s.content, sig_left),
                Block::Date(c) => (styles::DATE, c, date_left),
                _ => continue,
            };
            let mut props = flush_left(left);
            if n == 0 {
                props.spacing = blank.spacing;
            }
            if n + 1 == group.len() {
                // The date keeps with a 附注 after it, not with nothing.
                self.keep_with_end &= more;
            }
            self.paragraph(Some(style), content, props);
        }
    }
}

/// Whether a block puts anything on the page.
fn is_rendered(block: &Block) -> bool {
    match block {
        Block::Removed(_) => false,
        Block::Title(t) => t.lines.iter().any(|l| !l.is_empty()),
        Block::Heading(_) | Block::Appendix(_) => true,
        Block::Attachment(a) => a.lines.iter().any(|l| !l.is_empty()),
        Block::Table(t) => !t.rows.is_empty(),
        Block::Signature(s) => !s.content.is_empty(),
        other => other.contents().iter().any(|c| !c.is_empty()),
    }
}

/// The first block that keeps with the end matter (the first attachment note, signature or
/// date): the body block before it, or the one before that when the nearer one is a single
/// line (a closing formula), so that two body lines go along. None without end matter.
fn end_matter_keep(blocks: &[&Block], profile: &StyleProfile) -> Option<usize> {
    let e = blocks
        .iter()
        .position(|b| matches!(b, Block::Attachment(_) | Block::Signature(_) | Block::Date(_)))?;
    let body = |b: &Block| matches!(b, Block::Paragraph(_) | Block::Closing(_));
    let mut t = e.checked_sub(1)?;
    let line = profile.page.chars_per_line as usize;
    let one_line = |b: &Block| {
        b.plain_text().chars().count() + profile.body.first_line_indent_chars as usize <= line
    };
    if one_line(blocks[t]) && t > 0 && body(blocks[t]) && body(blocks[t - 1]) {
        t -= 1;
    }
    Some(if body(blocks[t]) { t } else { e })
}

/// Whether the title block ends before `next`.
fn blank_after_title(next: Option<&Block>) -> bool {
    !matches!(next, None | Some(Block::Title(_) | Block::Subtitle(_)))
}

/// Splits an attachment line into its lead ("附件：", or nothing on later lines) and its
/// number ("1.", "2、", or nothing).
fn attachment_prefix(text: &str) -> (&str, &str) {
    let lead_end = ["附件：", "附件:"]
        .iter()
        .find(|lead| text.starts_with(*lead))
        .map_or(0, |lead| lead.len());
    let rest = &text[lead_end..];
    let digits = rest.find(|c: char| !(c.is_ascii_digit() || ('０'..='９').contains(&c)));
    let number_end = match digits {
        Some(d) if d > 0 => {
            let mark = rest[d..].chars().next().filter(|c| matches!(c, '.' | '．' | '、'));
            mark.map_or(0, |m| d + m.len_utf8())
        }
        _ => 0,
    };
    (&text[..lead_end], &rest[..number_end])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn long_titles_break_as_the_pdf_does() {
        let profile = StyleProfile::default();
        let title = "某市长在全市经济发展重点工作调度会上的讲话";
        let doc = Document {
            blocks: vec![Block::Title(Title {
                lines: vec![Content::plain(title, gongwen_ast::Span::DETACHED)],
                span: gongwen_ast::Span::DETACHED,
            })],
            ..Document::default()
        };
        let xml = document_xml(&doc, &profile, None, None);
        let lines = gongwen_layout::title::title_lines(title, &profile);
        assert!(lines.len() == 2, "{lines:?}");
        let expected =
            format!("<w:t>{}</w:t></w:r><w:r><w:br/></w:r><w:r><w:t>{}</w:t>", lines[0], lines[1]);
        assert!(xml.contains(&expected), "{xml}");
    }

    #[test]
    fn attachment_prefixes() {
        assert_eq!(attachment_prefix("附件：1.名单"), ("附件：", "1."));
        assert_eq!(attachment_prefix("附件:名单"), ("附件:", ""));
        assert_eq!(attachment_prefix("12、名单"), ("", "12、"));
        assert_eq!(attachment_prefix("２．名单"), ("", "２．"));
        assert_eq!(attachment_prefix("2020年名单"), ("", ""));
    }

    #[test]
    fn advance_counts_half_width_characters_by_their_width() {
        let profile = StyleProfile::default();
        // 16 pt − 0.25 pt a full-width character, 8 pt − 0.25 pt a digit, 4 pt − 0.25 pt
        // a full stop; a fifth of an em where 3 meets 年.
        assert_eq!(advance(&profile, &profile.date, "2023年"), twips(4.0 * 7.75 + 3.2 + 15.75));
        assert_eq!(advance(&profile, &profile.date, "1."), twips(7.75 + 3.75));
        let mut solid = StyleProfile::default();
        solid.layout.han_latin_space_em = 0.0;
        assert_eq!(advance(&solid, &solid.date, "2023年"), twips(4.0 * 7.75 + 15.75));
    }
}
