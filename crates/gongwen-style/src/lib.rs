//! The GB/T 9704-2012 style profile.
//!
//! Every number the standard fixes — page, margins, the 22 × 28 grid, fonts and sizes per
//! role, page numbers, end-matter placement — lives here, once. The DOCX and PDF renderers
//! both read a [`StyleProfile`]; neither holds a number of its own.
//!
//! Offices use other fonts (方正仿宋_GBK, 方正黑体_GBK …) and sometimes other sizes: a TOML
//! file overrides any key, and [`StyleProfile::to_toml`] writes the default profile to start
//! from.
//!
//! ```
//! use gongwen_style::StyleProfile;
//!
//! let profile = StyleProfile::from_toml("[body]\nfont = \"方正仿宋_GBK\"\n").unwrap();
//! assert_eq!(profile.body.font, "方正仿宋_GBK");
//! assert_eq!(profile.page.lines_per_page, 22); // everything else keeps its default
//! ```

use serde::{Deserialize, Serialize};

mod grid;
mod official;

pub use official::Official;

/// Points in a millimetre.
pub const PT_PER_MM: f32 = 72.0 / 25.4;

/// The whole profile: page set-up and one [`RoleStyle`] per kind of block.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct StyleProfile {
    /// Paper, margins and the line/character grid.
    pub page: Page,
    /// Fonts for digits and Latin letters.
    pub latin: LatinFont,
    /// The title (标题).
    pub title: RoleStyle,
    /// Speaker or date lines under the title.
    pub subtitle: RoleStyle,
    /// Salutation or addressee (同志们：, 主送机关).
    pub salutation: RoleStyle,
    /// Body paragraphs (正文); closing formulas use it too.
    pub body: RoleStyle,
    /// Level-1 headings (一、).
    pub heading1: RoleStyle,
    /// Level-2 headings (（一）).
    pub heading2: RoleStyle,
    /// Level-3 headings (1.).
    pub heading3: RoleStyle,
    /// Level-4 headings (（1）).
    pub heading4: RoleStyle,
    /// The attachment note (附件：1.……).
    pub attachment: RoleStyle,
    /// Signature (the issuing organ or speaker) at the end.
    pub signature: RoleStyle,
    /// The date at the end.
    pub date: RoleStyle,
    /// Placement of end matter and blank lines between parts.
    pub layout: LayoutRules,
    /// The page number in the footer.
    pub page_number: PageNumber,
    /// The head, sealed signature, attachments and foot of an official copy.
    pub official: Official,
}

/// Paper, margins and the grid (GB/T 9704 §5).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Page {
    /// Paper width: A4, 210 mm.
    pub width_mm: f32,
    /// Paper height: A4, 297 mm.
    pub height_mm: f32,
    /// Top margin (天头), 37 mm.
    pub margin_top_mm: f32,
    /// Bottom margin, 35 mm.
    pub margin_bottom_mm: f32,
    /// Left margin (订口), 28 mm.
    pub margin_left_mm: f32,
    /// Right margin, 26 mm.
    pub margin_right_mm: f32,
    /// Body lines on a full page: 22. Sets `line_pitch_pt` (see [`StyleProfile::fit_grid`]);
    /// validation refuses a pair that disagrees (see [`StyleProfile::grid_lines`]), so the
    /// number a reader sees here is the one both renderers lay out.
    pub lines_per_page: u32,
    /// Body characters on a full line: 28. Sets `char_spacing_pt` with the text width and
    /// the body size (see [`StyleProfile::grid_chars`]), checked the same way.
    pub chars_per_line: u32,
    /// Distance from one body line to the next, from `lines_per_page`: 225 mm / 22 =
    /// 28.99 pt, down to a twip, 28.95 pt (579 twips), so that 22 lines surely fit.
    pub line_pitch_pt: f32,
    /// Extra space after each character, from `chars_per_line`, so that 28 body characters
    /// fill the 156 mm line: 16 pt − 0.25 pt = 15.75 pt, and 28 × 15.75 pt = 441 pt ≤ 442.2 pt.
    pub char_spacing_pt: f32,
}

