//! The parts of an official copy as editable Word structures, at the places the PDF
//! layout puts them, from the same numbers (the profile's `official` section):
//! - the 版头 (GB/T 9704 §7.2) as paragraphs before the body: 份号, 密级 and 紧急程度 on
//!   lines 1–3 ("Official Marks"), the issuer mark ("Issuer", its text in the red
//!   character style "Issuer Mark"; a joint issue as a borderless table, the names
//!   stacked and "文件" centred to their right), the 发文字号 ("Document Number", with
//!   签发人 on the right by a right tab stop) carrying the red rule as its bottom border;
//! - each attachment from a new page: "附件N" ("Appendix Label", a page break before it),
//!   its title one blank line below, page numbers continuing;
//! - the 版记 (§7.4), its 抄送 ("Cc") and 印发 ("Printed") paragraphs spaced down to the
//!   bottom of the text block, the rules as paragraph borders: thick first and last, thin
//!   between. (A frame on the bottom margin, `w:framePr`, would say it better, but
//!   LibreOffice 7.4 drops such a frame's position and its borders.)
//!
//! Word cannot tell where a page ends, so the 版记 goes where the PDF layout put it
//! ([`FootPlacement`], given in `DocxOptions::foot`): after the text in the body's
//! section when the layout set it at the foot of the last page of text; else in a section
//! of its own, starting on an even page (or the next page when the profile does not print
//! double-sided), numbered unless a blank page comes before it (§7.5). When the placement
//! is not known, that section, without page numbers.
//!
//! Positions come from two facts of the clients, not from font files (the copy is
//! opened with fonts we do not know): Word and LibreOffice set a line of exact height with
//! its baseline four fifths of the way down, and a Chinese face's ideographic em box
//! stands 0.88 em above the baseline and 0.12 em below it. So the issuer mark's line is
//! 1.1 em high, which puts the top of its em box on the top of the line.

use std::fmt::Write as _;

use gongwen_ast::{Appendix, Block, Content, Document, Issuer};
use gongwen_layout::title::ems;
use gongwen_layout::{FootPlacement, SealImage};
use gongwen_style::{Align, PT_PER_MM, StyleProfile};

use crate::body::{self, run, run_with};
use crate::props::{
    Border, Borders, Indent, LineRule, ParaProps, RunProps, Spacing, border_eighths, half_points,
    twips,
};
use crate::styles::{self as styles_mod, Kind, Style, role_run, role_style};

/// Relationship id of the empty footer of the 版记's section.
pub(crate) const NO_FOOTER_RID: &str = "rId6";

/// Style ids of the official copy's parts.
const MARKS: &str = "OfficialMarks";
const ISSUER: &str = "Issuer";
const ISSUER_MARK: &str = "IssuerMark";
const NUMBER: &str = "DocumentNumber";
const SIGNER_NAME: &str = "SignerName";
const APPENDIX_LABEL: &str = "AppendixLabel";
const CC: &str = "Cc";
const PRINTED: &str = "Printed";

/// Where Word and LibreOffice put the baseline of a line of exact height: this fraction
/// of the height below its top.
const BASELINE_IN_EXACT_LINE: f32 = 0.8;
/// The top of the ideographic em box above the baseline, in ems.
const EM_BOX_TOP: f32 = 0.88;
/// The bottom of the ideographic em box below the baseline, in ems.
const EM_BOX_BOTTOM: f32 = 0.12;

/// Whether `doc` has a 版记 (抄送 or 印发).
pub(crate) fn has_foot(doc: &Document) -> bool {
    let (ccs, printed) = gongwen_ast::foot_blocks(&doc.blocks);
    !ccs.is_empty() || printed.is_some()
}

