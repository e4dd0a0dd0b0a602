//! Tables in the PDF. For now a table is set as its cells' paragraphs in reading order (row
//! by row, left to right), in the body face, flush left with no first-line indent: no text
//! is lost and lines stay on the grid. Ruled cells as wide as the text block (GB/T 9704 §8)
//! need rules in the page model and the PDF writer, which do not exist yet.

use gongwen_ast::Table;

use crate::{Engine, Para, Role};

impl Engine<'_> {
    /// The paragraphs that stand for `table`.
    pub(crate) fn table_paras(&mut self, table: &Table) -> Vec<Para> {
        let body = &self.profile.body;
        let mut paras = Vec::new();
        for cell in table.rows.iter().flat_map(|r| &r.cells) {
            for content in cell.paragraphs.iter().filter(|c| !c.is_empty()) {
                let mut para = self.para(Role::Body, body, content);
                para.first_indent = 0.0;
                paras.push(para);
            }
        }
        paras
    }
}
