//! Tables on hand-built trees: ruled on the grid as wide as the block, each cell's lines
//! inside its cell, rows kept whole across a page break, a row taller than a page broken
//! and ruled shut and open again.

mod common;

use gongwen_ast::{Block, Cell, Content, Document, Row, Span, Table};
use gongwen_layout::{Layout, Page, Role, Rule, layout};
use gongwen_style::{PT_PER_MM, StyleProfile};

fn table(rows: &[&[&str]]) -> Block {
    Block::Table(Table {
        rows: rows
            .iter()
            .map(|r| Row {
                cells: r
                    .iter()
                    .map(|t| Cell {
                        columns: 1,
                        paragraphs: vec![Content::plain(*t, Span::DETACHED)],
                    })
                    .collect(),
            })
            .collect(),
        span: Span::DETACHED,
    })
}

fn run(blocks: Vec<Block>) -> Layout {
    let doc = Document { blocks, ..Document::default() };
    layout(&doc, &StyleProfile::default(), &common::book())
}

fn block() -> (f32, f32, f32, f32) {
    let page = StyleProfile::default().page;
    let left = page.margin_left_mm * PT_PER_MM;
    let top = page.margin_top_mm * PT_PER_MM;
    (left, left + page.text_width_mm() * PT_PER_MM, top, top + page.text_height_mm() * PT_PER_MM)
}

fn horizontal(page: &Page) -> Vec<&Rule> {
    page.rules.iter().filter(|r| r.width > r.thickness).collect()
}

fn vertical(page: &Page) -> Vec<&Rule> {
    page.rules.iter().filter(|r| r.thickness > r.width).collect()
}

#[test]
fn a_table_is_ruled_as_wide_as_the_block_with_each_cell_inside_its_rules() {
    let out = run(vec![table(&[
        &["序号", "事项", "说明"],
        &["1", "安全生产", "压实企业主体责任，开展隐患排查整治，确保不发生较大以上事故。"],
    ])]);
    let (left, right, _, _) = block();
    let page = &out.pages[0];
    let across = horizontal(page);
    assert_eq!(across.len(), 3, "above each row and below the last, none twice");
    for r in &across {
        assert!((r.x - left).abs() < 0.01 && (r.x + r.width - right).abs() < 0.01);
        assert_eq!(r.colour, [0, 0, 0]);
        assert_eq!(r.thickness, StyleProfile::default().layout.table_rule_pt);
    }
    let mut xs: Vec<f32> = vertical(page).iter().map(|r| r.x + r.width / 2.0).collect();
    xs.sort_by(f32::total_cmp);
    xs.dedup_by(|a, b| (*a - *b).abs() < 0.5);
    assert_eq!(xs.len(), 4);
    // The first column holds 序号 unbroken; the long cell wraps in the third.
    let lines: Vec<_> = page.lines.iter().filter(|l| l.role == Role::Body).collect();
    assert_eq!(lines.len(), 3, "header line, then two lines of the long cell's row");
    for line in &lines {
        for run in &line.runs {
            for g in &run.glyphs {
                let column = xs.windows(2).position(|w| g.x >= w[0] && g.x < w[1]);
                let column = column.unwrap_or_else(|| panic!("“{}” outside the table", g.ch));
                assert!(g.x + g.advance <= xs[column + 1], "“{}” leaves its cell", g.ch);
            }
        }
    }
    let first: String = lines[0].runs.iter().flat_map(|r| r.glyphs.iter().map(|g| g.ch)).collect();
    assert_eq!(first, "序号事项说明");
}

#[test]
fn rows_stay_whole_across_a_page_and_each_page_is_ruled_shut() {
    let long = "各单位要按照要求认真组织实施，及时报送工作进展情况。".repeat(2);
    let mut rows: Vec<Vec<&str>> = vec![vec!["序号", "内容"]];
    // Rows of three lines each: with the header's line, seven fill a page's 22 lines, and
    // the rest go on, whole, to the next.
    rows.extend((0..12).map(|_| vec!["1", long.as_str()]));
    let rows: Vec<&[&str]> = rows.iter().map(Vec::as_slice).collect();
    let out = run(vec![table(&rows)]);
    assert!(out.pages.len() >= 2);
    let (_, _, top, bottom) = block();
    for page in &out.pages {
        let across = horizontal(page);
        let ys: Vec<f32> = across.iter().map(|r| r.y + r.thickness / 2.0).collect();
        let first = ys.iter().copied().fold(f32::INFINITY, f32::min);
        let last = ys.iter().copied().fold(0.0, f32::max);
        // Every body line of the page lies between the table's first and last rules.
        for line in page.lines.iter().filter(|l| l.role == Role::Body) {
            assert!(line.baseline > first && line.baseline < last);
        }
        assert!(first >= top - 0.5 && last <= bottom + 0.5);
        // A row's lines never straddle a rule: each row between two rules holds the two
        // lines of its long cell, or the header's one.
        let mut lines_between = vec![0; ys.len().saturating_sub(1)];
        for line in page.lines.iter().filter(|l| l.role == Role::Body) {
            let i = ys.windows(2).position(|w| line.baseline > w[0] && line.baseline < w[1]);
            lines_between[i.expect("a line between two rules")] += 1;
        }
        let most = lines_between.iter().copied().max().unwrap_or(0);
        assert!(most > 1 && lines_between.iter().skip(1).all(|&n| n == most), "{lines_between:?}");
    }
}

#[test]
fn a_row_taller_than_a_page_breaks_ruled_shut_and_open_again() {
    let long = "各单位要按照要求认真组织实施，及时报送工作进展情况。".repeat(30);
    let out = run(vec![table(&[&["说明", long.as_str()]])]);
    assert!(out.pages.len() >= 2);
    let (_, _, top, bottom) = block();
    for page in &out.pages[..2] {
        let ys: Vec<f32> = horizontal(page).iter().map(|r| r.y + r.thickness / 2.0).collect();
        assert_eq!(ys.len(), 2, "one rule above the part on this page, one below");
        assert!(vertical(page).len() == 3);
        assert!((ys[0] - top).abs() < 0.5, "ruled open at the head of the page");
        let last = page.lines.iter().filter(|l| l.role == Role::Body).map(|l| l.baseline);
        let last = last.fold(0.0, f32::max);
        assert!(ys[1] > last, "ruled shut below the part's last line");
        if page == &out.pages[0] {
            let pitch = StyleProfile::default().page.line_pitch_pt;
            assert!(ys[1] > bottom - 2.5 * pitch, "the row fills the page before it breaks");
        }
    }
}