/// Fonts for digits and Latin letters, which GB/T 9704 practice sets apart from the
/// Chinese text.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct LatinFont {
    /// The font named in documents: Times New Roman.
    pub font: String,
    /// The free font drawn when the named one is not installed.
    pub stand_in: String,
}

/// Horizontal alignment of a paragraph.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Align {
    /// Flush left.
    Left,
    /// Centred.
    Center,
    /// Flush right.
    Right,
    /// Justified, the last line flush left.
    Justify,
}

/// How one kind of block is set.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct RoleStyle {
    /// The Chinese font named in documents (仿宋_GB2312, 黑体 …).
    pub font: String,
    /// The free font face (PostScript name) drawn when the named one is not installed.
    pub stand_in: String,
    /// Size in points: 2号 = 22, 3号 = 16, 4号 = 14.
    pub size_pt: f32,
    /// Bold.
    pub bold: bool,
    /// Alignment.
    pub align: Align,
    /// First-line indent in characters of this role's size (body: 2).
    pub first_line_indent_chars: f32,
    /// Keep the paragraph on the same page as the next one (headings, the title).
    pub keep_with_next: bool,
}

/// Blank lines between parts, and the placement of end matter (GB/T 9704 §7.3).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct LayoutRules {
    /// Distance between title lines, in points (practice: 28–35 pt).
    pub title_line_pitch_pt: f32,
    /// Blank grid lines after the title and its subtitles.
    pub blank_lines_after_title: u32,
    /// Blank grid lines between the body and the attachment note.
    pub blank_lines_before_attachment: u32,
    /// Blank grid lines between the body (or attachment note) and the signature.
    pub blank_lines_before_signature: u32,
    /// The signature stands this many characters from the right edge.
    pub signature_right_inset_chars: f32,
    /// The date starts this many characters to the right of the signature's start.
    pub date_shift_chars: f32,
    /// The attachment note's first-line indent, in characters.
    pub attachment_indent_chars: f32,
    /// Outline stroke, in ems, that thickens a bold role drawn with a regular face (PDF;
    /// Word and LibreOffice embolden by themselves).
    pub synthetic_bold_em: f32,
    /// Thickness of a table's rules, in points: a thin single line (GB/T 9704 §8), the
    /// DOCX's `w:sz="4"` eighths of a point.
    pub table_rule_pt: f32,
    /// Space between a table cell's rules and its text, left and right, in points: Word's
    /// default cell margin (108 twips), which the DOCX leaves in place.
    pub table_cell_margin_pt: f32,
    /// The smallest line pitch, in points, the last page of the flow may be tightened to so
    /// that the end matter (attachment note, signature, date, 附注) is neither split nor
    /// left alone with a line or two of body on a page (GB/T 9704 §7.3.5 allows tightening
    /// the spacing; **(choice)** 25 pt, room for three lines more than the grid's 22). The
    /// line pitch or more turns tightening off.
    pub tightened_line_pitch_min_pt: f32,
    /// Space set between a Chinese character and an ASCII letter or digit beside it, in
    /// ems of the text's size: "2024 年" rather than "2024年". Not at a line's start or end,
    /// nor beside punctuation or spaces, and never widened by justification; lines of
    /// Chinese alone keep the grid. clreq §3.2.2 allows up to a quarter em; Word and WPS
    /// set such a space by default, and LibreOffice 7.4 always sets a fifth of an em, so
    /// **(choice)** 0.2 makes the PDF break lines with digits where they do. 0 sets the
    /// scripts solid and asks Word for the same (`w:autoSpaceDE`/`w:autoSpaceDN` off),
    /// though LibreOffice still spaces them. From 0 to 0.25.
    pub han_latin_space_em: f32,
}

/// The page number in the footer (GB/T 9704 §7.5).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct PageNumber {
    /// The font named in documents: 宋体.
    pub font: String,
    /// The free face drawn when the named one is not installed.
    pub stand_in: String,
    /// 4号 = 14 pt.
    pub size_pt: f32,
    /// The dash on each side of the number: "— N —" uses U+2014.
    pub dash: String,
    /// Odd pages right-aligned, even pages left-aligned, each this many characters in.
    pub inset_chars: f32,
    /// Distance from the bottom of the text block to the page number line, 7 mm.
    pub below_text_mm: f32,
}

