//! Paragraph and run properties, written in the child order the OOXML schema prescribes
//! (ECMA-376 Part 1, CT_PPrBase and CT_RPr), so that Word never offers to repair a file.
//! Every field is optional; only what is set is written. Lengths are in twips (1/20 pt),
//! sizes in half-points, as WordprocessingML counts them.

use std::fmt::Write;

use gongwen_style::{Align, RoleStyle};

use crate::xml::escape_into;

/// Twips in a point.
const TWIPS_PER_PT: f32 = 20.0;

/// `pt` in twips.
pub(crate) fn twips(pt: f32) -> i32 {
    (pt * TWIPS_PER_PT).round() as i32
}

/// `mm` in twips.
pub(crate) fn mm_twips(mm: f32) -> i32 {
    twips(mm * gongwen_style::PT_PER_MM)
}

/// `pt` in half-points, the unit of `w:sz`.
pub(crate) fn half_points(pt: f32) -> u32 {
    (pt * 2.0).round().max(1.0) as u32
}

/// The four font slots of `w:rFonts`, and the hint that sends ambiguous-width punctuation
/// to the East Asian font.
#[derive(Debug, Clone, Copy, Default)]
pub(crate) struct Fonts<'a> {
    /// Font for ASCII, high ANSI and complex-script text (digits, Latin letters).
    pub latin: Option<&'a str>,
    /// Font for East Asian text.
    pub east_asia: Option<&'a str>,
    /// Adds `w:hint="eastAsia"`.
    pub hint_east_asia: bool,
}

/// Run properties (`w:rPr`).
#[derive(Debug, Clone, Copy, Default)]
pub(crate) struct RunProps<'a> {
    /// Character style id.
    pub style: Option<&'a str>,
    /// Fonts.
    pub fonts: Option<Fonts<'a>>,
    /// Bold (and complex-script bold), when set either way.
    pub bold: Option<bool>,
    /// Text colour, as red, green, blue.
    pub colour: Option<[u8; 3]>,
    /// Extra space after each character, in twips.
    pub spacing: Option<i32>,
    /// Size in half-points (also written as the complex-script size).
    pub size: Option<u32>,
    /// Marks the text as simplified Chinese, so that Chinese line-breaking rules apply.
    pub lang_zh: bool,
}

impl RunProps<'_> {
    /// Whether nothing is set.
    fn is_empty(&self) -> bool {
        self.style.is_none()
            && self.fonts.is_none()
            && self.bold.is_none()
            && self.colour.is_none()
            && self.spacing.is_none()
            && self.size.is_none()
            && !self.lang_zh
    }

    /// Writes `<w:rPr>…</w:rPr>`, or nothing when nothing is set.
    pub(crate) fn write(&self, out: &mut String) {
        if self.is_empty() {
            return;
        }
        out.push_str("<w:rPr>");
        if let Some(style) = self.style {
            element_val(out, "w:rStyle", style);
        }
        if let Some(fonts) = self.fonts {
            out.push_str("<w:rFonts");
            if let Some(latin) = fonts.latin {
                for slot in ["w:ascii", "w:hAnsi"] {
                    attr(out, slot, latin);
                }
            }
            if let Some(east_asia) = fonts.east_asia {
                attr(out, "w:eastAsia", east_asia);
            }
            if let Some(latin) = fonts.latin {
                attr(out, "w:cs", latin);
            }
            if fonts.hint_east_asia {
                out.push_str(" w:hint=\"eastAsia\"");
            }
            out.push_str("/>");
        }
        if let Some(bold) = self.bold {
            let val = if bold { "" } else { " w:val=\"0\"" };
            let _ = write!(out, "<w:b{val}/><w:bCs{val}/>");
        }
        if let Some([r, g, b]) = self.colour {
            let _ = write!(out, "<w:color w:val=\"{r:02X}{g:02X}{b:02X}\"/>");
        }
        if let Some(spacing) = self.spacing {
            let _ = write!(out, "<w:spacing w:val=\"{spacing}\"/>");
        }
        if let Some(size) = self.size {
            let _ = write!(out, "<w:sz w:val=\"{size}\"/><w:szCs w:val=\"{size}\"/>");
        }
        if self.lang_zh {
            out.push_str("<w:lang w:val=\"en-US\" w:eastAsia=\"zh-CN\"/>");
        }
        out.push_str("</w:rPr>");
    }
}

/// How the `line` of [`Spacing`] is meant.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum LineRule {
    /// Exactly this many twips from line to line.
    Exact,
}