/// The styles of the official copy's parts.
pub(crate) fn styles(profile: &StyleProfile) -> Vec<Style<'_>> {
    let o = &profile.official;
    let pitch = profile.page.line_pitch_pt;
    // Head and foot lines stand where they are placed, not on the body's grid.
    let placed = |role, id, name| {
        let mut style = role_style(profile, role, id, name);
        style.ppr.snap_to_grid = Some(false);
        style.ppr.indent = Some(Indent { first_line: Some(0), ..Indent::default() });
        style.rpr.spacing = Some(0);
        style
    };
    let character = |id, name, rpr| Style {
        kind: Kind::Character,
        id,
        name,
        default: false,
        based_on: Some("DefaultParagraphFont"),
        next: None,
        link: None,
        ppr: ParaProps::default(),
        rpr,
    };
    let red = RunProps { colour: Some(o.red), spacing: Some(0), ..role_run(profile, &o.issuer) };
    let mut issuer = placed(&o.issuer, ISSUER, "Issuer");
    issuer.ppr.spacing = Some(exact(issuer_line(o.issuer.size_pt)));
    issuer.rpr = red;
    let mut label = role_style(profile, &o.appendix_label, APPENDIX_LABEL, "Appendix Label");
    label.ppr.page_break_before = true;
    label.ppr.keep_next = true;
    label.ppr.indent = Some(Indent { first_line: Some(0), ..Indent::default() });
    label.ppr.spacing = Some(Spacing {
        after: Some(twips(pitch) * o.blank_lines_before_appendix_title as i32),
        ..exact(pitch)
    });
    let inset = twips(o.foot_inset_chars * o.foot.size_pt);
    let foot = |id, name| {
        let mut style = placed(&o.foot, id, name);
        style.ppr.indent = Some(Indent {
            left: Some(inset),
            right: Some(inset),
            first_line: Some(0),
            ..Indent::default()
        });
        style
    };
    let mut printed = foot(PRINTED, "Printed");
    printed.ppr.right_tab = Some(body::text_width(profile) - inset);
    vec![
        placed(&o.marks, MARKS, "Official Marks"),
        issuer,
        placed(&o.number, NUMBER, "Document Number"),
        label,
        foot(CC, "Cc"),
        printed,
        character(ISSUER_MARK, "Issuer Mark", red),
        character(SIGNER_NAME, "Signer Name", role_run(profile, &o.signer)),
    ]
}

/// Exact line spacing of `pt`.
fn exact(pt: f32) -> Spacing {
    Spacing { line: Some((twips(pt), LineRule::Exact)), ..Spacing::default() }
}

/// The height of a line of the issuer mark at `size`: its em box's top on the line's top.
fn issuer_line(size: f32) -> f32 {
    size * EM_BOX_TOP / BASELINE_IN_EXACT_LINE
}

/// Writes one paragraph with `props`, its runs written by `runs`.
fn paragraph(out: &mut String, props: &ParaProps, runs: impl FnOnce(&mut String)) {
    out.push_str("<w:p>");
    props.write(out);
    runs(out);
    out.push_str("</w:p>");
}

/// An empty paragraph `height` points high: room before something that cannot have
/// space before it (a table).
fn spacer(out: &mut String, height: f32) {
    let props = ParaProps {
        snap_to_grid: Some(false),
        spacing: Some(exact(height.max(0.05))),
        run: RunProps { size: Some(1), ..RunProps::default() },
        ..ParaProps::default()
    };
    paragraph(out, &props, |_| {});
}

