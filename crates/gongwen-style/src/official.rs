//! The numbers of an official copy's head (版头, GB/T 9704 §7.2), sealed signature (§7.3.5)
//! and foot (版记, §7.4).

use serde::{Deserialize, Serialize};

use crate::{Align, RoleStyle};

/// How the 版头, the sealed signature, attachments and the 版记 are set.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Official {
    /// The colour of the issuer mark and the red rule, as red, green, blue.
    pub red: [u8; 3],
    /// The issuer mark (发文机关标志): 小标宋, centred, red. A name wider than the text
    /// block is set smaller until it fits.
    pub issuer: RoleStyle,
    /// The top of the issuer mark below the top of the text block: 35 mm.
    pub issuer_top_mm: f32,
    /// Distance between the stacked names of a joint issue, as a multiple of their size.
    pub issuer_line_spacing: f32,
    /// 份号, 密级 and 紧急程度, flush left on lines 1–3: 3号黑体.
    pub marks: RoleStyle,
    /// The 发文字号: 3号仿宋, centred.
    pub number: RoleStyle,
    /// The 签发人 names: 3号楷体 (the label takes the number's style).
    pub signer: RoleStyle,
    /// Blank lines between the issuer mark and the 发文字号: 2.
    pub blank_lines_before_number: u32,
    /// The 发文字号 and 签发人 stand this many characters in from the edges (上行文): 1.
    pub number_inset_chars: f32,
    /// The red rule below the 发文字号's line: 4 mm.
    pub rule_below_number_mm: f32,
    /// Thickness of the red rule.
    pub red_rule_mm: f32,
    /// Blank lines between the red rule and the title: 2.
    pub blank_lines_after_rule: u32,
    /// A sealed copy's date stands this many characters from the right: 4.
    pub sealed_date_right_inset_chars: f32,
    /// Blank lines between the body (or attachment note) and a sealed copy's organ name:
    /// the seal's room. Two is the fewest that lets a seal of `seal_diameter_mm` start
    /// within a line of the body and still have the organ and date below its centre
    /// (§7.3.5.1).
    pub sealed_blank_lines_before_signature: u32,
    /// The seal's diameter: the room it takes and the size its image is drawn at (42 mm,
    /// the common size of a local government's seal).
    pub seal_diameter_mm: f32,
    /// The seal's top stands this far below the top of the first blank line after the
    /// body: within one line of the body, as §7.3.5.1 asks.
    pub seal_top_below_body_mm: f32,
    /// At least this much space between two seals of a joint issue, which may neither
    /// overlap nor touch.
    pub seal_gap_mm: f32,
    /// A joint sealed issue puts at most this many organ names in a row: 3.
    pub seals_per_row: u32,
    /// "附件N" on the first line of an attachment's page: 3号黑体, flush left.
    pub appendix_label: RoleStyle,
    /// Blank lines between "附件N" and the attachment's title (title on line 3): 1.
    pub blank_lines_before_appendix_title: u32,
    /// 抄送 and 印发 lines of the 版记: 4号仿宋.
    pub foot: RoleStyle,
    /// The 版记's text stands this many characters in from each edge: 1.
    pub foot_inset_chars: f32,
    /// The first and last rules of the 版记: 0.35 mm.
    pub thick_rule_mm: f32,
    /// The rules between the 版记's elements: 0.25 mm.
    pub thin_rule_mm: f32,
    /// Put the 版记 on an even page (double-sided printing), adding a blank page first
    /// when it would fall on an odd one.
    pub foot_on_even_page: bool,
}

impl Default for Official {
    fn default() -> Official {
        let fang = RoleStyle {
            font: "仿宋_GB2312".into(),
            stand_in: "FandolFang-Regular".into(),
            size_pt: 16.0,
            bold: false,
            align: Align::Center,
            first_line_indent_chars: 0.0,
            keep_with_next: false,
        };
        let hei = RoleStyle {
            font: "黑体".into(),
            stand_in: "FandolHei-Regular".into(),
            align: Align::Left,
            ..fang.clone()
        };
        Official {
            red: [255, 0, 0],
            issuer: RoleStyle {
                font: "方正小标宋简体".into(),
                stand_in: "FandolSong-Bold".into(),
                size_pt: 36.0,
                ..fang.clone()
            },
            issuer_top_mm: 35.0,
            issuer_line_spacing: 1.2,
            marks: hei.clone(),
            signer: RoleStyle {
                font: "楷体_GB2312".into(),
                stand_in: "FandolKai-Regular".into(),
                ..fang.clone()
            },
            blank_lines_before_number: 2,
            number_inset_chars: 1.0,
            rule_below_number_mm: 4.0,
            red_rule_mm: 0.5,
            blank_lines_after_rule: 2,
            sealed_date_right_inset_chars: 4.0,
            sealed_blank_lines_before_signature: 2,
            seal_diameter_mm: 42.0,
            seal_top_below_body_mm: 3.0,
            seal_gap_mm: 4.0,
            seals_per_row: 3,
            appendix_label: hei,
            blank_lines_before_appendix_title: 1,
            foot: RoleStyle { size_pt: 14.0, align: Align::Left, ..fang.clone() },
            foot_inset_chars: 1.0,
            thick_rule_mm: 0.35,
            thin_rule_mm: 0.25,
            foot_on_even_page: true,
            number: fang,
        }
    }
}