/// Paragraph spacing (`w:spacing`), in twips.
#[derive(Debug, Clone, Copy, Default)]
pub(crate) struct Spacing {
    /// Space before the paragraph.
    pub before: Option<i32>,
    /// Space after the paragraph.
    pub after: Option<i32>,
    /// Line pitch and how it is meant.
    pub line: Option<(i32, LineRule)>,
}

/// Paragraph indentation (`w:ind`), in twips.
#[derive(Debug, Clone, Copy, Default)]
pub(crate) struct Indent {
    /// From the left margin.
    pub left: Option<i32>,
    /// From the right margin.
    pub right: Option<i32>,
    /// Extra indent of the first line.
    pub first_line: Option<i32>,
    /// The first line starts this much left of the others.
    pub hanging: Option<i32>,
}

/// Paragraph properties (`w:pPr`).
#[derive(Debug, Clone, Copy, Default)]
pub(crate) struct ParaProps<'a> {
    /// Paragraph style id.
    pub style: Option<&'a str>,
    /// Keep on the same page as the next paragraph.
    pub keep_next: bool,
    /// Start the paragraph on a new page.
    pub page_break_before: bool,
    /// Widow and orphan control, when set either way.
    pub widow_control: Option<bool>,
    /// Rules above and below the paragraph.
    pub borders: Option<Borders>,
    /// One right-aligned tab stop, in twips from the left margin.
    pub right_tab: Option<i32>,
    /// Centred tab stops, in twips from the left margin (a joint issue's sealed organs).
    pub centre_tabs: &'a [i32],
    /// Keeps punctuation within the text block: `w:overflowPunct` stated explicitly on.
    /// That is Word's default (punctuation may hang into the margin), but LibreOffice 7.4
    /// reads the element inverted, so stating it turns hanging off there: LibreOffice
    /// drops some hung marks from the page, and pushes a character to the next line
    /// instead.
    pub keep_to_grid: bool,
    /// No automatic space between Chinese text and Latin letters or digits
    /// (`w:autoSpaceDE`/`w:autoSpaceDN` off), for a profile that sets them solid: Word
    /// honours it, LibreOffice 7.4 ignores both elements (see the crate docs).
    pub solid_scripts: bool,
    /// Snap lines to the document grid, when set either way.
    pub snap_to_grid: Option<bool>,
    /// Spacing.
    pub spacing: Option<Spacing>,
    /// Indentation.
    pub indent: Option<Indent>,
    /// Alignment.
    pub align: Option<Align>,
    /// Outline level, 0 for level 1.
    pub outline_level: Option<u8>,
    /// Properties of the paragraph mark (in a style: of the paragraph's text).
    pub run: RunProps<'a>,
}

impl ParaProps<'_> {
    /// Writes `<w:pPr>…</w:pPr>`, or nothing when nothing is set.
    pub(crate) fn write(&self, out: &mut String) {
        let start = out.len();
        out.push_str("<w:pPr>");
        let inner = out.len();
        if let Some(style) = self.style {
            element_val(out, "w:pStyle", style);
        }
        if self.keep_next {
            out.push_str("<w:keepNext/>");
        }
        if self.page_break_before {
            out.push_str("<w:pageBreakBefore/>");
        }
        if let Some(on) = self.widow_control {
            out.push_str(if on { "<w:widowControl/>" } else { "<w:widowControl w:val=\"0\"/>" });
        }
        if let Some(borders) = self.borders {
            borders.write(out);
        }
        if self.right_tab.is_some() || !self.centre_tabs.is_empty() {
            out.push_str("<w:tabs>");
            for tab in self.centre_tabs {
                let _ = write!(out, "<w:tab w:val=\"center\" w:pos=\"{tab}\"/>");
            }
            if let Some(tab) = self.right_tab {
                let _ = write!(out, "<w:tab w:val=\"right\" w:pos=\"{tab}\"/>");
            }
            out.push_str("</w:tabs>");
        }
        if self.keep_to_grid {
            out.push_str("<w:overflowPunct/>");
        }
        if self.solid_scripts {
            out.push_str("<w:autoSpaceDE w:val=\"0\"/><w:autoSpaceDN w:val=\"0\"/>");
        }
        if let Some(on) = self.snap_to_grid {
            out.push_str(if on { "<w:snapToGrid/>" } else { "<w:snapToGrid w:val=\"0\"/>" });
        }
        if let Some(s) = self.spacing {
            out.push_str("<w:spacing");
            if let Some(before) = s.before {
                let _ = write!(out, " w:before=\"{before}\"");
            }
            if let Some(after) = s.after {
                let _ = write!(out, " w:after=\"{after}\"");
            }
            if let Some((line, LineRule::Exact)) = s.line {
                let _ = write!(out, " w:line=\"{line}\" w:lineRule=\"exact\"");
            }
            out.push_str("/>");
        }
        if let Some(ind) = self.indent {
            out.push_str("<w:ind");
            for (name, value) in [
                ("w:left", ind.left),
                ("w:right", ind.right),
                ("w:firstLine", ind.first_line),
                ("w:hanging", ind.hanging),
            ] {
                if let Some(v) = value {
                    let _ = write!(out, " {name}=\"{v}\"");
                }
            }
            out.push_str("/>");
        }
        if let Some(align) = self.align {
            element_val(out, "w:jc", jc(align));
        }
        if let Some(level) = self.outline_level {
            let _ = write!(out, "<w:outlineLvl w:val=\"{level}\"/>");
        }
        self.run.write(out);
        if out.len() == inner {
            out.truncate(start);
        } else {
            out.push_str("</w:pPr>");
        }
    }
}