/// Writes the 版头 of `doc`, if it has one, before the body.
pub(crate) fn head(out: &mut String, doc: &Document, profile: &StyleProfile) {
    let o = &profile.official;
    let pitch = profile.page.line_pitch_pt;
    let find = |pick: fn(&Block) -> bool| doc.blocks.iter().find(|b| pick(b));
    let issuer = find(|b| matches!(b, Block::Issuer(_)));
    let number = find(|b| matches!(b, Block::Number(_)));
    let signer = find(|b| matches!(b, Block::Signer(_)));
    // `y` is the bottom of what is written, `bottom` where the head's last part ends as
    // the PDF layout counts it (points from the text block's top).
    let mut y = 0.0;
    let mut bottom = None;
    for block in &doc.blocks {
        if let Block::CopyNumber(c) | Block::Classification(c) | Block::Urgency(c) = block {
            paragraph(out, &ParaProps { style: Some(MARKS), ..ParaProps::default() }, |out| {
                run(out, None, &c.text())
            });
            y += pitch;
            bottom = Some(y);
        }
    }
    let has_number = number.is_some() || signer.is_some();
    if let Some(Block::Issuer(issuer)) = issuer {
        bottom = Some(issuer_mark(out, issuer, profile, &mut y, !has_number));
    }
    if !has_number {
        return;
    }
    let size = o.number.size_pt;
    let inset = twips(o.number_inset_chars * size);
    let first_top = bottom.unwrap_or(0.0) + o.blank_lines_before_number as f32 * pitch;
    // The PDF centres the line's em box on the grid line.
    let in_line = pitch / 2.0 + (EM_BOX_TOP - EM_BOX_BOTTOM) / 2.0 * size;
    let names: Vec<&Content> = match signer {
        Some(Block::Signer(s)) => s.names.iter().collect(),
        _ => vec![],
    };
    let number = match number {
        Some(Block::Number(c)) => Some(c),
        _ => None,
    };
    let rows = names.len().max(1);
    for row in 0..rows {
        let baseline = first_top + row as f32 * pitch + in_line;
        let before = (baseline - BASELINE_IN_EXACT_LINE * pitch - y).max(0.0);
        let last = row + 1 == rows;
        let name = names.get(row);
        let with_number = last && number.is_some();
        y += before + pitch;
        // The red rule under the last line, `rule_below_number_mm` below its text.
        let rule = last.then(|| red_rule(profile, baseline + EM_BOX_BOTTOM * size - y));
        let props = ParaProps {
            style: Some(NUMBER),
            borders: rule.map(|r| r.0),
            right_tab: (with_number && name.is_some()).then_some(body::text_width(profile) - inset),
            spacing: Some(Spacing {
                before: Some(twips(before)),
                after: rule.map(|r| twips(r.1)),
                ..exact(pitch)
            }),
            indent: (!names.is_empty()).then_some(Indent {
                left: Some(inset),
                right: Some(inset),
                first_line: Some(0),
                ..Indent::default()
            }),
            align: (!names.is_empty()).then_some(if with_number {
                Align::Left
            } else {
                Align::Right
            }),
            ..ParaProps::default()
        };
        paragraph(out, &props, |out| {
            if let Some(number) = number.filter(|_| last) {
                run(out, None, &number.text());
                if name.is_some() {
                    out.push_str("<w:r><w:tab/></w:r>");
                }
            }
            if let Some(name) = name {
                run(out, None, "签发人：");
                run(out, Some(SIGNER_NAME), &name.text());
            }
        });
    }
}

/// The red rule as the bottom border of a paragraph whose text ends `text_bottom` points
/// below (negative: above) the paragraph's bottom, and the space after it that puts the
/// title `blank_lines_after_rule` below the rule.
fn red_rule(profile: &StyleProfile, text_bottom: f32) -> (Borders, f32) {
    let o = &profile.official;
    let gap = text_bottom + o.rule_below_number_mm * PT_PER_MM;
    let rule = Borders {
        top: None,
        bottom: Some(Border {
            colour: o.red,
            eighths: border_eighths(o.red_rule_mm),
            space_pt: gap.round().clamp(0.0, 31.0) as u32,
        }),
    };
    let after = o.blank_lines_after_rule as f32 * profile.page.line_pitch_pt;
    (rule, after)
}

