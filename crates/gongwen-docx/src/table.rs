//! A table block as a real Word table: as wide as the text block (GB/T 9704 §8), its grid
//! split evenly, every cell ruled with a single thin line (the profile's `table_rule_pt`), its paragraphs in the body face with
//! no first-line indent.

use gongwen_ast::Table;
use gongwen_style::StyleProfile;

use crate::body::{run, text_width};

/// Writes `table` as one `w:tbl`. A cell with no paragraphs still gets the empty `w:p`
/// that Word requires.
pub(crate) fn table(out: &mut String, table: &Table, profile: &StyleProfile) {
    let columns = table.columns().max(1);
    let width = text_width(profile);
    let column = width / columns as i32;
    out.push_str("<w:tbl><w:tblPr>");
    push(out, format_args!("<w:tblW w:w=\"{width}\" w:type=\"dxa\"/>"));
    out.push_str("<w:jc w:val=\"center\"/><w:tblBorders>");
    // Border sizes are in eighths of a point.
    let size = (profile.layout.table_rule_pt * 8.0).round() as u32;
    for edge in ["top", "left", "bottom", "right", "insideH", "insideV"] {
        push(
            out,
            format_args!(
                "<w:{edge} w:val=\"single\" w:sz=\"{size}\" w:space=\"0\" w:color=\"000000\"/>"
            ),
        );
    }
    out.push_str("</w:tblBorders><w:tblLayout w:type=\"fixed\"/></w:tblPr><w:tblGrid>");
    for _ in 0..columns {
        push(out, format_args!("<w:gridCol w:w=\"{column}\"/>"));
    }
    out.push_str("</w:tblGrid>");
    for row in &table.rows {
        out.push_str("<w:tr>");
        for cell in &row.cells {
            let span = cell.columns.max(1);
            push(
                out,
                format_args!(
                    "<w:tc><w:tcPr><w:tcW w:w=\"{}\" w:type=\"dxa\"/>",
                    column * span as i32
                ),
            );
            if span > 1 {
                push(out, format_args!("<w:gridSpan w:val=\"{span}\"/>"));
            }
            out.push_str("</w:tcPr>");
            if cell.paragraphs.is_empty() {
                out.push_str("<w:p/>");
            }
            for paragraph in &cell.paragraphs {
                out.push_str(
                    "<w:p><w:pPr><w:ind w:firstLine=\"0\" w:firstLineChars=\"0\"/></w:pPr>",
                );
                run(out, None, &paragraph.text());
                out.push_str("</w:p>");
            }
            out.push_str("</w:tc>");
        }
        out.push_str("</w:tr>");
    }
    out.push_str("</w:tbl>");
}

fn push(out: &mut String, args: std::fmt::Arguments<'_>) {
    let _ = std::fmt::Write::write_fmt(out, args);
}