/// A paragraph rule: its colour and thickness in eighths of a point.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Border {
    /// As red, green, blue.
    pub colour: [u8; 3],
    /// Thickness in eighths of a point (`w:sz`, 2 to 96).
    pub eighths: u32,
    /// Distance from the text, in whole points (`w:space`, 0 to 31).
    pub space_pt: u32,
}

/// The rules above and below a paragraph (`w:pBdr`).
#[derive(Debug, Clone, Copy, Default)]
pub(crate) struct Borders {
    /// Above the first line.
    pub top: Option<Border>,
    /// Below the last line.
    pub bottom: Option<Border>,
}

impl Borders {
    fn write(&self, out: &mut String) {
        out.push_str("<w:pBdr>");
        for (name, border) in [("w:top", self.top), ("w:bottom", self.bottom)] {
            if let Some(Border { colour: [r, g, b], eighths, space_pt }) = border {
                let _ = write!(
                    out,
                    "<{name} w:val=\"single\" w:sz=\"{eighths}\" w:space=\"{space_pt}\" \
                     w:color=\"{r:02X}{g:02X}{b:02X}\"/>"
                );
            }
        }
        out.push_str("</w:pBdr>");
    }
}

/// `mm` as a border thickness in eighths of a point, within what Word accepts.
pub(crate) fn border_eighths(mm: f32) -> u32 {
    (mm * gongwen_style::PT_PER_MM * 8.0).round().clamp(2.0, 96.0) as u32
}

/// The `w:jc` value of an alignment (transitional names, which every client reads).
fn jc(align: Align) -> &'static str {
    match align {
        Align::Left => "left",
        Align::Center => "center",
        Align::Right => "right",
        Align::Justify => "both",
    }
}

/// The role's first-line indent in twips.
pub(crate) fn first_line_indent(role: &RoleStyle) -> i32 {
    twips(role.first_line_indent_chars * role.size_pt)
}

/// Writes `<name w:val="value"/>`.
pub(crate) fn element_val(out: &mut String, name: &str, value: &str) {
    let _ = write!(out, "<{name} w:val=\"");
    escape_into(out, value);
    out.push_str("\"/>");
}

/// Writes ` name="value"`.
fn attr(out: &mut String, name: &str, value: &str) {
    let _ = write!(out, " {name}=\"");
    escape_into(out, value);
    out.push('"');
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn units_follow_the_profile_numbers() {
        assert_eq!(twips(28.95), 579);
        assert_eq!(twips(-0.25), -5);
        assert_eq!(half_points(22.0), 44);
        assert_eq!([37.0, 35.0, 28.0, 26.0].map(mm_twips), [2098, 1984, 1587, 1474]);
        assert_eq!([210.0, 297.0].map(mm_twips), [11906, 16838]);
    }

    #[test]
    fn empty_properties_write_nothing() {
        let mut out = String::new();
        ParaProps::default().write(&mut out);
        RunProps::default().write(&mut out);
        assert_eq!(out, "");
    }

    #[test]
    fn run_properties_come_in_schema_order() {
        let mut out = String::new();
        RunProps {
            style: Some("Heading1Char"),
            fonts: Some(Fonts {
                latin: Some("Times New Roman"),
                east_asia: None,
                hint_east_asia: true,
            }),
            bold: Some(true),
            colour: None,
            spacing: Some(-5),
            size: Some(32),
            lang_zh: false,
        }
        .write(&mut out);
        assert_eq!(
            out,
            "<w:rPr><w:rStyle w:val=\"Heading1Char\"/><w:rFonts w:ascii=\"Times New Roman\" \
             w:hAnsi=\"Times New Roman\" w:cs=\"Times New Roman\" w:hint=\"eastAsia\"/><w:b/>\
             <w:bCs/><w:spacing w:val=\"-5\"/><w:sz w:val=\"32\"/><w:szCs w:val=\"32\"/></w:rPr>"
        );
    }
}