impl Default for StyleProfile {
    fn default() -> StyleProfile {
        let body = RoleStyle {
            font: "仿宋_GB2312".into(),
            stand_in: "FandolFang-Regular".into(),
            size_pt: 16.0,
            bold: false,
            align: Align::Justify,
            first_line_indent_chars: 2.0,
            keep_with_next: false,
        };
        let heading = |font: &str, stand_in: &str, bold: bool| RoleStyle {
            font: font.into(),
            stand_in: stand_in.into(),
            bold,
            keep_with_next: true,
            ..body.clone()
        };
        let flush =
            |align: Align| RoleStyle { align, first_line_indent_chars: 0.0, ..body.clone() };
        StyleProfile {
            page: Page::default(),
            latin: LatinFont::default(),
            title: RoleStyle {
                font: "方正小标宋简体".into(),
                stand_in: "FandolSong-Bold".into(),
                size_pt: 22.0,
                bold: false,
                align: Align::Center,
                first_line_indent_chars: 0.0,
                keep_with_next: true,
            },
            subtitle: RoleStyle {
                font: "楷体_GB2312".into(),
                stand_in: "FandolKai-Regular".into(),
                align: Align::Center,
                first_line_indent_chars: 0.0,
                keep_with_next: true,
                ..body.clone()
            },
            salutation: flush(Align::Left),
            heading1: heading("黑体", "FandolHei-Regular", false),
            heading2: heading("楷体_GB2312", "FandolKai-Regular", false),
            heading3: heading("仿宋_GB2312", "FandolFang-Regular", true),
            heading4: heading("仿宋_GB2312", "FandolFang-Regular", false),
            attachment: RoleStyle { align: Align::Left, ..body.clone() },
            // The signature keeps with its date.
            signature: RoleStyle { keep_with_next: true, ..flush(Align::Right) },
            date: flush(Align::Right),
            body,
            layout: LayoutRules::default(),
            page_number: PageNumber::default(),
            official: Official::default(),
        }
    }
}

impl Default for Page {
    fn default() -> Page {
        Page {
            width_mm: 210.0,
            height_mm: 297.0,
            margin_top_mm: 37.0,
            margin_bottom_mm: 35.0,
            margin_left_mm: 28.0,
            margin_right_mm: 26.0,
            lines_per_page: 22,
            chars_per_line: 28,
            line_pitch_pt: 28.95,
            char_spacing_pt: -0.25,
        }
    }
}

impl Default for LatinFont {
    fn default() -> LatinFont {
        LatinFont { font: "Times New Roman".into(), stand_in: "LiberationSerif".into() }
    }
}

impl Default for RoleStyle {
    fn default() -> RoleStyle {
        StyleProfile::default().body
    }
}

impl Default for LayoutRules {
    fn default() -> LayoutRules {
        LayoutRules {
            title_line_pitch_pt: 28.95,
            blank_lines_after_title: 1,
            blank_lines_before_attachment: 1,
            blank_lines_before_signature: 1,
            signature_right_inset_chars: 2.0,
            date_shift_chars: 2.0,
            attachment_indent_chars: 2.0,
            synthetic_bold_em: 0.025,
            table_rule_pt: 0.5,
            table_cell_margin_pt: 5.4,
            tightened_line_pitch_min_pt: 25.0,
            han_latin_space_em: 0.2,
        }
    }
}

impl Default for PageNumber {
    fn default() -> PageNumber {
        PageNumber {
            font: "宋体".into(),
            stand_in: "FandolSong-Regular".into(),
            size_pt: 14.0,
            dash: "\u{2014}".into(),
            inset_chars: 1.0,
            below_text_mm: 7.0,
        }
    }
}