/// Writes the issuer mark with its top `issuer_top_mm` below the text block's top, set
/// smaller until it fits the block; moves `y` to its bottom as written and returns its
/// bottom as the PDF layout counts it (the mark's height). A `ruled` mark (a copy without
/// 发文字号) carries the red rule: a one-line mark as its own bottom border, stacked names
/// on a one-point paragraph after their table.
fn issuer_mark(
    out: &mut String,
    issuer: &Issuer,
    profile: &StyleProfile,
    y: &mut f32,
    ruled: bool,
) -> f32 {
    let o = &profile.official;
    let width = body::text_width(profile) as f32 / 20.0;
    let width_of = |c: &Content| c.text().chars().map(ems).sum::<f32>();
    let one_line = issuer.organs.len() <= 1;
    let suffix = issuer.suffix.as_ref().map_or(0.0, width_of);
    let names = issuer.organs.iter().map(width_of).fold(0.0, f32::max);
    let gap = if one_line { 0.0 } else { 0.5 };
    let total = names + gap + suffix;
    let mut size = o.issuer.size_pt;
    if total * size > width + 0.01 {
        size = (width / total).max(8.0);
    }
    let mark_top = o.issuer_top_mm * PT_PER_MM;
    let shrunk = (size != o.issuer.size_pt).then(|| half_points(size));
    let mark = |out: &mut String, text: &str| {
        let props = RunProps { style: Some(ISSUER_MARK), size: shrunk, ..RunProps::default() };
        run_with(out, props, text);
    };
    if one_line {
        let line = issuer_line(size);
        let rule = ruled.then(|| red_rule(profile, size - line));
        let props = ParaProps {
            style: Some(ISSUER),
            borders: rule.map(|r| r.0),
            spacing: Some(Spacing {
                before: Some(twips((mark_top - *y).max(0.0))),
                after: rule.map(|r| twips(r.1)),
                ..exact(line)
            }),
            ..ParaProps::default()
        };
        paragraph(out, &props, |out| {
            for part in issuer.organs.iter().chain(&issuer.suffix) {
                mark(out, &part.text());
            }
        });
        *y = mark_top.max(*y) + line;
        return mark_top + size;
    }
    // Stacked names in the first column, the suffix centred on them in the second.
    let pitch = size * o.issuer_line_spacing;
    let table_top = mark_top + EM_BOX_TOP * size - BASELINE_IN_EXACT_LINE * pitch;
    spacer(out, table_top - *y);
    let slack = 0.25 * size;
    let names_w = twips(names * size + slack);
    let suffix_w = twips((gap + suffix) * size + slack);
    let _ = write!(
        out,
        "<w:tbl><w:tblPr><w:tblW w:w=\"{}\" w:type=\"dxa\"/><w:jc w:val=\"center\"/>\
         <w:tblLayout w:type=\"fixed\"/><w:tblCellMar><w:left w:w=\"0\" w:type=\"dxa\"/>\
         <w:right w:w=\"0\" w:type=\"dxa\"/></w:tblCellMar></w:tblPr><w:tblGrid>\
         <w:gridCol w:w=\"{names_w}\"/><w:gridCol w:w=\"{suffix_w}\"/></w:tblGrid><w:tr>\
         <w:tc><w:tcPr><w:tcW w:w=\"{names_w}\" w:type=\"dxa\"/></w:tcPr>",
        names_w + suffix_w
    );
    for organ in &issuer.organs {
        let props =
            ParaProps { style: Some(ISSUER), spacing: Some(exact(pitch)), ..ParaProps::default() };
        paragraph(out, &props, |out| mark(out, &organ.text()));
    }
    let _ = write!(
        out,
        "</w:tc><w:tc><w:tcPr><w:tcW w:w=\"{suffix_w}\" w:type=\"dxa\"/>\
         <w:vAlign w:val=\"center\"/></w:tcPr>"
    );
    let props = ParaProps {
        style: Some(ISSUER),
        spacing: Some(exact(issuer_line(size))),
        indent: Some(Indent { left: Some(twips(gap * size)), ..Indent::default() }),
        align: Some(Align::Left),
        ..ParaProps::default()
    };
    paragraph(out, &props, |out| {
        if let Some(suffix) = &issuer.suffix {
            mark(out, &suffix.text());
        }
    });
    out.push_str("</w:tc></w:tr></w:tbl>");
    let count = issuer.organs.len();
    *y = table_top + count as f32 * pitch;
    let mark_bottom = mark_top + (count - 1) as f32 * pitch + size;
    if ruled {
        // A copy without 发文字号: the red rule under the stacked names, as the bottom
        // border of a paragraph one point high after the table.
        let line = 1.0;
        let (borders, after) = red_rule(profile, mark_bottom - (*y + line));
        let props = ParaProps {
            snap_to_grid: Some(false),
            borders: Some(borders),
            spacing: Some(Spacing { after: Some(twips(after)), ..exact(line) }),
            run: RunProps { size: Some(1), ..RunProps::default() },
            ..ParaProps::default()
        };
        paragraph(out, &props, |_| {});
        *y += line;
    }
    mark_bottom
}