/// A style file that could not be used.
#[derive(Debug, thiserror::Error)]
pub enum StyleError {
    /// The TOML does not parse, or a key is unknown or of the wrong type. The message
    /// names the key and the line.
    #[error("{0}")]
    Toml(#[from] toml::de::Error),
    /// A value parses but cannot be used.
    #[error("`{key}`: {message}")]
    Invalid {
        /// The dotted key, such as `page.margin_top_mm`.
        key: String,
        /// What is wrong with it.
        message: String,
    },
}

impl StyleProfile {
    /// Reads a profile from TOML. Keys that are missing keep their defaults.
    pub fn from_toml(text: &str) -> Result<StyleProfile, StyleError> {
        // First pass on the text itself, so that an unknown key or a wrong type is reported
        // with its line. Its result is not used: serde fills a missing key from the field
        // type's default, which for a role is the body style, not that role's default.
        toml::from_str::<StyleProfile>(text)?;
        // Second pass: the file's keys laid over the full default profile.
        let mut merged = toml::Table::try_from(StyleProfile::default())
            .expect("the style profile always serialises");
        let top = text.parse::<toml::Table>()?;
        let page = top.get("page").and_then(toml::Value::as_table).cloned();
        overlay(&mut merged, top);
        let mut profile: StyleProfile = merged.try_into()?;
        profile.settle_grid(page.as_ref())?;
        profile.validate()?;
        Ok(profile)
    }

    /// The profile as TOML, every key written out.
    pub fn to_toml(&self) -> String {
        toml::to_string_pretty(self).expect("the style profile always serialises")
    }

    /// The style of a heading level (clamped to 1–4).
    pub fn heading(&self, level: u8) -> &RoleStyle {
        match level {
            0 | 1 => &self.heading1,
            2 => &self.heading2,
            3 => &self.heading3,
            _ => &self.heading4,
        }
    }

    /// Checks that the numbers make a usable page.
    pub fn validate(&self) -> Result<(), StyleError> {
        let invalid = |key: &str, message: &str| {
            Err(StyleError::Invalid { key: key.into(), message: message.into() })
        };
        let p = &self.page;
        let lengths = [
            ("page.width_mm", p.width_mm),
            ("page.height_mm", p.height_mm),
            ("page.line_pitch_pt", p.line_pitch_pt),
            ("layout.title_line_pitch_pt", self.layout.title_line_pitch_pt),
            ("page_number.size_pt", self.page_number.size_pt),
        ];
        for (key, value) in lengths {
            if !(value.is_finite() && value > 0.0) {
                return invalid(key, "must be a positive number");
            }
        }
        let margins = [
            ("page.margin_top_mm", p.margin_top_mm),
            ("page.margin_bottom_mm", p.margin_bottom_mm),
            ("page.margin_left_mm", p.margin_left_mm),
            ("page.margin_right_mm", p.margin_right_mm),
            ("page_number.below_text_mm", self.page_number.below_text_mm),
        ];
        for (key, value) in margins {
            if !(value.is_finite() && value >= 0.0) {
                return invalid(key, "must be zero or more");
            }
        }
        if p.text_width_mm() <= 0.0 {
            return invalid(
                "page.margin_left_mm",
                "the left and right margins leave no text width",
            );
        }
        if p.text_height_mm() <= 0.0 {
            return invalid(
                "page.margin_top_mm",
                "the top and bottom margins leave no text height",
            );
        }
        for (name, role) in self.roles() {
            if !(role.size_pt.is_finite() && role.size_pt > 0.0) {
                return invalid(&format!("{name}.size_pt"), "must be a positive number");
            }
            if role.font.trim().is_empty() {
                return invalid(&format!("{name}.font"), "must name a font");
            }
            if !role.first_line_indent_chars.is_finite() {
                return invalid(&format!("{name}.first_line_indent_chars"), "must be a number");
            }
        }
        self.validate_ranges()
    }