/// "附件N" at the top of a new page.
pub(crate) fn appendix_label(out: &mut String, appendix: &Appendix, _profile: &StyleProfile) {
    let number = appendix.number.map(|n| n.to_string()).unwrap_or_default();
    let props = ParaProps { style: Some(APPENDIX_LABEL), ..ParaProps::default() };
    paragraph(out, &props, |out| run(out, None, &format!("附件{number}")));
}

/// Writes the 版记 of `doc`, if it has one, where `placed` says the layout put it: at the
/// foot of the last page of text (space before the first paragraph fills the room the
/// layout left), or in a section of its own after the body's, starting on the next page
/// (an even one when the profile prints double-sided) and spaced down from its top so
/// that the last rule lies on the text block's bottom edge. That section keeps the page
/// numbers unless a blank page comes before it (GB/T 9704 §7.5); without `placed` it has
/// none. Returns whether it wrote the last section's properties.
pub(crate) fn foot(
    out: &mut String,
    doc: &Document,
    profile: &StyleProfile,
    placed: Option<FootPlacement>,
) -> bool {
    if !has_foot(doc) {
        return false;
    }
    let o = &profile.official;
    let shared = match placed {
        Some(FootPlacement::Shared { free_pt }) => Some(free_pt),
        _ => None,
    };
    let body_footers = [body::ODD_FOOTER_RID, body::EVEN_FOOTER_RID];
    if shared.is_none() {
        // The body's section ends with an empty paragraph that takes no room to speak of.
        out.push_str("<w:p><w:pPr>");
        out.push_str("<w:snapToGrid w:val=\"0\"/><w:spacing w:line=\"1\" w:lineRule=\"exact\"/>");
        out.push_str("<w:rPr><w:sz w:val=\"1\"/></w:rPr>");
        body::section(out, profile, body_footers, None);
        out.push_str("</w:pPr></w:p>");
    }

    let (ccs, printed) = gongwen_ast::foot_blocks(&doc.blocks);
    let rule = |mm: f32| Border { colour: [0, 0, 0], eighths: border_eighths(mm), space_pt: 0 };
    let (thick, thin) = (rule(o.thick_rule_mm), rule(o.thin_rule_mm));
    let pitch = profile.page.line_pitch_pt;
    let size = o.foot.size_pt;
    let inset = o.foot_inset_chars * size;
    let avail = body::text_width(profile) as f32 / 20.0 - 2.0 * inset;
    // 抄送 lines, each with its label and the width of that label (wrapped lines align
    // with the first organ, after "抄送："), and the lines it takes.
    let lines: Vec<(&str, String, f32, usize)> = ccs
        .iter()
        .map(|cc| {
            let label = gongwen_ast::cc_label(cc);
            let text = cc.text();
            let hang = size * gongwen_ast::cc_label_chars(cc) as f32;
            let width: f32 = label.chars().chain(text.chars()).map(ems).sum::<f32>() * size;
            let more = ((width - avail).max(0.0) / (avail - hang).max(size)).ceil() as usize;
            (label, text, hang, 1 + more)
        })
        .collect();
    // The 版记 fills the page from the bottom up: its lines, and its rules as thick as
    // they are drawn.
    let rows: usize = lines.iter().map(|l| l.3).sum::<usize>() + usize::from(printed.is_some());
    let rules = 2.0 * thick.eighths as f32
        + if printed.is_some() && !ccs.is_empty() { thin.eighths as f32 } else { 0.0 };
    let height = rows as f32 * pitch + rules / 8.0;
    // The PDF draws the rules over the lines' boxes, the clients add the borders to them:
    // the first border starts their width above the PDF's first rule.
    let room = match shared {
        Some(free) => free - rules / 8.0 - FOOT_AFTER_TEXT_SLACK_PT,
        None => profile.page.text_height_mm() * PT_PER_MM - height,
    };
    let mut before = Some(twips(room.max(0.0)));
    let inset = twips(inset);
    for (n, (label, text, hang, _)) in lines.iter().enumerate() {
        let hang = twips(*hang);
        let last = n + 1 == ccs.len() && printed.is_none();
        let props = ParaProps {
            style: Some(CC),
            keep_next: !last,
            spacing: before.take().map(|b| Spacing { before: Some(b), ..Spacing::default() }),
            borders: Some(Borders {
                top: (n == 0).then_some(thick),
                bottom: last.then_some(thick),
            }),
            indent: Some(Indent {
                left: Some(inset + hang),
                right: Some(inset),
                hanging: Some(hang),
                ..Indent::default()
            }),
            ..ParaProps::default()
        };
        paragraph(out, &props, |out| {
            run(out, None, label);
            run(out, None, text);
        });
    }
    if let Some(p) = printed {
        let props = ParaProps {
            style: Some(PRINTED),
            spacing: before.take().map(|b| Spacing { before: Some(b), ..Spacing::default() }),
            borders: Some(Borders {
                top: Some(if ccs.is_empty() { thick } else { thin }),
                bottom: Some(thick),
            }),
            ..ParaProps::default()
        };
        paragraph(out, &props, |out| {
            run(out, None, &p.organ.text());
            out.push_str("<w:r><w:tab/></w:r>");
            run(out, None, &format!("{}印发", p.date.text()));
        });
    }
    if shared.is_some() {
        return false;
    }
    let start = if o.foot_on_even_page { "evenPage" } else { "nextPage" };
    let footers = if empty_footer(doc, placed) { [NO_FOOTER_RID; 2] } else { body_footers };
    body::section(out, profile, footers, Some(start));
    true
}

/// Whether the 版记's page of `doc`, placed by `placed`, has the empty footer: when a
/// blank page comes before it, or when where the layout put it is not known.
pub(crate) fn empty_footer(doc: &Document, placed: Option<FootPlacement>) -> bool {
    has_foot(doc) && matches!(placed, None | Some(FootPlacement::AfterBlank))
}

/// How much higher the 版记 stands when it follows the text on its page than the PDF's
/// room says, in points. LibreOffice 7.4 sets a paragraph with a top border after text
/// half a point lower than its space before says (not so at the top of a page), and a
/// 版记 whose last rule then passes the text block's bottom by a hair goes to the next
/// page whole.
const FOOT_AFTER_TEXT_SLACK_PT: f32 = 1.0;

/// Relationship id and part name of the seal image.
const SEAL_RID: &str = "rId7";
const SEAL_PART: &str = "word/media/seal.png";

/// The seal to draw: `seal`, when `doc` has a sealed signature to draw it over.
pub(crate) fn drawn_seal<'a>(doc: &Document, seal: Option<&'a SealImage>) -> Option<&'a SealImage> {
    let sealed = gongwen_ast::flow_blocks(&doc.blocks)
        .iter()
        .any(|b| matches!(b, Block::Signature(s) if s.sealed));
    seal.filter(|_| sealed)
}

/// The package's binary parts: the seal image, when it is drawn.
pub(crate) fn seal_media<'a>(
    doc: &Document,
    seal: Option<&'a SealImage>,
) -> Vec<(&'static str, &'a [u8])> {
    drawn_seal(doc, seal).map(|s| (SEAL_PART, s.png())).into_iter().collect()
}