    /// Checks that every number can be laid out: a page Word can hold, characters that
    /// neither overlap nor overflow a line, lines that fit the text block, indents within
    /// the line — and that the grid keys agree with the geometry they follow from.
    fn validate_ranges(&self) -> Result<(), StyleError> {
        let invalid =
            |key: &str, message: String| Err(StyleError::Invalid { key: key.into(), message });
        let p = &self.page;
        // Word's largest page is 22 inches; PDF readers agree up to 200.
        const MAX_PAGE_MM: f32 = 558.8;
        for (key, value) in [("page.width_mm", p.width_mm), ("page.height_mm", p.height_mm)] {
            if value > MAX_PAGE_MM {
                return invalid(
                    key,
                    format!("at most {MAX_PAGE_MM} mm (22 in, Word's largest page)"),
                );
            }
        }
        let width_pt = p.text_width_mm() * PT_PER_MM;
        let height_pt = p.text_height_mm() * PT_PER_MM;
        if !p.char_spacing_pt.is_finite() {
            return invalid("page.char_spacing_pt", "must be a number".into());
        }
        if p.line_pitch_pt > height_pt {
            return invalid(
                "page.line_pitch_pt",
                format!("{} pt is taller than the text block ({height_pt:.1} pt)", p.line_pitch_pt),
            );
        }
        if self.layout.title_line_pitch_pt > height_pt {
            return invalid(
                "layout.title_line_pitch_pt",
                format!("taller than the text block ({height_pt:.1} pt)"),
            );
        }
        let mut roles: Vec<(String, f32, f32)> = self
            .roles()
            .iter()
            .map(|(name, r)| (name.to_string(), r.size_pt, r.first_line_indent_chars))
            .collect();
        roles.push(("page_number".into(), self.page_number.size_pt, self.page_number.inset_chars));
        for (name, size, indent) in roles {
            let advance = size + p.char_spacing_pt;
            if advance < size / 2.0 {
                return invalid(
                    "page.char_spacing_pt",
                    format!(
                        "{} pt makes {name}'s {size} pt characters overlap (at least {} pt)",
                        p.char_spacing_pt,
                        -size / 2.0
                    ),
                );
            }
            if advance > width_pt || size > height_pt {
                return invalid(
                    &format!("{name}.size_pt"),
                    format!(
                        "{size} pt characters do not fit the {width_pt:.1} × {height_pt:.1} pt text block"
                    ),
                );
            }
            let key = if name == "page_number" {
                "page_number.inset_chars".to_string()
            } else {
                format!("{name}.first_line_indent_chars")
            };
            if indent < 0.0 || (indent + 1.0) * advance > width_pt {
                return invalid(
                    &key,
                    format!(
                        "{indent} characters: must be 0 or more and leave room for a character on the line"
                    ),
                );
            }
        }
        let body = self.body.size_pt + p.char_spacing_pt;
        let rules = &self.layout;
        for (key, chars) in [
            ("layout.signature_right_inset_chars", rules.signature_right_inset_chars),
            ("layout.date_shift_chars", rules.date_shift_chars),
            ("layout.attachment_indent_chars", rules.attachment_indent_chars),
        ] {
            if !(chars.is_finite() && chars >= 0.0 && chars * body < width_pt) {
                return invalid(
                    key,
                    format!("{chars} characters: must be 0 or more and within the line"),
                );
            }
        }
        if !(0.0..=0.2).contains(&rules.synthetic_bold_em) {
            return invalid("layout.synthetic_bold_em", "must be from 0 to 0.2 em".into());
        }
        if !(0.0..=0.25).contains(&rules.han_latin_space_em) {
            return invalid(
                "layout.han_latin_space_em",
                "must be from 0 to 0.25 em (clreq §3.2.2: at most a quarter em)".into(),
            );
        }
        if !(0.0..=6.0).contains(&rules.table_rule_pt) {
            return invalid("layout.table_rule_pt", "must be from 0 to 6 pt".into());
        }
        let floor = rules.tightened_line_pitch_min_pt;
        if !floor.is_finite() || floor < self.body.size_pt {
            return invalid(
                "layout.tightened_line_pitch_min_pt",
                "must be the body size or more".into(),
            );
        }
        if !(0.0..=body).contains(&rules.table_cell_margin_pt) {
            return invalid(
                "layout.table_cell_margin_pt",
                "must be from 0 to one character".into(),
            );
        }
        let o = &self.official;
        if !(o.seal_diameter_mm.is_finite()
            && o.seal_diameter_mm > 0.0
            && o.seal_diameter_mm <= p.text_width_mm())
        {
            return invalid(
                "official.seal_diameter_mm",
                "must be more than 0 and fit the text block's width".into(),
            );
        }
        for (key, mm) in [
            ("official.seal_top_below_body_mm", o.seal_top_below_body_mm),
            ("official.seal_gap_mm", o.seal_gap_mm),
        ] {
            if !(mm.is_finite() && mm >= 0.0 && mm < p.text_height_mm()) {
                return invalid(key, "must be 0 or more and within the text block".into());
            }
        }
        if o.seals_per_row == 0 {
            return invalid("official.seals_per_row", "must be 1 or more".into());
        }
        let inset = o.sealed_date_right_inset_chars;
        if !(inset.is_finite() && inset >= 0.0 && inset * body < width_pt) {
            return invalid(
                "official.sealed_date_right_inset_chars",
                format!("{inset} characters: must be 0 or more and within the line"),
            );
        }
        if self.page_number.below_text_mm + self.page_number.size_pt / PT_PER_MM
            > p.margin_bottom_mm
        {
            return invalid(
                "page_number.below_text_mm",
                "puts the page number below the paper's edge".into(),
            );
        }
        let (lines, chars) = (self.grid_lines(), self.grid_chars());
        for (key, given, derived) in [
            ("page.lines_per_page", p.lines_per_page, lines),
            ("page.chars_per_line", p.chars_per_line, chars),
        ] {
            if given != derived {
                return invalid(
                    key,
                    format!(
                        "the page, margins, body size, char_spacing_pt and line_pitch_pt give {derived}; \
                         the grid follows from them (set {key} = {derived}, or change those)"
                    ),
                );
            }
        }
        Ok(())
    }