/// `types` with the PNG content type added when a seal is drawn.
pub(crate) fn with_seal_type(types: String, seal: Option<&SealImage>) -> String {
    match seal {
        Some(_) => types.replacen(
            "<Default Extension=\"xml\"",
            "<Default Extension=\"png\" ContentType=\"image/png\"/><Default Extension=\"xml\"",
            1,
        ),
        None => types,
    }
}

/// `rels` with the seal image's relationship added when a seal is drawn.
pub(crate) fn with_seal_rel(rels: String, seal: Option<&SealImage>) -> String {
    match seal {
        Some(_) => rels.replacen(
            "</Relationships>",
            &format!(
                "<Relationship Id=\"{SEAL_RID}\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/image\" Target=\"media/seal.png\"/></Relationships>"
            ),
            1,
        ),
        None => rels,
    }
}

/// A sealed signature (GB/T 9704 §7.3.5.1) as Word paragraphs placed as the PDF places
/// them ([`gongwen_layout::sealed_rows`]): the date right-aligned
/// `sealed_date_right_inset_chars` from the right; one organ centred between the date's
/// ends (widened when the name is the longer); a row of a joint issue's organs on centred
/// tab stops. The first row has the seal's room as space before, every row keeps with
/// the next, and the date keeps with what follows when `keep`. The seal image, when
/// given, is an anchored picture in front of the text in each row's paragraph.
pub(crate) fn sealed_signature(
    out: &mut String,
    group: &[&Block],
    profile: &StyleProfile,
    keep: bool,
    seal: Option<&SealImage>,
) {
    let (sig_role, date_role) = (&profile.signature, &profile.date);
    let organs: Vec<&Content> = group
        .iter()
        .filter_map(|b| match b {
            Block::Signature(s) => Some(&s.content),
            _ => None,
        })
        .collect();
    let date = group.iter().find_map(|b| match b {
        Block::Date(c) => Some(c),
        _ => None,
    });
    let pt = |twips: i32| twips as f32 / 20.0;
    let widths: Vec<f32> =
        organs.iter().map(|c| pt(body::advance(profile, sig_role, &c.text()))).collect();
    let date_w = date.map(|c| pt(body::advance(profile, date_role, &c.text())));
    let placed = gongwen_layout::sealed_rows(profile, &widths, date_w);
    let width = body::text_width(profile);
    let pitch = profile.page.line_pitch_pt;
    let em = date_role.size_pt + profile.page.char_spacing_pt;
    let mut drawing = 0;
    for (row, &blank) in placed.rows.iter().zip(&placed.blank_before) {
        let tabs: Vec<i32> = row.iter().map(|&(_, x)| twips(x)).collect();
        let spacing = Spacing { before: Some(twips(pitch) * blank as i32), ..Spacing::default() };
        let mut props = ParaProps {
            style: Some(styles_mod::SIGNATURE),
            keep_next: true,
            spacing: Some(spacing),
            ..ParaProps::default()
        };
        if let [(n, x)] = row[..] {
            // Centred between indents that put the name's centre on `x`.
            let half = twips(widths[n].max(date_w.unwrap_or(0.0)) / 2.0 + em / 2.0);
            let left = (twips(x) - half).max(0);
            let right = (width - twips(x) - half).max(0);
            props.indent = Some(Indent {
                left: Some(left),
                right: Some(right),
                first_line: Some(0),
                ..Indent::default()
            });
            props.align = Some(Align::Center);
        } else {
            props.indent = Some(Indent {
                left: Some(0),
                right: Some(0),
                first_line: Some(0),
                ..Indent::default()
            });
            props.align = Some(Align::Left);
            props.centre_tabs = &tabs;
        }
        paragraph(out, &props, |out| {
            if let Some(seal) = seal {
                for &(_, x) in row {
                    drawing += 1;
                    let room = placed.blank_before[0] as f32;
                    // The seal's square top: `seal_top_below_body_mm` under the top of
                    // the room before the first row, as the PDF layout puts it.
                    let top = (blank as f32 - room) * pitch
                        + profile.official.seal_top_below_body_mm * PT_PER_MM;
                    anchor(out, profile, seal, x, top, drawing);
                }
            }
            for &(n, _) in row {
                if row.len() > 1 {
                    out.push_str("<w:r><w:tab/></w:r>");
                }
                run(out, None, &organs[n].text());
            }
        });
    }
    if let Some(date) = date {
        let props = ParaProps {
            style: Some(styles_mod::DATE),
            keep_next: keep,
            indent: Some(Indent {
                left: Some(0),
                right: Some(twips(profile.official.sealed_date_right_inset_chars * em)),
                first_line: Some(0),
                ..Indent::default()
            }),
            align: Some(Align::Right),
            ..ParaProps::default()
        };
        paragraph(out, &props, |out| run(out, None, &date.text()));
    }
}