    /// Body lines a full page holds: the text height over the line pitch.
    pub fn grid_lines(&self) -> u32 {
        let p = &self.page;
        // A thousandth of a line of slack: 22 × 28.95 pt fill 225 mm but for rounding.
        ((p.text_height_mm() * PT_PER_MM / p.line_pitch_pt) + 1e-3).floor() as u32
    }

    /// Body characters a full line holds: the text width over the body's advance.
    pub fn grid_chars(&self) -> u32 {
        let p = &self.page;
        let advance = self.body.size_pt + p.char_spacing_pt;
        ((p.text_width_mm() * PT_PER_MM / advance) + 1e-3).floor() as u32
    }

    /// Every role with its key in the TOML file.
    pub fn roles(&self) -> [(&'static str, &RoleStyle); 11] {
        [
            ("title", &self.title),
            ("subtitle", &self.subtitle),
            ("salutation", &self.salutation),
            ("body", &self.body),
            ("heading1", &self.heading1),
            ("heading2", &self.heading2),
            ("heading3", &self.heading3),
            ("heading4", &self.heading4),
            ("attachment", &self.attachment),
            ("signature", &self.signature),
            ("date", &self.date),
        ]
    }
}

/// Lays `top` over `base`, table by table, so that keys missing from `top` keep `base`'s value.
fn overlay(base: &mut toml::Table, top: toml::Table) {
    for (key, value) in top {
        match (base.get_mut(&key), value) {
            (Some(toml::Value::Table(inner)), toml::Value::Table(top_inner)) => {
                overlay(inner, top_inner)
            }
            (_, value) => {
                base.insert(key, value);
            }
        }
    }
}

impl Page {
    /// Width of the text block (版心): 156 mm by default.
    pub fn text_width_mm(&self) -> f32 {
        self.width_mm - self.margin_left_mm - self.margin_right_mm
    }