/// EMUs in a point.
const EMU_PER_PT: f32 = 12_700.0;

/// The seal as a picture anchored in front of the text: centred across on `x` (points
/// from the text block's left), its square's top `top` points below the top of the
/// paragraph's space before, fitted to `seal_diameter_mm`.
fn anchor(out: &mut String, profile: &StyleProfile, seal: &SealImage, x: f32, top: f32, id: u32) {
    let side = profile.official.seal_diameter_mm * PT_PER_MM;
    let (w, h) = seal.fit(side);
    let emu = |pt: f32| (pt * EMU_PER_PT).round() as i64;
    let (left, y) = (emu(x - w / 2.0), emu(top + (side - h) / 2.0));
    let (cx, cy) = (emu(w), emu(h));
    let _ = write!(
        out,
        "<w:r><w:drawing xmlns:wp=\"http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing\" \
         xmlns:a=\"http://schemas.openxmlformats.org/drawingml/2006/main\" \
         xmlns:pic=\"http://schemas.openxmlformats.org/drawingml/2006/picture\">\
         <wp:anchor distT=\"0\" distB=\"0\" distL=\"0\" distR=\"0\" simplePos=\"0\" relativeHeight=\"{height}\" \
         behindDoc=\"0\" locked=\"0\" layoutInCell=\"1\" allowOverlap=\"1\"><wp:simplePos x=\"0\" y=\"0\"/>\
         <wp:positionH relativeFrom=\"margin\"><wp:posOffset>{left}</wp:posOffset></wp:positionH>\
         <wp:positionV relativeFrom=\"paragraph\"><wp:posOffset>{y}</wp:posOffset></wp:positionV>\
         <wp:extent cx=\"{cx}\" cy=\"{cy}\"/><wp:effectExtent l=\"0\" t=\"0\" r=\"0\" b=\"0\"/><wp:wrapNone/>\
         <wp:docPr id=\"{id}\" name=\"Seal {id}\" descr=\"seal\"/>\
         <wp:cNvGraphicFramePr><a:graphicFrameLocks noChangeAspect=\"1\"/></wp:cNvGraphicFramePr>\
         <a:graphic><a:graphicData uri=\"http://schemas.openxmlformats.org/drawingml/2006/picture\">\
         <pic:pic><pic:nvPicPr><pic:cNvPr id=\"{id}\" name=\"seal.png\"/><pic:cNvPicPr/></pic:nvPicPr>\
         <pic:blipFill><a:blip r:embed=\"{SEAL_RID}\"/><a:stretch><a:fillRect/></a:stretch></pic:blipFill>\
         <pic:spPr><a:xfrm><a:off x=\"0\" y=\"0\"/><a:ext cx=\"{cx}\" cy=\"{cy}\"/></a:xfrm>\
         <a:prstGeom prst=\"rect\"><a:avLst/></a:prstGeom></pic:spPr></pic:pic></a:graphicData></a:graphic>\
         </wp:anchor></w:drawing></w:r>",
        height = 251_659_264 + id,
    );
}