    /// Height of the text block: 225 mm by default.
    pub fn text_height_mm(&self) -> f32 {
        self.height_mm - self.margin_top_mm - self.margin_bottom_mm
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn default_grid_fits_the_text_block() {
        let profile = StyleProfile::default();
        let p = &profile.page;
        assert_eq!(p.text_width_mm(), 156.0);
        assert_eq!(p.text_height_mm(), 225.0);
        let pitch = profile.body.size_pt + p.char_spacing_pt;
        let width_pt = p.text_width_mm() * PT_PER_MM;
        assert!(pitch * p.chars_per_line as f32 <= width_pt, "28 characters fit");
        assert!(pitch * (p.chars_per_line + 1) as f32 > width_pt, "29 do not");
        let height_pt = p.text_height_mm() * PT_PER_MM;
        assert!(p.line_pitch_pt * p.lines_per_page as f32 <= height_pt, "22 lines fit");
        assert!(p.line_pitch_pt * (p.lines_per_page + 1) as f32 > height_pt, "23 do not");
    }

    #[test]
    fn toml_round_trips() {
        let profile = StyleProfile::default();
        let text = profile.to_toml();
        assert_eq!(StyleProfile::from_toml(&text).unwrap(), profile);
        assert!(text.contains("[heading1]") && text.contains("黑体"));
    }

    #[test]
    fn partial_file_overrides_only_its_keys() {
        let p = StyleProfile::from_toml(
            "[heading1]\nfont = \"方正黑体_GBK\"\n[page]\nmargin_top_mm = 36.5\n",
        )
        .unwrap();
        assert_eq!(p.heading1.font, "方正黑体_GBK");
        assert!(p.heading1.keep_with_next);
        assert_eq!(p.page.margin_top_mm, 36.5);
        assert_eq!(p.body, StyleProfile::default().body);
    }

    #[test]
    fn errors_name_the_key_and_line() {
        let err = StyleProfile::from_toml("[body]\nsize_pt = 16\nfont_size = 3\n")
            .unwrap_err()
            .to_string();
        assert!(err.contains("font_size") && err.contains("line 3"), "{err}");
        let err =
            StyleProfile::from_toml("[page]\nlines_per_page = \"22\"\n").unwrap_err().to_string();
        assert!(err.contains("line 2"), "{err}");
        let err = StyleProfile::from_toml("[body]\nsize_pt = -3\n").unwrap_err().to_string();
        assert!(err.contains("body.size_pt"), "{err}");
        let err = StyleProfile::from_toml("[page]\nmargin_left_mm = 120\nmargin_right_mm = 100\n")
            .unwrap_err()
            .to_string();
        assert!(err.contains("page.margin_left_mm"), "{err}");
    }

    #[test]
    fn absurd_numbers_are_refused_naming_their_key() {
        let cases = [
            ("[page]\nchar_spacing_pt = -100\n", "page.char_spacing_pt"),
            ("[body]\nfirst_line_indent_chars = -1000\n", "body.first_line_indent_chars"),
            ("[body]\nfirst_line_indent_chars = 40\n", "body.first_line_indent_chars"),
            ("[title]\nsize_pt = 10000\n", "title.size_pt"),
            ("[title]\nsize_pt = 1e30\n", "title.size_pt"),
            ("[page]\nwidth_mm = 1e30\n", "page.width_mm"),
            ("[page]\nline_pitch_pt = 2000\n", "page.line_pitch_pt"),
            ("[layout]\nsynthetic_bold_em = 5\n", "layout.synthetic_bold_em"),
            ("[layout]\nhan_latin_space_em = 0.5\n", "layout.han_latin_space_em"),
            ("[layout]\nhan_latin_space_em = -0.1\n", "layout.han_latin_space_em"),
            ("[layout]\nhan_latin_space_em = nan\n", "layout.han_latin_space_em"),
            ("[layout]\ndate_shift_chars = 1e9\n", "layout.date_shift_chars"),
            ("[page_number]\nbelow_text_mm = 40\n", "page_number.below_text_mm"),
            ("[page]\nlines_per_page = 30\nline_pitch_pt = 28.95\n", "page.lines_per_page"),
            ("[page]\nline_pitch_pt = 20\nlines_per_page = 22\n", "page.lines_per_page"),
            (
                "[body]\nsize_pt = 14\n[page]\nchar_spacing_pt = -0.25\nchars_per_line = 28\n",
                "page.chars_per_line",
            ),
        ];
        for (toml, key) in cases {
            let err = StyleProfile::from_toml(toml).unwrap_err().to_string();
            assert!(err.contains(&format!("`{key}`")), "{toml:?}: {err}");
        }
        // A grid changed consistently reads.
        let p =
            StyleProfile::from_toml("[page]\nline_pitch_pt = 20\nlines_per_page = 31\n").unwrap();
        assert_eq!((p.grid_lines(), p.grid_chars()), (31, 28));
    }
}
